//! Request handling inside the worker (wasm32 only).

use std::cell::{Cell, RefCell};

use dataplay_api::{Request, Response, SourceRef};
use dataplay_engine::load::{check_room, check_size};
use dataplay_engine::Workspace;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{DedicatedWorkerGlobalScope, File, FileReaderSync, MessageEvent};

/// Files are read in slices of this size so progress can be reported.
const READ_CHUNK: f64 = 16.0 * 1024.0 * 1024.0;

thread_local! {
    static WORKSPACE: RefCell<Workspace> = RefCell::new(Workspace::new());
    static IN_FLIGHT: Cell<u64> = const { Cell::new(0) };
    /// What the last panic said (the hook runs before the unwinding).
    static PANIC: RefCell<Option<String>> = const { RefCell::new(None) };
}

fn scope() -> DedicatedWorkerGlobalScope {
    js_sys::global().unchecked_into()
}

fn post(response: &Response) {
    if let Ok(json) = serde_json::to_string(response) {
        // A failed post means the page is gone: nothing left to tell.
        let _ = scope().post_message(&JsValue::from_str(&json));
    }
}

pub fn start() {
    std::panic::set_hook(Box::new(|info| {
        let why = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "no reason given".into());
        if cfg!(panic = "abort") {
            // The worker dies after this: say so while it can.
            let id = IN_FLIGHT.with(Cell::get);
            post(&Response::Failed {
                id,
                error: format!("the engine crashed: {why}"),
            });
        } else {
            PANIC.with(|p| *p.borrow_mut() = Some(why));
        }
    }));
    // An allocation that fails (memory.grow refused) panics instead of
    // aborting, so the request fails alone (the default hook aborts).
    std::alloc::set_alloc_error_hook(|layout| {
        panic!(
            "not enough memory: {} more were needed",
            dataplay_engine::error::human_bytes(layout.size() as u64)
        )
    });
    let onmessage = Closure::<dyn FnMut(MessageEvent)>::new(on_message);
    scope().set_onmessage(Some(onmessage.as_ref().unchecked_ref()));
    onmessage.forget();
    post(&Response::Ready);
}

fn on_message(event: MessageEvent) {
    let data = js_sys::Array::from(&event.data());
    let Some(json) = data.get(0).as_string() else {
        post(&Response::Failed {
            id: 0,
            error: "malformed request to the engine".into(),
        });
        return;
    };
    let files: Vec<File> = (1..data.length())
        .filter_map(|i| data.get(i).dyn_into::<File>().ok())
        .collect();
    let request: Request = match serde_json::from_str(&json) {
        Ok(r) => r,
        Err(e) => {
            post(&Response::Failed {
                id: 0,
                error: format!("malformed request to the engine: {e}"),
            });
            return;
        }
    };
    let id = request.id();
    IN_FLIGHT.with(|c| c.set(id));
    // The web build unwinds (see README, "Panics in the page"): a request
    // that panics fails alone, and the engine keeps every table it had.
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| handle(request, &files))) {
        Ok(Some(response)) => post(&response),
        Ok(None) => {}
        Err(_) => {
            let why = PANIC
                .with(|p| p.borrow_mut().take())
                .unwrap_or_else(|| "no reason given".into());
            post(&Response::Failed {
                id,
                error: format!("the engine failed on this request ({why}); the tables it had are kept"),
            });
        }
    }
}

