{{/* The components both Spark lines render the same way; each line's templates/<file> includes one. */}}

{{- define "spark-common.line.hive-metastore" -}}
{{- if .Values.hiveMetastore.enabled }}
{{- $name := include "spark-common.componentName" (list $ "hive-metastore") }}
{{- $h := .Values.hiveMetastore }}
{{- $s3 := (.Values.global).s3 | default dict }}
{{- if and (eq $h.schemaInit "entrypoint") (hasPrefix "3." (toString $h.image.tag)) }}
{{- fail "hiveMetastore.schemaInit=entrypoint runs initSchema at every start, which fails on Hive 3 once the schema exists: use initContainer" }}
{{- end }}
apiVersion: v1
kind: Service
metadata:
  name: {{ $name }}
  namespace: {{ $.Release.Namespace }}
  labels:
    {{- include "spark-common.labels" (list $ "hive-metastore") | nindent 4 }}
spec:
  type: ClusterIP
  selector:
    {{- include "spark-common.selectorLabels" (list $ "hive-metastore") | nindent 4 }}
  ports:
    - name: thrift
      port: {{ $h.port }}
      targetPort: thrift
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ $name }}
  namespace: {{ $.Release.Namespace }}
  labels:
    {{- include "spark-common.labels" (list $ "hive-metastore") | nindent 4 }}
  annotations:
    {{- include "spark-common.checkovSkips" (list $ (list "CKV_K8S_35" "CKV_K8S_22")) | nindent 4 }}
