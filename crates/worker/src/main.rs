//! The worker's entry point: see the library (`dataplay_worker`).

fn main() {
    #[cfg(target_arch = "wasm32")]
    dataplay_worker::handler::start();
}
