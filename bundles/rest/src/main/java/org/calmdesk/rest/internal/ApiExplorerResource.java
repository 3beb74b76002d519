package org.calmdesk.rest.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.util.Map;
import java.util.Properties;
import java.util.function.BooleanSupplier;

import javax.servlet.http.HttpServletRequest;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.UriInfo;

/**
 * The API explorer at {@code /api/docs/}: Swagger UI from its WebJar (embedded in this bundle, no
 * CDN) on the live OpenAPI document, whose copy at {@code /api/docs/openapi.json} the page reads
 * without credentials. Calls from "Try it out" go to the API and need credentials ("Authorize").
 * Not part of the OpenAPI document itself.
 */
@Path("docs")
public class ApiExplorerResource {

    private static final String WEBJAR = "META-INF/resources/webjars/swagger-ui/";
    private static final Map<String, String> TYPES = Map.of(
            "js", "application/javascript; charset=UTF-8",
            "css", "text/css; charset=UTF-8",
            "html", "text/html; charset=UTF-8",
            "png", "image/png",
            "map", "application/json");

    private final OpenApiDocument openApi;
    private final BooleanSupplier enabled;
    private final String webjarRoot;

    @Context
    UriInfo uriInfo;

    @Context
    HttpServletRequest servletRequest;

    ApiExplorerResource(OpenApiDocument openApi, BooleanSupplier enabled) {
        this.openApi = openApi;
        this.enabled = enabled;
        this.webjarRoot = WEBJAR + webjarVersion() + "/";
    }

    /** The WebJar names its version in its Maven metadata; its files live below that version. */
    private static String webjarVersion() {
        Properties pom = new Properties();
        try (InputStream in = ApiExplorerResource.class.getClassLoader()
                .getResourceAsStream("META-INF/maven/org.webjars/swagger-ui/pom.properties")) {
            if (in == null) {
                return "missing";
            }
            pom.load(in);
        } catch (IOException e) {
            return "missing";
        }
        return pom.getProperty("version", "missing");
    }

    /** The page at {@code /api/docs/}; {@code /api/docs} redirects there, so the page's relative links resolve below it. */
    @GET
    public Response page() {
        if (!enabled.getAsBoolean()) {
            return notFound();
        }
        if (!uriInfo.getRequestUri().getRawPath().endsWith("/")) {
            return Response.seeOther(URI.create(RequestBase.of(servletRequest) + "/docs/")).build();
        }
        return own("index.html");
    }

    @GET
    @Path("explorer.js")
    public Response script() {
        return own("explorer.js");
    }

    @GET
    @Path("openapi.json")
    public Response document() {
        if (!enabled.getAsBoolean()) {
            return notFound();
        }
        return Response.ok(openApi.json(RequestBase.of(servletRequest)), MediaType.APPLICATION_JSON_TYPE).build();
    }

    /** Swagger UI's own files; a plain file name only, so nothing else of the class path is reachable. */
    @GET
    @Path("{file: [A-Za-z0-9][A-Za-z0-9._-]*}")
    public Response asset(@PathParam("file") String file) {
        return resource(webjarRoot + file);
    }

    private Response own(String file) {
        return resource("explorer/" + file);
    }

    private Response resource(String name) {
        if (!enabled.getAsBoolean()) {
            return notFound();
        }
        URL url = ApiExplorerResource.class.getClassLoader().getResource(name);
        String extension = name.substring(name.lastIndexOf('.') + 1);
        if (url == null || !TYPES.containsKey(extension)) {
            return notFound();
        }
        try (InputStream in = url.openStream()) {
            return Response.ok(in.readAllBytes(), TYPES.get(extension)).build();
        } catch (IOException e) {
            return notFound();
        }
    }

    private Response notFound() {
        return ProblemResponses.problem(404, "Not found", "No resource at this path", uriInfo.getRequestUri().getRawPath());
    }
}
