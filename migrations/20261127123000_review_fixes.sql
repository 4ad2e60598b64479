-- When a comment was filed under its group/post (NULL while it waits for "which post?"):
-- facilitators are told about comments by filing time, so one filed late is not missed.
ALTER TABLE comments ADD COLUMN filed_at TEXT;
UPDATE comments SET filed_at = created_at WHERE unfiled = 0;

-- The Telegram message a draft came from: a redelivered /outcome makes no second draft.
ALTER TABLE posts ADD COLUMN source_chat_id INTEGER;
ALTER TABLE posts ADD COLUMN source_message_id INTEGER;
CREATE UNIQUE INDEX posts_source ON posts(source_chat_id, source_message_id)
    WHERE source_message_id IS NOT NULL;
