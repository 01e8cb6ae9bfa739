#!/usr/bin/env bash
# Spark 4.1 smoke test: a Spark Connect session (DataFrame query, SQL, Python UDF, temp view…)
# from pyspark 4.1.0 and from pyspark 3.5.7.
#   default:    a local 4.1.0 Connect server started with the Spark properties the spark-4.1
#               chart renders (plus the registry check of every key and value), Tests/spark.
#   --cluster:  port-forward to the Connect service of an installed spark-4.1 release.
set -euo pipefail
usage() { echo "usage: $0 [--cluster [--kubeconfig FILE] [-n NAMESPACE] [--release-41 NAME]]"; }
RELEASE_41=spark-41 RELEASE_35=spark-35
source "$(dirname "$0")/spark-cluster-lib.sh"
parse_common "$@"
PY=$(spark_python)
cd "$REPO"
if [ "$CLUSTER" = 0 ]; then
  exec make --no-print-directory test-spark SPARK_PYTEST_ARGS="-k test_connect"
fi
port=$(port_forward "$RELEASE_41-connect" 15002)
rc=0
for client in 4.1.0 3.5.7; do
  echo "== pyspark $client client -> $RELEASE_41 Connect server"
  PYTHONPATH=Tests/spark "$PY" Tests/spark/cluster_checks.py connect --remote "sc://127.0.0.1:$port" --client "$client" || rc=1
done
exit $rc
