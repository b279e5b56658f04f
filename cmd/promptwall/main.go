// Command promptwall is the on-prem data-leak guard for LLM traffic: a
// forward proxy that inspects prompts to LLM vendors and enforces the
// security team's Rego policies. This file only wires the subcommands.
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"syscall"

	"github.com/spf13/cobra"
)

// version is set at build time with -ldflags "-X main.version=…".
var version = "dev"

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := newRootCmd().ExecuteContext(ctx); err != nil {
		fmt.Fprintln(os.Stderr, "promptwall:", err)
		os.Exit(exitCode(err))
	}
}

// exitError carries a specific exit status (e.g. a failed policy test).
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string { return e.err.Error() }
func (e *exitError) Unwrap() error { return e.err }

func exitCode(err error) int {
	if e, ok := err.(*exitError); ok {
		return e.code
	}
	return 1
}

func newRootCmd() *cobra.Command {
	root := &cobra.Command{
		Use:           "promptwall",
		Short:         "On-prem data-leak guard for LLM traffic",
		Long:          "promptwall is a forward proxy that decrypts only traffic to LLM vendors, finds sensitive data in prompts,\nand lets the security team's Rego policies decide: allow, redact, reroute in-house, or block.",
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.AddCommand(newServeCmd(), newCACmd(), newScanCmd(), newPolicyCmd(), newVersionCmd())
	root.AddCommand(newAuditCmd())
	return root
}

func newVersionCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print the version",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			_, err := fmt.Fprintln(cmd.OutOrStdout(), "promptwall", version)
			return err
		},
	}
}
