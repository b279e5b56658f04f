package detect

import "strings"

// spacedKeyValue reads a configuration line that gives the password key
// (the identifier holding the password word at h, ending at i) and its
// value apart by spaces, the line's only content: Groovy's signing config
// (storePassword 'x'), Mosquitto's and Tasmota's (remote_password x,
// MqttPassword x), a C macro (#define WIFI_PASSWORD "x"), OpenWrt's UCI
// (option password 'x'). The key starts the line (indented, or after
// "#define" or "option"), or a command of a Tasmota
// Backlog line (Backlog SSID1 x; MqttPassword y; Topic z); the value ends
// it. A quoted value was typed as a string; a bare one must look
// generated, and beyond doubt where the key is the bare word ("Password Manager" is a line of
// prose; so is a quoted phrase after it, Password "Enter it here").
func spacedKeyValue(text string, h, i int) (int, int, bool) {
	j := skipSpaces(text, i)
	if j == i || j >= len(text) || text[j] == '\n' || text[j] == '\r' {
		return 0, 0, false
	}
	b := spanClassBack(text, h, h-64, cWordDash)
	if text[b] == '-' || strings.Contains(text[b:i], "--") {
		return 0, 0, false // an option (--password x, read as one), or inside a word
	}
	bareKey := b == h && i-h <= len("password") // the word alone, no identifier around it
	ls, _ := lineStart(text, b, 128)
	if lead := strings.TrimRight(strings.TrimLeft(text[ls:b], " \t"), " \t"); lead != "" && lead != "#define" && lead != "option" &&
		(bareKey || !backlogCommand(lead+" ")) {
		return 0, 0, false
	}
	s, e, ok := quotedOrBare(text, j, false)
	if !ok {
		return 0, 0, false
	}
	q := e
	if s > j {
		q++ // the closing quote
		if bareKey && (strings.ContainsAny(text[s:e], " \t") || !looksRandom(text[s:e])) {
			return 0, 0, false // Password "Enter your password": a label's text
		}
	} else if !looksRandom(text[s:e]) || bareKey && !generatedSecret(text[s:e]) {
		return 0, 0, false
	}
	if r := skipSpaces(text, q); r < len(text) && text[r] != '\n' && text[r] != '\r' && text[r] != ';' {
		return 0, 0, false
	}
	return s, e, true
}

// backlogCommand reports whether lead, a line's text before a key, is a
// Tasmota Backlog line's commands so far: "Backlog", then commands each
// ended by ';' ("Backlog SSID1 x; MqttUser u; "), the key a command of
// its own. (An identifier's key only: the bare word after a ';' may be
// prose's.)
func backlogCommand(lead string) bool {
	return hasPrefixFold(lead, 0, "backlog ") && strings.HasSuffix(strings.TrimRight(lead, " \t"), ";")
}

// wifiKeyWordAt returns the length of the word at h that names a Wi-Fi
// network's pre-shared key in the files that configure one, or 0:
// OpenWrt's UCI (option key 'x' in a wifi-iface) and Debian's interfaces
// (wpa-psk x), starting their line; wpa_supplicant's and hostapd's psk=
// and wpa_psk=, a key of its own or after '_'; RouterOS's
// wpa2-pre-shared-key=x. (Asked at every password word's hit: its first
// two bytes tell most apart.)
func wifiKeyWordAt(text string, h int) int {
	var w string
	switch lower(text[h]) {
	case 'o':
		w = "option key "
	case 'w':
		w = "wpa-psk "
	case 'p':
		switch lower(byteAt(text, h+1)) {
		case 's':
			w = "psk="
		case 'r':
			w = "pre-shared-key="
		}
	}
	if w == "" || !hasPrefixFold(text, h, w) {
		return 0
	}
	switch w[0] {
	case 'o', 'w':
		if ls, _ := lineStart(text, h, 128); strings.TrimLeft(text[ls:h], " \t") != "" {
			return 0
		}
	case 'p':
		if p := byteAt(text, h-1); w == "psk=" && h > 0 && !isSpace(p) && p != '_' && p != '"' {
			return 0
		}
	}
	return len(w)
}

// wifiKey reads the pre-shared key after the key word at h (n bytes): a
// WPA passphrase, 8 to 63 characters (quoted, it may hold spaces), or the
// raw key, 64 hex digits. Not a path (option key '/etc/uhttpd.key' is
// a TLS key's file), nor a WEP key's index (option key '1').
func wifiKey(text string, h, n int) (int, int, bool) {
	s, e, ok := quotedOrBare(text, skipSpaces(text, h+n), false)
	if !ok {
		return 0, 0, false
	}
	v := text[s:e]
	if len(v) < 8 || len(v) > 64 || len(v) == 64 && !hexDigest(v) || strings.IndexByte(v, '/') >= 0 || standIn(v) {
		return 0, 0, false
	}
	if q := byteAt(text, s-1); q != '"' && q != '\'' && !looksRandom(v) {
		return 0, 0, false
	}
	return s, e, true
}

// wifiChiave reads the value after the Italian "chiave" (key) at h where
// it is a Wi-Fi network's ("rete Ospiti, chiave X", "wifi interno chiave
// X", "chiave wifi: X"): a word naming the network (wifiWordAt) on the
// line before the value, and a value someone typed (typedSecret: "chiave"
// is any key, "la chiave di volta", "chiave API").
func wifiChiave(text string, h int) (int, int, bool) {
	if letterBefore(text, h) {
		return 0, 0, false
	}
	ls, _ := lineStart(text, h, 96)
	v := skipSpaces(text, h+len("chiave "))
	named := wifiWordAt(text, v)
	if named {
		v = spanClass(text, v, 8, cAlnum|cDash) // chiave wifi: X, chiave WPA2 X
	}
	for w := ls; w < h && !named; w++ {
		named = isAlpha(text[w]) && !letterBefore(text, w) && wifiWordAt(text, w)
	}
	if !named {
		return 0, 0, false
	}
	v = skipSpaces(text, v)
	if c := byteAt(text, v); c == ':' || c == '=' {
		v++
	} else if e := tokenEnd(text, v); copula(text[v:e]) {
		v = e // chiave … è X
	}
	s, e, ok := quotedOrBare(text, skipSpaces(text, v), false)
	if !ok || !typedSecret(text[s:e]) {
		return 0, 0, false
	}
	return s, e, true
}

// wifiWordAt reports a word naming a Wi-Fi network at w: wifi, wi-fi,
// wlan, ssid, rete (Italian's network) or wpa (wpa2).
func wifiWordAt(text string, w int) bool {
	for _, k := range [...]string{"wifi", "wi-fi", "wlan", "ssid", "rete", "wpa"} {
		if hasPrefixFold(text, w, k) {
			n := byteAt(text, w+len(k))
			return !isAlpha(n) || k == "wpa" && isDigit(n)
		}
	}
	return false
}
