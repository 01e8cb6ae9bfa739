"""Judge every rendered setting (confsites.Setting) against the key list of the software that
reads it: Celeborn, Hadoop and Hive from the lists in registry/ (with their provenance), Spark,
Spark's built-in Hive client and catalog plugins from the line's real PySpark registry when the
caller hands one in (make test-spark does; the chart suite alone leaves those to it).

Only where the software itself takes arbitrary keys is a prefix accepted, and OPEN says which
and why. A problem names the chart file, the key and the nearest known key."""
from __future__ import annotations

import difflib
import functools
import json
import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from confsites import Setting

REGISTRY = Path(__file__).resolve().parent / "registry"

# Each Spark line and the Hadoop its PySpark build bundles (hadoop-client-api-<v>.jar; make
# test-spark checks both the version and the key list against the wheel).
SPARK_LINES = {"3.5": {"spark": "3.5.7", "hadoop": "3.3.4"}, "4.1": {"spark": "4.1.0", "hadoop": "3.4.2"}}
CHART_LINES = {"spark-3.5": "3.5", "spark-4.1": "4.1"}

# Namespaces where the software takes keys it does not list, and why; the chart tests print them.
OPEN = {
    "hadoop": {
        "fs.s3a.bucket.": "S3A per-bucket override: fs.s3a.bucket.<bucket>.<option> is read as fs.s3a.<option> "
                          "for that bucket (S3AUtils.propagateBucketOptions); the <option> part is checked",
    },
    "hadoop-patterns": {
        r"fs\.[a-z0-9]+\.impl": "FileSystem.getFileSystemClass reads fs.<scheme>.impl for any scheme (the plugin "
                                "mechanism of hadoop-common FileSystem.java: hadoop-aws registers s3a through it)",
        r"fs\.AbstractFileSystem\.[a-z0-9]+\.impl": "AbstractFileSystem.createFileSystem reads it for any scheme",
        r"fs\.[a-z0-9]+\.impl\.disable\.cache": "FileSystem.get reads it for any scheme",
    },
    "hive": {
        "javax.jdo.": "the metastore hands every javax.jdo.* property to DataNucleus (ObjectStore); keys within "
                      "one edit (two from 8 characters) of a listed key are still reported as misspellings",
        "datanucleus.": "the metastore hands every datanucleus.* property to DataNucleus (ObjectStore); keys within one "
                        "edit (two from 8 characters) of a listed key are still reported as misspellings",
    },
    "catalog": {
        "org.apache.spark.sql.execution.datasources.v2.jdbc.JDBCTableCatalog":
            "options Spark's JDBC source does not know are passed to the JDBC driver as connection properties; "
            "options within one edit (two from 8 characters) of a Spark JDBC option are still reported as misspellings",
    },
}
CATALOG = "spark.sql.catalog."
# Celeborn categories whose keys only servers read: set on the Spark client they do nothing.
SERVER_ONLY = {"master", "worker", "ha"}


@dataclass
class Problem:
    setting: Setting
    message: str
    nearest: str | None = None

    def __str__(self) -> str:
        near = f" (nearest known key: {self.nearest})" if self.nearest else ""
        return f"{self.setting.place()}: {self.setting.key}: {self.message}{near}"


def load(name: str) -> dict:
    f = REGISTRY / f"{name}.json"
    if not f.is_file():
        raise FileNotFoundError(f"no key list {f.name} in {REGISTRY}: generate it with "
                                f"Tests/charts/tools/gen_conf_registry.py")
    return json.loads(f.read_text())


def nearest(name: str, known) -> str | None:
    hits = difflib.get_close_matches(name, list(known), n=1, cutoff=0.6)
    return hits[0] if hits else None


