# Value generators (fabricated, checksum-valid) and validators for audit8.
import string, zlib, base64, json, ipaddress

UP = string.ascii_uppercase
AN = string.ascii_letters + string.digits
B62 = string.digits + string.ascii_uppercase + string.ascii_lowercase
HEX = "0123456789abcdef"


def rs(r, alph, n):
    return "".join(r.choice(alph) for _ in range(n))


def b62(n):
    s = ""
    while n:
        n, d = divmod(n, 62)
        s = B62[d] + s
    return s or "0"


# ---------------- checksums ----------------
def luhn_ok(d):
    d = [int(c) for c in d]
    s = 0
    for i, x in enumerate(reversed(d)):
        if i % 2:
            x *= 2
            if x > 9:
                x -= 9
        s += x
    return s % 10 == 0


def luhn_complete(p):
    for c in "0123456789":
        if luhn_ok(p + c):
            return p + c


CF_ODD = [1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23]


def _cval(c, odd):
    i = int(c) if c.isdigit() else ord(c) - 65
    return CF_ODD[i] if odd else i


def cin(s):  # Italian CIN / CF check char over string s, 1-based odd positions use odd table
    return UP[sum(_cval(c, i % 2 == 0) for i, c in enumerate(s)) % 26]


def iban_check(cc, bban):
    rearr = bban + cc + "00"
    n = int("".join(str(int(c, 36)) for c in rearr))
    return "%02d" % (98 - n % 97)


def iban_ok(iban):
    iban = iban.replace(" ", "")
    r = iban[4:] + iban[:4]
    return int("".join(str(int(c, 36)) for c in r)) % 97 == 1


IBAN_LEN = {"IT": 27, "SM": 27, "FR": 27, "MC": 27, "ES": 24, "BE": 16, "DE": 22, "GB": 22, "CH": 21, "AT": 20,
            "NL": 18, "PT": 25, "IE": 22, "LU": 20}


def es_dc(digits):
    w = [1, 2, 4, 8, 5, 10, 9, 7, 3, 6]
    d = 11 - sum(int(a) * b for a, b in zip(digits, w)) % 11
    return {10: 1, 11: 0}.get(d, d)


def bban(r, cc):
    D = string.digits
    if cc in ("IT", "SM"):
        abi, cab, conto = rs(r, D, 5), rs(r, D, 5), rs(r, D + (UP if r.random() < .3 else ""), 12)
        return cin(abi + cab + conto) + abi + cab + conto
    if cc in ("FR", "MC"):
        bank, br, acc = rs(r, D, 5), rs(r, D, 5), rs(r, D, 11)
        key = 97 - ((89 * int(bank) + 15 * int(br) + 3 * int(acc)) % 97)
        return bank + br + acc + "%02d" % key
    if cc == "ES":
        bank, br, acc = rs(r, D, 4), rs(r, D, 4), rs(r, D, 10)
        return bank + br + str(es_dc("00" + bank + br)) + str(es_dc(acc)) + acc
    if cc == "BE":
        x = rs(r, D, 10)
        c = int(x) % 97 or 97
        return x + "%02d" % c
    if cc == "PT":
        x = rs(r, D, 19)
        return x + "%02d" % (98 - (int(x) * 100) % 97)
    if cc == "NL":
        while True:
            acc = rs(r, D, 10)
            if acc[0] != "0" and sum(int(a) * (10 - i) for i, a in enumerate(acc)) % 11 == 0:
                return rs(r, UP, 4) + acc
    if cc == "GB" or cc == "IE":
        return rs(r, UP, 4) + rs(r, D, 14)
    return rs(r, D, IBAN_LEN[cc] - 4)


def iban(r, cc=None, spaced=None):
    cc = cc or r.choice(list(IBAN_LEN))
    b = bban(r, cc)
    s = cc + iban_check(cc, b) + b
    assert len(s) == IBAN_LEN[cc] and iban_ok(s)
    if spaced is None:
        spaced = r.random() < .5
    if spaced:
        s = " ".join(s[i:i + 4] for i in range(0, len(s), 4))
    return s


def iban_bad(r):
    s = iban(r, spaced=False)
    while True:
        t = s[:2] + "%02d" % r.randint(2, 98) + s[4:]
        if not iban_ok(t):
            return t


