use super::*;

#[test]
fn every_term_is_named_and_defined_in_both_languages() {
    assert!(TERMS.len() >= 30, "{} terms", TERMS.len());
    for lang in Lang::ALL {
        let i18n = I18n::new(lang);
        for term in TERMS {
            for id in [name_id(term), definition_id(term)] {
                let text = i18n.t(&id);
                assert_ne!(text, id, "{lang:?}: {id} is missing");
                assert!(!text.trim().is_empty(), "{lang:?}: {id} is empty");
            }
        }
    }
    let (en, vi) = (I18n::new(Lang::En), I18n::new(Lang::Vi));
    for term in TERMS {
        let id = definition_id(term);
        assert_ne!(en.t(&id), vi.t(&id), "{id} is not translated");
    }
}

#[test]
fn terms_are_unique() {
    let mut seen = std::collections::HashSet::new();
    for term in TERMS {
        assert!(seen.insert(term), "{term} twice");
    }
}

#[test]
fn normalising_drops_case_accents_and_punctuation() {
    assert_eq!(normalize("Nhất Quán"), "nhat quan");
    assert_eq!(normalize("ĐỘ TRỄ sao chép"), "do tre sao chep");
    assert_eq!(normalize("  schema-on-read,  ELT! "), "schema on read elt");
    assert_eq!(normalize("ữỵợ"), "uyo");
    assert_eq!(normalize(""), "");
}

#[test]
fn an_accentless_vietnamese_query_finds_the_term() {
    let found = search("nhat quan");
    assert!(found.contains(&"consistency"), "{found:?}");
    assert!(search("chiu loi phan vung").contains(&"partition-tolerance"));
    assert!(search("Hồ Dữ Liệu").contains(&"data-lake"));
}

#[test]
fn english_queries_find_terms_whatever_the_page_language() {
    assert!(search("last writer").contains(&"last-writer-wins"));
    assert!(search("PACELC").contains(&"pacelc"));
    assert!(search("upsert").contains(&"merge"));
}

#[test]
fn an_empty_query_lists_everything_and_nonsense_nothing() {
    assert_eq!(search("").len(), TERMS.len());
    assert_eq!(search("   ").len(), TERMS.len());
    assert!(search("zzqxw").is_empty());
    // Every word must match, not any.
    assert!(search("quorum zzqxw").is_empty());
}

#[test]
fn the_query_round_trips_through_the_hash() {
    for q in ["nhất quán", "a&b=c", "100% + x", "", "schema-on-read"] {
        assert_eq!(query_of_hash(&hash_of_query(q)), q, "{q:?}");
    }
    assert_eq!(hash_of_query(""), "#/glossary");
    assert_eq!(query_of_hash("#/glossary?x=1&q=nhat+quan"), "nhat quan");
    assert_eq!(query_of_hash("#/glossary"), "");
    assert_eq!(query_of_hash("#/glossary?q=%E1%BA"), "\u{FFFD}");
    assert_eq!(query_of_hash("#/glossary?q=%zz"), "%zz");
}
