// Package testpki is a test helper: throwaway certificate authorities and
// server certificates for fake upstreams, independent of the certs package
// so upstream TLS and promptwall's interception CA never share trust.
package testpki