MONTHS = "ABCDEHLMPRST"
OMO = "LMNPQRSTUV"
BELF = ["F205", "H501", "L219", "A944", "G273", "F839", "C351", "D612", "L736", "B157", "E506", "A662"]


def cf(r, omocodia=None):
    s = rs(r, "BCDFGHLMNPRSTVZ", 6) + "%02d" % r.randint(40, 99) + r.choice(MONTHS)
    day = r.randint(1, 28) + (40 if r.random() < .5 else 0)
    s += "%02d" % day + r.choice(BELF)
    s = list(s)
    if omocodia is None:
        omocodia = r.random() < .25
    if omocodia:
        for p in sorted(r.sample([6, 7, 9, 10, 12, 13, 14], r.randint(1, 3)), reverse=True):
            s[p] = OMO[int(s[p])]
    s = "".join(s)
    return s + cin(s)


def cf_ok(s):
    return len(s) == 16 and cin(s[:15]) == s[15]


def piva_ok(s):
    if len(s) != 11 or not s.isdigit():
        return False
    t = 0
    for i, c in enumerate(s):
        x = int(c)
        if i % 2:
            x *= 2
            if x > 9:
                x -= 9
        t += x
    return t % 10 == 0


def piva(r):
    while True:
        base = rs(r, string.digits, 7) + "%03d" % r.choice(list(range(1, 101)) + [120, 121])
        for c in "0123456789":
            if piva_ok(base + c):
                return base + c


def piva_bad(r):
    p = piva(r)
    return p[:10] + str((int(p[10]) + r.randint(1, 9)) % 10)


def ssn_ok(s):
    a, g, n = s.replace(" ", "-").split("-")
    return a not in ("000", "666") and a[0] != "9" and g != "00" and n != "0000"


def ssn(r):
    while True:
        a = r.randint(1, 899)
        if a != 666:
            break
    sep = r.choice(["-", "-", "-", " "])
    return "%03d%s%02d%s%04d" % (a, sep, r.randint(1, 99), sep, r.randint(1, 9999))


def ssn_bad(r):
    return r.choice(["000", "666", "9%02d" % r.randint(0, 99)]) + "-%02d-%04d" % (r.randint(1, 99), r.randint(1, 9999))


def card(r):
    kind = r.choice(["visa", "mc", "mc2", "amex", "disc", "jcb", "diners"])
    if kind == "visa":
        p, n = "4" + rs(r, string.digits, 5), 16
    elif kind == "mc":
        p, n = "5" + str(r.randint(1, 5)) + rs(r, string.digits, 4), 16
    elif kind == "mc2":
        p, n = str(r.randint(2221, 2720)) + rs(r, string.digits, 2), 16
    elif kind == "amex":
        p, n = r.choice(["34", "37"]) + rs(r, string.digits, 4), 15
    elif kind == "disc":
        p, n = "6011" + rs(r, string.digits, 2), 16
    elif kind == "jcb":
        p, n = str(r.randint(3528, 3589)) + rs(r, string.digits, 2), 16
    else:
        p, n = "36" + rs(r, string.digits, 4), 14
    d = luhn_complete(p + rs(r, string.digits, n - len(p) - 1))
    st = r.choice(["plain", "space", "dash"])
    if st == "plain":
        return d
    sep = " " if st == "space" else "-"
    if n == 15:
        return sep.join([d[:4], d[4:10], d[10:]])
    if n == 14:
        return sep.join([d[:4], d[4:10], d[10:]])
    return sep.join(d[i:i + 4] for i in range(0, 16, 4))


def card_bad(r):
    c = card(r)
    digits = [ch for ch in c]
    for i in range(len(digits) - 1, -1, -1):
        if digits[i].isdigit():
            digits[i] = str((int(digits[i]) + 3) % 10)
            break
    return "".join(digits)


def digits_of(s):
    return "".join(c for c in s if c.isdigit())


def aws_ak(r):
    return r.choice(["AKIA", "AKIA", "ASIA"]) + rs(r, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16)


def aws_sk(r):
    return rs(r, AN + "+/", 40)


def gh_body(r):
    body = rs(r, AN, 30)
    return body + b62(zlib.crc32(body.encode())).rjust(6, "0")


