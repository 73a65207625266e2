import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The Java half of bench/minerals/run.sh (plain JDK, no dependency, run as a single-file program):
 * <ul>
 * <li>{@code generate FILE ROWS}: writes the synthetic normalized file, 20 commodities x 50 years x 4 measures x
 * 250 areas (248 ISO codes, ROW and WORLD, WORLD being the sum of the others);</li>
 * <li>{@code queries BASE TOKEN ROWS QUERIES}: times GET shares+HHI for one commodity-year and the disruption
 * scenario (all commodities), beside GET /q/health/live as the trivial-endpoint baseline;</li>
 * <li>{@code raw-shares LOG OUT QUERIES}: from PostgreSQL's log of those requests (every statement logged), writes a
 * psql script that runs the service's shares+HHI statement with the parameters of each shares request, as a
 * prepared statement, timing the same ones (the same SQL run raw, issue 13).</li>
 * </ul>
 */
public class Bench {

    static final String[] MEASURES = { "MINE_PRODUCTION", "REFINERY_PRODUCTION", "RESERVES", "MINE_CAPACITY" };
    static final int COMMODITIES = 20;
    static final int YEARS = 50;
    static final int FIRST_YEAR = 1975;
    static String token = "";

    public static void main(String[] args) throws Exception {
        if (args[0].equals("generate")) {
            Path csv = Path.of(args[1]);
            long t0 = System.nanoTime();
            int written = generate(csv, Integer.parseInt(args[2]));
            System.out.printf("== generated %,d normalized rows (%,d bytes) in %.1f s%n", written, Files.size(csv),
                    (System.nanoTime() - t0) / 1e9);
        } else if (args[0].equals("raw-shares")) {
            rawShares(Path.of(args[1]), Path.of(args[2]), Integer.parseInt(args[3]));
        } else {
            queries(args[1], args[2], Integer.parseInt(args[3]), Integer.parseInt(args[4]));
        }
    }

    static void queries(String base, String bearer, int rows, int queries) throws Exception {
        token = bearer;
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
        double[] shares = time(sharesUrls);
        double[] disruption = time(disruptionUrls);
        double[] trivial = time(Collections.nCopies(queries, base + "/q/health/live"));
        String sample = curl(List.of(sharesUrls.get(0)), false).get(0);
        System.out.println("   sample shares answer: " + sample.substring(0, Math.min(260, sample.length())) + "...");
        row("shares+HHI, one commodity-year", shares, "(target p50 < 50 ms)");
        row("disruption, all commodities", disruption, "");
        row("  baseline: GET /q/health/live", trivial, "");
        System.out.printf(Locale.ROOT, "shares+HHI p50 over trivial endpoint p50: %.1fx%n", p(shares, 50) / p(trivial, 50));
    }

    /** Requests {@link #time} sends before it starts timing. */
    static final int WARM_UP = 50;

    /**
     * The executions of the shares+HHI statement (the one computing {@code as hhi}) in a PostgreSQL log written with
     * {@code log_min_duration_statement = 0}: each is a line "duration: ... execute NAME: SQL", its continuation lines
     * (a tab first), then "DETAIL:  parameters: $1 = '...', ...". Written as one {@code prepare} and one
     * {@code execute} per request, {@code \timing} switched on after the warm-up's. Only the first
     * {@code warm-up + queries} are the shares requests': the disruption scenario runs the statement once per
     * commodity after them.
     */
    static void rawShares(Path log, Path out, int queries) throws IOException {
        int warmUp = Math.min(WARM_UP, queries);
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        String sql = null;
        List<String> executes = new ArrayList<>();
        for (int i = 0; i < lines.size() && executes.size() < warmUp + queries; i++) {
            String l = lines.get(i);
            int at = l.indexOf("  execute ");
            if (!l.contains("LOG:  duration: ") || at < 0) {
                continue;
            }
            StringBuilder text = new StringBuilder(l.substring(l.indexOf(": ", at) + 2));
            int j = i + 1;
            for (; j < lines.size() && lines.get(j).startsWith("\t"); j++) {
                text.append('\n').append(lines.get(j).substring(1));
            }
            String detail = j < lines.size() ? lines.get(j) : "";
            int params = detail.indexOf("DETAIL:  parameters: ");
            if (text.indexOf(" as hhi") < 0 || params < 0) {
                continue;
            }
            sql = text.toString();
            executes.add("execute shares(" + detail.substring(params + "DETAIL:  parameters: ".length())
                    .replaceAll("\\$\\d+ = ", "") + ");");
        }
        if (executes.size() < warmUp + queries) {
            throw new IllegalStateException("the log holds " + executes.size() + " shares+HHI executions; expected "
                    + (warmUp + queries));
        }
        List<String> script = new ArrayList<>();
        script.add("prepare shares as " + sql + ";");
        script.addAll(executes.subList(0, warmUp));
        script.add("\\timing on");
        script.addAll(executes.subList(warmUp, executes.size()));
        Files.write(out, script, StandardCharsets.UTF_8);
    }

    static void row(String name, double[] ms, String note) {
        System.out.printf(Locale.ROOT, "%-40s p50 %7.2f ms  p95 %7.2f ms  p99 %7.2f ms  %s%n", name, p(ms, 50), p(ms, 95),
                p(ms, 99), note);
    }

    static double p(double[] sorted, int pct) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(pct / 100.0 * sorted.length) - 1)];
    }

    /**
     * Times each GET, after {@code WARM_UP} untimed ones: curl, one process and one kept-alive HTTP/1.1 connection
     * for the whole list, each request's {@code time_total}. A C client, as psql is for the raw SQL: the JDK's
     * HttpClient (h2c) took 1.4 ms of a trivial request's 1.4-3 ms (curl: 0.4 ms), and more with larger answers.
     */
    static double[] time(List<String> urls) throws Exception {
        List<String> all = new ArrayList<>(urls.subList(0, Math.min(WARM_UP, urls.size())));
        all.addAll(urls);
        List<String> lines = curl(all, true);
        double[] ms = new double[urls.size()];
        for (int i = 0; i < urls.size(); i++) {
            String[] codeAndSeconds = lines.get(all.size() - urls.size() + i).split(" ");
            if (!codeAndSeconds[0].equals("200")) {
                throw new IllegalStateException(urls.get(i) + " answered " + codeAndSeconds[0]);
            }
            ms[i] = Double.parseDouble(codeAndSeconds[1]) * 1000;
        }
        Arrays.sort(ms);
        return ms;
    }

    /** curl over one connection: per URL "status seconds" when {@code timings}, else the answers' bodies. */
    static List<String> curl(List<String> urls, boolean timings) throws Exception {
        Path config = Files.createTempFile("bench-minerals-urls", ".curl");
        try {
            StringBuilder c = new StringBuilder("header = \"Authorization: Bearer " + token + "\"\n");
            for (String url : urls) {
                c.append("url = \"").append(url).append("\"\n").append(timings ? "output = \"/dev/null\"\n" : "");
            }
            Files.writeString(config, c);
            List<String> cmd = new ArrayList<>(List.of("curl", "-s", "-K", config.toString()));
            if (timings) {
                cmd.addAll(List.of("-w", "%{http_code} %{time_total}\\n"));
            }
            Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0) {
                throw new IllegalStateException("curl failed with exit code " + p.exitValue());
            }
            List<String> lines = timings ? out.lines().toList() : List.of(out);
            if (timings && lines.size() != urls.size()) {
                throw new IllegalStateException("curl answered " + lines.size() + " of " + urls.size() + " requests");
            }
            return lines;
        } finally {
            Files.deleteIfExists(config);
        }
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
