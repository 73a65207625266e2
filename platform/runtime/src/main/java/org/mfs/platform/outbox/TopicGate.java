package org.mfs.platform.outbox;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Topics the relay currently cannot publish to (missing, deleted, denied), each with its own exponential backoff.
 * Rows of a suspended topic, and every later row of the same aggregates, are left out of the claim until the
 * topic's next attempt, so one bad topic never holds back other topics or aggregates.
 */
final class TopicGate {

    private record Suspension(long untilNanos, Duration backoff, String reason) {
    }

    private final Duration minBackoff;
    private final Duration maxBackoff;
    private final Map<String, Suspension> suspended = new HashMap<>();

    TopicGate(Duration minBackoff, Duration maxBackoff) {
        this.minBackoff = minBackoff;
        this.maxBackoff = maxBackoff;
    }

    /** Topics whose next attempt is not due yet. */
    synchronized List<String> suspendedNow() {
        long now = System.nanoTime();
        return suspended.entrySet().stream().filter(e -> e.getValue().untilNanos() - now > 0).map(Map.Entry::getKey)
                .sorted().toList();
    }

    synchronized boolean isSuspended(String topic) {
        Suspension s = suspended.get(topic);
        return s != null && s.untilNanos() - System.nanoTime() > 0;
    }

    /** The topic failed: its next attempt waits twice as long as the last one (from min to max backoff). */
    synchronized void failed(String topic, String reason) {
        Suspension previous = suspended.get(topic);
        Duration backoff = previous == null ? minBackoff : previous.backoff().multipliedBy(2);
        if (backoff.compareTo(maxBackoff) > 0) {
            backoff = maxBackoff;
        }
        suspended.put(topic, new Suspension(System.nanoTime() + backoff.toNanos(), backoff, reason));
    }

    synchronized void succeeded(String topic) {
        suspended.remove(topic);
    }

    /** Time until the earliest suspended topic may be tried again, if any topic is suspended. */
    synchronized Optional<Duration> nextAttemptIn() {
        long now = System.nanoTime();
        return suspended.values().stream().map(s -> Math.max(0, s.untilNanos() - now)).min(Long::compare)
                .map(Duration::ofNanos);
    }

    /** Suspended topics with the reason of their last failure (for readiness data). */
    synchronized Map<String, String> reasons() {
        Map<String, String> out = new HashMap<>();
        suspended.forEach((topic, s) -> out.put(topic, s.reason()));
        return out;
    }
}
