//! Synthetic data at scale for the digest and dashboard benchmarks (`cargo bench -p coloop-core
//! --bench digest`, `--bench dashboard`): groups, members, sent posts with their deliveries,
//! prototypes and their history, "you said, we did" links, surveys with participants and
//! answers, comments (a tenth voice notes, a tenth photos) — all within the last week,
//! generated in SQL so that a million answers take seconds, not hours. Not used by the bot.

use chrono::{DateTime, Duration, Utc};

use super::{Result, Store, ts};

/// How much to generate.
#[derive(Debug, Clone, Copy)]
pub struct BenchSize {
    pub groups: i64,
    pub members_per_group: i64,
    pub posts_per_group: i64,
    pub surveys_per_group: i64,
    /// Every survey has five questions: rating, yes/no, choice, multi and text.
    pub comments: i64,
}

impl BenchSize {
    /// Answers this size makes: every member answers every question.
    pub fn answers(&self) -> i64 {
        self.groups * self.surveys_per_group * 5 * self.members_per_group
    }
}

impl Store {
    /// Fills an empty database with `size` worth of data, spread over the week before `now`.
    pub async fn fill_for_benchmark(&self, size: BenchSize, now: DateTime<Utc>) -> Result<()> {
        let start = now - Duration::days(7) + Duration::minutes(1);
        let week_ago = ts(start);
        // SQLite's date functions read this form (times are added to it in SQL).
        let base = start.format("%Y-%m-%d %H:%M:%S").to_string();
        let mut tx = self.write_tx().await?;
        let statements = [
            // Groups 1..G; people 1..G*M, each a member of one group, joined before the week.
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?1)
             INSERT INTO working_groups (id, slug, name, member_code, facilitator_code, created_at)
             SELECT i, 'group-' || i, 'Group ' || i, 'm' || i, 'f' || i, ?6 FROM n",
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?1 * ?2)
             INSERT INTO people (id, telegram_id, display_name, consent_at, consent_version, created_at)
             SELECT i, 1000000 + i, 'Person ' || i, ?6, 1, ?6 FROM n",
            "INSERT INTO memberships (person_id, group_id, role, joined_at)
             SELECT id, (id - 1) % ?1 + 1, CASE WHEN id <= ?1 THEN 'facilitator' ELSE 'member' END, ?6
             FROM people",
            // Posts: P per group, sent during the week, each group's alternating outcomes and
            // prototypes (the k-th post of group g is post g + G k).
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?1 * ?3)
             INSERT INTO posts (id, group_id, kind, title, summary, category, status, idempotency_key,
                                state, rendered, created_at, sent_at)
             SELECT i, (i - 1) % ?1 + 1, CASE WHEN (i - 1) / ?1 % 2 = 0 THEN 'outcome' ELSE 'prototype' END,
                    'Post ' || i, 'Summary', CASE WHEN (i - 1) / ?1 % 2 = 0 THEN NULL ELSE
                        CASE (i - 1) / ?1 / 2 % 4 WHEN 0 THEN 'community' WHEN 1 THEN 'sme' WHEN 2 THEN 'large_scale'
                        ELSE 'public_service' END END,
                    CASE WHEN (i - 1) / ?1 % 2 = 0 THEN NULL ELSE 'testing' END,
                    'key-' || i, 'sent', '{}', ?6,
                    strftime('%Y-%m-%dT%H:%M:%S.000000Z', ?7, '+' || ((i % 10000) * 60) || ' seconds')
             FROM n",
            // Three prototypes per group; each prototype post is a step of one of them (its
            // status moving on), and each outcome answers the group's outcome before it.
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?1 * 3)
             INSERT INTO prototypes (id, group_id, title, title_key, category, status, summary,
                                     created_at, updated_at)
             SELECT i, (i - 1) / 3 + 1, 'Prototype ' || ((i - 1) % 3), 'prototype ' || ((i - 1) % 3),
                    CASE (i - 1) % 3 WHEN 0 THEN 'community' WHEN 1 THEN 'sme' ELSE 'public_service' END,
                    'testing', 'Summary', ?6, ?6
             FROM n",
            "UPDATE posts SET prototype_id = (group_id - 1) * 3 + ((id - 1) / ?1 % 3) + 1,
                              title = 'Prototype ' || ((id - 1) / ?1 % 3),
                              status = CASE (id - 1) / ?1 / 3 % 3 WHEN 0 THEN 'idea'
                                           WHEN 1 THEN 'prototyping' ELSE 'testing' END
             WHERE kind = 'prototype'",
            "INSERT INTO post_answers (post_id, answered_post_id)
             SELECT id, id - 2 * ?1 FROM posts WHERE kind = 'outcome' AND id > 2 * ?1",
            "INSERT INTO deliveries (post_id, person_id, chat_id, chat_kind, state, next_attempt_at, created_at, sent_at)
             SELECT po.id, m.person_id, 1000000 + m.person_id, 'private',
                    CASE WHEN m.person_id % 50 = 0 THEN 'failed' ELSE 'sent' END, po.sent_at, po.sent_at, po.sent_at
             FROM posts po JOIN memberships m ON m.group_id = po.group_id",
            // Surveys: S per group, about the group's first S posts, five questions each.
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?1 * ?4)
             INSERT INTO surveys (id, group_id, post_id, title, anonymous, idempotency_key, state, rendered,
                                  created_at, sent_at)
             SELECT i, (i - 1) % ?1 + 1, i, 'Survey ' || i, i % 3 = 0, 'skey-' || i,
                    'open', '{}', ?6, strftime('%Y-%m-%dT%H:%M:%S.000000Z', ?7, '+' || i || ' minutes')
             FROM n",
            "INSERT INTO survey_questions (survey_id, position, kind, prompt)
             SELECT s.id, k.position, k.kind, 'Question ' || k.position
             FROM surveys s CROSS JOIN (SELECT 0 AS position, 'rating' AS kind UNION ALL SELECT 1, 'yesno'
                  UNION ALL SELECT 2, 'choice' UNION ALL SELECT 3, 'multi' UNION ALL SELECT 4, 'text') k",
            "INSERT INTO survey_options (question_id, position, label)
             SELECT q.id, o.i, 'Option ' || o.i
             FROM survey_questions q CROSS JOIN (SELECT 0 AS i UNION ALL SELECT 1 UNION ALL SELECT 2
                  UNION ALL SELECT 3) o
             WHERE q.kind IN ('choice', 'multi')",
            "INSERT INTO deliveries (post_id, survey_id, reminder, person_id, chat_id, chat_kind, state,
                                     next_attempt_at, created_at, sent_at)
             SELECT s.post_id, s.id, 0, m.person_id, 1000000 + m.person_id, 'private', 'sent',
                    s.sent_at, s.sent_at, s.sent_at
             FROM surveys s JOIN memberships m ON m.group_id = s.group_id",
            "INSERT INTO survey_participants (survey_id, person_id, position, invited_at, finished_at, last_answered_at)
             SELECT s.id, m.person_id, 5, s.sent_at, s.sent_at, s.sent_at
             FROM surveys s JOIN memberships m ON m.group_id = s.group_id",
            // Every participant answers every question.
            "INSERT INTO answers (question_id, respondent, person_id, value, text, answered_at)
             SELECT q.id, 'p' || m.person_id, CASE WHEN s.anonymous THEN NULL ELSE m.person_id END,
                    CASE q.kind
                        WHEN 'rating' THEN m.person_id % 5 + 1
                        WHEN 'yesno' THEN m.person_id % 2
                        WHEN 'choice' THEN 1 << (m.person_id % 4)
                        WHEN 'multi' THEN m.person_id % 15 + 1
                    END,
                    CASE WHEN q.kind = 'text' THEN 'Answer from ' || m.person_id END,
                    CASE WHEN s.anonymous THEN NULL ELSE s.sent_at END
             FROM surveys s
             JOIN survey_questions q ON q.survey_id = s.id
             JOIN memberships m ON m.group_id = s.group_id",
            // Comments, spread over groups, people and the week.
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?5)
             INSERT INTO comments (group_id, person_id, post_id, chat_id, message_id, body, anonymous,
                                   hidden_at, media_kind, file_id, duration_secs, created_at, filed_at)
             SELECT (p - 1) % ?1 + 1, p, ((p - 1) % ?1 + 1) + ?1 * (i / ?1 % ?3), 1000000 + p, i,
                    CASE WHEN i / ?1 % 10 = 1 THEN NULL ELSE 'Comment ' || i END, i % 7 = 0,
                    CASE WHEN i / ?1 % 20 = 0 THEN ?6 END,
                    CASE i / ?1 % 10 WHEN 1 THEN 'voice' WHEN 2 THEN 'photo' END,
                    CASE WHEN i / ?1 % 10 IN (1, 2) THEN 'file-' || i END,
                    CASE WHEN i / ?1 % 10 = 1 THEN i % 90 + 1 END,
                    strftime('%Y-%m-%dT%H:%M:%S.000000Z', ?7, '+' || (i % 600000) || ' seconds'),
                    strftime('%Y-%m-%dT%H:%M:%S.000000Z', ?7, '+' || (i % 600000) || ' seconds')
             FROM (SELECT i, (i * 7919) % (?1 * ?2) + 1 AS p FROM n)",
        ];
        for sql in statements {
            sqlx::query(sql)
                .bind(size.groups)
                .bind(size.members_per_group)
                .bind(size.posts_per_group)
                .bind(size.surveys_per_group)
                .bind(size.comments)
                .bind(&week_ago)
                .bind(&base)
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        Ok(())
    }
}
