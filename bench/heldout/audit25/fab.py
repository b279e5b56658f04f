"""Value fabricators and validators for audit25 (written from the format definitions)."""
import base64, json, re, string, zlib, unicodedata

DIG = string.digits
UP = string.ascii_uppercase
LO = string.ascii_lowercase
B62 = DIG + UP + LO
B64 = UP + LO + DIG + "+/"
B64URL = UP + LO + DIG + "-_"


def rs(rng, alphabet, n):
    return "".join(rng.choice(alphabet) for _ in range(n))

# ---------------- Luhn / cards ----------------

def luhn_ok(d):
    s = 0
    for i, c in enumerate(reversed(d)):
        x = int(c)
        if i % 2 == 1:
            x *= 2
            if x > 9:
                x -= 9
        s += x
    return s % 10 == 0


def luhn_digit(partial):
    for c in DIG:
        if luhn_ok(partial + c):
            return c


CARD_PREFIXES = [("4", 16), ("51", 16), ("52", 16), ("53", 16), ("54", 16), ("55", 16), ("2221", 16),
                 ("2720", 16), ("23", 16), ("26", 16), ("34", 15), ("37", 15), ("6011", 16), ("65", 16)]


def card_digits(rng, valid=True, prefix=None):
    p, n = prefix or rng.choice(CARD_PREFIXES)
    body = p + rs(rng, DIG, n - len(p) - 1)
    c = luhn_digit(body)
    if not valid:
        c = str((int(c) + rng.randint(1, 9)) % 10)
    return body + c


def card_fmt(rng, d, style=None):
    style = style or rng.choice(["space", "space", "dash", "plain", "plain"])
    if style == "plain":
        return d
    sep = " " if style == "space" else "-"
    if len(d) == 15:
        return sep.join([d[:4], d[4:10], d[10:]])
    return sep.join(d[i:i + 4] for i in range(0, len(d), 4))


def card_like_ok(s):
    d = re.sub(r"[ \-]", "", s)
    if not d.isdigit() or not (13 <= len(d) <= 19):
        return False
    if not luhn_ok(d):
        return False
    return bool(re.match(r"^(4|5[1-5]|2[2-7]|3[47]|6011|65|64[4-9]|35|36|30|38)", d))

# ---------------- IBAN ----------------
# country: (length, BBAN structure per SWIFT IBAN registry) n=digits a=upper letters c=alnum
IBAN_SPEC = {
    "IT": (27, "1a5n5n12c"), "SM": (27, "1a5n5n12c"), "DE": (22, "8n10n"), "FR": (27, "5n5n11c2n"),
    "ES": (24, "4n4n1n1n10n"), "GB": (22, "4a6n8n"), "NL": (18, "4a10n"), "CH": (21, "5n12c"),
    "BE": (16, "3n7n2n"), "AT": (20, "5n11n"), "PT": (25, "4n4n11n2n"), "IE": (22, "4a6n8n"),
    "LU": (20, "3n13c"), "PL": (28, "8n16n"), "GR": (27, "3n4n16c"),
}


def iban_mod97(s):
    s = s.replace(" ", "").upper()
    r = s[4:] + s[:4]
    num = "".join(str(int(c, 36)) for c in r)
    return int(num) % 97


def iban_ok(s):
    s = s.replace(" ", "")
    if not re.fullmatch(r"[A-Z]{2}\d{2}[A-Z0-9]+", s):
        return False
    spec = IBAN_SPEC.get(s[:2])
    if spec and len(s) != spec[0]:
        return False
    if not spec and not (15 <= len(s) <= 34):
        return False
    return iban_mod97(s) == 1


def _bban(rng, struct):
    out = ""
    for n, k in re.findall(r"(\d+)([nac])", struct):
        n = int(n)
        out += rs(rng, DIG if k == "n" else UP if k == "a" else DIG + DIG + UP, n)
    return out

_CIN_ODD = [1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23]


