"""Argument handling of the scripts/*.sh entry points, local and --cluster, without a cluster:
errors exit 2 with a message naming the problem before anything runs, and --cluster hands the
namespace and release names to kubectl (a recording stand-in for kubectl, since no cluster is
reachable here; the cluster checks themselves are Tests/spark/cluster_checks.py)."""
from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SCRIPTS = ["test-coexistence.sh", "test-spark-4.1-smoke.sh", "test-spark-3.5-smoke.sh",
           "test-history-server-compat.sh"]
TOOLS = ["bash", "dirname", "basename", "python3", "sort", "comm", "rm", "seq", "sleep", "cat", "tee"]


def bin_dir(tmp: Path, kubectl: bool = True, helm: bool = False) -> Path:
    """A PATH with only the tools the scripts use; kubectl/helm are recording stand-ins that
    fail like a client with no cluster behind it."""
    d = tmp / "bin"
    d.mkdir(exist_ok=True)
    for t in TOOLS:
        if shutil.which(t) and not (d / t).exists():
            (d / t).symlink_to(shutil.which(t))
    for name, on in (("kubectl", kubectl), ("helm", helm)):
        if on:
            stub = d / name
            stub.write_text(f'#!/bin/bash\necho "{name} $*" >> "{tmp}/calls"\n'
                            'echo "The connection to the server was refused" >&2\nexit 1\n')
            stub.chmod(0o755)
    return d


def run(script: str, args: list[str], tmp: Path, **kw) -> subprocess.CompletedProcess:
    env = {"PATH": str(bin_dir(tmp, **kw)), "HOME": str(tmp)}
    return subprocess.run(["bash", str(REPO / "scripts" / script), *args], env=env, cwd=tmp,
                          capture_output=True, text=True, timeout=60)


@pytest.mark.parametrize("script", SCRIPTS)
def test_help_prints_usage(script, tmp_path):
    r = run(script, ["--help"], tmp_path)
    assert r.returncode == 0 and r.stdout.startswith("usage:") and "--cluster" in r.stdout


@pytest.mark.parametrize("script", SCRIPTS)
@pytest.mark.parametrize("args, message", [
    (["--bogus"], "unknown argument: --bogus"),
    (["-n"], "-n needs a value"),
    (["--cluster", "--namespace", "--install"], "--namespace needs a value"),
    (["--install"], "--kubeconfig and --install need --cluster"),
    (["--kubeconfig", "k"], "--kubeconfig and --install need --cluster"),
    (["--cluster"], "--cluster needs --kubeconfig or $KUBECONFIG"),
    (["--cluster", "--kubeconfig", "/nonexistent/kubeconfig"], "no such file"),
])
def test_bad_arguments_exit_2_with_a_message(script, args, message, tmp_path):
    r = run(script, args, tmp_path)
    assert r.returncode == 2, (r.stdout, r.stderr)
    assert message in r.stderr, r.stderr
    assert not (tmp_path / "calls").exists(), "nothing may run after an argument error"


@pytest.mark.parametrize("script", SCRIPTS)
def test_cluster_needs_kubectl_and_install_needs_helm(script, tmp_path):
    (tmp_path / "kc").write_text("apiVersion: v1\n")
    r = run(script, ["--cluster", "--kubeconfig", "kc"], tmp_path, kubectl=False)
    assert r.returncode == 2 and "--cluster needs kubectl on PATH" in r.stderr, r.stderr
    r = run(script, ["--cluster", "--install", "--kubeconfig", "kc"], tmp_path)
    assert r.returncode == 2 and "--install needs helm on PATH" in r.stderr, r.stderr


@pytest.mark.parametrize("script, first_call", [
    ("test-spark-4.1-smoke.sh", "kubectl -n team-a port-forward svc/blue-41-connect :15002"),
    ("test-spark-3.5-smoke.sh", "kubectl -n team-a port-forward svc/blue-35-connect :15002"),
    ("test-history-server-compat.sh", "kubectl -n team-a port-forward svc/blue-41-history :18080"),
    ("test-coexistence.sh",
     "kubectl -n team-a get all,configmap,secret,pvc -l app.kubernetes.io/instance=blue-35 -o name"),
])
def test_cluster_mode_passes_namespace_and_releases_to_kubectl(script, first_call, tmp_path):
    (tmp_path / "kc").write_text("apiVersion: v1\n")
    r = run(script, ["--cluster", "--kubeconfig", "kc", "-n", "team-a", "--release-41", "blue-41",
                     "--release-35", "blue-35"], tmp_path)
    assert r.returncode == 1, ("no cluster is reachable: the script must fail", r.stderr)
    calls = (tmp_path / "calls").read_text().splitlines()
    # the local port of a port-forward is a free one: compare without it
    first = calls[0].replace(" " + calls[0].split(" ")[-1], " :" + calls[0].split(":")[-1]) \
        if "port-forward" in calls[0] else calls[0]
    assert first == first_call, calls
    if "port-forward" in first_call:
        assert "did not come up" in r.stderr and "namespace team-a" in r.stderr, r.stderr


def test_benchmark_script_help(tmp_path):
    r = run("benchmark-spark-versions.sh", ["--help"], tmp_path)
    assert r.returncode == 0 and "--cluster" in r.stdout
