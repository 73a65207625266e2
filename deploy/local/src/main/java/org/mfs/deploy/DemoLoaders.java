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
     * The USGS Mineral Commodity Summaries 2025 world data (excerpt, public domain) into minerals-service.
     * <p>
     * TODO(minerals-service): confirm the endpoint, its content type and its "already imported" answer.
     * Assumed here: {@code POST /api/v1/minerals/imports/usgs-mcs} with {@code text/csv}, answering 2xx when
     * imported and 409 when this edition is already there. Change {@code path}, {@code contentType}, the probe
     * and {@code alreadyLoadedStatuses} below to what the service really offers.
     */
    public static final DemoLoader MINERALS = new DemoLoader(
            "minerals-usgs-mcs2025",
            "USGS Mineral Commodity Summaries 2025 world data",
            ServiceSpec.MINERALS,
            "/api/v1/minerals/imports/usgs-mcs?edition=MCS2025",
            "text/csv",
            List.of("classpath:/demo/minerals/usgs-mcs2025-world-data-excerpt.csv"),
            null,
            probe -> false,
            Set.of(409));

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