spec:
  replicas: 1
  selector:
    matchLabels:
      {{- include "spark-common.selectorLabels" (list $ "hive-metastore") | nindent 6 }}
  template:
    metadata:
      labels:
        {{- include "spark-common.podLabels" (list $ "hive-metastore") | nindent 8 }}
      annotations:
        {{- with $h.podAnnotations }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
        checksum/config: {{ include "spark-common.line.hive-metastore-config" . | sha256sum | trunc 16 | quote }}
    spec:
      {{- include "spark-common.podPlacement" (list $h dict) | nindent 6 }}
      automountServiceAccountToken: false
      {{- include "spark-common.imagePullSecrets" $ | nindent 6 }}
      securityContext:
        {{- toYaml $h.podSecurityContext | nindent 8 }}
      initContainers:
        {{- if $h.jdbcDriverUrl }}
        {{- include "spark-common.downloadInit" (list $ (list $h.jdbcDriverUrl)) | nindent 8 }}
        {{- else }}
        # The Hive image has no PostgreSQL driver; this line's Spark image carries one: no download.
        - name: jdbc-driver
          image: {{ include "spark-common.image" (list $ .Values.image) }}
          imagePullPolicy: {{ .Values.image.pullPolicy }}
          command: ["/bin/sh", "-ec"]
          args:
            - |
              set -- /opt/spark/jars/postgresql-*.jar
              [ -f "$1" ] || { echo "no PostgreSQL JDBC driver in /opt/spark/jars of {{ include "spark-common.image" (list $ .Values.image) }}" >&2; exit 1; }
              cp "$1" /jars/postgres.jar
          resources:
            requests:
              cpu: 50m
              memory: 64Mi
            limits:
              memory: 128Mi
          securityContext:
            {{- toYaml $h.containerSecurityContext | nindent 12 }}
          volumeMounts:
            - name: jars
              mountPath: /jars
        {{- end }}
        {{- if eq $h.schemaInit "initContainer" }}
        # The schema exists before the metastore starts, so the pod gets Ready on the first install
        # (helm --wait, Argo CD and Flux wait for it; a post-install hook would wait for the pod).
        - name: schema
          image: {{ include "spark-common.image" (list $ $h.image) }}
          imagePullPolicy: {{ $h.image.pullPolicy }}
          command: ["/bin/bash", "-ec"]
          # Initialise only an empty database: Hive 3's initSchema fails against an initialised one.
          args:
            - |
              st() { /opt/hive/bin/schematool -dbType postgres -driver org.postgresql.Driver \
                -url "$JDBC_URL" -userName "$DB_USER" -passWord "$DB_PASSWORD" "$@"; }
              if st -info; then echo "metastore schema present"; else st -initSchema; fi
          env:
            - name: JDBC_URL
              value: {{ include "spark-common.jdbcUrl" . | quote }}
            - name: DB_USER
              value: {{ $h.user | quote }}
            {{- include "spark-common.dbPasswordEnv" $ | nindent 12 }}
          resources:
            {{- toYaml $h.resources | nindent 12 }}
          securityContext:
            {{- toYaml $h.containerSecurityContext | nindent 12 }}
          volumeMounts:
            - name: tmp
              mountPath: /tmp
            - name: jars
              mountPath: /opt/hive/lib/postgres.jar
              subPath: {{ ternary (base $h.jdbcDriverUrl) "postgres.jar" (ne $h.jdbcDriverUrl "") }}
        {{- end }}
      containers:
        - name: metastore
          image: {{ include "spark-common.image" (list $ $h.image) }}
          imagePullPolicy: {{ $h.image.pullPolicy }}
          env:
            {{- with $h.extraEnv }}
            {{- toYaml . | nindent 12 }}
            {{- end }}
            - name: SERVICE_NAME
              value: metastore
            - name: DB_DRIVER
              value: postgres
            - name: HIVE_CUSTOM_CONF_DIR
              value: /hive-custom-conf
            - name: METASTORE_PORT
              value: {{ $h.port | quote }}
            - name: HADOOP_HEAPSIZE
              value: {{ $h.heapMiB | quote }}
            {{- if eq $h.schemaInit "initContainer" }}
            # the "schema" init container created or found the schema
            - name: IS_RESUME
              value: "true"
            {{- end }}
            # s3a classes ship in the image's Hadoop tools directory but are not on the classpath by default
            - name: HADOOP_CLASSPATH
              value: /opt/hadoop/share/hadoop/tools/lib/*
            {{- include "spark-common.dbPasswordEnv" $ | nindent 12 }}
            - name: SERVICE_OPTS
              value: "-Djavax.jdo.option.ConnectionPassword=$(DB_PASSWORD)"
            {{- include "spark-common.s3CredentialEnv" $ | nindent 12 }}
          ports:
            - name: thrift
              containerPort: {{ $h.port }}
          startupProbe:
            tcpSocket:
              port: thrift
            periodSeconds: 10
            failureThreshold: 30
          readinessProbe:
            tcpSocket:
              port: thrift
            periodSeconds: 10
          livenessProbe:
            tcpSocket:
              port: thrift
            periodSeconds: 20
            failureThreshold: 3
          resources:
            {{- toYaml $h.resources | nindent 12 }}
          securityContext:
            {{- toYaml $h.containerSecurityContext | nindent 12 }}
          volumeMounts:
            {{- with $h.extraVolumeMounts }}
            {{- toYaml . | nindent 12 }}
            {{- end }}
            - name: custom-conf
              mountPath: /hive-custom-conf
            - name: tmp
              mountPath: /tmp
            - name: jars
              mountPath: /opt/hive/lib/postgres.jar
              subPath: {{ ternary (base $h.jdbcDriverUrl) "postgres.jar" (ne $h.jdbcDriverUrl "") }}
      volumes:
        {{- with $h.extraVolumes }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
        - name: custom-conf
          configMap:
            name: {{ $name }}
        - name: tmp
          emptyDir: {}
        - name: jars
          emptyDir: {}
{{- end }}
{{- end -}}

{{- define "spark-common.line.hive-metastore-config" -}}
{{- if .Values.hiveMetastore.enabled }}
{{- $name := include "spark-common.componentName" (list $ "hive-metastore") }}
{{- $h := .Values.hiveMetastore }}
{{- $s3 := (.Values.global).s3 | default dict }}
apiVersion: v1
kind: ConfigMap
metadata:
  name: {{ $name }}
  namespace: {{ $.Release.Namespace }}
  labels:
    {{- include "spark-common.labels" (list $ "hive-metastore") | nindent 4 }}
data:
  hive-site.xml: |
    <?xml version="1.0"?>
    <configuration>
      <property><name>javax.jdo.option.ConnectionDriverName</name><value>org.postgresql.Driver</value></property>
      <property><name>javax.jdo.option.ConnectionURL</name><value>{{ include "spark-common.jdbcUrl" . }}</value></property>
      <property><name>javax.jdo.option.ConnectionUserName</name><value>{{ $h.user }}</value></property>
      <property><name>hive.metastore.warehouse.dir</name><value>{{ $h.warehouseDir }}</value></property>
      <property><name>metastore.warehouse.dir</name><value>{{ $h.warehouseDir }}</value></property>
      <property><name>hive.metastore.port</name><value>{{ $h.port }}</value></property>
      <property><name>hive.metastore.event.db.notification.api.auth</name><value>false</value></property>
    </configuration>
  core-site.xml: |
    <?xml version="1.0"?>
    <configuration>
      <property><name>fs.s3a.endpoint</name><value>{{ $s3.endpoint }}</value></property>
      <property><name>fs.s3a.path.style.access</name><value>{{ $s3.pathStyleAccess | default false }}</value></property>
      <property><name>fs.s3a.connection.ssl.enabled</name><value>{{ hasPrefix "https://" ($s3.endpoint | default "") }}</value></property>
      <property><name>fs.s3a.impl</name><value>org.apache.hadoop.fs.s3a.S3AFileSystem</value></property>
    </configuration>
{{- end }}
{{- end -}}

{{- define "spark-common.line.history-server" -}}
{{- if .Values.historyServer.enabled }}
{{- $name := include "spark-common.componentName" (list $ "history") }}
{{- $hs := .Values.historyServer }}
apiVersion: v1
kind: Service
metadata:
  name: {{ $name }}
  namespace: {{ $.Release.Namespace }}
  labels:
    {{- include "spark-common.labels" (list $ "history-server") | nindent 4 }}
spec:
  type: ClusterIP
  selector:
    {{- include "spark-common.selectorLabels" (list $ "history-server") | nindent 4 }}
  ports:
    - name: http
      port: {{ $hs.port }}
      targetPort: http
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ $name }}
  namespace: {{ $.Release.Namespace }}
  labels:
    {{- include "spark-common.labels" (list $ "history-server") | nindent 4 }}
  annotations:
    {{- include "spark-common.checkovSkips" (list $ (list "CKV_K8S_35")) | nindent 4 }}
spec:
  replicas: 1
  selector:
    matchLabels:
      {{- include "spark-common.selectorLabels" (list $ "history-server") | nindent 6 }}
  template:
    metadata:
      labels:
        {{- include "spark-common.podLabels" (list $ "history-server") | nindent 8 }}
      annotations:
        {{- with $hs.podAnnotations }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
        checksum/config: {{ include "spark-common.line.history-server-config" . | sha256sum | trunc 16 | quote }}
    spec:
      {{- include "spark-common.podPlacement" (list $hs dict) | nindent 6 }}
      automountServiceAccountToken: false
      {{- include "spark-common.imagePullSecrets" $ | nindent 6 }}
      securityContext:
        {{- toYaml .Values.podSecurityContext | nindent 8 }}
      {{- with $hs.extraJars }}
      initContainers:
        {{- include "spark-common.downloadInit" (list $ .) | nindent 8 }}
      {{- end }}
      containers:
        - name: history-server
          image: {{ include "spark-common.image" (list $ .Values.image) }}
          imagePullPolicy: {{ .Values.image.pullPolicy }}
          args: ["/opt/spark/bin/spark-class", "org.apache.spark.deploy.history.HistoryServer"]
          env:
            {{- with $hs.extraEnv }}
            {{- toYaml . | nindent 12 }}
            {{- end }}
            - name: SPARK_CONF_DIR
              value: /etc/spark/conf
            {{- if eq ((((.Values.global | default dict).logging) | default dict).format | default "text") "json" }}
            # JSON logs from the first line: the History Server logs before it reads spark-defaults.conf
            - name: SPARK_HISTORY_OPTS
              value: -Dspark.log.structuredLogging.enabled=true
            {{- end }}
            - name: SPARK_DAEMON_CLASSPATH
              value: /opt/spark/extra-jars/*
            - name: HOME
              value: /tmp
            # heap from the container memory limit (request when no limit), leaving a quarter for non-heap memory
            - name: SPARK_DAEMON_MEMORY
              value: {{ include "spark-common.heapFromMemory" (($hs.resources.limits | default dict).memory | default ($hs.resources.requests | default dict).memory) }}
            {{- include "spark-common.s3CredentialEnv" $ | nindent 12 }}
          ports:
            - name: http
              containerPort: {{ $hs.port }}
          startupProbe:
            httpGet:
              path: /api/v1/version
              port: http
            periodSeconds: 5
            failureThreshold: 36
          readinessProbe:
            httpGet:
              path: /api/v1/version
              port: http
            periodSeconds: 10
          livenessProbe:
            httpGet:
              path: /api/v1/version
              port: http
            periodSeconds: 20
            failureThreshold: 3
          resources:
            {{- toYaml $hs.resources | nindent 12 }}
          securityContext:
            {{- toYaml .Values.containerSecurityContext | nindent 12 }}
          volumeMounts:
            {{- with $hs.extraVolumeMounts }}
            {{- toYaml . | nindent 12 }}
            {{- end }}
            - name: conf
              mountPath: /etc/spark/conf
            - name: jars
              mountPath: /opt/spark/extra-jars
            - name: tmp
              mountPath: /tmp
            - name: work-dir
              mountPath: /opt/spark/work-dir
      volumes:
        {{- with $hs.extraVolumes }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
        - name: conf
          configMap:
            name: {{ $name }}-conf
        - name: jars
          emptyDir: {}
        - name: tmp
          emptyDir: {}
        - name: work-dir
          emptyDir: {}
{{- end }}
{{- end -}}

{{- define "spark-common.line.history-server-config" -}}
{{- if .Values.historyServer.enabled }}
{{- $name := include "spark-common.componentName" (list $ "history") }}
{{- $hs := .Values.historyServer }}
apiVersion: v1
kind: ConfigMap
metadata:
  name: {{ $name }}-conf
  namespace: {{ $.Release.Namespace }}
  labels:
    {{- include "spark-common.labels" (list $ "history-server") | nindent 4 }}
data:
  spark-defaults.conf: |
    # Spark History Server ({{ .Chart.AppVersion }}) for this line's event logs.
    spark.history.fs.logDirectory {{ $hs.logDirectory }}
    spark.history.ui.port {{ $hs.port }}
    spark.history.fs.update.interval {{ $hs.updateInterval }}
    {{- if $hs.cleanerMaxAge }}
    spark.history.fs.cleaner.enabled true
    spark.history.fs.cleaner.maxAge {{ $hs.cleanerMaxAge }}
    {{- else }}
    spark.history.fs.cleaner.enabled false
    {{- end }}
    spark.history.store.path /tmp/spark-history-store
    # Compact rolled event logs of long-running applications (the Connect server) down to this many files.
    spark.history.fs.eventLog.rolling.maxFilesToRetain {{ $hs.maxFilesToRetain }}
    {{- include "spark-common.s3aProperties" . | nindent 4 }}
{{- end }}
{{- end -}}

{{- define "spark-common.line.jupyter" -}}
{{- if .Values.jupyter.enabled }}
{{- $name := include "spark-common.componentName" (list $ "jupyter") }}
{{- $j := .Values.jupyter }}
{{- if not $j.existingSecret }}
apiVersion: v1
kind: Secret
metadata:
  name: {{ $name }}
  namespace: {{ $.Release.Namespace }}
  labels:
    {{- include "spark-common.labels" (list $ "jupyter") | nindent 4 }}
type: Opaque
data:
  token: {{ include "spark-common.secretValue" (list $ $name "token" $j.token) }}
---
{{- end }}
{{- if $j.persistence.enabled }}
apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: {{ $name }}
  namespace: {{ $.Release.Namespace }}
  labels:
    {{- include "spark-common.labels" (list $ "jupyter") | nindent 4 }}
  annotations:
    helm.sh/resource-policy: keep
spec:
  accessModes: ["ReadWriteOnce"]
  {{- include "spark-common.storageClass" (list $ $j.persistence.storageClass) | nindent 2 }}
  resources:
    requests:
      storage: {{ $j.persistence.size }}
---
{{- end }}
apiVersion: v1
kind: Service
metadata:
  name: {{ $name }}
  namespace: {{ $.Release.Namespace }}
  labels:
    {{- include "spark-common.labels" (list $ "jupyter") | nindent 4 }}
spec:
  type: ClusterIP
  selector:
    {{- include "spark-common.selectorLabels" (list $ "jupyter") | nindent 4 }}
  ports:
    - name: http
      port: {{ $j.port }}
      targetPort: http
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ $name }}
  namespace: {{ $.Release.Namespace }}
  labels:
    {{- include "spark-common.labels" (list $ "jupyter") | nindent 4 }}
  annotations:
    {{- include "spark-common.checkovSkips" (list $ (list "CKV_K8S_35" "CKV_K8S_22")) | nindent 4 }}
spec:
  replicas: 1
  strategy:
    type: Recreate
  selector:
    matchLabels:
      {{- include "spark-common.selectorLabels" (list $ "jupyter") | nindent 6 }}
  template:
    metadata:
      labels:
        {{- include "spark-common.podLabels" (list $ "jupyter") | nindent 8 }}
      {{- with $j.podAnnotations }}
      annotations:
        {{- toYaml . | nindent 8 }}
      {{- end }}
    spec:
      {{- include "spark-common.podPlacement" (list $j dict) | nindent 6 }}
      automountServiceAccountToken: false
      {{- include "spark-common.imagePullSecrets" $ | nindent 6 }}
      securityContext:
        {{- toYaml $j.podSecurityContext | nindent 8 }}
      containers:
        - name: jupyter
          image: {{ include "spark-common.image" (list $ $j.image) }}
          imagePullPolicy: {{ $j.image.pullPolicy }}
          {{- if $j.pipPackages }}
          command: ["/bin/bash", "-ec"]
          args:
            - |
              pip install --user --no-cache-dir {{ range $j.pipPackages }}{{ . | squote }} {{ end }}
              exec start-notebook.py
          {{- else }}
          args: ["start-notebook.py"]
          {{- end }}
          env:
            {{- with $j.extraEnv }}
            {{- toYaml . | nindent 12 }}
            {{- end }}
            - name: JUPYTER_PORT
              value: {{ $j.port | quote }}
            - name: JUPYTER_TOKEN
              valueFrom:
                secretKeyRef:
                  name: {{ $j.existingSecret | default $name }}
                  key: token
            # PySpark connects to this line's Spark Connect server: SparkSession.builder.getOrCreate()
            {{- $remote := ternary (tpl $j.sparkRemote $) (include "spark-common.connectRemote" $) (ne $j.sparkRemote "") }}
            {{- if or $j.sparkRemote (include "spark-common.connectEnabled" $) }}
            - name: SPARK_REMOTE
              value: {{ $remote | quote }}
            {{- end }}
          ports:
            - name: http
              containerPort: {{ $j.port }}
          startupProbe:
            httpGet:
              path: /api
              port: http
            periodSeconds: 5
            failureThreshold: 60
          readinessProbe:
            httpGet:
              path: /api
              port: http
            periodSeconds: 10
          livenessProbe:
            httpGet:
              path: /api
              port: http
            periodSeconds: 30
            failureThreshold: 3
          resources:
            {{- toYaml $j.resources | nindent 12 }}
          securityContext:
            {{- toYaml $j.containerSecurityContext | nindent 12 }}
          volumeMounts:
            {{- with $j.extraVolumeMounts }}
            {{- toYaml . | nindent 12 }}
            {{- end }}
            - name: work
              mountPath: /home/jovyan/work
            - name: tmp
              mountPath: /tmp
      volumes:
        {{- with $j.extraVolumes }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
        - name: work
          {{- if $j.persistence.enabled }}
          persistentVolumeClaim:
            claimName: {{ $name }}
          {{- else }}
          emptyDir: {}
          {{- end }}
        - name: tmp
          emptyDir: {}
{{- end }}
{{- end -}}

{{- define "spark-common.line.kubernetes-native" -}}
{{- if .Values.kubernetesNative.enabled }}
{{- $name := include "spark-common.componentName" (list $ "spark") }}
{{- $k := .Values.kubernetesNative }}
# Driver ServiceAccount for `spark-submit --deploy-mode cluster` jobs of this release.
apiVersion: v1
kind: ServiceAccount
metadata:
  name: {{ $name }}
  namespace: {{ $.Release.Namespace }}
  labels:
    {{- include "spark-common.labels" (list $ "spark-submit") | nindent 4 }}
# A driver started the ordinary way (no pod template) needs its token to create executors.
automountServiceAccountToken: true
---
apiVersion: v1
kind: ServiceAccount
metadata:
  name: {{ $name }}-executor
  namespace: {{ $.Release.Namespace }}
  labels:
    {{- include "spark-common.labels" (list $ "spark-submit") | nindent 4 }}
automountServiceAccountToken: false
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: {{ $name }}
  namespace: {{ $.Release.Namespace }}
  labels:
    {{- include "spark-common.labels" (list $ "spark-submit") | nindent 4 }}
rules:
  - apiGroups: [""]
    resources: ["pods", "services", "configmaps", "persistentvolumeclaims"]
    verbs: ["get", "list", "watch", "create", "update", "patch", "delete", "deletecollection"]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: {{ $name }}
  namespace: {{ $.Release.Namespace }}
  labels:
    {{- include "spark-common.labels" (list $ "spark-submit") | nindent 4 }}
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: Role
  name: {{ $name }}
subjects:
  - kind: ServiceAccount
    name: {{ $name }}
    namespace: {{ .Release.Namespace }}
---
# Mount this ConfigMap at {{ $k.confDir }} of the machine or pod that runs spark-submit, then:
#   spark-submit --master k8s://https://<api-server> --deploy-mode cluster --properties-file {{ $k.confDir }}/spark-defaults.conf ...
apiVersion: v1
kind: ConfigMap
metadata:
  name: {{ $name }}-submit
  namespace: {{ $.Release.Namespace }}
  labels:
    {{- include "spark-common.labels" (list $ "spark-submit") | nindent 4 }}
data:
  spark-defaults.conf: |
    # spark-submit against release {{ .Release.Name }} (Spark {{ .Chart.AppVersion }}), cluster mode.
    spark.master k8s://https://kubernetes.default.svc:443
    spark.submit.deployMode cluster
    spark.kubernetes.namespace {{ .Release.Namespace }}
    spark.kubernetes.container.image {{ include "spark-common.image" (list $ .Values.image) }}
    spark.kubernetes.container.image.pullPolicy {{ .Values.image.pullPolicy }}
    {{- with ((.Values.global).imagePullSecrets) }}
    spark.kubernetes.container.image.pullSecrets {{ join "," . }}
    {{- end }}
    spark.kubernetes.authenticate.driver.serviceAccountName {{ $name }}
    spark.kubernetes.authenticate.executor.serviceAccountName {{ $name }}-executor
    spark.kubernetes.driver.podTemplateFile {{ $k.confDir }}/driver-pod-template.yaml
    spark.kubernetes.executor.podTemplateFile {{ $k.confDir }}/executor-pod-template.yaml
    spark.kubernetes.driver.podTemplateContainerName spark-kubernetes-driver
    spark.kubernetes.executor.podTemplateContainerName spark-kubernetes-executor
    spark.dynamicAllocation.enabled true
    {{- $celeborn := (.Values.celeborn | default dict).enabled }}
    {{- /* Celeborn keeps the shuffle data: executors need not stay for it */}}
    spark.dynamicAllocation.shuffleTracking.enabled {{ not $celeborn }}
    spark.eventLog.enabled true
    spark.eventLog.dir {{ $k.eventLogDir }}
    {{- include "spark-common.s3aProperties" . | nindent 4 }}
    {{- if $celeborn }}
    {{- $cc := (index .Values "spark-connect" | default dict).celeborn | default dict }}
    {{- include "spark-common.celebornSparkProperties" (list (include "spark-common.celebornEndpoints" $) (ternary $cc.pushReplicate true (hasKey $cc "pushReplicate"))) | trim | nindent 4 }}
    {{- end }}
    {{- with include "spark-common.operationsProperties" (list $ "submit") | trim }}
    {{- . | nindent 4 }}
    {{- end }}
    {{- if .Values.hiveMetastore.enabled }}
    spark.sql.catalogImplementation hive
    spark.hadoop.hive.metastore.uris thrift://{{ include "spark-common.componentName" (list $ "hive-metastore") }}:{{ .Values.hiveMetastore.port }}
    spark.sql.warehouse.dir {{ .Values.hiveMetastore.warehouseDir }}
    {{- end }}
    {{- with $k.packages }}
    spark.jars.packages {{ join "," . }}
    {{- end }}
    spark.jars.ivy /tmp/.ivy2
  driver-pod-template.yaml: |
    {{- include "spark-common.submitPodTemplate" (list $ "spark-kubernetes-driver" true) | nindent 4 }}
  executor-pod-template.yaml: |
    {{- include "spark-common.submitPodTemplate" (list $ "spark-kubernetes-executor" false) | nindent 4 }}
{{- end }}
{{- end -}}

