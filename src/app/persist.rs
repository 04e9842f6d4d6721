//! The workspace kept between visits: read back once at start (the files
//! and samples come back through the same restore as after a restart), then
//! the store follows every change of what is loaded, one sync at a time.
//! The Data page's "reset workspace" empties the store and reloads.

use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet};
use std::rc::Rc;

use wasm_bindgen_futures::spawn_local;
use web_sys::File;
use yew::prelude::*;

use crate::dom;
use crate::persist::{opfs, plan, Manifest, Stored};
use crate::state::{Action, AppState, Notice, Restorable, Restore};

/// What the pages see of the store: whether it keeps the workspace, and how
/// to empty it.
#[derive(Clone, PartialEq)]
pub struct Keeping {
    /// `None` until the store has been read.
    pub available: Option<bool>,
    /// How many uploaded files the store holds, and whether it is writing.
    pub progress: Progress,
    pub reset: Callback<()>,
}

#[derive(Clone, Copy, Default, PartialEq)]
pub struct Progress {
    pub files: usize,
    pub saving: bool,
}

#[derive(Default)]
struct Store {
    /// Keys of the files in the store.
    stored: BTreeSet<String>,
    /// Keys the browser would not store (full): not tried again.
    refused: BTreeSet<String>,
    /// The newest manifest wanted and the files it names, while a sync runs.
    wanted: Option<(Manifest, BTreeMap<String, File>)>,
    running: bool,
    /// Reset: nothing more is written.
    closed: bool,
}

type Shared = Rc<RefCell<Store>>;

#[hook]
pub fn use_persistence(state: &UseReducerHandle<AppState>) -> Keeping {
    let store: Shared = (*use_memo((), |_| Rc::new(RefCell::new(Store::default())))).clone();
    let progress = use_state(Progress::default);
    {
        let (store, dispatch, progress) = (store.clone(), state.dispatcher(), progress.setter());
        use_effect_with((), move |_| {
            spawn_local(async move {
                recover(&store, dispatch).await;
                progress.set(Progress {
                    files: store.borrow().stored.len(),
                    saving: false,
                });
            })
        });
    }
    {
        let manifest = state
            .recovered
            .then(|| Manifest::of(&state.restores, &store.borrow().refused));
        let (store, dispatch, restores) = (store.clone(), state.dispatcher(), state.restores.clone());
        let progress = progress.setter();
        use_effect_with(manifest, move |manifest| {
            if let Some(manifest) = manifest.clone() {
                want(&store, manifest, files(&restores), dispatch, progress);
            }
        });
    }
    let reset = {
        let store = store.clone();
        Callback::from(move |_| {
            store.borrow_mut().closed = true;
            spawn_local(async {
                let _ = opfs::clear().await;
                dom::reload();
            });
        })
    };
    Keeping {
        available: state.storage,
        progress: *progress,
        reset,
    }
}

fn files(restores: &[Restore]) -> BTreeMap<String, File> {
    restores
        .iter()
        .filter_map(|r| match &r.source {
            Restorable::File { key, file, .. } => Some((key.clone(), file.clone())),
            Restorable::Sample(_) => None,
        })
        .collect()
}

/// Read the stored workspace back and hand it to the reducer.
async fn recover(store: &Shared, dispatch: UseReducerDispatcher<AppState>) {
    let Ok(dir) = opfs::directory().await else {
        dispatch.dispatch(Action::Recovered {
            restores: vec![],
            available: false,
        });
        return;
    };
    let manifest = match opfs::read_text(&dir, opfs::MANIFEST).await {
        Ok(text) => Manifest::read(&text),
        Err(_) => None,
    };
    let mut restores = Vec::new();
    for source in manifest.map(|m| m.sources).unwrap_or_default() {
        match source {
            Stored::File {
                key,
                name,
                options,
                datasets,
            } => match opfs::read(&dir, &key).await.and_then(|f| opfs::renamed(&f, &name)) {
                Ok(file) => {
                    store.borrow_mut().stored.insert(key.clone());
                    restores.push(Restore {
                        source: Restorable::File {
                            file,
                            key,
                            name,
                            options,
                        },
                        datasets,
                    });
                }
                Err(_) => dispatch.dispatch(Action::Notify(Notice::StoredLost { file: name })),
            },
            Stored::Sample { spec, datasets } => restores.push(Restore {
                source: Restorable::Sample(spec),
                datasets,
            }),
        }
    }
    dispatch.dispatch(Action::Recovered {
        restores,
        available: true,
    });
}

/// Ask for the store to hold `manifest`; syncs run one after another, the
/// newest wish replacing any not yet started.
fn want(
    store: &Shared,
    manifest: Manifest,
    files: BTreeMap<String, File>,
    dispatch: UseReducerDispatcher<AppState>,
    progress: UseStateSetter<Progress>,
) {
    let mut s = store.borrow_mut();
    if s.closed {
        return;
    }
    s.wanted = Some((manifest, files));
    if !s.running {
        s.running = true;
        progress.set(Progress {
            files: s.stored.len(),
            saving: true,
        });
        spawn_local(run(store.clone(), dispatch, progress));
    }
}

async fn run(store: Shared, dispatch: UseReducerDispatcher<AppState>, progress: UseStateSetter<Progress>) {
    loop {
        let next = {
            let mut s = store.borrow_mut();
            match s.wanted.take().filter(|_| !s.closed) {
                Some(next) => next,
                None => {
                    s.running = false;
                    progress.set(Progress {
                        files: s.stored.len(),
                        saving: false,
                    });
                    return;
                }
            }
        };
        sync(&store, next, &dispatch).await;
    }
}

async fn sync(
    store: &Shared,
    (mut manifest, files): (Manifest, BTreeMap<String, File>),
    dispatch: &UseReducerDispatcher<AppState>,
) {
    let Ok(dir) = opfs::directory().await else { return };
    let (write, delete) = plan(&manifest, &store.borrow().stored);
    for key in write {
        let Some(file) = files.get(&key) else { continue };
        match opfs::write(&dir, &key, file).await {
            Ok(()) => {
                store.borrow_mut().stored.insert(key);
            }
            Err(e) => {
                // Full (or refused): the file stays loaded for this visit;
                // what was stored before is untouched.
                store.borrow_mut().refused.insert(key.clone());
                manifest.sources.retain(|s| s.key() != Some(&key));
                dispatch.dispatch(Action::Notify(Notice::NotKept {
                    file: file.name(),
                    why: opfs::why(&e),
                }));
            }
        }
    }
    if store.borrow().closed {
        return;
    }
    let Ok(text) = serde_json::to_string(&manifest) else {
        return;
    };
    if opfs::write_text(&dir, opfs::MANIFEST, &text).await.is_err() {
        return;
    }
    for key in delete {
        if opfs::remove(&dir, &key).await.is_ok() {
            store.borrow_mut().stored.remove(&key);
        }
    }
}
