"""Spark 3.5.7 vs 4.1.0 benchmark, local[2]: TPC-H-like queries over deterministic data.

    python Tests/spark/bench.py [--scale 3] [--reps 3] [--warmup 1] [--out FILE]

Data is generated once (by 3.5.7) as Parquet and read by both versions. Each version runs in its
own warm process, and runs alternate between versions (A B B A …); each keeps its own defaults (AQE on in both; ANSI mode on by default only in 4.x); only
local[2] and a 1 GiB driver are set. Prints the table and writes the figures as JSON.
"""
from __future__ import annotations

import argparse
import datetime as dt
import math
import os
import json
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import sparkenv as se  # noqa: E402

sys.path.insert(0, str(se.JOBS))
from bench_worker import QUERIES  # noqa: E402  (query names; runs in the 4.1 venv)


def human_bytes(n: float) -> str:
    for unit in ("B", "KiB", "MiB", "GiB"):
        if abs(n) < 1024 or unit == "GiB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1024
    return str(n)


class Worker:
    """A bench_worker.py `serve` process of one Spark line, kept warm between requests."""

    def __init__(self, line: se.SparkLine, data: Path, work: Path):
        work.mkdir(parents=True, exist_ok=True)
        (work / "conf").mkdir(exist_ok=True)
        env = se.spark_env(line, work / "conf")
        self.line = line
        self.log = work / f"worker-{line.version}.log"
        self.proc = subprocess.Popen(
            [str(line.python), str(se.JOBS / "bench_worker.py"), "serve", "--data", str(data),
             "--ui-port", str(se.free_port())], env=env, cwd=work, stdin=subprocess.PIPE,
            stdout=subprocess.PIPE, stderr=self.log.open("wb"), text=True, start_new_session=True)
        self.peak_kb = 0
        hello = self._read()
        assert hello.get("ready"), hello

    def _read(self) -> dict:
        while True:
            ln = self.proc.stdout.readline()
            if not ln:
                text = self.log.read_text(errors="replace").splitlines()
                causes = [ln for ln in text if ("Error" in ln or "Exception" in ln) and not ln.startswith("\t")]
                tail = "\n".join(causes[:8] + ["..."] + text[-10:])
                raise RuntimeError(f"bench worker {self.line.version} exited:\n{tail}")
            if ln.startswith("{"):
                return json.loads(ln)

    def ask(self, query: str, group: str) -> dict:
        self.proc.stdin.write(json.dumps({"query": query, "group": group}) + "\n")
        self.proc.stdin.flush()
        r = self._read()
        self.peak_kb = max(self.peak_kb, se.proc_tree_rss_kb(self.proc.pid))
        return r

    def close(self) -> dict:
        try:
            self.proc.stdin.write(json.dumps({"stop": True}) + "\n")
            self.proc.stdin.flush()
            res = self._read()
            self.proc.wait(60)
        finally:
            if self.proc.poll() is None:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()
        res["process_tree_peak_rss_mb"] = round(self.peak_kb / 1024)
        return res


def run_benchmark(scale: float, reps: int, warmup: int, work: Path, queries: list[str] | None = None) -> dict:
    """Generate the data once, then run every query on both versions, alternating versions
    run by run (A B B A …) so that changing background load hits both alike."""
    lines = se.lines()
    for v, ln in lines.items():
        if ln.available():
            raise SystemExit(f"Spark {v}: {ln.available()}")
    data = work / f"data-scale-{scale:g}"
    t0 = time.monotonic()
    gen, gen_wall, _ = se.run_py(lines["3.5.7"], se.JOBS / "bench_worker.py",
                                 ["generate", "--data", str(data), "--scale", str(scale)], work / "gen", timeout=1800)
    gen["wall_s"] = round(gen_wall, 1)
    workers = {v: Worker(lines[v], data, work / f"run-{v}") for v in se.VERSIONS}
    loads = []
    per_q: dict[str, dict[str, list[dict]]] = {}
    try:
        names = queries or list(QUERIES)
        for q in names:
            per_q[q] = {v: [] for v in se.VERSIONS}
            for i in range(warmup + reps):
                order = list(se.VERSIONS) if i % 2 == 0 else list(reversed(se.VERSIONS))
                for v in order:
                    r = workers[v].ask(q, f"{q}-{i}")
                    if i >= warmup:
                        per_q[q][v].append(r)
                loads.append(os.getloadavg()[0])
    finally:
        finals = {}
        for v, w in workers.items():
            try:
                finals[v] = w.close()
            except Exception as e:  # keep the figures we have
                finals[v] = {"spark_version": v, "close_error": str(e)}
    per_version = {}
    for v in se.VERSIONS:
        qs = {}
        for q, by_v in per_q.items():
            runs = by_v[v]
            times = [r["seconds"] for r in runs]
            first = runs[0]
            qs[q] = {"times_s": [round(x, 3) for x in times], "median_s": round(statistics.median(times), 3),
                     "min_s": round(min(times), 3), "rows": first["rows"], "checksum": first["checksum"],
                     **{k: first[k] for k in ("jobs", "stages", "tasks", "shuffle_read_bytes", "shuffle_write_bytes",
                                              "spill_bytes", "peak_execution_memory_bytes")}}
        per_version[v] = {**finals[v], "reps": reps, "warmup": warmup, "queries": qs}
    rows = []
    a, b = per_version["3.5.7"]["queries"], per_version["4.1.0"]["queries"]
    for q in a:
        rows.append({"query": q, "median_3_5_7_s": a[q]["median_s"], "median_4_1_0_s": b[q]["median_s"],
                     "ratio_4_1_over_3_5": round(b[q]["median_s"] / a[q]["median_s"], 3),
                     "same_result": a[q]["checksum"] == b[q]["checksum"]})
    geo = math.exp(sum(math.log(r["ratio_4_1_over_3_5"]) for r in rows) / len(rows))
    return {
        "finished": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "command": f"make bench-spark BENCH_SPARK_ARGS='--scale {scale:g} --reps {reps} --warmup {warmup}'",
        "scale": scale, "reps": reps, "warmup": warmup, "data": gen, "versions": per_version,
        "comparison": rows, "geomean_ratio_4_1_over_3_5": round(geo, 3),
        "load_average_1m": {"min": round(min(loads), 2), "max": round(max(loads), 2)} if loads else {},
        "wall_s": round(time.monotonic() - t0, 1), "cpus": os.cpu_count(),
        "method": "both versions kept running side by side; each query alternates versions run by run (ABBA)",
    }


