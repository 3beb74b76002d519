package org.calmdesk.itests;

import static org.awaitility.Awaitility.await;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.replaceConfigurationFile;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Abuse resistance and transport (issue 13, items 6 and 7) on the real distribution: failed-login
 * throttling, per-user quotas with RateLimit headers, the survey guesser who must not lock out a
 * respondent behind the same NAT, HTTPS with the key pair the first start makes, security headers.
 * Each test sends its requests "from" its own X-Forwarded-For address, so their limits stay apart.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class AbuseResistanceIT extends CalmdeskTestSupport {

    private static final String RATELIMIT = "etc/calmdesk.ratelimit.cfg";
    private static final String SURVEY = "etc/calmdesk.survey.cfg";
    private static final String WEB = "etc/org.ops4j.pax.web.cfg";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Override
    @Configuration
    public Option[] config() throws Exception {
        List<Option> options = new ArrayList<>(List.of(super.config()));
        // The key pair exactly as the first bin/karaf start makes it: the shipped script on the shipped cfg.
        Path etc = Files.createTempDirectory(Path.of("target"), "tls");
        Files.copy(Path.of("target/assembly/etc/org.ops4j.pax.web.cfg"), etc.resolve("org.ops4j.pax.web.cfg"));
        Process script = new ProcessBuilder("sh", "target/assembly/bin/calmdesk-keystore", etc.toString()).inheritIO().start();
        if (!script.waitFor(60, TimeUnit.SECONDS) || script.exitValue() != 0) {
            throw new IllegalStateException("bin/calmdesk-keystore failed");
        }
        Properties web = new Properties();
        try (Reader in = Files.newBufferedReader(etc.resolve("org.ops4j.pax.web.cfg"))) {
            web.load(in);
        }
        options.add(replaceConfigurationFile("etc/calmdesk-keystore.p12", etc.resolve("calmdesk-keystore.p12").toFile()));
        for (String key : List.of("org.osgi.service.http.secure.enabled", "org.ops4j.pax.web.ssl.keystore.password",
                "org.ops4j.pax.web.ssl.key.password")) {
            options.add(editConfigurationFilePut(WEB, key, web.getProperty(key)));
        }
        // Small limits, so that the tests reach them; addresses from X-Forwarded-For.
        options.add(editConfigurationFilePut(RATELIMIT, "loginFailuresPerUser", "5"));
        options.add(editConfigurationFilePut(RATELIMIT, "loginFailuresPerAddress", "12"));
        options.add(editConfigurationFilePut(RATELIMIT, "loginWindowSeconds", "300"));
        options.add(editConfigurationFilePut(RATELIMIT, "integrationRequestsPerMinute", "20"));
        options.add(editConfigurationFilePut(RATELIMIT, "trustForwardedFor", "true"));
        options.add(editConfigurationFilePut(SURVEY, "invalidTokenGuessesPerMinute", "5"));
        options.add(editConfigurationFilePut(SURVEY, "trustForwardedFor", "true"));
        // Users of their own, so that locking them out leaves the shared demo users alone.
        options.add(editConfigurationFilePut("etc/users.properties", "clerk", "clerk-pw,crm-agent"));
        options.add(editConfigurationFilePut("etc/users.properties", "cashier", "cashier-pw,crm-agent"));
        return options.toArray(Option[]::new);
    }

    @Before
    public void waitForModules() {
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() ->
                call("GET", "/api/v1/surveys", null, null).status() == 401 && call("GET", "/api/v1/customers", null, null).status() == 401);
    }

    @Test
    public void failedLoginsEndIn429ForKnownAndUnknownUsersAlike() {
        String address = "198.51.100.10";
        for (int i = 0; i < 5; i++) {
            assertEquals(401, send("GET", "/api/v1/customers", "clerk:wrong-" + i, null, address).statusCode());
            assertEquals(401, send("GET", "/api/v1/customers", "no-such-user:wrong-" + i, null, "198.51.100.11").statusCode());
        }
        HttpResponse<String> known = send("GET", "/api/v1/customers", "clerk:wrong", null, address);
        HttpResponse<String> unknown = send("GET", "/api/v1/customers", "no-such-user:wrong", null, "198.51.100.11");
        assertThrottled(known);
        assertThrottled(unknown);
        assertEquals("the same answer, whether the user exists or not", problemShape(known), problemShape(unknown));

        HttpResponse<String> rightPassword = send("GET", "/api/v1/customers", "clerk:clerk-pw", null, "198.51.100.12");
        assertThrottled(rightPassword);
        assertEquals("other users are not held up", 200, send("GET", "/api/v1/customers", "cashier:cashier-pw", null, address).statusCode());
    }

    @Test
    public void anAddressWithTooManyFailuresIsThrottledForEveryUser() {
        String address = "198.51.100.20";
        for (int i = 0; i < 12; i++) {
            assertEquals(401, send("GET", "/api/v1/customers", "sprayed-" + i + ":password", null, address).statusCode());
        }
        assertThrottled(send("GET", "/api/v1/customers", "sprayed-99:password", null, address));
        assertThrottled(send("GET", "/api/v1/customers", AGENT, null, address));
        assertEquals("the same user from elsewhere is served", 200, send("GET", "/api/v1/customers", AGENT, null, "198.51.100.21").statusCode());
    }

    @Test
    public void answersCarryTheQuotaAndPastItComes429() {
        HttpResponse<String> first = send("GET", "/api/v1/customers", INTEGRATION, null, "198.51.100.30");
        assertEquals(200, first.statusCode());
        assertEquals("\"crm-integration\";q=20;w=60", first.headers().firstValue("RateLimit-Policy").orElse(null));
        String rateLimit = first.headers().firstValue("RateLimit").orElse("");
        assertTrue(rateLimit, rateLimit.matches("\"crm-integration\";r=1?\\d;t=\\d+"));
        HttpResponse<String> last = first;
        for (int i = 0; i < 25 && last.statusCode() == 200; i++) {
            last = send("GET", "/api/v1/customers", INTEGRATION, null, "198.51.100.30");
        }
        assertThrottled(last);
        assertTrue(last.headers().firstValue("RateLimit").orElse("").startsWith("\"crm-integration\";r=0;t="));
        HttpResponse<String> agent = send("GET", "/api/v1/customers", AGENT, null, "198.51.100.31");
        assertEquals("\"crm-agent\";q=6000;w=60", agent.headers().firstValue("RateLimit-Policy").orElse(null));
    }

    @Test
    public void aSurveyTokenGuesserDoesNotLockOutARespondentBehindTheSameAddress() {
        String surveyId = call("POST", "/api/v1/surveys", ADMIN, json(Map.of("name", unique("满意度"), "trigger", "MANUAL",
                "questions", List.of(Map.of("key", "csat", "type", "CSAT", "text", "您对这次处理满意吗？"))))).json().get("id").asText();
        String customerId = call("POST", "/api/v1/customers", AGENT, json(Map.of("name", "李雷"))).json().get("id").asText();
        String token = call("POST", "/api/v1/surveys/" + surveyId + "/invitations", AGENT,
                json(Map.of("customerId", customerId, "channel", "SMS"))).json().get("token").asText();
        String nat = "203.0.113.77";
        SecureRandom random = new SecureRandom();
        int notFound = 0;
        HttpResponse<String> guess = null;
        for (int i = 0; i < 8; i++) {
            byte[] bytes = new byte[32];
            random.nextBytes(bytes);
            guess = send("GET", "/api/v1/survey-responses/" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes), null, null, nat);
            notFound += guess.statusCode() == 404 ? 1 : 0;
        }
        assertEquals(5, notFound);
        assertThrottled(guess);

        assertEquals("the respondent behind the same NAT reads the questions", 200,
                send("GET", "/api/v1/survey-responses/" + token, null, null, nat).statusCode());
        HttpResponse<String> answered = send("POST", "/api/v1/survey-responses/" + token, null,
                json(Map.of("answers", Map.of("csat", 4))), nat);
        assertEquals(answered.body(), 201, answered.statusCode());
        assertSecurityHeaders(answered);
    }

    @Test
    public void httpsAnswersWithTheSelfSignedKeyPairOfTheFirstStart() throws Exception {
        SSLContext trustAll = SSLContext.getInstance("TLS");
        trustAll.init(null, new TrustManager[] { new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        } }, new SecureRandom());
        HttpClient https = HttpClient.newBuilder().sslContext(trustAll).connectTimeout(Duration.ofSeconds(5)).build();
        URI health = URI.create("https://127.0.0.1:" + System.getProperty("calmdesk.itest.httpsPort") + "/api/v1/customers");
        HttpResponse<String> reply = await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(
                () -> https.send(HttpRequest.newBuilder(health).header("Authorization", basic(AGENT))
                        .header("X-Forwarded-For", "198.51.100.40").build(), HttpResponse.BodyHandlers.ofString()),
                r -> r.statusCode() == 200);
        X509Certificate certificate = (X509Certificate) reply.sslSession().orElseThrow().getPeerCertificates()[0];
        assertTrue(certificate.getSubjectX500Principal().getName(), certificate.getSubjectX500Principal().getName()
                .contains("O=Calmdesk self-signed"));
        assertEquals(certificate.getSubjectX500Principal(), certificate.getIssuerX500Principal());
        assertSecurityHeaders(reply);
    }

    @Test
    public void everyAnswerCarriesTheSecurityHeaders() {
        assertSecurityHeaders(send("GET", "/api/v1/customers", AGENT, null, "198.51.100.50"));
        assertSecurityHeaders(send("GET", "/api/v1/customers", null, null, "198.51.100.50"));
        assertSecurityHeaders(send("GET", "/api/v1/health", null, null, "198.51.100.50"));
        assertSecurityHeaders(send("GET", "/api/v1/customers/no-such-id", AGENT, null, "198.51.100.50"));
        HttpResponse<String> outside = send("GET", "/not-the-api", null, null, "198.51.100.50");
        assertEquals(404, outside.statusCode());
        assertSecurityHeaders(outside);
    }

    // ---- helpers ----

    private static void assertThrottled(HttpResponse<String> reply) {
        assertEquals(reply.body(), 429, reply.statusCode());
        assertTrue(reply.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
        String retryAfter = reply.headers().firstValue("Retry-After").orElse(null);
        assertNotNull("429 without Retry-After", retryAfter);
        assertTrue(retryAfter, Long.parseLong(retryAfter) > 0);
        assertEquals(429, json(reply).get("status").asInt());
        assertSecurityHeaders(reply);
    }

    private static void assertSecurityHeaders(HttpResponse<String> reply) {
        assertEquals("no-store", reply.headers().firstValue("Cache-Control").orElse(null));
        assertEquals("nosniff", reply.headers().firstValue("X-Content-Type-Options").orElse(null));
        assertEquals("DENY", reply.headers().firstValue("X-Frame-Options").orElse(null));
        assertEquals("no-referrer", reply.headers().firstValue("Referrer-Policy").orElse(null));
    }

    /** What a 429 tells about the login: its type, title and detail without the number of seconds. */
    private static String problemShape(HttpResponse<String> reply) {
        JsonNode problem = json(reply);
        return problem.get("type").asText() + " | " + problem.get("title").asText() + " | "
                + problem.get("detail").asText().replaceAll("\\d+", "N");
    }

    private static JsonNode json(HttpResponse<String> reply) {
        try {
            return JSON.readTree(reply.body());
        } catch (IOException e) {
            throw new AssertionError("Not JSON (" + reply.statusCode() + "): " + reply.body(), e);
        }
    }

    private static String basic(String user) {
        return "Basic " + Base64.getEncoder().encodeToString(user.getBytes(StandardCharsets.UTF_8));
    }

    /** One exchange "from" {@code address} (X-Forwarded-For, trusted in this test's configuration). */
    private static HttpResponse<String> send(String method, String path, String user, String body, String address) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .header("X-Forwarded-For", address);
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (user != null) {
            request.header("Authorization", basic(user));
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
