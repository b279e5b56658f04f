#!/usr/bin/env python3
"""audit29 held-out generator: travel, airlines and hospitality (EN + IT).

  gen.py SEED N OUT.jsonl

Deterministic per seed, standard library only, every value fabricated at run time.
Value fabricators/validators come from ../audit16/values.py (loaded with importlib).

Labelling decisions (see also README.md next to this file):
- Card PANs are labelled in every GDS / XML / JSON form (FP CCVI4111.../1226, Sabre *VI4111...¥12/26,
  OTA PaymentCard CardNumber="..." and <PlainText>); the span is the bare PAN (no brand code, no expiry).
- GDS phones (AP / APM / SSR CTCM / Sabre PHONES "MIL393471234567-M") are PHONE; span = the digits
  (with their own separators / leading +), without city code prefix or the trailing -A/-M/-B/-H or /P1.
- APE / Sabre e-mail with a real "@" is EMAIL. SSR CTCE with the IATA encoding ("//" for "@", ".." for
  "_", "./" for "-") is labelled EMAIL but tagged "judgement" (not an RFC 5322 string as written).
- UATP airline cards (15 digits, IIN 1, Luhn) and published processor test PANs (4111111111111111 ...) are
  labelled CREDIT_CARD and tagged "judgement".
- Stripe publishable keys (pk_live_) are a judgement NEGATIVE (public by design).
- Negatives: PNR locators, 13-digit ticket / EMD numbers, IATA agency numbers, loyalty numbers (some
  Luhn-valid on purpose: no payment-scheme IIN, labelled as loyalty → not a card), confirmation numbers,
  flight numbers, dates, fare basis, tax codes, amounts, masked PANs, passport / licence numbers.
"""
import importlib.util, json, os, random, re, sys, unicodedata, urllib.parse

_here = os.path.dirname(os.path.abspath(__file__))
_spec = importlib.util.spec_from_file_location("values16", os.path.join(_here, "..", "audit16", "values.py"))
V = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(V)

UP, DG, AN = V.UP, V.DG, V.AN
MONTHS = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"]
AIRLINES = [("AZ", "055"), ("AF", "057"), ("LH", "220"), ("BA", "125"), ("KL", "074"), ("IB", "075"),
            ("LX", "724"), ("UA", "016"), ("DL", "006"), ("EK", "176"), ("TK", "235"), ("OS", "257")]
AIRPORTS = ["FCO", "MXP", "LIN", "VCE", "NAP", "BLQ", "CTA", "PMO", "JFK", "LHR", "CDG", "FRA", "AMS",
            "MAD", "ZRH", "DXB", "IST", "VIE", "BCN", "ORD", "BRI", "TRN", "FLR", "PSA"]
CITIES = ["MIL", "ROM", "VCE", "NAP", "BLQ", "TRN", "FLR"]
HOTELS = ["Hotel Bellavista", "Grand Hotel Adriatico", "Albergo Miramonti", "Palazzo Lorenzi Suites",
          "Hotel Riviera Mare", "Relais San Marco", "Harbourline Inn", "Hotel Nordkap", "Locanda del Ponte"]
AGENCIES = ["VIAGGI SOLE", "AGENZIA MERIDIANA", "CORPTRAVEL SRL", "BLUEFIN TRAVEL", "ORIZZONTI VIAGGI"]
GUEST_DOMAINS = ["hotmail.it", "gmail.com", "libero.it", "yahoo.com", "icloud.com", "outlook.com",
                 "studio-ferri.eu", "gruppo-adriatica.com", "tiscali.it", "proton.me", "harbourline.co.uk"]
TEST_PANS = ["4111111111111111", "4242424242424242", "5555555555554444", "378282246310005",
             "4012888888881881", "5105105105105100", "6011111111111117", "3566002020360505"]
ZW = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff"]
BRAND_NAME = {"visa": "VISA", "mc": "MASTERCARD", "mc2": "MASTERCARD", "amex": "AMEX", "discover": "DISCOVER", "jcb": "JCB", "diners": "DINERS"}
GDS_BRAND = {"visa": "VI", "mc": "CA", "mc2": "CA", "amex": "AX", "discover": "DS", "jcb": "JC", "diners": "DC"}


def rs(r, a, n):
    return V.rs(r, a, n)


# ------------------------------------------------------------------ builder
class B:
    def __init__(self):
        self.parts = []  # str or (type, value)

    def t(self, s):
        self.parts.append(s)
        return self

    def f(self, typ, val):
        self.parts.append((typ, val))
        return self

    def build(self):
        text, finds, pos = "", [], 0
        for p in self.parts:
            if isinstance(p, tuple):
                typ, val = p
                bl = len(val.encode())
                finds.append({"type": typ, "start": pos, "end": pos + bl, "value": val})
                text += val
                pos += bl
            else:
                text += p
                pos += len(p.encode())
        return text, finds


# ------------------------------------------------------------------ fabricators
def pnr(r):
    while True:
        s = rs(r, "ABCDEFGHJKLMNPQRSTUVWXYZ23456789", 6)
        if re.search(r"[A-Z]", s) and re.search(r"\d", s):
            return s


def date_gds(r):
    return "%02d%s" % (r.randint(1, 28), r.choice(MONTHS))


def date_gds_y(r):
    return date_gds(r) + "%02d" % r.randint(24, 26)


def iata_agency(r):
    d = "%07d" % r.randint(3800000, 3899999)
    return d + str(int(d) % 7)


def ticket(r, code=None, emd=False):
    code = code or r.choice(AIRLINES)[1]
    serial = ("4" if emd else r.choice("12")) + rs(r, DG, 9)
    return code, serial


def ticket_fmt(r, code, serial):
    return r.choice(["%s-%s", "%s %s", "%s%s", "%s-%s"]) % (code, serial)


def loyalty(r, luhn=None):
    """(programme label, number). Some 15/16-digit numbers are Luhn-valid on purpose (no card IIN)."""
    k = r.randrange(7)
    if luhn is None:
        luhn = r.random() < 0.5
    if k == 0:
        d = "992" + rs(r, DG, 11)
        d = V.luhn_complete(d) if luhn else V.luhn_break(V.luhn_complete(d))
        return "Miles & More", r.choice([d, "%s %s %s %s %s" % (d[:3], d[3:6], d[6:9], d[9:12], d[12:])])
    if k == 1:
        d = "9" + r.choice("0789") + rs(r, DG, 13)
        d = V.luhn_complete(d) if luhn else V.luhn_break(V.luhn_complete(d))
        return "Payback/Miles card", d
    if k == 2:
        return "Flying Blue", "20" + rs(r, DG, 8)
    if k == 3:
        return "Marriott Bonvoy", rs(r, "123456789", 1) + rs(r, DG, 8)
    if k == 4:
        return "Hilton Honors", rs(r, "123456789", 1) + rs(r, DG, 8)
    if k == 5:
        return "IHG One Rewards", rs(r, "123456789", 1) + rs(r, DG, 8)
    return "Volare", rs(r, "123456789", 1) + rs(r, DG, 7)


def passport(r):
    return r.choice([rs(r, UP, 2) + rs(r, DG, 7), "YA" + rs(r, DG, 7), "C" + rs(r, "0123456789CFGHJKLMNPRTVWXYZ", 8)])


def confirmation(r):
    return r.choice(["4" + rs(r, DG, 9), rs(r, "56789", 1) + rs(r, DG, 9), rs(r, DG, 8), "H" + rs(r, UP + DG, 7),
                     rs(r, "123456789", 1) + rs(r, DG, 3) + "." + rs(r, DG, 3) + "." + rs(r, DG, 3)])


def amount(r, it=False):
    v = r.randint(2000, 450000) / 100
    if it:
        s = "{:,.2f}".format(v).replace(",", "X").replace(".", ",").replace("X", ".")
        return s
    return "%.2f" % v


