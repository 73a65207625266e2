package org.mfs.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Loads one piece of demo data into a running service by POSTing resources to it, once.
 * <p>
 * "Once" holds three ways, so that a second run, a reused database or a service that already has the
 * data never duplicates it: a marker file under {@code <data>/demo/} after a successful load; an optional
 * probe (a GET whose answer says the data is there already); and the service's own answer, where the
 * statuses in {@code alreadyLoadedStatuses} (409 by default) count as "already loaded".
 *
 * @param id                    short name, also the marker file's name
 * @param description           what it loads, for the console
 * @param service               the service whose base URL the paths are relative to
 * @param path                  where each resource is POSTed (path and query)
 * @param contentType           the Content-Type of the POST
 * @param resources             {@code classpath:/...} resources of the launcher jar or {@code repo:<path>} files
 *                              relative to the repository root; each is POSTed on its own
 * @param probePath             optional GET (relative to the service) answered before loading, or null
 * @param alreadyLoaded         given the probe's status and body, whether the data is there already
 * @param alreadyLoadedStatuses POST statuses that mean "already loaded" (checked before "2xx means loaded", so a
 *                              service answering 200 for "nothing changed" and 201 for "created" can say which)
 */
public record DemoLoader(String id, String description, ServiceSpec service, String path, String contentType,
        List<String> resources, String probePath, Predicate<Probe> alreadyLoaded, Set<Integer> alreadyLoadedStatuses) {

    /** The answer to the probe GET. */
    public record Probe(int status, String body) {
    }

    /** How a loader ended. */
    public enum Outcome {
        LOADED, ALREADY_LOADED, SKIPPED_SERVICE_NOT_RUNNING, FAILED
    }

    public record Result(DemoLoader loader, Outcome outcome, String detail) {
        @Override
        public String toString() {
            return loader.id() + ": " + outcome.name().toLowerCase().replace('_', ' ') + (detail.isEmpty() ? "" : " (" + detail + ")");
        }
    }

    /** POSTs every resource to {@code baseUrl + path} with the bearer {@code token} unless the data is there already. Never throws for a bad answer. */
    public Result load(HttpClient http, String baseUrl, String token, Path repoRoot, Path markerDir) {
        Path marker = markerDir.resolve(id + ".loaded");
        if (Files.exists(marker)) {
            return new Result(this, Outcome.ALREADY_LOADED, "marker " + marker);
        }
        try {
            if (probePath != null) {
                HttpResponse<String> probe = http.send(HttpRequest.newBuilder(URI.create(baseUrl + probePath))
                        .header("Authorization", "Bearer " + token)
                        .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
                if (alreadyLoaded.test(new Probe(probe.statusCode(), probe.body()))) {
                    mark(marker, "found by GET " + probePath);
                    return new Result(this, Outcome.ALREADY_LOADED, "GET " + probePath + " shows it");
                }
            }
            int loaded = 0;
            int already = 0;
            for (String resource : resources) {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(baseUrl + path))
                        .timeout(Duration.ofSeconds(120))
                        .header("Content-Type", contentType)
                        .header("Authorization", "Bearer " + token)
                        .header("Accept", "application/json, application/problem+json, */*")
                        .header("Idempotency-Key", "mfs-demo-" + id + "-" + Integer.toHexString(resource.hashCode()))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(read(resource, repoRoot))).build(),
                        HttpResponse.BodyHandlers.ofString());
                int status = r.statusCode();
                if (alreadyLoadedStatuses.contains(status)) {
                    already++;
                } else if (status >= 200 && status < 300) {
                    loaded++;
                } else {
                    return new Result(this, Outcome.FAILED, "POST " + path + " answered " + status
                            + (status == 404 || status == 405 ? " - is the endpoint in DemoLoaders.suite() right?" : "")
                            + ": " + abbreviate(r.body()));
                }
            }
            mark(marker, loaded + " loaded, " + already + " already there");
            return loaded == 0 ? new Result(this, Outcome.ALREADY_LOADED, "the service said so")
                    : new Result(this, Outcome.LOADED, loaded + " of " + resources.size() + " posted"
                            + (already > 0 ? ", " + already + " already there" : ""));
        } catch (IOException | UncheckedIOException e) {
            return new Result(this, Outcome.FAILED, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(this, Outcome.FAILED, "interrupted");
        }
    }

    static byte[] read(String resource, Path repoRoot) {
        try {
            if (resource.startsWith("classpath:")) {
                String name = resource.substring("classpath:".length());
                try (InputStream in = DemoLoader.class.getResourceAsStream(name.startsWith("/") ? name : "/" + name)) {
                    if (in == null) {
                        throw new IOException("no resource " + name + " in the launcher jar");
                    }
                    return in.readAllBytes();
                }
            }
            if (resource.startsWith("repo:")) {
                return Files.readAllBytes(repoRoot.resolve(resource.substring("repo:".length())));
            }
            return Files.readAllBytes(Path.of(resource));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void mark(Path marker, String note) throws IOException {
        Files.createDirectories(marker.getParent());
        Files.writeString(marker, note + "\n");
    }

    private static String abbreviate(String body) {
        String oneLine = body == null ? "" : body.replaceAll("\\s+", " ").trim();
        return oneLine.length() > 300 ? oneLine.substring(0, 300) + "..." : oneLine;
    }
}
