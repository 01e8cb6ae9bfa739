"""What a reader does on the built site, in headless Chromium, against a server on 127.0.0.1."""
import json
import re

import pytest
import yaml
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select, WebDriverWait

from conftest import HERE, SCREENSHOTS, SITE

REPO = HERE.parent.parent
CYRILLIC = re.compile("[А-Яа-яЁё]")
PAGES = sorted("/" + p.relative_to(SITE).parent.as_posix() + "/"
               for lang in ("en", "ru") for p in (SITE / lang).rglob("index.html")) if SITE.is_dir() else []


def lang_of(d):
    return d.find_element(By.TAG_NAME, "html").get_attribute("lang")


def wait(d, seconds=10):
    return WebDriverWait(d, seconds)


# ---------------------------------------------------------------------------------------------
# Every page: right language, readable Cyrillic (the charset survived), no dangling same-page
# anchors, no sideways scrolling at phone width, and (fixture) no console errors.

def test_site_has_both_languages():
    assert len(PAGES) > 40, PAGES
    en = {p[len("/en"):] for p in PAGES if p.startswith("/en/")}
    ru = {p[len("/ru"):] for p in PAGES if p.startswith("/ru/")}
    assert en == ru, f"pages only in one language: {sorted(en ^ ru)}"


@pytest.mark.parametrize("path", PAGES)
def test_page(browser, path):
    d = browser.open(path)
    lang = path.split("/")[1]
    assert lang_of(d) == lang
    assert d.title.strip()
    h1 = d.find_element(By.CSS_SELECTOR, "main h1").text
    if lang == "ru":
        assert CYRILLIC.search(d.find_element(By.TAG_NAME, "main").text), "no Cyrillic in a Russian page (charset?)"
    assert "Ã" not in h1 and "Ð" not in h1, f"mojibake in h1: {h1!r}"
    dangling = d.execute_script("""
        return [...document.querySelectorAll('a[href*="#"]')].map(a => new URL(a.href))
          .filter(u => u.pathname === location.pathname && u.hash.length > 1
                       && !document.getElementById(decodeURIComponent(u.hash.slice(1))))
          .map(u => u.hash);""")
    assert not dangling, f"links to missing ids on {path}: {dangling}"
    # Wide screen: a page without a table of contents gives its column to the content.
    gap = d.execute_script("""
        if (document.querySelector('.layout > .toc')) return 0;
        var layout = document.querySelector('.layout'), main = document.querySelector('.layout > main');
        var inner = layout.getBoundingClientRect().right - parseFloat(getComputedStyle(layout).paddingRight);
        return Math.round(inner - main.getBoundingClientRect().right);""")
    assert gap <= 1, f"{path}: main leaves {gap}px of the empty table-of-contents column unused"
    # A phone (390 CSS px; a headless window cannot be made narrower than 500): nothing outside a
    # scroll container may stick out of the page, or the whole page scrolls sideways.
    d.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                      {"width": 390, "height": 844, "deviceScaleFactor": 1, "mobile": True})
    try:
        width, wider = d.execute_script("""
            var W = document.documentElement.clientWidth, out = [];
            function scrolls(e) {
              for (var p = e.parentElement; p; p = p.parentElement) {
                var o = getComputedStyle(p).overflowX;
                if (o === 'auto' || o === 'scroll' || o === 'hidden') return true;
              }
              return false;
            }
            document.querySelectorAll('body *').forEach(function (e) {
              var r = e.getBoundingClientRect(), pos = getComputedStyle(e).position;
              if (r.width && r.right > W + 0.5 && (!scrolls(e) || pos === 'absolute' || pos === 'fixed'))
                out.push(e.tagName.toLowerCase() + (e.className ? '.' + e.className : '') + ' "'
                         + (e.textContent || '').trim().slice(0, 60) + '" right=' + Math.round(r.right));
            });
            return [document.documentElement.scrollWidth - W, out];""")
    finally:
        d.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
    assert width <= 0, f"{path} scrolls sideways by {width}px at 390px; sticking out: {wider[:5]}"


# ---------------------------------------------------------------------------------------------
# Language: the root redirects to English; the switcher goes to the counterpart and back.

def test_root_redirects_to_english_home(browser):
    d = browser.open("/")
    wait(d).until(EC.url_matches(r"/en/(index\.html)?$"))
    assert lang_of(d) == "en"
    assert d.find_element(By.CSS_SELECTOR, "main h1").text