def gh_ok(t):
    body, cs = t[4:34], t[34:]
    return b62(zlib.crc32(body.encode())).rjust(6, "0") == cs


def github(r):
    if r.random() < .2:
        return "github_pat_" + rs(r, AN, 22) + "_" + rs(r, AN, 59)
    return r.choice(["ghp_", "ghp_", "gho_", "ghu_", "ghs_", "ghr_"]) + gh_body(r)


def github_bad(r):
    t = "ghp_" + gh_body(r)
    cs = t[-6:]
    return t[:-6] + cs[::-1] if cs[::-1] != cs else t[:-1] + ("A" if t[-1] != "A" else "B")


def gitlab(r):
    return r.choice(["glpat-", "glpat-", "gldt-", "glrt-", "glft-"]) + rs(r, AN + "-_", 20)


def slack_tok(r):
    k = r.choice(["xoxb", "xoxp", "xoxb", "xapp"])
    if k == "xapp":
        return "xapp-1-A" + rs(r, UP + string.digits, 10) + "-" + rs(r, string.digits, 13) + "-" + rs(r, HEX, 64)
    if k == "xoxb":
        return "xoxb-" + rs(r, string.digits, 12) + "-" + rs(r, string.digits, 13) + "-" + rs(r, AN, 24)
    return "xoxp-" + rs(r, string.digits, 12) + "-" + rs(r, string.digits, 12) + "-" + rs(r, string.digits, 13) + "-" + rs(r, HEX, 32)


def slack_hook(r):
    return "https://hooks.slack.com/services/T" + rs(r, UP + string.digits, 10) + "/B" + rs(r, UP + string.digits, 10) + "/" + rs(r, AN, 24)


def stripe(r):
    return r.choice(["sk_live_", "sk_live_", "rk_live_"]) + rs(r, AN, r.choice([24, 99]))


def openai(r):
    k = r.choice(["proj", "proj", "legacy", "svc"])
    if k == "legacy":
        return "sk-" + rs(r, AN, 20) + "T3BlbkFJ" + rs(r, AN, 20)
    pre = "sk-proj-" if k == "proj" else "sk-svcacct-"
    return pre + rs(r, AN + "-_", 74) + "T3BlbkFJ" + rs(r, AN + "-_", 74)


def anthropic(r):
    pre = r.choice(["sk-ant-api03-", "sk-ant-api03-", "sk-ant-admin01-"])
    return pre + rs(r, AN + "-_", 93) + "AA"


def gapi(r):
    return "AIza" + rs(r, AN + "-_", 35)


def b64u(b):
    return base64.urlsafe_b64encode(b).rstrip(b"=").decode()


def jwt(r):
    alg = r.choice(["HS256", "RS256", "ES256", "HS512"])
    h = json.dumps({"alg": alg, "typ": "JWT"} if r.random() < .7 else {"typ": "JWT", "alg": alg, "kid": rs(r, HEX, 8)}, separators=(",", ":"))
    p = json.dumps({"sub": rs(r, string.digits, 7), "iss": r.choice(["https://auth.oneteam.io", "sso-int", "keycloak"]),
                    "exp": r.randint(1700000000, 1900000000), "role": r.choice(["admin", "user", "svc"])}, separators=(",", ":"))
    sig = b64u(bytes(r.getrandbits(8) for _ in range(32 if alg.startswith("HS2") else 64)))
    return b64u(h.encode()) + "." + b64u(p.encode()) + "." + sig


def jwt_ok(t):
    h = t.split(".")[0]
    h += "=" * (-len(h) % 4)
    try:
        return "alg" in json.loads(base64.urlsafe_b64decode(h))
    except Exception:
        return False


WORDS = ["Falco", "river", "Nebbia", "tango", "Quarzo", "orbit", "Lampo", "cedar", "Vento", "pixel", "Sole", "maple"]


def password(r):
    k = r.random()
    if k < .4:
        return r.choice(WORDS) + r.choice(["!", "#", "@", "_", "$", "."]) + str(r.randint(10, 9999)) + rs(r, AN, 3)
    if k < .7:
        return rs(r, AN + "!#%&*+-=?", r.randint(12, 20))
    return r.choice(WORDS).lower() + "-" + r.choice(WORDS).lower() + "-" + r.choice(WORDS).lower() + str(r.randint(1, 99))


