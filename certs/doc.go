// Package certs owns promptwall's certificate authority and the leaf
// certificates minted from it for TLS interception.
//
// The CA is ECDSA P-256 (signing a leaf costs ~0.3 ms, against ~100 ms with
// RSA-2048) and lives in the data directory, its key file mode 0600. A
// corporate CA (ECDSA or RSA) can be loaded instead. Leaves are kept in a
// bounded LRU cache, minted once per host even under concurrent first use
// (singleflight), renewed before they expire and flushed when the CA changes.
package certs
