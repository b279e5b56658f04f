#!/usr/bin/env python3
"""Audit 13 held-out corpus: long documents, transcripts and messy text (IT ~60%, EN ~40%).

  gen.py SEED N OUT.jsonl

Deterministic per SEED, Python 3 standard library only. Every value is fabricated here; every
format with a checksum is generated valid (Luhn, IBAN mod-97 + national checks, codice fiscale
check character incl. omocodia, partita IVA, GitHub CRC32/base62, SSN ranges, JWT with "alg").
Output lines: {"id","lang","text","findings":[{"type","start","end","value"}],"tags"} with BYTE
offsets. Before writing, a self-check verifies spans, re-validates every labelled value (after
undoing its evasion) and scans the text for any valid value that was left unlabelled.

Tags: negative (no finding), judgement (the format's definition does not settle the label;
see judgement:* sub-tags), evasion:{fullwidth,zero-width,json-escape,base64,percent},
distractor (an invalid look-alike is present), doc:<kind>, messy:<kind>.
"""
import base64
import json
import random
import re
import sys
import unicodedata
import zlib
import urllib.parse

# ----------------------------------------------------------------------------------------------
# alphabets and small helpers
# ----------------------------------------------------------------------------------------------
UP = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
LO = UP.lower()
DIG = "0123456789"
B62 = DIG + UP + LO
B64 = UP + LO + DIG + "+/"
URLSAFE = UP + LO + DIG + "-_"


def rs(rng, alphabet, n):
    return "".join(rng.choice(alphabet) for _ in range(n))


def unaccent(s):
    return "".join(c for c in unicodedata.normalize("NFD", s) if unicodedata.category(c) != "Mn")


# ----------------------------------------------------------------------------------------------
# checksums / validators
# ----------------------------------------------------------------------------------------------
def luhn_ok(digits):
    s = 0
    for i, ch in enumerate(reversed(digits)):
        n = int(ch)
        if i % 2 == 1:
            n *= 2
            if n > 9:
                n -= 9
        s += n
    return s % 10 == 0


def luhn_complete(rng, prefix, length):
    body = prefix + rs(rng, DIG, length - len(prefix) - 1)
    for c in DIG:
        if luhn_ok(body + c):
            return body + c
    raise AssertionError


CF_ODD = {}
for _i, _v in enumerate([1, 0, 5, 7, 9, 13, 15, 17, 19, 21]):
    CF_ODD[str(_i)] = _v
for _c, _v in zip(UP, [1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23]):
    CF_ODD[_c] = _v
CF_EVEN = {str(i): i for i in range(10)}
CF_EVEN.update({c: i for i, c in enumerate(UP)})


def cf_checkchar(s15):
    t = 0
    for i, ch in enumerate(s15):
        t += CF_ODD[ch] if i % 2 == 0 else CF_EVEN[ch]
    return UP[t % 26]


OMO = "LMNPQRSTUV"
CF_RE = re.compile(r"[A-Z]{6}[0-9LMNPQRSTUV]{2}[ABCDEHLMPRST][0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{3}[A-Z]")


def cf_ok(s):
    s = s.upper()
    return bool(CF_RE.fullmatch(s)) and cf_checkchar(s[:15]) == s[15]


def piva_check(d10):
    s = 0
    for i, ch in enumerate(d10):
        n = int(ch)
        if i % 2 == 1:
            n *= 2
            if n > 9:
                n -= 9
        s += n
    return str((10 - s % 10) % 10)


def piva_ok(s):
    return len(s) == 11 and s.isdigit() and piva_check(s[:10]) == s[10]


IBAN_LEN = {"IT": 27, "DE": 22, "FR": 27, "ES": 24, "GB": 22, "NL": 18, "CH": 21, "BE": 16, "AT": 20,
            "PT": 25, "IE": 22, "LU": 20, "SM": 27, "PL": 28, "DK": 18, "SE": 24, "NO": 15, "FI": 18,
            "MT": 31, "GR": 27, "CZ": 24, "HR": 21, "SI": 19, "RO": 24, "HU": 28, "SK": 24, "LI": 21, "MC": 27}


def iban_mod(s):
    s = s[4:] + s[:4]
    return int("".join(str(int(c, 36)) for c in s)) % 97


def iban_ok(s):
    s = s.replace(" ", "").upper()
    return (s[:2] in IBAN_LEN and len(s) == IBAN_LEN[s[:2]] and s[2:4].isdigit()
            and s.isalnum() and iban_mod(s) == 1)


def iban_make(country, bban):
    n = int("".join(str(int(c, 36)) for c in bban + country + "00")) % 97
    return country + "%02d" % (98 - n) + bban


def it_cin(abi, cab, conto):
    s = abi + cab + conto
    t = 0
    for i, ch in enumerate(s):
        t += CF_ODD[ch] if i % 2 == 0 else CF_EVEN[ch]
    return UP[t % 26]


def ssn_ok(s):
    d = re.sub(r"\D", "", s)
    if len(d) != 9:
        return False
    a, g, n = int(d[:3]), int(d[3:5]), int(d[5:])
    return 0 < a < 900 and a != 666 and g > 0 and n > 0


def b62(n, width=6):
    out = ""
    while n:
        out = B62[n % 62] + out
        n //= 62
    return out.rjust(width, "0")


def gh_ok(tok):
    m = re.fullmatch(r"gh[pousr]_([A-Za-z0-9]{30})([A-Za-z0-9]{6})", tok)
    return bool(m) and b62(zlib.crc32(m.group(1).encode())) == m.group(2)


def b64url(b):
    return base64.urlsafe_b64encode(b).decode().rstrip("=")


def jwt_ok(tok):
    parts = tok.split(".")
    if len(parts) != 3:
        return False
    try:
        hdr = json.loads(base64.urlsafe_b64decode(parts[0] + "=" * (-len(parts[0]) % 4)))
        json.loads(base64.urlsafe_b64decode(parts[1] + "=" * (-len(parts[1]) % 4)))
    except Exception:
        return False
    return isinstance(hdr, dict) and "alg" in hdr


def isbn13(rng, prefix="97888"):
    body = prefix + rs(rng, DIG, 12 - len(prefix))
    s = sum(int(c) * (1 if i % 2 == 0 else 3) for i, c in enumerate(body))
    return body + str((10 - s % 10) % 10)


def ipv4_ok(s):
    p = s.split(".")
    return len(p) == 4 and all(x.isdigit() and int(x) <= 255 and (x == "0" or not x.startswith("0")) for x in p)


CARD_RULES = [(r"4", (13, 16, 19)), (r"5[1-5]", (16,)), (r"222[1-9]|22[3-9]\d|2[3-6]\d\d|27[01]\d|2720", (16,)),
              (r"3[47]", (15,)), (r"6011|65|64[4-9]", (16, 17, 18, 19)), (r"35(?:2[89]|[3-8]\d)", (16, 17, 18, 19)),
              (r"36|30[0-5]|38|39", (14, 15, 16, 17, 18, 19))]


def card_like(d):
    if not (d.isdigit() and luhn_ok(d)):
        return False
    return any(re.match(pre, d) and len(d) in lens for pre, lens in CARD_RULES)


# ----------------------------------------------------------------------------------------------
# people, places, organisations (all fictional)
# ----------------------------------------------------------------------------------------------
IT_M = ["Marco", "Luca", "Giuseppe", "Alessandro", "Francesco", "Andrea", "Matteo", "Lorenzo", "Davide",
        "Simone", "Stefano", "Paolo", "Giovanni", "Roberto", "Antonio", "Fabio", "Nicola", "Riccardo",
        "Emanuele", "Gabriele", "Salvatore", "Vincenzo", "Tommaso", "Pietro", "Niccolò", "Carmine"]
IT_F = ["Giulia", "Francesca", "Chiara", "Sara", "Martina", "Valentina", "Elena", "Alessia", "Federica",
        "Silvia", "Laura", "Paola", "Anna", "Roberta", "Ilaria", "Elisa", "Beatrice", "Camilla",
        "Serena", "Noemi", "Lucia", "Marta", "Debora", "Rosaria", "Agnese", "Ludovica"]
IT_L = ["Rossi", "Russo", "Ferrari", "Esposito", "Bianchi", "Romano", "Colombo", "Ricci", "Marino",
        "Greco", "Bruno", "Gallo", "Conti", "De Luca", "Mancini", "Costa", "Giordano", "Rizzo",
        "Lombardi", "Moretti", "Barbieri", "Fontana", "Santoro", "Mariani", "Rinaldi", "Caruso",
        "Ferrara", "Galli", "Martini", "Leone", "Longo", "Gentile", "Martinelli", "Vitale", "Serra",
        "D'Angelo", "Coppola", "De Santis", "Marchetti", "Parisi", "Villa", "Fabbri", "Pellegrini",
        "Bellini", "Cattaneo", "Orlando", "Sala", "Ruggiero", "Sorrentino", "Zanetti", "Neri", "Olivieri"]
EN_M = ["James", "John", "Robert", "Michael", "William", "David", "Richard", "Thomas", "Daniel",
        "Matthew", "Andrew", "Joshua", "Kevin", "Brian", "George", "Oliver", "Harry", "Jack", "Samuel"]
EN_F = ["Mary", "Patricia", "Jennifer", "Linda", "Elizabeth", "Susan", "Jessica", "Sarah", "Karen",
        "Emily", "Olivia", "Amelia", "Sophie", "Charlotte", "Hannah", "Grace", "Rachel", "Laura", "Megan"]
EN_L = ["Smith", "Johnson", "Williams", "Brown", "Jones", "Miller", "Davis", "Wilson", "Anderson",
        "Taylor", "Thomas", "Moore", "Martin", "Jackson", "Thompson", "White", "Harris", "Clark",
        "Lewis", "Walker", "Hall", "Allen", "Young", "King", "Wright", "Scott", "Evans", "Hughes",
        "O'Brien", "Murphy", "Patel", "Nguyen", "Kowalski", "Fitzgerald", "Baker", "Turner"]
COMUNI = [("Milano", "F205", "MI", "201"), ("Roma", "H501", "RM", "001"), ("Torino", "L219", "TO", "101"),
          ("Napoli", "F839", "NA", "801"), ("Bologna", "A944", "BO", "401"), ("Firenze", "D612", "FI", "501"),
          ("Palermo", "G273", "PA", "901"), ("Genova", "D969", "GE", "161"), ("Bari", "A662", "BA", "701"),
          ("Verona", "L781", "VR", "371"), ("Padova", "G224", "PD", "351"), ("Brescia", "B157", "BS", "251"),
          ("Catania", "C351", "CT", "951"), ("Venezia", "L736", "VE", "301"), ("Cagliari", "B354", "CA", "091"),
          ("Trento", "L378", "TN", "381"), ("Perugia", "G478", "PG", "061"), ("Lecce", "E506", "LE", "731"),
          ("Parma", "G337", "PR", "431"), ("Modena", "F257", "MO", "411"), ("Bergamo", "A794", "BG", "241"),
          ("Salerno", "H703", "SA", "841"), ("Ancona", "A271", "AN", "601"), ("Pescara", "G482", "PE", "651")]
ESTERI = [("Germania", "Z112"), ("Francia", "Z110"), ("Regno Unito", "Z114"), ("Romania", "Z129"),
          ("Albania", "Z100"), ("Marocco", "Z330"), ("Argentina", "Z600"), ("Spagna", "Z131")]
VIE = ["Via Roma", "Via Garibaldi", "Corso Vittorio Emanuele II", "Via Mazzini", "Via Dante Alighieri",
       "Viale dei Mille", "Via Verdi", "Piazza della Repubblica", "Via Matteotti", "Via XX Settembre",
       "Via San Francesco d'Assisi", "Via Cavour", "Largo Augusto", "Via dei Tigli", "Via Nazionale"]
EN_STREETS = ["Maple Avenue", "Oak Street", "High Street", "Church Road", "Park Lane", "Elm Drive",
              "Victoria Road", "Station Road", "Mill Lane", "Sunset Boulevard", "Cedar Court", "King's Road"]
US_CITIES = [("Springfield", "IL", "627"), ("Columbus", "OH", "432"), ("Austin", "TX", "787"),
             ("Portland", "OR", "972"), ("Denver", "CO", "802"), ("Raleigh", "NC", "276"),
             ("Madison", "WI", "537"), ("Tucson", "AZ", "857")]
UK_CITIES = [("London", "SE1"), ("Manchester", "M14"), ("Leeds", "LS6"), ("Bristol", "BS8"),
             ("Glasgow", "G12"), ("Cardiff", "CF10"), ("Brighton", "BN1"), ("York", "YO10")]
IT_MAIL = ["gmail.com", "libero.it", "yahoo.it", "hotmail.it", "outlook.it", "tiscali.it", "virgilio.it",
           "alice.it", "fastwebnet.it", "icloud.com", "tin.it", "email.it"]
IT_PEC = ["pec.it", "legalmail.it", "postacert.it", "pec.buffetti.it", "arubapec.it", "cert.legalmail.it"]
EN_MAIL = ["gmail.com", "outlook.com", "yahoo.com", "icloud.com", "hotmail.co.uk", "btinternet.com",
           "aol.com", "proton.me", "comcast.net"]
IT_COMPANIES = ["Edilnord", "Tecnoservizi", "Idrotermica Padana", "Studio Associato Fenice",
                "Logistica Adriatica", "Ortofrutta del Sole", "Meccanica Brianza", "Arredamenti Lario",
                "Farmacia San Marco", "Vetreria Veneta", "Consulenze Aurora", "Trasporti Appennino",
                "Panificio Il Mulino", "Software Lagunare", "Elettroimpianti Sud", "Cantina Colli Berici"]
EN_COMPANIES = ["Northwind Health", "Bluefield Insurance", "Harbor & Finch", "Crestline Lettings",
                "Redwood Analytics", "Summit Payroll", "Oakridge Medical Group", "Pinewood Logistics",
                "Lakeside Property Management", "Granite Federal Bank", "Brightwater Utilities"]


def slug(s):
    return re.sub(r"[^a-z]", "", unaccent(s).lower())


class Person:
    pass


def it_person(rng, female=None):
    p = Person()
    p.sex = ("F" if rng.random() < 0.5 else "M") if female is None else ("F" if female else "M")
    p.first = rng.choice(IT_F if p.sex == "F" else IT_M)
    p.last = rng.choice(IT_L)
    p.year = rng.randint(1948, 2003)
    p.month = rng.randint(1, 12)
    p.day = rng.randint(1, 28)
    if rng.random() < 0.12:
        p.born_in, p.code = rng.choice(ESTERI)
        p.prov = "EE"
    else:
        c = rng.choice(COMUNI)
        p.born_in, p.code, p.prov = c[0], c[1], c[2]
    c = rng.choice(COMUNI)
    p.city, p.cprov = c[0], c[2]
    p.cap = c[3] + "%02d" % rng.randint(21, 49) if c[3].endswith("1") else c[3] + "%02d" % rng.randint(0, 99)
    p.cap = p.cap[:5]
    p.street = "%s %d" % (rng.choice(VIE), rng.randint(1, 180))
    p.full = "%s %s" % (p.first, p.last)
    p.dob = "%02d/%02d/%d" % (p.day, p.month, p.year)
    return p


def en_person(rng, female=None):
    p = Person()
    p.sex = ("F" if rng.random() < 0.5 else "M") if female is None else ("F" if female else "M")
    p.first = rng.choice(EN_F if p.sex == "F" else EN_M)
    p.last = rng.choice(EN_L)
    p.year = rng.randint(1950, 2002)
    p.month = rng.randint(1, 12)
    p.day = rng.randint(1, 28)
    p.full = "%s %s" % (p.first, p.last)
    p.dob = "%02d/%02d/%d" % (p.month, p.day, p.year)
    p.street = "%d %s" % (rng.randint(2, 4999), rng.choice(EN_STREETS))
    return p


# ----------------------------------------------------------------------------------------------
# value generators (all valid)
# ----------------------------------------------------------------------------------------------
def cf_part(name, surname):
    s = re.sub(r"[^A-Z]", "", unaccent(name).upper())
    cons = [c for c in s if c not in "AEIOU"]
    vow = [c for c in s if c in "AEIOU"]
    if not surname and len(cons) >= 4:
        return cons[0] + cons[2] + cons[3]
    return "".join((cons + vow + ["X"] * 3)[:3])


def gen_cf(rng, p=None, omocodia=None):
    if p is None:
        p = it_person(rng)
    day = p.day + (40 if p.sex == "F" else 0)
    s = cf_part(p.last, True) + cf_part(p.first, False) + "%02d" % (p.year % 100) + "ABCDEHLMPRST"[p.month - 1] + "%02d" % day + p.code
    if omocodia is None:
        omocodia = rng.random() < 0.08
    if omocodia:
        s = list(s)
        for pos in [14, 13, 12, 10, 9, 7, 6][:rng.randint(1, 3)]:
            s[pos] = OMO[int(s[pos])]
        s = "".join(s)
    return s + cf_checkchar(s)


def gen_piva(rng, first=None):
    d7 = (first or "") + rs(rng, DIG, 7 - len(first or ""))
    body = d7 + "%03d" % rng.randint(1, 100)
    return body + piva_check(body)


def it_iban_raw(rng):
    abi = rng.choice(["03069", "02008", "05034", "01030", "03062", "05696", "03268", "08327", "05387", "03111", "07601"])
    if abi == "07601":  # BancoPosta
        pass
    cab = rs(rng, DIG, 5)
    conto = rs(rng, DIG, 12) if rng.random() < 0.85 else rs(rng, DIG, 4) + rs(rng, UP + DIG, 8)
    return iban_make("IT", it_cin(abi, cab, conto) + abi + cab + conto)


def fr_rib_key(bank, branch, acct):
    return "%02d" % (97 - ((89 * int(bank) + 15 * int(branch) + 3 * int(acct)) % 97))


def es_dc(ten):
    w = [1, 2, 4, 8, 5, 10, 9, 7, 3, 6]
    d = 11 - sum(int(c) * x for c, x in zip(ten, w)) % 11
    return "1" if d == 10 else ("0" if d == 11 else str(d))


def gen_iban(rng, country=None):
    country = country or rng.choice(["IT"] * 6 + ["DE", "FR", "ES", "GB", "NL", "CH"])
    if country == "IT":
        return it_iban_raw(rng)
    if country == "DE":
        return iban_make("DE", rs(rng, DIG, 8) + rs(rng, DIG, 10))
    if country == "FR":
        bank, br, acct = rs(rng, DIG, 5), rs(rng, DIG, 5), rs(rng, DIG, 11)
        return iban_make("FR", bank + br + acct + fr_rib_key(bank, br, acct))
    if country == "ES":
        bank, br, acct = rs(rng, DIG, 4), rs(rng, DIG, 4), rs(rng, DIG, 10)
        return iban_make("ES", bank + br + es_dc("00" + bank + br) + es_dc(acct) + acct)
    if country == "GB":
        return iban_make("GB", rng.choice(["NWBK", "BARC", "LOYD", "HBUK", "MIDL"]) + rs(rng, DIG, 6) + rs(rng, DIG, 8))
    if country == "NL":
        while True:
            acct = rs(rng, DIG, 10)
            if acct[0] != "0" and sum(int(c) * (10 - i) for i, c in enumerate(acct)) % 11 == 0:
                break
        return iban_make("NL", rng.choice(["ABNA", "RABO", "INGB", "TRIO"]) + acct)
    if country == "CH":
        return iban_make("CH", rs(rng, DIG, 5) + rs(rng, DIG, 12))
    raise ValueError(country)


def fmt_iban(rng, iban, style=None):
    style = style or rng.choice(["compact", "compact", "group", "group"])
    if style == "group":
        return " ".join(iban[i:i + 4] for i in range(0, len(iban), 4))
    return iban


