//! The caller's clock: the engine does no I/O and wasm has no `Instant`, so
//! whoever runs a pipeline passes in how to read the time.

/// Milliseconds from some origin; the caller's clock (wasm has no `Instant`).
pub type Clock<'a> = &'a dyn Fn() -> f64;
