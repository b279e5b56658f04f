# Value generators and validators (all fabricated). Used by gen.py and check.py.
import random, string, zlib, base64, json, re, ipaddress

B62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
ALNUM = string.ascii_letters + string.digits
B64C = ALNUM + "+/"
B64U = ALNUM + "-_"

# ---------------- check algorithms ----------------
def luhn_ok(d):
    d = re.sub(r"\D", "", d)
    s = 0
    for i, ch in enumerate(reversed(d)):
        x = int(ch)
        if i % 2 == 1:
            x *= 2
            if x > 9: x -= 9
        s += x
    return len(d) > 0 and s % 10 == 0

def luhn_digit(body):
    for c in "0123456789":
        if luhn_ok(body + c): return c

def iban_mod(s):
    s = re.sub(r"\s", "", s).upper()
    r = s[4:] + s[:4]
    n = "".join(str(int(c, 36)) for c in r)
    return int(n) % 97

IBAN_LEN = {"IT": 27, "DE": 22, "FR": 27, "ES": 24, "GB": 22, "BE": 16, "NL": 18, "CH": 21, "AT": 20, "SM": 27, "PT": 25, "IE": 22}

def iban_ok(s):
    s = re.sub(r"\s", "", s).upper()
    return IBAN_LEN.get(s[:2]) == len(s) and iban_mod(s) == 1

ODD = {}
for i, v in enumerate([1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23]):
    ODD[string.ascii_uppercase[i]] = v
    if i < 10: ODD[str(i)] = v
def EVEN(c): return int(c) if c.isdigit() else ord(c) - 65

def cf_check(s15):
    t = sum(ODD[c] if i % 2 == 0 else EVEN(c) for i, c in enumerate(s15))
    return chr(65 + t % 26)

def cf_ok(s):
    return bool(re.fullmatch(r"[A-Z]{6}[0-9LMNPQRSTUV]{2}[ABCDEHLMPRST][0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{3}[A-Z]", s)) and cf_check(s[:15]) == s[15]

def piva_ok(s):
    return bool(re.fullmatch(r"\d{11}", s)) and luhn_ok(s)

def ssn_ok(s):
    d = re.sub(r"\D", "", s)
    if len(d) != 9: return False
    a, g, n = int(d[:3]), int(d[3:5]), int(d[5:])
    return 0 < a < 900 and a != 666 and g > 0 and n > 0

def gh_checksum(rand30):
    n = zlib.crc32(rand30.encode()) & 0xffffffff
    out = ""
    while n:
        n, r = divmod(n, 62); out = B62[r] + out
    return out.rjust(6, "0")

def gh_ok(t):
    m = re.fullmatch(r"gh[pousr]_([A-Za-z0-9]{30})([A-Za-z0-9]{6})", t)
    if not m: return t.startswith("github_pat_")
    return gh_checksum(m.group(1)) == m.group(2)

def b64u_dec(s):
    return base64.urlsafe_b64decode(s + "=" * (-len(s) % 4))

def jwt_ok(t):
    p = t.split(".")
    if len(p) != 3: return False
    try:
        h = json.loads(b64u_dec(p[0])); json.loads(b64u_dec(p[1]))
    except Exception:
        return False
    return "alg" in h

def ip_ok(s):
    try: ipaddress.ip_address(s); return True
    except ValueError: return False

