package org.calmdesk.rest.internal;

import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

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

/**
 * One OpenAPI 3 document for whatever modules are published now: swagger-core reads each
 * module's resource classes, and the module's server address prefixes its paths. Rebuilt only
 * when a module comes or goes.
 */
final class OpenApiDocument {

    private final PublishedEndpoints endpoints;
    private final String version;
    private volatile long builtRevision = -1;
    private volatile String json;

    OpenApiDocument(PublishedEndpoints endpoints, String version) {
        this.endpoints = endpoints;
        this.version = version;
    }

    String json() {
        long revision = endpoints.revision();
        if (revision != builtRevision || json == null) {
            synchronized (this) {
                if (revision != builtRevision || json == null) {
                    json = Json.pretty(build());
                    builtRevision = revision;
                }
            }
        }
        return json;
    }

    OpenAPI build() {
        OpenAPI document = new OpenAPI()
                .info(new Info().title("Calmdesk API").version(version)
                        .description("Complaint-handling CRM modules installed on this server."))
                .servers(List.of(new Server().url("/api")))
                .components(new Components().addSecuritySchemes("basic",
                        new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic")))
                .addSecurityItem(new SecurityRequirement().addList("basic"));
        Map<String, PathItem> paths = new TreeMap<>();
        Map<String, Schema> schemas = new TreeMap<>();
        LinkedHashSet<String> modules = new LinkedHashSet<>();
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
                        item.readOperations().forEach(op -> op.addTagsItem(published.module()));
                        paths.put(full.isEmpty() ? "/" : full, item);
                    });
                }
                if (part.getComponents() != null && part.getComponents().getSchemas() != null) {
                    schemas.putAll(part.getComponents().getSchemas());
                }
                modules.add(published.module());
            }
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
        Paths allPaths = new Paths();
        paths.forEach(allPaths::addPathItem);
        document.paths(allPaths);
        document.getComponents().schemas(schemas);
        modules.forEach(m -> document.addTagsItem(new Tag().name(m)));
        return document;
    }
}
