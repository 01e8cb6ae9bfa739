#!/usr/bin/env python3
"""Builds the platform's images with buildah (no Docker daemon needed) and keeps the state
that lets a second run reuse them.

  images.py base               make debian:bookworm-slim locally with debootstrap (cached)
  images.py build [NAME...]    build the images whose docker/ inputs changed since the last build
  images.py lock LOCKFILE      fill in the SHA-256 of every jar of a deps/jars.lock (needs Maven Central)

Everything lives under .build-images/ (gitignored) and buildah's own storage. Each image is
keyed by a SHA-256 over its Dockerfile's folder, docker/common and the build arguments, so an
unchanged image is reused. Build times and sizes go to .build-images/state.json.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DOCKER = REPO / "docker"
WORK = REPO / ".build-images"
STATE = WORK / "state.json"
BASE_IMAGE = "docker.io/library/debian:bookworm-slim"
SUITE = "bookworm"
# (folder under docker/, image reference). Tags: <line version>-<image revision>.
IMAGES = {
    "spark-4.1": "spark-k8s-platform/spark",
    "spark-3.5": "spark-k8s-platform/spark",
    "jupyter-4.1": "spark-k8s-platform/jupyter",
    "jupyter-3.5": "spark-k8s-platform/jupyter",
}
ARG_RE = re.compile(r"^ARG\s+(\w+)=(\S+)\s*$", re.M)
STORAGE = ["--storage-driver", os.environ.get("BUILDAH_STORAGE_DRIVER", "vfs")]


def buildah(*args: str, capture: bool = False, **kw) -> subprocess.CompletedProcess:
    return subprocess.run(["buildah", *STORAGE, *args], check=True, text=True,
                          stdout=subprocess.PIPE if capture else None, **kw)


def image_exists(ref: str) -> bool:
    r = subprocess.run(["buildah", *STORAGE, "inspect", "--type", "image", ref],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return r.returncode == 0


def dockerfile_args(folder: str) -> dict[str, str]:
    """The ARG defaults of docker/<folder>/Dockerfile (first value wins)."""
    out: dict[str, str] = {}
    for k, v in ARG_RE.findall((DOCKER / folder / "Dockerfile").read_text()):
        out.setdefault(k, v)
    return out


def tag_of(folder: str) -> str:
    a = dockerfile_args(folder)
    version = a.get("SPARK_VERSION") or a["PYSPARK_VERSION"]
    return f"{IMAGES[folder]}:{version}-{a['IMAGE_REVISION']}"


def mirror() -> str:
    """The Debian URI this machine's apt already uses (debootstrap needs one)."""
    src = Path("/etc/apt/sources.list.d/debian.sources")
    if src.is_file():
        m = re.search(r"^URIs:\s*(\S+)", src.read_text(), re.M)
        if m:
            return m.group(1)
    return "http://deb.debian.org/debian"


def cmd_base(_args) -> None:
    if image_exists(BASE_IMAGE):
        print(f"base: {BASE_IMAGE} exists in buildah's storage, reused")
        return
    rootfs = WORK / f"rootfs-{SUITE}"
    t0 = time.monotonic()
    if not (rootfs / "etc" / "debian_version").is_file():
        tmp = WORK / f"rootfs-{SUITE}.tmp"
        shutil.rmtree(tmp, ignore_errors=True)
        WORK.mkdir(exist_ok=True)
        subprocess.run(["debootstrap", "--variant=minbase", SUITE, str(tmp), mirror()], check=True)
        tmp.rename(rootfs)
    c = buildah("from", "scratch", capture=True).stdout.strip()
    try:
        m = buildah("mount", c, capture=True).stdout.strip()
        subprocess.run(["cp", "-a", f"{rootfs}/.", m + "/"], check=True)
        buildah("umount", c)
        buildah("config", "--cmd", "/bin/bash", c)
        buildah("commit", "-q", c, BASE_IMAGE)
    finally:
        buildah("rm", c, capture=True)
    print(f"base: {BASE_IMAGE} made with debootstrap ({SUITE}) in {time.monotonic() - t0:.0f} s")


def inputs_hash(folder: str, build_args: dict[str, str]) -> str:
    h = hashlib.sha256()
    for d in (DOCKER / "common", DOCKER / folder):
        for p in sorted(d.rglob("*")):
            if p.is_file():
                h.update(str(p.relative_to(DOCKER)).encode() + b"\0" + p.read_bytes() + b"\0")
    h.update(json.dumps(build_args, sort_keys=True).encode())
    return h.hexdigest()[:16]


def load_state() -> dict:
    return json.loads(STATE.read_text()) if STATE.is_file() else {}


