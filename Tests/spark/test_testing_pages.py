"""The committed testing pages are exactly what scripts/gen-testing-pages.py makes from the
committed figures, and the Russian page mirrors the English one's structure."""
from __future__ import annotations

import importlib.util
import json
import re

import pytest

from sparkenv import REPO

GEN = REPO / "scripts" / "gen-testing-pages.py"
DATA = REPO / "content" / "data" / "spark-results.json"


def gen_module():
    spec = importlib.util.spec_from_file_location("gen_testing_pages", GEN)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.fixture(scope="module")
def pages():
    if not DATA.exists():
        pytest.skip(f"{DATA} not committed yet")
    mod = gen_module()
    return mod, {lang: p.read_text(encoding="utf-8") for lang, p in mod.PAGES.items()}


def test_pages_are_generated_from_the_committed_figures(pages):
    mod, committed = pages
    import json
    fresh = mod.render_all(json.loads(DATA.read_text()))
    for lang in ("en", "ru"):
        assert committed[lang] == fresh[lang], (
            f"{mod.PAGES[lang]} is stale: run python3 scripts/gen-testing-pages.py")


def _structure(text: str):
    body = text.split("\n---\n", 1)[1]
    fences = re.findall(r"(?ms)^```[^\n]*\n.*?^```$", body)
    outside = re.sub(r"(?ms)^```[^\n]*\n.*?^```$", "", body)
    headings = re.findall(r"(?m)^(#{1,6}) (.+)$", outside)
    tables = re.findall(r"(?m)^\|( --- \|)+$", outside)
    return headings, fences, tables


def test_russian_page_mirrors_the_english_one(pages):
    mod, committed = pages
    en, ru = committed["en"], committed["ru"]
    h_en, c_en, t_en = _structure(en)
    h_ru, c_ru, t_ru = _structure(ru)
    assert len(h_en) == len(h_ru) and len(t_en) == len(t_ru)
    assert c_en == c_ru, "code blocks must be identical"
    for (lv_en, text_en), (lv_ru, text_ru) in zip(h_en, h_ru):
        assert lv_en == lv_ru
        assert text_ru.endswith("{#" + mod.slug(text_en) + "}"), (text_en, text_ru)
    m = re.search(r"(?m)^source_hash: ([0-9a-f]{16})$", ru.split("\n---\n", 1)[0])
    assert m and m.group(1) == mod.source_hash(en)
    assert re.search(r"[а-яА-Я]{4}", ru) and "title:" in ru.split("\n---\n", 1)[0]


# ---------------------------------------------------------------- chart-tests figures

@pytest.fixture(scope="module")
def chart_pages():
    mod = gen_module()
    if not mod.CHART_DATA.exists():
        pytest.skip(f"{mod.CHART_DATA} not committed yet")
    current = {lang: p.read_text(encoding="utf-8") for lang, p in mod.CHART_PAGES.items()}
    return mod, json.loads(mod.CHART_DATA.read_text()), current


def test_chart_pages_figures_come_from_the_committed_data(chart_pages):
    mod, data, current = chart_pages
    fresh = mod.render_chart_pages(data, current)
    for lang in ("en", "ru"):
        assert current[lang] == fresh[lang], (
            f"{mod.CHART_PAGES[lang]} and {mod.CHART_DATA} disagree: run python3 scripts/gen-testing-pages.py")


def test_a_changed_figure_makes_the_chart_page_stale(chart_pages):
    mod, data, current = chart_pages
    changed = json.loads(json.dumps(data))
    changed["objects_rendered"] += 1
    fresh = mod.render_chart_pages(changed, current)
    assert fresh["en"] != current["en"] and fresh["ru"] != current["ru"]
    assert f"| {data['objects_rendered'] + 1} |" in fresh["en"]


def test_an_unnamed_render_variant_is_refused(chart_pages):
    mod, data, current = chart_pages
    changed = json.loads(json.dumps(data))
    changed["objects_per_render"]["spark-4.1 [mystery]"] = 3
    with pytest.raises(ValueError, match="'mystery' has no words"):
        mod.render_chart_pages(changed, current)
