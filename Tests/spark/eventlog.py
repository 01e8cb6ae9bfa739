"""Read a Spark event log (3.x single file or 4.x `eventlog_v2_*` rolling directory, plain or
zstd) and derive what a History Server must show for it: jobs, stages and SQL executions."""
from __future__ import annotations

import io
import json
from pathlib import Path


def _open_text(p: Path) -> io.TextIOBase:
    if p.suffix == ".zstd":
        import zstandard
        return io.TextIOWrapper(zstandard.ZstdDecompressor().stream_reader(p.open("rb"), read_across_frames=True),
                                encoding="utf-8")
    if p.suffix in (".lz4", ".snappy", ".lzf"):
        raise ValueError(f"codec {p.suffix} not readable here: {p}")
    return p.open(encoding="utf-8")


def log_files(log_dir: Path, app_id: str) -> list[Path]:
    rolling = log_dir / f"eventlog_v2_{app_id}"
    if rolling.is_dir():
        parts = [p for p in rolling.iterdir() if p.name.startswith("events_")]
        return sorted(parts, key=lambda p: int(p.name.split("_")[1]))
    return sorted(p for p in log_dir.iterdir() if p.name.split(".")[0] == app_id and p.is_file())


def events(log_dir: Path, app_id: str):
    files = log_files(log_dir, app_id)
    if not files:
        raise FileNotFoundError(f"no event log for {app_id} in {log_dir}")
    for f in files:
        with _open_text(f) as fh:
            for line in fh:
                if line.strip():
                    yield json.loads(line)


def expected(log_dir: Path, app_id: str) -> dict:
    jobs: dict[int, str] = {}
    stages: dict[int, str] = {}
    sql: dict[int, str] = {}
    version = None
    completed = False
    for ev in events(log_dir, app_id):
        kind = ev.get("Event", "")
        if kind == "SparkListenerLogStart":
            version = ev.get("Spark Version")
        elif kind == "SparkListenerJobStart":
            jobs[ev["Job ID"]] = "RUNNING"
            for si in ev.get("Stage Infos", []):
                stages.setdefault(si["Stage ID"], "SKIPPED")
        elif kind == "SparkListenerJobEnd":
            res = ev.get("Job Result", {}).get("Result")
            jobs[ev["Job ID"]] = "SUCCEEDED" if res == "JobSucceeded" else "FAILED"
        elif kind == "SparkListenerStageCompleted":
            info = ev["Stage Info"]
            stages[info["Stage ID"]] = "FAILED" if info.get("Failure Reason") else "COMPLETE"
        elif kind.endswith("SparkListenerSQLExecutionStart"):
            sql[ev["executionId"]] = "RUNNING"
        elif kind.endswith("SparkListenerSQLExecutionEnd"):
            sql[ev["executionId"]] = "FAILED" if ev.get("errorMessage") else "COMPLETED"
        elif kind == "SparkListenerApplicationEnd":
            completed = True
    return {"spark_version": version, "completed": completed,
            "jobs": jobs, "stages": stages, "sql": sql}
