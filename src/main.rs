//! dataplay's browser UI: a thin Yew shell that renders what the engine (in a
//! Web Worker) reports. No data logic lives here.

mod actions;
mod app;
mod components;
mod connector_client;
mod dom;
mod engine_client;
mod exercises;
mod glossary;
mod i18n;
mod lessons;
mod link;
mod pages;
mod persist;
mod route;
mod state;
mod words;

fn main() {
    yew::Renderer::<app::App>::new().render();
}
