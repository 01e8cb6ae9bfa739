"""docsite's verdicts on values files agree with Helm v4's own.

Every case is a values file as bytes. The same bytes go to
`docsite validate --format json` and to Helm through helm-python-sdk the way
`helm install --dry-run=client -f FILE` reads them (see helmcli.py: the CLI's
multi-document loader, then a client-side dry-run install, which processes
dependencies, coalesces and validates the schemas). The cases cover five
areas on the real charts and on small fixture charts (Tests/schema/fixtures):

  subcharts  conditions (also `no`/`off`, non-booleans, a fallback path),
             tags and their precedence, aliases; a disabled subchart is not
             validated
  null       a null deletes a defaulted key; without a default it stays null
             and is validated (the JSON Schema suite's null cases included)
  yaml       YAML 1.1 as go-yaml v2 reads it, float64 numbers, tags, merge
             keys, duplicates, multi-document files, JSON
  messages   file and line of every error; a disabled subchart is never
             blamed; a null that removed a required key is pointed at
  paths      FILE from the current directory; --chart as a path or a name

plus plausible mistakes generated from the real charts' schemas and example
overlays. Set AGREEMENT_MUTATIONS to change how many per example (default 12).
"""
import json
import os
import random
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SUITE = ROOT.parent / "shared" / "json-schema-test-suite"
DOCSITE = Path(os.environ.get("DOCSITE", ROOT / ".build" / "release" / "docsite"))
CHARTS = ["spark-base", "spark-3.5", "spark-4.1", "spark-operator"]
MUTATIONS_PER_SOURCE = int(os.environ.get("AGREEMENT_MUTATIONS", "12"))

pytest.importorskip("helm_python", reason="helm-python-sdk is not installed (run `make venv`)")
import helmcli  # noqa: E402  (needs helm_python)


@dataclass
class Case:
    area: str
    chart: Path
    text: str
    description: str
    # Message expectations (area "messages"): the line an error must name,
    # and text no diagnostic may contain (a disabled subchart's schema).
    error_line: int | None = None
    never_mention: list = field(default_factory=list)


def chart(name):
    return ROOT / "charts" / name


UMBRELLA = FIXTURES / "umbrella"
PLAIN = FIXTURES / "plain"


# ---------------------------------------------------------------- subcharts

