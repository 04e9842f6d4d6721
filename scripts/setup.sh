#!/usr/bin/env bash
# Installs everything `make serve` and `make test` need on a fresh Debian
# machine, and nothing that is already there. Idempotent; safe to re-run.
# What it installs: Debian packages (clang/llvm for C code in wasm, Chromium
# and its driver; and, when rustup cannot add the wasm32 target, Debian's
# rustc-web/cargo-web/rust-web-src/lld), Trunk and wasm-bindgen-cli (built
# with cargo into ~/.cache/dataplay/tools), the e2e tests' npm packages, and a
# Python venv with pandas (~/.cache/dataplay/py) for golden tests and benchmarks,
# and one with pyspark (~/.cache/dataplay/spark) plus a Java runtime for the
# exported Spark jobs.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/env.sh
mkdir -p "$DATAPLAY_CACHE" "$DATAPLAY_TOOLS"

log() { printf '[setup] %s\n' "$*" >&2; }

SUDO=""
[ "$(id -u)" = 0 ] || SUDO="sudo"
apt_updated=""
apt_install() {
    local missing=()
    for p in "$@"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
    [ ${#missing[@]} -eq 0 ] && return 0
    if [ -z "$apt_updated" ]; then
        log "apt-get update"
        $SUDO apt-get update -qq
        apt_updated=1
    fi
    log "installing ${missing[*]}"
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# 1. A wasm32 toolchain that can rebuild std with panic_unwind: rustup's
#    rust-src if it can be had, else Debian's.
route=""
if command -v rustup >/dev/null && rustup component list --installed 2>/dev/null | grep -q '^rust-src'; then
    route=rustup
elif [ "$(cat "$DATAPLAY_CACHE/wasm-route" 2>/dev/null)" = debian ]; then
    route=debian
elif command -v rustup >/dev/null && timeout 120 rustup component add rust-src >/dev/null 2>&1; then
    route=rustup
else
    route=debian
fi
if [ "$route" = debian ]; then
    apt_install rustc-web cargo-web rust-web-src lld-22
fi
echo "$route" > "$DATAPLAY_CACHE/wasm-route"
log "wasm32 toolchain: $route"

# 2. C compiler for wasm32 (zstd-sys), Chromium for the browser tests.
apt_install clang-19 llvm-19 chromium chromium-driver

# 3. Trunk and wasm-bindgen-cli, at the versions the project pins.
bindgen_version=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/[^0-9.]/, ""); print; exit }' Cargo.lock)
have_version() { "$DATAPLAY_TOOLS/bin/$1" --version 2>/dev/null | grep -qF "$2"; }
if ! have_version trunk 0.21.14; then
    log "building trunk 0.21.14 (about 8 minutes)"
    CARGO_TARGET_DIR="$DATAPLAY_CACHE/tools-target" cargo install trunk --version 0.21.14 --locked --root "$DATAPLAY_TOOLS" --quiet
fi
if ! have_version wasm-bindgen "$bindgen_version"; then
    log "building wasm-bindgen-cli $bindgen_version (about 4 minutes)"
    # Not --locked: its lock names a crate version the registry refuses.
    CARGO_TARGET_DIR="$DATAPLAY_CACHE/tools-target" cargo install wasm-bindgen-cli --version "$bindgen_version" --root "$DATAPLAY_TOOLS" --quiet
fi

# 4. The end-to-end tests' npm packages (playwright-core drives Debian's Chromium).
if [ ! -d tests/e2e/node_modules/playwright-core ]; then
    log "npm ci (tests/e2e)"
    (cd tests/e2e && npm ci --silent --no-audit --no-fund)
fi
# 5. Python peers for the golden tests and benchmarks (the seed's pandas code).
apt_install python3-venv
py_stamp="$DATAPLAY_CACHE/py/requirements.sha"
py_want=$(sha256sum tests/python/requirements.txt | cut -d' ' -f1)
if [ "$(cat "$py_stamp" 2>/dev/null)" != "$py_want" ]; then
    log "python venv with pandas ($DATAPLAY_CACHE/py)"
    rm -rf "$DATAPLAY_CACHE/py"
    python3 -m venv "$DATAPLAY_CACHE/py"
    "$DATAPLAY_CACHE/py/bin/pip" install -q --disable-pip-version-check -r tests/python/requirements.txt
    echo "$py_want" > "$py_stamp"
fi
# 6. Spark in local mode for the exported PySpark jobs: pyspark in a venv of
#    its own (it is large and nothing else needs it), and a Java runtime.
command -v java >/dev/null || apt_install openjdk-17-jre-headless
spark_stamp="$DATAPLAY_CACHE/spark/requirements.sha"
spark_want=$(sha256sum tests/python/spark-requirements.txt | cut -d' ' -f1)
if [ "$(cat "$spark_stamp" 2>/dev/null)" != "$spark_want" ]; then
    log "python venv with pyspark ($DATAPLAY_CACHE/spark, about a minute)"
    rm -rf "$DATAPLAY_CACHE/spark"
    python3 -m venv "$DATAPLAY_CACHE/spark"
    "$DATAPLAY_CACHE/spark/bin/pip" install -q --disable-pip-version-check -r tests/python/spark-requirements.txt
    echo "$spark_want" > "$spark_stamp"
fi
log "ready"
