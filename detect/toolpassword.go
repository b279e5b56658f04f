package detect

import "strings"

// toolOption is a command-line tool whose documented option takes a
// password as its next argument: its name (or its family's prefix:
// ldapsearch, ldapmodify …; mongosh, mongodump …) and the options, as the
// tool reads them (case-sensitive). user, if set, is the option whose
// value is "user%password" (Samba's -U).
type toolOption struct {
	name string
	opts []string
	user string
}

// toolOptions are the tools staff and their scripts pass passwords to on
// the command line; mysql, sshpass, docker login and curl have their own
// readers (commandPassword, loginPassword, curlUser).
var toolOptions = []toolOption{
	{name: "redis-cli", opts: []string{"-a"}},
	{name: "keytool", opts: []string{"-storepass", "-keypass", "-srcstorepass", "-deststorepass", "-srckeypass", "-destkeypass"}},
	{name: "altool", opts: []string{"-p", "--password"}},
	{name: "ldap", opts: []string{"-w"}},
	{name: "psexec", opts: []string{"-p"}},
	{name: "paexec", opts: []string{"-p"}},
	{name: "sqlcmd", opts: []string{"-P"}},
	{name: "osql", opts: []string{"-P"}},
	{name: "bcp", opts: []string{"-P"}},
	{name: "rdesktop", opts: []string{"-p"}},
	{name: "mongo", opts: []string{"-p"}},
	{name: "smbclient", user: "-U"},
	{name: "rpcclient", user: "-U"},
	{name: "smbmap", opts: []string{"-p"}},
	{name: "crackmapexec", opts: []string{"-p"}},
	{name: "netexec", opts: []string{"-p"}},
	{name: "nxc", opts: []string{"-p"}},
	{name: "evil-winrm", opts: []string{"-p"}},
	// macOS's security(1): unlock-keychain and create-keychain take -p
	// (its other commands' -p is a path; toolKeywords gates these two).
	{name: "security", opts: []string{"-p"}},
}

// toolKeywords gate the readers where no user option ("-u ", which
// loginPassword's keyword finds) comes with the password: redis-cli's -a,
// the OpenLDAP clients' -w and Windows' "net use". (Not the options
// themselves: "-p " and its like, space and common letters, would make
// the byte pass's candidates common in all text; nor "ldap", nor
// "freerdp", whose FreeRDP clients' /p: goes unread.)
var toolKeywords = []string{"redis-cli", "ldapsearch", "ldapmodify", "ldapadd", "ldapdelete", "ldapwhoami", "net use ",
	"unlock-keychain", "create-keychain"}

// toolOf returns the tool of toolOptions whose command line holds h: the
// first argument that starts on the line at h or before (after the last
// '|', ';' or '&'), whose base name starts with a tool's name — past a
// prompt, sudo, variables and a path ("C:\Tools\PsExec64.exe",
// /usr/bin/ldapsearch); -1 if none.
func toolOf(text string, h int) int {
	ls, _ := lineStart(text, h, 512)
	if k := strings.LastIndexAny(text[ls:h], "|;&"); k >= 0 {
		ls += k + 1
	}
	for i := ls; ; {
		tok, e, ok := nextArg(text, i, min(len(text), h+64))
		if !ok || tok > h {
			return -1
		}
		i = e
		b := tok
		if k := strings.LastIndexAny(text[tok:e], `/\`); k >= 0 {
			b = tok + k + 1
		}
		for k := range toolOptions {
			if hasPrefixFold(text, b, toolOptions[k].name) && b+len(toolOptions[k].name) <= e {
				return k
			}
		}
	}
}

// toolPassword reads the password a tool of toolOptions is given on its
// command line, from h (a keyword on it: the tool's name, or its user
// option) to the line's end, a pipe or ';': the argument after its
// password option, or after "%" in its user option's value.
func toolPassword(text string, h int) (int, int, bool) {
	k := toolOf(text, h)
	if k < 0 {
		return 0, 0, false
	}
	t := &toolOptions[k]
	end := min(len(text), h+512)
	for i := h; ; {
		tok, e, ok := nextArg(text, i, end)
		if !ok {
			return 0, 0, false
		}
		i = e
		arg := text[tok:e]
		if t.user != "" && arg == t.user {
			// -U user%password
			v, e, ok := nextArg(text, e, end)
			if !ok {
				return 0, 0, false
			}
			if p := strings.IndexByte(text[v:e], '%'); p >= 0 {
				return quotedOrBare(text, v+p+1, false)
			}
			i = e
			continue
		}
		for _, o := range t.opts {
			if arg == o {
				// -p SECRET, unless another option follows.
				v := skipSpaces(text, e)
				if v >= end || text[v] == '-' || text[v] == '\n' || text[v] == '\r' {
					return 0, 0, false
				}
				return quotedOrBare(text, v, false)
			}
		}
	}
}

// netUsePassword reads the password of Windows' "net use" at h: the
// positional argument after the share (\\host\share), before or after the
// /user: option ("*" prompts for it).
func netUsePassword(text string, h int) (int, int, bool) {
	if !commandStart(text, h) {
		return 0, 0, false
	}
	end := min(len(text), h+256)
	share := false
	for i := h + len("net use "); ; {
		tok, e, ok := nextArg(text, i, end)
		if !ok {
			return 0, 0, false
		}
		i = e
		switch arg := text[tok:e]; {
		case strings.HasPrefix(arg, `\\`):
			share = true
		case arg[0] == '/' || arg == "*" || !share:
			// An option (/user:…, /persistent:no), a prompt, or what comes
			// before the share (a drive letter).
		default:
			return quotedOrBare(text, tok, false)
		}
	}
}

// toolKeywordAt reports whether a tool's name of toolKeywords (but "net
// use ") stands at h.
func toolKeywordAt(text string, h int) bool {
	c := lower(text[h])
	return c == 'r' && hasPrefixFold(text, h, "redis-cli") || c == 'l' && hasPrefixFold(text, h, "ldap") ||
		c == 'u' && hasPrefixFold(text, h, "unlock-keychain") || c == 'c' && hasPrefixFold(text, h, "create-keychain")
}
