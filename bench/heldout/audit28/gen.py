#!/usr/bin/env python3
"""audit28 held-out generator: healthcare IT messages and records (EN + IT).

  gen.py SEED N OUT.jsonl

HL7 v2 (ADT/ORU/DFT with MSH/PID/PV1/NK1/OBX/IN1), FHIR JSON + XML, CDA headers, DICOM header dumps,
lab reports, lettere di dimissione, ricette elettroniche, CUP confirmations, insurance claims,
EHR audit logs, Mirth/Rhapsody errors and channel configs.  Hard negatives of the domain: MRNs,
accession numbers, NRE, NPI (Luhn-valid), LOINC/SNOMED/ICD, HL7 control ids, HL7 timestamps, OIDs and
DICOM UIDs, tessera sanitaria card numbers (20 digits, 80380..., Luhn-valid), AIC codes, lot numbers,
dosages, device serials, invalid-checksum codici fiscali and partite IVA, masked/placeholder passwords.

Span conventions (as dev.jsonl): the bare value only.  HL7 XTN phone split over components
(`^PRN^PH^^39^02^87364410`) is labelled from the country-code component to the local number
(`39^02^87364410`), i.e. XTN.5..XTN.7 — the dialable number — excluding use/equipment codes.
CDA `tel:`/`mailto:` URI schemes are outside the span.  Credential URLs cover the whole URL
(including a `jdbc:` prefix); an IP or host inside a credential URL is not labelled separately.

Deterministic per seed; Python 3 stdlib only; values fabricated at run time with
bench/heldout/audit16/values.py (loaded via importlib).
"""
import importlib.util, ipaddress, json, os, random, re, sys, unicodedata

_here = os.path.dirname(os.path.abspath(__file__))
_spec = importlib.util.spec_from_file_location("a16values", os.path.join(_here, "..", "audit16", "values.py"))
V = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(V)

DG, UP, LO, AN = V.DG, V.UP, V.LO, V.AN
rs = V.rs


# ------------------------------------------------------------------ builder
class B:
    def __init__(self, r, evasion=None):
        self.r = r
        self.parts = []
        self.n = 0
        self.f = []
        self.evasion = evasion      # None | fullwidth | zero-width | json-escape
        self.evaded = 0

    def t(self, x):
        self.parts.append(x)
        self.n += len(x.encode("utf-8"))
        return self

    def v(self, typ, x, ev=True):
        if ev and self.evasion and self.evaded == 0 and self.r.random() < 0.7:
            y = evade(self.r, self.evasion, typ, x)
            if y != x:
                x = y
                self.evaded += 1
        s = self.n
        self.t(x)
        self.f.append({"type": typ, "start": s, "end": self.n, "value": x})
        return self

    def text(self):
        return "".join(self.parts)


def evade(r, kind, typ, x):
    if kind == "fullwidth":
        if typ == "EMAIL":
            return x.replace("@", "\uff20")
        # full-width digits / letters for the whole value
        return "".join(chr(ord(c) + 0xFEE0) if c.isalnum() and ord(c) < 128 else c for c in x)
    if kind == "zero-width":
        if len(x) < 6:
            return x
        zw = r.choice(["\u200b", "\u200c", "\u2060", "\u00ad"])
        k = r.randint(2, len(x) - 2)
        y = x[:k] + zw + x[k:]
        if r.random() < 0.4 and len(x) > 10:
            k2 = r.randint(k + 2, len(y) - 1)
            y = y[:k2] + zw + y[k2:]
        return y
    if kind == "json-escape":
        if typ == "EMAIL":
            return x.replace("@", "\\u0040")
        out, n = [], 0
        for c in x:
            if c.isalnum() and n < 6 and r.random() < 0.5:
                out.append("\\u%04x" % ord(c))
                n += 1
            else:
                out.append(c)
        return "".join(out) if n else "\\u%04x" % ord(x[0]) + x[1:]
    raise ValueError(kind)


# ------------------------------------------------------------------ normalisation + validators
_UESC = re.compile(r"\\u([0-9a-fA-F]{4})")


def norm(s):
    s = _UESC.sub(lambda m: chr(int(m.group(1), 16)), s)
    return V.nfkc_strip(s)


def phone_ok(s):
    s = norm(s)
    if not re.fullmatch(r"[\d ().\-/^+]+", s) or s.count("+") > 1:
        return False
    d = re.sub(r"\D", "", s)
    return 8 <= len(d) <= 15


CRED_RE = re.compile(r"(?:jdbc:)?[a-z][a-z0-9+.-]*://[^\s/:@]+:([^\s@/]+)@[\w.-]+(?::\d+)?(?:/[^\s]*)?")
PLACEHOLDER = re.compile(r"^(?:\*+|x+|X+|\$\{[^}]*\}|<[^>]*>|\[[A-Za-z_ ]+\]|%[A-Z_]+%|changeme_placeholder|#+)$")

CONF_WORDS = ["STRETTAMENTE RISERVATO", "RISERVATO", "STRICTLY CONFIDENTIAL", "CONFIDENTIAL",
              "INTERNAL USE ONLY", "USO INTERNO", "TLP:RED", "TLP:AMBER"]


def valid(typ, v):
    n = norm(v)
    if typ == "EMAIL":
        return bool(V.EMAIL_RE.fullmatch(n))
    if typ == "PHONE":
        return phone_ok(v)
    if typ == "IT_FISCAL_CODE":
        return V.cf_ok(n.replace(" ", ""))
    if typ == "IBAN":
        return V.iban_ok(n)
    if typ == "US_SSN":
        return V.ssn_ok(n)
    if typ == "IT_VAT":
        return V.piva_ok(n)
    if typ == "CREDIT_CARD":
        return V.card_ok(n) and card_iin_ok(re.sub(r"\D", "", n))
    if typ == "IP_ADDRESS":
        try:
            ipaddress.ip_address(n)
            return True
        except ValueError:
            return False
    if typ == "CREDENTIAL_URL":
        m = CRED_RE.fullmatch(n)
        return bool(m) and not PLACEHOLDER.match(m.group(1))
    if typ == "PASSWORD":
        return bool(n) and not re.search(r"\s", n) and not PLACEHOLDER.match(n)
    if typ == "JWT":
        return V.jwt_ok(n)
    if typ == "CONFIDENTIAL_MARKER":
        return n in CONF_WORDS
    raise ValueError(typ)


def card_iin_ok(d):
    if not 13 <= len(d) <= 19:
        return False
    p2, p3, p4 = int(d[:2]), int(d[:3]), int(d[:4])
    return (d[0] == "4" or 51 <= p2 <= 55 or 2221 <= p4 <= 2720 or p2 in (34, 37, 36, 38, 65, 62) or
            300 <= p3 <= 305 or d.startswith("6011") or 644 <= p3 <= 649 or 3528 <= p4 <= 3589)