@pytest.mark.parametrize("start", ["/", "/en/guides/spark-4.1-quickstart/"])
def test_language_switch_round_trip(browser, start):
    d = browser.open(start)
    wait(d).until(EC.url_contains("/en/"))
    en_path, en_h1 = browser.path(), d.find_element(By.CSS_SELECTOR, "main h1").text
    assert lang_of(d) == "en" and not CYRILLIC.search(en_h1)

    d.find_element(By.CSS_SELECTOR, "nav.language-switcher a[hreflang='ru']").click()
    wait(d).until(EC.url_contains("/ru/"))
    assert browser.path() == en_path.replace("/en/", "/ru/", 1), "the switcher left the page's counterpart"
    assert lang_of(d) == "ru"
    ru_h1 = d.find_element(By.CSS_SELECTOR, "main h1").text
    assert CYRILLIC.search(ru_h1), ru_h1
    assert d.find_element(By.CSS_SELECTOR, "nav.language-switcher [aria-current]").get_attribute("lang") == "ru"

    d.find_element(By.CSS_SELECTOR, "nav.language-switcher a[hreflang='en']").click()
    wait(d).until(EC.url_contains("/en/"))
    assert browser.path() == en_path
    assert lang_of(d) == "en"
    assert d.find_element(By.CSS_SELECTOR, "main h1").text == en_h1


# ---------------------------------------------------------------------------------------------
# Search: Pagefind's Russian index stems, so a form that occurs nowhere on the site still finds
# the pages that use other forms of the word.

# query -> pages expected among the results; the query form itself occurs on no page, each
# expected page has another form of the same word (checked below, so the test keeps its teeth).
RU_SEARCH = ("изоляцией", {"/ru/guides/spark-operator-guide/": "изоляция",
                            "/ru/guides/spark-4.1-production/": "изоляции"})


def open_search(d, how="button"):
    """The search box lives in an overlay: the header's search button, "/" or Ctrl-K opens it."""
    if how == "/":
        d.find_element(By.TAG_NAME, "body").send_keys("/")
    elif how == "ctrl-k":
        ActionChains(d).key_down(Keys.CONTROL).send_keys("k").key_up(Keys.CONTROL).perform()
    else:
        wait(d).until(EC.element_to_be_clickable((By.CSS_SELECTOR, ".site-header .search-button"))).click()
    wait(d, 5).until(lambda drv: drv.execute_script("var x = document.querySelector('dialog.search-dialog'); return x && x.open"))
    return wait(d).until(EC.element_to_be_clickable((By.CSS_SELECTOR, "dialog.search-dialog .search input")))


def main_text(page):
    html = (SITE / page.lstrip("/") / "index.html").read_text(encoding="utf-8")
    main = re.search(r"<main\b.*?</main>", html, re.S).group(0)
    return re.sub(r"<[^>]+>", " ", main).lower()


def test_russian_search_finds_other_word_forms_and_follows_a_result(browser):
    query, expected = RU_SEARCH
    for page, form in expected.items():
        text = main_text(page)
        assert re.search(rf"(?<![а-яё]){form}(?![а-яё])", text), f"{page} no longer says {form!r}: pick another word"
    for html in (SITE / "ru").rglob("*.html"):
        assert query not in html.read_text(encoding="utf-8").lower(), f"{html} contains {query!r} itself"

    d = browser.open("/ru/guides/")
    assert lang_of(d) == "ru"
    box = open_search(d)
    box.send_keys(query)
    links = ".pagefind-ui__result-link"
    wait(d, 20).until(lambda drv: len(drv.find_elements(By.CSS_SELECTOR, links)) >= len(expected))
    # Pagefind shows the first five results; load the rest so the check does not depend on ranking.
    for _ in range(10):
        more = d.find_elements(By.CSS_SELECTOR, ".pagefind-ui__button")
        if not more:
            break
        more[0].click()
    hrefs = {}
    for a in d.find_elements(By.CSS_SELECTOR, links):
        hrefs[re.sub(r"^https?://[^/]+", "", a.get_attribute("href")).replace("index.html", "")] = a
    missing = set(expected) - set(hrefs)
    assert not missing, f"search for {query!r} did not return {missing}; got {sorted(hrefs)}"
    assert all(h.startswith("/ru/") for h in hrefs), f"Russian search returned other languages: {sorted(hrefs)}"

    target = "/ru/guides/spark-operator-guide/"
    title = hrefs[target].text
    hrefs[target].click()
    wait(d).until(EC.url_contains("spark-operator-guide"))
    assert browser.path().replace("index.html", "") == target
    assert lang_of(d) == "ru"
    assert d.find_element(By.CSS_SELECTOR, "main h1").text == title


