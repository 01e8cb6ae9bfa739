{{/*
Named templates shared by every component of this chart. Prefix: "spark-operator.".
*/}}













{{/* Rules the operator's components need in every Spark job namespace. */}}
{{- define "spark-operator.controllerRules" -}}
- apiGroups: [""]
  resources: ["pods", "configmaps", "services", "persistentvolumeclaims"]
  verbs: ["get", "list", "watch", "create", "update", "patch", "delete", "deletecollection"]
- apiGroups: [""]
  resources: ["events"]
  verbs: ["create", "update", "patch"]
- apiGroups: ["networking.k8s.io"]
  resources: ["ingresses"]
  verbs: ["get", "list", "watch", "create", "update", "delete"]
- apiGroups: ["sparkoperator.k8s.io"]
  resources: ["sparkapplications", "scheduledsparkapplications", "sparkconnects"]
  verbs: ["get", "list", "watch", "create", "update", "patch", "delete"]
- apiGroups: ["sparkoperator.k8s.io"]
  resources: ["sparkapplications/status", "sparkapplications/finalizers", "scheduledsparkapplications/status", "scheduledsparkapplications/finalizers", "sparkconnects/status", "sparkconnects/finalizers"]
  verbs: ["get", "update", "patch"]
{{- end -}}

{{- define "spark-operator.webhookRules" -}}
- apiGroups: [""]
  resources: ["pods", "resourcequotas"]
  verbs: ["get", "list", "watch"]
- apiGroups: ["sparkoperator.k8s.io"]
  resources: ["sparkapplications", "scheduledsparkapplications", "sparkconnects"]
  verbs: ["get", "list", "watch"]
{{- end -}}

{{/* Job namespaces (never empty: the release namespace when unset). */}}
{{- define "spark-operator.jobNamespaces" -}}
{{- $ns := .Values.spark.jobNamespaces | default (list .Release.Namespace) -}}
{{- join "," $ns -}}
{{- end -}}



