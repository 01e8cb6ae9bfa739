#!/usr/bin/env bash
# Spark 3.5.7 vs 4.1.0 benchmark (TPC-H-like queries, deterministic data, medians).
#   default:    both versions locally in local[2] (make bench-spark); extra arguments such as
#               --scale 3 --reps 3 are passed to Tests/spark/bench.py.
#   --cluster:  not automated: the local figures are what the testing pages report. On a
#               cluster, run the same queries through each release's Connect service; this
#               script prints the port-forward commands to start from.
set -euo pipefail
usage() { echo "usage: $0 [--scale N] [--reps N] [--warmup N] | --cluster [--kubeconfig FILE] [-n NAMESPACE]"; }
REPO="$(cd "$(dirname "$0")/.." && pwd)"
if [ "${1:-}" != "--cluster" ]; then
  case "${1:-}" in -h|--help) usage; exit 0 ;; esac
  exec make -C "$REPO" --no-print-directory bench-spark BENCH_SPARK_ARGS="$*"
fi
RELEASE_41=spark-41 RELEASE_35=spark-35
source "$(dirname "$0")/spark-cluster-lib.sh"
parse_common "$@"
echo "Cluster benchmark is manual: forward each Connect service, e.g."
echo "  kubectl -n $NAMESPACE port-forward svc/$RELEASE_35-connect 15002:15002"
echo "  kubectl -n $NAMESPACE port-forward svc/$RELEASE_41-connect 15003:15002"
echo "and run the queries of Tests/spark/jobs/bench_worker.py (QUERIES) from each matching pyspark client."
exit 0
