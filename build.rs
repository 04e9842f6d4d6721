//! A hash of every catalog's bytes, for the URLs the page fetches them by
//! (`src/i18n/load.rs`): a new build's words never mix with cached files.

use std::fs;
use std::path::Path;

fn main() {
    println!("cargo:rerun-if-changed=locales");
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut files: Vec<_> = ["en", "vi"]
        .iter()
        .flat_map(|lang| fs::read_dir(Path::new("locales").join(lang)).into_iter().flatten())
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    files.sort();
    for path in files {
        println!("cargo:rerun-if-changed={}", path.display());
        for byte in path
            .to_string_lossy()
            .bytes()
            .chain(fs::read(&path).unwrap_or_default())
        {
            hash = (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3);
        }
    }
    println!("cargo:rustc-env=DATAPLAY_LOCALES_HASH={hash:016x}");
}