def edit_distance(a: str, b: str, limit: int = 2) -> int:
    """Levenshtein distance, giving up (returning limit + 1) once it must exceed limit."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        if min(cur) > limit:
            return limit + 1
        prev = cur
    return prev[-1]


def near_miss(name: str, known) -> str | None:
    """A known key one edit away (two for names of 8 characters or more): in an open namespace
    that is a misspelling, not a new key."""
    limit = 2 if len(name) >= 8 else 1
    return next((k for k in known if k != name and edit_distance(name, k, limit) <= limit), None)


# ---------------------------------------------------------------- key lists


@functools.lru_cache(maxsize=None)
def hadoop_keys(version: str) -> frozenset[str]:
    """core-default.xml of the line's Hadoop and the S3A connector's own keys (hadoop-aws, which
    reads many that core-default.xml does not document)."""
    d = load(f"hadoop-{version}")
    return frozenset(d["core"]) | frozenset(d.get("s3a", ()))


@functools.lru_cache(maxsize=None)
def hive_keys(version: str) -> dict[str, str | None]:
    """{key: type or None}: metastore names, their hive.* aliases and HiveConf names, all three
    read by the metastore (a MetastoreConf entry wins over the HiveConf one of the same name)."""
    d = load(f"hive-{version}")
    out = {k: e.get("type") for k, e in d["hive"].items()}
    for k, e in d["metastore"].items():
        out[k] = e.get("type")
        if e.get("hive_name"):
            out[e["hive_name"]] = e.get("type")
    return out


@functools.lru_cache(maxsize=None)
def celeborn_keys(version: str) -> tuple[dict, list[tuple[re.Pattern, str]]]:
    """({key or alternative: entry}, [(pattern, key)] for keys with <id>/<module>-style parts)."""
    d = load(f"celeborn-{version}")
    exact, patterns = {}, []
    for key, entry in d["keys"].items():
        for k in [key, *entry["alternatives"]]:
            exact[k] = dict(entry, key=key)
            if "<" in k:
                rx = re.escape(k)
                rx = re.sub(r"<[A-Za-z]+>", r"[^.]+", rx.replace(r"\<", "<").replace(r"\>", ">"))
                patterns.append((re.compile(rx + "$"), k))
    return exact, patterns


# ---------------------------------------------------------------- values

TYPE_CHECKS = {
    "boolean": (re.compile(r"(?i)^(true|false)$"), "true or false"),
    "int": (re.compile(r"^-?[0-9]+$"), "an integer"),
    "long": (re.compile(r"^-?[0-9]+$"), "an integer"),
    "double": (re.compile(r"^-?[0-9]+(\.[0-9]+)?$"), "a number"),
    "time": (re.compile(r"(?i)^[0-9]+(us|ms|s|m|min|h|d)?$"), "a duration like 30s"),
    "bytes": (re.compile(r"(?i)^[0-9]+(b|k|kb|m|mb|g|gb|t|tb|p|pb)?$"), "a size like 64m"),
}


def typed_value_problem(kind: str | None, value: str, reader: str) -> str | None:
    if "{{" in value or "$(" in value:
        return None  # filled in at deploy time
    check = TYPE_CHECKS.get(kind or "")
    if check and not check[0].match(value):
        return f"value {value!r} is not {check[1]} ({reader} reads it as {kind})"
    return None


def celeborn_value_problem(entry: dict, value: str, version: str) -> str | None:
    if (msg := typed_value_problem(entry["type"], value, f"Celeborn {version}")):
        return msg
    allowed = entry.get("allowed")
    if allowed and value.upper() not in {a.upper() for a in allowed}:
        return f"value {value!r} is not one of {', '.join(allowed)}"
    return None


# ---------------------------------------------------------------- the checker


@dataclass
class Versions:
    chart: str
    line: str | None = None          # "3.5" / "4.1"
    hive: str | None = None          # metastore image tag
    celeborn_server: str | None = None
    celeborn_client: str | None = None
    celeborn_client_from: str | None = None  # where celeborn_client was read

    @property
    def hadoop(self) -> str | None:
        return SPARK_LINES[self.line]["hadoop"] if self.line else None

    @property
    def spark(self) -> str | None:
        return SPARK_LINES[self.line]["spark"] if self.line else None


def image_tag(rendered: dict[str, str], repo: str) -> str | None:
    m = re.search(r"image: [\"']?(?:[^\s\"']*/)?" + re.escape(repo) + r":([A-Za-z0-9_.\-]+)", "\n".join(rendered.values()))
    return m.group(1) if m else None


def versions_of(chart: str, rendered: dict[str, str]) -> Versions:
    """What each setting's reader is, as this render deploys it: the line from the chart (or the
    SparkApplication's sparkVersion), Hive and Celeborn servers from their images, the Celeborn
    client from its artifact when the render downloads one (spark.jars.packages, a jar URL), else
    the one in the Spark image, which moves with the server tag (ADR 0012). With neither, the
    client's keys are reported as uncheckable, never passed unread."""
    text = "\n".join(rendered.values())
    line = CHART_LINES.get(chart)
    if line is None:
        m = re.search(r"sparkVersion: [\"']?([0-9]+\.[0-9]+)", text)
        line = m.group(1) if m and m.group(1) in SPARK_LINES else None
    server = image_tag(rendered, "celeborn")
    m = re.search(r"celeborn-client-spark-[0-9]+(?:-shaded)?_[0-9.]+[:/-]([0-9][0-9.]*[0-9])", text)
    if m:
        client, source = m.group(1), "the downloaded client artifact"
    elif server:
        client, source = server, "the Celeborn server image tag (the client in the Spark image moves with it)"
    else:
        client, source = None, None
    return Versions(chart, line, image_tag(rendered, "hive"), server, client, source)


def readers_of(chart: str, rendered: dict[str, str]) -> list[Versions]:
    """The readers each setting is judged by: one set of versions when the render names its Spark
    line; when it names none (the operator's spark-defaults.conf, loaded into every SparkApplication
    whatever its line), one per supported line, so a key must hold on each."""
    v = versions_of(chart, rendered)
    return [v] if v.line else [replace(v, line=line) for line in SPARK_LINES]


