#!/usr/bin/env python3
"""audit36 - evasions III: every finding type, every evasion kind dev uses.

  python3 gen.py SEED N OUT.jsonl

Writes N JSONL lines {id, lang, text, findings:[{type,start,end,value}], tags} in the
format of shared/corpus/dev.jsonl (byte offsets into the UTF-8 text, `value` is the text
slice).  Short EN/IT prompts (a request and one pasted fragment).  About 62 % positives,
60 % of them with the value evaded (full-width, zero-width, JSON \\u escapes, base64,
percent-encoding, sometimes two combined), spread evenly over the 23 types x 5 kinds;
about 35 % negatives, most of them evaded the same ways; about 3 % judgement calls.
Every value is fabricated from the seed; a self-check runs on every case before writing.
Python 3 standard library only; the output depends on SEED and N alone.
"""
import base64
import binascii
import ipaddress
import json
import random
import re
import sys
import unicodedata
import urllib.parse
import zlib

# ============================================================================ basics

DIG = "0123456789"
UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
LOWER = "abcdefghijklmnopqrstuvwxyz"
ALNUM = UPPER + LOWER + DIG
URLSAFE = ALNUM + "-_"
B62 = DIG + UPPER + LOWER          # pybase62's default alphabet, as GitHub's checksum uses
HEX = "0123456789abcdef"
B32 = UPPER + "234567"

TYPES = ["EMAIL", "PHONE", "CREDIT_CARD", "IBAN", "IT_FISCAL_CODE", "IT_VAT", "US_SSN", "IP_ADDRESS",
         "AWS_ACCESS_KEY", "AWS_SECRET_KEY", "GITHUB_TOKEN", "GITLAB_TOKEN", "SLACK_TOKEN", "SLACK_WEBHOOK",
         "STRIPE_KEY", "OPENAI_KEY", "ANTHROPIC_KEY", "GOOGLE_API_KEY", "PRIVATE_KEY", "JWT", "CREDENTIAL_URL",
         "PASSWORD", "CONFIDENTIAL_MARKER"]
KINDS = ["fullwidth", "zero-width", "json", "base64", "percent"]
ZW = ["\u200b", "\u200c", "\u200d", "\u2060", "\u00ad", "\ufeff"]
ZW_W = [(40, "\u200b"), (12, "\u200c"), (12, "\u200d"), (12, "\u2060"), (14, "\u00ad"), (10, "\ufeff")]


class Gen:
    def __init__(self, seed):
        self.r = random.Random(seed)

    def ch(self, seq):
        return self.r.choice(seq)

    def s(self, alphabet, n):
        return "".join(self.r.choice(alphabet) for _ in range(n))

    def p(self, prob):
        return self.r.random() < prob

    def ri(self, a, b):
        return self.r.randint(a, b)

    def w(self, items):
        tot = sum(x for x, _ in items)
        t = self.r.random() * tot
        for x, v in items:
            t -= x
            if t < 0:
                return v
        return items[-1][1]


# ============================================================================ checksums

def luhn_ok(d):
    tot = 0
    for i, c in enumerate(reversed(d)):
        n = int(c)
        if i % 2:
            n *= 2
            if n > 9:
                n -= 9
        tot += n
    return tot % 10 == 0


def luhn_fill(g, prefix, length):
    body = prefix + g.s(DIG, length - len(prefix) - 1)
    for c in DIG:
        if luhn_ok(body + c):
            return body + c


def mod97_digits(s):
    return int("".join(str(int(c, 36)) for c in s)) % 97


def iban_check_digits(cc, bban):
    return "%02d" % (98 - mod97_digits(bban + cc + "00"))


CF_ODD_V = [1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23]
CF_ODD = {}
CF_EVEN = {}
for _i, _c in enumerate(DIG):
    CF_ODD[_c], CF_EVEN[_c] = CF_ODD_V[_i], _i
for _i, _c in enumerate(UPPER):
    CF_ODD[_c], CF_EVEN[_c] = CF_ODD_V[_i], _i


def cf_char(s15):
    return UPPER[sum(CF_ODD[c] if i % 2 == 0 else CF_EVEN[c] for i, c in enumerate(s15)) % 26]


def piva_char(d10):
    tot = 0
    for i, c in enumerate(d10):
        n = int(c)
        if i % 2:
            n *= 2
            if n > 9:
                n -= 9
        tot += n
    return str((10 - tot % 10) % 10)


def b62(n, width=6):
    s = ""
    while n:
        s = B62[n % 62] + s
        n //= 62
    return s.rjust(width, "0")


def gh_checksum(entropy):
    return b62(zlib.crc32(entropy.encode()) & 0xFFFFFFFF)


def b64url(b):
    return base64.urlsafe_b64encode(b).decode().rstrip("=")


def b64url_dec(s):
    return base64.urlsafe_b64decode(s + "=" * (-len(s) % 4))


# ============================================================================ pools

FIRST_IT = ["Alessandro", "Beatrice", "Chiara", "Dario", "Elisa", "Francesco", "Giulia", "Ilaria", "Luca",
            "Marta", "Nicolò", "Paola", "Roberto", "Sara", "Tiziana", "Valerio", "Camilla", "Enrico", "Lucia",
            "Massimo", "Federica", "Gianluca", "Silvia", "Andrea"]
LAST_IT = ["Rossi", "Bianchi", "Esposito", "Colombo", "Ricci", "Marino", "Greco", "Bruno", "Gallo", "Costa",
           "Fontana", "Conti", "De Santis", "Ferraro", "Lombardo", "Moretti", "Barbieri", "Rinaldi", "Caputo",
           "Ferri", "Longo", "Mazza", "Parisi", "Sanna"]
FIRST_EN = ["Adam", "Bridget", "Connor", "Diane", "Elliot", "Frances", "Gavin", "Holly", "Ian", "Julia",
            "Kyle", "Leah", "Miles", "Nora", "Oscar", "Paige", "Ryan", "Stella", "Trevor", "Vanessa"]
LAST_EN = ["Adams", "Baker", "Collins", "Dixon", "Evans", "Foster", "Griffin", "Harper", "Irving", "Jordan",
           "Keller", "Lawson", "Murphy", "Nash", "Owens", "Porter", "Reed", "Shaw", "Turner", "Walsh"]
COMPANY_DOMAINS = ["ferramenta-bassi.it", "studiolegale-marino.it", "logistica-tirrena.it", "northfield-group.com",
                   "alpenbau.de", "caseificio-valtellina.it", "brightlane.io", "ortofrutta-sud.it",
                   "pec.commercialista-ricci.it", "medlab-torino.it", "harrowgate.co.uk", "vetro-design.eu",
                   "nordest-impianti.it", "skyforge.dev", "olivera-spa.it", "pec.comune.lecco.it"]
FREE_DOMAINS = ["gmail.com", "libero.it", "outlook.com", "hotmail.it", "yahoo.it", "icloud.com", "tiscali.it",
                "virgilio.it", "proton.me", "fastwebnet.it"]
COMPANIES = ["Bassi Ferramenta S.r.l.", "Logistica Tirrena S.p.A.", "Studio Marino & Partners",
             "Caseificio Valtellina Soc. Coop.", "Nordest Impianti S.r.l.", "Olivera S.p.A.", "Vetro Design S.n.c.",
             "Northfield Group Ltd", "Alpenbau GmbH", "Ortofrutta Sud S.r.l.s."]
URL_HOSTS = ["crm.logistica-tirrena.it", "portal.northfield-group.com", "app.brightlane.io", "erp.olivera-spa.it",
             "intranet.nordest-impianti.it", "forms.medlab-torino.it", "api.skyforge.dev", "shop.vetro-design.eu"]
DB_HOSTS = ["db-prod-02.internal", "pg.logistica-tirrena.it", "mysql.olivera-spa.it", "cache01.skyforge.dev",
            "mq.brightlane.io", "orders-db.northfield-group.com", "mongo-eu.nordest-impianti.it"]
BELFIORE = ["H501", "F205", "L219", "G273", "A944", "F839", "C351", "D612", "A662", "L736", "B354", "E506",
            "L424", "G224", "H703", "E463", "B157", "L781", "D969", "Z404", "Z112"]
USERS = ["mrossi", "g.bianchi", "svc-report", "ci-bot", "lcosta", "admin.erp", "tturner", "ops"]
SVCS = ["billing", "orders", "reporting", "crm-sync", "notifier", "warehouse", "payments"]


# ============================================================================ fabricators (plain values)

def f_email(g):
    if g.p(0.55):
        fi, la = g.ch(FIRST_IT), g.ch(LAST_IT)
    else:
        fi, la = g.ch(FIRST_EN), g.ch(LAST_EN)
    fi = fi.lower().replace("ò", "o")
    la = la.lower().replace(" ", "")
    local = g.ch([fi + "." + la, fi[0] + la, fi + "_" + la + str(g.ri(1, 99)), fi + "+" + g.ch(["fatture", "news", "crm"]),
                  la + "." + fi, fi + "-" + la, g.ch(["amministrazione", "ufficio.acquisti", "hr", "billing", "segreteria"])])
    dom = g.ch(COMPANY_DOMAINS) if g.p(0.55) else g.ch(FREE_DOMAINS)
    return local + "@" + dom


def f_phone(g):
    k = g.w([(30, "itm"), (18, "itf"), (20, "us"), (12, "uk"), (10, "de"), (10, "fr")])
    if k == "itm":
        pre = "3" + g.ch(["20", "27", "28", "29", "30", "33", "34", "35", "38", "39", "40", "45", "47", "48", "49", "66", "80", "88", "92"])
        r = g.s(DIG, 7)
        return g.ch(["+39 %s %s %s" % (pre, r[:3], r[3:]), "+39%s%s" % (pre, r), "%s %s" % (pre, r),
                     "%s-%s-%s" % (pre, r[:3], r[3:]), "(+39) %s %s" % (pre, r), "0039 %s %s" % (pre, r)])
    if k == "itf":
        ac = g.ch(["02", "06", "011", "010", "051", "055", "081", "091", "045", "049", "0521", "035"])
        n = g.s("2345678", 1) + g.s(DIG, 9 - len(ac))
        return g.ch(["+39 %s %s" % (ac, n), "%s/%s" % (ac, n), "%s %s" % (ac, n), "%s-%s" % (ac, n)])
    if k == "us":
        while True:
            a = "%d%d%d" % (g.ri(2, 9), g.ri(0, 8), g.ri(0, 9))
            e = "%d%d%d" % (g.ri(2, 9), g.ri(0, 9), g.ri(0, 9))
            if a[1:] != "11" and e[1:] != "11" and e != "555":
                break
        l = g.s(DIG, 4)
        return g.ch(["(%s) %s-%s", "%s-%s-%s", "+1 %s %s %s", "+1 (%s) %s-%s", "%s.%s.%s", "1-%s-%s-%s"]) % (a, e, l)
    if k == "uk":
        if g.p(0.5):
            n = g.s("3789", 1) + g.s(DIG, 7)
            return g.ch(["+44 20 %s %s", "020 %s %s"]) % (n[:4], n[4:])
        return g.ch(["+44 7%s %s", "07%s %s"]) % (g.s("45789", 1) + g.s(DIG, 2), g.s(DIG, 6))
    if k == "de":
        if g.p(0.5):
            n = g.s("2345678", 1) + g.s(DIG, 7)
            return g.ch(["+49 30 %s %s", "030 %s %s", "+49 89 %s %s"]) % (n[:4], n[4:])
        return g.ch(["+49 %s %s", "0%s %s"]) % (g.ch(["151", "160", "170", "171", "172", "176", "179"]), g.s(DIG, 7))
    d = g.s("1234567", 1) + g.s(DIG, 8)
    pairs = " ".join(d[i:i + 2] for i in range(1, 9, 2))
    return g.ch(["+33 %s %s" % (d[0], pairs), "0%s %s" % (d[0], pairs)])


TEST_CARDS = {"4111111111111111", "4242424242424242", "5555555555554444", "4000056655665556", "378282246310005",
              "6011111111111117", "5105105105105100", "4012888888881881", "371449635398431", "4000000000000002"}


