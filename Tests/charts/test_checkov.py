"""The security gate: checkov's Kubernetes checks over the rendered output of every chart, with its
defaults and with every example overlay. No failed check; every skip names its reason on the object,
and every skipped check is explained in ADR 0013."""
from __future__ import annotations

import functools
import json
import os
import re
import subprocess
from pathlib import Path

import pytest
import yaml

import chartlib as c

CHECKOV = Path(os.environ.get("CHECKOV", c.REPO / ".venv-checkov" / "bin" / "checkov"))
ADR = c.REPO / "content" / "en" / "adr" / "0013-checkov-gate.md"


@functools.cache
def scan(out_dir: str) -> tuple[dict, dict]:
    """checkov's report, and the checkov.io/skip annotations of every rendered object by checkov resource id."""
    out = Path(out_dir)
    skips = {}
    for chart in c.CHARTS:
        for ov in [None] + c.overlays_for(chart):
            docs = c.render(c.chart_path(chart), c.values_for(chart, ov), c.CHARTS[chart])
            (out / f"{chart}--{ov.stem if ov else 'defaults'}.yaml").write_text(yaml.safe_dump_all(docs, sort_keys=False))
            for d in docs:
                meta = d["metadata"]
                notes = {k: v for k, v in (meta.get("annotations") or {}).items() if k.startswith("checkov.io/skip")}
                # keyed by namespace and name: graph checks report a workload's pods as "Pod.<ns>.<name>.<labels>"
                skips.setdefault((meta.get("namespace", "default"), meta["name"]), {}).update(notes)
    r = subprocess.run([str(CHECKOV), "-d", str(out), "--framework", "kubernetes", "--compact",
                        "--skip-download", "-o", "json"], capture_output=True, text=True)
    assert r.stdout.strip(), f"checkov printed nothing (exit {r.returncode}): {r.stderr[-2000:]}"
    report = json.loads(r.stdout)
    return (report[0] if isinstance(report, list) else report), skips


@pytest.fixture(scope="module")
def scanned(tmp_path_factory):
    if not CHECKOV.exists():
        pytest.skip(f"checkov not found at {CHECKOV}: `make test-charts` installs it into .venv-checkov")
    return scan(str(tmp_path_factory.mktemp("rendered")))


def test_no_failed_check(scanned):
    report, _ = scanned
    failed = report["results"]["failed_checks"]
    assert report["summary"]["resource_count"] > 100
    assert not failed, "\n".join(f"{f['check_id']} {f['resource']} ({f['file_path']})" for f in failed)


def test_every_skip_has_a_reason_from_the_adr(scanned):
    report, annotations = scanned
    documented = set(re.findall(r"\b(CKV2?_K8S_\d+)\b", ADR.read_text()))
    skipped = report["results"]["skipped_checks"]
    assert skipped, "nothing skipped: the annotations are not read"
    for s in skipped:
        assert s["check_id"] in documented, f"{s['check_id']} is skipped on {s['resource']} but not explained in {ADR.name}"
        _, ns, name = s["resource"].split(".")[:3]
        reasons = [v.split("=", 1)[1] for v in annotations.get((ns, name), {}).values() if v.startswith(s["check_id"] + "=")]
        assert reasons and len(reasons[0]) > 20, f"{s['check_id']} on {s['resource']} is skipped without a reason"


def test_every_namespaced_object_names_its_namespace():
    cluster_scoped = {"ClusterRole", "ClusterRoleBinding", "MutatingWebhookConfiguration", "ValidatingWebhookConfiguration"}
    for chart in c.CHARTS:
        for d in c.render(c.chart_path(chart), c.values_for(chart), c.CHARTS[chart], namespace="elsewhere"):
            if d["kind"] not in cluster_scoped:
                assert d["metadata"].get("namespace"), f"{chart}: {d['kind']}/{d['metadata']['name']} has no namespace"