/// The answer to a request; `None` when it was already posted (an export,
/// whose bytes travel next to the JSON).
fn handle(request: Request, files: &[File]) -> Option<Response> {
    let response = match request {
        Request::Load {
            id,
            sources,
            max_file_bytes,
        } => load(id, &sources, files, max_file_bytes),
        Request::Reload { id, dataset, options } => {
            post(&Response::Progress {
                id,
                message: format!("Re-reading {dataset}"),
                fraction: None,
            });
            match WORKSPACE.with(|w| w.borrow_mut().reload(&dataset, &options)) {
                Ok(summary) => Response::Loaded {
                    id,
                    datasets: vec![summary],
                    errors: vec![],
                    ok_sources: vec![0],
                },
                Err(e) => Response::Failed {
                    id,
                    error: e.to_string(),
                },
            }
        }
        Request::Rows {
            id,
            dataset,
            start,
            len,
        } => match WORKSPACE.with(|w| w.borrow().rows(&dataset, start, len)) {
            Ok(window) => Response::Rows { id, window },
            Err(e) => Response::Failed {
                id,
                error: e.to_string(),
            },
        },
        Request::Cap { id, request } => {
            // Timed here: `std::time::Instant` does not exist in the browser.
            let started = js_sys::Date::now();
            match dataplay_engine::cap::view::compare(&request) {
                Ok(comparison) => Response::Cap {
                    id,
                    comparison: Box::new(comparison),
                    elapsed_ms: js_sys::Date::now() - started,
                },
                Err(error) => Response::Failed { id, error },
            }
        }
        Request::Etl { id, params } => {
            post(&Response::Progress {
                id,
                message: "Running the ETL pipeline".into(),
                fraction: None,
            });
            let clock = || js_sys::Date::now();
            match WORKSPACE.with(|w| w.borrow_mut().run_etl(&params, &clock)) {
                Ok((report, datasets)) => Response::Etl {
                    id,
                    report: Box::new(report),
                    datasets,
                },
                Err(e) => Response::Failed {
                    id,
                    error: e.to_string(),
                },
            }
        }
        Request::Lake {
            id,
            action: action @ dataplay_api::lake::LakeAction::Ingest { .. },
        } => ingest(id, action, files),
        Request::Lake { id, action } => {
            post(&Response::Progress {
                id,
                message: "Working in the lake and warehouse".into(),
                fraction: None,
            });
            let clock = || js_sys::Date::now();
            match WORKSPACE.with(|w| w.borrow_mut().run_lake(&action, &clock)) {
                Ok((view, datasets)) => Response::Lake {
                    id,
                    action: Box::new(action),
                    view: Box::new(view),
                    datasets,
                },
                Err(e) => Response::Failed {
                    id,
                    error: e.to_string(),
                },
            }
        }
        Request::Export { id, dataset, format } => match export(id, &dataset, format) {
            Ok(()) => return None,
            Err(error) => Response::Failed { id, error },
        },
        Request::ExportPipeline { id, pipeline } => {
            let sent = dataplay_engine::codegen::pipeline(&pipeline)
                .map_err(|e| e.to_string())
                .and_then(|file| post_file(id, &file.file_name, file.mime, file.text.as_bytes()));
            match sent {
                Ok(()) => return None,
                Err(error) => Response::Failed { id, error },
            }
        }
        Request::Remove { id, dataset } => {
            WORKSPACE.with(|w| w.borrow_mut().remove(&dataset));
            Response::Removed { id, dataset }
        }
    };
    Some(response)
}

/// Files posted with an `Ingest` go into the lake one by one; the answer
/// lists the lake (a file that fails is reported, the others stay).
fn ingest(id: u64, action: dataplay_api::lake::LakeAction, files: &[File]) -> Response {
    let dataplay_api::lake::LakeAction::Ingest { zone, dataset, day } = &action else {
        return Response::Failed {
            id,
            error: "not an ingest".into(),
        };
    };
    let mut errors = vec![];
    for (n, file) in files.iter().enumerate() {
        let name = file.name();
        let step = format!("({}/{})", n + 1, files.len());
        let result =
            read_file(id, &name, file, dataplay_engine::load::DEFAULT_MAX_FILE_BYTES, &step).and_then(|bytes| {
                WORKSPACE
                    .with(|w| w.borrow_mut().ingest(zone, dataset, day, &name, bytes))
                    .map_err(|e| e.to_string())
            });
        if let Err(e) = result {
            errors.push(e);
        }
    }
    if !errors.is_empty() {
        // The files that failed are named; the lake below has the others.
        post(&Response::Failed {
            id,
            error: errors.join("\n"),
        });
    }
    let clock = || js_sys::Date::now();
    match WORKSPACE.with(|w| w.borrow_mut().run_lake(&dataplay_api::lake::LakeAction::List, &clock)) {
        Ok((view, datasets)) => Response::Lake {
            id,
            action: Box::new(action),
            view: Box::new(view),
            datasets,
        },
        Err(e) => Response::Failed {
            id,
            error: e.to_string(),
        },
    }
}

