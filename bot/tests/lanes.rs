//! No handler waits in its lane (issue #20, item 7): updates of 256 chats share a lane, so a
//! handler that sleeps — for flood control, for a record being written — holds up every chat
//! in it. The handlers' code (comments aside) calls neither `sleep` nor `with_flood_retry`
//! (which waits out a 429): answers after a 429 go through `send_or_queue`, and a second look
//! is taken by the router outside the lane (`HandlerError::LookAgain`).

use std::path::{Path, PathBuf};

fn rust_files(dir: &Path, found: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("a readable source folder") {
        let path = entry.expect("a directory entry").path();
        if path.is_dir() {
            rust_files(&path, found);
        } else if path.extension().is_some_and(|e| e == "rs") {
            found.push(path);
        }
    }
}

#[test]
fn no_handler_sleeps_or_waits_out_flood_control() {
    let mut files = Vec::new();
    rust_files(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("src/handlers"),
        &mut files,
    );
    assert!(files.len() > 10, "the handlers were found: {files:?}");
    let mut waits = Vec::new();
    for file in files {
        let source = std::fs::read_to_string(&file).expect("a readable source file");
        for (n, line) in source.lines().enumerate() {
            let code = line.split("//").next().unwrap_or_default();
            if ["sleep(", "with_flood_retry("]
                .iter()
                .any(|wait| code.contains(wait))
            {
                waits.push(format!("{}:{}: {}", file.display(), n + 1, line.trim()));
            }
        }
    }
    assert!(
        waits.is_empty(),
        "handlers that wait in their lane: {waits:#?}"
    );
}
