#!/usr/bin/env python3
"""Generate values.schema.json for every chart from its annotated values.yaml.

values.yaml annotation format (comment lines directly above a key):

    # -- Human description of the key (may continue on further "# " lines).
    # @schema minimum=1 maximum=10
    replicas: 1

The type comes from the default value unless ``type=`` is given.  ``@schema``
tokens are ``name=value`` pairs; values are parsed as JSON when possible.
Special tokens: ``preset=<name>`` uses a shared Kubernetes-shaped schema (see
PRESETS), ``nullable=true`` allows null, ``open=true`` leaves a mapping open
(``additionalProperties`` of the given ``valueType``, default string).

Every key must carry a description; objects the chart owns get
``additionalProperties: false``.  Run with ``--check`` to fail when a committed
schema differs from what would be generated.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

import yaml

DRAFT = "https://json-schema.org/draft/2020-12/schema"

QTY = {"type": ["string", "number"], "description": ""}


def _qty(desc):
    return {"type": ["string", "number"], "description": desc}


def _res_block(which):
    return {
        "type": "object",
        "description": f"Resource {which} (Kubernetes quantities).",
        "properties": {
            "cpu": _qty(f"CPU {which}, e.g. 500m or 2."),
            "memory": _qty(f"Memory {which}, e.g. 1Gi."),
            "ephemeral-storage": _qty(f"Ephemeral storage {which}, e.g. 2Gi."),
        },
        "additionalProperties": {"type": ["string", "number"]},
    }


SECCOMP = {
    "type": "object",
    "description": "Seccomp profile; Pod Security Standards restricted needs RuntimeDefault or Localhost.",
    "properties": {
        "type": {"type": "string", "enum": ["RuntimeDefault", "Localhost", "Unconfined"],
                 "description": "Seccomp profile type."},
        "localhostProfile": {"type": "string", "description": "Profile path when type is Localhost."},
    },
    "additionalProperties": False,
}

PRESETS = {
    "resources": {
        "type": "object",
        "properties": {"requests": _res_block("requests"), "limits": _res_block("limits")},
        "additionalProperties": False,
    },
    "podSecurityContext": {
        "type": "object",
        "properties": {
            "runAsUser": {"type": "integer", "minimum": 0, "description": "UID the containers run as."},
            "runAsGroup": {"type": "integer", "minimum": 0, "description": "Primary GID of the containers."},
            "runAsNonRoot": {"type": "boolean", "description": "Refuse to start containers running as root."},
            "fsGroup": {"type": "integer", "minimum": 0, "description": "GID that owns mounted volumes."},
            "fsGroupChangePolicy": {"type": "string", "enum": ["Always", "OnRootMismatch"],
                                    "description": "When to change volume ownership to fsGroup."},
            "supplementalGroups": {"type": "array", "items": {"type": "integer"},
                                   "description": "Extra GIDs for the containers."},
            "seccompProfile": SECCOMP,
        },
        "additionalProperties": True,
    },
    "containerSecurityContext": {
        "type": "object",
        "properties": {
            "runAsUser": {"type": "integer", "minimum": 0, "description": "UID the container runs as."},
            "runAsGroup": {"type": "integer", "minimum": 0, "description": "Primary GID of the container."},
            "runAsNonRoot": {"type": "boolean", "description": "Refuse to start the container as root."},
            "allowPrivilegeEscalation": {"type": "boolean",
                                         "description": "Allow setuid binaries to gain privileges (restricted: false)."},
            "readOnlyRootFilesystem": {"type": "boolean",
                                       "description": "Mount the image read-only; scratch paths get emptyDir volumes."},
            "privileged": {"type": "boolean", "description": "Run privileged (forbidden by Pod Security baseline)."},
            "capabilities": {
                "type": "object",
                "description": "Linux capabilities to drop and add.",
                "properties": {
                    "drop": {"type": "array", "items": {"type": "string"},
                             "description": "Capabilities to drop (restricted: must include ALL)."},
                    "add": {"type": "array", "items": {"type": "string"},
                            "description": "Capabilities to add (restricted: only NET_BIND_SERVICE)."},
                },
                "additionalProperties": False,
            },
            "seccompProfile": SECCOMP,
        },
        "additionalProperties": True,
    },
    "stringMap": {"type": "object", "additionalProperties": {"type": "string"}},
    "objectList": {"type": "array", "items": {"type": "object"}},
    "stringList": {"type": "array", "items": {"type": "string"}},
    "object": {"type": "object", "additionalProperties": True},
}

TOKEN = re.compile(r'(\w+)=("[^"]*"|\[[^\]]*\]|\S+)')
KEY_LINE = re.compile(r'^(\s*)(- )?("[^"]+"|[A-Za-z0-9_.\-/]+):(\s|$)')


def parse_annotations(text: str) -> dict[str, dict]:
    """Map a dotted path ("a.b", lists as "a[]") to {'description', 'schema'}."""
    notes: dict[str, dict] = {}
    stack: list[tuple[int, str]] = []  # (indent of key, path element)
    pending_desc: list[str] = []
    pending_schema: dict = {}
    in_desc = False
    for raw in text.splitlines():
        stripped = raw.strip()
        if stripped.startswith("#"):
            body = stripped[1:].strip()
            if body.startswith("-- "):
                pending_desc = [body[3:].strip()]
                in_desc = True
            elif body.startswith("@schema"):
                for k, v in TOKEN.findall(body[len("@schema"):]):
                    try:
                        pending_schema[k] = json.loads(v)
                    except json.JSONDecodeError:
                        pending_schema[k] = v.strip('"')
                in_desc = False
            elif in_desc and body:
                pending_desc.append(body)
            continue
        if not stripped:
            continue
        m = KEY_LINE.match(raw)
        if not m:
            pending_desc, pending_schema, in_desc = [], {}, False
            continue
        indent = len(m.group(1))
        is_item = bool(m.group(2))
        key = m.group(3).strip('"')
        key_indent = indent + 2 if is_item else indent
        if is_item:
            # a new list item: drop the previous item's keys and marker
            while stack and stack[-1][0] >= indent:
                stack.pop()
            owner = stack[-1][1] if stack else ""
            stack.append((indent, owner + "[]"))
        else:
            while stack and stack[-1][0] >= key_indent:
                stack.pop()
        parent = stack[-1][1] if stack else ""
        path = f"{parent}.{key}" if parent else key
        if pending_desc or pending_schema:
            entry = notes.setdefault(path, {"description": "", "schema": {}})
            if pending_desc and not entry["description"]:
                entry["description"] = " ".join(pending_desc)
            entry["schema"].update(pending_schema)
        stack.append((key_indent, path))
        pending_desc, pending_schema, in_desc = [], {}, False
    return notes


def type_of(value):
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    if isinstance(value, dict):
        return "object"
    return None


class MissingDescription(Exception):
    pass


def build(value, path, notes, errors):
    note = notes.get(path, {"description": "", "schema": {}})
    ann = dict(note["schema"])
    desc = note["description"]
    if not desc:
        errors.append(path)
    preset = ann.pop("preset", None)
    nullable = ann.pop("nullable", False)
    open_map = ann.pop("open", False)
    value_type = ann.pop("valueType", "string")
    items_type = ann.pop("items", None)
    if preset:
        base = PRESETS[preset]
        schema = json.loads(json.dumps(base))
    elif open_map:
        schema = {"type": "object", "additionalProperties": {"type": value_type} if value_type != "any" else True}
    else:
        t = ann.pop("type", None) or type_of(value)
        if t is None:
            raise SystemExit(f"{path}: null default needs '@schema type=...'")
        schema = {"type": t}
        if t == "object" and isinstance(value, dict):
            schema["properties"] = {k: build(v, f"{path}.{k}" if path else k, notes, errors)
                                    for k, v in value.items()}
            schema["additionalProperties"] = False
        elif t == "array":
            if items_type:
                schema["items"] = {"type": items_type} if isinstance(items_type, str) else items_type
            elif value and isinstance(value[0], dict):
                merged: dict = {}
                for item in value:
                    for k, v in item.items():
                        merged.setdefault(k, v)
                schema["items"] = {
                    "type": "object",
                    "properties": {k: build(v, f"{path}[].{k}", notes, errors) for k, v in merged.items()},
                    "additionalProperties": False,
                }
            elif value:
                schema["items"] = {"type": type_of(value[0])}
    schema.update(ann)
    if nullable:
        t = schema.get("type")
        schema["type"] = (t if isinstance(t, list) else [t]) + ["null"]
        if "enum" in schema:
            schema["enum"] = schema["enum"] + [None]
    out = {"description": desc}
    out.update(schema)
    return out


def generate(chart_dir: Path) -> dict:
    text = (chart_dir / "values.yaml").read_text()
    values = yaml.safe_load(text) or {}
    notes = parse_annotations(text)
    errors: list[str] = []
    props = {k: build(v, k, notes, errors) for k, v in values.items()}
    if "global" in props:
        # Umbrella charts set platform-wide globals this chart does not know: accept them
        # (the keys it does know stay typed).
        props["global"]["additionalProperties"] = True
    if errors:
        raise SystemExit(f"{chart_dir}/values.yaml: keys without a '# --' description: {', '.join(errors)}")
    chart = yaml.safe_load((chart_dir / "Chart.yaml").read_text())
    schema = {
        "$schema": DRAFT,
        "title": f"Values of the {chart['name']} chart",
        "description": chart.get("description", ""),
        "type": "object",
        "properties": props,
        "additionalProperties": False,
    }
    # Helm gives every dependency a values key, library charts included; they take no values.
    libraries = [d["name"] for d in chart.get("dependencies") or [] if d["name"] == "spark-common"]
    if libraries:
        schema["patternProperties"] = {f"^{name}$": {"type": "object", "maxProperties": 1,
                                                      "description": "Library chart (named templates only): no values."}
                                       for name in libraries}
    return schema


def chart_dirs(root: Path):
    for chart_yaml in sorted(root.rglob("Chart.yaml")):
        if (yaml.safe_load(chart_yaml.read_text()) or {}).get("type") == "library" or chart_yaml.parent.is_symlink():
            continue  # a library chart has no values (and is linked into the charts that use it)
        yield chart_yaml.parent


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--root", default="charts")
    ap.add_argument("--check", action="store_true")
    args = ap.parse_args()
    stale = []
    for d in chart_dirs(Path(args.root)):
        text = json.dumps(generate(d), indent=2, ensure_ascii=False) + "\n"
        target = d / "values.schema.json"
        if args.check:
            if not target.exists() or target.read_text() != text:
                stale.append(str(target))
        else:
            target.write_text(text)
            print(f"wrote {target}")
    if stale:
        print("stale schemas (run make charts-schema):\n  " + "\n  ".join(stale), file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
