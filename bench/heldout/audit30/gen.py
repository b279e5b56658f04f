#!/usr/bin/env python3
"""audit30 - a fifth sibling of the dev corpus, stressing evasions and value edges.

  python3 gen.py SEED N OUT.jsonl

Writes N JSONL lines {id, lang, text, findings:[{type,start,end,value}], tags} in the
format of shared/corpus/dev.jsonl: byte offsets into the UTF-8 text, `value` is the text
slice.  Every value is fabricated from the seed (valid checksums for positives).  Python 3
standard library only; the output depends on SEED and N alone.
"""
import base64
import binascii
import json
import random
import re
import sys
import zlib

# --------------------------------------------------------------------------- helpers

B62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
URLSAFE = ALNUM + "-_"
UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
DIG = "0123456789"
HEX = "0123456789abcdef"


class Gen:
    def __init__(self, seed):
        self.r = random.Random(seed)

    # basic draws
    def ch(self, seq):
        return self.r.choice(seq)

    def s(self, alphabet, n):
        return "".join(self.r.choice(alphabet) for _ in range(n))

    def p(self, prob):
        return self.r.random() < prob

    def ri(self, a, b):
        return self.r.randint(a, b)

    def wch(self, items):
        """items: list of (weight, value)"""
        tot = sum(w for w, _ in items)
        x = self.r.random() * tot
        for w, v in items:
            x -= w
            if x < 0:
                return v
        return items[-1][1]


# --------------------------------------------------------------------------- checksums

def luhn_ok(d):
    tot = 0
    for i, c in enumerate(reversed(d)):
        n = int(c)
        if i % 2 == 1:
            n *= 2
            if n > 9:
                n -= 9
        tot += n
    return tot % 10 == 0


def luhn_complete(g, prefix, length):
    body = prefix + g.s(DIG, length - len(prefix) - 1)
    for c in DIG:
        if luhn_ok(body + c):
            return body + c


def iban_check(country, bban):
    s = bban + country + "00"
    num = "".join(str(int(c, 36)) for c in s)
    return "%02d" % (98 - int(num) % 97)


def iban_ok(iban):
    s = iban.replace(" ", "").replace("\n", "")
    s = s[4:] + s[:4]
    num = "".join(str(int(c, 36)) for c in s)
    return int(num) % 97 == 1


CF_ODD = {}
_odd_vals = [1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23]
for i, c in enumerate(DIG):
    CF_ODD[c] = _odd_vals[i]
for i, c in enumerate(UPPER):
    CF_ODD[c] = _odd_vals[i]
CF_EVEN = {c: i for i, c in enumerate(DIG)}
CF_EVEN.update({c: i for i, c in enumerate(UPPER)})


def cf_check(s15):
    tot = 0
    for i, c in enumerate(s15):
        tot += CF_ODD[c] if i % 2 == 0 else CF_EVEN[c]
    return UPPER[tot % 26]


def piva_check(d10):
    tot = 0
    for i, c in enumerate(d10):
        n = int(c)
        if i % 2 == 1:
            n *= 2
            if n > 9:
                n -= 9
        tot += n
    return str((10 - tot % 10) % 10)


def b62_6(n):
    s = ""
    while n:
        s = B62[n % 62] + s
        n //= 62
    return s.rjust(6, "0")


# --------------------------------------------------------------------------- name pools

FIRST_IT = ["Alessia", "Beatrice", "Carlo", "Davide", "Elena", "Federico", "Giada", "Ilaria", "Jacopo",
            "Lorenzo", "Martina", "Nicola", "Ottavio", "Pietro", "Rebecca", "Simone", "Tommaso", "Valentina",
            "Vittoria", "Arianna", "Cristian", "Debora", "Emanuele", "Fabio", "Gabriele", "Irene", "Leonardo",
            "Matteo", "Noemi", "Riccardo", "Serena", "Stefano", "Ludovica", "Filippo", "Agnese", "Raffaele"]
LAST_IT = ["Barbieri", "Bellini", "Benedetti", "Caruso", "Cattaneo", "Conti", "De Luca", "Fabbri", "Farina",
           "Fontana", "Galli", "Gentile", "Giordano", "Grasso", "Leone", "Lombardi", "Mancini", "Marchetti",
           "Mariani", "Martini", "Monti", "Morelli", "Moretti", "Pellegrini", "Rinaldi", "Rizzo", "Ruggiero",
           "Santoro", "Sala", "Serra", "Testa", "Villa", "Vitale", "Orlando", "Palumbo", "Sorrentino"]
FIRST_EN = ["Aaron", "Bethany", "Caleb", "Dana", "Ethan", "Fiona", "Grant", "Hannah", "Isaac", "Jolene",
            "Kevin", "Lauren", "Marcus", "Nadia", "Owen", "Priya", "Quentin", "Rachel", "Samuel", "Tessa",
            "Victor", "Wendy", "Yusuf", "Zoe", "Brooke", "Declan", "Imogen", "Malik", "Sienna", "Theo"]
LAST_EN = ["Abbott", "Brennan", "Carver", "Dalton", "Ellison", "Fletcher", "Gallagher", "Hayes", "Ingram",
           "Jennings", "Kowalski", "Lindqvist", "Mendoza", "Nakamura", "Patel", "Quinn", "Reyes", "Sullivan",
           "Thornton", "Underwood", "Vasquez", "Whitaker", "Young", "Okafor", "Brandt", "Moreau"]
COMPANY_DOMAINS = ["tecnoimpianti.it", "studiocaruso.it", "gruppo-fenice.com", "logistica-adriatica.it",
                   "brightwave.io", "northgate-capital.com", "harbourline.co.uk", "medicentro.it", "agrisud.it",
                   "pec.studiolegalerinaldi.it", "ferramenta-lombarda.it", "kestrel-analytics.co.uk",
                   "vetreria-murano.eu", "officinedelnord.com", "solaria-energia.it", "bluepeak.dev",
                   "cantina-vallescura.it", "ortho-clinic.de", "meridian-freight.nl", "pec.commercialisti-bg.it"]
FREE_DOMAINS = ["gmail.com", "outlook.it", "hotmail.it", "yahoo.com", "icloud.com", "proton.me", "libero.it",
                "tiscali.it", "virgilio.it", "fastwebnet.it", "gmx.de", "live.com"]
COMPANIES = ["Termoidraulica Bellini S.r.l.", "Fenice Logistica S.p.A.", "Studio Caruso & Associati",
             "Agrisud Società Cooperativa", "Officine del Nord S.r.l.", "Vetreria Murano S.n.c.",
             "Solaria Energia S.r.l.", "Cantina Vallescura", "Meridian Freight B.V.", "Kestrel Analytics Ltd",
             "Ferramenta Lombarda S.r.l.", "Edilcasa Rinaldi S.r.l.s."]
CITIES = ["Bergamo", "Lecce", "Trento", "Ancona", "Pescara", "Udine", "Cagliari", "Verona", "Perugia",
          "Bari", "Torino", "Parma", "Modena", "Salerno", "Sassari"]
BELFIORE = ["H501", "F205", "F839", "L219", "G273", "D969", "A944", "D612", "A662", "C351", "L736", "L781",
            "F158", "G224", "L424", "B157", "G478", "E463", "H703", "E506", "L378", "A794", "G337", "Z404",
            "Z112", "Z133", "I452", "B354"]
HOSTS = ["db-prod-01.internal", "pg.fenice-logistica.it", "db.agrisud.it", "mq.brightwave.io",
         "redis-cache.bluepeak.dev", "mysql-eu.northgate-capital.com", "ftp.medicentro.it",
         "orders-db.officinedelnord.com", "rabbit01.solaria-energia.it", "ldap.harbourline.co.uk"]


# --------------------------------------------------------------------------- value fabricators

def f_first(g, lang):
    return g.ch(FIRST_IT if lang == "it" or g.p(0.3) else FIRST_EN)


def f_full(g, lang):
    if lang == "it" or g.p(0.35):
        return g.ch(FIRST_IT) + " " + g.ch(LAST_IT)
    return g.ch(FIRST_EN) + " " + g.ch(LAST_EN)


def f_email(g, arg=None):
    if g.p(0.55):
        fi, la = g.ch(FIRST_IT), g.ch(LAST_IT)
    else:
        fi, la = g.ch(FIRST_EN), g.ch(LAST_EN)
    fi, la = fi.lower(), la.lower().replace(" ", "").replace("'", "")
    style = g.ri(0, 8)
    if style == 0:
        local = fi + "." + la
    elif style == 1:
        local = fi[0] + la
    elif style == 2:
        local = fi + "_" + la + str(g.ri(1, 99))
    elif style == 3:
        local = fi + "+" + g.ch(["fatture", "news", "crm", "github", "amazon", "lavoro"])
    elif style == 4:
        local = la + "." + fi[0]
    elif style == 5:
        local = fi + "-" + la
    elif style == 6:
        local = fi[0] + "." + la + str(g.ri(70, 99))
    elif style == 7:
        local = g.ch(["amministrazione", "ufficio.acquisti", "hr", "billing", "support", "segreteria", "ops-team"])
    else:
        local = la + fi[:3]
    dom = g.ch(COMPANY_DOMAINS) if g.p(0.55) else g.ch(FREE_DOMAINS)
    if arg == "gsa":
        return g.ch(["deployer", "ci-runner", "bq-export", "terraform"]) + "@bluepeak-prod.iam.gserviceaccount.com"
    if arg == "upper" or (arg is None and g.p(0.04)):
        local = local.capitalize()
    return local + "@" + dom


CARD_BRANDS = [(30, "visa"), (24, "mc"), (8, "mc2"), (12, "amex"), (8, "disc"), (5, "jcb"), (4, "diners"),
               (3, "unionpay19"), (3, "maestro")]


def f_card(g, arg=None):
    brand = arg if arg else g.wch(CARD_BRANDS)
    if brand == "visa":
        d, grp = luhn_complete(g, "4", 16), [4, 4, 4, 4]
    elif brand == "mc":
        d, grp = luhn_complete(g, str(g.ri(51, 55)), 16), [4, 4, 4, 4]
    elif brand == "mc2":
        d, grp = luhn_complete(g, str(g.ri(2221, 2720)), 16), [4, 4, 4, 4]
    elif brand == "amex":
        d, grp = luhn_complete(g, g.ch(["34", "37"]), 15), [4, 6, 5]
    elif brand == "disc":
        d, grp = luhn_complete(g, g.ch(["6011", "65", str(g.ri(644, 649))]), 16), [4, 4, 4, 4]
    elif brand == "jcb":
        d, grp = luhn_complete(g, str(g.ri(3528, 3589)), 16), [4, 4, 4, 4]
    elif brand == "diners":
        d, grp = luhn_complete(g, g.ch(["36", "38", "30" + str(g.ri(0, 5))]), 14), [4, 6, 4]
    elif brand == "unionpay19":
        d, grp = luhn_complete(g, "62" + str(g.ri(1, 8)), 19), [4, 4, 4, 4, 3]
    else:
        d, grp = luhn_complete(g, g.ch(["5018", "5020", "5038", "6304", "6759"]), 16), [4, 4, 4, 4]
    sep = g.wch([(45, " "), (25, "-"), (30, "")])
    return fmt_groups(d, grp, sep)


def fmt_groups(d, grp, sep):
    if not sep:
        return d
    out, i = [], 0
    for n in grp:
        out.append(d[i:i + n])
        i += n
    return sep.join(out)


def bad_luhn(g):
    brand = g.ch(["4", "5" + str(g.ri(1, 5)), "6011", "37"])
    ln = 15 if brand == "37" else 16
    d = luhn_complete(g, brand, ln)
    last = str((int(d[-1]) + g.ri(1, 9)) % 10)
    d = d[:-1] + last
    assert not luhn_ok(d)
    grp = [4, 6, 5] if ln == 15 else [4, 4, 4, 4]
    return fmt_groups(d, grp, g.ch([" ", "-", ""]))


# IBAN: country -> (weight, pattern).  n digit, a upper letter, c alnum (upper+digits)
IBAN_SPECS = {
    "IT": (34, "a5n5n12c"), "DE": (10, "18n"), "FR": (7, "FR"), "ES": (6, "ES"), "NL": (4, "NL"),
    "BE": (3, "BE"), "AT": (3, "16n"), "CH": (3, "5n12c"), "GB": (4, "4a14n"), "PT": (2, "PT"),
    "IE": (2, "4a14n"), "LU": (2, "3n13c"), "SM": (2, "a5n5n12c"), "MT": (1, "4a5n18c"),
    "PL": (2, "24n"), "GR": (1, "7n16c"), "HR": (1, "17n"), "SI": (1, "15n"), "MC": (1, "FR"),
    "NO": (1, "NO"), "FI": (1, "FI"), "DK": (1, "14n"), "SE": (1, "20n"), "CZ": (1, "20n"),
    "HU": (1, "24n"), "RO": (1, "4a16c"), "BG": (1, "4a6n8c"),
}
IBAN_LEN = {"IT": 27, "DE": 22, "FR": 27, "ES": 24, "NL": 18, "BE": 16, "AT": 20, "CH": 21, "GB": 22, "PT": 25,
            "IE": 22, "LU": 20, "SM": 27, "MT": 31, "PL": 28, "GR": 27, "HR": 21, "SI": 19, "MC": 27, "NO": 15,
            "FI": 18, "DK": 18, "SE": 24, "CZ": 24, "HU": 28, "RO": 24, "BG": 22}
UK_BANKS = ["NWBK", "BARC", "LOYD", "HBUK", "MIDL", "CITI"]
IE_BANKS = ["AIBK", "BOFI", "IPBS"]
NL_BANKS = ["ABNA", "RABO", "INGB", "TRIO", "SNSB"]


def _pattern(g, pat):
    out = ""
    for num, kind in re.findall(r"(\d*)([anc])", pat):
        k = int(num) if num else 1
        if kind == "n":
            out += g.s(DIG, k)
        elif kind == "a":
            out += g.s(UPPER, k)
        else:
            # mostly digits: account numbers are numeric in practice
            out += g.s(DIG, k) if g.p(0.8) else g.s(UPPER + DIG, k)
    return out