def subchart_cases():
    cases = []
    # Real charts: spark-connect (and spark-standalone) behind `condition: <name>.enabled`.
    for parent, subs in (("spark-4.1", ["spark-connect"]), ("spark-3.5", ["spark-connect", "spark-standalone"])):
        for sub in subs:
            for spelled in ("false", "no", "off", "Off", "NO", "n", "true", "yes", "on", '"false"', "0", "null", "~"):
                text = f"{sub}:\n  enabled: {spelled}\n  replicas: not-a-number\n  zzUnknown: 1\n"
                cases.append(Case("subcharts", chart(parent), text, f"{parent}: {sub}.enabled: {spelled} with a bad section",
                                  never_mention=[f"charts/{sub}/values.schema.json"] if spelled.lower() in ("false", "no", "off", "n") else []))
            cases.append(Case("subcharts", chart(parent), f"{sub}:\n  enabled: false\n  global:\n    storageClass: 5\n",
                              f"{parent}: {sub} off, its global section wrong"))
            cases.append(Case("subcharts", chart(parent), f"{sub}:\n  enabled: false\nglobal:\n  imageRegistry: NOT VALID\n",
                              f"{parent}: {sub} off, the parent's global still checked"))
            cases.append(Case("subcharts", chart(parent), f"{sub}: 5\n", f"{parent}: {sub} is not a map"))
            cases.append(Case("subcharts", chart(parent), f"{sub}: []\n", f"{parent}: {sub} is a list"))
            cases.append(Case("subcharts", chart(parent), f"{sub}: null\n", f"{parent}: {sub} nulled (defaults come back)"))
    # Fixture: web's condition is `web.enabled,global.webOn` and its tag `frontend`.
    bad_web = "web:\n  port: 0\n"
    for label, text, off in [
        ("web on by default", bad_web, False),
        ("web.enabled false", "web:\n  enabled: false\n  port: 0\n", True),
        ("web.enabled off", "web:\n  enabled: off\n  port: 0\n", True),
        ("web.enabled a string: the fallback path decides", "web:\n  enabled: \"no\"\n  port: 0\n", False),
        ("web.enabled a number: skipped", "web:\n  enabled: 0\n  port: 0\n", False),
        ("a key spelled on is the key true: web stays on", "web:\n  on: false\n  port: 0\n", False),
        ("global.webOn false", "global:\n  webOn: false\n" + bad_web, True),
        ("global.webOn no, web.enabled yes", "global:\n  webOn: no\nweb:\n  enabled: yes\n  port: 0\n", False),
        ("tag frontend false, condition true: the condition wins", "tags:\n  frontend: false\n" + bad_web, False),
        ("tag frontend false and condition false", "tags:\n  frontend: false\nglobal:\n  webOn: false\n" + bad_web, True),
        ("condition path missing: tag decides", "tags:\n  frontend: false\nglobal:\n  webOn: null\n" + bad_web, True),
        ("condition nulled, no tag: on", "global:\n  webOn: null\n" + bad_web, False),
        ("web off: its global rules are not checked", "web:\n  enabled: false\nglobal:\n  tier: x\n", True),
        ("web on: its global rules are checked", "global:\n  tier: x\n", False),
        ("web off, host removed", "web:\n  enabled: false\n  host: null\n", True),
        ("web on, host removed", "web:\n  host: null\n", False),
    ]:
        cases.append(Case("subcharts", UMBRELLA, text, f"umbrella: {label}",
                          never_mention=["charts/web/values.schema.json"] if off else []))
    # Fixture: db twice, as `database` (condition database.enabled) and `replica` (tag replicas, default false).
    for label, text, off in [
        ("database on, size 0", "database:\n  size: 0\n", []),
        ("database off, size 0", "database:\n  enabled: false\n  size: 0\n", ["database"]),
        ("database off with no", "database:\n  enabled: no\n  engine: oracle\n", ["database"]),
        ("replica off by tag default", "replica:\n  size: 0\n", ["replica"]),
        ("replica on by tag", "tags:\n  replicas: true\nreplica:\n  size: 0\n", []),
        ("replica on by tag yes", "tags:\n  replicas: yes\nreplica:\n  engine: oracle\n", []),
        ("replica tag a string: ignored", "tags:\n  replicas: \"true\"\nreplica:\n  size: 0\n", ["replica"]),
        ("the chart's own name is not a key", "db:\n  size: 5\n", []),
        ("replica on, section not a map", "tags:\n  replicas: on\nreplica: text\n", []),
        ("replica off, section not a map", "replica: text\n", []),
        ("database owner format in 2020-12 is an annotation", "database:\n  owner: not-an-email\n", []),
    ]:
        cases.append(Case("subcharts", UMBRELLA, text, f"umbrella: {label}"))
    # Fixture: cache with tags backend and extras, no condition.
    for label, text in [
        ("cache on", "cache:\n  ttl: -1\n"),
        ("cache backend false", "tags:\n  backend: false\ncache:\n  ttl: -1\n"),
        ("cache backend false, extras true", "tags:\n  backend: false\n  extras: true\ncache:\n  ttl: -1\n"),
        ("cache both off", "tags:\n  backend: off\n  extras: no\ncache:\n  ttl: -1\n"),
        ("cache both off, unknown key", "tags:\n  backend: off\n  extras: no\ncache:\n  zz: 1\n"),
        ("cache on, unknown key", "cache:\n  zz: 1\n"),
        ("cache ttl nulled (required, defaulted)", "cache:\n  ttl: null\n"),
    ]:
        cases.append(Case("subcharts", UMBRELLA, text, f"umbrella: {label}"))
    return cases


# --------------------------------------------------------------------- null

