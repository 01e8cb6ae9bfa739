{{/* The Spark Connect server, the same for both lines; each spark-connect subchart's templates/<file> includes one. */}}

{{- define "spark-common.connect.configmap" -}}
{{- $name := include "spark-common.componentName" (list $ "connect") }}
{{- $v := .Values }}
apiVersion: v1
kind: ConfigMap
metadata:
  name: {{ $name }}-conf
  namespace: {{ $.Release.Namespace }}
  labels:
    {{- include "spark-common.labels" (list $ "connect") | nindent 4 }}
data:
  spark-defaults.conf: |
    {{- include "spark-common.sparkDefaults" . | nindent 4 }}
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: {{ $name }}-pod-template
  namespace: {{ $.Release.Namespace }}
  labels:
    {{- include "spark-common.labels" (list $ "connect") | nindent 4 }}
data:
  executor-pod-template.yaml: |
    {{- include "spark-common.executorPodTemplate" . | nindent 4 }}
{{- end -}}

{{- define "spark-common.connect.deployment" -}}
{{- $name := include "spark-common.componentName" (list $ "connect") }}
{{- $v := .Values }}
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ $name }}
  namespace: {{ $.Release.Namespace }}
  labels:
    {{- include "spark-common.labels" (list $ "connect") | nindent 4 }}
  annotations:
    {{- include "spark-common.checkovSkips" (list $ (list "CKV_K8S_35" "CKV_K8S_38")) | nindent 4 }}
