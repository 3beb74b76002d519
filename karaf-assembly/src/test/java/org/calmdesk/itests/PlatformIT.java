package org.calmdesk.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import javax.ws.rs.GET;
import javax.ws.rs.Produces;

import org.awaitility.Awaitility;
import org.calmdesk.rest.RestEndpoint;
import org.calmdesk.rest.RestPublisher;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Platform behaviour every module inherits: errors, roles, health, OpenAPI (saved for the client
 * generators, see below), the API explorer, Idempotency-Key; and the console. With the build's
 * api-clients profile this class runs first, in its own Failsafe execution, so the live document is
 * in target/openapi/ before the clients are generated.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class PlatformIT extends CalmdeskTestSupport {

    private static void assertProblem(Reply reply, int status) {
        assertEquals(reply.toString(), status, reply.status());
        assertTrue(reply.toString(), reply.isProblem());
        JsonNode problem = reply.json();
        assertEquals(status, problem.get("status").asInt());
        assertTrue(problem.has("type") && problem.has("title") && problem.has("detail"));
        assertFalse("no stack trace", reply.body().contains("Exception") || reply.body().contains("\tat "));
    }

    @Test
    public void everyErrorClassIsAProblemDocument() throws Exception {
        String customers = "/api/v1/customers";
        assertProblem(call("POST", customers, AGENT, "{\"name\": "), 400);
        Reply wrongEnum = call("POST", customers, AGENT, "{\"name\":\"x\",\"temperament\":\"FURIOUS\"}");
        assertProblem(wrongEnum, 400);
        assertEquals("temperament", wrongEnum.json().get("errors").get(0).get("field").asText());
        Reply wrongType = call("POST", customers, AGENT, "{\"name\":\"x\",\"tags\":\"vip\"}");
        assertProblem(wrongType, 400);
        assertEquals("tags", wrongType.json().get("errors").get(0).get("field").asText());
        Reply invalid = call("POST", customers, AGENT, "{\"name\":\" \",\"email\":\"not-mail\",\"tags\":[\"\"]}");
        assertProblem(invalid, 400);
        assertEquals(Set3.of("email", "name", "tags[0]"), Set3.fields(invalid.json()));
        assertProblem(call("POST", customers, AGENT, null, "Content-Type", "application/json"), 400);

        assertProblem(call("GET", customers, null, null), 401);
        assertProblem(call("GET", customers, "agent:wrong", null), 401);
        assertProblem(call("DELETE", customers + "/any", INTEGRATION, null), 403);
        assertProblem(call("GET", customers + "/no-such-id", AGENT, null), 404);
        assertProblem(call("GET", "/api/v1/no-such-module", AGENT, null), 404);
        assertProblem(call("GET", "/api/elsewhere", null, null), 404);
        assertProblem(call("GET", "/not-the-api/at-all", null, null), 404);
        assertProblem(call("PATCH", customers, AGENT, "{}"), 405);
        String ref = unique("dup");
        assertEquals(201, call("POST", customers, AGENT, json(Map.of("name", "A", "externalRef", ref))).status());
        assertProblem(call("POST", customers, AGENT, json(Map.of("name", "B", "externalRef", ref))), 409);
        String id = call("GET", customers + "/external/" + ref, AGENT, null).json().get("id").asText();
        assertProblem(call("PUT", customers + "/" + id, AGENT, json(Map.of("name", "C")), "If-Match", "\"9\""), 412);
        assertProblem(call("POST", customers, AGENT, "{\"name\":\"" + "x".repeat(1_100_000) + "\"}"), 413);
        assertProblem(call("POST", customers, AGENT, "name=x", "Content-Type", "application/x-www-form-urlencoded"), 415);
        // None of the refused requests changed the record.
        assertEquals("A", call("GET", customers + "/" + id, AGENT, null).json().get("name").asText());
    }

    /** Small helper: the set of fields a validation problem names. */
    static final class Set3 {
        static java.util.Set<String> of(String... fields) {
            return new java.util.TreeSet<>(List.of(fields));
        }

        static java.util.Set<String> fields(JsonNode problem) {
            java.util.Set<String> fields = new java.util.TreeSet<>();
            problem.get("errors").forEach(e -> fields.add(e.get("field").asText()));
            return fields;
        }
    }

    /** A path the role table does not know: admin-only, so the test calls it as admin. */
    @javax.ws.rs.Path("")
    public static class FailingResource {
        @GET
        @javax.ws.rs.Path("boom")
        @Produces("application/json")
        public String boom() {
            throw new IllegalStateException("secret internal detail");
        }
    }

    @Test
    public void unexpectedFailureIsAGeneric500WhoseCorrelationIdIsLogged() throws Exception {
        RestPublisher publisher = bundleContext.getService(bundleContext.getServiceReference(RestPublisher.class));
        try (RestEndpoint endpoint = publisher.publish("test", "/vtest", List.of(new FailingResource()))) {
            assertProblem(call("GET", "/api/vtest/boom", AGENT, null), 403);
            Reply reply = call("GET", "/api/vtest/boom", ADMIN, null);
            assertProblem(reply, 500);
            assertLacks(reply.body(), "secret");
            String correlationId = reply.json().get("correlationId").asText();
            Path log = Path.of(System.getProperty("karaf.data"), "log", "karaf.log");
            org.awaitility.Awaitility.await().until(() -> Files.readString(log, StandardCharsets.UTF_8).contains(correlationId));
        }
        assertProblem(call("GET", "/api/vtest/boom", null, null), 404);
    }

    private static final String[] ROLES = { ADMIN, AGENT, INTEGRATION };

    /** Each customer endpoint with each role: who is let in (API.md), who gets 403, and 401 without credentials. */
    @Test
    public void rolesPerEndpoint() {
        String ref = unique("roles");
        String id = call("POST", "/api/v1/customers", ADMIN, json(Map.of("name", "Role Test", "externalRef", ref)))
                .json().get("id").asText();
        String body = json(Map.of("name", "Role Test", "externalRef", ref));
        String interaction = json(Map.of("channel", "PHONE", "direction", "INBOUND", "summary", "role check"));
        Object[][] matrix = {
                // method, path, body, admin, agent, integration allowed
                { "POST", "/api/v1/customers", json(Map.of("name", "Someone")), true, true, true },
                { "GET", "/api/v1/customers", null, true, true, true },
                { "GET", "/api/v1/customers/" + id, null, true, true, true },
                { "PUT", "/api/v1/customers/" + id, body, true, true, true },
                { "GET", "/api/v1/customers/external/" + ref, null, true, true, true },
                { "PUT", "/api/v1/customers/external/" + ref, body, true, true, true },
                { "POST", "/api/v1/customers/" + id + "/interactions", interaction, true, true, true },
                { "GET", "/api/v1/customers/" + id + "/interactions", null, true, true, true },
                { "GET", "/api/v1/customers/" + id + "/timeline", null, true, true, true },
                { "GET", "/api/v1/openapi.json", null, true, true, true },
                { "DELETE", "/api/v1/customers/" + id, null, true, false, false },
        };
        for (Object[] row : matrix) {
            String method = (String) row[0];
            String path = (String) row[1];
            String payload = (String) row[2];
            assertEquals(method + " " + path + " without credentials", 401, call(method, path, null, payload).status());
            for (int r = ROLES.length - 1; r >= 0; r--) { // admin last, so its DELETE runs after the others' 403
                int status = call(method, path, ROLES[r], payload).status();
                String what = method + " " + path + " as " + ROLES[r].split(":")[0] + " -> " + status;
                if ((Boolean) row[3 + r]) {
                    assertTrue(what, status != 401 && status != 403 && status < 500);
                } else {
                    assertEquals(what, 403, status);
                }
            }
        }
        Reply health = call("GET", "/api/v1/health", null, null);
        assertEquals(200, health.status());
    }

    @Test
    public void healthListsModulesAndOpenApiCoversThem() {
        JsonNode health = call("GET", "/api/v1/health", null, null).json();
        assertEquals("UP", health.get("status").asText());
        JsonNode customer = health.get("modules").get(0);
        assertEquals("customer", customer.get("name").asText());
        assertEquals("ACTIVE", customer.get("state").asText());
        assertFalse(customer.get("version").asText().isEmpty());

        JsonNode openApi = call("GET", "/api/v1/openapi.json", AGENT, null).json();
        assertTrue(openApi.get("openapi").asText().startsWith("3."));
        JsonNode paths = openApi.get("paths");
        for (String path : List.of("/v1/customers", "/v1/customers/{id}", "/v1/customers/external/{externalRef}",
                "/v1/customers/{id}/interactions", "/v1/customers/{id}/timeline", "/v1/health")) {
            assertTrue(path + " in " + paths.fieldNames(), paths.has(path));
        }
        assertTrue(paths.get("/v1/customers/{id}").has("put"));
    }

    @Test
    public void consoleListsShowsAndImports() throws Exception {
        String tag = unique("console");
        String id = call("POST", "/api/v1/customers", AGENT, json(Map.of("name", "控制台客户", "externalRef", unique("c"),
                "phone", "13700000000", "tags", List.of(tag)))).json().get("id").asText();

        String list = executeCommand("calmdesk:customer-list --tag " + tag);
        assertContains(list, id);
        assertContains(list, "控制台客户");
        assertContains(executeCommand("calmdesk:customer-list --query 控制台 --limit 5"), id);

        String show = executeCommand("calmdesk:customer-show " + id);
        assertContains(show, "13700000000");
        assertContains(show, tag);

        String existingRef = unique("csv");
        assertEquals(201, call("PUT", "/api/v1/customers/external/" + existingRef, AGENT, json(Map.of("name", "Old Name"))).status());
        String importTag = unique("imp");
        Path csv = Files.createTempFile("customers", ".csv");
        Files.writeString(csv, String.join("\n",
                "externalRef,name,email,phone,segment,tags",
                unique("csv") + ",李娜,li.na@example.cn,13911112222,VIP," + importTag + ";vip",
                existingRef + ",New Name,,,," + importTag,
                ",No Ref,,,,",
                unique("csv") + ",Bad Mail,not-an-email,,,",
                unique("csv") + ",\"Zhao, Lei\",zhao@example.cn,,retail," + importTag,
                unique("csv") + ",,,,,",
                "") , StandardCharsets.UTF_8);
        String report = executeCommand("calmdesk:customer-import " + csv);
        assertContains(report, "created: 2, updated: 1, rejected: 3");
        assertContains(report, "line 4: externalRef: is required to import a row");
        assertContains(report, "line 5: email: must be a well-formed email address");
        assertContains(report, "line 7: name: must not be blank");
        assertEquals("New Name", call("GET", "/api/v1/customers/external/" + existingRef, AGENT, null).json().get("name").asText());
        JsonNode imported = call("GET", "/api/v1/customers?tag=" + importTag, AGENT, null).json().get("items");
        assertEquals(3, imported.size());
        assertContains(executeCommand("calmdesk:customer-import /no/such/file.csv"), "No such file");
    }

    // ---- Every operation of the live OpenAPI document x every role, against API.md's rules written out
    // here independently of the server's table: crm-admin may do everything; crm-agent the daily work
    // (no erasure, no configuration); crm-integration upserts customers, opens tickets and reads, and
    // deletes nothing; only health and the survey answers by token are open. ----

    private static final List<Pattern> OPEN = patterns("GET /v1/health.*", "(GET|POST) /v1/survey-responses/.*");
    private static final List<Pattern> ADMIN_ONLY = patterns("DELETE /v1/customers/[^/]+", "POST /v1/surveys",
            "PUT /v1/surveys/[^/]+", "POST /v1/articles/(import|import-starter|reindex)", "\\w+ /v1/webhooks.*");
    /** The event feed: for admins and the CRMs that poll it, not for agents. */
    private static final List<Pattern> ADMIN_AND_INTEGRATION = patterns("GET /v1/events.*");
    private static final List<Pattern> INTEGRATION_WRITES = patterns("POST /v1/customers", "PUT /v1/customers/[^/]+",
            "PUT /v1/customers/external/[^/]+", "POST /v1/customers/[^/]+/interactions", "POST /v1/tickets",
            "POST /v1/emotion/analyze");

    private static List<Pattern> patterns(String... regexes) {
        return java.util.Arrays.stream(regexes).map(Pattern::compile).toList();
    }

    private static boolean matches(List<Pattern> patterns, String operation) {
        return patterns.stream().anyMatch(p -> p.matcher(operation).matches());
    }

    @Test
    public void everyOperationWithEveryRoleAsApiMdSays() {
        // The document lists the modules that serve now: wait until all of them do.
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60))
                .until(() -> call("GET", "/api/v1/health/ready", null, null).status() == 200);
        JsonNode document = call("GET", "/api/v1/openapi.json", ADMIN, null).json();
        List<String> failures = new ArrayList<>();
        Map<String, Integer> checked = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = document.get("paths").fields(); paths.hasNext();) {
            Map.Entry<String, JsonNode> path = paths.next();
            String template = path.getKey().startsWith("/api") ? path.getKey().substring(4) : path.getKey();
            // Ids nobody has: the answer after authorisation is a 400 or 404, never a change.
            String concrete = template.replaceAll("\\{[^}]+\\}", "no-such-id-0");
            for (Iterator<String> methods = path.getValue().fieldNames(); methods.hasNext();) {
                String method = methods.next().toUpperCase(java.util.Locale.ROOT);
                if (!List.of("GET", "POST", "PUT", "DELETE").contains(method)) {
                    continue;
                }
                String operation = method + " " + concrete.replace("no-such-id-0", "x");
                String body = method.equals("GET") || method.equals("DELETE") ? null : "{}";
                String url = "/api" + concrete;
                boolean open = matches(OPEN, operation);
                boolean adminOnly = matches(ADMIN_ONLY, operation);
                boolean integrationMay = !adminOnly && (method.equals("GET") || matches(INTEGRATION_WRITES, operation));

                int anonymous = call(method, url, null, body).status();
                if (open == (anonymous == 401)) {
                    failures.add(operation + " without credentials: " + anonymous);
                }
                expect(failures, operation, "admin", call(method, url, ADMIN, body).status(), true);
                expect(failures, operation, "agent", call(method, url, AGENT, body).status(),
                        open || !adminOnly && !matches(ADMIN_AND_INTEGRATION, operation));
                expect(failures, operation, "integration", call(method, url, INTEGRATION, body).status(), open || integrationMay);
                checked.merge(method, 1, Integer::sum);
            }
        }
        System.out.println("PlatformIT roles: operations checked by method " + checked + " x 4 callers");
        assertTrue("the document lists the operations of every module: " + checked, checked.values().stream().mapToInt(i -> i).sum() >= 50);
        assertEquals(String.join("\n", failures), 0, failures.size());
    }

    private static void expect(List<String> failures, String operation, String role, int status, boolean allowed) {
        if (status == 401 || status >= 500 || allowed == (status == 403)) {
            failures.add(operation + " as " + role + ": " + status + (allowed ? " (should be allowed)" : " (should be 403)"));
        }
    }

    // ---- The OpenAPI document of the running distribution, saved for the build gate; the API explorer ----

    @Test
    public void savesTheLiveDocumentOfEveryInstalledModule() throws Exception {
        Reply reply = call("GET", "/api/v1/openapi.json", AGENT, null);
        assertEquals(reply.toString(), 200, reply.status());
        JsonNode document = reply.json();

        // What a generated client relies on, checked here so a failure names the culprit before the validator does.
        assertEquals("the server a client generated from a saved copy calls", baseUrl() + "/api",
                document.at("/servers/0/url").asText());
        Set<String> tags = new TreeSet<>();
        document.get("tags").forEach(tag -> {
            tags.add(tag.get("name").asText());
            assertFalse("tag " + tag + " has a description", tag.path("description").asText().isBlank());
        });
        for (JsonNode module : call("GET", "/api/v1/health", null, null).json().get("modules")) {
            assertTrue(module.get("name").asText() + " in " + tags, tags.contains(module.get("name").asText()));
        }
        Set<String> operationIds = new HashSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = document.get("paths").fields(); paths.hasNext();) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext();) {
                Map.Entry<String, JsonNode> op = ops.next();
                String where = op.getKey().toUpperCase() + " " + path.getKey();
                String id = op.getValue().path("operationId").asText();
                assertFalse(where + " has an operationId", id.isBlank());
                assertTrue(where + ": operationId " + id + " is unique", operationIds.add(id));
                JsonNode responses = op.getValue().get("responses");
                assertFalse(where + " has no 'default' answer", responses.has("default"));
                responses.fields().forEachRemaining(r -> {
                    if (r.getKey().startsWith("4") || r.getKey().startsWith("5")) {
                        String body = r.getValue().toString();
                        assertTrue(where + " " + r.getKey() + " is a problem", body.contains("#/components/responses/")
                                || body.contains("#/components/schemas/Problem"));
                    }
                });
            }
        }

        Reply explorerCopy = call("GET", "/api/docs/openapi.json", null, null);
        assertEquals("the explorer reads the same document without credentials", 200, explorerCopy.status());
        assertEquals(document, explorerCopy.json());

        String target = System.getProperty("calmdesk.itest.openapiFile", "");
        if (!target.isEmpty()) {
            Path file = Path.of(target);
            Files.createDirectories(file.getParent());
            Files.writeString(file, reply.body(), StandardCharsets.UTF_8);
        }
    }

    /** The API explorer is served by the platform itself (Swagger UI's WebJar); the browser test is .ci/api-explorer. */
    @Test
    public void servesTheApiExplorerFromItsWebJar() {
        Reply redirect = call("GET", "/api/docs", null, null);
        assertEquals(redirect.toString(), 303, redirect.status());
        assertEquals(baseUrl() + "/api/docs/", redirect.location());
        Reply page = call("GET", "/api/docs/", null, null);
        assertEquals(200, page.status());
        assertTrue(page.contentType().startsWith("text/html"));
        assertTrue(page.body().contains("swagger-ui-bundle.js"));
        assertFalse("no CDN", page.body().contains("//cdn") || page.body().contains("https://"));
        Reply bundle = call("GET", "/api/docs/swagger-ui-bundle.js", null, null);
        assertEquals(200, bundle.status());
        assertTrue(bundle.body().length() > 100_000);
        for (String outside : new String[] { "/api/docs/..%2Fexplorer%2Findex.html", "/api/docs/pom.properties",
                "/api/docs/META-INF", "/api/docs/nothing.js" }) {
            Reply refused = call("GET", outside, null, null);
            assertTrue(outside + " -> " + refused, refused.status() == 404 || refused.status() == 400);
            assertTrue(refused.isProblem());
        }
    }

    // ---- Idempotency-Key on creating POSTs, as a CRM that retries after a timeout uses it ----

    /** Sends the request and hangs up without reading the answer: the client's read timed out. */
    private static void sendAndGiveUp(String path, String user, String body, String key) throws Exception {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String head = "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                + "Authorization: Basic " + Base64.getEncoder().encodeToString(user.getBytes(StandardCharsets.UTF_8)) + "\r\n"
                + "Idempotency-Key: " + key + "\r\nContent-Length: " + bytes.length + "\r\nConnection: close\r\n\r\n";
        try (Socket socket = new Socket("127.0.0.1", Integer.parseInt(System.getProperty("calmdesk.itest.httpPort")))) {
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.write(bytes);
            out.flush();
        }
    }

    @Test
    public void aClientRetryingACreateAfterATimeoutGetsOneResource() throws Exception {
        String tag = unique("idem");
        String body = json(Map.of("name", "重试的客户", "tags", List.of(tag)));
        String key = UUID.randomUUID().toString();

        sendAndGiveUp("/api/v1/customers", AGENT, body, key);

        // The retry: 409 while the first still runs, then the first one's answer.
        AtomicReference<Reply> retry = new AtomicReference<>();
        Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).until(() -> {
            retry.set(call("POST", "/api/v1/customers", AGENT, body, "Idempotency-Key", key));
            assertTrue(retry.get().toString(), retry.get().status() == 201 || retry.get().status() == 409);
            return retry.get().status() == 201;
        });
        String id = retry.get().json().get("id").asText();
        assertTrue(retry.get().location().endsWith("/customers/" + id));

        Reply again = call("POST", "/api/v1/customers", AGENT, body, "Idempotency-Key", key);
        assertEquals(201, again.status());
        assertEquals(id, again.json().get("id").asText());
        assertEquals(retry.get().etag(), again.etag());

        Reply listed = call("GET", "/api/v1/customers?tag=" + tag, AGENT, null);
        assertEquals("one customer for one key, however often it was sent", 1, listed.json().get("items").size());
        assertEquals(id, listed.json().get("items").get(0).get("id").asText());
    }

    @Test
    public void theSameKeyWithAnotherBodyIsA422AndBadKeysA400() {
        String key = UUID.randomUUID().toString();
        Reply first = call("POST", "/api/v1/customers", AGENT, json(Map.of("name", "First")), "Idempotency-Key", key);
        assertEquals(201, first.status());
        Reply other = call("POST", "/api/v1/customers", AGENT, json(Map.of("name", "Second")), "Idempotency-Key", key);
        assertEquals(other.toString(), 422, other.status());
        assertTrue(other.isProblem());
        assertEquals(422, other.json().get("status").asInt());

        Reply tooLong = call("POST", "/api/v1/customers", AGENT, json(Map.of("name", "x")), "Idempotency-Key", "k".repeat(256));
        assertEquals(tooLong.toString(), 400, tooLong.status());
        assertTrue(tooLong.isProblem());
    }

    @Test
    public void keysBelongToTheirCallerAndTicketsTakeThemToo() {
        String key = UUID.randomUUID().toString();
        String body = json(Map.of("name", "Shared key"));
        Reply byAgent = call("POST", "/api/v1/customers", AGENT, body, "Idempotency-Key", key);
        Reply byIntegration = call("POST", "/api/v1/customers", INTEGRATION, body, "Idempotency-Key", key);
        assertEquals(201, byIntegration.status());
        assertNotEquals("another caller's key is not replayed to me", byAgent.json().get("id").asText(),
                byIntegration.json().get("id").asText());

        String customerId = byAgent.json().get("id").asText();
        String ticket = json(Map.of("customerId", customerId, "channel", "EMAIL", "category", "BILLING", "subject", "Twice"));
        String ticketKey = UUID.randomUUID().toString();
        Reply opened = call("POST", "/api/v1/tickets", INTEGRATION, ticket, "Idempotency-Key", ticketKey);
        Reply reopened = call("POST", "/api/v1/tickets", INTEGRATION, ticket, "Idempotency-Key", ticketKey);
        assertEquals(201, opened.status());
        assertEquals(opened.json().get("id").asText(), reopened.json().get("id").asText());
        assertEquals(opened.json().get("number").asText(), reopened.json().get("number").asText());
    }
}