def null_cases():
    cases = []
    for label, text in [
        ("required with a default, nulled", "name: null\n"),
        ("required replicas nulled", "replicas: ~\n"),
        ("optional without a default stays null", "optional: null\n"),
        ("type null without a default", "nothing: null\n"),
        ("type null given a number", "nothing: 1\n"),
        ("unknown key set to null", "zzUnknown: null\n"),
        ("defaulted pattern property nulled", "limits:\n  cpu: null\n"),
        ("undefaulted pattern property null", "limits:\n  memory: null\n"),
        ("unknown nested key null", "limits:\n  gpu: null\n"),
        ("global key nulled", "global:\n  region: null\n"),
        ("whole global nulled", "global: null\n"),
        ("whole limits nulled", "limits: null\n"),
        ("annotation null", "annotations:\n  team: null\n"),
        ("subchart section nulled", "database: null\n"),
        ("subchart key without default null", "database:\n  owner: null\n"),
        ("subchart defaulted key nulled", "database:\n  size: null\n"),
        ("subchart required key nulled", "database:\n  engine: null\n"),
        ("tags nulled", "tags: null\n"),
        # Helm merges a subchart's nested global maps into the parent's shared ones.
        ("a subchart's nested global leaks into the parent's", "global:\n  net:\n    dns:\n      server: a\nweb:\n  global:\n    net:\n      dns:\n        extra: 1\n"),
        ("a subchart's global beside the parent's", "global:\n  net:\n    mtu: 1500\nweb:\n  global:\n    net:\n      extra: 1\n"),
        ("a disabled subchart's nested global does not leak", "global:\n  net:\n    dns:\n      server: a\nweb:\n  enabled: false\n  global:\n    net:\n      dns:\n        extra: 1\n"),
        ("a subchart's nested global, parent has none", "web:\n  global:\n    net:\n      extra: 1\n"),
        ("a disabled subchart's nested global", "global:\n  net:\n    mtu: 1500\nweb:\n  enabled: false\n  global:\n    net:\n      extra: 1\n"),
        ("a subchart's global scalar against the parent's map", "global:\n  net:\n    mtu: 1\ncache:\n  global:\n    net: 5\n"),
        ("a subchart's global null", "global:\n  net:\n    mtu: 1\ncache:\n  global:\n    net: null\n"),
    ]:
        cases.append(Case("null", UMBRELLA, text, f"umbrella: {label}"))
    for label, text in [
        ("required map nulled", "image: null\n"),
        ("required nested key nulled", "image:\n  repository: null\n"),
        ("defaulted nested key nulled twice", "image:\n  tag: null\n  repository: null\n"),
        ("nested null default stays away", "nested:\n  value: 2\n"),
        ("nested null default given null", "nested:\n  keep: null\n"),
        ("nested key without default null", "nested:\n  free: null\n"),
        ("nested unknown null", "nested:\n  zz: null\n"),
        ("top-level null default given null", "nullDefault: null\n"),
        ("top-level null default given a number", "nullDefault: 5\n"),
        ("list nulled", "list: null\n"),
        ("list item null", "list: [1, null]\n"),
        ("required port nulled", "service:\n  port: null\n"),
        ("service nulled", "service: null\n"),
        ("email null", "email: null\n"),
    ]:
        cases.append(Case("null", PLAIN, text, f"plain: {label}"))
    # Real charts: a null over a defaulted key, and an unknown key set to null.
    cases.append(Case("null", chart("spark-4.1"), "spark-connect:\n  replicas: null\n", "spark-4.1: subchart key nulled"))
    cases.append(Case("null", chart("spark-4.1"), "spark-connect:\n  zzUnknown: null\n", "spark-4.1: subchart unknown key null"))
    cases.append(Case("null", chart("spark-base"), "minio:\n  zz: null\n", "spark-base: unknown key null"))
    cases.append(Case("null", chart("spark-base"), "minio:\n  service: null\n", "spark-base: a defaulted map nulled"))
    cases.append(Case("null", chart("spark-operator"), "controller: null\n", "spark-operator: a defaulted map nulled"))
    return cases


