"""Reading comfort, as docsite.js and docsite.css give it on the generated markup: the sidebar, the
phone drawer, "On this page", the language switch, the theme switch, the search overlay, the values
tables and code blocks. Desktop is 1280x800, a phone is 390x844 (device emulation)."""
import contextlib
import re

import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as EC

from conftest import SCREENSHOTS, SITE as SITE_DIR
from test_site import REPO, open_search, wait

GUIDE = "/en/guides/spark-4.1-quickstart/"
CHART = "/en/charts/spark-4.1/"
VALUES_PAGES = [f"/{lang}/charts/{c}/" for lang in ("en", "ru") for c in ("spark-4.1", "spark-3.5", "spark-base", "spark-operator")]
PHONE = {"width": 390, "height": 844, "deviceScaleFactor": 1, "mobile": True}
DESKTOP = {"width": 1280, "height": 800, "deviceScaleFactor": 1, "mobile": False}

# WCAG relative luminance and contrast of an element's text against the first opaque background
# behind it, computed in the browser from the computed styles.
CONTRAST_JS = """
function rgb(s) { var m = s.match(/[\\d.]+/g).map(Number); return {r: m[0], g: m[1], b: m[2], a: m.length > 3 ? m[3] : 1}; }
function lum(c) { return [c.r, c.g, c.b].map(function (v) { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); })
  .reduce(function (s, v, i) { return s + v * [0.2126, 0.7152, 0.0722][i]; }, 0); }
function background(e) {
  for (; e; e = e.parentElement) { var c = rgb(getComputedStyle(e).backgroundColor); if (c.a > 0.5) return c; }
  return rgb(getComputedStyle(document.body).backgroundColor);
}
var e = arguments[0], a = lum(rgb(getComputedStyle(e).color)), b = lum(background(e));
return [(Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05), getComputedStyle(e).color];
"""


@contextlib.contextmanager
def device(d, name):
    """The window as a desktop (1280x800) or a phone (390x844) for the duration."""
    d.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", PHONE if name == "phone" else DESKTOP)
    try:
        yield
    finally:
        d.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


@contextlib.contextmanager
def color_scheme(d, value):
    """The system colour scheme the page sees, for the duration."""
    d.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": [{"name": "prefers-color-scheme", "value": value}]})
    try:
        yield
    finally:
        d.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": []})


@pytest.fixture
def desktop(browser):
    with device(browser.driver, "desktop"):
        yield browser


@pytest.fixture
def phone(browser):
    with device(browser.driver, "phone"):
        yield browser


@pytest.fixture
def forget(browser):
    """Remembered choices (theme, collapsed sections) must not leak into other tests."""
    yield
    browser.driver.execute_script("localStorage.clear()")


def rect(d, el):
    return d.execute_script("var r = arguments[0].getBoundingClientRect(); return {top: r.top, bottom: r.bottom, left: r.left, right: r.right, height: r.height, width: r.width};", el)


def shot(browser, name):
    data = browser.driver.get_screenshot_as_png()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    (SCREENSHOTS / f"{name}.png").write_bytes(data)
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 5_000


# ---------------------------------------------------------------------------------------------
# Sidebar

def test_sidebar_stays_in_view_after_scrolling(desktop):
    d = desktop.open(CHART)
    nav = d.find_element(By.CSS_SELECTOR, ".site-nav")
    d.execute_script("window.scrollTo(0, 4000)")
    assert d.execute_script("return window.scrollY") > 3000, "the page is too short to test"
    r = rect(d, nav)
    assert r["top"] >= -1 and r["top"] < 100 and r["bottom"] > 300, f"sidebar scrolled away: {r}"
    assert r["height"] <= 801, f"the sidebar is taller than the window and cannot scroll on its own: {r}"
    assert nav.value_of_css_property("overflow-y") in ("auto", "scroll")


