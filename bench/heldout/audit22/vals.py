"""Fabricators and validators for audit22 (vendor secret formats), standard library only.

Formats, from the vendors' published descriptions:
- GitHub (github.blog 2021-04-05 "Behind GitHub's new authentication token formats"): ghp_/gho_/ghu_/ghs_/ghr_
  + 30 base62 + 6-char base62 CRC32 of the 30; fine-grained github_pat_ + 22 + "_" + 59.
- GitLab (docs.gitlab.com/security/tokens, "Token prefixes"): glpat- gloas- gldt- glrt- glcbt- glptt- glft-
  glimt- glagent- glsoat- glffct-; routable tokens <prefix><base64url payload>.<2-digit version>.<2 base36 len><7 crc>.
- Slack (api.slack.com token types; tooling.tokens.rotate): xoxb- xoxp- xoxa-2- xoxr- xoxe.xoxp-1- xoxe-1- xapp-1-;
  incoming webhooks https://hooks.slack.com/services/T…/B…/<24>.
- Stripe (docs.stripe.com/keys): sk_live_/sk_test_/rk_live_/rk_test_ secret and restricted; pk_ publishable.
- OpenAI: sk-proj-/sk-svcacct-/sk-admin- and legacy sk-<20>T3BlbkFJ<20>.  Anthropic: sk-ant-api03-/sk-ant-admin01- <93>AA.
- Google API key AIza + 35 [A-Za-z0-9_-].  AWS access key ids AKIA/ASIA/ABIA/ACCA + 16 [A-Z2-7]; secret 40 base64.
"""
import base64, json, re, string, zlib

UP, LO, DG = string.ascii_uppercase, string.ascii_lowercase, string.digits
AN = UP + LO + DG
B64 = AN + "+/"
B64URL = AN + "-_"
B62 = DG + UP + LO
HEX = "0123456789abcdef"
B36 = DG + LO


def rs(r, alphabet, n):
    return "".join(r.choice(alphabet) for _ in range(n))


def b62(n, w=6):
    s = ""
    while n:
        s = B62[n % 62] + s
        n //= 62
    return s.rjust(w, "0")


def b36(n, w):
    s = ""
    while n:
        s = B36[n % 36] + s
        n //= 36
    return s.rjust(w, "0")


def b64u(b):
    return base64.urlsafe_b64encode(b).rstrip(b"=").decode()


def rbytes(r, n):
    return bytes(r.randrange(256) for _ in range(n))


# ------------------------------------------------------------ GitHub
def gh_make(r, prefix=None):
    prefix = prefix or r.choice(["ghp", "ghp", "ghp", "gho", "ghu", "ghs", "ghr"])
    body = rs(r, AN, 30)
    return "%s_%s%s" % (prefix, body, b62(zlib.crc32(body.encode())))


def gh_fine(r):
    return "github_pat_11" + rs(r, UP + DG, 20) + "_" + rs(r, AN, 59)


def gh_ok(t):
    m = re.fullmatch(r"gh[pousr]_([A-Za-z0-9]{30})([A-Za-z0-9]{6})", t)
    if m:
        return b62(zlib.crc32(m.group(1).encode())) == m.group(2)
    return bool(re.fullmatch(r"github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59}", t))


def gh_bad_crc(r):
    t = gh_make(r)
    while gh_ok(t):
        t = t[:-1] + r.choice(AN)
    return t


# ------------------------------------------------------------ GitLab
GL_PREFIXES = ["glpat-", "glpat-", "glpat-", "gldt-", "glrt-", "glcbt-", "glptt-", "gloas-", "glft-", "glimt-",
               "glagent-", "glsoat-", "glffct-"]


def gl_make(r, prefix=None, routable=None):
    prefix = prefix or r.choice(GL_PREFIXES)
    if routable is None:
        routable = prefix in ("glpat-", "glrt-", "glcbt-") and r.random() < 0.35
    if prefix == "gloas-":
        return prefix + rs(r, HEX, 64)
    if prefix == "glptt-":
        return prefix + rs(r, HEX, 40)
    if prefix == "glagent-":
        return prefix + rs(r, AN + "-_", 50)
    if prefix == "glcbt-" and not routable:
        return prefix + rs(r, HEX, 2) + "_" + rs(r, AN + "-_", 20)
    if routable:
        meta = "c:%s\no:%s\nt:%s\nu:%s\n" % (b36(r.randrange(36 ** 2), 2), b36(r.randrange(36 ** 5), 5),
                                             r.choice("0123"), b36(r.randrange(36 ** 4), 4))
        payload = b64u(rbytes(r, 16) + meta.encode())
        tail = "." + "01" + "." + b36(len(payload), 2)
        crc = b36(zlib.crc32((prefix + payload + tail).encode()), 7)[-7:]
        return prefix + payload + tail + crc
    return prefix + rs(r, AN + "-_", 20)


