package org.calmdesk.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.calmdesk.client.ApiClient;
import org.calmdesk.client.ApiException;
import org.calmdesk.client.ApiResponse;
import org.calmdesk.client.api.CustomerApi;
import org.calmdesk.client.api.FollowupApi;
import org.calmdesk.client.api.KnowledgeApi;
import org.calmdesk.client.api.TicketApi;
import org.calmdesk.client.model.ArticleDraft;
import org.calmdesk.client.model.Completion;
import org.calmdesk.client.model.Customer;
import org.calmdesk.client.model.CustomerDraft;
import org.calmdesk.client.model.FollowUp;
import org.calmdesk.client.model.FollowUpDraft;
import org.calmdesk.client.model.PageCustomer;
import org.calmdesk.client.model.Problem;
import org.calmdesk.client.model.Resolution;
import org.calmdesk.client.model.SearchResult;
import org.calmdesk.client.model.Ticket;
import org.calmdesk.client.model.TicketDraft;
import org.calmdesk.client.model.Transition;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * An integrator's client, generated at build time from the live OpenAPI document (never committed;
 * {@code target/generated-client/java}), used unchanged: every call below goes through the
 * generated API and model classes. Only the base URI (this container's port) and the Basic
 * credentials are set by hand, as every integrator does.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class GeneratedClientIT extends CalmdeskTestSupport {

    private static ApiClient client(String user) {
        ApiClient client = new ApiClient();
        client.updateBaseUri(baseUrl() + "/api");
        String basic = "Basic " + Base64.getEncoder().encodeToString(user.getBytes(StandardCharsets.UTF_8));
        client.setRequestInterceptor(request -> request.header("Authorization", basic));
        return client;
    }

    private static String header(ApiResponse<?> response, String name) {
        return response.getHeaders().entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                .map(e -> e.getValue().get(0)).findFirst().orElse(null);
    }

    /** The error body of a failed call, read into the generated Problem model. */
    private static Problem problem(ApiClient client, ApiException e) throws Exception {
        return client.getObjectMapper().readValue(e.getResponseBody(), Problem.class);
    }

    @Test
    public void customersCreateReadUpdateUpsertAndPage() throws Exception {
        ApiClient client = client(AGENT);
        CustomerApi customers = new CustomerApi(client);
        String ref = unique("gen");

        CustomerDraft draft = new CustomerDraft().name("生成的客户").externalRef(ref).phone("138 0013 8000");
        String key = UUID.randomUUID().toString();
        ApiResponse<Customer> created = customers.createCustomerWithHttpInfo(draft, key);
        assertEquals(201, created.getStatusCode());
        Customer customer = created.getData();
        assertNotNull(header(created, "Location"));
        assertTrue(header(created, "Location").endsWith(customer.getId()));
        assertEquals("\"" + customer.getVersion() + "\"", header(created, "ETag"));
        ApiResponse<Customer> retried = customers.createCustomerWithHttpInfo(draft, key);
        assertEquals("a retry with the Idempotency-Key answers the first response", 201, retried.getStatusCode());
        assertEquals(customer.getId(), retried.getData().getId());
        assertEquals("true", header(retried, "Idempotent-Replayed"));

        ApiResponse<Customer> read = customers.getCustomerWithHttpInfo(customer.getId());
        assertEquals("生成的客户", read.getData().getName());
        String etag = header(read, "ETag");
        assertEquals("\"" + read.getData().getVersion() + "\"", etag);

        Customer updated = customers.updateCustomer(customer.getId(),
                new CustomerDraft().name("改过的客户").externalRef(ref), etag);
        assertEquals("改过的客户", updated.getName());
        assertEquals(customer.getVersion() + 1, (long) updated.getVersion());
        try {
            customers.updateCustomer(customer.getId(), new CustomerDraft().name("stale").externalRef(ref), etag);
            fail("a stale If-Match must be refused");
        } catch (ApiException e) {
            assertEquals(412, e.getCode());
            assertEquals(Integer.valueOf(412), problem(client, e).getStatus());
        }

        ApiResponse<Customer> upserted = customers.upsertCustomerByExternalRefWithHttpInfo(ref,
                new CustomerDraft().name("按外部编号更新"));
        assertEquals(200, upserted.getStatusCode());
        assertEquals(customer.getId(), upserted.getData().getId());
        String newRef = unique("gen-new");
        ApiResponse<Customer> inserted = customers.upsertCustomerByExternalRefWithHttpInfo(newRef,
                new CustomerDraft().name("New by upsert"));
        assertEquals(201, inserted.getStatusCode());
        assertEquals(newRef, inserted.getData().getExternalRef());

        String tag = unique("page");
        Set<String> made = new java.util.HashSet<>();
        for (int i = 0; i < 3; i++) {
            made.add(customers.createCustomer(new CustomerDraft().name("Paged " + i).tags(List.of(tag)), null).getId());
        }
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            PageCustomer page = customers.listCustomers(null, null, null, tag, 2, cursor);
            page.getItems().forEach(c -> seen.add(c.getId()));
            cursor = page.getNextCursor();
            pages++;
        } while (cursor != null && pages < 5);
        assertEquals(2, pages);
        assertEquals(made, Set.copyOf(seen));
        assertEquals("no duplicates across pages", 3, seen.size());
    }

    @Test
    public void theTicketFlowAFollowUpAndAnArticleSearch() throws Exception {
        ApiClient client = client(AGENT);
        String customerId = new CustomerApi(client).createCustomer(new CustomerDraft().name("Angry Li"), null).getId();
        TicketApi tickets = new TicketApi(client);

        Ticket ticket = tickets.createTicket(new TicketDraft().customerId(customerId).channel(TicketDraft.ChannelEnum.PHONE)
                .category(TicketDraft.CategoryEnum.BILLING).subject("Charged twice").description("I was charged twice!"), UUID.randomUUID().toString());
        assertEquals(Ticket.StatusEnum.NEW, ticket.getStatus());
        assertTrue(ticket.getNumber().startsWith("CD-"));

        try {
            tickets.moveTicket(ticket.getId(), new Transition().to(Transition.ToEnum.CLOSED), null);
            fail("NEW -> CLOSED is not a move of the flow");
        } catch (ApiException e) {
            assertEquals(409, e.getCode());
            Problem problem = problem(client, e);
            assertEquals(Integer.valueOf(409), problem.getStatus());
            assertEquals("NEW", problem.getAdditionalProperty("currentStatus"));
            assertNotNull(problem.getAdditionalProperty("allowed"));
        }

        for (Transition.ToEnum to : List.of(Transition.ToEnum.ACKNOWLEDGED, Transition.ToEnum.INVESTIGATING,
                Transition.ToEnum.SOLUTION_PROPOSED)) {
            ticket = tickets.moveTicket(ticket.getId(), new Transition().to(to).note("step " + to), null);
        }
        ticket = tickets.moveTicket(ticket.getId(), new Transition().to(Transition.ToEnum.RESOLVED)
                .resolution(new Resolution().summary("Refunded the second charge").rootCause("Duplicate capture")), null);
        assertEquals(Ticket.StatusEnum.RESOLVED, ticket.getStatus());
        assertNotNull("commitment defaulted by policy", ticket.getCommitment());
        ApiResponse<Ticket> closed = tickets.moveTicketWithHttpInfo(ticket.getId(),
                new Transition().to(Transition.ToEnum.CLOSED), "\"" + ticket.getVersion() + "\"");
        assertEquals(Ticket.StatusEnum.CLOSED, closed.getData().getStatus());
        assertEquals("\"" + closed.getData().getVersion() + "\"", header(closed, "ETag"));

        FollowupApi followUps = new FollowupApi(client);
        FollowUp followUp = followUps.createFollowUp(new FollowUpDraft().customerId(customerId)
                .dueAt(OffsetDateTime.now(ZoneOffset.UTC).plusDays(1).withNano(0))
                .channel(FollowUpDraft.ChannelEnum.PHONE).purpose("Check the refund arrived"), null);
        assertEquals(FollowUp.StatusEnum.PENDING, followUp.getStatus());
        FollowUp done = followUps.completeFollowUp(followUp.getId(),
                new Completion().summary("Refund arrived").customerSatisfied(true));
        assertEquals(FollowUp.StatusEnum.DONE, done.getStatus());
        assertEquals(Boolean.TRUE, done.getOutcome().getCustomerSatisfied());

        KnowledgeApi knowledge = new KnowledgeApi(client);
        String word = "zorblax" + UUID.randomUUID().toString().replaceAll("[^a-z]", "").substring(0, 4);
        String articleId = knowledge.createArticle(new ArticleDraft().title("Duplicate " + word + " charge")
                .problem("The card was charged twice for one " + word).rootCause("Duplicate capture")
                .solution("Refund the second capture").category(ArticleDraft.CategoryEnum.BILLING).language("en"), null).getId();
        knowledge.publishArticle(articleId);
        SearchResult found = knowledge.searchArticles(word, null, "en", null, 5);
        assertFalse(found.getItems().isEmpty());
        assertEquals(articleId, found.getItems().get(0).getArticle().getId());
    }

    @Test
    public void anUnknownIdIsATypedProblem() throws Exception {
        ApiClient client = client(INTEGRATION);
        try {
            new CustomerApi(client).getCustomer("no-such-customer");
            fail("unknown id");
        } catch (ApiException e) {
            assertEquals(404, e.getCode());
            Problem problem = problem(client, e);
            assertEquals(Integer.valueOf(404), problem.getStatus());
            assertFalse(problem.getTitle().isBlank());
            assertNotNull(problem.getCorrelationId());
            assertTrue(e.getResponseHeaders().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
        }
    }
}