def suite_null_cases(tmp_path):
    """The official suite's groups whose data hold nulls, each as a chart whose
    schema is the group's and whose values file is the test's data."""
    cases = []
    if not SUITE.exists():
        return cases
    picks = [("allOf.json", "allOf with base schema"), ("patternProperties.json", "patternProperties with null valued instance properties"),
             ("patternProperties.json", "regexes are not anchored by default and are case sensitive"),
             ("properties.json", "properties, patternProperties, additionalProperties interaction"),
             ("required.json", "required validation"), ("type.json", "null type matches only the null object")]
    for draft in ("draft7", "draft2020-12"):
        for file, group_name in picks:
            groups = json.loads((SUITE / "tests" / draft / file).read_text())
            for g_index, group in enumerate(g for g in groups if g["description"] == group_name):
                folder = tmp_path / "suite" / f"{draft}-{file[:-5]}-{g_index}"
                (folder / "templates").mkdir(parents=True, exist_ok=True)
                (folder / "Chart.yaml").write_text(f"apiVersion: v2\nname: suite\nversion: 1.0.0\n")
                (folder / "values.yaml").write_text("")
                (folder / "values.schema.json").write_text(json.dumps(group["schema"]))
                for test in group["tests"]:
                    if isinstance(test["data"], dict):
                        cases.append(Case("null", folder, json.dumps(test["data"]),
                                          f"suite {draft} {file} / {group_name} / {test['description']}"))
    return cases


# --------------------------------------------------------------------- yaml

