package proxy

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"net"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"go.uber.org/zap"

	"github.com/promptwall/promptwall/config"
	"github.com/promptwall/promptwall/internal/fakemodel"
)

func testInternal(t *testing.T, baseURL, keyEnv string, models map[string]string) (*internalModel, error) {
	t.Helper()
	cfg, err := config.Parse(nil)
	if err != nil {
		t.Fatal(err)
	}
	cfg.Internal = config.Internal{BaseURL: baseURL, APIKeyEnv: keyEnv, Models: models}
	m, err := newInternalModel(cfg, &dialer{net: net.Dialer{Timeout: time.Second}}, zap.NewNop())
	if m != nil {
		t.Cleanup(m.close)
	}
	return m, err
}

func TestInternalModelMapping(t *testing.T) {
	m, err := testInternal(t, "http://127.0.0.1:1/v1", "", map[string]string{
		"*": "default-model", "gpt-4o": "exact-model", "claude-*": "claude-ish", "claude-opus-*": "opus-ish", "gemini-*": "",
	})
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct{ route, vendor, want string }{
		{"policy-model", "gpt-4o", "policy-model"},
		{"", "gpt-4o", "exact-model"},
		{"", "claude-sonnet-4-5", "claude-ish"},
		{"", "claude-opus-4-1", "opus-ish"},
		{"", "gemini-2.5-flash", "default-model"}, // an empty mapping falls through
		{"", "", "default-model"},
	}
	for _, c := range cases {
		if got := m.model(c.route, c.vendor); got != c.want {
			t.Errorf("model(%q, %q) = %q, want %q", c.route, c.vendor, got, c.want)
		}
	}
	none, _ := testInternal(t, "http://127.0.0.1:1/v1", "", map[string]string{"*": ""})
	if got := none.model("", "gpt-4o"); got != "" {
		t.Errorf("no mapping and no served model: %q", got)
	}
	none.served.Store(&[]string{"only-one"})
	if got := none.model("", "gpt-4o"); got != "only-one" {
		t.Errorf("the one served model: %q", got)
	}
	none.served.Store(&[]string{"a", "b"})
	if got := none.model("", "gpt-4o"); got != "" {
		t.Errorf("two served models must not be guessed between: %q", got)
	}
}

func TestInternalModelHealth(t *testing.T) {
	var b [16]byte
	_, _ = rand.Read(b[:])
	key := hex.EncodeToString(b[:])
	t.Setenv("PW_TEST_INTERNAL_KEY", key)
	fm := fakemodel.Start(t, fakemodel.WithAPIKey(key))
	m, err := testInternal(t, fm.URL+"/", "PW_TEST_INTERNAL_KEY", nil)
	if err != nil {
		t.Fatal(err)
	}
	s := &Server{internal: m}
	if ok, at := s.internalHealthy(); ok || !at.IsZero() {
		t.Fatalf("healthy before any check: %v %v", ok, at)
	}
	ctx := context.Background()
	m.check(ctx)
	ok, at := s.internalHealthy()
	if !ok || time.Since(at) > time.Minute {
		t.Fatalf("healthy %v at %v", ok, at)
	}
	if got := m.servedModels(); len(got) != 1 || got[0] != fakemodel.DefaultModel {
		t.Errorf("served %v", got)
	}
	if got := m.model("", "gpt-4o"); got != fakemodel.DefaultModel {
		t.Errorf("the one served model is the default: %q", got)
	}
	fm.Fail(503)
	m.check(ctx)
	if ok, _ := s.internalHealthy(); ok {
		t.Error("healthy while failing")
	}
	fm.Fail(0)
	m.check(ctx)
	if ok, _ := s.internalHealthy(); !ok {
		t.Error("not healthy after recovery")
	}
	fm.Down()
	m.check(ctx)
	if ok, _ := s.internalHealthy(); ok {
		t.Error("healthy while down")
	}
	reg := prometheus.NewRegistry()
	reg.MustRegister(s.internalHealthCollectors()...)
	mfs, err := reg.Gather()
	if err != nil || len(mfs) != 2 {
		t.Fatalf("metrics: %d families, %v", len(mfs), err)
	}
	for _, mf := range mfs {
		v := mf.GetMetric()[0].GetGauge().GetValue()
		switch mf.GetName() {
		case "promptwall_internal_model_up":
			if v != 0 {
				t.Errorf("up = %v while down", v)
			}
		case "promptwall_internal_model_checked_timestamp_seconds":
			if v < float64(time.Now().Add(-time.Minute).Unix()) {
				t.Errorf("checked at %v", v)
			}
		default:
			t.Errorf("unexpected series %s", mf.GetName())
		}
	}
	if c := (&Server{}).internalHealthCollectors(); c != nil {
		t.Error("health series without an internal model")
	}
	if ok, at := (&Server{}).internalHealthy(); ok || !at.IsZero() {
		t.Error("healthy without an internal model")
	}

	// The poller runs at once and stops on close.
	fm2 := fakemodel.Start(t)
	m2, _ := testInternal(t, fm2.URL, "", nil)
	m2.start()
	deadline := time.Now().Add(5 * time.Second)
	for m2.checked.Load() == 0 && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
	if !m2.healthy.Load() {
		t.Error("the poller did not find the model up")
	}
	m2.close()
}

func TestInternalModelKeyEnv(t *testing.T) {
	t.Setenv("PW_TEST_UNSET_KEY", "")
	if _, err := testInternal(t, "http://127.0.0.1:1/v1", "PW_TEST_UNSET_KEY", nil); err == nil {
		t.Fatal("an unset internal.api_key_env was accepted")
	}
	if m, err := testInternal(t, "", "", nil); m != nil || err != nil {
		t.Fatalf("no base_url: %v %v", m, err)
	}
}
