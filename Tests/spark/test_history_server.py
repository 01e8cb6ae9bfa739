"""History Server compatibility, both directions: the 3.5.7 and 4.1.0 History Servers each read
one log directory holding event logs written by 3.5.7 and 4.1.0 (with each version's defaults
and, once the charts render, with the charts' event-log settings). Checked through the REST API
against what the event logs themselves say happened."""
from __future__ import annotations

import time

import pytest

import charts
import sparkenv as se
from conftest import record_skip

API = "/api/v1/applications"


def test_both_versions_compute_the_same_answers(event_logs):
    by_variant: dict[str, dict[str, dict]] = {}
    for a in event_logs["apps"]:
        by_variant.setdefault(a["variant"], {})[a["spark_version"]] = a["digest"]
    for variant, d in by_variant.items():
        if len(d) == 2:
            assert d["3.5.7"] == d["4.1.0"], f"{variant}: results differ between versions: {d}"


def test_event_log_formats(event_logs):
    """Spark 4 writes compressed, rolling logs by default; 3.5 one plain file."""
    for a in event_logs["apps"]:
        assert a["expected"]["completed"], f"{a['name']}: no SparkListenerApplicationEnd"
        assert a["expected"]["spark_version"] == a["spark_version"]
        assert a["counts"]["jobs"] >= 3 and a["counts"]["sql"] >= 3, a["counts"]
        if a["variant"] == "defaults":
            names = [f["path"] for f in a["files"]]
            if a["spark_version"].startswith("4."):
                assert any(n.startswith("eventlog_v2_") and n.endswith(".zstd") for n in names), names
            else:
                assert names == [a["app_id"]], names


def _check_app(base: str, app: dict, listed: dict) -> dict:
    """Compare one application's REST view with the event log. Returns a row for the matrix."""
    exp = app["expected"]
    row = {"app": app["name"], "app_id": app["app_id"], "written_by": app["spark_version"],
           "variant": app["variant"], "problems": []}
    p = row["problems"]
    info = listed.get(app["app_id"])
    if info is None:
        p.append("application not listed")
        return row
    att = info["attempts"][-1]
    row["listed_version"] = att.get("appSparkVersion")
    row["completed"] = att.get("completed")
    if att.get("appSparkVersion") != app["spark_version"]:
        p.append(f"appSparkVersion {att.get('appSparkVersion')}")
    if att.get("completed") is not True:
        p.append("not completed")
    t = time.monotonic()
    jobs = se.http_json(f"{base}/{app['app_id']}/jobs")
    row["first_jobs_call_s"] = round(time.monotonic() - t, 2)
    got_jobs = {j["jobId"]: j["status"] for j in jobs}
    row["jobs"] = {"expected": len(exp["jobs"]), "listed": len(got_jobs),
                   "succeeded": sum(1 for s in got_jobs.values() if s == "SUCCEEDED")}
    if got_jobs != exp["jobs"]:
        p.append(f"jobs differ: rest={got_jobs} log={exp['jobs']}")
    stages = se.http_json(f"{base}/{app['app_id']}/stages")
    got_stages = {s["stageId"]: s["status"] for s in stages}
    row["stages"] = {"expected": len(exp["stages"]), "listed": len(got_stages),
                     "complete": sum(1 for s in got_stages.values() if s == "COMPLETE"),
                     "skipped": sum(1 for s in got_stages.values() if s == "SKIPPED")}
    if got_stages != exp["stages"]:
        p.append(f"stages differ: rest={got_stages} log={exp['stages']}")
    sql = se.http_json(f"{base}/{app['app_id']}/sql?offset=0&length=1000&details=false")
    got_sql = {s["id"]: s["status"] for s in sql}
    row["sql"] = {"expected": len(exp["sql"]), "listed": len(got_sql),
                  "completed": sum(1 for s in got_sql.values() if s == "COMPLETED")}
    if got_sql != exp["sql"]:
        p.append(f"sql differs: rest={got_sql} log={exp['sql']}")
    env = se.http_json(f"{base}/{app['app_id']}/environment")
    props = dict(env.get("sparkProperties", []))
    if props.get("spark.app.name") != app["name"]:
        p.append(f"environment: spark.app.name={props.get('spark.app.name')}")
    ui_base = base.split("/api/")[0]
    code = se.http_status(f"{ui_base}/history/{app['app_id']}/jobs/")
    row["ui_page_status"] = code
    if code != 200:
        p.append(f"UI page HTTP {code}")
    return row


def _hs_props(line: se.SparkLine, variant: str) -> tuple[dict[str, str], str | None]:
    if variant == "defaults":
        return {}, None
    try:
        props, path = charts.component_props(line.short, "history-server")
    except charts.ChartUnavailable as e:
        record_skip(f"History Server {line.version} with chart settings", str(e))
        pytest.skip(f"chart settings unavailable: {e}")
    keep = {}
    for k, v in props.items():
        if k.startswith("spark.kubernetes.") or k in ("spark.history.fs.logDirectory", "spark.history.ui.port"):
            continue  # cluster-only / replaced by the local mixed directory and a free port
        keep[k] = v
    return keep, path


@pytest.mark.parametrize("variant", ["defaults", "chart"])
@pytest.mark.parametrize("hs_version", se.VERSIONS)
def test_history_server_reads_every_log(hs_version, variant, spark_lines, event_logs, work, results):
    line = spark_lines[hs_version]
    props, src = _hs_props(line, variant)
    if "spark.history.store.path" in props:  # a pod path: use a local folder, keep the disk store
        props["spark.history.store.path"] = str(work / f"hs-store-{hs_version}")
    hs = se.start_history_server(line, event_logs["dir"], work / f"hs-{hs_version}-{variant}", props)
    try:
        base = f"http://127.0.0.1:{hs.port}{API}"
        want = {a["app_id"] for a in event_logs["apps"]}
        t = time.monotonic()
        listed: dict = {}
        while time.monotonic() - t < 60:
            listed = {a["id"]: a for a in se.http_json(base)}
            if want <= listed.keys():
                break
            time.sleep(0.5)
        list_s = time.monotonic() - t
        rows = [_check_app(base, a, listed) for a in event_logs["apps"]]
        hs.sample_rss()
        noisy = [ln for ln in hs.log_lines("WARN", "ERROR")
                 if "NativeCodeLoader" not in ln and "RECEIVED SIGNAL" not in ln]
    finally:
        hs.stop()
    results["history_server"][f"{hs_version}/{variant}"] = {
        "history_server": hs_version, "settings": variant, "chart_source": src,
        "settings_used": props, "ready_s": round(hs.ready_s or 0, 2), "all_listed_s": round(list_s, 2),
        "peak_rss_mb": round(hs.peak_rss_kb / 1024), "apps": rows,
        "log_warnings": noisy[:20], "verdict": "reads all" if not any(r["problems"] for r in rows) else "problems"}
    bad = {r["app"]: r["problems"] for r in rows if r["problems"]}
    assert not bad, f"History Server {hs_version} ({variant}) misreads: {bad}\nHS log:\n{hs.log_tail()}"
    assert not [ln for ln in noisy if " ERROR " in ln], noisy
