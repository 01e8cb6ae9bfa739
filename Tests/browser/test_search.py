"""Search results as a reader sees them: excerpts made of the page's words only (no heading marks, no
table headers glued into one word), and values keys found as results of their own that open their row.
Searches run through the built site's own pagefind.js and the overlay, in headless Chromium."""
import html
import re

import pytest
from selenium.webdriver.common.by import By

from conftest import SITE
from test_reading import color_scheme, desktop, device, forget, phone, rect, shot  # noqa: F401 - fixtures
from test_site import open_search, wait

# pagefind.js from the page's own bundle (the search box's data-bundle, relative to the page);
# every result's data: excerpt, the whole indexed text, its anchors.
PAGEFIND_JS = """
var query = arguments[0], done = arguments[arguments.length - 1];
var bundle = new URL(document.querySelector('.search[data-bundle]').getAttribute('data-bundle'), location.href).href;
import(bundle + 'pagefind.js').then(function (pagefind) {
  return pagefind.search(query);
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
    wait(d, 20).until(lambda drv: drv.find_elements(By.CSS_SELECTOR, ".pagefind-ui__result-excerpt"))
    excerpts = [e.text for e in d.find_elements(By.CSS_SELECTOR, ".pagefind-ui__result-excerpt")]
    glued = glued_labels()
    for text in excerpts:
        assert not HEADING_MARK.search(text), text
        assert not [g for g in glued if g in text], text
