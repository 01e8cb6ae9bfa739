"""Search after an incremental build (issue 21) against a cold build of the same sources, through the real
pagefind.js in chromium, English and Russian word forms: the same pages with the same scores, whatever the
number of shards Pagefind indexed the site in before docsite merged them into one index.

Builds its own small bilingual site with docsite (DOCSITE, default .build/debug/docsite) and Pagefind (PATH).
"""
import functools
import os
import pathlib
import shutil
import subprocess
import threading
from http.server import ThreadingHTTPServer

import pytest

from conftest import SiteHandler

REPO = pathlib.Path(__file__).resolve().parent.parent.parent
DOCSITE = pathlib.Path(os.environ.get("DOCSITE", REPO / ".build" / "debug" / "docsite"))
PAGEFIND = shutil.which("pagefind", path=f"{REPO / '.venv' / 'bin'}:{os.environ.get('PATH', '')}")

# Word forms on purpose: Pagefind stems English and Russian, and both indexes must agree on every form.
QUERIES = {"en": ["executor", "executors", "shuffle", "quasarword", "nebulaword", "part"],
           "ru": ["задание", "задания", "заданий", "кластер", "кластеров", "квазарслово", "здесь"]}
TOPICS = [("executor", "задание"), ("executors", "задания"), ("shuffle", "кластер"), ("driver", "заданий"),
          ("namespace", "кластеров"), ("volume", "кластера")]


def write_site(root):
    (root / "content" / "en" / "guides").mkdir(parents=True)
    (root / "content" / "ru" / "guides").mkdir(parents=True)
    (root / "content" / "site.yaml").write_text(
        "title:\n  en: Search site\n  ru: Сайт поиска\nlanguages: [en, ru]\nsections: [guides]\n", encoding="utf-8")
    for lang, title in (("en", "Home"), ("ru", "Главная")):
        (root / "content" / lang / "index.md").write_text(f"---\ntitle: {title}\n---\n\nStart.\n", encoding="utf-8")
    for number in range(24):
        english, russian = TOPICS[number % len(TOPICS)]
        page(root, "en", f"page-{number:02d}", f"Page {number}", f"The {english} runs here, part {number}.")
        page(root, "ru", f"page-{number:02d}", f"Страница {number}", f"Здесь {russian} номер {number}.")


def page(root, lang, slug, title, body):
    (root / "content" / lang / "guides" / f"{slug}.md").write_text(
        f"---\ntitle: {title}\n---\n\n{body}\n", encoding="utf-8")


def build(root, out, shards):
    env = {**os.environ, "PAGEFIND": PAGEFIND}
    done = subprocess.run([str(DOCSITE), "build", "--root", str(root), "--out", out, "--search-shards", str(shards)],
                          env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    return root / out


def edit_and_add(root):
    """One edit and one new page in each language."""
    page(root, "en", "page-03", "Page 3", "The shuffle runs here, part 3. Quasarword.")
    page(root, "en", "page-99", "Page 99", "A new nebulaword page about executors.")
    page(root, "ru", "page-99", "Страница 99", "Новая страница: квазарслово и задания.")


@pytest.fixture(scope="module")
def sites(tmp_path_factory):
    """Incremental builds (one shard, four shards) after an edit and new pages, and a cold build of the result."""
    if not DOCSITE.is_file():
        pytest.skip(f"no docsite binary at {DOCSITE}: run `swift build` or set DOCSITE")
    if not PAGEFIND:
        pytest.skip("pagefind not found (run `make venv`): search results not compared")
    root = tmp_path_factory.mktemp("site")
    write_site(root)
    for out, shards in (("single", 1), ("sharded", 4)):
        build(root, out, shards)
    edit_and_add(root)
    built = {out: build(root, out, shards) for out, shards in (("single", 1), ("sharded", 4))}
    cold = tmp_path_factory.mktemp("cold")
    shutil.copytree(root / "content", cold / "content")
    built["cold"] = build(cold, "site-out", 1)
    return built


def serve(folder):
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(SiteHandler, directory=str(folder)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd, f"http://127.0.0.1:{httpd.server_address[1]}"


# Through the site's one index and Pagefind's JS API: each result's URL and score.
SEARCH = """
const done = arguments[arguments.length - 1];
(async () => {
  const pagefind = await import('/pagefind/pagefind.js');
  await pagefind.options({bundlePath: '/pagefind/'});
  const found = {};
  for (const query of arguments[0]) {
    const search = await pagefind.search(query);
    const data = await Promise.all(search.results.map(r => r.data()));
    found[query] = search.results.map((r, i) => [data[i].url, Math.round(r.score * 1e6)]);
  }
  return found;
})().then(done, e => done({error: String(e)}));
"""


def results(driver, folder):
    httpd, base = serve(folder)
    try:
        answers = {}
        for lang, queries in QUERIES.items():
            driver.get(f"{base}/{lang}/guides/page-00/")
            found = driver.execute_async_script(SEARCH, queries)
            assert "error" not in found, found
            answers.update({query: sorted(map(tuple, hits)) for query, hits in found.items()})
        return answers
    finally:
        httpd.shutdown()
        httpd.server_close()


def shards_of(site):
    """The shards the site's index was merged from, as it lists them."""
    return [line.split(" ")[0] for line in (site / "pagefind" / "docsite-shards.txt").read_text().splitlines()]


@pytest.mark.parametrize("built", ["single", "sharded"])
def test_incremental_index_finds_what_a_cold_index_finds(driver, sites, built):
    """Every query, the rare words included (in shards merged by the browser they used to bring a shard's
    near matches), gives the cold index's pages with its scores."""
    incremental, cold = results(driver, sites[built]), results(driver, sites["cold"])
    assert shards_of(sites[built]) == (["1-00"] if built == "single" else ["4-00", "4-01", "4-02", "4-03", "4-04"])
    for query in incremental:
        assert cold[query], f"{query!r} finds nothing: the comparison would prove nothing"
        assert incremental[query] == cold[query], query
    urls = {query: [url for url, _ in hits] for query, hits in incremental.items()}
    assert any(url.endswith("/en/guides/page-99/") for url in urls["nebulaword"])
    assert any(url.endswith("/en/guides/page-03/") for url in urls["quasarword"])
    assert urls["квазарслово"] == [u for u in urls["квазарслово"] if u.endswith("/ru/guides/page-99/")], urls["квазарслово"]
    assert len(urls["part"]) > 10 and len(urls["здесь"]) > 10
