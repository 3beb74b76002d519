package org.calmdesk.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A hostile client against every operation the live OpenAPI document lists (all modules
 * installed): cases generated per request body field, per body as a whole (broken, deep, wrongly
 * encoded, wrongly typed), per query parameter and per path parameter, plus what only a raw socket
 * can send (malformed percent-escapes, NUL, {@code ..;}, overlong URIs and headers). Every answer
 * must be below 500; every 4xx a problem+json whose {@code status} is the HTTP code; no answer may
 * carry HTML, a stack trace or a class name. Reference records created first must read the same,
 * byte for byte, afterwards. Requests go over plain sockets, so nothing is normalised on the way.
 */
@RunWith(PaxExam.class)
public class HostileInputCases extends SharedContainerCases {

    private static final Pattern LEAK = Pattern.compile(
            "Exception|\\.java:\\d|\\borg\\.[a-z]|\\bcom\\.fasterxml|\\bjava\\.(lang|io|util|sql)\\.|\\tat |(?i)<html");
    private static final String FUTURE = Instant.now().plus(30, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString();
    private static final List<String> INJECTIONS = List.of("' OR '1'='1' --", "Robert'); DROP TABLE customer_record;--",
            "<script>alert(1)</script>", "${jndi:ldap://127.0.0.1:1/a}", "../../../../etc/passwd", "%s%n%x");
    private static final List<String> BAD_TIMESTAMPS = List.of("2026-13-45T99:99:99Z", "yesterday", "2026-11-23",
            "2026-11-23T08:15:00", "+999999999-12-31T23:59:59Z", "-000001-01-01T00:00:00Z", "0000-00-00T00:00:00Z",
            "2026-11-23T08:15:00.00000000000000000000000000001Z", "2026-11-23T08:15:00Z" + "0".repeat(500));

    /** One generated request and, where the contract fixes it, the status it must get. */
    record Case(String group, String label, byte[] request, Integer expected) {
    }

    record Answer(int status, Map<String, String> headers, String body) {
        String header(String name) {
            return headers.getOrDefault(name.toLowerCase(Locale.ROOT), "");
        }
    }

    private final Map<String, String> targets = new LinkedHashMap<>();
    private final List<Case> cases = new ArrayList<>();

    @Test
    public void everyHostileRequestIsAClearProblemAndChangesNothingElse() throws Exception {
        Map<String, String> references = createReferenceRecords();
        // The references' own asynchronous effects (the customer's emotion profile after its ticket) first.
        awaitEventsDelivered();
        Map<String, String> before = readAll(references.values());
        createTargets();

        JsonNode openApi = call("GET", "/api/v1/openapi.json", ADMIN, null).json();
        JsonNode schemas = openApi.path("components").path("schemas");
        List<Map.Entry<String, JsonNode>> operations = operations(openApi);
        for (Map.Entry<String, JsonNode> operation : operations) {
            weakETagCases(operation.getKey(), operation.getValue());
        }
        for (Map.Entry<String, JsonNode> operation : operations) {
            String[] methodAndPath = operation.getKey().split(" ", 2);
            JsonNode op = operation.getValue();
            JsonNode bodySchema = op.path("requestBody").path("content").path("application/json").path("schema");
            if (!op.path("requestBody").isMissingNode()) {
                String schemaName = bodySchema.path("$ref").asText("").replaceFirst(".*/", "");
                ObjectNode base = baseBody(schemaName, methodAndPath[1]);
                bodyCases(methodAndPath[0], methodAndPath[1], base);
                fieldCases(methodAndPath[0], methodAndPath[1], base, schemas.path(schemaName).path("properties"), schemas);
            } else if (!methodAndPath[0].equals("GET")) {
                bodyCases(methodAndPath[0], methodAndPath[1], null);
            }
            queryCases(methodAndPath[0], methodAndPath[1], op);
            pathCases(methodAndPath[0], methodAndPath[1], op);
        }
        rawCases();

        Map<Integer, Integer> byStatus = new TreeMap<>();
        Map<String, Map<Integer, Integer>> byGroup = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        for (Case c : cases) {
            Answer answer = exchange(c.request());
            byStatus.merge(answer.status(), 1, Integer::sum);
            byGroup.computeIfAbsent(c.group(), g -> new TreeMap<>()).merge(answer.status(), 1, Integer::sum);
            String failure = judge(c, answer);
            if (failure != null) {
                failures.add(c.group() + " | " + c.label() + " -> " + failure);
            }
        }

        Map<String, String> after = readAll(references.values());
        for (Map.Entry<String, String> reference : references.entrySet()) {
            String path = reference.getValue();
            if (!before.get(path).equals(after.get(path))) {
                failures.add("reference " + reference.getKey() + " changed:\n  before " + before.get(path) + "\n  after  " + after.get(path));
            }
        }

        StringBuilder report = new StringBuilder("Hostile input: " + cases.size() + " cases over " + operations.size()
                + " operations; answers by status " + byStatus + "\n");
        byGroup.forEach((group, counts) -> report.append("  ").append(group).append(": ").append(counts).append('\n'));
        // The failures by kind (group and the start of the reason), then each one.
        Map<String, Integer> kinds = new TreeMap<>();
        for (String failure : failures) {
            String reason = failure.substring(failure.indexOf(" -> ") + 4).replaceFirst("^(.{0,60}?)\\s*[:(].*", "$1");
            String group = failure.contains(" | ") ? failure.substring(0, failure.indexOf(" | ")) : "reference";
            kinds.merge(group + " / " + reason, 1, Integer::sum);
        }
        report.append(failures.size()).append(" failed ").append(kinds);
        failures.forEach(f -> report.append("\n  ").append(f));
        System.out.println(report);
        assertTrue("only " + cases.size() + " cases generated", cases.size() >= 500);
        assertTrue(report.toString(), failures.isEmpty());
    }

    /**
     * A client that hangs up while its request body is still coming, or while its answer is still
     * being written, is the client's business: it may be logged, but not as an ERROR.
     */
    @Test
    public void aClientHangingUpMidExchangeIsNoError() throws Exception {
        // A list answer of about 1.4 MB, as large as page size and field limits allow (on loopback the
        // kernel may buffer all of it, so the mid-request hang-ups below are the sharper test).
        String tag = unique("big").substring(0, 12);
        for (int i = 0; i < 150; i++) {
            created("/api/v1/customers", json(Map.of("name", "Big " + i, "tags", List.of(tag), "notes", "n".repeat(9_000))));
        }
        java.nio.file.Path log = java.nio.file.Path.of(System.getProperty("karaf.data"), "log", "karaf.log");
        long mark = java.nio.file.Files.size(log);
        int port = Integer.parseInt(System.getProperty("calmdesk.itest.httpPort", "8181"));
        // Mid-request: 13 of 100,000 announced body bytes, then a reset or a half-close.
        byte[] head = request("POST", "/api/v1/customers", ADMIN, "application/json", null, "Content-Length", "100000");
        for (int i = 0; i < 4; i++) {
            try (Socket socket = new Socket("127.0.0.1", port)) {
                socket.getOutputStream().write(head);
                socket.getOutputStream().write("{\"name\":\"half".getBytes(StandardCharsets.UTF_8));
                Thread.sleep(300);
                if (i % 2 == 0) {
                    socket.setSoLinger(true, 0);
                } else {
                    socket.shutdownOutput();
                    Thread.sleep(200);
                }
            }
        }
        // Mid-answer: the 1.4 MB to a client with a 4 KB window that reads 2 KB and resets.
        byte[] request = request("GET", "/api/v1/customers?limit=200&tag=" + tag, ADMIN, null, null);
        for (int i = 0; i < 5; i++) {
            try (Socket socket = new Socket()) {
                socket.setReceiveBufferSize(4096);
                socket.connect(new java.net.InetSocketAddress("127.0.0.1", port));
                socket.getOutputStream().write(request);
                byte[] start = socket.getInputStream().readNBytes(2000);
                assertTrue(new String(start, StandardCharsets.ISO_8859_1), new String(start, StandardCharsets.ISO_8859_1)
                        .startsWith("HTTP/1.1 200"));
                Thread.sleep(300);
                socket.setSoLinger(true, 0); // reset, as a client that crashed or timed out would
            }
        }
        Thread.sleep(2000);
        assertEquals(200, call("GET", "/api/v1/customers?limit=1&tag=" + tag, ADMIN, null).status());
        String logged;
        try (java.io.RandomAccessFile file = new java.io.RandomAccessFile(log.toFile(), "r")) {
            file.seek(mark);
            byte[] bytes = new byte[(int) (file.length() - mark)];
            file.readFully(bytes);
            logged = new String(bytes, StandardCharsets.UTF_8);
        }
        List<String> errors = logged.lines().filter(line -> line.contains("| ERROR |")).toList();
        assertTrue("logged at ERROR when clients hung up:\n" + String.join("\n", errors), errors.isEmpty());
    }

    // ---- what every answer must satisfy ----

    private static String judge(Case c, Answer answer) {
        if (answer.status() == 0) {
            return "no answer: " + answer.body();
        }
        if (c.expected() != null && answer.status() != c.expected()) {
            return "status " + answer.status() + ", expected " + c.expected() + ": " + shorten(answer.body());
        }
        if (answer.status() >= 500 && c.expected() == null) {
            return "server error " + answer.status() + ": " + shorten(answer.body());
        }
        if (LEAK.matcher(answer.body()).find() || answer.header("Content-Type").contains("html")) {
            return "HTML or internals in the answer (" + answer.status() + " " + answer.header("Content-Type") + "): "
                    + shorten(answer.body());
        }
        if (answer.status() >= 400) {
            if (!answer.header("Content-Type").startsWith("application/problem+json")) {
                return answer.status() + " as " + answer.header("Content-Type") + ": " + shorten(answer.body());
            }
            JsonNode problem;
            try {
                problem = JSON.readTree(answer.body());
            } catch (IOException e) {
                return answer.status() + " problem is not JSON: " + shorten(answer.body());
            }
            if (!problem.path("status").isIntegralNumber() || problem.path("status").asInt() != answer.status()) {
                return "problem status " + problem.path("status") + " for HTTP " + answer.status();
            }
            for (String member : List.of("type", "title", "detail")) {
                if (!problem.path(member).isTextual()) {
                    return answer.status() + " problem without " + member + ": " + shorten(answer.body());
                }
            }
        }
        return null;
    }

    private static String shorten(String body) {
        String line = body.replaceAll("\\s+", " ");
        return line.length() > 200 ? line.substring(0, 200) + "..." : line;
    }

    // ---- records ----

    /** Records that no case touches directly: each must read the same afterwards. */
    private Map<String, String> createReferenceRecords() {
        Map<String, String> paths = new LinkedHashMap<>();
        String customer = created("/api/v1/customers", json(Map.of("name", "参考客户 Reference", "externalRef", unique("ref"),
                "email", "reference@example.cn", "tags", List.of("reference"), "notes", "must not change")));
        paths.put("customer", "/api/v1/customers/" + customer);
        String ticket = created("/api/v1/tickets", json(Map.of("customerId", customer, "channel", "EMAIL", "category", "BILLING",
                "subject", "参考工单", "description", "reference ticket", "priority", "P4")));
        paths.put("ticket", "/api/v1/tickets/" + ticket);
        paths.put("follow-up", "/api/v1/followups/" + created("/api/v1/followups", json(Map.of("customerId", customer,
                "ticketId", ticket, "dueAt", FUTURE, "channel", "PHONE", "purpose", "reference follow-up"))));
        paths.put("survey", "/api/v1/surveys/" + created("/api/v1/surveys", json(Map.of("name", "reference survey",
                "trigger", "MANUAL", "active", true, "questions", List.of(Map.of("key", "csat", "type", "CSAT", "text", "满意吗",
                        "required", true))))));
        paths.put("article", "/api/v1/articles/" + created("/api/v1/articles", json(Map.of("title", "Reference article",
                "problem", "参考问题", "rootCause", "cause", "solution", "solution", "category", "OTHER", "language", "zh"))));
        return paths;
    }

    /** The records the cases aim at (path ids, ids inside bodies): their changes are expected. */
    private void createTargets() {
        String customer = created("/api/v1/customers", json(Map.of("name", "Target", "externalRef", unique("target"))));
        targets.put("customer", customer);
        targets.put("externalRef", call("GET", "/api/v1/customers/" + customer, ADMIN, null).json().get("externalRef").asText());
        targets.put("interaction", created("/api/v1/customers/" + customer + "/interactions",
                json(Map.of("channel", "PHONE", "direction", "INBOUND", "summary", "target"))));
        targets.put("ticket", created("/api/v1/tickets", json(Map.of("customerId", customer, "channel", "PHONE",
                "category", "OTHER", "subject", "target", "priority", "P4"))));
        targets.put("followup", created("/api/v1/followups", json(Map.of("customerId", customer, "dueAt", FUTURE,
                "channel", "PHONE", "purpose", "target"))));
        targets.put("survey", created("/api/v1/surveys", json(Map.of("name", "target", "trigger", "MANUAL", "active", true,
                "questions", List.of(Map.of("key", "csat", "type", "CSAT", "text", "q", "required", true))))));
        Reply invitation = call("POST", "/api/v1/surveys/" + targets.get("survey") + "/invitations", ADMIN,
                json(Map.of("customerId", customer, "channel", "EMAIL")));
        assertEquals(invitation.toString(), 201, invitation.status());
        targets.put("token", invitation.json().get("token").asText());
        targets.put("article", created("/api/v1/articles", json(Map.of("title", "target", "problem", "p", "rootCause", "r",
                "solution", "s", "category", "OTHER", "language", "en"))));
        targets.put("webhook", created("/api/v1/webhooks", json(WEBHOOK)));
    }

    /**
     * A webhook target that never receives anything: inactive, and its address is in TEST-NET-1
     * (192.0.2.0/24, reserved for documentation, never routed), which is neither private nor loopback.
     */
    private static final Map<String, Object> WEBHOOK = Map.of("url", "https://192.0.2.1/calmdesk-hook",
            "topics", List.of("calmdesk/ticket/*"), "description", "hostile input target", "active", false);

    private static String created(String path, String body) {
        Reply reply = call("POST", path, ADMIN, body);
        assertEquals(reply.toString(), 201, reply.status());
        return reply.json().get("id").asText();
    }

    private static Map<String, String> readAll(Iterable<String> paths) {
        Map<String, String> bodies = new LinkedHashMap<>();
        for (String path : paths) {
            Reply reply = call("GET", path, ADMIN, null);
            assertEquals(reply.toString(), 200, reply.status());
            bodies.put(path, reply.etag() + " " + reply.body());
        }
        return bodies;
    }

    // ---- operations from the OpenAPI document ----

    /** "METHOD /api/v1/..." with its operation object; deletes last, so the targets live through the rest. */
    private static List<Map.Entry<String, JsonNode>> operations(JsonNode openApi) {
        // The document names its absolute server (http://host:port/api); requests here need its path.
        String server = java.net.URI.create(openApi.path("servers").path(0).path("url").asText("")).getRawPath();
        List<Map.Entry<String, JsonNode>> operations = new ArrayList<>();
        List<Map.Entry<String, JsonNode>> deletes = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = openApi.path("paths").fields(); paths.hasNext();) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> methods = path.getValue().fields(); methods.hasNext();) {
                Map.Entry<String, JsonNode> method = methods.next();
                if (!method.getValue().isObject() || method.getKey().equals("parameters")) {
                    continue;
                }
                String key = method.getKey().toUpperCase(Locale.ROOT) + " " + server + path.getKey();
                (method.getKey().equals("delete") ? deletes : operations).add(Map.entry(key, method.getValue()));
            }
        }
        operations.addAll(deletes);
        return operations;
    }

    /** The path with the target records' ids in it. */
    private String concrete(String template) {
        String path = template;
        String module = template.replaceFirst("^/api/v1/([^/]+).*", "$1");
        String id = switch (module) {
            case "customers" -> targets.get("customer");
            case "tickets" -> targets.get("ticket");
            case "followups" -> targets.get("followup");
            case "surveys" -> targets.get("survey");
            case "articles" -> targets.get("article");
            case "webhooks" -> targets.get("webhook");
            default -> "no-such-id";
        };
        path = path.replace("{id}", id).replace("{externalRef}", targets.get("externalRef"))
                .replace("{interactionId}", targets.get("interaction")).replace("{token}", targets.get("token"));
        return path.replaceAll("\\{[^}]+}", "no-such-id");
    }

    /** A valid body for each request schema, so that one changed field is all that is wrong. */
    private ObjectNode baseBody(String schema, String path) {
        Map<String, Object> body = switch (schema) {
            case "CustomerDraft" -> Map.of("name", "Hostile", "email", "h@example.cn", "phone", "+86 139 0000 0000",
                    "language", "zh", "segment", "retail", "temperament", "RATIONAL", "tags", List.of("t"), "notes", "n");
            case "ArticleDraft" -> Map.of("title", "t", "problem", "p", "rootCause", "r", "solution", "s",
                    "scripts", List.of("say"), "category", "OTHER", "tags", List.of("t"), "language", "en");
            case "InteractionDraft" -> Map.of("channel", "PHONE", "direction", "INBOUND", "summary", "s",
                    "emotion", "NEUTRAL", "occurredAt", "2026-01-01T00:00:00Z");
            case "AnalyzeRequest" -> Map.of("text", "I am very angry", "language", "en");
            case "WebhookDraft" -> WEBHOOK;
            case "FollowUpDraft" -> Map.of("customerId", targets.get("customer"), "dueAt", FUTURE, "channel", "PHONE",
                    "purpose", "p", "assignee", "agent", "recurrence", "P30D");
            case "Completion" -> Map.of("summary", "s", "customerSatisfied", true);
            case "Reschedule" -> Map.of("dueAt", FUTURE);
            case "SurveyDraft" -> Map.of("name", "s", "trigger", "MANUAL", "active", true,
                    "questions", List.of(Map.of("key", "csat", "type", "CSAT", "text", "q", "required", true)));
            case "InvitationDraft" -> Map.of("customerId", targets.get("customer"), "channel", "EMAIL");
            case "TicketDraft" -> Map.of("customerId", targets.get("customer"), "channel", "PHONE", "category", "OTHER",
                    "subject", "s", "description", "d", "emotion", Map.of("label", "ANGER", "intensity", 0.5),
                    "priority", "P4", "assignee", "agent", "tags", List.of("t"));
            case "AssigneeChange" -> Map.of("assignee", "agent");
            case "CommentDraft" -> Map.of("body", "b", "internal", false);
            case "Transition" -> Map.of("to", "ACKNOWLEDGED", "note", "n");
            case "WaitingChange" -> Map.of("waiting", false);
            case "FeedbackRequest" -> Map.of("helpful", true);
            default -> path.startsWith("/api/v1/survey-responses") ? Map.of("answers", Map.of("csat", 5))
                    : path.endsWith("/import") ? Map.of("articles", List.of()) : Map.of();
        };
        return JSON.valueToTree(body);
    }

    // ---- generated cases ----

    private void weakETagCases(String operation, JsonNode op) {
        boolean ifMatch = false;
        for (JsonNode parameter : op.path("parameters")) {
            ifMatch |= parameter.path("in").asText().equals("header") && parameter.path("name").asText().equalsIgnoreCase("If-Match");
        }
        if (!ifMatch) {
            return;
        }
        String[] methodAndPath = operation.split(" ", 2);
        String resource = concrete(methodAndPath[1].replaceFirst("(\\{id}).*", "$1"));
        Reply current = call("GET", resource, ADMIN, null);
        String version = current.etag() == null ? "\"1\"" : current.etag();
        String schema = op.path("requestBody").path("content").path("application/json").path("schema").path("$ref").asText("")
                .replaceFirst(".*/", "");
        byte[] body = baseBody(schema, methodAndPath[1]).toString().getBytes(StandardCharsets.UTF_8);
        String path = concrete(methodAndPath[1]);
        cases.add(new Case("If-Match", operation + " If-Match W/" + version, request(methodAndPath[0], path, ADMIN,
                "application/json", body, "If-Match", "W/" + version), 412));
        // Well-formed tags that do not match: 412. Malformed ones: any clear 4xx.
        for (String value : List.of("\"\"", "\"abc\"", "\"-1\"", "\"99999999999999999999999\"", "W/\"999\"")) {
            cases.add(new Case("If-Match", operation + " If-Match " + value, request(methodAndPath[0], path, ADMIN,
                    "application/json", body, "If-Match", value), 412));
        }
        for (String value : List.of("W/", "\"", "\"1", "1\"", "W/W/\"1\"", "\"\u00e9\"", "\"a\" \"b\"")) {
            cases.add(new Case("If-Match", operation + " If-Match " + value, request(methodAndPath[0], path, ADMIN,
                    "application/json", body, "If-Match", value), null));
        }
    }

    /** The body as a whole: empty, null, broken, too deep, wrongly encoded, wrong content type. */
    private void bodyCases(String method, String template, ObjectNode base) {
        String path = concrete(template);
        String operation = method + " " + template;
        String field = firstTextField(base);
        String valid = base == null ? "{}" : base.toString();
        Map<String, byte[]> bodies = new LinkedHashMap<>();
        bodies.put("empty body", new byte[0]);
        for (String text : List.of("null", "[]", "\"text\"", "0", "{", "{\"a\":}", "{}{}", "{\"a\":1,}", "{'a':1}", "NaN",
                valid + "garbage")) {
            bodies.put("body " + text, text.getBytes(StandardCharsets.UTF_8));
        }
        bodies.put("1,001 nested arrays", ("[".repeat(1001) + "]".repeat(1001)).getBytes(StandardCharsets.UTF_8));
        bodies.put("1,001 nested objects", ("{\"a\":".repeat(1001) + "1" + "}".repeat(1001)).getBytes(StandardCharsets.UTF_8));
        if (template.endsWith("/import")) {
            bodies.put("100,000 nested arrays", ("[".repeat(100_000) + "]".repeat(100_000)).getBytes(StandardCharsets.UTF_8));
            bodies.put("1,001 nested articles", ("{\"articles\":" + "[".repeat(1001) + "]".repeat(1001) + "}")
                    .getBytes(StandardCharsets.UTF_8));
        }
        bodies.put("invalid UTF-8 FF FE", withBytes(base, field, new byte[] { 'a', (byte) 0xFF, (byte) 0xFE, 'b' }));
        bodies.put("overlong UTF-8 C0 AF", withBytes(base, field, new byte[] { 'a', (byte) 0xC0, (byte) 0xAF, 'b' }));
        bodies.put("overlong UTF-8 E0 80 AF", withBytes(base, field, new byte[] { (byte) 0xE0, (byte) 0x80, (byte) 0xAF }));
        bodies.put("UTF-8 encoded lone surrogate ED A0 80", withBytes(base, field, new byte[] { (byte) 0xED, (byte) 0xA0, (byte) 0x80 }));
        bodies.put("truncated UTF-8 E4 B8", withBytes(base, field, new byte[] { (byte) 0xE4, (byte) 0xB8 }));
        bodies.put("raw NUL byte", withBytes(base, field, new byte[] { 'a', 0, 'b' }));
        bodies.put("raw control bytes", withBytes(base, field, new byte[] { 'a', 1, 0x1B, 0x7F, 'b' }));
        for (Map.Entry<String, byte[]> body : bodies.entrySet()) {
            cases.add(new Case("body", operation + " " + body.getKey(), request(method, path, ADMIN, "application/json", body.getValue()), null));
        }
        byte[] validBytes = valid.getBytes(StandardCharsets.UTF_8);
        for (String contentType : List.of("text/plain", "application/xml", "application/x-www-form-urlencoded",
                "multipart/form-data; boundary=x", "application/json; charset=UTF-16", "application/json; charset=nonsense",
                "*/*", "application/", "")) {
            cases.add(new Case("content type", operation + " Content-Type '" + contentType + "'",
                    request(method, path, ADMIN, contentType.isEmpty() ? null : contentType, validBytes), null));
        }
    }

    /** One field of an otherwise valid body at a time. */
    private void fieldCases(String method, String template, ObjectNode base, JsonNode properties, JsonNode schemas) {
        String path = concrete(template);
        for (Iterator<Map.Entry<String, JsonNode>> fields = properties.fields(); fields.hasNext();) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode schema = field.getValue();
            String type = schema.path("type").asText(schema.has("$ref") ? "object" : "string");
            List<String> values = new ArrayList<>(List.of("null", "{\"unexpected\":{\"deep\":[1]}}"));
            switch (type) {
                case "integer", "number" -> values.addAll(List.of("\"abc\"", "1e400", "-1e400", "123456789012345678901234567890",
                        "-1", "-9223372036854775809", "1.5", "true", "\"\"", "[1]"));
                case "boolean" -> values.addAll(List.of("\"yes\"", "2", "\"\"", "[true]"));
                case "array" -> values.addAll(List.of("\"x\"", "[null]", "[{}]", "[[[[]]]]", "[123]", "[\"" + "x".repeat(70_000) + "\"]"));
                case "object" -> values.addAll(List.of("\"x\"", "[]", "1", "{}"));
                default -> {
                    values.addAll(List.of("123", "true", "[]", "\"\"", "\" \"", "\"a\\u0000b\"", "\"a\\u0007\\u001bb\"",
                            "\"a\\ud800b\"", "\"\\udc00\\ud800\"", "\"" + "x".repeat(70_000) + "\""));
                    for (String injection : INJECTIONS) {
                        values.add(JSON.valueToTree(injection).toString());
                    }
                    if (schema.has("enum")) {
                        values.addAll(List.of("\"NOT_A_VALUE\"", JSON.valueToTree(schema.path("enum").path(0).asText()
                                .toLowerCase(Locale.ROOT)).toString(), "0"));
                    }
                    if ("date-time".equals(schema.path("format").asText()) || field.getKey().endsWith("At")) {
                        values.addAll(List.of("1700000000000", "1700000000", "-1"));
                        for (String timestamp : BAD_TIMESTAMPS) {
                            values.add(JSON.valueToTree(timestamp).toString());
                        }
                    }
                }
            }
            for (String value : values) {
                ObjectNode body = base.deepCopy();
                body.remove(field.getKey());
                String text = body.toString();
                text = "{\"" + field.getKey() + "\":" + value + (body.isEmpty() ? "}" : "," + text.substring(1));
                cases.add(new Case("field", method + " " + template + " " + field.getKey() + "=" + abbreviate(value),
                        request(method, path, ADMIN, "application/json", text.getBytes(StandardCharsets.UTF_8)), null));
            }
        }
    }

    private void queryCases(String method, String template, JsonNode op) {
        String path = concrete(template);
        List<String> values = new ArrayList<>(List.of("%", "%zz", "%4", "%00", "%C0%AF", "%ED%A0%80", "%FF%FE", "-1", "0",
                "99999999999999999999", "abc", "1700000000000", "2026-13-45T99:99:99Z", "%27%20OR%20%271%27=%271",
                "NOT_A_VALUE", "%0d%0aSet-Cookie:%20x=1", "x".repeat(6000)));
        for (JsonNode parameter : op.path("parameters")) {
            if (!parameter.path("in").asText().equals("query")) {
                continue;
            }
            String name = parameter.path("name").asText();
            for (String value : values) {
                cases.add(new Case("query", method + " " + template + "?" + name + "=" + abbreviate(value),
                        request(method, path + "?" + name + "=" + value, ADMIN, null, null), null));
            }
            cases.add(new Case("query", method + " " + template + "?" + name + "=a&" + name + "=b",
                    request(method, path + "?" + name + "=a&" + name + "=b", ADMIN, null, null), null));
        }
        // Malformed escapes are refused before anything else, with or without credentials.
        for (String query : List.of("x=%", "%=1", "x=%G0", "x=%00%")) {
            cases.add(new Case("query", method + " " + template + "?" + query + " without credentials",
                    request(method, path + "?" + query, null, null, null), null));
        }
    }

    private void pathCases(String method, String template, JsonNode op) {
        List<String> params = new ArrayList<>();
        for (JsonNode parameter : op.path("parameters")) {
            if (parameter.path("in").asText().equals("path")) {
                params.add(parameter.path("name").asText());
            }
        }
        for (String param : params) {
            for (String value : List.of("%", "%zz", "%00", "..;", "..%3B", "%2e%2e%2f%2e%2e", "%2F", "%C0%AF", "%ED%A0%80",
                    "%27%20OR%20%271%27=%271", "%0d%0a", "x".repeat(3000), "-1", "%E4%B8%AD%E6%96%87")) {
                String path = concrete(template.replace("{" + param + "}", value));
                cases.add(new Case("path", method + " " + template + " " + param + "=" + abbreviate(value),
                        request(method, path, ADMIN, method.equals("GET") || method.equals("DELETE") ? null : "application/json",
                                method.equals("GET") || method.equals("DELETE") ? null : "{}".getBytes(StandardCharsets.UTF_8)), null));
            }
        }
    }

    /** What an HTTP client library refuses to send, aimed at the HTTP server itself. */
    private void rawCases() {
        for (String target : List.of("/api/v1/health?x=%", "/api/v1/health?x=%zz", "/api/v1/health/%00", "/api/v1/%00",
                "/api/v1/customers/..;/..;/health", "/api/v1/..;/v1/customers", "/api/v1/customers/%2e%2e/tickets",
                "/api/v1/customers;jsessionid=x", "/api/v1/customers/%", "/%", "/api/%zz/x", "//api//v1//customers",
                "/api/v1/health#fragment", "*", "http://127.0.0.1/api/v1/health", "/api/v1/health?" + "%".repeat(50))) {
            cases.add(new Case("raw", "GET " + abbreviate(target), request("GET", target, null, null, null), null));
            cases.add(new Case("raw", "GET " + abbreviate(target) + " as admin", request("GET", target, ADMIN, null, null), null));
        }
        cases.add(new Case("raw", "URI of 100,000 characters", request("GET", "/api/v1/customers?q=" + "x".repeat(100_000), ADMIN,
                null, null), 414));
        cases.add(new Case("raw", "URI of 100,000 characters without credentials", request("GET", "/api/v1/health?x="
                + "x".repeat(100_000), null, null, null), 414));
        cases.add(new Case("raw", "header of 64 KB", request("GET", "/api/v1/customers", ADMIN, null, null, "X-Padding",
                "x".repeat(64 * 1024)), 431));
        cases.add(new Case("raw", "200 headers of 1 KB", requestWithHeaders("GET /api/v1/health HTTP/1.1", 200), 431));
        // An HTTP version the server does not speak is a 505, still as a problem.
        for (String line : List.of("GET /api/v1/health HTTP/9.9", "GET /api/v1/health")) {
            cases.add(new Case("raw", "request line " + line,
                    (line + "\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.UTF_8), 505));
        }
        for (String line : List.of("BREW /api/v1/health HTTP/1.1",
                "GET  /api/v1/health HTTP/1.1", "GET /api/v1/he\u0000alth HTTP/1.1", "GET /api/v1/héalth HTTP/1.1")) {
            cases.add(new Case("raw", "request line " + abbreviate(line.replace("\u0000", "\\0")),
                    (line + "\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.UTF_8), null));
        }
        for (String header : List.of("Content-Length: -1", "Content-Length: abc", "Content-Length: 99999999999999999999",
                "Transfer-Encoding: chunked\r\nContent-Length: 5", "Transfer-Encoding: gzip", "Authorization: Basic %%%",
                "Authorization: Basic " + Base64.getEncoder().encodeToString("admin".getBytes(StandardCharsets.UTF_8)),
                "Authorization: Bearer x", "Authorization: Basic " + "A".repeat(6000), "Accept: text/html",
                "Accept: application/xml", "Accept-Charset: ISO-8859-1", "Idempotency-Key: \u0001bad",
                "Idempotency-Key: " + "k".repeat(300), "If-Match: W/\"1\"")) {
            String request = "POST /api/v1/customers HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nContent-Type: application/json\r\n"
                    + header + "\r\n" + (header.startsWith("Authorization") ? "" : basic(ADMIN)) + "\r\n{\"name\":\"raw\"}";
            cases.add(new Case("raw", "POST /customers with " + abbreviate(header), request.getBytes(StandardCharsets.UTF_8), null));
        }
    }

    // ---- requests over a plain socket ----

    private static byte[] request(String method, String target, String user, String contentType, byte[] body, String... headers) {
        StringBuilder head = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\nHost: 127.0.0.1\r\n")
                .append("Connection: close\r\nAccept: application/json\r\n");
        if (user != null) {
            head.append(basic(user));
        }
        if (contentType != null) {
            head.append("Content-Type: ").append(contentType).append("\r\n");
        }
        if (body != null) {
            head.append("Content-Length: ").append(body.length).append("\r\n");
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            head.append(headers[i]).append(": ").append(headers[i + 1]).append("\r\n");
        }
        head.append("\r\n");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
        if (body != null) {
            bytes.writeBytes(body);
        }
        return bytes.toByteArray();
    }

    private static byte[] requestWithHeaders(String requestLine, int count) {
        StringBuilder request = new StringBuilder(requestLine).append("\r\nHost: 127.0.0.1\r\nConnection: close\r\n");
        for (int i = 0; i < count; i++) {
            request.append("X-Header-").append(i).append(": ").append("v".repeat(1024)).append("\r\n");
        }
        return request.append("\r\n").toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String basic(String user) {
        return "Authorization: Basic " + Base64.getEncoder().encodeToString(user.getBytes(StandardCharsets.UTF_8)) + "\r\n";
    }

    /** Sends one request on a fresh connection and reads the whole answer (the server closes after it). */
    private static Answer exchange(byte[] request) {
        try (Socket socket = new Socket("127.0.0.1", Integer.parseInt(System.getProperty("calmdesk.itest.httpPort", "8181")))) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            try {
                out.write(request);
                out.flush();
            } catch (IOException earlyAnswer) {
                // The server may answer (413, 431) and close before it has read everything: read what it said.
            }
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[16384];
            try {
                for (int n; (n = in.read(buffer)) > 0 && received.size() < 4_000_000;) {
                    received.write(buffer, 0, n);
                }
            } catch (IOException reset) {
                if (received.size() == 0) {
                    throw reset;
                }
            }
            return parse(received.toByteArray());
        } catch (IOException e) {
            return new Answer(0, Map.of(), e.toString());
        }
    }

    private static Answer parse(byte[] raw) {
        String text = new String(raw, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        if (end < 0 || !text.startsWith("HTTP/1.")) {
            return new Answer(0, Map.of(), "not an HTTP answer: " + shorten(text));
        }
        String[] lines = text.substring(0, end).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
            }
        }
        byte[] body = java.util.Arrays.copyOfRange(raw, end + 4, raw.length);
        if (headers.getOrDefault("transfer-encoding", "").contains("chunked")) {
            body = dechunk(body);
        }
        return new Answer(status, headers, new String(body, StandardCharsets.UTF_8));
    }

    private static byte[] dechunk(byte[] chunked) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int at = 0;
        while (at < chunked.length) {
            int lineEnd = at;
            while (lineEnd + 1 < chunked.length && !(chunked[lineEnd] == '\r' && chunked[lineEnd + 1] == '\n')) {
                lineEnd++;
            }
            String size = new String(chunked, at, lineEnd - at, StandardCharsets.ISO_8859_1).split(";")[0].trim();
            int length = size.isEmpty() ? 0 : Integer.parseInt(size, 16);
            if (length == 0) {
                break;
            }
            int start = lineEnd + 2;
            out.write(chunked, start, Math.min(length, chunked.length - start));
            at = start + length + 2;
        }
        return out.toByteArray();
    }

    // ---- small helpers ----

    private static String firstTextField(ObjectNode base) {
        if (base != null) {
            for (Iterator<Map.Entry<String, JsonNode>> fields = base.fields(); fields.hasNext();) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (field.getValue().isTextual()) {
                    return field.getKey();
                }
            }
        }
        return "text";
    }

    /** The valid body with the given bytes as the value of one text field. */
    private static byte[] withBytes(ObjectNode base, String field, byte[] value) {
        ObjectNode body = base == null ? JSON.createObjectNode() : base.deepCopy();
        body.remove(field);
        String rest = body.isEmpty() ? "}" : "," + body.toString().substring(1);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes(("{\"" + field + "\":\"").getBytes(StandardCharsets.UTF_8));
        bytes.writeBytes(value);
        bytes.writeBytes(("\"" + rest).getBytes(StandardCharsets.UTF_8));
        return bytes.toByteArray();
    }

    private static String abbreviate(String value) {
        return value.length() > 40 ? value.substring(0, 20) + "...(" + value.length() + " chars)" : value;
    }
}
