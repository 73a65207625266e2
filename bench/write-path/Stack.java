import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.mfs.platform.infra.LocalKafka;
import org.mfs.platform.infra.LocalPostgres;

/**
 * The stack the write-path benchmarks run on, all started by the run itself and stopped at its end: an embedded
 * PostgreSQL (durable: fsync and synchronous_commit on, track_commit_timestamp on), a local Kafka broker (a separate
 * JVM) and the packaged agreements-service, verifying bearer tokens signed with a key made for the run (no identity
 * provider is contacted). Also: CPU accounting of each process and the machine-readable result lines.
 */
final class Stack implements AutoCloseable {

    final Path work;
    final LocalPostgres pg;
    final LocalKafka kafka;
    final Process service;
    final String base;
    final String token;
    final String jdbcUrl;

    private Stack(Path work, LocalPostgres pg, LocalKafka kafka, Process service, String base, String token) {
        this.work = work;
        this.pg = pg;
        this.kafka = kafka;
        this.service = service;
        this.base = base;
        this.token = token;
        this.jdbcUrl = pg.jdbcUrl("agreements");
    }

    static Stack start(Path repo, Map<String, String> serviceProps) throws Exception {
        Path work = Files.createTempDirectory("mfs-bench-write-path");
        Path pgLog = work.resolve("pglog");
        Files.createDirectories(pgLog);
        Map<String, String> pgConfig = new LinkedHashMap<>();
        pgConfig.put("track_commit_timestamp", "on");
        pgConfig.put("logging_collector", "on");
        pgConfig.put("log_directory", pgLog.toString());
        pgConfig.put("log_filename", "postgresql.log");
        pgConfig.put("log_line_prefix", "%p");
        LocalPostgres pg = LocalPostgres.start(null, LocalKafka.freePort(), pgConfig);
        pg.ensureDatabase("agreements");
        LocalKafka kafka = LocalKafka.onFreePorts(work.resolve("kafka"));
        kafka.start(Duration.ofSeconds(120));
        int port = LocalKafka.freePort();

        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        KeyPair keys = g.generateKeyPair();
        String issuer = "https://bench.mfs.invalid/realms/mfs";
        long now = System.currentTimeMillis() / 1000;
        String header = b64("{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"bench\"}");
        String payload = b64("{\"iss\":\"" + issuer + "\",\"sub\":\"5b0c2d1e-bench\",\"preferred_username\":\"bench-admin\","
                + "\"aud\":\"mfs-api\",\"iat\":" + now + ",\"exp\":" + (now + 4 * 3600) + ",\"realm_access\":{\"roles\":[\"admin\"]}}");
        Signature s = Signature.getInstance("SHA256withRSA");
        s.initSign(keys.getPrivate());
        s.update((header + "." + payload).getBytes(StandardCharsets.US_ASCII));
        String token = header + "." + payload + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(s.sign());

        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dquarkus.oidc.auth-server-url=",
                "-Dquarkus.oidc.public-key=" + Base64.getEncoder().encodeToString(keys.getPublic().getEncoded()),
                "-Dquarkus.oidc.token.issuer=" + issuer, "-Dquarkus.oidc.token.audience=mfs-api",
                "-Dquarkus.http.port=" + port, "-Dmfs.agreements.commodities.enabled=false", "-Dquarkus.log.level=WARN",
                "-Dquarkus.log.category.\"org.apache.kafka\".level=ERROR"));
        serviceProps.forEach((k, v) -> cmd.add("-D" + k + "=" + v));
        // BENCH_SERVICE_OPTS: extra JVM options of the service, e.g. a flight recording to see where its CPU goes
        for (String o : System.getenv().getOrDefault("BENCH_SERVICE_OPTS", "").split("\\s+")) {
            if (!o.isBlank()) {
                cmd.add(o);
            }
        }
        // BENCH_JAR: another build of the service (e.g. the one before a change), measured on the same harness
        String jar = System.getenv().getOrDefault("BENCH_JAR",
                repo.resolve("agreements-service/target/quarkus-app/quarkus-run.jar").toString());
        cmd.addAll(List.of("-jar", jar));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("AGREEMENTS_DB_URL", pg.jdbcUrl("agreements"));
        pb.environment().put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        pb.environment().put("MFS_OUTBOX_REPLICATION_FACTOR", "1"); // one local broker
        pb.environment().put("MFS_OUTBOX_MIN_INSYNC_REPLICAS", "1");
        Process service = pb.redirectErrorStream(true).redirectOutput(work.resolve("agreements-service.log").toFile()).start();
        Stack stack = new Stack(work, pg, kafka, service, "http://127.0.0.1:" + port, token);
        stack.awaitReady(Duration.ofSeconds(180));
        try (Connection c = stack.db(); var st = c.createStatement()) {
            st.execute("insert into commodity (code, name, updated_at) values ('cobalt','Cobalt',now()),"
                    + "('coltan','Coltan',now()),('copper','Copper',now()) on conflict do nothing");
        }
        return stack;
    }

    private static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    Connection db() throws SQLException {
        return DriverManager.getConnection(jdbcUrl + "?ApplicationName=bench", LocalPostgres.USER, LocalPostgres.PASSWORD);
    }

    Path pgLog() {
        return work.resolve("pglog").resolve("postgresql.log");
    }

    private void awaitReady(Duration timeout) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!service.isAlive()) {
                throw new IllegalStateException("agreements-service exited; see " + work.resolve("agreements-service.log"));
            }
            try {
                if (http.send(HttpRequest.newBuilder(URI.create(base + "/q/health/ready")).GET().build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // starting
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("service not ready: " + base);
    }

    /** Processes whose CPU is accounted: the service, PostgreSQL (postmaster and backends), Kafka, this bench. */
    Map<String, ProcessHandle> processes() {
        Map<String, ProcessHandle> m = new LinkedHashMap<>();
        m.put("agreements-service", service.toHandle());
        postmaster().ifPresent(p -> m.put("postgresql", p));
        try {
            long k = Long.parseLong(Files.readString(kafka.dir().resolve("kafka.pid")).strip());
            ProcessHandle.of(k).ifPresent(p -> m.put("kafka", p));
        } catch (IOException | NumberFormatException e) {
            // not accounted
        }
        m.put("bench-client", ProcessHandle.current());
        return m;
    }

    private Optional<ProcessHandle> postmaster() {
        String port = Integer.toString(pg.port());
        return ProcessHandle.allProcesses().filter(p -> p.info().command().map(c -> c.endsWith("/postgres")).orElse(false))
                .filter(p -> p.info().arguments().map(a -> List.of(a).contains(port)).orElse(false)).findFirst();
    }

    /** CPU seconds used so far by a process and its descendants (live ones, and the ones it has reaped). */
    static double cpuSeconds(ProcessHandle p) {
        if (p.pid() == ProcessHandle.current().pid()) {
            return ticks(p.pid(), false) / 100.0; // the bench alone: the service and the broker are its children
        }
        double ticks = ticks(p.pid(), true);
        for (ProcessHandle d : p.descendants().toList()) {
            ticks += ticks(d.pid(), false);
        }
        return ticks / 100.0; // USER_HZ
    }

    private static double ticks(long pid, boolean withReaped) {
        try {
            String[] f = statFields(Files.readString(Path.of("/proc", Long.toString(pid), "stat")));
            double t = Double.parseDouble(f[11]) + Double.parseDouble(f[12]); // utime, stime
            return withReaped ? t + Double.parseDouble(f[13]) + Double.parseDouble(f[14]) : t;
        } catch (IOException | RuntimeException gone) {
            return 0;
        }
    }

    /** CPU ticks of the service's JIT compiler threads, by thread id, and of the whole process, at one moment. */
    record CompilerSample(Map<String, Long> compilerThreads, long process) {
    }

    /**
     * CPU ticks of the service's JIT compiler threads (C1, C2) and of the whole process, so far: while the compiler
     * still takes a good share, the service is not warm and its figures would count compilation as the cost of a
     * create. The process total comes from /proc/PID/stat, which keeps the time of threads that ended (pool threads
     * and compiler threads come and go; summing the live threads once lost their time and gave shares of 4,900 %).
     */
    CompilerSample compilerTicks() {
        Map<String, Long> compiler = new HashMap<>();
        long process = 0;
        try (var tasks = Files.list(Path.of("/proc", Long.toString(service.pid()), "task"))) {
            for (Path t : tasks.toList()) {
                try {
                    if (Files.readString(t.resolve("comm")).contains("CompilerThre")) {
                        compiler.put(t.getFileName().toString(), ticks(Files.readString(t.resolve("stat"))));
                    }
                } catch (IOException | RuntimeException gone) {
                    // a thread that ended meanwhile
                }
            }
            process = ticks(Files.readString(Path.of("/proc", Long.toString(service.pid()), "stat")));
        } catch (IOException | RuntimeException e) {
            // the service is gone: nothing to count
        }
        return new CompilerSample(compiler, process);
    }

    private static long ticks(String stat) {
        String[] f = statFields(stat);
        return Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime
    }

    /** The fields of a /proc stat line after the command name (11 utime, 12 stime, 13 cutime, 14 cstime). */
    private static String[] statFields(String stat) {
        return stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    }

    /**
     * The compiler's share of the service's CPU between two {@link #compilerTicks()} readings: what each compiler
     * thread alive at the second reading used since the first (all of it for a thread started meanwhile).
     */
    static double compilerShare(CompilerSample before, CompilerSample after) {
        long compiler = 0;
        for (Map.Entry<String, Long> t : after.compilerThreads().entrySet()) {
            compiler += t.getValue() - before.compilerThreads().getOrDefault(t.getKey(), 0L);
        }
        return compiler / (double) Math.max(1, after.process() - before.process());
    }

    /** Busy and total jiffies of the whole machine (/proc/stat). */
    static long[] machine() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < f.length; i++) {
                total += Long.parseLong(f[i]);
            }
            long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
            return new long[] { total - idle, total };
        } catch (IOException e) {
            return new long[] { 0, 1 };
        }
    }

    /** CPU use over a phase: percent of one core per process, and the machine's busy share of all cores. */
    final class Cpu {
        private final Map<String, ProcessHandle> procs = processes();
        private final Map<String, Double> start = new LinkedHashMap<>();
        private final long[] machineStart = machine();
        private final long t0 = System.nanoTime();

        Cpu() {
            procs.forEach((n, p) -> start.put(n, cpuSeconds(p)));
        }

        private double seconds;

        /** Seconds between start and stop. */
        double seconds() {
            return seconds;
        }

        /** name -> % of one core; "machine" -> % of all cores busy. */
        Map<String, Double> stop() {
            double secs = (System.nanoTime() - t0) / 1e9;
            seconds = secs;
            Map<String, Double> r = new LinkedHashMap<>();
            procs.forEach((n, p) -> r.put(n, 100 * (cpuSeconds(p) - start.get(n)) / secs));
            long[] m = machine();
            r.put("machine", 100.0 * (m[0] - machineStart[0]) / Math.max(1, m[1] - machineStart[1]));
            return r;
        }
    }

    static String describe(Map<String, Double> cpu) {
        StringBuilder b = new StringBuilder();
        cpu.forEach((n, v) -> b.append(String.format("%s %.0f%%  ", n, v)));
        return b.toString().strip();
    }

    static double loadAverage() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        } catch (IOException e) {
            return Double.NaN;
        }
    }

    static double percentile(List<Double> values, int p) {
        List<Double> s = new ArrayList<>(values);
        Collections.sort(s);
        if (s.isEmpty()) {
            return Double.NaN;
        }
        int i = (int) Math.ceil(p / 100.0 * s.size()) - 1;
        return s.get(Math.max(0, Math.min(s.size() - 1, i)));
    }

    /**
     * One result line for bench/run-all when BENCH_RESULTS names a file:
     * metric, value, unit, baseline name, baseline value, ratio, target, met|not met (tab-separated).
     */
    static void result(String metric, double value, String unit, String baselineName, double baseline, String target,
            boolean met) {
        String file = System.getenv("BENCH_RESULTS");
        double ratio = baseline > 0 ? value / baseline : Double.NaN;
        String line = String.join("\t", metric, fmt(value), unit, baselineName == null ? "" : baselineName,
                baselineName == null ? "" : fmt(baseline), baselineName == null ? "" : String.format("%.2f", ratio),
                target == null ? "" : target, target == null ? "" : met ? "met" : "not met");
        System.out.println("RESULT\t" + line);
        if (file != null && !file.isBlank()) {
            try {
                Files.writeString(Path.of(file), line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND);
            } catch (IOException e) {
                System.err.println("cannot append to BENCH_RESULTS " + file + ": " + e);
            }
        }
    }

    private static String fmt(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e12 ? Long.toString((long) v) : String.format("%.2f", v);
    }

    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        service.destroy();
        try {
            service.waitFor(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        service.destroyForcibly();
        try {
            kafka.resume(); // in case a phase left it paused
        } catch (RuntimeException notRunning) {
            // nothing to resume
        }
        kafka.stop(Duration.ofSeconds(20));
        pg.close();
    }
}
