//! The foundation every module stands on, importing nothing of the engine but
//! its error type: civil dates (`calendar`), typed column access (`columns`),
//! the seeded RNG (`rng`) and the caller's clock (`clock`).

pub mod calendar;
pub mod clock;
pub mod columns;
pub mod rng;
