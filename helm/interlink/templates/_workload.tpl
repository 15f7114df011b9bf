{{/* A Deployment + Service (+HPA, PDB) for one service. args: root, component, image, cfg, api (bool), health */}}
{{- define "interlink.workload" -}}
{{- $root := .root -}}{{- $c := .cfg -}}
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ $root.Release.Name }}-{{ .component }}
  labels: {{- include "interlink.labels" $root | nindent 4 }}
    app.kubernetes.io/name: {{ .component }}
spec:
  {{- if not $c.hpa.enabled }}
  replicas: {{ $c.replicas }}
  {{- end }}
  selector:
    matchLabels: {app.kubernetes.io/instance: {{ $root.Release.Name }}, app.kubernetes.io/name: {{ .component }}}
  strategy:
    type: RollingUpdate
    rollingUpdate: {maxUnavailable: 0, maxSurge: 1}
  template:
    metadata:
      labels: {{- include "interlink.labels" $root | nindent 8 }}
        app.kubernetes.io/name: {{ .component }}
      annotations:
        checksum/config: {{ include (print $root.Template.BasePath "/configmap.yaml") $root | sha256sum }}
        {{- if $c.managementPort }}
        # scraped on the pod's management port; no Service or Ingress routes it (docs/observability.md)
        prometheus.io/scrape: "true"
        prometheus.io/port: {{ $c.managementPort | quote }}
        prometheus.io/path: /metrics
        {{- end }}
    spec:
      serviceAccountName: {{ include "interlink.sa" $root }}
      automountServiceAccountToken: false
      terminationGracePeriodSeconds: {{ $root.Values.terminationGracePeriodSeconds }}
      securityContext: {{- toYaml $root.Values.podSecurityContext | nindent 8 }}
      containers:
        - name: {{ .component }}
          image: {{ include "interlink.image" (dict "root" $root "name" .component) }}
          imagePullPolicy: {{ $root.Values.image.pullPolicy }}
          ports:
            - {name: http, containerPort: {{ $c.port }}}
            {{- if $c.managementPort }}
            - {name: management, containerPort: {{ $c.managementPort }}}
            {{- end }}
          envFrom:
            - configMapRef: {name: {{ $root.Release.Name }}-interlink-config}
          env:
            - name: JAVA_TOOL_OPTIONS
              value: {{ $c.javaOpts | quote }}
            {{- if .api }}
            {{- include "interlink.dbEnv" $root | nindent 12 }}
            {{- if $root.Values.migrations.hookJob }}
            - name: FLYWAY_DATASOURCES_DEFAULT_ENABLED
              value: "false"
            {{- end }}
            {{- end }}
          securityContext: {{- toYaml $root.Values.containerSecurityContext | nindent 12 }}
          resources: {{- toYaml $c.resources | nindent 12 }}
          startupProbe:
            httpGet: {path: {{ .startup }}, port: http}
            periodSeconds: 2
            failureThreshold: 60
          readinessProbe:
            httpGet: {path: {{ .ready }}, port: http}
            periodSeconds: 5
            failureThreshold: 2
          livenessProbe:
            httpGet: {path: {{ .live }}, port: http}
            periodSeconds: 10
            failureThreshold: 3
          lifecycle:
            preStop:
              exec: {command: ["sleep", "{{ $root.Values.preStopSleepSeconds }}"]}
          volumeMounts:
            - {name: tmp, mountPath: /tmp}
            {{- if .api }}
            - {name: keys, mountPath: /etc/interlink/keys, readOnly: true}
            {{- end }}
      volumes:
        {{- if .api }}
        {{- include "interlink.keysVolume" $root | nindent 8 }}
        {{- else }}
        - name: tmp
          emptyDir: {}
        {{- end }}
---
apiVersion: v1
kind: Service
metadata:
  name: {{ $root.Release.Name }}-{{ .component }}
  labels: {{- include "interlink.labels" $root | nindent 4 }}
spec:
  selector: {app.kubernetes.io/instance: {{ $root.Release.Name }}, app.kubernetes.io/name: {{ .component }}}
  ports:
    - {name: http, port: {{ $c.port }}, targetPort: http}
{{- if $c.hpa.enabled }}
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: {{ $root.Release.Name }}-{{ .component }}
  labels: {{- include "interlink.labels" $root | nindent 4 }}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: {{ $root.Release.Name }}-{{ .component }}}
  minReplicas: {{ $c.hpa.minReplicas }}
  maxReplicas: {{ $c.hpa.maxReplicas }}
  metrics:
    - type: Resource
      resource: {name: cpu, target: {type: Utilization, averageUtilization: {{ $c.hpa.targetCPUUtilizationPercentage }}}}
{{- end }}
{{- if $c.pdb.enabled }}
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: {{ $root.Release.Name }}-{{ .component }}
  labels: {{- include "interlink.labels" $root | nindent 4 }}
spec:
  minAvailable: {{ $c.pdb.minAvailable }}
  selector:
    matchLabels: {app.kubernetes.io/instance: {{ $root.Release.Name }}, app.kubernetes.io/name: {{ .component }}}
{{- end }}
{{- end -}}
