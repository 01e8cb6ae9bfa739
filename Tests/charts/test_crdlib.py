"""The CRD validator itself: the vendored CRDs are what the README says they are, every CEL rule
in them is evaluated, and good and bad objects of each kind are told apart."""
import hashlib
import re

import pytest

import crdlib


def test_vendored_files_match_their_recorded_checksums():
    table = (crdlib.CRDS / "README.md").read_text()
    rows = re.findall(r"^\| `([^`]+\.yaml)` \|.*\| `([0-9a-f]{64})` \|$", table, re.M)
    files = sorted(p.name for p in crdlib.CRDS.glob("*.yaml"))
    assert sorted(r[0] for r in rows) == files, "every vendored CRD needs a provenance row"
    for name, digest in rows:
        assert hashlib.sha256((crdlib.CRDS / name).read_bytes()).hexdigest() == digest, name


def _rules(node, out):
    if isinstance(node, dict):
        out += [" ".join(r["rule"].split()) for r in node.get("x-kubernetes-validations", [])]
        for v in node.values():
            _rules(v, out)
    elif isinstance(node, list):
        for v in node:
            _rules(v, out)
    return out


@pytest.mark.parametrize("kind", ["PeerAuthentication", "PodMonitor", "ServiceMonitor"])
def test_every_cel_rule_has_an_equivalent(kind):
    missing = sorted(set(_rules(crdlib.crd(kind), [])) - set(crdlib.CEL))
    assert not missing, f"{kind}: CEL rules without a Python equivalent: {missing}"


PA = {"apiVersion": "security.istio.io/v1", "kind": "PeerAuthentication", "metadata": {"name": "x"},
      "spec": {"selector": {"matchLabels": {"app": "spark"}}, "mtls": {"mode": "STRICT"}}}


@pytest.mark.parametrize("change, message", [
    (lambda s: s["mtls"].update(mode="STRICTLY"), "is not one of"),
    (lambda s: s.update(mtlss={}), "Additional properties"),
    (lambda s: s.update(selector={}, portLevelMtls={"7078": {"mode": "STRICT"}}), "portLevelMtls requires selector"),
    (lambda s: s.update(portLevelMtls={"70780": {"mode": "STRICT"}}), "port must be between 1-65535"),
    (lambda s: s["selector"]["matchLabels"].update({"a*": "b"}), "wildcard not allowed in label key"),
])
def test_peer_authentication_mistakes_are_caught(change, message):
    import copy
    good = copy.deepcopy(PA)
    assert crdlib.problems(good) == []
    change(good["spec"])
    assert any(message in p for p in crdlib.problems(good)), crdlib.problems(good)


def test_monitor_mistakes_are_caught():
    pm = {"apiVersion": "monitoring.coreos.com/v1", "kind": "PodMonitor", "metadata": {"name": "x"},
          "spec": {"selector": {"matchLabels": {"a": "b"}},
                   "podMetricsEndpoints": [{"port": "ui", "path": "/metrics/prometheus"}]}}
    assert crdlib.problems(pm) == []
    pm["spec"]["podMetricsEndpoints"][0]["intervall"] = "30s"
    assert any("intervall" in p for p in crdlib.problems(pm))
    assert crdlib.problems({**pm, "apiVersion": "monitoring.coreos.com/v2"})[0].endswith("not served by the CRD")
