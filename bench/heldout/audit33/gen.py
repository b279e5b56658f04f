#!/usr/bin/env python3
"""audit33 — a sixth sibling of the dev corpus, by a new hand.

What staff paste into a chat assistant at work, in English and Italian (and both in one
prompt), written the way people write in a hurry: short imperative requests with one pasted
fragment, contact details typed inline, informal credentials, numbers typed with irregular
spacing, dots or slashes, lower-case IBANs and fiscal codes, e-mail addresses with plus tags,
subdomains, capitals and Italian PEC domains, classification words in headers and in prose.
Dev's proportions of types, negatives (~43 %) and distractors (~18 %), dev's span conventions,
about 10 % of positive cases with an evasion (full-width or zero-width characters).

    python3 gen.py SEED N OUT.jsonl

Every value is fabricated here from the seed: cards pass Luhn, IBANs mod-97 (with each
country's length and BBAN layout; Italian CIN, Spanish, French, Belgian and Portuguese
national keys computed), codici fiscali their check letter (omocodia included), partite IVA
their check digit, SSNs the SSA's area/group/serial rules, GitHub tokens their CRC32, JWTs a
header that decodes to JSON with "alg". Hard negatives fail those checks or are numbers of
other kinds. Python 3 standard library only; the same seed gives the same file.
"""
import base64
import json
import random
import re
import sys
import zlib

# ---------------------------------------------------------------------------------------------
# people, companies, places

IT_M = ["Marco", "Luca", "Giuseppe", "Francesco", "Alessandro", "Andrea", "Matteo", "Lorenzo",
        "Davide", "Simone", "Federico", "Riccardo", "Stefano", "Paolo", "Giorgio", "Tommaso",
        "Nicola", "Emanuele", "Fabio", "Salvatore", "Antonio", "Gianluca", "Roberto", "Daniele",
        "Enrico", "Michele", "Pietro", "Filippo", "Vincenzo", "Claudio"]
IT_F = ["Giulia", "Francesca", "Chiara", "Sara", "Martina", "Valentina", "Alessia", "Elena",
        "Federica", "Silvia", "Laura", "Paola", "Anna", "Elisa", "Ilaria", "Roberta", "Beatrice",
        "Serena", "Giorgia", "Camilla", "Marta", "Lucia", "Noemi", "Veronica", "Arianna",
        "Benedetta", "Cristina", "Monica", "Rebecca", "Irene"]
IT_LAST = ["Rossi", "Russo", "Ferrari", "Esposito", "Bianchi", "Romano", "Colombo", "Ricci",
           "Marino", "Greco", "Bruno", "Gallo", "Conti", "De Luca", "Mancini", "Costa",
           "Giordano", "Rizzo", "Lombardi", "Moretti", "Barbieri", "Fontana", "Santoro",
           "Mariani", "Rinaldi", "Caruso", "Ferrara", "Galli", "Martini", "Leone", "Longo",
           "Gentile", "Martinelli", "Vitale", "Lombardo", "Serra", "Coppola", "De Santis",
           "D'Angelo", "Marchetti", "Parisi", "Villa", "Conte", "Ferraro", "Fabbri", "Bianco",
           "Marini", "Grasso", "Valentini", "Messina", "Sala", "De Angelis", "Gatti",
           "Pellegrini", "Palumbo", "Sanna", "Farina", "Rizzi", "Monti", "Cattaneo", "Orlando",
           "Zanetti", "Piras", "Bellini", "Guerra", "Basile", "Testa", "Melis", "Pagano"]
EN_M = ["James", "John", "Michael", "David", "Daniel", "Ryan", "Kevin", "Brian", "Tom", "Chris",
        "Mark", "Steve", "Paul", "Jason", "Ben", "Sam", "Nick", "Adam", "Oliver", "Harry"]
EN_F = ["Emily", "Sarah", "Jessica", "Ashley", "Megan", "Laura", "Rachel", "Kate", "Hannah",
        "Olivia", "Emma", "Sophie", "Amy", "Lisa", "Claire", "Grace", "Lucy", "Anna", "Chloe",
        "Jennifer"]
EN_LAST = ["Smith", "Johnson", "Williams", "Brown", "Jones", "Miller", "Davis", "Wilson",
           "Taylor", "Clark", "Walker", "Wright", "Hughes", "Turner", "Parker", "Cooper",
           "Bennett", "Reed", "Murphy", "Kelly", "O'Brien", "Campbell", "Foster", "Hayes",
           "Patel", "Nguyen", "Khan", "Schmidt", "Becker", "Dubois"]

COMPANIES = [("Bianchi Srl", "bianchisrl.it"), ("Ferramenta Colombo snc", "ferramentacolombo.it"),
             ("Studio Ricci & Associati", "studioricci.it"), ("Trasporti Greco SpA", "trasportigreco.com"),
             ("Officina Moretti", "officinamoretti.it"), ("Edilizia Fontana srl", "ediliziafontana.it"),
             ("Caseificio Santoro", "caseificiosantoro.it"), ("Meccanica Serra srl", "meccanicaserra.it"),
             ("Gruppo Vitale", "gruppo-vitale.it"), ("Farmacia Leone", "farmacialeone.it"),
             ("Tipografia Gatti", "tipografiagatti.it"), ("Northwind Trading Ltd", "northwind-trading.co.uk"),
             ("Brightlane Inc", "brightlane.io"), ("Contoso GmbH", "contoso-group.de"),
             ("Acme Logistics", "acmelogistics.com"), ("Pellegrini Impianti", "pellegrini-impianti.it"),
             ("Autoricambi Basile", "autoricambibasile.it"), ("Cantina Melis", "cantinamelis.it")]
TOWNS = ["milano", "torino", "bologna", "firenze", "bergamo", "verona", "padova", "lecce", "parma",
         "brescia", "monza", "rimini", "trento", "modena", "pisa", "cagliari"]
CITIES = ["Milano", "Roma", "Torino", "Napoli", "Bologna", "Firenze", "Bari", "Verona", "Padova",
          "Genova", "Brescia", "Parma", "Lecce", "Trento", "Bergamo", "Cagliari"]
# (Belfiore code, name): Italian comuni and a few foreign countries (Z codes)
BELFIORE = [("H501", "Roma"), ("F205", "Milano"), ("L219", "Torino"), ("F839", "Napoli"),
            ("A944", "Bologna"), ("D612", "Firenze"), ("G273", "Palermo"), ("L736", "Venezia"),
            ("D969", "Genova"), ("A662", "Bari"), ("C351", "Catania"), ("L781", "Verona"),
            ("G224", "Padova"), ("B157", "Brescia"), ("E506", "Lecce"), ("H703", "Salerno"),
            ("L424", "Trieste"), ("G478", "Perugia"), ("A794", "Bergamo"), ("G337", "Parma"),
            ("B354", "Cagliari"), ("L378", "Trento"), ("F704", "Monza"), ("Z129", "Romania"),
            ("Z100", "Albania"), ("Z330", "Marocco"), ("Z112", "Germania"), ("Z404", "Stati Uniti")]

# ---------------------------------------------------------------------------------------------
# checksums

def luhn_ok(digits):
    s = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2 == 1:
            d *= 2
            if d > 9:
                d -= 9
        s += d
    return s % 10 == 0


def luhn_complete(body):
    for c in "0123456789":
        if luhn_ok(body + c):
            return body + c
    raise AssertionError


CF_ODD = dict(zip("0123456789", [1, 0, 5, 7, 9, 13, 15, 17, 19, 21]))
CF_ODD.update(zip("ABCDEFGHIJKLMNOPQRSTUVWXYZ",
                  [1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23]))
CF_EVEN = {c: i for i, c in enumerate("0123456789")}
CF_EVEN.update({c: i for i, c in enumerate("ABCDEFGHIJKLMNOPQRSTUVWXYZ")})


def cf_check(s15):
    t = 0
    for i, c in enumerate(s15):
        t += CF_ODD[c] if i % 2 == 0 else CF_EVEN[c]
    return chr(ord("A") + t % 26)


def it_cin(bban22):
    return cf_check(bban22)  # the CIN uses the same odd/even tables, over ABI+CAB+conto


def piva_check(d10):
    s = 0
    for i, ch in enumerate(d10):
        d = int(ch)
        if i % 2 == 1:
            d *= 2
            if d > 9:
                d -= 9
        s += d
    return str((10 - s % 10) % 10)


def iban_check(cc, bban):
    t = bban + cc + "00"
    num = "".join(str(int(c, 36)) for c in t)
    return "%02d" % (98 - int(num) % 97)


def iban_ok(s):
    s = s.replace(" ", "").upper()
    t = s[4:] + s[:4]
    return int("".join(str(int(c, 36)) for c in t)) % 97 == 1


B62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"


def b62(n, width=6):
    s = ""
    while n:
        s = B62[n % 62] + s
        n //= 62
    return s.rjust(width, "0")


def b64u(data):
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


# ---------------------------------------------------------------------------------------------
# context: one per case

class Person:
    def __init__(self, r, italian=True):
        self.italian = italian
        self.female = r.random() < 0.5
        if italian:
            self.first = r.choice(IT_F if self.female else IT_M)
            self.last = r.choice(IT_LAST)
        else:
            self.first = r.choice(EN_F if self.female else EN_M)
            self.last = r.choice(EN_LAST)
        self.year = r.randint(1952, 2003)
        self.month = r.randint(1, 12)
        self.day = r.randint(1, 28)
        self.place = r.choice(BELFIORE)


class Ctx:
    def __init__(self, r, lang):
        self.r = r
        self.lang = lang
        self.p = Person(r, True)
        self.e = Person(r, False)
        self.judgement = False
        self.cache = {}

    def person(self):
        return self.p if (self.lang == "it" or self.r.random() < 0.6) else self.e


def ascii_name(s):
    return re.sub(r"[^a-z]", "", s.lower())


# ---------------------------------------------------------------------------------------------
# value generators (positives)

FREE_DOMAINS = ["gmail.com", "libero.it", "hotmail.it", "yahoo.it", "outlook.it", "virgilio.it",
                "alice.it", "tiscali.it", "icloud.com", "outlook.com", "fastwebnet.it", "tim.it",
                "proton.me", "hotmail.com"]
PLUS_TAGS = ["fatture", "lavoro", "newsletter", "amazon", "ordini", "work", "billing", "jira",
             "test", "noreply", "spam", "banca", "hr"]


def local_part(r, p):
    f, l = ascii_name(p.first), ascii_name(p.last)
    style = r.randrange(9)
    if style == 0:
        return "%s.%s" % (f, l)
    if style == 1:
        return "%s%s" % (f[0], l)
    if style == 2:
        return "%s_%s" % (f, l)
    if style == 3:
        return "%s%s%02d" % (f, l, r.randint(0, 99))
    if style == 4:
        return "%s.%s" % (l, f)
    if style == 5:
        return "%s.%s%d" % (f, l, r.randint(70, 99))
    if style == 6:
        return "%s.%s" % (f[0], l)
    if style == 7:
        return "%s%d" % (f, r.randint(1, 999))
    return "%s-%s" % (f, l)


def g_email(c):
    r = c.r
    p = c.person()
    k = r.random()
    if k < 0.45:
        dom = r.choice(FREE_DOMAINS)
    elif k < 0.8:
        dom = r.choice(COMPANIES)[1]
    else:
        dom = r.choice(["mail.", "it.", "eu.", "sales.", "corp.", "hq."]) + r.choice(COMPANIES)[1]
    return "%s@%s" % (local_part(r, p), dom)


def g_email_plus(c):
    r = c.r
    p = c.person()
    lp = local_part(r, p).split("+")[0]
    dom = r.choice(FREE_DOMAINS[:6] + [x[1] for x in COMPANIES[:6]])
    return "%s+%s@%s" % (lp, r.choice(PLUS_TAGS), dom)


def g_email_sub(c):
    r = c.r
    p = c.person()
    k = r.randrange(4)
    if k == 0:
        dom = "studenti.uni%s.it" % r.choice(["mi", "pd", "to", "bo", "pi"])
    elif k == 1:
        dom = "%s.%s" % (r.choice(["amministrazione", "acquisti", "it", "logistica", "hr"]), r.choice(COMPANIES)[1])
    elif k == 2:
        dom = "%s.%s" % (r.choice(["uk", "de", "fr", "us", "emea"]), r.choice(COMPANIES)[1])
    else:
        dom = "mail.%s.%s" % (r.choice(["intranet", "corp", "int"]), r.choice(COMPANIES)[1])
    return "%s@%s" % (local_part(r, p), dom)


def g_email_upper(c):
    r = c.r
    v = g_email(c)
    if r.random() < 0.5:
        return v.upper()
    loc, dom = v.split("@")
    loc = ".".join(x[:1].upper() + x[1:] for x in loc.split("."))
    dom = dom[:1].upper() + dom[1:] if r.random() < 0.5 else dom.upper()
    return loc + "@" + dom


def g_pec(c):
    r = c.r
    p = c.person()
    k = r.randrange(7)
    comp = r.choice(COMPANIES)
    if k == 0:
        return "%s@pec.it" % local_part(r, p)
    if k == 1:
        return "%s@legalmail.it" % local_part(r, p)
    if k == 2:
        return "%s@pec.%s" % (r.choice(["amministrazione", "info", "fatturazione", "ufficio.acquisti", "direzione"]), comp[1])
    if k == 3:
        return "protocollo@pec.comune.%s.it" % r.choice(TOWNS)
    if k == 4:
        return "%s@arubapec.it" % ascii_name(comp[0].split()[0] + comp[0].split()[1])
    if k == 5:
        return "%s.%s@%s.pecavvocati.it" % (ascii_name(p.first), ascii_name(p.last), r.choice(TOWNS))
    return "%s@postecert.it" % local_part(r, p)


def g_email_any(c):
    k = c.r.random()
    if k < 0.35:
        return g_email(c)
    if k < 0.55:
        return g_email_plus(c)
    if k < 0.7:
        return g_email_sub(c)
    if k < 0.85:
        return g_email_upper(c)
    return g_pec(c)


