package main

import (
	"testing"

	"go.uber.org/zap"

	"github.com/promptwall/promptwall/config"
)

func TestNewLogger(t *testing.T) {
	l, err := newLogger(config.Log{Level: "warn", Format: "json"})
	if err != nil {
		t.Fatal(err)
	}
	if l.Core().Enabled(zap.InfoLevel) || !l.Core().Enabled(zap.WarnLevel) {
		t.Error("level warn not applied")
	}
	if l, err = newLogger(config.Log{Level: "debug", Format: "console"}); err != nil || !l.Core().Enabled(zap.DebugLevel) {
		t.Errorf("debug console: %v", err)
	}
	if _, err := newLogger(config.Log{Level: "chatty", Format: "json"}); err == nil {
		t.Error("a bad level was accepted")
	}
}
