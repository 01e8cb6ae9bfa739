"""Regenerate the configuration-key lists in Tests/charts/registry/ from the software's own source.

Each list is a JSON file with the version, where the keys came from (repository, ref, commit, path)
and the keys. The chart tests check every key a chart renders against these lists.

    # Apache Celeborn: CelebornConf.scala at a release tag (a clone or bare mirror of apache/celeborn)
    python gen_conf_registry.py celeborn --git DIR --ref v0.6.1 --version 0.6.1
    # Hive: MetastoreConf.java + HiveConf.java at a ref of an apache/hive clone
    python gen_conf_registry.py hive --git DIR --ref rel/release-4.0.0 --version 4.0.0
    # Hadoop: core-default.xml of the hadoop-client-api jar a PySpark install ships
    python gen_conf_registry.py hadoop --jar .venv-spark41/lib/python3.11/site-packages/pyspark/jars/hadoop-client-api-3.4.2.jar

Output goes to Tests/charts/registry/<software>-<version>.json (--out to change).
"""
from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import zipfile
import xml.etree.ElementTree as ET
from pathlib import Path

REGISTRY = Path(__file__).resolve().parents[1] / "registry"

CELEBORN_CONF = "common/src/main/scala/org/apache/celeborn/common/CelebornConf.scala"
HIVE_CONF = "common/src/java/org/apache/hadoop/hive/conf/HiveConf.java"
# The standalone metastore moved into a metastore-common module in Hive 4.
METASTORE_CONF = ["standalone-metastore/metastore-common/src/main/java/org/apache/hadoop/hive/metastore/conf/MetastoreConf.java",
                  "standalone-metastore/src/main/java/org/apache/hadoop/hive/metastore/conf/MetastoreConf.java"]
CONF_TYPES = ("boolean", "int", "long", "double", "string", "time", "bytes")


def git(git_dir: str, *args: str) -> str:
    return subprocess.run(["git", "--git-dir", git_dir, *args], check=True, capture_output=True, text=True).stdout


def git_source(git_dir: str, ref: str, paths: list[str]) -> tuple[str, str, str]:
    """(path, text, commit) of the first of `paths` that exists at `ref`."""
    commit = git(git_dir, "rev-parse", f"{ref}^{{commit}}").strip()
    for p in paths:
        try:
            return p, git(git_dir, "show", f"{commit}:{p}"), commit
        except subprocess.CalledProcessError:
            continue
    raise SystemExit(f"none of {paths} exists at {ref} in {git_dir}")


def origin(a) -> str:
    if a.repository:
        return a.repository
    try:
        return git(a.git, "config", "--get", "remote.origin.url").strip()
    except subprocess.CalledProcessError:
        return a.git


def string_literals(text: str) -> list[str]:
    return re.findall(r'"((?:[^"\\]|\\.)*)"', text)


def parse_celeborn(text: str) -> tuple[dict, dict]:
    """Every buildConf("...") entry of CelebornConf.scala: alternatives, categories, type, allowed
    values; plus the removed keys (RemovedConfig) so a message can say a key is gone."""
    keys = {}
    chunks = re.split(r"\bbuildConf\((?=\s*\")", text)[1:]
    for chunk in chunks:
        chain = re.split(r"\n\s*(?:val|def|private|//)\s", chunk, maxsplit=1)[0]
        key = string_literals(chain)[0]
        entry = {"alternatives": re.findall(r'\.withAlternative\("([^"]+)"\)', chain)}
        cats = re.search(r"\.categories\(([^)]*)\)", chain)
        entry["categories"] = string_literals(cats.group(1)) if cats else []
        kind = re.search(r"\.(" + "|".join(CONF_TYPES) + r")Conf\b", chain)
        entry["type"] = kind.group(1) if kind else "other"
        allowed = re.search(r"\.checkValues\(\s*Set\(([^)]*)\)", chain)
        if allowed and string_literals(allowed.group(1)):
            entry["allowed"] = string_literals(allowed.group(1))
        if re.search(r"\.internal\b", chain):
            entry["internal"] = True
        keys[key] = entry
    removed = {}
    for m in re.finditer(r"RemovedConfig\(\s*\"([^\"]+)\"\s*,\s*\"([^\"]+)\"", text):
        removed[m.group(1)] = m.group(2)
    return keys, removed


def enum_body(text: str, marker: str) -> str:
    start = text.index("enum ConfVars")
    end = text.index(marker, start)
    return text[start:end]


# A literal default names the entry's type (the typed constructors take boolean, long, double).
DEFAULT_TYPES = [(r"(?:true|false)", "boolean"), (r"-?[0-9]+[lL]?", "int"), (r"-?[0-9]*\.[0-9]+[fFdD]?", "double")]


