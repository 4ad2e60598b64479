-- Text messages taken as answers to text questions: a message Telegram delivers again is not
-- taken a second time (nor filed as a comment). It says which messages were answers, not to
-- which survey or question.
CREATE TABLE answer_messages (
    chat_id    INTEGER NOT NULL,
    message_id INTEGER NOT NULL,
    PRIMARY KEY (chat_id, message_id)
) WITHOUT ROWID;
