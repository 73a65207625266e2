package org.mfs.deploy;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.UUID;
import java.util.stream.Stream;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.mfs.platform.infra.LocalKafka;

/**
 * The whole suite, end to end, as deploy/run-local starts it: real PostgreSQL, a real Kafka broker, every
 * service and the gateway as separate processes from their packaged jars, on free ports with a throw-away
 * data folder (target/it-stack, left there for a look after a failure).
 * <p>
 * One stack for all the integration tests of this module that extend with it, started before the first and stopped
 * after the last (JUnit's root store closes it). They run in the order of their {@code @Order}
 * (src/test/resources/junit-platform.properties): {@link ThroughTheGatewayIT}, {@link ObservabilityIT}, then
 * {@link StackLifecycleIT}, which stops and restarts it.
 * <p>
 * It starts every service whose {@code target/quarkus-app/quarkus-run.jar} exists (the reactor packages them
 * before this module); {@code -Dmfs.it.skip=minerals-service} leaves one out while it is being written.
 */
final class SuiteStack implements BeforeAllCallback {

    static final String TOPIC = "agreements.agreement.v1";
    /** Agreements in agreements-service's demo file (src/main/resources/demo/agreements-demo.json). */
    static final int DEMO_AGREEMENTS = 4;
    static final String CREATE = """
            {"title":"DRC-US Strategic Partnership","type":"STRATEGIC_PARTNERSHIP",
             "parties":[{"country":"CD","role":"RESOURCE_HOLDER"},{"country":"US","role":"INVESTOR_PARTNER"}]}
            """;

    static Path work;
    static StackConfig config;
    static LocalStack stack;
    /** Access tokens from the stack's real Keycloak (password grant of the demo users). */
    static String drcEditor;
    static String admin;
    static String frViewer;

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL).getOrComputeIfAbsent(SuiteStack.class, key -> {
            try {
                return start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, AutoCloseable.class);
    }

    private static AutoCloseable start() throws IOException {
        Path repo = System.getProperty("mfs.repo.root") != null ? Path.of(System.getProperty("mfs.repo.root"))
                : StackConfig.locateRepoRoot();
        work = repo.resolve("deploy").resolve("local").resolve("target").resolve("it-stack");
        deleteTree(work);
        Files.createDirectories(work);
        LocalStack.logLibrariesTo(work.resolve("launcher.log"));

        config = new StackConfig(repo).dataDir(work.resolve("data"))
                .pgPort(LocalKafka.freePort())
                .kafkaPorts(LocalKafka.freePort(), LocalKafka.freePort())
                .keycloakPort(LocalKafka.freePort())
                // more than the launcher's 120 s: on a shared 2-core machine under other builds a start can take a minute
                .readyTimeout(Duration.ofSeconds(180));
        for (ServiceSpec s : ServiceSpec.SUITE) {
            config.port(s, LocalKafka.freePort());
        }
        for (String name : System.getProperty("mfs.it.skip", "").split("[,\\s]+")) {
            if (!name.isBlank()) {
                config.skip(name);
            }
        }
        for (ServiceSpec s : ServiceSpec.SUITE) {
            if (!Files.isRegularFile(s.jar(repo)) && config.services().contains(s)) {
                if (s == ServiceSpec.AGREEMENTS || s == ServiceSpec.GATEWAY) {
                    fail(s.name() + " is not packaged (" + s.jar(repo) + "): build the reactor first");
                }
                System.out.println("SuiteStack: " + s.name() + " is not packaged yet; running without it");
                config.skip(s.name());
            }
        }
        stack = new LocalStack(config, System.out).start();
        signIn();
        return SuiteStack::stop;
    }

    static void stop() {
        if (stack != null) {
            stack.stop();
        }
    }

    /** Starts the stack again, on the same ports and data folder, after {@link #stop}. */
    static void restart() {
        stack = new LocalStack(config, System.out).start();
        signIn();
    }

    /** Logs the demo users in against the stack's Keycloak, as the README's curl does. */
    static void signIn() {
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        drcEditor = LocalKeycloak.passwordGrant(http, config.oidcIssuer(), "drc-editor", "drc-editor");
        admin = LocalKeycloak.passwordGrant(http, config.oidcIssuer(), "admin", "admin");
        frViewer = LocalKeycloak.passwordGrant(http, config.oidcIssuer(), "fr-viewer", "fr-viewer");
    }

    /** The {@code sub} of an access token. */
    static String subject(String token) {
        String payload = token.split("\\.")[1];
        return JsonPath.from(new String(java.util.Base64.getUrlDecoder().decode(payload), java.nio.charset.StandardCharsets.UTF_8))
                .getString("sub");
    }

    static DemoLoader.Result demoResult(String id) {
        return stack.demoResults().stream().filter(r -> r.loader().id().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("no demo loader " + id + " ran: " + stack.demoResults()));
    }

    /**
     * A write through the gateway as ADR 0011 tells clients to make it: with an {@code Idempotency-Key},
     * repeated with the same key while the gateway answers 503 or 504 (or the service says the first attempt with
     * that key is still in progress). A 504 does not mean "not done": a cold service on a loaded machine can take
     * longer than the gateway's 1 s response timeout for its first write and still commit it; the key makes the
     * repeat return that result instead of writing twice (the demo test counts the agreements, so a second
     * agreement would fail it).
     */
    static io.restassured.response.Response postAsACarefulClient(String token, String path, String body)
            throws InterruptedException {
        String key = "it-" + UUID.randomUUID();
        io.restassured.response.Response r = null;
        for (int attempt = 1; attempt <= 10; attempt++) {
            r = given().baseUri(stack.gatewayUrl()).auth().oauth2(token).contentType(ContentType.JSON)
                    .header("Idempotency-Key", key).body(body).when().post(path);
            boolean again = r.statusCode() == 503 || r.statusCode() == 504
                    || r.statusCode() == 409 && r.asString().contains("idempotency-key-in-use");
            if (!again) {
                return r;
            }
            Thread.sleep(1000);
        }
        return r;
    }

    static void assertEventually(java.util.function.BooleanSupplier condition, String message) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail(message);
            }
            Thread.sleep(200);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> all = Files.walk(dir)) {
                for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }
}
