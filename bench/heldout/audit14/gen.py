#!/usr/bin/env python3
"""Held-out corpus, audit 14: "an Italian company that works across Europe and the US".

  gen.py SEED N OUT.jsonl

Deterministic per seed, Python 3 standard library only. Writes OUT.jsonl in the dev.jsonl shape
({"id","lang","text","findings":[{"type","start","end","value"}],"tags"}, byte offsets) and a
sidecar OUT.meta.jsonl (template name and per-finding detail, for the analysis only).
Every value is fabricated from the seed; checksums are computed where the format has one.
Each case is self-checked: spans (bytes), checksums of every labelled value, and a sweep of the
text outside the labels for any valid in-taxonomy value (card, IBAN, codice fiscale, partita IVA,
SSN, IPv4/IPv6, e-mail, international phone, vendor-token prefixes); a case failing it is drawn again.
"""
import base64, ipaddress, json, random, re, string, sys, unicodedata, zlib

# ----------------------------------------------------------------------------- checksums

def luhn_ok(d):
    s = 0
    for i, ch in enumerate(reversed(d)):
        n = int(ch)
        if i % 2:
            n *= 2
            if n > 9:
                n -= 9
        s += n
    return s % 10 == 0


def luhn_complete(body):
    for c in "0123456789":
        if luhn_ok(body + c):
            return body + c


def card_brand(d):
    """Brand when digits d are a plausible payment card (IIN and length), else None."""
    n = len(d)
    if d[0] == "4" and n in (13, 16, 19):
        return "visa"
    if (51 <= int(d[:2]) <= 55 or 2221 <= int(d[:4]) <= 2720) and n == 16:
        return "mc"
    if d[:2] in ("34", "37") and n == 15:
        return "amex"
    if (d[:4] == "6011" or d[:2] == "65" or 644 <= int(d[:3]) <= 649) and 16 <= n <= 19:
        return "discover"
    if 3528 <= int(d[:4]) <= 3589 and 16 <= n <= 19:
        return "jcb"
    if (300 <= int(d[:3]) <= 305 or d[:2] in ("36", "38", "39")) and 14 <= n <= 19:
        return "diners"
    if d[:2] == "62" and 16 <= n <= 19:
        return "unionpay"
    if (d[:2] == "50" or 56 <= int(d[:2]) <= 69) and 12 <= n <= 19:
        return "maestro"
    if d[0] == "1" and n == 15:
        return "uatp"
    return None


IBAN_LEN = {"AD": 24, "AT": 20, "BE": 16, "BG": 22, "CH": 21, "CY": 28, "CZ": 24, "DE": 22, "DK": 18,
            "EE": 20, "ES": 24, "FI": 18, "FR": 27, "GB": 22, "GI": 23, "GR": 27, "HR": 21, "HU": 28,
            "IE": 22, "IS": 26, "IT": 27, "LI": 21, "LT": 20, "LU": 20, "LV": 21, "MC": 27, "MT": 31,
            "NL": 18, "NO": 15, "PL": 28, "PT": 25, "RO": 24, "SE": 24, "SI": 19, "SK": 24, "SM": 27,
            "VA": 22,
            # not SEPA (judgement cases)
            "TR": 26, "AE": 23, "SA": 24, "BR": 29, "IL": 23, "QA": 29, "KZ": 20}
NON_SEPA = ["TR", "AE", "SA", "BR", "IL", "QA", "KZ"]
# BBAN structure: n digits, a upper letters, c upper alnum
BBAN = {"AD": "4n4n12c", "AT": "5n11n", "BE": "3n7n2n", "BG": "4a4n2n8c", "CH": "5n12c",
        "CY": "3n5n16c", "CZ": "4n6n10n", "DE": "8n10n", "DK": "4n9n1n", "EE": "2n2n11n1n",
        "ES": "4n4n1n1n10n", "FI": "3n11n", "FR": "5n5n11c2n", "GB": "4a6n8n", "GI": "4a15c",
        "GR": "3n4n16c", "HR": "7n10n", "HU": "3n4n1n15n1n", "IE": "4a6n8n", "IS": "4n2n6n10n",
        "IT": "1a5n5n12c", "LI": "5n12c", "LT": "5n11n", "LU": "3n13c", "LV": "4a13c",
        "MC": "5n5n11c2n", "MT": "4a5n18c", "NL": "4a10n", "NO": "4n6n1n", "PL": "8n16n",
        "PT": "4n4n11n2n", "RO": "4a16c", "SE": "3n16n1n", "SI": "5n8n2n", "SK": "4n6n10n",
        "SM": "1a5n5n12c", "VA": "3n15n", "TR": "5n1n16c", "AE": "3n16n", "SA": "2n18c",
        "BR": "8n5n10n1a1c", "IL": "3n3n13n", "QA": "4a21c", "KZ": "3n13c"}


def iban_mod(s):
    s = s.replace(" ", "")
    r = s[4:] + s[:4]
    return int("".join(str(int(ch, 36)) for ch in r)) % 97


def iban_ok(s):
    s = s.replace(" ", "")
    return (len(s) >= 15 and s[:2] in IBAN_LEN and len(s) == IBAN_LEN[s[:2]]
            and s[2:4].isdigit() and iban_mod(s) == 1)


CF_ODD = dict(zip("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ",
                  [1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20,
                   11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23]))
CF_EVEN = dict(zip("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ", list(range(10)) + list(range(26))))


def cf_char(s15):
    t = sum(CF_ODD[c] if i % 2 == 0 else CF_EVEN[c] for i, c in enumerate(s15))
    return chr(65 + t % 26)


CF_RE = re.compile(r"(?<![A-Za-z0-9])[A-Z]{6}[0-9LMNPQRSTUV]{2}[ABCDEHLMPRST][0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{3}[A-Z](?![A-Za-z0-9])")


def cf_ok(s):
    s = s.upper()
    return bool(CF_RE.fullmatch(s)) and cf_char(s[:15]) == s[15]


def piva_check(d10):
    x = sum(int(d10[i]) for i in range(0, 10, 2))
    y = 0
    for i in range(1, 10, 2):
        n = 2 * int(d10[i])
        y += n - 9 if n > 9 else n
    return str((10 - (x + y) % 10) % 10)


def piva_ok(d):
    return len(d) == 11 and d.isdigit() and piva_check(d[:10]) == d[10]


def ssn_ok(s):
    m = re.fullmatch(r"(\d{3})[- ]?(\d{2})[- ]?(\d{4})", s)
    if not m:
        return False
    a, g, n = m.groups()
    return a not in ("000", "666") and not a.startswith("9") and g != "00" and n != "0000"


def mod11_10(d):  # ISO 7064 MOD 11,10 check digit (German Steuer-ID, USt-IdNr)
    p = 10
    for ch in d:
        s = (int(ch) + p) % 10
        if s == 0:
            s = 10
        p = (2 * s) % 11
    c = 11 - p
    return "0" if c == 10 else str(c % 10)


B62 = string.digits + string.ascii_uppercase + string.ascii_lowercase


def b62(n, w=6):
    s = ""
    while n:
        n, r = divmod(n, 62)
        s = B62[r] + s
    return s.rjust(w, "0")


def gh_ok(tok):
    m = re.fullmatch(r"gh[pousr]_([A-Za-z0-9]{30})([A-Za-z0-9]{6})", tok)
    return bool(m) and b62(zlib.crc32(m.group(1).encode())) == m.group(2)


# ----------------------------------------------------------------------------- data

COUNTRIES = ["FR", "DE", "ES", "CH", "AT", "NL", "BE", "UK", "US", "PT", "PL", "IE"]
CLANG = {"FR": "fr", "DE": "de", "ES": "es", "CH": "de", "AT": "de", "NL": "nl", "BE": "fr", "UK": "en",
         "US": "en", "PT": "pt", "PL": "pl", "IE": "en", "IT": "it"}
NAMES = {
    "FR": (["Jean", "François", "Amélie", "Hélène", "Céline", "Sébastien", "Thierry", "Léa", "Mathieu", "Camille"],
           ["Dupont", "Lefèvre", "Moreau", "Girard", "Rousseau", "Fontaine", "Chevalier", "Lemaître", "Bérard"]),
    "DE": (["Jürgen", "Björn", "Katrin", "Sabine", "Matthias", "Jörg", "Lena", "Tobias", "Uwe", "Anja"],
           ["Müller", "Schröder", "Weiß", "Groß", "Becker", "Hoffmann", "Schäfer", "Köhler", "Wagner", "Krüger"]),
    "ES": (["José", "María", "Iñaki", "Begoña", "Álvaro", "Lucía", "Raúl", "Nuria", "Sergio", "Pilar"],
           ["García", "Fernández", "López", "Martínez", "Sánchez", "Muñoz", "Gómez", "Jiménez", "Ruiz"]),
    "CH": (["Reto", "Urs", "Andrea", "Beat", "Corinne", "Nicole", "Lukas", "Stéphane"],
           ["Meier", "Brunner", "Zürcher", "Keller", "Baumann", "Favre", "Rochat"]),
    "AT": (["Florian", "Wolfgang", "Verena", "Christoph", "Theresa", "Lukas"],
           ["Gruber", "Huber", "Pichler", "Moser", "Steiner", "Hölzl", "Wimmer"]),
    "NL": (["Jan", "Pieter", "Sanne", "Joost", "Femke", "Daan", "Anouk", "Sven"],
           ["de Vries", "van Dijk", "Jansen", "Bakker", "Visser", "van den Berg", "Smit", "de Jong"]),
    "BE": (["Wouter", "Els", "Koen", "Sofie", "Pierre", "Nathalie", "Bart"],
           ["Peeters", "Janssens", "Maes", "Claes", "Dubois", "Lambert", "Van Damme"]),
    "UK": (["James", "Oliver", "Charlotte", "Emily", "Harry", "Sophie", "Thomas", "Hannah"],
           ["Smith", "Taylor", "Hughes", "O'Brien", "Clarke", "Patel", "Wright", "Edwards"]),
    "US": (["Michael", "Jennifer", "Robert", "Ashley", "David", "Emily", "Kevin", "Megan"],
           ["Johnson", "Williams", "Brown", "Miller", "Davis", "Rodriguez", "Anderson", "Thompson"]),
    "PT": (["João", "Inês", "Gonçalo", "Conceição", "Tiago", "Beatriz", "Rui"],
           ["Silva", "Santos", "Ferreira", "Gonçalves", "Rodrigues", "Simões", "Magalhães"]),
    "PL": (["Łukasz", "Małgorzata", "Paweł", "Agnieszka", "Krzysztof", "Katarzyna", "Michał"],
           ["Kowalski", "Nowak", "Wiśniewski", "Wójcik", "Kamińska", "Lewandowski", "Zieliński"]),
    "IE": (["Seán", "Niamh", "Ciarán", "Aoife", "Pádraig", "Siobhán", "Conor"],
           ["Murphy", "O'Sullivan", "Kelly", "Byrne", "Walsh", "McCarthy", "Ó Briain"]),
    "IT": (["Marco", "Giulia", "Luca", "Francesca", "Alessandro", "Chiara", "Davide", "Elena", "Niccolò"],
           ["Rossi", "Bianchi", "Colombo", "Esposito", "Ricci", "Marino", "Greco", "Bruno", "De Luca", "Fabbri"]),
}
COMPANY = {
    "FR": (["Emballages", "Transports", "Logistique", "Fromagerie", "Industrie", "Textiles"], ["SAS", "SARL", "SA"]),
    "DE": (["Maschinenbau", "Logistik", "Antriebstechnik", "Verpackung", "Elektronik", "Stahlhandel"], ["GmbH", "AG", "GmbH & Co. KG"]),
    "ES": (["Distribuciones", "Transportes", "Envases", "Componentes", "Vinos"], ["S.L.", "S.A."]),
    "CH": (["Präzision", "Uhren", "Feinmechanik", "Pharma"], ["AG", "GmbH", "SA"]),
    "AT": (["Holzbau", "Spedition", "Anlagenbau", "Kunststoff"], ["GmbH", "AG"]),
    "NL": (["Logistics", "Bloemen", "Techniek", "Handel"], ["B.V.", "N.V."]),
    "BE": (["Chocolaterie", "Transport", "Engineering", "Diamant"], ["NV", "SRL", "BV"]),
    "UK": (["Components", "Freight", "Engineering", "Consulting"], ["Ltd", "PLC", "LLP"]),
    "US": (["Industries", "Logistics", "Software", "Imports"], ["Inc.", "LLC", "Corp."]),
    "PT": (["Têxteis", "Cortiça", "Transportes", "Calçado"], ["Lda.", "S.A."]),
    "PL": (["Meble", "Logistyka", "Stal", "Opakowania"], ["Sp. z o.o.", "S.A."]),
    "IE": (["Freight", "Pharma", "Software", "Foods"], ["Ltd", "DAC", "Teoranta"]),
    "IT": (["Meccanica", "Trasporti", "Imballaggi", "Tessile", "Alimentari"], ["S.p.A.", "S.r.l."]),
}
TLD = {"FR": ["fr", "fr", "com", "eu", "gouv.fr", "asso.fr"], "DE": ["de", "de", "de", "com", "eu"],
       "ES": ["es", "es", "com.es", "com", "gob.es"], "CH": ["ch", "ch", "li", "com"],
       "AT": ["at", "at", "co.at", "or.at", "gv.at"], "NL": ["nl", "nl", "eu", "com"],
       "BE": ["be", "be", "eu", "lu"], "UK": ["co.uk", "co.uk", "uk", "org.uk", "ac.uk", "gov.uk", "com"],
       "US": ["com", "com", "us", "org", "net", "io"], "PT": ["pt", "pt", "com.pt"], "PL": ["pl", "com.pl", "pl", "net.pl"],
       "IE": ["ie", "ie", "com"], "IT": ["it", "it", "com", "eu"]}
EXTRA_TLD = ["se", "dk", "fi", "no", "is", "cz", "sk", "hu", "ro", "bg", "gr", "hr", "si", "lt", "lv", "ee",
             "cy", "com.cy", "mt", "com.mt", "lu", "li", "mc", "sm", "ad", "gi", "eu", "al", "ba", "me", "mk", "rs",
             "md", "ua", "fo", "im", "je", "gg", "ax", "co.hu", "com.gr", "co.rs", "va"]