# scanners over the blanked text: any hit means an unlabelled valid value -> retry
def stray(text):
    T = norm(text)
    hits = []
    for m in V.EMAIL_RE.finditer(T):
        hits.append(("EMAIL", m.group()))
    for m in re.finditer(r"(?i)(?<![A-Z0-9])[A-Z0-9]{16}(?![A-Z0-9])", T):
        if V.cf_ok(m.group().upper()):
            hits.append(("IT_FISCAL_CODE", m.group()))
    for m in re.finditer(r"(?i)(?<![A-Z0-9])[A-Z]{2}\d{2}(?: ?[A-Z0-9]){11,30}", T):
        c = m.group().replace(" ", "").upper()
        L = V.IBAN_LEN.get(c[:2])
        if L and len(c) >= L and V.iban_ok(c[:L]):
            hits.append(("IBAN", c[:L]))
    for m in re.finditer(r"(?<![\d])\d(?:[ -]?\d){12,18}(?!\d)", T):
        d = re.sub(r"\D", "", m.group())
        if V.luhn_sum_ok(d) and card_iin_ok(d):
            hits.append(("CREDIT_CARD", m.group()))
    for m in re.finditer(r"(?<!\d)\d{11}(?!\d)", T):
        if V.piva_ok(m.group()):
            hits.append(("IT_VAT", m.group()))
    for m in re.finditer(r"(?<![\d-])\d{3}[- ]\d{2}[- ]\d{4}(?![\d-])", T):
        if V.ssn_ok(m.group()):
            hits.append(("US_SSN", m.group()))
    for m in V.IPV4_RE.finditer(T):
        if V.ipv4_ok(m.group()):
            hits.append(("IP_ADDRESS", m.group()))
    for m in re.finditer(r"(?<![\w:.])[0-9a-fA-F:]{2,39}(?![\w:])", T):
        if m.group().count(":") >= 2:
            try:
                ipaddress.IPv6Address(m.group())
                hits.append(("IP_ADDRESS", m.group()))
            except ValueError:
                pass
    for m in re.finditer(r"eyJ[\w-]+\.[\w-]+\.[\w-]*", T):
        if V.jwt_ok(m.group()):
            hits.append(("JWT", m.group()))
    for m in re.finditer(r"://[^\s/:@#]+:([^\s@/]+)@", T):
        if not PLACEHOLDER.match(m.group(1)):
            hits.append(("CREDENTIAL_URL", m.group()))
    for m in re.finditer(r"(?i)(?:password|passwd|pwd|pass|kennwort)\"?\s*[:=]\s*\"?([^\s\"',;&<>#]+)", T):
        if not PLACEHOLDER.match(m.group(1)) and m.group(1).lower() not in ("null", "none", "true", "false"):
            hits.append(("PASSWORD", m.group()))
    for m in re.finditer(r"(?i)<(?:password|pwd)>([^<]+)</", T):
        if not PLACEHOLDER.match(m.group(1)):
            hits.append(("PASSWORD", m.group()))
    for w in CONF_WORDS:
        if re.search(r"(?<![A-Za-z])" + re.escape(w) + r"(?![A-Za-z])", T):
            hits.append(("CONFIDENTIAL_MARKER", w))
    # phones (conservative)
    for rx in (r"(?<![\w.+/])(?:\+|00)\d{1,3}[ .\-/]?\(?\d{1,4}\)?(?:[ .\-/]?\d{2,8}){1,4}(?![\w])",
               r"(?<![\w.+/-])(?<!AIC )0\d{1,3}[ /.-]?\d{5,8}(?![\w])",
               r"(?<![\w.+/-])3\d{2}[ .-]?\d{3}[ .-]?\d{3,4}(?![\w])",
               r"(?<![\w.])\(?[2-9]\d{2}\)?[ .-]?\d{3}[ .-]\d{4}(?![\w])",
               r"\^\d{1,3}\^\d{2,4}\^\d{5,8}"):
        for m in re.finditer(rx, T):
            if len(re.sub(r"\D", "", m.group())) >= 8:
                hits.append(("PHONE", m.group()))
    return hits


# ------------------------------------------------------------------ fabricators of the domain
IT_DOMAINS = ["asst-fbf-sacco.it", "ospedaleniguarda.it", "aslroma1.it", "aou-careggi.toscana.it", "policlinico.mi.it",
              "ausl.bologna.it", "aslto4.piemonte.it", "ospedale-sanmartino.it", "libero.it", "gmail.com", "virgilio.it",
              "pec.omceomi.it", "tiscali.it", "alice.it", "hotmail.it"]
US_DOMAINS = ["mgh.harvard.edu", "stlukes-health.org", "gmail.com", "yahoo.com", "bcbs-claims.com", "kp-nw.org",
              "outlook.com", "mercyhealth.net"]
HOSP_IT = ["OSP_NIGUARDA", "ASST_FBF_SACCO", "AOU_CAREGGI", "POLICLINICO_MI", "AUSL_BO", "ASL_ROMA1"]
HOSP_US = ["MGH", "STLUKES", "MERCY", "KP_NW", "BAYSTATE"]
CF_OID = "2.16.840.1.113883.2.9.4.3.2"
SSN_OID = "2.16.840.1.113883.4.1"
LOINC = [("2345-7", "Glucose", "mg/dL", "70-99"), ("718-7", "Hemoglobin", "g/dL", "12.0-16.0"),
         ("2160-0", "Creatinine", "mg/dL", "0.6-1.2"), ("6690-2", "WBC", "10*3/uL", "4.0-10.5"),
         ("777-3", "Platelets", "10*3/uL", "150-400"), ("2951-2", "Sodium", "mmol/L", "135-145"),
         ("2823-3", "Potassium", "mmol/L", "3.5-5.1"), ("4548-4", "HbA1c", "%", "4.0-5.6"),
         ("1742-6", "ALT", "U/L", "7-56"), ("2093-3", "Cholesterol", "mg/dL", "<200")]
ICD = ["E11.9", "I10", "J18.9", "N39.0", "I50.9", "K35.80", "S72.001A", "C34.90", "428.0", "250.00", "486", "V58.61"]
SNOMED = ["38341003", "44054006", "233604007", "195967001", "22298006", "73211009", "271737000"]
DRUGS = ["Metformina 500 mg 1 cp x 2/die", "Ramipril 5 mg 1 cp/die", "Amoxicillina/ac. clav. 875/125 mg 1 cp x 3/die",
         "Enoxaparina 4000 UI s.c. 1 fl/die", "Furosemide 25 mg 1 cp/die", "Atorvastatina 20 mg 1 cp la sera",
         "Pantoprazolo 40 mg 1 cp a digiuno", "Paracetamolo 1000 mg al bisogno (max 3 g/die)"]
DRUGS_EN = ["Metformin 500 mg PO BID", "Lisinopril 10 mg PO daily", "Atorvastatin 40 mg PO QHS",
            "Enoxaparin 40 mg SC daily", "Furosemide 20 mg IV q12h", "Ceftriaxone 1 g IV q24h"]
WARDS = ["MED", "CHIR", "CARD", "ORTO", "PNEU", "GERI", "ONCO"]


def name(r):
    return V.person(r)


def email(r, f=None, l=None, dom=None):
    return V.email_make(r, f, l, dom)


def mrn(r):
    return r.choice("12456789") + rs(r, DG, r.choice([6, 7, 9]))


def accession(r):
    return r.choice(["ACC", "RX", "LAB", "A"]) + r.choice(["", "-"]) + "%02d" % r.randint(20, 26) + rs(r, DG, 8)


def ctrl_id(r):
    return r.choice(["MSG", "HIS", "Q", ""]) + rs(r, DG, r.choice([8, 10, 12])) if r.random() < 0.5 else hl7_ts(r) + rs(r, DG, 3)


def hl7_ts(r, secs=True):
    s = "20%02d%02d%02d%02d%02d" % (r.randint(19, 26), r.randint(1, 12), r.randint(1, 28), r.randint(0, 23), r.randint(0, 59))
    return s + ("%02d" % r.randint(0, 59) if secs else "")


def dob(r):
    return "%04d%02d%02d" % (r.randint(1932, 2015), r.randint(1, 12), r.randint(1, 28))


def date_it(r):
    return "%02d/%02d/20%02d" % (r.randint(1, 28), r.randint(1, 12), r.randint(20, 26))


def date_iso(r):
    return "20%02d-%02d-%02d" % (r.randint(20, 26), r.randint(1, 12), r.randint(1, 28))


def oid(r):
    return r.choice(["2.16.840.1.113883.2.9.2.%d0.4.%d" % (r.randint(1, 20), r.randint(1, 9)),
                     "1.3.6.1.4.1.%d.%d.%d" % (r.randint(1000, 59999), r.randint(1, 9), r.randint(1, 99)),
                     "2.16.840.1.113883.3.%d.%d" % (r.randint(100, 9999), r.randint(1, 20))])


def dicom_uid(r):
    return r.choice(["1.2.840.113619.2.%d.%d.%d.%d" % (r.randint(1, 500), r.randint(1000, 9999), r.randint(10 ** 6, 10 ** 8), r.randint(1, 999)),
                     "1.3.12.2.1107.5.1.4.%d.%d" % (r.randint(10000, 99999), r.randint(10 ** 11, 10 ** 13)),
                     "2.25.%d" % r.randint(10 ** 30, 10 ** 36)])


