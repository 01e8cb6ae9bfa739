{{/*
Named templates shared by every chart of the platform (a Helm library chart). Prefix: "spark-common.".
Every chart depends on it (file://); a change to labels, pod placement or the executor pod template is one edit here.
*/}}

{{/* Base name of every object: fullnameOverride, else the release name. */}}
{{- define "spark-common.fullname" -}}
{{- default .Release.Name .Values.fullnameOverride | trunc 40 | trimSuffix "-" -}}
{{- end -}}

{{/* Name of one component's objects: "<fullname>-<component>". Call with (list $ "component"). */}}
{{- define "spark-common.componentName" -}}
{{- $root := index . 0 -}}
{{- printf "%s-%s" (include "spark-common.fullname" $root) (index . 1) | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "spark-common.chartLabel" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* Selector labels of a component. Call with (list $ "component"). */}}
{{- define "spark-common.selectorLabels" -}}
{{- $root := index . 0 -}}
app.kubernetes.io/name: {{ $root.Values.nameOverride | default $root.Chart.Name | trunc 63 | trimSuffix "-" }}
app.kubernetes.io/instance: {{ $root.Release.Name }}
app.kubernetes.io/component: {{ index . 1 }}
{{- end -}}

{{/* Recommended labels of a component. Call with (list $ "component"). */}}
{{- define "spark-common.labels" -}}
{{- $root := index . 0 -}}
{{ include "spark-common.selectorLabels" . }}
app.kubernetes.io/version: {{ $root.Chart.AppVersion | quote }}
app.kubernetes.io/part-of: spark-platform
app.kubernetes.io/managed-by: {{ $root.Release.Service }}
helm.sh/chart: {{ include "spark-common.chartLabel" $root }}
{{- with $root.Values.commonLabels }}
{{ toYaml . }}
{{- end }}
{{- end -}}

{{/* Full image reference. Call with (list $ .Values.some.image). global.imageRegistry wins over image.registry. */}}
{{- define "spark-common.image" -}}
{{- $root := index . 0 -}}
{{- $img := index . 1 -}}
{{- $registry := (($root.Values.global).imageRegistry) | default $img.registry -}}
{{- if not $img.tag -}}{{- fail (printf "image %s has no tag: pin one" $img.repository) -}}{{- end -}}
{{- if eq (toString $img.tag) "latest" -}}{{- fail (printf "image %s uses the tag latest: pin a version" $img.repository) -}}{{- end -}}
{{- if $registry -}}
{{- printf "%s/%s:%s" $registry $img.repository (toString $img.tag) -}}
{{- else -}}
{{- printf "%s:%s" $img.repository (toString $img.tag) -}}
{{- end -}}
{{- end -}}

{{/* imagePullSecrets of a pod: global.imagePullSecrets (names). */}}
{{- define "spark-common.imagePullSecrets" -}}
{{- with (($.Values.global).imagePullSecrets) }}
imagePullSecrets:
{{- range . }}
  - name: {{ . }}
{{- end }}
{{- end }}
{{- end -}}

{{/* Storage class line of a PVC spec: component value, else global.storageClass. Call with (list $ "value"). */}}
{{- define "spark-common.storageClass" -}}
{{- $root := index . 0 -}}
{{- $sc := (index . 1) | default (($root.Values.global).storageClass) -}}
{{- if $sc }}
storageClassName: {{ if eq $sc "-" }}""{{ else }}{{ $sc }}{{ end }}
{{- end }}
{{- end -}}

{{/* S3 endpoint from global.s3. */}}
{{- define "spark-common.s3Endpoint" -}}
{{- (($.Values.global).s3).endpoint | default "" -}}
{{- end -}}

{{/* Environment variables carrying the S3 credentials: this chart's s3CredentialsSecret, else global.s3.credentialsSecret. */}}
{{- define "spark-common.s3CredentialEnv" -}}
{{- $secret := $.Values.s3CredentialsSecret | default ((($.Values.global).s3).credentialsSecret) | default "" -}}
{{- if $secret }}
- name: AWS_ACCESS_KEY_ID
  valueFrom:
    secretKeyRef:
      name: {{ $secret }}
      key: AWS_ACCESS_KEY_ID