def gl_ok(t):
    return bool(re.fullmatch(r"gl(?:pat|dt|rt|cbt|ptt|oas|ft|imt|agent|soat|ffct)-[A-Za-z0-9_.-]{20,}", t)) and \
        not re.fullmatch(r"gl[a-z]+-x+", t)


# ------------------------------------------------------------ Slack
def slack_token(r, kind=None):
    kind = kind or r.choice(["xoxb", "xoxb", "xoxb", "xoxp", "xoxp", "xoxa", "xoxr", "xoxe.xoxp", "xoxe", "xapp", "xapp"])
    n = lambda k: rs(r, DG, k)
    if kind == "xoxb":
        return "xoxb-%s-%s-%s" % (n(r.choice([11, 12, 13])), n(13), rs(r, AN, 24))
    if kind == "xoxp":
        return "xoxp-%s-%s-%s-%s" % (n(12), n(12), n(13), rs(r, HEX, 32))
    if kind == "xoxa":
        return "xoxa-2-%s-%s-%s-%s" % (n(12), n(12), n(13), rs(r, HEX, 64))
    if kind == "xoxr":
        return "xoxr-%s-%s-%s" % (n(12), n(13), rs(r, AN, 40))
    if kind == "xoxe.xoxp":
        return "xoxe.xoxp-1-" + rs(r, AN, 140)
    if kind == "xoxe":
        return "xoxe-1-" + rs(r, AN, 140)
    if kind == "xapp":
        return "xapp-1-A%s-%s-%s" % (rs(r, UP + DG, 10), n(13), rs(r, HEX, 64))
    if kind == "xoxc":
        return "xoxc-%s-%s-%s-%s" % (n(12), n(12), n(13), rs(r, HEX, 64))
    raise ValueError(kind)


def slack_ok(t):
    return bool(re.fullmatch(r"(?:xox[bparc]-(?:2-)?[0-9]{8,13}-[0-9A-Za-z-]{20,}|xoxe\.xoxp-1-[A-Za-z0-9]{100,}|"
                             r"xoxe-1-[A-Za-z0-9]{100,}|xapp-1-A[A-Z0-9]{10}-[0-9]{13}-[0-9a-f]{64})", t))


def slack_webhook(r):
    return "https://hooks.slack.com/services/T%s/B%s/%s" % (rs(r, UP + DG, r.choice([8, 10, 10])),
                                                            rs(r, UP + DG, r.choice([8, 10, 10])), rs(r, AN, 24))


def slack_trigger(r):
    return "https://hooks.slack.com/triggers/T%s/%s/%s" % (rs(r, UP + DG, 10), rs(r, DG, 13), rs(r, HEX, 32))


def webhook_ok(t):
    return bool(re.fullmatch(r"https://hooks\.slack\.com/(?:services/T[A-Z0-9]{8,10}/B[A-Z0-9]{8,10}/[A-Za-z0-9]{24}|"
                             r"triggers/T[A-Z0-9]{8,10}/[0-9]{13}/[0-9a-f]{32})", t))


# ------------------------------------------------------------ Stripe
def stripe_key(r, prefix=None):
    prefix = prefix or r.choice(["sk_live_", "sk_live_", "sk_test_", "rk_live_", "rk_test_"])
    if r.random() < 0.6:
        return prefix + "51" + rs(r, AN, 97)
    return prefix + rs(r, AN, 24)


def stripe_ok(t):
    return bool(re.fullmatch(r"(?:[sr]k_(?:live|test)_[A-Za-z0-9]{24,99}|whsec_[A-Za-z0-9]{32})", t))


