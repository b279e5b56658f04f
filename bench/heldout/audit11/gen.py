#!/usr/bin/env python3
"""Audit 11 held-out corpus: business communications and source code (EN/IT).

  gen.py SEED N OUT.jsonl

Deterministic per seed, Python 3 standard library only. Every value is fabricated from the seed
(checksums computed where the format has one). Output lines follow dev.jsonl:
{"id","lang","text","findings":[{"type","start","end","value"}],"tags"} with byte offsets.

Label conventions (from dev.jsonl): PASSWORD covers only the value; CREDENTIAL_URL the whole URL;
CONFIDENTIAL_MARKER the marking phrase only; PRIVATE_KEY the PEM block from BEGIN to END line;
evasion spans cover the text as written (full-width, zero-width, escapes included).
Extra tags: tpl:NAME (template), src:biz|code, encoded:base64, evasion:*, negative, judgement.
Judgement cases (format does not settle them): e-mail disclaimers, base64 values in kubectl secrets,
test cards / sk_test / pk_live keys, localhost default-credential URLs, default passwords such as
"changeme", loopback/documentation/CIDR addresses, 4-part firmware versions, "INTERNAL ONLY" code
comments, bcrypt hashes, Basic-auth headers, example.com addresses, "user / pass" credentials,
Go MySQL DSNs, "ad uso interno" footers, ENC(...) values, git@github.com SSH remotes.
gen.py runs a self-check (spans, checksums, nothing valid left unlabelled) and exits non-zero on problems.
bench/heldout/run.sh regenerates both sets (seeds 111, 117), scans and scores them.
"""
import base64, json, random, re, sys, zlib

# ----------------------------------------------------------------------------------------------
# document builder with byte offsets

class Doc:
    def __init__(self):
        self.buf, self.pos, self.f = [], 0, []

    def t(self, *xs):
        for x in xs:
            self.buf.append(x)
            self.pos += len(x.encode("utf-8"))
        return self

    def v(self, typ, val):
        st = self.pos
        self.t(val)
        self.f.append({"type": typ, "start": st, "end": self.pos, "value": val})
        return self

    def text(self):
        return "".join(self.buf)


def L(lang, en, it):
    return en if lang == "en" else it

# ----------------------------------------------------------------------------------------------
# character sets and checksums

UP = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
LO = "abcdefghijklmnopqrstuvwxyz"
DG = "0123456789"
AN = UP + LO + DG
B62 = DG + UP + LO
B64 = UP + LO + DG + "+/"
URLSAFE = AN + "-_"
HEX = "0123456789abcdef"


def rs(r, n, alpha=AN):
    return "".join(r.choice(alpha) for _ in range(n))


def luhn_ok(num):
    s, alt = 0, False
    for ch in reversed(num):
        d = int(ch)
        if alt:
            d *= 2
            if d > 9:
                d -= 9
        s += d
        alt = not alt
    return s % 10 == 0


def luhn_complete(prefix, length, r):
    body = prefix + "".join(r.choice(DG) for _ in range(length - len(prefix) - 1))
    for c in DG:
        if luhn_ok(body + c):
            return body + c


def digits_not_luhn(r, n, first=None):
    while True:
        s = (first or r.choice("123456789")) + "".join(r.choice(DG) for _ in range(n - 1))
        if not luhn_ok(s):
            return s


def iban_check(country, bban):
    s = bban + country + "00"
    num = "".join(str(int(c, 36)) for c in s)
    return "%02d" % (98 - int(num) % 97)


def iban_valid(iban):
    s = iban.replace(" ", "")
    s = s[4:] + s[:4]
    return int("".join(str(int(c, 36)) for c in s)) % 97 == 1


CF_ODD = [1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23]


def _cfval(c):
    return int(c) if c.isdigit() else ord(c) - 65


def cf_char(s15):
    t = 0
    for i, c in enumerate(s15):
        v = _cfval(c)
        t += CF_ODD[v] if i % 2 == 0 else v
    return chr(65 + t % 26)


def piva_check(d10):
    s = 0
    for i, c in enumerate(d10):
        x = int(c)
        if i % 2 == 1:
            x *= 2
            if x > 9:
                x -= 9
        s += x
    return str((10 - s % 10) % 10)


def piva_ok(s):
    return len(s) == 11 and s.isdigit() and piva_check(s[:10]) == s[10]


def b62(n, width=6):
    out = ""
    while n:
        out = B62[n % 62] + out
        n //= 62
    return out.rjust(width, "0")


def b64u(b):
    return base64.urlsafe_b64encode(b).decode().rstrip("=")

# ----------------------------------------------------------------------------------------------
# people, companies, places

FIRST_IT = ["Marco", "Giulia", "Luca", "Francesca", "Alessandro", "Chiara", "Matteo", "Sara", "Davide",
            "Elena", "Paolo", "Federica", "Stefano", "Valentina", "Andrea", "Martina", "Giorgio", "Silvia",
            "Roberto", "Laura", "Nicola", "Ilaria", "Simone", "Beatrice"]
LAST_IT = ["Rossi", "Russo", "Ferrari", "Esposito", "Bianchi", "Romano", "Colombo", "Ricci", "Marino",
           "Greco", "Bruno", "Gallo", "Conti", "De Luca", "Mancini", "Costa", "Giordano", "Rizzo",
           "Lombardi", "Moretti", "Barbieri", "Fontana", "Santoro", "Mariani"]
FIRST_EN = ["James", "Emily", "Michael", "Sarah", "David", "Jessica", "Daniel", "Laura", "Thomas", "Olivia",
            "Robert", "Emma", "Christopher", "Hannah", "Matthew", "Sophie", "Andrew", "Rachel"]
LAST_EN = ["Smith", "Johnson", "Williams", "Brown", "Taylor", "Walker", "Wright", "Evans", "Harris", "Clarke",
           "Hughes", "Turner", "Parker", "Collins", "Bennett", "Murphy", "O'Brien", "Foster"]
CO_IT_A = ["Nord", "Alfa", "Tecno", "Sirio", "Adriatica", "Vega", "Orione", "Delta", "Euganea", "Padana", "Ligure"]
CO_IT_B = ["Impianti", "Logistica", "Servizi", "Consulting", "Meccanica", "Farma", "Assicurazioni", "Energia",
           "Costruzioni", "Trasporti", "Informatica"]
CO_EN_A = ["Northwind", "Blue Harbor", "Redwood", "Silverline", "Brightwater", "Oakridge", "Kestrel", "Granite",
           "Lakeside", "Ironbridge"]
CO_EN_B = ["Logistics", "Partners", "Analytics", "Holdings", "Supplies", "Health", "Insurance", "Capital",
           "Systems", "Foods"]
CITIES_IT = [("Milano", "20121", "F205"), ("Roma", "00184", "H501"), ("Torino", "10121", "L219"),
             ("Bologna", "40121", "A944"), ("Napoli", "80133", "F839"), ("Firenze", "50123", "D612"),
             ("Bari", "70121", "A662"), ("Palermo", "90133", "G273"), ("Verona", "37121", "L781"),
             ("Padova", "35121", "G224"), ("Genova", "16121", "D969"), ("Brescia", "25121", "B157")]
STREETS_IT = ["Via Roma", "Corso Italia", "Via Garibaldi", "Via Dante Alighieri", "Viale Europa", "Via Verdi",
              "Piazza della Repubblica", "Via Torino", "Via Manzoni", "Corso Venezia"]
CITIES_EN = ["London", "Manchester", "Leeds", "Bristol", "Boston", "Chicago", "Austin", "Denver", "Seattle"]
STREETS_EN = ["High Street", "King Street", "Station Road", "Maple Avenue", "Oak Lane", "Church Road", "Market Street"]
FREEMAIL = ["gmail.com", "libero.it", "outlook.com", "hotmail.it", "yahoo.com", "virgilio.it", "icloud.com", "tiscali.it"]


def person(r, lang):
    if lang == "it" or r.random() < 0.25:
        return r.choice(FIRST_IT), r.choice(LAST_IT)
    return r.choice(FIRST_EN), r.choice(LAST_EN)


def company(r, lang):
    if lang == "it":
        a, b = r.choice(CO_IT_A), r.choice(CO_IT_B)
        return "%s %s %s" % (a, b, r.choice(["S.r.l.", "S.p.A.", "S.r.l."])), (a + b).lower() + ".it"
    a, b = r.choice(CO_EN_A), r.choice(CO_EN_B)
    return "%s %s %s" % (a, b, r.choice(["Ltd", "Inc.", "LLC"])), a.replace(" ", "").lower() + r.choice([".com", ".co.uk", ".io"])


def slug(s):
    return re.sub(r"[^a-z]", "", s.lower())


def email(r, first, last, domain=None):
    f, l = slug(first), slug(last)
    local = r.choice(["%s.%s" % (f, l), "%s%s" % (f[0], l), "%s_%s" % (f, l), "%s.%s%d" % (f, l, r.randint(1, 99)),
                      "%s.%s" % (l, f)])
    return "%s@%s" % (local, domain or r.choice(FREEMAIL))


def role_email(r, domain):
    return "%s@%s" % (r.choice(["info", "amministrazione", "billing", "support", "hr", "ufficio.acquisti", "sales", "helpdesk"]), domain)

# ----------------------------------------------------------------------------------------------
# sensitive values (all fabricated)

MOBILE_IT = ["320", "328", "329", "333", "335", "338", "339", "340", "345", "347", "348", "349", "366", "380", "388", "392"]


def phone(r, lang):
    k = r.random()
    if lang == "it" and k < 0.8 or lang == "en" and k < 0.2:
        m = r.random()
        if m < 0.5:
            p = r.choice(MOBILE_IT)
            n = rs(r, 7, DG)
            return r.choice(["+39 %s %s %s" % (p, n[:3], n[3:]), "%s %s" % (p, n), "+39 %s%s" % (p, n),
                             "%s-%s" % (p, n), "+39 %s %s" % (p, n)])
        area = r.choice(["02", "06", "011", "051", "055", "081", "045", "010"])
        n = rs(r, 8 - len(area) + 2, DG)
        return r.choice(["+39 %s %s %s" % (area, n[:4], n[4:]), "%s %s" % (area, n), "%s/%s" % (area, n),
                         "(+39) %s %s" % (area, n), "+39 %s%s" % (area, n)])
    m = r.random()
    if m < 0.55:
        a = "%d%d%d" % (r.randint(2, 9), r.randint(0, 8), r.randint(0, 9))
        e = "%d%d%d" % (r.randint(2, 9), r.randint(0, 9), r.randint(0, 9))
        if e == "555":
            e = "556"
        n = rs(r, 4, DG)
        return r.choice(["(%s) %s-%s" % (a, e, n), "+1 %s %s %s" % (a, e, n), "%s-%s-%s" % (a, e, n),
                         "%s.%s.%s" % (a, e, n), "+1 (%s) %s-%s" % (a, e, n)])
    if m < 0.85:
        return r.choice(["+44 20 %s %s" % (rs(r, 4, DG), rs(r, 4, DG)), "+44 161 %s %s" % (rs(r, 3, DG), rs(r, 4, DG)),
                         "+44 7%s %s" % (rs(r, 3, DG), rs(r, 6, DG)), "020 %s %s" % (rs(r, 4, DG), rs(r, 4, DG))])
    return r.choice(["+49 30 %s %s" % (rs(r, 4, DG), rs(r, 4, DG)), "+49 89 %s" % rs(r, 8, DG),
                     "+33 1 %s %s %s %s" % tuple(rs(r, 2, DG) for _ in range(4))])


def card(r, fmt=None):
    k = r.random()
    if k < 0.45:
        n, amex = luhn_complete("4", 16, r), False
    elif k < 0.7:
        n, amex = luhn_complete(r.choice(["51", "52", "53", "54", "55", "2221", "2720"]), 16, r), False
    elif k < 0.85:
        n, amex = luhn_complete(r.choice(["34", "37"]), 15, r), True
    else:
        n, amex = luhn_complete("6011", 16, r), False
    sep = fmt if fmt is not None else r.choice([" ", " ", "-", ""])
    if amex:
        return sep.join([n[:4], n[4:10], n[10:]])
    return sep.join([n[i:i + 4] for i in range(0, 16, 4)])


def group4(s):
    return " ".join(s[i:i + 4] for i in range(0, len(s), 4))


def it_cin(s):
    return cf_char(s)  # CIN uses the fiscal-code odd/even tables over ABI+CAB+conto


def iban(r, country=None, spaced=None):
    c = country or r.choice(["IT", "IT", "IT", "IT", "DE", "FR", "ES", "GB", "NL", "CH"])
    if c == "IT":
        rest = rs(r, 5, DG) + rs(r, 5, DG) + rs(r, 12, DG)
        bban = it_cin(rest) + rest
    elif c == "DE":
        bban = rs(r, 18, DG)
    elif c == "FR":
        bank, br, acc = rs(r, 5, DG), rs(r, 5, DG), rs(r, 11, DG)
        key = 97 - ((89 * int(bank) + 15 * int(br) + 3 * int(acc)) % 97)
        bban = bank + br + acc + "%02d" % key
    elif c == "ES":
        bank, br, acc = rs(r, 4, DG), rs(r, 4, DG), rs(r, 10, DG)
        w = [1, 2, 4, 8, 5, 10, 9, 7, 3, 6]

        def dc(s):
            x = 11 - sum(int(a) * b for a, b in zip(s, w)) % 11
            return "0" if x == 11 else ("1" if x == 10 else str(x))
        bban = bank + br + dc("00" + bank + br) + dc(acc) + acc
    elif c == "GB":
        bban = rs(r, 4, UP) + rs(r, 14, DG)
    elif c == "NL":
        bban = rs(r, 4, UP) + rs(r, 10, DG)
    else:
        bban = rs(r, 17, DG)
    s = c + iban_check(c, bban) + bban
    if spaced is None:
        spaced = r.random() < 0.55
    return group4(s) if spaced else s


def iban_bad(r, country=None):
    s = iban(r, country, spaced=False)
    while True:
        ck = "%02d" % r.randint(2, 98)
        t = s[:2] + ck + s[4:]
        out = group4(t) if r.random() < 0.5 else t
        if not iban_valid(t) and not any(luhn_ok(re.sub(r"\D", "", m.group(0))) for m in RX_DIGITS.finditer(out)):
            return out


def cf(r, female=None):
    cons = "BCDFGLMNPRSTVZ"
    s = rs(r, 3, cons) + rs(r, 3, cons) + "%02d" % r.randint(40, 99) + r.choice("ABCDEHLMPRST")
    day = r.randint(1, 28) + (40 if (female if female is not None else r.random() < 0.5) else 0)
    s += "%02d" % day + r.choice(CITIES_IT)[2]
    return s + cf_char(s)


OMO = "LMNPQRSTUV"


def cf_omocodia(r):
    s = list(cf(r)[:15])
    for pos in [14, 13, 12, 10, 9, 7, 6][:r.randint(1, 3)]:
        s[pos] = OMO[int(s[pos])]
    s = "".join(s)
    return s + cf_char(s)


def cf_any(r):
    x = r.random()
    if x < 0.04:
        return cf_omocodia(r)
    if x < 0.12:
        return cf(r).lower()
    return cf(r)


def cf_bad(r):
    s = cf(r)
    return s[:15] + r.choice([c for c in UP if c != s[15]])


def piva(r):
    d = rs(r, 7, DG) + "%03d" % r.choice(list(range(1, 101)) + [120, 121])
    return d + piva_check(d)


def piva_bad(r):
    p = piva(r)
    return p[:10] + str((int(p[10]) + r.randint(1, 9)) % 10)


def ssn(r, sep="-"):
    while True:
        a = r.randint(1, 899)
        if a != 666:
            break
    return sep.join(["%03d" % a, "%02d" % r.randint(1, 99), "%04d" % r.randint(1, 9999)])


def ssn_bad(r):
    a = r.choice(["000", "666", "9%02d" % r.randint(0, 99)])
    return "%s-%02d-%04d" % (a, r.randint(1, 99), r.randint(1, 9999))


def ip(r, private=None):
    if private is None:
        private = r.random() < 0.5
    if private:
        return r.choice(["10.%d.%d.%d" % (r.randint(0, 255), r.randint(0, 255), r.randint(2, 254)),
                         "192.168.%d.%d" % (r.randint(0, 255), r.randint(2, 254)),
                         "172.%d.%d.%d" % (r.randint(16, 31), r.randint(0, 255), r.randint(2, 254))])
    while True:
        a = r.choice([31, 37, 46, 62, 79, 80, 82, 87, 93, 95, 109, 151, 176, 185, 188, 193, 212, 213, 217])
        return "%d.%d.%d.%d" % (a, r.randint(0, 255), r.randint(0, 255), r.randint(2, 254))


def aws_ak(r):
    return r.choice(["AKIA", "AKIA", "AKIA", "ASIA"]) + rs(r, 16, UP + "234567")


def aws_sk(r):
    return rs(r, 40, B64)


def gh_token(r, prefix=None):
    p = prefix or r.choice(["ghp_", "ghp_", "ghp_", "gho_", "ghu_", "ghs_", "ghr_"])
    body = rs(r, 30, AN)
    return p + body + b62(zlib.crc32(body.encode()))


def gh_pat(r):
    return "github_pat_" + rs(r, 22, AN) + "_" + rs(r, 59, AN)


def gl_token(r):
    return r.choice(["glpat-"] * 6 + ["gldt-", "glrt-"]) + rs(r, 20, URLSAFE)


def slack_token(r):
    k = r.random()
    if k < 0.6:
        return "xoxb-%s-%s-%s" % (rs(r, r.randint(10, 13), DG), rs(r, 13, DG), rs(r, 24, AN))
    if k < 0.85:
        return "xoxp-%s-%s-%s-%s" % (rs(r, 12, DG), rs(r, 12, DG), rs(r, 13, DG), rs(r, 32, HEX))
    return "xapp-1-A%s-%s-%s" % (rs(r, 10, UP + DG), rs(r, 13, DG), rs(r, 64, HEX))


def slack_webhook(r):
    return "https://hooks.slack.com/services/T%s/B%s/%s" % (rs(r, r.choice([8, 10]), UP + DG),
                                                          rs(r, r.choice([8, 10]), UP + DG), rs(r, 24, AN))


def stripe_key(r, mode="live"):
    return r.choice(["sk_", "sk_", "rk_"]) + mode + "_" + rs(r, r.choice([24, 99]), AN)


def openai_key(r):
    k = r.random()
    if k < 0.55:
        return "sk-proj-" + rs(r, 58, URLSAFE) + "T3BlbkFJ" + rs(r, 58, URLSAFE)
    if k < 0.75:
        return "sk-svcacct-" + rs(r, 58, URLSAFE) + "T3BlbkFJ" + rs(r, 58, URLSAFE)
    return "sk-" + rs(r, 20, AN) + "T3BlbkFJ" + rs(r, 20, AN)


