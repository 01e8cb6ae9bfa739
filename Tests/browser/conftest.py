"""Browser tests for the built site: a static server on 127.0.0.1 and one headless Debian Chromium.

The site is built by `make test-browser` into DOCSITE_BROWSER_SITE (default .build-browser/site at the repository root);
screenshots go to DOCSITE_BROWSER_OUT/screenshots (default Tests/browser/out/screenshots).
"""
import base64
import functools
import os
import pathlib
import shutil
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

import pytest

HERE = pathlib.Path(__file__).resolve().parent
SITE = pathlib.Path(os.environ.get("DOCSITE_BROWSER_SITE", HERE.parent.parent / ".build-browser" / "site")).resolve()
OUT = pathlib.Path(os.environ.get("DOCSITE_BROWSER_OUT", HERE / "out")).resolve()
SCREENSHOTS = OUT / "screenshots"
FAILURES = OUT / "failures"

# Selenium Manager must not go online: the driver is Debian's chromedriver, named explicitly.
os.environ.setdefault("SE_OFFLINE", "true")
os.environ.setdefault("SE_AVOID_STATS", "true")


class SiteHandler(SimpleHTTPRequestHandler):
    # HTML goes out as "text/html" without a charset, as many plain servers send it: a page that
    # lost its <meta charset="utf-8"> then renders as mojibake and fails the Cyrillic checks.
    extensions_map = {**SimpleHTTPRequestHandler.extensions_map, ".html": "text/html",
                      ".js": "text/javascript", ".mjs": "text/javascript", ".css": "text/css",
                      ".json": "application/json", ".wasm": "application/wasm", ".svg": "image/svg+xml"}

    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def base_url():
    if not (SITE / "index.html").is_file():
        pytest.fail(f"no built site in {SITE}: run `make test-browser`")
    # Loopback only, on a free port chosen by the kernel.
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(SiteHandler, directory=str(SITE)))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(scope="session")
def driver():
    chromium = shutil.which("chromium")
    chromedriver = shutil.which("chromedriver") or (os.path.exists("/usr/bin/chromedriver") and "/usr/bin/chromedriver")
    if not (chromium and chromedriver):
        # No skip: `make test-browser` installs them (APT_TEST_PACKAGES), so a missing one is a failure.
        pytest.fail("chromium and chromedriver are required: apt-get install chromium chromium-driver")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    opts = webdriver.ChromeOptions()
    opts.binary_location = chromium
    for arg in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--window-size=1280,900", "--hide-scrollbars", "--lang=en-US",
                "--no-first-run", "--disable-background-networking", "--disable-component-update"):
        opts.add_argument(arg)
    opts.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    drv = webdriver.Chrome(service=Service(chromedriver), options=opts)
    drv.set_page_load_timeout(30)
    drv.set_script_timeout(30)
    yield drv
    drv.quit()


class Browser:
    """The session's driver plus the console errors (SEVERE) of every page visited in one test."""

    def __init__(self, driver, base_url):
        self.driver = driver
        self.base_url = base_url
        self.errors = []      # (page URL, message)
        self.visited = []

    def url(self, path):
        return self.base_url + "/" + path.lstrip("/")

    def collect(self):
        """Read (and so empty) the console buffer; SEVERE entries are charged to the current page."""
        try:
            page = self.driver.current_url
        except Exception:  # noqa: BLE001 - a dead window has no URL
            page = "?"
        for entry in self.driver.get_log("browser"):
            if entry["level"] == "SEVERE":
                self.errors.append((page, entry["message"]))

    def open(self, path):
        self.collect()
        self.driver.get(self.url(path))
        self.visited.append(self.driver.current_url)
        return self.driver

    def path(self):
        """The current page's path, without the origin."""
        current = self.driver.current_url
        assert current.startswith(self.base_url + "/"), current
        return current[len(self.base_url):]

    def screenshot(self, file, max_height=12000):
        """Full-page PNG (Chrome DevTools capture beyond the viewport), at most max_height CSS px tall."""
        metrics = self.driver.execute_cdp_cmd("Page.getLayoutMetrics", {})
        size = metrics.get("cssContentSize") or metrics["contentSize"]
        clip = {"x": 0, "y": 0, "width": size["width"], "height": min(size["height"], max_height), "scale": 1}
        shot = self.driver.execute_cdp_cmd("Page.captureScreenshot",
                                           {"format": "png", "captureBeyondViewport": True, "clip": clip})
        data = base64.b64decode(shot["data"])
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_bytes(data)
        return data


@pytest.fixture
def browser(driver, base_url, request):
    """Opens pages of the served site; after the test, the visited pages must have logged no errors."""
    driver.get_log("browser")           # drop what earlier tests left behind
    b = Browser(driver, base_url)
    yield b
    b.collect()
    rep = getattr(request.node, "rep_call", None)
    if rep is not None and rep.failed:
        FAILURES.mkdir(parents=True, exist_ok=True)
        name = "".join(c if c.isalnum() or c in "-_." else "_" for c in request.node.name)
        driver.save_screenshot(str(FAILURES / f"{name}.png"))
    driver.set_window_size(1280, 900)
    assert not b.errors, "browser console errors:\n" + "\n".join(f"  {page}: {msg}" for page, msg in b.errors)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    rep = yield
    setattr(item, "rep_" + rep.when, rep)
    return rep


def pytest_terminal_summary(terminalreporter):
    terminalreporter.write_sep("-", "browser test artifacts")
    terminalreporter.write_line(f"site:        {SITE}")
    terminalreporter.write_line(f"screenshots: {SCREENSHOTS}")
    if SCREENSHOTS.is_dir():
        for png in sorted(SCREENSHOTS.glob("*.png")):
            terminalreporter.write_line(f"  {png.name}  {png.stat().st_size} bytes")
    if FAILURES.is_dir() and any(FAILURES.iterdir()):
        terminalreporter.write_line(f"failure screenshots: {FAILURES}")
