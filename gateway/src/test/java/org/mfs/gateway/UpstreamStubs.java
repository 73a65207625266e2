package org.mfs.gateway;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.mfs.platform.infra.OpenApiContract;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Real HTTP upstreams on free ports, standing in for the three services, plus "retired-service" whose port has
 * nothing listening. Each stub serves its service's committed OpenAPI snapshot (or, while that file does not exist
 * yet, a small generated document) at /q/openapi, answers /q/health/ready, and echoes everything else.
 *
 * <p>Echo controls (request headers): {@code X-Stub-Status} status to answer; {@code X-Stub-Reply-<Name>} header
 * to answer with; {@code X-Stub-Echo-Body: true} answer the request body byte for byte with its Content-Type;
 * {@code X-Stub-Response-Bytes} stream that many bytes of {@link #payload(int)}; {@code X-Stub-Delay-Ms} wait first;
 * {@code X-Stub-Trickle: <count>,<interval ms>} stream {@code count} lines ("line 1\n" ...) one per interval, then end,
 * or, with {@code X-Stub-Trickle-Stall: true}, never end; {@code X-Stub-Close-Once: <token>} close the connection
 * without answering the first request with that token, as a service that stops or drops an idle connection does, and
 * answer the later ones ({@link #ARRIVALS} counts them).
 * Otherwise the answer is a JSON description of the request (service, method, path, query, headers, body).
 */
public class UpstreamStubs implements QuarkusTestResourceLifecycleManager {

    /** Service key, name, path prefix of the three real services. */
    static final List<List<String>> SERVICES = List.of(
            List.of("agreements", "agreements-service", "/api/v1/agreements"),
            List.of("minerals", "minerals-service", "/api/v1/minerals"),
            List.of("security-cooperation", "security-cooperation-service", "/api/v1/security-cooperation"));

    /** The OpenAPI document each stub serves, by service name (read by the tests of the merged document). */
    static final Map<String, JsonObject> SERVED_DOCUMENTS = new LinkedHashMap<>();

    /** How many times the gateway fetched an OpenAPI document from any stub. */
    static final AtomicInteger OPENAPI_FETCHES = new AtomicInteger();

    /**
     * Services whose stub accepts connections and requests but never answers, as a stopped (SIGSTOP) process does;
     * requests that arrive meanwhile stay unanswered for good.
     */
    static final Set<String> HUNG = ConcurrentHashMap.newKeySet();

    /** Requests that arrived with each {@code X-Stub-Close-Once} token, the one answered by a close included. */
    static final Map<String, AtomicInteger> ARRIVALS = new ConcurrentHashMap<>();

    private Vertx vertx;

    /** The committed snapshot of a service's OpenAPI document; the tests run in the gateway folder. */
    static Path snapshot(String serviceName) {
        return Path.of("..", serviceName, "src", "main", "openapi-snapshot", "openapi.json");
    }

    /** Deterministic bytes for the large-body tests. */
    static byte[] payload(int size) {
        byte[] bytes = new byte[size];
        new Random(42).nextBytes(bytes);
        return bytes;
    }

    @Override
    public Map<String, String> start() {
        if (OpenApiContract.enabled()) {
            // the gateway's own answers (problem+json) to the merged document's operations hold to it (ADR 0015); what
            // a stub was told to answer is the test's choice, and paths the tests invent are no service's operations
            OpenApiContract.install((request, response) -> response.contentType().startsWith("application/problem+json")
                    && request.getHeaders().asList().stream().noneMatch(h -> h.getName().regionMatches(true, 0, "X-Stub-", 0, 7)
                            && !h.getName().equalsIgnoreCase("X-Stub-Delay-Ms")), false);
        }
        vertx = Vertx.vertx();
        Map<String, String> config = new HashMap<>();
        for (List<String> service : SERVICES) {
            JsonObject document = document(service.get(0), service.get(1), service.get(2));
            SERVED_DOCUMENTS.put(service.get(1), document);
            HttpServer server = vertx.createHttpServer()
                    .requestHandler(request -> handle(service.get(1), document, request));
            int port = await(server.listen(0, "127.0.0.1")).actualPort();
            config.put("mfs.gateway.services." + service.get(0) + ".url", "http://127.0.0.1:" + port);
        }
        config.put("mfs.gateway.services.retired.name", "retired-service");
        config.put("mfs.gateway.services.retired.url", "http://127.0.0.1:" + closedPort());
        config.put("mfs.gateway.services.retired.path-prefix", "/api/v1/retired");
        return config;
    }

    @Override
    public void stop() {
        if (vertx != null) {
            await(vertx.close());
        }
    }

    private static JsonObject document(String key, String name, String prefix) {
        Path snapshot = snapshot(name);
        try {
            if (Files.exists(snapshot)) {
                return new JsonObject(Buffer.buffer(Files.readAllBytes(snapshot)));
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + snapshot, e);
        }
        // stand-in until the service's snapshot is committed
        JsonObject operation = new JsonObject().put("operationId", key.replace("-", "") + "StubList")
                .put("tags", new JsonArray().add(name + " stub"))
                .put("responses", new JsonObject().put("200", new JsonObject().put("description", "OK")));
        return new JsonObject().put("openapi", "3.1.0")
                .put("info", new JsonObject().put("title", name + " stub").put("version", "0"))
                .put("tags", new JsonArray().add(new JsonObject().put("name", name + " stub")))
                .put("paths", new JsonObject().put(prefix, new JsonObject().put("get", operation)));
    }

    private void handle(String service, JsonObject document, HttpServerRequest request) {
        if (HUNG.contains(service)) {
            return;
        }
        if (request.path().equals("/q/openapi")) {
            OPENAPI_FETCHES.incrementAndGet();
            request.response().putHeader("Content-Type", "application/json").end(document.toBuffer());
            return;
        }
        if (request.path().equals("/q/health/ready")) {
            request.response().putHeader("Content-Type", "application/json").end("{\"status\":\"UP\"}");
            return;
        }
        String closeOnce = request.getHeader("X-Stub-Close-Once");
        if (closeOnce != null && ARRIVALS.computeIfAbsent(closeOnce, t -> new AtomicInteger()).incrementAndGet() == 1) {
            request.connection().close();
            return;
        }
        if (request.getHeader("X-Stub-Trickle") != null) {
            trickle(request);
            return;
        }
        request.body().onSuccess(body -> {
            long delay = Long.parseLong(request.headers().get("X-Stub-Delay-Ms") == null ? "0" : request.getHeader("X-Stub-Delay-Ms"));
            if (delay > 0) {
                vertx.setTimer(delay, t -> echo(service, request, body));
            } else {
                echo(service, request, body);
            }
        });
    }

    private static void echo(String service, HttpServerRequest request, Buffer body) {
        var response = request.response();
        if (request.getHeader("X-Stub-Status") != null) {
            response.setStatusCode(Integer.parseInt(request.getHeader("X-Stub-Status")));
        }
        request.headers().forEach((name, value) -> {
            if (name.regionMatches(true, 0, "X-Stub-Reply-", 0, 13)) {
                response.headers().add(name.substring(13), value);
            }
        });
        if ("true".equals(request.getHeader("X-Stub-Echo-Body"))) {
            if (!response.headers().contains("Content-Type") && request.getHeader("Content-Type") != null) {
                response.putHeader("Content-Type", request.getHeader("Content-Type"));
            }
            response.end(body);
        } else if (request.getHeader("X-Stub-Response-Bytes") != null) {
            byte[] bytes = payload(Integer.parseInt(request.getHeader("X-Stub-Response-Bytes")));
            response.setChunked(true).putHeader("Content-Type", "application/octet-stream");
            for (int offset = 0; offset < bytes.length; offset += 65536) {
                response.write(Buffer.buffer().appendBytes(bytes, offset, Math.min(65536, bytes.length - offset)));
            }
            response.end();
        } else {
            JsonObject headers = new JsonObject();
            request.headers().forEach((name, value) -> headers.put(name.toLowerCase(),
                    headers.containsKey(name.toLowerCase()) ? headers.getString(name.toLowerCase()) + "," + value : value));
            if (!response.headers().contains("Content-Type")) {
                response.putHeader("Content-Type", "application/json");
            }
            response.end(new JsonObject().put("service", service).put("method", request.method().name())
                    .put("uri", request.uri()).put("path", request.path()).put("query", request.query())
                    .put("headers", headers).put("body", body.toString()).put("bodyLength", body.length()).toBuffer());
        }
    }

    private void trickle(HttpServerRequest request) {
        String[] spec = request.getHeader("X-Stub-Trickle").split(",");
        int count = Integer.parseInt(spec[0].trim());
        long interval = Long.parseLong(spec[1].trim());
        boolean stall = "true".equals(request.getHeader("X-Stub-Trickle-Stall"));
        var response = request.response().setChunked(true).putHeader("Content-Type", "text/plain");
        response.write("line 1\n");
        if (count == 1) {
            if (!stall) {
                response.end();
            }
            return;
        }
        int[] sent = {1};
        vertx.setPeriodic(interval, timer -> {
            if (response.closed()) {
                vertx.cancelTimer(timer);
                return;
            }
            sent[0]++;
            response.write("line " + sent[0] + "\n");
            if (sent[0] == count) {
                vertx.cancelTimer(timer);
                if (!stall) {
                    response.end();
                }
            }
        });
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static <T> T await(io.vertx.core.Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
