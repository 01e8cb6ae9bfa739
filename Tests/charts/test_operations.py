"""The spark-4.1 chart's operations options (global.logging, global.metrics, global.serviceMesh):
off by default, and when on, they reach every Spark process of the line, the objects they add
point at ports that exist, and the HTTP endpoints of long-running components are probed over
HTTP. Custom resources are validated against the vendored CRDs in test_render.py."""
from __future__ import annotations

import functools
import shlex

import helm_python as helm
import pytest

import chartlib as c
from chartlib import CASES, EXTRA_CASES, IDS
from test_render import LONG_RUNNING, rendered

OPTIONS = EXTRA_CASES["spark-4.1"]["operations-options"]
INJECT = "sidecar.istio.io/inject"
JSON = {"spark.log.structuredLogging.enabled": "true"}


@functools.lru_cache(maxsize=None)
def on() -> list[dict]:
    return rendered("spark-4.1", None, "operations-options")


def confs(docs) -> dict[str, dict[str, str]]:
    """spark-defaults.conf of each ConfigMap, by ConfigMap name suffix (connect-conf, spark-submit, history-conf)."""
    return {cm["metadata"]["name"].removeprefix("spark-41-"): c.spark_properties(cm["data"]["spark-defaults.conf"])
            for cm in c.configmaps_with(docs, "spark-defaults.conf")}


def env_of(docs, kind, name, container) -> dict[str, str]:
    d = next(x for x in docs if x["kind"] == kind and x["metadata"]["name"] == name)
    ctr = next(x for x in d["spec"]["template"]["spec"]["containers"] if x["name"] == container)
    return {e["name"]: e.get("value") for e in ctr.get("env") or []}


def test_off_by_default():
    docs = rendered("spark-4.1", None, None)
    assert not [d for d in docs if d["kind"] in ("PeerAuthentication", "PodMonitor", "ServiceMonitor")]
    for where, meta, _ in (p for d in docs for p in c.pod_specs(d)):
        assert INJECT not in (meta.get("labels") or {}), where
    for name, props in confs(docs).items():
        assert not {k for k in props if k.startswith(("spark.log.structured", "spark.metrics.", "spark.ui.prometheus"))}, name
    assert "SPARK_HISTORY_OPTS" not in env_of(docs, "Deployment", "spark-41-history", "history-server")


def test_json_logs_reach_every_spark_process():
    docs = on()
    for name in ("connect-conf", "spark-submit"):  # Connect server (+ executors), spark-submit jobs
        assert JSON.items() <= confs(docs)[name].items(), name
    opts = env_of(docs, "Deployment", "spark-41-history", "history-server")["SPARK_HISTORY_OPTS"]
    assert "-Dspark.log.structuredLogging.enabled=true" in shlex.split(opts)


def test_metrics_properties_and_monitors_point_at_real_ports():
    docs = on()
    for name in ("connect-conf", "spark-submit"):
        props = confs(docs)[name]
        assert props["spark.ui.prometheus.enabled"] == "true"
        assert props["spark.metrics.conf.*.sink.prometheusServlet.path"] == "/metrics/prometheus"
        assert props["spark.metrics.namespace"].replace("_", "").isalnum(), "not a Prometheus-safe name"
    services = [d for d in docs if d["kind"] == "Service"]
    for sm in (d for d in docs if d["kind"] == "ServiceMonitor"):
        assert sm["metadata"]["labels"]["release"] == "prometheus"
        sel = sm["spec"]["selector"]
        hits = [s for s in services if sel["matchLabels"].items() <= s["metadata"]["labels"].items()
                and all(s["metadata"]["labels"].get(e["key"]) in e["values"] for e in sel.get("matchExpressions", []))]
        assert hits, f"ServiceMonitor {sm['metadata']['name']} selects no Service"
        for ep in sm["spec"]["endpoints"]:
            assert all(ep["port"] in {p["name"] for p in s["spec"]["ports"]} for s in hits), (sm["metadata"]["name"], ep)
    pm = next(d for d in docs if d["kind"] == "PodMonitor")
    pods = [(meta.get("labels") or {}, spec) for d in docs if d["kind"] in LONG_RUNNING for _, meta, spec in c.pod_specs(d)]
    ports = {p["name"] for labels, spec in pods if labels.get("app.kubernetes.io/component") in
             pm["spec"]["selector"]["matchExpressions"][0]["values"] for ctr in spec["containers"] for p in ctr.get("ports", [])}
    # spark-ui is the port Spark itself gives the drivers of spark-submit jobs
    assert {ep["port"] for ep in pm["spec"]["podMetricsEndpoints"]} <= ports | {"spark-ui"}


