//! The page's handle on the engine worker: sends requests (with `File`s
//! attached, never their bytes), hands the worker's messages on as they are
//! (starting an export's download first), and can throw the worker away and
//! start a fresh one (cancel, crash).

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use dataplay_api::{Answer, Ask, Message, Request, Response};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{ErrorEvent, File, MessageEvent, Worker};
use yew::Callback;

use crate::state::Notice;

/// The loader Trunk writes for the worker crate (see index.html).
const WORKER_URL: &str = "./dataplay-worker_loader.js";

#[derive(Debug, Clone, PartialEq)]
pub enum EngineEvent {
    Message(Message),
    /// The worker is gone or cannot be used; its state is lost.
    Lost(Notice),
    /// Something went wrong on the page's side (a download).
    Notice(Notice),
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
    /// Requests whose file the page itself wants (`fetch`): resolved with
    /// the bytes, rejected when the answer has none or the worker goes.
    waiters: RefCell<Vec<(u64, Waiter)>>,
}

struct Waiter {
    resolve: js_sys::Function,
    reject: js_sys::Function,
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
            waiters: RefCell::new(Vec::new()),
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
                    .emit(EngineEvent::Lost(Notice::EngineUnavailable(format!("{e:?}"))));
                return;
            }
        };
        let weak = Rc::downgrade(self);
        let onmessage = Closure::<dyn FnMut(JsValue)>::new(move |event: JsValue| {
            let Some(client) = weak.upgrade() else { return };
            let Some(raw) = event.dyn_ref::<MessageEvent>().map(MessageEvent::data) else {
                return;
            };
            // An export comes as [json, bytes]; everything else as json.
            let (data, payload) = if js_sys::Array::is_array(&raw) {
                let parts = js_sys::Array::from(&raw);
                (parts.get(0).as_string(), Some(parts.get(1)))
            } else {
                (raw.as_string(), None)
            };
            let Some(data) = data else { return };
            match serde_json::from_str::<Message>(&data) {
                Ok(Message::Ready) => {
                    client.ready.set(true);
                    client.on_event.emit(EngineEvent::Message(Message::Ready));
                    let queued = std::mem::take(&mut *client.queue.borrow_mut());
                    for message in queued {
                        client.post(&message);
                    }
                }
                Ok(message) => {
                    if let Message::Done(Response { id, body }) = &message {
                        client.settle(*id, body, payload.as_ref());
                    }
                    if let Message::Done(Response {
                        body: Answer::Exported { file_name, mime },
                        ..
                    }) = &message
                    {
                        if let Err(e) = payload.map_or(Err(JsValue::NULL), |bytes| download(&bytes, file_name, mime)) {
                            client.on_event.emit(EngineEvent::Notice(Notice::DownloadFailed {
                                file: file_name.clone(),
                                why: format!("{e:?}"),
                            }));
                        }
                    }
                    client.on_event.emit(EngineEvent::Message(message));
                }
                Err(e) => client
                    .on_event
                    .emit(EngineEvent::Lost(Notice::Unreadable(e.to_string()))),
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
            client.on_event.emit(EngineEvent::Lost(Notice::EngineDied(message)));
            // Not from inside this handler: restarting drops it.
            wasm_bindgen_futures::spawn_local(async move { client.restart() });
        });
        worker.set_onmessage(Some(onmessage.as_ref().unchecked_ref()));
        worker.set_onerror(Some(onerror.as_ref().unchecked_ref()));
        *self.handlers.borrow_mut() = vec![onmessage, onerror];
        *self.worker.borrow_mut() = Some(worker);
    }

    /// Send a request under a fresh id; returns that id.
    pub fn send(&self, body: Ask, files: &[File]) -> u64 {
        let id = self.next_id.get();
        self.next_id.set(id + 1);
        let request = Request { id, body };
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
                    .emit(EngineEvent::Lost(Notice::Unreachable(format!("{e:?}"))));
            }
        }
    }

    /// Send a request whose answer's file the caller wants: the promise
    /// resolves with its bytes (a `Uint8Array`), and rejects when the
    /// request fails or the worker is replaced before it answers. The
    /// answer also goes to `on_event`, as every answer does.
    pub fn fetch(&self, body: Ask, files: &[File]) -> js_sys::Promise {
        let id = self.send(body, files);
        js_sys::Promise::new(&mut |resolve, reject| {
            self.waiters.borrow_mut().push((id, Waiter { resolve, reject }));
        })
    }

    fn settle(&self, id: u64, body: &Answer, payload: Option<&JsValue>) {
        let waiter = {
            let mut waiters = self.waiters.borrow_mut();
            let at = waiters.iter().position(|(i, _)| *i == id);
            at.map(|at| waiters.remove(at).1)
        };
        let Some(waiter) = waiter else { return };
        match (body, payload) {
            (Answer::Failed(_), _) | (_, None) => {
                let _ = waiter.reject.call0(&JsValue::NULL);
            }
            (_, Some(bytes)) => {
                let _ = waiter.resolve.call1(&JsValue::NULL, bytes);
            }
        }
    }

    /// Stop the worker at once (whatever it is doing) and start a new one.
    /// The new one announces itself with `Message::Ready`.
    pub fn restart(self: &Rc<Self>) {
        if let Some(worker) = self.worker.borrow_mut().take() {
            worker.terminate();
        }
        for (_, waiter) in std::mem::take(&mut *self.waiters.borrow_mut()) {
            let _ = waiter.reject.call0(&JsValue::NULL);
        }
        self.queue.borrow_mut().clear();
        self.spawn();
    }
}

/// Save `bytes` as a file through a temporary link.
fn download(bytes: &JsValue, file_name: &str, mime: &str) -> Result<(), JsValue> {
    crate::dom::download(&js_sys::Array::of1(bytes), file_name, mime)
}

impl Drop for EngineClient {
    fn drop(&mut self) {
        if let Some(worker) = self.worker.borrow_mut().take() {
            worker.terminate();
        }
    }
}
