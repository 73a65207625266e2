package org.mfs.gateway.routing;

/**
 * An exchange ended for a reason that says nothing about the service's health (the body was over the route's
 * limit, the client went away): it is not counted by the circuit breaker.
 */
final class ExchangeAborted extends RuntimeException {

    enum Reason {
        BODY_TOO_LARGE, CLIENT_GONE
    }

    private final Reason reason;

    ExchangeAborted(Reason reason) {
        super(reason.name(), null, false, false);
        this.reason = reason;
    }

    Reason reason() {
        return reason;
    }
}
