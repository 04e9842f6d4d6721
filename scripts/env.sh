# Sourced by the Makefile's recipes: where build output and tools are cached
# (outside the clone, so a fresh clone reuses them), and how to reach a
# wasm32 toolchain. Prints nothing.

export DATAPLAY_CACHE="${DATAPLAY_CACHE:-$HOME/.cache/dataplay}"
export DATAPLAY_TOOLS="$DATAPLAY_CACHE/tools"
export PATH="$DATAPLAY_TOOLS/bin:$DATAPLAY_CACHE/node/node_modules/.bin:$PATH"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$DATAPLAY_CACHE/target}"

# The toolchain for wasm32. With rustup's wasm32 target installed, the normal
# cargo is used; otherwise Debian's rustc-web/cargo-web build std from source.
# `scripts/setup.sh` records which in $DATAPLAY_CACHE/wasm-route.
wasm_env() {
    export CARGO_TARGET_DIR="$DATAPLAY_CACHE/target-web"
    if [ "$(cat "$DATAPLAY_CACHE/wasm-route" 2>/dev/null)" = debian ]; then
        export PATH="/usr/bin:$DATAPLAY_TOOLS/bin:$PATH"
        export RUSTC=/usr/bin/rustc
        export CARGO_UNSTABLE_BUILD_STD=std,panic_abort
        export RUSTC_BOOTSTRAP=1
    fi
    export CC_wasm32_unknown_unknown="${CC_wasm32_unknown_unknown:-clang-19}"
    export AR_wasm32_unknown_unknown="${AR_wasm32_unknown_unknown:-llvm-ar-19}"
}
