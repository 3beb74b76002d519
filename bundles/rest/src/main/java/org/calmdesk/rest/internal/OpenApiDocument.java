package org.calmdesk.rest.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import io.swagger.v3.core.util.Json;
import io.swagger.v3.jaxrs2.Reader;
import io.swagger.v3.oas.integration.SwaggerConfiguration;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.Paths;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import io.swagger.v3.oas.models.tags.Tag;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One OpenAPI 3 document for whatever modules are published now: swagger-core reads each
 * module's resource classes, and the module's server address prefixes its paths; the platform's
 * {@link OpenApiConventions} add what every operation shares. Rebuilt only when a module comes or goes.
 * A module describes its tag with {@code @Tag(name = "<module>", description = ...)} on a resource class.
 */
final class OpenApiDocument {

    private static final Logger LOG = LoggerFactory.getLogger(OpenApiDocument.class);

    private final PublishedEndpoints endpoints;
    private final String version;
    private volatile Built built;

    /** The document of one set of published modules, serialised once per server URL it was asked for. */
    private record Built(long revision, OpenAPI document, Map<String, String> jsonByServer) {
    }

    OpenApiDocument(PublishedEndpoints endpoints, String version) {
        this.endpoints = endpoints;
        this.version = version;
    }

    /**
     * The document as JSON, its {@code servers} naming {@code serverUrl} (the absolute base the
     * request reached, e.g. {@code http://host:8181/api}), so a client generated from a saved copy
     * knows where to go.
     */
    String json(String serverUrl) {
        Built current = built;
        long revision = endpoints.revision();
        if (current == null || current.revision() != revision) {
            synchronized (this) {
                current = built;
                if (current == null || current.revision() != revision) {
                    current = new Built(revision, build(), new ConcurrentHashMap<>());
                    built = current;
                }
            }
        }
        OpenAPI document = current.document();
        // A handful of host names at most (the addresses clients use); bounded anyway.
        if (current.jsonByServer().size() > 32) {
            current.jsonByServer().clear();
        }
        return current.jsonByServer().computeIfAbsent(serverUrl, url -> {
            synchronized (document) {
                document.setServers(List.of(new Server().url(url).description("This Calmdesk server")));
                return Json.pretty(document);
            }
        });
    }

    OpenAPI build() {
        OpenAPI document = new OpenAPI()
                .info(new Info().title("Calmdesk API").version(version)
                        .description("Complaint-handling CRM modules installed on this server. Errors are RFC 9457 "
                                + "problem documents (application/problem+json). Stored resources carry a version, "
                                + "returned as ETag; PUT honours If-Match. Lists are keyset-paged with limit and "
                                + "cursor. Creating POSTs accept an Idempotency-Key."))
                .components(new Components().addSecuritySchemes(OpenApiConventions.BASIC,
                        new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic")
                                .description("HTTP Basic against the server's user realm")))
                .addSecurityItem(new SecurityRequirement().addList(OpenApiConventions.BASIC));
        OpenApiConventions.addComponents(document.getComponents());
        Map<String, PathItem> paths = new TreeMap<>();
        Map<String, Schema> schemas = new TreeMap<>();
        Map<String, Tag> tags = new LinkedHashMap<>();
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        Thread.currentThread().setContextClassLoader(OpenApiDocument.class.getClassLoader());
        try {
            for (PublishedEndpoints.Published published : endpoints.all().stream()
                    .sorted(Comparator.comparing(PublishedEndpoints.Published::address)).toList()) {
                Reader reader = new Reader(new SwaggerConfiguration().openAPI(new OpenAPI()));
                OpenAPI part = reader.read(new LinkedHashSet<>(published.resourceClasses()));
                String prefix = "/".equals(published.address()) ? "" : published.address();
                if (part.getPaths() != null) {
                    part.getPaths().forEach((path, item) -> {
                        String full = (prefix + path).replaceAll("/+$", "");
                        String key = full.isEmpty() ? "/" : full;
                        item.readOperationsMap().forEach((method, op) -> {
                            // Each operation under its module's tag only, whatever a resource class names.
                            op.setTags(new ArrayList<>(List.of(published.module())));
                            OpenApiConventions.apply(key, method, op);
                        });
                        paths.put(key, item);
                    });
                }
                if (part.getComponents() != null && part.getComponents().getSchemas() != null) {
                    part.getComponents().getSchemas().forEach((name, schema) -> {
                        Schema<?> earlier = schemas.putIfAbsent(name, schema);
                        if (earlier != null && !earlier.equals(schema)) {
                            // Two modules' types of one simple name: clients would get the wrong one.
                            LOG.warn("OpenAPI: module {} has a type {} that differs from another module's; "
                                    + "the first one is documented", published.module(), name);
                        }
                    });
                }
                Tag tag = tags.computeIfAbsent(published.module(), name -> new Tag().name(name));
                if (part.getTags() != null) {
                    part.getTags().stream().filter(t -> published.module().equals(t.getName())
                            && t.getDescription() != null).forEach(t -> tag.setDescription(t.getDescription()));
                }
            }
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
        schemas.values().forEach(OpenApiConventions::markServerSetProperties);
        Paths allPaths = new Paths();
        paths.forEach(allPaths::addPathItem);
        document.paths(allPaths);
        schemas.forEach(document.getComponents()::addSchemas);
        document.setTags(new ArrayList<>(tags.values()));
        dropUnreferencedSchemas(document);
        return document;
    }

    /**
     * swagger-core also describes types it only passed through (the JsonNode of a body that is
     * documented as an array instead); generators would make unused classes of them.
     */
    static void dropUnreferencedSchemas(OpenAPI document) {
        Map<String, Schema> schemas = document.getComponents().getSchemas();
        boolean dropped = true;
        while (dropped) {
            String json = Json.pretty(document);
            dropped = schemas.keySet().removeIf(name -> !json.contains("\"#/components/schemas/" + name + "\""));
        }
    }
}
