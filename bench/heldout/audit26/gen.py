#!/usr/bin/env python3
"""audit26 held-out generator: e-commerce, retail and customer support (precision under many numbers).

  gen.py SEED N OUT.jsonl

Deterministic per seed, standard library only, every value fabricated at run time.  Value fabricators
with checksums come from ../audit16/values.py (loaded with importlib).  Each case is self-checked:
span bytes == value, every labelled value passes its format/checksum (after undoing the evasion), and
the text with the labelled spans blanked contains no other valid value of a labelled type (retry
otherwise).  Deliberate exceptions (IMEIs, which are Luhn-valid by construction, and the judgement
cases) are recorded in the case's "meta".
"""
import importlib.util, json, os, re, sys, unicodedata, random

_here = os.path.dirname(os.path.abspath(__file__))
_spec = importlib.util.spec_from_file_location("values26", os.path.join(_here, "..", "audit16", "values.py"))
V = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(V)

DG, UP, LO, AN = V.DG, V.UP, V.LO, V.AN
rs = V.rs


# ------------------------------------------------------------------ document builder
class Doc:
    def __init__(self):
        self.parts = []

    def t(self, s):
        self.parts.append((None, s))
        return self

    def f(self, typ, val):
        self.parts.append((typ, val))
        return self

    def build(self):
        text, fs, pos = [], [], 0
        for typ, s in self.parts:
            b = s.encode("utf-8")
            if typ:
                fs.append({"type": typ, "start": pos, "end": pos + len(b), "value": s})
            text.append(s)
            pos += len(b)
        return "".join(text), fs


# ------------------------------------------------------------------ number fabricators (distractors)
def gs1_check(d):
    s = sum(int(c) * (3 if i % 2 == 0 else 1) for i, c in enumerate(reversed(d)))
    return str((10 - s % 10) % 10)


def ean13(r, prefix=None):
    p = prefix or r.choice(["80", "80", "83", "40", "42", "50", "30", "84", "87", "76", "54"])
    d = p + rs(r, DG, 12 - len(p))
    return d + gs1_check(d)


def upc12(r):
    d = r.choice("0136") + rs(r, DG, 10)
    return d + gs1_check(d)


def isbn13(r):
    d = r.choice(["978", "979"]) + r.choice(["88", "1", "0", "3"]) + rs(r, DG, 20)
    d = d[:12]
    return d + gs1_check(d)


def isbn13_fmt(r, d):
    return "%s-%s-%s-%s-%s" % (d[:3], d[3:5], d[5:9], d[9:12], d[12]) if r.random() < 0.5 else d


def sscc(r):
    d = r.choice("0123") + "80" + rs(r, DG, 14)
    return d + gs1_check(d)


def asin(r):
    return "B0" + rs(r, UP + DG, 8)


def sku(r):
    k = r.randrange(5)
    if k == 0:
        return "%s-%s-%s-%04d" % (r.choice(["TSH", "FEL", "SCA", "BOR", "GIA", "CAP"]), r.choice(["BLU", "NER", "ROS", "BIA", "VER"]),
                                  r.choice(["XS", "S", "M", "L", "XL", "42", "44"]), r.randint(1, 9999))
    if k == 1:
        return "%06d-%02d" % (r.randint(100000, 999999), r.randint(1, 99))
    if k == 2:
        return "SKU%07d" % r.randint(1, 9999999)
    if k == 3:
        return "%s%d-%s" % (rs(r, UP, 2), r.randint(100, 999), rs(r, UP + DG, 3))
    return "ART.%05d/%s" % (r.randint(1, 99999), r.choice("ABCDE"))


def amazon_oid(r):
    return "%d%02d-%07d-%07d" % (r.randint(1, 4), r.randint(0, 99), r.randint(0, 9999999), r.randint(0, 9999999))


def ebay_oid(r):
    return "%02d-%05d-%05d" % (r.randint(1, 27), r.randint(0, 99999), r.randint(0, 99999))


def shop_oid(r):
    k = r.randrange(4)
    if k == 0:
        return "#%d" % r.randint(1001, 99999)
    if k == 1:
        return "ORD-%d-%06d" % (r.randint(2023, 2026), r.randint(1, 999999))
    if k == 2:
        return "WC-%d" % r.randint(10000, 999999)
    return "%d" % r.randint(100000000, 999999999)


def dhl10(r):
    return r.choice("1245678") + rs(r, DG, 9)


def dhl_jjd(r):
    return "JJD" + "00" + rs(r, DG, 16)


def ups(r):
    return "1Z" + rs(r, UP + DG, 6) + r.choice(["03", "01", "02", "42"]) + rs(r, DG, 8)


def fedex(r):
    return r.choice("4567") + rs(r, DG, 11)


def brt(r):
    return "0" + r.choice("5678") + rs(r, DG, 13)


def gls(r):
    return r.choice(["", "", "M"]) + r.choice("5678") + rs(r, DG, 10)


def s10(r, svc=None):
    svc = svc or r.choice(["RR", "RA", "CP", "RB", "LX", "UA"])
    d = rs(r, DG, 8)
    w = [8, 6, 4, 2, 3, 5, 9, 7]
    c = 11 - sum(int(a) * b for a, b in zip(d, w)) % 11
    c = 0 if c == 10 else 5 if c == 11 else c
    return "%s%s%d%s" % (svc, d, c, r.choice(["IT", "IT", "DE", "GB"]))


def tracking(r, courier=None):
    courier = courier or r.choice(["DHL", "DHL", "UPS", "FedEx", "BRT", "GLS", "Poste", "SDA"])
    v = {"DHL": lambda: dhl10(r) if r.random() < 0.7 else dhl_jjd(r), "UPS": lambda: ups(r), "FedEx": lambda: fedex(r),
         "BRT": lambda: brt(r), "GLS": lambda: gls(r), "Poste": lambda: s10(r), "SDA": lambda: s10(r, "UA")}[courier]()
    return courier, v


def imei(r):
    tac = r.choice(["35", "35", "35", "86", "01"]) + rs(r, DG, 6)
    return V.luhn_complete(tac + rs(r, DG, 6))


def masked_card(r):
    last = rs(r, DG, 4)
    k = r.randrange(7)
    return ["**** **** **** %s" % last, "XXXX-XXXX-XXXX-%s" % last, "%s ending %s" % (r.choice(["Visa", "Mastercard", "Amex"]), last),
            "%s******%s" % (r.choice(["4", "5"]) + rs(r, DG, 5), last), "•••• %s" % last, "carta **%s" % last,
            "%s %s** **** %s" % (r.choice(["4", "5"]) + rs(r, DG, 3), rs(r, DG, 2), last)][k]


def psp16(r):
    return r.choice(["88", "85", "86"]) + rs(r, DG, 14)


def paypal_tx(r):
    return rs(r, UP + DG, 17)


def stripe_id(r, kind=None):
    kind = kind or r.choice(["ch", "pi", "re", "cus", "txn", "evt", "in", "cs_live", "po", "seti"])
    n = 14 if kind == "cus" else 24
    return "%s_%s" % (kind, ("3" + rs(r, AN, n - 1)) if kind in ("ch", "pi", "re", "txn", "seti") else rs(r, AN, n))


def giftcard(r):
    k = r.randrange(4)
    if k == 0:
        return r.choice(["7", "9"]) + rs(r, DG, 18)
    if k == 1:
        return "6" + r.choice(["006", "036", "050"]) + rs(r, DG, 15)
    if k == 2:
        return "9" + rs(r, DG, 15)
    return "7" + rs(r, DG, 15)


