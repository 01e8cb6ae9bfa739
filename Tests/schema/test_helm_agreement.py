"""docsite's schema verdicts agree with Helm's own.

For every chart and every example overlay that targets it (with
charts/values-common.yaml applied first, as a user passes them to
`helm install -f ... -f ...`), build mutations of the values that a user
could plausibly get wrong, and compare docsite's verdict (valid/invalid,
from `docsite validate --format json`) with Helm v4's own
(`Chart.load(dir).validate_schema(values)` through helm-python-sdk).
"""
import copy
import json
import os
import random
import subprocess
import tempfile
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
DOCSITE = Path(os.environ.get("DOCSITE", ROOT / ".build" / "release" / "docsite"))
CHARTS = ["spark-base", "spark-3.5", "spark-4.1", "spark-operator"]
MUTATIONS_PER_SOURCE = int(os.environ.get("AGREEMENT_MUTATIONS", "80"))

helm = pytest.importorskip("helm_python", reason="helm-python-sdk is not installed (run `make venv`)")


def load_yaml(path):
    with open(path, encoding="utf-8") as handle:
        return yaml.safe_load(handle) or {}


def merge_keeping_nulls(base, top):
    """Helm's merge of several -f files: later wins, maps merge, nulls stay."""
    if not isinstance(base, dict) or not isinstance(top, dict):
        return copy.deepcopy(top)
    merged = copy.deepcopy(base)
    for key, value in top.items():
        if isinstance(merged.get(key), dict) and isinstance(value, dict):
            merged[key] = merge_keeping_nulls(merged[key], value)
        else:
            merged[key] = copy.deepcopy(value)
    return merged


def sources_for(chart):
    """(label, user values) pairs: the defaults alone and each overlay."""
    common = ROOT / "charts" / "values-common.yaml"
    base = load_yaml(common) if common.exists() else {}
    sources = [("defaults", base)]
    for overlay in sorted((ROOT / "content" / "examples").glob(f"values-{chart}-*.yaml")):
        sources.append((overlay.name, merge_keeping_nulls(base, load_yaml(overlay))))
    return sources


def schema_nodes(schema, path=()):
    """Yield (key path, property schema, parent object schema) for every property."""
    if not isinstance(schema, dict):
        return
    for key, sub in (schema.get("properties") or {}).items():
        yield path + (key,), sub, schema
        yield from schema_nodes(sub, path + (key,))


def chart_schemas(chart_dir):
    """The chart's schema and each subchart's, with the values prefix they apply to."""
    result = []
    main = chart_dir / "values.schema.json"
    if main.exists():
        result.append(((), json.loads(main.read_text())))
    for sub in sorted((chart_dir / "charts").glob("*/values.schema.json")):
        result.append(((sub.parent.name,), json.loads(sub.read_text())))
    return result


def get(values, path):
    for key in path:
        if not isinstance(values, dict) or key not in values:
            return None
        values = values[key]
    return values


def with_value(values, path, value):
    mutated = copy.deepcopy(values)
    node = mutated
    for key in path[:-1]:
        if not isinstance(node.get(key), dict):
            node[key] = {}
        node = node[key]
    node[path[-1]] = value
    return mutated


def wrong_type(prop):
    kinds = prop.get("type")
    kinds = kinds if isinstance(kinds, list) else [kinds]
    for candidate, value in (("string", "not-a-number"), ("integer", 7), ("boolean", True), ("array", [1])):
        if candidate not in kinds and not (candidate == "integer" and "number" in kinds):
            return value
    return {"unexpected": "object"}