def anthropic_key(r):
    return "sk-ant-api03-" + rs(r, 93, URLSAFE) + "AA"


def google_key(r):
    return "AIza" + rs(r, 35, URLSAFE)


PEM_HEAD = {"RSA PRIVATE KEY": "MIIEowIBAAKCAQEA", "PRIVATE KEY": "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQ",
            "EC PRIVATE KEY": "MHcCAQEEI", "OPENSSH PRIVATE KEY": "b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAA",
            "ENCRYPTED PRIVATE KEY": "MIIFHDBOBgkqhkiG9w0BBQ0wQTApBgkqhkiG9w0BBQwwHAQI"}


def pem(r, kind=None, nl="\n", lines=None):
    kind = kind or r.choice(list(PEM_HEAD))
    body = PEM_HEAD[kind] + rs(r, 64 * (lines or r.randint(6, 14)), B64)
    rows = [body[i:i + 64] for i in range(0, len(body), 64)]
    rows[-1] = rows[-1][:r.randint(20, 60)] + r.choice(["", "=", "=="])
    return "-----BEGIN %s-----%s%s%s-----END %s-----" % (kind, nl, nl.join(rows), nl, kind)


def jwt(r, name=None):
    hdr = {"alg": r.choice(["HS256", "RS256", "ES256", "HS512"]), "typ": "JWT"}
    if r.random() < 0.3:
        hdr["kid"] = rs(r, 8, HEX)
    iat = r.randint(1690000000, 1760000000)
    pl = {"sub": str(r.randint(10000, 99999999)), "iat": iat, "exp": iat + r.choice([900, 3600, 86400])}
    if name:
        pl["name"] = name
    if r.random() < 0.5:
        pl["scope"] = r.choice(["read:orders", "admin", "openid profile email", "billing:write"])
    sig = bytes(r.getrandbits(8) for _ in range(r.choice([32, 64])))
    return ".".join([b64u(json.dumps(hdr, separators=(",", ":")).encode()),
                     b64u(json.dumps(pl, separators=(",", ":")).encode()), b64u(sig)])


WORDS_IT = ["Girasole", "Tramonto", "Gattino", "Montagna", "Limone", "Fragola", "Vesuvio", "Dolomiti", "Pantera", "Aurora"]
WORDS_EN = ["Sunflower", "Monkey", "Dragon", "Harbor", "Falcon", "Winter", "Maple", "Rocket", "Pepper", "Thunder"]


def password(r, url_safe=False):
    k = r.random()
    if k < 0.35:
        w = r.choice(WORDS_IT + WORDS_EN)
        p = w + str(r.randint(1970, 2025)) + (r.choice(["!", "#", "$", "."]) if not url_safe else r.choice(["!", ".", "_"]))
    elif k < 0.7:
        alpha = AN + ("!#$%^&*-_+=." if not url_safe else "-_.!")
        p = r.choice(UP + LO) + rs(r, r.randint(11, 19), alpha)
    elif k < 0.85:
        words = ["cavallo", "batteria", "graffetta", "corretto", "orange", "staple", "horse", "lampada", "fiume", "vento"]
        p = "-".join(r.sample(words, 3)) + "-" + str(r.randint(10, 99))
    else:
        p = r.choice(UP) + rs(r, 3, LO) + r.choice("@#") if not url_safe else r.choice(UP) + rs(r, 3, LO)
        p += rs(r, 6, AN) + r.choice(["!", "9"] if url_safe else ["!", "?", "9"])
    return p


def azure_secret(r):
    return rs(r, 3, AN) + r.choice(DG) + "Q~" + rs(r, 34, AN + "_.-~")


def cred_url(r, scheme=None, host=None):
    scheme = scheme or r.choice(["postgres", "postgresql", "mysql", "mongodb+srv", "redis", "amqp", "amqps", "mongodb", "ftp", "smtp"])
    user = r.choice(["app", "svc_billing", "erp_rw", "admin", "report", "etl", "deploy", "crm_app"])
    pw = password(r, url_safe=True)
    h = host or r.choice(["db01.acme.local", "10.20.%d.%d" % (r.randint(0, 255), r.randint(2, 250)),
                          "cluster0.%s.mongodb.net" % rs(r, 5, LO + DG), "pg-prod.internal", "mq.corp.lan",
                          "cache-01.prod.svc", "sql.%s.it" % r.choice(["nordimpianti", "alfalogistica", "vegaservizi"])])
    port = {"postgres": 5432, "postgresql": 5432, "mysql": 3306, "redis": 6379, "amqp": 5672, "amqps": 5671,
            "mongodb": 27017, "ftp": 21, "smtp": 587}.get(scheme)
    path = r.choice(["/billing", "/erp", "/crm", "/app", "/0", "/vhost1", ""])
    if scheme == "redis" and r.random() < 0.4:
        user = ""
    if scheme == "mongodb+srv":
        return "%s://%s:%s@%s%s?retryWrites=true&w=majority" % (scheme, user, pw, h, path or "/app")
    return "%s://%s:%s@%s%s%s" % (scheme, user, pw, h, ":%d" % port if port and r.random() < 0.7 else "", path)

# ----------------------------------------------------------------------------------------------
# harmless look-alikes

def uuid4(r):
    h = rs(r, 32, HEX)
    return "%s-%s-4%s-%s%s-%s" % (h[:8], h[8:12], h[13:16], r.choice("89ab"), h[17:20], h[20:32])


def sha(r, n=40):
    return rs(r, n, HEX)


def date_iso(r):
    return "%d-%02d-%02d" % (r.randint(2022, 2025), r.randint(1, 12), r.randint(1, 28))


def date_it(r):
    return "%02d/%02d/%d" % (r.randint(1, 28), r.randint(1, 12), r.randint(2022, 2025))


def amount(r, lang):
    v = round(10 ** r.uniform(1.3, 4.8), 2)
    if lang == "it":
        s = "{:,.2f}".format(v).replace(",", "X").replace(".", ",").replace("X", ".")
        return r.choice(["€ %s" % s, "%s EUR" % s, "%s €" % s])
    return r.choice(["$%s" % "{:,.2f}".format(v), "£%s" % "{:,.2f}".format(v), "EUR %s" % "{:,.2f}".format(v)])


def invoice_no(r):
    return r.choice(["FT-%d/%05d" % (r.randint(2022, 2025), r.randint(1, 99999)), "INV-%06d" % r.randint(1, 999999),
                     "%d/%d/FE" % (r.randint(1, 9999), r.randint(2022, 2025)), "FATT. N. %d/%d" % (r.randint(1, 999), r.randint(2022, 2025))])


def order_no(r):
    return r.choice(["ORD-%s-%s" % (rs(r, 4, DG), rs(r, 4, DG)), "#%d" % r.randint(100000, 9999999),
                     "PO-%d-%04d" % (r.randint(2022, 2025), r.randint(1, 9999)), "SO%s" % rs(r, 8, DG)])


def tracking(r):
    while True:
        t = _tracking(r)
        if not (re.fullmatch(r"[A-Z]{2}\d{2}[A-Z0-9]+", t) and iban_valid(t)):
            return t


def _tracking(r):
    return r.choice(["1Z%s%s" % (rs(r, 6, UP + DG), rs(r, 10, DG)), "JD%s" % rs(r, 18, DG),
                     "%sIT" % (rs(r, 2, UP) + rs(r, 9, DG)), "BRT %s" % digits_not_luhn(r, 15, "0")])


def version(r):
    return "%d.%d.%d" % (r.randint(0, 9), r.randint(0, 30), r.randint(0, 99))


def ticket_no(r):
    return r.choice(["#%d" % r.randint(10000, 999999), "INC%07d" % r.randint(1, 9999999), "SR-%d" % r.randint(1000, 99999),
                     "CS-%s" % rs(r, 6, DG)])


def b64s(s):
    return base64.b64encode(s.encode()).decode()

# ----------------------------------------------------------------------------------------------
# evasions

def fullwidth(s, only_digits=False):
    out = []
    for ch in s:
        o = ord(ch)
        if only_digits and not ch.isdigit():
            out.append(ch)
        elif 0x21 <= o <= 0x7E:
            out.append(chr(o + 0xFEE0))
        else:
            out.append(ch)
    return "".join(out)


ZW = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff"]


def zerowidth(r, s, k=None):
    pos = sorted(r.sample(range(2, len(s) - 1), k or r.randint(1, 3)))
    out, last = [], 0
    for p in pos:
        out.append(s[last:p])
        out.append(r.choice(ZW))
        last = p
    out.append(s[last:])
    return "".join(out)


def json_u(r, s, which=None):
    out = []
    for ch in s:
        if (which and ch in which) or (which is None and r.random() < 0.35):
            out.append("\\u%04x" % ord(ch))
        else:
            out.append(ch)
    return "".join(out)


def pct_all(s):
    return "".join("%%%02X" % b for b in s.encode())


def pct_min(s):
    safe = AN + "-_.~"
    return "".join(c if c in safe else "%%%02X" % ord(c) for c in s)

# ----------------------------------------------------------------------------------------------
# prompt wrappers

INTRO = {
    ("biz", "en"): ["Summarize this thread and draft a reply:", "Can you turn this into a short status update for my manager?",
                    "Please extract the action items from the text below.", "Rewrite this more politely:",
                    "Translate the following into Italian:", "Check this for mistakes before I send it:",
                    "Turn this into a table:", "What should I answer to this?"],
    ("biz", "it"): ["Riassumi questo thread e prepara una risposta:", "Puoi trasformarlo in un breve aggiornamento per il mio responsabile?",
                    "Estrai le azioni da fare dal testo seguente.", "Riscrivi in modo più cortese:",
                    "Traduci in inglese il testo seguente:", "Controlla se ci sono errori prima che lo invii:",
                    "Metti questi dati in una tabella:", "Cosa devo rispondere a questo?"],
    ("code", "en"): ["Why does this fail?", "Can you review this config?", "Refactor this please:",
                     "This throws an auth error, any idea?", "Explain what this does:", "Convert this to TypeScript:",
                     "Add error handling to this:", "What's wrong with this setup?"],
    ("code", "it"): ["Perché questo non funziona?", "Puoi rivedere questa configurazione?", "Fai il refactoring di questo codice:",
                     "Mi dà errore di autenticazione, idee?", "Spiegami cosa fa questo:", "Aggiungi la gestione degli errori:",
                     "Cosa c'è di sbagliato in questo setup?", "Scrivi i test per questo codice:"],
}


def intro(r, d, kind, lang):
    d.t(r.choice(INTRO[(kind, lang)]) + r.choice(["\n\n", "\n", "\n\n"]))


def fence(r, d, langname, open_=True):
    if open_:
        d.t("```%s\n" % langname)
    else:
        d.t("\n```")

# ----------------------------------------------------------------------------------------------
# business building blocks

TITLES = {"en": ["Account Manager", "Finance Director", "Head of Procurement", "Customer Success Lead", "HR Business Partner",
                 "Operations Manager", "Sales Executive", "Credit Controller"],
          "it": ["Responsabile Amministrativo", "Ufficio Acquisti", "Direttore Commerciale", "Customer Care", "Ufficio Personale",
                 "Responsabile Logistica", "Area Manager", "Contabilità Fornitori"]}

DISCLAIMER = {"en": ["This e-mail and any attachments are confidential and intended solely for the addressee. If you have received it in error, please notify the sender and delete it.",
                     "CONFIDENTIALITY NOTICE: the information in this message may be privileged and is intended only for the named recipient."],
              "it": ["Le informazioni contenute in questo messaggio sono riservate e destinate esclusivamente al destinatario. Se ha ricevuto questa e-mail per errore, la preghiamo di cancellarla e di avvisare il mittente.",
                     "Ai sensi del Regolamento UE 2016/679 (GDPR) questo messaggio e gli eventuali allegati sono riservati. È vietata la diffusione non autorizzata."]}


def address(r, lang):
    if lang == "it":
        c = r.choice(CITIES_IT)
        return "%s %d, %s %s" % (r.choice(STREETS_IT), r.randint(1, 180), c[1], c[0])
    return "%d %s, %s" % (r.randint(1, 250), r.choice(STREETS_EN), r.choice(CITIES_EN))


def signature(r, d, lang, first, last, co, dom, tags):
    d.t("\n\n%s\n%s %s\n%s | %s\n" % (r.choice(["--", "Cordiali saluti," if lang == "it" else "Best regards,", "Saluti," if lang == "it" else "Kind regards,"]),
                                     first, last, r.choice(TITLES[lang]), co))
    if r.random() < 0.8:
        d.t(r.choice(["Tel. ", "T: ", "Tel: ", "Phone: " if lang == "en" else "Telefono: "])).v("PHONE", phone(r, lang)).t("\n")
    if r.random() < 0.45:
        d.t(r.choice(["Mob. ", "M: ", "Cell. " if lang == "it" else "Mobile: "])).v("PHONE", phone(r, lang)).t("\n")
    if r.random() < 0.6:
        d.t(r.choice(["Email: ", "E: ", "Mail: "])).v("EMAIL", email(r, first, last, dom)).t("\n")
    d.t(address(r, lang) + "\n")
    if lang == "it" and r.random() < 0.6:
        d.t(r.choice(["P.IVA ", "P. IVA ", "C.F. e P.IVA ", "Partita IVA: ", "VAT IT"])).v("IT_VAT", piva(r))
        d.t(r.choice([" – REA MI-%d" % r.randint(1000000, 2999999), " - Cap. Soc. € 50.000,00 i.v.", ""]) + "\n")
    if r.random() < 0.25:
        d.t("\n" + r.choice(DISCLAIMER[lang]) + "\n")
        tags.add("judgement")


def neutral_sentence(r, lang):
    c = r.randint(0, 7)
    if c == 0:
        return L(lang, "Invoice %s for %s is due on %s." % (invoice_no(r), amount(r, lang), date_iso(r)),
                 "La fattura %s di %s scade il %s." % (invoice_no(r), amount(r, lang), date_it(r)))
    if c == 1:
        return L(lang, "Order %s shipped yesterday, tracking %s." % (order_no(r), tracking(r)),
                 "L'ordine %s è partito ieri, tracking %s." % (order_no(r), tracking(r)))
    if c == 2:
        return L(lang, "Let's meet on Thursday at 3 pm in the Verdi room.", "Ci vediamo giovedì alle 15:00 in sala Verdi.")
    if c == 3:
        return L(lang, "I attach the updated quote (rev. %d, valid until %s)." % (r.randint(2, 6), date_iso(r)),
                 "Allego il preventivo aggiornato (rev. %d, valido fino al %s)." % (r.randint(2, 6), date_it(r)))
    if c == 4:
        return L(lang, "The discount of %d%% applies to orders above %s." % (r.randint(3, 20), amount(r, lang)),
                 "Lo sconto del %d%% vale per ordini superiori a %s." % (r.randint(3, 20), amount(r, lang)))
    if c == 5:
        return L(lang, "Ticket %s has been escalated to second level." % ticket_no(r),
                 "Il ticket %s è stato passato al secondo livello." % ticket_no(r))
    if c == 6:
        return L(lang, "Please reset your password through the self-service portal, IT will never ask for it by e-mail.",
                 "Ricordo che la password va cambiata dal portale self-service: l'IT non la chiede mai via e-mail.")
    return L(lang, "Delivery is scheduled for week %d; the pallet count is %d." % (r.randint(1, 52), r.randint(2, 40)),
             "La consegna è prevista in settimana %d, %d bancali." % (r.randint(1, 52), r.randint(2, 40)))


def sensitive_sentence(r, d, lang, co, tags):
    c = r.randint(0, 8)
    if c == 0:
        d.t(L(lang, "Please note our bank details have changed. New IBAN: ", "Vi comunichiamo che le coordinate bancarie sono cambiate. Nuovo IBAN: "))
        d.v("IBAN", iban(r)).t(L(lang, " (beneficiary: %s)." % co, " intestato a %s." % co))
    elif c == 1:
        d.t(L(lang, "Give me a call on ", "Per chiarimenti può contattarmi al ")).v("PHONE", phone(r, lang)).t(L(lang, " when you get a chance.", "."))
    elif c == 2:
        d.t(L(lang, "The customer's Italian tax code is ", "Per la pratica ci serve il codice fiscale del cliente: ")).v("IT_FISCAL_CODE", cf(r)).t(".")
    elif c == 3:
        u = r.choice(["mrossi", "fornitore_%d" % r.randint(100, 999), "g.bianchi", "ext.%s" % rs(r, 5, LO)])
        d.t(L(lang, "Your account on the supplier portal: username %s, password: " % u,
              "Ti ho creato l'utenza sul portale fornitori: utente %s, password " % u)).v("PASSWORD", password(r))
        d.t(L(lang, " - please change it at first login.", " (cambiala al primo accesso)."))
    elif c == 4:
        d.t(L(lang, "Please charge the corporate card ", "Potete addebitare sulla carta aziendale ")).v("CREDIT_CARD", card(r))
        d.t(L(lang, ", exp %02d/%d." % (r.randint(1, 12), r.randint(26, 30)), ", scadenza %02d/%d." % (r.randint(1, 12), r.randint(26, 30))))
    elif c == 5:
        d.t(L(lang, "The invoice must be made out to %s, VAT no. IT" % co, "La fattura va intestata a %s, P.IVA " % co)).v("IT_VAT", piva(r)).t(".")
    elif c == 6:
        f, l = person(r, lang)
        d.t(L(lang, "Please copy ", "Metti in copia anche ")).v("EMAIL", email(r, f, l)).t(L(lang, " as well.", "."))
    elif c == 7:
        d.t(L(lang, "For the background check HR needs the SSN: ", "Per la pratica USA serve il Social Security Number: ")).v("US_SSN", ssn(r)).t(".")
    else:
        d.t(L(lang, "Wire the deposit to ", "Il bonifico dell'acconto va su ")).v("IBAN", iban(r)).t(L(lang, " by Friday.", " entro venerdì."))


SUBJ = {"en": ["Re: payment terms", "Fwd: new supplier onboarding", "Q3 renewal", "Re: invoice query", "Updated bank details",
               "Re: delivery schedule", "Access to the portal", "Re: contract draft v3"],
        "it": ["Re: condizioni di pagamento", "I: anagrafica nuovo fornitore", "Rinnovo contratto", "Re: sollecito fattura",
               "Variazione coordinate bancarie", "Re: consegna merce", "Accesso al portale", "Re: bozza contratto v3"]}


