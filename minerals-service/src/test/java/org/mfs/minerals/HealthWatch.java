package org.mfs.minerals;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.mfs.platform.infra.TestTokens;

/** Polls other endpoints while imports run and records every answer that is not a timely 200. */
final class HealthWatch implements AutoCloseable {

    static final Duration SLOW = Duration.ofSeconds(10); // generous: the machines running the tests are shared and loaded

    final List<String> failures = new CopyOnWriteArrayList<>();
    final AtomicInteger polls = new AtomicInteger();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread thread;

    HealthWatch(URL base, List<String> paths) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(SLOW).build();
        String token = TestTokens.user("health-watch").roles("viewer").sign();
        thread = new Thread(() -> {
            while (running.get()) {
                for (String path : paths) {
                    long start = System.nanoTime();
                    try {
                        HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(base + path.substring(1)))
                                .timeout(SLOW.multipliedBy(2)).header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
                        long ms = (System.nanoTime() - start) / 1_000_000;
                        if (r.statusCode() != 200 || ms > SLOW.toMillis()) {
                            failures.add(path + " answered " + r.statusCode() + " in " + ms + " ms: " + r.body());
                        }
                    } catch (Exception e) {
                        failures.add(path + " failed: " + e);
                    }
                    polls.incrementAndGet();
                }
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "health-watch");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        thread.join(30_000);
    }
}
