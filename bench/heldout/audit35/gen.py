#!/usr/bin/env python3
"""audit35 held-out generator: telecom, utilities, energy and automotive (EN + IT).

  gen.py SEED N OUT.jsonl

Deterministic per seed, standard library only, self-contained: every value is fabricated at run time
(valid Luhn, IBAN mod-97 with each country's length and Italy's CIN, codice fiscale check character,
partita IVA check digit, SSN area/group/serial rules, GitHub CRC32, VIN check digit, IMEI/ICCID Luhn).

Offsets are BYTE offsets into the UTF-8 text (score.py compares them with the detector's byte
offsets; dev.jsonl is labelled that way); the self-check asserts text.encode()[start:end] == value.
Labelling decisions are in README.md next to this file.
"""
import base64, hashlib, ipaddress, json, random, re, string, sys, unicodedata, urllib.parse, zlib

UP, LO, DG = string.ascii_uppercase, string.ascii_lowercase, string.digits
AN = UP + LO + DG
HEXU, HEXL = "0123456789ABCDEF", "0123456789abcdef"
B62 = DG + UP + LO
VINCH = "ABCDEFGHJKLMNPRSTUVWXYZ0123456789"
ZW = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff"]


def rs(r, a, n):
    return "".join(r.choice(a) for _ in range(n))


# =============================================================== builder / context
class B:
    def __init__(self):
        self.parts = []  # str | (type, value, plain, how)

    def t(self, s):
        self.parts.append(s)
        return self

    def f(self, typ, val, plain=None, how=None):
        self.parts.append((typ, val, val if plain is None else plain, how))
        return self

    def build(self):
        text, finds, plains, pos = "", [], [], 0
        for p in self.parts:
            if isinstance(p, tuple):
                typ, val, plain, how = p
                n = len(val.encode())
                finds.append({"type": typ, "start": pos, "end": pos + n, "value": val})
                plains.append((plain, how))
                text += val
                pos += n
            else:
                text += p
                pos += len(p.encode())
        return text, finds, plains


class Ctx:
    def __init__(self, r, lang):
        self.r, self.lang = r, lang
        self.tags, self.meta, self.allow = set(), {}, set()
        self.evasion, self.evaded = None, False

    def it(self):
        return self.lang == "it"

    def L(self, en, it):
        return it if self.lang == "it" else en

    def lab(self, b, typ, v, json_ctx=False):
        """a labelled value; the case's pending evasion goes on the first eligible one."""
        k = self.evasion
        if k and not self.evaded:
            nv = None
            if k == "fullwidth" and typ in FW_TYPES:
                nv = ev_fullwidth(self.r, typ, v)
            elif k == "zero-width" and len(v) >= 6 and typ != "PRIVATE_KEY":
                nv = ev_zw(self.r, v)
            elif k == "json-escape" and json_ctx and typ in FW_TYPES:
                nv = ev_json(self.r, typ, v)
            if nv is not None and nv != v:
                self.tags.add("evasion:" + k)
                self.evaded = True
                b.f(typ, nv, v, k)
                return
        b.f(typ, v)


# =============================================================== people and names
IT_M = ["Marco", "Luca", "Giuseppe", "Giovanni", "Andrea", "Francesco", "Alessandro", "Matteo", "Stefano", "Paolo",
        "Davide", "Simone", "Roberto", "Antonio", "Salvatore", "Vincenzo", "Lorenzo", "Fabio", "Enrico", "Riccardo"]
IT_F = ["Giulia", "Francesca", "Chiara", "Sara", "Valentina", "Elena", "Federica", "Martina", "Alessia", "Laura",
        "Silvia", "Anna", "Paola", "Roberta", "Serena", "Ilaria", "Beatrice", "Elisa", "Marta", "Giorgia"]
IT_LAST = ["Rossi", "Russo", "Ferrari", "Esposito", "Bianchi", "Romano", "Colombo", "Ricci", "Marino", "Greco", "Bruno",
           "Gallo", "Conti", "De Luca", "Mancini", "Costa", "Giordano", "Rizzo", "Lombardi", "Moretti", "Barbieri",
           "Fontana", "Santoro", "Mariani", "Rinaldi", "Caruso", "Ferrara", "Galli", "Martini", "Leone", "D'Angelo",
           "Longo", "Gentile", "Martinelli", "Vitale", "Serra", "Coppola", "De Santis", "Marchetti", "Parisi"]
US_FIRST = ["James", "Michael", "Robert", "David", "William", "Mary", "Patricia", "Jennifer", "Linda", "Elizabeth",
            "Daniel", "Matthew", "Ashley", "Emily", "Joshua", "Sarah", "Kevin", "Laura", "Brian", "Megan"]
US_LAST = ["Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Rodriguez", "Martinez",
           "Hernandez", "Lopez", "Wilson", "Anderson", "Thomas", "Taylor", "Moore", "Jackson", "Martin", "Lee",
           "Walker", "Hall", "Young", "King"]
BELFIORE = ["H501", "F205", "L219", "F839", "A944", "D612", "G273", "C351", "L736", "D969", "A662", "E506", "B354",
            "L424", "H703", "F158", "G224", "L781", "B157", "A794", "I452", "G478", "F704", "C933"]
CITIES = [("Milano", "MI", "20121"), ("Roma", "RM", "00184"), ("Torino", "TO", "10126"), ("Napoli", "NA", "80133"),
          ("Bologna", "BO", "40127"), ("Firenze", "FI", "50136"), ("Bari", "BA", "70124"), ("Verona", "VR", "37135"),
          ("Padova", "PD", "35131"), ("Brescia", "BS", "25124"), ("Bergamo", "BG", "24121"), ("Genova", "GE", "16129")]
STREETS = ["Via Roma", "Via Garibaldi", "Corso Italia", "Via Mazzini", "Viale Europa", "Via Dante", "Via Verdi",
           "Piazza della Repubblica", "Via dei Mille", "Via Cavour", "Viale Monza", "Via Nazionale"]
US_CITIES = [("Chicago", "IL", "60614", "312"), ("Columbus", "OH", "43215", "614"), ("Dallas", "TX", "75201", "214"),
             ("Denver", "CO", "80202", "303"), ("Atlanta", "GA", "30303", "404"), ("Phoenix", "AZ", "85004", "602"),
             ("Detroit", "MI", "48226", "313"), ("Seattle", "WA", "98101", "206")]
FREEMAIL_IT = ["gmail.com", "libero.it", "outlook.it", "hotmail.it", "yahoo.it", "tiscali.it", "virgilio.it", "alice.it",
               "icloud.com", "fastwebnet.it"]
FREEMAIL_US = ["gmail.com", "yahoo.com", "outlook.com", "aol.com", "comcast.net", "icloud.com"]
TELCOS = [("Retelia", "retelia.it"), ("Onda Mobile", "ondamobile.it"), ("Telcom Nova", "telcomnova.it"), ("FibraSud", "fibrasud.net")]
UTILS = [("Energica Servizi", "energicaservizi.it"), ("Voltana Energia", "voltana.it"), ("Luce&Gas Padana", "lgpadana.it"),
         ("AcquaLuce Multiservizi", "acqualuce.it")]
EV_OPS = [("Voltanet Charge", "voltanet.eu"), ("eRoad Italia", "eroad-italia.it"), ("PlugHub", "plughub.io")]
AUTO = [("AutoNord Leasing", "autonordleasing.it"), ("FleetItalia", "fleetitalia.com"), ("Concessionaria Bianchi Auto", "bianchiauto.it")]
US_DEALERS = [("Lakeshore Motors", "lakeshoremotors.com"), ("Midwest Auto Leasing", "midwestautolease.com"),
              ("Prairie Ford-Lincoln", "prairiefordlincoln.com")]
FIELD = [("TecnoService Impianti", "tecnoservice-impianti.it"), ("Gridworks Field Ops", "gridworks-ops.com"),
         ("FibraPosa Srl", "fibraposa.it")]


def it_person(r):
    fem = r.random() < 0.45
    return (r.choice(IT_F if fem else IT_M), r.choice(IT_LAST), fem)


def us_person(r):
    return r.choice(US_FIRST), r.choice(US_LAST)


def slug(s):
    s = unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z]", "", s)


def email_for(r, first, last, domains=None, staff=None):
    f, l = slug(first), slug(last)
    if staff:
        return r.choice([f + "." + l, f[0] + "." + l, f + l[0], l + "." + f]) + "@" + staff
    loc = r.choice([f + "." + l, f + "_" + l, f[0] + l, f + "." + l + str(r.randint(1, 99)), l + f[0] + str(r.randint(60, 99)),
                    f + l + str(r.randint(1970, 2004)), f + "-" + l])
    return loc + "@" + r.choice(domains or FREEMAIL_IT)


def func_email(r, dom):
    return r.choice(["noc", "ops", "fatturazione", "reclami", "flotte", "assistenza.tecnica", "billing", "dispatch",
                     "sim.provisioning", "mnp.backoffice"]) + "@" + dom


# =============================================================== checksums & fabricators (positives)
def luhn_sum_ok(d):
    t = 0
    for i, ch in enumerate(reversed(d)):
        x = int(ch)
        if i % 2:
            x *= 2
            if x > 9:
                x -= 9
        t += x
    return t % 10 == 0


def luhn_complete(p):
    for c in DG:
        if luhn_sum_ok(p + c):
            return p + c


def luhn_break(d):
    last = int(d[-1])
    return d[:-1] + str((last + 1 + (last % 3)) % 10) if luhn_sum_ok(d) else d


CARD_IIN = [(r"4", (13, 16, 19)), (r"5[1-5]", (16,)), (r"2(?:2[2-9][1-9]|2[3-9]\d|[3-6]\d\d|7[01]\d|720)", (16,)),
            (r"3[47]", (15,)), (r"6(?:011|5|4[4-9])", (16, 19)), (r"35(?:2[89]|[3-8]\d)", (16, 19)),
            (r"3(?:0[0-5]|[68])", (14,)), (r"62", (16, 17, 18, 19)), (r"1", (15,))]


def card_valid(s):
    d = re.sub(r"[\s-]", "", s)
    if not d.isdigit() or not luhn_sum_ok(d):
        return False
    return any(re.match(p, d) and len(d) in ls for p, ls in CARD_IIN)


def card(r, brand=None):
    brand = brand or r.choice(["visa", "visa", "visa", "mc", "mc", "mc2", "amex", "discover"])
    if brand == "visa":
        p = "4" + rs(r, DG, 14)
    elif brand == "mc":
        p = "5" + r.choice("12345") + rs(r, DG, 13)
    elif brand == "mc2":
        p = str(r.randint(2221, 2720)) + rs(r, DG, 11)
    elif brand == "amex":
        p = r.choice(["34", "37"]) + rs(r, DG, 12)
    else:
        p = "6011" + rs(r, DG, 11)
    return brand, luhn_complete(p)


def card_fmt(r, d):
    if len(d) == 15:
        return r.choice(["%s %s %s", "%s-%s-%s", "%s%s%s"]) % (d[:4], d[4:10], d[10:])
    g = [d[i:i + 4] for i in range(0, 16, 4)]
    return r.choice([" ", " ", "-", ""]).join(g)


def masked_card(r, d):
    return r.choice(["**** **** **** " + d[-4:], "XXXX-XXXX-XXXX-" + d[-4:], d[:6] + "******" + d[-4:], "************" + d[-4:]])


IBAN_LEN = {"IT": 27, "SM": 27, "DE": 22, "FR": 27, "ES": 24, "NL": 18, "BE": 16, "AT": 20, "CH": 21, "GB": 22,
            "IE": 22, "PT": 25, "LU": 20, "SI": 19, "HR": 21, "MT": 31, "PL": 28}
CF_ODD = {c: v for c, v in zip("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ",
                               [1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8,
                                12, 14, 16, 10, 22, 25, 24, 23])}
CF_EVEN = {c: (int(c) if c.isdigit() else ord(c) - 65) for c in "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"}


def cf_check(s15):
    return chr(65 + sum(CF_ODD[c] if i % 2 == 0 else CF_EVEN[c] for i, c in enumerate(s15)) % 26)


def iban_digits(s):
    return "".join(str(int(c, 36)) for c in s)


def iban_make(cc, bban):
    chk = 98 - int(iban_digits(bban + cc + "00")) % 97
    return "%s%02d%s" % (cc, chk, bban)


def iban_ok(s):
    s = re.sub(r"\s", "", s).upper()
    if not re.fullmatch(r"[A-Z]{2}\d{2}[A-Z0-9]+", s) or IBAN_LEN.get(s[:2]) != len(s):
        return False
    return int(iban_digits(s[4:] + s[:4])) % 97 == 1


def iban(r, cc=None):
    cc = cc or r.choice(["IT"] * 7 + ["DE", "FR", "ES", "NL", "BE", "AT", "SM", "CH", "GB", "IE", "PT", "LU"])
    if cc in ("IT", "SM"):
        abi = r.choice(["03069", "02008", "05034", "03062", "05696", "03111", "08327", "01030", "05387", "06230", "03440"])
        cab = rs(r, DG, 5)
        conto = rs(r, DG, 12) if r.random() < 0.8 else "0000" + rs(r, DG, 8)
        core = abi + cab + conto
        cin = chr(65 + sum(CF_ODD[c] if i % 2 == 0 else CF_EVEN[c] for i, c in enumerate(core)) % 26)
        bban = cin + core
    elif cc == "DE":
        bban = rs(r, DG, 18)
    elif cc == "FR":
        bban = rs(r, DG, 10) + rs(r, DG, 11) + rs(r, DG, 2)
    elif cc == "ES":
        bban = rs(r, DG, 20)
    elif cc == "NL":
        bban = r.choice(["ABNA", "RABO", "INGB", "TRIO", "SNSB"]) + rs(r, DG, 10)
    elif cc == "BE":
        bban = rs(r, DG, 12)
    elif cc == "AT":
        bban = rs(r, DG, 16)
    elif cc == "CH":
        bban = rs(r, DG, 17)
    elif cc in ("GB", "IE"):
        bban = (r.choice(["NWBK", "BARC", "LOYD", "MIDL"]) if cc == "GB" else r.choice(["AIBK", "BOFI"])) + rs(r, DG, 14)
    elif cc == "PT":
        bban = rs(r, DG, 21)
    else:  # LU
        bban = rs(r, DG, 3) + rs(r, DG, 13)
    v = iban_make(cc, bban)
    assert iban_ok(v), v
    return v


def iban_fmt(r, v):
    if r.random() < 0.55:
        return " ".join(v[i:i + 4] for i in range(0, len(v), 4))
    return v


def masked_iban(r, v):
    return v[:4] + " **** **** **** " + v[-4:] if r.random() < 0.5 else v[:2] + "**" + "*" * (len(v) - 8) + v[-4:]


def cf_name_part(s, is_first):
    s = re.sub(r"[^A-Z]", "", unicodedata.normalize("NFKD", s).upper())
    cons = [c for c in s if c not in "AEIOU"]
    vow = [c for c in s if c in "AEIOU"]
    if is_first and len(cons) >= 4:
        return cons[0] + cons[2] + cons[3]
    return ("".join(cons + vow) + "XXX")[:3]


def cf_make(r, first, last, fem):
    y = r.randint(1948, 2004)
    m = "ABCDEHLMPRST"[r.randrange(12)]
    d = r.randint(1, 28) + (40 if fem else 0)
    s = cf_name_part(last, False) + cf_name_part(first, True) + "%02d" % (y % 100) + m + "%02d" % d + r.choice(BELFIORE)
    if r.random() < 0.06:  # omocodia: rightmost digits first
        s = list(s)
        for _ in range(r.choice([1, 1, 2])):
            for i in (14, 13, 12, 10, 9, 7, 6):
                if s[i].isdigit():
                    s[i] = "LMNPQRSTUV"[int(s[i])]
                    break
        s = "".join(s)
    return s + cf_check(s)


CF_RE = re.compile(r"[A-Z]{6}[0-9LMNPQRSTUV]{2}[ABCDEHLMPRST][0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{3}[A-Z]")


def cf_ok(s):
    s = s.upper()
    return bool(CF_RE.fullmatch(s)) and cf_check(s[:15]) == s[15]


def piva_check(d10):
    t = 0
    for i, ch in enumerate(d10):
        x = int(ch)
        if i % 2:
            x *= 2
            if x > 9:
                x -= 9
        t += x
    return str((10 - t % 10) % 10)


def piva(r):
    d = rs(r, DG, 7)
    if d == "0000000":
        d = "0000001"
    d += "%03d" % r.choice(list(range(1, 101)) + [120, 121])
    return d + piva_check(d)


def piva_ok(s):
    return bool(re.fullmatch(r"\d{11}", s)) and s[:7] != "0000000" and piva_check(s[:10]) == s[10]


def ssn(r):
    while True:
        a = r.randint(1, 899)
        if a != 666:
            break
    return "%03d-%02d-%04d" % (a, r.randint(1, 99), r.randint(1, 9999))


