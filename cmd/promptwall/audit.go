package main

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/promptwall/promptwall/audit"
)

func newAuditCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "audit",
		Short: "Verify and sum up the audit trail",
		Long: `Verify and sum up the audit trail.

FILE… are audit files in any order: the current file and its rotated copies
(name-<time>.log, .log.gz). A directory stands for its *.log and *.log.gz
files; a quoted glob is expanded.`,
	}
	cmd.AddCommand(newAuditVerifyCmd(), newAuditReportCmd())
	return cmd
}

func newAuditVerifyCmd() *cobra.Command {
	var anchors []string
	var genesis, allowCut bool
	var format string
	cmd := &cobra.Command{
		Use:   "verify FILE…",
		Short: "Check the hash chain of audit files; exit 0 only if every chain is intact",
		Long: `Check the hash chain of audit files; exit 0 only if every chain is intact.

The files are put in write order by their links, then every line is checked:
its hash against its content (an edited line) and its prev_hash against the
line before (a removed, inserted or moved line, a missing file). Bad lines are
printed as FILE:LINE: reason, the first bad line first.

The hash chain cannot show by itself that the newest lines or the oldest
files are gone. Keep the "tail" hash printed for each chain elsewhere and
pass it back later with --anchor; use --genesis when the files should hold
the whole trail from its first event.

A write cut short (full disk, crash) leaves a line that is not an event; the
chain links across it, or the writer restarts the chain after it and says
why. Such lines fail the check unless --allow-cut-lines is given.

--format json prints the whole result as one JSON object instead, for
scripts; the exit status is the same.`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if format != "text" && format != "json" {
				return fmt.Errorf("audit verify: --format is text or json, not %q", format)
			}
			files, err := audit.ExpandFiles(args)
			if err != nil {
				return err
			}
			res, err := audit.Verify(files, anchors...)
			if err != nil {
				return err
			}
			if format == "json" {
				enc := json.NewEncoder(cmd.OutOrStdout())
				enc.SetIndent("", "  ")
				if err := enc.Encode(res); err != nil {
					return err
				}
			} else {
				printVerify(cmd, res)
			}
			switch {
			case len(res.Problems) > 0 && !(allowCut && res.OnlyCutLines()):
				return &exitError{code: 1, err: fmt.Errorf("audit verify: the chain is broken; first bad line %s", res.Problems[0])}
			case len(res.MissingAnchors) > 0:
				return &exitError{code: 1, err: fmt.Errorf("audit verify: %d anchors not found", len(res.MissingAnchors))}
			case res.Events == 0:
				return &exitError{code: 1, err: fmt.Errorf("audit verify: no events in %d files", len(files))}
			case genesis && !res.Chains[0].FromGenesis:
				return &exitError{code: 1, err: fmt.Errorf("audit verify: --genesis: the first chain starts after %s, not at the start of the trail", res.Chains[0].Head)}
			}
			return nil
		},
	}
	cmd.Flags().StringSliceVar(&anchors, "anchor", nil, "a hash kept from an earlier verify (its tail); fail unless an event has it (repeatable)")
	cmd.Flags().BoolVar(&genesis, "genesis", false, "fail unless the files hold the start of the trail")
	cmd.Flags().BoolVar(&allowCut, "allow-cut-lines", false, "pass when the only bad lines are writes cut short that hide no event")
	cmd.Flags().StringVar(&format, "format", "text", "text or json")
	return cmd
}

// printVerify prints bad lines first (FILE:LINE: reason), then restarts,
// chains and a summary.
func printVerify(cmd *cobra.Command, res *audit.Result) {
	out := cmd.OutOrStdout()
	cut := map[audit.Problem]bool{}
	for _, p := range res.CutLines {
		cut[p] = true
	}
	for _, p := range res.Problems {
		if cut[p] {
			fmt.Fprintf(out, "%s (a cut write: no event is missing)\n", p)
		} else {
			fmt.Fprintln(out, p)
		}
	}
	if res.MoreProblems > 0 {
		fmt.Fprintf(out, "… and %d more bad lines\n", res.MoreProblems)
	}
	for _, r := range res.Restarts {
		fmt.Fprintf(out, "%s:%d: chain restart: %s\n", r.File, r.Line, r.Reason)
	}
	for i, c := range res.Chains {
		start := "from genesis"
		if !c.FromGenesis {
			start = "after " + c.Head
		}
		fmt.Fprintf(out, "chain %d: %d events in %d files, %s to %s, %s, tail %s\n", i+1, c.Events, len(c.Files),
			c.First.UTC().Format(time.RFC3339), c.Last.UTC().Format(time.RFC3339), start, c.Tail)
	}
	for _, a := range res.MissingAnchors {
		fmt.Fprintf(out, "anchor %s: no event has this hash: lines were removed or rewritten\n", a)
	}
	fmt.Fprintf(out, "%d events in %d files, %d chains, %d bad lines\n", res.Events, len(res.Files),
		len(res.Chains), len(res.Problems)+res.MoreProblems)
}

func newAuditReportCmd() *cobra.Command {
	var since, format string
	var top int
	cmd := &cobra.Command{
		Use:   "report FILE…",
		Short: "Sum up audit files: requests by vendor and action, findings, refusals, tokens",
		Long: `Sum up audit files: requests by vendor and action, the top finding types, the
users with most refusals, and tokens kept in-house (answered by the internal
model) against tokens sent out to vendors.

A forwarded request is two lines with one event.id, its decision and its
completion: it is counted once, at its decision, with the tokens and the end
(eof, client_gone, upstream_error, refused) of its completion. Decisions with
no completion yet and completions whose decision is in a file not given are
counted apart.

--since takes a Go duration (36h, 90m) or days (7d): requests decided since
then. The report does not check the hash chain: run audit verify for that.`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if format != "table" && format != "json" {
				return fmt.Errorf("audit report: --format is table or json, not %q", format)
			}
			var from time.Time
			if since != "" {
				d, err := parseSince(since)
				if err != nil {
					return err
				}
				from = time.Now().Add(-d)
			}
			files, err := audit.ExpandFiles(args)
			if err != nil {
				return err
			}
			rep, err := audit.Summarize(files, from, top)
			if err != nil {
				return err
			}
			if format == "json" {
				enc := json.NewEncoder(cmd.OutOrStdout())
				enc.SetIndent("", "  ")
				return enc.Encode(rep)
			}
			return rep.WriteTable(cmd.OutOrStdout())
		},
	}
	cmd.Flags().StringVar(&since, "since", "", "only requests decided since (e.g. 24h, 7d)")
	cmd.Flags().StringVar(&format, "format", "table", "table or json")
	cmd.Flags().IntVar(&top, "top", 10, "finding types and users to list (0: all)")
	return cmd
}

// parseSince is time.ParseDuration that also takes whole days ("7d").
func parseSince(s string) (time.Duration, error) {
	if n, ok := strings.CutSuffix(s, "d"); ok {
		if days, err := strconv.Atoi(n); err == nil && days > 0 {
			return time.Duration(days) * 24 * time.Hour, nil
		}
	}
	d, err := time.ParseDuration(s)
	if err != nil || d <= 0 {
		return 0, fmt.Errorf("audit report: --since %q is not a positive duration such as 24h or 7d", s)
	}
	return d, nil
}
