"""Validate custom resources against CRDs as their projects publish them (Tests/charts/crds/):
the version's openAPIV3Schema with unknown fields refused (as the API server prunes or, with
strict field validation, rejects them), plus the CRD's CEL rules through Python equivalents."""
from __future__ import annotations

import copy
import functools
from pathlib import Path

import jsonschema
import yaml

CRDS = Path(__file__).parent / "crds"


@functools.lru_cache(maxsize=None)
def crd(kind: str) -> dict:
    for f in sorted(CRDS.glob("*.yaml")):
        doc = yaml.safe_load(f.read_text())
        if doc["spec"]["names"]["kind"] == kind:
            return doc
    raise LookupError(f"no vendored CRD for kind {kind} in {CRDS}")


def strict(schema: dict) -> dict:
    """additionalProperties: false on every object with properties that does not keep unknown fields."""
    s = copy.deepcopy(schema)

    def walk(node):
        if isinstance(node, dict):
            if node.get("type") == "object" and "properties" in node \
                    and not node.get("x-kubernetes-preserve-unknown-fields") and "additionalProperties" not in node:
                node["additionalProperties"] = False
            for v in node.values():
                walk(v)
        elif isinstance(node, list):
            for i in node:
                walk(i)
    walk(s)
    return s


def _has_selector_labels(spec: dict) -> bool:
    return bool(((spec.get("selector") or {}).get("matchLabels")) or {})


# The CEL rules of the vendored CRDs, each with the Python that decides it. A rule missing here
# fails validation, so a new upstream rule is noticed.
CEL = {
    "self.all(key, 0 < int(key) && int(key) <= 65535)":
        lambda v: all(str(k).isdigit() and 0 < int(k) <= 65535 for k in v),
    '!self.contains("*")': lambda v: "*" not in v,
    'self.all(key, !key.contains("*"))': lambda v: all("*" not in k for k in v),
    "self.all(key, key.size() != 0)": lambda v: all(len(k) != 0 for k in v),
    "has(self.portLevelMtls) ? (((has(self.selector) && has(self.selector.matchLabels)) ? "
    "self.selector.matchLabels : {}).size() > 0) : true":
        lambda v: ("portLevelMtls" not in v) or _has_selector_labels(v),
}


def _cel_problems(schema: dict, value, path: str) -> list[str]:
    out = []
    for rule in schema.get("x-kubernetes-validations", []):
        text = " ".join(rule["rule"].split())
        check = CEL.get(text)
        if check is None:
            out.append(f"{path}: CEL rule not evaluated by crdlib.CEL: {text}")
        elif not check(value):
            out.append(f"{path}: {rule.get('message', text)}")
    if isinstance(value, dict):
        for k, sub in (schema.get("properties") or {}).items():
            if k in value:
                out += _cel_problems(sub, value[k], f"{path}.{k}")
        extra = schema.get("additionalProperties")
        if isinstance(extra, dict):
            for k, v in value.items():
                out += _cel_problems(extra, v, f"{path}.{k}")
    elif isinstance(value, list) and isinstance(schema.get("items"), dict):
        for i, v in enumerate(value):
            out += _cel_problems(schema["items"], v, f"{path}[{i}]")
    return out


def problems(obj: dict) -> list[str]:
    """Everything the API server would refuse in obj (kind and apiVersion must match a CRD)."""
    group, _, version = obj["apiVersion"].partition("/")
    c = crd(obj["kind"])
    if c["spec"]["group"] != group:
        return [f"apiVersion {obj['apiVersion']}: the {obj['kind']} CRD's group is {c['spec']['group']}"]
    ver = next((v for v in c["spec"]["versions"] if v["name"] == version), None)
    if ver is None or not ver.get("served"):
        return [f"apiVersion {obj['apiVersion']}: version {version} is not served by the CRD"]
    schema = ver["schema"]["openAPIV3Schema"]
    body = {k: v for k, v in obj.items() if k not in ("apiVersion", "kind", "metadata")}
    errs = [f"{'.'.join(map(str, e.absolute_path)) or '<root>'}: {e.message}"
            for e in jsonschema.Draft7Validator(strict(schema)).iter_errors(body)]
    return errs + _cel_problems(schema, body, "")
