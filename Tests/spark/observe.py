"""What the operations options of the 4.1 line produce, read strictly: JSON log lines (Spark's
structured logging) and the Prometheus text exposition format. Both readers fail with the line
number and the reason, so a test names the first bad line instead of a vague mismatch."""
from __future__ import annotations

import json
import math
import re

# Lines the JVM or Spark's launcher write to stderr before or outside log4j; they are not log
# events, so no layout can make them JSON. Listed exactly, so anything else that is not JSON fails.
NOT_LOG_EVENTS = (
    re.compile(r"^WARNING: Using incubator modules: jdk\.incubator\.vector$"),
    re.compile(r"^Using Spark's default log4j profile: org/apache/spark/log4j2-json-layout\.properties$"),
    # PySpark's streaming foreachBatch worker print()s to the stdout the Connect server passes on
    re.compile(r"^Streaming ForeachBatch worker (is starting with url|Started batch|Completed batch) "),
)
JSON_FIELDS = ("ts", "level", "msg", "logger")
# Spark 3.5 has no structured logging and no log4j-layout-template-json jar; log4j-core's own
# JsonLayout (with the Jackson Spark ships) still writes one JSON object per event, with
# log4j's field names and no Spark context. This is the log4j2.properties that does it.
LOG4J2_JSON_35 = """\
rootLogger.level = info
rootLogger.appenderRef.stdout.ref = console
appender.console.type = Console
appender.console.name = console
appender.console.target = SYSTEM_ERR
appender.console.layout.type = JsonLayout
appender.console.layout.compact = true
appender.console.layout.eventEol = true
"""
JSON_FIELDS_35 = ("instant", "level", "message", "loggerName")
LEVELS = {"TRACE", "DEBUG", "INFO", "WARN", "ERROR", "FATAL"}


def json_log_problems(text: str, fields: tuple[str, ...] = JSON_FIELDS) -> tuple[int, list[str]]:
    """(number of JSON log events, problems) for a log written with a JSON layout (Spark 4's
    by default; JSON_FIELDS_35 for log4j's JsonLayout on 3.5)."""
    events, bad = 0, []
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip() or any(p.match(line) for p in NOT_LOG_EVENTS):
            continue
        try:
            ev = json.loads(line)
        except json.JSONDecodeError as e:
            bad.append(f"line {n}: not JSON ({e.msg}): {line[:160]}")
            continue
        missing = [f for f in fields if f not in ev]
        if missing:
            bad.append(f"line {n}: fields {missing} missing: {line[:160]}")
        elif ev["level"] not in LEVELS:
            bad.append(f"line {n}: level {ev['level']!r} is not a log4j level")
        elif "ts" in fields and not re.match(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$", ev["ts"]):
            bad.append(f"line {n}: ts {ev['ts']!r} is not an ISO-8601 UTC timestamp")
        events += 1
    return events, bad


_NAME = r"[a-zA-Z_:][a-zA-Z0-9_:]*"
_SAMPLE = re.compile(rf"^(?P<name>{_NAME})(?:\{{(?P<labels>.*)\}})?[ \t]+(?P<value>\S+)(?:[ \t]+(?P<ts>-?\d+))?$")
_LABEL = re.compile(r'\s*([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"\s*(,|$)')
_TYPES = {"counter", "gauge", "histogram", "summary", "untyped"}


def _float(s: str) -> float:
    if s in ("+Inf", "Inf"):
        return math.inf
    if s == "-Inf":
        return -math.inf
    if s == "NaN":
        return math.nan
    return float(s)


def _labels(raw: str, n: int) -> dict[str, str]:
    out, pos = {}, 0
    raw = raw.rstrip()
    while pos < len(raw):
        m = _LABEL.match(raw, pos)
        if not m:
            raise ValueError(f"line {n}: bad label set at {raw[pos:pos + 40]!r}")
        out[m.group(1)] = m.group(2)
        pos = m.end()
    return out


def parse_prometheus(text: str) -> list[tuple[str, dict[str, str], float]]:
    """Samples of a Prometheus text-format (0.0.4) page; ValueError names the first bad line."""
    samples, types = [], {}
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        if line.startswith("#"):
            parts = line.split(None, 3)
            if len(parts) >= 3 and parts[1] == "TYPE":
                if len(parts) != 4 or parts[3].strip() not in _TYPES:
                    raise ValueError(f"line {n}: bad TYPE line: {line}")
                if parts[2] in types:
                    raise ValueError(f"line {n}: second TYPE for {parts[2]}")
                types[parts[2]] = parts[3].strip()
            continue
        m = _SAMPLE.match(line)
        if not m:
            raise ValueError(f"line {n}: not a sample line: {line[:160]}")
        try:
            value = _float(m.group("value"))
        except ValueError:
            raise ValueError(f"line {n}: value {m.group('value')!r} is not a number") from None
        samples.append((m.group("name"), _labels(m.group("labels") or "", n), value))
    return samples
