"""Fabricated values and validators for the audit16 generator (standard library only).

Every value is drawn from the caller's random.Random; checksums are computed where the format
has one (Luhn, IBAN mod-97 + country length, Italian CIN, codice fiscale incl. omocodia,
partita IVA, GitHub CRC32/base62, SSN ranges, JWT header with "alg").
"""
import base64, json, re, string, unicodedata, zlib

UP = string.ascii_uppercase
LO = string.ascii_lowercase
DG = string.digits
AN = UP + LO + DG
B64 = AN + "+/"
B64URL = AN + "-_"
B62 = DG + UP + LO


def rs(r, alphabet, n):
    return "".join(r.choice(alphabet) for _ in range(n))


# ---------------------------------------------------------------- Luhn / cards
def luhn_sum_ok(d):
    s = 0
    for i, c in enumerate(reversed(d)):
        n = int(c)
        if i % 2:
            n *= 2
            if n > 9:
                n -= 9
        s += n
    return s % 10 == 0


def luhn_complete(prefix_digits):
    for c in DG:
        if luhn_sum_ok(prefix_digits + c):
            return prefix_digits + c
    raise AssertionError


def luhn_break(d):
    """same length, last digit changed so that Luhn fails"""
    for k in (3, 1, 7, 5, 2, 9, 4, 6, 8):
        c = d[:-1] + str((int(d[-1]) + k) % 10)
        if not luhn_sum_ok(c):
            return c
    raise AssertionError


CARD_BRANDS = {
    # name: (prefix generator, length, grouping)
    "visa": (lambda r: "4" + rs(r, DG, 5), 16, (4, 4, 4, 4)),
    "mc": (lambda r: str(r.randint(51, 55)) + rs(r, DG, 4), 16, (4, 4, 4, 4)),
    "mc2": (lambda r: str(r.randint(2221, 2720)) + rs(r, DG, 2), 16, (4, 4, 4, 4)),
    "amex": (lambda r: r.choice(["34", "37"]) + rs(r, DG, 4), 15, (4, 6, 5)),
    "discover": (lambda r: r.choice(["6011", "65" + rs(r, DG, 2), str(r.randint(644, 649)) + rs(r, DG, 1)]) + rs(r, DG, 2), 16, (4, 4, 4, 4)),
    "jcb": (lambda r: str(r.randint(3528, 3589)) + rs(r, DG, 2), 16, (4, 4, 4, 4)),
    "diners": (lambda r: r.choice(["36", "38"]) + rs(r, DG, 4), 14, (4, 6, 4)),
}


def card_digits(r, brand):
    pre, n, _ = CARD_BRANDS[brand]
    p = pre(r)
    p = p + rs(r, DG, n - 1 - len(p))
    return luhn_complete(p)


def card_format(r, digits, brand, style=None):
    groups = CARD_BRANDS[brand][2]
    style = style or r.choice(["space", "space", "dash", "compact"])
    if style == "compact":
        return digits
    sep = " " if style == "space" else "-"
    out, i = [], 0
    for g in groups:
        out.append(digits[i:i + g])
        i += g
    return sep.join(out)


def card_ok(s):
    d = re.sub(r"\D", "", s)
    return 13 <= len(d) <= 19 and luhn_sum_ok(d)


# ---------------------------------------------------------------- IBAN
IBAN_LEN = dict(AD=24, AE=23, AL=28, AT=20, AZ=28, BA=20, BE=16, BG=22, BH=22, BR=29, CH=21, CR=22, CY=28,
                CZ=24, DE=22, DK=18, DO=28, EE=20, EG=29, ES=24, FI=18, FO=18, FR=27, GB=22, GE=22, GI=23,
                GL=18, GR=27, GT=28, HR=21, HU=28, IE=22, IL=23, IQ=23, IS=26, IT=27, JO=30, KW=30, KZ=20,
                LB=28, LC=32, LI=21, LT=20, LU=20, LV=21, MC=27, MD=24, ME=22, MK=19, MR=27, MT=31, MU=30,
                NL=18, NO=15, PK=24, PL=28, PS=29, PT=25, QA=29, RO=24, RS=22, SA=24, SC=31, SE=24, SI=19,
                SK=24, SM=27, ST=25, SV=28, TL=23, TN=24, TR=26, UA=29, VA=22, VG=24, XK=20)