def ssn_ok(s):
    m = re.fullmatch(r"(\d{3})[- ]?(\d{2})[- ]?(\d{4})", s)
    if not m:
        return False
    a, g, n = int(m.group(1)), int(m.group(2)), int(m.group(3))
    return 0 < a < 900 and a != 666 and g > 0 and n > 0


IT_MOB = ["320", "324", "327", "328", "329", "330", "331", "333", "334", "335", "336", "337", "338", "339", "340", "342",
          "345", "346", "347", "348", "349", "350", "351", "360", "366", "368", "370", "371", "373", "377", "380", "388",
          "389", "391", "392", "393"]
IT_AREA = ["02", "06", "011", "010", "051", "055", "081", "080", "045", "049", "030", "035", "041", "070", "091", "095"]


def it_mobile(r):
    return r.choice(IT_MOB), rs(r, DG, 7)


def fmt_it_mobile(r, p, n, style=None):
    style = style if style is not None else r.randrange(9)
    return ["%s %s" % (p, n), "%s%s" % (p, n), "+39 %s %s" % (p, n), "+39%s%s" % (p, n), "+39 %s %s %s" % (p, n[:3], n[3:]),
            "%s-%s" % (p, n), "0039 %s %s" % (p, n), "%s %s %s" % (p, n[:3], n[3:]), "+39 %s%s" % (p, n)][style]


def msisdn(r, cc=None):
    """E.164 digits without '+' for a mobile subscriber."""
    cc = cc or r.choice(["39"] * 8 + ["44", "49", "33", "34", "41", "1"])
    if cc == "39":
        p, n = it_mobile(r)
        return "39" + p + n
    if cc == "44":
        return "447" + r.choice("4589") + rs(r, DG, 8)
    if cc == "49":
        return "491" + r.choice(["51", "52", "60", "70", "76"]) + rs(r, DG, 8)
    if cc == "33":
        return "33" + r.choice("67") + rs(r, DG, 8)
    if cc == "34":
        return "346" + rs(r, DG, 8)
    if cc == "41":
        return "417" + r.choice("6789") + rs(r, DG, 7)
    return "1" + us_area(r) + str(r.randint(2, 9)) + rs(r, DG, 2) + rs(r, DG, 4)


def us_area(r):
    return r.choice(["312", "614", "214", "303", "404", "602", "313", "206", "415", "617", "720", "773"])


def it_landline(r):
    a = r.choice(IT_AREA)
    n = rs(r, "2345678", 1) + rs(r, DG, 9 - len(a) + r.choice([0, 1]))
    return a, n


def fmt_landline(r, a, n):
    return r.choice(["%s %s", "%s/%s", "%s %s", "+39 %s %s", "%s-%s", "%s%s"]) % (a, n)


def us_phone(r, area=None):
    a = area or us_area(r)
    x, n = str(r.randint(2, 9)) + rs(r, DG, 2), rs(r, DG, 4)
    while x.endswith("11") or x == "555":
        x = str(r.randint(2, 9)) + rs(r, DG, 2)
    return r.choice(["(%s) %s-%s", "%s-%s-%s", "%s.%s.%s", "+1 %s %s %s", "+1 (%s) %s-%s"]) % (a, x, n)


def phone_any(r, c):
    if c.it() or r.random() < 0.6:
        if r.random() < 0.75:
            p, n = it_mobile(r)
            return fmt_it_mobile(r, p, n)
        a, n = it_landline(r)
        return fmt_landline(r, a, n)
    return us_phone(r)


def ipv4(r, private=None):
    private = r.random() < 0.6 if private is None else private
    if private:
        k = r.randrange(3)
        if k == 0:
            return "10.%d.%d.%d" % (r.randint(0, 254), r.randint(0, 254), r.randint(2, 254))
        if k == 1:
            return "192.168.%d.%d" % (r.randint(0, 254), r.randint(2, 254))
        return "172.%d.%d.%d" % (r.randint(16, 31), r.randint(0, 254), r.randint(2, 254))
    while True:
        a = r.choice([2, 5, 31, 37, 46, 62, 77, 78, 79, 80, 81, 82, 85, 87, 88, 89, 93, 94, 95, 151, 176, 185, 193, 194, 195, 212, 213, 217])
        return "%d.%d.%d.%d" % (a, r.randint(0, 255), r.randint(0, 255), r.randint(1, 254))


def ipv6(r):
    g = [r.choice(["2a01", "2a02", "2a00", "2001"]), "%x" % r.randint(0x100, 0xffff), "%x" % r.randint(0x10, 0xffff)]
    if g[0] == "2001" and g[1] == "db8":
        g[1] = "4c0"
    tail = ["%x" % r.randint(1, 0xffff) for _ in range(r.choice([1, 2]))]
    return ":".join(g) + "::" + ":".join(tail)


def ip_ok(s):
    try:
        ipaddress.ip_address(s)
        return True
    except ValueError:
        return False


PW_WORDS = ["Milano", "Sole", "Fibra", "Router", "Estate", "Luna", "Stella", "Aurora", "Vesuvio", "Dolomiti", "Tramonto", "Gatto",
            "Summer", "Falcon", "Orange", "Tiger", "Winter", "Delta", "Mercurio", "Onda"]


def password(r, kind=None):
    k = kind if kind is not None else r.randrange(6)
    if k == 0:
        return r.choice(PW_WORDS) + str(r.randint(10, 2025)) + r.choice("!#$.*&@?")
    if k == 1:
        return rs(r, AN, r.randint(10, 16))
    if k == 2:
        return r.choice(PW_WORDS) + r.choice("_-.#") + rs(r, AN, r.randint(4, 7)) + str(r.randint(1, 99))
    if k == 3:  # ISP-issued PPPoE style
        return rs(r, LO + DG, 8) if r.random() < 0.5 else rs(r, UP + DG, 10)
    if k == 4:  # wi-fi passphrase
        return "-".join(r.choice(["casa", "rosa", "vento", "mare", "treno", "pane", "forte", "blu", "cielo", "lampo", "nube"])
                        for _ in range(3)) + str(r.randint(10, 99))
    return rs(r, AN, 4) + r.choice("!#%&*+") + rs(r, AN, 5) + r.choice("!#&*+=?")


def url_pw(r):
    return rs(r, AN, r.randint(10, 16)) if r.random() < 0.6 else r.choice(PW_WORDS) + r.choice("-_.") + rs(r, AN, 5) + str(r.randint(1, 99))


def gh_token(r):
    pre = r.choice(["ghp", "ghp", "ghp", "gho", "ghs"])
    body = rs(r, AN, 30)
    n, s = zlib.crc32(body.encode()), ""
    while n:
        s = B62[n % 62] + s
        n //= 62
    return "%s_%s%s" % (pre, body, s.rjust(6, "0"))


def gh_ok(t):
    m = re.fullmatch(r"gh[pousr]_([A-Za-z0-9]{30})([A-Za-z0-9]{6})", t)
    if not m:
        return bool(re.fullmatch(r"github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59}", t))
    n, s = zlib.crc32(m.group(1).encode()), ""
    while n:
        s = B62[n % 62] + s
        n //= 62
    return s.rjust(6, "0") == m.group(2)


def gh_fine(r):
    return "github_pat_11" + rs(r, UP + DG, 20) + "_" + rs(r, AN, 59)


def aws_id(r):
    return r.choice(["AKIA", "AKIA", "ASIA"]) + rs(r, UP + "234567", 16)


def aws_secret(r):
    return rs(r, AN + "+/", 40)


def b64u(b):
    return base64.urlsafe_b64encode(b).rstrip(b"=").decode()


def jwt(r, sub=None):
    hdr = {"alg": r.choice(["RS256", "HS256", "ES256"]), "typ": "JWT"}
    if r.random() < 0.4:
        hdr["kid"] = rs(r, HEXL, 16)
    now = r.randint(1704067200, 1767225599)
    pl = {"sub": sub or rs(r, HEXL, 24), "iat": now, "exp": now + r.choice([900, 3600, 86400]),
          "scope": r.choice(["fleet:read telemetry:read", "ocpp:cp", "meter:read", "care:agent", "vehicle:remote"])}
    if r.random() < 0.5:
        pl["iss"] = r.choice(["https://auth.fleetitalia.com", "https://id.voltanet.eu", "https://sso.retelia.it"])
    sig = b64u(bytes(r.randrange(256) for _ in range(r.choice([32, 64, 256]))))
    return b64u(json.dumps(hdr, separators=(",", ":")).encode()) + "." + b64u(json.dumps(pl, separators=(",", ":")).encode()) + "." + sig


def jwt_ok(t):
    p = t.split(".")
    if len(p) != 3:
        return False
    try:
        for x in p[:2]:
            json.loads(base64.urlsafe_b64decode(x + "=" * (-len(x) % 4)))
        return True
    except Exception:
        return False


def pem(r):
    kind = r.choice(["RSA PRIVATE KEY", "PRIVATE KEY", "EC PRIVATE KEY", "PRIVATE KEY"])
    nb = {"RSA PRIVATE KEY": 1190, "PRIVATE KEY": 1216, "EC PRIVATE KEY": 121}[kind]
    body = base64.b64encode(bytes(r.randrange(256) for _ in range(nb))).decode()
    lines = [body[i:i + 64] for i in range(0, len(body), 64)]
    return "-----BEGIN %s-----\n%s\n-----END %s-----" % (kind, "\n".join(lines), kind)


def slack_webhook(r):
    return "https://hooks.slack.com/services/T%s/B%s/%s" % (rs(r, UP + DG, r.choice([8, 10])), rs(r, UP + DG, r.choice([8, 10])), rs(r, AN, 24))


def slack_token(r):
    return "%s-%s-%s-%s" % (r.choice(["xoxb", "xoxb", "xoxp"]), rs(r, DG, 12), rs(r, DG, 12), rs(r, AN, 24))


def stripe_key(r):
    return r.choice(["sk_live_", "sk_live_", "rk_live_"]) + rs(r, AN, r.choice([24, 34, 99]))


def openai_key(r):
    if r.random() < 0.25:
        return "sk-" + rs(r, AN, 20) + "T3BlbkFJ" + rs(r, AN, 20)
    return r.choice(["sk-proj-", "sk-proj-", "sk-svcacct-"]) + rs(r, AN + "-_", 74) + "T3BlbkFJ" + rs(r, AN + "-_", 74)


def anthropic_key(r):
    return "sk-ant-api03-" + rs(r, AN + "-_", 93) + "AA"


def google_key(r):
    return "AIza" + rs(r, AN + "-_", 35)


def gitlab_token(r):
    return "glpat-" + rs(r, AN + "-_", 20)


MARKERS_IT = ["RISERVATO", "STRETTAMENTE RISERVATO", "USO INTERNO"]
MARKERS_EN = ["CONFIDENTIAL", "STRICTLY CONFIDENTIAL", "INTERNAL USE ONLY", "TLP:AMBER", "TLP:RED"]


# =============================================================== look-alikes (negatives)
def num(r, n, lead="12456789"):
    """n random digits that are no card (Luhn broken for 11 and 13-19 digits), no partita IVA, no IT phone."""
    d = r.choice(lead) + rs(r, DG, n - 1)
    if n == 11 or 13 <= n <= 19:
        d = luhn_break(d)
    return d


def imsi(r):
    return "222" + r.choice(["01", "10", "50", "88", "99"]) + rs(r, DG, 10)


def imsi_tbcd(s):
    s = s + "F" * (len(s) % 2)
    return "".join(s[i + 1] + s[i] for i in range(0, len(s), 2))


def iccid(r, grouped=False):
    d = luhn_complete("8939" + r.choice(["01", "10", "88", "50", "99"]) + rs(r, DG, 12))
    if grouped:
        return " ".join(d[i:i + 4] for i in range(0, len(d), 4))
    return d


TACS = ["35209900", "35332811", "35676911", "86891204", "35391110", "01332700", "35290611", "86765803", "35875109", "35407115"]


def imei(r, tac=None):
    return luhn_complete((tac or r.choice(TACS)) + rs(r, DG, 6))


def imeisv(r):
    d = imei(r)[:14] + "%02d" % r.randint(1, 60)
    return luhn_break(d) if card_valid(d) else d


def ki(r):
    return rs(r, HEXU, 32)


def pod(r):
    return "IT" + r.choice(["001", "001", "012", "020", "003", "015"]) + "E" + rs(r, DG, 8)


def pdr(r):
    return r.choice(["00", "01", "09", "15"]) + rs(r, DG, 12)


def remi(r):
    return "34" + rs(r, DG, 6)


def matricola(r):
    return r.choice([lambda: num(r, 8), lambda: "E" + rs(r, DG, 9), lambda: rs(r, UP, 3) + rs(r, DG, 10),
                     lambda: rs(r, DG, 2) + "MT" + rs(r, DG, 8)])()


def cod_cliente(r):
    return r.choice([lambda: num(r, 9), lambda: "CL" + num(r, 8), lambda: num(r, 12, "12456789"), lambda: num(r, 7)])()


def invoice_no(r):
    return r.choice([lambda: "%d/%s" % (r.randint(2023, 2025), num(r, 9)), lambda: "FT" + rs(r, DG, 10),
                     lambda: "%s%s" % (r.choice(["E", "G", "L"]), num(r, 11)), lambda: num(r, 8) + "/" + rs(r, DG, 2)])()


def creditor_id(r):
    nat = num(r, 11)
    chk = 98 - int(iban_digits(nat + "IT00")) % 97
    return "IT%02dZZZ%s" % (chk, nat)


def pagopa_code(r):
    return "3" + rs(r, DG, 17)


def vin(r):
    wmi = r.choice(["ZFA", "ZAR", "WVW", "WBA", "VF1", "ZFF", "YV1", "TMB", "WDD", "1FA", "5YJ", "1HG", "ZCF", "VR3"])
    s = wmi + rs(r, VINCH, 5) + "0" + r.choice("PRSTVWXY123456") + rs(r, VINCH, 1) + rs(r, DG, 6)
    tr = {c: v for c, v in zip("ABCDEFGHJKLMNPRSTUVWXYZ", [1, 2, 3, 4, 5, 6, 7, 8, 1, 2, 3, 4, 5, 7, 9, 2, 3, 4, 5, 6, 7, 8, 9])}
    w = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2]
    t = sum((int(c) if c.isdigit() else tr[c]) * w[i] for i, c in enumerate(s))
    ck = "X" if t % 11 == 10 else str(t % 11)
    return s[:8] + ck + s[9:]


def plate_it(r):
    L = "ABCDEFGHJKLMNPRSTVWXYZ"
    return rs(r, L, 2) + rs(r, DG, 3) + rs(r, L, 2)


def plate_us(r):
    return str(r.randint(1, 9)) + rs(r, "ABCDEFGHJKLMNPRSTUVWXYZ", 3) + rs(r, DG, 3)


def mac(r, sep=":"):
    b = [r.choice(["00", "3C", "A4", "B8", "D8", "E4", "F0", "70"])] + [rs(r, HEXU, 2) for _ in range(5)]
    if sep == ".":
        h = "".join(b).lower()
        return "%s.%s.%s" % (h[:4], h[4:8], h[8:])
    return sep.join(b)


def sha256(r):
    return hashlib.sha256(rs(r, AN, 20).encode()).hexdigest()


def sha1(r):
    return hashlib.sha1(rs(r, AN, 20).encode()).hexdigest()


def uuid4(r):
    h = rs(r, HEXL, 32)
    return "%s-%s-4%s-%s%s-%s" % (h[:8], h[8:12], h[13:16], r.choice("89ab"), h[17:20], h[20:])


def eci(r):
    enb = r.randint(40000, 999999)
    return enb, enb * 256 + r.randint(1, 40)


def rfid_uid(r):
    return "04" + rs(r, HEXU, 12) if r.random() < 0.6 else rs(r, HEXU, 8)


def emaid(r, op="VLT"):
    return "IT-%s-C%s-%s" % (op, rs(r, UP + DG, 8), r.choice(DG + UP))


def evse_id(r, op="VLT"):
    return "IT*%s*E%s*%d" % (op, rs(r, DG, 6), r.randint(1, 4))


def ts_iso(r, ms=False, z=True):
    s = "2025-%02d-%02dT%02d:%02d:%02d" % (r.randint(1, 12), r.randint(1, 28), r.randint(0, 23), r.randint(0, 59), r.randint(0, 59))
    if ms:
        s += ".%03d" % r.randint(0, 999)
    return s + ("Z" if z else "")


def date_it(r, y=None):
    return "%02d/%02d/%d" % (r.randint(1, 28), r.randint(1, 12), y or r.choice([2024, 2025]))


def date_us(r, y=None):
    return "%02d/%02d/%d" % (r.randint(1, 12), r.randint(1, 28), y or r.choice([2024, 2025]))


def hms(r):
    return "%02d:%02d:%02d" % (r.randint(0, 23), r.randint(0, 59), r.randint(0, 59))


def eur(r, lo=5, hi=900):
    v = r.randint(lo * 100, hi * 100) / 100
    return ("{:,.2f}".format(v)).replace(",", "X").replace(".", ",").replace("X", ".")


def usd(r, lo=100, hi=60000):
    return "{:,.2f}".format(r.randint(lo * 100, hi * 100) / 100)