def it_cin(rest):  # rest = ABI+CAB+conto (22 chars)
    s = 0
    for i, c in enumerate(rest):
        v = int(c) if c.isdigit() else ord(c) - 65
        s += _CIN_ODD[v] if i % 2 == 0 else v
    return UP[s % 26]


def _rib_key(bank, branch, acct):
    conv = {}
    for i, c in enumerate(UP):
        conv[c] = str("12345678912345678923456789"[i])
    a = "".join(conv.get(c, c) for c in acct)
    return "%02d" % (97 - (89 * int(bank) + 15 * int(branch) + 3 * int(a)) % 97)


def _es_dc(bank, branch, acct):
    w = [1, 2, 4, 8, 5, 10, 9, 7, 3, 6]
    def d(s):
        s = s.rjust(10, "0")
        x = 11 - sum(int(a) * b for a, b in zip(s, w)) % 11
        return {10: 1, 11: 0}.get(x, x)
    return "%d%d" % (d("00" + bank + branch), d(acct))


def iban(rng, cc=None, valid=True):
    cc = cc or rng.choice(list(IBAN_SPEC))
    L, st = IBAN_SPEC[cc]
    b = _bban(rng, st)
    if cc in ("IT", "SM"):
        b = it_cin(b[1:]) + b[1:]
    elif cc == "FR":
        b = b[:21] + _rib_key(b[:5], b[5:10], b[10:21])
    elif cc == "ES":
        b = b[:8] + _es_dc(b[:4], b[4:8], b[10:]) + b[10:]
    elif cc == "BE":
        b = b[:10] + "%02d" % ((int(b[:10]) % 97) or 97)
    chk = 98 - iban_mod97(cc + "00" + b)
    if not valid:
        chk = (chk + rng.randint(1, 90)) % 97 + 2
        if chk > 98:
            chk = 5
    v = "%s%02d%s" % (cc, chk, b)
    if not valid and iban_ok(v):
        return iban(rng, cc, False)
    return v


def iban_fmt(rng, v, style=None):
    style = style or rng.choice(["grp", "grp", "plain"])
    if style == "plain":
        return v
    return " ".join(v[i:i + 4] for i in range(0, len(v), 4))

# ---------------- Codice fiscale ----------------
CF_ODD = {c: v for c, v in zip(DIG + UP, [1, 0, 5, 7, 9, 13, 15, 17, 19, 21] + [1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23])}
CF_EVEN = {c: v for c, v in zip(DIG + UP, list(range(10)) + list(range(26)))}
OMO = "LMNPQRSTUV"
MONTHS = "ABCDEHLMPRST"
BELFIORE = ["F205", "H501", "A944", "L219", "G273", "C351", "D612", "L736", "A662", "B354", "E506", "F839", "Z404", "Z112"]


def cf_check(s15):
    t = sum(CF_ODD[c] if i % 2 == 0 else CF_EVEN[c] for i, c in enumerate(s15))
    return UP[t % 26]


def cf(rng, valid=True, omocodia=0):
    name = rs(rng, "BCDFGHLMNPRSTVZ", 3) + rs(rng, "BCDFGHLMNPRSTVZAEIOUX", 3)
    yy = "%02d" % rng.randint(0, 99)
    m = rng.choice(MONTHS)
    dd = rng.randint(1, 28) + (40 if rng.random() < 0.5 else 0)
    s = name + yy + m + "%02d" % dd + rng.choice(BELFIORE)
    s = list(s)
    for pos in [14, 13, 12, 10, 9, 7, 6][:omocodia]:
        s[pos] = OMO[int(s[pos])]
    s = "".join(s)
    c = cf_check(s)
    if not valid:
        c = UP[(UP.index(c) + rng.randint(1, 25)) % 26]
    return s + c


CF_RE = re.compile(r"[A-Z]{6}[0-9LMNPQRSTUV]{2}[ABCDEHLMPRST][0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{3}[A-Z]")


def cf_ok(s):
    s = s.upper()
    return bool(CF_RE.fullmatch(s)) and cf_check(s[:15]) == s[15]

# ---------------- Partita IVA ----------------

