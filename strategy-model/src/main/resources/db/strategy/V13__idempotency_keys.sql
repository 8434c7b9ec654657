-- Idempotency keys of strategy-api's creating requests (POST /strategies, /{id}/deploy, /{id}/runs,
-- /{id}/duplicate, /templates/{id}/copy): a retry with the same key and the same request gets the first
-- answer back instead of acting again. A key belongs to its user; it is claimed in the transaction of
-- the request it guards, which stores the answer in the same transaction, so that a concurrent retry
-- waits on the primary key for that transaction and then replays its answer (or, if it rolled back,
-- runs itself): never both.

CREATE TABLE idempotency_keys (
    owner_id        text        NOT NULL,
    idempotency_key text        NOT NULL,
    -- SHA-256 of the method, the path and the body: the same key with another request is refused.
    request_hash    text        NOT NULL,
    -- The answer; null only inside the transaction that claimed the key.
    status          integer,
    location        text,
    etag            text,
    body            text,
    created_at      timestamptz NOT NULL DEFAULT now(),
    -- 24 hours after the claim. An expired key may be claimed again; purge_expired_idempotency_keys removes it.
    expires_at      timestamptz NOT NULL,
    PRIMARY KEY (owner_id, idempotency_key)
);

CREATE INDEX idempotency_keys_expires_at ON idempotency_keys (expires_at);

-- As every user-owned table (V4): a row exists only for its owner.
ALTER TABLE idempotency_keys ENABLE ROW LEVEL SECURITY;
CREATE POLICY idempotency_keys_owner ON idempotency_keys
    USING (owner_id = current_setting('app.user_id', true))
    WITH CHECK (owner_id = current_setting('app.user_id', true));

-- Claim (INSERT ... ON CONFLICT DO UPDATE of an expired key), store the answer, read it back (V11's rule:
-- exactly the statements strategy-api runs).
GRANT SELECT, INSERT, UPDATE ON idempotency_keys TO strategos_api;

-- Expired keys of every user, at most batch_size of them per call. strategy-api calls it periodically;
-- as strategos_api it sees only one user's rows, so the function runs as its owner (the tables' owner,
-- exempt from the policy), with a fixed search_path, and does nothing else.
CREATE FUNCTION purge_expired_idempotency_keys(batch_size integer) RETURNS integer
    LANGUAGE sql
    SECURITY DEFINER
    SET search_path = public, pg_temp
AS $$
    WITH purged AS (
        DELETE FROM idempotency_keys
         WHERE ctid IN (SELECT ctid FROM idempotency_keys WHERE expires_at <= now() LIMIT batch_size)
        RETURNING 1)
    SELECT count(*)::integer FROM purged
$$;
REVOKE ALL ON FUNCTION purge_expired_idempotency_keys(integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION purge_expired_idempotency_keys(integer) TO strategos_api;
