package proxy

import (
	"encoding/binary"
	"errors"
	"net"
	"net/netip"
	"syscall"

	"golang.org/x/sys/unix"
)

// originalDst is where a connection redirected by iptables/nftables REDIRECT
// or DNAT was headed (SO_ORIGINAL_DST, IPv4 and IPv6).
func originalDst(c net.Conn) (netip.AddrPort, error) {
	tc, ok := c.(*net.TCPConn)
	if !ok {
		return netip.AddrPort{}, errors.New("proxy: original destination: not a TCP connection")
	}
	raw, err := tc.SyscallConn()
	if err != nil {
		return netip.AddrPort{}, err
	}
	var ap netip.AddrPort
	var serr error
	err = raw.Control(func(fd uintptr) {
		const soOriginalDst = 80 // linux/netfilter_ipv4.h; IP6T_SO_ORIGINAL_DST has the same value
		if m, err := syscall.GetsockoptIPv6Mreq(int(fd), syscall.IPPROTO_IP, soOriginalDst); err == nil {
			// struct sockaddr_in: family(2) port(2, big endian) addr(4)
			ip := netip.AddrFrom4([4]byte(m.Multiaddr[4:8]))
			ap = netip.AddrPortFrom(ip, binary.BigEndian.Uint16(m.Multiaddr[2:4]))
			return
		}
		// struct sockaddr_in6 fits in IPv6MTUInfo's leading bytes.
		info, err := unix.GetsockoptIPv6MTUInfo(int(fd), unix.IPPROTO_IPV6, soOriginalDst)
		if err != nil {
			serr = err
			return
		}
		ip := netip.AddrFrom16(info.Addr.Addr)
		port := info.Addr.Port // network byte order in memory
		ap = netip.AddrPortFrom(ip, port>>8|port<<8)
	})
	if err == nil {
		err = serr
	}
	if err != nil {
		return netip.AddrPort{}, err
	}
	return ap, nil
}
