package org.calmdesk.rest.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;

import org.calmdesk.rest.Problems;

/**
 * What every operation of the REST contract shares, added to the document by the platform so that
 * modules annotate only what is theirs (operation ids, success responses, their own 409s). The
 * rules mirror the code that enforces them: the security and roles come from {@link RolePolicy}'s
 * table, the error answers from the filters and exception mappers every module server gets
 * (auth, body limit, rate limit, JSON reader, module gate), so the document cannot drift from them.
 */
final class OpenApiConventions {

    static final String PROBLEM = "Problem";
    static final String FIELD_ERROR = "FieldError";
    static final String BASIC = "basic";

    /** Properties the platform sets on every stored resource; a client never sends them. */
    static final Set<String> SERVER_SET = Set.of("id", "version", "createdAt", "updatedAt");
    private static final Set<String> ALWAYS_PRESENT = Set.of("id", "version");

    /** The standard error answers, by status: the name in {@code components/responses} and its description. */
    private static final Map<String, String[]> ERRORS = new LinkedHashMap<>();

    static {
        ERRORS.put("400", new String[] { "BadRequest", "Malformed JSON, a value of the wrong type or out of range; "
                + "validation problems list the offending fields in errors" });
        ERRORS.put("401", new String[] { "Unauthorized", "Missing or wrong credentials (HTTP Basic)" });
        ERRORS.put("403", new String[] { "Forbidden", "A known user without a role this operation needs" });
        ERRORS.put("404", new String[] { "NotFound", "No resource with this id" });
        ERRORS.put("409", new String[] { "Conflict", "The request conflicts with the resource's state "
                + "(currentStatus and allowed name it) or with another resource" });
        ERRORS.put("412", new String[] { "PreconditionFailed", "If-Match names a version that is no longer current" });
        ERRORS.put("413", new String[] { "PayloadTooLarge", "The body is larger than the server accepts" });
        ERRORS.put("415", new String[] { "UnsupportedMediaType", "The body is not application/json in UTF-8" });
        ERRORS.put("422", new String[] { "IdempotencyKeyReused",
                "This Idempotency-Key was used before with a different body" });
        ERRORS.put("429", new String[] { "TooManyRequests", "Over a rate limit; retry after Retry-After seconds" });
        ERRORS.put("500", new String[] { "InternalError",
                "An unexpected fault; the correlationId finds the details in the server's log" });
        ERRORS.put("503", new String[] { "Unavailable", "The module or the database behind this path cannot serve "
                + "right now (starting, updating, database down); retry after Retry-After seconds" });
    }

    private OpenApiConventions() {
    }

