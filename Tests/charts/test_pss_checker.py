"""The Pod Security Standards checker itself: a compliant pod passes, and a deliberately bad
pod trips every rule (each rule also tested alone)."""
import copy

import pytest

import pss

GOOD = {
    "securityContext": {"runAsNonRoot": True, "runAsUser": 185, "seccompProfile": {"type": "RuntimeDefault"}},
    "containers": [{
        "name": "app", "image": "x:1",
        "securityContext": {"allowPrivilegeEscalation": False, "capabilities": {"drop": ["ALL"]},
                            "readOnlyRootFilesystem": True},
        "readinessProbe": {"tcpSocket": {"port": 1}},
    }],
    "volumes": [{"name": "tmp", "emptyDir": {}}],
}


def mutate(fn):
    spec = copy.deepcopy(GOOD)
    fn(spec)
    return spec


def ctr(spec):
    return spec["containers"][0]


def csc(spec):
    return ctr(spec)["securityContext"]


BAD = {
    "B1": lambda s: s.update(hostNetwork=True),
    "B2": lambda s: csc(s).update(privileged=True),
    "B3": lambda s: csc(s)["capabilities"].update(add=["SYS_ADMIN"]),
    "B4": lambda s: s["volumes"].append({"name": "h", "hostPath": {"path": "/"}}),
    "B5": lambda s: ctr(s).update(ports=[{"containerPort": 80, "hostPort": 80}]),
    "B6": lambda s: ctr(s).update(readinessProbe={"tcpSocket": {"port": 1, "host": "10.0.0.1"}}),
    "B7": lambda s: s["securityContext"].update(appArmorProfile={"type": "Unconfined"}),
    "B8": lambda s: csc(s).update(seLinuxOptions={"type": "spc_t"}),
    "B9": lambda s: csc(s).update(procMount="Unmasked"),
    "B10": lambda s: csc(s).update(seccompProfile={"type": "Unconfined"}),
    "B11": lambda s: s["securityContext"].update(sysctls=[{"name": "kernel.msgmax", "value": "1"}]),
    "B12": lambda s: csc(s).update(windowsOptions={"hostProcess": True}),
    "R1": lambda s: s["volumes"].append({"name": "n", "nfs": {"server": "x", "path": "/"}}),
    "R2": lambda s: csc(s).pop("allowPrivilegeEscalation"),
    "R3": lambda s: s["securityContext"].pop("runAsNonRoot"),
    "R4": lambda s: csc(s).update(runAsUser=0),
    "R5": lambda s: s["securityContext"].pop("seccompProfile"),
    "R6": lambda s: csc(s)["capabilities"].update(drop=["NET_RAW"]),
}


def test_good_pod_passes():
    assert pss.check(GOOD) == []


@pytest.mark.parametrize("rule", pss.RULES)
def test_each_rule_alone(rule):
    found = {r for r, _ in pss.check(mutate(BAD[rule]))}
    assert rule in found, f"{rule} not detected: {found}"


def test_one_bad_pod_trips_every_rule():
    spec = copy.deepcopy(GOOD)
    for rule in pss.RULES:
        if rule in ("R3", "R5"):
            continue  # these remove pod-level settings; checked per container below
        BAD[rule](spec)
    spec["securityContext"].pop("runAsNonRoot")
    spec["securityContext"].pop("seccompProfile")
    found = {r for r, _ in pss.check(spec)}
    assert set(pss.RULES) <= found, set(pss.RULES) - found


def test_init_and_ephemeral_containers_are_checked():
    spec = copy.deepcopy(GOOD)
    spec["initContainers"] = [{"name": "init", "image": "x:1", "securityContext": {"privileged": True}}]
    found = {r for r, _ in pss.check(spec)}
    assert {"B2", "R2", "R6"} <= found


def test_annotation_apparmor():
    assert ("B7" in {r for r, _ in pss.check(
        GOOD, {"annotations": {"container.apparmor.security.beta.kubernetes.io/app": "unconfined"}})})