def card(r, brand=None):
    brand = brand or r.choice(["visa", "visa", "visa", "mc", "mc", "mc2", "amex", "amex", "discover", "jcb", "diners"])
    return brand, V.card_digits(r, brand)


def uatp(r):
    return V.luhn_complete("1" + r.choice(["2", "1", "9"]) + rs(r, DG, 12))


def masked_pan(r, brand=None):
    brand, d = card(r, brand)
    last = d[-4:]
    n = len(d)
    k = r.randrange(5)
    if k == 0:
        return "X" * (n - 4) + last
    if k == 1:
        return d[:6] + "X" * (n - 10) + last
    if k == 2:
        return "**** **** **** " + last
    if k == 3:
        return d[:4] + " XXXX XXXX " + last
    return "xxxxxxxxxxxx" + last


def expiry(r):
    return "%02d%02d" % (r.randint(1, 12), r.randint(25, 31))


def name(r):
    f, l = V.person(r)
    return f, l


def gds_name(f, l):
    return re.sub(r"[^A-Z]", "", l.upper()), re.sub(r"[^A-Z]", "", f.upper())


def email(r, f=None, l=None):
    f0, l0 = V.person(r)
    f, l = f or f0, l or l0
    fs, ls = V._slug(f), V._slug(l)
    d = r.choice(GUEST_DOMAINS)
    local = r.choice([fs + "." + ls, fs + "_" + ls, fs[0] + "." + ls, fs + "-" + ls + str(r.randint(1, 99)),
                      ls + fs[0] + str(r.randint(70, 99)), fs + "." + ls])
    return local + "@" + d


def gds_email_encode(e):
    loc, dom = e.upper().split("@")
    enc = lambda s: s.replace("_", "..").replace("-", "./")
    return enc(loc) + "//" + enc(dom)


IT_MOB_PREFIX = ["320", "324", "327", "328", "329", "330", "331", "333", "334", "335", "336", "337", "338", "339",
                 "340", "342", "345", "346", "347", "348", "349", "350", "351", "366", "368", "370", "377", "380",
                 "388", "389", "391", "392", "393"]


def it_mobile_digits(r):
    return r.choice(IT_MOB_PREFIX) + rs(r, DG, 7)


def phone(r, region=None):
    region = region or r.choice(["it_mob", "it_mob", "it_mob", "it_land", "it_land", "us", "uk", "de", "fr", "ch"])
    return V.phone_make(r, region)


def hotel_phone(r):
    return V.phone_make(r, "it_land")


def public_ip(r):
    return V.ipv4_make(r, "pub")


def flight(r, al=None):
    al = al or r.choice(AIRLINES)[0]
    return "%s %d" % (al, r.randint(10, 2999))


def route(r):
    a, b = r.sample(AIRPORTS, 2)
    return a, b


def hhmm(r):
    return "%02d%02d" % (r.randint(5, 23), r.choice([0, 5, 10, 15, 20, 25, 30, 35, 40, 45, 50, 55]))


# ------------------------------------------------------------------ evasions
FW = {c: chr(ord(c) + 0xFEE0) for c in "0123456789@.-+ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"}


def ev_fullwidth(r, typ, v):
    if typ == "EMAIL" and r.random() < 0.5:
        return v.replace("@", "\uff20")
    return "".join(FW.get(c, c) if c.isdigit() or c == "@" else c for c in v)


def ev_zw(r, v):
    idx = [i for i in range(2, len(v) - 1)]
    k = r.sample(idx, min(len(idx), r.choice([1, 1, 2])))
    out = ""
    for i, c in enumerate(v):
        if i in k:
            out += r.choice(ZW)
        out += c
    return out


def ev_json(r, typ, v):
    if typ == "EMAIL" and r.random() < 0.6:
        return v.replace("@", "\\u0040")
    return "".join("\\u%04x" % ord(c) if c.isdigit() or (c in "@+" ) else c for c in v)


def unevade(v):
    v = re.sub(r"\\u([0-9a-fA-F]{4})", lambda m: chr(int(m.group(1), 16)), v)
    return V.nfkc_strip(v)


# ------------------------------------------------------------------ validators for self-check
CARD_IIN = [(r"4", (13, 16, 19)), (r"5[1-5]", (16,)), (r"2(?:2[2-9][1-9]|2[3-9]\d|[3-6]\d\d|7[01]\d|720)", (16,)),
            (r"3[47]", (15,)), (r"6(?:011|5|4[4-9])", (16, 19)), (r"35(?:2[89]|[3-8]\d)", (16, 19)),
            (r"3(?:0[0-5]|[68])", (14,)), (r"1", (15,))]


def card_valid(s):
    d = re.sub(r"[\s-]", "", s)
    if not d.isdigit() or not V.luhn_sum_ok(d):
        return False
    return any(re.match(p, d) and len(d) in ls for p, ls in CARD_IIN)


def gds_email_decode(s):
    if "//" not in s:
        return s
    loc, dom = s.split("//", 1)
    dec = lambda x: x.replace("..", "_").replace("./", "-")
    return (dec(loc) + "@" + dec(dom)).lower()


PHONE_OK = re.compile(r"^(?:\+|00|\(\+)?[\d ()./-]{8,20}$")


def value_ok(typ, v):
    u = unevade(v)
    if typ == "CREDIT_CARD":
        return card_valid(u)
    if typ == "EMAIL":
        return bool(V.EMAIL_RE.fullmatch(gds_email_decode(u)))
    if typ == "PHONE":
        return bool(PHONE_OK.match(u)) and 8 <= len(re.sub(r"\D", "", u)) <= 15
    if typ == "IBAN":
        return V.iban_ok(u)
    if typ == "IT_FISCAL_CODE":
        return V.cf_ok(u)
    if typ == "IT_VAT":
        return V.piva_ok(u)
    if typ == "IP_ADDRESS":
        return V.ipv4_ok(u) or ":" in u
    if typ == "STRIPE_KEY":
        return bool(re.fullmatch(r"[sr]k_live_[A-Za-z0-9]{24,}", u))
    if typ == "GOOGLE_API_KEY":
        return bool(re.fullmatch(r"AIza[A-Za-z0-9_-]{35}", u))
    if typ == "SLACK_WEBHOOK":
        return u.startswith("https://hooks.slack.com/services/T")
    if typ == "CREDENTIAL_URL":
        return bool(re.fullmatch(r"[a-z+]+://[^:/\s]+:[^@\s]+@\S+", u))
    if typ == "PASSWORD":
        return len(u) >= 8
    if typ == "JWT":
        return V.jwt_ok(u)
    if typ == "CONFIDENTIAL_MARKER":
        return True
    return False