def gen_card(rng, brand=None):
    brand = brand or rng.choice(["visa"] * 4 + ["mc"] * 3 + ["mc2", "amex", "amex", "disc"])
    if brand == "visa":
        return luhn_complete(rng, "4", 16), brand
    if brand == "mc":
        return luhn_complete(rng, "5" + rng.choice("12345"), 16), brand
    if brand == "mc2":
        return luhn_complete(rng, str(rng.randint(2221, 2720)), 16), brand
    if brand == "amex":
        return luhn_complete(rng, rng.choice(["34", "37"]), 15), brand
    return luhn_complete(rng, "6011", 16), brand


def fmt_card(rng, num, style=None):
    style = style or rng.choice(["space", "space", "dash", "none"])
    if style == "none":
        return num
    sep = " " if style == "space" else "-"
    if len(num) == 15:
        return sep.join([num[:4], num[4:10], num[10:]])
    return sep.join(num[i:i + 4] for i in range(0, len(num), 4))


def gen_ssn(rng, style="dash"):
    while True:
        a = rng.randint(1, 899)
        if a != 666:
            break
    g, n = rng.randint(1, 99), rng.randint(1, 9999)
    sep = "-" if style == "dash" else " "
    return "%03d%s%02d%s%04d" % (a, sep, g, sep, n)


IT_MOB = ["320", "324", "327", "328", "329", "330", "331", "333", "334", "335", "338", "339", "340", "342",
          "345", "346", "347", "348", "349", "351", "366", "368", "370", "377", "380", "388", "389", "392", "393"]
IT_LAND = [("02", 8), ("06", 8), ("011", 7), ("051", 7), ("055", 7), ("081", 7), ("010", 7), ("045", 7),
           ("049", 7), ("030", 7), ("091", 7), ("095", 7), ("070", 7), ("0461", 6), ("071", 7)]


def gen_phone(rng, kind=None):
    kind = kind or rng.choice(["itmob"] * 5 + ["itland"] * 2 + ["us", "uk"])
    if kind == "itmob":
        pre, rest = rng.choice(IT_MOB), rs(rng, DIG, 7)
        st = rng.choice(["a", "a", "b", "c", "d", "e", "f", "g", "h"])
        if st == "a":
            return "%s %s" % (pre, rest)
        if st == "b":
            return "+39 %s %s %s" % (pre, rest[:3], rest[3:])
        if st == "c":
            return "+39%s%s" % (pre, rest)
        if st == "d":
            return "%s-%s" % (pre, rest)
        if st == "e":
            return "%s/%s" % (pre, rest)
        if st == "f":
            return "%s %s %s" % (pre, rest[:3], rest[3:])
        if st == "g":
            return "%s%s" % (pre, rest)
        return "+39 %s%s" % (pre, rest)
    if kind == "itgroups":  # read out in groups, e.g. 347 12 34 567
        pre, rest = rng.choice(IT_MOB), rs(rng, DIG, 7)
        return "%s %s %s %s" % (pre, rest[:2], rest[2:4], rest[4:])
    if kind == "itland":
        pre, n = rng.choice(IT_LAND)
        rest = str(rng.randint(2, 9)) + rs(rng, DIG, n - 1)
        st = rng.choice(["a", "b", "c", "d"])
        if st == "a":
            return "%s %s" % (pre, rest)
        if st == "b":
            return "%s/%s" % (pre, rest)
        if st == "c":
            return "+39 %s %s" % (pre, rest)
        h = len(rest) // 2
        return "%s %s %s" % (pre, rest[:h], rest[h:])
    if kind == "us":
        a = rng.choice(["212", "312", "415", "617", "646", "702", "503", "512", "614", "720", "919", "608"])
        e = str(rng.randint(2, 9)) + rs(rng, DIG, 2)
        while e == "555":
            e = str(rng.randint(2, 9)) + rs(rng, DIG, 2)
        n = rs(rng, DIG, 4)
        st = rng.choice(["a", "b", "c", "d", "e"])
        if st == "a":
            return "(%s) %s-%s" % (a, e, n)
        if st == "b":
            return "%s-%s-%s" % (a, e, n)
        if st == "c":
            return "+1 %s %s %s" % (a, e, n)
        if st == "d":
            return "+1 (%s) %s-%s" % (a, e, n)
        return "%s.%s.%s" % (a, e, n)
    # uk
    if rng.random() < 0.5:
        return "+44 7%s %s" % (rs(rng, DIG, 3), rs(rng, DIG, 6))
    if rng.random() < 0.5:
        return "07%s %s" % (rs(rng, DIG, 3), rs(rng, DIG, 6))
    return "+44 20 %s %s" % (str(rng.randint(3, 8)) + rs(rng, DIG, 3), rs(rng, DIG, 4))


def gen_email(rng, p=None, lang="it", pec=False, org=None):
    if p is None:
        p = it_person(rng) if lang == "it" else en_person(rng)
    f, l = slug(p.first), slug(p.last)
    if org:
        dom = org
    elif pec:
        dom = rng.choice(IT_PEC)
    else:
        dom = rng.choice(IT_MAIL if lang == "it" else EN_MAIL)
    local = rng.choice(["%s.%s" % (f, l), "%s.%s" % (f[0], l), "%s%s" % (f, l), "%s_%s%d" % (f, l, rng.randint(1, 99)),
                        "%s.%s%d" % (l, f, rng.randint(60, 99)), "%s%s" % (f[0], l)])
    return "%s@%s" % (local, dom)


def gen_ipv4(rng, private=None):
    private = rng.random() < 0.5 if private is None else private
    if private:
        k = rng.choice(["10", "192", "172"])
        if k == "10":
            return "10.%d.%d.%d" % (rng.randint(0, 255), rng.randint(0, 255), rng.randint(1, 254))
        if k == "192":
            return "192.168.%d.%d" % (rng.randint(0, 255), rng.randint(1, 254))
        return "172.%d.%d.%d" % (rng.randint(16, 31), rng.randint(0, 255), rng.randint(1, 254))
    while True:
        a = rng.choice([2, 5, 31, 37, 46, 62, 77, 78, 79, 80, 82, 87, 93, 95, 109, 151, 176, 185, 188, 195, 212, 213, 217])
        ip = "%d.%d.%d.%d" % (a, rng.randint(0, 255), rng.randint(0, 255), rng.randint(1, 254))
        return ip


def gen_ipv6(rng):
    if rng.random() < 0.5:
        return "fd%02x:%x:%x::%x" % (rng.randint(0, 255), rng.randint(0x1000, 0xffff), rng.randint(0x1000, 0xffff), rng.randint(1, 0xffff))
    return "2a01:%x:%x:%x:%x:%x:%x:%x" % tuple(rng.randint(0x100, 0xffff) for _ in range(7))


def gen_aws_ak(rng):
    return rng.choice(["AKIA", "AKIA", "ASIA"]) + rs(rng, UP + "234567", 16)


def gen_aws_sk(rng):
    return rs(rng, B64, 40)


def gen_github(rng):
    body = rs(rng, B62, 30)
    return rng.choice(["ghp_", "ghp_", "gho_", "ghs_", "ghu_"]) + body + b62(zlib.crc32(body.encode()))


def gen_gitlab(rng):
    return "glpat-" + rs(rng, URLSAFE, 20)


def gen_slack_token(rng):
    return rng.choice(["xoxb-", "xoxp-"]) + rs(rng, DIG, 12) + "-" + rs(rng, DIG, 12) + "-" + rs(rng, UP + LO + DIG, 24)


def gen_slack_webhook(rng):
    return "https://hooks.slack.com/services/T%s/B%s/%s" % (rs(rng, UP + DIG, 8), rs(rng, UP + DIG, 10), rs(rng, UP + LO + DIG, 24))


def gen_stripe(rng):
    return rng.choice(["sk_live_", "rk_live_"]) + rs(rng, UP + LO + DIG, rng.choice([24, 99]))


def gen_openai(rng):
    if rng.random() < 0.7:
        return "sk-proj-" + rs(rng, URLSAFE, 74) + "T3BlbkFJ" + rs(rng, URLSAFE, 74)
    return "sk-" + rs(rng, UP + LO + DIG, 20) + "T3BlbkFJ" + rs(rng, UP + LO + DIG, 20)


def gen_anthropic(rng):
    return "sk-ant-api03-" + rs(rng, URLSAFE, 93) + "AA"


def gen_google(rng):
    return "AIza" + rs(rng, URLSAFE, 35)


def gen_private_key(rng):
    kind = rng.choice(["RSA ", "", "EC ", "OPENSSH "])
    raw = bytes(rng.randrange(256) for _ in range(rng.choice([180, 240, 300, 360])))
    if kind in ("RSA ", ""):
        raw = b"\x30\x82\x04" + raw
    b = base64.b64encode(raw).decode()
    lines = [b[i:i + 64] for i in range(0, len(b), 64)]
    return "-----BEGIN %sPRIVATE KEY-----\n%s\n-----END %sPRIVATE KEY-----" % (kind, "\n".join(lines), kind)


def gen_jwt(rng, who="mrossi"):
    hdr = {"alg": rng.choice(["HS256", "RS256", "ES256"]), "typ": "JWT"}
    pl = {"sub": who, "iat": rng.randint(1690000000, 1760000000), "exp": rng.randint(1760000000, 1790000000)}
    if rng.random() < 0.5:
        pl["role"] = rng.choice(["admin", "user", "operator"])
    return b64url(json.dumps(hdr, separators=(",", ":")).encode()) + "." + b64url(json.dumps(pl, separators=(",", ":")).encode()) + "." + b64url(bytes(rng.randrange(256) for _ in range(32)))


PW_WORDS = ["Estate", "Girasole", "Milano", "Juventus", "Fragola", "Tramonto", "Gatto", "Summer", "Dragon",
            "Sunshine", "Falcon", "Panda", "Laguna", "Vesuvio", "Cometa", "Orchidea", "Liverpool", "Maple"]


def gen_password(rng):
    st = rng.random()
    if st < 0.45:
        return rng.choice(PW_WORDS) + rng.choice(["!", "#", "$", "@", ".", "_", "*"]) + str(rng.randint(1, 2025))
    if st < 0.7:
        return rng.choice(PW_WORDS).lower() + str(rng.randint(10, 99)) + rng.choice(["!", "?", "#", "%"]) + rs(rng, UP, 2)
    return rs(rng, UP + LO + DIG, rng.randint(6, 10)) + rng.choice("!#$%&*+=?@") + rs(rng, UP + LO + DIG, rng.randint(2, 5))


def gen_cred_url(rng, host=None):
    scheme = rng.choice(["postgres", "postgresql", "mysql", "mongodb", "redis", "amqp", "ftp", "sftp", "smtp", "https"])
    user = rng.choice(["admin", "app", "svc_backup", "gestionale", "root", "fornitore", "sync", "report"])
    pw = rs(rng, UP + LO + DIG, rng.randint(9, 16))
    host = host or rng.choice(["db01.intranet.local", "erp-prod.azienda.lan", "10.20.4.15", "ftp.studio-fenice.it",
                               "nas.ufficio.local", "192.168.10.40", "mq.internal", "smtp.northwind-health.com"])
    port = {"postgres": 5432, "postgresql": 5432, "mysql": 3306, "mongodb": 27017, "redis": 6379, "amqp": 5672,
            "ftp": 21, "sftp": 22, "smtp": 587, "https": 8443}[scheme]
    path = rng.choice(["/prod", "/gestionale", "/backup", "/", "/crm", "/0", "/uploads"])
    return "%s://%s:%s@%s:%d%s" % (scheme, user, pw, host, port, path)


# ----------------------------------------------------------------------------------------------
# document model: a list of [char, segment-id]; segments are labelled values (Val) or protected
# hard negatives (Neg). Messy transforms edit the list, spans are read back at the end.
# ----------------------------------------------------------------------------------------------
class Val:
    def __init__(self, typ, text, canon=None, **kw):
        self.typ, self.text, self.canon, self.kw = typ, text, canon if canon is not None else text, kw


class Neg:
    """A hard negative kept atomic by the wrapper. allow: self-check rules it may trip on purpose
    (only for judgement look-alikes); judgement: the case gets the judgement tag."""

    def __init__(self, text, allow=(), judgement=None):
        self.text, self.allow, self.judgement = text, set(allow), judgement


class Doc:
    def __init__(self):
        self.chars = []
        self.segs = {}
        self.tags = set()

    def add(self, x):
        if x is None:
            return
        if isinstance(x, str):
            self.chars.extend([c, -1] for c in x)
            return
        sid = len(self.segs)
        self.segs[sid] = x
        self.chars.extend([c, sid] for c in x.text)

    def f(self, tpl, **kw):
        pos = 0
        for m in re.finditer(r"«(\w+)»", tpl):
            self.add(tpl[pos:m.start()])
            self.add(kw[m.group(1)])
            pos = m.end()
        self.add(tpl[pos:])

    def vals(self):
        return [(sid, s) for sid, s in self.segs.items() if isinstance(s, Val)]

    def seg_range(self, sid):
        idx = [i for i, (c, s) in enumerate(self.chars) if s == sid]
        return (idx[0], idx[-1] + 1) if idx else None

    def replace_seg_text(self, sid, new):
        a, b = self.seg_range(sid)
        self.chars[a:b] = [[c, sid] for c in new]
        self.segs[sid].text = new


SUBS = {
    "it": {
        "EMAIL": ["[email rimossa]", "n.d.", "—", "(vedi anagrafica)", "[omissis]", "non comunicata"],
        "PHONE": ["[omissis]", "n.d.", "—", "(non fornito)", "interno 4521", "*** *** ****", "vedi rubrica"],
        "IT_VAT": ["in corso di attribuzione", "—", "n.d.", "[omissis]"],
        "US_SSN": ["XXX-XX-XXXX", "[omissis]"],
        "IP_ADDRESS": ["x.x.x.x", "[IP rimosso]", "<redacted>", "srv-app01.intranet.local"],
        "PASSWORD": ["********", "(inviata via SMS)", "<la solita>", "••••••••", "[rimossa]"],
        "GEN": ["[omissis]", "<REDACTED>", "***"],
    },
    "en": {
        "EMAIL": ["[email removed]", "n/a", "on file", "[redacted]", "not provided"],
        "PHONE": ["n/a", "[redacted]", "on file", "ext. 4521", "(***) ***-****", "not provided"],
        "IT_VAT": ["pending", "n/a"],
        "US_SSN": ["XXX-XX-XXXX", "[redacted]", "on file"],
        "IP_ADDRESS": ["x.x.x.x", "[redacted]", "<internal host>", "web-02.corp.local"],
        "PASSWORD": ["********", "(sent separately)", "<redacted>", "••••••••", "see vault entry"],
        "GEN": ["[redacted]", "<REDACTED>", "***"],
    },
}


class Case:
    def __init__(self, rng, lang, neg):
        self.rng, self.lang, self.neg = rng, lang, neg
        self.p_on = rng.uniform(0.45, 0.95)
        self.tags = set()

    def on(self, w=1.0):
        return (not self.neg) and self.rng.random() < min(1.0, self.p_on * w)

    def it(self, a, b):
        return a if self.lang == "it" else b

    def sub(self, typ, real=None):
        r = self.rng
        if typ == "IT_FISCAL_CODE" and real and r.random() < 0.6:
            return Neg(real[:3] + "*" * 10 + real[-3:])
        if typ == "IBAN" and real and r.random() < 0.6:
            return Neg(real[:2] + "** **** **** **** " + "*" * (len(real) - 19) + " " + real[-3:] if len(real) > 22 else real[:2] + "**" + "*" * (len(real) - 8) + real[-4:])
        if typ == "CREDIT_CARD" and real:
            return Neg(r.choice(["**** **** **** ", "XXXX-XXXX-XXXX-", "************"]) + real[-4:])
        if typ == "US_SSN" and r.random() < 0.6:
            return Neg(r.choice(["XXX-XX-", "***-**-"]) + rs(r, DIG, 4))
        lst = SUBS[self.lang].get(typ) or SUBS[self.lang]["GEN"]
        return Neg(r.choice(lst))

    # --- slots: a labelled value when on, else a hard-negative stand-in -----------------------
    def email(self, p=None, pec=False, org=None, w=1.0):
        if self.on(w):
            return Val("EMAIL", gen_email(self.rng, p, self.lang, pec, org))
        return self.sub("EMAIL")

    def email_local(self, local, dom, w=1.0):
        if self.on(w):
            return Val("EMAIL", "%s@%s" % (local, dom))
        return self.sub("EMAIL")

    def phone(self, kind=None, w=1.0):
        if kind is None:
            kind = self.rng.choice(["itmob"] * 6 + ["itland"] * 3 + ["us", "uk"] if self.lang == "it" else ["us"] * 4 + ["uk"] * 4 + ["itmob"])
        if self.on(w):
            return Val("PHONE", gen_phone(self.rng, kind))
        return self.sub("PHONE")

    def cf(self, p=None, w=1.0):
        v = gen_cf(self.rng, p)
        if self.on(w):
            return Val("IT_FISCAL_CODE", v)
        return self.sub("IT_FISCAL_CODE", v)

    def piva(self, w=1.0, prefix=False):
        if self.on(w):
            v = gen_piva(self.rng)
            if prefix:
                return Val("IT_VAT", "IT" + v, canon=v)
            return Val("IT_VAT", v)
        return self.sub("IT_VAT")

    def iban(self, country=None, style=None, w=1.0):
        v = gen_iban(self.rng, country)
        if self.on(w):
            return Val("IBAN", fmt_iban(self.rng, v, style), canon=v)
        return self.sub("IBAN", fmt_iban(self.rng, v, "group"))

    def card(self, brand=None, style=None, w=1.0):
        v, _ = gen_card(self.rng, brand)
        if self.on(w):
            return Val("CREDIT_CARD", fmt_card(self.rng, v, style), canon=v)
        return self.sub("CREDIT_CARD", v)

    def ssn(self, w=1.0):
        if self.on(w):
            return Val("US_SSN", gen_ssn(self.rng, "dash" if self.rng.random() < 0.85 else "space"))
        return self.sub("US_SSN")

    def ip(self, private=None, v6=False, w=1.0):
        if self.on(w):
            return Val("IP_ADDRESS", gen_ipv6(self.rng) if v6 else gen_ipv4(self.rng, private))
        return self.sub("IP_ADDRESS")

    def password(self, w=1.0):
        if self.on(w):
            return Val("PASSWORD", gen_password(self.rng))
        return self.sub("PASSWORD")

    def secret(self, typ, w=1.0):
        r = self.rng
        fn = {"AWS_ACCESS_KEY": gen_aws_ak, "AWS_SECRET_KEY": gen_aws_sk, "GITHUB_TOKEN": gen_github,
              "GITLAB_TOKEN": gen_gitlab, "SLACK_TOKEN": gen_slack_token, "SLACK_WEBHOOK": gen_slack_webhook,
              "STRIPE_KEY": gen_stripe, "OPENAI_KEY": gen_openai, "ANTHROPIC_KEY": gen_anthropic,
              "GOOGLE_API_KEY": gen_google, "PRIVATE_KEY": gen_private_key, "JWT": gen_jwt,
              "CREDENTIAL_URL": gen_cred_url}[typ]
        if self.on(w):
            return Val(typ, fn(r))
        ph = {"AWS_ACCESS_KEY": ["AKIA" + "*" * 16, "AKIAXXXXXXXXXXXXXXXX", "<REDACTED>"],
              "AWS_SECRET_KEY": ["<REDACTED>", "****************************************", "${AWS_SECRET_ACCESS_KEY}"],
              "GITHUB_TOKEN": ["ghp_" + "X" * 36, "${{ secrets.GH_TOKEN }}", "<token>"],
              "GITLAB_TOKEN": ["glpat-xxxxxxxxxxxxxxxxxxxx", "$CI_JOB_TOKEN", "<token>"],
              "SLACK_TOKEN": ["xoxb-***", "${SLACK_BOT_TOKEN}", "<token>"],
              "SLACK_WEBHOOK": ["https://hooks.slack.com/services/T000/B000/XXXX", "$SLACK_WEBHOOK_URL"],
              "STRIPE_KEY": ["sk_live_...", "sk_test_XXXXXXXXXXXXXXXX", "$STRIPE_SECRET"],
              "OPENAI_KEY": ["sk-...", "$OPENAI_API_KEY", "<your-key>"],
              "ANTHROPIC_KEY": ["sk-ant-...", "$ANTHROPIC_API_KEY"],
              "GOOGLE_API_KEY": ["AIza...", "YOUR_API_KEY"],
              "PRIVATE_KEY": ["[chiave privata rimossa]" if self.lang == "it" else "[private key removed]"],
              "JWT": ["<token>", "eyJ...", "$TOKEN"],
              "CREDENTIAL_URL": ["postgres://app:***@db01.intranet.local:5432/prod", "https://erp-prod.azienda.lan:8443/console",
                                 "mysql://report@db-report.intranet.local:3306/crm", "ftp://ftp.studio-fenice.it/uploads"]}[typ]
        return Neg(r.choice(ph), allow={"secret"})

    def marker(self, choices=None, w=1.0):
        ch = choices or self.it(["RISERVATO", "STRETTAMENTE RISERVATO", "USO INTERNO", "DOCUMENTO RISERVATO"],
                                ["CONFIDENTIAL", "STRICTLY CONFIDENTIAL", "INTERNAL USE ONLY", "PRIVATE & CONFIDENTIAL"])
        if self.on(w):
            return Val("CONFIDENTIAL_MARKER", self.rng.choice(ch))
        return None


