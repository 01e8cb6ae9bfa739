"""Every spark.* property a chart renders, in any form (spark-defaults.conf ConfigMaps, the
submit kit, `--conf` arguments, `-Dspark.*` in SPARK_*_OPTS, a SparkApplication's sparkConf),
for the defaults and every example overlay, is a key of the line's real PySpark registry, and
its value passes the entry's own converter. `spark.hadoop.hive.*` is judged by the line's
built-in Hive client, `spark.sql.catalog.*` by the catalog implementation; the Hadoop, Hive
Metastore and Celeborn keys of the same renders are judged again here, as in Tests/charts.

A misspelling planted in a temporary copy of a chart, one test per form, must fail with the
chart file, the key and the nearest known key."""
from __future__ import annotations

import sys
import zipfile

import pytest

import sparkreg  # puts Tests/charts and Tests/charts/tools on sys.path
import chartlib as c  # noqa: E402
import confcheck  # noqa: E402
from plant import assert_caught, check_render, planted, rendered_files  # noqa: E402
from gen_conf_registry import class_string_constants, parse_core_default  # noqa: E402


@pytest.mark.parametrize("case", c.CASES, ids=c.IDS)
def test_rendered_keys_known_to_real_registry(case, registry, results):
    chart = case[0]
    problems, checker, settings = check_render(chart, rendered_files(*case), registry)
    results.setdefault("config_keys", {})[c.IDS[c.CASES.index(case)]] = {
        sw: sum(1 for s in settings if s.software == sw) for sw in sorted({s.software for s in settings})}
    assert not checker.skipped, checker.skipped
    assert not problems, "\n".join(map(str, problems))


def test_registries_answer(registry):
    for v, reg in registry.lines.items():
        assert reg.version == v
        assert len(reg.known) > 1000, f"{v}: only {len(reg.known)} registered keys: config objects failed to load"
        assert "hive.metastore.uris" in reg.hive_keys and "url" in reg.jdbc_options


@pytest.mark.parametrize("version", ["3.5.7", "4.1.0"])
def test_hadoop_key_list_is_the_wheels(version, spark_lines):
    """Tests/charts/registry/hadoop-<v>.json is exactly the core-default.xml of the
    hadoop-client-api jar this line's PySpark ships, and that jar is the Hadoop the line maps to."""
    line = {v["spark"]: v for v in confcheck.SPARK_LINES.values()}[version]
    jars = list((spark_lines[version].spark_home / "jars").glob("hadoop-client-api-*.jar"))
    assert len(jars) == 1, jars
    with zipfile.ZipFile(jars[0]) as z:
        info = z.read("common-version-info.properties").decode()
        core = z.read("core-default.xml").decode()
    assert f"version={line['hadoop']}\n" in info, f"{jars[0].name}: Spark {version} ships another Hadoop"
    data = confcheck.load(f"hadoop-{line['hadoop']}")
    assert data["core"] == parse_core_default(core), "regenerate with Tests/charts/tools/gen_conf_registry.py hadoop"
    assert data["source"]["commit"] in info


def test_class_reader_reads_compiled_key_constants(spark_lines):
    """The regenerate script reads S3A's keys from a released jar's class files (the compiled
    String constants). Checked on the Hadoop classes this line's wheel ships: every class parses,
    and the public configuration-key constants of hadoop-common are the keys core-default.xml names."""
    jar = next((spark_lines["4.1.0"].spark_home / "jars").glob("hadoop-client-api-*.jar"))
    with zipfile.ZipFile(jar) as z:
        every = [class_string_constants(z.read(n)) for n in z.namelist() if n.endswith(".class")]
        public = class_string_constants(z.read("org/apache/hadoop/fs/CommonConfigurationKeysPublic.class"))
        core = set(parse_core_default(z.read("core-default.xml").decode()))
    assert len(every) > 1000 and sum(map(len, every)) > 1000, "class files without String constants"
    assert public["FS_DEFAULT_NAME_KEY"] == "fs.defaultFS" and public["FS_TRASH_INTERVAL_KEY"] == "fs.trash.interval"
    keys = {v for k, v in public.items() if k.endswith("_KEY")}
    assert len(keys & core) > 0.8 * len(keys), sorted(keys - core)


# ---------------------------------------------------------------- planted misspellings, one per form

CONNECT_CONF = "charts/spark-connect/templates/configmap.yaml"
# The templates live in the spark-common library (linked into each chart's charts/); Helm names
# the chart file that includes the named template.
HELPERS = "charts/spark-common/templates/_helpers.tpl"
CONNECT = "charts/spark-common/templates/_connect.tpl"
LINE = "charts/spark-common/templates/_line.tpl"


@pytest.mark.parametrize("chart", ["spark-3.5", "spark-4.1"])
def test_planted_spark_defaults_key(chart, registry, tmp_path):
    r = planted(tmp_path, chart, HELPERS, "spark.dynamicAllocation.executorIdleTimeout",
                "spark.dynamicAllocation.executorIdleTimout")
    assert_caught(chart, r, "spark.dynamicAllocation.executorIdleTimout", "spark.dynamicAllocation.executorIdleTimeout",
                  f"{chart}/{CONNECT_CONF}", registry)


