//! Small reusable view pieces: the error banner, the progress bar, the
//! virtualised preview table and the tabbed table viewer with exports.

pub mod error_banner;
pub mod preview_table;
pub mod progress;
pub mod table_viewer;