IBAN_SPEC = {
    "IT": [(1, "a"), (10, "n"), (12, "n")], "SM": [(1, "a"), (10, "n"), (12, "n")],
    "DE": [(18, "n")], "FR": [(23, "n")], "MC": [(23, "n")], "ES": [(20, "n")],
    "NL": [(4, "a"), (10, "n")], "GB": [(4, "a"), (14, "n")], "IE": [(4, "a"), (14, "n")],
    "CH": [(17, "n")], "LI": [(17, "n")], "BE": [(12, "n")], "AT": [(16, "n")], "PT": [(21, "n")],
    "LU": [(3, "n"), (13, "c")], "PL": [(24, "n")], "GR": [(23, "n")], "MT": [(4, "a"), (23, "n")],
    "NO": [(11, "n")], "DK": [(14, "n")], "FI": [(14, "n")], "SE": [(20, "n")], "HR": [(17, "n")],
    "SI": [(15, "n")], "CY": [(24, "n")], "LT": [(16, "n")], "SK": [(20, "n")], "CZ": [(20, "n")],
}
for _c, _s in IBAN_SPEC.items():
    assert 4 + sum(n for n, _ in _s) == IBAN_LEN[_c], _c

_ODD = dict(zip("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ",
                [1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8,
                 12, 14, 16, 10, 22, 25, 24, 23]))


def _even(c):
    return int(c) if c.isdigit() else ord(c) - 65


def cf_style_check(s):
    t = sum(_ODD[c] if i % 2 == 0 else _even(c) for i, c in enumerate(s))
    return chr(65 + t % 26)


def mod97(s):
    r = s[4:] + s[:4]
    return int("".join(str(int(c, 36)) for c in r)) % 97


def iban_with_check(country, bban):
    chk = 98 - mod97(country + "00" + bban)
    return "%s%02d%s" % (country, chk, bban)


def iban_make(r, country):
    parts = []
    for n, cls in IBAN_SPEC[country]:
        parts.append(rs(r, {"n": DG, "a": UP, "c": UP + DG}[cls], n))
    bban = "".join(parts)
    if country in ("IT", "SM"):
        bban = cf_style_check(bban[1:]) + bban[1:]
    if country == "BE":
        b = bban[:10]
        k = int(b) % 97 or 97
        bban = b + "%02d" % k
    return iban_with_check(country, bban)


def iban_format(r, iban, style=None):
    style = style or r.choice(["space", "space", "compact", "compact", "lower"])
    if style == "compact":
        return iban
    if style == "lower":
        return iban.lower()
    if style == "lowerspace":
        return " ".join(iban[i:i + 4] for i in range(0, len(iban), 4)).lower()
    if style == "dash":
        return "-".join(iban[i:i + 4] for i in range(0, len(iban), 4))
    return " ".join(iban[i:i + 4] for i in range(0, len(iban), 4))


def iban_ok(s):
    c = re.sub(r"[\s-]", "", s).upper()
    return (len(c) >= 5 and c[:2] in IBAN_LEN and len(c) == IBAN_LEN[c[:2]] and c[2:4].isdigit()
            and c.isalnum() and mod97(c) == 1)


def iban_break(r, iban):
    """change one BBAN digit so mod-97 fails (length unchanged)"""
    while True:
        i = r.randrange(5, len(iban))
        if iban[i].isdigit():
            c = iban[:i] + str((int(iban[i]) + r.randint(1, 9)) % 10) + iban[i + 1:]
            if mod97(c) != 1:
                return c