- name: AWS_SECRET_ACCESS_KEY
  valueFrom:
    secretKeyRef:
      name: {{ $secret }}
      key: AWS_SECRET_ACCESS_KEY
{{- end }}
{{- end -}}

{{/* Value of a generated Secret key: the explicit value, else the value already in the cluster, else one derived
from global.credentialSeed and the release, so that `helm template` (Argo CD, Flux) renders the same value
every time. Call with (list $ secretName key explicit). */}}
{{- define "spark-common.secretValue" -}}
{{- $root := index . 0 -}}
{{- $name := index . 1 -}}
{{- $key := index . 2 -}}
{{- $explicit := index . 3 -}}
{{- if $explicit -}}
{{- $explicit | b64enc -}}
{{- else -}}
{{- $existing := lookup "v1" "Secret" $root.Release.Namespace $name -}}
{{- $data := ($existing.data | default dict) -}}
{{- if hasKey $data $key -}}
{{- index $data $key -}}
{{- else -}}
{{- $seed := (($root.Values.global).credentialSeed) | default "" -}}
{{- printf "%s|%s|%s|%s|%s" $seed $root.Release.Namespace $root.Release.Name $name $key | sha256sum | trunc 32 | b64enc -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{/* spark.hadoop.fs.s3a.* lines for spark-defaults.conf, from global.s3. */}}
{{- define "spark-common.s3aProperties" -}}
{{- $s3 := ($.Values.global).s3 | default dict -}}
{{- with $s3.endpoint }}
spark.hadoop.fs.s3a.endpoint {{ . }}
spark.hadoop.fs.s3a.connection.ssl.enabled {{ hasPrefix "https://" . }}
{{- end }}
spark.hadoop.fs.s3a.path.style.access {{ $s3.pathStyleAccess | default false }}
spark.hadoop.fs.s3a.impl org.apache.hadoop.fs.s3a.S3AFileSystem
{{- end -}}

{{/* Init container that downloads jars into the "jars" volume. Call with (list $ urls). */}}
{{- define "spark-common.downloadInit" -}}
{{- $root := index . 0 -}}
{{- $urls := index . 1 -}}
- name: fetch-jars
  image: {{ include "spark-common.image" (list $root $root.Values.downloader) }}
  imagePullPolicy: {{ $root.Values.downloader.pullPolicy }}
  command: ["/bin/sh", "-ec"]
  args:
    - |
      for url in {{ join " " $urls }}; do
        echo "fetching $url"
        curl -fsSL --retry 5 --retry-delay 3 -o "/jars/$(basename "$url")" "$url"
      done
  resources:
    requests:
      cpu: 50m
      memory: 64Mi
    limits:
      memory: 128Mi
  securityContext:
    {{- toYaml $root.Values.containerSecurityContext | nindent 4 }}
  volumeMounts:
    - name: jars
      mountPath: /jars
{{- end -}}

{{/* Environment of containers that read the metastore password. */}}
{{- define "spark-common.dbPasswordEnv" -}}
- name: DB_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ required "global.postgresql.credentialsSecret is required" (($.Values.global).postgresql).credentialsSecret }}
      key: {{ $.Values.hiveMetastore.database }}-password
{{- end -}}

{{/* JDBC URL of the metastore database. */}}
{{- define "spark-common.jdbcUrl" -}}
{{- $pg := ($.Values.global).postgresql | default dict -}}
jdbc:postgresql://{{ required "global.postgresql.host is required" $pg.host }}:{{ $pg.port | default 5432 }}/{{ $.Values.hiveMetastore.database }}
{{- end -}}

{{/* Driver/executor pod template of the Kubernetes-native kit. Call with (list $ containerName isDriver). */}}
{{- define "spark-common.submitPodTemplate" -}}
{{- $root := index . 0 -}}
{{- $v := $root.Values -}}
apiVersion: v1
kind: Pod
metadata:
  labels:
    {{- include "spark-common.podLabels" (list $root "spark-submit") | nindent 4 }}
