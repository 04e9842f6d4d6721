//! Where the page is: one route per place in the navigation, read from and
//! written to the URL hash (`#/data`, `#/etl`, `#/lake`, `#/cap?…`), so a
//! module can be linked to and Back works (`#/glossary?q=…` keeps the
//! glossary's search). Plain Rust, tested natively.

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Route {
    Data,
    Etl,
    Lake,
    Cap,
    Glossary,
}

impl Route {
    /// In the order of the navigation.
    pub const ALL: [Route; 5] = [Route::Data, Route::Etl, Route::Lake, Route::Cap, Route::Glossary];

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

    /// The catalog message of the link's text in the navigation.
    pub fn title_id(self) -> &'static str {
        match self {
            Route::Data => "nav-data",
            Route::Etl => "nav-etl",
            Route::Lake => "nav-lake",
            Route::Cap => "nav-cap",
            Route::Glossary => "nav-glossary",
        }
    }

    fn key(self) -> &'static str {
        match self {
            Route::Data => "data",
            Route::Etl => "etl",
            Route::Lake => "lake",
            Route::Cap => "cap",
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
        assert_eq!(hashes, ["#/data", "#/etl", "#/lake", "#/cap", "#/glossary"]);
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
            ["Data", "ETL / ELT", "Lake & Warehouse", "CAP theorem", "Glossary"]
        );
    }
}
