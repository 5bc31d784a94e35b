//! Slugs: the safe, readable names that become file names, URLs and anchors.

/// Turns a title into a slug: lowercase ASCII letters, digits and single dashes.
/// German letters are transliterated ("Gespräche" -> "gespraeche") rather than dropped.
pub fn slugify(text: &str) -> String {
    let mut slug = String::with_capacity(text.len());
    let mut dash_pending = false;
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            if dash_pending {
                slug.push('-');
                dash_pending = false;
            }
            slug.push(c.to_ascii_lowercase());
            continue;
        }
        let mapped = c.to_lowercase().map(transliterate).collect::<String>();
        if mapped.is_empty() {
            dash_pending = !slug.is_empty();
            continue;
        }
        if dash_pending {
            slug.push('-');
            dash_pending = false;
        }
        slug.push_str(&mapped);
    }
    slug
}

/// Whether `text` is already a slug as `slugify` would write it.
pub fn is_slug(text: &str) -> bool {
    !text.is_empty() && slugify(text) == text
}

/// ASCII for a lowercase letter that is not ASCII: German letters spelt out, other
/// Latin letters without their accents; anything else is dropped.
fn transliterate(c: char) -> &'static str {
    const ASCII: &str = "abcdefghijklmnopqrstuvwxyz0123456789";
    if c.is_ascii_alphanumeric() {
        let i = ASCII.find(c).unwrap_or(0);
        return &ASCII[i..i + 1];
    }
    match c {
        'ä' | 'æ' => "ae",
        'ö' | 'ø' | 'œ' => "oe",
        'ü' => "ue",
        'ß' => "ss",
        'à' | 'á' | 'â' | 'ã' | 'å' | 'ā' | 'ă' | 'ą' => "a",
        'ç' | 'ć' | 'č' => "c",
        'ď' | 'đ' => "d",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ė' | 'ę' | 'ě' => "e",
        'ğ' => "g",
        'ì' | 'í' | 'î' | 'ï' | 'ī' | 'į' | 'ı' => "i",
        'ł' | 'ľ' => "l",
        'ñ' | 'ń' | 'ň' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ō' | 'ő' => "o",
        'ř' => "r",
        'ś' | 'š' | 'ş' | 'ș' => "s",
        'ť' | 'ţ' | 'ț' => "t",
        'ù' | 'ú' | 'û' | 'ū' | 'ů' | 'ű' | 'ų' => "u",
        'ý' | 'ÿ' => "y",
        'ź' | 'ż' | 'ž' => "z",
        _ => "",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transliterates_german_letters() {
        assert_eq!(slugify("Gespräche in Genf"), "gespraeche-in-genf");
        assert_eq!(slugify("Großbritannien"), "grossbritannien");
        assert_eq!(slugify("Élysée-Palast"), "elysee-palast");
    }

    #[test]
    fn collapses_punctuation_and_never_starts_or_ends_with_a_dash() {
        assert_eq!(slugify("  „Kyiv“ -- Regime!  "), "kyiv-regime");
        assert_eq!(slugify("../../etc/passwd"), "etc-passwd");
        assert_eq!(slugify("!!!"), "");
    }

    #[test]
    fn recognises_slugs() {
        assert!(is_slug("2025-04-21-putin"));
        assert!(!is_slug("Putin"));
        assert!(!is_slug("a--b"));
        assert!(!is_slug(""));
    }
}
