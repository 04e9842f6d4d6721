//! The browser's side of keeping the workspace: a `workspace` directory in
//! the origin-private file system (OPFS), holding `manifest.json` and one
//! file per stored upload, named by its key. Each write goes to a new file
//! that replaces the old one only when it is closed, so a failed write (the
//! quota, a closed tab) leaves what was stored before.

use js_sys::Promise;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    Blob, File, FileSystemDirectoryHandle, FileSystemFileHandle, FileSystemGetDirectoryOptions,
    FileSystemGetFileOptions, FileSystemRemoveOptions, FileSystemWritableFileStream,
};

const DIRECTORY: &str = "workspace";
pub const MANIFEST: &str = "manifest.json";

async fn wait<T: JsCast>(promise: Result<Promise, JsValue>) -> Result<T, JsValue> {
    JsFuture::from(promise?).await?.dyn_into::<T>()
}

async fn origin_root() -> Result<FileSystemDirectoryHandle, JsValue> {
    let window = web_sys::window().ok_or(JsValue::NULL)?;
    let storage = window.navigator().storage();
    // Older browsers have `navigator.storage` but no file system.
    if !js_sys::Reflect::has(&storage, &"getDirectory".into())? {
        return Err(JsValue::from_str("no origin-private file system"));
    }
    wait(Ok(storage.get_directory())).await
}

/// The workspace's directory, made if it is not there.
pub async fn directory() -> Result<FileSystemDirectoryHandle, JsValue> {
    let root = origin_root().await?;
    let options = FileSystemGetDirectoryOptions::new();
    options.set_create(true);
    wait(Ok(root.get_directory_handle_with_options(DIRECTORY, &options))).await
}

async fn handle(dir: &FileSystemDirectoryHandle, name: &str, create: bool) -> Result<FileSystemFileHandle, JsValue> {
    let options = FileSystemGetFileOptions::new();
    options.set_create(create);
    wait(Ok(dir.get_file_handle_with_options(name, &options))).await
}

/// Write `blob` as `name`, replacing what was there once complete.
pub async fn write(dir: &FileSystemDirectoryHandle, name: &str, blob: &Blob) -> Result<(), JsValue> {
    let file = handle(dir, name, true).await?;
    let stream: FileSystemWritableFileStream = wait(Ok(file.create_writable())).await?;
    if let Err(e) = JsFuture::from(stream.write_with_blob(blob)?).await {
        // Drop the half-written copy; the stored file stays as it was.
        let _ = JsFuture::from(stream.abort()).await;
        return Err(e);
    }
    JsFuture::from(stream.close()).await.map(|_| ())
}

pub async fn write_text(dir: &FileSystemDirectoryHandle, name: &str, text: &str) -> Result<(), JsValue> {
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let blob = Blob::new_with_str_sequence(&parts)?;
    write(dir, name, &blob).await
}

/// The stored file `name`, or an error when there is none.
pub async fn read(dir: &FileSystemDirectoryHandle, name: &str) -> Result<File, JsValue> {
    let file = handle(dir, name, false).await?;
    wait(Ok(file.get_file())).await
}

pub async fn read_text(dir: &FileSystemDirectoryHandle, name: &str) -> Result<String, JsValue> {
    let file = read(dir, name).await?;
    JsFuture::from(file.text()).await?.as_string().ok_or(JsValue::NULL)
}

pub async fn remove(dir: &FileSystemDirectoryHandle, name: &str) -> Result<(), JsValue> {
    JsFuture::from(dir.remove_entry(name)).await.map(|_| ())
}

/// Everything the workspace stored, gone.
pub async fn clear() -> Result<(), JsValue> {
    let root = origin_root().await?;
    let options = FileSystemRemoveOptions::new();
    options.set_recursive(true);
    match JsFuture::from(root.remove_entry_with_options(DIRECTORY, &options)).await {
        Ok(_) => Ok(()),
        // Nothing was stored.
        Err(e) if error_name(&e).as_deref() == Some("NotFoundError") => Ok(()),
        Err(e) => Err(e),
    }
}

/// A stored file under its user-facing name (the store names it by key).
pub fn renamed(file: &File, name: &str) -> Result<File, JsValue> {
    let options = web_sys::FilePropertyBag::new();
    options.set_type(&file.type_());
    options.set_last_modified(file.last_modified());
    File::new_with_blob_sequence_and_options(&js_sys::Array::of1(file), name, &options)
}

/// A `DOMException`'s name (`QuotaExceededError`, `NotFoundError`…).
pub fn error_name(e: &JsValue) -> Option<String> {
    js_sys::Reflect::get(e, &"name".into()).ok()?.as_string()
}

/// What to tell the user about a failed write: the exception's name, or
/// its message when it has no name.
pub fn why(e: &JsValue) -> String {
    error_name(e)
        .or_else(|| e.as_string())
        .unwrap_or_else(|| format!("{e:?}"))
}
