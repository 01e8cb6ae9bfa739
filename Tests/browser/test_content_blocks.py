"""Content blocks written in Markdown: admonitions (GitHub alert syntax), code blocks with a file
name as title, and shell highlighting, in light and dark, on a desktop and a 390x844 phone."""
import pytest
from selenium.webdriver.common.by import By

from conftest import SCREENSHOTS
from test_reading import CONTRAST_JS, color_scheme, device
from test_site import test_axe as axe_check, wait

WRITING = {"en": "/en/guides/writing-docs/", "ru": "/ru/guides/writing-docs/"}
TITLES = {"en": {"tip": "Tip", "warning": "Warning"}, "ru": {"tip": "Совет", "warning": "Предупреждение"}}


def save(element, name):
    """A PNG of one element (scrolled into view first)."""
    element.parent.execute_script("arguments[0].scrollIntoView({block: 'center'})", element)
    data = element.screenshot_as_png
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    (SCREENSHOTS / f"{name}.png").write_bytes(data)
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 1_000


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("lang,page", [(lang, page) for lang in ("en", "ru") for page in ("writing-docs", "spark-operator-guide")])
def test_admonitions_have_a_localized_title_an_icon_and_readable_text(browser, lang, page, scheme):
    d = browser.driver
    with color_scheme(d, scheme):
        browser.open(f"/{lang}/guides/{page}/")
        boxes = d.find_elements(By.CSS_SELECTOR, "main .admonition[role=note]")
        assert boxes, "the writing guide shows no admonition"
        for box in boxes:
            kind = next(c[len("admonition-"):] for c in box.get_attribute("class").split() if c.startswith("admonition-"))
            title = box.find_element(By.CSS_SELECTOR, ":scope > .admonition-title")
            assert title.text == TITLES[lang][kind]
            icon = d.execute_script("var s = getComputedStyle(arguments[0], '::before');"
                                    "return [s.width, s.maskImage || s.webkitMaskImage, s.backgroundColor];", title)
            assert icon[0] not in ("0px", "auto") and icon[1].startswith("url("), f"no icon: {icon}"
            for element in [title] + box.find_elements(By.CSS_SELECTOR, ":scope > p:not(.admonition-title)"):
                ratio, color = d.execute_script(CONTRAST_JS, element)
                assert ratio >= 4.5, f"{kind} {element.text[:30]!r}: contrast {ratio:.2f} ({color}, {scheme})"
        save(boxes[0], f"admonition-{page}-{lang}-{scheme}")


@pytest.mark.parametrize("kind", ["desktop", "phone"])
@pytest.mark.parametrize("path", list(WRITING.values()) + ["/en/guides/images/"])
def test_copy_button_never_covers_code_text_with_or_without_title(browser, path, kind):
    d = browser.driver
    with device(d, kind):
        browser.open(path)
        report = d.execute_script("""
            function hits(a, b) { return !(a.bottom <= b.top || a.top >= b.bottom || a.right <= b.left || a.left >= b.right); }
            return [...document.querySelectorAll('main div.code, main figure.code-block')].map(function (block) {
              var b = block.querySelector('.copy-button'), code = block.querySelector('pre code');
              if (!b || !code) return {titled: block.tagName === 'FIGURE', problem: 'missing'};
              var range = document.createRange();
              range.selectNodeContents(code);
              var button = b.getBoundingClientRect(), caption = block.querySelector(':scope > figcaption');
              var over = [...range.getClientRects()].some(r => r.width > 0 && hits(button, r));
              return {titled: !!caption, inCaption: !!caption && caption.contains(b),
                      problem: over ? code.textContent.slice(0, 40) : null};
            });""")
    titled = [r for r in report if r["titled"]]
    assert titled and len(titled) < len(report), f"{path} needs blocks with and without title: {report}"
    assert all(r["inCaption"] for r in titled), "a titled block's copy button is not in its title bar"
    assert not [r for r in report if r["problem"]], f"copy buttons over code on {path} ({kind}): {report}"


def test_titled_block_copies_only_its_code(browser):
    d = browser.open(WRITING["en"])
    d.execute_cdp_cmd("Browser.grantPermissions", {"origin": browser.base_url,
                                                   "permissions": ["clipboardReadWrite", "clipboardSanitizedWrite"]})
    figure = d.find_element(By.CSS_SELECTOR, "main figure.code-block")
    caption = figure.find_element(By.CSS_SELECTOR, ":scope > figcaption.code-title")
    assert caption.text.startswith("content/en/guides/my-topic.md")
    button = caption.find_element(By.CSS_SELECTOR, "button.copy-button")
    d.execute_script("arguments[0].scrollIntoView({block: 'center'})", figure)
    button.click()
    wait(d, 5).until(lambda drv: button.text == "Copied")
    copied = d.execute_async_script("var done = arguments[arguments.length - 1];"
                                    "navigator.clipboard.readText().then(done, function (e) { done('ERR ' + e); });")
    assert copied.strip() == figure.find_element(By.CSS_SELECTOR, "pre code").text.strip()
    assert "my-topic.md" not in copied


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_titled_code_screenshots(browser, scheme):
    d = browser.driver
    with color_scheme(d, scheme):
        browser.open("/en/guides/images/")
        save(d.find_element(By.CSS_SELECTOR, "main figure.code-block"), f"code-title-en-{scheme}")


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", ["/en/guides/spark-4.1-quickstart/", "/ru/guides/images/"])
def test_bash_tokens_are_coloured_unlike_plain_text(browser, path, scheme):
    d = browser.driver
    with color_scheme(d, scheme):
        browser.open(path)
        found = d.execute_script("""
            return [...document.querySelectorAll('main code.language-bash [class^="tok-"]')].map(function (span) {
              var code = span.closest('code');
              return [span.className, getComputedStyle(span).color, getComputedStyle(code).color];
            });""")
    kinds = {cls for cls, _, _ in found}
    assert {"tok-cmd", "tok-com"} <= kinds or {"tok-cmd", "tok-str"} <= kinds, f"bash blocks on {path} barely highlighted: {kinds}"
    same = [(cls, color) for cls, color, plain in found if color == plain]
    assert not same, f"tokens coloured as plain text on {path} ({scheme}): {same[:5]}"


@pytest.mark.parametrize("scheme", ["light", "dark", "chosen-dark"])
@pytest.mark.parametrize("path", ["/en/guides/writing-docs/", "/ru/guides/writing-docs/", "/ru/guides/spark-operator-guide/"])
def test_axe_on_pages_with_admonitions_and_titled_code(browser, path, scheme):
    axe_check(browser, path, scheme)
