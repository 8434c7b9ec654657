-- notifier's own tables, in a schema of their own: no other service reads or writes them.

CREATE TABLE notifier.notifications (
    id               uuid PRIMARY KEY,
    user_id          text        NOT NULL,
    type             text        NOT NULL,
    title            text        NOT NULL,
    message          text        NOT NULL,
    priority         text        NOT NULL CHECK (priority IN ('low', 'normal', 'high', 'urgent')),
    strategy_id      uuid,
    execution_id     uuid,
    read             boolean     NOT NULL DEFAULT false,
    source_event_id  text        NOT NULL,
    created_at       timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX notifications_user_idx ON notifier.notifications (user_id, created_at DESC, id);
CREATE INDEX notifications_unread_idx ON notifier.notifications (user_id) WHERE NOT read;

-- Every event applied, recorded in the same transaction as its effect: a redelivered event finds
-- its id here and changes nothing.
CREATE TABLE notifier.processed_events (
    event_id      text PRIMARY KEY,
    event_type    text        NOT NULL,
    processed_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE notifier.notification_settings (
    user_id              text    NOT NULL,
    notification_type    text    NOT NULL,
    enabled              boolean NOT NULL DEFAULT true,
    delivery_method      text    NOT NULL DEFAULT 'in_app' CHECK (delivery_method IN ('in_app', 'email', 'both')),
    quiet_hours_enabled  boolean NOT NULL DEFAULT false,
    quiet_hours_start    time,
    quiet_hours_end      time,
    updated_at           timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, notification_type)
);
