#!/usr/bin/env bash
# The engine's Web Worker, built apart from the UI (which Trunk builds): the
# worker unwinds on a panic (`-Cpanic=unwind`, std rebuilt with
# panic_unwind), so a request that panics fails alone and the engine keeps
# its tables; the UI cannot (gloo-events' closures are not unwind-safe), so
# it stays `panic = "abort"`. Writes dataplay-worker.js, its _bg.wasm and the
# loader the page starts (`./dataplay-worker_loader.js`) into DIST.
set -euo pipefail
dist="${1:?usage: build_worker.sh DIST}"
cd "$(dirname "$0")/.."
. scripts/env.sh
wasm_env
unwind_env
cargo build --offline --quiet --target wasm32-unknown-unknown --profile web \
    --config 'profile.web.panic="unwind"' -p dataplay-worker --bin dataplay-worker
wasm-bindgen --target no-modules --no-typescript --remove-name-section \
    --out-dir "$dist" --out-name dataplay-worker \
    "$CARGO_TARGET_DIR/wasm32-unknown-unknown/web/dataplay-worker.wasm"
printf 'importScripts("./dataplay-worker.js");\nwasm_bindgen("./dataplay-worker_bg.wasm");\n' \
    > "$dist/dataplay-worker_loader.js"
