#!/usr/bin/env python3
"""audit10 held-out corpus: a format-definition sweep of promptwall's 23 finding types.

  gen.py SEED N OUT.jsonl          write N cases, deterministic for SEED
  gen.py --check OUT.jsonl         re-validate a written set (offsets, checksums, clean negatives)

Every value is fabricated here from the seed (random bodies, checksums computed); nothing real
is stored. Output lines follow ../../../../shared/corpus/dev.jsonl:
  {"id","lang","text","findings":[{"type","start","end","value"}],"tags"}
with byte offsets into the UTF-8 text. Tags: "negative" (no finding), "judgement" (the format's
definition does not settle the label; score with and without), "evasion:*", "distractor",
and descriptive "fmt:*" / "hard:*" tags. Python 3 standard library only.
"""
import base64
import json
import random
import re
import string
import sys
import unicodedata
import zlib

DIG = string.digits
UP = string.ascii_uppercase
LO = string.ascii_lowercase
ALNUM = UP + LO + DIG
B62 = DIG + UP + LO
B64URL = ALNUM + "-_"
B64STD = ALNUM + "+/"
HEX = "0123456789abcdef"
UPDIG = UP + DIG
B32 = UP + "234567"


def rs(r, alpha, n):
    return "".join(r.choice(alpha) for _ in range(n))


# ---------------------------------------------------------------- case assembly

PH = re.compile(r"<<(\w+)>>")


def F(typ, val):
    """A labelled value: the whole value is one finding of typ."""
    return (val, [(typ, 0, len(val))])


def S(val, subs):
    """A value with labelled sub-spans, given as (typ, char_start, char_end)."""
    return (val, subs)


def build(lang, tpl, vals, tags):
    out, finds, pos, nb = [], [], 0, 0
    for m in PH.finditer(tpl):
        lit = tpl[pos:m.start()]
        out.append(lit)
        nb += len(lit.encode())
        v = vals[m.group(1)]
        if isinstance(v, tuple):
            val, subs = v
        else:
            val, subs = v, []
        for typ, cs, ce in subs:
            s = nb + len(val[:cs].encode())
            e = nb + len(val[:ce].encode())
            finds.append({"type": typ, "start": s, "end": e, "value": val[cs:ce]})
        out.append(val)
        nb += len(val.encode())
        pos = m.end()
    out.append(tpl[pos:])
    finds.sort(key=lambda f: (f["start"], f["end"]))
    return {"lang": lang, "text": "".join(out), "findings": finds, "tags": list(tags)}


# ---------------------------------------------------------------- people, places

IT_FIRST_M = ["Mario", "Luca", "Marco", "Alessandro", "Giorgio", "Matteo", "Francesco", "Andrea", "Stefano", "Paolo", "Davide", "Simone"]
IT_FIRST_F = ["Giulia", "Francesca", "Chiara", "Sara", "Elena", "Valentina", "Martina", "Federica", "Silvia", "Laura", "Anna", "Alessia"]
IT_LAST = ["Rossi", "Russo", "Ferrari", "Esposito", "Bianchi", "Romano", "Colombo", "Ricci", "Marino", "Greco", "Bruno", "Gallo",
           "Conti", "De Luca", "Mancini", "Costa", "Giordano", "Rizzo", "Lombardi", "Moretti", "Barbieri", "Fontana", "Santoro", "Caruso"]
EN_FIRST = ["James", "Mary", "John", "Patricia", "Robert", "Jennifer", "Michael", "Linda", "David", "Sarah", "Emily", "Daniel", "Olivia", "Thomas"]
EN_LAST = ["Smith", "Johnson", "Brown", "Taylor", "Miller", "Wilson", "Moore", "Clark", "Lewis", "Walker", "Harris", "Young", "King", "Wright"]
COMPANIES_IT = ["Rossi Impianti Srl", "Bianchi & Figli S.p.A.", "Tipografia Colombo", "Studio Legale Conti", "Ferramenta Greco snc", "Caseificio Gallo"]
COMPANIES_EN = ["Northwind Traders Ltd", "Acme Widgets Inc.", "Fabrikam GmbH", "Contoso BV", "Blue Harbor LLC", "Tailspin Toys"]
BELFIORE = ["H501", "F205", "F839", "L219", "G273", "A944", "D612", "A662", "L736", "C351", "E506", "B354", "D969", "L781",
            "G224", "H224", "F158", "B157", "C933", "Z404", "Z133", "Z114", "Z112"]


def person(r, lang, female=None):
    if female is None:
        female = r.random() < 0.5
    if lang == "it":
        return r.choice(IT_FIRST_F if female else IT_FIRST_M), r.choice(IT_LAST), female
    return r.choice(EN_FIRST), r.choice(EN_LAST), female


def slug(s):
    return re.sub(r"[^a-z]", "", s.lower())


# ---------------------------------------------------------------- checksummed values

def luhn_digit(body):
    s = 0
    for i, d in enumerate(reversed(body)):
        n = int(d)
        if i % 2 == 0:
            n *= 2
            if n > 9:
                n -= 9
        s += n
    return str((10 - s % 10) % 10)


def luhn_ok(num):
    return len(num) > 1 and luhn_digit(num[:-1]) == num[-1]


CARD_BRANDS = ["visa16", "visa13", "visa19", "mc5", "mc2", "amex", "discover", "discover19", "jcb", "diners", "diners38",
               "maestro", "unionpay", "unionpay19", "mir"]


def card_number(r, brand):
    p, n = {
        "visa16": ("4", 16), "visa13": ("4", 13), "visa19": ("4", 19),
        "mc5": (str(r.randint(51, 55)), 16), "mc2": (str(r.randint(2221, 2720)), 16),
        "amex": (r.choice(["34", "37"]), 15),
        "discover": (r.choice(["6011", str(r.randint(644, 649)), "65"]), 16), "discover19": ("6011", 19),
        "jcb": (str(r.randint(3528, 3589)), 16),
        "diners": ("36", 14), "diners38": (r.choice(["300", "301", "302", "303", "304", "305", "38", "39"]), 14),
        "maestro": (r.choice(["5018", "5020", "5038", "5893", "6304", "6759", "6761", "6762", "6763"]), r.choice([16, 19])),
        "unionpay": ("62" + str(r.randint(0, 9)), 16), "unionpay19": ("62" + str(r.randint(0, 9)), 19),
        "mir": ("220" + str(r.randint(0, 4)), 16),
    }[brand]
    body = p + rs(r, DIG, n - 1 - len(p))
    return body + luhn_digit(body)


def card_fmt(r, num, style):
    L = len(num)
    if style == "none":
        return num
    groups = {15: [4, 6, 5], 14: [4, 6, 4], 16: [4, 4, 4, 4], 19: [4, 4, 4, 4, 3], 13: [4, 4, 5], 12: [4, 4, 4]}[L]
    sep = {"space": " ", "dash": "-", "nbsp": "\u00a0"}[style]
    out, i = [], 0
    for g in groups:
        out.append(num[i:i + g])
        i += g
    return sep.join(out)


IBAN_SPEC = {  # country: BBAN pattern (n digits, a letters, c alphanumerics); total length = 4 + len
    "AD": "8n12c", "AT": "16n", "BE": "12n", "BG": "4a6n8c", "CH": "5n12c", "CY": "8n16c", "CZ": "20n", "DE": "18n",
    "DK": "14n", "EE": "16n", "ES": "20n", "FI": "14n", "FR": "10n11c2n", "GB": "4a14n", "GI": "4a15c", "GR": "7n16c",
    "HR": "17n", "HU": "24n", "IE": "4a14n", "IS": "22n", "IT": "1a10n12c", "LI": "5n12c", "LT": "16n", "LU": "3n13c",
    "LV": "4a13c", "MC": "10n11c2n", "MT": "4a5n18c", "NL": "4a10n", "NO": "11n", "PL": "24n", "PT": "21n",
    "RO": "4a16c", "SE": "20n", "SI": "15n", "SK": "20n", "SM": "1a10n12c", "VA": "18n",
}
IBAN_LEN = {"AD": 24, "AT": 20, "BE": 16, "BG": 22, "CH": 21, "CY": 28, "CZ": 24, "DE": 22, "DK": 18, "EE": 20, "ES": 24,
            "FI": 18, "FR": 27, "GB": 22, "GI": 23, "GR": 27, "HR": 21, "HU": 28, "IE": 22, "IS": 26, "IT": 27, "LI": 21,
            "LT": 20, "LU": 20, "LV": 21, "MC": 27, "MT": 31, "NL": 18, "NO": 15, "PL": 28, "PT": 25, "RO": 24, "SE": 24,
            "SI": 19, "SK": 24, "SM": 27, "VA": 22}
BANK_CODES = {"GB": ["NWBK", "BARC", "LOYD", "HBUK", "MIDL"], "IE": ["AIBK", "BOFI"], "NL": ["ABNA", "INGB", "RABO", "TRIO"],
              "BG": ["BNBG", "UNCR"], "GI": ["NWBK"], "LV": ["HABA", "PARX"], "MT": ["MALT", "VALL"], "RO": ["AAAA", "BTRL", "RNCB"]}

CF_ODD = {**{d: v for d, v in zip(DIG, [1, 0, 5, 7, 9, 13, 15, 17, 19, 21])},
          **{c: v for c, v in zip(UP, [1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23])}}
CF_EVEN = {**{d: int(d) for d in DIG}, **{c: i for i, c in enumerate(UP)}}


def cin_it(s):  # Italian CIN / codice fiscale control character over s
    t = sum(CF_ODD[c] if i % 2 == 0 else CF_EVEN[c] for i, c in enumerate(s))
    return UP[t % 26]


def es_dc(digits):
    w = [1, 2, 4, 8, 5, 10, 9, 7, 3, 6]
    v = 11 - sum(int(d) * w[i] for i, d in enumerate(digits)) % 11
    return "0" if v == 11 else "1" if v == 10 else str(v)


def iban_check(cc, bban):
    n = int("".join(str(int(c, 36)) for c in (bban + cc + "00")))
    return "%02d" % (98 - n % 97)


def iban_ok(iban):
    s = re.sub(r"\s", "", iban).upper()
    if len(s) < 5:
        return False
    t = s[4:] + s[:4]
    try:
        return int("".join(str(int(c, 36)) for c in t)) % 97 == 1
    except ValueError:
        return False


def bban(r, cc, length_delta=0):
    out = []
    for cnt, kind in re.findall(r"(\d+)([anc])", IBAN_SPEC[cc]):
        cnt = int(cnt)
        if kind == "n":
            out.append(rs(r, DIG, cnt))
        elif kind == "a":
            if cnt == 4 and cc in BANK_CODES:
                out.append(r.choice(BANK_CODES[cc]))
            else:
                out.append(rs(r, UP, cnt))
        else:
            out.append("".join(r.choice(UP) if r.random() < 0.15 else r.choice(DIG) for _ in range(cnt)))
    b = "".join(out)
    if cc in ("IT", "SM"):
        b = cin_it(b[1:]) + b[1:]
    elif cc == "BE":
        b = b[:10] + "%02d" % (int(b[:10]) % 97 or 97)
    elif cc == "ES":
        b = b[:8] + es_dc("00" + b[:8]) + es_dc(b[10:]) + b[10:]
    elif cc in ("FR", "MC"):
        core = b[:10] + "".join(r.choice(DIG) for _ in range(11))
        b = core + "%02d" % (97 - (int(core) * 100) % 97)
    if length_delta > 0:
        b += rs(r, DIG, length_delta)
    elif length_delta < 0:
        b = b[:length_delta]
    return b


def iban(r, cc, length_delta=0):
    b = bban(r, cc, length_delta)
    return cc + iban_check(cc, b) + b


def iban_fmt(s, style):
    if style == "grouped":
        return " ".join(s[i:i + 4] for i in range(0, len(s), 4))
    if style == "lower":
        return s.lower()
    if style == "lowergrouped":
        return " ".join(s[i:i + 4] for i in range(0, len(s), 4)).lower()
    if style == "nbsp":
        return "\u00a0".join(s[i:i + 4] for i in range(0, len(s), 4))
    return s


CONS = "BCDFGHJKLMNPQRSTVWXYZ"
VOW = "AEIOU"
MONTHS = "ABCDEHLMPRST"
OMO = "LMNPQRSTUV"
OMO_POS = [14, 13, 12, 10, 9, 7, 6]


