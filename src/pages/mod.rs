//! One page per place in the navigation (see `route::Route`).

pub mod cap;
pub mod data;
pub mod etl;
pub mod lake;
pub mod linked_table;
