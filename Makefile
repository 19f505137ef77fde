# The two commands of a fresh machine are `make run` and `make test`; each installs what is missing.
SWIFT ?= swift
OUT ?= out

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

clean:
	rm -rf .build $(OUT)
