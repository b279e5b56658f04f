#!/usr/bin/env python3
"""audit31 -- legal, public sector, education and insurance texts (US, UK, Italy)
as staff paste them into a chat assistant.

  python3 gen.py SEED N OUT.jsonl

Writes N lines in the dev corpus format: {"id","lang","text","findings":[{type,start,end,value}],"tags"}.
Offsets are byte offsets into the UTF-8 text. Every value is fabricated here from the seed
(Luhn, mod-97, CIN, codice fiscale and partita IVA check characters, SSN rules, VIN and NHS
check digits, GitHub CRC32); nothing real, nothing secret is stored.
"""
import base64
import json
import random
import re
import string
import sys
import zlib

# ---------------------------------------------------------------------------------------------
# document builder: text pieces and findings, offsets computed at the end
# ---------------------------------------------------------------------------------------------


class F:
    """A finding placed in a template."""
    __slots__ = ("typ", "val")

    def __init__(self, typ, val):
        self.typ, self.val = typ, val


PH = re.compile(r"⟦(\w+)⟧")


class Doc:
    def __init__(self, lang):
        self.lang = lang
        self.parts = []          # [text, type-or-None]
        self.tags = set()

    def add(self, _fmt, **kw):
        s = _fmt
        pos = 0
        for m in PH.finditer(s):
            if m.start() > pos:
                self.parts.append([s[pos:m.start()], None])
            v = kw[m.group(1)]
            if isinstance(v, F):
                self.parts.append([v.val, v.typ])
            elif v:
                self.parts.append([str(v), None])
            pos = m.end()
        if pos < len(s):
            self.parts.append([s[pos:], None])
        return self

    def findings(self):
        return [p for p in self.parts if p[1]]

    def build(self):
        text, out, b = [], [], 0
        for s, typ in self.parts:
            n = len(s.encode("utf-8"))
            if typ:
                out.append({"type": typ, "start": b, "end": b + n, "value": s})
            text.append(s)
            b += n
        return "".join(text), out


# ---------------------------------------------------------------------------------------------
# small helpers
# ---------------------------------------------------------------------------------------------
DIG = string.digits
UP = string.ascii_uppercase
B62 = string.digits + string.ascii_uppercase + string.ascii_lowercase


def digits(r, n):
    return "".join(r.choice(DIG) for _ in range(n))


def rs(r, alpha, n):
    return "".join(r.choice(alpha) for _ in range(n))


def pick(r, seq):
    return seq[r.randrange(len(seq))]


MONTHS_EN = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
             "October", "November", "December"]
MONTHS_IT = ["gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto", "settembre",
             "ottobre", "novembre", "dicembre"]


def ymd(r, y0=2019, y1=2025):
    return r.randint(y0, y1), r.randint(1, 12), r.randint(1, 28)


def d_us(r, y0=2019, y1=2025):
    y, m, d = ymd(r, y0, y1)
    return pick(r, ["%02d/%02d/%d" % (m, d, y), "%s %d, %d" % (MONTHS_EN[m - 1], d, y), "%d/%d/%d" % (m, d, y)])


def d_uk(r, y0=2019, y1=2025):
    y, m, d = ymd(r, y0, y1)
    return pick(r, ["%d %s %d" % (d, MONTHS_EN[m - 1], y), "%02d/%02d/%d" % (d, m, y)])


def d_it(r, y0=2019, y1=2025):
    y, m, d = ymd(r, y0, y1)
    return pick(r, ["%02d/%02d/%d" % (d, m, y), "%d %s %d" % (d, MONTHS_IT[m - 1], y), "%02d.%02d.%d" % (d, m, y)])


def usd(r, lo=50, hi=90000):
    v = r.uniform(lo, hi)
    return "${:,.2f}".format(v)


def gbp(r, lo=20, hi=9000):
    return "£{:,.2f}".format(r.uniform(lo, hi))


def eur(r, lo=20, hi=90000):
    s = "{:,.2f}".format(r.uniform(lo, hi)).replace(",", "X").replace(".", ",").replace("X", ".")
    return pick(r, ["€ " + s, "€" + s, "euro " + s, s + " €"])


# ---------------------------------------------------------------------------------------------
# people and places
# ---------------------------------------------------------------------------------------------
US_FIRST = ["James", "Mary", "Robert", "Patricia", "Michael", "Jennifer", "David", "Linda", "Daniel", "Maria",
            "Jose", "Ashley", "Kevin", "Tanisha", "Wei", "Priya", "Carlos", "Emily", "Brandon", "Keisha", "Tyler",
            "Megan", "Luis", "Aaliyah", "Ryan", "Olivia", "DeShawn", "Hannah", "Nathan", "Rosa", "Ethan", "Grace"]
US_LAST = ["Johnson", "Williams", "Brown", "Garcia", "Miller", "Davis", "Rodriguez", "Martinez", "Hernandez",
           "Lopez", "Wilson", "Anderson", "Thomas", "Taylor", "Moore", "Jackson", "Lee", "Nguyen", "Patel", "Kim",
           "Washington", "O'Brien", "Kowalski", "Schneider", "Reyes", "Cohen", "Murphy", "Okafor", "Yamamoto"]
UK_FIRST = ["Oliver", "Amelia", "Harry", "Isla", "George", "Ava", "Jack", "Mia", "Charlie", "Sophie", "Thomas",
            "Grace", "Mohammed", "Aisha", "Callum", "Niamh", "Rhys", "Eilidh", "Freya", "Alfie", "Zara", "Owen"]
UK_LAST = ["Smith", "Jones", "Taylor", "Evans", "Roberts", "Walker", "Wright", "Hughes", "Edwards", "Khan",
           "Ahmed", "Patel", "Campbell", "Murphy", "O'Neill", "MacDonald", "Davies", "Clarke", "Begum", "Lewis"]
IT_FIRST_M = ["Marco", "Giuseppe", "Luca", "Francesco", "Alessandro", "Andrea", "Matteo", "Lorenzo", "Davide",
              "Simone", "Giovanni", "Antonio", "Salvatore", "Paolo", "Stefano", "Roberto", "Vincenzo", "Carmine"]
IT_FIRST_F = ["Giulia", "Francesca", "Chiara", "Sara", "Martina", "Alessia", "Valentina", "Elena", "Federica",
              "Laura", "Anna", "Maria", "Silvia", "Paola", "Roberta", "Ilaria", "Carmela", "Beatrice"]
IT_LAST = ["Rossi", "Russo", "Ferrari", "Esposito", "Bianchi", "Romano", "Colombo", "Ricci", "Marino", "Greco",
           "Bruno", "Gallo", "Conti", "De Luca", "Mancini", "Costa", "Giordano", "Rizzo", "Lombardi", "Moretti",
           "Barbieri", "Fontana", "Santoro", "Mariani", "Rinaldi", "Caruso", "Ferrara", "Galli", "Martini", "Leone",
           "Longo", "Gentile", "Vitale", "Serra", "Coppola", "De Santis", "D'Angelo", "Marchetti", "Parisi",
           "Villa", "Conte", "Ferraro", "Fabbri", "Sanna", "Piras", "Pellegrino", "Caputo", "Orlando", "Amato", "Neri"]
COMUNI = [("Roma", "H501", "RM", "00"), ("Milano", "F205", "MI", "20"), ("Napoli", "F839", "NA", "80"),
          ("Torino", "L219", "TO", "10"), ("Palermo", "G273", "PA", "90"), ("Genova", "D969", "GE", "16"),
          ("Bologna", "A944", "BO", "40"), ("Firenze", "D612", "FI", "50"), ("Bari", "A662", "BA", "70"),
          ("Catania", "C351", "CT", "95"), ("Venezia", "L736", "VE", "30"), ("Verona", "L781", "VR", "37"),
          ("Padova", "G224", "PD", "35"), ("Trieste", "L424", "TS", "34"), ("Brescia", "B157", "BS", "25"),
          ("Parma", "G337", "PR", "43"), ("Modena", "F257", "MO", "41"), ("Perugia", "G478", "PG", "06"),
          ("Cagliari", "B354", "CA", "09"), ("Lecce", "E506", "LE", "73"), ("Salerno", "H703", "SA", "84"),
          ("Bergamo", "A794", "BG", "24"), ("Ancona", "A271", "AN", "60"), ("Trento", "L378", "TN", "38")]
ESTERI = [("Stati Uniti d'America", "Z404"), ("Regno Unito", "Z114"), ("Germania", "Z112"), ("Romania", "Z129"),
          ("Albania", "Z100"), ("Marocco", "Z330"), ("Cina", "Z210"), ("India", "Z222"), ("Filippine", "Z216"),
          ("Ecuador", "Z605"), ("Perù", "Z611"), ("Ucraina", "Z138"), ("Francia", "Z110"), ("Spagna", "Z131")]
US_CITIES = [("New York", "NY", "100"), ("Brooklyn", "NY", "112"), ("Chicago", "IL", "606"), ("Los Angeles", "CA", "900"),
             ("San Francisco", "CA", "941"), ("Houston", "TX", "770"), ("Phoenix", "AZ", "850"),
             ("Philadelphia", "PA", "191"), ("Atlanta", "GA", "303"), ("Seattle", "WA", "981"), ("Boston", "MA", "021"),
             ("Miami", "FL", "331"), ("Denver", "CO", "802"), ("Portland", "OR", "972"), ("Columbus", "OH", "432")]
US_STREETS = ["Maple Ave", "Oak St", "Washington Blvd", "Lincoln Rd", "Park Ave", "Elm St", "Cedar Ln", "Main St",
              "Jefferson St", "Sunset Dr", "Lakeview Ter", "Pine St", "Broadway", "Madison Ave"]
UK_TOWNS = [("London", "SE15 4QT"), ("Leeds", "LS6 2AB"), ("Manchester", "M14 5RX"), ("Birmingham", "B29 6NA"),
            ("Bristol", "BS7 8HP"), ("Glasgow", "G12 8QQ"), ("Cardiff", "CF24 3AA"), ("Edinburgh", "EH9 1JS"),
            ("Sheffield", "S10 2TN"), ("Nottingham", "NG7 1FX")]
UK_STREETS = ["Acacia Road", "Victoria Street", "Church Lane", "Mill Road", "Station Road", "Queens Road",
              "Albert Terrace", "Park View", "Kingsway", "High Street"]
IT_VIE = ["Via Garibaldi", "Via Roma", "Corso Vittorio Emanuele II", "Via Mazzini", "Viale dei Mille",
          "Via Cavour", "Piazza della Repubblica", "Via Dante Alighieri", "Via XX Settembre", "Via Marconi",
          "Largo Augusto", "Via dei Mille", "Via Nazionale", "Via Manzoni"]


class Person:
    pass


def person_it(r, foreign=False):
    p = Person()
    p.female = r.random() < 0.5
    p.first = pick(r, IT_FIRST_F if p.female else IT_FIRST_M)
    p.last = pick(r, IT_LAST)
    p.y, p.m, p.d = r.randint(1940, 2006), r.randint(1, 12), r.randint(1, 28)
    if foreign:
        p.born, p.place = pick(r, ESTERI)
    else:
        c = pick(r, COMUNI)
        p.born, p.place = c[0], c[1]
    p.birth = "%02d/%02d/%d" % (p.d, p.m, p.y)
    return p


def person_us(r):
    p = Person()
    p.first, p.last = pick(r, US_FIRST), pick(r, US_LAST)
    p.mi = pick(r, UP)
    return p


def person_uk(r):
    p = Person()
    p.first, p.last = pick(r, UK_FIRST), pick(r, UK_LAST)
    return p


def addr_us(r):
    city, st, z3 = pick(r, US_CITIES)
    apt = pick(r, ["", ", Apt %d%s" % (r.randint(1, 30), pick(r, "ABCDEF")), ", Unit %d" % r.randint(100, 999)])
    z = z3 + digits(r, 2) + pick(r, ["", "-" + digits(r, 4)])
    return "%d %s%s, %s, %s %s" % (r.randint(10, 9999), pick(r, US_STREETS), apt, city, st, z)


def addr_uk(r):
    town, pc = pick(r, UK_TOWNS)
    return "%d %s, %s %s" % (r.randint(1, 220), pick(r, UK_STREETS), town, pc)


def addr_it(r, c=None):
    c = c or pick(r, COMUNI)
    return "%s %d, %s%s %s (%s)" % (pick(r, IT_VIE), r.randint(1, 180), c[3], digits(r, 3), c[0], c[2])


# ---------------------------------------------------------------------------------------------
# validated fabricators
# ---------------------------------------------------------------------------------------------
def luhn_sum(s):
    t = 0
    for i, ch in enumerate(reversed(s)):
        d = int(ch)
        if i % 2 == 1:
            d *= 2
            if d > 9:
                d -= 9
        t += d
    return t


def luhn_ok(s):
    return luhn_sum(s) % 10 == 0


def luhn_complete(p):
    for c in DIG:
        if luhn_ok(p + c):
            return p + c


def card_num(r, brand=None):
    brand = brand or pick(r, ["visa", "visa", "visa", "mc", "mc", "mc2", "amex", "disc"])
    if brand == "visa":
        n = luhn_complete("4" + digits(r, 14))
    elif brand == "mc":
        n = luhn_complete(str(r.randint(51, 55)) + digits(r, 13))
    elif brand == "mc2":
        n = luhn_complete(str(r.randint(2221, 2720)) + digits(r, 11))
    elif brand == "amex":
        n = luhn_complete(pick(r, ["34", "37"]) + digits(r, 12))
    else:
        n = luhn_complete("6011" + digits(r, 11))
    return n


def card_fmt(r, n):
    sep = pick(r, [" ", " ", "-", ""])
    if len(n) == 15:
        return sep.join([n[:4], n[4:10], n[10:]])
    return sep.join([n[i:i + 4] for i in range(0, 16, 4)])


def card(r, brand=None):
    return card_fmt(r, card_num(r, brand))


def not_luhn(r, n_digits, first=None):
    while True:
        s = (first or "") + digits(r, n_digits - len(first or ""))
        if not luhn_ok(s):
            return s


def ssn_parts(r):
    while True:
        a = r.randint(1, 899)
        if a != 666:
            return "%03d" % a, "%02d" % r.randint(1, 99), "%04d" % r.randint(1, 9999)


def ssn(r, style=None):
    a, g, s = ssn_parts(r)
    style = style or pick(r, ["-"] * 6 + [" ", ""])
    return style.join([a, g, s])


def itin(r):
    g = pick(r, list(range(50, 66)) + list(range(70, 89)) + [90, 91, 92] + list(range(94, 100)))
    return "9%02d-%02d-%04d" % (r.randint(0, 99), g, r.randint(1, 9999))


EIN_PFX = [1, 2, 3, 4, 5, 6, 10, 11, 12, 13, 14, 15, 16, 20, 21, 22, 23, 24, 25, 26, 27, 30, 31, 32, 33, 34, 35, 36, 37,
           38, 39, 40, 41, 42, 43, 44, 45, 46, 47, 48, 50, 51, 52, 53, 54, 55, 56, 57, 58, 59, 60, 61, 62, 63, 64, 65,
           66, 67, 68, 71, 72, 73, 74, 75, 76, 77, 80, 81, 82, 83, 84, 85, 86, 87, 88, 90, 91, 92, 93, 94, 95, 98, 99]


def ein(r):
    return "%02d-%s" % (pick(r, EIN_PFX), digits(r, 7))


def masked_ssn(r):
    last = digits(r, 4)
    return pick(r, ["XXX-XX-" + last, "***-**-" + last, "xxx-xx-" + last, "XXXXX" + last, "•••-••-" + last])


ODD = dict(zip(DIG + UP, [1, 0, 5, 7, 9, 13, 15, 17, 19, 21] +
               [1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23]))
EVEN = dict(zip(DIG + UP, list(range(10)) + list(range(26))))
CF_MONTHS = "ABCDEHLMPRST"
OMO = "LMNPQRSTUV"
OMO_POS = [14, 13, 12, 10, 9, 7, 6]
VOW = "AEIOU"


def cf_check(s15):
    t = sum(ODD[c] if i % 2 == 0 else EVEN[c] for i, c in enumerate(s15))
    return chr(65 + t % 26)


def _cf_sur(s):
    s = "".join(c for c in s.upper() if c.isalpha())
    c = [x for x in s if x not in VOW]
    v = [x for x in s if x in VOW]
    return ("".join(c + v) + "XXX")[:3]


def _cf_name(s):
    s = "".join(c for c in s.upper() if c.isalpha())
    c = [x for x in s if x not in VOW]
    v = [x for x in s if x in VOW]
    if len(c) >= 4:
        return c[0] + c[2] + c[3]
    return ("".join(c + v) + "XXX")[:3]


def cf_of(p, omo=0):
    base = _cf_sur(p.last) + _cf_name(p.first) + "%02d" % (p.y % 100) + CF_MONTHS[p.m - 1] + \
        "%02d" % (p.d + (40 if p.female else 0)) + p.place
    lst = list(base)
    for k in range(omo):
        i = OMO_POS[k]
        lst[i] = OMO[int(lst[i])]
    s = "".join(lst)
    return s + cf_check(s)


def cf(r, p, allow_omo=True):
    omo = 0
    if allow_omo and r.random() < 0.18:
        omo = pick(r, [1, 1, 1, 2, 2, 3])
    return cf_of(p, omo)


def cf_bad(r, p):
    good = cf_of(p)
    return good[:15] + pick(r, [c for c in UP if c != good[15]])


def piva(r, office=None):
    while True:
        body = digits(r, 7)
        if body != "0000000":
            break
    off = office or "%03d" % pick(r, list(range(1, 101)) + [120, 121])
    b = body + off
    t = 0
    for i, ch in enumerate(b):
        d = int(ch)
        if i % 2 == 1:
            d *= 2
            if d > 9:
                d -= 9
        t += d
    return b + str((10 - t % 10) % 10)


def piva_bad(r):
    g = piva(r)
    return g[:10] + str((int(g[10]) + r.randint(1, 9)) % 10)


def iban_cd(country, bban):
    num = "".join(str(int(c, 36)) for c in bban + country + "00")
    return "%02d" % (98 - int(num) % 97)


def it_cin(s22):
    t = sum(ODD[c] if i % 2 == 0 else EVEN[c] for i, c in enumerate(s22))
    return chr(65 + t % 26)


ABI = ["03069", "02008", "05034", "01030", "05696", "03032", "06230", "08327", "03015", "07601", "05387", "03104"]


def iban_raw(r, country="IT"):
    if country == "IT":
        s = pick(r, ABI) + digits(r, 5) + digits(r, 12)
        bban = it_cin(s) + s
    elif country == "GB":
        bban = pick(r, ["NWBK", "BARC", "LOYD", "HBUK", "MIDL", "RBOS", "ABBY", "MONZ", "SRLG"]) + digits(r, 14)
    elif country == "IE":
        bban = pick(r, ["AIBK", "BOFI", "IPBS"]) + digits(r, 14)
    else:  # DE
        bban = str(r.randint(1, 8)) + digits(r, 7) + digits(r, 10)
    return country + iban_cd(country, bban) + bban


def iban_fmt(r, raw, grouped=None):
    if grouped is None:
        grouped = r.random() < 0.55
    if grouped:
        return " ".join(raw[i:i + 4] for i in range(0, len(raw), 4))
    return raw


def iban(r, country="IT", grouped=None):
    return iban_fmt(r, iban_raw(r, country), grouped)


def iban_bad(r, country="IT"):
    raw = iban_raw(r, country)
    cd = int(raw[2:4])
    bad = "%02d" % ((cd + r.randint(1, 50)) % 97 + 2)
    if bad == raw[2:4]:
        bad = "%02d" % ((cd + 7) % 90 + 2)
    return iban_fmt(r, raw[:2] + bad + raw[4:])


US_AREAS = ["212", "646", "718", "917", "347", "312", "773", "415", "510", "213", "310", "617", "202", "305", "404",
            "713", "214", "602", "206", "503", "303", "215", "412", "313", "612", "314", "702", "801", "919", "704",
            "615", "512", "210", "916", "858", "408", "973", "201", "516", "914"]


def us_phone(r, fmt=None):
    a = pick(r, US_AREAS)
    while True:
        e = str(r.randint(2, 9)) + digits(r, 2)
        if e[1:] != "11" and e != "555":
            break
    l = digits(r, 4)
    fmt = fmt or pick(r, ["paren", "paren", "dash", "dash", "dot", "intl", "intl2", "one"])
    return {"paren": "(%s) %s-%s", "dash": "%s-%s-%s", "dot": "%s.%s.%s", "intl": "+1 %s %s %s",
            "intl2": "+1 (%s) %s-%s", "one": "1-%s-%s-%s", "plain": "%s%s%s", "space": "%s %s %s"}[fmt] % (a, e, l)


def uk_phone(r, kind=None):
    kind = kind or pick(r, ["mob", "mob", "lon", "geo", "intl_mob", "intl_lon", "intl0"])
    if kind in ("mob", "intl_mob"):
        while True:
            m = "7" + str(r.randint(4, 9)) + digits(r, 2)
            rest = digits(r, 6)
            if not (m == "7700" and rest.startswith("900")):
                break
        return ("0%s %s" % (m, rest)) if kind == "mob" else pick(r, ["+44 %s %s" % (m, rest), "+44 %s %s %s" % (m, rest[:3], rest[3:])])
    if kind in ("lon", "intl_lon", "intl0"):
        n = pick(r, ["7", "3", "8"]) + digits(r, 3)
        m = digits(r, 4)
        if kind == "lon":
            return "020 %s %s" % (n, m)
        if kind == "intl_lon":
            return "+44 20 %s %s" % (n, m)
        return "+44 (0)20 %s %s" % (n, m)
    code = pick(r, ["0161", "0121", "0113", "0131", "0141", "0117", "0114", "0115", "029 20"])
    while True:
        a = digits(r, 3)
        if not (code == "0161" and a == "496"):
            break
    if code == "029 20":
        return "029 20%s %s" % (digits(r, 2), digits(r, 4))
    return "%s %s %s" % (code, a, digits(r, 4))


IT_MOB = ["320", "324", "327", "328", "329", "330", "331", "333", "334", "335", "338", "339", "340", "342", "345",
          "346", "347", "348", "349", "351", "366", "368", "370", "377", "380", "388", "389", "391", "392", "393"]
IT_AREA = [("02", 8), ("06", 8), ("011", 7), ("051", 7), ("055", 7), ("081", 7), ("091", 7), ("010", 7),
           ("041", 7), ("070", 6), ("080", 7), ("045", 6), ("049", 7), ("040", 6), ("030", 7)]


