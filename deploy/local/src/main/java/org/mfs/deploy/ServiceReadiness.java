package org.mfs.deploy;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.stream.Stream;

/** Waiting for started services to answer ready on {@code /q/health/ready}, polling twice a second. */
final class ServiceReadiness {

    private static final int LOG_TAIL_LINES = 60;

    private ServiceReadiness() {
    }

    /**
     * Returns once every process in {@code started} answers ready; throws with the tail of its log when one exits,
     * says it failed to start, or is not ready within {@code timeout}.
     */
    static void await(List<ServiceProcess> started, HttpClient http, Duration timeout, Consumer<String> progress,
            Runnable checkNotStopping) {
        List<ServiceProcess> pending = new ArrayList<>(started);
        while (!pending.isEmpty()) {
            checkNotStopping.run();
            for (ServiceProcess p : List.copyOf(pending)) {
                if (p.isReady(http)) {
                    progress.accept(String.format(Locale.ROOT, "  %-30s ready in %4.1f s  http://localhost:%d", p.spec().name(),
                            p.uptime().toMillis() / 1000.0, p.port()));
                    pending.remove(p);
                } else if (!p.isAlive()) {
                    throw notReady(p, p.spec().name() + " exited with code " + p.exitCode() + " while starting");
                } else if (p.saidItFailedToStart()) {
                    throw notReady(p, p.spec().name() + " failed to start");
                } else if (p.uptime().compareTo(timeout) > 0) {
                    throw notReady(p, p.spec().name() + " was not ready within " + timeout.toSeconds()
                            + " s (GET http://127.0.0.1:" + p.port() + "/q/health/ready)");
                }
            }
            if (!pending.isEmpty()) {
                sleep(500);
            }
        }
    }

    private static StackException notReady(ServiceProcess p, String what) {
        String tail = p.tail(LOG_TAIL_LINES);
        return new StackException(StackException.START_FAILED, what + "; the last lines of " + p.log() + ":"
                + System.lineSeparator() + indent(tail));
    }

    private static String indent(String text) {
        return String.join(System.lineSeparator(), Stream.of(text.split("\\R")).map(l -> "    | " + l).toList());
    }

    /** Pauses between two polls; an interrupt ends the wait with a {@link StackException}. */
    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException(StackException.START_FAILED, "interrupted");
        }
    }
}
