{{/*
Named templates shared by every component of this chart. Prefix: "spark-base.".
*/}}

{{/* Base name of every object: fullnameOverride, else the release name. */}}
{{- define "spark-base.fullname" -}}
{{- default .Release.Name .Values.fullnameOverride | trunc 40 | trimSuffix "-" -}}
{{- end -}}

{{/* Name of one component's objects: "<fullname>-<component>". Call with (list $ "component"). */}}
{{- define "spark-base.componentName" -}}
{{- $root := index . 0 -}}
{{- printf "%s-%s" (include "spark-base.fullname" $root) (index . 1) | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "spark-base.chartLabel" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* Selector labels of a component. Call with (list $ "component"). */}}
{{- define "spark-base.selectorLabels" -}}
{{- $root := index . 0 -}}
app.kubernetes.io/name: {{ $root.Chart.Name }}
app.kubernetes.io/instance: {{ $root.Release.Name }}
app.kubernetes.io/component: {{ index . 1 }}
{{- end -}}

{{/* Recommended labels of a component. Call with (list $ "component"). */}}
{{- define "spark-base.labels" -}}
{{- $root := index . 0 -}}
{{ include "spark-base.selectorLabels" . }}
app.kubernetes.io/version: {{ $root.Chart.AppVersion | quote }}
app.kubernetes.io/part-of: spark-platform
app.kubernetes.io/managed-by: {{ $root.Release.Service }}
helm.sh/chart: {{ include "spark-base.chartLabel" $root }}
{{- with $root.Values.commonLabels }}
{{ toYaml . }}
{{- end }}
{{- end -}}

{{/* Full image reference. Call with (list $ .Values.some.image). global.imageRegistry wins over image.registry. */}}
{{- define "spark-base.image" -}}
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
{{- define "spark-base.imagePullSecrets" -}}
{{- with (($.Values.global).imagePullSecrets) }}
imagePullSecrets:
{{- range . }}
  - name: {{ . }}
{{- end }}
{{- end }}
{{- end -}}

{{/* Storage class line of a PVC spec: component value, else global.storageClass. Call with (list $ "value"). */}}
{{- define "spark-base.storageClass" -}}
{{- $root := index . 0 -}}
{{- $sc := (index . 1) | default (($root.Values.global).storageClass) -}}
{{- if $sc }}
storageClassName: {{ if eq $sc "-" }}""{{ else }}{{ $sc }}{{ end }}
{{- end }}
{{- end -}}

{{/* S3 endpoint from global.s3. */}}
{{- define "spark-base.s3Endpoint" -}}
{{- (($.Values.global).s3).endpoint | default "" -}}
{{- end -}}

{{/* Environment variables carrying the S3 credentials from global.s3.credentialsSecret. */}}
{{- define "spark-base.s3CredentialEnv" -}}
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

{{/* Value of a generated Secret key: the explicit value, else the value already in the cluster, else one derived
from global.credentialSeed and the release, so that `helm template` (Argo CD, Flux) renders the same value
every time. Call with (list $ secretName key explicit). */}}
{{- define "spark-base.secretValue" -}}
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

{{/* Pod-level security context of a component. Call with (list $ .Values.component). */}}
{{- define "spark-base.podSecurityContext" -}}
{{- toYaml (index . 1).podSecurityContext -}}
{{- end -}}

{{/* Endpoint the bucket job talks to: the bundled MinIO, else global.s3.endpoint. */}}
{{- define "spark-base.bucketEndpoint" -}}
{{- if .Values.minio.enabled -}}
http://{{ include "spark-base.componentName" (list $ "minio") }}:{{ .Values.minio.service.apiPort }}
{{- else -}}
{{- $endpoint := include "spark-base.s3Endpoint" . -}}
{{- $minio := include "spark-base.componentName" (list $ "minio") -}}
{{- if regexMatch (printf "^https?://%s[:/.]" $minio) (printf "%s/" $endpoint) -}}
{{- fail (printf "minio.enabled is false but global.s3.endpoint (%s) is this release's MinIO: set global.s3.endpoint to your S3, or buckets.create=false" $endpoint) -}}
{{- end -}}
{{- $endpoint -}}
{{- end -}}
{{- end -}}