def it_phone(r, kind=None):
    kind = kind or pick(r, ["mob", "mob", "mob", "land", "land", "intl_mob", "intl_land", "00"])
    if kind in ("mob", "intl_mob", "00"):
        p, n = pick(r, IT_MOB), digits(r, 7)
        body = pick(r, ["%s %s" % (p, n), "%s %s %s" % (p, n[:3], n[3:]), "%s-%s" % (p, n), "%s%s" % (p, n),
                        "%s/%s" % (p, n), "%s.%s" % (p, n)] if kind == "mob" else ["%s %s" % (p, n), "%s %s %s" % (p, n[:3], n[3:])])
        return body if kind == "mob" else (("+39 " if kind == "intl_mob" else "0039 ") + body)
    a, ln = pick(r, IT_AREA)
    n = digits(r, ln)
    if kind == "land":
        return pick(r, ["%s %s" % (a, n), "%s/%s" % (a, n), "%s-%s" % (a, n),
                        "%s %s %s" % (a, n[:len(n) // 2], n[len(n) // 2:])])
    return "+39 %s %s" % (a, n)


def ip_public(r):
    while True:
        a = pick(r, [23, 31, 37, 45, 62, 71, 73, 79, 81, 82, 87, 93, 95, 98, 108, 151, 176, 185, 188, 193, 195,
                     212, 213, 217, 68, 24, 50, 66, 99, 104])
        b, c, d = r.randint(0, 255), r.randint(0, 255), r.randint(1, 254)
        return "%d.%d.%d.%d" % (a, b, c, d)


def ip_private(r):
    k = r.randint(0, 2)
    if k == 0:
        return "10.%d.%d.%d" % (r.randint(0, 255), r.randint(0, 255), r.randint(1, 254))
    if k == 1:
        return "192.168.%d.%d" % (r.randint(0, 255), r.randint(1, 254))
    return "172.%d.%d.%d" % (r.randint(16, 31), r.randint(0, 255), r.randint(1, 254))


def ipv6(r):
    pre = pick(r, ["2a02:%x" % r.randint(0x1000, 0xffff), "2600:%x" % r.randint(0x1000, 0x1fff),
                   "2a01:%x" % r.randint(0x100, 0xfff), "2001:%x" % r.randint(0x4000, 0x4fff)])
    groups = ["%x" % r.randint(0, 0xffff) for _ in range(r.choice([2, 6]))]
    if len(groups) == 2:
        return pre + ":" + groups[0] + "::" + groups[1]
    return pre + ":" + ":".join(groups)


def ip_any(r):
    k = r.random()
    if k < 0.55:
        return ip_public(r)
    if k < 0.85:
        return ip_private(r)
    return ipv6(r)


def _slug(s):
    return "".join(c for c in s.lower() if c.isalpha())


def email(r, first, last, domain):
    f, l = _slug(first), _slug(last)
    local = pick(r, ["%s.%s" % (f, l), "%s%s" % (f[0], l), "%s_%s%d" % (f, l, r.randint(1, 99)), "%s.%s" % (l, f),
                     "%s%s%d" % (f, l, r.randint(60, 99)), "%s.%s" % (f[0], l)])
    return "%s@%s" % (local, domain)


US_FIRMS = [("Harlan & Whitcombe LLP", "harlanwhitcombe.com"), ("Delgado Reyes PLLC", "delgadoreyeslaw.com"),
            ("Brennan Ostrowski LLP", "bo-law.com"), ("Castellano & Pike", "castellanopike.com"),
            ("Mercer Halloway LLP", "mercerhalloway.com"), ("Oyelaran Legal Group", "oyelaranlegal.com"),
            ("Kessler Vance & Moy", "kvmlaw.com"), ("Thornbury Gaskell LLP", "thornburygaskell.com")]
US_PERSONAL = ["gmail.com", "yahoo.com", "outlook.com", "icloud.com", "aol.com", "hotmail.com", "protonmail.com"]
UK_PERSONAL = ["gmail.com", "btinternet.com", "hotmail.co.uk", "outlook.com", "yahoo.co.uk", "sky.com"]
IT_PERSONAL = ["gmail.com", "libero.it", "virgilio.it", "alice.it", "hotmail.it", "yahoo.it", "tiscali.it"]
IT_PEC = ["pec.it", "legalmail.it", "postacert.it", "pec.ordineavvocatiroma.it", "milano.pecavvocati.it",
          "pec.commercialisti.it", "arubapec.it", "pec.notariato.it"]
IT_STUDI = [("Studio Legale Marchetti & Associati", "studiomarchetti.it"), ("Studio Legale Avv. Caputo", "avvocatocaputo.it"),
            ("Studio Notarile Serra", "notaioserra.it"), ("Studio Associato Fabbri Neri", "fabbrineri.it"),
            ("Agenzia Immobiliare Il Portico", "ilporticoimmobiliare.it"), ("Studio Legale Orlando", "studiolegaleorlando.it")]
UK_FIRMS = [("Ashworth Pembridge Solicitors", "ashworthpembridge.co.uk"), ("Kaur & Lindqvist LLP", "kaurlindqvist.co.uk"),
            ("Fenwick Hale Solicitors", "fenwickhale.co.uk"), ("Morrow Baines Law", "morrowbaines.co.uk")]


def pw(r):
    k = r.randint(0, 6)
    w = pick(r, ["Giustizia", "Tribunale", "Summer", "Autumn", "Liberty", "Falcon", "Roma", "Milano", "Brighton",
                 "Harbour", "Maple", "Cortile", "Sole", "Winter", "Camden", "Aurora"])
    if k == 0:
        return w + str(r.randint(2019, 2025)) + pick(r, "!#$%&*?")
    if k == 1:
        return w + pick(r, "#@!_") + digits(r, r.randint(2, 4)) + rs(r, string.ascii_letters, 2)
    if k == 2:
        return rs(r, string.ascii_letters + DIG, 4) + pick(r, "!#$%&*@") + rs(r, string.ascii_letters + DIG, r.randint(4, 8))
    if k == 3:
        return pick(r, UP) + rs(r, string.ascii_lowercase, 3) + digits(r, 2) + pick(r, "!?#") + pick(r, UP) + rs(r, string.ascii_lowercase + DIG, 3)
    if k == 4:
        return rs(r, string.ascii_letters + DIG, 1) + pick(r, "!#$") + rs(r, string.ascii_letters + DIG, 9)
    if k == 5:
        return pick(r, ["Tr0ub4dor&", "P@ssw0rd-", "Qwerty!", "Benvenuto1!", "Welcome#"]) + rs(r, string.ascii_letters + DIG, r.randint(3, 6))
    return rs(r, string.ascii_lowercase, 5) + digits(r, 3) + pick(r, "!.$") + rs(r, UP, 2)


# secrets -----------------------------------------------------------------------------------
def b62enc(n):
    s = ""
    while n:
        n, k = divmod(n, 62)
        s = B62[k] + s
    return s or "0"


def gh_token(r, prefix="ghp_"):
    body = rs(r, B62, 30)
    return prefix + body + b62enc(zlib.crc32(body.encode()) & 0xffffffff).rjust(6, "0")


def aws_key(r):
    return pick(r, ["AKIA", "AKIA", "ASIA"]) + rs(r, UP + "234567", 16)


def aws_secret(r):
    return rs(r, string.ascii_letters + DIG + "+/", 40)


def stripe_key(r):
    return pick(r, ["sk_live_", "sk_live_", "rk_live_"]) + rs(r, string.ascii_letters + DIG, pick(r, [24, 34, 99]))


def google_key(r):
    return "AIza" + rs(r, string.ascii_letters + DIG + "-_", 35)


def openai_key(r):
    a = string.ascii_letters + DIG + "-_"
    return "sk-proj-" + rs(r, a, 58) + "T3BlbkFJ" + rs(r, a, 58)


def slack_hook(r):
    return "https://hooks.slack.com/services/T%s/B%s/%s" % (rs(r, UP + DIG, 8), rs(r, UP + DIG, 10), rs(r, string.ascii_letters + DIG, 24))


def b64u(b):
    return base64.urlsafe_b64encode(b).rstrip(b"=").decode()


def jwt(r, payload):
    h = {"alg": pick(r, ["HS256", "RS256"]), "typ": "JWT"}
    return b64u(json.dumps(h, separators=(",", ":")).encode()) + "." + \
        b64u(json.dumps(payload, separators=(",", ":")).encode()) + "." + b64u(bytes(r.getrandbits(8) for _ in range(32)))


def uuid4(r):
    h = "%032x" % r.getrandbits(128)
    return "%s-%s-4%s-%s%s-%s" % (h[:8], h[8:12], h[13:16], pick(r, "89ab"), h[17:20], h[20:])


def sha256(r):
    return "%064x" % r.getrandbits(256)


# domain numbers (hard negatives) -------------------------------------------------------------
VIN_T = dict(zip("ABCDEFGHJKLMNPRSTUVWXYZ", [1, 2, 3, 4, 5, 6, 7, 8, 1, 2, 3, 4, 5, 7, 9, 2, 3, 4, 5, 6, 7, 8, 9]))
VIN_W = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2]


def vin(r):
    al = "ABCDEFGHJKLMNPRSTUVWXYZ" + DIG
    wmi = pick(r, ["1HG", "1FT", "2T1", "3VW", "5YJ", "JTD", "WVW", "ZFA", "WBA", "1G1", "KMH", "ZAR", "SAJ"])
    s = wmi + rs(r, al, 5) + "0" + rs(r, al, 2) + digits(r, 6)
    t = sum((int(c) if c.isdigit() else VIN_T[c]) * w for c, w in zip(s, VIN_W))
    cd = "X" if t % 11 == 10 else str(t % 11)
    return s[:8] + cd + s[9:]


def nhs(r, spaced=True):
    while True:
        d = digits(r, 9)
        if d[0] == "0":
            continue
        t = sum(int(c) * w for c, w in zip(d, range(10, 1, -1)))
        c = 11 - t % 11
        if c == 10:
            continue
        c = 0 if c == 11 else c
        s = d + str(c)
        return "%s %s %s" % (s[:3], s[3:6], s[6:]) if spaced else s


def nino(r, spaced=None):
    a = pick(r, [c for c in UP if c not in "DFIQUV"])
    while True:
        b = pick(r, [c for c in UP if c not in "DFIOQUV"])
        if a + b not in ("BG", "GB", "KN", "NK", "NT", "TN", "ZZ"):
            break
    n = digits(r, 6)
    s = pick(r, "ABCD")
    if spaced is None:
        spaced = r.random() < 0.5
    return "%s%s %s %s %s %s" % (a, b, n[:2], n[2:4], n[4:], s) if spaced else a + b + n + s


def utr(r):
    d = str(r.randint(1, 9)) + digits(r, 9)
    return pick(r, [d, d[:5] + " " + d[5:]])


def aba(r):
    while True:
        d = "%02d" % pick(r, list(range(1, 13)) + list(range(21, 33))) + digits(r, 6)
        for c in DIG:
            s = d + c
            if (3 * (int(s[0]) + int(s[3]) + int(s[6])) + 7 * (int(s[1]) + int(s[4]) + int(s[7])) +
                    int(s[2]) + int(s[5]) + int(s[8])) % 10 == 0:
                return s


def a_number(r):
    n = digits(r, 9) if r.random() < 0.7 else "0" + digits(r, 8)
    return pick(r, ["A%s" % n, "A-%s-%s-%s" % (n[:3], n[3:6], n[6:]), "A# %s-%s-%s" % (n[:3], n[3:6], n[6:]),
                    "A %s %s %s" % (n[:3], n[3:6], n[6:])])


def uscis_receipt(r):
    return pick(r, ["IOE", "EAC", "WAC", "LIN", "SRC", "MSC", "NBC"]) + pick(r, ["09", "19", "21", "22", "23", "24"]) + digits(r, 8)


def docket_fed(r):
    return "%d:%02d-%s-%05d" % (r.randint(1, 3), r.randint(19, 25), pick(r, ["cv", "cv", "cr", "mc"]), r.randint(1, 9999))


def docket_state(r):
    return pick(r, ["%d-CA-%06d" % (r.randint(2019, 2025), r.randint(1, 99999)),
                    "Index No. %06d/%d" % (r.randint(100000, 999999), r.randint(2019, 2025)),
                    "%dSTCV%05d" % (r.randint(19, 25), r.randint(1, 99999)),
                    "%d L %06d" % (r.randint(2019, 2025), r.randint(1, 99999)),
                    "CV-%d-%07d" % (r.randint(2019, 2025), r.randint(1, 999999))])


def rg(r):
    return "%d/%d" % (r.randint(100, 29999), r.randint(2017, 2025))


def prot(r):
    return pick(r, ["%07d/%d" % (r.randint(1, 999999), r.randint(2019, 2025)), "%d" % r.randint(1000, 99999),
                    "%07d" % r.randint(1, 999999)])


def targa_it(r):
    L = "ABCDEFGHJKLMNPRSTVWXYZ"
    return pick(r, ["%s%s %s %s%s", "%s%s%s%s%s"]) % (pick(r, L[:8]), pick(r, L), digits(r, 3), pick(r, L), pick(r, L))


def plate_uk(r):
    L = "ABCDEFGHJKLMNOPRSTUVWXY"
    return "%s%s%02d %s%s%s" % (pick(r, L), pick(r, L), pick(r, [19, 69, 20, 70, 21, 71, 22, 72, 23, 73, 24]), pick(r, L), pick(r, L), pick(r, L))


def plate_us(r):
    return pick(r, ["%d%s%s" % (r.randint(1, 9), rs(r, UP, 3), digits(r, 3)), "%s-%s" % (rs(r, UP, 3), digits(r, 4)),
                    "%s %s" % (rs(r, UP, 3), digits(r, 4))])


def cig(r):
    return pick(r, [digits(r, 3) + rs(r, "0123456789ABCDEF", 7), "Z" + rs(r, "0123456789ABCDEF", 9),
                    "B" + rs(r, "0123456789ABCDEF", 9)])


def cup(r):
    return pick(r, "BCDEFGHIJ") + digits(r, 2) + pick(r, "BCDEFGHIJ") + digits(r, 2) + "000" + digits(r, 6)


def catasto(r, lang="it"):
    fg, pa, sub = r.randint(1, 480), r.randint(1, 2999), r.randint(1, 60)
    cat = pick(r, ["A/2", "A/3", "A/4", "A/7", "C/6", "C/2"])
    return "foglio %d, particella %d, subalterno %d, categoria %s, classe %d, consistenza %s vani, rendita catastale %s" % (
        fg, pa, sub, cat, r.randint(1, 7), pick(r, ["4", "4,5", "5", "5,5", "6", "7"]), eur(r, 200, 1900))


def pagopa(r):
    d = "3" + digits(r, 17)
    return pick(r, [d, " ".join([d[i:i + 4] for i in range(0, 16, 4)] + [d[16:]])])


def policy_us(r):
    return pick(r, ["HO3-%s-%s" % (digits(r, 7), digits(r, 2)), "%s-%s-%s" % (digits(r, 3), digits(r, 4), digits(r, 3)),
                    "PA%s" % digits(r, 9), "%s %s" % (rs(r, UP, 3), digits(r, 8))])


def claim_us(r):
    return pick(r, ["%s-%s" % (digits(r, 10), digits(r, 2)), "CLM-%d-%07d" % (r.randint(2021, 2025), r.randint(1, 9999999)),
                    "%s%s" % (rs(r, UP, 2), digits(r, 9))])


def apn(r):
    return pick(r, ["%s-%s-%s" % (digits(r, 4), digits(r, 3), digits(r, 3)), "%s-%s-%s" % (digits(r, 3), digits(r, 3), digits(r, 2)),
                    "%02d-%02d-%03d-%03d-0000" % (r.randint(1, 33), r.randint(1, 36), r.randint(1, 400), r.randint(1, 80))])


# ---------------------------------------------------------------------------------------------
# varied ways of introducing a value (the label words people actually use)
# ---------------------------------------------------------------------------------------------
def phone_intro_en(r):
    return pick(r, ["Tel.: ", "Phone: ", "Mobile: ", "Cell: ", "call me on ", "you can reach me at ", "WhatsApp: ", "text me at ",
                    "M: ", "Direct line ", "Daytime phone ", "best number is ", "contact number ", "Tel ", "ph. "])


def phone_intro_it(r):
    return pick(r, ["tel. ", "cell. ", "cellulare ", "recapito telefonico ", "chiamatemi al ", "numero ", "WhatsApp ", "mi trovate al ",
                    "telefono ", "tel/cell ", "Tel: ", "rif. telefonico ", "reperibile al "])


def ssn_intro_en(r):
    return pick(r, ["SSN ", "SSN: ", "SS# ", "Soc. Sec. No. ", "Social Security No. ", "social security number ", "SS No. ",
                    "Taxpayer ID (SSN) ", "TIN/SSN: ", "his social is ", "her SSN is "])


def pw_intro_en(r):
    return pick(r, ["Password: ", "pw: ", "temp password ", "my password is ", "the password is ", "Passcode: ", "PW ", "password = ",
                    "initial password: "])


def pw_intro_it(r):
    return pick(r, ["password: ", "la password è ", "pwd ", "psw: ", "parola chiave: ", "password provvisoria: ", "Password ", "pass: "])


def iban_it_components(r):
    raw = iban_raw(r, "IT")
    return pick(r, ["%s %s %s %s %s %s" % (raw[:2], raw[2:4], raw[4], raw[5:10], raw[10:15], raw[15:]),
                    "%s %s %s %s" % (raw[:5], raw[5:10], raw[10:15], raw[15:]),
                    "%s-%s-%s-%s-%s" % (raw[:4], raw[4], raw[5:10], raw[10:15], raw[15:])])


def _interleave(sep, items):
    out = []
    for i, x in enumerate(items):
        if i:
            out.append(sep)
        out.append(x)
    return out


def footer_it(r, ente, dom, com=None):
    """Letterhead footer of an Italian office: address, phone and mail separated by dashes or middle dots."""
    return _interleave(pick(r, [" – ", " · ", " | ", " - "]),
                       [ente, addr_it(r, com), F("PHONE", it_phone(r, pick(r, ["land", "land", "intl_land"]))), F("EMAIL", dom)])


def footer_us(r, firm, dom):
    return _interleave(pick(r, [" · ", " | ", " • "]), [firm, addr_us(r), F("PHONE", us_phone(r, pick(r, ["dot", "paren", "dash"]))), "www." + dom])


def footer_uk(r, org, site, addr=None):
    return _interleave(pick(r, [" | ", " · ", " – "]), [org, addr or addr_uk(r), F("PHONE", uk_phone(r, pick(r, ["lon", "geo"]))), site])


def footer_parts(r, parts):
    return parts


def add_footer(d, parts):
    d.add("\n")
    for p in parts:
        if isinstance(p, F):
            d.add("⟦x⟧", x=p)
        else:
            d.add(p)
    d.add("\n")


# ---------------------------------------------------------------------------------------------
# templates: each takes (r, pos) and returns a Doc. pos=False must give no finding at all.
# ---------------------------------------------------------------------------------------------
TEMPLATES = []


def tmpl(fn):
    TEMPLATES.append(fn)
    return fn


def req_en(r, kind="doc"):
    return pick(r, ["Can you summarise this for the file?", "Please check this for errors before I send it.",
                    "Summarize the key points of the following in plain English:", "Draft a short cover email based on this:",
                    "Translate the following into Italian, keep the layout:", "What is missing from this form?",
                    "Turn this into a bullet list for the supervising attorney:",
                    "Is anything inconsistent here? Pasting the relevant part below.",
                    "Rewrite this more formally:", "Extract the dates and deadlines from this:"])


def req_it(r):
    return pick(r, ["Riassumi questo documento:", "Traduci in inglese mantenendo la formattazione:",
                    "Controlla se ci sono errori o incongruenze:", "Prepara una bozza di risposta a questa comunicazione:",
                    "Estrai scadenze e importi da questo testo:", "Mi fai un riassunto in tre punti?",
                    "Riscrivi in modo più formale:", "Cosa manca in questa domanda?",
                    "Puoi verificare che i dati siano coerenti?"])


# ============================== US tax ==============================
@tmpl
def t_w2(r, pos):
    d = Doc("en")
    p = person_us(r)
    emp = pick(r, ["Riverside Unified School District", "County of Maricopa", "Harlan & Whitcombe LLP",
                   "Midwest Mutual Insurance Co.", "City of Columbus", "Lakeshore Community College"])
    s = F("US_SSN", ssn(r)) if pos else masked_ssn(r)
    w1 = r.uniform(28000, 140000)
    fouo = r.random() < 0.25
    if fouo:
        d.tags.add("judgement")   # "For Official Use Only" is a box label on the W-2, not a marking
    d.add("⟦q⟧\n\n", q=pick(r, ["My W-2 box 1 is lower than boxes 3 and 5, is that normal? Here it is:",
                                 "Employee asked why her state wages differ from box 1. W-2 below, explain in simple terms.",
                                 "Check this W-2 against the paystub totals ($%s gross)." % "{:,.2f}".format(w1 * 1.07)]))
    d.add("22222  ☐ Void   a Employee's social security number\n⟦s⟧⟦f⟧\n", s=s,
          f="   For Official Use Only ►\n   OMB No. 1545-0008" if fouo else "   OMB No. 1545-0008")
    d.add("b Employer identification number (EIN)\n⟦e⟧\nc Employer's name, address, and ZIP code\n⟦emp⟧\n⟦a⟧\n",
          e=ein(r), emp=emp, a=addr_us(r))
    d.add("d Control number ⟦c⟧\ne Employee's first name and initial  Last name\n⟦n⟧\nf Employee's address and ZIP code\n⟦a⟧\n",
          c=digits(r, 7), n="%s %s %s" % (p.first, p.mi, p.last), a=addr_us(r))
    d.add("1 Wages, tips, other compensation  ⟦w1⟧\n2 Federal income tax withheld  ⟦w2⟧\n3 Social security wages  ⟦w3⟧\n"
          "4 Social security tax withheld  ⟦w4⟧\n5 Medicare wages and tips  ⟦w3⟧\n6 Medicare tax withheld  ⟦w6⟧\n",
          w1="{:,.2f}".format(w1), w2="{:,.2f}".format(w1 * 0.13), w3="{:,.2f}".format(w1 * 1.06),
          w4="{:,.2f}".format(w1 * 1.06 * 0.062), w6="{:,.2f}".format(w1 * 1.06 * 0.0145))
    d.add("12a D | ⟦x⟧   12b DD | ⟦y⟧\n15 State ⟦st⟧  Employer's state ID number ⟦sid⟧\n16 State wages ⟦w⟧\n"
          "Form W-2 Wage and Tax Statement 2024   Department of the Treasury—Internal Revenue Service\n",
          x="{:,.2f}".format(r.uniform(1000, 9000)), y="{:,.2f}".format(r.uniform(3000, 19000)),
          st=pick(r, ["NY", "CA", "IL", "OH", "AZ"]), sid=digits(r, 3) + "-" + digits(r, 5) + "-" + digits(r, 1), w="{:,.2f}".format(w1 * 1.02))
    return d


@tmpl
def t_1099(r, pos):
    d = Doc("en")
    kind = pick(r, ["1099-NEC", "1099-INT", "1099-MISC", "1099-R", "1099-S"])
    payer = pick(r, ["Brightline Title & Escrow LLC", "First Cascade Credit Union", "Delgado Reyes PLLC",
                     "State Teachers' Retirement System", "Northgate Insurance Agency Inc."])
    rec = person_us(r)
    d.add("⟦q⟧\n\n", q=pick(r, ["Is this %s filled out right? The contractor says the TIN is wrong." % kind,
                                 "Client forwarded this %s, do they need to report it?" % kind,
                                 "Please summarise what this form reports:"]))
    d.add("PAYER'S name, street address, city or town, state or province, country, ZIP or foreign postal code, and telephone no.\n"
          "⟦p⟧\n⟦a⟧", p=payer, a=addr_us(r))
    if pos and r.random() < 0.5:
        d.add("\n⟦ph⟧", ph=F("PHONE", us_phone(r)))
    tin = F("US_SSN", ssn(r, pick(r, ["-", "-", "-", ""]))) if pos else pick(r, [itin(r), masked_ssn(r), ein(r)])
    if pos and "-" not in tin.val:
        d.tags.add("judgement")   # nine bare digits as a "TIN": an SSN's digits, but an EIN can be written the same way
    d.add("\n\nPAYER'S TIN  ⟦e⟧\nRECIPIENT'S TIN  ⟦t⟧\nRECIPIENT'S name\n⟦n⟧\nStreet address (including apt. no.)\n⟦a⟧\n",
          e=ein(r), t=tin,
          n="%s %s" % (rec.first, rec.last), a=addr_us(r))
    d.add("Account number (see instructions)  ⟦acct⟧\n", acct=digits(r, r.randint(6, 10)))
    box = {"1099-NEC": "1 Nonemployee compensation", "1099-INT": "1 Interest income", "1099-MISC": "1 Rents",
           "1099-R": "1 Gross distribution", "1099-S": "2 Gross proceeds"}[kind]
    d.add("⟦b⟧  ⟦v⟧\n4 Federal income tax withheld  $0.00\nForm %s (Rev. January 2024)  Cat. No. %d  www.irs.gov/Form%s\n"
          % (kind, r.randint(10000, 99999), kind.replace("-", "")), b=box, v=usd(r, 600, 90000))
    return d


@tmpl
def t_1040(r, pos):
    d = Doc("en")
    p, s = person_us(r), person_us(r)
    s.last = p.last
    d.add("⟦q⟧\n\n", q=pick(r, ["Help me double-check the header of this 1040 before we e-file:",
                                 "Client's draft return, first page. Anything that would get it rejected?",
                                 "Summarize this return for the engagement letter:"]))
    d.add("Form 1040  U.S. Individual Income Tax Return  2023  OMB No. 1545-0074  IRS Use Only—Do not write or staple in this space.\n"
          "Filing Status  ☒ Married filing jointly\nYour first name and middle initial  Last name  Your social security number\n"
          "⟦n⟧  ⟦ss⟧\nIf joint return, spouse's first name and middle initial  Last name  Spouse's social security number\n⟦sn⟧  ⟦sp⟧\n"
          "Home address (number and street)\n⟦a⟧\n",
          n="%s %s %s" % (p.first, p.mi, p.last), ss=F("US_SSN", ssn(r)) if pos else masked_ssn(r),
          sn="%s %s %s" % (s.first, s.mi, s.last), sp=F("US_SSN", ssn(r)) if pos and r.random() < 0.7 else masked_ssn(r),
          a=addr_us(r))
    if r.random() < 0.6:
        c = person_us(r)
        d.add("Dependents  (1) First name  Last name  (2) Social security number  (3) Relationship\n⟦c⟧  ⟦cs⟧  ⟦rel⟧\n",
              c="%s %s" % (c.first, p.last), cs=F("US_SSN", ssn(r)) if pos and r.random() < 0.6 else masked_ssn(r),
              rel=pick(r, ["Son", "Daughter", "Stepchild"]))
    d.add("1a Total amount from Form(s) W-2, box 1  ⟦w⟧\n2b Taxable interest  ⟦i⟧\n11 Adjusted gross income  ⟦g⟧\n"
          "35a Amount of line 34 you want refunded to you  ⟦rf⟧\n▶ b Routing number  ⟦rt⟧   ▶ c Type: ☒ Checking ☐ Savings\n"
          "▶ d Account number  ⟦ac⟧\n", w="{:,}".format(r.randint(30000, 190000)), i="{:,}".format(r.randint(10, 2500)),
          g="{:,}".format(r.randint(40000, 200000)), rf="{:,}".format(r.randint(200, 6000)), rt=aba(r), ac=digits(r, r.randint(9, 12)))
    if pos and r.random() < 0.6:
        d.add("Sign Here  Your occupation ⟦o⟧  Phone no. ⟦ph⟧  Email address ⟦em⟧\n", o=pick(r, ["Teacher", "Paralegal", "Nurse", "Claims adjuster"]),
              ph=F("PHONE", us_phone(r)), em=F("EMAIL", email(r, p.first, p.last, pick(r, US_PERSONAL))))
    d.add("Paid Preparer Use Only  PTIN P⟦pt⟧  Firm's EIN ⟦fe⟧\n", pt=digits(r, 8), fe=ein(r))
    return d


@tmpl
def t_irs_notice(r, pos):
    # IRS notices mask the SSN; a positive adds the preparer's internal note
    d = Doc("en")
    p = person_us(r)
    cp = pick(r, ["CP14", "CP2000", "CP501", "CP575", "LTR 4883C", "CP90"])
    d.add("⟦q⟧\n\n", q=pick(r, ["Client got this IRS notice, explain what it means and what we should do:",
                                 "Draft a response letter to this notice, the client disagrees with the amount:",
                                 "Summarise this notice in two sentences for the client:"]))
    d.add("Department of the Treasury\nInternal Revenue Service\nNotice ⟦cp⟧   Tax year ⟦ty⟧   Notice date ⟦nd⟧\n", cp=cp,
          ty=str(r.randint(2019, 2024)), nd=d_us(r, 2024, 2025))
    if cp == "CP575":
        d.add("EMPLOYER IDENTIFICATION NUMBER: ⟦e⟧\nWe assigned you an employer identification number (EIN). Keep this notice in your permanent records.\n", e=ein(r))
    else:
        d.add("Social Security number ⟦m⟧\nCaller ID ⟦cid⟧\nAmount due: ⟦a⟧   Pay by ⟦pb⟧\n"
              "Under Internal Revenue Code section 6651 we charge a penalty for paying late. See 26 U.S.C. § 6601 for interest.\n",
              m=masked_ssn(r), cid=digits(r, 6), a=usd(r, 120, 25000), pb=d_us(r, 2024, 2025))
    d.add("Page 1 of ⟦n⟧\n", n=str(r.randint(2, 6)))
    if pos:
        d.add("\nMy note: full SSN per engagement file is ⟦s⟧, ⟦ph⟧.\n", s=F("US_SSN", ssn(r)),
              ph=pick(r, ["client prefers email", F("PHONE", us_phone(r))]))
    return d


# ============================== US legal ==============================
COURTS_US = ["UNITED STATES DISTRICT COURT\nSOUTHERN DISTRICT OF NEW YORK", "UNITED STATES DISTRICT COURT\nNORTHERN DISTRICT OF ILLINOIS",
             "UNITED STATES DISTRICT COURT\nCENTRAL DISTRICT OF CALIFORNIA", "UNITED STATES DISTRICT COURT\nDISTRICT OF MASSACHUSETTS",
             "UNITED STATES BANKRUPTCY COURT\nEASTERN DISTRICT OF PENNSYLVANIA"]
CITES = ["28 U.S.C. § 1332(a)", "Fed. R. Civ. P. 12(b)(6)", "Ashcroft v. Iqbal, 556 U.S. 662, 678 (2009)",
         "Bell Atl. Corp. v. Twombly, 550 U.S. 544, 570 (2007)", "42 U.S.C. § 1983", "Fed. R. Civ. P. 5.2(a)",
         "Celotex Corp. v. Catrett, 477 U.S. 317, 322 (1986)", "29 U.S.C. § 216(b)", "15 U.S.C. § 1692k",
         "Local Civil Rule 7.1", "11 U.S.C. § 362(d)(1)", "Fed. R. Evid. 702", "26 U.S.C. § 6103"]


@tmpl
def t_us_filing(r, pos):
    d = Doc("en")
    pl, df, atty = person_us(r), person_us(r), person_us(r)
    firm, dom = pick(r, US_FIRMS)
    dk = docket_fed(r)
    jud = pick(r, ["JMF", "LGS", "KPF", "AT", "VEC", "JPC", "RA"])
    sealed = pos and r.random() < 0.2
    d.add("⟦q⟧\n\n", q=pick(r, ["Tighten the argument in this section and keep the citations:",
                                 "Summarize this brief for the client in plain English:",
                                 "Check the signature block and caption formatting:",
                                 "Proofread this before I file it on ECF:"]))
    if sealed:
        d.tags.add("judgement")   # a sealing legend is a handling marking; the type's definition does not name it
        d.add("⟦m⟧\n", m=F("CONFIDENTIAL_MARKER", pick(r, ["FILED UNDER SEAL", "SEALED", "FILED UNDER SEAL PURSUANT TO PROTECTIVE ORDER"])))
    d.add("Case ⟦dk⟧-⟦j⟧  Document ⟦dn⟧  Filed ⟦fd⟧  Page ⟦pg⟧ of ⟦pt⟧\n\n⟦ct⟧\n\n⟦pl⟧,\n        Plaintiff,\n    v.                         Case No. ⟦dk⟧ (⟦j⟧)\n⟦df⟧,\n        Defendant.\n\n",
          dk=dk, j=jud, dn=str(r.randint(5, 240)), fd="%02d/%02d/%02d" % (r.randint(1, 12), r.randint(1, 28), r.randint(20, 25)),
          pg=str(r.randint(2, 9)), pt=str(r.randint(10, 40)), ct=pick(r, COURTS_US), pl="%s %s" % (pl.first.upper(), pl.last.upper()),
          df=pick(r, ["METRO TRANSIT AUTHORITY", "%s %s" % (df.first.upper(), df.last.upper()), "NORTHGATE INSURANCE AGENCY INC."]))
    d.add("MEMORANDUM OF LAW IN ⟦k⟧\n\nUnder ⟦c1⟧, a complaint must contain sufficient factual matter, accepted as true, to state a claim "
          "that is plausible on its face. ⟦c2⟧. Plaintiff's opposition (ECF No. ⟦e⟧) does not cure the defects identified in our opening brief; "
          "the amended pleading still relies on conclusory allegations. See also ⟦c3⟧.\n\n",
          k=pick(r, ["SUPPORT OF DEFENDANT'S MOTION TO DISMISS", "OPPOSITION TO MOTION FOR SUMMARY JUDGMENT", "SUPPORT OF MOTION TO COMPEL"]),
          c1=pick(r, CITES), c2=pick(r, CITES), c3=pick(r, CITES), e=str(r.randint(10, 120)))
    d.add("Dated: ⟦dt⟧\n      ⟦city⟧\n                                   Respectfully submitted,\n                                   /s/ ⟦a⟧\n"
          "                                   ⟦a⟧ (Bar No. ⟦bn⟧)\n                                   ⟦f⟧\n                                   ⟦adr⟧\n",
          dt=d_us(r, 2023, 2025), city=pick(r, ["New York, New York", "Chicago, Illinois", "Los Angeles, California", "Boston, Massachusetts"]),
          a="%s %s. %s" % (atty.first, atty.mi, atty.last), bn=pick(r, [digits(r, 7), "SBN " + digits(r, 6), "ARDC " + digits(r, 7), "BBO #" + digits(r, 6)]),
          f=firm, adr=addr_us(r))
    if pos:
        parts = []
        if r.random() < 0.8:
            d.add("                                   Tel.: ⟦t⟧\n", t=F("PHONE", us_phone(r, pick(r, ["paren", "dash", "dot"]))))
            if r.random() < 0.3:
                d.tags.add("judgement")   # fax line: a telephone number of the firm, PHONE by format
                d.add("                                   Fax: ⟦t⟧\n", t=F("PHONE", us_phone(r, pick(r, ["paren", "dash"]))))
        d.add("                                   ⟦e⟧\n", e=F("EMAIL", email(r, atty.first, atty.last, dom)))
    d.add("                                   Attorneys for ⟦w⟧\n", w=pick(r, ["Plaintiff", "Defendant", "Defendants"]))
    if pos and r.random() < 0.3:
        add_footer(d, footer_parts(r, footer_us(r, firm, dom)))
    return d


@tmpl
def t_ca_form(r, pos):
    d = Doc("en")
    p = person_us(r)
    form = pick(r, ["SC-100", "FL-100", "UD-105", "CIV-100", "FL-300", "DV-100"])
    d.add("⟦q⟧\n\n", q=pick(r, ["Fill-in check: is the caption of this Judicial Council form complete?",
                                 "Translate this form header into Spanish for the client:",
                                 "Which fields are still empty on this form?"]))
    d.add("ATTORNEY OR PARTY WITHOUT ATTORNEY (Name, State Bar number, and address):            FOR COURT USE ONLY\n"
          "⟦n⟧ ⟦sb⟧\n⟦a⟧\nTELEPHONE NO.: ⟦t⟧   FAX NO. (Optional):\nE-MAIL ADDRESS (Optional): ⟦e⟧\n"
          "ATTORNEY FOR (Name): ⟦af⟧\nSUPERIOR COURT OF CALIFORNIA, COUNTY OF ⟦c⟧\nSTREET ADDRESS: ⟦ca⟧\n",
          n="%s %s" % (p.first, p.last), sb=pick(r, ["(SBN %s)" % digits(r, 6), "In Pro Per", ""]), a=addr_us(r),
          t=F("PHONE", us_phone(r)) if pos else "", e=F("EMAIL", email(r, p.first, p.last, pick(r, US_PERSONAL)).upper() if r.random() < 0.4 else email(r, p.first, p.last, pick(r, US_PERSONAL))) if pos and r.random() < 0.7 else "",
          af=pick(r, ["Self-Represented", "Petitioner", "Respondent"]), c=pick(r, ["LOS ANGELES", "ALAMEDA", "SAN DIEGO", "SANTA CLARA", "ORANGE"]),
          ca="%d %s" % (r.randint(100, 999), pick(r, ["N. Hill Street", "Fallon Street", "W. Broadway", "N. First Street"])))
    d.add("PETITIONER/PLAINTIFF: ⟦n⟧\nRESPONDENT/DEFENDANT: ⟦o⟧\nCASE NUMBER: ⟦k⟧\nForm Adopted for Mandatory Use  Judicial Council of California  ⟦f⟧ [Rev. January 1, 2024]  Code of Civil Procedure, § 116.220\n",
          n="%s %s" % (p.first, p.last), o="%s %s" % (pick(r, US_FIRST), pick(r, US_LAST)),
          k=pick(r, ["%dSC%05d" % (r.randint(22, 25), r.randint(1, 99999)), "%s%s" % (pick(r, ["BD", "FL", "UD"]), digits(r, 6)), "(blank)"]), f=form)
    if pos and not d.findings():
        d.add("Petitioner's cell: ⟦t⟧\n", t=F("PHONE", us_phone(r)))
    return d


@tmpl
def t_docket(r, pos):
    d = Doc("en")
    dk = docket_fed(r)
    atty = person_us(r)
    firm, dom = pick(r, US_FIRMS)
    d.add("⟦q⟧\n\n", q=pick(r, ["Make a timeline out of these docket entries:", "What is the next deadline on this docket?",
                                 "Summarize the procedural history from this PACER docket:"]))
    d.add("CIVIL DOCKET FOR CASE #: ⟦dk⟧\nDate Filed: ⟦df⟧   Jury Demand: ⟦jd⟧   Nature of Suit: ⟦ns⟧   Jurisdiction: ⟦ju⟧\n\n",
          dk=dk, df=d_us(r), jd=pick(r, ["Plaintiff", "Both", "None"]), ns=pick(r, ["440 Civil Rights: Other", "190 Contract: Other", "710 Labor: Fair Standards", "360 P.I.: Other"]),
          ju=pick(r, ["Federal Question", "Diversity"]))
    if pos:
        d.add("Plaintiff\n⟦pl⟧          represented by ⟦a⟧\n                              ⟦f⟧\n                              ⟦ad⟧\n                              ⟦ph⟧\n",
              pl="%s %s" % (pick(r, US_FIRST), pick(r, US_LAST)), a="%s %s %s" % (atty.first, atty.mi, atty.last), f=firm, ad=addr_us(r),
              ph=F("PHONE", us_phone(r, pick(r, ["dash", "paren"]))))
        if r.random() < 0.3:
            d.tags.add("judgement")
            d.add("                              Fax: ⟦fx⟧\n", fx=F("PHONE", us_phone(r, "dash")))
        d.add("                              Email: ⟦e⟧\n                              LEAD ATTORNEY\n                              ATTORNEY TO BE NOTICED\n\n",
              e=F("EMAIL", email(r, atty.first, atty.last, dom)))
    n = r.randint(1, 20)
    lines = []
    for _ in range(r.randint(4, 7)):
        n += r.randint(1, 12)
        lines.append("%s  %d  %s" % (d_us(r, 2023, 2025) if r.random() < 0.3 else "%02d/%02d/%d" % (r.randint(1, 12), r.randint(1, 28), r.randint(2023, 2025)), n, pick(r, [
            "ORDER granting %d Motion for Extension of Time to Answer. Answer due %s. (Signed by Judge on %s)" % (n - r.randint(1, 5), d_us(r, 2024, 2025), d_us(r, 2024, 2025)),
            "NOTICE OF APPEARANCE by %s %s on behalf of Defendant. (%s, %s)" % (pick(r, US_FIRST), pick(r, US_LAST), pick(r, US_LAST), pick(r, US_FIRST)),
            "MOTION to Dismiss for Failure to State a Claim. Document filed by Defendant. (Attachments: # 1 Exhibit A, # 2 Exhibit B)",
            "Filing fee $ 405, receipt number A%s-%s. (%s)" % (pick(r, ["NYSDC", "ILND", "CACD", "MAD"]), digits(r, 8), pick(r, US_LAST)),
            "SCHEDULING ORDER: Fact Discovery due by %s. Status Conference set for %s at 10:30 AM in Courtroom %d%s." % (d_us(r, 2024, 2025), d_us(r, 2024, 2025), r.randint(1, 26), pick(r, "ABCD")),
            "STIPULATED PROTECTIVE ORDER regarding confidential discovery material. (Signed by Magistrate Judge)",
            "TRANSCRIPT of Proceedings held on %s. Redaction Request due %s." % (d_us(r, 2024, 2025), d_us(r, 2024, 2025))])))
    if r.random() < 0.2 and not pos:
        d.tags.add("judgement")   # a docket entry reporting that something is sealed is not a marking of this text
        n += 1
        lines.append("%02d/%02d/%d  %d  SEALED DOCUMENT placed in vault." % (r.randint(1, 12), r.randint(1, 28), r.randint(2023, 2025), n))
    d.add("Date Filed  #  Docket Text\n" + "\n".join(lines) + "\n")
    return d


@tmpl
def t_efile_log(r, pos):
    d = Doc("en")
    lang_it = r.random() < 0.3
    if lang_it:
        d = Doc("it")
        d.add("⟦q⟧\n\n", q=pick(r, ["Il deposito telematico risulta rifiutato, mi spieghi questo log del gestore?",
                                     "Riassumi cosa è successo in questi eventi del portale depositi:"]))
    else:
        d.add("⟦q⟧\n\n", q=pick(r, ["The clerk says our filing never arrived. What does this e-filing log show?",
                                     "Summarize these e-filing audit events for the incident ticket:",
                                     "Why was envelope rejected? Log below."]))
    env = digits(r, 8)
    ev = []
    y, mo, da = ymd(r, 2024, 2025)
    h = r.randint(7, 20)
    user = person_us(r)
    firm, dom = pick(r, US_FIRMS)
    mins = sorted(r.randint(0, 3599) for _ in range(6))
    for i in range(r.randint(3, 6)):
        ts = "%d-%02d-%02dT%02d:%02d:%02dZ" % (y, mo, da, h, mins[i] // 60, mins[i] % 60)
        act = pick(r, ["LOGIN_OK", "ENVELOPE_CREATED", "DOC_UPLOADED", "FEE_AUTHORIZED", "SUBMITTED", "REVIEW_QUEUED", "REJECTED", "NEF_SENT"])
        if pos:
            who = pick(r, [F("EMAIL", email(r, user.first, user.last, dom)), digits(r, 6)])
            wk = "user=" if isinstance(who, F) else "filer_id="
            src = F("IP_ADDRESS", ip_any(r)) if r.random() < 0.75 else "portal-batch"
            sk = "ip=" if isinstance(src, F) else "src="
            d.add("⟦ts⟧ ⟦a⟧ envelope=⟦e⟧ ⟦wk⟧⟦w⟧ ⟦sk⟧⟦s⟧ case=⟦c⟧\n", ts=ts, a=act, e=env, wk=wk, w=who, sk=sk, s=src, c=docket_state(r) if i == 0 else "-")
        else:
            d.add("⟦ts⟧ ⟦a⟧ envelope=⟦e⟧ filer_id=⟦f⟧ session=⟦s⟧ doc_sha256=⟦h⟧\n", ts=ts, a=act, e=env, f=digits(r, 6),
                  s=uuid4(r), h=sha256(r)[:16] + "…")
    if pos and not d.findings():
        d.add("client_ip=⟦i⟧ reason=\"Lead document exceeds 35 MB\"\n", i=F("IP_ADDRESS", ip_public(r)))
    else:
        d.add("reason_code=⟦c⟧ message=\"⟦m⟧\"\n", c="R%03d" % r.randint(1, 200),
              m=pick(r, ["Document is not text-searchable", "Filing code not valid for case type", "Missing proposed order", "Payment account declined"]))
    return d


@tmpl
def t_efile_code(r, pos):
    d = Doc("en")
    d.add("⟦q⟧\n\n", q=pick(r, ["Our e-filing integration throws 401 since Monday. Can you spot the bug?",
                                 "Refactor this court-filing upload script to use async:",
                                 "Why does the fee payment step fail in this snippet?"]))
    kind = pick(r, ["jwt", "aws", "stripe", "google", "github", "sftp", "openai", "slack"])
    if not pos:
        d.add("import os, requests\n\nEFM = \"https://efile-api.courtconnect.example/v4\"\nTOKEN = os.environ[\"EFM_TOKEN\"]\n"
              "STRIPE_KEY = \"⟦sk⟧\"  # set in vault\n\ndef submit(envelope_id, pdf):\n"
              "    h = {\"Authorization\": f\"Bearer {TOKEN}\", \"X-Court\": \"⟦court⟧\"}\n"
              "    r = requests.post(f\"{EFM}/envelopes/{envelope_id}/documents\", headers=h, files={\"lead\": pdf})\n"
              "    r.raise_for_status()\n    return r.json()[\"filingId\"]  # e.g. ⟦u⟧\n\nsubmit(\"⟦env⟧\", open(\"⟦f⟧\", \"rb\"))\n",
              sk=pick(r, ["sk_live_XXXXXXXXXXXXXXXXXXXXXXXX", "<STRIPE_SECRET_KEY>", "${STRIPE_SECRET_KEY}", "sk_live_..."]),
              court=pick(r, ["cook:cd", "la:sc", "nyc:civ", "maricopa:sup"]), u=uuid4(r), env=digits(r, 8),
              f="%s_Motion_to_Compel.pdf" % docket_state(r).replace(" ", "_").replace("/", "-"))
        if r.random() < 0.4:
            d.add("\n# AWS creds come from the instance role, no AKIAXXXXXXXXXXXXXXXX in code\n")
        return d
    if kind == "jwt":
        tok = jwt(r, {"sub": "filer-%s" % digits(r, 6), "iss": "https://efile-api.courtconnect.example", "scope": "filing:submit",
                      "exp": r.randint(1700000000, 1760000000)})
        d.add("curl -sS -X POST https://efile-api.courtconnect.example/v4/envelopes \\\n  -H 'Authorization: Bearer ⟦t⟧' \\\n"
              "  -H 'Content-Type: application/json' \\\n  -d '{\"caseNumber\":\"⟦c⟧\",\"filingCode\":\"⟦fc⟧\",\"leadDocument\":\"motion.pdf\"}'\n",
              t=F("JWT", tok), c=docket_state(r), fc=str(r.randint(10000, 99999)))
    elif kind == "aws":
        d.add("import boto3\n\ns3 = boto3.client(\"s3\", region_name=\"us-east-1\",\n    aws_access_key_id=\"⟦a⟧\",\n"
              "    aws_secret_access_key=\"⟦s⟧\")\n\n# exhibits for case ⟦c⟧\ns3.upload_file(\"Exhibit_⟦e⟧.pdf\", \"⟦b⟧\", \"exhibits/⟦c⟧/Exhibit_⟦e⟧.pdf\")\n",
              a=F("AWS_ACCESS_KEY", aws_key(r)), s=F("AWS_SECRET_KEY", aws_secret(r)), c=docket_fed(r), e=pick(r, "ABCDEFG"),
              b=pick(r, ["lit-support-exhibits", "dms-export-prod", "ediscovery-staging"]))
    elif kind == "stripe":
        d.add("const stripe = require('stripe')('⟦k⟧');\n\n// court filing fee for envelope ⟦e⟧\nawait stripe.paymentIntents.create({\n"
              "  amount: ⟦a⟧, currency: 'usd', description: 'Filing fee ⟦c⟧', metadata: { envelope: '⟦e⟧' }\n});\n",
              k=F("STRIPE_KEY", stripe_key(r)), e=digits(r, 8), a=pick(r, ["40500", "43500", "7500", "22500"]), c=docket_state(r))
    elif kind == "google":
        d.add("// geocode service-of-process addresses before assigning process servers\nconst GEOCODE_KEY = \"⟦k⟧\";\n"
              "fetch(`https://maps.googleapis.com/maps/api/geocode/json?address=${encodeURIComponent(addr)}&key=${GEOCODE_KEY}`)\n"
              "// addr example: \"⟦a⟧\"\n", k=F("GOOGLE_API_KEY", google_key(r)), a=addr_us(r))
    elif kind == "github":
        d.add("# .github/workflows/deploy-efile-connector.yml\njobs:\n  deploy:\n    runs-on: ubuntu-latest\n    env:\n"
              "      GH_TOKEN: ⟦t⟧\n      EFM_ENDPOINT: https://efile-api.courtconnect.example/v4\n    steps:\n"
              "      - uses: actions/checkout@v4\n      - run: ./scripts/deploy.sh --court ⟦c⟧\n", t=F("GITHUB_TOKEN", gh_token(r)),
              c=pick(r, ["cook", "maricopa", "harris", "king"]))
    elif kind == "sftp":
        u, pw_ = pick(r, ["efile_bulk", "clerk_drop", "docupload"]), rs(r, string.ascii_letters + DIG, 12)
        d.add("# nightly bulk filing drop to the clerk's SFTP\nREMOTE=⟦u⟧\nlftp -e \"mirror -R ./outbox /inbound/⟦c⟧; bye\" \"$REMOTE\"\n",
              u=F("CREDENTIAL_URL", "sftp://%s:%s@sftp.clerk-%s.example.gov:22" % (u, pw_, pick(r, ["cook", "harris", "kings"]))),
              c=pick(r, ["civil", "family", "probate"]))
    elif kind == "openai":
        d.add("from openai import OpenAI\nclient = OpenAI(api_key=\"⟦k⟧\")\n# summarize each deposition transcript for case ⟦c⟧\n"
              "resp = client.chat.completions.create(model=\"gpt-4o\", messages=[{\"role\": \"user\", \"content\": transcript}])\n",
              k=F("OPENAI_KEY", openai_key(r)), c=docket_fed(r))
    else:
        d.add("# notify the litigation channel when a NEF arrives\nSLACK_HOOK = \"⟦h⟧\"\nrequests.post(SLACK_HOOK, json={\"text\": f\"New NEF in ⟦c⟧: doc {doc_no}\"})\n",
              h=F("SLACK_WEBHOOK", slack_hook(r)), c=docket_fed(r))
    return d


@tmpl
def t_police_us(r, pos):
    d = Doc("en")
    v, o = person_us(r), person_us(r)
    d.add("⟦q⟧\n\n", q=pick(r, ["Summarize this incident report for the claims file:", "Rewrite the narrative in neutral, plain language:",
                                 "Pull out the vehicle and witness details from this report:"]))
    if pos and r.random() < 0.4:
        d.add("⟦m⟧\n", m=F("CONFIDENTIAL_MARKER", pick(r, ["LAW ENFORCEMENT SENSITIVE", "FOR OFFICIAL USE ONLY", "CONFIDENTIAL"])))
    d.add("⟦dept⟧ — INCIDENT REPORT\nIncident #: ⟦i⟧   CAD #: ⟦c⟧   Report Date: ⟦rd⟧\nOffense: ⟦of⟧\n"
          "Reporting Officer: ⟦ro⟧, Badge #⟦b⟧, Unit ⟦u⟧\n",
          dept=pick(r, ["SPRINGFIELD POLICE DEPARTMENT", "METRO COUNTY SHERIFF'S OFFICE", "CITY OF RIVERTON POLICE"]),
          i="%02d-%06d" % (r.randint(22, 25), r.randint(1, 999999)), c=digits(r, 10), rd=d_us(r, 2023, 2025),
          of=pick(r, ["ORC 2913.02 Theft", "PC 488 Petty Theft", "Hit and Run — Property Damage (VC 20002)", "Burglary, Residential", "Criminal Mischief"]),
          ro="Ofc. %s %s" % (o.first[0], o.last), b=digits(r, 4), u=pick(r, ["2A14", "K9-3", "B-21", "7D"]))
    d.add("VICTIM: ⟦n⟧   DOB: ⟦dob⟧   Sex: ⟦s⟧\nAddress: ⟦a⟧\n", n="%s, %s %s" % (v.last.upper(), v.first.upper(), v.mi),
          dob="%02d/%02d/%d" % (r.randint(1, 12), r.randint(1, 28), r.randint(1950, 2004)), s=pick(r, "MF"), a=addr_us(r))
    if pos:
        k = r.random()
        if k < 0.45:
            d.add("⟦pi⟧⟦p⟧   ", pi=phone_intro_en(r), p=F("PHONE", us_phone(r)))
        if k > 0.3:
            d.add("Email: ⟦e⟧   ", e=F("EMAIL", email(r, v.first, v.last, pick(r, US_PERSONAL))))
        if r.random() < 0.4:
            d.add("⟦si⟧⟦s⟧", si=ssn_intro_en(r), s=F("US_SSN", ssn(r)))
        d.add("\n")
    else:
        d.add("Phone: (on file)   DL#: ⟦dl⟧ (⟦st⟧)\n", dl=pick(r, [pick(r, UP) + digits(r, 7), digits(r, 9), pick(r, UP) + digits(r, 12)]),
              st=pick(r, ["CA", "IL", "OH", "NY", "TX"]))
    d.add("VEHICLE: ⟦y⟧ ⟦mk⟧  VIN ⟦vin⟧  Plate ⟦pl⟧ (⟦st⟧)\nNARRATIVE: On ⟦dt⟧ at approx. ⟦h⟧ hrs I responded to ⟦loc⟧ reference a ⟦what⟧. "
          "Victim stated the vehicle was parked unattended between ⟦h1⟧ and ⟦h2⟧. Estimated loss ⟦amt⟧. Evidence item ⟦ev⟧ booked into property. "
          "Case referred to ⟦to⟧.\n",
          y=str(r.randint(2008, 2024)), mk=pick(r, ["Honda Civic", "Ford F-150", "Toyota Camry", "Tesla Model 3", "Jeep Cherokee"]),
          vin=vin(r), pl=plate_us(r), st=pick(r, ["CA", "IL", "OH", "NY", "TX"]), dt=d_us(r, 2023, 2025), h="%02d%02d" % (r.randint(0, 23), r.randint(0, 59)),
          loc=addr_us(r), what=pick(r, ["theft from vehicle", "hit and run", "residential burglary", "vandalism"]),
          h1="%02d00" % r.randint(0, 11), h2="%02d30" % r.randint(12, 23), amt=usd(r, 150, 12000), ev="%d-%04d" % (r.randint(1, 9), r.randint(1, 9999)),
          to=pick(r, ["Investigations", "Property Crimes Unit", "Traffic Division"]))
    return d


@tmpl
def t_immigration_form(r, pos):
    d = Doc("en")
    p = person_us(r)
    form = pick(r, ["I-130", "I-485", "I-765", "N-400", "I-131", "I-751"])
    d.add("⟦q⟧\n\n", q=pick(r, ["Client filled Part 1 of the %s himself, please check it against the instructions:" % form,
                                 "Translate this %s excerpt into Spanish so the client can verify it:" % form,
                                 "Anything inconsistent in these answers?"]))
    d.add("Form ⟦f⟧  Edition 04/01/24  Page 1 of ⟦pp⟧\nPart 1. Information About You\n1. Alien Registration Number (A-Number) (if any)  ► ⟦a⟧\n"
          "2. USCIS Online Account Number (if any)  ► ⟦oa⟧\n3. U.S. Social Security Number (if any)  ► ⟦s⟧\n"
          "4. Your Full Legal Name  Family Name (Last Name) ⟦ln⟧  Given Name (First Name) ⟦fn⟧\n5. Date of Birth (mm/dd/yyyy) ⟦dob⟧\n"
          "6. Form I-94 Arrival-Departure Record Number ⟦i94⟧\n7. Passport Number ⟦pn⟧  Country of Issuance ⟦c⟧\n",
          f=form, pp=str(r.randint(8, 20)), a=a_number(r), oa="%s %s %s" % (digits(r, 4), digits(r, 4), digits(r, 4)),
          s=F("US_SSN", ssn(r, pick(r, ["-", "", "-"]))) if pos and r.random() < 0.7 else pick(r, ["None", "N/A", "", "Not applicable"]),
          ln=p.last.upper(), fn=p.first.upper(), dob="%02d/%02d/%d" % (r.randint(1, 12), r.randint(1, 28), r.randint(1960, 2003)),
          i94=digits(r, 11), pn=pick(r, [rs(r, UP, 2) + digits(r, 7), digits(r, 9), pick(r, UP) + digits(r, 8)]),
          c=pick(r, ["Mexico", "India", "Philippines", "Italy", "Nigeria", "Brazil", "China"]))
    if r.random() < 0.4:
        d.add("8. Receipt Number of the underlying petition ⟦rn⟧   SEVIS Number (if any) N⟦sv⟧\n", rn=uscis_receipt(r), sv=digits(r, 10))
    d.add("Part 5. Applicant's Contact Information\n1. Applicant's Daytime Telephone Number  ⟦t⟧\n2. Applicant's Mobile Telephone Number (if any)  ⟦m⟧\n"
          "3. Applicant's Email Address (if any)  ⟦e⟧\n",
          t=F("PHONE", us_phone(r, pick(r, ["plain", "plain", "dash", "paren"]))) if pos else "",
          m=F("PHONE", us_phone(r, "plain")) if pos and r.random() < 0.4 else "",
          e=F("EMAIL", email(r, p.first, p.last, pick(r, US_PERSONAL))) if pos and r.random() < 0.6 else "")
    return d


@tmpl
def t_uscis_notice(r, pos):
    d = Doc("en")
    p, a = person_us(r), person_us(r)
    firm, dom = pick(r, US_FIRMS)
    d.add("⟦q⟧\n\n", q=pick(r, ["What does this receipt notice mean for the client's work permit?",
                                 "Summarize this USCIS notice and list next steps:", "Draft a client update from this notice:"]))
    d.add("THE UNITED STATES OF AMERICA\nI-797C, Notice of Action\nReceipt Number ⟦rn⟧   Case Type ⟦ct⟧\nReceived Date ⟦rd⟧   Priority Date ⟦pd⟧   Notice Date ⟦nd⟧   Page 1 of 1\n"
          "Applicant A⟦a⟧\n⟦n⟧\nc/o ⟦atty⟧, ⟦f⟧\n⟦ad⟧\nPayment Information: Application/Petition Fee: ⟦fee⟧  Total Amount Received: ⟦fee⟧\n"
          "The above application has been received. Please notify us immediately if any of the above information is incorrect. "
          "If you have questions, visit uscis.gov/contactcenter. You will be notified separately about any other case you filed.\n",
          rn=uscis_receipt(r), ct=pick(r, ["I-765 - APPLICATION FOR EMPLOYMENT AUTHORIZATION", "I-485 - APPLICATION TO REGISTER PERMANENT RESIDENCE OR ADJUST STATUS",
                                          "I-130 - PETITION FOR ALIEN RELATIVE"]),
          rd=d_us(r, 2023, 2025), pd=d_us(r, 2015, 2024), nd=d_us(r, 2023, 2025), a=digits(r, 9), n="%s %s" % (p.first.upper(), p.last.upper()),
          atty="%s %s" % (a.first.upper(), a.last.upper()), f=firm.upper(), ad=addr_us(r).upper(), fee=usd(r, 470, 1440))
    if pos:
        d.add("\nForm G-28 attorney: ⟦n⟧, ⟦e⟧, ⟦t⟧\n", n="%s %s" % (a.first, a.last), e=F("EMAIL", email(r, a.first, a.last, dom)),
              t=pick(r, [F("PHONE", us_phone(r)), "USCIS ELIS account %s" % digits(r, 12)]))
    return d


@tmpl
def t_foia(r, pos):
    d = Doc("en")
    p = person_us(r)
    agency = pick(r, ["U.S. Citizenship and Immigration Services", "Federal Bureau of Investigation", "Department of Education",
                      "Environmental Protection Agency, Region 5", "U.S. Customs and Border Protection", "City of Chicago Department of Law"])
    d.add("⟦q⟧\n\n", q=pick(r, ["Make this FOIA request tighter and more specific:", "Is this FOIA request likely to be rejected as too broad?",
                                 "Summarize the agency's reply:"]))
    if pos:
        d.add("Via FOIAonline\n⟦dt⟧\nFOIA Officer\n⟦ag⟧\n\nRe: Freedom of Information Act Request\n\nDear FOIA Officer:\n\n"
              "Pursuant to the Freedom of Information Act, 5 U.S.C. § 552, I request copies of ⟦what⟧, from ⟦d1⟧ through ⟦d2⟧. "
              "I am willing to pay fees up to ⟦fee⟧; I request a fee waiver under 5 U.S.C. § 552(a)(4)(A)(iii). "
              "If you deny any part of this request, please cite each specific exemption (e.g. (b)(6), (b)(7)(C)).\n\n"
              "Please send responsive records electronically to ⟦e⟧⟦t⟧.\n\nSincerely,\n⟦n⟧\n⟦a⟧\n",
              dt=d_us(r, 2023, 2025), ag=agency, what=pick(r, ["all emails and memoranda concerning contract No. %s" % rs(r, UP + DIG, 12),
                                                               "my complete A-file (A-Number %s)" % a_number(r), "inspection reports for facility ID %s" % rs(r, UP + DIG, 9),
                                                               "police body-worn camera footage for RD# %s" % rs(r, UP, 2) + digits(r, 6)]),
              d1=d_us(r, 2018, 2021), d2=d_us(r, 2022, 2024), fee=usd(r, 25, 250),
              e=F("EMAIL", email(r, p.first, p.last, pick(r, US_PERSONAL))),
              t="", n="%s %s" % (p.first, p.last), a=addr_us(r))
        if r.random() < 0.5:
            d.add("Phone: ⟦t⟧\n", t=F("PHONE", us_phone(r)))
    else:
        d.add("⟦ag⟧\nFOIA/PA Office\n⟦dt⟧\n\nRe: FOIA Request No. ⟦n⟧\n\nThis acknowledges receipt of your Freedom of Information Act request dated ⟦d1⟧. "
              "Your request has been assigned tracking number ⟦n⟧ and placed in the ⟦tr⟧ track. We have determined that unusual circumstances apply "
              "under 5 U.S.C. § 552(a)(6)(B)(i), extending the time limit by ten working days. Portions may be withheld under Exemptions (b)(6) and (b)(7)(C). "
              "Fees: ⟦fee⟧ (search, 2 hours at $⟦rate⟧/hour). Please reference the tracking number in all correspondence.\n",
              ag=agency, dt=d_us(r, 2023, 2025), n=pick(r, ["%s-FOIA-%s" % (r.randint(2023, 2025), digits(r, 5)), "%s%s" % (pick(r, ["NRC", "COW", "EPA-R5-"]), digits(r, 10)),
                                                              "FOIA-%d-%06d" % (r.randint(2023, 2025), r.randint(1, 99999))]),
              d1=d_us(r, 2023, 2025), tr=pick(r, ["simple", "complex", "expedited"]), fee=usd(r, 0, 120), rate=str(r.randint(20, 60)))
    return d


# ============================== US education ==============================
@tmpl
def t_transcript_us(r, pos):
    d = Doc("en")
    p = person_us(r)
    school = pick(r, ["Lakeshore Community College", "Riverside State University", "Eastbrook High School", "Northern Plains University"])
    sid = pick(r, ["9" + digits(r, 8), "0" + digits(r, 8), digits(r, 7), "U" + digits(r, 8)])
    d.add("⟦q⟧\n\n", q=pick(r, ["Calculate the GPA for the last two terms from this transcript:", "Does this student meet the 2.0 SAP requirement?",
                                 "Summarize this transcript for the transfer evaluation:"]))
    d.add("⟦s⟧ — OFFICIAL TRANSCRIPT (issued to student)\nName: ⟦n⟧   Student ID: ⟦id⟧   DOB: ⟦dob⟧\n", s=school,
          n="%s, %s %s" % (p.last, p.first, p.mi), id=sid, dob="%02d/%02d" % (r.randint(1, 12), r.randint(1, 28)) + pick(r, ["", "/20%02d" % r.randint(0, 6)]))
    if pos:
        k = r.random()
        if k < 0.5:
            d.add("⟦si⟧⟦s⟧   ", si=ssn_intro_en(r), s=F("US_SSN", ssn(r)))
        if k > 0.3:
            d.add("Email: ⟦e⟧", e=F("EMAIL", email(r, p.first, p.last, pick(r, US_PERSONAL + ["students.riverside.edu"]))))
        d.add("\n")
    terms = []
    for t in range(r.randint(2, 3)):
        terms.append("%s %d" % (pick(r, ["Fall", "Spring", "Summer"]), r.randint(2021, 2025)))
        for _ in range(r.randint(3, 4)):
            terms.append("  %s %d  %-28s %.1f  %s" % (pick(r, ["MATH", "ENGL", "BIOL", "HIST", "CHEM", "PSYC", "CSCI", "ECON"]), r.randint(100, 499),
                                                    pick(r, ["Calculus I", "Composition II", "General Biology", "U.S. History to 1877", "Intro to Psychology",
                                                             "Data Structures", "Principles of Microeconomics", "Organic Chemistry"]),
                                                    pick(r, [3.0, 4.0, 3.0, 1.0]), pick(r, ["A", "A-", "B+", "B", "C+", "C", "W", "P"])))
        terms.append("  Term GPA %.2f   Cum GPA %.2f   Cum Credits %d" % (r.uniform(1.8, 4.0), r.uniform(2.0, 4.0), r.randint(12, 120)))
    d.add("\n".join(terms) + "\nFERPA: This record may not be released to a third party without the written consent of the student (20 U.S.C. § 1232g). CEEB ⟦c⟧\n",
          c=digits(r, 6))
    return d


@tmpl
def t_fafsa(r, pos):
    d = Doc("en")
    st, pa = person_us(r), person_us(r)
    pa.last = st.last
    d.add("⟦q⟧\n\n", q=pick(r, ["Parent asks why the SAI is so high. Summary below, explain in plain language:",
                                 "I'm helping a family with verification. What documents should they send based on this?",
                                 "Draft an email to the student explaining the aid offer:"]))
    d.add("FAFSA Submission Summary  2025–26\nStudent: ⟦n⟧   Student ID ⟦sid⟧\nStudent Aid Index (SAI): ⟦sai⟧   Pell Grant eligibility: ⟦pell⟧\n"
          "Federal School Code(s): ⟦fsc⟧   Data Release Number (DRN): ⟦drn⟧\n",
          n="%s %s" % (st.first, st.last), sid=pick(r, ["9" + digits(r, 8), digits(r, 7)]), sai=str(r.randint(-1500, 24000)),
          pell=pick(r, ["Maximum", "Partial", "Not eligible"]), fsc=", ".join("%06d" % r.randint(1000, 42000) for _ in range(r.randint(1, 3))), drn=digits(r, 4))
    d.add("Parent 1: ⟦pn⟧   ⟦lbl⟧ ⟦ps⟧\nParent AGI (2023): ⟦agi⟧   Family size: ⟦fs⟧   Number in college: ⟦nc⟧\n",
          pn="%s %s" % (pa.first, pa.last), lbl=pick(r, ["SSN", "Social Security Number:", "SSN/ITIN"]),
          ps=F("US_SSN", ssn(r)) if pos and r.random() < 0.6 else pick(r, [itin(r), masked_ssn(r), "(no SSN)"]),
          agi=usd(r, 18000, 160000), fs=str(r.randint(2, 7)), nc=str(r.randint(1, 3)))
    d.add("Cost of attendance ⟦coa⟧; Federal Direct Subsidized Loan ⟦sub⟧; FWS ⟦fws⟧; Institutional grant ⟦ig⟧.\n",
          coa=usd(r, 18000, 62000), sub=usd(r, 3500, 5500), fws=usd(r, 1000, 3000), ig=usd(r, 0, 15000))
    if pos:
        k = r.random()
        if k < 0.45 or not d.findings():
            d.add("\nParent's note: I can't log in, my FSA ID username is ⟦u⟧ and the password is ⟦p⟧ — is that why the signature is missing?\n",
                  u="%s%s%d" % (pa.first.lower(), pa.last.lower()[:4], r.randint(1, 99)), p=F("PASSWORD", pw(r)))
        else:
            d.add("\nContact: ⟦e⟧, ⟦t⟧\n", e=F("EMAIL", email(r, pa.first, pa.last, pick(r, US_PERSONAL))), t=F("PHONE", us_phone(r)))
    return d


@tmpl
def t_1098t(r, pos):
    d = Doc("en")
    st = person_us(r)
    d.add("⟦q⟧\n\n", q=pick(r, ["Which education credit can this student claim based on the 1098-T?", "Explain box 1 vs box 5 on this form:"]))
    tin = F("US_SSN", ssn(r)) if pos else masked_ssn(r)
    if pos and "-" not in tin.val and " " not in tin.val:
        d.tags.add("judgement")   # nine bare digits as a "TIN": SSN or EIN written without its dash
    d.add("FILER'S name, street address, city or town, state, ZIP, and telephone number\n⟦s⟧\n⟦a⟧\nFILER'S employer identification no. ⟦e⟧\n"
          "STUDENT'S TIN ⟦t⟧\nSTUDENT'S name ⟦n⟧\nService Provider/Acct. No. ⟦acct⟧\n1 Payments received for qualified tuition and related expenses ⟦b1⟧\n"
          "5 Scholarships or grants ⟦b5⟧\n8 Check if at least half-time student ☒\nForm 1098-T  Tuition Statement  2024\n",
          s=pick(r, ["Riverside State University", "Lakeshore Community College", "Northern Plains University"]), a=addr_us(r), e=ein(r),
          t=tin, n="%s %s" % (st.first, st.last), acct=digits(r, 9),
          b1=usd(r, 2000, 30000), b5=usd(r, 0, 12000))
    return d


# ============================== US benefits / insurance / real estate ==============================
@tmpl
def t_ssa_letter(r, pos):
    d = Doc("en")
    p = person_us(r)
    d.add("⟦q⟧\n\n", q=pick(r, ["My client received this Social Security letter, what does it say about the overpayment?",
                                 "Summarize this benefits notice:", "Draft a request for reconsideration based on this letter:"]))
    d.add("Social Security Administration\nRetirement, Survivors, and Disability Insurance\nNotice of Award\n⟦dt⟧\n⟦n⟧\n⟦a⟧\n\n",
          dt=d_us(r, 2023, 2025), n="%s %s %s" % (p.first.upper(), p.mi, p.last.upper()), a=addr_us(r).upper())
    if pos:
        if r.random() < 0.5:
            d.tags.add("judgement")   # a claim number is the wage earner's SSN plus a BIC letter
            a, g, s = ssn_parts(r)
            d.add("Claim Number: ⟦s⟧⟦b⟧\n", s=F("US_SSN", "%s-%s-%s" % (a, g, s)), b=pick(r, ["A", "B", "C1", "D", "HA"]))
        else:
            d.add("Representative's note: beneficiary SSN ⟦s⟧, call back at ⟦t⟧.\n", s=F("US_SSN", ssn(r)), t=F("PHONE", us_phone(r)))
    else:
        d.add("BNC#: ⟦b⟧   Medicare Number: ⟦mbi⟧\n", b="%s%s" % (digits(r, 2), rs(r, UP + DIG, 8)),
              mbi="%d%s%s%d-%s%s%d-%s%s%d%d" % (r.randint(1, 9), pick(r, "ACDEFGHJKMNPQRTUVWXY"), pick(r, "ACDEFGHJKMNPQRTUVWXY" + DIG), r.randint(0, 9),
                                               pick(r, "ACDEFGHJKMNPQRTUVWXY"), pick(r, "ACDEFGHJKMNPQRTUVWXY" + DIG), r.randint(0, 9),
                                               pick(r, "ACDEFGHJKMNPQRTUVWXY"), pick(r, "ACDEFGHJKMNPQRTUVWXY"), r.randint(0, 9), r.randint(0, 9)))
    d.add("You are entitled to monthly retirement benefits beginning ⟦m⟧. Your first payment of ⟦amt⟧ will be deposited on ⟦pd⟧. "
          "We withhold ⟦med⟧ each month for Medicare Part B. Under section 204 of the Social Security Act (42 U.S.C. § 404) we found an overpayment of ⟦op⟧. "
          "You have 60 days to ask for an appeal (Form SSA-561-U2).\n",
          m="%s %d" % (pick(r, MONTHS_EN), r.randint(2023, 2025)), amt=usd(r, 900, 3900), pd=d_us(r, 2024, 2025), med="$174.70", op=usd(r, 300, 14000))
    return d


@tmpl
def t_ins_claim_us(r, pos):
    d = Doc("en")
    p, adj = person_us(r), person_us(r)
    kind = pick(r, ["auto", "home", "renters"])
    d.add("⟦q⟧\n\n", q=pick(r, ["Draft a denial-of-coverage letter template from these claim notes:", "Summarize the claim file for the supervisor:",
                                 "Is the deductible applied correctly here?"]))
    d.add("Claim Notes — ⟦co⟧\nPolicy No.: ⟦pn⟧   Claim No.: ⟦cn⟧   NAIC ⟦naic⟧\nInsured: ⟦n⟧   Date of Loss: ⟦dol⟧   Type: ⟦k⟧\n",
          co=pick(r, ["Midwest Mutual Insurance Co.", "Harborline Property & Casualty", "Keystone Home Assurance"]), pn=policy_us(r), cn=claim_us(r),
          naic=digits(r, 5), n="%s %s" % (p.first, p.last), dol=d_us(r, 2023, 2025), k=kind)
    if kind == "auto":
        d.add("Vehicle: ⟦y⟧ ⟦m⟧  VIN ⟦v⟧  Plate ⟦pl⟧\n", y=str(r.randint(2010, 2024)), m=pick(r, ["Subaru Outback", "Honda CR-V", "Chevrolet Malibu"]), v=vin(r), pl=plate_us(r))
    else:
        d.add("Property: ⟦a⟧  APN ⟦apn⟧\n", a=addr_us(r), apn=apn(r))
    d.add("Coverage A ⟦ca⟧; deductible ⟦ded⟧; ACV ⟦acv⟧; RCV ⟦rcv⟧; depreciation held back until repairs complete.\nAdjuster: ⟦adj⟧ (ID ⟦aid⟧)\n",
          ca=usd(r, 150000, 900000), ded=pick(r, ["$500", "$1,000", "$2,500", "1% of Coverage A"]), acv=usd(r, 1500, 40000), rcv=usd(r, 2000, 60000),
          adj="%s %s" % (adj.first, adj.last), aid=rs(r, UP, 2) + digits(r, 5))
    if pos:
        k = r.random()
        if k < 0.35:
            d.add("Insured contact: ⟦t⟧ / ⟦e⟧\n", t=F("PHONE", us_phone(r)), e=F("EMAIL", email(r, p.first, p.last, pick(r, US_PERSONAL))))
        elif k < 0.7:
            d.add("Deductible paid by card ⟦c⟧ exp ⟦x⟧ — insured authorized over the phone.\n", c=F("CREDIT_CARD", card(r)),
                  x="%02d/%02d" % (r.randint(1, 12), r.randint(26, 31)))
        else:
            d.add("Called insured at ⟦t⟧, left VM re: contractor estimate.\n", t=F("PHONE", us_phone(r)))
    else:
        d.add("Payment: deductible paid by card ending in ⟦l4⟧ (auth code ⟦ac⟧).\n", l4=digits(r, 4), ac=rs(r, UP + DIG, 6))
    return d


@tmpl
def t_beneficiary_us(r, pos):
    d = Doc("en")
    ins = person_us(r)
    d.add("⟦q⟧\n\n", q=pick(r, ["Do these beneficiary percentages add up and is the form complete?",
                                 "Rewrite this beneficiary designation as a table:"]))
    d.add("⟦co⟧ — Life Insurance Beneficiary Designation\nPolicy Number ⟦pn⟧   Insured ⟦n⟧\n", co=pick(r, ["Keystone Life", "Pioneer Mutual Life", "Great Lakes Benefit Trust"]),
          pn=pick(r, ["LF%s" % digits(r, 8), "%s-%s" % (digits(r, 4), digits(r, 6))]), n="%s %s" % (ins.first, ins.last))
    shares = pick(r, [[100], [50, 50], [60, 40], [40, 30, 30]])
    for i, sh in enumerate(shares):
        b = person_us(r)
        d.add("⟦t⟧ ⟦i⟧: ⟦n⟧  Relationship: ⟦rel⟧  DOB: ⟦dob⟧  ⟦sl⟧ ⟦s⟧  Share: ⟦sh⟧%\n", t="Primary", i=str(i + 1),
              sl=pick(r, ["SSN:", "SS#:", "Soc. Sec. #:", "Social Security No.:", "SSN/TIN:"]),
              n="%s %s" % (b.first, ins.last if r.random() < 0.6 else b.last), rel=pick(r, ["Spouse", "Son", "Daughter", "Sibling", "Trust"]),
              dob="%02d/%02d/%d" % (r.randint(1, 12), r.randint(1, 28), r.randint(1950, 2015)),
              s=F("US_SSN", ssn(r)) if pos and (i == 0 or r.random() < 0.5) else masked_ssn(r), sh=str(sh))
    return d


@tmpl
def t_closing_us(r, pos):
    d = Doc("en")
    s, b = person_us(r), person_us(r)
    d.add("⟦q⟧\n\n", q=pick(r, ["Reconcile this settlement statement; seller says the payoff is wrong:", "Summarize the closing figures for the buyer:",
                                 "Draft the wire-instructions confirmation email from this:"]))
    d.add("ALTA Settlement Statement — Combined\nFile No.: ⟦f⟧   Escrow Officer: ⟦eo⟧   Settlement Date: ⟦sd⟧\nProperty: ⟦a⟧   APN: ⟦apn⟧\n"
          "Lender: ⟦l⟧   Loan No.: ⟦ln⟧   NMLS ID ⟦nm⟧   MIN ⟦min⟧\nSeller: ⟦sn⟧   Buyer: ⟦bn⟧\n",
          f="%d-%s-%s" % (r.randint(23, 25), digits(r, 5), rs(r, UP, 2)), eo="%s %s" % (pick(r, US_FIRST), pick(r, US_LAST)), sd=d_us(r, 2023, 2025),
          a=addr_us(r), apn=apn(r), l=pick(r, ["Cascade Home Lending", "First Harbor Mortgage"]), ln=digits(r, 10), nm=digits(r, r.randint(5, 7)),
          min="%s %s %s" % (digits(r, 7), digits(r, 10), digits(r, 1)), sn="%s %s" % (s.first, s.last), bn="%s %s" % (b.first, b.last))
    d.add("Sale Price ⟦sp⟧   Deposit ⟦dep⟧   Payoff to ⟦pl⟧ ⟦po⟧   Real estate commission 5% ⟦com⟧   County transfer tax ⟦tt⟧\n",
          sp=usd(r, 240000, 1400000), dep=usd(r, 5000, 50000), pl=pick(r, ["Mr. Cooper", "Rocket Mortgage", "Wells Fargo Home Mortgage"]),
          po=usd(r, 60000, 700000), com=usd(r, 12000, 70000), tt=usd(r, 400, 9000))
    if pos:
        k = r.random()
        if k < 0.4:
            t = ssn(r)
            if "-" not in t and " " not in t:
                d.tags.add("judgement")   # nine bare digits as a "TIN": SSN or EIN written without its dash
            d.add("Seller's 1099-S info: TIN ⟦t⟧, forwarding address ⟦a⟧\n", t=F("US_SSN", t), a=addr_us(r))
        elif k < 0.7:
            d.add("Seller proceeds by international wire (seller resides in ⟦c⟧): IBAN ⟦i⟧, BIC ⟦bic⟧\n", c=pick(r, ["Italy", "the UK", "Germany", "Ireland"]),
                  i=F("IBAN", iban(r, pick(r, ["IT", "GB", "DE", "IE"]))), bic=pick(r, ["BCITITMM", "UNCRITMM", "NWBKGB2L", "BARCGB22", "DEUTDEFF", "AIBKIE2D"]))
        else:
            d.add("Questions to the escrow officer at ⟦e⟧ or ⟦t⟧.\n", e=F("EMAIL", email(r, pick(r, US_FIRST), pick(r, US_LAST), "brightlinetitle.com")),
                  t=F("PHONE", us_phone(r)))
    else:
        d.add("Seller proceeds by domestic wire: ABA ⟦aba⟧, account ending ⟦l4⟧. Call-back verification completed.\n", aba=aba(r), l4=digits(r, 4))
    return d


@tmpl
def t_lease_us(r, pos):
    d = Doc("en")
    t, l = person_us(r), person_us(r)
    d.add("⟦q⟧\n\n", q=pick(r, ["Is this late-fee clause enforceable in California?", "Summarize tenant obligations from this lease excerpt:",
                                 "Translate this lease clause into Spanish:"]))
    d.add("RESIDENTIAL LEASE AGREEMENT\nLandlord: ⟦l⟧   Tenant(s): ⟦t⟧\nPremises: ⟦a⟧ (APN ⟦apn⟧)\nTerm: ⟦s⟧ to ⟦e⟧   Monthly Rent: ⟦rent⟧ due on the 1st\n"
          "4. LATE CHARGE. If rent is not received by the 5th, Tenant shall pay a late charge of ⟦lf⟧ (Cal. Civ. Code § 1671(d)). "
          "5. SECURITY DEPOSIT. ⟦dep⟧ to be returned within 21 days per Civ. Code § 1950.5.\n",
          l="%s %s" % (l.first, l.last), t="%s %s" % (t.first, t.last), a=addr_us(r), apn=apn(r), s=d_us(r, 2024, 2025), e=d_us(r, 2025, 2026),
          rent=usd(r, 1100, 5200), lf=usd(r, 50, 150), dep=usd(r, 1100, 8000))
    if pos:
        d.add("NOTICES. Tenant: ⟦e⟧, ⟦ph⟧. Landlord: ⟦e2⟧.\n", e=F("EMAIL", email(r, t.first, t.last, pick(r, US_PERSONAL))),
              ph=F("PHONE", us_phone(r)), e2=pick(r, [F("EMAIL", email(r, l.first, l.last, pick(r, US_PERSONAL))), "by mail to the address above"]))
    else:
        d.add("NOTICES. All notices shall be in writing and delivered to the addresses above.\n")
    return d


@tmpl
def t_notary_us(r, pos):
    d = Doc("en")
    p, n = person_us(r), person_us(r)
    stc = pick(r, [("Texas", "Travis"), ("Texas", "Harris"), ("California", "Orange"), ("New York", "Kings"), ("Florida", "Miami-Dade"), ("California", "Alameda")])
    d.add("⟦q⟧\n\n", q=pick(r, ["Is this acknowledgment wording valid in %s?" % stc[0], "Fix the notarial certificate below:"]))
    d.add("ACKNOWLEDGMENT\nState of ⟦st⟧\nCounty of ⟦c⟧\nOn ⟦dt⟧ before me, ⟦n⟧, Notary Public, personally appeared ⟦p⟧, who proved to me on the basis of satisfactory "
          "evidence to be the person whose name is subscribed to the within instrument. WITNESS my hand and official seal.\n"
          "Notary ID/Commission No. ⟦cn⟧   My commission expires ⟦ex⟧\nRecording requested by ⟦rb⟧; Doc # ⟦doc⟧; APN ⟦apn⟧\n",
          st=stc[0], c=stc[1],
          dt=d_us(r, 2023, 2025), n="%s %s" % (n.first, n.last), p="%s %s" % (p.first, p.last), cn=digits(r, r.randint(7, 10)),
          ex=d_us(r, 2026, 2029), rb=pick(r, ["Brightline Title & Escrow", "Grantee"]), doc="%d-%07d" % (r.randint(2023, 2025), r.randint(1, 9999999)), apn=apn(r))
    if pos:
        d.add("Signer can be reached at ⟦t⟧ for the remote online notarization session.\n", t=F("PHONE", us_phone(r)))
    return d


@tmpl
def t_jury(r, pos):
    d = Doc("en")
    p = person_us(r)
    d.add("⟦q⟧\n\n", q=pick(r, ["Help me write an excuse request for this jury summons:", "When exactly do I have to show up? Summons below."]))
    d.add("SUMMONS FOR JURY SERVICE\n⟦c⟧\nJuror Participant Number: ⟦jp⟧   Group: ⟦g⟧   Pool: ⟦pool⟧\nReport Date: ⟦rd⟧ at 8:00 AM\n"
          "⟦n⟧\n⟦a⟧\nCheck in online with your participant number and the 4-digit PIN printed on the back of this summons. Failure to appear may result in a fine (Code Civ. Proc. § 209).\n",
          c=pick(r, ["Superior Court of California, County of Alameda", "Circuit Court of Cook County", "Supreme Court of the State of New York, Kings County"]),
          jp=digits(r, 9), g=str(r.randint(100, 999)), pool=digits(r, 6), rd=d_us(r, 2024, 2025), n="%s %s" % (p.first, p.last), a=addr_us(r))
    if pos:
        d.add("\nMy details for the form: ⟦e⟧, ⟦pi⟧⟦t⟧\n", e=F("EMAIL", email(r, p.first, p.last, pick(r, US_PERSONAL))), pi=phone_intro_en(r), t=F("PHONE", us_phone(r)))
    return d


# ============================== UK ==============================
def dvla(r, p):
    s = ("".join(c for c in p.last.upper() if c.isalpha()) + "99999")[:5]
    y, m, dd = r.randint(1950, 2004), r.randint(1, 12), r.randint(1, 28)
    return "%s%d%02d%02d%d%s9%s" % (s, (y // 10) % 10, m + pick(r, [0, 50]), dd, y % 10, (p.first[0] + pick(r, UP)), rs(r, UP + DIG, 2))


def upn(r):
    return pick(r, UP) + digits(r, 12)


@tmpl
def t_council_tax(r, pos):
    d = Doc("en")
    p = person_uk(r)
    council = pick(r, ["Leeds City Council", "London Borough of Southwark", "Bristol City Council", "Manchester City Council", "Cardiff Council"])
    town = {"Leeds City Council": ("Leeds", "LS6 2AB"), "London Borough of Southwark": ("London", "SE15 4QT"), "Bristol City Council": ("Bristol", "BS7 8HP"),
            "Manchester City Council": ("Manchester", "M14 5RX"), "Cardiff Council": ("Cardiff", "CF24 3AA")}[council]
    d.add("⟦q⟧\n\n", q=pick(r, ["Help me write to the council disputing this band, letter below:", "Explain this council tax bill to my elderly neighbour:",
                                 "Summarise the payment options in this letter:"]))
    d.add("⟦c⟧ — Council Tax Demand Notice ⟦y⟧/⟦y2⟧\nAccount reference: ⟦ac⟧   Property reference: ⟦pr⟧   Date of issue: ⟦di⟧\n⟦n⟧\n⟦a⟧\n"
          "Band ⟦b⟧   Annual charge ⟦amt⟧   Single person discount (25%) ⟦disc⟧\n10 monthly instalments of ⟦inst⟧ due on the 1st of each month from April.\n"
          "Pay by Direct Debit: sort code ⟦sc⟧ account ⟦an⟧ (our bank details for BACS). Quote your account reference.⟦soc⟧\n",
          soc=pick(r, ["", "", " Follow us on X @%sCouncil for service updates." % town[0]]),
          c=council, y="2024", y2="25", ac=digits(r, pick(r, [8, 9, 10])), pr=digits(r, 12), di=d_uk(r, 2024, 2025), n=("%s %s" % (p.first, p.last)).upper(),
          a=("%d %s, %s %s" % (r.randint(1, 220), pick(r, UK_STREETS), town[0], town[1])).upper(), b=pick(r, "ABCDEFGH"), amt=gbp(r, 1100, 3400), disc=gbp(r, 250, 850), inst=gbp(r, 80, 340),
          sc="%02d-%02d-%02d" % (r.randint(10, 99), r.randint(0, 99), r.randint(0, 99)), an=digits(r, 8))
    if pos and r.random() < 0.25:
        add_footer(d, footer_parts(r, footer_uk(r, council, "www.%s.gov.uk" % _slug(council.replace("London Borough of ", "").split()[0]), "%d %s, %s %s" % (r.randint(1, 200), pick(r, UK_STREETS), town[0], town[1]))))
    elif pos:
        k = r.random()
        if k < 0.5:
            d.add("\nMy neighbour's details if the council needs them: ⟦t⟧, ⟦e⟧\n", t=F("PHONE", uk_phone(r)), e=F("EMAIL", email(r, p.first, p.last, pick(r, UK_PERSONAL))))
        elif k < 0.8:
            d.add("\nResident contact on file: mobile ⟦t⟧\n", t=F("PHONE", uk_phone(r, pick(r, ["mob", "intl_mob"]))))
        else:
            d.add("\nRefund of overpayment to IBAN ⟦i⟧ (resident's account).\n", i=F("IBAN", iban(r, "GB")))
    return d


@tmpl
def t_hmrc(r, pos):
    d = Doc("en")
    p = person_uk(r)
    d.add("⟦q⟧\n\n", q=pick(r, ["Client received this from HMRC, what does it mean and is there a deadline?", "Draft an appeal against this penalty:",
                                 "Summarise this HMRC letter for the client in two lines:"]))
    u = utr(r)
    d.add("HM Revenue & Customs\nSelf Assessment\nDate ⟦dt⟧\nUnique Taxpayer Reference (UTR) ⟦u⟧\nNational Insurance number ⟦ni⟧\n⟦n⟧\n⟦a⟧\n\n"
          "Tax year 2023 to 2024 — we have not received your tax return. Under paragraph 3 of Schedule 55 Finance Act 2009 you are liable to a "
          "late filing penalty of £100. Amount now due: ⟦amt⟧. Pay by 31 January ⟦y⟧ using payment reference ⟦ref⟧.\n",
          dt=d_uk(r, 2024, 2025), u=u, ni=nino(r), n="%s %s" % (p.first, p.last), a=addr_uk(r), amt=gbp(r, 100, 9000), y=str(r.randint(2025, 2026)),
          ref=u.replace(" ", "") + "K")
    if r.random() < 0.5:
        d.add("Employer PAYE reference ⟦pr⟧   Accounts Office reference ⟦aor⟧\n", pr="%03d/%s%s" % (r.randint(100, 999), rs(r, UP, 2), digits(r, 5)),
              aor="%sP%s%s" % (digits(r, 3), rs(r, UP, 1), digits(r, 8)))
    if pos:
        k = r.random()
        if k < 0.4:
            d.add("\nAgent note: Gateway login for the client is user ID ⟦gid⟧, password ⟦pw⟧ (change after filing).\n",
                  gid=" ".join([digits(r, 2) for _ in range(6)]), pw=F("PASSWORD", pw(r)))
        elif k < 0.75:
            d.add("\nClient: ⟦e⟧ / ⟦t⟧\n", e=F("EMAIL", email(r, p.first, p.last, pick(r, UK_PERSONAL))), t=F("PHONE", uk_phone(r)))
        else:
            d.add("\nRepayment claim: please repay to the client's account, IBAN ⟦i⟧.\n", i=F("IBAN", iban(r, pick(r, ["GB", "GB", "IE", "IT"]))))
    return d


@tmpl
def t_dwp(r, pos):
    d = Doc("en")
    p = person_uk(r)
    d.add("⟦q⟧\n\n", q=pick(r, ["My mum got this State Pension letter. Is the amount right?", "Summarise this DWP letter:",
                                 "Draft a mandatory reconsideration request based on this decision:"]))
    d.add("Department for Work and Pensions\n⟦ben⟧\nDate ⟦dt⟧\nOur reference: ⟦ni⟧\n⟦n⟧\n⟦a⟧\n\nFrom ⟦from⟧ your ⟦ben⟧ will be ⟦wk⟧ a week. "
          "We will pay ⟦fw⟧ every 4 weeks into your account. ⟦extra⟧ If you think this decision is wrong, ask for a mandatory reconsideration within one month "
          "(regulation 3 of the Social Security and Child Support (Decisions and Appeals) Regulations 1999).\n",
          ben=pick(r, ["State Pension", "Personal Independence Payment", "Universal Credit", "Pension Credit", "Attendance Allowance"]), dt=d_uk(r, 2024, 2025),
          ni=nino(r), n="%s %s" % (p.first, p.last), a=addr_uk(r), from_=None, wk=gbp(r, 80, 240), fw=gbp(r, 320, 960),
          extra=pick(r, ["", "Your NHS number %s is on file for the PIP assessment." % nhs(r), "Claim reference %s." % rs(r, UP, 2) + digits(r, 8)]),
          **{"from": d_uk(r, 2024, 2025)})
    if pos:
        d.add("\nDaughter's contact for the appeal: ⟦e⟧, ⟦t⟧\n", e=F("EMAIL", email(r, pick(r, UK_FIRST), p.last, pick(r, UK_PERSONAL))),
              t=F("PHONE", uk_phone(r)))
    return d


@tmpl
def t_uk_police(r, pos):
    d = Doc("en")
    p = person_uk(r)
    d.add("⟦q⟧\n\n", q=pick(r, ["Summarise this crime report for the insurer:", "Rewrite the victim statement in the first person:",
                                 "Extract the reference numbers I need for the claim:"]))
    if pos and r.random() < 0.5:
        d.add("⟦m⟧\n", m=F("CONFIDENTIAL_MARKER", pick(r, ["OFFICIAL-SENSITIVE", "OFFICIAL SENSITIVE", "OFFICIAL-SENSITIVE: PERSONAL"])))
    d.add("⟦force⟧ — Crime Report\nCrime reference number: ⟦cr⟧   Incident log: CAD ⟦cad⟧\nOfficer in case: PC ⟦oic⟧ (collar ⟦col⟧)\n"
          "Offence: ⟦of⟧   Date/time: ⟦dt⟧\nVictim: ⟦n⟧, ⟦a⟧\n",
          force=pick(r, ["West Yorkshire Police", "Metropolitan Police Service", "Greater Manchester Police", "Avon and Somerset Constabulary"]),
          cr=pick(r, ["%02d/%06d/%02d" % (r.randint(1, 99), r.randint(1, 999999), r.randint(23, 25)), "%s%s" % (digits(r, 2), digits(r, 9)),
                      "CRIS %s/%02d" % (digits(r, 7), r.randint(23, 25))]),
          cad="%04d/%02d%s%02d" % (r.randint(1, 9999), r.randint(1, 28), pick(r, ["JAN", "MAR", "JUN", "SEP", "NOV"]), r.randint(23, 25)),
          oic=pick(r, UK_LAST), col=digits(r, 4), of=pick(r, ["Theft from motor vehicle (Theft Act 1968 s.1)", "Criminal damage (Criminal Damage Act 1971 s.1)",
                                                              "Burglary — dwelling (Theft Act 1968 s.9)"]),
          dt=d_uk(r, 2024, 2025), n="%s %s" % (p.first, p.last), a=addr_uk(r))
    d.add("Vehicle: ⟦v⟧ ⟦reg⟧ (VIN ⟦vin⟧). Victim's driving licence ⟦dl⟧ seen.\n", v=pick(r, ["Ford Fiesta", "Vauxhall Corsa", "VW Golf", "Nissan Qashqai"]),
          reg=plate_uk(r), vin=vin(r), dl=dvla(r, p))
    if pos:
        k = r.random()
        if k < 0.6 or not d.findings():
            d.add("Contact: ⟦t⟧\n", t=F("PHONE", uk_phone(r)))
        if k > 0.4:
            d.add("Email for updates: ⟦e⟧\n", e=F("EMAIL", email(r, p.first, p.last, pick(r, UK_PERSONAL))))
    d.add("Victim Code leaflet given. Status: filed pending further information.\n")
    return d


@tmpl
def t_uk_school(r, pos):
    d = Doc("en")
    c, par = person_uk(r), person_uk(r)
    par.last = c.last
    d.add("⟦q⟧\n\n", q=pick(r, ["Draft a reply to this parent about the EHCP review:", "Summarise this admissions form for the panel:",
                                 "Make this pupil record into a short handover note:"]))
    d.add("⟦s⟧ — ⟦k⟧\nPupil: ⟦n⟧   DOB ⟦dob⟧   Year ⟦yr⟧\nUPN ⟦upn⟧   NHS number ⟦nhs⟧   DfE number ⟦dfe⟧\n",
          s=pick(r, ["Oakfield Primary School", "St Aidan's C of E Academy", "Hollins Park High School"]),
          k=pick(r, ["In-Year Admission Application", "EHCP Annual Review", "Pupil Information Sheet"]), n="%s %s" % (c.first, c.last),
          dob=d_uk(r, 2008, 2019), yr=str(r.randint(1, 11)), upn=upn(r), nhs=nhs(r, r.random() < 0.7), dfe="%03d/%04d" % (r.randint(200, 940), r.randint(1000, 7999)))
    d.add("Parent/carer: ⟦p⟧   Relationship: ⟦rel⟧\n", p="%s %s" % (par.first, par.last), rel=pick(r, ["Mother", "Father", "Carer"]))
    if pos:
        d.add("Phone: ⟦t⟧   Email: ⟦e⟧\n", t=F("PHONE", uk_phone(r, pick(r, ["mob", "mob", "geo", "lon"]))),
              e=F("EMAIL", email(r, par.first, par.last, pick(r, UK_PERSONAL))) if r.random() < 0.7 else "(not given)")
    else:
        d.add("Contact details: held on SIMS\n")
    d.add("Free school meals: ⟦fsm⟧   SEN status: ⟦sen⟧   Previous school URN ⟦urn⟧\n", fsm=pick(r, ["Yes", "No"]), sen=pick(r, ["E", "K", "N"]), urn=digits(r, 6))
    return d


@tmpl
def t_uk_visa(r, pos):
    d = Doc("en")
    p = person_uk(r)
    p.first = pick(r, ["Arjun", "Chiara", "Adebayo", "Mei", "Luca", "Fatima", "Diego", "Olena"])
    d.add("⟦q⟧\n\n", q=pick(r, ["Check this Skilled Worker visa summary for inconsistencies:", "Draft the covering letter for this application:",
                                 "Summarise the UKVI decision letter:"]))
    d.add("UK Visas and Immigration\nGWF reference number: GWF0⟦gwf⟧   Unique Application Number: ⟦uan⟧\nApplicant: ⟦n⟧   Nationality: ⟦nat⟧\n"
          "Passport: ⟦pp⟧   BRP: ⟦brp⟧   CoS reference: ⟦cos⟧\nSponsor licence number ⟦sl⟧   SOC code ⟦soc⟧   Salary ⟦sal⟧\n"
          "Immigration Health Surcharge paid: ⟦ihs⟧ (IHS reference IHS⟦ihsr⟧)\n",
          gwf=digits(r, 8), uan="%s-%s-%s-%s" % (digits(r, 4), "0001", digits(r, 4), digits(r, 4)), n="%s %s" % (p.first, p.last),
          nat=pick(r, ["Indian", "Italian", "Nigerian", "Chinese", "Brazilian", "Ukrainian"]), pp=pick(r, [rs(r, UP, 1) + digits(r, 7), digits(r, 9), rs(r, UP, 2) + digits(r, 7)]),
          brp="%s%s" % (rs(r, UP, 2), pick(r, ["X", "Y", "Z"]) + digits(r, 6)), cos="C%s%s" % (digits(r, 1), rs(r, UP + DIG, 9)),
          sl=rs(r, UP + DIG, 9), soc=digits(r, 4), sal=gbp(r, 26000, 90000), ihs=gbp(r, 1035, 5175), ihsr=digits(r, 9))
    if pos:
        k = r.random()
        if k < 0.5:
            d.add("Applicant contact (UK): ⟦t⟧, ⟦e⟧\n", t=F("PHONE", uk_phone(r)), e=F("EMAIL", email(r, p.first, p.last, pick(r, UK_PERSONAL + ["gmail.com"]))))
        else:
            pi = pick(r, ["password ", "pw ", ""])
            if not pi:
                d.tags.add("judgement")   # "login: user / secret" with no password word
            d.add("Account login for the UKVI portal: ⟦e⟧ / ⟦pi⟧⟦pw⟧\n", e=F("EMAIL", email(r, p.first, p.last, "gmail.com")), pi=pi, pw=F("PASSWORD", pw(r)))
    return d


@tmpl
def t_uk_judgment(r, pos):
    d = Doc("en")
    a, b = person_uk(r), person_uk(r)
    yr = r.randint(2019, 2025)
    d.add("⟦q⟧\n\n", q=pick(r, ["Summarise the ratio of this judgment in 150 words:", "List the authorities cited in this extract:",
                                 "Explain this paragraph to a trainee:"]))
    d.add("Neutral Citation Number: ⟦nc⟧\nCase No: ⟦cn⟧\nIN THE HIGH COURT OF JUSTICE\n⟦div⟧\nRoyal Courts of Justice\nStrand, London, WC2A 2LL\nDate: ⟦dt⟧\n\n"
          "Between:\n⟦a⟧  Claimant\n- and -\n⟦b⟧  Defendant\n\n⟦par⟧. The claim is brought under section 2(1) of the Misrepresentation Act 1967 and, in the alternative, "
          "in negligent misstatement (Hedley Byrne & Co Ltd v Heller & Partners Ltd [1964] AC 465). The applicable test on summary judgment is set out in "
          "CPR 24.3 and Easyair Ltd v Opal Telecom Ltd [2009] EWHC 339 (Ch) at [15]. See also ⟦cite⟧.\n",
          nc=pick(r, ["[%d] EWHC %d (%s)" % (yr, r.randint(1, 3400), pick(r, ["KB", "Ch", "Comm", "TCC", "Fam"])), "[%d] EWCA Civ %d" % (yr, r.randint(1, 1600))]),
          cn=pick(r, ["KB-%d-%06d" % (yr - 1, r.randint(1, 9999)), "BL-%d-%06d" % (yr - 1, r.randint(1, 9999)), "CA-%d-%06d" % (yr - 1, r.randint(1, 2999))]),
          div=pick(r, ["KING'S BENCH DIVISION", "BUSINESS AND PROPERTY COURTS OF ENGLAND AND WALES", "CHANCERY DIVISION"]), dt=d_uk(r, yr, yr),
          a=pick(r, ["%s %s" % (a.first.upper(), a.last.upper()), "HARBOURSIDE DEVELOPMENTS LIMITED"]), b=pick(r, ["%s %s" % (b.first.upper(), b.last.upper()), "KESTREL INSURANCE PLC"]),
          par=str(r.randint(4, 80)), cite=pick(r, ["[2023] UKSC 25", "[2019] EWCA Civ 1022", "[2020] EWHC 2345 (QB)", "(2010) 120 Con LR 1"]))
    if r.random() < 0.2:
        d.tags.add("judgement")   # a four-part clause number has a dotted quad's shape
        d.add("The relevant provision is clause ⟦c⟧ of the JCT Design and Build Contract 2016.\n",
              c="%d.%d.%d.%d" % (r.randint(2, 12), r.randint(1, 9), r.randint(1, 6), r.randint(1, 9)))
    if pos:
        s, dom = pick(r, UK_FIRMS)
        c = person_uk(r)
        d.add("\nInstructing solicitors: ⟦s⟧ (⟦e⟧, ⟦t⟧)\n", s=s, e=F("EMAIL", email(r, c.first, c.last, dom)), t=F("PHONE", uk_phone(r, pick(r, ["lon", "geo", "intl_lon"]))))
    return d


@tmpl
def t_uk_insurance(r, pos):
    d = Doc("en")
    p = person_uk(r)
    d.add("⟦q⟧\n\n", q=pick(r, ["Write a complaint to the insurer about the delay, claim details below:", "Summarise this claim acknowledgement:",
                                 "Is the excess applied correctly?"]))
    d.add("⟦co⟧ — Motor Claim Acknowledgement\nPolicy number: ⟦pn⟧   Claim reference: ⟦cr⟧\nPolicyholder: ⟦n⟧   Vehicle registration: ⟦reg⟧\n"
          "Date of incident: ⟦dt⟧   Third party insurer ref: ⟦tp⟧\nCompulsory excess ⟦ce⟧ + voluntary excess ⟦ve⟧. MID checked. Driving licence ⟦dl⟧.\n",
          co=pick(r, ["Kestrel Insurance plc", "Northmoor Direct", "Albion Motor Underwriting"]), pn=pick(r, ["PM%s" % digits(r, 9), "%s/%s" % (rs(r, UP, 3), digits(r, 7))]),
          cr=pick(r, ["CLM/%s" % digits(r, 6), "MC%s" % digits(r, 8)]), n="%s %s" % (p.first, p.last), reg=plate_uk(r), dt=d_uk(r, 2024, 2025),
          tp=rs(r, UP, 2) + digits(r, 8), ce=gbp(r, 100, 350), ve=gbp(r, 0, 500), dl=dvla(r, p))
    if pos:
        k = r.random()
        if k < 0.4:
            d.add("Settlement will be paid to IBAN ⟦i⟧ unless you tell us otherwise.\n", i=F("IBAN", iban(r, "GB")))
        elif k < 0.7:
            d.add("We will call you on ⟦t⟧ within 2 working days.\n", t=F("PHONE", uk_phone(r)))
        else:
            d.add("Excess paid by card ⟦c⟧ on ⟦dt⟧.\n", c=F("CREDIT_CARD", card(r)), dt=d_uk(r, 2024, 2025))
    else:
        d.add("Settlement by BACS to sort code ⟦sc⟧, account ending ⟦l4⟧.\n", sc="%02d-%02d-%02d" % (r.randint(10, 99), r.randint(0, 99), r.randint(0, 99)), l4=digits(r, 4))
    return d


@tmpl
def t_uk_student_finance(r, pos):
    d = Doc("en")
    p = person_uk(r)
    d.add("⟦q⟧\n\n", q=pick(r, ["Explain this Student Finance letter to a first-year:", "Help me reply to Student Finance, they want evidence of household income:"]))
    d.add("Student Finance England\nCustomer Reference Number: ⟦crn⟧\n⟦n⟧\nAcademic year 2024/25 — Student Finance Entitlement\nTuition Fee Loan ⟦tf⟧ paid to ⟦uni⟧ (UKPRN ⟦ukprn⟧)\n"
          "Maintenance Loan ⟦ml⟧ in three instalments.\nHousehold income assessed: ⟦hi⟧. National Insurance number ⟦ni⟧ verified.\n",
          crn=digits(r, 11), n="%s %s" % (p.first, p.last), tf=gbp(r, 9250, 9535), uni=pick(r, ["University of Leeds", "Cardiff University", "King's College London"]),
          ukprn="1000" + digits(r, 4), ml=gbp(r, 4000, 13000), hi=gbp(r, 18000, 70000), ni=nino(r))
    if pos:
        if r.random() < 0.5:
            d.add("\nI tried logging in with ⟦e⟧ and my password ⟦pw⟧ but it says locked.\n", e=F("EMAIL", email(r, p.first, p.last, pick(r, UK_PERSONAL))),
                  pw=F("PASSWORD", pw(r)))
        else:
            d.add("\nLogin: ⟦e⟧ — ⟦pi⟧⟦pw⟧ — it says the account is locked.\n", e=F("EMAIL", email(r, p.first, p.last, pick(r, UK_PERSONAL))),
                  pi=pw_intro_en(r), pw=F("PASSWORD", pw(r)))
    return d


# ============================== Italy ==============================
def pec_of(r, p):
    return email(r, ("avv." if r.random() < 0.3 else "") + p.first, p.last, pick(r, IT_PEC))


def ente_cf(r):
    # numeric codice fiscale of a public body: same 11-digit form and check digit as a partita IVA
    v = pick(r, "89") + digits(r, 6) + "%03d" % r.randint(1, 100)
    t = 0
    for i, ch in enumerate(v):
        dd = int(ch)
        if i % 2 == 1:
            dd *= 2
            if dd > 9:
                dd -= 9
        t += dd
    return v + str((10 - t % 10) % 10)


def mecc(r, prov=None):
    prov = prov or pick(r, ["RM", "MI", "NA", "TO", "BO", "FI", "BA", "PA", "VE", "GE"])
    return prov + pick(r, ["IC", "EE", "MM", "PS", "IS", "TF", "PC"]) + digits(r, 1) + pick(r, UP + DIG) + digits(r, 3) + pick(r, DIG + "X")


@tmpl
def t_accesso_atti(r, pos):
    d = Doc("it")
    p = person_it(r)
    com = pick(r, COMUNI)
    d.add("⟦q⟧\n\n", q=pick(r, ["Sistemami questa istanza di accesso agli atti, deve sembrare più professionale:", "Riassumi la risposta del Comune:",
                                 "La richiesta è completa secondo la L. 241/1990?", "Translate this access-to-records request into English:"]))
    if pos:
        d.add("Spett.le Comune di ⟦c⟧\nSettore ⟦s⟧\nPEC: ⟦pec⟧\n\nOGGETTO: Istanza di accesso ai documenti amministrativi ai sensi degli artt. 22 e ss. L. 241/1990 e del D.P.R. 184/2006\n\n"
              "Il/La sottoscritto/a ⟦n⟧, nato/a a ⟦nl⟧ il ⟦nd⟧, C.F. ⟦cf⟧, residente in ⟦a⟧, ",
              c=com[0], s=pick(r, ["Urbanistica ed Edilizia Privata", "Polizia Locale", "Servizi Sociali", "Tributi"]),
              pec=F("EMAIL", pick(r, ["protocollo@pec.comune.%s.it", "comune.%s@cert.legalmail.it", "urbanistica.comune%s@pec.it"]) % _slug(com[0])),
              n="%s %s" % (p.first, p.last), nl=p.born, nd=p.birth, cf=F("IT_FISCAL_CODE", cf(r, p)), a=addr_it(r, com))
        d.add("tel. ⟦t⟧, e-mail ⟦e⟧,\nin qualità di ⟦q⟧,\nCHIEDE\ndi prendere visione ed estrarre copia del fascicolo relativo alla pratica edilizia prot. n. ⟦pr⟧ del ⟦pd⟧ "
              "(immobile censito al ⟦cat⟧), per la tutela di una situazione giuridicamente rilevante.\nAllega copia del documento di identità n. ⟦ci⟧.\n",
              t=F("PHONE", it_phone(r)), e=F("EMAIL", pick(r, [pec_of(r, p), email(r, p.first, p.last, pick(r, IT_PERSONAL))])),
              q=pick(r, ["proprietario confinante", "controinteressato", "legale rappresentante della ditta"]), pr=prot(r), pd=d_it(r, 2018, 2024),
              cat=catasto(r), ci="CA%s%s" % (digits(r, 5), rs(r, UP, 2)))
    else:
        d.add("COMUNE DI ⟦c⟧\nSettore ⟦s⟧\nProt. n. ⟦pr⟧ del ⟦pd⟧\nClassifica ⟦cl⟧ — Fascicolo ⟦fa⟧\n\nOGGETTO: Riscontro istanza di accesso agli atti pervenuta il ⟦d1⟧ (prot. in entrata n. ⟦pr2⟧)\n\n"
              "In riferimento all'istanza in oggetto, si comunica che, ai sensi dell'art. 3 del D.P.R. 184/2006, è stata data notizia ai controinteressati. "
              "Decorsi dieci giorni senza opposizione, la documentazione relativa alla pratica SCIA n. ⟦scia⟧ (⟦cat⟧) sarà disponibile presso l'Ufficio Archivio "
              "previo pagamento dei diritti di ricerca (⟦dir⟧) e dei costi di riproduzione. Il termine di conclusione del procedimento è di 30 giorni (art. 25 L. 241/1990).\n"
              "Il Responsabile del procedimento\n⟦rp⟧\n(documento firmato digitalmente ai sensi del D.Lgs. 82/2005)\n",
              c=com[0].upper(), s=pick(r, ["Urbanistica", "Lavori Pubblici", "Affari Generali"]), pr=prot(r), pd=d_it(r, 2023, 2025),
              cl="%d.%d" % (r.randint(1, 14), r.randint(1, 12)), fa="%d.%d/%d" % (r.randint(1, 9), r.randint(1, 40), r.randint(2019, 2025)),
              d1=d_it(r, 2023, 2025), pr2=prot(r), scia="%d/%d" % (r.randint(1, 999), r.randint(2015, 2024)), cat=catasto(r), dir=eur(r, 10, 60),
              rp="%s %s" % (pick(r, ["arch.", "ing.", "dott.", "geom."]), pick(r, IT_LAST)))
    return d


@tmpl
def t_sentenza(r, pos):
    d = Doc("it")
    a, b, avv = person_it(r), person_it(r), person_it(r)
    trib = pick(r, ["TRIBUNALE ORDINARIO DI MILANO", "TRIBUNALE DI ROMA", "CORTE D'APPELLO DI NAPOLI", "TRIBUNALE DI TORINO", "GIUDICE DI PACE DI BOLOGNA"])
    d.add("⟦q⟧\n\n", q=pick(r, ["Riassumi la motivazione di questa sentenza in 10 righe:", "Estrai i riferimenti normativi e giurisprudenziali:",
                                 "Translate the operative part of this judgment into English:", "Prepara una nota per il cliente sull'esito:"]))
    d.add("REPUBBLICA ITALIANA\nIN NOME DEL POPOLO ITALIANO\nIL ⟦t⟧\nSezione ⟦sez⟧ civile\nin composizione monocratica, in persona del Giudice dott. ⟦g⟧, ha pronunciato la seguente\n"
          "SENTENZA\nnella causa civile di I grado iscritta al n. R.G. ⟦rg⟧ promossa da:\n⟦an⟧",
          t=trib, sez=pick(r, ["I", "II", "III", "IV", "X", "XI"]), g=pick(r, IT_LAST), rg=rg(r), an="%s %s" % (a.last.upper(), a.first.upper()))
    if pos:
        k = r.random()
        d.add(" (C.F. ⟦cf⟧)", cf=F("IT_FISCAL_CODE", cf(r, a)))
    d.add(", con il patrocinio dell'avv. ⟦av⟧, elettivamente domiciliato in ⟦ad⟧\nATTORE\ncontro\n⟦bn⟧", av="%s %s" % (avv.last.upper(), avv.first.upper()),
          ad=addr_it(r), bn=pick(r, ["%s %s" % (b.last.upper(), b.first.upper()), "ASSICURAZIONI RIUNITE S.P.A.", "CONDOMINIO DI %s" % pick(r, IT_VIE).upper()]))
    if pos and r.random() < 0.5:
        if d.parts[-1][0].startswith("ASSICURAZIONI") or d.parts[-1][0].startswith("CONDOMINIO"):
            d.add(" (P.IVA ⟦v⟧)", v=F("IT_VAT", piva(r)))
        else:
            d.add(" (C.F. ⟦cf⟧)", cf=F("IT_FISCAL_CODE", cf(r, b)))
    d.add("\nCONVENUTO\nOggetto: risarcimento danni ex art. ⟦art⟧ c.c.\nCONCISA ESPOSIZIONE DELLE RAGIONI DI FATTO E DI DIRITTO DELLA DECISIONE\n"
          "La domanda è fondata nei limiti di seguito esposti. Come chiarito da Cass. civ., Sez. III, ⟦cd⟧, n. ⟦cn⟧, la responsabilità ex art. 2051 c.c. ha natura oggettiva. "
          "Il danno biologico è liquidato secondo le Tabelle di Milano ⟦tm⟧ in ⟦amt⟧, oltre interessi legali dalla domanda al saldo (art. 1284 c.c.).\n"
          "P.Q.M.\nIl Giudice, definitivamente pronunciando, condanna il convenuto al pagamento di ⟦amt⟧ oltre spese di lite liquidate in ⟦sp⟧ per compensi, oltre spese generali 15%, IVA e CPA.\n"
          "Sentenza n. ⟦sn⟧ pubbl. il ⟦pd⟧ — Repert. n. ⟦rep⟧ del ⟦pd⟧\n",
          art=pick(r, ["2043", "2051", "2054", "1218", "2049"]), cd=d_it(r, 2015, 2023), cn=str(r.randint(1000, 35000)), tm=pick(r, ["2021", "2022", "2024"]),
          amt=eur(r, 3000, 180000), sp=eur(r, 1500, 14000), sn="%d/%d" % (r.randint(100, 12000), r.randint(2022, 2025)), pd=d_it(r, 2022, 2025),
          rep="%d/%d" % (r.randint(100, 15000), r.randint(2022, 2025)))
    if pos and not d.findings():
        d.add("Nota: CF attore per la notifica ⟦cf⟧\n", cf=F("IT_FISCAL_CODE", cf(r, a)))
    return d


@tmpl
def t_verbale(r, pos):
    d = Doc("it")
    p = person_it(r)
    com = pick(r, COMUNI)
    d.add("⟦q⟧\n\n", q=pick(r, ["Mi è arrivata questa multa, posso fare ricorso al Prefetto? Ecco il verbale:", "Riassumi importi e scadenze di questo verbale:",
                                 "Scrivi un ricorso al Giudice di Pace contro questo verbale:", "Translate this Italian traffic fine for my US client:"]))
    viol = pick(r, [("142 comma 8", "superando il limite di velocità di 50 km/h di %d km/h (tolleranza 5%% già applicata)" % r.randint(11, 39)),
                    ("7 commi 9 e 14", "accedendo alla ZTL senza autorizzazione"), ("146 comma 3", "proseguendo la marcia nonostante la luce rossa del semaforo"),
                    ("158 comma 2 lett. h", "in sosta sul marciapiede")])
    base = r.uniform(42, 845)
    d.add("COMUNE DI ⟦c⟧ — CORPO DI POLIZIA LOCALE\nVERBALE DI ACCERTAMENTO DI VIOLAZIONE n. ⟦vn⟧   Reg. ⟦reg⟧\n"
          "Il giorno ⟦dt⟧ alle ore ⟦h⟧ in ⟦luogo⟧ il veicolo ⟦veh⟧ targato ⟦tg⟧ (telaio ⟦vin⟧) violava l'art. ⟦art⟧ del D.Lgs. 285/1992 (C.d.S.) ⟦desc⟧. "
          "Violazione rilevata con apparecchiatura ⟦app⟧ matricola ⟦mat⟧, omologata con D.M. n. ⟦dm⟧.\nProprietario/obbligato in solido: ⟦n⟧, nato a ⟦nl⟧ il ⟦nd⟧",
          c=com[0].upper(), vn="%s/%d/%s" % (pick(r, ["V", "T", "ZTL", "A"]), r.randint(2023, 2025), digits(r, 6)), reg=digits(r, 7), dt=d_it(r, 2024, 2025),
          h="%02d:%02d" % (r.randint(0, 23), r.randint(0, 59)), luogo=pick(r, IT_VIE) + " (%s)" % com[0],
          veh=pick(r, ["autovettura FIAT Panda", "autovettura VW Golf", "motociclo Honda SH 125", "autocarro IVECO Daily"]), tg=targa_it(r), vin=vin(r),
          art=viol[0], desc=viol[1],
          app=pick(r, ["Autovelox 106", "T-Red", "VISTARED", "Celeritas"]), mat=rs(r, UP + DIG, 8), dm=str(r.randint(1000, 9999)),
          n="%s %s" % (p.last.upper(), p.first.upper()), nl=p.born, nd=p.birth)
    if pos and r.random() < 0.55:
        d.add(", C.F. ⟦cf⟧", cf=F("IT_FISCAL_CODE", cf(r, p)))
    d.add("\nSANZIONE: ⟦s1⟧ — ridotta del 30% ⟦s2⟧ se pagata entro 5 giorni dalla notifica — spese di notifica e procedimento ⟦sn⟧. Decurtazione punti: ⟦pt⟧.\n"
          "Pagamento tramite avviso pagoPA, codice avviso ⟦av⟧",
          s1=eur(r, base, base), s2=eur(r, base * 0.7, base * 0.7), sn=eur(r, 12, 21), pt=str(pick(r, [0, 2, 3, 5, 6])), av=pagopa(r))
    if pos and r.random() < 0.3:
        d.tags.add("judgement")   # the comune's numeric codice fiscale: an 11-digit P.IVA by form and check digit, not a VAT number
        d.add(", codice fiscale ente creditore ⟦ce⟧", ce=F("IT_VAT", ente_cf(r)))
    if pos and (r.random() < 0.6 or not d.findings()):
        d.add(", oppure bonifico su IBAN ⟦i⟧ intestato a Comune di ⟦c⟧ – Servizio Tesoreria, causale: n. verbale e targa", i=F("IBAN", iban(r, "IT")), c=com[0])
    d.add(".\nAvverso il presente verbale è ammesso ricorso al Prefetto entro 60 giorni (art. 203 C.d.S.) o al Giudice di Pace entro 30 giorni (art. 204-bis C.d.S.; art. 7 D.Lgs. 150/2011).\n")
    return d


@tmpl
def t_anagrafe(r, pos):
    d = Doc("it")
    p = person_it(r, foreign=r.random() < 0.2)
    com = pick(r, COMUNI)
    d.add("⟦q⟧\n\n", q=pick(r, ["Traduci in inglese questo certificato, serve per il consolato:", "Questo certificato va bene per la pratica di successione?",
                                 "Riassumi cosa attesta questo certificato:"]))
    if pos:
        d.add("COMUNE DI ⟦c⟧\nUFFICIO ANAGRAFE — ANPR\nCERTIFICATO DI ⟦k⟧\nIL DIRIGENTE\nsulla base delle risultanze anagrafiche\nCERTIFICA\nche ⟦n⟧, nato/a a ⟦nl⟧ il ⟦nd⟧, "
              "codice fiscale ⟦cf⟧, risulta residente in ⟦a⟧",
              c=com[0].upper(), k=pick(r, ["RESIDENZA", "STATO DI FAMIGLIA", "RESIDENZA E STATO DI FAMIGLIA", "STATO CIVILE"]),
              n="%s %s" % (p.last.upper(), p.first.upper()), nl=p.born.upper(), nd=p.birth, cf=F("IT_FISCAL_CODE", cf(r, p)), a=addr_it(r, com))
        if r.random() < 0.5:
            q = person_it(r)
            q.last = p.last
            d.add(" e che la famiglia anagrafica è così composta:\n- ⟦n⟧ (⟦rel⟧), nato/a a ⟦nl⟧ il ⟦nd⟧, C.F. ⟦cf⟧", n="%s %s" % (q.last.upper(), q.first.upper()),
                  rel=pick(r, ["figlio/a", "coniuge"]), nl=q.born.upper(), nd=q.birth, cf=F("IT_FISCAL_CODE", cf(r, q)) if r.random() < 0.8 else "—")
        d.add(".\n")
    else:
        d.add("Come richiedere il certificato di ⟦k⟧ (Comune di ⟦c⟧, codice ISTAT ⟦istat⟧, codice catastale ⟦cc⟧):\n"
              "1. online dal portale ANPR con SPID/CIE, gratuitamente;\n2. allo sportello, con marca da bollo da € 16,00 (identificativo marca ⟦mb⟧ da riportare nella richiesta) "
              "più diritti di segreteria € 0,52;\n3. per uso esente (es. art. 13-bis D.P.R. 642/1972) indicare la norma di esenzione.\n"
              "Richiesta n. ⟦rq⟧ del ⟦dt⟧ — stato: evasa.\n",
              k=pick(r, ["residenza", "stato di famiglia", "nascita", "cittadinanza"]), c=com[0], istat="0%s%s" % (digits(r, 2), digits(r, 3)), cc=com[1],
              mb=digits(r, 14), rq=digits(r, 8), dt=d_it(r, 2024, 2025))
    d.add("Il presente certificato non può essere prodotto agli organi della pubblica amministrazione o ai privati gestori di pubblici servizi (art. 40 D.P.R. 445/2000).\n"
          "SPAZIO RISERVATO ALL'UFFICIO — Diritti riscossi ⟦dr⟧ — Bollo assolto (id. ⟦mb⟧)\n", dr=eur(r, 0.26, 0.52), mb=digits(r, 14))
    return d


@tmpl
def t_isee(r, pos):
    d = Doc("it")
    p = person_it(r)
    d.add("⟦q⟧\n\n", q=pick(r, ["Con questo ISEE posso chiedere la riduzione della mensa scolastica?", "Riassumi i valori di questa attestazione ISEE:",
                                 "Controlla se i dati del nucleo sono coerenti:"]))
    d.add("ATTESTAZIONE I.S.E.E. ⟦k⟧\nProtocollo DSU: INPS-ISEE-⟦y⟧-⟦n⟧⟦l⟧-00   Data presentazione ⟦dt⟧   Data scadenza 31/12/⟦y⟧\n"
          "Dichiarante: ⟦nm⟧⟦cf⟧\n",
          k=pick(r, ["ORDINARIO", "MINORENNI", "UNIVERSITARIO", "SOCIO-SANITARIO"]), y=str(r.randint(2024, 2025)), n=digits(r, 8), l=pick(r, UP),
          dt=d_it(r, 2024, 2025), nm="%s %s" % (p.last.upper(), p.first.upper()), cf=F("IT_FISCAL_CODE", cf(r, p)) if pos else "")
    if pos and d.findings():
        d.parts.insert(len(d.parts) - 2, [" — C.F. ", None])
    d.add("Componenti del nucleo: ⟦nc⟧   Scala di equivalenza: ⟦se⟧\nISR ⟦isr⟧   ISP ⟦isp⟧   ISE ⟦ise⟧\nISEE ⟦isee⟧\n",
          nc=str(r.randint(1, 6)), se=pick(r, ["1,00", "1,57", "2,04", "2,46", "2,85"]), isr=eur(r, 0, 60000), isp=eur(r, 0, 200000), ise=eur(r, 2000, 90000), isee=eur(r, 1000, 45000))
    if pos and (r.random() < 0.5 or not d.findings()):
        d.add("Quadro FC2 — Patrimonio mobiliare: rapporto n. 1, tipo 01 (conto corrente), identificativo rapporto ⟦i⟧, saldo al 31/12 ⟦s⟧, giacenza media ⟦g⟧\n",
              i=F("IBAN", iban(r, "IT", grouped=r.random() < 0.3)), s=eur(r, 100, 40000), g=eur(r, 100, 40000))
    d.add("Le informazioni sono rese ai sensi dell'art. 10 D.P.C.M. 159/2013; la DSU è soggetta a controlli (art. 11).\n")
    return d


@tmpl
def t_iscrizione(r, pos):
    d = Doc("it")
    g = person_it(r)
    c = person_it(r)
    c.last = g.last
    c.y = r.randint(2010, 2020)
    prov = pick(r, ["RM", "MI", "NA", "TO", "BO", "FI", "BA", "PA"])
    d.add("⟦q⟧\n\n", q=pick(r, ["Controlla questa domanda di iscrizione prima dell'invio:", "Riassumi la circolare per i genitori della classe:",
                                 "Scrivi una mail alla segreteria per correggere i dati della domanda:", "Translate this enrolment form for a British family:"]))
    if pos:
        d.add("DOMANDA DI ISCRIZIONE n. ⟦dn⟧ — a.s. 2025/26\nScuola di destinazione: ⟦sc⟧ (codice meccanografico ⟦m⟧)\nALUNNO/A: ⟦cn⟧ ⟦cnm⟧, nato/a a ⟦cl⟧ il ⟦cd⟧, C.F. ⟦ccf⟧\n"
              "GENITORE/TUTORE: ⟦gn⟧ ⟦gnm⟧, C.F. ⟦gcf⟧\nRecapiti: cellulare ⟦t⟧ — e-mail ⟦e⟧\nScelta dell'insegnamento della religione cattolica: ⟦irc⟧ — Tempo scuola: ⟦ts⟧ ore\n",
              dn=digits(r, 8), sc=pick(r, ["I.C. Via dei Mille", "I.C. Giovanni Pascoli", "Liceo Scientifico E. Fermi", "I.I.S. Leonardo da Vinci"]), m=mecc(r, prov),
              cn=c.last.upper(), cnm=c.first.upper(), cl=c.born, cd="%02d/%02d/%d" % (c.d, c.m, c.y), ccf=F("IT_FISCAL_CODE", cf(r, c)) if r.random() < 0.8 else "in attesa di attribuzione",
              gn=g.last.upper(), gnm=g.first.upper(), gcf=F("IT_FISCAL_CODE", cf(r, g)),
              t=F("PHONE", it_phone(r, pick(r, ["mob", "mob", "intl_mob"]))) if r.random() < 0.7 else "non indicato",
              e=F("EMAIL", email(r, g.first, g.last, pick(r, IT_PERSONAL))) if r.random() < 0.7 else "non indicata",
              irc=pick(r, ["SÌ", "NO"]), ts=pick(r, ["27", "30", "40"]))
    else:
        d.add("Prot. n. ⟦pr⟧ del ⟦dt⟧\nISTITUTO COMPRENSIVO ⟦ic⟧ — ⟦m⟧\nCIRCOLARE N. ⟦cn⟧\nAi genitori degli alunni delle classi quinte\n\n"
              "OGGETTO: Iscrizioni alle classi prime a.s. 2025/26 — Nota MIM prot. n. ⟦nota⟧ del ⟦nd⟧\n\nLe domande di iscrizione si presentano online dal 21 gennaio al 10 febbraio "
              "sulla piattaforma Unica, accedendo con SPID, CIE, CNS o eIDAS. Per la scuola secondaria di I grado del nostro istituto il codice meccanografico da indicare è ⟦m2⟧; "
              "per la primaria ⟦m3⟧. La segreteria offre supporto il martedì dalle 9:00 alle 12:00 previo appuntamento. Contributo volontario: ⟦cv⟧ (delibera C.d.I. n. ⟦del⟧).\n"
              "Il Dirigente Scolastico\nProf.ssa ⟦ds⟧\n(firma autografa sostituita a mezzo stampa ex art. 3 c. 2 D.Lgs. 39/1993)\n",
              pr=prot(r), dt=d_it(r, 2024, 2025), ic=pick(r, ["\"G. PASCOLI\"", "\"VIA DEI MILLE\"", "\"DON MILANI\""]), m=mecc(r, prov), cn=str(r.randint(40, 250)),
              nota=str(r.randint(10000, 48000)), nd=d_it(r, 2024, 2024), m2=mecc(r, prov), m3=mecc(r, prov), cv=eur(r, 20, 80), del_=None,
              ds=pick(r, IT_LAST), **{"del": str(r.randint(10, 90))})
    d.add("SPAZIO RISERVATO ALLA SEGRETERIA: domanda acquisita il ⟦dt⟧ — prot. ⟦pr⟧\n", dt=d_it(r, 2025, 2025), pr=prot(r))
    return d


@tmpl
def t_registro(r, pos):
    d = Doc("it")
    g = person_it(r)
    d.add("⟦q⟧\n\n", q=pick(r, ["Mio figlio non riesce ad accedere al registro elettronico, mi scrivi una mail alla scuola?",
                                 "Riassumi queste istruzioni per i genitori in tre punti:", "Traduci in inglese queste istruzioni di accesso:"]))
    if pos:
        k = r.random()
        d.add("Buongiorno, ecco le credenziali che ci ha dato la segreteria per il registro elettronico:\ncodice scuola: ⟦cs⟧\nutente: ⟦u⟧\n⟦pi⟧⟦p⟧\n", pi=pw_intro_it(r),
              cs=pick(r, ["SG%s" % digits(r, 5), "SS%s" % digits(r, 5), mecc(r)]), u=pick(r, ["G%s%s" % (digits(r, 7), pick(r, "SPG")), "%s.%s" % (g.first.lower(), g.last.lower())]),
              p=F("PASSWORD", pw(r)))
        if k < 0.5:
            d.add("Se serve il mio numero è ⟦t⟧.\n", t=F("PHONE", it_phone(r, "mob")))
        d.add("Quando entro mi dice \"credenziali non valide\". Cosa devo scrivere alla scuola?\n")
    else:
        d.add("ISTRUZIONI DI ACCESSO AL REGISTRO ELETTRONICO — FAMIGLIE\n1. Le credenziali (codice utente e password provvisoria) vengono consegnate in busta chiusa dalla segreteria.\n"
              "2. Al primo accesso il sistema chiede di cambiare la password: almeno 8 caratteri, una maiuscola, un numero e un carattere speciale.\n"
              "3. Password dimenticata? Usare la funzione \"Recupera password\" indicando l'e-mail registrata.\n4. Non comunicare mai le credenziali via e-mail o telefono: "
              "la scuola non le chiederà mai.\nCodice meccanografico: ⟦m⟧ — Circolare n. ⟦c⟧ prot. ⟦pr⟧\n", m=mecc(r), c=str(r.randint(10, 250)), pr=prot(r))
    return d


@tmpl
def t_inps(r, pos):
    d = Doc("it")
    p = person_it(r)
    d.add("⟦q⟧\n\n", q=pick(r, ["Mia madre ha ricevuto questa lettera dall'INPS, cosa significa?", "Riassumi la comunicazione INPS e le scadenze:",
                                 "Prepara un ricorso amministrativo contro questo provvedimento:", "Translate this INPS letter into English for my colleague:"]))
    d.add("ISTITUTO NAZIONALE DELLA PREVIDENZA SOCIALE\nDirezione Provinciale di ⟦c⟧\n⟦dt⟧\nProtocollo: INPS.⟦sede⟧.⟦pd⟧.⟦pn⟧\n\nSig./Sig.ra ⟦n⟧\n⟦a⟧\n",
          c=pick(r, COMUNI)[0], dt=d_it(r, 2024, 2025), sede=digits(r, 4), pd="%02d/%02d/%d" % (r.randint(1, 28), r.randint(1, 12), r.randint(2024, 2025)),
          pn=digits(r, 7), n="%s %s" % (p.first, p.last), a=addr_it(r))
    if pos:
        d.add("Codice fiscale: ⟦cf⟧\n", cf=F("IT_FISCAL_CODE", cf(r, p)))
    d.add("OGGETTO: Domanda n. ⟦dn⟧ del ⟦dd⟧ — ⟦prest⟧\n\nLa informiamo che la Sua domanda è stata ⟦esito⟧. Decorrenza: ⟦dec⟧. Importo mensile lordo: ⟦imp⟧; "
          "trattenute IRPEF ⟦irpef⟧; addizionali regionali e comunali ⟦add⟧. Il calcolo è effettuato ai sensi dell'art. 24 del D.L. 201/2011, convertito dalla L. 214/2011, "
          "e della Circolare INPS n. ⟦circ⟧ del ⟦cd⟧.\n",
          dn=digits(r, 13), dd=d_it(r, 2023, 2025), prest=pick(r, ["pensione di vecchiaia", "assegno unico e universale", "NASpI", "assegno ordinario di invalidità", "pensione ai superstiti"]),
          esito=pick(r, ["accolta", "accolta parzialmente", "respinta per mancanza del requisito contributivo"]), dec=d_it(r, 2024, 2025), imp=eur(r, 400, 3200),
          irpef=eur(r, 0, 600), add=eur(r, 0, 80), circ=str(r.randint(1, 140)), cd=d_it(r, 2019, 2024))
    if pos and r.random() < 0.6:
        d.add("Il pagamento avverrà mediante accredito sul conto corrente IBAN ⟦i⟧ intestato al beneficiario.\n", i=F("IBAN", iban(r, "IT") if r.random() < 0.75 else iban_it_components(r)))
    else:
        d.add("Il pagamento avverrà sul conto corrente indicato nella domanda (IBAN terminante con ⟦l⟧). Matricola azienda ultimo datore di lavoro: ⟦mat⟧.\n",
          l=digits(r, 4), mat=pick(r, ["3", "5", "7", "4"]) + digits(r, 9))
    d.add("Avverso il presente provvedimento è possibile proporre ricorso amministrativo entro 90 giorni tramite il servizio online \"Ricorsi online\".\n")
    if pos and r.random() < 0.3:
        fc = pick(r, COMUNI)
        add_footer(d, footer_parts(r, footer_it(r, "INPS – Agenzia complessa di %s" % fc[0], "direzione.provinciale.%s@postacert.inps.gov.it" % _slug(fc[0]), fc)))
    return d


@tmpl
def t_sinistro_it(r, pos):
    d = Doc("it")
    a, b = person_it(r), person_it(r)
    d.add("⟦q⟧\n\n", q=pick(r, ["Riassumi questa denuncia di sinistro per il perito:", "Scrivi alla compagnia per sollecitare la liquidazione, dati sotto:",
                                 "Controlla la ricostruzione della dinamica, è coerente col CAI?", "Translate this claim summary into English:"]))
    d.add("DENUNCIA DI SINISTRO RCA — Modulo CAI (constatazione amichevole) del ⟦dt⟧\nNumero sinistro: ⟦sn⟧   Ispettorato: ⟦isp⟧\n"
          "VEICOLO A: ⟦va⟧ targa ⟦ta⟧, telaio ⟦vin⟧ — Compagnia ⟦ca⟧, polizza n. ⟦pa⟧ — Contraente ⟦na⟧",
          dt=d_it(r, 2024, 2025), sn=pick(r, ["%d/%s/RCA" % (r.randint(2024, 2025), digits(r, 6)), "%s%s" % (digits(r, 4), digits(r, 8)), "SIN-%s" % digits(r, 9)]),
          isp=pick(r, ["Milano Nord", "Roma Est", "Napoli 2", "Torino Centro"]), va=pick(r, ["Fiat Panda", "Lancia Ypsilon", "Renault Clio", "Toyota Yaris"]),
          ta=targa_it(r), vin=vin(r), ca=pick(r, ["Assicurazioni Riunite S.p.A.", "Tirrena Mutua", "Assiteca Auto"]), pa=digits(r, pick(r, [9, 10, 12])),
          na="%s %s" % (a.first, a.last))
    if pos:
        d.add(", C.F. ⟦cf⟧, ⟦pi⟧⟦t⟧", cf=F("IT_FISCAL_CODE", cf(r, a)), pi=phone_intro_it(r), t=F("PHONE", it_phone(r)) if r.random() < 0.6 else "n.d.")
    d.add("\nVEICOLO B: ⟦vb⟧ targa ⟦tb⟧ — Compagnia ⟦cb⟧, polizza n. ⟦pb⟧ — Conducente ⟦nb⟧\nDinamica: il veicolo B, proveniente da destra, non rispettava il segnale di STOP "
          "(art. 145 C.d.S.) urtando la fiancata sinistra del veicolo A. Barrate caselle: A ⟦ba⟧, B ⟦bb⟧. Danni stimati ⟦dan⟧. Procedura di risarcimento diretto (art. 149 D.Lgs. 209/2005).\n",
          vb=pick(r, ["Peugeot 208", "VW Polo", "Dacia Sandero"]), tb=targa_it(r), cb=pick(r, ["Nord Assicurazioni", "Linea Diretta Auto"]), pb=digits(r, 10),
          nb="%s %s" % (b.first, b.last), ba=pick(r, ["1", "8", "10"]), bb=pick(r, ["13", "15", "17"]), dan=eur(r, 600, 9000))
    if pos and (r.random() < 0.5 or not d.findings()):
        d.add("Liquidazione su IBAN ⟦i⟧ intestato a ⟦n⟧; e-mail per comunicazioni ⟦e⟧\n", i=F("IBAN", iban(r, "IT")), n="%s %s" % (a.first, a.last),
              e=F("EMAIL", email(r, a.first, a.last, pick(r, IT_PERSONAL))))
    return d


@tmpl
def t_polizza_it(r, pos):
    d = Doc("it")
    p = person_it(r)
    d.add("⟦q⟧\n\n", q=pick(r, ["Spiegami le esclusioni di questa polizza in parole semplici:", "Confronta questa polizza casa con quella dell'anno scorso (premio 310 €):",
                                 "Riassumi il frontespizio della polizza vita:"]))
    kind = pick(r, ["CASA E FAMIGLIA", "VITA TEMPORANEA CASO MORTE", "RC CAPOFAMIGLIA", "INFORTUNI"])
    d.add("POLIZZA ⟦k⟧ n. ⟦pn⟧ — Codice prodotto ⟦cp⟧ — Agenzia ⟦ag⟧ (cod. ⟦ac⟧, iscr. RUI A000⟦rui⟧)\nContraente/Assicurato: ⟦n⟧, nato a ⟦nl⟧ il ⟦nd⟧",
          k=kind, pn=digits(r, pick(r, [9, 10])) + pick(r, ["", "/%d" % r.randint(1, 9)]), cp=rs(r, UP, 2) + digits(r, 3), ag=pick(r, COMUNI)[0] + " " + pick(r, ["Centro", "Nord", "Sud"]),
          ac=digits(r, 5), rui=digits(r, 6), n="%s %s" % (p.first, p.last), nl=p.born, nd=p.birth)
    if pos:
        d.add(", C.F. ⟦cf⟧", cf=F("IT_FISCAL_CODE", cf(r, p)))
    d.add("\nUbicazione del rischio: ⟦a⟧ (⟦cat⟧)\nSomma assicurata ⟦sa⟧ — Premio annuo lordo ⟦pr⟧ (imposte ⟦imp⟧) — Franchigia ⟦fr⟧\n"
          "Esclusioni: danni da terremoto e inondazione salvo garanzia aggiuntiva; art. 1892 c.c. (dichiarazioni inesatte) e art. 1901 c.c. (mancato pagamento del premio).\n",
          a=addr_it(r), cat=catasto(r), sa=eur(r, 50000, 500000), pr=eur(r, 120, 1800), imp=eur(r, 10, 300), fr=eur(r, 150, 1000))
    if kind.startswith("VITA"):
        b = person_it(r)
        d.add("Beneficiari caso morte: ⟦b⟧ ⟦cfb⟧\n", b=pick(r, ["gli eredi legittimi", "%s %s (coniuge)" % (b.first, p.last)]),
              cfb=F("IT_FISCAL_CODE", cf(r, b)) if pos and r.random() < 0.5 else "")
    if pos and (r.random() < 0.5 or not d.findings()):
        if r.random() < 0.5:
            d.add("Modalità di pagamento: addebito SEPA SDD su IBAN ⟦i⟧ — mandato n. ⟦m⟧\n", i=F("IBAN", iban(r, "IT")), m=rs(r, UP + DIG, 12))
        else:
            d.add("Modalità di pagamento: carta di credito n. ⟦c⟧ scad. ⟦s⟧\n", c=F("CREDIT_CARD", card(r)), s="%02d/%02d" % (r.randint(1, 12), r.randint(26, 31)))
    return d


@tmpl
def t_rogito(r, pos):
    d = Doc("it")
    v, c, n = person_it(r), person_it(r), person_it(r)
    com = pick(r, COMUNI)
    d.add("⟦q⟧\n\n", q=pick(r, ["Riassumi questo atto di compravendita per il cliente:", "Traduci in inglese la parte descrittiva dell'immobile:",
                                 "Controlla i dati catastali e il prezzo in questo rogito:"]))
    d.add("Repertorio n. ⟦rep⟧                                 Raccolta n. ⟦rac⟧\nCOMPRAVENDITA\nREPUBBLICA ITALIANA\nL'anno ⟦y⟧, il giorno ⟦g⟧ del mese di ⟦m⟧, in ⟦c⟧, nel mio studio, "
          "avanti a me dott. ⟦not⟧, Notaio in ⟦c⟧, iscritto nel Collegio Notarile di ⟦c⟧, sono presenti:\n- ⟦vn⟧, nato a ⟦vl⟧ il ⟦vd⟧",
          rep="%d.%03d" % (r.randint(10, 140), r.randint(0, 999)), rac="%d.%03d" % (r.randint(5, 60), r.randint(0, 999)), y=str(r.randint(2022, 2025)),
          g=str(r.randint(1, 28)), m=pick(r, MONTHS_IT), c=com[0], not_=None, vn="%s %s" % (v.first.upper(), v.last.upper()), vl=v.born, vd=v.birth,
          **{"not": "%s %s" % (n.first, n.last)})
    if pos:
        d.add(", codice fiscale ⟦cf⟧", cf=F("IT_FISCAL_CODE", cf(r, v)))
    d.add(", parte venditrice;\n- ⟦cn⟧, nato a ⟦cl⟧ il ⟦cd⟧", cn="%s %s" % (c.first.upper(), c.last.upper()), cl=c.born, cd=c.birth)
    if pos and r.random() < 0.7:
        d.add(", codice fiscale ⟦cf⟧", cf=F("IT_FISCAL_CODE", cf(r, c)))
    d.add(", parte acquirente.\nArt. 1 — La parte venditrice vende alla parte acquirente la piena proprietà dell'unità immobiliare sita in ⟦a⟧, censita al Catasto Fabbricati del Comune di ⟦c⟧ "
          "(codice ⟦cc⟧) al ⟦cat⟧.\nArt. 2 — Il prezzo è convenuto in ⟦pr⟧, che la parte venditrice dichiara di aver ricevuto ",
          a=addr_it(r, com), c=com[0], cc=com[1], cat=catasto(r), pr=eur(r, 80000, 900000))
    if pos and (r.random() < 0.5 or not d.findings()):
        d.add("mediante bonifico bancario disposto in data odierna sul conto IBAN ⟦i⟧ (CRO ⟦cro⟧)", i=F("IBAN", iban(r, "IT") if r.random() < 0.75 else iban_it_components(r)), cro=digits(r, 11))
    else:
        d.add("mediante assegno circolare non trasferibile n. ⟦ac⟧ emesso da ⟦b⟧", ac=digits(r, 10) + "-" + digits(r, 2), b=pick(r, ["Intesa Sanpaolo", "UniCredit", "Banco BPM"]))
    d.add(", rilasciandone quietanza. Le parti dichiarano ai sensi dell'art. 35, comma 22, D.L. 223/2006 di essersi avvalse dell'agenzia ⟦ag⟧ (provvigione ⟦pv⟧).\n"
          "Registrato a ⟦c⟧ il ⟦rd⟧ al n. ⟦rn⟧ serie 1T; trascritto il ⟦rd⟧ ai nn. ⟦t1⟧/⟦t2⟧.\n",
          ag=pick(r, ["Il Portico", "Tecnocasa Centro", "Immobiliare Duomo"]), pv=eur(r, 2000, 25000), c=com[0], rd=d_it(r, 2022, 2025),
          rn=str(r.randint(1000, 40000)), t1=str(r.randint(1000, 60000)), t2=str(r.randint(500, 40000)))
    return d


@tmpl
def t_locazione(r, pos):
    d = Doc("it")
    lo, co = person_it(r), person_it(r, foreign=r.random() < 0.25)
    com = pick(r, COMUNI)
    d.add("⟦q⟧\n\n", q=pick(r, ["Il conduttore vuole recedere prima, cosa prevede questo contratto?", "Riassumi le clausole economiche del contratto:",
                                 "Translate this lease into English for the tenant:", "Controlla il contratto prima della registrazione:"]))
    d.add("CONTRATTO DI LOCAZIONE AD USO ABITATIVO ⟦tipo⟧\nIl/La sig./sig.ra ⟦ln⟧", tipo=pick(r, ["(art. 2, comma 3, L. 431/1998 — canone concordato)", "(4+4, art. 2, comma 1, L. 431/1998)",
                                                                                       "TRANSITORIO (art. 5, comma 1, L. 431/1998)"]), ln="%s %s" % (lo.first, lo.last))
    if pos:
        d.add(" (C.F. ⟦cf⟧)", cf=F("IT_FISCAL_CODE", cf(r, lo)))
    d.add(", di seguito locatore, concede in locazione al/alla sig./sig.ra ⟦cn⟧, nato/a a ⟦cl⟧ il ⟦cd⟧", cn="%s %s" % (co.first, co.last), cl=co.born, cd=co.birth)
    if pos and r.random() < 0.7:
        d.add(" (C.F. ⟦cf⟧)", cf=F("IT_FISCAL_CODE", cf(r, co)))
    d.add(", di seguito conduttore, l'unità immobiliare sita in ⟦a⟧, identificata al N.C.E.U. al ⟦cat⟧. APE classe ⟦ape⟧.\n"
          "Art. 3 — Il canone annuo è convenuto in ⟦ca⟧, da corrispondere in 12 rate mensili anticipate di ⟦rm⟧ entro il giorno 5 di ciascun mese",
          a=addr_it(r, com), cat=catasto(r), ape=pick(r, ["A2", "B", "C", "D", "E", "F", "G"]), ca=eur(r, 4800, 24000), rm=eur(r, 400, 2000))
    if pos and (r.random() < 0.6 or not d.findings()):
        d.add(" mediante bonifico sul conto IBAN ⟦i⟧", i=F("IBAN", iban(r, "IT") if r.random() < 0.75 else iban_it_components(r)))
    d.add(". Deposito cauzionale: ⟦dep⟧ (art. 11 L. 392/1978). Opzione cedolare secca: ⟦cs⟧.\nRegistrato presso l'Agenzia delle Entrate, Ufficio Territoriale di ⟦c⟧, il ⟦rd⟧ al n. ⟦rn⟧ serie 3T — "
          "codice identificativo contratto ⟦cic⟧.\n",
          dep=eur(r, 800, 6000), cs=pick(r, ["SÌ", "NO"]), c=com[0], rd=d_it(r, 2023, 2025), rn=str(r.randint(100, 20000)),
          cic="T%s%d%s%s%s" % (rs(r, UP, 2), r.randint(23, 25), pick(r, "TL"), digits(r, 9), rs(r, UP, 2)))
    if pos and r.random() < 0.3:
        a, dom = pick(r, IT_STUDI)
        d.add("Mediazione: ⟦a⟧, P.IVA ⟦v⟧, ⟦e⟧\n", a=a, v=F("IT_VAT", piva(r)), e=F("EMAIL", "info@" + dom))
    return d


@tmpl
def t_permesso(r, pos):
    d = Doc("it")
    p = person_it(r, foreign=True)
    p.first = pick(r, ["Ahmed", "Olena", "Wei", "Maria Fernanda", "Rahul", "Ionela", "Erion", "Fatima", "Jose Luis", "Grace"])
    p.last = pick(r, ["Benali", "Kovalenko", "Zhang", "Quispe", "Sharma", "Popescu", "Hoxha", "El Idrissi", "Santos", "Okoye"])
    d.add("⟦q⟧\n\n", q=pick(r, ["Spiegami cosa deve portare in Questura questa persona:", "Riassumi la ricevuta per il datore di lavoro:",
                                 "Translate this receipt into English for the applicant:"]))
    d.add("POSTE ITALIANE — Sportello Amico\nRICEVUTA — Richiesta di ⟦k⟧\nCodice assicurata: ⟦ca⟧   Data accettazione: ⟦dt⟧\nUser ID: ⟦uid⟧   Password (portale immigrazione): ⟦pw⟧\n"
          "Richiedente: ⟦n⟧, nato/a in ⟦nl⟧ il ⟦nd⟧, passaporto n. ⟦pp⟧\n",
          k=pick(r, ["rilascio permesso di soggiorno per lavoro subordinato", "rinnovo permesso di soggiorno per motivi familiari", "permesso UE per soggiornanti di lungo periodo"]),
          ca="%s %s" % (digits(r, 11), digits(r, 1)), dt=d_it(r, 2024, 2025), uid=digits(r, 11), pw=F("PASSWORD", rs(r, string.ascii_letters + DIG, 8)) if pos and r.random() < 0.3 else "(riportata sul retro)",
          n="%s %s" % (p.first.upper(), p.last.upper()), nl=p.born, nd=p.birth, pp=rs(r, UP, 2) + digits(r, 7))
    if d.findings():
        d.tags.add("judgement")   # the receipt's portal password: printed by Poste for the applicant's status check
    if pos:
        d.add("Codice fiscale: ⟦cf⟧\nRecapito telefonico: ⟦t⟧\n", cf=F("IT_FISCAL_CODE", cf(r, p)), t=F("PHONE", it_phone(r, pick(r, ["mob", "intl_mob"]))) if r.random() < 0.7 else "—")
    d.add("Convocazione in Questura di ⟦q⟧ per rilievi fotodattiloscopici: ⟦dq⟧ ore ⟦h⟧. Importo versato: ⟦imp⟧ (bollettino ⟦bo⟧) + contributo ⟦cont⟧ (art. 5, comma 2-ter, D.Lgs. 286/1998).\n",
          q=pick(r, COMUNI)[0], dq=d_it(r, 2025, 2025), h="%02d:%02d" % (r.randint(8, 12), pick(r, [0, 15, 30, 45])), imp=eur(r, 30, 31),
          bo=digits(r, 12), cont=pick(r, ["€ 40,00", "€ 50,00", "€ 100,00"]))
    return d


@tmpl
def t_denuncia(r, pos):
    d = Doc("it")
    p = person_it(r)
    com = pick(r, COMUNI)
    d.add("⟦q⟧\n\n", q=pick(r, ["Riscrivi in italiano corretto questa denuncia:", "Riassumi la denuncia per l'assicurazione:", "Translate this police report into English:"]))
    if pos and r.random() < 0.25:
        d.add("⟦m⟧\n", m=F("CONFIDENTIAL_MARKER", pick(r, ["RISERVATO", "RISERVATA", "STRETTAMENTE RISERVATO"])))
    d.add("COMANDO STAZIONE CARABINIERI DI ⟦c⟧\nVERBALE DI RICEZIONE DI DENUNCIA ORALE — Prot. n. ⟦pr⟧\nL'anno ⟦y⟧, addì ⟦dt⟧, alle ore ⟦h⟧, negli uffici del Comando in intestazione, "
          "avanti a noi sottoscritti Ufficiali di P.G. è presente ⟦n⟧, nato a ⟦nl⟧ il ⟦nd⟧, residente in ⟦a⟧",
          c=com[0].upper(), pr="%s/%d-%d" % (digits(r, 6), r.randint(1, 9), r.randint(2024, 2025)), y=str(r.randint(2024, 2025)), dt=d_it(r, 2024, 2025),
          h="%02d:%02d" % (r.randint(0, 23), r.randint(0, 59)), n="%s %s" % (p.first.upper(), p.last.upper()), nl=p.born, nd=p.birth, a=addr_it(r, com))
    if pos:
        k = r.random()
        if k < 0.7:
            d.add(", C.F. ⟦cf⟧", cf=F("IT_FISCAL_CODE", cf(r, p)))
        if k > 0.4:
            d.add(", ⟦pi⟧⟦t⟧", pi=pick(r, ["utenza cellulare ", phone_intro_it(r)]), t=F("PHONE", it_phone(r, pick(r, ["mob", "mob", "intl_mob"]))))
    d.add(", identificato a mezzo C.I. n. ⟦ci⟧, il quale denuncia quanto segue: \"⟦s⟧\". Si procede per il reato di cui all'art. ⟦art⟧ c.p. "
          "Il denunciante dichiara di voler essere informato ex art. 406 c.p.p. Letto, confermato e sottoscritto.\n",
          ci="C%s%s%s" % (pick(r, UP), digits(r, 5), rs(r, UP, 2)),
          s=pick(r, ["ieri sera ho parcheggiato l'auto targata %s in %s; stamattina ho trovato il finestrino rotto e mancava lo zaino con il portatile" % (targa_it(r), pick(r, IT_VIE)),
                     "mi è stato sottratto il portafoglio sul tram linea %d contenente carta d'identità e tessera sanitaria n. %s" % (r.randint(1, 30), "80380" + digits(r, 15)),
                     "ho ricevuto un SMS che sembrava della banca e ho inserito i dati; risultano %d addebiti per %s" % (r.randint(2, 6), eur(r, 200, 4000))]),
          art=pick(r, ["624", "624-bis", "640", "640-ter", "635"]))
    return d


@tmpl
def t_imu(r, pos):
    d = Doc("it")
    p = person_it(r)
    com = pick(r, COMUNI)
    d.add("⟦q⟧\n\n", q=pick(r, ["Questo avviso IMU mi sembra sbagliato, mi aiuti con l'istanza di autotutela?", "Riassumi importi e termini di questo avviso:",
                                 "Controlla i dati catastali dell'avviso:"]))
    d.add("COMUNE DI ⟦c⟧ — Servizio Tributi\nAVVISO DI ACCERTAMENTO ESECUTIVO ⟦t⟧ ANNO ⟦y⟧ n. ⟦n⟧ (art. 1, commi 161 e 792, L. 296/2006 e L. 160/2019)\nContribuente: ⟦nm⟧",
          c=com[0].upper(), t=pick(r, ["IMU", "TARI", "IMU/TASI"]), y=str(r.randint(2019, 2022)), n="%d/%s/%s" % (r.randint(2024, 2025), pick(r, ["IMU", "TARI", "ACC"]), digits(r, 6)),
          nm="%s %s" % (p.last.upper(), p.first.upper()))
    if pos:
        d.add(" — C.F. ⟦cf⟧", cf=F("IT_FISCAL_CODE", cf(r, p)))
    d.add("\nImmobile: ⟦a⟧ — ⟦cat⟧ — codice comune ⟦cc⟧ — quota possesso ⟦q⟧%\nImposta dovuta ⟦dov⟧ — versata ⟦ver⟧ — sanzione 30% ⟦san⟧ — interessi ⟦int⟧ — TOTALE ⟦tot⟧\n"
          "Codici tributo F24: 3918 (altri fabbricati), 3912 (abitazione principale A/1-A/8-A/9), 3944 (TARI). Rata unica entro 60 giorni dalla notifica.\n",
          a=addr_it(r, com), cat=catasto(r), cc=com[1], q=pick(r, ["100", "50", "33,33"]), dov=eur(r, 200, 5000), ver=eur(r, 0, 2000), san=eur(r, 50, 1500),
          int=eur(r, 5, 300), tot=eur(r, 200, 7000))
    if pos and r.random() < 0.35:
        add_footer(d, footer_parts(r, footer_it(r, "Servizio Tributi", "tributi@comune.%s.it" % _slug(com[0]), com)))
    if pos and r.random() < 0.4:
        d.add("Versamento anche con bonifico su IBAN ⟦i⟧ intestato a Comune di ⟦c⟧ — Tesoreria.\n", i=F("IBAN", iban(r, "IT")), c=com[0])
    return d


@tmpl
def t_parcella(r, pos):
    d = Doc("it")
    avv = person_it(r)
    cli = person_it(r)
    d.add("⟦q⟧\n\n", q=pick(r, ["Controlla i calcoli di questa nota spese (CPA, IVA, ritenuta):", "Prepara la mail di accompagnamento alla parcella:",
                                 "Traduci la nota pro forma in inglese per il cliente estero:"]))
    d.add("Avv. ⟦n⟧\n⟦a⟧\n", n="%s %s" % (avv.first, avv.last), a=addr_it(r))
    if pos:
        k = r.random()
        d.add("C.F. ⟦cf⟧ — P.IVA ⟦v⟧\n", cf=F("IT_FISCAL_CODE", cf(r, avv)) if k < 0.7 else "—", v=F("IT_VAT", piva(r)))
        if r.random() < 0.5:
            d.add("PEC ⟦e⟧ — tel. ⟦t⟧\n", e=F("EMAIL", pec_of(r, avv)), t=F("PHONE", it_phone(r, pick(r, ["land", "land", "mob"]))))
    d.add("NOTA PRO FORMA n. ⟦nn⟧ del ⟦dt⟧ — Cliente: ⟦cl⟧ — Pratica: ⟦pr⟧ (R.G. ⟦rg⟧)\nCompenso (D.M. 55/2014, valori medi, scaglione ⟦sc⟧): ⟦comp⟧\n"
          "Spese generali 15%: ⟦sg⟧\nCassa Avvocati 4%: ⟦cpa⟧\nIVA 22%: ⟦iva⟧\nSpese esenti art. 15 D.P.R. 633/1972 (contributo unificato, marca): ⟦es⟧\nRitenuta d'acconto 20%: -⟦rit⟧\nTOTALE: ⟦tot⟧\n",
          nn="%d/%d" % (r.randint(1, 120), r.randint(2024, 2025)), dt=d_it(r, 2024, 2025),
          cl=pick(r, ["%s %s" % (cli.first, cli.last), "Condominio %s" % pick(r, IT_VIE), "Comune di %s" % pick(r, COMUNI)[0]]),
          pr=pick(r, ["recupero crediti", "opposizione a decreto ingiuntivo", "sfratto per morosità", "ricorso TAR"]), rg=rg(r),
          sc=pick(r, ["€ 5.201 - 26.000", "€ 26.001 - 52.000", "€ 1.101 - 5.200"]), comp=eur(r, 800, 9000), sg=eur(r, 100, 1300), cpa=eur(r, 30, 400),
          iva=eur(r, 200, 2300), es=eur(r, 27, 800), rit=eur(r, 150, 2000), tot=eur(r, 1000, 12000))
    if "Comune di" in "".join(x[0] for x in d.parts[-30:]) or r.random() < 0.3:
        d.add("Fattura elettronica PA: codice univoco ufficio ⟦cu⟧ — CIG ⟦cig⟧ — CUP ⟦cup⟧ — split payment (art. 17-ter D.P.R. 633/1972)\n",
              cu=rs(r, UP + DIG, 6), cig=cig(r), cup=cup(r))
    if pos and r.random() < 0.5:
        d.add("Pagamento a mezzo bonifico: IBAN ⟦i⟧\n", i=F("IBAN", iban(r, "IT") if r.random() < 0.7 else iban_it_components(r)))
    return d


@tmpl
def t_gara(r, pos):
    d = Doc("it")
    rup = person_it(r)
    com = pick(r, COMUNI)
    d.add("⟦q⟧\n\n", q=pick(r, ["Riassumi questa determina di aggiudicazione:", "Estrai CIG, importi e scadenze da questa determina:",
                                 "Prepara la comunicazione di aggiudicazione ai sensi dell'art. 90 del Codice:"]))
    d.add("COMUNE DI ⟦c⟧ — Settore Lavori Pubblici\nDETERMINAZIONE DIRIGENZIALE n. ⟦dn⟧ del ⟦dt⟧ (R.G. ⟦rg⟧)\nOGGETTO: ⟦ogg⟧ — Affidamento diretto ai sensi dell'art. 50, comma 1, lett. ⟦lett⟧, D.Lgs. 36/2023 — "
          "CIG ⟦cig⟧ — CUP ⟦cup⟧\nIL DIRIGENTE\nRichiamati l'art. 107 del D.Lgs. 267/2000 e il decreto sindacale n. ⟦ds⟧; dato atto che il RUP è ⟦rup⟧;\n"
          "DETERMINA\ndi affidare il servizio all'operatore economico ⟦oe⟧",
          c=com[0].upper(), dn=str(r.randint(10, 2400)), dt=d_it(r, 2024, 2025), rg="%d/%d" % (r.randint(100, 3000), r.randint(2024, 2025)),
          ogg=pick(r, ["Manutenzione straordinaria scuola primaria", "Servizio di trasporto scolastico a.s. 2025/26", "Fornitura arredi biblioteca comunale",
                       "Servizio di supporto legale stragiudiziale"]), lett=pick(r, "ab"), cig=cig(r), cup=cup(r), ds=str(r.randint(1, 60)),
          rup="%s %s %s" % (pick(r, ["l'ing.", "l'arch.", "il dott.", "la dott.ssa"]), rup.first, rup.last),
          oe=pick(r, ["Edil Costruzioni S.r.l.", "Autolinee %s S.p.A." % com[0], "Arredi Pubblici Srl", "Studio Legale Associato Neri"]))
    if pos and r.random() < 0.7:
        d.add(" (P.IVA ⟦v⟧)", v=F("IT_VAT", piva(r)))
    d.add(" per l'importo di ⟦imp⟧ oltre IVA, imputando la spesa al capitolo ⟦cap⟧ del bilancio ⟦y⟧; di dare atto che il DURC (prot. INAIL_⟦durc⟧) risulta regolare; "
          "di pubblicare il presente atto su Amministrazione Trasparente (art. 37 D.Lgs. 33/2013).\n",
          imp=eur(r, 5000, 139000), cap=str(r.randint(1000, 9999)) + "/" + str(r.randint(1, 99)), y=str(r.randint(2024, 2025)), durc=digits(r, 8))
    if pos and r.random() < 0.3:
        add_footer(d, footer_parts(r, footer_it(r, "Settore Lavori Pubblici", "llpp@comune.%s.it" % _slug(com[0]), com)))
    if pos and (r.random() < 0.6 or not d.findings()):
        d.add("Informazioni: RUP ⟦e⟧, tel. ⟦t⟧\n", e=F("EMAIL", email(r, rup.first, rup.last, "comune.%s.it" % _slug(com[0]))),
              t=F("PHONE", it_phone(r, pick(r, ["land", "intl_land"]))))
    return d


@tmpl
def t_portale_it(r, pos):
    d = Doc("it")
    p = person_it(r)
    portal = pick(r, ["INPS", "Agenzia delle Entrate (Fisconline)", "Servizi telematici dell'Ordine", "Portale dei Servizi Telematici del Ministero della Giustizia", "portale del Comune"])
    d.add("⟦q⟧\n\n", q=pick(r, ["Scrivi una mail all'assistenza del portale, non riesco ad entrare:", "Mi spieghi perché l'accesso fallisce?",
                                 "Riassumi la risposta dell'help desk:"]))
    if pos:
        k = r.random()
        if k < 0.4:
            d.add("Buongiorno, provo ad accedere a ⟦pt⟧ con utente ⟦cf⟧ e password ⟦pw⟧ ma ricevo \"credenziali scadute\". ",
                  pt=portal, cf=F("IT_FISCAL_CODE", cf(r, p)), pw=F("PASSWORD", pw(r)))
        elif k < 0.7:
            d.tags.add("judgement")   # the Fisconline/INPS PIN is the portal credential itself; whether a PIN is a PASSWORD is not settled by the type
            d.add("Buongiorno, per ⟦pt⟧ uso codice fiscale ⟦cf⟧ e PIN ⟦pin⟧, ma il sistema dice che il PIN non è più valido dal 1° ottobre. ",
                  pt=portal, cf=F("IT_FISCAL_CODE", cf(r, p)), pin=F("PASSWORD", digits(r, 10) if "Entrate" in portal else rs(r, UP + DIG, 16)))
        else:
            d.add("Buongiorno, ecco i dati per l'accesso dello studio al ⟦pt⟧:\nutente: ⟦u⟧\npassword: ⟦pw⟧\nreferente: ⟦e⟧\n",
                  pt=portal, u=pick(r, ["studio.%s" % _slug(p.last), "%s%s" % (_slug(p.first)[0], _slug(p.last))]), pw=F("PASSWORD", pw(r)),
                  e=F("EMAIL", pec_of(r, p)))
        d.add("Potete aiutarmi? ⟦n⟧\n", n="%s %s" % (p.first, p.last))
    else:
        d.add("Risposta help desk ⟦pt⟧ — ticket n. ⟦tk⟧ del ⟦dt⟧:\nGentile utente, dal 1° ottobre 2021 non è più possibile ottenere nuove credenziali (PIN) e l'accesso è consentito "
              "solo con SPID, CIE o CNS (art. 24, comma 4, D.L. 76/2020). La password dell'identità digitale va recuperata presso il gestore SPID scelto; "
              "gli operatori non chiederanno mai la Sua password. Codice errore: ⟦err⟧.\n",
              pt=portal, tk=digits(r, 9), dt=d_it(r, 2024, 2025), err=pick(r, ["AUTH-401", "ERR_SPID_19", "CIE-023", "L2-EXPIRED"]))
    return d


@tmpl
def t_pct(r, pos):
    d = Doc("it")
    avv = person_it(r)
    trib = pick(r, ["milano", "roma", "napoli", "torino", "bologna", "firenze"])
    d.add("⟦q⟧\n\n", q=pick(r, ["Il deposito è andato a buon fine? Ecco le ricevute PEC:", "Spiegami questa quarta PEC del deposito telematico:",
                                 "Riassumi gli esiti del deposito per il cliente:"]))
    y, mo, da = ymd(r, 2024, 2025)
    ts = "%04d%02d%02d%02d%02d%02d" % (y, mo, da, r.randint(8, 19), r.randint(0, 59), r.randint(0, 59))
    if pos:
        mid = r.random() < 0.4
        d.add("RICEVUTA DI ACCETTAZIONE\nIl giorno %02d/%02d/%d alle ore %s:%s:%s (+0100) il messaggio \"DEPOSITO ⟦atto⟧\" proveniente da \"⟦f⟧\" ed indirizzato a:\n⟦to⟧ (\"posta certificata\")\n"
              "è stato accettato dal sistema ed inoltrato.\n" % (da, mo, y, ts[8:10], ts[10:12], ts[12:14]),
              atto=pick(r, ["ATTO DI CITAZIONE", "MEMORIA EX ART. 171-TER C.P.C.", "RICORSO PER DECRETO INGIUNTIVO", "NOTA DI ISCRIZIONE A RUOLO"]),
              f=F("EMAIL", pec_of(r, avv)), to=F("EMAIL", "tribunale.%s@civile.ptel.giustiziacert.it" % trib))
        if mid:
            d.tags.add("judgement")   # a PEC message identifier has an address's shape but names no mailbox
            d.add("Identificativo messaggio: opec%s.%s.%s.%d.%d.%d@pec.aruba.it\n" % (digits(r, 6), ts, digits(r, 5), r.randint(1, 999), r.randint(1, 9), r.randint(10, 99)))
    else:
        d.add("ESITO CONTROLLI AUTOMATICI DEPOSITO\nTribunale di ⟦t⟧ — R.G. n. ⟦rg⟧ — Giudice ⟦g⟧\nIdentificativo deposito: ⟦id⟧\nCodice esito: ⟦ce⟧ — ⟦msg⟧\n"
              "Atto principale: ⟦file⟧ (⟦kb⟧ KB, hash SHA-256 ⟦h⟧)\nAllegati: ⟦na⟧\n",
              t=trib.capitalize(), rg=rg(r), g=pick(r, IT_LAST), id="%s-%s" % (digits(r, 8), digits(r, 4)), ce=pick(r, ["OK", "WARN", "ERROR", "FATAL"]),
              msg=pick(r, ["Deposito conforme", "Atto non firmato digitalmente in formato PAdES", "Dimensione busta superiore a 30 MB", "Codice oggetto non coerente con il ruolo"]),
              file="%s.pdf" % pick(r, ["AttoCitazione", "Memoria171ter", "RicorsoDI", "NotaIscrizione"]), kb=str(r.randint(80, 29000)), h=sha256(r), na=str(r.randint(0, 14)))
    return d


# ============================== markings ==============================
MARK_EN_POS = ["CONFIDENTIAL", "STRICTLY CONFIDENTIAL", "PRIVILEGED & CONFIDENTIAL", "PRIVILEGED AND CONFIDENTIAL", "PRIVATE AND CONFIDENTIAL",
               "PRIVATE & CONFIDENTIAL", "HIGHLY CONFIDENTIAL", "FOR OFFICIAL USE ONLY", "OFFICIAL-SENSITIVE", "INTERNAL USE ONLY"]
MARK_EN_JUDG = ["ATTORNEY-CLIENT PRIVILEGED", "ATTORNEY WORK PRODUCT", "FILED UNDER SEAL", "CUI"]
MARK_IT_POS = ["RISERVATO", "STRETTAMENTE RISERVATO", "RISERVATA PERSONALE", "CONFIDENZIALE", "USO INTERNO", "DOCUMENTO RISERVATO"]


@tmpl
def t_memo(r, pos):
    it = r.random() < 0.4
    d = Doc("it" if it else "en")
    if it:
        d.add("⟦q⟧\n\n", q=pick(r, ["Riassumi questo parere per il consiglio di amministrazione:", "Rendi più chiaro questo appunto interno:",
                                     "Translate this internal opinion into English:"]))
        if pos:
            m = pick(r, MARK_IT_POS)
            lbl = m if m != "DOCUMENTO RISERVATO" else "RISERVATO"
            pre = "DOCUMENTO " if m == "DOCUMENTO RISERVATO" else ""
            d.add("⟦pre⟧⟦m⟧\n", pre=pre, m=F("CONFIDENTIAL_MARKER", lbl))
        d.add("Studio Legale ⟦s⟧\nPARERE PRO VERITATE — Pratica n. ⟦pn⟧\nOggetto: responsabilità dell'ente ai sensi del D.Lgs. 231/2001 e applicabilità dell'art. 2049 c.c.\n\n"
              "1. Il quesito. La società chiede se il modello organizzativo adottato con delibera del ⟦dt⟧ sia idoneo ad escludere la responsabilità per il reato di cui all'art. ⟦art⟧ c.p. "
              "2. Analisi. Secondo Cass. pen., Sez. VI, n. ⟦cn⟧/⟦cy⟧, l'idoneità va valutata ex ante. Il trattamento dei dati resta soggetto agli obblighi di riservatezza del GDPR (art. 5). "
              "3. Conclusioni. ⟦concl⟧\n",
              s=pick(r, IT_LAST), pn="%d/%d" % (r.randint(1, 400), r.randint(2023, 2025)), dt=d_it(r, 2019, 2024), art=pick(r, ["318", "319", "640", "25-septies"]),
              cn=str(r.randint(1000, 45000)), cy=str(r.randint(2015, 2024)),
              concl=pick(r, ["Si raccomanda l'aggiornamento del modello entro il %s." % d_it(r, 2025, 2026), "Il rischio è da ritenersi contenuto."]))
        if not pos:
            d.add("Art. 8 — Riservatezza. Le parti si impegnano a mantenere riservate le informazioni scambiate. SPAZIO RISERVATO AL PROTOCOLLO: n. ⟦pr⟧\n", pr=prot(r))
        return d
    d.add("⟦q⟧\n\n", q=pick(r, ["Shorten this memo to one page:", "Turn this memo into talking points for the call:", "Fix the tone of this memo, it's too aggressive:"]))
    if pos:
        if r.random() < 0.2:
            d.tags.add("judgement")   # privilege or sealing legend: a handling marking the type's definition does not name
            d.add("⟦m⟧\n", m=F("CONFIDENTIAL_MARKER", pick(r, MARK_EN_JUDG)))
        else:
            m = pick(r, MARK_EN_POS)
            tail = pick(r, ["", "", " — ATTORNEY-CLIENT COMMUNICATION", " — SUBJECT TO PROTECTIVE ORDER", " — DO NOT FORWARD"]) if "CONFIDENTIAL" in m else ""
            if "FORWARD" in tail or "ATTORNEY" in tail:
                d.tags.add("judgement")   # a handling caveat after the marking: part of it, or a second marking?
            d.add("⟦m⟧⟦tail⟧\n", m=F("CONFIDENTIAL_MARKER", m), tail=tail)
    a, b = person_us(r), person_us(r)
    d.add("MEMORANDUM\nTO: ⟦to⟧\nFROM: ⟦fr⟧\nDATE: ⟦dt⟧\nRE: ⟦re⟧ (Matter No. ⟦mn⟧)\n\n"
          "You asked whether ⟦issue⟧. In short, yes, but the risk is manageable. Under ⟦c1⟧ the court applies a two-step test; in ⟦c2⟧ the Second Circuit declined to extend it. "
          "The settlement agreement contains a confidentiality clause (§ 7), which bars disclosure of its terms but not of the underlying facts. ⟦tail⟧\n",
          to="%s %s, General Counsel" % (a.first, a.last), fr="%s %s" % (b.first, b.last), dt=d_us(r, 2023, 2025),
          re=pick(r, ["Litigation hold scope", "Exposure under the 2019 policy", "FOIA request from local newspaper", "Student records subpoena"]),
          mn="%s-%s" % (digits(r, 5), digits(r, 4)),
          issue=pick(r, ["the subpoena reaches records protected by FERPA", "we must produce the adjuster's notes", "the county can withhold the report under Exemption 7"]),
          c1=pick(r, CITES), c2=pick(r, CITES),
          tail=pick(r, ["", "Nothing in this memo should be read as waiving privilege.", "\"Confidential Information\" is defined in § 1.4 of the agreement.",
                        "12. CONFIDENTIALITY. Each party shall keep the other's information confidential for three years."]))
    return d


@tmpl
def t_settlement(r, pos):
    d = Doc("en")
    a, b = person_us(r), person_uk(r)
    uk = r.random() < 0.4
    d.add("⟦q⟧\n\n", q=pick(r, ["Summarize the payment terms of this settlement:", "Is the release clause too broad?", "Redline suggestions for this draft agreement?"]))
    if pos:
        k = r.random()
        if k < 0.3:
            d.tags.add("judgement")   # "CONFIDENTIAL" inside the agreement's title: names the kind of agreement as much as it marks the text
            d.add("⟦m⟧ SETTLEMENT AGREEMENT AND RELEASE\n", m=F("CONFIDENTIAL_MARKER", "CONFIDENTIAL"))
        elif k < 0.65:
            d.add("⟦m⟧\nDRAFT ⟦dt⟧\nSETTLEMENT AGREEMENT AND RELEASE\n", m=F("CONFIDENTIAL_MARKER", pick(r, ["CONFIDENTIAL", "STRICTLY CONFIDENTIAL", "PRIVILEGED & CONFIDENTIAL"])),
                  dt=d_us(r, 2024, 2025))
        else:
            d.add("WITHOUT PREJUDICE SAVE AS TO COSTS\n⟦m⟧\nSETTLEMENT AGREEMENT\n" if uk else "SETTLEMENT AGREEMENT AND RELEASE\n⟦m⟧\n",
                  m=F("CONFIDENTIAL_MARKER", pick(r, ["PRIVATE AND CONFIDENTIAL", "STRICTLY CONFIDENTIAL"] if uk else ["CONFIDENTIAL", "FOR SETTLEMENT PURPOSES ONLY — CONFIDENTIAL"])))
            if d.parts[-2][0] == "FOR SETTLEMENT PURPOSES ONLY — CONFIDENTIAL":
                d.parts[-2] = ["FOR SETTLEMENT PURPOSES ONLY — ", None]
                d.parts.insert(len(d.parts) - 1, ["CONFIDENTIAL", "CONFIDENTIAL_MARKER"])
    else:
        d.add("⟦h⟧SETTLEMENT AGREEMENT AND RELEASE\n", h="WITHOUT PREJUDICE SAVE AS TO COSTS\n" if uk else "")
    if uk:
        d.tags.add("judgement")   # "without prejudice" is a privilege legend, not named by the type's definition; left unlabelled
    d.add("This Agreement is entered into as of ⟦dt⟧ between ⟦a⟧ (\"Claimant\") and ⟦b⟧ (\"Company\").\n1. Payment. Company shall pay ⟦amt⟧ within 21 days, less applicable withholdings, "
          "reported on Form ⟦form⟧.\n2. Release. Claimant releases all claims arising from the matter captioned ⟦cap⟧.\n"
          "3. Confidentiality. The terms of this Agreement are confidential and shall not be disclosed except to legal and tax advisers or as required by law "
          "(including 26 U.S.C. § 6103 or a FOIA request).\n4. Medicare. Claimant represents that he/she is not a Medicare beneficiary (42 U.S.C. § 1395y(b)).\n",
          dt=d_us(r, 2024, 2025), a="%s %s" % (a.first, a.last), b=pick(r, ["Midwest Mutual Insurance Co.", "Riverside Unified School District", "Harborline Property & Casualty"]),
          amt=gbp(r, 5000, 250000) if uk else usd(r, 5000, 250000), form=pick(r, ["W-2", "1099-MISC"]),
          cap=pick(r, [docket_fed(r), docket_state(r), "Claim No. %s%s%s" % (pick(r, UP), digits(r, 2), rs(r, UP, 2) + digits(r, 3))]))
    return d


@tmpl
def t_fee_payment(r, pos):
    k = pick(r, ["us_court", "us_foia", "uk_pcn", "it_diritti", "it_premio"])
    it = k.startswith("it")
    d = Doc("it" if it else "en")
    if it:
        p = person_it(r)
        d.add("⟦q⟧\n\n", q=pick(r, ["Il pagamento non risulta, scrivi un reclamo con questi dati:", "Riassumi questa ricevuta di pagamento:",
                                     "Verifica che l'importo corrisponda a quanto dovuto:"]))
        what = "diritti di segreteria pratica edilizia n. %s" % rg(r) if k == "it_diritti" else "premio polizza n. %s rata %s" % (digits(r, 10), pick(r, ["semestrale", "annuale"]))
        d.add("RICEVUTA DI PAGAMENTO — ⟦ente⟧\nCausale: ⟦what⟧\nImporto: ⟦imp⟧ + commissione ⟦comm⟧\nData operazione: ⟦dt⟧ ore ⟦h⟧\nIdentificativo transazione (IUR): ⟦iur⟧\nIUV: ⟦iuv⟧\n"
              "Pagatore: ⟦n⟧\nStrumento: carta ⟦c⟧ ⟦circ⟧\nEsito: AUTORIZZATO — codice autorizzazione ⟦au⟧\n",
              ente=pick(r, ["Comune di %s — pagoPA" % pick(r, COMUNI)[0], "Assicurazioni Riunite S.p.A.", "Tribunale di %s — PST" % pick(r, COMUNI)[0]]), what=what,
              imp=eur(r, 16, 900), comm=eur(r, 0.5, 2.5), dt=d_it(r, 2024, 2025), h="%02d:%02d" % (r.randint(0, 23), r.randint(0, 59)),
              iur=rs(r, UP + DIG, 20), iuv=digits(r, 17), n="%s %s" % (p.first, p.last),
              c=F("CREDIT_CARD", card(r)) if pos else pick(r, ["**** **** **** " + digits(r, 4), "XXXX-XXXX-XXXX-" + digits(r, 4), digits(r, 6) + "******" + digits(r, 4)]),
              circ=pick(r, ["VISA", "Mastercard", "(circuito PagoBancomat)"]), au=digits(r, 6))
        if pos and r.random() < 0.3:
            d.add("Codice fiscale pagatore: ⟦cf⟧\n", cf=F("IT_FISCAL_CODE", cf(r, p)))
        return d
    p = person_us(r) if k.startswith("us") else person_uk(r)
    d.add("⟦q⟧\n\n", q=pick(r, ["The payment was declined twice, help me write to the clerk:", "Summarise this payment confirmation:",
                                 "Check these details before I submit the form:"]))
    if k == "uk_pcn":
        d.add("Penalty Charge Notice ⟦pcn⟧ — Vehicle ⟦reg⟧ — Contravention code ⟦cc⟧\nAmount: ⟦a⟧ (reduced to ⟦a2⟧ if paid within 14 days)\n",
              pcn=rs(r, UP, 2) + digits(r, 8), reg=plate_uk(r), cc=pick(r, ["01", "12", "30", "40", "62"]), a=gbp(r, 70, 160), a2=gbp(r, 35, 80))
    else:
        d.add("⟦what⟧\nCase/Request No.: ⟦cn⟧   Fee: ⟦a⟧\n", what=pick(r, ["CREDIT CARD AUTHORIZATION — Court Filing Fees", "FOIA Fee Payment Form", "Certified Copy Request — Clerk of Court"]),
              cn=docket_state(r) if k == "us_court" else "FOIA-%d-%05d" % (r.randint(2023, 2025), r.randint(1, 99999)), a=usd(r, 15, 450))
    d.add("Cardholder name: ⟦n⟧\nCard number: ⟦c⟧   Exp. ⟦x⟧   ⟦cvv⟧\nBilling address: ⟦ad⟧\n", n="%s %s" % (p.first, p.last),
          c=F("CREDIT_CARD", card(r)) if pos else pick(r, ["**** **** **** " + digits(r, 4), "ending in " + digits(r, 4), "(provided by phone)"]),
          x="%02d/%02d" % (r.randint(1, 12), r.randint(26, 31)), cvv=pick(r, ["CVV " + digits(r, 3), "Security code: ***", ""]),
          ad=addr_us(r) if k.startswith("us") else addr_uk(r))
    d.add("Transaction ID ⟦t⟧   Authorization ⟦au⟧   Receipt ⟦rc⟧\n", t=digits(r, 12), au=rs(r, UP + DIG, 6), rc=not_luhn(r, 16, "4"))
    if pos and r.random() < 0.4:
        d.add("Confirmation will be e-mailed to ⟦e⟧\n", e=F("EMAIL", email(r, p.first, p.last, pick(r, US_PERSONAL if k.startswith("us") else UK_PERSONAL))))
    return d


@tmpl
def t_prose(r, pos):
    it = r.random() < 0.5
    if it:
        d = Doc("it")
        p = person_it(r)
        ask = pick(r, ["Scrivi una lettera all'assicurazione", "Prepara una PEC al Comune", "Scrivi una mail al cliente", "Prepara una diffida"])
        d.add("⟦a⟧ per conto del/della sig./sig.ra ⟦n⟧ (nato/a a ⟦nl⟧ il ⟦nd⟧", a=ask, n="%s %s" % (p.first, p.last), nl=p.born, nd=p.birth)
        if pos:
            k = r.random()
            if k < 0.6:
                v = cf(r, p)
                if r.random() < 0.15:
                    d.tags.add("judgement")   # codice fiscale typed in lower case
                    v = v.lower()
                d.add(", CF ⟦cf⟧", cf=F("IT_FISCAL_CODE", v))
            if k > 0.35:
                d.add(", ⟦pi⟧⟦t⟧", pi=phone_intro_it(r), t=F("PHONE", it_phone(r)))
            if r.random() < 0.3:
                d.add(", mail ⟦e⟧", e=F("EMAIL", email(r, p.first, p.last, pick(r, IT_PERSONAL + IT_PEC))))
        d.add(") relativa al ⟦what⟧ n. ⟦num⟧ del ⟦dt⟧. ⟦extra⟧\n",
              what=pick(r, ["sinistro", "verbale", "protocollo", "ricorso", "avviso di accertamento", "fascicolo"]),
              num=pick(r, [rg(r), prot(r), "%d/%s/RCA" % (r.randint(2023, 2025), digits(r, 6)), "%s/%d" % (digits(r, 6), r.randint(2023, 2025))]), dt=d_it(r, 2024, 2025),
              extra=pick(r, ["Tono cortese ma fermo.", "Cita l'art. 2043 c.c. e chiedi risposta entro 15 giorni.", "Massimo 10 righe.",
                             "Ricorda che la targa è %s e la polizza n. %s." % (targa_it(r), digits(r, 10)), "Allega il riferimento catastale: %s." % catasto(r)]))
        return d
    d = Doc("en")
    p = person_us(r) if r.random() < 0.6 else person_uk(r)
    us = hasattr(p, "mi")
    ask = pick(r, ["Draft a letter to the insurer", "Write a short email to the client", "Prepare a demand letter", "Write to the school's registrar"])
    d.add("⟦a⟧ for ⟦n⟧ (", a=ask, n="%s %s" % (p.first, p.last))
    bits = []
    if pos:
        k = r.random()
        if us and k < 0.45:
            d.add("⟦si⟧⟦s⟧, ", si=ssn_intro_en(r), s=F("US_SSN", ssn(r)))
        if k > 0.3 or not d.findings():
            d.add("⟦pi⟧⟦t⟧, ", pi=phone_intro_en(r), t=F("PHONE", us_phone(r) if us else uk_phone(r)))
        if r.random() < 0.3:
            d.add("email ⟦e⟧, ", e=F("EMAIL", email(r, p.first, p.last, pick(r, US_PERSONAL if us else UK_PERSONAL))))
    d.add("⟦ref⟧) about ⟦what⟧. ⟦extra⟧\n",
          ref=pick(r, ["claim %s" % claim_us(r), "policy %s" % policy_us(r), "case %s" % (docket_fed(r) if us else "K%s%s" % (digits(r, 2), rs(r, UP, 2) + digits(r, 3))),
                       "student ID %s" % ("9" + digits(r, 8)), ("A-Number %s" % a_number(r)) if us else ("NI number %s" % nino(r)),
                       ("EIN %s" % ein(r)) if us else ("UTR %s" % utr(r)), ("ITIN %s" % itin(r)) if us else ("NHS number %s" % nhs(r))]),
          what=pick(r, ["the denied water-damage claim", "the missing transcript", "the overdue refund", "the tenancy deposit", "the late-filing penalty"]),
          extra=pick(r, ["Keep it under 200 words.", "Cite the policy's appraisal clause.", "Mention the %s deadline." % (d_us(r, 2025, 2025) if us else d_uk(r, 2025, 2025)), "Polite but firm."]))
    return d


# ---------------------------------------------------------------------------------------------
# evasions (as dev: full-width digits / at-sign, zero-width characters inside a value)
# ---------------------------------------------------------------------------------------------
def to_fullwidth(s, letters=False):
    out = []
    for c in s:
        if c.isdigit() or (letters and c.isalpha() and c.isascii()):
            out.append(chr(ord(c) - 0x21 + 0xFF01))
        elif c == "@":
            out.append("＠")
        else:
            out.append(c)
    return "".join(out)


FW_TYPES = {"PHONE", "CREDIT_CARD", "IBAN", "IT_FISCAL_CODE", "IT_VAT", "US_SSN", "EMAIL", "IP_ADDRESS", "CONFIDENTIAL_MARKER"}
ZW_TYPES = FW_TYPES | {"PASSWORD", "AWS_ACCESS_KEY", "GITHUB_TOKEN", "STRIPE_KEY", "GOOGLE_API_KEY", "OPENAI_KEY"}
ZW_CHARS = ["\u200b", "\u200b", "\u200b", "\u200c", "\u200d", "\u2060"]


def evade(r, d):
    parts = [p for p in d.parts if p[1]]
    kind = pick(r, ["fullwidth", "fullwidth", "zero-width"])
    cand = [p for p in parts if p[1] in (FW_TYPES if kind == "fullwidth" else ZW_TYPES)]
    if kind == "fullwidth":
        cand = [p for p in cand if p[1] != "CONFIDENTIAL_MARKER" or r.random() < 0.5]
    if not cand:
        return False
    p = pick(r, cand)
    v = p[0]
    if kind == "fullwidth":
        if p[1] == "EMAIL":
            nv = to_fullwidth(v) if r.random() < 0.3 else v.replace("@", "＠")
        elif p[1] == "CONFIDENTIAL_MARKER":
            nv = to_fullwidth(v, letters=True)
        else:
            nv = to_fullwidth(v, letters=p[1] in ("IT_FISCAL_CODE", "IBAN") and r.random() < 0.4)
        if nv == v:
            return False
    else:
        if len(v) < 5:
            return False
        i = r.randint(2, len(v) - 2)
        while not (v[i - 1].isalnum() and v[i].isalnum()) and i < len(v) - 1:
            i += 1
        nv = v[:i] + pick(r, ZW_CHARS) + v[i:]
    p[0] = nv
    d.tags.add("evasion:" + kind)
    return True


# ---------------------------------------------------------------------------------------------
def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    seed, n, out = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
    r = random.Random(seed * 7919 + 31)
    rows = []
    i = 0
    while len(rows) < n:
        pos = r.random() < 0.5
        fn = pick(r, TEMPLATES + [t_efile_log, t_efile_code, t_fee_payment])
        d = fn(r, pos)
        fs = d.findings()
        if pos and not fs:
            continue
        if not pos:
            assert not fs, fn.__name__
            d.tags.add("negative")
        else:
            d.tags.add("distractor")
            if r.random() < 0.25:
                evade(r, d)
        text, findings = d.build()
        tags = sorted(t for t in d.tags if t != "distractor") + (["distractor"] if "distractor" in d.tags else [])
        rows.append({"id": "a31-%d-%04d" % (seed, len(rows)), "lang": d.lang, "text": text, "findings": findings, "tags": tags})
    with open(out, "w", encoding="utf-8") as f:
        for row in rows:
            f.write(json.dumps(row, ensure_ascii=False) + "\n")
    print("wrote %d cases to %s" % (len(rows), out))


if __name__ == "__main__":
    main()
