package detect

import "strings"

// The context of a decoded blob. A base64 blob is often the value of a key
// written outside it: a Kubernetes Secret's data (AWS_SECRET_ACCESS_KEY:
// <base64>), a JSON field, an HTTP header. Detectors that need a context
// word (an AWS secret key, a password) would miss the decoded value if the
// view held the decoded bytes alone, so a blob's view is its line with the
// blob replaced by the decoded text: the detectors read the key as they
// would had the value been written plainly. Only findings that reach into
// the decoded bytes are the view's (the line's own were found on the text),
// reported on the encoded span as before. The decoded bytes must still be
// text (decodeBase64Text), and a value must still pass its detector's tests
// (a password after "password:" must look generated; a username after
// "username:" is nothing): the context adds a key, never a value.

// blobContextReach bounds the context on each side of a blob: a key and its
// punctuation are short, and a view of a long line stays small.
const blobContextReach = 128

// blobContext returns the part of text around the blob text[s:e] that a
// view of it keeps: from the start of its line to the end, at most
// blobContextReach bytes each way, cut at a space rather than inside a
// token (half a word could read as another).
func blobContext(text string, s, e int) (lo, hi int) {
	lo = max(0, s-blobContextReach)
	if i := strings.LastIndexByte(text[lo:s], '\n'); i >= 0 {
		lo += i + 1
	} else if lo > 0 {
		if i := strings.IndexByte(text[lo:s], ' '); i >= 0 {
			lo += i + 1
		} else {
			lo = s
		}
	}
	hi = min(len(text), e+blobContextReach)
	if i := strings.IndexByte(text[e:hi], '\n'); i >= 0 {
		hi = e + i
	} else if hi < len(text) {
		if i := strings.LastIndexByte(text[e:hi], ' '); i >= 0 {
			hi = e + i
		} else {
			hi = e
		}
	}
	return lo, hi
}

// blobView builds the view of the base64 blob text[s:e] (its padding
// included) that decoded to dec: text[lo:s] + dec + text[e:hi] (blobContext),
// where an HTTP Basic credential is written as curl's -u option (see
// basicCredential). Each byte of dec took per decoded bytes (2: UTF-16LE).
// at, if not nil, is where each of the blob's base64 characters is in the
// text (a blob wrapped over lines: unwrapBlob); else they are text[s:e].
func blobView(text string, s, e int, dec string, per int, at []int32) view {
	lo, hi := blobContext(text, s, e)
	pre, post := text[lo:s], text[e:hi]
	ins, q := basicCredential(pre, dec)
	vt := pre + ins + q + dec + q + post
	d0 := len(pre) + len(ins) + len(q) // the decoded bytes: vt[d0:d1]
	d1 := d0 + len(dec)
	p2 := d1 + len(q) // post starts
	// start and end are the text's offsets of the start of the k-th
	// base64 character and of the end of the k characters from the first.
	start, end := func(k int) int { return s + k }, func(k int) int { return min(e, s+k) }
	if at != nil {
		start = func(k int) int { return int(at[min(k, len(at)-1)]) }
		end = func(k int) int {
			if k >= len(at) {
				return e
			}
			return int(at[max(k, 1)-1]) + 1
		}
	}
	return view{nt: normalise(vt), lo: d0, hi: d1, back: func(a, b int) (int, int) {
		// The context maps byte for byte; every 3 decoded bytes come
		// from 4 encoded characters; what the view inserted maps to the
		// blob's edge.
		var x, y int
		switch {
		case a < len(pre):
			x = lo + a
		case a < d0:
			x = s
		case a < d1:
			x = start((a - d0) * per / 3 * 4)
		case a < p2:
			x = e
		default:
			x = e + a - p2
		}
		switch {
		case b <= len(pre):
			y = lo + b
		case b <= d0:
			y = s
		case b <= d1:
			y = end(((b-d0)*per + 2) / 3 * 4)
		case b <= p2:
			y = e
		default:
			y = e + b - p2
		}
		return x, y
	}}
}

// basicScheme reports whether pre, the line before a blob, ends with the
// scheme "Basic" of an Authorization (or Proxy-Authorization) header.
func basicScheme(pre string) bool {
	p := strings.TrimRight(pre, " \t")
	return len(p) < len(pre) && len(p) >= 5 && hasPrefixFold(p, len(p)-5, "basic") && !isWord(byteAt(p, len(p)-6)) &&
		indexFold(p, "authorization") >= 0
}

// registryAuthKey reports whether pre, the line before a blob, ends with
// the key of a registry's credential that is, as Basic's, base64 of
// user:password: Docker's config.json "auth" (a Kubernetes
// .dockerconfigjson is one), npm's _auth in .npmrc.
func registryAuthKey(pre string) bool {
	p, quoted := strings.CutSuffix(strings.TrimRight(pre, " \t"), `"`)
	p = strings.TrimRight(p, " \t")
	if quoted {
		p, ok := strings.CutSuffix(p, ":")
		return ok && strings.HasSuffix(strings.TrimRight(p, " \t"), `"auth"`)
	}
	p, ok := strings.CutSuffix(p, "=")
	return ok && strings.HasSuffix(strings.TrimRight(p, " \t"), "_auth") && !isWord(byteAt(p, len(p)-6))
}

// basicCredential returns what a view inserts before a blob that decoded
// to dec, after pre (the line before the blob), if the blob is an HTTP
// Basic credential or one of its kin (basicScheme, registryAuthKey), and
// dec, by RFC 7617 base64 of user-id ":" password, one line with a user (maybe empty)
// without white space and a password that does not start with it (as
// prose after a colon would). Such a credential is written as curl's -u
// user:password (curl sends exactly that header for it), which the
// password detector reads, with its tests (a placeholder, a template, the
// user again are no password); quoted, as the password may hold spaces,
// with a quote dec does not hold. Otherwise it returns "", "".
func basicCredential(pre, dec string) (ins, q string) {
	if !basicScheme(pre) && !registryAuthKey(pre) {
		return "", ""
	}
	c := strings.IndexByte(dec, ':')
	if c < 0 || strings.ContainsAny(dec[:c], " \t") || strings.ContainsAny(dec, "\r\n") || isSpace(byteAt(dec, c+1)) {
		return "", ""
	}
	switch {
	case strings.IndexByte(dec, '\'') < 0:
		q = "'"
	case strings.IndexByte(dec, '"') < 0:
		q = `"`
	}
	if c := byteAt(pre, len(pre)-1); c != ' ' && c != '\t' {
		return " -u ", q // "auth":" + blob, _auth=blob
	}
	return "-u ", q
}