# ----------------------------------------------------------------------------------------------
# evasions (applied to one labelled value) and their inverse for the self-check
# ----------------------------------------------------------------------------------------------
ZW = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad"]


def to_fullwidth(s, only_at=False):
    out = []
    for c in s:
        if c == "@":
            out.append("\uff20")
        elif not only_at and (c.isascii() and c.isalnum()):
            out.append(chr(ord(c) + 0xFEE0))
        else:
            out.append(c)
    return "".join(out)


def evade(rng, kind, typ, s):
    if kind == "fullwidth":
        return to_fullwidth(s, only_at=(typ == "EMAIL" and rng.random() < 0.5))
    if kind == "zero-width":
        pos = sorted(rng.sample(range(2, len(s) - 1), min(rng.randint(1, 2), len(s) - 3)))
        out, last = [], 0
        for p in pos:
            out.append(s[last:p])
            out.append(rng.choice(ZW))
            last = p
        out.append(s[last:])
        return "".join(out)
    if kind == "json-escape":
        idx = [i for i, c in enumerate(s) if c == "@"]
        cand = [i for i, c in enumerate(s) if c.isalnum()]
        idx += rng.sample(cand, min(len(cand), rng.randint(2, 4)))
        return "".join("\\u%04x" % ord(c) if i in idx else c for i, c in enumerate(s))
    if kind == "base64":
        return base64.b64encode(s.encode()).decode()
    if kind == "percent":
        cand = [i for i, c in enumerate(s) if not c.isalnum()]
        if not cand or rng.random() < 0.3:
            cand += rng.sample([i for i, c in enumerate(s) if c.isalnum()], 3)
        return "".join("%%%02X" % ord(c) if i in cand else c for i, c in enumerate(s))
    raise ValueError(kind)


def unevade(kind, s):
    if kind == "base64":
        return base64.b64decode(s).decode()
    if kind == "percent":
        return urllib.parse.unquote(s)
    if kind == "json-escape":
        return re.sub(r"\\u([0-9a-fA-F]{4})", lambda m: chr(int(m.group(1), 16)), s)
    s = unicodedata.normalize("NFKC", s)
    return "".join(c for c in s if unicodedata.category(c) != "Cf")


EVADABLE = {"EMAIL", "PHONE", "CREDIT_CARD", "IBAN", "IT_FISCAL_CODE", "IT_VAT", "US_SSN", "IP_ADDRESS",
            "AWS_ACCESS_KEY", "GITHUB_TOKEN", "GITLAB_TOKEN", "SLACK_TOKEN", "STRIPE_KEY", "OPENAI_KEY",
            "ANTHROPIC_KEY", "GOOGLE_API_KEY", "JWT", "PASSWORD"}


def apply_evasion(doc, rng, kind):
    cands = [(sid, v) for sid, v in doc.vals() if v.typ in EVADABLE and "evasion" not in v.kw and "split" not in v.kw]
    if kind == "base64":
        cands = [(sid, v) for sid, v in cands if v.typ not in ("PASSWORD", "PHONE")]
    if not cands:
        return False
    sid, v = rng.choice(cands)
    new = evade(rng, kind, v.typ, v.text)
    if new == v.text:
        return False
    v.kw["evasion"] = kind
    v.kw["orig"] = v.text
    doc.replace_seg_text(sid, new)
    doc.tags.add("evasion:" + kind)
    return True


def apply_split(doc, rng):
    """Judgement: a value broken across a line break by the PDF/OCR copy."""
    cands = [(sid, v) for sid, v in doc.vals() if v.typ in ("IBAN", "CREDIT_CARD", "PHONE", "IT_FISCAL_CODE", "EMAIL", "US_SSN")
             and "evasion" not in v.kw and len(v.text) >= 10]
    if not cands:
        return False
    sid, v = rng.choice(cands)
    t = v.text
    sp = [i for i, c in enumerate(t) if c == " " and 3 <= i <= len(t) - 3]
    if sp:
        i = rng.choice(sp)
        new = t[:i] + rng.choice(["\n", " \n", "\n"]) + t[i + 1:]
    elif v.typ == "EMAIL":
        i = t.index("@") + 1
        new = t[:i] + "\n" + t[i:]
    else:
        i = len(t) // 2 + rng.randint(-2, 2)
        new = t[:i] + rng.choice(["-\n", "\n"]) + t[i:]
    v.kw["split"] = True
    v.kw["orig"] = t
    doc.replace_seg_text(sid, new)
    doc.tags.update({"judgement", "judgement:split-value"})
    return True


# ----------------------------------------------------------------------------------------------
# messy transforms on the character list
# ----------------------------------------------------------------------------------------------
KEYWORDS = {"password", "telefono", "cellulare", "fiscale", "iban", "email", "mail", "phone", "mobile",
            "codice", "partita", "social", "security", "contact", "recapito", "passwd", "cell", "tel"}


def ocr_wrap(doc, rng, width, hyph=0.2):
    ch = doc.chars
    out = []
    col = 0
    n = len(ch)
    for i in range(n):
        c, sid = ch[i]
        if c in "\n\x01\x0c":
            out.append([c, sid])
            col = 0
            continue
        if sid == -1 and c == " " and col >= width:
            out.append(["\n", -1])
            col = 0
            continue
        if sid >= 0 and (i == 0 or ch[i - 1][1] != sid):
            L = 0
            while i + L < n and ch[i + L][1] == sid and ch[i + L][0] != "\n":
                L += 1
            if col + L > width + 6 and out and out[-1] == [" ", -1]:
                out[-1][0] = "\n"
                col = 0
        if (sid == -1 and c.isalpha() and col >= width + 1 and rng.random() < hyph and i + 2 < n
                and ch[i + 1][1] == -1 and ch[i + 2][1] == -1 and ch[i + 1][0].isalpha() and ch[i + 2][0].isalpha()
                and len(out) >= 2 and out[-1][1] == -1 and out[-2][1] == -1 and out[-1][0].isalpha() and out[-2][0].isalpha()):
            out.append(["-", -1])
            out.append(["\n", -1])
            col = 0
        out.append([c, sid])
        col += 1
    doc.chars = out


def double_spaces(doc, rng, p):
    out = []
    for c, sid in doc.chars:
        out.append([c, sid])
        if sid == -1 and c == " " and rng.random() < p:
            out.append([" ", -1])
    doc.chars = out


def pdf_glyphs(doc, rng, p):
    """Ligatures, NBSP and curly quotes as pdftotext leaves them (plain text only)."""
    ch = doc.chars
    out = []
    i = 0
    while i < len(ch):
        c, sid = ch[i]
        if sid == -1 and c == "f" and i + 1 < len(ch) and ch[i + 1][1] == -1 and ch[i + 1][0] in "il" and rng.random() < p:
            out.append(["\ufb01" if ch[i + 1][0] == "i" else "\ufb02", -1])
            i += 2
            continue
        if sid == -1 and c == " " and i > 0 and ch[i - 1][0] == ":" and rng.random() < p:
            out.append(["\u00a0", -1])
            i += 1
            continue
        if sid == -1 and c == "'" and rng.random() < p:
            out.append(["\u2019", -1])
            i += 1
            continue
        out.append([c, sid])
        i += 1
    doc.chars = out


def paginate(doc, rng, lines_per_page, footer, header):
    """footer(p, P) / header(p, P) return lists of str/Val/Neg. Page breaks fall every
    lines_per_page lines (at plain newlines) and at each \x01 sentinel."""
    ch = doc.chars
    breaks = []
    line = 0
    for i, (c, sid) in enumerate(ch):
        if c == "\x01":
            breaks.append(i)
            line = 0
        elif c == "\n":
            line += 1
            if sid == -1 and line >= lines_per_page and i + 1 < len(ch):
                breaks.append(i)
                line = 0
    P = len(breaks) + 1
    out = []
    last = 0
    for p, b in enumerate(breaks, 1):
        out.extend(ch[last:b])
        tmp = Doc()
        tmp.segs = doc.segs
        tmp.add("\n\n")
        for x in footer(p, P):
            tmp.add(x)
        tmp.add("\n\x0c")
        for x in header(p + 1, P):
            tmp.add(x)
        tmp.add("\n")
        out.extend(tmp.chars)
        last = b + 1
    out.extend(ch[last:])
    doc.chars = out
    return P


def finish(doc):
    chars = [[("\n" if c == "\x01" else c), s] for c, s in doc.chars]
    text_parts = []
    bpos = 0
    spans = {}
    for c, sid in chars:
        b = len(c.encode("utf-8"))
        if sid >= 0:
            if sid in spans:
                if spans[sid][1] != bpos:
                    raise AssertionError("segment %d not contiguous" % sid)
                spans[sid][1] = bpos + b
            else:
                spans[sid] = [bpos, bpos + b]
        text_parts.append(c)
        bpos += b
    text = "".join(text_parts)
    findings = []
    for sid, (a, b) in sorted(spans.items(), key=lambda kv: kv[1][0]):
        seg = doc.segs[sid]
        if isinstance(seg, Val):
            findings.append({"type": seg.typ, "start": a, "end": b, "value": text.encode()[a:b].decode()})
    return text, findings, spans


# ----------------------------------------------------------------------------------------------
# hard negatives of the same documents, and invalid look-alikes (distractors)
# ----------------------------------------------------------------------------------------------
MESI = ["gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto", "settembre",
        "ottobre", "novembre", "dicembre"]
MONTHS_EN = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
             "October", "November", "December"]


def d_it(r, y0=2019, y1=2025):
    return "%02d/%02d/%d" % (r.randint(1, 28), r.randint(1, 12), r.randint(y0, y1))


def d_long_it(r):
    return "%d %s %d" % (r.randint(1, 28), r.choice(MESI), r.randint(2019, 2025))


def d_en(r):
    return "%d %s %d" % (r.randint(1, 28), r.choice(MONTHS_EN), r.randint(2019, 2025))


def eur(r, lo=50, hi=9000):
    v = r.randint(lo * 100, hi * 100)
    ent, cent = divmod(v, 100)
    return "{:,}".format(ent).replace(",", ".") + ",%02d" % cent


