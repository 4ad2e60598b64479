-- Issue #19: a facilitator shares another actor with the group's members as a group notice,
-- through the durable outbox like the farewell: `group_notices.kind` gains 'actor'.
--
-- SQLite cannot change a CHECK in place, and the table cannot be rebuilt here: migrations run
-- inside a transaction, where foreign keys cannot be switched off, so dropping the old table
-- would delete every delivery of a notice (ON DELETE CASCADE) and renaming it would point
-- the deliveries at the old name. So the CHECK is widened the way SQLite documents for
-- loosening a constraint (https://sqlite.org/lang_altertable.html#otheralter): the stored
-- CREATE TABLE text is changed, this connection reads the schema again (RESET) and the
-- schema version is raised for the others, in this transaction. Every
-- existing row satisfies the wider CHECK.
PRAGMA writable_schema = ON;
UPDATE sqlite_schema
   SET sql = replace(sql, 'CHECK (kind IN (''farewell''))', 'CHECK (kind IN (''farewell'', ''actor''))')
 WHERE type = 'table' AND name = 'group_notices';
PRAGMA writable_schema = RESET;
-- Any schema change raises the schema version, so that every connection reads the new text.
DROP INDEX group_notices_group;
CREATE INDEX group_notices_group ON group_notices(group_id);
