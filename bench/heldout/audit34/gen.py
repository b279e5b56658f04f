#!/usr/bin/env python3
"""audit34 — a seventh sibling of the dev corpus, by a new hand.

Prompts that staff send to an LLM at work, in English and Italian: an office voice (accounts,
HR, sales, procurement, IT, legal, customer care) that explains who is asking and why before the
pasted fragment. Dev's proportions of finding types, of negatives (~43 %) and of distractors,
dev's span conventions, about 10 % of positive cases evaded (full-width digits and ＠, zero-width
characters inside a value, JSON \\u escapes, base64 of a pasted snippet, percent-encoding in a
link). The templates are new, and the values stress each format's less common but valid forms:
every card brand and length, IBANs of many SEPA countries in print and electronic form, omocodia
fiscal codes, compressed IPv6, phones in national and international forms with varied
separators, every PEM kind, every token prefix, credential URLs of many schemes, passwords in many
phrasings, classification markers in headers, subjects and footers.

    python3 gen.py SEED N OUT.jsonl

Every value is fabricated here from the seed with valid checksums (Luhn, mod-97 with each
country's length, codice fiscale check letter, partita IVA check digit, SSA area/group/serial
rules, GitHub CRC32, JWT headers that decode to JSON with "alg"). Hard negatives fail those checks
or are numbers of other kinds. Offsets are UTF-8 byte offsets, as score.py and dev use.
Python 3 standard library only; the same seed gives the same file.
"""
import base64
import json
import random
import re
import sys
import urllib.parse
import zlib

# =============================================================================================
# people, firms, places (new lists)

IT_M = ["Alberto", "Bruno", "Carlo", "Dario", "Edoardo", "Fabrizio", "Gabriele", "Ivan", "Jacopo",
        "Leonardo", "Massimo", "Nicolò", "Ottavio", "Pasquale", "Raffaele", "Sergio", "Tiziano",
        "Ugo", "Valerio", "Walter", "Cesare", "Diego", "Elia", "Franco", "Guido", "Luigi", "Mauro",
        "Piero", "Renato", "Samuele"]
IT_F = ["Adele", "Bianca", "Carla", "Debora", "Eleonora", "Fiorella", "Gaia", "Ilenia", "Lidia",
        "Marina", "Nadia", "Ornella", "Patrizia", "Rita", "Sabrina", "Teresa", "Vanessa", "Agnese",
        "Cinzia", "Daniela", "Emma", "Flavia", "Greta", "Letizia", "Miriam", "Nicoletta", "Ottavia",
        "Raffaella", "Stella", "Viola"]
IT_LAST = ["Amato", "Bassi", "Berti", "Bonetti", "Brambilla", "Cappelli", "Carbone", "Cirillo",
           "Colonna", "Corradi", "Cristiani", "De Rosa", "Del Monte", "Di Stefano", "Donati",
           "Esposti", "Fadda", "Ferri", "Fiore", "Franchi", "Gallina", "Giuliani", "Grimaldi",
           "Guidi", "Lanza", "Locatelli", "Lupo", "Magnani", "Mazza", "Merlo", "Montanari",
           "Negri", "Neri", "Olivieri", "Pace", "Palmieri", "Parodi", "Pastore", "Pellegrino",
           "Porcu", "Quaranta", "Ruggeri", "Sartori", "Silvestri", "Sorrentino", "Spinelli",
           "Tedesco", "Tosi", "Vaccaro", "Venturi", "Vitali", "Zanella", "Zucca", "D'Amico",
           "Dell'Acqua", "Mele", "Ferrero", "Bertolini", "Rota", "Sanna"]
EN_M = ["Aaron", "Blake", "Connor", "Derek", "Ethan", "Felix", "Gavin", "Henry", "Isaac", "Jack",
        "Logan", "Martin", "Neil", "Owen", "Peter", "Quentin", "Rhys", "Simon", "Trevor", "Wesley"]
EN_F = ["Abigail", "Bethany", "Caroline", "Diana", "Eleanor", "Fiona", "Gemma", "Holly", "Imogen",
        "Julia", "Katherine", "Leah", "Maya", "Natalie", "Penelope", "Rosie", "Stephanie", "Tara",
        "Vanessa", "Zoe"]
EN_LAST = ["Abbott", "Barker", "Chambers", "Dawson", "Ellis", "Fletcher", "Gardner", "Harper",
           "Ingram", "Jennings", "Knight", "Lawson", "Marsh", "Norris", "O'Connor", "Pearce",
           "Quinn", "Rowe", "Sutton", "Thornton", "Underwood", "Vaughan", "Webb", "Yates",
           "Lindqvist", "Okafor", "Moreau", "Hoffmann", "Kowalski", "Fernandes"]

FIRMS = [("Vetreria Lagunare srl", "vetrerialagunare.it"), ("Pastificio Amato", "pastificioamato.it"),
         ("Lanificio Berti spa", "lanificioberti.com"), ("Cartiera Dolomiti", "cartieradolomiti.it"),
         ("Officine Ruggeri srl", "officineruggeri.it"), ("Idrotermica Fadda", "idrotermicafadda.it"),
         ("Consorzio Agrario Valtellina", "cav-valtellina.it"), ("Studio Notarile Pace", "notaiopace.it"),
         ("Ottica Magnani", "otticamagnani.it"), ("Hotel Bellavista Garda", "bellavistagarda.com"),
         ("Logistica Quaranta srl", "quarantalogistica.it"), ("Serramenti Zanella", "zanellaserramenti.it"),
         ("Harbourline Ltd", "harbourline.co.uk"), ("Kestrel Analytics", "kestrel-analytics.io"),
         ("Bluepeak Systems", "bluepeak.systems"), ("Lindqvist AB", "lindqvist.se"),
         ("Oakridge Partners LLP", "oakridgepartners.legal"), ("Moreau Conseil", "moreau-conseil.fr"),
         ("Tessitura Colonna", "tessituracolonna.it"), ("Caffè Torrefazione Lupo", "caffelupo.it")]
ODD_DOMAINS = ["studio-tosi.consulting", "mailbox.org", "posteo.de", "fastmail.fm", "me.com",
               "ing-ordine.milano.it", "asl.napoli1centro.it", "unimore.it", "polimi.it",
               "bluewin.ch", "kpnmail.nl", "web.de", "orange.fr", "protonmail.ch", "zoho.eu",
               "aruba.it", "email.it", "inwind.it", "comune.lucca.it", "regione.veneto.it"]
FREE = ["gmail.com", "libero.it", "outlook.it", "hotmail.com", "yahoo.com", "icloud.com",
        "tiscali.it", "virgilio.it", "live.it", "alice.it"]
CITIES = ["Treviso", "Vicenza", "Rovigo", "Ancona", "Pescara", "Udine", "Cremona", "Mantova",
          "Lucca", "Arezzo", "Sassari", "Cosenza", "Novara", "Asti", "Ravenna", "Ferrara",
          "Siena", "Como", "Lecco", "Bolzano"]
BELFIORE = [("L407", "Treviso"), ("L840", "Vicenza"), ("H620", "Rovigo"), ("A271", "Ancona"),
            ("G482", "Pescara"), ("L483", "Udine"), ("D150", "Cremona"), ("E897", "Mantova"),
            ("E715", "Lucca"), ("A390", "Arezzo"), ("I452", "Sassari"), ("D086", "Cosenza"),
            ("F952", "Novara"), ("A479", "Asti"), ("H199", "Ravenna"), ("D548", "Ferrara"),
            ("I726", "Siena"), ("C933", "Como"), ("E507", "Lecco"), ("A952", "Bolzano"),
            ("H501", "Roma"), ("F205", "Milano"), ("Z110", "Francia"), ("Z209", "Sri Lanka"),
            ("Z600", "Argentina"), ("Z352", "Senegal"), ("Z138", "Ucraina"), ("Z114", "Regno Unito")]
HOSTS_INT = ["erp.lagunare.local", "pg-billing.int.kestrel-analytics.io", "db-hr-02.corp.lan",
             "mongo-rs1.bluepeak.internal", "cache01.prod.harbourline.co.uk", "mq.officineruggeri.it",
             "ftp.cartieradolomiti.it", "mail.pastificioamato.it", "ldap.corp.lan",
             "sql-gestionale.zanella.local", "rabbit.svc.cluster.local", "redis-sessions.k8s.local"]
DEPTS_EN = ["accounts payable", "payroll", "customer care", "procurement", "the service desk",
            "legal", "sales ops", "HR", "the warehouse office", "treasury"]
DEPTS_IT = ["amministrazione", "ufficio paghe", "customer care", "ufficio acquisti", "helpdesk",
            "ufficio legale", "back office commerciale", "risorse umane", "logistica", "tesoreria"]


def ascii_low(s):
    return re.sub(r"[^a-z]", "", s.lower())


class Person:
    def __init__(self, r, italian):
        self.female = r.random() < 0.5
        if italian:
            self.first = r.choice(IT_F if self.female else IT_M)
            self.last = r.choice(IT_LAST)
        else:
            self.first = r.choice(EN_F if self.female else EN_M)
            self.last = r.choice(EN_LAST)
        self.year = r.randint(1948, 2004)
        self.month = r.randint(1, 12)
        self.day = r.randint(1, 28)
        self.place = r.choice(BELFIORE)

    @property
    def full(self):
        return "%s %s" % (self.first, self.last)


class Ctx:
    def __init__(self, r, lang):
        self.r = r
        self.lang = lang
        self.p = Person(r, True)
        self.e = Person(r, False)
        self.firm = r.choice(FIRMS)
        self.main = self.p if (lang == "it" or r.random() < 0.45) else self.e
        self.judgement = False

    def who(self):
        return self.main


# =============================================================================================
# checksums

def luhn_sum(ds):
    t = 0
    for i, ch in enumerate(reversed(ds)):
        d = int(ch)
        if i % 2:
            d = d * 2 - 9 if d > 4 else d * 2
        t += d
    return t % 10


def luhn_ok(ds):
    return luhn_sum(ds) == 0


def luhn_finish(body):
    for c in "0123456789":
        if luhn_ok(body + c):
            return body + c
    raise AssertionError(body)


CF_ODD = {}
for _ch, _v in zip("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ",
                   [1, 0, 5, 7, 9, 13, 15, 17, 19, 21] +
                   [1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23]):
    CF_ODD[_ch] = _v
CF_EVEN = {c: (int(c) if c.isdigit() else ord(c) - 65) for c in "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"}


def cf_char(s):
    return chr(65 + sum(CF_ODD[c] if i % 2 == 0 else CF_EVEN[c] for i, c in enumerate(s)) % 26)


def piva_digit(d10):
    t = 0
    for i, ch in enumerate(d10):
        d = int(ch)
        if i % 2:
            d = d * 2 - 9 if d > 4 else d * 2
        t += d
    return str((10 - t % 10) % 10)


def mod97(s):
    return int("".join(str(int(ch, 36)) for ch in s)) % 97


def iban_digits(cc, bban):
    return "%02d" % (98 - mod97(bban + cc + "00"))


IBAN_LEN = {"AD": 24, "AT": 20, "BE": 16, "BG": 22, "CH": 21, "CY": 28, "CZ": 24, "DE": 22, "DK": 18,
            "EE": 20, "ES": 24, "FI": 18, "FR": 27, "GB": 22, "GI": 23, "GR": 27, "HR": 21, "HU": 28,
            "IE": 22, "IS": 26, "IT": 27, "LI": 21, "LT": 20, "LU": 20, "LV": 21, "MC": 27, "MT": 31,
            "NL": 18, "NO": 15, "PL": 28, "PT": 25, "RO": 24, "SE": 24, "SI": 19, "SK": 24, "SM": 27,
            "VA": 22}


def iban_valid(s):
    s = s.replace(" ", "").upper()
    return len(s) == IBAN_LEN.get(s[:2], -1) and s[2:4].isdigit() and mod97(s[4:] + s[:4]) == 1


B62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"


def base62(n, width=6):
    out = ""
    while n:
        n, k = divmod(n, 62)
        out = B62[k] + out
    return out.rjust(width, "0")


def b64url(b):
    return base64.urlsafe_b64encode(b).decode().rstrip("=")


# =============================================================================================
# random helpers

DIG = "0123456789"
UP = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
LOW = "abcdefghijklmnopqrstuvwxyz"
AN = UP + LOW + DIG
URLSAFE = AN + "-_"
B32 = UP + "234567"
HEX = "0123456789abcdef"


def rs(r, n, alpha=AN):
    return "".join(r.choice(alpha) for _ in range(n))


def nd(r, n):
    return rs(r, n, DIG)


# =============================================================================================
# positive value generators

def local_of(r, p):
    f, l = ascii_low(p.first), ascii_low(p.last)
    k = r.randrange(10)
    return [f + "." + l, f[0] + "." + l, l + f[0], f + "_" + l, f + l[:3] + str(r.randint(1, 99)),
            l + "." + f, f + "-" + l, f[0] + l + str(r.randint(60, 99)), f + "." + l[0], l][k]


def g_email(c):
    r = c.r
    p = c.who()
    k = r.random()
    dom = r.choice(FREE) if k < 0.4 else (c.firm[1] if k < 0.85 else r.choice(ODD_DOMAINS))
    return local_of(r, p) + "@" + dom


def g_email_plus(c):
    r = c.r
    return "%s+%s@%s" % (local_of(r, c.who()), r.choice(["preventivi", "fornitori", "ordini2024", "crm", "news",
                                                            "hr", "ticket", "bandi", "promo", "ci"]),
                         r.choice(FREE + [c.firm[1]]))


def g_email_sub(c):
    r = c.r
    sub = r.choice(["fatture", "support.eu", "hr.it", "mail", "int", "staff", "uk", "ops", "amm"])
    return "%s@%s.%s" % (local_of(r, c.who()), sub, c.firm[1])


def g_email_caps(c):
    r = c.r
    v = g_email(c)
    if r.random() < 0.5:
        return v.upper()
    loc, dom = v.split("@")
    return ".".join(x.capitalize() for x in loc.split(".")) + "@" + dom


def g_email_pec(c):
    r = c.r
    p = c.who()
    k = r.randrange(6)
    if k == 0:
        return "%s@pec.%s" % (r.choice(["amministrazione", "ufficiogare", "direzione"]), c.firm[1])
    if k == 1:
        return "%s.%s@pec.ordineavvocati%s.it" % (ascii_low(p.first), ascii_low(p.last), ascii_low(r.choice(CITIES)))
    if k == 2:
        return "%s@cert.legalmail.it" % ascii_low(c.firm[0].split()[0] + c.firm[0].split()[1])
    if k == 3:
        return "comune.%s@postacert.%s.it" % (ascii_low(r.choice(CITIES)), r.choice(["toscana", "veneto", "emilia-romagna"]))
    if k == 4:
        return "%s@pec.%s" % (local_of(r, p), r.choice(["aruba.it", "it", "libero.it"]))
    return "%s%s@sicurezzapostale.it" % (ascii_low(p.last), r.randint(1, 99))


def g_email_odd(c):
    # less common but valid: apostrophe, digits-only local, single letter, long TLDs, hyphens
    r = c.r
    p = c.who()
    k = r.randrange(6)
    if k == 0:
        ln = r.choice(["d'amico", "dell'acqua", "o'connor", "d'angelo"])
        return "%s.%s@%s" % (ascii_low(p.first), ln, r.choice(FREE[:3] + [c.firm[1]]))
    if k == 1:
        return "%s@%s" % (nd(r, 6), r.choice(["posteo.de", "qq.com", c.firm[1]]))
    if k == 2:
        return "%s@%s" % (ascii_low(p.first)[0], r.choice(["tosi.studio", "kestrel-analytics.io", "pace.legal"]))
    if k == 3:
        return "%s.%s@%s" % (ascii_low(p.first), ascii_low(p.last), r.choice(["oakridgepartners.legal", "bluepeak.systems", "studio-tosi.consulting", "harbourline.co.uk", "sydney-office.com.au"]))
    if k == 4:
        return "%s--%s@%s" % (ascii_low(p.first), r.choice(["ext", "temp", "old"]), c.firm[1])
    return "%s_%s.%d@%s" % (ascii_low(p.last), ascii_low(p.first)[:1], r.randint(1960, 2004), r.choice(ODD_DOMAINS))


def g_email_any(c):
    k = c.r.random()
    return (g_email if k < 0.4 else g_email_plus if k < 0.52 else g_email_sub if k < 0.64 else
            g_email_caps if k < 0.74 else g_email_pec if k < 0.87 else g_email_odd)(c)


IT_MOB = ["320", "322", "323", "324", "327", "328", "329", "330", "331", "333", "334", "335", "336", "338",
          "339", "340", "342", "343", "344", "345", "346", "347", "348", "349", "350", "351", "352", "366",
          "370", "371", "375", "377", "378", "379", "380", "383", "388", "389", "391", "392"]


def g_it_mob(c):
    r = c.r
    p = r.choice(IT_MOB)
    d = str(r.randint(1, 9)) + nd(r, 6)
    forms = ["%s %s" % (p, d), "%s%s" % (p, d), "%s-%s" % (p, d), "%s %s %s" % (p, d[:3], d[3:]),
             "%s.%s.%s.%s" % (p, d[:3], d[3:5], d[5:]), "+39 %s %s" % (p, d), "+39%s%s" % (p, d),
             "+39 %s %s %s" % (p, d[:3], d[3:]), "+39-%s-%s" % (p, d), "+39.%s.%s" % (p, d),
             "0039 %s %s" % (p, d), "0039%s%s" % (p, d), "(+39) %s %s" % (p, d), "+39 (%s) %s" % (p, d),
             "%s %s %s %s" % (p, d[:2], d[2:4], d[4:]), "+39 %s%s" % (p, d), "%s/%s" % (p, d)]
    return r.choice(forms)


