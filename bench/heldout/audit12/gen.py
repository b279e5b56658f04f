#!/usr/bin/env python3
"""Audit 12 held-out corpus generator: "precision under pressure".

    gen.py SEED N OUT.jsonl            write N cases (deterministic per SEED)
    gen.py --strip-judgement IN OUT    copy IN without the cases tagged "judgement"

About 55% of the cases hold no sensitive value at all but look dangerous (developers talking
about passwords, numbers shaped like PII, token look-alikes, "confidential" in ordinary prose);
about 45% hold real findings of every DESIGN.md type among such look-alikes, ~10% of them
evaded (full-width, zero-width, JSON \\u escapes, base64, percent-encoding). English and Italian
about half each. Output lines follow shared/corpus/dev.jsonl: {"id","lang","text","findings":
[{"type","start","end","value"}],"tags"}, byte offsets into the UTF-8 text.

Every value is fabricated from the seed; Luhn, IBAN mod-97, codice fiscale, partita IVA, GitHub
CRC32 and JWT "alg" are computed. A self-check runs on every case (spans, checksums of labelled
values, and a scan with independent validators: a valid-looking value outside a labelled span
rejects the case and it is drawn again). Python 3 standard library only.
"""
import base64
import collections
import random
import sys
import json
import re
import string
import unicodedata
import urllib.parse
import zlib

DIG = string.digits
UP = string.ascii_uppercase
LO = string.ascii_lowercase
ALNUM = DIG + UP + LO
B62 = DIG + UP + LO            # GitHub checksum alphabet (0-9A-Za-z)
B64 = UP + LO + DIG + "+/"
B64URL = UP + LO + DIG + "-_"
B32 = UP + "234567"


def rs(r, alphabet, n):
    return "".join(r.choice(alphabet) for _ in range(n))


# ---------------------------------------------------------------- checksums
def luhn_ok(digits):
    s, alt = 0, False
    for ch in reversed(digits):
        d = int(ch)
        if alt:
            d *= 2
            if d > 9:
                d -= 9
        s += d
        alt = not alt
    return s % 10 == 0


def luhn_complete(partial):
    for d in DIG:
        if luhn_ok(partial + d):
            return partial + d
    raise AssertionError


def card_brand(d):
    n = len(d)
    if d[0] == "4" and n in (13, 16, 19):
        return "visa"
    p2, p4 = int(d[:2]), int(d[:4])
    if 51 <= p2 <= 55 and n == 16:
        return "mc"
    if 2221 <= p4 <= 2720 and n == 16:
        return "mc"
    if p2 in (34, 37) and n == 15:
        return "amex"
    if (d.startswith("6011") or d.startswith("65") or 644 <= int(d[:3]) <= 649) and 16 <= n <= 19:
        return "discover"
    if 3528 <= p4 <= 3589 and 16 <= n <= 19:
        return "jcb"
    if (d.startswith("36") or 300 <= int(d[:3]) <= 305) and n == 14:
        return "diners"
    return None


def card_valid(d):
    return d.isdigit() and card_brand(d) is not None and luhn_ok(d)


IBAN_LEN = {"IT": 27, "DE": 22, "FR": 27, "ES": 24, "NL": 18, "GB": 22, "CH": 21, "BE": 16,
            "AT": 20, "PT": 25, "IE": 22, "LU": 20, "SM": 27, "PL": 28}


def iban_num(s):
    return int("".join(str(int(c, 36)) for c in s))


def iban_valid(s):
    s = s.replace(" ", "")
    if len(s) < 15 or s[:2] not in IBAN_LEN or len(s) != IBAN_LEN[s[:2]]:
        return False
    if not s[2:4].isdigit() or not s.isalnum() or not s.isascii():
        return False
    return iban_num(s[4:] + s[:4]) % 97 == 1


def iban_with_check(cc, bban):
    chk = 98 - iban_num(bban + cc + "00") % 97
    return "%s%02d%s" % (cc, chk, bban)


CF_ODD = dict(zip("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ",
                  [1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20,
                   11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23]))


def cf_check(first15):
    s = 0
    for i, ch in enumerate(first15):
        if i % 2 == 0:
            s += CF_ODD[ch]
        else:
            s += int(ch) if ch.isdigit() else ord(ch) - 65
    return chr(65 + s % 26)


OMOCODIA = "LMNPQRSTUV"
CF_RE = re.compile(r"[A-Z]{6}[0-9LMNPQRSTUV]{2}[ABCDEHLMPRST][0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{3}[A-Z]")


def cf_valid(s):
    return bool(CF_RE.fullmatch(s)) and cf_check(s[:15]) == s[15]


def piva_check(d10):
    x = sum(int(d10[i]) for i in range(0, 10, 2))
    y = 0
    for i in range(1, 10, 2):
        v = int(d10[i]) * 2
        y += v - 9 if v > 9 else v
    return str((10 - (x + y) % 10) % 10)


def piva_valid(s):
    if not (len(s) == 11 and s.isdigit()):
        return False
    off = int(s[7:10])
    if not (1 <= off <= 100 or off in (120, 121, 888, 999)):
        return False
    return piva_check(s[:10]) == s[10]


def piva_checksum_only(s):
    return len(s) == 11 and s.isdigit() and piva_check(s[:10]) == s[10]


def ssn_valid(s):
    m = re.fullmatch(r"(\d{3})[- ]?(\d{2})[- ]?(\d{4})", s)
    if not m:
        return False
    a, g, n = m.groups()
    return a not in ("000", "666") and a < "900" and g != "00" and n != "0000"


def b62(n, width=6):
    out = ""
    while n:
        out = B62[n % 62] + out
        n //= 62
    return out.rjust(width, "0")


def gh_valid(tok):
    m = re.fullmatch(r"gh[pousr]_([A-Za-z0-9]{30})([A-Za-z0-9]{6})", tok)
    return bool(m) and b62(zlib.crc32(m.group(1).encode())) == m.group(2)


def b64url_dec(seg):
    return base64.urlsafe_b64decode(seg + "=" * (-len(seg) % 4))


def jwt_valid(tok):
    parts = tok.split(".")
    if len(parts) != 3:
        return False
    try:
        h = json.loads(b64url_dec(parts[0]))
        json.loads(b64url_dec(parts[1]))
    except Exception:
        return False
    return isinstance(h, dict) and "alg" in h


def isbn13(r, prefix="978"):
    body = prefix + rs(r, DIG, 12 - len(prefix))
    s = sum(int(c) * (1 if i % 2 == 0 else 3) for i, c in enumerate(body))
    return body + str((10 - s % 10) % 10)


def aba_routing(r):
    while True:
        d = rs(r, DIG, 8)
        w = [3, 7, 1, 3, 7, 1, 3, 7]
        s = sum(int(c) * w[i] for i, c in enumerate(d))
        c = (10 - s % 10) % 10
        if d[0] in "0123":
            return d + str(c)


# ---------------------------------------------------------------- de-evasion (for self-checks)
ZW = "\u200b\u200c\u200d\u2060\ufeff"


def deevade(v, tags=()):
    v = unicodedata.normalize("NFKC", v)
    v = "".join(ch for ch in v if ch not in ZW)
    if "\\u" in v:
        v = re.sub(r"\\u([0-9a-fA-F]{4})", lambda m: chr(int(m.group(1), 16)), v)
    if "evasion:percent" in tags and "%" in v:
        v = urllib.parse.unquote(v)
    if "evasion:base64" in tags:
        try:
            v = base64.b64decode(v + "=" * (-len(v) % 4)).decode()
        except Exception:
            pass
    return v


# ================================================================= fillers
def M(typ, val):
    """Mark a labelled value inside a template result."""
    assert not any(ch in val for ch in "\x00\x01\x02")
    return "\x00%s\x01%s\x02" % (typ, val)


FIRST_IT = ["Marco", "Giulia", "Luca", "Francesca", "Alessandro", "Chiara", "Matteo", "Sara", "Davide",
            "Elena", "Paolo", "Federica", "Giorgio", "Martina", "Stefano", "Valentina", "Andrea", "Silvia",
            "Roberto", "Laura", "Nicola", "Ilaria", "Simone", "Beatrice"]
FIRST_EN = ["John", "Emily", "Michael", "Sarah", "David", "Laura", "James", "Anna", "Daniel", "Rachel",
            "Tom", "Kate", "Peter", "Olivia"]
SURN_IT = ["Rossi", "Bianchi", "Esposito", "Romano", "Colombo", "Ricci", "Marino", "Greco", "Bruno", "Gallo",
           "Conti", "De Luca", "Costa", "Giordano", "Mancini", "Rizzo", "Lombardi", "Moretti", "Barbieri",
           "Fontana", "D'Angelo", "Ferri", "Santoro", "Marchetti"]
SURN_EN = ["Smith", "Johnson", "Brown", "Taylor", "Miller", "Wilson", "Moore", "Clark", "Walker", "Hall",
           "Wright", "Turner"]
DOMAINS = ["acme.it", "banca-nord.it", "studiolegale-verdi.it", "fabbricaricambi.it", "gmail.com", "libero.it",
           "outlook.com", "hotmail.it", "northwind-logistics.co.uk", "contoso-retail.com",
           "pec.comune.torino.it", "asl-toscana-sud.it", "unimi.it", "tiscali.it", "yahoo.com",
           "ortofrutta-bassi.it", "meridian-health.org", "pec.studiobianchi.it"]
CITIES_IT = ["Milano", "Roma", "Torino", "Napoli", "Bologna", "Firenze", "Bari", "Padova", "Verona", "Genova"]
COMPANIES = ["Acme S.r.l.", "Fabbrica Ricambi S.p.A.", "Studio Verdi & Associati", "Northwind Logistics Ltd",
             "Contoso Retail Inc.", "Ortofrutta Bassi S.n.c.", "Meridian Health LLC", "Tecnoservizi S.r.l."]
BELFIORE = ["F205", "H501", "L219", "F839", "A944", "D612", "G273", "C351", "L736", "B354", "E506", "A662",
            "G224", "L781", "D969", "H703", "L424", "B157"]
HOSTS = ["db-prod.internal", "pg01.acme.lan", "mysql-eu.acme.it", "cluster0.x7kqp.mongodb.net",
         "rabbit01.acme.it", "cache-2.internal", "erp-db.fabbricaricambi.it", "analytics-pg.acme.lan"]
PW_WORDS = ["Estate", "Inverno", "Juventus", "Milano", "Ferrari", "Gattino", "Primavera", "Sole", "Roma",
            "Dragon", "Summer", "Winter", "Monkey", "Sunshine", "Liverpool", "Mare", "Napoli", "Luna"]
PW_SYM = "!#$%*+-.=?^_~"


def asciify(s):
    return s.replace("'", "").replace(" ", "").lower()


