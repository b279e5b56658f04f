package main

import (
	"errors"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/promptwall/promptwall/certs"
	"github.com/promptwall/promptwall/config"
)

func newCACmd() *cobra.Command {
	var cfgFile string
	var force bool
	ca := &cobra.Command{Use: "ca", Short: "Create or export the CA that signs intercepted vendor certificates"}
	ca.PersistentFlags().StringVar(&cfgFile, "config", "", "YAML config file (for data_dir and ca.*)")
	initCmd := &cobra.Command{
		Use:   "init",
		Short: "Create the CA in the data dir (refuses to overwrite one unless --force)",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			cfg, err := config.Load(cfgFile)
			if err != nil {
				return err
			}
			if cfg.CA.CertFile != "" {
				return errors.New("ca init: the config names ca.cert_file/ca.key_file: that CA is managed outside promptwall")
			}
			c, err := certs.Init(cfg.DataDir, force)
			if err != nil {
				return err
			}
			fmt.Fprintf(cmd.ErrOrStderr(), "created CA %q in %s (key 0600)\n", c.Certificate().Subject.CommonName, cfg.DataDir)
			return nil
		},
	}
	initCmd.Flags().BoolVar(&force, "force", false, "replace an existing CA (every staff machine must trust the new one)")
	export := &cobra.Command{
		Use:   "export",
		Short: "Print the CA certificate (PEM) for staff trust stores; creates the CA if there is none",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			cfg, err := config.Load(cfgFile)
			if err != nil {
				return err
			}
			c, _, err := certs.LoadOrCreate(cfg.DataDir, cfg.CA.CertFile, cfg.CA.KeyFile)
			if err != nil {
				return err
			}
			_, err = cmd.OutOrStdout().Write(c.CertPEM())
			return err
		},
	}
	ca.AddCommand(initCmd, export)
	return ca
}