def table(res: dict) -> str:
    d = res["data"]
    out = [f"Data: scale {res['scale']:g}: {d['total_rows']:,} rows in 6 tables "
           f"(lineitem {d['rows']['lineitem']:,}, orders {d['rows']['orders']:,}), "
           f"{human_bytes(d['total_parquet_bytes'])} of Parquet; local[2], median of {res['reps']} runs "
           f"after {res['warmup']} warm-up.", ""]
    hdr = ["query", "3.5.7 s", "4.1.0 s", "4.1/3.5", "shuffle r/w 3.5.7", "shuffle r/w 4.1.0",
           "peak exec mem 3.5.7", "peak exec mem 4.1.0", "same result"]
    body = []
    v35, v41 = res["versions"]["3.5.7"]["queries"], res["versions"]["4.1.0"]["queries"]
    for r in res["comparison"]:
        q = r["query"]
        body.append([q, f"{r['median_3_5_7_s']:.2f}", f"{r['median_4_1_0_s']:.2f}", f"{r['ratio_4_1_over_3_5']:.2f}",
                     f"{human_bytes(v35[q]['shuffle_read_bytes'])} / {human_bytes(v35[q]['shuffle_write_bytes'])}",
                     f"{human_bytes(v41[q]['shuffle_read_bytes'])} / {human_bytes(v41[q]['shuffle_write_bytes'])}",
                     human_bytes(v35[q]["peak_execution_memory_bytes"]),
                     human_bytes(v41[q]["peak_execution_memory_bytes"]),
                     "yes" if r["same_result"] else "NO"])
    widths = [max(len(str(x)) for x in col) for col in zip(hdr, *body)]
    fmt = lambda row: "| " + " | ".join(str(c).ljust(w) for c, w in zip(row, widths)) + " |"  # noqa: E731
    out += [fmt(hdr), "|" + "|".join("-" * (w + 2) for w in widths) + "|", *map(fmt, body), ""]
    out.append(f"Geometric mean of 4.1.0/3.5.7 time ratios: {res['geomean_ratio_4_1_over_3_5']:.2f} "
               f"(< 1 means 4.1.0 is faster).")
    vv = res["versions"]
    la = res.get("load_average_1m") or {}
    if la:
        out.append(f"Machine load average (1 min) during the runs: {la['min']}–{la['max']} on {res['cpus']} cores; "
                   f"{res['method']}.")
    out.append(f"Driver JVM peak RSS: 3.5.7 {vv['3.5.7']['driver_jvm_peak_rss_mb']} MiB, "
               f"4.1.0 {vv['4.1.0']['driver_jvm_peak_rss_mb']} MiB. Whole run {res['wall_s']:.0f} s.")
    return "\n".join(out)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--scale", type=float, default=3.0)
    ap.add_argument("--reps", type=int, default=3)
    ap.add_argument("--warmup", type=int, default=1)
    ap.add_argument("--out", type=Path, default=se.OUT / "bench.json")
    ap.add_argument("--keep-work", action="store_true")
    a = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="spark-bench-"))
    try:
        res = run_benchmark(a.scale, a.reps, a.warmup, work)
    finally:
        if not a.keep_work:
            shutil.rmtree(work, ignore_errors=True)
    se.write_json(a.out, res)
    print(table(res))
    print(f"\nfigures: {a.out}")


if __name__ == "__main__":
    main()
