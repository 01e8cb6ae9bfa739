"""From a chart's rendered Spark properties to what a local Connect server can run with, and
the registry check that makes an unknown key or a rejected value fail."""
from __future__ import annotations

import re
from pathlib import Path

import sparkenv as se

PLACEHOLDER = re.compile(r"\$\(|\{\{")


def localize(props: dict[str, str], work: Path) -> tuple[dict[str, str], dict[str, str], dict[str, list[str]]]:
    """Returns (local properties, dropped {key: reason}, replaced {key: [chart value, local value]}).
    Only what needs a cluster (or a cluster service) is dropped; locations become local folders."""
    local: dict[str, str] = {}
    dropped: dict[str, str] = {}
    replaced: dict[str, list[str]] = {}
    celeborn = "celeborn" in props.get("spark.shuffle.manager", "").lower()

    def repl(k: str, v: str) -> None:
        replaced[k] = [props[k], v]
        local[k] = v

    for k, v in props.items():
        if k == "spark.master" and not v.startswith("local"):
            dropped[k] = "Kubernetes master; the local run uses local[2]"
        elif k.startswith("spark.kubernetes."):
            dropped[k] = "Kubernetes-only"
        elif k in ("spark.driver.host", "spark.driver.bindAddress"):
            dropped[k] = "pod address; the local run binds to 127.0.0.1"
        elif PLACEHOLDER.search(v):
            dropped[k] = "value is filled in by Kubernetes at pod start"
        elif k == "spark.eventLog.dir" or k == "spark.history.fs.logDirectory":
            d = work / "events"
            d.mkdir(parents=True, exist_ok=True)
            repl(k, d.as_uri())
        elif k == "spark.sql.warehouse.dir":
            repl(k, (work / "warehouse").as_uri())
        elif k in ("spark.driver.port", "spark.blockManager.port", "spark.driver.blockManager.port", "spark.ui.port",
                   "spark.connect.grpc.binding.port"):
            repl(k, str(se.free_port()))
        elif k == "spark.connect.grpc.binding.address":
            repl(k, "127.0.0.1")
        elif k in ("spark.jars.packages", "spark.jars.repositories", "spark.jars.ivy"):
            dropped[k] = "resolved from Maven Central in the image build; not reachable here"
        elif k.startswith("spark.celeborn.") or (celeborn and k in (
                "spark.shuffle.manager", "spark.shuffle.sort.io.plugin.class")):
            dropped[k] = "needs a Celeborn cluster and its client jar"
        elif k == "spark.hadoop.hive.metastore.uris" and v.startswith("thrift://"):
            dropped[k] = "Hive Metastore service; the local run uses an embedded Derby metastore"
        elif k.startswith("spark.sql.hive.metastore.jars"):
            dropped[k] = "metastore client jars baked into the image"
        else:
            local[k] = v
    local.setdefault("spark.master", "local[2]")
    if local.get("spark.master", "").startswith("local["):
        local["spark.master"] = "local[2]"
    local.setdefault("spark.connect.grpc.binding.address", "127.0.0.1")
    local.setdefault("spark.connect.grpc.binding.port", str(se.free_port()))
    return local, dropped, replaced


def problems(check: dict) -> list[str]:
    bad = []
    for k, v in sorted(check["keys"].items()):
        if v["status"] == "unknown":
            bad.append(f"{k}: not a Spark {check['spark_version']} configuration key")
        elif v.get("value_check") == "rejected":
            bad.append(f"{k}={v['value']}: rejected by Spark {check['spark_version']}: {v.get('error')}")
    return bad


def check_chart_props(registry, version: str, props: dict[str, str]) -> dict:
    """Registry check for the chart of `version` (registry: sparkreg.SparkRegistry). Spark 3.5.7's
    PyPI package lacks the Connect server jar, so its spark.connect.* keys are checked against
    4.1.0's registry and marked."""
    reg = registry.lines[version]
    check = {k: reg.info[k] for k in ("spark_version", "config_objects", "loaded", "load_failures")}
    check["keys"] = reg.verdicts(props)
    if version.startswith("3."):
        missing = {k: props[k] for k, v in check["keys"].items()
                   if v["status"] == "unknown" and k.startswith("spark.connect.")}
        if missing:
            for k, v in registry.lines["4.1.0"].verdicts(missing).items():
                v["checked_with"] = "4.1.0 (3.5.7's Connect server jar is not in the PyPI package)"
                check["keys"][k] = v
    check["problems"] = problems(check)
    return check