def test_sidebar_sections_collapse_and_remember(desktop, forget):
    d = desktop.open("/en/guides/")
    item = d.find_element(By.CSS_SELECTOR, ".site-nav li.nav-section.has-toggle")
    toggle, sub = item.find_element(By.CSS_SELECTOR, ":scope > .nav-toggle"), item.find_element(By.CSS_SELECTOR, ":scope > ul")
    assert toggle.get_attribute("aria-expanded") == "true" and sub.is_displayed()
    toggle.click()
    assert toggle.get_attribute("aria-expanded") == "false" and not sub.is_displayed()
    d.refresh()
    item = d.find_element(By.CSS_SELECTOR, ".site-nav li.nav-section.has-toggle")
    assert not item.find_element(By.CSS_SELECTOR, ":scope > ul").is_displayed(), "the collapsed section was not remembered"
    item.find_element(By.CSS_SELECTOR, ":scope > .nav-toggle").click()
    assert item.find_element(By.CSS_SELECTOR, ":scope > ul").is_displayed()


def test_sidebar_section_titles_look_different_from_pages(desktop):
    d = desktop.open(GUIDE)
    section = d.find_element(By.CSS_SELECTOR, ".site-nav li.nav-section > a")
    page = d.find_element(By.CSS_SELECTOR, ".site-nav li.nav-section li a:not([aria-current])")
    style = lambda e: [e.value_of_css_property(p) for p in ("font-size", "font-weight", "text-transform")]
    assert style(section) != style(page), (style(section), style(page))


@pytest.mark.parametrize("path", ["/en/adr/", "/ru/adr/"])
def test_long_sidebar_titles_stay_on_one_line_with_tooltip(desktop, path):
    d = desktop.open(path)
    entries = d.execute_script("""
        var edge = document.querySelector('.site-nav').getBoundingClientRect().right;
        return [...document.querySelectorAll('.site-nav a')].map(a => {
          var lh = parseFloat(getComputedStyle(a).lineHeight) || 24, r = a.getBoundingClientRect();
          return [a.textContent.trim(), r.height <= lh * 1.3 && r.right <= edge + 0.5, a.scrollWidth > a.clientWidth + 1, a.title];
        });""")
    # One line, and inside the sidebar: a link wider than it would hide its own ellipsis.
    assert all(fits for _, fits, _, _ in entries), [t for t, fits, _, _ in entries if not fits]
    cut = [(text, title) for text, _, truncated, title in entries if truncated]
    assert cut, "no title is long enough to be cut: the test no longer tests the ellipsis"
    # The tooltip is the text cut short, or for an ADR's number and short title, the record's full title.
    assert all(title == text or (re.match(r"\d{4} · ", text) and title.startswith("ADR " + text[:4])) for text, title in cut), cut


# ---------------------------------------------------------------------------------------------
# Phone: drawer and first screen

@pytest.mark.parametrize("path", [GUIDE, "/ru/guides/spark-4.1-quickstart/", CHART])
def test_phone_title_on_first_screen_and_drawer(phone, path):
    d = phone.open(path)
    h1 = d.find_element(By.CSS_SELECTOR, "main h1")
    assert rect(d, h1)["bottom"] <= PHONE["height"], f"the title is below the first screen: {rect(d, h1)}"
    nav = d.find_element(By.CSS_SELECTOR, ".site-nav")
    assert not nav.is_displayed() or rect(d, nav)["right"] <= 0, "the drawer is open before the menu is pressed"
    menu = d.find_element(By.CSS_SELECTOR, ".menu-button")
    assert menu.is_displayed() and menu.get_attribute("aria-expanded") == "false"
    menu.click()
    wait(d, 5).until(lambda drv: rect(drv, nav)["left"] >= -1 and nav.is_displayed())
    assert menu.get_attribute("aria-expanded") == "true"
    assert rect(d, nav)["right"] <= PHONE["width"]
    if path == GUIDE:
        shot(phone, "phone-drawer-en")
    d.find_element(By.TAG_NAME, "body").send_keys(Keys.ESCAPE)
    wait(d, 5).until(lambda drv: not nav.is_displayed())
    assert menu.get_attribute("aria-expanded") == "false"


# ---------------------------------------------------------------------------------------------
# "On this page" and the language switch