class Ctx:
    def __init__(self, r, lang):
        self.r = r
        self.lang = lang
        self.tags = set()

    # ------------------------------------------------------------ helpers
    def ch(self, seq):
        return self.r.choice(seq)

    def rint(self, a, b):
        return self.r.randint(a, b)

    def first(self):
        return self.ch(FIRST_IT if self.lang == "it" or self.r.random() < .3 else FIRST_EN)

    def surname(self):
        return self.ch(SURN_IT if self.lang == "it" or self.r.random() < .3 else SURN_EN)

    def digits(self, n, lead_nonzero=False):
        s = rs(self.r, DIG, n)
        if lead_nonzero and s[0] == "0":
            s = self.ch("123456789") + s[1:]
        return s

    # ------------------------------------------------------------ real values
    def v_email(self):
        f, s = asciify(self.first()), asciify(self.surname())
        local = self.ch([f + "." + s, f[0] + s, s + "." + f, f + "_" + s + self.digits(2), f + s[0],
                         f + "+fatture", s + self.digits(2), f + "." + s + self.digits(1)])
        return local + "@" + self.ch(DOMAINS)

    def v_phone(self, kind=None):
        r = self.r
        kind = kind or self.ch(["it_mob", "it_mob", "it_mob", "it_land", "us", "uk", "de", "fr"])
        if kind == "it_mob":
            p = self.ch(["320", "328", "329", "330", "333", "335", "338", "339", "340", "342", "345", "347",
                         "348", "349", "351", "366", "380", "389", "392", "393"])
            n = self.digits(7)
            return self.ch(["+39 %s %s %s" % (p, n[:3], n[3:]), "+39 %s%s" % (p, n), "%s %s %s" % (p, n[:3], n[3:]),
                            "%s-%s" % (p, n), "%s %s" % (p, n), "0039 %s %s" % (p, n), "+39%s%s" % (p, n)])
        if kind == "it_land":
            p = self.ch(["02", "06", "011", "051", "055", "081", "010", "049"])
            n = self.digits(8 - len(p) + 2 if len(p) == 2 else 7, lead_nonzero=True)
            if len(p) == 2:
                n = self.digits(8, True)
                return self.ch(["%s %s %s" % (p, n[:4], n[4:]), "+39 %s %s" % (p, n), "%s/%s" % (p, n),
                                "+39 %s %s %s" % (p, n[:4], n[4:])])
            return self.ch(["%s %s %s" % (p, n[:3], n[3:]), "+39 %s %s" % (p, n), "%s/%s" % (p, n)])
        if kind == "us":
            a = self.ch(["212", "312", "415", "617", "646", "718", "202", "305", "503", "206", "512", "704"])
            ex = str(self.rint(201, 989))
            if ex == "555":
                ex = "556"
            n = self.digits(4)
            return self.ch(["+1 (%s) %s-%s" % (a, ex, n), "(%s) %s-%s" % (a, ex, n), "%s-%s-%s" % (a, ex, n),
                            "+1 %s %s %s" % (a, ex, n), "+1-%s-%s-%s" % (a, ex, n)])
        if kind == "uk":
            if r.random() < .5:
                return "+44 20 %s %s" % (self.ch("378") + self.digits(3), self.digits(4))
            return "+44 7%s %s" % (self.ch(["4", "5", "8", "9"]) + self.digits(2), self.digits(6))
        if kind == "de":
            return self.ch(["+49 30 %s" % self.digits(8, True), "+49 89 %s %s" % (self.digits(4, True), self.digits(4)),
                            "+49 151 %s" % self.digits(8, True)])
        n = self.digits(8)
        return "+33 %s %s %s %s %s" % (self.ch("67"), n[:2], n[2:4], n[4:6], n[6:])

    def v_card_digits(self):
        brand = self.ch(["visa", "visa", "mc", "mc2", "amex", "disc"])
        if brand == "visa":
            d = "4" + self.digits(14)
        elif brand == "mc":
            d = str(self.rint(51, 55)) + self.digits(13)
        elif brand == "mc2":
            d = str(self.rint(2221, 2720)) + self.digits(11)
        elif brand == "amex":
            d = self.ch(["34", "37"]) + self.digits(12)
        else:
            d = "6011" + self.digits(11)
        return luhn_complete(d)

    def fmt_card(self, d):
        if len(d) == 15:
            sep = self.ch([" ", "-", ""])
            return sep.join([d[:4], d[4:10], d[10:]])
        sep = self.ch([" ", " ", "-", ""])
        return sep.join(d[i:i + 4] for i in range(0, 16, 4))

    def v_card(self):
        return self.fmt_card(self.v_card_digits())

    def bban(self, cc):
        r = self.r
        if cc == "IT":
            return self.ch(UP) + self.digits(5) + self.digits(5) + self.digits(12)
        if cc == "SM":
            return self.ch(UP) + self.digits(22)
        if cc == "DE":
            return self.digits(18)
        if cc == "FR":
            bank, branch, acct = self.digits(5), self.digits(5), self.digits(11)
            key = 97 - (89 * int(bank) + 15 * int(branch) + 3 * int(acct)) % 97
            return bank + branch + acct + "%02d" % key
        if cc == "ES":
            bank, branch, acct = self.digits(4), self.digits(4), self.digits(10)
            w = [1, 2, 4, 8, 5, 10, 9, 7, 3, 6]

            def dc(s):
                v = 11 - sum(int(c) * w[i] for i, c in enumerate(s)) % 11
                return {11: 0, 10: 1}.get(v, v)
            return bank + branch + "%d%d" % (dc("00" + bank + branch), dc(acct)) + acct
        if cc == "NL":
            return self.ch(["ABNA", "RABO", "INGB", "TRIO", "KNAB"]) + self.digits(10)
        if cc == "GB":
            return self.ch(["NWBK", "BARC", "LOYD", "HBUK", "MIDL"]) + self.digits(14)
        if cc == "CH":
            return self.digits(17)
        if cc == "BE":
            d = self.digits(10)
            c = int(d) % 97 or 97
            return d + "%02d" % c
        if cc == "AT":
            return self.digits(16)
        if cc == "PT":
            return self.digits(21)
        if cc == "IE":
            return self.ch(["AIBK", "BOFI"]) + self.digits(14)
        if cc == "LU":
            return self.digits(3) + rs(r, UP + DIG, 13)
        if cc == "PL":
            return self.digits(24)
        raise KeyError(cc)

    def fmt_iban(self, s):
        if self.r.random() < .5:
            return s
        return " ".join(s[i:i + 4] for i in range(0, len(s), 4))

    def fmt_grouped(self, s):
        return " ".join(s[i:i + 4] for i in range(0, len(s), 4))

    def v_iban(self, cc=None):
        cc = cc or self.ch(["IT", "IT", "IT", "DE", "FR", "ES", "NL", "GB", "CH", "BE", "AT", "PT", "SM"])
        return self.fmt_iban(iban_with_check(cc, self.bban(cc)))

    def cf15(self):
        d = self.rint(1, 31) + (40 if self.r.random() < .5 else 0)
        return (rs(self.r, UP, 6) + "%02d" % self.rint(0, 99) + self.ch("ABCDEHLMPRST") + "%02d" % d
                + self.ch(BELFIORE))

    def v_cf(self):
        s = self.cf15()
        return s + cf_check(s)

    def v_piva(self):
        off = self.ch(["%03d" % self.rint(1, 100), "%03d" % self.rint(1, 100), "120", "121"])
        d = self.digits(7) + off
        return d + piva_check(d)

    def v_ssn(self):
        while True:
            a = self.rint(1, 899)
            if a != 666:
                break
        s = "%03d-%02d-%04d" % (a, self.rint(1, 99), self.rint(1, 9999))
        return s if self.r.random() < .85 else s.replace("-", " ")

    def v_ip(self):
        if self.r.random() < .45:
            return self.ch(["10.%d.%d.%d" % (self.rint(0, 255), self.rint(0, 255), self.rint(1, 254)),
                            "192.168.%d.%d" % (self.rint(0, 254), self.rint(2, 254)),
                            "172.%d.%d.%d" % (self.rint(16, 31), self.rint(0, 255), self.rint(1, 254))])
        a = self.ch([5, 31, 37, 46, 62, 79, 80, 82, 87, 93, 95, 109, 130, 151, 176, 185, 188, 193, 212, 213, 217])
        return "%d.%d.%d.%d" % (a, self.rint(0, 255), self.rint(0, 255), self.rint(1, 254))

    def v_akia(self):
        while True:
            v = self.ch(["AKIA", "AKIA", "ASIA"]) + rs(self.r, B32, 16)
            if "EXAMPLE" not in v:
                return v

    def v_aws_secret(self):
        while True:
            v = rs(self.r, B64, 40)
            if re.search(r"[A-Z]", v) and re.search(r"[a-z]", v) and re.search(r"\d", v):
                return v

    def v_gh(self):
        if self.r.random() < .15:
            return "github_pat_" + rs(self.r, ALNUM, 22) + "_" + rs(self.r, ALNUM, 59)
        body = rs(self.r, ALNUM, 30)
        return self.ch(["ghp_", "ghp_", "ghp_", "gho_", "ghu_", "ghs_", "ghr_"]) + body + b62(zlib.crc32(body.encode()))

    def v_gl(self):
        return "glpat-" + rs(self.r, ALNUM + "-_", 20)

    def v_slack(self):
        if self.r.random() < .6:
            return "xoxb-%s-%s-%s" % (self.digits(12, True), self.digits(13, True), rs(self.r, ALNUM, 24))
        return "xoxp-%s-%s-%s-%s" % (self.digits(12, True), self.digits(12, True), self.digits(13, True),
                                     rs(self.r, "0123456789abcdef", 32))

    def v_slack_hook(self):
        return "https://hooks.slack.com/services/T%s/B%s/%s" % (rs(self.r, UP + DIG, 8), rs(self.r, UP + DIG, 10),
                                                                rs(self.r, ALNUM, 24))

    def v_stripe(self):
        p = self.ch(["sk_live_", "sk_live_", "rk_live_"])
        return p + self.ch(["51" + rs(self.r, ALNUM, 97), rs(self.r, ALNUM, 24), rs(self.r, ALNUM, 34)])

    def v_openai(self):
        k = self.ch(["proj", "proj", "legacy", "svc"])
        if k == "legacy":
            return "sk-" + rs(self.r, ALNUM, 20) + "T3BlbkFJ" + rs(self.r, ALNUM, 20)
        pre = "sk-proj-" if k == "proj" else "sk-svcacct-"
        return pre + rs(self.r, ALNUM + "-_", 74) + "T3BlbkFJ" + rs(self.r, ALNUM + "-_", 74)

    def v_anthropic(self):
        return "sk-ant-api03-" + rs(self.r, ALNUM + "-_", 93) + "AA"

    def v_google(self):
        return "AIzaSy" + rs(self.r, ALNUM + "-_", 33)

    def v_privkey(self):
        kind, head = self.ch([("RSA PRIVATE KEY", "MIIEpAIBAAKCAQEA"),
                              ("PRIVATE KEY", "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQ"),
                              ("EC PRIVATE KEY", "MHcCAQEEI"),
                              ("OPENSSH PRIVATE KEY", "b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAA"),
                              ("ENCRYPTED PRIVATE KEY", "MIIFHDBOBgkqhkiG9w0BBQ0wQTApBgkqhkiG9w0BBQwwHAQI")])
        body = head + rs(self.r, B64, 64 * self.rint(3, 9) - len(head) + self.rint(8, 60))
        lines = [body[i:i + 64] for i in range(0, len(body), 64)]
        if kind in ("EC PRIVATE KEY", "PRIVATE KEY", "ENCRYPTED PRIVATE KEY") and not lines[-1].endswith("="):
            lines[-1] = lines[-1][:-1] + "="
        return "-----BEGIN %s-----\n%s\n-----END %s-----" % (kind, "\n".join(lines), kind)

    def b64u(self, obj):
        return base64.urlsafe_b64encode(json.dumps(obj, separators=(",", ":")).encode()).decode().rstrip("=")

    def v_jwt(self):
        alg = self.ch(["HS256", "HS256", "RS256", "ES256"])
        hdr = self.ch([{"alg": alg, "typ": "JWT"}, {"typ": "JWT", "alg": alg},
                       {"alg": alg, "typ": "JWT", "kid": rs(self.r, ALNUM, 16)}])
        iat = self.rint(1690000000, 1760000000)
        pl = {"sub": self.ch([self.digits(6), "usr_" + rs(self.r, ALNUM, 10), str(uuid_from(self.r))]),
              "name": self.first() + " " + self.surname(), "iat": iat, "exp": iat + 3600}
        if self.r.random() < .4:
            pl["role"] = self.ch(["admin", "user", "billing"])
        sig = rs(self.r, B64URL, {"HS256": 43, "ES256": 86, "RS256": 342}[alg])
        return "%s.%s.%s" % (self.b64u(hdr), self.b64u(pl), sig)

    def v_pw(self, weak_ok=True):
        r = self.r
        k = self.ch(["word", "word", "leet", "rand", "rand", "pass", "weak"] if weak_ok else ["word", "leet", "rand"])
        if k == "word":
            return self.ch(PW_WORDS) + self.ch(["", self.ch(PW_SYM)]) + str(self.rint(1970, 2025)) + self.ch(["!", "#", "$", "", "*"])
        if k == "leet":
            return self.ch(["P@ssw0rd", "Tr0ub4dor&3", "S3cur1ty", "Adm1n", "W3lc0me", "Qwerty!"]) + self.ch(["-", "_", "", "."]) + rs(r, ALNUM, self.rint(3, 6))
        if k == "rand":
            while True:
                v = self.ch(UP + LO) + rs(r, ALNUM + PW_SYM, self.rint(11, 19))
                if re.search(r"\d", v) and re.search(r"[" + re.escape(PW_SYM) + "]", v):
                    return v
        if k == "pass":
            ws = ["cavallo", "batteria", "graffetta", "corretto", "lampione", "tramonto", "falco", "violino",
                  "orange", "river", "copper", "lantern"]
            return "-".join(r.sample(ws, 3)) + "-" + str(self.rint(1, 99))
        return self.ch(["ciao", "gattino", "forzainter", "amore", "pippo", "tesoro", "marco"]) + str(self.rint(10, 9999))

    def v_cred_url(self):
        user = self.ch(["app", "svc_report", "admin", "postgres", "root", "etl", "billing_rw", "deploy"])
        pw = rs(self.r, ALNUM, self.rint(10, 20))
        if self.r.random() < .3:
            pw = pw[:4] + self.ch(["%21", "%23", "%40", "!", "*", "-", "_"]) + pw[4:]
        sch = self.ch(["postgres", "postgresql", "mysql", "mongodb+srv", "mongodb", "redis", "amqp", "https", "ftp"])
        host = self.ch(HOSTS)
        if sch == "https":
            host = self.ch(["nexus.acme.it", "artifactory.acme.lan", "git.fabbricaricambi.it"])
            return "https://%s:%s@%s/repository/%s/" % (user, pw, host, self.ch(["maven-releases", "npm-private", "pypi-internal"]))
        if sch == "redis" and self.r.random() < .5:
            return "redis://:%s@%s:6379/%d" % (pw, host, self.rint(0, 5))
        if sch == "mongodb+srv":
            return "mongodb+srv://%s:%s@%s/%s?retryWrites=true&w=majority" % (user, pw, self.ch(HOSTS[3:4]), self.ch(["crm", "orders"]))
        port = {"postgres": 5432, "postgresql": 5432, "mysql": 3306, "mongodb": 27017, "redis": 6379, "amqp": 5672, "ftp": 21}[sch]
        path = self.ch(["/crm", "/billing", "/app", "/erp", "/%2F" if sch == "amqp" else "/reports"])
        if sch == "ftp":
            path = "/export/"
        return "%s://%s:%s@%s:%d%s" % (sch, user, pw, host, port, path)


def uuid_from(r):
    h = rs(r, "0123456789abcdef", 32)
    h = h[:12] + "4" + h[13:16] + r.choice("89ab") + h[17:]
    return "%s-%s-%s-%s-%s" % (h[:8], h[8:12], h[12:16], h[16:20], h[20:])


MARK_EN = ["CONFIDENTIAL", "CONFIDENTIAL", "STRICTLY CONFIDENTIAL", "INTERNAL USE ONLY", "COMPANY CONFIDENTIAL",
           "TLP:RED", "TLP:AMBER", "FOR INTERNAL USE ONLY"]
MARK_IT = ["RISERVATO", "RISERVATO", "STRETTAMENTE RISERVATO", "RISERVATISSIMO", "USO INTERNO", "CONFIDENZIALE",
           "TLP:AMBER", "AD USO INTERNO"]