def ts_card(r):
    """tessera sanitaria card number: 20 digits, 80380 + issuer + serial, Luhn check digit"""
    return V.luhn_complete("80380" + "0" * 3 + rs(r, DG, 11))


def npi(r):
    body = "1" + rs(r, DG, 8)
    for c in DG:
        if V.luhn_sum_ok("80840" + body + c):
            return body + c


def nre(r):
    return "%03d" % r.choice([10, 30, 50, 80, 90, 120, 150, 160, 190]) + "A" + rs(r, DG, 11)


def aic(r):
    return "0" + rs(r, DG, 8)


def lot(r):
    return r.choice(["", "L", "LOT"]) + rs(r, UP + DG, r.randint(5, 8))


def serial(r):
    return r.choice(["SN", "S/N ", ""]) + rs(r, UP, 2) + rs(r, DG, 6) + r.choice(["", "-" + rs(r, UP + DG, 3)])


def bad_piva(r):
    p = V.piva_make(r)
    return V.piva_break(p)


def pw(r, forbid="", n=None):
    while True:
        p = V.password_make(r)
        if any(c in p for c in forbid) or p[0] in "-#*&!%@":
            continue
        if re.search(r"(?i)^(x+|\*+)$", p):
            continue
        return p


def urlpw(r):
    return rs(r, AN, r.randint(3, 6)) + r.choice(["!", "_", "-", ".", "*", ""]) + rs(r, AN, r.randint(5, 10))


def it_phone(r, kind=None):
    kind = kind or r.choice(["it_mob", "it_land"])
    return V.phone_make(r, kind)


def xtn_comp(r, region):
    if region == "it_land":
        a = r.choice(["02", "06", "011", "051", "055", "081", "010", "041", "045", "0521"])
        return "39", a, rs(r, "123456789", 1) + rs(r, DG, 9 - len(a))
    if region == "it_mob":
        return "39", "3" + r.choice("2345689") + rs(r, DG, 1), rs(r, "1234567", 1) + rs(r, DG, 6)
    a = r.choice(["212", "312", "415", "617", "737", "206", "303", "646"])
    return "1", a, str(r.randint(201, 989)).replace("555", "556") + rs(r, DG, 4)


def us_phone(r):
    return V.phone_make(r, "us")


def ipv4(r):
    return V.ipv4_make(r)


# ------------------------------------------------------------------ templates
# each returns (lang, tags:set, meta:dict|None); writes into builder b


def t_hl7_adt_it(b, r, judge=False):
    f, l = name(r)
    cf = V.cf_make(r, omocodia=r.choice([0, 0, 0, 0, 1, 2]))
    hosp = r.choice(HOSP_IT)
    intro = r.choice(["Il motore di integrazione scarta questo ADT, perché?\n",
                      "Questo messaggio A08 arriva al RIS con il telefono sbagliato, mi aiuti a capire quale campo?\n",
                      "Can you parse this HL7 ADT and map PID to our FHIR Patient?\n", "", "Errore di parsing su PID:\n"])
    sep = "\r\n" if r.random() < 0.3 else "\n"
    b.t(intro)
    b.t("MSH|^~\\&|%s|%s|RIS|RAD|%s||ADT^A%02d^ADT_A01|%s|P|2.5|||AL|NE|ITA%s" % (
        r.choice(["HIS", "ADT", "SIO"]), hosp, hl7_ts(r), r.choice([1, 4, 8, 28, 31]), ctrl_id(r), sep))
    b.t("EVN|A08|%s%s" % (hl7_ts(r), sep))
    b.t("PID|1||")
    b.v("IT_FISCAL_CODE", cf)
    b.t("^^^MEF&%s&ISO^NNITA~%s^^^%s&%s&ISO^PI||%s^%s^^^^^L||%s|%s|||VIA %s %d^^%s^%s^%05d^ITA^H||" % (
        CF_OID, mrn(r), hosp, oid(r), l.upper(), f.upper(), dob(r), r.choice("MF"),
        r.choice(["ROMA", "GARIBALDI", "MAZZINI", "VERDI", "DANTE"]), r.randint(1, 180),
        r.choice(["MILANO", "ROMA", "FIRENZE", "TORINO", "BOLOGNA"]), r.choice(["MI", "RM", "FI", "TO", "BO"]),
        r.randint(10100, 98100)))
    reps = []
    k = r.randint(1, 3)
    for i in range(k):
        style = r.choice(["comp", "comp", "plain", "email"]) if i else r.choice(["comp", "comp", "plain"])
        reps.append(style)
    for i, style in enumerate(reps):
        if i:
            b.t("~")
        if style == "comp":
            cc, a, loc = xtn_comp(r, r.choice(["it_land", "it_mob"]))
            b.t("^%s^%s^^" % (r.choice(["PRN", "ORN", "WPN"]), "CP" if a.startswith("3") else "PH"))
            b.v("PHONE", "%s^%s^%s" % (cc, a, loc))
        elif style == "plain":
            b.v("PHONE", it_phone(r))
            b.t("^PRN^%s" % r.choice(["PH", "CP"]))
        else:
            b.t("^NET^Internet^")
            b.v("EMAIL", email(r, f, l, r.choice(IT_DOMAINS)))
    b.t("|||%s||||||||||||%s" % (r.choice(["S", "M", "W", ""]), sep))
    b.t("PV1|1|%s|%s^%d^%d^%s||||%d^%s^%s|||%s||||||||V%s%s" % (
        r.choice("IOE"), r.choice(WARDS), r.randint(100, 520), r.randint(1, 4), hosp, r.randint(1000, 99999),
        r.choice(V.LAST_NAMES).upper().replace("'", ""), r.choice(V.FIRST_NAMES).upper(), r.choice(WARDS),
        rs(r, DG, 8), sep))
    if r.random() < 0.5:
        nf, nl = name(r)
        b.t("NK1|1|%s^%s|%s||" % (nl.upper(), nf.upper(), r.choice(["SPO^Coniuge", "CHD^Figlio", "PAR^Genitore"])))
        if r.random() < 0.5:
            b.v("PHONE", it_phone(r))
        else:
            cc, a, loc = xtn_comp(r, "it_mob")
            b.t("^PRN^CP^^")
            b.v("PHONE", "%s^%s^%s" % (cc, a, loc))
        b.t(sep)
    return "it" if not intro.startswith("Can") else "en", {"distractor"}, None