def gps(r):
    return "%.5f" % r.uniform(37.5, 46.5), "%.5f" % r.uniform(7.5, 16.5)


def ticket_id(r):
    return r.choice([lambda: "INC%07d" % r.randint(10000, 9999999), lambda: "TT-%d-%06d" % (r.randint(2024, 2025), r.randint(1, 999999)),
                     lambda: "CS%s" % num(r, 8), lambda: "#%d" % r.randint(100000, 999999), lambda: "SR-%s" % rs(r, DG, 7)])()


def obis(r):
    return r.choice(["1-0:1.8.0*255", "1-0:1.8.1*255", "1-0:1.8.2*255", "1-0:2.8.0*255", "1-0:32.7.0*255", "1-0:31.7.0*255",
                     "0-0:96.1.0*255", "1-0:1.7.0*255", "0-0:1.0.0*255", "1-0:99.1.0*255"])


def obis_dotted(r):
    return r.choice(["1.0.1.8.0.255", "1.0.2.8.0.255", "0.0.96.1.0.255", "1.0.32.7.0.255", "0.0.1.0.0.255", "1.0.99.1.0.255"])


def oid(r):
    return r.choice(["1.3.6.1.4.1.2011.6.128.1.1.2.51.1.4", "1.3.6.1.2.1.2.2.1.8", "1.3.6.1.4.1.9.9.13.1.3.1.3",
                     "1.3.6.1.4.1.25506.2.6.1.1.1.1.6", "1.3.6.1.2.1.31.1.1.1.6", "1.3.6.1.4.1.193.183.4.1.3.5.1.11"])


def fw_version(r):
    return "%d.%d.%d" % (r.randint(1, 9), r.randint(0, 30), r.randint(0, 200))


# =============================================================== evasions
FW_TYPES = {"CREDIT_CARD", "EMAIL", "PHONE", "IBAN", "IP_ADDRESS", "IT_FISCAL_CODE", "IT_VAT", "US_SSN"}


def ev_fullwidth(r, typ, v):
    if typ == "EMAIL" and r.random() < 0.5:
        return v.replace("@", "\uff20")
    k = r.randrange(3)
    out = []
    for ch in v:
        conv = ch.isalnum() or ch in "@.+-:"
        if k == 1:
            conv = ch.isdigit()
        elif k == 2:
            conv = conv and r.random() < 0.5
        out.append(chr(ord(ch) + 0xFEE0) if conv and "!" <= ch <= "~" else ch)
    s = "".join(out)
    return s if s != v else v[:-1] + chr(ord(v[-1]) + 0xFEE0)


def ev_zw(r, v):
    idx = list(range(2, len(v) - 1))
    k = set(r.sample(idx, min(len(idx), r.choice([1, 1, 2]))))
    return "".join((r.choice(ZW) if i in k else "") + ch for i, ch in enumerate(v))


def ev_json(r, typ, v):
    if typ == "EMAIL" and r.random() < 0.6:
        return v.replace("@", "\\u0040")
    mode = r.random()
    return "".join("\\u%04x" % ord(ch) if (ch.isdigit() or ch in "@+") and (mode < 0.5 or r.random() < 0.5) else ch for ch in v) \
        if any(ch.isdigit() for ch in v) else v.replace(".", "\\u002e")


def unevade(v):
    v = re.sub(r"\\u([0-9a-fA-F]{4})", lambda m: chr(int(m.group(1), 16)), v)
    v = unicodedata.normalize("NFKC", v)
    return "".join(ch for ch in v if ch not in ZW)


