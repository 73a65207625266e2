import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import org.mfs.platform.infra.LocalKafka;
import org.mfs.platform.infra.LocalPostgres;
import org.postgresql.PGConnection;

/**
 * minerals-service benchmark: a 1,000,000-row normalized statistics import through the REST upload, then the
 * shares+HHI query and the disruption scenario, each printed beside a baseline measured in the same run against the
 * same PostgreSQL: a plain COPY of the same file for the import; a JDBC "select 1" and a trivial endpoint for the
 * queries. Starts its own PostgreSQL (embedded binaries) and the service jar; needs no broker (the outbox relay is off,
 * the import's event waits in the outbox).
 *
 * Usage: java -cp <local-infra classpath> Bench.java <service jar> [rows=1000000] [queries=300]
 */
public class Bench {

    static final String[] MEASURES = { "MINE_PRODUCTION", "REFINERY_PRODUCTION", "RESERVES", "MINE_CAPACITY" };
    static final int COMMODITIES = 20;
    static final int YEARS = 50;
    static final int FIRST_YEAR = 1975;

    public static void main(String[] args) throws Exception {
        Path jar = Path.of(args[0]);
        int rows = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
        int queries = args.length > 2 ? Integer.parseInt(args[2]) : 300;
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(15);
        Path work = Files.createTempDirectory("bench-minerals");
        int pgPort = LocalKafka.freePort();
        int httpPort = LocalKafka.freePort();
        System.out.printf("== PostgreSQL (embedded binaries) on %d, work folder %s%n", pgPort, work);
        try (LocalPostgres pg = LocalPostgres.start(null, pgPort)) {
            pg.ensureDatabase("minerals");
            String jdbc = pg.jdbcUrl("minerals");
            Process service = startService(jar, jdbc, httpPort, work);
            try {
                String base = "http://127.0.0.1:" + httpPort;
                HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
                awaitReady(http, base, service, work, deadline);
                run(http, base, jdbc, rows, queries, work);
            } finally {
                service.destroy();
                if (!service.waitFor(20, TimeUnit.SECONDS)) {
                    service.destroyForcibly();
                }
            }
        } finally {
            try (var files = Files.walk(work)) {
                files.sorted((a, b) -> b.compareTo(a)).forEach(p -> p.toFile().delete());
            }
        }
    }

