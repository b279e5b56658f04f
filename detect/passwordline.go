package detect

import "strings"

// spacedKeyValue reads a configuration line that gives the password key
// (the identifier holding the password word at h, ending at i) and its
// value apart by spaces, the line's only content: Groovy's signing config
// (storePassword 'x'), Mosquitto's and Tasmota's (remote_password x,
// MqttPassword x), a C macro (#define WIFI_PASSWORD "x"). The key starts
// the line (indented, or after "#define"), or a command of a Tasmota
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
	if lead := strings.TrimLeft(text[ls:b], " \t"); lead != "" && strings.TrimRight(lead, " \t") != "#define" &&
		(bareKey || !backlogCommand(lead)) {
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
