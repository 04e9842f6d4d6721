//! The page's handle on the engine worker: sends requests (with `File`s
//! attached, never their bytes), turns the worker's messages into events, and
//! can throw the worker away and start a fresh one (cancel, crash).

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use dataplay_api::{Request, Response};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{ErrorEvent, File, MessageEvent, Worker};
use yew::Callback;

/// The loader Trunk writes for the worker crate (see index.html).
const WORKER_URL: &str = "./dataplay-worker_loader.js";

#[derive(Debug, Clone, PartialEq)]
pub enum EngineEvent {
    Response(Response),
    /// The worker died (out of memory, a bug). Its state is gone.
    Crashed(String),
}

type Handler = Closure<dyn FnMut(JsValue)>;

pub struct EngineClient {
    worker: RefCell<Option<Worker>>,
    /// Messages posted before the worker's wasm has started would be lost:
    /// they wait here until it says `Ready`.
    ready: Cell<bool>,
    queue: RefCell<Vec<js_sys::Array>>,
    next_id: Cell<u64>,
    on_event: Callback<EngineEvent>,
    handlers: RefCell<Vec<Handler>>,
}

impl EngineClient {
    pub fn new(on_event: Callback<EngineEvent>) -> Rc<Self> {
        let client = Rc::new(EngineClient {
            worker: RefCell::new(None),
            ready: Cell::new(false),
            queue: RefCell::new(Vec::new()),
            next_id: Cell::new(1),
            on_event,
            handlers: RefCell::new(Vec::new()),
        });
        client.spawn();
        client
    }

    fn spawn(self: &Rc<Self>) {
        self.ready.set(false);
        let worker = match Worker::new(WORKER_URL) {
            Ok(w) => w,
            Err(e) => {
                self.on_event
                    .emit(EngineEvent::Crashed(format!("the engine could not start: {e:?}")));
                return;
            }
        };
        let weak = Rc::downgrade(self);
        let onmessage = Closure::<dyn FnMut(JsValue)>::new(move |event: JsValue| {
            let Some(client) = weak.upgrade() else { return };
            let Some(data) = event.dyn_ref::<MessageEvent>().and_then(|e| e.data().as_string()) else {
                return;
            };
            match serde_json::from_str::<Response>(&data) {
                Ok(Response::Ready) => {
                    client.ready.set(true);
                    client.on_event.emit(EngineEvent::Response(Response::Ready));
                    let queued = std::mem::take(&mut *client.queue.borrow_mut());
                    for message in queued {
                        client.post(&message);
                    }
                }
                Ok(response) => client.on_event.emit(EngineEvent::Response(response)),
                Err(e) => client
                    .on_event
                    .emit(EngineEvent::Crashed(format!("unreadable message from the engine: {e}"))),
            }
        });
        let weak = Rc::downgrade(self);
        let onerror = Closure::<dyn FnMut(JsValue)>::new(move |event: JsValue| {
            let Some(client) = weak.upgrade() else { return };
            let message = event
                .dyn_ref::<ErrorEvent>()
                .map(|e| e.message())
                .filter(|m| !m.is_empty())
                .unwrap_or_else(|| "the engine stopped unexpectedly".into());
            client
                .on_event
                .emit(EngineEvent::Crashed(format!("{message}; the engine was restarted")));
            // Not from inside this handler: restarting drops it.
            wasm_bindgen_futures::spawn_local(async move { client.restart() });
        });
        worker.set_onmessage(Some(onmessage.as_ref().unchecked_ref()));
        worker.set_onerror(Some(onerror.as_ref().unchecked_ref()));
        *self.handlers.borrow_mut() = vec![onmessage, onerror];
        *self.worker.borrow_mut() = Some(worker);
    }

    /// Send a request built from a fresh id; returns that id.
    pub fn send(&self, build: impl FnOnce(u64) -> Request, files: &[File]) -> u64 {
        let id = self.next_id.get();
        self.next_id.set(id + 1);
        let request = build(id);
        let message = js_sys::Array::new();
        message.push(&JsValue::from_str(&serde_json::to_string(&request).unwrap_or_default()));
        for file in files {
            message.push(file);
        }
        if self.ready.get() {
            self.post(&message);
        } else {
            self.queue.borrow_mut().push(message);
        }
        id
    }

    fn post(&self, message: &js_sys::Array) {
        if let Some(worker) = self.worker.borrow().as_ref() {
            if let Err(e) = worker.post_message(message) {
                self.on_event
                    .emit(EngineEvent::Crashed(format!("could not reach the engine: {e:?}")));
            }
        }
    }

    /// Stop the worker at once (whatever it is doing) and start a new one.
    /// The new one announces itself with `Response::Ready`.
    pub fn restart(self: &Rc<Self>) {
        if let Some(worker) = self.worker.borrow_mut().take() {
            worker.terminate();
        }
        self.queue.borrow_mut().clear();
        self.spawn();
    }
}

impl Drop for EngineClient {
    fn drop(&mut self) {
        if let Some(worker) = self.worker.borrow_mut().take() {
            worker.terminate();
        }
    }
}
