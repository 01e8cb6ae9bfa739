# Shared by the scripts/*-spark* entry points: argument parsing and kubectl port-forwarding.
# shellcheck shell=bash
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CLUSTER=0
KUBECONFIG_ARG=""
NAMESPACE="spark"
PF_PIDS=()

parse_common() {
  while [ $# -gt 0 ]; do
    case "$1" in
      --cluster) CLUSTER=1 ;;
      --kubeconfig) KUBECONFIG_ARG="$2"; shift ;;
      --namespace|-n) NAMESPACE="$2"; shift ;;
      --release-35) RELEASE_35="$2"; shift ;;
      --release-41) RELEASE_41="$2"; shift ;;
      -h|--help) usage; exit 0 ;;
      *) echo "unknown argument: $1" >&2; usage >&2; exit 2 ;;
    esac
    shift
  done
  if [ "$CLUSTER" = 1 ]; then
    command -v kubectl >/dev/null || { echo "--cluster needs kubectl on PATH" >&2; exit 2; }
    [ -n "$KUBECONFIG_ARG" ] && export KUBECONFIG="$KUBECONFIG_ARG"
    [ -n "${KUBECONFIG:-}" ] || [ -f "$HOME/.kube/config" ] || { echo "--cluster needs --kubeconfig or \$KUBECONFIG" >&2; exit 2; }
    trap stop_forwards EXIT
  fi
}

# port_forward SERVICE REMOTE_PORT -> prints the local port
port_forward() {
  local svc="$1" rport="$2" lport
  lport=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  kubectl -n "$NAMESPACE" port-forward "svc/$svc" "$lport:$rport" >/dev/null 2>&1 &
  PF_PIDS+=("$!")
  for _ in $(seq 1 50); do
    (exec 3<>"/dev/tcp/127.0.0.1/$lport") 2>/dev/null && { echo "$lport"; return 0; }
    sleep 0.2
  done
  echo "port-forward to svc/$svc:$rport did not come up" >&2
  return 1
}

stop_forwards() {
  for p in "${PF_PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
}

spark_python() {  # the suite runs from the 4.1 venv; make builds both venvs
  make -C "$REPO" --no-print-directory spark-venvs >&2
  echo "$REPO/.venv-spark41/bin/python"
}
