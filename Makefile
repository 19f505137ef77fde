# The two commands of a fresh machine are `make run` and `make test`; each installs what is missing.
SWIFT ?= swift

.PHONY: deps build test bench run install fuzz clean

deps:
	@scripts/install-deps

build: deps
	$(SWIFT) build

test: deps
	$(SWIFT) build --build-tests
	SWIFT=$(SWIFT) scripts/run-tests

# Static Swift runtime: `remix` starts in about 7 ms instead of 15 (no loading of the Foundation libraries),
# which is most of its time to first sound.
bench: deps
	$(SWIFT) build -c release --static-swift-stdlib --product remix
	$(SWIFT) build -c release --static-swift-stdlib --product remix-bench
	scripts/with-private-pulseaudio .build/release/remix-bench

# The workbench: on the local engine, or on ElevenLabs when an API key is configured.
run: build
	.build/debug/remix

# The release `remix` with the static Swift runtime (as for bench: quicker start, no toolchain needed at run time)
# in $(PREFIX)/bin, and the engine's assets in $(PREFIX)/share/remix-workbench, where it looks beside its bin/.
PREFIX ?= $(HOME)/.local
install: deps
	$(SWIFT) build -c release --static-swift-stdlib --product remix
	install -D -m 755 .build/release/remix $(PREFIX)/bin/remix
	install -d $(PREFIX)/share/remix-workbench
	install -m 644 Sources/RemixEngine/Resources/*.json $(PREFIX)/share/remix-workbench/

# libFuzzer over the decoders for FUZZ_SECONDS, seeded with a tiny file of each format. Its own build path,
# because the sanitizer flags apply to every module built.
FUZZ_SECONDS ?= 60
FUZZ_DIR = .build/fuzz
fuzz: deps
	$(SWIFT) build --product DecoderFuzzer --build-path $(FUZZ_DIR) -Xswiftc -sanitize=fuzzer,address \
	  -Xlinker --export-dynamic-symbol=LLVMFuzzerRunDriver
	mkdir -p $(FUZZ_DIR)/corpus
	sox -n -r 8000 -c 1 -b 16 $(FUZZ_DIR)/seed.wav synth 0.1 sine 440
	lame --quiet -b 32 $(FUZZ_DIR)/seed.wav $(FUZZ_DIR)/corpus/seed.mp3
	opusenc --quiet $(FUZZ_DIR)/seed.wav $(FUZZ_DIR)/corpus/seed.opus
	sox $(FUZZ_DIR)/seed.wav -t ul $(FUZZ_DIR)/corpus/seed.ulaw
	$(FUZZ_DIR)/debug/DecoderFuzzer -max_total_time=$(FUZZ_SECONDS) -max_len=65536 $(FUZZ_DIR)/corpus

clean:
	rm -rf .build
