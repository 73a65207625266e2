package org.mfs.minerals.service.imports;

import java.time.Duration;

import org.mfs.platform.problem.ProblemException;

/** An import refused for now because others are running: 429 with a {@code Retry-After}. */
public final class ImportRefused extends ProblemException {

    private final Duration retryAfter;

    public ImportRefused(String detail, Duration retryAfter) {
        super(429, "imports-busy", "Too many imports at once", detail, null);
        this.retryAfter = retryAfter;
    }

    /** Whole seconds, at least 1. */
    public long retryAfterSeconds() {
        return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
    }
}