def cf_part(s, is_name):
    s = re.sub(r"[^A-Z]", "", s.upper())
    c = [x for x in s if x in CONS]
    v = [x for x in s if x in VOW]
    if is_name and len(c) >= 4:
        c = [c[0], c[2], c[3]]
    return ("".join(c + v) + "XXX")[:3]


def fiscal_code(r, first, last, female, omocodia=0):
    yy = r.randint(0, 99)
    m = r.randrange(12)
    day = r.randint(1, 28) + (40 if female else 0)
    base = cf_part(last, False) + cf_part(first, True) + "%02d" % yy + MONTHS[m] + "%02d" % day + r.choice(BELFIORE)
    for k in range(omocodia):
        i = OMO_POS[k]
        base = base[:i] + OMO[int(base[i])] + base[i + 1:]
    return base + cin_it(base)


CF_RE = re.compile(r"^[A-Z]{6}[0-9LMNPQRSTUV]{2}[ABCDEHLMPRST][0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{3}[A-Z]$")


def cf_ok(cf):
    cf = cf.upper()
    return bool(CF_RE.match(cf)) and cin_it(cf[:15]) == cf[15]


VAT_OFFICES = ["%03d" % i for i in range(1, 101)] + ["120", "121", "888", "999"]


def it_vat(r):
    body = rs(r, DIG, 7) + r.choice(VAT_OFFICES)
    return body + luhn_digit(body)


def ssn(r):
    while True:
        a = r.randint(1, 899)
        if a != 666:
            break
    return "%03d" % a, "%02d" % r.randint(1, 99), "%04d" % r.randint(1, 9999)


def b62pad(n, w=6):
    s = ""
    while n:
        n, k = divmod(n, 62)
        s = B62[k] + s
    return s.rjust(w, "0")


def gh_token(r, prefix="ghp_", bad=False):
    body = rs(r, ALNUM, 30)
    crc = zlib.crc32(body.encode()) & 0xFFFFFFFF
    if bad:
        crc ^= 0x5A5A5
    return prefix + body + b62pad(crc)


def gh_ok(tok):
    body, chk = tok[4:34], tok[34:]
    return len(tok) == 40 and b62pad(zlib.crc32(body.encode()) & 0xFFFFFFFF) == chk


def gh_pat(r):
    return "github_pat_" + rs(r, ALNUM, 22) + "_" + rs(r, ALNUM, 59)


def aws_akid(r, prefix=None):
    return (prefix or r.choice(["AKIA", "AKIA", "ASIA"])) + rs(r, B32, 16)


def aws_secret(r):
    return rs(r, B64STD, 40)


def gitlab_token(r, prefix="glpat-"):
    # body formats per type: trigger tokens are 40 hex (SecureRandom.hex(20)); CI build tokens carry a
    # partition prefix; OAuth application secrets are 64 chars; the rest are 20 url-safe chars
    if prefix == "glptt-":
        return prefix + rs(r, HEX, 40)
    if prefix == "glcbt-":
        return prefix + str(r.randint(1, 999)) + "_" + rs(r, ALNUM + "_-", 20)
    if prefix == "gloas-":
        return prefix + rs(r, ALNUM + "_-", 64)
    return prefix + rs(r, ALNUM + "_-", 20)


def gitlab_routable(r):
    """Routable token shape <prefix><base64url payload>.[<ver>.]<2 base36 length><7 base36 crc>; crc not computed."""
    payload = rs(r, B64URL, r.randint(27, 60))
    tail = "%s%s" % (base36(len(payload)).rjust(2, "0")[-2:], rs(r, DIG + LO, 7))
    pre = r.choice(["glpat-", "glpat-", "glrt-t1_", "glrt-t2_"])
    mid = "01." if (pre == "glpat-" and r.random() < 0.5) else ""
    return pre + payload + "." + mid + tail


def base36(n):
    s = ""
    while n:
        n, k = divmod(n, 36)
        s = (DIG + LO)[k] + s
    return s or "0"


def slack_token(r, kind):
    if kind == "xoxb":
        return "xoxb-%s-%s-%s" % (rs(r, DIG, r.choice([11, 12, 13])), rs(r, DIG, r.choice([12, 13])), rs(r, ALNUM, 24))
    if kind == "xoxp":
        return "xoxp-%s-%s-%s-%s" % (rs(r, DIG, 12), rs(r, DIG, 12), rs(r, DIG, 13), rs(r, HEX, 32))
    if kind == "xapp":
        return "xapp-1-A%s-%s-%s" % (rs(r, UPDIG, 10), rs(r, DIG, 13), rs(r, HEX, 64))
    if kind == "xoxe":
        return "xoxe.xoxp-1-%s" % rs(r, ALNUM + "-", 146)
    raise ValueError(kind)


def slack_webhook(r):
    return "https://hooks.slack.com/services/T%s/B%s/%s" % (rs(r, UPDIG, r.choice([8, 10])), rs(r, UPDIG, r.choice([8, 10])), rs(r, ALNUM, 24))


def stripe_key(r, prefix="sk_live_"):
    if r.random() < 0.5:
        return prefix + rs(r, ALNUM, 24)
    return prefix + "51" + rs(r, ALNUM, 97)


def openai_key(r, kind):
    if kind == "legacy":
        return "sk-" + rs(r, ALNUM, 20) + "T3BlbkFJ" + rs(r, ALNUM, 20)
    pre = {"proj": "sk-proj-", "svcacct": "sk-svcacct-", "admin": "sk-admin-"}[kind]
    return pre + rs(r, B64URL, 74) + "T3BlbkFJ" + rs(r, B64URL, 74)


def anthropic_key(r, kind="api03"):
    pre = {"api03": "sk-ant-api03-", "admin01": "sk-ant-admin01-", "oat01": "sk-ant-oat01-"}[kind]
    return pre + rs(r, B64URL, 93) + "AA"


def google_key(r):
    return "AIza" + (("Sy" + rs(r, B64URL, 33)) if r.random() < 0.7 else rs(r, B64URL, 35))


def b64url(b):
    return base64.urlsafe_b64encode(b).rstrip(b"=").decode()


def jwt(r, alg=None, compact=None):
    alg = alg or r.choice(["HS256", "RS256", "ES256", "HS512", "PS256", "EdDSA"])
    compact = r.random() < 0.6 if compact is None else compact
    sep = (",", ":") if compact else (", ", ": ")
    hdr = {"alg": alg, "typ": "JWT"}
    if r.random() < 0.4:
        hdr = {"typ": "JWT", "alg": alg, "kid": rs(r, HEX, 16)}
    now = r.randint(1_650_000_000, 1_780_000_000)
    pl = {"sub": rs(r, DIG, 8), "iat": now, "exp": now + 3600}
    if r.random() < 0.5:
        pl["iss"] = r.choice(["https://auth.northwind.io", "https://login.contoso.eu/oauth2", "accounts.acme.it"])
        pl["scope"] = r.choice(["read write", "openid profile", "admin"])
    siglen = {"HS256": 32, "RS256": 256, "ES256": 64, "HS512": 64, "PS256": 256, "EdDSA": 64}[alg]
    return ".".join([b64url(json.dumps(hdr, separators=sep).encode()), b64url(json.dumps(pl, separators=sep).encode()),
                     b64url(bytes(r.getrandbits(8) for _ in range(siglen)))])


def crc24(data):
    crc = 0xB704CE
    for b in data:
        crc ^= b << 16
        for _ in range(8):
            crc <<= 1
            if crc & 0x1000000:
                crc ^= 0x1864CFB
    return crc & 0xFFFFFF


def pem(r, kind, nl="\n"):
    rb = lambda n: bytes(r.getrandbits(8) for _ in range(n))
    if kind == "rsa":
        label, body, width = "RSA PRIVATE KEY", bytes.fromhex("308204a40201000282010100") + rb(1180), 64
    elif kind == "rsa-enc":
        label, body, width = "RSA PRIVATE KEY", rb(1192), 64
    elif kind == "pkcs8":
        label, body, width = "PRIVATE KEY", bytes.fromhex("308204bd020100300d06092a864886f70d0101010500048204a7") + rb(1190), 64
    elif kind == "ec":
        label, body, width = "EC PRIVATE KEY", bytes.fromhex("30770201010420") + rb(32) + bytes.fromhex("a00a06082a8648ce3d030107a144034200") + rb(65), 64
    elif kind == "encrypted":
        label, body, width = "ENCRYPTED PRIVATE KEY", bytes.fromhex("308205243056") + rb(1310), 64
    elif kind == "openssh":
        label, body, width = "OPENSSH PRIVATE KEY", b"openssh-key-v1\x00" + rb(r.choice([384, 1800])), 70
    elif kind == "dsa":
        label, body, width = "DSA PRIVATE KEY", bytes.fromhex("308201bb020100") + rb(440), 64
    elif kind == "pgp":
        label, body, width = "PGP PRIVATE KEY BLOCK", bytes.fromhex("9503c604") + rb(900), 64
    else:
        raise ValueError(kind)
    b = base64.b64encode(body).decode()
    lines = [b[i:i + width] for i in range(0, len(b), width)]
    head = ["-----BEGIN %s-----" % label]
    if kind == "rsa-enc":
        head += ["Proc-Type: 4,ENCRYPTED", "DEK-Info: AES-256-CBC,%s" % rs(r, "0123456789ABCDEF", 32), ""]
    if kind == "pgp":
        head += ["", ]
        c = crc24(body)
        lines.append("=" + base64.b64encode(c.to_bytes(3, "big")).decode())
    return nl.join(head + lines + ["-----END %s-----" % label])


def password(r, kind=None):
    kind = kind or r.choice(["strong", "word", "word", "strong", "pin"])
    if kind == "strong":
        return rs(r, ALNUM, r.randint(6, 10)) + r.choice("!$%&*@^") + rs(r, ALNUM, r.randint(2, 6))
    if kind == "word":
        w = r.choice(["Gattino", "Tramonto", "Juventus", "Primavera", "Sunflower", "Dragon", "Falcon", "Marmotta", "Winter", "Oceano"])
        return w + str(r.randint(1970, 2025)) + r.choice(["!", "?", "#", "$", ".", "*", "_"]) + rs(r, ALNUM, r.randint(0, 3))
    if kind == "pin":
        return rs(r, LO, 3) + rs(r, DIG, 4) + rs(r, UP, 3)
    if kind == "url":  # safe in URL userinfo without encoding
        return rs(r, ALNUM, r.randint(8, 14)) + r.choice(["", "-", "_", "."]) + rs(r, ALNUM, 3)
    raise ValueError(kind)


def email(r, lang, kind=None):
    first, last, _ = person(r, lang)
    f, l = slug(first), slug(last)
    kind = kind or r.choice(["dot", "underscore", "initial", "plus", "hyphen", "digits", "upper", "sub", "pec", "dot", "dot"])
    if lang == "it":
        dom = r.choice(["gmail.com", "libero.it", "virgilio.it", "tiscali.it", "alice.it", "hotmail.it", "outlook.it",
                        "rossi-impianti.it", "studiolegaleconti.it", "unimi.it", "fastweb.net", "comune.bergamo.it"])
    else:
        dom = r.choice(["gmail.com", "outlook.com", "yahoo.co.uk", "acme-corp.com", "northwind.io", "contoso.com",
                        "fabrikam.org", "tailspin.co.uk", "blueharbor.net", "proton.me", "icloud.com"])
    if kind == "dot":
        return "%s.%s@%s" % (f, l, dom)
    if kind == "underscore":
        return "%s_%s%d@%s" % (f, l, r.randint(1, 99), dom)
    if kind == "initial":
        return "%s%s@%s" % (f[0], l, dom)
    if kind == "plus":
        return "%s.%s+%s@%s" % (f, l, r.choice(["newsletter", "fatture", "git", "shop", "2024"]), dom)
    if kind == "hyphen":
        return "%s-%s@%s" % (f, l, r.choice(["studio-" + l + ".it", "my-company.eu", "ricambi-auto.it", "north-wind.co.uk"]))
    if kind == "digits":
        return "%s%s%d@%s" % (f, l[:3], r.randint(1960, 2009), dom)
    if kind == "upper":
        return "%s.%s@%s" % (first.replace(" ", ""), last.replace(" ", ""), dom.upper() if r.random() < 0.5 else dom)
    if kind == "sub":
        return "%s.%s@%s" % (f, l, r.choice(["mail.corp.northwind.io", "eng.contoso.com", "studenti.unipd.it", "dipartimento.polimi.it", "it.emea.acme-corp.com"]))
    if kind == "pec":
        return "%s.%s@%s" % (f, l, r.choice(["pec.it", "legalmail.it", "arubapec.it", "postacert.it", "pec.ordineavvocatimilano.it", "cert.legalmail.it"]))
    raise ValueError(kind)