def iban_wrong_length(r, country):
    """mod-97 valid string whose length is wrong for its country"""
    n = IBAN_LEN[country] - 4 + r.choice([-2, -1, 1, 2])
    bban = rs(r, DG, n)
    return iban_with_check(country, bban)


# ---------------------------------------------------------------- codice fiscale
CF_MONTHS = "ABCDEHLMPRST"
OMO = "LMNPQRSTUV"
CF_PLACES = ["L424", "D969", "G224", "H703", "E463", "I452", "L781", "B157", "F158", "C933", "H501", "F205",
             "L219", "F839", "A794", "G702", "E625", "H294", "D548", "I690", "Z404", "Z112", "Z114", "L483"]
CF_DIGIT_POS = [6, 7, 9, 10, 12, 13, 14]


def _cons(r, n):
    return rs(r, "BCDFGHJKLMNPQRSTVZ", n)


def cf_make(r, omocodia=0, female=None):
    sur = _cons(r, 2) + r.choice("AEIOU" + "BCDFGLMNPRSTV")
    nam = _cons(r, 3)
    yy = "%02d" % r.randint(0, 99)
    mm = r.choice(CF_MONTHS)
    day = r.randint(1, 28)
    if female is None:
        female = r.random() < 0.5
    if female:
        day += 40
    s = sur + nam + yy + mm + "%02d" % day + r.choice(CF_PLACES)
    s = list(s)
    for pos in sorted(CF_DIGIT_POS, reverse=True)[:omocodia]:
        s[pos] = OMO[int(s[pos])]
    s = "".join(s)
    return s + cf_style_check(s)


CF_RE = re.compile(r"[A-Z]{6}[0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{3}[A-Z]")


def cf_ok(s):
    s = s.upper()
    if not CF_RE.fullmatch(s):
        return False
    if s[8] not in CF_MONTHS:
        return False
    dd = "".join(str(OMO.index(c)) if c in OMO else c for c in s[9:11])
    d = int(dd)
    if not (1 <= d <= 31 or 41 <= d <= 71):
        return False
    return cf_style_check(s[:15]) == s[15]


def cf_break_check(s):
    c = s[15]
    return s[:15] + chr(65 + (ord(c) - 65 + 7) % 26)


def cf_bad_month(r):
    """valid check character but an impossible month letter"""
    s = cf_make(r)
    s = s[:8] + r.choice("FGIKNOQUVWXYZ") + s[9:15]
    return s + cf_style_check(s)


def cf_bad_day(r):
    s = cf_make(r)
    s = s[:9] + r.choice(["32", "35", "00", "39", "72", "80", "99"]) + s[11:15]
    return s + cf_style_check(s)


# ---------------------------------------------------------------- partita IVA
def piva_check(d10):
    t = 0
    for i, c in enumerate(d10):
        x = int(c)
        if i % 2:
            x *= 2
            if x > 9:
                x -= 9
        t += x
    return str((10 - t % 10) % 10)


def piva_make(r):
    d = rs(r, DG, 7)
    if d == "0000000":
        d = "0000001"
    office = "%03d" % r.choice(list(range(1, 101)) + [120, 121])
    return d + office + piva_check(d + office)


def piva_ok(s):
    return bool(re.fullmatch(r"\d{11}", s)) and piva_check(s[:10]) == s[10]


def piva_break(s):
    return s[:10] + str((int(s[10]) + 3) % 10)


# ---------------------------------------------------------------- SSN
def ssn_make(r):
    a = r.choice([x for x in range(1, 900) if x != 666])
    return "%03d-%02d-%04d" % (a, r.randint(1, 99), r.randint(1, 9999))


def ssn_ok(s):
    m = re.fullmatch(r"(\d{3})[- ]?(\d{2})[- ]?(\d{4})", s)
    if not m:
        return False
    a, g, n = m.groups()
    return a != "000" and a != "666" and a[0] != "9" and g != "00" and n != "0000"


