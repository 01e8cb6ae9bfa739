# Performance: docsite against Hugo on the same generated corpus (issue 8),
# without and with search (Pagefind from the venv, issue 21).
#   make bench                      N=1000 and N=5000, 3 runs each
#   make bench BENCH_PAGES=1000     one size
# Measures cold, one-page-edit and unchanged builds without and with search (shards indexed by
# docsite's own indexer, merged into one index; ADR 0019), and the edit-to-served latency of
# `docsite serve`.
# Numbers are printed (and written to bench-out/results.json and results.md), not asserted.
BENCH_PAGES ?= 1000,5000
BENCH_RUNS  ?= 3

.PHONY: bench

bench: deps-apt venv
	@dpkg -s hugo >/dev/null 2>&1 || { $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq hugo; }
	swift build -c release --product docsite
	swift build -c release --product docsite-bench
	PATH="$(CURDIR)/$(VENV)/bin:$$PATH" .build/release/docsite-bench --pages $(BENCH_PAGES) --runs $(BENCH_RUNS) --work bench-out
	.build/release/docsite-bench schema --chart charts/spark-4.1 --overlay content/examples/values-spark-4.1-production.yaml