def t_hl7_adt_us(b, r, judge=False):
    f, l = name(r)
    hosp = r.choice(HOSP_US)
    sep = "\r" if r.random() < 0.2 else "\n"
    b.t(r.choice(["Our interface engine rejects this A04, what's wrong with PID?\n", "Map this ADT to FHIR R4 please:\n",
                  "Why does Epic bridge drop PID-13?\n", ""]))
    b.t("MSH|^~\\&|EPIC|%s|LAB|%s|%s||ADT^A04|%s|P|2.3%s" % (hosp, hosp, hl7_ts(r), ctrl_id(r), sep))
    b.t("PID|1|%s|%s^^^%s^MR||%s^%s^%s||%s|%s||2106-3|%d %s St^^%s^%s^%05d^USA||" % (
        mrn(r), mrn(r), hosp, l.upper().replace("'", ""), f.upper(), r.choice(LO).upper(), dob(r), r.choice("MF"),
        r.randint(1, 999), r.choice(["Oak", "Elm", "Main", "Maple", "Cedar"]), r.choice(["Boston", "Denver", "Austin"]),
        r.choice(["MA", "CO", "TX"]), r.randint(1001, 99950)))
    if r.random() < 0.5:
        b.v("PHONE", us_phone(r))
        b.t("^PRN^PH")
    else:
        cc, a, loc = xtn_comp(r, "us")
        b.t("^PRN^PH^^")
        b.v("PHONE", "%s^%s^%s" % (cc, a, loc))
    if r.random() < 0.6:
        b.t("~^NET^Internet^")
        b.v("EMAIL", email(r, f, l, r.choice(US_DOMAINS)))
    b.t("|")
    if r.random() < 0.4:
        cc, a, loc = xtn_comp(r, "us")
        b.t("^WPN^PH^^")
        b.v("PHONE", "%s^%s^%s" % (cc, a, loc))
    b.t("|ENG|%s||%s|" % (r.choice("SMD"), "V" + rs(r, DG, 8)))
    meta = None
    tags = set()
    ssn = V.ssn_make(r)
    if judge:
        b.v("US_SSN", ssn.replace("-", ""), ev=False)
        meta = {"reason": "PID-19 (SSN Number - Patient) holds an undelimited 9-digit SSN; only the HL7 field position "
                          "says it is an SSN"}
        tags.add("judgement")
    else:
        b.v("US_SSN", ssn)
    b.t("|%s%s" % ("D" + rs(r, DG, 7) + "^" + r.choice(["MA", "CO", "TX"]), sep))
    b.t("PV1|1|O|ER^^^%s||||%s^%s^%s^^^^MD^^^NPI|||ER%s" % (hosp, npi(r), r.choice(V.LAST_NAMES).upper().replace("'", ""),
                                                         r.choice(V.FIRST_NAMES).upper(), sep))
    if r.random() < 0.6:
        b.t("IN1|1|%s|%s|%s|PO BOX %d^^%s^%s^%05d||" % (rs(r, UP, 3) + rs(r, DG, 3), rs(r, DG, 5),
                                                     r.choice(["AETNA", "BCBS MA", "CIGNA", "UNITED HEALTHCARE"]),
                                                     r.randint(100, 9999), "Hartford", "CT", r.randint(6000, 6999)))
        if r.random() < 0.6:
            b.v("PHONE", us_phone(r))
        else:
            b.v("PHONE", "800-%03d-%04d" % (r.randint(200, 999), r.randint(0, 9999)))  # payer toll-free line
        b.t("|GRP%s||||%s|%s||||||||||||||||||||||||%s%s" % (rs(r, DG, 6), date_iso(r).replace("-", ""), date_iso(r).replace("-", ""),
                                                             r.choice(["W", "XEH", "ZGP"]) + rs(r, DG, 9), sep))
    return "en", tags, meta


def t_hl7_oru_neg(b, r, judge=False):
    f, l = name(r)
    sep = "\n"
    it = r.random() < 0.5
    b.t(r.choice(["Il referto non compare nel FSE, il messaggio ORU è corretto?\n", "Spiegami i campi OBX di questo ORU^R01:\n"]
                 if it else ["Why does the LIS reject this ORU^R01?\n", "Explain the OBX segments in this result message:\n"]))
    b.t("MSH|^~\\&|LIS|%s|EHR|%s|%s||ORU^R01^ORU_R01|%s|P|2.5.1%s" % (r.choice(HOSP_IT + HOSP_US), r.choice(HOSP_IT + HOSP_US),
                                                                   hl7_ts(r), ctrl_id(r), sep))
    b.t("PID|1||%s^^^%s&%s&ISO^MR||%s^%s||%s|%s%s" % (mrn(r), r.choice(HOSP_IT), oid(r), l.upper().replace("'", ""), f.upper(),
                                                   dob(r), r.choice("MF"), sep))
    b.t("OBR|1|%s|%s|24331-1^Lipid panel^LN|||%s|||||||%s||%s^%s%s" % (accession(r), accession(r), hl7_ts(r), hl7_ts(r), npi(r),
                                                                       r.choice(V.LAST_NAMES).upper().replace("'", ""), sep))
    for i in range(r.randint(2, 5)):
        code, nm, unit, rng = r.choice(LOINC)
        b.t("OBX|%d|NM|%s^%s^LN||%s|%s|%s|%s|||F|||%s||%s%s" % (i + 1, code, nm, round(r.uniform(0.5, 250), 1), unit, rng,
                                                                 r.choice(["N", "H", "L", ""]), hl7_ts(r), serial(r), sep))
    b.t("NTE|1||Reagent lot %s exp %s; SNOMED %s; ICD-10 %s%s" % (lot(r), date_iso(r)[:7], r.choice(SNOMED), r.choice(ICD), sep))
    return ("it" if it else "en"), {"negative", "distractor"}, None


def t_fhir_json(b, r, judge=False):
    f, l = name(r)
    it = r.random() < 0.6
    ind = "  "
    b.t(r.choice(["Il server FHIR risponde 422 a questa POST /Patient, cosa manca?\n",
                  "Valida questo Patient FHIR R4 (profilo Anagrafe):\n"] if it else
                 ["HAPI returns 422 for this Patient resource, why?\n", "Convert this FHIR Patient to an HL7 v2 PID segment:\n"]))
    b.t("{\n%s\"resourceType\": \"Patient\",\n%s\"id\": \"%s\",\n" % (ind, ind, mrn(r)))
    b.t("%s\"meta\": {\"lastUpdated\": \"%sT%02d:%02d:00+01:00\"},\n" % (ind, date_iso(r), r.randint(0, 23), r.randint(0, 59)))
    b.t("%s\"identifier\": [\n" % ind)
    if it:
        b.t("%s%s{\"system\": \"http://hl7.it/sid/codiceFiscale\", \"value\": \"" % (ind, ind))
        b.v("IT_FISCAL_CODE", V.cf_make(r, omocodia=r.choice([0, 0, 0, 1])))
        b.t("\"},\n")
        if r.random() < 0.5:
            b.t("%s%s{\"system\": \"urn:oid:2.16.840.1.113883.2.9.4.3.15\", \"value\": \"%s\"},\n" % (ind, ind, ts_card(r)))
    else:
        b.t("%s%s{\"system\": \"http://hl7.org/fhir/sid/us-ssn\", \"value\": \"" % (ind, ind))
        b.v("US_SSN", V.ssn_make(r))
        b.t("\"},\n")
        b.t("%s%s{\"system\": \"http://hl7.org/fhir/sid/us-npi\", \"value\": \"%s\"},\n" % (ind, ind, npi(r)))
    b.t("%s%s{\"system\": \"urn:oid:%s\", \"value\": \"%s\"}\n%s],\n" % (ind, ind, oid(r), mrn(r), ind))
    b.t("%s\"name\": [{\"family\": \"%s\", \"given\": [\"%s\"]}],\n" % (ind, l, f))
    b.t("%s\"telecom\": [\n" % ind)
    n = r.randint(1, 3)
    for i in range(n):
        sysk = r.choice(["phone", "phone", "email"]) if i else "phone"
        b.t("%s%s{\"system\": \"%s\", \"value\": \"" % (ind, ind, sysk))
        if sysk == "phone":
            b.v("PHONE", it_phone(r) if it else us_phone(r))
            use = r.choice(["home", "mobile", "work"])
        else:
            b.v("EMAIL", email(r, f, l, r.choice(IT_DOMAINS if it else US_DOMAINS)))
            use = "home"
        b.t("\", \"use\": \"%s\"}%s\n" % (use, "," if i < n - 1 else ""))
    b.t("%s],\n%s\"birthDate\": \"%s\"\n}" % (ind, ind, date_iso(r).replace("20", "19", 1)))
    return ("it" if it else "en"), set(), None


