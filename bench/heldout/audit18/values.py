"""Fabricated values and validators for the audit18 generator (standard library only): audit16's,
loaded from its folder rather than copied, and the makers of audit18's own domains below
(payments and banking, HR, healthcare and insurance records).

Positives keep their checksums (Luhn, IBAN mod-97, codice fiscale, partita IVA, SSN ranges);
the identifiers below are hard negatives of these domains and carry their own check digits where
the format has one (ABA routing 3-7-1, NPI Luhn over 80840, NHS mod-11, VIN position 9, SEPA
creditor identifier mod-97, ARN Luhn), so that a detector flagging them cannot say they were noise.
"""
import importlib.util
import os
import uuid

_spec = importlib.util.spec_from_file_location(
    "audit16_values", os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "audit16", "values.py"))
_audit16 = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_audit16)
globals().update({k: v for k, v in vars(_audit16).items() if not k.startswith("__")})


# ---------------------------------------------------------------- banking identifiers (hard negatives)
BANK4 = ["UNCR", "BCIT", "BPMO", "CRPP", "BPPI", "ICRA", "SELB", "FEBI", "MEDB", "BNLI", "DEUT", "COBA", "BNPA",
         "SOGE", "INGB", "ABNA", "RABO", "BBVA", "CAIX", "BARC", "HSBC", "NWBK", "UBSW", "CRES", "RZBA"]
BIC_CC = ["IT", "IT", "IT", "DE", "FR", "NL", "ES", "GB", "CH", "AT", "BE", "LU"]


def bic(r, cc=None):
    cc = cc or r.choice(BIC_CC)
    loc = r.choice(["MM", "RR", "FF", "PP", "2X", "M1", "22", "AA", "XX", "TT"])
    br = r.choice(["", "", "XXX", rs(r, UP + DG, 3)])
    return r.choice(BANK4) + cc + loc + br


def abi(r):
    return "0%s" % rs(r, DG, 4)


def cab(r):
    return rs(r, DG, 5)


def uetr(r):
    return str(uuid.UUID(int=r.getrandbits(128), version=4))


def cro(r):
    """Codice Riferimento Operazione: 11 digits (the generator retries when it passes the P.IVA check)"""
    return rs(r, DG, 11)


def trn(r):
    """SEPA transaction reference number as Italian banks print it"""
    return rs(r, DG, 4) + r.choice(["0", "4"]) + rs(r, DG, 20) + r.choice(["IT", "48", "00"])


def e2e_id(r):
    return r.choice(["E2E-", "NOTPROVIDED", "", "PAY"]) + (rs(r, UP + DG, 12) if r.random() < 0.8 else "")


def msg_id(r):
    return r.choice(["MSG", "CBI", "PAIN", "B2B"]) + "-" + "2025%02d%02d" % (r.randint(1, 12), r.randint(1, 28)) + "-" + rs(r, DG, 6)


def sepa_creditor_id(r, country="IT"):
    """SEPA Creditor Identifier: CC + mod-97 check + ZZZ business code + national id (check excludes ZZZ)"""
    nat = {"IT": lambda: "00000" + rs(r, DG, 11), "DE": lambda: rs(r, UP + DG, 11), "FR": lambda: rs(r, UP + DG, 6),
           "ES": lambda: rs(r, UP, 1) + rs(r, DG, 8), "NL": lambda: rs(r, DG, 8) + "0000"}[country]()
    chk = 98 - int("".join(str(int(c, 36)) for c in nat + country + "00")) % 97
    return "%s%02dZZZ%s" % (country, chk, nat)


def mandate_ref(r):
    return r.choice(["MND-", "RUM", "SDD/", "MAND"]) + rs(r, DG, r.randint(6, 12))


def aba_routing(r):
    pre = r.choice(["01", "02", "03", "04", "05", "06", "07", "08", "09", "10", "11", "12", "21", "22", "26", "31", "32", "61", "63", "71"])
    while True:
        d = pre + rs(r, DG, 6)
        for c in DG:
            x = d + c
            w = [3, 7, 1] * 3
            if sum(int(a) * b for a, b in zip(x, w)) % 10 == 0:
                return x


def ein(r):
    return "%s-%s" % (r.choice(["12", "13", "20", "27", "36", "45", "46", "47", "81", "82", "83", "84", "88", "91", "94"]), rs(r, DG, 7))


