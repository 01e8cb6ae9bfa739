"""Every configuration key a chart renders, for its defaults and every example overlay, is one
the software that reads it knows: Hadoop (core-default.xml of the line's Hadoop and the keys of
its S3A connector), Hive Metastore (MetastoreConf/HiveConf of the image's Hive), Celeborn servers
and the Spark client (CelebornConf of the pinned release). Spark's own keys, its Hive client and catalog plugins are judged by the
line's real PySpark registry in Tests/spark/test_spark_keys.py (make test-spark).

A misspelling planted in a temporary copy of a chart, one test per place, must fail with the
chart file, the key and the nearest known key."""
from __future__ import annotations

import sys

import pytest

import chartlib as c
import confcheck
from plant import assert_caught, check_render, planted, rendered_files

sys.path.insert(0, str(c.REPO / "Tests" / "charts" / "tools"))
import gen_conf_registry as gen  # noqa: E402


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


# The templates live in the spark-common library (linked into each chart's charts/); Helm names
# the chart file that includes the named template.
HELPERS = "charts/spark-common/templates/_helpers.tpl"
LINE = "charts/spark-common/templates/_line.tpl"


def test_planted_celeborn_server_key(tmp_path):
    r = planted(tmp_path, "spark-4.1", HELPERS, "celeborn.master.http.port", "celeborn.master.htp.port", CELEBORN_ON)
    assert_caught("spark-4.1", r, "celeborn.master.htp.port", "celeborn.master.http.port",
                  "spark-4.1/templates/celeborn.yaml")


def test_planted_celeborn_client_key(tmp_path):
    r = planted(tmp_path, "spark-4.1", HELPERS, "spark.celeborn.client.push.replicate.enabled",
                "spark.celeborn.client.push.replicat.enabled", CELEBORN_ON)
    assert_caught("spark-4.1", r, "spark.celeborn.client.push.replicat.enabled", "celeborn.client.push.replicate.enabled",
                  "spark-4.1/charts/spark-connect/templates/configmap.yaml")


def test_celeborn_server_key_on_client_is_caught(tmp_path):
    r = planted(tmp_path, "spark-4.1", HELPERS, "spark.celeborn.client.push.replicate.enabled",
                "spark.celeborn.worker.flusher.threads", CELEBORN_ON)
    problems, _, _ = check_render("spark-4.1", r)
    assert any("server key" in str(p) and "spark.celeborn.worker.flusher.threads" in str(p) for p in problems), problems


def test_celeborn_value_type_is_checked(tmp_path):
    r = planted(tmp_path, "spark-4.1", HELPERS, "celeborn.metrics.enabled true",
                "celeborn.metrics.enabled yes", CELEBORN_ON)
    problems, _, _ = check_render("spark-4.1", r)
    assert any("celeborn.metrics.enabled" in str(p) and "true or false" in str(p) for p in problems), problems


# The metastore's three places: hive-site.xml, -D in SERVICE_OPTS (javax.jdo.* is handed on to
# DataNucleus, so only a near miss fails there) and core-site.xml (Hadoop's keys), with the chart
# file that renders each.
METASTORE_PLANTS = {
    "hive-site": ("<name>metastore.warehouse.dir</name>", "metastore.warehouse.dri", "metastore.warehouse.dir",
                  "templates/hive-metastore-config.yaml"),
    "service-opts": ("-Djavax.jdo.option.ConnectionPassword=", "javax.jdo.option.ConnectionPasword",
                     "javax.jdo.option.ConnectionPassword", "templates/hive-metastore.yaml"),
    "core-site": ("<name>fs.s3a.endpoint</name>", "fs.s3a.endpont", "fs.s3a.endpoint",
                  "templates/hive-metastore-config.yaml"),
}


@pytest.mark.parametrize("place", METASTORE_PLANTS)
@pytest.mark.parametrize("chart", ["spark-3.5", "spark-4.1"])
def test_planted_metastore_key(chart, place, tmp_path):
    old, bad, good, file = METASTORE_PLANTS[place]
    r = planted(tmp_path, chart, LINE, old, old.replace(good, bad))
    assert_caught(chart, r, bad, good, f"{chart}/{file}")