def t_fhir_xml(b, r, judge=False):
    f, l = name(r)
    it = r.random() < 0.4
    b.t(r.choice(["Perché il validatore FHIR segnala errore su telecom?\n"] if it else
                 ["The validator complains about telecom in this Patient XML:\n", "Transform this FHIR XML to JSON:\n"]))
    b.t("<Patient xmlns=\"http://hl7.org/fhir\">\n  <id value=\"%s\"/>\n" % mrn(r))
    b.t("  <identifier>\n    <system value=\"%s\"/>\n    <value value=\"" % (
        "http://hl7.it/sid/codiceFiscale" if it else "http://hl7.org/fhir/sid/us-ssn"))
    if it:
        b.v("IT_FISCAL_CODE", V.cf_make(r))
    else:
        b.v("US_SSN", V.ssn_make(r))
    b.t("\"/>\n  </identifier>\n  <identifier>\n    <system value=\"urn:oid:%s\"/>\n    <value value=\"%s\"/>\n  </identifier>\n" % (
        oid(r), accession(r)))
    for i in range(r.randint(1, 2)):
        b.t("  <telecom>\n    <system value=\"phone\"/>\n    <value value=\"")
        b.v("PHONE", it_phone(r) if it else us_phone(r))
        b.t("\"/>\n    <use value=\"%s\"/>\n  </telecom>\n" % r.choice(["home", "mobile", "work"]))
    if r.random() < 0.7:
        b.t("  <telecom>\n    <system value=\"email\"/>\n    <value value=\"")
        b.v("EMAIL", email(r, f, l, r.choice(IT_DOMAINS if it else US_DOMAINS)))
        b.t("\"/>\n  </telecom>\n")
    b.t("  <birthDate value=\"19%02d-%02d-%02d\"/>\n</Patient>" % (r.randint(30, 99), r.randint(1, 12), r.randint(1, 28)))
    return ("it" if it else "en"), set(), None


def t_cda(b, r, judge=False):
    f, l = name(r)
    b.t(r.choice(["Questa lettera CDA2 viene rifiutata dal FSE regionale, controlla il recordTarget:\n",
                  "Estrai i dati anagrafici da questo header CDA:\n"]))
    b.t("<ClinicalDocument xmlns=\"urn:hl7-org:v3\">\n  <realmCode code=\"IT\"/>\n")
    b.t("  <id root=\"%s\" extension=\"%s\"/>\n" % (oid(r), rs(r, DG, 10)))
    b.t("  <code code=\"34105-7\" codeSystem=\"2.16.840.1.113883.6.1\" displayName=\"Lettera di dimissione ospedaliera\"/>\n")
    b.t("  <effectiveTime value=\"%s+0100\"/>\n  <confidentialityCode code=\"%s\" codeSystem=\"2.16.840.1.113883.5.25\"/>\n" % (
        hl7_ts(r), r.choice("NRV")))
    b.t("  <recordTarget><patientRole>\n    <id root=\"%s\" extension=\"" % CF_OID)
    b.v("IT_FISCAL_CODE", V.cf_make(r, omocodia=r.choice([0, 0, 1])))
    b.t("\" assigningAuthorityName=\"Ministero Economia e Finanze\"/>\n")
    b.t("    <id root=\"2.16.840.1.113883.2.9.4.3.15\" extension=\"%s\"/>\n" % ts_card(r))
    b.t("    <telecom use=\"%s\" value=\"tel:" % r.choice(["HP", "MC", "WP"]))
    ph = it_phone(r)
    if r.random() < 0.5:
        ph = re.sub(r"[ ./]", "-", ph)
    b.v("PHONE", ph)
    b.t("\"/>\n")
    if r.random() < 0.6:
        b.t("    <telecom use=\"HP\" value=\"mailto:")
        b.v("EMAIL", email(r, f, l, r.choice(IT_DOMAINS)))
        b.t("\"/>\n")
    b.t("    <patient><name><given>%s</given><family>%s</family></name>\n" % (f, l))
    b.t("      <birthTime value=\"%s\"/></patient>\n  </patientRole></recordTarget>\n" % dob(r))
    b.t("  <author><assignedAuthor><id root=\"%s\" extension=\"" % CF_OID)
    b.v("IT_FISCAL_CODE", V.cf_make(r))
    b.t("\"/></assignedAuthor></author>\n</ClinicalDocument>")
    return "it", {"distractor"}, None


def t_dicom(b, r, judge=False):
    f, l = name(r)
    it = r.random() < 0.6
    b.t(r.choice(["dcmdump dello studio che il PACS non associa al paziente:\n", "Perché il PACS non riconcilia questo studio?\n"]
                 if it else ["dcmdump output, the worklist match fails:\n", "Why doesn't the PACS reconcile this study?\n"]))
    rows = [("0008,0016", "UI", "=CTImageStorage"), ("0008,0018", "UI", dicom_uid(r)), ("0008,0020", "DA", dob(r)),
            ("0008,0050", "SH", accession(r)), ("0008,0080", "LO", r.choice(HOSP_IT if it else HOSP_US)),
            ("0010,0010", "PN", "%s^%s" % (l.upper(), f.upper()))]
    for tag, vr, val in rows:
        b.t("(%s) %s [%s]\n" % (tag, vr, val) if not val.startswith("=") else "(%s) %s %s\n" % (tag, vr, val))
    b.t("(0010,0020) LO [")
    if it:
        b.v("IT_FISCAL_CODE", V.cf_make(r))
    else:
        b.t(mrn(r))
    b.t("]\n(0010,0021) LO [%s]\n(0010,0030) DA [%s]\n(0010,0040) CS [%s]\n" % (
        "MEF" if it else r.choice(HOSP_US), dob(r), r.choice("MF")))
    if not it or r.random() < 0.4:
        b.t("(0010,1000) LO [")
        b.v("US_SSN", V.ssn_make(r)) if not it else b.t(mrn(r))
        b.t("]   # OtherPatientIDs\n")
    if r.random() < 0.8:
        b.t("(0010,2154) SH [")
        b.v("PHONE", (it_phone(r) if it else us_phone(r)))
        b.t("]   # PatientTelephoneNumbers\n")
    b.t("(0018,1000) LO [%s]   # DeviceSerialNumber\n(0020,000D) UI [%s]\n(0020,000E) UI [%s]\n" % (
        serial(r), dicom_uid(r), dicom_uid(r)))
    return ("it" if it else "en"), {"distractor"}, None


def t_dicom_neg(b, r, judge=False):
    f, l = name(r)
    b.t(r.choice(["Che cosa indicano questi tag DICOM?\n", "Explain these DICOM attributes:\n"]))
    b.t("(0008,0018) UI [%s]\n(0008,0050) SH [%s]\n(0010,0010) PN [%s^%s]\n(0010,0020) LO [%s]\n(0010,0030) DA [%s]\n" % (
        dicom_uid(r), accession(r), l.upper(), f.upper(), mrn(r), dob(r)))
    b.t("(0018,1000) LO [%s]\n(0018,1020) LO [VA%d.%d]\n(0020,000D) UI [%s]\n(0028,0030) DS [0.%d\\0.%d]\n" % (
        serial(r), r.randint(10, 60), r.randint(0, 9), dicom_uid(r), r.randint(300, 900), r.randint(300, 900)))
    b.t("(0040,0009) SH [%s]   # ScheduledProcedureStepID\n" % rs(r, DG, 8))
    return "en", {"negative", "distractor"}, None


def t_lab_report(b, r, judge=False):
    f, l = name(r)
    b.t(r.choice(["Riassumi questo referto per il paziente in linguaggio semplice:\n\n",
                  "Traduci in inglese questo referto:\n\n"]))
    b.t("LABORATORIO ANALISI — %s\nTel. " % r.choice(["Presidio Ospedaliero di Legnano", "Ospedale Maggiore", "AOU Careggi"]))
    b.v("PHONE", it_phone(r, "it_land"))
    b.t(" — Accettazione n. %s del %s\n" % (accession(r), date_it(r)))
    b.t("Paziente: %s %s  nato il %02d/%02d/19%02d  C.F. " % (l.upper(), f.upper(), r.randint(1, 28), r.randint(1, 12), r.randint(30, 99)))
    tags, meta = {"distractor"}, None
    cf = V.cf_make(r)
    if judge:
        spaced = "%s %s %s %s" % (cf[:3], cf[3:6], cf[6:11], cf[11:])
        b.v("IT_FISCAL_CODE", spaced, ev=False)
        tags.add("judgement")
        meta = {"reason": "codice fiscale printed in 3-3-5-5 groups with spaces, as on some lab letterheads; "
                          "valid after removing spaces"}
    else:
        b.v("IT_FISCAL_CODE", cf)
    b.t("\nTessera sanitaria n. %s  Medico richiedente: dr. %s\n\n" % (ts_card(r), r.choice(V.LAST_NAMES)))
    for i in range(r.randint(3, 6)):
        code, nm, unit, rng = r.choice(LOINC)
        b.t("%-12s %6s %-8s (v.r. %s)  [LOINC %s]\n" % (nm, round(r.uniform(0.5, 250), 1), unit, rng, code))
    b.t("\nLotto reagente %s, strumento %s. Validato il %s.\n" % (lot(r), serial(r), date_it(r)))
    if r.random() < 0.4:
        b.t("Per informazioni: ")
        b.v("EMAIL", email(r, None, None, r.choice(IT_DOMAINS[:8])))
        b.t("\n")
    return "it", tags, meta


