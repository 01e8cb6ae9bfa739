"""Render a chart, or a copy of it with one planted change, and judge its configuration keys
(shared by Tests/charts/test_config_keys.py and Tests/spark/test_spark_keys.py)."""
from __future__ import annotations

import functools
import shutil
from pathlib import Path

import chartlib as c
import confcheck
import confsites


@functools.lru_cache(maxsize=None)
def rendered_files(chart: str, overlay: str | None, extra: str | None) -> dict[str, str]:
    """Helm's output ({template path: text}) of one test case (chartlib.CASES)."""
    return c.render_raw(c.chart_path(chart), c.case_values(chart, overlay, extra), c.CHARTS[chart])


def check_render(chart: str, rendered: dict[str, str], spark=None) -> tuple[list[confcheck.Problem], confcheck.Checker, list]:
    """Problems of every reader (confcheck.readers_of), the first reader's checker, the settings."""
    settings = confsites.settings(rendered)
    checkers = [confcheck.Checker(v, spark) for v in confcheck.readers_of(chart, rendered)]
    problems = [p for checker in checkers for p in checker.check(settings)]
    return problems, checkers[0], settings


def planted(tmp_path: Path, chart: str, file: str, old: str, new: str, values: dict | None = None) -> dict[str, str]:
    """Render a copy of `chart` in which `old` (once in `file`, a path inside the chart; the linked
    library is charts/spark-common/...) became `new`."""
    # Copy every chart, so that the relative charts/spark-common link resolves inside the copy.
    shutil.copytree(c.CHARTS_DIR, tmp_path / "charts", symlinks=True)
    copy = tmp_path / "charts" / chart
    f = copy / file
    text = f.read_text()
    assert text.count(old) >= 1, f"{chart}/{file} no longer contains {old!r}: update the planted test"
    f.write_text(text.replace(old, new, 1))
    return c.render_raw(copy, c.values_for(chart, extra=values), c.CHARTS[chart])


def assert_caught(chart: str, rendered: dict[str, str], bad_key: str, good_key: str, file: str, spark=None):
    problems, _, settings = check_render(chart, rendered, spark)
    assert any(s.key == bad_key for s in settings), f"{bad_key} did not reach the rendered output"
    hits = [str(p) for p in problems if p.setting.key == bad_key]
    assert hits, f"planted {bad_key} was not caught; problems: {[str(p) for p in problems]}"
    # A library template may be included by several chart files (each include is caught): the
    # one named here must be among them, with the nearest known key.
    named = [m for m in hits if file in m and good_key in m]
    assert named, f"no problem names {file} and {good_key}: {hits}"
    print(named[0])
