#!/usr/bin/env python3
"""audit15 held-out corpus: "what arrives at the proxy: encoded, nested, evasive".

  gen.py SEED N OUT.jsonl

Writes N cases (dev.jsonl format: id, lang, text, findings[type,start,end,value], tags) and a
sidecar OUT.meta.jsonl with per-finding details (container, encoding/evasion steps, JSON depth).
Deterministic per seed; Python 3 standard library only. Every value is fabricated here, with its
checksum computed where the format has one. Spans are byte offsets into the UTF-8 text and cover
the ORIGINAL (encoded / escaped / evaded) bytes. Every span is self-checked: the encodings are
undone on the span text and the result must equal (or, for base64/hex quanta, contain) the
canonical value, whose checksum is then verified.

Tags: "negative" (no finding), "distractor" (look-alikes beside real values), "judgement" (the
format or DESIGN.md does not settle it), "evasion:<name>" (the value's bytes differ from the plain
value), "ctx:<container>".
"""
import base64
import html as htmlmod
import json
import quopri
import random
import re
import string
import sys
import unicodedata
import urllib.parse
import zlib

TYPES = ["EMAIL", "PHONE", "CREDIT_CARD", "IBAN", "IT_FISCAL_CODE", "IT_VAT", "US_SSN", "IP_ADDRESS",
         "AWS_ACCESS_KEY", "AWS_SECRET_KEY", "GITHUB_TOKEN", "GITLAB_TOKEN", "SLACK_TOKEN", "SLACK_WEBHOOK",
         "STRIPE_KEY", "OPENAI_KEY", "ANTHROPIC_KEY", "GOOGLE_API_KEY", "PRIVATE_KEY", "JWT", "CREDENTIAL_URL",
         "PASSWORD", "CONFIDENTIAL_MARKER"]

ALNUM = string.ascii_letters + string.digits
B64 = string.ascii_letters + string.digits + "+/"
URLSAFE = string.ascii_letters + string.digits + "-_"
B62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"


# --------------------------------------------------------------------------------------------
# Doc: text + labelled spans (char offsets) that survive encodings
# --------------------------------------------------------------------------------------------
class Span:
    def __init__(self, typ, s, e, canon, tags=None, steps=None, judg=False):
        self.type, self.s, self.e, self.canon = typ, s, e, canon
        self.tags = list(tags or [])
        self.steps = list(steps or [])
        self.judg = judg

    def moved(self, s, e):
        return Span(self.type, s, e, self.canon, self.tags, self.steps, self.judg)


class Doc:
    def __init__(self, text="", spans=()):
        self.text = text
        self.spans = list(spans)


def D(*parts):
    text, spans, n = [], [], 0
    for p in parts:
        if p is None:
            continue
        if isinstance(p, str):
            text.append(p)
            n += len(p)
        else:
            for sp in p.spans:
                spans.append(sp.moved(sp.s + n, sp.e + n))
            text.append(p.text)
            n += len(p.text)
    return Doc("".join(text), spans)


def J(sep, docs):
    out = []
    for i, d in enumerate(docs):
        if i:
            out.append(sep)
        out.append(d)
    return D(*out)


def asdoc(x):
    return x if isinstance(x, Doc) else Doc(x)


def assemble(doc, toks, step, tag):
    """toks[i] = (prefix, token) for char i. Spans map to [start of token s, end of token e-1]."""
    out, pos = [], 0
    st, en = [0] * len(toks), [0] * len(toks)
    for i, (pre, tok) in enumerate(toks):
        out.append(pre)
        pos += len(pre)
        st[i] = pos
        out.append(tok)
        pos += len(tok)
        en[i] = pos
    text = "".join(out)
    spans = []
    for sp in doc.spans:
        ns = sp.moved(st[sp.s], en[sp.e - 1])
        ns.steps.append(step)
        if tag and text[ns.s:ns.e] != doc.text[sp.s:sp.e] and tag not in ns.tags:
            ns.tags.append(tag)
        spans.append(ns)
    return Doc(text, spans)


def mapdoc(doc, fn, step, tag):
    doc = asdoc(doc)
    return assemble(doc, [("", fn(ch)) for ch in doc.text], step, tag)


def b64doc(doc, wrap=None, urlsafe=False):
    doc = asdoc(doc)
    raw = doc.text.encode("utf-8")
    enc = (base64.urlsafe_b64encode if urlsafe else base64.b64encode)(raw).decode()
    spans = []
    for sp in doc.spans:
        bs, be = len(doc.text[:sp.s].encode()), len(doc.text[:sp.e].encode())
        qs, qe = bs // 3 * 4, min(len(enc), -(-be // 3) * 4)
        if wrap:
            s, e = qs + qs // wrap, (qe - 1) + (qe - 1) // wrap + 1
        else:
            s, e = qs, qe
        ns = sp.moved(s, e)
        ns.steps.append("b64u" if urlsafe else "b64")
        ns.tags.append("evasion:base64")
        spans.append(ns)
    if wrap:
        enc = "\n".join(enc[i:i + wrap] for i in range(0, len(enc), wrap))
    return Doc(enc, spans)


def hexdoc(doc, style):
    doc = asdoc(doc)
    raw = doc.text.encode("utf-8")
    w = 2 if style == "plain" else 4
    enc = "".join(("%02x" if style == "plain" else "\\x%02x") % b for b in raw)
    spans = []
    for sp in doc.spans:
        bs, be = len(doc.text[:sp.s].encode()), len(doc.text[:sp.e].encode())
        ns = sp.moved(bs * w, be * w)
        ns.steps.append("hex")
        ns.tags.append("evasion:hex")
        spans.append(ns)
    return Doc(enc, spans)


# --------------------------------------------------------------------------------------------
# JSON serialisation of Docs
# --------------------------------------------------------------------------------------------
class JOpt:
    def __init__(self, rng, pretty=None):
        self.ensure_ascii = rng.random() < 0.45
        self.slash = rng.random() < 0.12
        self.gohtml = (not self.slash) and rng.random() < 0.25
        self.indent = (2 if rng.random() < 0.4 else None) if pretty is None else (2 if pretty else None)
        self.sep = (",", ":") if rng.random() < 0.6 else (", ", ": ")

    def inner(self, rng):
        o = JOpt(rng, pretty=False)
        return o


def json_tok(ch, o):
    c = ord(ch)
    if ch == '"':
        return '\\"'
    if ch == "\\":
        return "\\\\"
    if ch == "\n":
        return "\\n"
    if ch == "\r":
        return "\\r"
    if ch == "\t":
        return "\\t"
    if c < 0x20:
        return "\\u%04x" % c
    if ch == "/" and o.slash:
        return "\\/"
    if o.gohtml and (ch in "<>&" or c in (0x2028, 0x2029)):
        return "\\u%04x" % c
    if c > 0x7E and o.ensure_ascii:
        if c > 0xFFFF:
            c -= 0x10000
            return "\\u%04x\\u%04x" % (0xD800 + (c >> 10), 0xDC00 + (c & 0x3FF))
        return "\\u%04x" % c
    return ch


def jstr(x, o):
    return D('"', mapdoc(asdoc(x), lambda ch: json_tok(ch, o), "json", "evasion:json-escape"), '"')


def jdump(obj, o, ind=0):
    if isinstance(obj, (str, Doc)):
        return jstr(obj, o)
    if obj is None:
        return Doc("null")
    if isinstance(obj, bool):
        return Doc("true" if obj else "false")
    if isinstance(obj, (int, float)):
        return Doc(json.dumps(obj))
    if isinstance(obj, dict):
        items = [D(jstr(k, o), o.sep[1] if not o.indent else ": ", jdump(v, o, ind + 1)) for k, v in obj.items()]
        if not items:
            return Doc("{}")
        if o.indent:
            pad, pad0 = " " * (o.indent * (ind + 1)), " " * (o.indent * ind)
            return D("{\n", J(",\n", [D(pad, it) for it in items]), "\n", pad0, "}")
        return D("{", J(o.sep[0], items), "}")
    if isinstance(obj, list):
        items = [jdump(v, o, ind + 1) for v in obj]
        if not items:
            return Doc("[]")
        if o.indent:
            pad, pad0 = " " * (o.indent * (ind + 1)), " " * (o.indent * ind)
            return D("[\n", J(",\n", [D(pad, it) for it in items]), "\n", pad0, "]")
        return D("[", J(o.sep[0], items), "]")
    raise TypeError(obj)


# --------------------------------------------------------------------------------------------
# value generators (fabricated; checksums computed)
# --------------------------------------------------------------------------------------------
FIRST = ["mario", "giulia", "luca", "francesca", "marco", "chiara", "alessandro", "sara", "paolo", "elena",
         "giorgio", "sofia", "john", "emily", "david", "laura", "michael", "anna", "filippo", "federica"]
LAST = ["rossi", "bianchi", "esposito", "ferrari", "romano", "colombo", "ricci", "marino", "greco", "bruno",
        "gallo", "conti", "smith", "johnson", "brown", "miller", "garcia", "dubois", "mueller", "fiore"]
DOMAINS = ["acme.it", "banca-nord.it", "studiolegale-verdi.it", "example-corp.com", "northwind.co.uk",
           "pec.ordine-avvocati-to.it", "libero.it", "outlook.com", "fastweb.it", "contoso-eu.com", "gmail.com",
           "fornitori.acme-group.eu"]


def rs(rng, alphabet, n):
    return "".join(rng.choice(alphabet) for _ in range(n))


def gen_email(rng):
    f, l = rng.choice(FIRST), rng.choice(LAST)
    local = rng.choice([f + "." + l, f + "_" + l + str(rng.randint(1, 99)), f[0] + l, f + "+fatture",
                        l + "." + f, f + "." + l + str(rng.randint(70, 99)), "uff.amministrazione", f + "-" + l])
    return local + "@" + rng.choice(DOMAINS)


def gen_phone(rng):
    k = rng.randrange(7)
    d = lambda n: rs(rng, string.digits, n)
    if k == 0:
        return "+39 3%d%d %s %s" % (rng.randint(2, 4), rng.randint(0, 9), d(3), d(4))
    if k == 1:
        return "+393%d%d%s" % (rng.randint(2, 4), rng.randint(0, 9), d(7))
    if k == 2:
        return "3%d%d %s" % (rng.randint(2, 4), rng.randint(0, 9), d(7))
    if k == 3:
        return rng.choice(["02", "06"]) + " " + str(rng.randint(2, 9)) + d(7)
    if k == 4:
        area = rng.choice(["212", "415", "617", "312", "206", "512", "303"])
        ex = str(rng.randint(2, 9)) + d(2)
        if ex == "555":
            ex = "556"
        return rng.choice(["+1 %s %s %s", "(%s) %s-%s", "%s-%s-%s"]) % (area, ex, d(4))
    if k == 5:
        return "+44 20 7%s %s" % (d(3), d(4))
    return "+49 30 %s %s" % (d(4), d(4))


def luhn_check_digit(body):
    s = 0
    for i, ch in enumerate(reversed(body)):
        v = int(ch)
        if i % 2 == 0:
            v *= 2
            if v > 9:
                v -= 9
        s += v
    return str((10 - s % 10) % 10)


def luhn_ok(num):
    s = 0
    for i, ch in enumerate(reversed(num)):
        v = int(ch)
        if i % 2 == 1:
            v *= 2
            if v > 9:
                v -= 9
        s += v
    return s % 10 == 0


def gen_card(rng):
    k = rng.randrange(5)
    if k == 0:
        pre, n = "4" + rs(rng, string.digits, 5), 16
    elif k == 1:
        pre, n = str(rng.randint(51, 55)) + rs(rng, string.digits, 4), 16
    elif k == 2:
        pre, n = str(rng.randint(2221, 2720)) + rs(rng, string.digits, 2), 16
    elif k == 3:
        pre, n = rng.choice(["34", "37"]) + rs(rng, string.digits, 4), 15
    else:
        pre, n = "6011" + rs(rng, string.digits, 2), 16
    body = pre + rs(rng, string.digits, n - 1 - len(pre))
    num = body + luhn_check_digit(body)
    if len(set(num[1:])) < 4:  # avoid 4111... style test numbers
        return gen_card(rng)
    return num


def fmt_card(num, sep):
    if len(num) == 15:
        g = [num[:4], num[4:10], num[10:]]
    else:
        g = [num[i:i + 4] for i in range(0, 16, 4)]
    return sep.join(g)


def iban_num(s):
    return "".join(str(int(c, 36)) for c in s)


def iban_check(cc, bban):
    return "%02d" % (98 - int(iban_num(bban + cc + "00")) % 97)


def iban_ok(iban):
    iban = iban.replace(" ", "")
    return int(iban_num(iban[4:] + iban[:4])) % 97 == 1


ODD = [1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23]