def test_toc_follows_the_reader(desktop):
    d = desktop.open(GUIDE)
    ids = d.execute_script("return [...document.querySelectorAll('.toc a')].map(a => decodeURIComponent(a.hash.slice(1)))")
    assert len(ids) >= 3
    for target in (ids[2], ids[-1], ids[1]):
        d.execute_script("document.getElementById(arguments[0]).scrollIntoView()", target)
        if d.execute_script("return window.innerHeight + window.scrollY >= document.documentElement.scrollHeight - 2"):
            continue    # the end of the page: the last headings cannot reach the top
        wait(d, 5).until(lambda drv: drv.execute_script(
            "var a = document.querySelector('.toc li.active > a'); return a && decodeURIComponent(a.hash.slice(1))") == target)
        assert len(d.find_elements(By.CSS_SELECTOR, ".toc li.active")) == 1


def test_language_switch_keeps_the_anchor(desktop):
    d = desktop.open(GUIDE + "#install-the-charts")
    d.find_element(By.CSS_SELECTOR, "nav.language-switcher a[hreflang='ru']").click()
    wait(d).until(EC.url_contains("/ru/"))
    assert d.current_url.endswith("/ru/guides/spark-4.1-quickstart/#install-the-charts"), d.current_url
    assert d.execute_script("return window.scrollY") > 0, "the Russian page did not scroll to the section"
    # An anchor followed on the page (hashchange) is kept too.
    d.find_element(By.CSS_SELECTOR, ".toc a[href='#check-the-installation']").click()
    d.find_element(By.CSS_SELECTOR, "nav.language-switcher a[hreflang='en']").click()
    wait(d).until(EC.url_contains("/en/"))
    assert d.current_url.endswith(GUIDE + "#check-the-installation"), d.current_url


# ---------------------------------------------------------------------------------------------
# Theme switch and heading links

def body_background(d):
    return d.execute_script("return getComputedStyle(document.body).backgroundColor")


@pytest.mark.parametrize("system,choice,expected", [("light", "dark", "rgb(13, 17, 23)"), ("dark", "light", "rgb(255, 255, 255)")])
def test_theme_switch_overrides_the_system_and_is_remembered(desktop, forget, system, choice, expected):
    d = desktop.driver
    html = lambda: d.find_element(By.TAG_NAME, "html")

    def choose(theme):      # the button cycles system -> light -> dark
        for _ in range(3):
            if html().get_attribute("data-theme") == theme:
                return
            d.find_element(By.CSS_SELECTOR, ".site-header .theme-button").click()
        pytest.fail(f"the theme button never chose {theme!r}")

    with color_scheme(d, system):
        desktop.open(GUIDE)
        initial = body_background(d)
        assert initial != expected, "the system default already gives the expected theme"
        choose(choice)
        assert body_background(d) == expected
        label = d.find_element(By.CSS_SELECTOR, ".site-header .theme-button").accessible_name
        assert label == f"Theme: {choice}", f"the button's name does not say the chosen theme: {label!r}"
        d.refresh()
        assert html().get_attribute("data-theme") == choice
        assert body_background(d) == expected, "the choice was not remembered"
        shot(desktop, f"theme-{choice}-over-{system}")
        choose(None)
        assert body_background(d) == initial


def test_heading_link_icons_show_on_hover_and_focus(desktop):
    d = desktop.open(GUIDE)
    h2 = d.find_element(By.CSS_SELECTOR, "main h2[id]")
    link = h2.find_element(By.CSS_SELECTOR, ".heading-link")
    assert float(link.value_of_css_property("opacity")) == 0
    ActionChains(d).move_to_element(h2).perform()
    assert float(link.value_of_css_property("opacity")) == 1
    ActionChains(d).move_to_element(d.find_element(By.CSS_SELECTOR, "main h1")).perform()
    assert float(link.value_of_css_property("opacity")) == 0
    d.execute_script("arguments[0].focus()", link)
    assert float(link.value_of_css_property("opacity")) == 1


# ---------------------------------------------------------------------------------------------
# Search overlay