IT_AREA = [("02", 8), ("06", 8), ("0422", 6), ("0444", 6), ("0425", 6), ("071", 7), ("085", 7),
           ("0432", 6), ("0372", 6), ("0376", 6), ("0583", 6), ("0575", 6), ("079", 6), ("0984", 6),
           ("0321", 6), ("0141", 6), ("0544", 6), ("0532", 6), ("0577", 6), ("031", 7), ("0341", 6),
           ("0471", 6), ("011", 7), ("081", 7)]


def g_it_land(c):
    r = c.r
    a, n = r.choice(IT_AREA)
    d = str(r.randint(2, 9)) + nd(r, n - 1)
    h = len(d) // 2
    forms = ["%s %s" % (a, d), "%s/%s" % (a, d), "%s-%s" % (a, d), "%s %s %s" % (a, d[:h], d[h:]),
             "%s.%s" % (a, d), "+39 %s %s" % (a, d), "+39 %s%s" % (a, d), "0039 %s %s" % (a, d),
             "(%s) %s" % (a, d), "+39 (%s) %s" % (a, d), "+39-%s-%s" % (a, d), "%s %s-%s" % (a, d[:h], d[h:])]
    return r.choice(forms)


def g_nanp(c):
    r = c.r
    a = "%d%d%d" % (r.randint(2, 9), r.randint(0, 8), r.randint(0, 9))
    while a[1:] == "11":
        a = "%d%d%d" % (r.randint(2, 9), r.randint(0, 8), r.randint(0, 9))
    x = "%d%s" % (r.randint(2, 9), nd(r, 2))
    while x[1:] == "11" or x == "555":
        x = "%d%s" % (r.randint(2, 9), nd(r, 2))
    s = nd(r, 4)
    return r.choice(["(%s) %s-%s" % (a, x, s), "%s-%s-%s" % (a, x, s), "%s.%s.%s" % (a, x, s),
                     "+1 %s-%s-%s" % (a, x, s), "+1 (%s) %s-%s" % (a, x, s), "1-%s-%s-%s" % (a, x, s),
                     "+1.%s.%s.%s" % (a, x, s), "+1%s%s%s" % (a, x, s), "(%s)%s-%s" % (a, x, s),
                     "1 (%s) %s %s" % (a, x, s)])


def g_eu_phone(c):
    r = c.r
    k = r.randrange(14)
    if k == 0:
        return "+44 7%s %s" % (r.choice(["4", "5", "8", "9"]) + nd(r, 2), nd(r, 6))
    if k == 1:
        return "07%s %s%s" % (r.choice(["4", "5", "8", "9"]) + nd(r, 2), r.randint(1, 8), nd(r, 5))
    if k == 2:
        return "+44 (0)20 %s %s" % (r.choice(["3", "7", "8"]) + nd(r, 3), nd(r, 4))
    if k == 3:
        return "+49 %s %s" % (r.choice(["89", "40", "69", "221"]), str(r.randint(2, 9)) + nd(r, 6))
    if k == 4:
        return "+49 (0)1%s %s" % (r.choice(["51", "60", "70", "76"]), nd(r, 8))
    if k == 5:
        return "0049 30 %s" % (str(r.randint(2, 9)) + nd(r, 7))
    if k == 6:
        d = nd(r, 8)
        return "+33 %d %s %s %s %s" % (r.choice([1, 4, 6, 7]), d[:2], d[2:4], d[4:6], d[6:])
    if k == 7:
        d = nd(r, 8)
        return "0%d.%s.%s.%s.%s" % (r.choice([1, 6, 7]), d[:2], d[2:4], d[4:6], d[6:])
    if k == 8:
        return "+34 %s %s %s" % (r.choice(["6", "91", "93"]) + nd(r, 1), nd(r, 3), nd(r, 3))
    if k == 9:
        return "+41 %s %s %s %s" % (r.choice(["44", "22", "79", "78", "91"]), nd(r, 3), nd(r, 2), nd(r, 2))
    if k == 10:
        return "+31 %s %s" % (r.choice(["20", "10", "6"]), nd(r, 7) if r.random() < 0.5 else nd(r, 3) + " " + nd(r, 4))
    if k == 11:
        return "+43 1 %s %s" % (nd(r, 3), nd(r, 4))
    if k == 12:
        return "+32 %s %s %s %s" % (r.choice(["2", "470", "475"]), nd(r, 3), nd(r, 2), nd(r, 2))
    return "+353 %s %s %s" % (r.choice(["1", "87", "86"]), nd(r, 3), nd(r, 4))


def g_phone_any(c):
    k = c.r.random()
    return (g_it_mob if k < 0.42 else g_it_land if k < 0.62 else g_nanp if k < 0.8 else g_eu_phone)(c)


def g_phone_it(c):
    return (g_it_mob if c.r.random() < 0.65 else g_it_land)(c)


def g_tollfree(c):
    c.judgement = True
    r = c.r
    return r.choice(["800 %s %s" % (nd(r, 3), nd(r, 3)), "800.%s.%s" % (nd(r, 3), nd(r, 3)),
                     "1-800-%d%s-%s" % (r.randint(2, 9), nd(r, 2), nd(r, 4))])


# cards: every brand, prefix range and length (IIN ranges from the brands' published tables)
def _mc2(r):
    return str(r.randint(2221, 2720))


BRANDS = [  # name, prefix function, length, weight
    ("visa16", lambda r: "4", 16, 24), ("visa13", lambda r: "4", 13, 2), ("visa19", lambda r: "4", 19, 2),
    ("mc", lambda r: str(r.randint(51, 55)), 16, 16), ("mc2", _mc2, 16, 6),
    ("amex", lambda r: r.choice(["34", "37"]), 15, 10),
    ("disc", lambda r: r.choice(["6011", "644", "645", "646", "647", "648", "649", "65"]), 16, 6),
    ("disc_cup", lambda r: str(r.randint(622126, 622925)), 16, 2), ("disc19", lambda r: "6011", 19, 1),
    ("jcb", lambda r: str(r.randint(3528, 3589)), 16, 4), ("jcb19", lambda r: str(r.randint(3528, 3589)), 19, 1),
    ("diners14", lambda r: r.choice(["300", "301", "302", "303", "304", "305", "36", "38", "39"]), 14, 3),
    ("diners16", lambda r: r.choice(["36", "38", "39"]), 16, 1),
    ("maestro", lambda r: r.choice(["5018", "5020", "5038", "5893", "6304", "6759", "6761", "6763"]), 16, 2),
    ("maestro19", lambda r: r.choice(["5018", "6759", "6304"]), 19, 1),
    ("unionpay", lambda r: "62" + str(r.randint(0, 9)), 16, 2), ("unionpay19", lambda r: "62", 19, 1),
    ("mir", lambda r: "220" + str(r.randint(0, 4)), 16, 1),
]


def card_number(r, name=None):
    if name:
        b = [x for x in BRANDS if x[0] == name][0]
    else:
        b = r.choices(BRANDS, [x[3] for x in BRANDS])[0]
    p = b[1](r)
    return luhn_finish(p + nd(r, b[2] - len(p) - 1)), b[0]


def group_card(r, d, sep):
    n = len(d)
    if n == 15:
        parts = [d[:4], d[4:10], d[10:]]
    elif n == 14:
        parts = [d[:4], d[4:10], d[10:]]
    elif n == 13:
        parts = [d[:4], d[4:7], d[7:10], d[10:]]
    elif n == 19:
        parts = [d[i:i + 4] for i in range(0, 16, 4)] + [d[16:]]
    else:
        parts = [d[i:i + 4] for i in range(0, 16, 4)]
    return sep.join(parts)


def g_card(c, name=None):
    r = c.r
    d, b = card_number(r, name)
    sep = r.choice([" ", " ", " ", "-", "-", ""])
    if b == "visa13":
        sep = r.choice(["", "", " "])
    return group_card(r, d, sep)


def g_card_amex(c):
    return g_card(c, "amex")


def g_card_long(c):
    return g_card(c, c.r.choice(["visa19", "disc19", "jcb19", "maestro19", "unionpay19"]))


def g_card_rare(c):
    return g_card(c, c.r.choice(["diners14", "diners16", "jcb", "disc_cup", "mir", "maestro", "unionpay", "mc2", "visa13"]))


def g_card_maestro12(c):
    # Maestro allows 12 to 19 digits; a 12-digit PAN is valid but reads like many other numbers
    c.judgement = True
    r = c.r
    return luhn_finish(r.choice(["5018", "6759", "6304"]) + nd(r, 7))


IBAN_BBAN = {  # n digits, a upper letters, c alphanumeric (ECBS IBAN registry layouts)
    "AD": "4n4n12c", "AT": "5n11n", "BE": "3n7n2n", "BG": "4a4n2n8c", "CH": "5n12c", "CY": "3n5n16c",
    "CZ": "4n6n10n", "DE": "8n10n", "DK": "4n9n1n", "EE": "2n2n11n1n", "ES": "4n4n1n1n10n", "FI": "3n11n",
    "FR": "5n5n11c2n", "GB": "4a6n8n", "GI": "4a15c", "GR": "3n4n16c", "HR": "7n10n", "HU": "3n4n1n15n1n",
    "IE": "4a6n8n", "IS": "4n2n6n10n", "IT": "1a5n5n12c", "LI": "5n12c", "LT": "5n11n", "LU": "3n13c",
    "LV": "4a13c", "MC": "5n5n11c2n", "MT": "4a5n18c", "NL": "4a10n", "NO": "4n6n1n", "PL": "8n16n",
    "PT": "4n4n11n2n", "RO": "4a16c", "SE": "3n16n1n", "SI": "5n8n2n", "SK": "4n6n10n", "SM": "1a5n5n12c",
    "VA": "3n15n",
}
BANK4 = {"GB": ["BARC", "HBUK", "LOYD", "NWBK", "MONZ", "SRLG"], "IE": ["AIBK", "BOFI", "IPBS"],
         "NL": ["ABNA", "INGB", "RABO", "TRIO", "BUNQ", "SNSB"], "BG": ["UNCR", "BNBG", "STSA"],
         "RO": ["BTRL", "RNCB", "INGB"], "LV": ["HABA", "UNLA", "PARX"], "MT": ["MALT", "VALL", "APSB"],
         "GI": ["NWBK", "GIBK"]}
ABI = ["03069", "02008", "05034", "01005", "03104", "05428", "08511", "03440", "05856", "06270", "03032", "05387"]


def bban_of(r, cc):
    fields = []
    for n, k in re.findall(r"(\d+)([nac])", IBAN_BBAN[cc]):
        n = int(n)
        if k == "n":
            fields.append(nd(r, n))
        elif k == "a":
            fields.append(rs(r, n, UP))
        else:
            fields.append(nd(r, n) if r.random() < 0.75 else rs(r, 2, UP) + nd(r, n - 2))
    if cc in BANK4:
        fields[0] = r.choice(BANK4[cc])
    if cc in ("IT", "SM"):
        fields[1] = r.choice(ABI) if cc == "IT" else "0" + r.choice(["3", "6", "8"]) + nd(r, 3)
        fields[2] = nd(r, 5)
        if r.random() < 0.8:
            fields[3] = nd(r, 12)
        fields[0] = cf_char(fields[1] + fields[2] + fields[3])  # CIN
    elif cc == "ES":
        w = [1, 2, 4, 8, 5, 10, 9, 7, 3, 6]

        def dc(s):
            x = 11 - sum(int(a) * b for a, b in zip(s, w)) % 11
            return 0 if x == 11 else 1 if x == 10 else x
        fields[2] = str(dc("00" + fields[0] + fields[1]))
        fields[3] = str(dc(fields[4]))
    elif cc in ("FR", "MC"):
        acct = fields[2] = nd(r, 11)
        fields[3] = "%02d" % (97 - (89 * int(fields[0]) + 15 * int(fields[1]) + 3 * int(acct)) % 97)
    elif cc == "BE":
        fields[2] = "%02d" % (int(fields[0] + fields[1]) % 97 or 97)
    return "".join(fields)


def make_iban(r, cc):
    b = bban_of(r, cc)
    v = cc + iban_digits(cc, b) + b
    assert iban_valid(v), v
    return v


def print_iban(v):
    return " ".join(v[i:i + 4] for i in range(0, len(v), 4))


SEPA = ["IT", "IT", "IT", "IT", "SM", "VA", "DE", "DE", "FR", "FR", "MC", "ES", "ES", "PT", "NL", "BE", "LU",
        "AT", "CH", "LI", "GB", "IE", "GR", "CY", "MT", "SI", "HR", "HU", "CZ", "SK", "PL", "RO", "BG", "DK",
        "FI", "SE", "NO", "IS", "EE", "LV", "LT", "GI", "AD"]


def g_iban(c, cc=None, form=None):
    r = c.r
    v = make_iban(r, cc or r.choice(SEPA))
    form = form or r.choice(["print", "print", "elec", "elec", "elec"])
    if form == "print":
        return print_iban(v)
    return v


def g_iban_it(c):
    return g_iban(c, c.r.choice(["IT"] * 8 + ["SM", "VA"]))


def g_iban_foreign(c):
    return g_iban(c, c.r.choice([x for x in SEPA if x not in ("IT", "SM", "VA")]))


def g_iban_print(c):
    return g_iban(c, None, "print")


def g_iban_elec(c):
    return g_iban(c, None, "elec")


def g_iban_lower(c):
    return g_iban(c).lower()


def g_iban_it_abi(c):
    # the CIN/ABI/CAB/conto grouping printed on Italian statements and letters
    r = c.r
    v = make_iban(r, "IT")
    return "%s %s %s %s %s" % (v[:4], v[4], v[5:10], v[10:15], v[15:])


MONTHS = "ABCDEHLMPRST"
OMOCODE = "LMNPQRSTUV"


def cf_surname(s):
    s = re.sub(r"[^A-Z]", "", s.upper())
    co = [x for x in s if x not in "AEIOU"]
    vo = [x for x in s if x in "AEIOU"]
    return "".join((co + vo + ["X"] * 3)[:3])


def cf_name(s):
    s = re.sub(r"[^A-Z]", "", s.upper())
    co = [x for x in s if x not in "AEIOU"]
    vo = [x for x in s if x in "AEIOU"]
    if len(co) >= 4:
        return co[0] + co[2] + co[3]
    return "".join((co + vo + ["X"] * 3)[:3])


def make_cf(r, p, omo=0):
    s = "%s%s%02d%s%02d%s" % (cf_surname(p.last), cf_name(p.first), p.year % 100, MONTHS[p.month - 1],
                              p.day + (40 if p.female else 0), p.place[0])
    if omo:
        s = list(s)
        for pos in [14, 13, 12, 10, 9, 7, 6][:omo]:
            s[pos] = OMOCODE[int(s[pos])]
        s = "".join(s)
    return s + cf_char(s)


def g_cf(c):
    return make_cf(c.r, c.p)


def g_cf_omo(c):
    return make_cf(c.r, c.p, c.r.choice([1, 1, 2, 3, 7]))


def g_cf_lower(c):
    return make_cf(c.r, c.p, c.r.choice([0, 0, 0, 1])).lower()


def g_cf_any(c):
    k = c.r.random()
    return g_cf(c) if k < 0.7 else g_cf_omo(c) if k < 0.85 else g_cf_lower(c)


def make_piva(r):
    body = nd(r, 7)
    while body == "0000000":
        body = nd(r, 7)
    off = "%03d" % r.choice(list(range(1, 101)) + [120, 121, 888, 999])
    return body + off + piva_digit(body + off)


def g_piva(c):
    return make_piva(c.r)


def make_ssn(r):
    a = r.randint(1, 899)
    while a == 666:
        a = r.randint(1, 899)
    return "%03d" % a, "%02d" % r.randint(1, 99), "%04d" % r.randint(1, 9999)


def g_ssn(c):
    return "-".join(make_ssn(c.r))


def g_ssn_var(c):
    a, g, s = make_ssn(c.r)
    return c.r.choice(["%s-%s-%s", "%s %s %s", "%s%s%s", "%s-%s-%s"]) % (a, g, s)


def g_ip4_priv(c):
    r = c.r
    k = r.randrange(3)
    if k == 0:
        return "10.%d.%d.%d" % (r.randint(0, 255), r.randint(0, 255), r.randint(1, 254))
    if k == 1:
        return "172.%d.%d.%d" % (r.randint(16, 31), r.randint(0, 255), r.randint(1, 254))
    return "192.168.%d.%d" % (r.randint(0, 254), r.randint(1, 254))


def g_ip4_pub(c):
    r = c.r
    a = r.choice([2, 5, 31, 37, 46, 62, 77, 79, 81, 85, 88, 91, 93, 94, 95, 109, 141, 151, 158, 176, 185, 193, 195, 212, 213, 217])
    return "%d.%d.%d.%d" % (a, r.randint(0, 255), r.randint(0, 255), r.randint(1, 254))


def hx(r):
    return "%x" % r.randint(1, 0xffff)


def g_ip6(c):
    v = _ip6(c)
    while v.lower().startswith("2001:db8") or v.lower().startswith("2001:0db8"):
        v = _ip6(c)
    return v


def _ip6(c):
    r = c.r
    k = r.randrange(8)
    if k == 0:   # full, leading zeros suppressed
        return "2a0%d:%s" % (r.randint(1, 9), ":".join(hx(r) for _ in range(7)))
    if k == 1:   # full with leading zeros kept, upper case
        return "2001:" + ":".join("%04X" % r.randint(0, 0xffff) for _ in range(7))
    if k == 2:   # :: in the middle
        return "2a02:%s:%s::%s:%s" % (hx(r), hx(r), hx(r), hx(r))
    if k == 3:   # ULA, compressed
        return "fd%02x:%s:%s::%s" % (r.randint(0, 255), hx(r), hx(r), hx(r))
    if k == 4:   # trailing ::
        return "2a01:%s:%s::" % (hx(r), hx(r))
    if k == 5:   # IPv4-mapped
        return "::ffff:%s" % g_ip4_priv(c)
    if k == 6:   # :: early
        return "2001:%s::%s:%s:%s" % (hx(r), hx(r), hx(r), hx(r))
    return "2a00:%s:%s:%s:0:0:%s:%s" % (hx(r), hx(r), hx(r), hx(r), hx(r))


