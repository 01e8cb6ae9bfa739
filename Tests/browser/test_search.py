"""Search results as a reader sees them: excerpts made of the page's words only (no heading marks, no
table headers glued into one word), and values keys found as results of their own that open their row.
Searches run through the built site's own pagefind.js and the overlay, in headless Chromium."""
import functools
import html
import json
import re
import threading
from http.server import ThreadingHTTPServer

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from conftest import SITE, SiteHandler
from test_reading import CONTRAST_JS, color_scheme, desktop, device, phone, rect, shot  # noqa: F401 - fixtures
from test_site import CYRILLIC, axe_serious, open_search, wait

# pagefind.js from the page's own bundle (the search box's data-bundle, relative to the page, the one index);
# every result's data: excerpt, the whole indexed text, its anchors.
PAGEFIND_JS = """
var query = arguments[0], done = arguments[arguments.length - 1];
var bundle = new URL(document.querySelector('.search[data-bundle]').getAttribute('data-bundle'), location.href).href;
import(bundle + 'pagefind.js').then(function (pagefind) {
  return pagefind.options({bundlePath: new URL(bundle).pathname}).then(function () { return pagefind.search(query); });
}).then(function (search) {
  return Promise.all(search.results.slice(0, 25).map(function (r) { return r.data(); }));
}).then(function (data) {
  done(data.map(function (d) { return {url: d.url, excerpt: d.excerpt, content: d.content, anchors: d.anchors}; }));
}, function (e) { done({error: String(e)}); });
"""

# A heading mark left in the index: "Install#" (the word, then the mark).
HEADING_MARK = re.compile(r"[^\s#]#(?=\s|$)")


def pagefind(d, query):
    results = d.execute_async_script(PAGEFIND_JS, query)
    assert not isinstance(results, dict), results
    return results


def plain(fragment):
    return html.unescape(re.sub(r"<[^>]+>", "", fragment))


def glued_labels():
    """Every pair of neighbouring table header cells and every term + definition of the built site,
    written together: the strings an indexer that does not separate the cells would make."""
    pairs = set()
    for page in list((SITE / "en").rglob("*.html")) + list((SITE / "ru").rglob("*.html")):
        text = page.read_text(encoding="utf-8")
        for row in re.findall(r"<tr\b[^>]*>(.*?)</tr>", text, re.S):
            cells = [plain(c).strip() for c in re.findall(r"<th\b[^>]*>(.*?)</th>", row, re.S)]
            pairs.update(a + b for a, b in zip(cells, cells[1:]) if a and b)
        for term, definition in re.findall(r"<dt\b[^>]*>(.*?)</dt>\s*<dd\b[^>]*>(.*?)</dd>", text, re.S):
            a, b = plain(term).strip(), plain(definition).strip()
            if a and b:
                pairs.add(a + b)
    return pairs


# ---------------------------------------------------------------------------------------------
# Excerpts

SEARCHES = {"en": ["default", "install", "image tag", "chart version"],
            "ru": ["значение по умолчанию", "установка", "образ", "версия чарта"]}


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_excerpts_have_no_heading_marks_nor_glued_headers(browser, lang):
    glued = glued_labels()
    # The test keeps its teeth: the site has the tables and facts lists that used to glue.
    assert {"KeyType", "КлючТип", "Chart version0.1.0"} <= glued, sorted(glued)[:20]
    d = browser.open(f"/{lang}/guides/")
    seen = 0
    for query in SEARCHES[lang]:
        results = pagefind(d, query)
        assert results, f"no results for {query!r}"
        for r in results:
            seen += 1
            excerpt, content = plain(r["excerpt"]), r["content"]
            assert not HEADING_MARK.search(excerpt), f"{r['url']}: heading mark in the excerpt {excerpt!r}"
            for text in (excerpt, content):
                hits = [g for g in glued if g in text]
                assert not hits, f"{r['url']}: glued labels {hits} in {text[:300]!r}"
            marked = [a["text"] for a in r["anchors"] if re.fullmatch(r"h\d", a["element"]) and a["text"].rstrip().endswith("#")]
            assert not marked, f"{r['url']}: headings indexed with their mark: {marked}"
    assert seen >= 10, seen


def test_overlay_excerpts_read_as_text(desktop):
    """The same through the overlay (Pagefind's UI): what the reader actually sees."""
    d = desktop.open("/en/charts/spark-4.1/")
    box = open_search(d)
    box.send_keys("default")
    # Read in one go: Pagefind re-renders its list while results load.
    excerpts = wait(d, 20).until(lambda drv: drv.execute_script(
        "return [...document.querySelectorAll('.pagefind-ui__result-excerpt')].map(e => e.innerText)"))
    glued = glued_labels()
    for text in excerpts:
        assert not HEADING_MARK.search(text), text
        assert not [g for g in glued if g in text], text