def cval(c):
    return int(c) if c.isdigit() else ord(c) - 65


def it_cin(s):
    tot = 0
    for i, c in enumerate(s):
        tot += ODD[cval(c)] if i % 2 == 0 else cval(c)
    return chr(65 + tot % 26)


def es_dc(digits):
    w = [1, 2, 4, 8, 5, 10, 9, 7, 3, 6]
    d = 11 - sum(int(a) * b for a, b in zip(digits, w)) % 11
    return "0" if d == 11 else "1" if d == 10 else str(d)


def gen_iban(rng):
    d = lambda n: rs(rng, string.digits, n)
    cc = rng.choice(["IT", "IT", "IT", "DE", "FR", "ES", "NL", "GB", "CH", "BE"])
    if cc == "IT":
        rest = "0" + d(4) + d(5) + "0" * rng.randint(0, 4)
        rest += d(22 - len(rest))
        bban = it_cin(rest) + rest
    elif cc == "DE":
        bban = d(8) + d(10)
    elif cc == "FR":
        bank, branch, acct = d(5), d(5), d(11)
        key = 97 - (89 * int(bank) + 15 * int(branch) + 3 * int(acct)) % 97
        bban = bank + branch + acct + "%02d" % key
    elif cc == "ES":
        bank, branch, acct = d(4), d(4), d(10)
        bban = bank + branch + es_dc("00" + bank + branch) + es_dc(acct) + acct
    elif cc == "NL":
        bban = rs(rng, string.ascii_uppercase, 4) + d(10)
    elif cc == "GB":
        bban = rs(rng, string.ascii_uppercase, 4) + d(14)
    elif cc == "CH":
        bban = d(5) + d(12)
    else:
        f = d(10)
        c = int(f) % 97 or 97
        bban = f + "%02d" % c
    return cc + iban_check(cc, bban) + bban


def group4(s, sep=" "):
    return sep.join(s[i:i + 4] for i in range(0, len(s), 4))


MONTHS = "ABCDEHLMPRST"
BELFIORE = ["H501", "F205", "L219", "A944", "G273", "F839", "D612", "L736", "C351", "B354", "A662", "Z404"]


def cf_check(s15):
    tot = 0
    for i, c in enumerate(s15):
        tot += ODD[cval(c)] if i % 2 == 0 else cval(c)
    return chr(65 + tot % 26)


def gen_cf(rng):
    day = rng.randint(1, 28) + (40 if rng.random() < 0.5 else 0)
    s = (rs(rng, "BCDFGLMNPRSTVZ", 3) + rs(rng, "BCDFGLMNPRSTVZAEIOU", 3) + "%02d" % rng.randint(40, 99)
         + rng.choice(MONTHS) + "%02d" % day + rng.choice(BELFIORE))
    return s + cf_check(s)


def piva_check(d10):
    tot = 0
    for i, c in enumerate(d10):
        v = int(c)
        if i % 2 == 1:
            v *= 2
            if v > 9:
                v -= 9
        tot += v
    return str((10 - tot % 10) % 10)


def gen_piva(rng):
    mat = "%07d" % rng.randint(1, 9999999)
    off = "%03d" % rng.choice(list(range(1, 101)) + [120, 121])
    return mat + off + piva_check(mat + off)


def piva_ok(p):
    return len(p) == 11 and p.isdigit() and piva_check(p[:10]) == p[10] and (1 <= int(p[7:10]) <= 100 or p[7:10] in ("120", "121", "888", "999"))


def gen_ssn(rng):
    while True:
        a = rng.randint(1, 899)
        if a != 666:
            break
    return "%03d-%02d-%04d" % (a, rng.randint(1, 99), rng.randint(1, 9999))


def ssn_ok(s):
    a, g, n = s.split("-")
    return 1 <= int(a) <= 899 and int(a) != 666 and int(g) >= 1 and int(n) >= 1


def gen_ip(rng):
    k = rng.randrange(6)
    if k == 0:
        return "10.%d.%d.%d" % (rng.randint(0, 255), rng.randint(0, 255), rng.randint(1, 254))
    if k == 1:
        return "192.168.%d.%d" % (rng.randint(0, 255), rng.randint(1, 254))
    if k == 2:
        return "172.%d.%d.%d" % (rng.randint(16, 31), rng.randint(0, 255), rng.randint(1, 254))
    if k in (3, 4):
        return "%d.%d.%d.%d" % (rng.choice([2, 5, 37, 79, 82, 93, 95, 151, 176, 185, 212, 213]), rng.randint(0, 255),
                                rng.randint(0, 255), rng.randint(1, 254))
    hx = lambda: "%x" % rng.randint(1, 0xFFFF)
    if rng.random() < 0.5:
        return "2a01:%s:%s:%s::%s" % (hx(), hx(), hx(), hx())
    return "fd%02x:%s:%s::%s" % (rng.randint(0, 255), hx(), hx(), hx())


def gen_aws_ak(rng):
    return rng.choice(["AKIA", "AKIA", "ASIA"]) + rs(rng, string.ascii_uppercase + "234567", 16)


def gen_aws_sk(rng):
    return rs(rng, B64, 40)


def b62(n):
    s = ""
    while n:
        n, r = divmod(n, 62)
        s = B62[r] + s
    return s.rjust(6, "0")


def gen_gh(rng):
    if rng.random() < 0.15:
        return "github_pat_" + rs(rng, ALNUM, 22) + "_" + rs(rng, ALNUM, 59)
    body = rs(rng, ALNUM, 30)
    return rng.choice(["ghp_", "ghp_", "gho_", "ghu_", "ghs_", "ghr_"]) + body + b62(zlib.crc32(body.encode()))


def gh_ok(t):
    if t.startswith("github_pat_"):
        return True
    return b62(zlib.crc32(t[4:-6].encode())) == t[-6:]


def gen_gl(rng):
    return "glpat-" + rs(rng, ALNUM + "_-", 20)


def gen_slack_tok(rng):
    return rng.choice(["xoxb-", "xoxp-"]) + rs(rng, string.digits, 12) + "-" + rs(rng, string.digits, 12) + "-" + rs(rng, ALNUM, 24)


def gen_slack_wh(rng):
    return "https://hooks.slack.com/services/T%s/B%s/%s" % (rs(rng, string.ascii_uppercase + string.digits, 8),
                                                             rs(rng, string.ascii_uppercase + string.digits, rng.choice([8, 10])),
                                                             rs(rng, ALNUM, 24))


def gen_stripe(rng):
    return rng.choice(["sk_live_", "sk_live_", "rk_live_"]) + rs(rng, ALNUM, rng.choice([24, 34, 99]))


def gen_openai(rng):
    if rng.random() < 0.6:
        return "sk-proj-" + rs(rng, URLSAFE, 74) + "T3BlbkFJ" + rs(rng, URLSAFE, 74)
    return "sk-" + rs(rng, ALNUM, 20) + "T3BlbkFJ" + rs(rng, ALNUM, 20)


def gen_anthropic(rng):
    return "sk-ant-api03-" + rs(rng, URLSAFE, 93) + "AA"


def gen_google(rng):
    return "AIza" + rs(rng, URLSAFE, 35)


PEM_KINDS = [("RSA PRIVATE KEY", "MIIEpAIBAAKCAQEA"), ("PRIVATE KEY", "MIIEvQIBADANBgkqhkiG9w0BAQEFAASC"),
             ("EC PRIVATE KEY", "MHcCAQEEI"), ("OPENSSH PRIVATE KEY", "b3BlbnNzaC1rZXktdjEAAAAA")]


def gen_pem(rng):
    kind, pre = rng.choice(PEM_KINDS)
    body = pre + rs(rng, B64, 64 * rng.randint(4, 7) - len(pre) + rng.randint(8, 40))
    lines = [body[i:i + 64] for i in range(0, len(body), 64)]
    return "-----BEGIN %s-----\n%s\n-----END %s-----" % (kind, "\n".join(lines), kind)


def b64u(b):
    return base64.urlsafe_b64encode(b).decode().rstrip("=")


def gen_jwt(rng):
    alg = rng.choice(["HS256", "RS256", "ES256"])
    hdr = rng.choice(['{"alg":"%s","typ":"JWT"}', '{"typ":"JWT","alg":"%s"}', '{"alg": "%s", "typ": "JWT"}',
                      '{"alg":"%s","kid":"k%d"}' % ("%s", rng.randint(1, 9))]) % alg
    pl = {"sub": str(rng.randint(10 ** 7, 10 ** 8)), "name": rng.choice(FIRST).title(), "iat": rng.randint(1600000000, 1750000000)}
    if rng.random() < 0.5:
        pl["exp"] = pl["iat"] + 3600
    if rng.random() < 0.3:
        pl["email_verified"] = True
    sig = rs(rng, URLSAFE, 43 if alg == "HS256" else 86)
    return b64u(hdr.encode()) + "." + b64u(json.dumps(pl, separators=(",", ":")).encode()) + "." + sig


def jwt_ok(t):
    h = t.split(".")[0]
    h += "=" * (-len(h) % 4)
    return "alg" in json.loads(base64.urlsafe_b64decode(h))


def gen_password(rng):
    base = rng.choice(["Tr0ub4dor", "Milano", "Qwerty", "Estate2024", "Corr3ct", "Zanzara", "Pa55w0rd", "Gatto"])
    sym = rng.choice("!#$%&*@?=+-_")
    p = base + sym + rs(rng, ALNUM, rng.randint(4, 8))
    if rng.random() < 0.25:
        p += rng.choice(['"', "\\", "&", "<", "=", "/", "'"]) + rs(rng, ALNUM, 2)
    return p


def gen_cred_url(rng):
    scheme = rng.choice(["postgres", "postgresql", "mysql", "mongodb+srv", "redis", "amqp", "https", "ftp"])
    user = rng.choice(["svc_report", "admin", "app", "etl", "deploy", "root"])
    pw = rs(rng, ALNUM, rng.randint(10, 18))
    if rng.random() < 0.3:
        pw = pw[:5] + rng.choice(["!", "*", "~", "%21", "%40"]) + pw[5:]
    host = rng.choice(["db01.corp.local", "pg-prod.internal", "cluster0.ab12c.mongodb.net", "mq.acme.it",
                       "cache.acme-group.eu", "files.acme.it", "git.acme.it"])
    port = {"postgres": 5432, "postgresql": 5432, "mysql": 3306, "mongodb+srv": None, "redis": 6379, "amqp": 5672,
            "https": None, "ftp": 21}[scheme]
    path = rng.choice(["/billing", "/crm", "/app", "/vhost1", "/repo.git", "/0"])
    u = "%s://%s:%s@%s%s%s" % (scheme, user, pw, host, (":%d" % port) if port else "", path)
    if scheme in ("postgres", "postgresql", "mysql", "mongodb+srv") and rng.random() < 0.5:
        u += rng.choice(["?sslmode=require&connect_timeout=10", "?retryWrites=true&w=majority", "?charset=utf8mb4&parseTime=true"])
    return u


MARKERS = ["RISERVATO", "STRICTLY CONFIDENTIAL", "TLP:RED", "TLP:AMBER", "USO INTERNO", "STRETTAMENTE RISERVATO",
           "INTERNAL USE ONLY", "CONFIDENTIAL"]

GEN = {"EMAIL": gen_email, "PHONE": gen_phone, "CREDIT_CARD": gen_card, "IBAN": gen_iban, "IT_FISCAL_CODE": gen_cf,
       "IT_VAT": gen_piva, "US_SSN": gen_ssn, "IP_ADDRESS": gen_ip, "AWS_ACCESS_KEY": gen_aws_ak,
       "AWS_SECRET_KEY": gen_aws_sk, "GITHUB_TOKEN": gen_gh, "GITLAB_TOKEN": gen_gl, "SLACK_TOKEN": gen_slack_tok,
       "SLACK_WEBHOOK": gen_slack_wh, "STRIPE_KEY": gen_stripe, "OPENAI_KEY": gen_openai, "ANTHROPIC_KEY": gen_anthropic,
       "GOOGLE_API_KEY": gen_google, "PRIVATE_KEY": gen_pem, "JWT": gen_jwt, "CREDENTIAL_URL": gen_cred_url,
       "PASSWORD": gen_password, "CONFIDENTIAL_MARKER": lambda rng: rng.choice(MARKERS)}


def plain_surface(rng, typ, canon):
    """the ordinary written form of a canonical value"""
    if typ == "CREDIT_CARD":
        return fmt_card(canon, rng.choice([" ", " ", "-", ""]))
    if typ == "IBAN":
        return group4(canon) if rng.random() < 0.55 else canon
    return canon


