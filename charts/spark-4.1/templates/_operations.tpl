{{/* The operations options (global.logging, global.metrics, global.serviceMesh) as Spark
properties of a driver and its executors. Call with (list $ component). */}}
{{- define "spark-4.1.operationsProperties" }}
{{- $root := index . 0 }}
{{- $g := $root.Values.global | default dict }}
{{- if eq (($g.logging | default dict).format | default "text") "json" }}
# JSON logs: Spark's structured logging (executors take it from the driver)
spark.log.structuredLogging.enabled true
{{- end }}
{{- if ($g.metrics | default dict).enabled }}
# Prometheus endpoints on the UI port: /metrics/prometheus (driver), /metrics/executors/prometheus
spark.ui.prometheus.enabled true
spark.metrics.conf.*.sink.prometheusServlet.class org.apache.spark.metrics.sink.PrometheusServlet
spark.metrics.conf.*.sink.prometheusServlet.path /metrics/prometheus
spark.metrics.appStatusSource.enabled true
# stable metric names: the default namespace is the application id, new at every restart
spark.metrics.namespace {{ regexReplaceAll "[^a-zA-Z0-9_]" (printf "%s_%s" $root.Release.Name (index . 1)) "_" }}
{{- end }}
{{- if ($g.serviceMesh | default dict).enabled }}
# Service mesh: executors' block manager on the fixed port the headless Service names
spark.blockManager.port {{ include "spark-4.1.executorBlockManagerPort" $root }}
{{- end }}
{{- end }}

{{/* The executors' block-manager port: the Connect server's ports.blockManager (read from the
subchart's values or the parent's spark-connect section), 7079 by default. */}}
{{- define "spark-4.1.executorBlockManagerPort" -}}
{{- $c := .Values.ports | default ((index .Values "spark-connect" | default dict).ports) | default dict -}}
{{- $c.blockManager | default 7079 -}}
{{- end -}}

{{/* Istio's sidecar injection label of a pod template, with global.serviceMesh.enabled; empty
otherwise. Call with (list $ indent) right after the pod's labels. */}}
{{- define "spark-4.1.meshLabel" -}}
{{- if ((((index . 0).Values.global | default dict).serviceMesh | default dict).enabled) }}
{{- printf "\n%ssidecar.istio.io/inject: \"true\"" (repeat (int (index . 1)) " ") }}
{{- end }}
{{- end -}}

{{/* host:port of every Celeborn master pod, as celeborn.yaml names them. */}}
{{- define "spark-4.1.celebornEndpoints" -}}
{{- $svc := printf "%s-master" (include "spark-4.1.componentName" (list $ "celeborn")) -}}
{{- range $i, $_ := until (int .Values.celeborn.master.replicas) }}{{ if $i }},{{ end }}{{ $svc }}-{{ $i }}.{{ $svc }}.{{ $.Release.Namespace }}.svc:{{ $.Values.celeborn.master.port }}{{ end -}}
{{- end -}}
