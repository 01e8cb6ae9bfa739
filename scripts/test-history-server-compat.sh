#!/usr/bin/env bash
# History Server compatibility between Spark 3.5.7 and 4.1.0.
#   default:    real Spark from PyPI, locally: both versions write event logs, both History
#               Servers read all of them, checked through the REST API (Tests/spark).
#   --cluster:  port-forward to the History Servers of installed releases and check that every
#               completed application, job, stage and SQL execution is listed.
set -euo pipefail
usage() { echo "usage: $0 [--cluster [--kubeconfig FILE] [-n NAMESPACE] [--release-35 NAME] [--release-41 NAME]]"; }
RELEASE_35=spark-35 RELEASE_41=spark-41
source "$(dirname "$0")/spark-cluster-lib.sh"
parse_common "$@"
PY=$(spark_python)
cd "$REPO"
if [ "$CLUSTER" = 0 ]; then
  exec make --no-print-directory test-spark SPARK_PYTEST_ARGS="-k test_history_server"
fi
rc=0
for rel in "$RELEASE_41" "$RELEASE_35"; do
  port=$(port_forward "$rel-history" 18080)
  echo "== $rel History Server"
  PYTHONPATH=Tests/spark "$PY" Tests/spark/cluster_checks.py history-server --url "http://127.0.0.1:$port" || rc=1
done
exit $rc