def t_dimissione(b, r, judge=False):
    f, l = name(r)
    tags = {"distractor"}
    if r.random() < 0.25:
        b.v("CONFIDENTIAL_MARKER", r.choice(["RISERVATO", "STRETTAMENTE RISERVATO"]), ev=False)
        b.t(" — documento contenente dati sanitari\n")
    b.t(r.choice(["Migliora lo stile di questa lettera di dimissione:\n\n", "Riassumi la lettera di dimissione:\n\n",
                  "Translate this discharge letter into English:\n\n"]))
    b.t("LETTERA DI DIMISSIONE — U.O. %s\nRicovero n. %s dal %s al %s\n" % (
        r.choice(["Medicina Interna", "Cardiologia", "Ortopedia", "Pneumologia"]), rs(r, "123456789", 1) + rs(r, DG, 7),
        date_it(r), date_it(r)))
    b.t("Sig./Sig.ra %s %s, C.F. " % (f, l))
    b.v("IT_FISCAL_CODE", V.cf_make(r, omocodia=r.choice([0, 0, 0, 1])))
    b.t(", recapito ")
    b.v("PHONE", it_phone(r))
    b.t("\n\nDiagnosi principale: %s (ICD-9-CM %s). SDO n. %s.\n" % (
        r.choice(["polmonite acquisita in comunità", "scompenso cardiaco", "frattura del femore", "IVU"]), r.choice(ICD), bad_piva(r)))
    b.t("Terapia domiciliare:\n- %s\n- %s\n" % (r.choice(DRUGS), r.choice(DRUGS)))
    b.t("Controllo ambulatoriale prenotato tramite CUP, impegnativa NRE %s.\n" % nre(r))
    b.t("Il MMG dr. %s (" % r.choice(V.LAST_NAMES))
    b.v("EMAIL", email(r, None, None, r.choice(["pec.omceomi.it", "libero.it", "gmail.com", "aslroma1.it"])))
    b.t(") è informato.\nReparto: tel. ")
    b.v("PHONE", it_phone(r, "it_land"))
    b.t(" (dalle 14 alle 16).\n")
    return "it", tags, None


def t_ricetta(b, r, judge=False):
    f, l = name(r)
    b.t(r.choice(["La farmacia non riesce a erogare questa ricetta dematerializzata:\n",
                  "Il SAC restituisce errore 9001 su questa ricetta, perché?\n"]))
    b.t("Ricetta elettronica — NRE: %s\nCodice fiscale assistito: " % nre(r))
    b.v("IT_FISCAL_CODE", V.cf_make(r, omocodia=r.choice([0, 0, 1])))
    b.t("\nEsenzione: %s   Tipo ricetta: SSN   Priorità: %s\n" % (r.choice(["E01", "013", "048", "NE", "7R2"]), r.choice("UBDP")))
    b.t("Prescrizione: %s — AIC %s — %s conf.\n" % (r.choice(DRUGS), aic(r), r.randint(1, 3)))
    b.t("Medico prescrittore: dr. %s, codice regionale %s, CF " % (r.choice(V.LAST_NAMES), rs(r, DG, 6)))
    b.v("IT_FISCAL_CODE", V.cf_make(r))
    b.t("\nData compilazione: %s  Tessera sanitaria: %s (scad. %s)\n" % (date_it(r), ts_card(r), date_it(r)))
    return "it", {"distractor"}, None


def t_ricetta_neg(b, r, judge=False):
    cf = V.cf_make(r)
    bad = V.cf_break_check(cf)
    b.t(r.choice(["Il gestionale segnala: ", "Errore anagrafe sanitaria: "]))
    b.t("codice fiscale %s non valido (carattere di controllo errato). NRE %s, esenzione %s, AIC %s, lotto %s.\n" % (
        bad, nre(r), r.choice(["E01", "048", "NE"]), aic(r), lot(r)))
    b.t("Tessera sanitaria %s. Come si corregge il CIN del codice fiscale?" % ts_card(r))
    return "it", {"negative", "distractor"}, None


def t_cup(b, r, judge=False):
    f, l = name(r)
    b.t(r.choice(["Riformula questa conferma di prenotazione CUP in modo più chiaro:\n\n", "Traduci in inglese:\n\n"]))
    b.t("CONFERMA PRENOTAZIONE CUP n. %s\nAssistito: %s %s — CF " % (rs(r, "123456789", 1) + rs(r, DG, 9), l.upper(), f.upper()))
    b.v("IT_FISCAL_CODE", V.cf_make(r))
    b.t("\nPrestazione: %s (cod. %s) — impegnativa NRE %s\n" % (
        r.choice(["Visita cardiologica", "Ecografia addome completo", "RM ginocchio", "Spirometria"]),
        r.choice(["89.7A.3", "88.76.1", "88.94.1", "89.37.1"]), nre(r)))
    b.t("Data: %s ore %02d:%02d — %s\nContatti: " % (date_it(r), r.randint(8, 17), r.choice([0, 15, 30, 45]),
                                                       r.choice(["Poliambulatorio Via Rugabella", "Ospedale San Carlo"])))
    b.v("PHONE", it_phone(r, "it_mob"))
    if r.random() < 0.7:
        b.t(", ")
        b.v("EMAIL", email(r, f, l, r.choice(IT_DOMAINS[8:])))
    b.t("\nTicket: € %d,%02d" % (r.randint(20, 80), r.choice([0, 15, 50, 65])))
    tags = {"distractor"}
    if r.random() < 0.4:
        b.t(" pagato con carta ")
        brand = r.choice(["visa", "mc", "mc2", "amex"])
        d = V.card_digits(r, brand)
        b.v("CREDIT_CARD", V.card_format(r, d, brand))
    b.t("\nStruttura erogatrice: P.IVA ")
    b.v("IT_VAT", V.piva_make(r))
    b.t(" — in caso di disdetta usare il numero verde indicato sul promemoria.\n")
    return "it", tags, None


