#!/usr/bin/env bash
# History Server compatibility between Spark 3.5.7 and 4.1.0.
#   default:    real Spark from PyPI, locally: both versions write event logs, both History
#               Servers read all of them, checked through the REST API (Tests/spark).
#   --cluster:  port-forward to the History Servers of installed releases and check that every
#               completed application, job, stage and SQL execution is listed.
set -euo pipefail
usage() { echo "usage: $0 [--cluster [--install] [--kubeconfig FILE] [-n NAMESPACE] [--release-35 NAME] [--release-41 NAME]]"; }
RELEASE_35=spark-35 RELEASE_41=spark-41
source "$(dirname "$0")/spark-cluster-lib.sh"
parse_common "$@"
[ "$CLUSTER" = 1 ] || run_local_spark test_history_server
install_release "$RELEASE_35" spark-3.5
install_release "$RELEASE_41" spark-4.1
rc=0
for rel in "$RELEASE_41" "$RELEASE_35"; do
  port=$(port_forward "$rel-history" 18080)
  echo "== $rel History Server"
  cluster_check history-server --url "http://127.0.0.1:$port" || rc=1
done
exit $rc