def g_ip_any(c):
    k = c.r.random()
    return (g_ip4_priv if k < 0.33 else g_ip4_pub if k < 0.6 else g_ip6)(c)


def g_ip6_ll(c):
    c.judgement = True  # link-local with a zone: the span is the address without %zone
    r = c.r
    return "fe80::%s:%s:%s:%s" % (hx(r), hx(r), hx(r), hx(r))


def g_akia(c):
    r = c.r
    return r.choice(["AKIA", "AKIA", "AKIA", "ASIA"]) + rs(r, 16, B32)


def g_aws_secret(c):
    return rs(c.r, 40, AN + "+/")


GH_PFX = ["ghp_", "ghp_", "gho_", "ghu_", "ghs_", "ghr_"]


def make_gh(r, pfx=None):
    body = rs(r, 30, B62)
    return (pfx or r.choice(GH_PFX)) + body + base62(zlib.crc32(body.encode()))


def g_gh(c):
    return make_gh(c.r)


def g_ghpat(c):
    r = c.r
    return "github_pat_" + rs(r, 22, AN) + "_" + rs(r, 59, AN)


def g_gh_any(c):
    return (g_ghpat if c.r.random() < 0.2 else g_gh)(c)


def g_gitlab(c):
    r = c.r
    k = r.random()
    if k < 0.7:
        return "glpat-" + rs(r, 20, URLSAFE)
    if k < 0.8:
        return "gldt-" + rs(r, 20, URLSAFE)
    if k < 0.9:
        return "glrt-" + rs(r, 20, URLSAFE)
    return "glptt-" + rs(r, 40, HEX)


def g_slack_tok(c):
    r = c.r
    k = r.randrange(6)
    if k in (0, 1):
        return "xoxb-%s-%s-%s" % (nd(r, r.choice([10, 11, 12, 13])), nd(r, 13), rs(r, 24))
    if k == 2:
        return "xoxp-%s-%s-%s-%s" % (nd(r, 12), nd(r, 12), nd(r, 13), rs(r, 32, HEX))
    if k == 3:
        return "xoxa-2-%s-%s-%s-%s" % (nd(r, 12), nd(r, 12), nd(r, 12), rs(r, 64, HEX))
    if k == 4:
        return "xoxr-%s-%s-%s" % (nd(r, 12), nd(r, 13), rs(r, 24))
    return "xoxs-%s-%s-%s-%s" % (nd(r, 12), nd(r, 12), nd(r, 12), rs(r, 64, HEX))


def g_slack_app(c):
    c.judgement = True  # app-level token: Slack's, but not the classic xox[abprs]- shape
    r = c.r
    return "xapp-1-A%s-%s-%s" % (rs(r, 10, UP + DIG), nd(r, 13), rs(r, 64, HEX))


def g_slack_rot(c):
    c.judgement = True  # rotating user token (token rotation on): xoxe.xoxp-
    return "xoxe.xoxp-1-%s" % rs(c.r, 140, AN)


def g_slack_hook(c):
    r = c.r
    return "https://hooks.slack.com/services/T%s/B%s/%s" % (rs(r, r.choice([8, 10]), UP + DIG),
                                                             rs(r, r.choice([8, 10, 11]), UP + DIG), rs(r, 24))


def g_slack_hook_rare(c):
    c.judgement = True  # Workflow Builder / trigger webhooks
    r = c.r
    if r.random() < 0.5:
        return "https://hooks.slack.com/workflows/T%s/A%s/%s/%s" % (rs(r, 9, UP + DIG), rs(r, 10, UP + DIG), nd(r, 18), rs(r, 24))
    return "https://hooks.slack.com/triggers/T%s/%s/%s" % (rs(r, 9, UP + DIG), nd(r, 13), rs(r, 32, HEX))


def g_stripe(c):
    r = c.r
    return r.choice(["sk_live_", "sk_live_", "rk_live_"]) + rs(r, r.choice([24, 34, 99]))


def g_stripe_test(c):
    c.judgement = True  # a test-mode secret: a real secret of a sandbox account
    return "sk_test_" + rs(c.r, c.r.choice([24, 99]))


def g_openai(c):
    r = c.r
    k = r.random()
    if k < 0.3:
        return "sk-" + rs(r, 20) + "T3BlbkFJ" + rs(r, 20)
    if k < 0.75:
        return "sk-proj-" + rs(r, 74, URLSAFE) + "T3BlbkFJ" + rs(r, 74, URLSAFE)
    if k < 0.9:
        return "sk-svcacct-" + rs(r, 74, URLSAFE) + "T3BlbkFJ" + rs(r, 74, URLSAFE)
    return "sk-admin-" + rs(r, 74, URLSAFE) + "T3BlbkFJ" + rs(r, 74, URLSAFE)


def g_anthropic(c):
    r = c.r
    pfx = "sk-ant-api03-" if r.random() < 0.85 else "sk-ant-admin01-"
    return pfx + rs(r, 93, URLSAFE) + "AA"


def g_google(c):
    r = c.r
    return "AIza" + (("Sy" + rs(r, 33, URLSAFE)) if r.random() < 0.7 else rs(r, 35, URLSAFE))


PEM_KINDS = ["RSA PRIVATE KEY", "PRIVATE KEY", "EC PRIVATE KEY", "OPENSSH PRIVATE KEY", "DSA PRIVATE KEY",
             "ENCRYPTED PRIVATE KEY", "PGP PRIVATE KEY BLOCK"]


def make_pem(r, kind=None, nl="\n"):
    kind = kind or r.choices(PEM_KINDS, [5, 5, 3, 4, 1, 2, 2])[0]
    width = 70 if kind == "OPENSSH PRIVATE KEY" else 64
    body = base64.b64encode(bytes(r.randrange(256) for _ in range(r.randint(150, 420)))).decode()
    lines = [body[i:i + width] for i in range(0, len(body), width)]
    head = []
    if kind == "RSA PRIVATE KEY" and r.random() < 0.25:
        head = ["Proc-Type: 4,ENCRYPTED", "DEK-Info: AES-256-CBC," + rs(r, 32, "0123456789ABCDEF"), ""]
    if kind == "PGP PRIVATE KEY BLOCK":
        head = ["", ] if r.random() < 0.5 else ["Comment: " + r.choice(["GPGTools", "backup 2024", "Kleopatra"]), ""]
        lines.append("=" + base64.b64encode(bytes(r.randrange(256) for _ in range(3))).decode())
    return nl.join(["-----BEGIN %s-----" % kind] + head + lines + ["-----END %s-----" % kind])


def g_pem(c):
    return make_pem(c.r, nl="\r\n" if c.r.random() < 0.1 else "\n")


def g_pem_flat(c):
    # the same key flattened by a chat client: line breaks turned into spaces
    return make_pem(c.r, c.r.choice(["RSA PRIVATE KEY", "PRIVATE KEY", "OPENSSH PRIVATE KEY"]), nl=" ")


ALGS = {"HS256": 32, "HS384": 48, "HS512": 64, "RS256": 256, "RS384": 384, "RS512": 512, "PS256": 256,
        "ES256": 64, "ES384": 96, "EdDSA": 64}


def make_jwt(r, c=None, alg=None):
    alg = alg or r.choice(list(ALGS))
    k = r.randrange(4)
    if k == 0:
        h = {"alg": alg, "typ": "JWT"}
    elif k == 1:
        h = {"typ": "JWT", "alg": alg}
    elif k == 2:
        h = {"kid": rs(r, 16, HEX), "alg": alg}
    else:
        h = {"alg": alg}
    sep = (",", ":") if r.random() < 0.7 else (", ", ": ")
    p = {"sub": r.choice([nd(r, 7), "usr_" + rs(r, 10), rs(r, 8, HEX) + "-" + rs(r, 4, HEX)]),
         "iat": r.randint(1690000000, 1760000000)}
    p["exp"] = p["iat"] + r.choice([900, 3600, 86400])
    if r.random() < 0.5:
        p["iss"] = r.choice(["https://login.%s" % FIRMS[r.randrange(len(FIRMS))][1], "auth0", "keycloak"])
    if r.random() < 0.4:
        p["roles"] = r.sample(["admin", "user", "billing", "hr", "viewer"], 2)
    hb = b64url(json.dumps(h, separators=sep).encode())
    pb = b64url(json.dumps(p, separators=sep).encode())
    if alg == "none":
        return hb + "." + pb + "."
    return hb + "." + pb + "." + b64url(bytes(r.randrange(256) for _ in range(ALGS[alg])))


def g_jwt(c):
    return make_jwt(c.r)


def g_jwt_none(c):
    c.judgement = True  # an unsecured JWT (alg none, empty signature)
    return make_jwt(c.r, alg="none")


def url_user(r):
    return r.choice(["app", "svc_gestionale", "reporting", "admin", "etl_user", "django", "bi_read",
                     "n8n", "backup", "sa", "deploy", "odoo", "wp_user", "keycloak"])


def url_pw(r):
    k = r.random()
    if k < 0.5:
        return rs(r, r.randint(12, 22))
    if k < 0.8:
        return rs(r, 6) + r.choice(["%40", "%21", "%23", "%24", "%2F", "%3A"]) + rs(r, 7)
    return r.choice(["Ciao", "Magazzino", "Vetro", "Harbour", "Kestrel"]) + r.choice(["-", "_", ".", "~"]) + nd(r, 4)


def g_cred_url(c):
    r = c.r
    u, p = url_user(r), url_pw(r)
    h = r.choice(HOSTS_INT)
    k = r.randrange(16)
    if k == 0:
        return "postgres://%s:%s@%s:5432/%s" % (u, p, h, r.choice(["billing", "hr", "app"]))
    if k == 1:
        return "postgresql://%s:%s@%s/%s?sslmode=require" % (u, p, h, r.choice(["crm", "dwh"]))
    if k == 2:
        return "mysql://%s:%s@%s:3306/%s" % (u, p, h, r.choice(["wordpress", "gestionale"]))
    if k == 3:
        return "mongodb://%s:%s@%s:27017,%s:27017/%s?replicaSet=rs0" % (u, p, h, h.replace("1", "2", 1), r.choice(["orders", "events"]))
    if k == 4:
        return "mongodb+srv://%s:%s@cluster%d.%s.mongodb.net/%s" % (u, p, r.randint(0, 3), rs(r, 5, LOW + DIG), r.choice(["prod", "crm"]))
    if k == 5:
        return "redis://:%s@%s:6379/%d" % (p, h, r.randint(0, 5))
    if k == 6:
        return "rediss://default:%s@%s:6380" % (p, h)
    if k == 7:
        return "amqp://%s:%s@%s:5672/%s" % (u, p, h, r.choice(["%2F", "vhost", "ordini"]))
    if k == 8:
        return "amqps://%s:%s@%s/%s" % (u, p, h, r.choice(["events", "prod"]))
    if k == 9:
        return "ftp://%s:%s@%s/%s" % (u, p, h, r.choice(["upload", "edi/in", "listini"]))
    if k == 10:
        return "sftp://%s:%s@%s:22/%s" % (u, p, h, r.choice(["backup", "exchange"]))
    if k == 11:
        return "smtps://%s%%40%s:%s@%s:465" % (r.choice(["noreply", "alerts", "fatture"]), c.firm[1], p, r.choice(["smtp.aruba.it", "smtp.office365.com", "mail." + c.firm[1]]))
    if k == 12:
        return "https://%s:%s@%s/%s" % (u, p, r.choice(["nexus." + c.firm[1], "git." + c.firm[1], "registry." + c.firm[1]]), r.choice(["repository/maven-releases/", "api/v1/", "artifactory/libs"]))
    if k == 13:
        return "ldap://%s:%s@%s:389/dc=corp,dc=lan" % (u, p, h)
    if k == 14:
        return "mssql://%s:%s@%s:1433/%s" % (u, p, h, r.choice(["ERP", "Paghe"]))
    return "http://%s:%s@%s:%d/" % (u, p, h, r.choice([8080, 15672, 9000, 5984]))


PW_WORDS = ["girasole", "Lavagna", "tramonto", "Ortica", "pignolo", "Marmotta", "ciliegia", "Falco",
            "vortice", "Brezza", "ranocchio", "Sentiero", "Copper", "harbour", "Kettle", "marble",
            "Thistle", "puffin", "Lantern", "nutmeg"]
PW_SYM = "!#$%&*+-=?@^_~"


def g_pw(c):
    r = c.r
    k = r.randrange(8)
    if k == 0:
        return rs(r, r.randint(10, 18), AN + PW_SYM)
    if k == 1:
        return r.choice(PW_WORDS) + r.choice(PW_SYM) + nd(r, r.randint(2, 4))
    if k == 2:
        return "-".join(r.sample([w.lower() for w in PW_WORDS], 3)) + "-" + nd(r, 2)
    if k == 3:
        return r.choice(PW_WORDS).capitalize() + str(r.randint(1970, 2025)) + r.choice("!?#$")
    if k == 4:
        w = r.choice(PW_WORDS).lower()
        return w.replace("a", "4").replace("e", "3").replace("o", "0").capitalize() + r.choice(PW_SYM) + nd(r, 2)
    if k == 5:
        return rs(r, 4, UP) + r.choice(PW_SYM) + rs(r, 4, LOW) + nd(r, 3) + r.choice(PW_SYM) + rs(r, 2, UP)
    if k == 6:
        return r.choice(["Inverno", "Autunno", "Primavera", "Estate", "Winter", "Spring"]) + str(r.randint(2019, 2025)) + r.choice(["!", "#", "*", "$"]) + nd(r, 1)
    return r.choice(PW_WORDS) + r.choice(PW_WORDS).capitalize() + nd(r, 2)


MARKERS = ["CONFIDENTIAL", "STRICTLY CONFIDENTIAL", "INTERNAL USE ONLY", "RISERVATO", "STRETTAMENTE RISERVATO",
           "USO INTERNO", "TLP:RED", "TLP:AMBER", "TLP:AMBER+STRICT"]
MARK_W = [14, 9, 10, 12, 9, 8, 5, 7, 4]


def g_marker(c):
    return c.r.choices(MARKERS, MARK_W)[0]


def g_marker_it(c):
    return c.r.choice(["RISERVATO", "STRETTAMENTE RISERVATO", "USO INTERNO", "TLP:AMBER"])


def g_marker_en(c):
    return c.r.choice(["CONFIDENTIAL", "STRICTLY CONFIDENTIAL", "INTERNAL USE ONLY", "TLP:RED", "TLP:AMBER+STRICT"])


def g_marker_title(c):
    c.judgement = True  # the marking written in title case rather than as a stamp
    return c.r.choice(["Strictly Confidential", "Internal Use Only", "Strettamente Riservato", "Confidential"])


POS_GENS = {k[2:]: v for k, v in list(globals().items()) if k.startswith("g_") and callable(v)}

# =============================================================================================
# filler generators (not findings)

def f_pname(c):
    return c.p.full


def f_ename(c):
    return c.e.full


def f_name(c):
    return c.who().full


def f_pfirst(c):
    return c.p.first


def f_efirst(c):
    return c.e.first


def f_firm(c):
    return c.firm[0]


def f_city(c):
    return c.r.choice(CITIES)


def f_birth(c):
    return "%02d/%02d/%d" % (c.p.day, c.p.month, c.p.year)


def f_birthplace(c):
    return c.p.place[1]


def f_date(c):
    r = c.r
    return "%02d/%02d/%d" % (r.randint(1, 28), r.randint(1, 12), r.randint(2023, 2026))


def f_isodate(c):
    r = c.r
    return "%d-%02d-%02d" % (r.randint(2023, 2026), r.randint(1, 12), r.randint(1, 28))


def f_eur(c):
    r = c.r
    return "%s,%02d" % ("{:,}".format(r.randint(40, 48000)).replace(",", "."), r.randint(0, 99))


def f_usd(c):
    r = c.r
    return "{:,}.{:02d}".format(r.randint(20, 9000), r.randint(0, 99))


def f_time(c):
    return "%d:%s" % (c.r.randint(8, 18), c.r.choice(["00", "15", "30", "45"]))


def f_user(c):
    p = c.who()
    r = c.r
    return r.choice([ascii_low(p.first)[0] + ascii_low(p.last), ascii_low(p.first) + "." + ascii_low(p.last),
                     ascii_low(p.last) + str(r.randint(1, 9)), "admin", "operatore2", "svc-backup"])


def f_host(c):
    return c.r.choice(HOSTS_INT)


def f_dept_en(c):
    return c.r.choice(DEPTS_EN)


def f_dept_it(c):
    return c.r.choice(DEPTS_IT)


def f_exp(c):
    return "%02d/%02d" % (c.r.randint(1, 12), c.r.randint(26, 31))


def f_cvv(c):
    return nd(c.r, 3)


def f_port(c):
    return str(c.r.choice([22, 443, 3389, 8443, 5432, 1194]))


def f_region(c):
    return c.r.choice(["eu-south-1", "eu-west-1", "eu-central-1", "us-east-1"])


def f_bucket(c):
    return c.r.choice(["fatture-pdf", "hr-exports", "backup-gestionale", "media-sito", "edi-archive"])


def f_repo(c):
    return c.r.choice(["gestionale", "portale-fornitori", "etl-jobs", "sito-vetrina", "infra", "mobile-app"])


