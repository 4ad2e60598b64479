-- Consent text version 2 says the @username is kept (issue #13); version 1 did not. People who
-- agreed to version 1 are asked again (at most once a week: `consent_asked_at`, when they were
-- last shown the current text), and their @username is kept only once they agree: until then
-- none is stored, so the ones stored since usernames were first kept go now.
ALTER TABLE people ADD COLUMN consent_asked_at TEXT;
UPDATE people SET username = NULL WHERE consent_version < 2;
