"""Runs the platform's built images here, the way Kubernetes would run the charts' pods:
buildah containers with host networking (`buildah run --isolation chroot --network host`),
the command, arguments and environment taken from the chart as Helm renders it, and the
chart's ConfigMaps and emptyDirs bind-mounted at the chart's mount paths."""
from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "Tests" / "charts"))
sys.path.insert(0, str(REPO / "scripts"))

import chartlib  # noqa: E402
import images  # noqa: E402  (scripts/images.py: image names, tags, build state)

BUILDAH = ["buildah", "--storage-driver", os.environ.get("BUILDAH_STORAGE_DRIVER", "vfs")]
K8S_VAR = re.compile(r"\$\(([A-Za-z_][A-Za-z0-9_]*)\)")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def port_open(port: int) -> bool:
    with socket.socket() as s:
        s.settimeout(0.5)
        return s.connect_ex(("127.0.0.1", port)) == 0


def inspect(ref: str) -> dict:
    out = subprocess.run([*BUILDAH, "inspect", "--type", "image", ref], check=True, text=True,
                         stdout=subprocess.PIPE).stdout
    return json.loads(out)


# ---------------------------------------------------------------- chart side

def has_path(values: dict, dotted: str) -> bool:
    node = values
    for part in dotted.split("."):
        if not isinstance(node, dict) or part not in node:
            return False
        node = node[part]
    return True


def set_path(values: dict, dotted: str, value) -> None:
    node = values
    *parents, last = dotted.split(".")
    for part in parents:
        node = node.setdefault(part, {})
    node[last] = value


def local_overrides(chart: str, wanted: dict[str, object]) -> tuple[dict, dict]:
    """Values for a local run, set only where the chart has that key (the chart may evolve):
    returns (overrides, {key: value} actually applied)."""
    defaults = chartlib.load_yaml(chartlib.chart_path(chart) / "values.yaml")
    for sub in chartlib.SUBCHARTS.get(chart, []):
        sub_defaults = chartlib.load_yaml(chartlib.chart_path(chart) / "charts" / sub / "values.yaml")
        defaults[sub] = chartlib.merge(sub_defaults, defaults.get(sub, {}))
    over: dict = {}
    applied = {}
    for key, value in wanted.items():
        if has_path(defaults, key):
            set_path(over, key, value)
            applied[key] = value
    return over, applied


@dataclass
class PodRun:
    """What a chart renders for one container: argv pieces, env, mounts, grace period."""
    container: dict
    pod_spec: dict
    configmaps: dict[str, dict[str, str]]

    @property
    def grace_s(self) -> int:
        return int(self.pod_spec.get("terminationGracePeriodSeconds", 30))

    def env(self, field_values: dict[str, str], secret_value: str = "test") -> dict[str, str]:
        out = {}
        for e in self.container.get("env", []):
            if "value" in e:
                out[e["name"]] = str(e["value"])
            elif "fieldRef" in e.get("valueFrom", {}):
                out[e["name"]] = field_values[e["valueFrom"]["fieldRef"]["fieldPath"]]
            elif "secretKeyRef" in e.get("valueFrom", {}):
                out[e["name"]] = secret_value
        return out

    def argv(self, image: dict, env: dict[str, str]) -> list[str]:
        """Kubernetes' rule: command replaces the image ENTRYPOINT, args replace its CMD;
        $(VAR) in either is expanded from the container's env."""
        cfg = image["OCIv1"]["config"]
        command = self.container.get("command") or cfg.get("Entrypoint") or []
        args = self.container.get("args") if "args" in self.container else (
            [] if self.container.get("command") else cfg.get("Cmd") or [])
        return [K8S_VAR.sub(lambda m: env.get(m.group(1), m.group(0)), a) for a in [*command, *args]]

    def config_mounts(self, root: Path) -> list[tuple[Path, str]]:
        """ConfigMap volumes written to host folders, paired with their mount paths."""
        vols = {v["name"]: v for v in self.pod_spec.get("volumes", [])}
        out = []
        for m in self.container.get("volumeMounts", []):
            v = vols.get(m["name"], {})
            if "configMap" in v:
                d = root / "configmaps" / m["name"]
                d.mkdir(parents=True, exist_ok=True)
                for k, text in self.configmaps[v["configMap"]["name"]].items():
                    (d / k).write_text(text)
                out.append((d, m["mountPath"]))
            elif "emptyDir" in v:
                d = root / "emptydirs" / m["name"]
                d.mkdir(parents=True, exist_ok=True)
                d.chmod(0o777)
                out.append((d, m["mountPath"]))
        return out