    static Process startService(Path jar, String jdbc, int port, Path work) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx2g", "-Dquarkus.http.port=" + port, "-Dmfs.outbox.relay-enabled=false",
                "-Dquarkus.log.level=WARN", "-jar", jar.toString());
        pb.environment().put("MINERALS_DB_URL", jdbc);
        pb.environment().put("MINERALS_DB_USER", LocalPostgres.USER);
        pb.environment().put("MINERALS_DB_PASSWORD", LocalPostgres.PASSWORD);
        pb.environment().put("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9");
        pb.redirectErrorStream(true).redirectOutput(work.resolve("service.log").toFile());
        System.out.printf("== minerals-service %s on %d%n", jar, port);
        return pb.start();
    }

    static void awaitReady(HttpClient http, String base, Process p, Path work, long deadline) throws Exception {
        long start = System.nanoTime();
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                throw new IllegalStateException("the service exited:\n" + Files.readString(work.resolve("service.log")));
            }
            try {
                if (http.send(get(base + "/api/v1/minerals/commodities/cobalt"), HttpResponse.BodyHandlers.discarding())
                        .statusCode() == 200) {
                    System.out.printf("   ready in %.1f s (USGS MCS 2025 file and demo sites loaded at startup)%n",
                            (System.nanoTime() - start) / 1e9);
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("the service was not ready in time");
    }

    static HttpRequest get(String url) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET().build();
    }

    static void run(HttpClient http, String base, String jdbc, int rows, int queries, Path work) throws Exception {
        // commodities of our own for the synthetic rows
        for (int c = 1; c <= COMMODITIES; c++) {
            String body = """
                    {"code": "bench-%02d", "name": "Bench commodity %02d", "category": "OTHER", "unit": "t",
                     "unitBasis": "metric tons, synthetic benchmark data", "hsCodes": [], "listings": []}""".formatted(c, c);
            int s = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/minerals/commodities"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
            if (s != 201 && s != 409) {
                throw new IllegalStateException("creating bench-" + c + ": " + s);
            }
        }
        Path csv = work.resolve("statistics.csv");
        long t0 = System.nanoTime();
        int written = generate(csv, rows);
        System.out.printf("== generated %,d normalized rows (%,d bytes) in %.1f s%n", written, Files.size(csv),
                (System.nanoTime() - t0) / 1e9);

        // baseline: plain COPY of the same file into a plain table, same database, same run
        double copySeconds;
        try (Connection c = DriverManager.getConnection(jdbc, LocalPostgres.USER, LocalPostgres.PASSWORD);
                Statement s = c.createStatement()) {
            s.execute("create table bench_copy_baseline (commodity text, country text, year int, measure text, "
                    + "value numeric, unit text, edition text)");
            long b0 = System.nanoTime();
            try (Reader r = Files.newBufferedReader(csv)) {
                c.unwrap(PGConnection.class).getCopyAPI()
                        .copyIn("copy bench_copy_baseline from stdin (format csv, header true)", r);
            }
            copySeconds = (System.nanoTime() - b0) / 1e9;
            s.execute("drop table bench_copy_baseline");
        }

        // the import through the REST upload (parse + checks + COPY into staging + set-based upsert + report)
        long i0 = System.nanoTime();
        HttpResponse<String> imported = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/minerals/statistics/imports"))
                .timeout(Duration.ofMinutes(5)).header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofFile(csv)).build(), HttpResponse.BodyHandlers.ofString());
        double importSeconds = (System.nanoTime() - i0) / 1e9;
        if (imported.statusCode() != 201) {
            throw new IllegalStateException("import answered " + imported.statusCode() + ": " + imported.body());
        }
        System.out.println("   report: " + summary(imported.body()));

        long r0 = System.nanoTime();
        HttpResponse<String> again = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/minerals/statistics/imports"))
                .timeout(Duration.ofMinutes(5)).header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofFile(csv)).build(), HttpResponse.BodyHandlers.ofString());
        double reimportSeconds = (System.nanoTime() - r0) / 1e9;
        System.out.println("   re-import: " + again.statusCode() + " " + summary(again.body()));

        try (Connection c = DriverManager.getConnection(jdbc, LocalPostgres.USER, LocalPostgres.PASSWORD);
                Statement s = c.createStatement()) {
            s.execute("vacuum analyze statistic");
            try (ResultSet rs = s.executeQuery("select count(*) from statistic")) {
                rs.next();
                System.out.printf("   statistic table: %,d rows%n", rs.getLong(1));
            }
        }

        // queries
        SplittableRandom rnd = new SplittableRandom(7);
        int withData = Math.max(1, Math.min(COMMODITIES, rows / (YEARS * MEASURES.length * 250)));
        List<String> sharesUrls = new ArrayList<>();
        List<String> disruptionUrls = new ArrayList<>();
        for (int i = 0; i < queries; i++) {
            int commodity = 1 + rnd.nextInt(withData);
            int year = FIRST_YEAR + rnd.nextInt(YEARS);
            sharesUrls.add(base + "/api/v1/minerals/analytics/bench-%02d/shares?year=%d".formatted(commodity, year));
            disruptionUrls.add(base + "/api/v1/minerals/analytics/disruption?remove=CD,CN&year=%d".formatted(year));
        }
        double[] shares = time(http, sharesUrls);
        double[] disruption = time(http, disruptionUrls);
        double[] trivial = time(http, java.util.Collections.nCopies(queries, base + "/q/health/live"));
        double[] select1 = new double[queries];
        try (Connection c = DriverManager.getConnection(jdbc, LocalPostgres.USER, LocalPostgres.PASSWORD);
                Statement s = c.createStatement()) {
            for (int i = 0; i < 50; i++) {
                s.executeQuery("select 1").close();
            }
            for (int i = 0; i < queries; i++) {
                long q0 = System.nanoTime();
                s.executeQuery("select 1").close();
                select1[i] = (System.nanoTime() - q0) / 1e6;
            }
        }
        Arrays.sort(select1);
        HttpResponse<String> sample = http.send(get(sharesUrls.get(0)), HttpResponse.BodyHandlers.ofString());
        System.out.println("   sample shares answer: " + sample.body().substring(0, Math.min(260, sample.body().length())) + "...");

        System.out.println();
        System.out.println("== results (same machine, same PostgreSQL, same run)");
        System.out.printf(Locale.ROOT, "import %,d rows via REST upload     %8.2f s   (target < 30 s)%n", rows, importSeconds);
        System.out.printf(Locale.ROOT, "  baseline: plain COPY of the file   %8.2f s   ratio %.1fx%n", copySeconds, importSeconds / copySeconds);
        System.out.printf(Locale.ROOT, "  re-import of the same file        %8.2f s   (changes nothing)%n", reimportSeconds);
        row("shares+HHI, one commodity-year (p50)", shares, "(target p50 < 50 ms)");
        row("disruption, 28 commodities (p50)", disruption, "");
        row("  baseline: GET /q/health/live", trivial, "");
        row("  baseline: JDBC select 1", select1, "");
        System.out.printf(Locale.ROOT, "shares+HHI p50 over trivial endpoint p50: %.1fx; over select 1: %.1fx%n",
                p(shares, 50) / p(trivial, 50), p(shares, 50) / p(select1, 50));
    }

    static void row(String name, double[] ms, String note) {
        System.out.printf(Locale.ROOT, "%-40s p50 %7.2f ms  p95 %7.2f ms  p99 %7.2f ms  %s%n", name, p(ms, 50), p(ms, 95),
                p(ms, 99), note);
    }

    static double p(double[] sorted, int pct) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(pct / 100.0 * sorted.length) - 1)];
    }

    static double[] time(HttpClient http, List<String> urls) throws Exception {
        for (int i = 0; i < Math.min(50, urls.size()); i++) {
            check(http.send(get(urls.get(i)), HttpResponse.BodyHandlers.ofString()));
        }
        double[] ms = new double[urls.size()];
        for (int i = 0; i < urls.size(); i++) {
            long t = System.nanoTime();
            check(http.send(get(urls.get(i)), HttpResponse.BodyHandlers.ofString()));
            ms[i] = (System.nanoTime() - t) / 1e6;
        }
        Arrays.sort(ms);
        return ms;
    }

    static void check(HttpResponse<String> r) {
        if (r.statusCode() != 200) {
            throw new IllegalStateException(r.uri() + " answered " + r.statusCode() + ": " + r.body());
        }
    }

    static String summary(String json) {
        return json.replaceAll("\"skipped\":\\[[^\\]]*\\],?", "").replaceAll("\"sha256\":\"[0-9a-f]+\",", "");
    }

    /** commodity x year x measure x 250 areas (248 ISO codes, WORLD, ROW); WORLD is the sum of the others. */
    static int generate(Path csv, int rows) throws IOException {
        String[] iso = Locale.getISOCountries();
        List<String> areas = new ArrayList<>(Arrays.asList(iso).subList(0, 248));
        int perGroup = areas.size() + 2;
        SplittableRandom rnd = new SplittableRandom(42);
        int n = 0;
        try (BufferedWriter w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
            w.write("commodity,country,year,measure,value,unit,edition\n");
            outer:
            for (int c = 1; c <= COMMODITIES; c++) {
                for (int y = FIRST_YEAR; y < FIRST_YEAR + YEARS; y++) {
                    for (String m : MEASURES) {
                        if (n + perGroup > rows) {
                            break outer;
                        }
                        long total = 0;
                        String commodity = "bench-%02d".formatted(c);
                        for (String a : areas) {
                            // a few large producers, many small ones
                            long v = rnd.nextInt(100) < 3 ? 50_000 + rnd.nextInt(200_000) : rnd.nextInt(5_000);
                            total += v;
                            w.write(commodity + "," + a + "," + y + "," + m + "," + v + ",t,Bench edition 2025\n");
                        }
                        long rest = rnd.nextInt(20_000);
                        w.write(commodity + ",ROW," + y + "," + m + "," + rest + ",t,Bench edition 2025\n");
                        w.write(commodity + ",WORLD," + y + "," + m + "," + (total + rest) + ",t,Bench edition 2025\n");
                        n += perGroup;
                    }
                }
            }
        }
        return n;
    }
}