def b64_groups(payload, s, e):
    """blob of payload; (group start, group end) in the blob covering payload bytes [s, e)."""
    blob = base64.b64encode(payload).decode()
    gs, ge = (s // 3) * 4, min(len(blob), ((e + 2) // 3) * 4)
    return blob, gs, ge


# =============================================================== validators (self-check)
EMAIL_RE = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")
PHONE_OK = re.compile(r"(?:\+|00)?[\d ()./-]{5,22}")


def value_ok(typ, u):
    if typ == "CREDIT_CARD":
        return card_valid(u)
    if typ == "EMAIL":
        return bool(EMAIL_RE.fullmatch(u))
    if typ == "PHONE":
        return bool(PHONE_OK.fullmatch(u)) and 6 <= len(re.sub(r"\D", "", u)) <= 15
    if typ == "IBAN":
        return iban_ok(u)
    if typ == "IT_FISCAL_CODE":
        return cf_ok(u)
    if typ == "IT_VAT":
        return piva_ok(u)
    if typ == "US_SSN":
        return ssn_ok(u)
    if typ == "IP_ADDRESS":
        return ip_ok(u)
    if typ == "AWS_ACCESS_KEY":
        return bool(re.fullmatch(r"(?:AKIA|ASIA)[A-Z2-7]{16}", u))
    if typ == "AWS_SECRET_KEY":
        return bool(re.fullmatch(r"[A-Za-z0-9+/]{40}", u))
    if typ == "GITHUB_TOKEN":
        return gh_ok(u)
    if typ == "GITLAB_TOKEN":
        return bool(re.fullmatch(r"glpat-[A-Za-z0-9_-]{20}", u))
    if typ == "SLACK_TOKEN":
        return bool(re.fullmatch(r"xox[bp]-\d{12}-\d{12}-[A-Za-z0-9]{24}", u))
    if typ == "SLACK_WEBHOOK":
        return bool(re.fullmatch(r"https://hooks\.slack\.com/services/T[A-Z0-9]+/B[A-Z0-9]+/[A-Za-z0-9]{24}", u))
    if typ == "STRIPE_KEY":
        return bool(re.fullmatch(r"[sr]k_live_[A-Za-z0-9]{24,}", u))
    if typ == "OPENAI_KEY":
        return bool(re.fullmatch(r"sk-(?:(?:proj|svcacct)-[A-Za-z0-9_-]{74}T3BlbkFJ[A-Za-z0-9_-]{74}|[A-Za-z0-9]{20}T3BlbkFJ[A-Za-z0-9]{20})", u))
    if typ == "ANTHROPIC_KEY":
        return bool(re.fullmatch(r"sk-ant-api03-[A-Za-z0-9_-]{93}AA", u))
    if typ == "GOOGLE_API_KEY":
        return bool(re.fullmatch(r"AIza[A-Za-z0-9_-]{35}", u))
    if typ == "PRIVATE_KEY":
        return bool(re.fullmatch(r"-----BEGIN ([A-Z ]*PRIVATE KEY)-----\n[A-Za-z0-9+/=\n]+\n-----END \1-----", u))
    if typ == "JWT":
        return jwt_ok(u)
    if typ == "CREDENTIAL_URL":
        return bool(re.fullmatch(r"[a-z][a-z0-9+.]*://[^:/\s@]+:[^@\s/]+@[A-Za-z0-9.-]+(?::\d+)?(?:/\S*)?", u))
    if typ == "PASSWORD":
        return len(u) >= 6 and not re.search(r"[\s\"'\\]", u)
    if typ == "CONFIDENTIAL_MARKER":
        return u in MARKERS_IT + MARKERS_EN
    return False


def evasion_ok(val, plain, how):
    if how is None:
        return val == plain
    if how in ("fullwidth", "zero-width", "json-escape"):
        return unevade(val) == plain
    if how == "percent":
        return urllib.parse.unquote_plus(val) == plain
    if how == "base64":
        blob = val
        return plain.encode() in base64.b64decode(blob + "=" * (-len(blob) % 4))
    return False


def ipv4_ok(s):
    p = s.split(".")
    return len(p) == 4 and all(x.isdigit() and int(x) <= 255 and (x == "0" or not x.startswith("0")) for x in p)


def leftovers(text, finds, allow):
    """valid values of labelled-able types left in the text once the labelled spans are blanked."""
    b = bytearray(text.encode())
    for f in finds:
        b[f["start"]:f["end"]] = b"#" * (f["end"] - f["start"])
    t = unevade(b.decode("utf-8"))
    t = urllib.parse.unquote(t)
    bad = []

    def add(typ, v):
        if v not in allow:
            bad.append((typ, v))

    for m in re.finditer(r"(?<![\d.])\d(?:[ -]?\d){12,18}(?!\d)", t):
        if card_valid(m.group()):
            add("CREDIT_CARD", m.group())
    for m in EMAIL_RE.finditer(t):
        add("EMAIL", m.group())
    for m in re.finditer(r"(?<![A-Za-z0-9])[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]){10,30}", t):
        cc = m.group().replace(" ", "")
        L = IBAN_LEN.get(cc[:2])
        if L and len(cc) >= L and iban_ok(cc[:L]):
            add("IBAN", cc[:L])
    for m in re.finditer(r"(?<![A-Z0-9])" + CF_RE.pattern + r"(?![A-Z0-9])", t.upper()):
        if cf_ok(m.group()):
            add("IT_FISCAL_CODE", m.group())
    for m in re.finditer(r"(?<![0-9A-Za-z])\d{11}(?!\d)", t):
        if piva_ok(m.group()):
            add("IT_VAT", m.group())
    for m in re.finditer(r"(?<![\d-])\d{3}-\d{2}-\d{4}(?![\d-])", t):
        if ssn_ok(m.group()):
            add("US_SSN", m.group())
    for m in re.finditer(r"(?<![\d.])(?:\d{1,3}\.){3}\d{1,3}(?!\d|\.\d)", t):
        if ipv4_ok(m.group()):
            add("IP_ADDRESS", m.group())
    for m in re.finditer(r"(?<![\w:])(?:[0-9A-Fa-f]{1,4}:){7}[0-9A-Fa-f]{1,4}(?![\w:])|(?<![\w:])[0-9A-Fa-f]{1,4}(?::[0-9A-Fa-f]{1,4})*::(?:[0-9A-Fa-f]{1,4}(?::[0-9A-Fa-f]{1,4})*)?(?![\w:])", t):
        if ip_ok(m.group()):
            add("IP_ADDRESS", m.group())
    for pat in [r"\+\d[\d ().-]{6,}\d", r"(?<![\w.+/-])(?:0039|39)?3\d{2}[ .-]?\d{3}[ .-]?\d{3,4}(?![\w])",
                r"(?<![\w.+/-])0[1-9]\d{0,2}[ /.-]?\d{5,8}(?![\w])", r"\(\d{3}\) ?\d{3}-\d{4}", r"(?<![\d-])\d{3}-\d{3}-\d{4}(?![\d-])"]:
        for m in re.finditer(pat, t):
            add("PHONE", m.group())
    for pat, typ in [(r"(?:AKIA|ASIA)[A-Z2-7]{16}", "AWS_ACCESS_KEY"), (r"gh[pousr]_[A-Za-z0-9]{36}|github_pat_", "GITHUB_TOKEN"),
                     (r"glpat-", "GITLAB_TOKEN"), (r"xox[bpar]-\d", "SLACK_TOKEN"), (r"hooks\.slack\.com/services/T", "SLACK_WEBHOOK"),
                     (r"[sr]k_live_", "STRIPE_KEY"), (r"T3BlbkFJ|sk-proj-[A-Za-z0-9]", "OPENAI_KEY"), (r"sk-ant-api", "ANTHROPIC_KEY"),
                     (r"AIza[0-9A-Za-z_-]{30}", "GOOGLE_API_KEY"), (r"eyJ[A-Za-z0-9_-]{8,}\.eyJ", "JWT"),
                     (r"BEGIN [A-Z ]*PRIVATE KEY", "PRIVATE_KEY"), (r"://[^/\s:@\"']+:[^@\s/\"']+@", "CREDENTIAL_URL"),
                     (r"\b(?:CONFIDENTIAL|RISERVATO|USO INTERNO|INTERNAL USE ONLY|TLP:(?:AMBER|RED))\b", "CONFIDENTIAL_MARKER")]:
        for m in re.finditer(pat, t):
            add(typ, m.group())
    for m in re.finditer(r"(?i)(?:password|passwd|pwd|passphrase|psk|wpa_key|secret)[ \t]*[:=][ \t]*['\"]?([^\s'\",;]{6,})", t):
        v = m.group(1)
        if not re.match(r"[#*<$%{(]|os\.|process\.|env|ENV|\[|getenv|None|null|vault:|hidden|REDACTED|xxxx", v):
            add("PASSWORD", v)
    return bad


# =============================================================== shared snippets
def intro(c, en, it):
    return c.r.choice(it if c.it() else en)


def cust_it(c):
    f, l, fem = it_person(c.r)
    return f, l, fem


def addr_it(r):
    city, prov, cap = r.choice(CITIES)
    return "%s %d, %s %s (%s)" % (r.choice(STREETS), r.randint(1, 180), cap, city, prov)


# =============================================================== templates — telecom
def t_cdr(c, b, pos=True):
    r = c.r
    b.t(intro(c, ["Can you find the dropped calls in this CDR extract and tell me which cells they were on?\n",
                  "Here is a CDR export from the MSC. Which records are roaming?\n",
                  "Please summarise this call detail record dump for the fraud team:\n"],
                 ["Analizza questi CDR e dimmi quali chiamate sono cadute e su quale cella:\n",
                  "Estratto CDR dal mediation, mi trovi i record in roaming?\n",
                  "Riassumi per il team antifrode questi cartellini di traffico:\n"]))
    sep = r.choice([",", ";", "|"])
    cols = r.choice([["record_type", "start_time", "duration_s", "a_number", "b_number", "served_imsi", "served_imei", "cell_id", "lac", "charging_id", "cause"],
                     ["TIPO", "DATA_ORA", "DURATA", "NUM_CHIAMANTE", "NUM_CHIAMATO", "IMSI", "IMEI", "CGI", "ID_ADDEBITO", "ESITO"]])
    b.t(sep.join(cols) + "\n")
    a_num = msisdn(r, "39")
    a_imsi, a_imei = imsi(r), imei(r)
    hashed = r.random() < 0.5
    for i in range(r.randint(2, 4)):
        mo = r.random() < 0.6
        kind = r.choice(["MOC", "MTC", "SMS-MO", "MOC", "MTC"]) if cols[0] == "record_type" else r.choice(["MOC", "MTC", "SMS"])
        other = r.choice(["m", "m", "m", "intl", "land", "short"])
        if other == "m":
            o = msisdn(r, "39")
        elif other == "intl":
            o = msisdn(r, r.choice(["44", "49", "33", "41", "1", "34"]))
        elif other == "land":
            a, n = it_landline(r)
            o = "39" + a + n
        else:
            o = r.choice(["4916", "42121", "119", "40916", "4100", "190"])
        style_a = r.choice(["", "", "+", "00"])
        parts = []
        start = "2025-%02d-%02d %s" % (r.randint(1, 12), r.randint(1, 28), hms(r)) if r.random() < 0.6 else "2025%02d%02d%s" % (r.randint(1, 12), r.randint(1, 28), hms(r).replace(":", ""))
        enb, e = eci(r)
        cellv = str(e) if r.random() < 0.5 else "222-%s-%d-%d" % (a_imsi[3:5], r.randint(1000, 65000), r.randint(1, 65535))
        lac = "%04X" % r.randint(0x1000, 0xFFFE)
        dur = str(0 if kind.startswith("SMS") else r.randint(0, 1800))
        cause = r.choice(["16", "16", "31", "17", "18", "normalRelease", "radioLinkFailure", "41"])
        chg = num(r, 10, "12456789")
        fields = [kind, start, dur, None, None, a_imsi, a_imei, cellv, lac, chg, cause]
        if cols[0] != "record_type":
            fields = [kind, start, dur, None, None, a_imsi, a_imei, cellv, chg, cause]
        # emit row with A/B labelled
        first = True
        for j, fv in enumerate(fields):
            if not first:
                b.t(sep)
            first = False
            if j in (3, 4):
                is_a = (j == 3) == mo
                if is_a:
                    v = style_a + a_num if style_a != "00" else "00" + a_num
                    if pos:
                        c.lab(b, "PHONE", v)
                    else:
                        b.t(hashlib.sha256(a_num.encode()).hexdigest()[:16] if hashed else a_num[:5] + "*****" + a_num[-2:])
                else:
                    if other == "short":
                        b.t(o)
                    elif pos:
                        c.lab(b, "PHONE", r.choice(["", "", "+"]) + o)
                    else:
                        b.t(hashlib.sha256(o.encode()).hexdigest()[:16] if hashed else o[:5] + "*" * (len(o) - 7) + o[-2:])
            else:
                b.t(fv)
        b.t("\n")
    if not pos:
        b.t(c.L("\n(MSISDNs pseudonymised by the mediation layer.)", "\n(Numeri pseudonimizzati dal mediation.)") if hashed else "")


def t_bill_detail(c, b, pos=True):
    r = c.r
    c.lang = "it" if r.random() < 0.7 else c.lang
    tel = TELCOS[r.randrange(len(TELCOS))]
    p, n = it_mobile(r)
    if c.it():
        b.t(r.choice(["Il cliente contesta questi addebiti, mi spieghi le voci?\n", "Riassumi il dettaglio traffico di questa fattura:\n",
                      "Perché questa fattura è più alta del solito?\n"]))
        b.t("%s S.p.A. — Fattura n. %s del %s\nCodice cliente: %s   Contratto: %s\n" % (tel[0], invoice_no(r), date_it(r), cod_cliente(r), "C" + num(r, 9)))
        b.t("Linea: ")
    else:
        b.t(r.choice(["The customer disputes these charges, can you explain the items?\n", "Summarise this itemised bill:\n"]))
        b.t("%s — Invoice %s dated %s\nAccount: %s   Contract: %s\nLine: " % (tel[0], invoice_no(r), date_it(r), cod_cliente(r), "C" + num(r, 9)))
    if pos:
        c.lab(b, "PHONE", fmt_it_mobile(r, p, n))
    else:
        b.t("%s %sXXXXX" % (p, n[:2]))
    b.t(c.L("   Plan: %s\n\n", "   Offerta: %s\n\n") % r.choice(["Onda 150 Giga", "Retelia Unlimited 5G", "Nova Smart 100", "Giga Power 200"]))
    b.t(c.L("DATE        TIME      TYPE                    NUMBER            DURATION  EUR\n",
            "DATA        ORA       TIPO                    NUMERO            DURATA    EURO\n"))
    for _ in range(r.randint(4, 7)):
        kind = r.choice(["nat", "nat", "intl", "sms", "prem", "data", "data", "roam"])
        b.t("%s  %s  " % (date_it(r), hms(r)))
        if kind == "data":
            b.t("%-22s  %-16s  %-8s  %s\n" % (c.L("Data session", "Traffico dati"), "internet", "%d MB" % r.randint(5, 900), "0,00"))
            continue
        lbl = {"nat": c.L("National call", "Chiamata nazionale"), "intl": c.L("International call", "Chiamata internazionale"),
               "sms": "SMS", "prem": c.L("Premium service", "Servizio a sovrapprezzo"), "roam": c.L("Roaming call", "Chiamata in roaming")}[kind]
        b.t("%-22s  " % lbl)
        if kind == "prem":
            b.t("%-16s  " % r.choice(["4*****", "48***", "89*****"]))
        else:
            if kind == "intl":
                o = "00" + msisdn(r, r.choice(["44", "49", "33", "41"]))
            elif kind == "roam":
                o = "+" + msisdn(r, "39")
            else:
                if r.random() < 0.6:
                    pp, nn = it_mobile(r)
                    o = pp + nn
                else:
                    a, nn = it_landline(r)
                    o = a + nn
            if pos and r.random() < 0.5:
                c.lab(b, "PHONE", o)
                b.t(" " * max(2, 18 - len(o)))
            else:
                b.t("%-16s  " % (o[:5] + "X" * (len(o) - 5)))
        b.t("%-8s  %s\n" % ("%02d:%02d" % (r.randint(0, 40), r.randint(0, 59)) if kind != "sms" else "1", eur(r, 0, 4)))
    b.t(c.L("\nTotal due: EUR %s — payment by SEPA direct debit, IBAN ending %s\n", "\nTotale da pagare: € %s — addebito SDD su IBAN che termina con %s\n")
        % (eur(r, 15, 120), rs(r, DG, 4)))


def t_hlr(c, b, pos=True):
    r = c.r
    im, ic, ms = imsi(r), iccid(r), msisdn(r, "39")
    k = r.randrange(4)
    if k == 0:  # Ericsson-like HLR MML printout
        b.t(intro(c, ["Why does this subscriber get no data? HLR printout:\n", "Explain this HGSDP output please:\n"],
                  ["Perché questo cliente non naviga? Ecco la stampa HLR:\n", "Mi spieghi questo output HGSDP?\n"]))
        b.t("<HGSDP:MSISDN=" if pos else "<HGSDP:IMSI=")
        if pos:
            c.lab(b, "PHONE", ms)
        else:
            b.t(im)
        b.t(",ALL;\nHLR SUBSCRIBER DATA\n\nMSISDN           IMSI             STATE          AUTHD\n")
        if pos:
            c.lab(b, "PHONE", ms)
            b.t("     ")
        else:
            b.t("<not shown>      ")
        b.t("%s  CONNECTED      AVAILABLE\n\nNAM\n0\n\nPERMANENT SUBSCRIBER DATA\nSUD\nCAT-10  DBSG-1  OBP-1  TICK-%d  OFA-0  PWD-0000\n" % (im, r.randint(1, 9)))
        b.t("CAMEL  OCSI: %d  TCSI: %d  GPRCSI: %d\nPDPCONTEXT\nAPNID  PDPADD  EQOSID  VPAA  PDPCH  PDPTY  PDPID\n   %d            %d     NO   %s  IPV4V6  1\n"
            % (r.randint(1, 30), r.randint(1, 30), r.randint(1, 30), r.randint(1, 20), r.randint(1, 400), rs(r, DG, 4)))
        b.t("LOCATION DATA\nVLR ADDRESS       MSRN            MSC NUMBER       LMSID\n%s   %s   %s   %s\nEND\n"
            % (vlr_gt(r), "UNKNOWN", vlr_gt(r), rs(r, HEXU, 8)))
    elif k == 1:  # HSS JSON provisioning (Ki/OPc as JSON key-values -> judgement)
        c.tags.add("judgement")
        c.meta["why"] = "Ki/OPc as JSON key-values: secret SIM keys no finding type covers; labelled nothing"
        b.t(intro(c, ["The HSS rejects this provisioning request with 400, what's wrong?\n", "Convert this HSS subscriber JSON to YAML:\n"],
                  ["L'HSS rifiuta questo provisioning con 400, cosa c'è che non va?\n", "Converti questo JSON di provisioning HSS in YAML:\n"]))
        b.t('{\n  "imsi": "%s",\n  "msisdn": ' % im)
        if pos:
            b.t('"')
            c.lab(b, "PHONE", ms, json_ctx=True)
            b.t('",\n')
        else:
            b.t("null,\n")
        b.t('  "security": {"k": "%s", "opc": "%s", "amf": "8000", "sqn": "%012d"},\n' % (ki(r), ki(r), r.randint(0, 9999)))
        b.t('  "ambr": {"uplink": "%d Mbps", "downlink": "%d Mbps"},\n  "slice": [{"sst": 1, "sd": "%s", "dnn": ["internet", "ims"]}],\n'
            % (r.choice([50, 100, 200]), r.choice([300, 500, 1000]), rs(r, HEXU, 6)))
        b.t('  "iccid": "%s", "imeisv": "%s"\n}\n' % (ic, imeisv(r)))
    elif k == 2:  # SIM vendor output file (tabular Ki/OPc: hard negative)
        b.t(intro(c, ["Our SIM vendor sent this .out file; how do I load it into the HSS? Sample rows:\n"],
                  ["Il fornitore SIM ci ha mandato questo file .out, come lo carico sull'HSS? Righe di esempio:\n"]))
        b.t("* Customer: %s\n* Quantity: %d\n* Type: USIM %s\n* Profile: %s\nvar_out: ICCID/IMSI/KI/OPC/ACC\n"
            % (r.choice(TELCOS)[0], r.choice([1000, 5000, 10000]), r.choice(["128K", "256K"]), "P" + rs(r, DG, 3)))
        base = int(ic[:-1])
        bi = int(im)
        for j in range(r.randint(3, 5)):
            b.t("%s %d %s %s %04d\n" % (luhn_complete(str(base + j)), bi + j, ki(r), ki(r), r.randint(1, 9)))
        if pos:
            b.t(c.L("\nThe MSISDN for the first one is ", "\nIl primo va associato all'MSISDN "))
            c.lab(b, "PHONE", "+" + ms)
            b.t(c.L(", the customer is waiting.\n", ", il cliente è in negozio.\n"))
    else:  # HSS CLI query
        b.t(intro(c, ["Why is this subscriber barred for roaming?\n"], ["Perché questa utenza risulta barrata in roaming?\n"]))
        b.t("hss> show subscriber imsi %s\n  IMSI ............ %s\n  MSISDN .......... " % (im, im))
        if pos:
            c.lab(b, "PHONE", ms)
        else:
            b.t("(data-only, none)")
        b.t("\n  ICCID ........... %s\n  Profile ......... %s\n  ODB ............. %s\n  Last MME ........ mme%02d.epc.mnc%s.mcc222.3gppnetwork.org\n  Last update ..... %s\n  TAC / ECI ....... %d / %d\n"
            % (ic, r.choice(["CONSUMER_5G", "IOT_NBIOT", "BUSINESS_VOLTE"]), r.choice(["BAOC-ROAM", "none", "BAIC-ROAM"]),
               r.randint(1, 12), "0" + im[3:5], ts_iso(r), r.randint(1000, 65000), eci(r)[1]))


def vlr_gt(r):
    """a node's global title as Ericsson prints it ('4-' nature of address): 4-4xxxxxxxxxxx, kept no 13-digit Luhn run."""
    while True:
        d = "4" + rs(r, DG, 11)
        if not card_valid("4" + d):
            return "4-" + d


def t_mnp(c, b, pos=True):
    r = c.r
    c.lang = "it"
    f, l, fem = it_person(r)
    tel_from, tel_to = r.sample(TELCOS, 2)
    b.t(r.choice(["Controlla se questa richiesta di portabilità è completa, il recipient l'ha scartata:\n",
                  "Riscrivi in modo formale questa richiesta MNP da inviare al donating:\n",
                  "Perché la richiesta MNP è andata in KO? Modulo compilato:\n"]))
    b.t("MODULO DI RICHIESTA PORTABILITÀ DEL NUMERO (MNP)\nOperatore Recipient: %s   Operatore Donating: %s\n" % (tel_to[0], tel_from[0]))
    if not pos:
        b.t("Cognome e Nome: ______________________\nCodice Fiscale / P.IVA: ________________\nNumero da portare: 3__ _______\n"
            "ICCID SIM Donating (19 cifre, inizia con 8939): ____________________\nEsempio di ICCID valido: %s\n"
            "Codice sessione MNP: %s   Codice di KO ricevuto: %s (%s)\nData cut-over prevista: %s\n"
            % (iccid(r, grouped=r.random() < 0.5), "MNP" + num(r, 12), r.choice(["KO-05", "KO-13", "KO-21"]),
               r.choice(["ICCID non congruente", "CF non corrispondente all'intestatario", "numero non attivo"]), date_it(r)))
        return
    b.t("Cognome e Nome: %s %s\nCodice Fiscale: " % (l.upper(), f.upper()))
    c.lab(b, "IT_FISCAL_CODE", cf_make(r, f, l, fem))
    p, n = it_mobile(r)
    b.t("\nNumero da portare: ")
    c.lab(b, "PHONE", fmt_it_mobile(r, p, n, r.choice([0, 1, 7, 2])))
    b.t("\nICCID SIM Donating: %s\nTipo documento: Carta d'identità n. %s rilasciata il %s\n" % (iccid(r, grouped=r.random() < 0.4), "CA" + rs(r, DG, 5) + rs(r, UP, 2), date_it(r, 2021)))
    if r.random() < 0.6:
        b.t("Recapito alternativo: ")
        a, nn = it_landline(r)
        c.lab(b, "PHONE", fmt_landline(r, a, nn))
        b.t("\n")
    if r.random() < 0.7:
        b.t("E-mail per aggiornamenti: ")
        c.lab(b, "EMAIL", email_for(r, f, l))
        b.t("\n")
    b.t("Trasferimento credito residuo: %s   Codice sessione: %s\nData richiesta: %s   Codice di KO: %s\n"
        % (r.choice(["SI", "NO"]), "MNP" + num(r, 12), date_it(r), r.choice(["KO-05", "KO-13", "nessuno"])))


def t_care_ticket(c, b, pos=True, force_json=False):
    r = c.r
    tel = r.choice(TELCOS + UTILS)
    it_cust = c.it() or r.random() < 0.4
    if it_cust:
        f, l, fem = it_person(r)
    else:
        (f, l), fem = us_person(r), False
    tid = ticket_id(r)
    issue = r.choice([c.L("no signal indoors since the antenna upgrade", "nessun segnale in casa dopo l'aggiornamento dell'antenna"),
                      c.L("router keeps rebooting, ONT LOS light red", "il modem si riavvia di continuo, spia LOS rossa"),
                      c.L("double charge on the last invoice", "addebito doppio sull'ultima fattura"),
                      c.L("meter reading estimated for 6 months", "letture stimate da 6 mesi"),
                      c.L("SIM blocked after PIN errors", "SIM bloccata dopo errori PIN")])
    imei_v, cell = imei(r), eci(r)[1]
    if force_json or r.random() < 0.45:
        b.t(intro(c, ["Draft a reply to this ticket (export from our helpdesk):\n", "Classify this ticket by urgency:\n"],
                  ["Scrivi una risposta a questo ticket (export dall'helpdesk):\n", "Classifica per urgenza questo ticket:\n"]))
        b.t('{"ticket_id": "%s", "channel": "%s", "created_at": "%s",\n "requester": {"name": "%s %s", ' % (tid, r.choice(["phone", "chat", "email", "app"]), ts_iso(r), f, l))
        b.t('"email": "')
        if pos:
            c.lab(b, "EMAIL", email_for(r, f, l, None if it_cust else FREEMAIL_US), json_ctx=True)
        else:
            b.t("%s***@%s" % (slug(f)[0], r.choice(FREEMAIL_IT)))
        b.t('", "phone": "')
        if pos:
            c.lab(b, "PHONE", phone_any(r, c) if it_cust else us_phone(r), json_ctx=True)
        else:
            b.t("+39 3** *** **%s" % rs(r, DG, 2))
        b.t('"},\n "device": {"imei": "%s", "model": "%s", "fw": "%s"},\n "network": {"eci": %d, "rsrp": -%d, "sinr": %d},\n'
            % (imei_v, r.choice(["Galaxy A54", "iPhone 13", "Redmi Note 12", "FRITZ!Box 7530", "ZTE H3640"]), fw_version(r), cell, r.randint(80, 125), r.randint(-3, 25)))
        b.t(' "subject": "%s",\n "body": "%s' % (issue, c.L("Customer says: ", "Il cliente scrive: ")))
        if pos and r.random() < 0.4:
            if r.random() < 0.5:
                b.t(c.L("please refund to my IBAN ", "rimborsatemi sull'IBAN "))
                c.lab(b, "IBAN", iban(r, "IT" if it_cust else None), json_ctx=True)
            else:
                b.t(c.L("charge the card ", "addebitate sulla carta "))
                c.lab(b, "CREDIT_CARD", card_fmt(r, card(r)[1]), json_ctx=True)
            b.t(c.L(" and close it.", " e chiudete la pratica."))
        else:
            b.t(c.L("third time I call, ticket %s still open." % ticket_id(r), "è la terza volta che chiamo, la pratica %s è ancora aperta." % ticket_id(r)))
        b.t('",\n "tags": ["%s", "%s"]}\n' % (r.choice(["rete", "billing", "fibra", "mobile"]), r.choice(["vip", "recidivo", "sla-48h"])))
        return
    b.t(intro(c, ["Summarise this customer-care call note for the back office:\n", "Rewrite this ticket more politely:\n"],
              ["Riassumi questa nota di chiamata per il back office:\n", "Riscrivi questo ticket in modo più cortese:\n"]))
    b.t(c.L("Ticket %s — %s\nCustomer: %s %s, customer no. %s\n", "Ticket %s — %s\nCliente: %s %s, codice cliente %s\n") % (tid, tel[0], f, l, cod_cliente(r)))
    if pos:
        b.t(c.L("Call-back number: ", "Numero per richiamata: "))
        c.lab(b, "PHONE", phone_any(r, c) if it_cust else us_phone(r))
        if r.random() < 0.6:
            b.t(c.L(" — e-mail ", " — e-mail "))
            c.lab(b, "EMAIL", email_for(r, f, l, None if it_cust else FREEMAIL_US))
        if it_cust and r.random() < 0.4:
            b.t(c.L(", tax code ", ", CF "))
            c.lab(b, "IT_FISCAL_CODE", cf_make(r, f, l, fem))
        b.t("\n")
    else:
        b.t(c.L("Call-back: via app (consent withdrawn for phone contact)\n", "Richiamata: tramite app (consenso al contatto telefonico revocato)\n"))
    b.t(c.L("Issue: %s. Device IMEI %s, last cell ECI %d, test ref %s.\n", "Problema: %s. IMEI terminale %s, ultima cella ECI %d, rif. test %s.\n")
        % (issue, imei_v, cell, uuid4(r)[:8]))


def t_sip_trace(c, b, pos=True):
    """IMS/SIP trace: tel:/sip: URIs carry the MSISDN; judgement (a sip: URI is e-mail-shaped)."""
    r = c.r
    c.tags.add("judgement")
    c.meta["why"] = "MSISDN inside sip:/tel: URIs labelled PHONE; the sip:user@host and IMPI forms are e-mail-shaped, not labelled EMAIL"
    mcc_mnc = r.choice(["mnc001", "mnc010", "mnc050", "mnc088"])
    dom = "ims.%s.mcc222.3gppnetwork.org" % mcc_mnc
    a, bn = msisdn(r, "39"), msisdn(r, "39")
    im = "222" + mcc_mnc[-2:] + rs(r, DG, 10)
    c.allow.update({"+%s@%s" % (a, dom), "%s@%s" % (im, dom), "+%s@%s" % (bn, dom)})
    b.t(intro(c, ["Why does this VoLTE call fail with 403? Trace from the P-CSCF:\n"], ["Perché questa chiamata VoLTE fallisce con 403? Traccia dal P-CSCF:\n"]))
    b.t("INVITE tel:+")
    c.lab(b, "PHONE", bn)
    b.t(" SIP/2.0\nVia: SIP/2.0/TCP [")
    c.lab(b, "IP_ADDRESS", ipv6_doc_free(r))
    b.t("]:5060;branch=z9hG4bK%s\nFrom: <sip:" % rs(r, AN, 12))
    c.lab(b, "PHONE", "+" + a)
    b.t("@%s>;tag=%s\nTo: <tel:" % (dom, rs(r, HEXL, 8)))
    c.lab(b, "PHONE", "+" + bn)
    b.t(">\nCall-ID: %s@%s\nCSeq: 1 INVITE\nP-Preferred-Identity: <sip:" % (rs(r, AN, 16), rs(r, HEXL, 8)))
    c.lab(b, "PHONE", "+" + a)
    b.t("@%s>\nAuthorization: Digest username=\"%s@%s\", realm=\"%s\", uri=\"sip:%s\"\nP-Access-Network-Info: 3GPP-E-UTRAN-FDD; utran-cell-id-3gpp=222%s%s%s\n\nSIP/2.0 403 Forbidden\n"
        % (dom, im, dom, dom, dom, mcc_mnc[-2:], "%04X" % r.randint(0x1000, 0xFFFE), "%07X" % eci(r)[1]))


def ipv6_doc_free(r):
    return "2a01:%x:%x::%x" % (r.randint(0x100, 0xffff), r.randint(0x10, 0xffff), r.randint(1, 0xffff))


def t_bare_msisdn(c, b, pos=True):
    """judgement: MSISDNs in a batch log with no phone word at all."""
    r = c.r
    c.tags.add("judgement")
    c.meta["why"] = "E.164 mobile numbers without '+' and without any phone context: labelled PHONE by form"
    b.t(intro(c, ["Why did half of this batch fail?\n", "Explain these results:\n"], ["Perché metà di questo batch è fallito?\n", "Spiegami questi risultati:\n"]))
    job = r.randint(1000, 9999)
    for _ in range(r.randint(3, 5)):
        b.t("%s job=%d item=" % (ts_iso(r, ms=True), job))
        c.lab(b, "PHONE", msisdn(r, "39"))
        b.t(" result=%s latency_ms=%d\n" % (r.choice(["OK", "OK", "RETRY", "ERR_TIMEOUT", "ERR_BARRED"]), r.randint(20, 4000)))


# =============================================================== templates — utilities & energy
def t_bolletta(c, b, pos=True):
    r = c.r
    c.lang = "it"
    u = r.choice(UTILS)
    luce = r.random() < 0.55
    f, l, fem = it_person(r)
    biz = r.random() < 0.3
    b.t(r.choice(["Spiegami le voci di questa bolletta, il cliente non capisce il conguaglio:\n",
                  "Riassumi questa bolletta in tre righe per il cliente:\n", "Questa bolletta è corretta? Il consumo mi sembra alto.\n",
                  "Traduci in inglese questa bolletta per un cliente straniero:\n"]))
    b.t("%s — Bolletta %s n. %s del %s\nPeriodo: %s - %s   Scadenza: %s\n" % (u[0], "luce" if luce else "gas", invoice_no(r), date_it(r), date_it(r), date_it(r), date_it(r)))
    if pos:
        b.t("Intestatario: %s\nCodice fiscale: " % (("%s %s S.r.l." % (l, r.choice(["Impianti", "Costruzioni", "Servizi"]))) if biz else "%s %s" % (f, l)))
        if biz:  # a company's codice fiscale is its partita IVA
            pv = piva(r)
            c.lab(b, "IT_VAT", pv)
            b.t("   Partita IVA: ")
            c.lab(b, "IT_VAT", pv)
        else:
            c.lab(b, "IT_FISCAL_CODE", cf_make(r, f, l, fem))
        b.t("\nIndirizzo di fornitura: %s\n" % addr_it(r))
    else:
        b.t("Intestatario: %s. %s.\nCodice fiscale: %s\n" % (f[0], l[0], "*" * 12 + rs(r, DG, 3) + rs(r, UP, 1)))
    b.t("Codice cliente: %s   Codice contratto: %s\n" % (cod_cliente(r), num(r, 10, "12456789")))
    if luce:
        b.t("POD: %s   Matricola contatore: %s   Potenza impegnata: %s kW   Tensione: 220 V\n" % (pod(r), matricola(r), r.choice(["3", "4,5", "6"])))
        b.t("Letture: F1 %d kWh, F2 %d kWh, F3 %d kWh (%s)\n" % (r.randint(80, 900), r.randint(80, 900), r.randint(80, 900), r.choice(["rilevate", "stimate", "autolettura"])))
        b.t("Spesa per la materia energia: € %s   Trasporto e gestione contatore: € %s   Oneri di sistema: € %s\n" % (eur(r, 20, 300), eur(r, 10, 90), eur(r, 5, 60)))
    else:
        b.t("PDR: %s   Codice REMI: %s   Matricola contatore: %s   Classe: G%d\n" % (pdr(r), remi(r), matricola(r), r.choice([4, 6, 10])))
        b.t("Consumo fatturato: %d Smc (coefficiente C %s)   Lettura precedente %d, attuale %d\n" % (r.randint(30, 600), "1,0%d" % r.randint(10, 99), r.randint(1000, 9000), r.randint(9001, 15000)))
        b.t("Spesa per la materia gas naturale: € %s   Accise e addizionale regionale: € %s\n" % (eur(r, 20, 400), eur(r, 5, 90)))
    b.t("Totale da pagare: € %s   IVA %d%%\n" % (eur(r, 30, 800), r.choice([10, 22])))
    if pos:
        k = r.random()
        if k < 0.6:
            b.t("Pagamento: addebito diretto SEPA (SDD) — mandato n. %s — IBAN " % ("MND" + num(r, 10)))
            c.lab(b, "IBAN", iban_fmt(r, iban(r, "IT")))
            b.t("\n")
        else:
            b.t("Pagamento: avviso pagoPA, codice avviso %s\n" % " ".join([pagopa_code(r)[i:i + 4] for i in range(0, 18, 4)]))
        if r.random() < 0.5:
            b.t("Recapiti per avvisi: ")
            c.lab(b, "EMAIL", email_for(r, f, l))
            if r.random() < 0.5:
                b.t(" / cell. ")
                p, n = it_mobile(r)
                c.lab(b, "PHONE", fmt_it_mobile(r, p, n))
            b.t("\n")
        if r.random() < 0.25:
            c.tags.add("judgement")
            c.meta["why"] = "the supplier's toll-free number: a phone number by form, not a person's"
            b.t("Servizio Clienti Numero Verde ")
            c.lab(b, "PHONE", r.choice(["800 ", "800.", "800"]) + rs(r, DG, 3) + r.choice([" ", ".", ""]) + rs(r, DG, 3))
            b.t(" (lun-ven 8-20) — Pronto intervento guasti attivo 24h\n")
    else:
        b.t("Pagamento: addebito SDD su IBAN %s — mandato %s\nArea Riservata: accedi su www.%s con il codice cliente per scaricare le bollette.\n"
            % (masked_iban(r, iban(r, "IT")), "MND" + num(r, 10), u[1]))
        b.t("Codice offerta: %s   Codice avviso pagoPA: %s\n" % ("OFF-%s-%s" % (rs(r, UP, 3), rs(r, DG, 4)), pagopa_code(r)))


def t_sdd_mandate(c, b, pos=True):
    r = c.r
    u = r.choice(UTILS + TELCOS)
    f, l, fem = it_person(r)
    b.t(intro(c, ["Check this SEPA direct debit mandate before we send it to the bank:\n", "Translate this SDD mandate into English:\n"],
              ["Verifica questo mandato SDD prima di inviarlo in banca:\n", "Il cliente dice che l'addebito è stato respinto, cosa manca in questo mandato?\n"]))
    b.t("MANDATO PER ADDEBITO DIRETTO SEPA CORE\nRiferimento del mandato: %s\nCreditore: %s — Codice Identificativo Creditore (CI): %s\n"
        % ("%s-%s" % (rs(r, UP, 3), num(r, 10)), u[0], creditor_id(r)))
    if pos:
        b.t("Debitore: %s %s — Codice fiscale: " % (f, l))
        c.lab(b, "IT_FISCAL_CODE", cf_make(r, f, l, fem))
        b.t("\nIndirizzo: %s\nConto di addebito (IBAN): " % addr_it(r))
        c.lab(b, "IBAN", iban_fmt(r, iban(r, r.choice(["IT"] * 6 + ["SM", "DE", "FR", "ES", "AT"]))))
        b.t("   BIC: %s\n" % (rs(r, UP, 4) + "IT" + rs(r, UP + DG, 2) + r.choice(["", "XXX"])))
        if r.random() < 0.5:
            b.t("Sottoscrittore (se diverso): %s %s, tel. " % (r.choice(IT_M + IT_F), l))
            p, n = it_mobile(r)
            c.lab(b, "PHONE", fmt_it_mobile(r, p, n))
            b.t("\n")
    else:
        b.t("Debitore: ________________________   Codice fiscale: ________________\nIBAN: IT__ _ _____ _____ ____________   BIC: ___________\n")
    b.t("Tipo pagamento: %s   Data firma: %s   Luogo: %s\nCodice contratto: %s   Codice utenza: %s\n"
        % (r.choice(["ricorrente", "singolo"]), date_it(r), r.choice(CITIES)[0], "C" + num(r, 9), pod(r) if r.random() < 0.5 else pdr(r)))


def t_meter_log(c, b, pos=True):
    r = c.r
    b.t(intro(c, ["Why are these smart meters not reporting? Head-end log:\n", "Summarise the errors in this AMI log:\n"],
              ["Perché questi contatori non comunicano? Log del sistema centrale:\n", "Riassumi gli errori in questo log AMI:\n"]))
    conc = "CONC-%s-%04d" % (r.choice(["MI", "RM", "TO", "NA", "BO"]), r.randint(1, 9999))
    for _ in range(r.randint(4, 7)):
        mid = r.choice(["ELS", "LGZ", "ISK", "GME"]) + num(r, 10, "12456789")
        t = ts_iso(r, ms=True)
        k = r.randrange(5)
        if k == 0:
            b.t("%s INFO  %s meter=%s read %s=%d.%03d kWh status=0x%04X\n" % (t, conc, mid, obis(r), r.randint(100, 99999), r.randint(0, 999), r.randint(0, 0xFFFF)))
        elif k == 1:
            b.t("%s WARN  %s meter=%s DLMS association failed (HLS5-GMAC) frame_counter=%d sys_title=%s\n" % (t, conc, mid, r.randint(1000, 999999), rs(r, HEXU, 16)))
        elif k == 2:
            b.t("%s INFO  %s meter=%s profile 1.0.99.1.0.255 entries=%d capture=%s POD %s\n" % (t, conc, mid, r.randint(24, 96), obis_dotted(r), pod(r)))
        elif k == 3:
            if pos:
                b.t("%s ERROR %s backhaul to " % (t, conc))
                c.lab(b, "IP_ADDRESS", ipv4(r))
                b.t(":%d timeout after %d ms (apn m2m.%s)\n" % (r.choice([4059, 4061, 20000, 502]), r.randint(1000, 30000), r.choice(["retelia.it", "ondamobile.it"])))
            else:
                b.t("%s ERROR %s backhaul to hes-%02d.ami.local timeout after %d ms (iccid %s)\n" % (t, conc, r.randint(1, 9), r.randint(1000, 30000), iccid(r)))
        else:
            b.t("%s INFO  %s PLC G3 node %s short_addr=0x%04X lqi=%d hops=%d\n" % (t, conc, "-".join(rs(r, HEXU, 2) for _ in range(8)), r.randint(1, 0xFFFE), r.randint(0, 255), r.randint(1, 6)))
    if pos and r.random() < 0.6:
        b.t(c.L("\nThe head-end DB is at ", "\nIl DB del sistema centrale è "))
        u = r.choice(["postgresql", "mysql", "mongodb"])
        c.lab(b, "CREDENTIAL_URL", "%s://%s:%s@%s:%d/%s" % (u, r.choice(["hes_app", "ami", "mdm_ro"]), url_pw(r),
                                                           r.choice(["hes-db01.ami.local", "mdm.energica.internal", "db-ami.prod.lan"]),
                                                           {"postgresql": 5432, "mysql": 3306, "mongodb": 27017}[u], r.choice(["hes", "mdm", "ami"])))
        b.t(c.L(" if you need it.\n", " se serve.\n"))


def t_scada(c, b, pos=True):
    r = c.r
    b.t(intro(c, ["Explain these IEC 60870-5-104 events from the substation gateway:\n", "Is this Modbus poll log showing a comms fault?\n"],
              ["Spiegami questi eventi IEC 104 dal gateway di cabina:\n", "Questo log di polling Modbus indica un guasto di comunicazione?\n"]))
    rtu = "CP%03d" % r.randint(1, 999)
    for _ in range(r.randint(4, 7)):
        t = "%s %s.%03d" % (ts_iso(r, z=False)[:10], hms(r), r.randint(0, 999))
        k = r.randrange(4)
        if k == 0 and pos:
            b.t("%s IEC104 link " % t)
            c.lab(b, "IP_ADDRESS", ipv4(r, True))
            b.t(":2404 %s STARTDT_CON k=12 w=8\n" % rtu)
        elif k == 0:
            b.t("%s IEC104 link %s-rtu:2404 STARTDT_CON k=12 w=8\n" % (t, rtu.lower()))
        elif k == 1:
            b.t("%s ASDU CA=%d IOA=%d %s val=%s q=%s cot=%s\n" % (t, r.randint(1, 65534), r.randint(1, 16777215), r.choice(["M_SP_TB_1", "M_ME_NC_1", "M_DP_TB_1", "C_SC_NA_1"]),
                                                           r.choice(["ON", "OFF", "%.2f" % r.uniform(0, 400)]), r.choice(["GOOD", "IV", "NT"]), r.choice(["spont", "inrogen", "actcon"])))
        elif k == 2:
            b.t("%s MODBUS unit=%d fc=%d reg=%d count=%d -> %s\n" % (t, r.randint(1, 247), r.choice([3, 4, 16]), r.randint(30001, 49999), r.randint(1, 20),
                                                               r.choice(["OK", "exception 0x02", "timeout", "CRC error"])))
        else:
            b.t("%s SNMP trap %s from %s uptime=%d\n" % (t, oid(r), "sw-" + rtu.lower(), r.randint(1000, 99999999)))
    if pos and r.random() < 0.5:
        b.t(c.L("\nHistorian connection: ", "\nConnessione historian: "))
        c.lab(b, "CREDENTIAL_URL", "opc.tcp://%s:%s@%s:4840/%s" % (r.choice(["operator", "historian", "scada_ro"]), url_pw(r), ipv4(r, True), r.choice(["UA/Server", "OPCUA/SimulationServer", "hist"])))
        b.t("\n")


def t_ocpp(c, b, pos=True, force_json=False):
    r = c.r
    op = r.choice(EV_OPS)
    cp = "CP-IT-%04d" % r.randint(1, 9999)
    b.t(intro(c, ["Why does this charger go Faulted right after StartTransaction? OCPP 1.6J log:\n",
                  "Explain this OCPP message exchange step by step:\n"],
              ["Perché questa colonnina va in Faulted subito dopo StartTransaction? Log OCPP 1.6J:\n",
               "Spiegami passo per passo questo scambio OCPP:\n"]))
    b.t('[2,"%s","BootNotification",{"chargePointVendor":"%s","chargePointModel":"%s","chargePointSerialNumber":"%s","firmwareVersion":"%s","iccid":"%s","imsi":"%s","meterSerialNumber":"%s"}]\n'
        % (uuid4(r), r.choice(["Alfen", "ABB", "Wallbox", "Schneider", "Ensto"]), r.choice(["Eve Single Pro", "Terra AC", "Pulsar Plus", "EVlink Pro AC"]),
           "EVB-P%s" % num(r, 8), fw_version(r), iccid(r), imsi(r), matricola(r)))
    tag = rfid_uid(r)
    b.t('[2,"%s","Authorize",{"idTag":"%s"}]\n[3,"%s",{"idTagInfo":{"status":"Accepted","expiryDate":"%s","parentIdTag":"%s"}}]\n'
        % (uuid4(r)[:8], tag, uuid4(r)[:8], ts_iso(r), emaid(r)))
    tx = r.randint(100000, 99999999)
    b.t('[2,"%s","StartTransaction",{"connectorId":%d,"idTag":"%s","meterStart":%d,"timestamp":"%s"}]\n[3,"%s",{"transactionId":%d,"idTagInfo":{"status":"Accepted"}}]\n'
        % (uuid4(r)[:8], r.randint(1, 2), tag, r.randint(100000, 9999999), ts_iso(r), uuid4(r)[:8], tx))
    b.t('[2,"%s","StatusNotification",{"connectorId":1,"errorCode":"%s","status":"Faulted","vendorErrorCode":"%s"}]\n'
        % (uuid4(r)[:8], r.choice(["GroundFailure", "OverCurrentFailure", "PowerMeterFailure"]), "E" + rs(r, DG, 4)))
    k = r.randrange(4)
    if pos and (k == 0 or force_json):
        b.t(c.L("\nThe CSMS side also shows this DataTransfer from the app:\n", "\nLato CSMS vediamo anche questo DataTransfer dall'app:\n"))
        f, l, fem = it_person(r)
        b.t('{"vendorId":"%s","messageId":"driverProfile","data":{"contractId":"%s","name":"%s %s","email":"' % (op[1], emaid(r), f, l))
        c.lab(b, "EMAIL", email_for(r, f, l), json_ctx=True)
        b.t('","phone":"')
        p, n = it_mobile(r)
        c.lab(b, "PHONE", fmt_it_mobile(r, p, n, r.choice([1, 3, 2])), json_ctx=True)
        b.t('","evse":"%s"}}\n' % evse_id(r))
    elif pos and k == 1:
        b.t(c.L("\nThe charger connects with security profile 1, config:\n", "\nLa colonnina usa il security profile 1, configurazione:\n"))
        c.lab(b, "CREDENTIAL_URL", "wss://%s:%s@csms.%s/ocpp/%s" % (cp, url_pw(r), op[1], cp))
        b.t("\n")
    elif pos and k == 2:
        c.tags.add("judgement")
        c.meta["why"] = "OCPP AuthorizationKey is the charge point's Basic-auth password; the key name does not say password"
        b.t('\n[2,"%s","ChangeConfiguration",{"key":"AuthorizationKey","value":"' % uuid4(r)[:8])
        c.lab(b, "PASSWORD", rs(r, HEXL, 40) if r.random() < 0.5 else password(r, 1))
        b.t('"}]\n')
    elif pos:
        b.t(c.L("\nThe private key of the charger's client certificate (profile 3) is:\n", "\nLa chiave privata del certificato client della colonnina (profile 3) è:\n"))
        c.lab(b, "PRIVATE_KEY", pem(r))
        b.t("\n")
    else:
        b.t('[2,"%s","MeterValues",{"connectorId":1,"transactionId":%d,"meterValue":[{"timestamp":"%s","sampledValue":[{"value":"%d","measurand":"Energy.Active.Import.Register","unit":"Wh"}]}]}]\n'
            % (uuid4(r)[:8], tx, ts_iso(r), r.randint(100000, 9999999)))


def t_ev_sessions(c, b, pos=True):
    r = c.r
    op = r.choice(EV_OPS)
    b.t(intro(c, ["Which of these charging sessions should be refunded? Export from the CPO backend:\n"],
              ["Quali di queste sessioni di ricarica vanno rimborsate? Export dal backend CPO:\n"]))
    b.t("session_id;evse_id;id_tag;contract_id;%sstart;end;kwh;amount_eur;payment\n" % ("driver_email;driver_phone;" if pos else ""))
    for _ in range(r.randint(3, 5)):
        f, l, fem = it_person(r)
        b.t("%s;%s;%s;%s;" % (uuid4(r), evse_id(r), rfid_uid(r), emaid(r)))
        if pos:
            c.lab(b, "EMAIL", email_for(r, f, l))
            b.t(";")
            p, n = it_mobile(r)
            c.lab(b, "PHONE", fmt_it_mobile(r, p, n, r.choice([1, 3, 0])))
            b.t(";")
        pay = r.random()
        b.t("%s;%s;%.2f;%s;" % (ts_iso(r), ts_iso(r), r.uniform(2, 80), eur(r, 1, 60)))
        if pay < 0.15 and pos:
            c.lab(b, "CREDIT_CARD", card(r)[1])
        else:
            b.t(r.choice(["RFID", "app", "card " + masked_card(r, card(r)[1]), "roaming"]))
        b.t("\n")


# =============================================================== templates — automotive
def t_telematics(c, b, pos=True, force_json=False):
    r = c.r
    v = vin(r)
    lat, lon = gps(r)
    b.t(intro(c, ["Why does the fleet dashboard show this van offline? Last TCU payload:\n", "Parse this connected-car telemetry JSON into a table:\n"],
              ["Perché la dashboard flotte mostra questo furgone offline? Ultimo payload della TCU:\n", "Trasforma in tabella questo JSON di telemetria:\n"]))
    b.t('{"vin":"%s","plate":"%s","tcu":{"imei":"%s","iccid":"%s","imsi":"%s","fw":"%s"},\n "ts":"%s","gps":{"lat":%s,"lon":%s,"hdop":%.1f},"odometer_km":%d,"fuel_pct":%d,\n "dtc":["%s","%s"],"can":{"0x7E8":"03 41 0C %s"},'
        % (v, plate_it(r), imei(r), iccid(r), imsi(r), fw_version(r), ts_iso(r), lat, lon, r.uniform(0.5, 3), r.randint(1000, 250000), r.randint(3, 100),
           r.choice(["P0420", "P0171", "U0100", "P0300", "B1318"]), r.choice(["C0035", "P0128", "U0121"]), " ".join(rs(r, HEXU, 2) for _ in range(2))))
    if pos:
        f, l, fem = it_person(r)
        b.t('\n "driver":{"id":"DRV-%d","name":"%s %s","mobile":"' % (r.randint(1000, 99999), f, l))
        p, n = it_mobile(r)
        c.lab(b, "PHONE", fmt_it_mobile(r, p, n, r.choice([1, 3, 2])), json_ctx=True)
        b.t('","email":"')
        c.lab(b, "EMAIL", email_for(r, f, l, staff=r.choice(AUTO + FIELD)[1]) if r.random() < 0.5 else email_for(r, f, l), json_ctx=True)
        b.t('"}}\n')
    else:
        b.t('\n "driver":{"id":"DRV-%d","badge":"%s"}}\n' % (r.randint(1000, 99999), rfid_uid(r)))
    if pos and r.random() < 0.5:
        k = r.randrange(3)
        b.t(c.L("\nThe poller runs with:\n", "\nIl poller gira con:\n"))
        if k == 0:
            b.t("MAPS_API_KEY=")
            c.lab(b, "GOOGLE_API_KEY", google_key(r))
            b.t("\n")
        elif k == 1:
            b.t("AWS_ACCESS_KEY_ID=")
            c.lab(b, "AWS_ACCESS_KEY", aws_id(r))
            b.t("\nAWS_SECRET_ACCESS_KEY=")
            c.lab(b, "AWS_SECRET_KEY", aws_secret(r))
            b.t("\nIOT_ENDPOINT=%s-ats.iot.eu-south-1.amazonaws.com\n" % rs(r, LO + DG, 14))
        else:
            b.t("curl -H 'Authorization: Bearer ")
            c.lab(b, "JWT", jwt(r))
            b.t("' https://api.%s/v2/vehicles/%s/telemetry\n" % (r.choice(AUTO)[1], v))


def t_lease_us(c, b, pos=True):
    r = c.r
    c.lang = "en"
    d = r.choice(US_DEALERS)
    city, st, z, area = r.choice(US_CITIES)
    f, l = us_person(r)
    b.t(r.choice(["Summarize this lease application for the F&I manager:\n", "Check this retail installment contract for missing fields:\n",
                  "Draft a welcome e-mail for this new lessee based on the deal jacket:\n"]))
    b.t("%s — MOTOR VEHICLE LEASE AGREEMENT  Deal #%d  Stock #%s\n" % (d[0], r.randint(10000, 99999), rs(r, UP, 1) + rs(r, DG, 5)))
    b.t("Vehicle: %d %s  VIN %s  Odometer %d mi  Plate %s (%s)\n" % (r.randint(2021, 2026), r.choice(["Ford F-150 XLT", "Jeep Grand Cherokee", "Honda CR-V EX", "Tesla Model Y"]),
                                                           vin(r), r.randint(5, 40000), plate_us(r), st))
    if pos:
        b.t("Lessee: %s %s, %d %s St, %s, %s %s\nSSN: " % (f, l, r.randint(100, 9999), r.choice(["Oak", "Maple", "Lake", "Main", "Elm"]), city, st, z))
        c.lab(b, "US_SSN", ssn(r))
        b.t("   DOB: %s   DL#: %s\nPhone: " % (date_us(r, r.randint(1950, 2003)), rs(r, UP, 1) + rs(r, DG, 12)))
        c.lab(b, "PHONE", us_phone(r, area))
        b.t("   Email: ")
        c.lab(b, "EMAIL", email_for(r, f, l, FREEMAIL_US))
        b.t("\n")
        if r.random() < 0.5:
            b.t("Co-lessee SSN: ")
            c.lab(b, "US_SSN", ssn(r))
            b.t("\n")
    else:
        b.t("Lessee: on file (credit app #%s)   SSN: XXX-XX-%s\n" % (num(r, 8), rs(r, DG, 4)))
    b.t("Gross cap cost $%s  Cap reduction $%s  Residual $%s  Money factor 0.00%d  Term %d mo  Monthly $%s\n"
        % (usd(r, 20000, 80000), usd(r, 0, 5000), usd(r, 10000, 40000), r.randint(100, 399), r.choice([24, 36, 39, 48]), usd(r, 250, 1200)))
    ab = aba(r)
    c.allow.add(ab)  # routing numbers may start with 0: not a phone
    b.t("Dealer EIN %02d-%07d   Lienholder: %s Auto Finance, ABA %s\n" % (r.randint(10, 99), r.randint(0, 9999999), r.choice(["Ally", "Chase", "Capital One"]), ab))
    if pos and r.random() < 0.6:
        b.t("Due at signing paid by %s card " % r.choice(["VISA", "Mastercard", "AMEX", "Discover"]))
        c.lab(b, "CREDIT_CARD", card_fmt(r, card(r)[1]))
        b.t(" exp %02d/%02d\n" % (r.randint(1, 12), r.randint(26, 31)))
    else:
        b.t("Due at signing: $%s (ACH, account ending %s)\n" % (usd(r, 500, 6000), rs(r, DG, 4)))


def aba(r):
    while True:
        d = "%02d" % r.choice(list(range(1, 13)) + list(range(21, 30))) + rs(r, DG, 6)
        s = 3 * (int(d[0]) + int(d[3]) + int(d[6])) + 7 * (int(d[1]) + int(d[4]) + int(d[7])) + (int(d[2]) + int(d[5]))
        return d + str((10 - s % 10) % 10)


def t_lease_it(c, b, pos=True):
    r = c.r
    c.lang = "it"
    d = r.choice(AUTO)
    f, l, fem = it_person(r)
    biz = r.random() < 0.45
    b.t(r.choice(["Riassumi questo contratto di noleggio a lungo termine:\n", "Controlla i dati di questo contratto di leasing prima della firma:\n",
                  "Prepara una mail di benvenuto al cliente sulla base di questo contratto:\n"]))
    b.t("%s — Contratto di %s n. %s\nVeicolo: %s — Telaio (VIN) %s — Targa %s — Immatricolazione %s\n"
        % (d[0], r.choice(["noleggio a lungo termine", "leasing finanziario"]), "NLT-%d-%s" % (r.randint(2024, 2025), num(r, 6)),
           r.choice(["Fiat Ducato 2.2 MJT", "Jeep Compass 4xe", "Alfa Romeo Tonale", "VW ID.4", "Peugeot e-208"]), vin(r), plate_it(r), date_it(r)))
    if pos:
        if biz:
            b.t("Cliente: %s %s S.r.l. — P.IVA " % (l, r.choice(["Logistica", "Impianti", "Trasporti"])))
            c.lab(b, "IT_VAT", piva(r))
            b.t(" — Legale rappresentante %s %s, CF " % (f, l))
        else:
            b.t("Cliente: %s %s — Codice fiscale " % (f, l))
        c.lab(b, "IT_FISCAL_CODE", cf_make(r, f, l, fem))
        b.t("\nTel. ")
        p, n = it_mobile(r)
        c.lab(b, "PHONE", fmt_it_mobile(r, p, n))
        b.t(" — e-mail ")
        c.lab(b, "EMAIL", email_for(r, f, l))
        b.t("\nCanone mensile € %s + IVA — durata %d mesi — %d km/anno\nAddebito SDD su IBAN " % (eur(r, 250, 1200), r.choice([36, 48, 60]), r.choice([15000, 20000, 30000])))
        c.lab(b, "IBAN", iban_fmt(r, iban(r, "IT")))
        b.t("\n")
    else:
        b.t("Cliente: vedi anagrafica (codice %s)\nCanone mensile € %s + IVA — durata %d mesi — %d km/anno — anticipo € %s\nAddebito SDD su IBAN %s\n"
            % (cod_cliente(r), eur(r, 250, 1200), r.choice([36, 48, 60]), r.choice([15000, 20000, 30000]), eur(r, 0, 6000), masked_iban(r, iban(r, "IT"))))
    b.t("Dispositivo satellitare: IMEI %s, SIM %s. Franchigia RCA € %s.\n" % (imei(r), iccid(r), eur(r, 250, 1000)))


# =============================================================== templates — field service, CPE, scripts, markers
def t_work_order(c, b, pos=True):
    r = c.r
    fo = r.choice(FIELD)
    tf, tl, _ = it_person(r)
    b.t(intro(c, ["Turn this work order into an SMS for the customer:\n", "Summarise this field-service work order:\n"],
              ["Trasforma questo ordine di lavoro in un SMS per il cliente:\n", "Riassumi questo ordine di intervento:\n"]))
    b.t(c.L("WORK ORDER %s — %s\nType: %s   Priority: %s   Window: %s %s-%s\n", "ORDINE DI LAVORO %s — %s\nTipo: %s   Priorità: %s   Fascia: %s %s-%s\n")
        % ("WO-%d-%06d" % (r.randint(2024, 2025), r.randint(1, 999999)), fo[0], r.choice([c.L("FTTH activation", "attivazione FTTH"), c.L("meter replacement", "sostituzione contatore"),
                                                                                      c.L("wallbox install", "installazione wallbox"), c.L("gas leak check", "verifica dispersione gas")]),
           r.choice(["P1", "P2", "P3"]), date_it(r), "%02d:00" % r.randint(8, 14), "%02d:00" % r.randint(15, 19)))
    if pos:
        b.t(c.L("Technician: %s %s (%s)  mobile ", "Tecnico: %s %s (%s)  cell. ") % (tf, tl, "T" + rs(r, DG, 4)))
        p, n = it_mobile(r)
        c.lab(b, "PHONE", fmt_it_mobile(r, p, n))
        b.t("  e-mail ")
        c.lab(b, "EMAIL", email_for(r, tf, tl, staff=fo[1]))
        b.t("\n")
        if r.random() < 0.6:
            cf_, cl_, _ = it_person(r)
            b.t(c.L("Customer on site: %s %s, phone ", "Referente sul posto: %s %s, tel. ") % (cf_, cl_))
            c.lab(b, "PHONE", phone_any(r, c))
            b.t("\n")
    else:
        b.t(c.L("Technician: team %s (contact via dispatcher app)\n", "Tecnico: squadra %s (contatto tramite app del dispatcher)\n") % ("SQ-" + rs(r, DG, 3)))
    b.t(c.L("Site: %s  GPS %s,%s\nAssets: %s; ONT serial %s, MAC %s; old meter %s\n", "Sito: %s  GPS %s,%s\nAsset: %s; seriale ONT %s, MAC %s; contatore rimosso %s\n")
        % (addr_it(r), *gps(r), pod(r) if r.random() < 0.5 else "PDR " + pdr(r), rs(r, UP, 4) + rs(r, HEXU, 8), mac(r, r.choice([":", "-", "."])), matricola(r)))
    b.t(c.L("Notes: customer requests call 30 min before arrival. Parts: %s x%d.\n", "Note: il cliente chiede una chiamata 30 minuti prima. Materiale: %s x%d.\n")
        % (r.choice(["ONT ZTE F601", "splitter 1:8", "contatore G4 smart", "wallbox 7,4 kW"]), r.randint(1, 3)))


def t_cpe_config(c, b, pos=True):
    r = c.r
    k = r.randrange(4)
    b.t(intro(c, ["Customer can't get online, here is the CPE config. What's wrong?\n", "Convert this router config to OpenWrt syntax:\n",
                  "Review this CPE configuration for a business customer:\n"],
              ["Il cliente non naviga, ecco la configurazione del modem. Cosa non va?\n", "Converti questa configurazione per OpenWrt:\n",
               "Controlla la configurazione del router di un cliente business:\n"]))
    user = "rtl" + rs(r, DG, 8)
    if k == 0:  # OpenWrt uci
        b.t("config interface 'wan'\n\toption device 'eth0.835'\n\toption proto 'pppoe'\n\toption username '%s'\n\toption password '" % user)
        if pos:
            c.lab(b, "PASSWORD", password(r, 3))
        else:
            b.t("********")
        b.t("'\n\toption ipv6 'auto'\n\nconfig wifi-iface 'default_radio0'\n\toption device 'radio0'\n\toption ssid '%s'\n\toption encryption 'psk2'\n\toption key '"
            % r.choice(["Casa_" + rs(r, UP, 4), "FRITZ!Box " + rs(r, DG, 4), "Retelia-" + rs(r, HEXU, 4)]))
        if pos:
            c.lab(b, "PASSWORD", password(r, 4))
        else:
            b.t("$WIFI_KEY")
        b.t("'\n\tlist maclist '%s'\n" % mac(r))
        if pos:
            b.t("\nconfig interface 'lan'\n\toption proto 'static'\n\toption ipaddr '")
            c.lab(b, "IP_ADDRESS", ipv4(r, True))
            b.t("'\n")
    elif k == 1:  # TR-181 parameter dump from the ACS
        b.t("Device.DeviceInfo.SerialNumber = %s\nDevice.DeviceInfo.SoftwareVersion = %s\nDevice.ManagementServer.URL = " % (rs(r, UP, 4) + num(r, 8), fw_version(r)))
        if pos:
            c.lab(b, "CREDENTIAL_URL", "http://%s:%s@acs.%s:7547/cwmp" % ("cpe-" + rs(r, HEXU, 6), url_pw(r), r.choice(TELCOS)[1]))
        else:
            b.t("https://acs.%s:7548/cwmp" % r.choice(TELCOS)[1])
        b.t("\nDevice.ManagementServer.PeriodicInformInterval = %d\nDevice.PPP.Interface.1.Username = %s\nDevice.PPP.Interface.1.Password = " % (r.choice([3600, 86400]), user))
        if pos:
            c.lab(b, "PASSWORD", password(r, r.choice([1, 3])))
        else:
            b.t("(hidden)")
        b.t("\nDevice.WiFi.SSID.1.BSSID = %s\nDevice.WiFi.AccessPoint.1.Security.ModeEnabled = WPA2-Personal\n" % mac(r))
        if pos:
            b.t("Device.WiFi.AccessPoint.1.Security.KeyPassphrase = ")
            c.lab(b, "PASSWORD", password(r, 4))
            b.t("\nDevice.IP.Interface.1.IPv4Address.1.IPAddress = ")
            c.lab(b, "IP_ADDRESS", ipv4(r, False))
            b.t("\n")
        else:
            b.t("Device.WiFi.AccessPoint.1.Security.KeyPassphrase = \nDevice.IP.Interface.1.IPv4Address.1.AddressingType = DHCP\n")
    elif k == 2:  # MikroTik
        b.t("/interface pppoe-client\nadd add-default-route=yes disabled=no interface=ether1-wan name=pppoe-out1 ")
        if pos:
            b.t("password=")
            c.lab(b, "PASSWORD", password(r, r.choice([3, 1])))
            b.t(" user=%s\n" % user)
        else:
            b.t("user=%s\n" % user)
        b.t("/interface wireless security-profiles\nset [ find default=yes ] authentication-types=wpa2-psk mode=dynamic-keys")
        if pos:
            b.t(" wpa2-pre-shared-key=")
            c.lab(b, "PASSWORD", password(r, r.choice([0, 4])))
            b.t("\n/ip address\nadd address=")
            c.lab(b, "IP_ADDRESS", ipv4(r, True))
            b.t("/24 interface=bridge-lan\n")
        else:
            b.t("\n/ip dhcp-client\nadd interface=bridge-lan disabled=no\n")
        b.t("/system identity set name=CPE-%s\n" % rs(r, HEXU, 6))
    else:  # Cisco
        b.t("hostname cpe-%s\n!\nenable secret 9 $9$%s$%s\n!\ninterface Dialer1\n encapsulation ppp\n ppp chap hostname %s\n"
            % (rs(r, LO + DG, 6), rs(r, AN, 14), rs(r, AN + "./", 43), user))
        if pos:
            b.t(" ppp chap password 0 ")
            c.lab(b, "PASSWORD", password(r, r.choice([1, 2, 3])))
            b.t("\n ip address negotiated\n!\nip nat inside source list 1 interface Dialer1 overload\nip name-server ")
            c.lab(b, "IP_ADDRESS", ipv4(r, False))
            b.t("\nlogging host ")
            c.lab(b, "IP_ADDRESS", ipv4(r, True))
            b.t("\n")
        else:
            b.t(" ppp chap password 7 %s\n" % rs(r, HEXU, 20))
            c.tags.add("judgement")
            c.meta["why"] = "Cisco type-7 'password 7' is reversible obfuscation, not a hash; labelled nothing"
        b.t("!\nsnmp-server location %s\nntp server pool.ntp.org\n" % r.choice(CITIES)[0])


def t_script(c, b, pos=True):
    r = c.r
    k = r.randrange(6)
    b.t(intro(c, ["This integration script fails, can you fix it?\n", "Refactor this script and add retries:\n", "Add logging to this job:\n"],
              ["Questo script di integrazione va in errore, me lo sistemi?\n", "Rifattorizza questo script e aggiungi i retry:\n", "Aggiungi il logging a questo job:\n"]))
    if k == 0:  # Slack alerts from NOC
        b.t("import requests\n\n# NOC: forward critical alarms from the OSS to #noc-alarms\n")
        if pos:
            b.t('WEBHOOK = "')
            c.lab(b, "SLACK_WEBHOOK", slack_webhook(r))
            b.t('"\n')
        else:
            b.t('WEBHOOK = os.environ["SLACK_NOC_WEBHOOK"]\n')
        b.t('for a in oss.alarms(severity="critical", since="%s"):\n    requests.post(WEBHOOK, json={"text": f"{a.site} {a.cell} ECI={a.eci} {a.text}"})\n' % ts_iso(r))
    elif k == 1:  # OpenAI / Anthropic summariser of tickets
        vend = r.choice(["openai", "anthropic"])
        b.t("# summarise care tickets nightly\nimport %s\n" % vend)
        if vend == "openai":
            b.t("client = openai.OpenAI(api_key=")
            if pos:
                b.t('"')
                c.lab(b, "OPENAI_KEY", openai_key(r))
                b.t('"')
            else:
                b.t('os.getenv("OPENAI_API_KEY")')
            b.t(")\nresp = client.chat.completions.create(model=\"gpt-4o-mini\", messages=[{\"role\": \"user\", \"content\": prompt}])\n")
        else:
            b.t("client = anthropic.Anthropic(api_key=")
            if pos:
                b.t('"')
                c.lab(b, "ANTHROPIC_KEY", anthropic_key(r))
                b.t('"')
            else:
                b.t('os.environ["ANTHROPIC_API_KEY"]')
            b.t(")\nmsg = client.messages.create(model=\"claude-sonnet-4-5\", max_tokens=800, messages=[{\"role\": \"user\", \"content\": prompt}])\n")
        b.t("# batch %s, %d tickets, checksum %s\n" % (uuid4(r), r.randint(50, 3000), sha1(r)))
    elif k == 2:  # Stripe for EV ad-hoc payments
        b.t("// EV charging ad-hoc payment: pre-authorise before StartTransaction\nconst Stripe = require('stripe');\n")
        if pos:
            b.t("const stripe = Stripe('")
            c.lab(b, "STRIPE_KEY", stripe_key(r))
            b.t("');\n")
        else:
            b.t("const stripe = Stripe(process.env.STRIPE_SECRET_KEY);\n")
        b.t("const pi = await stripe.paymentIntents.create({amount: %d, currency: 'eur', capture_method: 'manual', metadata: {evse: '%s', tx: '%d'}});\n"
            % (r.choice([2000, 3000, 5000]), evse_id(r), r.randint(100000, 9999999)))
    elif k == 3:  # firmware CI pulling from GitHub/GitLab
        b.t("#!/bin/bash\n# fetch TCU firmware %s and flash the test bench\nset -e\n" % fw_version(r))
        if r.random() < 0.5:
            if pos:
                b.t("export GITHUB_TOKEN=")
                c.lab(b, "GITHUB_TOKEN", gh_token(r) if r.random() < 0.8 else gh_fine(r))
                b.t("\n")
            else:
                b.t("export GITHUB_TOKEN=$(vault kv get -field=token secret/ci/github)\n")
            b.t("gh release download v%s -R %s/tcu-firmware -p '*.bin'\n" % (fw_version(r), r.choice(["fleetitalia", "voltanet"])))
        else:
            if pos:
                b.t("curl --header \"PRIVATE-TOKEN: ")
                c.lab(b, "GITLAB_TOKEN", gitlab_token(r))
                b.t("\" ")
            else:
                b.t("curl --header \"PRIVATE-TOKEN: $CI_JOB_TOKEN\" ")
            b.t("-o fw.bin https://gitlab.%s/api/v4/projects/%d/packages/generic/tcu/%s/fw.bin\n" % (r.choice(AUTO)[1], r.randint(10, 900), fw_version(r)))
        b.t("echo \"%s  fw.bin\" | sha256sum -c -\n" % sha256(r))
    elif k == 4:  # AWS meter data lake
        b.t("import boto3\n# upload 15-min load profiles to the data lake\n")
        if pos:
            b.t("s3 = boto3.client('s3', region_name='eu-south-1', aws_access_key_id='")
            c.lab(b, "AWS_ACCESS_KEY", aws_id(r))
            b.t("', aws_secret_access_key='")
            c.lab(b, "AWS_SECRET_KEY", aws_secret(r))
            b.t("')\n")
        else:
            b.t("s3 = boto3.client('s3', region_name='eu-south-1')  # role from instance profile\n")
        b.t("s3.upload_file('lp_%s.csv', 'mdm-loadprofiles-prod', 'pod=%s/%s.csv')\n" % (ts_iso(r)[:10], pod(r), uuid4(r)))
    else:  # Slack bot token for the dispatch bot, or Google Maps for routing
        if r.random() < 0.5:
            b.t("# dispatch bot posts the day's work orders\nfrom slack_sdk import WebClient\n")
            if pos:
                b.t("client = WebClient(token=\"")
                c.lab(b, "SLACK_TOKEN", slack_token(r))
                b.t("\")\n")
            else:
                b.t("client = WebClient(token=os.environ[\"SLACK_BOT_TOKEN\"])\n")
            b.t("client.chat_postMessage(channel=\"#dispatch-%s\", text=f\"{len(wos)} WO for team SQ-%s\")\n" % (r.choice(["nord", "centro", "sud"]), rs(r, DG, 3)))
        else:
            b.t("# route optimisation for field technicians\n")
            if pos:
                b.t("GMAPS_KEY = '")
                c.lab(b, "GOOGLE_API_KEY", google_key(r))
                b.t("'\n")
            else:
                b.t("GMAPS_KEY = '<your-maps-key>'\n")
            b.t("url = f'https://maps.googleapis.com/maps/api/directions/json?origin=%s,%s&destination=%s,%s&key={GMAPS_KEY}'\n" % (*gps(r), *gps(r)))


def t_marker_doc(c, b, pos=True):
    r = c.r
    b.t(intro(c, ["Summarise this document for the steering committee:\n", "Translate this into Italian:\n"],
              ["Riassumi questo documento per il comitato:\n", "Traduci in inglese questo documento:\n"]))
    if pos:
        mk = r.choice(MARKERS_IT if c.it() else MARKERS_EN)
        pre, suf = r.choice([(c.L("Classification: ", "Classificazione: "), "\n"), ("[", "]\n"), ("", "\n\n"), ("** ", " **\n"), ("", " — ")])
        b.t(pre)
        c.lab(b, "CONFIDENTIAL_MARKER", mk)
        b.t(suf)
    else:
        b.t(c.L("Public summary — published on the customer portal (Area Riservata > Documenti)\n", "Sintesi pubblica — pubblicata nell'Area Riservata del portale clienti\n"))
    b.t(c.L("%s — 5G SA rollout, %s region, wave %d\nSites: %d new gNB, %d swaps. Spectrum: n78 %d MHz. Core: %s.\nRisks: power upgrades at %d sites; e-distribution connection requests (POD %s...) pending.\n",
            "%s — Rollout 5G SA, area %s, ondata %d\nSiti: %d nuovi gNB, %d swap. Spettro: n78 %d MHz. Core: %s.\nRischi: adeguamenti di potenza su %d siti; richieste di connessione al distributore (POD %s...) in attesa.\n")
        % (r.choice(TELCOS)[0], r.choice(["Lombardia", "Lazio", "Campania", "Veneto"]), r.randint(1, 6), r.randint(20, 400), r.randint(10, 300),
           r.choice([80, 100]), r.choice(["Ericsson", "Nokia", "Huawei"]), r.randint(5, 60), pod(r)[:9]))
    if not pos:
        b.t(c.L("Access to the detailed plan is reserved to partners.\n", "L'accesso al piano di dettaglio è riservato ai partner.\n"))


# =============================================================== evasion-carrying templates (base64, percent)
def t_ev_b64(c, b, pos=True):
    r = c.r
    c.tags.add("evasion:base64")
    c.evaded = True
    k = r.randrange(3)
    if k == 0:  # k8s Secret with a whole value
        typ, v, name = r.choice([("OPENAI_KEY", openai_key(r), "OPENAI_API_KEY"), ("STRIPE_KEY", stripe_key(r), "STRIPE_SECRET_KEY"),
                                 ("GOOGLE_API_KEY", google_key(r), "MAPS_API_KEY"), ("AWS_SECRET_KEY", aws_secret(r), "AWS_SECRET_ACCESS_KEY"),
                                 ("SLACK_WEBHOOK", slack_webhook(r), "NOC_WEBHOOK"), ("GITLAB_TOKEN", gitlab_token(r), "GITLAB_TOKEN")])
        b.t(intro(c, ["Why can't the CSMS pod read its secret?\n"], ["Perché il pod del CSMS non legge il secret?\n"]))
        b.t("apiVersion: v1\nkind: Secret\nmetadata:\n  name: %s-secrets\n  namespace: %s\ntype: Opaque\ndata:\n  DB_HOST: %s\n  %s: "
            % (r.choice(["csms", "fleet-api", "mdm", "care-bot"]), r.choice(["prod", "ev", "telematics"]), base64.b64encode(b"db.internal").decode(), name))
        blob = base64.b64encode(v.encode()).decode()
        b.f(typ, blob, v, "base64")
        b.t("\n  LOG_LEVEL: %s\n" % base64.b64encode(b"info").decode())
    elif k == 1:  # OCPP DataTransfer with base64 JSON carrying contact data
        f, l, fem = it_person(r)
        p, n = it_mobile(r)
        e = email_for(r, f, l)
        ph = fmt_it_mobile(r, p, n, r.choice([1, 3]))
        pay = json.dumps({"contract": emaid(r), "email": e, "phone": ph, "evse": evse_id(r)}, separators=(",", ":")).encode()
        blob = base64.b64encode(pay).decode()
        b.t(intro(c, ["Decode this OCPP DataTransfer payload and tell me what it contains:\n"], ["Decodifica il payload di questo DataTransfer OCPP e dimmi cosa contiene:\n"]))
        b.t('[2,"%s","DataTransfer",{"vendorId":"%s","messageId":"appProfile","data":"' % (uuid4(r)[:8], r.choice(EV_OPS)[1]))
        spans = []
        for typ, v in (("EMAIL", e), ("PHONE", ph)):
            s = pay.index(v.encode())
            _, gs, ge = b64_groups(pay, s, s + len(v.encode()))
            spans.append((gs, ge, typ, v))
        pos0 = 0
        for gs, ge, typ, v in spans:
            b.t(blob[pos0:gs])
            b.f(typ, blob[gs:ge], v, "base64")
            pos0 = ge
        b.t(blob[pos0:] + '"}]\n')
    else:  # Basic auth to the ACS / CSMS: the password's groups
        user = r.choice(["acs-admin", "cpe", "csms", "ocpp-" + rs(r, DG, 4)])
        pw = password(r, r.choice([0, 1, 2]))
        pay = ("%s:%s" % (user, pw)).encode()
        blob, gs, ge = b64_groups(pay, len(user) + 1, len(pay))
        b.t(intro(c, ["The ACS answers 401 to this request, why?\n"], ["L'ACS risponde 401 a questa richiesta, perché?\n"]))
        b.t("POST /cwmp HTTP/1.1\nHost: acs.%s:7547\nAuthorization: Basic %s" % (r.choice(TELCOS)[1], blob[:gs]))
        b.f("PASSWORD", blob[gs:ge], pw, "base64")
        b.t(blob[ge:] + "\nContent-Type: text/xml; charset=utf-8\nSOAPAction: \"\"\n\n<cwmp:Inform><DeviceId><Manufacturer>%s</Manufacturer><OUI>%s</OUI><SerialNumber>%s</SerialNumber></DeviceId></cwmp:Inform>\n"
            % (r.choice(["ZTE", "Huawei", "Sagemcom", "AVM"]), rs(r, HEXU, 6), rs(r, UP, 4) + num(r, 8)))


def t_ev_url(c, b, pos=True):
    r = c.r
    c.tags.add("evasion:percent")
    c.evaded = True
    tel = r.choice(TELCOS + UTILS)
    f, l, fem = it_person(r)
    b.t(intro(c, ["This self-care link returns 500, can you see why?\n", "Shorten this URL for the SMS template:\n"],
              ["Questo link della self-care restituisce 500, vedi perché?\n", "Accorcia questo URL per il template SMS:\n"]))
    b.t("https://selfcare.%s/api/v1/%s?" % (tel[1], r.choice(["customers/search", "mnp/precheck", "billing/refund", "contacts/update"])))
    items = r.sample([("msisdn", "PHONE"), ("email", "EMAIL"), ("cf", "IT_FISCAL_CODE"), ("iban", "IBAN")], r.choice([1, 2, 2, 3]))
    first = True
    for key, typ in items:
        if not first:
            b.t("&")
        first = False
        b.t(key + "=")
        if typ == "PHONE":
            p, n = it_mobile(r)
            v = r.choice(["+39" + p + n, "+39 " + p + " " + n, p + " " + n])
        elif typ == "EMAIL":
            v = email_for(r, f, l)
        elif typ == "IT_FISCAL_CODE":
            v = cf_make(r, f, l, fem)
        else:
            v = iban_fmt(r, iban(r, "IT"))
        if r.random() < 0.3:
            enc = urllib.parse.quote_plus(v)
        elif typ == "IT_FISCAL_CODE":
            enc = "".join("%%%02X" % ord(ch) for ch in v)
        else:
            enc = urllib.parse.quote(v, safe="")
        if enc == v:
            enc = "".join("%%%02X" % ord(ch) if ch.isdigit() and r.random() < 0.5 else ch for ch in v) if any(ch.isdigit() for ch in v) else "%%%02X" % ord(v[0]) + v[1:]
        b.f(typ, enc, v, "percent")
    b.t("&ts=%d&sig=%s\n" % (r.randint(1735689600, 1767225599), sha256(r)[:32]))


# =============================================================== negative-only templates
def n_cell_sites(c, b):
    r = c.r
    b.t(intro(c, ["Which of these cells have the worst drop rate? Site list:\n"], ["Quali di queste celle hanno il drop rate peggiore? Lista siti:\n"]))
    b.t("site_id;enb_id;eci;pci;earfcn;tac;lat;lon;azimuth;drop_rate_pct;vswr\n")
    for _ in range(r.randint(4, 7)):
        enb, e = eci(r)
        lat, lon = gps(r)
        b.t("%s%04d;%d;%d;%d;%d;%d;%s;%s;%d;%.2f;%.2f\n" % (r.choice(["MI", "RM", "NA", "TO", "BO"]), r.randint(1, 9999), enb, e, r.randint(0, 503),
                                                          r.choice([1350, 1850, 3050, 6300, 275]), r.randint(1000, 65000), lat, lon, r.choice([0, 120, 240, 90, 330]),
                                                          r.uniform(0.1, 4.5), r.uniform(1.0, 1.8)))
    b.t(c.L("KPI window %s-%s, counter set %s.\n", "Finestra KPI %s-%s, set contatori %s.\n") % (ts_iso(r), ts_iso(r), uuid4(r)))


def n_imei_question(c, b):
    r = c.r
    im = imei(r, r.choice([t for t in TACS if t[0] != "0"]))
    g = r.random() < 0.5
    shown = "%s %s %s" % (im[:8], im[8:14], im[14]) if g else im
    b.t(c.L("Is this IMEI valid? %s — the customer says the phone is blacklisted. How is the check digit computed, and what is TAC %s? IMEISV from the network: %s.\n",
            "Questo IMEI è valido? %s — il cliente dice che il telefono è in blacklist. Come si calcola la cifra di controllo e a cosa corrisponde il TAC %s? IMEISV dalla rete: %s.\n")
        % (shown, im[:8], imeisv(r)))
    if r.random() < 0.5:
        b.t(c.L("Other devices on the same account: %s, %s.\n", "Altri terminali sullo stesso account: %s, %s.\n") % (imei(r), imei(r)))


def n_imsi_decode(c, b):
    r = c.r
    im, ic = imsi(r), iccid(r)
    lac = r.randint(1000, 65000)
    c.allow.add("222-%s-%d" % (im[3:5], lac))  # a LAI with a 4-digit LAC is SSN-shaped: hard negative
    b.t(c.L("Decode these identifiers for me: IMSI %s (TBCD in the MAP trace: %s), ICCID %s, and LAI 222-%s-%d. Which operator issued them?\n",
            "Mi decodifichi questi identificativi? IMSI %s (in TBCD nella traccia MAP: %s), ICCID %s e LAI 222-%s-%d. Quale operatore li ha emessi?\n")
        % (im, imsi_tbcd(im), ic, im[3:5], lac))
    if r.random() < 0.5:
        b.t("GUTI: %s%s%s%s\n" % ("222" + im[3:5], "%04X" % r.randint(0x8000, 0xFFFF), "%02X" % r.randint(1, 255), rs(r, HEXU, 8)))


def n_vin(c, b):
    r = c.r
    v = vin(r)
    b.t(c.L("Decode VIN %s: which plant and model year? The plate is %s and the TCU reports IMEI %s. Also explain DTC %s and %s.\n",
            "Decodifica il telaio %s: stabilimento e anno modello? La targa è %s e la TCU riporta IMEI %s. Spiegami anche i codici %s e %s.\n")
        % (v, plate_it(r) if c.it() else plate_us(r), imei(r), r.choice(["P0420", "P0171", "U0100", "P0300"]), r.choice(["C0035", "P0128", "U0121", "B1318"])))
    if r.random() < 0.6:
        b.t(c.L("Recall campaign %s applies to VINs %s to %s.\n", "La campagna di richiamo %s riguarda i telai da %s a %s.\n") % ("%dV%06d" % (r.randint(20, 25), r.randint(1, 999999)), vin(r), vin(r)))


def n_meter_readings(c, b):
    r = c.r
    b.t(intro(c, ["Plot these meter readings and tell me if there is a leak:\n"], ["Fammi un grafico di queste letture e dimmi se c'è una perdita:\n"]))
    pdr_, mat = pdr(r), matricola(r)
    b.t("PDR %s — matricola %s — REMI %s\n" % (pdr_, mat, remi(r)))
    v = r.randint(1000, 9000)
    for _ in range(r.randint(5, 8)):
        v += r.randint(0, 120)
        b.t("%s  %05d Smc  %s  %s\n" % (date_it(r), v, r.choice(["effettiva", "stimata", "autolettura"]), r.choice(["ok", "ok", "validata", "anomalia A%d" % r.randint(1, 40)])))
    b.t("Codice cliente %s, fattura %s.\n" % (cod_cliente(r), invoice_no(r)))


def n_kpi(c, b):
    r = c.r
    b.t(intro(c, ["Write a short incident summary from these alarms:\n"], ["Scrivi un breve riepilogo dell'incidente da questi allarmi:\n"]))
    for _ in range(r.randint(4, 6)):
        b.t("%s %s %s %s alarm_id=%d node=%s ECI=%d %s\n" % (ts_iso(r), r.choice(["CRITICAL", "MAJOR", "MINOR"]), r.choice(["S1 link down", "X2 setup failure", "VSWR over threshold", "Cell unavailable", "GPS sync lost"]),
                                                        r.choice(["eNB", "gNB"]), r.randint(10000, 99999999), "%s%04d" % (r.choice(["MI", "RM", "NA"]), r.randint(1, 9999)), eci(r)[1], oid(r)))
    b.t(c.L("Affected subscribers: ~%d. Root cause ticket %s, change %s, config hash %s.\n", "Utenti impattati: ~%d. Ticket causa %s, change %s, hash configurazione %s.\n")
        % (r.randint(100, 90000), ticket_id(r), "CHG%07d" % r.randint(1, 9999999), sha256(r)))


def n_firmware(c, b):
    r = c.r
    b.t(intro(c, ["Write release notes from this build manifest:\n"], ["Scrivi le note di rilascio da questo manifest:\n"]))
    for _ in range(r.randint(3, 5)):
        b.t("%s-%s.bin  sha256:%s  size=%d  build=%s  target=%s\n" % (r.choice(["tcu", "ont", "wallbox", "meter-g4", "rtu"]), fw_version(r), sha256(r), r.randint(100000, 90000000),
                                                                   num(r, r.choice([8, 10]), "12456789"), r.choice(["imx8", "bcm63xx", "stm32f4", "esp32s3"])))
    b.t("MIB: %s  OBIS profile %s  min bootloader %s  signing key id %s\n" % (oid(r), obis_dotted(r), fw_version(r), rs(r, HEXL, 16)))


def n_tariff(c, b):
    r = c.r
    c.lang = "it"
    b.t("Confronta queste due offerte per un cliente domestico con 2.700 kWh/anno:\n")
    for _ in range(2):
        b.t("Offerta %s (codice %s): prezzo PUN + %s €/kWh, quota fissa %s €/mese, validità %s, codice ARERA %s\n"
            % (r.choice(["Luce Flex", "Casa Fissa 12", "Green Power", "Luce Web"]), "OFF-%s-%s" % (rs(r, UP, 3), rs(r, DG, 4)), "0,0%d" % r.randint(10, 99),
               eur(r, 5, 15), date_it(r), "%s%s" % (rs(r, UP, 4), rs(r, DG, 6))))
    b.t("POD di esempio %s, potenza 3 kW, fasce F1/F2/F3 %d/%d/%d%%.\n" % (pod(r), r.randint(30, 40), r.randint(25, 35), r.randint(30, 40)))


def n_iccid_card(c, b):
    """judgement negative: a Luhn-valid ICCID in a 'card number' context."""
    r = c.r
    c.tags.add("judgement")
    c.meta["why"] = "ICCID (IIN 89, telecom) passes Luhn and is called the 'card number' of the SIM card: not a payment card"
    ic = iccid(r, grouped=r.random() < 0.6)
    b.t(c.L("The customer read me the number printed on the SIM card: %s. Is the card number valid? Activation failed with error %s.\n",
            "Il cliente mi ha letto il numero stampato sulla SIM card: %s. Il numero della card è valido? L'attivazione fallisce con errore %s.\n")
        % (ic, r.choice(["E-214", "SIM_NOT_FOUND", "ICCID_MISMATCH"])))


def n_imeisv_jcb(c, b):
    """judgement negative: an IMEISV whose 16 digits happen to pass Luhn inside JCB's IIN range."""
    r = c.r
    c.tags.add("judgement")
    c.meta["why"] = "16-digit IMEISV that passes Luhn with a 3528-3589 prefix (JCB's range); labelled as IMEISV in a device log: not a card"
    while True:
        d = "35" + str(r.randint(28, 89)) + rs(r, DG, 10) + "%02d" % r.randint(1, 60)
        if card_valid(d):
            break
    c.allow.add(d)
    b.t(c.L("Device log from the MME, why is this handset rejected?\n", "Log dell'MME, perché questo terminale viene rifiutato?\n"))
    b.t("%s attach_reject cause=#%d imsi=%s imeisv=%s tac=%d eci=%d\n" % (ts_iso(r), r.choice([7, 11, 15]), imsi(r), d, r.randint(1000, 65000), eci(r)[1]))


def n_pin_puk(c, b):
    """judgement negative: SIM PIN/PUK codes."""
    r = c.r
    c.tags.add("judgement")
    c.meta["why"] = "SIM PIN/PUK unlock codes (4-8 digits): credentials, but not passwords in the taxonomy's sense; labelled nothing"
    b.t(c.L("Customer locked the SIM. ICCID %s, PIN1 %04d, PUK1 %08d, PIN2 %04d, PUK2 %08d. Write the unblock instructions.\n",
            "Il cliente ha bloccato la SIM. ICCID %s, PIN1 %04d, PUK1 %08d, PIN2 %04d, PUK2 %08d. Scrivi le istruzioni di sblocco.\n")
        % (iccid(r), r.randint(0, 9999), r.randint(10000000, 99999999), r.randint(0, 9999), r.randint(10000000, 99999999)))


def n_dtc(c, b):
    r = c.r
    b.t(intro(c, ["What do these OBD-II frames say?\n"], ["Cosa dicono questi frame OBD-II?\n"]))
    for _ in range(r.randint(4, 6)):
        b.t("%s can0 %s [8] %s\n" % (hms(r) + ".%03d" % r.randint(0, 999), r.choice(["7DF", "7E8", "7E0", "18DAF110", "18DB33F1"]), " ".join(rs(r, HEXU, 2) for _ in range(8))))
    b.t(c.L("VIN %s, odometer %d km, ECU part no. %s, calibration id %s.\n", "Telaio %s, km %d, codice ECU %s, calibration id %s.\n")
        % (vin(r), r.randint(1000, 250000), rs(r, DG, 8) + rs(r, UP, 2), rs(r, UP + DG, 16)))


POS_T = [(t_cdr, 6), (t_bill_detail, 6), (t_hlr, 6), (t_mnp, 5), (t_care_ticket, 9), (t_bolletta, 8), (t_sdd_mandate, 5),
         (t_meter_log, 5), (t_scada, 4), (t_ocpp, 6), (t_ev_sessions, 4), (t_telematics, 6), (t_lease_us, 5), (t_lease_it, 5),
         (t_work_order, 6), (t_cpe_config, 8), (t_script, 13), (t_marker_doc, 3)]
NEG_T = [(n_cell_sites, 4), (n_imei_question, 4), (n_imsi_decode, 4), (n_vin, 4), (n_meter_readings, 3), (n_kpi, 3),
         (n_firmware, 3), (n_tariff, 2), (n_dtc, 3)]
JUDGE_POS = [t_sip_trace, t_bare_msisdn]
JUDGE_NEG = [n_iccid_card, n_imeisv_jcb, n_pin_puk]
JSON_T = [t_care_ticket, t_ocpp, t_telematics]
PLAIN_EV_T = [t_care_ticket, t_bolletta, t_sdd_mandate, t_mnp, t_lease_it, t_lease_us, t_work_order, t_cdr, t_bill_detail, t_meter_log, t_ev_sessions]


def wpick(r, lst):
    tot = sum(w for _, w in lst)
    x = r.uniform(0, tot)
    for fn, w in lst:
        x -= w
        if x <= 0:
            return fn
    return lst[-1][0]


def make_case(r):
    c = Ctx(r, r.choice(["en", "it"]))
    b = B()
    x = r.random()
    if x < 0.025:
        fn = r.choice(JUDGE_NEG)
        fn(c, b)
    elif x < 0.50:
        if r.random() < 0.5:
            fn = wpick(r, NEG_T)
            fn(c, b)
        else:
            fn = wpick(r, POS_T)
            fn(c, b, pos=False)
    elif x < 0.525:
        fn = r.choice(JUDGE_POS)
        fn(c, b)
    else:
        if r.random() < 0.10:
            kind = r.choice(["fullwidth", "zero-width", "json-escape", "base64", "percent"])
            if kind == "base64":
                fn = t_ev_b64
                fn(c, b)
            elif kind == "percent":
                fn = t_ev_url
                fn(c, b)
            else:
                c.evasion = kind
                fn = r.choice(JSON_T if kind == "json-escape" else PLAIN_EV_T)
                if kind == "json-escape":
                    fn(c, b, pos=True, force_json=True)
                else:
                    fn(c, b)
        else:
            fn = wpick(r, POS_T)
            fn(c, b)
    c.meta["tpl"] = fn.__name__
    text, finds, plains = b.build()
    return c, text, finds, plains


def main():
    args = [a for a in sys.argv[1:] if a != "-v"]
    if len(args) != 3:
        sys.exit(__doc__)
    seed, n, out = int(args[0]), int(args[1]), args[2]
    r = random.Random(seed)
    rows, rerolls = [], 0
    while len(rows) < n:
        c, text, finds, plains = make_case(r)
        tb = text.encode()
        for f, (plain, how) in zip(finds, plains):
            assert tb[f["start"]:f["end"]].decode() == f["value"], ("span", f)
            assert evasion_ok(f["value"], plain, how), ("evasion", f, plain, how)
            assert value_ok(f["type"], plain), ("value", f["type"], plain)
        bad = leftovers(text, finds, c.allow)
        if bad:
            rerolls += 1
            if "-v" in sys.argv:
                print("reroll:", bad, file=sys.stderr)
            if rerolls > 20 * n:
                sys.exit("too many redraws: %r" % (bad,))
            continue
        if c.evasion and not c.evaded:
            continue  # the template drew no eligible value: redraw so the evasion share holds
        tags = sorted(c.tags)
        if not finds:
            tags = ["negative"] + [t for t in tags if not t.startswith("evasion")]
        row = {"id": "a35-%d-%04d" % (seed, len(rows)), "lang": c.lang, "text": text, "findings": finds, "tags": tags}
        if c.meta:
            row["meta"] = c.meta
        rows.append(row)
    with open(out, "w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    print("%s: %d cases (%d redrawn by the leftover check)" % (out, len(rows), rerolls), file=sys.stderr)


if __name__ == "__main__":
    main()
