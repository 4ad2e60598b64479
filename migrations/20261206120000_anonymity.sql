-- Issue #20: anonymous answers are shown only as of the last full hour. An anonymous answer
-- given (or changed) within the hour carries that hour's end here until it has passed; then
-- the bot clears it, so the database keeps no time of anonymous answers beyond the current hour.
ALTER TABLE answers ADD COLUMN held_until TEXT;
CREATE INDEX answers_held ON answers(held_until) WHERE held_until IS NOT NULL;