def t_claim(b, r, judge=False):
    f, l = name(r)
    it = r.random() < 0.6
    if it:
        b.t(r.choice(["Scrivi una mail di sollecito per questa pratica di rimborso:\n\n", "Controlla i dati di questa richiesta di rimborso:\n\n"]))
        b.t("Fondo sanitario integrativo — pratica n. %s\nAssicurato: %s %s, CF " % (rs(r, DG, 9), f, l))
        b.v("IT_FISCAL_CODE", V.cf_make(r))
        b.t("\nPrestazione: %s, fattura n. %d/%d della struttura P.IVA " % (r.choice(["visita specialistica", "ricovero", "fisioterapia"]),
                                                                               r.randint(1, 999), r.randint(2021, 2026)))
        b.v("IT_VAT", V.piva_make(r))
        b.t(", importo € %d,%02d\nAccredito rimborso su IBAN " % (r.randint(80, 4000), r.randint(0, 99)))
        b.v("IBAN", V.iban_format(r, V.iban_make(r, r.choice(["IT", "IT", "IT", "SM", "DE", "FR"]))))
        b.t("\nRecapiti: ")
        b.v("EMAIL", email(r, f, l, r.choice(IT_DOMAINS[8:])))
        if r.random() < 0.6:
            b.t(" / ")
            b.v("PHONE", it_phone(r))
        b.t("\nCodici: ICD-9-CM %s, tessera %s.\n" % (r.choice(ICD), ts_card(r)))
    else:
        b.t(r.choice(["Draft an appeal letter for this denied claim:\n\n", "Summarize this claim for the adjuster:\n\n"]))
        b.t("Claim #%s  Member ID %s  Group %s\nPatient: %s %s  DOB %s  SSN " % (
            rs(r, DG, 12), r.choice(["W", "XEH", "ZGP"]) + rs(r, DG, 9), rs(r, DG, 6), f, l, date_iso(r)))
        b.v("US_SSN", V.ssn_make(r))
        b.t("\nRendering provider NPI %s, CPT 99213, ICD-10 %s, billed $%d.00\n" % (npi(r), r.choice(ICD), r.randint(90, 4000)))
        b.t("Refund for overpayment to IBAN ")
        b.v("IBAN", V.iban_format(r, V.iban_make(r, r.choice(["GB", "IE", "NL", "DE", "CH"]))))
        b.t(" (member lives abroad).\nContact: ")
        b.v("PHONE", us_phone(r))
        b.t(", ")
        b.v("EMAIL", email(r, f, l, r.choice(US_DOMAINS)))
        b.t("\n")
    return ("it" if it else "en"), {"distractor"}, None


def t_audit_log(b, r, judge=False):
    it = r.random() < 0.5
    b.t(r.choice(["Analizza questo estratto dell'audit log della cartella clinica: ci sono accessi anomali?\n",
                  "Questo log del FSE mostra accessi sospetti?\n"] if it else
                 ["Any suspicious access in this EHR audit trail?\n", "Summarize this break-the-glass audit log:\n"]))
    for i in range(r.randint(2, 5)):
        b.t("%sT%02d:%02d:%02d.%03dZ user=" % (date_iso(r), r.randint(0, 23), r.randint(0, 59), r.randint(0, 59), r.randint(0, 999)))
        b.v("EMAIL", email(r, None, None, r.choice(IT_DOMAINS[:8] if it else US_DOMAINS[:2])))
        b.t(" src=")
        kind = r.random()
        if kind < 0.12:
            b.v("IP_ADDRESS", V.ipv6_make(r))
        else:
            b.v("IP_ADDRESS", ipv4(r))
        b.t(" ws=%s action=%s patient=%s enc=%s reason=%s oid=%s\n" % (
            r.choice(["PC-REP", "WS-PS", "TAB-"]) + rs(r, DG, 4), r.choice(["VIEW", "PRINT", "EXPORT", "BTG", "UPDATE"]),
            "MRN" + mrn(r), "V" + rs(r, DG, 8), r.choice(["TREATMENT", "BTG_EMERGENCY", "ADMIN"]), oid(r)))
    return ("it" if it else "en"), set(), None


def t_audit_log_neg(b, r, judge=False):
    b.t("Explain why these EHR audit entries repeat:\n")
    for i in range(r.randint(2, 4)):
        b.t("%s %s user=%s ws=%s action=VIEW patient=MRN%s acc=%s ver=%d.%d.%d oid=%s\n" % (
            date_iso(r), "%02d:%02d:%02d" % (r.randint(0, 23), r.randint(0, 59), r.randint(0, 59)),
            r.choice(V.FIRST_NAMES).lower()[0] + "." + r.choice(V.LAST_NAMES).lower().replace(" ", "").replace("'", ""),
            "WS-PS" + rs(r, DG, 4), mrn(r), accession(r), r.randint(1, 9), r.randint(0, 20), r.randint(0, 99), oid(r)))
    return "en", {"negative", "distractor"}, None


def t_mirth_error(b, r, judge=False):
    tags, meta = set(), None
    it = r.random() < 0.4
    b.t(r.choice(["Il canale Mirth va in errore, mi spieghi lo stacktrace?\n", "Rhapsody non si connette al DB, aiuto:\n"]
                 if it else ["Mirth channel keeps failing, what does this mean?\n", "Rhapsody route error, any idea?\n"]))
    b.t("[%s %02d:%02d:%02d,%03d] ERROR (com.mirth.connect.connectors.%s:%d): " % (
        date_iso(r), r.randint(0, 23), r.randint(0, 59), r.randint(0, 59), r.randint(0, 999),
        r.choice(["jdbc.DatabaseReceiver", "jdbc.DatabaseDispatcher", "file.FileReceiver", "smtp.SmtpDispatcher"]), r.randint(80, 900)))
    k = 2 if judge else r.choice([0, 0, 0, 1, 2, 3])
    user = r.choice(["mirth", "mirthdb", "svc_hl7", "rhapsody", "integ", "his_ro", "sa"])
    host = r.choice(["mirthdb.asl.local", "sql-his01.ospedale.lan", "pacsdb.intra", "lisdb.hosp.local", "db-fse.regione.lan"])
    if k == 0:
        scheme = r.choice(["jdbc:mysql", "jdbc:postgresql", "postgresql", "mysql", "mongodb", "sftp", "ftp", "amqp", "smtp"])
        b.t("Failed to connect to ")
        url = "%s://%s:%s@%s:%d/%s" % (scheme, user, urlpw(r), host, r.choice([5432, 3306, 1433, 27017, 22, 21, 5672, 587]),
                                     r.choice(["mirthdb", "hl7_in", "inbound/lab", "his", "adt"]))
        b.v("CREDENTIAL_URL", url)
        b.t("\njava.sql.SQLException: Access denied for user '%s'@'%s'\n" % (user, r.choice(["localhost", host])))
    elif k == 1:
        b.t("Cannot open connection jdbc:sqlserver://%s:1433;databaseName=%s;user=%s;password=" % (host, r.choice(["HIS", "LIS", "RIS"]), user))
        b.v("PASSWORD", pw(r, forbid=";&'\" "))
        b.t(";encrypt=false\ncom.microsoft.sqlserver.jdbc.SQLServerException: Login failed for user '%s'. ClientConnectionId:%s\n" % (
            user, V.uuid_like(r)))
    elif k == 2:
        b.t("SMTP auth failed for ")
        b.v("EMAIL", email(r, None, None, r.choice(IT_DOMAINS[:6])))
        b.t(" via %s:587\nmirth.properties:\n  database.url = jdbc:postgresql://%s:5432/mirthdb\n  database.username = %s\n  database.password = " % (
            "smtp." + r.choice(IT_DOMAINS[:6]), host, user))
        if judge:
            b.v("PASSWORD", r.choice(["mirth", "admin", "rhapsody"]), ev=False)
            tags.add("judgement")
            meta = {"reason": "vendor default password (Mirth/Rhapsody out-of-the-box) left in config: a real credential "
                              "but a well-known word"}
        else:
            b.v("PASSWORD", pw(r, forbid=" #"))
        b.t("\n")
    else:
        b.t("MLLP sender to %s:%d refused; alert sent to " % (r.choice(["lab-partner.it", "ris.hosp.local"]), r.randint(2000, 7999)))
        b.v("EMAIL", email(r, None, None, r.choice(IT_DOMAINS[:6] + US_DOMAINS[:2])))
        b.t("\nHost ")
        b.v("IP_ADDRESS", ipv4(r))
        b.t(" unreachable; retry in %d s. MSH-10=%s\n" % (r.choice([10, 30, 60]), ctrl_id(r)))
    b.t("\tat com.mirth.connect.donkey.server.channel.Channel.process(Channel.java:%d)\n" % r.randint(100, 2000))
    return ("it" if it else "en"), tags, meta