def test_english_index_does_not_answer_russian_queries(browser):
    d = browser.open("/en/guides/")
    box = open_search(d)
    box.send_keys("guide")            # an English word first: proves the English index answers at all
    wait(d, 20).until(lambda drv: drv.find_elements(By.CSS_SELECTOR, ".pagefind-ui__result-link"))
    assert all("/en/" in a.get_attribute("href") for a in d.find_elements(By.CSS_SELECTOR, ".pagefind-ui__result-link"))
    box.send_keys(Keys.CONTROL, "a")
    box.send_keys(RU_SEARCH[0])
    wait(d, 20).until(lambda drv: not drv.find_elements(By.CSS_SELECTOR, ".pagefind-ui__result-link"))


# ---------------------------------------------------------------------------------------------
# A values key anchor: the row is the :target, highlighted and inside the viewport.

def test_values_key_anchor_is_target_and_visible(browser):
    values = yaml.safe_load((REPO / "charts/spark-4.1/charts/spark-connect/values.yaml").read_text())
    assert "replicas" in values, "spark-connect no longer has a replicas key: pick another"
    anchor = "values-spark-connect-replicas"
    d = browser.open(f"/ru/charts/spark-4.1/#{anchor}")
    wait(d).until(lambda drv: drv.execute_script("return document.readyState") == "complete")
    target = d.execute_script("var t = document.querySelector(':target'); return t && [t.tagName, t.id];")
    assert target == ["TR", anchor], target
    row = d.find_element(By.ID, anchor)
    assert "spark-connect.replicas" in row.text
    ru = yaml.safe_load((REPO / "content/i18n/charts/spark-4.1/spark-connect.ru.yaml").read_text())["replicas"]["text"]
    assert ru in row.text, f"the row does not show the Russian description {ru!r}: {row.text!r}"
    inside = d.execute_script("""
        var r = arguments[0].getBoundingClientRect();
        return [r.top, r.bottom, window.innerHeight, r.height];""", row)
    top, bottom, height, row_height = inside
    # Scrolling to a fragment aligns the row's top with the viewport's; fractional layout (table
    # rows of fractional height) can leave it a fraction of a pixel above, which is still in view.
    assert row_height > 0 and -1 < top and bottom <= height, f"row not in the viewport: {inside}"
    assert d.execute_script("return window.scrollY") > 0, "the page did not scroll to the row"
    other = d.find_element(By.ID, "values-spark-connect-enabled")
    assert row.value_of_css_property("background-color") != other.value_of_css_property("background-color"), \
        "the :target row is not highlighted"


# ---------------------------------------------------------------------------------------------
# ADR log filter: choosing a status leaves exactly the rows with that status.

@pytest.mark.parametrize("lang", ["en", "ru"])
def test_adr_filter(browser, lang):
    d = browser.open(f"/{lang}/adr/")
    select_el = wait(d).until(EC.visibility_of_element_located((By.CSS_SELECTOR, ".adr-filter select")))
    rows = d.find_elements(By.CSS_SELECTOR, ".adr-table tbody tr")
    statuses = [r.get_attribute("data-status") for r in rows]
    assert len(rows) >= 2 and all(statuses), statuses
    select = Select(select_el)
    options = [o.get_attribute("value") for o in select.options]
    assert "" in options and set(statuses) <= set(options), (options, statuses)

    def visible():
        return [r.get_attribute("data-status") for r in rows if r.is_displayed()]

    assert len(visible()) == len(rows)
    narrowed = False
    for value in options:
        if not value:
            continue
        select.select_by_value(value)
        shown = visible()
        assert shown == [s for s in statuses if s == value], f"filter {value!r}: visible {shown}"
        narrowed |= len(shown) < len(rows)
    assert narrowed, "no status hid any row"
    select.select_by_value("")
    assert len(visible()) == len(rows), "'all' did not bring every row back"


# ---------------------------------------------------------------------------------------------
# Code blocks carry a copy button that copies the code.

@pytest.mark.parametrize("path,label", [("/en/examples/values-spark-4.1-minimal/", "Copied"),
                                         ("/ru/guides/spark-4.1-quickstart/", "Скопировано")])