spec:
  automountServiceAccountToken: {{ index . 2 }}
  securityContext:
    {{- toYaml $v.podSecurityContext | nindent 4 }}
  {{- include "spark-common.imagePullSecrets" $root | nindent 2 }}
  containers:
    - name: {{ index . 1 }}
      image: {{ include "spark-common.image" (list $root $v.image) }}
      securityContext:
        {{- toYaml $v.containerSecurityContext | nindent 8 }}
      resources:
        {{- toYaml $v.kubernetesNative.podResources | nindent 8 }}
      env:
        {{- include "spark-common.s3CredentialEnv" $root | nindent 8 }}
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
{{- end -}}

{{/* Values of the spark-connect subchart as this chart sees them (defaults included). */}}
{{- define "spark-common.connectEnabled" -}}
{{- $c := index .Values "spark-connect" | default dict -}}
{{- if $c.enabled }}true{{ end -}}
{{- end -}}

{{/* SPARK_REMOTE of this line's Connect Service, computed like the subchart names it. */}}
{{- define "spark-common.connectRemote" -}}
{{- $c := index .Values "spark-connect" | default dict -}}
{{- $base := default .Release.Name $c.fullnameOverride | trunc 40 | trimSuffix "-" -}}
{{- printf "sc://%s.%s.svc.cluster.local:%v" (printf "%s-connect" $base | trunc 63 | trimSuffix "-") .Release.Namespace ((($c.ports | default dict).grpc) | default 15002) -}}
{{- end -}}

{{/* thrift:// URI of this release's metastore Service. */}}
{{- define "spark-common.metastoreUri" -}}
{{- printf "thrift://%s:%v" (include "spark-common.componentName" (list $ "hive-metastore")) .Values.hiveMetastore.port -}}
{{- end -}}

