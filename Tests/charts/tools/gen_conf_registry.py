"""Regenerate the configuration-key lists in Tests/charts/registry/ from the software's own source.

Each list is a JSON file with the version, where the keys came from (repository, ref, commit, path)
and the keys. The chart tests check every key a chart renders against these lists.

    # Apache Celeborn: CelebornConf.scala at a release tag (a clone or bare mirror of apache/celeborn)
    python gen_conf_registry.py celeborn --git DIR --ref v0.6.1 --version 0.6.1
    # Hive: MetastoreConf.java + HiveConf.java at a ref of an apache/hive clone
    python gen_conf_registry.py hive --git DIR --ref rel/release-4.0.0 --version 4.0.0
    # Hadoop: core-default.xml of the hadoop-client-api jar a PySpark install ships
    python gen_conf_registry.py hadoop --jar .venv-spark41/lib/python3.11/site-packages/pyspark/jars/hadoop-client-api-3.4.2.jar
    # S3A connector keys, added to hadoop-<version>.json: from a released hadoop-aws jar (exact:
    # the compiled String constants), or from the sources at a ref of a clone (--git, --ref)
    python gen_conf_registry.py s3a --version 3.4.2 --jar hadoop-aws-3.4.2.jar
    python gen_conf_registry.py s3a --version 3.3.4 --git DIR --ref REF --note "why this ref"

Output goes to Tests/charts/registry/<software>-<version>.json (--out to change).
"""
from __future__ import annotations

import argparse
import hashlib
import json
import re
import struct
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
S3A_SOURCES = "hadoop-tools/hadoop-aws/src/main/java/"
S3A_CLASSES = "org/apache/hadoop/fs/s3a/"


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


# ---------------------------------------------------------------- S3A connector keys
#
# S3A reads its options through String constants (Constants, CommitConstants, the audit and
# delegation constants...). A released hadoop-aws jar holds each compile-time constant as the
# field's ConstantValue, so the jar gives the exact list; the sources give the same values after
# folding "literal" + OTHER_CONSTANT concatenations.


def s3a_keys(values) -> list[str]:
    """The configuration keys among S3A's String constants. Left out: prefixes (ending in '.'),
    format patterns (%s) and fs.s3a.capability.*, the names hasPathCapability() answers to, which
    are no configuration."""
    return sorted({v for v in values if v.startswith("fs.s3a.") and not v.endswith(".") and "%" not in v
                   and not v.startswith("fs.s3a.capability.")})


# Constant-pool entry sizes after the tag byte (JVM spec 4.4); Long and Double take two slots.
CP_SIZES = {3: 4, 4: 4, 5: 8, 6: 8, 7: 2, 8: 2, 9: 4, 10: 4, 11: 4, 12: 4, 15: 3, 16: 2, 17: 4, 18: 4, 19: 2, 20: 2}
STATIC_FINAL = 0x0008 | 0x0010


def constant_pool(data: bytes) -> tuple[dict, int]:
    """({index: UTF-8 text or (tag, raw bytes)}, offset after the pool) of a class file."""
    if data[:4] != b"\xca\xfe\xba\xbe":
        raise ValueError("not a class file")
    count, pos, pool, i = struct.unpack_from(">H", data, 8)[0], 10, {}, 1
    while i < count:
        tag = data[pos]
        if tag == 1:
            n = struct.unpack_from(">H", data, pos + 1)[0]
            pool[i] = data[pos + 3:pos + 3 + n].decode("utf-8", "replace")
            pos += 3 + n
        elif tag in CP_SIZES:
            pool[i] = (tag, data[pos + 1:pos + 1 + CP_SIZES[tag]])
            pos += 1 + CP_SIZES[tag]
            i += tag in (5, 6)
        else:
            raise ValueError(f"unknown constant-pool tag {tag} at byte {pos}")
        i += 1
    return pool, pos


def class_strings(data: bytes) -> set[str]:
    """Every string literal a class file's code or fields use (its CONSTANT_String entries)."""
    pool, _ = constant_pool(data)
    return {pool[struct.unpack(">H", e[1])[0]] for e in pool.values() if isinstance(e, tuple) and e[0] == 8}


def class_string_constants(data: bytes) -> dict[str, str]:
    """{field: value} of every static final String field with a ConstantValue in a class file."""
    pool, pos = constant_pool(data)
    interfaces = struct.unpack_from(">H", data, pos + 6)[0]
    pos += 8 + 2 * interfaces
    out, fields, pos = {}, struct.unpack_from(">H", data, pos)[0], pos + 2
    for _ in range(fields):
        flags, name, desc, attrs = struct.unpack_from(">HHHH", data, pos)
        pos += 8
        for _ in range(attrs):
            aname, alen = struct.unpack_from(">HI", data, pos)
            if (pool[aname] == "ConstantValue" and flags & STATIC_FINAL == STATIC_FINAL
                    and pool[desc] == "Ljava/lang/String;"):
                tag, ref = pool[struct.unpack_from(">H", data, pos + 6)[0]]
                out[pool[name]] = pool[struct.unpack(">H", ref)[0]]
            pos += 6 + alen
    return out


def jar_s3a(jar: Path) -> tuple[list[str], dict]:
    values, version = [], None
    with zipfile.ZipFile(jar) as z:
        for n in z.namelist():
            if n.startswith(S3A_CLASSES) and n.endswith(".class"):
                values += class_string_constants(z.read(n)).values()
            elif n.endswith("hadoop-aws/pom.properties"):
                version = re.search(r"^version=(.+)$", z.read(n).decode(), re.M).group(1).strip()
    source = {"artifact": jar.name, "sha256": hashlib.sha256(jar.read_bytes()).hexdigest(), "version": version,
              "method": f"ConstantValue of the static final String fields of {S3A_CLASSES}** in the released jar"}
    return s3a_keys(values), source