# ---------------- generators ----------------
class V:
    def __init__(self, rng): self.r = rng
    def ch(self, seq): return self.r.choice(seq)
    def rs(self, alphabet, n): return "".join(self.r.choice(alphabet) for _ in range(n))
    def digits(self, n): return self.rs(string.digits, n)

    IT_FIRST = ["Giulia", "Marco", "Alessandro", "Francesca", "Luca", "Chiara", "Matteo", "Sara", "Davide", "Elena", "Federico",
                "Martina", "Simone", "Valentina", "Andrea", "Silvia", "Paolo", "Laura", "Stefano", "Roberta", "Tommaso", "Ilaria", "Gianluca", "Beatrice"]
    IT_LAST = ["Rossi", "Bianchi", "Ferrari", "Esposito", "Romano", "Colombo", "Ricci", "Marino", "Greco", "Bruno", "Gallo", "Conti",
               "De Luca", "Mancini", "Costa", "Giordano", "Rizzo", "Lombardi", "Moretti", "Barbieri", "Fontana", "Caruso", "Ferri", "Pellegrini"]
    EN_FIRST = ["Emily", "James", "Olivia", "Noah", "Ava", "Liam", "Sophia", "Ethan", "Grace", "Henry", "Chloe", "Owen", "Isla", "Caleb", "Maya", "Rhys"]
    EN_LAST = ["Smith", "Johnson", "Carter", "Walker", "Hughes", "Bennett", "Foster", "Reed", "Hayes", "Morgan", "Turner", "Price", "Lowe", "Fletcher"]
    DOMAINS = ["gmail.com", "libero.it", "outlook.it", "tiscali.it", "virgilio.it", "yahoo.co.uk", "protonmail.com", "nordalpi-logistica.it",
               "studiobellini.eu", "hartwell-partners.co.uk", "bluefinch.io", "vetreria-murano.com", "cantieri-adriatici.it", "brightlane.health",
               "pec.fornace-srl.it", "legalmail.it", "kestrel-analytics.com", "ortofrutta-sud.it", "mail.unipd.it", "polimi.it"]

    def person(self, lang):
        if lang == "it": return self.ch(self.IT_FIRST), self.ch(self.IT_LAST)
        return self.ch(self.EN_FIRST), self.ch(self.EN_LAST)

    def email(self, first=None, last=None):
        first = first or self.ch(self.IT_FIRST + self.EN_FIRST); last = last or self.ch(self.IT_LAST + self.EN_LAST)
        f, l = first.lower(), last.lower().replace(" ", "")
        local = self.ch([f"{f}.{l}", f"{f[0]}{l}", f"{f}_{l}{self.digits(2)}", f"{l}.{f}", f"{f}+{self.ch(['crm','fatture','jobs','news'])}", f"{f[0]}.{l}", f"{f}{self.digits(4)}"])
        return local + "@" + self.ch(self.DOMAINS)

    MOB = [320, 324, 327, 328, 329, 330, 331, 333, 334, 335, 336, 337, 338, 339, 340, 342, 345, 346, 347, 348, 349, 350, 351, 352, 366, 370, 371, 373, 377, 380, 388, 389, 391, 392, 393]
    def phone(self, lang):
        r = self.r
        if lang == "it" or r.random() < 0.3:
            k = r.randrange(7)
            if k == 0: return f"+39 {r.choice(self.MOB)} {self.digits(3)} {self.digits(4)}"
            if k == 1: return f"{r.choice(self.MOB)} {self.digits(7)}"
            if k == 2: return f"+39 02 {self.digits(4)} {self.digits(4)}"
            if k == 3: return f"06-{self.digits(8)}"
            if k == 4: return f"+390{self.digits(1)}{self.digits(8)}"
            if k == 5: return f"0039 {r.choice(self.MOB)}.{self.digits(3)}.{self.digits(4)}"
            return f"(+39) 011 {self.digits(3)} {self.digits(4)}"
        k = r.randrange(6)
        a = str(r.randint(201, 989)); ex = str(r.randint(202, 989))
        if k == 0: return f"+1 ({a}) {ex}-{self.digits(4)}"
        if k == 1: return f"({a}) {ex}-{self.digits(4)}"
        if k == 2: return f"{a}-{ex}-{self.digits(4)}"
        if k == 3: return f"+44 20 {self.digits(4)} {self.digits(4)}"
        if k == 4: return f"+44 7{self.digits(3)} {self.digits(6)}"
        return f"+1.{a}.{ex}.{self.digits(4)}"

    def card(self, good=True):
        r = self.r
        kind = r.choice(["visa", "mc", "mc2", "amex", "disc", "jcb", "diners"])
        pre, ln = {"visa": ("4", 16), "mc": (str(r.randint(51, 55)), 16), "mc2": (str(r.randint(2221, 2720)), 16),
                   "amex": (r.choice(["34", "37"]), 15), "disc": (r.choice(["6011", "65"]), 16), "jcb": (str(r.randint(3528, 3589)), 16),
                   "diners": (r.choice(["36", "38"]), 14)}[kind]
        body = pre + self.digits(ln - 1 - len(pre))
        c = luhn_digit(body)
        if not good: c = str((int(c) + r.randint(1, 9)) % 10)
        n = body + c
        if ln == 15 and r.random() < 0.6:
            return f"{n[:4]} {n[4:10]} {n[10:]}"
        if ln == 14 and r.random() < 0.7:
            return r.choice([" ", "-"]).join([n[:4], n[4:10], n[10:]])
        if ln == 14: return n
        fmt = r.randrange(4)
        if fmt == 0: return n
        if fmt == 1: return " ".join(n[i:i + 4] for i in range(0, ln, 4))
        if fmt == 2: return "-".join(n[i:i + 4] for i in range(0, ln, 4))
        return n

    def _iban_build(self, cc, bban, good=True):
        raw = bban + cc + "00"
        n = int("".join(str(int(c, 36)) for c in raw))
        ck = 98 - n % 97
        if not good: ck = (ck + self.r.randint(1, 90)) % 97 + 2 if True else ck
        if not good and ck == 98 - n % 97: ck = (ck % 97) + 1
        s = f"{cc}{ck:02d}{bban}"
        if not good and iban_mod(s) == 1: s = f"{cc}{(ck + 1) % 100:02d}{bban}"
        return s

    def iban(self, good=True, cc=None, grouped=None):
        r = self.r
        cc = cc or r.choice(["IT"] * 5 + ["DE", "FR", "ES", "GB", "BE", "NL", "CH", "AT", "SM"])
        if cc in ("IT", "SM"):
            abi, cab, conto = self.digits(5), self.digits(5), self.digits(12)
            cin = cf_check(abi + cab + conto) if False else None
            # CIN: same odd/even tables as the codice fiscale, over ABI+CAB+conto
            t = sum(ODD[c] if i % 2 == 0 else EVEN(c) for i, c in enumerate(abi + cab + conto))
            bban = chr(65 + t % 26) + abi + cab + conto
        elif cc == "DE": bban = self.digits(18)
        elif cc == "FR":
            b, g, a = self.digits(5), self.digits(5), self.digits(11)
            key = 97 - (89 * int(b) + 15 * int(g) + 3 * int(a)) % 97
            bban = b + g + a + f"{key:02d}"
        elif cc == "ES":
            bank, br, acc = self.digits(4), self.digits(4), self.digits(10)
            w = [1, 2, 4, 8, 5, 10, 9, 7, 3, 6]
            def dc(x):
                d = 11 - sum(int(c) * w[i] for i, c in enumerate(x)) % 11
                return {10: 1, 11: 0}.get(d, d)
            bban = bank + br + str(dc("00" + bank + br)) + str(dc(acc)) + acc
        elif cc == "GB": bban = self.rs(string.ascii_uppercase, 4) + self.digits(14)
        elif cc == "BE":
            x = self.digits(10); k = int(x) % 97 or 97; bban = x + f"{k:02d}"
        elif cc == "NL": bban = self.rs(string.ascii_uppercase, 4) + self.digits(10)
        elif cc == "CH": bban = self.digits(17)
        elif cc == "AT": bban = self.digits(16)
        s = self._iban_build(cc, bban, good)
        assert len(s) == IBAN_LEN[cc]
        if grouped is None: grouped = r.random() < 0.5
        if grouped: s = " ".join(s[i:i + 4] for i in range(0, len(s), 4))
        return s

    BELF = ["H501", "F205", "L219", "F839", "G273", "A944", "D612", "L736", "D969", "A662", "C351", "G224", "L424", "B157", "E506"]
    def cf(self, first=None, last=None, good=True, female=None):
        r = self.r
        first = first or self.ch(self.IT_FIRST); last = last or self.ch(self.IT_LAST)
        def cons(s): return [c for c in s.upper() if c.isalpha() and c not in "AEIOU"]
        def vow(s): return [c for c in s.upper() if c in "AEIOU"]
        sc = "".join((cons(last) + vow(last) + ["X"] * 3)[:3])
        nc = cons(first)
        nc = "".join([nc[0], nc[2], nc[3]] if len(nc) >= 4 else (nc + vow(first) + ["X"] * 3)[:3])
        if female is None: female = first.endswith("a") or first in ("Beatrice",)
        yy = f"{r.randint(40, 99) if r.random() < .8 else r.randint(0, 6):02d}"
        mm = r.choice("ABCDEHLMPRST"); dd = r.randint(1, 28) + (40 if female else 0)
        s15 = sc + nc + yy + mm + f"{dd:02d}" + r.choice(self.BELF)
        if r.random() < 0.08:  # omocodia: replace last digit(s) with letters
            om = "LMNPQRSTUV"; s = list(s15)
            for pos in [14, 13][:r.randint(1, 2)]: s[pos] = om[int(s[pos])]
            s15 = "".join(s)
        c = cf_check(s15)
        if not good: c = chr(65 + (ord(c) - 65 + r.randint(1, 25)) % 26)
        return s15 + c

    def piva(self, good=True):
        body = self.digits(7) + f"{self.r.randint(1, 100):03d}"
        c = luhn_digit(body)
        if not good: c = str((int(c) + self.r.randint(1, 9)) % 10)
        return body + c

    def ssn(self, good=True, sep="-"):
        r = self.r
        if good:
            a = r.randint(1, 899)
            while a == 666: a = r.randint(1, 899)
            g, n = r.randint(1, 99), r.randint(1, 9999)
        else:
            k = r.randrange(5)
            a = [0, 666, r.randint(900, 999), r.randint(1, 665), r.randint(1, 665)][k]
            g = 0 if k == 3 else r.randint(1, 99)
            n = 0 if k == 4 else r.randint(1, 9999)
        return f"{a:03d}{sep}{g:02d}{sep}{n:04d}"

    def ipv4(self, private=None):
        r = self.r
        if private is None: private = r.random() < 0.4
        if private:
            return r.choice([f"10.{r.randint(0,255)}.{r.randint(0,255)}.{r.randint(1,254)}", f"192.168.{r.randint(0,255)}.{r.randint(1,254)}",
                             f"172.{r.randint(16,31)}.{r.randint(0,255)}.{r.randint(1,254)}"])
        while True:
            a = r.randint(11, 223)
            if a not in (10, 127, 169, 172, 192): break
        return f"{a}.{r.randint(0,255)}.{r.randint(0,255)}.{r.randint(1,254)}"

    def ipv6(self):
        r = self.r
        grp = [f"{r.randint(0, 0xffff):x}" for _ in range(8)]
        grp[0] = r.choice(["2001", "2a02", "2a01", "fd12", "fe80", "2600"])
        k = r.randrange(3)
        if k == 0: return ":".join(grp)
        if k == 1: return ":".join(grp[:3]) + "::" + ":".join(grp[6:])
        return grp[0] + ":" + grp[1] + "::" + grp[7]

    def ip(self): return self.ipv6() if self.r.random() < 0.3 else self.ipv4()

    def aws_ak(self): return self.ch(["AKIA"] * 3 + ["ASIA"]) + self.rs(string.ascii_uppercase + "234567", 16)
    def aws_sk(self): return self.rs(B64C, 40)

    def gh(self):
        r = self.r
        if r.random() < 0.15:
            return "github_pat_11" + self.rs(string.ascii_uppercase + string.digits, 20) + "_" + self.rs(ALNUM, 59)
        rand30 = self.rs(ALNUM, 30)
        return self.ch(["ghp", "ghp", "gho", "ghu", "ghs", "ghr"]) + "_" + rand30 + gh_checksum(rand30)
    def gh_badcrc(self):
        rand30 = self.rs(ALNUM, 30); cs = gh_checksum(rand30)
        bad = cs[:-1] + ("A" if cs[-1] != "A" else "B")
        return "ghp_" + rand30 + bad

    def gitlab(self):
        k = self.r.randrange(7)
        if k <= 2: return "glpat-" + self.rs(ALNUM + "-_", 20)
        if k == 3: return "glrt-" + self.rs(ALNUM + "-_", 20)
        if k == 4: return "gldt-" + self.rs(ALNUM + "-_", 20)
        if k == 5: return "glptt-" + self.rs("0123456789abcdef", 40)
        return "glft-" + self.rs(ALNUM + "-_", 20)

    def slack_token(self):
        k = self.r.randrange(4)
        d = lambda: self.digits(self.r.choice([10, 11, 12, 13]))
        if k == 0: return f"xoxb-{d()}-{d()}-{self.rs(ALNUM, 24)}"
        if k == 1: return f"xoxp-{d()}-{d()}-{d()}-{self.rs('0123456789abcdef', 32)}"
        if k == 2: return f"xapp-1-A{self.rs(string.ascii_uppercase + string.digits, 10)}-{self.digits(13)}-{self.rs('0123456789abcdef', 64)}"
        return f"xoxb-{d()}-{self.rs(ALNUM, 24)}"

    def slack_webhook(self):
        U = string.ascii_uppercase + string.digits
        if self.r.random() < 0.85:
            return f"https://hooks.slack.com/services/T{self.rs(U, self.r.choice([8,10]))}/B{self.rs(U, self.r.choice([8,10]))}/{self.rs(ALNUM, 24)}"
        return f"https://hooks.slack.com/workflows/T{self.rs(U, 10)}/A{self.rs(U, 10)}/{self.digits(18)}/{self.rs(ALNUM, 24)}"

    def stripe(self):
        return self.ch(["sk_live_", "sk_live_", "rk_live_", "sk_test_"]) + self.rs(ALNUM, self.ch([24, 34, 99]))

    def openai(self):
        k = self.r.randrange(4)
        if k == 0: return "sk-" + self.rs(ALNUM, 20) + "T3BlbkFJ" + self.rs(ALNUM, 20)
        if k == 1: return "sk-proj-" + self.rs(B64U, 74) + "T3BlbkFJ" + self.rs(B64U, 74)
        if k == 2: return "sk-svcacct-" + self.rs(B64U, 74) + "T3BlbkFJ" + self.rs(B64U, 74)
        return "sk-admin-" + self.rs(B64U, 74) + "T3BlbkFJ" + self.rs(B64U, 74)

    def anthropic(self):
        if self.r.random() < 0.8: return "sk-ant-api03-" + self.rs(B64U, 93) + "AA"
        return "sk-ant-admin01-" + self.rs(B64U, 93) + "AA"

    def google(self): return "AIza" + self.rs(B64U, 35)

    def pem(self, kind=None):
        r = self.r
        kind = kind or r.choice(["RSA", "PKCS8", "EC", "OPENSSH", "PGP", "ENC", "RSAENC"])
        def body(prefix, n):
            s = prefix + self.rs(B64C, n - len(prefix))
            return "\n".join(s[i:i + 64] for i in range(0, len(s), 64))
        if kind == "RSA":
            return "-----BEGIN RSA PRIVATE KEY-----\n" + body("MIIEpAIBAAKCAQEA", r.randint(600, 1600)) + "\n-----END RSA PRIVATE KEY-----"
        if kind == "RSAENC":
            return ("-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-256-CBC," + self.rs("0123456789ABCDEF", 32) +
                    "\n\n" + body("", 700) + "\n-----END RSA PRIVATE KEY-----")
        if kind == "PKCS8":
            return "-----BEGIN PRIVATE KEY-----\n" + body("MIIEvQIBADANBgkqhkiG9w0BAQEFAASC", r.randint(500, 1600)) + "\n-----END PRIVATE KEY-----"
        if kind == "EC":
            return "-----BEGIN EC PRIVATE KEY-----\n" + body("MHcCAQEEI", 220) + "\n-----END EC PRIVATE KEY-----"
        if kind == "OPENSSH":
            return "-----BEGIN OPENSSH PRIVATE KEY-----\n" + body("b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAA", r.choice([400, 1800])) + "\n-----END OPENSSH PRIVATE KEY-----"
        if kind == "ENC":
            return "-----BEGIN ENCRYPTED PRIVATE KEY-----\n" + body("MIIFHDBOBgkqhkiG9w0BBQ0wQTApBgkqhkiG9w0BBQwwHAQI", 900) + "\n-----END ENCRYPTED PRIVATE KEY-----"
        return ("-----BEGIN PGP PRIVATE KEY BLOCK-----\n\n" + body("lQOYBG", r.randint(700, 1400)) + "\n=" + self.rs(B64C, 4) +
                "\n-----END PGP PRIVATE KEY BLOCK-----")

    def cert(self):
        s = "MIID" + self.rs(B64C, 700)
        return "-----BEGIN CERTIFICATE-----\n" + "\n".join(s[i:i + 64] for i in range(0, len(s), 64)) + "\n-----END CERTIFICATE-----"
    def pubkey(self):
        s = "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA" + self.rs(B64C, 330)
        return "-----BEGIN PUBLIC KEY-----\n" + "\n".join(s[i:i + 64] for i in range(0, len(s), 64)) + "\n-----END PUBLIC KEY-----"

    def jwt(self):
        r = self.r
        alg = r.choice(["HS256", "RS256", "ES256", "HS512"])
        h = r.choice([{"alg": alg, "typ": "JWT"}, {"typ": "JWT", "alg": alg}, {"alg": alg, "kid": self.rs(ALNUM, 16)}])
        p = {"sub": self.digits(8) if r.random() < .5 else self.rs(ALNUM, 12), "iat": r.randint(1.6e9, 1.8e9)}
        if r.random() < .5: p["exp"] = p["iat"] + 3600
        if r.random() < .5: p["role"] = r.choice(["admin", "user", "service", "reader"])
        if r.random() < .3: p["iss"] = r.choice(["https://auth.bluefinch.io", "keycloak", "kubernetes/serviceaccount"])
        enc = lambda o: base64.urlsafe_b64encode(json.dumps(o, separators=(",", ":")).encode()).decode().rstrip("=")
        sl = {"HS256": 43, "RS256": 342, "ES256": 86, "HS512": 86}[alg]
        return enc(h) + "." + enc(p) + "." + self.rs(B64U, sl)

    def password(self, url_safe=False):
        r = self.r
        k = r.randrange(4)
        if k == 0:
            w = r.choice(["Primavera", "Gattopardo", "Sunflower", "Vesuvio", "Blackbird", "Tramonto", "Quokka", "Granite", "Lavanda", "Orione"])
            s = w + str(r.randint(10, 2030)) + r.choice("!#$%*&")
        elif k == 1:
            s = self.rs(ALNUM + "!#$%&*+-=?^_", r.randint(12, 22))
        elif k == 2:
            s = self.rs(ALNUM, r.randint(16, 32))
        else:
            s = "-".join(r.choice(["rana", "otter", "vela", "copper", "nebbia", "falcon", "limone", "violet", "torre"]) for _ in range(3)) + str(r.randint(1, 99))
        if url_safe:
            s = re.sub(r"[^A-Za-z0-9\-_.~!*]", lambda m: r.choice("-_.!"), s)
        return s

    def cred_url(self, host=None):
        r = self.r
        scheme = r.choice(["postgresql", "mysql", "redis", "rediss", "mongodb", "mongodb+srv", "amqp", "amqps", "https", "ftp", "smtps"])
        user = r.choice(["svc_billing", "admin", "app", "rabbit", "etl_ro", "deploy", "gitbot", "reporting", "default"])
        pw = self.password(url_safe=True)
        host = host or r.choice(["db-prod-02.internal", "cluster0.x7k2p.mongodb.net", "rabbitmq.svc.cluster.local", "cache.eu-west-1.amazonaws.com",
                                 "git.nordalpi-logistica.it", "mq-02.nordalpi.lan", "pg.bluefinch.io", "files.kestrel-analytics.com", "redis-master"])
        port = {"postgresql": 5432, "mysql": 3306, "redis": 6379, "rediss": 6380, "mongodb": 27017, "amqp": 5672, "amqps": 5671, "https": 443, "ftp": 21, "smtps": 465}.get(scheme)
        path = {"postgresql": "/billing", "mysql": "/crm", "redis": "/0", "rediss": "/1", "mongodb": "/orders?authSource=admin",
                "mongodb+srv": "/events?retryWrites=true&w=majority", "amqp": "/%2Fprod", "amqps": "/ops", "https": "/team/infra.git", "ftp": "/export", "smtps": ""}[scheme]
        if scheme.startswith("redis") and r.random() < 0.4: user = ""
        hp = host if scheme in ("mongodb+srv", "https") or r.random() < .3 else f"{host}:{port}"
        return f"{scheme}://{user}:{pw}@{hp}{path}"

    MARKERS_EN = ["CONFIDENTIAL", "STRICTLY CONFIDENTIAL", "INTERNAL USE ONLY", "COMPANY CONFIDENTIAL", "PROPRIETARY AND CONFIDENTIAL",
                  "TLP:RED", "TLP:AMBER", "TLP:AMBER+STRICT", "RESTRICTED", "NOT FOR DISTRIBUTION", "Confidential - Do Not Forward"]
    MARKERS_IT = ["RISERVATO", "STRETTAMENTE RISERVATO", "CONFIDENZIALE", "STRETTAMENTE CONFIDENZIALE", "USO INTERNO", "RISERVATO - USO INTERNO",
                  "DOCUMENTO RISERVATO", "RISERVATO E CONFIDENZIALE", "SOLO PER USO INTERNO", "RISERVATEZZA: ALTA"]
    def marker(self, lang): return self.ch(self.MARKERS_IT if lang == "it" else self.MARKERS_EN)

    # hard-negative fillers
    def uuid(self): return "%08x-%04x-4%03x-%04x-%012x" % (self.r.getrandbits(32), self.r.getrandbits(16), self.r.getrandbits(12), 0x8000 | self.r.getrandbits(14), self.r.getrandbits(48))
    def sha1(self): return self.rs("0123456789abcdef", 40)
    def sha256(self): return self.rs("0123456789abcdef", 64)
    def version(self): return f"{self.r.randint(0, 12)}.{self.r.randint(0, 30)}.{self.r.randint(0, 40)}"
    def date(self): return self.ch([f"{self.r.randint(1, 28):02d}/{self.r.randint(1, 12):02d}/20{self.r.randint(19, 27)}", f"20{self.r.randint(19, 27)}-{self.r.randint(1, 12):02d}-{self.r.randint(1, 28):02d}"])
    def price(self): return self.ch([f"€ {self.r.randint(1, 9)}.{self.digits(3)},{self.digits(2)}", f"${self.r.randint(10, 999)}.{self.digits(2)}", f"{self.r.randint(1, 999)},{self.digits(2)} EUR"])
    def order(self): return self.ch([f"ORD-20{self.r.randint(19, 27)}-{self.digits(6)}", f"#{self.digits(9)}", f"PO {self.digits(4)}/{self.digits(3)}", f"Rif. {self.digits(2)}/{self.digits(5)}"])
    def tracking(self): return self.ch(["1Z" + self.rs(string.ascii_uppercase + string.digits, 16), "RR" + self.digits(9) + "IT", self.digits(12), "JJD" + self.digits(18)])
    def bad_card16(self):
        n = self.digits(16)
        while luhn_ok(n): n = self.digits(16)
        return n
    def noise(self):
        return self.ch([self.uuid, self.sha1, self.sha256, lambda: self.sha1()[:7], self.version, lambda: "v" + self.version(), self.date,
                        self.price, self.order, self.tracking, self.bad_card16])()
