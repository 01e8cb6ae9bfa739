"""The two lines side by side on one machine, as real processes: a 4.1.0 Spark Connect server
(the spark-4.1 chart's properties, localized) serving a 4.1.0 client while a 3.5.7 job runs, and
one History Server per line, each on its own port and event-log folder. Checked: nothing is
shared (ports, folders), each History Server lists only its own line, the Connect run used
executors and is listed by the 4.1 History Server once it ends. The same server proves the
operations options of the 4.1 line: every log line is a JSON event (structured logging) and the
Prometheus endpoints (driver PrometheusServlet, executor metrics) serve parseable text.

scripts/test-coexistence.sh and scripts/test-spark-4.1-smoke.sh run this module locally."""
from __future__ import annotations

import shlex
import threading
import time
from pathlib import Path

import pytest
import yaml

import charts
import connect_conf as cc
import eventlog
import observe
import sparkenv as se

# The spark-4.1 chart's operations options, all on: the Connect server and the History Server run
# with exactly what the chart renders for them (the chart tests check where it goes).
OPTIONS_41 = {"global": {"logging": {"format": "json"}, "metrics": {"enabled": True},
                         "serviceMesh": {"enabled": True}}}
OPERATIONS_KEYS = ("spark.log.structuredLogging.enabled", "spark.ui.prometheus.enabled",
                   "spark.metrics.conf.*.sink.prometheusServlet.class", "spark.metrics.namespace",
                   "spark.blockManager.port")


def connect_props(w: Path, events: Path) -> tuple[dict[str, str], str]:
    props, src = charts.component_props("4.1", "spark-connect", values=OPTIONS_41)
    missing = [k for k in OPERATIONS_KEYS if k not in props]
    assert not missing, f"{src}: the operations options do not render {missing}"
    local, _, _ = cc.localize(props, w)
    local.update({"spark.eventLog.enabled": "true", "spark.eventLog.dir": events.as_uri(),
                  "spark.sql.warehouse.dir": (w / "warehouse").as_uri()})
    return local, src


def chart_deployment(suffix: str) -> dict:
    """The spark-4.1 chart's Deployment whose name ends with suffix, rendered with OPTIONS_41."""
    for path, text in charts.render(charts.chart_dir("4.1"), OPTIONS_41).items():
        if path.endswith(".yaml"):
            for doc in yaml.safe_load_all(text):
                if isinstance(doc, dict) and doc.get("kind") == "Deployment" and doc["metadata"]["name"].endswith(suffix):
                    return doc
    raise AssertionError(f"spark-4.1 renders no Deployment named *{suffix}")


def chart_history_props() -> dict[str, str]:
    """The -D properties of SPARK_HISTORY_OPTS the chart gives the 4.1 History Server."""
    ctr = chart_deployment("-history")["spec"]["template"]["spec"]["containers"][0]
    env = {e["name"]: e.get("value", "") for e in ctr.get("env", [])}
    return dict(a[2:].split("=", 1) for a in shlex.split(env.get("SPARK_HISTORY_OPTS", "")) if a.startswith("-D"))


def chart_connect_liveness_path() -> str:
    return chart_deployment("-connect")["spec"]["template"]["spec"]["containers"][0]["livenessProbe"]["httpGet"]["path"]


def wait_listed(url: str, app_id: str, timeout: float = 60) -> list[dict]:
    end = time.monotonic() + timeout
    apps: list[dict] = []
    while time.monotonic() < end:
        apps = se.http_json(f"{url}/api/v1/applications")
        if any(a["id"] == app_id and a["attempts"][-1].get("completed") for a in apps):
            return apps
        time.sleep(1)
    raise AssertionError(f"{url} did not list {app_id} as completed within {timeout}s: {[a['id'] for a in apps]}")


