-- Per-user profile, collapsed notifications, and email deliveries with their status.

-- Where a user's quiet hours are evaluated and where their emails go. A user without a row is in
-- UTC and has no email address (so gets no email).
CREATE TABLE notifier.notification_profiles (
    user_id     text PRIMARY KEY,
    time_zone   text        NOT NULL DEFAULT 'UTC',
    email       text,
    updated_at  timestamptz NOT NULL DEFAULT now()
);

-- Quiet hours need both ends, and a window from a time to itself would mean nothing or everything.
ALTER TABLE notifier.notification_settings
    ADD CONSTRAINT notification_settings_quiet_hours_check CHECK (
        NOT quiet_hours_enabled
        OR (quiet_hours_start IS NOT NULL AND quiet_hours_end IS NOT NULL AND quiet_hours_start <> quiet_hours_end));

-- Collapse: a repeat of a type for a strategy within the collapse window adds to the latest unread
-- notification (occurrences, last_occurred_at) instead of adding a row. created_at never moves, so
-- keyset pagination on (created_at, id) stays stable. silent: it arrived during quiet hours.
ALTER TABLE notifier.notifications
    ADD COLUMN occurrences       integer     NOT NULL DEFAULT 1,
    ADD COLUMN last_occurred_at  timestamptz,
    ADD COLUMN silent            boolean     NOT NULL DEFAULT false;
UPDATE notifier.notifications SET last_occurred_at = created_at;
ALTER TABLE notifier.notifications ALTER COLUMN last_occurred_at SET NOT NULL;

CREATE INDEX notifications_collapse_idx
    ON notifier.notifications (user_id, strategy_id, type, created_at DESC) WHERE NOT read;

-- One email to send, written in the transaction of the event that caused it and sent after commit
-- by the delivery job.
--   single: one notification's email. pending until sent (retried with backoff, then failed), or
--           held while the recipient's quiet hours last (release_at = their end).
--   digest: the held emails of one user whose quiet hours ended; they point to it by digest_id and
--           take its status once it is sent or has failed. Its text is composed from them.
-- The recipient address is the profile's at sending time.
CREATE TABLE notifier.email_deliveries (
    id                 uuid PRIMARY KEY,
    user_id            text        NOT NULL,
    kind               text        NOT NULL CHECK (kind IN ('single', 'digest')),
    status             text        NOT NULL CHECK (status IN ('pending', 'held', 'sent', 'failed')),
    notification_type  text,
    strategy_id        uuid,
    subject            text,
    body               text,
    source_event_id    text,
    release_at         timestamptz,
    digest_id          uuid,
    attempts           integer     NOT NULL DEFAULT 0,
    next_attempt_at    timestamptz,
    last_error         text,
    created_at         timestamptz NOT NULL,
    sent_at            timestamptz,
    CHECK (kind = 'digest' OR (subject IS NOT NULL AND body IS NOT NULL)),
    CHECK (status <> 'held' OR release_at IS NOT NULL),
    CHECK (status <> 'pending' OR next_attempt_at IS NOT NULL)
);

CREATE INDEX email_deliveries_due_idx ON notifier.email_deliveries (next_attempt_at) WHERE status = 'pending';
CREATE INDEX email_deliveries_held_idx ON notifier.email_deliveries (release_at) WHERE status = 'held' AND digest_id IS NULL;
CREATE INDEX email_deliveries_digest_idx ON notifier.email_deliveries (digest_id) WHERE digest_id IS NOT NULL;
CREATE INDEX email_deliveries_collapse_idx
    ON notifier.email_deliveries (user_id, strategy_id, notification_type, created_at DESC) WHERE kind = 'single';