{{- define "spark-common.line.networkpolicy" -}}
{{- if ((.Values.global).networkPolicy).enabled }}
{{- $release := dict "app.kubernetes.io/instance" .Release.Name }}
{{- if .Values.hiveMetastore.enabled }}
---
{{ include "spark-common.networkPolicy" (list $ "hive-metastore" $release (list .Values.hiveMetastore.port) list) }}
{{- end }}
{{- if .Values.historyServer.enabled }}
---
{{ include "spark-common.networkPolicy" (list $ "history-server" $release (list .Values.historyServer.port) (list .Values.historyServer.port)) }}
{{- end }}
{{- if .Values.jupyter.enabled }}
---
{{ include "spark-common.networkPolicy" (list $ "jupyter" dict list (list .Values.jupyter.port)) }}
{{- end }}
---
# the helm test Pod takes no connections
{{ include "spark-common.networkPolicy" (list $ "test" dict list list) }}
{{- if .Values.kubernetesNative.enabled }}
---
# drivers of spark-submit jobs: their executors connect back on any port
{{ include "spark-common.networkPolicy" (list $ "spark-submit" $release "all" list) }}
{{- end }}
{{- if (.Values.celeborn | default dict).enabled }}
{{- range $role := list "celeborn-master" "celeborn-worker" }}
---
# masters, workers and Spark executors of this release talk on fixed and random ports
{{ include "spark-common.networkPolicy" (list $ $role $release "all" list) }}
{{- end }}
{{- end }}
{{- end }}
{{- end -}}

