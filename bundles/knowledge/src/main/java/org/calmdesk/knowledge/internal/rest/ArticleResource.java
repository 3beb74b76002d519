package org.calmdesk.knowledge.internal.rest;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.net.URI;
import java.util.function.Supplier;

import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.HeaderParam;
import javax.ws.rs.POST;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;

import org.calmdesk.core.error.NotFoundException;
import org.calmdesk.core.error.ValidationException;
import org.calmdesk.core.paging.Page;
import org.calmdesk.core.paging.PageRequest;
import org.calmdesk.core.validation.BeanValidator;
import org.calmdesk.knowledge.api.Article;
import org.calmdesk.knowledge.api.ArticleCategory;
import org.calmdesk.knowledge.api.ArticleDraft;
import org.calmdesk.knowledge.api.ArticleQuery;
import org.calmdesk.knowledge.api.ArticleRevision;
import org.calmdesk.knowledge.api.ArticleStatus;
import org.calmdesk.knowledge.api.ImportReport;
import org.calmdesk.knowledge.api.IndexReport;
import org.calmdesk.knowledge.api.KnowledgeService;
import org.calmdesk.knowledge.api.SearchRequest;
import org.calmdesk.knowledge.api.SearchResult;
import org.calmdesk.rest.ETags;
import org.calmdesk.rest.RequestParams;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.annotations.Operation;

