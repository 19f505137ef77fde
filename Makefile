# The two commands of a fresh machine are `make run` and `make test`; each installs what is missing.
SWIFT ?= swift
OUT ?= out
# Alasdair, a Scottish voice of the built-in catalog (`remix voices` lists them all).
DEMO_VOICE ?= h724wBzjFfxt94n73jNP

.PHONY: deps build test bench run fuzz clean

deps:
	@scripts/install-deps

build: deps
	$(SWIFT) build

test: deps
	$(SWIFT) build --build-tests
	scripts/with-private-pulseaudio $(SWIFT) test --skip-build

bench: deps
	$(SWIFT) build -c release
	scripts/with-private-pulseaudio .build/release/remix-bench

# Until the workbench TUI lands: one remix on the local engine, previews written to $(OUT).
run: build
	.build/debug/remix generate --voice $(DEMO_VOICE) --prompt "older, much deeper and a bit slower" \
	  --auto-text --seed 7 --out $(OUT)

clean:
	rm -rf .build $(OUT)
