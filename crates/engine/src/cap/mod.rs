//! The CAP module's engine: a deterministic simulation of replicated data
//! centers (`sim`, `topology`), faults as data (`faults`), what a run
//! measured (`metrics`), the seed's scenarios (`scenarios`), and a
//! linearizability checker for register histories (`history`, `checker`).
//! Pure Rust; independent of the dataframe code.

pub mod checker;
pub mod faults;
pub mod history;
pub mod metrics;
pub mod scenarios;
pub mod sim;
pub mod topology;
pub mod view;
