//! Issue #16, when things fail: the "send the failed ones again" button under `/status` and
//! what pressing it says; what a person is told when the database cannot store what they sent;
//! what a broadcast's author is told when it is held up and when it is done.

use super::*;

impl Texts<'_> {
    /// The button under `/status` for a post with `failed` failed deliveries.
    pub fn retry_failed_button(&self, post: coloop_core::domain::PostId, failed: i64) -> String {
        self.tra(
            "retry-failed-button",
            args!["id" => post.to_string(), "count" => failed],
        )
    }

    /// The toast after the button: how many deliveries were queued again.
    pub fn retry_failed_done(&self, queued: u64) -> String {
        if queued == 0 {
            self.tr("retry-failed-none")
        } else {
            self.tra("retry-failed-done", args!["count" => queued])
        }
    }

    /// The database refused the write (full disk, read-only): what the person sent was not
    /// saved and should be sent again later.
    pub fn not_saved(&self) -> String {
        self.tr("not-saved")
    }

    /// To a broadcast's author: it is still not delivered to everyone after `after`.
    pub fn broadcast_held_up(
        &self,
        held: &coloop_core::store::HeldBroadcast,
        after: std::time::Duration,
    ) -> String {
        self.tra(
            "broadcast-held-up",
            args![
                "id" => held.post.to_string(),
                "title" => escape(&held.title),
                "group" => escape(&held.group_name),
                "minutes" => after.as_secs() / 60,
                "pending" => held.pending,
                "sent" => held.sent,
            ],
        )
    }

    /// To a broadcast's author, after [`Texts::broadcast_held_up`]: it is done.
    pub fn broadcast_done(&self, done: &coloop_core::store::HeldBroadcast) -> String {
        self.tra(
            "broadcast-done",
            args![
                "id" => done.post.to_string(),
                "title" => escape(&done.title),
                "group" => escape(&done.group_name),
                "sent" => done.sent,
                "failed" => done.failed,
                "blocked" => done.blocked,
            ],
        )
    }
}
