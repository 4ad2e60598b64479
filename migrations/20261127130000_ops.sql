-- Operations: settings the bot generates and keeps across restarts (e.g. the webhook secret).
CREATE TABLE settings (
    key        TEXT PRIMARY KEY NOT NULL,
    value      TEXT NOT NULL,
    created_at TEXT NOT NULL
);
