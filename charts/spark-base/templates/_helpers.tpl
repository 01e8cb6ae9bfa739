{{/*
Named templates shared by every component of this chart. Prefix: "spark-base.".
*/}}












{{/* Pod-level security context of a component. Call with (list $ .Values.component). */}}
{{- define "spark-base.podSecurityContext" -}}
{{- toYaml (index . 1).podSecurityContext -}}
{{- end -}}

{{/* Endpoint the bucket job talks to: the bundled MinIO, else global.s3.endpoint. */}}
{{- define "spark-base.bucketEndpoint" -}}
{{- if .Values.minio.enabled -}}
http://{{ include "spark-common.componentName" (list $ "minio") }}:{{ .Values.minio.service.apiPort }}
{{- else -}}
{{- $endpoint := include "spark-common.s3Endpoint" . -}}
{{- $minio := include "spark-common.componentName" (list $ "minio") -}}
{{- if regexMatch (printf "^https?://%s[:/.]" $minio) (printf "%s/" $endpoint) -}}
{{- fail (printf "minio.enabled is false but global.s3.endpoint (%s) is this release's MinIO: set global.s3.endpoint to your S3, or buckets.create=false" $endpoint) -}}
{{- end -}}
{{- $endpoint -}}
{{- end -}}
{{- end -}}

{{/* Secret of the bundled MinIO's root credentials: minio.auth.existingSecret, else the one the chart renders. */}}
{{- define "spark-base.minioSecret" -}}
{{- .Values.minio.auth.existingSecret | default (include "spark-common.componentName" (list $ "minio")) -}}
{{- end -}}

{{/* Secret of the metastore database passwords: postgresql.existingSecret, else the one the chart renders. */}}
{{- define "spark-base.postgresqlSecret" -}}
{{- .Values.postgresql.existingSecret | default (include "spark-common.componentName" (list $ "postgresql")) -}}
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



