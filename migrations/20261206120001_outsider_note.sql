-- Issue #20: someone who replies in a linked group chat of a working group they do not belong
-- to is told once a day, in private, that the reply was not kept. When they were last told.
ALTER TABLE people ADD COLUMN outsider_noted_at TEXT;
