//! Small reusable view pieces: the error banner, the progress bar, the
//! virtualised preview table, the tabbed table viewer with exports, and
//! the panel that talks to the native connector.

pub mod connector_panel;
pub mod error_banner;
pub mod merge_counts;
pub mod preview_table;
pub mod progress;
pub mod table_viewer;