{{/*
Refuse a Connect server configured for a Service of this release that does not exist: the subchart
cannot see this chart's names, so its defaults assume the release name and default ports.
*/}}
{{- define "spark-common.referenceGuards" -}}
{{- $c := index .Values "spark-connect" | default dict -}}
{{- if $c.enabled -}}
{{- $own := printf "%s-hive-metastore" .Release.Name -}}
{{- $actual := tpl ($c.metastoreUri | default "") $ -}}
{{- $expected := include "spark-common.metastoreUri" . -}}
{{- $host := regexReplaceAll "^thrift://([^:/]+).*$" $actual "${1}" -}}
{{- if and $actual (or (eq $host $own) (eq $host (include "spark-common.componentName" (list $ "hive-metastore")))) -}}
{{- if not .Values.hiveMetastore.enabled -}}
{{- fail (printf "spark-connect.metastoreUri is %s but hiveMetastore.enabled is false: set spark-connect.metastoreUri to your metastore, or to \"\" for Spark's in-memory catalog" $actual) -}}
{{- else if ne $actual $expected -}}
{{- fail (printf "spark-connect.metastoreUri is %s but this release's metastore is %s: set spark-connect.metastoreUri=%s" $actual $expected $expected) -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{/* host:port of every Celeborn master pod (StatefulSet <fullname>-celeborn-master behind its headless Service). */}}
{{- define "spark-common.celebornEndpoints" -}}
{{- $svc := include "spark-common.componentName" (list $ "celeborn-master") -}}
{{- $c := .Values.celeborn -}}
{{- range $i, $_ := until (int $c.master.replicas) }}{{ if $i }},{{ end }}{{ $svc }}-{{ $i }}.{{ $svc }}.{{ $.Release.Namespace }}.svc:{{ $c.master.port }}{{ end -}}
{{- end -}}

{{/* Three quarters of a Kubernetes memory quantity (Ki/Mi/Gi/Ti, k/M/G/T or bytes), as a JVM size in MiB ("1152m"). */}}
{{- define "spark-common.heapFromMemory" -}}
{{- $q := toString (required "a memory request or limit is required to size the heap" .) -}}
{{- $units := dict "Ki" 1024 "Mi" 1048576 "Gi" 1073741824 "Ti" 1099511627776 "k" 1000 "M" 1000000 "G" 1000000000 "T" 1000000000000 -}}
{{- $n := regexFind "^[0-9]+" $q -}}
{{- $unit := trimPrefix $n $q -}}
{{- if and $unit (not (hasKey $units $unit)) -}}{{- fail (printf "cannot size a heap from memory %q" $q) -}}{{- end -}}
{{- $bytes := mul (int64 $n) (int64 (get $units $unit | default 1)) -}}
{{- printf "%dm" (div (mul $bytes 3) (mul 4 1048576)) -}}
{{- end -}}

{{/*
Ingress NetworkPolicy of one component. Call with (list $ component peerLabels internalPorts clientPorts):
pods matching peerLabels reach internalPorts ("all" for any port), the peers in
global.networkPolicy.allowedFrom reach clientPorts; everything else inbound is dropped.
Egress is not restricted.
*/}}
{{- define "spark-common.networkPolicy" -}}
{{- $root := index . 0 -}}
{{- $component := index . 1 -}}
{{- $internal := index . 3 -}}
{{- $clients := index . 4 -}}
{{- $allowed := (($root.Values.global).networkPolicy).allowedFrom -}}
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: {{ include "spark-common.componentName" (list $root $component) }}
  namespace: {{ $root.Release.Namespace }}
  labels:
    {{- include "spark-common.labels" (list $root $component) | nindent 4 }}
spec:
  podSelector:
    matchLabels:
      {{- include "spark-common.selectorLabels" (list $root $component) | nindent 6 }}
  policyTypes: ["Ingress"]
  ingress:
    {{- with index . 2 }}
    - from:
        - podSelector:
            matchLabels:
              {{- toYaml . | nindent 14 }}
      {{- if ne (toString $internal) "all" }}
      ports:
        {{- range $internal }}
        - port: {{ . }}
        {{- end }}
      {{- end }}
    {{- end }}
    {{- if and $clients $allowed }}
    - from:
        {{- toYaml $allowed | nindent 8 }}
      ports:
        {{- range $clients }}
        - port: {{ . }}
        {{- end }}
    {{- end }}
{{- end -}}

{{/*
Scheduling fields of a pod spec from one component's values: nodeSelector, tolerations, affinity
(else the given default), priorityClassName, topologySpreadConstraints. Call with (list values defaultAffinity).
*/}}
{{- define "spark-common.podPlacement" -}}
{{- $v := index . 0 -}}
{{- $affinity := $v.affinity | default (index . 1) -}}
{{- with $v.nodeSelector }}
nodeSelector:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with $v.tolerations }}
tolerations:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with $affinity }}
affinity:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with $v.priorityClassName }}
priorityClassName: {{ . }}
{{- end }}
{{- with $v.topologySpreadConstraints }}
topologySpreadConstraints:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- end -}}

{{/*
ConfigMap of one Celeborn role (celeborn-defaults.conf and log4j2.xml): masters get the Raft group,
workers their storage; both know the master endpoints. Call with (list $ role).
*/}}
{{- define "spark-common.celebornConfig" -}}
{{- $root := index . 0 -}}
{{- $role := index . 1 -}}
{{- $c := $root.Values.celeborn -}}
{{- $masterSvc := include "spark-common.componentName" (list $root "celeborn-master") -}}
apiVersion: v1
kind: ConfigMap
metadata:
  name: {{ include "spark-common.componentName" (list $root (printf "celeborn-%s" $role)) }}
  namespace: {{ $root.Release.Namespace }}
  labels:
    {{- include "spark-common.labels" (list $root (printf "celeborn-%s" $role)) | nindent 4 }}