def simple_pw(r):  # safe inside URLs without encoding
    return r.choice(WORDS) + rs(r, AN, r.randint(6, 10)) + str(r.randint(1, 99))


USERS = ["svc_billing", "app", "deploy", "mrossi", "reporter", "etl_user", "admin", "jenkins", "gbianchi"]
HOSTS = ["db-prod-02.internal.lan", "10.20.4.17", "pg.cluster.oneteam.io", "cache01.rete.local", "mq.fabbrica.it",
         "nexus.corp.example-int.net", "172.16.9.40", "mongo-a.dc2.lan"]


def cred_url(r):
    sch = r.choice(["postgresql", "mysql", "redis", "amqp", "mongodb", "https", "ftp", "smtp", "sftp"])
    port = {"postgresql": 5432, "mysql": 3306, "redis": 6379, "amqp": 5672, "mongodb": 27017, "https": 443, "ftp": 21, "smtp": 587, "sftp": 22}[sch]
    path = {"https": "/repository/maven-releases/", "ftp": "/upload/", "sftp": "/in"}.get(sch, "/" + r.choice(["orders", "crm", "0", "vhost1", "analytics"]))
    u = r.choice(USERS)
    p = simple_pw(r)
    if r.random() < .3:
        p = p[:4] + r.choice(["%40", "%21", "%23"]) + p[4:]
    return "%s://%s:%s@%s:%d%s" % (sch, u, p, r.choice(HOSTS), port, path)


FIRST = ["Giulia", "Marco", "Chiara", "Luca", "Francesca", "Davide", "Sara", "Paolo", "Emily", "James", "Olivia", "Noah", "Aisha", "Kenji"]
LAST = ["Ferrari", "Colombo", "Ricci", "Marino", "Greco", "Bruno", "Gallo", "Conti", "Walker", "Hughes", "Patel", "Nakamura", "Okafor"]
DOMS = ["libero.it", "gmail.com", "outlook.com", "studiolegale-ricci.it", "pec.ordineavvocati.it", "fastwebnet.it", "northwind-mail.com",
        "tin.it", "acme-logistica.it", "hey.com", "posteo.de", "univ.bo.it"]


def name(r):
    return r.choice(FIRST), r.choice(LAST)


def email(r, nm=None):
    f, l = nm or name(r)
    local = r.choice([f.lower() + "." + l.lower(), f[0].lower() + l.lower(), f.lower() + "_" + l.lower() + str(r.randint(1, 99)),
                      l.lower() + "+" + r.choice(["fatture", "jobs", "hr"])])
    return local + "@" + r.choice(DOMS)


def phone(r):
    k = r.choice(["itmob", "itmob2", "itfix", "us", "uk", "de", "fr", "itmobplain", "ch"])
    if k == "itmob":
        return "+39 3%d%d %03d %04d" % (r.randint(2, 9), r.randint(0, 9), r.randint(100, 999), r.randint(0, 9999))
    if k == "itmob2":
        return "3%d%d-%07d" % (r.randint(2, 9), r.randint(0, 9), r.randint(1000000, 9999999))
    if k == "itmobplain":
        return "+393%d%d%07d" % (r.randint(2, 9), r.randint(0, 9), r.randint(1000000, 9999999))
    if k == "itfix":
        return r.choice(["02", "06", "011", "051", "055", "081"]) + " " + "%04d %04d" % (r.randint(1000, 9999), r.randint(0, 9999))
    if k == "us":
        return "+1 (%d) %03d-%04d" % (r.randint(201, 989), r.randint(200, 999), r.randint(0, 9999))
    if k == "uk":
        return "+44 20 %04d %04d" % (r.randint(3000, 8999), r.randint(0, 9999))
    if k == "de":
        return "+49 89 %d %d" % (r.randint(100, 999), r.randint(10000, 99999))
    if k == "ch":
        return "+41 44 %03d %02d %02d" % (r.randint(200, 999), r.randint(0, 99), r.randint(0, 99))
    return "+33 1 %02d %02d %02d %02d" % tuple(r.randint(10, 99) for _ in range(4))


