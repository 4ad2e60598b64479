//! Messages with no context: plain text, stickers, photos outside any conversation.

use crate::dispatch::{Ctx, HandlerResult};
use crate::texts;

pub async fn no_context(ctx: &Ctx<'_>) -> HandlerResult {
    ctx.reply(texts::NO_CONTEXT).await?;
    Ok(())
}
