{{/* Labels every object carries; component = the service's name (one name per service everywhere). */}}
{{- define "mfs.labels" -}}
app.kubernetes.io/part-of: mfs
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
app.kubernetes.io/version: {{ .root.Chart.AppVersion | quote }}
helm.sh/chart: {{ printf "%s-%s" .root.Chart.Name .root.Chart.Version }}
{{- if .name }}
app.kubernetes.io/name: {{ .name }}
{{- end }}
{{- end -}}

{{/* Selector labels of a workload's pods. */}}
{{- define "mfs.selector" -}}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/name: {{ .name }}
{{- end -}}

{{- define "mfs.image" -}}
{{- $tag := .root.Values.image.tag | default .root.Chart.AppVersion -}}
{{- printf "%s/%s:%s" .root.Values.image.registry .name $tag -}}
{{- end -}}

{{/* The CloudNativePG Cluster of a service's database. */}}
{{- define "mfs.dbCluster" -}}
{{- printf "%s-%s-db" .root.Release.Name (.name | trimSuffix "-service") | trunc 50 | trimSuffix "-" -}}
{{- end -}}

{{- define "mfs.kafkaBootstrap" -}}
{{- if .Values.kafka.create -}}
{{- printf "%s-kafka-bootstrap:9093" .Values.kafka.clusterName -}}
{{- else -}}
{{- required "kafka.bootstrapServers is required when kafka.create is false" .Values.kafka.bootstrapServers -}}
{{- end -}}
{{- end -}}

{{- define "mfs.kafkaCaSecret" -}}
{{- if .Values.kafka.caSecret -}}
{{- .Values.kafka.caSecret -}}
{{- else -}}
{{- printf "%s-cluster-ca-cert" .Values.kafka.clusterName -}}
{{- end -}}
{{- end -}}

{{/*
The issuer in the tokens' "iss": the values' issuer, or the chart's Keycloak at its public hostname.
*/}}
{{- define "mfs.issuer" -}}
{{- if .Values.oidc.issuer -}}
{{- .Values.oidc.issuer -}}
{{- else if .Values.keycloak.enabled -}}
{{- printf "%s/realms/%s" (required "keycloak.hostname is required when keycloak.enabled" .Values.keycloak.hostname | trimSuffix "/") .Values.keycloak.realm -}}
{{- else -}}
{{- fail "oidc.issuer is required (or keycloak.enabled=true with keycloak.hostname)" -}}
{{- end -}}
{{- end -}}

{{/*
Where the services fetch the issuer's discovery document and keys: the chart's Keycloak through its in-cluster
Service (so the NetworkPolicy can name its pods), otherwise the issuer itself.
*/}}
{{- define "mfs.issuerDiscovery" -}}
{{- if and .Values.keycloak.enabled (not .Values.oidc.issuer) -}}
{{- printf "http://%s-keycloak:8080/realms/%s" .Release.Name .Values.keycloak.realm -}}
{{- else -}}
{{- include "mfs.issuer" . -}}
{{- end -}}
{{- end -}}

{{/* Pod-level security context shared by every workload. */}}
{{- define "mfs.podSecurityContext" -}}
runAsNonRoot: true
runAsUser: {{ .uid }}
runAsGroup: {{ .uid }}
fsGroup: {{ .uid }}
seccompProfile:
  type: RuntimeDefault
{{- end -}}

{{- define "mfs.containerSecurityContext" -}}
allowPrivilegeEscalation: false
readOnlyRootFilesystem: true
runAsNonRoot: true
privileged: false
capabilities:
  drop: [ALL]
seccompProfile:
  type: RuntimeDefault
{{- end -}}

{{- define "mfs.topologySpread" -}}
- maxSkew: {{ .root.Values.topologySpread.maxSkew }}
  topologyKey: kubernetes.io/hostname
  whenUnsatisfiable: {{ .root.Values.topologySpread.whenUnsatisfiable }}
  labelSelector:
    matchLabels:
      {{- include "mfs.selector" . | nindent 6 }}
- maxSkew: {{ .root.Values.topologySpread.maxSkew }}
  topologyKey: topology.kubernetes.io/zone
  whenUnsatisfiable: ScheduleAnyway
  labelSelector:
    matchLabels:
      {{- include "mfs.selector" . | nindent 6 }}
{{- end -}}

{{/* Egress to the cluster DNS, in every workload's NetworkPolicy. */}}
{{- define "mfs.dnsEgress" -}}
- to:
    - namespaceSelector:
        matchLabels:
          {{- toYaml .Values.dns.namespaceSelector | nindent 10 }}
      podSelector:
        matchLabels:
          {{- toYaml .Values.dns.podSelector | nindent 10 }}
  ports:
    - { protocol: UDP, port: {{ .Values.dns.port }} }
    - { protocol: TCP, port: {{ .Values.dns.port }} }
{{- end -}}

{{/* Egress to the OIDC issuer: the chart's Keycloak, or the external issuer's addresses. */}}
{{- define "mfs.issuerEgress" -}}
{{- if .Values.keycloak.enabled }}
- to:
    - podSelector:
        matchLabels:
          {{- include "mfs.selector" (dict "root" . "name" "keycloak") | nindent 10 }}
  ports:
    - { protocol: TCP, port: 8080 }
{{- end }}
{{- if .Values.oidc.egress.cidrs }}
- to:
    {{- range .Values.oidc.egress.cidrs }}
    - ipBlock: { cidr: {{ . | quote }} }
    {{- end }}
  ports:
    {{- range .Values.oidc.egress.ports }}
    - { protocol: TCP, port: {{ . }} }
    {{- end }}
{{- end }}
{{- end -}}

{{- /* Egress to the trace collector, when one is configured (observability.otlpEndpoint). */}}
{{- define "mfs.otlpEgress" -}}
{{- if and .Values.observability.otlpEndpoint .Values.observability.egress.cidrs }}
- to:
    {{- range .Values.observability.egress.cidrs }}
    - ipBlock: { cidr: {{ . | quote }} }
    {{- end }}
  ports:
    {{- range .Values.observability.egress.ports }}
    - { protocol: TCP, port: {{ . }} }
    {{- end }}
{{- end }}
{{- end -}}

{{- /* Ingress from the Prometheus pods to a workload's http port, where /q/metrics is (observability.metrics.scrapedFrom). */}}
{{- define "mfs.scraperIngress" -}}
{{- with .root.Values.observability.metrics.scrapedFrom }}
{{- if .namespaceSelector }}
- from:
    - namespaceSelector:
        matchLabels:
          {{- toYaml .namespaceSelector | nindent 10 }}
      {{- if .podSelector }}
      podSelector:
        matchLabels:
          {{- toYaml .podSelector | nindent 10 }}
      {{- end }}
  ports:
    - { protocol: TCP, port: {{ $.port }} }
{{- end }}
{{- end }}
{{- end -}}