@pytest.mark.parametrize("how", ["/", "ctrl-k", "button"])
def test_search_opens_in_an_overlay_and_escape_closes_it(desktop, how):
    d = desktop.open(GUIDE)
    assert not d.find_elements(By.CSS_SELECTOR, ".site-header .pagefind-ui"), "the search box is still inside the header"
    box = open_search(d, how)
    assert d.switch_to.active_element == box, "the search field does not have the focus"
    r = rect(d, d.find_element(By.CSS_SELECTOR, "dialog.search-dialog"))
    assert r["width"] > 400 and r["top"] >= 0, r
    box.send_keys(Keys.ESCAPE)
    wait(d, 5).until(lambda drv: not drv.execute_script("return document.querySelector('dialog.search-dialog').open"))


@pytest.mark.parametrize("theme", ["system", "chosen"])
def test_search_overlay_is_readable_in_dark_mode(desktop, forget, theme):
    d = desktop.driver
    with color_scheme(d, "dark" if theme == "system" else "light"):
        desktop.open(GUIDE)
        if theme == "chosen":
            d.execute_script("localStorage.setItem('docsite.theme', 'dark')")
            d.refresh()
        box = open_search(d, "/")
        box.send_keys("spark connect")
        wait(d, 20).until(lambda drv: drv.find_elements(By.CSS_SELECTOR, ".pagefind-ui__result-excerpt"))
        wait(d, 10).until(lambda drv: drv.find_element(By.CSS_SELECTOR, ".pagefind-ui__message").text)
        checked = []
        for css in (".pagefind-ui__message", ".pagefind-ui__result-link", ".pagefind-ui__result-excerpt",
                    ".pagefind-ui__result-excerpt mark", ".pagefind-ui__search-input", ".search-close"):
            for el in d.find_elements(By.CSS_SELECTOR, css)[:3]:
                ratio, color = d.execute_script(CONTRAST_JS, el)
                checked.append(css)
                assert ratio >= 4.5, f"{css}: contrast {ratio:.2f} ({color}) in dark mode is below WCAG AA"
        assert {".pagefind-ui__message", ".pagefind-ui__result-link", ".pagefind-ui__result-excerpt",
                ".pagefind-ui__result-excerpt mark"} <= set(checked)
        mark = d.find_element(By.CSS_SELECTOR, ".pagefind-ui__result-excerpt mark").value_of_css_property("background-color")
        assert mark != "rgba(255, 255, 0, 1)", "search matches keep the browser's yellow in dark mode"
        dialog_bg = d.execute_script("return getComputedStyle(document.querySelector('dialog.search-dialog')).backgroundColor")
        assert dialog_bg == "rgb(13, 17, 23)", dialog_bg
        shot(desktop, f"search-overlay-dark-{theme}")


def test_russian_result_count_reads_right_for_any_number(desktop):
    d = desktop.open("/ru/guides/")
    box = open_search(d)
    box.send_keys("spark")
    message = wait(d, 20).until(lambda drv: re.search(r"\d", drv.find_element(By.CSS_SELECTOR, ".pagefind-ui__message").text)
                                and drv.find_element(By.CSS_SELECTOR, ".pagefind-ui__message").text)
    # Pagefind's own Russian string puts every count in the genitive plural ("2 результатов").
    assert re.fullmatch(r"Результатов по запросу «spark»: \d+", message), message


# ---------------------------------------------------------------------------------------------
# Values tables

ROW_HEIGHTS_JS = "return [...document.querySelectorAll('table.values tbody tr')].map(r => [r.id, r.getBoundingClientRect().height])"


@pytest.mark.parametrize("kind", ["desktop", "phone"])
@pytest.mark.parametrize("path", VALUES_PAGES)
def test_no_values_row_is_taller_than_400px(browser, path, kind):
    d = browser.driver
    with device(d, kind):
        browser.open(path)
        rows = d.execute_script(ROW_HEIGHTS_JS)
    assert len(rows) > 10
    tall = [(i, round(h)) for i, h in rows if h > 400]
    assert not tall, f"{path} ({kind}): rows taller than 400 px: {tall[:5]}"


