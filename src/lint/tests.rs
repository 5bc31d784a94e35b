use super::text::{collapse_spaces, plain_typography, plain_words};
use super::*;

#[test]
fn quotes_match_across_typography_and_line_breaks() {
    let body =
        normalise("Er sagte: „Wir haben eine positive\nEinstellung zu Friedensinitiativen.“");
    assert!(body.contains(&normalise(
        "Wir haben eine positive Einstellung zu Friedensinitiativen."
    )));
    assert!(!body.contains(&normalise("Wir haben keine Einstellung")));
}

proptest::proptest! {
    /// The body's lowercasing, shared with the name search, changes nothing.
    #[test]
    fn normalising_a_lowered_body_is_normalising_it(
        text in "(Σ|ΑΣ|Ä|a|A|‚|‘|’|„|“|»|–|—|\"|\\.| |\n|\t|\u{b}|\u{1c}|\u{85}|\u{a0}|\u{2003}|İ|ab|C d){0,24}",
    ) {
        let lower = names::Text::new(&text);
        proptest::prop_assert_eq!(normalise_lowered(&text, &lower), normalise(&text));
        proptest::prop_assert_eq!(
            plain_words(&text),
            collapse_spaces(&plain_typography(&text))
        );
    }
}

#[test]
fn hedged_words_are_found_as_words() {
    let words = word_set("Laut Berichten soll Russland angegriffen haben.");
    assert!(words.contains("soll") && words.contains("laut"));
    assert!(!word_set("Die Solldaten").contains("soll"));
}