IT_MOBILE = ["320", "324", "327", "328", "329", "330", "331", "333", "334", "335", "336", "337", "338", "339", "340", "342",
             "345", "346", "347", "348", "349", "350", "351", "366", "368", "371", "377", "380", "388", "389", "391", "392", "393"]
IT_AREA = ["02", "06", "011", "010", "051", "055", "081", "041", "045", "049", "070", "080", "091", "095", "0521", "0532",
           "0543", "0583", "0721", "0831", "0471", "0444"]
US_NPA = ["212", "415", "312", "617", "646", "202", "305", "713", "206", "503", "702", "303", "404", "512", "718", "917"]


def phone(r, kind=None):
    kind = kind or r.choice(["it_mob", "it_mob", "it_mob", "it_land", "it_land", "us", "us", "us", "uk", "fr", "de", "es", "nl", "ch"])
    if kind == "it_mob":
        p, n = r.choice(IT_MOBILE), rs(r, DIG, 7)
        return r.choice(["%s %s" % (p, n), "%s %s %s" % (p, n[:3], n[3:]), p + n, "%s-%s" % (p, n), "%s.%s.%s" % (p, n[:3], n[3:]),
                         "+39 %s %s %s" % (p, n[:3], n[3:]), "+39 %s%s" % (p, n), "+39%s%s" % (p, n), "0039 %s %s" % (p, n),
                         "(+39) %s %s" % (p, n), "+39 %s %s %s" % (p, n[:2], n[2:])])
    if kind == "it_land":
        a = r.choice(IT_AREA)
        n = r.choice("2345678") + rs(r, DIG, 9 - len(a))
        if len(a) == 2:
            n = r.choice("2345678") + rs(r, DIG, 7)
        return r.choice(["%s %s" % (a, n), "%s-%s" % (a, n), "%s/%s" % (a, n), "+39 %s %s" % (a, n), "0039 %s %s" % (a, n),
                         "%s %s %s" % (a, n[:len(n) // 2], n[len(n) // 2:]), "+39 %s%s" % (a, n)])
    if kind == "us":
        a, e, s = r.choice(US_NPA), r.choice("23456789") + r.choice(DIG) + r.choice("0123456789"), rs(r, DIG, 4)
        if e[1:] == "11" or e == "555":
            e = "47" + e[2]
        return r.choice(["(%s) %s-%s" % (a, e, s), "%s-%s-%s" % (a, e, s), "%s.%s.%s" % (a, e, s), "+1 %s %s %s" % (a, e, s),
                         "+1-%s-%s-%s" % (a, e, s), "1 (%s) %s-%s" % (a, e, s), "+1 (%s) %s-%s" % (a, e, s), "%s %s %s" % (a, e, s),
                         "1-800-%s-%s" % (e, s)])
    if kind == "uk":
        return r.choice(["+44 20 7%s %s" % (rs(r, DIG, 3), rs(r, DIG, 4)), "+44 7%s %s" % (rs(r, DIG, 3), rs(r, DIG, 6)),
                         "020 7%s %s" % (rs(r, DIG, 3), rs(r, DIG, 4)), "07%s %s" % (rs(r, DIG, 3), rs(r, DIG, 6)),
                         "+44 (0)161 %s %s" % (rs(r, DIG, 3), rs(r, DIG, 4))])
    if kind == "fr":
        g = [rs(r, DIG, 2) for _ in range(4)]
        d = r.choice("123456789")
        return r.choice(["+33 %s %s" % (d, " ".join(g)), "0%s %s" % (d, " ".join(g)), "0%s.%s" % (d, ".".join(g)), "+33 (0)%s %s" % (d, " ".join(g))])
    if kind == "de":
        return r.choice(["+49 30 %s" % rs(r, DIG, 8), "+49 151 %s" % rs(r, DIG, 8), "030 %s" % rs(r, DIG, 8), "+49 (0)89 %s %s" % (rs(r, DIG, 4), rs(r, DIG, 4)),
                         "0171 %s" % rs(r, DIG, 7)])
    if kind == "es":
        return r.choice(["+34 6%s %s %s" % (rs(r, DIG, 2), rs(r, DIG, 3), rs(r, DIG, 3)), "+34 91 %s %s %s" % (rs(r, DIG, 3), rs(r, DIG, 2), rs(r, DIG, 2))])
    if kind == "nl":
        return r.choice(["+31 20 %s %s" % (rs(r, DIG, 3), rs(r, DIG, 4)), "+31 6 %s" % rs(r, DIG, 8), "06-%s" % rs(r, DIG, 8)])
    if kind == "ch":
        return r.choice(["+41 44 %s %s %s" % (rs(r, DIG, 3), rs(r, DIG, 2), rs(r, DIG, 2)), "+41 79 %s %s %s" % (rs(r, DIG, 3), rs(r, DIG, 2), rs(r, DIG, 2))])
    raise ValueError(kind)


def ipv4(r, kind=None):
    kind = kind or r.choice(["public", "public", "private10", "private192", "private172"])
    if kind == "public":
        while True:
            a = r.choice([5, 31, 37, 46, 62, 79, 80, 82, 85, 93, 95, 104, 151, 172, 176, 185, 188, 193, 212, 213, 217])
            b = r.randint(0, 255)
            if not (a == 172 and 16 <= b <= 31):
                break
        return "%d.%d.%d.%d" % (a, b, r.randint(0, 255), r.randint(1, 254))
    if kind == "private10":
        return "10.%d.%d.%d" % (r.randint(0, 255), r.randint(0, 255), r.randint(1, 254))
    if kind == "private192":
        return "192.168.%d.%d" % (r.randint(0, 255), r.randint(1, 254))
    return "172.%d.%d.%d" % (r.randint(16, 31), r.randint(0, 255), r.randint(1, 254))


def ipv6(r, kind=None):
    kind = kind or r.choice(["full", "compressed", "compressed", "linklocal_zone", "mapped", "nat64", "ula"])
    h = lambda: "%x" % r.randint(1, 0xFFFF)
    pre = r.choice(["2a01:4f8", "2606:4700", "2001:67c", "2a02:26f0", "2a00:1450", "2620:fe"])
    if kind == "full":
        g = [pre.split(":")[0].rjust(4, "0"), pre.split(":")[1].rjust(4, "0")] + ["%04x" % r.randint(0, 0xFFFF) for _ in range(6)]
        return ":".join(g)
    if kind == "compressed":
        return "%s:%s:%s::%s" % (pre, h(), h(), h())
    if kind == "linklocal_zone":
        return "fe80::%s:%s:%s:%s%%%s" % (h(), h(), h(), h(), r.choice(["eth0", "en0", "wlan0", "ens192"]))
    if kind == "mapped":
        return "::ffff:" + ipv4(r, "public")
    if kind == "nat64":
        return "64:ff9b::" + ipv4(r, "public")
    return "fd%02x:%s:%s::%s" % (r.randint(0, 255), h(), h(), h())


# ---------------------------------------------------------------- evasion transforms

ZW = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad"]


def fullwidth(s, letters=True):
    out = []
    for c in s:
        if c.isdigit() or c == "@" or (letters and c.isalpha() and c.isascii()):
            out.append(chr(ord(c) + 0xFEE0))
        else:
            out.append(c)
    return "".join(out)


def zero_width(r, s, n=None):
    n = n or r.choice([1, 1, 2])
    idx = sorted(r.sample(range(1, len(s)), n))
    out, last = [], 0
    for i in idx:
        out.append(s[last:i])
        out.append(r.choice(ZW))
        last = i
    out.append(s[last:])
    return "".join(out)


def json_u(s, which):
    return "".join("\\u%04x" % ord(c) if which(c) else c for c in s)


# ---------------------------------------------------------------- positive cases, one generator per type

def pick(r, *opts):
    return r.choice(opts)


def pos_EMAIL(r):
    lang = pick(r, "en", "it")
    first, last, _ = person(r, lang)
    v = r.random()
    if v < 0.06:  # quoted local part: RFC 5322 valid, rare in practice
        e = '"%s %s"@%s' % (slug(first), slug(last), pick(r, "northwind.io", "libero.it"))
        tpl = pick(r, "Reply-To: <<E>>\nSubject: invoice", "L'indirizzo strano è <<E>>, è valido?")
        return build(lang, tpl, {"E": F("EMAIL", e)}, ["judgement", "fmt:quoted-local"])
    e = email(r, lang)
    e2 = email(r, lang)
    tpls = {
        "en": ["Please send the signed contract to <<E>> by Friday.",
               "From: %s %s <<<E>>>\nTo: finance team\nSubject: Q3 reconciliation" % (first, last),
               "Can you draft a follow-up to <<E>> (cc <<E2>>) about the delayed shipment?",
               "[Contact us](mailto:<<E>>) for a quote.",
               '{"user": {"name": "%s %s", "email": "<<E>>", "active": true}}' % (first, last),
               "name,email,role\n%s %s,<<E>>,admin\n" % (first, last),
               "Author: %s %s <<<E>>>\nDate: Tue Mar 4 10:12:33 2025 +0100\n\n    fix pagination" % (first, last),
               "| Name | Email |\n|---|---|\n| %s %s | <<E>> |\n| %s | <<E2>> |" % (first, last, pick(r, "Ops", "Billing"))],
        "it": ["Per favore inoltra la fattura a <<E>> entro venerdì.",
               "Scrivi una mail a <<E>> per fissare la riunione, in copia <<E2>>.",
               "PEC: <<E>>\nOggetto: diffida",
               "Il mio indirizzo è <<E>>, rispondimi lì.",
               "Nome;Email;Ruolo\n%s %s;<<E>>;referente\n" % (first, last),
               "Riassumi questa mail di %s %s (<<E>>) in tre punti." % (first, last)],
    }
    if lang == "it" and r.random() < 0.4:
        e = email(r, lang, "pec")
    tpl = r.choice(tpls[lang])
    return build(lang, tpl, {"E": F("EMAIL", e), "E2": F("EMAIL", e2)}, [])


def pos_PHONE(r):
    lang = pick(r, "en", "it")
    kind = r.choice(["it_mob", "it_mob", "it_land", "us", "us", "uk", "fr", "de", "es", "nl", "ch"])
    p = phone(r, kind)
    p2 = phone(r, r.choice(["it_land", "us", "it_mob"]))
    tpls = {
        "en": ["Call me back at <<P>> after 5pm.", "Customer phoned from <<P>> about a double charge; draft a reply.",
               "Best regards,\nAnna\nMobile: <<P>>\nOffice: <<P2>>", "BEGIN:VCARD\nFN:%s\nTEL;TYPE=cell:<<P>>\nEND:VCARD" % " ".join(person(r, "en")[:2]),
               "| contact | phone |\n|---|---|\n| reception | <<P>> |", "If it's urgent text me on <<P>>."],
        "it": ["Richiamami al <<P>> dopo le 17.", "Il cliente ha chiamato dal numero <<P>> per un doppio addebito.",
               "Cordiali saluti\nMario\nTel. <<P>> - Fax <<P2>>", "cellulare: <<P>>", "Per urgenze contattare il <<P>> (reperibilità).",
               "Nome;Telefono\n%s;<<P>>\n" % " ".join(person(r, "it")[:2])],
    }
    tpl = r.choice(tpls[lang])
    return build(lang, tpl, {"P": F("PHONE", p), "P2": F("PHONE", p2)}, ["fmt:phone-" + kind])


def pos_CREDIT_CARD(r):
    lang = pick(r, "en", "it")
    brand = r.choice(CARD_BRANDS)
    num = card_number(r, brand)
    style = r.choice(["space", "space", "dash", "none", "none"])
    c = card_fmt(r, num, style)
    c2 = card_fmt(r, card_number(r, r.choice(CARD_BRANDS)), r.choice(["space", "none", "dash"]))
    exp = "%02d/%02d" % (r.randint(1, 12), r.randint(26, 31))
    tags = ["fmt:card-" + brand]
    tpls = {
        "en": ["Customer says card <<C>> (exp %s) was charged twice, draft a reply." % exp,
               "card_number,exp,holder\n<<C>>,%s,%s\n<<C2>>,%s,%s" % (exp, " ".join(person(r, "en")[:2]), exp, " ".join(person(r, "en")[:2])),
               '{"payment": {"pan": "<<C>>", "expiry": "%s"}}' % exp, "Why does Stripe decline <<C>>?",
               "Please update my billing: new card number is <<C>>, expires %s." % exp],
        "it": ["Il cliente dice che la carta <<C>> (scad. %s) è stata addebitata due volte." % exp,
               "Numero carta: <<C>>\nScadenza: %s\nIntestatario: %s" % (exp, " ".join(person(r, "it")[:2])),
               "Aggiorna il metodo di pagamento con la carta <<C>> e rimuovi la <<C2>>.",
               "| Cliente | Carta |\n|---|---|\n| %s | <<C>> |" % " ".join(person(r, "it")[:2])],
    }
    return build(lang, r.choice(tpls[lang]), {"C": F("CREDIT_CARD", c), "C2": F("CREDIT_CARD", c2)}, tags)


def pos_IBAN(r):
    lang = pick(r, "en", "it")
    countries = sorted(IBAN_SPEC)
    styles = ["grouped", "grouped", "none", "none", "lower", "lowergrouped", "nbsp"]
    if r.random() < 0.35:  # table of several suppliers
        rows = []
        vals = {}
        for k in range(r.randint(3, 5)):
            cc = r.choice(countries)
            vals["I%d" % k] = F("IBAN", iban_fmt(iban(r, cc), r.choice(styles[:4])))
            name = r.choice(COMPANIES_IT + COMPANIES_EN)
            rows.append("| %s | %s | <<I%d>> |" % (name, cc, k))
        head = "| Fornitore | Paese | IBAN |" if lang == "it" else "| Supplier | Country | IBAN |"
        pre = "Controlla queste coordinate bancarie:\n" if lang == "it" else "Check these bank details before the payment run:\n"
        return build(lang, pre + head + "\n|---|---|---|\n" + "\n".join(rows), vals, ["fmt:iban-table"])
    cc = r.choice(["IT", "IT", "IT", "SM", "VA"] + countries)
    st = r.choice(styles)
    i = iban_fmt(iban(r, cc), st)
    tpls = {
        "en": ["Please wire the deposit to IBAN <<I>> (BIC %s) by Monday." % pick(r, "DEUTDEFF", "BNPAFRPP", "UNCRITMM", "INGBNL2A"),
               "Our bank details changed: <<I>>. Update the vendor master.", "IBAN: <<I>>\nAccount holder: %s" % r.choice(COMPANIES_EN),
               "Refund to <<I>>, reference INV-%s." % rs(r, DIG, 5)],
        "it": ["Effettua il bonifico sull'IBAN <<I>> intestato a %s." % r.choice(COMPANIES_IT),
               "Coordinate bancarie: <<I>>", "Il rimborso va accreditato su <<I>>, causale rimborso spese.",
               "Le nuove coordinate sono IBAN <<I>> presso la filiale di %s." % pick(r, "Bergamo", "Lecce", "Torino")],
    }
    return build(lang, r.choice(tpls[lang]), {"I": F("IBAN", i)}, ["fmt:iban-%s-%s" % (cc, st)])


def pos_IT_FISCAL_CODE(r):
    lang = pick(r, "it", "it", "en")
    first, last, fem = person(r, "it")
    omo = r.choice([0, 0, 0, 1, 2, 3, 7])
    cf = fiscal_code(r, first, last, fem, omo)
    tags = ["fmt:cf-omocodia%d" % omo] if omo else []
    if r.random() < 0.12:
        cf = cf.lower()
        tags.append("fmt:cf-lower")
    tpls = {
        "it": ["Codice fiscale: <<CF>>", "Il sig. %s %s, C.F. <<CF>>, chiede il rimborso IMU." % (first, last),
               "Compila il modulo F24 per %s %s (CF <<CF>>)." % (first, last),
               "Nome;Cognome;CodiceFiscale\n%s;%s;<<CF>>\n" % (first, last),
               '{"nome": "%s", "cognome": "%s", "codiceFiscale": "<<CF>>"}' % (first, last),
               "Intestatario: %s %s - cod. fisc. <<CF>>" % (first.upper(), last.upper())],
        "en": ["The Italian tax code of the tenant is <<CF>>; draft the lease.", "Employee: %s %s, codice fiscale <<CF>>." % (first, last)],
    }
    return build(lang, r.choice(tpls[lang]), {"CF": F("IT_FISCAL_CODE", cf)}, tags)


def pos_IT_VAT(r):
    lang = pick(r, "it", "it", "en")
    v = it_vat(r)
    pre = r.random() < 0.35
    val = ("IT" + v) if pre else v
    comp = r.choice(COMPANIES_IT)
    tpls = {
        "it": ["%s - P.IVA <<V>>" % comp, "Partita IVA: <<V>>", "Fattura intestata a %s, partita iva <<V>>, sede a Milano." % comp,
               "C.F. e P.IVA <<V>>", "Ragione sociale;P.IVA\n%s;<<V>>\n" % comp, "P. IVA n. <<V>> - REA MI-%s" % rs(r, DIG, 7)],
        "en": ["Supplier: %s, VAT number <<V>>." % comp, "Add the Italian VAT ID <<V>> to the invoice header.", "VAT no.: <<V>>"],
    }
    return build(lang, r.choice(tpls[lang]), {"V": F("IT_VAT", val)}, ["fmt:vat-prefix"] if pre else [])


def pos_US_SSN(r):
    lang = pick(r, "en", "en", "it")
    a, g, s = ssn(r)
    style = r.choice(["dash", "dash", "space", "none"])
    v = {"dash": "%s-%s-%s", "space": "%s %s %s", "none": "%s%s%s"}[style] % (a, g, s)
    first, last, _ = person(r, "en")
    tpls = {
        "en": ["Employee: %s %s, SSN <<S>>, start date 2024-02-01." % (first, last), "Social Security Number: <<S>>",
               "W-2 for %s %s\nSSN: <<S>>\nWages: $58,200.00" % (first, last), "Fill in the I-9 for %s, social security no. <<S>>." % first,
               "name,ssn,dob\n%s %s,<<S>>,1986-07-14" % (first, last)],
        "it": ["Il dipendente americano %s %s ha SSN <<S>>, prepara la lettera." % (first, last), "Numero di previdenza sociale USA (SSN): <<S>>"],
    }
    return build(lang, r.choice(tpls[lang]), {"S": F("US_SSN", v)}, ["fmt:ssn-" + style])


def pos_IP_ADDRESS(r):
    lang = pick(r, "en", "it")
    v6 = r.random() < 0.4
    tags = []
    if v6:
        kind = r.choice(["full", "compressed", "compressed", "linklocal_zone", "mapped", "nat64", "ula"])
        ip = ipv6(r, kind)
        tags.append("fmt:ipv6-" + kind)
        tpls = {"en": ["listen [<<A>>]:443 ssl;", "inet6 <<A>>/64 scope global dynamic", "Why does ping6 <<A>> time out?",
                       "Connection from <<A>> port 51234 refused", "curl -g http://[<<A>>]:8080/health"],
                "it": ["Il server risponde su <<A>> ma non via IPv4, perché?", "connessione rifiutata da <<A>>"]}
        if kind == "linklocal_zone":
            tpls = {"en": ["ping6 <<A>> works but ssh does not"], "it": ["ping6 <<A>> funziona, ssh no"]}
    else:
        ip = ipv4(r)
        ip2 = ipv4(r)
        tpls = {"en": ['<<A>> - - [15/Mar/2025:10:12:01 +0100] "GET /login HTTP/1.1" 401 512',
                       "bind-address = <<A>>", "X-Forwarded-For: <<A>>, <<B>>", "Our DB is at <<A>>:5432, can you check the pg_hba rules?",
                       "sshd[2211]: Accepted publickey for deploy from <<A>> port 50122 ssh2",
                       "upstream backend {\n  server <<A>>:8080;\n  server <<B>>:8080;\n}",
                       "curl -v http://<<A>>:8080/health", "ssh root@<<A>> -p 2222"],
                "it": ["Il firewall blocca il traffico da <<A>>, perché?", "Indirizzo IP del gateway: <<A>>",
                       "Nel log vedo accessi da <<A>> e <<B>> alle 3 di notte."]}
        return build(lang, r.choice(tpls[lang]), {"A": F("IP_ADDRESS", ip), "B": F("IP_ADDRESS", ip2)}, ["fmt:ipv4"])
    return build(lang, r.choice(tpls[lang]), {"A": F("IP_ADDRESS", ip)}, tags)


def pos_AWS(r, want):
    lang = pick(r, "en", "it")
    ak, sk = aws_akid(r), aws_secret(r)
    both = {"A": F("AWS_ACCESS_KEY", ak), "S": F("AWS_SECRET_KEY", sk)}
    if want == "AWS_ACCESS_KEY" and r.random() < 0.4:
        tpls = ["Which IAM user owns access key <<A>>?", "Chi è il proprietario della chiave <<A>>?",
                "aws iam list-access-keys shows <<A>> as Active, should I rotate it?"]
        return build(lang, r.choice(tpls), {"A": F("AWS_ACCESS_KEY", ak)}, [])
    if want == "AWS_SECRET_KEY" and r.random() < 0.4:
        tpls = ["AWS_SECRET_ACCESS_KEY=<<S>>", '"SecretAccessKey": "<<S>>",', "aws_secret_access_key = <<S>>",
                "la secret key AWS è <<S>>, funziona?"]
        return build(lang, r.choice(tpls), {"S": F("AWS_SECRET_KEY", sk)}, [])
    tpls = ["[default]\naws_access_key_id = <<A>>\naws_secret_access_key = <<S>>\nregion = eu-south-1",
            "export AWS_ACCESS_KEY_ID=<<A>>\nexport AWS_SECRET_ACCESS_KEY=<<S>>\naws s3 ls",
            'provider "aws" {\n  region     = "eu-west-1"\n  access_key = "<<A>>"\n  secret_key = "<<S>>"\n}',
            '{\n  "Credentials": {\n    "AccessKeyId": "<<A>>",\n    "SecretAccessKey": "<<S>>",\n    "Expiration": "2025-03-15T12:00:00Z"\n  }\n}',
            "s3 = boto3.client('s3', aws_access_key_id='<<A>>', aws_secret_access_key='<<S>>')",
            "Ecco le credenziali del bucket: access key <<A>>, secret <<S>>. Perché ho AccessDenied?"]
    return build(lang, r.choice(tpls), both, [])


def pos_GITHUB_TOKEN(r):
    lang = pick(r, "en", "it")
    if r.random() < 0.25:
        t, tags = gh_pat(r), ["fmt:github-pat"]
    else:
        pre = r.choice(["ghp_", "gho_", "ghu_", "ghs_", "ghr_"])
        t, tags = gh_token(r, pre), ["fmt:github-" + pre[:3]]
    if r.random() < 0.1:  # token as the password of an https remote: both a token and a credential URL
        url = "https://x-access-token:%s@github.com/acme/infra.git" % t
        i = url.index(t)
        return build(lang, "git remote set-url origin <<U>>", {"U": S(url, [("CREDENTIAL_URL", 0, len(url)), ("GITHUB_TOKEN", i, i + len(t))])},
                     tags + ["judgement", "hard:nested"])
    tpls = {"en": ["GITHUB_TOKEN=<<T>>", "curl -H 'Authorization: token <<T>>' https://api.github.com/user",
                   "//npm.pkg.github.com/:_authToken=<<T>>", "gh auth login --with-token <<< <<T>>",
                   "env:\n  GH_TOKEN: <<T>>\nsteps:\n  - run: gh release list"],
            "it": ["il mio token GitHub è <<T>>, perché ricevo 401?", "Ho messo <<T>> nel file .env ma il push fallisce."]}
    return build(lang, r.choice(tpls[lang]), {"T": F("GITHUB_TOKEN", t)}, tags)


def pos_GITLAB_TOKEN(r):
    lang = pick(r, "en", "it")
    pre = r.choice(["glpat-", "glpat-", "glpat-", "gldt-", "glrt-", "glptt-", "glft-", "glcbt-", "glsoat-", "gloas-", "routable"])
    tags = ["fmt:gitlab-" + pre.rstrip("-")]
    if pre == "routable":  # public shape, but its CRC is not computed here
        t = gitlab_routable(r)
        tags.append("judgement")
    else:
        t = gitlab_token(r, pre)
    tpls = {"en": ["curl --header 'PRIVATE-TOKEN: <<T>>' https://gitlab.com/api/v4/projects", "GITLAB_TOKEN=<<T>>",
                   '[[runners]]\n  url = "https://gitlab.example.org"\n  token = "<<T>>"', "Is <<T>> still valid? The pipeline says 401."],
            "it": ["Il token <<T>> non funziona più con la API di GitLab.", "variables:\n  GL_TOKEN: <<T>>"]}
    return build(lang, r.choice(tpls[lang]), {"T": F("GITLAB_TOKEN", t)}, tags)


def pos_SLACK_TOKEN(r):
    lang = pick(r, "en", "it")
    kind = r.choice(["xoxb", "xoxb", "xoxp", "xapp", "xoxe"])
    t = slack_token(r, kind)
    tags = ["fmt:slack-" + kind] + (["judgement"] if kind == "xoxe" else [])
    tpls = {"en": ["SLACK_BOT_TOKEN=<<T>>", "curl -H 'Authorization: Bearer <<T>>' https://slack.com/api/auth.test",
                   "app = App(token='<<T>>')", "The socket-mode app token is <<T>>; why does it disconnect?"],
            "it": ["Il bot Slack non risponde, uso il token <<T>>.", "token slack: <<T>>"]}
    return build(lang, r.choice(tpls[lang]), {"T": F("SLACK_TOKEN", t)}, tags)


def pos_SLACK_WEBHOOK(r):
    lang = pick(r, "en", "it")
    w = slack_webhook(r)
    tags = []
    if r.random() < 0.12:
        w = "https://hooks.slack.com/workflows/T%s/A%s/%s/%s" % (rs(r, UPDIG, 9), rs(r, UPDIG, 10), rs(r, DIG, 18), rs(r, ALNUM, 24))
        tags = ["judgement", "fmt:slack-workflow-webhook"]
    tpls = {"en": ["curl -X POST -H 'Content-type: application/json' --data '{\"text\":\"deploy done\"}' <<W>>",
                   "SLACK_WEBHOOK_URL=<<W>>", "Our alerting posts to <<W>> but nothing shows up."],
            "it": ["Il webhook <<W>> restituisce 404, perché?", "webhook_url: \"<<W>>\""]}
    return build(lang, r.choice(tpls[lang]), {"W": F("SLACK_WEBHOOK", w)}, tags)


def pos_STRIPE_KEY(r):
    lang = pick(r, "en", "it")
    pre = r.choice(["sk_live_", "sk_live_", "rk_live_", "sk_test_", "rk_test_"])
    k = stripe_key(r, pre)
    tags = ["fmt:stripe-" + pre.rstrip("_")] + (["judgement"] if "test" in pre else [])
    tpls = {"en": ["STRIPE_SECRET_KEY=<<K>>", "curl https://api.stripe.com/v1/charges -u <<K>>:", "stripe.api_key = \"<<K>>\"",
                   "Why does Stripe return 401 with key <<K>>?"],
            "it": ["La chiave Stripe <<K>> è stata revocata?", "Nel .env ho STRIPE_KEY=<<K>>"]}
    return build(lang, r.choice(tpls[lang]), {"K": F("STRIPE_KEY", k)}, tags)


def pos_OPENAI_KEY(r):
    lang = pick(r, "en", "it")
    kind = r.choice(["proj", "proj", "legacy", "svcacct", "admin"])
    k = openai_key(r, kind)
    tpls = {"en": ["OPENAI_API_KEY=<<K>>", "client = OpenAI(api_key=\"<<K>>\")", "curl https://api.openai.com/v1/models -H \"Authorization: Bearer <<K>>\"",
                   "Is this key format right? <<K>>"],
            "it": ["La mia chiave OpenAI <<K>> dà errore 429, come mai?", "api_key: <<K>>"]}
    return build(lang, r.choice(tpls[lang]), {"K": F("OPENAI_KEY", k)}, ["fmt:openai-" + kind])


def pos_ANTHROPIC_KEY(r):
    lang = pick(r, "en", "it")
    kind = r.choice(["api03", "api03", "api03", "admin01", "oat01"])
    k = anthropic_key(r, kind)
    tags = ["fmt:anthropic-" + kind] + (["judgement"] if kind == "oat01" else [])
    tpls = {"en": ["ANTHROPIC_API_KEY=<<K>>", "curl https://api.anthropic.com/v1/messages -H 'x-api-key: <<K>>'",
                   "client = anthropic.Anthropic(api_key=\"<<K>>\")"],
            "it": ["Con la chiave <<K>> ottengo authentication_error.", "chiave anthropic: <<K>>"]}
    return build(lang, r.choice(tpls[lang]), {"K": F("ANTHROPIC_KEY", k)}, tags)


def pos_GOOGLE_API_KEY(r):
    lang = pick(r, "en", "it")
    k = google_key(r)
    tpls = {"en": ["https://maps.googleapis.com/maps/api/geocode/json?address=Milano&key=<<K>>", "GOOGLE_API_KEY=<<K>>",
                   "<script src=\"https://maps.googleapis.com/maps/api/js?key=<<K>>&callback=initMap\"></script>",
                   "genai.configure(api_key='<<K>>')"],
            "it": ["La chiave <<K>> è limitata al referrer sbagliato?", "firebaseConfig = { apiKey: \"<<K>>\", projectId: \"gestionale-prod\" }"]}
    return build(lang, r.choice(tpls[lang]), {"K": F("GOOGLE_API_KEY", k)}, [])


def pos_JWT(r):
    lang = pick(r, "en", "it")
    j = jwt(r)
    tpls = {"en": ["Authorization: Bearer <<J>>", "Why is this token rejected? <<J>>", '{"access_token": "<<J>>", "token_type": "Bearer", "expires_in": 3600}',
                   "Cookie: session=<<J>>; Path=/; HttpOnly"],
            "it": ["Decodifica questo JWT e dimmi quando scade: <<J>>", "Il backend rifiuta il token <<J>>, firma non valida?"]}
    return build(lang, r.choice(tpls[lang]), {"J": F("JWT", j)}, [])


def pos_PRIVATE_KEY(r):
    lang = pick(r, "en", "it")
    kind = r.choice(["rsa", "pkcs8", "ec", "openssh", "encrypted", "rsa-enc", "pgp", "dsa"])
    if r.random() < 0.15:  # GCP service-account JSON: PEM with escaped newlines
        k = pem(r, "pkcs8", nl="\\n")
        tpl = '{\n  "type": "service_account",\n  "project_id": "gestionale-prod",\n  "private_key_id": "%s",\n  "private_key": "<<K>>\\n",\n  "client_id": "%s"\n}' % (rs(r, HEX, 40), rs(r, DIG, 21))
        return build(lang, tpl, {"K": F("PRIVATE_KEY", k)}, ["fmt:pem-json-escaped"])
    k = pem(r, kind)
    pre = {"en": pick(r, "Here is the key from the server, why does ssh say invalid format?\n", "Convert this key to PKCS#8:\n\n", "deploy_key: |\n"),
           "it": pick(r, "Ecco la chiave, perché openssl dà errore?\n", "Questa è la chiave del certificato del sito:\n\n")}[lang]
    if pre.endswith("|\n"):
        k2 = "\n".join("  " + x for x in k.split("\n"))
        return build(lang, pre + "  <<K>>\n", {"K": F("PRIVATE_KEY", k2[2:])}, ["fmt:pem-" + kind, "fmt:yaml-indented"])
    return build(lang, pre + "<<K>>\n", {"K": F("PRIVATE_KEY", k)}, ["fmt:pem-" + kind])


def pos_CREDENTIAL_URL(r):
    lang = pick(r, "en", "it")
    user = r.choice(["app", "svc_report", "admin", "deploy", "root", "etl_user", "guest", "backup"])
    pw = password(r, "url")
    if r.random() < 0.2:
        pw = pw[:4] + r.choice(["%40", "%23", "%21", "%2F"]) + pw[4:]
    scheme, host, tail = r.choice([
        ("postgres", "db01.corp.local:5432", "/billing"), ("postgresql", "pg.internal.acme-corp.com", "/app?sslmode=require"),
        ("mysql", "mysql.rossi-impianti.it:3306", "/gestionale"), ("mongodb+srv", "cluster0.ab12c.mongodb.net", "/prod?retryWrites=true&w=majority"),
        ("mongodb", "mongo1.internal:27017,mongo2.internal:27017", "/admin?replicaSet=rs0"), ("redis", "cache.internal:6379", "/0"),
        ("rediss", "redis-12345.c1.eu-west-1.ec2.cloud.redislabs.com:12345", ""), ("amqp", "rabbit.internal:5672", "/vhost"),
        ("amqps", "b-1234.mq.eu-west-1.amazonaws.com:5671", ""), ("https", "nexus.acme-corp.com", "/repository/pypi/simple"),
        ("ftp", "ftp.tipografia-colombo.it", "/upload/"), ("sftp", "files.northwind.io:2222", "/in"), ("smtp", "smtp.office365.com:587", ""),
        ("ldap", "dc01.corp.local:389", "/dc=corp,dc=local")])
    if scheme == "redis" and r.random() < 0.5:
        user = ""
    url = "%s://%s:%s@%s%s" % (scheme, user, pw, host, tail)
    tpls = {"en": ["DATABASE_URL=<<U>>", "Why can't the worker connect? broker_url = '<<U>>'", "pip config set global.index-url <<U>>",
                   "spring:\n  data:\n    mongodb:\n      uri: <<U>>"],
            "it": ["La stringa di connessione è <<U>> ma va in timeout.", "Nel docker-compose ho messo <<U>>, è corretto?"]}
    return build(lang, r.choice(tpls[lang]), {"U": F("CREDENTIAL_URL", url)}, ["fmt:url-" + scheme])


def pos_PASSWORD(r):
    lang = pick(r, "en", "it")
    pw = password(r)
    tags = []
    v = r.random()
    if v < 0.08:  # passphrase with spaces, quoted
        pw = " ".join(r.choice(["correct", "horse", "battery", "staple", "luna", "rossa", "treno", "fiume", "blue", "tiger"]) for _ in range(4))
        tpl = pick(r, 'The GPG passphrase is "<<P>>", please update the runbook.', 'passphrase: "<<P>>"', 'La passphrase della chiave è "<<P>>".')
        return build(lang, tpl, {"P": F("PASSWORD", pw)}, ["fmt:pwd-passphrase"])
    cfg = ["smtp:\n  host: smtp.office365.com\n  user: alerts\n  password: <<P>>\n",
           "DB_PASSWORD=<<P>>", '{"username": "admin", "password": "<<P>>"}', "[client]\nuser=backup\npasswd=<<P>>",
           "Server=sql01;Database=crm;User Id=sa;Password=<<P>>;", "pwd = <<P>>", "PGPASSWORD=<<P>> psql -h db01 -U etl",
           "redis-cli -a <<P>> ping", "mysql -u root -p<<P>> -h db01 crm",
           "docker login registry.acme-corp.com -u ci --password <<P>>", "./deploy.sh --password=<<P>> --env prod",
           "sshpass -p '<<P>>' ssh deploy@bastion", "spring.datasource.password=<<P>>", "admin_password: '<<P>>'",
           "<datasource>\n  <user>etl</user>\n  <password><<P>></password>\n</datasource>",
           "machine ftp.tipografia-colombo.it login mario password <<P>>",
           "Driver={ODBC Driver 18 for SQL Server};Server=sql01;Uid=sa;Pwd=<<P>>;"]
    prose = {"en": ["My new password is <<P>> - can you check it's strong enough?", "The wifi password for the guests is <<P>>.",
                    "Login: jsmith / password: <<P>>", "I set the VPN password to <<P>>, write the onboarding email."],
             "it": ["La mia password è <<P>>, è abbastanza sicura?", "La password del wifi ospiti è <<P>>.",
                    "Credenziali: utente mrossi, password <<P>>", "parola d'ordine: <<P>>", "Ho cambiato la pwd in <<P>>, scrivi la mail al team.",
                    "la password dell'account PEC è <<P>>"]}
    if r.random() < 0.55:
        tpl = r.choice(cfg)
        tags.append("fmt:pwd-config")
        if "--password <<P>>" in tpl or "-p<<P>>" in tpl or "-a <<P>>" in tpl:
            tags.append("fmt:pwd-cli")
    else:
        tpl = r.choice(prose[lang])
        tags.append("fmt:pwd-prose")
    return build(lang, tpl, {"P": F("PASSWORD", pw)}, tags)


MARKERS = [("CONFIDENTIAL", False), ("STRICTLY CONFIDENTIAL", False), ("RISERVATO", False), ("STRETTAMENTE RISERVATO", False),
           ("USO INTERNO", False), ("INTERNAL ONLY", False), ("INTERNAL USE ONLY", False), ("COMPANY CONFIDENTIAL", False),
           ("CONFIDENZIALE", False), ("TLP:RED", False), ("TLP:AMBER", False), ("TLP:AMBER+STRICT", False),
           ("PROPRIETARY AND CONFIDENTIAL", True), ("RISERVATO E CONFIDENZIALE", True), ("Confidential", True), ("NOT FOR DISTRIBUTION", True),
           ("DOCUMENTO RISERVATO", True), ("RESTRICTED", True)]


def pos_CONFIDENTIAL_MARKER(r):
    lang = pick(r, "en", "it")
    m, judge = r.choice(MARKERS)
    tags = ["judgement"] if judge else []
    tpls = {"en": ["<<M>>\n\nQ3 board pack - revenue by region. Summarize the key numbers:\nEMEA 4.2M, AMER 6.1M, APAC 1.9M",
                   "Classification: <<M>>\nProject Falcon - acquisition shortlist. Rewrite this as an executive summary.",
                   "[<<M>>] Draft minutes of the pricing committee, please shorten them.",
                   "Summarize the memo below.\n---\n*** <<M>> ***\nRestructuring plan for the Turin plant...\n---",
                   "Footer of every page: \"<<M>> - do not forward\". Translate the document into Italian."],
            "it": ["<<M>>\n\nVerbale del CdA del 12 marzo: riassumi le decisioni prese.", "Classificazione: <<M>>\nPiano industriale 2026-2028, fanne una sintesi.",
                   "[<<M>>] Bozza del contratto con il fornitore, correggi la punteggiatura.",
                   "Intestazione del documento: <<M>> - Direzione Risorse Umane. Riassumi il testo."]}
    return build(lang, r.choice(tpls[lang]), {"M": F("CONFIDENTIAL_MARKER", m)}, tags)


POS = {
    "EMAIL": pos_EMAIL, "PHONE": pos_PHONE, "CREDIT_CARD": pos_CREDIT_CARD, "IBAN": pos_IBAN, "IT_FISCAL_CODE": pos_IT_FISCAL_CODE,
    "IT_VAT": pos_IT_VAT, "US_SSN": pos_US_SSN, "IP_ADDRESS": pos_IP_ADDRESS,
    "AWS_ACCESS_KEY": lambda r: pos_AWS(r, "AWS_ACCESS_KEY"), "AWS_SECRET_KEY": lambda r: pos_AWS(r, "AWS_SECRET_KEY"),
    "GITHUB_TOKEN": pos_GITHUB_TOKEN, "GITLAB_TOKEN": pos_GITLAB_TOKEN, "SLACK_TOKEN": pos_SLACK_TOKEN, "SLACK_WEBHOOK": pos_SLACK_WEBHOOK,
    "STRIPE_KEY": pos_STRIPE_KEY, "OPENAI_KEY": pos_OPENAI_KEY, "ANTHROPIC_KEY": pos_ANTHROPIC_KEY, "GOOGLE_API_KEY": pos_GOOGLE_API_KEY,
    "PRIVATE_KEY": pos_PRIVATE_KEY, "JWT": pos_JWT, "CREDENTIAL_URL": pos_CREDENTIAL_URL, "PASSWORD": pos_PASSWORD,
    "CONFIDENTIAL_MARKER": pos_CONFIDENTIAL_MARKER,
}

# ---------------------------------------------------------------- hard negatives


def neg(lang, text, *tags):
    return {"lang": lang, "text": text, "findings": [], "tags": ["negative"] + list(tags)}


def digits_not_luhn(r, n, prefix=""):
    while True:
        s = prefix + rs(r, DIG, n - len(prefix))
        if not luhn_ok(s):
            return s


def neg_placeholder_tokens(r):
    opts = [
        ("en", "The AWS docs use AKIAIOSFODNN7EXAMPLE and wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY as sample credentials; where do I put mine?"),
        ("en", "[default]\naws_access_key_id = YOUR_ACCESS_KEY_ID\naws_secret_access_key = YOUR_SECRET_ACCESS_KEY"),
        ("en", "export OPENAI_API_KEY=sk-...\npython app.py"), ("en", 'client = OpenAI(api_key="sk-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx")'),
        ("it", "Nel README c'è scritto ANTHROPIC_API_KEY=sk-ant-... ma non so dove trovarla."),
        ("en", "GITHUB_TOKEN=ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"), ("en", "token: glpat-xxxxxxxxxxxxxxxxxxxx"),
        ("en", "SLACK_BOT_TOKEN=xoxb-your-bot-token\nSLACK_SIGNING_SECRET=your-signing-secret"),
        ("en", "Set STRIPE_SECRET_KEY=sk_live_... in production and sk_test_... locally."),
        ("it", "Sostituisci YOUR_API_KEY con la tua chiave: https://maps.googleapis.com/maps/api/js?key=YOUR_API_KEY"),
        ("en", "GOOGLE_API_KEY=AIzaXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX"),
        ("en", "curl -X POST -d '{\"text\":\"hi\"}' https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX"),
        ("en", "Authorization: Bearer <your-api-key>"), ("it", "api_key: <INSERISCI_QUI_LA_CHIAVE>"),
        ("en", "A JWT has three parts: header.payload.signature, e.g. xxxxx.yyyyy.zzzzz."),
        ("en", "-----BEGIN RSA PRIVATE KEY-----\n...\n-----END RSA PRIVATE KEY-----\nWhat goes between these lines?"),
    ]
    lang, t = r.choice(opts)
    return neg(lang, t, "hard:placeholder")


def neg_placeholder_password(r):
    opts = [("en", "smtp:\n  user: alerts\n  password: ********\n"), ("en", "DB_PASSWORD=${DB_PASSWORD}"),
            ("en", "mysql -u root -p<password> -h localhost"), ("en", "password: {{ vault_db_password }}"),
            ("it", "Inserisci la tua password nel campo <password> e premi invio."), ("en", '{"username": "admin", "password": ""}'),
            ("en", "spring.datasource.password=${SPRING_DATASOURCE_PASSWORD}"), ("en", "echo $REGISTRY_TOKEN | docker login ghcr.io -u ci --password-stdin"),
            ("en", "password = os.environ['DB_PASSWORD']"), ("it", "password: <la tua password>"),
            ("en", "Password=%DB_PASS%;"), ("en", "password: null"), ("en", "DATABASE_URL=postgres://USER:PASSWORD@HOST:5432/DBNAME"),
            ("en", "mongodb+srv://<username>:<password>@cluster0.mongodb.net/test"), ("it", "La stringa è postgres://app:${PGPASS}@db01:5432/app, come la passo a docker?"),
            ("en", "psql postgres://report@db01.corp.local:5432/billing"), ("en", "git clone https://github.com/acme/infra.git")]
    lang, t = r.choice(opts)
    if "report@db01" in t:  # userinfo without password: email-shaped, not a credential
        return neg(lang, t, "hard:url-no-password", "judgement")
    return neg(lang, t, "hard:placeholder")


def neg_prose_words(r):
    opts = [("en", "Write a confidentiality clause for our NDA with a supplier."),
            ("en", "How should we handle confidential information when using chatbots? Write a short policy."),
            ("en", "Reset your password from the login page; the password must be at least 12 characters."),
            ("en", "What is the difference between a password and a passphrase?"),
            ("it", "Il posto è riservato ai clienti con prenotazione."), ("it", "Accedi all'area riservata del sito per scaricare il modulo."),
            ("it", "Ho dimenticato la password, come la recupero?"), ("it", "Spiega cos'è una parola d'ordine in ambito militare."),
            ("en", "Our document classes are Public, Internal, Confidential and Restricted. Explain when to use each."),
            ("it", "Scrivi una clausola di riservatezza per il contratto di consulenza."),
            ("en", "sudo passwd mario\nWhy does it say 'password unchanged'?"),
            ("en", "The form has a 'Forgot password?' link and a 'Remember me' checkbox; write the HTML."),
            ("en", "Label this report TLP:CLEAR so it can be shared publicly."),
            ("it", "Questo documento non è riservato, puoi condividerlo con tutti."),
            ("en", "Explain how the password field in /etc/shadow is hashed."),
            ("en", "Is it safe to store the password hash $2b$12$ in the same table as the user?")]
    lang, t = r.choice(opts)
    return neg(lang, t, "hard:prose-keyword")


def neg_ids(r):
    uuid = "%s-%s-4%s-%s%s-%s" % (rs(r, HEX, 8), rs(r, HEX, 4), rs(r, HEX, 3), r.choice("89ab"), rs(r, HEX, 3), rs(r, HEX, 12))
    sha = rs(r, HEX, 40)
    opts = [("en", "Build %s failed at commit %s. What does exit code 137 mean?" % (uuid, sha)),
            ("en", "sha256sum: %s  release.tar.gz - why doesn't it match?" % rs(r, HEX, 64)),
            ("en", "md5 %s, sha1 %s" % (rs(r, HEX, 32), rs(r, HEX, 40))),
            ("it", "La richiesta %s è andata in errore, ecco il trace id %s." % (uuid, rs(r, HEX, 32))),
            ("en", "git cherry-pick %s %s" % (rs(r, HEX, 7), rs(r, HEX, 40))),
            ("en", "docker pull nginx@sha256:%s" % rs(r, HEX, 64)),
            ("en", "Correlation-Id: %s\nX-Request-Id: %s" % (uuid, rs(r, ALNUM, 20))),
            ("it", "Ordine n. %s del %02d/%02d/2024, totale € %d,%02d." % (rs(r, DIG, 10), r.randint(1, 28), r.randint(1, 12), r.randint(10, 9999), r.randint(0, 99))),
            ("en", "Invoice INV-2025-%s, amount $%d,%03d.%02d due 2025-%02d-%02d." % (rs(r, DIG, 6), r.randint(1, 99), r.randint(0, 999), r.randint(0, 99), r.randint(1, 12), r.randint(1, 28))),
            ("en", "Tracking number 1Z%s%s ships today." % (rs(r, UPDIG, 6), rs(r, DIG, 10))),
            ("en", "Your USPS tracking: %s" % ("9400" + digits_not_luhn(r, 18))),
            ("it", "Codice a barre EAN %s, lotto %s." % (ean13(r), rs(r, UPDIG, 6))),
            ("en", "Order #%s shipped on 2025-%02d-%02d." % (digits_not_luhn(r, 16), r.randint(1, 12), r.randint(1, 28))),
            ("en", "Session ID %s expired." % rs(r, HEX, 32)),
            ("en", "AWS request id %s, arn:aws:iam::%s:role/deploy" % (uuid, rs(r, DIG, 12)))]
    lang, t = r.choice(opts)
    return neg(lang, t, "hard:id")


def ean13(r):
    while True:
        body = r.choice(["800", "801", "802", "803", "805", "807"]) + rs(r, DIG, 9)
        s = sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(body))
        full = body + str((10 - s % 10) % 10)
        if not luhn_ok(full):
            return full


def neg_numbers_phone_like(r):
    y, m, d = r.randint(2019, 2027), r.randint(1, 12), r.randint(1, 28)
    opts = [("it", "La consegna è prevista per il %02d/%02d/%d, importo € %d.%03d,%02d." % (d, m, y, r.randint(1, 99), r.randint(0, 999), r.randint(0, 99))),
            ("en", "Release v%d.%d.%d ships on %d-%02d-%02d; budget $%d,%03d,%03d." % (r.randint(1, 20), r.randint(0, 30), r.randint(0, 99), y, m, d, r.randint(1, 9), r.randint(0, 999), r.randint(0, 999))),
            ("en", "ISBN %s - add it to the bibliography." % isbn13(r)), ("it", "Il libro ha ISBN %s, edizione %d." % (isbn13(r), y)),
            ("en", "Order ORD-%d-%s, ticket #%s." % (y, rs(r, DIG, 7), rs(r, DIG, 6))),
            ("it", "Fattura n. %d/%s del %02d.%02d.%d" % (y, rs(r, DIG, 6), d, m, y)),
            ("en", "Pages %d-%d of the %d annual report." % (r.randint(100, 200), r.randint(201, 400), y)),
            ("it", "Popolazione residente: %d.%03d.%03d abitanti (ISTAT %d)." % (r.randint(1, 60), r.randint(0, 999), r.randint(0, 999), y)),
            ("en", "Coordinates %.4f, %.4f - find the nearest station." % (r.uniform(36, 47), r.uniform(6, 18))),
            ("it", "Aperto dalle 09:00 alle 18:30, CAP %s." % rs(r, DIG, 5)),
            ("en", "Case No. 2:%02d-cv-%s, filed %02d/%02d/%d." % (y % 100, rs(r, DIG, 5), m, d, y)),
            ("en", "Timestamp %d, duration %d ms, bytes %d." % (r.randint(1_600_000_000, 1_800_000_000), r.randint(100, 99999), r.randint(10 ** 6, 10 ** 9)))]
    lang, t = r.choice(opts)
    return neg(lang, t, "hard:number")


def isbn13(r):
    body = "978" + r.choice(["88", "0", "1", "3"])
    rest = rs(r, DIG, 12 - len(body))
    b = body + rest
    s = sum(int(x) * (3 if i % 2 else 1) for i, x in enumerate(b))
    full = b + str((10 - s % 10) % 10)
    g = len(body) - 3
    return "%s-%s-%s-%s-%s" % (full[:3], full[3:3 + g], full[3 + g:8], full[8:12], full[12])


def neg_checksum_fail(r):
    k = r.choice(["card", "card", "iban", "iban", "iban_len", "iban_cc", "cf", "cf_month", "vat", "vat0", "ssn", "ssn_itin", "imei"])
    lang = pick(r, "en", "it")
    if k == "card":
        while True:
            n = card_number(r, r.choice(CARD_BRANDS))
            i = r.randrange(len(n) - 1) + 1
            bad = n[:i] + str((int(n[i]) + r.randint(1, 9)) % 10) + n[i + 1:]
            if not luhn_ok(bad):
                break
        c = card_fmt(r, bad, r.choice(["space", "none", "dash"]))
        t = pick(r, "Is %s a valid card number? The checkout rejects it." % c, "La carta %s viene rifiutata dal POS, perché?" % c)
        return neg(lang, t, "hard:luhn-fail")
    if k in ("iban", "iban_len", "iban_cc"):
        cc = r.choice(sorted(IBAN_SPEC))
        if k == "iban":
            s = iban(r, cc)
            while True:
                i = r.randrange(4, len(s))
                if s[i].isdigit():
                    bad = s[:i] + str((int(s[i]) + r.randint(1, 9)) % 10) + s[i + 1:]
                    if not iban_ok(bad):
                        break
            tag = "hard:iban-mod97-fail"
        elif k == "iban_len":
            bad = iban(r, cc, r.choice([-2, -1, 1, 2]))
            tag = "hard:iban-wrong-length"
        else:
            cc2 = r.choice(["XK", "QZ", "ZZ", "AA", "US"])
            b = rs(r, DIG, 18)
            bad = cc2 + iban_check(cc2, b) + b
            tag = "hard:iban-unknown-country"
        i = iban_fmt(bad, r.choice(["grouped", "none"]))
        t = pick(r, "This IBAN %s is rejected by the bank, why?" % i, "L'IBAN %s viene rifiutato dalla banca, perché?" % i)
        return neg(lang, t, tag)
    if k in ("cf", "cf_month"):
        first, last, fem = person(r, "it")
        cf = fiscal_code(r, first, last, fem)
        if k == "cf":
            bad = cf[:15] + UP[(UP.index(cf[15]) + r.randint(1, 25)) % 26]
            tag = "hard:cf-check-fail"
        else:
            base = cf[:8] + r.choice("FGIJKNOQUVWXYZ") + cf[9:15]
            bad = base + cin_it(base)
            tag = "hard:cf-bad-month"
        t = pick(r, "Il codice fiscale %s risulta errato nel gestionale, come si calcola il carattere di controllo?" % bad,
                 "Why does the Italian tax code %s fail validation?" % bad)
        return neg(lang, t, tag)
    if k in ("vat", "vat0"):
        if k == "vat":
            v = it_vat(r)
            v = v[:10] + str((int(v[10]) + r.randint(1, 9)) % 10)
            tag = "hard:vat-check-fail"
        else:
            v = "00000000000"
            tag = "hard:vat-zeros"
        t = pick(r, "La partita IVA %s non passa il controllo, è sbagliata?" % v, "The VAT number %s fails the check digit, what's wrong?" % v)
        return neg(lang, t, tag)
    if k == "ssn":
        a, g, s = ssn(r)
        bad = r.choice([("000", g, s), ("666", g, s), ("9%02d" % r.randint(0, 99), g, s), (a, "00", s), (a, g, "0000")])
        t = pick(r, "Is SSN %s-%s-%s valid? The form rejects it." % bad, "Il modulo rifiuta l'SSN %s-%s-%s, è valido?" % bad)
        return neg(lang, t, "hard:ssn-invalid-range")
    if k == "ssn_itin":
        t = "Our contractor has ITIN 9%02d-%d%d-%s, is it a Social Security number?" % (r.randint(0, 99), r.choice([7, 8]), r.randint(0, 9), rs(r, DIG, 4))
        return neg("en", t, "hard:ssn-itin")
    tac = "35" + rs(r, DIG, 6)
    body = tac + rs(r, DIG, 6)
    imei = body + luhn_digit(body)
    t = pick(r, "The IMEI of the lost phone is %s, how do I block it?" % imei, "L'IMEI del telefono rubato è %s, come lo blocco?" % imei)
    return neg(lang, t, "hard:imei")


def neg_email_like(r):
    opts = [("en", "npm install lodash@4.17.%d express@4.%d.%d" % (r.randint(10, 21), r.randint(10, 19), r.randint(0, 9))),
            ("en", "pnpm add @angular/core@17.%d.%d @types/node@20.%d.%d" % (r.randint(0, 3), r.randint(0, 9), r.randint(0, 11), r.randint(0, 30))),
            ("en", "ssh deploy@bastion-%02d 'systemctl restart app'" % r.randint(1, 9)),
            ("en", "scp build.tar.gz ci@runner%d:/tmp/" % r.randint(1, 9)),
            ("it", "@%s.%s puoi rivedere la PR? cc @channel" % (slug(r.choice(IT_FIRST_M)), slug(r.choice(IT_LAST)))),
            ("en", "Use @Override and @Deprecated(since=\"%d.%d\") correctly in Java." % (r.randint(1, 9), r.randint(0, 9))),
            ("en", "@app.route('/users/<int:id>')\ndef user(id): ..."),
            ("en", "FROM python:3.%d-slim@sha256:%s" % (r.randint(9, 13), rs(r, HEX, 64))),
            ("en", "pip install 'requests>=2.31' 'urllib3==2.%d.%d'" % (r.randint(0, 2), r.randint(0, 9)))]
    lang, t = r.choice(opts)
    if r.random() < 0.2:  # message ids and git-style remotes look exactly like addresses
        t = r.choice(["Message-ID: <%s.%s@mail.northwind.io>\nIn-Reply-To: <%s@mx.contoso.com>" % (digits_not_luhn(r, 14), rs(r, HEX, 8), rs(r, HEX, 16)),
                      "git clone git@github.com:acme/infra.git"])
        return neg("en", t, "hard:email-like", "judgement")
    return neg(lang, t, "hard:email-like")


def neg_ip_like(r):
    a, b, c, d = r.randint(1, 20), r.randint(0, 20), r.randint(0, 9), r.randint(0, 200)
    opts = [("en", "Upgrade to version %d.%d.%d.%d fixed the crash." % (a, b, c, d)), ("en", "AssemblyVersion(\"%d.%d.%d.%d\")" % (a, b, c, d)),
            ("it", "Il firmware %d.%d.%d.%d del router ha un bug noto." % (a, b, c, d)),
            ("en", "OID 1.3.6.1.4.1.%d.%d.%d.%d identifies the MIB entry." % (r.randint(300, 60000), r.randint(1, 9), r.randint(1, 9), r.randint(1, 99))),
            ("en", "The certificate policy OID is 2.16.840.1.%d.%d.%d." % (r.randint(100000, 115000), r.randint(1, 9), r.randint(1, 9))),
            ("it", "Vedi il paragrafo %d.%d.%d.%d del capitolato." % (r.randint(1, 12), r.randint(1, 9), r.randint(1, 9), r.randint(1, 9))),
            ("en", "Pinned chromedriver %d.0.%d.%d" % (r.randint(100, 130), r.randint(1000, 7000), r.randint(1, 200))),
            ("en", "The address 192.168.%d.%d is not valid, octets go to 255." % (r.randint(256, 999), r.randint(1, 254))),
            ("en", "Interface MAC %s" % ":".join(rs(r, HEX, 2) for _ in range(6))),
            ("en", "Use std::vector<int>::iterator and std::map::find in C++."),
            ("it", "Il treno parte alle %02d:%02d:%02d del %02d.%02d.%d." % (r.randint(0, 23), r.randint(0, 59), r.randint(0, 59), r.randint(1, 28), r.randint(1, 12), r.randint(2020, 2027)))]
    lang, t = r.choice(opts)
    return neg(lang, t, "hard:ip-like")


def neg_public_material(r):
    b = base64.b64encode(bytes(r.getrandbits(8) for _ in range(270))).decode()
    lines = "\n".join(b[i:i + 64] for i in range(0, len(b), 64))
    opts = [("en", "-----BEGIN PUBLIC KEY-----\n%s\n-----END PUBLIC KEY-----\nIs this RSA key 2048 bits?" % lines),
            ("en", "-----BEGIN CERTIFICATE-----\n%s\n-----END CERTIFICATE-----\nWhen does this cert expire?" % lines),
            ("en", "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI%s mario@thinkpad" % rs(r, B64STD, 43)),
            ("it", "Aggiungi questa chiave pubblica a authorized_keys: ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQ%s deploy@ci" % rs(r, B64STD, 300)),
            ("en", "pk_live_%s is the publishable key for the checkout page." % rs(r, ALNUM, 24))]
    lang, t = r.choice(opts)
    tags = ["hard:public-key"]
    if t.startswith("pk_live_"):
        tags.append("judgement")
    return neg(lang, t, *tags)


def neg_github_bad_checksum(r):
    t = gh_token(r, r.choice(["ghp_", "ghs_", "gho_"]), bad=True)
    return neg("en", "GH_TOKEN=%s" % t, "hard:github-checksum-fail", "judgement")


def neg_base64_benign(r):
    s = r.choice(["Hello, this is a test message for the encoder.", "Il rapporto trimestrale è pronto per la revisione.",
                  "lorem ipsum dolor sit amet, consectetur adipiscing elit", '{"event":"login","status":"ok","retries":0}'])
    return neg(pick(r, "en", "it"), "Decode this base64: %s" % base64.b64encode(s.encode()).decode(), "hard:base64-benign")


def neg_not_jwt(r):
    opts = ["The package name is com.northwind.billing.service.Main.",
            "Use %s.%s.%s as the cache key." % (rs(r, B64URL, 20), rs(r, B64URL, 30), rs(r, B64URL, 20)),
            "eyJ is how every base64 JSON object starts; what does eyJhbGciOi decode to?"]
    return neg("en", r.choice(opts), "hard:jwt-like")


def neg_ssn_context_free(r):
    a, g, s = ssn(r)
    t = pick(r, "Part number %s-%s-%s is out of stock." % (a, g, s), "Ricambio cod. %s-%s-%s disponibile in magazzino." % (a, g, s))
    return neg(pick(r, "en", "it"), t, "hard:ssn-shaped-no-context", "judgement")


def neg_aws_ids(r):
    return neg("en", "The role id is %s and the user id is %s; are these secrets?" % ("AROA" + rs(r, B32, 17), "AIDA" + rs(r, B32, 17)),
               "hard:aws-unique-id", "judgement")


NEG = [(neg_placeholder_tokens, 4), (neg_placeholder_password, 4), (neg_prose_words, 4), (neg_ids, 4), (neg_numbers_phone_like, 4),
       (neg_checksum_fail, 6), (neg_email_like, 3), (neg_ip_like, 3), (neg_public_material, 2), (neg_github_bad_checksum, 1),
       (neg_base64_benign, 1), (neg_not_jwt, 1), (neg_ssn_context_free, 1), (neg_aws_ids, 1)]

# ---------------------------------------------------------------- evasions


def ev_case(r):
    tech = r.choice(["fullwidth", "fullwidth", "zero-width", "zero-width", "zero-width", "json-escape", "json-escape", "base64", "percent"])
    lang = pick(r, "en", "it")
    tag = ["evasion:" + tech]
    if tech == "fullwidth":
        typ = r.choice(["EMAIL", "CREDIT_CARD", "IBAN", "PHONE", "US_SSN", "IT_FISCAL_CODE", "IT_VAT", "AWS_ACCESS_KEY"])
        v = {"EMAIL": lambda: email(r, lang), "CREDIT_CARD": lambda: card_fmt(r, card_number(r, "visa16"), "space"),
             "IBAN": lambda: iban_fmt(iban(r, "IT"), "grouped"), "PHONE": lambda: phone(r, "it_mob"),
             "US_SSN": lambda: "%s-%s-%s" % ssn(r), "IT_FISCAL_CODE": lambda: fiscal_code(r, *person(r, "it")),
             "IT_VAT": lambda: it_vat(r), "AWS_ACCESS_KEY": lambda: aws_akid(r)}[typ]()
        fw = fullwidth(v, letters=typ in ("IT_FISCAL_CODE", "AWS_ACCESS_KEY", "IBAN") or r.random() < 0.3)
        ctx = {"EMAIL": "Scrivi a <<V>> per conferma." if lang == "it" else "Email the contract to <<V>> please.",
               "CREDIT_CARD": "carta <<V>> addebitata due volte" if lang == "it" else "card <<V>> was charged twice",
               "IBAN": "IBAN <<V>> per il bonifico" if lang == "it" else "wire it to IBAN <<V>>",
               "PHONE": "chiamami al <<V>>" if lang == "it" else "call me on <<V>>",
               "US_SSN": "SSN <<V>>", "IT_FISCAL_CODE": "codice fiscale <<V>>", "IT_VAT": "P.IVA <<V>>",
               "AWS_ACCESS_KEY": "aws_access_key_id = <<V>>"}[typ]
        return build(lang, ctx, {"V": F(typ, fw)}, tag)
    if tech == "zero-width":
        typ = r.choice(["EMAIL", "CREDIT_CARD", "IBAN", "IT_FISCAL_CODE", "AWS_ACCESS_KEY", "GITHUB_TOKEN", "STRIPE_KEY", "OPENAI_KEY",
                        "PHONE", "US_SSN", "SLACK_TOKEN", "GOOGLE_API_KEY"])
        v = {"EMAIL": lambda: email(r, lang), "CREDIT_CARD": lambda: card_fmt(r, card_number(r, r.choice(CARD_BRANDS)), r.choice(["space", "none"])),
             "IBAN": lambda: iban_fmt(iban(r, r.choice(sorted(IBAN_SPEC))), r.choice(["grouped", "none"])), "IT_FISCAL_CODE": lambda: fiscal_code(r, *person(r, "it")),
             "AWS_ACCESS_KEY": lambda: aws_akid(r), "GITHUB_TOKEN": lambda: gh_token(r), "STRIPE_KEY": lambda: stripe_key(r),
             "OPENAI_KEY": lambda: openai_key(r, "proj"), "PHONE": lambda: phone(r, "it_mob"), "US_SSN": lambda: "%s-%s-%s" % ssn(r),
             "SLACK_TOKEN": lambda: slack_token(r, "xoxb"), "GOOGLE_API_KEY": lambda: google_key(r)}[typ]()
        zv = zero_width(r, v)
        ctx = pick(r, "Here it is: <<V>> - what's wrong?", "Ecco il dato: <<V>>, controllalo.") if typ not in ("IBAN", "CREDIT_CARD") else \
            pick(r, "Pay with <<V>> today.", "Paga su <<V>> oggi.")
        if typ == "CREDIT_CARD":
            ctx = pick(r, "card number <<V>>", "numero carta <<V>>")
        if typ == "PHONE":
            ctx = pick(r, "Call me on <<V>> tomorrow.", "Chiamami al <<V>> domani.")
        if typ == "US_SSN":
            ctx = pick(r, "SSN: <<V>>", "Il suo SSN è <<V>>.")
        if typ == "IBAN":
            ctx = pick(r, "IBAN: <<V>>", "bonifico su IBAN <<V>>")
        return build(lang, ctx, {"V": F(typ, zv)}, tag)
    if tech == "json-escape":
        typ = r.choice(["EMAIL", "CREDIT_CARD", "IBAN", "AWS_ACCESS_KEY", "PASSWORD", "IT_FISCAL_CODE"])
        if typ == "EMAIL":
            v = json_u(email(r, lang), lambda c: c in "@.")
            inner = "contact <<V>>"
        elif typ == "CREDIT_CARD":
            v = json_u(card_number(r, r.choice(["visa16", "mc5", "amex"])), lambda c: True)
            inner = "my card is <<V>>"
        elif typ == "IBAN":
            v = json_u(iban(r, "IT"), lambda c: c.isdigit())
            inner = "IBAN <<V>>"
        elif typ == "AWS_ACCESS_KEY":
            v = json_u(aws_akid(r), lambda c: True)
            inner = "aws_access_key_id=<<V>>"
        elif typ == "PASSWORD":
            v = json_u(password(r, "strong"), lambda c: True)
            inner = "the db password is <<V>>"
        else:
            v = json_u(fiscal_code(r, *person(r, "it")), lambda c: True)
            inner = "codice fiscale <<V>>"
        tpl = '{"model":"gpt-4o","messages":[{"role":"user","content":"' + inner + '"}]}'
        return build(lang, tpl, {"V": F(typ, v)}, tag)
    if tech == "base64":
        typ = r.choice(["EMAIL", "CREDIT_CARD", "AWS_ACCESS_KEY", "GITHUB_TOKEN", "PASSWORD", "IBAN"])
        secret = {"EMAIL": lambda: email(r, lang), "CREDIT_CARD": lambda: card_number(r, "visa16"), "AWS_ACCESS_KEY": lambda: aws_akid(r),
                  "GITHUB_TOKEN": lambda: gh_token(r), "PASSWORD": lambda: password(r, "strong"), "IBAN": lambda: iban(r, "IT")}[typ]()
        pre = {"EMAIL": "contact: ", "CREDIT_CARD": "card=", "AWS_ACCESS_KEY": "aws_access_key_id=", "GITHUB_TOKEN": "token: ",
               "PASSWORD": "password: ", "IBAN": "IBAN "}[typ]
        plain = (pre + secret + "\n").encode()
        blob = base64.b64encode(plain).decode()
        s, e = len(pre.encode()), len(pre.encode()) + len(secret.encode())
        cs, ce = 4 * (s // 3), min(len(blob.rstrip("=")), 4 * (-(-e // 3)))
        tpl = pick(r, "Decode this and tell me if it works: <<V>>", "Decodifica questo base64: <<V>>")
        return build(lang, tpl, {"V": S(blob, [(typ, cs, ce)])}, tag)
    # percent-encoding
    typ = r.choice(["EMAIL", "EMAIL", "PASSWORD", "AWS_ACCESS_KEY"])
    if typ == "EMAIL":
        v = email(r, lang).replace("@", "%40").replace("+", "%2B")
        tpl = "https://crm.northwind.io/unsubscribe?email=<<V>>&list=7"
    elif typ == "PASSWORD":
        p = password(r, "strong")
        v = "".join("%%%02X" % ord(c) if not c.isalnum() else c for c in p)
        if v == p:
            v = p[:-1] + "%%%02X" % ord(p[-1])
        tpl = "GET /login?user=admin&password=<<V>> HTTP/1.1"
    else:
        v = "".join("%%%02X" % ord(c) for c in aws_akid(r))
        tpl = "redirect?aws_access_key_id=<<V>>"
    return build(lang, tpl, {"V": F(typ, v)}, tag)


# ---------------------------------------------------------------- distractor tails (no findings)

TAILS = ["\n\nAlso, what does HTTP 429 mean?", "\n\nGrazie mille, a presto.", "\n\n(ref. build 4f2c9a1, release 2.14.3)",
         "\n\nP.S. la riunione è spostata al 14/05 alle 15:30.", "\n\nThanks! Order ORD-2025-004417 is unrelated."]


# ---------------------------------------------------------------- driver

def generate(seed, n):
    r = random.Random(seed)
    n_neg = round(n * 0.30)
    n_ev = round(n * 0.13)
    n_pos = n - n_neg - n_ev
    cats = ["pos"] * n_pos + ["neg"] * n_neg + ["ev"] * n_ev
    r.shuffle(cats)
    types = sorted(POS)
    pos_order = []
    while len(pos_order) < n_pos:
        t = list(types)
        r.shuffle(t)
        pos_order += t
    neg_bag = [f for f, w in NEG for _ in range(w)]
    out, pi = [], 0
    for i, c in enumerate(cats):
        if c == "pos":
            case = POS[pos_order[pi]](r)
            pi += 1
            if r.random() < 0.15:
                case["text"] += r.choice(TAILS)
                case["tags"].append("distractor")
        elif c == "neg":
            case = r.choice(neg_bag)(r)
        else:
            case = ev_case(r)
        case = {"id": "a10-%d-%04d" % (seed, i), "lang": case["lang"], "text": case["text"], "findings": case["findings"],
                "tags": case["tags"]}
        out.append(case)
    return out


# ---------------------------------------------------------------- self-validation

def norm_value(v):
    v = unicodedata.normalize("NFKC", v)
    return "".join(c for c in v if unicodedata.category(c) != "Cf")


def check_case(c):
    errs = []
    b = c["text"].encode()
    for f in c["findings"]:
        if b[f["start"]:f["end"]].decode("utf-8", "strict") != f["value"]:
            errs.append("offset mismatch %r" % f)
    if ("negative" in c["tags"]) != (not c["findings"]):
        errs.append("negative tag inconsistent")
    ev = any(t.startswith("evasion") for t in c["tags"])
    for f in c["findings"]:
        v = norm_value(f["value"])
        if ev and any(t in c["tags"] for t in ("evasion:json-escape", "evasion:base64", "evasion:percent")):
            continue
        t = f["type"]
        if t == "CREDIT_CARD" and not luhn_ok(re.sub(r"\D", "", v)):
            errs.append("luhn %r" % v)
        if t == "IBAN" and not (iban_ok(v) and len(re.sub(r"\s", "", v)) == IBAN_LEN[v[:2].upper()]):
            errs.append("iban %r" % v)
        if t == "IT_FISCAL_CODE" and not cf_ok(v):
            errs.append("cf %r" % v)
        if t == "IT_VAT":
            d = v[2:] if v.upper().startswith("IT") else v
            if not (len(d) == 11 and luhn_ok(d)):
                errs.append("vat %r" % v)
        if t == "GITHUB_TOKEN" and not v.startswith("github_pat_") and not gh_ok(v):
            errs.append("gh %r" % v)
        if t == "US_SSN":
            d = re.sub(r"\D", "", v)
            if len(d) != 9 or d[:3] in ("000", "666") or d[0] == "9" or d[3:5] == "00" or d[5:] == "0000":
                errs.append("ssn %r" % v)
    # negatives (and the unlabelled parts of positives) must hold no accidental checksum-valid values
    if "negative" in c["tags"] and not any(t in c["tags"] for t in ("hard:imei",)):
        txt = norm_value(c["text"])
        for m in re.finditer(r"(?<![\d-])\d(?:[ -]?\d){12,18}(?![\d])", txt):
            d = re.sub(r"\D", "", m.group())
            if luhn_ok(d) and d[0] in "23456":
                errs.append("accidental luhn-valid card-like %r" % m.group())
        for m in re.finditer(r"\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?\b", txt):
            s = m.group().replace(" ", "")
            if s[:2] in IBAN_LEN and iban_ok(s) and len(s) == IBAN_LEN[s[:2]]:
                errs.append("accidental IBAN %r" % m.group())
        for m in re.finditer(r"\b[A-Z0-9]{16}\b", txt):
            if cf_ok(m.group()):
                errs.append("accidental CF %r" % m.group())
        for m in re.finditer(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}\b", txt):
            if "judgement" not in c["tags"]:
                errs.append("accidental email %r" % m.group())
    return errs


def main():
    if len(sys.argv) == 3 and sys.argv[1] == "--check":
        bad = 0
        with open(sys.argv[2], encoding="utf-8") as fh:
            for line in fh:
                c = json.loads(line)
                for e in check_case(c):
                    bad += 1
                    print(c["id"], e)
        print("checked, %d problem(s)" % bad)
        sys.exit(1 if bad else 0)
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    seed, n, path = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
    cases = generate(seed, n)
    bad = 0
    for c in cases:
        for e in check_case(c):
            bad += 1
            print(c["id"], e, file=sys.stderr)
    with open(path, "w", encoding="utf-8") as fh:
        for c in cases:
            fh.write(json.dumps(c, ensure_ascii=False) + "\n")
    if bad:
        sys.exit("%d self-check problem(s)" % bad)


if __name__ == "__main__":
    main()