def f_order(c):
    return c.r.choice(["4500", "ODV-", "PO-", "SO", "ORD/"]) + nd(c.r, c.r.choice([6, 7]))


def f_invoice(c):
    return "%d/%s" % (c.r.randint(1, 999), c.r.choice(["2024", "2025", "FE", "A"]))


def f_ticket(c):
    return c.r.choice(["INC", "REQ", "CHG", "SD-", "HD#"]) + nd(c.r, c.r.choice([5, 6, 7]))


def f_ver(c):
    r = c.r
    return "%d.%d.%d" % (r.randint(1, 17), r.randint(0, 30), r.randint(0, 99))


def f_ver4(c):
    r = c.r
    return "%d.%d.%d.%d" % (r.randint(1, 12), r.randint(0, 9), r.randint(0, 40), r.randint(100, 9999))


def f_uuid(c):
    r = c.r
    return "-".join(rs(r, n, HEX) for n in (8, 4, 4, 4, 12))


def f_sha1(c):
    return rs(c.r, 40, HEX)


def f_sha256(c):
    return rs(c.r, 64, HEX)


def f_md5(c):
    return rs(c.r, 32, HEX)


def f_short_sha(c):
    return rs(c.r, 7, HEX)


def f_epoch(c):
    return str(c.r.randint(1700000000, 1790000000))


def f_epoch_ms(c):
    return str(c.r.randint(1700000000000, 1790000000000))


def f_imei(c):
    return luhn_finish(c.r.choice(["35", "86", "01", "99"]) + nd(c.r, 12))


def f_ean(c):
    r = c.r
    d = "80" + nd(r, 10)
    s = sum(int(x) * (3 if i % 2 else 1) for i, x in enumerate(d))
    return d + str((10 - s % 10) % 10)


def f_isbn(c):
    r = c.r
    d = "97888" + nd(r, 7)
    s = sum(int(x) * (3 if i % 2 else 1) for i, x in enumerate(d))
    d += str((10 - s % 10) % 10)
    return "%s-%s-%s-%s-%s" % (d[:3], d[3:5], d[5:9], d[9:12], d[12])


def f_mac(c):
    return ":".join(rs(c.r, 2, HEX) for _ in range(6))


def f_oid(c):
    r = c.r
    return "1.3.6.1.4.1.%d.%d.%d" % (r.randint(1000, 60000), r.randint(1, 9), r.randint(1, 99))


def f_arn(c):
    r = c.r
    return "arn:aws:iam::%s:role/%s" % (nd(r, 12), r.choice(["lambda-exec", "ci-deployer", "ReadOnly"]))


def f_cap(c):
    return str(c.r.randint(10010, 98168))


def f_tracking(c):
    r = c.r
    k = r.randrange(4)
    if k == 0:
        return "1Z" + rs(r, 6, UP + DIG) + nd(r, 10)
    if k == 1:
        return "JJD" + nd(r, 18)
    if k == 2:
        return r.choice(["RR", "RA", "CP"]) + nd(r, 9) + "IT"
    return "BRT " + nd(r, 12)


def f_pratica(c):
    return "%d/%s/%s" % (c.r.randint(2021, 2025), nd(c.r, 4), rs(c.r, 2, UP))


def f_cig(c):
    return rs(c.r, 10, UP + DIG)


def f_phone_range(c):
    return "%s-%s" % (f_time(c), f_time(c))


def f_card_bad(c):
    r = c.r
    d, _ = card_number(r, r.choice(["visa16", "mc", "amex", "disc", "jcb"]))
    bad = d[:-1] + str((int(d[-1]) + r.randint(1, 9)) % 10)
    return group_card(r, bad, r.choice([" ", "-", ""]))


def f_iban_bad(c):
    r = c.r
    v = make_iban(r, r.choice(SEPA))
    bad = v[:2] + "%02d" % ((int(v[2:4]) + r.randint(1, 90)) % 97 + 2) + v[4:]
    if iban_valid(bad):
        bad = v[:2] + ("%02d" % ((int(v[2:4]) + 1) % 100)) + v[4:]
    assert not iban_valid(bad)
    return print_iban(bad) if r.random() < 0.5 else bad


def f_iban_badlen(c):
    # mod-97 passes but the length is wrong for the country
    r = c.r
    cc = r.choice(["DE", "IT", "FR", "NL", "ES", "BE"])
    b = bban_of(r, cc)
    b = b + nd(r, 1) if r.random() < 0.5 else b[:-1]
    v = cc + iban_digits(cc, b) + b
    assert mod97(v[4:] + v[:4]) == 1 and not iban_valid(v)
    return v


def f_cf_bad(c):
    r = c.r
    v = make_cf(r, c.p)
    wrong = r.choice([x for x in UP if x != v[-1]])
    return v[:-1] + wrong


def f_piva_bad(c):
    v = make_piva(c.r)
    return v[:-1] + str((int(v[-1]) + c.r.randint(1, 9)) % 10)


def f_ssn_bad(c):
    r = c.r
    k = r.randrange(5)
    a, g, s = make_ssn(r)
    if k == 0:
        a = "000"
    elif k == 1:
        a = "666"
    elif k == 2:
        a = str(r.randint(900, 999))
    elif k == 3:
        g = "00"
    else:
        s = "0000"
    return "%s-%s-%s" % (a, g, s)


def f_cf_badmonth(c):
    # the check letter is right, but the month letter is not one of ABCDEHLMPRST
    v = make_cf(c.r, c.p)
    s = v[:8] + c.r.choice("FGIJKNOQUVWXYZ") + v[9:15]
    return s + cf_char(s)


def f_ip_badoctet(c):
    r = c.r
    o = [r.randint(1, 223), r.randint(0, 255), r.randint(0, 255), r.randint(1, 254)]
    o[r.randrange(1, 4)] = r.randint(256, 399)
    return ".".join(map(str, o))


def f_visa15(c):
    c.judgement = True  # Luhn-valid, 15 digits, prefix 4: not a length Visa issues
    return luhn_finish("4" + nd(c.r, 13))


def f_gh_badcrc(c):
    c.judgement = True
    r = c.r
    v = make_gh(r)
    bad = v[:-1] + r.choice([x for x in B62 if x != v[-1]])
    return bad


def f_aws_id_other(c):
    c.judgement = True  # IAM unique ids (role, user): identifiers, not credentials
    return c.r.choice(["AROA", "AIDA", "AGPA", "ANPA"]) + rs(c.r, 17, B32)


def f_pk_live(c):
    c.judgement = True  # Stripe publishable key: meant to be public
    return "pk_live_" + rs(c.r, c.r.choice([24, 99]))


def f_jwt_io(c):
    c.judgement = True  # jwt.io's published example token
    return ("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ."
            "SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c")


def f_docip(c):
    c.judgement = True  # RFC 5737 / RFC 3849 documentation ranges
    r = c.r
    return r.choice(["192.0.2.%d" % r.randint(1, 254), "198.51.100.%d" % r.randint(1, 254),
                     "203.0.113.%d" % r.randint(1, 254), "2001:db8::%x" % r.randint(1, 0xffff)])


def f_ssn_ad(c):
    c.judgement = True  # valid by the area/group/serial rules, but a famous public example
    return c.r.choice(["123-45-6789", "078-05-1120"])


def f_example_mail(c):
    c.judgement = True  # RFC 2606 reserved domain
    p = c.who()
    return "%s.%s@%s" % (ascii_low(p.first), ascii_low(p.last), c.r.choice(["example.com", "example.org", "example.it"]))


def f_placeholder_key(c):
    return c.r.choice(["AKIAIOSFODNN7EXAMPLE", "YOUR_API_KEY", "sk-...", "sk-xxxxxxxxxxxxxxxxxxxxxxxx",
                       "<OPENAI_API_KEY>", "${GITHUB_TOKEN}", "ghp_" + "x" * 36, "glpat-xxxxxxxxxxxxxxxxxxxx",
                       "xoxb-your-bot-token", "AIza...", "sk-ant-...", "{{ secrets.API_KEY }}",
                       "INSERISCI_QUI_LA_CHIAVE", "sk_live_...", "<la-tua-chiave>", "process.env.OPENAI_API_KEY"])


def f_placeholder_secret(c):
    return c.r.choice(["wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "<secret>", "${AWS_SECRET_ACCESS_KEY}",
                       "REPLACE_ME", "****************************************"])


def f_placeholder_pw(c):
    return c.r.choice(["********", "<password>", "${DB_PASSWORD}", "changeme", "xxxxxx", "[REDACTED]",
                       "<inserire>", "%(password)s", "{{ vault_db_password }}", "$PGPASSWORD", "•••••••••"])


def f_slack_doc(c):
    return "https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX"


def f_pub_pem(c):
    r = c.r
    kind = r.choice(["PUBLIC KEY", "CERTIFICATE", "CERTIFICATE REQUEST", "PGP PUBLIC KEY BLOCK", "RSA PUBLIC KEY"])
    body = base64.b64encode(bytes(r.randrange(256) for _ in range(r.randint(90, 200)))).decode()
    lines = [body[i:i + 64] for i in range(0, len(body), 64)]
    return "\n".join(["-----BEGIN %s-----" % kind] + lines + ["-----END %s-----" % kind])


def f_url_nopw(c):
    r = c.r
    return r.choice(["postgres://%s@%s:5432/app" % (url_user(r), r.choice(HOSTS_INT)),
                     "redis://%s:6379/0" % r.choice(HOSTS_INT),
                     "mongodb://%s:27017/?authSource=admin" % r.choice(HOSTS_INT),
                     "mysql://%s:${MYSQL_PASSWORD}@%s/shop" % (url_user(r), r.choice(HOSTS_INT)),
                     "amqp://guest:guest@localhost:5672/",
                     "postgresql://<user>:<password>@<host>:5432/<db>",
                     "https://%s@git.%s/%s.git" % (url_user(r), c.firm[1], f_repo(c))])


def f_marker_neg(c):
    return c.r.choice(["TLP:CLEAR", "TLP:WHITE", "Public", "PUBBLICO", "Uso pubblico"])


def f_tlp_green(c):
    c.judgement = True
    return "TLP:GREEN"


def f_loopback(c):
    c.judgement = True
    return c.r.choice(["127.0.0.1", "0.0.0.0", "::1", "localhost (127.0.0.1)"])


def f_bic(c):
    return c.r.choice(["BCITITMM", "UNCRITMMXXX", "BPMOIT22", "DEUTDEFF", "BNPAFRPP", "INGBNL2A", "CRPPIT2P"])


def f_rea(c):
    return "%s-%s" % (c.r.choice(["MI", "TV", "VI", "AN", "PE"]), nd(c.r, 6))


def f_pod(c):
    return "IT001E" + nd(c.r, 8)


def f_amount_plain(c):
    return str(c.r.randint(1000, 99999999))


def f_pct(c):
    return c.r.choice(["22", "10", "4", "5"])


FILL = {k[2:]: v for k, v in list(globals().items()) if k.startswith("f_") and callable(v)}


def f_firmdom(c):
    return c.firm[1]


def f_de_vat(c):
    return "DE" + nd(c.r, 9)


def f_fr_vat(c):
    return "FR" + nd(c.r, 2) + nd(c.r, 9)


FILL.update(firmdom=f_firmdom, de_vat=f_de_vat, fr_vat=f_fr_vat)

# =============================================================================================
# positive templates: {{TYPE:generator}} is a finding, {{filler}} is plain text.
# A third element "J" marks a template whose finding is a judgement call.

POS = {}

POS["EMAIL"] = [
    ("en", "I'm in {{dept_en}}. A supplier wants remittance advice sent to {{EMAIL:email_any}} from now on; draft a short confirmation that doesn't commit to a date."),
    ("en", "Turn this into a proper out-of-office message: back Monday, anything urgent goes to {{EMAIL:email_any}}"),
    ("en", "We're retiring the old mailing alias. Write a polite heads-up to {{EMAIL:email_any}} saying it stops working at the end of the month."),
    ("en", "Add a line to the Jira ticket saying I've handed it over to {{EMAIL:email_sub}} because it's really a billing question."),
    ("en", "Translate for the Milan office: \"Invoices must be sent to {{EMAIL:email_pec}} only, as PDF/A.\""),
    ("en", "Which of these two looks like the real sender? Reply-To was {{EMAIL:email_odd}} but the display name said {{name}}."),
    ("en", "Please write a calendar invite description and list {{EMAIL:email_plus}} as the organiser's contact."),
    ("it", "Lavoro in {{dept_it}} e devo chiedere il DURC aggiornato a {{EMAIL:email_any}}. Mi prepari un testo cortese ma deciso?"),
    ("it", "Il cliente {{name}} ci chiede di usare d'ora in poi l'indirizzo {{EMAIL:email_any}}. Scrivi la nota da mettere nel CRM."),
    ("it", "Mi serve una risposta all'avvocato: la diffida va spedita via PEC a {{EMAIL:email_pec}} entro venerdì."),
    ("it", "Riformula in modo professionale: «per i preventivi scrivete a {{EMAIL:email_plus}} così li trovo subito»"),
    ("it", "Estrai nome e indirizzo da questa riga del gestionale e mettili in tabella: Referente {{name}}; e-mail {{EMAIL:email_caps}}"),
    ("it", "Scrivi due righe per presentare la nuova collega dell'ufficio acquisti, il suo indirizzo è {{EMAIL:email_odd}}."),
    # two findings
    ("en", "Please check this header and tell me whether the sender is spoofed:\nFrom: \"{{name}}\" <{{EMAIL:email_any}}>\nReply-To: {{EMAIL:email_odd}}"),
    ("en", "HR asked me to double-check the new hire record: {{name}}, personal email {{EMAIL:email}}, mobile {{PHONE:phone_any}}. Anything missing for onboarding?"),
    ("en", "Merge these two contacts in the CRM and tell me which address to keep: {{EMAIL:email}} and {{EMAIL:email_caps}}"),
    ("it", "Nella firma del nuovo collega c'è «{{name}} – Ufficio tecnico – {{EMAIL:email_sub}} – {{PHONE:it_land}}». Sistemala secondo lo standard aziendale."),
    ("it", "Per il bando servono due contatti: il referente tecnico {{EMAIL:email}} e la PEC {{EMAIL:email_pec}}. Compila la sezione 3 del modulo."),
    ("it", "L'ospite {{name}} ha lasciato come recapiti {{EMAIL:email_any}} e {{PHONE:phone_any}}: preparami la mail di conferma della prenotazione."),
]

POS["PHONE"] = [
    ("en", "Write a voicemail script: this is {{efirst}} from {{firm}}, please call me back on {{PHONE:phone_any}} before five."),
    ("en", "The courier needs a contact number on the label. Add phone {{PHONE:nanp}} to this address block and format it."),
    ("en", "Our Paris office line is {{PHONE:eu_phone}}; write the footer line for the French version of the site."),
    ("en", "Summarise this call note for the CRM: customer rang from {{PHONE:phone_any}} asking for a refund on order {{order}}."),
    ("en", "Could you make this signature tidier? {{name}} | Field Sales | mobile: {{PHONE:eu_phone}}"),
    ("en", "Fax {{PHONE:it_land}} is still on our letterhead. Do we need it? Suggest what to put instead.", "J"),
    ("en", "Text the driver at {{PHONE:nanp}} that the dock closes at six; write the SMS for me."),
    ("it", "Scrivi un SMS di promemoria: appuntamento in officina il {{date}} alle {{time}}, per disdire chiamare lo {{PHONE:it_land}}."),
    ("it", "Il tecnico mi ha lasciato il numero {{PHONE:it_mob}} e vuole essere richiamato dopo pranzo. Scrivimi un messaggio WhatsApp educato."),
    ("it", "Per la pratica {{pratica}} la referente risponde al {{PHONE:phone_it}} dal lunedì al venerdì. Riscrivilo come avviso per il portale."),
    ("it", "Recapito del paziente: {{PHONE:it_mob}}. Prepara la lettera di convocazione per la visita del {{date}} senza dati clinici."),
    ("it", "Fammi una risposta automatica per la casella dell'assistenza: per urgenze il reperibile è al {{PHONE:it_mob}}."),
    ("it", "Nel volantino mettiamo il numero verde {{PHONE:tollfree}}: scrivi uno slogan che lo contenga."),
    ("it", "La filiale estera ha il numero {{PHONE:eu_phone}}, aggiornalo nella pagina contatti e scrivi il testo."),
    ("it", "cellulare di servizio del magazziniere: {{PHONE:it_mob}} — scrivi il cartello per i corrieri"),
    # two findings
    ("en", "Make a vCard 3.0 for {{ename}}, mobile {{PHONE:eu_phone}}, email {{EMAIL:email}}."),
    ("en", "reach me on {{PHONE:nanp}} or on WhatsApp at {{PHONE:it_mob}} — make that sound less casual for my signature"),
    ("it", "Metti in ordine questa rubrica come tabella: {{pname}} cell. {{PHONE:it_mob}}; {{ename}} tel. {{PHONE:eu_phone}}"),
    ("it", "Centralino {{PHONE:it_land}}, assistenza tecnica {{PHONE:it_mob}}: scrivi il paragrafo 'Contatti' del manuale."),
]