data:
  celeborn-defaults.conf: |
    celeborn.master.endpoints {{ include "spark-common.celebornEndpoints" $root }}
    celeborn.master.port {{ $c.master.port }}
    celeborn.network.bind.preferIpAddress false
    celeborn.metrics.enabled true
    {{- if eq $role "master" }}
    celeborn.master.http.port {{ $c.master.httpPort }}
    celeborn.master.ha.enabled {{ gt (int $c.master.replicas) 1 }}
    {{- range $i, $_ := until (int $c.master.replicas) }}
    celeborn.master.ha.node.{{ $i }}.host {{ $masterSvc }}-{{ $i }}.{{ $masterSvc }}.{{ $root.Release.Namespace }}.svc
    celeborn.master.ha.node.{{ $i }}.port {{ $c.master.port }}
    celeborn.master.ha.node.{{ $i }}.ratis.port {{ $c.master.ratisPort }}
    {{- end }}
    celeborn.master.ha.ratis.raft.server.storage.dir /mnt/ratis
    {{- else }}
    celeborn.worker.http.port {{ $c.worker.httpPort }}
    celeborn.worker.storage.dirs /mnt/disk1:capacity={{ $c.worker.storageSize }}
    {{- end }}
  log4j2.xml: |
    <?xml version="1.0" encoding="UTF-8"?>
    <!-- Everything to stdout, where kubectl logs and the cluster's log collector read it. -->
    <Configuration status="WARN">
      <Appenders>
        <Console name="stdout" target="SYSTEM_OUT">
          <PatternLayout pattern="%d{yy/MM/dd HH:mm:ss,SSS} %p [%t] %c{1}: %m%n%ex"/>
        </Console>
      </Appenders>
      <Loggers>
        <Root level="{{ $c.logLevel }}">
          <AppenderRef ref="stdout"/>
        </Root>
      </Loggers>
    </Configuration>
{{- end -}}

{{/*
`helm test` Pod: runs a bash script of probes (probe_tcp host port, probe_http host port path)
with the given image. Call with (list $ image script).
*/}}
{{- define "spark-common.testPod" -}}
{{- $root := index . 0 -}}
apiVersion: v1
kind: Pod
metadata:
  name: {{ include "spark-common.componentName" (list $root "test") }}
  namespace: {{ $root.Release.Namespace }}
  labels:
    {{- include "spark-common.labels" (list $root "test") | nindent 4 }}
    # a client of the user-facing ports when NetworkPolicies are on (global.networkPolicy.allowedFrom default)
    spark-platform/client: "true"
  annotations:
    {{- include "spark-common.checkovSkips" (list $root (list "CKV_K8S_8" "CKV_K8S_9")) | nindent 4 }}
    helm.sh/hook: test
    helm.sh/hook-delete-policy: before-hook-creation,hook-succeeded
spec:
  restartPolicy: Never
  automountServiceAccountToken: false
  {{- include "spark-common.imagePullSecrets" $root | nindent 2 }}
  securityContext:
    runAsNonRoot: true
    runAsUser: 185
    runAsGroup: 185
    seccompProfile:
      type: RuntimeDefault
  containers:
    - name: probe
      image: {{ index . 1 }}
      command: ["/bin/bash", "-c"]
      args:
        - |
          set -u
          failed=0
          # bash's /dev/tcp: the probes need no extra tools in the image
          probe_tcp() { if timeout 10 bash -c "exec 3<>/dev/tcp/$1/$2"; then echo "ok   $1:$2"; else echo "FAIL $1:$2"; failed=1; fi; }
          probe_http() {
            status=$(timeout 10 bash -c "exec 3<>/dev/tcp/$1/$2; printf 'GET $3 HTTP/1.0\r\nHost: $1\r\n\r\n' >&3; head -n1 <&3" 2>/dev/null)
            case "$status" in *" 2"??" "*|*" 3"??" "*) echo "ok   http://$1:$2$3";; *) echo "FAIL http://$1:$2$3 ($status)"; failed=1;; esac
          }
          {{- index . 2 | nindent 10 }}
          exit $failed
      resources:
        requests:
          cpu: 50m
          memory: 64Mi
        limits:
          memory: 128Mi
      securityContext:
        allowPrivilegeEscalation: false
        readOnlyRootFilesystem: true
        capabilities:
          drop: ["ALL"]
{{- end -}}

{{/* ServiceAccount of the Connect server (the driver). */}}
{{- define "spark-common.serviceAccountName" -}}
{{- .Values.serviceAccount.name | default (include "spark-common.componentName" (list $ "connect")) -}}
{{- end -}}

{{/* ServiceAccount of the executor pods (no API access). */}}
{{- define "spark-common.executorServiceAccountName" -}}
{{- include "spark-common.componentName" (list $ "connect-executor") -}}
{{- end -}}