def yaml_cases():
    port = "minio:\n  service:\n    apiPort: {}\n"
    tag = "minio:\n  image:\n    tag: {}\n"
    cases = []
    for value in ("0755", "0o755", "+9083", "-1", "0x1F", "0b101", "1_000", "09", "012_3", "1e3", "1.0", "65535.0000000000001",
                  "65535.5", "65536", "18446744073709551615", "9007199254740993", "1e400", ".inf", "-.Inf", ".nan",
                  "!!int \"17\"", "!!str 17", "!!float 17", "!!int 1.5", "!!int abc", "\"17\"", "'17'", "!custom 17", "~", "",
                  "[80]", "{a: 1}", "0.0", "-0", ".5"):
        cases.append(Case("yaml", chart("spark-base"), port.format(value), f"apiPort: {value}"))
    for value in ("yes", "no", "y", "n", "on", "off", "On", "OFF", "yEs", "True", "1.10", "4.1.0", "2001-12-14", "2001-12-14t21:59:43.10-05:00",
                  "!!binary aGVsbG8=", "!!binary '%%%'", "|\n      text", ">-\n      folded", "!!timestamp 2001-12-14", "!!bool yes", "!!null ''",
                  "null", "Null", "NULL", "nul"):
        cases.append(Case("yaml", chart("spark-base"), tag.format(value), f"image.tag: {value}"))
    enabled = "minio:\n  enabled: {}\n"
    for value in ("y", "Y", "n", "N", "yes", "Yes", "YES", "no", "No", "NO", "on", "ON", "off", "Off", "true", "FALSE", "yEs", "oN", "1"):
        cases.append(Case("yaml", chart("spark-base"), enabled.format(value), f"minio.enabled: {value}"))
    for label, text in [
        ("merge key", "base: &p {apiPort: 80}\nminio:\n  service:\n    <<: *p\n"),
        ("merge key into a valid section", "minio:\n  service: &s\n    apiPort: 80\npostgresql:\n  service:\n    <<: *s\n"),
        ("merge key list", "minio:\n  service:\n    <<: [{apiPort: 0}, {apiPort: 80}]\n"),
        ("merge then explicit", "minio:\n  service:\n    <<: {apiPort: 0}\n    apiPort: 80\n"),
        ("explicit then merge", "minio:\n  service:\n    apiPort: 80\n    <<: {apiPort: 0}\n"),
        ("merge of a scalar", "minio:\n  service:\n    <<: 5\n"),
        ("quoted << is a key", "minio:\n  service:\n    \"<<\": {apiPort: 0}\n"),
        ("anchor and alias", "minio:\n  service:\n    apiPort: &p 0\n    consolePort: *p\n"),
        ("unknown alias", "minio:\n  service:\n    apiPort: *nope\n"),
        ("duplicate key, last valid", "minio:\n  service:\n    apiPort: 0\n    apiPort: 80\n"),
        ("duplicate key, last invalid", "minio:\n  service:\n    apiPort: 80\n    apiPort: 0\n"),
        ("duplicate section", "minio:\n  service:\n    apiPort: 0\nminio:\n  enabled: true\n"),
        ("two documents merge", "minio:\n  service:\n    apiPort: 80\n---\nminio:\n  service:\n    consolePort: 0\n"),
        ("second document fixes the first", "minio:\n  service:\n    apiPort: 0\n---\nminio:\n  service:\n    apiPort: 80\n"),
        ("separator with a comment", "minio:\n  enabled: true\n--- # next\nminio:\n  service:\n    apiPort: 0\n"),
        ("content after ---", "--- minio: {}\n"),
        ("content after --- later", "minio: {}\n--- {minio: {}}\n"),
        ("a list document", "minio: {}\n---\n- 1\n"),
        ("a null document", "minio:\n  service:\n    apiPort: 0\n---\nnull\n"),
        ("an empty document between", "---\n---\nminio:\n  service:\n    apiPort: 0\n"),
        ("end marker hides the rest", "minio:\n  enabled: true\n...\nminio:\n  service:\n    apiPort: 0\n"),
        ("end marker then ---", "minio:\n  enabled: true\n...\n---\nminio:\n  service:\n    apiPort: 0\n"),
        ("empty file", ""),
        ("only comments", "# nothing\n# here\n"),
        ("only ---", "---\n"),
        ("only null", "null\n"),
        ("only ~", "~\n"),
        ("a scalar file", "hello\n"),
        ("a list file", "- a\n- b\n"),
        ("CRLF line ends", "minio:\r\n  service:\r\n    apiPort: 0\r\n"),
        ("CRLF documents", "minio:\r\n  enabled: true\r\n---\r\nminio:\r\n  service:\r\n    apiPort: 0\r\n"),
        ("CRLF separator with content", "minio: {}\r\n--- x\r\n"),
        ("tabs as indentation", "minio:\n\tservice: {}\n"),
        ("bad indentation", "minio:\n  service:\n   apiPort: 80\n  enabled: true\n"),
        ("unclosed quote", "minio:\n  image:\n    tag: \"abc\n"),
        ("YAML 1.1 key on", "on: 1\n"),
        ("integer key", "minio:\n  1: x\n"),
        ("null key", "minio:\n  ~: x\n"),
        ("float key", "commonLabels:\n  1.5: x\n"),
        ("bool key label", "commonLabels:\n  yes: x\n"),
        ("big integer key", "commonLabels:\n  18446744073709551615: x\n"),
        ("a %YAML directive", "%YAML 1.1\n---\nminio: {}\n"),
        ("JSON file", '{"minio": {"service": {"apiPort": 0}}}'),
        ("JSON file valid", '{"minio": {"service": {"apiPort": 80, "consolePort": 9001}}}'),
        ("JSON duplicate keys", '{"minio": {"service": {"apiPort": 0, "apiPort": 80}}}'),
        ("JSON big number", '{"minio": {"service": {"apiPort": 65535.0000000000001}}}'),
        ("JSON exponent", '{"minio": {"service": {"apiPort": 8e1}}}'),
        ("JSON string number", '{"minio": {"service": {"apiPort": "80"}}}'),
        ("JSON trailing comma", '{"minio": {"enabled": true,}}'),
    ]:
        cases.append(Case("yaml", chart("spark-base"), text, label))
    for label, text in [
        ("draft-07 format email asserted", "email: nope\n"),
        ("draft-07 format email ok", "email: a@b.c\n"),
        ("draft-07 format ipv4 asserted", "ipv4: 1.2.3\n"),
        ("draft-07 $ref maximum", "service:\n  port: 70000\n"),
        ("draft-07 $ref octal", "service:\n  port: 0777\n"),
        ("list of YAML 1.1 values", "list: [0x10, 010, +1]\n"),
        ("list with a boolean", "list: [1, yes]\n"),
    ]:
        cases.append(Case("yaml", PLAIN, text, f"plain: {label}"))
    return cases


# ----------------------------------------------------------------- messages