def email_header(r, d, lang, a, b, tags, cc=False):
    (f1, l1, dom1), (f2, l2, dom2) = a, b
    d.t(L(lang, "From: ", r.choice(["Da: ", "From: "])) + "%s %s <" % (f1, l1)).v("EMAIL", email(r, f1, l1, dom1)).t(">\n")
    d.t(L(lang, "To: ", r.choice(["A: ", "To: "])) + "%s %s <" % (f2, l2)).v("EMAIL", email(r, f2, l2, dom2)).t(">\n")
    if cc:
        d.t("Cc: ").v("EMAIL", role_email(r, dom2)).t("\n")
    d.t(L(lang, "Date: ", "Data: ") + L(lang, "%s, %d %s %d %02d:%02d" % (r.choice(["Mon", "Tue", "Wed", "Thu", "Fri"]), r.randint(1, 28),
                                                                        r.choice(["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Sep", "Oct"]), r.randint(2023, 2025), r.randint(7, 19), r.randint(0, 59)),
                                    "%s %d %s %d %02d:%02d" % (r.choice(["lun", "mar", "mer", "gio", "ven"]), r.randint(1, 28),
                                                             r.choice(["gen", "feb", "mar", "apr", "mag", "giu", "set", "ott"]), r.randint(2023, 2025), r.randint(7, 19), r.randint(0, 59))) + "\n")
    d.t(L(lang, "Subject: ", "Oggetto: ") + r.choice(SUBJ[lang]) + "\n\n")

# ----------------------------------------------------------------------------------------------
# business templates (positive)

def t_email_thread(r, d, lang, tags):
    intro(r, d, "biz", lang)
    co1, dom1 = company(r, lang)
    co2, dom2 = company(r, lang)
    f1, l1 = person(r, lang)
    f2, l2 = person(r, lang)
    email_header(r, d, lang, (f1, l1, dom1), (f2, l2, dom2), tags, cc=r.random() < 0.3)
    d.t(L(lang, "Hi %s,\n\n" % f2, "Buongiorno %s,\n\n" % f2))
    for _ in range(r.randint(1, 2)):
        d.t(neutral_sentence(r, lang) + " ")
    if r.random() < 0.8:
        sensitive_sentence(r, d, lang, co1, tags)
    d.t(" " + neutral_sentence(r, lang))
    signature(r, d, lang, f1, l1, co1, dom1, tags)


def t_forward_chain(r, d, lang, tags):
    intro(r, d, "biz", lang)
    co1, dom1 = company(r, lang)
    co2, dom2 = company(r, lang)
    f1, l1 = person(r, lang)
    f2, l2 = person(r, lang)
    f3, l3 = person(r, lang)
    d.t(L(lang, "FYI, see below.\n\n", "Ti giro la mail sotto, fammi sapere.\n\n"))
    d.t(L(lang, "---------- Forwarded message ---------\n", "-------- Messaggio inoltrato --------\n"))
    email_header(r, d, lang, (f2, l2, dom2), (f1, l1, dom1), tags)
    d.t(L(lang, "Dear %s,\n" % f1, "Gentile %s,\n" % f1))
    sensitive_sentence(r, d, lang, co2, tags)
    d.t(" " + neutral_sentence(r, lang) + "\n")
    d.t(L(lang, "\n> On %s %s %s wrote:\n> " % (date_iso(r), f3, l3), "\n> Il giorno %s %s %s ha scritto:\n> " % (date_it(r), f3, l3)))
    d.t(neutral_sentence(r, lang) + "\n> ")
    if r.random() < 0.6:
        d.t(L(lang, "You can reach me at ", "Mi trovate al ")).v("PHONE", phone(r, lang)).t(L(lang, " or ", " oppure a ")).v("EMAIL", email(r, f3, l3, dom2)).t(".\n")
    else:
        d.t(neutral_sentence(r, lang) + "\n")


def t_crm_export(r, d, lang, tags):
    d.t(L(lang, r.choice(["Clean up this CRM export and dedupe it:", "Export from Salesforce, find the duplicates:", "Which of these leads are in Italy?"]),
          r.choice(["Pulisci questo export del CRM e togli i duplicati:", "Estrazione dal gestionale, trova i doppioni:", "Quali di questi contatti sono di Milano?"])) + "\n\n")
    style = r.choice(["csv", "csv_semi", "tsv", "md"])
    if lang == "it":
        cols = ["Nome", "Cognome", "Email", "Telefono"] + r.sample(["CF", "IBAN", "Città", "Data iscrizione", "Importo", "P.IVA"], 2)
    else:
        cols = ["First name", "Last name", "Email", "Phone"] + r.sample(["City", "Signup date", "Balance", "SSN", "Card", "Company"], 2)
    sep = {"csv": ",", "csv_semi": ";", "tsv": "\t", "md": " | "}[style]
    pre, post = ("| ", " |") if style == "md" else ("", "")
    d.t(pre + sep.join(cols) + post + "\n")
    if style == "md":
        d.t("|" + "|".join(["---"] * len(cols)) + "|\n")
    for _ in range(r.randint(2, 5)):
        f, l = person(r, lang)
        d.t(pre)
        for i, c in enumerate(cols):
            if i:
                d.t(sep)
            if c in ("Nome", "First name"):
                d.t(f)
            elif c in ("Cognome", "Last name"):
                d.t(l)
            elif c == "Email":
                d.v("EMAIL", email(r, f, l))
            elif c in ("Telefono", "Phone"):
                d.v("PHONE", phone(r, lang))
            elif c == "CF":
                d.v("IT_FISCAL_CODE", cf_any(r))
            elif c == "IBAN":
                d.v("IBAN", iban(r, "IT", spaced=False))
            elif c == "P.IVA":
                d.v("IT_VAT", piva(r))
            elif c == "SSN":
                d.v("US_SSN", ssn(r, sep=r.choice(["-", "-", ""])))
            elif c == "Card":
                d.v("CREDIT_CARD", card(r, fmt=r.choice(["", "-"]) if style != "csv" else r.choice(["", "-", " "])))
            elif c in ("Città", "City"):
                d.t(r.choice(CITIES_IT)[0] if lang == "it" else r.choice(CITIES_EN))
            elif c in ("Data iscrizione", "Signup date"):
                d.t(date_it(r) if lang == "it" else date_iso(r))
            elif c in ("Importo", "Balance"):
                d.t(amount(r, lang).replace(",", "") if style == "csv" else amount(r, lang))
            elif c == "Company":
                d.t(company(r, lang)[0].replace(",", ""))
        d.t(post + "\n")


def t_support_ticket(r, d, lang, tags):
    intro(r, d, "biz", lang)
    f, l = person(r, lang)
    d.t(L(lang, "Ticket %s | Priority: %s | Opened: %s\nCustomer: %s %s <" % (ticket_no(r), r.choice(["High", "Medium", "Low"]), date_iso(r), f, l),
          "Ticket %s | Priorità: %s | Aperto il: %s\nCliente: %s %s <" % (ticket_no(r), r.choice(["Alta", "Media", "Bassa"]), date_it(r), f, l)))
    d.v("EMAIL", email(r, f, l)).t(">\n")
    if r.random() < 0.7:
        d.t(L(lang, "Phone: ", "Telefono: ")).v("PHONE", phone(r, lang)).t("\n")
    d.t(L(lang, "Order: %s\n\nMessage:\n" % order_no(r), "Ordine: %s\n\nMessaggio:\n" % order_no(r)))
    c = r.randint(0, 3)
    if c == 0:
        d.t(L(lang, "I was charged twice on my card ", "Mi avete addebitato due volte sulla carta ")).v("CREDIT_CARD", card(r))
        d.t(L(lang, ", please refund one of the %s payments." % amount(r, lang), ", vi prego di stornare uno dei due pagamenti da %s." % amount(r, lang)))
    elif c == 1:
        d.t(L(lang, "I can't log in anymore. My password was ", "Non riesco più ad accedere. La mia password era "))
        d.v("PASSWORD", password(r)).t(L(lang, " and now it says invalid credentials.", " e ora dice credenziali non valide."))
    elif c == 2:
        d.t(L(lang, "Please send the refund to IBAN ", "Per il rimborso usate l'IBAN ")).v("IBAN", iban(r)).t(L(lang, ", account holder %s %s." % (f, l), ", intestato a %s %s." % (f, l)))
    else:
        d.t(L(lang, "The invoice must show my tax code ", "In fattura deve comparire il mio codice fiscale ")).v("IT_FISCAL_CODE", cf_any(r)).t(L(lang, ", not the company's.", ", non quello dell'azienda."))
    d.t(L(lang, "\n\n---\nAgent notes: customer verified, ", "\n\n---\nNote operatore: cliente verificato, ") + neutral_sentence(r, lang))


def t_chat_transcript(r, d, lang, tags):
    d.t(L(lang, "Summarize this chat for the CRM note:\n\n", "Riassumi questa chat per la nota nel CRM:\n\n"))
    f, l = person(r, lang)
    ag = r.choice(FIRST_IT if lang == "it" else FIRST_EN)
    h, m = r.randint(8, 17), r.randint(0, 50)

    def line(who):
        nonlocal m
        m += r.randint(0, 2)
        d.t("[%02d:%02d] %s: " % (h, m % 60, who))
    A = L(lang, "Agent (%s)" % ag, "Operatore (%s)" % ag)
    C = L(lang, "Customer", "Cliente")
    line(A); d.t(L(lang, "Good morning, how can I help?\n", "Buongiorno, come posso aiutarla?\n"))
    line(C); d.t(L(lang, "hi, my account is blocked\n", "salve ho l'account bloccato\n"))
    line(A); d.t(L(lang, "Can you confirm the e-mail and a phone number on the account?\n", "Mi conferma email e numero di telefono associati?\n"))
    line(C); d.v("EMAIL", email(r, f, l)).t(" ")
    d.v("PHONE", phone(r, lang)).t("\n")
    c = r.randint(0, 3)
    if c == 0:
        line(C); d.t(L(lang, "the password I use is ", "la password che uso è ")).v("PASSWORD", password(r)).t("\n")
    elif c == 1:
        line(A); d.t(L(lang, "And the Italian tax code?\n", "E il codice fiscale?\n"))
        line(C); d.v("IT_FISCAL_CODE", cf_any(r)).t("\n")
    elif c == 2:
        line(C); d.t(L(lang, "the card is ", "la carta è ")).v("CREDIT_CARD", card(r)).t("\n")
    else:
        line(C); d.t(L(lang, "my SSN is ", "il mio SSN americano è ")).v("US_SSN", ssn(r, sep=r.choice(["-", "-", " "]))).t("\n")
    line(A); d.t(L(lang, "Thanks, I've unlocked it. Ticket %s.\n" % ticket_no(r), "Grazie, ho sbloccato l'account. Ticket %s.\n" % ticket_no(r)))


def t_hr_record(r, d, lang, tags):
    d.t(L(lang, "Format this employee record as JSON:\n\n", "Formatta questa scheda dipendente in JSON:\n\n"))
    f, l = person(r, lang)
    if lang == "it":
        d.t("SCHEDA DIPENDENTE\nNome: %s %s\nMatricola: %06d\nCodice fiscale: " % (f, l, r.randint(1, 999999)))
        d.v("IT_FISCAL_CODE", cf(r)).t("\nData di nascita: %s\nLivello: %d° CCNL Commercio\nRAL: %s\n" % (date_it(r), r.randint(1, 7), amount(r, "it")))
        d.t("IBAN accredito stipendio: ").v("IBAN", iban(r, "IT")).t("\nTelefono: ").v("PHONE", phone(r, "it"))
        d.t("\nEmail personale: ").v("EMAIL", email(r, f, l)).t("\nData assunzione: %s\n" % date_it(r))
    else:
        d.t("EMPLOYEE RECORD\nName: %s %s\nEmployee ID: E%05d\nSSN: " % (f, l, r.randint(1, 99999)))
        d.v("US_SSN", ssn(r)).t("\nDOB: %s\nSalary: $%s\nDirect deposit: routing %s, account %s\n" % (
            date_iso(r), "{:,}".format(r.randint(40, 190) * 1000), "0" + rs(r, 8, DG), rs(r, 9, DG)))
        d.t("Home phone: ").v("PHONE", phone(r, "en")).t("\nPersonal email: ").v("EMAIL", email(r, f, l)).t("\nStart date: %s\n" % date_iso(r))


def t_payroll(r, d, lang, tags):
    d.t(L(lang, "Compute the total net pay from this payroll extract:\n\n", "Calcola il totale netto da questo estratto paghe:\n\n"))
    if r.random() < 0.35:
        d.v("CONFIDENTIAL_MARKER", r.choice(["RISERVATO", "CONFIDENTIAL", "USO INTERNO", "STRETTAMENTE RISERVATO"])).t(" - ")
        d.t(L(lang, "Payroll %s\n" % date_iso(r)[:7], "Cedolini %s\n" % date_it(r)[3:]))
    d.t(L(lang, "Name\tTax code\tIBAN\tNet\n", "Nome\tCodice fiscale\tIBAN\tNetto\n"))
    for _ in range(r.randint(2, 4)):
        f, l = person(r, "it")
        d.t("%s %s\t" % (l.upper(), f)).v("IT_FISCAL_CODE", cf(r)).t("\t").v("IBAN", iban(r, "IT", spaced=False))
        d.t("\t%s\n" % "{:,.2f}".format(r.randint(120000, 420000) / 100).replace(",", "X").replace(".", ",").replace("X", "."))


def t_insurance_claim(r, d, lang, tags):
    intro(r, d, "biz", lang)
    f, l = person(r, lang)
    if lang == "it":
        d.t("DENUNCIA DI SINISTRO n. SIN-%d-%06d\nPolizza: POL-%s-IT\nAssicurato: %s %s\nCodice fiscale: " % (r.randint(2023, 2025), r.randint(1, 999999), rs(r, 5, DG), f, l))
        d.v("IT_FISCAL_CODE", cf(r)).t("\nTarga veicolo: %s%s%s\nData sinistro: %s\n" % (rs(r, 2, UP), rs(r, 3, DG), rs(r, 2, UP), date_it(r)))
        d.t("Recapito: ").v("PHONE", phone(r, "it")).t(" - ").v("EMAIL", email(r, f, l)).t("\n")
        d.t("Descrizione: tamponamento in %s, danni al paraurti posteriore. Importo stimato %s.\n" % (r.choice(STREETS_IT), amount(r, "it")))
        d.t("IBAN per la liquidazione: ").v("IBAN", iban(r, "IT")).t("\n")
    else:
        d.t("CLAIM FORM  Claim no. CLM-%s\nPolicy: HX-%s\nPolicyholder: %s %s\n" % (rs(r, 8, DG), rs(r, 6, DG), f, l))
        if r.random() < 0.5:
            d.t("SSN: ").v("US_SSN", ssn(r)).t("\n")
        d.t("Contact: ").v("PHONE", phone(r, "en")).t(" / ").v("EMAIL", email(r, f, l)).t("\n")
        d.t("Date of loss: %s\nDescription: water damage in the kitchen, estimated %s.\n" % (date_iso(r), amount(r, "en")))
        if r.random() < 0.5:
            d.t("Refund to IBAN ").v("IBAN", iban(r, r.choice(["GB", "DE", "NL"]))).t("\n")


def t_medical_letter(r, d, lang, tags):
    intro(r, d, "biz", lang)
    f, l = person(r, lang)
    if lang == "it":
        d.t("Gentile Sig.%s %s %s,\nLe confermiamo l'appuntamento per la visita %s il giorno %s alle ore %02d:%02d presso l'ambulatorio %d.\n" % (
            r.choice(["", "ra"]), f, l, r.choice(["cardiologica", "dermatologica", "ortopedica", "oculistica"]), date_it(r), r.randint(8, 17), r.choice([0, 15, 30, 45]), r.randint(1, 12)))
        d.t("Codice fiscale: ").v("IT_FISCAL_CODE", cf(r)).t("\nImpegnativa NRE: 1200A%s\n" % rs(r, 10, DG))
        d.t("Per disdire chiamare il ").v("PHONE", phone(r, "it")).t(" oppure scrivere a ")
        d.v("EMAIL", "cup@" + r.choice(["asl-città.it", "ospedale-sanraffaele.example.it", "aulss%d.veneto.it" % r.randint(1, 9), "policlinico-%s.it" % slug(r.choice(CITIES_IT)[0])]).replace("città", "citta")).t(".\n")
        d.t("Si presenti 15 minuti prima con la tessera sanitaria.\n")
    else:
        d.t("Dear %s %s,\nThis is to confirm your %s appointment on %s at %d:%02d %s, room %d.\nMRN: %08d\nDOB: %s\n" % (
            r.choice(["Mr", "Ms"]), l, r.choice(["cardiology", "dermatology", "orthopaedic", "eye"]), date_iso(r), r.randint(1, 11), r.choice([0, 15, 30, 45]),
            r.choice(["am", "pm"]), r.randint(1, 30), r.randint(1, 99999999), date_iso(r)))
        d.t("To reschedule call ").v("PHONE", phone(r, "en")).t(" or e-mail ").v("EMAIL", "appointments@%s" % r.choice(["stmarys-clinic.org", "northside-health.co.uk", "lakeviewmed.com"])).t(".\n")
        if r.random() < 0.4:
            d.t("Insurance member ID: W%s; patient SSN on file: " % rs(r, 9, DG)).v("US_SSN", ssn(r)).t("\n")


def t_bank_statement(r, d, lang, tags):
    d.t(L(lang, "Categorize these transactions:\n\n", "Categorizza questi movimenti:\n\n"))
    f, l = person(r, lang)
    d.t(L(lang, "Account holder: %s %s\nIBAN: " % (f, l), "Intestatario: %s %s\nIBAN: " % (f, l))).v("IBAN", iban(r, "IT" if lang == "it" else r.choice(["GB", "DE", "IT"]))).t("\n")
    d.t(L(lang, "Period: %s - %s\n\nDate | Description | Amount\n" % (date_iso(r), date_iso(r)), "Periodo: %s - %s\n\nData | Descrizione | Importo\n" % (date_it(r), date_it(r))))
    for _ in range(r.randint(3, 6)):
        d.t((date_it(r) if lang == "it" else date_iso(r)) + " | ")
        c = r.randint(0, 4)
        if c == 0:
            f2, l2 = person(r, lang)
            d.t(L(lang, "SEPA transfer from %s %s " % (f2, l2), "BONIFICO SEPA DA %s %s " % (f2.upper(), l2.upper()))).v("IBAN", iban(r, spaced=False))
        elif c == 1:
            d.t(L(lang, "Card payment **** %s %s" % (rs(r, 4, DG), r.choice(["AMAZON EU", "ESSELUNGA", "TRENITALIA", "UBER"])),
                  "PAGAMENTO POS carta ****%s %s" % (rs(r, 4, DG), r.choice(["ESSELUNGA", "IPER", "AUTOGRILL", "TRENITALIA"]))))
        elif c == 2:
            d.t(L(lang, "Direct debit ref %s" % rs(r, 12, UP + DG), "ADDEBITO SDD rif. %s" % rs(r, 12, UP + DG)))
        elif c == 3:
            d.t(L(lang, "Salary %s" % date_iso(r)[:7], "STIPENDIO %s" % date_it(r)[3:]))
        else:
            d.t(L(lang, "ATM withdrawal", "PRELIEVO BANCOMAT"))
        d.t(" | %s%s\n" % (r.choice(["+", "-"]), amount(r, lang)))


