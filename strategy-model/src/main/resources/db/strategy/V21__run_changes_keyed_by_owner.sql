-- run_changes is read only by owner (the stream's replay and its latest id: owner_id, then id), so its
-- key becomes (owner_id, id) and the separate owner index goes: every run recorded inserts one B-tree
-- entry into this log instead of two. ids still come from the identity, so they stay unique alone.
ALTER TABLE run_changes DROP CONSTRAINT run_changes_pkey;
DROP INDEX run_changes_owner_idx;
ALTER TABLE run_changes ADD PRIMARY KEY (owner_id, id);