@pytest.mark.parametrize("kind", ["desktop", "phone"])
def test_values_keys_break_only_at_dots(browser, kind):
    d = browser.driver
    with device(d, kind):
        browser.open(CHART)
        # For every key, where a new line starts: the character before must be a dot.
        bad, wrapped = d.execute_script("""
            var bad = [], wrapped = 0;
            document.querySelectorAll('table.values tbody td:first-child code').forEach(function (code) {
              var text = '', tops = [];
              var walker = document.createTreeWalker(code, NodeFilter.SHOW_TEXT), node;
              while ((node = walker.nextNode())) {
                for (var i = 0; i < node.length; i++) {
                  var range = document.createRange(); range.setStart(node, i); range.setEnd(node, i + 1);
                  var r = range.getClientRects()[0];
                  text += node.data[i]; tops.push(r ? Math.round(r.top) : null);
                }
              }
              for (var j = 1; j < tops.length; j++) {
                if (tops[j] !== null && tops[j - 1] !== null && tops[j] > tops[j - 1] + 2) {
                  wrapped++;
                  if (text[j - 1] !== '.') bad.push(text.slice(0, j) + ' | ' + text.slice(j));
                }
              }
            });
            return [bad, wrapped];""")
    assert not bad, f"keys broken inside a name: {bad[:5]}"
    if kind == "phone":
        assert wrapped, "no key wrapped at all on a phone: the test no longer tests breaking"


def test_values_header_sticks_while_scrolling(desktop):
    d = desktop.open(CHART)
    table = max(d.find_elements(By.CSS_SELECTOR, "table.values"), key=lambda t: rect(d, t)["height"])
    d.execute_script("var r = arguments[0].getBoundingClientRect(); window.scrollBy(0, r.top + r.height / 2)", table)
    t, th = rect(d, table), rect(d, table.find_element(By.CSS_SELECTOR, "thead th"))
    assert t["top"] < -100 and t["bottom"] > 200, f"not scrolled into the middle of the table: {t}"
    assert -1 <= th["top"] <= 1, f"the header scrolled away: {th}"


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_values_filter_narrows_rows_as_you_type(desktop, lang):
    d = desktop.open(f"/{lang}/charts/spark-4.1/")
    tables = d.find_elements(By.CSS_SELECTOR, "table.values")
    filters = d.find_elements(By.CSS_SELECTOR, ".values-filter input")
    assert len(filters) == len(tables) > 0, "a values table without a filter box"
    assert filters[0].accessible_name
    # The table right after the first filter box is the one it narrows.
    table = tables[0]
    rows = table.find_elements(By.CSS_SELECTOR, "tbody tr")
    visible = lambda: [r for r in rows if r.is_displayed()]
    assert len(visible()) == len(rows) > 2
    filters[0].send_keys("imageregistry")
    shown = visible()
    assert 0 < len(shown) < len(rows)
    assert all("imageregistry" in r.find_element(By.CSS_SELECTOR, "td").text.lower() for r in shown), [r.text for r in shown]
    filters[0].send_keys(Keys.CONTROL, "a")
    filters[0].send_keys("pull secrets" if lang == "en" else "секрет")   # words of a description, not of a key
    shown = visible()
    assert shown and len(shown) < len(rows), "the filter does not search descriptions"
    filters[0].clear()
    filters[0].send_keys(" ")
    filters[0].send_keys(Keys.BACKSPACE)
    assert len(visible()) == len(rows), "clearing the filter did not bring every row back"


def test_values_rows_are_cards_on_a_phone(phone):
    d = phone.open(CHART)
    row = d.find_element(By.ID, "values-global-imageregistry")
    assert row.value_of_css_property("display") == "block"
    description = row.find_elements(By.CSS_SELECTOR, "td")[3]
    assert description.is_displayed() and "registry" in description.text.lower()
    assert rect(d, row)["right"] <= PHONE["width"] and rect(d, description)["width"] > 250
    d.execute_script("arguments[0].scrollIntoView()", row)
    shot(phone, "phone-values-cards-en")


