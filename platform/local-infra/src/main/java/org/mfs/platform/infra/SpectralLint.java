package org.mfs.platform.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Lints an OpenAPI document with Spectral's {@code spectral:oas} ruleset (npm {@code @stoplight/spectral-cli}, the
 * linter the issue names), so a document with any error or warning fails the test that publishes it (ADR 0015).
 * <p>
 * Spectral is a Node.js program: it is taken from {@code $MFS_TOOLS_CACHE} (default {@code ~/.cache/mfs-tools},
 * the cache the suite's {@code openapi-lint} script uses) and installed there with npm when missing. Where neither
 * Node.js nor the npm registry is available, {@link #available()} is empty and the tests calling it are skipped,
 * visibly, with the reason.
 */
public final class SpectralLint {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SpectralLint() {
    }

    /** One finding: Spectral's rule code, severity (error, warning, info, hint), JSON path and message. */
    public record Finding(String code, String severity, String path, String message) {
        @Override
        public String toString() {
            return severity + " " + code + " at " + path + ": " + message;
        }
    }

    /** The Spectral executable, installing it into the tools cache first if needed; empty with no Node.js or npm. */
    public static synchronized Optional<Path> available() {
        Path cache = Path.of(Optional.ofNullable(System.getenv("MFS_TOOLS_CACHE"))
                .orElse(System.getProperty("user.home") + "/.cache/mfs-tools"));
        Path spectral = cache.resolve("node_modules/.bin/spectral");
        if (Files.isExecutable(spectral)) {
            return Optional.of(spectral);
        }
        try {
            Files.createDirectories(cache);
            Process npm = new ProcessBuilder("npm", "install", "--no-audit", "--no-fund", "--silent",
                    "@stoplight/spectral-cli").directory(cache.toFile()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!npm.waitFor(5, TimeUnit.MINUTES)) {
                npm.destroyForcibly();
            }
        } catch (IOException e) {
            return Optional.empty(); // no npm on this machine
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
        return Files.isExecutable(spectral) ? Optional.of(spectral) : Optional.empty();
    }

    /** Spectral's findings (all severities) for {@code documentJson} under {@code spectral:oas}. */
    public static List<Finding> lint(Path spectral, String documentJson) {
        try {
            Path work = Files.createTempDirectory("mfs-spectral");
            Path document = work.resolve("openapi.json");
            Path ruleset = work.resolve(".spectral.json");
            Files.writeString(document, documentJson);
            Files.writeString(ruleset, "{\"extends\": [\"spectral:oas\"]}");
            Process p = new ProcessBuilder(spectral.toString(), "lint", "-r", ruleset.toString(), "-f", "json", "-q",
                    document.toString()).directory(work.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(3, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new AssertionError("Spectral did not finish within 3 minutes");
            }
            if (p.exitValue() > 1 || !out.contains("[")) {
                // 0: no error, 1: some error; otherwise Spectral itself failed (an unreadable document, a crash)
                throw new AssertionError("Spectral exited " + p.exitValue() + " without findings: " + out);
            }
            String json = out.substring(out.indexOf('['));
            List<Finding> findings = new ArrayList<>();
            for (JsonNode f : JSON.readTree(json.isBlank() ? "[]" : json)) {
                List<String> path = new ArrayList<>();
                f.path("path").forEach(part -> path.add(part.asText()));
                findings.add(new Finding(f.path("code").asText(), severity(f.path("severity").asInt()),
                        String.join(".", path), f.path("message").asText()));
            }
            return findings;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String severity(int level) {
        return switch (level) {
            case 0 -> "error";
            case 1 -> "warning";
            case 2 -> "info";
            default -> "hint";
        };
    }
}