def test_monitors_need_metrics_enabled():
    values = c.values_for("spark-4.1", extra={"global": {"metrics": {"podMonitor": {"enabled": True}}}})
    with pytest.raises(helm.HelmError, match="enable it too") if hasattr(helm, "HelmError") else pytest.raises(Exception, match="enable it too"):
        c.render(c.chart_path("spark-4.1"), values, "spark-41")


def test_mesh_injects_long_running_pods_and_spark_templates_only():
    docs = on()
    for d in docs:
        for where, meta, _ in c.pod_specs(d):
            injected = (meta.get("labels") or {}).get(INJECT) == "true"
            expected = d["kind"] in LONG_RUNNING or d["kind"] == "ConfigMap"  # Spark pod templates
            assert injected == expected, f"{where}: injected={injected}"


def test_mesh_names_every_port_spark_uses():
    docs = on()
    conn = next(d for d in docs if d["kind"] == "Deployment" and d["metadata"]["name"] == "spark-41-connect")
    cports = {p["name"]: p["containerPort"] for p in conn["spec"]["template"]["spec"]["containers"][0]["ports"]}
    drv = next(d for d in docs if d["kind"] == "Service" and d["metadata"]["name"] == "spark-41-connect-driver")
    assert drv["spec"]["clusterIP"] == "None"
    assert {(p["targetPort"], p["port"]) for p in drv["spec"]["ports"]} == {
        ("driver", cports["driver"]), ("block-manager", cports["block-manager"])}
    assert all(p["name"].startswith("tcp-") for p in drv["spec"]["ports"]), "Istio protocol by port name"
    props = confs(docs)
    assert props["connect-conf"]["spark.driver.port"] == str(cports["driver"])
    ex = next(d for d in docs if d["kind"] == "Service" and d["metadata"]["name"] == "spark-41-executors")
    assert ex["spec"]["selector"] == {"app.kubernetes.io/instance": "spark-41", "spark-role": "executor"}
    for name in ("connect-conf", "spark-submit"):
        assert props[name]["spark.blockManager.port"] == str(ex["spec"]["ports"][0]["port"]), name
    pa = next(d for d in docs if d["kind"] == "PeerAuthentication")
    assert pa["spec"]["mtls"]["mode"] == "STRICT"
    sel = pa["spec"]["selector"]["matchLabels"]
    for d in docs:
        for where, meta, _ in c.pod_specs(d):
            if (meta.get("labels") or {}).get(INJECT):
                assert sel.items() <= meta["labels"].items(), f"{where} is injected but not under mutual TLS"


def test_kit_follows_celeborn():
    docs = on()
    kit = confs(docs)["spark-submit"]
    connect = confs(docs)["connect-conf"]
    celeborn = {k: v for k, v in connect.items() if "celeborn" in k.lower() or k in (
        "spark.shuffle.service.enabled", "spark.serializer", "spark.sql.adaptive.localShuffleReader.enabled")}
    assert celeborn and celeborn.items() <= kit.items(), "the kit must carry the Connect server's Celeborn settings"
    assert kit["spark.dynamicAllocation.shuffleTracking.enabled"] == "false"
    assert not {k for k in confs(rendered("spark-4.1", None, None))["spark-submit"] if "celeborn" in k}


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_http_endpoints_are_probed_over_http(case):
    """A long-running container that serves HTTP (a port named http or ui) is checked through it
    by its readiness or liveness probe."""
    chart, overlay, extra = case
    problems = []
    for d in rendered(chart, overlay, extra):
        if d["kind"] not in LONG_RUNNING:
            continue
        for where, _, spec in c.pod_specs(d):
            for ctr in spec["containers"]:
                http = {p["name"] for p in ctr.get("ports", []) if p.get("name") in ("http", "ui")}
                ports = http | {p["containerPort"] for p in ctr["ports"] if p.get("name") in http}
                probed = [(ctr.get(k) or {}).get("httpGet", {}).get("port") for k in ("readinessProbe", "livenessProbe")]
                if http and not ports & set(probed):
                    problems.append(f"{where}/{ctr['name']}: serves HTTP on {sorted(http)} but no probe uses it")
    assert not problems, "\n".join(problems)
