"""Ask this Spark version's own configuration registry about properties, for a whole session.

    python conf_check.py --serve    # one JSON request per stdin line, one answer per stdout line

Spark ignores unknown keys silently, so this starts a bare JVM (no SparkContext), initialises
every Scala object in Spark's jars that builds config entries (those whose bytecode mentions
ConfigBuilder/buildConf), then for each key looks up the registered ConfigEntry and runs the
entry's own value converter (type parsing and checkValue validators) on the value. The first
line it prints lists every registered key, the built-in Hive client's HiveConf names and Spark's
JDBC options (Tests/spark/sparkreg.py reads them)."""
import json
import os
import re
import sys
import time
import zipfile

from pyspark import SparkConf
from pyspark.java_gateway import launch_gateway
from py4j.java_gateway import get_field

# Namespaces that are open by design (read by prefix, not through registered entries).
OPEN_PREFIXES = {
    "spark.hadoop.": "passed to the Hadoop Configuration (checked against Hadoop's and Hive's keys by sparkreg.py)",
    "spark.executorEnv.": "environment variable for executors",
    "spark.sql.catalog.": "catalog plugin registration and options (checked against the plugin's keys by sparkreg.py)",
    "spark.metrics.conf.": "metrics system properties <instance>.<sink|source>.<name>.<option>, named by the user "
                           "(checked against the line's metrics instances, sink classes and their options by sparkreg.py)",
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
    "spark.sql.streaming.stateStore.rocksdb.": "RocksDB state store options, read by prefix (RocksDBConf)",
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


class Registry:
    """This Spark version's registered ConfigEntries (every config object initialised), the keys
    SparkLauncher names, the built-in Hive client's HiveConf names and Spark's JDBC options."""

    def __init__(self):
        self.t0 = time.monotonic()
        self.gw = launch_gateway(SparkConf().set("spark.driver.memory", "512m"))
        jvm = self.jvm = self.gw.jvm
        self.loader = jvm.java.lang.Thread.currentThread().getContextClassLoader()
        objs = config_objects(os.path.join(os.environ["SPARK_HOME"], "jars"))
        self.loaded = self.failed = 0
        for name in objs:
            try:
                jvm.java.lang.Class.forName(name, True, self.loader)
                self.loaded += 1
            except Exception:
                self.failed += 1
        self.objects = len(objs)
        self.CE = jvm.org.apache.spark.internal.config.ConfigEntry
        self.launcher = {}
        for fld in jvm.java.lang.Class.forName("org.apache.spark.launcher.SparkLauncher").getFields():
            if fld.getType().getName() == "java.lang.String":
                val = fld.get(None)
                if val and str(val).startswith("spark."):
                    self.launcher[str(val)] = "SparkLauncher." + fld.getName()
        self.version = jvm.org.apache.spark.package.SPARK_VERSION()

    def module(self, name):
        cls = self.jvm.java.lang.Class.forName(name + "$", True, self.loader)
        return cls, cls.getField("MODULE$").get(None)

    def known_keys(self):
        _, mod = self.module("org.apache.spark.internal.config.ConfigEntry")
        return sorted(str(k) for k in mod.knownConfigs().keySet())

    def hive_client(self):
        cls = self.jvm.java.lang.Class.forName("org.apache.hadoop.hive.conf.HiveConf$ConfVars", True, self.loader)
        names = sorted(str(get_field(v, "varname")) for v in cls.getEnumConstants())
        return str(self.jvm.org.apache.hive.common.util.HiveVersionInfo.getVersion()), names

    def jdbc_options(self):
        cls, mod = self.module("org.apache.spark.sql.execution.datasources.jdbc.JDBCOptions")
        fld = next(f for f in cls.getDeclaredFields() if f.getName().endswith("jdbcOptionNames"))
        fld.setAccessible(True)
        return sorted(str(fld.get(mod).mkString("\n")).split("\n"))

    def class_exists(self, name):
        try:
            self.jvm.java.lang.Class.forName(name, False, self.loader)
            return True
        except Exception:
            return False

    def verdict(self, key, value):
        v = {"value": value}
        entry = self.CE.findEntry(key)
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
        elif key in self.launcher or key in LITERAL_CORE_KEYS:
            v["status"] = "known"
            v["note"] = self.launcher.get(key) or LITERAL_CORE_KEYS[key]
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
        return v

    def header(self):
        return {"spark_version": self.version, "config_objects": self.objects, "loaded": self.loaded,
                "load_failures": self.failed, "seconds": round(time.monotonic() - self.t0, 2)}


def serve(reg):
    """One JSON request per stdin line, one JSON answer per stdout line, until stdin closes."""
    hive_version, hive_keys = reg.hive_client()
    print(json.dumps(dict(reg.header(), known_keys=reg.known_keys(), launcher_keys=sorted(reg.launcher),
                          literal_keys=sorted(LITERAL_CORE_KEYS), open_prefixes=OPEN_PREFIXES,
                          hive_client_version=hive_version, hive_client_keys=hive_keys,
                          jdbc_options=reg.jdbc_options())), flush=True)
    for line in sys.stdin:
        req = json.loads(line)
        if req["op"] == "check":
            out = {"keys": {k: reg.verdict(k, v) for k, v in req["props"].items()}}
        else:
            out = {"classes": {n: reg.class_exists(n) for n in req["names"]}}
        print(json.dumps(out), flush=True)


def main():
    reg = Registry()
    serve(reg)
    reg.gw.shutdown()


if __name__ == "__main__":
    main()
