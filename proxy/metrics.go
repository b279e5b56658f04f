package proxy

import (
	"net/http"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// metrics are the proxy's Prometheus series. Labels carry only bounded,
// non-secret values: vendor names, API names, actions, finding types.
type metrics struct {
	reg            *prometheus.Registry
	requests       *prometheus.CounterVec
	connects       *prometheus.CounterVec
	findings       *prometheus.CounterVec
	decision       prometheus.Histogram
	policyEval     prometheus.Histogram
	upstream       *prometheus.HistogramVec
	bytes          prometheus.Counter
	openStreams    prometheus.Gauge
	auditErrors    prometheus.Counter
	policyRevision *prometheus.GaugeVec
}

func newMetrics() *metrics {
	m := &metrics{
		reg: prometheus.NewRegistry(),
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "promptwall_requests_total", Help: "Inspected requests by vendor, API and decided action (monitor decisions count under their would-be action)."},
			[]string{"vendor", "api", "action"}),
		connects: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "promptwall_connects_total", Help: "CONNECT requests by decision (mitm, tunnel, block)."}, []string{"action"}),
		findings: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "promptwall_findings_total", Help: "Findings in inspected requests, by type."}, []string{"type"}),
		decision: prometheus.NewHistogram(prometheus.HistogramOpts{
			Name: "promptwall_decision_duration_seconds", Help: "Time from a request's arrival to its decision (read, extract, detect, evaluate).",
			Buckets: prometheus.ExponentialBuckets(50e-6, 2, 16)}),
		policyEval: prometheus.NewHistogram(prometheus.HistogramOpts{
			Name: "promptwall_policy_eval_duration_seconds", Help: "Policy evaluation time per decision.",
			Buckets: prometheus.ExponentialBuckets(1e-6, 2.5, 14)}),
		upstream: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "promptwall_upstream_duration_seconds", Help: "Time from forwarding a request to the vendor's response headers.",
			Buckets: prometheus.ExponentialBuckets(5e-3, 2, 14)}, []string{"vendor"}),
		bytes: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "promptwall_inspected_bytes_total", Help: "Request body bytes inspected (after decoding)."}),
		openStreams: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "promptwall_open_streams", Help: "Answers being relayed to clients right now."}),
		auditErrors: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "promptwall_audit_write_errors_total", Help: "Audit events that could not be written."}),
		policyRevision: prometheus.NewGaugeVec(prometheus.GaugeOpts{
			Name: "promptwall_policy_revision_info", Help: "The policy revision in force (value 1)."}, []string{"revision"}),
	}
	m.reg.MustRegister(m.requests, m.connects, m.findings, m.decision, m.policyEval, m.upstream, m.bytes,
		m.openStreams, m.auditErrors, m.policyRevision,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

// setRevision makes revision the only one reported as in force.
func (m *metrics) setRevision(revision string) {
	m.policyRevision.Reset()
	m.policyRevision.WithLabelValues(revision).Set(1)
}

func (m *metrics) handler() http.Handler {
	return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{Registry: m.reg})
}