{{/* Secret of the bundled MinIO's root credentials: minio.auth.existingSecret, else the one the chart renders. */}}
{{- define "spark-base.minioSecret" -}}
{{- .Values.minio.auth.existingSecret | default (include "spark-base.componentName" (list $ "minio")) -}}
{{- end -}}

{{/* Secret of the metastore database passwords: postgresql.existingSecret, else the one the chart renders. */}}
{{- define "spark-base.postgresqlSecret" -}}
{{- .Values.postgresql.existingSecret | default (include "spark-base.componentName" (list $ "postgresql")) -}}
{{- end -}}

{{/* IAM policy (JSON) of a line's S3 user: list its buckets, read and write only under its paths. Call with a user entry. */}}
{{- define "spark-base.userPolicy" -}}
{{- $buckets := list -}}
{{- $objects := list -}}
{{- range .paths -}}
{{- $bucket := first (splitList "/" .) -}}
{{- $buckets = append $buckets (printf "arn:aws:s3:::%s" $bucket) -}}
{{- $objects = append $objects (printf "arn:aws:s3:::%s/*" (trimSuffix "/" .)) -}}
{{- end -}}
{{- $list := dict "Effect" "Allow" "Action" (list "s3:ListBucket" "s3:GetBucketLocation" "s3:ListBucketMultipartUploads") "Resource" (uniq $buckets) -}}
{{- $rw := dict "Effect" "Allow" "Action" (list "s3:GetObject" "s3:PutObject" "s3:DeleteObject" "s3:AbortMultipartUpload" "s3:ListMultipartUploadParts") "Resource" $objects -}}
{{- dict "Version" "2012-10-17" "Statement" (list $list $rw) | toJson -}}
{{- end -}}

{{/* Whether the bucket job manages S3 users (only the bundled MinIO has mc admin). */}}
{{- define "spark-base.manageUsers" -}}
{{- if and .Values.buckets.create .Values.minio.enabled .Values.buckets.users }}true{{ end -}}
{{- end -}}

{{/* Secret with the S3 credentials: the bundled MinIO's, else global.s3.credentialsSecret. */}}
{{- define "spark-base.bucketSecret" -}}
{{- if .Values.minio.enabled -}}
{{- include "spark-base.minioSecret" . -}}
{{- else -}}
{{- required "global.s3.credentialsSecret is required when minio.enabled is false and buckets.create is true" ((.Values.global).s3).credentialsSecret -}}
{{- end -}}
{{- end -}}

{{/*
Ingress NetworkPolicy of one component. Call with (list $ component peerLabels internalPorts clientPorts):
pods matching peerLabels reach internalPorts ("all" for any port), the peers in
global.networkPolicy.allowedFrom reach clientPorts; everything else inbound is dropped.
Egress is not restricted.
*/}}
{{- define "spark-base.networkPolicy" -}}
{{- $root := index . 0 -}}
{{- $component := index . 1 -}}
{{- $internal := index . 3 -}}
{{- $clients := index . 4 -}}
{{- $allowed := (($root.Values.global).networkPolicy).allowedFrom -}}
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: {{ include "spark-base.componentName" (list $root $component) }}
  labels:
    {{- include "spark-base.labels" (list $root $component) | nindent 4 }}
spec:
  podSelector:
    matchLabels:
      {{- include "spark-base.selectorLabels" (list $root $component) | nindent 6 }}
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
{{- define "spark-base.podPlacement" -}}
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
`helm test` Pod: runs a bash script of probes (probe_tcp host port, probe_http host port path)
with the given image. Call with (list $ image script).
*/}}
{{- define "spark-base.testPod" -}}
{{- $root := index . 0 -}}
apiVersion: v1
kind: Pod
metadata:
  name: {{ include "spark-base.componentName" (list $root "test") }}
  labels:
    {{- include "spark-base.labels" (list $root "test") | nindent 4 }}
    # a client of the user-facing ports when NetworkPolicies are on (global.networkPolicy.allowedFrom default)
    spark-platform/client: "true"
  annotations:
    helm.sh/hook: test
    helm.sh/hook-delete-policy: before-hook-creation,hook-succeeded
spec:
  restartPolicy: Never
  automountServiceAccountToken: false
  {{- include "spark-base.imagePullSecrets" $root | nindent 2 }}
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
