//! The foundation every module stands on, importing nothing of the engine but
//! its error type: civil dates (`calendar`), typed column access (`columns`),
//! the seeded RNG (`rng`), the caller's clock (`clock`) and row hashes
//! (`rowhash`).

pub mod calendar;
pub mod clock;
pub mod columns;
pub mod rng;
pub mod rowhash;