def leftovers(text, finds):
    """valid values of labelled-able types left in the text after blanking the labelled spans."""
    b = bytearray(text.encode())
    for f in finds:
        for i in range(f["start"], f["end"]):
            if b[i] < 0x80:
                b[i] = 0x23
            else:
                b[i] = 0x23 if (b[i] & 0xC0) != 0x80 else 0x23
    t = unevade(b.decode("utf-8", "replace"))
    bad = []
    for m in re.finditer(r"(?<![\d])\d(?:[ -]?\d){12,18}(?![\d])", t):
        if card_valid(m.group()):
            bad.append(("CREDIT_CARD", m.group()))
    for m in V.EMAIL_RE.finditer(t):
        bad.append(("EMAIL", m.group()))
    for m in re.finditer(r"[A-Z0-9.]+//[A-Z0-9.]+\.[A-Z]{2,}", t):
        bad.append(("EMAIL", m.group()))
    for m in re.finditer(r"(?<![A-Za-z0-9])[A-Za-z]{2}\d{2}(?:[ ]?[A-Za-z0-9]{1,4}){3,8}", t):
        c = m.group().replace(" ", "")
        for L in range(15, len(c) + 1):
            if V.iban_ok(c[:L]):
                bad.append(("IBAN", c[:L]))
    for m in V.CF_RE.finditer(t.upper()):
        if V.cf_ok(m.group()):
            bad.append(("IT_FISCAL_CODE", m.group()))
    for m in re.finditer(r"(?<![\d])\d{11}(?![\d])", t):
        if V.piva_ok(m.group()):
            bad.append(("IT_VAT", m.group()))
    for m in V.IPV4_RE.finditer(t):
        if V.ipv4_ok(m.group()):
            bad.append(("IP_ADDRESS", m.group()))
    for m in re.finditer(r"\+\d[\d ]{7,}|(?<![\d\w])3[2-9]\d[ ]?\d{6,7}(?!\d)", t):
        bad.append(("PHONE", m.group()))
    for pat, typ in [(r"[sr]k_live_", "STRIPE_KEY"), (r"AIza[0-9A-Za-z_-]{30}", "GOOGLE_API_KEY"),
                     (r"hooks\.slack\.com/services/T", "SLACK_WEBHOOK"), (r"://[^/\s:@]+:[^@\s]+@", "CREDENTIAL_URL"),
                     (r"eyJ[A-Za-z0-9_-]{10,}\.eyJ", "JWT")]:
        if re.search(pat, t):
            bad.append((typ, pat))
    return bad


# ------------------------------------------------------------------ case context
class Ctx:
    def __init__(self, r, lang):
        self.r = r
        self.lang = lang
        self.tags = set()
        self.meta = {}
        self.evasion = None  # kind to apply to the first eligible value
        self.evaded = False

    def it(self):
        return self.lang == "it"

    def lab(self, b, typ, v, ev=True):
        """add a labelled value, applying the pending evasion to the first eligible one
        (ev=False: GDS-glued positions, kept plain so evasion recall is not confounded by the format)."""
        if ev and self.evasion and not self.evaded and typ in ("CREDIT_CARD", "EMAIL", "PHONE", "IBAN", "IP_ADDRESS"):
            k = self.evasion
            if k == "fullwidth":
                v = ev_fullwidth(self.r, typ, v)
            elif k == "zero-width":
                v = ev_zw(self.r, v)
            else:
                v = ev_json(self.r, typ, v)
            self.tags.add("evasion:" + k)
            self.evaded = True
        b.f(typ, v)


# ------------------------------------------------------------------ templates (positive-capable)
def t_amadeus_pnr(c, b, pos=True):
    r = c.r
    loc, off = pnr(r), r.choice(CITIES) + "I" + rs(r, DG, 5)[:2] + rs(r, UP, 1) + rs(r, DG, 2)
    code = r.choice(AIRLINES)
    pax = [name(r) for _ in range(r.choice([1, 1, 2]))]
    b.t(r.choice(["Can you explain what each line of this PNR means?\n", "Spiegami questo PNR, il cliente chiede un cambio data:\n",
                  "Why is this booking still on queue 8?\n", "Il TK è corretto? Ecco il PNR:\n",
                  "Please check why the ticket did not issue:\n", "Controlla questo PNR prima dell'emissione:\n"]))
    b.t("RP/%s/%s            %s/SU  %s/%sZ   %s\n" % (off, off, rs(r, UP, 2), date_gds_y(r), hhmm(r), loc))
    b.t("  " + "   ".join("%d.%s/%s %s" % (i + 1, *gds_name(f, l), r.choice(["MR", "MRS", "MS"])) for i, (f, l) in enumerate(pax)) + "\n")
    n = len(pax) + 1
    a, z = route(r)
    b.t("  %d  %s %s %s 2 %s%s HK%d  %s %s  %s  E  %s/%s\n" % (n, code[0], r.randint(10, 2999), r.choice("YBMKHQVLS"),
                                                             date_gds(r), a + z, len(pax), hhmm(r), hhmm(r), date_gds(r), code[0], loc))
    n += 1
    f, l = pax[0]
    L, F = gds_name(f, l)
    had = False
    if pos and r.random() < 0.45:
        b.t("  %d AP %s " % (n, r.choice(CITIES)))
        c.lab(b, "PHONE", r.choice([V.phone_make(r, "it_land"), "0" + r.choice(["2", "6"]) + " " + rs(r, DG, 8)]), ev=False)
        b.t(" - %s - A\n" % r.choice(AGENCIES)); n += 1; had = True
    if pos and r.random() < 0.55:
        e = email(r, f, l)
        b.t("  %d APE " % n)
        c.lab(b, "EMAIL", e.upper() if r.random() < 0.6 else e)
        b.t("\n"); n += 1; had = True
    if pos and r.random() < 0.45:
        b.t("  %d APM " % n)
        c.lab(b, "PHONE", r.choice(["+39" + it_mobile_digits(r), "+39 " + it_mobile_digits(r), "0039" + it_mobile_digits(r), "+39 " + it_mobile_digits(r)]), ev=False)
        b.t("/P1\n"); n += 1; had = True
    b.t("  %d TK OK%s/%s//ETAZ\n" % (n, date_gds(r), off)); n += 1
    b.t("  %d SSR DOCS %s HK1 P/ITA/%s/ITA/%s%02d/%s/%s%02d/%s/%s/P1\n" % (n, code[0], passport(r), date_gds(r), r.randint(50, 99),
                                                                     r.choice("MF"), date_gds(r), r.randint(27, 34), L, F)); n += 1
    if pos and (r.random() < 0.55 or not had):
        b.t("  %d SSR CTCM %s HK1 " % (n, code[0]))
        c.lab(b, "PHONE", r.choice(["39" + it_mobile_digits(r), "39" + it_mobile_digits(r), "1" + r.choice(["212", "415", "646"]) + rs(r, "23456789", 1) + rs(r, DG, 6), "44" + "7" + rs(r, DG, 9)]), ev=False)
        b.t("/P1\n"); n += 1; had = True
    if pos and r.random() < 0.08:
        b.t("  %d SSR CTCE %s HK1 " % (n, code[0]))
        e = email(r, f, l)
        b.f("EMAIL", gds_email_encode(e))
        b.t("/P1\n"); n += 1
        c.tags.add("judgement")
        c.meta["reason"] = "SSR CTCE e-mail in IATA encoding ('//' for '@', '..' for '_', './' for '-'): a personal e-mail address, labelled EMAIL, but not an RFC 5322 string as written"
    elif not pos and r.random() < 0.3:
        b.t("  %d SSR CTCE %s HN1 REFUSED/P1\n" % (n, code[0])); n += 1
    prog, num = loyalty(r)
    b.t("  %d SSR FQTV %s HK/ %s%s/P1\n" % (n, code[0], code[0], num.replace(" ", ""))); n += 1
    tc, ts = ticket(r, code[1])
    b.t("  %d FA PAX %s-%s/ET%s/EUR%s/%s/%s/%s/S3/P1\n" % (n, tc, ts, code[0], amount(r), date_gds_y(r), off, iata_agency(r))); n += 1
    b.t("  %d FB PAX %s TTP/ET OK ETICKET/S3/P1\n" % (n, rs(r, DG, 10))); n += 1
    k = r.random()
    if pos and k < 0.6:
        br, d = card(r)
        b.t("  %d FP " % n + r.choice(["CC%s" % GDS_BRAND[br], "PAX CC%s" % GDS_BRAND[br], "O/CC%s" % GDS_BRAND[br]]))
        c.lab(b, "CREDIT_CARD", d, ev=False)
        b.t("/%s%s\n" % (expiry(r), r.choice(["", "/N" + rs(r, DG, 6), "/A" + rs(r, DG, 6)]))); n += 1
    elif pos and k < 0.68:
        u = uatp(r)
        b.t("  %d FP CCTP" % n)
        b.f("CREDIT_CARD", u)
        b.t("/%s\n" % expiry(r)); n += 1
        c.tags.add("judgement")
        c.meta["reason"] = "UATP airline card (IIN 1, 15 digits, Luhn): a payment card number, labelled CREDIT_CARD though not a bank-scheme IIN"
    else:
        br, _ = card(r)
        b.t("  %d FP CC%s%s/%s\n" % (n, GDS_BRAND[br], masked_pan(r, br).replace(" ", ""), expiry(r))); n += 1
        c.tags.add("distractor")
    b.t("  %d FE PAX %s/S3/P1\n" % (n, r.choice(["NONREF", "NON END/CHNG PENALTY", "VALID ON %s ONLY" % code[0]])))
    b.t("*TRN*\n>")