POS["CREDIT_CARD"] = [
    ("en", "A customer typed their card into the chat: {{CREDIT_CARD:card}}, expiry {{exp}}. Write the reply telling them never to share it that way."),
    ("en", "Turn this booking export row into JSON: guest={{ename}}; card={{CREDIT_CARD:card}}; checkin={{isodate}}"),
    ("en", "The payment page rejected {{CREDIT_CARD:card_rare}} as an unsupported brand. Which network is it and how do I explain that?"),
    ("en", "Our travel Amex is {{CREDIT_CARD:card_amex}}. Draft the email authorising the agency to book {{ename}}'s flights."),
    ("en", "Refund to {{CREDIT_CARD:card_long}} failed with 'invalid PAN length'. How many digits can a card number have?"),
    ("en", "Reconcile this line from the statement: {{isodate}} HOTEL BELLAVISTA {{usd}} card {{CREDIT_CARD:card}}"),
    ("it", "La cliente {{pname}} ci ha mandato per mail la carta {{CREDIT_CARD:card}} con scadenza {{exp}}. Scrivile che useremo un link di pagamento."),
    ("it", "Garanzia della prenotazione sala con la carta {{CREDIT_CARD:card}} intestata a {{pname}}: fai la conferma per l'hotel."),
    ("it", "Il POS ha rifiutato la carta {{CREDIT_CARD:card_rare}} dicendo 'circuito non supportato'. Che circuito è?"),
    ("it", "Addebito non riconosciuto di € {{eur}} sulla carta aziendale {{CREDIT_CARD:card}}: prepara la contestazione per la banca."),
    ("it", "Il cliente ha una Maestro vecchia, numero {{CREDIT_CARD:card_maestro12}}: il nostro e-commerce può accettarla?"),
    ("it", "Rimborso da fare sulla carta {{CREDIT_CARD:card_long}}, il gateway dice che il numero è troppo lungo: è possibile?"),
    # two findings
    ("it", "Ordine telefonico: {{ename}}, carta {{CREDIT_CARD:card}}, ricevuta da mandare a {{EMAIL:email}}. Compila il modulo d'ordine."),
    ("en", "Chargeback dispute: cardholder {{ename}}, card {{CREDIT_CARD:card}}, called us from {{PHONE:nanp}}. Draft the response to the bank."),
    ("en", "Two cards on file for the same customer, {{CREDIT_CARD:card}} and {{CREDIT_CARD:card_rare}}. Which one expired?"),
    ("it", "Carta di riserva per i viaggi: {{CREDIT_CARD:card}}; titolare {{pname}}, cell. {{PHONE:it_mob}}. Scrivi la delega per l'agenzia."),
]

POS["IBAN"] = [
    ("en", "Our Dutch supplier changed banks, new IBAN {{IBAN:iban_foreign}}. Write the note asking treasury to call them back before the next payment run."),
    ("en", "Check the wording of this remittance advice: 'EUR {{eur}} credited to {{IBAN:iban_elec}} on {{date}}'."),
    ("en", "Is this how an IBAN should appear on an invoice? {{IBAN:iban_print}}"),
    ("en", "The beneficiary's account is {{IBAN:iban_lower}} — does the lower case matter for a SEPA transfer?"),
    ("it", "Devo comunicare al condominio le nuove coordinate bancarie: IBAN {{IBAN:iban_it_abi}}. Scrivi la circolare."),
    ("it", "Sulla fattura del fornitore c'è l'IBAN {{IBAN:iban_it}} ma in anagrafica ne abbiamo un altro. Scrivi la mail per chiedere conferma."),
    ("it", "Bonifico estero: beneficiario {{ename}}, IBAN {{IBAN:iban_foreign}}, causale saldo fattura {{invoice}}. Traduci la disposizione in inglese."),
    ("it", "Per il rimborso spese di {{pname}} usare il conto {{IBAN:iban_lower}}: scrivi la mail all'ufficio paghe."),
    ("it", "coordinate per l'affitto del magazzino: {{IBAN:iban_print}} — scrivi la lettera al locatore per il cambio di conto"),
    ("en", "Vendor onboarding form, bank section: account holder {{firm}}, IBAN: {{IBAN:iban_sepa}}. Summarise it for the approver.", ),
    # two findings
    ("en", "Master data change request: {{firm}}, VAT IT{{IT_VAT:piva}}, IBAN {{IBAN:iban_it}}. Summarise it for the approver."),
    ("it", "Dati per la domiciliazione SEPA: intestatario {{pname}}, codice fiscale {{IT_FISCAL_CODE:cf_any}}, IBAN {{IBAN:iban_it}}. Controlla che il modulo sia completo."),
    ("en", "Two IBANs for the same supplier, {{IBAN:iban_elec}} and {{IBAN:iban_print}}. Write a message asking which one is current."),
    ("it", "Il nuovo agente {{pname}} vuole le provvigioni su {{IBAN:iban_it}}; mail {{EMAIL:email}}. Scrivi la conferma."),
]

POS["IT_FISCAL_CODE"] = [
    ("it", "Compilami la delega per il ritiro del pacco: delegato {{pname}}, nato a {{birthplace}} il {{birth}}, C.F. {{IT_FISCAL_CODE:cf_any}}."),
    ("it", "Il codice fiscale del nuovo assunto è {{IT_FISCAL_CODE:cf_omo}} e il gestionale dice 'formato anomalo'. Perché ha lettere dove di solito ci sono numeri?"),
    ("it", "Riassumi per il consulente del lavoro questa riga dell'anagrafica: {{pname}} | {{IT_FISCAL_CODE:cf}} | assunzione {{date}}"),
    ("it", "Nel portale il codice fiscale è copiato in minuscolo, {{IT_FISCAL_CODE:cf_lower}}: va bene lo stesso per la dichiarazione?"),
    ("it", "Scrivi la lettera di assegnazione del parcheggio a {{pname}} (codice fiscale {{IT_FISCAL_CODE:cf_any}})."),
    ("en", "Our Italian payroll provider needs the tax code for {{pname}}: {{IT_FISCAL_CODE:cf_any}}. Write the cover email in English."),
    ("en", "Why does this codice fiscale contain letters in the date part? {{IT_FISCAL_CODE:cf_omo}} — the customer insists it's correct."),
    # two findings
    ("it", "Certificato di malattia: lavoratore {{pname}}, CF {{IT_FISCAL_CODE:cf}}, cell. {{PHONE:it_mob}}. Scrivi la comunicazione all'ufficio personale senza diagnosi."),
    ("it", "Iscrizione al corso sicurezza: {{pname}}, {{IT_FISCAL_CODE:cf_any}}, {{EMAIL:email}}. Prepara l'elenco per l'ente formatore."),
    ("it", "Due codici fiscali per lo stesso dipendente, {{IT_FISCAL_CODE:cf}} e {{IT_FISCAL_CODE:cf_omo}}: spiegami quale usare e perché esistono entrambi."),
    ("en", "Tenant details for the lease: {{pname}}, codice fiscale {{IT_FISCAL_CODE:cf}}, phone {{PHONE:it_mob}}. Draft the cover letter to the agency."),
]

POS["IT_VAT"] = [
    ("it", "Nuovo cliente: {{firm}}, P.IVA {{IT_VAT:piva}}, sede a {{city}}. Prepara la mail di benvenuto con pagamento a 60 giorni."),
    ("it", "Fattura scartata dallo SdI: 'partita IVA del cessionario {{IT_VAT:piva}} non trovata'. Cosa devo controllare?"),
    ("it", "C.F. e P.IVA {{IT_VAT:piva}} – REA {{rea}} – cap. soc. € 10.000 i.v.: formattami il piè di pagina della carta intestata."),
    ("it", "Il fornitore ci scrive solo «piva {{IT_VAT:piva}}» senza ragione sociale: scrivi una mail per chiedere i dati completi."),
    ("it", "Nel contratto c'è scritto P. IVA n. {{IT_VAT:piva}}; va bene così o serve anche il prefisso IT?"),
    ("en", "What's the correct way to show our Italian VAT number on an English invoice? Ours is IT {{IT_VAT:piva}}."),
    ("en", "Intra-EU invoice check: our VAT number IT{{IT_VAT:piva}}, the customer's {{de_vat}}. Which reverse-charge wording do we need?"),
    ("en", "The marketplace asks for a 'Partita IVA'. I entered {{IT_VAT:piva}} and it says invalid; is the marketplace wrong?"),
    # two findings
    ("it", "Anagrafica fornitore: {{firm}}, partita IVA {{IT_VAT:piva}}, PEC {{EMAIL:email_pec}}. Verifica che ci sia tutto per l'ordine."),
    ("it", "Società capogruppo P.IVA {{IT_VAT:piva}}, controllata P.IVA {{IT_VAT:piva}}: scrivi la frase per la nota integrativa."),
    ("en", "Customer {{firm}} (VAT {{IT_VAT:piva}}) wants invoices at {{EMAIL:email_sub}}. Update the customer card text for me."),
]

POS["US_SSN"] = [
    ("en", "Write the cover letter for our new US hire {{ename}}'s W-4 (SSN {{US_SSN:ssn}}). Keep it under 100 words."),
    ("en", "The background-check vendor wants the SSN in its own field. Rewrite: {{ename}}, SSN: {{US_SSN:ssn_var}}, start date {{date}}"),
    ("en", "Payroll keeps rejecting social security number {{US_SSN:ssn}} — is the format wrong?"),
    ("en", "Our contractor's 1099 shows SSN {{US_SSN:ssn_var}}. Draft the email asking them to confirm it before we file."),
    ("it", "Un collega americano ci ha mandato il suo social security number {{US_SSN:ssn}} per il contratto. Scrivigli che non serve e che lo cancelliamo."),
    # two findings
    ("en", "Benefits enrolment: {{ename}}, social security no. {{US_SSN:ssn}}, personal email {{EMAIL:email}}. Draft the confirmation."),
    ("en", "Spouse and employee SSNs for the insurance form: {{US_SSN:ssn}} and {{US_SSN:ssn_var}}. Which goes in box 4?"),
    ("en", "New hire packet: {{ename}}, SSN {{US_SSN:ssn}}, cell {{PHONE:nanp}}. Write the welcome email without repeating the SSN."),
]

POS["IP_ADDRESS"] = [
    ("en", "The firewall blocked inbound traffic from {{IP_ADDRESS:ip4_pub}} to port {{port}} about 400 times last night. Brute force?"),
    ("en", "Write an nginx rule that allows only the office address {{IP_ADDRESS:ip_any}} and denies everyone else."),
    ("en", "The VPN gave me {{IP_ADDRESS:ip6}} — why IPv6, and will the label printer still work?"),
    ("en", "Explain this sshd line: Connection closed by {{IP_ADDRESS:ip4_priv}} port {{port}} [preauth]"),
    ("en", "Access log line: {{IP_ADDRESS:ip6}} - - [{{isodate}}] \"POST /login HTTP/2\" 401 — is that one of our offices?"),
    ("it", "Il provider ci ha assegnato il prefisso e il router ha preso {{IP_ADDRESS:ip6}}: come lo scrivo nella documentazione di rete?"),
    ("en", "The dashboard only answers on https://[{{IP_ADDRESS:ip6}}]:8443 — how do I give it a DNS name?"),
    ("en", "ip addr shows 'inet6 {{IP_ADDRESS:ip6_ll}}%eth0 scope link'. Can other hosts reach me on that?"),
    ("it", "Il gestionale risponde solo dall'indirizzo {{IP_ADDRESS:ip4_priv}}: scrivi all'helpdesk che da casa non riesco a collegarmi."),
    ("it", "Nel log del centralino ci sono tentativi di registrazione SIP da {{IP_ADDRESS:ip4_pub}}. Prepara la segnalazione per il fornitore."),
    ("it", "La stampante ha preso l'indirizzo {{IP_ADDRESS:ip_any}} ma i PC la cercano altrove. Come le do un indirizzo fisso?"),
    # two findings
    ("it", "Accesso sospetto alla casella di {{EMAIL:email}} dall'IP {{IP_ADDRESS:ip_any}} alle {{time}}. Scrivi l'avviso all'utente."),
    ("en", "Site-to-site tunnel: local {{IP_ADDRESS:ip4_priv}}, peer {{IP_ADDRESS:ip4_pub}}. Write the change request summary."),
    ("en", "Dual-stack check: the server has {{IP_ADDRESS:ip4_pub}} and {{IP_ADDRESS:ip6}}; which one should the SPF record list?"),
]

POS["AWS_ACCESS_KEY"] = [
    ("en", "My ~/.aws/credentials looks like this and the CLI still says InvalidClientTokenId:\n[default]\naws_access_key_id = {{AWS_ACCESS_KEY:akia}}\naws_secret_access_key = {{AWS_SECRET_KEY:aws_secret}}\nregion = {{region}}"),
    ("en", "Terraform keeps asking for credentials even though I exported them:\nexport AWS_ACCESS_KEY_ID={{AWS_ACCESS_KEY:akia}}\nexport AWS_SECRET_ACCESS_KEY={{AWS_SECRET_KEY:aws_secret}}"),
    ("en", "docker run -e AWS_ACCESS_KEY_ID={{AWS_ACCESS_KEY:akia}} -e AWS_SECRET_ACCESS_KEY={{AWS_SECRET_KEY:aws_secret}} backup-job — why is s3 sync so slow?"),
    ("en", "Which IAM user owns {{AWS_ACCESS_KEY:akia}}? I found it in an old Jenkins job config."),
    ("it", "Ho trovato in un file .bat sul server:\nset AWS_ACCESS_KEY_ID={{AWS_ACCESS_KEY:akia}}\nset AWS_SECRET_ACCESS_KEY={{AWS_SECRET_KEY:aws_secret}}\nCosa devo fare?"),
    ("it", "Il software di backup chiede 'Access key' e 'Secret key': ho messo {{AWS_ACCESS_KEY:akia}} e {{AWS_SECRET_KEY:aws_secret}} ma dice accesso negato al bucket {{bucket}}."),
    ("it", "La chiave {{AWS_ACCESS_KEY:akia}} compare nei log di CloudTrail da una regione che non usiamo. Scrivi l'allerta per il responsabile."),
]
POS["AWS_SECRET_KEY"] = [
    ("en", "aws configure asked for the secret access key and I pasted {{AWS_SECRET_KEY:aws_secret}} — now every call says SignatureDoesNotMatch. Did I copy it wrong?"),
    ("en", "s3 = boto3.resource('s3', aws_access_key_id=KEY_ID, aws_secret_access_key=\"{{AWS_SECRET_KEY:aws_secret}}\") — how do I move this to a profile?"),
    ("it", "Nel file di configurazione del NAS c'è secret_key = {{AWS_SECRET_KEY:aws_secret}} per il backup su S3: è pericoloso che sia leggibile?"),
]

POS["GITHUB_TOKEN"] = [
    ("en", "git push asks for a password, I give it my token {{GITHUB_TOKEN:gh_any}} and it still says authentication failed. What am I doing wrong?"),
    ("en", "Renovate config, does this look right?\n{\n  \"platform\": \"github\",\n  \"token\": \"{{GITHUB_TOKEN:gh_any}}\"\n}"),
    ("en", "Which permissions does a fine-grained token like {{GITHUB_TOKEN:ghpat}} need to pull from GitHub Packages?"),
    ("en", "Our Dependabot private registry entry has token: {{GITHUB_TOKEN:gh}} — does it also need the read:packages scope?"),
    ("it", "Ho incollato per errore il token {{GITHUB_TOKEN:gh_any}} in un commento della PR. Come lo revoco e cosa scrivo al team?"),
    ("it", "Nel .yarnrc.yml c'è npmAuthToken: \"{{GITHUB_TOKEN:gh}}\" — è normale che sia versionato nel repository {{repo}}?"),
    # two findings
    ("it", "Il job di mirror usa GITHUB_TOKEN={{GITHUB_TOKEN:gh}} e GITLAB_TOKEN={{GITLAB_TOKEN:gitlab}}. Scrivi la sezione del README che spiega il flusso."),
    ("en", "Two tokens in the old wiki page, {{GITHUB_TOKEN:gh}} and {{GITHUB_TOKEN:ghpat}}. Write the rotation checklist."),
]

POS["GITLAB_TOKEN"] = [
    ("en", "Runner registration fails with 403 and I'm using {{GITLAB_TOKEN:gitlab}} from the project settings. What changed in GitLab 16?"),
    ("en", "curl --header \"PRIVATE-TOKEN: {{GITLAB_TOKEN:gitlab}}\" https://gitlab.{{firmdom}}/api/v4/projects returns an empty list. Why?"),
    ("en", "Our Helm values contain gitlabToken: {{GITLAB_TOKEN:gitlab}} — how do I move that into a sealed secret?"),
    ("it", "Il collega se n'è andato e il suo token {{GITLAB_TOKEN:gitlab}} è ancora nelle variabili CI. Scrivi la procedura per sostituirlo."),
    ("it", "Mi dai il comando per clonare con il deploy token? Utente gitlab+deploy-token-12, token {{GITLAB_TOKEN:gitlab}}"),
    ("it", "Il trigger della pipeline notturna usa {{GITLAB_TOKEN:gitlab}}: scade? dove vedo la data?"),
    # two findings
    ("en", "Pipeline variables dump: CI_REGISTRY_PASSWORD={{PASSWORD:pw}} and PROJECT_TOKEN={{GITLAB_TOKEN:gitlab}}. Which ones should be masked?"),
    ("it", "Il token {{GITLAB_TOKEN:gitlab}} è stato creato da {{EMAIL:email}}: scrivigli di revocarlo perché è finito nel log."),
]

POS["SLACK_TOKEN"] = [
    ("en", "Our bot token {{SLACK_TOKEN:slack_tok}} gets missing_scope when uploading files. Which scope do I add?"),
    ("en", "client = WebClient(token=\"{{SLACK_TOKEN:slack_tok}}\") hangs on conversations_history. Any idea?"),
    ("en", "Socket Mode wants an app-level token; I have {{SLACK_TOKEN:slack_app}}. Where does it go in the Bolt config?"),
    ("en", "Since we turned on token rotation the bot's token looks like {{SLACK_TOKEN:slack_rot}} and expires after 12 hours. How do I refresh it?"),
    ("it", "Nel config.yml del bot c'è slack_token: {{SLACK_TOKEN:slack_tok}}. Va ruotato se il repo è stato pubblico per un'ora?"),
    ("it", "Scrivi l'avviso per #it: il token {{SLACK_TOKEN:slack_tok}} è stato revocato, chi usava l'integrazione deve chiedere quello nuovo."),
    # two findings
    ("en", "The integration has token {{SLACK_TOKEN:slack_tok}} and posts to {{SLACK_WEBHOOK:slack_hook}}. Do we need both?"),
]

