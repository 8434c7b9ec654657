-- The outbox holds each event's JSON exactly as it goes to Kafka. Stored as jsonb, PostgreSQL parsed
-- every payload on insert and printed it again for the relay, on every run, for a column no query
-- ever looks inside; text stores and returns the bytes as they are. Writers that still cast to
-- jsonb (strategy-api validates its payloads that way, and replicas of the previous release) keep
-- working: jsonb is assigned to text by its output function.
ALTER TABLE outbox_events ALTER COLUMN payload TYPE text;