def t_sabre_pnr(c, b, pos=True):
    r = c.r
    loc = pnr(r)
    code = r.choice(AIRLINES)
    f, l = name(r)
    L, F = gds_name(f, l)
    a, z = route(r)
    b.t(r.choice(["Sabre *A output, what does the FOP line mean?\n", "Output Sabre, perché il PNR non si chiude?\n",
                  "Agent asked me to summarise this Sabre record:\n", "Riassumi questo record Sabre per il cliente:\n"]))
    b.t("%s\n 1.1%s/%s %s\n" % (loc, L, F, r.choice(["MR", "MRS"])))
    b.t(" 1 %s%4d%s %s 2 %s%s HK1  %s  %s  /DC%s*%s /E\n" % (code[0], r.randint(10, 2999), r.choice("YBMK"), date_gds(r), a, z, hhmm(r), hhmm(r), code[0], pnr(r)))
    b.t("TKT/TIME LIMIT\n  1.TAW%s/\n" % date_gds(r))
    b.t("PHONES\n")
    if pos and r.random() < 0.7:
        b.t("  1.%s" % r.choice(CITIES))
        c.lab(b, "PHONE", "39" + it_mobile_digits(r) if r.random() < 0.5 else it_mobile_digits(r), ev=False)
        b.t("-M\n")
        b.t("  2.%s" % r.choice(CITIES))
        b.f("PHONE", r.choice(["02 ", "06 "]) + rs(r, DG, 8)) if r.random() < 0.5 else b.t("AGCY")
        b.t("-A\n")
    else:
        b.t("  1.%sAGCY-A\n" % r.choice(CITIES))
    if pos and r.random() < 0.5:
        b.t("EMAIL\n  1.")
        c.lab(b, "EMAIL", email(r, f, l).upper())
        b.t("\u2021TO\n")
    b.t("FORM OF PAYMENT\n  1.")
    if pos and r.random() < 0.7:
        br, d = card(r)
        b.t("*" + GDS_BRAND[br])
        c.lab(b, "CREDIT_CARD", d, ev=False)
        b.t(r.choice(["\u00a5", "\u2021"]) + "%s/%s\n" % (expiry(r)[:2], expiry(r)[2:]))
    else:
        b.t("*%s%s\u00a5%s/%s\n" % ("VI", masked_pan(r, "visa").replace(" ", ""), "12", "27"))
        c.tags.add("distractor")
    b.t("GENERAL FACTS\n  1.SSR DOCS %s HK1/P/GBR/%s/GBR/%s%02d/%s/%s%02d/%s/%s\n" % (code[0], passport(r), date_gds(r), r.randint(50, 99), r.choice("MF"), date_gds(r), r.randint(27, 34), L, F))
    prog, num = loyalty(r)
    b.t("  2.SSR FQTV %s HK1/%s%s\n" % (code[0], code[0], num.replace(" ", "")))
    tc, ts = ticket(r, code[1])
    b.t("ELECTRONIC DATA EXISTS *T\n  1.TE %s%s-AT %s %s/%s*I\n" % (tc, ts, L, F[:1], rs(r, UP + DG, 4)))
    b.t("RECEIVED FROM - %s\n%s.%s*A%s %s/%s\n" % (F, rs(r, UP + DG, 4), rs(r, UP + DG, 4), rs(r, UP, 2), hhmm(r), date_gds_y(r)))


def t_ota_xml(c, b, pos=True):
    r = c.r
    f, l = name(r)
    hotel = r.choice(HOTELS)
    b.t(r.choice(["Our channel manager rejects this OTA_HotelResRQ with error 450, why?\n", "Il channel manager scarta questa prenotazione, vedi XML:\n",
                  "Validate this reservation message against the 2015B schema:\n", "Perché il PMS non importa questa prenotazione?\n"]))
    b.t('<OTA_HotelResRQ xmlns="http://www.opentravel.org/OTA/2003/05" EchoToken="%s" TimeStamp="2025-%02d-%02dT%02d:%02d:00" Version="1.003">\n' % (V.uuid_like(r), r.randint(1, 12), r.randint(1, 28), r.randint(0, 23), r.randint(0, 59)))
    b.t(' <HotelReservations><HotelReservation CreateDateTime="2025-%02d-%02d" ResStatus="Book">\n' % (r.randint(1, 12), r.randint(1, 28)))
    b.t('  <UniqueID Type="14" ID="%s"/>\n' % confirmation(r))
    b.t('  <RoomStays><RoomStay><RoomRates><RoomRate RoomTypeCode="%s" RatePlanCode="%s" NumberOfUnits="1"/></RoomRates>\n' % (r.choice(["DBL", "TWN", "SGL", "JSU"]), r.choice(["BAR", "NRF", "BB", "HB"])))
    b.t('   <Total AmountAfterTax="%s" CurrencyCode="EUR"/><BasicPropertyInfo HotelCode="%s" HotelName="%s"/></RoomStay></RoomStays>\n' % (amount(r), rs(r, DG, 5), hotel))
    b.t('  <ResGuests><ResGuest><Profiles><ProfileInfo><Profile><Customer>\n   <PersonName><GivenName>%s</GivenName><Surname>%s</Surname></PersonName>\n' % (f, l))
    if pos and r.random() < 0.7:
        b.t('   <Telephone PhoneTechType="5" PhoneNumber="')
        c.lab(b, "PHONE", phone(r))
        b.t('"/>\n')
    if pos and r.random() < 0.7:
        b.t('   <Email>')
        c.lab(b, "EMAIL", email(r, f, l))
        b.t('</Email>\n')
    prog, num = loyalty(r)
    b.t('   <CustLoyalty ProgramID="%s" MembershipID="%s"/>\n' % (prog.split()[0].upper(), num.replace(" ", "")))
    b.t('  </Customer></Profile></ProfileInfo></Profiles></ResGuest></ResGuests>\n')
    b.t('  <ResGlobalInfo><Guarantee><GuaranteesAccepted><GuaranteeAccepted>\n')
    br, d = card(r)
    if pos and r.random() < 0.75:
        if r.random() < 0.6:
            b.t('   <PaymentCard CardCode="%s" CardNumber="' % GDS_BRAND[br].replace("CA", "MC"))
            c.lab(b, "CREDIT_CARD", d)
            b.t('" ExpireDate="%s" SeriesCode="%s"><CardHolderName>%s %s</CardHolderName></PaymentCard>\n' % (expiry(r), rs(r, DG, 3), f.upper(), l.upper()))
        else:
            b.t('   <PaymentCard CardCode="%s" ExpireDate="%s"><CardHolderName>%s %s</CardHolderName><CardNumber><PlainText>' % (GDS_BRAND[br].replace("CA", "MC"), expiry(r), f.upper(), l.upper()))
            c.lab(b, "CREDIT_CARD", d)
            b.t('</PlainText></CardNumber></PaymentCard>\n')
    else:
        b.t('   <PaymentCard CardCode="%s" ExpireDate="%s"><CardNumber Mask="%s" Token="%s"/></PaymentCard>\n' % (GDS_BRAND[br], expiry(r), masked_pan(r, br).replace(" ", ""), "tok_" + rs(r, AN, 24)))
        c.tags.add("distractor")
    b.t('  </GuaranteeAccepted></GuaranteesAccepted></Guarantee></ResGlobalInfo>\n </HotelReservation></HotelReservations>\n</OTA_HotelResRQ>')


