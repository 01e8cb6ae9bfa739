# libFuzzer targets (issue 9). Not part of `make test`: run by hand or in a
# nightly job. Each target runs FUZZ_SECONDS (4 targets: >= 10 minutes at the
# default), one at a time, from its seed corpus in Tests/Fuzz/corpus/<target>/.
# New interesting inputs go to .build-fuzz/corpus/<target>/ (not committed);
# a crash or hang is written to .build-fuzz/artifacts/<target>/ and fails
# the run: fix it, then copy the input to Tests/Fuzz/regressions/<target>/.
# (Swift's own backtracer is turned off so libFuzzer handles the crash and
# saves the input; replay it with a plain build for a symbolicated trace:
# `swift build --product <target> && .build/debug/<target> <input>`.)
FUZZ_TARGETS  ?= FuzzPageLoading FuzzLinkRewriting FuzzSchemaValidator FuzzOverlayMerge
FUZZ_SECONDS  ?= 150
FUZZ_MAX_LEN  ?= 16384
FUZZ_TIMEOUT  ?= 10
FUZZ_RSS_MB   ?= 4096
FUZZ_SCRATCH  := .build-fuzz
FUZZ_BIN       = $(FUZZ_SCRATCH)/release

.PHONY: fuzz fuzz-build

fuzz-build: deps-apt
	@set -e; for t in $(FUZZ_TARGETS); do \
	  swift build -c release --scratch-path $(FUZZ_SCRATCH) \
	    -Xswiftc -sanitize=fuzzer -Xswiftc -DFUZZING --product $$t; \
	done

fuzz: fuzz-build
	@set -e; for t in $(FUZZ_TARGETS); do \
	  mkdir -p $(FUZZ_SCRATCH)/corpus/$$t $(FUZZ_SCRATCH)/artifacts/$$t; \
	  echo "== $$t: $(FUZZ_SECONDS) s"; \
	  SWIFT_BACKTRACE=enable=no $(FUZZ_BIN)/$$t $(FUZZ_SCRATCH)/corpus/$$t Tests/Fuzz/corpus/$$t Tests/Fuzz/regressions/$$t \
	    -max_total_time=$(FUZZ_SECONDS) -max_len=$(FUZZ_MAX_LEN) -timeout=$(FUZZ_TIMEOUT) \
	    -rss_limit_mb=$(FUZZ_RSS_MB) -print_final_stats=1 \
	    -artifact_prefix=$(FUZZ_SCRATCH)/artifacts/$$t/ 2>&1 | tee $(FUZZ_SCRATCH)/$$t.log | grep -E '^(#[0-9]+.*(DONE|pulse)|==|stat::|SUMMARY|INFO: (Running|Loaded|seed))' ; \
	  test "$${PIPESTATUS[0]}" = 0 || { echo "$$t FAILED: see $(FUZZ_SCRATCH)/$$t.log and $(FUZZ_SCRATCH)/artifacts/$$t/"; exit 1; }; \
	done