def masked_pan(r, digits=None, style=None):
    d = digits or card_digits(r, r.choice(["visa", "mc", "mc2", "amex"]))
    style = style or r.choice(["stars6", "stars6", "x12", "groups", "dots", "bin_last4", "hash"])
    if style == "stars6":
        return d[:6] + "*" * (len(d) - 10) + d[-4:]
    if style == "x12":
        return "X" * (len(d) - 4) + d[-4:]
    if style == "groups":
        return "**** **** **** " + d[-4:]
    if style == "dots":
        return "•••• " + d[-4:]
    if style == "bin_last4":
        return d[:4] + " " + d[4:6] + "** **** " + d[-4:]
    return "#" * 12 + d[-4:]


def psp_ref(r):
    """Adyen-like 16-digit PSP reference (generator rejects Luhn-valid ones unless judged)"""
    return r.choice(["88", "85", "88", "86"]) + rs(r, DG, 14)


def arn(r):
    """Acquirer Reference Number: 23 digits, Luhn check digit last"""
    return luhn_complete(r.choice(["2", "7", "8"]) + rs(r, DG, 21))


def auth_code(r):
    return rs(r, DG + UP, 6) if r.random() < 0.5 else rs(r, DG, 6)


def stripe_id(r, pre):
    n = {"evt": 24, "ch": 24, "pi": 24, "cus": 14, "pm": 24, "card": 24, "tok": 24, "re": 24, "dp": 24, "in": 24, "src": 24, "seti": 24, "acct": 16, "py": 24}[pre]
    body = ("1" + rs(r, AN, n - 1)) if pre in ("evt", "ch", "pi", "re", "dp", "py", "seti") and r.random() < 0.6 else rs(r, AN, n)
    return "%s_%s" % (pre, ("3" + body[1:]) if pre in ("ch", "pi") and r.random() < 0.5 else body)


def card_fingerprint(r):
    return rs(r, AN, 16)


def whsec(r):
    return "whsec_" + rs(r, AN, 32)


def pk_live(r):
    return "pk_live_" + rs(r, AN, r.choice([24, 99]))


# ---------------------------------------------------------------- Italian PA / payments (hard negatives)
def iuv(r):
    return rs(r, DG, 17)


def codice_avviso(r, spaced=True):
    d = "3" + r.choice(["01", "02", "00", "11"]) + rs(r, DG, 15)
    if not spaced:
        return d
    return " ".join([d[0:4], d[4:8], d[8:12], d[12:16], d[16:18]])


def cbill(r):
    return rs(r, UP, 5)


def codice_tributo(r):
    return r.choice(["1001", "1040", "1712", "1713", "3812", "3813", "3918", "3847", "6001", "6031", "1627", "8906", "3850"])


def protocollo_inps(r):
    return rs(r, DG, 9)


def nre(r):
    """numero ricetta elettronica (dematerializzata), 15 characters"""
    return rs(r, DG, 3) + "0A" + rs(r, DG, 10)


def tessera_sanitaria_num(r):
    """TEAM / tessera sanitaria card number: 80380 + 15 digits (20 digits)"""
    return "80380" + rs(r, "0", 3) + rs(r, DG, 12)


def vin(r):
    tr = dict(zip("ABCDEFGHJKLMNPRSTUVWXYZ", [1, 2, 3, 4, 5, 6, 7, 8, 1, 2, 3, 4, 5, 7, 9, 2, 3, 4, 5, 6, 7, 8, 9]))
    al = "ABCDEFGHJKLMNPRSTUVWXYZ0123456789"
    wmi = r.choice(["ZFA", "ZAR", "WVW", "WBA", "VF1", "ZFF", "1FT", "WDD", "VF7", "TMB"])
    s = wmi + rs(r, al, 5) + "0" + rs(r, al, 1) + rs(r, UP.replace("I", "").replace("O", "").replace("Q", ""), 1) + rs(r, DG, 6)
    w = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2]
    t = sum((int(c) if c.isdigit() else tr[c]) * k for c, k in zip(s, w)) % 11
    return s[:8] + ("X" if t == 10 else str(t)) + s[9:]


def plate_it(r, spaced=None):
    L = "ABCDEFGHJKLMNPRSTVWXYZ"
    a, n, b = rs(r, L, 2), rs(r, DG, 3), rs(r, L, 2)
    return ("%s %s %s" if (spaced if spaced is not None else r.random() < 0.4) else "%s%s%s") % (a, n, b)


def plate_uk(r):
    return "%s%02d %s" % (rs(r, "ABCDEFGHKLMNOPRSVWY", 2), r.randint(10, 74), rs(r, "ABCDEFGHJKLMNOPRSTUVWXYZ", 3))


def policy_no(r):
    return r.choice(["POL-%d-%s" % (r.randint(2019, 2025), rs(r, DG, 7)), rs(r, DG, 9), "%s/%s/%s" % (rs(r, DG, 3), rs(r, DG, 2), rs(r, DG, 8)),
                     "AU" + rs(r, DG, 10), "HLT-" + rs(r, UP, 2) + rs(r, DG, 6)])