# ---------------------------------------------------------------------------------------------
# Code blocks: the copy button sits beside the code, never over it.

@pytest.mark.parametrize("kind", ["desktop", "phone"])
@pytest.mark.parametrize("path", [GUIDE, "/ru/guides/spark-4.1-quickstart/", "/en/examples/values-spark-4.1-minimal/"])
def test_copy_button_never_covers_code(browser, path, kind):
    d = browser.driver
    with device(d, kind):
        browser.open(path)
        overlaps = d.execute_script("""
            return [...document.querySelectorAll('div.code')].map(function (block) {
              var b = block.querySelector('.copy-button'), p = block.querySelector('pre');
              if (!b || !p) return 'missing';
              var r = b.getBoundingClientRect(), q = p.getBoundingClientRect();
              return (r.bottom <= q.top || r.top >= q.bottom || r.right <= q.left || r.left >= q.right) ? null
                     : p.textContent.slice(0, 40);
            }).filter(x => x !== null);""")
    assert d.find_elements(By.CSS_SELECTOR, "div.code")
    assert not overlaps, f"copy buttons over code on {path} ({kind}): {overlaps[:3]}"


# ---------------------------------------------------------------------------------------------
# The CRD reference shows the descriptions the CRD schemas carry.

@pytest.mark.parametrize("lang", ["en", "ru"])
def test_crd_reference_shows_descriptions(browser, lang):
    d = browser.open(f"/{lang}/charts/spark-operator/crds/")
    cells = d.execute_script("return [...document.querySelectorAll('main table tbody tr')].map(r => r.cells[2] ? r.cells[2].textContent.trim() : '')")
    assert len(cells) > 300, len(cells)
    described = sum(1 for c in cells if c)
    # Upstream leaves a few fields undocumented; nearly all carry a description.
    assert described >= 0.9 * len(cells), f"only {described} of {len(cells)} CRD fields show a description"


# ---------------------------------------------------------------------------------------------
# Notes meant for authors are not shown to readers.

AUTHOR_NOTES = ["chart:NAME#KEY", "chart:ИМЯ#КЛЮЧ"]


def test_no_author_notes_in_the_output():
    from conftest import SITE
    pages = sorted(SITE.rglob("*.html"))
    assert len(pages) > 40
    found = [(p.relative_to(SITE).as_posix(), note) for p in pages for note in AUTHOR_NOTES
             if note in p.read_text(encoding="utf-8")]
    assert not found, f"author notes on reader pages: {found[:5]}"


# ---------------------------------------------------------------------------------------------
# The root page: the language remembered from the switch, else the browser's, else the default

@contextlib.contextmanager
def browser_languages(d, accept):
    """navigator.languages as a browser set to `accept` reports them, for the duration."""
    agent = d.execute_script("return navigator.userAgent")
    d.execute_cdp_cmd("Network.setUserAgentOverride", {"userAgent": agent, "acceptLanguage": accept})
    try:
        yield
    finally:
        d.execute_cdp_cmd("Network.setUserAgentOverride", {"userAgent": agent})


@pytest.mark.parametrize("accept,expected", [("ru-RU,ru;q=0.9", "/ru/"), ("de-DE,en;q=0.5", "/en/"), ("fr-FR", "/en/")])
def test_root_picks_the_browsers_language(desktop, forget, accept, expected):
    d = desktop.driver
    with browser_languages(d, accept):
        desktop.open("/")
        wait(d).until(EC.url_contains(expected))
        assert desktop.path() == expected


def test_root_remembers_the_language_chosen_with_the_switch(desktop, forget):
    d = desktop.driver
    with browser_languages(d, "en-US,en"):
        desktop.open(GUIDE)
        d.find_element(By.CSS_SELECTOR, "nav.language-switcher a[hreflang='ru']").click()
        wait(d).until(EC.url_contains("/ru/"))
        desktop.open("/")
        wait(d).until(EC.url_contains("/ru/"))
        assert desktop.path() == "/ru/"