    /** Problem and field-error schemas, the standard error responses and the headers they share. */
    static void addComponents(Components components) {
        components.addSchemas(FIELD_ERROR, new ObjectSchema()
                .description("One invalid input: the field (a JSON path, a query or header parameter) and what is wrong")
                .addProperty("field", new StringSchema().example("name"))
                .addProperty("message", new StringSchema().example("must not be blank"))
                .required(List.of("field", "message")));
        Schema<Object> problem = new ObjectSchema()
                .description("An RFC 9457 problem document. Further members (such as currentStatus and allowed on a "
                        + "409) describe the problem in more detail.")
                .addProperty("type", new StringSchema().description("A URI naming the kind of problem")
                        .example("urn:calmdesk:problem:not-found"))
                .addProperty("title", new StringSchema().description("Short summary of the kind of problem")
                        .example("Not found"))
                .addProperty("status", new IntegerSchema().description("The HTTP status code").example(404))
                .addProperty("detail", new StringSchema().description("What went wrong with this request"))
                .addProperty("instance", new StringSchema().description("The request path"))
                .addProperty("correlationId", new StringSchema()
                        .description("Also in the server's log line about this problem"))
                .addProperty("errors", new ArraySchema().items(ref(FIELD_ERROR))
                        .description("Validation problems: one entry per invalid field"))
                .required(List.of("type", "title", "status"));
        problem.additionalProperties(Boolean.TRUE);
        components.addSchemas(PROBLEM, problem);

        components.addHeaders("ETag", new Header().description("The resource's version as a strong entity tag, "
                + "e.g. \"3\"; send it back in If-Match").schema(new StringSchema()));
        components.addHeaders("Location", new Header().description("The URI of the created resource")
                .schema(new StringSchema().format("uri-reference")));
        components.addHeaders("Retry-After", new Header().description("Seconds to wait before retrying")
                .schema(new IntegerSchema()));
        components.addHeaders(IdempotencyFilter.REPLAYED, new Header()
                .description("true when this is the stored answer to an earlier request with the same Idempotency-Key")
                .schema(new StringSchema()._enum(List.of("true"))));
        components.addHeaders("WWW-Authenticate", new Header().description("The authentication scheme (Basic)")
                .schema(new StringSchema()));

        components.addParameters(IdempotencyFilter.HEADER, new Parameter().in("header").name(IdempotencyFilter.HEADER)
                .required(false).schema(new StringSchema().minLength(1).maxLength(255).pattern("^[\\x20-\\x7E]+$"))
                .description("Makes a retry safe: the same key with the same body within 24 hours answers with the "
                        + "first response (status, body, Location; header " + IdempotencyFilter.REPLAYED + ": true) "
                        + "instead of creating again; with a different body it is a 422 problem, while the first "
                        + "request still runs a 409 problem. Keys are per caller and path; 1-255 printable ASCII "
                        + "characters, e.g. a UUID."));
        ERRORS.forEach((status, named) -> {
            ApiResponse response = problemResponse(named[1]);
            if (status.equals("429") || status.equals("503")) {
                response.addHeaderObject("Retry-After", headerRef("Retry-After"));
            }
            if (status.equals("401")) {
                response.addHeaderObject("WWW-Authenticate", headerRef("WWW-Authenticate"));
            }
            components.addResponses(named[0], response);
        });
    }

    /**
     * Adds the shared answers to one operation at {@code path} (below {@code /api}, such as
     * {@code /v1/customers/{id}}), the security its row of the role table gives it, and the
     * conventional types of the paging parameters.
     */
    static void apply(String path, PathItem.HttpMethod method, Operation operation) {
        ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
        operation.setResponses(responses);
        // An operation returning a typed value without @ApiResponse gets swagger-core's "default":
        // it is the 200 answer, and "default" would otherwise also swallow every error for clients.
        ApiResponse fallback = responses.remove("default");
        if (fallback != null && responses.keySet().stream().noneMatch(code -> code.startsWith("2"))) {
            if (fallback.getDescription() == null || fallback.getDescription().equals("default response")) {
                fallback.setDescription("OK");
            }
            responses.addApiResponse("200", fallback);
        }

        Set<String> roles = RolePolicy.rolesFor(method.name(), path.replaceAll("\\{[^}]+}", "x"));
        boolean open = roles == RolePolicy.OPEN;
        if (open) {
            // An empty list overrides the document's global requirement: no credentials.
            operation.setSecurity(new ArrayList<>());
        } else {
            String list = String.join(", ", new TreeSet<>(roles));
            operation.setDescription((operation.getDescription() == null ? "" : operation.getDescription() + "\n\n")
                    + "Roles: " + list + ".");
            operation.addExtension("x-roles", new ArrayList<>(new TreeSet<>(roles)));
        }

        if (method == PathItem.HttpMethod.POST && responses.containsKey("201")) {
            // IdempotencyFilter's rule: a POST that documents a 201 creates, and takes the key.
            operation.addParametersItem(new Parameter().$ref("#/components/parameters/" + IdempotencyFilter.HEADER));
            ApiResponse created = responses.get("201");
            if (created.get$ref() == null) {
                created.addHeaderObject(IdempotencyFilter.REPLAYED, headerRef(IdempotencyFilter.REPLAYED));
            }
        }
        List<Parameter> parameters = operation.getParameters() == null ? List.of() : operation.getParameters();
        boolean hasPathParameters = path.contains("{");
        boolean hasIfMatch = parameters.stream().anyMatch(p -> "header".equals(p.getIn()) && "If-Match".equalsIgnoreCase(p.getName()));
        boolean hasIdempotencyKey = parameters.stream()
                .anyMatch(p -> p.get$ref() != null && p.get$ref().endsWith("/Idempotency-Key")
                        || "Idempotency-Key".equalsIgnoreCase(p.getName()));
        boolean hasBody = operation.getRequestBody() != null;
        for (Parameter parameter : parameters) {
            typeConventionalParameter(parameter);
        }
        if (hasBody) {
            // Every body this API takes is needed: without one the operation is a 400.
            operation.getRequestBody().setRequired(Boolean.TRUE);
        }

        addError(responses, "400");
        if (!open) {
            addError(responses, "401");
            addError(responses, "403");
        }
        if (hasPathParameters) {
            addError(responses, "404");
        }
        if (hasIfMatch) {
            addError(responses, "412");
        }
        if (hasBody) {
            addError(responses, "413");
            addError(responses, "415");
        }
        if (hasIdempotencyKey) {
            addError(responses, "409");
            addError(responses, "422");
        }
        addError(responses, "429");
        addError(responses, "500");
        addError(responses, "503");

        // A module declares its own error answers (a 409 of its state machine, a 410) with a
        // description only: each gets the problem body; known headers become references.
        responses.forEach((code, response) -> {
            if (response.get$ref() == null && isError(code) && response.getContent() == null) {
                response.setContent(problemContent());
            }
            if ((code.equals("429") || code.equals("503")) && response.get$ref() == null) {
                response.addHeaderObject("Retry-After", headerRef("Retry-After"));
            }
            if (response.getHeaders() != null) {
                response.getHeaders().replaceAll((name, header) -> isSharedHeader(name) && header.get$ref() == null
                        ? headerRef(name) : header);
            }
        });
        ApiResponses ordered = new ApiResponses();
        responses.keySet().stream().sorted().forEach(code -> ordered.addApiResponse(code, responses.get(code)));
        operation.setResponses(ordered);
    }