def it_cin(abi, cab, conto):
    s = abi + cab + conto
    tot = 0
    for i, c in enumerate(s):
        tot += CF_ODD[c] if i % 2 == 0 else CF_EVEN[c]
    return UPPER[tot % 26]


def fr_rib_key(bank, branch, acct):
    return "%02d" % (97 - ((89 * int(bank) + 15 * int(branch) + 3 * int(acct)) % 97))


def es_dc(g):
    bank, branch, acct = g.s(DIG, 4), g.s(DIG, 4), g.s(DIG, 10)
    w = [1, 2, 4, 8, 5, 10, 9, 7, 3, 6]

    def dc(s10):
        v = 11 - sum(int(c) * w[i] for i, c in enumerate(s10)) % 11
        return {10: 1, 11: 0}.get(v, v)
    return bank + branch + str(dc("00" + bank + branch)) + str(dc(acct)) + acct


def f_bban(g, cc):
    pat = IBAN_SPECS[cc][1]
    if cc in ("IT", "SM"):
        abi, cab, conto = g.s(DIG, 5), g.s(DIG, 5), g.s(DIG, 12)
        return it_cin(abi, cab, conto) + abi + cab + conto
    if cc in ("FR", "MC"):
        bank, branch, acct = g.s(DIG, 5), g.s(DIG, 5), g.s(DIG, 11)
        return bank + branch + acct + fr_rib_key(bank, branch, acct)
    if cc == "ES":
        return es_dc(g)
    if cc == "NL":
        while True:
            acct = g.s(DIG, 10)
            if acct[0] != "0" and sum(int(c) * (10 - i) for i, c in enumerate(acct)) % 11 == 0:
                return g.ch(NL_BANKS) + acct
    if cc == "BE":
        first = g.s(DIG, 10)
        chk = int(first) % 97 or 97
        return first + "%02d" % chk
    if cc == "PT":
        first = g.s(DIG, 19)
        return first + "%02d" % (98 - (int(first) * 100) % 97)
    if cc == "NO":
        while True:
            d = g.s(DIG, 10)
            w = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2]
            c = 11 - sum(int(x) * w[i] for i, x in enumerate(d)) % 11
            if c == 11:
                c = 0
            if c != 10:
                return d + str(c)
    if cc == "FI":
        d = g.s(DIG, 13)
        for c in DIG:
            if luhn_ok(d + c):
                return d + c
    if cc == "GB":
        return g.ch(UK_BANKS) + g.s(DIG, 14)
    if cc == "IE":
        return g.ch(IE_BANKS) + g.s(DIG, 14)
    return _pattern(g, pat)


def f_iban_compact(g, cc=None):
    if cc is None:
        cc = g.wch([(v[0], k) for k, v in IBAN_SPECS.items()])
    bban = f_bban(g, cc)
    iban = cc + iban_check(cc, bban) + bban
    assert len(iban) == IBAN_LEN[cc], (cc, iban)
    assert iban_ok(iban)
    return iban


def group4(s):
    return " ".join(s[i:i + 4] for i in range(0, len(s), 4))


def f_iban(g, arg=None):
    cc = None
    style = None
    if arg:
        for a in arg.split(","):
            if a in IBAN_SPECS:
                cc = a
            else:
                style = a
    iban = f_iban_compact(g, cc)
    if style is None:
        style = g.wch([(55, "grp"), (45, "c")])
    if style == "grp":
        return group4(iban)
    if style == "wrap":
        groups = group4(iban).split(" ")
        k = g.ri(2, len(groups) - 2)
        return " ".join(groups[:k]) + "\n" + " ".join(groups[k:])
    return iban


def bad_iban(g):
    iban = f_iban_compact(g, g.ch(["IT", "IT", "DE", "FR", "ES", "GB"]))
    chk = int(iban[2:4])
    new = (chk + g.ri(1, 90)) % 97
    if new < 2:
        new += 2
    bad = iban[:2] + "%02d" % new + iban[4:]
    if iban_ok(bad):
        bad = iban[:2] + "%02d" % ((new + 1) % 97 or 3) + iban[4:]
    assert not iban_ok(bad)
    return group4(bad) if g.p(0.5) else bad


MONTHS_CF = "ABCDEHLMPRST"
OMO = "LMNPQRSTUV"


def f_cf(g, arg=None):
    def tri():
        return g.s("BCDFGHJKLMNPQRSTVZ", 3) if g.p(0.85) else g.s("BCDFGHJKLMNPQRSTVZ", 2) + g.ch("AEIOU")
    day = g.ri(1, 28)
    if g.p(0.5):
        day += 40
    year = g.ri(40, 99) if g.p(0.8) else g.ri(0, 6)
    body = tri() + tri() + "%02d" % year + g.ch(MONTHS_CF) + "%02d" % day + g.ch(BELFIORE)
    if arg == "omo" or (arg is None and g.p(0.06)):
        pos = [14, 13, 12, 10, 9, 7, 6]
        b = list(body)
        for k in range(g.ri(1, 3)):
            b[pos[k]] = OMO[int(b[pos[k]])]
        body = "".join(b)
    return body + cf_check(body)


def bad_cf(g):
    cf = f_cf(g, "plain")
    wrong = g.ch([c for c in UPPER if c != cf[-1]])
    return cf[:-1] + wrong


def f_vat(g, arg=None):
    office = g.wch([(90, "%03d" % g.ri(1, 100)), (5, "120"), (5, "121")])
    d10 = g.s(DIG, 7) + office
    v = d10 + piva_check(d10)
    if arg == "it":
        return "IT" + v
    return v


def bad_vat(g):
    v = f_vat(g)
    return v[:-1] + str((int(v[-1]) + g.ri(1, 9)) % 10)


def f_ssn(g, arg=None):
    while True:
        area = g.ri(1, 899)
        if area != 666:
            break
    grp, ser = g.ri(1, 99), g.ri(1, 9999)
    style = arg or g.wch([(80, "dash"), (10, "space"), (10, "compact")])
    if style == "dash":
        return "%03d-%02d-%04d" % (area, grp, ser)
    if style == "space":
        return "%03d %02d %04d" % (area, grp, ser)
    return "%03d%02d%04d" % (area, grp, ser)


def bad_ssn(g):
    k = g.ri(0, 3)
    if k == 0:
        return "000-%02d-%04d" % (g.ri(1, 99), g.ri(1, 9999))
    if k == 1:
        return "666-%02d-%04d" % (g.ri(1, 99), g.ri(1, 9999))
    if k == 2:
        return "%03d-00-%04d" % (g.ri(100, 665), g.ri(1, 9999))
    return "%03d-%02d-0000" % (g.ri(100, 665), g.ri(1, 99))


def _nanp(g):
    while True:
        a = "%d%d%d" % (g.ri(2, 9), g.ri(0, 8), g.ri(0, 9))
        if a[1:] != "11":
            break
    while True:
        e = "%d%d%d" % (g.ri(2, 9), g.ri(0, 9), g.ri(0, 9))
        if e[1:] != "11" and e != "555":
            break
    return a, e, g.s(DIG, 4)


def f_phone(g, arg=None):
    kind = arg or g.wch([(26, "it_mob"), (16, "it_fix"), (16, "us"), (8, "uk"), (8, "de"), (6, "fr"),
                         (4, "es"), (4, "ch")])
    if kind == "it_mob":
        pre = "3" + g.ch(["20", "24", "27", "28", "29", "30", "33", "34", "35", "36", "38", "39", "40", "45",
                          "46", "47", "48", "49", "66", "77", "80", "88", "91", "92", "93"])
        rest = g.s(DIG, 7)
        f = g.ri(0, 7)
        return ["+39 %s %s %s" % (pre, rest[:3], rest[3:]), "+39%s%s" % (pre, rest), "%s %s" % (pre, rest),
                "%s-%s-%s" % (pre, rest[:3], rest[3:]), "(+39) %s %s" % (pre, rest),
                "0039 %s %s" % (pre, rest), "%s.%s.%s" % (pre, rest[:3], rest[3:]),
                "+39 %s-%s" % (pre, rest)][f]
    if kind == "it_fix":
        ac = g.ch(["02", "06", "011", "010", "051", "055", "081", "091", "045", "049", "071", "0521", "0461",
                   "0832", "035"])
        n = g.s("2345678", 1) + g.s(DIG, 9 - len(ac))
        f = g.ri(0, 4)
        if f == 0:
            return "+39 %s %s" % (ac, n)
        if f == 1:
            return "%s/%s" % (ac, n)
        if f == 2:
            return "%s %s %s" % (ac, n[:4], n[4:]) if len(n) == 8 else "%s %s" % (ac, n)
        if f == 3:
            return "%s-%s" % (ac, n)
        return "%s %s" % (ac, n)
    if kind == "us":
        a, e, l = _nanp(g)
        return g.ch(["(%s) %s-%s", "%s-%s-%s", "+1 %s %s %s", "+1 (%s) %s-%s", "%s.%s.%s", "1-%s-%s-%s"]) % (a, e, l)
    if kind == "uk":
        if g.p(0.5):
            n = g.s("3456789", 1) + g.s(DIG, 7)
            return g.ch(["+44 20 %s %s", "020 %s %s"]) % (n[:4], n[4:])
        n = g.s("12345", 1) + g.s(DIG, 2) + " " + g.s(DIG, 6)
        return g.ch(["+44 7%s", "07%s"]) % n
    if kind == "de":
        if g.p(0.5):
            return g.ch(["+49 30 %s", "030 %s", "+49 89 %s"]) % (g.s("2345678", 1) + g.s(DIG, 7))
        pre = g.ch(["151", "152", "157", "159", "160", "162", "163", "170", "171", "172", "173", "175", "176", "177", "178", "179"])
        return g.ch(["+49 %s %s", "0%s %s"]) % (pre, g.s(DIG, 7 if g.p(0.5) else 8))
    if kind == "fr":
        d = g.s("12345679", 1) + g.s(DIG, 8)
        pairs = " ".join(d[i:i + 2] for i in range(1, 9, 2))
        return g.ch(["+33 %s %s" % (d[0], pairs), "0%s %s" % (d[0], pairs)])
    if kind == "es":
        d = g.s("6789", 1) + g.s(DIG, 8)
        return g.ch(["+34 %s %s %s" % (d[:3], d[3:6], d[6:]), "+34%s" % d])
    d = g.s(DIG, 7)
    return "+41 %s %s %s %s" % (g.ch(["44", "43", "22", "31", "61", "79", "78"]), d[:3], d[3:5], d[5:])


def _pub_octet1(g):
    while True:
        a = g.ri(1, 223)
        if a not in (10, 127, 100, 169, 172, 192, 198, 203, 0):
            return a


def f_ip(g, arg=None):
    kind = arg or g.wch([(40, "pub"), (35, "priv"), (25, "v6")])
    if kind == "pub":
        return "%d.%d.%d.%d" % (_pub_octet1(g), g.ri(0, 255), g.ri(0, 255), g.ri(1, 254))
    if kind == "priv":
        k = g.ri(0, 2)
        if k == 0:
            return "10.%d.%d.%d" % (g.ri(0, 255), g.ri(0, 255), g.ri(1, 254))
        if k == 1:
            return "172.%d.%d.%d" % (g.ri(16, 31), g.ri(0, 255), g.ri(1, 254))
        return "192.168.%d.%d" % (g.ri(0, 255), g.ri(1, 254))
    # v6
    k = g.ri(0, 3)
    h = lambda: "%x" % g.ri(1, 0xffff)
    if k == 0:
        return "2a0%d:%s:%s:%s::%s" % (g.ri(1, 9), h(), h(), h(), h())
    if k == 1:
        return "fd%02x:%s:%s::%s" % (g.ri(0, 255), h(), h(), h())
    if k == 2:
        return ":".join(["2001", "%x" % g.ri(0x4000, 0xfff0)] + [h() for _ in range(6)])
    return "2600:%s:%s:%s:%s::%s" % (h(), h(), h(), h(), h())


AWS_B32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"


def f_awsid(g, arg=None):
    pre = arg or g.wch([(75, "AKIA"), (25, "ASIA")])
    return pre + g.s(AWS_B32, 16)


def f_awssecret(g, arg=None):
    while True:
        s = g.s(ALNUM + "/+", 40)
        if "EXAMPLE" not in s:
            return s


def f_gh(g, arg=None):
    kind = arg or g.wch([(55, "ghp"), (8, "gho"), (8, "ghu"), (10, "ghs"), (4, "ghr"), (15, "pat")])
    if kind == "pat":
        return "github_pat_" + g.s(ALNUM, 22) + "_" + g.s(ALNUM, 59)
    ent = g.s(ALNUM, 30)
    return kind + "_" + ent + b62_6(zlib.crc32(ent.encode()))


def f_gl(g, arg=None):
    kind = arg or g.wch([(80, "glpat"), (8, "glrt"), (6, "gldt"), (6, "glptt")])
    if kind == "glptt":
        return "glptt-" + g.s(HEX, 40)
    return kind + "-" + g.s(URLSAFE, 20)


def f_slack(g, arg=None):
    kind = arg or g.wch([(55, "xoxb"), (35, "xoxp"), (10, "xapp")])
    if kind == "xoxb":
        return "xoxb-%s-%s-%s" % (g.s(DIG, g.ri(10, 12)), g.s(DIG, 13), g.s(ALNUM, 24))
    if kind == "xoxp":
        return "xoxp-%s-%s-%s-%s" % (g.s(DIG, 12), g.s(DIG, 12), g.s(DIG, 13), g.s(HEX, 32))
    return "xapp-1-A%s-%s-%s" % (g.s(UPPER + DIG, 10), g.s(DIG, 13), g.s(HEX, 64))


def f_hook(g, arg=None):
    return "https://hooks.slack.com/services/T%s/B%s/%s" % (g.s(UPPER + DIG, g.ri(8, 10)),
                                                           g.s(UPPER + DIG, g.ri(8, 10)), g.s(ALNUM, 24))