def piva(rng, valid=True):
    office = rng.choice(["%03d" % rng.randint(1, 100), "120", "121", "888", "999"])
    body = rs(rng, DIG, 7) + office
    c = luhn_digit(body)
    if not valid:
        c = str((int(c) + rng.randint(1, 9)) % 10)
    return body + c


def piva_ok(s):
    return len(s) == 11 and s.isdigit() and luhn_ok(s) and s != "00000000000" and (1 <= int(s[7:10]) <= 100 or s[7:10] in ("120", "121", "888", "999"))

# ---------------- SSN ----------------

def ssn(rng, sep="-"):
    while True:
        a = rng.randint(1, 899)
        if a != 666:
            break
    return "%03d%s%02d%s%04d" % (a, sep, rng.randint(1, 99), sep, rng.randint(1, 9999))


def ssn_ok(s):
    m = re.fullmatch(r"(\d{3})[- ]?(\d{2})[- ]?(\d{4})", s)
    if not m:
        return False
    a, g, n = m.groups()
    return a not in ("000", "666") and a[0] != "9" and g != "00" and n != "0000"

# ---------------- phones ----------------

def phone(rng, style=None):
    style = style or rng.choice(["de", "itmob", "itmob_sp", "uk", "us_dash", "us_plus", "itland", "itland_slash",
                                 "us_paren", "itmob_plain", "uk_mob", "it_plus_land"])
    r = lambda n: rs(rng, DIG, n)
    mob = lambda: "3" + rng.choice(["20", "28", "31", "33", "34", "38", "39", "40", "45", "47", "48", "66", "73", "77", "91"])
    if style == "de": return "+49 30 %s %s" % (r(4), r(4))
    if style == "itmob": return "+39" + mob() + r(7)
    if style == "itmob_sp": return "+39 %s %s %s" % (mob(), r(3), r(4))
    if style == "uk": return "+44 20 7%s %s" % (r(3), r(4))
    if style == "uk_mob": return "+44 7%s %s" % (r(3), r(6))
    if style == "us_dash": return "%s-%s-%s" % (rng.choice(["212", "415", "646", "331", "353", "617", "312"]), "2" + r(2), r(4))
    if style == "us_plus": return "+1 %s %s %s" % (rng.choice(["212", "415", "646", "617"]), "2" + r(2), r(4))
    if style == "us_paren": return "(%s) %s-%s" % (rng.choice(["212", "415", "646", "617"]), "5" + r(2), r(4))
    s7 = lambda: rng.choice("23456789") + r(6)
    if style == "itland": return "%s %s" % (rng.choice(["011", "051", "055", "081", "02", "06", "010"]), s7())
    if style == "itland_slash": return "%s/%s" % (rng.choice(["011", "051", "055", "081"]), s7())
    if style == "itmob_plain": return mob() + " " + r(7)
    if style == "it_plus_land": return "+39 %s %s" % (rng.choice(["02", "06"]), rng.choice("23456789") + r(7))

# ---------------- emails / IP ----------------
FIRST = ["mario", "giulia", "luca", "anna", "paolo", "chiara", "marco", "sofia", "john", "emily", "david", "laura", "li", "ahmed", "sarah", "francesca", "giorgio", "elena", "matteo", "oliver"]
LAST = ["rossi", "bianchi", "esposito", "ferrari", "colombo", "romano", "greco", "bruno", "smith", "johnson", "brown", "garcia", "mueller", "dubois", "wang", "marino", "conti", "ricci"]
DOMAINS = ["libero.it", "gmail.com", "acme.it", "banca-nord.it", "example-corp.com", "northwind.co.uk", "contoso.eu", "pec.comune.milano.it", "outlook.com", "studiolegale-verdi.it", "fabbrica-ricambi.it", "hotmail.it", "azienda.com", "mail.unibo.it", "legalmail.it"]


