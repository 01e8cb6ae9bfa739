# Two entry points for a fresh Debian machine:
#   make site   install what is missing, then build the site into site-out/
#   make test   install what is missing, then run every test and the docs gate
SHELL := /bin/bash
.DEFAULT_GOAL := site

PYTHON  ?= python3
VENV    := .venv
SUDO    := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
DOCSITE := .build/release/docsite

# Debian packages docsite needs to build (cmark-gfm and pkg-config to find it; zlib for the search index).
APT_PACKAGES := pkg-config libcmark-gfm-dev libcmark-gfm-extensions-dev zlib1g-dev

# Feature makefiles append to these: TEST_TARGETS run in `make test`, in order.
TEST_TARGETS :=
# git: `translations diff` and its tests read earlier English versions from the history.
APT_TEST_PACKAGES := git

-include mk/*.mk

.PHONY: site test deps-apt deps-apt-test venv docsite test-swift check clean

deps-apt:
	@missing=""; for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then echo "installing:$$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; fi

deps-apt-test: deps-apt
	@missing=""; for p in $(APT_TEST_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then echo "installing:$$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; fi

$(VENV)/.stamp: requirements/test.txt
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install -q --disable-pip-version-check -r requirements/test.txt
	@# The pagefind wheel has no console script: link its binary where docsite looks (PATH).
	ln -sf "$$($(VENV)/bin/python -c 'import pagefind_bin, pathlib; print(next(p for p in pathlib.Path(pagefind_bin.__file__).parent.iterdir() if p.name.startswith("pagefind") and p.is_file() and not p.suffix))')" $(VENV)/bin/pagefind
	touch $@

venv: $(VENV)/.stamp

docsite: deps-apt
	swift build -c release --product docsite

site: docsite venv
	PATH="$(CURDIR)/$(VENV)/bin:$$PATH" $(DOCSITE) build --root . --out site-out

# The venv puts pagefind on PATH, so the search-index test runs too.
test-swift: deps-apt venv
	PATH="$(CURDIR)/$(VENV)/bin:$$PATH" swift test --disable-swift-testing

# The docs gate: a missing Russian page or a broken example fails CI.
check: docsite
	$(DOCSITE) check --root . --strict

# The docs gate runs early (it is fast); the feature suites follow.
test: deps-apt-test venv test-swift check $(TEST_TARGETS)

clean:
	rm -rf .build site-out .site-out.prev .site-out.search .site-out.cache $(VENV)
