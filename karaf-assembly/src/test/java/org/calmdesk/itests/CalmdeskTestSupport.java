package org.calmdesk.itests;

import static org.ops4j.pax.exam.CoreOptions.maven;
import static org.ops4j.pax.exam.CoreOptions.mavenBundle;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.configureConsole;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.karafDistributionConfiguration;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.logLevel;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import javax.inject.Inject;

import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.api.console.SessionFactory;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.karaf.options.LogLevelOption.LogLevel;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Boots the Calmdesk distribution this module just built (random ports, embedded H2 by default,
 * or a fresh schema of the local PostgreSQL with {@code -Ppostgres}) and talks to it over HTTP
 * from inside the container, as an external CRM would.
 */
public abstract class CalmdeskTestSupport {

    protected static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Inject
    protected BundleContext bundleContext;

    @Inject
    protected SessionFactory sessionFactory;

    @Configuration
    public Option[] config() throws Exception {
        String distribution = System.getProperty("calmdesk.distribution");
        String httpPort = freePort();
        String httpsPort = freePort();
        List<Option> options = new ArrayList<>(List.of(
                karafDistributionConfiguration()
                        .frameworkUrl(new File(distribution).toURI().toString())
                        .name("Calmdesk")
                        .karafVersion("4.4.10")
                        .unpackDirectory(new File("target/exam"))
                        .useDeployFolder(false),
                configureConsole().ignoreLocalConsole(),
                logLevel(LogLevel.WARN),
                editConfigurationFilePut("etc/org.ops4j.pax.web.cfg", "org.osgi.service.http.port", httpPort),
                systemProperty("calmdesk.itest.httpPort").value(httpPort),
                // HTTPS is off until a keystore exists (bin/setenv makes one; Pax Exam does not run it),
                // but a test that turns it on must not take 8443.
                editConfigurationFilePut("etc/org.ops4j.pax.web.cfg", "org.osgi.service.http.port.secure", httpsPort),
                systemProperty("calmdesk.itest.httpsPort").value(httpsPort),
                editConfigurationFilePut("etc/org.apache.karaf.shell.cfg", "sshPort", freePort()),
                editConfigurationFilePut("etc/org.apache.karaf.management.cfg", "rmiRegistryPort", freePort()),
                editConfigurationFilePut("etc/org.apache.karaf.management.cfg", "rmiServerPort", freePort()),
                editConfigurationFilePut("etc/org.ops4j.pax.url.mvn.cfg", "org.ops4j.pax.url.mvn.localRepository",
                        System.getProperty("org.ops4j.pax.url.mvn.localRepository")),
                mavenBundle("org.awaitility", "awaitility", System.getProperty("calmdesk.itest.awaitility.version")),
                mavenBundle("org.hamcrest", "hamcrest", System.getProperty("calmdesk.itest.hamcrest.version")),
                systemProperty("calmdesk.itest.db").value(System.getProperty("calmdesk.itest.db", "h2")),
                // Where PlatformIT saves the live document for the client generators (an absolute path).
                systemProperty("calmdesk.itest.openapiFile").value(System.getProperty("calmdesk.itest.openapiFile", ""))));
        if ("postgres".equals(System.getProperty("calmdesk.itest.db"))) {
            options.addAll(postgres());
        }
        return options.toArray(Option[]::new);
    }

