"""Ask this Spark version's own configuration registry about a set of properties.

    python conf_check.py PROPS.json
PROPS.json is {"key": "value", ...}. Spark ignores unknown keys silently, so this starts a bare
JVM (no SparkContext), initialises every Scala object in Spark's jars that builds config entries
(those whose bytecode mentions ConfigBuilder/buildConf), then for each key looks up the
registered ConfigEntry and runs the entry's own value converter (type parsing and checkValue
validators) on the value. Prints one JSON line with per-key verdicts.
"""
import json
import os
import re
import sys
import time
import zipfile

from pyspark import SparkConf
from pyspark.java_gateway import launch_gateway

# Namespaces that are open by design (read by prefix, not through registered entries).
OPEN_PREFIXES = {
    "spark.hadoop.": "passed to the Hadoop Configuration",
    "spark.executorEnv.": "environment variable for executors",
    "spark.sql.catalog.": "catalog plugin registration and options",
    "spark.metrics.conf.": "metrics system properties",
    "spark.kubernetes.driverEnv.": "environment variable for the driver pod",
    "spark.kubernetes.driver.label.": "driver pod label",
    "spark.kubernetes.driver.annotation.": "driver pod annotation",
    "spark.kubernetes.executor.label.": "executor pod label",
    "spark.kubernetes.executor.annotation.": "executor pod annotation",
    "spark.kubernetes.driver.secrets.": "secret mount",
    "spark.kubernetes.executor.secrets.": "secret mount",
    "spark.kubernetes.driver.secretKeyRef.": "secret env",
    "spark.kubernetes.executor.secretKeyRef.": "secret env",
    "spark.kubernetes.driver.volumes.": "driver pod volume",
    "spark.kubernetes.executor.volumes.": "executor pod volume",
    "spark.kubernetes.node.selector.": "node selector",
    "spark.kubernetes.driver.node.selector.": "node selector",
    "spark.kubernetes.executor.node.selector.": "node selector",
    "spark.driver.resource.": "resource scheduling",
    "spark.executor.resource.": "resource scheduling",
    "spark.sql.streaming.stateStore.": "state store provider options",
}
# Keys SparkContext reads by literal name, with no ConfigEntry (checked: not in the registry of
# 3.5.7 or 4.1.0). Everything else must come from the registry or SparkLauncher's constants.
LITERAL_CORE_KEYS = {"spark.app.name": "read directly by SparkContext"}
PLACEHOLDER = re.compile(r"\$\(|\$\{|\{\{")
MARKERS = (b"ConfigBuilder", b"buildConf", b"buildStaticConf")


def config_objects(jars_dir):
    names = []
    for jar in sorted(os.listdir(jars_dir)):
        if not jar.startswith("spark-") or not jar.endswith(".jar"):
            continue
        with zipfile.ZipFile(os.path.join(jars_dir, jar)) as z:
            for n in z.namelist():
                if n.startswith("org/apache/spark/") and n.endswith("$.class"):
                    data = z.read(n)
                    if any(m in data for m in MARKERS):
                        names.append(n[:-6].replace("/", "."))
    return names


def main():
    props = json.load(open(sys.argv[1]))
    t0 = time.monotonic()
    gw = launch_gateway(SparkConf().set("spark.driver.memory", "512m"))
    jvm = gw.jvm
    loader = jvm.java.lang.Thread.currentThread().getContextClassLoader()
    home = os.environ["SPARK_HOME"]
    objs = config_objects(os.path.join(home, "jars"))
    loaded = failed = 0
    for name in objs:
        try:
            jvm.java.lang.Class.forName(name, True, loader)
            loaded += 1
        except Exception:
            failed += 1
    CE = jvm.org.apache.spark.internal.config.ConfigEntry
    launcher = {}
    for fld in jvm.java.lang.Class.forName("org.apache.spark.launcher.SparkLauncher").getFields():
        if fld.getType().getName() == "java.lang.String":
            val = fld.get(None)
            if val and str(val).startswith("spark."):
                launcher[str(val)] = "SparkLauncher." + fld.getName()
    version = jvm.org.apache.spark.package.SPARK_VERSION()
    out = {}
    for key, value in sorted(props.items()):
        v = {"value": value}
        entry = CE.findEntry(key)
        if entry is not None:
            v["status"] = "known"
            v["doc"] = (entry.doc() or "")[:160]
            if PLACEHOLDER.search(str(value)):
                v["value_check"] = "skipped: value is filled in at deploy time"
            else:
                try:
                    entry.valueConverter().apply(str(value))
                    v["value_check"] = "ok"
                except Exception as e:  # Py4JJavaError carries the Java exception
                    msg = str(getattr(e, "java_exception", e))
                    v["value_check"] = "rejected"
                    v["error"] = msg.splitlines()[0][:300]
        elif key in launcher or key in LITERAL_CORE_KEYS:
            v["status"] = "known"
            v["note"] = launcher.get(key) or LITERAL_CORE_KEYS[key]
            v["value_check"] = "not typed (read as a string)"
        else:
            prefix = next((p for p in OPEN_PREFIXES if key.startswith(p)), None)
            if prefix:
                v["status"] = "open-namespace"
                v["note"] = OPEN_PREFIXES[prefix]
            elif not key.startswith("spark."):
                v["status"] = "not-spark"
            else:
                v["status"] = "unknown"
        out[key] = v
    print(json.dumps({"spark_version": version, "config_objects": len(objs), "loaded": loaded,
                      "load_failures": failed, "seconds": round(time.monotonic() - t0, 2),
                      "keys": out}))
    gw.shutdown()


if __name__ == "__main__":
    main()