# ------------------------------------------------------------ OpenAI / Anthropic / Google
def openai_key(r, kind=None):
    kind = kind or r.choice(["proj", "proj", "proj", "svcacct", "admin", "legacy"])
    if kind == "legacy":
        return "sk-" + rs(r, AN, 20) + "T3BlbkFJ" + rs(r, AN, 20)
    pre = {"proj": "sk-proj-", "svcacct": "sk-svcacct-", "admin": "sk-admin-"}[kind]
    return pre + rs(r, AN + "-_", 74) + "T3BlbkFJ" + rs(r, AN + "-_", 74)


def openai_ok(t):
    return bool(re.fullmatch(r"sk-(?:(?:proj|svcacct|admin)-[A-Za-z0-9_-]{74}T3BlbkFJ[A-Za-z0-9_-]{74}|[A-Za-z0-9]{20}T3BlbkFJ[A-Za-z0-9]{20})", t))


def anthropic_key(r, kind=None):
    kind = kind or r.choice(["api03", "api03", "api03", "admin01"])
    return "sk-ant-%s-%sAA" % (kind, rs(r, AN + "-_", 93))


def anthropic_ok(t):
    return bool(re.fullmatch(r"sk-ant-(?:api03|admin01|oat01)-[A-Za-z0-9_-]{93}AA", t))


def google_key(r):
    return "AIza" + r.choice(["Sy", ""]) + rs(r, AN + "-_", 33) + ("" if False else "")


def google_make(r):
    k = "AIza" + ("Sy" + rs(r, AN + "-_", 33) if r.random() < 0.7 else rs(r, AN + "-_", 35))
    return k


def google_ok(t):
    return bool(re.fullmatch(r"AIza[0-9A-Za-z_-]{35}", t))


# ------------------------------------------------------------ AWS
def aws_akid(r, prefix=None):
    return (prefix or r.choice(["AKIA", "AKIA", "AKIA", "ASIA", "ASIA", "ABIA", "ACCA"])) + rs(r, UP + "234567", 16)


def aws_akid_ok(t):
    return bool(re.fullmatch(r"(?:AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}", t)) and "EXAMPLE" not in t


def aws_secret(r):
    while True:
        s = rs(r, B64, 40)
        if re.search(r"[+/]", s) and re.search(r"[a-z]", s) and re.search(r"[A-Z]", s) and re.search(r"\d", s):
            return s


def aws_secret_ok(t):
    return bool(re.fullmatch(r"[A-Za-z0-9+/]{40}", t)) and "EXAMPLE" not in t


def aws_session_token(r):
    return "IQoJb3JpZ2luX2Vj" + rs(r, B64, 340) + "=="


def aws_unique_id(r):
    return r.choice(["AIDA", "AROA", "AGPA", "ANPA"]) + rs(r, UP + "234567", 17)


# ------------------------------------------------------------ JWT
NAMES = ["giulia", "marco", "priya", "tomasz", "ines", "kevin", "noemi", "lukas", "sara", "dario"]


def jwt_make(r, alg=None):
    alg = alg or r.choice(["HS256", "HS256", "RS256", "RS256", "ES256", "HS512", "PS256", "EdDSA"])
    h = {"alg": alg, "typ": "JWT"}
    if r.random() < 0.4:
        h["kid"] = rs(r, LO + DG, 20)
    if r.random() < 0.3:
        h = {k: h[k] for k in reversed(list(h))}
    hs = json.dumps(h, separators=(",", ":")) if r.random() < 0.7 else json.dumps(h)
    iat = r.randint(1700000000, 1790000000)
    p = {"sub": r.choice([str(r.randint(10 ** 5, 10 ** 9)), rs(r, HEX, 24)]), "iat": iat, "exp": iat + r.choice([300, 900, 3600])}
    if r.random() < 0.5:
        p["scope"] = r.choice(["read:orders", "openid profile", "admin", "repo"])
    if r.random() < 0.4:
        p["iss"] = r.choice(["https://auth.nordlogistica.it", "https://keycloak.intra/realms/prod", "urn:svc:billing"])
    if r.random() < 0.3:
        p["preferred_username"] = r.choice(NAMES)
    ps = json.dumps(p, separators=(",", ":"))
    if alg == "none":
        return b64u(hs.encode()) + "." + b64u(ps.encode()) + "."
    nb = {"HS256": 32, "HS512": 64, "RS256": 256, "PS256": 256, "ES256": 64, "EdDSA": 64}[alg]
    return b64u(hs.encode()) + "." + b64u(ps.encode()) + "." + b64u(rbytes(r, nb))