def f_stripe(g, arg=None):
    pre = g.wch([(70, "sk_live_"), (30, "rk_live_")])
    ln = g.wch([(35, 24), (65, 99)])
    if ln == 99:
        return pre + "51" + g.s(ALNUM, 97)
    return pre + g.s(ALNUM, 24)


def f_openai(g, arg=None):
    kind = arg or g.wch([(30, "legacy"), (55, "proj"), (15, "svc")])
    if kind == "legacy":
        return "sk-" + g.s(ALNUM, 20) + "T3BlbkFJ" + g.s(ALNUM, 20)
    pre = "sk-proj-" if kind == "proj" else "sk-svcacct-"
    return pre + g.s(URLSAFE, 74) + "T3BlbkFJ" + g.s(URLSAFE, 74)


def f_anth(g, arg=None):
    if arg == "admin" or g.p(0.1):
        return "sk-ant-admin01-" + g.s(URLSAFE, 93) + "AA"
    return "sk-ant-api03-" + g.s(URLSAFE, 93) + "AA"


def f_google(g, arg=None):
    return "AIza" + g.s(URLSAFE, 35)


def b64url(b):
    return base64.urlsafe_b64encode(b).decode().rstrip("=")


def f_jwt(g, arg=None):
    alg = g.wch([(50, "HS256"), (35, "RS256"), (15, "ES256")])
    hk = g.ri(0, 2)
    if hk == 0:
        header = {"alg": alg, "typ": "JWT"}
    elif hk == 1:
        header = {"typ": "JWT", "alg": alg}
    else:
        header = {"alg": alg, "kid": g.s(HEX, 16), "typ": "JWT"}
    iat = g.ri(1690000000, 1760000000)
    payload = {"sub": str(g.ri(10000, 99999999)), "iat": iat, "exp": iat + g.ch([900, 3600, 86400])}
    if g.p(0.5):
        payload["role"] = g.ch(["admin", "editor", "viewer", "service"])
    if g.p(0.4):
        payload["iss"] = "https://auth." + g.ch(COMPANY_DOMAINS)
    sep = (",", ":") if g.p(0.8) else (", ", ": ")
    h = b64url(json.dumps(header, separators=sep).encode())
    pl = b64url(json.dumps(payload, separators=sep).encode())
    siglen = {"HS256": 32, "RS256": 256, "ES256": 64}[alg]
    sig = b64url(bytes(g.ri(0, 255) for _ in range(siglen)))
    return h + "." + pl + "." + sig


PEM_KINDS = [(30, "RSA PRIVATE KEY"), (25, "PRIVATE KEY"), (15, "EC PRIVATE KEY"), (20, "OPENSSH PRIVATE KEY"),
             (6, "ENCRYPTED PRIVATE KEY"), (4, "PGP PRIVATE KEY BLOCK")]


def pem_body(g, kind):
    rb = lambda n: bytes(g.ri(0, 255) for _ in range(n))
    if kind == "RSA PRIVATE KEY":
        der = bytes.fromhex("308204a40201000282010100") + rb(g.ri(300, 700))
        width = 64
    elif kind == "PRIVATE KEY":
        der = bytes.fromhex("308204be020100300d06092a864886f70d0101010500048204a8308204a40201000282010100") + rb(g.ri(300, 650))
        width = 64
    elif kind == "EC PRIVATE KEY":
        der = bytes.fromhex("30770201010420") + rb(32) + bytes.fromhex("a00a06082a8648ce3d030107a144034200") + b"\x04" + rb(64)
        width = 64
    elif kind == "OPENSSH PRIVATE KEY":
        der = b"openssh-key-v1\x00\x00\x00\x00\x04none\x00\x00\x00\x04none\x00\x00\x00\x00\x00\x00\x00\x01\x00\x00\x003\x00\x00\x00\x0bssh-ed25519" + rb(g.ri(200, 330))
        width = 70
    elif kind == "ENCRYPTED PRIVATE KEY":
        der = bytes.fromhex("3082050e304006092a864886f70d01050d3033301b06092a864886f70d01050c300e0408") + rb(g.ri(300, 600))
        width = 64
    else:
        der = bytes.fromhex("9507460465") + rb(g.ri(300, 500))
        width = 64
    b = base64.b64encode(der).decode()
    lines = [b[i:i + width] for i in range(0, len(b), width)]
    if kind == "PGP PRIVATE KEY BLOCK":
        crc = base64.b64encode(bytes(g.ri(0, 255) for _ in range(3))).decode()
        lines = [""] + lines + ["=" + crc]
    return lines


def f_pem(g, arg=None, indent="", nl="\n"):
    if arg == "yaml":
        indent = "    "
    kind = g.wch(PEM_KINDS)
    lines = pem_body(g, kind)
    parts = ["-----BEGIN %s-----" % kind] + lines + ["-----END %s-----" % kind]
    return (nl + indent).join(parts)


CURL_SCHEMES = [(20, "postgres"), (12, "postgresql"), (14, "mysql"), (14, "mongodb+srv"), (6, "mongodb"),
                (10, "redis"), (4, "rediss"), (10, "amqp"), (4, "amqps"), (4, "ftp"), (2, "sftp"), (4, "smtp"),
                (6, "http"), (3, "https"), (2, "ldap"), (3, "mssql")]
PORTS = {"postgres": 5432, "postgresql": 5432, "mysql": 3306, "mongodb": 27017, "redis": 6379, "rediss": 6380,
         "amqp": 5672, "amqps": 5671, "ftp": 21, "sftp": 22, "smtp": 587, "http": 3128, "https": 8443, "ldap": 389,
         "mssql": 1433}


def f_password(g, arg=None):
    k = g.ri(0, 5)
    words = ["Girasole", "Pallavolo", "Tramonto", "Bluebird", "Lanterna", "Orizzonte", "Maple", "Falcon",
             "Cometa", "Ginepro", "Harbor", "Velluto", "Quokka", "Tempesta", "Copper", "Azalea"]
    syms = "!#$%&*+-=?^_."
    if k == 0:
        pw = g.ch(words) + g.ch(syms) + str(g.ri(1, 2025))
    elif k == 1:
        pw = g.ch(words) + str(g.ri(10, 99)) + g.ch(syms) + g.s(ALNUM, 2)
    elif k == 2:
        pw = g.s(UPPER, 1) + g.s(ALNUM + syms, g.ri(10, 18))
    elif k == 3:
        pw = "-".join(g.ch(["lime", "orbit", "castle", "pepper", "tundra", "violin", "noce", "faro", "pixel",
                            "rumba", "salvia", "delta"]) for _ in range(3)) + str(g.ri(2, 99))
    elif k == 4:
        pw = g.s(ALNUM, 4) + g.ch(syms) + g.s(ALNUM, 4) + g.ch(syms) + g.s(DIG, 2)
    else:
        pw = g.ch(words).lower() + g.ch(["_", "."]) + g.ch(words) + str(g.ri(1, 9)) + g.ch(syms)
    if arg == "url":
        pw = re.sub(r"[^A-Za-z0-9._~-]", lambda m: "%%%02X" % ord(m.group(0)), pw)
    if arg == "plain":
        pw = re.sub(r"[^A-Za-z0-9]", "", pw) + str(g.ri(10, 99))
    return pw


def f_curl(g, arg=None):
    scheme = arg or g.wch(CURL_SCHEMES)
    user = g.ch(["app", "svc_orders", "readonly", "etl_user", "admin", "deploy", "backup", "grafana",
                 "billing_rw", "n8n", "keycloak", "ftpuser", "mailer"])
    pw = f_password(g, "url")
    host = g.ch(HOSTS)
    db = g.ch(["orders", "crm", "analytics", "prod", "inventory", "0", "vhost1", "erp"])
    if scheme in ("redis", "rediss") and g.p(0.4):
        user = ""
    if scheme == "mongodb+srv":
        return "mongodb+srv://%s:%s@%s/%s?retryWrites=true&w=majority" % (user, pw, "cluster0.%s.mongodb.net" % g.s("abcdefghjkmnpqrstuvwxyz0123456789", 5), db)
    if scheme in ("http", "https"):
        return "%s://%s:%s@%s:%d" % (scheme, user, pw, g.ch(["proxy.fenice-logistica.it", "squid.bluepeak.dev", "gw.medicentro.it"]), PORTS[scheme])
    if scheme in ("ftp", "sftp", "smtp", "ldap"):
        return "%s://%s:%s@%s:%d" % (scheme, user, pw, host, PORTS[scheme])
    port = "" if g.p(0.2) else ":%d" % PORTS[scheme]
    return "%s://%s:%s@%s%s/%s" % (scheme, user, pw, host, port, db)


MARKERS_EN = [(18, "CONFIDENTIAL"), (12, "STRICTLY CONFIDENTIAL"), (10, "INTERNAL USE ONLY"),
              (6, "FOR INTERNAL USE ONLY"), (6, "COMPANY CONFIDENTIAL"), (8, "TLP:AMBER"), (6, "TLP:RED"),
              (4, "TLP:AMBER+STRICT"), (4, "HIGHLY CONFIDENTIAL")]
MARKERS_IT = [(14, "RISERVATO"), (12, "STRETTAMENTE RISERVATO"), (10, "CONFIDENZIALE"), (8, "USO INTERNO"),
              (6, "SOLO PER USO INTERNO"), (6, "RISERVATO E CONFIDENZIALE"), (4, "TLP:AMBER")]


def f_marker(g, arg=None):
    if arg == "it":
        return g.wch(MARKERS_IT)
    if arg == "en":
        return g.wch(MARKERS_EN)
    return g.wch(MARKERS_EN + MARKERS_IT)


# slot name -> (finding type, fabricator)
FIND = {
    "EMAIL": ("EMAIL", f_email), "PHONE": ("PHONE", f_phone), "CARD": ("CREDIT_CARD", f_card),
    "IBAN": ("IBAN", f_iban), "CF": ("IT_FISCAL_CODE", f_cf), "VAT": ("IT_VAT", f_vat), "SSN": ("US_SSN", f_ssn),
    "IP": ("IP_ADDRESS", f_ip), "AWSID": ("AWS_ACCESS_KEY", f_awsid), "AWSSECRET": ("AWS_SECRET_KEY", f_awssecret),
    "GH": ("GITHUB_TOKEN", f_gh), "GL": ("GITLAB_TOKEN", f_gl), "SLACK": ("SLACK_TOKEN", f_slack),
    "HOOK": ("SLACK_WEBHOOK", f_hook), "STRIPE": ("STRIPE_KEY", f_stripe), "OPENAI": ("OPENAI_KEY", f_openai),
    "ANTH": ("ANTHROPIC_KEY", f_anth), "GOOGLE": ("GOOGLE_API_KEY", f_google), "PEM": ("PRIVATE_KEY", f_pem),
    "JWT": ("JWT", f_jwt), "CURL": ("CREDENTIAL_URL", f_curl), "PWD": ("PASSWORD", f_password),
    "MARK": ("CONFIDENTIAL_MARKER", f_marker),
}
TYPE2SLOT = {v[0]: k for k, v in FIND.items()}


# fillers (never findings)
def fill(g, name, arg, lang):
    if name == "first":
        return f_first(g, lang)
    if name == "full":
        return f_full(g, lang)
    if name == "last":
        return g.ch(LAST_IT if lang == "it" else LAST_EN)
    if name == "co":
        return g.ch(COMPANIES)
    if name == "city":
        return g.ch(CITIES)
    if name == "date":
        y, m, d = g.ri(2023, 2026), g.ri(1, 12), g.ri(1, 28)
        return "%02d/%02d/%d" % (d, m, y) if lang == "it" else "%d-%02d-%02d" % (y, m, d)
    if name == "time":
        return "%02d:%02d:%02d" % (g.ri(0, 23), g.ri(0, 59), g.ri(0, 59))
    if name == "amount":
        n = g.ri(40, 98000)
        c = g.ri(0, 99)
        if lang == "it":
            return "%s,%02d €" % ("{:,}".format(n).replace(",", "."), c)
        return "$%s.%02d" % ("{:,}".format(n), c)
    if name == "inv":
        return "%d/%s" % (g.ri(2023, 2026), g.s(DIG, 4))
    if name == "ord":
        return g.ch(["SO-", "PO-", "#", "ORD"]) + g.s(DIG, g.ri(5, 7))
    if name == "user":
        return g.ch(["mrossi", "a.conti", "jdalton", "svc-backup", "ops", "ci-bot", "tthornton", "glombardi"])
    if name == "svc":
        return g.ch(["billing", "orders", "reporting", "payments", "notifier", "crm-sync", "warehouse"])
    if name == "hex":
        return g.s(HEX, int(arg or 12))
    if name == "n":
        return g.s("123456789", 1) + g.s(DIG, int(arg) - 1)
    if name == "region":
        return g.ch(["eu-south-1", "eu-west-1", "eu-central-1", "us-east-1", "us-west-2"])
    if name == "host":
        return g.ch(COMPANY_DOMAINS).replace("pec.", "")
    if name == "port":
        return str(g.ch([22, 443, 8080, 8443, 3389, 5432, 6443, 9200]))
    if name == "clf":
        return "%02d/%s/%d:%02d:%02d:%02d +0100" % (g.ri(1, 28), g.ch(["Jan", "Feb", "Mar", "Apr", "May", "Jun"]),
                                                     g.ri(2024, 2025), g.ri(0, 23), g.ri(0, 59), g.ri(0, 59))
    raise KeyError(name)


# --------------------------------------------------------------------------- evasion renderers

ZW = ["\u200b", "\u200c", "\u200d", "\u2060", "\u00ad", "\ufeff"]


def fullwidth(g, v, typ):
    def fw(c):
        o = ord(c)
        return chr(o + 0xFEE0) if 0x21 <= o <= 0x7E else c
    if typ == "EMAIL":
        mode = g.wch([(55, "at"), (45, "all")])
    elif typ in ("CREDIT_CARD", "US_SSN", "PHONE", "IT_VAT", "IP_ADDRESS"):
        mode = g.wch([(65, "digits"), (35, "all")])
    elif typ in ("IBAN", "IT_FISCAL_CODE"):
        mode = g.wch([(60, "all"), (40, "digits")])
    else:
        mode = g.wch([(70, "all"), (30, "mixed")])
    if mode == "at":
        return v.replace("@", "\uff20")
    if g.p(0.4):
        v = v.replace(" ", "\u3000")
    if mode == "digits":
        return "".join(fw(c) if c.isdigit() else c for c in v)
    if mode == "mixed":
        return "".join(fw(c) if g.p(0.5) else c for c in v)
    return "".join(fw(c) for c in v)