def t_mirth_neg(b, r, judge=False):
    b.t(r.choice(["Is it safe to share this Mirth config with the vendor?\n", "Posso mandare questo estratto al fornitore?\n"]))
    host = r.choice(["mirthdb.asl.local", "sql-his01.ospedale.lan", "lisdb.hosp.local"])
    b.t("database.url = jdbc:postgresql://%s:5432/mirthdb\ndatabase.username = mirth\ndatabase.password = %s\n" % (
        host, r.choice(["${MIRTH_DB_PASSWORD}", "********", "<redacted>", "%DB_PASS%"])))
    b.t("keystore.path = ${dir.appdata}/keystore.jks\nhttp.port = 8080\nhttps.port = 8443\n")
    b.t("# channel ADT_IN id %s, MLLP port %d, last msg %s\n" % (V.uuid_like(r), r.randint(6600, 6699), ctrl_id(r)))
    b.t("sftp://mirth:****@%s/inbound  (password masked by the log formatter)\n" % host)
    return "en", {"negative", "distractor"}, None


def t_mirth_channel_xml(b, r, judge=False):
    b.t(r.choice(["Review this Mirth channel export before I commit it:\n", "Controlla questa configurazione del canale:\n"]))
    b.t("<channel version=\"4.%d.%d\">\n  <id>%s</id>\n  <name>LAB_RESULTS_OUT</name>\n  <destinationConnectors>\n" % (
        r.randint(0, 5), r.randint(0, 3), V.uuid_like(r)))
    b.t("    <properties class=\"com.mirth.connect.connectors.file.FileDispatcherProperties\">\n")
    b.t("      <scheme>SFTP</scheme>\n      <host>%s</host>\n      <username>%s</username>\n      <password>" % (
        r.choice(["sftp.lab-partner.it", "files.regione.lan", "edi.payer-claims.com"]), r.choice(["mirth", "labout", "edi_user"])))
    b.v("PASSWORD", pw(r, forbid="<>&\"' "))
    b.t("</password>\n      <outputPattern>ORU_${message.messageId}_%s.hl7</outputPattern>\n" % hl7_ts(r, False))
    b.t("    </properties>\n  </destinationConnectors>\n")
    if r.random() < 0.5:
        b.t("  <description>Owner: ")
        b.v("EMAIL", email(r, None, None, r.choice(IT_DOMAINS[:6])))
        b.t("</description>\n")
    b.t("</channel>")
    return "en", set(), None


def t_fhir_bearer(b, r, judge=False):
    b.t(r.choice(["Why does this SMART on FHIR call return 401?\n", "La chiamata al server FHIR restituisce 401, perché?\n"]))
    base = r.choice(["https://fhir.asl.local/R4", "https://api.ehr-vendor.com/fhir/r4", "https://fse.regione.it/fhir"])
    b.t("curl -H \"Authorization: Bearer ")
    b.v("JWT", V.jwt_make(r))
    b.t("\" \\\n  \"%s/Patient?identifier=http://hl7.org/fhir/sid/us-ssn|" % base)
    b.v("US_SSN", V.ssn_make(r))
    b.t("\"\n")
    if r.random() < 0.5:
        b.t("# client_id=%s scope=patient/*.read launch=%s\n" % (rs(r, LO + DG, 12), rs(r, DG, 6)))
    return "en", set(), None


def t_neg_codes(b, r, judge=False):
    k = r.randrange(5)
    if k == 0:
        b.t("What's the difference between LOINC %s and %s, and which SNOMED CT concept (%s) maps to ICD-10 %s?" % (
            r.choice(LOINC)[0], r.choice(LOINC)[0], r.choice(SNOMED), r.choice(ICD)))
        return "en", {"negative"}, None
    if k == 1:
        b.t("Il numero della tessera sanitaria %s ha 20 cifre: che cosa indicano le prime cinque (80380)? "
            "E l'NRE %s della ricetta?" % (ts_card(r), nre(r)))
        return "it", {"negative", "distractor"}, None
    if k == 2:
        b.t("Validate this NPI checksum: %s. Also is OID %s the right root for our MRNs (%s)?" % (npi(r), oid(r), mrn(r)))
        return "en", {"negative", "distractor"}, None
    if k == 3:
        b.t("MSH|^~\\&|PHARM|%s|EHR|%s|%s||RDE^O11|%s|P|2.5\nRXE|^^^%s^^^^^^|%s^%s^NDC|%s|%s|mg|TAB|||||%d||||%s|||||%s\n"
            "Which field holds the lot number?" % (
                r.choice(HOSP_US), r.choice(HOSP_US), hl7_ts(r), ctrl_id(r), hl7_ts(r), "%05d-%04d-%02d" % (r.randint(1, 99999), r.randint(1, 9999), r.randint(1, 99)),
                r.choice(["Metformin", "Lisinopril", "Atorvastatin"]), r.choice([5, 10, 20, 500]), r.choice([5, 10, 20, 500]),
                r.randint(10, 90), lot(r), date_iso(r).replace("-", "")))
        return "en", {"negative", "distractor"}, None
    b.t("Riepilogo dispositivo: pompa infusionale %s, firmware %d.%d.%d, lotto set %s, scadenza %s. Dosaggio %s. "
        "Pratica SDO %s. Come registro il dispositivo in cartella?" % (
            serial(r), r.randint(1, 9), r.randint(0, 20), r.randint(0, 99), lot(r), date_iso(r)[:7], r.choice(DRUGS), bad_piva(r)))
    return "it", {"negative", "distractor"}, None


TEMPLATES = [  # (fn, weight, can_judge, json_ctx)
    (t_hl7_adt_it, 13, False, False), (t_hl7_adt_us, 8, True, False), (t_hl7_oru_neg, 7, False, False),
    (t_fhir_json, 9, False, True), (t_fhir_xml, 5, False, False), (t_cda, 5, False, False), (t_dicom, 6, False, False),
    (t_dicom_neg, 4, False, False), (t_lab_report, 5, True, False), (t_dimissione, 5, False, False),
    (t_ricetta, 4, False, False), (t_ricetta_neg, 3, False, False), (t_cup, 4, False, False), (t_claim, 5, False, False),
    (t_audit_log, 5, False, False), (t_audit_log_neg, 3, False, False), (t_mirth_error, 8, True, False),
    (t_mirth_neg, 3, False, False), (t_mirth_channel_xml, 3, False, False), (t_fhir_bearer, 3, False, False),
    (t_neg_codes, 8, False, False),
]


def make_case(r, i, prefix):
    tot = sum(w for _, w, _, _ in TEMPLATES)
    x = r.uniform(0, tot)
    for fn, w, cj, js in TEMPLATES:
        x -= w
        if x <= 0:
            break
    judge = cj and r.random() < 0.22
    ev = None
    if not judge and r.random() < 0.085:
        ev = r.choice(["json-escape", "json-escape", "fullwidth"]) if js else r.choice(["fullwidth", "zero-width"])
    for attempt in range(200):
        b = B(r, ev)
        lang, tags, meta = fn(b, r, judge)
        text = b.text()
        if ev and b.evaded == 0:
            if attempt < 20:
                continue
        tb = text.encode("utf-8")
        ok = True
        for fd in b.f:
            if tb[fd["start"]:fd["end"]].decode("utf-8") != fd["value"] or not valid(fd["type"], fd["value"]):
                ok = False
        if not ok:
            raise AssertionError("span/validator failure in %s: %r" % (fn.__name__, b.f))
        bl = bytearray(tb)
        for fd in b.f:
            bl[fd["start"]:fd["end"]] = b"#" * (fd["end"] - fd["start"])
        if stray(bl.decode("utf-8", errors="replace")):
            continue
        tags = set(tags)
        if not b.f:
            tags.add("negative")
        if b.evaded:
            tags.add("evasion:" + ev)
        if judge and "judgement" not in tags:
            judge = False
        case = {"id": "%s-%04d" % (prefix, i), "lang": lang, "text": text, "findings": b.f, "tags": sorted(tags)}
        if meta and "judgement" in tags:
            case["meta"] = meta
        return case
    raise AssertionError("could not generate a clean case for %s" % fn.__name__)


def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    seed, n, out = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
    r = random.Random(seed)
    with open(out, "w", encoding="utf-8") as fh:
        for i in range(n):
            fh.write(json.dumps(make_case(r, i, "a28-%d" % seed), ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
