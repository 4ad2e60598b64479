-- Issue #16: readiness checks that the database can still grow (not a full disk, not a
-- read-only file) by writing a row of a few pages here and rolling it back. Never holds data.
CREATE TABLE write_probe (filler BLOB);