def email(rng):
    f, l = rng.choice(FIRST), rng.choice(LAST)
    loc = rng.choice([f + "." + l, l + "." + f, f[0] + l, f + "_" + l + str(rng.randint(10, 99)), f + "+newsletter", f + "-" + l, f + l[:3] + str(rng.randint(1, 9))])
    return loc + "@" + rng.choice(DOMAINS)


def ipv4(rng):
    k = rng.random()
    if k < 0.35: return "10.%d.%d.%d" % (rng.randint(0, 255), rng.randint(0, 255), rng.randint(1, 254))
    if k < 0.55: return "192.168.%d.%d" % (rng.randint(0, 255), rng.randint(1, 254))
    if k < 0.65: return "172.%d.%d.%d" % (rng.randint(16, 31), rng.randint(0, 255), rng.randint(1, 254))
    return "%d.%d.%d.%d" % (rng.choice([151, 80, 93, 62, 185, 212, 79, 5, 94]), rng.randint(0, 255), rng.randint(0, 255), rng.randint(1, 254))


def ipv6(rng):
    h = lambda: "%x" % rng.randint(0x1000, 0xffff)
    if rng.random() < 0.5:
        return "fd%02x:%s:%s::%s" % (rng.randint(0, 255), h(), h(), h())
    return "2001:db8:%s:%s::%s" % (h(), h(), h()) if False else "2a01:%s:%s:%s:%s:%s:%s:%s" % tuple(h() for _ in range(7))

# ---------------- secrets ----------------

def aws_key_id(rng):
    return rng.choice(["AKIA", "AKIA", "ASIA"]) + rs(rng, UP + "234567", 16)


def aws_secret(rng):
    return rs(rng, B64, 40)


def _b62(n, w=6):
    s = ""
    while n:
        s = B62[n % 62] + s
        n //= 62
    return s.rjust(w, "0")


def gh_token(rng, valid=True, prefix=None):
    p = prefix or rng.choice(["ghp", "ghp", "gho", "ghu", "ghs", "ghr"])
    body = rs(rng, B62, 30)
    c = _b62(zlib.crc32(body.encode()))
    if not valid:
        c = c[:-1] + rng.choice([x for x in B62 if x != c[-1]])
    return p + "_" + body + c


def gh_ok(s):
    m = re.fullmatch(r"gh[pousr]_([A-Za-z0-9]{30})([A-Za-z0-9]{6})", s)
    return bool(m) and _b62(zlib.crc32(m.group(1).encode())) == m.group(2)


def gh_pat(rng):
    return "github_pat_" + rs(rng, B62, 22) + "_" + rs(rng, B62, 59)


def glpat(rng):
    return "glpat-" + rs(rng, B62 + "-_", 20)


def slack_token(rng):
    return "%s-%s-%s-%s" % (rng.choice(["xoxb", "xoxp"]), rs(rng, DIG, 12), rs(rng, DIG, 12), rs(rng, B62, 24))


def slack_webhook(rng):
    return "https://hooks.slack.com/services/T%s/B%s/%s" % (rs(rng, UP + DIG, 8), rs(rng, UP + DIG, rng.choice([8, 10])), rs(rng, B62, 24))


def stripe(rng):
    return rng.choice(["sk_live_", "rk_live_"]) + rs(rng, B62, rng.choice([24, 34, 99]))


def openai(rng):
    k = rng.random()
    if k < 0.45:
        return "sk-" + rs(rng, B62, 20) + "T3BlbkFJ" + rs(rng, B62, 20)
    if k < 0.9:
        return "sk-proj-" + rs(rng, B62 + "-_", 74) + "T3BlbkFJ" + rs(rng, B62 + "-_", 74)
    return "sk-svcacct-" + rs(rng, B62 + "-_", 74) + "T3BlbkFJ" + rs(rng, B62 + "-_", 74)


def anthropic(rng):
    return "sk-ant-api03-" + rs(rng, B62 + "-_", 93) + "AA"


def google(rng):
    return "AIza" + rs(rng, B62 + "-_", 35)


def b64u(b):
    return base64.urlsafe_b64encode(b).decode().rstrip("=")