IT_MOBILE_PFX = ["320", "324", "327", "328", "329", "330", "331", "333", "334", "335", "336", "337",
                 "338", "339", "340", "342", "345", "346", "347", "348", "349", "350", "351", "366",
                 "368", "370", "371", "373", "377", "380", "388", "389", "391", "392", "393"]


def digits(r, n):
    return "".join(r.choice("0123456789") for _ in range(n))


def g_it_mobile(c):
    r = c.r
    p = r.choice(IT_MOBILE_PFX)
    d = str(r.randint(1, 9)) + digits(r, 6)
    k = r.randrange(17)
    forms = [
        p + d,
        "%s %s" % (p, d),
        "%s %s %s" % (p, d[:3], d[3:]),
        "%s %s %s %s" % (p, d[:2], d[2:4], d[4:]),
        "%s-%s" % (p, d),
        "%s.%s.%s" % (p, d[:3], d[3:]),
        "%s/%s" % (p, d),
        "+39 %s %s" % (p, d),
        "+39%s%s" % (p, d),
        "0039 %s %s" % (p, d),
        "+39 %s %s %s" % (p, d[:3], d[3:]),
        "+39-%s-%s-%s" % (p, d[:3], d[3:]),
        "%s %s %s %s" % (p, d[:3], d[3:5], d[5:]),
        "+39 %s.%s" % (p, d),
        "%s %s" % (p, d),
        "+39 %s %s %s %s" % (p, d[:2], d[2:4], d[4:]),
        "%s.%s" % (p, d),
    ]
    return forms[k]


IT_AREAS = [("02", 8), ("06", 8), ("011", 7), ("010", 7), ("051", 7), ("055", 7), ("081", 7),
            ("091", 7), ("041", 7), ("045", 7), ("049", 7), ("071", 7), ("080", 7), ("070", 6),
            ("0471", 6), ("0522", 6), ("0541", 6), ("0586", 6), ("035", 7), ("030", 7), ("0521", 6)]


def g_it_land(c):
    r = c.r
    a, n = r.choice(IT_AREAS)
    d = str(r.randint(2, 9)) + digits(r, n - 1)
    k = r.randrange(10)
    h = len(d) // 2
    forms = [
        "%s %s" % (a, d),
        "%s/%s" % (a, d),
        "%s-%s" % (a, d),
        "%s %s %s" % (a, d[:h], d[h:]),
        "%s.%s.%s" % (a, d[:h], d[h:]),
        "+39 %s %s" % (a, d),
        "+39 %s %s %s" % (a, d[:h], d[h:]),
        "%s%s" % (a, d),
        "(+39) %s %s" % (a, d),
        "%s / %s" % (a, d),
    ]
    return forms[k]


def g_us(c):
    r = c.r
    a = "%d%d%d" % (r.randint(2, 9), r.randint(0, 8), r.randint(0, 9))
    while a[1:] == "11":
        a = "%d%d%d" % (r.randint(2, 9), r.randint(0, 8), r.randint(0, 9))
    ex = "%d%s" % (r.randint(2, 9), digits(r, 2))
    while ex == "555" or ex[1:] == "11":
        ex = "%d%s" % (r.randint(2, 9), digits(r, 2))
    ln = digits(r, 4)
    forms = ["(%s) %s-%s" % (a, ex, ln), "%s-%s-%s" % (a, ex, ln), "%s.%s.%s" % (a, ex, ln),
             "+1 %s %s %s" % (a, ex, ln), "+1-%s-%s-%s" % (a, ex, ln), "%s %s %s" % (a, ex, ln),
             "+1 (%s) %s-%s" % (a, ex, ln), "1-%s-%s-%s" % (a, ex, ln)]
    return r.choice(forms)


def g_intl(c):
    r = c.r
    k = r.randrange(9)
    if k == 0:
        return "+44 7%s %s" % (digits(r, 3), digits(r, 6))
    if k == 1:
        return "07%s %s" % (digits(r, 3), digits(r, 6))
    if k == 2:
        return "+44 20 %s %s" % (str(r.randint(3, 8)) + digits(r, 3), digits(r, 4))
    if k == 3:
        return "+49 15%d %s" % (r.choice([1, 2, 7, 9]), digits(r, 8))
    if k == 4:
        return "+49 30 %s" % (str(r.randint(2, 9)) + digits(r, 7))
    if k == 5:
        d = str(r.randint(6, 7)) + digits(r, 8)
        return "+33 %s %s %s %s %s" % (d[0], d[1:3], d[3:5], d[5:7], d[7:])
    if k == 6:
        return "+34 6%s %s %s" % (digits(r, 2), digits(r, 3), digits(r, 3))
    if k == 7:
        return "+41 7%d %s %s %s" % (r.choice([6, 7, 8, 9]), digits(r, 3), digits(r, 2), digits(r, 2))
    return "+49 (0)89 %s" % (str(r.randint(2, 9)) + digits(r, 6))


def g_phone_any(c):
    k = c.r.random()
    if k < 0.45:
        return g_it_mobile(c)
    if k < 0.65:
        return g_it_land(c)
    if k < 0.85:
        return g_us(c)
    return g_intl(c)


CARD_BRANDS = [("visa", lambda r: "4", 16), ("mc", lambda r: str(r.randint(51, 55)), 16),
               ("mc2", lambda r: str(r.randint(2221, 2720)), 16), ("amex", lambda r: r.choice(["34", "37"]), 15),
               ("disc", lambda r: r.choice(["6011", "65", "644", "645", "649"]), 16),
               ("jcb", lambda r: str(r.randint(3528, 3589)), 16), ("diners", lambda r: "36", 14)]
CARD_W = [34, 22, 8, 12, 8, 4, 2]


def card_digits(r, brand=None):
    if brand is None:
        brand = r.choices(CARD_BRANDS, CARD_W)[0]
    pfx = brand[1](r)
    body = pfx + digits(r, brand[2] - len(pfx) - 1)
    return luhn_complete(body), brand[0]


def group_card(r, d, brand, sep=None):
    if sep is None:
        sep = r.choice([" ", " ", " ", "-", "", " ", "-"])
    if len(d) == 15:
        parts = [d[:4], d[4:10], d[10:]]
    elif len(d) == 14:
        parts = [d[:4], d[4:10], d[10:]]
    else:
        parts = [d[i:i + 4] for i in range(0, 16, 4)]
    return sep.join(parts)


def g_card(c):
    r = c.r
    d, brand = card_digits(r)
    k = r.random()
    if k < 0.8:
        return group_card(r, d, brand)
    if len(d) != 16:
        return group_card(r, d, brand, " ")
    parts = [d[i:i + 4] for i in range(0, 16, 4)]
    k = r.randrange(4)
    if k == 0:   # mixed separators, typed in a hurry
        return parts[0] + "-" + parts[1] + " " + parts[2] + "-" + parts[3]
    if k == 1:   # double space somewhere
        return parts[0] + "  " + parts[1] + " " + parts[2] + " " + parts[3]
    if k == 2:   # dots
        return ".".join(parts)
    return parts[0] + " " + parts[1] + "   " + parts[2] + " " + parts[3]


def g_card_88(c):
    d, _ = card_digits(c.r, CARD_BRANDS[0])
    c.judgement = True
    return d[:8] + " " + d[8:]


IBAN_LAYOUT = {  # country: list of (kind, length); n digits, a capitals, c alphanumeric
    "IT": [("a", 1), ("n", 5), ("n", 5), ("n", 12)], "SM": [("a", 1), ("n", 5), ("n", 5), ("n", 12)],
    "DE": [("n", 8), ("n", 10)], "FR": [("n", 5), ("n", 5), ("n", 11), ("n", 2)],
    "ES": [("n", 4), ("n", 4), ("n", 2), ("n", 10)], "NL": [("a", 4), ("n", 10)],
    "GB": [("a", 4), ("n", 6), ("n", 8)], "CH": [("n", 5), ("n", 12)], "BE": [("n", 3), ("n", 7), ("n", 2)],
    "AT": [("n", 5), ("n", 11)], "PT": [("n", 4), ("n", 4), ("n", 11), ("n", 2)],
    "IE": [("a", 4), ("n", 6), ("n", 8)], "LU": [("n", 3), ("c", 13)], "PL": [("n", 8), ("n", 16)],
    "GR": [("n", 3), ("n", 4), ("n", 16)], "FI": [("n", 3), ("n", 11)],
}
IBAN_LEN = {"IT": 27, "SM": 27, "DE": 22, "FR": 27, "ES": 24, "NL": 18, "GB": 22, "CH": 21, "BE": 16,
            "AT": 20, "PT": 25, "IE": 22, "LU": 20, "PL": 28, "GR": 27, "FI": 18}
NL_BANKS = ["ABNA", "INGB", "RABO", "SNSB", "TRIO", "BUNQ", "KNAB"]
GB_BANKS = ["BARC", "HBUK", "LOYD", "NWBK", "MIDL", "RBOS"]
IE_BANKS = ["AIBK", "BOFI", "IPBS"]
IT_ABI = ["03069", "02008", "05034", "03062", "05696", "01030", "03111", "05387", "08327", "03015", "05584", "06230", "03268"]


