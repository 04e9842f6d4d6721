//! Where the page is: one route per place in the navigation, read from and
//! written to the URL hash (`#/data`, `#/etl`, `#/lake`, `#/cap?…`), so a
//! module can be linked to and Back works (`#/glossary?q=…` keeps the
//! glossary's search). Plain Rust, tested natively.
//!
//! Each page's last link is remembered ([`remember`]) and the navigation
//! goes back to it ([`Route::link`]): leaving the ETL for the CAP page and
//! coming back finds the same parameters, the CAP run, the lake's query.
//! The links are kept in the browser for the next visit and written into
//! an exported workspace ([`Links`]).

use std::cell::RefCell;
use std::collections::BTreeMap;

/// The last link of each page: the hash (`#/etl?v=1&…`) by route key.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Links(pub BTreeMap<String, String>);

impl Links {
    /// Note `hash` as its page's last link.
    pub fn note(&mut self, hash: &str) {
        let route = Route::from_hash(hash);
        let hash = if hash.starts_with('#') {
            hash.to_string()
        } else {
            format!("#{hash}")
        };
        // Only a page's own link: `#/nowhere` (the Data page) is not one.
        if hash
            .trim_start_matches('#')
            .trim_start_matches('/')
            .starts_with(route.key())
        {
            self.0.insert(route.key().to_string(), hash);
        }
    }

    /// Where the navigation takes `route`: its last link, or its bare hash.
    pub fn href(&self, route: Route) -> String {
        self.0.get(route.key()).cloned().unwrap_or_else(|| route.hash())
    }
}

thread_local! {
    static LAST: RefCell<Links> = RefCell::new(Links::default());
}

/// Note the page's new link (the pages write their state into it).
pub fn remember(hash: &str) {
    LAST.with(|l| l.borrow_mut().note(hash));
}

/// Every page's last link.
pub fn links() -> Links {
    LAST.with(|l| l.borrow().clone())
}

/// Start from `links` (read back from the browser or an imported
/// workspace: not trusted), each noted as a page's own link or dropped; the
/// current hash is noted after them.
pub fn restore(links: Links) {
    LAST.with(|l| *l.borrow_mut() = Links::from_untrusted(links));
}

impl Links {
    /// Only what [`Links::note`] accepts: `#/<route>…` under its route's key.
    pub fn from_untrusted(links: Links) -> Links {
        let mut out = Links::default();
        for (key, hash) in links.0 {
            if hash.starts_with("#/") && Route::from_hash(&hash).key() == key {
                out.note(&hash);
            }
        }
        out
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Route {
    Data,
    Etl,
    Lake,
    Cap,
    Lessons,
    Exercises,
    Glossary,
}

impl Route {
    /// In the order of the navigation.
    pub const ALL: [Route; 7] = [
        Route::Data,
        Route::Etl,
        Route::Lake,
        Route::Cap,
        Route::Lessons,
        Route::Exercises,
        Route::Glossary,
    ];

    /// The route a hash names: its first path segment, before any query
    /// (`#/cap?seed=3` is the CAP page); anything else is the Data page.
    pub fn from_hash(hash: &str) -> Route {
        let key = hash.trim_start_matches('#').trim_start_matches('/');
        let key = key.split(['?', '/']).next().unwrap_or_default();
        Route::ALL.into_iter().find(|r| r.key() == key).unwrap_or(Route::Data)
    }

    /// The hash the navigation links to.
    pub fn hash(self) -> String {
        format!("#/{}", self.key())
    }

    /// The page's last link (see [`remember`]), or its bare hash.
    pub fn link(self) -> String {
        LAST.with(|l| l.borrow().href(self))
    }

    /// The catalog message of the link's text in the navigation.
    pub fn title_id(self) -> &'static str {
        match self {
            Route::Data => "nav-data",
            Route::Etl => "nav-etl",
            Route::Lake => "nav-lake",
            Route::Cap => "nav-cap",
            Route::Lessons => "nav-lessons",
            Route::Exercises => "nav-exercises",
            Route::Glossary => "nav-glossary",
        }
    }

    fn key(self) -> &'static str {
        match self {
            Route::Data => "data",
            Route::Etl => "etl",
            Route::Lake => "lake",
            Route::Cap => "cap",
            Route::Lessons => "lessons",
            Route::Exercises => "exercises",
            Route::Glossary => "glossary",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_route_reads_back_from_its_own_hash() {
        for route in Route::ALL {
            assert_eq!(Route::from_hash(&route.hash()), route);
        }
        let hashes: Vec<String> = Route::ALL.into_iter().map(Route::hash).collect();
        assert_eq!(
            hashes,
            [
                "#/data",
                "#/etl",
                "#/lake",
                "#/cap",
                "#/lessons",
                "#/exercises",
                "#/glossary"
            ]
        );
    }

    #[test]
    fn a_query_or_a_deeper_path_keeps_the_route() {
        assert_eq!(Route::from_hash("#/cap?scenario=partition-cp&seed=7"), Route::Cap);
        assert_eq!(Route::from_hash("#/etl/anything"), Route::Etl);
        assert_eq!(Route::from_hash("#lake"), Route::Lake);
        assert_eq!(Route::from_hash("#/glossary?q=nhat+quan"), Route::Glossary);
        assert_eq!(Route::from_hash("#//lake?x=1"), Route::Lake);
    }

    #[test]
    fn each_page_is_linked_back_to_its_last_link() {
        let mut links = Links::default();
        links.note("#/etl?v=1&margin=0.4");
        links.note("#/cap?seed=3");
        links.note("#/etl?v=1&margin=0.5");
        links.note("#/nowhere");
        links.note("/lake?zone=raw");
        assert_eq!(links.href(Route::Etl), "#/etl?v=1&margin=0.5");
        assert_eq!(links.href(Route::Cap), "#/cap?seed=3");
        assert_eq!(links.href(Route::Lake), "#/lake?zone=raw");
        assert_eq!(
            links.href(Route::Data),
            "#/data",
            "an unknown hash is not the Data page's link"
        );
        let json = serde_json::to_string(&links).unwrap();
        assert_eq!(serde_json::from_str::<Links>(&json).unwrap(), links);
        // From a file: only a page's own link survives.
        let mut hostile = links.clone();
        hostile.0.insert("data".into(), "javascript:alert(1)".into());
        hostile.0.insert("cap".into(), "#/etl?v=1".into());
        let kept = Links::from_untrusted(hostile);
        assert_eq!(kept.href(Route::Data), "#/data");
        assert_eq!(
            kept.href(Route::Cap),
            "#/cap",
            "a link under another page's key is dropped"
        );
        assert_eq!(kept.href(Route::Etl), "#/etl?v=1&margin=0.5");
    }

    #[test]
    fn no_hash_or_an_unknown_one_is_the_data_page() {
        for hash in ["", "#", "#/", "#/nowhere", "#/CAP", "#/?cap", "#/ etl"] {
            assert_eq!(Route::from_hash(hash), Route::Data, "{hash:?}");
        }
    }

    #[test]
    fn the_navigation_names_the_modules_as_before() {
        let en = crate::i18n::I18n::new(crate::i18n::Lang::En);
        let titles: Vec<String> = Route::ALL.into_iter().map(|r| en.t(r.title_id())).collect();
        assert_eq!(
            titles,
            [
                "Data",
                "ETL / ELT",
                "Lake & Warehouse",
                "CAP theorem",
                "Lessons",
                "Exercises",
                "Glossary"
            ]
        );
    }
}
