"""helm lint (Helm v4 through helm-python-sdk) on every chart and every subchart, strict."""
import helm_python as helm
import pytest

import chartlib as c

KUBE = "v" + c.KUBE_VERSIONS[0] + ".0"


@pytest.mark.parametrize("chart_dir", c.all_chart_dirs(), ids=lambda p: str(p.relative_to(c.CHARTS_DIR)))
@pytest.mark.parametrize("kube", ["v" + v + ".0" for v in c.KUBE_VERSIONS])
def test_lint(chart_dir, kube, summary):
    values = c.load_yaml(c.COMMON_VALUES)
    result = helm.lint(str(chart_dir), values=values, strict=True, kube_version=kube, quiet=False)
    bad = [m for m in result["messages"] if m["severity"] >= 2 and "icon is recommended" not in m["error"]]
    summary.lint[str(chart_dir.relative_to(c.CHARTS_DIR))] = result["total_charts_linted"]
    assert not bad, "\n".join(f"{m['path']}: {m['error']}" for m in bad)
    assert not result["errors"], result["errors"]


@pytest.mark.parametrize("chart_dir", c.all_chart_dirs(), ids=lambda p: str(p.relative_to(c.CHARTS_DIR)))
def test_chart_metadata(chart_dir):
    meta = c.load_yaml(chart_dir / "Chart.yaml")
    assert meta["apiVersion"] == "v2" and meta.get("appVersion") and meta.get("description")
    # the oldest Kubernetes version the tests validate against is the one the charts claim
    assert meta.get("kubeVersion") == f">={c.KUBE_VERSIONS[0]}.0-0"
    assert (chart_dir / "templates" / "NOTES.txt").exists()
    assert (chart_dir / "values.schema.json").exists()
    for dep in meta.get("dependencies") or []:
        if dep["name"] == c.LIBRARY:
            continue  # checked in test_library.py
        assert dep["repository"] == f"file://charts/{dep['name']}" and dep["condition"] == f"{dep['name']}.enabled"
        assert (chart_dir / "charts" / dep["name"] / "Chart.yaml").exists()
