package org.calmdesk.rest.internal;

import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.HEAD;
import javax.ws.rs.HttpMethod;
import javax.ws.rs.POST;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.UriInfo;
import javax.ws.rs.core.Context;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Answers every path no module serves (including a module's paths while it is stopped) with a
 * 404 problem, instead of CXF's plain-text or HTML pages.
 */
@Path("")
public class UnknownPathResource {

    @Target(ElementType.METHOD)
    @Retention(RetentionPolicy.RUNTIME)
    @HttpMethod("PATCH")
    @interface PATCH {
    }

    @Context
    UriInfo uriInfo;

    private Response notFound() {
        return ProblemResponses.problem(404, "Not found", "No resource at this path", uriInfo.getRequestUri().getRawPath());
    }

    @GET
    @Path("{any: .*}")
    public Response get() {
        return notFound();
    }

    @HEAD
    @Path("{any: .*}")
    public Response head() {
        return Response.status(404).build();
    }

    @POST
    @Path("{any: .*}")
    public Response post() {
        return notFound();
    }

    @PUT
    @Path("{any: .*}")
    public Response put() {
        return notFound();
    }

    @DELETE
    @Path("{any: .*}")
    public Response delete() {
        return notFound();
    }

    @PATCH
    @Path("{any: .*}")
    public Response patch() {
        return notFound();
    }
}