def ipv4(r):
    if r.random() < .4:
        return r.choice(["10.%d.%d.%d" % (r.randint(0, 255), r.randint(0, 255), r.randint(1, 254)),
                         "192.168.%d.%d" % (r.randint(0, 255), r.randint(1, 254)),
                         "172.%d.%d.%d" % (r.randint(16, 31), r.randint(0, 255), r.randint(1, 254))])
    return "%d.%d.%d.%d" % (r.choice([31, 45, 62, 79, 93, 151, 185, 193, 212, 217, 88, 5]), r.randint(0, 255), r.randint(0, 255), r.randint(1, 254))


def ipv6(r):
    if r.random() < .5:
        a = "2001:db8:%x:%x::%x" % (r.randint(1, 0xffff), r.randint(1, 0xffff), r.randint(1, 0xfff))
        a = "2a02:%x:%x:%x::%x" % (r.randint(0x100, 0xffff), r.randint(1, 0xffff), r.randint(1, 0xffff), r.randint(1, 0xfff))
    else:
        a = ":".join("%x" % r.randint(0, 0xffff) for _ in range(8))
        a = "2a01:" + a.split(":", 1)[1]
    ipaddress.ip_address(a)
    return a


def ip(r):
    return ipv6(r) if r.random() < .25 else ipv4(r)


def privkey(r):
    kind = r.choice(["RSA PRIVATE KEY", "PRIVATE KEY", "EC PRIVATE KEY", "OPENSSH PRIVATE KEY", "ENCRYPTED PRIVATE KEY", "DSA PRIVATE KEY"])
    body = base64.b64encode(bytes(r.getrandbits(8) for _ in range(r.choice([120, 180, 300])))).decode()
    lines = [body[i:i + 64] for i in range(0, len(body), 64)]
    return "-----BEGIN %s-----\n%s\n-----END %s-----" % (kind, "\n".join(lines), kind)


MARKERS_EN = ["CONFIDENTIAL", "STRICTLY CONFIDENTIAL", "COMPANY CONFIDENTIAL", "HIGHLY CONFIDENTIAL", "TLP:RED", "TLP:AMBER", "TLP:AMBER+STRICT"]
MARKERS_IT = ["RISERVATO", "STRETTAMENTE RISERVATO", "CONFIDENZIALE", "STRETTAMENTE CONFIDENZIALE", "TLP:AMBER", "TLP:RED"]


def marker(r, lang):
    return r.choice(MARKERS_IT if lang == "it" else MARKERS_EN)


GEN = {"EMAIL": email, "PHONE": phone, "CREDIT_CARD": card, "IBAN": iban, "IT_FISCAL_CODE": cf, "IT_VAT": piva, "US_SSN": ssn,
       "IP_ADDRESS": ip, "AWS_ACCESS_KEY": aws_ak, "AWS_SECRET_KEY": aws_sk, "GITHUB_TOKEN": github, "GITLAB_TOKEN": gitlab,
       "SLACK_TOKEN": slack_tok, "SLACK_WEBHOOK": slack_hook, "STRIPE_KEY": stripe, "OPENAI_KEY": openai, "ANTHROPIC_KEY": anthropic,
       "GOOGLE_API_KEY": gapi, "PRIVATE_KEY": privkey, "JWT": jwt, "CREDENTIAL_URL": cred_url, "PASSWORD": password}


def validate(typ, v):
    """v is the canonical (un-obfuscated) value"""
    if typ == "CREDIT_CARD":
        return luhn_ok(digits_of(v))
    if typ == "IBAN":
        return iban_ok(v) and len(v.replace(" ", "")) == IBAN_LEN[v[:2]]
    if typ == "IT_FISCAL_CODE":
        return cf_ok(v)
    if typ == "IT_VAT":
        return piva_ok(v)
    if typ == "US_SSN":
        return ssn_ok(v)
    if typ == "GITHUB_TOKEN":
        return v.startswith("github_pat_") or gh_ok(v)
    if typ == "JWT":
        return jwt_ok(v)
    if typ == "IP_ADDRESS":
        try:
            ipaddress.ip_address(v)
            return True
        except ValueError:
            return False
    return True