def message_cases():
    return [
        Case("messages", PLAIN, "# the image\nimage:\n  repository: null\n", "null removing a required key: its line",
             error_line=3),
        Case("messages", PLAIN, "service:\n  port: 80\n\nimage:\n  tag: null\n", "null removing a required key (tag): its line",
             error_line=5),
        Case("messages", PLAIN, "service:\n  port: 0\n", "rule and line of a nested key", error_line=2),
        Case("messages", UMBRELLA, "\n\nannotations:\n  \"example.com/team\": 5\n", "a key with dots", error_line=4),
        Case("messages", UMBRELLA, "web:\n  enabled: false\n  port: 0\nreplicas: 0\n", "disabled subchart not blamed",
             error_line=4, never_mention=["charts/web/values.schema.json"]),
        Case("messages", UMBRELLA, "tags:\n  replicas: false\nreplica:\n  size: 0\nname: \"\"\n", "replica off not blamed",
             error_line=5, never_mention=["charts/db/values.schema.json"]),
        Case("messages", chart("spark-4.1"), "spark-connect:\n  enabled: off\n  replicas: x\nzzTop: 1\n",
             "spark-4.1: connect off, unknown top key", error_line=4, never_mention=["spark-connect/values.schema.json"]),
        Case("messages", chart("spark-base"), "minio:\n  service:\n    apiPort: 80\n---\nminio:\n  service:\n    consolePort: 0\n",
             "second document's line", error_line=7),
        Case("messages", chart("spark-base"), "minio:\n  service:\n    apiPort: .inf\n", "infinite number's line", error_line=3),
        Case("messages", UMBRELLA, "global:\n  net:\n    dns:\n      server: a\nweb:\n  global:\n    net:\n      dns:\n        extra: 1\n",
             "a leaked subchart global is blamed where it is written", error_line=9),
        Case("messages", chart("spark-base"), "minio:\n  enabled: true\n--- x\n", "bad separator's line", error_line=3),
    ]


# ----------------------------------------------------------- generated cases

def load_yaml(path):
    with open(path, encoding="utf-8") as handle:
        return yaml.safe_load(handle) or {}


def schema_nodes(schema, path=()):
    if not isinstance(schema, dict):
        return
    for key, sub in (schema.get("properties") or {}).items():
        yield path + (key,), sub, schema
        yield from schema_nodes(sub, path + (key,))


def get(values, path):
    for key in path:
        if not isinstance(values, dict) or key not in values:
            return None
        values = values[key]
    return values


def with_value(values, path, value):
    mutated = json.loads(json.dumps(values))
    node = mutated
    for key in path[:-1]:
        if not isinstance(node.get(key), dict):
            node[key] = {}
        node = node[key]
    node[path[-1]] = value
    return mutated


def wrong_type(prop):
    kinds = prop.get("type")
    kinds = kinds if isinstance(kinds, list) else [kinds]
    for candidate, value in (("string", "not-a-number"), ("integer", 7), ("boolean", True), ("array", [1])):
        if candidate not in kinds and not (candidate == "integer" and "number" in kinds):
            return value
    return {"unexpected": "object"}