def jwe_make(r):
    h = json.dumps({"alg": r.choice(["RSA-OAEP-256", "dir", "A256KW"]), "enc": r.choice(["A256GCM", "A128CBC-HS256"])},
                   separators=(",", ":"))
    return ".".join([b64u(h.encode()), b64u(rbytes(r, 256)), b64u(rbytes(r, 12)), b64u(rbytes(r, r.randint(80, 200))),
                     b64u(rbytes(r, 16))])


def _b64d(s):
    return base64.urlsafe_b64decode(s + "=" * (-len(s) % 4))


def jwt_ok(t):
    parts = t.split(".")
    if len(parts) not in (3, 5):
        return False
    try:
        h = json.loads(_b64d(parts[0]))
        if len(parts) == 3:
            json.loads(_b64d(parts[1]))
    except Exception:
        return False
    return isinstance(h, dict) and "alg" in h


# ------------------------------------------------------------ PEM / PGP
PEM_KINDS = {
    "RSA PRIVATE KEY": "MIIEowIBAAKCAQEA",
    "PRIVATE KEY": "MIIEvgIBADANBgkqhkiG9w0BAQEFAASCBKgwggSkAgEAAoIBAQ",
    "EC PRIVATE KEY": "MHcCAQEEI",
    "OPENSSH PRIVATE KEY": "b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW",
    "ENCRYPTED PRIVATE KEY": "MIIFLTBXBgkqhkiG9w0BBQ0wSjApBgkqhkiG9w0BBQwwHAQI",
    "DSA PRIVATE KEY": "MIIBvAIBAAKBgQ",
}


def pem_lines(r, kind):
    if kind == "PGP PRIVATE KEY BLOCK":
        body = "lQOYBF" + rs(r, B64, 64 * r.randint(4, 9) - 6)
        lines = [body[i:i + 64] for i in range(0, len(body), 64)] + [rs(r, B64, r.randint(10, 50)) + r.choice(["", "="]), "=" + rs(r, B64, 4)]
        head = [r.choice(["Version: GnuPG v2", "Comment: https://gnupg.org"]), ""] if r.random() < 0.6 else [""]
        return ["-----BEGIN PGP PRIVATE KEY BLOCK-----"] + head + lines + ["-----END PGP PRIVATE KEY BLOCK-----"]
    pre = PEM_KINDS[kind]
    n = r.randint(3, 10)
    body = pre + rs(r, B64, 64 * n - len(pre))
    lines = [body[i:i + 64] for i in range(0, len(body), 64)]
    lines.append(rs(r, B64, r.randint(8, 60)) + r.choice(["", "=", "=="]))
    out = ["-----BEGIN %s-----" % kind]
    if kind == "RSA PRIVATE KEY" and r.random() < 0.2:
        out += ["Proc-Type: 4,ENCRYPTED", "DEK-Info: AES-256-CBC," + rs(r, "0123456789ABCDEF", 32), ""]
    return out + lines + ["-----END %s-----" % kind]


def pem_make(r, kind=None, nl="\n", indent=""):
    kind = kind or r.choice(list(PEM_KINDS) + ["PRIVATE KEY", "OPENSSH PRIVATE KEY", "PGP PRIVATE KEY BLOCK"])
    return (nl + indent).join(pem_lines(r, kind))


def pem_ok(t):
    t = t.replace("\\n", "\n").replace("\\r", "")
    m = re.match(r"-----BEGIN ((?:RSA |EC |DSA |OPENSSH |ENCRYPTED )?PRIVATE KEY|PGP PRIVATE KEY BLOCK)-----", t)
    return bool(m) and t.rstrip().endswith("-----END %s-----" % m.group(1))


# ------------------------------------------------------------ passwords / credential URLs
WORDS = ["Girasole", "Tramonto", "Granito", "Nebbia", "Lampone", "Cobalt", "Harbor", "Quartz", "Falcon", "Ember",
         "Velvet", "Orchid", "Basalto", "Scirocco", "Maestrale", "Tundra"]
PW_SYM = "!%&*?@+=_-.^~"


