-- The W3C traceparent of the change that wrote the event (strategy-api's request, executor-worker's
-- run), so the relay sends it as a Kafka header and the notifier continues that trace. Null when the
-- writer had no trace (rows written before this version, or tracing disabled).
ALTER TABLE outbox_events ADD COLUMN traceparent text;