def ssn_invalid(r):
    k = r.randrange(5)
    if k == 0:
        return "000-%02d-%04d" % (r.randint(1, 99), r.randint(1, 9999))
    if k == 1:
        return "666-%02d-%04d" % (r.randint(1, 99), r.randint(1, 9999))
    if k == 2:
        return "9%02d-%02d-%04d" % (r.randint(0, 99), r.randint(1, 99), r.randint(1, 9999))
    if k == 3:
        return "%03d-00-%04d" % (r.randint(1, 665), r.randint(1, 9999))
    return "%03d-%02d-0000" % (r.randint(1, 665), r.randint(1, 99))


# ---------------------------------------------------------------- tokens
def b62(n):
    s = ""
    while n:
        s = B62[n % 62] + s
        n //= 62
    return s.rjust(6, "0")


def gh_make(r, prefix=None):
    prefix = prefix or r.choice(["ghp", "ghp", "gho", "ghu", "ghs", "ghr"])
    body = rs(r, AN, 30)
    return "%s_%s%s" % (prefix, body, b62(zlib.crc32(body.encode())))


def gh_fine_grained(r):
    return "github_pat_" + rs(r, AN, 22) + "_" + rs(r, AN, 59)


def gh_ok(t):
    m = re.fullmatch(r"gh[pousr]_([A-Za-z0-9]{30})([A-Za-z0-9]{6})", t)
    return bool(m) and b62(zlib.crc32(m.group(1).encode())) == m.group(2)


def gh_bad_crc(r):
    t = gh_make(r)
    while gh_ok(t):
        t = t[:-1] + r.choice(AN)
    return t


def aws_akid(r, prefix=None):
    return (prefix or r.choice(["AKIA", "AKIA", "AKIA", "ASIA"])) + rs(r, UP + "234567", 16)


def aws_secret(r):
    while True:
        s = rs(r, B64, 40)
        if re.search(r"[+/]", s) and re.search(r"[a-z]", s) and re.search(r"[A-Z]", s) and re.search(r"\d", s):
            return s


def gitlab_token(r, kind=None):
    kind = kind or r.choice(["pat", "pat", "pat", "pat_routable", "rrt", "rt", "dt", "ptt", "ft", "soat", "cbt"])
    if kind == "pat":
        return "glpat-" + rs(r, AN + "-_", 20)
    if kind == "pat_routable":
        return "glpat-" + rs(r, AN + "-_", r.choice([27, 31, 36])) + "." + "01" + rs(r, LO + DG, 7)
    if kind == "rt":
        return "glrt-" + rs(r, AN + "-_", 20)
    if kind == "rrt":
        return "GR1348941" + rs(r, AN + "-_", 20)
    if kind == "dt":
        return "gldt-" + rs(r, AN + "-_", 20)
    if kind == "ptt":
        return "glptt-" + rs(r, "0123456789abcdef", 40)
    if kind == "ft":
        return "glft-" + rs(r, AN + "-_", 20)
    if kind == "soat":
        return "glsoat-" + rs(r, AN + "-_", 20)
    if kind == "cbt":
        return "glcbt-" + rs(r, "0123456789abcdef", 2) + "_" + rs(r, AN + "_-", 20)
    raise ValueError(kind)


def slack_token(r, kind=None):
    kind = kind or r.choice(["xoxb", "xoxb", "xoxp", "xoxp4", "xapp", "xoxe"])
    if kind == "xoxb":
        return "xoxb-%s-%s-%s" % (rs(r, DG, r.choice([10, 11, 12])), rs(r, DG, 13), rs(r, AN, 24))
    if kind == "xoxp":
        return "xoxp-%s-%s-%s" % (rs(r, DG, 12), rs(r, DG, 12), rs(r, AN, 24))
    if kind == "xoxp4":
        return "xoxp-%s-%s-%s-%s" % (rs(r, DG, 11), rs(r, DG, 10), rs(r, DG, 11), rs(r, "0123456789abcdef", 32))
    if kind == "xapp":
        return "xapp-1-A%s-%s-%s" % (rs(r, UP + DG, 10), rs(r, DG, 13), rs(r, "0123456789abcdef", 64))
    if kind == "xoxe":
        return "xoxe.xoxp-1-" + rs(r, AN, 146)
    raise ValueError(kind)


