"""Every configuration key a chart renders, for its defaults and every example overlay, is one
the software that reads it knows: Hadoop (core-default.xml of the line's Hadoop), Hive Metastore
(MetastoreConf/HiveConf of the image's Hive), Celeborn servers and the Spark client (CelebornConf
of the pinned release). Spark's own keys, its Hive client and catalog plugins are judged by the
line's real PySpark registry in Tests/spark/test_spark_keys.py (make test-spark).

A misspelling planted in a temporary copy of a chart, one test per place, must fail with the
chart file, the key and the nearest known key."""
from __future__ import annotations

import pytest

import chartlib as c
import confcheck
from plant import assert_caught, check_render, planted, rendered_files


@pytest.mark.parametrize("case", c.CASES, ids=c.IDS)
def test_rendered_keys_are_known(case, summary):
    chart, overlay, extra = case
    problems, checker, settings = check_render(chart, rendered_files(*case))
    label = f"{chart} [{overlay or extra or 'defaults'}]"
    summary.config_keys[label] = {sw: sum(1 for s in settings if s.software == sw)
                                  for sw in sorted({s.software for s in settings})}
    assert not problems, "\n".join(map(str, problems))


def test_open_namespaces_are_named():
    """The only prefixes taken without a listed key, each with the reason the software takes them."""
    for software, prefixes in confcheck.OPEN.items():
        for prefix, why in prefixes.items():
            assert why.strip(), f"{software} {prefix}: no reason given"
            print(f"open namespace [{software}] {prefix}: {why}")


# ---------------------------------------------------------------- planted misspellings


CELEBORN_ON = {"celeborn": {"enabled": True}, "spark-connect": {"celeborn": {"enabled": True}}}


def test_planted_celeborn_server_key(tmp_path):
    file = "templates/celeborn.yaml"
    r = planted(tmp_path, "spark-4.1", file, "celeborn.master.http.port", "celeborn.master.htp.port", CELEBORN_ON)
    assert_caught("spark-4.1", r, "celeborn.master.htp.port", "celeborn.master.http.port", f"spark-4.1/{file}")


def test_planted_celeborn_client_key(tmp_path):
    file = "charts/spark-connect/templates/_sparkconf.tpl"
    r = planted(tmp_path, "spark-4.1", file, "spark.celeborn.client.push.replicate.enabled",
                "spark.celeborn.client.push.replicat.enabled", CELEBORN_ON)
    # Helm names the file that includes the named template.
    assert_caught("spark-4.1", r, "spark.celeborn.client.push.replicat.enabled", "celeborn.client.push.replicate.enabled",
                  "spark-4.1/charts/spark-connect/templates/configmap.yaml")


def test_celeborn_server_key_on_client_is_caught(tmp_path):
    file = "charts/spark-connect/templates/_sparkconf.tpl"
    r = planted(tmp_path, "spark-4.1", file, "spark.celeborn.client.push.replicate.enabled",
                "spark.celeborn.worker.flusher.threads", CELEBORN_ON)
    problems, _, _ = check_render("spark-4.1", r)
    assert any("server key" in str(p) and "spark.celeborn.worker.flusher.threads" in str(p) for p in problems), problems


def test_celeborn_value_type_is_checked(tmp_path):
    r = planted(tmp_path, "spark-4.1", "templates/celeborn.yaml", "celeborn.metrics.enabled true",
                "celeborn.metrics.enabled yes", CELEBORN_ON)
    problems, _, _ = check_render("spark-4.1", r)
    assert any("celeborn.metrics.enabled" in str(p) and "true or false" in str(p) for p in problems), problems


@pytest.mark.parametrize("chart", ["spark-3.5", "spark-4.1"])
def test_planted_hive_site_key(chart, tmp_path):
    file = "templates/hive-metastore.yaml"
    r = planted(tmp_path, chart, file, "<name>metastore.warehouse.dir</name>", "<name>metastore.warehouse.dri</name>")
    assert_caught(chart, r, "metastore.warehouse.dri", "metastore.warehouse.dir", f"{chart}/{file}")


@pytest.mark.parametrize("chart", ["spark-3.5", "spark-4.1"])
def test_planted_hive_system_property(chart, tmp_path):
    """-D in the metastore's SERVICE_OPTS: javax.jdo.* is handed to DataNucleus, so only a near miss fails."""
    file = "templates/hive-metastore.yaml"
    r = planted(tmp_path, chart, file, "-Djavax.jdo.option.ConnectionPassword=", "-Djavax.jdo.option.ConnectionPasword=")
    assert_caught(chart, r, "javax.jdo.option.ConnectionPasword", "javax.jdo.option.ConnectionPassword", f"{chart}/{file}")


@pytest.mark.parametrize("chart", ["spark-3.5", "spark-4.1"])
def test_planted_metastore_hadoop_key(chart, tmp_path):
    file = "templates/hive-metastore.yaml"
    r = planted(tmp_path, chart, file, "<name>fs.s3a.endpoint</name>", "<name>fs.s3a.endpont</name>")
    assert_caught(chart, r, "fs.s3a.endpont", "fs.s3a.endpoint", f"{chart}/{file}")


@pytest.mark.parametrize("chart", ["spark-3.5", "spark-4.1"])
def test_planted_spark_hadoop_key(chart, tmp_path):
    r = planted(tmp_path, chart, "charts/spark-connect/templates/_helpers.tpl",
                "spark.hadoop.fs.s3a.path.style.access", "spark.hadoop.fs.s3a.path.styl.access")
    assert_caught(chart, r, "spark.hadoop.fs.s3a.path.styl.access", "fs.s3a.path.style.access",
                  f"{chart}/charts/spark-connect/templates/configmap.yaml")


def test_s3a_per_bucket_option_is_checked(tmp_path):
    r = planted(tmp_path, "spark-4.1", "charts/spark-connect/templates/_helpers.tpl",
                "spark.hadoop.fs.s3a.path.style.access", "spark.hadoop.fs.s3a.bucket.logs.path.styl.access")
    problems, _, _ = check_render("spark-4.1", r)
    assert any("fs.s3a.bucket.logs.path.styl.access" in str(p) and "fs.s3a.path.style.access" in str(p)
               for p in problems), problems


def test_unknown_celeborn_version_is_reported(tmp_path):
    values = dict(CELEBORN_ON, celeborn={"enabled": True, "image": {"tag": "0.1.0"}})
    rendered = c.render_raw(c.chart_path("spark-4.1"), c.values_for("spark-4.1", extra=values), "spark-41")
    with pytest.raises(FileNotFoundError, match="celeborn-0.1.0.json"):
        check_render("spark-4.1", rendered)
