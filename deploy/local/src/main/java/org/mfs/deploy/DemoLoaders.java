package org.mfs.deploy;

import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * THE HOOK for demo data: the list of {@link DemoLoader}s the local stack runs once every service is ready.
 * Add a loader here when a service gains an import endpoint; put its files under
 * {@code deploy/local/src/main/resources/demo/<service>/}.
 */
public final class DemoLoaders {

    private DemoLoaders() {
    }

    /** Demo agreements: a few real minerals-for-security instruments, POSTed one by one to the agreements API. */
    public static final DemoLoader AGREEMENTS = new DemoLoader(
            "agreements",
            "demo agreements",
            ServiceSpec.AGREEMENTS,
            "/api/v1/agreements",
            "application/json",
            List.of("classpath:/demo/agreements/01-us-ukraine-reconstruction-investment-fund.json",
                    "classpath:/demo/agreements/02-us-japan-critical-minerals.json",
                    "classpath:/demo/agreements/03-us-australia-critical-minerals-framework.json"),
            // any agreement present (for example from an earlier run on the same database): load nothing
            "/api/v1/agreements?page=0&size=1",
            probe -> probe.status() == 200 && total(probe.body()) > 0,
            Set.of(409));

    /**
     * The USGS Mineral Commodity Summaries 2025 world data (excerpt, public domain) through minerals-service's
     * CSV upload, {@code POST /api/v1/minerals/statistics/imports?format=USGS_MCS} ({@code text/csv}): 201 when values
     * changed, 200 when every value was already stored (re-imports change nothing). minerals-service also seeds
     * this same file at startup (mfs.minerals.seed.usgs-mcs2025, on by default), so on a default stack this loader
     * normally finds it there already; it loads it when the seed is off (MINERALS_SEED_USGS=false).
     */
    public static final DemoLoader MINERALS = new DemoLoader(
            "minerals-usgs-mcs2025",
            "USGS Mineral Commodity Summaries 2025 world data",
            ServiceSpec.MINERALS,
            "/api/v1/minerals/statistics/imports?format=USGS_MCS",
            "text/csv",
            List.of("classpath:/demo/minerals/usgs-mcs2025-world-data-excerpt.csv"),
            null,
            probe -> false,
            Set.of(200, 409));

    /** The loaders the launcher runs, in order. */
    public static List<DemoLoader> suite() {
        return List.of(MINERALS, AGREEMENTS);
    }

    private static final Pattern TOTAL = Pattern.compile("\"total\"\\s*:\\s*(\\d+)");

    static long total(String json) {
        Matcher m = TOTAL.matcher(json == null ? "" : json);
        return m.find() ? Long.parseLong(m.group(1)) : 0;
    }
}
