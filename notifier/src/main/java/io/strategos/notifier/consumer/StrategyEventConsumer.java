package io.strategos.notifier.consumer;

import io.micrometer.core.instrument.Counter;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.strategos.notifier.consumer.EventDecoder.Poison;
import io.strategos.notifier.consumer.EventDecoder.Valid;
import io.strategos.notifier.service.ConsumedEvent;
import io.strategos.model.event.StrategyEvent;
import io.strategos.model.tracing.Traceparent;
import io.strategos.notifier.service.NotificationService;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Consumes {@code strategy-events} a polled batch at a time: the batch's events are applied in one
 * transaction, and its offsets are committed only after that transaction. Records that cannot be
 * understood, or that the database refuses, go to the dead-letter topic, and consumption carries on.
 */
@ApplicationScoped
public class StrategyEventConsumer {

    private static final Logger LOG = Logger.getLogger(StrategyEventConsumer.class);
    private static final Duration RETRY_FIRST_DELAY = Duration.ofMillis(200);
    private static final Duration RETRY_MAX_DELAY = Duration.ofSeconds(10);

    private final EventDecoder decoder;
    private final DeadLetterPublisher deadLetters;
    private final NotificationService notifications;
    private final Tracer tracer;

    private final Counter applied;
    private final Counter duplicates;
    private final Counter deadLettered;
    private final Timer lag;

    public StrategyEventConsumer(EventDecoder decoder, DeadLetterPublisher deadLetters, NotificationService notifications,
                                 MeterRegistry registry, Tracer tracer) {
        this.decoder = decoder;
        this.deadLetters = deadLetters;
        this.notifications = notifications;
        this.tracer = tracer;
        // strategos_notifier_events_total{outcome}: what became of each consumed event.
        this.applied = outcome(registry, "applied");
        this.duplicates = outcome(registry, "duplicate");
        this.deadLettered = outcome(registry, "dead_lettered");
        this.lag = Timer.builder("strategos.notifier.event.lag")
                .description("From an event's time to the commit of the notifications it created")
                .publishPercentileHistogram().register(registry);
    }

    private static Counter outcome(MeterRegistry registry, String outcome) {
        return Counter.builder("strategos.notifier.events").tag("outcome", outcome)
                .description("Consumed strategy events, by what became of them").register(registry);
    }

    @Incoming("strategy-events")
    public Uni<Void> consume(ConsumerRecords<String, String> records) {
        List<Received> events = new ArrayList<>(records.count());
        List<Uni<Void>> deadLetterings = new ArrayList<>();
        for (ConsumerRecord<String, String> record : records) {
            switch (decoder.decode(record.value())) {
                case Valid valid -> events.add(new Received(record, valid.event()));
                case Poison poison -> deadLetterings.add(deadLetter(record, poison.reason()));
            }
        }
        return inOrder(deadLetterings).flatMap(ignored -> events.isEmpty() ? Uni.createFrom().voidItem() : applyTraced(events));
    }

    /**
     * Applies the events inside a span of each trace they came with (the {@code traceparent} header the
     * relay copied from the outbox): one transaction applies events of several changes, and each
     * change's trace shows it. Events without the header share one new trace.
     */
    private Uni<Void> applyTraced(List<Received> events) {
        Map<String, List<Received>> byTrace = new LinkedHashMap<>();
        for (Received event : events) {
            Header header = event.record().headers().lastHeader(Traceparent.HEADER);
            String traceparent = header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
            byTrace.computeIfAbsent(traceparent, ignored -> new ArrayList<>()).add(event);
        }
        return Uni.createFrom().deferred(() -> {
            Map<String, Span> spans = new LinkedHashMap<>();
            byTrace.forEach((traceparent, traced) -> spans.put(traceparent, tracer.spanBuilder(StrategyEvent.TOPIC + " process")
                    .setParent(Traceparent.parent(traceparent))
                    .setSpanKind(SpanKind.CONSUMER)
                    .setAttribute("messaging.system", "kafka")
                    .setAttribute("messaging.destination.name", StrategyEvent.TOPIC)
                    .setAttribute("messaging.operation.type", "process")
                    .setAttribute("messaging.batch.message_count", (long) traced.size())
                    .startSpan()));
            return apply(events).onTermination().invoke((ignored, failure, cancelled) -> byTrace.forEach((traceparent, traced) -> {
                Span span = spans.get(traceparent);
                try (Scope current = span.makeCurrent()) {
                    if (failure != null) {
                        span.setStatus(StatusCode.ERROR, failure.getMessage());
                    } else if (!cancelled) {
                        // With the span current, this line carries the trace id of the change the events came from;
                        // the parent it names shows the link even when the trace is not sampled.
                        LOG.debugf("applied %s, continuing %s",
                                traced.stream().map(e -> e.event().type().typeName() + " " + e.event().id()).toList(), traceparent);
                    }
                } finally {
                    span.end();
                }
            }));
        });
    }