POS["SLACK_WEBHOOK"] = [
    ("en", "Grafana contact point URL is {{SLACK_WEBHOOK:slack_hook}} and alerts arrive without the panel image. Why?"),
    ("en", "Write a bash function that posts 'backup done' to {{SLACK_WEBHOOK:slack_hook}} with curl."),
    ("en", "This workflow webhook {{SLACK_WEBHOOK:slack_hook_rare}} ignores my variables. What should the JSON body look like?"),
    ("it", "Il webhook {{SLACK_WEBHOOK:slack_hook}} è finito in un post sul forum del fornitore. Cosa rischiamo? Spiegalo al responsabile in due righe."),
    ("it", "In Jenkins nel post-build c'è {{SLACK_WEBHOOK:slack_hook}}: scrivi lo step Groovy che notifica solo i fallimenti."),
]

POS["STRIPE_KEY"] = [
    ("en", "Checkout works in test but not live. The server sets Stripe.api_key = \"{{STRIPE_KEY:stripe}}\". What should I check?"),
    ("en", "Our freelancer emailed us {{STRIPE_KEY:stripe}} in plain text. Draft a note explaining why we're rolling it today."),
    ("en", "In test mode we use {{STRIPE_KEY:stripe_test}} — is it acceptable to commit that to the repo?"),
    ("it", "Il plugin WooCommerce chiede la chiave segreta: ho messo {{STRIPE_KEY:stripe}} ma i pagamenti restano in sospeso."),
    ("it", "La chiave {{STRIPE_KEY:stripe}} è limitata ai rimborsi? Come lo verifico dalla dashboard?"),
    # two findings
    ("it", "Nel .env di produzione ci sono STRIPE_SECRET_KEY={{STRIPE_KEY:stripe}} e DATABASE_URL={{CREDENTIAL_URL:cred_url}}. Fammi una checklist per spostarli in un vault."),
    ("en", "Webhook handler config: stripe key {{STRIPE_KEY:stripe}}, alerts to {{SLACK_WEBHOOK:slack_hook}}. Review it for security issues."),
]

POS["OPENAI_KEY"] = [
    ("en", "LangChain throws AuthenticationError with openai_api_key=\"{{OPENAI_KEY:openai}}\". Is the key format even right?"),
    ("en", "Create a GitHub Actions secret for this and show the step that uses it: OPENAI_API_KEY={{OPENAI_KEY:openai}}"),
    ("en", "Someone pasted {{OPENAI_KEY:openai}} in #general. Write the incident message for the channel."),
    ("it", "Lo script che classifica i ticket usa la chiave {{OPENAI_KEY:openai}}: come vedo quanto spende al mese?"),
    ("it", "Nel notebook condiviso c'è os.environ['OPENAI_API_KEY'] = '{{OPENAI_KEY:openai}}'. Come lo tolgo dalla cronologia di git?"),
    # two findings
    ("en", "Our .env for the chatbot:\nOPENAI_API_KEY={{OPENAI_KEY:openai}}\nANTHROPIC_API_KEY={{ANTHROPIC_KEY:anthropic}}\nWhich provider does the fallback use?"),
    ("it", "La chiave {{OPENAI_KEY:openai}} è intestata a {{EMAIL:email}} che ha lasciato l'azienda. Scrivi la richiesta di trasferimento."),
]

POS["ANTHROPIC_KEY"] = [
    ("en", "client = anthropic.Anthropic(api_key=\"{{ANTHROPIC_KEY:anthropic}}\") raises 401 on the first call. Any idea?"),
    ("en", "Our n8n credential for Claude is {{ANTHROPIC_KEY:anthropic}}. How do I restrict it to one workspace?"),
    ("it", "Ho messo ANTHROPIC_API_KEY={{ANTHROPIC_KEY:anthropic}} nel docker-compose ma il container non la vede. Perché?"),
    ("it", "Scrivi una mail al fornitore: la chiave {{ANTHROPIC_KEY:anthropic}} che ci avete consegnato ha una scadenza? Chi la ruota?"),
    # two findings
    ("en", "x-api-key: {{ANTHROPIC_KEY:anthropic}} works from my laptop but not from {{IP_ADDRESS:ip_any}}. Is there an IP allowlist?"),
]

POS["GOOGLE_API_KEY"] = [
    ("en", "The store locator map is greyed out with a watermark. The page loads https://maps.googleapis.com/maps/api/js?key={{GOOGLE_API_KEY:google}}&callback=initMap — is it billing?"),
    ("en", "Firebase config from the app:\napiKey: \"{{GOOGLE_API_KEY:google}}\",\nauthDomain: \"{{repo}}.firebaseapp.com\"\nIs it a problem that this is public?"),
    ("en", "Places autocomplete stopped after someone edited the restrictions. The key is {{GOOGLE_API_KEY:google}}; how do I see which APIs it may call?"),
    ("it", "Il fornitore del sito ha lasciato la chiave {{GOOGLE_API_KEY:google}} nel JavaScript pubblico. Come la limito ai nostri domini?"),
    ("it", "Per leggere il foglio Google via API uso la chiave {{GOOGLE_API_KEY:google}}: perché dà 403 su un foglio privato?"),
    # two findings
    ("en", "Two keys in the Android strings.xml, {{GOOGLE_API_KEY:google}} and {{GOOGLE_API_KEY:google}}. Which one is the Maps key?"),
]

POS["PRIVATE_KEY"] = [
    ("en", "The SFTP upload to the bank fails with 'invalid format'. This is the key they gave us:\n{{PRIVATE_KEY:pem}}\nDo I need to convert it?"),
    ("en", "Which of these lines go into the Kubernetes secret?\n{{PRIVATE_KEY:pem}}"),
    ("en", "A contractor sent this over Teams and now it won't load: {{PRIVATE_KEY:pem_flat}} — how do I turn it back into a file?"),
    ("it", "Il certificato per firmare le fatture è arrivato con questa chiave:\n{{PRIVATE_KEY:pem}}\nCome la importo in Windows?"),
    ("it", "openssl mi dice 'bad decrypt' su questa chiave, eppure la passphrase è giusta:\n{{PRIVATE_KEY:pem}}"),
    ("it", "Il backup della chiave GPG del commercialista è questo:\n{{PRIVATE_KEY:pem}}\ndove lo conservo?"),
    # two findings
    ("en", "Jump host {{IP_ADDRESS:ip_any}}, user ops, key below. Write the ~/.ssh/config block.\n{{PRIVATE_KEY:pem}}"),
]

POS["JWT"] = [
    ("en", "The mobile app sends this bearer token and the API says expired, but exp looks fine to me: {{JWT:jwt}}"),
    ("en", "Decode the claims of this id_token and tell me which roles it carries: {{JWT:jwt}}"),
    ("en", "The load balancer logs show Cookie: auth={{JWT:jwt}} in clear text. How do we stop logging cookies?"),
    ("en", "A legacy service issues tokens like {{JWT:jwt_none}} — is that safe to accept?"),
    ("it", "Il portale fornitori mi ha restituito questo token: {{JWT:jwt}}. Mi spieghi cosa contiene senza usare siti esterni?"),
    ("it", "Nei log di Keycloak compare access_token={{JWT:jwt}}. Come evito che finisca nei log?"),
    # two findings
    ("en", "{{EMAIL:email}} can't open the dashboard; their token is {{JWT:jwt}}. Which claim is missing?"),
    ("it", "Il refresh restituisce {{JWT:jwt}} ma l'app usa ancora {{JWT:jwt}}. Perché non si aggiorna?"),
]

POS["CREDENTIAL_URL"] = [
    ("en", "Prisma can't reach the database: DATABASE_URL=\"{{CREDENTIAL_URL:cred_url}}\". Does the password need escaping?"),
    ("en", "broker_url = '{{CREDENTIAL_URL:cred_url}}' — the workers connect, then drop after 60 seconds. Ideas?"),
    ("en", "Write a Python snippet that splits {{CREDENTIAL_URL:cred_url}} into host, port and database."),
    ("it", "Il consulente ci ha mandato la stringa di connessione {{CREDENTIAL_URL:cred_url}} per il report: come la configuro in Power BI?"),
    ("it", "Nel crontab c'è pg_dump {{CREDENTIAL_URL:cred_url}} > /backup/dump.sql — è un problema di sicurezza?"),
    # two findings
    ("en", "Staging has {{CREDENTIAL_URL:cred_url}} and production {{CREDENTIAL_URL:cred_url}}. Write the migration runbook step."),
]

POS["PASSWORD"] = [
    ("en", "The printer admin page password is {{PASSWORD:pw}} — how can I share it with the new office manager without a sticky note?"),
    ("en", "Temporary password for {{ename}}'s laptop: {{PASSWORD:pw}}. Draft the handover email and remind them to change it at first login."),
    ("en", "docker-compose:\n  environment:\n    POSTGRES_USER: {{user}}\n    POSTGRES_PASSWORD: {{PASSWORD:pw}}\nWhy does the container restart in a loop?"),
    ("en", "Server={{host}};Database=ERP;User Id=sa;Password={{PASSWORD:pw}}; fails with a login timeout. Help?"),
    ("en", "I set the warehouse Wi-Fi passphrase to {{PASSWORD:pw}} — strong enough?"),
    ("en", "mysql -u root -p{{PASSWORD:pw}} -h {{host}} gives access denied for user root. Why?", "J"),
    ("en", "Supplier portal login: user {{user}}, pass {{PASSWORD:pw}}. Write a step-by-step guide for the team."),
    ("en", "application.properties has spring.datasource.password={{PASSWORD:pw}} — how do I externalise it?"),
    ("en", "My new password is {{PASSWORD:pw}}, does it meet a 12-character policy with symbols?"),
    ("it", "La password del gestionale per il magazzino è {{PASSWORD:pw}}. Scrivi una mail per gli stagionali con le istruzioni di accesso."),
    ("it", "Ho resettato l'account di {{pname}}: password provvisoria {{PASSWORD:pw}}. Prepara il messaggio da mandargli su Teams."),
    ("it", "Accesso al portale del consulente: utente {{user}}, password {{PASSWORD:pw}}. Scrivi come delegare l'accesso a un collega."),
    ("it", "Nel wp-config.php c'è define('DB_PASSWORD', '{{PASSWORD:pw}}'); è grave se il sito era su GitHub?"),
    ("it", "Il router dell'ufficio ora ha password {{PASSWORD:pw}} al posto di quella di fabbrica: è abbastanza sicura?"),
    ("it", "Password per aprire l'Excel delle paghe: {{PASSWORD:pw}}. Come la comunico in modo sicuro al commercialista?"),
    ("it", "la nuova pwd della casella condivisa è {{PASSWORD:pw}}, scrivi l'avviso per il team commerciale"),
    # two findings
    ("en", "Shared social media account: {{EMAIL:email}} with password {{PASSWORD:pw}}. Write a policy that bans shared accounts."),
    ("it", "Il collega in trasferta deve collegarsi al firewall {{IP_ADDRESS:ip_any}} con l'account {{user}} e la password {{PASSWORD:pw}}: preparagli una guida passo passo per FortiClient."),
    ("it", "Credenziali del wifi ospiti: rete Sala-Riunioni, chiave {{PASSWORD:pw}}; wifi interno chiave {{PASSWORD:pw}}. Fai due cartelli diversi."),
]

POS["CONFIDENTIAL_MARKER"] = [
    ("en", "{{CONFIDENTIAL_MARKER:marker_en}}\nQ3 headcount plan, draft 2\nSummarise the three options below in one paragraph for the leadership call."),
    ("en", "Subject: [{{CONFIDENTIAL_MARKER:marker}}] Project Harbour – term sheet v4\nShorten this subject so it fits a calendar invite."),
    ("en", "Every page footer reads '{{CONFIDENTIAL_MARKER:marker_en}} – do not forward'. Turn the introduction into bullet points."),
    ("en", "This incident report is labelled {{CONFIDENTIAL_MARKER:marker}}. Can you tighten the timeline section?"),
    ("en", "{{CONFIDENTIAL_MARKER:marker_title}} — Board pack, March\nMake the executive summary crisper."),
    ("it", "Classificazione: {{CONFIDENTIAL_MARKER:marker_it}}\nPiano di riorganizzazione del reparto spedizioni. Fai una sintesi per i capireparto."),
    ("it", "Intestazione del verbale: «{{CONFIDENTIAL_MARKER:marker_it}}». Riassumi le decisioni sul nuovo fornitore."),
    ("it", "Il documento ha il timbro {{CONFIDENTIAL_MARKER:marker}} su ogni pagina. Traducilo in inglese con tono formale."),
    ("it", "**{{CONFIDENTIAL_MARKER:marker_it}}** – bozza del piano ferie 2025. Rendilo più leggibile."),
    # two findings
    ("it", "{{CONFIDENTIAL_MARKER:marker_it}} – Offerta per {{firm}}\nReferente: {{EMAIL:email}}\nRendi più convincente il paragrafo sui tempi di consegna."),
    ("en", "{{CONFIDENTIAL_MARKER:marker_en}}\nSettlement: pay EUR {{eur}} to {{IBAN:iban_sepa}} by {{date}}.\nWrite a neutral summary for the finance team."),
]

# dev's per-type finding counts: the targets the type choice steers towards
DEV_COUNTS = {"EMAIL": 164, "PHONE": 92, "CREDIT_CARD": 91, "IBAN": 64, "IT_VAT": 64, "IT_FISCAL_CODE": 59,
              "GITLAB_TOKEN": 40, "OPENAI_KEY": 35, "GOOGLE_API_KEY": 34, "AWS_ACCESS_KEY": 33, "AWS_SECRET_KEY": 33,
              "GITHUB_TOKEN": 30, "US_SSN": 30, "PASSWORD": 29, "PRIVATE_KEY": 28, "IP_ADDRESS": 28, "JWT": 27,
              "CREDENTIAL_URL": 26, "STRIPE_KEY": 26, "SLACK_WEBHOOK": 25, "CONFIDENTIAL_MARKER": 23,
              "ANTHROPIC_KEY": 23, "SLACK_TOKEN": 22}


def g_iban_sepa(c):
    return g_iban(c)


POS_GENS["iban_sepa"] = g_iban_sepa

# =============================================================================================
# negatives

NEG_PLAIN = [
    ("en", "Write three tactful ways to decline a meeting that could have been an email."),
    ("en", "Explain accrued versus deferred revenue with a bakery example."),
    ("en", "Give me an Excel formula that returns the last working day of the month."),
    ("en", "Draft an agenda for a 30-minute quarterly review with the logistics team."),
    ("en", "List the pros and cons of a four-day week for a 40-person manufacturer."),
    ("en", "Rewrite in plain English: 'The aforementioned deliverables shall be remitted forthwith.'"),
    ("en", "How do I make a pivot table show percentages of the column total?"),
    ("en", "What should a good incident post-mortem template contain?"),
    ("en", "Suggest five names for our internal newsletter about sustainability."),
    ("en", "Explain what a reverse proxy does, for a non-technical manager."),
    ("en", "Write a SQL query that finds customers with no orders in the last 12 months."),
    ("en", "What's the etiquette for cc versus bcc in external emails?"),
    ("en", "Create a checklist for closing the office over the August holidays."),
    ("en", "How does two-factor authentication with an authenticator app actually work?"),
    ("en", "Turn these notes into a friendly reminder: timesheets due Friday, no exceptions."),
    ("en", "Explain IBAN versus SWIFT/BIC in two sentences for a customer FAQ."),
    ("en", "Write a regex that matches an Italian postal code."),
    ("en", "What is a JWT, and why shouldn't it live in localStorage?"),
    ("en", "Summarise the main obligations of a data processor under GDPR in five bullets."),
    ("en", "Draft a job ad for a part-time bookkeeper, friendly tone, no jargon."),
    ("en", "How do I stop Teams from marking me as away after five minutes?"),
    ("en", "Give me a Python function that removes duplicate rows from a CSV, keeping the newest."),
    ("it", "Scrivimi un messaggio di benvenuto per il nuovo stagista del marketing."),
    ("it", "Come si calcola il TFR in modo semplice? Fai un esempio con numeri inventati."),
    ("it", "Riassumi in cinque punti le novità della fatturazione elettronica per i forfettari."),
    ("it", "Prepara una scaletta per la riunione mensile con gli agenti di commercio."),
    ("it", "Traduci in inglese: «Vi preghiamo di confermare la ricezione della merce entro tre giorni lavorativi.»"),
    ("it", "Che differenza c'è tra un DDT e una fattura accompagnatoria?"),
    ("it", "Suggeriscimi un modo gentile per ricordare ai colleghi di tenere pulita la cucina comune."),
    ("it", "Come funziona lo split payment con la pubblica amministrazione?"),
    ("it", "Scrivi una formula Excel che evidenzi le scadenze entro sette giorni."),
    ("it", "Spiegami come è fatto un codice fiscale, senza usare un esempio reale."),
    ("it", "Che cos'è la PEC e quando ha valore legale?"),
    ("it", "Quali campi servono in un modulo di richiesta ferie?"),
    ("it", "Dammi tre idee per ridurre il consumo di carta in ufficio."),
    ("it", "Come imposto una regola in Outlook che sposta le fatture in una cartella?"),
    ("it", "Riscrivi in tono più cordiale: «Non è possibile procedere senza documentazione.»"),
    ("it", "Spiegami il principio del minimo privilegio con un esempio da ufficio."),
    ("it", "Mi fai un elenco delle cose da controllare prima di firmare un contratto di noleggio auto?"),
]

