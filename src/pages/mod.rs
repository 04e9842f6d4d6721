//! One page per place in the navigation.

pub mod data;
pub mod modules;