def iban_bban(r, cc):
    fields = []
    for kind, n in IBAN_LAYOUT[cc]:
        if kind == "n":
            fields.append(digits(r, n))
        elif kind == "a":
            fields.append("".join(r.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ") for _ in range(n)))
        else:
            fields.append("".join(r.choice("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ") for _ in range(n)))
    if cc in ("IT", "SM"):
        fields[1] = r.choice(IT_ABI) if cc == "IT" else "0" + digits(r, 4)
        fields[2] = "%05d" % r.randint(1000, 99999)
        fields[0] = it_cin(fields[1] + fields[2] + fields[3])
    elif cc == "NL":
        fields[0] = r.choice(NL_BANKS)
    elif cc == "GB":
        fields[0] = r.choice(GB_BANKS)
    elif cc == "IE":
        fields[0] = r.choice(IE_BANKS)
    elif cc == "ES":
        w = [1, 2, 4, 8, 5, 10, 9, 7, 3, 6]

        def dc(s):
            d = 11 - sum(int(a) * b for a, b in zip(s, w)) % 11
            return 0 if d == 11 else (1 if d == 10 else d)
        fields[2] = "%d%d" % (dc("00" + fields[0] + fields[1]), dc(fields[3]))
    elif cc == "FR":
        key = 97 - ((89 * int(fields[0]) + 15 * int(fields[1]) + 3 * int(fields[2])) % 97)
        fields[3] = "%02d" % key
    elif cc == "BE":
        m = int(fields[0] + fields[1]) % 97
        fields[2] = "%02d" % (m or 97)
    elif cc == "PT":
        fields[3] = "%02d" % (98 - (int(fields[0] + fields[1] + fields[2]) * 100) % 97)
    return "".join(fields)


def make_iban(r, cc):
    bban = iban_bban(r, cc)
    v = cc + iban_check(cc, bban) + bban
    assert len(v) == IBAN_LEN[cc] and iban_ok(v)
    return v


def group4(s):
    return " ".join(s[i:i + 4] for i in range(0, len(s), 4))


def fmt_iban(r, v, allow_lower=True):
    k = r.random()
    if v[:2] in ("IT", "SM") and k < 0.15:  # grouped the way Italian statements print it
        return "%s %s %s %s %s" % (v[:4], v[4], v[5:10], v[10:15], v[15:])
    if k < 0.55:
        return v
    return group4(v)


def g_iban_it(c):
    r = c.r
    return fmt_iban(r, make_iban(r, r.choice(["IT"] * 9 + ["SM"])))


def g_iban_any(c):
    r = c.r
    cc = r.choice(["IT", "IT", "IT", "DE", "FR", "ES", "NL", "GB", "CH", "BE", "AT", "PT", "IE", "LU", "PL", "GR", "FI"])
    return fmt_iban(r, make_iban(r, cc))


def g_iban_lower(c):
    r = c.r
    v = fmt_iban(r, make_iban(r, r.choice(["IT", "IT", "IT", "DE", "FR", "ES"])))
    return v.lower()


MONTHS = "ABCDEHLMPRST"
OMO = "LMNPQRSTUV"


def consonants(s):
    return [ch for ch in s if ch not in "AEIOU"]


def vowels(s):
    return [ch for ch in s if ch in "AEIOU"]


def cf_part_surname(s):
    s = re.sub(r"[^A-Z]", "", s.upper())
    return "".join((consonants(s) + vowels(s) + ["X"] * 3)[:3])


def cf_part_name(s):
    s = re.sub(r"[^A-Z]", "", s.upper())
    co = consonants(s)
    if len(co) >= 4:
        return co[0] + co[2] + co[3]
    return "".join((co + vowels(s) + ["X"] * 3)[:3])


def make_cf(r, p, omocodia=None):
    day = p.day + (40 if p.female else 0)
    s = (cf_part_surname(p.last) + cf_part_name(p.first) + "%02d" % (p.year % 100) + MONTHS[p.month - 1] +
         "%02d" % day + p.place[0])
    if omocodia is None:
        omocodia = r.random() < 0.12
    if omocodia:
        s = list(s)
        for pos in [14, 13, 12, 10, 9, 7, 6][:r.choice([1, 1, 1, 2, 2, 3])]:
            s[pos] = OMO[int(s[pos])]
        s = "".join(s)
    return s + cf_check(s)


def g_cf(c):
    return make_cf(c.r, c.p)


def g_cf_lower(c):
    return make_cf(c.r, c.p).lower()


def g_cf_any(c):
    v = make_cf(c.r, c.p)
    return v.lower() if c.r.random() < 0.3 else v


def g_cf_spaced(c):
    v = make_cf(c.r, c.p)
    c.judgement = True
    return "%s %s %s %s" % (v[:3], v[3:6], v[6:11], v[11:])


def make_piva(r):
    body = digits(r, 7)
    while body == "0000000":
        body = digits(r, 7)
    office = "%03d" % r.choice(list(range(1, 101)) + [120, 121])
    return body + office + piva_check(body + office)


def g_piva(c):
    return make_piva(c.r)


def g_piva_cfnum(c):
    c.judgement = True
    return make_piva(c.r)


def make_ssn(r):
    area = r.randint(1, 899)
    while area == 666:
        area = r.randint(1, 899)
    return "%03d" % area, "%02d" % r.randint(1, 99), "%04d" % r.randint(1, 9999)


def g_ssn(c):
    a, g, s = make_ssn(c.r)
    return "%s-%s-%s" % (a, g, s)


def g_ssn_loose(c):
    a, g, s = make_ssn(c.r)
    return c.r.choice(["%s %s %s", "%s%s%s", "%s-%s-%s", "%s.%s.%s"]) % (a, g, s)


def g_ip(c):
    r = c.r
    return g_ip_priv(c) if r.random() < 0.5 else g_ip_pub(c)


def g_ip_priv(c):
    r = c.r
    k = r.randrange(3)
    if k == 0:
        return "10.%d.%d.%d" % (r.randint(0, 255), r.randint(0, 255), r.randint(1, 254))
    if k == 1:
        return "192.168.%d.%d" % (r.randint(0, 50), r.randint(2, 254))
    return "172.%d.%d.%d" % (r.randint(16, 31), r.randint(0, 255), r.randint(1, 254))


def g_ip_pub(c):
    r = c.r
    while True:
        a = r.choice([2, 5, 31, 37, 46, 62, 78, 79, 80, 82, 87, 93, 95, 109, 151, 176, 185, 188, 193, 212, 213, 217])
        return "%d.%d.%d.%d" % (a, r.randint(0, 255), r.randint(0, 255), r.randint(1, 254))


def g_ip6(c):
    r = c.r
    k = r.randrange(3)
    h = lambda: "%x" % r.randint(1, 0xffff)
    if k == 0:
        return "2a0%d:%s:%s:%s::%s" % (r.randint(1, 9), h(), h(), h(), h())
    if k == 1:
        return "fd%02x:%s:%s::%s" % (r.randint(0, 255), h(), h(), h())
    return "2001:%s:%s:%s:%s:%s:%s:%s" % tuple(h() for _ in range(7))


ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
B32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"


def rs(r, n, alphabet=ALNUM):
    return "".join(r.choice(alphabet) for _ in range(n))


def g_akid(c):
    r = c.r
    return r.choice(["AKIA", "AKIA", "AKIA", "ASIA"]) + rs(r, 16, B32)


def g_aws_secret(c):
    r = c.r
    while True:
        v = rs(r, 40, ALNUM + "/+")
        if any(ch in v for ch in "/+") and any(ch.isdigit() for ch in v):
            return v


def g_ghp(c):
    r = c.r
    pfx = r.choice(["ghp_", "ghp_", "ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_"])
    if pfx == "github_pat_":
        return pfx + rs(r, 22) + "_" + rs(r, 59, ALNUM + "_")
    body = rs(r, 30)
    return pfx + body + b62(zlib.crc32(body.encode()))


def g_glpat(c):
    return "glpat-" + rs(c.r, 20, ALNUM + "-_")


def g_xox(c):
    r = c.r
    k = r.randrange(3)
    if k == 0:
        return "xoxb-%s-%s-%s" % (digits(r, r.choice([11, 12, 13])), digits(r, 13), rs(r, 24))
    if k == 1:
        return "xoxp-%s-%s-%s-%s" % (digits(r, 12), digits(r, 12), digits(r, 13), rs(r, 32, "0123456789abcdef"))
    return "xoxb-%s-%s-%s" % (digits(r, 12), digits(r, 12), rs(r, 24))


def g_webhook(c):
    r = c.r
    up = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
    return "https://hooks.slack.com/services/T%s/B%s/%s" % (rs(r, 8, up), rs(r, r.choice([8, 10]), up), rs(r, 24))


def g_stripe(c):
    r = c.r
    pfx = r.choice(["sk_live_", "sk_live_", "rk_live_"])
    if r.random() < 0.5:
        return pfx + "51" + rs(r, 97)
    return pfx + rs(r, r.choice([24, 34]))


def g_stripe_test(c):
    c.judgement = True
    return "sk_test_" + "51" + rs(c.r, 97)


def g_openai(c):
    r = c.r
    k = r.randrange(4)
    cs = ALNUM + "-_"
    if k == 0:
        return "sk-" + rs(r, 20) + "T3BlbkFJ" + rs(r, 20)
    if k == 1:
        return "sk-svcacct-" + rs(r, 74, cs) + "T3BlbkFJ" + rs(r, 74, cs)
    return "sk-proj-" + rs(r, 74, cs) + "T3BlbkFJ" + rs(r, 74, cs)


def g_anthropic(c):
    r = c.r
    return "sk-ant-api03-" + rs(r, 93, ALNUM + "-_") + "AA"


def g_google(c):
    return "AIza" + rs(c.r, 35, ALNUM + "-_")


def pem_body(r, nbytes):
    b = base64.b64encode(bytes(r.getrandbits(8) for _ in range(nbytes))).decode()
    return "\n".join(b[i:i + 64] for i in range(0, len(b), 64))


def g_pem(c):
    r = c.r
    kind = r.choice(["RSA PRIVATE KEY", "PRIVATE KEY", "OPENSSH PRIVATE KEY", "EC PRIVATE KEY", "ENCRYPTED PRIVATE KEY", "RSA PRIVATE KEY"])
    n = {"EC PRIVATE KEY": 121, "OPENSSH PRIVATE KEY": r.choice([399, 411, 1000]),
         "ENCRYPTED PRIVATE KEY": r.choice([300, 700])}.get(kind, r.choice([300, 600, 900]))
    body = pem_body(r, n)
    if kind == "RSA PRIVATE KEY" and r.random() < 0.3:
        body = "Proc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,%s\n\n%s" % (rs(r, 32, "0123456789ABCDEF"), body)
    return "-----BEGIN %s-----\n%s\n-----END %s-----" % (kind, body, kind)


def g_pem_flat(c):
    """a key pasted through a chat client that turned the line breaks into spaces"""
    r = c.r
    kind = r.choice(["RSA PRIVATE KEY", "OPENSSH PRIVATE KEY", "PRIVATE KEY"])
    body = pem_body(r, r.choice([300, 400])).replace("\n", " ")
    return "-----BEGIN %s----- %s -----END %s-----" % (kind, body, kind)


def g_jwt(c):
    r = c.r
    alg = r.choice(["HS256", "HS256", "RS256", "ES256", "HS512"])
    hdr = r.choice([{"alg": alg, "typ": "JWT"}, {"typ": "JWT", "alg": alg}, {"alg": alg, "kid": rs(r, 8).lower(), "typ": "JWT"}])
    sep = r.choice([(",", ":"), (", ", ": ")])
    pl = {"sub": str(r.randint(10000, 99999999)), "role": r.choice(["user", "admin", "operator", "viewer"]),
          "iat": r.randint(1640000000, 1760000000)}
    pl["exp"] = pl["iat"] + r.choice([900, 3600, 86400])
    if r.random() < 0.5:
        pl["tenant"] = r.choice(["acme", "northwind", "bianchi", "ops"])
    siglen = {"HS256": 32, "HS512": 64, "RS256": 256, "ES256": 64}[alg]
    return ".".join([b64u(json.dumps(hdr, separators=sep).encode()), b64u(json.dumps(pl, separators=sep).encode()),
                     b64u(bytes(r.getrandbits(8) for _ in range(siglen)))])


PW_WORDS = ["Estate", "Inverno", "Milano", "Roma", "Juve", "Inter", "Gatto", "Fragola", "Ciao", "Sole",
            "Mare", "Casa", "Ufficio", "Tigre", "Luna", "Summer", "Winter", "Dragon", "Monkey", "Falcon",
            "Primavera", "Bologna", "Napoli", "Pizza", "Chiara", "Marco", "Birra", "Ferrari", "Vespa"]


def g_pw(c):
    r = c.r
    k = r.randrange(9)
    w = r.choice(PW_WORDS)
    if k == 0:
        return "%s%d!" % (w, r.randint(2015, 2026))
    if k == 1:
        return "%s#%02d" % (w, r.randint(0, 99))
    if k == 2:
        return "%s_%s%d" % (w, r.choice(PW_WORDS), r.randint(1, 99))
    if k == 3:
        return rs(r, r.randint(10, 16), ALNUM + "!@#$%&*?")
    if k == 4:
        return "%s.%d" % (w.lower(), r.randint(1970, 2024))
    if k == 5:
        leet = w.replace("a", "4").replace("e", "3").replace("o", "0").replace("i", "1")
        return "%s%s%d" % (leet, r.choice("!$&*"), r.randint(1, 999))
    if k == 6:
        return "%s%s%d%s" % (w, r.choice(PW_WORDS).lower(), r.randint(1, 99), r.choice(["", "!", "?", "$"]))
    if k == 7:
        return "%s-%s-%d" % (w.lower(), r.choice(PW_WORDS).lower(), r.randint(10, 99))
    return "%s%s" % (rs(r, 4, "ABCDEFGHJKLMNPQRSTUVWXYZ"), rs(r, 6, "abcdefghijkmnopqrstuvwxyz23456789!#"))


def g_pw_wifi(c):
    r = c.r
    k = r.randrange(4)
    if k == 0:
        return "%s%s%d" % (r.choice(["Famiglia", "Casa", "Wifi", "Ufficio"]), c.p.last.replace(" ", "").replace("'", ""), r.randint(2015, 2025))
    if k == 1:
        return "%s-%s-%d!" % (r.choice(["Ospiti", "Guest", "Sala", "Magazzino"]), r.choice(PW_WORDS), r.randint(10, 99))
    if k == 2:
        return rs(r, 12, "abcdefghjkmnpqrstuvwxyz23456789")
    return g_pw(c)


def g_pw_default(c):
    c.judgement = True
    return c.r.choice(["admin", "password", "changeme", "1234", "root"])


def g_cred_url(c):
    r = c.r
    user = r.choice(["app", "svc_ordini", "erp_ro", "root", "admin", "reporting", "mario.rossi", "backup", "jenkins", "gestionale"])
    pw = r.choice([g_pw(c), rs(r, r.randint(12, 20))])
    pw = pw.replace("@", "%40").replace("#", "%23").replace("?", "%3F").replace("/", "%2F").replace(":", "%3A")
    host = r.choice(["db01.interno.lan", "pg-prod.%s" % r.choice(COMPANIES)[1], "mysql.gestionale.local",
                     "cluster0.x7k2p.mongodb.net", "rabbit.svc.cluster.local", "ftp.%s" % r.choice(COMPANIES)[1],
                     "redis-cache.internal", "nas-ufficio.local", "sqlsrv02.corp.lan"])
    k = r.randrange(9)
    if k == 0:
        return "postgres://%s:%s@%s:5432/%s" % (user, pw, host, r.choice(["erp", "ordini", "app", "crm"]))
    if k == 1:
        return "postgresql://%s:%s@%s/%s?sslmode=require" % (user, pw, host, r.choice(["erp", "magazzino"]))
    if k == 2:
        return "mysql://%s:%s@%s:3306/%s" % (user, pw, host, r.choice(["gestionale", "shop", "wp"]))
    if k == 3:
        return "mongodb+srv://%s:%s@%s/%s?retryWrites=true&w=majority" % (user, pw, host, r.choice(["prod", "ordini"]))
    if k == 4:
        return "redis://:%s@%s:6379/0" % (pw, host)
    if k == 5:
        return "amqp://%s:%s@%s:5672/%s" % (user, pw, host, r.choice(["vhost", "%2F"]))
    if k == 6:
        return "ftp://%s:%s@%s/upload" % (user, pw, host)
    if k == 7:
        return "https://%s:%s@%s:8443/api" % (user, pw, host)
    return "smb://%s:%s@%s/condivisa" % (user, pw, host)


MARKERS_UP = ["RISERVATO", "STRETTAMENTE RISERVATO", "CONFIDENZIALE", "USO INTERNO", "SOLO USO INTERNO",
              "CONFIDENTIAL", "STRICTLY CONFIDENTIAL", "INTERNAL USE ONLY", "INTERNAL ONLY",
              "COMPANY CONFIDENTIAL", "TLP:RED", "TLP:AMBER", "TLP:AMBER+STRICT",
              "DOCUMENTO RISERVATO", "RESTRICTED"]


def g_marker(c):
    return c.r.choice(MARKERS_UP)


def g_marker_title(c):
    return c.r.choice(["Confidential", "Strictly Confidential", "Riservato", "Internal Use Only", "Confidenziale",
                       "Strettamente riservato"])


def g_marker_lower_hdr(c):
    c.judgement = True
    return c.r.choice(["uso interno", "riservato", "confidential", "internal only"])


# ---------------------------------------------------------------------------------------------
# filler generators (never findings)

def g_first(c):
    return c.person().first


def g_itfirst(c):
    return c.p.first


def g_itlast(c):
    return c.p.last


def g_enfirst(c):
    return c.e.first


def g_enlast(c):
    return c.e.last


def g_fullname(c):
    p = c.person()
    return "%s %s" % (p.first, p.last)


def g_company(c):
    return c.r.choice(COMPANIES)[0]


def g_city(c):
    return c.r.choice(CITIES)


def g_birth(c):
    return "%02d/%02d/%d" % (c.p.day, c.p.month, c.p.year)


def g_birthplace(c):
    return c.p.place[1]


def g_exp(c):
    r = c.r
    return r.choice(["%02d/%02d", "%02d/%02d", "%02d-%02d", "%02d/20%02d"]) % (r.randint(1, 12), r.randint(26, 31))


def g_cvv(c):
    return digits(c.r, 3)


def g_amount(c):
    r = c.r
    v = r.randint(12, 25000)
    k = r.randrange(5)
    if k == 0:
        return "€ %s,%02d" % ("{:,}".format(v).replace(",", "."), r.randint(0, 99))
    if k == 1:
        return "%s,%02d €" % ("{:,}".format(v).replace(",", "."), r.randint(0, 99))
    if k == 2:
        return "%d euro" % v
    if k == 3:
        return "$%s.%02d" % ("{:,}".format(v), r.randint(0, 99))
    return "EUR %d,%02d" % (v, r.randint(0, 99))


def g_day(c):
    return c.r.choice(["lunedì", "martedì", "mercoledì", "giovedì", "venerdì", "domani", "oggi pomeriggio"])


def g_enday(c):
    return c.r.choice(["monday", "tuesday", "wed", "thursday", "friday", "tomorrow", "eod"])


def g_date(c):
    r = c.r
    d, m, y = r.randint(1, 28), r.randint(1, 12), r.randint(2019, 2026)
    return r.choice(["%02d/%02d/%d" % (d, m, y), "%d-%02d-%02d" % (y, m, d), "%d/%d/%d" % (d, m, y % 100),
                     "%02d.%02d.%d" % (d, m, y)])


def g_time(c):
    return "%02d:%02d" % (c.r.randint(7, 19), c.r.choice([0, 15, 30, 45]))


def g_invoice(c):
    r = c.r
    return r.choice(["%d/%04d" % (r.randint(2022, 2025), r.randint(1, 2500)), "FT-%d-%05d" % (r.randint(2023, 2025), r.randint(1, 99999)),
                     "n. %d" % r.randint(10, 999), "%d/E" % r.randint(1, 400)])


def g_order(c):
    r = c.r
    return r.choice(["ORD-%d-%05d" % (r.randint(2023, 2025), r.randint(1, 99999)), "#%d" % r.randint(100000, 999999),
                     "A%07d" % r.randint(0, 9999999), "SO-%06d" % r.randint(0, 999999), "4500%06d" % r.randint(0, 999999)])


def g_uuid(c):
    r = c.r
    h = "%032x" % r.getrandbits(128)
    h = h[:12] + "4" + h[13:16] + r.choice("89ab") + h[17:]
    return "%s-%s-%s-%s-%s" % (h[:8], h[8:12], h[12:16], h[16:20], h[20:])


def g_sha1(c):
    return "%040x" % c.r.getrandbits(160)


def g_sha256(c):
    return "%064x" % c.r.getrandbits(256)


def g_md5(c):
    return "%032x" % c.r.getrandbits(128)


def g_short_sha(c):
    return "%07x" % c.r.getrandbits(28)


def g_version(c):
    return _version(c.r)


def _version(r):
    k = r.randrange(4)
    a, b, d = r.randint(0, 19), r.randint(0, 40), r.randint(0, 30)
    if k == 0:
        return "v%d.%d.%d" % (a, b, d)
    if k == 1:
        return "%d.%d.%d" % (a, b, d)
    if k == 2:
        return "%d.%d" % (a, b)
    return "v%d.%d.%d-rc.%d" % (a, b, d, r.randint(1, 4))


def g_ticket(c):
    r = c.r
    return r.choice(["INC%07d" % r.randint(0, 9999999), "JIRA-%d" % r.randint(100, 9999), "OPS-%d" % r.randint(10, 9999),
                     "#%d" % r.randint(1000, 99999), "RITM%07d" % r.randint(0, 9999999)])


def g_cap(c):
    r = c.r
    return r.choice(["20121 Milano", "00184 Roma", "10128 Torino", "40126 Bologna", "50123 Firenze", "80133 Napoli",
                     "35131 Padova", "37122 Verona", "73100 Lecce", "24121 Bergamo", "09124 Cagliari", "38122 Trento"])


def g_zip(c):
    r = c.r
    return r.choice(["941%02d" % r.randint(2, 34), "941%02d-%04d" % (r.randint(2, 34), r.randint(1, 9999))])


def g_street(c):
    r = c.r
    return "%s %s %d" % (r.choice(["via", "viale", "corso", "piazza"]), r.choice(["Roma", "Garibaldi", "Mazzini", "Dante", "Verdi", "Matteotti", "XX Settembre", "Cavour"]), r.randint(1, 180))


def g_org(c):
    return c.r.choice(["acme", "bianchi-srl", "northwind", "ops-team", "gestionale", "contoso-it"])


def g_repo(c):
    return c.r.choice(["backend", "infra", "sito-web", "app-ordini", "etl", "terraform-live", "mobile"])


def g_bucket(c):
    return c.r.choice(["acme-backup-prod", "fatture-pdf", "staging-assets", "logs-archive-eu", "ml-datasets"])


def g_host(c):
    return c.r.choice(["db01.interno.lan", "srv-gest02", "nas-ufficio", "vpn.%s" % c.r.choice(COMPANIES)[1], "jenkins.corp.lan"])


def g_bic(c):
    r = c.r
    return r.choice(["BCITITMM", "UNCRITMM", "BPMOIT22", "CRPPIT2P", "BAPPIT21", "DEUTDEFF", "BNPAFRPP", "INGBNL2A"])


def g_num(c):
    return str(c.r.randint(2, 40))


def g_pct(c):
    return "%d%%" % c.r.randint(3, 30)


def g_user(c):
    r = c.r
    p = c.person()
    return r.choice(["admin", "administrator", "root", "%s.%s" % (ascii_name(p.first), ascii_name(p.last)),
                     "%s%s" % (ascii_name(p.first)[0], ascii_name(p.last)), "operatore1", "magazzino", "svc_backup", "sa"])


# ---------------------------------------------------------------------------------------------
# hard-negative generators

def g_card_bad(c):
    r = c.r
    d, brand = card_digits(r)
    last = int(d[-1])
    d = d[:-1] + str((last + r.randint(1, 9)) % 10)
    assert not luhn_ok(d)
    return group_card(r, d, brand)


def g_iban_bad(c):
    r = c.r
    cc = r.choice(["IT", "IT", "DE", "FR", "ES", "NL", "GB"])
    v = make_iban(r, cc)
    chk = int(v[2:4])
    while True:
        n = "%02d" % ((chk + r.randint(1, 96)) % 97 + 2)
        if n != v[2:4]:
            break
    v = v[:2] + n + v[4:]
    if iban_ok(v):
        v = v[:-1] + str((int(v[-1]) + 1) % 10)
    assert not iban_ok(v)
    return fmt_iban(r, v)


def g_cf_bad(c):
    v = make_cf(c.r, c.p, omocodia=False)
    bad = chr(ord("A") + (ord(v[-1]) - ord("A") + c.r.randint(1, 25)) % 26)
    return v[:-1] + bad


def g_piva_bad(c):
    v = make_piva(c.r)
    return v[:-1] + str((int(v[-1]) + c.r.randint(1, 9)) % 10)


def g_ssn_bad(c):
    r = c.r
    k = r.randrange(3)
    if k == 0:
        return "000-%02d-%04d" % (r.randint(1, 99), r.randint(1, 9999))
    if k == 1:
        return "666-%02d-%04d" % (r.randint(1, 99), r.randint(1, 9999))
    return "%03d-00-%04d" % (r.randint(1, 665), r.randint(1, 9999))


def g_imei(c):
    r = c.r
    body = r.choice(["35", "86", "01", "35", "99"]) + digits(r, 12)
    v = luhn_complete(body)
    return r.choice([v, "%s-%s-%s-%s" % (v[:2], v[2:8], v[8:14], v[14]), "%s %s %s %s" % (v[:2], v[2:8], v[8:14], v[14])])


def s10(r, prefix):
    d = digits(r, 8)
    w = [8, 6, 4, 2, 3, 5, 9, 7]
    s = sum(int(a) * b for a, b in zip(d, w))
    ck = 11 - s % 11
    ck = 5 if ck == 11 else (0 if ck == 10 else ck)
    return "%s%s%d%s" % (prefix, d, ck, r.choice(["IT", "DE", "GB", "US", "CN"]))


def g_tracking(c):
    r = c.r
    k = r.randrange(5)
    if k == 0:
        return "1Z" + rs(r, 6, "0123456789ABCDEFGHJKLMNPRSTUVWXYZ") + "%02d" % r.randint(1, 99) + digits(r, 8)
    if k == 1:
        return s10(r, r.choice(["RR", "RA", "CP", "LX"]))
    if k == 2:
        return "JJD%s" % digits(r, 18)
    if k == 3:
        while True:
            v = digits(r, 12)
            if not luhn_ok(v):
                return v
    return "%s%s" % (r.choice(["GLS", "SDA"]), digits(r, 9))


def g_pod(c):
    return "IT001E%08d" % c.r.randint(0, 99999999)


def g_pdr(c):
    r = c.r
    while True:
        v = digits(r, 14)
        if not luhn_ok(v):
            return v


def g_ipversion(c):
    c.judgement = True
    r = c.r
    return "%d.%d.%d.%d" % (r.randint(1, 9), r.randint(0, 20), r.randint(0, 9), r.randint(0, 200))


def g_num_nolucky(c, n):
    r = c.r
    while True:
        v = str(r.randint(1, 9)) + digits(r, n - 1)
        if not luhn_ok(v):
            return v


def g_codcliente(c):
    return g_num_nolucky(c, c.r.choice([8, 10]))


def g_protocol(c):
    r = c.r
    return "%07d/%d" % (r.randint(1, 999999), r.randint(2022, 2025))


def g_rea(c):
    r = c.r
    return "%s-%d" % (r.choice(["MI", "RM", "TO", "BO", "NA", "VR"]), r.randint(100000, 2699999))


def g_placeholder_key(c):
    return c.r.choice(["AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "sk-...", "sk-xxxxxxxxxxxxxxxxxxxx",
                       "YOUR_API_KEY", "<YOUR_TOKEN>", "ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", "xoxb-your-bot-token",
                       "glpat-XXXXXXXXXXXXXXXXXXXX", "sk_live_xxxxxxxxxxxxxxxxxxxxxxxx", "AIzaSy...", "sk-ant-...",
                       "${OPENAI_API_KEY}", "$GITHUB_TOKEN", "<incolla-qui-la-chiave>", "INSERISCI_LA_TUA_CHIAVE",
                       "sk-proj-XXXXXXXXXXXXXXXXXXXXXXXX", "xxxx-xxxx-xxxx"])


def g_placeholder_pw(c):
    return c.r.choice(["********", "<password>", "xxxx", "${DB_PASSWORD}", "<la tua password>", "******", "CHANGE_ME_IN_ENV",
                       "$PASSWORD", "%DB_PASS%", "<redacted>", "[OMESSA]", "•••••••••"])


def g_marker_neg(c):
    return c.r.choice(["Tutti i diritti riservati", "area riservata", "posto riservato", "confidential computing",
                       "Internal Server Error", "riservatezza", "informativa sulla privacy"])


GENS = {k[2:]: v for k, v in globals().items() if k.startswith("g_") and callable(v)}

# ---------------------------------------------------------------------------------------------
# templates: {{TYPE:gen}} is a finding, {{gen}} filler. Each entry: (lang, text).
# Grouped by the finding type that drives the choice; many carry a second finding.

POS = {}

POS["EMAIL"] = [
    ("en", "email {{EMAIL:email}} and tell them the demo moved to {{enday}}"),
    ("en", "pls draft a quick reply to {{EMAIL:email_any}}, they want invoice {{invoice}} resent"),
    ("en", "reach me on {{EMAIL:email_plus}} if the build breaks again over the weekend - rewrite this for the team channel"),
    ("en", "whats wrong with this link <a href=\"mailto:{{EMAIL:email}}\">write to us</a> it opens nothing"),
    ("en", "cc {{EMAIL:email_any}} and {{EMAIL:email_any}} on the follow up, keep it short"),
    ("en", "my work email is {{EMAIL:email_upper}} but i only check {{EMAIL:email_plus}}. make that sound professional"),
    ("en", "rewrite more politely: {{first}} send the numbers to {{EMAIL:email}} by {{enday}} or we miss the deadline"),
    ("en", "bounce from {{EMAIL:email_sub}} says mailbox full. what do i tell the client?"),
    ("en", "add {{EMAIL:email_sub}} to the release announcement and write it, 3 lines max"),
    ("en", "From: {{EMAIL:email_any}}\nSubject: re: access\n\ni still cant log in\n\nsummarize + suggest reply"),
    ("en", "shorten this: Hi all, from today please send any purchase request to {{EMAIL:email_sub}} instead of me."),
    ("en", "is {{EMAIL:email_upper}} a valid address? outlook keeps underlining it"),
    ("en", "write an out-of-office: back on {{enday}}, urgent stuff to {{EMAIL:email}}"),
    ("en", "sort these by domain pls\n{{EMAIL:email}}\n{{EMAIL:email_plus}}"),
    ("en", "excel formula to pull the domain out of {{EMAIL:email_sub}} ?"),
    ("it", "scrivi a {{EMAIL:email}} che la consegna slitta a {{day}}"),
    ("it", "rispondi a {{EMAIL:email_any}}, chiede lo sconto del {{pct}} - digli di no ma gentile"),
    ("it", "la mia mail è {{EMAIL:email_upper}}, mettila nella firma sotto al nome"),
    ("it", "manda la diffida via pec a {{EMAIL:pec}}: scrivimi tu il testo, tono fermo"),
    ("it", "mi fai una mail formale per {{EMAIL:pec}}? oggetto sollecito pagamento fattura {{invoice}}"),
    ("it", "pec del fornitore: {{EMAIL:pec}}; prepara la comunicazione di recesso dal contratto"),
    ("it", "inoltra a {{EMAIL:email_upper}} il riepilogo della riunione, in breve"),
    ("it", "l'utente {{EMAIL:email_sub}} non riceve le notifiche del gestionale, cosa controllo?"),
    ("it", "correggi gli errori: «per qualsiasi info scrivete all'indirizzo {{EMAIL:email}} oppure passate in ufficio»"),
    ("it", "fammi un avviso per la bacheca: le richieste ferie vanno mandate a {{EMAIL:email_sub}} entro {{day}}"),
    ("it", "ho ricevuto questa mail da {{EMAIL:email_plus}} è phishing secondo te? dice di aggiornare i dati bancari"),
    ("it", "l'indirizzo PEC dell'azienda è {{EMAIL:pec}} ed è quello da mettere in fattura elettronica?"),
    ("it", "comunica al cliente che il nuovo referente è {{fullname}} ({{EMAIL:email}})"),
    ("it", "scrivi due righe a {{EMAIL:email}} e metti in cc la pec {{EMAIL:pec}}"),
    ("it", "traduci in inglese e poi la mando a {{EMAIL:email}}: «Gentile {{first}}, le confermo l'appuntamento di {{day}}»"),
    ("it", "fammi la reply in english per {{EMAIL:email_any}}, ha chiesto il preventivo aggiornato"),
    ("en", "rispondi in inglese a {{EMAIL:email_any}}: she says the parcel never arrived, offer a refund"),
    ("en", "write it in italian pls: please contact {{EMAIL:email}} for the keys"),
]
POS["PHONE"] = [
    ("it", "chiamami al {{PHONE:it_mobile}} quando hai finito"),
    ("it", "mandami su whatsapp al {{PHONE:it_mobile}} le foto del danno, riscrivilo in modo formale"),
    ("it", "il cliente ha lasciato il numero {{PHONE:phone_any}}, scrivigli un sms di conferma per {{day}} alle {{time}}"),
    ("it", "riscrivi meglio: per info contattare {{first}} al {{PHONE:it_mobile}} oppure in ufficio allo {{PHONE:it_land}}"),
    ("it", "il numero del tecnico è il {{PHONE:it_mobile}}, digli che passo {{day}}"),
    ("it", "correggi la firma: {{fullname}} | Ufficio acquisti | cell. {{PHONE:it_mobile}}"),
    ("it", "metti in tabella: centralino {{PHONE:it_land}}, assistenza {{PHONE:it_land}}"),
    ("it", "tel. {{PHONE:it_land}} - fax non c'è più, aggiorna il piè di pagina della lettera"),
    ("it", "scrivi un messaggio alla signora {{itlast}}, numero {{PHONE:it_mobile}}, per spostare la visita"),
    ("it", "il corriere mi ha chiamato dal {{PHONE:phone_any}} ma non so chi è, che faccio?"),
    ("it", "mi richiami al {{PHONE:it_mobile}}? grazie — traducilo in inglese per il collega"),
    ("en", "my cell is {{PHONE:us}}, put it in the signature"),
    ("en", "reach me on {{PHONE:intl}} while im in the uk next week - add to the ooo message"),
    ("en", "customer left a voicemail, callback number {{PHONE:phone_any}}. write a short reply"),
    ("en", "fix the formatting: Tel {{PHONE:it_land}} / Mob {{PHONE:it_mobile}}"),
    ("en", "text {{first}} at {{PHONE:us}} that the meeting is off, keep it friendly"),
    ("en", "write an sms in italian: tell {{first}} to call me back at {{PHONE:it_mobile}}"),
    ("en", "which country is {{PHONE:intl}} from? it called me 3 times"),
    ("en", "format as E.164 pls: {{PHONE:it_mobile}}"),
    ("en", "on-call this week is {{first}}, {{PHONE:phone_any}}. make a pinned message for #ops"),
    ("en", "whatsapp me on {{PHONE:intl}} once the shipment leaves, rephrase for a supplier"),
    ("en", "new hire contact: {{fullname}}, {{PHONE:us}}, starts {{enday}}. draft the intro email"),
]
POS["CREDIT_CARD"] = [
    ("it", "la carta è {{CREDIT_CARD:card}} scad {{exp}}, perché il pagamento viene rifiutato?"),
    ("it", "ho pagato con la carta {{CREDIT_CARD:card}}, scrivi un reclamo alla banca per l'addebito doppio"),
    ("it", "rimborso su carta {{CREDIT_CARD:card}} intestata a {{fullname}}: prepara la mail per l'amministrazione"),
    ("it", "mi compili il modulo? carta {{CREDIT_CARD:card}} scadenza {{exp}} cvv {{cvv}}"),
    ("it", "il cliente ha dettato al telefono la carta {{CREDIT_CARD:card}}, come la registro nel gestionale?"),
    ("en", "customer says {{CREDIT_CARD:card}} got charged twice, draft an apology"),
    ("en", "card no {{CREDIT_CARD:card}} exp {{exp}} - fill the fields of this json {\"pan\":\"\",\"exp\":\"\"}"),
    ("en", "booking for {{fullname}}, card on file {{CREDIT_CARD:card}}, guarantee late arrival. write to the hotel"),
    ("en", "corporate card {{CREDIT_CARD:card}} declined at the airport, what do i say to finance"),
    ("en", "pls check my expense note, paid with {{CREDIT_CARD:card}} on {{date}} total {{amount}}"),
    ("en", "translate: «La sua carta {{CREDIT_CARD:card}} è stata bloccata per sicurezza»"),
    ("en", "why would a terminal reject {{CREDIT_CARD:card}}? chip ok, pin ok"),
    ("it", "numero carta {{CREDIT_CARD:card_88}} — l'ho scritto giusto? il sito dice errore"),
]
POS["IBAN"] = [
    ("it", "il mio IBAN è {{IBAN:iban_it}}, mettilo in fattura"),
    ("it", "fai il bonifico su {{IBAN:iban_any}} intestato a {{company}}, scrivimi la causale"),
    ("it", "coordinate bancarie: {{IBAN:iban_it}} - BIC {{bic}}. aggiungile al footer della fattura"),
    ("it", "l'iban nuovo del fornitore è {{IBAN:iban_lower}} cambialo nella lettera"),
    ("it", "sull'IBAN {{IBAN:iban_it}} non arrivano i soldi da {{day}}, scrivi alla banca"),
    ("it", "accredito stipendio su {{IBAN:iban_it}} dal prossimo mese, fai la comunicazione per l'ufficio paghe"),
    ("it", "mi scrivi un sollecito? pagamento di {{amount}} da fare su iban {{IBAN:iban_lower}}"),
    ("it", "IBAN: {{IBAN:iban_any}}\nintestatario: {{fullname}}\nfammi un testo per whatsapp"),
    ("en", "wire to {{IBAN:iban_any}} pls, write the payment instruction email"),
    ("en", "our new bank details: IBAN {{IBAN:iban_any}}, BIC {{bic}}. announce it to customers"),
    ("en", "the refund goes to {{IBAN:iban_lower}} - write it in italian, grazie"),
    ("en", "is {{IBAN:iban_any}} a german or austrian account? need it for the form"),
    ("it", "dammi il testo del mandato SEPA per {{fullname}}, iban {{IBAN:iban_it}}"),
]
POS["IT_VAT"] = [
    ("it", "intestazione: {{company}} – P. IVA {{IT_VAT:piva}} – {{city}}. rendila più elegante"),
    ("it", "il cliente {{company}} (partita iva {{IT_VAT:piva}}) chiede la nota di credito, scrivila"),
    ("it", "aggiungi nel footer p.iva {{IT_VAT:piva}} e il capitale sociale"),
    ("it", "fattura a {{company}}, P.IVA {{IT_VAT:piva}}, pagamento su {{IBAN:iban_it}} a 30 gg. fai il testo della mail"),
    ("it", "C.F. e P.IVA {{IT_VAT:piva}} - è giusto metterli insieme così nel preventivo?"),
    ("it", "dati per l'ordine: {{company}}, piva {{IT_VAT:piva}}, pec {{EMAIL:pec}}"),
    ("it", "partita iva n.{{IT_VAT:piva}} — mi prepari la lettera di incarico?"),
    ("en", "add VAT number IT{{IT_VAT:piva}} to the invoice footer"),
    ("en", "supplier {{company}} vat {{IT_VAT:piva}}, write the onboarding email"),
    ("en", "their partita iva is {{IT_VAT:piva}}, what's that in english for the contract?"),
    ("it", "codice fiscale della società {{IT_VAT:piva_cfnum}}, va nel campo CF o P.IVA del portale?"),
]
POS["IT_FISCAL_CODE"] = [
    ("it", "il mio cf è {{IT_FISCAL_CODE:cf_lower}}, compila tu il modulo"),
    ("it", "CF: {{IT_FISCAL_CODE:cf}} – nato a {{birthplace}} il {{birth}}, verifica se torna"),
    ("it", "dipendente {{itfirst}} {{itlast}}, codice fiscale {{IT_FISCAL_CODE:cf_any}}, prepara la lettera di assunzione"),
    ("it", "mi serve la delega per ritirare il pacco, i dati: {{itfirst}} {{itlast}} cf {{IT_FISCAL_CODE:cf_any}} tel {{PHONE:it_mobile}}"),
    ("it", "inserisci nel contratto: il sig. {{itlast}}, c.f. {{IT_FISCAL_CODE:cf}}, residente in {{street}}"),
    ("it", "cod. fiscale {{IT_FISCAL_CODE:cf_lower}} - scrivimelo maiuscolo e dimmi la data di nascita"),
    ("it", "il cf di mia figlia è {{IT_FISCAL_CODE:cf}}, serve per l'iscrizione al centro estivo, scrivi tu la mail"),
    ("en", "fill this form for me: name {{itfirst}} {{itlast}}, tax code {{IT_FISCAL_CODE:cf_any}}"),
    ("en", "what does the letter in {{IT_FISCAL_CODE:cf}} stand for? its my colleague's codice fiscale"),
    ("it", "CF {{IT_FISCAL_CODE:cf_spaced}} l'ho copiato dalla tessera, è giusto?"),
    ("it", "scrivi a {{EMAIL:email}} che il codice fiscale corretto è {{IT_FISCAL_CODE:cf_any}}"),
]
POS["US_SSN"] = [
    ("en", "onboarding: {{enfirst}} {{enlast}}, ssn {{US_SSN:ssn}}, starts {{enday}}. write the welcome email"),
    ("en", "my SSN is {{US_SSN:ssn}}, fill the W-4 fields for me"),
    ("en", "payroll import rejects row with SSN {{US_SSN:ssn_loose}}, which column is wrong?"),
    ("en", "Social Security No.: {{US_SSN:ssn_loose}} - put this in the HR template"),
    ("en", "contractor {{enfirst}} {{enlast}} ss# {{US_SSN:ssn}} email {{EMAIL:email}} - make a 1099 cover note"),
    ("it", "traduci: «Il dipendente americano ha SSN {{US_SSN:ssn}} e serve la copia del passaporto»"),
    ("it", "il collega di NY mi ha mandato il suo ssn {{US_SSN:ssn}} per il rimborso, dove lo metto nel modulo?"),
]
POS["IP_ADDRESS"] = [
    ("it", "il server è su {{IP_ADDRESS:ip_priv}}, come faccio ssh da windows?"),
    ("en", "whitelist {{IP_ADDRESS:ip_pub}} on the firewall, write the change request"),
    ("en", "fail2ban banned {{IP_ADDRESS:ip}} — how do i unban it"),
    ("it", "la stampante ha ip {{IP_ADDRESS:ip_priv}} ma dal portatile non la vedo"),
    ("en", "nginx log: {{IP_ADDRESS:ip_pub}} - - [12/Mar/2025:10:14:02 +0100] \"GET /wp-login.php HTTP/1.1\" 404 - attack?"),
    ("it", "da {{IP_ADDRESS:ip_pub}} arrivano 300 login falliti all'ora, scrivi la segnalazione al provider"),
    ("en", "vpn gives me {{IP_ADDRESS:ip_priv}} but the NAS is unreachable, ideas?"),
    ("en", "explain this: inet6 {{IP_ADDRESS:ip6}}/64 scope global"),
    ("it", "accesso sospetto da {{IP_ADDRESS:ip_pub}} sull'account {{EMAIL:email}}, prepara la mail all'utente"),
]
POS["AWS_ACCESS_KEY"] = [
    ("en", "aws creds for the staging bucket: {{AWS_ACCESS_KEY:akid}} / {{AWS_SECRET_KEY:aws_secret}} - why access denied?"),
    ("it", "ho messo queste chiavi nel .env\nAWS_ACCESS_KEY_ID={{AWS_ACCESS_KEY:akid}}\nAWS_SECRET_ACCESS_KEY={{AWS_SECRET_KEY:aws_secret}}\nma boto non le legge"),
    ("en", "[default]\naws_access_key_id = {{AWS_ACCESS_KEY:akid}}\naws_secret_access_key = {{AWS_SECRET_KEY:aws_secret}}\nfix my credentials file, profile not found"),
    ("en", "is {{AWS_ACCESS_KEY:akid}} a long-term key or a session one?"),
    ("it", "chiave aws {{AWS_ACCESS_KEY:akid}} secret {{AWS_SECRET_KEY:aws_secret}} — come la uso con rclone?"),
    ("en", "aws configure asks for key id and secret, i have {{AWS_ACCESS_KEY:akid}} and {{AWS_SECRET_KEY:aws_secret}}, what region for milan"),
    ("en", "s3 sync to {{bucket}} fails with InvalidAccessKeyId for {{AWS_ACCESS_KEY:akid}}"),
]
POS["AWS_SECRET_KEY"] = POS["AWS_ACCESS_KEY"]
POS["GITHUB_TOKEN"] = [
    ("en", "push rejected, i'm using token {{GITHUB_TOKEN:ghp}}, what scopes do i need"),
    ("it", "il mio PAT {{GITHUB_TOKEN:ghp}} è scaduto? come lo rinnovo"),
    ("en", "export GH_TOKEN={{GITHUB_TOKEN:ghp}} in my zshrc, is that ok?"),
    ("it", "gh auth login --with-token non accetta {{GITHUB_TOKEN:ghp}}, perché"),
    ("en", "actions secret: {{GITHUB_TOKEN:ghp}} — rewrite this workflow step to use it"),
    ("en", "npm install from the private repo fails 401, .npmrc has //npm.pkg.github.com/:_authToken={{GITHUB_TOKEN:ghp}}"),
]
POS["GITLAB_TOKEN"] = [
    ("en", "gitlab runner register fails with token {{GITLAB_TOKEN:glpat}}"),
    ("it", "token gitlab: {{GITLAB_TOKEN:glpat}} — mi scrivi il comando curl per listare i progetti?"),
    ("en", "PRIVATE-TOKEN: {{GITLAB_TOKEN:glpat}} returns 401 on /api/v4/projects, why"),
    ("it", "ho generato {{GITLAB_TOKEN:glpat}} con scope read_api, basta per clonare?"),
    ("en", "CI_TOKEN={{GITLAB_TOKEN:glpat}} is in my .gitlab-ci.yml, how do i move it to a variable"),
    ("it", "usa questo token {{GITLAB_TOKEN:glpat}} e scrivimi lo script python che scarica gli artifact"),
]
POS["SLACK_TOKEN"] = [
    ("en", "bot token {{SLACK_TOKEN:xox}} can't post to #general, not_in_channel?"),
    ("it", "il bot slack con token {{SLACK_TOKEN:xox}} risponde invalid_auth, cosa sbaglio"),
    ("en", "SLACK_BOT_TOKEN={{SLACK_TOKEN:xox}}\nwrite me a python snippet that posts 'deploy ok'"),
    ("en", "which scopes does {{SLACK_TOKEN:xox}} have? how do i check"),
]
POS["SLACK_WEBHOOK"] = [
    ("en", "curl -X POST -H 'Content-type: application/json' --data '{\"text\":\"ciao\"}' {{SLACK_WEBHOOK:webhook}} gives invalid_payload"),
    ("it", "il webhook {{SLACK_WEBHOOK:webhook}} non scrive più nel canale, è scaduto?"),
    ("en", "add this webhook to the grafana alert: {{SLACK_WEBHOOK:webhook}}"),
    ("it", "mettimi il webhook {{SLACK_WEBHOOK:webhook}} nello script bash che avvisa a fine backup"),
]
POS["STRIPE_KEY"] = [
    ("en", "STRIPE_SECRET_KEY={{STRIPE_KEY:stripe}} in prod and charges fail, ideas"),
    ("it", "la chiave stripe è {{STRIPE_KEY:stripe}}, scrivimi il curl per creare un refund"),
    ("en", "stripe.api_key = \"{{STRIPE_KEY:stripe}}\" — is a restricted key enough for payouts?"),
    ("en", "webhook works but {{STRIPE_KEY:stripe}} gets 'expired key', rotate how?"),
    ("en", "test mode: {{STRIPE_KEY:stripe_test}} why no events in dashboard"),
]
POS["OPENAI_KEY"] = [
    ("en", "openai key {{OPENAI_KEY:openai}} says insufficient_quota but we paid"),
    ("it", "mi dà 401 con questa chiave {{OPENAI_KEY:openai}}, è disattivata?"),
    ("en", "export OPENAI_API_KEY={{OPENAI_KEY:openai}} then python app.py -> AuthenticationError"),
    ("it", "metti la chiave {{OPENAI_KEY:openai}} nel file di config del plugin e dimmi dove va"),
    ("en", "client = OpenAI(api_key=\"{{OPENAI_KEY:openai}}\") why does it ignore my org"),
]
POS["ANTHROPIC_KEY"] = [
    ("en", "ANTHROPIC_API_KEY={{ANTHROPIC_KEY:anthropic}} returns authentication_error"),
    ("it", "la chiave claude {{ANTHROPIC_KEY:anthropic}} funziona in curl ma non nel sdk"),
    ("en", "x-api-key: {{ANTHROPIC_KEY:anthropic}} — do i also need anthropic-version header?"),
    ("en", "rate limits for {{ANTHROPIC_KEY:anthropic}}? which tier am i"),
]
POS["GOOGLE_API_KEY"] = [
    ("en", "maps key {{GOOGLE_API_KEY:google}} shows 'for development purposes only', fix?"),
    ("it", "la chiave {{GOOGLE_API_KEY:google}} del progetto firebase va messa nel frontend?"),
    ("en", "geocoding with key={{GOOGLE_API_KEY:google}} returns REQUEST_DENIED"),
    ("it", "restringi la chiave {{GOOGLE_API_KEY:google}} al nostro dominio, come si fa"),
    ("en", "youtube data api: {{GOOGLE_API_KEY:google}} quota exceeded after 10 calls??"),
]
POS["PRIVATE_KEY"] = [
    ("it", "ssh dice invalid format, ecco la chiave:\n{{PRIVATE_KEY:pem}}"),
    ("en", "deploy key below, github says 'key is invalid'\n{{PRIVATE_KEY:pem}}\nwhat's wrong"),
    ("en", "convert this to ppk for putty pls\n{{PRIVATE_KEY:pem}}"),
    ("it", "chiave del server di test (tanto è test):\n{{PRIVATE_KEY:pem}}\nperché openssl rsa la rifiuta?"),
    ("en", "pasted from slack, it got flattened: {{PRIVATE_KEY:pem_flat}} can you fix the line breaks?"),
    ("it", "rimetti a posto gli a capo di questa chiave: {{PRIVATE_KEY:pem_flat}}"),
]
POS["JWT"] = [
    ("en", "decode this pls {{JWT:jwt}}"),
    ("en", "Authorization: Bearer {{JWT:jwt}} -> 401 token expired? check the exp"),
    ("it", "mi decodifichi questo token? {{JWT:jwt}}"),
    ("en", "set-cookie: session={{JWT:jwt}}; Path=/; HttpOnly — is HttpOnly enough"),
    ("it", "il frontend manda {{JWT:jwt}} e il backend risponde invalid signature, che ruolo c'è dentro?"),
]
POS["CREDENTIAL_URL"] = [
    ("it", "DATABASE_URL={{CREDENTIAL_URL:cred_url}} non si connette, timeout"),
    ("en", "connection string {{CREDENTIAL_URL:cred_url}} - why 'authentication failed'?"),
    ("en", "rewrite for docker-compose env: {{CREDENTIAL_URL:cred_url}}"),
    ("it", "in laravel dove metto {{CREDENTIAL_URL:cred_url}} ?"),
    ("it", "il backup usa {{CREDENTIAL_URL:cred_url}}, fammi lo script cron che gira alle 2"),
    ("en", "celery broker = {{CREDENTIAL_URL:cred_url}} and the worker hangs"),
]
POS["PASSWORD"] = [
    ("en", "user admin pw {{PASSWORD:pw}} for the router, how do i change the dns"),
    ("en", "creds: {{user}} / {{PASSWORD:pw}} - write the handover note for the new guy"),
    ("it", "login {{user}} / {{PASSWORD:pw}} ma il gestionale dice utente bloccato"),
    ("it", "la pwd del wifi è {{PASSWORD:pw_wifi}} mettila nel cartello per gli ospiti"),
    ("it", "la password della posta è {{PASSWORD:pw}} ma outlook continua a chiederla"),
    ("it", "user: {{user}}\npass: {{PASSWORD:pw}}\nfammi una mail per il fornitore con le credenziali del portale"),
    ("en", "vpn login {{user}} password {{PASSWORD:pw}}\nit says certificate error"),
    ("it", "per il NAS entra con {{user}} e password {{PASSWORD:pw}} poi dimmi come attivo lo snapshot"),
    ("en", "wifi for the offsite: network Ospiti, pass {{PASSWORD:pw_wifi}} - make a nice card"),
    ("it", "mettimi in inglese: la password provvisoria è {{PASSWORD:pw}} e va cambiata al primo accesso"),
    ("en", "db creds for the report: host {{host}} user {{user}} pwd {{PASSWORD:pw}}"),
    ("it", "pw: {{PASSWORD:pw}}\nuser: {{user}}\nperché il login via ftp fallisce?"),
    ("en", "router still has the default creds admin/{{PASSWORD:pw_default}} lol, write a reminder to change them"),
]
POS["CONFIDENTIAL_MARKER"] = [
    ("it", "{{CONFIDENTIAL_MARKER:marker}}\nVerbale CdA del {{date}}\n\nriassumilo in 5 punti"),
    ("en", "{{CONFIDENTIAL_MARKER:marker}} - Q3 pricing proposal\n\nturn this into 3 bullets for the sales team"),
    ("en", "the deck is marked {{CONFIDENTIAL_MARKER:marker}}, can i still summarize it for my manager?"),
    ("it", "questo doc è classificato {{CONFIDENTIAL_MARKER:marker}}, fammi una sintesi per il capo"),
    ("it", "Classificazione: {{CONFIDENTIAL_MARKER:marker}}\nOggetto: piano esuberi 2025\n\ncorreggi l'italiano"),
    ("en", "--- {{CONFIDENTIAL_MARKER:marker}} ---\nsalary bands 2025 attached\nrewrite the intro paragraph"),
    ("en", "{{CONFIDENTIAL_MARKER:marker_title}}\n\nDraft v2 - acquisition of {{company}}\n\nshorten this"),
    ("it", "{{CONFIDENTIAL_MARKER:marker_title}}\nBozza contratto di fornitura\n\ncontrolla le clausole di recesso"),
    ("it", "intestazione del file: {{CONFIDENTIAL_MARKER:marker}} — la tolgo prima di mandarlo al cliente?"),
    ("en", "classification: {{CONFIDENTIAL_MARKER:marker_lower_hdr}}\nincident postmortem\n\nfix the grammar"),
    ("it", "Classificazione: {{CONFIDENTIAL_MARKER:marker_lower_hdr}}\nprocedura di chiusura cassa\n\nrendila più chiara"),
    ("en", "footer says {{CONFIDENTIAL_MARKER:marker}} on every page, rewrite the summary without it"),
]

# two-finding contact and identity pastes, driven by the type of their first finding
POS["EMAIL"] += [
    ("it", "i miei contatti: {{EMAIL:email_any}} / {{PHONE:it_mobile}}, mettili nel biglietto da visita"),
    ("en", "signature pls: {{fullname}}, ops lead, {{EMAIL:email_upper}}, m. {{PHONE:phone_any}}"),
    ("it", "aggiorna l'anagrafica: {{fullname}}, mail {{EMAIL:email}}, cell {{PHONE:it_mobile}}"),
    ("en", "reach me on {{EMAIL:email_plus}} or {{PHONE:us}}, rewrite as a polite closing line"),
]
POS["PHONE"] += [
    ("it", "chiamami al {{PHONE:it_mobile}} o scrivimi a {{EMAIL:email}}, rendilo formale"),
    ("en", "my cell is {{PHONE:phone_any}} and work email {{EMAIL:email_sub}}, put both in the contact card"),
]
POS["CREDIT_CARD"] += [
    ("en", "customer called from {{PHONE:phone_any}} about card {{CREDIT_CARD:card}}, write the ticket summary"),
    ("it", "il sig. {{itlast}} ({{PHONE:it_mobile}}) contesta l'addebito sulla carta {{CREDIT_CARD:card}}, rispondi tu"),
]
POS["IBAN"] += [
    ("it", "aggiorna il contratto: {{company}}, partita iva {{IT_VAT:piva}}, pagamenti sull'IBAN {{IBAN:iban_any}}"),
    ("it", "il mio IBAN è {{IBAN:iban_lower}} e il cf {{IT_FISCAL_CODE:cf_lower}}, prepara la richiesta di rimborso"),
]
POS["IT_FISCAL_CODE"] += [
    ("it", "{{itfirst}} {{itlast}}, cf {{IT_FISCAL_CODE:cf_any}}, iban {{IBAN:iban_it}}: prepara il modulo per l'accredito"),
]
POS["US_SSN"] += [
    ("en", "W-2 correction for {{enfirst}} {{enlast}}: SSN {{US_SSN:ssn}}, phone {{PHONE:us}}. write the request"),
]
POS["PASSWORD"] += [
    ("it", "accesso al portale: {{EMAIL:email}} pw {{PASSWORD:pw}}, scrivi la procedura per la collega"),
    ("en", "login {{EMAIL:email_any}} / {{PASSWORD:pw}} fails on the supplier portal, write a ticket"),
]
POS["JWT"] += [
    ("en", "curl -H \"Authorization: Bearer {{JWT:jwt}}\" https://api.{{host}}/v1/me gives 403 from {{IP_ADDRESS:ip_pub}}"),
]
POS["GITHUB_TOKEN"] += [
    ("it", "token {{GITHUB_TOKEN:ghp}} e webhook {{SLACK_WEBHOOK:webhook}}: fammi la action che notifica le release"),
]
POS["OPENAI_KEY"] += [
    ("en", "compare these two keys, which one is prod? {{OPENAI_KEY:openai}} vs {{ANTHROPIC_KEY:anthropic}}"),
]
POS["CREDENTIAL_URL"] += [
    ("en", "my .env:\nDATABASE_URL={{CREDENTIAL_URL:cred_url}}\nSTRIPE_KEY={{STRIPE_KEY:stripe}}\nwhy does it work locally only"),
]
POS["CONFIDENTIAL_MARKER"] += [
    ("it", "{{CONFIDENTIAL_MARKER:marker}}\nreferente: {{fullname}} {{EMAIL:email}}\nriassumi il documento"),
]

POS["EMAIL"] += [
    ("en", "name,email,phone\n{{fullname}},{{EMAIL:email_any}},{{PHONE:phone_any}}\nturn this row into a vcard"),
    ("it", "contatto fornitore: {{fullname}} <{{EMAIL:email_any}}> tel {{PHONE:it_land}} — mettilo in tabella per la rubrica"),
    ("en", "user {{EMAIL:email}} logged in from {{IP_ADDRESS:ip_pub}} at 3am, write the security alert"),
    ("it", "mandami la conferma su whatsapp al {{PHONE:it_mobile}} o via mail a {{EMAIL:email_plus}} — riscrivilo meglio"),
    ("en", "guest: {{fullname}}, {{EMAIL:email_upper}}, deposit paid with {{CREDIT_CARD:card}}. write the booking confirmation"),
    ("en", "merge these two crm records pls: {{EMAIL:email}} and {{EMAIL:email_upper}} are the same guy"),
    ("it", "iscrizione al corso: {{fullname}}, email {{EMAIL:email_any}}, cf {{IT_FISCAL_CODE:cf_any}} — scrivi la conferma"),
]
POS["PHONE"] += [
    ("it", "{{fullname}} (cell {{PHONE:phone_any}}, c.f. {{IT_FISCAL_CODE:cf_any}}) vuole indietro la caparra: prepara la risposta"),
    ("en", "caller {{PHONE:us}} gave card {{CREDIT_CARD:card}} for the deposit, write the crm note"),
    ("it", "telefonata dal {{PHONE:it_mobile}}: il cliente vuole cambiare l'iban in {{IBAN:iban_lower}}, scrivi la conferma"),
    ("en", "my cell is {{PHONE:intl}}, my ssn {{US_SSN:ssn}}. fill the insurance form fields"),
    ("it", "il tecnico risponde al {{PHONE:it_mobile}}, il router è su {{IP_ADDRESS:ip_priv}}: scrivi le istruzioni per la segreteria"),
]
POS["CREDIT_CARD"] += [
    ("it", "pagamento con carta {{CREDIT_CARD:card}} di {{fullname}} ({{EMAIL:email}}) fallito, scrivigli due righe"),
    ("en", "refund {{amount}} to card {{CREDIT_CARD:card}}, receipt to {{EMAIL:email_plus}}, draft it"),
    ("it", "prenotazione a nome {{fullname}}, cell {{PHONE:it_mobile}}, garanzia con carta {{CREDIT_CARD:card}}: conferma all'hotel"),
    ("en", "card {{CREDIT_CARD:card}} exp {{exp}} — billing phone {{PHONE:phone_any}}, why does AVS fail?"),
]
POS["IBAN"] += [
    ("it", "dopo il bonifico su {{IBAN:iban_any}} mandami la ricevuta a {{EMAIL:email_any}}"),
    ("en", "vendor bank change: IBAN {{IBAN:iban_any}}, confirmed by phone at {{PHONE:phone_any}} — write the audit note"),
    ("it", "coordinate per il rimborso: {{IBAN:iban_it}}, intestato a {{itfirst}} {{itlast}} cf {{IT_FISCAL_CODE:cf_any}}"),
]
POS["IT_VAT"] += [
    ("it", "p.iva {{IT_VAT:piva}} e iban {{IBAN:iban_lower}}, scrivimi la scheda fornitore"),
    ("it", "{{company}} - piva {{IT_VAT:piva}} - tel {{PHONE:it_land}}: fammi l'intestazione della lettera"),
    ("en", "vendor form: VAT {{IT_VAT:piva}}, accounts payable {{EMAIL:email_sub}}. write the welcome email"),
]
POS["IT_FISCAL_CODE"] += [
    ("it", "cf {{IT_FISCAL_CODE:cf_lower}} mail {{EMAIL:email_any}} — mi fai la lettera di conferma iscrizione?"),
    ("en", "patient {{itfirst}} {{itlast}}, codice fiscale {{IT_FISCAL_CODE:cf_any}}, phone {{PHONE:it_mobile}}: translate the referral"),
]
POS["US_SSN"] += [
    ("en", "ssn {{US_SSN:ssn_loose}} and {{EMAIL:email}} belong to the same employee? write the merge sql"),
    ("en", "background check: {{enfirst}} {{enlast}}, SSN {{US_SSN:ssn}}, DOB 04/11/1988, email {{EMAIL:email_any}}"),
]
POS["IP_ADDRESS"] += [
    ("en", "ssh root@{{IP_ADDRESS:ip_priv}} with password {{PASSWORD:pw}} says permission denied"),
    ("it", "il server {{IP_ADDRESS:ip_priv}} ha questa chiave, perché non entro?\n{{PRIVATE_KEY:pem}}"),
    ("en", "block {{IP_ADDRESS:ip_pub}} and {{IP_ADDRESS:ip6}} on the edge firewall, write the ticket"),
]
POS["GITLAB_TOKEN"] += [
    ("en", "gitlab user {{EMAIL:email_sub}} with token {{GITLAB_TOKEN:glpat}} can't push tags, why"),
    ("it", "nel .env ci sono GITLAB_TOKEN={{GITLAB_TOKEN:glpat}} e SLACK_WEBHOOK={{SLACK_WEBHOOK:webhook}}, li sposto nei secret?"),
]
POS["SLACK_TOKEN"] += [
    ("en", "bot token {{SLACK_TOKEN:xox}} and incoming webhook {{SLACK_WEBHOOK:webhook}} — which one should the alert use"),
    ("it", "SLACK_TOKEN={{SLACK_TOKEN:xox}}\nGITHUB_TOKEN={{GITHUB_TOKEN:ghp}}\nfammi il workflow che posta le PR aperte"),
]
POS["STRIPE_KEY"] += [
    ("en", "stripe {{STRIPE_KEY:stripe}} — customer {{EMAIL:email_any}} can't update card, which endpoint"),
]
POS["OPENAI_KEY"] += [
    ("en", ".env\nOPENAI_API_KEY={{OPENAI_KEY:openai}}\nGOOGLE_API_KEY={{GOOGLE_API_KEY:google}}\nload both with dotenv pls"),
]
POS["ANTHROPIC_KEY"] += [
    ("it", "ANTHROPIC_API_KEY={{ANTHROPIC_KEY:anthropic}}\nDATABASE_URL={{CREDENTIAL_URL:cred_url}}\nperché il container non parte?"),
]
POS["GOOGLE_API_KEY"] += [
    ("it", "chiave maps {{GOOGLE_API_KEY:google}} e token {{GITLAB_TOKEN:glpat}} nel repo pubblico, cosa faccio subito?"),
]
POS["JWT"] += [
    ("it", "token di {{EMAIL:email}}: {{JWT:jwt}} — scade quando?"),
]
POS["PRIVATE_KEY"] += [
    ("en", "host {{IP_ADDRESS:ip_pub}}, user deploy, key:\n{{PRIVATE_KEY:pem}}\nwrite the ansible inventory entry"),
]
POS["CREDENTIAL_URL"] += [
    ("it", "broker {{CREDENTIAL_URL:cred_url}} e chiave {{OPENAI_KEY:openai}}, fammi il docker-compose"),
]
POS["PASSWORD"] += [
    ("it", "vpn {{IP_ADDRESS:ip_pub}} utente {{user}} pwd {{PASSWORD:pw}}, scrivi le istruzioni per il nuovo"),
    ("en", "creds for the shared inbox: {{EMAIL:email_sub}} / {{PASSWORD:pw}} - write the onboarding note"),
]
POS["CONFIDENTIAL_MARKER"] += [
    ("en", "{{CONFIDENTIAL_MARKER:marker}}\nwire {{amount}} to {{IBAN:iban_any}} before friday\n\nturn this into a checklist"),
    ("it", "documento {{CONFIDENTIAL_MARKER:marker}}: contatto {{PHONE:it_mobile}}, riassumilo"),
]

POS["PASSWORD"] += [
    ("it", "psw {{PASSWORD:pw}} utente {{user}} — scrivi tu la mail al fornitore per il reset"),
    ("it", "u: {{user}} p: {{PASSWORD:pw}}\nmi scrivi i passi per entrare nel pannello?"),
    ("it", "le credenziali sono {{user}} e {{PASSWORD:pw}}, scrivile in una mail per la collega nuova"),
    ("it", "wifi: Ospiti / {{PASSWORD:pw_wifi}}\nfammi un cartello carino per la reception"),
    ("it", "la password è la stessa di prima: {{PASSWORD:pw}}\nscrivi al cliente come accedere"),
    ("en", "user/pass {{user}}/{{PASSWORD:pw}} for the staging admin, write the handover"),
    ("en", "password:{{PASSWORD:pw}} (no space) in the yaml and the app won't start, why"),
    ("it", "credenziali: {{user}} / {{PASSWORD:pw}}\nriscrivi in modo formale per il consulente"),
    ("en", "username {{user}} password {{PASSWORD:pw}} - tell me how to add a new user in the portal"),
    ("it", "pwd={{PASSWORD:pw}} nella stringa ODBC, e il driver dice login failed"),
]
POS["PHONE"] += [
    ("it", "squillami al {{PHONE:it_mobile}} appena arrivi, riscrivilo per il corriere"),
    ("it", "il mio numero è il {{PHONE:phone_any}}."),
    ("it", "cel. {{PHONE:it_mobile}} - tel/whatsapp. mettilo nel volantino"),
    ("en", "call me at {{PHONE:us}}. rewrite this as a formal closing"),
    ("en", "ph: {{PHONE:phone_any}} / mob: {{PHONE:it_mobile}} - clean up this signature"),
    ("it", "mandami un sms al {{PHONE:it_mobile}} quando il pacco parte; scrivimi il testo"),
    ("it", "numero fisso dell'ufficio: {{PHONE:it_land}}; cellulare aziendale {{PHONE:it_mobile}}. fai una tabellina"),
    ("en", "my number's {{PHONE:intl}}, text before calling. put that in my bio"),
]
POS["EMAIL"] += [
    ("it", "scrivete a {{EMAIL:email_any}}."),
    ("it", "il referente è {{fullname}} (mail: {{EMAIL:email_any}}); prepara la presentazione"),
    ("it", "rispondi a «{{EMAIL:email}}» che va bene"),
    ("en", "send the contract to {{EMAIL:email_upper}}; cc legal."),
]
POS["IBAN"] += [
    ("it", "IBAN:{{IBAN:iban_it}}; intestatario {{company}}. fammi la mail per l'amministrazione"),
    ("it", "bonifico sul conto {{IBAN:iban_lower}}."),
    ("it", "coordinate: {{IBAN:iban_it}} (banca {{city}}) — scrivi il sollecito"),
]
POS["IT_FISCAL_CODE"] += [
    ("it", "CF:{{IT_FISCAL_CODE:cf_any}}; nata a {{birthplace}}. compila la domanda"),
    ("it", "il codice fiscale di mia madre è {{IT_FISCAL_CODE:cf_lower}}."),
]
POS["IT_VAT"] += [
    ("it", "P.IVA/C.F.: {{IT_VAT:piva}}."),
    ("it", "fornitore nuovo, piva {{IT_VAT:piva}}; scrivi la mail di benvenuto"),
]
POS["CREDIT_CARD"] += [
    ("it", "pagato con carta {{CREDIT_CARD:card}}."),
    ("it", "carta: {{CREDIT_CARD:card}}; scad. {{exp}} — il sito dice numero non valido"),
]

# dev's finding-type proportions drive which template family is drawn
TYPE_W = {"EMAIL": 95, "PHONE": 35, "CREDIT_CARD": 80, "IBAN": 55, "IT_VAT": 62, "IT_FISCAL_CODE": 60, "GITLAB_TOKEN": 34,
          "OPENAI_KEY": 30, "GOOGLE_API_KEY": 32, "AWS_ACCESS_KEY": 34, "GITHUB_TOKEN": 30, "US_SSN": 32,
          "PASSWORD": 36, "PRIVATE_KEY": 28, "IP_ADDRESS": 14, "JWT": 31, "CREDENTIAL_URL": 24, "STRIPE_KEY": 26,
          "SLACK_WEBHOOK": 16, "CONFIDENTIAL_MARKER": 24, "ANTHROPIC_KEY": 21, "SLACK_TOKEN": 22}

# ---------------------------------------------------------------------------------------------
# negatives: plain work requests and hard negatives (checksum failures, placeholders, ids, numbers
# of other kinds, marker words that are not markings, credentials talked about but not given)

NEG_PLAIN = [
    ("it", "riassumi in 3 punti la riunione di ieri: budget, ferie, nuovo gestionale"),
    ("en", "rewrite so it sounds less passive aggressive: as per my last email, the report is still missing"),
    ("it", "traduci «la riunione è spostata a giovedì, scusate il preavviso» in inglese"),
    ("it", "scrivimi una formula excel che somma la colonna B se A contiene Milano"),
    ("en", "explain the difference between a PEC and a normal email, short"),
    ("it", "come si calcola il carattere di controllo del codice fiscale? spiegamelo semplice"),
    ("en", "whats a sensible password policy for a 20 person office? bullet points"),
    ("it", "fammi una regex per validare un IBAN italiano"),
    ("en", "how do I rotate an aws access key without downtime"),
    ("en", "write a haiku about mondays and broken printers"),
    ("it", "ciao! mi scrivi un messaggio di auguri per il pensionamento di un collega?"),
    ("en", "pls make this sql faster: select * from ordini where year(data) = 2024"),
    ("it", "che differenza c'è tra ferie e permessi ROL? in breve"),
    ("en", "give me 5 subject lines for a newsletter about our new warehouse"),
    ("it", "correggi: «Vi informiamo che il magazzino resterà chiuso per inventario»"),
    ("en", "how do i tell a client no without sounding rude, 2 options"),
    ("it", "spiegami cos'è un JWT come se avessi 10 anni"),
    ("en", "whats the italian for 'purchase order' and 'delivery note'?"),
    ("it", "prepara una checklist per l'onboarding di un nuovo dipendente in amministrazione"),
    ("en", "python: read a csv with ; separator and comma decimals"),
    ("it", "scrivi un post linkedin sul nostro 25° anniversario, niente emoji"),
    ("en", "summarize GDPR art. 33 in plain english"),
    ("it", "mi fai un modulo di reso semplice? campi: nome, data, motivo"),
    ("en", "convert 3 weeks and 2 days to hours"),
    ("it", "dove trovo il codice univoco SDI per la fattura elettronica? spiegami il giro"),
    ("en", "why does git say detached HEAD and how do i get out"),
    ("it", "scrivi una mail per chiedere un giorno di smart working venerdì"),
    ("en", "bash one-liner to find files bigger than 1GB in /var"),
    ("it", "riformula più breve: in riferimento alla Vostra del mese scorso, si comunica quanto segue"),
    ("en", "how should I store API keys in a react app? short answer"),
    ("it", "come imposto l'autenticazione a due fattori su outlook? passi"),
    ("en", "draft a polite reminder about the team lunch, no names"),
    ("it", "mi spieghi la differenza tra SSH con password e con chiave?"),
    ("en", "table of EU VAT rates for DE FR ES IT pls"),
    ("it", "fammi 3 idee per il team building di dicembre, budget basso"),
    ("en", "write a docstring for def normalise_phone(raw: str) -> str"),
    ("it", "come si scrive correttamente un numero di telefono internazionale? esempio finto"),
    ("en", "cosa vuol dire 'TLP' nei report di sicurezza? answer in english pls"),
]
NEG_HARD = [
    ("it", "il portale dice carta non valida: {{card_bad}}, l'ho copiata male?"),
    ("en", "is {{card_bad}} a real card number? checkout rejects it"),
    ("it", "l'IBAN {{iban_bad}} risulta errato, dove ho sbagliato?"),
    ("en", "bank says {{iban_bad}} is invalid, spot the typo"),
    ("it", "cf {{cf_bad}} il sito dell'agenzia dice non valido, perché?"),
    ("it", "la p.iva {{piva_bad}} non passa il controllo del gestionale"),
    ("en", "payroll flags {{ssn_bad}} as impossible, why"),
    ("en", "in the docs: AWS_ACCESS_KEY_ID={{placeholder_key}} — which region do i set?"),
    ("en", "tutorial says export OPENAI_API_KEY={{placeholder_key}} then run it, where do i get mine"),
    ("it", "nel readme c'è api_key: {{placeholder_key}}, la devo sostituire io?"),
    ("it", "il file di config ha password: {{placeholder_pw}} - dove si imposta quella vera?"),
    ("en", "connection string template: postgres://USER:PASSWORD@HOST:5432/DBNAME, explain each part"),
    ("en", "DATABASE_URL=postgres://app:${DB_PASSWORD}@db:5432/app doesn't expand in compose, why"),
    ("it", "la request {{uuid}} è andata in timeout, cosa significa 504?"),
    ("en", "job {{uuid}} failed at commit {{sha1}}, what does exit code 137 mean"),
    ("en", "sha256 of the installer is {{sha256}} but mine differs, corrupted?"),
    ("it", "l'hash md5 {{md5}} non corrisponde, riscarico?"),
    ("en", "upgrade from {{version}} to {{version}} broke the login page, changelog summary?"),
    ("it", "aggiornato il gestionale alla {{version}}, scrivi le note di rilascio per gli utenti"),
    ("it", "ordine {{order}} del {{date}}, totale {{amount}}: scrivi la conferma al cliente"),
    ("en", "order {{order}} shipped on {{date}}, tracking {{tracking}}, write the customer update"),
    ("it", "la spedizione {{tracking}} è ferma a {{city}} da {{day}}, sollecita il corriere"),
    ("it", "IMEI {{imei}} del telefono aziendale rubato, scrivi la denuncia"),
    ("en", "phone lost, IMEI {{imei}}, write to the carrier to block it"),
    ("it", "spedire a {{street}}, {{cap}} — formatta l'etichetta"),
    ("en", "ship to 410 Market St, San Francisco CA {{zip}} — format the label"),
    ("it", "fattura {{invoice}} del {{date}} da {{amount}}: prepara il sollecito"),
    ("it", "protocollo n. {{protocol}} — rispondi all'ente che la pratica è chiusa"),
    ("it", "POD {{pod}} e PDR {{pdr}} per il cambio fornitore, cosa sono?"),
    ("it", "il codice cliente è {{codcliente}}, scrivi al servizio clienti per la bolletta"),
    ("it", "REA {{rea}} — cosa vuol dire nella visura?"),
    ("en", "ticket {{ticket}} reopened, write a status update"),
    ("en", "the build is {{ipversion}}, is that newer than the one on the server?"),
    ("it", "versione firmware {{ipversion}} sul router, c'è un aggiornamento?"),
    ("en", "how do i fix '{{marker_neg}}' showing up on our homepage footer"),
    ("it", "nel footer c'è «© 2025 {{company}} - Tutti i diritti riservati», va bene così?"),
    ("it", "il parcheggio è riservato ai dipendenti, scrivi un cartello gentile"),
    ("en", "please keep this confidential for now: we're moving the office in spring. rewrite as a teaser"),
    ("it", "accedi all'area riservata del sito e scarica il cedolino, spiega i passaggi a una collega"),
    ("en", "python decorator @app.route('/login') vs @login_required, explain"),
    ("en", "git remote is git@github.com:{{org}}/{{repo}}.git, how do i switch to https"),
    ("en", "npm i @types/node fails with EACCES"),
    ("it", "ho dimenticato la password della posta, come la resetto?"),
    ("en", "password must be 12 chars with a symbol, write the error message text"),
    ("it", "pw scaduta sul pc aziendale, chi devo chiamare? scrivi una mail all'IT"),
    ("en", "the token starts with eyJhbGciOi... what kind of token is that?"),
    ("en", "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI{{md5}} {{user}}@laptop — is this the public or private part?"),
    ("it", "totale {{amount}} IVA inclusa al {{pct}}: scorporami l'imponibile"),
    ("en", "meeting at {{time}} on {{date}}, room 4.12 — write the invite"),
    ("it", "BIC {{bic}} di che banca è?"),
    ("en", "commit {{short_sha}} reverted the fix, write the PR description"),
    ("it", "numero d'ordine SAP {{order}}, manca la bolla, scrivi al magazzino"),
    ("en", "TLP:CLEAR report attached, summarise for the newsletter"),
]
NEG_HARD += [
    ("it", "pw del wifi? chiedila a {{itfirst}}, io non la ricordo"),
    ("it", "password: la stessa del portale fornitori, scrivi una guida per i colleghi"),
    ("it", "login: {{user}} / password: te la mando a voce. riscrivi la mail"),
    ("en", "pw is in keepass under 'router', write the handover note"),
    ("it", "psw scaduta di nuovo, scrivi un ticket all'helpdesk"),
    ("en", "pass the user id and the token to the function, how do i type it in ts"),
    ("it", "chiamami alle {{time}} che ne parliamo, rendilo più formale"),
    ("en", "call me at 3pm about the offsite, make it sound less bossy"),
    ("it", "chiamami al rientro dalle ferie, il {{date}}"),
    ("it", "le credenziali sono nella mail di ieri, scrivi al collega dove trovarle"),
    ("en", "username and password fields should be 64 chars max, write the validation message"),
    ("it", "il numero della pratica è {{codcliente}}; chiedi a che punto è"),
]
NEG_JUDGE = [
    ("en", "write a test fixture with a fake user, email test.user@example.com"),
    ("it", "il formato delle mail aziendali è nome.cognome@{{domain_corp}}, scrivilo nella guida"),
    ("en", "CONFIDENTIALITY NOTICE: this e-mail and any attachments may contain confidential information. shorten this disclaimer"),
    ("it", "Questo messaggio e i suoi allegati sono riservati al destinatario. accorcia il disclaimer"),
    ("en", "this deck is confidential so dont paste it in slack — rewrite that nicer"),
    ("en", "TLP:CLEAR — threat summary for all staff, rewrite shorter"),
]


def g_domain_corp(c):
    return c.r.choice(COMPANIES)[1]


GENS["domain_corp"] = g_domain_corp

# ---------------------------------------------------------------------------------------------
# rendering

PH = re.compile(r"\{\{(?:([A-Z_]+):)?([a-z_0-9A-Z]+)\}\}")


EN_SHARE = 0.74
TWO_SHARE = 0.5


def nph(tmpl):
    return sum(1 for m in PH.finditer(tmpl) if m.group(1))


def render(tmpl, c):
    segs = []
    pos = 0
    for m in PH.finditer(tmpl):
        if m.start() > pos:
            segs.append([tmpl[pos:m.start()], None])
        typ, gen = m.group(1), m.group(2)
        if gen not in GENS:
            raise KeyError(gen)
        segs.append([GENS[gen](c), typ])
        pos = m.end()
    if pos < len(tmpl):
        segs.append([tmpl[pos:], None])
    return segs


FW = {chr(i): chr(i + 0xFEE0) for i in range(0x21, 0x7F)}
ZW = ["\u200b", "\u200b", "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff"]
EVADE = {"EMAIL": ("at", "all", "zw"), "PHONE": ("digits", "zw"), "CREDIT_CARD": ("digits", "zw"), "IBAN": ("all", "zw"),
         "IT_FISCAL_CODE": ("all", "zw"), "IT_VAT": ("digits", "zw"), "US_SSN": ("digits", "zw"), "IP_ADDRESS": ("digits",),
         "AWS_ACCESS_KEY": ("zw",), "GITHUB_TOKEN": ("zw",), "GITLAB_TOKEN": ("zw",), "SLACK_TOKEN": ("zw",),
         "STRIPE_KEY": ("zw",), "OPENAI_KEY": ("zw",), "ANTHROPIC_KEY": ("zw",), "GOOGLE_API_KEY": ("zw", "all"),
         "JWT": ("zw",), "CONFIDENTIAL_MARKER": ("all",)}


def evade(r, typ, v):
    mode = r.choice(EVADE[typ])
    if mode == "at":
        return v.replace("@", "\uff20"), "evasion:fullwidth"
    if mode == "all":
        return "".join(FW.get(ch, ch) for ch in v), "evasion:fullwidth"
    if mode == "digits":
        return "".join(FW[ch] if ch.isdigit() else ch for ch in v), "evasion:fullwidth"
    # zero-width: one or two marks inside the value, never at its ends
    v = list(v)
    for _ in range(r.choice([1, 1, 2])):
        i = r.randint(2, len(v) - 2)
        v.insert(i, r.choice(ZW))
    return "".join(v), "evasion:zero-width"


def assemble(segs):
    text = ""
    nbytes = 0
    findings = []
    for s, typ in segs:
        b = len(s.encode("utf-8"))
        if typ:
            findings.append({"type": typ, "start": nbytes, "end": nbytes + b, "value": s})
        text += s
        nbytes += b
    return text, findings


JOINERS = ["\n\n", "\n\n", "\n\n", "\n", " ", "\n\nanche: ", "\n\nPS ", "\n\nalso: ", "\n---\n", "\n\npoi: "]


def make_case(r, idx, seed):
    is_neg = r.random() < 0.432
    tags = []
    judgement = False
    if is_neg:
        k = r.random()
        pool = NEG_PLAIN if k < 0.36 else (NEG_HARD if k < 0.965 else NEG_JUDGE)
        lang, tmpl = r.choice(pool)
        c = Ctx(r, lang)
        segs = render(tmpl, c)
        if pool is NEG_JUDGE:
            c.judgement = True
        judgement = c.judgement
        tags.append("negative")
    else:
        types = list(TYPE_W)
        typ = r.choices(types, [TYPE_W[t] for t in types])[0]
        want_lang = "en" if r.random() < EN_SHARE else "it"
        want_n = 2 if r.random() < (0.9 if typ == "AWS_ACCESS_KEY" else TWO_SHARE) else 1
        pool = POS[typ]
        for cond in (lambda t: t[0] == want_lang and nph(t[1]) == want_n, lambda t: nph(t[1]) == want_n,
                     lambda t: t[0] == want_lang, lambda t: True):
            sub = [t for t in pool if cond(t)]
            if sub:
                break
        lang, tmpl = r.choice(sub)
        c = Ctx(r, lang)
        segs = render(tmpl, c)
        judgement = c.judgement
        if r.random() < 0.12:
            cand = [s for s in segs if s[1] in EVADE]
            if cand:
                s = r.choice(cand)
                s[0], tag = evade(r, s[1], s[0])
                tags.append(tag)
        if r.random() < 0.325:
            nlang, ntmpl = r.choice(NEG_HARD if r.random() < 0.8 else NEG_PLAIN)
            c2 = Ctx(r, nlang)
            nsegs = render(ntmpl, c2)
            judgement = judgement or c2.judgement
            segs = segs + [[r.choice(JOINERS), None]] + nsegs
            tags.append("distractor")
    if judgement:
        tags.append("judgement")
    text, findings = assemble(segs)
    return {"id": "a33-%d-%04d" % (seed, idx), "lang": lang, "text": text, "findings": findings, "tags": tags}


def self_check(case):
    raw = case["text"].encode("utf-8")
    for f in case["findings"]:
        assert raw[f["start"]:f["end"]].decode("utf-8") == f["value"], case
        v = f["value"]
        plain = "".join(ch for ch in v if ch not in ZW).translate({ord(b): ord(a) for a, b in FW.items()})
        t = f["type"]
        if t == "CREDIT_CARD":
            assert luhn_ok(re.sub(r"\D", "", plain)), v
        elif t == "IBAN":
            assert iban_ok(plain), v
        elif t == "IT_FISCAL_CODE":
            s = plain.replace(" ", "").upper()
            assert len(s) == 16 and cf_check(s[:15]) == s[15], v
        elif t == "IT_VAT":
            assert plain[-1] == piva_check(plain[:10]), v
        elif t == "GITHUB_TOKEN" and not plain.startswith("github_pat_"):
            assert b62(zlib.crc32(plain[4:34].encode())) == plain[34:], v
        elif t == "JWT":
            h = plain.split(".")[0]
            assert "alg" in json.loads(base64.urlsafe_b64decode(h + "=" * (-len(h) % 4)))


def main():
    if len(sys.argv) != 4:
        sys.exit("usage: gen.py SEED N OUT.jsonl")
    seed, n, out = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
    r = random.Random(seed * 7919 + 33)
    with open(out, "w", encoding="utf-8") as f:
        for i in range(n):
            case = make_case(r, i, seed)
            self_check(case)
            f.write(json.dumps(case, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
