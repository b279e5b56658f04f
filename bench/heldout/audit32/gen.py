#!/usr/bin/env python3
"""audit32 — evasions II: how a user who wants to slip data past a filter writes it.

    python3 gen.py SEED N OUT.jsonl

Deterministic per seed, stdlib only. Every value is fabricated here from the seed (valid
Luhn, IBAN mod-97 with the country's length and BBAN shape, Italian CIN, codice fiscale
check letter, partita IVA check digit, SSN area/group/serial rules, GitHub CRC32/base62
checksum, JWT whose header decodes to JSON with "alg"). About 60 % of the cases carry one
evaded value (tag "evasion:<kind>"), 40 % are negatives (the same encodings on harmless
content, decoys, values failing their checksum under an encoding). See README.md.
"""
import base64
import binascii
import json
import random
import re
import sys
import unicodedata

# --------------------------------------------------------------------------- builder


class Doc:
    """Concatenates text pieces; pieces may carry findings given as char offsets."""

    def __init__(self):
        self.parts = []

    def t(self, s):
        self.parts.append((s, ()))
        return self

    def f(self, typ, s):
        self.parts.append((s, ((0, len(s), typ),)))
        return self

    def r(self, s, spans):
        self.parts.append((s, tuple(spans)))
        return self

    def build(self):
        out, finds, pos = [], [], 0
        for s, spans in self.parts:
            for a, b, typ in spans:
                sb = pos + len(s[:a].encode("utf-8"))
                eb = pos + len(s[:b].encode("utf-8"))
                finds.append({"type": typ, "start": sb, "end": eb, "value": s[a:b]})
            out.append(s)
            pos += len(s.encode("utf-8"))
        finds.sort(key=lambda f: (f["start"], f["end"]))
        return "".join(out), finds


# --------------------------------------------------------------------------- fabricators

UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
LOWER = "abcdefghijklmnopqrstuvwxyz"
DIGITS = "0123456789"
ALNUM = UPPER + LOWER + DIGITS
B62 = DIGITS + UPPER + LOWER
URLSAFE = ALNUM + "-_"
B64CH = ALNUM + "+/"

IT_FIRST_M = ["Marco", "Luca", "Giuseppe", "Alessandro", "Francesco", "Matteo", "Andrea", "Stefano",
              "Paolo", "Davide", "Simone", "Roberto", "Fabio", "Enrico", "Tommaso"]
IT_FIRST_F = ["Giulia", "Chiara", "Francesca", "Sara", "Martina", "Elena", "Valentina", "Anna",
              "Laura", "Silvia", "Federica", "Alessia", "Beatrice", "Irene", "Noemi"]
IT_LAST = ["Rossi", "Bianchi", "Esposito", "Colombo", "Ricci", "Marino", "Greco", "Bruno", "Gallo",
           "Conti", "Costa", "Fontana", "Moretti", "Barbieri", "Lombardi", "Ferri", "Testa", "Villa",
           "Caruso", "Mancini", "Pellegrini", "Santoro", "Rinaldi", "Leone"]
EN_FIRST = ["James", "Emily", "Michael", "Sarah", "David", "Rachel", "Daniel", "Megan", "Kevin",
            "Olivia", "Brian", "Hannah"]
EN_LAST = ["Walker", "Turner", "Parker", "Hughes", "Collins", "Reed", "Bennett", "Foster", "Sullivan",
           "Harper", "Morgan", "Fletcher"]
DOMAINS = ["acme-logistica.it", "studiobianchi.it", "fornitoriveneti.it", "northwind-trading.co.uk",
           "bluepeak-analytics.com", "ferramenta-conti.it", "medicalpoint-srl.it", "harborline.com",
           "corvallis-partners.com", "gruppo-moretti.eu", "libero.it", "gmail.com", "outlook.com",
           "tecnoedile-spa.it", "pec.studiolegale-ferri.it"]
BELFIORE = ["F205", "H501", "F839", "L219", "A944", "D612", "G273", "B354", "L736", "D969", "C351",
            "A662", "L424", "E506", "G224"]


def rs(rng, alphabet, n):
    return "".join(rng.choice(alphabet) for _ in range(n))


def person(rng):
    if rng.random() < 0.7:
        fem = rng.random() < 0.5
        return rng.choice(IT_FIRST_F if fem else IT_FIRST_M), rng.choice(IT_LAST), fem
    return rng.choice(EN_FIRST), rng.choice(EN_LAST), False


def email(rng):
    first, last, _ = person(rng)
    f, l = first.lower(), last.lower().replace(" ", "")
    local = rng.choice([f + "." + l, f[0] + l, f + "_" + l, f + "." + l + str(rng.randint(2, 99)),
                        l + "." + f, f + l[0]])
    return local + "@" + rng.choice(DOMAINS)


def email_underscore(rng):
    first, last, _ = person(rng)
    return first.lower() + "_" + last.lower() + "@" + rng.choice(DOMAINS)


def luhn_complete(partial):
    s = 0
    for i, ch in enumerate(reversed(partial)):
        d = int(ch)
        if i % 2 == 0:
            d *= 2
            if d > 9:
                d -= 9
        s += d
    return partial + str((10 - s % 10) % 10)


def luhn_ok(num):
    s = 0
    for i, ch in enumerate(reversed(num)):
        d = int(ch)
        if i % 2 == 1:
            d *= 2
            if d > 9:
                d -= 9
        s += d
    return s % 10 == 0


def card(rng):
    """Returns the card's digit groups as usually printed."""
    brand = rng.choice(["visa", "visa", "mc", "mc2", "amex", "disc"])
    if brand == "visa":
        p = "4" + rs(rng, DIGITS, 14)
    elif brand == "mc":
        p = "5" + rng.choice("12345") + rs(rng, DIGITS, 13)
    elif brand == "mc2":
        p = str(rng.randint(2221, 2720)) + rs(rng, DIGITS, 11)
    elif brand == "amex":
        p = rng.choice(["34", "37"]) + rs(rng, DIGITS, 12)
    else:
        p = "6011" + rs(rng, DIGITS, 11)
    n = luhn_complete(p)
    if n.startswith("4111111") or n.startswith("4242424") or len(set(n)) < 4:
        return card(rng)
    if len(n) == 15:
        return [n[:4], n[4:10], n[10:]]
    return [n[i:i + 4] for i in range(0, 16, 4)]


def card_bad(rng):
    g = card(rng)
    n = "".join(g)
    last = str((int(n[-1]) + rng.randint(1, 9)) % 10)
    n = n[:-1] + last
    assert not luhn_ok(n)
    if len(n) == 15:
        return [n[:4], n[4:10], n[10:]]
    return [n[i:i + 4] for i in range(0, 16, 4)]


CF_ODD = {'0': 1, '1': 0, '2': 5, '3': 7, '4': 9, '5': 13, '6': 15, '7': 17, '8': 19, '9': 21,
          'A': 1, 'B': 0, 'C': 5, 'D': 7, 'E': 9, 'F': 13, 'G': 15, 'H': 17, 'I': 19, 'J': 21,
          'K': 2, 'L': 4, 'M': 18, 'N': 20, 'O': 11, 'P': 3, 'Q': 6, 'R': 8, 'S': 12, 'T': 14,
          'U': 16, 'V': 10, 'W': 22, 'X': 25, 'Y': 24, 'Z': 23}


def cf_even(c):
    return int(c) if c.isdigit() else ord(c) - 65


def cin_letter(s):
    """Check letter of the codice fiscale and of the Italian CIN (same odd/even tables)."""
    tot = 0
    for i, c in enumerate(s):
        tot += CF_ODD[c] if i % 2 == 0 else cf_even(c)
    return chr(65 + tot % 26)


def _cf_part(s, is_name):
    s = "".join(c for c in s.upper() if c.isalpha())
    cons = [c for c in s if c not in "AEIOU"]
    vow = [c for c in s if c in "AEIOU"]
    if is_name and len(cons) >= 4:
        cons = [cons[0], cons[2], cons[3]]
    return ("".join(cons + vow) + "XXX")[:3]


def fiscal_code(rng, bad=False):
    first, last, fem = rng.choice(IT_FIRST_F + IT_FIRST_M), rng.choice(IT_LAST), False
    fem = first in IT_FIRST_F
    yy = "%02d" % rng.choice(list(range(50, 100)) + list(range(0, 6)))
    mm = rng.choice("ABCDEHLMPRST")
    dd = rng.randint(1, 28) + (40 if fem else 0)
    body = _cf_part(last, False) + _cf_part(first, True) + yy + mm + "%02d" % dd + rng.choice(BELFIORE)
    chk = cin_letter(body)
    if bad:
        chk = chr(65 + (ord(chk) - 65 + rng.randint(1, 25)) % 26)
    return body + chk


def piva(rng, bad=False):
    base = "%07d" % rng.randint(100000, 9999999) + "%03d" % rng.choice(list(range(1, 101)) + [120, 121])
    s = 0
    for i, ch in enumerate(base):
        d = int(ch)
        if i % 2 == 1:
            d *= 2
            if d > 9:
                d -= 9
        s += d
    c = (10 - s % 10) % 10
    if bad:
        c = (c + rng.randint(1, 9)) % 10
    return base + str(c)


def ssn(rng, bad=False):
    while True:
        a = rng.randint(1, 899)
        if a != 666:
            break
    g, s = rng.randint(1, 99), rng.randint(1, 9999)
    if bad:
        kind = rng.choice(["area0", "area666", "area9", "group0", "serial0"])
        if kind == "area0":
            a = 0
        elif kind == "area666":
            a = 666
        elif kind == "area9":
            a = rng.randint(900, 999)
        elif kind == "group0":
            g = 0
        else:
            s = 0
    return ["%03d" % a, "%02d" % g, "%04d" % s]


def mod97(s):
    return int("".join(str(int(c, 36)) for c in s)) % 97


def iban_from_bban(cc, bban):
    chk = 98 - mod97(bban + cc + "00")
    return cc + "%02d" % chk + bban


def es_dc(digits):
    w = [1, 2, 4, 8, 5, 10, 9, 7, 3, 6]
    d = 11 - sum(int(c) * w[i] for i, c in enumerate(digits)) % 11
    return {11: 0, 10: 1}.get(d, d)


def iban(rng, cc=None):
    cc = cc or rng.choice(["IT", "IT", "IT", "DE", "FR", "ES", "NL", "GB", "BE", "AT"])
    if cc == "IT":
        abi = rng.choice(["03069", "02008", "05034", "03062", "01030", "05428", "03111", "08327"])
        cab = rs(rng, DIGITS, 5)
        conto = "0000" + rs(rng, DIGITS, 8) if rng.random() < 0.6 else rs(rng, DIGITS, 12)
        bban = cin_letter(abi + cab + conto) + abi + cab + conto
    elif cc == "DE":
        bban = rs(rng, "123456789", 1) + rs(rng, DIGITS, 7) + rs(rng, DIGITS, 10)
    elif cc == "FR":
        bank, branch, acct = rs(rng, "123", 1) + rs(rng, DIGITS, 4), rs(rng, DIGITS, 5), rs(rng, DIGITS, 11)
        key = 97 - (89 * int(bank) + 15 * int(branch) + 3 * int(acct)) % 97
        bban = bank + branch + acct + "%02d" % key
    elif cc == "ES":
        bank, branch, acct = rs(rng, DIGITS, 4), rs(rng, DIGITS, 4), rs(rng, DIGITS, 10)
        bban = bank + branch + str(es_dc("00" + bank + branch)) + str(es_dc(acct)) + acct
    elif cc == "NL":
        while True:
            acct = rs(rng, DIGITS, 10)
            if acct[0] != "0" and sum(int(c) * (10 - i) for i, c in enumerate(acct)) % 11 == 0:
                break
        bban = rng.choice(["ABNA", "INGB", "RABO", "TRIO", "SNSB"]) + acct
    elif cc == "GB":
        bban = rng.choice(["NWBK", "BARC", "LOYD", "HBUK", "MIDL"]) + rs(rng, DIGITS, 14)
    elif cc == "BE":
        first = rs(rng, DIGITS, 10)
        c = int(first) % 97 or 97
        bban = first + "%02d" % c
    else:  # AT
        bban = rs(rng, "123456789", 1) + rs(rng, DIGITS, 15)
    v = iban_from_bban(cc, bban)
    assert mod97(v[4:] + v[:4]) == 1
    return v


def iban_bad(rng):
    v = iban(rng)
    c = "%02d" % ((int(v[2:4]) + rng.randint(1, 40)) % 97 + 2)
    if c == v[2:4]:
        c = "%02d" % ((int(c) + 1) % 97 + 2)
    w = v[:2] + c + v[4:]
    assert mod97(w[4:] + w[:4]) != 1
    return w


def group4(v):
    return [v[i:i + 4] for i in range(0, len(v), 4)]


US_AREAS = ["212", "312", "415", "617", "646", "713", "202", "305", "206", "512", "720", "404"]


def phone(rng, plan=None):
    """Returns the groups of a phone number as usually written (first group may be +CC)."""
    plan = plan or rng.choice(["it_mob", "it_mob", "it_fix", "us", "uk", "de"])
    if plan == "it_mob":
        g = ["3" + rng.choice(["20", "28", "33", "35", "38", "39", "40", "45", "47", "48", "49", "66", "88", "93"]),
             rs(rng, DIGITS, 3), rs(rng, DIGITS, 4)]
        return (["+39"] if rng.random() < 0.6 else []) + g
    if plan == "it_fix":
        pre = rng.choice(["02", "06", "011", "051", "055", "081", "041", "010"])
        rest = rs(rng, "23456789", 1) + rs(rng, DIGITS, 9 - len(pre) - 1 + 1)
        g = [pre, rest[:4], rest[4:]]
        return (["+39"] if rng.random() < 0.4 else []) + g
    if plan == "us":
        ex = rs(rng, "23456789", 1) + rs(rng, DIGITS, 2)
        if ex == "555":
            ex = "556"
        return ["+1", rng.choice(US_AREAS), ex, rs(rng, DIGITS, 4)]
    if plan == "uk":
        return ["+44", "20", "7" + rs(rng, "12345689", 1) + rs(rng, DIGITS, 2), rs(rng, DIGITS, 4)]
    return ["+49", rng.choice(["30", "89", "40", "69"]), rs(rng, "23456789", 1) + rs(rng, DIGITS, 3),
            rs(rng, DIGITS, 4)]


def aws_access(rng):
    return rng.choice(["AKIA", "AKIA", "ASIA"]) + rs(rng, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16)


def aws_secret(rng, need_slash=False):
    while True:
        v = rs(rng, B64CH, 40)
        if (not need_slash or "/" in v) and any(c.isdigit() for c in v) and any(c.islower() for c in v):
            return v


def b62(n, width):
    s = ""
    while n:
        n, r = divmod(n, 62)
        s = B62[r] + s
    return s.rjust(width, "0")


def github(rng, kind=None):
    kind = kind or rng.choice(["ghp", "ghp", "ghp", "gho", "ghs", "ghu", "pat"])
    if kind == "pat":
        return "github_pat_11" + rs(rng, UPPER + DIGITS, 20) + "_" + rs(rng, ALNUM, 59)
    body = rs(rng, ALNUM, 30)
    return kind + "_" + body + b62(binascii.crc32(body.encode()) & 0xFFFFFFFF, 6)


def github_bad(rng):
    t = github(rng, "ghp")
    last = t[-1]
    return t[:-1] + B62[(B62.index(last) + rng.randint(1, 61)) % 62]


def gitlab(rng):
    return "glpat-" + rs(rng, URLSAFE, 20)


def slack_token(rng):
    if rng.random() < 0.6:
        return "xoxb-%s-%s-%s" % (rs(rng, DIGITS, 12), rs(rng, DIGITS, 13), rs(rng, ALNUM, 24))
    return "xoxp-%s-%s-%s-%s" % (rs(rng, DIGITS, 12), rs(rng, DIGITS, 12), rs(rng, DIGITS, 13),
                                  rs(rng, "0123456789abcdef", 32))


def slack_webhook(rng):
    return "https://hooks.slack.com/services/T%s/B%s/%s" % (rs(rng, UPPER + DIGITS, 8),
                                                           rs(rng, UPPER + DIGITS, 10), rs(rng, ALNUM, 24))


def stripe(rng):
    pre = rng.choice(["sk_live_", "sk_live_", "rk_live_"])
    if rng.random() < 0.7:
        return pre + "51" + rs(rng, ALNUM, 97)
    return pre + rs(rng, ALNUM, 24)


def openai_key(rng):
    r = rng.random()
    if r < 0.6:
        return "sk-proj-" + rs(rng, URLSAFE, 74) + "T3BlbkFJ" + rs(rng, URLSAFE, 74)
    if r < 0.8:
        return "sk-svcacct-" + rs(rng, URLSAFE, 74) + "T3BlbkFJ" + rs(rng, URLSAFE, 74)
    return "sk-" + rs(rng, ALNUM, 20) + "T3BlbkFJ" + rs(rng, ALNUM, 20)