def t_json_webhook(c, b, pos=True):
    """channel-manager / booking-engine JSON webhook payload (json-escape evasions live here)."""
    r = c.r
    f, l = name(r)
    b.t(r.choice(["Our booking engine webhook payload, why does the PMS mapping fail?\n", "Payload del webhook di prenotazione, mappalo sul PMS:\n"]))
    b.t('{"event":"reservation.created","reservation_id":"%s","hotel_id":%d,"arrival":"2025-%02d-%02d","nights":%d,' % (confirmation(r), r.randint(100, 9999), r.randint(1, 12), r.randint(1, 28), r.randint(1, 9)))
    b.t('"guest":{"first_name":"%s","last_name":"%s",' % (f, l))
    if pos:
        b.t('"email":"'); c.lab(b, "EMAIL", email(r, f, l)); b.t('",')
        if r.random() < 0.6:
            b.t('"phone":"'); c.lab(b, "PHONE", r.choice(["+39" + it_mobile_digits(r), "+39 " + it_mobile_digits(r), V.phone_make(r, "us")])); b.t('",')
    prog, num = loyalty(r)
    b.t('"loyalty_id":"%s"},' % num.replace(" ", ""))
    br, d = card(r)
    if pos and r.random() < 0.7:
        b.t('"payment":{"type":"card","brand":"%s","number":"' % br)
        c.lab(b, "CREDIT_CARD", d)
        b.t('","exp":"%s/%s"},' % (expiry(r)[:2], expiry(r)[2:]))
    else:
        b.t('"payment":{"type":"card","brand":"%s","last4":"%s","token":"pm_%s"},' % (br, d[-4:], rs(r, AN, 24)))
    b.t('"total":{"amount":%s,"currency":"EUR"}}' % amount(r))


def t_hotel_folio(c, b, pos=True):
    r = c.r
    f, l = name(r)
    hotel = r.choice(HOTELS)
    it = c.it()
    b.t(r.choice(["Traduci in inglese questo conto e verifica i totali:\n", "Controlla questa fattura dell'hotel, la tassa di soggiorno è giusta?\n"] if it else
                 ["Check this hotel folio, is the city tax right?\n", "Summarise this folio for the expense claim:\n"]))
    b.t("%s - Via Roma %d, %s\n" % (hotel, r.randint(1, 200), r.choice(["Rimini", "Firenze", "Venezia", "Milano", "Bari"])))
    if pos and r.random() < 0.6:
        b.t("P.IVA "); b.f("IT_VAT", V.piva_make(r)); b.t(" - Tel. "); b.f("PHONE", hotel_phone(r)); b.t("\n")
    else:
        b.t("REA %s-%s\n" % (r.choice(["RN", "FI", "VE", "MI"]), rs(r, DG, 6)))
    b.t(("CONTO N. %s   Camera %d   Arrivo %02d/%02d/2025   Partenza %02d/%02d/2025\nOspite: %s %s\n" if it else
          "FOLIO No. %s   Room %d   Arrival %02d/%02d/2025   Departure %02d/%02d/2025\nGuest: %s %s\n") %
        (rs(r, DG, 6), r.randint(101, 720), r.randint(1, 28), r.randint(1, 12), r.randint(1, 28), r.randint(1, 12), f, l))
    if pos and it and r.random() < 0.45:
        b.t("Codice fiscale: "); b.f("IT_FISCAL_CODE", V.cf_make(r)); b.t("\n")
    if pos and r.random() < 0.5:
        b.t("E-mail: "); c.lab(b, "EMAIL", email(r, f, l)); b.t("\n")
    prog, num = loyalty(r)
    b.t("%s: %s\n" % (prog, num))
    for _ in range(r.randint(2, 4)):
        b.t("%02d/%02d  %-22s %8s\n" % (r.randint(1, 28), r.randint(1, 12), r.choice(["Pernottamento", "Room charge", "Minibar", "Ristorante", "Tassa di soggiorno", "Parking", "Spa"]), amount(r, it)))
    b.t(("TOTALE EUR %s\n" if it else "TOTAL EUR %s\n") % amount(r, it))
    br, d = card(r)
    if pos and r.random() < 0.4:
        b.t(("Pagamento: %s " if it else "Settled: %s ") % BRAND_NAME[br])
        c.lab(b, "CREDIT_CARD", V.card_format(r, d, br))
        b.t(" AUTH %s\n" % rs(r, DG, 6))
    else:
        b.t(("Pagamento: %s %s AUTH %s\n" if it else "Settled: %s %s AUTH %s\n") % (BRAND_NAME[br], masked_pan(r, br), rs(r, DG, 6)))
        c.tags.add("distractor")


def t_night_audit(c, b, pos=True):
    r = c.r
    b.t(r.choice(["Night audit report, explain the discrepancies:\n", "Report di chiusura notturna, perché il saldo non quadra?\n"]))
    b.t("NIGHT AUDIT %02d/%02d/2025  PROPERTY %s  USER NA%s\nROOM  GUEST                 CONF#        BALANCE   CARD\n" % (r.randint(1, 28), r.randint(1, 12), rs(r, UP, 4), rs(r, DG, 3)))
    leak = pos and r.random() < 0.8
    rows = r.randint(3, 6)
    li = r.randrange(rows)
    for i in range(rows):
        f, l = name(r)
        br, d = card(r)
        b.t("%-5d %-21s %-12s %9s  " % (r.randint(101, 720), (l + " " + f[0] + ".")[:21], confirmation(r), amount(r)))
        if leak and i == li:
            b.t(GDS_BRAND[br] + " "); c.lab(b, "CREDIT_CARD", d); b.t("  ** UNMASKED (manual key-in)\n")
        else:
            b.t("%s %s\n" % (GDS_BRAND[br], masked_pan(r, br).replace(" ", "")))
    b.t("REVENUE ROOMS %s  F&B %s  OCC %d%%  ADR %s\n" % (amount(r), amount(r), r.randint(30, 99), amount(r)))
    if pos and r.random() < 0.3:
        b.t("PMS host "); c.lab(b, "IP_ADDRESS", V.ipv4_make(r, r.choice(["p10", "p192", "pub"]))); b.t(" batch closed OK\n")
    c.tags.add("distractor")


def t_car_rental(c, b, pos=True):
    r = c.r
    f, l = name(r)
    it = c.it()
    b.t(r.choice(["Riassumi questo contratto di noleggio:\n", "Is the fuel charge on this rental agreement legit?\n", "Draft a dispute letter based on this rental agreement:\n"]))
    b.t("RENTAL AGREEMENT No. %s   RES %s%s\n" % (rs(r, DG, 9), rs(r, DG, 10), r.choice(["IT", "US", "COUNT"])))
    b.t("Driver: %s %s   DOB %02d/%02d/19%02d   Licence %s%s%s\n" % (l.upper(), f.upper(), r.randint(1, 28), r.randint(1, 12), r.randint(50, 99), r.choice(["MI", "RM", "U1"]), rs(r, DG, 7), rs(r, UP, 1)))
    if pos and r.random() < 0.6:
        b.t("Phone: "); c.lab(b, "PHONE", phone(r)); b.t("   ")
    if pos and r.random() < 0.5:
        b.t("Email: "); c.lab(b, "EMAIL", email(r, f, l))
    b.t("\nPick-up %s T%d %02d/%02d/2025 %s:%s   Return %s %02d/%02d/2025\n" % (r.choice(AIRPORTS), r.randint(1, 3), r.randint(1, 28), r.randint(1, 12), hhmm(r)[:2], hhmm(r)[2:], r.choice(AIRPORTS), r.randint(1, 28), r.randint(1, 12)))
    b.t("Vehicle: %s  Plate %s%d%s  KM out %d  Fuel 8/8\n" % (r.choice(["Fiat 500", "VW Golf", "Jeep Renegade", "Toyota Yaris"]), rs(r, UP, 2), r.randint(100, 999), rs(r, UP, 2), r.randint(1000, 90000)))
    prog, num = loyalty(r)
    b.t("Flight %s  %s %s\n" % (flight(r), prog, num))
    br, d = card(r)
    if pos and r.random() < 0.6:
        b.t("Payment: %s " % BRAND_NAME[br]); c.lab(b, "CREDIT_CARD", V.card_format(r, d, br)); b.t(" exp %s/%s  Pre-auth EUR %s  auth %s\n" % (expiry(r)[:2], expiry(r)[2:], amount(r), rs(r, DG, 6)))
    else:
        b.t("Payment: %s %s  Pre-auth EUR %s\n" % (BRAND_NAME[br], masked_pan(r, br), amount(r)))
    b.t("Total charges EUR %s (VAT 22%% incl.)\n" % amount(r))


