//! The workspace kept between visits: read back once at start (the files
//! and samples come back through the same restore as after a restart, the
//! lake and warehouse as the one file the engine wrote), then the store
//! follows every change of what is loaded, one sync at a time, and keeps
//! the engine's lake and warehouse after each change to them. After a
//! restart (cancel, crash) the new engine gets the kept lake back too.
//! The Data page's "reset workspace" empties the store and reloads.

use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet};
use std::rc::Rc;

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::{spawn_local, JsFuture};
use web_sys::File;
use yew::prelude::*;

use crate::actions::EngineActions;
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
    /// Every change to the lake and warehouse so far is kept.
    pub lake_kept: bool,
    pub reset: Callback<()>,
    /// Download the whole workspace as one file.
    pub export: Callback<()>,
    /// Replace the workspace with the one a file holds (then reload).
    pub import: Callback<File>,
    /// An import is being written.
    pub importing: bool,
}

#[derive(Clone, Copy, Default, PartialEq)]
pub struct Progress {
    pub files: usize,
    pub saving: bool,
    /// `AppState::lake_changes` as last kept: the lake is kept when this
    /// is the state's.
    pub lake_kept: u64,
}

/// The store's name of the engine's lake and warehouse.
pub const STATE: &str = "lake-warehouse.dataplay";

#[derive(Default)]
struct Store {
    /// Keys of the files in the store.
    stored: BTreeSet<String>,
    /// Keys the browser would not store (full): not tried again.
    refused: BTreeSet<String>,
    /// The syncs of the manifest and the files it names.
    sync: Serial<(Manifest, BTreeMap<String, File>)>,
    /// The saves of the lake and warehouse, by `AppState::lake_changes`;
    /// the change last kept; whether the store holds one.
    save: Serial<u64>,
    lake_kept: u64,
    state_kept: bool,
    /// Reset: nothing more is written.
    closed: bool,
}

impl Store {
    fn progress(&self) -> Progress {
        Progress {
            files: self.stored.len(),
            saving: self.sync.running || self.save.running,
            lake_kept: self.lake_kept,
        }
    }
}

/// Jobs run one after another, the newest wish replacing any not yet started.
struct Serial<T> {
    wanted: Option<T>,
    running: bool,
}

impl<T> Default for Serial<T> {
    fn default() -> Self {
        Serial {
            wanted: None,
            running: false,
        }
    }
}

impl<T> Serial<T> {
    /// Wish for `job`; true when no run is going, and the caller starts one.
    fn want(&mut self, job: T) -> bool {
        self.wanted = Some(job);
        !std::mem::replace(&mut self.running, true)
    }

    /// The run's next job; none (and the run ends) when there is no wish
    /// or the store is `closed`.
    fn next(&mut self, closed: bool) -> Option<T> {
        let next = self.wanted.take().filter(|_| !closed);
        self.running = next.is_some();
        next
    }
}

type Shared = Rc<RefCell<Store>>;

#[hook]
pub fn use_persistence(state: &UseReducerHandle<AppState>, actions: &EngineActions) -> Keeping {
    let store: Shared = (*use_memo((), |_| Rc::new(RefCell::new(Store::default())))).clone();
    let progress = use_state(Progress::default);
    {
        let (store, dispatch, progress, actions) =
            (store.clone(), state.dispatcher(), progress.setter(), actions.clone());
        use_effect_with((), move |_| {
            spawn_local(async move {
                recover(&store, dispatch, &actions).await;
                progress.set(store.borrow().progress());
            })
        });
    }
    {
        // A new engine (after a cancel or a crash) gets the kept lake back.
        let (store, actions) = (store.clone(), actions.clone());
        use_effect_with((state.ready, state.epoch), move |(ready, epoch)| {
            if *ready && *epoch > 0 && store.borrow().state_kept {
                spawn_local(async move {
                    if let Some(file) = kept_state().await {
                        actions.load_state(&file);
                    }
                });
            }
        });
    }
    {
        let (store, dispatch, actions, progress) =
            (store.clone(), state.dispatcher(), actions.clone(), progress.setter());
        use_effect_with((state.recovered, state.lake_changes), move |(recovered, changes)| {
            if *recovered && *changes > 0 {
                want_state(&store, *changes, actions, dispatch, progress);
            }
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
            dom::forget_links();
            spawn_local(async {
                let _ = opfs::clear().await;
                dom::reload();
            });
        })
    };
    let importing = use_state(|| false);
    let export = {
        let (actions, restores, dispatch) = (actions.clone(), state.restores.clone(), state.dispatcher());
        Callback::from(move |_| {
            let (actions, restores, dispatch) = (actions.clone(), restores.clone(), dispatch.clone());
            spawn_local(async move {
                if let Err(e) = super::transfer::export(&actions, &restores).await {
                    dispatch.dispatch(Action::Notify(Notice::ExportFailed { why: opfs::why(&e) }));
                }
            })
        })
    };
    let import = {
        let (store, dispatch, importing) = (store.clone(), state.dispatcher(), importing.clone());
        Callback::from(move |file: File| {
            let (store, dispatch, importing) = (store.clone(), dispatch.clone(), importing.clone());
            // Nothing more is written of the workspace being replaced.
            store.borrow_mut().closed = true;
            importing.set(true);
            spawn_local(async move {
                let before = store.borrow().stored.clone();
                match super::transfer::import(&file, &before).await {
                    Ok(keys) => {
                        let old: Vec<String> = store.borrow().stored.difference(&keys).cloned().collect();
                        if let Ok(dir) = opfs::directory().await {
                            for key in old {
                                let _ = opfs::remove(&dir, &key).await;
                            }
                        }
                        dom::set_location_hash("#/data");
                        dom::reload();
                    }
                    Err(e) => {
                        store.borrow_mut().closed = false;
                        importing.set(false);
                        let (why, damaged) = match e {
                            super::transfer::ImportError::NotAWorkspace(why) => (why, true),
                            super::transfer::ImportError::Refused(why) => (why, false),
                        };
                        dispatch.dispatch(Action::Notify(Notice::ImportFailed {
                            file: file.name(),
                            why,
                            damaged,
                        }));
                    }
                }
            })
        })
    };
    Keeping {
        export,
        import,
        importing: *importing,
        available: state.storage,
        progress: *progress,
        lake_kept: progress.lake_kept >= state.lake_changes,
        reset,
    }
}