CITY = {"FR": [("Paris", "750{:02d}"), ("Lyon", "6900{}"), ("Marseille", "130{:02d}")],
        "DE": [("Berlin", "10{:03d}"), ("München", "80{:03d}"), ("Hamburg", "20{:03d}")],
        "ES": [("Madrid", "280{:02d}"), ("Barcelona", "080{:02d}"), ("Valencia", "460{:02d}")],
        "CH": [("Zürich", "CH-80{:02d}"), ("Genève", "CH-12{:02d}"), ("Basel", "CH-40{:02d}")],
        "AT": [("Wien", "A-1{:02d}0"), ("Graz", "A-80{:02d}"), ("Linz", "A-40{:02d}")],
        "NL": [("Amsterdam", "10{:02d} AB"), ("Rotterdam", "30{:02d} KL"), ("Utrecht", "35{:02d} BC")],
        "BE": [("Bruxelles", "10{:02d}"), ("Antwerpen", "20{:02d}"), ("Gent", "90{:02d}")],
        "UK": [("London", "EC2V {}HH"), ("Manchester", "M{} 4BT"), ("Leeds", "LS{} 8DA")],
        "US": [("New York, NY", "100{:02d}"), ("Chicago, IL", "606{:02d}"), ("Austin, TX", "787{:02d}")],
        "PT": [("Lisboa", "1{:03d}-001"), ("Porto", "4{:03d}-123")],
        "PL": [("Warszawa", "00-{:03d}"), ("Kraków", "30-{:03d}")],
        "IE": [("Dublin", "D0{} X285"), ("Cork", "T12 R{}9K")],
        "IT": [("Milano", "201{:02d}"), ("Torino", "101{:02d}"), ("Bologna", "401{:02d}")]}
STREET = {"FR": "rue de la République", "DE": "Hauptstraße", "ES": "Calle Mayor", "CH": "Bahnhofstrasse",
          "AT": "Mariahilfer Straße", "NL": "Keizersgracht", "BE": "Rue Royale", "UK": "High Street",
          "US": "Main Street", "PT": "Rua Augusta", "PL": "ul. Marszałkowska", "IE": "Grafton Street", "IT": "Via Roma"}
BELFIORE_FOREIGN = {"FR": "Z110", "DE": "Z112", "ES": "Z131", "CH": "Z133", "AT": "Z102", "NL": "Z126",
                    "BE": "Z103", "UK": "Z114", "US": "Z404", "PT": "Z128", "PL": "Z127", "IE": "Z116"}
BELFIORE_IT = ["F205", "H501", "L219", "A944", "G273", "F839", "D612", "C351", "L736", "B157"]

PHONE_CTX = {
    "it": ["Tel.", "tel.", "Telefono:", "cell.", "Cellulare:", "Cell:", "numero di telefono"],
    "en": ["Tel:", "Phone:", "phone", "Mobile:", "Cell:", "Tel.", "Direct line:", "Fax:"],
    "fr": ["Tél. :", "Téléphone :", "Portable :", "Tél :", "Mobile :", "Tél. portable :"],
    "de": ["Tel.:", "Telefon:", "Handy:", "Mobil:", "Tel.", "Telefonnummer:", "Fax:"],
    "es": ["Tel.:", "Teléfono:", "Móvil:", "Tlf.:", "Teléfono móvil:"],
    "nl": ["Tel:", "Telefoon:", "Mobiel:", "Tel.:"],
    "pt": ["Tel.:", "Telemóvel:", "Telefone:"],
    "pl": ["Tel.:", "Telefon:", "Tel. kom.:", "Komórka:"],
}
EMAIL_CTX = {"it": ["e-mail:", "email", "mail:", "PEC:"], "en": ["Email:", "e-mail:", "E-mail:", "email"],
             "fr": ["Courriel :", "E-mail :", "Mél :"], "de": ["E-Mail:", "Mail:"], "es": ["Correo:", "E-mail:", "Correo electrónico:"],
             "nl": ["E-mail:"], "pt": ["E-mail:", "Correio eletrónico:"], "pl": ["E-mail:", "Poczta:"]}


CYC = {}


def cyc(r, name, items):
    """Next item of a seeded shuffled cycle over items: guarantees coverage of long lists."""
    q = CYC.get(name)
    if not q:
        q = list(items)
        r.shuffle(q)
        CYC[name] = q
    return q.pop()


SEPA = [k for k in IBAN_LEN if k not in NON_SEPA]


def ascii_slug(s):
    s = s.replace("ß", "ss").replace("ł", "l").replace("Ł", "L").replace("ø", "o").replace("æ", "ae")
    s = unicodedata.normalize("NFKD", s)
    s = "".join(ch for ch in s if not unicodedata.combining(ch))
    return re.sub(r"[^a-z0-9]", "", s.lower())


# ----------------------------------------------------------------------------- generator context

FW = {c: chr(ord(c) + 0xFEE0) for c in string.ascii_letters + string.digits + "@.+-_/:"}
ZW = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad"]


class Case:
    def __init__(self, r, lang, country):
        self.r, self.lang, self.c = r, lang, country
        self.pieces = []  # [text, type|None, meta|None]
        self.tags = []
        self.ev = None
        self.base = lang if lang in ("it", "en") else r.choice(["it", "en"])

    def L(self, it, en):
        return self.r.choice(it if self.base == "it" else en)

    # -- composition
    def t(self, s):
        self.pieces.append([s, None, None])
        return self

    def v(self, typ, val, meta="", judgement=None):
        self.pieces.append([val, typ, meta])
        if judgement:
            self.judge(judgement)
        return self

    def judge(self, why):
        if "judgement" not in self.tags:
            self.tags.append("judgement")
        self.pieces.append(["", None, "judgement:" + why])

    def neg(self, s):
        """A hard negative inside a positive case."""
        if "distractor" not in self.tags:
            self.tags.append("distractor")
        return self.t(s)

    def ch(self, seq):
        return self.r.choice(seq)

    # -- output
    def render(self):
        text, findings, metas, b = "", [], [], 0
        for s, typ, meta in self.pieces:
            if typ:
                n = len(s.encode())
                findings.append({"type": typ, "start": b, "end": b + n, "value": s})
                metas.append(meta)
            elif meta:
                metas.append(meta)
            text += s
            b += len(s.encode())
        return text, findings, metas


# ----------------------------------------------------------------------------- value makers

def digits(r, n, first="0123456789"):
    return r.choice(first) + "".join(r.choice("0123456789") for _ in range(n - 1))


def person(r, c):
    f, l = NAMES[c]
    return r.choice(f), r.choice(l)


def company(r, c):
    _, l = NAMES[c]
    sect, forms = COMPANY[c]
    last = r.choice(l)
    name = "%s %s %s" % (last, r.choice(sect), r.choice(forms)) if r.random() < .5 else "%s %s" % (r.choice(sect), last) + " " + r.choice(forms)
    return name, last


def email(r, c, who=None):
    first, last = who or person(r, c)
    fs, ls = ascii_slug(first), ascii_slug(last)
    shapes = [fs + "." + ls, fs[0] + "." + ls, fs + ls, fs + "_" + ls, fs + "-" + ls, ls + "." + fs,
              fs + "." + ls + str(r.randint(1, 99)), fs + "+" + r.choice(["orders", "ext", "it", "eu"]),
              fs[0] + ls, ls + fs[0] + str(r.randint(1, 9))]
    roles = {"it": ["amministrazione", "ufficio.acquisti", "info", "fatture"], "fr": ["comptabilite", "facturation", "achats", "contact"],
             "de": ["buchhaltung", "einkauf", "vertrieb", "info"], "es": ["compras", "ventas", "administracion", "info"],
             "en": ["accounts.payable", "sales", "procurement", "support"], "nl": ["inkoop", "boekhouding", "info"],
             "pt": ["compras", "contabilidade", "geral"], "pl": ["biuro", "ksiegowosc", "zakupy"]}
    local = r.choice(roles[CLANG[c]]) if r.random() < .18 else r.choice(shapes)
    _, clast = company(r, c)
    stem = ascii_slug(clast)
    dom = r.choice([stem, stem + "-" + r.choice(["group", "log", "tech", "export", "gmbh", "sa", "sl", "bv"]), "mail." + stem,
                    stem + r.choice(["", "-eu"])])
    tld = r.choice(TLD[c]) if r.random() < .7 else cyc(r, "tld", EXTRA_TLD)
    return "%s@%s.%s" % (local, dom, tld)


def phone(r, c):
    """Returns (value, 'nat'|'intl', shape description)."""
    def g(*ns):
        return [digits(r, n) for n in ns]
    intl = r.random() < .55
    ch = r.choice
    if c == "FR":
        first = ch("1234567699")
        rest = g(2, 2, 2, 2)
        if intl:
            f = ch(["+33 {a} {b} {c} {d} {e}", "+33 (0){a} {b} {c} {d} {e}", "0033 {a} {b} {c} {d} {e}", "+33{a}{b}{c}{d}{e}",
                    "+33\u00a0{a}\u00a0{b}\u00a0{c}\u00a0{d}\u00a0{e}", "+33 {a}.{b}.{c}.{d}.{e}"])
        else:
            f = ch(["0{a} {b} {c} {d} {e}", "0{a}.{b}.{c}.{d}.{e}", "0{a}{b}{c}{d}{e}", "0{a}\u202f{b}\u202f{c}\u202f{d}\u202f{e}", "0{a}-{b}-{c}-{d}-{e}"])
        return f.format(a=first, b=rest[0], c=rest[1], d=rest[2], e=rest[3]), ("intl" if intl else "nat"), f
    if c == "DE":
        if r.random() < .4:
            area, sub = ch(["151", "160", "170", "172", "176", "157"]), digits(r, ch([7, 8]))
        else:
            area = ch(["30", "40", "89", "69", "221", "711", "211", "341"])
            sub = digits(r, 7 if len(area) == 2 else 6, "123456789")
        if intl:
            f = ch(["+49 {a} {s}", "+49 (0){a} {s}", "0049 {a} {s}", "+49-{a}-{s}", "+49 {a} {s1} {s2}", "+49{a}{s}"])
        else:
            f = ch(["0{a} {s}", "0{a}/{s}", "(0{a}) {s}", "0{a}-{s}", "0{a} {s1} {s2}", "0{a} / {s}"])
        k = len(sub) // 2
        return f.format(a=area, s=sub, s1=sub[:k], s2=sub[k:]), ("intl" if intl else "nat"), f
    if c == "ES":
        first = ch(["6", "7", "91", "93", "96", "95"])
        num = first + digits(r, 9 - len(first))
        a, b, cc, d = num[:3], num[3:6], num[6:], num
        if intl:
            f = ch(["+34 {a} {b} {c}", "+34 {d}", "0034 {a} {b} {c}", "+34 {p} {q} {r} {s}", "(+34) {a} {b} {c}"])
        else:
            f = ch(["{a} {b} {c}", "{p} {q} {r} {s}", "{d}", "{p} {q} {r} {s}"])
        return f.format(a=a, b=b, c=cc, d=d, p=num[:3], q=num[3:5], r=num[5:7], s=num[7:]), ("intl" if intl else "nat"), f
    if c == "CH":
        area = ch(["44", "22", "31", "61", "79", "78", "76", "91"])
        s = g(3, 2, 2)
        if intl:
            f = ch(["+41 {a} {b} {c} {d}", "+41 (0){a} {b} {c} {d}", "0041 {a} {b} {c} {d}", "+41{a}{b}{c}{d}"])
        else:
            f = ch(["0{a} {b} {c} {d}", "0{a}/{b} {c} {d}", "0{a} {b}{c}{d}"])
        return f.format(a=area, b=s[0], c=s[1], d=s[2]), ("intl" if intl else "nat"), f
    if c == "AT":
        if r.random() < .5:
            area, sub = ch(["664", "650", "676", "699", "660"]), digits(r, 7)
        else:
            area, sub = ch(["1", "316", "512", "662"]), digits(r, 7 if True else 6, "123456789")
        if intl:
            f = ch(["+43 {a} {s}", "+43 (0){a} {s}", "0043 {a} {s}", "+43 {a} {s1} {s2}"])
        else:
            f = ch(["0{a} {s}", "0{a}/{s}", "0{a} {s1} {s2}", "(0{a}) {s}"])
        return f.format(a=area, s=sub, s1=sub[:3], s2=sub[3:]), ("intl" if intl else "nat"), f
    if c == "NL":
        if r.random() < .45:
            num = "6" + digits(r, 8)
            if intl:
                f = ch(["+31 6 {x}", "+31 (0)6 {x}", "0031 6 {x}", "+316{x}", "+31 6 {x1} {x2}"])
            else:
                f = ch(["06 {x}", "06-{x}", "06{x}", "06 {x1} {x2}"])
            x = num[1:]
            return f.format(x=x, x1=x[:4], x2=x[4:]), ("intl" if intl else "nat"), f
        area = ch(["20", "10", "70", "30", "40"])
        s = g(3, 4)
        f = ch(["+31 {a} {b} {c}", "+31 (0){a} {b} {c}", "0031 {a} {b}{c}"]) if intl else ch(["0{a} {b} {c}", "0{a}-{b}{c}", "0{a} {b}{c}"])
        return f.format(a=area, b=s[0], c=s[1]), ("intl" if intl else "nat"), f
    if c == "BE":
        if r.random() < .5:
            area, s = ch(["470", "471", "475", "478", "486", "495", "497"]), g(2, 2, 2)
        else:
            area, s = ch(["2", "3", "9", "4"]), g(3, 2, 2)
        f = ch(["+32 {a} {b} {c} {d}", "0032 {a} {b} {c} {d}", "+32 (0){a} {b} {c} {d}", "+32{a}{b}{c}{d}"]) if intl else ch(["0{a} {b} {c} {d}", "0{a}/{b}.{c}.{d}", "0{a} {b}{c}{d}"])
        return f.format(a=area, b=s[0], c=s[1], d=s[2]), ("intl" if intl else "nat"), f
    if c == "UK":
        k = r.random()
        if k < .4:
            area, a, b = "20", ch("378") + digits(r, 3), digits(r, 4)
        elif k < .6:
            area, a, b = ch(["161", "121", "113", "131", "117"]), digits(r, 3, "2345"), digits(r, 4)
        else:
            area, a, b = "7" + ch(["700", "911", "823", "450", "555", "384"]), digits(r, 3), digits(r, 3)
        if intl:
            f = ch(["+44 {A} {a} {b}", "+44 (0){A} {a} {b}", "0044 {A} {a} {b}", "+44{A}{a}{b}", "+44 (0) {A} {a} {b}"])
        else:
            f = ch(["0{A} {a} {b}", "(0{A}) {a} {b}", "0{A} {a}{b}", "0{A}-{a}-{b}"])
        return f.format(A=area, a=a, b=b), ("intl" if intl else "nat"), f
    if c == "US":
        area = ch(["212", "646", "415", "312", "617", "305", "202", "713", "206", "404", "929", "510"])
        ex, ln = digits(r, 3, "23456789"), digits(r, 4)
        while ex == "555":
            ex = digits(r, 3, "23456789")
        f = ch(["+1 {a} {e} {l}", "+1 ({a}) {e}-{l}", "+1-{a}-{e}-{l}", "+1 {a}-{e}-{l}", "001 {a} {e} {l}", "+1{a}{e}{l}"]) if intl else ch(["({a}) {e}-{l}", "{a}-{e}-{l}", "{a}.{e}.{l}", "1-{a}-{e}-{l}", "({a}) {e} {l}"])
        return f.format(a=area, e=ex, l=ln), ("intl" if intl else "nat"), f
    if c == "PT":
        if r.random() < .55:
            n = ch(["91", "92", "93", "96"]) + digits(r, 7)
            p = [n[:3], n[3:6], n[6:]]
        else:
            n = ch(["21", "22"]) + digits(r, 7)
            p = [n[:2], n[2:5], n[5:]]
        f = ch(["+351 {a} {b} {c}", "00351 {a} {b} {c}", "+351{d}", "(+351) {a} {b} {c}"]) if intl else ch(["{a} {b} {c}", "{d}"])
        return f.format(a=p[0], b=p[1], c=p[2], d=n), ("intl" if intl else "nat"), f
    if c == "PL":
        if r.random() < .55:
            n = ch("5678") + digits(r, 8)
            p = [n[:3], n[3:6], n[6:]]
            f = ch(["+48 {a} {b} {c}", "0048 {a} {b} {c}", "+48 {a}-{b}-{c}", "+48{d}"]) if intl else ch(["{a} {b} {c}", "{a}-{b}-{c}", "{d}"])
            return f.format(a=p[0], b=p[1], c=p[2], d=n), ("intl" if intl else "nat"), f
        n = ch(["22", "12", "61", "71", "58"]) + digits(r, 7)
        f = ch(["+48 {a} {b} {c} {e}", "0048 {a} {b} {c} {e}", "+48 ({a}) {b} {c} {e}"]) if intl else ch(["({a}) {b} {c} {e}", "{a} {b} {c} {e}", "{a} {b} {c} {e}"])
        return f.format(a=n[:2], b=n[2:5], c=n[5:7], e=n[7:]), ("intl" if intl else "nat"), f
    if c == "IE":
        if r.random() < .5:
            a, s = ch(["83", "85", "86", "87", "89"]), g(3, 4)
        else:
            a, s = ch(["1", "21", "61", "91"]), g(3, 4)
        f = ch(["+353 {a} {b} {c}", "+353 (0){a} {b} {c}", "00353 {a} {b} {c}", "+353{a}{b}{c}"]) if intl else ch(["0{a} {b} {c}", "(0{a}) {b} {c}", "0{a}-{b}{c}"])
        return f.format(a=a, b=s[0], c=s[1]), ("intl" if intl else "nat"), f
    if c == "IT":
        if r.random() < .5:
            n = ch(["333", "347", "328", "340", "366", "392"]) + digits(r, 7)
            p = [n[:3], n[3:6], n[6:]]
        else:
            pre = ch(["02", "06", "011", "051", "055"])
            n = pre + digits(r, 10 - len(pre))
            p = [pre, n[len(pre):len(pre) + 4], n[len(pre) + 4:]]
        f = ch(["+39 {a} {b} {c}", "+39 {d}", "0039 {a} {b}{c}", "+39{d}"]) if intl else ch(["{a} {b} {c}", "{d}", "{a}/{b}{c}", "{a}-{b}{c}"])
        return f.format(a=p[0], b=p[1], c=p[2], d=n), ("intl" if intl else "nat"), f
    raise ValueError(c)