# ================================================================= look-alike fillers (never labelled)
class Fill(Ctx):
    def n_uuid(self):
        return uuid_from(self.r)

    def n_sha40(self):
        return rs(self.r, "0123456789abcdef", 40)

    def n_sha7(self):
        return rs(self.r, "0123456789abcdef", 7)

    def n_sha256(self):
        return rs(self.r, "0123456789abcdef", 64)

    def n_hex32(self):
        return rs(self.r, "0123456789abcdef", 32)

    def n_hex16(self):
        return rs(self.r, "0123456789abcdef", 16)

    def n_reqid(self):
        return self.ch(["req_", "req-", "evt_"]) + rs(self.r, ALNUM, 24)

    def n_b64text(self):
        t = self.ch(["Hello, world!", "ciao mondo", "The quick brown fox jumps over the lazy dog",
                     "report finale Q3", "{\"page\": 3}", "user-agent test", "nessun dato sensibile qui",
                     "lorem ipsum dolor sit amet", "version=2.4.1;build=stable"])
        return base64.b64encode(t.encode()).decode()

    def n_cursor(self):
        obj = self.ch([{"page": self.rint(2, 90), "size": 50}, {"after": self.rint(1000, 99999), "sort": "created_at"},
                       {"offset": self.rint(0, 900), "q": "fattura"}, {"lastId": self.rint(10 ** 5, 10 ** 7)}])
        return self.b64u(obj)

    def n_date(self):
        y, m, d = self.rint(2019, 2026), self.rint(1, 12), self.rint(1, 28)
        return self.ch(["%04d-%02d-%02d" % (y, m, d), "%02d/%02d/%04d" % (d, m, y), "%02d.%02d.%04d" % (d, m, y),
                        "%d %s %d" % (d, self.ch(["gennaio", "marzo", "maggio", "luglio", "ottobre", "dicembre"]), y),
                        "%s %d, %d" % (self.ch(["Jan", "Mar", "May", "Jul", "Oct", "Dec"]), d, y),
                        "%02d/%02d/%02d" % (m, d, y % 100)])

    def n_datetime(self):
        y, mo, d = self.rint(2019, 2026), self.rint(1, 12), self.rint(1, 28)
        h, mi, s = self.rint(0, 23), self.rint(0, 59), self.rint(0, 59)
        return self.ch(["%04d-%02d-%02dT%02d:%02d:%02dZ" % (y, mo, d, h, mi, s),
                        "%04d-%02d-%02dT%02d:%02d:%02d.%03d+01:00" % (y, mo, d, h, mi, s, self.rint(0, 999)),
                        "%02d/%02d/%04d %02d:%02d" % (d, mo, y, h, mi), "%04d-%02d-%02d %02d:%02d:%02d,%03d" % (y, mo, d, h, mi, s, self.rint(0, 999))])

    def n_time(self):
        return "%02d:%02d:%02d" % (self.rint(0, 23), self.rint(0, 59), self.rint(0, 59))

    def n_unix(self):
        return str(self.rint(1500000000, 1790000000))

    def n_unix_ms(self):
        return str(self.rint(1500000000000, 1790000000000))

    def n_eur(self):
        v = self.rint(100, 9999999)
        e, c = divmod(v, 100)
        return self.ch(["€ %s,%02d" % ("{:,}".format(e).replace(",", "."), c), "%s,%02d EUR" % ("{:,}".format(e).replace(",", "."), c)])

    def n_usd(self):
        v = self.rint(100, 9999999)
        return "$%s.%02d" % ("{:,}".format(v // 100), v % 100)

    def n_ver3(self):
        return "%d.%d.%d" % (self.rint(0, 24), self.rint(0, 40), self.rint(0, 120))

    def n_ver4big(self):
        return self.ch(["10.0.%d.%d" % (self.rint(19041, 26100), self.rint(1000, 5000)),
                        "%d.0.%d.%d" % (self.rint(110, 131), self.rint(5000, 6999), self.rint(1, 250)),
                        "%d.%d.%d.%d" % (self.rint(1, 9), self.rint(0, 9), self.rint(1000, 30000), self.rint(0, 99)),
                        "16.0.%d.%d" % (self.rint(10000, 18000), self.rint(20000, 20999))])

    def n_oid(self):
        return self.ch(["1.2.840.113549.1.1.11", "1.2.840.10045.4.3.2", "1.3.6.1.4.1.311.21.8.%d.%d" % (self.rint(1000, 99999), self.rint(1, 999)),
                        "1.3.6.1.5.5.7.3.1", "2.16.840.1.101.3.4.2.1", "1.3.6.1.4.1.%d.1.1" % self.rint(1000, 60000)])

    def n_port(self):
        return str(self.ch([22, 80, 443, 3000, 5432, 6379, 8080, 8443, 9090, 27017, 5672, 3306]))

    def n_order(self):
        return self.ch(["ORD-%s-%s" % (self.rint(2021, 2025), self.digits(6)), "#" + self.digits(9, True),
                        "4500" + self.digits(6), "AMZ-%s-%s-%s" % (self.digits(3), self.digits(7), self.digits(7)),
                        "SO%s" % self.digits(8), "%s-%s" % (self.digits(3), self.digits(7))])

    def n_invoice(self):
        return self.ch(["%d/%d" % (self.rint(1, 999), self.rint(2021, 2025)), "FT-%d-%05d" % (self.rint(2021, 2025), self.rint(1, 99999)),
                        "INV-%d-%04d" % (self.rint(2021, 2025), self.rint(1, 9999)), "%d/PA" % self.rint(1, 999)])

    def n_prot(self):
        return "%d/%07d" % (self.rint(2019, 2025), self.rint(1, 999999))

    def n_ups(self):
        return "1Z" + rs(self.r, UP + DIG, 6) + self.digits(2) + self.digits(8)

    def n_poste(self):
        return self.ch(["RR", "RA", "CP", "RB"]) + self.digits(9) + "IT"

    def n_brt(self):
        return self.digits(12, True)

    def n_ticket(self):
        return self.ch(["OPS-%d" % self.rint(100, 9999), "INC%07d" % self.rint(1, 9999999), "#%d" % self.rint(1000, 99999),
                        "SUP-%d" % self.rint(1000, 99999), "CHG%07d" % self.rint(1, 9999999)])

    def n_isbn(self):
        v = isbn13(self.r, self.ch(["97888", "97818", "97801"]))
        return self.ch([v, "%s-%s-%s-%s-%s" % (v[:3], v[3:5], v[5:9], v[9:12], v[12])])

    def n_ean(self):
        body = self.ch(["80", "800", "803", "805"])
        body = body + self.digits(12 - len(body))
        s = sum(int(c) * (1 if i % 2 == 0 else 3) for i, c in enumerate(body))
        return body + str((10 - s % 10) % 10)

    def n_imei(self):
        v = luhn_complete(self.ch(["35", "86", "01", "99"]) + self.digits(12))
        return self.ch([v, "%s %s %s %s" % (v[:2], v[2:8], v[8:14], v[14])])

    def n_cro(self):  # 11 digits failing the partita IVA check
        while True:
            v = self.digits(11, True)
            if not piva_checksum_only(v):
                return v

    def n_num9(self):
        return self.digits(9, True)

    def n_routing(self):
        return aba_routing(self.r)

    def n_bad_cc(self):
        while True:
            d = self.ch(["4", "5" + str(self.rint(1, 5)), "6011", "37"]) + self.digits(15)
            d = d[:15] if d.startswith("37") else d[:16]
            if not luhn_ok(d):
                return self.fmt_card(d)

    def n_num16(self):  # 16 digits with a non-card prefix or failing Luhn
        while True:
            d = self.ch(["1", "7", "8", "9", "0"]) + self.digits(15)
            if not card_valid(d):
                return self.ch([d, " ".join(d[i:i + 4] for i in range(0, 16, 4))])

    def n_bad_iban(self):
        cc = self.ch(["IT", "IT", "DE", "FR", "ES", "NL", "GB"])
        good = iban_with_check(cc, self.bban(cc))
        while True:
            bad = good[:2] + "%02d" % self.rint(2, 98) + good[4:]
            if not iban_valid(bad):
                return self.fmt_iban(bad)

    def n_bad_cf(self):
        s = self.cf15()
        c = cf_check(s)
        return s + self.ch([x for x in UP if x != c])

    def n_bad_piva(self):
        while True:
            d = self.digits(10)
            c = self.ch([x for x in DIG if x != piva_check(d)])
            return d + c

    def n_plate(self):
        a, b = rs(self.r, "ABCDEFGHJKLMNPRSTVWXYZ", 2), rs(self.r, "ABCDEFGHJKLMNPRSTVWXYZ", 2)
        n = self.digits(3)
        return self.ch(["%s %s %s" % (a, n, b), "%s%s%s" % (a, n, b)])

    def n_cap(self):
        return self.ch(["20121", "00184", "10121", "80133", "40126", "50123", "70121", "35122", "%05d" % self.rint(10, 98000)])

    def n_cup(self):
        return self.ch(UP) + self.digits(2) + self.ch(UP) + self.digits(11)

    def n_cig(self):
        return self.ch(["Z" + rs(self.r, UP + DIG, 9), self.digits(7, True) + rs(self.r, "ABCDEF0123456789", 3)])

    def n_sku(self):
        return self.ch(["SKU-%s-%s" % (rs(self.r, UP, 3), self.digits(4)), "%s-%s-%s" % (rs(self.r, UP, 2), self.digits(4), rs(self.r, UP, 2)),
                        "art. %s-%s" % (self.digits(6), self.digits(2))])

    def n_mac(self):
        return ":".join(rs(self.r, "0123456789ABCDEF", 2) for _ in range(6))

    def n_coords(self):
        return "%.4f, %.4f" % (self.r.uniform(37, 46), self.r.uniform(7, 18))

    def n_stripe_obj(self):
        p = self.ch(["cus_", "pi_", "ch_", "in_", "sub_", "price_", "prod_", "evt_", "acct_", "seti_", "pm_"])
        n = 14 if p in ("cus_", "prod_", "sub_") else 24
        return p + rs(self.r, ALNUM, n)

    def n_pk_live(self):
        return self.ch(["pk_live_", "pk_test_"]) + self.ch(["51" + rs(self.r, ALNUM, 97), rs(self.r, ALNUM, 24)])

    def n_openai_obj(self):
        return self.ch(["chatcmpl-" + rs(self.r, ALNUM, 29), "asst_" + rs(self.r, ALNUM, 24), "file-" + rs(self.r, ALNUM, 22),
                        "org-" + rs(self.r, ALNUM, 24), "thread_" + rs(self.r, ALNUM, 24), "run_" + rs(self.r, ALNUM, 24),
                        "batch_" + rs(self.r, "0123456789abcdef", 32), "resp_" + rs(self.r, "0123456789abcdef", 48)])

    def n_anth_obj(self):
        return self.ch(["msg_01" + rs(self.r, ALNUM, 22), "toolu_01" + rs(self.r, ALNUM, 22), "msgbatch_01" + rs(self.r, ALNUM, 22),
                        "req_011C" + rs(self.r, ALNUM, 20)])

    def n_ssh_pub(self):
        who = self.ch(["mario@laptop", "deploy@ci-runner", "giulia@ws-042", "build-bot"])
        if self.r.random() < .5:
            return "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI" + rs(self.r, B64, 43) + " " + who
        return "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABgQ" + rs(self.r, B64, 500) + "= " + who

    def pem(self, kind, head, nlines):
        body = head + rs(self.r, B64, 64 * nlines - len(head) + self.rint(4, 50))
        lines = [body[i:i + 64] for i in range(0, len(body), 64)]
        return "-----BEGIN %s-----\n%s\n-----END %s-----" % (kind, "\n".join(lines), kind)

    def n_cert(self):
        return self.pem("CERTIFICATE", "MIID" + self.ch("zZxXjJ") + "zCCA" + self.ch("rfLm") + "gAwIBAgIU", self.rint(6, 14))

    def n_pubkey(self):
        return self.pem("PUBLIC KEY", "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA", self.rint(5, 7))

    def n_csr(self):
        return self.pem("CERTIFICATE REQUEST", "MIICvDCCAaQCAQAwdzELMAkGA1UEBhMCSVQx", self.rint(6, 10))

    def n_aida(self):
        return self.ch(["AIDA", "AROA", "ANPA", "AGPA"]) + rs(self.r, B32, 17)

    def n_aws_acct(self):
        return self.digits(12, True)

    def n_pguser(self):
        return self.ch(["postgres", "app", "etl", "report"])

    def n_user(self):
        return asciify(self.first()) + self.ch([".", "_", ""]) + asciify(self.surname())

    def n_host(self):
        return self.ch(HOSTS)

    def n_name(self):
        return self.first() + " " + self.surname()

    def n_city(self):
        return self.ch(CITIES_IT)

    def n_company(self):
        return self.ch(COMPANIES)

    def n_n1digit(self):
        return str(self.rint(1, 4))

    def n_n2(self):
        return str(self.rint(2, 99))

    def n_n3(self):
        return str(self.rint(100, 999))

    def n_n4(self):
        return str(self.rint(1000, 9999))

    def n_n5(self):
        return str(self.rint(10000, 99999))

    def n_userid(self):
        return str(self.rint(1000, 999999))

    def n_minlen(self):
        return str(self.ch([8, 10, 12, 14, 16]))

    def n_rounds(self):
        return str(self.ch([10, 12, 13, 14]))

    def n_envpw(self):
        return self.ch(["DB_PASSWORD", "POSTGRES_PASSWORD", "SMTP_PASSWORD", "REDIS_PASSWORD", "ADMIN_PASSWORD",
                        "MYSQL_ROOT_PASSWORD", "KEYSTORE_PASSWORD", "LDAP_BIND_PASSWORD", "RABBITMQ_DEFAULT_PASS"])

    def n_envkey(self):
        return self.ch(["OPENAI_API_KEY", "ANTHROPIC_API_KEY", "STRIPE_SECRET_KEY", "AWS_SECRET_ACCESS_KEY",
                        "GITHUB_TOKEN", "SLACK_BOT_TOKEN", "GOOGLE_MAPS_API_KEY", "GITLAB_TOKEN", "SENTRY_AUTH_TOKEN"])

    def n_placeholder(self):
        return self.ch(["YOUR_API_KEY", "<token>", "<YOUR_TOKEN_HERE>", "sk-...", "sk-xxxxxxxxxxxxxxxxxxxxxxxx",
                        "ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", "xoxb-your-bot-token", "glpat-xxxxxxxxxxxxxxxxxxxx",
                        "AKIAXXXXXXXXXXXXXXXX", "AKIAIOSFODNN7EXAMPLE", "sk_live_...", "${API_KEY}", "$TOKEN",
                        "AIzaSy...", "sk-ant-...", "<your-api-key>", "REPLACE_ME", "{{ api_key }}"])

    def n_pw_placeholder(self):
        return self.ch(['""', "null", "''", "********", "<your-password>", "REDACTED", "${DB_PASSWORD}", "xxxxxxxx",
                        "<password>", "\"{{ .Values.db.password }}\"", "!vault |", "[hidden]", "***"])

    def n_bic(self):
        return self.ch(["UNCRITMMXXX", "BCITITMM", "BPMOIT22XXX", "DEUTDEFFXXX", "BNPAFRPPXXX", "INGBNL2A"])

    def n_sdi(self):
        return self.ch(["0000000", "M5UXCR1", "KRRH6B9", "SUBM70N", "T04ZHR3"])

    def n_tlp_ok(self):
        return self.ch(["TLP:CLEAR", "TLP:WHITE"])


# ================================================================= negative look-alike snippets
# (lang, theme, template). "!J " prefix: the label is a judgement call (kept negative here).
NEG = [
    # ---------------------------------------------------------------- talking about passwords
    ("any", "pw-talk", 'def validate_password(password: str) -> None:\n    if len(password) < ⟨minlen⟩:\n        raise ValueError("password must be at least ⟨minlen⟩ characters")\n    if not any(c.isdigit() for c in password):\n        raise ValueError("password must contain a digit")'),
    ("any", "pw-talk", 'hashed = bcrypt.hashpw(password.encode("utf-8"), bcrypt.gensalt(rounds=⟨rounds⟩))\nif not bcrypt.checkpw(request.form["password"].encode(), user.password_hash):\n    abort(401)'),
    ("any", "pw-talk", 'from argon2 import PasswordHasher\nph = PasswordHasher(time_cost=3, memory_cost=65536, parallelism=4)\nhash = ph.hash(new_password)\nph.verify(user.password_hash, password)'),
    ("any", "pw-talk", '@app.route("/login", methods=["POST"])\ndef login():\n    username = request.form["username"]\n    password = request.form["password"]\n    user = User.query.filter_by(username=username).first()\n    if user is None or not user.check_password(password):\n        flash("Invalid username or password")'),
    ("any", "pw-talk", 'router.post("/login", async (req, res) => {\n  const { username, password } = req.body;\n  if (!password) return res.status(400).json({ error: "password is required" });\n  const ok = await bcrypt.compare(req.body.password, user.passwordHash);\n});'),
    ("any", "pw-talk", 'interface LoginForm {\n  username: string;\n  password: string;\n  confirmPassword?: string;\n  rememberMe: boolean;\n}'),
    ("any", "pw-talk", 'pub struct Credentials {\n    pub username: String,\n    pub password: String,\n}\n\nfn login(user: &str, password: &str) -> Result<Session, AuthError> {\n    let hash = argon2::hash_encoded(password.as_bytes(), &salt, &config)?;'),
    ("any", "pw-talk", 'type Credentials struct {\n\tUsername string `json:"username"`\n\tPassword string `json:"password"`\n}\n\nif err := bcrypt.CompareHashAndPassword(u.PasswordHash, []byte(c.Password)); err != nil {\n\treturn ErrBadPassword\n}'),
    ("any", "pw-talk", 'db_password = os.getenv("⟨envpw⟩")\nif db_password is None:\n    raise RuntimeError("⟨envpw⟩ is not set")'),
    ("any", "pw-talk", 'const pool = new Pool({\n  host: process.env.PGHOST,\n  user: process.env.PGUSER,\n  password: process.env.⟨envpw⟩,\n  port: ⟨port⟩,\n});'),
    ("any", "pw-talk", '- name: Log in to registry\n  uses: docker/login-action@v3\n  with:\n    username: ${{ secrets.REGISTRY_USER }}\n    password: ${{ secrets.REGISTRY_PASSWORD }}'),
    ("any", "pw-talk", 'services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_USER: app\n      POSTGRES_PASSWORD: ${POSTGRES_PASSWORD}\n    ports:\n      - "⟨port⟩:5432"'),
    ("any", "pw-talk", 'mysql_user:\n  name: reporting\n  password: "{{ vault_mysql_reporting_password }}"\n  priv: "reports.*:SELECT"'),
    ("any", "pw-talk", 'resource "aws_db_instance" "main" {\n  engine   = "postgres"\n  username = "app"\n  password = var.db_password\n}\n\nvariable "db_password" {\n  type      = string\n  sensitive = true\n}'),
    ("any", "pw-talk", 'env:\n  - name: DB_PASSWORD\n    valueFrom:\n      secretKeyRef:\n        name: db-credentials\n        key: password'),
    ("any", "pw-talk", '<label for="pwd">Password</label>\n<input type="password" id="pwd" name="password" autocomplete="current-password" minlength="⟨minlen⟩" required>'),
    ("any", "pw-talk", 'PASSWORD_RE = re.compile(r"^(?=.*[a-z])(?=.*[A-Z])(?=.*\\d)(?=.*[^\\w\\s]).{⟨minlen⟩,}$")'),
    ("any", "pw-talk", 'CREATE TABLE users (\n  id            bigserial PRIMARY KEY,\n  username      text UNIQUE NOT NULL,\n  password_hash text NOT NULL,\n  password_changed_at timestamptz,\n  failed_password_attempts int DEFAULT 0\n);'),
    ("any", "pw-talk", '⟨datetime⟩ INFO  auth.service - password reset requested for user_id=⟨userid⟩ (request ⟨uuid⟩)\n⟨datetime⟩ WARN  auth.service - 5 failed password attempts for account ⟨userid⟩, locking for 15 min'),
    ("any", "pw-talk", 'def test_login_fails_with_wrong_password(client):\n    resp = client.post("/login", data={"username": "alice", "password": wrong_password()})\n    assert resp.status_code == 401\n\ndef test_password_reset_token_expires():'),
    ("any", "pw-talk", 'it("rejects an empty password", async () => {\n  await expect(service.register({ email, password: "" })).rejects.toThrow(PasswordTooShortError);\n});'),
    ("any", "pw-talk", 'Usage: docker login [OPTIONS] [SERVER]\n  -p, --password string   Password\n      --password-stdin    Take the password from stdin\n  -u, --username string   Username'),
    ("any", "pw-talk", 'psql -h HOST -p PORT -U USER -W DBNAME\n  -W, --password   force password prompt (should happen automatically)\n  -w, --no-password  never prompt for password'),
    ("any", "pw-talk", 'spring.datasource.url=jdbc:postgresql://localhost:⟨port⟩/orders\nspring.datasource.username=${DB_USER}\nspring.datasource.password=${DB_PASSWORD}'),
    ("any", "pw-talk", 'DATABASES = {\n    "default": {\n        "ENGINE": "django.db.backends.postgresql",\n        "NAME": "shop",\n        "USER": env("DB_USER"),\n        "PASSWORD": env("DB_PASSWORD"),\n        "PORT": ⟨port⟩,\n    }\n}'),
    ("any", "pw-talk", '$hash = password_hash($_POST[\'password\'], PASSWORD_DEFAULT);\nif (!password_verify($_POST[\'password\'], $row[\'password_hash\'])) {\n    http_response_code(401);\n}'),
    ("any", "pw-talk", "'password' => ['required', 'string', 'min:⟨minlen⟩', 'confirmed'],\n'password_confirmation' => ['required'],"),
    ("any", "pw-talk", 'read -r -s -p "Password: " PASS\necho\nsshpass -e ssh -p ⟨port⟩ deploy@bastion'),
    ("any", "pw-talk", 'import getpass\npwd = getpass.getpass("Password: ")\nconn = psycopg2.connect(host=args.host, user=args.user, password=pwd)'),
    ("any", "pw-talk", '$cred = Get-Credential -Message "Enter the service account password"\n$secure = Read-Host -AsSecureString -Prompt "Password"\nNew-LocalUser -Name "svc_backup" -Password $secure'),
    ("any", "pw-talk", 'vault kv get -field=password secret/prod/db\nvault kv put secret/prod/db password=@password.txt'),
    ("any", "pw-talk", 'withCredentials([usernamePassword(credentialsId: \'nexus-deploy\', usernameVariable: \'NEXUS_USER\', passwordVariable: \'NEXUS_PASS\')]) {\n    sh \'mvn deploy -Dnexus.user=$NEXUS_USER -Dnexus.password=$NEXUS_PASS\'\n}'),
    ("any", "pw-talk", '# /etc/ssh/sshd_config\nPermitRootLogin no\nPasswordAuthentication no\nKbdInteractiveAuthentication no\nPort ⟨port⟩'),
    ("any", "pw-talk", 'PASSWORD_MIN_LENGTH = ⟨minlen⟩\nPASSWORD_MAX_AGE_DAYS = 90\nPASSWORD_HISTORY = 5\nAUTH_PASSWORD_VALIDATORS = [{"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"}]'),
    ("any", "pw-talk", '"passwordPolicy": "length(⟨minlen⟩) and digits(1) and upperCase(1) and specialChars(1) and notUsername(undefined) and passwordHistory(5)"'),
    ("any", "pw-talk", 'smtp:\n  host: smtp.office365.com\n  port: 587\n  username: ${SMTP_USER}\n  password: ${SMTP_PASSWORD}\n  starttls: true'),
    ("any", "pw-talk", 'password: ⟨pw_placeholder⟩\nusername: reporting'),
    ("any", "pw-talk", 'import secrets, string\nalphabet = string.ascii_letters + string.digits\ntemp_password = "".join(secrets.choice(alphabet) for _ in range(⟨minlen⟩))\nsend_reset_mail(user, temp_password)'),
    ("any", "pw-talk", 'openssl rand -base64 32 > .secrets/db_password\nchmod 600 .secrets/db_password\nkubectl create secret generic db --from-file=password=.secrets/db_password'),
    ("any", "pw-talk", '{\n  "login.title": "Sign in",\n  "login.password.label": "Password",\n  "login.password.placeholder": "Enter your password",\n  "login.forgot": "Forgot your password?",\n  "errors.password.tooShort": "Password must be at least {min} characters"\n}'),
    ("any", "pw-talk", '{\n  "login.titolo": "Accedi",\n  "login.password.etichetta": "Password",\n  "login.password.placeholder": "Inserisci la password",\n  "login.dimenticata": "Password dimenticata?",\n  "errori.password.corta": "La password deve avere almeno {min} caratteri"\n}'),
    ("any", "pw-talk", 'mysql -u root -p -h db.local -P 3306 shop < dump.sql\n# Enter password:'),
    ("any", "pw-talk", 'git config --global credential.helper "cache --timeout=3600"\ngit credential-cache exit'),
    ("any", "pw-talk", 'auth_basic "Area riservata";\nauth_basic_user_file /etc/nginx/.htpasswd;\n# htpasswd -B -c /etc/nginx/.htpasswd admin'),
    ("any", "pw-talk", '!J UPDATE users SET password_hash = \'$2b$12$' + 'N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy\' WHERE id = ⟨userid⟩;'),
    ("any", "pw-talk", '!J environment:\n  - GF_SECURITY_ADMIN_USER=admin\n  - GF_SECURITY_ADMIN_PASSWORD=changeme\n# remember to change the default before going live'),
    ("en", "pw-talk", "Our policy: passwords must contain at least ⟨minlen⟩ characters, one digit and one symbol, must not contain the username and cannot reuse any of the last 5 passwords. Can you turn this into a user-friendly help text?"),
    ("en", "pw-talk", "When the user clicks \"Forgot password?\" we email a reset link valid for 30 minutes. Should we store the reset token hashed, like the password itself?"),
    ("en", "pw-talk", "We are migrating the team from KeePass to 1Password. Does 1Password support TOTP codes and shared vaults, and can Bitwarden import the old .kdbx file?"),
    ("en", "pw-talk", "What's the difference between hashing and encrypting a password? Is bcrypt with cost ⟨rounds⟩ still OK or should I move to argon2id?"),
    ("en", "pw-talk", "How do I reset the root password on Ubuntu 22.04 if I no longer know the old one? I have console access."),
    ("en", "pw-talk", "The password field should be masked, with a \"Show password\" toggle and a strength meter. Write the React component."),
    ("en", "pw-talk", "Users complain the password reset email arrives after 20 minutes. Ticket ⟨ticket⟩. Where would you look first?"),
    ("en", "pw-talk", "NIST 800-63B says not to force periodic password rotation, but our auditor wants 90 days. Draft an argument for the CISO."),
    ("en", "pw-talk", "!J Fun fact for the newsletter: password123 and qwerty were again the most common passwords in the yearly list. Write a short paragraph on why."),
    ("en", "pw-talk", "Write release notes: \"Added --password-stdin to the CLI; the -p flag now means --port and no longer takes a password.\""),
    ("en", "pw-talk", "Is the Google Password Manager safe enough for a small company, or should we buy a password manager with admin controls?"),
    ("it", "pw-talk", "La policy aziendale prevede che la password contenga almeno ⟨minlen⟩ caratteri, una maiuscola, un numero e un simbolo, e che non coincida con le ultime 5. Puoi riscriverla in modo più chiaro per i dipendenti?"),
    ("it", "pw-talk", "Nel form di login il link \"Password dimenticata?\" non funziona su Safari. Da dove comincio a cercare?"),
    ("it", "pw-talk", "La parola d'ordine del convegno di quest'anno è stata \"sostenibilità\": scrivi un breve articolo per la intranet."),
    ("it", "pw-talk", "Ricorda ai clienti di non comunicare mai il codice PIN della carta, nemmeno a chi si presenta come operatore della banca. Scrivi un SMS di max 160 caratteri."),
    ("it", "pw-talk", "Come si cambia il PIN della SIM da un telefono Android? Il PIN attuale me lo ricordo."),
    ("it", "pw-talk", "Come si reimposta la password di amministratore su Windows 11 senza perdere i dati?"),
    ("it", "pw-talk", "In ufficio usiamo KeePassXC: conviene passare a 1Password Business o a Bitwarden? Ci servono cassette condivise per reparto."),
    ("it", "pw-talk", "Il campo password del form di registrazione non accetta le lettere accentate, è un comportamento corretto?"),
    ("it", "pw-talk", "Nel log vedo \"password reset richiesto per utente ⟨userid⟩\" più volte al minuto: può essere un attacco?"),
    ("it", "pw-talk", "Qual è la differenza tra hash e cifratura delle password? Meglio bcrypt o argon2id per un gestionale?"),
    ("it", "pw-talk", "Mi serve il testo dell'email \"La tua password è scaduta\" da mandare ai dipendenti, con il link al portale self-service."),
    ("it", "pw-talk", "!J Parola d'ordine: puntualità! La riunione di reparto è alle 9:30 in sala Verdi, portate il report di ⟨date⟩."),
    ("it", "pw-talk", "Nel manuale c'è scritto \"inserire la password dell'amministratore di sistema\" ma non dice quale: a chi la chiedo?"),
    ("it", "pw-talk", "Il codice PIN dispositivo e la password di accesso all'home banking sono la stessa cosa? Mia madre si confonde sempre."),
    ("it", "pw-talk", "Traduci: \"Per motivi di sicurezza, la password deve essere cambiata al primo accesso.\""),
    # ---------------------------------------------------------------- numbers shaped like PII
    ("en", "numbers", "Order ⟨order⟩ placed on ⟨date⟩ for ⟨usd⟩ still shows \"processing\". The UPS tracking is ⟨ups⟩. Draft an apology."),
    ("en", "numbers", "Invoice ⟨invoice⟩ (PO 4500⟨n5⟩⟨n1digit⟩) was paid on ⟨date⟩, bank reference ⟨cro⟩. Please reconcile it against the ledger."),
    ("en", "numbers", "Ticket ⟨ticket⟩: build ⟨ver4big⟩ crashes on startup; last good build ⟨ver3⟩, commit ⟨sha7⟩, ⟨datetime⟩."),
    ("en", "numbers", "Add the book with ISBN ⟨isbn⟩ and the product with EAN ⟨ean⟩ to the catalogue, price ⟨eur⟩."),
    ("en", "numbers", "The customer's phone shows IMEI ⟨imei⟩ and serial ⟨num9⟩; it is under warranty until ⟨date⟩. Write the RMA note."),
    ("en", "numbers", "Why does my card validation accept ⟨bad_cc⟩? It should fail the Luhn check, right?"),
    ("en", "numbers", "Our test data has tracking numbers like ⟨num16⟩ and ⟨num16⟩; the analytics job tags them as card numbers. How do I exclude them?"),
    ("en", "numbers", "The wire was returned: the bank says ⟨bad_iban⟩ has an invalid check digit. How are IBAN check digits computed?"),
    ("en", "numbers", "ABA routing ⟨routing⟩ appears on the cheque together with cheque number ⟨n4⟩. What do the nine digits of a routing number mean?"),
    ("en", "numbers", "Order number ⟨num9⟩ was shipped twice. Customer account ⟨userid⟩, warehouse code ⟨sku⟩."),
    ("en", "numbers", "Parse timestamps like ⟨unix⟩ and ⟨unix_ms⟩ and ⟨datetime⟩ into the same timezone-aware type in Python."),
    ("en", "numbers", "The cert uses signature algorithm OID ⟨oid⟩ and the extension ⟨oid⟩. What do they mean?"),
    ("en", "numbers", "Windows build ⟨ver4big⟩ vs Chrome ⟨ver4big⟩: which update broke printing? Both rolled out on ⟨date⟩."),
    ("en", "numbers", "Device MAC ⟨mac⟩ keeps dropping off the Wi-Fi between ⟨time⟩ and ⟨time⟩. Firmware ⟨ver3⟩."),
    ("en", "numbers", "Ship to 221B Baker Street, London NW1 6XE; the parcel weighs 2.4 kg, dimensions 40x30x20 cm, tracking ⟨ups⟩."),
    ("en", "numbers", "AWS account ⟨aws_acct⟩ shows a spike on ⟨date⟩: arn:aws:iam::⟨aws_acct⟩:role/DataPipeline assumed ⟨n4⟩ times."),
    ("en", "numbers", "Convert the amounts ⟨eur⟩, ⟨usd⟩ and ⟨eur⟩ to a single currency for the Q⟨n1digit⟩ report."),
    ("en", "numbers", "Location ⟨coords⟩, elevation 122 m, sensor id ⟨n5⟩-⟨n4⟩, reading at ⟨datetime⟩."),
    ("en", "numbers", "!J Our docs use 123-45-6789 as the sample SSN in every form screenshot; is that a problem for the screen-reader test?"),
    ("en", "numbers", "!J The appliance ships with firmware 2.1.0.5 and the release notes mention 1.4.0.12 as the minimum. Summarize the upgrade path."),
    ("it", "numbers", "Prot. n. ⟨prot⟩ del ⟨date⟩: la determina n. ⟨n3⟩ approva la spesa di ⟨eur⟩ (CUP ⟨cup⟩, CIG ⟨cig⟩). Riassumi l'atto."),
    ("it", "numbers", "La fattura n. ⟨invoice⟩ del ⟨date⟩ risulta pagata con bonifico CRO ⟨cro⟩, ma il gestionale la segna ancora aperta. Perché?"),
    ("it", "numbers", "Spedizione Poste ⟨poste⟩ e BRT ⟨brt⟩ partite il ⟨date⟩: scrivi al cliente che arriveranno entro 3 giorni lavorativi."),
    ("it", "numbers", "Il veicolo targato ⟨plate⟩ ha preso una multa a ⟨city⟩ (verbale n. ⟨n5⟩/⟨n4⟩). Scrivi il ricorso al Prefetto."),
    ("it", "numbers", "Il codice fiscale ⟨bad_cf⟩ viene rifiutato dal portale: il carattere di controllo sembra sbagliato. Come si calcola?"),
    ("it", "numbers", "Il numero ⟨bad_piva⟩ è stato inserito come partita IVA ma il controllo formale fallisce. Quali sono le regole?"),
    ("it", "numbers", "L'IBAN ⟨bad_iban⟩ nel modulo del fornitore viene rifiutato: la banca dice che le cifre di controllo non tornano."),
    ("it", "numbers", "Codice cliente ⟨cro⟩, contratto n. ⟨n5⟩/⟨n2⟩, CAP ⟨cap⟩: il sistema li confonde con una partita IVA, come si evita?"),
    ("it", "numbers", "Il rilascio ⟨ver3⟩ del gestionale è uscito il ⟨date⟩ alle ⟨time⟩; la build ⟨ver4big⟩ ha il fix per le stampe."),
    ("it", "numbers", "Ordine n. ⟨order⟩, articolo ⟨sku⟩, lotto ⟨date⟩-⟨n4⟩, importo ⟨eur⟩: prepara il documento di trasporto."),
    ("it", "numbers", "Numero di serie ⟨num9⟩⟨n1digit⟩ e codice attivazione ⟨n4⟩-⟨n4⟩-⟨n4⟩: la licenza risulta già usata."),
    ("it", "numbers", "Matricola INPS ⟨n5⟩⟨n5⟩, posizione assicurativa ⟨num9⟩, codice ATECO 62.01.00: compila la scheda azienda."),
    ("it", "numbers", "Il telefono del cliente ha IMEI ⟨imei⟩; la garanzia scade il ⟨date⟩. Prepara la bolla di reso."),
    ("it", "numbers", "La carta ⟨bad_cc⟩ non passa la verifica sul POS. Come funziona il controllo di Luhn?"),
    ("it", "numbers", "Coordinate del cantiere ⟨coords⟩, CUP ⟨cup⟩, importo lavori ⟨eur⟩, inizio ⟨date⟩. Scrivi la comunicazione."),
    ("it", "numbers", "Nella pratica n. ⟨num16⟩ c'è un errore di protocollo (prot. ⟨prot⟩): riscrivi la lettera di rettifica."),
    ("it", "numbers", "Il pacco con EAN ⟨ean⟩ e ISBN ⟨isbn⟩ è arrivato danneggiato il ⟨date⟩. Scrivi il reclamo al corriere."),
    ("it", "numbers", "!J Il server ascolta su 0.0.0.0:⟨port⟩ e il client prova 127.0.0.1: perché \"connection refused\"?"),
    # ---------------------------------------------------------------- tokens and keys look-alikes
    ("en", "tokens", "Build ⟨uuid⟩ failed at commit ⟨sha40⟩; the image digest is sha256:⟨sha256⟩. What does exit code 137 mean?"),
    ("en", "tokens", "In the AWS docs the example keys are AKIAIOSFODNN7EXAMPLE and wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY. Where do I create real ones for my IAM user?"),
    ("en", "tokens", "The README says `export OPENAI_API_KEY=⟨placeholder⟩` - do I put the key in quotes or not?"),
    ("en", "tokens", "Stripe returned customer ⟨stripe_obj⟩ and payment intent ⟨stripe_obj⟩ with charge ⟨stripe_obj⟩. Why is the charge marked as disputed?"),
    ("en", "tokens", "Our publishable key ⟨pk_live⟩ is in the frontend bundle; the security scanner complains. Publishable keys are meant to be public, right?"),
    ("en", "tokens", "The API responded with id ⟨openai_obj⟩ and then ⟨openai_obj⟩. How do I correlate them with our logs?"),
    ("en", "tokens", "Anthropic returned ⟨anth_obj⟩ with stop_reason \"tool_use\" and a tool call ⟨anth_obj⟩. How do I send the tool result back?"),
    ("en", "tokens", "Trace ⟨hex32⟩ span ⟨hex16⟩: traceparent 00-⟨hex32⟩-⟨hex16⟩-01. Why does Jaeger show two roots?"),
    ("en", "tokens", "Here is my public key for the server, please add it to authorized_keys:\n⟨ssh_pub⟩"),
    ("en", "tokens", "The load balancer rejects this chain. Is the intermediate in the wrong order?\n⟨cert⟩\n⟨cert⟩"),
    ("en", "tokens", "Verify the signature with this key:\n⟨pubkey⟩"),
    ("en", "tokens", "Decode this base64 for me: ⟨b64text⟩"),
    ("en", "tokens", "The pagination cursor looks like ⟨cursor⟩ - is it safe to let clients edit it?"),
    ("en", "tokens", "IAM shows the user id ⟨aida⟩ and role id ⟨aida⟩ in CloudTrail. Are these secrets?"),
    ("en", "tokens", "package-lock has integrity sha512-⟨b64text⟩⟨b64text⟩ and go.sum has h1:⟨b64text⟩. What do these hashes protect?"),
    ("en", "tokens", "Request ⟨reqid⟩ timed out after 30s, request id header X-Request-Id: ⟨uuid⟩. Retry policy?"),
    ("en", "tokens", "For the tutorial use a placeholder: `Authorization: Bearer ⟨placeholder⟩` and `x-api-key: ⟨placeholder⟩`."),
    ("en", "tokens", "The Slack docs show https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX as the webhook format. Where do I find mine?"),
    ("en", "tokens", "Slack channel C0⟨n4⟩ABCD, user U0⟨n4⟩XYZ9 and team T0⟨n4⟩QWER: how do I mention the user in a bot message?"),
    ("en", "tokens", "In GitHub Actions I use ${{ secrets.GITHUB_TOKEN }} and ${{ secrets.NPM_TOKEN }}; why does the second one come out empty on forks?"),
    ("en", "tokens", "!J jwt.io shows this example: eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c - which part is the signature?"),
    ("en", "tokens", "!J The Stripe quickstart uses sk_test_4eC39HqLyjWDarjtT1zdp7dc in the curl examples. Can I use it for my CI tests?"),
    ("en", "tokens", "!J git remote -v shows git@github.com:acme/payments.git for both fetch and push; how do I switch it to HTTPS?"),
    ("en", "tokens", "Generated CSR:\n⟨csr⟩\nWhich fields did it include?"),
    ("en", "tokens", "The Docker image nginx@sha256:⟨sha256⟩ differs from the one tagged 1.25.3. Why?"),
    ("en", "tokens", "Our feature flags use keys like ff_⟨hex16⟩ and the session ids are ⟨hex32⟩. Should session ids be longer?"),
    ("it", "tokens", "La build ⟨uuid⟩ è fallita al commit ⟨sha40⟩ (short ⟨sha7⟩). Cosa significa \"exit code 137\"?"),
    ("it", "tokens", "Nella documentazione AWS c'è AKIAIOSFODNN7EXAMPLE come chiave di esempio: è una chiave vera? Dove creo la mia?"),
    ("it", "tokens", "Nel README c'è scritto `api_key = \"⟨placeholder⟩\"`: devo sostituire tutto, anche il prefisso?"),
    ("it", "tokens", "Stripe mi restituisce il cliente ⟨stripe_obj⟩ e il pagamento ⟨stripe_obj⟩: come recupero la ricevuta?"),
    ("it", "tokens", "La chiave pubblicabile ⟨pk_live⟩ è nel codice del frontend: è un problema di sicurezza?"),
    ("it", "tokens", "Ecco la mia chiave pubblica SSH da aggiungere al server:\n⟨ssh_pub⟩"),
    ("it", "tokens", "Il certificato del server è questo, perché il browser dice che la catena è incompleta?\n⟨cert⟩"),
    ("it", "tokens", "Decodifica questa stringa base64: ⟨b64text⟩"),
    ("it", "tokens", "L'id della richiesta è ⟨reqid⟩ e il trace id ⟨hex32⟩: come li collego nei log di Kibana?"),
    ("it", "tokens", "La risposta dell'API ha id ⟨openai_obj⟩; nel nostro log c'è ⟨uuid⟩. Come faccio la correlazione?"),
    ("it", "tokens", "Il checksum SHA-256 del pacchetto è ⟨sha256⟩ ma quello sul sito è diverso. Cosa controllo?"),
    ("it", "tokens", "Nel tutorial scrivono token=⟨placeholder⟩; dove prendo un token vero per il mio account?"),
    ("it", "tokens", "Il cursore di paginazione vale ⟨cursor⟩: è un JWT? Posso decodificarlo lato client?"),
    ("it", "tokens", "!J Il messaggio di Anthropic ⟨anth_obj⟩ e la chiave di esempio sk-ant-api03-XXXX...XXXX nella guida: quale va nel file .env?"),
    ("it", "tokens", "Nel workflow uso ${{ secrets.DEPLOY_KEY }} e $CI_JOB_TOKEN: perché il secondo funziona solo su GitLab?"),
    # ---------------------------------------------------------------- confidential / riservato in ordinary prose
    ("en", "marker", "Don't worry, I'll keep it confidential. Could you help me write a message to my manager asking for a day off?"),
    ("en", "marker", "We got a 500 Internal Server Error from the checkout endpoint at ⟨time⟩. The logs say \"internal error: context deadline exceeded\"."),
    ("en", "marker", "Explain how the Internal Revenue Service treats stock options for employees, in simple terms."),
    ("en", "marker", "Our confidential computing offering runs on AMD SEV-SNP; write a short marketing blurb."),
    ("en", "marker", "What is the difference between a confidence interval and a credible interval?"),
    ("en", "marker", "Go refuses to import the package because it lives under internal/. How do internal packages work?"),
    ("en", "marker", "Write a friendly reminder that salaries are confidential and should not be discussed in public channels."),
    ("en", "marker", "Summarize the plot of \"Internal Affairs\" and compare it to \"The Departed\"."),
    ("en", "marker", "Write a job ad for an internal auditor; mention that applications are treated confidentially."),
    ("en", "marker", "!J The sharing label on the report says TLP:GREEN. Can I forward it to our partner CERT?"),
    ("en", "marker", "The bulletin is marked ⟨tlp_ok⟩, so we can publish it on the blog. Write an intro paragraph."),
    ("en", "marker", "!J This tool is for internal use by the support team only; write the onboarding paragraph for new agents."),
    ("en", "marker", "How does an internal combustion engine differ from an electric motor in efficiency?"),
    ("it", "marker", "Tranquillo, terrò la cosa riservata. Mi aiuti a scrivere una mail al mio responsabile per chiedere un giorno di ferie?"),
    ("it", "marker", "© ⟨n4⟩ ⟨company⟩ - Tutti i diritti riservati. Traduci il footer del sito in inglese e tedesco."),
    ("it", "marker", "I dati riservati all'ufficio del personale vanno salvati nella cartella condivisa HR: scrivi la procedura."),
    ("it", "marker", "Nel parcheggio ci sono 4 posti riservati ai disabili e 2 alle auto elettriche: prepara il cartello."),
    ("it", "marker", "Per accedere all'area riservata del sito clicca su \"Accedi\" in alto a destra: riscrivi l'istruzione per gli anziani."),
    ("it", "marker", "Il server risponde \"500 Internal Server Error\" solo quando carico file sopra i 10 MB. Cosa controllo?"),
    ("it", "marker", "Il trattamento dei dati è riservato e conforme al GDPR: come lo scrivo meglio nell'informativa?"),
    ("it", "marker", "Scrivi un annuncio per la bacheca: sala riunioni riservata al reparto vendite il ⟨date⟩ dalle 14 alle 16."),
    ("it", "marker", "Il bollettino CERT è marcato ⟨tlp_ok⟩: possiamo pubblicarlo sul sito? Scrivi un'introduzione."),
    ("it", "marker", "Qual è la differenza tra \"riservato\" e \"confidenziale\" nel linguaggio giuridico italiano?"),
    ("it", "marker", "!J Questo documento è riservato ai soli soci: come lo formulo in modo più cortese nella convocazione?"),
    # ---------------------------------------------------------------- round 2: more pressure
    ("any", "pw-talk", 'FATAL:  password authentication failed for user "⟨pguser⟩"\nDETAIL:  Connection matched pg_hba.conf line 99: "host all all all scram-sha-256"'),
    ("any", "pw-talk", "ERROR 1045 (28000): Access denied for user 'root'@'localhost' (using password: YES)"),
    ("any", "pw-talk", "ERROR 1045 (28000): Access denied for user 'app'@'localhost' (using password: NO)"),
    ("any", "pw-talk", "deploy@bastion: Permission denied (publickey,password).\nsudo: a password is required\npasswd: password updated successfully"),
    ("any", "pw-talk", "remote: Support for password authentication was removed on August 13, 2021.\nremote: Please see the docs for currently recommended modes of authentication.\nfatal: Authentication failed"),
    ("any", "pw-talk", '⟨datetime⟩ DEBUG http.client - POST /api/session body={"username": "⟨user⟩", "password": "***"}\n⟨datetime⟩ DEBUG http.client - headers={"Authorization": "[REDACTED]"}'),
    ("any", "pw-talk", "⟨datetime⟩ INFO login attempt user=⟨user⟩ password=[FILTERED] result=failure reason=bad_password"),
    ("any", "pw-talk", "class User(Base):\n    password: Mapped[str] = mapped_column(String(255))\n    password_reset_token: Mapped[Optional[str]] = None\n\n    def set_password(self, password: str) -> None:\n        self.password = hash_password(password)"),
    ("any", "pw-talk", "if form.password.data != form.confirm_password.data:\n    errors.append(\"Passwords do not match\")\nuser.password = generate_password_hash(form.password.data)"),
    ("any", "pw-talk", "driver.find_element(By.ID, \"password\").send_keys(password)\ncy.get('#password').type(Cypress.env('TEST_PASSWORD'), { log: false })"),
    ("any", "pw-talk", "@NotBlank\n@Size(min = ⟨minlen⟩, max = 128)\nprivate String password;\n\npublic void setPassword(String password) { this.password = encoder.encode(password); }"),
    ("any", "pw-talk", "const userSchema = new Schema({\n  email: { type: String, required: true },\n  password: { type: String, required: true, minlength: ⟨minlen⟩, select: false },\n});"),
    ("any", "pw-talk", "class User < ApplicationRecord\n  has_secure_password\n  validates :password, length: { minimum: ⟨minlen⟩ }, allow_nil: true\nend"),
    ("any", "pw-talk", "db:\n  host: ⟨host⟩\n  password_file: /run/secrets/db_password\nimap:\n  password_command: \"pass show work/imap\""),
    ("any", "pw-talk", "mqtt:\n  broker: core-mosquitto\n  username: homeassistant\n  password: !secret mqtt_password"),
    ("any", "pw-talk", "MasterUsername: admin\nMasterUserPassword: '{{resolve:secretsmanager:prod/db:SecretString:password}}'\nDBInstanceClass: db.t3.medium"),
    ("any", "pw-talk", "password = keyring.get_password(\"smtp\", username)\nif password is None:\n    password = getpass.getpass()"),
    ("any", "pw-talk", "export RESTIC_PASSWORD_FILE=/etc/restic/password\nrestic -r s3:s3.amazonaws.com/backup-bucket snapshots --password-file /etc/restic/password"),
    ("any", "pw-talk", "CREATE USER 'reporting'@'%' IDENTIFIED BY :'reporting_password';\nGRANT SELECT ON shop.* TO 'reporting'@'%';"),
    ("any", "pw-talk", "ALTER ROLE app WITH LOGIN PASSWORD :'app_password' VALID UNTIL '⟨date⟩';"),
    ("any", "pw-talk", "!L(EMAIL) git clone https://x-access-token:${GITHUB_TOKEN}@github.com/acme/infra.git\ngit clone https://oauth2:$CI_JOB_TOKEN@gitlab.acme.it/platform/charts.git"),
    ("any", "pw-talk", "!L(EMAIL) SENTRY_DSN=https://⟨hex32⟩@o⟨n5⟩.ingest.sentry.io/⟨n5⟩\nDATABASE_URL=postgres://app@⟨host⟩:5432/app?sslmode=require"),
    ("any", "pw-talk", "jdbc:postgresql://⟨host⟩:5432/orders?user=orders&password=${ORDERS_DB_PASSWORD}&ssl=true"),
    ("any", "pw-talk", "!J services:\n  rabbitmq:\n    image: rabbitmq:3-management\n  worker:\n    environment:\n      BROKER_URL: amqp://guest:guest@rabbitmq:5672/"),
    ("any", "pw-talk", "!J # CI only, throwaway container\nTEST_DATABASE_URL=postgres://postgres:postgres@localhost:5432/test"),
    ("en", "pw-talk", "The password is stored in Vault under secret/prod/db, and the rotation job updates it every night. How do I read it from a Kubernetes pod?"),
    ("en", "pw-talk", "My password is not working since this morning. Is the SSO down or did the 90-day policy kick in?"),
    ("en", "pw-talk", "The password is expired and the reset link says \"token invalid\". What should I tell the helpdesk?"),
    ("en", "pw-talk", "Password: ask Marco, he has it in the team vault. Write the onboarding checklist for the new analyst."),
    ("en", "pw-talk", "The wifi password is the same as last year's, it's on the sticker behind the reception desk. Turn this into a friendly note."),
    ("en", "pw-talk", "Remember: the password is case-sensitive and the username is your employee number. Rewrite this for the login page."),
    ("en", "pw-talk", "Our pentest report says \"password spraying possible against /login\". What mitigations should we list?"),
    ("it", "pw-talk", "La password è scaduta e il link di reset dice \"token non valido\". Cosa scrivo all'helpdesk?"),
    ("it", "pw-talk", "La password è quella solita, te la dico a voce domani. Intanto mi prepari la bozza del contratto?"),
    ("it", "pw-talk", "Password: chiedere a Marco, è nel gestore condiviso del team. Scrivi la checklist di onboarding."),
    ("it", "pw-talk", "La password del wifi è sul cartellino dietro il bancone della reception: riscrivi l'avviso per gli ospiti."),
    ("it", "pw-talk", "Attenzione: la password è sensibile alle maiuscole e il nome utente è il numero di matricola. Riscrivilo per la pagina di login."),
    ("it", "pw-talk", "PIN errato, tentativi rimasti: 2. Dopo il terzo errore serve il PUK. Spiega al cliente come procedere."),
    ("it", "pw-talk", "Inserisci il PIN a 5 cifre ricevuto via SMS per confermare l'operazione: scrivi il testo del pop-up."),
    ("it", "pw-talk", "La password te la mando su Signal, non per email. Mi scrivi una policy di due righe su come condividere le credenziali?"),
    ("it", "pw-talk", "Errore: \"password di rete errata\" quando collego la stampante al wifi dell'ufficio. Cosa controllo?"),
    ("it", "numbers", "Tel. interno ⟨n3⟩, fax: non disponibile. Codice pratica ⟨num9⟩⟨n1digit⟩, REA MI-⟨n5⟩⟨n2⟩. Aggiorna la scheda fornitore."),
    ("it", "numbers", "Il modello di telefono è un iPhone 15 (A3090), IMEI ⟨imei⟩, seriale F2LX⟨n4⟩⟨n4⟩. Scrivi la denuncia di smarrimento."),
    ("en", "numbers", "Phone: n/a. Extension ⟨n4⟩. Badge ⟨num9⟩, desk ⟨n3⟩-B, cost centre ⟨n5⟩⟨n5⟩. Update the directory entry."),
    ("en", "numbers", "The enclosure is rated IP67 and the switch runs firmware ⟨ver3⟩ (build ⟨ver4big⟩). Write the spec sheet line."),
    ("en", "numbers", "Routing number ⟨routing⟩, check number ⟨n4⟩, account ending ⟨n4⟩. Explain which number the payroll form wants."),
    ("en", "numbers", "The invoice says \"SSN not required for foreign vendors\"; our vendor id is ⟨num9⟩ and the PO is 4500⟨n5⟩⟨n1digit⟩. Do we need a W-8BEN?"),
    ("it", "numbers", "Il campo P.IVA è vuoto, ma il numero d'ordine ⟨cro⟩ viene scambiato per una partita IVA dal gestionale. Come lo distinguo?"),
    ("it", "numbers", "Carta fedeltà n. ⟨num16⟩, punti accumulati ⟨n4⟩, scadenza ⟨date⟩: scrivi l'email promozionale."),
    ("en", "marker", "Flask returns \"HTTP/1.1 500 INTERNAL SERVER ERROR\" only behind the load balancer. Where do I start?"),
    ("en", "marker", "Recommend five neo-noir films like L.A. Confidential and explain why."),
    ("it", "marker", "!J Traduci in inglese il cartello \"AREA RISERVATA - accesso con badge\" e quello \"POSTO RISERVATO\"."),
    ("it", "marker", "!J Il cartello sulla porta dice \"RISERVATO AL PERSONALE\": come lo traduco in inglese, \"staff only\"?"),
    ("en", "marker", "Our NDA template says the receiving party shall keep all Confidential Information confidential for 5 years. Is that standard?"),
    ("it", "marker", "Nell'accordo di riservatezza, le \"Informazioni Riservate\" sono definite all'art. 2: riassumi la clausola."),
    ("en", "tokens", "Slack's docs show tokens like xoxb-not-a-real-token-this-will-not-work and xapp-1-EXAMPLE. How do I get the real bot token?"),
    ("en", "tokens", "The Stripe webhook event ⟨stripe_obj⟩ references invoice ⟨stripe_obj⟩ and the idempotency key ⟨uuid⟩. Why two deliveries?"),
]


# ================================================================= positive snippets (real findings among look-alikes)
POS = [
    # ---------------------------------------------------------------- PASSWORD, the ways people give them
    ("en", "Config review please, the mailer can't authenticate:\nsmtp:\n  host: smtp.office365.com\n  port: 587\n  user: alerts\n  password: ⟨PW⟩\n  # TODO move to ${SMTP_PASSWORD}"),
    ("any", "DB_HOST=⟨host⟩\nDB_PORT=⟨port⟩\nDB_USER=app\nDB_PASSWORD=⟨PW⟩\nREDIS_URL=redis://localhost:6379/0\nSESSION_TTL=3600"),
    ("en", "my password is ⟨PW⟩ but the portal says \"invalid credentials\" since the upgrade to ⟨ver3⟩. Help?"),
    ("en", "The backup script fails: mysqldump -u backup -p'⟨PW⟩' --single-transaction shop > /backups/shop-⟨date⟩.sql"),
    ("en", "Connection string from web.config:\nServer=sql01.acme.lan;Database=Orders;User Id=sa;Password=⟨PW⟩;TrustServerCertificate=True;"),
    ("any", "{\n  \"username\": \"svc_etl\",\n  \"password\": \"⟨PW⟩\",\n  \"host\": \"⟨host⟩\",\n  \"requestId\": \"⟨uuid⟩\"\n}"),
    ("en", "Office Wi-Fi for the visitors on ⟨date⟩: network Guest-Office, password ⟨PW⟩. Write a welcome card."),
    ("en", "New hire starts Monday. Temporary password: ⟨PW⟩ (must be changed at first login, policy is ⟨minlen⟩ chars min)."),
    ("en", "Why does this fail?\n```python\nconn = psycopg2.connect(host=\"⟨host⟩\", dbname=\"crm\", user=\"report\", password=\"⟨PW⟩\")\n```"),
    ("any", "export PGPASSWORD='⟨PW⟩'\npsql -h ⟨host⟩ -U etl -d warehouse -c 'select count(*) from orders'"),
    ("any", "[database]\nhost = ⟨host⟩\nport = ⟨port⟩\nuser = erp\npassword = ⟨PW⟩\n\n[cache]\nttl = 600"),
    ("any", "<dataSource>\n  <url>jdbc:mysql://⟨host⟩:3306/erp</url>\n  <username>erp_app</username>\n  <password>⟨PW⟩</password>\n</dataSource>"),
    ("any", "spring.datasource.url=jdbc:postgresql://⟨host⟩:5432/orders\nspring.datasource.username=orders\nspring.datasource.password=⟨PW⟩"),
    ("en", "docker login registry.acme.it -u ci-bot -p ⟨PW⟩ gives \"unauthorized\"; I know I should use --password-stdin but first I need it working."),
    ("en", "The admin credentials for the staging Jenkins are admin / ⟨PW⟩, can you write the Groovy script to rotate them?"),
    ("en", "login: ⟨user⟩\npwd: ⟨PW⟩\nThose are for the test tenant, explain why SSO redirects me in a loop."),
    ("en", "I reset it again, the new password is ⟨PW⟩. Can you remind me how to set up 1Password so I stop forgetting?"),
    ("it", "La password del gestionale è ⟨PW⟩ ma da stamattina mi dice \"utente bloccato\". Come lo sblocco?"),
    ("it", "Ti giro le credenziali del NAS: utente ⟨user⟩, password ⟨PW⟩. La policy dice minimo ⟨minlen⟩ caratteri, va bene?"),
    ("it", "Ciao, per il wifi degli ospiti la password è ⟨PW⟩ (rete Ospiti-⟨city⟩). Prepara un cartello da stampare."),
    ("it", "Nuova parola d'ordine per il portale fornitori: ⟨PW⟩. Scrivi una mail ai colleghi dell'ufficio acquisti."),
    ("it", "Psw della casella PEC: ⟨PW⟩ - come la configuro su Outlook? Server pec.aruba.it, porta 995."),
    ("it", "Non riesco a collegarmi: mysql -u root -p⟨PW⟩ -h ⟨host⟩ mi dà \"Access denied\". Cosa sbaglio?"),
    ("it", "Nel file config.yml ho messo:\nldap:\n  bind_dn: cn=svc,dc=acme,dc=it\n  bind_password: ⟨PW⟩\n  url: ldaps://ldap.acme.it:636\nPerché il bind fallisce?"),
    ("it", "Le credenziali dell'home banking aziendale sono codice utente ⟨n5⟩⟨n3⟩ e password ⟨PW⟩: scrivi una procedura per la delega al commercialista."),
    ("it", "La password temporanea per il nuovo collega è ⟨PW⟩, va cambiata al primo accesso. Scrivi il messaggio di benvenuto."),
    ("any", "!J Il PIN del bancomat aziendale è ⟨PIN⟩ e va custodito dall'amministrazione: riscrivi la procedura."),
    ("any", "!J curl -u admin:⟨PW⟩ https://jenkins.acme.lan/api/json?pretty=true returns 403, why?"),
    # ---------------------------------------------------------------- CREDENTIAL_URL
    ("en", "Here is my .env, why can't the worker connect?\nDATABASE_URL=⟨CRED_URL⟩\nCACHE_URL=redis://cache-2.internal:6379/1\nLOG_LEVEL=debug"),
    ("en", "The Celery broker setting is broker_url = \"⟨CRED_URL⟩\" and result_backend = \"redis://localhost:6379/2\". Tasks stay pending."),
    ("any", "services:\n  api:\n    environment:\n      - DATABASE_URL=⟨CRED_URL⟩\n      - POSTGRES_PASSWORD=${POSTGRES_PASSWORD}\n      - PORT=⟨port⟩"),
    ("it", "Il job notturno usa ⟨CRED_URL⟩ e fallisce con timeout dopo ⟨n2⟩ secondi. Il DB di test invece è postgres://localhost:5432/test e va."),
    ("it", "Nel pom.xml il repository è ⟨CRED_URL⟩ - Maven dice 401. Build ⟨ver3⟩, JDK 21."),
    # ---------------------------------------------------------------- EMAIL / PHONE / personal data
    ("en", "Can you write a polite reminder to ⟨EMAIL⟩ about invoice ⟨invoice⟩ (due ⟨date⟩, ⟨usd⟩)? Their phone is ⟨PHONE⟩."),
    ("en", "Customer called from ⟨PHONE⟩ about order ⟨order⟩ and tracking ⟨ups⟩. Draft a reply; keep it short."),
    ("en", "git log shows:\nAuthor: ⟨name⟩ <⟨EMAIL⟩>\nDate:   ⟨date⟩\n    fix: password reset token expiry (#⟨n4⟩)\ncommit ⟨sha40⟩"),
    ("en", "Signature to format nicely:\n⟨name⟩ | Head of Procurement | ⟨company⟩\nM ⟨PHONE⟩ | ⟨EMAIL⟩\nTicket ⟨ticket⟩"),
    ("any", "name,email,phone,order\n⟨name⟩,⟨EMAIL⟩,⟨PHONE⟩,⟨order⟩\n⟨name⟩,⟨EMAIL⟩,,⟨order⟩"),
    ("it", "Scrivi una mail formale a ⟨EMAIL⟩ per sollecitare il pagamento della fattura n. ⟨invoice⟩ del ⟨date⟩ (CRO atteso ⟨cro⟩)."),
    ("it", "Il cliente (cell. ⟨PHONE_IT⟩) chiede lo stato dell'ordine ⟨order⟩, spedito con Poste ⟨poste⟩. Prepara la risposta."),
    ("it", "Il signor ⟨name⟩ (tel. ⟨PHONE⟩, codice fiscale ⟨CF⟩) chiede il rimborso della pratica prot. ⟨prot⟩."),
    ("it", "Firma email da sistemare:\n⟨name⟩ - Ufficio Acquisti - ⟨company⟩\nTel. ⟨PHONE⟩ - ⟨EMAIL⟩\nP.IVA ⟨PIVA⟩"),
    ("it", "Invia il preventivo a ⟨EMAIL⟩ e in copia a ⟨EMAIL⟩; il totale è ⟨eur⟩, codice articolo ⟨sku⟩."),
    # ---------------------------------------------------------------- payments
    ("en", "Customer disputes a charge on card ⟨CC⟩ (exp 08/2⟨n1digit⟩); the Stripe charge is ⟨stripe_obj⟩, order ⟨order⟩. Draft the reply."),
    ("en", "Refund request: card ⟨CC⟩, amount ⟨usd⟩, original transaction ⟨reqid⟩ on ⟨date⟩."),
    ("it", "Addebito contestato sulla carta ⟨CC⟩ del ⟨date⟩, importo ⟨eur⟩, riferimento ⟨cro⟩. Scrivi la lettera alla banca."),
    ("it", "Riassumi questo estratto: bonifico di ⟨eur⟩ su IBAN ⟨IBAN⟩ intestato a ⟨company⟩, P.IVA ⟨PIVA⟩, causale fattura n. ⟨invoice⟩."),
    ("it", "Beneficiario: ⟨company⟩\nIBAN: ⟨IBAN_IT⟩\nBIC: UNCRITMMXXX\nCausale: saldo fattura ⟨invoice⟩, CIG ⟨cig⟩, CUP ⟨cup⟩"),
    ("en", "Please update the supplier's bank details: IBAN ⟨IBAN⟩, BIC ⟨bic⟩, effective ⟨date⟩. The old one was ⟨bad_iban⟩ (returned)."),
    ("it", "Dati per la fattura elettronica: ⟨company⟩, P.IVA ⟨PIVA⟩, C.F. ⟨CF⟩, codice SDI ⟨sdi⟩, CAP ⟨cap⟩ ⟨city⟩."),
    ("it", "Controlla questi dati anagrafici: ⟨name⟩, nato a ⟨city⟩ il ⟨date⟩, codice fiscale ⟨CF⟩, targa auto ⟨plate⟩."),
    ("it", "Il fornitore ha P.IVA ⟨PIVA⟩ ma nel gestionale c'è ⟨bad_piva⟩: quale dei due è corretto?"),
    ("en", "Employee record: SSN ⟨SSN⟩, email ⟨EMAIL⟩, employee id ⟨userid⟩, start date ⟨date⟩. Convert it to JSON."),
    ("en", "W-2 correction: employee ⟨name⟩, Social Security number ⟨SSN⟩, box 1 wages ⟨usd⟩. The old form had routing ⟨routing⟩ by mistake."),
    ("en", "Background check for ⟨name⟩: SSN ⟨SSN⟩, DOB ⟨date⟩, order ⟨num9⟩. Summarize what we still need."),
    # ---------------------------------------------------------------- network
    ("en", "Failed logins from ⟨IP⟩ at ⟨time⟩ and ⟨time⟩ for user ⟨user⟩; firmware ⟨ver3⟩, MAC ⟨mac⟩. Block or not?"),
    ("it", "Controlla questo log: connessione rifiutata da ⟨IP⟩ sulla porta ⟨port⟩ alle ⟨time⟩ (build ⟨ver4big⟩)."),
    ("any", "upstream backend {\n    server ⟨IP⟩:⟨port⟩ max_fails=3;\n    server ⟨IP⟩:⟨port⟩ backup;\n}\n# nginx ⟨ver3⟩, OID ⟨oid⟩ in the client cert"),
    ("en", "⟨datetime⟩ sshd[⟨n4⟩]: Failed password for invalid user admin from ⟨IP⟩ port ⟨n5⟩ ssh2\nIs this a brute force attempt?"),
    # ---------------------------------------------------------------- cloud / vendor secrets
    ("en", "Why does this fail?\n```python\nimport boto3\ns3 = boto3.client('s3', aws_access_key_id='⟨AKIA⟩', aws_secret_access_key='⟨AWS_SECRET⟩')\n# role ⟨aida⟩, account ⟨aws_acct⟩\n```"),
    ("any", "[default]\naws_access_key_id = ⟨AKIA⟩\naws_secret_access_key = ⟨AWS_SECRET⟩\nregion = eu-south-1\n\n[docs-example]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE"),
    ("it", "Il deploy su S3 fallisce con AccessDenied. Ho esportato AWS_ACCESS_KEY_ID=⟨AKIA⟩ e AWS_SECRET_ACCESS_KEY=⟨AWS_SECRET⟩, regione eu-south-1."),
    ("en", "gh says my token is invalid: export GITHUB_TOKEN=⟨GH⟩ (run id ⟨n5⟩⟨n5⟩, commit ⟨sha7⟩). In the workflow I use ${{ secrets.GITHUB_TOKEN }}."),
    ("it", "Il push su GitHub chiede la password; ho generato il token ⟨GH⟩ ma non so dove incollarlo. Il remote è https://github.com/acme/app.git"),
    ("en", "curl --header \"PRIVATE-TOKEN: ⟨GL⟩\" https://gitlab.acme.it/api/v4/projects/⟨n3⟩/pipelines returns 401. In CI I use $CI_JOB_TOKEN instead."),
    ("it", "Nel .gitlab-ci.yml ho messo GITLAB_TOKEN: ⟨GL⟩ per il release job; il job ⟨n5⟩⟨n4⟩ fallisce comunque. Perché?"),
    ("en", "My slack bot doesn't post. client = WebClient(token=\"⟨SLACK⟩\"), channel C0⟨n4⟩ABCD, team T0⟨n4⟩QWER."),
    ("it", "Il bot Slack non risponde: token ⟨SLACK⟩, user U0⟨n4⟩XYZ9. L'app è installata nel workspace?"),
    ("en", "Send the deploy notification here:\ncurl -X POST -H 'Content-type: application/json' --data '{\"text\":\"deploy ⟨ver3⟩ ok\"}' ⟨HOOK⟩"),
    ("it", "Il webhook ⟨HOOK⟩ risponde \"invalid_payload\" quando mando gli accenti. Build ⟨sha7⟩."),
    ("en", "Webhook fails with 401:\nstripe.api_key = \"⟨STRIPE⟩\"\ncustomer = \"⟨stripe_obj⟩\"\npublishable = \"⟨pk_live⟩\""),
    ("it", "Il checkout restituisce \"No such customer: ⟨stripe_obj⟩\". La chiave segreta è ⟨STRIPE⟩, quella pubblicabile ⟨pk_live⟩."),
    ("en", "Rate limited again. OPENAI_API_KEY=⟨OPENAI⟩, last response id ⟨openai_obj⟩, org header org-⟨hex16⟩."),
    ("it", "Il client Python dice 401: client = OpenAI(api_key=\"⟨OPENAI⟩\"). Il batch ⟨openai_obj⟩ era andato."),
    ("en", "curl https://api.anthropic.com/v1/messages -H \"x-api-key: ⟨ANTHROPIC⟩\" -H \"anthropic-version: 2023-06-01\" returns overloaded_error for ⟨anth_obj⟩."),
    ("it", "La chiave ⟨ANTHROPIC⟩ funziona in locale ma non nel container; il messaggio ⟨anth_obj⟩ arriva vuoto."),
    ("en", "Geocoding fails: https://maps.googleapis.com/maps/api/geocode/json?address=⟨city⟩&key=⟨GOOGLE⟩ returns REQUEST_DENIED. Client id 1234⟨n5⟩-abc.apps.googleusercontent.com."),
    ("it", "La chiave Maps ⟨GOOGLE⟩ è limitata al nostro dominio, come tolgo la restrizione? Progetto ⟨n5⟩⟨n5⟩."),
    ("en", "Paste of id_rsa, why does ssh reject it?\n⟨PRIVKEY⟩\nThe public half is:\n⟨ssh_pub⟩"),
    ("en", "The TLS bundle for the ingress:\n⟨cert⟩\n⟨PRIVKEY⟩\nnginx says \"key values mismatch\"."),
    ("it", "Il server non parte, questo è il file server.pem:\n⟨cert⟩\n⟨PRIVKEY⟩"),
    ("en", "Decode this token for me: Authorization: Bearer ⟨JWT⟩ (request ⟨uuid⟩, cursor ⟨cursor⟩)."),
    ("it", "Il cookie di sessione è session=⟨JWT⟩; il cursore di paginazione invece è ⟨cursor⟩. Perché il primo scade dopo un'ora?"),
    # ---------------------------------------------------------------- markers
    ("en", "⟨MARK⟩\n\nQ⟨n1digit⟩ board pack - draft ⟨n1digit⟩\nRevenue ⟨usd⟩, churn 3.1%. Summarize the numbers in five bullets."),
    ("en", "The header of the memo says ⟨MARK⟩. Translate it into Italian, keep the table with order ⟨order⟩ as is."),
    ("en", "Classification: ⟨MARK⟩\nSubject: reorg of the internal audit team\nRewrite the announcement in a warmer tone."),
    ("it", "⟨MARK⟩\n\nVerbale del CdA del ⟨date⟩ - prot. ⟨prot⟩\nRiassumi le delibere in cinque punti."),
    ("it", "L'intestazione del documento riporta \"⟨MARK⟩\". Traducilo in inglese mantenendo la tabella degli importi (⟨eur⟩)."),
    ("it", "Oggetto: piano esuberi ⟨n4⟩ - ⟨MARK⟩\nRendi il testo più chiaro per i responsabili di reparto."),
    ("en", "!J This document is confidential and intended only for the board. Shorten the following paragraph."),
    # ---------------------------------------------------------------- round 2: more ways people give passwords
    ("en", "Wi-Fi for the workshop: SSID Acme-Lab, pass ⟨PW⟩. Can you make a printable sign?"),
    ("en", "Forwarding the vendor's email:\n> Login: ⟨user⟩\n> Password: ⟨PW⟩\n> Portal: https://portal.fabbricaricambi.it\nWhat do they mean by \"first access within 48h\"?"),
    ("any", "import requests\nr = requests.get(\"https://jenkins.acme.lan/api/json\", auth=(\"admin\", \"⟨PW⟩\"))\nprint(r.status_code)  # 403"),
    ("any", "echo '⟨PW⟩' | docker login registry.acme.it -u ci-bot --password-stdin"),
    ("any", "sshpass -p '⟨PW⟩' ssh -o StrictHostKeyChecking=no deploy@bastion 'systemctl restart app'"),
    ("any", "services:\n  db:\n    image: mysql:8\n    environment:\n      MYSQL_ROOT_PASSWORD: \"⟨PW⟩\"\n      MYSQL_DATABASE: shop"),
    ("any", "htpasswd -b -B /etc/nginx/.htpasswd admin ⟨PW⟩"),
    ("any", "ADMIN_PASSWORD = \"⟨PW⟩\"  # TODO: read from os.environ[\"ADMIN_PASSWORD\"]\nPASSWORD_MIN_LENGTH = ⟨minlen⟩"),
    ("it", "Le credenziali del router sono admin / ⟨PW⟩: come cambio il DNS?"),
    ("it", "user ⟨user⟩ pw ⟨PW⟩ - entra tu sul portale INPS e scarica il cedolino di ⟨date⟩ per favore"),
    ("it", "La pass del wifi dell'ufficio è ⟨PW⟩, ma il portatile nuovo non si collega. Perché?"),
    ("it", "Accesso al gestionale: utente ⟨user⟩, parola chiave ⟨PW⟩. La policy richiede il cambio ogni 90 giorni."),
    ("it", "Ti scrivo la password qui così non la perdo: ⟨PW⟩ (è quella della VPN)."),
]

# evasion-specific positives: (lang, kind, template)
POS_EV = [
    ("any", "base64", "apiVersion: v1\nkind: Secret\nmetadata:\n  name: db-credentials\ntype: Opaque\ndata:\n  username: YXBw\n  password: ⟨PW_B64⟩\n# created ⟨date⟩, see ticket ⟨ticket⟩"),
    ("any", "base64", "apiVersion: v1\nkind: Secret\nmetadata:\n  name: s3-uploader\ndata:\n  AWS_ACCESS_KEY_ID: ⟨AKIA_B64⟩\n  AWS_SECRET_ACCESS_KEY: ⟨AWS_SECRET_B64⟩\n  AWS_REGION: ZXUtc291dGgtMQ=="),
    ("en", "base64", "My colleague sent me the token encoded, decode it and tell me which scopes it has: echo '⟨GH_B64⟩' | base64 -d"),
    ("it", "base64", "Il collega mi ha mandato la chiave in base64: ⟨OPENAI_B64⟩. Come la imposto come variabile d'ambiente?"),
    ("it", "base64", "Nel secret Kubernetes c'è password: ⟨PW_B64⟩ e username: ⟨user_b64⟩. Perché il pod non si autentica?"),
    ("en", "percent", "The login request in the HAR file:\nPOST /api/session\nContent-Type: application/x-www-form-urlencoded\n\nusername=⟨user⟩&password=⟨PW_PCT⟩&remember=1\nWhy does it get a 302 to /login?error=1?"),
    ("it", "percent", "Dal log del proxy: GET /crm/api/clienti?email=⟨EMAIL_PCT⟩&page=2&sort=created_at (request ⟨uuid⟩). Perché la ricerca non trova nulla?"),
    ("en", "percent", "Our tracking pixel logs URLs like https://t.acme.it/p.gif?uid=⟨hex16⟩&em=⟨EMAIL_PCT⟩&ts=⟨unix⟩ - is that a GDPR problem?"),
    ("it", "percent", "Il form invia tel=⟨PHONE_PCT⟩&cap=⟨cap⟩&ordine=⟨order⟩ ma il CRM salva il numero vuoto. Perché?"),
    ("it", "percent", "Nel log di Apache vedo ?iban=⟨IBAN_PCT⟩&importo=⟨n3⟩ nella query string: come lo maschero?"),
    ("en", "percent", "curl -d 'grant_type=password&username=⟨user⟩&password=⟨PW_PCT⟩&client_id=cli' https://sso.acme.it/token returns invalid_grant"),
]

INTRO = {
    "en": ["Can you review this?", "Why does this fail?", "Explain what this does:", "Help me refactor this:",
           "Any problems with this config?", "Write a unit test for this:", "Summarize this for the team:",
           "Is this safe to commit?", "Add comments to this:", "What does this do?"],
    "it": ["Puoi controllare questo?", "Perché non funziona?", "Spiegami cosa fa questo codice:",
           "Aiutami a fare refactoring:", "Ci sono problemi in questa configurazione?", "Scrivi un test per questo:",
           "Riassumi per il team:", "È sicuro fare commit di questo?", "Aggiungi dei commenti:", "Cosa fa questo?"],
}
JSON_INTRO = {"en": ["Why does the API reject this request body?", "Here's the payload our client sends:",
                     "Log line from the gateway, what went wrong?"],
              "it": ["Perché l'API rifiuta questo body?", "Ecco il payload che manda il client:",
                     "Riga di log del gateway, cosa è andato storto?"]}

# ================================================================= expansion
LABELLED = {
    "EMAIL": ("EMAIL", lambda c: c.v_email()),
    "PHONE": ("PHONE", lambda c: c.v_phone()),
    "PHONE_IT": ("PHONE", lambda c: c.v_phone("it_mob")),
    "CC": ("CREDIT_CARD", lambda c: c.v_card()),
    "IBAN": ("IBAN", lambda c: c.v_iban()),
    "IBAN_IT": ("IBAN", lambda c: c.v_iban("IT")),
    "CF": ("IT_FISCAL_CODE", lambda c: c.v_cf()),
    "PIVA": ("IT_VAT", lambda c: c.v_piva()),
    "SSN": ("US_SSN", lambda c: c.v_ssn()),
    "IP": ("IP_ADDRESS", lambda c: c.v_ip()),
    "AKIA": ("AWS_ACCESS_KEY", lambda c: c.v_akia()),
    "AWS_SECRET": ("AWS_SECRET_KEY", lambda c: c.v_aws_secret()),
    "GH": ("GITHUB_TOKEN", lambda c: c.v_gh()),
    "GL": ("GITLAB_TOKEN", lambda c: c.v_gl()),
    "SLACK": ("SLACK_TOKEN", lambda c: c.v_slack()),
    "HOOK": ("SLACK_WEBHOOK", lambda c: c.v_slack_hook()),
    "STRIPE": ("STRIPE_KEY", lambda c: c.v_stripe()),
    "OPENAI": ("OPENAI_KEY", lambda c: c.v_openai()),
    "ANTHROPIC": ("ANTHROPIC_KEY", lambda c: c.v_anthropic()),
    "GOOGLE": ("GOOGLE_API_KEY", lambda c: c.v_google()),
    "PRIVKEY": ("PRIVATE_KEY", lambda c: c.v_privkey()),
    "JWT": ("JWT", lambda c: c.v_jwt()),
    "CRED_URL": ("CREDENTIAL_URL", lambda c: c.v_cred_url()),
    "PW": ("PASSWORD", lambda c: c.v_pw()),
    "PIN": ("PASSWORD", lambda c: c.digits(c.ch([5, 6]), True)),
    "MARK": ("CONFIDENTIAL_MARKER", lambda c: c.ch(MARK_IT if c.tlang == "it" else MARK_EN)),
}
# encoded variants: (type, factory of the clear value, encoder, tag)
B64ENC = lambda v: base64.b64encode(v.encode()).decode()
PCTENC = lambda v: urllib.parse.quote(v, safe="")
ENCODED = {
    "PW_B64": ("PASSWORD", lambda c: c.v_pw(weak_ok=False), B64ENC, "evasion:base64"),
    "AKIA_B64": ("AWS_ACCESS_KEY", lambda c: c.v_akia(), B64ENC, "evasion:base64"),
    "AWS_SECRET_B64": ("AWS_SECRET_KEY", lambda c: c.v_aws_secret(), B64ENC, "evasion:base64"),
    "GH_B64": ("GITHUB_TOKEN", lambda c: c.v_gh(), B64ENC, "evasion:base64"),
    "OPENAI_B64": ("OPENAI_KEY", lambda c: c.v_openai(), B64ENC, "evasion:base64"),
    "PW_PCT": ("PASSWORD", lambda c: c.v_pw_pct(), PCTENC, "evasion:percent"),
    "EMAIL_PCT": ("EMAIL", lambda c: c.v_email(), PCTENC, "evasion:percent"),
    "PHONE_PCT": ("PHONE", lambda c: c.v_phone(c.ch(["it_mob", "us", "uk"])), PCTENC, "evasion:percent"),
    "IBAN_PCT": ("IBAN", lambda c: c.fmt_grouped(iban_with_check("IT", c.bban("IT"))), PCTENC, "evasion:percent"),
}
TYPE_OF = {k: v[0] for k, v in LABELLED.items()}
TYPE_OF.update({k: v[0] for k, v in ENCODED.items()})
PH = re.compile("\u27e8([A-Za-z0-9_]+)\u27e9")
MK = re.compile("\x00([A-Z_]+)\x01(.*?)\x02", re.S)


class Case(Fill):
    def __init__(self, r, lang):
        super().__init__(r, lang)
        self.tlang = lang
        self.clear = {}          # evaded value -> clear value, for the self-check
        self.waive = set()       # validator types waived for reviewed look-alikes

    def v_pw_pct(self):
        while True:
            v = self.v_pw(weak_ok=False)
            if PCTENC(v) != v:
                return v

    def n_user_b64(self):
        return B64ENC(self.n_user())

    def expand(self, tmpl, tlang):
        self.tlang = self.lang if tlang == "any" else tlang
        while tmpl.startswith("!"):
            if tmpl.startswith("!J "):
                self.tags.add("judgement")
                tmpl = tmpl[3:]
            else:   # "!L(T1,T2) ": reviewed look-alike, the self-check's validator for T1/T2 is waived
                m = re.match(r"!L\(([A-Z_,]+)\) ", tmpl)
                self.waive.update(m.group(1).split(","))
                tmpl = tmpl[m.end():]

        def sub(m):
            name = m.group(1)
            if name in LABELLED:
                typ, fn = LABELLED[name]
                return M(typ, fn(self))
            if name in ENCODED:
                typ, fn, enc, tag = ENCODED[name]
                clear = fn(self)
                v = enc(clear)
                self.clear[v] = clear
                self.tags.add(tag)
                return M(typ, v)
            return getattr(self, "n_" + name)()
        return PH.sub(sub, tmpl)


def segments(marked):
    out, pos = [], 0
    for m in MK.finditer(marked):
        if m.start() > pos:
            out.append([None, marked[pos:m.start()]])
        out.append([m.group(1), m.group(2)])
        pos = m.end()
    if pos < len(marked):
        out.append([None, marked[pos:]])
    assert not any(ch in s for _, s in out for ch in "\x00\x01\x02")
    return out


def build(segs):
    text, findings, n = [], [], 0
    for typ, s in segs:
        b = len(s.encode("utf-8"))
        if typ:
            findings.append({"type": typ, "start": n, "end": n + b, "value": s})
        text.append(s)
        n += b
    return "".join(text), findings


def template_types(tmpl):
    return {TYPE_OF[n] for n in PH.findall(tmpl) if n in TYPE_OF}


# ================================================================= evasions
def fullwidth(c, typ, v):
    if typ == "EMAIL" and c.r.random() < .6:
        return v.replace("@", "\uff20")
    if typ in ("CREDIT_CARD", "US_SSN", "PHONE", "IT_VAT", "IBAN") and c.r.random() < .5:
        return "".join(chr(ord(ch) + 0xFEE0) if ch.isdigit() else ch for ch in v)
    return "".join(chr(ord(ch) + 0xFEE0) if "!" <= ch <= "~" else ("\u3000" if ch == " " else ch) for ch in v)


def zerowidth(c, typ, v):
    k = 1 if len(v) < 12 or c.r.random() < .6 else 2
    pos = sorted(c.r.sample(range(1, len(v)), k))
    out, last = [], 0
    for p in pos:
        out.append(v[last:p])
        out.append(c.ch(["\u200b", "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff"]))
        last = p
    out.append(v[last:])
    return "".join(out)


def uescape(c, typ, v):
    mode = c.ch(["all", "some", "punct"])
    out = []
    for ch in v:
        esc = (mode == "all" or (mode == "some" and c.r.random() < .5)
               or (mode == "punct" and not ch.isalnum()))
        out.append("\\u%04x" % ord(ch) if esc else ch)
    s = "".join(out)
    if "\\u" not in s:
        s = "\\u%04x" % ord(v[0]) + "".join(out[1:])
    return s


def json_escape_plain(s):
    return json.dumps(s, ensure_ascii=False)[1:-1]


# ================================================================= independent validators for the self-check
V_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+[@\uff20][A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
V_CARD = re.compile(r"(?<!\d)\d(?:[ -]?\d){12,18}(?!\d)")
V_IBAN = re.compile(r"(?<![A-Z0-9])[A-Z]{2}\d{2}(?: ?[A-Z0-9]){11,30}")
V_CF = re.compile(r"(?<![A-Za-z0-9])" + CF_RE.pattern + r"(?![A-Za-z0-9])")
V_PIVA = re.compile(r"(?<!\d)\d{11}(?!\d)")
V_SSN = re.compile(r"(?<![\d-])\d{3}-\d{2}-\d{4}(?![\d-])")
V_IP = re.compile(r"(?<![\d.])(?:\d{1,3}\.){3}\d{1,3}(?!\.?\d)")
SIMPLE = [
    ("AWS_ACCESS_KEY", re.compile(r"(?:AKIA|ASIA)[A-Z2-7]{16}(?![A-Z2-7])"), lambda v: "EXAMPLE" not in v and "XXXX" not in v),
    ("GITHUB_TOKEN", re.compile(r"gh[pousr]_[A-Za-z0-9]{36}|github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59}"),
     lambda v: v.startswith("github_pat_") or gh_valid(v)),
    ("GITLAB_TOKEN", re.compile(r"gl(?:pat|dt|rt|ptt)-[A-Za-z0-9_-]{20}"), lambda v: set(v.split("-", 1)[1]) != {"x"}),
    ("SLACK_TOKEN", re.compile(r"xox[abprs]-\d+-[A-Za-z0-9-]+"), lambda v: True),
    ("SLACK_WEBHOOK", re.compile(r"hooks\.slack\.com/services/T[A-Z0-9]{8,}/B[A-Z0-9]{8,}/[A-Za-z0-9]{24}"),
     lambda v: "T00000000" not in v),
    ("STRIPE_KEY", re.compile(r"[sr]k_live_[A-Za-z0-9]{20,}"), lambda v: True),
    ("OPENAI_KEY", re.compile(r"sk-[A-Za-z0-9_-]*T3BlbkFJ[A-Za-z0-9_-]*"), lambda v: True),
    ("ANTHROPIC_KEY", re.compile(r"sk-ant-api03-[A-Za-z0-9_-]{80,}"), lambda v: True),
    ("GOOGLE_API_KEY", re.compile(r"AIza[0-9A-Za-z_-]{35}"), lambda v: True),
    ("PRIVATE_KEY", re.compile(r"-----BEGIN [A-Z ]*PRIVATE KEY-----"), lambda v: True),
    ("JWT", re.compile(r"eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+"), jwt_valid),
    ("CREDENTIAL_URL", re.compile(r"[a-z][a-z0-9+.-]*://[^\s/:@]*:([^\s/@]+)@[^\s/]+"), None),
    ("CONFIDENTIAL_MARKER", re.compile(r"\b(?:CONFIDENTIAL|RISERVAT[OA]|RISERVATISSIMO|CONFIDENZIALE|INTERNAL USE ONLY|USO INTERNO|TLP:(?:RED|AMBER))\b"),
     lambda v: True),
    ("PHONE", re.compile(r"(?<![\w+])\+\d{1,3}[ -]?\(?\d{1,4}\)?(?:[ -]?\d{2,4}){2,4}"), lambda v: True),
]


def validator_hits(text):
    hits = []
    for m in V_EMAIL.finditer(text):
        hits.append(("EMAIL", m.start(), m.end()))
    for m in V_CARD.finditer(text):
        d = re.sub(r"[ -]", "", m.group())
        if card_valid(d):
            hits.append(("CREDIT_CARD", m.start(), m.end()))
    for m in V_IBAN.finditer(text):
        s = m.group().replace(" ", "")
        L = IBAN_LEN.get(s[:2])
        if L and len(s) >= L and iban_valid(s[:L]):
            hits.append(("IBAN", m.start(), m.end()))
    for m in V_CF.finditer(text):
        if cf_valid(m.group()):
            hits.append(("IT_FISCAL_CODE", m.start(), m.end()))
    for m in V_PIVA.finditer(text):
        if piva_valid(m.group()):
            hits.append(("IT_VAT", m.start(), m.end()))
    for m in V_SSN.finditer(text):
        if ssn_valid(m.group()):
            hits.append(("US_SSN", m.start(), m.end()))
    for m in V_IP.finditer(text):
        if all(int(x) <= 255 for x in m.group().split(".")):
            hits.append(("IP_ADDRESS", m.start(), m.end()))
    for typ, rx, ok in SIMPLE:
        for m in rx.finditer(text):
            if typ == "CREDENTIAL_URL":
                pw = m.group(1)
                if pw.startswith(("${", "<", "{{", "$")) or pw in ("password", "pass", "PASSWORD"):
                    continue
            elif not ok(m.group()):
                continue
            hits.append((typ, m.start(), m.end()))
    return hits


def value_ok(typ, v):
    """Checksum / shape check of a labelled clear value."""
    if typ == "CREDIT_CARD":
        return card_valid(re.sub(r"[ -]", "", v))
    if typ == "IBAN":
        return iban_valid(v)
    if typ == "IT_FISCAL_CODE":
        return cf_valid(v)
    if typ == "IT_VAT":
        return piva_valid(v)
    if typ == "US_SSN":
        return ssn_valid(v)
    if typ == "IP_ADDRESS":
        p = v.split(".")
        return len(p) == 4 and all(x.isdigit() and int(x) <= 255 for x in p)
    if typ == "GITHUB_TOKEN":
        return gh_valid(v) or bool(re.fullmatch(r"github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59}", v))
    if typ == "JWT":
        return jwt_valid(v)
    if typ == "EMAIL":
        return bool(V_EMAIL.fullmatch(v))
    if typ == "AWS_ACCESS_KEY":
        return bool(re.fullmatch(r"(?:AKIA|ASIA)[A-Z2-7]{16}", v))
    if typ == "AWS_SECRET_KEY":
        return bool(re.fullmatch(r"[A-Za-z0-9/+]{40}", v))
    if typ == "PRIVATE_KEY":
        return bool(re.fullmatch(r"-----BEGIN ([A-Z ]*PRIVATE KEY)-----\n[A-Za-z0-9+/=\n]+\n-----END \1-----", v))
    if typ == "PASSWORD":
        return bool(v) and not re.search(r"\s", v)
    return bool(v)


def self_check(text, findings, tags, clear, waive=()):
    """Return None if the case is sound, else a reason string."""
    raw = text.encode("utf-8")
    for f in findings:
        if raw[f["start"]:f["end"]].decode("utf-8") != f["value"]:
            return "span mismatch"
        v = f["value"]
        if any(t.startswith("evasion") for t in tags) and v != clear.get(v, v) or v in clear:
            cv = clear.get(v)
            if cv is None:
                return "evaded value without clear text"
            if deevade(v, tags) != cv:
                return "de-evasion mismatch %r" % v
            v = cv
        if not value_ok(f["type"], v):
            return "invalid labelled %s %r" % (f["type"], v)
    # byte spans of labels
    spans = [(f["type"], f["start"], f["end"]) for f in findings]
    for typ, s, e in validator_hits(text):
        bs, be = len(text[:s].encode()), len(text[:e].encode())
        covered = any((t == typ and min(be, fe) > max(bs, fs)) or (fs <= bs and be <= fe) for t, fs, fe in spans)
        if not covered and "judgement" not in tags and typ not in waive:
            return "unlabelled %s %r" % (typ, text[s:e])
    if not findings and "negative" not in tags:
        return "no findings but not tagged negative"
    return None


# ================================================================= case assembly
def pick_neg(c, lang, exclude_judgement=False, avoid=()):
    pool = [t for t in NEG if t[0] in (lang, "any") and t[2] not in avoid
            and not (exclude_judgement and t[2].startswith("!J "))]
    return c.ch(pool)


def make_negative(c, lang):
    k = c.ch([1, 1, 1, 1, 2, 2, 2, 3])
    parts, used, themes = [], [], set()
    for i in range(k):
        tl, theme, tmpl = pick_neg(c, lang, avoid=used)
        used.append(tmpl)
        themes.add(theme)
        s = c.expand(tmpl, tl)
        if tl == "any" and (i == 0 or c.r.random() < .5):
            s = c.ch(INTRO[lang]) + "\n" + s
        parts.append(s)
    c.tags.update("theme:" + t for t in themes)
    return "\n\n".join(parts)


def pos_pool(lang, typ):
    return [(tl, t) for tl, t in POS if tl in (lang, "any") and typ in template_types(t)]


def make_positive(c, lang, typ, evasion):
    if evasion in ("base64", "percent"):
        tl, tmpl = c.ch([(tl, t) for tl, k, t in POS_EV if k == evasion and tl in (lang, "any")])
    else:
        if evasion and typ == "PRIVATE_KEY":   # PEM blocks are not evaded here
            typ = c.ch([t for t in TYPES if t != "PRIVATE_KEY"])
        pool = pos_pool(lang, typ) or pos_pool("en" if lang == "it" else "it", typ)
        tl, tmpl = c.ch(pool)
        if evasion:
            nonj = [(a, b) for a, b in pool if not b.startswith("!J ")]
            tl, tmpl = c.ch(nonj or pool)
    marked = c.expand(tmpl, tl)
    segs = segments(marked)
    if evasion in ("fullwidth", "zero-width", "json"):
        cand = [i for i, (t, v) in enumerate(segs) if t and t != "PRIVATE_KEY" and len(v) > 3]
        if evasion == "json" and any(t == "PRIVATE_KEY" for t, _ in segs):
            return None
        if not cand:
            return None
        i = c.ch(cand)
        t, v = segs[i]
        fn = {"fullwidth": fullwidth, "zero-width": zerowidth, "json": uescape}[evasion]
        nv = fn(c, t, v)
        c.clear[nv] = v
        segs[i][1] = nv
        c.tags.add("evasion:" + evasion)
        if evasion == "json":
            for j, (t2, v2) in enumerate(segs):
                if j == i:
                    continue
                e = json_escape_plain(v2)
                if t2 and e != v2:
                    return None
                segs[j][1] = e
            content = segs
            model = c.ch(["gpt-4o", "claude-sonnet-4", "gemini-1.5-pro", "llama3.1:70b"])
            segs = ([[None, c.ch(JSON_INTRO[lang]) + "\n{\"model\": \"%s\", \"messages\": [{\"role\": \"user\", \"content\": \"" % model]]
                    + content + [[None, "\"}], \"stream\": %s}" % c.ch(["true", "false"])]])
            return segs
    if tl == "any":
        segs.insert(0, [None, c.ch(INTRO[lang]) + "\n"])
    return segs


def make_case(r, idx, seed, lang, positive, typ, evasion):
    for attempt in range(200):
        c = Case(r, lang)
        if positive:
            segs = make_positive(c, lang, typ, evasion)
            if segs is None:
                continue
            # surround with look-alike snippets
            k = c.ch([0, 1, 1, 1, 2])
            before, after = [], []
            for _ in range(k):
                tl, theme, tmpl = pick_neg(c, lang, exclude_judgement=True)
                s = c.expand(tmpl, tl)
                (before if c.r.random() < .35 else after).append(s)
                c.tags.add("distractor")
            if before:
                segs.insert(0, [None, "\n\n".join(before) + "\n\n"])
            if after:
                segs.append([None, "\n\n" + "\n\n".join(after)])
            text, findings = build(segs)
        else:
            c.tags.add("negative")
            text, findings = build(segments(make_negative(c, lang)))
        tags = sorted(c.tags)
        why = self_check(text, findings, tags, c.clear, c.waive)
        if why is None:
            make_case.rejected += attempt
            return {"id": "a12-%d-%04d" % (seed, idx), "lang": lang, "text": text, "findings": findings, "tags": tags}
        make_case.reasons[why.split(" ")[0] + " " + why.split(" ")[1]] += 1
    raise SystemExit("case %d: cannot draw a sound case" % idx)


make_case.rejected = 0
make_case.reasons = collections.Counter()

TYPES = ["EMAIL", "PHONE", "CREDIT_CARD", "IBAN", "IT_FISCAL_CODE", "IT_VAT", "US_SSN", "IP_ADDRESS",
         "AWS_ACCESS_KEY", "AWS_SECRET_KEY", "GITHUB_TOKEN", "GITLAB_TOKEN", "SLACK_TOKEN", "SLACK_WEBHOOK",
         "STRIPE_KEY", "OPENAI_KEY", "ANTHROPIC_KEY", "GOOGLE_API_KEY", "PRIVATE_KEY", "JWT", "CREDENTIAL_URL",
         "PASSWORD", "CONFIDENTIAL_MARKER"]
# PASSWORD is the theme of this audit: weight it up.
TYPE_CYCLE = TYPES + ["PASSWORD"] * 5 + ["CREDENTIAL_URL", "CONFIDENTIAL_MARKER", "EMAIL", "IBAN"]
EVASIONS = ["fullwidth", "zero-width", "json", "base64", "percent"]


def generate(seed, n):
    r = random.Random(seed)
    npos = round(n * 0.45)
    flags = [True] * npos + [False] * (n - npos)
    r.shuffle(flags)
    langs = ["en", "it"] * (n // 2) + ["en"] * (n % 2)
    r.shuffle(langs)
    nev = max(1, round(npos * 0.10))
    ev_idx = set(r.sample(range(npos), nev))
    cyc = TYPE_CYCLE[:]
    r.shuffle(cyc)
    out, pi = [], 0
    for i in range(n):
        if flags[i]:
            typ = cyc[pi % len(cyc)]
            ev = EVASIONS[len([x for x in ev_idx if x < pi]) % len(EVASIONS)] if pi in ev_idx else None
            pi += 1
            out.append(make_case(r, i, seed, langs[i], True, typ, ev))
        else:
            out.append(make_case(r, i, seed, langs[i], False, None, None))
    return out


def summary(cases):
    tc = collections.Counter(f["type"] for c in cases for f in c["findings"])
    tg = collections.Counter(t for c in cases for t in c["tags"] if not t.startswith("theme:"))
    lc = collections.Counter(c["lang"] for c in cases)
    return tc, tg, lc


def main(argv):
    if len(argv) == 4 and argv[1] == "--strip-judgement":
        with open(argv[2], encoding="utf-8") as f, open(argv[3], "w", encoding="utf-8") as g:
            for line in f:
                if line.strip() and "judgement" not in json.loads(line).get("tags", []):
                    g.write(line)
        return
    if len(argv) != 4:
        raise SystemExit(__doc__)
    seed, n, out = int(argv[1]), int(argv[2]), argv[3]
    cases = generate(seed, n)
    # final re-check of the written lines
    with open(out, "w", encoding="utf-8") as f:
        for c in cases:
            line = json.dumps(c, ensure_ascii=False)
            d = json.loads(line)
            for fd in d["findings"]:
                assert d["text"].encode()[fd["start"]:fd["end"]].decode() == fd["value"]
            f.write(line + "\n")
    tc, tg, lc = summary(cases)
    sys.stderr.write("wrote %d cases to %s (seed %d); redraws %d %s\n" % (len(cases), out, seed, make_case.rejected,
                                                                       dict(make_case.reasons)))
    sys.stderr.write("langs %s\ntags %s\ntypes %s\n" % (dict(lc), dict(tg), dict(sorted(tc.items()))))
    missing = set(TYPES) - set(tc)
    if missing:
        sys.stderr.write("WARNING: types without any finding: %s\n" % sorted(missing))


if __name__ == "__main__":
    main(sys.argv)
