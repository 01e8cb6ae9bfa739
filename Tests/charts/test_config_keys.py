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


# The metastore's three places: hive-site.xml, -D in SERVICE_OPTS (javax.jdo.* is handed on to
# DataNucleus, so only a near miss fails there) and core-site.xml (Hadoop's keys).
METASTORE_PLANTS = {
    "hive-site": ("<name>metastore.warehouse.dir</name>", "metastore.warehouse.dri", "metastore.warehouse.dir"),
    "service-opts": ("-Djavax.jdo.option.ConnectionPassword=", "javax.jdo.option.ConnectionPasword",
                     "javax.jdo.option.ConnectionPassword"),
    "core-site": ("<name>fs.s3a.endpoint</name>", "fs.s3a.endpont", "fs.s3a.endpoint"),
}


@pytest.mark.parametrize("place", METASTORE_PLANTS)
@pytest.mark.parametrize("chart", ["spark-3.5", "spark-4.1"])
def test_planted_metastore_key(chart, place, tmp_path):
    file = "templates/hive-metastore.yaml"
    old, bad, good = METASTORE_PLANTS[place]
    r = planted(tmp_path, chart, file, old, old.replace(good, bad))
    assert_caught(chart, r, bad, good, f"{chart}/{file}")


@pytest.mark.parametrize("chart", ["spark-3.5", "spark-4.1"])
def test_hive_value_type_is_checked(chart, tmp_path):
    r = planted(tmp_path, chart, "templates/hive-metastore.yaml",
                "<name>hive.metastore.event.db.notification.api.auth</name><value>false</value>",
                "<name>hive.metastore.event.db.notification.api.auth</name><value>off</value>")
    problems, _, _ = check_render(chart, r)
    assert any("notification.api.auth" in str(p) and "true or false" in str(p) for p in problems), problems


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


def test_versions_come_from_what_the_render_deploys():
    """Client and server are judged each by its own release: here a 0.7.0 client beside 0.6.1 servers."""
    values = dict(CELEBORN_ON, **{"spark-connect": {"celeborn": {
        "enabled": True, "clientPackage": "org.apache.celeborn:celeborn-client-spark-4-shaded_2.13:0.7.0"}}})
    rendered = c.render_raw(c.chart_path("spark-4.1"), c.values_for("spark-4.1", extra=values), "spark-41")
    v = confcheck.versions_of("spark-4.1", rendered)
    assert (v.line, v.hive, v.celeborn_server, v.celeborn_client, v.hadoop) == ("4.1", "4.0.0", "0.6.1", "0.7.0", "3.4.2")
    problems, checker, _ = check_render("spark-4.1", rendered)
    assert not problems, problems
