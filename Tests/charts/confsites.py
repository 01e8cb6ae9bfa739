"""Every configuration setting a rendered chart hands to software, wherever it is written:
spark-defaults.conf and celeborn-defaults.conf in ConfigMaps, *-site.xml files, `--conf k=v`
arguments, `-Dk=v` in *_OPTS environment variables and javaOptions, and the sparkConf /
hadoopConf maps of SparkApplication-like custom resources.

Each setting is tagged with the software that reads it and the key in that software's own
namespace (spark.hadoop.fs.s3a.endpoint is Hadoop's fs.s3a.endpoint; spark.celeborn.x is the
Celeborn client's celeborn.x), so one checker per software can judge it."""
from __future__ import annotations

import re
import shlex
import xml.etree.ElementTree as ET
from dataclasses import dataclass

import yaml

# Keys Hive's metastore takes in hive-site.xml or -D: its own and the JDO/DataNucleus ones it passes on.
HIVE_PREFIXES = ("hive.", "metastore.", "javax.jdo.", "datanucleus.")
SPARK_CR_KINDS = {"SparkApplication", "ScheduledSparkApplication", "SparkConnect"}
POD_KINDS = {"Pod", "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job", "CronJob"}


@dataclass(frozen=True)
class Setting:
    file: str       # chart file that rendered it, as Helm names it (spark-4.1/templates/celeborn.yaml)
    where: str      # object and field inside that file
    software: str   # spark | hadoop | hive-client | celeborn-client | celeborn-server | hive | catalog
    key: str        # as written in the rendered file
    name: str       # the key in the reading software's own namespace
    value: str

    def place(self) -> str:
        return f"{self.file}: {self.where}"


def spark_setting(file: str, where: str, key: str, value) -> Setting:
    """Route a spark.* property to the software that reads it."""
    value = "" if value is None else str(value)
    if key.startswith("spark.hadoop."):
        name = key[len("spark.hadoop."):]
        # Spark's built-in Hive client reads hive.* from the Hadoop configuration.
        return Setting(file, where, "hive-client" if name.startswith("hive.") else "hadoop", key, name, value)
    if key.startswith("spark.celeborn."):
        return Setting(file, where, "celeborn-client", key, key[len("spark."):], value)
    if key.startswith("spark.sql.catalog."):
        return Setting(file, where, "catalog", key, key, value)
    return Setting(file, where, "spark", key, key, value)


def parse_properties(text: str) -> list[tuple[str, str]]:
    """Java properties as Spark and Celeborn read them: `key value`, `key=value`, `key: value`."""
    out = []
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith(("#", "!")):
            continue
        m = re.match(r"([^\s=:]+)\s*[=:]?\s*(.*)$", line)
        out.append((m.group(1), m.group(2).strip()))
    return out


def parse_site_xml(text: str) -> list[tuple[str, str]]:
    root = ET.fromstring(text)
    return [((p.findtext("name") or "").strip(), (p.findtext("value") or "").strip()) for p in root.iter("property")]


def system_properties(text: str) -> list[tuple[str, str]]:
    """-Dkey=value tokens of a JVM options string."""
    out = []
    for tok in shlex.split(text):
        if tok.startswith("-D") and "=" in tok:
            k, v = tok[2:].split("=", 1)
            out.append((k, v))
    return out


def conf_args(args: list[str]) -> list[tuple[str, str]]:
    """`--conf k=v` and `--conf=k=v` pairs of a spark-submit style command line."""
    out = []
    for i, a in enumerate(args):
        kv = args[i + 1] if a == "--conf" and i + 1 < len(args) else a[len("--conf="):] if a.startswith("--conf=") else None
        if kv and "=" in kv:
            k, v = kv.split("=", 1)
            out.append((k, v))
    return out


def jvm_property(file: str, where: str, key: str, value: str) -> Setting | None:
    if key.startswith("spark."):
        return spark_setting(file, where, key, value)
    if key.startswith(HIVE_PREFIXES):
        return Setting(file, where, "hive", key, key, value)
    return None  # a plain JVM system property (java.*, log4j.*, ...), not a setting of these programs


