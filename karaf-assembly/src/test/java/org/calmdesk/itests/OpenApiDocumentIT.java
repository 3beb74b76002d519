package org.calmdesk.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Reads the OpenAPI document of the running distribution (every module installed) and saves it
 * where the build validates it and generates the Java and TypeScript clients from it
 * ({@code target/openapi/openapi.json}); GeneratedClientIT then runs a scenario through the
 * generated Java client. Runs first, in its own Failsafe execution (see the assembly's pom).
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class OpenApiDocumentIT extends CalmdeskTestSupport {

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
}