def literal_type(rest: str) -> dict:
    if re.match(r"\s*-?[0-9]+[lL]?\s*,\s*TimeUnit\.", rest):
        return {"type": "time"}  # MetastoreConf time entries: a number and its unit
    for rx, kind in DEFAULT_TYPES:
        if re.match(rf"\s*{rx}\s*[,)]", rest):
            return {"type": kind}
    return {}


def parse_metastore_conf(text: str) -> dict:
    """MetastoreConf.ConfVars: NAME("metastore.key", "hive.key", default, ...)."""
    body = enum_body(text, "private final String varname")
    out = {}
    for m in re.finditer(r'\b[A-Z][A-Z0-9_]*\(\s*"([^"]+)"\s*,\s*"([^"]*)"\s*,', body):
        entry = literal_type(body[m.end():])
        if m.group(2) and m.group(2) != m.group(1):
            entry["hive_name"] = m.group(2)
        out[m.group(1)] = entry
    return out


def parse_hive_conf(text: str) -> dict:
    """HiveConf.ConfVars: NAME("hive.key", default, ...)."""
    body = enum_body(text, "public final String varname")
    return {m.group(1): literal_type(body[m.end():])
            for m in re.finditer(r'\b[A-Z][A-Z0-9_]*\(\s*"([^"]+)"\s*,', body)}


def parse_core_default(xml_text: str) -> list[str]:
    root = ET.fromstring(xml_text)
    return sorted({p.findtext("name").strip() for p in root.iter("property") if p.findtext("name")})


def cmd_celeborn(a) -> dict:
    path, text, commit = git_source(a.git, a.ref, [CELEBORN_CONF])
    keys, removed = parse_celeborn(text)
    return {"software": "Apache Celeborn", "version": a.version,
            "source": {"repository": origin(a), "ref": a.ref, "commit": commit, "paths": [path],
                       "method": "buildConf(...) entries of CelebornConf.scala"},
            "keys": keys, "removed": removed}


def cmd_hive(a) -> dict:
    mpath, mtext, commit = git_source(a.git, a.ref, METASTORE_CONF)
    hpath, htext, _ = git_source(a.git, a.ref, [HIVE_CONF])
    return {"software": "Apache Hive", "version": a.version,
            "source": {"repository": origin(a), "ref": a.ref, "commit": commit, "paths": [mpath, hpath],
                       "method": "ConfVars enum constants of MetastoreConf.java and HiveConf.java",
                       "note": a.note or ""},
            "metastore": parse_metastore_conf(mtext), "hive": parse_hive_conf(htext)}


def cmd_hadoop(a) -> dict:
    with zipfile.ZipFile(a.jar) as z:
        core = z.read("core-default.xml").decode()
        info = dict(line.split("=", 1) for line in z.read("common-version-info.properties").decode().splitlines()
                    if "=" in line and not line.startswith("#"))
    return {"software": "Apache Hadoop", "version": info["version"],
            "source": {"repository": info.get("url", ""), "commit": info.get("revision", ""),
                       "artifact": Path(a.jar).name, "paths": ["core-default.xml"],
                       "method": "every <property><name> of the core-default.xml inside the jar PySpark ships",
                       "note": a.note or ""},
            "core": parse_core_default(core)}


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest="software", required=True)
    for name in ("celeborn", "hive"):
        s = sub.add_parser(name)
        s.add_argument("--git", required=True, help="git dir of a clone or bare mirror")
        s.add_argument("--ref", required=True, help="tag, branch or commit")
        s.add_argument("--version", required=True, help="release version the ref stands for")
        s.add_argument("--note", help="provenance note stored with the list")
        s.add_argument("--repository", help="where the clone came from (default: its origin URL)")
    s = sub.add_parser("hadoop")
    s.add_argument("--jar", required=True, help="hadoop-client-api-<version>.jar")
    s.add_argument("--note", help="provenance note stored with the list")
    p.add_argument("--out", type=Path, default=REGISTRY)
    a = p.parse_args(argv)
    data = {"celeborn": cmd_celeborn, "hive": cmd_hive, "hadoop": cmd_hadoop}[a.software](a)
    a.out.mkdir(parents=True, exist_ok=True)
    f = a.out / f"{a.software}-{data['version']}.json"
    data["generated_by"] = f"Tests/charts/tools/gen_conf_registry.py {a.software} ({__doc__.strip().splitlines()[0]})"
    f.write_text(json.dumps(data, indent=1, sort_keys=True) + "\n")
    print(f"{f}: {sum(len(v) for k, v in data.items() if k in ('keys', 'metastore', 'hive', 'core'))} keys")
    return 0


if __name__ == "__main__":
    sys.exit(main())