def card_brand(d):
    n = len(d)
    if d[0] == "4" and n in (13, 16, 19):
        return "visa"
    if n == 16 and (51 <= int(d[:2]) <= 55 or 2221 <= int(d[:4]) <= 2720):
        return "mc"
    if n == 15 and d[:2] in ("34", "37"):
        return "amex"
    if n in (16, 19) and (d[:4] == "6011" or d[:2] == "65" or 644 <= int(d[:3]) <= 649):
        return "discover"
    if n in (16, 19) and 3528 <= int(d[:4]) <= 3589:
        return "jcb"
    if n == 14 and (d[:2] in ("36", "38") or 300 <= int(d[:3]) <= 305):
        return "diners"
    return None


def group_digits(d, sep):
    if not sep:
        return d
    n = len(d)
    grp = [4, 6, 5] if n == 15 else [4, 6, 4] if n == 14 else [4] * (n // 4) + ([n % 4] if n % 4 else [])
    out, i = [], 0
    for k in grp:
        out.append(d[i:i + k])
        i += k
    return sep.join(out)


def card_digits(g):
    b = g.w([(34, "visa"), (26, "mc"), (8, "mc2"), (12, "amex"), (8, "disc"), (6, "jcb"), (6, "diners")])
    if b == "visa":
        return luhn_fill(g, "4", 16)
    if b == "mc":
        return luhn_fill(g, str(g.ri(51, 55)), 16)
    if b == "mc2":
        return luhn_fill(g, str(g.ri(2221, 2720)), 16)
    if b == "amex":
        return luhn_fill(g, g.ch(["34", "37"]), 15)
    if b == "disc":
        return luhn_fill(g, g.ch(["6011", "65", str(g.ri(644, 649))]), 16)
    if b == "jcb":
        return luhn_fill(g, str(g.ri(3528, 3589)), 16)
    return luhn_fill(g, g.ch(["36", "38", "30" + str(g.ri(0, 5))]), 14)


def f_card(g):
    while True:
        d = card_digits(g)
        if d not in TEST_CARDS:
            return group_digits(d, g.w([(45, " "), (25, "-"), (30, "")]))


# SEPA countries: length and BBAN structure from the IBAN registry (n digit, a letter, c alphanumeric)
IBAN_FMT = {
    "AD": (24, "4n4n12c"), "AT": (20, "5n11n"), "BE": (16, "3n7n2n"), "BG": (22, "4a4n2n8c"), "CH": (21, "5n12c"),
    "CY": (28, "3n5n16c"), "CZ": (24, "4n6n10n"), "DE": (22, "8n10n"), "DK": (18, "4n9n1n"), "EE": (20, "2n2n11n1n"),
    "ES": (24, "4n4n1n1n10n"), "FI": (18, "3n11n"), "FR": (27, "5n5n11c2n"), "GB": (22, "4a6n8n"), "GI": (23, "4a15c"),
    "GR": (27, "3n4n16c"), "HR": (21, "7n10n"), "HU": (28, "3n4n1n15n1n"), "IE": (22, "4a6n8n"), "IS": (26, "4n2n6n10n"),
    "IT": (27, "1a5n5n12c"), "LI": (21, "5n12c"), "LT": (20, "5n11n"), "LU": (20, "3n13c"), "LV": (21, "4a13c"),
    "MC": (27, "5n5n11c2n"), "MT": (31, "4a5n18c"), "NL": (18, "4a10n"), "NO": (15, "4n6n1n"), "PL": (28, "8n16n"),
    "PT": (25, "4n4n11n2n"), "RO": (24, "4a16c"), "SE": (24, "3n16n1n"), "SI": (19, "5n8n2n"), "SK": (24, "4n6n10n"),
    "SM": (27, "1a5n5n12c"), "VA": (22, "3n15n"),
}
IBAN_W = [(30, "IT")] + [(6, c) for c in ("DE", "FR", "ES", "NL", "GB", "CH", "AT", "BE")] + \
         [(2, c) for c in IBAN_FMT if c not in ("IT", "DE", "FR", "ES", "NL", "GB", "CH", "AT", "BE")]


def bban_regex(fmt):
    out = ""
    for num, kind in re.findall(r"(\d+)([anc])", fmt):
        out += {"n": "[0-9]", "a": "[A-Z]", "c": "[A-Z0-9]"}[kind] + "{%s}" % num
    return re.compile("^" + out + "$")


BBAN_RE = {c: bban_regex(f) for c, (_, f) in IBAN_FMT.items()}


def bban_random(g, fmt):
    out = ""
    for num, kind in re.findall(r"(\d+)([anc])", fmt):
        k = int(num)
        if kind == "n":
            out += g.s(DIG, k)
        elif kind == "a":
            out += g.s(UPPER, k)
        else:
            out += g.s(DIG, k) if g.p(0.8) else g.s(UPPER + DIG, k)
    return out


def bban_for(g, cc):
    fmt = IBAN_FMT[cc][1]
    if cc in ("IT", "SM"):
        abi, cab, conto = g.s(DIG, 5), g.s(DIG, 5), g.s(DIG, 12)
        return cf_char(abi + cab + conto) + abi + cab + conto    # CIN: the fiscal-code check letter over ABI+CAB+conto
    if cc in ("FR", "MC"):
        bank, branch, acct = g.s(DIG, 5), g.s(DIG, 5), g.s(DIG, 11)
        key = 97 - ((89 * int(bank) + 15 * int(branch) + 3 * int(acct)) % 97)
        return bank + branch + acct + "%02d" % key
    if cc == "ES":
        w = [1, 2, 4, 8, 5, 10, 9, 7, 3, 6]

        def dc(s10):
            v = 11 - sum(int(c) * w[i] for i, c in enumerate(s10)) % 11
            return {10: 1, 11: 0}.get(v, v)
        bank, branch, acct = g.s(DIG, 4), g.s(DIG, 4), g.s(DIG, 10)
        return bank + branch + str(dc("00" + bank + branch)) + str(dc(acct)) + acct
    if cc == "BE":
        first = g.s(DIG, 10)
        return first + "%02d" % (int(first) % 97 or 97)
    if cc == "NL":
        while True:
            acct = g.s(DIG, 10)
            if acct[0] != "0" and sum(int(c) * (10 - i) for i, c in enumerate(acct)) % 11 == 0:
                return g.ch(["ABNA", "RABO", "INGB", "SNSB", "TRIO"]) + acct
    if cc == "PT":
        first = g.s(DIG, 19)
        return first + "%02d" % (98 - (int(first) * 100) % 97)
    if cc == "NO":
        wts = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2]
        while True:
            d = g.s(DIG, 10)
            c = 11 - sum(int(x) * wts[i] for i, x in enumerate(d)) % 11
            c = 0 if c == 11 else c
            if c != 10:
                return d + str(c)
    if cc == "FI":
        return luhn_fill(g, g.s(DIG, 1), 14)
    if cc == "GB":
        return g.ch(["NWBK", "BARC", "LOYD", "HBUK", "MIDL"]) + g.s(DIG, 14)
    if cc == "IE":
        return g.ch(["AIBK", "BOFI", "IPBS"]) + g.s(DIG, 14)
    return bban_random(g, fmt)


def iban_compact(g, cc=None):
    cc = cc or g.w(IBAN_W)
    bban = bban_for(g, cc)
    iban = cc + iban_check_digits(cc, bban) + bban
    assert valid_iban(iban), iban
    return iban


def group4(s):
    return " ".join(s[i:i + 4] for i in range(0, len(s), 4))


def f_iban(g):
    v = iban_compact(g)
    return group4(v) if g.p(0.5) else v


def f_cf(g):
    cons = "BCDFGHJKLMNPQRSTVZ"
    tri = lambda: g.s(cons, 3) if g.p(0.85) else g.s(cons, 2) + g.ch("AEIOU")
    day = g.ri(1, 28) + (40 if g.p(0.5) else 0)
    body = tri() + tri() + "%02d" % g.ri(40, 99) + g.ch("ABCDEHLMPRST") + "%02d" % day + g.ch(BELFIORE)
    if g.p(0.1):
        b = list(body)
        for pos in [14, 13, 12][:g.ri(1, 2)]:
            b[pos] = "LMNPQRSTUV"[int(b[pos])]
        body = "".join(b)
    return body + cf_char(body)


def f_vat(g):
    d10 = g.s(DIG, 7) + g.w([(90, "%03d" % g.ri(1, 100)), (5, "120"), (5, "121")])
    return d10 + piva_char(d10)


def f_ssn(g):
    while True:
        area = g.ri(1, 899)
        if area != 666:
            break
    a, b, c = "%03d" % area, "%02d" % g.ri(1, 99), "%04d" % g.ri(1, 9999)
    sep = g.w([(80, "-"), (12, " "), (8, "")])
    return sep.join([a, b, c])


def f_ip(g):
    k = g.w([(45, "pub"), (30, "priv"), (25, "v6")])
    if k == "pub":
        while True:
            a = g.ri(1, 223)
            if a not in (10, 100, 127, 169, 172, 192, 198, 203):
                break
        return "%d.%d.%d.%d" % (a, g.ri(0, 255), g.ri(0, 255), g.ri(1, 254))
    if k == "priv":
        return g.ch(["10.%d.%d.%d" % (g.ri(0, 255), g.ri(0, 255), g.ri(1, 254)),
                     "172.%d.%d.%d" % (g.ri(16, 31), g.ri(0, 255), g.ri(1, 254)),
                     "192.168.%d.%d" % (g.ri(0, 255), g.ri(1, 254))])
    h = lambda: "%x" % g.ri(1, 0xFFFF)
    return g.ch(["2a0%d:%s:%s:%s::%s" % (g.ri(1, 9), h(), h(), h(), h()), "fd%02x:%s:%s::%s" % (g.ri(0, 255), h(), h(), h()),
                 "2a02:%s:%s:%s:%s:%s:%s:%s" % (h(), h(), h(), h(), h(), h(), h())])


def f_awsid(g):
    return g.w([(75, "AKIA"), (25, "ASIA")]) + g.s(B32, 16)


def f_awssecret(g):
    while True:
        s = g.s(ALNUM + "/+", 40)
        if "EXAMPLE" not in s and any(c in s for c in "/+"):
            return s


def f_gh(g):
    ent = g.s(ALNUM, 30)
    return g.w([(60, "ghp"), (10, "gho"), (10, "ghu"), (14, "ghs"), (6, "ghr")]) + "_" + ent + gh_checksum(ent)


def f_gl(g):
    while True:
        v = "glpat-" + g.s(URLSAFE, 20)
        if sum(c.isdigit() for c in v) >= 2:
            return v


def f_slack(g):
    if g.p(0.6):
        return "xoxb-%s-%s-%s" % (g.s("123456789", 1) + g.s(DIG, 11), g.s("123456789", 1) + g.s(DIG, 12), g.s(ALNUM, 24))
    return "xoxp-%s-%s-%s-%s" % (g.s("123456789", 1) + g.s(DIG, 11), g.s("123456789", 1) + g.s(DIG, 11),
                                 g.s("123456789", 1) + g.s(DIG, 12), g.s(HEX, 32))


def f_hook(g):
    return "https://hooks.slack.com/services/T%s/B%s/%s" % (g.s(UPPER + DIG, g.ri(8, 10)), g.s(UPPER + DIG, g.ri(8, 10)),
                                                           g.s(ALNUM, 24))


def f_stripe(g):
    pre = g.w([(70, "sk_live_"), (30, "rk_live_")])
    return pre + (g.s(ALNUM, 24) if g.p(0.4) else "51" + g.s(ALNUM, 97))


def f_openai(g):
    k = g.w([(35, "legacy"), (50, "proj"), (15, "svc")])
    if k == "legacy":
        return "sk-" + g.s(ALNUM, 20) + "T3BlbkFJ" + g.s(ALNUM, 20)
    return ("sk-proj-" if k == "proj" else "sk-svcacct-") + g.s(URLSAFE, 74) + "T3BlbkFJ" + g.s(URLSAFE, 74)


def f_anth(g):
    return "sk-ant-api03-" + g.s(URLSAFE, 93) + "AA"


def f_google(g):
    return "AIza" + g.s(URLSAFE, 35)


PEM_KINDS = [(30, "EC PRIVATE KEY"), (25, "RSA PRIVATE KEY"), (25, "PRIVATE KEY"), (20, "OPENSSH PRIVATE KEY")]


