//! Files: what the bot uploads and what people send, kept with their bytes so the bot can
//! download them (getFile) and the sandbox's page can show them.

use serde_json::{Map, Value, json};

use super::model::Upload;
use super::state::State;

/// A file part of a multipart request.
#[derive(Debug, Clone)]
pub(crate) struct FilePart {
    pub file_name: Option<String>,
    pub content_type: Option<String>,
    pub bytes: Vec<u8>,
}

/// A file the fake can serve through getFile / download.
#[derive(Debug, Clone)]
pub(crate) struct FileRec {
    pub file_id: String,
    pub unique_id: String,
    pub bytes: Vec<u8>,
    pub file_name: Option<String>,
    pub content_type: Option<String>,
    pub path: String,
}

impl FileRec {
    pub(crate) fn upload(&self) -> Upload {
        Upload {
            file_name: self.file_name.clone(),
            bytes: self.bytes.clone(),
            content_type: self.content_type.clone(),
            file_id: self.file_id.clone(),
        }
    }

    /// `file_id`, `file_unique_id`, `file_size` as in every file object.
    pub(crate) fn meta(&self) -> Map<String, Value> {
        let mut m = Map::new();
        m.insert("file_id".into(), json!(self.file_id));
        m.insert("file_unique_id".into(), json!(self.unique_id));
        m.insert("file_size".into(), json!(self.bytes.len()));
        m
    }
}

impl State {
    /// Registers a file; `kind` names the folder of its `file_path`.
    pub(crate) fn add_file(
        &mut self,
        kind: &str,
        bytes: Vec<u8>,
        file_name: Option<String>,
        content_type: Option<String>,
    ) -> FileRec {
        self.next_file += 1;
        let n = self.next_file;
        let ext = file_name
            .as_deref()
            .and_then(|f| f.rsplit_once('.'))
            .map(|(_, e)| e.to_owned())
            .unwrap_or_else(|| {
                match kind {
                    "voice" => "oga",
                    "photo" => "jpg",
                    "sticker" => "webp",
                    "audio" => "mp3",
                    "video_note" | "video" => "mp4",
                    _ => "bin",
                }
                .to_owned()
            });
        let rec = FileRec {
            file_id: format!("AgAD{kind}{:06}-{}", n, self.bot_id % 10_000),
            unique_id: format!("AQAD{n:06}"),
            bytes,
            file_name,
            content_type,
            path: format!("{kind}s/file_{n}.{ext}"),
        };
        self.files.insert(rec.file_id.clone(), rec.clone());
        rec
    }
}