def password_make(r, url_safe=False):
    sym = "!*_-.~" if url_safe else PW_SYM
    k = r.randrange(6)
    if k == 0:
        p = r.choice(WORDS) + r.choice(sym) + rs(r, DG, r.randint(2, 4)) + r.choice(sym)
    elif k == 1:
        p = rs(r, AN, 3) + rs(r, AN + sym, r.randint(10, 20)) + r.choice(sym)
    elif k == 2:
        p = "-".join(r.choice(WORDS).lower() for _ in range(3)) + rs(r, DG, 2)
    elif k == 3:
        p = r.choice(WORDS).replace("a", "@" if not url_safe else "4").replace("o", "0").replace("e", "3") + rs(r, DG, 2) + r.choice(sym)
    elif k == 4:
        p = rs(r, UP, 1) + rs(r, LO, r.randint(4, 7)) + rs(r, DG, 4) + r.choice(sym) + rs(r, AN, 3)
    else:
        p = rs(r, AN, 24)
    if not re.search(r"\d", p):
        p += rs(r, DG, 2)
    return p


HOSTS = ["pg-main.prod.lan", "db.nordlogistica.it", "cluster0.k3x9p.mongodb.net", "rabbit-01.internal",
         "billing-cache.abc123.euw1.cache.amazonaws.com", "mysql-primary.svc.cluster.local", "postgres", "db", "redis",
         "mq.officine-lorenzi.it", "smtp.sendgrid.net", "ftp.archivio-ferri.it", "pgbouncer.data.svc", "sql-ro.acme.lan"]
USERS = ["app", "svc_orders", "etl", "reporting", "django", "grafana", "n8n", "worker", "deploy", "admin", "root", "airflow", "keycloak"]
PORTS = {"postgresql": 5432, "postgres": 5432, "mysql": 3306, "mariadb": 3306, "mongodb": 27017, "redis": 6379,
         "rediss": 6380, "amqp": 5672, "amqps": 5671, "mssql": 1433, "smtp": 587, "smtps": 465, "ftp": 21, "sftp": 22,
         "https": 443, "http": 80}


def pct(s):
    return s.replace("%", "%25").replace("@", "%40").replace("/", "%2F").replace("?", "%3F").replace("#", "%23").replace(":", "%3A")


def cred_url(r, sch=None):
    sch = sch or r.choice(["postgresql", "postgres", "mysql", "mongodb", "mongodb+srv", "redis", "rediss", "amqp", "amqps",
                           "mssql", "smtp", "smtps", "ftp", "sftp", "https", "https"])
    user = r.choice(USERS)
    pw = rs(r, AN, r.randint(12, 24)) if r.random() < 0.5 else pct(password_make(r))
    if sch.startswith("http"):
        host = r.choice(["nexus.acme.lan", "artifactory.nordlogistica.it", "registry.officine-lorenzi.it", "git.acme.lan",
                         "jenkins.intra.acme.it"])
        return "%s://%s:%s@%s/%s" % (sch, user, pw, host, r.choice(["repository/pypi/simple", "api/v1/", "", "artifactory/api/npm/npm-virtual/"]))
    if sch == "mongodb+srv":
        return "%s://%s:%s@%s/%s" % (sch, user, pw, r.choice(["cluster0.k3x9p.mongodb.net", "prod.a1b2c.mongodb.net"]),
                                     r.choice(["orders?retryWrites=true&w=majority", "", "app?authSource=admin"]))
    host = r.choice(HOSTS)
    port = PORTS.get(sch.split("+")[0], 5432)
    if sch.startswith("redis") and r.random() < 0.4:
        return "%s://:%s@%s:%d/%d" % (sch, pw, host, port, r.randint(0, 5))
    path = r.choice(["/app", "/orders", "/analytics", "", "/billing?sslmode=require", "/%2F", "/prod"])
    if sch in ("smtp", "smtps", "ftp", "sftp"):
        path = r.choice(["", "/", "/upload"])
    return "%s://%s:%s@%s:%d%s" % (sch, user, pw, host, port, path)


def cred_url_ok(t):
    return bool(re.fullmatch(r"(?:jdbc:)?[a-z][a-z0-9+]*://(?:[^:@/\s]*:[^@\s/]+@[^\s]+|[^\s]*[?&;]password=[^&\s]+.*)", t))


def uuid4(r):
    return "%s-%s-4%s-%s%s-%s" % (rs(r, HEX, 8), rs(r, HEX, 4), rs(r, HEX, 3), r.choice("89ab"), rs(r, HEX, 3), rs(r, HEX, 12))
