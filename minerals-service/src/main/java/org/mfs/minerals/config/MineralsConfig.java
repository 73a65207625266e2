package org.mfs.minerals.config;

import java.time.Duration;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Business settings of the minerals-service. */
@ConfigMapping(prefix = "mfs.minerals")
public interface MineralsConfig {

    Seed seed();

    Import importing();

    interface Seed {
        /** Import the bundled USGS MCS 2025 world data excerpt at startup (a no-op when already imported). */
        @WithDefault("true")
        boolean usgsMcs2025();

        /** Insert the demo sites and the Lobito Corridor at startup when missing. */
        @WithDefault("true")
        boolean demoSites();
    }

    interface Import {
        /** Largest number of data rows one upload may carry. */
        @WithDefault("5000000")
        int maxRows();

        /** Largest upload; a larger one is refused with 413 (by its Content-Length, or once that many bytes arrived). */
        @WithDefault("256M")
        MemorySize maxBytes();

        /** Longest line (CSV record) in characters; a longer one stops the import at once (422 naming the line). */
        @WithDefault("65536")
        int maxLineChars();

        /** Longest field in characters. */
        @WithDefault("16384")
        int maxFieldChars();

        /** Imports running at once in this instance; more are refused with 429 and Retry-After. */
        @WithDefault("1")
        int maxConcurrent();

        /** How long an import waits for another instance's import (the database lock) before a 429. */
        @WithDefault("5s")
        Duration lockWait();

        /** Longest an import may take, upload included: the statement timeout and the upload deadline (408). */
        @WithDefault("10m")
        Duration maxDuration();

        /** The Retry-After of a 429. */
        @WithDefault("10s")
        Duration retryAfter();
    }
}