# ---------------------------------------------------------------------------------------------
# Values keys: a result of their own, first, opening their row

KEY = "hiveMetastore.image.tag"
ROW = "values-hivemetastore-image-tag"
RESULTS = "dialog.search-dialog a.search-key, dialog.search-dialog .pagefind-ui__result-link"


def key_results(d, query, box=None):
    """Types the query into the overlay; the key results, once they are listed."""
    box = box or open_search(d)
    box.send_keys(query)
    return box, wait(d, 20).until(lambda drv: drv.find_elements(By.CSS_SELECTOR, "dialog.search-dialog a.search-key"))


def assert_row_opened(d, lang, chart="spark-4.1"):
    wait(d).until(lambda drv: drv.execute_script("return location.hash") == "#" + ROW)
    assert d.execute_script("return location.pathname").replace("index.html", "").endswith(f"/{lang}/charts/{chart}/")
    wait(d).until(lambda drv: drv.execute_script("return document.readyState") == "complete")
    assert not d.execute_script("return document.querySelector('dialog.search-dialog').open"), "the overlay stayed open"
    target = d.execute_script("var t = document.querySelector(':target'); return t && [t.tagName, t.id];")
    assert target == ["TR", ROW], target
    row = d.find_element(By.ID, ROW)
    assert KEY in row.text.replace("\n", "")
    top, bottom, height = d.execute_script(
        "var r = arguments[0].getBoundingClientRect(); return [r.top, r.bottom, window.innerHeight];", row)
    assert -1 < top and bottom <= height, f"the row is not in the viewport: top {top}, bottom {bottom}, window {height}"
    other = d.find_element(By.ID, "values-hivemetastore-enabled")
    assert row.value_of_css_property("background-color") != other.value_of_css_property("background-color"), \
        "the :target row is not highlighted"


@pytest.mark.parametrize("kind", ["desktop", "phone"])
@pytest.mark.parametrize("lang,how", [("en", "enter"), ("ru", "click")])
def test_a_values_key_is_the_first_result_and_opens_its_row(browser, lang, how, kind):
    d = browser.driver
    with device(d, kind):
        browser.open(f"/{lang}/guides/")
        box, keys = key_results(d, KEY)
        # Pagefind's pages come too, after the keys.
        wait(d, 20).until(lambda drv: drv.find_elements(By.CSS_SELECTOR, ".pagefind-ui__result-link"))
        # Read in one go: Pagefind re-renders its own results while they load.
        order = d.execute_script("""
            return [...document.querySelectorAll(arguments[0])].map(a => [a.className, a.getBoundingClientRect().top]);""", RESULTS)
        assert order[0][0] == "search-key", f"the first result is not a values key: {order[:3]}"
        assert order[0][1] < min(top for cls, top in order if cls != "search-key"), "the key is not shown above the pages"
        first = keys[0]
        assert first.find_element(By.TAG_NAME, "code").text == KEY
        assert first.find_element(By.CSS_SELECTOR, ".search-key-chart").text == "spark-4.1"
        assert first.get_attribute("href").endswith(f"/{lang}/charts/spark-4.1/#{ROW}")
        if lang == "ru":
            assert CYRILLIC.search(d.find_element(By.CSS_SELECTOR, ".search-keys").text), "the key's text is not Russian"
        if how == "enter":
            box.send_keys(Keys.ENTER)
        else:
            first.click()
        assert_row_opened(d, lang)


def test_keys_of_the_page_being_read_come_first(desktop):
    d = desktop.open("/en/charts/spark-3.5/")
    _, keys = key_results(d, KEY)
    charts = [k.find_element(By.CSS_SELECTOR, ".search-key-chart").text for k in keys]
    assert charts[:2] == ["spark-3.5", "spark-4.1"], charts


def test_a_key_on_the_same_page_scrolls_to_its_row(desktop):
    d = desktop.open("/ru/charts/spark-4.1/")
    box, _ = key_results(d, KEY)
    box.send_keys(Keys.ENTER)
    assert_row_opened(d, "ru")
    assert d.execute_script("return window.scrollY") > 0


@pytest.mark.parametrize("query,expect", [
    ("image.tag", lambda k: k == "image.tag" or k.endswith(".image.tag")),
    ("hiveMetastore", lambda k: k.startswith("hiveMetastore")),
    ("HIVEMETASTORE.IMAGE.", lambda k: k.startswith("hiveMetastore.image.")),
])
def test_partial_keys_list_matching_keys_capped(desktop, query, expect):
    d = desktop.open("/en/guides/")
    _, keys = key_results(d, query)
    found = [k.find_element(By.TAG_NAME, "code").text for k in keys]
    assert found and all(expect(k) for k in found), found
    assert len(found) <= 8, found
    title = d.find_element(By.CSS_SELECTOR, ".search-keys-title").text
    index = json.loads((SITE / "assets" / "keys.en.json").read_text(encoding="utf-8"))
    total = sum(query.lower() in k["key"].lower() for chart in index["charts"] for k in chart["keys"])
    if total > 8:
        assert title == f"Values keys: first 8 of {total}" and len(found) == 8, title
    else:
        assert title == "Values keys" and len(found) == total, (title, found)
    if query == "hiveMetastore":
        assert found[:2] == ["hiveMetastore", "hiveMetastore"], "the key itself (both lines) comes before the keys below it"


