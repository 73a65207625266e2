package org.mfs.platform.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * The committed OpenAPI document of a service ({@code src/main/openapi-snapshot/openapi.json}), so API
 * changes show in diffs. A test compares it with the live document; run the tests with
 * {@code -Dmfs.openapi.update=true} to rewrite the snapshot after an intended change.
 */
public final class OpenApiSnapshot {

    public static final Path FILE = Path.of("src/main/openapi-snapshot/openapi.json");

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .enable(SerializationFeature.INDENT_OUTPUT);

    private OpenApiSnapshot() {
    }

    /** Fails when {@code liveJson} differs from the snapshot (or rewrites it when asked to). */
    public static void assertMatches(String liveJson) {
        try {
            String live = normalise(liveJson);
            if (Boolean.getBoolean("mfs.openapi.update") || !Files.exists(FILE)) {
                Files.createDirectories(FILE.getParent());
                Files.writeString(FILE, live);
                if (!Boolean.getBoolean("mfs.openapi.update")) {
                    throw new AssertionError("no OpenAPI snapshot was committed; wrote " + FILE.toAbsolutePath()
                            + ": review and commit it");
                }
                return;
            }
            String committed = normalise(Files.readString(FILE));
            if (!committed.equals(live)) {
                throw new AssertionError("the live OpenAPI document differs from " + FILE
                        + "; if the API change is intended, run the tests with -Dmfs.openapi.update=true and commit the file");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String normalise(String json) throws IOException {
        JsonNode tree = MAPPER.readTree(json);
        Object sorted = MAPPER.treeToValue(tree, Object.class);
        return MAPPER.writeValueAsString(sorted) + "\n";
    }
}
