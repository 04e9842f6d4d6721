//! The engine's Web Worker. The UI posts `[request_json, File...]`; the worker
//! answers with JSON `Message`s (`dispatch` decides what each request does,
//! natively testable; `handler` is the browser's side). Requests are handled
//! one at a time, in order, synchronously (files are read with `FileReaderSync`, allowed in
//! workers), so the workspace needs no locking and progress messages reach
//! the page while the work goes on.
//!
//! The web build unwinds (`panic = "unwind"`, the standard library rebuilt
//! with `panic_unwind`), and an allocation the browser refuses panics (the
//! allocation-error hook): a request that panics — a reader asserting on a
//! damaged Parquet page, a result too big for memory — is caught and
//! answered as that request's failure, and the worker lives on with its
//! tables. Built with `panic = "abort"`, the hook reports the failure
//! before the worker dies, and the UI starts a new worker and restores what
//! it had.

// The allocation-error hook is unstable; the web build has RUSTC_BOOTSTRAP
// (it rebuilds std), native builds of this crate compile the hook out.
#![cfg_attr(target_arch = "wasm32", feature(alloc_error_hook))]

pub mod dispatch;
#[cfg(target_arch = "wasm32")]
pub mod handler;
