"""The real configuration registry of each Spark line, kept running for the session: one
`jobs/conf_check.py --serve` JVM per line answers key and value questions line by line.

It is the `spark` argument of Tests/charts/confcheck.Checker: Spark keys (registered entries,
SparkLauncher names, their value converters), `spark.hadoop.hive.*` (the HiveConf of the line's
built-in Hive client) and `spark.sql.catalog.*` (a loadable implementation and its options)."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import sparkenv as se

sys.path.insert(0, str(se.REPO / "Tests" / "charts"))

from confcheck import Problem, nearest, near_miss  # noqa: E402
from confsites import Setting  # noqa: E402

# Catalog implementations whose keys are known, and where the key list comes from.
SESSION_CATALOGS = {"org.apache.spark.sql.execution.datasources.v2.V2SessionCatalog"}
JDBC_CATALOG = "org.apache.spark.sql.execution.datasources.v2.jdbc.JDBCTableCatalog"


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

    def check_spark(self, s: Setting, version: str) -> list[Problem]:
        reg = self.lines[version]
        v = reg.verdicts({s.key: s.value})[s.key]
        if v["status"] == "unknown" and version.startswith("3.") and s.key.startswith("spark.connect."):
            # PyPI's pyspark 3.5.7 lacks the Connect server jar: its keys are 4.1.0's registry's.
            reg, version = self.lines["4.1.0"], "4.1.0 (3.5.7's Connect server jar is not in the PyPI package)"
            v = reg.verdicts({s.key: s.value})[s.key]
        if v["status"] in ("unknown", "not-spark"):
            return [Problem(s, f"not a Spark {version} configuration key", nearest(s.key, reg.known))]
        if v.get("value_check") == "rejected":
            return [Problem(s, f"value {s.value!r} rejected by Spark {version}: {v.get('error')}")]
        return []

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

