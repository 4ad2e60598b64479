//! The peer in the broadcast bench: the way most teloxide bots broadcast today — every message
//! handed at once to teloxide's `Throttle` adaptor, which keeps them in an in-memory queue and
//! paces them under Telegram's limits. It runs as a child process (this bench binary started
//! again with [`CHILD_FLAG`]), so its memory is measured and it can be killed like the bot.

use std::io::Write as _;
use std::path::Path;
use std::process::{Child, Command, Stdio};

use teloxide::adaptors::throttle::Limits;
use teloxide::prelude::*;

/// Makes this bench binary the peer: `--throttle-peer <api url> <token> <text> <file of chat
/// ids>`.
pub const CHILD_FLAG: &str = "--throttle-peer";

/// When this process was started as the peer: sends the broadcast and exits (never returns).
pub fn run_if_child() {
    let args: Vec<String> = std::env::args().collect();
    let Some(at) = args.iter().position(|a| a == CHILD_FLAG) else {
        return;
    };
    let (url, token, text, ids) = (&args[at + 1], &args[at + 2], &args[at + 3], &args[at + 4]);
    let ids: Vec<i64> = std::fs::read_to_string(ids)
        .expect("the chat ids")
        .lines()
        .map(|l| l.parse().expect("a chat id"))
        .collect();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let failed = runtime.block_on(broadcast(url, token, text, &ids));
    std::process::exit(i32::from(failed > 0));
}

/// Sends `text` to every chat through `Throttle` (Telegram's limits as teloxide sets them), the
/// way its documentation shows: one request per member, all handed over at once.
async fn broadcast(url: &str, token: &str, text: &str, ids: &[i64]) -> usize {
    let bot = Bot::new(token)
        .set_api_url(url.parse().expect("the API URL"))
        .throttle(Limits::default());
    let sends: Vec<_> = ids
        .iter()
        .map(|id| {
            let bot = bot.clone();
            let (id, text) = (*id, text.to_owned());
            tokio::spawn(async move {
                bot.send_message(ChatId(id), text)
                    .parse_mode(teloxide::types::ParseMode::Html)
                    .await
            })
        })
        .collect();
    let mut failed = 0;
    for send in sends {
        if !matches!(send.await, Ok(Ok(_))) {
            failed += 1;
        }
    }
    failed
}

/// Starts the peer: `text` to `ids` through the fake at `api_url`.
pub fn start(api_url: &str, token: &str, text: &str, ids: &[i64], dir: &Path) -> Child {
    let file = dir.join("peer-ids.txt");
    let mut out = std::fs::File::create(&file).expect("ids file");
    for id in ids {
        writeln!(out, "{id}").expect("write ids");
    }
    Command::new(std::env::current_exe().expect("this bench"))
        .args([CHILD_FLAG, api_url, token, text])
        .arg(&file)
        .env_clear()
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start the Throttle peer")
}
