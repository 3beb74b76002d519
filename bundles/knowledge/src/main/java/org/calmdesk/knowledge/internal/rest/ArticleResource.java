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
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/** {@code /api/v1/articles}: the "Problem library" section of the REST contract. */
@Path("")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "knowledge", description = "Problem library (问题库): known problems with root cause, solution and scripts; "
        + "ranked search in Chinese and English; drafts from resolved tickets; periodic review")
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
    @Operation(operationId = "createArticle", summary = "Create a DRAFT article")
    @ApiResponse(responseCode = "201", description = "Created", headers = { @Header(name = "Location"), @Header(name = "ETag") },
            content = @Content(schema = @Schema(implementation = Article.class)))
    public Response create(ArticleDraft draft, @Context SecurityContext security) {
        Article created = knowledge.create(draft, RequestParams.actor(security));
        return ETags.ok(created, created.version()).status(Response.Status.CREATED).location(URI.create(created.id())).build();
    }

    @GET
    @Operation(operationId = "listArticles", summary = "List articles, filtered; reviewDue=true lists published articles due for periodic review; keyset-paged")
    public Page<Article> list(
            @Parameter(schema = @Schema(implementation = ArticleStatus.class)) @QueryParam("status") String status,
            @Parameter(schema = @Schema(implementation = ArticleCategory.class)) @QueryParam("category") String category,
            @Parameter(schema = @Schema(type = "string", allowableValues = { "zh", "en" })) @QueryParam("language") String language,
            @QueryParam("tag") String tag,
            @QueryParam("sourceTicketId") String sourceTicketId,
            @Parameter(schema = @Schema(type = "boolean")) @QueryParam("reviewDue") String reviewDue,
            @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        ArticleQuery query = new ArticleQuery(RequestParams.enumValue(ArticleStatus.class, "status", status),
                RequestParams.enumValue(ArticleCategory.class, "category", category), blankToNull(language), tag,
                sourceTicketId, Boolean.TRUE.equals(RequestParams.bool("reviewDue", reviewDue)));
        return knowledge.list(query, PageRequest.of(RequestParams.limit(limit), cursor));
    }

    @GET
    @Path("search")
    @Operation(operationId = "searchArticles", summary = "Ranked full-text search in Chinese and English (title > problem > tags > solution/scripts), "
            + "with highlights; status defaults to PUBLISHED; limit 1-50, default 10")
    public SearchResult search(@Parameter(description = "The words to look for (no spaces needed in Chinese)") @QueryParam("q") String q,
            @Parameter(schema = @Schema(implementation = ArticleCategory.class)) @QueryParam("category") String category,
            @Parameter(schema = @Schema(type = "string", allowableValues = { "zh", "en" })) @QueryParam("language") String language,
            @Parameter(schema = @Schema(implementation = ArticleStatus.class, defaultValue = "PUBLISHED")) @QueryParam("status") String status,
            @Parameter(schema = @Schema(type = "integer", format = "int32", minimum = "1", maximum = "50", defaultValue = "10"))
            @QueryParam("limit") String limit) {
        return knowledge.search(new SearchRequest(q, RequestParams.enumValue(ArticleCategory.class, "category", category),
                blankToNull(language), RequestParams.enumValue(ArticleStatus.class, "status", status),
                RequestParams.limit(limit)));
    }

    @GET
    @Path("suggestions")
    @Operation(operationId = "suggestArticles", summary = "Published articles that best match a ticket (ticketId, needs the ticket module) or a free-text case (text)")
    public SearchResult suggestions(@Parameter(description = "A ticket id or number; give this or text") @QueryParam("ticketId") String ticketId,
            @Parameter(description = "The case in the customer's or agent's words; give this or ticketId") @QueryParam("text") String text,
            @Parameter(schema = @Schema(type = "integer", format = "int32", minimum = "1", maximum = "50", defaultValue = "" + DEFAULT_SUGGESTIONS))
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
    @Operation(operationId = "getArticle", summary = "Read an article")
    @ApiResponse(responseCode = "200", description = "The article", headers = @Header(name = "ETag"),
            content = @Content(schema = @Schema(implementation = Article.class)))
    public Response get(@PathParam("id") String id) {
        return ok(knowledge.find(id).orElseThrow(() -> new NotFoundException("Article", id)));
    }

    @PUT
    @Path("{id}")
    @Operation(operationId = "updateArticle", summary = "Replace an article's content, keeping the previous version; honours If-Match; 409 when archived")
    @ApiResponse(responseCode = "200", description = "The updated article", headers = @Header(name = "ETag"),
            content = @Content(schema = @Schema(implementation = Article.class)))
    @ApiResponse(responseCode = "409", description = "The article is archived")
    public Response update(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            ArticleDraft draft, @Context SecurityContext security) {
        return ok(knowledge.update(id, draft, ETags.expectedVersion(ifMatch), RequestParams.actor(security)));
    }

    @GET
    @Path("{id}/versions")
    @Operation(operationId = "listArticleVersions", summary = "Earlier versions of an article, newest first; keyset-paged")
    public Page<ArticleRevision> versions(@PathParam("id") String id, @QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor) {
        return knowledge.versions(id, PageRequest.of(RequestParams.limit(limit), cursor));
    }

    @POST
    @Path("{id}/publish")
    @Operation(operationId = "publishArticle", summary = "DRAFT -> PUBLISHED (needs rootCause and solution); 409 otherwise")
    @ApiResponse(responseCode = "200", description = "The published article", headers = @Header(name = "ETag"),
            content = @Content(schema = @Schema(implementation = Article.class)))
    @ApiResponse(responseCode = "409", description = "Not a DRAFT (members currentStatus and allowed), or rootCause or solution is missing (member missing)")
    public Response publish(@PathParam("id") String id, @Context SecurityContext security) {
        return ok(knowledge.publish(id, RequestParams.actor(security)));
    }

    @POST
    @Path("{id}/archive")
    @Operation(operationId = "archiveArticle", summary = "DRAFT or PUBLISHED -> ARCHIVED; 409 when already archived")
    @ApiResponse(responseCode = "200", description = "The archived article", headers = @Header(name = "ETag"),
            content = @Content(schema = @Schema(implementation = Article.class)))
    @ApiResponse(responseCode = "409", description = "Already archived")
    public Response archive(@PathParam("id") String id, @Context SecurityContext security) {
        return ok(knowledge.archive(id, RequestParams.actor(security)));
    }

    @POST
    @Path("{id}/review")
    @Operation(operationId = "reviewArticle", summary = "Mark a PUBLISHED article as reviewed now (定期复盘): reviewDueAt moves one review period ahead")
    @ApiResponse(responseCode = "200", description = "The reviewed article", headers = @Header(name = "ETag"),
            content = @Content(schema = @Schema(implementation = Article.class)))
    @ApiResponse(responseCode = "409", description = "The article is not PUBLISHED")
    public Response review(@PathParam("id") String id, @Context SecurityContext security) {
        return ok(knowledge.markReviewed(id, RequestParams.actor(security)));
    }

    @POST
    @Path("{id}/feedback")
    @Operation(operationId = "voteArticle", summary = "Vote a PUBLISHED article helpful or not helpful: {\"helpful\": true|false}")
    @ApiResponse(responseCode = "200", description = "The article with its counts", headers = @Header(name = "ETag"),
            content = @Content(schema = @Schema(implementation = Article.class)))
    @ApiResponse(responseCode = "409", description = "The article is not PUBLISHED")
    public Response feedback(@PathParam("id") String id, FeedbackRequest feedback) {
        validator.validate(feedback);
        return ok(knowledge.feedback(id, feedback.helpful()));
    }

    @POST
    @Path("reindex")
    @Operation(operationId = "reindexArticles", summary = "Rebuild the search index from the database (crm-admin); searches keep working meanwhile")
    public IndexReport reindex() {
        return knowledge.reindex();
    }

    @POST
    @Path("import")
    @Operation(operationId = "importArticles", summary = "Bulk import (crm-admin): a JSON array of {key, title, problem, rootCause, solution, scripts, "
            + "category, tags, language}; keys imported before are skipped; publish=false imports drafts")
    public ImportReport importLibrary(
            @RequestBody(required = true, content = @Content(array = @ArraySchema(schema = @Schema(type = "object",
                    description = "An article with a key: key, title, problem, rootCause, solution, scripts, category, tags, language"))))
            JsonNode body,
            @Parameter(description = "false imports drafts", schema = @Schema(type = "boolean", defaultValue = "true"))
            @QueryParam("publish") String publish,
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
    @Operation(operationId = "importStarterArticles", summary = "Import the bundled starter library, published (crm-admin); articles imported before are skipped")
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