@pytest.mark.parametrize("chart", ["spark-3.5", "spark-4.1"])
def test_hive_value_type_is_checked(chart, tmp_path):
    r = planted(tmp_path, chart, LINE,
                "<name>hive.metastore.event.db.notification.api.auth</name><value>false</value>",
                "<name>hive.metastore.event.db.notification.api.auth</name><value>off</value>")
    problems, _, _ = check_render(chart, r)
    assert any("notification.api.auth" in str(p) and "true or false" in str(p) for p in problems), problems


@pytest.mark.parametrize("chart", ["spark-3.5", "spark-4.1"])
def test_planted_spark_hadoop_key(chart, tmp_path):
    r = planted(tmp_path, chart, HELPERS, "spark.hadoop.fs.s3a.path.style.access", "spark.hadoop.fs.s3a.path.styl.access")
    assert_caught(chart, r, "spark.hadoop.fs.s3a.path.styl.access", "fs.s3a.path.style.access",
                  f"{chart}/charts/spark-connect/templates/configmap.yaml")


# fs.s3a.endpoint.region: read by the S3A connector of both lines, documented in neither line's
# core-default.xml. Written where the charts write S3A keys: the Connect conf (as spark.hadoop.*)
# and the metastore's core-site.xml: (file, text replaced, key prefix there, chart file rendering it).
S3A_ONLY = {"connect": (HELPERS, "spark.hadoop.fs.s3a.path.style.access", "spark.hadoop.",
                        "charts/spark-connect/templates/configmap.yaml"),
            "core-site": (LINE, "fs.s3a.path.style.access</name>", "", "templates/hive-metastore-config.yaml")}


@pytest.mark.parametrize("place", S3A_ONLY)
@pytest.mark.parametrize("chart", ["spark-3.5", "spark-4.1"])
def test_s3a_connector_keys_beyond_core_default(chart, place, tmp_path):
    """A key only the S3A connector defines is known; its misspelling names it as the nearest key."""
    file, old, prefix, rendered_by = S3A_ONLY[place]
    key = "fs.s3a.endpoint.region"
    assert key not in confcheck.load(f"hadoop-{confcheck.SPARK_LINES[chart[-3:]]['hadoop']}")["core"]
    good = planted(tmp_path / "good", chart, file, old, old.replace("fs.s3a.path.style.access", key))
    problems, _, settings = check_render(chart, good)
    assert any(s.key == prefix + key for s in settings), f"{key} did not reach the rendered output"
    assert not [str(p) for p in problems if p.setting.name == key]
    bad = planted(tmp_path / "bad", chart, file, old, old.replace("fs.s3a.path.style.access", "fs.s3a.endpoint.regon"))
    assert_caught(chart, bad, prefix + "fs.s3a.endpoint.regon", key, f"{chart}/{rendered_by}")


def test_s3a_keys_are_folded_from_the_sources():
    """The regenerate script's source path: keys built by concatenation (of literals, constants of
    the same or another class, a lower-cased constant) are folded; runtime values, prefixes,
    format patterns and path capabilities are no keys; a key quoted in a comment is no declaration."""
    src = """
    public final class Constants {
      /** Not a declaration: public static final String X = "fs.s3a.in.a.comment"; */
      public static final String FS_S3A_PREFIX = "fs.s3a.";
      public static final String ENDPOINT = FS_S3A_PREFIX + "endpoint";
      public static final String REGION = Constants.ENDPOINT
          + ".region";
      public static final String STS = "STS";
      public static final String SIGNING = "fs.s3a." + Constants.STS.toLowerCase(Locale.ROOT) + ".signing";
      public static final String RUNTIME = String.format("fs.s3a.%s.x", STS);
      public static final String PATTERN = "fs.s3a.bucket.%s.%s";
      public static final String CAPABILITY = "fs.s3a.capability.magic.committer";
    }"""
    other = "class CommitConstants { static final String MAGIC = Constants.FS_S3A_PREFIX + \"committer.magic\"; }"
    decls = {**gen.java_string_constants("Constants", src), **gen.java_string_constants("CommitConstants", other)}
    assert ("Constants", "X") not in decls
    values = gen.fold_constants(decls)
    assert ("Constants", "RUNTIME") not in values
    assert gen.s3a_keys(values.values()) == ["fs.s3a.committer.magic", "fs.s3a.endpoint", "fs.s3a.endpoint.region",
                                             "fs.s3a.sts.signing"]


def test_s3a_per_bucket_option_is_checked(tmp_path):
    r = planted(tmp_path, "spark-4.1", HELPERS, "spark.hadoop.fs.s3a.path.style.access",
                "spark.hadoop.fs.s3a.bucket.logs.path.styl.access")
    problems, _, _ = check_render("spark-4.1", r)
    assert any("fs.s3a.bucket.logs.path.styl.access" in str(p) and "fs.s3a.path.style.access" in str(p)
               for p in problems), problems