/// The uploaded files of `restores`, by key.
pub(super) fn files(restores: &[Restore]) -> BTreeMap<String, File> {
    restores
        .iter()
        .filter_map(|r| match &r.source {
            Restorable::File { key, file, .. } => Some((key.clone(), file.clone())),
            Restorable::Sample(_) => None,
        })
        .collect()
}

/// The kept lake and warehouse, under the name a problem with it shows.
async fn kept_state() -> Option<File> {
    let dir = opfs::directory().await.ok()?;
    opfs::read(&dir, STATE).await.ok()
}

/// Keep the engine's lake and warehouse as of change `change`; saves run
/// one after another, the newest wish replacing any not yet started.
fn want_state(
    store: &Shared,
    change: u64,
    actions: EngineActions,
    dispatch: UseReducerDispatcher<AppState>,
    progress: UseStateSetter<Progress>,
) {
    let mut s = store.borrow_mut();
    if !s.closed && s.save.want(change) {
        progress.set(s.progress());
        spawn_local(save_states(store.clone(), actions, dispatch, progress));
    }
}

async fn save_states(
    store: Shared,
    actions: EngineActions,
    dispatch: UseReducerDispatcher<AppState>,
    progress: UseStateSetter<Progress>,
) {
    loop {
        let change = {
            let mut s = store.borrow_mut();
            let closed = s.closed;
            match s.save.next(closed) {
                Some(change) => change,
                None => {
                    progress.set(s.progress());
                    return;
                }
            }
        };
        // Rejected: the engine failed or was replaced; the next change saves.
        let Ok(bytes) = JsFuture::from(actions.save_state()).await else {
            continue;
        };
        let Some(blob) = bytes
            .dyn_into::<js_sys::Uint8Array>()
            .ok()
            .and_then(|b| web_sys::Blob::new_with_u8_array_sequence(&js_sys::Array::of1(&b)).ok())
        else {
            continue;
        };
        let Ok(dir) = opfs::directory().await else { continue };
        if store.borrow().closed {
            return;
        }
        match opfs::write(&dir, STATE, &blob).await {
            Ok(()) => {
                let mut s = store.borrow_mut();
                s.lake_kept = change;
                s.state_kept = true;
            }
            Err(e) => dispatch.dispatch(Action::Notify(Notice::StateNotKept { why: opfs::why(&e) })),
        }
    }
}

/// Read the stored workspace back and hand it to the reducer; the kept
/// lake and warehouse go to the engine.
async fn recover(store: &Shared, dispatch: UseReducerDispatcher<AppState>, actions: &EngineActions) {
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
    if let Ok(file) = opfs::read(&dir, STATE).await {
        store.borrow_mut().state_kept = true;
        actions.load_state(&file);
    }
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
    if !s.closed && s.sync.want((manifest, files)) {
        progress.set(s.progress());
        spawn_local(run(store.clone(), dispatch, progress));
    }
}

async fn run(store: Shared, dispatch: UseReducerDispatcher<AppState>, progress: UseStateSetter<Progress>) {
    loop {
        let next = {
            let mut s = store.borrow_mut();
            let closed = s.closed;
            match s.sync.next(closed) {
                Some(next) => next,
                None => {
                    progress.set(s.progress());
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

#[cfg(test)]
mod tests {
    use super::Serial;

    #[test]
    fn one_job_runs_at_a_time_and_the_newest_wish_replaces_the_waiting_one() {
        let mut s = Serial::default();
        assert!(s.want(1), "nothing running: the caller starts a run");
        assert!(!s.want(2), "a run is going: it takes the wish");
        assert_eq!(s.next(false), Some(2), "1 was replaced before it started");
        assert!(!s.want(3) && !s.want(4));
        assert_eq!(s.next(false), Some(4));
        assert_eq!(s.next(false), None, "no wish: the run ends");
        assert!(s.want(5), "after the run ended, a new one starts");
        assert_eq!(s.next(true), None, "closed: nothing more runs");
        assert!(s.want(6));
    }
}
