-- The web dashboard's read models (issue #21), measured on the benchmark database of 1,000,000
-- answers and 100,000 comments in 50 groups (`cargo bench -p coloop-core --bench dashboard`).

-- Visible, filed comments of a group by time: counted per group for the overview and the digest
-- (index only, instead of reading every comment row of the window), listed newest first on the
-- comments page.
CREATE INDEX comments_group_visible ON comments(group_id, created_at)
    WHERE hidden_at IS NULL AND unfiled = 0;

-- The people a survey's first question reached (`reminder = 0 AND state = 'sent'`), counted per
-- survey by the overview's and the digest's response rates: a range of this index instead of a
-- row look-up per delivery. Post deliveries (no survey) stay out of it.
CREATE INDEX deliveries_survey_state ON deliveries(survey_id, reminder, state)
    WHERE survey_id IS NOT NULL;
