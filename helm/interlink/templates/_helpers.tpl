{{- define "interlink.name" -}}{{ .Release.Name }}{{- end -}}
{{- define "interlink.sa" -}}{{ default (printf "%s-interlink" .Release.Name) .Values.serviceAccount.name }}{{- end -}}
{{- define "interlink.labels" -}}
app.kubernetes.io/part-of: interlink
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end -}}
{{- define "interlink.image" -}}
{{- $r := .root.Values.image.registry -}}{{ if $r }}{{ $r }}/{{ end }}{{ .name }}:{{ .root.Values.image.tag }}
{{- end -}}
{{- define "interlink.dbEnv" -}}
- name: INTERLINK_DB_URL
  value: {{ .Values.database.url | quote }}
- name: INTERLINK_DB_USER
  valueFrom: {secretKeyRef: {name: {{ .Values.database.existingSecret }}, key: {{ .Values.database.userKey }}}}
- name: INTERLINK_DB_PASSWORD
  valueFrom: {secretKeyRef: {name: {{ .Values.database.existingSecret }}, key: {{ .Values.database.passwordKey }}}}
- name: INTERLINK_JWT_KEYS_FILE
  value: /etc/interlink/keys/jwt-keys.json
- name: INTERLINK_VAULT_KEYSET_FILE
  value: /etc/interlink/keys/vault-keyset.json
- name: INTERLINK_CURSOR_KEY
  valueFrom: {secretKeyRef: {name: {{ .Values.keys.existingSecret }}, key: {{ .Values.keys.cursorKeyKey }}}}
{{- end -}}
{{- define "interlink.keysVolume" -}}
- name: keys
  secret:
    secretName: {{ .Values.keys.existingSecret }}
    defaultMode: 0400
    items:
      - {key: {{ .Values.keys.jwtKeysKey }}, path: jwt-keys.json}
      - {key: {{ .Values.keys.vaultKeysetKey }}, path: vault-keyset.json}
- name: tmp
  emptyDir: {}
{{- end -}}