def test_operator_defaults_hold_on_every_line(tmp_path):
    """The operator's spark-defaults.conf goes into every SparkApplication, whatever its line: its
    keys are judged by the Hadoop of each line, and a misspelling is caught once per line."""
    v = confcheck.readers_of("spark-operator", rendered_files("spark-operator", None, None))
    assert [r.hadoop for r in v] == ["3.3.4", "3.4.2"]
    r = planted(tmp_path, "spark-operator", HELPERS, "spark.hadoop.fs.s3a.path.style.access",
                "spark.hadoop.fs.s3a.path.styl.access")
    problems, _, _ = check_render("spark-operator", r)
    caught = [str(p) for p in problems if p.setting.key == "spark.hadoop.fs.s3a.path.styl.access"]
    assert any("Hadoop 3.3.4" in m for m in caught) and any("Hadoop 3.4.2" in m for m in caught), caught
    assert all("spark-operator/templates/controller.yaml" in m for m in caught), caught


def test_unknown_celeborn_version_is_reported(tmp_path):
    values = dict(CELEBORN_ON, celeborn={"enabled": True, "image": {"tag": "0.1.0"}})
    rendered = c.render_raw(c.chart_path("spark-4.1"), c.values_for("spark-4.1", extra=values), "spark-41")
    with pytest.raises(FileNotFoundError, match="celeborn-0.1.0.json"):
        check_render("spark-4.1", rendered)


def test_versions_come_from_what_the_render_deploys():
    """Client and server are judged each by its own release: here a downloaded 0.6.1 client beside
    0.7.0 servers."""
    values = dict(CELEBORN_ON, **{"spark-connect": {"celeborn": {
        "enabled": True, "clientPackage": "org.apache.celeborn:celeborn-client-spark-4-shaded_2.13:0.6.1"}}})
    rendered = c.render_raw(c.chart_path("spark-4.1"), c.values_for("spark-4.1", extra=values), "spark-41")
    v = confcheck.versions_of("spark-4.1", rendered)
    assert (v.line, v.hive, v.celeborn_server, v.celeborn_client, v.hadoop) == ("4.1", "4.0.0", "0.7.0", "0.6.1", "3.4.2")
    assert v.celeborn_client_from == "the downloaded client artifact"
    problems, checker, _ = check_render("spark-4.1", rendered)
    assert not problems, problems


def test_client_in_the_image_is_judged_by_the_server_release():
    """Nothing downloads the client (ADR 0012): its keys are judged by the server's release, and
    every spark.celeborn.* key the render hands the client is actually checked."""
    rendered = c.render_raw(c.chart_path("spark-4.1"), c.values_for("spark-4.1", extra=CELEBORN_ON), "spark-41")
    assert "celeborn-client" not in "\n".join(rendered.values()), "the render names a client artifact"
    v = confcheck.versions_of("spark-4.1", rendered)
    assert (v.celeborn_server, v.celeborn_client) == ("0.7.0", "0.7.0")
    assert v.celeborn_client_from.startswith("the Celeborn server image tag")
    problems, checker, settings = check_render("spark-4.1", rendered)
    assert not problems and "celeborn-client" not in checker.skipped, (problems, checker.skipped)
    client = {s.key for s in settings if s.software == "celeborn-client"}
    assert {"spark.celeborn.master.endpoints", "spark.celeborn.client.push.replicate.enabled"} <= client, client


def test_client_without_a_version_is_reported_not_skipped():
    """A 3.5 line pointed at an external Celeborn deploys no server and downloads no client: no
    version to judge by, so every client key is a problem rather than silently passed."""
    values = {"spark-connect": {"celeborn": {"enabled": True, "masterEndpoints": "celeborn-master.shuffle.svc:9097"}}}
    rendered = c.render_raw(c.chart_path("spark-3.5"), c.values_for("spark-3.5", extra=values), "spark-35")
    problems, _, settings = check_render("spark-3.5", rendered)
    client = [s for s in settings if s.software == "celeborn-client"]
    assert client, "the render hands the Celeborn client no key"
    flagged = {p.setting.key for p in problems if "cannot be checked" in p.message}
    assert flagged == {s.key for s in client}, [str(p) for p in problems]
