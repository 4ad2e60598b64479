//! `/language`.

use super::*;

impl Texts<'_> {
    pub fn language_choose(&self) -> String {
        self.tr("language-choose")
    }

    /// Said in the newly chosen language.
    pub fn language_set(&self) -> String {
        self.tr("language-set")
    }

    pub fn language_set_toast(&self) -> String {
        self.tr("language-set-toast")
    }

    /// To someone not stored (no consent yet), in the language they pressed.
    pub fn language_not_stored(&self) -> String {
        self.tr("language-not-stored")
    }
}
