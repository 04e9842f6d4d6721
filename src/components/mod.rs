//! Small reusable view pieces: the error banner, the progress bar and the
//! virtualised preview table.

pub mod error_banner;
pub mod preview_table;
pub mod progress;
