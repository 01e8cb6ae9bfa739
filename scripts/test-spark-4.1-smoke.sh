#!/usr/bin/env bash
# Spark 4.1 smoke test: a Spark Connect session (DataFrame query, SQL, Python UDF, temp view…)
# from pyspark 4.1.0 and from pyspark 3.5.7, executors used, the run listed by the History Server.
#   default:    a local 4.1.0 Connect server started with the Spark properties the spark-4.1
#               chart renders (plus the registry check of every key and value), and the
#               side-by-side run: tasks ran on the executor (local[2]: the driver's) and the
#               4.1 History Server lists the Connect application once it ends (Tests/spark).
#   --cluster:  port-forward to the Connect service of an installed spark-4.1 release: both
#               clients, then executor pods ran tasks (the driver UI's REST API), then the
#               History Server lists that application.
set -euo pipefail
usage() { echo "usage: $0 [--cluster [--install] [--kubeconfig FILE] [-n NAMESPACE] [--release-41 NAME]]"; }
RELEASE_41=spark-41 RELEASE_35=spark-35
source "$(dirname "$0")/spark-cluster-lib.sh"
parse_common "$@"
[ "$CLUSTER" = 1 ] || run_local_spark "test_connect or test_side_by_side"
install_release "$RELEASE_41" spark-4.1
port=$(port_forward "$RELEASE_41-connect" 15002)
rc=0
for client in 4.1.0 3.5.7; do
  echo "== pyspark $client client -> $RELEASE_41 Connect server"
  cluster_check connect --remote "sc://127.0.0.1:$port" --client "$client" || rc=1
done
echo "== executors of the $RELEASE_41 Connect driver"
ui=$(port_forward "$RELEASE_41-connect" 4040)
app=$(cluster_check executors --url "http://127.0.0.1:$ui" | tee /dev/stderr | python3 -c 'import json,sys; print(json.loads(sys.stdin.read().splitlines()[-1])["app_id"])') || rc=1
echo "== $RELEASE_41 History Server lists $app"
hs=$(port_forward "$RELEASE_41-history" 18080)
cluster_check history-server --url "http://127.0.0.1:$hs" --expect-version 4.1 --expect-app "$app" || rc=1
exit $rc