{{/* The server's spark-defaults.conf. Pod-specific settings (spark.driver.host, spark.kubernetes.driver.pod.name) are passed as --conf on the command line. */}}
{{- define "spark-common.sparkDefaults" -}}
{{- $v := .Values -}}
# Spark Connect server ({{ .Chart.AppVersion }}), client-mode driver running in its own pod.
spark.app.name {{ include "spark-common.componentName" (list $ "connect") }}
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
spark.kubernetes.container.image {{ include "spark-common.image" (list $ $v.image) }}
spark.kubernetes.container.image.pullPolicy {{ $v.image.pullPolicy }}
spark.kubernetes.executor.podTemplateFile /etc/spark/pod-templates/executor-pod-template.yaml
spark.kubernetes.executor.podTemplateContainerName spark-kubernetes-executor
spark.kubernetes.authenticate.executor.serviceAccountName {{ include "spark-common.executorServiceAccountName" . }}
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
# The server runs for days: roll the log so the History Server can read (and compact) it as it grows.
spark.eventLog.rolling.enabled true
spark.eventLog.rolling.maxFileSize {{ $v.eventLog.rollingMaxFileSize }}
{{- end }}
{{- include "spark-common.s3aProperties" . }}
{{- with $v.metastoreUri }}
spark.sql.catalogImplementation hive
spark.hadoop.hive.metastore.uris {{ tpl . $ }}
{{- end }}
{{- with $v.warehouseDir }}
spark.sql.warehouse.dir {{ . }}
{{- end }}
{{- $packages := $v.packages }}
{{- if and $v.celeborn.enabled $v.celeborn.clientPackage }}
{{- if hasPrefix "3." .Chart.AppVersion }}
{{- fail "spark-connect.celeborn.clientPackage cannot work on Spark 3.5: executors create the shuffle manager before downloaded jars are loaded (SPARK-45762, fixed in 4.0); use an image with the Celeborn client in /opt/spark/jars and leave clientPackage empty" }}
{{- end }}
{{- $packages = append $packages $v.celeborn.clientPackage }}
{{- end }}
{{- with $packages }}
{{- /* opt-in runtime resolution (values packages / celeborn.clientPackage) */}}
spark.jars.packages {{ join "," . }}
spark.jars.ivy {{ $v.ivyDir }}
{{- end }}
{{- if $v.decommission }}
spark.decommission.enabled true
spark.storage.decommission.enabled true
spark.storage.decommission.shuffleBlocks.enabled true
spark.storage.decommission.rddBlocks.enabled true
{{- end }}
{{- if $v.celeborn.enabled }}
{{- include "spark-common.celebornSparkProperties" (list (tpl (required "spark-connect.celeborn.masterEndpoints is required when Celeborn is enabled" $v.celeborn.masterEndpoints) $) $v.celeborn.pushReplicate) }}
{{- end }}
{{- include "spark-common.operationsProperties" (list $ "connect") }}
{{- range $k, $val := $v.sparkConf }}
{{ $k }} {{ $val }}
{{- end }}
{{- end -}}

{{/* Pod template of the executors: Pod Security Standards restricted, S3 credentials, scratch volumes. */}}
{{- define "spark-common.executorPodTemplate" -}}
{{- $v := .Values -}}
apiVersion: v1
kind: Pod
metadata:
  labels:
    {{- include "spark-common.podLabels" (list $ "executor") | nindent 4 }}
spec:
  automountServiceAccountToken: false
  securityContext:
    {{- toYaml $v.podSecurityContext | nindent 4 }}
  {{- include "spark-common.imagePullSecrets" $ | nindent 2 }}
  containers:
    - name: spark-kubernetes-executor
      image: {{ include "spark-common.image" (list $ $v.image) }}
      securityContext:
        {{- toYaml $v.containerSecurityContext | nindent 8 }}
      resources:
        requests:
          cpu: {{ $v.executor.requestCores | quote }}
          memory: {{ include "spark-common.podMemory" (list $v.executor.memory $v.executor.memoryOverhead) }}
        limits:
          memory: {{ include "spark-common.podMemory" (list $v.executor.memory $v.executor.memoryOverhead) }}
      env:
        {{- include "spark-common.s3CredentialEnv" $ | nindent 8 }}
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
{{- define "spark-common.podMemory" -}}
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