@pytest.mark.parametrize("path,trail", [(GUIDE, ["Home", "Guides"]), ("/ru/adr/", ["Главная"])])
def test_breadcrumbs_show_the_way_home(desktop, path, trail):
    d = desktop.open(path)
    crumbs = d.find_element(By.CSS_SELECTOR, "main nav.breadcrumbs[aria-label] ol")
    items = [li.text.strip() for li in crumbs.find_elements(By.TAG_NAME, "li")]
    assert items[:-1] == trail, items
    current = crumbs.find_element(By.CSS_SELECTOR, "[aria-current='page']")
    assert current.text == d.find_element(By.CSS_SELECTOR, "article h1").text
    assert current.is_displayed() and rect(d, crumbs)["bottom"] <= rect(d, d.find_element(By.CSS_SELECTOR, "article h1"))["top"]


# ---------------------------------------------------------------------------------------------
# Example pages: keys link to their rows, the file name titles the block, the raw file, when to use

EXAMPLE = "/en/examples/values-spark-4.1-minimal/"
EXAMPLE_PAGES = sorted("/" + p.parent.relative_to(SITE_DIR).as_posix() + "/" for p in SITE_DIR.glob("*/examples/values-*/index.html")) \
    if SITE_DIR.is_dir() else []


def test_example_key_opens_its_row_in_the_values_reference(desktop):
    d = desktop.open(EXAMPLE)
    link = d.find_element(By.CSS_SELECTOR, "figure.code-block a.values-key-link[title='spark-connect.dynamicAllocation.maxExecutors']")
    assert link.text == "maxExecutors"
    link.click()
    wait(d).until(EC.url_contains("/en/charts/spark-4.1/#"))
    row = d.find_element(By.CSS_SELECTOR, "table.values tr:target")
    assert row.get_attribute("id") == "values-spark-connect-dynamicallocation-maxexecutors"
    assert row.find_element(By.CSS_SELECTOR, "td code").text.replace("\n", "") == "spark-connect.dynamicAllocation.maxExecutors"
    r = rect(d, row)
    assert -1 <= r["top"] < DESKTOP["height"], f"the row is not in view: {r}"


def test_every_example_key_link_names_an_existing_row():
    from html.parser import HTMLParser
    from urllib.parse import unquote, urlsplit

    class Scan(HTMLParser):
        def __init__(self):
            super().__init__()
            self.ids, self.links = set(), []

        def handle_starttag(self, tag, attrs):
            a = dict(attrs)
            if "id" in a:
                self.ids.add(a["id"])
            if tag == "a" and a.get("class") == "values-key-link":
                self.links.append(a["href"])

    def scan(path):
        s = Scan()
        s.feed(path.read_text(encoding="utf-8"))
        return s

    assert len(EXAMPLE_PAGES) >= 14, EXAMPLE_PAGES
    broken, total = [], 0
    for page in EXAMPLE_PAGES:
        here = SITE_DIR / page.strip("/")
        for href in scan(here / "index.html").links:
            total += 1
            url = urlsplit(href)
            if unquote(url.fragment) not in scan((here / url.path / "index.html").resolve()).ids:
                broken.append((page, href))
    assert total > 100, f"only {total} key links on the example pages"
    assert not broken, broken[:5]


@pytest.mark.parametrize("page", ["/en/examples/values-spark-4.1-minimal/", "/ru/examples/values-spark-3.5-connect/"])
def test_example_raw_file_link_serves_the_overlay_byte_for_byte(browser, page):
    import urllib.request
    d = browser.open(page)
    caption = d.find_element(By.CSS_SELECTOR, "figure.code-block > figcaption.code-title")
    name = page.rstrip("/").rsplit("/", 1)[1] + ".yaml"
    assert caption.text.startswith(name), caption.text
    raw = caption.find_element(By.CSS_SELECTOR, "a[download]")
    assert raw.get_attribute("href").endswith(page + name)
    with urllib.request.urlopen(raw.get_attribute("href")) as response:
        served = response.read()
    assert served == (REPO / "content" / "examples" / name).read_bytes()