def f_pem(g):
    kind = g.w(PEM_KINDS)
    rb = lambda n: bytes(g.ri(0, 255) for _ in range(n))
    width = 64
    if kind == "EC PRIVATE KEY":
        der = bytes.fromhex("30770201010420") + rb(32) + bytes.fromhex("a00a06082a8648ce3d030107a144034200") + b"\x04" + rb(64)
    elif kind == "RSA PRIVATE KEY":
        der = bytes.fromhex("308204a40201000282010100") + rb(g.ri(250, 420))
    elif kind == "PRIVATE KEY":
        if g.p(0.5):
            der = bytes.fromhex("302e020100300506032b657004220420") + rb(32)
        else:
            der = bytes.fromhex("308204be020100300d06092a864886f70d0101010500048204a8308204a40201000282010100") + rb(g.ri(250, 400))
    else:
        der = (b"openssh-key-v1\x00\x00\x00\x00\x04none\x00\x00\x00\x04none\x00\x00\x00\x00\x00\x00\x00\x01"
               b"\x00\x00\x003\x00\x00\x00\x0bssh-ed25519" + rb(g.ri(180, 260)))
        width = 70
    b = base64.b64encode(der).decode()
    lines = [b[i:i + width] for i in range(0, len(b), width)]
    return "\n".join(["-----BEGIN %s-----" % kind] + lines + ["-----END %s-----" % kind])


def f_jwt(g):
    alg = g.w([(50, "HS256"), (35, "RS256"), (15, "ES256")])
    header = g.ch([{"alg": alg, "typ": "JWT"}, {"typ": "JWT", "alg": alg}, {"alg": alg, "kid": g.s(HEX, 12)}])
    iat = g.ri(1700000000, 1765000000)
    payload = {"sub": str(g.ri(1000, 99999999)), "iat": iat, "exp": iat + g.ch([900, 3600, 86400])}
    if g.p(0.4):
        payload["name"] = g.ch(FIRST_IT + FIRST_EN).replace("ò", "o")
    if g.p(0.4):
        payload["role"] = g.ch(["admin", "viewer", "service", "editor"])
    sep = (",", ":") if g.p(0.7) else (", ", ": ")
    sig = bytes(g.ri(0, 255) for _ in range({"HS256": 32, "RS256": 256, "ES256": 64}[alg]))
    return ".".join([b64url(json.dumps(header, separators=sep).encode()), b64url(json.dumps(payload, separators=sep).encode()),
                     b64url(sig)])


PORTS = {"postgres": 5432, "postgresql": 5432, "mysql": 3306, "mongodb": 27017, "redis": 6379, "amqp": 5672,
         "amqps": 5671, "mssql": 1433, "ftp": 21, "smtp": 587, "mongodb+srv": None}


def url_password(g):
    while True:
        pw = g.s(ALNUM, g.ri(8, 14)) + g.ch(["", "!", "*", "-", "_", "."]) + g.s(ALNUM, g.ri(2, 5))
        if any(c.isdigit() for c in pw) and any(c.isupper() for c in pw):
            return pw


def f_curl(g):
    scheme = g.w([(20, "postgres"), (10, "postgresql"), (15, "mysql"), (12, "mongodb+srv"), (6, "mongodb"),
                  (12, "redis"), (10, "amqp"), (4, "amqps"), (5, "mssql"), (3, "ftp"), (3, "smtp")])
    user = g.ch(["app", "svc_orders", "etl_user", "admin", "deploy", "grafana", "billing_rw", "report"])
    pw = url_password(g)
    if scheme == "mongodb+srv":
        return "mongodb+srv://%s:%s@cluster0.%s.mongodb.net/%s?retryWrites=true" % (user, pw, g.s("abcdefghjkmnpqrstuvwxyz0123456789", 5), g.ch(["orders", "crm", "prod"]))
    host = g.ch(DB_HOSTS)
    if scheme in ("ftp", "smtp"):
        return "%s://%s:%s@%s:%d" % (scheme, user, pw, host, PORTS[scheme])
    port = "" if g.p(0.2) else ":%d" % PORTS[scheme]
    return "%s://%s:%s@%s%s/%s" % (scheme, user, pw, host, port, g.ch(["orders", "crm", "analytics", "app", "0", "erp"]))


PW_WORDS = ["Girasole", "Tramonto", "Lanterna", "Orizzonte", "Falcon", "Harbor", "Cometa", "Velluto", "Quokka",
            "Copper", "Azalea", "Milano", "Tr0ub4dor", "Spring", "Nebbia", "Corallo"]


def f_password(g):
    syms = "!#$%&*+-=?@^_."
    k = g.ri(0, 4)
    if k == 0:
        pw = g.ch(PW_WORDS) + g.ch(syms) + str(g.ri(10, 2025))
    elif k == 1:
        pw = g.ch(PW_WORDS) + str(g.ri(10, 99)) + g.ch(syms) + g.s(ALNUM, 3)
    elif k == 2:
        pw = g.s(UPPER, 1) + g.s(ALNUM + syms, g.ri(10, 16))
    elif k == 3:
        pw = "-".join(g.ch(["lime", "orbit", "noce", "faro", "pixel", "salvia", "delta", "rumba", "violin"]) for _ in range(3)) + str(g.ri(2, 99))
    else:
        pw = g.s(ALNUM, 4) + g.ch(syms) + g.s(ALNUM, 4) + g.ch(syms) + g.s(DIG, 2)
    return pw


MARKERS = [(16, "CONFIDENTIAL"), (12, "STRICTLY CONFIDENTIAL"), (10, "INTERNAL USE ONLY"), (6, "FOR INTERNAL USE ONLY"),
           (6, "COMPANY CONFIDENTIAL"), (6, "TLP:AMBER"), (4, "TLP:RED"), (12, "RISERVATO"), (10, "STRETTAMENTE RISERVATO"),
           (8, "CONFIDENZIALE"), (6, "USO INTERNO")]
MARKER_SET = [m for _, m in MARKERS]


def f_marker(g):
    return g.w(MARKERS)


FAB = {"EMAIL": f_email, "PHONE": f_phone, "CREDIT_CARD": f_card, "IBAN": f_iban, "IT_FISCAL_CODE": f_cf,
       "IT_VAT": f_vat, "US_SSN": f_ssn, "IP_ADDRESS": f_ip, "AWS_ACCESS_KEY": f_awsid, "AWS_SECRET_KEY": f_awssecret,
       "GITHUB_TOKEN": f_gh, "GITLAB_TOKEN": f_gl, "SLACK_TOKEN": f_slack, "SLACK_WEBHOOK": f_hook,
       "STRIPE_KEY": f_stripe, "OPENAI_KEY": f_openai, "ANTHROPIC_KEY": f_anth, "GOOGLE_API_KEY": f_google,
       "PRIVATE_KEY": f_pem, "JWT": f_jwt, "CREDENTIAL_URL": f_curl, "PASSWORD": f_password,
       "CONFIDENTIAL_MARKER": f_marker}


# ============================================================================ validators (plain values)

PLACEHOLDER_RE = re.compile(r"(?i)example|x{6,}|your[_-]|\.\.\.|<|\$\{|\*{4,}|0{8}")


def valid_email(v):
    if not re.fullmatch(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}", v):
        return False
    return not re.search(r"@example\.(com|org|net)$", v)


def valid_phone(v):
    if not re.fullmatch(r"\(?\+?[0-9 ()./-]+", v) or v.count("+") > 1:
        return False
    d = re.sub(r"\D", "", v)
    return 9 <= len(d) <= 15


def valid_card(v):
    if not re.fullmatch(r"[0-9]+(?:[ -][0-9]+)*", v):
        return False
    d = re.sub(r"\D", "", v)
    return 13 <= len(d) <= 19 and luhn_ok(d) and card_brand(d) is not None and d not in TEST_CARDS


def valid_iban(v):
    s = v.replace(" ", "")
    cc = s[:2]
    if cc not in IBAN_FMT or len(s) != IBAN_FMT[cc][0] or not s[2:4].isdigit():
        return False
    if not BBAN_RE[cc].match(s[4:]):
        return False
    return mod97_digits(s[4:] + s[:4]) == 1


CF_RE = re.compile(r"[A-Z]{6}[0-9LMNPQRSTUV]{2}[ABCDEHLMPRST][0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{3}[A-Z]")


def valid_cf(v):
    if not CF_RE.fullmatch(v):
        return False
    dec = lambda s: "".join(str("LMNPQRSTUV".index(c)) if c in "LMNPQRSTUV" else c for c in s)
    day = int(dec(v[9:11]))
    return (1 <= day <= 31 or 41 <= day <= 71) and cf_char(v[:15]) == v[15]


def valid_vat(v):
    if v.startswith("IT"):
        v = v[2:]
    if not re.fullmatch(r"\d{11}", v) or v[:7] == "0000000":
        return False
    off = int(v[7:10])
    return (1 <= off <= 100 or off in (120, 121, 888, 999)) and piva_char(v[:10]) == v[10]


def valid_ssn(v):
    m = re.fullmatch(r"(\d{3})([ -]?)(\d{2})\2(\d{4})", v)
    if not m:
        return False
    a, b, c = int(m.group(1)), int(m.group(3)), int(m.group(4))
    return 0 < a < 900 and a != 666 and b > 0 and c > 0


def valid_ip(v):
    try:
        ip = ipaddress.ip_address(v)
    except ValueError:
        return False
    return not (ip.is_loopback or ip.is_unspecified or ip.is_multicast or ip.is_reserved or ip.is_link_local)


def valid_awsid(v):
    return bool(re.fullmatch(r"(AKIA|ASIA)[A-Z2-7]{16}", v)) and "EXAMPLE" not in v


def valid_awssecret(v):
    return bool(re.fullmatch(r"[A-Za-z0-9/+]{40}", v)) and "EXAMPLE" not in v


def valid_gh(v):
    m = re.fullmatch(r"gh[pousr]_([A-Za-z0-9]{30})([A-Za-z0-9]{6})", v)
    return bool(m) and gh_checksum(m.group(1)) == m.group(2)


def valid_gl(v):
    return bool(re.fullmatch(r"glpat-[A-Za-z0-9_-]{20}", v)) and not PLACEHOLDER_RE.search(v)


def valid_slack(v):
    return bool(re.fullmatch(r"xox[bp]-(?:[0-9]{10,13}-){2,3}[A-Za-z0-9]{24,32}", v))


def valid_hook(v):
    return bool(re.fullmatch(r"https://hooks\.slack\.com/services/T[A-Z0-9]{8,11}/B[A-Z0-9]{8,11}/[A-Za-z0-9]{24}", v)) \
        and not PLACEHOLDER_RE.search(v)


def valid_stripe(v):
    return bool(re.fullmatch(r"(sk|rk)_live_[A-Za-z0-9]{24,}", v)) and not PLACEHOLDER_RE.search(v)


def valid_openai(v):
    return bool(re.fullmatch(r"sk-(?:proj-|svcacct-)?[A-Za-z0-9_-]{20,}T3BlbkFJ[A-Za-z0-9_-]{20,}", v))


def valid_anth(v):
    return bool(re.fullmatch(r"sk-ant-api03-[A-Za-z0-9_-]{93}AA", v))


def valid_google(v):
    return bool(re.fullmatch(r"AIza[A-Za-z0-9_-]{35}", v)) and not PLACEHOLDER_RE.search(v)


def valid_pem(v):
    m = re.fullmatch(r"-----BEGIN ((?:RSA |EC |OPENSSH )?PRIVATE KEY)-----\n([A-Za-z0-9+/=\n]+)\n-----END \1-----", v)
    if not m:
        return False
    try:
        return len(base64.b64decode(m.group(2).replace("\n", ""), validate=True)) > 40
    except (binascii.Error, ValueError):
        return False


def valid_jwt(v):
    parts = v.split(".")
    if len(parts) != 3 or not all(re.fullmatch(r"[A-Za-z0-9_-]+", p) for p in parts):
        return False
    try:
        h = json.loads(b64url_dec(parts[0]))
        json.loads(b64url_dec(parts[1]))
    except ValueError:
        return False
    return isinstance(h, dict) and "alg" in h


def valid_curl(v):
    try:
        u = urllib.parse.urlsplit(v)
        return u.scheme in PORTS and bool(u.username) and bool(u.password) and bool(u.hostname) \
            and not valid_ip(u.hostname or "x")
    except ValueError:
        return False


def valid_password(v):
    return bool(re.fullmatch(r"\S{8,}", v)) and not PLACEHOLDER_RE.search(v) and '"' not in v and "\\" not in v