{{- define "spark-common.line.test-services" -}}
{{- /* helm test: every component of this release answers on its Service. */ -}}
{{- $script := list }}
{{- if .Values.hiveMetastore.enabled }}
{{- $script = append $script (printf "probe_tcp %s %v" (include "spark-common.componentName" (list $ "hive-metastore")) .Values.hiveMetastore.port) }}
{{- end }}
{{- if .Values.historyServer.enabled }}
{{- $script = append $script (printf "probe_http %s %v /api/v1/version" (include "spark-common.componentName" (list $ "history")) .Values.historyServer.port) }}
{{- end }}
{{- if .Values.jupyter.enabled }}
{{- $script = append $script (printf "probe_http %s %v /api" (include "spark-common.componentName" (list $ "jupyter")) .Values.jupyter.port) }}
{{- end }}
{{- if include "spark-common.connectEnabled" . }}
{{- $remote := regexReplaceAll "^sc://([^:/]+):([0-9]+).*$" (include "spark-common.connectRemote" .) "${1} ${2}" }}
{{- $script = append $script (printf "probe_tcp %s" $remote) }}
{{- end }}
{{- $standalone := index .Values "spark-standalone" | default dict }}
{{- if $standalone.enabled }}
{{- $master := printf "%s-standalone-master" (default .Release.Name $standalone.fullnameOverride | trunc 40 | trimSuffix "-") }}
{{- $script = append $script (printf "probe_tcp %s %v" $master (($standalone.master | default dict).port | default 7077)) }}
{{- end }}
{{- if (.Values.celeborn | default dict).enabled }}
{{- $svc := include "spark-common.componentName" (list $ "celeborn-master") }}
{{- range $i, $_ := until (int .Values.celeborn.master.replicas) }}
{{- $script = append $script (printf "probe_http %s-%d.%s %v /ping" $svc $i $svc $.Values.celeborn.master.httpPort) }}
{{- end }}
{{- end }}
{{ include "spark-common.testPod" (list $ (include "spark-common.image" (list $ .Values.image)) (join "\n" $script)) }}
{{- end -}}