def fmt_digits(r, d, style=None):
    style = style or r.choice(["compact", "compact", "space4"])
    if style == "space4":
        return " ".join(d[i:i + 4] for i in range(0, len(d), 4))
    return d


def coupon(r):
    return r.choice(["WELCOME", "SALDI", "BLACKFRIDAY", "SPRING", "FREESHIP", "VIP", "NATALE", "SUMMER", "BACK2SCHOOL"]) + \
        r.choice(["", "-", "_"]) + r.choice([str(r.randint(5, 50)), rs(r, UP + DG, 5), str(r.randint(2024, 2026))])


def amount(r, lang):
    x = r.randint(199, 189999) / 100.0
    if lang == "it":
        s = "{:,.2f}".format(x).replace(",", "X").replace(".", ",").replace("X", ".")
        return r.choice(["€ %s", "%s €", "EUR %s"]) % s
    return r.choice(["€%.2f", "EUR %.2f", "$%.2f", "£%.2f"]) % x


def date(r, lang):
    y, m, d = r.randint(2023, 2026), r.randint(1, 12), r.randint(1, 28)
    return r.choice(["%04d-%02d-%02d" % (y, m, d), ("%02d/%02d/%04d" % (d, m, y)) if lang == "it" else "%02d/%02d/%04d" % (m, d, y)])


def tstamp(r):
    return "%04d-%02d-%02d %02d:%02d:%02d" % (r.randint(2024, 2026), r.randint(1, 12), r.randint(1, 28), r.randint(0, 23),
                                            r.randint(0, 59), r.randint(0, 59))


def cap(r):
    return "%05d" % r.choice([20121, 20144, 10128, 40126, 50123, 80133, 16121, 30121, 37121, 90133, 43121, 35122, 25121, 24121])


CITIES = ["Milano", "Torino", "Bologna", "Firenze", "Napoli", "Genova", "Venezia", "Verona", "Palermo", "Parma", "Padova", "Brescia"]
STREETS = ["Via Roma", "Corso Vittorio Emanuele", "Via Garibaldi", "Viale Monza", "Via Dante", "Piazza Cavour", "Via Mazzini",
           "Via dei Mille", "Strada Nuova", "Via XX Settembre"]
PRODUCTS = [("T-shirt cotone bio", "Organic cotton T-shirt"), ("Felpa con cappuccio", "Hoodie"), ("Scarpe running", "Running shoes"),
            ("Cover iPhone 15", "iPhone 15 case"), ("Caricatore USB-C 65W", "USB-C charger 65W"), ("Tazza in ceramica", "Ceramic mug"),
            ("Zaino 30L", "Backpack 30L"), ("Cuffie Bluetooth", "Bluetooth headphones"), ("Lampada da tavolo", "Desk lamp"),
            ("Olio EVO 1L", "Extra virgin olive oil 1L"), ("Smartphone Galaxy A55", "Galaxy A55 smartphone"), ("Libro di cucina", "Cookbook")]
SHOPS = ["Bottega Lariana", "ModaVerde", "TechPoint Store", "Casa&Cucina", "RunLab", "Libreria Portici", "ElettroDirect", "Sapori di Puglia"]
SHOP_DOMAINS = ["bottegalariana.it", "modaverde-shop.it", "techpoint-store.com", "casaecucina.it", "runlab.eu", "libreriaportici.it",
                "elettrodirect.it", "saporidipuglia.shop"]


def address(r):
    return "%s %d, %s %s" % (r.choice(STREETS), r.randint(1, 180), cap(r), r.choice(CITIES))


def product(r, lang):
    p = r.choice(PRODUCTS)
    return p[0] if lang == "it" else p[1]


def name(r):
    f, l = V.person(r)
    return "%s %s" % (f, l)


def L(lang, it, en):
    return it if lang == "it" else en


# ------------------------------------------------------------------ distractor lines
def dline(r, lang):
    """one line dense with numbers that are NOT sensitive"""
    k = r.randrange(24)
    if k == 0:
        return L(lang, "Ordine Amazon %s del %s", "Amazon order %s placed %s") % (amazon_oid(r), date(r, lang))
    if k == 1:
        return L(lang, "Ordine eBay %s — oggetto %d", "eBay order %s — item %d") % (ebay_oid(r), r.randint(10 ** 11, 10 ** 12 - 1))
    if k == 2:
        c, t = tracking(r)
        return L(lang, "Spedizione %s, tracking %s, peso %.1f kg", "Shipped with %s, tracking %s, weight %.1f kg") % (c, t, r.randint(2, 250) / 10)
    if k == 3:
        return "EAN %s · SKU %s · %s × %d" % (ean13(r), sku(r), amount(r, lang), r.randint(1, 6))
    if k == 4:
        return "ASIN %s — %s — UPC %s" % (asin(r), product(r, lang), upc12(r))
    if k == 5:
        return "ISBN %s, %s" % (isbn13_fmt(r, isbn13(r)), amount(r, lang))
    if k == 6:
        return L(lang, "Pagato con %s, riferimento PSP %s", "Paid with %s, PSP reference %s") % (masked_card(r), psp16(r))
    if k == 7:
        return L(lang, "ID transazione PayPal %s (%s)", "PayPal transaction ID %s (%s)") % (paypal_tx(r), amount(r, lang))
    if k == 8:
        return "Stripe %s / %s" % (stripe_id(r, "pi"), stripe_id(r, "ch"))
    if k == 9:
        return L(lang, "Codice sconto %s applicato: -%d%%", "Coupon %s applied: -%d%%") % (coupon(r), r.choice([5, 10, 15, 20, 30]))
    if k == 10:
        return "POS TID %08d STAN %06d RRN %012d AUTH %s" % (r.randint(10 ** 7, 10 ** 8 - 1), r.randint(1, 999999),
                                                          r.randint(10 ** 11, 10 ** 12 - 1), rs(r, UP + DG, 6))
    if k == 11:
        return "SSCC (00)%s, %d %s" % (sscc(r), r.randint(1, 40), L(lang, "colli", "parcels"))
    if k == 12:
        return L(lang, "Reso RMA-%d-%05d, rimborso %s", "Return RMA-%d-%05d, refund %s") % (r.randint(2024, 2026), r.randint(1, 99999), amount(r, lang))
    if k == 13:
        return L(lang, "Ubicazione %s-%02d-%02d, qty %d, lotto L%s", "Bin %s-%02d-%02d, qty %d, lot L%s") % (
            r.choice("ABCDEFG"), r.randint(1, 40), r.randint(1, 9), r.randint(1, 120), rs(r, DG, 6))
    if k == 14:
        return L(lang, "Fattura n. %d/%d del %s, imponibile %s, IVA 22%%", "Invoice no. %d/%d dated %s, net %s, VAT 22%%") % (
            r.randint(1, 9999), r.randint(2023, 2026), date(r, lang), amount(r, lang))
    if k == 15:
        return L(lang, "Scontrino n. %04d-%04d, cassa %02d, %s", "Receipt %04d-%04d, till %02d, %s") % (
            r.randint(1, 9999), r.randint(1, 9999), r.randint(1, 12), tstamp(r))
    if k == 16:
        return L(lang, "Gift card %s (PIN %s), saldo %s", "Gift card %s (PIN %s), balance %s") % (fmt_digits(r, giftcard(r)), rs(r, DG, r.choice([4, 6, 8])), amount(r, lang))
    if k == 17:
        return L(lang, "Carta fedeltà %s, punti %d", "Loyalty card %s, points %d") % (ean13(r, "2"), r.randint(0, 25000))
    if k == 18:
        return L(lang, "Consegna: %s", "Deliver to: %s") % address(r)
    if k == 19:
        return L(lang, "CRO %s, valuta %s", "Bank ref (CRO) %s, value date %s") % (rs(r, DG, 11), date(r, lang))
    if k == 20:
        return "%s %s" % (r.choice(["Stripe", "Event"]), stripe_id(r))
    if k == 21:
        return L(lang, "Dimensioni %dx%dx%d cm, volume %.3f m³", "Size %dx%dx%d cm, volume %.3f m³") % (
            r.randint(10, 120), r.randint(10, 80), r.randint(5, 60), r.randint(1, 999) / 1000)
    if k == 22:
        return L(lang, "Fattura elettronica SDI id %d, codice destinatario %s", "E-invoice SDI id %d, recipient code %s") % (
            r.randint(10 ** 9, 10 ** 10 - 1), rs(r, UP + DG, 7))
    return L(lang, "Ticket #%d aperto il %s, priorità %s", "Ticket #%d opened %s, priority %s") % (
        r.randint(10000, 999999), tstamp(r), r.choice(["P1", "P2", "P3"]))