/// A dataset as a file for the page to download.
fn export(id: u64, dataset: &str, format: dataplay_api::FileFormat) -> Result<(), String> {
    let bytes = WORKSPACE
        .with(|w| w.borrow().export(dataset, format))
        .map_err(|e| e.to_string())?;
    let file_name = format!("{}.{}", dataset.replace(':', "_"), format.extension());
    post_file(id, &file_name, format.mime(), &bytes)
}

/// Post `Exported` with the file's bytes transferred (not copied) next to it.
fn post_file(id: u64, file_name: &str, mime: &str, bytes: &[u8]) -> Result<(), String> {
    let response = Response::Exported {
        id,
        file_name: file_name.into(),
        mime: mime.into(),
    };
    let json = serde_json::to_string(&response).map_err(|e| e.to_string())?;
    let array = js_sys::Uint8Array::from(bytes);
    let message = js_sys::Array::of2(&JsValue::from_str(&json), &array);
    scope()
        .post_message_with_transfer(&message, &js_sys::Array::of1(&array.buffer()))
        .map_err(|_| format!("{file_name}: could not hand the file to the page"))
}

fn load(id: u64, sources: &[SourceRef], files: &[File], max_file_bytes: u64) -> Response {
    let mut datasets = Vec::new();
    let mut errors = Vec::new();
    let mut ok_sources = Vec::new();
    let total = sources.len();
    for (n, source) in sources.iter().enumerate() {
        let step = format!("({}/{total})", n + 1);
        let result = match source {
            SourceRef::Sample(spec) => {
                post(&Response::Progress {
                    id,
                    message: format!("Generating {} {step}", dataplay_engine::samples::describe(spec)),
                    fraction: None,
                });
                WORKSPACE
                    .with(|w| w.borrow_mut().load_sample(spec))
                    .map_err(|e| e.to_string())
            }
            SourceRef::File { index, name, options } => match files.get(*index) {
                None => Err(format!("{name}: the file did not reach the engine")),
                Some(file) => read_file(id, name, file, max_file_bytes, &step).and_then(|bytes| {
                    post(&Response::Progress {
                        id,
                        message: format!("Parsing {name} {step}"),
                        fraction: None,
                    });
                    WORKSPACE
                        .with(|w| w.borrow_mut().load_file(name, bytes, options))
                        .map(|s| vec![s])
                        .map_err(|e| e.to_string())
                }),
            },
        };
        match result {
            Ok(mut summaries) => {
                ok_sources.push(n);
                datasets.append(&mut summaries);
            }
            Err(e) => errors.push(e),
        }
    }
    Response::Loaded {
        id,
        datasets,
        errors,
        ok_sources,
    }
}

fn read_file(id: u64, name: &str, file: &File, max_file_bytes: u64, step: &str) -> Result<Vec<u8>, String> {
    let size = file.size();
    check_size(name, size as u64, max_file_bytes).map_err(|e| e.to_string())?;
    check_room(name, size as u64).map_err(|e| e.to_string())?;
    let reader = FileReaderSync::new().map_err(|_| format!("{name}: this browser cannot read files in a worker"))?;
    let mut bytes = Vec::new();
    bytes.try_reserve_exact(size as usize).map_err(|_| {
        format!(
            "{name}: not enough memory to hold {} in the browser",
            dataplay_engine::error::human_bytes(size as u64)
        )
    })?;
    let mut offset = 0.0;
    while offset < size {
        let end = (offset + READ_CHUNK).min(size);
        post(&Response::Progress {
            id,
            message: format!("Reading {name} {step}"),
            fraction: Some(offset / size.max(1.0)),
        });
        let slice = file
            .slice_with_f64_and_f64(offset, end)
            .map_err(|_| format!("{name}: could not read the file"))?;
        let buffer = reader
            .read_as_array_buffer(&slice)
            .map_err(|e| format!("{name}: could not read the file ({})", js_error(&e)))?;
        let chunk = js_sys::Uint8Array::new(&buffer);
        let at = bytes.len();
        bytes.resize(at + chunk.length() as usize, 0);
        chunk.copy_to(&mut bytes[at..]);
        offset = end;
    }
    Ok(bytes)
}

fn js_error(value: &JsValue) -> String {
    value
        .dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| value.as_string())
        .unwrap_or_else(|| "unknown error".into())
}
