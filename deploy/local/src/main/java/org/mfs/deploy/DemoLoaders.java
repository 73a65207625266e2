package org.mfs.deploy;

import java.net.http.HttpClient;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

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
     * launcher starts it with MFS_AGREEMENTS_DEMO_ENABLED=true; see {@link ServiceEnvironment#of}.
     */
    public static List<DemoLoader> suite() {
        return List.of(MINERALS);
    }

    /**
     * Runs the configured loaders against the running services with {@code token} (an editor's or admin's), each
     * once, saying how each went; a loader whose service is not part of the stack is skipped.
     */
    static List<DemoLoader.Result> loadAll(StackConfig config, HttpClient http, Optional<String> token,
            Function<ServiceSpec, String> serviceUrl, Consumer<String> progress, Runnable checkNotStopping) {
        List<DemoLoader.Result> results = new ArrayList<>();
        Path markers = config.dataDir().resolve("demo");
        for (DemoLoader loader : config.demoLoaders()) {
            checkNotStopping.run();
            DemoLoader.Result r;
            if (!config.services().contains(loader.service())) {
                r = new DemoLoader.Result(loader, DemoLoader.Outcome.SKIPPED_SERVICE_NOT_RUNNING, loader.service().name() + " skipped");
            } else if (token.isEmpty()) {
                r = new DemoLoader.Result(loader, DemoLoader.Outcome.FAILED, "no token to load it with: set MFS_DEMO_TOKEN"
                        + " to an editor's or admin's access token from " + config.oidcIssuer());
            } else {
                r = loader.load(http, serviceUrl.apply(loader.service()), token.get(), config.repoRoot(), markers);
            }
            results.add(r);
            progress.accept((r.outcome() == DemoLoader.Outcome.FAILED ? "  WARNING demo data " : "  demo data ") + r);
        }
        return List.copyOf(results);
    }
}
