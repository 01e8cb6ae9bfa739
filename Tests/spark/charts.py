"""Render the project's Helm charts with real Helm (helm-python-sdk) and pull out the Spark
properties their ConfigMaps carry under the data key `spark-defaults.conf`."""
from __future__ import annotations

import os
from pathlib import Path

import yaml

from sparkenv import REPO, parse_properties

CHARTS = Path(os.environ.get("SPARK_COMPAT_CHARTS", REPO / "charts"))
CONF_KEY = "spark-defaults.conf"


class ChartUnavailable(Exception):
    """The chart is missing or does not render; the message says what is missing."""


def chart_dir(line_short: str) -> Path:
    return CHARTS / f"spark-{line_short}"


def render(chart: Path, values: dict | None = None) -> dict[str, str]:
    if not (chart / "Chart.yaml").is_file():
        raise ChartUnavailable(f"{chart}/Chart.yaml does not exist yet")
    try:
        import helm_python
    except ImportError as e:  # pragma: no cover - the venv pins it
        raise ChartUnavailable(f"helm-python-sdk is not installed: {e}")
    try:
        ch = helm_python.Chart.load(str(chart))  # load afresh: render mutates the chart object
        return ch.render(values=values or {}, name="compat", namespace="spark")
    except Exception as e:  # HelmRenderError, HelmValuesError, load errors
        raise ChartUnavailable(f"{chart} does not render: {type(e).__name__}: {e}")


def spark_conf_maps(rendered: dict[str, str]) -> list[tuple[str, str, dict[str, str]]]:
    """(template path, ConfigMap name, properties) for every ConfigMap with spark-defaults.conf."""
    found = []
    for path, text in sorted(rendered.items()):
        if not path.endswith((".yaml", ".yml")) or not text.strip():
            continue
        try:
            docs = list(yaml.safe_load_all(text))
        except yaml.YAMLError:
            continue
        for doc in docs:
            if isinstance(doc, dict) and doc.get("kind") == "ConfigMap":
                data = doc.get("data") or {}
                if CONF_KEY in data:
                    found.append((path, doc["metadata"]["name"], parse_properties(data[CONF_KEY])))
    return found


def component_props(line_short: str, component: str, values: dict | None = None,
                    chart: Path | None = None) -> tuple[dict[str, str], str]:
    """Spark properties of `component` ("spark-connect" or "history-server") as the chart
    `spark-<line_short>` renders them. Returns (properties, template path)."""
    chart = chart or chart_dir(line_short)
    rendered = render(chart, values)
    maps = spark_conf_maps(rendered)
    if component == "spark-connect":
        hits = [m for m in maps if f"/charts/spark-connect/" in m[0]]
    else:
        hits = [m for m in maps if "history" in m[0].lower() or "history" in m[1].lower()]
    if not hits:
        seen = ", ".join(f"{p} ({n})" for p, n, _ in maps) or "none"
        raise ChartUnavailable(
            f"{chart.name}: no ConfigMap with data key {CONF_KEY!r} for {component} "
            f"(ConfigMaps with that key: {seen})")
    path, _name, props = hits[0]
    return props, path