def valid_marker(v):
    return v in MARKER_SET


VALID = {"EMAIL": valid_email, "PHONE": valid_phone, "CREDIT_CARD": valid_card, "IBAN": valid_iban,
         "IT_FISCAL_CODE": valid_cf, "IT_VAT": valid_vat, "US_SSN": valid_ssn, "IP_ADDRESS": valid_ip,
         "AWS_ACCESS_KEY": valid_awsid, "AWS_SECRET_KEY": valid_awssecret, "GITHUB_TOKEN": valid_gh,
         "GITLAB_TOKEN": valid_gl, "SLACK_TOKEN": valid_slack, "SLACK_WEBHOOK": valid_hook, "STRIPE_KEY": valid_stripe,
         "OPENAI_KEY": valid_openai, "ANTHROPIC_KEY": valid_anth, "GOOGLE_API_KEY": valid_google,
         "PRIVATE_KEY": valid_pem, "JWT": valid_jwt, "CREDENTIAL_URL": valid_curl, "PASSWORD": valid_password,
         "CONFIDENTIAL_MARKER": valid_marker}
# types whose format alone decides (no context needed): a negative value must fail all of them
STRICT = ["EMAIL", "CREDIT_CARD", "IBAN", "IT_FISCAL_CODE", "IT_VAT", "US_SSN", "AWS_ACCESS_KEY", "GITHUB_TOKEN",
          "GITLAB_TOKEN", "SLACK_TOKEN", "SLACK_WEBHOOK", "STRIPE_KEY", "OPENAI_KEY", "ANTHROPIC_KEY",
          "GOOGLE_API_KEY", "PRIVATE_KEY", "JWT", "CREDENTIAL_URL", "CONFIDENTIAL_MARKER"]


def strictly_valid(v):
    return [t for t in STRICT if VALID[t](v)]


# ============================================================================ negative values (hard negatives)

def n_bad_card(g):
    while True:
        d = card_digits(g)
        d = d[:-1] + str((int(d[-1]) + g.ri(1, 9)) % 10)
        if not luhn_ok(d):
            return group_digits(d, g.ch([" ", "-", ""]))


def n_bad_iban(g):
    v = iban_compact(g, g.ch(["IT", "IT", "DE", "FR", "ES", "NL", "GB", "BE", "AT", "PT"]))
    while True:
        bad = v[:2] + "%02d" % g.ri(2, 98) + v[4:]
        if bad != v and not valid_iban(bad):
            break
    return group4(bad) if g.p(0.5) else bad


def n_bad_cf(g):
    v = f_cf(g)
    return v[:15] + g.ch([c for c in UPPER if c != v[15]])


def n_bad_vat(g):
    v = f_vat(g)
    return v[:10] + str((int(v[10]) + g.ri(1, 9)) % 10)


def n_bad_ssn(g):
    k = g.ri(0, 4)
    if k == 0:
        return "000-%02d-%04d" % (g.ri(1, 99), g.ri(1, 9999))
    if k == 1:
        return "666-%02d-%04d" % (g.ri(1, 99), g.ri(1, 9999))
    if k == 2:
        return "%03d-00-%04d" % (g.ri(100, 665), g.ri(1, 9999))
    if k == 3:
        return "%03d-%02d-0000" % (g.ri(100, 665), g.ri(1, 99))
    return "9%02d-%02d-%04d" % (g.ri(0, 99), g.ri(1, 99), g.ri(1, 9999))


def n_bad_gh(g):
    ent = g.s(ALNUM, 30)
    good = zlib.crc32(ent.encode()) & 0xFFFFFFFF
    return g.ch(["ghp", "ghs", "gho"]) + "_" + ent + b62((good + g.ri(1, 10 ** 6)) & 0xFFFFFFFF)


def n_aws_example(g):
    return g.ch(["AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "AKIAI44QH8DHBEXAMPLE",
                 "je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY"])


def n_placeholder(g):
    return g.ch(["YOUR_API_KEY", "sk-...", "sk_live_XXXXXXXXXXXXXXXXXXXXXXXX", "ghp_xxxxxxxxxxxxxxxxxxxx",
                 "xoxb-your-bot-token", "<your-token-here>", "glpat-XXXXXXXXXXXXXXXXXXXX", "sk-proj-XXXXXXXX",
                 "AIzaXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX", "${DB_PASSWORD}", "sk-ant-api03-...",
                 "https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX", "YOUR_SECRET_HERE"])


def n_uuid(g):
    h = lambda n: g.s(HEX, n)
    return "%s-%s-%s-%s-%s" % (h(8), h(4), "4" + h(3), g.ch("89ab") + h(3), h(12))


def n_hash(g):
    return g.s(HEX, g.ch([32, 40, 64]))


def n_order(g):
    return g.ch(["ORD-%s" % g.s(DIG, 8), "PO-%d-%s" % (g.ri(2023, 2026), g.s(DIG, 5)), "INV/%d/%s" % (g.ri(2023, 2026), g.s(DIG, 4)),
                 "SO%s" % g.s(DIG, 7), "#%s" % g.s(DIG, 6), "RMA-%s-%s" % (g.s(UPPER, 2), g.s(DIG, 5))])


def n_date(g):
    y, m, d = g.ri(2019, 2027), g.ri(1, 12), g.ri(1, 28)
    return g.ch(["%d-%02d-%02d" % (y, m, d), "%02d/%02d/%d" % (d, m, y), "%02d.%02d.%d" % (d, m, y),
                 "%d-%02d-%02dT%02d:%02d:%02dZ" % (y, m, d, g.ri(0, 23), g.ri(0, 59), g.ri(0, 59))])


def n_version(g):
    return g.ch(["v%d.%d.%d" % (g.ri(1, 20), g.ri(0, 40), g.ri(0, 99)), "%d.%d.%d" % (g.ri(1, 20), g.ri(0, 40), g.ri(0, 99)),
                 "%d.%d.%d-rc.%d" % (g.ri(1, 9), g.ri(0, 20), g.ri(0, 9), g.ri(1, 5)), "build %d.%d" % (g.ri(19000, 26100), g.ri(100, 5000))])


PROSE_IT = ["Riunione spostata a giovedì alle 15:00 in sala B", "perché il report è arrivato in ritardo?",
            "Buongiorno, la consegna è confermata per lunedì", "città: Forlì, perché il campo è già compilato?"]
PROSE_EN = ["Team lunch moved to Friday at 1pm", "Quarterly all-hands: agenda and Q&A", "best pizza near the office",
            "Release notes for the winter update"]


def n_prose(g):
    return g.ch(PROSE_IT + PROSE_EN)


# ============================================================================ context specs

