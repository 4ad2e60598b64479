-- "You said, we did": a post can answer earlier posts of its group; whoever gave feedback on
-- those gets a personal note with it.
CREATE TABLE post_answers (
    post_id          INTEGER NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
    answered_post_id INTEGER NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
    PRIMARY KEY (post_id, answered_post_id)
);

-- The delivery carries the personal note (the recipient commented on an answered post).
ALTER TABLE deliveries ADD COLUMN with_note INTEGER NOT NULL DEFAULT 0;
