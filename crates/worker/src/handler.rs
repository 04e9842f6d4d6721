//! The worker's side of the page (wasm32 only): reads the page's messages
//! and `File`s, runs each request through [`crate::dispatch`], and posts its
//! progress and its one answer.

use std::cell::RefCell;

use dataplay_api::{Message, Problem, Request, Response};
use dataplay_engine::Workspace;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{DedicatedWorkerGlobalScope, File, FileReaderSync, MessageEvent};

use crate::dispatch::{self, Files};

/// Files are read in slices of this size so progress can be reported.
const READ_CHUNK: f64 = 16.0 * 1024.0 * 1024.0;

thread_local! {
    static WORKSPACE: RefCell<Workspace> = RefCell::new(Workspace::new());
    /// The request in flight, for the panic hook of an aborting build.
    static IN_FLIGHT: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
}

fn scope() -> DedicatedWorkerGlobalScope {
    js_sys::global().unchecked_into()
}

fn post(message: &Message) {
    if let Ok(json) = serde_json::to_string(message) {
        // A failed post means the page is gone: nothing left to tell.
        let _ = scope().post_message(&JsValue::from_str(&json));
    }
}

pub fn start() {
    if cfg!(panic = "abort") {
        // The worker dies after this: say so while it can.
        std::panic::set_hook(Box::new(|info| {
            let id = IN_FLIGHT.with(std::cell::Cell::get);
            post(&Message::Done(Response {
                id,
                body: dataplay_api::Answer::Failed(Problem::Crashed {
                    detail: info.to_string(),
                }),
            }));
        }));
    }
    // An allocation that fails (memory.grow refused) panics instead of
    // aborting, so the request fails alone (the default hook aborts).
    std::alloc::set_alloc_error_hook(|layout| {
        panic!(
            "not enough memory: {} more were needed",
            dataplay_api::units::human_bytes(layout.size() as u64)
        )
    });
    let onmessage = Closure::<dyn FnMut(MessageEvent)>::new(on_message);
    scope().set_onmessage(Some(onmessage.as_ref().unchecked_ref()));
    onmessage.forget();
    post(&Message::Ready);
}

fn on_message(event: MessageEvent) {
    let data = js_sys::Array::from(&event.data());
    let files = Posted(
        (1..data.length())
            .filter_map(|i| data.get(i).dyn_into::<File>().ok())
            .collect(),
    );
    let request = data
        .get(0)
        .as_string()
        .ok_or_else(|| "not a JSON text".to_string())
        .and_then(|json| serde_json::from_str::<Request>(&json).map_err(|e| e.to_string()));
    let request = match request {
        Ok(r) => r,
        Err(detail) => {
            let body = dataplay_api::Answer::Failed(Problem::BadRequest { detail });
            return post(&Message::Done(Response { id: 0, body }));
        }
    };
    let id = request.id;
    IN_FLIGHT.with(|c| c.set(id));
    let clock = || js_sys::Date::now();
    let outcome = WORKSPACE.with(|w| {
        dispatch::handle(&mut w.borrow_mut(), request, &files, &clock, &mut |progress| {
            post(&Message::Progress { id, progress })
        })
    });
    match outcome.file {
        Some(bytes) => post_with_file(&Message::Done(outcome.response), &bytes),
        None => post(&Message::Done(outcome.response)),
    }
}

/// Post a message with a file's bytes transferred (not copied) next to it.
fn post_with_file(message: &Message, bytes: &[u8]) {
    let Ok(json) = serde_json::to_string(message) else {
        return;
    };
    let array = js_sys::Uint8Array::from(bytes);
    let parts = js_sys::Array::of2(&JsValue::from_str(&json), &array);
    let _ = scope().post_message_with_transfer(&parts, &js_sys::Array::of1(&array.buffer()));
}

/// The `File`s posted with a request, read with `FileReaderSync`.
struct Posted(Vec<File>);

impl Files for Posted {
    fn count(&self) -> usize {
        self.0.len()
    }

    fn describe(&self, index: usize) -> Option<(String, u64)> {
        self.0.get(index).map(|f| (f.name(), f.size() as u64))
    }

    fn read(&self, index: usize, progress: &mut dyn FnMut(u64)) -> Result<Vec<u8>, Problem> {
        let file = self.0.get(index).ok_or(Problem::FileMissing { file: String::new() })?;
        let name = file.name();
        let size = file.size();
        let reader = FileReaderSync::new().map_err(|_| Problem::NoFileReader { file: name.clone() })?;
        let mut bytes = Vec::new();
        bytes.try_reserve_exact(size as usize).map_err(|_| Problem::NoRoom {
            file: name.clone(),
            size: size as u64,
            needed: size as u64,
        })?;
        let unreadable = |detail| Problem::FileUnreadable {
            file: name.clone(),
            detail,
        };
        let mut offset = 0.0;
        while offset < size {
            let end = (offset + READ_CHUNK).min(size);
            let slice = file.slice_with_f64_and_f64(offset, end).map_err(|_| unreadable(None))?;
            let buffer = reader
                .read_as_array_buffer(&slice)
                .map_err(|e| unreadable(Some(js_error(&e))))?;
            let chunk = js_sys::Uint8Array::new(&buffer);
            let at = bytes.len();
            bytes.resize(at + chunk.length() as usize, 0);
            chunk.copy_to(&mut bytes[at..]);
            offset = end;
            progress(offset as u64);
        }
        Ok(bytes)
    }
}

fn js_error(value: &JsValue) -> String {
    value
        .dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| value.as_string())
        .unwrap_or_else(|| "unknown error".into())
}
