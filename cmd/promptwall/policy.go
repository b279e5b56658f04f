package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/promptwall/promptwall/policy"
	policybundle "github.com/promptwall/promptwall/rego"
)

// maxPolicyInput bounds an input document for `policy eval`.
const maxPolicyInput = 16 << 20

func newPolicyCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "policy",
		Short: "Test, check and evaluate Rego policies",
		Long: `Test, check and evaluate Rego policies.

DIR is a policy bundle directory (.rego files, data.json/data.yaml, an optional
.manifest) or a bundle tarball (opa build, or tar -czf b.tar.gz -C DIR .);
without DIR the embedded default bundle is used. See docs/policy.md.`,
	}
	cmd.AddCommand(newPolicyInitCmd(), newPolicyTestCmd(), newPolicyCheckCmd(), newPolicyEvalCmd())
	return cmd
}

func newPolicyInitCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "init DIR",
		Short: "Write the embedded default bundle to DIR, to start a policy of your own",
		Long: `Write the embedded default bundle (promptwall.rego, data.json and the Rego unit
tests) to DIR, creating it if needed. Existing files are never overwritten.
Then point policy.dir at DIR; see docs/policy.md.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			dir := args[0]
			names, err := fs.Glob(policybundle.FS, "*")
			if err != nil {
				return fmt.Errorf("policy init: %w", err)
			}
			for _, name := range names {
				if _, err := os.Lstat(filepath.Join(dir, name)); err == nil {
					return fmt.Errorf("policy init: %s already exists: not overwriting", filepath.Join(dir, name))
				}
			}
			if err := os.MkdirAll(dir, 0o755); err != nil {
				return fmt.Errorf("policy init: %w", err)
			}
			for _, name := range names {
				bs, err := fs.ReadFile(policybundle.FS, name)
				if err != nil {
					return fmt.Errorf("policy init: %w", err)
				}
				if err := os.WriteFile(filepath.Join(dir, name), bs, 0o644); err != nil {
					return fmt.Errorf("policy init: %w", err)
				}
				fmt.Fprintln(cmd.OutOrStdout(), filepath.Join(dir, name))
			}
			return nil
		},
	}
}

func newPolicyTestCmd() *cobra.Command {
	var verbose, coverage bool
	var run string
	var threshold float64
	cmd := &cobra.Command{
		Use:   "test [DIR]",
		Short: "Run the *_test.rego unit tests of a bundle with OPA's tester",
		Long: `Run the *_test.rego unit tests of a bundle with OPA's tester, as "opa test DIR"
would. Each failure is shown with its location; the exit status is 1 when a
test fails. --coverage also prints the line coverage of the policy files.`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			dir := argDir(args)
			out := cmd.OutOrStdout()
			passed, failed, err := policy.Test(cmd.Context(), dir, out, policy.TestOptions{Verbose: verbose, Run: run})
			if err != nil {
				return printProblems(cmd, err)
			}
			if failed > 0 {
				return &exitError{code: 1, err: fmt.Errorf("policy test: %d of %d tests failed", failed, passed+failed)}
			}
			if passed == 0 {
				return &exitError{code: 1, err: errors.New("policy test: no tests found (test rules are named test_* in *_test.rego files, and --run must match them)")}
			}
			if !coverage && threshold == 0 {
				return nil
			}
			pct, err := policy.Coverage(cmd.Context(), dir)
			if err != nil {
				return err
			}
			fmt.Fprintf(out, "coverage: %.1f%%\n", pct)
			if pct < threshold {
				return &exitError{code: 1, err: fmt.Errorf("policy test: coverage %.1f%% is below the threshold %.1f%%", pct, threshold)}
			}
			return nil
		},
	}
	cmd.Flags().BoolVarP(&verbose, "verbose", "v", false, "list every test and print traces of failures")
	cmd.Flags().StringVarP(&run, "run", "r", "", "run only the tests whose package-qualified name matches this regular expression")
	cmd.Flags().BoolVar(&coverage, "coverage", false, "print the line coverage of the policy (test files excluded)")
	cmd.Flags().Float64Var(&threshold, "threshold", 0, "fail when the coverage is below this percentage (implies --coverage)")
	return cmd
}

func newPolicyCheckCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "check [DIR]",
		Short: "Compile a bundle strictly, as the proxy would load it",
		Long: `Compile a bundle strictly, as the proxy would load it: Rego syntax and strict