def iban(r, cc, printed=None):
    pat = BBAN[cc]
    bban = ""
    for n, k in re.findall(r"(\d+)([nac])", pat):
        for _ in range(int(n)):
            bban += r.choice({"n": string.digits, "a": string.ascii_uppercase, "c": string.ascii_uppercase if r.random() < .12 else string.digits}[k])
    if cc in ("IT", "SM"):
        bban = cf_char_cin(bban[1:]) + bban[1:]
    if cc == "BE":
        chk = int(bban[:10]) % 97 or 97
        bban = bban[:10] + "%02d" % chk
    chk = 98 - iban_mod(cc + "00" + bban)
    s = "%s%02d%s" % (cc, chk, bban)
    assert iban_ok(s), s
    if printed is None:
        printed = r.random() < .6
    if printed:
        s = " ".join(s[i:i + 4] for i in range(0, len(s), 4))
    return s


def cf_char_cin(s22):
    t = sum(CF_ODD[c] if i % 2 == 0 else CF_EVEN[c] for i, c in enumerate(s22))
    return chr(65 + t % 26)


def card(r, brand=None):
    brand = brand or r.choice(["visa", "visa", "mc", "mc", "amex", "discover", "diners", "jcb", "mc2", "maestro"])
    if brand == "visa":
        body = "4" + digits(r, 14)
    elif brand == "mc":
        body = "5" + r.choice("12345") + digits(r, 13)
    elif brand == "mc2":
        body = str(r.randint(2221, 2720)) + digits(r, 11)
    elif brand == "amex":
        body = r.choice(["34", "37"]) + digits(r, 12)
    elif brand == "discover":
        body = "6011" + digits(r, 11)
    elif brand == "diners":
        body = r.choice(["36", "38", "300", "305"])
        body += digits(r, 13 - len(body))
    elif brand == "jcb":
        body = str(r.randint(3528, 3589)) + digits(r, 11)
    else:  # maestro 19 / 16
        body = r.choice(["6759", "5018", "5020", "6304"]) + digits(r, r.choice([11, 14]))
    d = luhn_complete(body)
    assert card_brand(d), d
    n = len(d)
    if n == 15:
        groups = [d[:4], d[4:10], d[10:]]
    elif n == 14:
        groups = [d[:4], d[4:10], d[10:]]
    elif n == 19:
        groups = [d[:4], d[4:8], d[8:12], d[12:16], d[16:]]
    else:
        groups = [d[i:i + 4] for i in range(0, n, 4)]
    sep = r.choice([" ", " ", "-", ""])
    return sep.join(groups)


def ssn(r, sep="-"):
    while True:
        a = "%03d" % r.randint(1, 899)
        if a != "666":
            break
    return "%s%s%02d%s%04d" % (a, sep, r.randint(1, 99), sep, r.randint(1, 9999))


def cf(r, c=None, omocodia=False):
    L = string.ascii_uppercase
    s = "".join(r.choice("BCDFGHLMNPRSTVZ") for _ in range(3)) + "".join(r.choice(L) for _ in range(3))
    s += "%02d" % r.randint(40, 99) + r.choice("ABCDEHLMPRST")
    day = r.randint(1, 28) + (40 if r.random() < .5 else 0)
    s += "%02d" % day
    s += BELFIORE_FOREIGN[c] if c in BELFIORE_FOREIGN else r.choice(BELFIORE_IT)
    if omocodia:
        pos = [14, 13, 12, 10, 9, 7, 6]
        s = list(s)
        for p in pos[:r.randint(1, 2)]:
            s[p] = "LMNPQRSTUV"[int(s[p])]
        s = "".join(s)
    s += cf_char(s)
    assert cf_ok(s)
    return s


def piva(r):
    d = digits(r, 7) + "%03d" % r.choice(list(range(1, 101)) + [120, 121])
    return d + piva_check(d)


def ip4(r, private=None):
    if private is None:
        private = r.random() < .5
    if private:
        k = r.random()
        if k < .4:
            return "10.%d.%d.%d" % (r.randint(0, 255), r.randint(0, 255), r.randint(1, 254))
        if k < .7:
            return "192.168.%d.%d" % (r.randint(0, 255), r.randint(1, 254))
        return "172.%d.%d.%d" % (r.randint(16, 31), r.randint(0, 255), r.randint(1, 254))
    while True:
        a = r.choice([2, 5, 31, 37, 46, 62, 77, 78, 80, 81, 82, 85, 87, 89, 91, 93, 95, 109, 151, 176, 185, 188, 193, 194, 212, 213, 217])
        return "%d.%d.%d.%d" % (a, r.randint(0, 255), r.randint(0, 255), r.randint(1, 254))


def ip6(r):
    k = r.random()
    h = lambda: "%x" % r.randint(1, 0xffff)
    if k < .35:
        return "2001:db8:%s:%s::%s" % (h(), h(), h())
    if k < .6:
        return "2a0%d:%s:%s:%s:%s:%s:%s:%s" % (r.randint(0, 9), h(), h(), h(), h(), h(), h(), h())
    if k < .8:
        return "fe80::%s:%s:%s:%s" % (h(), h(), h(), h())
    return "fd%02x:%s:%s::%s" % (r.randint(0, 255), h(), h(), h())


def rstr(r, n, alpha=string.ascii_letters + string.digits):
    return "".join(r.choice(alpha) for _ in range(n))


def aws_key(r):
    return r.choice(["AKIA", "AKIA", "ASIA"]) + rstr(r, 16, string.ascii_uppercase + "234567")


def aws_secret(r):
    return rstr(r, 40, string.ascii_letters + string.digits + "+/")


def gh_token(r):
    if r.random() < .15:
        return "github_pat_" + rstr(r, 22) + "_" + rstr(r, 59)
    body = rstr(r, 30)
    t = r.choice(["ghp", "ghp", "gho", "ghs", "ghu", "ghr"]) + "_" + body + b62(zlib.crc32(body.encode()))
    assert gh_ok(t)
    return t


def gl_token(r):
    return "glpat-" + rstr(r, 20, string.ascii_letters + string.digits + "_-")


def slack_token(r):
    return "%s-%s-%s-%s" % (r.choice(["xoxb", "xoxp"]), digits(r, 12), digits(r, 12), rstr(r, 24))


def slack_hook(r):
    return "https://hooks.slack.com/services/T%s/B%s/%s" % (rstr(r, 8, string.ascii_uppercase + string.digits),
                                                            rstr(r, 10, string.ascii_uppercase + string.digits), rstr(r, 24))


def stripe_key(r):
    return r.choice(["sk_live_", "rk_live_"]) + rstr(r, r.choice([24, 34, 99]))


def openai_key(r):
    if r.random() < .6:
        a = string.ascii_letters + string.digits + "-_"
        return "sk-proj-" + rstr(r, 74, a) + "T3BlbkFJ" + rstr(r, 74, a)
    return "sk-" + rstr(r, 20) + "T3BlbkFJ" + rstr(r, 20)


def anthropic_key(r):
    return "sk-ant-api03-" + rstr(r, 93, string.ascii_letters + string.digits + "-_") + "AA"


def google_key(r):
    return "AIza" + rstr(r, 35, string.ascii_letters + string.digits + "-_")


def b64url(b):
    return base64.urlsafe_b64encode(b).decode().rstrip("=")


def jwt(r):
    hdr = json.dumps({"alg": r.choice(["HS256", "RS256", "ES256"]), "typ": "JWT"}, separators=(",", ":") if r.random() < .5 else (", ", ": "))
    first, _ = person(r, r.choice(COUNTRIES))
    pl = json.dumps({"sub": digits(r, 8), "name": ascii_slug(first), "tenant": r.choice(["eu-west", "it-mil", "de-fra"]), "iat": r.randint(1600000000, 1760000000)})
    return b64url(hdr.encode()) + "." + b64url(pl.encode()) + "." + b64url(bytes(r.randint(0, 255) for _ in range(32)))


def private_key(r):
    kind = r.choice(["RSA PRIVATE KEY", "PRIVATE KEY", "EC PRIVATE KEY", "OPENSSH PRIVATE KEY"])
    lines = [rstr(r, 64, string.ascii_letters + string.digits + "+/") for _ in range(r.randint(4, 9))]
    return "-----BEGIN %s-----\n%s\n-----END %s-----" % (kind, "\n".join(lines), kind)


def password(r):
    base = r.choice(["Milano", "Lugano", "Brennero", "Tramonto", "Berlin", "Paris", "Sommer", "Invierno", "Estate", "Zurich"])
    return base + r.choice(["#", "!", "@", "$", "_", "-"]) + str(r.randint(2018, 2026)) + rstr(r, r.randint(0, 4), string.ascii_letters + "!%&*")


def cred_url(r):
    scheme = r.choice(["postgres", "postgresql", "mysql", "mongodb+srv", "redis", "amqp", "sftp", "https"])
    user = r.choice(["svc_erp", "sap_rfc", "admin", "readonly", "etl_eu", "b2b_portal"])
    pw = rstr(r, r.randint(10, 18), string.ascii_letters + string.digits + "!*~")
    host = r.choice(["db01.fra.internal", "erp.acme-meccanica.it", "10.20.4.17", "pg-eu-west.corp.local", "mq.lager.example.de", "ftp.partner.example.fr"])
    port = {"postgres": 5432, "postgresql": 5432, "mysql": 3306, "mongodb+srv": None, "redis": 6379, "amqp": 5672, "sftp": 22, "https": 443}[scheme]
    path = r.choice(["/erp", "/billing", "/", "/orders", ""])
    return "%s://%s:%s@%s%s%s" % (scheme, user, pw, host, (":%d" % port) if port and r.random() < .7 else "", path)


# ----------------------------------------------------------------------------- hard negatives (not in the taxonomy)

def siren(r):
    while True:
        s = luhn_complete(digits(r, 8, "123456789"))
        return s


def siret(r):
    while True:
        s = luhn_complete(siren(r) + digits(r, 4))
        if not card_brand(s):
            return s


def fr_vat(r):
    s = siren(r)
    return "FR%02d%s" % ((12 + 3 * (int(s) % 97)) % 97, s)


