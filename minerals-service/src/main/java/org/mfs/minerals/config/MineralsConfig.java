package org.mfs.minerals.config;

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
    }
}