    /** Each container gets a fresh schema, so runs never see each other's rows. */
    private static List<Option> postgres() throws Exception {
        String url = System.getProperty("calmdesk.itest.pg.url");
        String user = System.getProperty("calmdesk.itest.pg.user");
        String schema = "calmdesk_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection connection = DriverManager.getConnection(url, user, "");
                Statement statement = connection.createStatement()) {
            // Containers run one after another: schemas left by earlier ones are no longer in use.
            List<String> stale = new ArrayList<>();
            try (java.sql.ResultSet rs = statement.executeQuery(
                    "SELECT nspname FROM pg_namespace WHERE nspname LIKE 'calmdesk\\_it\\_%'")) {
                while (rs.next()) {
                    stale.add(rs.getString(1));
                }
            }
            for (String old : stale) {
                statement.execute("DROP SCHEMA " + old + " CASCADE");
            }
            statement.execute("CREATE SCHEMA " + schema);
        }
        String cfg = "etc/org.ops4j.datasource-calmdesk.cfg";
        return List.of(
                editConfigurationFilePut(cfg, "osgi.jdbc.driver.class", "org.postgresql.Driver"),
                editConfigurationFilePut(cfg, "url", url + "?currentSchema=" + schema),
                editConfigurationFilePut(cfg, "user", user),
                editConfigurationFilePut(cfg, "password", ""));
    }

    static String freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return String.valueOf(socket.getLocalPort());
        }
    }

    // ---- inside the container ----

    /**
     * Pax Exam starts the tests once the framework is up; the modules' DS components publish
     * their endpoints a moment later. Wait until the customer endpoint answers through the
     * platform's auth filter.
     */
    @org.junit.Before
    public void waitForCalmdesk() {
        if (neverCameUp) {
            throw new IllegalStateException("Calmdesk did not come up for an earlier test of this container; see the log above");
        }
        // 180 s: a boot on a busy 2-core machine has taken over 100 s.
        String[] lastProbe = {"no answer yet"};
        try {
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(200))
                    .until(() -> {
                        try {
                            Reply probe = call("GET", "/api/v1/customers", null, null);
                            lastProbe[0] = probe.status() + " " + abbreviate(probe.body(), 100);
                            return probe.status() == 401;
                        } catch (RuntimeException e) {
                            lastProbe[0] = abbreviate(String.valueOf(e.getCause() != null ? e.getCause() : e), 100);
                            return false;
                        }
                    });
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            neverCameUp = true;
            printLogTail();
            // The reason goes into the message: a CI summary shows that line and not the log.
            throw new IllegalStateException("Calmdesk did not serve within 180 s; last probe: " + lastProbe[0]
                    + "; bundles not active: " + inactiveCalmdeskBundles() + "; first log error: " + firstLogError(), e);
        }
        // Modules that use customers publish a moment later; tests expect every installed module serving.
        // Not asserted here: a test may have left a module stopped on purpose.
        try {
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                    .ignoreExceptions()
                    .until(() -> call("GET", "/api/v1/health/ready", null, null).status() == 200);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            System.out.println("Calmdesk answers, but /health/ready is not 200 after 30 s: " + call("GET", "/api/v1/health", null, null).body());
        }
    }

    private static volatile boolean neverCameUp;

    private static String abbreviate(String text, int max) {
        String oneLine = text == null ? "" : text.replaceAll("\\s+", " ");
        return oneLine.length() <= max ? oneLine : oneLine.substring(0, max) + "…";
    }

    private List<String> inactiveCalmdeskBundles() {
        List<String> inactive = new ArrayList<>();
        for (Bundle b : bundleContext.getBundles()) {
            if (b.getSymbolicName() != null && b.getSymbolicName().startsWith("calmdesk") && b.getState() != Bundle.ACTIVE) {
                inactive.add(b.getSymbolicName() + "=" + b.getState());
            }
        }
        return inactive;
    }

    private static String firstLogError() {
        java.nio.file.Path log = java.nio.file.Path.of(System.getProperty("karaf.data", "data"), "log", "karaf.log");
        try (java.util.stream.Stream<String> lines = java.nio.file.Files.lines(log, StandardCharsets.UTF_8)) {
            return lines.filter(line -> line.contains("ERROR")).findFirst().map(line -> abbreviate(line, 300)).orElse("none");
        } catch (IOException | RuntimeException e) {
            return "log unreadable: " + e;
        }
    }

    /** A container that never served: the warnings and errors of its log say why (printed into the test report). */
    protected static void printLogTail() {
        java.nio.file.Path log = java.nio.file.Path.of(System.getProperty("karaf.data", "data"), "log", "karaf.log");
        try {
            List<String> lines = java.nio.file.Files.readAllLines(log, StandardCharsets.UTF_8).stream()
                    .filter(line -> line.contains("WARN") || line.contains("ERROR") || line.contains("Exception") || line.startsWith("\tat ") || line.startsWith("Caused by"))
                    .toList();
            System.out.println("---- last warnings and errors of " + log + " ----");
            lines.subList(Math.max(0, lines.size() - 400), lines.size()).forEach(System.out::println);
        } catch (IOException | RuntimeException e) {
            System.out.println("Could not read " + log + ": " + e);
        }
    }

    /**
     * Waits (up to 30 s) until the event relay has numbered every committed event and every durable
     * consumer has taken everything up to the head: the asynchronous effects of what a test just
     * wrote (a customer's emotion profile after a ticket, a follow-up after a resolution) are done.
     */
    protected void awaitEventsDelivered() throws Exception {
        org.osgi.framework.ServiceReference<?>[] refs = bundleContext.getServiceReferences("javax.sql.DataSource",
                "(osgi.jndi.service.name=calmdesk)");
        javax.sql.DataSource db = (javax.sql.DataSource) bundleContext.getService(refs[0]);
        try {
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> {
                try (Connection connection = db.getConnection(); Statement statement = connection.createStatement();
                        java.sql.ResultSet unnumbered = statement.executeQuery("SELECT COUNT(*) FROM calmdesk_event WHERE sequence IS NULL")) {
                    unnumbered.next();
                    if (unnumbered.getLong(1) > 0) {
                        return false;
                    }
                }
                // Only the consumers registered now: a test's own consumer leaves its cursor behind when it goes.
                org.osgi.framework.ServiceReference<?>[] consumers = bundleContext.getServiceReferences(
                        "org.calmdesk.core.events.EventConsumer", null);
                try (Connection connection = db.getConnection();
                        java.sql.PreparedStatement behind = connection.prepareStatement("SELECT COUNT(*) FROM calmdesk_event_cursor c, "
                                + "calmdesk_event_cursor s WHERE s.name = 'sequencer' AND (c.name = ? OR c.name LIKE ?) "
                                + "AND c.last_sequence < s.last_sequence")) {
                    for (org.osgi.framework.ServiceReference<?> consumer : consumers == null ? new org.osgi.framework.ServiceReference<?>[0] : consumers) {
                        String name = String.valueOf(consumer.getProperty("calmdesk.event.consumer"));
                        behind.setString(1, name);
                        behind.setString(2, name + "@%");
                        try (java.sql.ResultSet count = behind.executeQuery()) {
                            count.next();
                            if (count.getLong(1) > 0) {
                                return false;
                            }
                        }
                    }
                    return true;
                }
            });
        } finally {
            bundleContext.ungetService(refs[0]);
        }
    }

    protected static String baseUrl() {
        return "http://127.0.0.1:" + System.getProperty("calmdesk.itest.httpPort", "8181");
    }

    /** One HTTP exchange; {@code user} null sends no credentials, "user:password" sends Basic. */
    protected static Reply call(String method, String path, String user, String body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (user != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(user.getBytes(StandardCharsets.UTF_8)));
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.setHeader(headers[i], headers[i + 1]);
        }
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Reply(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    response.headers().firstValue("ETag").orElse(null),
                    response.headers().firstValue("Location").orElse(null),
                    response.headers().firstValue("Retry-After").orElse(null), response.body());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    protected static final String ADMIN = "admin:admin";
    protected static final String AGENT = "agent:agent";
    protected static final String INTEGRATION = "integration:integration";

    public record Reply(int status, String contentType, String etag, String location, String retryAfter, String body) {
        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("Not JSON (" + status + "): " + body, e);
            }
        }

        public boolean isProblem() {
            return contentType.toLowerCase(Locale.ROOT).startsWith("application/problem+json");
        }

        @Override
        public String toString() {
            return status + " " + contentType + " " + body;
        }
    }

    protected static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs a console command as the admin user with the roles of Karaf's admingroup, as an admin on SSH would. */
    protected String executeCommand(String command) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        javax.security.auth.Subject admin = new javax.security.auth.Subject();
        admin.getPrincipals().add(new org.apache.karaf.jaas.boot.principal.UserPrincipal("admin"));
        for (String role : new String[] { "admin", "manager", "viewer", "systembundles" }) {
            admin.getPrincipals().add(new org.apache.karaf.jaas.boot.principal.RolePrincipal(role));
        }
        try (Session session = sessionFactory.create(System.in, out, out)) {
            javax.security.auth.Subject.doAs(admin, (java.security.PrivilegedExceptionAction<Object>) () -> session.execute(command));
        } catch (java.security.PrivilegedActionException e) {
            throw e.getException();
        }
        out.flush();
        return bytes.toString(StandardCharsets.UTF_8);
    }

    protected Bundle bundle(String symbolicName) {
        for (Bundle bundle : bundleContext.getBundles()) {
            if (symbolicName.equals(bundle.getSymbolicName())) {
                return bundle;
            }
        }
        throw new AssertionError("No bundle " + symbolicName);
    }

    protected static void assertContains(String text, String expected) {
        org.junit.Assert.assertTrue("expected <" + expected + "> in:\n" + text, text.contains(expected));
    }

    protected static void assertLacks(String text, String unexpected) {
        org.junit.Assert.assertFalse("did not expect <" + unexpected + "> in:\n" + text, text.contains(unexpected));
    }

    protected static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