# --------------------------------------------------------------------------------------------
# value-level evasions
# --------------------------------------------------------------------------------------------
ZW = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff"]
USPACES = ["\u00a0", "\u202f", "\u2007", "\u2009", "\u3000", "\u2002"]
HOMO = {"A": "\u0410", "B": "\u0412", "C": "\u0421", "E": "\u0415", "H": "\u041d", "K": "\u041a", "M": "\u041c",
        "O": "\u041e", "P": "\u0420", "T": "\u0422", "X": "\u0425", "a": "\u0430", "c": "\u0441", "e": "\u0435",
        "o": "\u043e", "p": "\u0440", "x": "\u0445", "y": "\u0443", "i": "\u0456", "s": "\u0455", "I": "\u0399",
        "N": "\u039d", "Z": "\u0396"}
UNHOMO = {v: k for k, v in HOMO.items()}
WORDS_EN = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
WORDS_IT = ["zero", "uno", "due", "tre", "quattro", "cinque", "sei", "sette", "otto", "nove"]


def fw(ch):
    return chr(ord(ch) + 0xFEE0) if "!" <= ch <= "~" else ("\u3000" if ch == " " else ch)


def math_digit(ch, rng):
    base = rng.choice([0x1D7CE, 0x1D7F6, 0x1D7EC, 0x1D7E2])  # bold, monospace, sans-serif bold, sans-serif
    return chr(base + int(ch))


def math_letter(ch, rng):
    base = rng.choice([0x1D400, 0x1D670])  # bold, monospace
    return chr(base + (ord(ch) - 65 if ch.isupper() else 26 + ord(ch) - 97))


def interior_positions(s, k, rng, avoid=" \n"):
    cand = [i for i in range(2, len(s) - 1) if s[i] not in avoid and s[i - 1] not in avoid]
    rng.shuffle(cand)
    return sorted(cand[:k])


def insert_at(s, poss, chars):
    out, last = [], 0
    for p, c in zip(poss, chars):
        out.append(s[last:p])
        out.append(c)
        last = p
    out.append(s[last:])
    return "".join(out)


def ev_fullwidth(rng, typ, s, lang):
    if typ == "EMAIL" and rng.random() < 0.5:
        return s.replace("@", "\uff20")
    if rng.random() < 0.3 and typ not in ("CONFIDENTIAL_MARKER",):
        # only the digits / only a part
        return "".join(fw(c) if c.isdigit() else c for c in s)
    return "".join(fw(c) for c in s)


def ev_zw(rng, typ, s, lang):
    poss = interior_positions(s, rng.choice([1, 1, 2, 3]), rng)
    return insert_at(s, poss, [rng.choice(ZW) for _ in poss])


def ev_shy(rng, typ, s, lang):
    poss = interior_positions(s, rng.choice([1, 2]), rng)
    return insert_at(s, poss, ["\u00ad"] * len(poss))


def ev_uspace(rng, typ, s, lang):
    sp = rng.choice(USPACES)
    return "".join((sp if rng.random() < 0.7 else rng.choice(USPACES)) if c == " " else c for c in s)


def ev_mixed(rng, typ, s, lang):
    out = []
    for c in s:
        r = rng.random()
        if c.isdigit():
            out.append(c if r < 0.3 else fw(c) if r < 0.6 else math_digit(c, rng))
        elif c.isascii() and c.isalpha():
            out.append(c if r < 0.5 else fw(c) if r < 0.75 else math_letter(c, rng))
        elif c == "@":
            out.append("\ufe6b" if r < 0.5 else "\uff20")  # small / fullwidth commercial at
        else:
            out.append(c)
    t = "".join(out)
    if typ == "EMAIL":
        t = t.replace("fi", "\ufb01").replace("fl", "\ufb02")
    return t if t != s else fw(s[0]) + s[1:]


