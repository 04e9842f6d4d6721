//! The CAP module's engine: a deterministic simulation of replicated data
//! centers (`sim`, `topology`) storing versioned values (`version`), faults
//! as data (`faults`), what a run measured (`metrics`), the seed's scenarios
//! (`scenarios`), a linearizability checker for register histories
//! (`history`, `checker`) and when a history stopped being linearizable
//! (`prefix`), and what the page shows of a run (`view`).
//! Pure Rust; it uses nothing of the engine but the seeded RNG (`base::rng`).

pub mod checker;
pub mod faults;
pub mod history;
pub mod metrics;
pub mod prefix;
pub mod scenarios;
pub mod sim;
pub mod topology;
pub mod version;
pub mod view;
