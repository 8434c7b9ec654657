package io.strategos.executor.outbox;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.quarkus.scheduler.Scheduled;
import io.strategos.executor.sql.UnflushedCommit;
import io.strategos.model.event.StrategyEvent;
import io.strategos.model.tracing.Traceparent;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Publishes the outbox to Kafka, oldest first, and deletes what Kafka has acknowledged.
 *
 * <p>One replica relays at a time: it holds a PostgreSQL advisory lock while it works, so the
 * events of a strategy leave in the order they were written. Delivery is at least once (a crash
 * between Kafka's acknowledgement and the delete sends a batch again); consumers deduplicate by
 * event id. While Kafka is down nothing is deleted, and everything goes out when it returns.
 *
 * <p>The sending of each event that carries a {@code traceparent} is a PRODUCER span, a child of that
 * stored context, from the send to Kafka's acknowledgement; the Kafka header carries the span's own
 * context, so the notifier's span is its child, in the same trace.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    /** Arbitrary, but the same in every replica: the key of the relay's advisory lock. */
    private static final long RELAY_LOCK = 0x5354_5241_5445_474FL;

    private static final String NEXT_BATCH = """
            SELECT id, message_key, payload, traceparent
              FROM outbox_events
             ORDER BY id
             LIMIT $1
            """;

    // What Kafka acknowledged, deleted without waiting for the disk (UnflushedCommit): lost in a crash,
    // those events only go out again, which consumers drop by event id.
    private static final String DELETE_ACKNOWLEDGED = """
            WITH %s
            DELETE FROM outbox_events USING %s WHERE id = ANY($1)
            """.formatted(UnflushedCommit.CTE, UnflushedCommit.NAME);

    private final Pool pool;
    private final Producer<String, String> producer;
    private final int batchSize;
    private final Tracer tracer;

    public OutboxRelay(Pool pool, Producer<String, String> producer,
                       @ConfigProperty(name = "strategos.outbox.batch-size") int batchSize, Tracer tracer) {
        this.pool = pool;
        this.producer = producer;
        this.batchSize = batchSize;
        this.tracer = tracer;
    }

    @Scheduled(every = "${strategos.outbox.poll-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void relay() {
        SqlConnection conn = pool.getConnection().await().indefinitely();
        try {
            boolean locked = conn.preparedQuery("SELECT pg_try_advisory_lock($1) AS locked").execute(Tuple.of(RELAY_LOCK))
                    .await().indefinitely().iterator().next().getBoolean("locked");
            if (!locked) {
                return;
            }
            try {
                while (relayBatch(conn) == batchSize) {
                    // a full batch: there may be more waiting
                }
            } finally {
                conn.preparedQuery("SELECT pg_advisory_unlock($1)").execute(Tuple.of(RELAY_LOCK)).await().indefinitely();
            }
        } finally {
            conn.closeAndAwait();
        }
    }

    private static boolean failedAlready(Future<RecordMetadata> send) {
        return send.isDone() && send.state() == Future.State.FAILED;
    }

    /** @return how many events were published */
    private int relayBatch(SqlConnection conn) {
        RowSet<Row> rows = conn.preparedQuery(NEXT_BATCH).execute(Tuple.of(batchSize)).await().indefinitely();
        List<Long> ids = new ArrayList<>(rows.size());
        List<Future<RecordMetadata>> sends = new ArrayList<>(rows.size());
        List<Span> spans = new ArrayList<>(rows.size());
        for (Row row : rows) {
            ProducerRecord<String, String> record = new ProducerRecord<>(StrategyEvent.TOPIC, row.getString("message_key"),
                    row.getString("payload"));
            record.headers().add("content-type", StrategyEvent.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
            Span span = sendSpan(row);
            String traceparent = Traceparent.of(span);
            if (traceparent != null) {
                record.headers().add(Traceparent.HEADER, traceparent.getBytes(StandardCharsets.UTF_8));
            }
            Future<RecordMetadata> send;
            try {
                send = producer.send(record);
            } catch (KafkaException e) {
                span.setStatus(StatusCode.ERROR, e.getMessage()).end();
                LOG.warnf("Kafka is unavailable (%s); %d events wait in the outbox", e.getMessage(), rows.size() - ids.size());
                break;
            }
            if (failedAlready(send)) {
                // Refused before it was queued (no metadata while Kafka is away): sending the events
                // behind it now could let them overtake it, so they wait too.
                span.setStatus(StatusCode.ERROR, "Kafka is unavailable").end();
                LOG.warnf("Kafka is unavailable; %d events wait in the outbox", rows.size() - ids.size());
                break;
            }
            sends.add(send);
            spans.add(span);
            ids.add(row.getLong("id"));
        }
        // Wait for every queued send, and delete what Kafka acknowledged. Once queued, the idempotent
        // producer fails a partition's later records when an earlier one fails, so what is acknowledged
        // is, per partition, a prefix: resending the rest keeps each strategy's events in order.
        List<Long> acknowledged = new ArrayList<>(sends.size());
        String failure = null;
        for (int i = 0; i < sends.size(); i++) {
            Span span = spans.get(i);
            try {
                sends.get(i).get();
                acknowledged.add(ids.get(i));
            } catch (ExecutionException e) {
                failure = e.getCause().getMessage();
                span.setStatus(StatusCode.ERROR, failure);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                spans.subList(i + 1, spans.size()).forEach(Span::end);
                return 0;
            } finally {
                span.end();
            }
        }
        if (failure != null) {
            LOG.warnf("Kafka did not take %d outbox event(s) (%s); they stay in the outbox", sends.size() - acknowledged.size(), failure);
        }
        if (!acknowledged.isEmpty()) {
            conn.preparedQuery(DELETE_ACKNOWLEDGED).execute(Tuple.of(acknowledged.toArray(Long[]::new)))
                    .await().indefinitely();
        }
        return acknowledged.size() == rows.size() ? acknowledged.size() : 0;
    }

    /**
     * The span of one event's send, continuing the trace its row stored; an invalid span (no header
     * sent) when it stored none. Unsampled, the span only has ids: it records nothing.
     */
    private Span sendSpan(Row row) {
        String stored = row.getString("traceparent");
        if (stored == null) {
            return Span.getInvalid();
        }
        Span span = tracer.spanBuilder(StrategyEvent.TOPIC + " send")
                .setParent(Traceparent.parent(stored))
                .setSpanKind(SpanKind.PRODUCER)
                .startSpan();
        if (span.isRecording()) {
            span.setAttribute("messaging.system", "kafka");
            span.setAttribute("messaging.destination.name", StrategyEvent.TOPIC);
            span.setAttribute("messaging.operation.type", "send");
            span.setAttribute("messaging.kafka.message.key", row.getString("message_key"));
            span.setAttribute("strategos.outbox.id", row.getLong("id"));
        }
        if (LOG.isDebugEnabled()) {
            // With the span current, the line carries its ids: the link between the change's trace and the notifier's span.
            try (Scope ignored = span.makeCurrent()) {
                LOG.debugf("sending outbox event %d, continuing %s", row.getLong("id"), stored);
            }
        }
        return span;
    }
}
