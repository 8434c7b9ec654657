-- Live updates (GET /api/v1/notifications/stream): every insert of a notification and every collapse
-- into one takes the next number of one sequence, so a user's changes are ordered by change_seq and a
-- client that reconnects with Last-Event-ID = the last change_seq it saw replays with a keyset query.
CREATE SEQUENCE notifier.notification_change_seq;

ALTER TABLE notifier.notifications
    ADD COLUMN change_seq bigint NOT NULL DEFAULT nextval('notifier.notification_change_seq');

CREATE INDEX notifications_changes_idx ON notifier.notifications (user_id, change_seq);