def ev_split(rng, typ, s, lang):
    # a real line break inside the value; inside a JSON string it becomes the two bytes \n
    p = interior_positions(s, 1, rng)
    if typ in ("CREDIT_CARD", "IBAN", "PHONE") and " " in s and rng.random() < 0.6:
        idx = [i for i, c in enumerate(s) if c == " "]
        i = idx[len(idx) // 2]
        return s[:i] + "\n" + s[i + 1:]
    return insert_at(s, p, ["\n"])


def ev_sep(rng, typ, s, lang):
    if typ == "CREDIT_CARD":
        digits = re.sub(r"\D", "", s)
        return fmt_card(digits, rng.choice([".", "/", "_", " - ", ","]))
    if typ == "IBAN":
        c = s.replace(" ", "")
        return group4(c, rng.choice(["-", ".", "/", "  "]))
    if typ == "US_SSN":
        return s.replace("-", rng.choice([".", "/", " ", "_"]))
    if typ == "PHONE":
        t = re.sub(r"[ \-/()]+", ".", s).strip(".")
        if t == s:
            cc = 3 if s.startswith("+") else 0
            t = s[:cc] + ("." if cc else "") + s[cc:cc + 3] + "." + s[cc + 3:cc + 6] + "." + s[cc + 6:]
        return t
    if typ == "IT_VAT":
        return rng.choice([s[:3] + " " + s[3:6] + " " + s[6:9] + " " + s[9:], s[:7] + "-" + s[7:10] + "-" + s[10:],
                           ".".join(s[i:i + 3] for i in range(0, 11, 3))])
    if typ == "IT_FISCAL_CODE":
        return rng.choice([s[:3] + " " + s[3:6] + " " + s[6:11] + " " + s[11:], s[:6] + "-" + s[6:11] + "-" + s[11:]])
    raise ValueError(typ)


def ev_homoglyph(rng, typ, s, lang):
    cand = [i for i, c in enumerate(s) if c in HOMO and i > 0]
    if typ == "AWS_ACCESS_KEY" and rng.random() < 0.6:
        cand = [0]
    rng.shuffle(cand)
    poss = set(cand[:rng.choice([1, 2])])
    return "".join(HOMO[c] if i in poss else c for i, c in enumerate(s))


def ev_reverse(rng, typ, s, lang):
    return s[::-1]


def ev_spelled(rng, typ, s, lang):
    words = WORDS_IT if lang == "it" else WORDS_EN
    out = []
    for c in s:
        if c.isdigit():
            out.append(words[int(c)])
        elif c == "+":
            out.append("più" if lang == "it" else "plus")
        elif c in " -/()":
            if out and out[-1] != ",":
                out.append(",")
    txt = " ".join(out).replace(" ,", ",").strip(", ")
    return txt


EVASIONS = {  # name: (fn, judgement, eligible types)
    "fullwidth": (ev_fullwidth, False, [t for t in TYPES if t != "PRIVATE_KEY"]),
    "zero-width": (ev_zw, False, TYPES),
    "soft-hyphen": (ev_shy, False, [t for t in TYPES if t != "PRIVATE_KEY"]),
    "unicode-space": (ev_uspace, False, ["CREDIT_CARD", "IBAN", "PHONE", "CONFIDENTIAL_MARKER"]),
    "mixed-forms": (ev_mixed, False, ["CREDIT_CARD", "IBAN", "PHONE", "US_SSN", "IT_VAT", "IT_FISCAL_CODE",
                                      "IP_ADDRESS", "AWS_ACCESS_KEY", "EMAIL", "GITHUB_TOKEN", "STRIPE_KEY"]),
    "json-linebreak": (ev_split, False, ["CREDIT_CARD", "IBAN", "PHONE", "JWT", "OPENAI_KEY", "ANTHROPIC_KEY",
                                         "STRIPE_KEY", "GITHUB_TOKEN", "SLACK_WEBHOOK", "AWS_SECRET_KEY", "IT_FISCAL_CODE"]),
    "separator": (ev_sep, False, ["CREDIT_CARD", "IBAN", "US_SSN", "PHONE", "IT_VAT", "IT_FISCAL_CODE"]),
    "homoglyph": (ev_homoglyph, True, ["AWS_ACCESS_KEY", "GITHUB_TOKEN", "GITLAB_TOKEN", "SLACK_TOKEN", "STRIPE_KEY",
                                       "OPENAI_KEY", "ANTHROPIC_KEY", "GOOGLE_API_KEY", "EMAIL", "IT_FISCAL_CODE",
                                       "CONFIDENTIAL_MARKER"]),
    "reversed": (ev_reverse, True, ["AWS_ACCESS_KEY", "GITHUB_TOKEN", "GITLAB_TOKEN", "STRIPE_KEY", "OPENAI_KEY",
                                    "GOOGLE_API_KEY", "EMAIL", "CREDIT_CARD", "IBAN", "SLACK_TOKEN"]),
    "spelled": (ev_spelled, True, ["PHONE", "CREDIT_CARD", "US_SSN", "IT_VAT"]),
}


# --------------------------------------------------------------------------------------------
# text material
# --------------------------------------------------------------------------------------------
KEYS = {
    "EMAIL": ["email", "contact_email", "customer_email", "EMAIL_FROM", "owner_email"],
    "PHONE": ["phone", "telefono", "mobile", "cellulare"],
    "CREDIT_CARD": ["card_number", "pan", "numero_carta"],
    "IBAN": ["iban", "IBAN", "payout_iban"],
    "IT_FISCAL_CODE": ["codice_fiscale", "cf", "tax_code"],
    "IT_VAT": ["partita_iva", "piva", "vat_number"],
    "US_SSN": ["ssn", "social_security_number"],
    "IP_ADDRESS": ["client_ip", "remote_addr", "peer", "bind_address"],
    "AWS_ACCESS_KEY": ["aws_access_key_id", "AWS_ACCESS_KEY_ID", "AccessKeyId"],
    "AWS_SECRET_KEY": ["aws_secret_access_key", "AWS_SECRET_ACCESS_KEY", "SecretAccessKey"],
    "GITHUB_TOKEN": ["GITHUB_TOKEN", "GH_TOKEN", "github_token"],
    "GITLAB_TOKEN": ["GITLAB_TOKEN", "private_token", "gitlab_token"],
    "SLACK_TOKEN": ["SLACK_BOT_TOKEN", "slack_token", "bot_token"],
    "SLACK_WEBHOOK": ["SLACK_WEBHOOK_URL", "webhook_url", "slack_webhook"],
    "STRIPE_KEY": ["STRIPE_SECRET_KEY", "stripe_api_key", "STRIPE_SECRET"],
    "OPENAI_KEY": ["OPENAI_API_KEY", "openai_api_key"],
    "ANTHROPIC_KEY": ["ANTHROPIC_API_KEY", "anthropic_api_key"],
    "GOOGLE_API_KEY": ["GOOGLE_API_KEY", "maps_api_key", "GOOGLE_MAPS_KEY"],
    "PRIVATE_KEY": ["private_key", "ssh_private_key", "tls_key"],
    "JWT": ["id_token", "access_token", "Authorization"],
    "CREDENTIAL_URL": ["DATABASE_URL", "dsn", "broker_url", "REDIS_URL"],
    "PASSWORD": ["password", "DB_PASSWORD", "db_password", "smtp_password", "admin_password"],
    "CONFIDENTIAL_MARKER": ["classification", "marking", "classificazione"],
}

PROSE = {
    "EMAIL": {"en": ["Draft a reply to {v} confirming the refund.", "The ticket was opened by {v}; summarise it.",
                     "Add {v} to the distribution list."],
              "it": ["Scrivi una risposta a {v} per confermare il rimborso.", "Il ticket è stato aperto da {v}, riassumilo.",
                     "Aggiungi {v} alla lista di distribuzione."]},
    "PHONE": {"en": ["Call the customer back on {v} tomorrow.", "Their mobile is {v}."],
              "it": ["Richiama il cliente al {v} domani mattina.", "Il suo cellulare è {v}."]},
    "CREDIT_CARD": {"en": ["The charge on card {v} was declined twice.", "Customer paid with {v}, expiry 09/27."],
                    "it": ["L'addebito sulla carta {v} è stato rifiutato due volte.", "Il cliente ha pagato con la carta {v}, scadenza 09/27."]},
    "IBAN": {"en": ["Please wire the deposit to IBAN {v}.", "The refund goes to {v}."],
             "it": ["Fai il bonifico della caparra sull'IBAN {v}.", "Il rimborso va accreditato su {v}."]},
    "IT_FISCAL_CODE": {"en": ["The tenant's codice fiscale is {v}."],
                       "it": ["Il codice fiscale dell'inquilino è {v}.", "CF del cliente: {v}."]},
    "IT_VAT": {"en": ["Supplier VAT number (P.IVA) {v} must appear on the invoice."],
               "it": ["La partita IVA del fornitore è {v}.", "Fattura intestata a Verdi S.r.l., P.IVA {v}."]},
    "US_SSN": {"en": ["Employee SSN {v} is on the W-2 draft.", "My social security number is {v}."],
               "it": ["Il numero SSN del dipendente americano è {v}."]},
    "IP_ADDRESS": {"en": ["Connections from {v} keep timing out.", "The firewall blocks {v}, why?"],
                   "it": ["Le connessioni da {v} vanno in timeout.", "Il firewall blocca {v}, perché?"]},
    "AWS_ACCESS_KEY": {"en": ["S3 rejects the access key id {v}."], "it": ["S3 rifiuta l'access key id {v}."]},
    "AWS_SECRET_KEY": {"en": ["and aws_secret_access_key={v} — what is wrong?"],
                       "it": ["con aws_secret_access_key={v}, cosa non va?"]},
    "GITHUB_TOKEN": {"en": ["CI fails with bad credentials for token {v}."],
                     "it": ["La CI fallisce con bad credentials per il token {v}."]},
    "GITLAB_TOKEN": {"en": ["git push fails with my personal access token {v}."],
                     "it": ["git push fallisce con il mio token {v}."]},
    "SLACK_TOKEN": {"en": ["The bot token {v} returns invalid_auth."], "it": ["Il token del bot {v} restituisce invalid_auth."]},
    "SLACK_WEBHOOK": {"en": ["Posting to {v} returns 404."], "it": ["La POST su {v} restituisce 404."]},
    "STRIPE_KEY": {"en": ["Stripe says the secret key {v} is expired."], "it": ["Stripe dice che la chiave {v} è scaduta."]},
    "OPENAI_KEY": {"en": ["Is this OpenAI key still valid? {v}"], "it": ["Questa chiave OpenAI è ancora valida? {v}"]},
    "ANTHROPIC_KEY": {"en": ["I set x-api-key to {v} but get 401."], "it": ["Ho messo x-api-key a {v} ma ricevo 401."]},
    "GOOGLE_API_KEY": {"en": ["Maps key {v} is restricted to our domain."], "it": ["La chiave Maps {v} è limitata al nostro dominio."]},
    "PRIVATE_KEY": {"en": ["Here is the deploy key, why does ssh reject it?\n{v}\n"], "it": ["Ecco la chiave di deploy, perché ssh la rifiuta?\n{v}\n"]},
    "JWT": {"en": ["Decode this token and tell me when it expires: {v}"], "it": ["Decodifica questo token e dimmi quando scade: {v}"]},
    "CREDENTIAL_URL": {"en": ["The worker can't connect using {v}"], "it": ["Il worker non si connette con {v}"]},
    "PASSWORD": {"en": ["Login is user admin, password: {v}"], "it": ["Accesso con utente admin, password: {v}"]},
    "CONFIDENTIAL_MARKER": {"en": ["The memo header says {v}. Summarise the minutes below.", "{v} — Q3 board minutes, summarise them."],
                            "it": ["L'intestazione del documento dice {v}. Riassumi il verbale.", "{v} — verbale del CdA, fanne un riassunto."]},
}
HINT = {"reversed": {"en": " (written backwards)", "it": " (scritto al contrario)"},
        "spelled": {"en": "Spelled out, so the filter does not see it: ", "it": "In lettere, così il filtro non lo vede: "},
        "homoglyph": {"en": "", "it": ""}}

LOG = {
    "EMAIL": "mailer: delivery to <{v}> deferred (421)", "PHONE": "sms: sent OTP to {v}",
    "CREDIT_CARD": "payments: charge declined pan={v}", "IBAN": "sepa: mandate created iban={v}",
    "IT_FISCAL_CODE": "anagrafe: lookup cf={v} ok", "IT_VAT": "fatture: validazione piva={v} ok",
    "US_SSN": "hr-sync: employee ssn={v} updated", "IP_ADDRESS": "auth: failed login for user=ops from {v}",
    "AWS_ACCESS_KEY": "boto: using access key {v}", "AWS_SECRET_KEY": "env: AWS_SECRET_ACCESS_KEY={v}",
    "GITHUB_TOKEN": "git: remote auth with token {v}", "GITLAB_TOKEN": "runner: PRIVATE-TOKEN: {v}",
    "SLACK_TOKEN": "slack: Authorization: Bearer {v}", "SLACK_WEBHOOK": "notify: POST {v} -> 404",
    "STRIPE_KEY": "stripe: api_key={v} rejected", "OPENAI_KEY": "llm: using OPENAI_API_KEY={v}",
    "ANTHROPIC_KEY": "llm: x-api-key: {v}", "GOOGLE_API_KEY": "geo: GET /maps/api/geocode/json?key={v} 403",
    "PRIVATE_KEY": "tls: loaded key\n{v}", "JWT": "gateway: Authorization: Bearer {v}",
    "CREDENTIAL_URL": "db: connecting to {v}", "PASSWORD": "smtp: auth user=alerts password={v}",
    "CONFIDENTIAL_MARKER": "dms: document classification={v}",
}

INTRO = {
    "en": ["Can you help me with this?", "Why does this fail?", "Summarise this for the weekly report.",
           "Please check the data below and tell me what is wrong.", "Extract the customer fields as a table."],
    "it": ["Puoi aiutarmi con questo?", "Perché non funziona?", "Riassumi questo per il report settimanale.",
           "Controlla i dati qui sotto e dimmi cosa non va.", "Estrai i campi del cliente in una tabella."],
}
SYSTEM = {"en": "You are a helpful assistant for the operations team. Answer concisely.",
          "it": "Sei un assistente per il team operations. Rispondi in modo conciso e in italiano."}
ASSIST = {"en": ["Sure — could you paste the exact error message?", "Here is a summary of the situation.",
                 "I can help with that. What have you tried so far?"],
          "it": ["Certo — puoi incollare il messaggio d'errore esatto?", "Ecco un riepilogo della situazione.",
                 "Posso aiutarti. Cosa hai già provato?"]}
FILLER = {"en": ["The release is planned for next Tuesday.", "We migrated the service to the new cluster last week.",
                 "Total of the quote is 5,801.90 EUR.", "Keep the answer under 200 words."],
          "it": ["Il rilascio è previsto per martedì prossimo, perché il cliente è già in attesa.",
                 "La settimana scorsa abbiamo migrato il servizio sul nuovo cluster della città.",
                 "Il totale del preventivo è € 5.801,90 più IVA.", "Rispondi in meno di 200 parole, è urgente."]}
MODELS_OA = ["gpt-4o", "gpt-4o-mini", "gpt-4.1", "o4-mini"]
MODELS_AN = ["claude-sonnet-4-5", "claude-3-5-haiku-latest", "claude-opus-4-1"]


CUR = {"nfd": False}


def nfd_maybe(rng, s, p=0.15):
    """occasionally the surrounding text arrives in NFD (decomposed accents) or with ligatures"""
    if rng.random() < p:
        t = unicodedata.normalize("NFD", s).replace("fi", "\ufb01")
        if t != s:
            CUR["nfd"] = True
        return t
    return s


# --------------------------------------------------------------------------------------------
# negatives and look-alikes (all plain strings, no finding)
# --------------------------------------------------------------------------------------------
def uuid4(rng):
    h = rs(rng, "0123456789abcdef", 32)
    return "%s-%s-4%s-%s%s-%s" % (h[:8], h[8:12], h[13:16], rng.choice("89ab"), h[17:20], h[20:32])


def bad_luhn(rng):
    c = gen_card(rng)
    return c[:-1] + str((int(c[-1]) + rng.randint(1, 9)) % 10)


def bad_iban(rng):
    i = gen_iban(rng)
    ck = int(i[2:4])
    return i[:2] + "%02d" % ((ck + rng.randint(1, 40)) % 97 + 2 if ck < 50 else ck - rng.randint(1, 40)) + i[4:]


def bad_cf(rng):
    c = gen_cf(rng)
    return c[:-1] + chr(65 + (ord(c[-1]) - 65 + rng.randint(1, 25)) % 26)


def bad_piva(rng):
    p = gen_piva(rng)
    return p[:-1] + str((int(p[-1]) + rng.randint(1, 9)) % 10)


def neg_item(rng, lang):
    """(key, value, prose) of a harmless look-alike"""
    k = rng.randrange(35)
    if k == 30:
        v = b64u(json.dumps({"page": rng.randint(2, 40), "sort": "desc"}, separators=(",", ":")).encode())
        return "next_cursor", v, {"en": "Pagination stops at cursor %s." % v, "it": "La paginazione si ferma al cursore %s." % v}[lang]
    if k == 31:
        v = rng.choice(["pi_", "cus_", "ch_", "price_"]) + rs(rng, ALNUM, 24)
        return "stripe_object", v, {"en": "Stripe object %s is not found." % v, "it": "L'oggetto Stripe %s non viene trovato." % v}[lang]
    if k == 32:
        v = rng.choice("CUG") + rs(rng, string.ascii_uppercase + string.digits, 10)
        return "channel", v, {"en": "Post it in Slack channel %s." % v, "it": "Pubblicalo nel canale Slack %s." % v}[lang]
    if k == 33:
        v = rs(rng, string.ascii_uppercase + string.digits, 7)
        return "codice_destinatario", v, {"en": "The SDI recipient code is %s." % v, "it": "Il codice destinatario SDI è %s." % v}[lang]
    if k == 34:
        v = "MI-%07d" % rng.randint(1000000, 2999999)
        return "rea", v, {"en": "Company register number (REA) %s." % v, "it": "Numero REA %s, capitale sociale € 10.000,00 i.v." % v}[lang]
    if k == 0:
        v = uuid4(rng)
        return "request_id", v, {"en": "Request %s failed with 502." % v, "it": "La richiesta %s è fallita con 502." % v}[lang]
    if k == 1:
        v = rs(rng, "0123456789abcdef", 64)
        return "sha256", v, {"en": "The checksum %s does not match." % v, "it": "Il checksum %s non corrisponde." % v}[lang]
    if k == 2:
        v = rs(rng, "0123456789abcdef", 40)
        return "commit", v, {"en": "It broke at commit %s." % v, "it": "Si è rotto al commit %s." % v}[lang]
    if k == 3:
        v = rng.choice(["sk-...", "<YOUR_OPENAI_API_KEY>", "${OPENAI_API_KEY}", "sk-xxxxxxxxxxxxxxxxxxxxxxxx", "os.environ['OPENAI_API_KEY']"])
        return "OPENAI_API_KEY", v, {"en": "Set OPENAI_API_KEY to your own key (e.g. %s)." % v, "it": "Imposta OPENAI_API_KEY con la tua chiave (es. %s)." % v}[lang]
    if k == 4:
        v = rng.choice(["ghp_XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX", "${{ secrets.GITHUB_TOKEN }}", "<github-token>", "$GH_TOKEN"])
        return "GITHUB_TOKEN", v, {"en": "The workflow reads the token from %s." % v, "it": "Il workflow legge il token da %s." % v}[lang]
    if k == 5:
        v = rng.choice(["********", "", "${DB_PASSWORD}", "{{ vault_db_password }}", "<redacted>", "REDACTED", "%(DB_PASSWORD)s"])
        return "password", v, {"en": "The password field shows %r in the UI." % v, "it": "Il campo password mostra %r nella UI." % v}[lang]
    if k == 6:
        return "password_min_length", "12", {"en": "Passwords must be at least 12 characters.", "it": "Le password devono avere almeno 12 caratteri."}[lang]
    if k == 7:
        v = rng.choice(["${AWS_ACCESS_KEY_ID}", "<AWS_ACCESS_KEY_ID>", "AKIA…", "from the instance profile"])
        return "aws_access_key_id", v, {"en": "Credentials come %s." % ("from the instance profile" if v.startswith("from") else "from " + v),
                                        "it": "Le credenziali arrivano da %s." % v}[lang]
    if k == 8:
        v = rng.choice(["**** **** **** %04d" % rng.randint(0, 9999), "XXXX-XXXX-XXXX-%04d" % rng.randint(0, 9999)])
        return "card_number", v, {"en": "The receipt shows %s." % v, "it": "Lo scontrino riporta %s." % v}[lang]
    if k == 9:
        v = bad_iban(rng)
        v = group4(v) if rng.random() < 0.5 else v
        return "iban", v, {"en": "The bank rejects IBAN %s as invalid, why?" % v, "it": "La banca rifiuta l'IBAN %s come non valido, perché?" % v}[lang]
    if k == 10:
        v = bad_cf(rng)
        return "codice_fiscale", v, {"en": "The codice fiscale %s fails validation." % v, "it": "Il codice fiscale %s risulta errato nel gestionale." % v}[lang]
    if k == 11:
        v = bad_piva(rng)
        return "partita_iva", v, {"en": "VAT number %s is rejected by VIES." % v, "it": "La partita IVA %s viene rifiutata dal VIES." % v}[lang]
    if k == 12:
        v = fmt_card(bad_luhn(rng), rng.choice([" ", "-", ""]))
        return "card", v, {"en": "Is %s a valid card number? The form rejects it." % v, "it": "%s è un numero di carta valido? Il form lo rifiuta." % v}[lang]
    if k == 13:
        v = "chatcmpl-" + rs(rng, ALNUM, 29)
        return "id", v, {"en": "The response id was %s." % v, "it": "L'id della risposta era %s." % v}[lang]
    if k == 14:
        v = "call_" + rs(rng, ALNUM, 24)
        return "tool_call_id", v, {"en": "Tool call %s timed out." % v, "it": "La tool call %s è andata in timeout." % v}[lang]
    if k == 15:
        v = "toolu_01" + rs(rng, ALNUM, 22)
        return "tool_use_id", v, {"en": "tool_use_id %s has no result." % v, "it": "Il tool_use_id %s non ha risultato." % v}[lang]
    if k == 16:
        v = str(rng.randint(1700000000, 1760000000))
        return "created", v, {"en": "Created at unix time %s." % v, "it": "Creato al timestamp %s." % v}[lang]
    if k == 17:
        v = "v%d.%d.%d" % (rng.randint(1, 20), rng.randint(0, 30), rng.randint(0, 60))
        return "version", v, {"en": "We are on %s of the SDK." % v, "it": "Usiamo la %s dell'SDK." % v}[lang]
    if k == 18:
        v = "ghcr.io/acme/api@sha256:" + rs(rng, "0123456789abcdef", 64)
        return "image", v, {"en": "The pod runs %s." % v, "it": "Il pod usa l'immagine %s." % v}[lang]
    if k == 19:
        v = "sha384-" + rs(rng, B64, 64)
        return "integrity", v, {"en": "The script tag has integrity=%s." % v, "it": "Il tag script ha integrity=%s." % v}[lang]
    if k == 20:
        v = "https://hooks.slack.com/services/XXXXXXXXX/XXXXXXXXXXX/XXXXXXXXXXXXXXXXXXXXXXXX"
        return "webhook_url", v, {"en": "Replace %s with your webhook." % v, "it": "Sostituisci %s con il tuo webhook." % v}[lang]
    if k == 21:
        v = rng.choice(["postgres://localhost:5432/app", "postgres://${DB_USER}:${DB_PASS}@db:5432/app", "redis://cache.internal:6379/0"])
        return "DATABASE_URL", v, {"en": "DATABASE_URL is %s in the template." % v, "it": "DATABASE_URL nel template è %s." % v}[lang]
    if k == 22:
        v = rng.choice(["@acme/ui@2.3.1", "@types/node", "@Override", "@dataclass(frozen=True)", "@media (max-width: 600px)"])
        return "note", v, {"en": "What does %s do?" % v, "it": "Cosa fa %s?" % v}[lang]
    if k == 23:
        v = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.6367.91 Safari/537.36"
        return "user_agent", v, {"en": "The user agent is %s." % v, "it": "Lo user agent è %s." % v}[lang]
    if k == 24:
        v = "ORD-%08d" % rng.randint(0, 99999999)
        return "order_id", v, {"en": "Track order %s shipped on 2024-06-28." % v, "it": "L'ordine %s è partito il 28/06/2024." % v}[lang]
    if k == 25:
        v = rng.choice(["PUBLIC", "pubblico", "draft"])
        return "classification", v, {"en": "The document is marked %s." % v, "it": "Il documento è marcato %s." % v}[lang]
    if k == 26:
        v = "msg_01" + rs(rng, ALNUM, 22)
        return "message_id", v, {"en": "Message %s was truncated." % v, "it": "Il messaggio %s è stato troncato." % v}[lang]
    if k == 27:
        v = rng.choice(["XXX-XX-%04d" % rng.randint(0, 9999), "***-**-%04d" % rng.randint(0, 9999)])
        return "ssn", v, {"en": "The form shows SSN %s." % v, "it": "Il modulo mostra SSN %s." % v}[lang]
    if k == 28:
        v = "%d.%02d EUR" % (rng.randint(10, 99999), rng.randint(0, 99))
        return "amount", v, {"en": "The invoice total is %s." % v, "it": "Il totale fattura è %s." % v}[lang]
    v = rng.choice(["eu-south-1", "europe-west8", "westeurope"])
    return "region", v, {"en": "Deploy to region %s." % v, "it": "Fai il deploy nella regione %s." % v}[lang]


def neg_judgement_item(rng, lang):
    """look-alikes whose status DESIGN.md does not settle: used only in cases tagged judgement"""
    k = rng.randrange(10)
    opts = [
        ("aws_access_key_id", "AKIAIOSFODNN7EXAMPLE", "AWS documentation example key"),
        ("aws_secret_access_key", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "AWS documentation example secret"),
        ("card_number", "4242 4242 4242 4242", "Stripe test card"),
        ("email", "user@example.com", "RFC 2606 reserved domain"),
        ("bind_address", rng.choice(["127.0.0.1", "0.0.0.0", "::1"]), "loopback / unspecified address"),
        ("remote", "git@github.com:acme/billing.git", "ssh remote, not a mailbox"),
        ("classification", "TLP:CLEAR", "TLP marking that is not restrictive"),
        ("stripe_key", "sk_test_" + rs(rng, ALNUM, 24), "Stripe test-mode key"),
        ("publishable_key", "pk_live_" + rs(rng, ALNUM, 24), "Stripe publishable key"),
        ("DATABASE_URL", "postgres://user:password@localhost:5432/mydb", "placeholder credentials"),
    ]
    key, v, why = opts[k]
    prose = {"en": "In the docs the %s is %s." % (key, v), "it": "Nella documentazione %s è %s." % (key, v)}[lang]
    return key, v, prose, why


# --------------------------------------------------------------------------------------------
# items
# --------------------------------------------------------------------------------------------
class Item:
    def __init__(self, typ=None, doc=None, key=None, neg=None, prose_only=False, ev=None):
        self.type, self.doc, self.key, self.neg, self.prose_only, self.ev = typ, doc, key, neg, prose_only, ev


def make_item(rng, typ, lang, evasion):
    canon = GEN[typ](rng)
    surf = plain_surface(rng, typ, canon)
    tags, judg, steps = [], False, []
    if evasion:
        fn, judg, _ = EVASIONS[evasion]
        surf2 = fn(rng, typ, surf, lang)
        if surf2 != surf:
            surf = surf2
            tags.append("evasion:" + evasion)
            steps.append("v:" + evasion)
    sp = Span(typ, 0, len(surf), canon, tags, steps, judg)
    key = rng.choice(KEYS[typ])
    return Item(typ, Doc(surf, [sp]), key, prose_only=evasion in ("reversed", "spelled", "homoglyph"), ev=evasion)


def neg_to_item(rng, lang, judg=False):
    if judg:
        key, v, prose, why = neg_judgement_item(rng, lang)
    else:
        key, v, prose = neg_item(rng, lang)
    return Item(None, Doc(v), key, neg=prose)


def prose_of(rng, lang, it):
    if it.neg is not None:
        return Doc(it.neg)
    t = rng.choice(PROSE[it.type][lang])
    pre, post = t.split("{v}")
    d = D(nfd_maybe(rng, pre), it.doc, post)
    if it.ev == "reversed":
        d = D(d, HINT["reversed"][lang])
    elif it.ev == "spelled":
        d = D(HINT["spelled"][lang], d)
    return d


def kv_value(it):
    if it.type == "JWT" and it.key == "Authorization":
        return D("Bearer ", it.doc)
    return it.doc


def log_of(rng, it, i):
    ts = "2024-%02d-%02dT%02d:%02d:%02d.%03dZ" % (rng.randint(1, 12), rng.randint(1, 28), rng.randint(0, 23),
                                                 rng.randint(0, 59), rng.randint(0, 59), rng.randint(0, 999))
    lvl = rng.choice(["INFO ", "WARN ", "ERROR", "DEBUG"])
    if it.neg is not None:
        return D(ts, " ", lvl, " app: ", it.key, "=", it.doc)
    pre, post = LOG[it.type].split("{v}")
    return D(ts, " ", lvl, " ", pre, it.doc, post)


def kv_obj(items):
    return {it.key: kv_value(it) for it in items}


# --------------------------------------------------------------------------------------------
# containers: each returns (Doc, ctx tag)
# --------------------------------------------------------------------------------------------
def user_text(rng, lang, items, allow_kv=True):
    parts = [Doc(nfd_maybe(rng, rng.choice(INTRO[lang])))]
    kvs = [it for it in items if not it.prose_only and it.neg is None and allow_kv and rng.random() < 0.35]
    for it in items:
        if it in kvs:
            continue
        parts.append(prose_of(rng, lang, it))
    if kvs:
        style = rng.choice(["env", "bullets"])
        if style == "env":
            parts.append(D("```\n", J("\n", [D(env_key(it.key), "=", kv_value(it)) for it in kvs]), "\n```"))
        else:
            parts.append(J("\n", [D("- ", it.key, ": ", kv_value(it)) for it in kvs]))
    if rng.random() < 0.4:
        parts.append(Doc(nfd_maybe(rng, rng.choice(FILLER[lang]))))
    return J(rng.choice(["\n", "\n\n", " "]) if all(p.text.count("\n") == 0 for p in parts) else "\n\n", parts)


def split_items(rng, items, n):
    buckets = [[] for _ in range(n)]
    for it in items:
        buckets[rng.randrange(n)].append(it)
    return buckets


def tool_output(rng, lang, items, o):
    """tool result: log text (1 level) or JSON text (2 levels)"""
    if not items:
        return Doc('{"status":"ok","rows":0}'), 1
    if rng.random() < 0.5:
        return J("\n", [log_of(rng, it, i) for i, it in enumerate(items)]), 1
    obj = {"status": "ok", "record": kv_obj(items)}
    return jdump(obj, o.inner(rng)), 2


def c_openai_chat(rng, lang, items):
    o = JOpt(rng)
    a, b = split_items(rng, items, 2) if len(items) > 1 and rng.random() < 0.4 else (items, [])
    msgs = [{"role": "system", "content": SYSTEM[lang]}]
    if b:
        msgs.append({"role": "user", "content": user_text(rng, lang, b)})
        msgs.append({"role": "assistant", "content": rng.choice(ASSIST[lang])})
    msgs.append({"role": "user", "content": user_text(rng, lang, a)})
    body = {"model": rng.choice(MODELS_OA), "messages": msgs}
    if rng.random() < 0.5:
        body["temperature"] = 0.2
    if rng.random() < 0.4:
        body["stream"] = True
    return jdump(body, o), "ctx:openai-chat"


def c_openai_tools(rng, lang, items):
    o = JOpt(rng)
    prose_only = [it for it in items if it.prose_only]
    rest = [it for it in items if not it.prose_only]
    ua, args, logs = split_items(rng, rest, 3)
    ua += prose_only
    if not args and logs:
        args.append(logs.pop())
    name = rng.choice(["update_customer", "lookup_account", "run_diagnostics", "create_ticket"])
    cid = "call_" + rs(rng, ALNUM, 24)
    inner = jdump(kv_obj(args) if args else {"query": "last 24h"}, o.inner(rng))
    out, depth = tool_output(rng, lang, logs, o)
    msgs = [{"role": "user", "content": user_text(rng, lang, ua)},
            {"role": "assistant", "content": None, "tool_calls": [{"id": cid, "type": "function",
                                                                    "function": {"name": name, "arguments": inner}}]},
            {"role": "tool", "tool_call_id": cid, "content": out}]
    body = {"model": rng.choice(MODELS_OA), "messages": msgs,
            "tools": [{"type": "function", "function": {"name": name, "description": "Internal CRM tool",
                                                        "parameters": {"type": "object", "properties": {}}}}]}
    return jdump(body, o), "ctx:openai-tools"


def c_openai_responses(rng, lang, items):
    o = JOpt(rng)
    prose_only = [it for it in items if it.prose_only]
    rest = [it for it in items if not it.prose_only]
    ua, args, outs = split_items(rng, rest, 3)
    ua += prose_only
    cid = "call_" + rs(rng, ALNUM, 24)
    inp = [{"role": "user", "content": [{"type": "input_text", "text": user_text(rng, lang, ua)}]}]
    if args or outs:
        inp.append({"type": "function_call", "call_id": cid, "name": "get_record",
                    "arguments": jdump(kv_obj(args) if args else {"id": rng.randint(1000, 9999)}, o.inner(rng))})
        out, _ = tool_output(rng, lang, outs, o)
        inp.append({"type": "function_call_output", "call_id": cid, "output": out})
    body = {"model": rng.choice(MODELS_OA), "instructions": SYSTEM[lang], "input": inp, "store": False}
    return jdump(body, o), "ctx:openai-responses"


def c_anthropic(rng, lang, items):
    o = JOpt(rng)
    prose_only = [it for it in items if it.prose_only]
    rest = [it for it in items if not it.prose_only]
    ua, tin, tres = split_items(rng, rest, 3)
    ua += prose_only
    msgs = [{"role": "user", "content": [{"type": "text", "text": user_text(rng, lang, ua)}]}]
    if tin or tres:
        tid = "toolu_01" + rs(rng, ALNUM, 22)
        msgs.append({"role": "assistant", "content": [{"type": "text", "text": rng.choice(ASSIST[lang])},
                                                      {"type": "tool_use", "id": tid, "name": "crm_lookup",
                                                       "input": kv_obj(tin) if tin else {"q": "ultimi ordini"}}]})
        out, _ = tool_output(rng, lang, tres, o)
        content = out if rng.random() < 0.6 else [{"type": "text", "text": out}]
        msgs.append({"role": "user", "content": [{"type": "tool_result", "tool_use_id": tid, "content": content}]})
    body = {"model": rng.choice(MODELS_AN), "max_tokens": 1024, "system": SYSTEM[lang], "messages": msgs}
    return jdump(body, o), "ctx:anthropic-messages"


BODY_BUILDERS = [c_openai_chat, c_openai_tools, c_openai_responses, c_anthropic]


def c_pasted_body(rng, lang, items):
    inner, ctx = rng.choice(BODY_BUILDERS)(rng, lang, items)
    k = rng.randrange(3)
    if k == 0:
        q = {"en": "Why does this request return 400?", "it": "Perché questa richiesta restituisce 400?"}[lang]
        return D(q, "\n\n```json\n", inner, "\n```\n"), ctx + "+pasted"
    if k == 1:
        url = "https://api.anthropic.com/v1/messages" if "anthropic" in ctx else "https://api.openai.com/v1/chat/completions"
        inner1 = mapdoc(inner, lambda ch: "'\\''" if ch == "'" else ch, "shq", "evasion:shell-quote")
        return D("curl -sS ", url, " -H 'Content-Type: application/json' -d '", inner1, "'"), ctx + "+curl"
    return inner, ctx + "+raw"


def c_nested_body(rng, lang, items):
    """a request body pasted inside the user message of another request body: values 2 levels deep"""
    o_in = JOpt(rng)
    inner = jdump({"model": rng.choice(MODELS_OA), "messages": [{"role": "user", "content": user_text(rng, lang, items)}]}, o_in)
    q = {"en": "This request body from our app gets refused, can you see why?\n\n",
         "it": "Questo body della nostra app viene rifiutato, vedi perché?\n\n"}[lang]
    o = JOpt(rng)
    if rng.random() < 0.5:
        body = {"model": rng.choice(MODELS_AN), "max_tokens": 2048,
                "messages": [{"role": "user", "content": D(q, inner)}]}
    else:
        body = {"model": rng.choice(MODELS_OA), "messages": [{"role": "user", "content": D(q, inner)}]}
    return jdump(body, o), "ctx:nested-body"


def md_cell(d):
    return mapdoc(d, lambda ch: "\\|" if ch == "|" else ch, "mdpipe", "evasion:md-escape")


def c_markdown(rng, lang, items):
    U, A = ("**User:**", "**Assistant:**") if lang == "en" else ("**Utente:**", "**Assistente:**")
    parts = [Doc("## %s\n" % ("Chat export" if lang == "en" else "Esportazione chat"))]
    parts.append(D(U, " ", nfd_maybe(rng, rng.choice(INTRO[lang]))))
    parts.append(D(A, " ", rng.choice(ASSIST[lang])))
    table = [it for it in items if it.type in ("EMAIL", "PHONE", "IBAN", "IT_FISCAL_CODE", "IT_VAT", "US_SSN", "CREDIT_CARD", "IP_ADDRESS", "PASSWORD") and rng.random() < 0.5 and not it.prose_only]
    fence = [it for it in items if it not in table and not it.prose_only and rng.random() < 0.4]
    rest = [it for it in items if it not in table and it not in fence]
    body = [U]
    for it in rest:
        r = rng.random()
        p = prose_of(rng, lang, it)
        if r < 0.3 and "\n" not in p.text:
            body.append(D("> ", p))
        elif r < 0.55 and it.neg is None and not it.prose_only and "\n" not in it.doc.text:
            body.append(D("- **", it.key, "**: `", kv_value(it), "`"))
        else:
            body.append(p)
    if table:
        hdr = "| Campo | Valore |\n|---|---|" if lang == "it" else "| Field | Value |\n|---|---|"
        body.append(D(hdr, "\n", J("\n", [D("| ", it.key, " | ", md_cell(kv_value(it)), " |") for it in table])))
    if fence:
        lang_tag = rng.choice(["env", "yaml", "bash", ""])
        if lang_tag == "yaml":
            lines = [yaml_kv(rng, it) for it in fence]
        else:
            lines = [D(("export " if lang_tag == "bash" else ""), env_key(it.key), "=", env_quote(rng, it)) for it in fence]
        body.append(D("```", lang_tag, "\n", J("\n", lines), "\n```"))
    parts.append(J("\n\n", body))
    return J("\n\n", parts), "ctx:markdown"


def env_key(key):
    k = re.sub(r"(?<=[a-z])(?=[A-Z])", "_", key).upper().replace("-", "_")
    return {"ACCESS_KEY_ID": "AWS_ACCESS_KEY_ID", "SECRET_ACCESS_KEY": "AWS_SECRET_ACCESS_KEY"}.get(k, k)


def env_quote(rng, it):
    v = kv_value(it)
    if "\n" in v.text:
        # .env convention: one line, newlines written as \n inside double quotes
        return D('"', mapdoc(v, lambda ch: "\\n" if ch == "\n" else ("\\\"" if ch == '"' else ch), "nlesc", "evasion:nl-escape"), '"')
    if rng.random() < 0.3 and '"' not in v.text and "\\" not in v.text:
        return D('"', v, '"')
    return v


def yaml_kv(rng, it, indent=""):
    v = kv_value(it)
    if "\n" in v.text:
        ind = indent + "  "
        return D(indent, it.key, ": |\n", ind, mapdoc(v, lambda ch: "\n" + ind if ch == "\n" else ch, "indent", None))
    if any(c in v.text for c in ":#'\"&*!%@`{}[]|>") or v.text[:1] in "-?" or rng.random() < 0.3:
        return D(indent, it.key, ": '", mapdoc(v, lambda ch: "''" if ch == "'" else ch, "yq", "evasion:yaml-escape"), "'")
    return D(indent, it.key, ": ", v)


def c_rag(rng, lang, items):
    docs = []
    csvable = [it for it in items if it.type in ("EMAIL", "PHONE", "IBAN", "IT_FISCAL_CODE", "IT_VAT", "CREDIT_CARD", "US_SSN") and rng.random() < 0.5]
    others = [it for it in items if it not in csvable]
    if csvable:
        hdr = ";".join(["nome"] + [it.key for it in csvable])
        row = J(";", [Doc("%s %s" % (rng.choice(FIRST).title(), rng.choice(LAST).title()))] + [kv_value(it) for it in csvable])
        docs.append(("export/clienti_%d.csv" % rng.randint(1, 99), D(hdr, "\n", row, "\n")))
    if others or not docs:
        body = J("\n", [prose_of(rng, lang, it) for it in others] + [Doc(nfd_maybe(rng, rng.choice(FILLER[lang])))])
        docs.append((rng.choice(["kb/runbook-incident.md", "wiki/onboarding.md", "tickets/INC-%d.txt" % rng.randint(1000, 9999)]), body))
    style = rng.randrange(2)
    blocks = []
    for i, (src, body) in enumerate(docs, 1):
        if style == 0:
            blocks.append(D('<document index="%d">\n<source>%s</source>\n<document_content>\n' % (i, src), body, "\n</document_content>\n</document>"))
        else:
            blocks.append(D("<document>\n", body, "\n</document>"))
    q = {"en": "Answer using only the documents above: what should support do next?",
         "it": "Rispondi usando solo i documenti sopra: cosa deve fare il supporto?"}[lang]
    pre = {"en": "Use the following context.\n", "it": "Usa il contesto seguente.\n"}[lang]
    wrap = ("<documents>\n", "\n</documents>") if style == 0 else ("", "")
    return D(pre, wrap[0], J("\n", blocks), wrap[1], "\n\n", q), "ctx:rag"


ENTITY_ALTS = {"@": ["&#64;", "&#x40;", "&commat;"], ".": ["&#46;", "&#x2E;", "&period;"], "-": ["&#45;", "&#x2d;", "&hyphen;"],
               " ": ["&nbsp;", "&#160;", "&#xA0;"], ":": ["&#58;", "&colon;"], "/": ["&#47;", "&sol;"], "_": ["&#95;", "&lowbar;"],
               "+": ["&#43;", "&plus;"]}


def html_enc(doc, rng, obfuscate):
    def tok(ch):
        if ch == "&":
            return "&amp;"
        if ch == "<":
            return "&lt;"
        if ch == ">":
            return "&gt;"
        if ch == '"':
            return "&quot;"
        if obfuscate and ch in ENTITY_ALTS and rng.random() < 0.8:
            return rng.choice(ENTITY_ALTS[ch])
        if obfuscate and ch.isdigit() and rng.random() < 0.15:
            return "&#%d;" % ord(ch)
        return ch
    return mapdoc(doc, tok, "html", "evasion:html-entity")


def c_html(rng, lang, items):
    rows, paras, pre = [], [], []
    for it in items:
        obf = rng.random() < 0.75
        if it.type == "EMAIL" and rng.random() < 0.6:
            paras.append(D('<p>%s <a href="mailto:' % ("Contatto:" if lang == "it" else "Contact:"), html_enc(it.doc, rng, obf), '">',
                           html_enc(it.doc, rng, obf), "</a></p>"))
        elif it.type == "PRIVATE_KEY" or it.prose_only or it.neg is not None and rng.random() < 0.5:
            if "\n" in it.doc.text:
                pre.append(D("<pre>", html_enc(it.doc, rng, False), "</pre>"))
            else:
                paras.append(D("<p>", html_enc(prose_of(rng, lang, it), rng, obf and not it.prose_only), "</p>"))
        else:
            rows.append(D("<tr><td>", it.key, "</td><td>", html_enc(kv_value(it), rng, obf), "</td></tr>"))
    title = {"en": "Ticket #%d &mdash; R&amp;D support" % rng.randint(10000, 99999),
             "it": "Ticket #%d &mdash; Supporto R&amp;S, citt&agrave; di Torino" % rng.randint(10000, 99999)}[lang]
    parts = [Doc('<div class="ticket">\n  <h2>%s</h2>' % title)]
    parts += [D("  ", p) for p in paras]
    if rows:
        parts.append(D("  <table>\n    <tr><th>%s</th><th>%s</th></tr>\n" % (("Campo", "Valore") if lang == "it" else ("Field", "Value")),
                       J("\n", [D("    ", r) for r in rows]), "\n  </table>"))
    parts += [D("  ", p) for p in pre]
    parts.append(Doc("  <footer>&copy; 2024 Acme &ndash; &laquo;supporto&raquo;</footer>\n</div>"))
    q = {"en": "Extract the fields from this HTML into JSON:\n\n", "it": "Estrai i campi da questo HTML in JSON:\n\n"}[lang]
    return D(q, J("\n", parts)), "ctx:html"


def qp_doc(doc):
    doc = asdoc(doc)
    toks, col = [], 0
    text = doc.text
    for i, ch in enumerate(text):
        if ch == "\n":
            toks.append(("", "\n"))
            col = 0
            continue
        if ch == "=" or ord(ch) > 126 or (ord(ch) < 32 and ch != "\t"):
            t = "".join("=%02X" % b for b in ch.encode("utf-8"))
        elif ch in " \t" and (i + 1 == len(text) or text[i + 1] == "\n"):
            t = "=%02X" % ord(ch)
        else:
            t = ch
        pre = ""
        if col + len(t) > 75:
            pre = "=\n"
            col = 0
        toks.append((pre, t))
        col += len(t)
    return assemble(doc, toks, "qp", "evasion:quoted-printable")


def c_qp_email(rng, lang, items):
    name = "%s %s" % (rng.choice(FIRST).title(), rng.choice(LAST).title())
    greet = {"en": "Hi team,", "it": "Buongiorno a tutti,"}[lang]
    lead = {"en": "please find below the details we discussed on the phone today regarding the renewal of the contract and the pending items that are still open.",
            "it": "di seguito i dettagli di cui abbiamo parlato oggi al telefono riguardo al rinnovo del contratto e alle attività ancora aperte, così potete procedere già da oggi."}[lang]
    lines = []
    for it in items:
        if it.neg is None and not it.prose_only and rng.random() < 0.5 and "\n" not in it.doc.text:
            lab = {"en": "for reference, the %s to use from now on is" % it.key, "it": "per riferimento, il campo %s da usare d'ora in poi è" % it.key}[lang]
            lines.append(D(nfd_maybe(rng, lab, 0.0), " ", kv_value(it), {"en": " (please confirm)", "it": " (confermate per favore)"}[lang]))
        else:
            lines.append(prose_of(rng, lang, it))
    body = J("\n\n", [Doc(greet), Doc(lead)] + lines + [Doc({"en": "Best regards,\n", "it": "Cordiali saluti,\n"}[lang] + name)])
    hdr = ("Subject: =?utf-8?q?%s?=\nDate: Tue, 14 May 2024 09:12:44 +0200\nMIME-Version: 1.0\n"
           "Content-Type: text/plain; charset=\"utf-8\"\nContent-Transfer-Encoding: quoted-printable\n\n") % (
        "Rinnovo_contratto" if lang == "it" else "Contract_renewal")
    d_hdr = Doc(hdr)
    q = {"en": "Summarise this e-mail (raw source below):\n\n", "it": "Riassumi questa e-mail (sorgente qui sotto):\n\n"}[lang]
    return D(q, d_hdr, qp_doc(body)), "ctx:qp-email"


def header_with_emails(hdr):
    parts, last = [], 0
    for m in re.finditer(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", hdr):
        parts.append(hdr[last:m.start()])
        parts.append(Doc(m.group(), [Span("EMAIL", 0, len(m.group()), m.group(), ["ctx:mail-header"], [])]))
        last = m.end()
    parts.append(hdr[last:])
    return D(*parts)


URL_PARAM = {"EMAIL": "email", "PHONE": "phone", "CREDIT_CARD": "card", "IBAN": "iban", "IT_FISCAL_CODE": "cf",
             "IT_VAT": "piva", "US_SSN": "ssn", "IP_ADDRESS": "ip", "AWS_ACCESS_KEY": "X-Amz-Credential",
             "AWS_SECRET_KEY": "aws_secret_access_key", "GITHUB_TOKEN": "access_token", "GITLAB_TOKEN": "private_token",
             "SLACK_TOKEN": "token", "SLACK_WEBHOOK": "callback", "STRIPE_KEY": "api_key", "OPENAI_KEY": "api_key",
             "ANTHROPIC_KEY": "api_key", "GOOGLE_API_KEY": "key", "JWT": "id_token", "CREDENTIAL_URL": "dsn", "PASSWORD": "password"}


def pct(doc, rng, plus):
    safe = "" if rng.random() < 0.5 else "@:/"
    def tok(ch):
        if plus and ch == " ":
            return "+"
        return urllib.parse.quote(ch, safe=safe)
    return mapdoc(doc, tok, "pctplus" if plus else "pct", "evasion:percent")


def c_url(rng, lang, items):
    params = []
    for it in items:
        if it.neg is not None:
            params.append(D(urllib.parse.quote(it.key), "=", pct(it.doc, rng, False)))
            continue
        v = it.doc
        if it.type == "AWS_ACCESS_KEY":
            v = D(v, "/20240512/eu-south-1/s3/aws4_request")
        params.append(D(URL_PARAM[it.type], "=", pct(v, rng, rng.random() < 0.4)))
    host = rng.choice(["crm.acme.it", "app.acme-group.eu", "intranet.acme.it", "dbadmin.acme.it"])
    path = rng.choice(["/api/v2/customers/export", "/connect", "/oauth/callback", "/admin/debug", "/reports/run"])
    rng.shuffle(params)
    if rng.random() < 0.3:
        params.append(Doc("utm_source=newsletter&utm_medium=email"))
    url = D("https://", host, path, "?", J("&", params))
    k = rng.randrange(3)
    if k == 0:
        q = {"en": "Why does this link return 403?\n", "it": "Perché questo link restituisce 403?\n"}[lang]
        return D(q, url), "ctx:url"
    if k == 1:
        line = D('- - [12/May/2024:10:22:31 +0000] "GET ', url, ' HTTP/1.1" 500 812 "-" "python-requests/2.31.0"')
        q = {"en": "Explain this access-log line:\n", "it": "Spiegami questa riga del log di accesso:\n"}[lang]
        return D(q, line), "ctx:url-log"
    q = {"en": "The frontend redirects to this URL and crashes:\n", "it": "Il frontend fa redirect su questo URL e va in crash:\n"}[lang]
    outer = D("https://login.acme.it/sso/redirect?next=", mapdoc(url, lambda ch: urllib.parse.quote(ch, safe=""), "pct", "evasion:percent"))
    return D(q, outer), "ctx:url-nested"


HARMLESS_ENV = ["APP_ENV=production", "LOG_LEVEL=info", "PORT=8080", "TZ=Europe/Rome", "FEATURE_FLAGS=beta,search",
                "WORKERS=4", "CACHE_TTL=300", "S3_BUCKET=acme-reports-prod"]


def c_base64(rng, lang, items):
    k = rng.randrange(4) if len(items) > 1 or any("\n" in it.doc.text for it in items) else rng.randrange(5)
    if k == 0:  # whole .env
        lines = [Doc(x) for x in rng.sample(HARMLESS_ENV, 3)] + [D(env_key(it.key), "=", env_quote(rng, it)) for it in items]
        rng.shuffle(lines)
        env = D(J("\n", lines), "\n")
        q = {"en": "A colleague sent me our .env as base64, what does it configure?\n\n",
             "it": "Un collega mi ha mandato il .env in base64, cosa configura?\n\n"}[lang]
        return D(q, b64doc(env, wrap=76 if rng.random() < 0.5 else None)), "ctx:b64-env"
    if k == 1:  # kubernetes secret, one value per key
        data = [D("  ", env_key(it.key), ": ", b64doc(kv_value(it))) for it in items]
        data.insert(rng.randrange(len(data) + 1), Doc("  LOG_LEVEL: " + base64.b64encode(b"info").decode()))
        y = D("apiVersion: v1\nkind: Secret\nmetadata:\n  name: app-secrets\n  namespace: billing\ntype: Opaque\ndata:\n", J("\n", data), "\n")
        q = {"en": "kubectl apply fails on this Secret, why?\n\n```yaml\n", "it": "kubectl apply fallisce con questo Secret, perché?\n\n```yaml\n"}[lang]
        return D(q, y, "```"), "ctx:b64-k8s"
    if k == 2:  # base64 of a JSON config, inside a JSON body
        o = JOpt(rng, pretty=False)
        cfg = jdump({"service": "billing", "env": "prod", "settings": kv_obj(items)}, o)
        urlsafe = rng.random() < 0.3
        blob = b64doc(cfg, urlsafe=urlsafe)
        outer = jdump({"model": rng.choice(MODELS_OA), "messages": [{"role": "user", "content": D(
            {"en": "Decode this config and check it: ", "it": "Decodifica questa configurazione e controllala: "}[lang], blob)}]}, JOpt(rng))
        return outer, "ctx:b64-json"
    if k == 3:  # X-Config header
        o = JOpt(rng, pretty=False)
        cfg = jdump(kv_obj(items), o)
        q = {"en": "Our gateway logs this header, is it safe?\n", "it": "Il gateway registra questo header, è sicuro?\n"}[lang]
        return D(q, "X-Client-Config: ", b64doc(cfg)), "ctx:b64-header"
    it = items[0]  # a single value
    q = {"en": "Here is the %s in base64 so the filter doesn't catch it: " % it.key, "it": "Ti passo %s in base64 così il filtro non lo blocca: " % it.key}[lang]
    return D(q, b64doc(kv_value(it)), {"en": " — decode it and use it in the script.", "it": " — decodificalo e usalo nello script."}[lang]), "ctx:b64-single"


def c_hex(rng, lang, items):
    it = items[0]
    style = rng.choice(["plain", "escaped"])
    h = hexdoc(kv_value(it), style)
    if style == "plain":
        q = {"en": "Debug dump of the %s (xxd -p): " % it.key, "it": "Dump di debug del campo %s (xxd -p): " % it.key}[lang]
        return D(q, h), "ctx:hex"
    q = {"en": "What is in this bytes literal? ", "it": "Cosa contiene questo literal di byte? "}[lang]
    return D(q, "b'", h, "'"), "ctx:hex"


def toml_val(it):
    v = kv_value(it)
    if "\n" in v.text:
        return D('"""\n', v, '"""')
    return D('"', mapdoc(v, lambda ch: "\\\\" if ch == "\\" else ('\\"' if ch == '"' else ch), "toml", "evasion:toml-escape"), '"')


def c_config(rng, lang, items):
    k = rng.randrange(4)
    fillers = {"yaml": ["service: billing", "replicas: 3", "log_level: info"], "toml": ['name = "billing"', "port = 8080"],
               "ini": ["[server]", "port = 8080", "workers = 4"], "props": ["server.port=8080", "spring.application.name=billing"]}
    if k == 0:
        lines = [Doc(x) for x in fillers["yaml"]] + [Doc("credentials:")] + [yaml_kv(rng, it, "  ") for it in items]
        fmt = "yaml"
    elif k == 1:
        lines = [Doc(x) for x in fillers["toml"]] + [Doc("\n[secrets]")] + [D(env_key(it.key).lower(), " = ", toml_val(it)) for it in items]
        fmt = "toml"
    elif k == 2:
        lines = [Doc(x) for x in fillers["ini"]] + [Doc("\n[credentials]")]
        for it in items:
            v = kv_value(it)
            if "\n" in v.text:
                v = mapdoc(v, lambda ch: "\n  " if ch == "\n" else ch, "indent", None)  # INI continuation lines
            lines.append(D(env_key(it.key).lower(), " = ", v))
        fmt = "ini"
    else:
        lines = [Doc(x) for x in fillers["props"]]
        for it in items:
            v = kv_value(it)
            if "\n" in v.text:
                v = mapdoc(v, lambda ch: "\\n\\\n" if ch == "\n" else ch, "nlesc", "evasion:nl-escape")
            elif ":" in v.text or "=" in v.text:
                v = mapdoc(v, lambda ch: "\\" + ch if ch in ":=" else ch, "propesc", "evasion:props-escape")
            lines.append(D("app.", env_key(it.key).lower().replace("_", "."), "=", v))
        fmt = "properties"
    q = {"en": "The service does not start with this %s config, why?\n\n```%s\n" % (fmt, fmt),
         "it": "Il servizio non parte con questa configurazione %s, perché?\n\n```%s\n" % (fmt, fmt)}[lang]
    return D(q, J("\n", lines), "\n```"), "ctx:config-" + fmt


CONTAINERS = [  # name, fn, weight, json?, value-evasions allowed?, types excluded, prose-capable
    ("openai-chat", c_openai_chat, 9, True, True, [], True),
    ("openai-tools", c_openai_tools, 9, True, True, [], True),
    ("openai-responses", c_openai_responses, 7, True, True, [], True),
    ("anthropic", c_anthropic, 9, True, True, [], True),
    ("pasted-body", c_pasted_body, 7, True, True, [], True),
    ("nested-body", c_nested_body, 6, True, True, [], True),
    ("markdown", c_markdown, 8, False, True, [], True),
    ("rag", c_rag, 6, False, True, [], True),
    ("html", c_html, 7, False, True, [], True),
    ("qp-email", c_qp_email, 6, False, True, ["PRIVATE_KEY"], True),
    ("url", c_url, 7, False, False, ["PRIVATE_KEY", "CONFIDENTIAL_MARKER"], False),
    ("base64", c_base64, 9, False, False, ["CONFIDENTIAL_MARKER"], False),
    ("hex", c_hex, 3, False, False, ["PRIVATE_KEY", "JWT", "OPENAI_KEY", "ANTHROPIC_KEY", "SLACK_WEBHOOK", "CREDENTIAL_URL",
                                      "CONFIDENTIAL_MARKER", "STRIPE_KEY"], False),
    ("config", c_config, 7, False, True, ["CONFIDENTIAL_MARKER"], False),
]
NONJ_EV = ["fullwidth", "zero-width", "soft-hyphen", "unicode-space", "mixed-forms", "json-linebreak", "separator"]
J_EV = ["homoglyph", "reversed", "spelled"]


# --------------------------------------------------------------------------------------------
# negatives: the same containers, harmless content only
# --------------------------------------------------------------------------------------------
def negative_case(rng, lang, cname, fn, judg):
    """returns (doc, ctx, judgement-item-present)"""
    items = [neg_to_item(rng, lang) for _ in range(rng.randint(2, 4))]
    jv = None
    if judg:
        ji = neg_to_item(rng, lang, judg=True)
        jv = ji.doc.text
        items.insert(rng.randrange(len(items) + 1), ji)
    d, ctx = negative_case0(rng, lang, cname, fn, items)
    present = jv is not None and ctx not in ("ctx:hex", "ctx:b64-image")
    return d, ctx, present


def negative_case0(rng, lang, cname, fn, items):
    if cname == "base64":
        k = rng.randrange(3)
        if k == 0:
            env = "\n".join(rng.sample(HARMLESS_ENV, 4) + ["%s=%s" % (env_key(it.key), it.doc.text) for it in items]) + "\n"
            return D({"en": "Decode this .env (base64) for me:\n", "it": "Decodificami questo .env (base64):\n"}[lang], b64doc(Doc(env), wrap=76)), "ctx:b64-env"
        if k == 1:
            cfg = json.dumps({"theme": "dark", "locale": "it-IT", "pageSize": 50, "features": ["search", "export"],
                              "ids": [it.doc.text for it in items]}, separators=(",", ":"))
            return D({"en": "What is this config? ", "it": "Che configurazione è questa? "}[lang], base64.b64encode(cfg.encode()).decode()), "ctx:b64-json"
        raw = bytes(rng.randrange(256) for _ in range(rng.randint(60, 180)))
        return D({"en": "The image upload fails: data:image/png;base64,", "it": "Il caricamento dell'immagine fallisce: data:image/png;base64,"}[lang],
                 "iVBORw0KGgoAAAANSUhEUgAA" + base64.b64encode(raw).decode()), "ctx:b64-image"
    if cname == "hex":
        s = rng.choice(["hello world", "GET /healthz", "Ciao, come stai?", "order=ORD-%08d" % rng.randint(0, 10 ** 8), "temp=21.5C"])
        return D({"en": "What does this hex say? ", "it": "Cosa dice questo hex? "}[lang], s.encode().hex()), "ctx:hex"
    if cname == "url":
        v = urllib.parse.quote("https://app.acme.it/dashboard?tab=reports&range=30d", safe="")
        d = D("https://login.acme.it/sso/redirect?next=", v, "&state=", uuid4(rng), "&q=", urllib.parse.quote_plus("caffè e cornetto"),
              "&", J("&", [D(urllib.parse.quote(it.key), "=", urllib.parse.quote(it.doc.text, safe="")) for it in items]))
        return D({"en": "Is this URL safe to share?\n", "it": "Posso condividere questo URL?\n"}[lang], d), "ctx:url"
    return fn(rng, lang, items)


# --------------------------------------------------------------------------------------------
# self-check
# --------------------------------------------------------------------------------------------
def json_unescape_fragment(s):
    def rep(m):
        g = m.group(1)
        if g[0] == "u":
            return chr(int(g[1:], 16))
        return {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\", "/": "/", "b": "\b", "f": "\f"}[g]
    s = re.sub(r'\\(u[0-9a-fA-F]{4}|[ntr"\\/bf])', rep, s)
    return s.encode("utf-16", "surrogatepass").decode("utf-16")


def undo(step, s):
    if step == "json":
        return json_unescape_fragment(s)
    if step == "html":
        return htmlmod.unescape(s)
    if step == "pct":
        return urllib.parse.unquote(s)
    if step == "pctplus":
        return urllib.parse.unquote_plus(s)
    if step == "qp":
        return quopri.decodestring(s.encode()).decode("utf-8")
    if step in ("b64", "b64u"):
        t = re.sub(r"\s", "", s)
        return (base64.urlsafe_b64decode if step == "b64u" else base64.b64decode)(t).decode("utf-8", "replace")
    if step == "hex":
        t = s.replace("\\x", "")
        return bytes.fromhex(t).decode("utf-8", "replace")
    if step == "nlesc":
        return s.replace("\\n\\\n", "\n").replace("\\n", "\n").replace('\\"', '"')
    if step == "shq":
        return s.replace("'\\''", "'")
    if step == "mdpipe":
        return s.replace("\\|", "|")
    if step == "yq":
        return s.replace("''", "'")
    if step == "toml":
        return s.replace('\\"', '"').replace("\\\\", "\\")
    if step == "propesc":
        return re.sub(r"\\([:=])", r"\1", s)
    if step == "indent":
        return s
    raise ValueError(step)


def alnum(s):
    return "".join(c for c in s if c.isascii() and c.isalnum())


def decode_value(surface, steps, lang):
    x = surface
    for st in reversed([s for s in steps if not s.startswith("v:")]):
        x = undo(st, x)
    vsteps = [s[2:] for s in steps if s.startswith("v:")]
    x = unicodedata.normalize("NFKC", x)
    x = "".join(c for c in x if unicodedata.category(c) != "Cf")
    x = "".join(UNHOMO.get(c, c) for c in x)
    if "reversed" in vsteps:
        x = x[::-1]
    if "spelled" in vsteps:
        words = {w: str(i) for i, w in enumerate(WORDS_EN)}
        words.update({w: str(i) for i, w in enumerate(WORDS_IT)})
        words.update({"plus": "+", "più": "+"})
        x = "".join(words.get(w.strip(","), "") for w in x.split())
    return x


def checksum_ok(typ, v):
    if typ == "CREDIT_CARD":
        return v.isdigit() and len(v) in (15, 16) and luhn_ok(v)
    if typ == "IBAN":
        ok = iban_ok(v)
        if v.startswith("IT"):
            ok = ok and it_cin(v[5:]) == v[4]
        return ok
    if typ == "IT_FISCAL_CODE":
        return re.fullmatch(r"[A-Z]{6}\d\d[ABCDEHLMPRST]\d\d[A-Z]\d{3}[A-Z]", v) is not None and cf_check(v[:15]) == v[15]
    if typ == "IT_VAT":
        return piva_ok(v)
    if typ == "US_SSN":
        return ssn_ok(v)
    if typ == "GITHUB_TOKEN":
        return gh_ok(v)
    if typ == "JWT":
        return jwt_ok(v)
    if typ == "AWS_ACCESS_KEY":
        return re.fullmatch(r"(AKIA|ASIA)[A-Z2-7]{16}", v) is not None
    if typ == "AWS_SECRET_KEY":
        return re.fullmatch(r"[A-Za-z0-9+/]{40}", v) is not None
    if typ == "EMAIL":
        return re.fullmatch(r"[\w.+-]+@[\w-]+(\.[\w-]+)+", v) is not None
    return True


def self_check(case, spans_meta):
    b = case["text"].encode("utf-8")
    for f, m in zip(case["findings"], spans_meta):
        assert b[f["start"]:f["end"]].decode("utf-8") == f["value"], (case["id"], f)
        dec = decode_value(f["value"], m["steps"], case["lang"])
        canon = m["canon"]
        substring = any(s in ("b64", "b64u", "hex") for s in m["steps"])
        a, c = alnum(dec), alnum(canon)
        if substring:
            assert c in a, (case["id"], f["type"], dec, canon)
        else:
            assert a == c, (case["id"], f["type"], repr(dec), canon, m["steps"])
        assert checksum_ok(f["type"], canon), (case["id"], f["type"], canon)
    fs = sorted(case["findings"], key=lambda f: f["start"])
    for x, y in zip(fs, fs[1:]):
        assert x["end"] <= y["start"], ("overlap", case["id"], x, y)


def neg_check(case):
    """negatives must not hide a value that passes a checksum"""
    t = case["text"]
    for m in re.finditer(r"(?<![\w.])(\d[\d -]{13,22}\d)(?![\w])", t):
        d = re.sub(r"\D", "", m.group())
        if len(d) in (15, 16) and luhn_ok(d) and d != "4242424242424242":
            raise AssertionError(("luhn-valid number in negative", case["id"], m.group()))


# --------------------------------------------------------------------------------------------
# case assembly
# --------------------------------------------------------------------------------------------
def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    seed, n, out = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
    rng = random.Random(seed)
    n_neg = round(n * 0.30)
    kinds = ["neg"] * n_neg + ["pos"] * (n - n_neg)
    rng.shuffle(kinds)
    queue = []
    cw = [c[2] for c in CONTAINERS]
    cases, metas = [], []
    for idx, kind in enumerate(kinds):
        for attempt in range(50):
            try:
                case, meta = build_case(rng, seed, idx, kind, queue, cw)
                break
            except RetryCase:
                continue
        cases.append(case)
        metas.append(meta)
    with open(out, "w", encoding="utf-8") as f:
        for c in cases:
            f.write(json.dumps(c, ensure_ascii=False) + "\n")
    mpath = out[:-6] + ".meta.jsonl" if out.endswith(".jsonl") else out + ".meta.jsonl"
    with open(mpath, "w", encoding="utf-8") as f:
        for m in metas:
            f.write(json.dumps(m, ensure_ascii=False) + "\n")
    nf = sum(len(c["findings"]) for c in cases)
    print("%s: %d cases, %d findings, %d negative, %d judgement" % (out, len(cases), nf, sum("negative" in c["tags"] for c in cases),
                                                                  sum("judgement" in c["tags"] for c in cases)), file=sys.stderr)


class RetryCase(Exception):
    pass


def next_type(rng, queue, excluded):
    if not queue:
        q = TYPES[:]
        rng.shuffle(q)
        queue.extend(q)
    for i, t in enumerate(queue):
        if t not in excluded:
            return queue.pop(i)
    t = rng.choice([t for t in TYPES if t not in excluded])
    return t


def build_case(rng, seed, idx, kind, queue, cw):
    CUR["nfd"] = False
    cname, fn, _, is_json, ev_ok, excl, prose_ok = rng.choices(CONTAINERS, weights=cw)[0]
    lang = "it" if rng.random() < 0.42 else "en"
    tags, judg = [], False
    if kind == "neg":
        judg = rng.random() < 0.18
        doc, ctx, judg = negative_case(rng, lang, cname, fn, judg)
        tags.append("negative")
    else:
        if cname in ("hex",):
            ntypes = 1
        elif cname == "base64":
            ntypes = rng.choice([1, 1, 2, 3])
        else:
            ntypes = rng.choice([1, 1, 2, 2, 2, 3, 3])
        types = []
        for _ in range(ntypes):
            t = next_type(rng, queue, excl + types)
            types.append(t)
        items = []
        used_j = False
        for t in types:
            ev = None
            r = rng.random()
            if ev_ok:
                if prose_ok and not used_j and r < 0.11:
                    cand = [e for e in J_EV if t in EVASIONS[e][2]]
                    if cand:
                        ev = rng.choice(cand)
                        used_j = True
                elif r < 0.62:
                    cand = [e for e in NONJ_EV if t in EVASIONS[e][2] and (is_json or e != "json-linebreak")]
                    if is_json and "json-linebreak" in cand and rng.random() < 0.35:
                        ev = "json-linebreak"
                    elif cand:
                        ev = rng.choice(cand)
            items.append(make_item(rng, t, lang, ev))
        if cname not in ("hex", "base64") and rng.random() < 0.35:
            for _ in range(rng.randint(1, 2)):
                items.insert(rng.randrange(len(items) + 1), neg_to_item(rng, lang))
            tags.append("distractor")
        if cname == "base64" and rng.random() < 0.3:
            items.append(neg_to_item(rng, lang))
        doc, ctx = fn(rng, lang, items)
        judg = used_j or cname == "hex"
    text = doc.text
    if "\u0000" in text:
        raise RetryCase()
    findings, meta = [], []
    evtags = []
    for sp in doc.spans:
        if sum(1 for s in sp.steps if s in ("pct", "pctplus")) >= 2 and "evasion:percent" in sp.tags and "evasion:percent-double" not in sp.tags:
            sp.tags.append("evasion:percent-double")
    for sp in sorted(doc.spans, key=lambda s: s.s):
        bs, be = len(text[:sp.s].encode("utf-8")), len(text[:sp.e].encode("utf-8"))
        value = text[sp.s:sp.e]
        findings.append({"type": sp.type, "start": bs, "end": be, "value": value})
        depth = sum(1 for s in sp.steps if s == "json")
        ftags = list(sp.tags) + (["json-depth:%d" % depth] if depth else [])
        meta.append({"type": sp.type, "start": bs, "end": be, "canon": sp.canon, "steps": sp.steps, "tags": ftags,
                     "judgement": bool(sp.judg) or cname == "hex"})
        for t in sp.tags:
            if t.startswith("evasion:") and t not in evtags:
                evtags.append(t)
    tags += evtags
    if judg:
        tags.append("judgement")
    tags.append(ctx)
    if CUR["nfd"]:
        tags.append("ctx:nfd-text")
    case = {"id": "a15-%d-%04d" % (seed, idx), "lang": lang, "text": text, "findings": [
        {k: f[k] for k in ("type", "start", "end", "value")} for f in findings], "tags": tags}
    if kind == "neg":
        if findings:
            raise AssertionError("negative with findings")  # header emails etc.
        neg_check(case)
    else:
        if not findings:
            raise RetryCase()
    self_check(case, meta)
    return case, {"id": case["id"], "container": cname, "ctx": ctx, "findings": meta}


if __name__ == "__main__":
    main()