def claim_no(r):
    return r.choice(["SIN-%d-%s" % (r.randint(2023, 2025), rs(r, DG, 6)), "%d/%s" % (r.randint(2023, 2025), rs(r, DG, 6)), "CLM" + rs(r, DG, 8),
                     "CL-%s-%s" % (rs(r, UP, 2), rs(r, DG, 5))])


def matricola(r):
    return r.choice(["%s" % rs(r, DG, 6), "M%s" % rs(r, DG, 5), "EMP-%s" % rs(r, DG, 4)])


def inps_matricola_azienda(r):
    return rs(r, DG, 10)


def inail_pat(r):
    return rs(r, DG, 8) + "/" + rs(r, DG, 2)


def invoice_no(r):
    return r.choice(["FT %d/%s" % (r.randint(2024, 2025), rs(r, DG, 5)), "INV-%d-%s" % (r.randint(2024, 2025), rs(r, DG, 4)), "%s/%s" % (rs(r, DG, 3), r.randint(2024, 2025)),
                     "FPR %s/25" % rs(r, DG, 3), "N. %s" % rs(r, DG, 4)])


def cap(r):
    return r.choice(["20121", "00184", "10123", "40124", "80121", "50123", "35121", "37121", "90133", "16121", "43121", "09124"])


def zip_us(r):
    z = r.choice(["10001", "94103", "60601", "02115", "73301", "98101", "30303", "19103"])
    return z + ("-" + rs(r, DG, 4) if r.random() < 0.4 else "")


# ---------------------------------------------------------------- healthcare (hard negatives)
def nhs_number(r, spaced=True):
    while True:
        d = r.choice("4674") + rs(r, DG, 8)
        t = sum(int(c) * w for c, w in zip(d, range(10, 1, -1)))
        k = 11 - t % 11
        if k == 11:
            k = 0
        if k == 10:
            continue
        s = d + str(k)
        return "%s %s %s" % (s[:3], s[3:6], s[6:]) if spaced else s


def npi(r):
    while True:
        d = r.choice("12") + rs(r, DG, 8)
        s = "80840" + d
        for c in DG:
            if luhn_sum_ok(s + c):
                return d + c


def mrn(r):
    return r.choice(["%08d" % r.randint(1, 10 ** 8 - 1), "MRN-%s" % rs(r, DG, 7), "%s%s" % (rs(r, UP, 1), rs(r, DG, 7))])


def mbi(r):
    """Medicare Beneficiary Identifier (11 chars, letters exclude S L O I B Z)"""
    A = "ACDEFGHJKMNPQRTUVWXY"
    AN_ = A + DG
    s = r.choice("123456789") + rs(r, A, 1) + rs(r, AN_, 1) + rs(r, DG, 1) + rs(r, A, 1) + rs(r, AN_, 1) + rs(r, DG, 1) + rs(r, A, 2) + rs(r, DG, 2)
    return "%s-%s-%s" % (s[:4], s[4:7], s[7:]) if r.random() < 0.5 else s


def icd10(r):
    return r.choice(["J06.9", "M54.5", "S93.4", "F32.1", "K35.8", "J45.909", "E11.9", "I10", "R51", "S52.501A"])


def member_id(r):
    return r.choice(["W" + rs(r, DG, 9), rs(r, UP, 3) + rs(r, DG, 9), "XJH" + rs(r, DG, 8)])


def group_no(r):
    return rs(r, DG, 6) + r.choice(["", "-" + rs(r, DG, 3)])


# ---------------------------------------------------------------- audit18: more card ranges, IMEI, UK bank details
def card_19(r):
    """Maestro / PagoBANCOMAT-co-badged or UnionPay cards of 19 digits (Luhn-valid)"""
    pre = r.choice(["6759", "5018", "5020", "5038", "6304", "6763", "62" + rs(r, DG, 2)])
    return luhn_complete(pre + rs(r, DG, 18 - len(pre)))


def imei(r):
    """15-digit IMEI (Luhn-valid by definition), TAC prefixes outside card brand ranges"""
    return luhn_complete(r.choice(["35209900", "35332011", "86091104", "35875511", "01326300", "49015420"]) + rs(r, DG, 6))


def uk_sort_code(r):
    return "%02d-%02d-%02d" % (r.randint(10, 99), r.randint(0, 99), r.randint(0, 99))


def cig(r):
    return rs(r, DG + "ABCDEF", 10)


def cup(r):
    return rs(r, UP, 1) + rs(r, DG, 2) + rs(r, UP, 1) + rs(r, DG, 11)
