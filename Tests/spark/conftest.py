"""Session fixtures for the spark-compat suite and the results file it leaves behind
(Tests/spark/out/compat.json), which feeds the testing pages."""
from __future__ import annotations

import datetime as dt
import platform
import time
from pathlib import Path

import pytest

import charts
import eventlog
import sparkenv as se
import sparkreg

RESULTS: dict = {"history_server": {}, "connect": {}, "benchmark_smoke": {}, "writers": [],
                 "skipped": {}}
_T0 = time.monotonic()


def record_skip(name: str, reason: str) -> None:
    RESULTS["skipped"][name] = reason


@pytest.fixture(scope="session")
def results() -> dict:
    return RESULTS


@pytest.fixture(scope="session")
def spark_lines() -> dict[str, se.SparkLine]:
    ls = se.lines()
    problems = [f"{v}: {ln.available()}" for v, ln in ls.items() if ln.available()]
    if problems:
        pytest.skip("Spark venvs not ready: " + "; ".join(problems))
    if not se.java_home():
        pytest.skip("no JDK 17 found (set JAVA_HOME or install openjdk-17-jre-headless)")
    return ls


@pytest.fixture(scope="session")
def work(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("spark-compat")


@pytest.fixture(scope="session")
def registry(spark_lines, work):
    """Each line's configuration registry, one JVM per line for the whole session."""
    reg = sparkreg.SparkRegistry(spark_lines, work / "registry")
    yield reg
    reg.close()


def chart_eventlog_conf(short: str) -> tuple[dict[str, str] | None, str]:
    """spark.eventLog.* as the chart's Connect ConfigMap renders them (the dir is replaced
    by a local one by the writer). (None, reason) when the chart does not render yet."""
    try:
        props, path = charts.component_props(short, "spark-connect")
    except charts.ChartUnavailable as e:
        return None, str(e)
    conf = {k: v for k, v in props.items()
            if k.startswith("spark.eventLog.") and k not in ("spark.eventLog.dir", "spark.eventLog.enabled")}
    return conf, path


@pytest.fixture(scope="session")
def event_logs(spark_lines, work) -> dict:
    """Run the compat job on both lines, with each version's defaults and (when the chart
    renders) with the chart's event-log settings, all into one mixed log directory."""
    log_dir = work / "events-mixed"
    log_dir.mkdir()
    apps = []
    variants = []
    for v, line in spark_lines.items():
        variants.append((line, "defaults", {}, None))
        conf, src = chart_eventlog_conf(line.short)
        if conf is None:
            record_skip(f"writer {v} with chart settings", src)
        elif not conf:
            # The chart sets only spark.eventLog.enabled/dir: its logs are the version defaults'
            # logs, so a second run would only repeat the first.
            RESULTS.setdefault("notes", {})[f"writer {v} with chart settings"] = (
                f"{src} sets no event-log format keys (only spark.eventLog.enabled and .dir): "
                f"the chart's logs are the version-default logs")
        else:
            variants.append((line, "chart", conf, src))
    for line, variant, conf, src in variants:
        name = f"compat-{line.version}-{variant}"
        args = ["--name", name, "--event-dir", str(log_dir)]
        for k, val in sorted(conf.items()):
            args += ["--conf", f"{k}={val}"]
        out, wall, peak = se.run_py(line, se.JOBS / "compat_job.py", args, work / "jobs")
        out.update(variant=variant, chart_source=src, wall_s=round(wall, 2),
                   peak_rss_mb=round(peak / 1024), expected=eventlog.expected(log_dir, out["app_id"]))
        exp = out["expected"]
        out["counts"] = {"jobs": len(exp["jobs"]), "stages": len(exp["stages"]),
                         "stages_skipped": sum(1 for s in exp["stages"].values() if s == "SKIPPED"),
                         "sql": len(exp["sql"])}
        apps.append(out)
    RESULTS["writers"] = [{k: v for k, v in a.items() if k != "expected"} for a in apps]
    return {"dir": log_dir, "apps": apps}


def _counts(session) -> dict:
    tr = session.config.pluginmanager.get_plugin("terminalreporter")
    stats = tr.stats if tr else {}
    n = lambda k: len([r for r in stats.get(k, []) if getattr(r, "when", "call") in ("call", "setup")])  # noqa: E731
    return {"passed": n("passed"), "failed": n("failed") + n("error"), "skipped": n("skipped"),
            "keyword": session.config.option.keyword or ""}


def pytest_sessionfinish(session, exitstatus):
    if not (RESULTS["history_server"] or RESULTS["connect"] or RESULTS["writers"]):
        return
    RESULTS["suite"] = {
        "finished": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "wall_s": round(time.monotonic() - _T0, 1),
        "exit_status": int(exitstatus),
        **_counts(session),
        "machine": {"cpus": __import__("os").cpu_count(), "python": platform.python_version(),
                    "java_home": se.java_home()},
        "command": "make test-spark",
    }
    # only a full run feeds the testing pages; a -k subset is kept beside it
    name = "compat-partial.json" if RESULTS["suite"]["keyword"] else "compat.json"
    se.write_json(se.OUT / name, RESULTS)
