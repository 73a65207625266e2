package org.mfs.gateway.routing;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * The correlation id of a request ({@code X-Request-Id}): taken from the client when it is well formed (1-128 of
 * letters, digits and {@code . _ : -}), generated (a UUID) when absent; a malformed one is a 400. It is passed to the
 * service, returned to the client and written in every log line of the request (MDC key {@code requestId}).
 */
public final class RequestIds {

    public static final String HEADER = "X-Request-Id";
    public static final String MDC_KEY = "requestId";
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private RequestIds() {
    }

    /** The id to use, or null when the client sent a malformed one. */
    static String resolve(String sent) {
        if (sent == null) {
            return generate();
        }
        return VALID.matcher(sent).matches() ? sent : null;
    }

    /**
     * A random (version 4) UUID from the thread's own generator: a correlation id needs to be unique, not
     * unguessable, and {@code UUID.randomUUID()} would serialise every request on one shared SecureRandom.
     */
    static String generate() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = random.nextLong() & ~0xF000L | 0x4000L;
        long low = random.nextLong() & 0x3FFFFFFFFFFFFFFFL | 0x8000000000000000L;
        return new UUID(high, low).toString();
    }
}
