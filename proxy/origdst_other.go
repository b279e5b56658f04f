//go:build !linux

package proxy

import (
	"errors"
	"net"
	"net/netip"
)

func originalDst(net.Conn) (netip.AddrPort, error) {
	return netip.AddrPort{}, errors.New("proxy: the original destination of a redirected connection is known on Linux only")
}
