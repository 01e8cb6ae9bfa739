"""spark-operator: CRDs load from crds/, the example SparkApplication validates against the CRD's
OpenAPI schema (strictly: unknown fields are errors), and its Spark pods would pass PSS restricted."""
import copy
import subprocess
import sys
from pathlib import Path

import helm_python as helm
import jsonschema
import pytest
import yaml

import chartlib as c
import pss

CHART = c.chart_path("spark-operator")


def crds():
    with helm.Chart.load(str(CHART)) as ch:
        return {d["spec"]["names"]["kind"]: d for d in (yaml.safe_load(x["data"]) for x in ch.crds)}


def strict(schema):
    """additionalProperties: false on every object with properties that does not keep unknown fields."""
    s = copy.deepcopy(schema)

    def walk(node):
        if not isinstance(node, dict):
            return
        if node.get("type") == "object" and "properties" in node \
                and not node.get("x-kubernetes-preserve-unknown-fields") and "additionalProperties" not in node:
            node["additionalProperties"] = False
        for v in node.values():
            if isinstance(v, dict):
                walk(v)
            elif isinstance(v, list):
                for i in v:
                    walk(i)
    walk(s)
    return s


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


def test_crds_are_generated_and_complete():
    kinds = crds()
    assert {"SparkApplication", "ScheduledSparkApplication", "SparkConnect"} <= kinds.keys()
    for kind, version in [("SparkApplication", "v1beta2"), ("ScheduledSparkApplication", "v1beta2")]:
        assert [v["name"] for v in kinds[kind]["spec"]["versions"]] == [version]
    spec = kinds["SparkApplication"]["spec"]["versions"][0]["schema"]["openAPIV3Schema"]["properties"]["spec"]
    assert set(spec["required"]) == {"driver", "executor", "mainApplicationFile", "sparkVersion", "type"}
    assert spec["properties"]["type"]["enum"] == ["Java", "Python", "Scala", "R"]
    gen = Path(__file__).parent / "tools" / "gen_crds.py"
    before = {p.name: p.read_text() for p in (CHART / "crds").glob("*.yaml")}
    r = subprocess.run([sys.executable, str(gen)], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    after = {p.name: p.read_text() for p in (CHART / "crds").glob("*.yaml")}
    assert before == after, "crds/ is stale: run Tests/charts/tools/gen_crds.py"


@pytest.mark.parametrize("overlay", [None] + c.overlays_for("spark-operator"), ids=lambda p: p.name if p else "defaults")
def test_example_spark_pi_validates_against_crd(overlay, summary):
    app = example_app(overlay)
    errors = sorted(validator("SparkApplication", "v1beta2").iter_errors(app), key=str)
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors)
    summary.crs_validated += 1
    assert app["spec"]["sparkVersion"] == "4.1.0"
    assert app["spec"]["image"].endswith(":4.1.0-java21-python3")
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
