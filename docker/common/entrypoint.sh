#!/bin/bash
# Entrypoint of the platform's Spark images. Every branch ends in `exec`, so the JVM (or the
# command given) becomes the container's main process and receives SIGTERM directly.
#   executor      a Spark-on-Kubernetes executor pod (Spark's scheduler passes this argument and
#                 the SPARK_EXECUTOR_* / SPARK_DRIVER_URL environment)
#   driver ARGS   a cluster-mode driver pod: spark-submit in client mode inside the pod
#   anything else run as given (start-connect-server.sh, spark-class …HistoryServer, bash)
set -euo pipefail

# Spark's Kubernetes backend hands JVM options over as SPARK_JAVA_OPT_0, _1, … in order.
java_opts_from_env() {
  local i=0
  JAVA_OPTS=()
  while true; do
    local var="SPARK_JAVA_OPT_$i"
    [ -n "${!var+set}" ] || break
    JAVA_OPTS+=("${!var}")
    i=$((i + 1))
  done
}

classpath() {
  local cp="${SPARK_HOME}/jars/*"
  [ -n "${SPARK_CLASSPATH:-}" ] && cp="${SPARK_CLASSPATH}:${cp}"
  [ -n "${SPARK_EXTRA_CLASSPATH:-}" ] && cp="${cp}:${SPARK_EXTRA_CLASSPATH}"
  [ -n "${SPARK_CONF_DIR:-}" ] && cp="${SPARK_CONF_DIR}:${cp}"
  printf '%s' "$cp"
}

case "${1:-}" in
  executor)
    shift
    java_opts_from_env
    exec "${JAVA_HOME}/bin/java" "${JAVA_OPTS[@]}" \
      -Xms"${SPARK_EXECUTOR_MEMORY}" -Xmx"${SPARK_EXECUTOR_MEMORY}" \
      -cp "$(classpath)" \
      org.apache.spark.scheduler.cluster.k8s.KubernetesExecutorBackend \
      --driver-url "${SPARK_DRIVER_URL}" \
      --executor-id "${SPARK_EXECUTOR_ID}" \
      --cores "${SPARK_EXECUTOR_CORES}" \
      --app-id "${SPARK_APPLICATION_ID}" \
      --hostname "${SPARK_EXECUTOR_POD_IP}" \
      --resourceProfileId "${SPARK_RESOURCE_PROFILE_ID}" \
      --podName "${SPARK_EXECUTOR_POD_NAME}" \
      "$@"
    ;;
  driver)
    shift
    exec "${SPARK_HOME}/bin/spark-submit" \
      --conf "spark.driver.bindAddress=${SPARK_DRIVER_BIND_ADDRESS}" \
      --deploy-mode client "$@"
    ;;
  "")
    echo "entrypoint: no command given (expected executor, driver or a command)" >&2
    exit 64
    ;;
  *)
    exec "$@"
    ;;
esac