def mutation_cases(rng):
    """Plausible mistakes over each example overlay (values-common.yaml first,
    merged into one file), from the schema of the chart and of its subcharts."""
    cases = []
    common = load_yaml(ROOT / "charts" / "values-common.yaml") if (ROOT / "charts" / "values-common.yaml").exists() else {}
    for name in CHARTS:
        chart_dir = chart(name)
        if not chart_dir.exists():
            continue
        schemas = [((), json.loads((chart_dir / "values.schema.json").read_text()))]
        for sub in sorted((chart_dir / "charts").glob("*/values.schema.json")):
            schemas.append(((sub.parent.name,), json.loads(sub.read_text())))
        sources = [("defaults", common)]
        for overlay in sorted((ROOT / "content" / "examples").glob(f"values-{name}-*.yaml")):
            sources.append((overlay.name, helmcli.merge_maps(common, load_yaml(overlay))))
        for label, user in sources:
            cases.append(Case("mutations", chart_dir, yaml.safe_dump(user, sort_keys=False), f"{name} {label} as written"))
            found = []
            for prefix, schema in schemas:
                for path, prop, parent in schema_nodes(schema):
                    full = prefix + path
                    if not isinstance(prop, dict) or full[0] == "global":
                        continue
                    where = ".".join(full)
                    if prop.get("type"):
                        found.append((f"wrong type at {where}", with_value(user, full, wrong_type(prop))))
                    if "enum" in prop:
                        found.append((f"not in enum at {where}", with_value(user, full, "zz-not-allowed")))
                    if "minimum" in prop:
                        found.append((f"below minimum at {where}", with_value(user, full, prop["minimum"] - 1)))
                    if "maximum" in prop:
                        found.append((f"above maximum at {where}", with_value(user, full, prop["maximum"] + 1)))
                    if prop.get("additionalProperties") is False:
                        found.append((f"unknown key under {where}", with_value(user, full + ("zzUnknownKey",), 1)))
                    found.append((f"null at {where}", with_value(user, full, None)))
            rng.shuffle(found)
            for description, values in found[:MUTATIONS_PER_SOURCE]:
                cases.append(Case("mutations", chart_dir, yaml.safe_dump(values, sort_keys=False), f"{name} {label}: {description}"))
    return cases


# ------------------------------------------------------------------- runner

def docsite_run(args, cwd=None):
    result = subprocess.run([str(DOCSITE), "validate", "--format", "json", *args], capture_output=True, text=True,
                            timeout=600, cwd=cwd)
    assert result.returncode in (0, 1), f"docsite {' '.join(args)}: exit {result.returncode}\n{result.stderr}"
    return json.loads(result.stdout)["diagnostics"]


@pytest.fixture(scope="module")
def docsite():
    if not DOCSITE.exists():
        pytest.skip(f"docsite is not built at {DOCSITE} (run `swift build -c release --product docsite`)")
    return DOCSITE


def write_cases(cases, folder):
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for index, case in enumerate(cases):
        path = folder / f"case-{index:04d}.{'json' if case.text.startswith('{') else 'yaml'}"
        path.write_bytes(case.text.encode("utf-8"))
        paths.append(path)
    return paths


def compare(cases, paths, verdicts_by_path, problems):
    """Counts agreements; appends disagreements and message problems."""
    agreements = invalid = 0
    for case, path in zip(cases, paths):
        helm_ok, helm_message = helmcli.verdict(case.chart, [path.read_bytes()])
        diagnostics = verdicts_by_path.get(str(path), [])
        errors = [d for d in diagnostics if d["severity"] == "error"]
        our_ok = not errors
        invalid += 0 if helm_ok else 1
        if helm_ok == our_ok:
            agreements += 1
        else:
            problems.append(f"[{case.area}] {case.description}: helm={'valid' if helm_ok else 'invalid'} "
                            f"({helm_message.strip().splitlines()[-1] if helm_message.strip() else ''}) "
                            f"docsite={'valid' if our_ok else 'invalid'} ({errors[0]['message'] if errors else ''})")
        for d in errors:
            if not d.get("line"):
                problems.append(f"[{case.area}] {case.description}: an error without a line: {d['message']}")
        if case.error_line is not None and case.error_line not in [d.get("line") for d in errors]:
            problems.append(f"[{case.area}] {case.description}: expected an error on line {case.error_line}, got "
                            f"{[(d.get('line'), d['message']) for d in errors]}")
        for text in case.never_mention:
            for d in diagnostics:
                if text in d["message"]:
                    problems.append(f"[{case.area}] {case.description}: a disabled subchart is blamed: {d['message']}")
    return agreements, invalid


