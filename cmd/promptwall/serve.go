package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/spf13/cobra"
	"go.uber.org/zap"

	"github.com/promptwall/promptwall/config"
	"github.com/promptwall/promptwall/proxy"
)

func newServeCmd() *cobra.Command {
	var cfgFile string
	cmd := &cobra.Command{
		Use:   "serve",
		Short: "Run the proxy (on the embedded defaults when no --config is given)",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			cfg, err := config.Load(cfgFile)
			if err != nil {
				return err
			}
			log, err := newLogger(cfg.Log)
			if err != nil {
				return err
			}
			defer func() { _ = log.Sync() }()
			srv, err := proxy.New(cmd.Context(), cfg, log)
			if err != nil {
				return err
			}
			if err := srv.Start(); err != nil {
				return err
			}
			hup := make(chan os.Signal, 1)
			signal.Notify(hup, syscall.SIGHUP)
			defer signal.Stop(hup)
		wait:
			for {
				select {
				case <-cmd.Context().Done():
					break wait
				case <-hup:
					next, err := config.Load(cfgFile)
					if err == nil {
						err = srv.Reload(cmd.Context(), next)
					}
					if err != nil {
						log.Error("reload (SIGHUP) incomplete", zap.Error(err))
					}
				}
			}
			log.Info("shutting down")
			// Drain: in-flight answers, streams included, get this long to finish.
			ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
			defer cancel()
			return srv.Close(ctx)
		},
	}
	cmd.Flags().StringVar(&cfgFile, "config", "", "YAML config file (every key optional; see README)")
	return cmd
}

// newLogger builds the operational logger from log.level and log.format.
func newLogger(c config.Log) (*zap.Logger, error) {
	zc := zap.NewProductionConfig()
	if c.Format == "console" {
		zc = zap.NewDevelopmentConfig()
	}
	lvl, err := zap.ParseAtomicLevel(c.Level)
	if err != nil {
		return nil, fmt.Errorf("log.level: %w", err)
	}
	zc.Level = lvl
	// An operational error (a refused policy edit, an unreachable vendor)
	// is a message for the operator, not a Go stack trace.
	zc.DisableStacktrace = true
	return zc.Build()
}