def t_expense(c, b, pos=True):
    r = c.r
    f, l = name(r)
    it = c.it()
    code = r.choice(AIRLINES)
    b.t(r.choice(["Nota spese da controllare prima dell'approvazione:\n", "Check this travel expense report against policy:\n", "Format this expense report as a table:\n"]))
    b.t(("Nota spese - %s %s (matricola %s) - CdC %d\n" if it else "Expense report - %s %s (employee %s) - cost centre %d\n") % (f, l, rs(r, DG, 6), r.randint(1000, 9999)))
    br, d = card(r, r.choice(["amex", "visa", "mc"]))
    full = pos and r.random() < 0.6
    tc, ts = ticket(r, code[1])
    b.t("%02d/%02d | %s %s %s-%s tkt %s | %s | " % (r.randint(1, 28), r.randint(1, 12), "Volo" if it else "Flight", flight(r, code[0]), *route(r), ticket_fmt(r, tc, ts), amount(r, it)))
    if full:
        b.t(("Carta aziendale %s " if it else "Corporate card %s ") % BRAND_NAME[br]); c.lab(b, "CREDIT_CARD", V.card_format(r, d, br)); b.t("\n")
    else:
        b.t(("Carta aziendale %s\n" if it else "Corporate card %s\n") % masked_pan(r, br))
    b.t("%02d/%02d | Hotel %s conf %s | %s | %s\n" % (r.randint(1, 28), r.randint(1, 12), r.choice(HOTELS), confirmation(r), amount(r, it), "idem"))
    b.t("%02d/%02d | Taxi %s | %s | %s\n" % (r.randint(1, 28), r.randint(1, 12), r.choice(AIRPORTS), amount(r, it), "contanti" if it else "cash"))
    tc, ts = ticket(r, code[1], emd=True)
    b.t("%02d/%02d | EMD %s %s | %s\n" % (r.randint(1, 28), r.randint(1, 12), ticket_fmt(r, tc, ts), "bagaglio extra" if it else "extra bag", amount(r, it)))
    if pos and r.random() < 0.5:
        b.t("Rimborso su IBAN " if it else "Reimburse to IBAN ")
        c.lab(b, "IBAN", V.iban_format(r, V.iban_make(r, r.choice(["IT", "IT", "IT", "DE", "FR", "ES", "GB"])), r.choice(["space", "compact"])))
        b.t("\n")
    if pos and it and r.random() < 0.4:
        b.t("CF dipendente: "); b.f("IT_FISCAL_CODE", V.cf_make(r)); b.t("\n")
    b.t(("Totale: EUR %s\n" if it else "Total: EUR %s\n") % amount(r, it))


def t_config(c, b, pos=True):
    r = c.r
    b.t(r.choice(["Our booking engine .env, the payment step returns 401:\n", "Config del booking engine, la mappa non si carica:\n",
                  "Why does the availability webhook not fire? config below\n"]))
    b.t("HOTEL_ID=%d\nCURRENCY=EUR\nBOOKING_BASE_URL=https://book.%s.example/ibe\n" % (r.randint(100, 9999), V._slug(r.choice(HOTELS))))
    items = r.sample(["stripe", "maps", "slack", "db", "pw", "pk"], r.randint(2, 4))
    for it_ in items:
        if it_ == "stripe":
            b.t("STRIPE_SECRET_KEY="); b.f("STRIPE_KEY", V.stripe_key(r)); b.t("\n")
        elif it_ == "maps":
            b.t(r.choice(["GOOGLE_MAPS_API_KEY=", "MAPS_KEY=", "places.apiKey = "])); b.f("GOOGLE_API_KEY", V.google_key(r)); b.t("\n")
        elif it_ == "slack":
            b.t("NOTIFY_WEBHOOK="); b.f("SLACK_WEBHOOK", V.slack_webhook(r)); b.t("\n")
        elif it_ == "db":
            u, p = r.choice(["ibe", "pms_sync", "booking"]), urllib.parse.quote(V.password_make(r), safe="!$&'()*+,;=-._~")
            b.t("DATABASE_URL="); b.f("CREDENTIAL_URL", "%s://%s:%s@%s:%d/%s" % (r.choice(["postgres", "mysql"]), u, p, r.choice(["db.ibe.internal", "pms-db01", "10.20.3.14"]), r.choice([5432, 3306]), "bookings")); b.t("\n")
        elif it_ == "pw":
            b.t("PMS_USER=ibe_sync\nPMS_PASSWORD="); b.f("PASSWORD", V.password_make(r)); b.t("\n")
        else:
            b.t("STRIPE_PUBLISHABLE_KEY=pk_live_%s\n" % rs(r, AN, 24))
    b.t("RATE_CACHE_TTL=300\n")


def t_checkin_log(c, b, pos=True):
    r = c.r
    b.t(r.choice(["Web check-in errors from last night, what's going on?\n", "Log del check-in online, perché fallisce?\n"]))
    for _ in range(r.randint(2, 5)):
        b.t("2025-%02d-%02dT%02d:%02d:%02dZ %s web-checkin pnr=%s flt=%s seat=%d%s ip=" % (
            r.randint(1, 12), r.randint(1, 28), r.randint(0, 23), r.randint(0, 59), r.randint(0, 59),
            r.choice(["INFO", "WARN", "ERROR"]), pnr(r), flight(r).replace(" ", ""), r.randint(1, 45), r.choice("ABCDEF")))
        c.lab(b, "IP_ADDRESS", V.ipv4_make(r) if r.random() < 0.85 else V.ipv6_make(r, "global"))
        b.t(" result=%s bp=%s\n" % (r.choice(["OK", "APIS_MISSING", "SEAT_TAKEN", "TIMEOUT"]), rs(r, UP + DG, 8)))


def t_complaint(c, b, pos=True):
    r = c.r
    f, l = name(r)
    it = c.it()
    ref = confirmation(r)
    if it:
        b.t("Aiutami a rispondere a questo reclamo:\n\"Buongiorno, ho soggiornato presso il vostro hotel (prenotazione %s, camera %d) e mi è stato addebitato due volte il soggiorno. " % (ref, r.randint(101, 720)))
    else:
        b.t("Help me answer this guest complaint:\n\"Hello, I stayed at your hotel (booking %s, room %d) and was charged twice for the stay. " % (ref, r.randint(101, 720)))
    if r.random() < 0.35:
        br, d = card(r)
        b.t("La carta è la " if it else "The card is ")
        c.lab(b, "CREDIT_CARD", V.card_format(r, d, br)); b.t(". ")
    b.t("Potete richiamarmi al " if it else "Please call me on ")
    c.lab(b, "PHONE", phone(r))
    if r.random() < 0.6:
        b.t(" o scrivermi a " if it else " or write to ")
        c.lab(b, "EMAIL", email(r, f, l))
    b.t(". %s %s\"" % ("Cordiali saluti," if it else "Regards,", f))