def slack_webhook(r):
    return "https://hooks.slack.com/services/T%s/B%s/%s" % (rs(r, UP + DG, r.choice([8, 8, 10])),
                                                            rs(r, UP + DG, r.choice([8, 10, 10])), rs(r, AN, 24))


def stripe_key(r, prefix=None):
    prefix = prefix or r.choice(["sk_live_", "sk_live_", "rk_live_"])
    n = r.choice([24, 24, 34, 99])
    if n == 99:
        return prefix + "51" + rs(r, AN, 97)
    return prefix + rs(r, AN, n)


def openai_key(r, kind=None):
    kind = kind or r.choice(["proj", "proj", "proj", "svcacct", "admin", "legacy"])
    if kind == "legacy":
        return "sk-" + rs(r, AN, 20) + "T3BlbkFJ" + rs(r, AN, 20)
    pre = {"proj": "sk-proj-", "svcacct": "sk-svcacct-", "admin": "sk-admin-"}[kind]
    return pre + rs(r, AN + "-_", 74) + "T3BlbkFJ" + rs(r, AN + "-_", 74)


def anthropic_key(r, kind=None):
    kind = kind or r.choice(["api03", "api03", "api03", "admin01"])
    return "sk-ant-%s-%s" % (kind, rs(r, AN + "-_", 93)) + "AA"


def google_key(r):
    return "AIza" + rs(r, AN + "-_", 35)


def b64u(b):
    return base64.urlsafe_b64encode(b).rstrip(b"=").decode()


FIRST_NAMES = ["Federica", "Tommaso", "Ilaria", "Matteo", "Beatrice", "Lorenzo", "Valentina", "Riccardo", "Elisa",
               "Gabriele", "Martina", "Stefano", "Noemi", "Edoardo", "Arianna", "Filippo", "Ginevra", "Kevin",
               "Rachel", "Olivia", "Nathan", "Grace", "Ethan", "Hannah", "Oliver", "Megan", "Priya", "Tomasz",
               "Fatima", "Yuki", "Lukas", "Ines"]


def jwt_make(r, alg=None, header_style=None):
    alg = alg or r.choice(["HS256", "HS256", "RS256", "ES256", "HS512", "PS256"])
    hs = header_style or r.choice(["compact", "compact", "typfirst", "kid", "spaced"])
    if hs == "compact":
        h = json.dumps({"alg": alg, "typ": "JWT"}, separators=(",", ":"))
    elif hs == "typfirst":
        h = json.dumps({"typ": "JWT", "alg": alg}, separators=(",", ":"))
    elif hs == "kid":
        h = json.dumps({"alg": alg, "kid": rs(r, LO + DG, 16), "typ": "JWT"}, separators=(",", ":"))
    else:
        h = json.dumps({"alg": alg, "typ": "JWT"})
    iat = r.randint(1600000000, 1790000000)
    p = {"sub": str(r.randint(10 ** 6, 10 ** 9)), "iat": iat, "exp": iat + r.choice([900, 3600, 86400])}
    if r.random() < 0.5:
        p["name"] = r.choice(FIRST_NAMES)
    if r.random() < 0.4:
        p["role"] = r.choice(["admin", "user", "editor", "svc"])
    if r.random() < 0.3:
        p["iss"] = r.choice(["https://auth.acme-portal.io", "urn:intranet", "keycloak"])
    pl = json.dumps(p, separators=(",", ":")) if r.random() < 0.6 else json.dumps(p)
    if alg == "none":
        sig = ""
    else:
        nbytes = {"HS256": 32, "HS512": 64, "RS256": 256, "PS256": 256, "ES256": 64}[alg]
        sig = b64u(bytes(r.randrange(256) for _ in range(nbytes)))
    return b64u(h.encode()) + "." + b64u(pl.encode()) + "." + sig


