"""Fabricated values and validators for the audit19 generator (standard library only): audit16's,
loaded from its folder rather than copied, and audit19's own makers below, shaped like the values
of the development corpus (its phone plans, IBAN countries, JWT headers, PEM kinds, password and
connection-string shapes) and the hard negatives its negative cases use."""
import base64
import importlib.util
import json
import os

_spec = importlib.util.spec_from_file_location(
    "audit16_values", os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "audit16", "values.py"))
_audit16 = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_audit16)
globals().update({k: v for k, v in vars(_audit16).items() if not k.startswith("__")})


# ---------------------------------------------------------------- people and contacts
FIRST19 = ["Alessia", "Davide", "Chiara", "Simone", "Irene", "Paolo", "Giada", "Marco", "Sara", "Luca", "Anna",
           "Nicola", "Elena", "Pietro", "Laura", "Fabio", "Emily", "James", "Sophie", "Daniel", "Aisha", "Ravi",
           "Mei", "Carlos", "Hanna", "Jonas"]
LAST19 = ["Bianco", "Greco", "Russo", "Colombo", "Ricci", "Marino", "Bruno", "Gallo", "Conti", "Costa",
          "Giordano", "Mancini", "Lombardi", "Moretti", "Barone", "Pellegrini", "Palumbo", "Sanna", "Fabbri",
          "Turner", "Brooks", "Khan", "Silva", "Weber", "Dubois", "Lindqvist"]
DOMAINS19 = ["tecnoedil-srl.it", "cartiera-valle.it", "studio-marchetti.eu", "hotelmiramare.it", "agrifood-sud.com",
             "alpinet.ch", "brightwave.co.uk", "meridian-health.com", "fastmail.com", "gmail.com", "libero.it",
             "outlook.it", "pec.ordineavvocati.bo.it", "comune.cesena.fc.it", "unimore.it", "kraftwerk-gmbh.de",
             "ferramenta-rossi.it", "globex-intl.com", "yahoo.it", "tim.it"]


def person19(r):
    return r.choice(FIRST19), r.choice(LAST19)


def email19(r, first=None, last=None):
    f, l = person19(r)
    f, l = _slug(first or f), _slug(last or l)
    d = r.choice(DOMAINS19)
    local = r.choice([f + "." + l, f[0] + l, l + "." + f, f + "_" + l + str(r.randint(10, 99)), f + "+" +
                      r.choice(["ordini", "promo", "work", "hr"]), l + f[0], f + "." + l + str(r.randint(1, 9))])
    return local + "@" + d


def phone19(r):
    """the phone shapes of the development corpus: IT mobile (compact, +39 grouped, national), IT landline
    with slash or space, +49 30, +44 20 / +44 7, +1 spaced and US dashed"""
    n = lambda k: rs(r, DG, k)
    k = r.choice(["itm_c", "itm_c", "itm_g", "itm_n", "itl_sl", "itl_sp", "de", "uk20", "uk7", "us_p", "us_d"])
    if k == "itm_c":
        return "+393" + r.choice("234567") + n(8)
    if k == "itm_g":
        return "+39 3%s %s %s" % (r.choice("234567") + n(1), n(3), n(4))
    if k == "itm_n":
        return "3%s %s" % (r.choice("234567") + n(1), n(7))
    area = r.choice(["02", "06", "011", "051", "055", "081", "041", "010"])
    if k == "itl_sl":
        return "%s/%s" % (area, n(7 if len(area) == 3 else 8))
    if k == "itl_sp":
        return "%s %s" % (area, n(7 if len(area) == 3 else 8))
    if k == "de":
        return "+49 30 %s %s" % (n(4), n(4))
    if k == "uk20":
        return "+44 20 7%s %s" % (n(3), n(4))
    if k == "uk7":
        return "+44 7%s %s" % (n(3), n(6))
    a = r.choice(["212", "415", "646", "312", "617", "206", "512"])
    x = str(r.randint(201, 989)).replace("555", "556")
    if k == "us_p":
        return "+1 %s %s %s" % (a, x, n(4))
    return "%s-%s-%s" % (a, x, n(4))


# ---------------------------------------------------------------- payment and tax
def card19(r):
    brand = r.choice(["visa", "visa", "mc", "mc2", "amex", "discover"])
    d = card_digits(r, brand)
    if brand == "discover":
        d = luhn_complete("6011" + d[4:15])
    return card_format(r, d, brand)


def card19_bad(r):
    brand = r.choice(["visa", "visa", "mc", "amex", "discover"])
    d = luhn_break(card_digits(r, brand))
    return card_format(r, d, brand)


def iban19(r, countries=("IT", "IT", "IT", "DE", "ES", "FR", "CH", "NL", "GB")):
    c = r.choice(countries)
    return iban_format(r, iban_make(r, c), r.choice(["space", "compact"]))


def iban19_bad(r):
    c = r.choice(["IT", "IT", "DE", "ES", "FR", "CH", "NL", "GB"])
    return iban_format(r, iban_break(r, iban_make(r, c)), r.choice(["space", "compact"]))


def cf19(r):
    return cf_make(r, omocodia=0)


def cf19_bad(r):
    return cf_break_check(cf_make(r, omocodia=0))


def ssn19(r):
    a = r.choice([x for x in range(1, 900) if x != 666])
    return "%03d-%02d-%04d" % (a, r.randint(1, 99), r.randint(1, 9999))