def test_words_that_are_not_keys_leave_search_as_it_was(desktop):
    d = desktop.open("/en/guides/")
    box = open_search(d)
    box.send_keys("metastore")
    wait(d, 20).until(lambda drv: drv.find_elements(By.CSS_SELECTOR, ".pagefind-ui__result-link"))
    assert not [e for e in d.find_elements(By.CSS_SELECTOR, ".search-keys") if e.is_displayed()]
    # A key typed after it lists keys; Pagefind's clear button takes them away again.
    box.send_keys(Keys.CONTROL, "a")
    key_results(d, KEY, box)
    d.find_element(By.CSS_SELECTOR, ".pagefind-ui__search-clear").click()
    wait(d, 5).until(lambda drv: not drv.find_element(By.CSS_SELECTOR, ".search-keys").is_displayed())


@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_key_results_are_readable_and_pass_axe_in_both_themes(desktop, lang, scheme):
    from selenium_axe_python import Axe
    d = desktop.driver
    with color_scheme(d, scheme):
        desktop.open(f"/{lang}/charts/spark-4.1/")
        key_results(d, "image.tag")
        wait(d, 20).until(lambda drv: drv.find_elements(By.CSS_SELECTOR, ".pagefind-ui__result-link"))
        for css in (".search-key", ".search-key code", ".search-key-chart", ".search-keys-title", ".search-keys li p"):
            elements = d.find_elements(By.CSS_SELECTOR, css)
            assert elements, css
            for el in elements[:3]:
                ratio, color = d.execute_script(CONTRAST_JS, el)
                assert ratio >= 4.5, f"{css}: contrast {ratio:.2f} ({color}) in {scheme} is below WCAG AA"
        shot(desktop, f"search-keys-{lang}-{scheme}")
        bad = axe_serious(d)
    assert not bad, f"{lang} ({scheme}), overlay open: " + Axe.report(bad)


def test_key_results_on_a_phone_screenshot(phone):
    d = phone.open("/ru/guides/")
    key_results(d, KEY)
    dialog = rect(d, d.find_element(By.CSS_SELECTOR, "dialog.search-dialog"))
    assert dialog["right"] <= 390 and dialog["left"] >= 0, dialog
    shot(phone, "search-keys-phone-ru")


class SubPathHandler(SiteHandler):
    """The site under /docs/, as a web server that publishes it below its root would serve it."""

    def translate_path(self, path):
        return super().translate_path(path[len("/docs"):] if path.startswith("/docs/") else "/no-such-file")


@pytest.fixture
def sub_path_url():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(SubPathHandler, directory=str(SITE)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/docs"
    httpd.shutdown()
    httpd.server_close()


def test_search_works_under_a_sub_path(desktop, sub_path_url):
    d = desktop.driver
    d.get(sub_path_url + "/en/guides/")
    _, keys = key_results(d, KEY)
    # Pagefind's pages too (its bundle used to be fetched from the server's root).
    pages = wait(d, 20).until(lambda drv: drv.execute_script(
        "return [...document.querySelectorAll('.pagefind-ui__result-link')].map(a => a.getAttribute('href'))"))
    assert all(p.startswith("/docs/en/") for p in pages), pages
    assert keys[0].get_attribute("href") == f"{sub_path_url}/en/charts/spark-4.1/#{ROW}"
    keys[0].click()
    assert_row_opened(d, "en")
    assert d.execute_script("return location.pathname").startswith("/docs/en/charts/spark-4.1/")


def test_a_key_hidden_by_the_values_filter_is_shown_when_opened(desktop):
    d = desktop.open("/en/charts/spark-4.1/")
    # Each group's table has its own filter box, just above it.
    values_filter = d.execute_script(
        "return document.getElementById(arguments[0]).closest('.values-wrap').previousElementSibling.querySelector('input')", ROW)
    values_filter.send_keys("no-such-key-anywhere")
    assert not d.find_element(By.ID, ROW).is_displayed(), "the filter did not hide the row"
    box, _ = key_results(d, KEY)
    box.send_keys(Keys.ENTER)
    assert_row_opened(d, "en")
    assert values_filter.get_attribute("value") == ""