spec:
  replicas: {{ $v.replicas }}
  selector:
    matchLabels:
      {{- include "spark-common.selectorLabels" (list $ "connect") | nindent 6 }}
  template:
    metadata:
      labels:
        {{- include "spark-common.podLabels" (list $ "connect") | nindent 8 }}
      annotations:
        {{- with $v.podAnnotations }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
        checksum/config: {{ include "spark-common.sparkDefaults" . | sha256sum | trunc 16 | quote }}
        checksum/pod-template: {{ include "spark-common.executorPodTemplate" . | sha256sum | trunc 16 | quote }}
    spec:
      {{- include "spark-common.podPlacement" (list $v dict) | nindent 6 }}
      serviceAccountName: {{ include "spark-common.serviceAccountName" . }}
      # The server is the driver: it needs its token to create and delete executor pods.
      automountServiceAccountToken: true
      {{- include "spark-common.imagePullSecrets" $ | nindent 6 }}
      securityContext:
        {{- toYaml $v.podSecurityContext | nindent 8 }}
      terminationGracePeriodSeconds: 60
      containers:
        - name: connect
          image: {{ include "spark-common.image" (list $ $v.image) }}
          imagePullPolicy: {{ $v.image.pullPolicy }}
          # The image entrypoint execs a command it is given, spark-submit execs spark-class, which
          # execs the JVM: SIGTERM reaches Spark, whose shutdown hooks close the event log within the
          # grace period (start-connect-server.sh would leave a shell in between that does not forward it).
          # $(VAR) is expanded by Kubernetes from env.
          args:
            - /opt/spark/bin/spark-submit
            - --class
            - org.apache.spark.sql.connect.service.SparkConnectServer
            - --name
            - Spark Connect server
            - --conf
            - spark.driver.host=$(POD_IP)
            - --conf
            - spark.kubernetes.driver.pod.name=$(POD_NAME)
          env:
            {{- with $v.extraEnv }}
            {{- toYaml . | nindent 12 }}
            {{- end }}
            - name: POD_NAME
              valueFrom:
                fieldRef:
                  fieldPath: metadata.name
            - name: POD_IP
              valueFrom:
                fieldRef:
                  fieldPath: status.podIP
            - name: SPARK_CONF_DIR
              value: /etc/spark/conf
            - name: SPARK_LOG_DIR
              value: /tmp/spark-logs
            - name: SPARK_PID_DIR
              value: /tmp
            - name: HOME
              value: /tmp
            {{- include "spark-common.s3CredentialEnv" $ | nindent 12 }}
          ports:
            - name: grpc
              containerPort: {{ $v.ports.grpc }}
            - name: ui
              containerPort: {{ $v.ports.ui }}
            - name: driver
              containerPort: {{ $v.ports.driver }}
            - name: block-manager
              containerPort: {{ $v.ports.blockManager }}
          startupProbe:
            tcpSocket:
              port: grpc
            periodSeconds: 5
            failureThreshold: 60
          readinessProbe:
            tcpSocket:
              port: grpc
            periodSeconds: 10
          # the driver's HTTP endpoint (Spark UI REST API): a hung JVM stops answering it
          livenessProbe:
            httpGet:
              path: /api/v1/version
              port: ui
            periodSeconds: 20
            failureThreshold: 3
          resources:
            {{- toYaml $v.resources | nindent 12 }}
          securityContext:
            {{- toYaml $v.containerSecurityContext | nindent 12 }}
          volumeMounts:
            {{- with $v.extraVolumeMounts }}
            {{- toYaml . | nindent 12 }}
            {{- end }}
            - name: conf
              mountPath: /etc/spark/conf
            - name: pod-template
              mountPath: /etc/spark/pod-templates
            - name: tmp
              mountPath: /tmp
            - name: work-dir
              mountPath: /opt/spark/work-dir
      volumes:
        {{- with $v.extraVolumes }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
        - name: conf
          configMap:
            name: {{ $name }}-conf
        - name: pod-template
          configMap:
            name: {{ $name }}-pod-template
        - name: tmp
          emptyDir: {}
        - name: work-dir
          emptyDir: {}
---
apiVersion: v1
kind: Service
metadata:
  name: {{ $name }}
  namespace: {{ $.Release.Namespace }}
  labels:
    {{- include "spark-common.labels" (list $ "connect") | nindent 4 }}
spec:
  type: {{ $v.service.type }}
  sessionAffinity: ClientIP
  sessionAffinityConfig:
    clientIP:
      timeoutSeconds: {{ $v.service.sessionAffinityTimeoutSeconds }}
  selector:
    {{- include "spark-common.selectorLabels" (list $ "connect") | nindent 4 }}
  ports:
    - name: grpc
      port: {{ $v.ports.grpc }}
      targetPort: grpc
    - name: ui
      port: {{ $v.ports.ui }}
      targetPort: ui
{{- if ((($v.global | default dict).serviceMesh) | default dict).enabled }}
---
# Service mesh: names the driver's fixed ports so the mesh applies mutual TLS to executor traffic.
apiVersion: v1
kind: Service
metadata:
  name: {{ $name }}-driver
  namespace: {{ $.Release.Namespace }}
  labels:
    {{- include "spark-common.labels" (list $ "connect-driver") | nindent 4 }}
spec:
  clusterIP: None
  selector:
    {{- include "spark-common.selectorLabels" (list $ "connect") | nindent 4 }}
  ports:
    - name: tcp-driver
      port: {{ $v.ports.driver }}
      targetPort: driver
    - name: tcp-block-manager
      port: {{ $v.ports.blockManager }}
      targetPort: block-manager
{{- end }}
{{- if gt (int $v.replicas) 1 }}
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: {{ $name }}
  namespace: {{ $.Release.Namespace }}
  labels:
    {{- include "spark-common.labels" (list $ "connect") | nindent 4 }}
spec:
  minAvailable: {{ $v.podDisruptionBudget.minAvailable }}
  selector:
    matchLabels:
      {{- include "spark-common.selectorLabels" (list $ "connect") | nindent 6 }}
{{- end }}
{{- end -}}

{{- define "spark-common.connect.rbac" -}}
{{- $sa := include "spark-common.serviceAccountName" . }}
apiVersion: v1
kind: ServiceAccount
metadata:
  name: {{ $sa }}
  namespace: {{ $.Release.Namespace }}
  labels:
    {{- include "spark-common.labels" (list $ "connect") | nindent 4 }}
automountServiceAccountToken: false
---
apiVersion: v1
kind: ServiceAccount
metadata:
  name: {{ include "spark-common.executorServiceAccountName" . }}
  namespace: {{ $.Release.Namespace }}
  labels:
    {{- include "spark-common.labels" (list $ "executor") | nindent 4 }}
automountServiceAccountToken: false
---
# The Connect server is a client-mode driver: it creates, watches and deletes its executor pods and
# their ConfigMap, in this namespace only. No Services (client mode needs none), no PVCs unless
# on-demand executor volumes are turned on, no update. Kubernetes RBAC cannot select objects by
# label, so the Role covers every pod and ConfigMap of the namespace: give the platform a namespace
# of its own where that matters.
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: {{ $sa }}
  namespace: {{ $.Release.Namespace }}
  labels:
    {{- include "spark-common.labels" (list $ "connect") | nindent 4 }}
rules:
  - apiGroups: [""]
    resources: ["pods"]
    verbs: ["get", "list", "watch", "create", "patch", "delete", "deletecollection"]
  - apiGroups: [""]
    resources: ["configmaps"]
    verbs: ["get", "list", "watch", "create", "delete", "deletecollection"]
  {{- if .Values.executor.onDemandVolumes }}
  - apiGroups: [""]
    resources: ["persistentvolumeclaims"]
    verbs: ["get", "list", "watch", "create", "delete", "deletecollection"]
  {{- end }}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: {{ $sa }}
  namespace: {{ $.Release.Namespace }}
  labels:
    {{- include "spark-common.labels" (list $ "connect") | nindent 4 }}
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: Role
  name: {{ $sa }}
subjects:
  - kind: ServiceAccount
    name: {{ $sa }}
    namespace: {{ .Release.Namespace }}
{{- end -}}

{{- define "spark-common.connect.networkpolicy" -}}
{{- if ((.Values.global).networkPolicy).enabled }}
{{- $release := dict "app.kubernetes.io/instance" .Release.Name }}
---
# gRPC and UI only for labelled clients (global.networkPolicy.allowedFrom) and this release's pods
# (Jupyter, executors); executors reach the driver and block manager ports.
{{ include "spark-common.networkPolicy" (list $ "connect" $release "all" (list .Values.ports.grpc .Values.ports.ui)) }}
---
{{ include "spark-common.networkPolicy" (list $ "executor" $release "all" list) }}
{{- end }}
{{- end -}}