def anthropic_key(rng):
    return "sk-ant-api03-" + rs(rng, URLSAFE, 93) + "AA"


def google_key(rng):
    return "AIza" + rs(rng, URLSAFE, 35)


def b64u(b):
    return base64.urlsafe_b64encode(b).rstrip(b"=").decode()


def jwt(rng):
    alg = rng.choice(["HS256", "HS256", "RS256", "ES256", "HS512"])
    hdr = {"alg": alg, "typ": "JWT"}
    if rng.random() < 0.4:
        hdr["kid"] = rs(rng, "0123456789abcdef", 8)
    t = rng.randint(1700000000, 1760000000)
    pl = {"sub": str(rng.randint(100000, 99999999)), "name": rng.choice(IT_FIRST_M + IT_FIRST_F + EN_FIRST),
          "role": rng.choice(["admin", "operator", "viewer", "billing"]), "iat": t, "exp": t + 3600}
    seps = (",", ":") if rng.random() < 0.6 else (", ", ": ")
    siglen = {"HS256": 32, "HS512": 64, "RS256": 256, "ES256": 64}[alg]
    sig = bytes(rng.randrange(256) for _ in range(siglen))
    return ".".join([b64u(json.dumps(hdr, separators=seps).encode()), b64u(json.dumps(pl, separators=seps).encode()),
                     b64u(sig)])


PEM_PREFIX = {
    "RSA PRIVATE KEY": bytes.fromhex("308204a40201000282010100"),
    "PRIVATE KEY": bytes.fromhex("308204be020100300d06092a864886f70d0101010500048204a8"),
    "EC PRIVATE KEY": bytes.fromhex("307702010104"),
    "OPENSSH PRIVATE KEY": b"openssh-key-v1\x00\x00\x00\x00\x04none\x00\x00\x00\x04none\x00\x00\x00\x00",
}