@pytest.fixture(scope="module")
def side_by_side(spark_lines, work, results):
    w = work / "side-by-side"
    ev = {v: w / f"events-{v}" for v in se.VERSIONS}
    for d in ev.values():
        d.mkdir(parents=True)
    props, src = connect_props(w / "connect", ev["4.1.0"])
    out: dict = {"chart_source": src, "events": ev}
    services: list[se.Service] = []
    try:
        connect = se.start_connect_server(spark_lines["4.1.0"], props, w / "connect")
        services.append(connect)
        # JSON logs on both History Servers: 4.1 through structured logging, 3.5 through
        # log4j's JsonLayout in its conf folder (what 3.5 can do instead)
        (w / "history-3.5.7" / "conf").mkdir(parents=True)
        (w / "history-3.5.7" / "conf" / "log4j2.properties").write_text(observe.LOG4J2_JSON_35)
        hs_props = chart_history_props()
        assert hs_props.get("spark.log.structuredLogging.enabled") == "true", hs_props
        hs = {v: se.start_history_server(spark_lines[v], ev[v], w / f"history-{v}",
                                         hs_props if v == "4.1.0" else None) for v in se.VERSIONS}
        services += hs.values()
        ui = f"http://127.0.0.1:{props['spark.ui.port']}"
        job: dict = {}

        def run_35():  # the 3.5.7 job runs while the 4.1 client works against the Connect server
            try:
                job["out"] = se.run_py(spark_lines["3.5.7"], se.JOBS / "compat_job.py",
                                       ["--name", "side-by-side-3.5.7", "--event-dir", str(ev["3.5.7"])],
                                       w / "job-3.5.7")[0]
            except Exception as e:  # reported by the test that needs it
                job["error"] = str(e)

        th = threading.Thread(target=run_35)
        th.start()
        client, _, _ = se.run_py(spark_lines["4.1.0"], se.JOBS / "connect_client.py",
                                 [f"sc://127.0.0.1:{connect.port}", str(w / "scratch")], w / "client-4.1.0")
        th.join(600)
        app = se.http_json(f"{ui}/api/v1/applications")[0]
        out.update(client=client, job=job, app_id=app["id"], hs=hs, ports={
            "connect grpc": connect.port, "connect ui": int(props["spark.ui.port"]),
            "history 4.1.0": hs["4.1.0"].port, "history 3.5.7": hs["3.5.7"].port},
            executors=se.http_json(f"{ui}/api/v1/applications/{app['id']}/allexecutors"),
            prometheus={p: se.http_text(ui + p) for p in ("/metrics/prometheus", "/metrics/executors/prometheus")},
            metrics_namespace=props["spark.metrics.namespace"],
            liveness=se.http_status(ui + chart_connect_liveness_path()))
        connect.stop()
        out["connect_log"] = connect.log.read_text(errors="replace")
        out["listed"] = {"4.1.0": wait_listed(f"http://127.0.0.1:{hs['4.1.0'].port}", app["id"])}
        if "out" in job:
            out["listed"]["3.5.7"] = wait_listed(f"http://127.0.0.1:{hs['3.5.7'].port}", job["out"]["app_id"])
        out["versions"] = {v: se.http_json(f"http://127.0.0.1:{s.port}/api/v1/version")["spark"]
                           for v, s in hs.items()}
        out["hs_logs"] = {v: s.log.read_text(errors="replace") for v, s in hs.items()}
        results["side_by_side"] = {"chart_source": src, "ports": out["ports"], "app_41": app["id"],
                                   "app_35": job.get("out", {}).get("app_id")}
        yield out
    finally:
        for s in services:
            s.stop()


def test_each_process_has_its_own_port(side_by_side):
    ports = side_by_side["ports"]
    assert len(set(ports.values())) == len(ports), ports
    assert side_by_side["versions"] == {"4.1.0": "4.1.0", "3.5.7": "3.5.7"}, side_by_side["versions"]


def test_both_lines_ran_at_once(side_by_side):
    assert "error" not in side_by_side["job"], side_by_side["job"].get("error")
    client = side_by_side["client"]
    bad = {o["op"]: o["error"] for o in client["ops"] if not o["ok"]}
    assert client.get("connected") and not bad, bad


