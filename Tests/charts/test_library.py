"""spark-common: one source of truth for the named templates and the components the two Spark lines
and the two Connect subcharts share. Every chart depends on the library; no chart keeps a copy."""
import os
import re
from collections import defaultdict

import helm_python as helm
import pytest
import yaml

import chartlib as c

LIB = c.CHARTS_DIR / c.LIBRARY
DEFINE = re.compile(r'\{\{-?\s*define "([\w.-]+)"\s*-?\}\}(.*?)\{\{-?\s*end\s*-?\}\}', re.S)


def test_library_is_a_library_chart():
    meta = c.load_yaml(LIB / "Chart.yaml")
    assert meta["type"] == "library" and meta["name"] == c.LIBRARY
    # Helm renders nothing from a library chart: every template is a named-template file
    assert all(p.name.startswith("_") for p in (LIB / "templates").iterdir())


@pytest.mark.parametrize("chart_dir", c.all_chart_dirs(), ids=lambda p: str(p.relative_to(c.CHARTS_DIR)))
def test_every_chart_depends_on_the_library(chart_dir):
    deps = {d["name"]: d for d in c.load_yaml(chart_dir / "Chart.yaml").get("dependencies") or []}
    assert c.LIBRARY in deps, f"{chart_dir.name} does not depend on {c.LIBRARY}"
    target = (chart_dir / deps[c.LIBRARY]["repository"].removeprefix("file://")).resolve()
    assert target == LIB.resolve()
    # linked into charts/, so `helm install` works without `helm dependency build`
    link = chart_dir / "charts" / c.LIBRARY
    assert link.is_symlink() and link.resolve() == LIB.resolve()
    assert not os.path.isabs(os.readlink(link)), "the link must be relative to survive a clone elsewhere"
    with helm.Chart.load(str(chart_dir)) as ch:
        loaded = {d["name"]: d for d in ch.dependencies}
    assert loaded[c.LIBRARY]["type"] == "library", "Helm did not load the library through the link"


def named_templates():
    """(chart, name, body with the chart prefix removed) of every define outside the library."""
    out = []
    for p in c.CHARTS_DIR.rglob("*.tpl"):
        rel = p.relative_to(c.CHARTS_DIR)
        if rel.parts[0] == c.LIBRARY or any(part == c.LIBRARY for part in rel.parts):
            continue
        for name, body in DEFINE.findall(p.read_text()):
            prefix = name.rsplit(".", 1)[0]
            out.append((str(rel.parent.parent), name, body.replace(prefix + ".", "P.")))
    return out


def test_no_chart_keeps_a_copy_of_a_named_template():
    by_body = defaultdict(list)
    for chart, name, body in named_templates():
        by_body[body.strip()].append(f"{chart}:{name}")
    copies = [places for places in by_body.values() if len(places) > 1]
    assert not copies, f"the same named template in several charts (move it to {c.LIBRARY}): {copies}"
    library = {n for n, _ in DEFINE.findall("".join(p.read_text() for p in (LIB / "templates").glob("*.tpl")))}
    for chart, name, _ in named_templates():
        assert "spark-common." + name.rsplit(".", 1)[1] not in library, f"{chart} redefines {name}"


SHARED_FILES = {"spark-connect": ["configmap.yaml", "deployment.yaml", "rbac.yaml", "networkpolicy.yaml"],
                "line": ["hive-metastore.yaml", "history-server.yaml", "jupyter.yaml", "kubernetes-native.yaml",
                         "networkpolicy.yaml"]}


def test_shared_components_are_one_include():
    for line in ("spark-3.5", "spark-4.1"):
        for f in SHARED_FILES["line"]:
            text = (c.chart_path(line) / "templates" / f).read_text().strip()
            assert re.fullmatch(r'\{\{- include "spark-common\.line\.[\w-]+" \. \}\}', text), f"{line}/{f}: {text[:80]}"
        for f in SHARED_FILES["spark-connect"]:
            text = (c.chart_path(line) / "charts/spark-connect/templates" / f).read_text().strip()
            assert re.fullmatch(r'\{\{- include "spark-common\.connect\.[\w-]+" \. \}\}', text), f"{line}/spark-connect/{f}"


def test_one_edit_in_the_library_reaches_both_lines(tmp_path):
    """Render both lines from a copy of charts/ whose library labels gain one line."""
    import shutil
    copy = tmp_path / "charts"
    shutil.copytree(c.CHARTS_DIR, copy, symlinks=True)
    lib = copy / c.LIBRARY / "templates" / "_helpers.tpl"
    text = lib.read_text()
    marker = "app.kubernetes.io/part-of: spark-platform\n"
    assert marker in text
    lib.write_text(text.replace(marker, marker + "platform.example/edited: \"yes\"\n", 1))
    for line in ("spark-3.5", "spark-4.1"):
        docs = c.render(copy / line, c.values_for(line), c.CHARTS[line])
        connect = [d for d in docs if d["kind"] == "Deployment" and d["metadata"]["name"].endswith("-connect")]
        assert connect and all(d["metadata"]["labels"].get("platform.example/edited") == "yes" for d in docs
                               if d["kind"] in ("Deployment", "StatefulSet"))