NEG_HARD = [
    # checksum and length failures
    ("en", "The card terminal says invalid number for {{card_bad}} — did the customer mistype a digit?"),
    ("it", "Al telefono il cliente ci ha letto la carta {{card_bad}}, ma il gateway la respinge: quale cifra potrebbe essere sbagliata?"),
    ("en", "The bank portal rejects IBAN {{iban_bad}} with 'check digits invalid'. Can you spot the error?"),
    ("it", "Il gestionale dice che l'IBAN {{iban_badlen}} ha una lunghezza sbagliata per il paese. È vero?"),
    ("it", "Il portale dell'Agenzia segnala come errato il codice fiscale {{cf_bad}}: come si ricalcola l'ultima lettera?"),
    ("it", "La partita IVA {{piva_bad}} risulta errata al controllo formale. Cosa rispondo al cliente?"),
    ("en", "Payroll flags SSN {{ssn_bad}} as never issued. Why would that be?"),
    ("it", "Il software di test genera codici fiscali come {{cf_badmonth}}: il portale li rifiuta, perché?"),
    ("en", "The firewall won't accept {{ip_badoctet}} as a host address. What's wrong with it?"),
    # numbers of other kinds
    ("en", "IMEI {{imei}} — the phone was stolen from the van. Write the report for the carrier."),
    ("it", "Dobbiamo bloccare il tablet del magazzino, IMEI {{imei}}. Scrivi la richiesta all'operatore."),
    ("en", "EAN {{ean}} isn't recognised by the marketplace. What does the 80 prefix mean?"),
    ("it", "ISBN {{isbn}}: scrivi la scheda per il catalogo della biblioteca aziendale."),
    ("en", "Order {{order}} from {{date}}, total €{{eur}}: write a shipping update for the customer."),
    ("it", "La spedizione {{tracking}} è ferma in deposito a {{city}}: scrivi al corriere."),
    ("en", "Tracking {{tracking}} says 'exception'. Draft the message to the customer."),
    ("en", "Invoice {{invoice}} dated {{date}} for €{{eur}} is 30 days overdue. Draft a reminder."),
    ("it", "Fattura n. {{invoice}} del {{date}}, importo {{eur}} €: prepara un sollecito gentile."),
    ("en", "Ticket {{ticket}} was reopened again. Write a status update for the customer."),
    ("en", "Request {{uuid}} timed out after 30 seconds. What does a 504 from the load balancer mean?"),
    ("it", "Il deploy del commit {{short_sha}} ha rotto il login: scrivi la descrizione della revert."),
    ("en", "The ISO's sha256 is {{sha256}} but mine differs. Corrupted download?"),
    ("it", "L'MD5 {{md5}} del file di backup non corrisponde. Cosa faccio?"),
    ("en", "We went from {{ver}} to {{ver}} and reports got slower. Write the release notes."),
    ("en", "Firmware {{ver4}} on the badge readers — any known bug?"),
    ("it", "La build {{ver4}} del gestionale è l'ultima? Scrivi la nota per gli utenti."),
    ("en", "The Wi-Fi MAC filter blocks {{mac}}. How do I whitelist it on the controller?"),
    ("en", "SNMP OID {{oid}} returns nothing. What does that branch usually hold?"),
    ("en", "The role {{arn}} can't read the bucket. Explain the trust policy to me."),
    ("en", "Timestamp {{epoch}} in the log: convert it to Italian time."),
    ("it", "Il campo created_at vale {{epoch_ms}}: come lo converto in data con Excel?"),
    ("it", "CAP {{cap}} {{city}}: formatta l'indirizzo per l'etichetta di spedizione."),
    ("it", "Con riferimento al protocollo {{pratica}} dobbiamo confermare all'ufficio tecnico del comune che abbiamo integrato i documenti: scrivi due righe."),
    ("it", "Il CIG della gara è {{cig}}: dove va indicato in fattura?"),
    ("en", "BIC {{bic}} — which bank is that?"),
    ("it", "Il POD {{pod}} compare in bolletta: a cosa serve?"),
    ("it", "REA {{rea}}: che cosa significa nella visura camerale?"),
    ("it", "Orari dello sportello: {{phone_range}} dal lunedì al venerdì. Scrivilo per la bacheca."),
    ("it", "Per lo stato del rimborso ci hanno dato il riferimento {{amount_plain}}: scrivi una mail di sollecito."),
    ("en", "Our DE customer's VAT number is {{de_vat}} and the French one {{fr_vat}}. Do both need the reverse charge note?"),
    ("it", "Da un lordo di {{eur}} € con aliquota {{pct}}% quanto è l'imponibile? Mostrami il calcolo."),
    ("en", "Meeting moved to {{time}} on {{isodate}}, room 3.14. Update the invite text."),
    # placeholders and examples
    ("en", "The quickstart YAML has OPENAI_API_KEY: {{placeholder_key}} — do I paste mine there or in a secret?"),
    ("it", "Nel tutorial c'è api_key = \"{{placeholder_key}}\": la devo sostituire con la mia?"),
    ("en", "The sample profile in our wiki has aws_secret_access_key = {{placeholder_secret}}; do I replace it or is it read from the environment?"),
    ("en", "The compose template has POSTGRES_PASSWORD: {{placeholder_pw}}. Where should the real one live?"),
    ("it", "Il file .env.example ha DB_PASSWORD={{placeholder_pw}}: va committato?"),
    ("en", "Slack's docs show {{slack_doc}} as the webhook format. How do we get ours?"),
    ("en", "Break down this DSN for a junior colleague, field by field: {{url_nopw}}"),
    ("en", "Public key for the SFTP server:\n{{pub_pem}}\nWhere do I add it on our side?"),
    ("it", "Il fornitore ci ha mandato il certificato:\n{{pub_pem}}\nÈ quello giusto da installare?"),
    ("en", "Is AKIA always the start of an access key id? And what does ASIA mean?"),
    ("en", "Our scanner flags the variable name sk_prefix in the code. False positive?"),
    ("en", "The Authorization header in the logs is cut to 'Bearer eyJ...'. How do I log the claims safely?"),
    # credentials and contacts talked about, not given
    ("en", "I forgot my VPN password again; write a ticket asking for a reset."),
    ("it", "La password del wifi ospiti ce l'ha la reception: scrivi un cartello che dica di chiederla lì."),
    ("en", "Password policy: at least 14 characters, no reuse of the last five. Turn it into a friendly poster."),
    ("it", "Dopo il cambio password di ieri il telefono aziendale non sincronizza più la posta. Cosa provo?"),
    ("en", "Our SSO says token expired every morning. How long should a session token live?"),
    ("it", "Il token di accesso scade ogni ora: è normale con OAuth?"),
    ("en", "Write a privacy notice line saying we never ask for card numbers by email."),
    ("it", "Spiegami perché non si dovrebbe mai cambiare un IBAN su richiesta via WhatsApp senza verifica."),
    ("it", "La password: te la dico a voce domani. Rendi più formale questa frase per la mail al consulente."),
    ("en", "The password field should mask input and allow paste. Write the acceptance criteria."),
    ("it", "Come scrivo in modo elegante a un cliente 'ci sentiamo per telefono dopo le {{time}}'?"),
    ("en", "I want to write 'ring me at lunchtime about the audit' to a director. Make it more polite."),
    ("en", "Phone number field: should we store it in E.164? Explain briefly."),
    # marker words that are not a marking of this text
    ("en", "We classify documents as Public, Internal or Confidential. Write a one-page policy explaining each level."),
    ("it", "Sul retro del catalogo di {{firm}} stampiamo 'Riproduzione vietata – diritti riservati': ha ancora senso legalmente?"),
    ("en", "The board asked us to keep the merger talks confidential until Friday. Write a holding statement for staff."),
    ("en", "Report marked {{marker_neg}}, shareable with partners: summarise it."),
    ("it", "Il magazzino ha un'area riservata ai resi: scrivi il cartello per i corrieri."),
    ("it", "Cosa vuol dire 'uso interno' in una policy di classificazione? Spiegalo in generale."),
    # address look-alikes
    ("en", "git clone git@gitlab.{{firmdom}}:ops/{{repo}}.git fails with permission denied (publickey)."),
    ("en", "When should a Spring service method carry @Transactional(readOnly = true)?"),
    ("en", "Explain what the @ means in a package name like @nestjs/config."),
    ("en", "Write the Teams message tagging @{{efirst}} to ask for the slides."),
    ("it", "Scrivi un post Instagram con l'hashtag #{{city}} e la menzione @{{repo}}_official."),
]

NEG_JUDGE = [
    ("en", "Test fixture: create a user with email {{example_mail}} and assert that the welcome mail is sent."),
    ("en", "Write a unit test that the form accepts {{ssn_ad}} as a syntactically valid SSN."),
    ("en", "Is {{jwt_io}} the default token on jwt.io? Explain its three parts."),
    ("en", "The IAM unique id {{aws_id_other}} shows up in CloudTrail — which kind of principal is it?"),
    ("it", "Nel frontend c'è la chiave publishable {{pk_live}}: è un problema?"),
    ("en", "Our scanner found {{gh_badcrc}} in an old log but it fails GitHub's checksum. Real token?"),
    ("en", "The docs example says ping {{docip}}; explain the output."),
    ("en", "The service listens on {{loopback}} port 8080 — why can't colleagues reach it?"),
    ("en", "Report marked {{tlp_green}}: can I post it on our public blog?"),
    ("en", "A customer says {{visa15}} is their Visa number. Could that be right?"),
]

# =============================================================================================
# rendering

PH = re.compile(r"\{\{(?:([A-Z_]+):)?([a-z_0-9]+)\}\}")


def n_findings(tmpl):
    return sum(1 for m in PH.finditer(tmpl) if m.group(1))


def render(tmpl, c):
    """A list of segments [text, type or None, plain value or None]."""
    segs, pos = [], 0
    for m in PH.finditer(tmpl):
        if m.start() > pos:
            segs.append([tmpl[pos:m.start()], None, None])
        typ, name = m.group(1), m.group(2)
        if typ:
            v = POS_GENS[name](c)
            segs.append([v, typ, v])
        else:
            segs.append([FILL[name](c), None, None])
        pos = m.end()
    if pos < len(tmpl):
        segs.append([tmpl[pos:], None, None])
    return segs


# ---------------------------------------------------------------------------------------------
# evasions

FW = {chr(i): chr(i + 0xFEE0) for i in range(0x21, 0x7F)}
FW_BACK = {ord(v): ord(k) for k, v in FW.items()}
ZW = ["\u200b", "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff"]

FW_OK = {"EMAIL": ("at", "at", "all"), "PHONE": ("digits",), "CREDIT_CARD": ("digits", "all"), "IBAN": ("all", "digits"),
         "IT_FISCAL_CODE": ("all",), "IT_VAT": ("digits",), "US_SSN": ("digits", "all"), "IP_ADDRESS": ("digits", "all"),
         "AWS_ACCESS_KEY": ("all",), "GOOGLE_API_KEY": ("all",), "CONFIDENTIAL_MARKER": ("all",)}
NO_ZW = {"PASSWORD", "PRIVATE_KEY", "CREDENTIAL_URL"}


def ev_fullwidth(r, typ, v):
    mode = r.choice(FW_OK[typ])
    if mode == "at":
        return v.replace("@", "\uff20")
    if mode == "digits":
        return "".join(FW[ch] if ch.isdigit() else ch for ch in v)
    return "".join(FW.get(ch, ch) for ch in v)


def ev_zw(r, v):
    v = list(v)
    for _ in range(r.choice([1, 1, 2])):
        v.insert(r.randint(2, len(v) - 2), r.choice(ZW))
    return "".join(v)


def json_char(ch):
    return json.dumps(ch)[1:-1]


def json_escape_value(r, typ, v):
    """JSON string text for v, with some characters written as \\u escapes (the evasion)."""
    if typ == "CREDENTIAL_URL":
        pick = lambda i, ch: ch in "@:"
    elif typ in ("EMAIL",):
        pick = lambda i, ch: ch == "@" or (ch == "." and r.random() < 0.3)
    elif typ in ("PHONE", "CREDIT_CARD", "IT_VAT", "US_SSN", "IP_ADDRESS", "IBAN", "IT_FISCAL_CODE"):
        every = r.choice([1, 1, 2])
        pick = lambda i, ch: ch.isdigit() and i % every == 0 or ch == "+"
    elif typ == "JWT":
        pick = lambda i, ch: ch == "." or (i % 17 == 3)
    elif typ in ("PASSWORD",):
        pick = lambda i, ch: not ch.isalnum() or i % 4 == 1
    elif typ == "PRIVATE_KEY":
        pick = lambda i, ch: ch == "-" and i < 40
    elif typ == "CONFIDENTIAL_MARKER":
        pick = lambda i, ch: True
    else:  # tokens and keys
        pick = lambda i, ch: ch in "-_" or i % 5 == 2
    out = []
    for i, ch in enumerate(v):
        if ch == "/" and typ == "CREDENTIAL_URL":
            out.append("\\/")
        elif pick(i, ch) and ch not in "\r\n":
            out.append("\\u%04x" % ord(ch) if r.random() < 0.7 else "\\u%04X" % ord(ch))
        else:
            out.append(json_char(ch))
    s = "".join(out)
    if "\\u" not in s:
        s = "".join(("\\u%04x" % ord(ch)) if i in (1, len(v) - 2) else json_char(ch) for i, ch in enumerate(v))
    return s


JSON_WRAP = [
    ("en", "Our middleware logged this request body and the vendor says it's malformed. Can you check the JSON?\n",
     "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"%s\"}]}"),
    ("en", "Why does the API reject this payload?\n", "{\"input\": \"%s\", \"metadata\": {\"channel\": \"crm\"}}"),
    ("it", "Il connettore del gestionale ha mandato questo body e il fornitore risponde 400: cosa non va?\n",
     "{\"text\":\"%s\",\"lang\":\"it\"}"),
    ("it", "Controlla questo JSON prima che lo incolli nello strumento:\n",
     "{\"messages\": [{\"role\": \"user\", \"content\": \"%s\"}], \"temperature\": 0.2}"),
]


def wrap_json(r, segs, lang, target):
    pre, body = r.choice([w for w in JSON_WRAP if w[0] == lang] or JSON_WRAP)[1:]
    left, right = body.split("%s")
    out = [[pre + left, None, None]]
    for s in segs:
        if s is target:
            out.append([json_escape_value(r, s[1], s[0]), s[1], s[2]])
        else:
            out.append(["".join(json_char(ch) for ch in s[0]), s[1], s[2]])
    out.append([right, None, None])
    return out


def pct_encode(r, v):
    mode = r.choice(["reserved", "reserved", "full", "mixed", "plus"])
    if mode == "full":
        return "".join("%%%02X" % b for b in v.encode())
    if mode == "plus":
        s = urllib.parse.quote_plus(v, safe="")
    else:
        s = urllib.parse.quote(v, safe="")
    if mode == "mixed" or s == v:
        units = re.findall(r"%[0-9A-F]{2}|.", s, re.S)  # never split an existing %XX
        out = []
        for u in units:
            if len(u) == 1 and u.isalnum() and u.isascii() and r.random() < 0.35:
                out.append("%%%02X" % ord(u))
            else:
                out.append(u)
        s = "".join(out)
        if s == v:
            s = "%%%02X" % ord(v[0]) + s[1:]
    return s


PCT = {  # type: (generator, [(lang, template with {U} for the encoded value)])
    "EMAIL": ("email_any", [("en", "A customer clicked https://news.{{firmdom}}/unsubscribe?email={U}&list=promo and got an error page. What's wrong with the link?"),
                            ("it", "Il link di disiscrizione è https://mail.{{firmdom}}/optout?addr={U}&c=7 — è un problema di privacy?")]),
    "PHONE": ("phone_any", [("en", "The click-to-call button links to https://call.{{firmdom}}/dial?number={U}. Why does it fail on iOS?"),
                            ("it", "Nel sito il pulsante WhatsApp punta a https://api.whatsapp.com/send?phone={U}&text=info — funziona?")]),
    "IBAN": ("iban_print", [("en", "Our payment link is https://pay.{{firmdom}}/transfer?iban={U}&amount=120 — is it safe to email it?"),
                            ("it", "Il portale genera link così: https://portale.{{firmdom}}/bonifico?iban={U}&causale=saldo — va bene?")]),
    "IT_FISCAL_CODE": ("cf_any", [("it", "Il CRM apre la scheda con https://crm.{{firmdom}}/cliente?cf={U}&tab=anagrafica — si vede nei log del proxy?")]),
    "IT_VAT": ("piva", [("it", "Link di verifica: https://verifica.{{firmdom}}/check?piva={U}&stato=IT — perché restituisce vuoto?")]),
    "CREDIT_CARD": ("card", [("en", "The old checkout redirected to https://shop.{{firmdom}}/confirm?card={U}&ok=1 — how bad is that?")]),
    "US_SSN": ("ssn", [("en", "The HR portal builds https://hr.{{firmdom}}/lookup?ssn={U}&view=full for the search. Is that a compliance issue?")]),
    "IP_ADDRESS": ("ip_any", [("en", "Grafana link: https://grafana.{{firmdom}}/d/net?var-host={U}&from=now-6h — why is the panel empty?")]),
    "PASSWORD": ("pw", [("en", "The legacy app logs in with https://erp.{{firmdom}}/login?user={{user}}&password={U} — how do I explain why that's bad?"),
                        ("it", "Il vecchio gestionale fa login con https://erp.{{firmdom}}/auth?utente={{user}}&pwd={U}: come lo spiego al fornitore?")]),
    "GITHUB_TOKEN": ("gh_any", [("en", "Our bookmark is https://api.github.com/repos/acme/{{repo}}/zipball?access_token={U} and it stopped working. Why?")]),
    "GITLAB_TOKEN": ("gitlab", [("en", "This worked last year: https://gitlab.{{firmdom}}/api/v4/projects?private_token={U}. What replaced it?")]),
    "SLACK_TOKEN": ("slack_tok", [("en", "The dashboard calls https://slack.com/api/auth.test?token={U} from the browser. Is that a leak?")]),
    "SLACK_WEBHOOK": ("slack_hook", [("en", "The form posts to https://relay.{{firmdom}}/fwd?target={U}&fmt=json — can anyone abuse it?")]),
    "STRIPE_KEY": ("stripe", [("en", "A contractor's debug page had https://dbg.{{firmdom}}/stripe?key={U}&mode=live in the history. What do we do?")]),
    "OPENAI_KEY": ("openai", [("it", "Nello storico del browser c'è https://tools.{{firmdom}}/chat?api_key={U}&model=gpt-4o: va ruotata la chiave?")]),
    "ANTHROPIC_KEY": ("anthropic", [("en", "The internal bookmarklet opens https://tools.{{firmdom}}/claude?key={U} — how do we fix that?")]),
    "GOOGLE_API_KEY": ("google", [("en", "Static map URL: https://maps.googleapis.com/maps/api/staticmap?center=Treviso&zoom=12&key={U} — why is it grey?")]),
    "JWT": ("jwt", [("en", "The SSO redirect lands on https://app.{{firmdom}}/callback#id_token={U}&state=x — is the fragment logged?")]),
    "CREDENTIAL_URL": ("cred_url", [("en", "The admin tool takes the database as a parameter: https://admin.{{firmdom}}/connect?dsn={U} — is that acceptable?"),
                                    ("it", "Il report si apre con https://bi.{{firmdom}}/open?sorgente={U}: è sicuro mandarlo in mail?")]),
    "AWS_ACCESS_KEY": ("akia", [("en", "This presigned link expired: https://{{bucket}}.s3.amazonaws.com/report.pdf?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential={U}%2F20250101%2Feu-south-1%2Fs3%2Faws4_request — can I just change the date?")]),
    "CONFIDENTIAL_MARKER": ("marker", [("en", "The DMS search link is https://dms.{{firmdom}}/search?classification={U}&owner=legal — what does the filter do?")]),
}