def steuer_id(r):
    while True:
        ds = r.sample("0123456789", 9)
        if ds[0] == "0":
            continue
        d10 = ds + [r.choice(ds[1:])]
        first, rest = d10[0], d10[1:]
        r.shuffle(rest)
        s = first + "".join(rest)
        s += mod11_10(s)
        if not piva_ok(s):
            return s


def de_vat(r):
    d = digits(r, 8, "123456789")
    return "DE" + d + mod11_10(d)


def es_nif(r):
    n = r.randint(10000000, 99999999)
    return "%08d%s" % (n, "TRWAGMYFPDXBNJZSQVHLCKE"[n % 23])


def es_nie(r):
    p = r.choice("XYZ")
    n = r.randint(0, 9999999)
    return "%s%07d%s" % (p, n, "TRWAGMYFPDXBNJZSQVHLCKE"[int("XYZ".index(p) * 10 ** 7 + n) % 23])


def es_cif(r):
    L = r.choice("ABBBG")
    d = digits(r, 7)
    s = sum(int(d[i]) for i in (1, 3, 5))
    for i in (0, 2, 4, 6):
        x = 2 * int(d[i])
        s += x // 10 + x % 10
    c = (10 - s % 10) % 10
    return L + d + str(c)


def ch_uid(r):
    while True:
        d = digits(r, 8)
        s = sum(int(a) * w for a, w in zip(d, [5, 4, 3, 2, 7, 6, 5, 4]))
        c = 11 - s % 11
        if c == 10:
            continue
        c = 0 if c == 11 else c
        d += str(c)
        return "CHE-%s.%s.%s" % (d[:3], d[3:6], d[6:])


def gb_vat(r):
    d = digits(r, 7, "123456789")
    s = sum(int(a) * w for a, w in zip(d, [8, 7, 6, 5, 4, 3, 2]))
    c = (-s) % 97
    d += "%02d" % c
    return r.choice(["GB {0} {1} {2}", "GB{0}{1}{2}", "GB {0}{1}{2}"]).format(d[:3], d[3:7], d[7:])


def nino(r):
    a = r.choice("ABCEGHJKLMNOPRSTWXYZ")
    b = r.choice("ABCEGHJKLMNPRSTWXYZ")
    if a + b in ("BG", "GB", "NK", "KN", "TN", "NT", "ZZ"):
        a, b = "A", "B"
    d = digits(r, 6)
    return r.choice(["{0}{1} {2} {3} {4} {5}", "{0}{1}{2}{3}{4}{5}"]).format(a, b, d[:2], d[2:4], d[4:], r.choice("ABCD"))


def at_vat(r):
    d = digits(r, 7)
    s = 0
    for i, ch_ in enumerate(d):
        n = int(ch_)
        if i % 2:
            n *= 2
            n = n // 10 + n % 10
        s += n
    return "ATU" + d + str((10 - (s + 4) % 10) % 10)


def nl_bsn(r):
    while True:
        d = digits(r, 8, "123456789")
        s = sum(int(a) * w for a, w in zip(d, range(9, 1, -1)))
        c = s % 11
        if c < 10:
            return d + str(c)


def be_nn(r):
    y, m, dd = r.randint(50, 99), r.randint(1, 12), r.randint(1, 28)
    base = "%02d%02d%02d%03d" % (y, m, dd, r.randint(1, 998))
    c = 97 - int(base) % 97
    s = base + "%02d" % c
    return "%s.%s.%s-%s.%s" % (s[:2], s[2:4], s[4:6], s[6:9], s[9:])


def be_vat(r):
    n = "0" + digits(r, 7, "23456789")
    c = 97 - int(n) % 97
    s = n + "%02d" % c
    return r.choice(["BE{0}", "BE {1}.{2}.{3}", "BE0{4}"]).format(s, s[:4], s[4:7], s[7:], s[1:]) if False else r.choice(["BE" + s, "BE " + s[:4] + "." + s[4:7] + "." + s[7:], s[:4] + "." + s[4:7] + "." + s[7:]])


def ie_pps(r):
    return ie_vat(r)[2:]


def pl_regon(r):
    d = digits(r, 8, "123456789")
    c = sum(int(a) * w for a, w in zip(d, [8, 9, 2, 3, 4, 5, 6, 7])) % 11
    return d + str(c % 10)


def uk_utr(r):
    d = digits(r, 9)
    rr = sum(int(a) * w for a, w in zip(d, [6, 7, 8, 9, 10, 5, 4, 3, 2])) % 11
    c = 11 - rr
    if c > 9:
        c -= 9
    s = str(c) + d
    return s[:5] + " " + s[5:]


def nl_btw(r):
    return "NL%sB%02d" % (nl_bsn(r), r.randint(1, 19))


def pt_nif(r):
    d = r.choice("1235") + digits(r, 7)
    s = sum(int(a) * w for a, w in zip(d, range(9, 1, -1)))
    rr = s % 11
    return d + str(0 if rr < 2 else 11 - rr)


def pl_nip(r):
    while True:
        d = digits(r, 9, "123456789")
        c = sum(int(a) * w for a, w in zip(d, [6, 5, 7, 2, 3, 4, 5, 6, 7])) % 11
        if c < 10:
            d += str(c)
            return d


def ie_vat(r):
    d = digits(r, 7)
    s = sum(int(a) * w for a, w in zip(d, range(8, 1, -1)))
    if r.random() < .5:
        return "IE" + d + "WABCDEFGHIJKLMNOPQRSTUV"[s % 23]
    s2 = s + 9 * 1  # second letter A
    return "IE" + d + "WABCDEFGHIJKLMNOPQRSTUV"[s2 % 23] + "A"


def container(r):
    vals = {}
    v = 10
    for ch_ in string.ascii_uppercase:
        if v % 11 == 0:
            v += 1
        vals[ch_] = v
        v += 1
    owner = rstr(r, 3, string.ascii_uppercase) + "U"
    d = digits(r, 6)
    s = owner + d
    tot = sum((vals[c_] if c_.isalpha() else int(c_)) * (2 ** i) for i, c_ in enumerate(s))
    chk = tot % 11 % 10
    return r.choice(["{o}{d}{c}", "{o} {d} {c}", "{o} {d}-{c}"]).format(o=owner, d=d, c=chk)


def awb(r):
    pre = r.choice(["020", "055", "057", "074", "125", "176", "016", "172"])
    ser = digits(r, 7)
    return "%s-%s%d" % (pre, ser, int(ser) % 7)


def s10(r):
    d = digits(r, 8)
    s = sum(int(a) * w for a, w in zip(d, [8, 6, 4, 2, 3, 5, 9, 7]))
    c = 11 - s % 11
    c = 0 if c == 10 else 5 if c == 11 else c
    return r.choice(["RR", "RA", "CP", "EE", "LX"]) + d + str(c) + r.choice(["IT", "DE", "FR"])


def ean13(r):
    d = r.choice(["80", "81", "82", "83", "40", "30", "84", "54", "87", "76"]) + digits(r, 10)
    c = (10 - sum(int(a) * (1 if i % 2 == 0 else 3) for i, a in enumerate(d)) % 10) % 10
    return d + str(c)


def imo(r):
    d = digits(r, 6, "9")
    return "IMO " + d + str(sum(int(a) * w for a, w in zip(d, range(7, 1, -1))) % 10)


def bic(r, c=None):
    cc = {"UK": "GB"}.get(c, c) or r.choice(["FR", "DE", "ES", "CH", "AT", "NL", "BE", "GB", "US", "PT", "PL", "IE", "IT"])
    b = rstr(r, 4, string.ascii_uppercase) + cc + rstr(r, 2, string.ascii_uppercase + "2")
    return b + (rstr(r, 3, string.ascii_uppercase + string.digits) if r.random() < .3 else ("XXX" if r.random() < .3 else ""))


def postal(r, c):
    city, f = r.choice(CITY[c])
    return f.format(r.randint(1, 9 if "{}" in f else 20)), city


def eori(r, c=None):
    c = c or r.choice(["DE", "FR", "NL", "ES", "UK"])
    if c == "DE":
        return "DE" + digits(r, r.choice([7, 13, 15]), "123456789")
    if c == "FR":
        return "FR" + siret(r)
    if c == "NL":
        return "NL" + digits(r, 9, "123456789")
    if c == "ES":
        return "ES" + es_cif(r)
    return "GB" + gb_vat(r).replace(" ", "")[2:] + "000"


def date(r, style=None):
    y, m, d = r.randint(2023, 2026), r.randint(1, 12), r.randint(1, 28)
    style = style or r.choice(["dmy.", "iso", "mdy", "dmy/", "dmy."])
    return {"dmy.": "%02d.%02d.%d" % (d, m, y), "iso": "%d-%02d-%02d" % (y, m, d), "mdy": "%02d/%02d/%d" % (m, d, y),
            "dmy/": "%02d/%02d/%d" % (d, m, y)}[style]