def jwt_ok(t):
    parts = t.split(".")
    if len(parts) != 3:
        return False
    try:
        h = json.loads(base64.urlsafe_b64decode(parts[0] + "=" * (-len(parts[0]) % 4)))
        json.loads(base64.urlsafe_b64decode(parts[1] + "=" * (-len(parts[1]) % 4)))
    except Exception:
        return False
    return isinstance(h, dict) and "alg" in h


def jwt_no_alg(r):
    h = json.dumps(r.choice([{"typ": "JWT"}, {"ver": 2, "enc": "none"}, {"kind": "cursor", "v": 1}]),
                   separators=(",", ":"))
    p = json.dumps({"page": r.randint(2, 90), "after": rs(r, LO + DG, 10)}, separators=(",", ":"))
    return b64u(h.encode()) + "." + b64u(p.encode()) + "." + b64u(bytes(r.randrange(256) for _ in range(16)))


PEM_KINDS = {
    "RSA PRIVATE KEY": "MIIEpAIBAAKCAQEA",
    "PRIVATE KEY": "MIIEvQIBADANBgkqhkiG9w0BAQEFAASC",
    "EC PRIVATE KEY": "MHcCAQEEI",
    "OPENSSH PRIVATE KEY": "b3BlbnNzaC1rZXktdjEAAAAA",
    "ENCRYPTED PRIVATE KEY": "MIIFHDBOBgkqhkiG9w0BBQ0wQTApBgkqhkiG9w0BBQwwHAQI",
    "DSA PRIVATE KEY": "MIIBuwIBAAKBgQD",
}


def pem_body_lines(r, kind, nlines=None):
    nlines = nlines or r.randint(3, 9)
    pre = PEM_KINDS.get(kind, "MII")
    body = pre + rs(r, B64, 64 * nlines - len(pre))
    lines = [body[i:i + 64] for i in range(0, len(body), 64)]
    tail = rs(r, B64, r.randint(8, 60))
    pad = r.choice(["", "=", "=="])
    lines.append(tail + pad)
    return lines


def pem_make(r, kind=None, nl="\n", indent="", nlines=None):
    kind = kind or r.choice(list(PEM_KINDS))
    lines = pem_body_lines(r, kind, nlines)
    out = ["-----BEGIN %s-----" % kind]
    if kind == "RSA PRIVATE KEY" and r.random() < 0.2:
        out += ["Proc-Type: 4,ENCRYPTED", "DEK-Info: AES-128-CBC," + rs(r, "0123456789ABCDEF", 32), ""]
    out += lines + ["-----END %s-----" % kind]
    return (nl + indent).join(out)


# ---------------------------------------------------------------- people, phones, net
LAST_NAMES = ["Ferri", "Moretti", "Barbieri", "Fontana", "Santoro", "Mariani", "Rinaldi", "Caruso", "Ferrara",
              "Galli", "Martini", "Leone", "Longo", "Gentile", "Martinelli", "Vitale", "Lombardo", "Serra",
              "Coppola", "De Santis", "Walker", "Harris", "Clarke", "Nguyen", "Patel", "Kowalski", "Schmidt",
              "Novak", "O'Connor", "Reyes"]
DOMAINS = ["officine-lorenzi.it", "gruppo-adriatica.com", "studio-ferri.eu", "medilab-torino.it",
           "logistica-padana.it", "cantiere-nautico.it", "bluefin-analytics.io", "harbourline.co.uk",
           "nordkap-systems.de", "maison-lefevre.fr", "hotmail.it", "yahoo.com", "icloud.com", "proton.me",
           "tiscali.it", "virgilio.it", "fastwebnet.it", "live.com", "legalmail.it", "postecert.it",
           "mail.ufficio-tecnico.comune.parma.it", "dept.uni-verona.it", "helvetia-treuhand.ch", "agenzia-sole.travel"]


