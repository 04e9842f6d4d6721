//! A whole workspace to one file and back. Export writes the uploaded
//! files, the engine's lake and warehouse and the pages' links as one
//! `.dataplay` file (the browser joins the parts: the files are not copied
//! through the page's memory). Import reads a file's table of contents and
//! checks it whole before anything is replaced, writes its parts into the
//! browser's store (the manifest last: until then the workspace kept is the
//! old one), and the page reloads into it as on any visit.

use std::collections::BTreeSet;

use dataplay_api::archive;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{Blob, File};

use crate::actions::EngineActions;
use crate::persist::{file_part, opfs, Exported, Manifest, STATE_PART, VERSION};
use crate::state::Restore;

/// Why an import did not happen.
pub enum ImportError {
    /// Not a workspace file this build reads (the detail says why).
    NotAWorkspace(String),
    /// The browser refused to store it (its reason).
    Refused(String),
}

/// Download the workspace as one file.
pub async fn export(actions: &EngineActions, restores: &[Restore]) -> Result<(), JsValue> {
    let manifest = Manifest::of(restores, &BTreeSet::new());
    let files = super::persist::files(restores);
    let state: js_sys::Uint8Array = JsFuture::from(actions.save_state()).await?.dyn_into()?;
    let exported = Exported {
        version: VERSION,
        manifest,
        links: crate::route::links(),
    };
    let parts = exported.parts(&|k| files.get(k).map(|f| f.size() as u64), state.length() as u64);
    let head = archive::head(&exported, &parts);
    let blob_parts = js_sys::Array::of1(&js_sys::Uint8Array::from(head.as_slice()));
    for part in &parts {
        match part.name.strip_prefix("file/").and_then(|k| files.get(k)) {
            Some(file) => blob_parts.push(file),
            None => blob_parts.push(&state),
        };
    }
    let today = String::from(js_sys::Date::new_0().to_iso_string());
    let name = format!("dataplay-workspace-{}.dataplay", today.get(..10).unwrap_or("today"));
    crate::dom::download(&blob_parts, &name, "application/octet-stream")
}

async fn bytes(blob: &Blob) -> Result<Vec<u8>, JsValue> {
    let buffer = JsFuture::from(blob.array_buffer()).await?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

fn slice(file: &File, range: std::ops::Range<u64>) -> Result<Blob, JsValue> {
    file.slice_with_f64_and_f64(range.start as f64, range.end as f64)
}

/// The file's table of contents, checked whole.
async fn read_layout(file: &File) -> Result<archive::Layout<Exported>, ImportError> {
    let unreadable = |e: JsValue| ImportError::NotAWorkspace(opfs::why(&e));
    let total = file.size() as u64;
    let prefix = bytes(&slice(file, 0..(archive::PREFIX as u64).min(total)).map_err(unreadable)?)
        .await
        .map_err(unreadable)?;
    let bad = |e: archive::ArchiveError| ImportError::NotAWorkspace(e.to_string());
    let len = archive::header_len(&prefix, total).map_err(bad)?;
    let start = archive::PREFIX as u64;
    let header = bytes(&slice(file, start..start + len).map_err(unreadable)?)
        .await
        .map_err(unreadable)?;
    let layout: archive::Layout<Exported> = archive::layout(&header, total).map_err(bad)?;
    Exported::check(&layout).map_err(ImportError::NotAWorkspace)?;
    Ok(layout)
}

/// Put the workspace `file` holds into the browser's store (`stored`: the
/// keys there now); returns the keys of the files it stored (the ones
/// stored before that it does not name can go). On a failure, what it
/// wrote that was not there before is removed, and the manifest — written
/// last — is still the old one.
pub async fn import(file: &File, stored: &BTreeSet<String>) -> Result<BTreeSet<String>, ImportError> {
    let layout = read_layout(file).await?;
    let refused = |e: JsValue| ImportError::Refused(opfs::why(&e));
    let dir = opfs::directory().await.map_err(refused)?;
    let keys = layout.meta.manifest.keys();
    let mut written = Vec::new();
    let mut write_all = async || -> Result<(), JsValue> {
        for key in &keys {
            let range = layout.find(&file_part(key)).ok_or(JsValue::NULL)?;
            opfs::write(&dir, key, &slice(file, range)?).await?;
            if !stored.contains(key) {
                written.push(key.clone());
            }
        }
        match layout.find(STATE_PART) {
            Some(range) => opfs::write(&dir, super::persist::STATE, &slice(file, range)?).await?,
            None => {
                let _ = opfs::remove(&dir, super::persist::STATE).await;
            }
        }
        let text = serde_json::to_string(&layout.meta.manifest).map_err(|e| JsValue::from_str(&e.to_string()))?;
        opfs::write_text(&dir, opfs::MANIFEST, &text).await
    };
    if let Err(e) = write_all().await {
        for key in &written {
            let _ = opfs::remove(&dir, key).await;
        }
        return Err(refused(e));
    }
    crate::dom::keep_links(layout.meta.links.clone());
    Ok(keys)
}