def dlines(r, lang, n):
    return "\n".join(dline(r, lang) for _ in range(n))


# ------------------------------------------------------------------ sensitive values
def s_email(r, first=None, last=None):
    return V.email_make(r, first, last)


PHONE_CUES = {
    "it": ["vuole essere avvisato al ", "mi chiami pure al ", "recapito: ", "cell. ", "cellulare ", "WhatsApp ", "mi trovate al ",
           "avvisare per SMS al ", "tel. ", "numero da richiamare: "],
    "en": ["wants a call on ", "you can call me on ", "mobile: ", "cell ", "reach me at ", "WhatsApp ", "text me at ",
           "tel. ", "callback number: ", "phone "],
}


def phone_cue(r, lang):
    return r.choice(PHONE_CUES[lang])


def s_phone(r, lang):
    return V.phone_make(r, r.choice(["it_mob", "it_mob", "it_land"]) if lang == "it" else None)


def s_iban(r, lang):
    c = r.choice(["IT", "IT", "IT", "DE", "FR", "ES", "NL", "BE", "AT"]) if lang == "it" else r.choice(["IT", "DE", "GB", "FR", "NL", "IE", "ES"])
    return V.iban_format(r, V.iban_make(r, c), r.choice(["space", "compact", "compact"]))


def s_card(r):
    b = r.choice(["visa", "visa", "mc", "mc2", "amex", "discover", "jcb"])
    return V.card_format(r, V.card_digits(r, b), b)


def s_cred_url(r):
    return "%s://%s:%s@%s/%s" % (r.choice(["mysql", "postgres", "postgresql", "redis"]), r.choice(["shop", "woo", "magento", "admin"]),
                                 rs(r, AN, r.randint(10, 18)), r.choice(["db.shop-internal.lan:3306", "10.0.4.12:5432", "cache01:6379"]), r.choice(["shop", "woocommerce", "orders"]))


# ------------------------------------------------------------------ validity checks (normalised)
def unescape_json_u(s):
    return re.sub(r"\\u([0-9a-fA-F]{4})", lambda m: chr(int(m.group(1), 16)), s)


def norm(s):
    return V.nfkc_strip(unescape_json_u(s))


PHONE_CHECKS = [
    re.compile(r"(?<![\w+])(?:\+|00)\d{1,3}[\s().-]{0,3}\d[\d\s().-]{6,16}\d"),
    re.compile(r"(?<![\w.,/-])(?:39)?3\d{2}[ .-]?\d{3}[ .-]?\d{3,4}(?![\w])"),
    re.compile(r"(?<![\w.,/-])0\d{1,3}[ /.-]\d{5,8}(?![\w.,/-])"),
    re.compile(r"(?<![\w.,/-])0\d{8,10}(?![\w.,/-])"),
    re.compile(r"(?<![\w.-])(?:\(\d{3}\)\s?|\d{3}[-.])\d{3}[-.]\d{4}(?![\w])"),
]
SECRET_CHECK = re.compile(r"(sk|rk)_live_|AKIA|ASIA[A-Z0-9]{16}|AIza|gh[pousr]_|github_pat_|glpat-|xox[bpae]|hooks\.slack|-----BEGIN|eyJ|[a-z]+://[^/\s:@]+:[^@\s]+@|sk-|password\s*[:=]", re.I)


def card_violations(t):
    out = []
    for m in re.finditer(r"(?<![A-Za-z0-9])\d+(?:[ -]\d+)*(?![A-Za-z0-9])", t):
        groups = re.split(r"[ -]", m.group())
        for i in range(len(groups)):
            tot = ""
            for j in range(i, len(groups)):
                tot += groups[j]
                if len(tot) > 19:
                    break
                if len(tot) >= 13 and V.luhn_sum_ok(tot):
                    out.append(" ".join(groups[i:j + 1]))
    return out