def person(r):
    return r.choice(FIRST_NAMES), r.choice(LAST_NAMES)


def _slug(s):
    return re.sub(r"[^a-z]", "", s.lower())


def email_make(r, first=None, last=None, domain=None):
    f, l = person(r)
    f, l = _slug(first or f), _slug(last or l)
    d = domain or r.choice(DOMAINS)
    k = r.randrange(9)
    local = [f + "." + l, f[0] + "." + l, f + l + str(r.randint(70, 2005)), f + "_" + l, f + "-" + l,
             l + "." + f + "+" + r.choice(["fatture", "shop", "lavoro", "test"]), l + f[0] + str(r.randint(1, 99)),
             f + "." + l, "info"][k]
    e = local + "@" + d
    if r.random() < 0.08:
        e = local.capitalize() + "@" + d.upper() if r.random() < 0.3 else (f.capitalize() + "." + l.capitalize() + "@" + d)
    return e


EMAIL_RE = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")


def phone_make(r, region=None):
    region = region or r.choice(["it_mob", "it_mob", "it_mob", "it_land", "it_land", "us", "uk", "de", "fr", "ch", "es"])
    n = lambda k: rs(r, DG, k)
    if region == "it_mob":
        p = "3" + r.choice("1234567689") + n(1)
        rest = n(7)
        return r.choice([
            "+39 %s %s %s" % (p, rest[:3], rest[3:]), "+39 %s%s" % (p, rest), "%s %s" % (p, rest),
            "%s-%s" % (p, rest), "%s %s %s" % (p, rest[:3], rest[3:]), "0039 %s %s" % (p, rest),
            "(+39) %s %s" % (p, rest), "+39 %s.%s.%s" % (p, rest[:3], rest[3:]), "+39%s%s" % (p, rest)])
    if region == "it_land":
        a = r.choice(["02", "06", "011", "051", "055", "081", "010", "041", "045", "070", "091", "0521"])
        rest = n(10 - len(a))
        return r.choice(["+39 %s %s" % (a, rest), "%s %s" % (a, rest), "%s/%s" % (a, rest), "%s-%s" % (a, rest),
                         "+39 %s %s %s" % (a, rest[:4], rest[4:]), "0039 %s %s" % (a, rest)])
    if region == "us":
        a = r.choice(["212", "312", "415", "617", "737", "206", "303", "646", "213", "512", "919"])
        x = str(r.randint(201, 989))
        if x == "555":
            x = "556"
        l = n(4)
        return r.choice(["(%s) %s-%s" % (a, x, l), "+1 (%s) %s-%s" % (a, x, l), "%s.%s.%s" % (a, x, l),
                         "+1-%s-%s-%s" % (a, x, l), "%s-%s-%s" % (a, x, l), "+1 %s %s %s" % (a, x, l)])
    if region == "uk":
        return r.choice(["+44 20 %s %s" % ("3" + n(3), n(4)), "+44 7%s %s" % (n(3), n(6)), "07%s %s" % (n(3), n(6)),
                         "+44 (0)161 %s %s" % ("2" + n(2), n(4)), "020 %s %s" % ("8" + n(3), n(4))])
    if region == "de":
        return r.choice(["+49 89 %s %s" % (n(4), n(4)), "+49 151 %s" % n(8), "030 %s" % n(8), "+49 (0)40 %s-%s" % (n(3), n(3))])
    if region == "fr":
        return r.choice(["+33 6 %s %s %s %s" % (n(2), n(2), n(2), n(2)), "01 %s %s %s %s" % (n(2), n(2), n(2), n(2)),
                         "+33 (0)1 %s %s %s %s" % (n(2), n(2), n(2), n(2))])
    if region == "ch":
        return r.choice(["+41 44 %s %s %s" % (n(3), n(2), n(2)), "+41 79 %s %s %s" % (n(3), n(2), n(2)), "044 %s %s %s" % (n(3), n(2), n(2))])
    if region == "es":
        return r.choice(["+34 6%s %s %s" % (n(2), n(3), n(3)), "+34 91 %s %s %s" % (n(3), n(2), n(2))])
    raise ValueError(region)


