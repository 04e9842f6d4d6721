//! The engine's Web Worker. The UI posts `[request_json, File...]`; the worker
//! answers with JSON `Response`s. Requests are handled one at a time, in
//! order, synchronously (files are read with `FileReaderSync`, allowed in
//! workers), so the workspace needs no locking and progress messages reach
//! the page while the work goes on.
//!
//! A panic cannot be caught under `panic = "abort"`; the hook reports it as
//! the failure of the request in flight before the worker dies, and the UI
//! then starts a new worker and restores what it had.

#[cfg(target_arch = "wasm32")]
mod handler;

fn main() {
    #[cfg(target_arch = "wasm32")]
    handler::start();
}