def jwt(rng, alg=None, with_alg=True):
    alg = alg or rng.choice(["HS256", "RS256", "ES256", "HS512"])
    hdr = {"alg": alg, "typ": "JWT"} if with_alg else {"typ": "JWT"}
    if rng.random() < 0.3 and with_alg:
        hdr["kid"] = rs(rng, LO + DIG, 8)
    sep = rng.choice([(",", ":"), (", ", ": ")])
    pl = {"sub": str(rng.randint(10 ** 7, 10 ** 8)), "name": rng.choice(FIRST).title(), "iat": rng.randint(1500000000, 1760000000)}
    if rng.random() < 0.4:
        pl["role"] = rng.choice(["admin", "user", "ops"])
    return b64u(json.dumps(hdr, separators=sep).encode()) + "." + b64u(json.dumps(pl, separators=sep).encode()) + "." + rs(rng, B64URL, 43 if alg != "ES256" else 86)


def jwt_ok(s):
    p = s.split(".")
    if len(p) != 3:
        return False
    try:
        h = json.loads(base64.urlsafe_b64decode(p[0] + "=" * (-len(p[0]) % 4)))
    except Exception:
        return False
    return isinstance(h, dict) and "alg" in h


def pem(rng, kind=None):
    kind = kind or rng.choice(["RSA PRIVATE KEY", "EC PRIVATE KEY", "PRIVATE KEY", "OPENSSH PRIVATE KEY", "ENCRYPTED PRIVATE KEY"])
    n = rng.randint(3, 9)
    lines = [rs(rng, B64, 64) for _ in range(n)] + [rs(rng, B64, rng.randint(8, 60)) + rng.choice(["", "=", "=="])]
    return "-----BEGIN %s-----\n%s\n-----END %s-----" % (kind, "\n".join(lines), kind)


def password(rng):
    base = rng.choice(["P@ssw0rd-", "Tr0ub4dor&3", "Milano#", "Summer2024!", "Qwerty!9", "Inverno2025$", "Roma_", "Zx8", "Gatto.", "Welcome#"])
    return base + rs(rng, B62 + "!$%#", rng.randint(3, 8))


def cred_url(rng):
    scheme = rng.choice(["postgres", "postgresql", "mysql", "redis", "amqp", "mongodb+srv", "mongodb", "https", "ftp", "smtp"])
    user = rng.choice(["svc_report", "root", "admin", "postgres", "app", "deploy", "etl_user"])
    pw = rs(rng, B62, rng.randint(8, 16)) + rng.choice(["", "!", "%21", "#1"]) if scheme != "https" else rs(rng, B62, 12)
    host = rng.choice(["db01.corp.local", "mysql.acme.it", "10.2.3.4", "cluster0.ab12c.mongodb.net", "pg-prod.internal", "rabbit.acme.it", "ftp.fornitore.it", "smtp.office365.com"])
    port = {"postgres": 5432, "postgresql": 5432, "mysql": 3306, "redis": 6379, "amqp": 5672, "mongodb+srv": 27017, "mongodb": 27017, "https": 443, "ftp": 21, "smtp": 587}[scheme]
    path = rng.choice(["/app", "/billing", "/crm", "/", "/0", "/reports"])
    if pw.endswith("#1"):
        pw = pw[:-2] + "%231"
    if scheme == "mongodb+srv":
        return "%s://%s:%s@%s%s" % (scheme, user, pw, host, path)
    return "%s://%s:%s@%s:%d%s" % (scheme, user, pw, host, port, path)


MARKERS_EN = ["CONFIDENTIAL", "STRICTLY CONFIDENTIAL", "INTERNAL USE ONLY", "TLP:RED", "TLP:AMBER", "COMPANY CONFIDENTIAL", "RESTRICTED"]
MARKERS_IT = ["RISERVATO", "STRETTAMENTE RISERVATO", "USO INTERNO", "CONFIDENZIALE", "RISERVATISSIMO"]

# ---------------- scanner for self-check ----------------
FMT = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")


def norm(t):
    return FMT.sub("", unicodedata.normalize("NFKC", t))


