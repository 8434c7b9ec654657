package io.strategos.model.tracing;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The W3C {@code traceparent} an event carries from the change that made it (stored with its outbox
 * row, sent as a Kafka header), so that whoever handles the event continues that change's trace.
 * Only the trace context travels, not baggage: the events are the contract between the services.
 */
public final class Traceparent {

    /** The header's name, in the outbox column, in Kafka headers and in HTTP. */
    public static final String HEADER = "traceparent";

    private static final W3CTraceContextPropagator W3C = W3CTraceContextPropagator.getInstance();

    private static final TextMapGetter<String> SINGLE = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(String carrier) {
            return List.of(HEADER);
        }

        @Override
        public String get(String carrier, String key) {
            return HEADER.equals(key) ? carrier : null;
        }
    };

    private Traceparent() {
    }

    /** @return the current span's traceparent, or null when there is no valid span (tracing disabled) */
    public static String current() {
        return of(Span.current());
    }

    /** @return the span's traceparent, or null when it has no valid context (tracing disabled) */
    public static String of(Span span) {
        SpanContext context = span.getSpanContext();
        if (!context.isValid()) {
            return null;
        }
        Map<String, String> carrier = new HashMap<>(2);
        W3C.inject(Context.root().with(span), carrier, Map::put);
        return carrier.get(HEADER);
    }

    /** @return a context whose parent is the given traceparent; the root context when it is null or malformed */
    public static Context parent(String traceparent) {
        if (traceparent == null) {
            return Context.root();
        }
        return W3C.extract(Context.root(), traceparent, SINGLE);
    }
}
