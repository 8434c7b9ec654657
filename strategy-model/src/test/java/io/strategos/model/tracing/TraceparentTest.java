package io.strategos.model.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import org.junit.jupiter.api.Test;

class TraceparentTest {

    private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String SPAN = "00f067aa0ba902b7";

    @Test
    void aSpanIsWrittenAsW3cTraceparentAndReadBack() {
        Span span = Span.wrap(SpanContext.create(TRACE, SPAN, TraceFlags.getSampled(), TraceState.getDefault()));
        String header = Traceparent.of(span);
        assertThat(header).isEqualTo("00-" + TRACE + "-" + SPAN + "-01");

        SpanContext parent = Span.fromContext(Traceparent.parent(header)).getSpanContext();
        assertThat(parent.isValid()).isTrue();
        assertThat(parent.isRemote()).isTrue();
        assertThat(parent.getTraceId()).isEqualTo(TRACE);
        assertThat(parent.getSpanId()).isEqualTo(SPAN);
        assertThat(parent.isSampled()).isTrue();
    }

    @Test
    void anUnsampledSpanKeepsItsIdsAndItsFlag() {
        Span span = Span.wrap(SpanContext.create(TRACE, SPAN, TraceFlags.getDefault(), TraceState.getDefault()));
        assertThat(Traceparent.of(span)).isEqualTo("00-" + TRACE + "-" + SPAN + "-00");
    }

    @Test
    void withoutTracingThereIsNoTraceparent() {
        assertThat(Traceparent.of(Span.getInvalid())).isNull();
        assertThat(Traceparent.current()).isNull();
    }

    @Test
    void aMissingOrMalformedTraceparentStartsNoTrace() {
        assertThat(Span.fromContext(Traceparent.parent(null)).getSpanContext().isValid()).isFalse();
        assertThat(Span.fromContext(Traceparent.parent("not-a-traceparent")).getSpanContext().isValid()).isFalse();
    }
}
