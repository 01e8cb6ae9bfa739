"""The checks of the spark-compat suite, pointed at releases on a real cluster instead of local
processes (used by scripts/*.sh --cluster after a `kubectl port-forward`).

    python cluster_checks.py history-server --url http://127.0.0.1:18080
    python cluster_checks.py history-server --url http://127.0.0.1:18080 --expect-version 4.1
    python cluster_checks.py connect --remote sc://127.0.0.1:15002 --client 4.1.0
    python cluster_checks.py executors --url http://127.0.0.1:4040   # a Connect driver's UI
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import sparkenv as se


def check_history_server(url: str, min_apps: int, version: str | None = None,
                         app_id: str | None = None) -> int:
    """Every completed application is readable; with version, each one was written by that
    Spark line (a History Server lists only its own line); with app_id, that one is listed."""
    base = url.rstrip("/") + "/api/v1/applications"
    apps = se.http_json(base + "?status=completed") + se.http_json(base + "?status=running")
    print(f"{len(apps)} applications listed; versions: "
          + ", ".join(sorted({a['attempts'][-1].get('appSparkVersion', '?') for a in apps})))
    bad = 0
    for a in apps:
        att = a["attempts"][-1]
        if not att.get("completed"):
            continue  # running applications are fine
        aid = a["id"]
        jobs = se.http_json(f"{base}/{aid}/jobs")
        stages = se.http_json(f"{base}/{aid}/stages")
        sql = se.http_json(f"{base}/{aid}/sql?offset=0&length=1000&details=false")
        row = (f"{aid} ({att.get('appSparkVersion')}): {len(jobs)} jobs, {len(stages)} stages, "
               f"{len(sql)} SQL executions")
        unknown = [j["jobId"] for j in jobs if j["status"] not in ("SUCCEEDED", "FAILED")]
        if unknown:
            bad += 1
            row += f"; jobs without a final status: {unknown}"
        print(row)
    foreign = [a["id"] for a in apps if version and not a["attempts"][-1].get("appSparkVersion", "").startswith(version)]
    if foreign:
        print(f"applications of another Spark line than {version}: {foreign}")
        bad += 1
    if app_id and app_id not in {a["id"] for a in apps}:
        print(f"{app_id} is not listed")
        bad += 1
    if len(apps) < min_apps:
        print(f"expected at least {min_apps} applications")
        return 1
    return 1 if bad else 0


def check_connect(remote: str, client: str, scratch: str) -> int:
    line = se.lines()[client]
    work = Path(scratch)
    r, wall, _ = se.run_py(line, se.JOBS / "connect_client.py", [remote, scratch], work, timeout=600)
    if not r.get("connected"):
        print(f"client {client} could not connect: {r.get('error')}")
        return 1
    for o in r["ops"]:
        print(f"{'ok  ' if o['ok'] else 'FAIL'} {o['op']}" + ("" if o["ok"] else f": {o['error']}"))
    core_bad = [o for o in r["ops"] if o["core"] and not o["ok"]]
    print(json.dumps({"client": client, "remote": remote, "wall_s": round(wall, 1),
                      "failed": [o["op"] for o in r["ops"] if not o["ok"]]}))
    return 1 if core_bad else 0


def check_executors(url: str) -> int:
    """The running driver (a Connect server) ran tasks on executors other than itself.
    Prints the application id for the History Server check."""
    app = se.http_json(url.rstrip("/") + "/api/v1/applications")[0]
    execs = se.http_json(f"{url.rstrip('/')}/api/v1/applications/{app['id']}/allexecutors")
    used = {e["id"]: e["totalTasks"] for e in execs if e["id"] != "driver" and e["totalTasks"] > 0}
    print(json.dumps({"app_id": app["id"], "executors": len(execs) - 1, "executors_with_tasks": used}))
    return 0 if used else 1


def main() -> int:
    ap = argparse.ArgumentParser()
    sub = ap.add_subparsers(dest="cmd", required=True)
    h = sub.add_parser("history-server")
    h.add_argument("--url", required=True)
    h.add_argument("--min-apps", type=int, default=1)
    h.add_argument("--expect-version", help="every application was written by this Spark line (4.1, 3.5)")
    h.add_argument("--expect-app", help="this application id is listed")
    e = sub.add_parser("executors")
    e.add_argument("--url", required=True)
    c = sub.add_parser("connect")
    c.add_argument("--remote", required=True)
    c.add_argument("--client", choices=se.VERSIONS, default="4.1.0")
    c.add_argument("--scratch", default=f"/tmp/spark-connect-check-{int(time.time())}")
    a = ap.parse_args()
    if a.cmd == "history-server":
        return check_history_server(a.url, a.min_apps, a.expect_version, a.expect_app)
    if a.cmd == "executors":
        return check_executors(a.url)
    return check_connect(a.remote, a.client, a.scratch)


if __name__ == "__main__":
    sys.exit(main())
