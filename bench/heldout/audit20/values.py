"""Fabricated values for the audit20 generator (standard library only): audit16's makers and
validators, loaded from its folder rather than copied, and audit20's own hard negatives of the
tabular / query-output domain below (hashes, ObjectIds, EANs, tracking numbers, masked cards...)."""
import base64
import importlib.util
import os

_spec = importlib.util.spec_from_file_location(
    "audit16_values", os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "audit16", "values.py"))
_audit16 = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_audit16)
globals().update({k: v for k, v in vars(_audit16).items() if not k.startswith("__")})

BCRYPT_AB = "./" + UP + LO + DG  # noqa: F405


def _b64n(r, n):
    return base64.b64encode(bytes(r.randrange(256) for _ in range(n))).decode().rstrip("=")


def bcrypt_hash(r):
    return "$2%s$%02d$%s" % (r.choice(["a", "b", "y"]), r.choice([10, 11, 12, 12, 13]), rs(r, BCRYPT_AB, 53))  # noqa: F405


def argon2_hash(r):
    return "$argon2id$v=19$m=%d,t=%d,p=%d$%s$%s" % (r.choice([19456, 65536, 47104]), r.choice([2, 3]), r.choice([1, 4]), _b64n(r, 16), _b64n(r, 32))


def django_hash(r):
    return "pbkdf2_sha256$%d$%s$%s=" % (r.choice([600000, 720000, 870000]), rs(r, AN, 22), _b64n(r, 32))  # noqa: F405


def ssha_hash(r):
    return "{SSHA}" + base64.b64encode(bytes(r.randrange(256) for _ in range(24))).decode()


def sha_hex(r, n=64):
    return hexs(r, n)  # noqa: F405


def any_hash(r):
    return r.choice([bcrypt_hash, bcrypt_hash, argon2_hash, django_hash, lambda r: sha_hex(r, 64), lambda r: "sha256:" + sha_hex(r, 64)])(r)


def objectid(r):
    return "%08x" % r.randint(0x60000000, 0x67ffffff) + hexs(r, 16)  # noqa: F405


def ean13(r):
    """EAN-13 with a correct GS1 check digit that fails Luhn (no card by any reading)"""
    while True:
        d = r.choice(["800", "801", "803", "805", "400", "590", "871"]) + rs(r, DG, 9)  # noqa: F405
        t = sum(int(c) * (3 if i % 2 else 1) for i, c in enumerate(d))
        e = d + str((10 - t % 10) % 10)
        if not luhn_sum_ok(e):  # noqa: F405
            return e


def tracking(r):
    k = r.randrange(4)
    if k == 0:
        return "1Z" + rs(r, UP + DG, 6) + rs(r, DG, 10)  # noqa: F405
    if k == 1:
        return r.choice(["RR", "RA", "CP", "LY"]) + rs(r, DG, 9) + "IT"  # noqa: F405
    if k == 2:
        return "JJD" + rs(r, DG, 18)  # noqa: F405
    return "BRT" + rs(r, DG, 4) + "-" + rs(r, DG, 6)  # noqa: F405


def order_no(r):
    return r.choice(["ORD-%d-%06d" % (r.randint(2022, 2025), r.randint(1, 999999)), "SO-%06d" % r.randint(1000, 999999),
                     "#%d" % r.randint(10000, 99999), "FT %d/%d" % (r.randint(1, 999), r.randint(2022, 2025)),
                     "INV-%s-%04d" % (rs(r, UP, 2), r.randint(1, 9999))])  # noqa: F405


def masked_card(r):
    last = rs(r, DG, 4)  # noqa: F405
    return r.choice(["**** **** **** " + last, "XXXX-XXXX-XXXX-" + last, "•••• " + last, "************" + last,
                     r.choice(["4", "5"]) + rs(r, DG, 5) + "******" + last, "ending in " + last])  # noqa: F405


def masked_iban(r):
    return r.choice(["IT** **** **** **** **** ***%s" % rs(r, DG, 4), "DE** **** **** **** **%s" % rs(r, DG, 2),
                     "IT60X0542811101*********%s" % rs(r, DG, 3)])  # noqa: F405


def masked_phone(r):
    return r.choice(["+39 3** *** **%s" % rs(r, DG, 2), "***-***-%s" % rs(r, DG, 4), "+44 7*** ***%s" % rs(r, DG, 3)])  # noqa: F405


def masked_email(r):
    f, l = person(r)  # noqa: F405
    return "%s***@%s" % (f[0].lower(), r.choice(["g***.com", "a***.it", "l***.it"]))


PLACEHOLDERS = ["NULL", "<redacted>", "[REDACTED]", "n/d", "***", "********", "-", "(null)", "", "N/A", "<hidden>", "TBD"]


def ts(r, style=None):
    y, mo, d, h, mi, s = r.randint(2021, 2025), r.randint(1, 12), r.randint(1, 28), r.randint(0, 23), r.randint(0, 59), r.randint(0, 59)
    style = style or r.choice(["sql", "sqltz", "iso", "isoz", "it"])
    if style == "sql":
        return "%d-%02d-%02d %02d:%02d:%02d" % (y, mo, d, h, mi, s)
    if style == "sqltz":
        return "%d-%02d-%02d %02d:%02d:%02d.%06d+%02d" % (y, mo, d, h, mi, s, r.randint(0, 999999), r.choice([0, 1, 2]))
    if style == "iso":
        return "%d-%02d-%02dT%02d:%02d:%02d" % (y, mo, d, h, mi, s)
    if style == "isoz":
        return "%d-%02d-%02dT%02d:%02d:%02d.%03dZ" % (y, mo, d, h, mi, s, r.randint(0, 999))
    return "%02d/%02d/%d %02d:%02d" % (d, mo, y, h, mi)


def date(r):
    return "%d-%02d-%02d" % (r.randint(2019, 2025), r.randint(1, 12), r.randint(1, 28))


def amount(r, it=False):
    v = r.randint(100, 2500000) / 100
    if it:
        s = "{:,.2f}".format(v).replace(",", "X").replace(".", ",").replace("X", ".")
        return s
    return "%.2f" % v


def ver(r):
    return "v%d.%d.%d" % (r.randint(1, 2), r.randint(0, 32), r.randint(0, 20))