def test_event_log_folders_hold_only_their_line(side_by_side):
    for v, d in side_by_side["events"].items():
        entries = [p.name.removeprefix("eventlog_v2_").split(".")[0] for p in d.iterdir()
                   if not p.name.startswith(".")]
        assert entries, f"{d} is empty"
        for app_id in entries:
            assert eventlog.expected(d, app_id)["spark_version"] == v, f"{app_id} in {d} is not a {v} log"


def test_each_history_server_lists_only_its_line(side_by_side):
    own = {"4.1.0": side_by_side["app_id"], "3.5.7": side_by_side["job"]["out"]["app_id"]}
    for v, apps in side_by_side["listed"].items():
        assert {a["attempts"][-1].get("appSparkVersion") for a in apps} == {v}, (v, apps)
        assert [a["id"] for a in apps] == [own[v]], (v, [a["id"] for a in apps])


def test_connect_run_used_executors(side_by_side):
    """local[2] has one executor, the driver's; on a cluster (--cluster) executor pods do."""
    execs = side_by_side["executors"]
    assert execs and sum(e["totalTasks"] for e in execs) > 0, execs
    assert all(e["failedTasks"] == 0 for e in execs), execs


def test_structured_logging_every_line_is_json(side_by_side):
    logs = {"connect server": side_by_side["connect_log"], "history server 4.1.0": side_by_side["hs_logs"]["4.1.0"]}
    for name, text in logs.items():
        events, bad = observe.json_log_problems(text)
        assert not bad, f"{name}: " + "\n".join(bad[:10])
        assert events >= 10, f"{name}: only {events} JSON events"
    # structured logging fills the MDC: some events carry Spark's log keys as context
    assert any('"context":{' in ln for ln in side_by_side["connect_log"].splitlines())


def test_35_json_logs_through_log4j_json_layout(side_by_side):
    """3.5 has no structured logging; log4j's JsonLayout still makes every line JSON, with
    log4j's field names and no Spark context (the guide says so)."""
    text = side_by_side["hs_logs"]["3.5.7"]
    events, bad = observe.json_log_problems(text, observe.JSON_FIELDS_35)
    assert not bad, "\n".join(bad[:10])
    assert events >= 10 and '"context"' not in text
    _, bad41 = observe.json_log_problems(text)
    assert bad41, "3.5's JSON must not pass for 4.1's structured layout"


def test_prometheus_endpoints_serve_parseable_metrics(side_by_side):
    prom = side_by_side["prometheus"]
    driver = observe.parse_prometheus(prom["/metrics/prometheus"])
    names = {n for n, _, _ in driver}
    prefix = f"metrics_{side_by_side['metrics_namespace']}_driver_"
    assert names and all(n.startswith(prefix) for n in names), sorted(names)[:20]
    assert any("_appStatus_" in n for n in names), "appStatusSource metrics missing"
    execs = observe.parse_prometheus(prom["/metrics/executors/prometheus"])
    tasks = [v for n, lab, v in execs if n == "spark_info" or n.endswith("_totalTasks_total")]
    assert tasks and max(tasks) > 0, sorted({n for n, _, _ in execs})[:20]
    assert all(lab.get("application_id") == side_by_side["app_id"] for n, lab, _ in execs
               if "application_id" in lab)


def test_connect_liveness_probe_path_answers(side_by_side):
    """The chart's HTTP liveness probe of the Connect server asks a path the real driver serves."""
    assert side_by_side["liveness"] == 200


def test_prometheus_reader_rejects_bad_text():
    with pytest.raises(ValueError, match="line 2"):
        observe.parse_prometheus("# TYPE a gauge\na{x=\"1\" 3\n")
    with pytest.raises(ValueError, match="not a number"):
        observe.parse_prometheus("a 3x\n")
    assert observe.parse_prometheus('a{x="1",y="q\\"z"} 3 17\nb +Inf\n')[0] == ("a", {"x": "1", "y": 'q\\"z'}, 3.0)


def test_json_log_reader_names_the_bad_line():
    _, bad = observe.json_log_problems('{"ts":"2026-01-01T00:00:00.000Z","level":"INFO","msg":"m","logger":"L"}\n26/01/01 INFO x\n')
    assert bad and bad[0].startswith("line 2: not JSON")
