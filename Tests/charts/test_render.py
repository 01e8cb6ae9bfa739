"""Render every chart with its defaults and with every overlay that targets it, then check
each rendered object: Kubernetes schemas (strict), Pod Security Standards, pinned images,
labels, resources and probes."""
from __future__ import annotations

import functools
import json
import re

import kubernetes_validate
import pytest

import chartlib as c
import crdlib
import pss

CASES, IDS = c.CASES, c.IDS
CRD_KINDS = {"SparkApplication", "ScheduledSparkApplication"}
VENDORED_CRD_KINDS = {"PeerAuthentication", "PodMonitor", "ServiceMonitor"}  # Tests/charts/crds/
LONG_RUNNING = {"Deployment", "StatefulSet", "DaemonSet"}


@functools.lru_cache(maxsize=None)
def rendered(chart: str, overlay: str | None, extra: str | None):
    return c.render(c.chart_path(chart), c.case_values(chart, overlay, extra), c.CHARTS[chart])


@pytest.fixture(params=CASES, ids=IDS)
def case(request, summary):
    chart, overlay, extra = request.param
    docs = rendered(chart, overlay, extra)
    key = f"{chart} [{overlay or extra or 'defaults'}]"
    summary.renders[key] = len(docs)
    if overlay:
        summary.overlays.add(overlay)
    return chart, docs


def test_renders_objects(case, summary):
    chart, docs = case
    assert docs, f"{chart} rendered nothing"
    seen = set()
    for d in docs:
        assert {"apiVersion", "kind", "metadata"} <= d.keys()
        ident = (d["kind"], d["metadata"].get("namespace", c.NAMESPACE), d["metadata"]["name"])
        assert ident not in seen, f"duplicate object {ident}"
        seen.add(ident)
        summary.kinds[d["kind"]] += 1


@pytest.mark.parametrize("kube", c.KUBE_VERSIONS)
def test_kubernetes_schema_strict(case, kube, summary):
    _, docs = case
    errors = []
    for d in docs:
        if d["kind"] in CRD_KINDS:
            continue  # validated against the chart's own CRD in test_operator.py
        if d["kind"] in VENDORED_CRD_KINDS:  # Istio and Prometheus Operator objects
            errors += [f"{d['kind']}/{d['metadata']['name']}: {p}" for p in crdlib.problems(d)]
            summary.crs_validated += 1
            continue
        try:
            kubernetes_validate.validate(d, kube, strict=True)
            summary.kube_validations += 1
        except kubernetes_validate.ValidationError as e:
            errors.append(f"{d['kind']}/{d['metadata']['name']}: {e.path}: {e.message}")
    assert not errors, "\n".join(errors)


def test_pod_security_restricted(case, summary):
    _, docs = case
    problems = []
    for d in docs:
        for where, meta, spec in c.pod_specs(d):
            found = pss.check(spec, meta)
            summary.pss_pods += 1
            summary.pss_checks += len(pss.RULES)
            problems += [f"{where}: {rule} {msg}" for rule, msg in found]
    assert not problems, "\n".join(problems)


IMAGE_RE = re.compile(r"^(?:[a-z0-9.\-]+(?::[0-9]+)?/)?[a-z0-9._\-/]+:([A-Za-z0-9_][A-Za-z0-9_.\-]{0,127})$")


def image_refs(docs):
    for d in docs:
        for where, _, spec in c.pod_specs(d):
            for ctr in c.containers(spec):
                yield where, ctr.get("image", "")
        if d["kind"] in CRD_KINDS:
            spec = d["spec"].get("template", {}).get("spec", d["spec"]) if d["kind"] == "ScheduledSparkApplication" else d["spec"]
            for part in (spec, spec.get("driver", {}), spec.get("executor", {})):
                if part.get("image"):
                    yield f"{d['kind']}/{d['metadata']['name']}", part["image"]
        if d["kind"] == "ConfigMap":
            for key, text in (d.get("data") or {}).items():
                if key.endswith(".conf"):
                    for k, v in c.spark_properties(text).items():
                        if k.endswith("container.image"):
                            yield f"ConfigMap/{d['metadata']['name']}[{k}]", v


def test_images_pinned(case, summary):
    _, docs = case
    bad = []
    for where, img in image_refs(docs):
        m = IMAGE_RE.match(img)
        if not m or m.group(1) == "latest":
            bad.append(f"{where}: {img!r}")
        else:
            summary.images.add(img)
    assert not bad, "unpinned images:\n" + "\n".join(bad)


REQUIRED_LABELS = ["app.kubernetes.io/name", "app.kubernetes.io/instance", "app.kubernetes.io/version",
                   "app.kubernetes.io/component", "app.kubernetes.io/part-of", "app.kubernetes.io/managed-by",
                   "helm.sh/chart"]


def test_recommended_labels(case):
    _, docs = case
    missing = []
    for d in docs:
        labels = d["metadata"].get("labels") or {}
        lacking = [k for k in REQUIRED_LABELS if k not in labels]
        if lacking:
            missing.append(f"{d['kind']}/{d['metadata']['name']}: {lacking}")
        for where, meta, _ in c.pod_specs(d):
            if d["kind"] != "ConfigMap" and "app.kubernetes.io/name" not in (meta.get("labels") or {}):
                missing.append(f"{where} pod template lacks labels")
    assert not missing, "\n".join(missing)


def test_resources_and_probes(case):
    _, docs = case
    problems = []
    for d in docs:
        for where, _, spec in c.pod_specs(d):
            for ctr in c.containers(spec):
                res = ctr.get("resources") or {}
                req = res.get("requests") or {}
                if not {"cpu", "memory"} <= req.keys() or "memory" not in (res.get("limits") or {}):
                    problems.append(f"{where}/{ctr['name']}: needs cpu+memory requests and a memory limit")
            if d["kind"] in LONG_RUNNING:
                for ctr in spec.get("containers") or []:
                    for probe in ("readinessProbe", "livenessProbe"):
                        if probe not in ctr:
                            problems.append(f"{where}/{ctr['name']}: no {probe}")
    assert not problems, "\n".join(problems)


def test_testing_page_names_the_images_the_charts_pin():
    """The chart-tests page lists the pinned images from content/data/chart-results.json, a copy of
    an earlier run: when a chart changes an image, the page must be regenerated with it."""
    pinned = set()
    for chart, overlay, extra in c.CASES:
        pinned |= {img for _, img in image_refs(rendered(chart, overlay, extra)) if IMAGE_RE.match(img)}
    committed = set(json.loads((c.REPO / "content/data/chart-results.json").read_text())["images_pinned"])
    assert committed == pinned, (
        f"content/data/chart-results.json lists images the charts no longer pin {sorted(committed - pinned)} "
        f"and misses {sorted(pinned - committed)}: run `make test-charts`, then "
        "`python3 scripts/gen-testing-pages.py --collect`")
