"""The real configuration registry of each Spark line, kept running for the session: one
`jobs/conf_check.py --serve` JVM per line answers key and value questions line by line.

It is the `spark` argument of Tests/charts/confcheck.Checker: Spark keys (registered entries,
SparkLauncher names, their value converters), `spark.hadoop.hive.*` (the HiveConf of the line's
built-in Hive client) and `spark.sql.catalog.*` (a loadable implementation and its options)."""
from __future__ import annotations

import functools
import json
import os
import signal
import subprocess
import sys
import zipfile
from pathlib import Path

import sparkenv as se

sys.path.insert(0, str(se.REPO / "Tests" / "charts"))
sys.path.insert(0, str(se.REPO / "Tests" / "charts" / "tools"))

from confcheck import Problem, nearest, near_miss  # noqa: E402
from confsites import Setting  # noqa: E402
from gen_conf_registry import class_strings  # noqa: E402

# Catalog implementations whose keys are known, and where the key list comes from.
SESSION_CATALOGS = {"org.apache.spark.sql.execution.datasources.v2.V2SessionCatalog"}
JDBC_CATALOG = "org.apache.spark.sql.execution.datasources.v2.jdbc.JDBCTableCatalog"
# spark.metrics.conf.<instance>.<sink|source>.<name>.<option>: MetricsConfig takes any key under the
# prefix and silently drops what no metrics system reads. The instances are the string constants
# of MetricsSystemInstances (plus "*", every instance); a source reads only its class; a sink
# reads its class and the options its class file names.
METRICS = "spark.metrics.conf."
METRICS_INSTANCES = "org.apache.spark.metrics.MetricsSystemInstances$"
# Prefixes Spark's conf takes as open but whose keys Spark reads by fixed suffixes, silently
# dropping a misspelt one. No chart renders one yet, so their suffixes are not listed: a rendered
# key here is reported until a check for it is added (as spark.metrics.conf.* has one).
UNCHECKED_SUFFIXES = {
    "spark.kubernetes.driver.volumes.": "<type>.<name>.mount.path, mount.readOnly, mount.subPath, options.*",
    "spark.kubernetes.executor.volumes.": "<type>.<name>.mount.path, mount.readOnly, mount.subPath, options.*",
    "spark.driver.resource.": "<resource>.amount, discoveryScript, vendor",
    "spark.executor.resource.": "<resource>.amount, discoveryScript, vendor",
    "spark.sql.streaming.stateStore.rocksdb.": "the option names of RocksDBConf",
}


class LineRegistry:
    """One line's conf_check server."""

    def __init__(self, line: se.SparkLine, work: Path):
        work.mkdir(parents=True, exist_ok=True)
        env = se.spark_env(line, work)
        env["PYTHONPATH"] = str(se.JOBS)
        self.log = work / f"conf_check-{line.version}.log"
        self.proc = subprocess.Popen([str(line.python), str(se.JOBS / "conf_check.py"), "--serve"], env=env,
                                     cwd=work, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=self.log.open("wb"), text=True, start_new_session=True)
        self.info = self._read()
        self.version = self.info["spark_version"]
        self.known = set(self.info["known_keys"]) | set(self.info["launcher_keys"]) | set(self.info["literal_keys"])
        self.hive_keys = set(self.info["hive_client_keys"])
        self.jdbc_options = set(self.info["jdbc_options"])
        self.jars = line.spark_home / "jars"

    @functools.cached_property
    def class_jars(self) -> dict[str, Path]:
        """{class file path: jar} of the line's jars."""
        return {n: jar for jar in sorted(self.jars.glob("*.jar")) for n in zipfile.ZipFile(jar).namelist()
                if n.endswith(".class")}

    def class_strings(self, name: str) -> set[str] | None:
        """The string literals of a class of the line and of its Scala companion object (where
        Scala keeps a class's constants); None when the line has no such class."""
        paths = [name.replace(".", "/") + ".class", name.replace(".", "/") + "$.class"]
        found = [p for p in paths if p in self.class_jars]
        if not found:
            return None
        return set().union(*(class_strings(zipfile.ZipFile(self.class_jars[p]).read(p)) for p in found))

    def _read(self) -> dict:
        for line in self.proc.stdout:
            if line.startswith("{"):
                return json.loads(line)
        tail = self.log.read_text(errors="replace")[-3000:]
        raise RuntimeError(f"conf_check --serve exited {self.proc.wait()}; stderr tail:\n{tail}")

    def ask(self, req: dict) -> dict:
        self.proc.stdin.write(json.dumps(req) + "\n")
        self.proc.stdin.flush()
        return self._read()

    def verdicts(self, props: dict[str, str]) -> dict[str, dict]:
        return self.ask({"op": "check", "props": props})["keys"]

    def classes(self, names: list[str]) -> dict[str, bool]:
        return self.ask({"op": "classes", "names": names})["classes"]

    def close(self) -> None:
        if self.proc.poll() is None:
            self.proc.stdin.close()
            try:
                self.proc.wait(30)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()