def test_planted_spark_value(registry, tmp_path):
    r = planted(tmp_path, "spark-4.1", HELPERS, "spark.executor.memory {{ $v.executor.memory }}",
                "spark.executor.memory lots")
    problems, _, _ = check_render("spark-4.1", r, registry)
    assert any(p.setting.key == "spark.executor.memory" and "rejected by Spark 4.1.0" in str(p) for p in problems), problems


@pytest.mark.parametrize("chart", ["spark-3.5", "spark-4.1"])
def test_planted_conf_argument(chart, registry, tmp_path):
    file = "charts/spark-connect/templates/deployment.yaml"
    r = planted(tmp_path, chart, CONNECT, "spark.kubernetes.driver.pod.name=", "spark.kubernetes.driver.pod.nam=")
    assert_caught(chart, r, "spark.kubernetes.driver.pod.nam", "spark.kubernetes.driver.pod.name", f"{chart}/{file}", registry)


@pytest.mark.parametrize("chart", ["spark-3.5", "spark-4.1"])
def test_planted_submit_kit_key(chart, registry, tmp_path):
    file = "templates/kubernetes-native.yaml"
    r = planted(tmp_path, chart, LINE, "spark.kubernetes.driver.podTemplateContainerName",
                "spark.kubernetes.driver.podTemplateContainerNam", {"kubernetesNative": {"enabled": True}})
    assert_caught(chart, r, "spark.kubernetes.driver.podTemplateContainerNam",
                  "spark.kubernetes.driver.podTemplateContainerName", f"{chart}/{file}", registry)


@pytest.mark.parametrize("chart", ["spark-3.5", "spark-4.1"])
def test_planted_history_server_key(chart, registry, tmp_path):
    file = "templates/history-server-config.yaml"
    r = planted(tmp_path, chart, LINE, "spark.history.fs.update.interval", "spark.history.fs.update.intervl")
    assert_caught(chart, r, "spark.history.fs.update.intervl", "spark.history.fs.update.interval", f"{chart}/{file}", registry)


def test_planted_standalone_key(registry, tmp_path):
    file = "charts/spark-standalone/templates/standalone.yaml"
    r = planted(tmp_path, "spark-3.5", file, "spark.worker.cleanup.appDataTtl", "spark.worker.cleanup.appDataTl")
    assert_caught("spark-3.5", r, "spark.worker.cleanup.appDataTl", "spark.worker.cleanup.appDataTtl",
                  f"spark-3.5/{file}", registry)


def test_planted_spark_application_conf(registry, tmp_path):
    file = "templates/example-spark-pi.yaml"
    r = planted(tmp_path, "spark-operator", file, "spark.kubernetes.local.dirs.tmpfs", "spark.kubernetes.local.dir.tmpfs",
                {"examples": {"sparkPi": {"enabled": True}}})
    assert_caught("spark-operator", r, "spark.kubernetes.local.dir.tmpfs", "spark.kubernetes.local.dirs.tmpfs",
                  f"spark-operator/{file}", registry)


@pytest.mark.parametrize("chart", ["spark-3.5", "spark-4.1"])
def test_planted_daemon_opts_property(chart, registry, tmp_path):
    """No chart sets SPARK_*_OPTS today; one planted in the History Server is still read and judged."""
    file = "templates/history-server.yaml"
    opts = ("            - name: SPARK_HISTORY_OPTS\n"
            "              value: \"-Xss4m -Dspark.history.retainedAplications=50\"\n"
            "            - name: SPARK_CONF_DIR\n")
    r = planted(tmp_path, chart, LINE, "            - name: SPARK_CONF_DIR\n", opts)
    assert_caught(chart, r, "spark.history.retainedAplications", "spark.history.retainedApplications",
                  f"{chart}/{file}", registry)


# spark.metrics.conf.* is free-form to Spark's conf but not to its metrics system: a misspelt
# instance, sink option or sink class is dropped unread. (old, new, key reported, nearest or message)
METRICS_PLANTS = {
    "sink-option": (".prometheusServlet.path ", ".prometheusServlet.pth ",
                    "spark.metrics.conf.*.sink.prometheusServlet.pth", "spark.metrics.conf.*.sink.prometheusServlet.path"),
    "kind": ("spark.metrics.conf.*.sink.prometheusServlet.path", "spark.metrics.conf.*.snk.prometheusServlet.path",
             "spark.metrics.conf.*.snk.prometheusServlet.path", "spark.metrics.conf.*.sink.prometheusServlet.path"),
    "instance": ("spark.metrics.conf.*.sink.prometheusServlet.path", "spark.metrics.conf.drivr.sink.prometheusServlet.path",
                 "spark.metrics.conf.drivr.sink.prometheusServlet.path", "spark.metrics.conf.driver.sink.prometheusServlet.path"),
    "class": ("sink.PrometheusServlet", "sink.PrometheusServet", "spark.metrics.conf.*.sink.prometheusServlet.class",
              "is not on Spark 4.1.0's class path"),
}


