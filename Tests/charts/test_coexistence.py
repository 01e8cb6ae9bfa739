"""spark-base, spark-3.5 and spark-4.1 rendered into one namespace: no two objects share kind and
name, each line has its own metastore database, event-log prefix, warehouse and Services."""
import functools

import pytest

import chartlib as c

LINES = {"spark-3.5": "3.5", "spark-4.1": "4.1"}


@functools.lru_cache(maxsize=None)
def everything():
    out = {}
    for chart in ("spark-base", "spark-3.5", "spark-4.1"):
        extra = {"celeborn": {"enabled": True}, "spark-connect": {"celeborn": {"enabled": True}}} \
            if chart == "spark-4.1" else None
        out[chart] = c.render(c.chart_path(chart), c.values_for(chart, extra=extra), c.CHARTS[chart])
    return out


def test_no_name_collisions_in_one_namespace(summary):
    seen = {}
    for chart, docs in everything().items():
        summary.renders[f"{chart} [coexistence]"] = len(docs)
        for d in docs:
            key = (d["kind"], d["metadata"].get("namespace", c.NAMESPACE), d["metadata"]["name"])
            assert key not in seen, f"{key} rendered by both {seen[key]} and {chart}"
            seen[key] = chart


def conf(docs, name_part):
    cms = [d for d in c.configmaps_with(docs, "spark-defaults.conf") if name_part in d["metadata"]["name"]]
    assert len(cms) == 1, [d["metadata"]["name"] for d in cms]
    return c.spark_properties(cms[0]["data"]["spark-defaults.conf"])


def test_separate_event_log_prefixes_and_warehouses():
    docs = everything()
    for chart, line in LINES.items():
        connect = conf(docs[chart], "-connect-conf")
        history = conf(docs[chart], "-history-conf")
        submit = conf(docs[chart], "-spark-submit")
        want = f"s3a://spark-logs/{line}/events"
        assert connect["spark.eventLog.dir"] == want
        assert history["spark.history.fs.logDirectory"] == want
        assert submit["spark.eventLog.dir"] == want
        assert connect["spark.sql.warehouse.dir"] == f"s3a://warehouse-spark-{line.replace('.', '')}/"
    # the bucket job creates exactly these prefixes
    base = next(d for d in docs["spark-base"] if d["kind"] == "ConfigMap" and d["metadata"]["name"].endswith("-buckets"))
    script = base["data"]["create-buckets.sh"]
    for line in LINES.values():
        assert f"target/spark-logs/{line}/events/.keep" in script
        assert f"warehouse-spark-{line.replace('.', '')}" in script


def test_separate_metastore_databases():
    docs = everything()
    base_dbs = set()
    for d in docs["spark-base"]:
        if d["kind"] == "Secret" and d["metadata"]["name"].endswith("-postgresql"):
            base_dbs = {k[:-len("-password")] for k in d["data"] if k != "postgres-password"}
    used = {}
    for chart in LINES:
        cm = next(d for d in docs[chart] if d["kind"] == "ConfigMap" and d["metadata"]["name"].endswith("-hive-metastore"))
        url = next(l for l in cm["data"]["hive-site.xml"].splitlines() if "ConnectionURL" in l)
        db = url.split("<value>")[1].split("</value>")[0].rsplit("/", 1)[-1]
        used[chart] = db
        assert db in base_dbs, f"{chart} uses {db}, spark-base creates {base_dbs}"
    assert used["spark-3.5"] != used["spark-4.1"]
    images = {}
    for chart in LINES:
        dep = next(d for d in docs[chart] if d["kind"] == "Deployment" and d["metadata"]["name"].endswith("-hive-metastore"))
        images[chart] = dep["spec"]["template"]["spec"]["containers"][0]["image"]
    assert images["spark-3.5"].endswith("apache/hive:3.1.3")
    assert images["spark-4.1"].endswith("apache/hive:4.0.0")   # 4.0.1+ breaks Spark's Hive 2.3 client


def test_each_line_has_its_own_services_and_the_clients_point_at_them():
    docs = everything()
    services = {chart: {d["metadata"]["name"] for d in docs[chart] if d["kind"] == "Service"} for chart in docs}
    assert not services["spark-3.5"] & services["spark-4.1"]
    for chart in LINES:
        rel = c.CHARTS[chart]
        connect = conf(docs[chart], "-connect-conf")
        assert connect["spark.hadoop.hive.metastore.uris"] == f"thrift://{rel}-hive-metastore:9083"
        assert f"{rel}-hive-metastore" in services[chart] and f"{rel}-connect" in services[chart]
        jup = next(d for d in docs[chart] if d["kind"] == "Deployment" and d["metadata"]["name"].endswith("-jupyter"))
        env = {e["name"]: e.get("value") for e in jup["spec"]["template"]["spec"]["containers"][0]["env"]}
        assert env["SPARK_REMOTE"] == f"sc://{rel}-connect.{c.NAMESPACE}.svc.cluster.local:15002"


def test_celeborn_endpoints_match_the_masters():
    docs = everything()["spark-4.1"]
    connect = conf(docs, "-connect-conf")
    endpoints = connect["spark.celeborn.master.endpoints"].split(",")
    sts = next(d for d in docs if d["kind"] == "StatefulSet" and d["metadata"]["name"].endswith("celeborn-master"))
    assert len(endpoints) == sts["spec"]["replicas"]
    svc = sts["spec"]["serviceName"]
    for i, ep in enumerate(endpoints):
        assert ep == f"{sts['metadata']['name']}-{i}.{svc}.{c.NAMESPACE}.svc:9097"
    assert connect["spark.shuffle.manager"] == "org.apache.spark.shuffle.celeborn.SparkShuffleManager"
    assert connect["spark.dynamicAllocation.shuffleTracking.enabled"] == "false"
    assert "spark.jars.packages" not in connect  # the Celeborn client is in the image