    private Uni<Void> deadLetter(ConsumerRecord<String, String> record, String reason) {
        LOG.warnf("dead-lettering %s-%d@%d: %s", record.topic(), record.partition(), record.offset(), reason);
        return deadLetters.publish(record, reason).invoke(() -> deadLettered.increment())
                .onFailure().invoke(e -> LOG.warnf("dead-lettering failed, retrying: %s", e.getMessage()))
                .onFailure().retry().withBackOff(RETRY_FIRST_DELAY, RETRY_MAX_DELAY).indefinitely();
    }

    /**
     * Applies the events in one transaction. When the database refuses the data itself (an event it
     * cannot store), the events are applied one by one instead and the one refused goes to the
     * dead-letter topic, so one bad event neither stops its partition nor takes others with it. Any
     * other failure is the database's, not the events': retry, holding the partitions, so nothing is
     * skipped and each strategy's events stay in order.
     */
    private Uni<Void> apply(List<Received> events) {
        return applyTogether(events)
                .onFailure(StrategyEventConsumer::refusedData).recoverWithUni(refusal -> events.size() == 1
                        ? deadLetter(events.getFirst().record(), "refused by the database: " + refusal.getMessage())
                        : inOrder(events.stream().map(event -> apply(List.of(event))).toList()))
                .onFailure().invoke(e -> LOG.warnf("applying %d events failed, retrying: %s", events.size(), e.getMessage()))
                .onFailure().retry().withBackOff(RETRY_FIRST_DELAY, RETRY_MAX_DELAY).indefinitely();
    }

    private Uni<Void> applyTogether(List<Received> events) {
        return notifications.apply(events.stream().map(Received::event).toList())
                .invoke(fresh -> {
                    applied.increment(fresh.size());
                    duplicates.increment(events.size() - fresh.size());
                    Instant committedAt = Instant.now();
                    fresh.stream().map(event -> event.event().time()).filter(Objects::nonNull)
                            .map(time -> Duration.between(time, committedAt)).filter(lagged -> !lagged.isNegative())
                            .forEach(lag::record);
                })
                .replaceWithVoid();
    }

    /**
     * Whether PostgreSQL refused the statement for the data in it (SQLSTATE class 22, data exception;
     * 23, integrity constraint violation; 54, program limit exceeded), which no retry changes. A
     * unique violation is not: it is another replica having applied the same event meanwhile, and the
     * retry finds it processed.
     */
    static boolean refusedData(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof PgException pg && pg.getSqlState() != null) {
                String state = pg.getSqlState();
                return state.startsWith("22") || state.startsWith("54") || (state.startsWith("23") && !state.equals("23505"));
            }
        }
        return false;
    }

    private static Uni<Void> inOrder(List<Uni<Void>> steps) {
        return Multi.createFrom().iterable(steps).onItem().transformToUniAndConcatenate(step -> step).collect().last().replaceWithVoid();
    }

    /** A record and the event it holds. */
    private record Received(ConsumerRecord<String, String> record, ConsumedEvent event) {
    }
}