def usd(r, lo=50, hi=9000):
    v = r.randint(lo * 100, hi * 100)
    return "{:,}.{:02d}".format(v // 100, v % 100)


def hn_prot(r):
    return r.choice(["Prot. n. %07d/%d" % (r.randint(1, 99999), r.randint(2019, 2025)),
                     "Prot. %d/%s/%05d" % (r.randint(2019, 2025), r.choice(["UT", "AMM", "LEG"]), r.randint(1, 99999)),
                     "protocollo n. %d del %s" % (r.randint(1000, 99999), d_it(r))])


def hn_catasto(r):
    return "foglio %d, particella %d, sub %d, categoria A/%d, classe %d, vani %s, rendita catastale € %s" % (
        r.randint(1, 120), r.randint(10, 2400), r.randint(1, 40), r.randint(2, 4), r.randint(1, 6),
        r.choice(["4", "4,5", "5", "5,5", "6", "7"]), eur(r, 300, 1800))


def hn_rea(r, prov):
    return "%s - %d" % (prov, r.randint(100000, 2999999))


def hn_ateco(r):
    return r.choice(["62.01.00", "43.22.01", "47.73.10", "56.10.11", "69.20.11", "49.41.00", "10.71.10", "46.90.00"])


def hn_inps(r):
    return r.choice("1245678") + rs(r, DIG, 9)


def hn_inail(r):
    return "%08d/%02d" % (r.randint(1, 99999999), r.randint(1, 99))


def hn_imei(r):
    while True:
        d = luhn_complete(r, r.choice(["35", "86", "35"]) + rs(r, DIG, 6), 15)
        if not card_like(d):
            return d


def hn_pod(r):
    return "IT001E%08d" % r.randint(0, 99999999)


def hn_pdr(r):
    return "0" + rs(r, DIG, 13)


def hn_targa(r):
    L = "ABCDEFGHJKLMNPRSTVWXYZ"
    t = rs(r, L, 2) + rs(r, DIG, 3) + rs(r, L, 2)
    return t if r.random() < 0.5 else t[:2] + " " + t[2:5] + " " + t[5:]


def hn_isbn(r):
    i = isbn13(r)
    return "%s-%s-%s-%s-%s" % (i[:3], i[3:5], i[5:9], i[9:12], i[12])


def hn_invoice(r):
    return r.choice(["FT %d/%05d" % (r.randint(2021, 2025), r.randint(1, 9999)), "%d/FE/%06d" % (r.randint(2021, 2025), r.randint(1, 99999)),
                     "FPR %d/%02d" % (r.randint(1, 999), r.randint(21, 25)), "n. %d del %s" % (r.randint(1, 999), d_it(r))])


def hn_sdi(r):
    return rs(r, UP + DIG, 7)


def hn_avviso(r):
    while True:
        d = r.choice(["30", "31"]) + rs(r, DIG, 16)
        if not luhn_ok(d):
            return " ".join(d[i:i + 4] for i in range(0, 18, 4))


def hn_ts(r):
    return "80380" + rs(r, DIG, 15)


def hn_nre(r):
    return "%03dA%s" % (r.randint(100, 190), rs(r, DIG, 11))


def hn_matricola(r):
    return "%05d" % r.randint(1, 9999)


def hn_policy(r):
    return r.choice(["POL-%d-%06d" % (r.randint(2019, 2025), r.randint(1, 999999)), "HX%08d" % r.randint(0, 99999999),
                     "%s-%07d" % (rs(r, UP, 3), r.randint(0, 9999999))])


def hn_claim(r):
    return "CLM-%d-%06d" % (r.randint(2022, 2025), r.randint(1, 999999))


def hn_mrn(r):
    return "%08d" % r.randint(0, 99999999)


def hn_nhs(r):
    while True:
        d = rs(r, DIG, 9)
        s = sum(int(c) * (10 - i) for i, c in enumerate(d))
        chk = 11 - s % 11
        if chk == 11:
            chk = 0
        if chk != 10 and d[0] in "4679":
            d += str(chk)
            return "%s %s %s" % (d[:3], d[3:6], d[6:])


def hn_vin(r):
    return rs(r, "ABCDEFGHJKLMNPRSTUVWXYZ" + DIG, 17)


def hn_tracking(r):
    return "1Z" + rs(r, UP + DIG, 6) + rs(r, DIG, 10)


def hn_ukvat(r):
    return "GB %s %s %s" % (rs(r, DIG, 3), rs(r, DIG, 4), rs(r, DIG, 2))


def hn_ein(r):
    return "%02d-%07d" % (r.randint(10, 98), r.randint(0, 9999999))


def hn_itin(r):
    return "9%02d-%d%d-%04d" % (r.randint(0, 99), r.choice([7, 8]), r.randint(0, 9), r.randint(0, 9999))


def hn_sortcode(r):
    return "%02d-%02d-%02d" % (r.randint(10, 99), r.randint(0, 99), r.randint(0, 99))


def hn_aba(r):
    while True:
        d = rs(r, DIG, 8)
        for c in DIG:
            x = d + c
            if sum(int(a) * w for a, w in zip(x, [3, 7, 1] * 3)) % 10 == 0 and x[0] in "0123":
                return x


def hn_order(r):
    return r.choice(["#%d-%07d" % (r.randint(100, 999), r.randint(0, 9999999)), "ORD-%08d" % r.randint(0, 99999999), "W%09d" % r.randint(0, 999999999)])


def hn_hex(r, n=40):
    return rs(r, "0123456789abcdef", n)


def hn_uuid(r):
    h = hn_hex(r, 32)
    return "%s-%s-%s-%s-%s" % (h[:8], h[8:12], h[12:16], h[16:20], h[20:])


def spoken_it(digits):
    W = ["zero", "uno", "due", "tre", "quattro", "cinque", "sei", "sette", "otto", "nove"]
    return " ".join(W[int(c)] for c in digits)


def spoken_en(digits):
    W = ["oh", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
    return " ".join(W[int(c)] for c in digits)


def bad_cf(r):
    v = gen_cf(r, omocodia=False)
    return v[:15] + r.choice([c for c in UP if c != v[15]])


def bad_piva(r):
    v = gen_piva(r)
    return v[:10] + str((int(v[10]) + r.randint(1, 9)) % 10)


def bad_iban(r, country=None):
    v = gen_iban(r, country)
    ck = "%02d" % ((int(v[2:4]) + r.randint(1, 90)) % 97 + 2)
    v = v[:2] + ck + v[4:]
    return v if not iban_ok(v) else bad_iban(r, country)


def bad_card(r):
    v, _ = gen_card(r, "visa")
    return v[:-1] + str((int(v[-1]) + r.randint(1, 9)) % 10)


def distractor_sentence(c):
    r = c.rng
    k = r.choice(["cf", "piva", "iban", "card"] if c.lang == "it" else ["card", "iban", "card"])
    if k == "cf":
        return Neg(bad_cf(r)), c.it("NB: il codice fiscale «x» riportato nella vecchia pratica è errato (carattere di controllo non valido), non usatelo.",
                                     "Note: the tax code «x» on the old file fails its check character; ignore it.")
    if k == "piva":
        return Neg(bad_piva(r)), "Attenzione: la partita IVA «x» indicata nel preventivo non risulta valida all'Agenzia delle Entrate."
    if k == "iban":
        return Neg(fmt_iban(r, bad_iban(r), "group")), c.it("L'IBAN «x» comunicato a voce era sbagliato e la banca l'ha rifiutato.",
                                                             "The IBAN «x» we were given earlier was rejected by the bank as invalid.")
    return Neg(fmt_card(r, bad_card(r), "space")), c.it("Il numero di carta «x» scritto sul modulo non supera il controllo, è un errore di battitura.",
                                                        "The card number «x» written on the form fails validation (typo).")


# ----------------------------------------------------------------------------------------------
# Italian documents
# ----------------------------------------------------------------------------------------------
OCR = {"ocr": True}
PLAIN = {"ocr": False}


def company_it(r):
    return r.choice(IT_COMPANIES) + r.choice([" S.r.l.", " S.R.L.", " S.p.A.", " s.n.c.", " S.r.l.s."])


def org_domain(name):
    return slug(name.split(" S.")[0].split(" s.")[0])[:18] + r_tld(name)


def r_tld(name):
    return ".it" if len(name) % 3 else ".com"


def piva_pair(c, w=1.0):
    """Company VAT number; when on, a second Val for the 'codice fiscale' line (same number) is
    a judgement case: the company's numeric codice fiscale is the VAT number."""
    if c.on(w):
        v = gen_piva(c.rng)
        return Val("IT_VAT", v), Val("IT_VAT", v, judgement="company-cf")
    s = c.sub("IT_VAT")
    return s, Neg(s.text)


def t_visura(c):
    r, d = c.rng, Doc()
    name = company_it(r)
    cm = r.choice(COMUNI)
    piva, piva_cf = piva_pair(c)
    d.f("Camera di Commercio Industria Artigianato e Agricoltura di «city»\nVISURA ORDINARIA SOCIETA' DI CAPITALE\n"
        "Documento n. T «doc» estratto dal Registro Imprese in data «date»\n\n«name»\n\n"
        "DATI ANAGRAFICI\nIndirizzo Sede legale   «city» («prov») «street» CAP «cap»\n"
        "Indirizzo PEC   «pec»\nNumero REA   «rea»\n",
        city=cm[0], doc=str(r.randint(100000000, 999999999)), date=d_it(r), name=name.upper(), prov=cm[2],
        street=r.choice(VIE).upper() + " " + str(r.randint(1, 99)), cap=cm[3] + "%02d" % r.randint(21, 49),
        pec=c.email_local(slug(name)[:16] + r.choice(["", "srl", ".amministrazione"]), r.choice(IT_PEC)),
        rea=hn_rea(r, cm[2]))
    if r.random() < 0.55:
        d.f("Codice fiscale e n.iscr. al\nRegistro Imprese   «x»\n", x=piva_cf)
    d.f("Partita IVA   «piva»\nForma giuridica   societa' a responsabilita' limitata\n"
        "Data atto di costituzione   «d1»\nData iscrizione   «d2»\nCapitale sociale   Euro «cap» sottoscritto e versato\n"
        "Attività prevalente: «act»\nCodice ATECO   «ateco»\nAddetti al «d3»   «n»\n\n"
        "SOCI E TITOLARI DI DIRITTI SU AZIONI E QUOTE\n",
        piva=piva, d1=d_it(r, 2001, 2018), d2=d_it(r, 2001, 2018), cap=eur(r, 10000, 50000),
        act=r.choice(["installazione di impianti idraulici", "produzione di software non connesso all'edizione",
                      "commercio all'ingrosso di frutta e ortaggi", "trasporto di merci su strada"]),
        ateco=hn_ateco(r), d3=d_it(r), n=str(r.randint(2, 60)))
    for k in range(r.randint(1, 3)):
        p = it_person(r)
        d.f("«name»   Codice fiscale: «cf»\nTipo di diritto: proprieta'   quota di nominale: € «q»\n",
            name=p.last.upper() + " " + p.first.upper(), cf=c.cf(p, w=0.8), q=eur(r, 1000, 20000))
    p = it_person(r)
    d.f("\nAMMINISTRATORI\nAmministratore Unico   «name»\nNato a «born» («pr») il «dob»\nCodice fiscale   «cf»\n"
        "Domicilio   «city» («cpr») «street» CAP «cap»\nCarica: nominato con atto del «d» durata: fino alla revoca\n",
        name=p.last.upper() + " " + p.first.upper(), born=p.born_in.upper(), pr=p.prov, dob=p.dob, cf=c.cf(p),
        city=p.city.upper(), cpr=p.cprov, street=p.street.upper(), cap=p.cap, d=d_it(r))
    if r.random() < 0.4:
        d.f("\nUNITA' LOCALI\nMagazzino   «city» «street»   Immobile censito al «cat»\n",
            city=r.choice(COMUNI)[0], street=r.choice(VIE), cat=hn_catasto(r))
    return d, "visura", OCR


def t_locazione(c):
    r, d = c.rng, Doc()
    a, b = it_person(r), it_person(r)
    judge_page = r.random() < 0.25 and not c.neg
    d.f("CONTRATTO DI LOCAZIONE AD USO ABITATIVO\n(art. 2, comma 1, della Legge 9 dicembre 1998, n. 431)\n\n"
        "Il/La Sig./Sig.ra «a» nato/a a «ab» il «adob», codice fiscale «acf», residente in «acity», «astreet», "
        "di seguito denominato/a \"locatore\",\nCONCEDE IN LOCAZIONE\nal/alla Sig./Sig.ra «b» nato/a a «bb» il «bdob», "
        "codice fiscale «bcf», tel. «bph», e-mail «bem», di seguito denominato/a \"conduttore\", che accetta, "
        "l'unità immobiliare posta in «city», «street», piano «piano», interno «int», composta da n. «vani» vani, "
        "identificata al Catasto Fabbricati del Comune di «city» al «cat».\n\n",
        a=a.full, ab=a.born_in, adob=a.dob, acf=c.cf(a), acity=a.city, astreet=a.street,
        b=b.full, bb=b.born_in, bdob=b.dob, bcf=c.cf(b), bph=c.phone(w=0.8), bem=c.email(b, w=0.8),
        city=a.city, street=r.choice(VIE) + " " + str(r.randint(1, 150)), piano=str(r.randint(1, 6)), int=str(r.randint(1, 24)),
        vani=str(r.randint(2, 6)), cat=hn_catasto(r))
    d.f("Art. 1 – Durata. Il contratto è stipulato per la durata di anni 4 (quattro), dal «d1» al «d2», e alla prima scadenza "
        "si rinnova automaticamente per ulteriori 4 anni, salvo disdetta da comunicarsi con lettera raccomandata almeno 6 mesi prima.\n\n"
        "Art. 2 – Canone. Il canone annuo di locazione è convenuto in € «c1», da corrispondersi in 12 rate mensili anticipate di "
        "€ «c2» entro il giorno 5 di ciascun mese mediante bonifico bancario sul conto intestato al locatore, IBAN «iban».\n\n"
        "Art. 3 – Deposito cauzionale. A garanzia degli obblighi assunti il conduttore versa al locatore la somma di € «dep», "
        "pari a tre mensilità del canone, non imputabile in conto pigioni e produttiva di interessi legali.\n\n",
        d1=d_it(r), d2=d_it(r, 2027, 2030), c1=eur(r, 6000, 14000), c2=eur(r, 500, 1200), iban=c.iban(), dep=eur(r, 1500, 3600))
    if judge_page:
        ph = Val("PHONE", gen_phone(r, "itmob"), judgement="label-other-page")
        d.f("Art. 4 – Oneri accessori. Sono interamente a carico del conduttore le spese relative al servizio di pulizia, "
            "alla fornitura dell'acqua (PDR «pdr»), dell'energia elettrica (POD «pod»), allo spurgo dei pozzi neri.\n"
            "Per ogni comunicazione relativa agli impianti il conduttore potrà contattare l'amministratore al numero\x01«ph» "
            "nei giorni feriali.\n\n", pdr=hn_pdr(r), pod=hn_pod(r), ph=ph)
    else:
        d.f("Art. 4 – Oneri accessori. Sono interamente a carico del conduttore le spese relative al servizio di pulizia, "
            "alla fornitura dell'acqua (PDR «pdr»), dell'energia elettrica (POD «pod»), allo spurgo dei pozzi neri.\n\n",
            pdr=hn_pdr(r), pod=hn_pod(r))
    d.f("Art. 5 – Registrazione. Il contratto è registrato presso l'Agenzia delle Entrate, ufficio di «city», il «d» "
        "al n. «n» serie 3T, codice identificativo «cid».\n\nLetto, approvato e sottoscritto.\n«city», «d»\n"
        "Il locatore ____________________     Il conduttore ____________________\n",
        city=a.city, d=d_it(r), n=str(r.randint(1000, 99999)), cid="T" + rs(r, UP, 2) + str(r.randint(10, 25)) + "T" + rs(r, DIG, 6) + "000" + rs(r, UP, 2))
    return d, "locazione", dict(OCR, pages=True)


def t_cedolino(c):
    r, d = c.rng, Doc()
    p = it_person(r)
    comp = company_it(r)
    mese = r.choice(MESI).upper()
    lordo = r.randint(1800, 3600)
    d.f("LIBRO UNICO DEL LAVORO        CEDOLINO PAGA        Periodo di retribuzione: «mese» «y»\n"
        "Azienda: «comp»        C.F./P.IVA «piva»        Posizione INPS «inps»        PAT INAIL «inail»\n"
        "Dipendente: «last» «first»        Matricola «mat»        Codice fiscale «cf»\n"
        "Data di nascita «dob»    Data assunzione «da»    Qualifica IMPIEGATO    Livello «liv»    CCNL Commercio e Terziario\n\n"
        "Voce      Descrizione                          Ore/GG       Base          Competenze       Trattenute\n"
        "0001      Retribuzione ordinaria               «ore»       «base»       «lordo»\n"
        "0120      Straordinario 25%                    6,00         «st1»       «st2»\n"
        "Z00010    Contributo IVS                                                                   «ivs»\n"
        "F02000    IRPEF lorda                                                                      «irpef»\n"
        "F09110    Addizionale regionale                                                            «add»\n"
        "F03020    Detrazioni lavoro dipendente                               «detr»\n\n"
        "Imponibile previdenziale  «imp»     Imponibile fiscale  «impf»     TFR del mese  «tfr»\n"
        "NETTO DEL MESE        € «netto»\n",
        mese=mese, y=str(r.randint(2022, 2025)), comp=comp.upper(), piva=c.piva(), inps=hn_inps(r), inail=hn_inail(r),
        last=p.last.upper(), first=p.first.upper(), mat=hn_matricola(r), cf=c.cf(p), dob=p.dob, da=d_it(r, 2010, 2023),
        liv=r.choice(["2°", "3°", "4°", "Q"]), ore=r.choice(["168,00", "172,00", "160,00"]), base="%d,%05d" % (r.randint(10, 22), r.randint(0, 99999)),
        lordo=eur(r, 1800, 3600), st1="%d,%05d" % (r.randint(12, 28), r.randint(0, 99999)), st2=eur(r, 90, 250),
        ivs=eur(r, 160, 340), irpef=eur(r, 300, 900), add=eur(r, 20, 60), detr=eur(r, 50, 180),
        imp=eur(r, 1800, 3800), impf=eur(r, 1600, 3500), tfr=eur(r, 120, 260), netto=eur(r, 1300, 2600))
    d.f("Modalità di pagamento: bonifico su IBAN «iban»\n", iban=c.iban("IT"))
    if r.random() < 0.5:
        d.f("Comunicazioni: per assistenza sul cedolino scrivere a «em» o chiamare l'ufficio personale al «ph».\n",
            em=c.email(org=org_domain(comp)), ph=c.phone("itland"))
    return d, "cedolino", dict(OCR, table=True)


def boxed(s, r):
    sep = r.choice([" ", "  ", "|"])
    return sep.join(s) if sep != "|" else "|" + "|".join(s) + "|"


def t_f24(c):
    r, d = c.rng, Doc()
    p = it_person(r)
    if c.on() and r.random() < 0.35:
        v = gen_cf(r, p)
        cf = Val("IT_FISCAL_CODE", boxed(v, r), canon=v, judgement="spaced-chars")
    else:
        cf = c.cf(p, w=1.3)
    bank = r.choice(["INTESA SANPAOLO", "UNICREDIT", "BANCO BPM", "BPER BANCA", "CREDEM", "POSTE ITALIANE"])
    d.f("MODELLO DI PAGAMENTO UNIFICATO        F24\nDELEGA IRREVOCABILE A: «bank»   AGENZIA «city»   PROV. «pr»\n"
        "PER L'ACCREDITO ALLA TESORERIA COMPETENTE\n\nCONTRIBUENTE\nCODICE FISCALE   «cf»\n"
        "DATI ANAGRAFICI   cognome, denominazione o ragione sociale   «last»      nome   «first»\n"
        "data di nascita   «dd» «mm» «yy»    sesso   «sex»    comune (o Stato estero) di nascita   «born»    prov.   «bpr»\n"
        "DOMICILIO FISCALE   comune   «city»   prov.   «pr»   via e numero civico   «street»\n"
        "CODICE FISCALE del coobbligato, erede, genitore, tutore o curatore fallimentare               codice identificativo\n\n"
        "SEZIONE ERARIO\nIMPOSTE DIRETTE - IVA - RITENUTE ALLA FONTE - ALTRI TRIBUTI ED INTERESSI\n"
        "codice tributo   rateazione/regione/prov./mese rif.   anno di riferimento   importi a debito versati   importi a credito compensati\n"
        "«t1»             «rat»                                «anno»                «i1»\n"
        "«t2»             «rat2»                               «anno»                «i2»\n"
        "codice ufficio «uff»   codice atto «atto»        TOTALE   A «tot»        B 0,00      SALDO (A-B) «tot»\n\n"
        "SEZIONE IMU E ALTRI TRIBUTI LOCALI\ncodice ente/codice comune «ente»   «t3»   anno «anno»   «i3»\n\n"
        "ESTREMI DEL VERSAMENTO (DA COMPILARE A CURA DI BANCA/POSTE/AGENZIA DELLA RISCOSSIONE)\n"
        "DATA «data»    CODICE BANCA/POSTE/AGENZIA ABI «abi» CAB «cab»\nAddebito su c/c IBAN «iban»\n",
        bank=bank, city=p.city.upper(), pr=p.cprov, cf=cf, last=p.last.upper(), first=p.first.upper(),
        dd="%02d" % p.day, mm="%02d" % p.month, yy=str(p.year), sex=p.sex, born=p.born_in.upper(), bpr=p.prov,
        street=p.street.upper(), t1=r.choice(["4001", "4033", "1040", "1001", "6099"]), rat=r.choice(["0101", "0102", "    "]),
        anno=str(r.randint(2022, 2025)), i1=eur(r, 100, 5000), t2=r.choice(["4034", "1712", "1713", "3844"]), rat2=r.choice(["0101", "0102"]),
        i2=eur(r, 50, 900), uff=rs(r, UP + DIG, 3), atto=rs(r, DIG, 9), tot=eur(r, 200, 6000),
        ente=r.choice(COMUNI)[1], t3=r.choice(["3918", "3912", "3916"]), i3=eur(r, 80, 1500), data=d_it(r),
        abi=rs(r, DIG, 5), cab=rs(r, DIG, 5), iban=c.iban("IT", w=0.7))
    return d, "f24", dict(OCR, table=True)


def t_certificato(c):
    r, d = c.rng, Doc()
    p = it_person(r)
    doc = it_person(r)
    d.f("CERTIFICATO DI MALATTIA – copia per il lavoratore\nNumero di protocollo certificato: «prot»\n"
        "Data di rilascio: «d»\n\nDATI DEL LAVORATORE\nCognome «last»   Nome «first»   Codice fiscale «cf»\n"
        "Nato/a a «born» il «dob»\nResidenza: «street», «cap» «city» («pr»)\n"
        "Reperibilità durante la malattia (se diversa dalla residenza): «rep»\nRecapito telefonico «ph»\n\n"
        "DATI DEL MEDICO\nDott./Dott.ssa «dn»   codice regionale «codreg»   ASL/AUSL «asl»\n"
        "Tel. ambulatorio «ph2»   Email «em»\n\nDATI CLINICI\nDiagnosi: «diag»\nPrognosi: dal «d1» al «d2» compreso\n"
        "Tipo certificato: «tipo»   Visita: ambulatoriale\nNumero ricetta elettronica (NRE) «nre»\n"
        "Tessera sanitaria n. «ts»\n\nAvvertenze: la copia per il datore di lavoro non riporta la diagnosi. "
        "In caso di variazione dell'indirizzo di reperibilità il lavoratore deve darne tempestiva comunicazione all'INPS "
        "e al datore di lavoro. Fasce di reperibilità: 10-12 e 17-19.\n",
        prot=str(r.randint(100000000, 999999999)), d=d_it(r), last=p.last.upper(), first=p.first.upper(), cf=c.cf(p),
        born=p.born_in, dob=p.dob, street=p.street, cap=p.cap, city=p.city, pr=p.cprov,
        rep=r.choice(["—", "stessa della residenza", "presso " + r.choice(VIE) + " " + str(r.randint(1, 90)) + ", " + r.choice(COMUNI)[0]]),
        ph=c.phone("itmob"), dn=doc.full, codreg=str(r.randint(100000, 999999)), asl=r.choice(COMUNI)[0] + " " + str(r.randint(101, 130)),
        ph2=c.phone("itland", w=0.6), em=c.email(doc, w=0.6),
        diag=r.choice(["sindrome influenzale con febbre (ICD-9-CM 487.1)", "lombosciatalgia acuta (ICD-9-CM 724.3)",
                       "gastroenterite acuta", "[omessa nella copia per il datore di lavoro]"]),
        d1=d_it(r), d2=d_it(r), tipo=r.choice(["inizio", "continuazione", "ricaduta"]), nre=hn_nre(r), ts=hn_ts(r))
    return d, "certificato", OCR


def t_verbale(c):
    r, d = c.rng, Doc()
    cm = r.choice(COMUNI)
    street = r.choice(VIE) + " " + str(r.randint(1, 150))
    if c.on(0.6):
        v = gen_piva(r, first="9")
        ccf = Val("IT_VAT", v, judgement="condominio-cf")
    else:
        ccf = Neg("[omissis]")
    people = [it_person(r) for _ in range(r.randint(3, 6))]
    admin = it_person(r)
    d.f("CONDOMINIO «name» – «street» – «cap» «city»\nCodice fiscale condominio: «ccf»\n\n"
        "VERBALE DI ASSEMBLEA ORDINARIA\n\nIl giorno «d» alle ore 18:30, presso la sala riunioni di «street», si è riunita in "
        "seconda convocazione l'assemblea dei condòmini per discutere e deliberare sul seguente ordine del giorno:\n"
        "1) approvazione del rendiconto consuntivo dell'esercizio «y»;\n2) conferma dell'amministratore;\n"
        "3) preventivo per il rifacimento della facciata;\n4) varie ed eventuali.\n\nSono presenti, in proprio o per delega, i condòmini:\n",
        name='"' + r.choice(["Residenza Le Betulle", "Parco dei Tigli", "Palazzo Aurora", "Villa Serena", "Il Girasole"]) + '"',
        street=street, cap=cm[3] + "%02d" % r.randint(21, 49), city=cm[0], ccf=ccf, d=d_long_it(r), y=str(r.randint(2021, 2024)))
    for q in people:
        d.f("  «n»   scala «s» int. «i»   millesimi «m»\n", n=q.full, s=r.choice("ABC"), i=str(r.randint(1, 24)),
            m="%d,%02d" % (r.randint(20, 140), r.randint(0, 99)))
    d.f("per complessivi «mm» millesimi. Presiede l'assemblea il sig. «pres», funge da segretario l'amministratore «adm».\n\n"
        "Punto 1. Il rendiconto, con un totale di spese pari a € «tot», viene approvato all'unanimità.\n"
        "Punto 2. Viene confermato l'amministratore «adm» (studio in «astreet», «acity», tel. «aph», e-mail «aem», "
        "PEC «apec», codice fiscale «acf») per un compenso annuo di € «comp» oltre IVA.\n"
        "Punto 3. Si esamina il preventivo della ditta «ditta» (P.IVA «piva») per € «prev»; il condòmino «q» "
        "(scala B) chiede di essere ricontattato al «qph» per il sopralluogo nel suo appartamento (interno «qi»), "
        "dove lamenta infiltrazioni dal lastrico solare.\n"
        "Punto 4. Si ricorda che le quote condominiali vanno versate esclusivamente sul conto corrente del condominio, IBAN «iban», "
        "indicando nella causale scala e interno.\n\nNon essendovi altro da deliberare, la seduta è tolta alle ore 20:45.\n"
        "Il Presidente ______________   Il Segretario ______________\n",
        mm="%d,%02d" % (r.randint(520, 900), r.randint(0, 99)), pres=people[0].full, adm=admin.full, tot=eur(r, 15000, 60000),
        astreet=admin.street, acity=admin.city, aph=c.phone(w=0.8), aem=c.email(admin, w=0.6), apec=c.email(admin, pec=True, w=0.6),
        acf=c.cf(admin, w=0.6), comp=eur(r, 1500, 4000), ditta=company_it(r), piva=c.piva(w=0.7), prev=eur(r, 40000, 180000),
        q=people[-1].full, qph=c.phone("itmob", w=0.9), qi=str(r.randint(1, 24)), iban=c.iban("IT"))
    return d, "verbale", dict(OCR, pages=True)


DISCL_IT = ("Questo messaggio e gli eventuali allegati sono riservati e destinati esclusivamente al destinatario indicato. "
            "Se lo avete ricevuto per errore vi preghiamo di cancellarlo e di darne comunicazione al mittente.")
DISCL_EN = ("This e-mail and any attachments are confidential and may be privileged. If you are not the intended recipient, "
            "please notify the sender and delete it; any use, copying or disclosure is prohibited.")


def disclaimer(c):
    return Neg(c.it(DISCL_IT, DISCL_EN), judgement="disclaimer")


def t_diffida(c):
    r, d = c.rng, Doc()
    avv, cli, deb = it_person(r), it_person(r), it_person(r)
    mk = c.marker(["RISERVATO", "STRETTAMENTE RISERVATO"], w=0.5)
    if mk:
        d.f("«m»\n\n", m=mk)
    d.f("STUDIO LEGALE «last» & ASSOCIATI\nAvv. «avv»\n«street» – «cap» «city»\nTel. «ph» – PEC «pec»\nC.F. «cf» – P.IVA «piva»\n\n"
        "«city», «d»\n\nSpett.le\n«deb»\n«dstreet»\n«dcap» «dcity»\n\nA mezzo PEC: «dpec»\n\n"
        "Oggetto: diffida e messa in mora – contratto n. «cn» del «cd»\n\n"
        "Egregio Sig./Gentile Sig.ra «deblast»,\nscrivo in nome e per conto del/della mio/a assistito/a Sig./Sig.ra «cli» "
        "(C.F. «clicf»), che mi ha conferito apposito mandato, per rappresentarLe quanto segue.\n"
        "Con il contratto in oggetto Ella si impegnava a corrispondere al mio assistito l'importo complessivo di € «imp», "
        "come da fattura «inv», rimasta ad oggi insoluta nonostante i numerosi solleciti, anche telefonici al numero «dph».\n"
        "Tanto premesso, con la presente La invito e diffido formalmente a corrispondere, entro e non oltre 15 (quindici) giorni "
        "dal ricevimento della presente, la somma di € «imp» oltre interessi legali maturati dal «dd», mediante bonifico sul conto "
        "corrente intestato al mio assistito, IBAN «iban», indicando nella causale il riferimento «rif».\n"
        "In difetto, sarò costretto ad adire senza ulteriore avviso l'Autorità Giudiziaria competente (Tribunale di «city», già R.G. n. «rg») per "
        "il recupero del credito, con aggravio di spese a Suo carico. La presente vale quale atto interruttivo della prescrizione "
        "ai sensi dell'art. 2943 c.c.\n\nDistinti saluti.\nAvv. «avv»\n",
        last=avv.last.upper(), avv=avv.full, street=avv.street, cap=avv.cap, city=avv.city, ph=c.phone("itland", w=0.8),
        pec=c.email(avv, pec=True, w=0.8), cf=c.cf(avv, w=0.6), piva=c.piva(w=0.6), d=d_long_it(r), deb=deb.full,
        dstreet=deb.street, dcap=deb.cap, dcity=deb.city, dpec=c.email(deb, pec=True, w=0.7), cn=str(r.randint(100, 9999)) + "/" + str(r.randint(2019, 2024)),
        cd=d_it(r), deblast=deb.last, cli=cli.full, clicf=c.cf(cli, w=0.8), imp=eur(r, 1500, 40000), inv=hn_invoice(r),
        dph=c.phone("itmob", w=0.5), dd=d_it(r), iban=c.iban(), rif="PRAT-" + str(r.randint(1000, 9999)),
        rg="%d/%d" % (r.randint(100, 19999), r.randint(2018, 2024)))
    if r.random() < 0.25:
        d.f("\n--\n«x»\n", x=disclaimer(c))
    return d, "diffida", dict(OCR, pages=r.random() < 0.5)


def t_pec(c):
    r, d = c.rng, Doc()
    a, b = it_person(r), it_person(r)
    subj = r.choice(["Richiesta documentazione pratica n. %d" % r.randint(1000, 99999), "Invio fattura %s" % hn_invoice(r),
                     "Convocazione assemblea", "Integrazione istanza %s" % hn_prot(r), "Comunicazione di recesso"])
    when = "%s %s ore %02d:%02d:%02d" % (r.choice(["lun", "mar", "mer", "gio", "ven"]), d_it(r), r.randint(8, 19), r.randint(0, 59), r.randint(0, 59))
    sender = c.email(a, pec=True)
    d.f("Da: \"Per conto di: «s»\" <«sys»>\nA: «to»\nData: «w»\nOggetto: POSTA CERTIFICATA: «subj»\n\n"
        "Messaggio di posta certificata\nIl giorno «dd» alle ore «hh» (+0100) il messaggio \"«subj»\" è stato inviato da \"«s2»\"\n"
        "indirizzato a:\n«to2»\nIl messaggio originale è incluso in allegato.\nIdentificativo messaggio: «mid»\n\n",
        s=sender, sys=c.email_local("posta-certificata", "pec.certmail-demo.it"),
        to=c.email(b, pec=True), w=when, subj=subj, dd=d_it(r), hh="%02d:%02d:%02d" % (r.randint(8, 19), r.randint(0, 59), r.randint(0, 59)),
        s2=Val("EMAIL", sender.text) if isinstance(sender, Val) else Neg(sender.text),
        to2=c.email(b, pec=True, w=0.5),
        mid=(Val("EMAIL", "opec%d.%d.%d.%d.1.%d@pec.certmail-demo.it" % (r.randint(100000, 299999), r.randint(20190101000000, 20251231235959), r.randint(1000, 99999), r.randint(100, 999), r.randint(10, 99)), judgement="message-id")
             if c.on(0.7) else Neg("[id rimosso]")))
    d.f("Gentili,\ncon riferimento alla pratica in oggetto, si trasmette in allegato la documentazione richiesta. "
        "Si precisa che il richiedente, Sig./Sig.ra «n» (C.F. «cf»), è reperibile al numero «ph» per eventuali chiarimenti.\n"
        "Il pagamento dei diritti di segreteria pari a € «imp» è stato effettuato tramite avviso pagoPA n. «avv».\n\n"
        "Cordiali saluti\n«sig»\nUfficio Protocollo – «prot»\n",
        n=a.full, cf=c.cf(a), ph=c.phone(w=0.8), imp=eur(r, 10, 300), avv=hn_avviso(r), sig=b.full, prot=hn_prot(r))
    if r.random() < 0.25:
        d.f("\n«x»\n", x=disclaimer(c))
    return d, "pec", PLAIN


def t_fattura_xml(c):
    r, d = c.rng, Doc()
    pretty = r.random() < 0.6
    nl = "\n" if pretty else ""
    ind = (lambda k: "  " * k) if pretty else (lambda k: "")
    p = it_person(r)
    comp = company_it(r)
    pv = c.piva()
    if isinstance(pv, Val) and r.random() < 0.5:
        cf_ced = Val("IT_VAT", pv.text, judgement="company-cf")
    else:
        cf_ced = None
    iban = c.iban("IT", style="compact")
    lines = [
        (0, '<?xml version="1.0" encoding="UTF-8"?>'),
        (0, '<p:FatturaElettronica versione="FPR12" xmlns:p="http://ivaservizi.agenziaentrate.gov.it/docs/xsd/fatture/v1.2">'),
        (1, "<FatturaElettronicaHeader>"), (2, "<DatiTrasmissione>"),
        (3, "<IdTrasmittente><IdPaese>IT</IdPaese><IdCodice>«pv»</IdCodice></IdTrasmittente>"),
        (3, "<ProgressivoInvio>%s</ProgressivoInvio>" % rs(r, UP + DIG, 5)),
        (3, "<FormatoTrasmissione>FPR12</FormatoTrasmissione>"),
        (3, "<CodiceDestinatario>%s</CodiceDestinatario>" % hn_sdi(r)),
        (3, "<ContattiTrasmittente><Telefono>«tel»</Telefono><Email>«em»</Email></ContattiTrasmittente>"),
        (2, "</DatiTrasmissione>"), (2, "<CedentePrestatore>"), (3, "<DatiAnagrafici>"),
        (4, "<IdFiscaleIVA><IdPaese>IT</IdPaese><IdCodice>«pv2»</IdCodice></IdFiscaleIVA>"),
    ]
    if cf_ced:
        lines.append((4, "<CodiceFiscale>«cfced»</CodiceFiscale>"))
    lines += [
        (4, "<Anagrafica><Denominazione>%s</Denominazione></Anagrafica>" % comp.upper()),
        (4, "<RegimeFiscale>RF01</RegimeFiscale>"), (3, "</DatiAnagrafici>"),
        (3, "<Sede><Indirizzo>%s</Indirizzo><CAP>%s</CAP><Comune>%s</Comune><Provincia>%s</Provincia><Nazione>IT</Nazione></Sede>" % (
            r.choice(VIE), r.choice(COMUNI)[3] + "00", r.choice(COMUNI)[0], r.choice(COMUNI)[2])),
        (3, "<IscrizioneREA><Ufficio>%s</Ufficio><NumeroREA>%d</NumeroREA><StatoLiquidazione>LN</StatoLiquidazione></IscrizioneREA>" % (
            r.choice(COMUNI)[2], r.randint(100000, 999999))),
        (2, "</CedentePrestatore>"), (2, "<CessionarioCommittente>"), (3, "<DatiAnagrafici>"),
        (4, "<CodiceFiscale>«cf»</CodiceFiscale>"),
        (4, "<Anagrafica><Nome>%s</Nome><Cognome>%s</Cognome></Anagrafica>" % (p.first.upper(), p.last.upper())),
        (3, "</DatiAnagrafici>"), (2, "</CessionarioCommittente>"), (1, "</FatturaElettronicaHeader>"),
        (1, "<FatturaElettronicaBody>"), (2, "<DatiGenerali><DatiGeneraliDocumento>"),
        (3, "<TipoDocumento>TD01</TipoDocumento><Divisa>EUR</Divisa><Data>%d-%02d-%02d</Data><Numero>%s</Numero>" % (
            r.randint(2022, 2025), r.randint(1, 12), r.randint(1, 28), hn_invoice(r))),
        (3, "<ImportoTotaleDocumento>%d.%02d</ImportoTotaleDocumento>" % (r.randint(100, 9000), r.randint(0, 99))),
        (2, "</DatiGeneraliDocumento>"),
        (2, "<DatiOrdineAcquisto><IdDocumento>%d</IdDocumento><CodiceCUP>%s</CodiceCUP><CodiceCIG>%s</CodiceCIG></DatiOrdineAcquisto></DatiGenerali>" % (
            r.randint(100, 9999), rs(r, UP, 1) + rs(r, DIG, 2) + rs(r, UP, 1) + rs(r, DIG, 11), "Z" + rs(r, "0123456789ABCDEF", 9))),
        (2, "<DatiBeniServizi><DettaglioLinee><NumeroLinea>1</NumeroLinea><CodiceArticolo><CodiceTipo>EAN</CodiceTipo><CodiceValore>%s</CodiceValore></CodiceArticolo>" % ean13(r)),
        (3, "<Descrizione>Manuale tecnico ISBN %s</Descrizione><Quantita>%d.00</Quantita><PrezzoUnitario>%d.%02d</PrezzoUnitario><AliquotaIVA>4.00</AliquotaIVA></DettaglioLinee></DatiBeniServizi>" % (
            hn_isbn(r), r.randint(1, 40), r.randint(5, 90), r.randint(0, 99))),
        (2, "<DatiPagamento><CondizioniPagamento>TP02</CondizioniPagamento><DettaglioPagamento>"),
        (3, "<ModalitaPagamento>MP05</ModalitaPagamento><DataScadenzaPagamento>%d-%02d-%02d</DataScadenzaPagamento>" % (
            r.randint(2022, 2025), r.randint(1, 12), r.randint(1, 28))),
        (3, "<IstitutoFinanziario>BANCA %s</IstitutoFinanziario><IBAN>«iban»</IBAN>" % r.choice(["POPOLARE", "DEL TERRITORIO", "CENTRALE"])),
        (2, "</DettaglioPagamento></DatiPagamento>"), (1, "</FatturaElettronicaBody>"), (0, "</p:FatturaElettronica>"),
    ]
    tel = c.phone("itland", w=0.6)
    if isinstance(tel, Val):
        tel = Val("PHONE", re.sub(r"\D", "", tel.text) if not tel.text.startswith("+") else tel.text.replace(" ", ""))
    xml = nl.join(ind(k) + s for k, s in lines)
    d.add(c.it("Lo SDI mi scarta questa fattura con errore %s, cosa c'è che non va?\n\n" % r.choice(["00305", "00311", "00400", "00423"]), ""))
    d.f(xml, pv=pv, tel=tel, em=c.email(org=org_domain(comp), w=0.7), pv2=Val("IT_VAT", pv.text) if isinstance(pv, Val) else Neg(pv.text),
        cfced=cf_ced, cf=c.cf(p), iban=iban)
    return d, "fattura-xml", PLAIN


def t_cv(c):
    r, d = c.rng, Doc()
    p = it_person(r)
    d.f("Curriculum Vitae Europass\n\nINFORMAZIONI PERSONALI   «name»\n«street», «cap» «city» («pr») Italia\n"
        "«ph»    «ph2»\n«em»\n«li»\nSesso «sex» | Data di nascita «dob» | Nazionalità Italiana\n",
        name=p.full, street=p.street, cap=p.cap, city=p.city, pr=p.cprov, ph=c.phone("itmob"), ph2=c.phone("itland", w=0.4),
        em=c.email(p), li=Neg("linkedin.com/in/" + slug(p.first) + "-" + slug(p.last) + "-" + rs(r, "0123456789abcdef", 6)),
        sex=p.sex, dob=p.dob)
    if r.random() < 0.5:
        d.f("Codice fiscale «x»\n", x=c.cf(p))
    d.f("\nPOSIZIONE RICOPERTA   «role»\n\nESPERIENZA PROFESSIONALE\n",
        role=r.choice(["Impiegata amministrativa", "Sviluppatore software", "Tecnico manutentore", "Addetto contabilità"]))
    for k in range(r.randint(2, 3)):
        y = r.randint(2008, 2022)
        d.f("«a» – «b»   «role» presso «comp», «city»\n▪ gestione «task»; ▪ rapporti con clienti e fornitori; ▪ reportistica mensile "
            "(budget annuo gestito € «bud»)\nAttività o settore «sett»\n\n",
            a="%02d/%d" % (r.randint(1, 12), y), b=r.choice(["ad oggi", "%02d/%d" % (r.randint(1, 12), y + r.randint(1, 3))]),
            role=r.choice(["Impiegato/a", "Consulente", "Responsabile di area", "Stagista"]), comp=company_it(r), city=r.choice(COMUNI)[0],
            task=r.choice(["della prima nota e riconciliazioni bancarie", "dei ticket di assistenza", "del magazzino ricambi", "delle buste paga"]),
            bud=eur(r, 20000, 500000), sett=r.choice(["Servizi", "Manifattura", "Commercio", "Pubblica amministrazione"]))
    d.f("ISTRUZIONE E FORMAZIONE\n«y»   Laurea magistrale in «corso» – Università degli Studi di «city» (voto «voto»)\n\n"
        "COMPETENZE PERSONALI\nLingua madre italiano. Altre lingue: inglese B2 (IELTS 6.5), francese A2.\n"
        "Competenze digitali: pacchetto Office, SAP, gestionali Zucchetti e TeamSystem.\nPatente di guida B\n"
        "Pubblicazioni: «pub»\n\n"
        "Autorizzo il trattamento dei miei dati personali presenti nel CV ai sensi del D.Lgs. 196/2003 e del Regolamento UE 2016/679 (GDPR).\n",
        y=str(r.randint(2005, 2020)), corso=r.choice(["Economia aziendale", "Ingegneria informatica", "Giurisprudenza", "Scienze politiche"]),
        city=r.choice(COMUNI)[0], voto=r.choice(["110/110", "108/110", "110 e lode", "102/110"]),
        pub=r.choice(["nessuna", "\"Guida pratica alla contabilità\", ed. %s, ISBN %s" % (r.choice(["Maggioli", "Il Sole"]), hn_isbn(r))]))
    return d, "cv", dict(OCR, wrap_p=0.5)


def t_autocert(c):
    r, d = c.rng, Doc()
    p = it_person(r)
    d.f("DICHIARAZIONE SOSTITUTIVA DI CERTIFICAZIONE\n(art. 46 D.P.R. 28 dicembre 2000, n. 445)\n\n"
        "Il/La sottoscritto/a «name» nato/a a «born» («bpr») il «dob», codice fiscale «cf», residente a «city» («pr») in «street», "
        "tel. «ph», e-mail «em»,\nconsapevole delle sanzioni penali, nel caso di dichiarazioni non veritiere, di formazione o uso di atti falsi, "
        "richiamate dall'art. 76 del D.P.R. 445 del 28 dicembre 2000,\n\nDICHIARA\n\n"
        "[X] di essere nato/a a «born» il «dob»;\n[X] di essere residente a «city», «street»;\n"
        "[X] che il proprio nucleo familiare è composto da n. «nf» persone;\n"
        "[X] che l'ISEE ordinario in corso di validità è pari a € «isee» (protocollo INPS-ISEE-«y»-«pr9»-00);\n"
        "[ ] di essere iscritto/a nell'albo/elenco «albo»;\n[X] di avere il seguente conto corrente per l'accredito del contributo: IBAN «iban».\n\n"
        "Il/La sottoscritto/a dichiara di essere informato/a, ai sensi del Regolamento UE 2016/679, che i dati personali raccolti saranno "
        "trattati esclusivamente nell'ambito del procedimento per il quale la presente dichiarazione viene resa.\n\n"
        "«city», lì «d»                         Il/La dichiarante ______________________\n\n",
        name=p.full, born=p.born_in, bpr=p.prov, dob=p.dob, cf=c.cf(p), city=p.city, pr=p.cprov, street=p.street,
        ph=c.phone(), em=c.email(p), nf=str(r.randint(1, 5)), isee=eur(r, 3000, 40000), y=str(r.randint(2022, 2025)),
        pr9=str(r.randint(100000000, 999999999)), albo="__________", iban=c.iban("IT", w=0.8), d=d_it(r))
    if r.random() < 0.5:
        d.f("«x»   Pratica n. «n»   Ricevuta il «d»   Firma dell'operatore ________\n",
            x=Neg("SPAZIO RISERVATO ALL'UFFICIO", allow={"marker"}, judgement="form-field-riservato"), n=str(r.randint(100, 9999)), d=d_it(r))
    return d, "autocertificazione", OCR


def ts(r, base):
    return "%02d:%02d:%02d" % (base // 3600, (base // 60) % 60, base % 60)


def t_trascrizione(c):
    r, d = c.rng, Doc()
    ppl = [it_person(r) for _ in range(3)]
    names = [q.first for q in ppl]
    t = r.randint(3, 40)
    topic = r.choice(["Avanzamento progetto gestionale", "Chiusura bilancio", "Onboarding nuovo cliente", "Sinistro auto aziendale", "Rinnovo contratti fornitori"])
    d.f("Trascrizione automatica – Riunione \"«topic»\" – «d»\nPartecipanti: «parts»\n\n",
        topic=topic, d=d_it(r), parts=", ".join(q.full for q in ppl))
    lines = []
    filler = ["buongiorno a tutti, se ci siamo iniziamo", "sì ci sono, mi sentite? ho un po' di eco", "allora il primo punto è lo stato dei lavori",
              "siamo in ritardo di circa due settimane sul cronoprogramma", "ok, mettiamolo a verbale", "perfetto, poi lo giro a tutti via mail",
              "il preventivo era di dodicimila euro più IVA, confermato", "la prossima riunione la facciamo giovedì alle quindici",
              "scusate mi è caduta la linea un attimo", "per me va bene così"]
    mob = rng_mob = gen_phone(r, "itmob")
    opts = ["phone", "phone_groups", "spoken", "email", "iban", "password", "cf", "mixed", "digits_spaced", "ip"]
    r.shuffle(opts)
    for o in opts[: r.randint(3, 6)]:
        who = r.choice(names)
        if o == "phone":
            lines.append(("«%s»: il mio cellulare è «v», chiamatemi pure lì" % who, c.phone("itmob")))
        elif o == "phone_groups":
            lines.append(("«%s»: allora il numero dell'idraulico è «v», ditegli che vi mando io" % who, c.phone("itgroups")))
        elif o == "spoken":
            dg = re.sub(r"\D", "", gen_phone(r, "itmob"))
            lines.append(("«%s»: segnatevi il fisso della signora, è «v»" % who, Neg(spoken_it(dg))))
        elif o == "email":
            lines.append(("«%s»: ok, mandami tutto a «v» così lo inoltro" % who, c.email(r.choice(ppl))))
        elif o == "iban":
            lines.append(("«%s»: per il bonifico dell'anticipo usate l'IBAN «v», intestato alla società" % who, c.iban()))
        elif o == "password":
            lines.append(("«%s»: la password del wifi ospiti è «v» tutto attaccato" % who, c.password()))
        elif o == "cf":
            lines.append(("«%s»: il codice fiscale del cliente te lo leggo: «v»" % who, c.cf()))
        elif o == "mixed":
            dg = re.sub(r"\D", "", gen_phone(r, "itmob"))
            lines.append(("«%s»: il cellulare è «v», no aspetta ricontrollo" % who,
                          Neg(spoken_it(dg[:3]) + " " + dg[3:5] + " " + dg[5:7] + " " + dg[7:], allow={"phone"}, judgement="mixed-spoken-digits")))
        elif o == "digits_spaced":
            if c.on():
                dg = re.sub(r"\D", "", gen_phone(r, "itmob"))
                v = Val("PHONE", " ".join(dg), canon=dg, judgement="single-spaced-digits")
            else:
                v = Neg("quattro cinque due uno")
            lines.append(("«%s»: ripeto lentamente il numero: «v»" % who, v))
        elif o == "ip":
            lines.append(("«%s»: il server in sala CED risponde all'indirizzo «v», provate a pingarlo" % who, c.ip(private=True)))
    body = []
    for k in range(r.randint(7, 12)):
        body.append(("«%s»: %s" % (r.choice(names), r.choice(filler)), None))
    for ln in lines:
        body.insert(r.randint(1, len(body)), ln)
    for txt, v in body:
        t += r.randint(8, 140)
        who = re.match(r"«(\w+)»", txt).group(1)
        txt = txt.replace("«%s»" % who, who, 1)
        d.f("[" + ts(r, t) + "] " + txt + "\n", v=v)
    return d, "trascrizione", PLAIN


def t_voicemail(c):
    r, d = c.rng, Doc()
    p = it_person(r)
    from_ph = c.phone("itmob", w=0.8)
    d.f("Messaggio vocale da «from» – «d» ore «h» – durata 0:«s»\nTrascrizione automatica (affidabilità media):\n\"",
        **{"from": from_ph if not isinstance(from_ph, Neg) else Neg(r.choice(["numero privato", "sconosciuto"])), "d": d_it(r),
           "h": "%02d:%02d" % (r.randint(8, 19), r.randint(0, 59)), "s": str(r.randint(20, 59))})
    d.f("salve buongiorno sono «n» dello studio «st» la chiamo per la pratica numero «pr» quella della successione, ",
        n=p.full, st=r.choice(IT_L), pr=str(r.randint(100, 9999)))
    k = r.choice(["digits", "groups", "spoken", "spelled_email", "email"])
    if k == "digits":
        d.f("mi può richiamare al «v» oppure in ufficio, ", v=c.phone())
    elif k == "groups":
        d.f("mi può richiamare al «v» oppure in ufficio, ", v=c.phone("itgroups"))
    elif k == "spoken":
        d.f("mi può richiamare al «v» oppure in ufficio, ", v=Neg(spoken_it(re.sub(r"\D", "", gen_phone(r, "itmob")))))
    elif k == "spelled_email":
        d.f("mi può mandare i documenti a «v» ", v=Neg("%s punto %s chiocciola %s punto it" % (slug(p.first), slug(p.last), r.choice(["libero", "tiscali", "alice"])), judgement="spelled-email"))
    else:
        d.f("mi può mandare i documenti a «v» ", v=c.email(p))
    d.f("ci servirebbe anche una copia del documento e il codice fiscale del de cuius «cf» ehm se ce l'ha, "
        "poi per il pagamento dell'imposta le mando il modello F24 con il codice tributo 1552, va bene, grazie, buona giornata\"\n",
        cf=c.cf(w=0.7))
    d.add(c.it("\nPuoi riassumermi il messaggio e preparare una mail di risposta?", "\nSummarize this voicemail for me."))
    return d, "voicemail", PLAIN


def t_whatsapp(c):
    r, d = c.rng, Doc()
    a, b = it_person(r), it_person(r)
    teams = r.random() < 0.35
    day = "%02d/%02d/%02d" % (r.randint(1, 28), r.randint(1, 12), r.randint(22, 25))
    h, m = r.randint(8, 18), r.randint(0, 50)
    msgs = [(a, "buongiorno! ti giro i dati per la fattura"), (b, "ok perfetto")]
    pool = [
        (a, "intestata a «v»", Neg(a.full + " – " + a.street + ", " + a.city)),
        (a, "codice fiscale «v»", c.cf(a)),
        (a, "IBAN «v»", c.iban()),
        (b, "mi mandi anche la tua mail che ti giro il PDF?", None),
        (a, "«v»", c.email(a)),
        (a, "<Media omessi>", None),
        (b, "ti chiamo al «v» tra 5 min", c.phone()),
        (a, "sì oppure al fisso «v»", c.phone("itland", w=0.6)),
        (b, "la carta aziendale per l'acconto è «v» scad 0%d/2%d, il CVV te lo dico a voce" % (r.randint(1, 9), r.randint(6, 9)), c.card()),
        (a, "P.IVA dello studio «v»", c.piva(w=0.7)),
        (b, "ricevuto 👍 la pratica è la n. «v»", Neg(str(r.randint(1000, 99999)) + "/" + str(r.randint(2022, 2025)))),
        (a, "il codice per il portale è «v» (scade tra 10 minuti)", Neg(rs(r, DIG, 6))),
        (b, "la password del portale fornitori è «v» ma cambiala", c.password(w=0.6)),
    ]
    r.shuffle(pool)
    msgs += [(w, t, v) for w, t, v in pool[: r.randint(5, 9)]]
    msgs.append((b, "grazie mille, buona giornata"))
    for item in msgs:
        w, t = item[0], item[1]
        v = item[2] if len(item) > 2 else None
        m += r.randint(0, 7)
        if m > 59:
            h, m = h + 1, m - 60
        if teams:
            d.f("[%s %02d:%02d] %s, %s\n%s\n" % (day[:6] + "20" + day[6:], h, m, w.last, w.first, t), v=v)
        else:
            d.f("%s, %02d:%02d - %s: %s\n" % (day, h, m, w.full, t), v=v)
    return d, "chat-export", PLAIN


def t_ticket_it(c):
    r, d = c.rng, Doc()
    p = it_person(r)
    d.f("Ticket #INC«n» – Priorità: «pri» – Apertura: «d» «h»\nRichiedente: «name» («em») – interno «int» – cell. «ph»\n"
        "Categoria: Applicativi > Gestionale > Connessione DB\n\nDescrizione:\n"
        "buongiorno, da stamattina il gestionale non si collega e il job notturno di backup è fallito. "
        "Vi incollo quello che ho trovato sul server «host»:\n\n",
        n="%07d" % r.randint(1, 9999999), pri=r.choice(["Alta", "Media", "Critica"]), d=d_it(r), h="%02d:%02d" % (r.randint(7, 18), r.randint(0, 59)),
        name=p.full, em=c.email(p, org=r.choice(["azienda.it", "gruppo-lario.it", "tecnoservizi.it"])), int=str(r.randint(1000, 9999)),
        ph=c.phone("itmob", w=0.6), host=r.choice(["srv-erp01", "app-gest02", "vm-backup"]))
    secrets = ["CREDENTIAL_URL", "AWS_ACCESS_KEY", "GITHUB_TOKEN", "GITLAB_TOKEN", "SLACK_WEBHOOK", "SLACK_TOKEN", "GOOGLE_API_KEY", "OPENAI_KEY", "STRIPE_KEY"]
    r.shuffle(secrets)
    d.add("---- .env ----\n")
    for s in secrets[: r.randint(2, 4)]:
        if s == "AWS_ACCESS_KEY":
            d.f("AWS_ACCESS_KEY_ID=«a»\nAWS_SECRET_ACCESS_KEY=«b»\n", a=c.secret("AWS_ACCESS_KEY"), b=c.secret("AWS_SECRET_KEY"))
        else:
            var = {"CREDENTIAL_URL": "DATABASE_URL", "GITHUB_TOKEN": "GH_TOKEN", "GITLAB_TOKEN": "GITLAB_PAT", "SLACK_WEBHOOK": "ALERT_WEBHOOK",
                   "SLACK_TOKEN": "SLACK_BOT_TOKEN", "GOOGLE_API_KEY": "MAPS_API_KEY", "OPENAI_KEY": "OPENAI_API_KEY", "STRIPE_KEY": "STRIPE_SECRET"}[s]
            d.f("%s=«v»\n" % var, v=c.secret(s))
    d.add("--------------\n\nLog:\n")
    for k in range(r.randint(2, 4)):
        kind = r.choice(["ssh", "pool", "nginx"])
        tstamp = "%d-%02d-%02d %02d:%02d:%02d" % (r.randint(2023, 2025), r.randint(1, 12), r.randint(1, 28), r.randint(0, 23), r.randint(0, 59), r.randint(0, 59))
        if kind == "ssh":
            d.f("%s sshd[%d]: Failed password for invalid user admin from «ip» port %d ssh2\n" % (tstamp, r.randint(1000, 30000), r.randint(30000, 65000)), ip=c.ip(private=False))
        elif kind == "pool":
            d.f("%s ERROR [pool-%d-thread-%d] Connection to «ip»:5432 refused. Check that the hostname and port are correct\n" % (tstamp, r.randint(1, 9), r.randint(1, 9)), ip=c.ip(private=True))
        else:
            d.f("«ip» - - [%s] \"POST /api/v1/login HTTP/1.1\" 401 %d \"-\" \"Mozilla/5.0\"\n" % (tstamp, r.randint(100, 900)), ip=c.ip())
    d.f("\nHo provato ad accedere alla VPN con utente «u» e password: «pw» ma mi dà credenziali errate. "
        "Il numero di serie del portatile è «sn», IMEI della SIM aziendale «imei».\nPotete verificare con urgenza? Grazie\n",
        u=slug(p.first)[0] + slug(p.last), pw=c.password(w=0.8), sn=rs(r, UP + DIG, 10), imei=hn_imei(r))
    return d, "ticket", PLAIN


# ----------------------------------------------------------------------------------------------
# English documents
# ----------------------------------------------------------------------------------------------
def us_addr(r, p):
    city, st, z = r.choice(US_CITIES)
    return "%s, %s, %s %s%02d" % (p.street, city, st, z, r.randint(1, 99))


def uk_addr(r, p):
    city, pc = r.choice(UK_CITIES)
    return "%s, %s %s %d%s" % (p.street, city, pc, r.randint(1, 9), rs(r, "ABDEFGHJLNPQRSTUWXYZ", 2))


def t_hr_letter(c):
    r, d = c.rng, Doc()
    p, hr = en_person(r), en_person(r)
    comp = r.choice(EN_COMPANIES)
    mk = c.marker(["PRIVATE & CONFIDENTIAL", "CONFIDENTIAL", "Private and Confidential"], w=0.6)
    if mk:
        d.f("«m»\n\n", m=mk)
    d.f("«comp» — Human Resources\n«d»\n\n«name»\n«addr»\n\nRe: Offer of employment — «role»\n\nDear «first»,\n\n"
        "We are delighted to confirm our offer of employment as «role», reporting to «mgr», starting on «start». "
        "Your employee ID will be E«eid» and your annual base salary will be $«sal», paid bi-weekly, with eligibility for the "
        "annual bonus plan (target «bonus»% of base).\n\n"
        "For payroll and benefits enrollment we have recorded your Social Security Number as «ssn». Direct deposit will be made "
        "to routing number «aba», account ending in «last4», as per the form you returned on «d2».\n\n"
        "Your temporary password for the HR self-service portal is «pw» — you will be asked to change it at first login. "
        "Please do not forward this letter.\n\n"
        "If you have any questions, please contact «hr» at «ph» or «em». We look forward to welcoming you.\n\nSincerely,\n\n«hr»\nHR Business Partner\n",
        comp=comp, d=d_en(r), name=p.full, addr=us_addr(r, p), role=r.choice(["Senior Accountant", "Data Analyst", "Office Manager", "Field Engineer"]),
        first=p.first, mgr=en_person(r).full, start=d_en(r), eid=str(r.randint(100000, 999999)), sal="{:,}".format(r.randint(48, 140) * 1000),
        bonus=str(r.choice([5, 8, 10, 12])), ssn=c.ssn(), aba=hn_aba(r), last4=rs(r, DIG, 4), d2=d_en(r), pw=c.password(w=0.7),
        hr=hr.full, ph=c.phone("us"), em=c.email(hr, org=slug(comp)[:14] + ".com"))
    return d, "hr-letter", dict(OCR, wrap_p=0.5)


def t_referral(c):
    r, d = c.rng, Doc()
    p, gp, sp = en_person(r), en_person(r), en_person(r)
    uk = r.random() < 0.6
    if uk:
        idline = ("NHS No. «id»", Neg(hn_nhs(r), allow={"phone"}, judgement="nhs-number-phone-shaped") if r.random() < 0.5 else Neg("MRN " + hn_mrn(r)))
    else:
        idline = ("MRN «id»", Neg(hn_mrn(r)))
    d.f("REFERRAL LETTER — «clinic»\nDate: «d»\n\nTo: Dr «sp», Department of «dept», «hosp»\n\n"
        "Re: «name»   DOB «dob»   " + idline[0] + "\nAddress: «addr»\nTel: «ph»   Email: «em»\n\n"
        "Dear Dr «splast»,\n\nI would be grateful if you could see this «age»-year-old «sexw», who presents with «pres». "
        "Relevant history: «hist». On examination BP «bp», pulse «pulse» irregular. ECG on «d2» showed «ecg». "
        "HbA1c «hba» mmol/mol, eGFR «egfr».\n\nCurrent medication: «meds».\nAllergies: «allerg».\n\n"
        "The patient prefers to be contacted by mobile («ph2») after 5pm. Next of kin: «nok» («nokph»).\n\n"
        "Kind regards,\n\nDr «gp»\nGMC «gmc» — «clinic»\n",
        clinic=r.choice(["Riverside Surgery", "Oakridge Medical Group", "Hillview Family Practice", "Northwind Health Clinic"]),
        d=d_en(r), sp=sp.full, dept=r.choice(["Cardiology", "Gastroenterology", "Rheumatology", "Neurology"]),
        hosp=r.choice(["St Mary's Hospital", "General Infirmary", "University Hospital"]), name=p.full, dob=p.dob, id=idline[1],
        addr=uk_addr(r, p) if uk else us_addr(r, p), ph=c.phone("uk" if uk else "us"), em=c.email(p), splast=sp.last,
        age=str(r.randint(25, 85)), sexw="woman" if p.sex == "F" else "man",
        pres=r.choice(["palpitations and exertional breathlessness", "recurrent abdominal pain", "bilateral hand joint stiffness", "episodic headaches with aura"]),
        hist=r.choice(["type 2 diabetes (ICD-10 E11.9), hypertension", "previous cholecystectomy 2015", "asthma since childhood", "none of note"]),
        bp="%d/%d" % (r.randint(110, 170), r.randint(65, 100)), pulse=str(r.randint(60, 120)), d2=d_en(r),
        ecg=r.choice(["atrial fibrillation (I48.0)", "sinus rhythm", "left bundle branch block"]), hba=str(r.randint(38, 80)), egfr=str(r.randint(40, 90)),
        meds=r.choice(["metformin 500 mg BD, ramipril 5 mg OD", "omeprazole 20 mg OD", "salbutamol PRN", "atorvastatin 20 mg ON"]),
        allerg=r.choice(["penicillin (rash)", "NKDA", "latex"]), ph2=c.phone("uk" if uk else "us", w=0.6), nok=en_person(r).full,
        nokph=c.phone("uk" if uk else "us", w=0.5), gp=gp.full, gmc=str(r.randint(3000000, 7999999)))
    return d, "referral", OCR


def t_claim(c):
    r, d = c.rng, Doc()
    p, tp = en_person(r), en_person(r)
    us = r.random() < 0.5
    d.f("CLAIM NOTIFICATION FORM — «ins»\nPolicy number: «pol»      Claim reference: «clm»\n\n"
        "SECTION 1 — POLICYHOLDER\nFull name: «name»      Date of birth: «dob»\n" + ("SSN: «ssn»\n" if us else "") +
        "Address: «addr»\nDaytime phone: «ph»      Email: «em»\n\n"
        "SECTION 2 — INCIDENT\nDate of loss: «dl»      Time: «tm»      Location: «loc»\n"
        "Vehicle: «veh»      VIN «vin»      Registration «reg»\n"
        "Description: while stationary at the junction my vehicle was struck from behind by a «tpcar». The third party driver, «tp», "
        "admitted liability at the scene and gave the phone number «tpph». Police reference «police». Damage to rear bumper and tailgate, "
        "estimate «cur»«est» from «garage».\n\nSECTION 3 — PAYMENT OF SETTLEMENT\nAccount holder: «name»\n",
        ins=r.choice(["Bluefield Insurance", "Harbor Mutual", "Granite Assurance"]), pol=hn_policy(r), clm=hn_claim(r), name=p.full, dob=p.dob,
        ssn=c.ssn(w=0.9), addr=us_addr(r, p) if us else uk_addr(r, p), ph=c.phone("us" if us else "uk"), em=c.email(p),
        dl=d_en(r), tm="%02d:%02d" % (r.randint(6, 22), r.randint(0, 59)), loc=r.choice(["junction of Elm Drive and High Street", "Tesco car park, Station Road", "I-94 exit 12"]),
        veh=r.choice(["2019 Ford Focus", "2021 Toyota RAV4", "2017 VW Golf", "2020 Honda Civic"]), vin=hn_vin(r),
        reg=hn_targa(r) if not us else rs(r, UP, 3) + "-" + rs(r, DIG, 4),
        tpcar=r.choice(["white van", "grey SUV", "delivery truck"]), tp=tp.full, tpph=c.phone("us" if us else "uk", w=0.8),
        police=("CAD%d/%d" % (r.randint(1000, 9999), r.randint(1, 31))), cur="$" if us else "£", est=usd(r, 800, 6000),
        garage=r.choice(["Smith & Sons Motors", "QuickFix Autobody"]))
    if us:
        d.f("Routing number «aba»   Account number «acct»\nOr refund the excess to card «card»\n", aba=hn_aba(r), acct=rs(r, DIG, 10), card=c.card())
    else:
        d.f("Sort code «sc»   Account «acct»   IBAN «iban»\n", sc=hn_sortcode(r), acct=rs(r, DIG, 8), iban=c.iban("GB"))
    d.f("\nDECLARATION\nI declare that the information given is true and complete. Signed: ____________  Date: «ds»\n", ds=d_en(r))
    return d, "insurance-claim", OCR


def t_tenancy(c):
    r, d = c.rng, Doc()
    ll, t1, t2 = en_person(r), en_person(r), en_person(r)
    city, pc = r.choice(UK_CITIES)
    d.f("ASSURED SHORTHOLD TENANCY AGREEMENT\n(Housing Act 1988, Part I, as amended)\n\n"
        "This agreement is made on «d» between the Landlord «ll» of «lladdr» (telephone «llph», email «llem») and the Tenant(s) "
        "«t1» and «t2» (together \"the Tenant\").\n\n1. PROPERTY: Flat «flat», «street», «city» «pc» «pc2», together with the fixtures, "
        "fittings and furniture listed in the inventory.\n2. TERM: 12 months commencing on «start».\n"
        "3. RENT: £«rent» per calendar month, payable in advance on the 1st of each month by standing order to: «pay».\n"
        "4. DEPOSIT: £«dep», protected with the Deposit Protection Service, certificate no. DPS-«dps», within 30 days of receipt.\n"
        "5. UTILITIES: the Tenant shall pay for gas, electricity (MPAN «mpan»), water, council tax (band «band») and TV licence.\n"
        "6. The Tenant shall not sublet, keep pets without written consent, or cause nuisance to neighbours.\n"
        "7. NOTICES: the Tenant's contact details for notices are «t1ph» and «t1em».\n\n"
        "Signed by the Landlord ____________   Signed by the Tenant(s) ____________ ____________\n",
        d=d_en(r), ll=ll.full, lladdr=uk_addr(r, ll), llph=c.phone("uk", w=0.8), llem=c.email(ll, w=0.8), t1=t1.full, t2=t2.full,
        flat=str(r.randint(1, 30)), street=r.choice(EN_STREETS), city=city, pc=pc, pc2=str(r.randint(1, 9)) + rs(r, "ABDEFGHJLNPQRSTUWXYZ", 2),
        start=d_en(r), rent="{:,}".format(r.randint(650, 2400)),
        pay=(c.iban("GB") if r.random() < 0.5 else Neg("sort code %s, account %s" % (hn_sortcode(r), rs(r, DIG, 8)))),
        dep="{:,}".format(r.randint(700, 2800)), dps=str(r.randint(10000000, 99999999)), mpan=rs(r, DIG, 13), band=r.choice("ABCDE"),
        t1ph=c.phone("uk"), t1em=c.email(t1))
    return d, "tenancy", dict(OCR, pages=r.random() < 0.5)


def t_invoice_en(c):
    r, d = c.rng, Doc()
    comp = r.choice(EN_COMPANIES)
    it_client = r.random() < 0.5
    d.f("INVOICE\nInvoice No. INV-«y»-«n»      Date: «d»      Due: «due»\nPO number: «po»\n\n"
        "From: «comp» Ltd, «addr»\nVAT Reg. No. «ukvat»      Company No. «cno»\n\nBill to: «client»\nCustomer VAT ID: «cvat»\n\n"
        "Description                                   Qty      Unit price        Amount\n"
        "«item1»                     «q1»       £«u1»        £«a1»\n"
        "«item2»                     «q2»       £«u2»        £«a2»\n\n"
        "Subtotal £«sub»      VAT 20% £«vat»      TOTAL DUE £«tot»\n\n"
        "Payment by bank transfer within 30 days to «bank», IBAN «iban», BIC «bic», quoting the invoice number.\n"
        "Questions about this invoice: «em» or «ph».\n",
        y=str(r.randint(2022, 2025)), n="%05d" % r.randint(1, 99999), d=d_en(r), due=d_en(r), po="PO-" + str(r.randint(10000, 99999)),
        comp=comp, addr=uk_addr(r, en_person(r)), ukvat=hn_ukvat(r), cno=str(r.randint(1000000, 9999999)).rjust(8, "0"),
        client=(company_it(r) + ", " + r.choice(VIE) + " " + str(r.randint(1, 99)) + ", " + r.choice(COMUNI)[0] + ", Italy") if it_client else (r.choice(EN_COMPANIES) + " Inc."),
        cvat=_vat_line(c) if it_client else "n/a",
        item1=r.choice(["Consulting services — March", "Annual software licence", "Freight charges", "Equipment rental"]).ljust(24),
        q1=str(r.randint(1, 40)), u1=usd(r, 20, 900), a1=usd(r, 200, 9000),
        item2=r.choice(["Travel expenses", "Support hours", "Setup fee", "Training day"]).ljust(24), q2=str(r.randint(1, 10)), u2=usd(r, 20, 500), a2=usd(r, 100, 3000),
        sub=usd(r, 500, 12000), vat=usd(r, 100, 2400), tot=usd(r, 600, 14000), bank=r.choice(["NatWest", "Barclays", "HSBC UK"]),
        iban=c.iban("GB"), bic=r.choice(["NWBKGB2L", "BARCGB22", "HBUKGB4B"]), em=c.email_local(r.choice(["accounts", "billing", "ar"]), slug(comp)[:14] + ".co.uk"), ph=c.phone("uk"))
    return d, "invoice", OCR


def _vat_line(c):
    v = c.piva(prefix=c.rng.random() < 0.6)
    return v if isinstance(v, Val) else Neg("pending")


def t_bank_letter(c):
    r, d = c.rng, Doc()
    p = en_person(r)
    bank = r.choice(["Granite Federal Bank", "Harbor Savings", "Lakeside Credit Union"])
    mk = c.marker(["CONFIDENTIAL", "STRICTLY CONFIDENTIAL"], w=0.4)
    if mk:
        d.f("«m»\n", m=mk)
    d.f("«bank»\nFraud Prevention Team\n«d»\n\n«name»\n«addr»\n\nCustomer number: «cust»\n\nDear «title» «last»,\n\n"
        "Important: unusual activity on your account\n\nOn «d2» at «tm» we detected a sign-in to online banking from IP address «ip», "
        "followed by an attempt to add a new payee and to transfer «cur»«amt» to the account «iban». "
        "We also declined two online purchases on your debit card ending «last4» and on your credit card «card».\n\n"
        "As a precaution we have temporarily blocked online banking and issued a replacement card, which will arrive within 5 working days "
        "(reference «ref»). If you recognise this activity, or if you did not make these transactions, please call us on «ph», quoting your "
        "customer number. We will never ask you for your full PIN or password by phone or email.\n\nYours sincerely,\n\n«sig»\nFraud Prevention Manager\n",
        bank=bank, d=d_en(r), name=p.full, addr=us_addr(r, p) if r.random() < 0.5 else uk_addr(r, p), cust=str(r.randint(10000000, 99999999)),
        title="Ms" if p.sex == "F" else "Mr", last=p.last, d2=d_en(r), tm="%02d:%02d" % (r.randint(0, 23), r.randint(0, 59)), ip=c.ip(private=False),
        cur=r.choice(["$", "£", "€"]), amt=usd(r, 500, 9000), iban=c.iban(r.choice(["DE", "FR", "ES", "NL", "GB", "IT"])), last4=rs(r, DIG, 4),
        card=c.card(w=0.8), ref="RC" + str(r.randint(100000, 999999)), ph=c.phone(r.choice(["us", "uk"]), w=0.7), sig=en_person(r).full)
    return d, "bank-letter", OCR


def t_incident(c):
    r, d = c.rng, Doc()
    eng = en_person(r)
    mk = c.marker(["TLP:AMBER", "TLP:RED", "INTERNAL USE ONLY", "CONFIDENTIAL"], w=0.7)
    d.f("INCIDENT REPORT IR-«y»-«n»      Severity: SEV-«sev»      Status: contained\n", y=str(r.randint(2023, 2025)), n="%04d" % r.randint(1, 9999), sev=str(r.randint(1, 3)))
    if mk:
        d.f("Classification: «m»\n", m=mk)
    elif r.random() < 0.5:
        d.add("Classification: TLP:CLEAR\n")
    d.f("Author: «eng» («em»)\n\nSummary: credentials used by the build pipeline were committed to a public repository and used by an "
        "unknown actor before rotation.\n\nTimeline (UTC):\n«t1» — secret scanning alert raised on commit «sha»\n", eng=eng.full,
        em=c.email(eng, org=r.choice(["redwood-analytics.com", "pinewood-logistics.com"])), t1="%02d:%02d" % (r.randint(0, 23), r.randint(0, 59)), sha=hn_hex(r, 40))
    d.f("«t2» — access key «ak» used from «ip» (ASN «asn») to list S3 buckets\n«t3» — key disabled, sessions revoked; "
        "attacker IP also seen at «ip6»\n\nExposed material (as found in the repository, rotate before sharing this report!):\n",
        t2="%02d:%02d" % (r.randint(0, 23), r.randint(0, 59)), ak=c.secret("AWS_ACCESS_KEY"), ip=c.ip(private=False), asn=str(r.randint(1000, 65000)),
        t3="%02d:%02d" % (r.randint(0, 23), r.randint(0, 59)), ip6=c.ip(v6=True, w=0.6))
    pool = ["GITHUB_TOKEN", "SLACK_WEBHOOK", "STRIPE_KEY", "OPENAI_KEY", "ANTHROPIC_KEY", "JWT", "PRIVATE_KEY", "CREDENTIAL_URL", "GITLAB_TOKEN",
            "AWS_SECRET_KEY", "SLACK_TOKEN", "GOOGLE_API_KEY"]
    r.shuffle(pool)
    for s in pool[: r.randint(1, 3)]:
        if s == "JWT":
            d.f("  Authorization: Bearer «v»\n", v=c.secret("JWT"))
        elif s == "PRIVATE_KEY":
            d.f("  deploy key (id_ed25519 / id_rsa):\n«v»\n", v=c.secret("PRIVATE_KEY"))
        else:
            var = {"GITHUB_TOKEN": "GITHUB_TOKEN", "SLACK_WEBHOOK": "SLACK_WEBHOOK_URL", "STRIPE_KEY": "STRIPE_SECRET_KEY", "OPENAI_KEY": "OPENAI_API_KEY",
                   "ANTHROPIC_KEY": "ANTHROPIC_API_KEY", "CREDENTIAL_URL": "DATABASE_URL", "GITLAB_TOKEN": "CI_PUSH_TOKEN",
                   "AWS_SECRET_KEY": "AWS_SECRET_ACCESS_KEY", "SLACK_TOKEN": "SLACK_BOT_TOKEN", "GOOGLE_API_KEY": "GOOGLE_MAPS_KEY"}[s]
            d.f("  %s=«v»\n" % var, v=c.secret(s))
    d.f("\nRoot cause: .env file not listed in .gitignore; pre-commit hook disabled on the developer laptop (asset tag «tag»).\n"
        "Remediation: rotate all listed secrets, enable push protection, review CloudTrail for request IDs such as «uuid».\n",
        tag="LT-" + str(r.randint(10000, 99999)), uuid=hn_uuid(r))
    return d, "incident-report", PLAIN


def t_complaint(c):
    r, d = c.rng, Doc()
    p = en_person(r)
    shop = r.choice(["brightwater-home", "pinewood-outdoor", "summit-electronics"])
    d.f("From: «name» <«em»>\nTo: Customer Care <«care»>\nSubject: Complaint – order «ord» – charged twice\n\n"
        "Hello,\n\nThis is the third time I am writing about order «ord» placed on «d». My card «card» was charged twice "
        "(£«amt» on «d» and again two days later), and the parcel (tracking «trk») still shows \"exception\". "
        "Your chatbot keeps asking me for the last four digits of my card, which are obviously «l4».\n\n"
        "I want a refund of the duplicate charge to the same card, or by bank transfer to «iban». "
        "Please call me on «ph» between 9 and 5, or on my work number «ph2».\n\n"
        "Regards,\n«name»\n«addr»\n\n",
        name=p.full, em=c.email(p), care=Val("EMAIL", "care@" + shop + ".co.uk") if c.on() else Neg("support team"),
        ord=hn_order(r), d=d_en(r), card=c.card(), amt=usd(r, 20, 400), trk=hn_tracking(r), l4=rs(r, DIG, 4), iban=c.iban("GB", w=0.6),
        ph=c.phone("uk"), ph2=c.phone("uk", w=0.5), addr=uk_addr(r, p))
    d.f("> On «d», Customer Care wrote:\n> Thank you for contacting us. Your case number is CAS-«cas». A member of our team will be in touch\n"
        "> within 3 working days. We have your contact number as «ph» on file.\n> Please do not reply to this message.\n",
        d=d_en(r), cas=str(r.randint(1000000, 9999999)), ph=c.phone("uk", w=0.6))
    if r.random() < 0.25:
        d.f("\n«x»\n", x=disclaimer(c))
    return d, "complaint-email", PLAIN


def t_us_form(c):
    r, d = c.rng, Doc()
    p, ec = en_person(r), en_person(r)
    city, st, z = r.choice(US_CITIES)
    has_ssn = c.on(1.2)
    d.f("NEW PATIENT REGISTRATION FORM\n«clinic»\n\nPATIENT INFORMATION\nLast name: «last»   First name: «first»   MI: «mi»\n"
        "Date of birth: «dob»   Sex: [«sf»] F [«sm»] M\nSocial Security No.: «ssn»\n"
        "If you do not have an SSN, ITIN: «itin»\nStreet address: «street»   City: «city»   State: «st»   ZIP: «zip»\n"
        "Home phone: «hph»   Cell phone: «cph»   Preferred: [X] cell\nEmail: «em»\n\n"
        "EMERGENCY CONTACT\nName: «ec»   Relationship: «rel»   Phone: «ecph»\n\n"
        "INSURANCE\nPrimary insurer: «ins»   Member ID: «mid»   Group #: «grp»\nSubscriber employer: «emp»   Employer EIN: «ein»\n\n"
        "PHARMACY: «pharm», phone «phph»\n\nI authorize release of medical information necessary to process claims. "
        "Signature: ______________   Date: «d»\n",
        clinic=r.choice(["Hillview Family Practice", "Northwind Health Clinic", "Oakridge Medical Group"]), last=p.last, first=p.first, mi=rs(r, UP, 1),
        dob=p.dob, sf="X" if p.sex == "F" else " ", sm="X" if p.sex == "M" else " ",
        ssn=Val("US_SSN", gen_ssn(r)) if has_ssn else c.sub("US_SSN"), itin=Neg("N/A") if has_ssn or r.random() < 0.5 else Neg(hn_itin(r)),
        street=p.street, city=city, st=st, zip="%s%02d-%04d" % (z, r.randint(1, 99), r.randint(0, 9999)), hph=c.phone("us", w=0.6),
        cph=c.phone("us"), em=c.email(p), ec=ec.full, rel=r.choice(["spouse", "mother", "son", "friend"]), ecph=c.phone("us", w=0.8),
        ins=r.choice(["Aetna", "BlueShield PPO", "UnitedHealthcare"]), mid=rs(r, UP, 3) + rs(r, DIG, 9), grp=str(r.randint(100000, 999999)),
        emp=r.choice(EN_COMPANIES), ein=hn_ein(r), pharm=r.choice(["CVS #4412", "Walgreens #10231"]), phph=c.phone("us", w=0.5), d=d_en(r))
    return d, "us-form", dict(OCR, table=True)


def t_call_en(c):
    r, d = c.rng, Doc()
    p = en_person(r)
    bank = r.choice(["Granite Federal Bank", "Bluefield Insurance", "Brightwater Utilities"])
    d.f("Call recording transcript — «bank» support line — «d»\nAgent: «ag»   Caller: verified customer\n\n", bank=bank, d=d_en(r), ag=en_person(r).first)
    t = r.randint(2, 10)
    lines = [("Agent", "thank you for calling %s, my name is %s, can I take your full name please?" % (bank, en_person(r).first), None),
             ("Caller", "yes it's «v»", Neg(p.full)),
             ("Agent", "thanks, and for security can you confirm the last four digits of your social?", None),
             ("Caller", "sure, it's «v»", Neg(spoken_en(rs(r, DIG, 4)))),
             ("Agent", "and your date of birth?", None),
             ("Caller", "«v»", Neg(d_en(r)))]
    pool = [("Caller", "my full social is «v» if you need it", c.ssn()),
            ("Caller", "you can call me back on «v»", c.phone("us")),
            ("Caller", "my cell is «v»", Neg(spoken_en(re.sub(r"\D", "", gen_phone(r, "us"))[:10]))),
            ("Caller", "email me at «v» please", c.email(p)),
            ("Agent", "I can see the payment from the card «v», is that the one?", c.card()),
            ("Caller", "the account I want the refund on is «v»", c.iban(r.choice(["GB", "DE", "NL"]))),
            ("Agent", "I've reset your online access, your one-time code is «v»", Neg(rs(r, DIG, 6))),
            ("Caller", "I logged in from home, my IP is «v» according to the router", c.ip(private=False, w=0.6))]
    r.shuffle(pool)
    lines += pool[: r.randint(2, 5)]
    lines.append(("Agent", "thank you, is there anything else I can help with today?", None))
    lines.append(("Caller", "no that's all, thanks", None))
    for who, txt, v in lines:
        t += r.randint(3, 40)
        d.f("[%s] %s: %s\n" % (ts(r, t), who, txt), v=v)
    return d, "call-transcript", PLAIN


def ean13(r, prefix="80"):
    body = prefix + rs(r, DIG, 12 - len(prefix))
    s = sum(int(ch) * (1 if i % 2 == 0 else 3) for i, ch in enumerate(body))
    return body + str((10 - s % 10) % 10)


def t_tabella(c):
    """A contact sheet / attendee list exported from a spreadsheet or PDF: the column labels sit
    on the header row, the values several lines below, columns separated by runs of spaces."""
    r, d = c.rng, Doc()
    it = c.lang == "it"
    n = r.randint(3, 6)
    if it:
        d.f("«t»\n«sub»\n\n", t=r.choice(["ELENCO PARTECIPANTI – CORSO SICUREZZA SUL LAVORO (D.Lgs. 81/2008)", "RUBRICA FORNITORI – AGGIORNAMENTO",
                                         "ANAGRAFICA DIPENDENTI – ESTRATTO PER IL CONSULENTE"]),
            sub="Sede di %s – aggiornato al %s – %s" % (r.choice(COMUNI)[0], d_it(r), hn_prot(r)))
        cols = ["N.", "Cognome e nome", "Codice fiscale", "Cellulare", "E-mail"]
    else:
        d.f("«t»\n«sub»\n\n", t=r.choice(["ATTENDEE LIST – FIRE WARDEN TRAINING", "SUPPLIER CONTACT SHEET", "NEW STARTERS – PAYROLL EXTRACT"]),
            sub="Site: %s – updated %s – ref %s" % (r.choice(UK_CITIES)[0], d_en(r), hn_order(r)))
        cols = ["#", "Name", "Employee ID", "Mobile", "Email"]
    w = [4, 24, 20, 18, 0]
    d.add("".join(x.ljust(k) if k else x for x, k in zip(cols, w)) + "\n")
    for i in range(1, n + 1):
        p = it_person(r) if it else en_person(r)
        name = (p.last.upper() + " " + p.first) if it else p.full
        third = c.cf(p) if it else Neg("E" + str(r.randint(100000, 999999)))
        ph = c.phone("itmob" if it else r.choice(["uk", "us"]))
        em = c.email(p)
        pad = lambda seg, k: " " * max(2, k - len(seg.text if not isinstance(seg, str) else seg))
        d.f("«a»«b»«c»«x»«y»«z»«v»«u»\n", a=str(i).ljust(4), b=name, c=pad(name, 24), x=third, y=pad(third, 20), z=ph, v=pad(ph, 18), u=em)
    d.add(c.it("\nTotale partecipanti: %d – ore di formazione: %d – attestati rilasciati il %s\n" % (n, r.choice([4, 8, 12, 16]), d_it(r)),
               "\nTotal: %d – hours: %d – certificates issued on %s\n" % (n, r.choice([4, 8, 12]), d_en(r))))
    return d, "table", dict(OCR, table=True, wrap_p=0.0)


# ----------------------------------------------------------------------------------------------
# self-check
# ----------------------------------------------------------------------------------------------
import ipaddress

EMAIL_RE = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
MARKER_RE = re.compile(r"\b(?:STRETTAMENTE RISERVATO|RISERVATO|RISERVATA|CONFIDENTIAL|STRICTLY CONFIDENTIAL|INTERNAL USE ONLY|"
                       r"USO INTERNO|TLP:(?:RED|AMBER)|TOP SECRET|SECRET|RESTRICTED)\b")
SECRET_RES = [re.compile(x) for x in [
    r"\b(?:AKIA|ASIA)[A-Z2-7]{16}\b", r"\bgh[pousr]_[A-Za-z0-9]{36}\b", r"\bglpat-[A-Za-z0-9_-]{20}\b",
    r"\bxox[abpors]-[0-9]+-[0-9]+-[A-Za-z0-9]+", r"hooks\.slack\.com/services/T[A-Z0-9]+/B[A-Z0-9]+/[A-Za-z0-9]+",
    r"\b[sr]k_live_[A-Za-z0-9]{10,}", r"\bsk-(?:proj-)?[A-Za-z0-9_-]{20,}", r"\bsk-ant-[A-Za-z0-9_-]{20,}",
    r"\bAIza[0-9A-Za-z_-]{35}\b", r"-----BEGIN [A-Z ]*PRIVATE KEY-----", r"\beyJ[A-Za-z0-9_-]+\.eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+",
    r"\b[a-z][a-z0-9+.-]*://[^\s:/@]+:[^\s@/]+@[^\s]+"]]
PHONE_RES = [re.compile(x) for x in [
    r"(?<![\w+])\+\d{1,3}[ ]?\(?\d{1,4}\)?[ ./-]?\d{2,4}[ ./-]?\d{2,4}(?:[ ./-]?\d{1,4})?(?!\d)",
    r"(?<![\d.,/:-])3\d{2}[ ./-]?\d{3}[ ./-]?\d{3,4}(?![\d.,/-])",
    r"(?<![\d.,/:-])0\d{1,3}[ /]\d{5,8}(?![\d.,/-])",
    r"\(\d{3}\) ?\d{3}-\d{4}", r"(?<![\d-])\d{3}[-.]\d{3}[-.]\d{4}(?![\d-])", r"(?<![\d])07\d{3} \d{6}(?!\d)"]]
PW_RE = re.compile(r"(?i)\b(?:password|passwd|pwd|passcode)\b\s*(?:[:=]|è|is)\s*(\S+)")
CF_SCAN = re.compile(r"(?<![A-Za-z0-9])[A-Za-z]{6}[0-9LMNPQRSTUVlmnpqrstuv]{2}[A-Za-z][0-9LMNPQRSTUVlmnpqrstuv]{2}[A-Za-z][0-9LMNPQRSTUVlmnpqrstuv]{3}[A-Za-z](?![A-Za-z0-9])")


def canon_ok(typ, s):
    if typ == "EMAIL":
        return bool(EMAIL_RE.fullmatch(s))
    if typ == "PHONE":
        d = re.sub(r"\D", "", s)
        return 9 <= len(d) <= 13 and bool(re.fullmatch(r"[+\d ()./-]+", s))
    if typ == "CREDIT_CARD":
        return card_like(re.sub(r"[ -]", "", s))
    if typ == "IBAN":
        return iban_ok(s)
    if typ == "IT_FISCAL_CODE":
        return cf_ok(re.sub(r"[ |]", "", s))
    if typ == "IT_VAT":
        return piva_ok(s[2:] if s.startswith("IT") else s)
    if typ == "US_SSN":
        return ssn_ok(s) and bool(re.fullmatch(r"\d{3}([- ])\d{2}\1\d{4}", s))
    if typ == "IP_ADDRESS":
        try:
            ipaddress.ip_address(s)
            return True
        except ValueError:
            return False
    if typ == "AWS_ACCESS_KEY":
        return bool(re.fullmatch(r"(?:AKIA|ASIA)[A-Z2-7]{16}", s))
    if typ == "AWS_SECRET_KEY":
        return bool(re.fullmatch(r"[A-Za-z0-9/+]{40}", s))
    if typ == "GITHUB_TOKEN":
        return gh_ok(s)
    if typ == "GITLAB_TOKEN":
        return bool(re.fullmatch(r"glpat-[A-Za-z0-9_-]{20}", s))
    if typ == "SLACK_TOKEN":
        return bool(re.fullmatch(r"xox[bp]-\d{12}-\d{12}-[A-Za-z0-9]{24}", s))
    if typ == "SLACK_WEBHOOK":
        return bool(re.fullmatch(r"https://hooks\.slack\.com/services/T[A-Z0-9]{8}/B[A-Z0-9]{10}/[A-Za-z0-9]{24}", s))
    if typ == "STRIPE_KEY":
        return bool(re.fullmatch(r"[sr]k_live_[A-Za-z0-9]{24,99}", s))
    if typ == "OPENAI_KEY":
        return bool(re.fullmatch(r"sk-(?:proj-[A-Za-z0-9_-]{74}T3BlbkFJ[A-Za-z0-9_-]{74}|[A-Za-z0-9]{20}T3BlbkFJ[A-Za-z0-9]{20})", s))
    if typ == "ANTHROPIC_KEY":
        return bool(re.fullmatch(r"sk-ant-api03-[A-Za-z0-9_-]{93}AA", s))
    if typ == "GOOGLE_API_KEY":
        return bool(re.fullmatch(r"AIza[A-Za-z0-9_-]{35}", s))
    if typ == "PRIVATE_KEY":
        m = re.fullmatch(r"-----BEGIN ([A-Z ]*)PRIVATE KEY-----\n([A-Za-z0-9+/=\n]+)\n-----END \1PRIVATE KEY-----", s)
        return bool(m) and len(base64.b64decode(m.group(2).replace("\n", ""))) > 100
    if typ == "JWT":
        return jwt_ok(s)
    if typ == "CREDENTIAL_URL":
        return bool(re.fullmatch(r"[a-z][a-z0-9+]*://[^\s:/@]+:[^\s@]+@[^\s/]+(?:/\S*)?", s))
    if typ == "PASSWORD":
        return bool(re.fullmatch(r"\S{6,}", s)) and not re.fullmatch(r"[*•xX]+", s)
    if typ == "CONFIDENTIAL_MARKER":
        return s.upper().replace("AND", "&") in {"RISERVATO", "STRETTAMENTE RISERVATO", "USO INTERNO", "DOCUMENTO RISERVATO", "CONFIDENTIAL",
                                                 "STRICTLY CONFIDENTIAL", "INTERNAL USE ONLY", "PRIVATE & CONFIDENTIAL", "TLP:AMBER", "TLP:RED"}
    return False


def selfcheck(doc, text, findings):
    errs = []
    tb = text.encode()
    for f in findings:
        if tb[f["start"]:f["end"]].decode() != f["value"]:
            errs.append("span mismatch %r" % f)
    # char spans of segments
    seg_span = {}
    for i, (ch, sid) in enumerate(doc.chars):
        if sid >= 0:
            a, b = seg_span.get(sid, (i, i))
            seg_span[sid] = (min(a, i), i + 1)
    for sid, seg in doc.segs.items():
        if not isinstance(seg, Val) or sid not in seg_span:
            continue
        t = seg.text
        ev = seg.kw.get("evasion")
        if ev:
            if unevade(ev, t) != seg.kw["orig"]:
                errs.append("evasion %s does not invert for %r" % (ev, t))
            t = seg.kw["orig"]
        if seg.kw.get("split"):
            t = seg.kw["orig"]
        if seg.kw.get("judgement") in ("spaced-chars", "single-spaced-digits"):
            t = seg.canon
        if not canon_ok(seg.typ, t):
            errs.append("invalid labelled %s %r" % (seg.typ, t))
        if seg.canon != t and seg.typ in ("IBAN", "CREDIT_CARD", "IT_VAT") and not canon_ok(seg.typ, seg.canon):
            errs.append("invalid canon %s %r" % (seg.typ, seg.canon))
    val_spans = [seg_span[s] for s, v in doc.segs.items() if isinstance(v, Val) and s in seg_span]
    allow_spans = {}
    for s, v in doc.segs.items():
        if isinstance(v, Neg) and s in seg_span:
            for a in v.allow:
                allow_spans.setdefault(a, []).append(seg_span[s])

    def covered(a, b, rule):
        for x, y in val_spans:
            if a < y and x < b:
                return True
        for x, y in allow_spans.get(rule, []):
            if x <= a and b <= y:
                return True
        return False

    for m in EMAIL_RE.finditer(text):
        if not covered(m.start(), m.end(), "email"):
            errs.append("unlabelled email %r" % m.group())
    for m in re.finditer(r"(?<![A-Za-z0-9])([A-Z]{2})(\d{2})", text):
        cc = m.group(1)
        if cc not in IBAN_LEN:
            continue
        i, out, lastsp = m.start(), "", False
        while i < len(text) and len(out) < IBAN_LEN[cc]:
            ch = text[i]
            if ch.isalnum() and ch.isascii():
                out += ch.upper()
                lastsp = False
            elif ch == " " and not lastsp:
                lastsp = True
            else:
                break
            i += 1
        if len(out) == IBAN_LEN[cc] and iban_ok(out) and not covered(m.start(), i, "iban"):
            errs.append("unlabelled IBAN %r" % out)
    for m in CF_SCAN.finditer(text):
        if cf_ok(m.group()) and not covered(m.start(), m.end(), "cf"):
            errs.append("unlabelled CF %r" % m.group())
    for m in re.finditer(r"(?<![\d])\d{11}(?![\d])", text):
        if piva_ok(m.group()) and not covered(m.start(), m.end(), "piva"):
            errs.append("unlabelled P.IVA-valid number %r" % m.group())
    for m in re.finditer(r"(?<![\d])\d(?:[ -]?\d){11,18}(?![\d])", text):
        dg = re.sub(r"\D", "", m.group())
        if card_like(dg) and not covered(m.start(), m.end(), "card"):
            errs.append("unlabelled card-valid number %r" % m.group())
    for m in re.finditer(r"(?<![\d-])\d{3}([- ])\d{2}\1\d{4}(?![\d-])", text):
        if ssn_ok(m.group()) and not covered(m.start(), m.end(), "ssn"):
            errs.append("unlabelled SSN %r" % m.group())
    for m in re.finditer(r"(?<![\d.])\d{1,3}(?:\.\d{1,3}){3}(?![\d.])", text):
        if ipv4_ok(m.group()) and not covered(m.start(), m.end(), "ip"):
            errs.append("unlabelled IPv4 %r" % m.group())
    for m in re.finditer(r"(?<![\w:])(?:fd[0-9a-f]{2}|2a01):[0-9a-f:]+", text):
        if not covered(m.start(), m.end(), "ip"):
            errs.append("unlabelled IPv6 %r" % m.group())
    for rx in SECRET_RES:
        for m in rx.finditer(text):
            if not covered(m.start(), m.end(), "secret"):
                errs.append("unlabelled secret %r" % m.group()[:40])
    for rx in PHONE_RES:
        for m in rx.finditer(text):
            if not covered(m.start(), m.end(), "phone"):
                errs.append("unlabelled phone-shaped %r" % m.group())
    for m in MARKER_RE.finditer(text):
        if not covered(m.start(), m.end(), "marker"):
            errs.append("unlabelled marker %r" % m.group())
    for m in PW_RE.finditer(text):
        v = m.group(1)
        if re.search(r"[\d!#$%&*+=?@]", v) and not re.fullmatch(r"[*•xX]+|\(.*|<.*|\[.*", v) and not covered(m.start(1), m.end(1), "password"):
            errs.append("unlabelled password %r" % v)
    return errs


# ----------------------------------------------------------------------------------------------
# case assembly
# ----------------------------------------------------------------------------------------------
IT_TEMPLATES = [(t_visura, 3), (t_locazione, 3), (t_cedolino, 3), (t_f24, 2), (t_certificato, 2), (t_verbale, 2),
                (t_diffida, 3), (t_pec, 2), (t_fattura_xml, 3), (t_cv, 2), (t_autocert, 2), (t_trascrizione, 3),
                (t_voicemail, 2), (t_whatsapp, 3), (t_ticket_it, 3), (t_tabella, 2)]
EN_TEMPLATES = [(t_hr_letter, 2), (t_referral, 2), (t_claim, 2), (t_tenancy, 2), (t_invoice_en, 2), (t_bank_letter, 2),
                (t_incident, 3), (t_complaint, 2), (t_us_form, 2), (t_call_en, 2), (t_tabella, 1)]
IT_PRE = ["Riassumi questo documento in punti elenco:\n\n", "Ho copiato il testo dal PDF, puoi sistemarlo e renderlo leggibile?\n\n",
          "Estrai in una tabella nomi, date e importi dal testo seguente.\n\n", "Traduci in inglese il documento qui sotto.\n\n",
          "Controlla se ci sono incongruenze o errori:\n\n", "Scrivi una risposta formale a questa comunicazione.\n\n", "", "---\n"]
IT_POST = ["", "\n\nGrazie mille!", "\n\nMi servono i punti principali entro oggi.", "\n\n(testo incollato da scansione, scusate la formattazione)", "\n"]
EN_PRE = ["Summarize this document in bullet points:\n\n", "I copied this out of a PDF, can you clean it up?\n\n",
          "Extract the names, dates and amounts into a table.\n\n", "Translate the following into Italian.\n\n",
          "Check this for inconsistencies:\n\n", "Draft a polite reply to this.\n\n", "", "---\n"]
EN_POST = ["", "\n\nThanks!", "\n\nNeed the key points by EOD.", "\n\n(pasted from a scan, sorry about the formatting)", "\n"]
EVASIONS = ["fullwidth"] * 3 + ["zero-width"] * 3 + ["json-escape"] * 2 + ["percent"] * 2 + ["base64"]


def footers(c, kind):
    r = c.rng
    if c.lang == "it":
        styles = [lambda p, P: ["Pag. %d di %d" % (p, P)], lambda p, P: ["Pagina %d/%d" % (p, P)], lambda p, P: ["- %d -" % p],
                  lambda p, P: ["Documento n. %s – pagina %d" % (DOCNO, p)]]
    else:
        styles = [lambda p, P: ["Page %d of %d" % (p, P)], lambda p, P: ["- %d -" % p], lambda p, P: ["Ref. %s | page %d" % (DOCNO, p)]]
    DOCNO = str(r.randint(100000, 999999))
    f = r.choice(styles)
    judg = False
    if not c.neg and r.random() < 0.3:
        mk = r.choice(["RISERVATO", "USO INTERNO", "STRETTAMENTE RISERVATO"] if c.lang == "it" else ["CONFIDENTIAL", "INTERNAL USE ONLY"])
        if c.lang == "it" and r.random() < 0.35:
            judg = True
            base = f
            f = lambda p, P: [Val("CONFIDENTIAL_MARKER", "RISERVATO", judgement="marker-with-lowercase-tail"), " – uso interno   "] + base(p, P)
        else:
            base = f
            f = lambda p, P: [Val("CONFIDENTIAL_MARKER", mk), "   "] + base(p, P)
    hdr_title = {"visura": "Visura ordinaria", "locazione": "Contratto di locazione", "verbale": "Verbale di assemblea",
                 "diffida": "Studio Legale", "cedolino": "Cedolino paga", "tenancy": "Tenancy agreement",
                 "referral": "Referral letter", "invoice": "Invoice"}.get(kind, "")
    h = r.choice([lambda p, P: [], lambda p, P: [hdr_title] if hdr_title else [], lambda p, P: ["%s (segue)" % hdr_title if c.lang == "it" else "%s (cont.)" % hdr_title]])
    return f, h


def build_case(seed, idx):
    r = random.Random("audit13/%d/%d" % (seed, idx))
    lang = "it" if r.random() < 0.6 else "en"
    neg = r.random() < 0.30
    ev = r.choice(EVASIONS) if (not neg and r.random() < 0.145) else None
    pool = IT_TEMPLATES if lang == "it" else EN_TEMPLATES
    tpl = r.choices([t for t, w in pool], weights=[w for t, w in pool])[0]
    rejects = []
    for attempt in range(400):
        c = Case(r, lang, neg)
        d, kind, prof = tpl(c)
        tags = {"doc:" + kind}
        if r.random() < 0.15:
            x, sent = distractor_sentence(c)
            d.f("\n" + sent + "\n", x=x)
            tags.add("distractor")
        if ev and not apply_evasion(d, r, ev):
            continue
        if prof.get("ocr"):
            if not neg and not ev and r.random() < 0.10:
                apply_split(d, r)
            if r.random() < prof.get("wrap_p", 0.75):
                ocr_wrap(d, r, r.randint(55, 95), hyph=r.choice([0.0, 0.15, 0.35]))
                tags.add("messy:ocr-wrap")
            if r.random() < 0.5:
                double_spaces(d, r, r.uniform(0.03, 0.2))
                tags.add("messy:double-space")
            if r.random() < 0.4:
                pdf_glyphs(d, r, r.uniform(0.1, 0.5))
                tags.add("messy:pdf-glyphs")
            if prof.get("table"):
                tags.add("messy:flattened-table")
            if prof.get("pages") or r.random() < 0.35 or any(ch == "\x01" for ch, s in d.chars):
                f, h = footers(c, kind)
                if paginate(d, r, r.randint(12, 30), f, h) > 1:
                    tags.add("messy:pages")
        else:
            tags.add("messy:" + {"trascrizione": "transcript", "voicemail": "transcript", "call-transcript": "transcript",
                                 "chat-export": "chat-log", "fattura-xml": "xml", "ticket": "it-ticket", "incident-report": "it-ticket"}.get(kind, "email"))
            if r.random() < 0.2:
                double_spaces(d, r, 0.05)
        pre = r.choice(IT_PRE if lang == "it" else EN_PRE)
        post = r.choice(IT_POST if lang == "it" else EN_POST)
        if kind == "fattura-xml" and lang == "it" and d.chars and "".join(ch for ch, s in d.chars[:10]).startswith("Lo SDI"):
            pre = ""
        d.chars = [[ch, -1] for ch in pre] + d.chars + [[ch, -1] for ch in post]
        text, findings, _ = finish(d)
        nb = len(text.encode())
        if not (400 <= nb <= 3000):
            rejects.append("len %d" % nb)
            continue
        if neg and findings:
            rejects.append("neg with findings")
            continue
        if not neg and not (1 <= len(findings) <= 8):
            rejects.append("count %d" % len(findings))
            continue
        errs = selfcheck(d, text, findings)
        if errs:
            rejects.append("; ".join(errs))
            continue
        for sid, v in d.vals():
            j = v.kw.get("judgement")
            if j:
                tags.update({"judgement", "judgement:" + j})
        for sid, v in d.segs.items():
            if isinstance(v, Neg) and v.judgement and any(s == sid for ch, s in d.chars):
                tags.update({"judgement", "judgement:" + v.judgement})
        tags |= d.tags
        if not findings:
            tags.add("negative")
        return {"id": "a13-%d-%04d" % (seed, idx), "lang": lang, "text": text, "findings": findings,
                "tags": sorted(tags)}, rejects
    raise SystemExit("case %d/%d: could not generate a valid case; last rejects: %s" % (seed, idx, rejects[-5:]))


def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    seed, n, out = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
    allrej = []
    cases = []
    for i in range(n):
        case, rej = build_case(seed, i)
        cases.append(case)
        allrej += rej
    # final independent re-check of spans on the serialised output
    with open(out, "w", encoding="utf-8") as f:
        for case in cases:
            line = json.dumps(case, ensure_ascii=False)
            back = json.loads(line)
            tb = back["text"].encode()
            for fd in back["findings"]:
                assert tb[fd["start"]:fd["end"]].decode() == fd["value"], (case["id"], fd)
            f.write(line + "\n")
    import collections
    tc = collections.Counter(fd["type"] for cs in cases for fd in cs["findings"])
    tg = collections.Counter(t for cs in cases for t in cs["tags"] if not t.startswith(("doc:", "messy:")))
    rc = collections.Counter(x.split(" ")[0] + " " + (x.split(" ")[1] if len(x.split(" ")) > 1 else "") for x in allrej)
    sys.stderr.write("wrote %d cases, %d findings\n types: %s\n tags: %s\n regenerations: %d %s\n" % (
        len(cases), sum(tc.values()), dict(tc.most_common()), dict(tg.most_common()), len(allrej), dict(rc.most_common(12))))


if __name__ == "__main__":
    main()
