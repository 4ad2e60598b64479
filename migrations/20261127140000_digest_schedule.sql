-- Scheduled digests already sent: one row per recipient, scope and period, so a period is
-- never sent twice, and a restart resumes where it stopped.
CREATE TABLE digest_runs (
    -- The recipient's Telegram id (coordinators need not be stored people).
    telegram_id  INTEGER NOT NULL,
    -- 'all', or the slug of the group.
    scope        TEXT    NOT NULL,
    period_start TEXT    NOT NULL,
    sent_at      TEXT    NOT NULL,
    PRIMARY KEY (telegram_id, scope, period_start)
);
