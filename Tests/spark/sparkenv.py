"""Shared plumbing for the spark-compat suite: where each Spark line lives, how to start and
stop its processes (History Server, Spark Connect server, PySpark jobs) and how to talk to them.

Everything runs locally on loopback; no cluster. Processes are started in their own session
so that a stop kills exactly the process group this module created and nothing else.
"""
from __future__ import annotations

import glob
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
JOBS = HERE / "jobs"
OUT = Path(os.environ.get("SPARK_COMPAT_OUT", HERE / "out"))

VERSIONS = ("3.5.7", "4.1.0")


@dataclass(frozen=True)
class SparkLine:
    version: str
    venv: Path

    @property
    def short(self) -> str:  # "3.5" / "4.1"
        return ".".join(self.version.split(".")[:2])

    @property
    def python(self) -> Path:
        return self.venv / "bin" / "python"

    @property
    def spark_home(self) -> Path:
        hits = glob.glob(str(self.venv / "lib" / "python3*" / "site-packages" / "pyspark"))
        if not hits:
            raise FileNotFoundError(f"no pyspark package in {self.venv}")
        return Path(hits[0])

    def available(self) -> str | None:
        """None when usable, else the reason it is not."""
        if not self.python.exists():
            return f"venv {self.venv} missing (run `make spark-venvs`)"
        try:
            home = self.spark_home
        except FileNotFoundError as e:
            return str(e)
        if not (home / "jars").is_dir():
            return f"{home}/jars missing: pyspark install is incomplete"
        return None


def lines() -> dict[str, SparkLine]:
    v35 = Path(os.environ.get("SPARK35_VENV", REPO / ".venv-spark35"))
    v41 = Path(os.environ.get("SPARK41_VENV", REPO / ".venv-spark41"))
    return {"3.5.7": SparkLine("3.5.7", v35), "4.1.0": SparkLine("4.1.0", v41)}


def java_home() -> str | None:
    if os.environ.get("JAVA_HOME"):
        return os.environ["JAVA_HOME"]
    hits = sorted(glob.glob("/usr/lib/jvm/java-17-openjdk-*"))
    return hits[0] if hits else None


def spark_env(line: SparkLine, conf_dir: Path | None = None, **extra: str) -> dict[str, str]:
    env = dict(os.environ)
    jh = java_home()
    if jh:
        env["JAVA_HOME"] = jh
    env["SPARK_HOME"] = str(line.spark_home)
    env["SPARK_LOCAL_IP"] = "127.0.0.1"
    env["PYSPARK_PYTHON"] = str(line.python)
    env["PYSPARK_DRIVER_PYTHON"] = str(line.python)
    env.pop("PYSPARK_SUBMIT_ARGS", None)
    env.pop("SPARK_CONF_DIR", None)
    if conf_dir is not None:
        env["SPARK_CONF_DIR"] = str(conf_dir)
    env["PATH"] = f"{line.venv / 'bin'}:{env.get('PATH', '')}"
    env.update(extra)
    return env


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_port(port: int, proc: subprocess.Popen, timeout: float) -> bool:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if proc.poll() is not None:
            return False
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return True
        except OSError:
            time.sleep(0.2)
    return False


def http_json(url: str, timeout: float = 30):
    with urllib.request.urlopen(url, timeout=timeout) as r:
        return json.loads(r.read().decode())


def http_text(url: str, timeout: float = 30) -> str:
    with urllib.request.urlopen(url, timeout=timeout) as r:
        return r.read().decode()


def http_status(url: str, timeout: float = 30) -> int:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as r:
            r.read()
            return r.status
    except urllib.error.HTTPError as e:
        return e.code


def proc_tree_rss_kb(pid: int) -> int:
    """Current RSS of pid and its descendants, in KiB (Linux /proc)."""
    total = 0
    todo = [pid]
    while todo:
        p = todo.pop()
        try:
            for ln in Path(f"/proc/{p}/status").read_text().splitlines():
                if ln.startswith("VmRSS:"):
                    total += int(ln.split()[1])
            for child in Path(f"/proc/{p}/task").iterdir():
                kids = (child / "children").read_text().split()
                todo.extend(int(k) for k in kids)
        except (FileNotFoundError, ProcessLookupError, PermissionError):
            pass
    return total


