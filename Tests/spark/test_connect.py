"""Spark Connect: a local 4.1.0 Connect server, first with plain local settings (the client
matrix: 4.1.0 and 3.5.7 clients), then with the Spark properties the charts render. An unknown
`spark.*` key or a value the version rejects fails the chart test; a test proves it on a
temporary copy of the chart."""
from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

import charts
import connect_conf as cc
import sparkenv as se
from conftest import record_skip

SERVER = "4.1.0"


def run_clients(spark_lines, svc: se.Service, work: Path, clients=("4.1.0", "3.5.7"),
                expect_conf: dict | None = None) -> dict:
    out = {}
    scratch = work / "scratch"
    scratch.mkdir(parents=True, exist_ok=True)
    for v in clients:
        env = {"COMPAT_EXPECT_CONF": json.dumps(expect_conf or {})}
        r, wall, peak = se.run_py(spark_lines[v], se.JOBS / "connect_client.py",
                                  [f"sc://127.0.0.1:{svc.port}", str(scratch)], work / f"client-{v}",
                                  timeout=300, extra_env=env)
        r["wall_s"] = round(wall, 2)
        r["client_peak_rss_mb"] = round(peak / 1024)
        out[v] = r
        svc.sample_rss()
    return out


def summarize(clients: dict) -> dict:
    s = {}
    for v, r in clients.items():
        ops = r.get("ops", [])
        s[v] = {"connected": r.get("connected", False),
                "ok": [o["op"] for o in ops if o["ok"]],
                "failed": {o["op"]: o["error"] for o in ops if not o["ok"]}}
    return s


def test_connect_server_local_client_matrix(spark_lines, work, results):
    """4.1.0 server, local settings: which operations each client version can run. When the
    chart renders, the chart-settings test below runs the same matrix, so this one steps aside."""
    try:
        charts.component_props("4.1", "spark-connect")
        pytest.skip("the client matrix runs against the server with the spark-4.1 chart settings")
    except charts.ChartUnavailable:
        pass
    w = work / "connect-baseline"
    props = {"spark.ui.enabled": "false", "spark.eventLog.enabled": "true",
             "spark.eventLog.dir": (w / "events").as_uri(),
             "spark.sql.warehouse.dir": (w / "warehouse").as_uri()}
    (w / "events").mkdir(parents=True)
    svc = se.start_connect_server(spark_lines[SERVER], props, w)
    try:
        clients = run_clients(spark_lines, svc, w)
    finally:
        svc.stop()
    results["connect"]["baseline"] = {
        "server": SERVER, "settings": "local defaults", "server_ready_s": round(svc.ready_s, 2),
        "server_peak_rss_mb": round(svc.peak_rss_kb / 1024), "clients": clients,
        "summary": summarize(clients)}
    for v, r in clients.items():
        assert r.get("connected"), f"client {v} could not connect: {r.get('error')}"
        core_bad = {o["op"]: o["error"] for o in r["ops"] if o["core"] and not o["ok"]}
        assert not core_bad, f"client {v}: core operations failed: {core_bad}"
    bad41 = {o["op"]: o["error"] for o in clients[SERVER]["ops"] if not o["ok"]}
    assert not bad41, f"4.1.0 client against its own server: {bad41}"


# ---------------------------------------------------------------- chart settings

def chart_props_or_skip(short: str, chart: Path | None = None) -> tuple[dict, str]:
    try:
        return charts.component_props(short, "spark-connect", chart=chart)
    except charts.ChartUnavailable as e:
        record_skip(f"Spark Connect with spark-{short} chart settings", str(e))
        pytest.skip(f"Spark Connect chart test needs charts/spark-{short} rendering a ConfigMap "
                    f"with data key spark-defaults.conf in its spark-connect subchart: {e}")


@pytest.mark.parametrize("component", ["spark-connect", "history-server"])
@pytest.mark.parametrize("short", ["4.1", "3.5"])
def test_chart_spark_properties_are_known_and_valid(short, component, registry, results):
    if component == "spark-connect":
        props, src = chart_props_or_skip(short)
    else:
        try:
            props, src = charts.component_props(short, component)
        except charts.ChartUnavailable as e:
            record_skip(f"registry check of spark-{short} {component}", str(e))
            pytest.skip(str(e))
    version = "4.1.0" if short == "4.1" else "3.5.7"
    check = cc.check_chart_props(registry, version, props)
    key = f"chart-{short}" if component == "spark-connect" else f"chart-{short}-{component}"
    results["connect"].setdefault(key, {}).update(
        chart=f"spark-{short}", component=component, template=src, properties=props, registry=check)
    assert props, f"{src}: spark-defaults.conf is empty"
    assert not check["problems"], "\n".join(check["problems"])


