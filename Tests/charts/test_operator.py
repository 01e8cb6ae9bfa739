"""spark-operator: the CRDs in crds/ are the pinned upstream release byte for byte, the example SparkApplication validates against the CRD's
OpenAPI schema (strictly: unknown fields are errors), and its Spark pods would pass PSS restricted."""
import copy
import functools
import hashlib
import re
from pathlib import Path

import helm_python as helm
import jsonschema
import pytest
import yaml

import chartlib as c
import pss
from crdlib import strict

CHART = c.chart_path("spark-operator")


@functools.cache
def crds():
    # The upstream CRDs are ~1.7 MB of YAML: parse them once per session (CSafeLoader when present).
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    with helm.Chart.load(str(CHART)) as ch:
        return {d["spec"]["names"]["kind"]: d for d in (yaml.load(x["data"], Loader=loader) for x in ch.crds)}


@functools.cache
def validator(kind, version):
    crd = crds()[kind]
    ver = next(v for v in crd["spec"]["versions"] if v["name"] == version)
    return jsonschema.Draft7Validator(strict(ver["schema"]["openAPIV3Schema"]))


def example_app(overlay=None):
    values = c.values_for("spark-operator", overlay, {"examples": {"sparkPi": {"enabled": True}}})
    docs = c.render(CHART, values, c.CHARTS["spark-operator"])
    apps = [d for d in docs if d["kind"] == "SparkApplication"]
    assert len(apps) == 1
    return apps[0]


def upstream_provenance():
    """Tag and per-file SHA-256 recorded in crds/README.md and crds/SHA256SUMS."""
    readme = (CHART / "crds" / "README.md").read_text()
    tag = re.search(r"^- Tag: (v\S+)$", readme, re.M)
    assert tag, "crds/README.md names no upstream tag ('- Tag: vX.Y.Z')"
    sums = {}
    for line in (CHART / "crds" / "SHA256SUMS").read_text().splitlines():
        digest, name = line.split(maxsplit=1)
        sums[name.lstrip("*")] = digest
    return tag.group(1), sums


def test_crds_are_the_pinned_upstream_release_unchanged():
    tag, sums = upstream_provenance()
    app_version = c.load_yaml(CHART / "Chart.yaml")["appVersion"]
    assert tag == f"v{app_version}", f"crds/ are from {tag} but the chart pins operator {app_version}: run make charts-crds"
    shipped = {p.name for p in (CHART / "crds").iterdir() if p.suffix in (".yaml", ".yml", ".json")}
    assert shipped == set(sums), f"crds/ holds {sorted(shipped)}, SHA256SUMS lists {sorted(sums)}"
    for name, digest in sums.items():
        actual = hashlib.sha256((CHART / "crds" / name).read_bytes()).hexdigest()
        assert actual == digest, f"crds/{name} differs from the upstream {tag} file"
    with helm.Chart.load(str(CHART)) as ch:
        assert sorted(Path(x["name"]).name for x in ch.crds) == sorted(sums)


def test_crds_keep_the_fields_a_reduced_copy_dropped():
    kinds = crds()
    assert {"SparkApplication", "ScheduledSparkApplication", "SparkConnect"} <= kinds.keys()

    def spec(kind, version):
        ver = next(v for v in kinds[kind]["spec"]["versions"] if v["name"] == version)
        return ver["schema"]["openAPIV3Schema"]["properties"]["spec"]
    app = spec("SparkApplication", "v1beta2")
    assert set(app["required"]) == {"driver", "executor", "mainApplicationFile", "sparkVersion", "type"}
    assert {"suspend", "dynamicAllocation"} <= app["properties"].keys()
    driver = app["properties"]["driver"]["properties"]
    assert {"memoryLimit", "envSecretKeyRefs"} <= driver.keys()
    connect = spec("SparkConnect", "v1alpha1")["properties"]
    assert {"executor", "dynamicAllocation"} <= connect.keys()


@pytest.mark.parametrize("overlay", [None] + c.overlays_for("spark-operator"), ids=lambda p: p.name if p else "defaults")
def test_example_spark_pi_validates_against_crd(overlay, summary):
    app = example_app(overlay)
    errors = sorted(validator("SparkApplication", "v1beta2").iter_errors(app), key=str)
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors)
    summary.crs_validated += 1
    assert app["spec"]["sparkVersion"] == "4.1.0"
    assert app["spec"]["image"].endswith("spark-k8s-platform/spark:4.1.0-1")
    assert app["spec"]["driver"]["serviceAccount"] == "spark-operator-spark"