class SparkRegistry:
    """Both lines; the Checker's `spark` collaborator."""

    def __init__(self, lines: dict[str, se.SparkLine], work: Path):
        self.lines = {v: LineRegistry(ln, work / f"registry-{v}") for v, ln in lines.items()}

    def close(self) -> None:
        for r in self.lines.values():
            r.close()

    def check_spark(self, s: Setting, version: str, conf: dict[str, str] | None = None) -> list[Problem]:
        reg = self.lines[version]
        if s.key.startswith(METRICS):
            return self.check_metrics(s, version, conf or {})
        v = reg.verdicts({s.key: s.value})[s.key]
        if v["status"] == "unknown" and version.startswith("3.") and s.key.startswith("spark.connect."):
            # PyPI's pyspark 3.5.7 lacks the Connect server jar: its keys are 4.1.0's registry's.
            reg, version = self.lines["4.1.0"], "4.1.0 (3.5.7's Connect server jar is not in the PyPI package)"
            v = reg.verdicts({s.key: s.value})[s.key]
        if v["status"] in ("unknown", "not-spark"):
            return [Problem(s, f"not a Spark {version} configuration key", nearest(s.key, reg.known))]
        prefix = next((p for p in UNCHECKED_SUFFIXES if s.key.startswith(p)), None)
        if v["status"] == "open-namespace" and prefix:
            return [Problem(s, f"Spark reads only fixed names under {prefix} ({UNCHECKED_SUFFIXES[prefix]}) and "
                               f"drops others unread; this suite does not list them yet: add the check to "
                               f"Tests/spark/sparkreg.py before a chart renders one")]
        if v.get("value_check") == "rejected":
            return [Problem(s, f"value {s.value!r} rejected by Spark {version}: {v.get('error')}")]
        return []

    def check_metrics(self, s: Setting, version: str, conf: dict[str, str]) -> list[Problem]:
        """spark.metrics.conf.<instance>.<sink|source>.<name>.<option>, judged by the line's classes;
        `conf` is the render's other settings (where the sink's class is set)."""
        reg = self.lines[version]
        parts = s.key[len(METRICS):].split(".", 3)
        instances = {"*"} | (reg.class_strings(METRICS_INSTANCES) or set())
        for i, allowed in [(0, instances), (1, {"sink", "source"})]:
            if len(parts) < 4 or parts[i] not in allowed:
                near = nearest(parts[i], allowed) if len(parts) == 4 else None
                return [Problem(s, f"not a Spark {version} metrics property (spark.metrics.conf.<instance: "
                                   f"{', '.join(sorted(instances))}>.<sink|source>.<name>.<option>): "
                                   f"MetricsConfig drops it unread",
                                METRICS + ".".join(parts[:i] + [near] + parts[i + 1:]) if near else None)]
        base, option = METRICS + ".".join(parts[:3]), parts[3]
        if option == "class":
            if reg.classes([s.value])[s.value]:
                return []
            return [Problem(s, f"metrics {parts[1]} class {s.value} is not on Spark {version}'s class path")]
        if parts[1] == "source":
            return [Problem(s, "a metrics source reads only its class", base + ".class")]
        cls = conf.get(base + ".class")
        options = reg.class_strings(cls) if cls else None
        if options is None:
            return [Problem(s, f"no sink class of Spark {version} is set for it ({base}.class): nothing reads it",
                            base + ".class")]
        if option in options:
            return []
        return [Problem(s, f"not an option {cls} reads (Spark {version})",
                        nearest(base + "." + option, [f"{base}.{o}" for o in options if o.isidentifier()]))]

    def check_hive_client(self, s: Setting, version: str) -> list[Problem]:
        reg = self.lines[version]
        if s.name in reg.hive_keys:
            return []
        return [Problem(s, f"not a key of Hive {reg.info['hive_client_version']} (the HiveConf of Spark "
                           f"{version}'s built-in Hive client)", nearest(s.name, reg.hive_keys))]

    def check_catalog(self, s: Setting, version: str, catalogs: dict[str, str] | None = None) -> list[Problem]:
        """spark.sql.catalog.NAME = implementation class; spark.sql.catalog.NAME.OPTION = its option."""
        reg = self.lines[version]
        rest = s.key[len("spark.sql.catalog."):]
        if "." not in rest:
            if not reg.classes([s.value])[s.value]:
                return [Problem(s, f"catalog implementation {s.value} is not on Spark {version}'s class path")]
            if s.value not in SESSION_CATALOGS and s.value != JDBC_CATALOG:
                return [Problem(s, f"no key list for catalog implementation {s.value}: add its keys to "
                                   f"Tests/spark/sparkreg.py before a chart configures it")]
            return []
        name, option = rest.split(".", 1)
        impl = (catalogs or {}).get(name)
        if impl == JDBC_CATALOG:
            if option in reg.jdbc_options:
                return []
            miss = near_miss(option, reg.jdbc_options)
            return [Problem(s, f"not a Spark {version} JDBC option (it would reach the JDBC driver as a "
                               f"connection property) and a near miss of one: a misspelling",
                            miss)] if miss else []
        if impl in SESSION_CATALOGS:
            return [Problem(s, f"{impl} takes no options", None)]
        return [Problem(s, f"catalog {name} has no implementation set (spark.sql.catalog.{name}) in this file "
                           f"or one without a key list")]