def zero_width(g, v, typ):
    chars = list(v)
    k = g.wch([(55, 1), (30, 2), (15, 3)])
    if typ == "PRIVATE_KEY":
        # inside the BEGIN label and maybe one body line
        i = v.index("PRIVATE") + g.ri(1, 6)
        return v[:i] + g.ch(ZW) + v[i:]
    cand = [i for i in range(1, len(chars)) if chars[i - 1] not in " \n" and chars[i] not in " \n"]
    pos = sorted(g.r.sample(cand, min(k, len(cand))), reverse=True)
    z = g.ch(ZW)
    for i in pos:
        chars.insert(i, z if g.p(0.7) else g.ch(ZW))
    return "".join(chars)


def json_u_escape(g, v, typ):
    """Escape v for a JSON string, turning some characters into \\uXXXX."""
    if typ == "EMAIL":
        sel = lambda c: c == "@" or (c == "." and g.p(0.3))
    elif typ in ("CREDIT_CARD", "IBAN", "US_SSN", "PHONE", "IT_VAT", "IT_FISCAL_CODE", "IP_ADDRESS"):
        mode = g.ri(0, 1)
        sel = (lambda c: c.isdigit()) if mode == 0 else (lambda c: g.p(0.5))
    elif typ == "PRIVATE_KEY":
        sel = lambda c: c == "-" or (c == "\n")
    else:
        mode = g.ri(0, 2)
        if mode == 0:
            sel = lambda c: g.p(0.35)
        elif mode == 1:
            sel = lambda c: not c.isalnum()
        else:
            sel = lambda c: True
    upper = g.p(0.3)
    out = []
    for i, c in enumerate(v):
        if c == "\n" and typ == "PRIVATE_KEY" and g.p(0.6):
            out.append("\\n")
            continue
        if sel(c) or (typ not in ("EMAIL", "PRIVATE_KEY") and i == 0):
            e = "\\u%04x" % ord(c)
            out.append(e.upper().replace("\\U", "\\u") if upper else e)
        else:
            out.append(json_plain(c))
    return "".join(out)


def json_plain(s):
    return json.dumps(s, ensure_ascii=False)[1:-1]


def pct_encode(g, v, typ, mode=None):
    if mode is None:
        if typ in ("EMAIL", "PHONE", "IBAN", "SLACK_WEBHOOK", "CREDENTIAL_URL", "PASSWORD", "IP_ADDRESS"):
            mode = g.wch([(70, "reserved"), (30, "all")])
        else:
            mode = "all"
    low = g.p(0.25)
    out = []
    for c in v:
        if mode == "all" or not (c.isalnum() or c in "-._~"):
            e = "".join("%%%02X" % b for b in c.encode())
            if c == " " and mode != "all" and g.p(0.4):
                e = "+"
            out.append(e.lower() if low else e)
        else:
            out.append(c)
    return "".join(out)


# --------------------------------------------------------------------------- template rendering

SLOT = re.compile(r"⟦([^⟧]+)⟧")


class Doc:
    """A rendered piece of text with finding spans in character offsets."""

    def __init__(self):
        self.text = ""
        self.spans = []  # (start, end, type)

    def add(self, s, typ=None):
        st = len(self.text)
        self.text += s
        if typ:
            self.spans.append((st, len(self.text), typ))

    def extend(self, other):
        off = len(self.text)
        self.text += other.text
        self.spans += [(a + off, b + off, t) for a, b, t in other.spans]


def render(g, tmpl, lang, evade=None, evade_slots=(0,)):
    """Render a template into a list of parts [(text, type|None)].

    evade: None | 'fullwidth' | 'zero-width' applied to the finding slots whose index (among
    finding slots) is in evade_slots.  Slot syntax: ⟦NAME⟧, ⟦NAME:arg⟧, ⟦NAME|mod⟧.
    """
    parts = []
    pos = 0
    fidx = 0
    tags = set()
    for m in SLOT.finditer(tmpl):
        if m.start() > pos:
            parts.append((tmpl[pos:m.start()], None))
        pos = m.end()
        spec = m.group(1)
        mod = None
        if "|" in spec:
            spec, mod = spec.split("|", 1)
        name, _, arg = spec.partition(":")
        arg = arg or None
        if name in FIND:
            typ, fab = FIND[name]
            v = fab(g, arg)
            if evade and fidx in evade_slots:
                if evade == "fullwidth" and typ != "PRIVATE_KEY":
                    v = fullwidth(g, v, typ)
                    tags.add("evasion:fullwidth")
                elif evade == "unicode-space" and " " in v:
                    v = v.replace(" ", g.ch(["\u00a0", "\u202f", "\u2009", "\u2007"]))
                    tags.add("evasion:unicode-space")
                elif evade in ("zero-width", "unicode-space") or (evade == "fullwidth" and typ == "PRIVATE_KEY"):
                    v = zero_width(g, v, typ)
                    tags.add("evasion:zero-width")
            if mod == "pct":
                v = pct_encode(g, v, typ)
                tags.add("evasion:percent")
            elif mod == "pctall":
                v = pct_encode(g, v, typ, "all")
                tags.add("evasion:percent")
            elif mod == "json":
                v = json_u_escape(g, v, typ)
                tags.add("evasion:json")
            elif mod == "b64":
                v = base64.b64encode(v.encode()).decode()
                tags.add("evasion:base64")
            parts.append((v, typ))
            fidx += 1
        else:
            parts.append((fill(g, name, arg, lang), None))
    if pos < len(tmpl):
        parts.append((tmpl[pos:], None))
    return parts, tags


def parts_doc(parts):
    d = Doc()
    for t, typ in parts:
        d.add(t, typ)
    return d


def wrap_pct(g, parts):
    d = Doc()
    for t, typ in parts:
        if typ:
            d.add(pct_encode(g, t, typ, g.wch([(60, "reserved"), (40, "all")])), typ)
        else:
            d.add("".join(c if (c.isalnum() and ord(c) < 128) or c in "-._~" else
                          "".join("%%%02X" % b for b in c.encode()) for c in t))
    return d


