# Sourced by the Makefile's recipes: where build output and tools are cached
# (outside the clone, so a fresh clone reuses them), and how to reach a
# wasm32 toolchain. Prints nothing.

export DATAPLAY_CACHE="${DATAPLAY_CACHE:-$HOME/.cache/dataplay}"
export DATAPLAY_TOOLS="$DATAPLAY_CACHE/tools"
export PATH="$DATAPLAY_TOOLS/bin:$DATAPLAY_CACHE/node/node_modules/.bin:$PATH"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$DATAPLAY_CACHE/target}"

# The toolchain for wasm32. The standard library is always built from source
# (`-Zbuild-std`, allowed by RUSTC_BOOTSTRAP): with `panic_abort` for the UI,
# with `panic_unwind` for the engine (`unwind_env`), so that a panic in the
# engine fails one request instead of killing the page's worker. The source
# comes from rustup's rust-src, or, where rustup cannot fetch it, from
# Debian's rustc-web/cargo-web/rust-web-src.
# `scripts/setup.sh` records which in $DATAPLAY_CACHE/wasm-route.
wasm_env() {
    export CARGO_TARGET_DIR="$DATAPLAY_CACHE/target-web"
    export CARGO_UNSTABLE_BUILD_STD=std,panic_abort
    export RUSTC_BOOTSTRAP=1
    if [ "$(cat "$DATAPLAY_CACHE/wasm-route" 2>/dev/null)" = debian ]; then
        export PATH="/usr/bin:$DATAPLAY_TOOLS/bin:$PATH"
        export RUSTC=/usr/bin/rustc
    fi
    export CC_wasm32_unknown_unknown="${CC_wasm32_unknown_unknown:-clang-19}"
    export AR_wasm32_unknown_unknown="${AR_wasm32_unknown_unknown:-llvm-ar-19}"
}

# The engine's wasm builds (the worker, the engine's tests in the browser)
# unwind on a panic; the UI's does not (see scripts/build_worker.sh).
unwind_env() {
    export CARGO_UNSTABLE_BUILD_STD=std,panic_unwind
    export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS='--cfg getrandom_backend="wasm_js" -Cpanic=unwind'
}
