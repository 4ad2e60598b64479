//! Messages with no context: plain text, stickers, photos outside any conversation.

use crate::telegram::{Ctx, HandlerResult};

pub async fn no_context(ctx: &Ctx<'_>) -> HandlerResult {
    ctx.reply(ctx.texts().no_context()).await?;
    Ok(())
}