def t_wire_confirmation(r, d, lang, tags):
    intro(r, d, "biz", lang)
    co, dom = company(r, lang)
    f, l = person(r, lang)
    d.t(L(lang, "WIRE TRANSFER CONFIRMATION\nTRN: %s\nValue date: %s\nOrdering party: %s\nDebit account: " % (rs(r, 16, UP + DG), date_iso(r), co),
          "CONFERMA DI BONIFICO\nCRO/TRN: %s\nData valuta: %s\nOrdinante: %s\nConto di addebito: " % (piva_bad(r) if r.random() < 0.5 else rs(r, 30, UP + DG), date_it(r), co)))
    d.v("IBAN", iban(r)).t(L(lang, "\nBeneficiary: %s %s\nBeneficiary IBAN: " % (f, l), "\nBeneficiario: %s %s\nIBAN beneficiario: " % (f, l)))
    d.v("IBAN", iban(r)).t("\nBIC: %s%s%s\n" % (rs(r, 4, UP), r.choice(["IT", "DE", "FR", "GB"]), rs(r, 2, UP) + r.choice(["", "XXX"])))
    d.t(L(lang, "Amount: %s\nReference: invoice %s\n" % (amount(r, lang), invoice_no(r)), "Importo: %s\nCausale: saldo fattura %s\n" % (amount(r, lang), invoice_no(r))))
    if r.random() < 0.3:
        d.t(L(lang, "Beneficiary VAT: IT", "P.IVA beneficiario: ")).v("IT_VAT", piva(r)).t("\n")


def t_ecommerce_order(r, d, lang, tags):
    intro(r, d, "biz", lang)
    f, l = person(r, lang)
    d.t(L(lang, "Order %s confirmed - %s\n\nShip to:\n%s %s\n%s\n" % (order_no(r), date_iso(r), f, l, address(r, lang)),
          "Ordine %s confermato - %s\n\nSpedire a:\n%s %s\n%s\n" % (order_no(r), date_it(r), f, l, address(r, lang))))
    d.t(L(lang, "Phone: ", "Tel: ")).v("PHONE", phone(r, lang)).t("\nEmail: ").v("EMAIL", email(r, f, l)).t("\n\n")
    for _ in range(r.randint(1, 3)):
        d.t("%dx %s SKU-%s %s\n" % (r.randint(1, 4), r.choice(["USB-C cable", "Monitor 27\"", "Cartucce toner", "Sedia ergonomica", "Notebook sleeve"]), rs(r, 6, UP + DG), amount(r, lang)))
    d.t(L(lang, "Payment: %s ending %s\n" % (r.choice(["Visa", "Mastercard", "Amex"]), rs(r, 4, DG)), "Pagamento: %s che termina con %s\n" % (r.choice(["Visa", "Mastercard", "Amex"]), rs(r, 4, DG))))
    if lang == "it" and r.random() < 0.4:
        d.t("Fattura a: codice fiscale ").v("IT_FISCAL_CODE", cf_any(r)).t("\n")
    d.t(L(lang, "Tracking: %s\n" % tracking(r), "Tracking: %s\n" % tracking(r)))


def t_shipping_notice(r, d, lang, tags):
    intro(r, d, "biz", lang)
    f, l = person(r, lang)
    d.t(L(lang, "Your parcel %s is out for delivery.\nRecipient: %s %s, %s\n" % (tracking(r), f, l, address(r, lang)),
          "La spedizione %s è in consegna.\nDestinatario: %s %s, %s\n" % (tracking(r), f, l, address(r, lang))))
    d.t(L(lang, "The courier will call ", "Il corriere chiamerà il ")).v("PHONE", phone(r, lang)).t(L(lang, " before delivery.\n", " prima della consegna.\n"))
    d.t(L(lang, "Weight %.1f kg, %d parcels, reference %s.\n" % (r.uniform(0.5, 40), r.randint(1, 5), order_no(r)),
          "Peso %.1f kg, colli %d, riferimento %s.\n" % (r.uniform(0.5, 40), r.randint(1, 5), order_no(r))).replace(".", "," if lang == "it" else ".", 1 if lang == "it" else 0))


MARK_HEAD = ["RISERVATO", "STRETTAMENTE RISERVATO", "USO INTERNO", "CONFIDENZIALE", "CONFIDENTIAL", "STRICTLY CONFIDENTIAL",
             "INTERNAL ONLY", "INTERNAL USE ONLY", "COMPANY CONFIDENTIAL", "TLP:AMBER", "TLP:RED"]


def marker(r, lang):
    if lang == "it":
        return r.choice(["RISERVATO", "STRETTAMENTE RISERVATO", "USO INTERNO", "CONFIDENZIALE", "RISERVATO", "USO INTERNO", "CONFIDENTIAL", "TLP:AMBER"])
    return r.choice(["CONFIDENTIAL", "STRICTLY CONFIDENTIAL", "INTERNAL ONLY", "INTERNAL USE ONLY", "COMPANY CONFIDENTIAL", "CONFIDENTIAL", "TLP:RED"])


def t_meeting_minutes(r, d, lang, tags):
    intro(r, d, "biz", lang)
    style = r.random()
    mk = marker(r, lang)
    if style < 0.4:
        d.t("*** ").v("CONFIDENTIAL_MARKER", mk).t(" ***\n")
    elif style < 0.7:
        d.t(L(lang, "Classification: ", "Classificazione: ")).v("CONFIDENTIAL_MARKER", mk.title() if mk in ("RISERVATO", "CONFIDENTIAL", "CONFIDENZIALE") and r.random() < 0.5 else mk).t("\n")
    else:
        d.t("[").v("CONFIDENTIAL_MARKER", mk).t("]\n")
    d.t(L(lang, "Minutes - %s meeting, %s\nAttendees: " % (r.choice(["steering committee", "sales", "IT operations", "budget"]), date_iso(r)),
          "Verbale riunione %s del %s\nPartecipanti: " % (r.choice(["comitato di direzione", "commerciale", "IT", "budget"]), date_it(r))))
    co, dom = company(r, lang)
    ps = [person(r, lang) for _ in range(r.randint(2, 4))]
    for i, (f, l) in enumerate(ps):
        if i:
            d.t(", ")
        if r.random() < 0.5:
            d.t("%s %s (" % (f, l)).v("EMAIL", email(r, f, l, dom)).t(")")
        else:
            d.t("%s %s" % (f, l))
    d.t("\n\n" + L(lang, "1. ", "1. ") + neutral_sentence(r, lang) + "\n2. " + neutral_sentence(r, lang) + "\n")
    if r.random() < 0.4:
        d.t(L(lang, "3. Guest Wi-Fi for the workshop: SSID Acme-Guest, password ", "3. Wi-Fi ospiti per il workshop: rete Acme-Guest, password ")).v("PASSWORD", password(r)).t("\n")
    d.t(L(lang, "Next meeting: %s.\n" % date_iso(r), "Prossima riunione: %s.\n" % date_it(r)))


def t_contract(r, d, lang, tags):
    d.t(L(lang, "Check this clause for inconsistencies:\n\n", "Controlla le incongruenze di questa clausola:\n\n"))
    d.v("CONFIDENTIAL_MARKER", marker(r, lang)).t("\n\n")
    co1, _ = company(r, "it")
    co2, _ = company(r, lang)
    f, l = person(r, "it")
    c1 = r.choice(CITIES_IT)
    if lang == "it":
        d.t("CONTRATTO DI FORNITURA\n\nTra %s, con sede in %s %d, %s, P.IVA " % (co1, r.choice(STREETS_IT), r.randint(1, 99), c1[0]))
        d.v("IT_VAT", piva(r)).t(", in persona del legale rappresentante %s %s (C.F. " % (f, l)).v("IT_FISCAL_CODE", cf(r))
        d.t(")\ne %s, P.IVA " % co2).v("IT_VAT", piva(r)).t(" (\"Fornitore\")\n\n")
        d.t("Art. 5 - Corrispettivo. Il corrispettivo di %s sarà versato entro 60 giorni data fattura sul conto IBAN " % amount(r, "it")).v("IBAN", iban(r, "IT")).t(".\n")
        d.t("Art. 12 - Riservatezza. Le parti si impegnano a mantenere riservate le informazioni scambiate.\n\n")
    else:
        d.t("SUPPLY AGREEMENT\n\nBetween %s, VAT no. IT" % co1).v("IT_VAT", piva(r)).t(", represented by %s %s,\nand %s (\"Supplier\").\n\n" % (f, l, co2))
        d.t("5. Fees. The fee of %s shall be paid within 60 days to IBAN " % amount(r, "en")).v("IBAN", iban(r)).t(".\n")
        d.t("12. Confidentiality. Each party shall keep the other party's information confidential.\n\n")
    d.t(r.choice(["Pag. 2 di 7 – ", "Page 2 of 7 – ", ""])).v("CONFIDENTIAL_MARKER", marker(r, lang)).t("\n")


def t_board_memo(r, d, lang, tags):
    d.t(L(lang, "Summarize this memo in three bullets:\n\n", "Riassumi questo memo in tre punti:\n\n"))
    d.v("CONFIDENTIAL_MARKER", marker(r, lang)).t(L(lang, " – Board of Directors\n", " – Consiglio di Amministrazione\n"))
    d.t(L(lang, "To: Board members\nFrom: CFO\nDate: %s\nRe: Project %s\n\n" % (date_iso(r), r.choice(["Falcon", "Orion", "Atlas", "Nettuno"])),
          "A: Consiglieri\nDa: CFO\nData: %s\nOggetto: Progetto %s\n\n" % (date_it(r), r.choice(["Falco", "Orione", "Atlante", "Nettuno"]))))
    d.t(L(lang, "Revenue for Q%d came in at %s, EBITDA margin %d%%. We propose acquiring %s for %s.\n" % (r.randint(1, 4), amount(r, "en"), r.randint(5, 30), company(r, "en")[0], amount(r, "en")),
          "Il fatturato del Q%d è stato di %s, margine EBITDA %d%%. Proponiamo l'acquisizione di %s per %s.\n" % (r.randint(1, 4), amount(r, "it"), r.randint(5, 30), company(r, "it")[0], amount(r, "it"))))
    if r.random() < 0.4:
        f, l = person(r, lang)
        d.t(L(lang, "Contact for the data room: %s %s, " % (f, l), "Referente data room: %s %s, " % (f, l))).v("PHONE", phone(r, lang)).t(".\n")
    d.t(L(lang, "Data room password: ", "Password della data room: ") if r.random() < 0.3 else "")
    if d.buf[-1].endswith(": "):
        d.v("PASSWORD", password(r)).t("\n")

# ----------------------------------------------------------------------------------------------
# source-code building blocks

def secret_pool(r):
    """(type, value, SNAKE_NAME) candidates; AWS comes as a pair."""
    k = r.choice(["aws", "gh", "gl", "slack", "hook", "stripe", "openai", "anthropic", "google", "jwt", "url", "pw", "pw", "url"])
    if k == "aws":
        return [("AWS_ACCESS_KEY", aws_ak(r), "AWS_ACCESS_KEY_ID"), ("AWS_SECRET_KEY", aws_sk(r), "AWS_SECRET_ACCESS_KEY")]
    if k == "gh":
        return [("GITHUB_TOKEN", gh_token(r) if r.random() < 0.8 else gh_pat(r), r.choice(["GITHUB_TOKEN", "GH_TOKEN", "GH_PAT"]))]
    if k == "gl":
        return [("GITLAB_TOKEN", gl_token(r), r.choice(["GITLAB_TOKEN", "GITLAB_API_TOKEN", "CI_PUSH_TOKEN"]))]
    if k == "slack":
        return [("SLACK_TOKEN", slack_token(r), r.choice(["SLACK_BOT_TOKEN", "SLACK_TOKEN"]))]
    if k == "hook":
        return [("SLACK_WEBHOOK", slack_webhook(r), r.choice(["SLACK_WEBHOOK_URL", "ALERTS_WEBHOOK"]))]
    if k == "stripe":
        return [("STRIPE_KEY", stripe_key(r), r.choice(["STRIPE_SECRET_KEY", "STRIPE_API_KEY"]))]
    if k == "openai":
        return [("OPENAI_KEY", openai_key(r), r.choice(["OPENAI_API_KEY", "LLM_API_KEY"]))]
    if k == "anthropic":
        return [("ANTHROPIC_KEY", anthropic_key(r), r.choice(["ANTHROPIC_API_KEY", "CLAUDE_API_KEY"]))]
    if k == "google":
        return [("GOOGLE_API_KEY", google_key(r), r.choice(["GOOGLE_MAPS_API_KEY", "FIREBASE_API_KEY", "GEMINI_API_KEY"]))]
    if k == "jwt":
        return [("JWT", jwt(r), r.choice(["SERVICE_TOKEN", "AUTH_BEARER_TOKEN", "INTERNAL_JWT"]))]
    if k == "url":
        u = cred_url(r)
        nm = {"redis": "REDIS_URL", "amqp": "AMQP_URL", "amqps": "AMQP_URL", "mongodb+srv": "MONGO_URI", "mongodb": "MONGO_URI",
              "ftp": "FTP_URL", "smtp": "SMTP_URL"}.get(u.split(":")[0], "DATABASE_URL")
        return [("CREDENTIAL_URL", u, nm)]
    return [("PASSWORD", password(r), r.choice(["DB_PASSWORD", "SMTP_PASSWORD", "ADMIN_PASSWORD", "LDAP_BIND_PASSWORD", "DB_PASS"]))]


def camel(n):
    p = n.lower().split("_")
    return p[0] + "".join(x.title() for x in p[1:])


def pascal(n):
    return "".join(x.title() for x in n.lower().split("_"))


LANGS = ["python", "go", "rust", "java", "csharp", "kotlin", "swift", "ruby", "php", "js", "ts"]


def code_assign(r, d, pl, typ, val, name):
    """one assignment line in programming language pl with the value labelled"""
    fallback = r.random() < 0.35
    if pl == "python":
        if fallback:
            d.t('%s = os.getenv("%s", "' % (name, name)).v(typ, val).t('")\n')
        else:
            d.t('%s = "' % name).v(typ, val).t('"\n')
    elif pl == "go":
        d.t('\t%s = "' % camel(name)).v(typ, val).t('"\n')
    elif pl == "rust":
        d.t('const %s: &str = "' % name).v(typ, val).t('";\n')
    elif pl == "java":
        if typ == "PASSWORD" and fallback:
            d.t('    @Value("${app.%s:' % name.lower().replace("_", "-")).v(typ, val).t('}")\n    private String %s;\n' % camel(name))
        else:
            d.t('    private static final String %s = "' % name).v(typ, val).t('";\n')
    elif pl == "csharp":
        if fallback:
            d.t('    private static readonly string %s = Environment.GetEnvironmentVariable("%s") ?? "' % (pascal(name), name)).v(typ, val).t('";\n')
        else:
            d.t('    private const string %s = "' % pascal(name)).v(typ, val).t('";\n')
    elif pl == "kotlin":
        if fallback:
            d.t('    val %s: String = System.getenv("%s") ?: "' % (camel(name), name)).v(typ, val).t('"\n')
        else:
            d.t('    const val %s = "' % name).v(typ, val).t('"\n')
    elif pl == "swift":
        d.t('    static let %s = "' % camel(name)).v(typ, val).t('"\n')
    elif pl == "ruby":
        if fallback:
            d.t('%s = ENV.fetch("%s", "' % (name, name)).v(typ, val).t('")\n')
        else:
            d.t("%s = '" % name).v(typ, val).t("'.freeze\n")
    elif pl == "php":
        if r.random() < 0.5:
            d.t("define('%s', '" % name).v(typ, val).t("');\n")
        else:
            d.t("$%s = '" % camel(name)).v(typ, val).t("';\n")
    else:  # js / ts
        kw = "const" if pl == "js" else "export const"
        if fallback:
            d.t('%s %s = process.env.%s %s "' % (kw, camel(name), name, r.choice(["||", "??"]))).v(typ, val).t('";\n')
        else:
            d.t('%s %s%s = "' % (kw, camel(name), ": string" if pl == "ts" else "")).v(typ, val).t('";\n')


CODE_OPEN = {
    "python": ("python", "import os\nimport logging\n\n", "\n\ndef connect():\n    log = logging.getLogger(__name__)\n    log.info(\"connecting\")\n    return Client(timeout=30)\n"),
    "go": ("go", "package config\n\nimport \"os\"\n\nconst (\n", ")\n\nfunc Load() *Config {\n\treturn &Config{Region: os.Getenv(\"REGION\")}\n}\n"),
    "rust": ("rust", "use std::env;\n\n", "\nfn main() {\n    let region = env::var(\"REGION\").unwrap_or_default();\n    println!(\"{}\", region);\n}\n"),
    "java": ("java", "package com.acme.billing.config;\n\n@Configuration\npublic class IntegrationConfig {\n", "\n    @Bean\n    public RestTemplate restTemplate() { return new RestTemplate(); }\n}\n"),
    "csharp": ("csharp", "namespace Acme.Billing;\n\npublic static class Secrets\n{\n", "}\n"),
    "kotlin": ("kotlin", "package it.acme.app\n\nobject ApiConfig {\n", "    const val TIMEOUT_MS = 30_000L\n}\n"),
    "swift": ("swift", "import Foundation\n\nenum Config {\n", "    static let timeout: TimeInterval = 30\n}\n"),
    "ruby": ("ruby", "# config/initializers/integrations.rb\n", "\nRails.logger.info(\"integrations loaded\")\n"),
    "php": ("php", "<?php\n// config.php\n", "\nrequire_once __DIR__ . '/vendor/autoload.php';\n"),
    "js": ("javascript", "// config.js\nrequire('dotenv').config();\n\n", "\nmodule.exports = { timeout: 30000 };\n"),
    "ts": ("typescript", "// src/config.ts\nimport 'dotenv/config';\n\n", "\nexport const TIMEOUT_MS = 30_000;\n"),
}

# ----------------------------------------------------------------------------------------------
# source-code templates (positive)

def t_code_constants(r, d, lang, tags):
    intro(r, d, "code", lang)
    pl = r.choice(LANGS)
    fl, head, tail = CODE_OPEN[pl]
    d.t("```%s\n%s" % (fl, head))
    items = secret_pool(r) + secret_pool(r)
    if r.random() < 0.5:
        items += secret_pool(r)
    seen = set()
    for typ, val, name in items:
        if name in seen:
            name = name + "_2"
        seen.add(name)
        code_assign(r, d, pl, typ, val, name)
    d.t(tail + "```")
    if r.random() < 0.3:
        d.t(L(lang, "\n\nThe build is %s, commit %s." % (version(r), sha(r, 7)), "\n\nLa build è la %s, commit %s." % (version(r), sha(r, 7))))


