-- Issue #19: a facilitator may introduce a volunteer to another actor of the group (with the
-- contact the actor agreed to publish), as well as volunteers to each other.
ALTER TABLE introductions ADD COLUMN actor_id INTEGER REFERENCES actors(id) ON DELETE SET NULL;