def mutations(chart_dir, user, defaults, rng):
    """Plausible mistakes: each a (description, values) pair."""
    cases = []
    for prefix, schema in chart_schemas(chart_dir):
        for path, prop, parent in schema_nodes(schema):
            full = prefix + path
            if not isinstance(prop, dict) or full[0] == "global":
                continue
            if prop.get("type") and get(defaults, full[:-1]) is not None:
                cases.append((f"wrong type at {'.'.join(full)}", with_value(user, full, wrong_type(prop))))
            if "enum" in prop:
                cases.append((f"not in enum at {'.'.join(full)}", with_value(user, full, "zz-not-allowed")))
            if "minimum" in prop:
                cases.append((f"below minimum at {'.'.join(full)}", with_value(user, full, prop["minimum"] - 1)))
            if "maximum" in prop:
                cases.append((f"above maximum at {'.'.join(full)}", with_value(user, full, prop["maximum"] + 1)))
            if prop.get("additionalProperties") is False and isinstance(get(defaults, full), dict):
                cases.append((f"unknown key under {'.'.join(full)}", with_value(user, full + ("zzUnknownKey",), 1)))
            if path[-1] in (parent.get("required") or []):
                cases.append((f"required key nulled at {'.'.join(full)}", with_value(user, full, None)))
            elif get(defaults, full) is not None and not isinstance(get(defaults, full), dict):
                cases.append((f"null over default at {'.'.join(full)}", with_value(user, full, None)))
        if schema.get("additionalProperties") is False:
            cases.append((f"unknown top-level key in {'/'.join(prefix) or 'chart'}", with_value(user, prefix + ("zzUnknownTop",), 1)))
    rng.shuffle(cases)
    return cases[:MUTATIONS_PER_SOURCE]


def helm_verdict(chart_dir, values):
    with helm.Chart.load(str(chart_dir)) as chart:
        try:
            chart.validate_schema(values)
            return True, ""
        except Exception as error:  # HelmValuesError and friends: the verdict is "invalid"
            return False, str(error).splitlines()[-1] if str(error) else type(error).__name__


def docsite_verdicts(chart_dir, files):
    result = subprocess.run([str(DOCSITE), "validate", "--root", str(ROOT), "--chart", str(chart_dir.relative_to(ROOT)),
                             "--format", "json", *map(str, files)], capture_output=True, text=True, timeout=600)
    assert result.returncode in (0, 1), result.stderr
    report = json.loads(result.stdout)
    invalid = {d["file"] for d in report["diagnostics"] if d["severity"] == "error"}
    messages = {}
    for d in report["diagnostics"]:
        messages.setdefault(d["file"], d["message"])
    return {str(f): (str(f) not in invalid, messages.get(str(f), "")) for f in files}


def helm_defaults(chart_dir, user):
    with helm.Chart.load(str(chart_dir)) as chart:
        return chart.merge_values(user)


@pytest.fixture(scope="module")
def docsite():
    if not DOCSITE.exists():
        pytest.skip(f"docsite is not built at {DOCSITE} (run `swift build -c release --product docsite`)")
    return DOCSITE


def test_docsite_agrees_with_helm_on_every_case(docsite, tmp_path):
    rng = random.Random(20261125)
    cases = []
    for chart in CHARTS:
        chart_dir = ROOT / "charts" / chart
        if not chart_dir.exists():
            continue
        for label, user in sources_for(chart):
            defaults = helm_defaults(chart_dir, user)
            cases.append((chart_dir, f"{chart} {label} as written", user))
            for description, values in mutations(chart_dir, user, defaults, rng):
                cases.append((chart_dir, f"{chart} {label}: {description}", values))
    assert cases, "no charts found under charts/"
    by_chart = {}
    for index, (chart_dir, description, values) in enumerate(cases):
        path = tmp_path / f"case-{index:05d}.yaml"
        path.write_text(yaml.safe_dump(values, sort_keys=False), encoding="utf-8")
        by_chart.setdefault(chart_dir, []).append((path, description, values))
    agreements, disagreements, invalid_cases = 0, [], 0
    for chart_dir, items in by_chart.items():
        ours = docsite_verdicts(chart_dir, [path for path, _, _ in items])
        for path, description, values in items:
            helm_ok, helm_message = helm_verdict(chart_dir, values)
            our_ok, our_message = ours[str(path)]
            invalid_cases += 0 if helm_ok else 1
            if helm_ok == our_ok:
                agreements += 1
            else:
                disagreements.append(f"{description}: helm={'valid' if helm_ok else 'invalid'} ({helm_message}) "
                                     f"docsite={'valid' if our_ok else 'invalid'} ({our_message})")
    total = len(cases)
    print(f"\nHelm agreement: {agreements}/{total} cases agree "
          f"({invalid_cases} invalid per Helm, {total - invalid_cases} valid)")
    out = ROOT / "Tests" / "schema" / "out"
    out.mkdir(exist_ok=True)
    (out / "agreement.json").write_text(json.dumps({"cases": total, "agreements": agreements,
                                                    "invalid": invalid_cases, "disagreements": disagreements}, indent=2))
    assert not disagreements, "\n".join(disagreements[:30])
    assert invalid_cases > 0 and invalid_cases < total, "mutations must produce both verdicts"