def rendered_pod(docs: list[dict], container_name: str) -> PodRun:
    cms = {d["metadata"]["name"]: (d.get("data") or {}) for d in docs if d.get("kind") == "ConfigMap"}
    for doc in docs:
        for _where, _meta, spec in chartlib.pod_specs(doc):
            for c in spec.get("containers", []):
                if c["name"] == container_name:
                    return PodRun(c, spec, cms)
    raise LookupError(f"no container named {container_name!r} in the rendered chart")


# ---------------------------------------------------------------- buildah side

@dataclass
class Container:
    """A buildah working container. Like a pod, it gets a host name that /etc/hosts resolves
    (kubelet writes a hosts file with the pod's name; Spark resolves its own host name)."""
    image: str
    name: str
    work: Path
    procs: list = field(default_factory=list)

    def __post_init__(self):
        subprocess.run([*BUILDAH, "rm", self.name], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        subprocess.run([*BUILDAH, "from", "--pull=never", "--name", self.name, self.image],
                       check=True, stdout=subprocess.DEVNULL)
        self.hosts = self.work / f"hosts-{self.name}"
        self.hosts.write_text(f"127.0.0.1 localhost {self.name}\n::1 localhost ip6-localhost\n")

    def _cmd(self, argv: list[str], env: dict[str, str], mounts: list[tuple[Path, str]]) -> list[str]:
        cmd = [*BUILDAH, "run", "--isolation", "chroot", "--network", "host", "--hostname", self.name,
               "--no-hosts", "-v", f"{self.hosts}:/etc/hosts:ro"]
        for k, v in env.items():
            cmd += ["--env", f"{k}={v}"]
        for host, inside in mounts:
            cmd += ["-v", f"{host}:{inside}"]
        return [*cmd, self.name, "--", *argv]

    def start(self, argv, env, mounts, log: Path) -> subprocess.Popen:
        fh = open(log, "w")
        p = subprocess.Popen(self._cmd(argv, env, mounts), stdout=fh, stderr=subprocess.STDOUT,
                             start_new_session=True)
        self.procs.append(p)
        return p

    def run(self, argv, env=None, mounts=(), timeout=300) -> subprocess.CompletedProcess:
        return subprocess.run(self._cmd(argv, env or {}, list(mounts)), text=True, timeout=timeout,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE)

    def remove(self):
        for p in self.procs:
            if p.poll() is None:
                os.killpg(p.pid, signal.SIGKILL)
                p.wait()
        subprocess.run([*BUILDAH, "rm", self.name], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


# ---------------------------------------------------------------- processes on the host

def children(pid: int) -> list[int]:
    out = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            out += [int(x) for x in (task / "children").read_text().split()]
        except OSError:
            pass
    return out


def descendants(pid: int) -> list[int]:
    out, todo = [], [pid]
    while todo:
        for c in children(todo.pop()):
            out.append(c)
            todo.append(c)
    return out


def comm(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/comm").read_text().strip()
    except OSError:
        return "?"


def ppid(pid: int) -> int:
    stat = Path(f"/proc/{pid}/stat").read_text()
    return int(stat.rsplit(")", 1)[1].split()[1])


def find_jvm(proc: subprocess.Popen, timeout: float = 60) -> int:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        jvms = [p for p in descendants(proc.pid) if comm(p) == "java"]
        if jvms:
            return jvms[0]
        if proc.poll() is not None:
            raise RuntimeError(f"the container exited ({proc.returncode}) before a JVM started")
        time.sleep(0.3)
    raise TimeoutError("no JVM appeared under the container process")


def wait_port(port: int, proc: subprocess.Popen, timeout: float) -> float:
    t0 = time.monotonic()
    while time.monotonic() - t0 < timeout:
        if port_open(port):
            return time.monotonic() - t0
        if proc.poll() is not None:
            raise RuntimeError(f"the server exited ({proc.returncode}) before port {port} opened")
        time.sleep(0.5)
    raise TimeoutError(f"port {port} not open after {timeout} s")


def rss_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        pass
    return 0.0


def http_json(url: str, timeout: float = 5):
    with urllib.request.urlopen(url, timeout=timeout) as r:
        return json.loads(r.read())