B64 = {  # type: [(lang, prefix, snippet with {V} / {V2})]
    "EMAIL": [("en", "A colleague sent me this base64 blob, what is it? ", "From: {{name}} <{V}>\nSubject: offerta\n"),
              ("it", "Decodifica questa stringa e dimmi cosa contiene: ", "contatto={V};ruolo=acquisti")],
    "PHONE": [("en", "This QR code decodes to base64, what's inside? ", "BEGIN:VCARD\nFN:{{name}}\nTEL;TYPE=cell:{V}\nEND:VCARD")],
    "CREDIT_CARD": [("en", "Found this in a cookie, can you decode it? ", "{\"pan\":\"{V}\",\"exp\":\"{{exp}}\"}")],
    "IBAN": [("it", "Nel campo note del bonifico c'è questa stringa base64, cos'è? ", "beneficiario={{name}}\niban={V}\n")],
    "IT_FISCAL_CODE": [("it", "Il QR della tessera restituisce questo base64: ", "nome={{pname}}|cf={V}|")],
    "IT_VAT": [("it", "Questo valore arriva dal web service in base64, che dato è? ", "ragione_sociale={{firm}};piva={V};")],
    "US_SSN": [("en", "The export column is base64; what does this row say? ", "name={{ename}},ssn={V},dept=ops")],
    "IP_ADDRESS": [("en", "This header value is base64, what's in it? ", "client={V};ts={{epoch}}")],
    "AWS_ACCESS_KEY": [("en", "Kubernetes secret data, can you decode it and tell me what it is? ", "[default]\naws_access_key_id = {V}\naws_secret_access_key = {V2}\n")],
    "AWS_SECRET_KEY": [("it", "Nel Secret di Kubernetes c'è questo valore, cos'è? ", "aws_secret_access_key={V}")],
    "GITHUB_TOKEN": [("en", "Decode this env dump for me: ", "GITHUB_TOKEN={V}\nCI=true\n")],
    "GITLAB_TOKEN": [("en", "What's in this base64 CI variable? ", "GITLAB_API_TOKEN={V}\n")],
    "SLACK_TOKEN": [("en", "This config value is base64; decode it: ", "slack:\n  token: {V}\n")],
    "SLACK_WEBHOOK": [("it", "Il valore nel vault è in base64, cos'è? ", "webhook_url: {V}\n")],
    "STRIPE_KEY": [("en", "Helm secret value, what does it decode to? ", "STRIPE_SECRET_KEY={V}")],
    "OPENAI_KEY": [("it", "Questa variabile è codificata in base64, cosa contiene? ", "OPENAI_API_KEY={V}\n")],
    "ANTHROPIC_KEY": [("en", "Decode the secret for me: ", "ANTHROPIC_API_KEY={V}\n")],
    "GOOGLE_API_KEY": [("en", "What's in this base64 string from the app bundle? ", "{\"apiKey\":\"{V}\"}")],
    "PRIVATE_KEY": [("en", "This is the tls.key from our Kubernetes secret, is it the right kind of key?\ntls.key: ", "{V}\n")],
    "JWT": [("it", "Questo cookie è base64, mi dici cosa c'è dentro? ", "token={V}")],
    "CREDENTIAL_URL": [("en", "Decode this secret value and tell me which database it points to: ", "DATABASE_URL={V}\n")],
    "PASSWORD": [("en", "What does this Kubernetes secret contain? ", "username: {{user}}\npassword: {V}\n"),
                 ("it", "Nel file di configurazione c'è questo base64: ", "db_user={{user}}\ndb_password={V}\n")],
    "CONFIDENTIAL_MARKER": [("en", "This attachment came base64-encoded, what is it? ", "{V}\nDraft budget 2026, do not circulate\n")],
}
B64_GEN = {"EMAIL": "email_any", "PHONE": "phone_any", "CREDIT_CARD": "card", "IBAN": "iban_sepa",
           "IT_FISCAL_CODE": "cf_any", "IT_VAT": "piva", "US_SSN": "ssn", "IP_ADDRESS": "ip_any",
           "AWS_ACCESS_KEY": "akia", "AWS_SECRET_KEY": "aws_secret", "GITHUB_TOKEN": "gh_any",
           "GITLAB_TOKEN": "gitlab", "SLACK_TOKEN": "slack_tok", "SLACK_WEBHOOK": "slack_hook",
           "STRIPE_KEY": "stripe", "OPENAI_KEY": "openai", "ANTHROPIC_KEY": "anthropic", "GOOGLE_API_KEY": "google",
           "PRIVATE_KEY": "pem", "JWT": "jwt", "CREDENTIAL_URL": "cred_url", "PASSWORD": "pw",
           "CONFIDENTIAL_MARKER": "marker"}


def fill_text(t, c):
    return PH.sub(lambda m: FILL[m.group(2)](c), t)


def build_pct(r, c, typ):
    lang, t = r.choice(PCT[typ][1])
    gen = PCT[typ][0]
    v = POS_GENS[gen](c)
    enc = pct_encode(r, v)
    pre, post = t.split("{U}")
    return lang, [[fill_text(pre, c), None, None], [enc, typ, v], [fill_text(post, c), None, None]]


def build_b64(r, c, typ):
    lang, pre, snip = r.choice(B64[typ])
    snip = fill_text(snip, c)
    vals = {"{V}": (typ, POS_GENS[B64_GEN[typ]](c))}
    if "{V2}" in snip:
        vals["{V2}"] = ("AWS_SECRET_KEY", g_aws_secret(c))
    # lay out the snippet, remembering the byte ranges of the values
    parts = re.split(r"(\{V2?\})", snip)
    raw, spans = b"", []
    for p in parts:
        if p in vals:
            t, v = vals[p]
            spans.append((len(raw), len(raw) + len(v.encode()), t, v))
            raw += v.encode()
        else:
            raw += p.encode()
    blob = base64.b64encode(raw).decode()
    segs, pos = [[fill_text(pre, c), None, None]], 0
    for a, b, t, v in spans:
        g0, g1 = (a // 3) * 4, min(len(blob), -(-b // 3) * 4)
        assert g0 >= pos, "two values share a base64 group"
        segs.append([blob[pos:g0], None, None])
        segs.append([blob[g0:g1], t, v])
        pos = g1
    segs.append([blob[pos:], None, None])
    tail = r.choice(["", "", "\n" + ("Grazie." if lang == "it" else "Thanks.")])
    segs.append([tail, None, None])
    return lang, segs


def assemble(segs):
    text, findings, nb = "", [], 0
    for s, typ, plain in segs:
        b = len(s.encode("utf-8"))
        if typ:
            findings.append({"type": typ, "start": nb, "end": nb + b, "value": s, "_plain": plain})
        text += s
        nb += b
    return text, findings


JOINERS = ["\n\n", "\n\n", "\n\n", "\n", "\n\n---\n\n", "\n\nAltra cosa: ", "\n\nUnrelated: ", "\n\nP.S. ",
           "\n\nE poi: ", "\n\nOne more thing: ", " "]

TARGET = {t: n / sum(DEV_COUNTS.values()) for t, n in DEV_COUNTS.items()}
EV_MODES = ["fullwidth", "zero-width", "json-escape", "base64", "percent"]
EV_W = [26, 24, 20, 15, 15]


class Gen:
    """Dev's shares are laid out as exact schedules (shuffled by the seed): 518/1200 negatives,
    a distractor on 222/682 positives, an evasion on 10 % of positives."""

    def __init__(self, seed, n):
        r = self.r = random.Random(seed * 1000003 + 34)
        self.counts = {t: 0 for t in DEV_COUNTS}
        self.total = 0
        nneg = round(n * 518 / 1200)
        npos = n - nneg
        self.kind = [True] * nneg + [False] * npos
        r.shuffle(self.kind)
        ndis, nev = round(npos * 222 / 682), round(npos * 0.10)
        self.dis = [True] * ndis + [False] * (npos - ndis)
        self.ev = [True] * nev + [False] * (npos - nev)
        r.shuffle(self.dis)
        r.shuffle(self.ev)
        self.ipos = 0

    def pick_type(self):
        r = self.r
        types = list(DEV_COUNTS)
        w = [max(0.02, TARGET[t] * (self.total + 3) - self.counts[t]) for t in types]
        return r.choices(types, w)[0]

    def pick_template(self, typ, lang, n):
        pool = POS[typ]
        for cond in (lambda t: t[0] == lang and n_findings(t[1]) == n, lambda t: n_findings(t[1]) == n,
                     lambda t: t[0] == lang, lambda t: True):
            sub = [t for t in pool if cond(t)]
            if sub:
                return self.r.choice(sub)

    def negative(self, pool=None):
        r = self.r
        if pool is None:
            k = r.random()
            pool = NEG_PLAIN if k < 0.31 else NEG_HARD if k < 0.945 else NEG_JUDGE
        lang, tmpl = r.choice(pool)[:2]
        c = Ctx(r, lang)
        segs = render(tmpl, c)
        return lang, segs, c.judgement or pool is NEG_JUDGE

    def case(self, idx, seed):
        r = self.r
        tags = []
        if self.kind[idx]:
            lang, segs, judg = self.negative()
            tags.append("negative")
        else:
            typ = self.pick_type()
            want_lang = "en" if r.random() < 0.64 else "it"
            want_n = 2 if r.random() < 0.53 else 1
            with_ev, with_dis = self.ev[self.ipos], self.dis[self.ipos]
            self.ipos += 1
            mode = r.choices(EV_MODES, EV_W)[0] if with_ev else None
            judg = False
            if mode == "percent" and typ not in PCT:
                mode = "json-escape"
            if mode in ("percent", "base64"):
                c = Ctx(r, want_lang)
                lang, segs = (build_pct if mode == "percent" else build_b64)(r, c, typ)
                judg = c.judgement
                tags.append("evasion:" + mode)
            else:
                t = self.pick_template(typ, want_lang, want_n)
                lang, tmpl = t[0], t[1]
                c = Ctx(r, lang)
                segs = render(tmpl, c)
                judg = c.judgement or (len(t) > 2 and t[2] == "J")
                if mode == "fullwidth":
                    cand = [s for s in segs if s[1] in FW_OK]
                    if cand:
                        s = r.choice(cand)
                        s[0] = ev_fullwidth(r, s[1], s[0])
                        tags.append("evasion:fullwidth")
                    else:
                        mode = "zero-width"
                if mode == "zero-width":
                    cand = [s for s in segs if s[1] and s[1] not in NO_ZW]
                    if cand:
                        s = r.choice(cand)
                        s[0] = ev_zw(r, s[0])
                        tags.append("evasion:zero-width")
                    else:
                        mode = "json-escape"
            if with_dis:
                nlang, nsegs, nj = self.negative(NEG_HARD if r.random() < 0.8 else NEG_PLAIN)
                segs = segs + [[r.choice(JOINERS), None, None]] + nsegs
                judg = judg or nj
                tags.append("distractor")
            if mode == "json-escape":
                target = [s for s in segs if s[1]]
                segs = wrap_json(r, segs, lang, r.choice(target))
                tags.append("evasion:json-escape")
            for s in segs:
                if s[1]:
                    self.counts[s[1]] += 1
                    self.total += 1
        if judg:
            tags.append("judgement")
        text, findings = assemble(segs)
        return {"id": "a34-%d-%04d" % (seed, idx), "lang": lang, "text": text, "findings": findings, "tags": tags}


# =============================================================================================
# self-check: every span decodes to its value, every value decodes to a plain value that passes
# its format's check

def plain_of(f, tags):
    v = f["value"]
    if "evasion:json-escape" in tags:
        v = json.loads('"' + v + '"')
    if "evasion:percent" in tags:
        v = urllib.parse.unquote_plus(v)
    if "evasion:base64" in tags:
        return None
    v = "".join(ch for ch in v if ch not in ZW)
    return v.translate(FW_BACK)


def check_value(t, v):
    if t == "CREDIT_CARD":
        d = re.sub(r"\D", "", v)
        assert 12 <= len(d) <= 19 and luhn_ok(d), v
    elif t == "IBAN":
        assert iban_valid(v), v
    elif t == "IT_FISCAL_CODE":
        s = v.upper()
        assert re.fullmatch(r"[A-Z]{6}[0-9LMNPQRSTUV]{2}[ABCDEHLMPRST][0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{3}[A-Z]", s), v
        assert cf_char(s[:15]) == s[15], v
    elif t == "IT_VAT":
        assert re.fullmatch(r"\d{11}", v) and piva_digit(v[:10]) == v[10], v
    elif t == "US_SSN":
        a, g, s = re.sub(r"\D", "", v)[:3], re.sub(r"\D", "", v)[3:5], re.sub(r"\D", "", v)[5:]
        assert len(a + g + s) == 9 and a not in ("000", "666") and int(a) < 900 and g != "00" and s != "0000", v
    elif t == "GITHUB_TOKEN":
        if v.startswith("github_pat_"):
            assert len(v) == 93, v
        else:
            assert v[:4] in GH_PFX and base62(zlib.crc32(v[4:34].encode())) == v[34:] and len(v) == 40, v
    elif t == "JWT":
        h = v.split(".")[0]
        assert "alg" in json.loads(base64.urlsafe_b64decode(h + "=" * (-len(h) % 4))), v
    elif t == "AWS_ACCESS_KEY":
        assert re.fullmatch(r"(AKIA|ASIA)[A-Z2-7]{16}", v), v
    elif t == "AWS_SECRET_KEY":
        assert re.fullmatch(r"[A-Za-z0-9/+]{40}", v), v
    elif t == "GOOGLE_API_KEY":
        assert re.fullmatch(r"AIza[A-Za-z0-9_-]{35}", v), v
    elif t == "OPENAI_KEY":
        assert v.startswith("sk-") and "T3BlbkFJ" in v, v
    elif t == "ANTHROPIC_KEY":
        assert v.startswith("sk-ant-") and v.endswith("AA"), v
    elif t == "PRIVATE_KEY":
        assert v.startswith("-----BEGIN ") and v.endswith("-----") and "PRIVATE KEY" in v, v
    elif t == "CREDENTIAL_URL":
        assert re.fullmatch(r"[a-z+]+://[^\s/@]*:[^\s/@]+@\S+", v), v
    elif t == "CONFIDENTIAL_MARKER":
        assert v.upper() in MARKERS, v


def self_check(case):
    raw = case["text"].encode("utf-8")
    tags = case["tags"]
    assert ("negative" in tags) == (not case["findings"]), case["id"]
    for f in case["findings"]:
        assert raw[f["start"]:f["end"]].decode("utf-8") == f["value"], (case["id"], f)
        assert case["text"].encode("utf-8")[:f["start"]].decode("utf-8") is not None
        plain = f["_plain"]
        if "evasion:base64" in tags:
            dec = base64.b64decode(f["value"] + "=" * (-len(f["value"]) % 4))
            assert plain.encode() in dec, (case["id"], f)
        else:
            assert plain_of(f, tags) == plain, (case["id"], f, plain)
        check_value(f["type"], plain)
    ev = [t for t in tags if t.startswith("evasion:")]
    assert len(ev) <= 1


def main():
    if len(sys.argv) != 4:
        sys.exit("usage: gen.py SEED N OUT.jsonl")
    seed, n, out = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
    g = Gen(seed, n)
    with open(out, "w", encoding="utf-8") as fh:
        for i in range(n):
            case = g.case(i, seed)
            self_check(case)
            for f in case["findings"]:
                del f["_plain"]
            fh.write(json.dumps(case, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