    /**
     * Server-set properties of the platform's own conventions are read-only in every schema; a
     * resource's {@code id} and {@code version} are in every answer that has them, so they are
     * required there too (clients get non-optional types; read-only means no request sends them).
     */
    static void markServerSetProperties(Schema<?> schema) {
        if (schema.getProperties() == null) {
            return;
        }
        schema.getProperties().forEach((name, property) -> {
            if (SERVER_SET.contains(name) && property.get$ref() == null) {
                property.setReadOnly(Boolean.TRUE);
                if (ALWAYS_PRESENT.contains(name) && (schema.getRequired() == null || !schema.getRequired().contains(name))) {
                    schema.addRequiredItem(name);
                }
            }
        });
    }

    /** Paging parameters read as strings (to answer a bad value with a 400 problem) but are typed for clients. */
    private static void typeConventionalParameter(Parameter parameter) {
        if (!"query".equals(parameter.getIn()) || parameter.getSchema() == null
                || !"string".equals(parameter.getSchema().getType()) || parameter.getSchema().getFormat() != null) {
            return;
        }
        if ("limit".equals(parameter.getName())) {
            parameter.setSchema(new IntegerSchema().format("int32").minimum(java.math.BigDecimal.ONE)
                    .maximum(java.math.BigDecimal.valueOf(200))._default(50));
            if (parameter.getDescription() == null) {
                parameter.setDescription("Page size (default 50, at most 200)");
            }
        } else if ("cursor".equals(parameter.getName()) && parameter.getDescription() == null) {
            parameter.setDescription("The nextCursor of the previous page; absent for the first page");
        }
    }

    private static void addError(ApiResponses responses, String code) {
        if (!responses.containsKey(code)) {
            responses.addApiResponse(code, new ApiResponse().$ref("#/components/responses/" + ERRORS.get(code)[0]));
        }
    }

    private static boolean isError(String code) {
        return code.startsWith("4") || code.startsWith("5");
    }

    private static boolean isSharedHeader(String name) {
        return name.equals("ETag") || name.equals("Location") || name.equals("Retry-After")
                || name.equals(IdempotencyFilter.REPLAYED);
    }

    private static ApiResponse problemResponse(String description) {
        return new ApiResponse().description(description).content(problemContent());
    }

    static Content problemContent() {
        return new Content().addMediaType(Problems.MEDIA_TYPE, new MediaType().schema(ref(PROBLEM)));
    }

    private static Header headerRef(String name) {
        return new Header().$ref("#/components/headers/" + name);
    }

    static Schema<Object> ref(String schema) {
        return new Schema<>().$ref("#/components/schemas/" + schema);
    }
}