def iban_violations(t):
    out = []
    u = t.upper()
    for m in re.finditer(r"(?<![A-Z0-9])([A-Z]{2})\d{2}", u):
        c = m.group(1)
        if c not in V.IBAN_LEN:
            continue
        n = V.IBAN_LEN[c]
        tail = u[m.start():m.start() + n + n // 4 + 2]
        comp = ""
        for ch in tail:
            if ch == " ":
                continue
            if not ch.isalnum():
                break
            comp += ch
            if len(comp) == n:
                break
        if len(comp) == n and V.iban_ok(comp):
            out.append(comp)
    return out


def validity_violations(text):
    t = norm(text)
    v = []
    v += [("CREDIT_CARD", x) for x in card_violations(t)]
    v += [("IBAN", x) for x in iban_violations(t)]
    v += [("IT_VAT", m.group()) for m in re.finditer(r"(?<!\d)\d{11}(?!\d)", t) if V.piva_ok(m.group())]
    v += [("IT_FISCAL_CODE", m.group()) for m in re.finditer(r"(?i)(?<![A-Z0-9])[A-Z0-9]{16}(?![A-Z0-9])", t) if V.cf_ok(m.group())]
    v += [("EMAIL", m.group()) for m in V.EMAIL_RE.finditer(t)]
    v += [("IP_ADDRESS", m.group()) for m in V.IPV4_RE.finditer(t) if V.ipv4_ok(m.group())]
    v += [("US_SSN", m.group()) for m in re.finditer(r"(?<![\d-])\d{3}-\d{2}-\d{4}(?![\d-])", t) if V.ssn_ok(m.group())]
    for rx in PHONE_CHECKS:
        v += [("PHONE", m.group()) for m in rx.finditer(t)]
    v += [("SECRET", m.group()) for m in SECRET_CHECK.finditer(t)]
    return v


def value_ok(typ, val):
    s = norm(val)
    if typ == "CREDIT_CARD":
        return V.card_ok(s)
    if typ == "IBAN":
        return V.iban_ok(s)
    if typ == "IT_VAT":
        return V.piva_ok(s)
    if typ == "IT_FISCAL_CODE":
        return V.cf_ok(s)
    if typ == "EMAIL":
        return bool(V.EMAIL_RE.fullmatch(s))
    if typ == "PHONE":
        return bool(re.fullmatch(r"[+(]?[\d\s().+/-]+", s)) and 8 <= len(re.sub(r"\D", "", s)) <= 15
    if typ == "IP_ADDRESS":
        return V.ipv4_ok(s)
    if typ == "STRIPE_KEY":
        return bool(re.fullmatch(r"(sk|rk)_live_[A-Za-z0-9]{24,}", s))
    if typ == "GOOGLE_API_KEY":
        return bool(re.fullmatch(r"AIza[A-Za-z0-9_-]{35}", s))
    if typ == "SLACK_WEBHOOK":
        return s.startswith("https://hooks.slack.com/services/T")
    if typ == "JWT":
        return V.jwt_ok(s)
    if typ == "CREDENTIAL_URL":
        return bool(re.fullmatch(r"[a-z]+://[^:/@\s]+:[^@\s]+@\S+", s))
    if typ == "PASSWORD":
        return len(s) >= 8
    if typ == "AWS_ACCESS_KEY":
        return bool(re.fullmatch(r"A[KS]IA[A-Z2-7]{16}", s))
    if typ == "AWS_SECRET_KEY":
        return len(s) == 40
    return False


# ------------------------------------------------------------------ evasions
FW = {c: chr(ord(c) + 0xFEE0) for c in DG + "@"}
ZW = ["\u200b", "\u200c", "\u200d", "\u2060"]


def evade(r, typ, val, kind):
    if kind == "fullwidth":
        if typ == "EMAIL":
            return val.replace("@", "＠")
        return "".join(FW.get(c, c) for c in val)
    if kind == "zero-width":
        i = r.randrange(2, len(val) - 2)
        while not val[i].isalnum() or not val[i - 1].isalnum():
            i = r.randrange(2, len(val) - 2)
        return val[:i] + r.choice(ZW) + val[i:]
    if kind == "json-escape":
        if typ == "EMAIL":
            return val.replace("@", "\\u0040")
        idx = [i for i, c in enumerate(val) if c.isdigit()]
        pick = set(r.sample(idx, min(len(idx), r.randint(2, 4))))
        return "".join("\\u%04x" % ord(c) if i in pick else c for i, c in enumerate(val))
    raise ValueError(kind)


# ------------------------------------------------------------------ templates
# each template: (r, lang, pos, ev) -> Doc ; pos=False must emit no finding.
# ev: None or (kind) — the template routes one EMAIL/CARD/PHONE/IBAN value through evade().

class Ctx:
    def __init__(self, r, lang, pos, ev):
        self.r, self.lang, self.pos, self.ev = r, lang, pos, ev
        self.ev_used = False
        self.meta = {}

    def val(self, d, typ, v):
        if self.ev and not self.ev_used and typ in ("EMAIL", "CREDIT_CARD", "PHONE", "IBAN"):
            v = evade(self.r, typ, v, self.ev)
            self.ev_used = True
        d.f(typ, v)


def t_order_export(c):
    r, lang = c.r, c.lang
    d = Doc()
    d.t(L(lang, "Ecco l'export ordini di ieri, mi fai un riepilogo per corriere?\n", "Here is yesterday's order export, can you summarise it by courier?\n"))
    cols = ["order_id", "date", "sku", "ean", "qty", "total", "courier", "tracking"]
    with_mail = c.pos and r.random() < 0.6
    with_phone = c.pos and (not with_mail or r.random() < 0.4)
    if with_mail:
        cols.append("email")
    if with_phone:
        cols.append("phone")
    sep = r.choice([";", ",", "\t"])
    d.t(sep.join(cols) + "\n")
    nrows = r.randint(3, 6)
    labelled_rows = set(r.sample(range(nrows), r.randint(1, min(3, nrows)))) if c.pos else set()
    for i in range(nrows):
        cour, tr = tracking(r)
        oid = amazon_oid(r) if r.random() < 0.4 else shop_oid(r)
        row = [oid, date(r, "en"), sku(r), ean13(r), str(r.randint(1, 4)), amount(r, "en").replace(",", ""), cour, tr]
        d.t(sep.join(row))
        if with_mail:
            d.t(sep)
            if i in labelled_rows or not with_phone:
                c.val(d, "EMAIL", s_email(r))
            else:
                d.t("")
        if with_phone:
            d.t(sep)
            if i in labelled_rows:
                c.val(d, "PHONE", s_phone(r, lang))
            else:
                d.t("n/d")
        d.t("\n")
    return d


def t_order_detail(c):
    r, lang = c.r, c.lang
    d = Doc()
    nm = name(r)
    oid = r.choice([amazon_oid, shop_oid, ebay_oid])(r)
    d.t(L(lang, "Dettaglio ordine %s — %s\n", "Order details %s — %s\n") % (oid, date(r, lang)))
    d.t(L(lang, "Cliente: %s\n", "Customer: %s\n") % nm)
    if c.pos and r.random() < 0.7:
        d.t("Email: ")
        c.val(d, "EMAIL", s_email(r, *nm.split(" ", 1)))
        d.t("\n")
    d.t(L(lang, "Indirizzo di consegna: %s\n", "Shipping address: %s\n") % address(r))
    if c.pos and r.random() < 0.5:
        d.t(L(lang, "Tel. per il corriere: ", "Phone for courier: "))
        c.val(d, "PHONE", s_phone(r, lang))
        d.t("\n")
    for _ in range(r.randint(1, 3)):
        d.t("- %s, EAN %s, SKU %s, %s\n" % (product(r, lang), ean13(r), sku(r), amount(r, lang)))
    d.t(L(lang, "Pagamento: %s, rif. %s\n", "Payment: %s, ref. %s\n") % (masked_card(r), r.choice([psp16(r), paypal_tx(r), stripe_id(r, "pi")])))
    cour, tr = tracking(r)
    d.t(L(lang, "Spedito con %s, tracking %s\n", "Shipped via %s, tracking %s\n") % (cour, tr))
    if c.pos and (not d.parts or not any(p[0] for p in d.parts) or r.random() < 0.25):
        d.t(L(lang, "Nota del cliente: \"ho sbagliato, la carta giusta è ", "Customer note: \"wrong card, please charge "))
        c.val(d, "CREDIT_CARD", s_card(r))
        d.t(L(lang, " scad. %02d/%02d\"\n", " exp %02d/%02d\"\n") % (r.randint(1, 12), r.randint(26, 31)))
    d.t(L(lang, "Scrivi una risposta gentile per il ritardo.", "Draft a polite reply about the delay."))
    return d


def t_invoice_it(c):
    r = c.r
    lang = c.lang
    d = Doc()
    shop = r.choice(SHOPS)
    d.t(L(lang, "Controlla questa fattura prima che la mandi:\n", "Please check this invoice before I send it:\n"))
    d.t("FATTURA N. %d/%d del %s\n" % (r.randint(1, 9999), r.randint(2024, 2026), date(r, "it")))
    d.t("Cedente: %s S.r.l., %s" % (shop, address(r)))
    if c.pos and r.random() < 0.8:
        d.t(" — P.IVA ")
        d.f("IT_VAT", V.piva_make(r))
    d.t("\nREA MI-%07d — Cap. soc. € 10.000 i.v.\n" % r.randint(1, 9999999))
    d.t("Cessionario: %s, %s" % (name(r), address(r)))
    if c.pos and r.random() < 0.6:
        d.t(" — C.F. ")
        d.f("IT_FISCAL_CODE", V.cf_make(r, omocodia=r.choice([0, 0, 0, 1])))
    d.t("\n")
    for i in range(r.randint(2, 5)):
        d.t("%d) %s — cod. %s — EAN %s — qtà %d — %s\n" % (i + 1, product(r, "it"), sku(r), ean13(r), r.randint(1, 5), amount(r, "it")))
    d.t("Imponibile %s — IVA 22%% — Totale %s\n" % (amount(r, "it"), amount(r, "it")))
    d.t("Rif. ordine %s, DDT n. %d del %s\n" % (shop_oid(r), r.randint(1, 999), date(r, "it")))
    if c.pos and (r.random() < 0.5 or not any(p[0] for p in d.parts)):
        d.t("Pagamento: bonifico su IBAN ")
        c.val(d, "IBAN", s_iban(r, "it"))
        d.t("\n")
    else:
        d.t("Pagamento: %s, %s\n" % (r.choice(["carta di credito", "PayPal", "contrassegno"]), masked_card(r)))
    d.t("Codice destinatario SDI %s" % rs(r, UP + DG, 7))
    return d


def t_receipt_pos(c):
    r, lang = c.r, c.lang
    d = Doc()
    d.t(L(lang, "Il POS ha stampato questo, la transazione è andata a buon fine?\n", "The terminal printed this, did the transaction go through?\n"))
    d.t("%s\n%s\n" % (r.choice(SHOPS).upper(), address(r)))
    d.t("TERMINALE %08d  ESERCENTE %09d\n" % (r.randint(10 ** 7, 10 ** 8 - 1), r.randint(10 ** 8, 10 ** 9 - 1)))
    d.t("%s  STAN %06d  OP. %04d\n" % (tstamp(r), r.randint(1, 999999), r.randint(1, 9999)))
    d.t("%s  %s\n" % (r.choice(["VISA", "MASTERCARD", "MAESTRO", "PAGOBANCOMAT", "AMEX"]), masked_card(r)))
    d.t("AID A0000000%s  AUTH %s  RRN %012d\n" % (rs(r, DG, 6), rs(r, UP + DG, 6), r.randint(10 ** 11, 10 ** 12 - 1)))
    for _ in range(r.randint(2, 5)):
        d.t("%s  %s x%d  %s\n" % (ean13(r), product(r, "it")[:18], r.randint(1, 3), amount(r, "it")))
    d.t("IMPORTO %s  ESITO: %s\n" % (amount(r, "it"), r.choice(["APPROVATA", "RIFIUTATA 05", "APPROVATA"])))
    if c.pos:
        k = r.randrange(3)
        if k == 0:
            d.t("DEBUG pan=")
            c.val(d, "CREDIT_CARD", re.sub(r"\D", "", s_card(r)))
            d.t(" exp=%02d%02d\n" % (r.randint(26, 31), r.randint(1, 12)))
        elif k == 1:
            d.t("host %s:%d timeout after 30s (gateway ip " % (r.choice(["pos-gw.nexi.local", "acq.gateway"]), r.choice([443, 8443])))
            d.f("IP_ADDRESS", V.ipv4_make(r))
            d.t(")\n")
        else:
            d.t(L(lang, "Ricevuta via email a ", "Receipt e-mailed to "))
            c.val(d, "EMAIL", s_email(r))
            d.t("\n")
    d.t(dline(r, lang))
    return d


def t_shipping(c):
    r, lang = c.r, c.lang
    d = Doc()
    cour, tr = tracking(r)
    if r.random() < 0.5:
        d.t(L(lang, "Notifica %s: il pacco %s è in consegna oggi.\n", "%s notification: parcel %s is out for delivery today.\n") % (cour, tr))
    else:
        d.t(L(lang, "Etichetta di spedizione %s\nLDV %s\n", "%s shipping label\nAWB %s\n") % (cour, tr))
    d.t(L(lang, "Mittente: %s, %s\n", "Sender: %s, %s\n") % (r.choice(SHOPS), address(r)))
    d.t(L(lang, "Destinatario: %s, %s\n", "Recipient: %s, %s\n") % (name(r), address(r)))
    if c.pos:
        if r.random() < 0.7:
            d.t(L(lang, "Tel. destinatario: ", "Recipient phone: "))
            c.val(d, "PHONE", s_phone(r, lang))
            d.t("\n")
        if r.random() < 0.5 or not any(p[0] for p in d.parts):
            d.t(L(lang, "Avviso consegna a: ", "Delivery notice to: "))
            c.val(d, "EMAIL", s_email(r))
            d.t("\n")
    d.t(L(lang, "Colli %d, peso %.1f kg, rif. ordine %s, SSCC %s\n", "Parcels %d, weight %.1f kg, order ref %s, SSCC %s\n") % (
        r.randint(1, 4), r.randint(3, 300) / 10, shop_oid(r), sscc(r)))
    if r.random() < 0.5:
        c2, t2 = tracking(r)
        d.t(L(lang, "Reso associato: %s %s\n", "Linked return: %s %s\n") % (c2, t2))
    d.t(L(lang, "Perché il tracking non si aggiorna da 3 giorni?", "Why hasn't tracking updated for 3 days?"))
    return d


def t_return_refund(c):
    r, lang = c.r, c.lang
    d = Doc()
    d.t(L(lang, "Richiesta di reso RMA-%d-%05d\n", "Return request RMA-%d-%05d\n") % (r.randint(2024, 2026), r.randint(1, 99999)))
    d.t(L(lang, "Ordine %s, articolo %s (EAN %s)\n", "Order %s, item %s (EAN %s)\n") % (r.choice([amazon_oid, shop_oid])(r), product(r, lang), ean13(r)))
    if r.random() < 0.5:
        d.t("IMEI %s\n" % imei(r))
        c.meta.setdefault("imei_present", True)
    d.t(L(lang, "Motivo: %s\n", "Reason: %s\n") % r.choice(L(lang, ["taglia errata", "difettoso", "non conforme", "arrivato danneggiato"],
                                                              ["wrong size", "defective", "not as described", "arrived damaged"])))
    cour, tr = tracking(r)
    d.t(L(lang, "Reso spedito con %s, %s. Rimborso %s.\n", "Returned via %s, %s. Refund %s.\n") % (cour, tr, amount(r, lang)))
    if c.pos:
        if r.random() < 0.75:
            d.t(L(lang, "Il cliente chiede il rimborso sull'IBAN ", "Customer asks for the refund to IBAN "))
            c.val(d, "IBAN", s_iban(r, lang))
            d.t(L(lang, " intestato a %s.\n", " in the name of %s.\n") % name(r))
        if r.random() < 0.5 or not any(p[0] for p in d.parts):
            d.t(L(lang, "Contatto: ", "Contact: "))
            c.val(d, "EMAIL", s_email(r))
            if r.random() < 0.4:
                d.t(", ")
                c.val(d, "PHONE", s_phone(r, lang))
            d.t("\n")
    else:
        d.t(L(lang, "Rimborso sul metodo di pagamento originale (%s).\n", "Refund to original payment method (%s).\n") % masked_card(r))
    d.t(L(lang, "Come rispondo?", "How should I answer?"))
    return d


def t_chat(c):
    r, lang = c.r, c.lang
    d = Doc()
    ag, cu = r.choice(["Giulia", "Marco", "Sara", "Luca"]), V.person(r)[0]
    d.t(L(lang, "Riassumi questa chat di assistenza:\n", "Summarise this support chat:\n"))
    oid = r.choice([amazon_oid, shop_oid])(r)
    cour, tr = tracking(r)
    d.t("[%s] %s: %s\n" % (tstamp(r)[11:16], cu, L(lang, "Ciao, il mio ordine %s non è arrivato" % oid, "Hi, my order %s hasn't arrived" % oid)))
    d.t("[%s] %s: %s\n" % (tstamp(r)[11:16], ag, L(lang, "Vedo che è partito con %s, tracking %s. Mi conferma l'indirizzo?" % (cour, tr),
                                                     "I see it left with %s, tracking %s. Can you confirm the address?" % (cour, tr))))
    d.t("[%s] %s: %s\n" % (tstamp(r)[11:16], cu, address(r)))
    if c.pos:
        k = r.randrange(4)
        d.t("[%s] %s: " % (tstamp(r)[11:16], cu))
        if k == 0:
            d.t(phone_cue(r, lang))
            c.val(d, "PHONE", s_phone(r, lang))
        elif k == 1:
            d.t(L(lang, "ho pagato con questa carta ", "I paid with this card "))
            c.val(d, "CREDIT_CARD", s_card(r))
            d.t(L(lang, ", può controllare?", ", can you check?"))
        elif k == 2:
            d.t(L(lang, "scrivetemi a ", "email me at "))
            c.val(d, "EMAIL", s_email(r))
        else:
            d.t(L(lang, "rimborsatemi su ", "refund me to "))
            c.val(d, "IBAN", s_iban(r, lang))
        d.t("\n")
    else:
        d.t("[%s] %s: %s\n" % (tstamp(r)[11:16], cu, L(lang, "ho pagato con la carta che finisce con %s" % rs(r, DG, 4),
                                                        "I paid with the card ending %s" % rs(r, DG, 4))))
    d.t("[%s] %s: %s\n" % (tstamp(r)[11:16], ag, L(lang, "Apro il ticket #%d e le mando un coupon %s." % (r.randint(10000, 999999), coupon(r)),
                                                     "I've opened ticket #%d and sent you coupon %s." % (r.randint(10000, 999999), coupon(r)))))
    d.t(dline(r, lang))
    return d


def t_email_thread(c):
    r, lang = c.r, c.lang
    d = Doc()
    nm = name(r)
    oid = r.choice([amazon_oid, shop_oid, ebay_oid])(r)
    d.t(L(lang, "Traduci in inglese questa email:\n", "Translate this email into Italian:\n"))
    if c.pos:
        d.t(L(lang, "Da: %s <" % nm, "From: %s <" % nm))
        c.val(d, "EMAIL", s_email(r, *nm.split(" ", 1)))
        d.t(">\n")
        d.t(L(lang, "A: Servizio clienti <", "To: Customer service <"))
        d.f("EMAIL", L(lang, "assistenza@", "support@") + r.choice(SHOP_DOMAINS))
        d.t(">\n")
    else:
        d.t(L(lang, "Da: %s\nA: Servizio clienti\n" % nm, "From: %s\nTo: Customer service\n" % nm))
    d.t(L(lang, "Oggetto: Ordine %s — pacco mai ricevuto\n\n", "Subject: Order %s — parcel never received\n\n") % oid)
    cour, tr = tracking(r)
    d.t(L(lang, "Buongiorno, il pacco %s %s risulta consegnato il %s ma non l'ho ricevuto. ",
          "Hello, parcel %s %s shows delivered on %s but I never got it. ") % (cour, tr, date(r, lang)))
    d.t(L(lang, "L'articolo era %s (ASIN %s), pagato %s.\n", "The item was %s (ASIN %s), paid %s.\n") % (product(r, lang), asin(r), amount(r, lang)))
    if c.pos and r.random() < 0.5:
        d.t(L(lang, "Potete richiamarmi al ", "Please call me back on "))
        c.val(d, "PHONE", s_phone(r, lang))
        d.t(".\n")
    d.t(dlines(r, lang, r.randint(1, 2)) + "\n")
    d.t(L(lang, "Cordiali saluti, %s", "Kind regards, %s") % nm)
    return d


def t_marketplace(c):
    r, lang = c.r, c.lang
    d = Doc()
    mk = r.choice(["Amazon", "eBay"])
    oid = amazon_oid(r) if mk == "Amazon" else ebay_oid(r)
    d.t(L(lang, "Messaggio dall'acquirente %s, ordine %s:\n", "Buyer message on %s, order %s:\n") % (mk, oid))
    d.t(L(lang, "\"Buongiorno, ho ordinato 2 pezzi di %s (%s %s) ma ne è arrivato uno. ",
          "\"Hi, I ordered 2 units of %s (%s %s) but only one arrived. ") % (product(r, lang), "ASIN" if mk == "Amazon" else "item",
                                                                              asin(r) if mk == "Amazon" else str(r.randint(10 ** 11, 10 ** 12 - 1))))
    if c.pos:
        if r.random() < 0.6:
            d.t(L(lang, "Scrivetemi direttamente a ", "Write to me directly at "))
            c.val(d, "EMAIL", s_email(r))
            d.t(". ")
        else:
            d.t(L(lang, "Il mio numero è ", "My number is "))
            c.val(d, "PHONE", s_phone(r, lang))
            d.t(". ")
    d.t("\"\n")
    d.t(L(lang, "Dati spedizione: %s %s, FBA shipment FBA%s\n", "Shipping: %s %s, FBA shipment FBA%s\n") % (tracking(r) + (rs(r, UP + DG, 9),)))
    d.t(dlines(r, lang, r.randint(1, 3)) + "\n")
    d.t(L(lang, "Rispondi rispettando le policy del marketplace.", "Reply within marketplace policy."))
    return d


def t_payment_notif(c):
    r, lang = c.r, c.lang
    d = Doc()
    psp = r.choice(["Stripe", "PayPal", "Nexi", "Adyen", "Satispay"])
    d.t(L(lang, "Ho ricevuto questa notifica da %s, cosa significa?\n", "Got this notification from %s, what does it mean?\n") % psp)
    if psp == "Stripe":
        d.t("payment_intent.succeeded %s\ncharge %s amount %d currency eur\ncustomer %s\n" % (
            stripe_id(r, "pi"), stripe_id(r, "ch"), r.randint(199, 99999), stripe_id(r, "cus")))
        d.t("payment_method card %s exp %02d/%d\n" % (masked_card(r), r.randint(1, 12), r.randint(2026, 2031)))
    elif psp == "PayPal":
        d.t("Transaction ID: %s\nInvoice ID: %s\nAmount: %s\n" % (paypal_tx(r), shop_oid(r), amount(r, lang)))
    elif psp == "Adyen":
        d.t("pspReference %s merchantReference %s eventCode AUTHORISATION success=true\n" % (psp16(r), shop_oid(r)))
        d.t("cardSummary %s\n" % rs(r, DG, 4))
    else:
        d.t("codTrans %s esito OK codAut %s importo %d divisa EUR\nmac %s\n" % (shop_oid(r).lstrip("#"), rs(r, UP + DG, 6), r.randint(100, 99999), V.hexs(r, 40)))
    if c.pos:
        k = r.randrange(5)
        if k == 0:
            d.t(L(lang, "Email pagatore: ", "Payer email: "))
            c.val(d, "EMAIL", s_email(r))
        elif k == 1:
            d.t(L(lang, "Per il webhook uso questa chiave: ", "For the webhook I use this key: "))
            d.f("STRIPE_KEY", V.stripe_key(r))
        elif k == 2:
            d.t("STRIPE_SECRET_KEY=")
            d.f("STRIPE_KEY", V.stripe_key(r))
        elif k == 3:
            d.t(L(lang, "IP cliente segnalato dal controllo antifrode: ", "Customer IP flagged by fraud check: "))
            d.f("IP_ADDRESS", V.ipv4_make(r, "pub"))
        else:
            d.t(L(lang, "Il cliente ha poi scritto la carta intera: ", "The customer then wrote the full card: "))
            c.val(d, "CREDIT_CARD", s_card(r))
        d.t("\n")
    d.t(dline(r, lang))
    return d


def t_gift_loyalty(c):
    r, lang = c.r, c.lang
    d = Doc()
    d.t(L(lang, "Report carte regalo e fedeltà emesse oggi:\n", "Gift and loyalty cards issued today:\n"))
    for _ in range(r.randint(2, 5)):
        if r.random() < 0.6:
            d.t(L(lang, "Gift card %s PIN %s valore %s scad. %s\n", "Gift card %s PIN %s value %s exp %s\n") % (
                fmt_digits(r, giftcard(r)), rs(r, DG, r.choice([4, 6, 8])), amount(r, lang), date(r, lang)))
        else:
            d.t(L(lang, "Carta fedeltà %s — %s — punti %d\n", "Loyalty card %s — %s — points %d\n") % (ean13(r, "2"), name(r), r.randint(0, 9999)))
    if c.pos:
        d.t(L(lang, "Intestataria della card premium: %s, ", "Premium card holder: %s, ") % name(r))
        c.val(d, "EMAIL", s_email(r))
        if r.random() < 0.5:
            d.t(", tel. ")
            c.val(d, "PHONE", s_phone(r, lang))
        d.t("\n")
    d.t(L(lang, "Quante carte superano i 50 euro?", "How many cards are above 50 euros?"))
    return d


def t_catalogue(c):
    r, lang = c.r, c.lang
    d = Doc()
    d.t(L(lang, "Scrivi le descrizioni prodotto per questo catalogo:\n", "Write product descriptions for this catalogue:\n"))
    d.t("sku|ean|upc|asin|isbn|price\n")
    for _ in range(r.randint(3, 7)):
        isb = isbn13_fmt(r, isbn13(r)) if r.random() < 0.3 else "-"
        d.t("%s|%s|%s|%s|%s|%s\n" % (sku(r), ean13(r), upc12(r) if r.random() < 0.5 else "-", asin(r), isb, amount(r, "en")))
    if c.pos:
        d.t(L(lang, "Referente fornitore: %s, " % name(r), "Supplier contact: %s, " % name(r)))
        if r.random() < 0.5:
            c.val(d, "EMAIL", s_email(r))
        else:
            c.val(d, "PHONE", s_phone(r, lang))
        if lang == "it" and r.random() < 0.5:
            d.t(", P.IVA fornitore ")
            d.f("IT_VAT", V.piva_make(r))
        d.t("\n")
    return d


def t_imei(c):
    r, lang = c.r, c.lang
    d = Doc()
    d.t(L(lang, "Elenco smartphone venduti questa settimana (per la garanzia):\n", "Phones sold this week (for warranty registration):\n"))
    for _ in range(r.randint(2, 5)):
        d.t("%s | IMEI %s | S/N %s | %s | %s\n" % (r.choice(["Galaxy A55", "iPhone 15", "Pixel 8a", "Redmi Note 13", "Moto G84"]), imei(r),
                                                  rs(r, UP + DG, 11), shop_oid(r), amount(r, lang)))
    c.meta["imei_present"] = True
    if c.pos:
        d.t(L(lang, "Cliente da ricontattare per il difetto, ", "Customer to call back about the defect, ") + phone_cue(r, lang))
        c.val(d, "PHONE", s_phone(r, lang))
        d.t("\n")
    d.t(L(lang, "Formatta come tabella.", "Format it as a table."))
    return d


def t_picklist(c):
    r, lang = c.r, c.lang
    d = Doc()
    d.t(L(lang, "Lista di prelievo ondata %d — %s\n", "Pick list wave %d — %s\n") % (r.randint(1, 99), date(r, lang)))
    for _ in range(r.randint(4, 8)):
        d.t("%s-%02d-%02d  %s  %s  x%d  %s\n" % (r.choice("ABCDEFG"), r.randint(1, 40), r.randint(1, 9), sku(r), ean13(r), r.randint(1, 24), shop_oid(r)))
    d.t("Pallet SSCC %s\n" % sscc(r))
    if c.pos:
        d.t(L(lang, "Nota: cliente dell'ordine urgente, ", "Note: urgent order customer, ") + phone_cue(r, lang))
        c.val(d, "PHONE", s_phone(r, lang))
        d.t("\n")
    d.t(L(lang, "Ottimizza il percorso di prelievo.", "Optimise the picking route."))
    return d


def t_shop_config(c):
    """the shop's tech settings: positives carry keys, negatives only ids/numbers"""
    r, lang = c.r, c.lang
    d = Doc()
    d.t(L(lang, "Il checkout dà errore 402, ecco la config del negozio:\n", "Checkout fails with 402, here is the shop config:\n"))
    d.t("SHOP_ID=%d\nCURRENCY=EUR\nSTRIPE_ACCOUNT=acct_%s\nFREE_SHIPPING_THRESHOLD=%d\n" % (r.randint(10 ** 5, 10 ** 7), rs(r, AN, 16), r.choice([39, 49, 59])))
    d.t("COUPON_DEFAULT=%s\nBRT_CUSTOMER_CODE=%07d\nGLS_CONTRACT=%s\n" % (coupon(r), r.randint(1, 9999999), rs(r, UP, 2) + rs(r, DG, 6)))
    if c.pos:
        ks = r.sample(["stripe", "google", "slack", "db", "jwt", "pwd", "aws"], r.randint(1, 2))
        for k in ks:
            if k == "stripe":
                d.t("STRIPE_SECRET_KEY=")
                d.f("STRIPE_KEY", V.stripe_key(r))
            elif k == "google":
                d.t("GOOGLE_MAPS_KEY=")
                d.f("GOOGLE_API_KEY", V.google_key(r))
            elif k == "slack":
                d.t("ORDER_ALERT_WEBHOOK=")
                d.f("SLACK_WEBHOOK", V.slack_webhook(r))
            elif k == "db":
                d.t("DATABASE_URL=")
                d.f("CREDENTIAL_URL", s_cred_url(r))
            elif k == "jwt":
                d.t("COURIER_API_TOKEN=")
                d.f("JWT", V.jwt_make(r))
            elif k == "pwd":
                d.t("admin:\n  user: shopadmin\n  password: ")
                d.f("PASSWORD", V.password_make(r))
            else:
                d.t("S3_ACCESS_KEY_ID=")
                d.f("AWS_ACCESS_KEY", V.aws_akid(r))
                d.t("\nS3_SECRET_ACCESS_KEY=")
                d.f("AWS_SECRET_KEY", V.aws_secret(r))
            d.t("\n")
    else:
        d.t("STRIPE_SECRET_KEY=${STRIPE_SECRET_KEY}\nGOOGLE_MAPS_KEY=<set in vault>\n")
    d.t("last_error: %s %s\n" % (stripe_id(r, "evt"), stripe_id(r, "pi")))
    return d


def t_near_miss(c):
    """negative only: invalid-checksum look-alikes in a 'rejected' context"""
    r, lang = c.r, c.lang
    d = Doc()
    k = r.randrange(4)
    if k == 0:
        d.t(L(lang, "Il rimborso è stato respinto: IBAN %s non valido (check digit errato). Ordine %s.",
              "Refund bounced: IBAN %s is invalid (bad check digits). Order %s.") % (
            V.iban_format(r, V.iban_break(r, V.iban_make(r, r.choice(["IT", "DE", "FR"]))), "compact"), amazon_oid(r)))
    elif k == 1:
        d.t(L(lang, "Lo SDI scarta la fattura: P.IVA %s non valida. Fattura n. %d/%d, EAN %s.",
              "SDI rejects the invoice: VAT no. %s invalid. Invoice %d/%d, EAN %s.") % (
            V.piva_break(V.piva_make(r)), r.randint(1, 999), r.randint(2024, 2026), ean13(r)))
    elif k == 2:
        b = r.choice(["visa", "mc", "amex"])
        d.t(L(lang, "Il checkout rifiuta la carta %s (Luhn errato), tracking %s.", "Checkout rejects card %s (fails Luhn), tracking %s.") % (
            V.card_format(r, V.luhn_break(V.card_digits(r, b)), b), tracking(r)[1]))
    else:
        d.t(L(lang, "Il codice fiscale %s non passa il controllo, ordine %s.", "Tax code %s fails validation, order %s.") % (
            V.cf_break_check(V.cf_make(r)), shop_oid(r)))
    d.t("\n" + dlines(r, lang, r.randint(1, 3)))
    return d


TEMPLATES = [(t_order_export, 3), (t_order_detail, 3), (t_invoice_it, 3), (t_receipt_pos, 2), (t_shipping, 3), (t_return_refund, 3),
             (t_chat, 3), (t_email_thread, 2), (t_marketplace, 2), (t_payment_notif, 3), (t_gift_loyalty, 2), (t_catalogue, 2),
             (t_imei, 1), (t_picklist, 2), (t_shop_config, 2)]


# ------------------------------------------------------------------ judgement cases
def j_case(c):
    r, lang = c.r, c.lang
    d = Doc()
    k = r.randrange(6)
    if k == 0:
        while True:
            g = "6" + r.choice(["006", "036", "050"]) + rs(r, DG, 14)
            g = V.luhn_complete(g)
            if len(g) == 19:
                break
        d.t(L(lang, "Attivazione gift card %s, PIN %s, valore %s. Ordine %s.", "Activated gift card %s, PIN %s, value %s. Order %s.") % (
            g, rs(r, DG, 6), amount(r, lang), shop_oid(r)))
        c.meta["judgement"] = "19-digit gift card number that passes Luhn and starts with 6 (overlaps Maestro/Discover ranges); context says store gift card, labelled negative"
        c.meta["chance_valid"] = [["CREDIT_CARD", g]]
    elif k == 1:
        g = V.luhn_complete(r.choice(["7", "9"]) + rs(r, DG, r.choice([15, 17])))
        d.t(L(lang, "Carta carburante/fedeltà %s, punti %d, ultimo utilizzo %s.", "Fuel/loyalty card %s, points %d, last used %s.") % (
            g, r.randint(10, 9999), date(r, lang)))
        c.meta["judgement"] = "Luhn-valid loyalty/fuel card with ISO 7812 major industry 7/9 (not a payment scheme IIN); labelled negative"
        c.meta["chance_valid"] = [["CREDIT_CARD", g]]
    elif k == 2:
        while True:
            cro = rs(r, DG, 11)
            if V.piva_ok(cro) and (1 <= int(cro[7:10]) <= 100 or cro[7:10] in ("120", "121")):
                break
        d.t(L(lang, "Bonifico ricevuto, CRO %s, ordine %s, importo %s.", "Bank transfer received, CRO %s, order %s, amount %s.") % (
            cro, shop_oid(r), amount(r, lang)))
        c.meta["judgement"] = "11-digit bank transfer CRO that passes the partita IVA checksum and office-code range by chance; context says CRO, labelled negative"
        c.meta["chance_valid"] = [["IT_VAT", cro]]
    elif k == 3:
        pk = "pk_live_" + rs(r, AN, r.choice([24, 99]))
        d.t(L(lang, "Nel frontend del checkout abbiamo Stripe.js con la chiave pubblica %s, è un problema?",
              "Our checkout frontend loads Stripe.js with publishable key %s, is that a problem?") % pk)
        c.meta["judgement"] = "Stripe publishable key (pk_live_) is public by design; labelled negative"
    elif k == 4:
        num = "800 %03d %03d" % (r.randint(100, 999), r.randint(0, 999))
        d.t(L(lang, "Nel footer delle email metti: Servizio clienti numero verde ", "Put in the e-mail footer: customer service toll-free (IT) "))
        d.f("PHONE", num)
        d.t(L(lang, ", ordini %s.", ", orders %s.") % shop_oid(r))
        c.meta["judgement"] = "shop's public toll-free number; it is a phone number, labelled PHONE"
    else:
        t = "3" + rs(r, DG, 9)
        d.t(L(lang, "Spedizione DHL Express, waybill %s, partita da Lipsia il %s.", "DHL Express waybill %s, left Leipzig on %s.") % (t, date(r, lang)))
        c.meta["judgement"] = "10-digit DHL waybill that starts with 3 (looks like an Italian mobile); context says waybill, labelled negative"
        c.meta["chance_valid"] = [["PHONE", t]]
    d.t("\n" + dlines(r, lang, r.randint(1, 2)))
    return d


# ------------------------------------------------------------------ case assembly and self-check
def blank(text, fs):
    b = bytearray(text.encode("utf-8"))
    for f in fs:
        for i in range(f["start"], f["end"]):
            b[i] = 0x7C  # '|'
    return b.decode("utf-8", "replace")


def imei_exempt(viol, text):
    """IMEIs are Luhn-valid by construction: exempt only when the card violation is exactly an IMEI."""
    imeis = set(re.findall(r"IMEI (\d{15})", text))
    return [(t, v) for t, v in viol if not (t == "CREDIT_CARD" and v.replace(" ", "") in imeis)]


def make_case(r, idx, prefix):
    lang = "it" if r.random() < 0.5 else "en"
    u = r.random()
    judgement = u < 0.04
    ev = None
    if not judgement:
        pos = r.random() < 0.5
        if pos and r.random() < 0.12:
            ev = r.choice(["fullwidth", "zero-width", "json-escape"])
    for attempt in range(400):
        c = Ctx(r, lang, False if judgement else pos, ev)
        if judgement:
            d = j_case(c)
        elif not c.pos and r.random() < 0.08:
            d = t_near_miss(c)
        else:
            tmpl = r.choices([t for t, _ in TEMPLATES], [w for _, w in TEMPLATES])[0]
            d = tmpl(c)
        text, fs = d.build()
        if c.pos and not fs:
            continue
        if ev and not c.ev_used:
            continue
        if ev == "json-escape":
            # wrap as a JSON order export so \u escapes are natural
            pre = '{"order_export": "'
            text2 = text.replace("\\", "\\\\").replace("\n", "\\n").replace('"', '\\"')
            # rebuild offsets: escape the non-finding parts, keep finding values raw (they carry \u escapes)
            out, fs2, pos_b = [pre], [], len(pre.encode())
            for typ, s in d.parts:
                if typ:
                    fs2.append({"type": typ, "start": pos_b, "end": pos_b + len(s.encode()), "value": s})
                    out.append(s)
                    pos_b += len(s.encode())
                else:
                    e = s.replace("\\", "\\\\").replace("\n", "\\n").replace('"', '\\"')
                    out.append(e)
                    pos_b += len(e.encode())
            out.append('"}')
            text, fs = "".join(out), fs2
        # self-checks
        tb = text.encode("utf-8")
        ok = all(tb[f["start"]:f["end"]].decode("utf-8") == f["value"] for f in fs)
        ok = ok and all(value_ok(f["type"], f["value"]) for f in fs)
        if not ok:
            raise AssertionError("bad labelled value in %s: %r" % (idx, fs))
        viol = imei_exempt(validity_violations(blank(text, fs)), norm(text))
        allowed = set(tuple(x) for x in c.meta.get("chance_valid", []))
        viol = [x for x in viol if x not in allowed]
        if viol:
            continue
        tags = []
        if not fs:
            tags.append("negative")
        elif len(re.findall(r"\d{6,}", norm(blank(text, fs)))) >= 2:
            tags.append("distractor")
        if ev:
            tags.append("evasion:" + ev)
        if judgement:
            tags.append("judgement")
        case = {"id": "%s-%04d" % (prefix, idx), "lang": lang, "text": text, "findings": fs, "tags": tags}
        if c.meta:
            case["meta"] = c.meta
        return case
    raise RuntimeError("could not build clean case %d" % idx)


def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    seed, n, out = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
    r = random.Random(seed)
    with open(out, "w", encoding="utf-8") as f:
        for i in range(n):
            f.write(json.dumps(make_case(r, i, "a26-%d" % seed), ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