JAVA_STRING_CONST = re.compile(r"\bstatic\s+final\s+String\s+([A-Z][A-Z0-9_]*)\s*=\s*([^;]*);")
JAVA_TERM = re.compile(r'"((?:[^"\\]|\\.)*)"|([A-Za-z_][\w.]*?)(\.toLowerCase\([^)]*\))?(?=\s*(?:\+|$))')


def fold_constants(decls: dict[tuple[str, str], str]) -> dict[tuple[str, str], str]:
    """Values of {(class, NAME): Java expression} whose expression is a concatenation of string
    literals and other such constants (Class.NAME, or NAME of the same class or unique by name)."""
    by_name: dict[str, list[str]] = {}
    for cls, name in decls:
        by_name.setdefault(name, []).append(cls)
    done: dict[tuple[str, str], str | None] = {}

    def value(cls: str, name: str) -> str | None:
        if (cls, name) not in done:
            done[(cls, name)] = None  # a cycle resolves to nothing
            done[(cls, name)] = term_values(decls[(cls, name)].strip(), cls)
        return done[(cls, name)]

    def term_values(expr: str, cls: str) -> str | None:
        out, end = "", 0
        for m in JAVA_TERM.finditer(expr):
            if expr[end:m.start()].strip() not in ("", "+"):
                return None  # a method call or other runtime value
            end = m.end()
            if m.group(1) is not None:
                out += m.group(1)
                continue
            *owner, name = m.group(2).split(".")
            owners = [owner[-1]] if owner else [cls] if (cls, name) in decls else by_name.get(name, [])
            if len(owners) != 1 or (owners[0], name) not in decls:
                return None
            v = value(owners[0], name)
            if v is None:
                return None
            out += v.lower() if m.group(3) else v
        return out if expr[end:].strip() == "" else None

    return {k: v for k in decls if (v := value(*k)) is not None}


def java_string_constants(cls: str, text: str) -> dict[tuple[str, str], str]:
    """{(cls, NAME): expression} of the static final String declarations of a Java source."""
    text = re.sub(r"/\*.*?\*/", "", text, flags=re.S)  # javadoc quotes keys that are no declaration
    return {(cls, m.group(1)): m.group(2) for m in JAVA_STRING_CONST.finditer(text)}


def git_s3a(git_dir: str, ref: str) -> tuple[list[str], dict]:
    commit = git(git_dir, "rev-parse", f"{ref}^{{commit}}").strip()
    decls = {}
    for path in git(git_dir, "ls-tree", "-r", "--name-only", commit, S3A_SOURCES).split():
        if path.endswith(".java"):
            decls.update(java_string_constants(Path(path).stem, git(git_dir, "show", f"{commit}:{path}")))
    pom = git(git_dir, "show", f"{commit}:hadoop-tools/hadoop-aws/pom.xml")
    version = re.search(r"<artifactId>hadoop-aws</artifactId>\s*<version>([^<]+)</version>", pom).group(1)
    source = {"ref": ref, "commit": commit, "version": version, "paths": [S3A_SOURCES],
              "method": "static final String constants of the hadoop-aws sources, concatenations folded"}
    return s3a_keys(fold_constants(decls).values()), source


def cmd_s3a(a) -> dict:
    """The S3A keys, added to the hadoop-<version>.json the core-default.xml list is in."""
    f = a.out / f"hadoop-{a.version}.json"
    if not f.is_file():
        raise SystemExit(f"{f}: generate the core-default.xml list first (gen_conf_registry.py hadoop)")
    keys, source = jar_s3a(Path(a.jar)) if a.jar else git_s3a(a.git, a.ref)
    if a.git:
        source["repository"] = origin(a)
    source.update(exact=bool(a.jar) and source["version"] == a.version, note=a.note or "")
    return dict(json.loads(f.read_text()), s3a=keys, s3a_source=source)


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
    s = sub.add_parser("s3a")
    s.add_argument("--version", required=True, help="the Hadoop version whose list gets the keys")
    src = s.add_mutually_exclusive_group(required=True)
    src.add_argument("--jar", help="a released hadoop-aws-<version>.jar (exact)")
    src.add_argument("--git", help="git dir of an apache/hadoop clone or mirror (with --ref)")
    s.add_argument("--ref", help="tag, branch or commit of --git")
    s.add_argument("--repository", help="where the clone came from (default: its origin URL)")
    s.add_argument("--note", help="provenance note stored with the keys")
    p.add_argument("--out", type=Path, default=REGISTRY)
    a = p.parse_args(argv)
    if a.software == "s3a" and a.git and not a.ref:
        p.error("s3a --git needs --ref")
    data = {"celeborn": cmd_celeborn, "hive": cmd_hive, "hadoop": cmd_hadoop, "s3a": cmd_s3a}[a.software](a)
    a.out.mkdir(parents=True, exist_ok=True)
    name = "hadoop" if a.software == "s3a" else a.software
    f = a.out / f"{name}-{data['version']}.json"
    if a.software == "hadoop" and f.is_file():  # keep the S3A keys a separate run added
        data = {**{k: v for k, v in json.loads(f.read_text()).items() if k.startswith("s3a")}, **data}
    data["generated_by"] = f"Tests/charts/tools/gen_conf_registry.py {name} ({__doc__.strip().splitlines()[0]})"
    f.write_text(json.dumps(data, indent=1, sort_keys=True) + "\n")
    print(f"{f}: {sum(len(v) for k, v in data.items() if k in ('keys', 'metastore', 'hive', 'core', 's3a'))} keys")
    return 0


if __name__ == "__main__":
    sys.exit(main())