/** {@code /api/v1/articles}: the "Problem library" section of the REST contract. */
@Path("")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ArticleResource {

    static final int DEFAULT_SUGGESTIONS = 5;

    private final KnowledgeService knowledge;
    private final BeanValidator validator;
    private final Supplier<TicketCases> tickets;

    public ArticleResource(KnowledgeService knowledge, BeanValidator validator, Supplier<TicketCases> tickets) {
        this.knowledge = knowledge;
        this.validator = validator;
        this.tickets = tickets;
    }

    // Relative Location URIs resolve against the server's base, /api/v1/articles/.

    @POST
    @Operation(summary = "Create a DRAFT article")
    public Response create(ArticleDraft draft, @Context SecurityContext security) {
        Article created = knowledge.create(draft, RequestParams.actor(security));
        return ETags.ok(created, created.version()).status(Response.Status.CREATED).location(URI.create(created.id())).build();
    }

    @GET
    @Operation(summary = "List articles, filtered; reviewDue=true lists published articles due for periodic review; keyset-paged")
    public Page<Article> list(@QueryParam("status") String status, @QueryParam("category") String category,
            @QueryParam("language") String language, @QueryParam("tag") String tag,
            @QueryParam("sourceTicketId") String sourceTicketId, @QueryParam("reviewDue") String reviewDue,
            @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        ArticleQuery query = new ArticleQuery(RequestParams.enumValue(ArticleStatus.class, "status", status),
                RequestParams.enumValue(ArticleCategory.class, "category", category), blankToNull(language), tag,
                sourceTicketId, Boolean.TRUE.equals(RequestParams.bool("reviewDue", reviewDue)));
        return knowledge.list(query, PageRequest.of(RequestParams.limit(limit), cursor));
    }

    @GET
    @Path("search")
    @Operation(summary = "Ranked full-text search in Chinese and English (title > problem > tags > solution/scripts), "
            + "with highlights; status defaults to PUBLISHED; limit 1-50, default 10")
    public SearchResult search(@QueryParam("q") String q, @QueryParam("category") String category,
            @QueryParam("language") String language, @QueryParam("status") String status,
            @QueryParam("limit") String limit) {
        return knowledge.search(new SearchRequest(q, RequestParams.enumValue(ArticleCategory.class, "category", category),
                blankToNull(language), RequestParams.enumValue(ArticleStatus.class, "status", status),
                RequestParams.limit(limit)));
    }

    @GET
    @Path("suggestions")
    @Operation(summary = "Published articles that best match a ticket (ticketId, needs the ticket module) or a free-text case (text)")
    public SearchResult suggestions(@QueryParam("ticketId") String ticketId, @QueryParam("text") String text,
            @QueryParam("limit") String limit) {
        Integer requested = RequestParams.limit(limit);
        int effective = requested == null ? DEFAULT_SUGGESTIONS : requested;
        boolean byTicket = ticketId != null && !ticketId.isBlank();
        boolean byText = text != null && !text.isBlank();
        if (byTicket == byText) {
            throw new ValidationException("ticketId", "give either ticketId or text");
        }
        if (byText) {
            return knowledge.suggest(text, null, effective);
        }
        TicketCases cases = tickets.get();
        if (cases == null) {
            throw new ValidationException("ticketId",
                    "cannot be used: the ticket module is not installed; describe the case with text= instead");
        }
        TicketCases.TicketCase ticket = cases.find(ticketId.trim())
                .orElseThrow(() -> new NotFoundException("Ticket", ticketId));
        return knowledge.suggest(ticket.text(), ticket.category(), effective);
    }

    @GET
    @Path("{id}")
    @Operation(summary = "Read an article")
    public Response get(@PathParam("id") String id) {
        return ok(knowledge.find(id).orElseThrow(() -> new NotFoundException("Article", id)));
    }

    @PUT
    @Path("{id}")
    @Operation(summary = "Replace an article's content, keeping the previous version; honours If-Match; 409 when archived")
    public Response update(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            ArticleDraft draft, @Context SecurityContext security) {
        return ok(knowledge.update(id, draft, ETags.expectedVersion(ifMatch), RequestParams.actor(security)));
    }

    @GET
    @Path("{id}/versions")
    @Operation(summary = "Earlier versions of an article, newest first; keyset-paged")
    public Page<ArticleRevision> versions(@PathParam("id") String id, @QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor) {
        return knowledge.versions(id, PageRequest.of(RequestParams.limit(limit), cursor));
    }

    @POST
    @Path("{id}/publish")
    @Operation(summary = "DRAFT -> PUBLISHED (needs rootCause and solution); 409 otherwise")
    public Response publish(@PathParam("id") String id, @Context SecurityContext security) {
        return ok(knowledge.publish(id, RequestParams.actor(security)));
    }

    @POST
    @Path("{id}/archive")
    @Operation(summary = "DRAFT or PUBLISHED -> ARCHIVED; 409 when already archived")
    public Response archive(@PathParam("id") String id, @Context SecurityContext security) {
        return ok(knowledge.archive(id, RequestParams.actor(security)));
    }

    @POST
    @Path("{id}/review")
    @Operation(summary = "Mark a PUBLISHED article as reviewed now (定期复盘): reviewDueAt moves one review period ahead")
    public Response review(@PathParam("id") String id, @Context SecurityContext security) {
        return ok(knowledge.markReviewed(id, RequestParams.actor(security)));
    }

    @POST
    @Path("{id}/feedback")
    @Operation(summary = "Vote a PUBLISHED article helpful or not helpful: {\"helpful\": true|false}")
    public Response feedback(@PathParam("id") String id, FeedbackRequest feedback) {
        validator.validate(feedback);
        return ok(knowledge.feedback(id, feedback.helpful()));
    }

    @POST
    @Path("reindex")
    @Operation(summary = "Rebuild the search index from the database (crm-admin); searches keep working meanwhile")
    public IndexReport reindex() {
        return knowledge.reindex();
    }

    @POST
    @Path("import")
    @Operation(summary = "Bulk import (crm-admin): a JSON array of {key, title, problem, rootCause, solution, scripts, "
            + "category, tags, language}; keys imported before are skipped; publish=false imports drafts")
    public ImportReport importLibrary(JsonNode body, @QueryParam("publish") String publish,
            @Context SecurityContext security) {
        boolean published = !Boolean.FALSE.equals(RequestParams.bool("publish", publish));
        if (body == null) {
            throw new ValidationException("body", "must be a JSON array of articles");
        }
        // Parsed by the platform's strict JSON reader first (UTF-8, control characters, nesting depth).
        return knowledge.importLibrary(new ByteArrayInputStream(body.toString().getBytes(StandardCharsets.UTF_8)),
                published, RequestParams.actor(security));
    }

    @POST
    @Path("import-starter")
    @Operation(summary = "Import the bundled starter library, published (crm-admin); articles imported before are skipped")
    public ImportReport importStarter(@Context SecurityContext security) {
        return knowledge.importStarterLibrary(RequestParams.actor(security));
    }

    /** 200 with the article and its version as ETag. */
    private static Response ok(Article article) {
        return ETags.ok(article, article.version()).build();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