def wrap_b64(g, parts, width=None, urlsafe=False):
    raw = b""
    spans = []
    for t, typ in parts:
        b = t.encode()
        if typ:
            spans.append((len(raw), len(raw) + len(b), typ))
        raw += b
    enc = base64.b64encode(raw).decode()
    if urlsafe:
        enc = enc.replace("+", "-").replace("/", "_")
    cs = []
    for bs, be, typ in spans:
        s = (bs // 3) * 4
        e = min(len(enc), ((be + 2) // 3) * 4)
        cs.append((s, e, typ))
    if width:
        lines = [enc[i:i + width] for i in range(0, len(enc), width)]
        # position k in unwrapped -> k + number of newlines before it
        def mp(k, end=False):
            if end:
                return k + (k - 1) // width
            return k + k // width
        enc = "\n".join(lines)
        cs = [(mp(s), mp(e, True), t) for s, e, t in cs]
    d = Doc()
    d.text = enc
    d.spans = cs
    return d


# --------------------------------------------------------------------------- positive templates
# Each entry: (lang, template).  Finding slots decide which types a template covers.

P = []


def T(lang, *tmpls):
    for t in tmpls:
        P.append((lang, t))


# ---- EMAIL
T("en",
  "Please draft a follow-up to ⟦EMAIL⟧ confirming the Thursday slot for the site visit.",
  "Forward the signed quote to ⟦EMAIL⟧ and put me in cc, keep it to two lines.",
  "My manager's address is <⟦EMAIL⟧>. Can you make this message sound less blunt?",
  "⟦EMAIL⟧ keeps bouncing with 550 5.1.1 user unknown, what does that usually mean?",
  "Write an out-of-office reply that sends anything urgent to ⟦EMAIL⟧ until the 14th.",
  "The vendor contact changed, the new one is \"⟦EMAIL⟧\". Rewrite the onboarding note accordingly.",
  "Unsubscribe request received from ⟦EMAIL⟧ - write the confirmation text.",
  "Set the reply-to of the campaign to ⟦EMAIL⟧",
  "Whose inbox is this? (⟦EMAIL⟧) It shows up in every failed invoice run.",
  "Our SPF check fails only for mail sent as ⟦EMAIL⟧; here is the header, what's wrong?",
  "Can you turn this into a friendly reminder for '⟦EMAIL⟧' about the expired certificate?",
  "email:⟦EMAIL⟧\nname: ⟦full⟧\nrole: procurement\nConvert this into a vCard.",
  "Please invite ⟦EMAIL⟧ to the quarterly review and suggest an agenda.",
  )
T("it",
  "Riscrivi in tono più cordiale la mail da mandare a ⟦EMAIL⟧, è un cliente storico.",
  "Inoltra il preventivo firmato a ⟦EMAIL⟧ entro venerdì e scrivi due righe di accompagnamento.",
  "Prepara una PEC di diffida, destinatario: ⟦EMAIL⟧",
  "Il referente del fornitore è ⟦full⟧ (⟦EMAIL⟧): prepara un sollecito per la consegna.",
  "⟦EMAIL⟧ non riceve più le nostre fatture elettroniche, come lo spiego al cliente?",
  "Aggiungi «⟦EMAIL⟧» alla lista di distribuzione del verbale e riassumi i punti salienti.",
  )
# ---- PHONE
T("en",
  "Write a voicemail script for the client at ⟦PHONE⟧ about the delayed shipment.",
  "Please call me back on ⟦PHONE⟧",
  "His direct line (⟦PHONE⟧) is printed on the invoice, rephrase the dunning letter politely.",
  "Text the driver at ⟦PHONE:us⟧ when the pallet is ready and draft the SMS.",
  "phone:⟦PHONE⟧ - the CRM import says the format is invalid, why?",
  "Summarise this ticket: customer reachable at ⟦PHONE⟧ after 5pm, wants a callback about the refund.",
  "Mobile: ⟦PHONE⟧\nCan you make this email signature look more professional?",
  )
T("it",
  "Richiamare la signora ⟦last⟧ al ⟦PHONE⟧ per confermare l'appuntamento: scrivi il promemoria.",
  "Il numero del tecnico è ⟦PHONE⟧, prepara un SMS di promemoria per domani mattina.",
  "Cellulare:⟦PHONE:it_mob⟧\nRiformula questa firma in modo professionale.",
  "Per urgenze contattare il reperibile al numero ⟦PHONE⟧ - traduci in inglese.",
  "tel. ⟦PHONE:it_fix⟧ (centralino) - sistemalo nel footer del sito.",
  )
# ---- CREDIT CARD
T("en",
  "The charge on ⟦CARD⟧ was declined twice, draft an apology email to the guest.",
  "⟦CARD⟧ exp 09/28 - can you format this for the booking form?",
  "A customer read out the card number ⟦CARD⟧ in the chat; write the agent's reply explaining we can't take it there.",
  "Please update my billing card to [⟦CARD⟧] from next month.",
  "card_number=\"⟦CARD⟧\" cvv=\"⟦n:3⟧\" - why does the payment API return 402?",
  "Corporate Amex for the trip: ⟦CARD:amex⟧. Write the travel request.",
  "Dispute letter: unauthorised purchase of ⟦amount⟧ on card ⟦CARD⟧ on ⟦date⟧.",
  )
T("it",
  "Il cliente chiede lo storno dell'addebito sulla carta ⟦CARD⟧, prepara la risposta.",
  "Carta:⟦CARD⟧ scad. 11/27 - compila il modulo di prenotazione dell'hotel.",
  "Numero carta «⟦CARD⟧», intestata a ⟦full⟧: va bene per il rimborso?",
  "Ho bloccato la carta ⟦CARD⟧ ma l'app dice ancora attiva, scrivi il reclamo alla banca.",
  )
# ---- IBAN
T("en",
  "Please wire the deposit to ⟦IBAN⟧ before Friday and confirm by email.",
  "IBAN:⟦IBAN:c⟧ (beneficiary ⟦co⟧) - write the payment instruction for accounts payable.",
  "⟦IBAN⟧ is the account for the refund; write a short confirmation to the customer.",
  "Our bank details changed, update the supplier master file. New account:\n⟦IBAN:wrap⟧\nThanks.",
  "Is the format right for a SEPA transfer? \"⟦IBAN⟧\"",
  )
T("it",
  "Aggiorna le coordinate bancarie del fornitore: nuovo IBAN ⟦IBAN⟧.",
  "Per il rimborso usa l'IBAN «⟦IBAN:IT⟧» intestato a ⟦full⟧ e scrivi la mail di conferma.",
  "Bonifico disposto a favore di ⟦co⟧, IBAN ⟦IBAN⟧, causale fattura n. ⟦inv⟧: riassumi in una riga.",
  "Coordinate bancarie:\n⟦IBAN:IT,wrap⟧\nControlla che siano riportate bene nel contratto di locazione.",
  "IBAN:⟦IBAN:IT,c⟧ - il gestionale lo scarta, è un problema di spazi?",
  "⟦IBAN:IT⟧",
  )
# ---- CODICE FISCALE
T("it",
  "Controlla se il codice fiscale ⟦CF⟧ è coerente con la data di nascita del modulo.",
  "⟦CF⟧ è il codice fiscale del conduttore, inseriscilo nel contratto di affitto.",
  "Compila la delega F24 per ⟦full⟧ (codice fiscale ⟦CF⟧) e spiegami i campi.",
  "Intestatario: ⟦full⟧ - C.F.:⟦CF⟧\nRiformula come intestazione di una lettera.",
  "Il CAF chiede il CF del figlio a carico: ⟦CF⟧. Scrivi la mail di risposta.",
  "Nel gestionale il paziente risulta con codice fiscale \"⟦CF:omo⟧\", è omocodico?",
  )
T("en",
  "The Italian tax code of our new hire is ⟦CF⟧; which payroll fields does it go into?",
  "Codice fiscale: ⟦CF⟧ - translate this residence certificate into English.",
  )
# ---- P.IVA
T("it",
  "Fattura intestata a ⟦co⟧, P.IVA ⟦VAT⟧: verifica che l'aliquota applicata sia corretta.",
  "Partita IVA:⟦VAT⟧ - scrivi la dicitura per il regime forfettario in fattura.",
  "Il fornitore (P. IVA e C.F. ⟦VAT⟧) chiede l'anticipo del 30%: prepara la risposta.",
  "Aggiungi in anagrafica clienti: ⟦co⟧, ⟦city⟧, partita IVA ⟦VAT⟧.",
  "⟦VAT⟧ è la partita IVA giusta per la nota di credito?",
  )
T("en",
  "Our Italian supplier's VAT number is ⟦VAT:it⟧; is the reverse charge applicable to this invoice?",
  "Add the VAT ID (⟦VAT:it⟧) to the invoice header template.",
  )
# ---- SSN
T("en",
  "Onboarding sheet: ⟦full⟧, SSN ⟦SSN⟧, start date ⟦date⟧. Turn it into an HR summary.",
  "SSN:⟦SSN:dash⟧ - the background check vendor says it doesn't match, draft my dispute letter.",
  "My social security number ⟦SSN⟧ appears with a typo on the W-2, how do I get it corrected?",
  "Social Security No. ⟦SSN:space⟧ - convert this form field list to JSON.",
  "Payroll export row: ⟦full⟧;⟦SSN⟧;FT;exempt - explain the columns.",
  "SSN ⟦SSN:compact⟧ was entered without dashes, is that a problem for the e-file?",
  )
T("it",
  "Il consulente americano ha SSN ⟦SSN⟧: che modulo gli serve per il compenso?",
  )
# ---- IP
T("en",
  "⟦IP:pub⟧ - - [⟦clf⟧] \"GET /wp-login.php HTTP/1.1\" 404 162 \"-\" \"python-requests/2.31\"\nIs this a scan?",
  "Block ⟦IP⟧ on the edge firewall and write the change note.",
  "ssh works from the office but times out from ⟦IP:pub⟧:22, what should I check first?",
  "The API answers on [⟦IP:v6⟧]:8443 but curl hangs, any idea?",
  "Why does the health check to ⟦IP:priv⟧ flap every few minutes?",
  "allow from ⟦IP⟧/32 - is this nginx rule syntax right?",
  )
T("it",
  "Il server ⟦IP⟧ non risponde al ping da stamattina, come imposto il troubleshooting?",
  "Metti in whitelist l'indirizzo ⟦IP:pub⟧ per il fornitore e scrivi la richiesta al SOC.",
  )
# ---- AWS
T("en",
  "Which IAM user owns ⟦AWSID⟧? CloudTrail shows it calling ListBuckets from an unknown host.",
  "⟦AWSID⟧ was flagged by GuardDuty last night - draft the incident summary.",
  "AWS_SECRET_ACCESS_KEY=⟦AWSSECRET⟧\nWhy does boto3 still say SignatureDoesNotMatch?",
  "aws configure asked for the secret; I typed ⟦AWSSECRET⟧ - was that the secret access key or something else?",
  )
T("it",
  "La chiave di accesso ⟦AWSID⟧ compare nei log di CloudTrail, come la disattivo?",
  )
# ---- GITHUB
T("en",
  "//npm.pkg.github.com/:_authToken=⟦GH⟧\nnpm install still returns 401, why?",
  "GITHUB_TOKEN=⟦GH⟧ - is this enough scope to push tags?",
  "curl -H \"Authorization: token ⟦GH⟧\" https://api.github.com/user returns Bad credentials.",
  "Is ⟦GH:pat⟧ a fine-grained token or a classic one?",
  "Rotate this please, I pasted it in a public issue: ⟦GH⟧",
  )
T("it",
  "Il token ⟦GH⟧ non ha lo scope repo, come lo rigenero senza rompere la pipeline?",
  )
# ---- GITLAB
T("en",
  "curl --header \"PRIVATE-TOKEN: ⟦GL⟧\" https://gitlab.bluepeak.dev/api/v4/projects returns 401.",
  "gitlab-runner register --url https://gitlab.bluepeak.dev --token ⟦GL:glrt⟧ fails with 'invalid token'.",
  "GL_TOKEN=⟦GL⟧ in the CI variables, but the release job can't create tags. Why?",
  "The deploy token (⟦GL:gldt⟧) works for pulls but not for the registry.",
  "trigger token: ⟦GL:glptt⟧ - how do I call the pipeline trigger API with it?",
  )
T("it",
  "Il personal access token di GitLab ⟦GL⟧ scade domani, come lo rinnovo?",
  )
# ---- SLACK token / webhook
T("en",
  "SLACK_BOT_TOKEN=⟦SLACK⟧\nThe bot joins the channel but can't post, what scope is missing?",
  "client = WebClient(token=\"⟦SLACK⟧\") raises not_authed, why?",
  "Socket mode needs the app-level token, is ⟦SLACK:xapp⟧ the right one?",
  "curl -X POST -H 'Content-type: application/json' --data '{\"text\":\"deploy ok\"}' ⟦HOOK⟧ returns invalid_payload.",
  "webhook_url: \"⟦HOOK⟧\" - the alertmanager receiver never fires.",
  "⟦HOOK⟧ stopped working after we renamed the channel, do I need a new one?",
  )
T("it",
  "Il webhook ⟦HOOK⟧ restituisce no_service, scrivi il ticket per il team piattaforma.",
  "Il bot usa il token ⟦SLACK⟧ ma riceve missing_scope, cosa aggiungo?",
  )
# ---- STRIPE
T("en",
  "stripe.api_key = \"⟦STRIPE⟧\"\nThe charge succeeds locally but fails in prod, why?",
  "curl https://api.stripe.com/v1/customers -u ⟦STRIPE⟧: returns 401",
  "STRIPE_SECRET_KEY=⟦STRIPE⟧ - is this a restricted key or a full secret key?",
  )
T("it",
  "La chiave ⟦STRIPE⟧ è di produzione? I pagamenti di test falliscono.",
  )
# ---- OPENAI / ANTHROPIC / GOOGLE
T("en",
  "client = OpenAI(api_key=\"⟦OPENAI⟧\")\nWhy do I get 429 with almost no traffic?",
  "Authorization: Bearer ⟦OPENAI⟧ - the batch endpoint says the key lacks permissions.",
  "OPENAI_API_KEY=⟦OPENAI⟧",
  "ANTHROPIC_API_KEY=⟦ANTH⟧\nThe SDK still reads an old key from somewhere, where does it look?",
  "client = anthropic.Anthropic(api_key='⟦ANTH⟧') gives authentication_error.",
  "x-api-key:⟦ANTH⟧ - is the header name case sensitive?",
  "<script src=\"https://maps.googleapis.com/maps/api/js?key=⟦GOOGLE⟧&callback=initMap\" async></script> shows 'For development purposes only'.",
  "GOOGLE_API_KEY=⟦GOOGLE⟧ - does Gemini accept this or do I need a service account?",
  "firebaseConfig = { apiKey: \"⟦GOOGLE⟧\", authDomain: \"bluepeak-app.firebaseapp.com\" } - is it ok to ship this in the bundle?",
  )
T("it",
  "Ho messo la chiave ⟦OPENAI⟧ nel file di config ma ricevo invalid_api_key, perché?",
  "La chiave Anthropic ⟦ANTH⟧ funziona da curl ma non dall'SDK, cosa controllo?",
  "La API key di Google Maps ⟦GOOGLE⟧ va limitata per referrer?",
  )
# ---- PRIVATE KEY
T("en",
  "Here is the deploy key, why does ssh say 'invalid format'?\n⟦PEM⟧",
  "⟦PEM⟧\nWhich algorithm is this key?",
  "nginx won't start: 'PEM_read_bio_PrivateKey failed'. The key file:\n\n⟦PEM⟧\n\nand the cert is the matching one.",
  )
T("it",
  "Questa è la chiave del certificato, il server dice che non corrisponde:\n⟦PEM⟧",
  )
# ---- JWT
T("en",
  "Authorization: Bearer ⟦JWT⟧\nWhy does the gateway say the token is expired?",
  "Cookie: session=⟦JWT⟧; theme=dark - decode the claims for me.",
  "⟦JWT⟧",
  "The redirect lands on /callback#id_token=⟦JWT⟧&state=af0ifjsldkj, how do I read it in the SPA?",
  )
T("it",
  "Decodifica questo token e dimmi quando scade: ⟦JWT⟧",
  )
# ---- CREDENTIAL URL
T("en",
  "DATABASE_URL=⟦CURL:postgres⟧\nMigrations hang on the first statement, any idea?",
  "mongosh \"⟦CURL:mongodb+srv⟧\" gives 'bad auth : authentication failed'.",
  "redis-cli -u ⟦CURL:redis⟧ ping returns NOAUTH.",
  "spring.rabbitmq.addresses=⟦CURL:amqp⟧ - the consumer never connects.",
  "export https_proxy=⟦CURL:http⟧ and pip still can't reach PyPI.",
  "Connection string (⟦CURL⟧) works in DBeaver but not in the app.",
  )
T("it",
  "La stringa di connessione ⟦CURL⟧ funziona in locale ma non nel container, perché?",
  )
# ---- PASSWORD
T("en",
  "smtp:\n  host: mail.brightwave.io\n  username: alerts\n  password: ⟦PWD⟧\nWhy does the TLS handshake fail?",
  "{\"username\": \"⟦user⟧\", \"password\": \"⟦PWD⟧\"} - the login endpoint returns 400, what's wrong with the body?",
  "DB_PASSWORD=⟦PWD⟧\nDoes docker compose read this from .env automatically?",
  "mysql -u root -p⟦PWD⟧ -h db-prod-01.internal says access denied, but the password is right.",
  "Your temporary password is: ⟦PWD⟧\nRewrite this account-creation message in a friendlier tone.",
  "spring.datasource.password=⟦PWD⟧ - should this go in a vault?",
  "psycopg2.connect(host=\"db\", user=\"⟦user⟧\", password=\"⟦PWD⟧\") raises OperationalError.",
  "Wi-Fi for the guests: network Ospiti-5G, password ⟦PWD⟧ - make a small sign for reception.",
  "<password>⟦PWD⟧</password> in the Maven settings.xml doesn't seem to be used.",
  )
T("it",
  "Le credenziali del gestionale sono utente ⟦user⟧ e password ⟦PWD⟧: scrivi la mail al nuovo collega.",
  "La password del Wi-Fi è ⟦PWD⟧, prepara un cartello per la sala riunioni.",
  "pwd: ⟦PWD⟧ - il server FTP la rifiuta, è per i caratteri speciali?",
  "Ti giro la password provvisoria: ⟦PWD⟧. Riscrivi il messaggio in modo più formale.",
  )
# ---- MARKER
T("en",
  "⟦MARK:en⟧\nQ3 forecast - revenue by region attached. Summarise for the board in five bullets.",
  "Footer of every page: ⟦MARK:en⟧. Rewrite the executive summary in plain English.",
  "[⟦MARK:en⟧] Minutes of the pricing committee - summarise the decisions.",
  "*** ⟦MARK:en⟧ *** Draft term sheet for Project Orione, shorten it.",
  "Classification:⟦MARK:en⟧\nTranslate this incident report into Italian.",
  "Please proofread this memo, it's marked ⟦MARK:en⟧",
  )
T("it",
  "⟦MARK:it⟧ - Verbale del CdA del ⟦date⟧: riassumi le delibere.",
  "Documento classificato «⟦MARK:it⟧»: traduci l'introduzione in inglese.",
  "Intestazione: ⟦MARK:it⟧\nPiano di ristrutturazione 2026, fammi un riassunto per i dirigenti.",
  )

# ---- value edges: punctuation, markup, neighbours that a greedy match could swallow
T("en",
  "Ring me on ⟦PHONE⟧ after lunch.",
  "My number is ⟦PHONE⟧, text me when you land.",
  "Send the countersigned contract to `⟦EMAIL⟧`.",
  "Fix this markdown, it renders as plain text: [Write to us](mailto:⟦EMAIL⟧)",
  "{'name': '⟦full⟧', 'card': '⟦CARD⟧', 'exp': '09/28'} - why does json.loads fail on this?",
  "Card details as read over the phone: ⟦CARD:visa⟧ 09 28 ⟦n:3⟧ - what should the agent do with them?",
  "Transfer to ⟦IBAN:grp⟧ 300 EUR on ⟦date⟧, reference ⟦inv⟧.",
  "IBAN/BIC: ⟦IBAN:c⟧/UNCRITMMXXX - is the order right for the remittance form?",
  "GET /api/verify?SSN=⟦SSN:dash⟧&dob=1984-03-02 is in the access log, is that a finding for the audit?",
  "upstream backend { server ⟦IP:priv⟧:⟦port⟧; } - nginx says host not found.",
  "inet ⟦IP:priv⟧/24 scope global eth0 - why can't other hosts reach it?",
  "Logged in from ⟦IP:pub⟧.",
  "token:`⟦GH⟧`",
  "The Maps key is ⟦GOOGLE⟧.",
  "Use ⟦OPENAI⟧.",
  "const password = \"⟦PWD⟧\"; - the linter flags this line, why?",
  "PASSWORD: '⟦PWD⟧'\nIs quoting needed in YAML here?",
  "pass: ⟦PWD⟧\nuser: ⟦user⟧\nWhy does the FTP client ignore these?",
  "passphrase: ⟦PWD⟧ - the ssh-agent still prompts every time.",
  "(⟦MARK:en⟧) Headcount plan FY26 - summarise by department.",
  "engine = create_engine('⟦CURL:postgresql⟧') hangs on connect.",
  "ssl:\n  key: |\n    ⟦PEM:yaml⟧\n  cert: /etc/ssl/app.crt\nThe server can't parse the key, why?",
  "\"access_token\":\"⟦JWT⟧\",\"token_type\":\"Bearer\" - how long is it valid?",
  "Bearer ⟦SLACK⟧ returns invalid_auth from chat.postMessage.",
  "AccessKeyId: ⟦AWSID⟧\nSecretAccessKey: ⟦AWSSECRET⟧\nThese came from an assume-role call, do they expire?",
  "<tr><th>Name</th><th>Email</th><th>Phone</th></tr>\n<tr><td>⟦full⟧</td><td>⟦EMAIL⟧</td><td>⟦PHONE⟧</td></tr> - turn this HTML table into CSV.",
  "⟦full⟧ ⟦EMAIL⟧ ⟦PHONE:us⟧\nSplit this line into name, email and phone.",
  "PAN:⟦CARD⟧|EXP:0928|NAME:⟦full⟧ - parse this record.",
  )
T("it",
  "Chiamami al ⟦PHONE:it_mob⟧ quando arrivi in stazione.",
  "tel. ⟦PHONE:it_fix⟧ int. 204 - aggiungilo alla firma.",
  "<a href=\"mailto:⟦EMAIL⟧?subject=Ordine\">scrivici</a> - il link non apre il client di posta.",
  "Bonifico su IBAN ⟦IBAN:IT,grp⟧ 1.250,00 EUR valuta ⟦date⟧: riassumi il movimento.",
  "Cod. Fisc./P.IVA ⟦VAT⟧ - la dicitura va bene in fattura?",
  "P.IVA:⟦VAT⟧; sede legale a ⟦city⟧ - completa l'intestazione.",
  "Password:⟦PWD⟧\nLa devo cambiare al primo accesso?",
  "La password di ⟦user⟧ è «⟦PWD⟧», scrivigli come cambiarla.",
  "(CF: ⟦CF⟧)",
  "Tel/WhatsApp: ⟦PHONE⟧",
  "Il codice fiscale è ⟦CF⟧.",
  )

# ---- pair templates
T("en",
  "Signature to clean up:\n⟦full⟧\nSales Manager\n⟦EMAIL⟧ | mob. ⟦PHONE⟧",
  "Contact: ⟦EMAIL⟧;⟦PHONE⟧",
  "Reach me at ⟦EMAIL⟧ or on WhatsApp (⟦PHONE⟧), whichever is faster - rewrite this more formally.",
  "Failed login for ⟦EMAIL⟧ from ⟦IP⟧ at ⟦time⟧ UTC, is this credential stuffing?",
  "Refund request from ⟦EMAIL⟧ - card used: ⟦CARD⟧. Draft the reply.",
  "W-2 correction for ⟦full⟧, SSN ⟦SSN⟧; send the form to ⟦EMAIL⟧",
  "Account created for ⟦EMAIL⟧ with temporary password ⟦PWD⟧ - turn this into a welcome email.",
  "Send the remittance advice to ⟦EMAIL⟧ once ⟦IBAN⟧ has been credited.",
  "The caller at ⟦PHONE⟧ wants to replace the card on file with ⟦CARD⟧.",
  "~/.aws/credentials\n[default]\naws_access_key_id = ⟦AWSID⟧\naws_secret_access_key = ⟦AWSSECRET⟧\nregion = ⟦region⟧\n\nThe CLI says InvalidClientTokenId, why?",
  "Access key ID,Secret access key\n⟦AWSID⟧,⟦AWSSECRET⟧",
  "export AWS_ACCESS_KEY_ID=⟦AWSID⟧\nexport AWS_SECRET_ACCESS_KEY=⟦AWSSECRET⟧\nterraform plan still uses the old profile.",
  "provider \"aws\" {\n  region     = \"⟦region⟧\"\n  access_key = \"⟦AWSID⟧\"\n  secret_key = \"⟦AWSSECRET⟧\"\n}\nHow do I move these out of the file?",
  "{\"AccessKey\": {\"UserName\": \"ci-deployer\", \"AccessKeyId\": \"⟦AWSID⟧\", \"Status\": \"Active\", \"SecretAccessKey\": \"⟦AWSSECRET⟧\"}} - where do I put this for GitHub Actions?",
  "DATABASE_URL=⟦CURL⟧\nSTRIPE_SECRET_KEY=⟦STRIPE⟧\nHeroku says the app crashed on boot.",
  "OPENAI_API_KEY=⟦OPENAI⟧\nANTHROPIC_API_KEY=⟦ANTH⟧\nHow do I switch provider with one flag?",
  "Request from ⟦IP⟧ with Authorization: Bearer ⟦JWT⟧ was rejected with 401.",
  "SLACK_BOT_TOKEN=⟦SLACK⟧\nSLACK_ALERTS_WEBHOOK=⟦HOOK⟧\nWhich one should the cron job use?",
  "GITHUB_TOKEN=⟦GH⟧\nGITLAB_TOKEN=⟦GL⟧\nThe mirror script fails on the GitLab side only.",
  "ssh -i deploy.pem ubuntu@⟦IP⟧ asks for a password, here is the key:\n⟦PEM⟧",
  "⟦MARK:en⟧ - salary adjustment for ⟦full⟧, paid to ⟦IBAN⟧ from March. Rewrite as an HR letter.",
  "Customer ⟦full⟧, SSN ⟦SSN⟧, phone ⟦PHONE:us⟧ - fill in the KYC summary.",
  "Server ⟦IP⟧ has root password ⟦PWD⟧ - write the handover note for the new admin.",
  "X-Forwarded-For: ⟦IP:pub⟧,⟦IP:priv⟧ - which one is the real client?",
  )
T("it",
  "Aggiorna l'anagrafica: ⟦full⟧, ⟦EMAIL⟧, cell. ⟦PHONE:it_mob⟧",
  "Nuovo dipendente: ⟦full⟧, codice fiscale ⟦CF⟧, email aziendale ⟦EMAIL⟧. Prepara la lettera di benvenuto.",
  "Dati fornitore - ⟦co⟧, P.IVA ⟦VAT⟧, IBAN ⟦IBAN⟧. Prepara la scheda anagrafica.",
  "Rimborso a ⟦full⟧ (C.F. ⟦CF⟧) sull'IBAN ⟦IBAN:IT⟧: scrivi la comunicazione.",
  "Paziente ⟦full⟧, CF ⟦CF⟧, recapito ⟦PHONE⟧: prepara il promemoria della visita.",
  "Ditta individuale di ⟦full⟧: CF ⟦CF⟧, partita IVA ⟦VAT⟧. Scrivi la dicitura per la fattura.",
  "CF/P.IVA: ⟦CF⟧/⟦VAT⟧",
  "Intestatario|IBAN|CF\n⟦full⟧|⟦IBAN:IT,c⟧|⟦CF⟧\nConverti la riga in CSV.",
  "Il cliente ⟦full⟧ (tel. ⟦PHONE⟧) contesta un addebito sulla carta ⟦CARD⟧: prepara la risposta.",
  "Accesso negato per ⟦EMAIL⟧ dall'IP ⟦IP⟧, è un tentativo di intrusione?",
  "Fattura a ⟦co⟧ (P.IVA ⟦VAT⟧), referente ⟦EMAIL⟧: scrivi il sollecito di pagamento.",
  "⟦MARK:it⟧\nStipendio di ⟦full⟧, IBAN ⟦IBAN:IT⟧: prepara la lettera di adeguamento.",
  )

# ---- dedicated percent-encoding templates (value in a URL)
PCT = []


def TP(lang, *tmpls):
    for t in tmpls:
        PCT.append((lang, t))


TP("en",
   "https://crm.⟦host⟧/contacts/search?email=⟦EMAIL|pct⟧&limit=20 returns nothing, but the contact exists.",
   "Unsubscribe link: https://news.⟦host⟧/u?e=⟦EMAIL|pct⟧&t=⟦hex:16⟧ - why does it 404?",
   "GET /api/v2/lookup?phone=⟦PHONE|pct⟧&country=IT HTTP/1.1 -> 500. What is wrong with the query?",
   "https://pay.⟦host⟧/refund?iban=⟦IBAN|pct⟧&amount=120.00 - the refund page rejects it.",
   "https://pay.⟦host⟧/checkout?card=⟦CARD|pctall⟧&exp=0927 shows up in our access logs, is that bad?",
   "https://api.⟦host⟧/v1/verify?ssn=⟦SSN|pctall⟧ returns 422.",
   "The share link is https://app.⟦host⟧/hooks/test?url=⟦HOOK|pct⟧ - why does Slack not receive anything?",
   "https://admin.⟦host⟧/db/test?dsn=⟦CURL|pct⟧ times out.",
   "https://⟦host⟧/login?user=⟦user⟧&password=⟦PWD|pct⟧&remember=1 is in the proxy log, what do we do?",
   "https://maps.googleapis.com/maps/api/geocode/json?address=Roma&key=⟦GOOGLE|pctall⟧ says REQUEST_DENIED.",
   "https://ci.⟦host⟧/trigger?token=⟦GH|pctall⟧&ref=main returns 403.",
   "https://⟦host⟧/api/chat?api_key=⟦OPENAI|pctall⟧ returns 401, what is the right header instead?",
   "GET /ping?src=⟦IP|pctall⟧ HTTP/1.1 - our WAF blocks this, why?",
   "https://hooks.⟦host⟧/relay?slack_token=⟦SLACK|pctall⟧&channel=%23ops fails.",
   "https://⟦host⟧/auth/callback?access_token=⟦JWT|pctall⟧&token_type=bearer - how do I read the claims?",
   )
TP("it",
   "https://anagrafe.⟦host⟧/ricerca?cf=⟦CF|pctall⟧&tipo=persona restituisce errore 500.",
   "https://fatture.⟦host⟧/cliente?piva=⟦VAT|pctall⟧&anno=2025 non trova il cliente.",
   "https://crm.⟦host⟧/contatti?mail=⟦EMAIL|pct⟧ non restituisce nulla, perché?",
   "https://banca.⟦host⟧/bonifico?iban=⟦IBAN:IT|pct⟧&importo=350 dà errore di formato.",
   "https://⟦host⟧/richiamami?tel=⟦PHONE|pct⟧ - il modulo non invia nulla.",
   )

# ---- dedicated JSON templates (value inside a JSON string, \u-escaped)
JSN = []


def TJ(lang, *tmpls):
    for t in tmpls:
        JSN.append((lang, t))


TJ("en",
   "{\"customer\":{\"name\":\"⟦full⟧\",\"email\":\"⟦EMAIL|json⟧\"}} - why does the importer skip this record?",
   "{\"type\":\"service_account\",\"project_id\":\"bluepeak-prod\",\"private_key\":\"⟦PEM|json⟧\\n\",\"client_email\":\"⟦EMAIL:gsa⟧\"} - gcloud says invalid key.",
   "{\"payee\":{\"iban\":\"⟦IBAN|json⟧\",\"name\":\"⟦co⟧\"},\"amount\":\"1200.00\"} is rejected by the bank API.",
   "{\"card\":{\"number\":\"⟦CARD|json⟧\",\"exp_month\":9,\"exp_year\":2028}} - Stripe says invalid number, why?",
   "{\"env\":{\"OPENAI_API_KEY\":\"⟦OPENAI|json⟧\"}} is the MCP config, does it look right?",
   "{\"headers\":{\"Authorization\":\"Bearer ⟦JWT|json⟧\"}} - the Postman request fails with 401.",
   "{\"db\":{\"user\":\"⟦user⟧\",\"password\":\"⟦PWD|json⟧\"}} - appsettings won't load this section.",
   "{\"aws_access_key_id\":\"⟦AWSID|json⟧\",\"region\":\"⟦region⟧\"} - which account is this?",
   "{\"token\":\"⟦GH|json⟧\",\"repo\":\"bluepeak/infra\"} - the webhook can't push.",
   "{\"contact\":{\"phone\":\"⟦PHONE|json⟧\"}} fails validation in the form library.",
   "{\"ssn\":\"⟦SSN|json⟧\",\"state\":\"TX\"} - is this a valid payload for the IRS API mock?",
   "{\"slack\":{\"webhook\":\"⟦HOOK|json⟧\"}} - notifications are silent.",
   "{\"anthropic_api_key\":\"⟦ANTH|json⟧\"} - the proxy can't parse it.",
   "{\"gitlab\":{\"token\":\"⟦GL|json⟧\"}} - renovate says 401.",
   "{\"stripe\":{\"secret\":\"⟦STRIPE|json⟧\"}} - which environment is this key?",
   "{\"dsn\":\"⟦CURL|json⟧\"} - the worker can't connect.",
   "{\"label\":\"⟦MARK:en|json⟧\",\"title\":\"Q4 plan\"} - what does this label mean for sharing?",
   )
TJ("it",
   "{\"cliente\":{\"codice_fiscale\":\"⟦CF|json⟧\",\"nome\":\"⟦full⟧\"}} - perché la validazione fallisce?",
   "{\"fornitore\":{\"partita_iva\":\"⟦VAT|json⟧\"}} - il gestionale non importa il record.",
   "{\"beneficiario\":\"⟦full⟧\",\"iban\":\"⟦IBAN:IT|json⟧\"} viene scartato dall'home banking.",
   "{\"utente\":\"⟦user⟧\",\"email\":\"⟦EMAIL|json⟧\"} - correggi il JSON se serve.",
   )

# ---- base64: the value alone (k8s Secret style) or a snippet
B64V = []  # value alone base64, context outside


def TB(lang, *tmpls):
    for t in tmpls:
        B64V.append((lang, t))


TB("en",
   "apiVersion: v1\nkind: Secret\nmetadata:\n  name: ⟦svc⟧-db\ntype: Opaque\ndata:\n  username: YXBw\n  password: ⟦PWD|b64⟧\nThe pod gets 'password authentication failed', why?",
   "apiVersion: v1\nkind: Secret\ntype: kubernetes.io/tls\ndata:\n  tls.crt: LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0t\n  tls.key: ⟦PEM|b64⟧\nIngress says the key does not match the certificate.",
   "kubectl get secret ⟦svc⟧-env -o yaml shows\n  DATABASE_URL: ⟦CURL|b64⟧\nIs that the right database?",
   "data:\n  OPENAI_API_KEY: ⟦OPENAI|b64⟧\nThe deployment still reads the old value.",
   "data:\n  STRIPE_SECRET_KEY: ⟦STRIPE|b64⟧\nWhy is the checkout worker using test mode?",
   "data:\n  GITHUB_TOKEN: ⟦GH|b64⟧\nArgo CD can't clone the repo with it.",
   "data:\n  AWS_SECRET_ACCESS_KEY: ⟦AWSSECRET|b64⟧\n  AWS_ACCESS_KEY_ID: ⟦AWSID|b64⟧\nWhich IAM user is this?",
   "data:\n  SLACK_WEBHOOK_URL: ⟦HOOK|b64⟧\nAlerts don't arrive.",
   "data:\n  ANTHROPIC_API_KEY: ⟦ANTH|b64⟧\nThe sidecar gets 401.",
   )
TB("it",
   "Nel secret di Kubernetes ho:\n  password: ⟦PWD|b64⟧\nma l'applicazione non si collega al database, perché?",
   )

# snippet templates encoded whole in base64 (generic wrapper)
B64S = [
    ("en", "Can you decode this and tell me what's in it? ⟦B64⟧"),
    ("en", "A user pasted this base64 in the ticket, is it something we should rotate?\n⟦B64⟧"),
    ("en", "echo '⟦B64⟧' | base64 -d > .env - then the app fails to start. Why?"),
    ("it", "Decodifica questo base64 e dimmi cosa contiene: ⟦B64⟧"),
    ("it", "Nel log c'è questa stringa in base64, è un problema?\n⟦B64⟧"),
]
B64_INNER = {
    "EMAIL": ["contact: ⟦EMAIL⟧\n", "reply-to=⟦EMAIL⟧", "{\"email\":\"⟦EMAIL⟧\"}"],
    "PHONE": ["tel: ⟦PHONE⟧\n", "phone=⟦PHONE⟧"],
    "CREDIT_CARD": ["card=⟦CARD⟧;exp=09/28", "PAN ⟦CARD⟧\n"],
    "IBAN": ["IBAN ⟦IBAN⟧\n", "beneficiary=⟦co⟧;iban=⟦IBAN:c⟧"],
    "IT_FISCAL_CODE": ["codice fiscale: ⟦CF⟧\n", "cf=⟦CF⟧"],
    "IT_VAT": ["P.IVA ⟦VAT⟧\n", "partita_iva=⟦VAT⟧"],
    "US_SSN": ["SSN: ⟦SSN:dash⟧\n", "ssn=⟦SSN:dash⟧"],
    "IP_ADDRESS": ["upstream ⟦IP⟧:8080;\n", "host=⟦IP⟧"],
    "AWS_ACCESS_KEY": ["[default]\naws_access_key_id = ⟦AWSID⟧\naws_secret_access_key = ⟦AWSSECRET⟧\n"],
    "AWS_SECRET_KEY": ["aws_secret_access_key=⟦AWSSECRET⟧\n"],
    "GITHUB_TOKEN": ["GITHUB_TOKEN=⟦GH⟧\n"],
    "GITLAB_TOKEN": ["GITLAB_TOKEN=⟦GL⟧\n"],
    "SLACK_TOKEN": ["SLACK_BOT_TOKEN=⟦SLACK⟧\n"],
    "SLACK_WEBHOOK": ["SLACK_WEBHOOK=⟦HOOK⟧\n"],
    "STRIPE_KEY": ["STRIPE_KEY=⟦STRIPE⟧\n"],
    "OPENAI_KEY": ["OPENAI_API_KEY=⟦OPENAI⟧\n"],
    "ANTHROPIC_KEY": ["ANTHROPIC_API_KEY=⟦ANTH⟧\n"],
    "GOOGLE_API_KEY": ["MAPS_KEY=⟦GOOGLE⟧\n"],
    "PRIVATE_KEY": ["⟦PEM⟧\n"],
    "JWT": ["token=⟦JWT⟧\n"],
    "CREDENTIAL_URL": ["DATABASE_URL=⟦CURL⟧\n"],
    "PASSWORD": ["DB_USER=app\nDB_PASSWORD=⟦PWD⟧\n", "BASIC"],
    "CONFIDENTIAL_MARKER": ["⟦MARK:en⟧\nBoard deck v3 - do not forward\n"],
}

BASIC_OUTER = [
    ("en", "curl -H 'Authorization: Basic ⟦B64⟧' https://api.bluepeak.dev/v1/export returns 401, why?"),
    ("en", "The reverse proxy logs every request with Authorization: Basic ⟦B64⟧ - how bad is that?"),
    ("it", "Il proxy registra 'Authorization: Basic ⟦B64⟧' per ogni richiesta, è grave?"),
]

# generic JSON wrappers: an API body or a log line around a plain prompt
JSON_WRAP = [
    ("{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"", "\"}]}"),
    ("{\"prompt\": \"", "\", \"max_tokens\": 400}"),
    ("{\"level\":\"info\",\"ts\":\"2025-03-11T09:14:22Z\",\"msg\":\"", "\"}"),
    ("curl https://api.anthropic.com/v1/messages -d '{\"messages\":[{\"role\":\"user\",\"content\":\"", "\"}]}'"),
]
JSON_WRAP_NOTE_EN = ["", "Why does the API reject this body?\n", "Our log shipper wrote this line:\n"]
JSON_WRAP_NOTE_IT = ["", "Perché l'API rifiuta questo body?\n", "Nel log è finita questa riga:\n"]

# --------------------------------------------------------------------------- negatives

NEG_TRIVIAL = [
    ("en", "Give me three title ideas for a talk about caching strategies."),
    ("en", "What's the difference between a mutex and a semaphore? Keep it short."),
    ("en", "Rewrite this sentence to sound more confident: we think the migration might be done soon."),
    ("en", "Explain the CAP theorem to a product manager in one paragraph."),
    ("en", "Write a haiku about Monday stand-ups."),
    ("en", "How do I center a div vertically with flexbox?"),
    ("en", "Turn these notes into a bulleted agenda: budget, hiring, offsite, Q&A."),
    ("en", "Which is faster for membership tests in Python, a list or a set, and why?"),
    ("en", "Draft a polite decline to a meeting invite that has no agenda."),
    ("en", "Summarise the pros and cons of a four-day work week."),
    ("en", "What does HTTP status 418 mean, and is it ever used seriously?"),
    ("en", "Explain to my grandmother what a password manager does."),
    ("en", "How should a small team store API keys for CI pipelines? General advice, please."),
    ("en", "In simple words, what is a private key in public-key cryptography?"),
    ("en", "How does card tokenization work at a high level?"),
    ("en", "Why do IBANs have two check digits after the country code?"),
    ("en", "Write a SQL query that returns the top five customers by revenue."),
    ("en", "Suggest a name for our internal hackathon."),
    ("en", "What is the difference between authentication and authorization?"),
    ("en", "Explain what a JWT is and when not to use one."),
    ("en", "Write unit test names for a function that validates e-mail addresses."),
    ("en", "List five questions to ask in a vendor security review."),
    ("it", "Scrivi un post LinkedIn per annunciare il nostro nuovo ufficio a Bari."),
    ("it", "Qual è la differenza tra SRL e SRLS, in breve?"),
    ("it", "Traduci in inglese: 'la riunione è spostata a giovedì pomeriggio'."),
    ("it", "Dammi una ricetta veloce per la carbonara senza panna."),
    ("it", "Spiegami a grandi linee come si calcola il codice fiscale."),
    ("it", "Come si scrive una lettera di dimissioni cordiale?"),
    ("it", "Riassumi in cinque punti i vantaggi del lavoro ibrido."),
    ("it", "Che differenza c'è tra una PEC e una mail normale?"),
    ("it", "Suggerisci tre nomi per la newsletter interna dell'ufficio acquisti."),
    ("it", "Correggi la grammatica: 'se avrei saputo, sarei venuto'."),
    ("it", "Come funziona lo split payment per la pubblica amministrazione?"),
    ("it", "Scrivi una clausola di riservatezza per un contratto di consulenza."),
]


def neg_hard(g):
    """Returns (lang, text, extra_tags). Every value here is a non-finding by its format."""
    k = g.ri(0, 59)
    H = lambda n: g.s(HEX, n)
    if k == 0:
        return "en", "The POS terminal says 'invalid number' for %s - typo on the customer's side?" % bad_luhn(g), []
    if k == 1:
        return "it", "Il sito rifiuta la carta %s al checkout: il numero è sbagliato o è un problema del gateway?" % bad_luhn(g), []
    if k == 2:
        return "en", "Payment received from the Visa ending in %s on %s, please draft the receipt." % (g.s(DIG, 4), fill(g, "date", None, "en")), []
    if k == 3:
        return "it", "Addebito di %s sulla carta **** **** **** %s: scrivi la ricevuta." % (fill(g, "amount", None, "it"), g.s(DIG, 4)), []
    if k == 4:
        return "en", "The gateway log shows PAN %s******%s, is that masking PCI-compliant?" % ("4" + g.s(DIG, 5), g.s(DIG, 4)), []
    if k == 5:
        return "it", "La banca scarta l'IBAN %s per 'codice di controllo errato', come lo verifico a mano?" % bad_iban(g), []
    if k == 6:
        return "en", "Our supplier's IBAN %s fails validation in SAP, which part is wrong?" % bad_iban(g), []
    if k == 7:
        return "it", "Il portale dice che %s non è un codice fiscale valido, dove ho sbagliato?" % bad_cf(g), []
    if k == 8:
        return "it", "Lo SDI scarta la fattura: partita IVA %s non valida. Come ricalcolo la cifra di controllo?" % bad_vat(g), []
    if k == 9:
        return "en", "Our form accepted %s as an SSN; write a validation rule that rejects numbers like this." % bad_ssn(g), []
    if k == 10:
        return "en", "The AWS docs use AKIAIOSFODNN7EXAMPLE and wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY everywhere - are those real credentials?", []
    if k == 11:
        return "en", ".env.example:\nOPENAI_API_KEY=sk-...\nSTRIPE_SECRET_KEY=sk_live_XXXXXXXXXXXXXXXXXXXXXXXX\nGOOGLE_MAPS_KEY=YOUR_API_KEY\nWhat else belongs in this template?", []
    if k == 12:
        return "en", "Slack's docs show https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX as the format; where do I get mine?", []
    if k == 13:
        return "en", "Job %s-%s-%s-%s-%s has been PENDING since %s, what should I check?" % (H(8), H(4), H(4), H(4), H(12), fill(g, "date", None, "en")), []
    if k == 14:
        return "en", "Commit %s broke the build on main; write a revert message." % H(40), []
    if k == 15:
        return "en", "sha256sum gives %s but the release page lists a different value. Corrupted download?" % H(64), []
    if k == 16:
        a, b = "%d.%d.%d" % (g.ri(11, 16), g.ri(0, 12), g.ri(0, 9)), "%d.%d.%d" % (g.ri(13, 17), g.ri(0, 12), g.ri(0, 9))
        return "en", "After upgrading PostgreSQL from %s to %s the planner picks a seq scan. Why?" % (a, b), []
    if k == 17:
        return "en", "The switch runs firmware version %d.%d.%d.%d - is it affected by the latest CVE?" % (g.ri(1, 9), g.ri(0, 20), g.ri(0, 9), g.ri(1, 200)), []
    if k == 18:
        return "it", "Il preventivo del %s ammonta a %s IVA inclusa: riformulalo in modo più chiaro." % (fill(g, "date", None, "it"), fill(g, "amount", None, "it")), []
    if k == 19:
        return "en", "UPS says parcel 1Z%s%s has an exception since Tuesday. Draft a complaint." % (g.s(UPPER + DIG, 6), g.s(DIG, 10)), []
    if k == 20:
        return "it", "La raccomandata %s%sIT risulta in giacenza da una settimana, scrivi un reclamo." % (g.ch(["RR", "RA", "RB"]), g.s(DIG, 9)), []
    if k == 21:
        return "en", "Amazon order %s-%s-%s arrived damaged; write the return request." % (g.s(DIG, 3), g.s(DIG, 7), g.s(DIG, 7)), []
    if k == 22:
        return "en", "What does OID 1.3.6.1.4.1.%d.%d.%d refer to in this SNMP trap?" % (g.ri(2000, 60000), g.ri(1, 9), g.ri(1, 99)), []
    if k == 23:
        return "en", "Why does `npm i @babel/core@7.%d.%d` fail behind the proxy?" % (g.ri(10, 26), g.ri(0, 9)), []
    if k == 24:
        return "en", "The retina asset logo@2x.png looks blurry on Android, how do I export density buckets?", []
    if k == 25:
        return "en", "docker pull nginx@sha256:%s fails with manifest unknown." % H(64), []
    if k == 26:
        return "en", "@Transactional on a private method does nothing in Spring, why?", []
    if k == 27:
        body = "\n".join(g.s(ALNUM + "+/", 64) for _ in range(g.ri(3, 5)))
        return "en", "-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA%s\n%s\n-----END PUBLIC KEY-----\nIs this RSA or EC, and how long is it?" % (g.s(ALNUM, 20), body), []
    if k == 28:
        body = "\n".join(g.s(ALNUM + "+/", 64) for _ in range(g.ri(4, 7)))
        return "en", "Which CA issued this?\n-----BEGIN CERTIFICATE-----\nMIIF%s\n%s\n-----END CERTIFICATE-----" % (g.s(ALNUM, 60), body), []
    if k == 29:
        return "en", "The connection string postgres://app@db-prod-01.internal:5432/orders has no password, so how does it authenticate? pgpass?", []
    if k == 30:
        return "en", "DATABASE_URL=postgres://${DB_USER}:${DB_PASSWORD}@${DB_HOST}:5432/app - compose doesn't expand it, why?", []
    if k == 31:
        return "en", "Our policy says a password must have at least 12 characters and be rotated every 90 days. Make it friendlier.", []
    if k == 32:
        return "en", "smtp:\n  username: alerts\n  password: ********\nThe value is masked in the UI, where is it stored?", []
    if k == 33:
        return "it", "La password: la trovi nel vault, non incollarla mai nei ticket. Riscrivi questa regola in modo gentile.", []
    if k == 34:
        return "en", "In OAuth, when should I register a confidential client instead of a public one?", []
    if k == 35:
        return "en", "POST /orders returns 500 INTERNAL SERVER ERROR only on Mondays, where do I start?", []
    if k == 36:
        return "en", "TLP:CLEAR advisory - summarise the patch notes for the weekly newsletter.", []
    if k == 37:
        return "en", "GH_TOKEN: ghp_XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX is in the README example, is that a problem?", []
    if k == 38:
        return "en", "Authorization: Bearer <your-jwt-here> - what goes in place of the placeholder?", []
    if k == 39:
        return "en", "arn:aws:iam::%s:role/ci-deployer lacks s3:PutObject, fix the policy." % g.s(DIG, 12), []
    if k == 40:
        s = "Hello team, the quarterly all-hands is moved to Thursday at 3pm."
        return "en", "What does this base64 say? %s" % base64.b64encode(s.encode()).decode(), []
    if k == 41:
        q = g.ch(["meteo Milano domani", "best pizza near Trastevere", "come si calcola l'IVA al 22%"])
        return "en", "https://www.google.com/search?q=%s&hl=it - why does the link break in Outlook?" % "".join(c if c.isalnum() else "%%%02X" % ord(c) for c in q), []
    if k == 42:
        return "it", "Perché questo testo appare così largo? Ｒｉｕｎｉｏｎｅ ａｌｌｅ １５:００ ｉｎ ｓａｌａ Ｂ", []
    if k == 43:
        return "it", "Pratica n. %d/%s del %s: sollecita il rimborso all'assicurazione." % (g.ri(2023, 2026), g.s(DIG, 6), fill(g, "date", None, "it")), []
    if k == 44:
        return "en", "The log timestamp 17%s is in seconds or milliseconds?" % g.s(DIG, 8), []
    if k == 45:
        return "en", "Windows build 10.0.%d.%d keeps failing the update, any known issue?" % (g.ri(19041, 26100), g.ri(1000, 5000)), []
    if k == 46:
        return "en", "The remote is git@gitlab.bluepeak.dev:platform/infra.git and clone asks for a passphrase. Why?", []
    if k == 47:
        return "en", "In the tutorial they set token = \"xoxb-your-bot-token\"; where do I find the real value in the Slack UI?", []
    if k == 48:
        return "en", "The phone's IMEI is %s; how do I check if it is blacklisted?" % luhn_complete(g, "35" + g.s(DIG, 6), 15), []
    if k == 49:
        return "it", "La SIM ha ICCID %s ma l'operatore non la riconosce, cosa faccio?" % luhn_complete(g, "8939" + g.s(DIG, 2), 19), []
    if k == 50:
        e = "80" + g.s(DIG, 10)
        chk = (10 - sum(int(c) * (3 if i % 2 else 1) for i, c in enumerate(e)) % 10) % 10
        return "it", "Il codice EAN %s%d non viene letto dallo scanner, è stampato male?" % (e, chk), []
    if k == 51:
        return "en", "Part number %03d-%02d-%04d is backordered at the distributor; draft an email asking for an ETA." % (g.ri(100, 665), g.ri(10, 99), g.ri(1000, 9999)), []
    if k == 52:
        return "en", "echo \"$CR_PAT\" | docker login ghcr.io -u bot --password-stdin fails with 'denied'. Why?", []
    if k == 53:
        return "en", "Add this to authorized_keys? ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI%s deploy-key" % g.s(ALNUM + "+/", 43), []
    if k == 54:
        js = base64.b64encode(json.dumps({"type": "service_account", "region": fill(g, "region", None, "en")}).encode()).decode().rstrip("=")
        return "en", "The header X-Client-Info: %s is sent on every call - what is it?" % js, []
    if k == 55:
        return "en", "Our Slovak site uses the locale sk-SK and the dates come out wrong, how do I fix the format?", []
    if k == 56:
        return "en", "The old webhook was https://hooks.slack.com/services/T0.../B0.../... (truncated in the wiki) - where do I find the full one?", []
    if k == 57:
        return "it", "Codice cliente 3%s: il cliente dice di non aver mai ricevuto la fattura, scrivi la risposta." % g.s(DIG, 9), []
    if k == 58:
        return "it", "Codice ATECO 62.01.00 e 62.02.00: quale va usato per la consulenza informatica?", []
    return "en", "password: null in the config means what - no password or the default one?", []


# judgement cases: the format's definition does not settle them (see README)
def judgement_case(g):
    k = g.ri(0, 6)
    if k == 0:
        c = g.ch(["4242 4242 4242 4242", "4111 1111 1111 1111", "5555 5555 5555 4444", "4000 0566 5566 5556"])
        return "en", "Stripe's test card %s works in test mode but live mode rejects it - expected?" % c, [], ["negative", "judgement"]
    if k == 1:
        return "en", "The docs example sends from jane.doe@example.com; replace it with a template variable.", [], ["negative", "judgement"]
    if k == 2:
        return "en", "The service binds to 127.0.0.1:8080 locally but to 0.0.0.0 in the container - is that a risk?", [], ["negative", "judgement"]
    if k == 3:
        lab = g.ch(["Strictly Confidential", "Confidential", "Internal Use Only", "Riservato"])
        lang = "it" if lab == "Riservato" else "en"
        text = "%s\nDraft - Project Orione term sheet. Summarise the key terms." % lab
        return lang, text, [(0, len(lab), "CONFIDENTIAL_MARKER")], ["judgement"]
    if k == 4:
        return "en", "pk_live_%s is in our frontend bundle - is that a leak?" % g.s(ALNUM, 24), [], ["negative", "judgement"]
    if k == 5:
        return "en", "-----BEGIN RSA PRIVATE KEY-----\n<paste your key here>\n-----END RSA PRIVATE KEY-----\nIs this the right layout for the config file?", [], ["negative", "judgement"]
    ent = g.s(ALNUM, 30)
    bad = "ghp_" + ent + b62_6((zlib.crc32(ent.encode()) + 1) & 0xffffffff)
    return "en", "A scanner flagged %s in our wiki, but GitHub says the checksum is wrong. Real token or not?" % bad, [], ["negative", "judgement"]


# --------------------------------------------------------------------------- case assembly

WEIGHTS = {"EMAIL": 122, "PHONE": 55, "CREDIT_CARD": 88, "IBAN": 34, "IT_VAT": 44, "IT_FISCAL_CODE": 30,
           "GITLAB_TOKEN": 26, "OPENAI_KEY": 28, "GOOGLE_API_KEY": 33, "AWS_ACCESS_KEY": 30, "AWS_SECRET_KEY": 14,
           "GITHUB_TOKEN": 22, "US_SSN": 24, "PASSWORD": 26, "PRIVATE_KEY": 28, "IP_ADDRESS": 4, "JWT": 27,
           "CREDENTIAL_URL": 12, "STRIPE_KEY": 10, "SLACK_WEBHOOK": 20, "CONFIDENTIAL_MARKER": 12,
           "ANTHROPIC_KEY": 12, "SLACK_TOKEN": 16}


def types_of(tmpl):
    out = []
    for m in SLOT.finditer(tmpl):
        name = m.group(1).split("|")[0].split(":")[0]
        if name in FIND:
            out.append(FIND[name][0])
    return out


INDEX = {}
for lang, t in P:
    for ty in set(types_of(t)):
        INDEX.setdefault(ty, []).append((lang, t))


def pick_template(g, typ, lang):
    cands = INDEX[typ]
    singles = [c for c in cands if len(types_of(c[1])) == 1]
    pairs = [c for c in cands if len(types_of(c[1])) > 1]
    pool = pairs if (pairs and g.p(0.56)) or not singles else singles
    byl = [c for c in pool if c[0] == lang]
    return g.ch(byl or pool)


def finalize(text, spans):
    findings = []
    for s, e, typ in sorted(spans):
        bs = len(text[:s].encode())
        be = len(text[:e].encode())
        findings.append({"type": typ, "start": bs, "end": be, "value": text[s:e]})
    return findings


def positive_case(g):
    typ = g.wch([(w, t) for t, w in WEIGHTS.items()])
    lang = "it" if g.p(0.29) else "en"
    ev = None
    if g.p(0.21):
        ev = g.wch([(28, "fullwidth"), (27, "zero-width"), (15, "json"), (12, "base64"), (13, "percent"),
                    (5, "unicode-space")])
    tags = set()
    if ev in (None, "fullwidth", "zero-width", "unicode-space"):
        lang, tmpl = pick_template(g, typ, lang)
        n = len(types_of(tmpl))
        if ev:
            first = types_of(tmpl).index(typ)
            slots = {first}
            if n > 1 and g.p(0.3):
                slots.add(1 - first)
            parts, t2 = render(g, tmpl, lang, ev, slots)
        else:
            parts, t2 = render(g, tmpl, lang)
        tags |= t2
        d = parts_doc(parts)
    elif ev == "percent":
        slot = TYPE2SLOT[typ]
        cands = [c for c in PCT if ("⟦" + slot + "|") in c[1] or ("⟦" + slot + ":") in c[1]]
        if cands and g.p(0.75):
            lang2 = [c for c in cands if c[0] == lang]
            lang, tmpl = g.ch(lang2 or cands)
            parts, t2 = render(g, tmpl, lang)
            tags |= t2
            d = parts_doc(parts)
        else:
            # a translate link: the whole prompt percent-encoded
            lang, tmpl = pick_template(g, typ, lang)
            while len(types_of(tmpl)) > 1 and g.p(0.6):
                lang, tmpl = pick_template(g, typ, lang)
            parts, _ = render(g, tmpl, lang)
            inner = wrap_pct(g, parts)
            d = Doc()
            if lang == "it":
                d.add("Questo link di traduzione non si apre, perché? https://translate.google.com/?sl=it&tl=en&text=")
            else:
                d.add("This translate link breaks in Teams: https://translate.google.com/?sl=en&tl=it&text=")
            d.extend(inner)
            d.add("&op=translate")
            tags.add("evasion:percent")
    elif ev == "json":
        slot = TYPE2SLOT[typ]
        cands = [c for c in JSN if ("⟦" + slot + "|") in c[1] or ("⟦" + slot + ":") in c[1]]
        if cands and g.p(0.5):
            lang2 = [c for c in cands if c[0] == lang]
            lang, tmpl = g.ch(lang2 or cands)
            parts, t2 = render(g, tmpl, lang)
            tags |= t2
            d = parts_doc(parts)
        else:
            lang, tmpl = pick_template(g, typ, lang)
            parts, _ = render(g, tmpl, lang)
            # put the primary type first in escape order
            idx = [i for i, p in enumerate(parts) if p[1] == typ][0]
            d = Doc()
            pre, post = g.ch(JSON_WRAP)
            d.add(g.ch(JSON_WRAP_NOTE_IT if lang == "it" else JSON_WRAP_NOTE_EN) + pre)
            body = Doc()
            for i, (t, ty) in enumerate(parts):
                if i == idx:
                    body.add(json_u_escape(g, t, ty), ty)
                else:
                    body.add(json_plain(t), ty)
            d.extend(body)
            d.add(post)
            tags.add("evasion:json")
    else:  # base64
        slot = TYPE2SLOT[typ]
        cands = [c for c in B64V if ("⟦" + slot + "|b64") in c[1]]
        if cands and g.p(0.5):
            lang2 = [c for c in cands if c[0] == lang]
            lang, tmpl = g.ch(lang2 or cands)
            parts, t2 = render(g, tmpl, lang)
            tags |= t2
            d = parts_doc(parts)
        else:
            inner_t = g.ch(B64_INNER[typ])
            if inner_t == "BASIC":
                parts, _ = render(g, "⟦user⟧:⟦PWD:plain⟧", lang)
                blob = wrap_b64(g, parts)
                lang, outer = g.ch(BASIC_OUTER)
                pre, post = outer.split("⟦B64⟧")
                d = Doc()
                d.add(pre)
                d.extend(blob)
                d.add(post)
                tags.add("evasion:base64")
                return lang, d, tags
            parts, _ = render(g, inner_t, lang)
            width = 76 if (typ == "PRIVATE_KEY" or g.p(0.15)) else None
            blob = wrap_b64(g, parts, width)
            outer_lang, outer = g.ch([o for o in B64S if o[0] == lang] or B64S)
            lang = outer_lang
            pre, post = outer.split("⟦B64⟧")
            d = Doc()
            d.add(pre)
            d.extend(blob)
            d.add(post)
            tags.add("evasion:base64")
    return lang, d, tags


def build(seed, n):
    g = Gen(seed)
    rows = []
    for i in range(n):
        x = g.r.random()
        if x < 0.025:
            lang, text, spans, tags = judgement_case(g)
            findings = finalize(text, spans)
        elif x < 0.43:
            if g.p(0.47):
                lang, text = g.ch(NEG_TRIVIAL)
            else:
                lang, text, _ = neg_hard(g)
            findings, tags = [], ["negative"]
        else:
            lang, d, tags = positive_case(g)
            tags = sorted(tags)
            text, spans = d.text, d.spans
            if g.p(0.33):
                if g.p(0.5):
                    dl, dt = g.ch(NEG_TRIVIAL)
                else:
                    dl, dt, _ = neg_hard(g)
                if g.p(0.75):
                    text = text + "\n\n" + dt
                else:
                    off = len(dt) + 2
                    text = dt + "\n\n" + text
                    spans = [(a + off, b + off, t) for a, b, t in spans]
                tags = tags + ["distractor"]
            findings = finalize(text, spans)
        rows.append({"id": "a30-%d-%04d" % (seed, i), "lang": lang, "text": text, "findings": findings,
                     "tags": tags})
    return rows


def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    seed, n, out = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
    rows = build(seed, n)
    with open(out, "w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    print("wrote %d cases to %s" % (len(rows), out))


if __name__ == "__main__":
    main()