def image_size_mb(ref: str) -> float:
    """Unpacked size as buildah reports it ("1.52 GB"), in MB."""
    rows = json.loads(buildah("images", "--json", ref, capture=True).stdout)
    number, unit = rows[0]["size"].split()
    return round(float(number) * {"kB": 1e-3, "MB": 1, "GB": 1e3}[unit], 1)


def build_env_volumes() -> list[str]:
    """This machine reaches PyPI through a TLS proxy whose CA only the host trusts: lend the
    host's CA bundle to pip in the RUN steps. One folder is bind-mounted as root's pip config
    folder, so neither the CA nor the config ends up in a layer (only the empty mount point
    /root/.config/pip does)."""
    bundle = Path(os.environ.get("IMAGES_BUILD_CA", "/etc/ssl/certs/ca-certificates.crt"))
    if not bundle.is_file():
        return []
    env_dir = WORK / "buildenv"
    env_dir.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(bundle, env_dir / "host-ca.crt")
    (env_dir / "pip.conf").write_text("[global]\ncert = /root/.config/pip/host-ca.crt\n")
    return ["-v", f"{env_dir}:/root/.config/pip:ro"]


def cmd_build(args) -> None:
    skip = os.environ.get("SKIP_MAVEN_JARS", "false")
    state = load_state()
    folders = args.names or list(IMAGES)
    for folder in folders:
        if folder not in IMAGES:
            sys.exit(f"images.py: unknown image folder {folder!r} (known: {', '.join(IMAGES)})")
        ref = tag_of(folder)
        build_args = {"SKIP_MAVEN_JARS": skip} if folder.startswith("spark-") else {}
        key = inputs_hash(folder, build_args)
        prev = state.get(folder, {})
        if prev.get("inputs") == key and image_exists(ref):
            print(f"{folder}: {ref} is up to date (inputs {key}), reused")
            continue
        cmd = ["bud", "--isolation", "chroot", "--network", "host", "--layers", "--format", "docker",
               *build_env_volumes(), "-t", ref, "-f", str(DOCKER / folder / "Dockerfile")]
        for k, v in build_args.items():
            cmd += ["--build-arg", f"{k}={v}"]
        print(f"{folder}: building {ref} (inputs {key}" + (f", SKIP_MAVEN_JARS={skip})" if build_args else ")"),
              flush=True)
        t0 = time.monotonic()
        buildah(*cmd, str(DOCKER))
        entry = {"image": ref, "inputs": key, "build_s": round(time.monotonic() - t0, 1),
                 "size_mb": image_size_mb(ref), "build_args": build_args}
        state[folder] = entry
        STATE.write_text(json.dumps(state, indent=2) + "\n")
        print(f"{folder}: built in {entry['build_s']} s, {entry['size_mb']} MB")
    for folder in folders:
        e = state.get(folder, {})
        print(f"  {tag_of(folder):40} {e.get('size_mb', '?'):>6} MB  last build {e.get('build_s', '?')} s")
        if e.get("build_args", {}).get("SKIP_MAVEN_JARS") == "true":
            print(f"    Maven stage SKIPPED (SKIP_MAVEN_JARS=true): no jars of docker/{folder}/deps/jars.lock in the image")


def cmd_lock(args) -> None:
    """Pins the SHA-256 of each jar by downloading it once from Maven Central."""
    path = Path(args.lockfile)
    repo = os.environ.get("MAVEN_REPO", "https://repo1.maven.org/maven2")
    out = []
    for line in path.read_text().splitlines():
        parts = line.split()
        if len(parts) == 2 and not line.startswith("#"):
            group, artifact, version = parts[0].split(":")
            url = f"{repo}/{group.replace('.', '/')}/{artifact}/{version}/{artifact}-{version}.jar"
            with urllib.request.urlopen(url, timeout=120) as r:
                digest = hashlib.sha256(r.read()).hexdigest()
            if parts[1] not in ("-", digest):
                sys.exit(f"{path}: {parts[0]} is pinned to {parts[1]} but Maven Central serves {digest}")
            line = f"{parts[0]} {digest}"
        out.append(line)
    path.write_text("\n".join(out) + "\n")
    print(f"{path}: every jar pinned")


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest="cmd", required=True)
    sub.add_parser("base").set_defaults(fn=cmd_base)
    b = sub.add_parser("build")
    b.add_argument("names", nargs="*")
    b.set_defaults(fn=cmd_build)
    lk = sub.add_parser("lock")
    lk.add_argument("lockfile")
    lk.set_defaults(fn=cmd_lock)
    a = p.parse_args()
    a.fn(a)


if __name__ == "__main__":
    main()