@pytest.mark.parametrize("theme", ["light", "dark"])
@pytest.mark.parametrize("kind", ["desktop", "phone"])
def test_example_page_says_when_to_use_it(browser, forget, kind, theme):
    d = browser.driver
    with device(d, kind), color_scheme(d, theme):
        browser.open(EXAMPLE)
        lead = d.find_element(By.CSS_SELECTOR, "article p.lead")
        assert "kind or minikube" in lead.text and lead.is_displayed()
        figure = d.find_element(By.CSS_SELECTOR, "figure.code-block")
        assert rect(d, figure)["right"] <= (PHONE if kind == "phone" else DESKTOP)["width"]
        ratio, color = d.execute_script(CONTRAST_JS, figure.find_element(By.CSS_SELECTOR, "a.values-key-link span"))
        assert ratio >= 4.5, f"a linked key: contrast {ratio:.2f} ({color})"
        browser.screenshot(SCREENSHOTS / f"example-page-{kind}-{theme}.png", max_height=3000)


# ---------------------------------------------------------------------------------------------
# ADR entries in the sidebar: number and short title on one line, the full title as the tooltip

@pytest.mark.parametrize("lang", ["en", "ru"])
def test_adr_sidebar_entries_are_number_and_short_title_on_one_line(desktop, lang):
    d = desktop.open(f"/{lang}/adr/0002-version-specific-metastores/")
    entries = d.execute_script("""
        return [...document.querySelectorAll('.site-nav a')].filter(a => /^\\d{4} · /.test(a.textContent)).map(a => {
          var lh = parseFloat(getComputedStyle(a).lineHeight) || 24;
          return [a.textContent, a.title, a.getBoundingClientRect().height <= lh * 1.3, a.scrollWidth <= a.clientWidth + 1];
        });""")
    assert len(entries) >= 16, entries
    assert [e[0][:4] for e in entries] == sorted(e[0][:4] for e in entries), "ADRs out of number order"
    for text, title, one_line, whole in entries:
        assert one_line and whole, f"{text!r} wraps or is cut short"
        assert title.startswith("ADR " + text[:4]), (text, title)
    h1 = d.find_element(By.CSS_SELECTOR, "article h1").text
    assert any(title == h1 for _, title, _, _ in entries), "the current record's tooltip is not its full title"


# ---------------------------------------------------------------------------------------------
# No theme flash: the chosen theme is set before the first paint, without waiting for docsite.js

def test_chosen_theme_applies_before_the_deferred_script_runs(desktop, forget):
    d = desktop.driver
    with color_scheme(d, "light"):
        desktop.open(GUIDE)
        d.execute_script("localStorage.setItem('docsite.theme', 'dark')")
        # docsite.js never arrives: whatever sets the theme now is what runs before the first paint.
        d.execute_cdp_cmd("Network.enable", {})
        d.execute_cdp_cmd("Network.setBlockedURLs", {"urls": ["*docsite.js*"]})
        try:
            desktop.open("/en/guides/")
            assert not d.find_elements(By.CSS_SELECTOR, ".theme-button"), "docsite.js ran although it was blocked"
            assert d.find_element(By.TAG_NAME, "html").get_attribute("data-theme") == "dark"
            assert body_background(d) == "rgb(13, 17, 23)"
            order = d.execute_script("""
                var head = [...document.head.children];
                var theme = head.findIndex(e => e.tagName === 'SCRIPT' && /assets\\/theme\\.js$/.test(e.src));
                var css = head.findIndex(e => e.rel === 'stylesheet');
                var s = head[theme];
                return [theme, css, s ? s.defer || s.async : null, s ? s.getAttribute('src') : null];""")
            assert 0 <= order[0] < order[1] and order[2] is False, f"theme.js must come before the styles, not deferred: {order}"
            assert not order[3].startswith("/"), "a root-absolute URL breaks a site under a sub-path"
        finally:
            d.execute_cdp_cmd("Network.setBlockedURLs", {"urls": []})
            d.execute_cdp_cmd("Network.disable", {})
            d.get_log("browser")    # the blocked request's console error is the point of the test
