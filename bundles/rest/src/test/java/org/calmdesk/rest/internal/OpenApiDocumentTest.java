package org.calmdesk.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import javax.ws.rs.GET;
import javax.ws.rs.HeaderParam;
import javax.ws.rs.POST;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/** The platform's part of the document: what every operation shares, derived from the code that enforces it. */
class OpenApiDocumentTest {

    public record Thing(String id, String name, long version) {
    }

    public record Page(List<Thing> items, String nextCursor) {
    }

    /** A module's resource as modules write them: operation ids, success answers, its own 409. */
    @Path("")
    @Produces(MediaType.APPLICATION_JSON)
    @Tag(name = "things", description = "Things of a test module")
    public static class ThingResource {
        @POST
        @Operation(operationId = "createThing")
        @ApiResponse(responseCode = "201", description = "Created", headers = { @Header(name = "Location"), @Header(name = "ETag") },
                content = @Content(schema = @Schema(implementation = Thing.class)))
        @ApiResponse(responseCode = "409", description = "Duplicate")
        public Response create(Thing draft) {
            return null;
        }

        @GET
        @Operation(operationId = "listThings")
        public Page list(@QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
            return null;
        }

        @PUT
        @Path("{id}")
        @Operation(operationId = "updateThing")
        public Thing update(@PathParam("id") String id, @HeaderParam("If-Match") String ifMatch, Thing draft) {
            return null;
        }
    }

    private static JsonNode document(String module, String address, Class<?> resource) throws Exception {
        PublishedEndpoints endpoints = new PublishedEndpoints();
        endpoints.add(new PublishedEndpoints.Published("platform", "/", List.of(PlatformResource.class)));
        endpoints.add(new PublishedEndpoints.Published(module, address, List.of(resource)));
        return new ObjectMapper().readTree(new OpenApiDocument(endpoints, "1.0.0").json("http://example.test:8181/api"));
    }

    @Test
    void theServerIsTheAbsoluteAddressTheRequestReached() throws Exception {
        JsonNode doc = document("things", "/v1/customers", ThingResource.class);
        assertEquals("http://example.test:8181/api", doc.at("/servers/0/url").asText());
    }

    @Test
    void openOperationsNeedNoCredentialsAndOthersNameTheirRoles() throws Exception {
        JsonNode doc = document("things", "/v1/customers", ThingResource.class);
        JsonNode health = doc.at("/paths/~1v1~1health/get");
        assertTrue(health.get("security").isArray() && health.get("security").isEmpty(), "security: [] on /health");
        assertNull(health.at("/responses").get("401"), "an open operation never answers 401");

        JsonNode create = doc.at("/paths/~1v1~1customers/post");
        assertNull(create.get("security"), "the document's basic requirement applies");
        assertNotNull(create.at("/responses").get("401"));
        assertNotNull(create.at("/responses").get("403"));
        assertTrue(create.get("x-roles").toString().contains("crm-integration"), create.toString());
    }

    @Test
    void everyErrorAnswerIsAProblemAndSuccessesAreTyped() throws Exception {
        JsonNode doc = document("things", "/v1/customers", ThingResource.class);
        JsonNode create = doc.at("/paths/~1v1~1customers/post");
        assertEquals("#/components/schemas/Problem",
                create.at("/responses/409/content/application~1problem+json/schema/$ref").asText(), "a module's own 409");
        for (String code : List.of("400", "413", "415", "429", "500", "503")) {
            assertTrue(create.at("/responses/" + code + "/$ref").asText().startsWith("#/components/responses/"), code);
        }
        assertEquals("#/components/headers/Location", create.at("/responses/201/headers/Location/$ref").asText());
        assertEquals("#/components/schemas/Thing", create.at("/responses/201/content/application~1json/schema/$ref").asText());
        assertTrue(create.at("/requestBody/required").asBoolean(), "bodies are required");

        JsonNode update = doc.at("/paths/~1v1~1customers~1{id}/put");
        assertFalse(update.at("/responses/200").isMissingNode(), "a typed return is the 200 answer, not 'default'");
        assertTrue(update.at("/responses/default").isMissingNode());
        assertFalse(update.at("/responses/412").isMissingNode(), "If-Match can be stale");
        assertFalse(update.at("/responses/404").isMissingNode(), "an id can be unknown");

        JsonNode problem = doc.at("/components/schemas/Problem");
        assertEquals("integer", problem.at("/properties/status/type").asText());
        assertTrue(problem.at("/additionalProperties").asBoolean(), "extension members such as currentStatus");
        assertFalse(problem.at("/properties/errors").isMissingNode());
        assertFalse(problem.at("/properties/correlationId").isMissingNode());
    }

    @Test
    void pagingParametersAreTypedAndServerSetFieldsReadOnly() throws Exception {
        JsonNode doc = document("things", "/v1/customers", ThingResource.class);
        JsonNode limit = doc.at("/paths/~1v1~1customers/get/parameters/0");
        assertEquals("limit", limit.get("name").asText());
        assertEquals("integer", limit.at("/schema/type").asText());
        assertEquals(200, limit.at("/schema/maximum").asInt());
        assertTrue(doc.at("/components/schemas/Thing/properties/id/readOnly").asBoolean());
        assertTrue(doc.at("/components/schemas/Thing/properties/version/readOnly").asBoolean());
        assertTrue(doc.at("/components/schemas/Thing/required").toString().contains("\"id\""), "always in an answer");
        assertTrue(doc.at("/paths/~1v1~1customers/post/parameters/0/$ref").asText().endsWith("/Idempotency-Key"),
                "a creating POST takes an Idempotency-Key");
        assertFalse(doc.at("/paths/~1v1~1customers/post/responses/422").isMissingNode());
        assertFalse(doc.at("/components/schemas/Thing/properties/name/readOnly").asBoolean());
    }

    @Test
    void operationsCarryTheirModulesTagWithItsDescription() throws Exception {
        JsonNode doc = document("things", "/v1/customers", ThingResource.class);
        assertEquals("things", doc.at("/paths/~1v1~1customers/post/tags/0").asText());
        boolean described = false;
        for (JsonNode tag : doc.get("tags")) {
            described |= tag.get("name").asText().equals("things") && tag.get("description").asText().equals("Things of a test module");
        }
        assertTrue(described, doc.get("tags").toString());
    }
}