# text: (lang, template) with exactly one ⟨V⟩;  jkeys: JSON keys;  params: query/form names;
# env: env/config keys (base64 lines and Kubernetes data keys);  labels: line prefixes for base64 lines;
# selfid: the value identifies itself (a bare base64 blob of it is enough context)
SPEC = {
    "EMAIL": dict(text=[
        ("en", "Can you write a polite reminder to ⟨V⟩ about the overdue invoice?"),
        ("en", "Forward the signed offer to ⟨V⟩ and ask for a countersigned copy by Friday."),
        ("en", "Our newsletter bounces for ⟨V⟩ with 550 mailbox unavailable; draft a note to the account manager."),
        ("en", "Contact row: ⟨name⟩, ⟨V⟩, Procurement. Turn it into a vCard."),
        ("en", "Set ⟨V⟩ as reply-to for the spring campaign and suggest a subject line."),
        ("it", "Scrivi una mail formale a ⟨V⟩ per sollecitare il pagamento della fattura ⟨inv⟩."),
        ("it", "Il cliente ⟨name⟩ (⟨V⟩) chiede la disdetta del contratto: prepara la risposta."),
        ("it", "Aggiungi ⟨V⟩ in copia al verbale e riassumilo in cinque punti."),
    ], jkeys=["email", "contact_email", "reply_to", "mail"], params=["email", "e", "to", "mail"],
        env=["CONTACT_EMAIL", "NOTIFY_EMAIL", "SMTP_FROM"], labels=["Email: ", "reply-to: ", "contatto: "], selfid=True),
    "PHONE": dict(text=[
        ("en", "Please call the customer back on ⟨V⟩ and draft the voicemail script."),
        ("en", "Their phone is ⟨V⟩ - write a short SMS confirming tomorrow's appointment."),
        ("en", "Mobile: ⟨V⟩\nMake this email signature look more professional."),
        ("en", "Summarise the ticket: customer reachable at phone ⟨V⟩ after 5pm, wants a refund callback."),
        ("it", "Richiamare il signor ⟨last⟩ al numero ⟨V⟩: scrivi il promemoria."),
        ("it", "Cellulare ⟨V⟩ - prepara un SMS di conferma per l'appuntamento di domani."),
        ("it", "Per urgenze il reperibile risponde al telefono ⟨V⟩: traduci l'avviso in inglese."),
    ], jkeys=["phone", "mobile", "telefono", "phone_number"], params=["phone", "tel", "mobile", "telefono"],
        env=["SUPPORT_PHONE", "ONCALL_PHONE"], labels=["Tel: ", "Phone: ", "Cellulare: "], selfid=False),
    "CREDIT_CARD": dict(text=[
        ("en", "The guest paid with card ⟨V⟩, exp 09/28. Draft the receipt email."),
        ("en", "Customer disputes a charge on card ⟨V⟩. Draft a reply."),
        ("en", "card_number: ⟨V⟩\nWhy does the payment form show a red border on this field?"),
        ("en", "Please update my billing card to ⟨V⟩ from next month."),
        ("it", "Il cliente contesta un addebito sulla carta ⟨V⟩, prepara la risposta."),
        ("it", "Carta di credito ⟨V⟩ scad. 11/27: compila la prenotazione dell'hotel."),
    ], jkeys=["card_number", "pan", "number", "numero_carta"], params=["card", "cc_number", "pan", "numero_carta"],
        env=["CARD_NUMBER", "TEST_PAN"], labels=["Card: ", "PAN ", "Carta: "], selfid=True),
    "IBAN": dict(text=[
        ("en", "Please wire the deposit to IBAN ⟨V⟩ and confirm by email."),
        ("en", "Update the supplier's bank details, new IBAN: ⟨V⟩"),
        ("en", "Is this IBAN formatted right for a SEPA transfer? ⟨V⟩"),
        ("it", "Aggiorna le coordinate del fornitore: IBAN ⟨V⟩."),
        ("it", "Bonifico di ⟨amount⟩ su IBAN ⟨V⟩ intestato a ⟨company⟩: riassumi in una riga."),
        ("it", "Per il rimborso usa l'IBAN ⟨V⟩ e scrivi la mail di conferma al cliente."),
    ], jkeys=["iban", "IBAN", "beneficiary_iban", "iban_beneficiario"], params=["iban", "IBAN", "iban_beneficiario"],
        env=["PAYOUT_IBAN", "IBAN"], labels=["IBAN: ", "iban="], selfid=True),
    "IT_FISCAL_CODE": dict(text=[
        ("it", "Il cliente ha CF ⟨V⟩, compila l'intestazione del contratto."),
        ("it", "Controlla se il codice fiscale ⟨V⟩ è coerente con la data di nascita del modulo."),
        ("it", "Intestatario: ⟨name⟩ - C.F. ⟨V⟩. Riformula come intestazione di una lettera."),
        ("it", "Il CAF chiede il codice fiscale del figlio a carico: ⟨V⟩. Scrivi la mail di risposta."),
        ("en", "The Italian tax code of our new hire is ⟨V⟩; which payroll field does it go into?"),
        ("en", "Codice fiscale: ⟨V⟩ - translate this residence certificate into English."),
    ], jkeys=["codice_fiscale", "cf", "codiceFiscale", "tax_code"], params=["cf", "codice_fiscale", "codfis"],
        env=["CODICE_FISCALE"], labels=["Codice fiscale: ", "CF: "], selfid=True),
    "IT_VAT": dict(text=[
        ("it", "Fattura intestata a ⟨company⟩, P.IVA ⟨V⟩: verifica che l'aliquota sia corretta."),
        ("it", "Partita IVA ⟨V⟩ - scrivi la dicitura del regime forfettario per la fattura."),
        ("it", "Aggiungi in anagrafica il fornitore ⟨company⟩, partita IVA ⟨V⟩."),
        ("en", "Our Italian supplier's VAT number (partita IVA) is ⟨V⟩; is reverse charge applicable?"),
        ("en", "Add the P.IVA ⟨V⟩ to the invoice header template."),
    ], jkeys=["partita_iva", "piva", "vat_number"], params=["piva", "partita_iva", "vat_number"],
        env=["PARTITA_IVA"], labels=["P.IVA ", "Partita IVA: "], selfid=False),
    "US_SSN": dict(text=[
        ("en", "Employee record: SSN ⟨V⟩, start date ⟨date⟩. Convert it to JSON."),
        ("en", "My social security number ⟨V⟩ is misspelled on the W-2, how do I get it corrected?"),
        ("en", "SSN: ⟨V⟩ - the background check vendor says it doesn't match, draft a dispute letter."),
        ("en", "Payroll row: ⟨name⟩;SSN ⟨V⟩;FT;exempt - explain the columns."),
        ("it", "Il consulente americano ha SSN ⟨V⟩: che modulo gli serve per il compenso?"),
    ], jkeys=["ssn", "social_security_number", "SSN"], params=["ssn", "social_security_number"],
        env=["EMPLOYEE_SSN"], labels=["SSN: ", "ssn="], selfid=False),
    "IP_ADDRESS": dict(text=[
        ("en", "Block ⟨V⟩ on the edge firewall and write the change note."),
        ("en", "Why does the health check to ⟨V⟩ flap every few minutes?"),
        ("en", "ssh times out when I connect to the server at ⟨V⟩, what should I check first?"),
        ("it", "Controlla questo log: connessione rifiutata da ⟨V⟩ sulla porta 22."),
        ("it", "Il server ⟨V⟩ non risponde al ping da stamattina, come procedo?"),
    ], jkeys=["ip", "client_ip", "remote_addr", "host_ip"], params=["ip", "src_ip", "addr"],
        env=["UPSTREAM_IP", "DB_HOST_IP"], labels=["host=", "Client IP: "], selfid=False),
    "AWS_ACCESS_KEY": dict(text=[
        ("en", "Which IAM user owns ⟨V⟩? CloudTrail shows it calling ListBuckets from an unknown host."),
        ("en", "aws_access_key_id = ⟨V⟩\nWhy does the CLI say the security token is invalid?"),
        ("en", "⟨V⟩ was flagged by GuardDuty last night - draft the incident summary."),
        ("it", "La chiave di accesso AWS ⟨V⟩ compare nei log di CloudTrail, come la disattivo?"),
    ], jkeys=["aws_access_key_id", "AccessKeyId", "accessKeyId"], params=["AWSAccessKeyId", "access_key_id"],
        env=["AWS_ACCESS_KEY_ID"], labels=["aws_access_key_id = "], selfid=True),
    "AWS_SECRET_KEY": dict(text=[
        ("en", "aws_secret_access_key = ⟨V⟩\nWhy does boto3 say SignatureDoesNotMatch?"),
        ("en", "AWS_SECRET_ACCESS_KEY=⟨V⟩ - does the SDK pick this up from the environment?"),
        ("en", "The AWS secret access key ⟨V⟩ was pasted in a Slack channel; write the rotation steps."),
        ("it", "La secret access key AWS ⟨V⟩ è finita in un ticket: come la ruoto?"),
    ], jkeys=["aws_secret_access_key", "SecretAccessKey", "secretAccessKey"], params=["aws_secret_access_key", "AWSSecretKey"],
        env=["AWS_SECRET_ACCESS_KEY"], labels=["aws_secret_access_key = "], selfid=False),
    "GITHUB_TOKEN": dict(text=[
        ("en", "GITHUB_TOKEN=⟨V⟩ - is this enough scope to push tags?"),
        ("en", "curl -H \"Authorization: token ⟨V⟩\" https://api.github.com/user returns Bad credentials."),
        ("en", "Rotate this please, I pasted it in a public issue: ⟨V⟩"),
        ("it", "Il token GitHub ⟨V⟩ non ha lo scope repo, come lo rigenero senza rompere la pipeline?"),
    ], jkeys=["github_token", "token", "GH_TOKEN"], params=["access_token", "token"],
        env=["GITHUB_TOKEN", "GH_TOKEN"], labels=["GITHUB_TOKEN="], selfid=True),
    "GITLAB_TOKEN": dict(text=[
        ("en", "curl --header \"PRIVATE-TOKEN: ⟨V⟩\" https://gitlab.skyforge.dev/api/v4/projects returns 401."),
        ("en", "GL_TOKEN=⟨V⟩ in the CI variables, but the release job can't create tags. Why?"),
        ("it", "Il personal access token di GitLab ⟨V⟩ scade domani, come lo rinnovo?"),
    ], jkeys=["gitlab_token", "private_token", "token"], params=["private_token", "token"],
        env=["GITLAB_TOKEN"], labels=["GITLAB_TOKEN="], selfid=True),
    "SLACK_TOKEN": dict(text=[
        ("en", "SLACK_BOT_TOKEN=⟨V⟩\nThe bot joins the channel but can't post, what scope is missing?"),
        ("en", "My slack bot doesn't post. token=⟨V⟩ channel=#ops"),
        ("it", "Il bot Slack usa il token ⟨V⟩ ma riceve missing_scope, cosa aggiungo?"),
    ], jkeys=["slack_token", "bot_token", "token"], params=["token"],
        env=["SLACK_BOT_TOKEN"], labels=["SLACK_BOT_TOKEN="], selfid=True),
    "SLACK_WEBHOOK": dict(text=[
        ("en", "Our webhook ⟨V⟩ returns 404, any idea?"),
        ("en", "webhook_url: \"⟨V⟩\" - the alertmanager receiver never fires."),
        ("it", "Il webhook Slack ⟨V⟩ restituisce no_service, scrivi il ticket per il team piattaforma."),
    ], jkeys=["webhook_url", "slack_webhook", "url"], params=["url", "webhook", "hook"],
        env=["SLACK_WEBHOOK_URL"], labels=["SLACK_WEBHOOK_URL="], selfid=True),
    "STRIPE_KEY": dict(text=[
        ("en", "stripe.api_key = \"⟨V⟩\"\nThe charge works locally but fails in prod, why?"),
        ("en", "STRIPE_SECRET_KEY=⟨V⟩ - is this a restricted key or a full secret key?"),
        ("it", "La chiave Stripe ⟨V⟩ è di produzione? I pagamenti di test falliscono."),
    ], jkeys=["stripe_secret_key", "secret_key", "apiKey"], params=["key", "stripe_key"],
        env=["STRIPE_SECRET_KEY"], labels=["STRIPE_SECRET_KEY="], selfid=True),
    "OPENAI_KEY": dict(text=[
        ("en", "client = OpenAI(api_key=\"⟨V⟩\")\nWhy do I get 429 with almost no traffic?"),
        ("en", "OPENAI_API_KEY=⟨V⟩ - the batch endpoint says the key lacks permissions."),
        ("it", "Ho messo la chiave OpenAI ⟨V⟩ nel config ma ricevo invalid_api_key, perché?"),
    ], jkeys=["openai_api_key", "api_key", "OPENAI_API_KEY"], params=["api_key", "key"],
        env=["OPENAI_API_KEY"], labels=["OPENAI_API_KEY="], selfid=True),
    "ANTHROPIC_KEY": dict(text=[
        ("en", "ANTHROPIC_API_KEY=⟨V⟩\nThe SDK still reads an old key from somewhere, where does it look?"),
        ("en", "client = anthropic.Anthropic(api_key='⟨V⟩') gives authentication_error."),
        ("it", "La chiave Anthropic ⟨V⟩ funziona da curl ma non dall'SDK, cosa controllo?"),
    ], jkeys=["anthropic_api_key", "x-api-key", "apiKey"], params=["api_key", "x_api_key"],
        env=["ANTHROPIC_API_KEY"], labels=["ANTHROPIC_API_KEY="], selfid=True),
    "GOOGLE_API_KEY": dict(text=[
        ("en", "Maps key ⟨V⟩ is restricted to our domain, how do I unrestrict it?"),
        ("en", "GOOGLE_API_KEY=⟨V⟩ - does Gemini accept this or do I need a service account?"),
        ("it", "La API key di Google ⟨V⟩ va limitata per referrer?"),
    ], jkeys=["apiKey", "google_api_key", "key"], params=["key", "api_key"],
        env=["GOOGLE_API_KEY", "MAPS_KEY"], labels=["GOOGLE_API_KEY="], selfid=True),
    "PRIVATE_KEY": dict(text=[
        ("en", "Paste of id_rsa, why does ssh reject it?\n⟨V⟩\n"),
        ("en", "nginx says PEM_read_bio_PrivateKey failed. The key file:\n\n⟨V⟩\n\nThe cert is the matching one."),
        ("en", "⟨V⟩\nWhich algorithm is this key?"),
        ("it", "Questa è la chiave del certificato, il server dice che non corrisponde:\n⟨V⟩"),
    ], jkeys=["private_key", "key", "tls_key"], params=["private_key", "key"],
        env=["tls.key", "SSH_PRIVATE_KEY"], labels=["# deploy key\n", "# chiave del gateway\n"], selfid=True),
    "JWT": dict(text=[
        ("en", "Decode this token for me: Authorization: Bearer ⟨V⟩"),
        ("en", "Cookie: session=⟨V⟩; theme=dark - decode the claims for me."),
        ("it", "Decodifica questo token e dimmi quando scade: ⟨V⟩"),
    ], jkeys=["access_token", "id_token", "token"], params=["access_token", "id_token", "jwt"],
        env=["API_JWT", "SESSION_TOKEN"], labels=["Authorization: Bearer ", "token="], selfid=True),
    "CREDENTIAL_URL": dict(text=[
        ("en", "Here is my .env, why can't the app connect?\nDATABASE_URL=⟨V⟩\n"),
        ("en", "The connection string ⟨V⟩ works in DBeaver but not in the app."),
        ("it", "La stringa di connessione ⟨V⟩ funziona in locale ma non nel container, perché?"),
    ], jkeys=["dsn", "database_url", "connection_string", "url"], params=["dsn", "db_url", "conn"],
        env=["DATABASE_URL", "BROKER_URL"], labels=["DATABASE_URL="], selfid=True),
    "PASSWORD": dict(text=[
        ("en", "Config review please:\nsmtp:\n  user: alerts\n  password: ⟨V⟩\n"),
        ("en", "DB_PASSWORD=⟨V⟩\nDoes docker compose read this from .env automatically?"),
        ("en", "Your temporary password is: ⟨V⟩\nRewrite this account-creation message in a friendlier tone."),
        ("it", "Le credenziali del gestionale sono utente ⟨user⟩ e password ⟨V⟩: scrivi la mail al collega."),
        ("it", "La password del Wi-Fi è ⟨V⟩, prepara un cartello per la sala riunioni."),
    ], jkeys=["password", "db_password", "pwd"], params=["password", "pwd", "passwd"],
        env=["DB_PASSWORD", "SMTP_PASSWORD"], labels=["password: ", "DB_PASSWORD="], selfid=False),
    "CONFIDENTIAL_MARKER": dict(text=[
        ("en", "The header of the memo says ⟨V⟩. Summarize the following quarterly numbers for the board."),
        ("en", "⟨V⟩\nQ3 forecast - revenue by region attached. Summarise for the board in five bullets."),
        ("it", "⟨V⟩\nBozza del piano industriale 2026: riassumi i punti chiave."),
        ("it", "Il documento è marcato ⟨V⟩: riassumilo per il consiglio di amministrazione."),
    ], jkeys=["classification", "label", "marking"], params=["classification", "label"],
        env=["DOC_CLASSIFICATION"], labels=["Classification: ", "Classificazione: "], selfid=True),
}