def t_python_fixture(r, d, lang, tags):
    intro(r, d, "code", lang)
    f, l = person(r, "it" if r.random() < 0.6 else "en")
    d.t("```python\nimport pytest\n\n\n@pytest.fixture\ndef customer():\n    return {\n        \"id\": \"%s\",\n        \"name\": \"%s %s\",\n        \"email\": \"" % (uuid4(r), f, l))
    d.v("EMAIL", email(r, f, l)).t("\",\n")
    c = r.randint(0, 3)
    if c == 0:
        d.t("        \"codice_fiscale\": \"").v("IT_FISCAL_CODE", cf(r)).t("\",\n        \"iban\": \"").v("IBAN", iban(r, "IT", spaced=False)).t("\",\n")
    elif c == 1:
        d.t("        \"ssn\": \"").v("US_SSN", ssn(r)).t("\",\n        \"phone\": \"").v("PHONE", phone(r, "en")).t("\",\n")
    elif c == 2:
        d.t("        \"card_number\": \"").v("CREDIT_CARD", card(r, fmt="")).t("\",\n        \"created\": \"%s\",\n" % date_iso(r))
    else:
        d.t("        \"vat\": \"").v("IT_VAT", piva(r)).t("\",\n        \"phone\": \"").v("PHONE", phone(r, "it")).t("\",\n")
    d.t("    }\n\n\ndef test_export(customer):\n    assert export(customer).status == \"ok\"\n```")


def t_django_settings(r, d, lang, tags):
    intro(r, d, "code", lang)
    d.t("```python\n# settings/production.py\nDEBUG = False\nALLOWED_HOSTS = [\"erp.acme.it\"]\n\nDATABASES = {\n    \"default\": {\n        \"ENGINE\": \"django.db.backends.postgresql\",\n")
    d.t("        \"NAME\": \"erp\",\n        \"USER\": \"erp_app\",\n        \"PASSWORD\": \"").v("PASSWORD", password(r)).t("\",\n        \"HOST\": \"")
    d.v("IP_ADDRESS", ip(r, private=True)).t("\",\n        \"PORT\": \"5432\",\n    }\n}\n\nEMAIL_HOST = \"smtp.office365.com\"\nEMAIL_HOST_USER = \"")
    co, dom = company(r, lang)
    d.v("EMAIL", role_email(r, dom)).t("\"\nEMAIL_HOST_PASSWORD = \"").v("PASSWORD", password(r)).t("\"\n```")


def t_appsettings(r, d, lang, tags):
    intro(r, d, "code", lang)
    db = r.choice(["sql01.acme.local", "tcp:acme-prod.database.windows.net,1433", ip(r, True)])
    d.t("appsettings.Production.json:\n```json\n{\n  \"Logging\": { \"LogLevel\": { \"Default\": \"Warning\" } },\n  \"ConnectionStrings\": {\n    \"Default\": \"")
    if db[0].isdigit():
        d.t("Server=").v("IP_ADDRESS", db)
    else:
        d.t("Server=" + db)
    d.t(";Database=%s;User ID=%s;%s=" % (r.choice(["erp", "Billing", "crm"]), r.choice(["erp_app", "sa", "billing_svc"]), r.choice(["Password", "Password", "Pwd"])))
    d.v("PASSWORD", password(r).replace(";", "")).t(";Encrypt=True;TrustServerCertificate=False;\"\n  },\n")
    typ, val, name = secret_pool(r)[0]
    if typ == "PASSWORD":
        d.t("  \"Smtp\": { \"Host\": \"smtp.office365.com\", \"Port\": 587, \"Password\": \"").v(typ, val).t("\" },\n")
    else:
        d.t("  \"Integrations\": {\n    \"%s\": \"" % pascal(name)).v(typ, val).t("\"\n  },\n")
    d.t("  \"AllowedHosts\": \"*\"\n}\n```")


def t_application_yml(r, d, lang, tags):
    intro(r, d, "code", lang)
    drv, port = r.choice([("postgresql", 5432), ("mysql", 3306), ("mariadb", 3306)])
    d.t("```yaml\nspring:\n  datasource:\n    url: jdbc:%s://" % drv)
    d.v("IP_ADDRESS", ip(r, True)).t(":%d/%s\n    username: %s\n    password: " % (port, r.choice(["orders", "erp", "hr"]), r.choice(["orders_app", "erp", "svc_hr"])))
    d.v("PASSWORD", password(r)).t("\n    hikari:\n      maximum-pool-size: %d\n" % r.randint(5, 40))
    if r.random() < 0.6:
        co, dom = company(r, lang)
        d.t("  mail:\n    host: smtp.%s\n    username: " % dom).v("EMAIL", role_email(r, dom)).t("\n    password: ").v("PASSWORD", password(r)).t("\n")
    d.t("server:\n  port: 8080\nmanagement:\n  endpoints:\n    web:\n      exposure:\n        include: health,info\n```")


def t_docker_compose(r, d, lang, tags):
    intro(r, d, "code", lang)
    d.t("```yaml\nservices:\n  db:\n    image: postgres:%d.%d\n    environment:\n      POSTGRES_USER: app\n      POSTGRES_PASSWORD: " % (r.randint(13, 17), r.randint(0, 5)))
    d.v("PASSWORD", password(r).replace("$", "").replace("#", "")).t("\n    volumes:\n      - pgdata:/var/lib/postgresql/data\n  api:\n    image: registry.acme.local/billing-api:%s\n    ports:\n      - \"8080:8080\"\n    environment:\n" % version(r))
    for typ, val, name in secret_pool(r):
        d.t("      - %s=" % name).v(typ, val).t("\n")
    d.t("      - LOG_LEVEL=info\n    depends_on: [db]\nvolumes:\n  pgdata: {}\n```")


def t_systemd(r, d, lang, tags):
    intro(r, d, "code", lang)
    d.t("/etc/systemd/system/billing-worker.service\n```ini\n[Unit]\nDescription=Billing worker\nAfter=network-online.target\n\n[Service]\nUser=billing\n")
    d.t("Environment=\"DATABASE_URL=").v("CREDENTIAL_URL", cred_url(r, scheme=r.choice(["postgres", "mysql"]))).t("\"\n")
    for typ, val, name in secret_pool(r):
        if typ == "CREDENTIAL_URL":
            continue
        d.t("Environment=%s=" % name).v(typ, val).t("\n")
    d.t("ExecStart=/opt/billing/bin/worker --concurrency %d\nRestart=on-failure\n\n[Install]\nWantedBy=multi-user.target\n```" % r.randint(2, 16))


def t_github_actions(r, d, lang, tags):
    intro(r, d, "code", lang)
    d.t("```yaml\nname: deploy\non:\n  push:\n    branches: [main]\njobs:\n  deploy:\n    runs-on: ubuntu-latest\n    env:\n")
    c = r.random()
    if c < 0.45:
        d.t("      AWS_ACCESS_KEY_ID: ").v("AWS_ACCESS_KEY", aws_ak(r)).t("\n      AWS_SECRET_ACCESS_KEY: ").v("AWS_SECRET_KEY", aws_sk(r)).t("\n")
        d.t("      AWS_REGION: eu-south-1\n      GH_TOKEN: ${{ secrets.GH_TOKEN }}\n")
    elif c < 0.75:
        d.t("      AWS_REGION: eu-south-1\n      GH_TOKEN: ").v("GITHUB_TOKEN", gh_token(r)).t("\n")
    else:
        d.t("      SLACK_WEBHOOK: ").v("SLACK_WEBHOOK", slack_webhook(r)).t("\n      NPM_TOKEN: ${{ secrets.NPM_TOKEN }}\n")
    d.t("    steps:\n      - uses: actions/checkout@v4\n      - uses: actions/setup-node@v4\n        with:\n          node-version: 20\n      - run: npm ci && npm run build\n      - run: ./scripts/deploy.sh\n```")


def t_aws_credentials(r, d, lang, tags):
    intro(r, d, "code", lang)
    d.t("$ cat ~/.aws/credentials\n[default]\naws_access_key_id = ").v("AWS_ACCESS_KEY", aws_ak(r)).t("\naws_secret_access_key = ").v("AWS_SECRET_KEY", aws_sk(r))
    d.t("\n\n[%s]\naws_access_key_id = " % r.choice(["prod", "billing-ro", "ci"])).v("AWS_ACCESS_KEY", aws_ak(r)).t("\naws_secret_access_key = ").v("AWS_SECRET_KEY", aws_sk(r)).t("\n")
    d.t("$ aws s3 ls\nAn error occurred (InvalidAccessKeyId) when calling the ListBuckets operation: The AWS Access Key Id you provided does not exist in our records.")


def t_gcloud(r, d, lang, tags):
    intro(r, d, "code", lang)
    proj = "%s-%s-%d" % (r.choice(["acme", "nord", "vega"]), r.choice(["prod", "data", "crm"]), r.randint(1000, 9999))
    if r.random() < 0.45:
        f, l = person(r, lang)
        co, dom = company(r, lang)
        d.t("$ gcloud auth list\n                  Credentialed Accounts\nACTIVE  ACCOUNT\n*       ").v("EMAIL", email(r, f, l, dom)).t("\n        ")
        d.v("EMAIL", "ci-deployer@%s.iam.gserviceaccount.com" % proj).t("\n\n$ gcloud config list\n[core]\naccount = ")
        d.v("EMAIL", email(r, f, l, dom)).t("\nproject = %s\n\n$ gcloud run deploy billing --region europe-west8\nERROR: (gcloud.run.deploy) PERMISSION_DENIED: caller does not have run.services.create" % proj)
        return
    d.t("key.json:\n```json\n{\n  \"type\": \"service_account\",\n  \"project_id\": \"%s\",\n  \"private_key_id\": \"%s\",\n  \"private_key\": \"" % (proj, sha(r, 40)))
    d.v("PRIVATE_KEY", pem(r, "PRIVATE KEY", nl="\\n", lines=r.randint(8, 12))).t("\\n\",\n  \"client_email\": \"")
    d.v("EMAIL", "%s@%s.iam.gserviceaccount.com" % (r.choice(["bq-loader", "ci-deployer", "svc-crm"]), proj)).t("\",\n  \"client_id\": \"%s\",\n" % rs(r, 21, DG))
    d.t("  \"auth_uri\": \"https://accounts.google.com/o/oauth2/auth\",\n  \"token_uri\": \"https://oauth2.googleapis.com/token\"\n}\n```")


def t_azure(r, d, lang, tags):
    intro(r, d, "code", lang)
    if r.random() < 0.5:
        d.t("$ az ad sp create-for-rbac --name billing-ci --role contributor --scopes /subscriptions/%s\n{\n  \"appId\": \"%s\",\n  \"displayName\": \"billing-ci\",\n  \"password\": \"" % (uuid4(r), uuid4(r)))
        d.v("PASSWORD", azure_secret(r)).t("\",\n  \"tenant\": \"%s\"\n}" % uuid4(r))
    else:
        f, l = person(r, lang)
        co, dom = company(r, lang)
        d.t("$ az account show\n{\n  \"environmentName\": \"AzureCloud\",\n  \"id\": \"%s\",\n  \"isDefault\": true,\n  \"name\": \"Acme Production\",\n  \"state\": \"Enabled\",\n  \"tenantId\": \"%s\",\n  \"user\": {\n    \"name\": \"" % (uuid4(r), uuid4(r)))
        d.v("EMAIL", email(r, f, l, dom)).t("\",\n    \"type\": \"user\"\n  }\n}\n$ az storage account keys list -g rg-billing -n stbilling%s\n" % rs(r, 4, LO + DG))
        d.t("AuthorizationFailed: The client '").v("EMAIL", email(r, f, l, dom)).t("' with object id '%s' does not have authorization." % uuid4(r))


def t_kubectl_secret(r, d, lang, tags):
    intro(r, d, "code", lang)
    d.t("$ kubectl get secret billing-db -n billing -o yaml\napiVersion: v1\ndata:\n")
    d.t("  username: %s\n" % b64s(r.choice(["billing", "erp_app", "postgres"])))
    if r.random() < 0.5:
        d.t("  password: ").v("PASSWORD", b64s(password(r))).t("\n")
        tags.add("judgement")
        tags.add("encoded:base64")
    if r.random() < 0.4:
        d.t("  host: %s\n" % b64s("pg-prod.billing.svc.cluster.local"))
    d.t("kind: Secret\nmetadata:\n  name: billing-db\n  namespace: billing\n  creationTimestamp: \"%sT09:12:44Z\"\n  uid: %s\n" % (date_iso(r), uuid4(r)))
    if "judgement" not in tags or r.random() < 0.5:
        d.t("stringData:\n  DB_PASSWORD: ").v("PASSWORD", password(r).replace("#", "")).t("\n")
    d.t("type: Opaque\n")


def t_curl(r, d, lang, tags):
    intro(r, d, "code", lang)
    c = r.randint(0, 5)
    host = r.choice(["api.acme-billing.it", "erp.nordlogistica.it", "internal-api.acme.local", "api.github.com", "gitlab.acme.it"])
    if c == 0:
        u = r.choice(["admin", "deploy", "svc_report", "jenkins"])
        d.t("curl -sS -u %s:" % u).v("PASSWORD", password(r, url_safe=True)).t(" https://%s/api/v2/reports?from=%s\n" % (host, date_iso(r)))
    elif c == 1:
        d.t("curl -X POST https://%s/v1/orders \\\n  -H \"Authorization: Bearer " % host).v("JWT", jwt(r)).t("\" \\\n  -H \"Content-Type: application/json\" \\\n  -d '{\"order_id\": \"%s\", \"qty\": %d}'\n" % (uuid4(r), r.randint(1, 9)))
    elif c == 2:
        d.t("curl -H \"Authorization: token ").v("GITHUB_TOKEN", gh_token(r)).t("\" https://api.github.com/repos/acme/billing/actions/runs?per_page=5\n")
    elif c == 3:
        d.t("curl https://api.anthropic.com/v1/messages \\\n  -H \"x-api-key: ").v("ANTHROPIC_KEY", anthropic_key(r)).t("\" \\\n  -H \"anthropic-version: 2023-06-01\" \\\n  -H \"content-type: application/json\" \\\n  -d '{\"model\": \"claude-sonnet-4-5\", \"max_tokens\": 256, \"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]}'\n")
    elif c == 4:
        d.t("curl https://api.openai.com/v1/chat/completions -H \"Authorization: Bearer ").v("OPENAI_KEY", openai_key(r)).t("\" -H \"Content-Type: application/json\" -d @body.json\n")
    else:
        d.t("curl --request PUT --header \"PRIVATE-TOKEN: ").v("GITLAB_TOKEN", gl_token(r)).t("\" \"https://gitlab.acme.it/api/v4/projects/%d/variables/DEPLOY_ENV\" --form \"value=prod\"\n" % r.randint(10, 999))
    d.t(r.choice(["HTTP/2 401\n{\"message\":\"Bad credentials\"}", "HTTP/1.1 403 Forbidden", "curl: (60) SSL certificate problem: unable to get local issuer certificate", "{\"error\":{\"type\":\"authentication_error\"}}"]))


def t_conn_strings(r, d, lang, tags):
    intro(r, d, "code", lang)
    d.t(L(lang, "Which of these connection strings is wrong?\n\n", "Quale di queste stringhe di connessione è sbagliata?\n\n"))
    for _ in range(r.randint(2, 3)):
        c = r.randint(0, 4)
        if c == 0:
            d.t("jdbc:postgresql://pg-prod.internal:5432/erp?user=erp_app&password=").v("PASSWORD", password(r, url_safe=True)).t("&ssl=true\n")
        elif c == 1:
            d.t("Server=sql02.acme.local;Database=Crm;User Id=crm_rw;Password=").v("PASSWORD", password(r).replace(";", "")).t(";MultipleActiveResultSets=true\n")
        elif c == 2:
            d.v("CREDENTIAL_URL", cred_url(r, scheme="mongodb+srv")).t("\n")
        elif c == 3:
            d.v("CREDENTIAL_URL", cred_url(r, scheme=r.choice(["redis", "amqp", "amqps"]))).t("\n")
        else:
            d.t("jdbc:").v("CREDENTIAL_URL", cred_url(r, scheme="mysql")).t("?useSSL=true\n")


def t_git_remote(r, d, lang, tags):
    intro(r, d, "code", lang)
    if r.random() < 0.5:
        tok = gl_token(r)
        d.t("$ git remote -v\norigin\t")
        st = d.pos
        d.t("https://oauth2:")
        d.v("GITLAB_TOKEN", tok)
        d.t("@gitlab.acme.it/%s/%s.git" % (r.choice(["billing", "crm", "ops"]), r.choice(["api", "infra", "web"])))
        d.f.append({"type": "CREDENTIAL_URL", "start": st, "end": d.pos, "value": d.text().encode()[st:d.pos].decode()})
        d.t(" (fetch)\n$ git push\nremote: HTTP Basic: Access denied\nfatal: Authentication failed")
    else:
        tok = gh_token(r, "ghs_")
        d.t("git clone ")
        st = d.pos
        d.t("https://x-access-token:")
        d.v("GITHUB_TOKEN", tok)
        d.t("@github.com/acme/%s.git" % r.choice(["billing", "infra", "web"]))
        d.f.append({"type": "CREDENTIAL_URL", "start": st, "end": d.pos, "value": d.text().encode()[st:d.pos].decode()})
        d.t("\nCloning into '%s'...\nremote: Repository not found." % r.choice(["billing", "infra", "web"]))