def amount(r):
    n = r.randint(100, 9999999)
    eu = "{:,}".format(n // 100).replace(",", ".") + ",%02d" % (n % 100)
    us = "{:,}".format(n // 100) + ".%02d" % (n % 100)
    ch_ = "{:,}".format(n // 100).replace(",", "'") + ".%02d" % (n % 100)
    fr = "{:,}".format(n // 100).replace(",", "\u202f") + ",%02d" % (n % 100)
    return r.choice(["€ " + eu, eu + " €", eu + " EUR", "$" + us, "USD " + us, "£" + us, "GBP " + us, "CHF " + ch_,
                     fr + "\u00a0€", "EUR " + eu, "PLN " + fr.replace("\u202f", " ") + " zł"])


def ttime(r):
    h, m = r.randint(0, 23), r.choice([0, 15, 30, 45, 10, 50])
    return r.choice(["%02d:%02d" % (h, m), "%02d:%02d CET" % (h, m), "%d:%02d %s EST" % ((h % 12) or 12, m, "AM" if h < 12 else "PM"),
                     "%dh%02d" % (h, m), "%02d:%02d:%02d" % (h, m, r.randint(0, 59))])


def version(r):
    return r.choice(["v%d.%d.%d" % (r.randint(1, 9), r.randint(0, 30), r.randint(0, 20)), "%d.%d.%d" % (r.randint(1, 4), r.randint(0, 40), r.randint(0, 9)),
                     "Go 1.%d.%d" % (r.randint(20, 24), r.randint(0, 9)), "Java %d.0.%d" % (r.choice([17, 21]), r.randint(1, 9)),
                     "SAP S/4HANA %d FPS0%d" % (r.choice([2022, 2023]), r.randint(1, 3)), "PostgreSQL %d.%d" % (r.randint(13, 17), r.randint(0, 9)),
                     "Windows 10.0.%d.%d" % (r.randint(19041, 22631), r.randint(1000, 4000)), "release-%d.%02d" % (r.randint(2023, 2026), r.randint(1, 12))])


ISO = ["ISO 27001:2022", "ISO/IEC 27002:2022", "ISO 9001:2015", "ISO 14001:2015", "ISO 45001:2018", "ISO 8601", "ISO 3166-1",
       "EN 1090-2", "IEC 62443-3-3", "ISO/IEC 42001:2023", "ISO 22301:2019", "UNI EN ISO 9001:2015"]
REG = ["art. 28 GDPR", "Reg. (UE) 2016/679", "art. 32 del GDPR", "Direttiva (UE) 2022/2555", "Reg. (UE) 2022/2554 (DORA)",
       "D.Lgs. 196/2003", "D.Lgs. 231/2001", "art. 13 del Regolamento (UE) 2016/679", "Art. 6 Abs. 1 lit. b DSGVO",
       "§ 14 UStG", "Regulation (EU) 2023/1115", "Council Directive 2006/112/EC", "art. 17 ter DPR 633/72",
       "Reg. (CE) 952/2013", "art. 44 GDPR", "Regulation (EU) 2024/1689"]
FLIGHT = ["AZ 610", "LH1853", "FR 8342", "U2 3815", "IB 3251", "AF1267", "KL 1612", "BA 561", "LX 1631", "OS 512", "TP 831", "LO 318", "EI 423", "UA 907", "DL 215"]
HS = ["8471.30.00", "8481 80 85", "HS 6204.62", "7308.90.59", "8708.99.97", "2204 21 79", "3926.90.97", "9018.90.84"]


def tracking(r):
    k = r.random()
    if k < .25:
        return "1Z" + rstr(r, 6, string.ascii_uppercase + string.digits) + digits(r, 10)
    if k < .45:
        return "JJD" + digits(r, 18)
    if k < .6:
        return s10(r)
    if k < .8:
        return digits(r, 12)  # FedEx-style
    return "BRT " + digits(r, 15)


def order_no(r):
    return r.choice(["PO 45%s" % digits(r, 8), "ORD-%d-%s" % (r.randint(2023, 2026), digits(r, 6)), "SO%s" % digits(r, 7),
                     "Bestellnr. %s-%s" % (digits(r, 4), digits(r, 4)), "Commande n° C%s" % digits(r, 8), "Pedido %s/%d" % (digits(r, 5), r.randint(2023, 2026)),
                     "ordine n. %s/%s" % (digits(r, 4), r.choice(["A", "B", "EXP"]))])


def invoice_no(r):
    return r.choice(["%d/%s" % (r.randint(2023, 2026), digits(r, 5)), "INV-%d-%s" % (r.randint(2023, 2026), digits(r, 6)), "RE-%s" % digits(r, 7),
                     "FAC-%s-%s" % (digits(r, 4), digits(r, 4)), "FV/%s/%d" % (digits(r, 4), r.randint(2023, 2026)), "n. %s/E" % digits(r, 4)])


def bad_iban(r, cc):
    s = iban(r, cc, printed=r.random() < .5)
    flat = s.replace(" ", "")
    while True:
        k = "%02d" % r.randint(2, 98)
        t = flat[:2] + k + flat[4:]
        if not iban_ok(t):
            break
    if " " in s:
        return " ".join(t[i:i + 4] for i in range(0, len(t), 4))
    return t


def bad_card(r):
    while True:
        d = card(r, r.choice(["visa", "mc"]))
        flat = re.sub(r"\D", "", d)
        last = str((int(flat[-1]) + r.randint(1, 9)) % 10)
        t = d[:-1] + last
        if not luhn_ok(re.sub(r"\D", "", t)):
            return t


def mac(r):
    return r.choice([":", "-"]).join("%02X" % r.randint(0, 255) for _ in range(6))


def uuid(r):
    h = rstr(r, 32, "0123456789abcdef")
    return "%s-%s-%s-%s-%s" % (h[:8], h[8:12], h[12:16], h[16:20], h[20:])


# ----------------------------------------------------------------------------- slot helpers on a case

def put_phone(cs, c=None, ctx=True, ctx_lang=None, phrase=False):
    r = cs.r
    c = c or cs.c
    val, form, shape = phone(r, c)
    meta = "PHONE/%s/%s/%s" % (c, form, shape)
    if c == "DE" and form == "intl" and "{s}" in shape and r.random() < .15:
        val += "-" + digits(r, 2)
        meta += "/durchwahl"
        cs.judge("German extension (Durchwahl) suffix")
    if ctx:
        lang = ctx_lang or CLANG[c]
        w = r.choice(PHONE_CTX.get(lang, PHONE_CTX["en"]))
        cs.t(w + " ")
        meta += "/ctx=" + w
        cs.v("PHONE", val, meta)
    elif phrase:
        meta += "/phrase"
        cs.v("PHONE", val, meta)
    else:
        meta += "/noctx"
        cs.v("PHONE", val, meta, judgement=("foreign national phone, no context" if form == "nat" and c != "IT" else None))
    return val


def put_email(cs, c=None, ctx=None, who=None):
    c = c or cs.c
    e = email(cs.r, c, who)
    if ctx:
        cs.t(ctx + " ")
    cs.v("EMAIL", e, "EMAIL/" + e.split("@")[1])
    return e


def put_iban(cs, cc=None, printed=None):
    r = cs.r
    if cc is None:
        cc = {"UK": "GB", "US": "IT"}.get(cs.c, cs.c)
    val = iban(r, cc, printed)
    cs.v("IBAN", val, "IBAN/%s/%s" % (cc, "print" if " " in val else "electronic"),
         judgement=("non-SEPA IBAN" if cc in NON_SEPA else None))
    return val


def put_piva(cs, style=None):
    r = cs.r
    p = piva(r)
    style = style or r.choice(["plain", "plain", "plain", "IT", "IT ", "VAT IT"])
    if style == "plain":
        cs.v("IT_VAT", p, "IT_VAT/plain")
    elif style == "IT":
        cs.t("IT").v("IT_VAT", p, "IT_VAT/IT-prefix", judgement="IT prefix on IT_VAT")
    elif style == "IT ":
        cs.t("IT ").v("IT_VAT", p, "IT_VAT/IT-space", judgement="IT prefix on IT_VAT")
    else:
        cs.t("IT").v("IT_VAT", p, "IT_VAT/IT-prefix", judgement="IT prefix on IT_VAT")
    return p


def addr(r, c):
    pc, city = postal(r, c)
    return "%s %d, %s %s" % (STREET[c], r.randint(1, 180), pc, city) if c not in ("UK", "US", "IE") else "%d %s, %s %s" % (r.randint(1, 180), STREET[c], city, pc)


def full_name(r, c, who=None):
    f, l = who or person(r, c)
    return f + " " + l


def company_name(r, c):
    return company(r, c)[0]


# ----------------------------------------------------------------------------- positive templates

def p_signature(cs):
    """A foreign contact's e-mail signature to translate / file in the CRM."""
    r, c = cs.r, cs.c
    lead = {"it": ["Traduci in italiano questa firma e inseriscila nel CRM:", "Estrai i contatti da questa firma del fornitore:",
                   "Metti in anagrafica il nuovo referente, firma qui sotto:"],
            "en": ["Please add this contact to our CRM, signature below:", "Extract name, phone and email from this signature:",
                   "Can you format this supplier signature as a vCard?"]}[cs.lang if cs.lang in ("it", "en") else "it"]
    who = person(r, c)
    cs.t(cs.ch(lead) + "\n\n--\n" + full_name(r, c, who) + "\n" + r.choice(["Sales Manager", "Key Account", "Einkaufsleiter", "Responsable achats", "Jefe de compras", "Logistics"]) + "\n")
    cs.t(company_name(r, c) + "\n" + addr(r, c) + "\n")
    put_phone(cs, c, ctx=True)
    cs.t("\n")
    if r.random() < .5:
        put_phone(cs, c, ctx=True)
        cs.t("\n")
    ectx = r.choice(EMAIL_CTX.get(CLANG[c], EMAIL_CTX["en"]))
    put_email(cs, c, ectx, who if r.random() < .8 else None)
    if r.random() < .35:
        cs.t("\n")
        cs.neg(r.choice(["USt-IdNr.: " + de_vat(r), "TVA : " + fr_vat(r), "NIF: " + es_nif(r), "UID: " + ch_uid(r) + " MWST", "VAT Reg. " + gb_vat(r),
                         "BTW: " + nl_btw(r), "KvK " + digits(r, 8), "SIRET " + siret(r), "EORI " + eori(r)]))
    cs.t("\n")


def p_callback(cs):
    r, c = cs.r, cs.c
    who = person(r, c)
    n = full_name(r, c, who)
    if cs.lang == "it":
        cs.t(cs.ch(["Scrivi una mail cortese a ", "Prepara una risposta per ", "Rispondi in inglese a "]) + n + " (")
        put_email(cs, c, None, who)
        cs.t(") e digli che lo richiamiamo domani al ")
        put_phone(cs, c, ctx=False, phrase=True)
        if r.random() < .4:
            cs.neg(" per l'ordine " + order_no(r) + ".")
        else:
            cs.t(cs.ch([".", " entro le " + ttime(r) + "."]))
    else:
        cs.t(cs.ch(["Draft a short reply to ", "Write a polite follow-up to ", "Summarise the call with "]) + n + " <")
        put_email(cs, c, None, who)
        cs.t(">; " + cs.ch(["he asked us to call back on ", "she can be reached on ", "their desk number is "]))
        put_phone(cs, c, ctx=False, phrase=True)
        if r.random() < .4:
            cs.neg(" about order " + order_no(r) + ".")
        else:
            cs.t(cs.ch([".", " before " + ttime(r) + "."]))


def p_phone_list(cs):
    r = cs.r
    cs.t({"it": "Formatta questa rubrica dei referenti esteri in una tabella:\n", "en": "Turn this list of foreign contacts into a table:\n"}[cs.lang if cs.lang in ("it", "en") else "it"])
    for c in r.sample(COUNTRIES, r.randint(2, 4)):
        who = person(r, c)
        cs.t("- " + full_name(r, c, who) + " (" + c + "), ")
        put_phone(cs, c, ctx=r.random() < .75, ctx_lang=r.choice([CLANG[c], cs.lang if cs.lang in ("it", "en") else "en"]))
        if r.random() < .5:
            cs.t(", ")
            put_email(cs, c, None, who)
        cs.t("\n")


def p_iban_payment(cs):
    r, c = cs.r, cs.c
    cc = {"UK": "GB", "US": r.choice(["IT", "DE"])}.get(c, c)
    if r.random() < .5:
        cc = cyc(r, "sepa", SEPA)
    nm = company_name(r, c)
    if cs.lang == "it":
        cs.t(cs.ch(["Prepara la distinta di bonifico: ", "Controlla i dati del bonifico: ", "Verifica se questo IBAN è coerente con il paese del fornitore: "]))
        cs.t("beneficiario " + nm + ", IBAN ")
        put_iban(cs, cc)
        cs.t(", ")
        cs.neg("BIC " + bic(r, cc) + ", importo " + amount(r) + ", causale fattura " + invoice_no(r) + " del " + date(r) + ".")
    else:
        cs.t(cs.ch(["Please check this payment instruction: ", "Write the remittance advice for ", "Is this bank detail plausible? "]))
        cs.t(nm + ", IBAN: ")
        put_iban(cs, cc)
        cs.t("; ")
        cs.neg("SWIFT/BIC " + bic(r, cc) + "; amount " + amount(r) + "; invoice " + invoice_no(r) + " due " + date(r) + ".")


def p_iban_batch(cs):
    """A SEPA credit-transfer batch with beneficiaries across Europe."""
    r = cs.r
    cs.t(cs.L(["Controlla questa distinta SEPA prima dell'invio in banca:\n", "Ricontrolla gli IBAN di questo lotto di bonifici:\n"],
              ["Check this SEPA batch before we upload it to the bank:\n", "Sanity-check the IBANs in this payment run:\n"]))
    cs.t("beneficiario;iban;bic;importo;causale\n" if cs.base == "it" else "beneficiary;iban;bic;amount;reference\n")
    for _ in range(r.randint(2, 4)):
        cc = cyc(r, "sepa", SEPA)
        c = {"GB": "UK"}.get(cc, cc if cc in COMPANY else r.choice(COUNTRIES))
        cs.t(company_name(r, c) + ";")
        put_iban(cs, cc, printed=r.random() < .3)
        cs.neg(";" + bic(r, cc) + ";" + amount(r).replace("\u00a0", " ").replace("\u202f", " ") + ";" + invoice_no(r) + "\n")


def p_iban_letter(cs):
    """Bank detail change letter, in the supplier's language, pasted for translation."""
    r, c = cs.r, cs.c
    cc = {"UK": "GB", "US": "IE"}.get(c, c)
    lead = "Traduci questa lettera del fornitore e dimmi se è sospetta:\n" if cs.lang == "it" else "Translate this supplier letter and tell me if it looks like fraud:\n"
    cs.t(lead)
    body = {"fr": ("Madame, Monsieur,\nnous vous informons du changement de nos coordonnées bancaires. Nouveau RIB/IBAN : ", "\nMerci de mettre à jour votre fichier fournisseurs."),
            "de": ("Sehr geehrte Damen und Herren,\nbitte beachten Sie unsere neue Bankverbindung: IBAN ", "\nBitte aktualisieren Sie Ihre Stammdaten."),
            "es": ("Estimados señores:\nles comunicamos nuestra nueva cuenta bancaria (IBAN): ", "\nRogamos actualicen sus datos."),
            "nl": ("Geachte heer/mevrouw,\nons nieuwe rekeningnummer is IBAN ", "\nGelieve uw gegevens aan te passen."),
            "pt": ("Exmos. Senhores,\ninformamos o nosso novo IBAN: ", "\nAgradecemos a atualização dos vossos registos."),
            "pl": ("Szanowni Państwo,\nuprzejmie informujemy o zmianie rachunku bankowego. Nowy IBAN: ", "\nProsimy o aktualizację danych."),
            "en": ("Dear Sir or Madam,\nplease note our new bank details. IBAN: ", "\nKindly update your vendor master data.")}[CLANG[c]]
    cs.t(body[0])
    put_iban(cs, cc)
    cs.t("\n")
    cs.neg("BIC: " + bic(r, cc) + "\n")
    who = person(r, c)
    cs.t(body[1] + "\n" + full_name(r, c, who) + ", ")
    put_email(cs, c, None, who)


def p_invoice_piva(cs):
    r, c = cs.r, cs.c
    if cs.lang == "it":
        cs.t(cs.ch(["Compila l'intestazione della fattura: ", "Controlla i dati di questa fattura: ", "Genera la fattura proforma: "]))
        cs.t("cedente " + company_name(r, "IT") + ", P.IVA ")
        put_piva(cs, "plain")
        cs.t("; cessionario " + company_name(r, c) + ", ")
        cs.neg(r.choice(["TVA " + fr_vat(r), "USt-IdNr. " + de_vat(r), "NIF " + es_nif(r), "UID " + ch_uid(r), "VAT " + gb_vat(r), "UID " + at_vat(r),
                         "BTW " + nl_btw(r), "NIP " + pl_nip(r), "NIF PT" + pt_nif(r), "VAT " + ie_vat(r), "EIN %s-%s" % (digits(r, 2, "123456789"), digits(r, 7))]))
        cs.t(", operazione non imponibile " + r.choice(["art. 41 DL 331/93", "art. 7-ter DPR 633/72", "art. 8 DPR 633/72"]) + ", totale " + amount(r) + ".")
    else:
        cs.t(cs.ch(["Fill in the invoice header: seller ", "Check this invoice: supplier ", "Draft a credit note; the issuer is "]))
        cs.t(company_name(r, "IT") + ", VAT no. ")
        put_piva(cs, r.choice(["IT", "IT ", "plain"]))
        cs.t(", buyer " + company_name(r, c) + ", ")
        cs.neg(r.choice(["VAT " + fr_vat(r), "VAT " + de_vat(r), "VAT " + gb_vat(r), "UID " + at_vat(r), "VAT ES" + es_cif(r), "VAT " + be_vat(r), "EIN %s-%s" % (digits(r, 2, "123456789"), digits(r, 7))]))
        cs.t(", due " + date(r) + ", " + amount(r) + ".")


def p_piva_only(cs):
    r = cs.r
    if cs.lang == "it":
        cs.t(cs.ch(["La partita IVA ", "Verifica su VIES la P.IVA ", "Il cliente ha comunicato la P.IVA "]))
        put_piva(cs, r.choice(["plain", "plain", "IT"]))
        cs.t(cs.ch([" risulta cessata?", ": è valida per le operazioni intracomunitarie?", ", aggiorna l'anagrafica SAP."]))
    else:
        cs.t(cs.ch(["Our Italian VAT number is ", "Put the partita IVA ", "The VIES check failed for "]))
        put_piva(cs, r.choice(["IT", "IT ", "plain"]))
        cs.t(cs.ch([", why?", " in the footer of the template.", "; what does that mean for reverse charge?"]))


def p_cf_employee(cs):
    r, c = cs.r, cs.c
    born_abroad = r.random() < .6
    code = cf(r, c if born_abroad else None, omocodia=r.random() < .12)
    lower = r.random() < .06
    if lower:
        code = code.lower()
    n = full_name(r, "IT")
    if cs.lang == "it":
        cs.t(cs.ch(["Prepara la lettera di distacco in " + c + " per ", "Compila il modulo A1 per ", "Aggiorna il cedolino di "]) + n + ", codice fiscale ")
        cs.v("IT_FISCAL_CODE", code, "CF/%s%s" % ("abroad" if born_abroad else "it", "/lower" if lower else ""), judgement=("lower-case codice fiscale" if lower else None))
        cs.t(cs.ch([", nato a " + CITY[c][0][0] + ".", ", residente a " + CITY["IT"][0][0] + ".", "."]))
        if r.random() < .4:
            cs.t(" ")
            put_email(cs, "IT", "Mail aziendale:")
    else:
        cs.t(cs.ch(["Draft the secondment letter to " + c + " for ", "Our colleague ", "Fill the A1 form for "]) + n + " (codice fiscale ")
        cs.v("IT_FISCAL_CODE", code, "CF/%s%s" % ("abroad" if born_abroad else "it", "/lower" if lower else ""), judgement=("lower-case codice fiscale" if lower else None))
        cs.t(cs.ch([") starts in " + CITY[c][0][0] + " on " + date(r) + ".", ") needs a local tax number too.", ")."]))


def p_card(cs):
    r, c = cs.r, cs.c
    v = card(r)
    if cs.lang == "it":
        cs.t(cs.ch(["Il cliente " + c + " chiede il rimborso sulla carta ", "Addebito contestato sulla carta ", "Prenota l'hotel per la fiera a " + CITY[c][0][0] + " con la carta aziendale "]))
        cs.v("CREDIT_CARD", v, "CARD/" + (card_brand(re.sub(r"\D", "", v)) or "?"))
        cs.t(cs.ch([", scadenza %02d/%02d." % (r.randint(1, 12), r.randint(26, 31)), ", ordine " + order_no(r) + ".", "."]))
    else:
        cs.t(cs.ch(["The customer disputes a charge on card ", "Book the trade fair hotel in " + CITY[c][0][0] + " with the corporate card ", "Refund card "]))
        cs.v("CREDIT_CARD", v, "CARD/" + (card_brand(re.sub(r"\D", "", v)) or "?"))
        cs.t(cs.ch([", exp %02d/%02d." % (r.randint(1, 12), r.randint(26, 31)), " for " + amount(r) + ".", "."]))


def p_card_foreign(cs):
    r, c = cs.r, cs.c
    v = card(r)
    phr = {"fr": "numéro de carte : ", "de": "Kreditkartennummer: ", "es": "número de tarjeta: ", "nl": "kaartnummer: ", "pt": "número do cartão: ", "pl": "numer karty: ", "en": "card number: "}[CLANG[c]]
    cs.t(("Il cliente ci ha scritto: «" if cs.lang in ("it", "mixed") else "The customer wrote: \"") + phr)
    cs.v("CREDIT_CARD", v, "CARD/foreign-ctx")
    cs.t(("» — cosa rispondo?" if cs.lang in ("it", "mixed") else "\" — what should I answer?"))


def p_ssn(cs):
    r = cs.r
    sep = "-" if r.random() < .85 else " "
    v = ssn(r, sep)
    n = full_name(r, "US")
    if cs.lang == "it":
        cs.t("Per l'assunzione del collega americano " + n + " mi serve il modulo W-4 compilato: SSN ")
        cs.v("US_SSN", v, "SSN/" + repr(sep))
        cs.t(", ")
        cs.neg("ZIP " + postal(r, "US")[0] + ", data di inizio " + date(r, "mdy") + ".")
    else:
        cs.t(cs.ch(["Onboarding for our New York hire " + n + ": SSN ", "Payroll question: employee " + n + ", social security number ", "W-2 correction for " + n + " (SSN "]))
        cs.v("US_SSN", v, "SSN/" + repr(sep))
        cs.t(cs.ch([", start date " + date(r, "mdy") + ".", ", salary " + amount(r) + ".", ")."]))


def p_ip_log(cs):
    r, c = cs.r, cs.c
    lead = {"it": "Analizza questo log del firewall della filiale di " + CITY[c][0][0] + ":\n", "en": "Explain this VPN log from the " + CITY[c][0][0] + " office:\n"}[cs.lang if cs.lang in ("it", "en") else "en"]
    cs.t(lead)
    for _ in range(r.randint(1, 3)):
        cs.t(date(r, "iso") + "T" + "%02d:%02d:%02dZ" % (r.randint(0, 23), r.randint(0, 59), r.randint(0, 59)) + " DENY src=")
        if r.random() < .75:
            cs.v("IP_ADDRESS", ip4(r), "IP/v4")
        else:
            cs.v("IP_ADDRESS", ip6(r), "IP/v6")
        cs.t(" dst=")
        cs.v("IP_ADDRESS", ip4(r, True), "IP/v4")
        cs.t(":%d proto=tcp\n" % r.choice([443, 22, 3389, 5432, 8443]))
    if r.random() < .3:
        cs.neg("device " + mac(r) + " fw " + version(r) + "\n")


def p_ip_sentence(cs):
    r = cs.r
    v = ip4(r) if r.random() < .7 else ip6(r)
    cidr = r.random() < .12
    if cs.lang == "it":
        cs.t(cs.ch(["Aggiungi in whitelist l'indirizzo ", "Il server SFTP del fornitore tedesco risponde su ", "Perché non riesco a pingare "]))
    else:
        cs.t(cs.ch(["Whitelist the partner's address ", "The EDI endpoint of the Dutch forwarder is ", "Why can't I reach "]))
    cs.v("IP_ADDRESS", v, "IP/" + ("v6" if ":" in v else "v4") + ("/cidr" if cidr else ""), judgement=("CIDR suffix" if cidr else None))
    if cidr:
        cs.t("/%d" % (r.choice([24, 28, 32]) if ":" not in v else 64))
    cs.t(cs.L(["?", " sulla porta 22.", "."], ["?", " (port 443).", "."]))


def p_dev_aws(cs):
    r = cs.r
    cs.t(cs.L(["Perché questo script di upload su S3 dà AccessDenied?\n", "Rivedi questo file di configurazione del collega di Monaco:\n"],
              ["Why does this boto3 script fail in eu-south-1?\n", "Review this config from our Munich colleague:\n"]))
    if r.random() < .5:
        cs.t("[default]\naws_access_key_id = ")
        cs.v("AWS_ACCESS_KEY", aws_key(r), "AWS")
        cs.t("\naws_secret_access_key = ")
        cs.v("AWS_SECRET_KEY", aws_secret(r), "AWS")
        cs.t("\nregion = eu-south-1\n")
    else:
        cs.t("export AWS_ACCESS_KEY_ID=")
        cs.v("AWS_ACCESS_KEY", aws_key(r), "AWS")
        cs.t("\nexport AWS_SECRET_ACCESS_KEY=")
        cs.v("AWS_SECRET_KEY", aws_secret(r), "AWS")
        cs.t("\naws s3 cp ./export_%s.csv s3://acme-eu-invoices/\n" % date(r, "iso"))


def p_dev_tokens(cs):
    r = cs.r
    kinds = r.sample(["gh", "gl", "slack", "hook", "stripe", "openai", "anthropic", "google", "jwt", "cred", "pem", "pw"], r.randint(1, 3))
    cs.t(cs.L(["Sistemami questo .env, l'app non parte:\n", "Il collega di Monaco mi ha passato questo file, cosa non va?\n"],
              ["Our CI fails, here is the config:\n", "Convert this .env to a Kubernetes secret:\n"]))
    for k in kinds:
        if k == "gh":
            cs.t("GITHUB_TOKEN=").v("GITHUB_TOKEN", gh_token(r), "GH")
        elif k == "gl":
            cs.t("GITLAB_TOKEN=").v("GITLAB_TOKEN", gl_token(r), "GL")
        elif k == "slack":
            cs.t("SLACK_BOT_TOKEN=").v("SLACK_TOKEN", slack_token(r), "SLACK")
        elif k == "hook":
            cs.t("ALERT_WEBHOOK=").v("SLACK_WEBHOOK", slack_hook(r), "HOOK")
        elif k == "stripe":
            cs.t("STRIPE_SECRET=").v("STRIPE_KEY", stripe_key(r), "STRIPE")
        elif k == "openai":
            cs.t("OPENAI_API_KEY=").v("OPENAI_KEY", openai_key(r), "OPENAI")
        elif k == "anthropic":
            cs.t("ANTHROPIC_API_KEY=").v("ANTHROPIC_KEY", anthropic_key(r), "ANTHROPIC")
        elif k == "google":
            cs.t("MAPS_API_KEY=").v("GOOGLE_API_KEY", google_key(r), "GOOGLE")
        elif k == "jwt":
            cs.t("SESSION_TOKEN=").v("JWT", jwt(r), "JWT")
        elif k == "cred":
            cs.t("DATABASE_URL=").v("CREDENTIAL_URL", cred_url(r), "CREDURL")
        elif k == "pem":
            cs.t("TLS_KEY=\"").v("PRIVATE_KEY", private_key(r), "PEM").t("\"")
        else:
            cs.t("SMTP_PASSWORD=").v("PASSWORD", password(r), "PW/env")
        cs.t("\n")
    if r.random() < .4:
        cs.neg("APP_VERSION=" + version(r).replace(" ", "-") + "\nBUILD_ID=" + uuid(r) + "\n")


def p_password_chat(cs):
    r, c = cs.r, cs.c
    pw = password(r)
    k = r.random()
    if cs.lang == "it":
        cs.t(cs.ch(["Il collega di " + CITY[c][0][0] + " non riesce a entrare nel portale fornitori, la password è ", "Scrivi una mail al cliente con le credenziali SFTP: utente edi_" + ascii_slug(person(r, c)[1]) + ", password "]))
        cs.v("PASSWORD", pw, "PW/it")
        cs.t(cs.ch([". Come la resetto?", " (scade il " + date(r) + ").", "."]))
    elif k < .5:
        cs.t(cs.ch(["Translate for our German supplier: «Ihr Zugang zum Portal: Benutzer ", "Help me word this for the French client: «Identifiant : "]))
        cs.t("edi_" + ascii_slug(person(r, c)[1]))
        w = cs.ch([", Passwort: ", ", mot de passe : ", ", contraseña: "])
        cs.t(w)
        cs.v("PASSWORD", pw, "PW/" + w.strip(" ,:"))
        cs.t("»")
    else:
        cs.t("Config review please:\nsftp:\n  host: edi.partner.example." + r.choice(["de", "fr", "nl"]) + "\n  user: acme_it\n  password: ")
        cs.v("PASSWORD", pw, "PW/yaml")
        cs.t("\n")


def p_conf_marker(cs):
    r = cs.r
    foreign = r.random() < .35
    m = r.choice(["VERTRAULICH", "STRENG VERTRAULICH", "CONFIDENTIEL", "CONFIDENCIAL", "STRICTEMENT CONFIDENTIEL"]) if foreign else r.choice(["RISERVATO", "STRETTAMENTE RISERVATO", "CONFIDENTIAL", "STRICTLY CONFIDENTIAL", "INTERNAL USE ONLY", "USO INTERNO", "TLP:AMBER", "TLP:RED"])
    if cs.lang == "it":
        cs.t("Riassumi questo documento del partner. Intestazione: ")
    else:
        cs.t("Summarise this memo from our partner. Header: ")
    cs.v("CONFIDENTIAL_MARKER", m, "CONF/" + m, judgement=("foreign-language confidentiality marker" if foreign else None))
    cs.t(" — " + r.choice(["Preisliste " + str(r.randint(2025, 2026)), "Plan de restructuration", "Board minutes " + date(r), "Offerta " + invoice_no(r)]) + ".")


def p_mixed_quote(cs):
    """IT/EN sentence with a FR/DE/ES phrase carrying the value."""
    r = cs.r
    c = r.choice(["FR", "DE", "ES", "CH", "AT", "BE"])
    cs.c = c
    lg = CLANG[c]
    base = r.choice(["it", "en"])
    if lg == "fr":
        phr = [("Merci de me rappeler au ", "phone"), ("Vous pouvez écrire à ", "email"), ("Veuillez virer le solde sur le compte ", "iban")]
    elif lg == "de":
        phr = [("Bitte rufen Sie mich unter ", "phone"), ("Schreiben Sie bitte an ", "email"), ("Bitte überweisen Sie den Betrag auf ", "iban")]
    else:
        phr = [("Por favor, llámeme al ", "phone"), ("Pueden escribir a ", "email"), ("Rogamos transfieran el importe a la cuenta ", "iban")]
    p, k = r.choice(phr)
    cs.base = base
    cs.t({"it": "Il cliente ha scritto: «", "en": "The customer wrote: «"}[base] + p)
    if k == "phone":
        v, form, shape = phone(r, c)
        cs.v("PHONE", v, "PHONE/%s/%s/%s/mixed" % (c, form, shape))
        cs.t(" an." if lg == "de" else ".")
    elif k == "email":
        put_email(cs, c)
        cs.t(".")
    else:
        put_iban(cs, {"UK": "GB"}.get(c, c))
        cs.t(".")
    cs.t("» " + {"it": r.choice(["Rispondigli in italiano.", "Cosa vuole esattamente?", "Traduci e prepara una risposta."]),
                  "en": r.choice(["Reply in English please.", "What exactly do they want?", "Translate and draft an answer."])}[base])


def p_nonsepa(cs):
    r = cs.r
    cc = r.choice(NON_SEPA)
    cs.t({"it": "Il nuovo distributore ci chiede il pagamento su questo conto: IBAN ", "en": "The new distributor wants payment to IBAN "}[cs.lang if cs.lang in ("it", "en") else "it"])
    put_iban(cs, cc)
    cs.t({"it": ". Serve un bonifico SWIFT?", "en": ". Is this a SWIFT transfer?"}[cs.lang if cs.lang in ("it", "en") else "it"])


def p_ticket(cs):
    """A support ticket mixing several PII items."""
    r, c = cs.r, cs.c
    cs.t({"it": "Riassumi questo ticket del cliente estero:\n", "en": "Summarise this customer ticket:\n"}[cs.lang if cs.lang in ("it", "en") else "en"])
    who = person(r, c)
    cs.t("Customer: " + full_name(r, c, who) + " / " + company_name(r, c) + "\nContact: ")
    put_email(cs, c, None, who)
    cs.t(" · ")
    put_phone(cs, c, ctx=r.random() < .5)
    cs.t("\n")
    cs.neg("Order " + order_no(r) + ", shipped " + date(r) + " via " + r.choice(["DHL", "UPS", "GLS", "DB Schenker"]) + " " + tracking(r) + "\n")
    cs.t("Issue: " + r.choice(["damaged pallet", "wrong HS code on the invoice", "missing certificate of origin", "double charge"]) + "\n")
    if r.random() < .4:
        cs.t("Refund to: ")
        put_iban(cs, {"UK": "GB", "US": "IE"}.get(c, c))
        cs.t("\n")


POS_IT = [p_signature, p_callback, p_phone_list, p_iban_payment, p_iban_letter, p_invoice_piva, p_piva_only, p_cf_employee,
          p_card, p_card_foreign, p_ssn, p_ip_log, p_ip_sentence, p_dev_aws, p_dev_tokens, p_password_chat, p_conf_marker, p_nonsepa, p_ticket]
POS_W = {p_iban_batch: 4, p_signature: 9, p_callback: 9, p_phone_list: 7, p_iban_payment: 8, p_iban_letter: 5, p_invoice_piva: 6, p_piva_only: 4,
         p_cf_employee: 6, p_card: 5, p_card_foreign: 3, p_ssn: 4, p_ip_log: 4, p_ip_sentence: 3, p_dev_aws: 3, p_dev_tokens: 6,
         p_password_chat: 3, p_conf_marker: 2, p_nonsepa: 1.5, p_ticket: 6}

# ----------------------------------------------------------------------------- evasion templates

def e_json(cs):
    r, c = cs.r, cs.c
    cs.t(cs.L(["Perché questo payload viene rifiutato dall'API del corriere?\n", "Valida questo JSON del nostro e-shop francese:\n"],
              ["Parse this webhook body from our French e-shop:\n", "Why does the carrier API reject this payload?\n"]))
    k = r.choice(["email", "phone", "iban"])
    who = person(r, c)
    cs.t('{"customer": {"name": "%s", ' % full_name(r, c, who))
    if k == "email":
        e = email(r, c, who)
        esc = e.replace("@", "\\u0040") if r.random() < .6 else "".join("\\u%04x" % ord(x) if x in "@." else x for x in e)
        cs.t('"email": "').v("EMAIL", esc, "EMAIL/json-escape").t('"')
    elif k == "phone":
        v, form, shape = phone(r, c)
        esc = v.replace("+", "\\u002b").replace(" ", "\\u0020") if "+" in v else v.replace(" ", "\\u00a0")
        if esc == v:
            esc = "".join("\\u%04x" % ord(x) if x.isdigit() and i % 3 == 0 else x for i, x in enumerate(v))
        cs.t('"phone": "').v("PHONE", esc, "PHONE/%s/%s/json-escape" % (c, form)).t('"')
    else:
        v = iban(r, {"UK": "GB", "US": "IT"}.get(c, c), printed=True)
        esc = v.replace(" ", "\\u0020")
        cs.t('"iban": "').v("IBAN", esc, "IBAN/json-escape").t('"')
    cs.t('}, "order": "%s", "total": "%s"}' % (order_no(r), amount(r).replace("\u00a0", " ").replace("\u202f", " ")))
    cs.tags.append("evasion:json-escape")


def e_b64(cs):
    r = cs.r
    k = r.choice(["gh", "stripe", "aws", "cred", "openai", "gl", "slack"])
    val, typ = {"gh": (gh_token(r), "GITHUB_TOKEN"), "stripe": (stripe_key(r), "STRIPE_KEY"), "aws": (aws_secret(r), "AWS_SECRET_KEY"),
                "cred": (cred_url(r), "CREDENTIAL_URL"), "openai": (openai_key(r), "OPENAI_KEY"), "gl": (gl_token(r), "GITLAB_TOKEN"),
                "slack": (slack_token(r), "SLACK_TOKEN")}[k]
    enc = base64.b64encode(val.encode()).decode()
    cs.t(cs.L(["Perché il pod a Francoforte non legge questo secret?\n"], ["Fix this Kubernetes secret, the deployment in Frankfurt crashes:\n"]))
    cs.t("apiVersion: v1\nkind: Secret\nmetadata:\n  name: erp-connector\ntype: Opaque\ndata:\n  %s: " % {"gh": "GITHUB_TOKEN", "stripe": "STRIPE_KEY", "aws": "AWS_SECRET_ACCESS_KEY", "cred": "DATABASE_URL", "openai": "OPENAI_API_KEY", "gl": "GITLAB_TOKEN", "slack": "SLACK_BOT_TOKEN"}[k])
    cs.v(typ, enc, typ + "/base64")
    cs.t("\n")
    cs.tags.append("evasion:base64")


def e_percent(cs):
    r, c = cs.r, cs.c
    k = r.choice(["email", "email", "phone", "iban", "cred"])
    cs.t(cs.L(["Questo link di tracking del tool di newsletter contiene dati personali? ", "Decodifica questo URL dall'export del CRM: "],
              ["What does this redirect URL do? ", "Decode this URL from the CRM export: "]))
    cs.t("https://crm.example.eu/r?c=%s&" % digits(r, 6))
    if k == "email":
        e = email(r, c)
        cs.t("email=").v("EMAIL", e.replace("@", "%40").replace("+", "%2B"), "EMAIL/percent")
    elif k == "phone":
        v, form, shape = phone(r, c)
        enc = v.replace("+", "%2B").replace(" ", "%20").replace("(", "%28").replace(")", "%29").replace("/", "%2F").replace("\u00a0", "%C2%A0").replace("\u202f", "%E2%80%AF")
        cs.t("tel=").v("PHONE", enc, "PHONE/%s/%s/percent" % (c, form))
    elif k == "iban":
        v = iban(r, {"UK": "GB", "US": "IT"}.get(c, c), printed=True)
        cs.t("iban=").v("IBAN", v.replace(" ", "%20"), "IBAN/percent")
    else:
        v = cred_url(r)
        enc = "".join("%%%02X" % ord(x) if x in ":/@!*~" else x for x in v)
        cs.t("next=").v("CREDENTIAL_URL", enc, "CREDURL/percent")
    cs.t("&utm_source=newsletter")
    cs.tags.append("evasion:percent-encoding")


def evade_inplace(cs, kind):
    """fullwidth or zero-width on one labelled piece of an ordinary positive case."""
    r = cs.r
    idx = [i for i, p in enumerate(cs.pieces) if p[1] and p[1] not in ("PRIVATE_KEY", "CONFIDENTIAL_MARKER")]
    if not idx:
        return False
    i = r.choice(idx)
    s, typ, meta = cs.pieces[i]
    if kind == "fullwidth":
        if typ == "EMAIL" and r.random() < .5:
            t = s.replace("@", "＠")
        elif typ in ("PHONE", "CREDIT_CARD", "US_SSN", "IT_VAT", "IP_ADDRESS"):
            t = "".join(FW.get(x, x) if x.isdigit() else x for x in s)
        else:
            t = "".join(FW.get(x, x) for x in s)
    else:
        t = s
        for _ in range(r.randint(1, 2)):
            p = r.randint(2, len(t) - 2)
            t = t[:p] + r.choice(ZW) + t[p:]
    cs.pieces[i] = [t, typ, meta + "/" + kind]
    cs.tags.append("evasion:" + kind)
    return True


# ----------------------------------------------------------------------------- negative templates

def n_registry(cs):
    r, c = cs.r, cs.c
    it = cs.lang == "it"
    nm = company_name(r, c)
    pc, city = postal(r, c)
    ids = {"FR": ["SIREN " + siren(r), "SIRET " + (lambda x: x if r.random() < .5 else "%s %s %s %s" % (x[:3], x[3:6], x[6:9], x[9:]))(siret(r)), "TVA intracom " + fr_vat(r), "code APE %02d.%02dZ" % (r.randint(10, 99), r.randint(10, 99))],
           "DE": ["USt-IdNr. " + de_vat(r), "Steuer-ID " + steuer_id(r), "HRB %d B" % r.randint(10000, 250000), "Steuernummer %s/%s/%s" % (digits(r, 2), digits(r, 3), digits(r, 5))],
           "ES": ["NIF " + es_nif(r), "CIF " + es_cif(r), "NIE " + es_nie(r), "IVA ES" + es_cif(r)],
           "CH": ["UID " + ch_uid(r), ch_uid(r) + " MWST", "Handelsregister CH-%s.%s.%s-%s" % (digits(r, 3), digits(r, 3), digits(r, 3), digits(r, 1))],
           "AT": ["UID " + at_vat(r), "FN %d%s" % (r.randint(10000, 599999), r.choice("abdfghikmpstvwxyz")), "Steuernummer %s %s/%s" % (digits(r, 2), digits(r, 3), digits(r, 4))],
           "NL": ["KvK " + digits(r, 8, "123456789"), "BTW " + nl_btw(r), "BSN " + nl_bsn(r), "RSIN " + nl_bsn(r)],
           "BE": ["ondernemingsnummer " + be_vat(r), "n° d'entreprise " + be_vat(r), "rijksregisternummer " + be_nn(r), "TVA " + be_vat(r)],
           "UK": ["VAT Reg. No. " + gb_vat(r), "Company No. %08d" % r.randint(100000, 13999999), "NI number " + nino(r), "UTR " + uk_utr(r)],
           "US": ["EIN %s-%s" % (digits(r, 2, "123456789"), digits(r, 7)), "DUNS %s" % digits(r, 9), "ITIN 9%s-%s-%s" % (digits(r, 2), r.choice(["70", "78", "83", "88", "91", "95"]), digits(r, 4)), "CAGE %s" % rstr(r, 5, string.ascii_uppercase + string.digits)],
           "PT": ["NIF " + pt_nif(r), "NIPC PT" + pt_nif(r), "CAE %d" % r.randint(10000, 99999)],
           "PL": ["NIP " + "{0}-{1}-{2}-{3}".format(*(lambda d: (d[:3], d[3:6], d[6:8], d[8:]))(pl_nip(r))), "NIP PL" + pl_nip(r), "REGON " + pl_regon(r), "KRS %010d" % r.randint(1, 999999)],
           "IE": ["VAT " + ie_vat(r), "CRO %d" % r.randint(100000, 799999), "PPS " + ie_pps(r)]}[c]
    sel = r.sample(ids, min(len(ids), r.randint(2, 3)))
    if it:
        cs.t(cs.ch(["Crea l'anagrafica del nuovo cliente ", "Aggiorna in SAP il fornitore ", "Verifica i dati societari di "]) + nm + ": " + ", ".join(sel) + ", sede " + STREET[c] + " %d, %s %s." % (r.randint(1, 99), pc, city))
    else:
        cs.t(cs.ch(["Create the customer master record for ", "Update vendor ", "Double-check the company details of "]) + nm + ": " + "; ".join(sel) + "; registered office " + STREET[c] + " %d, %s %s." % (r.randint(1, 99), pc, city))
    if r.random() < .5:
        cs.t((" BIC " if it else " Bank BIC ") + bic(r, {"UK": "GB"}.get(c, c)) + (", EORI " + eori(r) if r.random() < .5 else "") + ".")


def n_logistics(cs):
    r, c = cs.r, cs.c
    items = [("container", container(r)), ("AWB", awb(r)), ("tracking", tracking(r)), ("HS", r.choice(HS)), ("EAN", ean13(r)),
             (None, imo(r)), ("volo" if cs.lang == "it" else "flight", r.choice(FLIGHT)), ("EORI", eori(r)), ("Incoterms", r.choice(["DAP ", "EXW ", "FCA ", "DDP "]) + CITY[c][0][0])]
    sel = r.sample(items, r.randint(3, 5))
    parts = [((k + " ") if k else "") + v for k, v in sel]
    if cs.lang == "it":
        cs.t(cs.ch(["Prepara l'avviso di spedizione per " + company_name(r, c) + ": ", "Sollecita lo spedizioniere, dati della spedizione: ", "Riassumi lo stato della consegna: "]) + ", ".join(parts) + ", partenza " + date(r) + " ore " + ttime(r) + ".")
    else:
        cs.t(cs.ch(["Draft the shipping notice to " + company_name(r, c) + ": ", "Chase the forwarder; shipment details: ", "Where is this shipment? "]) + "; ".join(parts) + "; departure " + date(r) + " " + ttime(r) + ".")


def n_finance(cs):
    r, c = cs.r, cs.c
    if cs.lang == "it":
        cs.t("Riconcilia questi movimenti:\n")
    else:
        cs.t("Reconcile these entries:\n")
    for _ in range(r.randint(2, 4)):
        cs.t("%s | %s | %s | %s | BIC %s\n" % (date(r), invoice_no(r), company_name(r, r.choice(COUNTRIES)), amount(r), bic(r)))
    if r.random() < .4:
        cs.t({"it": "Il cambio applicato è 1 EUR = %.4f USD." % (1 + r.random() / 5), "en": "FX rate 1 EUR = %.4f CHF." % (0.9 + r.random() / 10)}[cs.lang if cs.lang in ("it", "en") else "en"])


def n_bad_iban(cs):
    r, c = cs.r, cs.c
    v = bad_iban(r, {"UK": "GB", "US": "IT"}.get(c, c))
    if cs.lang == "it":
        cs.t("La banca rifiuta l'IBAN " + v + " del fornitore: ho sbagliato a copiarlo? Data valuta " + date(r) + ".")
    else:
        cs.t("The bank rejects IBAN " + v + " with 'invalid check digits' — did I mistype it? Value date " + date(r) + ".")


def n_bad_card(cs):
    v = bad_card(cs.r)
    if cs.lang == "it":
        cs.t("Il gateway dice che " + v + " non è un numero di carta valido, perché? (test del checkout " + version(cs.r) + ")")
    else:
        cs.t("Why does Stripe reject " + v + " as invalid in our test checkout (" + version(cs.r) + ")?")


def n_compliance(cs):
    r = cs.r
    a, b, c2 = r.sample(ISO, 1)[0], r.sample(REG, 1)[0], r.sample(REG, 1)[0]
    if cs.lang == "it":
        cs.t(cs.ch(["Scrivi una clausola per il DPA con il fornitore tedesco che richiami ", "Il cliente svizzero chiede la conformità a ", "Riassumi gli obblighi previsti da "]) + b + " e " + c2 + ", con certificazione " + a + " (audit del " + date(r) + ").")
    else:
        cs.t(cs.ch(["Draft a DPA clause for our Dutch processor referencing ", "The US customer asks about ", "Summarise the obligations in "]) + b + " and " + c2 + "; we hold " + a + " (audit on " + date(r) + ").")


def n_dev(cs):
    r = cs.r
    parts = [version(r), "OID 1.2.840.113549.1.1.%d" % r.randint(1, 14), "MAC " + mac(r), "request-id " + uuid(r), "commit " + rstr(r, 40, "0123456789abcdef"),
             "port %d" % r.choice([8080, 8443, 5432, 6379, 9092]), "build %d.%d.%d" % (r.randint(1, 9), r.randint(0, 99), r.randint(100, 9999)), "SNMP 1.3.6.1.4.1.%d.1.2" % r.randint(1000, 60000),
             "sha256:" + rstr(r, 64, "0123456789abcdef")]
    sel = r.sample(parts, r.randint(2, 4))
    if cs.lang == "it":
        cs.t("Il deploy nella region Frankfurt fallisce alle " + ttime(r) + ": " + ", ".join(sel) + ". Da dove parto?")
    else:
        cs.t("Deploy in the Paris region failed at " + ttime(r) + " with " + ", ".join(sel) + ". Where do I start?")


def n_italian_admin(cs):
    r = cs.r
    sel = r.sample(["codice SDI " + rstr(r, 7, string.ascii_uppercase + string.digits), "REA MI-%d" % r.randint(1000000, 2999999), "CIG %s%s" % (digits(r, 7), rstr(r, 3, "ABCDEF0123456789")),
                    "CUP %s%s" % (rstr(r, 1, "ABCDEFGHIJ"), digits(r, 14)), "protocollo n. %d/%d" % (r.randint(1, 9999), r.randint(2023, 2026)),
                    "matricola %06d" % r.randint(1, 99999), "DDT n. %d del %s" % (r.randint(1, 9999), date(r, "dmy/")), "codice ATECO %02d.%02d.%02d" % (r.randint(10, 99), r.randint(10, 99), r.randint(0, 99))], r.randint(2, 4))
    if cs.lang == "it":
        cs.t("Compila la richiesta di offerta per il cliente estero con questi riferimenti: " + ", ".join(sel) + ", consegna entro il " + date(r) + ".")
    else:
        cs.t("Explain these Italian references to our Dutch colleague: " + ", ".join(sel) + ".")


def n_us(cs):
    r = cs.r
    ein = "%s-%s" % (digits(r, 2, "123456789"), digits(r, 7))
    itin = "9%s-%s-%s" % (digits(r, 2), r.choice(["70", "78", "83", "88", "91", "95"]), digits(r, 4))
    zp = postal(r, "US")
    if cs.lang == "it":
        cs.t("Il distributore americano ha EIN " + ein + " e il titolare ha ITIN " + itin + ": serve il W-8BEN-E? Indirizzo " + zp[1] + " " + zp[0] + "-" + digits(r, 4) + ", fattura del " + date(r, "mdy") + " per " + amount(r) + ".")
    else:
        cs.t("Our US distributor's EIN is " + ein + " and the owner uses ITIN " + itin + " — do we need a W-8BEN-E? Ship to " + zp[1] + " " + zp[0] + "-" + digits(r, 4) + ", invoice dated " + date(r, "mdy") + ".")


def n_mixed_foreign(cs):
    r = cs.r
    c = r.choice(["FR", "DE", "ES"])
    q = {"FR": "«Notre numéro SIRET est " + siret(r) + " et notre TVA " + fr_vat(r) + ", code postal " + postal(r, "FR")[0] + ".»",
         "DE": "«Unsere USt-IdNr. lautet " + de_vat(r) + ", die Rechnung Nr. " + invoice_no(r) + " vom " + date(r, "dmy.") + " über " + amount(r) + ".»",
         "ES": "«Nuestro CIF es " + es_cif(r) + " y el NIE del administrador " + es_nie(r) + "; pedido n.º " + digits(r, 6) + " del " + date(r, "dmy/") + ".»"}[c]
    cs.t(cs.L(["Il cliente ha scritto: "], ["The client wrote: "]) + q + " " + cs.L(["Rispondi confermando i dati.", "Che cosa ci chiede?"], ["Reply confirming the details.", "What are they asking for?"]))


def n_numbered_refs(cs):
    """Reference numbers introduced by 'number'-like words in several languages (no phone in sight)."""
    r = cs.r
    refs = [("Kundennummer", digits(r, 8)), ("Auftragsnummer", "45" + digits(r, 8)), ("Rechnungsnummer", "%d%s" % (r.randint(2023, 2026), digits(r, 6))),
            ("numéro client", digits(r, 9)), ("n° de commande", digits(r, 10)), ("número de cliente", digits(r, 8)), ("número de pedido", digits(r, 10)),
            ("customer number", digits(r, 9)), ("account number", digits(r, 8)), ("numero cliente", digits(r, 7)), ("numero pratica", digits(r, 10)),
            ("numero d'ordine", "45" + digits(r, 8)), ("Referenznummer", digits(r, 9)), ("klantnummer", digits(r, 8)), ("numer zamówienia", digits(r, 10))]
    sel = r.sample(refs, r.randint(2, 3))
    txt = ", ".join("%s %s" % kv for kv in sel)
    cs.t(cs.L(["Scrivi un sollecito al cliente estero citando questi riferimenti: " + txt + ", scadenza " + date(r) + ".",
               "Il portale del fornitore chiede questi dati: " + txt + ". Dove li trovo in SAP?"],
              ["Write a payment reminder quoting " + txt + ", due " + date(r) + ".",
               "The supplier portal asks for " + txt + ". Where do I find these in SAP?"]))


NEG = [n_registry, n_logistics, n_finance, n_bad_iban, n_bad_card, n_compliance, n_dev, n_italian_admin, n_us]
NEG_W = {n_numbered_refs: 4, n_registry: 12, n_logistics: 7, n_finance: 5, n_bad_iban: 3, n_bad_card: 2, n_compliance: 4, n_dev: 4, n_italian_admin: 3, n_us: 3}

# ----------------------------------------------------------------------------- self-check

EMAIL_RE = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
CARD_RE = re.compile(r"(?<![\d])\d(?:[ -]?\d){11,18}(?![\d])")
IBAN_RE = re.compile(r"(?<![A-Za-z0-9])[A-Z]{2}\d{2}(?: ?[A-Z0-9]){10,30}")
PIVA_RE = re.compile(r"(?<!\d)\d{11}(?!\d)")
SSN_RE = re.compile(r"(?<![\d-])\d{3}[- ]\d{2}[- ]\d{4}(?![\d-])")
IP4_RE = re.compile(r"(?<![\d.])(?:\d{1,3}\.){3}\d{1,3}(?![\d]|\.\d)")
IP6_RE = re.compile(r"(?<![0-9A-Fa-f:])[0-9A-Fa-f:]{2,39}(?![0-9A-Fa-f:])")
INTL_PHONE_RE = re.compile(r"(?:\+|\b00)[1-9][\d ()./-]{6,18}\d")
TOKEN_RE = re.compile(r"AKIA[A-Z2-7]{16}|ASIA[A-Z2-7]{16}|gh[pousr]_[A-Za-z0-9]{30}|github_pat_|glpat-|xox[abposr]-|hooks\.slack\.com|[sr]k_live_|sk-[A-Za-z0-9]|AIza[0-9A-Za-z_-]{30}|eyJ[A-Za-z0-9_-]+\.eyJ|-----BEGIN|[a-z+]+://[^\s:/@]+:[^\s@/]+@")


def unlabelled_hits(text, spans):
    """Valid in-taxonomy values in text outside the labelled character spans."""
    def free(a, b):
        return all(b <= s or a >= e for s, e in spans)
    bad = []
    for m in EMAIL_RE.finditer(text):
        if free(*m.span()):
            bad.append(("EMAIL", m.group()))
    for m in CARD_RE.finditer(text):
        d = re.sub(r"\D", "", m.group())
        if free(*m.span()) and luhn_ok(d) and card_brand(d):
            bad.append(("CARD", m.group()))
    for m in IBAN_RE.finditer(text):
        s = m.group()
        for k in range(len(s), 14, -1):
            if iban_ok(s[:k]) and free(m.start(), m.start() + k):
                bad.append(("IBAN", s[:k]))
                break
    for m in PIVA_RE.finditer(text):
        if free(*m.span()) and piva_ok(m.group()):
            bad.append(("IT_VAT", m.group()))
    up = "".join(ch.upper() if len(ch.upper()) == 1 else ch for ch in text)
    for m in CF_RE.finditer(up):
        if free(*m.span()) and cf_ok(m.group()):
            bad.append(("CF", m.group()))
    for m in SSN_RE.finditer(text):
        if free(*m.span()) and ssn_ok(m.group()):
            bad.append(("SSN", m.group()))
    for m in IP4_RE.finditer(text):
        if free(*m.span()) and all(int(x) <= 255 for x in m.group().split(".")):
            bad.append(("IP4", m.group()))
    for m in IP6_RE.finditer(text):
        g = m.group()
        if g.count(":") >= 2 and free(*m.span()):
            try:
                ipaddress.IPv6Address(g)
                bad.append(("IP6", g))
            except ValueError:
                pass
    for m in INTL_PHONE_RE.finditer(text):
        if free(*m.span()) and len(re.sub(r"\D", "", m.group())) >= 8:
            bad.append(("PHONE", m.group()))
    for m in TOKEN_RE.finditer(text):
        if free(*m.span()):
            bad.append(("TOKEN", m.group()))
    return bad


def deevade(v, meta):
    v = unicodedata.normalize("NFKC", v)
    for z in ZW:
        v = v.replace(z, "")
    if "json-escape" in meta:
        v = json.loads('"' + v + '"')
    if "percent" in meta:
        from urllib.parse import unquote
        v = unquote(v)
    if "base64" in meta:
        v = base64.b64decode(v).decode()
    return v


def value_ok(typ, v):
    flat = v.replace(" ", "").replace("\u00a0", "")
    if typ == "CREDIT_CARD":
        d = re.sub(r"[ -]", "", v)
        return d.isdigit() and luhn_ok(d) and bool(card_brand(d))
    if typ == "IBAN":
        return iban_ok(flat)
    if typ == "IT_FISCAL_CODE":
        return cf_ok(v)
    if typ == "IT_VAT":
        return piva_ok(v)
    if typ == "US_SSN":
        return ssn_ok(v)
    if typ == "IP_ADDRESS":
        try:
            ipaddress.ip_address(v)
            return True
        except ValueError:
            return False
    if typ == "EMAIL":
        return bool(EMAIL_RE.fullmatch(v))
    if typ == "GITHUB_TOKEN":
        return gh_ok(v) or bool(re.fullmatch(r"github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59}", v))
    if typ == "JWT":
        h = v.split(".")[0]
        return "alg" in json.loads(base64.urlsafe_b64decode(h + "=" * (-len(h) % 4)))
    if typ == "PHONE":
        return 8 <= len(re.sub(r"\D", "", v)) <= 15
    if typ == "AWS_ACCESS_KEY":
        return bool(re.fullmatch(r"(AKIA|ASIA)[A-Z2-7]{16}", v))
    if typ == "AWS_SECRET_KEY":
        return len(v) == 40
    return bool(v)


def check(case):
    text, findings = case["text"], case["findings"]
    b = text.encode()
    for f in findings:
        assert b[f["start"]:f["end"]].decode() == f["value"], f
    return True


# ----------------------------------------------------------------------------- main

def weighted(r, w):
    ks = list(w)
    return r.choices(ks, weights=[w[k] for k in ks])[0]


def make_case(r, idx):
    u = r.random()
    lang = "it" if u < .45 else "en" if u < .90 else "mixed"
    c = r.choice(COUNTRIES)
    neg = r.random() < .35
    cs = Case(r, lang, c)
    if lang == "mixed":
        if neg:
            n_mixed_foreign(cs)
            cs.tags.append("negative")
            return cs, "n_mixed_foreign"
        if r.random() < .85:
            p_mixed_quote(cs)
            name = "p_mixed_quote"
        else:
            p_card_foreign(cs)
            name = "p_card_foreign"
        if r.random() < .12:
            evade_inplace(cs, r.choice(["fullwidth", "zero-width"]))
        return cs, name
    if neg:
        f = weighted(r, NEG_W)
        f(cs)
        cs.tags.append("negative")
        return cs, f.__name__
    if r.random() < .10:
        k = r.random()
        if k < .22:
            e_json(cs)
            return cs, "e_json"
        if k < .40:
            e_b64(cs)
            return cs, "e_b64"
        if k < .58:
            e_percent(cs)
            return cs, "e_percent"
        f = weighted(r, POS_W)
        f(cs)
        if not evade_inplace(cs, "fullwidth" if k < .8 else "zero-width"):
            pass
        return cs, f.__name__ + "+evasion"
    f = weighted(r, POS_W)
    f(cs)
    return cs, f.__name__


def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    seed, n, out = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
    r = random.Random(seed)
    rows, metas = [], []
    redraws = 0
    for i in range(n):
        while True:
            cs, name = make_case(r, i)
            text, findings, fmeta = cs.render()
            if "negative" in cs.tags:
                assert not findings
            elif not findings:
                redraws += 1
                continue
            # character spans for the sweep
            spans, pos = [], 0
            for s, typ, _ in cs.pieces:
                if typ:
                    spans.append((pos, pos + len(s)))
                pos += len(s)
            bad = unlabelled_hits(text, spans)
            fm = [m for m in fmeta if not m.startswith("judgement:")]
            okv = all(value_ok(f["type"], deevade(f["value"], m)) for f, m in zip(findings, fm))
            if bad or not okv:
                redraws += 1
                if redraws > 20 * n:
                    sys.exit("too many redraws: %r %r" % (bad, text))
                continue
            break
        tags = []
        for t in cs.tags:
            if t not in tags:
                tags.append(t)
        case = {"id": "a14-%d-%04d" % (seed, i), "lang": cs.lang, "text": text, "findings": findings, "tags": tags}
        check(case)
        rows.append(case)
        metas.append({"id": case["id"], "template": name, "country": cs.c, "findings": fmeta})
    with open(out, "w", encoding="utf-8") as f:
        for c_ in rows:
            f.write(json.dumps(c_, ensure_ascii=False) + "\n")
    mout = re.sub(r"\.jsonl$", "", out) + ".meta.jsonl"
    with open(mout, "w", encoding="utf-8") as f:
        for m in metas:
            f.write(json.dumps(m, ensure_ascii=False) + "\n")
    sys.stderr.write("%s: %d cases, %d redraws\n" % (out, len(rows), redraws))


if __name__ == "__main__":
    main()