def pem(rng, kind=None):
    kind = kind or rng.choice(list(PEM_PREFIX))
    width = 70 if kind == "OPENSSH PRIVATE KEY" else 64
    nlines = rng.randint(5, 9)
    raw = PEM_PREFIX[kind] + bytes(rng.randrange(256) for _ in range(nlines * width * 3 // 4))
    body = base64.b64encode(raw).decode()
    body = body[:len(body) - rng.randint(0, 30)]
    body = body[:len(body) - len(body) % 4]
    if rng.random() < 0.5:
        body = body[:-2] + "=="
    lines = [body[i:i + width] for i in range(0, len(body), width)]
    return "-----BEGIN %s-----\n%s\n-----END %s-----" % (kind, "\n".join(lines), kind)


HOSTS = ["db01.acme-logistica.internal", "pg-prod.bluepeak.local", "mysql-02.corvallis.lan",
         "rabbit.harborline.internal", "cache-01.gruppo-moretti.eu", "cluster0.x7k2p.mongodb.net",
         "erp-db.tecnoedile.lan", "pgbouncer.medicalpoint.internal"]
SCHEMES = [("postgres", 5432), ("postgresql", 5432), ("mysql", 3306), ("mongodb+srv", None), ("mongodb", 27017),
           ("redis", 6379), ("amqp", 5672), ("mssql", 1433)]


def cred_url(rng):
    scheme, port = rng.choice(SCHEMES)
    user = rng.choice(["app", "svc_report", "admin", "etl_user", "backend", "gestionale", "billing_rw"])
    pw = rs(rng, ALNUM, rng.randint(10, 18))
    if rng.random() < 0.4:
        i = rng.randint(1, len(pw) - 1)
        pw = pw[:i] + rng.choice("!~*") + pw[i:]
    host = rng.choice(HOSTS)
    db = rng.choice(["crm", "billing", "erp", "orders", "0", "app"])
    hp = host if port is None or rng.random() < 0.3 else "%s:%d" % (host, port)
    return "%s://%s:%s@%s/%s" % (scheme, user, pw, hp, db)


PW_WORDS = ["Girasole", "Tramonto", "Vento", "Azzurro", "Falco", "Marea", "Quercia", "Harbor", "Maple",
            "Falcon", "Cobalt", "Orbit", "Lantern", "Pioggia", "Granito"]


def password(rng):
    r = rng.random()
    if r < 0.45:
        return rng.choice(PW_WORDS) + rng.choice("!$%&*.-_") + str(rng.randint(1000, 9999)) + rs(rng, ALNUM, 2)
    if r < 0.8:
        while True:
            v = rs(rng, ALNUM + "!$%&*+-=?^_~", rng.randint(12, 18))
            if any(c.isdigit() for c in v) and any(c.isupper() for c in v) and any(not c.isalnum() for c in v):
                return v
    return rng.choice(PW_WORDS) + str(rng.randint(10, 99)) + rng.choice(PW_WORDS).lower() + rng.choice("!?#")


def passphrase(rng):
    words = ["correct", "cavallo", "batteria", "graffetta", "montagna", "lampione", "orbit", "copper",
             "pioggia", "giallo", "harbor", "violino", "tramonto", "seven", "ventuno"]
    return " ".join(rng.sample(words, 4)) + str(rng.randint(1, 99))


MARKERS_EN = ["CONFIDENTIAL", "STRICTLY CONFIDENTIAL", "INTERNAL USE ONLY", "TLP:RED", "TLP:AMBER"]
MARKERS_IT = ["RISERVATO", "STRETTAMENTE RISERVATO", "USO INTERNO", "RISERVATO E CONFIDENZIALE"]


def marker(rng, lang):
    if rng.random() < 0.2:
        return rng.choice(["TLP:RED", "TLP:AMBER"])
    return rng.choice(MARKERS_IT if lang == "it" else MARKERS_EN)


def ip_addr(rng, v6=None):
    if v6 is None:
        v6 = rng.random() < 0.25
    if v6:
        h = lambda: "%x" % rng.randint(0x10, 0xffff)
        r = rng.random()
        if r < 0.4:
            return "2a01:4f8:%s:%s::%s" % (h(), h(), h())
        if r < 0.7:
            return "2001:%s:%s:%s:%s:%s:%s:%s" % tuple(h() for _ in range(7))
        return "fd%02x:%s:%s::%s" % (rng.randint(0, 255), h(), h(), h())
    r = rng.random()
    if r < 0.55:
        a = rng.choice([2, 5, 31, 37, 46, 62, 79, 80, 82, 87, 93, 95, 109, 151, 176, 185, 188, 193, 195, 212, 213, 217])
        return "%d.%d.%d.%d" % (a, rng.randint(0, 255), rng.randint(0, 255), rng.randint(1, 254))
    if r < 0.8:
        return "10.%d.%d.%d" % (rng.randint(0, 255), rng.randint(0, 255), rng.randint(1, 254))
    if r < 0.9:
        return "172.%d.%d.%d" % (rng.randint(16, 31), rng.randint(0, 255), rng.randint(1, 254))
    return "192.168.%d.%d" % (rng.randint(0, 255), rng.randint(1, 254))


class Val:
    """A fabricated value: its usual written form, and its groups when it has any."""

    def __init__(self, typ, v, groups=None, sep=" "):
        self.typ, self.v, self.groups, self.sep = typ, v, groups, sep


def make(typ, rng, lang="en", **kw):
    if typ == "EMAIL":
        return Val(typ, kw.get("v") or email(rng))
    if typ == "PHONE":
        g = phone(rng, kw.get("plan"))
        return Val(typ, " ".join(g), g)
    if typ == "CREDIT_CARD":
        g = card(rng)
        sep = rng.choice([" ", " ", "-"])
        return Val(typ, sep.join(g), g, sep)
    if typ == "IBAN":
        v = iban(rng, kw.get("cc"))
        g = group4(v)
        if kw.get("grouped", rng.random() < 0.6):
            return Val(typ, " ".join(g), g)
        return Val(typ, v, g)
    if typ == "IT_FISCAL_CODE":
        return Val(typ, fiscal_code(rng))
    if typ == "IT_VAT":
        return Val(typ, piva(rng))
    if typ == "US_SSN":
        g = ssn(rng)
        return Val(typ, "-".join(g), g, "-")
    if typ == "IP_ADDRESS":
        return Val(typ, ip_addr(rng, kw.get("v6")))
    if typ == "AWS_ACCESS_KEY":
        return Val(typ, aws_access(rng))
    if typ == "AWS_SECRET_KEY":
        return Val(typ, aws_secret(rng, kw.get("need_slash", False)))
    if typ == "GITHUB_TOKEN":
        return Val(typ, github(rng, kw.get("kind")))
    if typ == "GITLAB_TOKEN":
        return Val(typ, gitlab(rng))
    if typ == "SLACK_TOKEN":
        return Val(typ, slack_token(rng))
    if typ == "SLACK_WEBHOOK":
        return Val(typ, slack_webhook(rng))
    if typ == "STRIPE_KEY":
        return Val(typ, stripe(rng))
    if typ == "OPENAI_KEY":
        return Val(typ, openai_key(rng))
    if typ == "ANTHROPIC_KEY":
        return Val(typ, anthropic_key(rng))
    if typ == "GOOGLE_API_KEY":
        return Val(typ, google_key(rng))
    if typ == "PRIVATE_KEY":
        return Val(typ, pem(rng))
    if typ == "JWT":
        return Val(typ, jwt(rng))
    if typ == "CREDENTIAL_URL":
        return Val(typ, cred_url(rng))
    if typ == "PASSWORD":
        return Val(typ, kw.get("v") or password(rng))
    if typ == "CONFIDENTIAL_MARKER":
        return Val(typ, marker(rng, lang))
    raise ValueError(typ)


ALL_TYPES = ["EMAIL", "PHONE", "CREDIT_CARD", "IBAN", "IT_FISCAL_CODE", "IT_VAT", "US_SSN", "IP_ADDRESS",
             "AWS_ACCESS_KEY", "AWS_SECRET_KEY", "GITHUB_TOKEN", "GITLAB_TOKEN", "SLACK_TOKEN", "SLACK_WEBHOOK",
             "STRIPE_KEY", "OPENAI_KEY", "ANTHROPIC_KEY", "GOOGLE_API_KEY", "PRIVATE_KEY", "JWT", "CREDENTIAL_URL",
             "PASSWORD", "CONFIDENTIAL_MARKER"]


# --------------------------------------------------------------------------- contexts

# Prose around a value: (lang, prefix, suffix). Every phrasing names what the value is, as a
# person pasting it would.
PROSE = {
    "EMAIL": {
        "en": [("Draft a short reply to ", " confirming the new delivery date."),
               ("Please add ", " to the supplier mailing list and write the welcome note."),
               ("The customer's e-mail is ", "; write a polite reminder about the unpaid invoice.")],
        "it": [("Scrivi una mail a ", " per confermare la nuova data di consegna."),
               ("L'indirizzo del cliente è ", ", prepara un sollecito cortese per la fattura scaduta."),
               ("Aggiungi ", " alla lista fornitori e scrivi il messaggio di benvenuto.")]},
    "PHONE": {
        "en": [("The supplier's phone number is ", "; write a short script for tomorrow's call."),
               ("Customer called from ", " about a damaged parcel. Draft the follow-up."),
               ("Please call me back on my mobile: ", ". Summarise this for the ticket.")],
        "it": [("Il numero di telefono del fornitore è ", ": preparami una traccia per la chiamata."),
               ("Il cliente ha chiamato dal numero ", " per un pacco danneggiato, scrivi la risposta."),
               ("Richiamami sul cellulare ", ". Riassumi la richiesta per il ticket.")]},
    "CREDIT_CARD": {
        "en": [("The customer paid with card number ", " and wants a refund; draft the reply."),
               ("Charge the deposit to my card ", ", expiry 11/28. Write the booking confirmation.")],
        "it": [("Il cliente ha pagato con la carta ", " e chiede il rimborso, scrivi la risposta."),
               ("Addebita la caparra sulla mia carta di credito ", ", scadenza 11/28. Prepara la conferma.")]},
    "IBAN": {
        "en": [("Please wire the deposit to IBAN ", " and draft the payment confirmation."),
               ("Our new bank details: IBAN ", ". Write the notice to customers.")],
        "it": [("Fai il bonifico sull'IBAN ", " e prepara la conferma di pagamento."),
               ("Le nuove coordinate bancarie sono IBAN ", ", scrivi la comunicazione ai clienti.")]},
    "IT_FISCAL_CODE": {
        "en": [("Fill in the onboarding form for the employee with codice fiscale ", "."),
               ("The tenant's fiscal code is ", "; draft the lease registration e-mail.")],
        "it": [("Compila il modulo di assunzione per il dipendente con codice fiscale ", "."),
               ("Il codice fiscale dell'inquilino è ", ", prepara la mail per la registrazione del contratto.")]},
    "IT_VAT": {
        "en": [("Invoice the client Rossi Srl, VAT number (P.IVA) ", ", for the March consultancy."),
               ("Supplier onboarding: partita IVA ", ". Write the checklist e-mail.")],
        "it": [("Intesta la fattura a Rossi Srl, partita IVA ", ", per la consulenza di marzo."),
               ("Nuovo fornitore con P.IVA ", ": scrivi la mail con la checklist di accreditamento.")]},
    "US_SSN": {
        "en": [("Add the new hire to payroll, SSN ", ", start date Monday."),
               ("The applicant's Social Security number is ", "; draft the background-check request.")],
        "it": [("Inserisci il nuovo assunto americano nel payroll, SSN ", ", inizio lunedì."),
               ("Il Social Security Number del candidato è ", ": prepara la richiesta di verifica.")]},
    "IP_ADDRESS": {
        "en": [("We keep getting brute-force attempts from ", "; write a fail2ban rule for it."),
               ("The VPN gateway at ", " drops connections after 60 seconds. How do I debug it?")],
        "it": [("Continuiamo a ricevere tentativi di accesso da ", ", scrivi una regola fail2ban."),
               ("Il server ", " non risponde sulla porta 443, come faccio il debug?")]},
    "AWS_ACCESS_KEY": {
        "en": [("Is this AWS access key still active? aws_access_key_id = ", ""),
               ("CloudTrail shows calls signed with access key ", ". Who should rotate it?")],
        "it": [("La chiave di accesso AWS ", " risulta ancora attiva? Come la disattivo?"),
               ("CloudTrail mostra chiamate firmate con aws_access_key_id ", ", chi deve ruotarla?")]},
    "AWS_SECRET_KEY": {
        "en": [("boto3 says SignatureDoesNotMatch with aws_secret_access_key = ", ". What's wrong?")],
        "it": [("boto3 restituisce SignatureDoesNotMatch con aws_secret_access_key = ", ", perché?")]},
    "GITHUB_TOKEN": {
        "en": [("git push fails with 403 although I exported GH_TOKEN=", ". Which scope is missing?")],
        "it": [("Il token GitHub ", " non ha i permessi sul repo, quale scope manca?")]},
    "GITLAB_TOKEN": {
        "en": [("GitLab CI rejects my personal access token ", " with 401. Why?")],
        "it": [("GitLab rifiuta il mio personal access token ", " con errore 401, perché?")]},
    "SLACK_TOKEN": {
        "en": [("My bot token ", " returns not_authed from chat.postMessage.")],
        "it": [("Il token del bot Slack ", " restituisce not_authed, come lo sistemo?")]},
    "SLACK_WEBHOOK": {
        "en": [("Our Slack webhook ", " returns 404 since yesterday, any idea?")],
        "it": [("Il webhook Slack ", " risponde 404 da ieri, che cosa è cambiato?")]},
    "STRIPE_KEY": {
        "en": [("Stripe says 'Invalid API Key provided' for ", ". Is it the wrong mode?")],
        "it": [("Stripe risponde 'Invalid API Key provided' con la chiave ", ", è la modalità sbagliata?")]},
    "OPENAI_KEY": {
        "en": [("Requests with OPENAI_API_KEY=", " get 429 even on the first call.")],
        "it": [("Con OPENAI_API_KEY=", " ricevo 429 già alla prima chiamata, perché?")]},
    "ANTHROPIC_KEY": {
        "en": [("curl with x-api-key: ", " gives 401 invalid x-api-key.")],
        "it": [("curl con x-api-key: ", " restituisce 401, la chiave è sbagliata?")]},
    "GOOGLE_API_KEY": {
        "en": [("The Maps key ", " is restricted to our domain but the widget still fails.")],
        "it": [("La chiave Google Maps ", " è limitata al nostro dominio ma la mappa non carica.")]},
    "PRIVATE_KEY": {
        "en": [("Why does ssh reject this key?\n", "\n")],
        "it": [("Perché ssh rifiuta questa chiave?\n", "\n")]},
    "JWT": {
        "en": [("Decode this token and tell me when it expires: Authorization: Bearer ", "")],
        "it": [("Decodifica questo token e dimmi quando scade: Authorization: Bearer ", "")]},
    "CREDENTIAL_URL": {
        "en": [("The app can't connect with DATABASE_URL=", ". Is the format right?")],
        "it": [("L'applicazione non si connette con DATABASE_URL=", ", il formato è giusto?")]},
    "PASSWORD": {
        "en": [("Set up the SMTP relay: user alerts, password: ", ". Write the config file."),
               ("The new Wi-Fi password is ", " — write the notice for the office.")],
        "it": [("Configura il relay SMTP: utente alerts, password: ", ". Scrivi il file di configurazione."),
               ("La nuova password del Wi-Fi è ", ", scrivi l'avviso per l'ufficio.")]},
    "CONFIDENTIAL_MARKER": {
        "en": [("The header of the memo says ", ". Summarise the following points for the board.")],
        "it": [("L'intestazione del documento riporta ", ". Riassumi i punti seguenti per il consiglio.")]},
}

KEYS = {
    "EMAIL": ["email", "contact_email", "billing_email"],
    "PHONE": ["phone", "telefono", "mobile_phone"],
    "CREDIT_CARD": ["card_number", "numero_carta", "pan"],
    "IBAN": ["iban", "beneficiary_iban", "iban_fornitore"],
    "IT_FISCAL_CODE": ["codice_fiscale", "fiscal_code"],
    "IT_VAT": ["partita_iva", "vat_number", "piva"],
    "US_SSN": ["ssn", "social_security_number"],
    "IP_ADDRESS": ["client_ip", "server_ip", "remote_addr"],
    "AWS_ACCESS_KEY": ["aws_access_key_id"],
    "AWS_SECRET_KEY": ["aws_secret_access_key"],
    "GITHUB_TOKEN": ["github_token", "gh_token"],
    "GITLAB_TOKEN": ["gitlab_token", "gitlab_private_token"],
    "SLACK_TOKEN": ["slack_bot_token", "slack_token"],
    "SLACK_WEBHOOK": ["slack_webhook_url", "slack_webhook"],
    "STRIPE_KEY": ["stripe_secret_key", "stripe_api_key"],
    "OPENAI_KEY": ["openai_api_key"],
    "ANTHROPIC_KEY": ["anthropic_api_key"],
    "GOOGLE_API_KEY": ["google_maps_api_key", "google_api_key"],
    "PRIVATE_KEY": ["private_key", "ssh_private_key"],
    "JWT": ["access_token", "id_token"],
    "CREDENTIAL_URL": ["database_url", "dsn", "broker_url"],
    "PASSWORD": ["password", "db_password", "smtp_password"],
    "CONFIDENTIAL_MARKER": ["classification", "classificazione"],
}


def key_for(typ, rng):
    return rng.choice(KEYS[typ])


def prose(typ, lang, rng):
    return rng.choice(PROSE[typ][lang])


QUESTIONS = {
    "en": ["Why does this fail?", "Can you check this config?", "What is wrong here?",
           "Please review this snippet.", "Clean this up and explain it."],
    "it": ["Perché non funziona?", "Puoi controllare questa configurazione?", "Cosa c'è che non va?",
           "Rivedi questo frammento, per favore.", "Sistemalo e spiegamelo."],
}


def question(lang, rng):
    return rng.choice(QUESTIONS[lang])


# --------------------------------------------------------------------------- transforms

def pivots(typ, v):
    """Indices an evader would pick to break a pattern: the characters a regex anchors on."""
    if typ == "EMAIL":
        i = v.index("@")
        return [i] + [j for j, c in enumerate(v) if c == "."]
    if typ in ("CREDENTIAL_URL", "SLACK_WEBHOOK"):
        return [j for j, c in enumerate(v) if c in ":/@."]
    if typ in ("PHONE", "CREDIT_CARD", "US_SSN", "IT_VAT"):
        return [j for j, c in enumerate(v) if c.isdigit() or c == "+"]
    if typ in ("IBAN", "IT_FISCAL_CODE"):
        return [j for j, c in enumerate(v) if c.isalnum()]
    if typ == "IP_ADDRESS":
        return [j for j, c in enumerate(v) if c in ".:"]
    if typ == "PRIVATE_KEY":
        head = v.index("\n")
        return [j for j in range(head) if v[j] in "-"] + [j for j in range(head) if v[j] == " "]
    if typ == "CONFIDENTIAL_MARKER":
        return [j for j, c in enumerate(v) if c.isalpha()]
    if typ == "PASSWORD":
        return list(range(len(v)))
    # tokens: the prefix the pattern keys on
    for pre in ("github_pat_", "sk-ant-api03-", "sk-proj-", "sk-svcacct-", "sk_live_", "rk_live_", "glpat-",
                "xoxb-", "xoxp-", "AKIA", "ASIA", "AIza", "ghp_", "gho_", "ghs_", "ghu_", "sk-", "eyJ"):
        if v.startswith(pre):
            return list(range(len(pre)))
    return list(range(min(4, len(v))))


def choose_idx(typ, v, rng, mode):
    if mode == "all":
        return set(range(len(v)))
    if mode == "some":
        idx = {j for j in range(len(v)) if rng.random() < 0.35 and v[j] != "\n"}
        if not idx:
            idx = {rng.randrange(len(v))}
        return idx
    pv = pivots(typ, v)
    k = max(1, min(len(pv), rng.choice([1, 2, 3, len(pv)])))
    if typ == "EMAIL":
        return set([pv[0]] + rng.sample(pv[1:], min(len(pv) - 1, rng.randint(0, 2))))
    return set(rng.sample(pv, k))


def escape_with(v, idx, fmt, lit=lambda c: c):
    return "".join(fmt(c) if i in idx else lit(c) for i, c in enumerate(v))


def json_lit(c):
    if c == '"':
        return '\\"'
    if c == "\\":
        return "\\\\"
    if c == "\n":
        return "\\n"
    return c


def json_str(s):
    """A JSON string body (no quotes) as a serializer writes it, non-ASCII kept."""
    return json.dumps(s, ensure_ascii=False)[1:-1]


def fmt_json_u(rng):
    upper = rng.random() < 0.4
    return lambda c: ("\\u%04X" if upper else "\\u%04x") % ord(c)


def fmt_hex(c):
    return "\\x%02x" % ord(c)


def fmt_hex_up(c):
    return "\\x%02X" % ord(c)


def fmt_oct(c):
    return "\\%03o" % ord(c)


def fmt_js_brace(c):
    return "\\u{%x}" % ord(c)


def fmt_java(c):
    return "\\u%04x" % ord(c)


NAMED_ENT = {"@": "&commat;", ".": "&period;", ":": "&colon;", "/": "&sol;", "_": "&lowbar;",
             "+": "&plus;", "!": "&excl;", "$": "&dollar;", "%": "&percnt;", "&": "&amp;", "=": "&equals;",
             "?": "&quest;", "*": "&ast;", "-": "&#45;", "~": "&tilde;", "^": "&Hat;", "#": "&num;"}


def fmt_html(rng):
    style = rng.choice(["dec", "hex", "named", "mix"])

    def f(c):
        s = style if style != "mix" else rng.choice(["dec", "hex", "named"])
        if s == "named" and c in NAMED_ENT:
            return NAMED_ENT[c]
        if s == "hex":
            return rng.choice(["&#x%X;", "&#x%x;", "&#X%X;"]) % ord(c)
        return rng.choice(["&#%d;", "&#%d;", "&#0%d;"]) % ord(c)
    return f


def html_lit(c):
    return {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"}.get(c, c)


def pct(c):
    return "".join("%%%02X" % b for b in c.encode("utf-8"))


def pct_natural(s, safe=""):
    """Percent-encoding as urllib.parse.quote does it (space as %20)."""
    out = []
    for c in s:
        if c in ALNUM or c in "-._~" or c in safe:
            out.append(c)
        else:
            out.append(pct(c))
    return "".join(out)


def lower_pct(s):
    return re.sub(r"%[0-9A-F]{2}", lambda m: m.group(0).lower(), s)


def tags_encode(v):
    """Unicode tag characters (U+E0020..U+E007E mirror ASCII): invisible, read by LLM tokenisers."""
    return "".join(chr(0xE0000 + ord(c)) for c in v)


def fullwidth(v, rng, mode):
    def fw(c):
        o = ord(c)
        if 0x21 <= o <= 0x7E:
            return chr(o + 0xFEE0)
        if c == " ":
            return "\u3000"
        return c
    if mode == "all":
        return "".join(fw(c) for c in v)
    if mode == "digits":
        return "".join(fw(c) if c.isdigit() else c for c in v)
    out = "".join(fw(c) if rng.random() < 0.5 else c for c in v)
    return out if out != v else "".join(fw(c) for c in v)


def insert_invisible(v, rng, chars, n=None):
    """Inserts invisible characters strictly inside the value (never at its ends)."""
    inner = [i for i in range(1, len(v)) if v[i - 1] != "\n" and v[i] != "\n"]
    n = n or rng.choice([1, 1, 2, 3])
    pos = sorted(rng.sample(inner, min(n, len(inner))), reverse=True)
    for p in pos:
        v = v[:p] + rng.choice(chars) + v[p:]
    return v


MATH_DIGIT0 = {"bold": 0x1D7CE, "double": 0x1D7D8, "sans": 0x1D7E2, "sansbold": 0x1D7EC, "mono": 0x1D7F6}
MATH_UPPER = {"bold": 0x1D400, "sansbold": 0x1D5D4, "mono": 0x1D670}
MATH_LOWER = {"bold": 0x1D41A, "sansbold": 0x1D5EE, "mono": 0x1D68A}


def math_alnum(v, rng, letters=True):
    style = rng.choice(["bold", "sansbold", "mono"] if letters else list(MATH_DIGIT0))
    out = []
    for c in v:
        if c.isdigit() and c.isascii():
            out.append(chr(MATH_DIGIT0[style] + int(c)))
        elif letters and c in UPPER:
            out.append(chr(MATH_UPPER[style] + ord(c) - 65))
        elif letters and c in LOWER:
            out.append(chr(MATH_LOWER[style] + ord(c) - 97))
        else:
            out.append(c)
    s = "".join(out)
    assert unicodedata.normalize("NFKC", s) == v
    return s


def circled(v):
    return "".join(("\u24EA" if c == "0" else chr(0x2460 + int(c) - 1)) if c.isdigit() else c for c in v)


def native_digits(v, rng):
    base = rng.choice([0x0660, 0x06F0, 0x0966])
    return "".join(chr(base + int(c)) if c.isdigit() else c for c in v)


def mixed_case(v, rng):
    while True:
        out = "".join((c.upper() if rng.random() < 0.5 else c.lower()) if c.isalpha() else c for c in v)
        if out != v and out != v.lower() and out != v.upper():
            return out
        if not any(c.isalpha() for c in v):
            return v


HOMO = {"A": "\u0410", "B": "\u0412", "C": "\u0421", "E": "\u0415", "H": "\u041D", "K": "\u041A", "M": "\u041C",
        "O": "\u041E", "P": "\u0420", "T": "\u0422", "X": "\u0425", "a": "\u0430", "c": "\u0441", "e": "\u0435",
        "o": "\u043E", "p": "\u0440", "x": "\u0445", "y": "\u0443", "I": "\u0406", "i": "\u0456", "S": "\u0405",
        "s": "\u0455", "j": "\u0458"}


def homoglyph(v, rng, prefer=None):
    cand = [i for i, c in enumerate(v) if c in HOMO]
    if prefer:
        pc = [i for i in cand if i < prefer]
        cand = pc or cand
    k = min(len(cand), rng.choice([1, 2, 3]))
    idx = set(rng.sample(cand, k))
    return "".join(HOMO[c] if i in idx else c for i, c in enumerate(v))


SPELL = {"en": "zero one two three four five six seven eight nine".split(),
         "it": "zero uno due tre quattro cinque sei sette otto nove".split()}


def spelled(groups, lang, rng):
    words = SPELL[lang]
    parts = []
    for g in groups:
        s = " ".join(("plus" if lang == "en" else "più") if c == "+" else words[int(c)] for c in g)
        parts.append(s)
    return rng.choice([", ", " - ", " "]).join(parts)


# --------------------------------------------------------------------------- positive builders
# Each builder returns (lang, Doc, extra_tags). The evaded value's span covers its original
# bytes as they appear in the text (escapes, entities, invisible characters included); inside
# base64 it covers the base64 characters that encode the value (whole 4-character groups).

LEADS = {
    "json": {"en": ["Validate this JSON record before I import it:", "The API returned this, what does it mean?",
                    "Reformat this payload for the ticket:"],
             "it": ["Valida questo record JSON prima dell'import:", "L'API ha risposto così, cosa significa?",
                    "Riformatta questo payload per il ticket:"]},
    "code": {"en": ["Why does this fail at start-up?", "Refactor this into a config class:", "Port this to Go:"],
             "it": ["Perché fallisce all'avvio?", "Trasforma questo in una classe di configurazione:",
                    "Riscrivi questo in Go:"]},
    "html": {"en": ["Turn this HTML into plain text:", "Fix the layout of this table:", "Why doesn't this page render?"],
             "it": ["Converti questo HTML in testo semplice:", "Sistema l'impaginazione di questa tabella:",
                    "Perché questa pagina non si vede bene?"]},
    "url": {"en": ["This link from the CRM logs 500, can you tell why?", "Explain the parameters of this request:",
                   "Shorten this URL for the newsletter:"],
            "it": ["Questo link del CRM dà errore 500, perché?", "Spiegami i parametri di questa richiesta:",
                   "Accorcia questo URL per la newsletter:"]},
}


def lead(kind, lang, rng):
    return rng.choice(LEADS[kind][lang])


def lang_of(rng):
    return "it" if rng.random() < 0.5 else "en"


CODE_VAR = {
    "EMAIL": "SUPPORT_EMAIL", "PHONE": "HELPDESK_PHONE", "CREDIT_CARD": "TEST_CARD_NUMBER", "IBAN": "PAYOUT_IBAN",
    "IT_FISCAL_CODE": "CODICE_FISCALE", "IT_VAT": "PARTITA_IVA", "US_SSN": "EMPLOYEE_SSN", "IP_ADDRESS": "DB_HOST",
    "AWS_ACCESS_KEY": "AWS_ACCESS_KEY_ID", "AWS_SECRET_KEY": "AWS_SECRET_ACCESS_KEY", "GITHUB_TOKEN": "GITHUB_TOKEN",
    "GITLAB_TOKEN": "GITLAB_TOKEN", "SLACK_TOKEN": "SLACK_BOT_TOKEN", "SLACK_WEBHOOK": "SLACK_WEBHOOK_URL",
    "STRIPE_KEY": "STRIPE_SECRET_KEY", "OPENAI_KEY": "OPENAI_API_KEY", "ANTHROPIC_KEY": "ANTHROPIC_API_KEY",
    "GOOGLE_API_KEY": "GOOGLE_MAPS_API_KEY", "JWT": "SERVICE_TOKEN", "CREDENTIAL_URL": "DATABASE_URL",
    "PASSWORD": "DB_PASSWORD", "CONFIDENTIAL_MARKER": "DOC_CLASSIFICATION", "PRIVATE_KEY": "SSH_PRIVATE_KEY",
}


def camel(name):
    p = name.lower().split("_")
    return p[0] + "".join(x.capitalize() for x in p[1:])


def pascal(name):
    return "".join(x.capitalize() for x in name.lower().split("_"))


def prose_doc(d, typ, shown, lang, rng):
    pre, suf = prose(typ, lang, rng)
    d.t(pre).f(typ, shown).t(suf)
    return d


# ---- JSON escapes

def json_record(d, typ, esc, lang, rng, others=()):
    """A pretty-printed record whose field `typ` holds the already-escaped `esc`."""
    ind = "  " if rng.random() < 0.7 else "    "
    if typ == "PRIVATE_KEY":
        d.t('{\n%s"type": "service_account",\n%s"project_id": "logistica-prod-%d",\n%s"private_key_id": "%s",\n%s"private_key": "'
            % (ind, ind, rng.randint(100, 999), ind, rs(rng, "0123456789abcdef", 40), ind))
        d.f(typ, esc).t('",\n%s"token_uri": "https://oauth2.googleapis.com/token"\n}' % ind)
        return d
    d.t("{\n%s\"id\": %d,\n" % (ind, rng.randint(1000, 99999)))
    if typ == "AWS_SECRET_KEY":
        d.t('%s"aws_access_key_id": "' % ind).f("AWS_ACCESS_KEY", aws_access(rng)).t('",\n')
    if typ == "PASSWORD":
        d.t('%s"username": "%s",\n' % (ind, rng.choice(["alerts", "svc_backup", "m.rossi", "admin_erp"])))
    if typ == "CONFIDENTIAL_MARKER":
        d.t('%s"doc_id": "MEMO-%d",\n' % (ind, rng.randint(1000, 9999)))
    d.t('%s"%s": "' % (ind, key_for(typ, rng))).f(typ, esc).t('",\n')
    d.t('%s"updated_at": "2025-0%d-%02dT%02d:%02d:00Z"\n}' % (ind, rng.randint(1, 9), rng.randint(1, 28),
                                                              rng.randint(7, 19), rng.randint(0, 59)))
    return d


def k_json_unicode(rng, typ):
    lang = lang_of(rng)
    val = make(typ, rng, lang)
    v = val.v
    mode = rng.choice(["pivot", "pivot", "some", "all"])
    if typ == "PRIVATE_KEY":
        mode = "pivot"
    idx = choose_idx(typ, v, rng, mode)
    esc = escape_with(v, idx, fmt_json_u(rng), json_lit)
    style = rng.choice(["record", "record", "api", "quoted"])
    if typ in ("PRIVATE_KEY", "AWS_SECRET_KEY"):
        style = "record"
    d = Doc()
    if style == "record":
        d.t(lead("json", lang, rng) + "\n\n")
        json_record(d, typ, esc, lang, rng)
    elif style == "api":
        pre, suf = prose(typ, lang, rng)
        d.t('{"model": "%s", "messages": [{"role": "user", "content": "' %
            rng.choice(["gpt-4o", "gpt-4.1-mini", "claude-sonnet-4"]))
        d.t(json_str(pre)).f(typ, esc).t(json_str(suf)).t('"}], "temperature": 0.2}')
    else:
        pre, suf = prose(typ, lang, rng)
        intro = {"en": "The queue message body is this JSON string, can you unescape it and tell me what it asks?\n",
                 "it": "Il corpo del messaggio in coda è questa stringa JSON, puoi decodificarla e dirmi cosa chiede?\n"}[lang]
        d.t(intro + '"').t(json_str(pre)).f(typ, esc).t(json_str(suf) + '"')
    return lang, d, []


def k_json_nested(rng, typ):
    lang = lang_of(rng)
    val = make(typ, rng, lang)
    v = val.v
    idx = choose_idx(typ, v, rng, rng.choice(["pivot", "some"]))
    inner = escape_with(v, idx, fmt_json_u(rng), json_lit)
    outer = inner.replace("\\", "\\\\")           # the inner document serialised as a JSON string
    key = key_for(typ, rng)
    style = rng.choice(["tool", "content"])
    d = Doc()
    if style == "tool":
        d.t({"en": "The assistant produced this tool call, is the payload valid?\n",
             "it": "L'assistente ha prodotto questa chiamata di funzione, il payload è valido?\n"}[lang])
        d.t('{"role": "assistant", "tool_calls": [{"id": "call_%s", "type": "function", "function": '
            '{"name": "%s", "arguments": "{\\"customer_id\\": \\"C-%d\\", \\"%s\\": \\"'
            % (rs(rng, ALNUM, 24), rng.choice(["update_customer", "save_settings", "create_payout"]),
               rng.randint(1000, 9999), key))
        d.f(typ, outer).t('\\"}"}}]}')
    else:
        msg = {"en": "Check this record: ", "it": "Controlla questo record: "}[lang]
        d.t('{"messages": [{"role": "user", "content": "%s{\\"%s\\": \\"' % (msg, key))
        d.f(typ, outer).t('\\"}"}]}')
    return lang, d, []


def k_json_slash(rng, typ):
    lang = lang_of(rng)
    val = make(typ, rng, lang, need_slash=True)
    v = val.v
    esc = "".join("\\/" if c == "/" else json_lit(c) for c in v)
    d = Doc()
    d.t({"en": "Our PHP backend logs this payload, what's wrong with it?\n",
         "it": "Il backend PHP scrive questo payload nel log, cosa non va?\n"}[lang])
    key = key_for(typ, rng)
    if typ == "AWS_SECRET_KEY":
        d.t('{"aws_access_key_id":"').f("AWS_ACCESS_KEY", aws_access(rng)).t('","%s":"' % key)
    elif typ == "PRIVATE_KEY":
        d.t('{"ssh_user":"deploy","%s":"' % key)
    else:
        d.t('{"service":"%s","%s":"' % (rng.choice(["notifier", "billing", "sync"]), key))
    d.f(typ, esc).t('","enabled":true,"updated":"2025\\/0%d\\/%02d"}' % (rng.randint(1, 9), rng.randint(1, 28)))
    return lang, d, []


# ---- programming-language string escapes

def code_block(d, lang_tag, lines_before, var_line, typ, esc, after, lang, rng):
    d.t(lead("code", lang, rng) + "\n```%s\n" % lang_tag)
    for l in lines_before:
        d.t(l + "\n")
    a, b = var_line
    d.t(a).f(typ, esc).t(b + "\n")
    for l in after:
        d.t(l + "\n")
    d.t("```")
    return d


def k_c_hex(rng, typ):
    lang = lang_of(rng)
    v = make(typ, rng, lang).v
    var = CODE_VAR[typ]
    if rng.random() < 0.6:   # Python: \xHH takes exactly two digits, partial escaping is safe
        idx = choose_idx(typ, v, rng, rng.choice(["pivot", "some", "all"]))
        esc = escape_with(v, idx, rng.choice([fmt_hex, fmt_hex_up]))
        d = code_block(Doc(), "python", ["import os", ""], ("%s = \"" % var, "\""), typ, esc,
                       ["", "client = connect(%s)" % var.lower()], lang, rng)
    else:                    # C: \x consumes every following hex digit, so everything is escaped
        esc = escape_with(v, set(range(len(v))), fmt_hex)
        d = code_block(Doc(), "c", ["#include <stdio.h>", ""], ("static const char *%s = \"" % var.lower(), "\";"),
                       typ, esc, ["", "int main(void) { return init(%s); }" % var.lower()], lang, rng)
    return lang, d, []


def k_c_octal(rng, typ):
    lang = lang_of(rng)
    v = make(typ, rng, lang).v
    var = CODE_VAR[typ]
    idx = choose_idx(typ, v, rng, rng.choice(["pivot", "some", "all"]))
    esc = escape_with(v, idx, fmt_oct)
    if rng.random() < 0.5:
        d = code_block(Doc(), "c", ["#include <string.h>", ""], ("static const char %s[] = \"" % var.lower(), "\";"),
                       typ, esc, [], lang, rng)
    else:
        d = code_block(Doc(), "python", [], ("%s = \"" % var, "\""), typ, esc, ["print(len(%s))" % var], lang, rng)
    return lang, d, []


def k_js_brace(rng, typ):
    lang = lang_of(rng)
    v = make(typ, rng, lang).v
    var = CODE_VAR[typ]
    idx = choose_idx(typ, v, rng, rng.choice(["pivot", "some", "all"]))
    esc = escape_with(v, idx, fmt_js_brace)
    d = code_block(Doc(), rng.choice(["js", "ts"]), ["import { createClient } from './client';", ""],
                   ("const %s = \"" % camel(var), "\";"), typ, esc,
                   ["export default createClient(%s);" % camel(var)], lang, rng)
    return lang, d, []


def k_java_unicode(rng, typ):
    lang = lang_of(rng)
    v = make(typ, rng, lang).v
    var = CODE_VAR[typ]
    idx = choose_idx(typ, v, rng, rng.choice(["pivot", "some", "all"]))
    esc = escape_with(v, idx, fmt_java)
    if rng.random() < 0.5:
        d = code_block(Doc(), "java", ["public final class Settings {"],
                       ("    private static final String %s = \"" % var, "\";"), typ, esc, ["}"], lang, rng)
    else:
        d = code_block(Doc(), "csharp", ["public static class Settings", "{"],
                       ("    public const string %s = \"" % pascal(var), "\";"), typ, esc, ["}"], lang, rng)
    return lang, d, []


# ---- HTML entities

HTML_LABEL = {
    "EMAIL": ("E-mail", "E-mail"), "PHONE": ("Phone", "Telefono"), "CREDIT_CARD": ("Card number", "Numero carta"),
    "IBAN": ("IBAN", "IBAN"), "IT_FISCAL_CODE": ("Codice fiscale", "Codice fiscale"),
    "IT_VAT": ("VAT number (P.IVA)", "Partita IVA"), "US_SSN": ("SSN", "SSN"), "IP_ADDRESS": ("Server IP", "IP server"),
    "PASSWORD": ("Password", "Password"), "CREDENTIAL_URL": ("Connection string", "Stringa di connessione"),
}


def k_html_entity(rng, typ):
    lang = lang_of(rng)
    val = make(typ, rng, lang)
    v = val.v
    f = fmt_html(rng)
    r = rng.random()
    if val.groups and val.sep == " " and typ in ("PHONE", "CREDIT_CARD", "IBAN") and r < 0.4 and " " in v:
        ent = rng.choice(["&nbsp;", "&#160;", "&#xA0;", "&#8239;", "&thinsp;", "&ensp;", "&#x2009;"])
        esc = v.replace(" ", ent)
    elif r > 0.8 and typ != "CONFIDENTIAL_MARKER":
        # an invisible character written as an entity inside the value
        ent = rng.choice(["&shy;", "&#173;", "&ZeroWidthSpace;", "&#8203;", "&NoBreak;", "&zwnj;", "&#x200D;"])
        cut = rng.randint(2, len(v) - 2)
        esc = escape_with(v[:cut], set(), f, html_lit) + ent + escape_with(v[cut:], set(), f, html_lit)
    else:
        idx = choose_idx(typ, v, rng, rng.choice(["pivot", "pivot", "some", "all"]))
        esc = escape_with(v, idx, f, html_lit)
    d = Doc()
    d.t(lead("html", lang, rng) + "\n\n")
    if typ == "EMAIL" and rng.random() < 0.5:
        d.t('<p>%s <a href="mailto:' % {"en": "Write to", "it": "Scrivi a"}[lang]).f(typ, esc).t('">')
        d.f(typ, esc).t("</a></p>")
    elif typ == "PASSWORD" and rng.random() < 0.5:
        d.t('<form method="post" action="/login">\n  <input name="username" value="alerts">\n'
            '  <input type="password" name="password" value="').f(typ, esc).t('">\n</form>')
    elif typ == "SLACK_WEBHOOK":
        d.t('<form action="').f(typ, esc).t('" method="post">\n  <button>%s</button>\n</form>'
                                              % {"en": "Notify #ops", "it": "Avvisa #ops"}[lang])
    elif typ == "GOOGLE_API_KEY":
        d.t('<script async src="https://maps.googleapis.com/maps/api/js?key=').f(typ, esc)
        d.t('&amp;callback=initMap"></script>')
    elif typ == "CONFIDENTIAL_MARKER":
        d.t('<div class="banner banner-red">').f(typ, esc).t("</div>\n<h1>%s</h1>" % {
            "en": "Q3 restructuring plan", "it": "Piano di riorganizzazione Q3"}[lang])
    else:
        lab = HTML_LABEL[typ][0 if lang == "en" else 1]
        first, last, _ = person(rng)
        d.t("<table>\n  <tr><th>%s</th><td>%s %s</td></tr>\n  <tr><th>%s</th><td>" %
            ({"en": "Name", "it": "Nome"}[lang], first, last, lab)).f(typ, esc).t("</td></tr>\n</table>")
    return lang, d, []


# ---- percent-encoding

URL_BASES = ["https://crm.acme-logistica.it/api/v2/contacts", "https://portal.bluepeak-analytics.com/search",
             "https://intranet.gruppo-moretti.eu/hr/lookup", "https://app.harborline.com/checkout/confirm"]


def pct_value(typ, v, rng, force=False):
    nat = pct_natural(v)
    if nat != v and not force and rng.random() < 0.7:
        return nat
    idx = choose_idx(typ, v, rng, rng.choice(["pivot", "some", "all"]))
    out = "".join(pct(c) if (i in idx or not (c in ALNUM or c in "-._~")) else c for i, c in enumerate(v))
    return out if out != v else "".join(pct(c) for c in v)


def k_percent(rng, typ):
    lang = lang_of(rng)
    v = make(typ, rng, lang).v
    d = Doc()
    key = key_for(typ, rng)
    if typ in ("PASSWORD", "PRIVATE_KEY", "AWS_SECRET_KEY"):
        if typ == "PRIVATE_KEY":
            enc = "".join("+" if c == " " else c if (c in ALNUM or c in "-._~") else pct(c) for c in v)
        else:
            enc = pct_value(typ, v, rng)
        d.t({"en": "DevTools shows this form body for the failing request, what's wrong?\n",
             "it": "DevTools mostra questo corpo della richiesta che fallisce, cosa c'è che non va?\n"}[lang])
        if typ == "AWS_SECRET_KEY":
            d.t("aws_access_key_id=").f("AWS_ACCESS_KEY", aws_access(rng)).t("&%s=" % key)
        elif typ == "PASSWORD":
            d.t("username=%s&%s=" % (rng.choice(["alerts", "m.rossi", "svc_backup"]), key))
        else:
            d.t("host=sftp.acme-logistica.it&user=deploy&%s=" % key)
        d.f(typ, enc).t("&remember=1")
        return lang, d, []
    if typ in ("CREDENTIAL_URL", "SLACK_WEBHOOK"):
        enc = pct_natural(v)
        if rng.random() < 0.3:
            enc = lower_pct(enc)
        d.t(lead("url", lang, rng) + "\n")
        d.t("https://ops.%s/integrations/test?target=" % rng.choice(DOMAINS[:10])).f(typ, enc).t("&dry_run=1")
        return lang, d, []
    force = typ in ("JWT", "GITHUB_TOKEN", "GOOGLE_API_KEY", "IT_FISCAL_CODE", "IT_VAT", "US_SSN", "GITLAB_TOKEN",
                    "STRIPE_KEY", "OPENAI_KEY", "ANTHROPIC_KEY", "SLACK_TOKEN", "AWS_ACCESS_KEY", "CONFIDENTIAL_MARKER")
    if typ == "IP_ADDRESS" and ":" in v:
        force = False
    enc = pct_value(typ, v, rng, force)
    if rng.random() < 0.3:
        enc = lower_pct(enc)
    d.t(lead("url", lang, rng) + "\n")
    d.t(rng.choice(URL_BASES) + "?lang=%s&%s=" % (lang, key)).f(typ, enc).t("&ref=%s" % rng.choice(["nl", "ticket", "mail"]))
    return lang, d, []


def k_percent_double(rng, typ):
    lang = lang_of(rng)
    v = make(typ, rng, lang, need_slash=True).v
    once = pct_natural(v)
    if once == v:
        once = pct_value(typ, v, rng, force=True)
    twice = pct_natural(once)
    key = key_for(typ, rng)
    inner_base = rng.choice(URL_BASES)
    d = Doc()
    d.t({"en": "This tracking link from our newsletter tool breaks, can you decode it?\n",
         "it": "Questo link tracciato del tool newsletter non funziona, puoi decodificarlo?\n"}[lang])
    d.t("https://click.mailrelay-tools.com/r/%s?u=" % rs(rng, ALNUM, 10) + pct_natural(inner_base + "?" + key + "="))
    d.f(typ, twice).t(pct_natural("&utm_source=newsletter") + "&sig=" + rs(rng, "0123456789abcdef", 16))
    return lang, d, []


def k_form_plus(rng, typ):
    lang = lang_of(rng)
    if typ == "PASSWORD":
        v = passphrase(rng)
    else:
        val = make(typ, rng, lang, grouped=True)
        v = " ".join(val.groups)
    enc = "".join("+" if c == " " else c if c in ALNUM else pct(c) for c in v)
    key = key_for(typ, rng)
    d = Doc()
    if typ == "PASSWORD" or rng.random() < 0.5:
        d.t({"en": "The form posts this body and the server rejects it, why?\n",
             "it": "Il form invia questo corpo e il server lo rifiuta, perché?\n"}[lang])
        user = "username=%s&" % rng.choice(["alerts", "m.rossi"]) if typ == "PASSWORD" else "name=%s+%s&" % person(rng)[:2]
        d.t(user + key + "=").f(typ, enc).t("&submit=Invia")
    else:
        d.t(lead("url", lang, rng) + "\n")
        d.t(rng.choice(URL_BASES) + "?" + key + "=").f(typ, enc).t("&step=2")
    return lang, d, []


# ---- base64

def snippet(typ, rng, lang):
    """A small text file holding the value: (text, [(type, char_start, char_end)])."""
    it = lang == "it"
    parts = []
    if typ == "EMAIL":
        parts = ["nome: %s %s\n" % person(rng)[:2] if it else "name: %s %s\n" % person(rng)[:2], "email: ",
                 (typ, email(rng)), "\n", "ruolo: referente acquisti\n" if it else "role: purchasing contact\n"]
    elif typ == "PHONE":
        parts = ["contatto: %s %s\n" % person(rng)[:2] if it else "contact: %s %s\n" % person(rng)[:2],
                 "telefono: " if it else "phone: ", (typ, make(typ, rng).v), "\n",
                 "note: chiamare dopo pranzo\n" if it else "notes: call after lunch\n"]
    elif typ == "CREDIT_CARD":
        parts = ["cardholder: %s %s\n" % person(rng)[:2], "card number: ", (typ, make(typ, rng).v), "\n",
                 "expiry: %02d/%d\n" % (rng.randint(1, 12), rng.randint(26, 30))]
    elif typ == "IBAN":
        parts = ["beneficiario: %s Srl\n" % rng.choice(IT_LAST), "IBAN: ", (typ, make(typ, rng).v), "\n",
                 "causale: fattura %d/2025\n" % rng.randint(1, 400)]
    elif typ == "IT_FISCAL_CODE":
        parts = ["dipendente: %s %s\n" % person(rng)[:2], "codice fiscale: ", (typ, fiscal_code(rng)), "\n",
                 "assunzione: 01/0%d/2025\n" % rng.randint(1, 9)]
    elif typ == "IT_VAT":
        parts = ["ragione sociale: %s Srl\n" % rng.choice(IT_LAST), "partita IVA: ", (typ, piva(rng)), "\n",
                 "sede: Via Roma %d, Padova\n" % rng.randint(1, 200)]
    elif typ == "US_SSN":
        parts = ["employee: %s %s\n" % person(rng)[:2], "SSN: ", (typ, "-".join(ssn(rng))), "\n",
                 "start date: 2025-0%d-01\n" % rng.randint(1, 9)]
    elif typ == "IP_ADDRESS":
        parts = ["[bastion]\n", "host = ", (typ, ip_addr(rng)), "\n", "port = 22\nuser = deploy\n"]
    elif typ in ("AWS_ACCESS_KEY", "AWS_SECRET_KEY"):
        parts = ["[default]\n", "aws_access_key_id = ", ("AWS_ACCESS_KEY", aws_access(rng)), "\n",
                 "aws_secret_access_key = ", ("AWS_SECRET_KEY", aws_secret(rng)), "\n", "region = eu-south-1\n"]
    elif typ == "GITHUB_TOKEN":
        parts = ["GH_TOKEN=", (typ, github(rng)), "\n", "GH_REPO=acme/infra\n"]
    elif typ == "GITLAB_TOKEN":
        parts = ["[gitlab]\nurl = https://gitlab.acme-logistica.it\n", "private_token = ", (typ, gitlab(rng)), "\n"]
    elif typ == "SLACK_TOKEN":
        parts = ["SLACK_BOT_TOKEN=", (typ, slack_token(rng)), "\n", "SLACK_CHANNEL=#ops-alerts\n"]
    elif typ == "SLACK_WEBHOOK":
        parts = ["notify:\n  slack: ", (typ, slack_webhook(rng)), "\n  on_failure: true\n"]
    elif typ == "STRIPE_KEY":
        parts = ["STRIPE_SECRET_KEY=", (typ, stripe(rng)), "\n", "STRIPE_CURRENCY=eur\n"]
    elif typ == "OPENAI_KEY":
        parts = ["OPENAI_API_KEY=", (typ, openai_key(rng)), "\n", "MODEL=gpt-4o-mini\n"]
    elif typ == "ANTHROPIC_KEY":
        parts = ["ANTHROPIC_API_KEY=", (typ, anthropic_key(rng)), "\n", "MAX_TOKENS=1024\n"]
    elif typ == "GOOGLE_API_KEY":
        parts = ["maps:\n  api_key: ", (typ, google_key(rng)), "\n  region: IT\n"]
    elif typ == "PRIVATE_KEY":
        parts = [(typ, pem(rng)), "\n"]
    elif typ == "JWT":
        parts = ["GET /api/orders HTTP/1.1\nHost: api.acme-logistica.it\n", "Authorization: Bearer ", (typ, jwt(rng)), "\n"]
    elif typ == "CREDENTIAL_URL":
        parts = ["DATABASE_URL=", (typ, cred_url(rng)), "\n", "POOL_SIZE=10\n"]
    elif typ == "PASSWORD":
        parts = ["smtp:\n  host: smtp.office365.com\n  port: 587\n  user: alerts\n", "  password: ",
                 (typ, password(rng)), "\n"]
    elif typ == "CONFIDENTIAL_MARKER":
        body = ("Verbale del comitato: piano di riduzione dei costi, da non diffondere.\n" if it else
                "Board minutes: cost-reduction plan, do not forward.\n")
        parts = [(typ, marker(rng, lang)), "\n\n" + body]
    text, spans, pos = "", [], 0
    for p in parts:
        if isinstance(p, tuple):
            spans.append((p[0], len(text), len(text) + len(p[1])))
            text += p[1]
        else:
            text += p
    return text, spans


def b64_spans(raw, byte_spans, enc, wrap=0, seplen=1):
    """Maps byte spans of `raw` onto the base64 text `enc` (optionally wrapped every `wrap` chars
    with a separator of `seplen` characters)."""
    out = []
    for typ, s, e in byte_spans:
        a = 4 * (s // 3)
        b = min(len(enc), 4 * -(-e // 3))
        if wrap:
            a2 = a + seplen * (a // wrap)
            b2 = (b - 1) + seplen * ((b - 1) // wrap) + 1
            a, b = a2, b2
        out.append((a, b, typ))
    return out


def encode_b64(raw, variant):
    if variant in ("url", "url-nopad"):
        enc = base64.urlsafe_b64encode(raw).decode()
    else:
        enc = base64.b64encode(raw).decode()
    if variant in ("nopad", "url-nopad"):
        enc = enc.rstrip("=")
    return enc


def wrap76(enc):
    return "\n".join(enc[i:i + 76] for i in range(0, len(enc), 76))


def k_base64(rng, typ):
    lang = lang_of(rng)
    variant = rng.choice(["std", "std", "url", "nopad", "url-nopad", "wrapped", "wrapped"])
    text, spans = snippet(typ, rng, lang)
    if variant == "wrapped":
        pad = ["# generated by setup.sh\n", "# do not commit\n", "# updated 2025-03-14\n", "LOG_LEVEL=info\n",
               "TZ=Europe/Rome\n", "# owner: platform team\n"]
        rng.shuffle(pad)
        while len(text.encode()) < 120 and pad:
            text += pad.pop()
    if variant in ("nopad", "url-nopad") and len(text.encode()) % 3 == 0:
        text += "\n"
    raw = text.encode()
    bspans = [(t, len(text[:s].encode()), len(text[:e].encode())) for t, s, e in spans]
    enc = encode_b64(raw, variant)
    wrap = 76 if variant == "wrapped" else 0
    blob = wrap76(enc) if wrap else enc
    fspans = b64_spans(raw, bspans, enc, wrap)
    d = Doc()
    tag = {"std": "evasion:base64", "url": "evasion:base64-url", "nopad": "evasion:base64-nopad",
           "url-nopad": "evasion:base64-url", "wrapped": "evasion:base64-wrapped"}[variant]
    if variant == "wrapped" and rng.random() < 0.3:
        # GitHub's contents API: base64 wrapped at 60 columns, the line breaks JSON-escaped
        chunks = [enc[i:i + 60] for i in range(0, len(enc), 60)]
        blob = "\\n".join(chunks) + "\\n"
        fspans = b64_spans(raw, bspans, enc, 60, 2)
        d.t({"en": "The GitHub API returned this for our deploy config, what's in it?\n",
             "it": "L'API di GitHub ha restituito questo per la config di deploy, cosa contiene?\n"}[lang])
        d.t('{"type": "file", "encoding": "base64", "size": %d, "name": "config.txt", "path": "deploy/config.txt", '
            '"content": "' % len(raw)).r(blob, fspans).t('", "sha": "%040x"}' % rng.getrandbits(160))
        return lang, d, [tag]
    if variant == "wrapped":
        if rng.random() < 0.5:
            d.t({"en": "This attachment came with the ticket, what's in it?\n\n",
                 "it": "Questo allegato è arrivato con il ticket, cosa contiene?\n\n"}[lang])
            d.t('Content-Type: text/plain; charset="utf-8"; name="config.txt"\nContent-Disposition: attachment; '
                'filename="config.txt"\nContent-Transfer-Encoding: base64\n\n')
            d.r(blob, fspans).t("\n")
        else:
            d.t({"en": "I ran `base64 config.txt` on the server, here's the output. Can you check it?\n```\n",
                 "it": "Ho lanciato `base64 config.txt` sul server, ecco l'output. Puoi controllarlo?\n```\n"}[lang])
            d.r(blob, fspans).t("\n```")
        return lang, d, [tag]
    style = rng.choice(["prose", "k8s", "datauri", "shell", "json"] if variant in ("std", "nopad")
                       else ["urlparam", "cookie", "json"])
    if style == "prose":
        d.t({"en": "Decode this and tell me what the file configures: ",
             "it": "Decodifica questo e dimmi cosa configura il file: "}[lang]).r(blob, fspans)
    elif style == "k8s":
        d.t({"en": "Why doesn't the pod pick up this Secret?\n", "it": "Perché il pod non legge questo Secret?\n"}[lang])
        d.t("apiVersion: v1\nkind: Secret\nmetadata:\n  name: app-config\ntype: Opaque\ndata:\n  config.txt: ")
        d.r(blob, fspans).t("\n")
    elif style == "datauri":
        d.t({"en": "Open this link and summarise it: ", "it": "Apri questo link e riassumilo: "}[lang])
        d.t("data:text/plain;base64,").r(blob, fspans)
    elif style == "shell":
        d.t({"en": "What does this line in our setup script do?\n", "it": "Cosa fa questa riga dello script di setup?\n"}[lang])
        d.t("echo '").r(blob, fspans).t("' | base64 -d > /etc/app/config.txt")
    elif style == "json":
        d.t(lead("json", lang, rng) + "\n")
        d.t('{"filename": "config.txt", "encoding": "base64", "content": "').r(blob, fspans).t('"}')
    elif style == "urlparam":
        d.t(lead("url", lang, rng) + "\n")
        d.t("https://app.%s/share/restore?state=" % rng.choice(DOMAINS[:10])).r(blob, fspans).t("&v=2")
    else:
        d.t({"en": "Our session cookie looks odd, what's inside?\n", "it": "Il cookie di sessione è strano, cosa contiene?\n"}[lang])
        d.t("Cookie: theme=dark; app_state=").r(blob, fspans).t("; lang=%s" % lang)
    return lang, d, [tag]


def k_base64_utf16(rng, typ):
    lang = lang_of(rng)
    if typ == "PASSWORD":
        pw = password(rng).replace("'", "")
        parts = ["$password = '", (typ, pw), "'\r\n$sec = ConvertTo-SecureString $password -AsPlainText -Force\r\n"
                 "$cred = New-Object System.Management.Automation.PSCredential('ACME\\svc_backup', $sec)\r\n"
                 "New-PSDrive -Name B -PSProvider FileSystem -Root \\\\nas01\\backup -Credential $cred\r\n"]
    elif typ in ("AWS_ACCESS_KEY", "AWS_SECRET_KEY"):
        parts = ["$env:AWS_ACCESS_KEY_ID = '", ("AWS_ACCESS_KEY", aws_access(rng)), "'\r\n$env:AWS_SECRET_ACCESS_KEY = '",
                 ("AWS_SECRET_KEY", aws_secret(rng)), "'\r\naws s3 sync C:\\Reports s3://acme-reports-archive\r\n"]
    elif typ == "GITHUB_TOKEN":
        parts = ["$env:GH_TOKEN = '", (typ, github(rng)), "'\r\ngh repo clone acme/infra C:\\src\\infra\r\n"]
    elif typ == "CREDENTIAL_URL":
        parts = ["$conn = '", (typ, cred_url(rng)), "'\r\n& C:\\tools\\migrate.exe --url $conn up\r\n"]
    else:  # SLACK_WEBHOOK
        parts = ["Invoke-RestMethod -Method Post -Uri '", (typ, slack_webhook(rng)),
                 "' -Body '{\"text\":\"backup done\"}' -ContentType 'application/json'\r\n"]
    text, bspans = "", []
    for p in parts:
        if isinstance(p, tuple):
            bspans.append((p[0], 2 * len(text), 2 * (len(text) + len(p[1]))))
            text += p[1]
        else:
            text += p
    raw = text.encode("utf-16-le")
    enc = base64.b64encode(raw).decode()
    d = Doc()
    d.t({"en": "EDR flagged this scheduled task, what does it run?\n",
         "it": "L'EDR ha segnalato questa attività pianificata, cosa esegue?\n"}[lang])
    d.t("powershell.exe -NoProfile -ExecutionPolicy Bypass -EncodedCommand ").r(enc, b64_spans(raw, bspans, enc))
    return lang, d, []


# ---- Unicode look-alikes and invisible characters

def inline_doc(typ, shown, lang, rng):
    """Places an already-evaded value in prose or a simple record, as dev does."""
    d = Doc()
    r = rng.random()
    if typ in ("AWS_SECRET_KEY",) or r < 0.6 or typ == "PRIVATE_KEY":
        return prose_doc(d, typ, shown, lang, rng)
    if r < 0.8:
        key = key_for(typ, rng)
        d.t({"en": "Convert this to a CSV row:\n", "it": "Converti in una riga CSV:\n"}[lang])
        d.t("%s: " % key).f(typ, shown).t("\nstatus: %s" % rng.choice(["active", "pending", "attivo"]))
        return d
    d.t({"en": "Chat export, please summarise:\n", "it": "Esportazione della chat, riassumi:\n"}[lang])
    pre, suf = prose(typ, lang, rng)
    d.t("[%02d:%02d] %s: " % (rng.randint(8, 18), rng.randint(0, 59), person(rng)[0])).t(pre).f(typ, shown).t(suf)
    return d


def k_fullwidth(rng, typ):
    lang = lang_of(rng)
    val = make(typ, rng, lang)
    v = val.v
    if typ in ("PHONE", "CREDIT_CARD", "IBAN", "US_SSN", "IT_VAT", "IP_ADDRESS"):
        mode = rng.choice(["all", "digits", "partial"])
    elif typ == "EMAIL":
        mode = rng.choice(["all", "partial"])
    else:
        mode = rng.choice(["all", "all", "partial"])
    shown = fullwidth(v, rng, mode)
    return lang, inline_doc(typ, shown, lang, rng), []


INVIS = {"zero-width": ["\u200b", "\u200c", "\u200d", "\u2063", "\u180e"], "soft-hyphen": ["\u00ad"],
         "word-joiner": ["\u2060"], "bom": ["\ufeff"],
         # default-ignorable but category Mn, not Cf: variation selectors and the combining grapheme joiner
         "ignorable-mark": ["\ufe0f", "\ufe0e", "\ufe00", "\u034f"]}


def k_invisible(kind):
    def build(rng, typ):
        lang = lang_of(rng)
        v = make(typ, rng, lang).v
        if typ == "PRIVATE_KEY":   # break the armour line, where the pattern anchors
            head = v.index("\n")
            shown = insert_invisible(v[:head], rng, INVIS[kind], rng.choice([1, 2])) + v[head:]
        else:
            shown = insert_invisible(v, rng, INVIS[kind])
        return lang, inline_doc(typ, shown, lang, rng), []
    return build


def k_unicode_tags(rng, typ):
    lang = lang_of(rng)
    val = make(typ, rng, lang)
    shown = tags_encode(val.v)
    return lang, inline_doc(typ, shown, lang, rng), []


USPACES = ["\u00a0", "\u2009", "\u202f", "\u2007", "\u2002", "\u2008", "\u3000"]
UDASHES = ["\u2013", "\u2011", "\u2212", "\u2012", "\u2010", "\u2014", "\ufe63"]


def k_unicode_space(rng, typ):
    lang = lang_of(rng)
    ch = rng.choice(USPACES)
    if typ == "CONFIDENTIAL_MARKER":
        v = rng.choice(["STRICTLY CONFIDENTIAL", "INTERNAL USE ONLY"] if lang == "en"
                       else ["STRETTAMENTE RISERVATO", "USO INTERNO", "RISERVATO E CONFIDENZIALE"])
        shown = v.replace(" ", ch)
    else:
        val = make(typ, rng, lang, grouped=True)
        shown = ch.join(val.groups)
    return lang, inline_doc(typ, shown, lang, rng), []


def k_unicode_dash(rng, typ):
    lang = lang_of(rng)
    ch = rng.choice(UDASHES)
    if typ == "PHONE":
        g = phone(rng, rng.choice(["us", "it_mob", "it_mob", "uk"]))
        if g[0].startswith("+"):
            shown = g[0] + " " + ch.join(g[1:])
        else:
            shown = ch.join(g)
    else:
        val = make(typ, rng, lang)
        shown = ch.join(val.groups)
    return lang, inline_doc(typ, shown, lang, rng), []


def k_math(rng, typ):
    lang = lang_of(rng)
    val = make(typ, rng, lang)
    letters = typ in ("EMAIL", "IT_FISCAL_CODE", "AWS_ACCESS_KEY", "IBAN", "CONFIDENTIAL_MARKER")
    shown = math_alnum(val.v, rng, letters)
    return lang, inline_doc(typ, shown, lang, rng), []


def k_circled(rng, typ):
    lang = lang_of(rng)
    val = make(typ, rng, lang)
    shown = circled(val.v)
    return lang, inline_doc(typ, shown, lang, rng), ["judgement"]


def k_mixed_case(rng, typ):
    lang = lang_of(rng)
    extra = []
    if typ == "IP_ADDRESS":
        v = ip_addr(rng, v6=True)
        while not any(c.isalpha() for c in v):
            v = ip_addr(rng, v6=True)
        shown = mixed_case(v, rng)
    elif typ == "CREDENTIAL_URL":
        v = cred_url(rng)
        scheme, rest = v.split("://", 1)
        userinfo, hostpart = rest.split("@", 1)
        host, path = hostpart.split("/", 1)
        shown = mixed_case(scheme, rng) + "://" + userinfo + "@" + mixed_case(host, rng) + "/" + path
    elif typ == "CONFIDENTIAL_MARKER":
        v = marker(rng, lang)
        shown = rng.choice([v.title(), v.lower(), mixed_case(v, rng)])
        extra = ["judgement"]
    else:
        v = make(typ, rng, lang).v
        shown = rng.choice([v.lower(), mixed_case(v, rng)]) if typ != "EMAIL" else rng.choice([v.upper(), mixed_case(v, rng)])
        if typ in ("IBAN", "IT_FISCAL_CODE"):   # their specifications write letters in capitals
            extra = ["judgement"]
    return lang, inline_doc(typ, shown, lang, rng), extra


# ---- a value split by a line break inside a code block

SPLIT_STYLE = [0]


def k_line_split(rng, typ):
    lang = lang_of(rng)
    if typ == "IBAN":
        val = make(typ, rng, lang, grouped=True)
        g = val.groups
        k = rng.randint(2, len(g) - 2)
        shown = " ".join(g[:k]) + "\n" + " ".join(g[k:])
        d = Doc()
        d.t({"en": "The bank portal exported this, which account do I pay?\n```\n",
             "it": "Il portale della banca ha esportato questo, su quale conto pago?\n```\n"}[lang])
        d.t("Beneficiario: %s Srl   IBAN: " % rng.choice(IT_LAST)).f(typ, shown).t("\nImporto: EUR %d,00\n```" % rng.randint(100, 9000))
        return lang, d, []
    if typ == "STRIPE_KEY":
        v = "sk_live_51" + rs(rng, ALNUM, 97)
    elif typ == "GITHUB_TOKEN":
        v = github(rng, "pat")
    elif typ == "OPENAI_KEY":
        v = "sk-proj-" + rs(rng, URLSAFE, 74) + "T3BlbkFJ" + rs(rng, URLSAFE, 74)
    else:
        v = make(typ, rng, lang).v
    var = CODE_VAR[typ]
    d = Doc()
    SPLIT_STYLE[0] ^= 1                      # alternate, so both styles appear in every set
    if SPLIT_STYLE[0]:
        k = rng.randint(len(v) // 3, 2 * len(v) // 3)
        shown = v[:k] + "\\\n" + v[k:]
        d.t(lead("code", lang, rng) + "\n```bash\n" + "export %s=\"" % var).f(typ, shown).t("\"\n./run.sh\n```")
        return lang, d, []
    width = rng.choice([64, 76, 80])
    first = "%s=" % var
    if len(first) + len(v) <= width:          # a narrow pane (tmux split) still wraps it
        width = rng.choice([40, 48])
    if len(first) + len(v) <= width:
        width = len(first) + len(v) // 2
    k = width - len(first)
    chunks = [v[:k]] + [v[i:i + width] for i in range(k, len(v), width)]
    shown = "\n".join(chunks)
    d.t({"en": "Copied from the terminal, the app still says unauthorized:\n```\n$ cat .env.production\n",
         "it": "Copiato dal terminale, l'app dice ancora unauthorized:\n```\n$ cat .env.production\n"}[lang])
    d.t(first).f(typ, shown).t("\nNODE_ENV=production\n```")
    return lang, d, []


# ---- Markdown backslash escapes

def k_md_escape(rng, typ):
    lang = lang_of(rng)
    if typ == "EMAIL":
        v = email_underscore(rng)
    elif typ == "CREDENTIAL_URL":
        while True:
            v = cred_url(rng)
            if "_" in v.split("@")[0]:
                break
    elif typ == "PASSWORD":
        v = rng.choice(PW_WORDS) + "_" + str(rng.randint(1000, 9999)) + rng.choice(["*", "_x", "*!"])
    else:
        while True:
            v = make(typ, rng, lang).v
            if "_" in v:
                break
    shown = v.replace("\\", "\\\\").replace("_", "\\_").replace("*", "\\*")
    d = Doc()
    d.t({"en": "Pasted from the wiki page source, turn it into a checklist:\n\n**Production settings**\n\n",
         "it": "Incollato dal sorgente della pagina wiki, trasformalo in una checklist:\n\n**Impostazioni produzione**\n\n"}[lang])
    label = {"EMAIL": "contatto\\_referente" if lang == "it" else "owner\\_email", "PASSWORD": "smtp\\_password",
             "CREDENTIAL_URL": "DATABASE\\_URL"}.get(typ, CODE_VAR[typ].replace("_", "\\_"))
    d.t("- %s: " % label).f(typ, shown).t("\n- region: eu-south-1\n- %s\n" % {"en": "owner: platform team",
                                                                             "it": "responsabile: team piattaforma"}[lang])
    return lang, d, []


# ---- quoted-printable

def qp_encode(pieces, force_idx, width=76):
    """pieces: [(text, typ or None)]. Returns (encoded, spans) with soft line breaks every <=76 chars."""
    toks = []
    for pi, (text, typ) in enumerate(pieces):
        for ci, c in enumerate(text):
            if c == "\n":
                toks.append(("\n", pi))
            elif c == "=" or ord(c) > 126 or (typ and (pi, ci) in force_idx):
                toks.append(("".join("=%02X" % b for b in c.encode("utf-8")), pi))
            else:
                toks.append((c, pi))
    out, line, spans_pos = [], 0, {}
    pos = 0
    for tok, pi in toks:
        if tok == "\n":
            out.append("\n")
            pos += 1
            line = 0
            continue
        if line + len(tok) > width - 1:
            out.append("=\n")
            pos += 2
            line = 0
        a = pos
        out.append(tok)
        pos += len(tok)
        line += len(tok)
        if pieces[pi][1]:
            s, e = spans_pos.get(pi, (a, pos))
            spans_pos[pi] = (min(s, a), pos)
    text = "".join(out)
    return text, [(s, e, pieces[pi][1]) for pi, (s, e) in sorted(spans_pos.items())]


def k_qp(rng, typ):
    lang = lang_of(rng)
    v = make(typ, rng, lang).v
    if lang == "it":
        pre = rng.choice(["Buongiorno,\ncome concordato al telefono le invio i dati per l'attivazione del servizio "
                          "di fatturazione elettronica. ", "Gentile cliente,\nsecondo quanto già comunicato, "
                          "ecco i dati che ci ha chiesto per la verifica dell'account. "])
        mid = {"PASSWORD": "La password è ", "EMAIL": "Il referente è raggiungibile a ", "IBAN": "L'IBAN è ",
               "PHONE": "Il numero di telefono è "}.get(typ, "La chiave è ")
        post = "\nCordiali saluti,\nUfficio amministrazione — sede di Forlì\n"
    else:
        pre = rng.choice(["Hello,\nas agreed on the phone, here are the details you need to activate the "
                          "e-invoicing service. ", "Dear customer,\nas requested, here is what you need to "
                          "verify the account. "])
        mid = {"PASSWORD": "The password is ", "EMAIL": "The contact person is ", "IBAN": "The IBAN is ",
               "PHONE": "The phone number is "}.get(typ, "The key is ")
        post = "\nKind regards,\nAccounts team — Zürich office\n"
    force = set()
    pieces = [(pre + mid, None), (v, typ), (post, None)]
    cand = pivots(typ, v)
    if typ in ("EMAIL", "PHONE", "IBAN", "PASSWORD") or rng.random() < 0.3:
        for ci in rng.sample(cand, max(1, min(len(cand), rng.choice([1, 2, 3])))):
            force.add((1, ci))
    text, spans = qp_encode(pieces, force)
    if "=" not in text[spans[0][0]:spans[0][1]]:   # neither a soft break nor an escape landed in it
        force.add((1, rng.choice(cand)))
        text, spans = qp_encode(pieces, force)
    d = Doc()
    d.t({"en": "This e-mail arrived garbled, can you clean it up?\n\n", "it": "Questa mail è arrivata illeggibile, puoi sistemarla?\n\n"}[lang])
    d.t('Content-Type: text/plain; charset="utf-8"\nContent-Transfer-Encoding: quoted-printable\n\n')
    d.r(text, spans)
    return lang, d, []


# ---- judgement: what the formats do not settle

def k_at_dot(rng, typ):
    lang = lang_of(rng)
    v = email(rng)
    local, dom = v.split("@")
    style = rng.choice(["brackets", "parens", "caps", "words", "braces", "spaced", "it"])
    if style == "brackets":
        shown = local + " [at] " + dom.replace(".", " [dot] ")
    elif style == "parens":
        shown = local + "(at)" + dom.replace(".", "(dot)")
    elif style == "caps":
        shown = local + " AT " + dom.replace(".", " DOT ")
    elif style == "words":
        shown = local + " at " + dom.replace(".", " dot ")
    elif style == "braces":
        shown = local + "{at}" + dom
    elif style == "spaced":
        shown = local + " @ " + dom.replace(".", " . ")
    else:
        shown = local + " chiocciola " + dom.replace(".", " punto ")
    return lang, inline_doc("EMAIL", shown, lang, rng), ["judgement"]


def k_spelled(rng, typ):
    lang = lang_of(rng)
    val = make(typ, rng, lang)
    shown = spelled(val.groups, lang, rng)
    return lang, inline_doc(typ, shown, lang, rng), ["judgement"]


def k_homoglyph(rng, typ):
    lang = lang_of(rng)
    v = make(typ, rng, lang).v
    prefer = {"AWS_ACCESS_KEY": 4, "GITHUB_TOKEN": 4, "STRIPE_KEY": 8, "IBAN": 2}.get(typ)
    shown = homoglyph(v, rng, prefer)
    return lang, inline_doc(typ, shown, lang, rng), ["judgement"]


def k_native(rng, typ):
    lang = lang_of(rng)
    val = make(typ, rng, lang)
    return lang, inline_doc(typ, native_digits(val.v, rng), lang, rng), ["judgement"]


def k_letter_spacing(rng, typ):
    lang = lang_of(rng)
    if typ == "CONFIDENTIAL_MARKER":
        v = rng.choice(["CONFIDENTIAL", "RISERVATO"] if lang == "en" else ["RISERVATO", "CONFIDENZIALE"])
        shown = " ".join(v)
        d = Doc().f(typ, shown).t("\n\n%s" % {"en": "Summarise the attached minutes in five bullet points.",
                                               "it": "Riassumi il verbale allegato in cinque punti."}[lang])
        return lang, d, ["judgement"]
    val = make(typ, rng, lang)
    digits = "".join(val.groups) if val.groups else val.v
    shown = " ".join(digits)
    return lang, inline_doc(typ, shown, lang, rng), ["judgement"]


def k_concat(rng, typ):
    lang = lang_of(rng)
    v = make(typ, rng, lang).v
    n = rng.choice([2, 3])
    cuts = sorted(rng.sample(range(3, len(v) - 3), n - 1))
    segs = [v[a:b] for a, b in zip([0] + cuts, cuts + [len(v)])]
    var = CODE_VAR[typ]
    if rng.random() < 0.5:
        shown = '" + "'.join(segs)
        d = code_block(Doc(), "js", [], ("const %s = \"" % camel(var), "\";"), typ, shown, [], lang, rng)
    else:
        shown = '"\n    "'.join(segs)
        d = code_block(Doc(), "python", [], ("%s = (\n    \"" % var, "\"\n)"), typ, shown, [], lang, rng)
    return lang, d, ["judgement"]


def k_html_split(rng, typ):
    lang = lang_of(rng)
    val = make(typ, rng, lang)
    v = val.v
    if typ == "EMAIL":
        local, dom = v.split("@")
        shown = rng.choice([local + "<span>@</span>" + dom, local + "<!-- -->@" + dom,
                            local + '<span style="display:none">x</span>@' + dom])
    else:
        cut = rng.randint(3, len(v) - 3)
        shown = v[:cut] + rng.choice(["<wbr>", "<span></span>", "<!-- -->", "<b></b>"]) + v[cut:]
        if shown == v:
            shown = v[:cut] + "<wbr>" + v[cut:]
    d = Doc()
    d.t(lead("html", lang, rng) + "\n\n")
    lab = {"EMAIL": "E-mail", "CREDIT_CARD": "Card", "GITHUB_TOKEN": "Token", "PHONE": "Tel.", "IBAN": "IBAN"}[typ]
    d.t("<p><b>%s:</b> " % lab).f(typ, shown).t("</p>")
    return lang, d, ["judgement"]


T = ALL_TYPES
TOKENS = ["AWS_ACCESS_KEY", "GITHUB_TOKEN", "GITLAB_TOKEN", "SLACK_TOKEN", "STRIPE_KEY", "OPENAI_KEY",
          "ANTHROPIC_KEY", "GOOGLE_API_KEY"]

# kind: (builder, weight, applicable types)
KINDS = {
    "json-unicode": (k_json_unicode, 3.0, T),
    "json-unicode-nested": (k_json_nested, 1.5, ["EMAIL", "PHONE", "CREDIT_CARD", "IBAN", "IT_FISCAL_CODE", "PASSWORD",
                                                 "AWS_ACCESS_KEY", "GITHUB_TOKEN", "SLACK_WEBHOOK", "CREDENTIAL_URL",
                                                 "JWT", "US_SSN"]),
    "json-slash": (k_json_slash, 1.0, ["SLACK_WEBHOOK", "CREDENTIAL_URL", "AWS_SECRET_KEY", "PRIVATE_KEY"]),
    "c-hex": (k_c_hex, 1.5, ["EMAIL", "PASSWORD", "AWS_SECRET_KEY", "IP_ADDRESS", "CREDENTIAL_URL", "JWT"] + TOKENS),
    "c-octal": (k_c_octal, 1.0, ["EMAIL", "PASSWORD", "AWS_ACCESS_KEY", "GITHUB_TOKEN", "SLACK_TOKEN", "CREDENTIAL_URL",
                                 "STRIPE_KEY", "IP_ADDRESS"]),
    "js-unicode-brace": (k_js_brace, 1.0, ["EMAIL", "PASSWORD", "GITHUB_TOKEN", "STRIPE_KEY", "OPENAI_KEY",
                                           "GOOGLE_API_KEY", "SLACK_WEBHOOK", "JWT", "ANTHROPIC_KEY"]),
    "java-unicode": (k_java_unicode, 1.0, ["EMAIL", "PASSWORD", "AWS_ACCESS_KEY", "AWS_SECRET_KEY", "IBAN",
                                           "CREDENTIAL_URL", "STRIPE_KEY", "GITLAB_TOKEN", "IT_FISCAL_CODE"]),
    "html-entity": (k_html_entity, 2.5, ["EMAIL", "PHONE", "CREDIT_CARD", "IBAN", "IT_FISCAL_CODE", "IT_VAT", "US_SSN",
                                         "IP_ADDRESS", "PASSWORD", "CREDENTIAL_URL", "SLACK_WEBHOOK", "GOOGLE_API_KEY",
                                         "CONFIDENTIAL_MARKER"]),
    "percent": (k_percent, 2.0, ["EMAIL", "PHONE", "CREDIT_CARD", "IBAN", "IT_FISCAL_CODE", "IT_VAT", "US_SSN",
                                 "IP_ADDRESS", "PASSWORD", "CREDENTIAL_URL", "SLACK_WEBHOOK", "JWT", "GITHUB_TOKEN",
                                 "PRIVATE_KEY", "AWS_SECRET_KEY", "GOOGLE_API_KEY"]),
    "percent-double": (k_percent_double, 1.5, ["EMAIL", "PHONE", "IBAN", "CREDENTIAL_URL", "SLACK_WEBHOOK",
                                               "AWS_SECRET_KEY", "CREDIT_CARD"]),
    "form-plus": (k_form_plus, 1.5, ["PHONE", "CREDIT_CARD", "IBAN", "PASSWORD"]),
    "base64": (k_base64, 4.0, T),
    "base64-utf16": (k_base64_utf16, 1.0, ["PASSWORD", "AWS_ACCESS_KEY", "AWS_SECRET_KEY", "GITHUB_TOKEN",
                                           "CREDENTIAL_URL", "SLACK_WEBHOOK"]),
    "fullwidth": (k_fullwidth, 2.0, ["EMAIL", "PHONE", "CREDIT_CARD", "IBAN", "IT_FISCAL_CODE", "IT_VAT", "US_SSN",
                                     "IP_ADDRESS", "AWS_ACCESS_KEY", "GITHUB_TOKEN", "GITLAB_TOKEN", "GOOGLE_API_KEY",
                                     "SLACK_TOKEN", "CONFIDENTIAL_MARKER", "PASSWORD", "OPENAI_KEY", "STRIPE_KEY",
                                     "JWT", "CREDENTIAL_URL"]),
    "zero-width": (k_invisible("zero-width"), 1.5, T),
    "soft-hyphen": (k_invisible("soft-hyphen"), 1.0, T),
    "word-joiner": (k_invisible("word-joiner"), 1.0, T),
    "bom": (k_invisible("bom"), 1.0, T),
    "ignorable-mark": (k_invisible("ignorable-mark"), 1.0, T),
    "unicode-tags": (k_unicode_tags, 1.0, ["EMAIL", "PHONE", "CREDIT_CARD", "IBAN", "IT_FISCAL_CODE", "PASSWORD",
                                           "AWS_ACCESS_KEY", "GITHUB_TOKEN", "OPENAI_KEY", "CREDENTIAL_URL"]),
    "unicode-space": (k_unicode_space, 2.0, ["PHONE", "CREDIT_CARD", "IBAN", "CONFIDENTIAL_MARKER"]),
    "unicode-dash": (k_unicode_dash, 2.0, ["PHONE", "CREDIT_CARD", "US_SSN"]),
    "math-alnum": (k_math, 1.5, ["PHONE", "CREDIT_CARD", "IBAN", "US_SSN", "IT_VAT", "IT_FISCAL_CODE", "EMAIL",
                                 "AWS_ACCESS_KEY", "IP_ADDRESS", "CONFIDENTIAL_MARKER"]),
    "mixed-case": (k_mixed_case, 1.5, ["EMAIL", "IBAN", "IT_FISCAL_CODE", "IP_ADDRESS", "CREDENTIAL_URL",
                                       "CONFIDENTIAL_MARKER"]),
    "line-split": (k_line_split, 2.0, ["ANTHROPIC_KEY", "OPENAI_KEY", "STRIPE_KEY", "GITHUB_TOKEN", "JWT",
                                       "SLACK_WEBHOOK", "CREDENTIAL_URL", "IBAN"]),
    "markdown-escape": (k_md_escape, 1.5, ["STRIPE_KEY", "GITHUB_TOKEN", "EMAIL", "OPENAI_KEY", "ANTHROPIC_KEY",
                                           "GOOGLE_API_KEY", "GITLAB_TOKEN", "CREDENTIAL_URL", "PASSWORD"]),
    "quoted-printable": (k_qp, 1.5, ["EMAIL", "PASSWORD", "STRIPE_KEY", "JWT", "SLACK_WEBHOOK", "CREDENTIAL_URL",
                                     "IBAN", "PHONE", "OPENAI_KEY", "ANTHROPIC_KEY"]),
    # judgement
    "at-dot": (k_at_dot, 1.0, ["EMAIL"]),
    "spelled-out": (k_spelled, 0.8, ["PHONE", "CREDIT_CARD", "US_SSN"]),
    "homoglyph": (k_homoglyph, 1.0, ["AWS_ACCESS_KEY", "GITHUB_TOKEN", "EMAIL", "STRIPE_KEY", "CONFIDENTIAL_MARKER",
                                     "IBAN", "IT_FISCAL_CODE"]),
    "native-digits": (k_native, 0.5, ["PHONE", "CREDIT_CARD"]),
    "circled": (k_circled, 0.7, ["PHONE", "CREDIT_CARD", "US_SSN", "IT_VAT"]),
    "letter-spacing": (k_letter_spacing, 0.6, ["CREDIT_CARD", "PHONE", "CONFIDENTIAL_MARKER"]),
    "concatenation": (k_concat, 0.7, ["AWS_ACCESS_KEY", "GITHUB_TOKEN", "OPENAI_KEY", "STRIPE_KEY", "ANTHROPIC_KEY",
                                      "SLACK_TOKEN"]),
    "html-split": (k_html_split, 0.7, ["EMAIL", "CREDIT_CARD", "GITHUB_TOKEN", "PHONE", "IBAN"]),
}


# --------------------------------------------------------------------------- negatives
# Same encodings on harmless content, decoys, and values that fail their own checksum under
# an encoding. Each returns (lang, Doc, extra_tags); a negative carries no finding.

IT_SENTENCES = ["La riunione di venerdì è spostata alle 15:30 in sala Verdi.",
                "Perché il caffè è più amaro con la moka nuova?",
                "Il magazzino di Forlì chiude per inventario dal 3 al 7 marzo.",
                "Ricordati di portare le chiavi della sede di Bologna.",
                "Il preventivo è già stato approvato dal responsabile acquisti."]
EN_SENTENCES = ["Friday's meeting moves to 3:30 pm in the Verdi room.",
                "The Forlì warehouse is closed for stocktaking from 3 to 7 March.",
                "Remember to bring the keys of the Bologna office.",
                "The quote was already approved by the purchasing manager.",
                "Lunch is on the terrace if the weather holds."]


def sentence(lang, rng):
    return rng.choice(IT_SENTENCES if lang == "it" else EN_SENTENCES)


def n_json_accents(rng):
    lang = lang_of(rng)
    s = sentence(lang, rng)
    esc = "".join("\\u%04x" % ord(c) if ord(c) > 127 else json_lit(c) for c in s)
    d = Doc().t(lead("json", lang, rng) + "\n")
    d.t('{"id": %d, "titolo": "Nota", "testo": "%s", "citt\\u00e0": "Forl\\u00ec", "lingua": "%s"}'
        % (rng.randint(100, 9999), esc, lang))
    return lang, d, ["encoding:json-unicode"]


def n_json_go_html(rng):
    lang = lang_of(rng)
    d = Doc().t({"en": "Why does our Go service return this?\n", "it": "Perché il servizio Go restituisce questo?\n"}[lang])
    d.t('{"message": "\\u003cb\\u003e%s\\u003c/b\\u003e \\u0026 more", "code": %d}' % (
        json_str(sentence(lang, rng)).replace("'", "\\u0027"), rng.choice([200, 400, 422])))
    return lang, d, ["encoding:json-unicode"]


def n_json_nested(rng):
    lang = lang_of(rng)
    city = rng.choice(["Forl\\\\u00ec", "Cant\\\\u00f9", "Citt\\\\u00e0 di Castello", "Bologna"])
    d = Doc().t({"en": "Is this tool call well formed?\n", "it": "Questa chiamata di funzione è ben formata?\n"}[lang])
    d.t('{"role": "assistant", "tool_calls": [{"id": "call_%s", "type": "function", "function": {"name": "get_weather", '
        '"arguments": "{\\"city\\": \\"%s\\", \\"date\\": \\"2025-0%d-%02d\\", \\"units\\": \\"metric\\"}"}}]}'
        % (rs(rng, ALNUM, 24), city, rng.randint(1, 9), rng.randint(1, 28)))
    return lang, d, ["encoding:json-unicode-nested"]


def n_json_slash(rng):
    lang = lang_of(rng)
    d = Doc().t({"en": "The WordPress plugin stores this option:\n", "it": "Il plugin WordPress salva questa opzione:\n"}[lang])
    d.t('{"logo":"https:\\/\\/www.%s\\/wp-content\\/uploads\\/2025\\/0%d\\/logo.png","columns":3,"footer":"\\u00a9 2025"}'
        % (rng.choice(DOMAINS[:10]), rng.randint(1, 9)))
    return lang, d, ["encoding:json-slash"]


def n_code_escapes(rng):
    lang = lang_of(rng)
    pick = rng.choice(["py", "c", "js", "java", "bytes"])
    word = rng.choice(["ERRORE", "WARNING", "Backup completato", "Disk full"])
    d = Doc().t(lead("code", lang, rng) + "\n")
    if pick == "py":
        d.t('```python\nprint("\\x1b[31m%s\\x1b[0m: %%s" %% path)\nSEP = "\\x1f"\n```' % word)
    elif pick == "c":
        d.t('```c\nprintf("\\033[1m%s\\033[0m\\n");\nputs("caff\\303\\250 pronto");\n```' % word)
    elif pick == "js":
        d.t('```js\nconst msg = "Grazie \\u{1F600}, a presto!";\nconst arrow = "\\u{2192}";\n```')
    elif pick == "java":
        d.t('```java\nString city = "Citt\\u00e0 di Castello";\nchar euro = \'\\u20ac\';\n```')
    else:
        d.t('```python\nPNG_MAGIC = b"\\x89PNG\\r\\n\\x1a\\n"\nassert data[:8] == PNG_MAGIC\n```')
    return lang, d, ["encoding:code-escape"]


def n_html_prose(rng):
    lang = lang_of(rng)
    handle = rng.choice(["caffe_centrale", "acme.logistica", "studiobianchi", "northwind_uk"])
    d = Doc().t(lead("html", lang, rng) + "\n\n")
    d.t("<p>Caff&egrave; &amp; Cornetti &ndash; aperto dalle 7&#58;00 alle 19&#58;30.</p>\n"
        "<p>Seguici su Instagram &commat;%s &#x2014; novit&agrave; ogni luned&igrave;.</p>" % handle)
    return lang, d, ["encoding:html-entity"]


def n_url_harmless(rng):
    lang = lang_of(rng)
    q = rng.choice(["ricetta carbonara senza panna", "orari treni Bologna Firenze", "how to rotate logs in systemd",
                    "città più piovose d'Italia"])
    d = Doc().t(lead("url", lang, rng) + "\n")
    r = rng.random()
    if r < 0.4:
        d.t("https://www.google.com/search?q=%s&hl=%s" % ("".join("+" if c == " " else c if c in ALNUM else pct(c) for c in q), lang))
    elif r < 0.7:
        d.t("https://intranet.%s/docs/Verbale%%2520riunione%%2520marzo.pdf?download=1" % rng.choice(DOMAINS[:10]))
    else:
        d.t("https://sso.%s/login?redirect=%s" % (rng.choice(DOMAINS[:10]),
                                                  pct_natural("https://www.%s/ordini?page=2&sort=desc" % rng.choice(DOMAINS[:10]))))
    return lang, d, ["encoding:percent"]


def n_base64_harmless(rng):
    lang = lang_of(rng)
    r = rng.random()
    d = Doc()
    if r < 0.35:
        s = sentence(lang, rng)
        d.t({"en": "What does this say? ", "it": "Cosa c'è scritto qui? "}[lang]).t(encode_b64(s.encode(), rng.choice(["std", "url", "nopad"])))
    elif r < 0.6:
        d.t("apiVersion: v1\nkind: Secret\nmetadata:\n  name: app-settings\ntype: Opaque\ndata:\n")
        for k, v in (("APP_ENV", "production"), ("LOG_LEVEL", "info"), ("PORT", "8080"), ("TZ", "Europe/Rome")):
            d.t("  %s: %s\n" % (k, base64.b64encode(v.encode()).decode()))
        d.t({"en": "Why does the pod ignore LOG_LEVEL?", "it": "Perché il pod ignora LOG_LEVEL?"}[lang])
    elif r < 0.8:
        txt = "\n".join(rng.sample(IT_SENTENCES + EN_SENTENCES, 4)) + "\n"
        d.t({"en": "Attachment from the ticket:\n\n", "it": "Allegato del ticket:\n\n"}[lang])
        d.t("Content-Transfer-Encoding: base64\n\n" + wrap76(base64.b64encode(txt.encode()).decode()) + "\n")
    else:
        raw = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(rng.randrange(256) for _ in range(60))
        d.t({"en": "Is this image data URI valid? ", "it": "Questo data URI è valido? "}[lang])
        d.t("data:image/png;base64," + base64.b64encode(raw).decode())
    return lang, d, ["encoding:base64"]


def n_base64_invalid(rng):
    """base64 of a snippet whose value fails its own checksum, or is a placeholder."""
    lang = lang_of(rng)
    kind = rng.choice(["card", "iban", "cf", "piva", "placeholder", "envref"])
    if kind == "card":
        txt = "cardholder: %s %s\ncard number: %s\n" % (person(rng)[:2] + (" ".join(card_bad(rng)),))
    elif kind == "iban":
        txt = "beneficiario: %s Srl\nIBAN: %s\n" % (rng.choice(IT_LAST), " ".join(group4(iban_bad(rng))))
    elif kind == "cf":
        txt = "codice fiscale: %s\n" % fiscal_code(rng, bad=True)
    elif kind == "piva":
        txt = "partita IVA: %s\n" % piva(rng, bad=True)
    elif kind == "placeholder":
        txt = "OPENAI_API_KEY=<inserisci-qui-la-chiave>\nSTRIPE_SECRET_KEY=sk_live_xxxxxxxxxxxxxxxxxxxxxxxx\n"
    else:
        txt = "smtp:\n  user: alerts\n  password: ${SMTP_PASSWORD}\n"
    d = Doc().t({"en": "Decode this and check it: ", "it": "Decodifica e controlla: "}[lang])
    d.t(encode_b64(txt.encode(), rng.choice(["std", "url", "nopad"])))
    return lang, d, ["encoding:base64", "checksum-fails" if kind in ("card", "iban", "cf", "piva") else "placeholder"]


def n_base64_utf16(rng):
    lang = lang_of(rng)
    script = rng.choice(["Get-ChildItem C:\\Logs -Filter *.log | Where-Object LastWriteTime -lt (Get-Date).AddDays(-30) | Remove-Item",
                         "Restart-Service -Name Spooler -Force; Get-Service Spooler",
                         "Get-Volume | Select-Object DriveLetter, SizeRemaining"])
    d = Doc().t({"en": "EDR flagged this scheduled task, is it malicious?\n",
                 "it": "L'EDR ha segnalato questa attività pianificata, è malevola?\n"}[lang])
    d.t("powershell.exe -NoProfile -EncodedCommand " + base64.b64encode(script.encode("utf-16-le")).decode())
    return lang, d, ["encoding:base64-utf16"]


def n_fullwidth(rng):
    lang = lang_of(rng)
    r = rng.random()
    d = Doc()
    if r < 0.5:
        d.t({"en": "Translate this address label: ", "it": "Traduci questa etichetta: "}[lang])
        d.t("ＡＢＣ株式会社　東京都港区芝公園４丁目　２０２５年４月１日")
    else:
        d.t({"en": "Normalise this product code list: ", "it": "Normalizza questi codici prodotto: "}[lang])
        d.t("、".join("ＳＫＵ－%s" % fullwidth(str(rng.randint(1000, 9999)), rng, "all") for _ in range(4)))
    return lang, d, ["encoding:fullwidth"]


def n_fullwidth_bad(rng):
    lang = lang_of(rng)
    kind = rng.choice(["card", "cf", "iban"])
    d = Doc()
    if kind == "card":
        d.t({"en": "Is ", "it": "Il numero "}[lang]).t(fullwidth(" ".join(card_bad(rng)), rng, "digits"))
        d.t({"en": " a valid card number? The checkout rejects it.", "it": " è una carta valida? Il checkout lo rifiuta."}[lang])
    elif kind == "cf":
        d.t({"en": "The fiscal code ", "it": "Il codice fiscale "}[lang]).t(fullwidth(fiscal_code(rng, bad=True), rng, "all"))
        d.t({"en": " fails validation, how is the check letter computed?", "it": " non passa la verifica, come si calcola il carattere di controllo?"}[lang])
    else:
        d.t({"en": "The bank rejects IBAN ", "it": "La banca rifiuta l'IBAN "}[lang]).t(fullwidth(" ".join(group4(iban_bad(rng))), rng, "digits"))
        d.t({"en": ", why?", "it": ", perché?"}[lang])
    return lang, d, ["encoding:fullwidth", "checksum-fails"]


def n_invisible(rng):
    lang = lang_of(rng)
    r = rng.random()
    d = Doc()
    if r < 0.3:
        d.t("Team 👩\u200d💻👨\u200d💻 " + {"en": "stand-up moved to 10:30, bring the roadmap.", "it": "stand-up spostato alle 10:30, portate la roadmap."}[lang])
    elif r < 0.55:
        d.t("\ufeff" + sentence(lang, rng) + {"en": " Rewrite it more formally.", "it": " Riscrivilo in tono formale."}[lang])
    elif r < 0.8:
        d.t({"en": "Check the hyphenation hints: ", "it": "Controlla la sillabazione: "}[lang])
        d.t("pre\u00adci\u00adpi\u00adte\u00advo\u00adlis\u00adsi\u00adme\u00advol\u00admen\u00adte, Donau\u00addampf\u00adschiff\u00adfahrt")
    else:
        d.t({"en": "Why doesn't this line break? ", "it": "Perché questa riga non va a capo? "}[lang])
        d.t("Wi\u2060Fi ospiti, piano\u20602, stanza\u2060B\u200b12")
    return lang, d, ["encoding:invisible"]


def n_unicode_spaces_dashes(rng):
    lang = lang_of(rng)
    sp = rng.choice(["\u00a0", "\u202f", "\u2009"])
    dash = rng.choice(["\u2013", "\u2011", "\u2212"])
    items = [
        "Totale:%s1%s250,00%s€" % (sp, sp, sp),
        "Popolazione:%s%d%s%03d abitanti" % (sp, rng.randint(100, 999), sp, rng.randint(0, 999)),
        "dal 3%s7 marzo, pagine 120%s135" % (dash, dash),
        "temperatura minima %s5%s°C" % ("\u2212", sp),
        "scadenza 2025%s0%d%s%02d" % (dash, rng.randint(1, 9), dash, rng.randint(1, 28)),
        "orario 9%s13 e 14%s18" % (dash, dash),
    ]
    d = Doc().t({"en": "Tidy up these notes: ", "it": "Sistema questi appunti: "}[lang])
    d.t("; ".join(rng.sample(items, 3)) + ".")
    return lang, d, ["encoding:unicode-space-dash"]


def n_bad_with_separators(rng):
    lang = lang_of(rng)
    kind = rng.choice(["card", "ssn", "iban"])
    d = Doc()
    if kind == "card":
        sep = rng.choice(UDASHES + USPACES[:3])
        d.t({"en": "Why is card ", "it": "Perché la carta "}[lang]).t(sep.join(card_bad(rng)))
        d.t({"en": " declined by the Luhn check?", "it": " non passa il controllo di Luhn?"}[lang])
    elif kind == "ssn":
        d.t({"en": "Is SSN ", "it": "L'SSN "}[lang]).t(rng.choice(UDASHES).join(ssn(rng, bad=True)))
        d.t({"en": " even possible? The form rejects it.", "it": " è possibile? Il modulo lo rifiuta."}[lang])
    else:
        d.t({"en": "Validator says IBAN ", "it": "Il validatore dice che l'IBAN "}[lang])
        d.t(rng.choice(USPACES[:4]).join(group4(iban_bad(rng))))
        d.t({"en": " has a wrong check digit.", "it": " ha le cifre di controllo sbagliate."}[lang])
    return lang, d, ["encoding:unicode-space-dash", "checksum-fails"]


def n_math_circled(rng):
    lang = lang_of(rng)
    d = Doc()
    if rng.random() < 0.5:
        head = rng.choice(["Novità 2025", "Report Q3 2024", "Top 10 tips"])
        d.t(math_alnum(head, rng, True) + "\n" + {"en": "Turn this heading into a LinkedIn post.",
                                                  "it": "Trasforma questo titolo in un post LinkedIn."}[lang])
    else:
        d.t("① " + {"en": "Open the file ② Save a copy ③ Send it to the team. Rewrite these steps.",
                     "it": "Apri il file ② Salva una copia ③ Invialo al team. Riscrivi questi passaggi."}[lang])
    return lang, d, ["encoding:math-circled"]


def imei(rng):
    return luhn_complete("35" + rs(rng, DIGITS, 12))


def n_imei_styled(rng):
    lang = lang_of(rng)
    v = imei(rng)
    shown = rng.choice([math_alnum(v, rng, False), fullwidth(v, rng, "all"), v[:2] + "\u00a0" + v[2:8] + "\u00a0" + v[8:14] + "\u00a0" + v[14]])
    d = Doc().t({"en": "The phone's IMEI is ", "it": "L'IMEI del telefono è "}[lang]).t(shown)
    d.t({"en": "; is it blacklisted? Write the request to the carrier.", "it": ": è in blacklist? Scrivi la richiesta all'operatore."}[lang])
    return lang, d, ["decoy:imei"]


def n_decoys(rng):
    lang = lang_of(rng)
    u = "%08x-%04x-4%03x-%04x-%012x" % (rng.getrandbits(32), rng.getrandbits(16), rng.getrandbits(12),
                                       0x8000 | rng.getrandbits(14), rng.getrandbits(48))
    if rng.random() < 0.5:
        u = u.upper()
    sha = "%064x" % rng.getrandbits(256)
    git = "%040x" % rng.getrandbits(160)
    integ = "sha512-" + base64.b64encode(bytes(rng.randrange(256) for _ in range(64))).decode()
    items = ["request id %s" % u, "image digest sha256:%s" % sha, "commit %s" % git, "integrity %s" % integ]
    d = Doc().t({"en": "Explain these identifiers from the build log: ", "it": "Spiegami questi identificativi del log di build: "}[lang])
    d.t("; ".join(rng.sample(items, 3)) + ".")
    return lang, d, ["decoy:ids"]


def n_placeholders(rng):
    lang = lang_of(rng)
    items = ["AWS_ACCESS_KEY_ID=AKIAXXXXXXXXXXXXXXXX", "GITHUB_TOKEN=ghp_<your-token-here>",
             "SLACK_BOT_TOKEN=xoxb-your-bot-token", "OPENAI_API_KEY=sk-...", "STRIPE_SECRET_KEY=sk_live_****",
             "ANTHROPIC_API_KEY=<your key>", "GOOGLE_MAPS_API_KEY=YOUR_API_KEY"]
    d = Doc().t({"en": "This is our .env.example, write the README section that explains it:\n```\n",
                 "it": "Questo è il nostro .env.example, scrivi la sezione del README che lo spiega:\n```\n"}[lang])
    d.t("\n".join(rng.sample(items, 4)) + "\n```")
    return lang, d, ["decoy:placeholder"]


def n_split_harmless(rng):
    lang = lang_of(rng)
    sha = "%0128x" % rng.getrandbits(512)
    d = Doc().t({"en": "The checksum wrapped in the terminal, is it the same as the published one?\n```\n",
                 "it": "Il checksum è andato a capo nel terminale, è uguale a quello pubblicato?\n```\n"}[lang])
    d.t("$ sha512sum release-2.14.0.tar.gz\n%s\n%s  release-2.14.0.tar.gz\n```" % (sha[:80], sha[80:]))
    return lang, d, ["encoding:line-split"]


def n_qp_harmless(rng):
    lang = lang_of(rng)
    body = ("Buongiorno,\nle confermiamo che la consegna è prevista per giovedì mattina presso il magazzino di Forlì; "
            "in caso di ritardo la avviseremo con un messaggio. Cordiali saluti.\n") if lang == "it" else \
        ("Hello,\nwe confirm the delivery is planned for Thursday morning at the Zürich warehouse; if it is late "
         "we will let you know. Kind regards.\n")
    text, _ = qp_encode([(body, None)], set())
    d = Doc().t({"en": "Clean up this e-mail:\n\n", "it": "Sistema questa mail:\n\n"}[lang])
    d.t('Content-Type: text/plain; charset="utf-8"\nContent-Transfer-Encoding: quoted-printable\n\n' + text)
    return lang, d, ["encoding:quoted-printable"]


def n_md_escape(rng):
    lang = lang_of(rng)
    d = Doc().t({"en": "Rename these fields to camelCase: ", "it": "Rinomina questi campi in camelCase: "}[lang])
    d.t("user\\_id, created\\_at, MAX\\_RETRIES, \\*deprecated\\*, order\\_total\\_eur")
    return lang, d, ["encoding:markdown-escape"]


def n_spelled_cyrillic(rng):
    lang = lang_of(rng)
    r = rng.random()
    d = Doc()
    if r < 0.5:
        d.t({"en": "Write the number three hundred and forty-two thousand in digits and in Italian.",
             "it": "Scrivi in cifre trecentoquarantaduemila e poi in inglese."}[lang])
    else:
        d.t({"en": "Translate into English: ", "it": "Traduci in italiano: "}[lang])
        d.t("Привет! Встреча перенесена на пятницу, в 15:30, в офисе на втором этаже.")
    return lang, d, ["encoding:words-script"]


def n_atdot_template(rng):
    lang = lang_of(rng)
    d = Doc().t({"en": "Our address convention is name.surname [at] company [dot] com; write it up for new hires.",
                 "it": "La convenzione per gli indirizzi è nome.cognome [at] azienda [dot] it: scrivilo per i nuovi assunti."}[lang])
    return lang, d, ["encoding:at-dot", "judgement"]


def n_mixed_uuid_hex(rng):
    lang = lang_of(rng)
    mac = ":".join("%02X" % rng.randrange(256) for _ in range(6))
    d = Doc().t({"en": "Which vendor owns MAC ", "it": "Di quale produttore è il MAC "}[lang]).t(mac)
    d.t({"en": " and what is GUID ", "it": " e cos'è il GUID "}[lang])
    d.t("{%08X-%04x-%04X-%04x-%012X}" % (rng.getrandbits(32), rng.getrandbits(16), rng.getrandbits(16),
                                        rng.getrandbits(16), rng.getrandbits(48)) + "?")
    return lang, d, ["decoy:ids"]


def n_bad_escaped(rng):
    """JSON/HTML/percent-escaped values that fail their checksum."""
    lang = lang_of(rng)
    kind = rng.choice(["json-card", "html-cf", "pct-iban", "json-piva", "html-ssn"])
    d = Doc()
    if kind == "json-card":
        v = " ".join(card_bad(rng))
        esc = escape_with(v, {i for i, c in enumerate(v) if c.isdigit() and rng.random() < 0.5}, fmt_json_u(rng), json_lit)
        d.t(lead("json", lang, rng) + "\n").t('{"order": %d, "card_number": "%s", "status": "declined_luhn"}' % (rng.randint(1000, 9999), esc))
    elif kind == "html-cf":
        v = fiscal_code(rng, bad=True)
        d.t("<p>Codice fiscale (non valido): %s</p>" % escape_with(v, set(range(0, 16, 2)), lambda c: "&#%d;" % ord(c)))
        d.t({"en": "\nWhy does the validator reject it?", "it": "\nPerché il validatore lo rifiuta?"}[lang])
    elif kind == "pct-iban":
        v = " ".join(group4(iban_bad(rng)))
        d.t(lead("url", lang, rng) + "\n").t("https://pagamenti.%s/verifica?iban=%s&esito=KO" % (rng.choice(DOMAINS[:10]), pct_natural(v)))
    elif kind == "json-piva":
        v = piva(rng, bad=True)
        d.t('{"fornitore": "%s Srl", "partita_iva": "%s", "errore": "check digit"}' % (rng.choice(IT_LAST), "".join("\\u%04x" % ord(c) for c in v)))
    else:
        g = ssn(rng, bad=True)
        d.t("<td>SSN (invalid area)</td><td>%s&#45;%s&#45;%s</td>" % tuple(g))
    return lang, d, ["checksum-fails"]


def isbn13(rng):
    body = rng.choice(["97888", "97912", "97801"]) + rs(rng, DIGITS, 7)
    c = (10 - sum(int(ch) * (1 if i % 2 == 0 else 3) for i, ch in enumerate(body)) % 10) % 10
    return body + str(c)


def n_hard_decoys(rng):
    """Harmless content dressed in the same encodings as the evasions."""
    lang = lang_of(rng)
    kind = rng.choice(["cursor", "jws-no-alg", "isbn", "math-date", "json-ids", "html-price", "tracking",
                       "flag-tags", "emoji-vs"])
    d = Doc()
    if kind == "cursor":
        cur = b64u(json.dumps({"page": rng.randint(2, 40), "sort": "desc",
                               "after": "2025-0%d-%02dT10:00:00Z" % (rng.randint(1, 9), rng.randint(1, 28))}).encode())
        d.t(lead("url", lang, rng) + "\n").t("https://api.%s/v1/orders?limit=50&cursor=%s" % (rng.choice(DOMAINS[:10]), cur))
    elif kind == "jws-no-alg":
        tok = ".".join([b64u(b'{"typ":"cursor","v":1}'), b64u(json.dumps({"offset": rng.randint(50, 5000)}).encode()),
                        b64u(bytes(rng.randrange(256) for _ in range(12)))])
        d.t({"en": "Our pagination token looks like a JWT but has no algorithm, is that a problem? ",
             "it": "Il nostro token di paginazione sembra un JWT ma non ha algoritmo, è un problema? "}[lang]).t(tok)
    elif kind == "isbn":
        v = isbn13(rng)
        sp = rng.choice(["\u00a0", "\u2009", "\u2011"])
        shown = sp.join([v[:3], v[3:5], v[5:9], v[9:12], v[12]])
        d.t({"en": "Format this reference for the bibliography: ISBN ", "it": "Formatta questo riferimento per la bibliografia: ISBN "}[lang])
        d.t(shown + ", Milano, 2019.")
    elif kind == "math-date":
        dt = "%02d/%02d/2025 %02d:%02d" % (rng.randint(1, 28), rng.randint(1, 12), rng.randint(8, 19), rng.randint(0, 59))
        d.t({"en": "Make this poster line plain text: ", "it": "Rendi testo semplice questa riga del poster: "}[lang])
        d.t(math_alnum("Open day " + dt, rng, True))
    elif kind == "json-ids":
        oid = "ORD-2025%04d-%04d" % (rng.randint(101, 1231), rng.randint(1, 9999))
        u = "%08x-%04x-4%03x-%04x-%012x" % (rng.getrandbits(32), rng.getrandbits(16), rng.getrandbits(12),
                                           0x8000 | rng.getrandbits(14), rng.getrandbits(48))
        d.t(lead("json", lang, rng) + "\n").t('{"order_id": "%s", "trace_id": "%s", "qty": %d}' % (
            "".join("\\u%04x" % ord(c) if rng.random() < 0.4 else c for c in oid),
            "".join("\\u%04x" % ord(c) if rng.random() < 0.3 else c for c in u), rng.randint(1, 20)))
    elif kind == "html-price":
        d.t(lead("html", lang, rng) + "\n\n")
        d.t("<p>Totale: &euro;&nbsp;%d&#8239;%03d,%02d &ndash; ordine &#x2116;&nbsp;%d, consegna 3&ndash;5 giorni.</p>"
            % (rng.randint(1, 99), rng.randint(0, 999), rng.randint(0, 99), rng.randint(1000, 99999)))
    elif kind == "tracking":
        trk = "1Z" + rs(rng, UPPER + DIGITS, 6) + rs(rng, DIGITS, 10)
        g = " ".join([trk[:2], trk[2:5], trk[5:8], trk[8:10], trk[10:14], trk[14:]])
        d.t(lead("url", lang, rng) + "\n").t("https://track.%s/status?n=%s&lang=%s" % (
            rng.choice(DOMAINS[:10]), "".join("+" if c == " " else c for c in g), lang))
    elif kind == "flag-tags":
        flag = "\U0001F3F4" + tags_encode(rng.choice(["gbsct", "gbwls", "gbeng"])) + "\U000E007F"
        d.t(flag + " " + {"en": "Edinburgh office reopens on Monday; write the announcement.",
                          "it": "La sede di Edimburgo riapre lunedì: scrivi l'annuncio."}[lang])
    else:
        d.t({"en": "Thanks \u2764\ufe0f all done \u2714\ufe0f, call us \u260e\ufe0f any time! Make this more formal.",
             "it": "Grazie \u2764\ufe0f tutto fatto \u2714\ufe0f, chiamateci \u260e\ufe0f quando volete! Rendilo più formale."}[lang])
    return lang, d, ["decoy:" + kind]


NEGS = [
    (n_json_accents, 1.0), (n_json_go_html, 0.7), (n_json_nested, 0.8), (n_json_slash, 0.7), (n_code_escapes, 1.2),
    (n_html_prose, 1.0), (n_url_harmless, 1.0), (n_base64_harmless, 1.5), (n_base64_invalid, 1.5),
    (n_base64_utf16, 0.6), (n_fullwidth, 0.8), (n_fullwidth_bad, 1.0), (n_invisible, 1.0),
    (n_unicode_spaces_dashes, 1.0), (n_bad_with_separators, 1.2), (n_math_circled, 0.8), (n_imei_styled, 0.8),
    (n_decoys, 1.0), (n_placeholders, 0.8), (n_split_harmless, 0.6), (n_qp_harmless, 0.6), (n_md_escape, 0.5),
    (n_spelled_cyrillic, 0.6), (n_atdot_template, 0.4), (n_mixed_uuid_hex, 0.6), (n_bad_escaped, 1.2),
    (n_hard_decoys, 2.5),
]


# --------------------------------------------------------------------------- main

def wchoice(rng, items):
    tot = sum(w for _, w in items)
    x = rng.random() * tot
    for it, w in items:
        x -= w
        if x < 0:
            return it
    return items[-1][0]


def generate(seed, n):
    rng = random.Random(seed)
    SPLIT_STYLE[0] = 0
    n_pos = round(n * 0.6)
    labels = [True] * n_pos + [False] * (n - n_pos)
    rng.shuffle(labels)
    kinds = [(k, w) for k, (_, w, _) in KINDS.items()]
    cycles = {}
    out = []
    for i, pos in enumerate(labels):
        if pos:
            kind = wchoice(rng, kinds)
            build, _, types = KINDS[kind]
            cyc = cycles.get(kind)
            if not cyc:
                cyc = list(types)
                rng.shuffle(cyc)
                cycles[kind] = cyc
            typ = cyc.pop()
            lang, d, extra = build(rng, typ)
            tags = ["evasion:" + kind] if not any(t.startswith("evasion:") for t in extra) else []
            tags += extra
        else:
            lang, d, extra = wchoice(rng, NEGS)(rng)
            tags = ["negative"] + extra
        text, finds = d.build()
        if pos:
            assert finds, kind
        else:
            assert not finds
        out.append({"id": "a32-%d-%04d" % (seed, i), "lang": lang, "text": text, "findings": finds, "tags": tags})
    return out


def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    seed, n, path = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
    cases = generate(seed, n)
    with open(path, "w", encoding="utf-8") as f:
        for c in cases:
            f.write(json.dumps(c, ensure_ascii=False) + "\n")
    print("wrote %d cases to %s" % (len(cases), path))


if __name__ == "__main__":
    main()
