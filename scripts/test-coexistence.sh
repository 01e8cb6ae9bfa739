#!/usr/bin/env bash
# Spark 3.5.7 and 4.1.0 side by side without interfering.
#   default:    on this machine, real processes: a 4.1.0 Connect server (the spark-4.1 chart's
#               properties) serving a 4.1.0 client while a 3.5.7 job runs, one History Server per
#               line on its own port and event-log folder; each History Server must list only
#               its line (Tests/spark/test_side_by_side.py). Then the render-level check: both
#               charts and spark-base in one namespace (Tests/charts/test_coexistence.py).
#   --cluster:  against installed releases (--install installs them first with helm): every
#               object of one release is distinct from the other's, each History Server lists
#               only its line, and a client of each line runs against its own Connect server.
set -euo pipefail
usage() { echo "usage: $0 [--cluster [--install] [--kubeconfig FILE] [-n NAMESPACE] [--release-35 NAME] [--release-41 NAME]]"; }
RELEASE_35=spark-35 RELEASE_41=spark-41
source "$(dirname "$0")/spark-cluster-lib.sh"
parse_common "$@"
cd "$REPO"
if [ "$CLUSTER" = 0 ]; then
  make --no-print-directory venv
  .venv/bin/python -m pytest -q -p no:cacheprovider Tests/charts/test_coexistence.py
  run_local_spark test_side_by_side
fi
install_release "$RELEASE_35" spark-3.5
install_release "$RELEASE_41" spark-4.1
rc=0
echo "== objects of both releases in namespace $NAMESPACE"
for rel in "$RELEASE_35" "$RELEASE_41"; do
  kubectl -n "$NAMESPACE" get all,configmap,secret,pvc -l "app.kubernetes.io/instance=$rel" -o name | sort > "/tmp/coexist-$rel.$$"
done
dup=$(comm -12 "/tmp/coexist-$RELEASE_35.$$" "/tmp/coexist-$RELEASE_41.$$")
rm -f /tmp/coexist-*."$$"
[ -z "$dup" ] || { echo "objects labelled with both releases: $dup"; rc=1; }
for pair in "$RELEASE_41:4.1:4.1.0" "$RELEASE_35:3.5:3.5.7"; do
  IFS=: read -r rel line client <<<"$pair"
  echo "== $rel: History Server lists only Spark $line applications"
  port=$(port_forward "$rel-history" 18080)
  cluster_check history-server --url "http://127.0.0.1:$port" --min-apps 0 --expect-version "$line" || rc=1
  echo "== pyspark $client client -> $rel Connect server"
  port=$(port_forward "$rel-connect" 15002)
  cluster_check connect --remote "sc://127.0.0.1:$port" --client "$client" || rc=1
done
exit $rc