checks, both queries (data.promptwall.decision and data.promptwall.connect),
custom detectors in data. Problems are printed as file:line: message, one per
line (a custom detector's as FILE:LINE: data.promptwall.custom_detectors[i]
(TYPE): problem, every bad entry listed), and the exit status is 1. On success
the policy revision is printed.`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			rev, err := policy.Check(argDir(args))
			if err != nil {
				return printProblems(cmd, err)
			}
			_, err = fmt.Fprintf(cmd.OutOrStdout(), "ok: %s (revision %s)\n", displayPolicy(argDir(args)), rev)
			return err
		},
	}
}

func newPolicyEvalCmd() *cobra.Command {
	var inputFile, dir string
	var connect bool
	cmd := &cobra.Command{
		Use:   "eval --input FILE [--policy DIR]",
		Short: "Decide one input document and print the decision JSON",
		Long: `Decide one input document (the JSON of docs/policy.md, "-" for stdin) and print
data.promptwall.decision as JSON. With --connect, print data.promptwall.connect
for the document's request instead (what a CONNECT to request.host gets).`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if inputFile == "" {
				return errors.New("policy eval: --input FILE is required")
			}
			in, err := readInput(cmd, inputFile)
			if err != nil {
				return err
			}
			var d any
			if connect {
				d, err = policy.EvalConnect(cmd.Context(), dir, in)
			} else {
				d, err = policy.Eval(cmd.Context(), dir, in)
			}
			if err != nil {
				return printProblems(cmd, err)
			}
			enc := json.NewEncoder(cmd.OutOrStdout())
			enc.SetIndent("", "  ")
			enc.SetEscapeHTML(false)
			return enc.Encode(d)
		},
	}
	cmd.Flags().StringVar(&inputFile, "input", "", `input document (JSON); "-" reads stdin`)
	cmd.Flags().StringVar(&dir, "policy", "", "policy bundle directory (default: the embedded bundle)")
	cmd.Flags().BoolVar(&connect, "connect", false, "evaluate data.promptwall.connect instead of the decision")
	return cmd
}

func argDir(args []string) string {
	if len(args) == 0 {
		return ""
	}
	return args[0]
}

func displayPolicy(dir string) string {
	if dir == "" {
		return "embedded bundle"
	}
	return dir
}

func readInput(cmd *cobra.Command, name string) ([]byte, error) {
	var r io.Reader = cmd.InOrStdin()
	if name != "-" {
		f, err := os.Open(name)
		if err != nil {
			return nil, fmt.Errorf("policy eval: %w", err)
		}
		defer f.Close()
		r = f
	}
	bs, err := io.ReadAll(io.LimitReader(r, maxPolicyInput+1))
	if err != nil {
		return nil, fmt.Errorf("policy eval: reading input: %w", err)
	}
	if len(bs) > maxPolicyInput {
		return nil, fmt.Errorf("policy eval: input larger than %d bytes", maxPolicyInput)
	}
	return bs, nil
}

// printProblems writes compile problems one "file:line: message" per line on
// stderr, where editors and CI pick them up, and returns a one-line summary.
func printProblems(cmd *cobra.Command, err error) error {
	var ce *policy.CompileError
	if !errors.As(err, &ce) {
		return err
	}
	for _, p := range ce.Problems {
		fmt.Fprintln(cmd.ErrOrStderr(), p)
	}
	return &exitError{code: 1, err: fmt.Errorf("policy: %d problem(s)", len(ce.Problems))}
}
