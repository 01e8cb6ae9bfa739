{{/* The line's operations options (global.metrics, global.serviceMesh): objects for the Prometheus
Operator and Istio. The Spark properties they need are in spark-common.operationsProperties. */}}

{{- define "spark-common.line.operations" -}}
{{- $g := .Values.global | default dict }}
{{- $mesh := $g.serviceMesh | default dict }}
{{- $m := $g.metrics | default dict }}
{{- $celeborn := (.Values.celeborn | default dict).enabled }}
{{- if and (not $m.enabled) (or ($m.podMonitor | default dict).enabled ($m.serviceMonitor | default dict).enabled) }}
{{- fail "global.metrics.podMonitor and global.metrics.serviceMonitor scrape the endpoints global.metrics.enabled turns on: enable it too" }}
{{- end }}
{{- if $mesh.enabled }}
# Mutual TLS for every pod of this release; Istio injects the sidecars by their
# sidecar.istio.io/inject label.
apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata:
  name: {{ include "spark-common.componentName" (list $ "mtls") }}
  namespace: {{ $.Release.Namespace }}
  labels:
    {{- include "spark-common.labels" (list $ "mtls") | nindent 4 }}
spec:
  selector:
    matchLabels:
      app.kubernetes.io/instance: {{ .Release.Name }}
      app.kubernetes.io/part-of: spark-platform
  mtls:
    mode: {{ $mesh.mtlsMode }}
---
# Names the executors' block-manager port (the Connect server's and spark-submit jobs' executors)
# so the mesh applies mutual TLS to shuffle and broadcast traffic.
apiVersion: v1
kind: Service
metadata:
  name: {{ include "spark-common.componentName" (list $ "executors") }}
  namespace: {{ $.Release.Namespace }}
  labels:
    {{- include "spark-common.labels" (list $ "executors") | nindent 4 }}
spec:
  clusterIP: None
  selector:
    app.kubernetes.io/instance: {{ .Release.Name }}
    spark-role: executor
  ports:
    - name: tcp-block-manager
      port: {{ include "spark-common.executorBlockManagerPort" . }}
      targetPort: {{ include "spark-common.executorBlockManagerPort" . }}
{{- end }}
{{- if and $m.enabled ($m.serviceMonitor | default dict).enabled }}
---
# The Connect server's Prometheus endpoints (driver and executors), through its Service.
apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata:
  name: {{ include "spark-common.componentName" (list $ "connect") }}
  namespace: {{ $.Release.Namespace }}
  labels:
    {{- include "spark-common.labels" (list $ "metrics") | nindent 4 }}
    {{- with $m.labels }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
spec:
  selector:
    matchLabels:
      app.kubernetes.io/instance: {{ .Release.Name }}
      app.kubernetes.io/component: connect
  endpoints:
    {{- range list "/metrics/prometheus" "/metrics/executors/prometheus" }}
    - port: ui
      path: {{ . }}
      interval: {{ $m.interval }}
    {{- end }}
{{- if $celeborn }}
---
# Celeborn masters and workers serve /metrics/prometheus on their HTTP ports.
apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata:
  name: {{ include "spark-common.componentName" (list $ "celeborn") }}
  namespace: {{ $.Release.Namespace }}
  labels:
    {{- include "spark-common.labels" (list $ "metrics") | nindent 4 }}
    {{- with $m.labels }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
spec:
  selector:
    matchLabels:
      app.kubernetes.io/instance: {{ .Release.Name }}
    matchExpressions:
      - key: app.kubernetes.io/component
        operator: In
        values: [celeborn-master, celeborn-worker]
  endpoints:
    - port: http
      path: /metrics/prometheus
      interval: {{ $m.interval }}
{{- end }}
{{- end }}
{{- if and $m.enabled ($m.podMonitor | default dict).enabled }}
---
# Every Spark driver of the release straight from its pod: the Connect servers (port ui) and the
# drivers of spark-submit jobs (Spark names their UI port spark-ui); Celeborn when it is on.
apiVersion: monitoring.coreos.com/v1
kind: PodMonitor
metadata:
  name: {{ include "spark-common.componentName" (list $ "spark-drivers") }}
  namespace: {{ $.Release.Namespace }}
  labels:
    {{- include "spark-common.labels" (list $ "metrics") | nindent 4 }}
    {{- with $m.labels }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
spec:
  selector:
    matchLabels:
      app.kubernetes.io/instance: {{ .Release.Name }}
    matchExpressions:
      - key: app.kubernetes.io/component
        operator: In
        values: [connect, spark-submit{{ if $celeborn }}, celeborn-master, celeborn-worker{{ end }}]
  podMetricsEndpoints:
    {{- range $port := list "ui" "spark-ui" }}
    {{- range list "/metrics/prometheus" "/metrics/executors/prometheus" }}
    - port: {{ $port }}
      path: {{ . }}
      interval: {{ $m.interval }}
    {{- end }}
    {{- end }}
    {{- if $celeborn }}
    - port: http
      path: /metrics/prometheus
      interval: {{ $m.interval }}
    {{- end }}
{{- end }}
{{- end -}}
