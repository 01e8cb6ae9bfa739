{{/*
Named templates shared by every component of this chart. Prefix: "spark-4.1.".
*/}}

{{/* Base name of every object: fullnameOverride, else the release name. */}}
{{- define "spark-4.1.fullname" -}}
{{- default .Release.Name .Values.fullnameOverride | trunc 40 | trimSuffix "-" -}}
{{- end -}}

{{/* Name of one component's objects: "<fullname>-<component>". Call with (list $ "component"). */}}
{{- define "spark-4.1.componentName" -}}
{{- $root := index . 0 -}}
{{- printf "%s-%s" (include "spark-4.1.fullname" $root) (index . 1) | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "spark-4.1.chartLabel" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* Selector labels of a component. Call with (list $ "component"). */}}
{{- define "spark-4.1.selectorLabels" -}}
{{- $root := index . 0 -}}
app.kubernetes.io/name: {{ $root.Chart.Name }}
app.kubernetes.io/instance: {{ $root.Release.Name }}
app.kubernetes.io/component: {{ index . 1 }}
{{- end -}}

{{/* Recommended labels of a component. Call with (list $ "component"). */}}
{{- define "spark-4.1.labels" -}}
{{- $root := index . 0 -}}
{{ include "spark-4.1.selectorLabels" . }}
app.kubernetes.io/version: {{ $root.Chart.AppVersion | quote }}
app.kubernetes.io/part-of: spark-platform
app.kubernetes.io/managed-by: {{ $root.Release.Service }}
helm.sh/chart: {{ include "spark-4.1.chartLabel" $root }}
{{- with $root.Values.commonLabels }}
{{ toYaml . }}
{{- end }}
{{- end -}}

{{/* Full image reference. Call with (list $ .Values.some.image). global.imageRegistry wins over image.registry. */}}
{{- define "spark-4.1.image" -}}
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
{{- define "spark-4.1.imagePullSecrets" -}}
{{- with (($.Values.global).imagePullSecrets) }}
imagePullSecrets:
{{- range . }}
  - name: {{ . }}
{{- end }}
{{- end }}
{{- end -}}

{{/* Storage class line of a PVC spec: component value, else global.storageClass. Call with (list $ "value"). */}}
{{- define "spark-4.1.storageClass" -}}
{{- $root := index . 0 -}}
{{- $sc := (index . 1) | default (($root.Values.global).storageClass) -}}
{{- if $sc }}
storageClassName: {{ if eq $sc "-" }}""{{ else }}{{ $sc }}{{ end }}
{{- end }}
{{- end -}}

{{/* S3 endpoint from global.s3. */}}
{{- define "spark-4.1.s3Endpoint" -}}
{{- (($.Values.global).s3).endpoint | default "" -}}
{{- end -}}

{{/* Environment variables carrying the S3 credentials from global.s3.credentialsSecret. */}}
{{- define "spark-4.1.s3CredentialEnv" -}}
{{- $secret := (($.Values.global).s3).credentialsSecret | default "" -}}
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

{{/* Value of a generated Secret key: the explicit value, else the value already in the cluster, else a new random one. Call with (list $ secretName key explicit). */}}
{{- define "spark-4.1.secretValue" -}}
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
{{- randAlphaNum 24 | b64enc -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{/* spark.hadoop.fs.s3a.* lines for spark-defaults.conf, from global.s3. */}}
{{- define "spark-4.1.s3aProperties" -}}
{{- $s3 := ($.Values.global).s3 | default dict -}}
{{- with $s3.endpoint }}
spark.hadoop.fs.s3a.endpoint {{ . }}
spark.hadoop.fs.s3a.connection.ssl.enabled {{ hasPrefix "https://" . }}
{{- end }}
spark.hadoop.fs.s3a.path.style.access {{ $s3.pathStyleAccess | default false }}
spark.hadoop.fs.s3a.impl org.apache.hadoop.fs.s3a.S3AFileSystem
{{- end -}}

{{/* Init container that downloads jars into the "jars" volume. Call with (list $ urls). */}}
{{- define "spark-4.1.downloadInit" -}}
{{- $root := index . 0 -}}
{{- $urls := index . 1 -}}
- name: fetch-jars
  image: {{ include "spark-4.1.image" (list $root $root.Values.downloader) }}
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
{{- define "spark-4.1.dbPasswordEnv" -}}
- name: DB_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ required "global.postgresql.credentialsSecret is required" (($.Values.global).postgresql).credentialsSecret }}
      key: {{ $.Values.hiveMetastore.database }}-password
{{- end -}}

{{/* JDBC URL of the metastore database. */}}
{{- define "spark-4.1.jdbcUrl" -}}
{{- $pg := ($.Values.global).postgresql | default dict -}}
jdbc:postgresql://{{ required "global.postgresql.host is required" $pg.host }}:{{ $pg.port | default 5432 }}/{{ $.Values.hiveMetastore.database }}
{{- end -}}

{{/* Driver/executor pod template of the Kubernetes-native kit. Call with (list $ containerName isDriver). */}}
{{- define "spark-4.1.submitPodTemplate" -}}
{{- $root := index . 0 -}}
{{- $v := $root.Values -}}
apiVersion: v1
kind: Pod
metadata:
  labels:
    {{- include "spark-4.1.labels" (list $root "spark-submit") | nindent 4 }}
    {{- include "spark-4.1.meshLabel" (list $root 4) }}
spec:
  automountServiceAccountToken: {{ index . 2 }}
  securityContext:
    {{- toYaml $v.podSecurityContext | nindent 4 }}
  {{- include "spark-4.1.imagePullSecrets" $root | nindent 2 }}
  containers:
    - name: {{ index . 1 }}
      image: {{ include "spark-4.1.image" (list $root $v.image) }}
      securityContext:
        {{- toYaml $v.containerSecurityContext | nindent 8 }}
      resources:
        {{- toYaml $v.kubernetesNative.podResources | nindent 8 }}
      env:
        {{- include "spark-4.1.s3CredentialEnv" $root | nindent 8 }}
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
