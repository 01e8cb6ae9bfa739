#!/bin/bash
# Health command of the Spark images: healthy when one of the server ports accepts a TCP
# connection. SPARK_HEALTH_PORTS overrides the list (default: Connect gRPC 15002, History
# Server 18080, standalone master 8080 and worker 8081). Kubernetes uses the charts' probes;
# this serves `docker run` / `podman` and other engines that honour HEALTHCHECK.
set -u
for port in ${SPARK_HEALTH_PORTS:-15002 18080 8080 8081}; do
  if (exec 3<>"/dev/tcp/127.0.0.1/${port}") 2>/dev/null; then
    exit 0
  fi
done
echo "no server port answers on 127.0.0.1 (tried: ${SPARK_HEALTH_PORTS:-15002 18080 8080 8081})" >&2
exit 1
