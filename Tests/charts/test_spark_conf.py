"""The spark-defaults.conf ConfigMaps (Connect server, History Server, standalone, spark-submit
kit): parseable, no duplicate keys, no empty values. Whether each key exists, and whether its
value is one the reader accepts, is judged against the real registries: test_config_keys.py
(Hadoop, Hive, Celeborn) and Tests/spark/test_spark_keys.py (Spark, through PySpark)."""
import helm_python as helm
import pytest

import chartlib as c
from test_render import CASES, IDS, rendered


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_spark_defaults(case, summary):
    chart, overlay, extra = case
    docs = rendered(chart, overlay, extra)
    for cm in c.configmaps_with(docs, "spark-defaults.conf"):
        text = cm["data"]["spark-defaults.conf"]
        keys = [c.spark_properties(line) for line in text.splitlines() if line.strip() and not line.startswith("#")]
        flat = [k for d in keys for k in d]
        assert len(flat) == len(set(flat)), f"{cm['metadata']['name']}: duplicate keys"
        props = c.spark_properties(text)
        summary.spark_conf_keys[f"{chart} [{overlay or extra or 'defaults'}] {cm['metadata']['name']}"] = len(props)
        for k, v in props.items():
            assert v != "", f"{k} has no value"


def test_connect_server_settings():
    for chart, line, scala in (("spark-4.1", "4.1", "2.13"), ("spark-3.5", "3.5", "2.12")):
        docs = rendered(chart, None, None)
        props = c.spark_properties(next(d for d in c.configmaps_with(docs, "spark-defaults.conf")
                                        if d["metadata"]["name"].endswith("-connect-conf"))["data"]["spark-defaults.conf"])
        assert props["spark.connect.grpc.binding.port"] == "15002"
        assert props["spark.master"].startswith("k8s://")
        assert props["spark.dynamicAllocation.shuffleTracking.enabled"] == "true"
        # every jar (hadoop-aws, AWS SDK, Celeborn client, the 3.5 Connect server) comes from the image
        assert "spark.jars.packages" not in props and "spark.jars.ivy" not in props
        dep = next(d for d in docs if d["kind"] == "Deployment" and d["metadata"]["name"].endswith("-connect"))
        ctr = dep["spec"]["template"]["spec"]["containers"][0]
        env = {e["name"]: e.get("value") for e in ctr["env"]}
        # spark-submit execs spark-class, which execs the JVM: no daemon script in between
        assert ctr["args"][:3] == ["/opt/spark/bin/spark-submit", "--class",
                                   "org.apache.spark.sql.connect.service.SparkConnectServer"]
        assert "SPARK_NO_DAEMONIZE" not in env
        assert "spark.kubernetes.driver.pod.name=$(POD_NAME)" in ctr["args"]
        mounts = {m["mountPath"] for m in ctr["volumeMounts"]}
        assert "/tmp" in mounts  # the writable ivy directory lives here


def expect_render_error(chart, extra, text):
    with pytest.raises(helm.HelmError) as e:
        c.render(c.chart_path(chart), c.values_for(chart, extra=extra), c.CHARTS[chart])
    assert text in str(e.value)


def test_guards():
    expect_render_error("spark-4.1", {"celeborn": {"enabled": True}}, "must be equal")
    expect_render_error("spark-4.1", {"spark-connect": {"celeborn": {"enabled": True}}}, "must be equal")
    expect_render_error("spark-4.1", {"celeborn": {"enabled": True, "worker": {"replicas": 1}},
                                      "spark-connect": {"celeborn": {"enabled": True}}}, "at least two Celeborn workers")
    expect_render_error("spark-3.5", {"spark-connect": {"celeborn": {"enabled": True}}}, "masterEndpoints is required")
    expect_render_error("spark-base", {"minio": {"image": {"tag": "latest"}}}, "pin a version")
    expect_render_error("spark-base", {"minio": {"enabled": False}, "global": {"s3": {"credentialsSecret": "", "endpoint": "https://s3.example.com"}}},
                        "global.s3.credentialsSecret is required")


def test_global_registry_and_pull_secrets_reach_every_pod():
    extra = {"global": {"imageRegistry": "registry.example.internal", "imagePullSecrets": ["regcred"]}}
    for chart in c.CHARTS:
        docs = c.render(c.chart_path(chart), c.values_for(chart, extra=extra), c.CHARTS[chart])
        for d in docs:
            for where, _, spec in c.pod_specs(d):
                for ctr in c.containers(spec):
                    assert ctr["image"].startswith("registry.example.internal/"), f"{where}: {ctr['image']}"
                assert {"name": "regcred"} in (spec.get("imagePullSecrets") or []), where
