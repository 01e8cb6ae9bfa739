#!/bin/bash
# Starts the Spark Connect server in the foreground. Spark's own sbin script goes through
# spark-daemon.sh, which keeps a bash parent around the JVM; this one hands the process over
# (spark-submit and spark-class exec too), so SIGTERM reaches the JVM's shutdown hooks.
# Arguments are spark-submit options (--conf k=v, --properties-file FILE, …); the application
# name comes from spark.app.name in spark-defaults.conf (the charts set it).
set -euo pipefail
exec "${SPARK_HOME}/bin/spark-submit" \
  --class org.apache.spark.sql.connect.service.SparkConnectServer "$@"