def from_configmap(file: str, doc: dict) -> list[Setting]:
    out = []
    name = f"ConfigMap/{doc['metadata']['name']}"
    for data_key, text in (doc.get("data") or {}).items():
        where = f"{name} data[{data_key}]"
        if data_key == "spark-defaults.conf":
            out += [spark_setting(file, where, k, v) for k, v in parse_properties(text)]
        elif data_key == "celeborn-defaults.conf":
            out += [Setting(file, where, "celeborn-server", k, k, v) for k, v in parse_properties(text)]
        elif data_key == "hive-site.xml":
            out += [Setting(file, where, "hive", k, k, v) for k, v in parse_site_xml(text)]
        elif data_key.endswith("-site.xml"):  # core-site.xml and friends: Hadoop's own configuration
            out += [Setting(file, where, "hadoop", k, k, v) for k, v in parse_site_xml(text)]
        elif data_key.endswith((".yaml", ".yml")):
            inner = yaml.safe_load(text)
            if isinstance(inner, dict) and inner.get("kind") in POD_KINDS:
                out += from_pods(file, inner, f"{where} ")
    return out


def pod_specs(doc: dict) -> list[dict]:
    kind, spec = doc.get("kind"), doc.get("spec") or {}
    if kind == "Pod":
        return [spec]
    if kind == "CronJob":
        return [spec["jobTemplate"]["spec"]["template"]["spec"]]
    return [spec["template"]["spec"]] if "template" in spec else []


def from_pods(file: str, doc: dict, prefix: str = "") -> list[Setting]:
    out = []
    obj = f"{prefix}{doc['kind']}/{(doc.get('metadata') or {}).get('name', '')}"
    for spec in pod_specs(doc):
        for ctr in (spec.get("initContainers") or []) + (spec.get("containers") or []):
            where = f"{obj} container {ctr['name']}"
            cmd = [str(a) for a in (ctr.get("command") or []) + (ctr.get("args") or [])]
            out += [s for k, v in conf_args(cmd) if (s := jvm_property(file, f"{where} --conf", k, v))]
            for e in ctr.get("env") or []:
                if e.get("name", "").endswith("_OPTS") and e.get("value"):
                    out += [s for k, v in system_properties(e["value"])
                            if (s := jvm_property(file, f"{where} env {e['name']}", k, v))]
    return out


def from_spark_cr(file: str, doc: dict) -> list[Setting]:
    """sparkConf / hadoopConf (the operator prefixes spark.hadoop.) / javaOptions of the
    SparkApplication, of a ScheduledSparkApplication's template, and of a SparkConnect."""
    out = []
    obj = f"{doc['kind']}/{doc['metadata']['name']}"
    spec = doc.get("spec") or {}
    if doc["kind"] == "ScheduledSparkApplication":
        spec = spec.get("template") or {}
    for k, v in (spec.get("sparkConf") or {}).items():
        out.append(spark_setting(file, f"{obj} spec.sparkConf", k, v))
    for k, v in (spec.get("hadoopConf") or {}).items():
        out.append(spark_setting(file, f"{obj} spec.hadoopConf", "spark.hadoop." + k, v))
    for role in ("driver", "executor", "server"):
        opts = (spec.get(role) or {}).get("javaOptions")
        if opts:
            out += [s for k, v in system_properties(opts)
                    if (s := jvm_property(file, f"{obj} spec.{role}.javaOptions", k, v))]
    return out


def settings(rendered: dict[str, str]) -> list[Setting]:
    """Every setting in Helm's render output ({template path: text})."""
    out = []
    for file, text in sorted(rendered.items()):
        if not file.endswith((".yaml", ".yml")):
            continue
        for doc in yaml.safe_load_all(text):
            if not isinstance(doc, dict) or "kind" not in doc:
                continue
            if doc["kind"] == "ConfigMap":
                out += from_configmap(file, doc)
            elif doc["kind"] in SPARK_CR_KINDS:
                out += from_spark_cr(file, doc)
            elif doc["kind"] in POD_KINDS:
                out += from_pods(file, doc)
    return out