def ipv4_make(r, kind=None):
    kind = kind or r.choice(["pub", "pub", "pub", "p10", "p172", "p192"])
    if kind == "p10":
        return "10.%d.%d.%d" % (r.randint(0, 255), r.randint(0, 255), r.randint(1, 254))
    if kind == "p172":
        return "172.%d.%d.%d" % (r.randint(16, 31), r.randint(0, 255), r.randint(1, 254))
    if kind == "p192":
        return "192.168.%d.%d" % (r.randint(0, 255), r.randint(1, 254))
    while True:
        a = r.randint(1, 223)
        if a in (10, 127, 0, 169, 172, 192, 198, 203, 100):
            continue
        return "%d.%d.%d.%d" % (a, r.randint(0, 255), r.randint(0, 255), r.randint(1, 254))


def ipv6_make(r, kind=None):
    kind = kind or r.choice(["global", "global", "ula", "full", "ll"])
    h = lambda: "%x" % r.randint(1, 0xffff)
    if kind == "global":
        return "2a0%d:%s:%s:%s::%s" % (r.randint(1, 9), h(), h(), h(), h())
    if kind == "ula":
        return "fd%02x:%s:%s:%s::%s" % (r.randint(0, 255), h(), h(), h(), h())
    if kind == "ll":
        return "fe80::%s:%s:%s:%s" % (h(), h(), h(), h())
    return ":".join(["2001", "%04x" % r.randint(0x4000, 0xffff)] + ["%04x" % r.randint(0, 0xffff) for _ in range(6)])


IPV4_RE = re.compile(r"(?<![\d.])(?:\d{1,3}\.){3}\d{1,3}(?![\d.])")


def ipv4_ok(s):
    p = s.split(".")
    return len(p) == 4 and all(x.isdigit() and int(x) <= 255 and (x == "0" or not x.startswith("0")) for x in p)


def password_make(r):
    k = r.randrange(7)
    words = ["Girasole", "Inverno", "Lampone", "Tramonto", "Orsetto", "Falco", "Marea", "Nebbia", "Granito",
             "Cobalt", "Harbor", "Maple", "Falcon", "Quartz", "Velvet", "Ember"]
    sym = "!#$%&*?@+=_-."
    if k == 0:
        return r.choice(words) + r.choice(sym) + rs(r, DG, r.randint(2, 4)) + r.choice(sym)
    if k == 1:
        return rs(r, AN + "!#$%&*?@+=_-", r.randint(12, 22))
    if k == 2:
        return r.choice(words).lower() + "-" + r.choice(words).lower() + "-" + r.choice(words).lower() + "-" + rs(r, DG, 2)
    if k == 3:
        w = r.choice(words)
        return w.replace("a", "@").replace("o", "0").replace("e", "3") + rs(r, DG, 2) + r.choice(sym)
    if k == 4:
        return rs(r, UP, 1) + rs(r, LO, r.randint(4, 7)) + rs(r, DG, 4) + r.choice(sym) + rs(r, AN, 3)
    if k == 5:
        return rs(r, AN, 10) + r.choice(sym) + rs(r, AN, 6)
    return r.choice(words) + str(r.randint(2019, 2027)) + r.choice(sym) + rs(r, LO, 2)


def nfkc_strip(s):
    s = unicodedata.normalize("NFKC", s)
    return "".join(c for c in s if unicodedata.category(c) != "Cf")


def uuid_like(r):
    h = "0123456789abcdef"
    return "%s-%s-4%s-%s%s-%s" % (rs(r, h, 8), rs(r, h, 4), rs(r, h, 3), r.choice("89ab"), rs(r, h, 3), rs(r, h, 12))


def hexs(r, n):
    return rs(r, "0123456789abcdef", n)
