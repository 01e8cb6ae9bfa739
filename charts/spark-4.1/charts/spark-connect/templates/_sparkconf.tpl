{{/* The server's spark-defaults.conf. Pod-specific settings (spark.driver.host, spark.kubernetes.driver.pod.name) are passed as --conf on the command line. */}}
{{- define "spark-connect.sparkDefaults" -}}
{{- $v := .Values -}}
# Spark Connect server ({{ .Chart.AppVersion }}), client-mode driver running in its own pod.
spark.app.name {{ include "spark-connect.componentName" (list $ "connect") }}
spark.master k8s://https://kubernetes.default.svc:443
spark.submit.deployMode client
spark.connect.grpc.binding.port {{ $v.ports.grpc }}
spark.ui.port {{ $v.ports.ui }}
spark.driver.bindAddress 0.0.0.0
spark.driver.port {{ $v.ports.driver }}
spark.driver.blockManager.port {{ $v.ports.blockManager }}
spark.driver.memory {{ $v.driver.memory }}
spark.executor.cores {{ $v.executor.cores }}
spark.executor.memory {{ $v.executor.memory }}
spark.executor.memoryOverhead {{ $v.executor.memoryOverhead }}
spark.kubernetes.namespace {{ .Release.Namespace }}
spark.kubernetes.container.image {{ include "spark-connect.image" (list $ $v.image) }}
spark.kubernetes.container.image.pullPolicy {{ $v.image.pullPolicy }}
spark.kubernetes.executor.podTemplateFile /etc/spark/pod-templates/executor-pod-template.yaml
spark.kubernetes.executor.podTemplateContainerName spark-kubernetes-executor
spark.kubernetes.authenticate.executor.serviceAccountName {{ include "spark-connect.executorServiceAccountName" . }}
spark.kubernetes.executor.request.cores {{ $v.executor.requestCores }}
{{- with $v.executor.limitCores }}
spark.kubernetes.executor.limit.cores {{ . }}
{{- end }}
{{- with (($v.global).imagePullSecrets) }}
spark.kubernetes.container.image.pullSecrets {{ join "," . }}
{{- end }}
spark.dynamicAllocation.enabled {{ $v.dynamicAllocation.enabled }}
{{- if $v.dynamicAllocation.enabled }}
spark.dynamicAllocation.minExecutors {{ $v.dynamicAllocation.minExecutors }}
spark.dynamicAllocation.initialExecutors {{ $v.dynamicAllocation.initialExecutors }}
spark.dynamicAllocation.maxExecutors {{ $v.dynamicAllocation.maxExecutors }}
spark.dynamicAllocation.executorIdleTimeout {{ $v.dynamicAllocation.executorIdleTimeout }}
spark.dynamicAllocation.shuffleTracking.enabled {{ not $v.celeborn.enabled }}
{{- if not $v.celeborn.enabled }}
spark.dynamicAllocation.shuffleTracking.timeout {{ $v.dynamicAllocation.shuffleTrackingTimeout }}
{{- end }}
{{- end }}
spark.eventLog.enabled {{ $v.eventLog.enabled }}
{{- if $v.eventLog.enabled }}
spark.eventLog.dir {{ $v.eventLog.dir }}
{{- end }}
{{- include "spark-connect.s3aProperties" . }}
{{- with $v.metastoreUri }}
spark.sql.catalogImplementation hive
spark.hadoop.hive.metastore.uris {{ tpl . $ }}
{{- end }}
{{- with $v.warehouseDir }}
spark.sql.warehouse.dir {{ . }}
{{- end }}
{{- $packages := $v.packages }}
{{- if $v.celeborn.enabled }}{{ $packages = append $packages $v.celeborn.clientPackage }}{{ end }}
{{- with $packages }}
spark.jars.packages {{ join "," . }}
{{- end }}
spark.jars.ivy {{ $v.ivyDir }}
{{- if $v.decommission }}
spark.decommission.enabled true
spark.storage.decommission.enabled true
spark.storage.decommission.shuffleBlocks.enabled true
spark.storage.decommission.rddBlocks.enabled true
{{- end }}
{{- if $v.celeborn.enabled }}
# Remote shuffle on Apache Celeborn
spark.shuffle.manager org.apache.spark.shuffle.celeborn.SparkShuffleManager
spark.shuffle.sort.io.plugin.class org.apache.spark.shuffle.celeborn.CelebornShuffleDataIO
spark.shuffle.service.enabled false
spark.serializer org.apache.spark.serializer.KryoSerializer
spark.sql.adaptive.localShuffleReader.enabled false
spark.celeborn.master.endpoints {{ tpl (required "spark-connect.celeborn.masterEndpoints is required when Celeborn is enabled" $v.celeborn.masterEndpoints) $ }}
spark.celeborn.client.push.replicate.enabled {{ $v.celeborn.pushReplicate }}
{{- end }}
{{- include "spark-connect.operationsProperties" (list $ "connect") }}
{{- range $k, $val := $v.sparkConf }}
{{ $k }} {{ $val }}
{{- end }}
{{- end -}}

{{/* Pod template of the executors: Pod Security Standards restricted, S3 credentials, scratch volumes. */}}
{{- define "spark-connect.executorPodTemplate" -}}
{{- $v := .Values -}}
apiVersion: v1
kind: Pod
metadata:
  labels:
    {{- include "spark-connect.labels" (list $ "executor") | nindent 4 }}
    {{- include "spark-connect.meshLabel" (list $ 4) }}
spec:
  automountServiceAccountToken: false
  securityContext:
    {{- toYaml $v.podSecurityContext | nindent 4 }}
  {{- include "spark-connect.imagePullSecrets" $ | nindent 2 }}
  containers:
    - name: spark-kubernetes-executor
      image: {{ include "spark-connect.image" (list $ $v.image) }}
      securityContext:
        {{- toYaml $v.containerSecurityContext | nindent 8 }}
      resources:
        requests:
          cpu: {{ $v.executor.requestCores | quote }}
          memory: {{ include "spark-connect.podMemory" (list $v.executor.memory $v.executor.memoryOverhead) }}
        limits:
          memory: {{ include "spark-connect.podMemory" (list $v.executor.memory $v.executor.memoryOverhead) }}
      env:
        {{- include "spark-connect.s3CredentialEnv" $ | nindent 8 }}
      volumeMounts:
        - name: tmp
          mountPath: /tmp
        - name: work-dir
          mountPath: /opt/spark/work-dir
  volumes:
    - name: tmp
      emptyDir: {}
    - name: work-dir
      emptyDir: {}
  {{- with $v.nodeSelector }}
  nodeSelector:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  {{- with $v.tolerations }}
  tolerations:
    {{- toYaml . | nindent 4 }}
  {{- end }}
{{- end -}}

{{/* Pod memory (Mi) of heap + overhead given as Spark sizes like 2g / 512m. Call with (list heap overhead). */}}
{{- define "spark-connect.podMemory" -}}
{{- $total := 0 -}}
{{- range . -}}
{{- $s := lower (toString .) -}}
{{- $n := int (trimSuffix "k" (trimSuffix "m" (trimSuffix "g" (trimSuffix "t" $s)))) -}}
{{- if hasSuffix "t" $s }}{{ $total = add $total (mul $n 1048576) }}
{{- else if hasSuffix "g" $s }}{{ $total = add $total (mul $n 1024) }}
{{- else if hasSuffix "m" $s }}{{ $total = add $total $n }}
{{- else }}{{ $total = add $total (div $n 1024) }}{{ end -}}
{{- end -}}
{{- printf "%dMi" $total -}}
{{- end -}}