# hard-negative families: (fabricator, resembling type for evasion styling, spec)
NEG = {
    "bad_card": (n_bad_card, "CREDIT_CARD", dict(text=[
        ("en", "Is ⟨V⟩ a valid card number? My checkout form rejects it."),
        ("en", "The POS terminal says 'invalid number' for ⟨V⟩ - typo on the customer's side?"),
        ("it", "Il sito rifiuta la carta ⟨V⟩ al checkout: il numero è sbagliato?")],
        jkeys=["card_number", "pan"], params=["card", "pan"], env=["CARD_NUMBER"], labels=["Card: "])),
    "bad_iban": (n_bad_iban, "IBAN", dict(text=[
        ("it", "Questo IBAN ⟨V⟩ viene rifiutato dalla banca, perché?"),
        ("en", "Our supplier's IBAN ⟨V⟩ fails validation in SAP, which part is wrong?"),
        ("it", "La banca scarta l'IBAN ⟨V⟩ per codice di controllo errato, come lo verifico a mano?")],
        jkeys=["iban"], params=["iban"], env=["PAYOUT_IBAN"], labels=["IBAN: "])),
    "bad_cf": (n_bad_cf, "IT_FISCAL_CODE", dict(text=[
        ("it", "Il codice fiscale ⟨V⟩ risulta errato nel gestionale, come si calcola il carattere di controllo?"),
        ("it", "Il portale dice che ⟨V⟩ non è un codice fiscale valido, dove ho sbagliato?"),
        ("en", "The Agenzia delle Entrate form rejects the tax code ⟨V⟩ - check character wrong?")],
        jkeys=["codice_fiscale", "cf"], params=["cf"], env=["CODICE_FISCALE"], labels=["CF: "])),
    "bad_vat": (n_bad_vat, "IT_VAT", dict(text=[
        ("it", "Lo SDI scarta la fattura: partita IVA ⟨V⟩ non valida. Come ricalcolo la cifra di controllo?"),
        ("en", "VIES says the Italian VAT number ⟨V⟩ is invalid - what does the last digit check?")],
        jkeys=["partita_iva", "piva"], params=["piva"], env=["PARTITA_IVA"], labels=["P.IVA "])),
    "bad_ssn": (n_bad_ssn, "US_SSN", dict(text=[
        ("en", "Our form accepted ⟨V⟩ as an SSN; write a validation rule that rejects numbers like this."),
        ("en", "The SSA says ⟨V⟩ can never be issued as a social security number. Why?")],
        jkeys=["ssn"], params=["ssn"], env=["EMPLOYEE_SSN"], labels=["SSN: "])),
    "bad_gh": (n_bad_gh, "GITHUB_TOKEN", dict(text=[
        ("en", "GitHub's checker says the string ⟨V⟩ in our test fixture has a wrong checksum - so it was never a token?"),
        ("en", "How does a scanner tell that ⟨V⟩ is a made-up value rather than a real token? The CRC doesn't match.")],
        jkeys=["fixture", "sample_value"], params=["sample", "fixture"], env=["FIXTURE_STRING"], labels=["fixture: "])),
    "aws_example": (n_aws_example, "AWS_ACCESS_KEY", dict(text=[
        ("en", "The AWS docs use ⟨V⟩ in every example - is it a real credential?"),
        ("en", "Our README copies ⟨V⟩ from the AWS documentation; does the scanner need an allowlist?")],
        jkeys=["docs_example", "sample_key"], params=["example"], env=["DOCS_EXAMPLE_KEY"], labels=["docs example: "])),
    "placeholder": (n_placeholder, "OPENAI_KEY", dict(text=[
        ("en", "In the tutorial they write api_key=⟨V⟩; where do I get a real one?"),
        ("en", ".env.example has ⟨V⟩ as the value - what else belongs in this template?"),
        ("it", "Nel file di esempio c'è ⟨V⟩ come valore: dove trovo quello vero?")],
        jkeys=["api_key", "token"], params=["api_key", "token"], env=["API_KEY"], labels=["API_KEY="])),
    "uuid": (n_uuid, None, dict(text=[
        ("en", "Build id ⟨V⟩ failed at the test stage. What does exit code 137 mean?"),
        ("it", "La richiesta ⟨V⟩ è in stato PENDING da ieri, cosa controllo?")],
        jkeys=["build_id", "request_id", "trace_id"], params=["request_id", "id"], env=["BUILD_ID"], labels=["request_id="])),
    "hash": (n_hash, None, dict(text=[
        ("en", "Why does the checksum ⟨V⟩ not match after download?"),
        ("en", "Commit ⟨V⟩ broke the build on main; write a revert message."),
        ("it", "L'hash ⟨V⟩ del file non corrisponde a quello pubblicato, il download è corrotto?")],
        jkeys=["sha", "checksum", "digest"], params=["sha", "checksum"], env=["GIT_SHA"], labels=["sha256="])),
    "order": (n_order, None, dict(text=[
        ("en", "Track order ⟨V⟩ shipped last week but never arrived. Draft a complaint."),
        ("it", "L'ordine ⟨V⟩ risulta consegnato ma il cliente non l'ha ricevuto: scrivi la risposta.")],
        jkeys=["order_id", "ordine"], params=["order", "ordine"], env=["LAST_ORDER"], labels=["Order: "])),
    "date": (n_date, None, dict(text=[
        ("en", "The report says the contract ends on ⟨V⟩ - how many business days are left?"),
        ("it", "La scadenza è il ⟨V⟩: scrivi un promemoria per il cliente.")],
        jkeys=["due_date", "scadenza", "created_at"], params=["from", "date"], env=["RELEASE_DATE"], labels=["Date: "])),
    "version": (n_version, None, dict(text=[
        ("en", "After upgrading to ⟨V⟩ the planner picks a sequential scan. Why?"),
        ("it", "Il rilascio ⟨V⟩ è del mese scorso: scrivi le note di rilascio.")],
        jkeys=["version", "release"], params=["v", "version"], env=["APP_VERSION"], labels=["version: "])),
    "prose": (n_prose, None, dict(text=[
        ("en", "Why does this text look so wide in the mail client? ⟨V⟩"),
        ("it", "Perché questo testo appare così nella newsletter? ⟨V⟩")],
        jkeys=["text", "subject", "message"], params=["q", "text"], env=["BANNER_TEXT"], labels=["subject: "])),
}
NEG_FAMILIES = list(NEG)

# judgement families (see README): the format's definition does not settle them; labelled negative
JUDGE = {
    "test_card": (lambda g: group_digits(g.ch(["4111111111111111", "4242424242424242", "5555555555554444", "4000056655665556"]), g.ch([" ", "-", ""])),
                  "CREDIT_CARD", dict(text=[("en", "Stripe's test card ⟨V⟩ works in test mode but live mode rejects it - expected?"),
                                            ("it", "La carta di test ⟨V⟩ funziona in sandbox ma non in produzione, è normale?")],
                                      jkeys=["card_number"], params=["card"], env=["CARD_NUMBER"], labels=["Card: "])),
    "example_email": (lambda g: g.ch(["jane.doe", "john.smith", "user", "mario.rossi"]) + "@" + g.ch(["example.com", "example.org"]),
                      "EMAIL", dict(text=[("en", "The docs example sends from ⟨V⟩; replace it with a template variable.")],
                                    jkeys=["email"], params=["email"], env=["SMTP_FROM"], labels=["Email: "])),
    "loopback": (lambda g: g.ch(["127.0.0.1", "0.0.0.0"]), "IP_ADDRESS",
                 dict(text=[("en", "The service binds to ⟨V⟩ inside the container, is that a risk?")],
                      jkeys=["bind_ip"], params=["bind"], env=["BIND_IP"], labels=["bind="])),
    "gh_assigned": (n_bad_gh, "GITHUB_TOKEN",
                    dict(text=[("en", "GITHUB_TOKEN=⟨V⟩ - GitHub says the checksum of this value is wrong, is it a real token?")],
                         jkeys=["github_token"], params=["token"], env=["GITHUB_TOKEN"], labels=["GITHUB_TOKEN="])),
    "pk_live": (lambda g: "pk_live_" + g.s(ALNUM, 24), "STRIPE_KEY",
                dict(text=[("en", "⟨V⟩ is in our frontend bundle - is that a leak?")],
                     jkeys=["publishableKey"], params=["pk"], env=["STRIPE_PUBLISHABLE_KEY"], labels=["STRIPE_PUBLISHABLE_KEY="])),
}
JUDGE_FAMILIES = list(JUDGE)

DISTRACTORS = [
    ("en", "Track order ORD-%s shipped on %d-%02d-%02d."),
    ("it", "Il rilascio v%d.%d.%d è del %d-%02d-%02d; scrivi le note di rilascio."),
    ("en", "Also, what does exit code 137 mean in Kubernetes?"),
    ("it", "Poi spiegami la differenza tra TCP e UDP con un esempio."),
]


# ============================================================================ fillers

FILL_RE = re.compile(r"⟨(\w+)⟩")


def fill(g, tmpl, lang):
    def rep(m):
        k = m.group(1)
        if k == "V":
            return "⟨V⟩"
        if k == "name":
            return g.ch(FIRST_IT) + " " + g.ch(LAST_IT) if lang == "it" or g.p(0.4) else g.ch(FIRST_EN) + " " + g.ch(LAST_EN)
        if k == "last":
            return g.ch(LAST_IT)
        if k == "company":
            return g.ch(COMPANIES)
        if k == "inv":
            return "%d/%s" % (g.ri(2023, 2026), g.s(DIG, 4))
        if k == "amount":
            return "%s,%02d EUR" % ("{:,}".format(g.ri(50, 40000)).replace(",", "."), g.ri(0, 99))
        if k == "date":
            return "%d-%02d-%02d" % (g.ri(2023, 2026), g.ri(1, 12), g.ri(1, 28))
        if k == "user":
            return g.ch(USERS)
        raise KeyError(k)
    return FILL_RE.sub(rep, tmpl)


# ============================================================================ evasions

def fw_char(c):
    o = ord(c)
    return chr(o + 0xFEE0) if 0x21 <= o <= 0x7E else c