def test_docsite_agrees_with_helm_on_every_case(docsite, tmp_path):
    rng = random.Random(20261129)
    cases = subchart_cases() + null_cases() + suite_null_cases(tmp_path) + yaml_cases() + message_cases() + mutation_cases(rng)
    by_chart = {}
    for case in cases:
        by_chart.setdefault(case.chart, []).append(case)
    problems, agreements, invalid, total = [], 0, 0, 0
    for index, (chart_dir, items) in enumerate(by_chart.items()):
        paths = write_cases(items, tmp_path / f"chart-{index}")
        diagnostics = docsite_run(["--root", str(ROOT), "--chart", str(chart_dir), *map(str, paths)])
        by_path = {}
        for d in diagnostics:
            by_path.setdefault(d["file"], []).append(d)
        agreed, rejected = compare(items, paths, by_path, problems)
        agreements, invalid, total = agreements + agreed, invalid + rejected, total + len(items)
    areas = {}
    for case in cases:
        areas[case.area] = areas.get(case.area, 0) + 1
    print(f"\nHelm agreement: {agreements}/{total} cases agree ({invalid} invalid per Helm, {total - invalid} valid); "
          + ", ".join(f"{area} {count}" for area, count in areas.items()))
    out = ROOT / "Tests" / "schema" / "out"
    out.mkdir(exist_ok=True)
    (out / "agreement.json").write_text(json.dumps({"cases": total, "agreements": agreements, "invalid": invalid,
                                                    "areas": areas, "problems": problems}, indent=2))
    assert not problems, f"{len(problems)} problems:\n" + "\n".join(problems[:40])
    assert 0 < invalid < total, "the cases must produce both verdicts"


# -------------------------------------------------------------------- paths

PATH_CASES = [("bad", "minio:\n  service:\n    apiPort: 0\n"), ("good", "minio:\n  service:\n    apiPort: 80\n")]


def path_invocations(tmp_path):
    """(description, cwd, --chart argument, extra args, FILE argument) for each way of naming things."""
    work = tmp_path / "work"
    (work / "sub").mkdir(parents=True)
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    return [
        ("relative FILE from another folder, chart by absolute path", work, str(chart("spark-base")), [], "sub/{name}.yaml"),
        ("./FILE, chart by ../-relative path", work, os.path.relpath(chart("spark-base"), work), [], "./sub/{name}.yaml"),
        ("FILE with .., chart name under --root", work / "sub", "spark-base", ["--root", str(ROOT)], "../sub/{name}.yaml"),
        ("absolute FILE, charts/NAME under --root", outside, "charts/spark-base", ["--root", str(ROOT)], str(work / "sub" / "{name}.yaml")),
        ("chart copied outside the repository", outside, "./spark-base-copy", [], str(work / "sub" / "{name}.yaml")),
        ("fixture chart by ./path", FIXTURES, "./plain", [], str(work / "sub" / "plain-{name}.yaml")),
    ]


def test_paths_resolve_like_any_command(docsite, tmp_path):
    import shutil
    invocations = path_invocations(tmp_path)
    shutil.copytree(chart("spark-base"), tmp_path / "elsewhere" / "spark-base-copy")
    for name, text in PATH_CASES:
        (tmp_path / "work" / "sub" / f"{name}.yaml").write_text(text)
    (tmp_path / "work" / "sub" / "plain-bad.yaml").write_text("service:\n  port: 0\n")
    (tmp_path / "work" / "sub" / "plain-good.yaml").write_text("service:\n  port: 8\n")
    count = 0
    for description, cwd, chart_argument, extra, file_pattern in invocations:
        for name, _ in PATH_CASES:
            file_argument = file_pattern.format(name=name)
            chart_dir = (Path(cwd) / chart_argument) if (Path(cwd) / chart_argument / "Chart.yaml").exists() else None
            chart_dir = chart_dir or (ROOT / chart_argument if (ROOT / chart_argument / "Chart.yaml").exists() else ROOT / "charts" / chart_argument)
            helm_ok, _ = helmcli.verdict(chart_dir, [(Path(cwd) / file_argument).read_bytes()])
            diagnostics = docsite_run([*extra, "--chart", chart_argument, file_argument], cwd=cwd)
            errors = [d for d in diagnostics if d["severity"] == "error"]
            assert (not errors) == helm_ok, f"{description} ({name}): helm={helm_ok} docsite={errors}"
            assert all(d["file"] == file_argument for d in errors), f"{description}: diagnostics name {[d['file'] for d in errors]}"
            count += 1
    print(f"\npath cases: {count} agree")
    assert count >= 12