def test_connect_server_runs_with_spark41_chart_settings(spark_lines, work, results):
    props, src = chart_props_or_skip("4.1")
    w = work / "connect-chart-4.1"
    local, dropped, replaced = cc.localize(props, w)
    svc = se.start_connect_server(spark_lines[SERVER], local, w)
    try:
        sql_conf = {k: v for k, v in local.items() if k.startswith("spark.sql.") and k != "spark.sql.warehouse.dir"}
        clients = run_clients(spark_lines, svc, w, expect_conf=sql_conf)
        svc.sample_rss()
        rejected = [ln for ln in svc.log_lines("ERROR") if "SESSION_CLOSED" not in ln]
    finally:
        svc.stop()
    results["connect"].setdefault("chart-4.1", {}).update(
        chart="spark-4.1", template=src, local_properties=local, dropped=dropped, replaced=replaced,
        server=SERVER, server_ready_s=round(svc.ready_s, 2),
        server_peak_rss_mb=round(svc.peak_rss_kb / 1024), clients=clients,
        summary=summarize(clients), server_errors=rejected[:20])
    r = clients[SERVER]
    assert r.get("connected"), r
    bad = {o["op"]: o["error"] for o in r["ops"] if not o["ok"]}
    assert not bad, f"4.1.0 client on a server with the chart's settings: {bad}"
    old = clients["3.5.7"]
    assert old.get("connected") and all(o["ok"] for o in old["ops"] if o["core"]), summarize(clients)


def test_spark35_connect_server_not_runnable_here(spark_lines, results):
    """Recorded, not hidden: pip's pyspark 3.5.7 has no Connect server jar, so the 3.5 chart's
    Connect settings get the registry check only."""
    jars = list((spark_lines["3.5.7"].spark_home / "jars").glob("spark-connect_*.jar"))
    results["connect"].setdefault("chart-3.5", {})["server_run"] = (
        "not run: the PyPI pyspark 3.5.7 package has no spark-connect_2.12 jar (Spark 3.5 ships it "
        "separately through Maven), so only the registry check applies" if not jars else "jar present")
    assert not jars or jars  # informational


# ---------------------------------------------------------------- the check bites

def _chart_files(chart_copy: Path) -> list[Path]:
    """The chart's own files and those of the library charts it links into charts/ (spark-common),
    which rglob does not enter."""
    roots = [chart_copy] + [link.resolve() for link in chart_copy.glob("charts/*") if link.is_symlink()]
    return [f for root in roots for f in root.rglob("*")]


def _mutate(chart_copy: Path, key: str, new_line: str) -> Path:
    """Replace the first literal occurrence of `key` (a line of the ConfigMap template or a
    values entry) in the chart copy. Returns the file changed."""
    pat = re.compile(r"(?m)^(?P<indent>[ \t-]*)" + re.escape(key) + r"(?P<sep>[ \t]*[=: \t])(?P<rest>.*)$")
    files = sorted(_chart_files(chart_copy), key=lambda p: (p.name != "values.yaml", str(p)))
    for f in files:
        if not f.is_file() or f.suffix not in (".yaml", ".yml", ".tpl", ".conf", ".txt"):
            continue
        text = f.read_text()
        m = pat.search(text)
        if m:
            f.write_text(text[:m.start()] + m.group("indent") + new_line(m) + text[m.end():])
            return f
    raise LookupError(f"{key} does not appear literally in {chart_copy}")


def _pick_key(props: dict[str, str], chart: Path, want_bool: bool) -> str:
    keys = [k for k, v in props.items() if k.startswith("spark.") and not k.startswith("spark.kubernetes.")
            and (v.lower() in ("true", "false") if want_bool else True)]
    for k in sorted(keys):
        for f in _chart_files(chart):
            if f.is_file() and f.suffix in (".yaml", ".yml", ".tpl") and re.search(
                    r"(?m)^[ \t-]*" + re.escape(k) + r"[ \t]*[=: \t]", f.read_text()):
                return k
    pytest.skip(f"no literal spark.* key found in {chart} to mutate")


@pytest.mark.parametrize("mutation", ["misspelled key", "invalid value"])
def test_registry_check_catches_chart_typos(mutation, registry, tmp_path):
    props, _ = chart_props_or_skip("4.1")
    # copy every chart, so that the relative link to the spark-common library resolves in the copy
    shutil.copytree(charts.CHARTS, tmp_path / "charts", symlinks=True)
    copy = tmp_path / "charts" / "spark-4.1"
    if mutation == "misspelled key":
        key = _pick_key(props, copy, want_bool=False)
        bad_key = key[:-2] + key[-1] + key[-2]  # swap the last two letters
        _mutate(copy, key, lambda m: bad_key + m.group("sep") + m.group("rest"))
    else:
        key = _pick_key(props, copy, want_bool=True)
        _mutate(copy, key, lambda m: key + m.group("sep") + ('"maybe"' if m.group("rest").strip().startswith('"') else "maybe"))
    mutated, _ = charts.component_props("4.1", "spark-connect", chart=copy)
    assert mutated != props, "mutation did not reach the rendered ConfigMap"
    check = cc.check_chart_props(registry, "4.1.0", mutated)
    assert check["problems"], f"{mutation} in {key} was not caught"
    if mutation == "misspelled key":
        assert any(bad_key in p and "not a Spark" in p for p in check["problems"]), check["problems"]
    else:
        assert any(p.startswith(key + "=") and "rejected" in p for p in check["problems"]), check["problems"]
