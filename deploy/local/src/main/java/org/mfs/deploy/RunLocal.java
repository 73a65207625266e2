package org.mfs.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;

/**
 * {@code deploy/run-local}: reads the environment and flags, starts the {@link LocalStack}, prints its banner and
 * stops it on Ctrl-C, SIGTERM or SIGHUP; {@code deploy/run-local events <topic>} follows topics ({@link EventTail}).
 */
public final class RunLocal {

    private RunLocal() {
    }

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("events")) {
            EventTail.main(java.util.Arrays.copyOfRange(args, 1, args.length), System.getenv());
            return;
        }
        StackConfig config;
        try {
            config = StackConfig.fromEnvironment(System.getenv(), args);
        } catch (StackException e) {
            System.err.println("run-local: " + e.getMessage() + " (see --help)");
            System.exit(e.exitCode());
            return;
        }
        if (config.help()) {
            System.out.print(help());
            return;
        }
        try {
            Files.createDirectories(config.logDir());
        } catch (IOException e) {
            System.err.println("run-local: cannot create " + config.logDir() + ": " + e.getMessage());
            System.exit(StackException.USAGE);
        }
        LocalStack.logLibrariesTo(config.logDir().resolve("launcher.log"));

        LocalStack stack = new LocalStack(config, System.out);
        Runtime.getRuntime().addShutdownHook(new Thread(stack::stop, "local-stack-stop"));
        onSignals(() -> {
            stack.progress("Signal received.");
            stack.stop();
            System.exit(0);
        });
        stack.progress("MFS local stack: repository " + config.repoRoot() + ", data " + config.dataDir());
        try {
            stack.start();
        } catch (StackException e) {
            if (stack.stopRequested()) {
                return; // the signal handler stops and exits
            }
            System.exit(e.exitCode());
            return;
        }
        System.out.println();
        System.out.println(stack.banner());
        System.out.flush();
        stack.awaitShutdown();
        System.exit(0);
    }

    /**
     * Stops in order on SIGINT, SIGTERM and SIGHUP before the JVM's shutdown hooks run (embedded PostgreSQL
     * registers its own hook, which would otherwise stop the database while the services still run).
     */
    @SuppressWarnings("restriction")
    private static void onSignals(Runnable handler) {
        for (String name : List.of("INT", "TERM", "HUP")) {
            try {
                sun.misc.Signal.handle(new sun.misc.Signal(name), sig -> new Thread(handler, "local-stack-signal").start());
            } catch (IllegalArgumentException ignoredOrUnavailable) {
                // ignored by the parent (a background job) or unknown here: the shutdown hook still stops everything
            }
        }
    }

    static String help() {
        try (InputStream in = RunLocal.class.getResourceAsStream("/org/mfs/deploy/help.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException | NullPointerException e) {
            return "see deploy/local/src/main/resources/org/mfs/deploy/help.txt\n";
        }
    }
}
