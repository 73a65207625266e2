package org.mfs.gateway.routing;

/**
 * The gateway could not get an answer from a service. Only these count as failures for the service's circuit
 * breaker; the service's own error answers (a 503 of its own, a 4xx) are answers and pass through.
 */
final class UpstreamFailure extends RuntimeException {

    enum Kind {
        /** No connection within the connect timeout (refused, unroutable, or the pool stayed full): not delivered. */
        UNREACHABLE,
        /** Sent, but no response headers within the response timeout: it may or may not have been applied. */
        TIMEOUT,
        /** The connection broke after the request was sent, before the answer: it may or may not have been applied. */
        BROKEN
    }

    private final Kind kind;

    UpstreamFailure(Kind kind, Throwable cause) {
        super(kind.name(), cause, false, false);
        this.kind = kind;
    }

    Kind kind() {
        return kind;
    }
}
