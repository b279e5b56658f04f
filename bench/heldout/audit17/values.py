"""Fabricated values and validators for the audit17 generator (standard library only): audit16's,
loaded from its folder rather than copied, and the makers of audit17's own domains below."""
import base64
import importlib.util
import os

_spec = importlib.util.spec_from_file_location(
    "audit16_values", os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "audit16", "values.py"))
_audit16 = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_audit16)
globals().update({k: v for k, v in vars(_audit16).items() if not k.startswith("__")})


# ---------------------------------------------------------------- audit17 additions: hard negatives of agent / ops domains
def sha40(r):
    return hexs(r, 40)


def docker_digest(r):
    return "sha256:" + hexs(r, 64)


def npm_integrity(r):
    return "sha512-" + base64.b64encode(bytes(r.randrange(256) for _ in range(64))).decode()


def gosum_hash(r):
    return "h1:" + base64.b64encode(bytes(r.randrange(256) for _ in range(32))).decode()


def ean13_nonluhn(r, prefix=None):
    """EAN-13 with a correct GS1 check digit that does NOT pass Luhn (so it is no card by any reading)"""
    while True:
        d = (prefix or r.choice(["80", "800", "801", "803", "805", "400", "590", "87"])) 
        d = d + rs(r, DG, 12 - len(d))
        t = sum(int(c) * (3 if i % 2 else 1) for i, c in enumerate(d))
        e = d + str((10 - t % 10) % 10)
        if not luhn_sum_ok(e):
            return e


def ups_tracking(r):
    return "1Z" + rs(r, UP + DG, 6) + rs(r, DG, 10)


def poste_tracking(r):
    return r.choice(["RR", "RA", "CP", "LY"]) + rs(r, DG, 9) + "IT"


def brt_tracking(r):
    return rs(r, DG, 4) + "0" + rs(r, DG, 3) + rs(r, DG, 7)


def sku(r):
    return r.choice(["SKU-", "ART", "CAT-", ""]) + rs(r, UP, 2) + "-" + rs(r, DG, 4) + r.choice(["", "-" + r.choice(["S", "M", "L", "XL", "BLK", "WHT"])])


def call_id(r):
    return "call_" + rs(r, AN, 24)


def toolu_id(r):
    return "toolu_01" + rs(r, AN, 22)


def chatcmpl_id(r):
    return "chatcmpl-" + rs(r, AN, 29)


def pypi_token(r):
    return "pypi-AgEIcHlwaS5vcmc" + rs(r, B64URL, r.choice([120, 160, 200]))


def b64s(s):
    return base64.b64encode(s.encode()).decode()