def t_booking_confirmation(c, b, pos=True):
    r = c.r
    f, l = name(r)
    it = c.it()
    code = r.choice(AIRLINES)
    b.t(r.choice(["Translate this booking confirmation into Italian:\n", "Riassumi questa conferma di viaggio per il cliente:\n", "Extract the itinerary from this confirmation:\n"]))
    b.t("BOOKING CONFIRMATION / CONFERMA DI PRENOTAZIONE\nBooking ref: %s    Agency IATA %s\n" % (pnr(r), iata_agency(r)))
    b.t("Passenger: %s/%s %s\n" % (*gds_name(f, l), r.choice(["MR", "MRS"])))
    a, z = route(r)
    b.t("%s  %s  %s-%s  dep %s arr %s  class %s  fare basis %s\n" % (flight(r, code[0]), date_gds(r), a, z, hhmm(r), hhmm(r), r.choice("YBMKQ"), r.choice(["Y", "B", "K", "Q", "V"]) + rs(r, UP, 2) + r.choice(["IT", "OW", "RT", "0K6RP", "LGT"])))
    tc, ts = ticket(r, code[1])
    b.t("E-ticket: %s    Baggage: 1PC\n" % ticket_fmt(r, tc, ts))
    b.t("Hotel: %s, conf. %s, %d nights, %s\n" % (r.choice(HOTELS), confirmation(r), r.randint(1, 7), r.choice(["BB", "HB", "RO"])))
    if pos:
        b.t("Contact: "); c.lab(b, "EMAIL", email(r, f, l)); b.t(" / ")
        c.lab(b, "PHONE", phone(r)); b.t("\n")
    prog, num = loyalty(r)
    b.t("%s: %s\n" % (prog, num))
    b.t("Total paid EUR %s (YQ %s, IT %s)\n" % (amount(r), amount(r), amount(r)))


def t_test_card(c, b, pos=True):
    r = c.r
    pan = r.choice(TEST_PANS)
    b.t(r.choice(["In the staging booking engine I type test card ", "Nel booking engine di test uso la carta "]))
    b.f("CREDIT_CARD", pan)
    b.t(r.choice([" with any CVC and the 3DS popup never appears. Why?", " e il 3DS non parte, come mai?", " in sandbox mode but Stripe returns card_declined."]))
    c.tags.add("judgement")
    c.meta["reason"] = "published processor test PAN: format-valid (IIN + Luhn), labelled CREDIT_CARD; a policy may allow-list it but the detector cannot know"


def t_pk_live(c, b, pos=False):
    r = c.r
    b.t(r.choice(["Is it OK that our publishable key pk_live_%s is visible in the booking page source?",
                  "La chiave pubblicabile pk_live_%s è nel sorgente della pagina di pagamento, è un problema?"]) % rs(r, AN, r.choice([24, 99])))
    c.tags.add("judgement")
    c.meta["reason"] = "Stripe publishable key (pk_live_) is public by design: judged negative for STRIPE_KEY (secret/restricted keys only)"


# ------------------------------------------------------------------ pure negatives
def n_availability(c, b):
    r = c.r
    a, z = route(r)
    d = date_gds(r)
    b.t(r.choice(["Which of these flights has seats in Y? ", "Quale volo ha posti in economy? "]) + "\nAN%s%s%s\n** AMADEUS AVAILABILITY - AN ** %s %s\n" % (d, a, z, z, d))
    for i in range(r.randint(3, 6)):
        b.t(" %d   %s  %s %s %s %s %s /%s %s    %s  %s  E0/%s      %s\n" % (
            i + 1, flight(r).replace(" ", ":" if False else " "), *("%s%d" % (k, r.randint(0, 9)) for k in "JCD"),
            "Y9", "B9", a, z, hhmm(r), hhmm(r), r.choice(["320", "359", "77W", "E90", "321"]), "%dh%02d" % (r.randint(1, 11), r.randint(0, 59))))


def n_fare_quote(c, b):
    r = c.r
    a, z = route(r)
    code = r.choice(AIRLINES)
    b.t(r.choice(["Explain this fare quote to the customer:\n", "Spiega questa tariffa al cliente:\n"]))
    b.t("FXP\n01 %s/%s\nLAST TKT DTE %s - SEE ADV PURCHASE\n" % (*gds_name(*name(r)), date_gds_y(r)))
    b.t("   AL FLGT  BK T DATE  TIME  FARE BASIS      NVB  NVA   BG\n %s\n %s %s %4d %s   %s %s  %-15s %s %s 1P\n%s\n" % (
        a, z, code[0], r.randint(10, 2999), r.choice("YBMKQVL"), date_gds(r), hhmm(r),
        r.choice("YBMKQVL") + rs(r, UP, 2) + r.choice(["IT", "OW", "RT"]) + rs(r, DG, 1), date_gds(r), date_gds(r), z))
    b.t("EUR   %s\nEUR    %sYQ    EUR     %sIT    EUR     %sHB\nEUR   %s\n" % (amount(r), amount(r), amount(r), amount(r), amount(r)))
    b.t("%s %s %s %s NUC%s END ROE0.9%s\n" % (a, code[0], z, amount(r), amount(r), rs(r, DG, 5)))
    b.t("FARE BASIS %s  TOUR CODE %s  IATA %s\n" % (rs(r, UP, 3) + rs(r, DG, 2) + rs(r, UP, 2), rs(r, UP + DG, 6), iata_agency(r)))


def n_seatmap(c, b):
    r = c.r
    b.t(r.choice(["Which seats are free next to each other?\n", "Quali posti vicini sono liberi?\n"]))
    b.t("SM %s/%s\n     A B C   D E F\n" % (flight(r).replace(" ", ""), date_gds(r)))
    for row in range(r.randint(10, 14), r.randint(18, 26)):
        b.t("%3d  %s %s %s   %s %s %s\n" % (row, *(r.choice([".", "X", "*", "/"]) for _ in range(6))))


def n_bsp_report(c, b):
    r = c.r
    b.t(r.choice(["Reconcile these BSP sales against our back office:\n", "Riconcilia queste vendite BSP:\n"]))
    b.t("BSP ITALY  AGENT %s  PERIOD 2025%02d%d\nDOC TYPE  TICKET/DOC NO      ISSUE     FOP   FARE      TAX     COMM\n" % (iata_agency(r), r.randint(1, 12), r.randint(1, 4)))
    for _ in range(r.randint(3, 7)):
        emd = r.random() < 0.25
        tc, ts = ticket(r, emd=emd)
        fop = r.choice(["CA", "CC", "CC", "EX"])
        b.t("%-8s  %s %s  %s  %-4s  %8s  %7s  %s\n" % ("EMDS" if emd else "TKTT", tc, ts, date_gds_y(r), fop, amount(r), amount(r), amount(r)))
    b.t("NET REMITTANCE EUR %s\n" % amount(r))


def n_loyalty(c, b):
    r = c.r
    f, l = name(r)
    prog, num = loyalty(r, luhn=True if r.random() < 0.7 else None)
    b.t(r.choice(["How many miles do I need for an upgrade? My statement:\n", "Quante miglia mancano per lo status? Estratto conto:\n"]))
    b.t("%s - %s %s\nMember no. %s   Tier %s\n" % (prog, f, l, num, r.choice(["Silver", "Gold", "Platinum", "Frecce Alate"])))
    for _ in range(r.randint(2, 5)):
        b.t("%02d/%02d/2025  %s %s-%s  %s  +%d\n" % (r.randint(1, 28), r.randint(1, 12), flight(r), *route(r), r.choice("YBMKQ"), r.randint(250, 9000)))
    b.t("Balance: %d miles\n" % r.randint(1000, 250000))