SCAN = [
    ("CREDIT_CARD", re.compile(r"(?<![\w.])(?:\d[ -]?){12,18}\d(?![\w])"), card_like_ok),
    ("IBAN", re.compile(r"(?<![A-Za-z0-9])[A-Z]{2}\d{2}(?: ?[A-Z0-9]){10,30}"), None),
    ("IT_FISCAL_CODE", re.compile(r"(?i)(?<![A-Z0-9])[A-Z0-9]{16}(?![A-Z0-9])"), lambda s: cf_ok(s)),
    ("IT_VAT", re.compile(r"(?<![\w.,])\d{11}(?![\w])"), piva_ok),
    ("US_SSN", re.compile(r"(?<![\d-])\d{3}-\d{2}-\d{4}(?![\d-])"), ssn_ok),
    ("EMAIL", re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}"), None),
    ("IP_ADDRESS", re.compile(r"(?<![\w.])(?:\d{1,3}\.){3}\d{1,3}(?![\w.]*\d)"), lambda s: all(int(x) < 256 for x in s.split("."))),
    ("IP_ADDRESS", re.compile(r"(?i)(?<![\w:])[0-9a-f]{1,4}(?::[0-9a-f]{0,4}){2,7}(?![\w:])"), lambda s: "::" in s or s.count(":") == 7),
    ("AWS_ACCESS_KEY", re.compile(r"(?:AKIA|ASIA)[A-Z2-7]{16}"), None),
    ("GITHUB_TOKEN", re.compile(r"gh[pousr]_[A-Za-z0-9]{36}"), gh_ok),
    ("GITHUB_TOKEN", re.compile(r"github_pat_[A-Za-z0-9_]{82}"), None),
    ("GITLAB_TOKEN", re.compile(r"glpat-[A-Za-z0-9_-]{20}"), None),
    ("SLACK_TOKEN", re.compile(r"xox[abprse]-\d+-\d+-[A-Za-z0-9]+"), None),
    ("SLACK_WEBHOOK", re.compile(r"hooks\.slack\.com/services/T\w+/B\w+/\w+"), None),
    ("STRIPE_KEY", re.compile(r"[sr]k_live_[A-Za-z0-9]{20,}"), None),
    ("OPENAI_KEY", re.compile(r"sk-[A-Za-z0-9_-]*T3BlbkFJ[A-Za-z0-9_-]+"), None),
    ("ANTHROPIC_KEY", re.compile(r"sk-ant-[a-z]+\d\d-[A-Za-z0-9_-]{80,}"), None),
    ("GOOGLE_API_KEY", re.compile(r"AIza[A-Za-z0-9_-]{35}"), None),
    ("JWT", re.compile(r"eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+"), jwt_ok),
    ("PRIVATE_KEY", re.compile(r"-----BEGIN [A-Z ]*PRIVATE KEY-----"), None),
    ("CREDENTIAL_URL", re.compile(r"[a-z][a-z0-9+.-]*://[^\s:/@]+:[^\s@/]+@[\w.-]+"), lambda s: "${" not in s and "<" not in s and "***" not in s),
    ("PHONE", re.compile(r"\+\d{1,3}[ \d().-]{7,16}\d"), lambda s: len(re.sub(r"\D", "", s)) >= 9),
    ("PHONE", re.compile(r"(?<![\w/.-])(?:0\d{1,3}[ /]\d{6,8}|3\d{2}[ ]?\d{6,7}|\(\d{3}\) \d{3}-\d{4}|\d{3}-\d{3}-\d{4})(?![\w/-])"), None),
]


def scan(text):
    t = norm(text)
    out = []
    for typ, rx, ok in SCAN:
        for m in rx.finditer(t):
            s = m.group(0).strip()
            if typ == "IBAN":
                s2 = s.replace(" ", "")
                # try every prefix length
                if any(iban_ok(s2[:L]) for L in range(15, len(s2) + 1)):
                    out.append((typ, s))
                continue
            if ok is None or ok(s):
                out.append((typ, s))
    return out
