# The two commands (see README): `make serve` and `make test`.
# Every recipe runs scripts/setup.sh first, which installs what is missing.
SHELL := /bin/bash
.ONESHELL:
.SHELLFLAGS := -eu -o pipefail -c
ENV := . scripts/env.sh
PORT ?= 8080

.PHONY: serve dist test setup services test-native test-golden test-wasm test-e2e lint bench clean-cache

setup:
	scripts/setup.sh

## Build the playground and serve it on http://127.0.0.1:$(PORT) with its built-in samples.
serve: dist
	$(ENV)
	echo "dataplay: http://127.0.0.1:$(PORT)/"
	python3 scripts/serve.py dist $(PORT)

## Write the static site to dist/ (servable by any static file server).
dist: setup
	$(ENV); wasm_env
	# The UI alone: one codegen unit and no panic machinery (a panic in the
	# UI aborts either way: gloo's closures are not unwind-safe). Against the
	# web profile as it is: 491 -> 460 KB gzip (BENCHMARKS.md). Debian's
	# older rustc-web has no immediate-abort.
	(
	  if [ "$$(cat "$$DATAPLAY_CACHE/wasm-route" 2>/dev/null)" != debian ]; then
	    export CARGO_PROFILE_WEB_CODEGEN_UNITS=1 CARGO_PROFILE_WEB_PANIC=immediate-abort CARGO_UNSTABLE_PANIC_IMMEDIATE_ABORT=true
	  fi
	  CARGO_TARGET_DIR="$$DATAPLAY_CACHE/target-ui" trunk build --release --cargo-profile web --offline
	)
	scripts/build_worker.sh dist
	python3 scripts/offline.py dist

## Run every test: format and lints, native tests, golden tests against the
## seed's pandas code, the engine in wasm in
## headless Chromium, and the end-to-end tests in headless Chromium.
test: setup lint services test-native test-golden test-wasm dist test-e2e

lint:
	$(ENV)
	cargo fmt --all --check
	cargo clippy --workspace --all-targets --quiet -- -D warnings

## PostgreSQL and MariaDB on loopback for the connector's tests (installed if missing).
services:
	scripts/services.sh

test-native: services
	$(ENV)
	. "$${DATAPLAY_SERVICES:-/tmp/dataplay-services}/env"
	cargo test --workspace

## The ETL against the seed's pandas code, `dataplay sql` over lake files
## against DuckDB, and the exported PySpark jobs run on Spark (local mode)
## against the engine, on the same files (Python venvs from setup).
test-golden:
	$(ENV)
	cargo build --quiet --bin dataplay
	"$$DATAPLAY_CACHE/py/bin/python" tests/golden/etl_golden.py "$$CARGO_TARGET_DIR/debug/dataplay"
	"$$DATAPLAY_CACHE/py/bin/python" tests/golden/sql_golden.py "$$CARGO_TARGET_DIR/debug/dataplay"
	"$$DATAPLAY_CACHE/py/bin/python" tests/golden/spark_export.py "$$CARGO_TARGET_DIR/debug/dataplay" "$$DATAPLAY_CACHE/spark"

test-wasm:
	$(ENV); wasm_env; unwind_env
	CHROMEDRIVER=/usr/bin/chromedriver WASM_BINDGEN_TEST_TIMEOUT=300 \
	CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
	cargo test --target wasm32-unknown-unknown --profile wasm-test -p dataplay-engine --test cases

test-e2e:
	$(ENV)
	cd tests/e2e && node --test --test-concurrency=1 *.test.mjs

bench: dist
	$(ENV)
	cd tests/e2e && node bench.mjs && node bench_lake.mjs && node bench_workspace.mjs

clean-cache:
	rm -rf "$${HOME}/.cache/dataplay/target" "$${HOME}/.cache/dataplay/target-web" "$${HOME}/.cache/dataplay/target-ui"
