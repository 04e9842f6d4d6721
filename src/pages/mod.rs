//! One page per place in the navigation.

pub mod cap;
pub mod data;
pub mod etl;
pub mod lake;
pub mod modules;