def peak_rss_kb(pid: int) -> int:
    try:
        for ln in Path(f"/proc/{pid}/status").read_text().splitlines():
            if ln.startswith("VmHWM:"):
                return int(ln.split()[1])
    except FileNotFoundError:
        pass
    return 0


@dataclass
class Service:
    """A long-running JVM started by this suite (History Server or Connect server)."""
    name: str
    proc: subprocess.Popen
    port: int
    log: Path
    started: float = field(default_factory=time.monotonic)
    ready_s: float | None = None
    peak_rss_kb: int = 0

    def sample_rss(self) -> None:
        self.peak_rss_kb = max(self.peak_rss_kb, proc_tree_rss_kb(self.proc.pid))

    def log_tail(self, n: int = 40) -> str:
        try:
            return "\n".join(self.log.read_text(errors="replace").splitlines()[-n:])
        except FileNotFoundError:
            return "(no log)"

    def log_lines(self, *levels: str) -> list[str]:
        try:
            text = self.log.read_text(errors="replace").splitlines()
        except FileNotFoundError:
            return []
        return [ln for ln in text if any(f" {lv} " in ln for lv in levels)]

    def stop(self, timeout: float = 20) -> None:
        if self.proc.poll() is None:
            self.sample_rss()
            try:
                os.killpg(self.proc.pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
            try:
                self.proc.wait(timeout)
            except subprocess.TimeoutExpired:
                try:
                    os.killpg(self.proc.pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
                self.proc.wait(10)


def start_history_server(line: SparkLine, log_dir: Path, work: Path,
                         props: dict[str, str] | None = None, timeout: float = 90) -> Service:
    """Start `line`'s History Server over log_dir. props are extra spark.history.* settings."""
    work.mkdir(parents=True, exist_ok=True)
    port = free_port()
    opts = {
        "spark.history.fs.logDirectory": log_dir.resolve().as_uri(),
        "spark.history.ui.port": str(port),
        "spark.history.fs.update.interval": "2s",
    }
    for k, v in (props or {}).items():
        if k not in ("spark.history.fs.logDirectory", "spark.history.ui.port"):
            opts[k] = v
    conf_dir = work / "conf"
    conf_dir.mkdir(exist_ok=True)
    env = spark_env(line, conf_dir,
                    SPARK_HISTORY_OPTS=" ".join(f"-D{k}={v}" for k, v in opts.items()),
                    SPARK_DAEMON_MEMORY="512m")
    log = work / f"history-server-{line.version}.log"
    cmd = [str(line.spark_home / "bin" / "spark-class"), "org.apache.spark.deploy.history.HistoryServer"]
    proc = subprocess.Popen(cmd, env=env, cwd=work, stdout=log.open("wb"), stderr=subprocess.STDOUT,
                            stdin=subprocess.DEVNULL, start_new_session=True)
    svc = Service(f"history-server-{line.version}", proc, port, log)
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if proc.poll() is not None:
            raise RuntimeError(f"{svc.name} exited with {proc.returncode}:\n{svc.log_tail()}")
        try:
            http_json(f"http://127.0.0.1:{port}/api/v1/version", timeout=2)
            svc.ready_s = time.monotonic() - svc.started
            svc.sample_rss()
            return svc
        except (OSError, ValueError):
            time.sleep(0.3)
    svc.stop()
    raise RuntimeError(f"{svc.name} did not answer within {timeout}s:\n{svc.log_tail()}")


def start_connect_server(line: SparkLine, props: dict[str, str], work: Path,
                         timeout: float = 120) -> Service:
    """Start `line`'s Spark Connect server (local[2]) with props written to a properties file."""
    work.mkdir(parents=True, exist_ok=True)
    props = dict(props)
    port = int(props.get("spark.connect.grpc.binding.port") or free_port())
    props["spark.connect.grpc.binding.port"] = str(port)
    props.setdefault("spark.connect.grpc.binding.address", "127.0.0.1")
    props_file = work / "spark-defaults.conf"
    props_file.write_text("".join(f"{k} {v}\n" for k, v in sorted(props.items())))
    conf_dir = work / "conf"
    conf_dir.mkdir(exist_ok=True)
    env = spark_env(line, conf_dir)
    log = work / f"connect-server-{line.version}.log"
    cmd = [str(line.spark_home / "bin" / "spark-submit"),
           "--master", props.get("spark.master", "local[2]"),
           "--properties-file", str(props_file),
           "--class", "org.apache.spark.sql.connect.service.SparkConnectServer"]
    if line.version.startswith("3."):
        # 3.5 keeps the Connect server outside the core distribution's classpath.
        cmd += connect_jars_35(line)
    cmd += ["spark-internal"]
    proc = subprocess.Popen(cmd, env=env, cwd=work, stdout=log.open("wb"), stderr=subprocess.STDOUT,
                            stdin=subprocess.DEVNULL, start_new_session=True)
    svc = Service(f"connect-server-{line.version}", proc, port, log)
    if not wait_port(port, proc, timeout):
        svc.stop()
        raise RuntimeError(f"{svc.name} did not listen on {port} (exit {proc.returncode}):\n{svc.log_tail(60)}")
    svc.ready_s = time.monotonic() - svc.started
    svc.sample_rss()
    return svc


def connect_jars_35(line: SparkLine) -> list[str]:
    jars = sorted(glob.glob(str(line.spark_home / "jars" / "spark-connect_*.jar")))
    return [] if jars else []


def run_py(line: SparkLine, script: Path, args: list[str], work: Path, timeout: float = 600,
           extra_env: dict[str, str] | None = None) -> tuple[dict, float, int]:
    """Run a helper script with the line's Python; it must print one JSON object as its last
    stdout line. Returns (that object, wall seconds, peak RSS KiB of the process tree)."""
    work.mkdir(parents=True, exist_ok=True)
    conf_dir = work / "conf"
    conf_dir.mkdir(exist_ok=True)
    env = spark_env(line, conf_dir, **(extra_env or {}))
    env["PYTHONPATH"] = str(JOBS)
    t0 = time.monotonic()
    log = work / f"{script.stem}-{line.version}-{int(t0 * 1000)}.log"
    proc = subprocess.Popen([str(line.python), str(script), *args], env=env, cwd=work,
                            stdout=subprocess.PIPE, stderr=log.open("wb"), stdin=subprocess.DEVNULL,
                            start_new_session=True, text=True)
    peak = 0
    out_chunks: list[str] = []
    import threading

    def reader():
        out_chunks.append(proc.stdout.read())

    th = threading.Thread(target=reader, daemon=True)
    th.start()
    while True:
        try:
            proc.wait(0.5)
            break
        except subprocess.TimeoutExpired:
            peak = max(peak, proc_tree_rss_kb(proc.pid))
            if time.monotonic() - t0 > timeout:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
                raise RuntimeError(f"{script.name} ({line.version}) timed out after {timeout}s; log {log}")
    th.join(10)
    wall = time.monotonic() - t0
    out = "".join(out_chunks)
    last = [ln for ln in out.splitlines() if ln.startswith("{")]
    if proc.returncode != 0 or not last:
        tail = "\n".join(log.read_text(errors="replace").splitlines()[-40:])
        raise RuntimeError(f"{script.name} ({line.version}) exit {proc.returncode}; stdout:\n{out[-2000:]}\n"
                           f"stderr tail:\n{tail}")
    return json.loads(last[-1]), wall, peak


def write_json(path: Path, data) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(data, indent=2, sort_keys=True, default=str) + "\n")
    tmp.replace(path)


def parse_properties(text: str) -> dict[str, str]:
    """spark-defaults.conf syntax: `key value` or `key=value`, # comments, blank lines."""
    out: dict[str, str] = {}
    for raw in text.splitlines():
        ln = raw.strip()
        if not ln or ln.startswith("#") or ln.startswith("!"):
            continue
        i = 0
        while i < len(ln) and not (ln[i].isspace() or ln[i] in "=:"):
            i += 1
        key = ln[:i]
        rest = ln[i:].lstrip()
        if rest[:1] in ("=", ":"):
            rest = rest[1:].lstrip()
        out[key] = rest
    return out


if __name__ == "__main__":
    for v, ln in lines().items():
        print(v, ln.available() or ln.spark_home)
    sys.exit(0)
