#!/bin/bash
# The image build's Maven stage: downloads every jar listed in a lock file and checks its
# SHA-256 before anything lands in /out/jars. Lock lines: "group:artifact:version sha256";
# "#" starts a comment. An entry without a 64-hex-digit hash fails the build: pin it first
# (scripts/images.py lock, on a machine that reaches Maven Central).
#   fetch-jars.sh LOCK OUT            download and verify
#   SKIP_MAVEN_JARS=true …            skip the download on purpose; /out/maven-stage.txt says so
set -euo pipefail
lock="$1" out="$2"
repo="${MAVEN_REPO:-https://repo1.maven.org/maven2}"
mkdir -p "$out/jars"

entries() { grep -v '^[[:space:]]*\(#\|$\)' "$lock"; }

if [ "${SKIP_MAVEN_JARS:-false}" = "true" ]; then
  {
    echo "skipped: the Maven stage was skipped by the build argument SKIP_MAVEN_JARS=true"
    echo "missing jars:"
    entries | awk '{print "  " $1}'
  } > "$out/maven-stage.txt"
  cat "$out/maven-stage.txt"
  exit 0
fi

lineno=0
while IFS= read -r line; do
  lineno=$((lineno + 1))
  case "$line" in ''|'#'*) continue ;; esac
  read -r coord sha <<<"$line"
  IFS=: read -r group artifact version <<<"$coord"
  if [ -z "${version:-}" ] || ! [[ "${sha:-}" =~ ^[0-9a-f]{64}$ ]]; then
    echo "$lock:$lineno: '$line' needs group:artifact:version and a 64-hex-digit SHA-256" >&2
    exit 1
  fi
  file="$artifact-$version.jar"
  curl -fsSL --retry 3 -o "$out/jars/$file" "$repo/${group//.//}/$artifact/$version/$file"
  echo "$sha  $out/jars/$file" | sha256sum -c --quiet - || {
    echo "$lock:$lineno: SHA-256 of $file does not match the lock" >&2; exit 1; }
done < "$lock"
echo "complete: $(entries | wc -l) jars from $repo, each checked against $(basename "$lock")" > "$out/maven-stage.txt"