def fullwidth(g, v, typ):
    """Full-width forms for part or all of v (NFKC maps them back)."""
    if typ == "PRIVATE_KEY":
        lines = v.split("\n")
        mode = g.ch(["labels", "labels", "firstline"])
        if mode == "labels":
            lines[0] = "-----" + "".join(fw_char(c) for c in lines[0][5:-5]) + "-----"
            if g.p(0.6):
                lines[-1] = "-----" + "".join(fw_char(c) for c in lines[-1][5:-5]) + "-----"
        else:
            i, k = g.ri(0, 30), g.ri(8, 24)
            lines[1] = lines[1][:i] + "".join(fw_char(c) for c in lines[1][i:i + k]) + lines[1][i + k:]
        return "\n".join(lines)
    has_d = any(c.isdigit() for c in v)
    has_l = any(c.isalpha() for c in v)
    modes = ["all", "part"]
    if typ == "EMAIL":
        modes = ["at", "at", "at", "all", "part"]
    elif typ in ("CREDIT_CARD", "PHONE", "US_SSN", "IT_VAT", "IP_ADDRESS"):
        modes = ["digits", "digits", "all", "part"]
    else:
        if has_d and has_l:
            modes += ["digits", "letters"]
    mode = g.ch(modes)
    if mode == "at":
        out = v.replace("@", "\uff20")
        if g.p(0.25):
            out = out.replace(".", "\uff0e")
        return out
    if mode == "all":
        out = "".join(fw_char(c) for c in v)
        if " " in v and g.p(0.5):
            out = out.replace(" ", "\u3000")
        return out
    if mode == "digits" and has_d:
        return "".join(fw_char(c) if c.isdigit() else c for c in v)
    if mode == "letters" and has_l:
        return "".join(fw_char(c) if c.isalpha() else c for c in v)
    n = len(v)
    L = g.ri(min(3, n), max(3, n // 2))
    i = g.ri(0, max(0, n - L))
    out = v[:i] + "".join(fw_char(c) for c in v[i:i + L]) + v[i + L:]
    if out == v:
        out = "".join(fw_char(c) for c in v)
    return out


def zero_width(g, v, typ):
    """1-3 zero-width / format characters inside v (never at its edges, never beside a line break)."""
    k = g.w([(50, 1), (30, 2), (20, 3)])
    cand = [i for i in range(1, len(v)) if v[i - 1] != "\n" and v[i] != "\n"]
    if typ == "PRIVATE_KEY":
        # one in the BEGIN label, the rest inside body lines
        first = g.ri(7, v.index("\n") - 7)      # inside the BEGIN line's label (full-width or not)
        rest = [i for i in cand if i > v.index("\n") + 1]
        pos = [first] + g.r.sample(rest, k - 1)
    else:
        pos = g.r.sample(cand, min(k, len(cand)))
    z = g.w(ZW_W)
    out = v
    for i in sorted(pos, reverse=True):
        out = out[:i] + (z if g.p(0.7) else g.w(ZW_W)) + out[i:]
    return out


def json_plain(s):
    return json.dumps(s, ensure_ascii=False)[1:-1]


def json_escape(g, v, typ):
    """v as the content of a JSON string with some or all of its characters as \\uXXXX escapes."""
    has_d = any(c.isdigit() for c in v)
    special = [c for c in v if not c.isalnum() and c not in "\n"]
    if typ == "PRIVATE_KEY":
        modes = ["special", "some_light"]
    elif typ == "EMAIL":
        modes = ["at", "at", "special", "some", "all"]
    else:
        modes = ["some", "some", "all"] + (["digits"] if has_d else []) + (["special"] if special else [])
    mode = g.ch(modes)
    upper = g.p(0.3)
    slash = g.p(0.4)
    frac = {"some": g.r.uniform(0.25, 0.6), "some_light": g.r.uniform(0.03, 0.08)}.get(mode, 0)

    def sel(c):
        if ord(c) > 0x7E or c in ZW:
            return True                     # non-ASCII (zero-width, full-width) always escaped here
        if mode == "all":
            return c != "\n"
        if mode == "digits":
            return c.isdigit()
        if mode == "special":
            return not c.isalnum() and c != "\n"
        if mode == "at":
            return c == "@" or (c == "." and g.p(0.3))
        return c != "\n" and g.r.random() < frac

    out, esc = [], 0
    for c in v:
        if ord(c) > 0x7E and not (c in ZW) and g.p(0.3):
            out.append(c)                   # a full-width character may stay raw
            continue
        if sel(c):
            e = "\\u%04x" % ord(c)
            out.append("\\u" + e[2:].upper() if upper else e)
            esc += 1
        elif c == "/" and slash:
            out.append("\\/")
        else:
            out.append(json_plain(c))
    if not esc:                             # make sure at least one \u escape is there
        idx = [i for i, c in enumerate(v) if c != "\n"]
        i = g.ch(idx)
        return json_escape_force(v, i, upper, slash)
    return "".join(out)


def json_escape_force(v, i, upper, slash):
    out = []
    for j, c in enumerate(v):
        if j == i:
            e = "\\u%04x" % ord(c)
            out.append("\\u" + e[2:].upper() if upper else e)
        elif c == "/" and slash:
            out.append("\\/")
        else:
            out.append(json_plain(c))
    return "".join(out)


UNRESERVED = set(ALNUM + "-._~")


def pct_encode(g, v, plus):
    """Percent-encode v: only what must be encoded, a random part more, or every character.
    A literal '+' is always %2B, so '+' in the output only ever stands for a space."""
    must = [c for c in v if c not in UNRESERVED]
    modes = ["some", "all"] + (["reserved", "reserved"] if must else [])
    mode = g.ch(modes)
    low = g.p(0.25)
    frac = g.r.uniform(0.2, 0.5)
    out = []
    for c in v:
        enc = c not in UNRESERVED or mode == "all" or (mode == "some" and g.r.random() < frac)
        if enc:
            if c == " " and plus:
                out.append("+")
                continue
            e = "".join("%%%02X" % b for b in c.encode())
            out.append(e.lower() if low else e)
        else:
            out.append(c)
    res = "".join(out)
    if "%" not in res:                      # only '+' for spaces (or nothing): encode one more character
        idx = [i for i, c in enumerate(v) if c != " "]
        i = g.ch(idx)
        res = "".join(("%%%02X" % ord(c)) if j == i else ("+" if c == " " and plus else
                      (c if c in UNRESERVED else "".join("%%%02X" % b for b in c.encode())))
                      for j, c in enumerate(v))
    return res


# ============================================================================ carriers

JSON_REQ = {"en": ["Why does the API reject this body?", "The importer skips this record, what's wrong with it?",
                   "Pretty-print this JSON and tell me which fields are missing:", "Convert this payload to YAML:",
                   "Our log shipper wrote this line, can you parse it?"],
            "it": ["Perché l'API rifiuta questo body?", "Il gestionale non importa questo record, cosa c'è che non va?",
                   "Formatta questo JSON e dimmi quali campi mancano:", "Converti questo payload in YAML:"]}
PCT_REQ = {"link": {"en": ["This link from the access log returns 500, why?", "Why does this URL break when pasted in Teams?",
                           "Can you explain what this request does?", "The page behind this link shows an empty form, any idea?"],
                    "it": ["Questo link preso dal log restituisce 500, perché?", "Mi spieghi cosa fa questa richiesta?",
                           "Perché questo link si rompe quando lo incollo in Teams?"]},
           "form": {"en": ["The form submission below fails validation, what is wrong?", "Can you explain what this request does?",
                           "The server answers 422 to this request, why?"],
                    "it": ["L'invio del modulo qui sotto fallisce la validazione, cosa non va?", "Mi spieghi cosa fa questa richiesta?",
                           "Il server risponde 422 a questa richiesta, perché?"]}}
B64_REQ = {"en": ["Can you decode this and tell me what's in it?", "A user pasted this base64 in the ticket, should we rotate something?",
                  "What does this blob contain?"],
           "it": ["Decodifica questo base64 e dimmi cosa contiene:", "Nel log c'è questa stringa in base64, è un problema?"]}
K8S_REQ = {"en": ["The pod can't read this secret, why?", "kubectl get secret shows this - is the value right?"],
           "it": ["Il pod non legge questo secret, perché?", "kubectl mostra questo secret, il valore è giusto?"]}
SECRET_TYPES = ["AWS_ACCESS_KEY", "AWS_SECRET_KEY", "GITHUB_TOKEN", "GITLAB_TOKEN", "SLACK_TOKEN", "SLACK_WEBHOOK",
                "STRIPE_KEY", "OPENAI_KEY", "ANTHROPIC_KEY", "GOOGLE_API_KEY", "PRIVATE_KEY", "JWT", "CREDENTIAL_URL"]
PATHS = ["api/v1/lookup", "submit", "search", "customers/update", "webhook/test", "modulo/invia", "export"]


def pick_text(g, spec, lang):
    cands = [t for t in spec["text"] if t[0] == lang]
    return g.ch(cands or spec["text"])


class Built:
    """One rendered case: text, the single evaded/plain value's char span, and self-check data."""

    def __init__(self, lang, text, span, jsonfrag=None):
        self.lang, self.text, self.span, self.jsonfrag = lang, text, span, jsonfrag


def carrier_text(g, spec, lang, val):
    lang, tmpl = pick_text(g, spec, lang)
    pre, post = fill(g, tmpl, lang).split("⟨V⟩")
    return Built(lang, pre + val + post, (len(pre), len(pre) + len(val)))


def carrier_json(g, spec, lang, esc):
    key = g.ch(spec["jkeys"])
    shape = g.ch(["flat", "nested", "chat", "log"])
    req = g.ch(JSON_REQ[lang])
    if shape == "chat":
        lang, tmpl = pick_text(g, spec, lang)
        pre, post = fill(g, tmpl, lang).split("⟨V⟩")
        head = '{"model":"gpt-4o-mini","messages":[{"role":"user","content":"' + json_plain(pre)
        body = head + esc + json_plain(post) + '"}]}'
        note = g.ch(["", "Why does the gateway return 400 for this request?\n" if lang == "en" else "Perché il gateway risponde 400 a questa richiesta?\n"])
        text = note + body
        s = len(note) + len(head)
        return Built(lang, text, (s, s + len(esc)), (len(note), len(text)))
    if shape == "flat":
        extra = g.ch(['"id":%d' % g.ri(1000, 99999), '"active":true', '"source":"crm"', '"updated_at":"%d-%02d-%02d"' % (g.ri(2023, 2026), g.ri(1, 12), g.ri(1, 28))])
        if g.p(0.5):
            head, tail = '{%s,"%s":"' % (extra, key), '"}'
        else:
            head, tail = '{"%s":"' % key, '",%s}' % extra
    elif shape == "nested":
        outer = g.ch(["data", "customer", "config", "payload", "record"])
        head = '{"%s":{"%s":"' % (outer, key)
        tail = '"}}'
    else:
        head = '{"level":"info","ts":"%d-%02d-%02dT%02d:%02d:%02dZ","msg":"request","%s":"' % (
            g.ri(2024, 2026), g.ri(1, 12), g.ri(1, 28), g.ri(0, 23), g.ri(0, 59), g.ri(0, 59), key)
        tail = '"}'
    frag = head + esc + tail
    if g.p(0.6):
        pre = req + "\n"
        text = pre + frag
    else:
        pre = ""
        text = frag + "\n" + req
    s = len(pre) + len(head)
    return Built(lang, text, (s, s + len(esc)), (len(pre), len(pre) + len(frag)))


def carrier_pct(g, spec, lang, val, encode, multiline=False):
    """encode(plus) -> percent-encoded value; returns Built and the encoded value."""
    param = g.ch(spec["params"])
    host = g.ch(URL_HOSTS)
    path = g.ch(PATHS)
    shapes = ["query", "query", "form", "curl", "translate"]
    if multiline:
        shapes = ["form", "curl", "translate"]
    shape = g.ch(shapes)
    req = g.ch(PCT_REQ["link" if shape == "query" else "form"][lang])
    if shape == "translate" and spec.get("text"):
        lang2, tmpl = pick_text(g, spec, lang)
        pre, post = fill(g, tmpl, lang2).split("⟨V⟩")
        enc = encode(True)
        q = lambda s: urllib.parse.quote_plus(s, safe="")
        sl, tl = ("it", "en") if lang2 == "it" else ("en", "it")
        head = ("Questo link di traduzione non si apre, perché? " if lang2 == "it" else "This translate link breaks in Outlook: ") + \
            "https://translate.google.com/?sl=%s&tl=%s&text=" % (sl, tl) + q(pre)
        text = head + enc + q(post) + "&op=translate"
        return Built(lang2, text, (len(head), len(head) + len(enc))), enc
    if shape == "query":
        enc = encode(g.p(0.5))
        extra = g.ch(["&lang=it", "&limit=20", "&ref=mail", "&ts=%d" % g.ri(1700000000, 1760000000), ""])
        head = "https://%s/%s?%s=" % (host, path, param)
        if g.p(0.5):
            pre = req + " "
            text = pre + head + enc + extra
        else:
            pre = ""
            text = head + enc + extra + " - " + req[0].lower() + req[1:]
        s = len(pre) + len(head)
        return Built(lang, text, (s, s + len(enc))), enc
    if shape == "form":
        enc = encode(True)
        p0 = g.ch(["user=%s" % g.ch(USERS), "csrf=%s" % g.s(HEX, 16), "step=2", "lang=%s" % lang])
        head = "POST /%s HTTP/1.1\nHost: %s\nContent-Type: application/x-www-form-urlencoded\n\n%s&%s=" % (path, host, p0, param)
        text = head + enc + "\n\n" + req
        return Built(lang, text, (len(head), len(head) + len(enc))), enc
    enc = encode(True)
    head = "curl -s -X POST https://%s/%s -d '%s=" % (host, path, param)
    text = head + enc + "'\n" + req
    return Built(lang, text, (len(head), len(head) + len(enc))), enc


def b64_groups(raw_before, raw_val, raw_after):
    blob = base64.b64encode(raw_before + raw_val + raw_after).decode()
    bs, be = len(raw_before), len(raw_before) + len(raw_val)
    return blob, (bs // 3) * 4, min(len(blob), -(-be // 3) * 4)


def carrier_b64(g, spec, lang, inner, selfid, typ):
    """base64 of the value alone (span = the blob) or of a short line holding it (span = its 4-char groups)."""
    mode = g.ch(["value", "line"])
    if mode == "value":
        blob = base64.b64encode(inner.encode()).decode()
        if selfid and typ in SECRET_TYPES:
            shape = g.ch(["k8s", "k8s", "echo"])
        elif selfid:
            shape = g.ch(["k8s", "field"])
        else:
            shape = "k8s"
        if shape == "k8s":
            env = g.ch(spec["env"])
            head = "apiVersion: v1\nkind: Secret\nmetadata:\n  name: %s-env\ntype: Opaque\ndata:\n  %s: " % (g.ch(SVCS), env)
            req = g.ch(K8S_REQ[lang])
            if g.p(0.5):
                pre = req + "\n"
                text = pre + head + blob + "\n"
            else:
                pre = ""
                text = head + blob + "\n" + req
            s = len(pre) + len(head)
            return Built(lang, text, (s, s + len(blob))), blob, "value"
        if shape == "field":
            key = g.ch(spec["jkeys"])
            if lang == "it":
                head = "Nel payload del webhook il campo %s è in base64: " % key
                tail = " - decodificalo e dimmi cosa contiene."
            else:
                head = "The %s field of this webhook payload is base64: " % key
                tail = " - decode it and tell me what it is."
            text = head + blob + tail
            return Built(lang, text, (len(head), len(head) + len(blob))), blob, "value"
        head = "echo '"
        text = head + blob + "' | base64 -d\n" + ("prints this value; what is it and should we rotate it?" if lang == "en"
                                                  else "stampa questo valore: cos'è, va ruotato?")
        return Built(lang, text, (len(head), len(head) + len(blob))), blob, "value"
    # a short line holding the value
    shape = g.ch(["env", "label", "sentence"]) if spec.get("text") else g.ch(["env", "label"])
    if typ == "PRIVATE_KEY":
        shape = "label"
    if shape == "env":
        before, after = g.ch(spec["env"]) + "=", "\n"
        if typ == "PRIVATE_KEY":
            before = g.ch(spec["labels"])
    elif shape == "label":
        before, after = g.ch(spec["labels"]), g.ch(["\n", "", " ;"])
    else:
        lang, tmpl = pick_text(g, spec, lang)
        before, after = fill(g, tmpl, lang).split("⟨V⟩")
    blob, gs, ge = b64_groups(before.encode(), inner.encode(), after.encode())
    req = g.ch(B64_REQ[lang])
    pre = req + g.ch([" ", "\n"])
    text = pre + blob
    return Built(lang, text, (len(pre) + gs, len(pre) + ge)), blob[gs:ge], "line"


# ============================================================================ one case

class Case:
    def __init__(self):
        self.forms = []          # (step, before, after, note)
        self.plain = None
        self.typ = None          # finding type (positives) or None
        self.kind = None         # pos | neg | judge
        self.res_type = None     # type the value resembles (negatives)
        self.tags = []


def render_value(g, case, spec, lang, plain, style_type, chain, selfid):
    """Apply chain (inner steps then at most one carrier step) and render the case text."""
    v = plain
    for st in chain:
        if st == "fullwidth":
            nv = fullwidth(g, v, style_type)
        elif st == "zero-width":
            nv = zero_width(g, v, style_type)
        else:
            continue
        case.forms.append((st, v, nv, None))
        v = nv
    outer = [st for st in chain if st in ("json", "base64", "percent")]
    if not outer:
        return carrier_text(g, spec, lang, v)
    st = outer[0]
    if st == "json":
        esc = json_escape(g, v, style_type)
        case.forms.append(("json", v, esc, None))
        return carrier_json(g, spec, lang, esc)
    if st == "percent":
        b, enc = carrier_pct(g, spec, lang, v, lambda plus: pct_encode(g, v, plus), "\n" in v)
        case.forms.append(("percent", v, enc, None))
        return b
    b, blobpart, mode = carrier_b64(g, spec, lang, v, selfid, style_type)
    case.forms.append(("base64", v, blobpart, mode))
    return b


def to_bytes_span(text, s, e):
    return len(text[:s].encode()), len(text[:e].encode())


# ============================================================================ self-check

def strip_zw(s):
    return "".join(c for c in s if c not in ZW)


def decode_step(step, after, note):
    if step == "fullwidth":
        return unicodedata.normalize("NFKC", after)
    if step == "zero-width":
        return strip_zw(after)
    if step == "json":
        return json.loads('"' + after + '"')
    if step == "percent":
        return urllib.parse.unquote_plus(after)
    if step == "base64":
        return base64.b64decode(after.replace("\n", ""), validate=True)
    raise ValueError(step)


def check_forms(case, final):
    """Each recorded step decodes back to its input, the last one is the text in the span."""
    if case.forms:
        assert case.forms[-1][2] == final, (case.forms[-1][2], final)
    else:
        assert final == case.plain
    for step, before, after, note in case.forms:
        got = decode_step(step, after, note)
        if step == "base64":
            if note == "value":
                assert got == before.encode(), (step, before)
            else:
                assert before.encode() in got, (step, before, got)
        else:
            assert got == before, (step, before, after, got)
        assert after != before, ("no change", step, before)
    if case.forms:
        assert case.forms[0][1] == case.plain


ACCIDENTAL = [
    ("CREDIT_CARD", re.compile(r"(?<![\d\w])\d(?:[ -]?\d){12,18}(?![\d\w])")),
    ("IBAN", re.compile(r"\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]){11,30}\b")),
    ("IT_FISCAL_CODE", re.compile(r"\b[A-Z]{6}[0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{3}[A-Z]\b")),
    ("IT_VAT", re.compile(r"(?<!\d)\d{11}(?!\d)")),
    ("US_SSN", re.compile(r"(?<!\d)\d{3}-\d{2}-\d{4}(?!\d)")),
    ("GITHUB_TOKEN", re.compile(r"gh[pousr]_[A-Za-z0-9]{36}")),
    ("AWS_ACCESS_KEY", re.compile(r"(?:AKIA|ASIA)[A-Z2-7]{16}")),
    ("EMAIL", re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")),
    ("JWT", re.compile(r"eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+")),
    ("OPENAI_KEY", re.compile(r"sk-[A-Za-z0-9_-]{20,}T3BlbkFJ[A-Za-z0-9_-]+")),
]


def accidental(text, spans):
    """A format-valid value outside the gold spans (in the text as written) means the case is wrong."""
    for typ, rx in ACCIDENTAL:
        for m in rx.finditer(text):
            if any(m.start() < e and s < m.end() for s, e in spans):
                continue
            if VALID[typ](m.group(0)):
                return typ, m.group(0)
    return None


# ============================================================================ schedule and build

def schedule(g, n):
    n_judge = round(n * 0.03)
    n_neg = round(n * 0.35)
    n_pos = n - n_judge - n_neg
    n_pos_ev = round(n_pos * 0.60)
    n_neg_ev = round(n_neg * 0.85)

    def cycle(items, k):
        out = []
        while len(out) < k:
            perm = list(items)
            g.r.shuffle(perm)
            out += perm
        return out[:k]

    specs = []
    for t, k in cycle([(t, k) for t in TYPES for k in KINDS], n_pos_ev):
        specs.append(("pos", t, k))
    for t in cycle(TYPES, n_pos - n_pos_ev):
        specs.append(("pos", t, None))
    for f, k in cycle([(f, k) for f in NEG_FAMILIES for k in KINDS], n_neg_ev):
        specs.append(("neg", f, k))
    for f in cycle([f for f in NEG_FAMILIES if f != "prose"], n_neg - n_neg_ev):
        specs.append(("neg", f, None))
    for f, k in cycle([(f, k) for f in JUDGE_FAMILIES for k in KINDS], n_judge):
        specs.append(("judge", f, k))
    g.r.shuffle(specs)
    return specs


def make_chain(g, kind, style_type):
    """kind -> list of steps; about 12 % get a second evasion combined with the first."""
    if kind is None:
        return []
    if not g.p(0.12):
        return [kind]
    if kind == "fullwidth":
        return ["fullwidth", "zero-width"]
    if kind == "zero-width":
        return ["fullwidth", "zero-width"]
    inner = g.ch(["fullwidth", "zero-width"])
    return [inner, kind]


def build_case(g, spec_t):
    cls, name, kind = spec_t
    case = Case()
    case.kind = cls
    lang = "it" if g.p(0.3) else "en"
    if cls == "pos":
        typ = name
        case.typ = typ
        spec = SPEC[typ]
        plain = FAB[typ](g)
        assert VALID[typ](plain), (typ, plain)
        style, selfid = typ, spec["selfid"]
    else:
        fab, res, spec = (NEG if cls == "neg" else JUDGE)[name]
        case.res_type = res
        while True:
            plain = fab(g)
            if cls == "judge" or not strictly_valid(plain):
                break
        style, selfid = (res or "PASSWORD"), False
    case.plain = plain
    chain = make_chain(g, kind, style)
    built = render_value(g, case, spec, lang, plain, style, chain, selfid)
    text, (cs, ce) = built.text, built.span
    tags = sorted(set("evasion:" + st for st in chain))
    if cls == "neg":
        tags = ["negative"] + tags
    elif cls == "judge":
        tags = ["judgement", "negative"] + tags
    # an unrelated sentence before or after, as dev's distractors
    if g.p(0.12):
        dl, dt = g.ch(DISTRACTORS)
        if "%" in dt:
            if dt.startswith("Track"):
                dt = dt % (g.s(DIG, 8), g.ri(2024, 2026), g.ri(1, 12), g.ri(1, 28))
            else:
                dt = dt % (g.ri(1, 20), g.ri(0, 40), g.ri(0, 99), g.ri(2023, 2026), g.ri(1, 12), g.ri(1, 28))
        if g.p(0.7):
            text = text + "\n\n" + dt
        else:
            off = len(dt) + 2
            text = dt + "\n\n" + text
            cs, ce = cs + off, ce + off
            if built.jsonfrag:
                built.jsonfrag = (built.jsonfrag[0] + off, built.jsonfrag[1] + off)
        tags = tags + ["distractor"]
    findings = []
    if cls == "pos":
        bs, be = to_bytes_span(text, cs, ce)
        findings.append({"type": case.typ, "start": bs, "end": be, "value": text[cs:ce]})
    # ---- self-check
    check_forms(case, text[cs:ce])
    if cls == "pos":
        assert VALID[case.typ](case.plain)
    elif cls == "neg":
        assert not strictly_valid(case.plain), (name, case.plain)
        if case.res_type:
            assert not VALID[case.res_type](case.plain), (name, case.plain)
    if built.jsonfrag:
        json.loads(text[built.jsonfrag[0]:built.jsonfrag[1]])
    for f in findings:
        assert text.encode()[f["start"]:f["end"]].decode() == f["value"]
    acc = accidental(text, [(cs, ce)] if cls == "pos" else [] if cls == "neg" else [(cs, ce)])
    if acc:
        return None
    return built.lang, text, findings, tags, case


def build(seed, n):
    g = Gen(seed)
    rows = []
    for i, sp in enumerate(schedule(g, n)):
        for _ in range(50):
            r = build_case(g, sp)
            if r:
                break
        else:
            raise RuntimeError("could not build %r" % (sp,))
        lang, text, findings, tags, case = r
        rows.append({"id": "a36-%d-%04d" % (seed, i), "lang": lang, "text": text, "findings": findings, "tags": tags})
    return rows


def verify(rows):
    """Independent pass over the written rows."""
    ids = set()
    for r in rows:
        assert r["id"] not in ids
        ids.add(r["id"])
        b = r["text"].encode()
        for f in r["findings"]:
            assert f["type"] in TYPES
            assert b[f["start"]:f["end"]].decode() == f["value"], r["id"]
            assert f["value"] == f["value"].strip(), r["id"]
        if "negative" in r["tags"]:
            assert not r["findings"]
        else:
            assert r["findings"]


def summary(rows):
    cnt = {}
    for r in rows:
        ev = tuple(t[8:] for t in r["tags"] if t.startswith("evasion:"))
        key_t = r["findings"][0]["type"] if r["findings"] else ("judgement" if "judgement" in r["tags"] else "negative")
        for k in (ev or ("plain",)):
            cnt[(key_t, k)] = cnt.get((key_t, k), 0) + 1
    cols = ["plain"] + KINDS
    lines = ["%-20s" % "type" + "".join("%11s" % c for c in cols)]
    for t in TYPES + ["negative", "judgement"]:
        lines.append("%-20s" % t + "".join("%11d" % cnt.get((t, c), 0) for c in cols))
    return "\n".join(lines)


def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    seed, n, out = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
    rows = build(seed, n)
    verify(rows)
    with open(out, "w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    npos = sum(1 for r in rows if r["findings"])
    nev = sum(1 for r in rows if r["findings"] and any(t.startswith("evasion:") for t in r["tags"]))
    print("wrote %d cases to %s (%d positive, %d of them evaded; %d negative; %d judgement)" % (
        len(rows), out, npos, nev, sum("negative" in r["tags"] for r in rows), sum("judgement" in r["tags"] for r in rows)))
    print(summary(rows))


if __name__ == "__main__":
    main()