{{/*
checkov skips of one workload, as checkov.io/skipN annotations, each with its reason (ADR 0013).
Every workload skips the checks the platform does not meet by design; extra checks are the workload's
own. CKV2_K8S_6 is skipped only while the optional NetworkPolicies are off.
Call with (list $ (list "CKV_K8S_35" ...)).
*/}}
{{- define "spark-common.checkovSkips" -}}
{{- $root := index . 0 -}}
{{- $reasons := dict
  "CKV_K8S_11" "no CPU limit by design: CFS throttling stalls JVM garbage collection and Spark tasks; CPU requests are set"
  "CKV_K8S_43" "pinned version tags; sites that need digests pin them in their registry mirror (global.imageRegistry)"
  "CKV_K8S_15" "IfNotPresent with pinned tags; Always adds a registry round trip to every start"
  "CKV_K8S_40" "runs as the image's own non-root user, which owns the image's files"
  "CKV_K8S_35" "the image reads these credentials from environment variables (AWS SDK chain, Hive, PostgreSQL, MinIO entrypoints)"
  "CKV_K8S_22" "the image's entrypoint writes into its own directories at start"
  "CKV_K8S_38" "this pod calls the Kubernetes API (a Spark driver creates executors; the operator reconciles)"
  "CKV_K8S_8" "a one-shot helm test Pod that runs to completion"
  "CKV_K8S_9" "a one-shot helm test Pod that runs to completion"
  "CKV2_K8S_6" "NetworkPolicies are optional here (global.networkPolicy.enabled, on in the production overlay)"
-}}
{{- $ids := concat (list "CKV_K8S_11" "CKV_K8S_43" "CKV_K8S_15" "CKV_K8S_40") (index . 1) -}}
{{- if not (($root.Values.global).networkPolicy).enabled -}}
{{- $ids = append $ids "CKV2_K8S_6" -}}
{{- end -}}
{{- range $i, $id := $ids }}
checkov.io/skip{{ add1 $i }}: {{ printf "%s=%s" $id (index $reasons $id) | quote }}
{{- end }}
{{- end -}}

{{/* Remote shuffle on Apache Celeborn: (list masterEndpoints pushReplicate). The Connect server and
the spark-submit kit render the same properties. */}}
{{- define "spark-common.celebornSparkProperties" }}
# Remote shuffle on Apache Celeborn
spark.shuffle.manager org.apache.spark.shuffle.celeborn.SparkShuffleManager
spark.shuffle.sort.io.plugin.class org.apache.spark.shuffle.celeborn.CelebornShuffleDataIO
spark.shuffle.service.enabled false
spark.serializer org.apache.spark.serializer.KryoSerializer
spark.sql.adaptive.localShuffleReader.enabled false
spark.celeborn.master.endpoints {{ index . 0 }}
spark.celeborn.client.push.replicate.enabled {{ index . 1 }}
{{- end }}

{{/* The operations options (global.logging, global.metrics, global.serviceMesh) as Spark
properties of a driver and its executors. Call with (list $ component): "connect" (the Connect
server) or "submit" (the spark-submit kit). */}}
{{- define "spark-common.operationsProperties" }}
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
spark.blockManager.port {{ include "spark-common.executorBlockManagerPort" $root }}
{{- end }}
{{- end }}

{{/* The executors' block-manager port: the Connect server's ports.blockManager (read from the
subchart's values or the parent's spark-connect section), 7079 by default. */}}
{{- define "spark-common.executorBlockManagerPort" -}}
{{- $c := .Values.ports | default ((index .Values "spark-connect" | default dict).ports) | default dict -}}
{{- $c.blockManager | default 7079 -}}
{{- end -}}

{{/* Labels of a pod template: the component's labels, and Istio's sidecar injection with global.serviceMesh. */}}
{{- define "spark-common.podLabels" -}}
{{ include "spark-common.labels" . }}
{{- if ((((index . 0).Values.global | default dict).serviceMesh | default dict).enabled) }}
sidecar.istio.io/inject: "true"
{{- end }}
{{- end -}}
