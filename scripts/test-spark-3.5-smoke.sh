#!/usr/bin/env bash
# Spark 3.5 smoke test, the 3.5.7 counterpart of test-spark-4.1-smoke.sh.
#   default:    what runs here: the spark-3.5 chart's Connect and History Server properties
#               against 3.5.7's configuration registry, a 3.5.7 job writing event logs and the
#               3.5.7 History Server listing it (the side-by-side run), the 3.5.7 Connect client
#               against a 4.1.0 server. Not run here: a 3.5.7 Connect server, because PyPI's
#               pyspark 3.5.7 has no spark-connect_2.12 jar (the chart's image carries it);
#               test_spark35_connect_server_not_runnable_here records that in the results.
#   --cluster:  port-forward to the Connect service of an installed spark-3.5 release: the
#               3.5.7 client runs there, then the History Server lists only 3.5 applications.
set -euo pipefail
usage() { echo "usage: $0 [--cluster [--install] [--kubeconfig FILE] [-n NAMESPACE] [--release-35 NAME]]"; }
RELEASE_35=spark-35 RELEASE_41=spark-41
source "$(dirname "$0")/spark-cluster-lib.sh"
parse_common "$@"
[ "$CLUSTER" = 1 ] || run_local_spark "3.5 or spark35 or test_side_by_side or test_connect_server_runs_with_spark41_chart_settings"
install_release "$RELEASE_35" spark-3.5
rc=0
echo "== pyspark 3.5.7 client -> $RELEASE_35 Connect server"
port=$(port_forward "$RELEASE_35-connect" 15002)
cluster_check connect --remote "sc://127.0.0.1:$port" --client 3.5.7 || rc=1
echo "== $RELEASE_35 History Server"
hs=$(port_forward "$RELEASE_35-history" 18080)
cluster_check history-server --url "http://127.0.0.1:$hs" --min-apps 0 --expect-version 3.5 || rc=1
exit $rc
