package proxy

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"path"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"go.uber.org/zap"

	"github.com/promptwall/promptwall/config"
)

// internalHealthPeriod is how often the internal model's GET /models is polled.
const internalHealthPeriod = 15 * time.Second

// internalModel is the company's own OpenAI-compatible model server
// (internal.*): where rerouted prompts go, and whether it is up.
type internalModel struct {
	base   string // base URL without a trailing slash, e.g. http://llm.internal:8000/v1
	key    string // bearer key from the environment; never logged
	models map[string]string
	client *http.Client
	log    *zap.Logger

	healthy atomic.Bool
	checked atomic.Int64             // Unix nanoseconds of the last check, 0 before the first
	served  atomic.Pointer[[]string] // model ids the server lists
	stop    context.CancelFunc
	done    chan struct{}
	once    sync.Once
}

// newInternalModel builds the internal model client from internal.*, or
// returns nil when internal.base_url is empty. The key is read from the
// environment variable internal.api_key_env names; naming one that is unset
// is an error, so a typo does not silently send requests without the key.
func newInternalModel(cfg *config.Config, d *dialer, log *zap.Logger) (*internalModel, error) {
	ic := cfg.Internal
	if ic.BaseURL == "" {
		return nil, nil
	}
	m := &internalModel{base: strings.TrimSuffix(ic.BaseURL, "/"), models: ic.Models, log: log.Named("internal")}
	if ic.APIKeyEnv != "" {
		m.key = os.Getenv(ic.APIKeyEnv)
		if m.key == "" {
			return nil, fmt.Errorf("proxy: internal.api_key_env names %s, which is unset or empty", ic.APIKeyEnv)
		}
	}
	tr, err := newTransport(d, cfg.Upstream.CAFiles)
	if err != nil {
		return nil, err
	}
	// Fail fast when the model server is down: rerouted prompts are refused,
	// never sent elsewhere, so a quick, clear refusal is the best answer.
	tr.TLSHandshakeTimeout = 5 * time.Second
	m.client = &http.Client{Transport: tr, CheckRedirect: func(*http.Request, []*http.Request) error {
		return http.ErrUseLastResponse // a redirect could take the prompt elsewhere
	}}
	m.served.Store(&[]string{})
	return m, nil
}

// start polls GET /models until close.
func (m *internalModel) start() {
	ctx, cancel := context.WithCancel(context.Background())
	m.stop, m.done = cancel, make(chan struct{})
	go func() {
		defer close(m.done)
		t := time.NewTicker(internalHealthPeriod)
		defer t.Stop()
		for {
			m.check(ctx)
			select {
			case <-ctx.Done():
				return
			case <-t.C:
			}
		}
	}()
}

// close stops the poller and drops idle connections.
func (m *internalModel) close() {
	if m == nil {
		return
	}
	m.once.Do(func() {
		if m.stop != nil {
			m.stop()
			<-m.done
		}
		m.client.CloseIdleConnections()
	})
}

// check asks GET /models once and records the outcome.
func (m *internalModel) check(ctx context.Context) {
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	ids, err := m.list(ctx)
	if ctx.Err() != nil && errors.Is(err, context.Canceled) {
		return // shutting down
	}
	was := m.healthy.Load()
	m.healthy.Store(err == nil)
	m.checked.Store(time.Now().UnixNano())
	if err == nil {
		m.served.Store(&ids)
	}
	switch {
	case err != nil && was:
		m.log.Warn("internal model is down: rerouted prompts are refused", zap.Error(err))
	case err == nil && !was:
		m.log.Info("internal model is up", zap.Int("models", len(ids)))
	}
}

// list returns the ids of GET /models.
func (m *internalModel) list(ctx context.Context) ([]string, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, m.base+"/models", nil)
	if err != nil {
		return nil, fmt.Errorf("proxy: internal model: %w", err)
	}
	if m.key != "" {
		req.Header.Set("Authorization", "Bearer "+m.key)
	}
	resp, err := m.client.Do(req)
	if err != nil {
		return nil, upstreamError(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
		return nil, fmt.Errorf("proxy: internal model: GET /models answered %d", resp.StatusCode)
	}
	var list struct {
		Data []struct {
			ID string `json:"id"`
		} `json:"data"`
	}
	if err := json.NewDecoder(io.LimitReader(resp.Body, 4<<20)).Decode(&list); err != nil {
		return nil, fmt.Errorf("proxy: internal model: GET /models is not a model list: %w", err)
	}
	ids := make([]string, 0, len(list.Data))
	for _, d := range list.Data {
		ids = append(ids, d.ID)
	}
	return ids, nil
}

// model picks the internal model for a rerouted request: the policy's
// route.model when it names one, else internal.models for the vendor model
// (an exact key, then the longest matching glob such as "claude-*", then
// "*"), else the only model the server lists. "" means none can be chosen.
func (m *internalModel) model(routeModel, vendorModel string) string {
	if routeModel != "" {
		return routeModel
	}
	if to := m.models[vendorModel]; to != "" && vendorModel != "" {
		return to
	}
	best, bestLen := "", -1
	for pat, to := range m.models {
		if pat == "*" || to == "" || !strings.ContainsAny(pat, "*?[") {
			continue
		}
		if ok, _ := path.Match(pat, vendorModel); ok && len(pat) > bestLen {
			best, bestLen = to, len(pat)
		}
	}
	if best != "" {
		return best
	}
	if to := m.models["*"]; to != "" {
		return to
	}
	if served := *m.served.Load(); len(served) == 1 {
		return served[0]
	}
	return ""
}

// servedModels lists what the server listed at the last good check.
func (m *internalModel) servedModels() []string { return slices.Clone(*m.served.Load()) }

// internalHealthy reports whether the internal model answered its last
// health check (GET /models, every 15 s) and when that check ran; false and
// the zero time when no internal model is configured or none ran yet. For
// /readyz and the metrics.
func (s *Server) internalHealthy() (bool, time.Time) {
	if s.internal == nil {
		return false, time.Time{}
	}
	ns := s.internal.checked.Load()
	if ns == 0 {
		return false, time.Time{}
	}
	return s.internal.healthy.Load(), time.Unix(0, ns)
}

// internalHealthCollectors are the internal model's health series, for the
// metrics registry: promptwall_internal_model_up (1 up, 0 down or not yet
// checked) and promptwall_internal_model_checked_timestamp_seconds. None when
// no internal model is configured.
func (s *Server) internalHealthCollectors() []prometheus.Collector {
	if s.internal == nil {
		return nil
	}
	return []prometheus.Collector{
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{
			Name: "promptwall_internal_model_up",
			Help: "Whether the internal model answered its last health check (GET /models): 1 up, 0 down or not yet checked."},
			func() float64 {
				if ok, _ := s.internalHealthy(); ok {
					return 1
				}
				return 0
			}),
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{
			Name: "promptwall_internal_model_checked_timestamp_seconds",
			Help: "When the internal model's health was last checked (Unix seconds; 0 before the first check)."},
			func() float64 {
				if _, at := s.internalHealthy(); !at.IsZero() {
					return float64(at.UnixNano()) / 1e9
				}
				return 0
			}),
	}
}