@pytest.mark.parametrize("place", METRICS_PLANTS)
def test_planted_metrics_property(place, registry, tmp_path):
    old, new, key, expect = METRICS_PLANTS[place]
    r = planted(tmp_path, "spark-4.1", HELPERS, old, new, {"global": {"metrics": {"enabled": True}}})
    if place == "class":
        problems, _, _ = check_render("spark-4.1", r, registry)
        assert any(p.setting.key == key and expect in str(p) for p in problems), [str(p) for p in problems]
    else:
        assert_caught("spark-4.1", r, key, expect, f"spark-4.1/{CONNECT_CONF}", registry)


@pytest.mark.parametrize("chart", ["spark-3.5", "spark-4.1"])
def test_planted_hive_client_key(chart, registry, tmp_path):
    r = planted(tmp_path, chart, HELPERS, "spark.hadoop.hive.metastore.uris", "spark.hadoop.hive.metastore.uri")
    assert_caught(chart, r, "spark.hadoop.hive.metastore.uri", "hive.metastore.uris", f"{chart}/{CONNECT_CONF}", registry)


@pytest.mark.parametrize("chart", ["spark-3.5", "spark-4.1"])
def test_planted_catalog_option(chart, registry, tmp_path):
    """No chart configures a catalog plugin today; a JDBC catalog planted in the Connect values is
    judged by Spark's JDBC options (any other option goes to the driver, so only a near miss fails)."""
    file = "charts/spark-connect/values.yaml"
    conf = ("sparkConf:\n"
            "  spark.sql.catalog.pg: org.apache.spark.sql.execution.datasources.v2.jdbc.JDBCTableCatalog\n"
            "  spark.sql.catalog.pg.url: jdbc:postgresql://db:5432/app\n"
            "  spark.sql.catalog.pg.ssl: \"true\"\n"
            "  spark.sql.catalog.pg.fetchsze: \"1000\"\n")
    r = planted(tmp_path, chart, file, "sparkConf: {}\n", conf)
    assert_caught(chart, r, "spark.sql.catalog.pg.fetchsze", "fetchsize", f"{chart}/{CONNECT_CONF}", registry)
    problems, _, _ = check_render(chart, r, registry)
    assert [p.setting.key for p in problems] == ["spark.sql.catalog.pg.fetchsze"], [str(p) for p in problems]


def test_structured_open_prefix_is_not_passed_unread(registry, tmp_path):
    """Under spark.executor.resource.* Spark reads only amount, discoveryScript and vendor: a key
    there is reported (no chart renders one; the suffixes are not listed yet), never taken whole."""
    conf = "sparkConf:\n  spark.executor.resource.gpu.amout: \"1\"\n"
    r = planted(tmp_path, "spark-4.1", "charts/spark-connect/values.yaml", "sparkConf: {}\n", conf)
    problems, _, _ = check_render("spark-4.1", r, registry)
    assert any(p.setting.key == "spark.executor.resource.gpu.amout" and "fixed names" in str(p) for p in problems), \
        [str(p) for p in problems]


def test_unlisted_catalog_plugin_is_refused(registry, tmp_path):
    conf = "sparkConf:\n  spark.sql.catalog.lake: org.apache.spark.sql.connector.catalog.InMemoryCatalogNope\n"
    r = planted(tmp_path, "spark-4.1", "charts/spark-connect/values.yaml", "sparkConf: {}\n", conf)
    problems, _, _ = check_render("spark-4.1", r, registry)
    assert any("not on Spark 4.1.0's class path" in str(p) for p in problems), [str(p) for p in problems]


def test_open_spark_namespaces_are_named(registry):
    """The spark.* prefixes taken without a registered key, each with why Spark takes any key there;
    spark.hadoop.* and spark.sql.catalog.* are listed but routed to Hadoop/Hive and the catalog's keys."""
    prefixes = registry.lines["4.1.0"].info["open_prefixes"]
    for prefix, why in sorted(prefixes.items()):
        assert why.strip(), prefix
        unchecked = sparkreg.UNCHECKED_SUFFIXES.get(prefix)
        print(f"open namespace [spark] {prefix}: {why}" + (f"; reported if rendered (fixed names: {unchecked})"
                                                           if unchecked else ""))
    assert set(sparkreg.UNCHECKED_SUFFIXES) <= set(prefixes)
    from confsites import spark_setting
    assert spark_setting("f", "w", "spark.hadoop.fs.s3a.endpoint", "x").software == "hadoop"
    assert spark_setting("f", "w", "spark.sql.catalog.pg.url", "x").software == "catalog"
    assert spark_setting("f", "w", "spark.celeborn.master.endpoints", "x").software == "celeborn-client"