def test_code_block_copy_button(browser, path, label):
    d = browser.open(path)
    d.execute_cdp_cmd("Browser.grantPermissions", {"origin": browser.base_url,
                                                   "permissions": ["clipboardReadWrite", "clipboardSanitizedWrite"]})
    blocks = d.find_elements(By.CSS_SELECTOR, "div.code")
    assert blocks
    buttons = d.find_elements(By.CSS_SELECTOR, "div.code > button.copy-button")
    assert len(buttons) == len(blocks), "a code block without a copy button"
    button, code = buttons[0], blocks[0].find_element(By.TAG_NAME, "code")
    assert button.is_displayed() and button.text
    button.click()
    wait(d, 5).until(lambda drv: button.text == label)
    copied = d.execute_async_script(
        "var done = arguments[arguments.length - 1];"
        "navigator.clipboard.readText().then(done, function (e) { done('ERR ' + e); });")
    assert copied.strip() == code.text.strip()


# ---------------------------------------------------------------------------------------------
# Accessibility: axe-core, no violations of serious or critical impact, light and dark theme.

AXE_PAGES = [f"/{lang}/{p}" for lang in ("en", "ru") for p in
             ("", "guides/spark-4.1-quickstart/", "charts/spark-4.1/", "matrix/", "adr/",
              "examples/values-spark-4.1-minimal/")]


# "chosen-dark": a light system, the reader picked dark with the theme button (remembered choice).
@pytest.mark.parametrize("scheme", ["light", "dark", "chosen-dark"])
@pytest.mark.parametrize("path", AXE_PAGES)
def test_axe(browser, path, scheme):
    from selenium_axe_python import Axe
    d = browser.driver
    system = "dark" if scheme == "dark" else "light"
    d.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": [{"name": "prefers-color-scheme", "value": system}]})
    try:
        browser.open(path)
        dark = d.execute_script("return matchMedia('(prefers-color-scheme: dark)').matches")
        assert dark == (system == "dark")
        if scheme == "chosen-dark":
            d.execute_script("localStorage.setItem('docsite.theme', 'dark')")
            d.refresh()
            assert d.find_element(By.TAG_NAME, "html").get_attribute("data-theme") == "dark"
        bad = axe_serious(d)
    finally:
        d.execute_script("localStorage.clear()")
        d.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": []})
    assert not bad, f"{path} ({scheme}): " + Axe.report(bad)


def axe_serious(d):
    """axe-core over the page as it is now: the violations of serious or critical impact."""
    from selenium_axe_python import Axe
    axe = Axe(d)
    axe.inject()
    options = {"resultTypes": ["violations"]}
    res = d.execute_async_script(
        "var done = arguments[arguments.length - 1];"
        f"axe.run(document, {json.dumps(options)}).then(done, function (e) {{ done({{error: String(e)}}); }});")
    assert "error" not in res, res
    assert res["testEngine"]["version"]
    return [v for v in res["violations"] if v["impact"] in ("serious", "critical")]


# ---------------------------------------------------------------------------------------------
# Screenshots: a guide, a chart page and the matrix, in both languages.

SHOTS = {"guide": "guides/spark-4.1-quickstart/", "chart": "charts/spark-4.1/", "matrix": "matrix/"}


@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.parametrize("kind", sorted(SHOTS))
def test_screenshot(browser, kind, lang):
    d = browser.open(f"/{lang}/{SHOTS[kind]}")
    assert lang_of(d) == lang
    if lang == "ru":   # the Cyrillic text rendered (a lost charset shows mojibake instead)
        assert CYRILLIC.search(d.find_element(By.TAG_NAME, "main").text)
    file = SCREENSHOTS / f"{kind}-{lang}.png"
    data = browser.screenshot(file)
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 10_000, f"{file}: {len(data)} bytes"
    print(f"screenshot: {file}")


# ---------------------------------------------------------------------------------------------
# The 404 page: both languages, links home, and (fixture) no console errors.

def test_404_page(browser):
    d = browser.open("/404.html")
    sections = {s.get_attribute("lang"): s for s in d.find_elements(By.CSS_SELECTOR, "main section[lang]")}
    assert set(sections) == {"en", "ru"}
    assert CYRILLIC.search(sections["ru"].text)
    sections["ru"].find_element(By.TAG_NAME, "a").click()
    wait(d).until(EC.url_contains("/ru/"))
    assert lang_of(d) == "ru"
