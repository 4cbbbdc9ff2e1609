# Plenum: the two commands of the README and the targets they are built from.
# `make run`  installs what is missing, builds (release) and serves on http://127.0.0.1:8080
# `make test` installs what is missing, builds with ASan+UBSan and runs every test

SHELL := /bin/bash
JOBS ?= $(shell nproc)
export CCACHE_DIR ?= $(HOME)/.cache/plenum-ccache
export CCACHE_MAXSIZE ?= 5G
# Paths relative to the checkout: another clone or build directory reuses the same cache entries.
export CCACHE_BASEDIR ?= $(CURDIR)
CMAKE_COMMON := -G Ninja -DCMAKE_EXPORT_COMPILE_COMMANDS=ON
LISTEN ?= 127.0.0.1:8080
DATA ?= ./data

.PHONY: run test bootstrap build-release build-asan web web-test cpp-test fuzz fuzz-smoke protocol-gen \
        lint format check-format tidy layering bench bench-http bench-signaling config-doc clean \
        e2e screenshots bench-web bench-sfu

run: bootstrap build-release web
	@echo "Starting Plenum on http://$(LISTEN)/ (Ctrl+C stops it)"
	./build/release/plenum serve --listen $(LISTEN) --data-dir $(DATA)

test: bootstrap build-asan web
	scripts/run-tests build/asan

bootstrap:
	scripts/bootstrap

build/release/build.ninja:
	cmake -S . -B build/release $(CMAKE_COMMON) -DCMAKE_BUILD_TYPE=Release -DPLENUM_TESTS=OFF

build-release: build/release/build.ninja
	cmake --build build/release -j $(JOBS) --target plenum

build/asan/build.ninja:
	cmake -S . -B build/asan $(CMAKE_COMMON) -DCMAKE_BUILD_TYPE=Debug -DPLENUM_SANITIZE=ON \
	  -DCMAKE_CXX_FLAGS_DEBUG="-O0 -g1"

build-asan: build/asan/build.ninja
	cmake --build build/asan -j $(JOBS)

web:
	cd web && npm run build --silent

# Fuzzers: clang-14 + libFuzzer, built apart from the gcc trees.
build/fuzz/build.ninja:
	CXX=clang++-14 cmake -S . -B build/fuzz $(CMAKE_COMMON) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DPLENUM_FUZZ=ON

fuzz: bootstrap build/fuzz/build.ninja
	cmake --build build/fuzz -j $(JOBS)

FUZZ_SECONDS ?= 20
fuzz-smoke: fuzz
	scripts/run-fuzzers build/fuzz $(FUZZ_SECONDS)

lint: check-format layering tidy config-doc protocol-gen

format:
	clang-format -i $$(git ls-files 'src/*.cpp' 'src/*.hpp' 'tests/*.cpp' 'tests/*.hpp' 'bench/*.cpp' 'fuzz/*.cpp')

check-format:
	clang-format --dry-run --Werror $$(git ls-files 'src/*.cpp' 'src/*.hpp' 'tests/*.cpp' 'tests/*.hpp' 'bench/*.cpp' 'fuzz/*.cpp')

layering:
	scripts/check-layering

tidy: build/asan/build.ninja
	scripts/run-clang-tidy build/asan

# docs/configuration.md is generated from the key table in src/base/config_schema.cpp.
config-doc: build-asan
	scripts/gen-config-doc build/asan/plenum > docs/configuration.md.new
	@if ! cmp -s docs/configuration.md docs/configuration.md.new; then \
	  mv docs/configuration.md.new docs/configuration.md; \
	  echo "docs/configuration.md was stale and has been regenerated: commit it"; exit 1; fi
	@rm -f docs/configuration.md.new

# docs/protocol.md and web/src/protocol/types.ts are generated from src/protocol/protocol.json.
protocol-gen:
	@tmp=$$(mktemp -d); scripts/gen-protocol --ts $$tmp/types.ts --md $$tmp/protocol.md; \
	  if ! cmp -s $$tmp/types.ts web/src/protocol/types.ts || ! cmp -s $$tmp/protocol.md docs/protocol.md; then \
	    cp $$tmp/types.ts web/src/protocol/types.ts; cp $$tmp/protocol.md docs/protocol.md; rm -rf $$tmp; \
	    echo "docs/protocol.md or web/src/protocol/types.ts was stale and has been regenerated: commit it"; exit 1; fi; \
	  rm -rf $$tmp; echo "protocol-gen: ok"

bench: bootstrap
	cmake -S . -B build/release $(CMAKE_COMMON) -DCMAKE_BUILD_TYPE=Release -DPLENUM_TESTS=OFF -DPLENUM_BENCH=ON
	cmake --build build/release -j $(JOBS)
	@for b in build/release/bench/*_bench; do echo "== $$b"; $$b; done

bench-http: build-release
	bench/http_bench.py build/release/plenum

# Signaling load (issue 4): N participants in one room, a fresh release server per N.
# `make bench-signaling SIGNALING_ARGS="--messages 200 1000"` passes other arguments.
SIGNALING_ARGS ?= 100 1000 5000
bench-signaling: build-release
	cmake -S . -B build/release $(CMAKE_COMMON) -DCMAKE_BUILD_TYPE=Release -DPLENUM_TESTS=OFF -DPLENUM_BENCH=ON
	cmake --build build/release -j $(JOBS) --target signaling_load
	build/release/bench/signaling_load $(SIGNALING_ARGS)

# End-to-end browser tests of the web app only (CTest label e2e, the ASan build as `make test` uses),
# then per test and participant the frames decoded from each remote participant.
E2E_REPORTS ?= build/asan/e2e-reports
e2e: bootstrap build-asan web
	rm -rf $(E2E_REPORTS) && mkdir -p $(E2E_REPORTS)
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:strict_string_checks=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	  PLENUM_E2E_REPORT_DIR=$(abspath $(E2E_REPORTS)) ctest --test-dir build/asan -L e2e --output-on-failure; \
	  status=$$?; node tests/e2e/print-report.mjs $(E2E_REPORTS); exit $$status

# Screenshots of every page (light/dark, en/de, 1280x800) into docs/screenshots/ (release build).
screenshots: bootstrap build-release web
	PLENUM_TEST_BINARY=build/release/plenum tests/e2e/in-netns node tests/e2e/screenshots.mjs docs/screenshots

# Browser benchmark (issue 6): a meeting of headless Chromium participants, CPU per page and decoded
# resolution per tile, grid vs speaker view. `make bench-web WEB_BENCH_ARGS="--participants 6"`.
WEB_BENCH_ARGS ?=
bench-web: bootstrap build-release web
	PLENUM_TEST_BINARY=build/release/plenum tests/e2e/in-netns node bench/web_meeting_bench.mjs $(WEB_BENCH_ARGS)

# SFU side by side with Janus (issue 7): scenarios in private network namespaces, one table each.
# `make bench-sfu BENCH_SFU_ARGS=--quick` runs a tenth of the load.
BENCH_SFU_ARGS ?=
bench-sfu: bootstrap
	scripts/bench-sfu $(BENCH_SFU_ARGS)

clean:
	rm -rf build web/dist
