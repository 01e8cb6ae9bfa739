"""values.schema.json: generated from values.yaml, valid, every property described, in agreement
with values.yaml, and enforced by Helm itself (bad values are refused)."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import helm_python as helm
import jsonschema
import pytest

import chartlib as c

CHART_DIRS = c.all_chart_dirs()
IDS = [str(p.relative_to(c.CHARTS_DIR)) for p in CHART_DIRS]
TOOLS = Path(__file__).parent / "tools"


def schema_of(d: Path) -> dict:
    import json
    return json.loads((d / "values.schema.json").read_text())


def test_schemas_are_up_to_date():
    r = subprocess.run([sys.executable, str(TOOLS / "gen_schema.py"), "--root", str(c.CHARTS_DIR), "--check"],
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr


@pytest.mark.parametrize("chart_dir", CHART_DIRS, ids=IDS)
def test_schema_is_valid_2020_12(chart_dir):
    s = schema_of(chart_dir)
    assert s.get("$schema") == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(s)


def walk(schema: dict, path: str):
    yield path, schema
    for k, sub in (schema.get("properties") or {}).items():
        yield from walk(sub, f"{path}.{k}" if path else k)
    items = schema.get("items")
    if isinstance(items, dict):
        yield from walk(items, path + "[]")
    ap = schema.get("additionalProperties")
    if isinstance(ap, dict):
        yield from walk(ap, path + ".*")


@pytest.mark.parametrize("chart_dir", CHART_DIRS, ids=IDS)
def test_every_property_described_and_typed(chart_dir, summary):
    missing = []
    count = 0
    for path, node in walk(schema_of(chart_dir), ""):
        if not path or path.endswith((".*", "[]")):
            continue
        count += 1
        if not node.get("description"):
            missing.append(f"{path}: no description")
        if "type" not in node:
            missing.append(f"{path}: no type")
        if node.get("type") == "object" and "properties" in node and "additionalProperties" not in node:
            missing.append(f"{path}: object without additionalProperties decision")
    summary.schema_properties[str(chart_dir.relative_to(c.CHARTS_DIR))] = count
    assert not missing, "\n".join(missing)


def values_paths(value, schema, path=""):
    """Yield (path, problem) for keys of values.yaml that the schema does not declare."""
    if isinstance(value, dict):
        props = schema.get("properties") or {}
        ap = schema.get("additionalProperties", True)
        for k, v in value.items():
            p = f"{path}.{k}" if path else k
            if k in props:
                yield from values_paths(v, props[k], p)
            elif ap is False:
                yield p
    elif isinstance(value, list) and isinstance(schema.get("items"), dict):
        for i, v in enumerate(value):
            yield from values_paths(v, schema["items"], f"{path}[{i}]")


@pytest.mark.parametrize("chart_dir", CHART_DIRS, ids=IDS)
def test_values_and_schema_agree(chart_dir):
    values = c.load_yaml(chart_dir / "values.yaml")
    schema = schema_of(chart_dir)
    undeclared = list(values_paths(values, schema))
    assert not undeclared, f"keys in values.yaml missing from the schema: {undeclared}"
    unset = [k for k in schema["properties"] if k not in values]
    assert not unset, f"schema keys without a default in values.yaml: {unset}"
    jsonschema.Draft202012Validator(schema).validate(values)


@pytest.mark.parametrize("chart", list(c.CHARTS))
def test_helm_refuses_unknown_and_mistyped_values(chart):
    d = c.chart_path(chart)
    good = c.values_for(chart)
    with helm.Chart.load(str(d)) as ch:
        ch.validate_schema(good)
    for bad, expect in [({"noSuchKey": 1}, "additional properties 'noSuchKey'"),
                        ({"global": {"s3": {"endpoint": "minio:9000"}}}, "does not match pattern"),
                        ({"global": {"postgresql": {"port": 70000}}}, "maximum")]:
        with helm.Chart.load(str(d)) as ch:
            with pytest.raises(helm.HelmError) as e:
                ch.validate_schema(c.merge(good, bad))
        assert expect in str(e.value)


@pytest.mark.parametrize("overlay", c.overlays(), ids=lambda p: p.name)
def test_overlay_passes_helm_schema_validation(overlay):
    chart = c.overlay_target(overlay)
    text = overlay.read_text()
    first = text.lstrip().splitlines()[0]
    assert first.startswith("#"), f"{overlay.name} must start with a comment saying what it is for"
    assert f"-f charts/values-common.yaml -f content/examples/{overlay.name}" in text, \
        f"{overlay.name} must show the helm install command that uses it"
    assert f"helm install " in text and f" charts/{chart} " in text
    with helm.Chart.load(str(c.chart_path(chart))) as ch:
        ch.validate_schema(c.values_for(chart, overlay))
