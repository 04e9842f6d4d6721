//! dataplay's browser UI: a thin Yew shell that renders what the engine (in a
//! Web Worker) reports. No data logic lives here.

mod app;
mod components;
mod connector_client;
mod engine_client;
mod pages;
mod state;
mod words;

fn main() {
    yew::Renderer::<app::App>::new().render();
}
