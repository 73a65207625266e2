package org.mfs.deploy;

import java.util.List;
import java.util.Set;

/**
 * THE HOOK for demo data: the list of {@link DemoLoader}s the local stack runs once every service is ready.
 * Add a loader here when a service gains an import endpoint; it reads the files the service module commits.
 */
public final class DemoLoaders {

    private DemoLoaders() {
    }

    /**
     * The USGS Mineral Commodity Summaries 2025 world data (excerpt, public domain) through minerals-service's
     * CSV upload, {@code POST /api/v1/minerals/statistics/imports?format=USGS_MCS} ({@code text/csv}): 201 when values
     * changed, 200 when every value was already stored (re-imports change nothing). The launcher turns the
     * service's own start-up seed of the same file off (MINERALS_SEED_USGS=false), so the local stack loads it the
     * way a user would: through the upload. The file is the one committed in minerals-service, with its citation.
     */
    public static final DemoLoader MINERALS = new DemoLoader(
            "minerals-usgs-mcs2025",
            "USGS Mineral Commodity Summaries 2025 world data",
            ServiceSpec.MINERALS,
            "/api/v1/minerals/statistics/imports?format=USGS_MCS",
            "text/csv",
            List.of("repo:minerals-service/src/main/resources/data/usgs-mcs2025-world-data-excerpt.csv"),
            null,
            probe -> false,
            Set.of(200, 409));

    /**
     * The loaders the launcher runs, in order. The demo agreements are not here: agreements-service applies its
     * own demo file through its use cases (projects, designations, transitions need the ids it creates) when the
     * launcher starts it with MFS_AGREEMENTS_DEMO_ENABLED=true; see {@link LocalStack#environmentFor}.
     */
    public static List<DemoLoader> suite() {
        return List.of(MINERALS);
    }
}
