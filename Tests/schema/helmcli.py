"""Helm v4's verdict on values files, asked the way `helm install -f FILE` asks.

The Helm CLI reads each `-f` file with `loader.LoadValues`: k8s apimachinery's
YAMLReader cuts it into documents at lines that start with `---`, each
document goes through sigs.k8s.io/yaml (`helm_python.values_from_yaml` is that
call in the SDK), and the documents and then the files are merged with
`MergeMaps`. The merged values go to a client-side dry-run install
(`Config.install(..., dry_run="client")`), which runs dependency processing
(conditions, tags, aliases), coalescing and schema validation before it
renders anything.
"""
import re

import helm_python as helm


class SeparatorError(Exception):
    pass


def split_documents(data: bytes):
    """apimachinery's YAMLReader.Read, document by document."""
    documents, buffer = [], b""
    lines = data.split(b"\n")
    if data.endswith(b"\n"):
        lines.pop()
    for line in lines:
        if line.endswith(b"\r"):  # bufio.ReadLine drops "\r\n" like "\n"
            line = line[:-1]
        if line.startswith(b"---"):
            rest = line[3:].strip()
            if rest and not rest.startswith(b"#"):
                raise SeparatorError(f"invalid Yaml document separator: {rest.decode('utf-8', 'replace')}")
            if buffer:
                documents.append(buffer)
            buffer = b""
            continue
        buffer += line + b"\n"
    if buffer:
        documents.append(buffer)
    return documents


def merge_maps(a, b):
    """loader.MergeMaps: b wins, maps merge recursively, nulls stay."""
    out = dict(a)
    for key, value in b.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = merge_maps(out[key], value)
        else:
            out[key] = value
    return out


def load_values_file(data: bytes):
    """loader.LoadValues on the file's bytes; raises on what Helm refuses."""
    values = {}
    for document in split_documents(data):
        values = merge_maps(values, helm.values_from_yaml(document.decode("utf-8")))
    return values


# Errors that come from the values themselves (as opposed to a template that
# fails to render after the values were accepted).
VALUES_ERRORS = re.compile(r"values don't meet the specifications|type mismatch on|cannot unmarshal|error converting YAML")


def verdict(chart_dir, files):
    """(accepted, message) for `helm install --dry-run=client -f F1 -f F2 ...`;
    `files` are byte strings. Template failures after the values were
    accepted count as accepted: they are not a verdict on the values."""
    try:
        values = {}
        for data in files:
            values = merge_maps(values, load_values_file(data))
    except (SeparatorError, helm.HelmError) as error:
        return False, f"failed to parse: {error}"
    config = helm.Config(namespace="default", storage_driver="memory")
    try:
        with helm.Chart.load(str(chart_dir)) as chart:
            config.install(chart, "agreement", values, dry_run="client")
        return True, ""
    except helm.HelmError as error:
        text = str(error)
        if VALUES_ERRORS.search(text):
            return False, text
        return True, f"(accepted; rendering failed later: {text.splitlines()[0] if text else type(error).__name__})"
    finally:
        config.close()
