//! The two scripts of Chinese: simplified text beside the traditional.

/// Simplified Chinese for a traditional text (OpenCC and MediaWiki tables, via `zhconv`).
pub fn simplified(text: &str) -> String {
    zhconv::zhconv(text, zhconv::Variant::ZhHans)
}