def t_logs(r, d, lang, tags):
    d.t(L(lang, r.choice(["What happened here?\n\n", "Find the attack in these logs:\n\n", "Summarize these errors:\n\n"]),
          r.choice(["Cosa è successo qui?\n\n", "Trova l'attacco in questi log:\n\n", "Riassumi questi errori:\n\n"])))
    for _ in range(r.randint(3, 6)):
        c = r.randint(0, 4)
        if c == 0:
            d.v("IP_ADDRESS", ip(r, False)).t(" - - [%02d/Mar/2025:%02d:%02d:%02d +0100] \"%s /api/v1/%s HTTP/1.1\" %d %d \"-\" \"Mozilla/5.0\"\n" % (
                r.randint(1, 28), r.randint(0, 23), r.randint(0, 59), r.randint(0, 59), r.choice(["GET", "POST"]), r.choice(["orders", "login", "invoices/%d" % r.randint(1, 9999)]),
                r.choice([200, 401, 403, 500]), r.randint(100, 9000)))
        elif c == 1:
            f, l = person(r, lang)
            d.t("%sT%02d:%02d:%02d.%03dZ WARN auth: login failed user=" % (date_iso(r), r.randint(0, 23), r.randint(0, 59), r.randint(0, 59), r.randint(0, 999)))
            d.v("EMAIL", email(r, f, l, company(r, lang)[1])).t(" src=").v("IP_ADDRESS", ip(r)).t(" req_id=%s\n" % uuid4(r))
        elif c == 2:
            d.t("Mar %d %02d:%02d:%02d web01 sshd[%d]: Failed password for invalid user %s from " % (r.randint(1, 28), r.randint(0, 23), r.randint(0, 59), r.randint(0, 59), r.randint(1000, 65000), r.choice(["admin", "oracle", "test", "ubuntu"])))
            d.v("IP_ADDRESS", ip(r, False)).t(" port %d ssh2\n" % r.randint(1024, 65535))
        elif c == 3:
            f, l = person(r, lang)
            d.t("postfix/smtp[%d]: %s: to=<" % (r.randint(1000, 65000), rs(r, 10, UP + DG))).v("EMAIL", email(r, f, l)).t(">, relay=mx.%s[" % r.choice(["libero.it", "gmail.com", "outlook.com"]))
            d.v("IP_ADDRESS", ip(r, False)).t("]:25, delay=%.1f, status=sent (250 2.0.0 OK)\n" % r.uniform(0.1, 3))
        else:
            d.t("%s %02d:%02d:%02d INFO  worker: job %s done in %dms (v%s)\n" % (date_iso(r), r.randint(0, 23), r.randint(0, 59), r.randint(0, 59), uuid4(r), r.randint(5, 9000), version(r)))


def t_dotenv(r, d, lang, tags):
    intro(r, d, "code", lang)
    d.t(".env\n```\nNODE_ENV=production\nPORT=3000\n")
    items = secret_pool(r) + secret_pool(r)
    seen = set()
    for typ, val, name in items:
        if name in seen:
            continue
        seen.add(name)
        d.t("%s=" % name).v(typ, val).t("\n")
    d.t("SENTRY_RELEASE=%s\n```" % sha(r, 12))


def t_private_key_paste(r, d, lang, tags):
    intro(r, d, "code", lang)
    c = r.random()
    if c < 0.6:
        d.t(L(lang, "ssh says 'invalid format' for this key:\n", "ssh dice 'invalid format' con questa chiave:\n"))
        d.v("PRIVATE_KEY", pem(r)).t("\n")
    elif c < 0.8:
        d.t("```yaml\ntls:\n  cert_file: /etc/ssl/acme.crt\n  key: |\n")
        k = pem(r, r.choice(["RSA PRIVATE KEY", "EC PRIVATE KEY"]))
        k = k.replace("\n", "\n    ")
        d.t("    ").v("PRIVATE_KEY", k).t("\n```")
    else:
        body = "lQOYBG" + rs(r, 64 * r.randint(6, 10), B64)
        rows = [body[i:i + 64] for i in range(0, len(body), 64)]
        d.v("PRIVATE_KEY", "-----BEGIN PGP PRIVATE KEY BLOCK-----\n\n" + "\n".join(rows) + "\n=" + rs(r, 4, B64) + "\n-----END PGP PRIVATE KEY BLOCK-----").t("\n")


def t_php_mailer(r, d, lang, tags):
    intro(r, d, "code", lang)
    co, dom = company(r, lang)
    d.t("```php\n<?php\n$mail = new PHPMailer(true);\n$mail->isSMTP();\n$mail->Host = 'smtps.%s';\n$mail->SMTPAuth = true;\n$mail->Username = '" % dom)
    d.v("EMAIL", role_email(r, dom)).t("';\n$mail->Password = '").v("PASSWORD", password(r).replace("'", "")).t("';\n$mail->Port = 465;\n$mail->addAddress('")
    f, l = person(r, lang)
    d.v("EMAIL", email(r, f, l)).t("');\n$mail->send();\n```")


def t_cli_password(r, d, lang, tags):
    intro(r, d, "code", lang)
    c = r.randint(0, 3)
    if c == 0:
        d.t("mysql -h ").v("IP_ADDRESS", ip(r, True)).t(" -u root -p").v("PASSWORD", password(r, url_safe=True)).t(" erp < dump_%s.sql\nERROR 1045 (28000): Access denied for user 'root'@'" % date_iso(r))
        d.v("IP_ADDRESS", ip(r, True)).t("' (using password: YES)")
    elif c == 1:
        d.t("docker login registry.acme.local -u ci-bot -p ").v("PASSWORD", password(r, url_safe=True)).t("\nWARNING! Using --password via the CLI is insecure. Use --password-stdin.\nError response from daemon: unauthorized")
    elif c == 2:
        d.t("sshpass -p '").v("PASSWORD", password(r).replace("'", "")).t("' ssh deploy@").v("IP_ADDRESS", ip(r, True)).t(" 'sudo systemctl restart billing'\nPermission denied, please try again.")
    else:
        d.t("PGPASSWORD=").v("PASSWORD", password(r, url_safe=True)).t(" psql -h pg-prod.internal -U report -d erp -c 'select count(*) from invoices'\npsql: error: FATAL: password authentication failed for user \"report\"")

# ----------------------------------------------------------------------------------------------
# hard negatives (no findings)

def masked_iban(r):
    return r.choice(["IT** **** **** **** **** **** %s" % rs(r, 3, DG), "IT%s X%s ****** %s" % (rs(r, 2, DG), rs(r, 5, DG), rs(r, 4, DG)), "****%s" % rs(r, 4, DG)])


def n_invoice_reminder(r, d, lang, tags):
    intro(r, d, "biz", lang)
    d.t(L(lang, "Dear customer,\nour records show that invoice %s dated %s for %s is still unpaid. Please settle it by %s by bank transfer to the account shown on the invoice (IBAN ending %s). Customer code C-%s.\nIf you have already paid, please disregard this notice.\n\nAccounts Receivable" % (
        invoice_no(r), date_iso(r), amount(r, lang), date_iso(r), rs(r, 4, DG), rs(r, 6, DG)),
        "Gentile cliente,\nle ricordiamo che la fattura %s del %s di importo %s risulta ancora insoluta. La preghiamo di provvedere entro il %s tramite bonifico sul conto indicato in fattura (%s). Codice cliente C-%s.\nSe ha già provveduto, consideri nulla la presente.\n\nUfficio Amministrazione" % (
        invoice_no(r), date_it(r), amount(r, lang), date_it(r), masked_iban(r), rs(r, 6, DG))))


def ean13(r):
    while True:
        s = r.choice(["80", "80", "83", "40", "50"]) + rs(r, 10, DG)
        t = sum(int(c) * (3 if i % 2 else 1) for i, c in enumerate(s))
        s += str((10 - t % 10) % 10)
        if not luhn_ok(s):
            return s


def n_price_list(r, d, lang, tags):
    d.t(L(lang, "Sort this price list by margin:\n\n| SKU | EAN | Description | List price | Cost |\n|---|---|---|---|---|\n",
          "Ordina questo listino per margine:\n\n| Codice | EAN | Descrizione | Prezzo listino | Costo |\n|---|---|---|---|---|\n"))
    for _ in range(r.randint(3, 6)):
        d.t("| %s-%s | %s | %s | %s | %s |\n" % (rs(r, 3, UP), rs(r, 5, DG), ean13(r), r.choice(["Toner HP 305A", "Carta A4 80g (5 risme)", "Monitor 24\" IPS", "Dock USB-C", "Sedia Ergo Pro", "SSD 1TB NVMe"]),
                                              amount(r, lang), amount(r, lang)))


def n_minutes_plain(r, d, lang, tags):
    intro(r, d, "biz", lang)
    d.t(L(lang, "Minutes - sales meeting %s\nAttendees: %s, %s, %s\n\n1. %s\n2. The pricing discussion stays confidential until the launch; please don't share the deck outside the team.\n3. %s\n4. IT reminded everyone that passwords must be rotated every 90 days.\n" % (
        date_iso(r), " ".join(person(r, lang)), " ".join(person(r, lang)), " ".join(person(r, lang)), neutral_sentence(r, lang), neutral_sentence(r, lang)),
        "Verbale riunione commerciale %s\nPresenti: %s, %s, %s\n\n1. %s\n2. Le informazioni sul nuovo listino restano riservate fino al lancio: non inoltrare la presentazione.\n3. %s\n4. L'IT ricorda di cambiare la password ogni 90 giorni.\n" % (
        date_it(r), " ".join(person(r, lang)), " ".join(person(r, lang)), " ".join(person(r, lang)), neutral_sentence(r, lang), neutral_sentence(r, lang))))


def n_password_policy(r, d, lang, tags):
    d.t(L(lang, "Make this policy easier to read:\n\nPassword policy v%s\n- Minimum length: 12 characters, at least one digit and one symbol.\n- Passwords expire every %d days; the last 5 passwords cannot be reused.\n- Never send a password by e-mail or chat. Shared credentials live in the vault (entry \"%s\").\n- Password: see the vault, never this document.\n- Forgotten password? Open a ticket via the self-service portal.\n" % (
        version(r), r.choice([60, 90, 180]), r.choice(["billing-prod", "erp-admin", "wifi-guest"])),
        "Rendi più leggibile questa policy:\n\nPolicy password v%s\n- Lunghezza minima 12 caratteri, almeno un numero e un simbolo.\n- Le password scadono ogni %d giorni; non si possono riutilizzare le ultime 5.\n- Non inviare mai una password via e-mail o chat. Le credenziali condivise sono nel vault (voce \"%s\").\n- Password: vedi il vault, mai questo documento.\n- Password dimenticata? Aprire un ticket dal portale self-service.\n" % (
        version(r), r.choice([60, 90, 180]), r.choice(["billing-prod", "erp-admin", "wifi-ospiti"]))))


def n_masked_statement(r, d, lang, tags):
    d.t(L(lang, "Categorize these transactions:\n\nAccount: %s\n" % masked_iban(r), "Categorizza questi movimenti:\n\nConto: %s\n" % masked_iban(r)))
    for _ in range(r.randint(3, 6)):
        d.t("%s | %s | %s%s\n" % (date_it(r) if lang == "it" else date_iso(r),
                                   r.choice(["POS **** %s ESSELUNGA" % rs(r, 4, DG), "SDD rif. %s" % rs(r, 10, UP + DG), "Canone conto", "Card **** %s AMAZON" % rs(r, 4, DG), "Commissioni bonifico"]),
                                   r.choice(["+", "-"]), amount(r, lang)))


def n_bad_checksums(r, d, lang, tags):
    d.t(L(lang, "Our system rejects these values, can you tell why?\n", "Il gestionale rifiuta questi dati, mi spieghi perché?\n"))
    items = r.sample(["iban", "cf", "piva", "card", "ssn"], r.randint(2, 3))
    for it in items:
        if it == "iban":
            d.t("- IBAN %s\n" % iban_bad(r))
        elif it == "cf":
            d.t(L(lang, "- tax code %s\n", "- codice fiscale %s\n") % cf_bad(r))
        elif it == "piva":
            d.t(L(lang, "- VAT IT%s\n", "- P.IVA %s\n") % piva_bad(r))
        elif it == "card":
            n = digits_not_luhn(r, 16, "4")
            d.t(L(lang, "- card %s\n", "- carta %s\n") % " ".join(n[i:i + 4] for i in range(0, 16, 4)))
        else:
            d.t("- SSN %s\n" % ssn_bad(r))


def n_rights_reserved(r, d, lang, tags):
    co, dom = company(r, lang)
    d.t(L(lang, "Improve the copy of this web page footer:\n\nSign in to the reserved area to download your invoices. Reserved parking is available for visitors.\nConfidential information is defined in clause 12 of the Terms.\n© %d %s – All rights reserved.\n" % (r.randint(2020, 2025), co),
          "Migliora il testo di questo footer:\n\nAccedi all'area riservata per scaricare le fatture. Parcheggio riservato ai visitatori al piano -1.\nPer informazioni riservate ai soci consultare la sezione dedicata.\n© %d %s – Tutti i diritti riservati.\n" % (r.randint(2020, 2025), co)))


def n_release_notes(r, d, lang, tags):
    d.t(L(lang, "Write release notes from this:\n\n", "Scrivi le note di rilascio da questo:\n\n"))
    for _ in range(r.randint(3, 5)):
        d.t("- %s %s (%s) %s\n" % (sha(r, 7), r.choice(["fix:", "feat:", "chore:", "perf:"]), ticket_no(r), r.choice(["bump minimum Windows build to 10.0.%d.%d" % (r.randint(17763, 26100), r.randint(1000, 5000)),
                                                                                                     "upgrade nginx to %s" % version(r), "handle null totals in invoice export", "retry S3 uploads up to %d times" % r.randint(2, 6),
                                                                                                     "checksum sha256:%s" % sha(r, 64), "migrate build id %s" % uuid4(r)])))
    d.t(L(lang, "Release v%s, %s\n" % (version(r), date_iso(r)), "Rilascio v%s del %s\n" % (version(r), date_it(r))))


def n_quote(r, d, lang, tags):
    intro(r, d, "biz", lang)
    d.t(L(lang, "Quote %s - valid 30 days\n" % order_no(r), "Preventivo %s - validità 30 giorni\n" % order_no(r)))
    for _ in range(r.randint(2, 5)):
        d.t("%d x %s @ %s = %s\n" % (r.randint(1, 50), r.choice(["licenza annuale", "giornata consulenza", "support hours", "server rack 42U", "firewall appliance"]), amount(r, lang), amount(r, lang)))
    d.t(L(lang, "VAT 22%% excluded. Delivery in %d working days. Payment 30 days EOM.\n" % r.randint(5, 40), "IVA 22%% esclusa. Consegna in %d giorni lavorativi. Pagamento 30 gg d.f.f.m.\n" % r.randint(5, 40)))


def n_shipping(r, d, lang, tags):
    intro(r, d, "biz", lang)
    for _ in range(r.randint(2, 4)):
        d.t(L(lang, "Order %s: %d parcels, tracking %s, expected %s\n" % (order_no(r), r.randint(1, 5), tracking(r), date_iso(r)),
              "Ordine %s: %d colli, tracking %s, consegna prevista %s\n" % (order_no(r), r.randint(1, 5), tracking(r), date_it(r))))


def n_hr_notice(r, d, lang, tags):
    intro(r, d, "biz", lang)
    d.t(L(lang, "Hi all, payslips for %s will be available on %s in the HR portal. Remaining leave must be used by %s. Reimbursement claims over %s need a manager's approval (form HR-%02d).\n" % (
        r.choice(["March", "June", "October"]), date_iso(r), date_iso(r), amount(r, "en"), r.randint(1, 40)),
        "Ciao a tutti, i cedolini di %s saranno disponibili il %s sul portale HR. Le ferie residue vanno godute entro il %s. Le note spese sopra %s richiedono l'approvazione del responsabile (modulo HR-%02d).\n" % (
        r.choice(["marzo", "giugno", "ottobre"]), date_it(r), date_it(r), amount(r, "it"), r.randint(1, 40))))


def n_env_reads(r, d, lang, tags):
    intro(r, d, "code", lang)
    pl = r.choice(["python", "js", "go", "java", "csharp", "ruby"])
    names = r.sample(["OPENAI_API_KEY", "DB_PASSWORD", "STRIPE_SECRET_KEY", "AWS_SECRET_ACCESS_KEY", "SLACK_BOT_TOKEN", "GITHUB_TOKEN", "DATABASE_URL"], 3)
    fl = CODE_OPEN[pl][0]
    d.t("```%s\n" % fl)
    for n in names:
        d.t({"python": '%s = os.environ["%s"]\n', "js": 'const %s = process.env.%s;\n', "go": '%s := os.Getenv("%s")\n',
             "java": 'String %s = System.getenv("%s");\n', "csharp": 'var %s = Environment.GetEnvironmentVariable("%s");\n',
             "ruby": '%s = ENV.fetch("%s")\n'}[pl] % (camel(n) if pl not in ("python", "ruby") else n.lower(), n))
    d.t({"python": "if not db_password:\n    raise RuntimeError(\"missing password\")\n", "js": "if (!dbPassword) throw new Error('missing password');\n",
         "go": "if dbPassword == \"\" {\n\tlog.Fatal(\"missing password\")\n}\n", "java": "Objects.requireNonNull(dbPassword, \"missing password\");\n",
         "csharp": "ArgumentNullException.ThrowIfNull(dbPassword);\n", "ruby": "raise 'missing password' if db_password.nil?\n"}[pl])
    d.t("```")