def test_typos_and_bad_enums_are_caught():
    v = validator("SparkApplication", "v1beta2")
    app = example_app()
    bad = copy.deepcopy(app)
    bad["spec"]["driver"]["memroy"] = "1g"
    assert any("memroy" in e.message for e in v.iter_errors(bad))
    bad = copy.deepcopy(app)
    bad["spec"]["type"] = "Go"
    assert list(v.iter_errors(bad))
    bad = copy.deepcopy(app)
    del bad["spec"]["mainApplicationFile"]
    assert any("mainApplicationFile" in e.message for e in v.iter_errors(bad))


def test_scheduled_application_schema_accepts_the_example_as_template(summary):
    app = example_app()
    scheduled = {"apiVersion": "sparkoperator.k8s.io/v1beta2", "kind": "ScheduledSparkApplication",
                 "metadata": {"name": "pi-nightly"},
                 "spec": {"schedule": "@daily", "concurrencyPolicy": "Forbid", "template": app["spec"]}}
    errors = list(validator("ScheduledSparkApplication", "v1beta2").iter_errors(scheduled))
    assert not errors, errors
    summary.crs_validated += 1


def test_example_pods_pass_pss(summary):
    app = example_app()
    for role in ("driver", "executor"):
        part = app["spec"][role]
        spec = {"securityContext": part["podSecurityContext"],
                "containers": [{"name": f"spark-kubernetes-{role}", "securityContext": part["securityContext"]}]}
        assert pss.check(spec) == [], role
        summary.pss_pods += 1
        summary.pss_checks += len(pss.RULES)


def test_rbac_per_job_namespace():
    values = c.values_for("spark-operator", extra={"spark": {"jobNamespaces": ["a", "b"]}, "webhook": {"enable": True}})
    docs = c.render(CHART, values, "spark-operator")
    for ns in ("a", "b"):
        kinds = {(d["kind"], d["metadata"]["name"]) for d in docs if d["metadata"].get("namespace") == ns}
        assert ("ServiceAccount", "spark-operator-spark") in kinds
        assert ("Role", "spark-operator-controller") in kinds and ("Role", "spark-operator-webhook") in kinds
    dep = next(d for d in docs if d["kind"] == "Deployment" and d["metadata"]["name"] == "spark-operator-controller")
    assert "--namespaces=a,b" in dep["spec"]["template"]["spec"]["containers"][0]["args"]
    # no cluster-wide write access: ClusterRoles only read nodes/CRDs or manage the webhook configurations
    for d in docs:
        if d["kind"] == "ClusterRole":
            for rule in d["rules"]:
                assert "*" not in rule["verbs"] and "*" not in rule["resources"]


def doc_custom_resources():
    """(page, document) for every operator resource in a ```yaml block of the guides, both languages."""
    found = []
    for page in sorted((c.REPO / "content").glob("*/**/*.md")):
        for block in re.findall(r"^```yaml\n(.*?)^```", page.read_text(), re.M | re.S):
            for doc in yaml.safe_load_all(block):
                if isinstance(doc, dict) and str(doc.get("apiVersion", "")).startswith("sparkoperator.k8s.io/"):
                    found.append((page.relative_to(c.REPO), doc))
    return found


@pytest.mark.parametrize("page,doc", doc_custom_resources(), ids=lambda x: str(x) if isinstance(x, Path) else "")
def test_documented_custom_resources_validate_against_the_crds(page, doc, summary):
    version = doc["apiVersion"].split("/")[1]
    errors = sorted(validator(doc["kind"], version).iter_errors(doc), key=str)
    assert not errors, f"{page}: " + "\n".join(f"{list(e.path)}: {e.message}" for e in errors)
    summary.crs_validated += 1


def test_documented_custom_resources_are_found():
    pages = {str(p) for p, _ in doc_custom_resources()}
    assert {"content/en/guides/spark-operator-guide.md", "content/ru/guides/spark-operator-guide.md"} <= pages