# ---------------------------------------------------------------- network and credentials
def ip19(r):
    k = r.choice(["pub", "pub", "p10", "p10", "p10", "p192", "ula"])
    if k == "ula":
        h = lambda: "%x" % r.randint(0x1000, 0xffff)
        return "fd%02x:%s:%s::%s" % (r.randint(0x10, 0xff), h(), h(), h())
    if k == "p10":
        return ipv4_make(r, "p10")
    if k == "p192":
        return ipv4_make(r, "p192")
    return ipv4_make(r, "pub")


PW_BASES = ["Aurora", "Gelato", "Vesuvio", "Dolomiti", "Scirocco", "Bluebird", "Winter", "Harbor", "Lemon",
            "Falcon", "Qwerty", "Passw0rd"]


def password19(r):
    base = r.choice(PW_BASES)
    sep = r.choice(["!", "#", "@", "$", "&", "*", "-", "_", "."])
    tail = rs(r, AN + "!#$%&*", r.randint(3, 8))
    k = r.randrange(4)
    if k == 0:
        return base + sep + tail
    if k == 1:
        return base + str(r.randint(1990, 2026)) + sep + tail
    if k == 2:
        return base.replace("a", "@").replace("o", "0") + sep + tail
    return rs(r, AN, r.randint(6, 10)) + sep + rs(r, DG, 2)


def cred_url19(r):
    scheme = r.choice(["postgres", "postgresql", "mysql", "redis", "mongodb+srv", "amqp", "mssql"])
    user = r.choice(["app", "svc_etl", "admin", "root", "reporting", "backend"])
    pw = rs(r, AN, r.randint(9, 15))
    if r.random() < 0.4:
        i = r.randrange(2, len(pw) - 1)
        pw = pw[:i] + r.choice("!#%") + pw[i:]
    host = r.choice(["db-prod.internal", "10.0.4.17", "pg01.lan.example-co.it", "rabbit.svc.cluster.local",
                     "cache-1.acme-int.net", "mongo0.xyz12.mongodb.net"])
    port = r.choice(["5432", "3306", "6379", "27017", "5672", "1433"])
    db = r.choice(["orders", "erp", "analytics", "main", "warehouse"])
    return "%s://%s:%s@%s:%s/%s" % (scheme, user, pw, host, port, db)


MARKERS19 = ["CONFIDENTIAL", "STRICTLY CONFIDENTIAL", "INTERNAL USE ONLY", "RISERVATO", "STRETTAMENTE RISERVATO",
             "USO INTERNO", "TLP:RED", "TLP:AMBER", "RISERVATO - USO INTERNO"]


def marker19(r):
    return r.choice(MARKERS19[:-1])


def pem19(r):
    kind = r.choice(["EC PRIVATE KEY", "OPENSSH PRIVATE KEY", "PRIVATE KEY", "RSA PRIVATE KEY"])
    n = r.randint(4, 9)
    lines = [rs(r, B64, 64) for _ in range(n)]
    return "-----BEGIN %s-----\n%s\n-----END %s-----" % (kind, "\n".join(lines), kind)


def jwt19(r):
    alg = r.choice(["RS256", "HS256"])
    h = json.dumps({"alg": alg, "typ": "JWT"})
    p = {"sub": str(r.randint(10 ** 7, 10 ** 8 - 1)), "name": r.choice(FIRST19), "iat": r.randint(1600000000, 1760000000)}
    sig = b64u(bytes(r.randrange(256) for _ in range(32)))
    return b64u(h.encode()) + "." + b64u(json.dumps(p).encode()) + "." + sig


def gh19(r):
    if r.random() < 0.1:
        return gh_fine_grained(r)
    return gh_make(r, r.choice(["ghp", "gho", "ghu", "ghs", "ghr"]))


def slack19(r):
    return "%s-%s-%s-%s" % (r.choice(["xoxb", "xoxp"]), rs(r, DG, 12), rs(r, DG, 12), rs(r, AN, 24))


def stripe19(r):
    pre = r.choice(["sk_live_", "rk_live_"])
    return pre + rs(r, AN, r.choice([24, 34, 99]))


def openai19(r):
    return openai_key(r, r.choice(["proj", "proj", "legacy"]))


def anthropic19(r):
    return anthropic_key(r, "api03")


def webhook19(r):
    return "https://hooks.slack.com/services/T%s/B%s/%s" % (rs(r, UP + DG, 8), rs(r, UP + DG, 10), rs(r, AN, 24))


def gitlab19(r):
    return "glpat-" + rs(r, AN + "-_", 20)


# ---------------------------------------------------------------- hard negatives
def sha256hex(r):
    return hexs(r, 64)


def sha1hex(r):
    return hexs(r, 40)


def uuid19(r):
    h = "0123456789abcdef"
    return "%s-%s-%s-%s-%s" % (rs(r, h, 8), rs(r, h, 4), rs(r, h, 4), rs(r, h, 4), rs(r, h, 12))


def date19(r):
    return "%d-%02d-%02d" % (r.randint(2019, 2027), r.randint(1, 12), r.randint(1, 28))


def date19_it(r):
    return "%02d/%02d/%d" % (r.randint(1, 28), r.randint(1, 12), r.randint(2019, 2027))


def euro19(r):
    n = r.randint(1000, 99999)
    return "€ %s,%02d" % ("{:,}".format(n).replace(",", "."), r.randint(0, 99))


def version19(r):
    return "%d.%d.%d" % (r.randint(1, 24), r.randint(0, 40), r.randint(0, 99))
