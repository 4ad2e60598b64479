-- Participant rights: pausing one group only (`/stop <group>`).
ALTER TABLE memberships ADD COLUMN paused_at TEXT;
