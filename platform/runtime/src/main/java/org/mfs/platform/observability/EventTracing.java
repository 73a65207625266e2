package org.mfs.platform.observability;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.jboss.logging.MDC;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;

/**
 * Trace context and correlation id across the outbox and Kafka (ADR 16). An event written to the outbox takes the
 * current trace context ({@code traceparent}, W3C) and the request's correlation id ({@code X-Request-Id}, MDC key
 * {@code requestId}); the relay sends them as the headers {@link #TRACEPARENT_HEADER} (CloudEvents distributed
 * tracing extension) and {@link #REQUEST_ID_HEADER}. A platform consumer handles each record in a span that continues
 * the producer's trace and with the producer's correlation id in the MDC, so its log lines and the events its handler
 * writes carry both.
 */
@ApplicationScoped
public class EventTracing {

    public static final String TRACEPARENT_HEADER = "ce_traceparent";
    public static final String TRACESTATE_HEADER = "ce_tracestate";
    public static final String REQUEST_ID_HEADER = "ce_requestid";
    /** The MDC keys Quarkus' OpenTelemetry support uses for the current span. */
    static final String MDC_TRACE_ID = "traceId";
    static final String MDC_SPAN_ID = "spanId";
    private static final Pattern VALID_REQUEST_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private static final TextMapGetter<ConsumerRecord<?, ?>> KAFKA_HEADERS = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(ConsumerRecord<?, ?> carrier) {
            return java.util.List.of("traceparent", "tracestate");
        }

        @Override
        public String get(ConsumerRecord<?, ?> carrier, String key) {
            return carrier == null ? null : header(carrier, "ce_" + key);
        }
    };

    private final TextMapPropagator propagator;
    private final Tracer tracer;

    public EventTracing(OpenTelemetry openTelemetry) {
        this.propagator = openTelemetry.getPropagators().getTextMapPropagator();
        this.tracer = openTelemetry.getTracer("org.mfs.platform");
    }

    /** The W3C {@code traceparent} of the current span, or null outside a trace. */
    public String currentTraceparent() {
        if (!Span.current().getSpanContext().isValid()) {
            return null;
        }
        Map<String, String> carrier = new HashMap<>(4);
        propagator.inject(Context.current(), carrier, Map::put);
        return carrier.get("traceparent");
    }

    /** The correlation id of the request or consumed event being handled, or null. */
    public static String currentRequestId() {
        Object id = MDC.get(RequestIdLogging.MDC_KEY);
        return id instanceof String s && VALID_REQUEST_ID.matcher(s).matches() ? s : null;
    }

    /**
     * Starts the span in which a consumer handles a record, child of the record's {@code ce_traceparent} (a new trace
     * when it has none), and puts the record's correlation id and the span's ids into the MDC; close it when done.
     */
    public Handling consuming(ConsumerRecord<?, ?> record, String consumer) {
        Context parent = propagator.extract(Context.root(), record, KAFKA_HEADERS);
        Span span = tracer.spanBuilder(record.topic() + " process").setParent(parent).setSpanKind(SpanKind.CONSUMER)
                .setAttribute("messaging.system", "kafka")
                .setAttribute("messaging.operation", "process")
                .setAttribute("messaging.destination.name", record.topic())
                .setAttribute("messaging.consumer.group.name", consumer)
                .setAttribute("messaging.kafka.offset", record.offset())
                .startSpan();
        String requestId = header(record, REQUEST_ID_HEADER);
        return new Handling(span, span.makeCurrent(),
                requestId != null && VALID_REQUEST_ID.matcher(requestId).matches() ? requestId : null);
    }

    /** The span and MDC entries of one record being handled; closing ends the span and clears the entries. */
    public static final class Handling implements AutoCloseable {
        private final Span span;
        private final io.opentelemetry.context.Scope scope;

        Handling(Span span, io.opentelemetry.context.Scope scope, String requestId) {
            this.span = span;
            this.scope = scope;
            SpanContext ctx = span.getSpanContext();
            put(RequestIdLogging.MDC_KEY, requestId);
            put(MDC_TRACE_ID, ctx.isValid() ? ctx.getTraceId() : null);
            put(MDC_SPAN_ID, ctx.isValid() ? ctx.getSpanId() : null);
        }

        /** Marks the span failed (the record was dead-lettered or will be retried later). */
        public void failed(String reason) {
            span.setStatus(io.opentelemetry.api.trace.StatusCode.ERROR, reason);
        }

        @Override
        public void close() {
            MDC.remove(RequestIdLogging.MDC_KEY);
            MDC.remove(MDC_TRACE_ID);
            MDC.remove(MDC_SPAN_ID);
            scope.close();
            span.end();
        }

        private static void put(String key, String value) {
            if (value == null) {
                MDC.remove(key);
            } else {
                MDC.put(key, value);
            }
        }
    }

    private static String header(ConsumerRecord<?, ?> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