PLACEHOLDERS = [("password", "${DB_PASSWORD}"), ("password", "<password>"), ("password", "********"), ("password", "{{ .Values.db.password }}"),
                ("password", "%(DB_PASSWORD)s"), ("password", "$DB_PASSWORD"), ("password", "REPLACE_ME"), ("password", "[REDACTED]"),
                ("api_key", "YOUR_API_KEY"), ("api_key", "sk-..."), ("api_key", "<your-openai-key>"), ("aws_access_key_id", "AKIAIOSFODNN7EXAMPLE"),
                ("aws_secret_access_key", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"), ("slack_token", "xoxb-your-bot-token"),
                ("webhook_url", "https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX"),
                ("github_token", "ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"), ("gitlab_token", "glpat-xxxxxxxxxxxxxxxxxxxx"),
                ("stripe_key", "sk_live_..."), ("database_url", "postgres://user:password@host:5432/dbname"),
                ("database_url", "postgres://${PGUSER}:${PGPASSWORD}@${PGHOST}:5432/app"), ("anthropic_api_key", "sk-ant-..."),
                ("google_api_key", "AIza..."), ("jwt_secret", "${JWT_SECRET}"), ("smtp_password", "<smtp-password>")]


def n_placeholders(r, d, lang, tags):
    d.t(L(lang, "Is this template config complete?\n\n", "Questo template di configurazione è completo?\n\n"))
    style = r.choice(["yaml", "env", "toml"])
    d.t("```%s\n" % style)
    for k, v in r.sample(PLACEHOLDERS, r.randint(3, 5)):
        if style == "yaml":
            d.t("%s: \"%s\"\n" % (k, v))
        elif style == "env":
            d.t("%s=%s\n" % (k.upper(), v))
        else:
            d.t("%s = \"%s\"\n" % (k, v))
    d.t("region: eu-south-1\n" if style == "yaml" else "REGION=eu-south-1\n" if style == "env" else "region = \"eu-south-1\"\n")
    d.t("```")


def n_aws_configure_list(r, d, lang, tags):
    intro(r, d, "code", lang)
    d.t("$ aws configure list\n      Name                    Value             Type    Location\n      ----                    -----             ----    --------\n   profile                <not set>             None    None\n")
    d.t("access_key     ****************%s shared-credentials-file\nsecret_key     ****************%s shared-credentials-file\n    region                %s      config-file    ~/.aws/config\n" % (
        rs(r, 4, UP + "234567"), rs(r, 4, AN), r.choice(["eu-south-1", "eu-west-1", "us-east-1"])))
    d.t("$ aws sts get-caller-identity\nAn error occurred (ExpiredToken) when calling the GetCallerIdentity operation: The security token included in the request is expired")


def n_gha_secrets(r, d, lang, tags):
    intro(r, d, "code", lang)
    d.t("```yaml\njobs:\n  build:\n    runs-on: ubuntu-latest\n    env:\n      AWS_ACCESS_KEY_ID: ${{ secrets.AWS_ACCESS_KEY_ID }}\n      AWS_SECRET_ACCESS_KEY: ${{ secrets.AWS_SECRET_ACCESS_KEY }}\n      SLACK_WEBHOOK: ${{ secrets.SLACK_WEBHOOK }}\n")
    d.t("    steps:\n      - uses: actions/checkout@%s\n      - uses: actions/cache@v4\n        with:\n          key: deps-${{ hashFiles('**/package-lock.json') }}\n      - run: echo \"sha=%s\" >> $GITHUB_OUTPUT\n```" % (sha(r, 40), sha(r, 40)))


def n_build_log(r, d, lang, tags):
    intro(r, d, "code", lang)
    d.t("#12 [build 4/7] RUN npm ci\n#12 DONE %.1fs\n#15 exporting to image\n#15 writing image sha256:%s done\n#15 naming to registry.acme.local/billing:%s done\n" % (r.uniform(2, 90), sha(r, 64), version(r)))
    d.t("Build id %s finished at commit %s (%s)\n" % (uuid4(r), sha(r, 40), date_iso(r)))
    d.t("Tests: %d passed, %d failed, coverage %.1f%%\nartifact: billing-%s-linux-amd64.tar.gz md5=%s\n" % (r.randint(100, 900), r.randint(0, 5), r.uniform(50, 95), version(r), sha(r, 32)))
    d.t("npm WARN deprecated inflight@1.0.6\nexit code 137 after %d ms\n" % r.randint(1000, 900000))


def n_k8s_harmless(r, d, lang, tags):
    intro(r, d, "code", lang)
    d.t("$ kubectl get secret app-config -o yaml\napiVersion: v1\ndata:\n  LOG_LEVEL: %s\n  FEATURE_FLAGS: %s\n  REGION: %s\n  ca.crt: %s\nkind: Secret\nmetadata:\n  name: app-config\n  uid: %s\ntype: Opaque\n" % (
        b64s(r.choice(["debug", "info", "warn"])), b64s(json.dumps({"newCheckout": True, "betaReports": r.random() < 0.5})), b64s("eu-south-1"),
        b64s("-----BEGIN CERTIFICATE-----\nMIIB" + rs(r, 60, B64) + "\n-----END CERTIFICATE-----\n")[:120], uuid4(r)))


def n_public_material(r, d, lang, tags):
    intro(r, d, "code", lang)
    body = "MIID" + rs(r, 64 * 8, B64)
    d.t("-----BEGIN CERTIFICATE-----\n" + "\n".join(body[i:i + 64] for i in range(0, len(body), 64)) + "\n-----END CERTIFICATE-----\n")
    d.t("\n" + r.choice(["-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE" + rs(r, 52, B64) + "\n" + rs(r, 36, B64) + "==\n-----END PUBLIC KEY-----\n",
                         "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI" + rs(r, 43, B64) + " deploy@ci-runner-0%d\n" % r.randint(1, 9)]))
    d.t(L(lang, "Why does the TLS handshake fail with this chain?", "Perché l'handshake TLS fallisce con questa catena?"))


def n_lockfile(r, d, lang, tags):
    intro(r, d, "code", lang)
    d.t("```\n")
    for _ in range(r.randint(2, 4)):
        d.t("\"node_modules/%s\": {\n  \"version\": \"%s\",\n  \"resolved\": \"https://registry.npmjs.org/%s/-/%s.tgz\",\n  \"integrity\": \"sha512-%s==\"\n},\n" % (
            r.choice(["lodash", "axios", "express", "zod", "pino"]), version(r), "pkg", "pkg-" + version(r), rs(r, 86, B64)))
    d.t("golang.org/x/crypto v0.%d.0 h1:%s=\n```" % (r.randint(10, 40), rs(r, 43, B64)))


def n_luhn_test(r, d, lang, tags):
    intro(r, d, "code", lang)
    d.t("```python\ndef test_rejects_invalid_numbers():\n")
    for _ in range(r.randint(2, 4)):
        n = digits_not_luhn(r, 16, r.choice("45"))
        d.t("    assert not is_valid_card(\"%s\")\n" % n)
    d.t("    assert not is_valid_iban(\"%s\")\n    assert not is_valid_cf(\"%s\")\n```" % (iban_bad(r, "IT").replace(" ", ""), cf_bad(r)))


def n_curl_env(r, d, lang, tags):
    intro(r, d, "code", lang)
    d.t(r.choice(["curl -sS -H \"Authorization: Bearer $OPENAI_API_KEY\" https://api.openai.com/v1/models\n",
                  "curl -u \"$JENKINS_USER:$JENKINS_TOKEN\" https://ci.acme.local/job/billing/build -X POST\n",
                  "curl -H 'x-api-key: <YOUR_ANTHROPIC_KEY>' https://api.anthropic.com/v1/models\n",
                  "curl -H \"Authorization: Bearer <token>\" https://internal-api.acme.local/v2/orders?page=2\n"]))
    d.t(r.choice(["HTTP/2 401", "HTTP/1.1 429 Too Many Requests\nretry-after: %d" % r.randint(1, 60), "{\"error\":\"invalid_token\",\"request_id\":\"%s\"}" % uuid4(r)]))


NEG_BIZ = [n_invoice_reminder, n_price_list, n_minutes_plain, n_password_policy, n_masked_statement, n_bad_checksums, n_rights_reserved,
           n_release_notes, n_quote, n_shipping, n_hr_notice]
NEG_CODE = [n_env_reads, n_placeholders, n_placeholders, n_aws_configure_list, n_gha_secrets, n_build_log, n_k8s_harmless, n_public_material,
            n_lockfile, n_luhn_test, n_curl_env]

# ----------------------------------------------------------------------------------------------
# judgement cases (the format's definition does not settle them)

def j_cases(r, d, lang, tags):
    tags.add("judgement")
    c = r.randint(0, 10)
    if c == 0:
        intro(r, d, "code", lang)
        d.t("```js\n// checkout.test.js\nconst stripe = require('stripe')('").v("STRIPE_KEY", stripe_key(r, "test")).t("');\n")
        d.t("await fillCard(page, '").v("CREDIT_CARD", r.choice(["4242 4242 4242 4242", "4242424242424242", "5555 5555 5555 4444", "4000 0027 6000 3184"])).t("', '12/34', '123');\n```")
    elif c == 1:
        intro(r, d, "code", lang)
        d.t("```swift\nStripeAPI.defaultPublishableKey = \"pk_live_%s\"\n```" % rs(r, 99, AN))
    elif c == 2:
        intro(r, d, "code", lang)
        d.t("```python\n# tests/conftest.py\nTEST_DB = \"").v("CREDENTIAL_URL", "postgres://postgres:postgres@localhost:5432/test_%s" % r.choice(["billing", "crm"])).t("\"\n```")
    elif c == 3:
        intro(r, d, "code", lang)
        d.t("```yaml\nservices:\n  db:\n    image: mysql:8\n    environment:\n      MYSQL_ROOT_PASSWORD: ").v("PASSWORD", r.choice(["changeme", "admin", "password", "root", "secret"])).t("\n```")
    elif c == 4:
        intro(r, d, "code", lang)
        d.t("```nginx\nserver {\n    listen ").v("IP_ADDRESS", "127.0.0.1").t(":8080;\n    location / { proxy_pass http://").v("IP_ADDRESS", "0.0.0.0").t(":9000; }\n}\n```")
    elif c == 5:
        d.t(L(lang, "Explain this firewall rule: allow tcp/443 from ", "Spiegami questa regola firewall: allow tcp/443 da "))
        d.v("IP_ADDRESS", r.choice(["192.0.2.%d", "198.51.100.%d", "203.0.113.%d"]) % r.randint(1, 254)).t(L(lang, " (documentation range) to the proxy.", " (range di documentazione) verso il proxy."))
    elif c == 6:
        d.t(L(lang, "The device firmware goes from %d.%d.%d.%d to %d.%d.%d.%d, what changed?", "Il firmware passa da %d.%d.%d.%d a %d.%d.%d.%d, cosa è cambiato?") % tuple(r.randint(0, 9) for _ in range(8)))
    elif c == 7:
        intro(r, d, "code", lang)
        d.t("```go\n// INTERNAL ONLY: not part of the public API, may change without notice.\nfunc (s *Store) rebuildIndex() error {\n\treturn nil\n}\n```")
    elif c == 8:
        intro(r, d, "code", lang)
        d.t("htpasswd file:\nadmin:$2y$10$%s\ndeploy:$2y$10$%s\n" % (rs(r, 53, AN + "./"), rs(r, 53, AN + "./")))
    elif c == 9:
        intro(r, d, "code", lang)
        u, p = r.choice(["deploy", "admin", "report"]), password(r, url_safe=True)
        d.t("GET /api/v1/exports HTTP/1.1\nHost: erp.acme.local\nAuthorization: Basic ").v("PASSWORD", b64s("%s:%s" % (u, p))).t("\nAccept: application/json\n")
    else:
        d.t(L(lang, "In our docs we use ", "Nella documentazione usiamo ")).v("EMAIL", r.choice(["john.doe@example.com", "mario.rossi@example.it", "user@example.org"])).t(L(lang, " as sample user. Is that OK?", " come utente di esempio. Va bene?"))

# ----------------------------------------------------------------------------------------------
# evasions

def e_fullwidth(r, d, lang, tags):
    tags.add("evasion:fullwidth")
    c = r.randint(0, 6)
    f, l = person(r, lang)
    if c == 0:
        intro(r, d, "biz", lang)
        d.t(L(lang, "Please write to ", "Scrivete pure a ")).v("EMAIL", email(r, f, l).replace("@", "＠")).t(L(lang, " for the contract, or call ", " per il contratto, oppure chiamate il ")).v("PHONE", phone(r, lang)).t(".")
    elif c == 1:
        d.t(L(lang, "Customer chat:\n[10:02] Customer: my card is ", "Chat cliente:\n[10:02] Cliente: la mia carta è ")).v("CREDIT_CARD", fullwidth(card(r), only_digits=True)).t(L(lang, " exp 08/29\n", " scad. 08/29\n"))
    elif c == 2:
        d.t(L(lang, "Update the supplier record, new IBAN ", "Aggiorna l'anagrafica fornitore, nuovo IBAN ")).v("IBAN", fullwidth(iban(r))).t(".")
    elif c == 3:
        d.t(L(lang, "Employee %s %s, SSN " % (f, l), "Dipendente %s %s, SSN " % (f, l))).v("US_SSN", fullwidth(ssn(r), only_digits=r.random() < 0.5)).t(L(lang, ", convert to JSON.", ", converti in JSON."))
    elif c == 4:
        intro(r, d, "code", lang)
        d.t("aws_access_key_id = ").v("AWS_ACCESS_KEY", fullwidth(aws_ak(r))).t("\naws_secret_access_key = ").v("AWS_SECRET_KEY", aws_sk(r)).t("\n")
    elif c == 5:
        intro(r, d, "code", lang)
        d.t("STRIPE_SECRET_KEY=").v("STRIPE_KEY", fullwidth(stripe_key(r))).t("\n")
    else:
        d.t(L(lang, "The client's tax code is ", "Il codice fiscale del cliente è ")).v("IT_FISCAL_CODE", fullwidth(cf(r))).t(L(lang, " and VAT ", " e la P.IVA ")).v("IT_VAT", fullwidth(piva(r))).t(".")


def e_zerowidth(r, d, lang, tags):
    tags.add("evasion:zero-width")
    c = r.randint(0, 9)
    f, l = person(r, lang)
    if c == 8:
        intro(r, d, "code", lang)
        d.t("Authorization: Bearer ").v("JWT", zerowidth(r, jwt(r), 2)).t("\n")
    elif c == 9:
        intro(r, d, "code", lang)
        d.v("PRIVATE_KEY", zerowidth(r, pem(r, lines=r.randint(4, 8)), 2)).t("\n")
    elif c == 0:
        d.t(L(lang, "New bank details: IBAN ", "Nuove coordinate: IBAN ")).v("IBAN", zerowidth(r, iban(r))).t(L(lang, ", please update.", ", aggiornate l'anagrafica."))
    elif c == 1:
        d.t(L(lang, "CRM note: tax code ", "Nota CRM: codice fiscale ")).v("IT_FISCAL_CODE", zerowidth(r, cf(r))).t(", tel. ").v("PHONE", phone(r, lang)).t(".")
    elif c == 2:
        d.t(L(lang, "Charge card ", "Addebitare sulla carta ")).v("CREDIT_CARD", zerowidth(r, card(r))).t(".")
    elif c == 3:
        d.t(L(lang, "Reply to ", "Rispondi a ")).v("EMAIL", zerowidth(r, email(r, f, l))).t(L(lang, " about the refund.", " per il rimborso."))
    elif c == 4:
        intro(r, d, "code", lang)
        d.t("```python\nsession = boto3.Session(\n    aws_access_key_id=\"").v("AWS_ACCESS_KEY", zerowidth(r, aws_ak(r))).t("\",\n    aws_secret_access_key=\"").v("AWS_SECRET_KEY", aws_sk(r)).t("\",\n)\n```")
    elif c == 5:
        intro(r, d, "code", lang)
        d.t("```yaml\nenv:\n  GH_TOKEN: ").v("GITHUB_TOKEN", zerowidth(r, gh_token(r))).t("\n```")
    elif c == 6:
        intro(r, d, "code", lang)
        d.t("smtp:\n  user: alerts\n  password: ").v("PASSWORD", zerowidth(r, password(r))).t("\n")
    else:
        intro(r, d, "code", lang)
        typ, val, name = secret_pool(r)[0]
        d.t("%s=" % name).v(typ, zerowidth(r, val)).t("\n")


def e_json(r, d, lang, tags):
    tags.add("evasion:json-escape")
    d.t(L(lang, "Our client sends this body and gets a 400, why?\n", "Il nostro client manda questo body e riceve 400, perché?\n"))
    f, l = person(r, lang)
    d.t('{"model":"gpt-4o-mini","messages":[{"role":"user","content":"')
    d.t(L(lang, "Draft a reminder for ", "Scrivi un sollecito per ") + "%s %s (" % (f, l))
    d.v("EMAIL", json_u(r, email(r, f, l), "@" if r.random() < 0.6 else "@."))
    d.t(L(lang, "), phone ", "), tel. ")).v("PHONE", json_u(r, phone(r, lang), " +0123456789" if r.random() < 0.3 else " +"))
    c = r.randint(0, 3)
    if c == 0:
        d.t(L(lang, ", card ", ", carta ")).v("CREDIT_CARD", json_u(r, card(r, fmt=" "), " "))
    elif c == 1:
        d.t(", IBAN ").v("IBAN", json_u(r, iban(r, spaced=False)))
    elif c == 2:
        d.t(L(lang, ". Key: ", ". Chiave: ")).v("OPENAI_KEY", json_u(r, openai_key(r), "-_"))
    else:
        d.t(L(lang, ". Citt\\u00e0: Milano", ". Citt\\u00e0: Milano"))
    d.t('"}],"temperature":0.2}')
    if r.random() < 0.5:
        d.t("\n" + L(lang, "Response: ", "Risposta: ") + '{"error":{"message":"invalid_request_error","code":null}}')


def e_base64(r, d, lang, tags):
    tags.add("evasion:base64")
    f, l = person(r, lang)
    typ, val = r.choice([("AWS_SECRET_KEY", "aws_secret_access_key=" + aws_sk(r)), ("GITHUB_TOKEN", gh_token(r)),
                         ("STRIPE_KEY", stripe_key(r)), ("CREDENTIAL_URL", cred_url(r)), ("PASSWORD", "password=" + password(r)),
                         ("SLACK_WEBHOOK", slack_webhook(r)), ("EMAIL", email(r, f, l)), ("IBAN", iban(r, spaced=False)),
                         ("CREDIT_CARD", card(r))])
    if typ in ("AWS_SECRET_KEY", "PASSWORD"):
        tags.add("judgement")
    blob = b64s(val)
    if r.random() < 0.5:
        d.t(L(lang, "A colleague sent me this string for the config, what is it?\n", "Un collega mi ha mandato questa stringa per la config, cos'è?\n")).v(typ, blob)
    else:
        intro(r, d, "code", lang)
        d.t("```js\nconst cfg = Buffer.from(\"").v(typ, blob).t("\", \"base64\").toString();\n```")


def e_percent(r, d, lang, tags):
    tags.add("evasion:percent")
    c = r.randint(0, 4)
    f, l = person(r, lang)
    if c == 4:
        d.t(L(lang, "The payment page logs this request, is it a problem?\n", "La pagina di pagamento logga questa richiesta, è un problema?\n"))
        d.t("GET /checkout/confirm?holder=%s+%s&" % (f, l))
        if r.random() < 0.5:
            d.t("pan=").v("CREDIT_CARD", pct_min(card(r, fmt=" ")))
        else:
            d.t("iban=").v("IBAN", pct_min(iban(r, spaced=True)))
        d.t("&amount=%d.00 HTTP/1.1" % r.randint(10, 900))
    elif c == 0:
        d.t(L(lang, "Why does this CRM link return 500?\n", "Perché questo link del CRM dà 500?\n"))
        d.t("https://crm.acme.it/contacts/search?name=%s+%s&email=" % (f, l)).v("EMAIL", pct_min(email(r, f, l))).t("&tel=").v("PHONE", pct_min(phone(r, lang))).t("&page=1")
    elif c == 1:
        intro(r, d, "code", lang)
        d.t("POST /login HTTP/1.1\nContent-Type: application/x-www-form-urlencoded\n\nusername=%s&password=" % slug(f)).v("PASSWORD", pct_min(password(r) + r.choice(["!", "#", "&", "@"]))).t("&remember=1")
    elif c == 2:
        intro(r, d, "code", lang)
        d.t("redirect_uri=").v("SLACK_WEBHOOK", pct_min(slack_webhook(r))).t("&state=%s" % rs(r, 16, AN))
    else:
        intro(r, d, "code", lang)
        typ, val, name = r.choice([("STRIPE_KEY", stripe_key(r), "k"), ("ANTHROPIC_KEY", anthropic_key(r), "k"), ("AWS_ACCESS_KEY", aws_ak(r), "k")])
        d.t("GET /proxy?target=billing&%s=" % r.choice(["key", "token", "auth"])).v(typ, pct_all(val)).t(" HTTP/1.1")


EVASIONS = [e_fullwidth, e_fullwidth, e_zerowidth, e_zerowidth, e_json, e_base64, e_percent]

POS_BIZ = [t_email_thread, t_email_thread, t_forward_chain, t_crm_export, t_crm_export, t_support_ticket, t_chat_transcript, t_hr_record,
           t_payroll, t_insurance_claim, t_medical_letter, t_bank_statement, t_wire_confirmation, t_ecommerce_order, t_shipping_notice,
           t_meeting_minutes, t_contract, t_board_memo]
POS_CODE = [t_code_constants, t_code_constants, t_code_constants, t_python_fixture, t_django_settings, t_appsettings, t_application_yml,
            t_docker_compose, t_systemd, t_github_actions, t_aws_credentials, t_gcloud, t_azure, t_kubectl_secret, t_curl, t_curl,
            t_conn_strings, t_git_remote, t_logs, t_logs, t_dotenv, t_private_key_paste, t_php_mailer, t_cli_password]

# ----------------------------------------------------------------------------------------------
# more positive templates: config files, CLI output, invoices

def t_config_files(r, d, lang, tags):
    intro(r, d, "code", lang)
    c = r.randint(0, 6)
    pw = password(r).replace("<", "").replace("&", "").replace("\"", "")
    if c == 0:
        d.t("~/.m2/settings.xml\n```xml\n<settings>\n  <servers>\n    <server>\n      <id>acme-releases</id>\n      <username>deployer</username>\n      <password>").v("PASSWORD", pw).t("</password>\n    </server>\n  </servers>\n</settings>\n```")
    elif c == 1:
        d.t("```xml\n<appSettings>\n  <add key=\"SmtpHost\" value=\"smtp.office365.com\" />\n  <add key=\"SmtpPassword\" value=\"").v("PASSWORD", pw).t("\" />\n  <add key=\"Timeout\" value=\"30\" />\n</appSettings>\n```")
    elif c == 2:
        d.t("~/.netrc\n```\nmachine %s\n  login deploy\n  password " % r.choice(["api.acme-billing.it", "gitlab.acme.it", "nexus.acme.local"])).v("PASSWORD", password(r, url_safe=True)).t("\n```")
    elif c == 3:
        d.t("redis.conf\n```\nbind ").v("IP_ADDRESS", ip(r, True)).t("\nport 6379\nrequirepass ").v("PASSWORD", password(r, url_safe=True)).t("\nmaxmemory 2gb\n```")
    elif c == 4:
        d.t("```go\ndb, err := sql.Open(\"postgres\", \"host=").v("IP_ADDRESS", ip(r, True)).t(" port=5432 user=erp_app password=").v("PASSWORD", password(r, url_safe=True)).t(" dbname=erp sslmode=disable\")\nif err != nil {\n\tlog.Fatal(err)\n}\n```")
    elif c == 5:
        d.t("terraform.tfvars\n```hcl\nregion         = \"eu-south-1\"\ndb_username    = \"erp_admin\"\ndb_password    = \"").v("PASSWORD", pw).t("\"\nallowed_cidrs  = [\"10.0.0.0/8\"]\n```")
        tags.add("judgement")  # CIDR left unlabelled
    else:
        d.t("~/.my.cnf\n```ini\n[client]\nuser=report\npassword=").v("PASSWORD", password(r, url_safe=True)).t("\nhost=").v("IP_ADDRESS", ip(r, True)).t("\n```")


def t_aws_cli_output(r, d, lang, tags):
    intro(r, d, "code", lang)
    if r.random() < 0.6:
        d.t("$ aws iam create-access-key --user-name ci-deploy\n{\n    \"AccessKey\": {\n        \"UserName\": \"ci-deploy\",\n        \"AccessKeyId\": \"").v("AWS_ACCESS_KEY", "AKIA" + rs(r, 16, UP + "234567"))
        d.t("\",\n        \"Status\": \"Active\",\n        \"SecretAccessKey\": \"").v("AWS_SECRET_KEY", aws_sk(r)).t("\",\n        \"CreateDate\": \"%sT10:21:33+00:00\"\n    }\n}" % date_iso(r))
    else:
        d.t("$ aws sts assume-role --role-arn arn:aws:iam::%s:role/deploy --role-session-name ci\n{\n    \"Credentials\": {\n        \"AccessKeyId\": \"" % rs(r, 12, DG)).v("AWS_ACCESS_KEY", "ASIA" + rs(r, 16, UP + "234567"))
        d.t("\",\n        \"SecretAccessKey\": \"").v("AWS_SECRET_KEY", aws_sk(r)).t("\",\n        \"SessionToken\": \"IQoJb3JpZ2luX2VjE%s\",\n        \"Expiration\": \"%sT11:21:33+00:00\"\n    }\n}" % (rs(r, 80, B64), date_iso(r)))


def t_jwt_contexts(r, d, lang, tags):
    intro(r, d, "code", lang)
    c = r.randint(0, 2)
    f, l = person(r, lang)
    if c == 0:
        d.t("GET /api/me HTTP/1.1\nHost: portal.acme.it\nCookie: _ga=GA1.2.%d.%d; session=" % (r.randint(10 ** 8, 10 ** 9), r.randint(10 ** 9, 2 * 10 ** 9))).v("JWT", jwt(r, "%s %s" % (f, l))).t("\nUser-Agent: Mozilla/5.0\n")
    elif c == 1:
        d.t("{\n  \"access_token\": \"").v("JWT", jwt(r)).t("\",\n  \"token_type\": \"Bearer\",\n  \"expires_in\": 3600,\n  \"id_token\": \"").v("JWT", jwt(r, "%s %s" % (f, l))).t("\"\n}")
    else:
        d.t("localStorage.setItem('auth', '").v("JWT", jwt(r)).t("'); // why is the user logged out after reload?")


def t_invoice(r, d, lang, tags):
    d.t(L(lang, "Extract the header fields of this e-invoice as JSON:\n\n", "Estrai i campi di testata di questa fattura in JSON:\n\n"))
    co, dom = company(r, "it")
    f, l = person(r, "it")
    d.t("FATTURA N. %d/%d del %s\nCedente: %s\nPartita IVA: IT" % (r.randint(1, 999), r.randint(2023, 2025), date_it(r), co)).v("IT_VAT", piva(r))
    d.t("\nCessionario: %s %s\nCodice fiscale: " % (f, l)).v("IT_FISCAL_CODE", cf_any(r))
    d.t("\nCodice destinatario SDI: %s\nPEC: " % rs(r, 7, UP + DG)).v("EMAIL", "%s.%s@pec.it" % (slug(f), slug(l)))
    d.t("\nImponibile %s - IVA 22%% - Totale %s\nModalità di pagamento: MP05 bonifico, IBAN " % (amount(r, "it"), amount(r, "it"))).v("IBAN", iban(r, "IT")).t("\n")


# ----------------------------------------------------------------------------------------------
# more hard negatives

PW_CODE = {
    "python": ['password = request.form["password"]', 'password = request.json.get("password")', 'password = getpass.getpass("Password: ")',
               'if password != confirm_password:\n    abort(400, "passwords do not match")', 'user.set_password(form.cleaned_data["password1"])',
               'hashed = bcrypt.hashpw(password.encode(), bcrypt.gensalt())', 'PASSWORD_MIN_LENGTH = 12', 'PASSWORD_RESET_TIMEOUT = 3600',
               'password = None', 'db_password = settings.DATABASES["default"]["PASSWORD"]'],
    "javascript": ['const password = req.body.password;', 'const { username, password } = req.body;',
                   'if (!password || password.length < 12) return res.status(400).end();', 'const hash = await bcrypt.hash(password, 12);',
                   'const ok = await bcrypt.compare(password, user.passwordHash);', 'let password = "";', 'passwordInput.type = "password";'],
    "java": ['String password = request.getParameter("password");', 'char[] password = System.console().readPassword();',
             'if (!passwordEncoder.matches(rawPassword, user.getPasswordHash())) throw new BadCredentialsException("bad password");',
             'Arrays.fill(password, \'\\0\');', 'private static final int PASSWORD_MIN_LENGTH = 12;'],
    "go": ['password := r.FormValue("password")', 'if err := bcrypt.CompareHashAndPassword(hash, []byte(password)); err != nil {\n\treturn errBadPassword\n}',
           'password, _ := term.ReadPassword(int(os.Stdin.Fd()))', 'cfg.Password = os.Getenv("DB_PASSWORD")', 'const minPasswordLen = 12'],
    "yaml": ['password_min_length: 12', 'require_password_change: true', 'password: null', 'password_file: /run/secrets/db_password',
             'ldap_password: "{{ vault_ldap_password }}"', 'forgot_password_url: https://portal.acme.it/reset', 'password_expiry_days: 90'],
}


def n_password_code(r, d, lang, tags):
    intro(r, d, "code", lang)
    pl = r.choice(list(PW_CODE))
    lines = r.sample(PW_CODE[pl], r.randint(3, 5))
    d.t("```%s\n%s\n```" % (pl, "\n".join(lines)))


def n_device_ticket(r, d, lang, tags):
    intro(r, d, "biz", lang)
    imei = luhn_complete("35" + rs(r, 6, DG), 15, r)
    d.t(L(lang, "RMA %s - device does not charge.\nModel: Galaxy A54, IMEI %s, serial R58%s\nPurchase date %s, order %s, warranty until %s.\n" % (
        ticket_no(r), imei, rs(r, 8, UP + DG), date_iso(r), order_no(r), date_iso(r)),
        "RMA %s - il dispositivo non si ricarica.\nModello: Galaxy A54, IMEI %s, seriale R58%s\nAcquistato il %s, ordine %s, garanzia fino al %s.\n" % (
        ticket_no(r), imei, rs(r, 8, UP + DG), date_it(r), order_no(r), date_it(r))))


def n_aws_sha(r, d, lang, tags):
    intro(r, d, "code", lang)
    d.t(L(lang, "Change log:\n- rotated aws_secret_access_key for the ci user (change %s)\n- AWS_ACCESS_KEY_ID now read from SSM parameter /ci/aws/key-id\n- pinned terraform-aws-modules/vpc to %s\n" % (sha(r, 40), sha(r, 40)),
          "Registro modifiche:\n- ruotata la aws_secret_access_key dell'utente ci (change %s)\n- AWS_ACCESS_KEY_ID ora letta dal parametro SSM /ci/aws/key-id\n- fissato terraform-aws-modules/vpc a %s\n" % (sha(r, 40), sha(r, 40))))


# ----------------------------------------------------------------------------------------------
# more judgement cases

def j_more(r, d, lang, tags):
    tags.add("judgement")
    c = r.randint(0, 5)
    if c == 0:
        d.t(L(lang, "Forward this to the new hire:\nCredentials for the CRM: ", "Inoltra al nuovo assunto:\nCredenziali CRM: "))
        d.t("%s / " % r.choice(["mrossi", "g.bianchi", "newhire01"])).v("PASSWORD", password(r).replace("/", "")).t("\n")
    elif c == 1:
        intro(r, d, "code", lang)
        d.t("git clone git@github.com:acme/%s.git\nPermission denied (publickey).\nfatal: Could not read from remote repository." % r.choice(["billing", "infra", "web"]))
    elif c == 2:
        intro(r, d, "code", lang)
        d.t("```go\ndsn := \"erp_app:").v("PASSWORD", password(r, url_safe=True)).t("@tcp(").v("IP_ADDRESS", ip(r, True)).t(":3306)/erp?parseTime=true\"\n```")
    elif c == 3:
        intro(r, d, "biz", lang)
        d.t(L(lang, "Minutes of the procurement meeting, %s. %s\n\nDocument for internal use only – do not distribute.\n" % (date_iso(r), neutral_sentence(r, lang)),
              "Verbale riunione acquisti del %s. %s\n\nDocumento ad uso interno – vietata la diffusione.\n" % (date_it(r), neutral_sentence(r, lang))))
    elif c == 4:
        intro(r, d, "code", lang)
        d.t("```yaml\nspring:\n  datasource:\n    password: ENC(%s)\n```" % rs(r, 44, B64))
    else:
        intro(r, d, "code", lang)
        d.t("```hcl\ningress {\n  cidr_blocks = [\"").v("IP_ADDRESS", "10.%d.0.0/16" % r.randint(0, 255)).t("\"]\n  from_port   = 443\n}\n```")


def e_html(r, d, lang, tags):
    tags.add("evasion:html-entity")
    f, l = person(r, lang)
    d.t(L(lang, "Clean up this HTML signature:\n", "Ripulisci questa firma HTML:\n"))
    d.t("<p>%s %s<br>Tel. " % (f, l)).v("PHONE", phone(r, lang).replace("+", "&#43;")).t("<br><a href=\"mailto:")
    e = email(r, f, l, company(r, lang)[1])
    d.v("EMAIL", e.replace("@", "&#64;")).t("\">").v("EMAIL", e.replace("@", "&#x40;").replace(".", "&#46;", 1)).t("</a></p>")


POS_CODE += [t_config_files, t_config_files, t_aws_cli_output, t_jwt_contexts]
POS_BIZ += [t_invoice]
NEG_CODE += [n_password_code, n_password_code, n_aws_sha]
NEG_BIZ += [n_device_ticket]
EVASIONS += [e_html]

# ----------------------------------------------------------------------------------------------
# self-check: labels consistent, and nothing sensitive left unlabelled

RX_DIGITS = re.compile(r"(?<![\w.])(?:\d[ -]?){12,18}\d(?![\w])")
RX_IBAN = re.compile(r"\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]){11,30}\b")
RX_CF = re.compile(r"\b[A-Z]{6}\d{2}[A-Z]\d{2}[A-Z]\d{3}[A-Z]\b")
RX_11 = re.compile(r"(?<![\w.])\d{11}(?![\w])")
RX_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
RX_IP = re.compile(r"(?<![\w.])(?:\d{1,3}\.){3}\d{1,3}(?![\w.])")
RX_SSN = re.compile(r"\b\d{3}-\d{2}-\d{4}\b")
RX_KEYS = re.compile(r"(?:AKIA|ASIA)[A-Z2-7]{16}|gh[pousr]_[A-Za-z0-9]{36}|glpat-[\w-]{20}|xox[bpa]-[\w-]{10,}|[sr]k_live_[A-Za-z0-9]{20,}|sk-proj-|sk-ant-|AIza[\w-]{35}|-----BEGIN [A-Z ]*PRIVATE KEY")


def self_check(case):
    text, fs = case["text"], case["findings"]
    raw = text.encode("utf-8")
    probs = []
    for f in fs:
        if raw[f["start"]:f["end"]].decode("utf-8") != f["value"]:
            probs.append("span mismatch %r" % f)
    ev = any(t.startswith("evasion") for t in case["tags"])
    if not ev:
        for f in fs:
            v = f["value"]
            if f["type"] == "CREDIT_CARD" and not luhn_ok(re.sub(r"\D", "", v)):
                probs.append("luhn %s" % v)
            if f["type"] == "IBAN" and not iban_valid(v):
                probs.append("iban %s" % v)
            if f["type"] == "IT_FISCAL_CODE" and cf_char(v.upper()[:15]) != v.upper()[15]:
                probs.append("cf %s" % v)
            if f["type"] == "IT_VAT" and not piva_ok(v):
                probs.append("piva %s" % v)
            if f["type"] == "GITHUB_TOKEN" and v[3] == "_" and b62(zlib.crc32(v[4:34].encode())) != v[34:]:
                probs.append("gh crc %s" % v)
    if "judgement" in case["tags"]:
        return probs

    def covered(m):
        # byte offsets of a str match
        s = len(text[:m.start()].encode())
        e = s + len(m.group(0).encode())
        return any(f["start"] <= s + 1 and e - 1 <= f["end"] for f in fs) or any(f["start"] < e and s < f["end"] for f in fs)
    for m in RX_DIGITS.finditer(text):
        if luhn_ok(re.sub(r"\D", "", m.group(0))) and not covered(m) and not text[:m.start()].endswith("IMEI "):
            probs.append("unlabelled luhn-valid %s" % m.group(0))
    for m in RX_IBAN.finditer(text):
        if iban_valid(m.group(0)) and not covered(m):
            probs.append("unlabelled iban %s" % m.group(0))
    for m in RX_CF.finditer(text):
        if cf_char(m.group(0)[:15]) == m.group(0)[15] and not covered(m):
            probs.append("unlabelled cf %s" % m.group(0))
    for m in RX_11.finditer(text):
        if piva_ok(m.group(0)) and not covered(m):
            probs.append("unlabelled piva %s" % m.group(0))
    for rx, nm in ((RX_EMAIL, "email"), (RX_IP, "ip"), (RX_KEYS, "key")):
        for m in rx.finditer(text):
            if any(m.group(0) in v for _, v in PLACEHOLDERS) or m.group(0) == "inflight@1.0.6":
                continue  # deliberate hard negatives
            if not covered(m):
                probs.append("unlabelled %s %s" % (nm, m.group(0)))
    for m in RX_SSN.finditer(text):
        a = int(m.group(0)[:3])
        if 0 < a < 900 and a != 666 and not covered(m):
            probs.append("unlabelled ssn %s" % m.group(0))
    return probs

# ----------------------------------------------------------------------------------------------

def build(seed, n):
    r = random.Random(seed)
    kinds = [("pos_biz", 0.25), ("pos_code", 0.285), ("neg_biz", 0.145), ("neg_code", 0.145), ("judg", 0.04), ("eva", 0.135)]
    out = []
    for i in range(n):
        x, acc = r.random(), 0
        for kind, w in kinds:
            acc += w
            if x < acc:
                break
        lang = r.choice(["en", "it"])
        tags = set()
        d = Doc()
        if kind == "pos_biz":
            fn = r.choice(POS_BIZ); tags.add("src:biz")
        elif kind == "pos_code":
            fn = r.choice(POS_CODE); tags.add("src:code")
        elif kind == "neg_biz":
            fn = r.choice(NEG_BIZ); tags.add("src:biz")
        elif kind == "neg_code":
            fn = r.choice(NEG_CODE); tags.add("src:code")
        elif kind == "judg":
            fn = r.choice([j_cases, j_cases, j_more])
        else:
            fn = r.choice(EVASIONS)
        fn(r, d, lang, tags)
        tags.add("tpl:" + fn.__name__)
        if kind.startswith("neg"):
            assert not d.f, (fn.__name__, d.f)
        if not d.f:
            tags.add("negative")
        case = {"id": "a11-%d-%04d" % (seed, i), "lang": lang, "text": d.text(), "findings": d.f, "tags": sorted(tags)}
        out.append(case)
    return out


def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    seed, n, path = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
    cases = build(seed, n)
    bad = 0
    for c in cases:
        for p in self_check(c):
            bad += 1
            print("%s: %s" % (c["id"], p), file=sys.stderr)
    with open(path, "w", encoding="utf-8") as f:
        for c in cases:
            f.write(json.dumps(c, ensure_ascii=False) + "\n")
    if bad:
        sys.exit("%d label problems" % bad)


if __name__ == "__main__":
    main()
