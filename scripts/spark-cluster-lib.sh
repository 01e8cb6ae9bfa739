# Shared by the scripts/test-*.sh and benchmark entry points: one argument parser, the local
# runs (pytest subsets of the Spark and chart suites) and the kubectl/helm plumbing of --cluster.
# shellcheck shell=bash
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CLUSTER=0
INSTALL=0
KUBECONFIG_ARG=""
NAMESPACE="spark"
PF_PIDS=()

die() { echo "$(basename "$0"): $*" >&2; exit 2; }

# need_value OPTION "$@": an option that takes a value must have one (not another option).
need_value() { [ $# -ge 2 ] && [ -n "$2" ] && [ "${2#-}" = "$2" ] || die "$1 needs a value"; }

parse_common() {
  while [ $# -gt 0 ]; do
    case "$1" in
      --cluster) CLUSTER=1 ;;
      --install) INSTALL=1 ;;
      --kubeconfig) need_value "$@"; KUBECONFIG_ARG="$2"; shift ;;
      --namespace|-n) need_value "$@"; NAMESPACE="$2"; shift ;;
      --release-35) need_value "$@"; RELEASE_35="$2"; shift ;;
      --release-41) need_value "$@"; RELEASE_41="$2"; shift ;;
      -h|--help) usage; exit 0 ;;
      *) echo "unknown argument: $1" >&2; usage >&2; exit 2 ;;
    esac
    shift
  done
  if [ "$CLUSTER" = 0 ]; then
    [ -z "$KUBECONFIG_ARG" ] && [ "$INSTALL" = 0 ] || die "--kubeconfig and --install need --cluster"
    return 0
  fi
  command -v kubectl >/dev/null || die "--cluster needs kubectl on PATH"
  if [ -n "$KUBECONFIG_ARG" ]; then
    [ -f "$KUBECONFIG_ARG" ] || die "--kubeconfig $KUBECONFIG_ARG: no such file"
    export KUBECONFIG="$KUBECONFIG_ARG"
  fi
  [ -n "${KUBECONFIG:-}" ] || [ -f "$HOME/.kube/config" ] || die "--cluster needs --kubeconfig or \$KUBECONFIG"
  if [ "$INSTALL" = 1 ]; then command -v helm >/dev/null || die "--install needs helm on PATH"; fi
  trap stop_forwards EXIT
}

# run_local_spark PYTEST_K: the local mode, a subset of the Spark suite (make test-spark).
run_local_spark() {
  exec make -C "$REPO" --no-print-directory test-spark SPARK_PYTEST_ARGS="-k '$1'"
}

# install_release NAME CHART: helm upgrade --install into $NAMESPACE (only with --install).
install_release() {
  [ "$INSTALL" = 1 ] || return 0
  helm dependency build "$REPO/charts/$2" >/dev/null
  helm upgrade --install "$1" "$REPO/charts/$2" -n "$NAMESPACE" --create-namespace \
    -f "$REPO/charts/values-common.yaml" --wait --timeout 15m
}

# port_forward SERVICE REMOTE_PORT -> prints the local port
port_forward() {
  local svc="$1" rport="$2" lport pid
  lport=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  kubectl -n "$NAMESPACE" port-forward "svc/$svc" "$lport:$rport" >/dev/null 2>&1 &
  pid=$!
  PF_PIDS+=("$pid")
  for _ in $(seq 1 50); do
    kill -0 "$pid" 2>/dev/null || break   # kubectl gave up (no such service, no cluster)
    (exec 3<>"/dev/tcp/127.0.0.1/$lport") 2>/dev/null && { echo "$lport"; return 0; }
    sleep 0.2
  done
  echo "port-forward to svc/$svc:$rport in namespace $NAMESPACE did not come up" >&2
  return 1
}

stop_forwards() {
  for p in "${PF_PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
}

# cluster_check ARGS...: Tests/spark/cluster_checks.py with the 4.1 venv's Python.
cluster_check() {
  (cd "$REPO" && PYTHONPATH=Tests/spark "$(spark_python)" Tests/spark/cluster_checks.py "$@")
}

spark_python() {  # the suite runs from the 4.1 venv; make builds both venvs when missing
  [ -x "$REPO/.venv-spark41/bin/python" ] || make -C "$REPO" --no-print-directory spark-venvs >&2
  echo "$REPO/.venv-spark41/bin/python"
}
