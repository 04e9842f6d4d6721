//! Small reusable view pieces: the error banner, the progress bar, the
//! virtualised preview table, the table browser (tabs, size, exports), the
//! lake's file tree and scan lines, and the panels that talk to the native
//! connector (the connection they share, the ETL's, the lake's), a glossary
//! term with its popover, the concept each module page opens with, and the
//! question asked before an exercise or a lesson replaces the lake.

pub mod concept;
pub mod connection;
pub mod connector_panel;
pub mod error_banner;
pub mod lake_connector_panel;
pub mod lake_listing;
pub mod link_problems;
pub mod merge_counts;
pub mod preview_table;
pub mod progress;
pub mod start_guard;
pub mod table_browser;
pub mod term;
