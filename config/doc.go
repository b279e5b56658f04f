// Package config reads promptwall's YAML configuration. Every key is optional:
// the embedded defaults (defaults.yaml) are loaded first and the user's file is
// laid over them. An unknown key or a bad value is an error that names the key.
package config
