"""Shared helpers of the chart tests: paths, value merging, rendering with Helm (helm-python-sdk)."""
from __future__ import annotations

import copy
import re
from pathlib import Path

import helm_python as helm
import yaml

REPO = Path(__file__).resolve().parents[2]
CHARTS_DIR = REPO / "charts"
EXAMPLES_DIR = REPO / "content" / "examples"
COMMON_VALUES = CHARTS_DIR / "values-common.yaml"
NAMESPACE = "spark"

# Top-level charts, the release name each is installed under in the docs and tests,
# and the subcharts vendored inside them.
CHARTS = {
    "spark-base": "spark-base",
    "spark-3.5": "spark-35",
    "spark-4.1": "spark-41",
    "spark-operator": "spark-operator",
}
SUBCHARTS = {
    "spark-3.5": ["spark-connect", "spark-standalone"],
    "spark-4.1": ["spark-connect"],
}
# The library chart of named templates every chart above depends on (file://, linked into charts/).
LIBRARY = "spark-common"
# Kubernetes versions the charts claim (Chart.yaml kubeVersion ">=1.29.0-0"): oldest and newest checked.
KUBE_VERSIONS = ["1.29", "1.37"]


def chart_path(name: str) -> Path:
    return CHARTS_DIR / name


def all_chart_dirs() -> list[Path]:
    out = []
    for name in CHARTS:
        out.append(chart_path(name))
        for sub in SUBCHARTS.get(name, []):
            out.append(chart_path(name) / "charts" / sub)
    return out


def load_yaml(path: Path) -> dict:
    return yaml.safe_load(path.read_text()) or {}


def merge(base: dict, over: dict) -> dict:
    """Merge like Helm merges -f files: maps recursively, everything else replaced."""
    out = copy.deepcopy(base)
    for k, v in (over or {}).items():
        if isinstance(v, dict) and isinstance(out.get(k), dict):
            out[k] = merge(out[k], v)
        else:
            out[k] = copy.deepcopy(v)
    return out


def overlay_target(path: Path) -> str:
    """values-<chart>-<variant>.yaml -> chart name (longest chart name that matches)."""
    stem = path.stem[len("values-"):]
    for name in sorted(CHARTS, key=len, reverse=True):
        if stem.startswith(name + "-"):
            return name
    raise ValueError(f"{path.name}: the file name names no chart ({', '.join(CHARTS)})")


def overlays() -> list[Path]:
    return sorted(EXAMPLES_DIR.glob("values-*.yaml"))


def overlays_for(chart: str) -> list[Path]:
    return [p for p in overlays() if overlay_target(p) == chart]


def values_for(chart: str, overlay: Path | None = None, extra: dict | None = None) -> dict:
    values = load_yaml(COMMON_VALUES)
    if overlay is not None:
        values = merge(values, load_yaml(overlay))
    if extra:
        values = merge(values, extra)
    return values


# Extra value sets rendered on top of the overlays, to cover switches no overlay turns on.
EXTRA_CASES = {
    "spark-operator": {"webhook-and-example": {"webhook": {"enable": True}, "examples": {"sparkPi": {"enabled": True}}}},
    "spark-base": {"external-services": {"minio": {"enabled": False}, "postgresql": {"enabled": False},
                                         "global": {"s3": {"endpoint": "https://s3.example.com"}}}},
    # every operations option on (and Celeborn, which the monitors and the kit follow)
    "spark-4.1": {"operations-options": {
        "global": {"logging": {"format": "json"}, "serviceMesh": {"enabled": True},
                   "metrics": {"enabled": True, "podMonitor": {"enabled": True}, "serviceMonitor": {"enabled": True},
                               "labels": {"release": "prometheus"}}},
        "celeborn": {"enabled": True}, "spark-connect": {"celeborn": {"enabled": True}}}},
}


def cases() -> list[tuple[str, str | None, str | None]]:
    """(chart, overlay file name, extra label): defaults, every overlay, every extra value set."""
    out = []
    for chart in CHARTS:
        out.append((chart, None, None))
        out += [(chart, ov.name, None) for ov in overlays_for(chart)]
        out += [(chart, None, label) for label in EXTRA_CASES.get(chart, {})]
    return out


def case_values(chart: str, overlay: str | None, extra: str | None) -> dict:
    return values_for(chart, EXAMPLES_DIR / overlay if overlay else None,
                      EXTRA_CASES.get(chart, {}).get(extra) if extra else None)


def render_raw(chart_dir: Path, values: dict, name: str, namespace: str = NAMESPACE) -> dict[str, str]:
    # A fresh load per render: render() mutates the loaded chart (disabled subcharts vanish).
    with helm.Chart.load(str(chart_dir)) as ch:
        return ch.render(values=values, name=name, namespace=namespace, is_install=True)


def render(chart_dir: Path, values: dict, name: str, namespace: str = NAMESPACE) -> list[dict]:
    """Render and parse every manifest; each doc gets a '_source' key-free copy in a side list."""
    out = render_raw(chart_dir, values, name, namespace)
    docs = []
    for path, text in sorted(out.items()):
        if path.endswith("NOTES.txt"):
            continue
        for doc in yaml.safe_load_all(text):
            if doc:
                docs.append(doc)
    return docs


CASES = cases()
IDS = [f"{ch}[{ov or extra or 'defaults'}]" for ch, ov, extra in CASES]


def notes(chart_dir: Path, values: dict, name: str) -> str:
    out = render_raw(chart_dir, values, name)
    return "".join(v for k, v in out.items() if k.endswith("NOTES.txt"))


POD_KINDS = {"Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job"}


def pod_specs(doc: dict) -> list[tuple[str, dict, dict]]:
    """(where, pod metadata, pod spec) for every pod template in a rendered object,
    including pod templates shipped inside ConfigMaps (Spark executor/driver templates)."""
    kind = doc.get("kind")
    name = f"{kind}/{doc.get('metadata', {}).get('name')}"
    if kind == "Pod":
        return [(name, doc.get("metadata", {}), doc.get("spec", {}))]
    if kind in POD_KINDS:
        t = doc["spec"]["template"]
        return [(name, t.get("metadata", {}), t["spec"])]
    if kind == "CronJob":
        t = doc["spec"]["jobTemplate"]["spec"]["template"]
        return [(name, t.get("metadata", {}), t["spec"])]
    if kind == "ConfigMap":
        found = []
        for key, text in (doc.get("data") or {}).items():
            if key.endswith((".yaml", ".yml")) and "template" in key:
                inner = yaml.safe_load(text)
                if isinstance(inner, dict) and inner.get("kind") == "Pod":
                    found.append((f"{name}[{key}]", inner.get("metadata", {}), inner.get("spec", {})))
        return found
    return []


def containers(spec: dict) -> list[dict]:
    return list(spec.get("containers") or []) + list(spec.get("initContainers") or []) + \
        list(spec.get("ephemeralContainers") or [])


def spark_properties(text: str) -> dict[str, str]:
    """Parse a spark-defaults.conf (Java properties: 'key value' or 'key=value')."""
    props = {}
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith(("#", "!")):
            continue
        m = re.match(r"([^\s=:]+)\s*[=:\s]\s*(.*)$", line)
        assert m, f"unparsable spark-defaults.conf line: {line!r}"
        props[m.group(1)] = m.group(2).strip()
    return props


def configmaps_with(docs: list[dict], key: str) -> list[dict]:
    return [d for d in docs if d.get("kind") == "ConfigMap" and key in (d.get("data") or {})]