def n_rooming_list(c, b):
    r = c.r
    b.t(r.choice(["Sort this rooming list by arrival date:\n", "Ordina questa rooming list per data di arrivo:\n"]))
    b.t("GROUP %s  BLOCK %s  HOTEL %s\n" % (rs(r, UP, 3) + rs(r, DG, 2), rs(r, DG, 7), r.choice(HOTELS)))
    for _ in range(r.randint(3, 7)):
        f, l = name(r)
        b.t("%-12s %-10s %s  %02d/%02d-%02d/%02d  conf %s  %s\n" % (l, f, r.choice(["DBL", "SGL", "TWN"]), r.randint(1, 28), r.randint(1, 12), r.randint(1, 28), r.randint(1, 12), confirmation(r), r.choice(["GTD CC", "GTD DEP", "6PM"])))


def n_eticket(c, b):
    r = c.r
    f, l = name(r)
    code = r.choice(AIRLINES)
    tc, ts = ticket(r, code[1])
    br, _ = card(r)
    b.t(r.choice(["Is this e-ticket refundable?\n", "Questo biglietto è rimborsabile?\n"]))
    b.t("ELECTRONIC TICKET PASSENGER ITINERARY RECEIPT\nBOOKING REF: %s   TICKET NUMBER: %s\n" % (pnr(r), ticket_fmt(r, tc, ts)))
    b.t("NAME: %s/%s MR   FREQUENT FLYER: %s %s\n" % (*gds_name(f, l), code[0], loyalty(r)[1].replace(" ", "")))
    b.t("ISSUING AGENT: %s  IATA: %s  DATE OF ISSUE: %s\n" % (r.choice(AGENCIES), iata_agency(r), date_gds_y(r)))
    a, z = route(r)
    b.t("%s %s %s-%s %s  FARE BASIS %s  NVB %s NVA %s  BAG 1PC\n" % (flight(r, code[0]), date_gds(r), a, z, hhmm(r), rs(r, UP, 4) + rs(r, DG, 1), date_gds(r), date_gds(r)))
    b.t("FORM OF PAYMENT: CC %s%s\n" % (GDS_BRAND[br], masked_pan(r, br).replace(" ", "")))
    b.t("FARE: EUR %s  TAX: %sIT %sYQ %sEX  TOTAL: EUR %s\nENDORSEMENTS: %s\n" % (amount(r), amount(r), amount(r), amount(r), amount(r), r.choice(["NONREF/NON END", "CHNG PENALTIES APPLY", "VALID AZ ONLY"])))
    if r.random() < 0.4:
        tc2, ts2 = ticket(r, code[1], emd=True)
        b.t("EMD %s  RFIC C  RFISC 0CC  EUR %s\n" % (ticket_fmt(r, tc2, ts2), amount(r)))


def n_docs_apis(c, b):
    r = c.r
    f, l = name(r)
    L, F = gds_name(f, l)
    code = r.choice(AIRLINES)
    b.t(r.choice(["Is this SSR DOCS formatted correctly for APIS?\n", "Il DOCS è formattato bene per gli USA?\n"]))
    b.t("SR DOCS %s HK1-P/ITA/%s/ITA/%s%02d/%s/%s%02d/%s/%s/P1\n" % (code[0], passport(r), date_gds(r), r.randint(50, 99), r.choice("MF"), date_gds(r), r.randint(27, 34), L, F))
    b.t("SR DOCA %s HK1-D/USA/%d %s ST/NEW YORK/NY/%s/P1\n" % (code[0], r.randint(1, 999), r.choice(["MAIN", "PARK", "5TH"]), rs(r, DG, 5)))
    b.t("SR DOCO %s HK1-//V/%s/NEW YORK/%s/USA/P1\n" % (code[0], rs(r, DG, 9), date_gds_y(r)))
    b.t("SR CTCR %s HK1-REFUSED/P1\n" % code[0])


def n_flight_status(c, b):
    r = c.r
    code = r.choice(AIRLINES)
    a, z = route(r)
    b.t(r.choice(["Write a delay notice for passengers of ", "Scrivi un avviso di ritardo per i passeggeri del volo "]))
    b.t("%s %s %s-%s: STD %s, ETD %s, gate %s%d, aircraft %s reg %s, PNR list attached (%s, %s, %s)." % (
        flight(r, code[0]), date_gds(r), a, z, hhmm(r), hhmm(r), r.choice("ABCDE"), r.randint(1, 60),
        r.choice(["A320", "A321neo", "B787-9", "E190"]), "EI-" + rs(r, UP, 3), pnr(r), pnr(r), pnr(r)))


POS_T = [(t_amadeus_pnr, 16), (t_sabre_pnr, 7), (t_ota_xml, 10), (t_json_webhook, 5), (t_hotel_folio, 9), (t_night_audit, 5),
         (t_car_rental, 6), (t_expense, 7), (t_config, 6), (t_checkin_log, 5), (t_complaint, 7), (t_booking_confirmation, 6)]
NEG_T = [(n_availability, 4), (n_fare_quote, 5), (n_seatmap, 3), (n_bsp_report, 5), (n_loyalty, 6), (n_rooming_list, 4),
         (n_eticket, 6), (n_docs_apis, 4), (n_flight_status, 3)]
NEG_FROM_POS = [t_amadeus_pnr, t_sabre_pnr, t_ota_xml, t_hotel_folio, t_car_rental, t_expense, t_json_webhook]


def wpick(r, lst):
    tot = sum(w for _, w in lst)
    x = r.uniform(0, tot)
    for fn, w in lst:
        x -= w
        if x <= 0:
            return fn
    return lst[-1][0]


def make_case(r, idx):
    lang = r.choice(["en", "it"])
    c = Ctx(r, lang)
    b = B()
    x = r.random()
    if x < 0.02:
        t_test_card(c, b)
    elif x < 0.03:
        t_pk_live(c, b)
    elif x < 0.42:
        kind = r.random()
        if kind < 0.6:
            wpick(r, NEG_T)(c, b)
        else:
            r.choice(NEG_FROM_POS)(c, b, pos=False)
    else:
        fn = wpick(r, POS_T)
        if r.random() < 0.11:
            c.evasion = r.choice(["fullwidth", "zero-width", "json-escape"])
            if fn in (t_amadeus_pnr, t_sabre_pnr):  # keep GDS-format misses out of evasion recall
                fn = r.choice([t_ota_xml, t_hotel_folio, t_complaint, t_car_rental, t_booking_confirmation, t_checkin_log])
            if c.evasion == "json-escape" and fn not in (t_json_webhook, t_ota_xml, t_complaint):
                fn = r.choice([t_json_webhook, t_json_webhook, t_ota_xml])
        fn(c, b)
    text, finds = b.build()
    return c, text, finds


def main():
    seed, n, out = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
    r = random.Random(seed)
    rows = []
    i = 0
    while len(rows) < n:
        state = r.getstate()
        c, text, finds = make_case(r, i)
        tb = text.encode()
        ok = all(tb[f["start"]:f["end"]].decode() == f["value"] and value_ok(f["type"], f["value"]) for f in finds)
        if not ok:
            raise SystemExit("bad span/value in case %d: %r" % (len(rows), finds))
        if leftovers(text, finds):
            continue  # retry with the advanced RNG state
        tags = sorted(c.tags)
        if not finds:
            tags = ["negative"] + [t for t in tags if t not in ("negative", "distractor")]
        if c.evasion and not c.evaded:
            pass
        row = {"id": "a29-%d-%04d" % (seed, len(rows)), "lang": c.lang, "text": text, "findings": finds, "tags": tags}
        if c.meta:
            row["meta"] = c.meta
        rows.append(row)
        i += 1
    with open(out, "w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