@dataclass
class Checker:
    versions: Versions
    spark: object | None = None   # a registry from make test-spark (Tests/spark/sparkreg.py), or None
    skipped: dict = field(default_factory=dict)  # software -> count left to make test-spark

    def check(self, settings: list[Setting]) -> list[Problem]:
        # Catalog options are judged by the implementation the same render sets for that catalog.
        self.catalogs = {s.key[len(CATALOG):]: s.value for s in settings
                         if s.software == "catalog" and "." not in s.key[len(CATALOG):]}
        # A metrics sink's options are judged by the sink class the same render sets.
        self.spark_conf = {s.key: s.value for s in settings if s.software == "spark"}
        out = []
        for s in settings:
            fn = getattr(self, "check_" + s.software.replace("-", "_"))
            out += fn(s)
        return out

    def defer(self, s: Setting) -> list[Problem]:
        self.skipped[s.software] = self.skipped.get(s.software, 0) + 1
        return []

    def need(self, s: Setting, what: str, version: str | None) -> Problem | None:
        if version:
            return None
        return Problem(s, f"the chart deploys no {what} this test can name a version for, so the key cannot be checked")

    # -- Hadoop: core-default.xml and S3A keys of the line's Hadoop, the S3A per-bucket form, fs.<scheme>.impl.
    def check_hadoop(self, s: Setting) -> list[Problem]:
        v = self.versions.hadoop
        if (p := self.need(s, "Spark line (so no Hadoop)", v)):
            return [p]
        known = hadoop_keys(v)
        name = s.name
        if name.startswith("fs.s3a.bucket."):
            parts = name.split(".", 4)
            name = "fs.s3a." + parts[4] if len(parts) == 5 else name
        if name in known or any(re.fullmatch(rx, name) for rx in OPEN["hadoop-patterns"]):
            return []
        return [Problem(s, f"not a key of Hadoop {v} (core-default.xml of the hadoop-client-api jar Spark "
                           f"{self.versions.spark} ships, nor of its S3A connector)", nearest(name, known))]

    # -- Hive Metastore: MetastoreConf/HiveConf of the image's Hive; JDO/DataNucleus pass-through.
    def check_hive(self, s: Setting) -> list[Problem]:
        v = self.versions.hive
        if (p := self.need(s, "Hive Metastore image", v)):
            return [p]
        known = hive_keys(v)
        if s.name in known:
            return [Problem(s, msg)] if (msg := typed_value_problem(known[s.name], s.value, f"Hive {v}")) else []
        if s.name.startswith(tuple(OPEN["hive"])):
            miss = near_miss(s.name, known)
            return [Problem(s, f"passed to DataNucleus unread by Hive {v}, and a near miss of a "
                               f"Hive key: a misspelling", miss)] if miss else []
        return [Problem(s, f"not a key of Hive {v} (MetastoreConf/HiveConf)", nearest(s.name, known))]

    # -- Celeborn: CelebornConf of the pinned release.
    def celeborn(self, s: Setting, version: str | None, role: str) -> list[Problem]:
        if (p := self.need(s, f"Celeborn {role}", version)):
            return [p]
        exact, patterns = celeborn_keys(version)
        entry = exact.get(s.name) or next((exact[k] for rx, k in patterns if rx.match(s.name)), None)
        if entry is None:
            return [Problem(s, f"not a key of Celeborn {version}", nearest(s.name, list(exact)))]
        out = []
        if role == "client" and entry["categories"] and set(entry["categories"]) <= SERVER_ONLY:
            out.append(Problem(s, f"a Celeborn {version} server key ({', '.join(entry['categories'])}): "
                                  f"the Spark client does not read it"))
        if (msg := celeborn_value_problem(entry, s.value, version)):
            out.append(Problem(s, msg))
        return out

    def check_celeborn_server(self, s: Setting) -> list[Problem]:
        return self.celeborn(s, self.versions.celeborn_server, "server")

    def check_celeborn_client(self, s: Setting) -> list[Problem]:
        return self.celeborn(s, self.versions.celeborn_client, "client")

    # -- Spark, its built-in Hive client and catalog plugins: the line's real registry.
    def via_spark(self, s: Setting, judge: str, *extra) -> list[Problem]:
        if self.spark is None:
            return self.defer(s)
        if (p := self.need(s, "Spark line", self.versions.spark)):
            return [p]
        return getattr(self.spark, judge)(s, self.versions.spark, *extra)

    def check_spark(self, s: Setting) -> list[Problem]:
        return self.via_spark(s, "check_spark", self.spark_conf)

    def check_hive_client(self, s: Setting) -> list[Problem]:
        return self.via_spark(s, "check_hive_client")

    def check_catalog(self, s: Setting) -> list[Problem]:
        return self.via_spark(s, "check_catalog", self.catalogs)
