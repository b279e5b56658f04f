#!/usr/bin/env python3
"""audit8 held-out corpus generator.  gen.py SEED N OUT.jsonl"""
import sys, json, random, base64, string, uuid, hashlib, urllib.parse
import vals as V

TYPES = sorted(V.GEN) + ["CONFIDENTIAL_MARKER"]
SECRET = {"AWS_ACCESS_KEY", "AWS_SECRET_KEY", "GITHUB_TOKEN", "GITLAB_TOKEN", "SLACK_TOKEN", "SLACK_WEBHOOK", "STRIPE_KEY", "OPENAI_KEY",
          "ANTHROPIC_KEY", "GOOGLE_API_KEY", "PRIVATE_KEY", "JWT", "CREDENTIAL_URL", "PASSWORD"}
PII = {"EMAIL", "PHONE", "CREDIT_CARD", "IBAN", "IT_FISCAL_CODE", "IT_VAT", "US_SSN", "IP_ADDRESS"}

KEYS = {"AWS_ACCESS_KEY": ["aws_access_key_id", "AWS_ACCESS_KEY_ID", "accessKeyId", "s3.access-key"],
        "AWS_SECRET_KEY": ["aws_secret_access_key", "AWS_SECRET_ACCESS_KEY", "secretAccessKey", "s3.secret-key"],
        "GITHUB_TOKEN": ["GITHUB_TOKEN", "gh_token", "github.token", "GH_PAT"],
        "GITLAB_TOKEN": ["GITLAB_TOKEN", "gitlab.private-token", "CI_DEPLOY_TOKEN", "gitlab_api_token"],
        "SLACK_TOKEN": ["SLACK_BOT_TOKEN", "slack.token", "slack_api_token"],
        "SLACK_WEBHOOK": ["SLACK_WEBHOOK_URL", "slack.webhook-url", "notify_webhook"],
        "STRIPE_KEY": ["STRIPE_SECRET_KEY", "stripe.api-key", "stripe_secret"],
        "OPENAI_KEY": ["OPENAI_API_KEY", "openai.api-key", "llm_api_key"],
        "ANTHROPIC_KEY": ["ANTHROPIC_API_KEY", "anthropic.api-key", "claude_api_key"],
        "GOOGLE_API_KEY": ["GOOGLE_MAPS_API_KEY", "google.api-key", "firebase_api_key"],
        "JWT": ["auth_token", "ACCESS_TOKEN", "id_token", "bearer"],
        "CREDENTIAL_URL": ["DATABASE_URL", "broker_url", "REDIS_URL", "cache.url", "mirror_url"],
        "PASSWORD": ["password", "DB_PASSWORD", "db_pass", "smtp.password", "keystore.password", "passwd", "admin_password"],
        "PRIVATE_KEY": ["deploy_key", "ssh_private_key", "tls.key"],
        "EMAIL": ["email", "contact_email", "notify.to", "MAIL_FROM"],
        "PHONE": ["phone", "telefono", "support_phone"],
        "CREDIT_CARD": ["card_number", "pan", "test_card"],
        "IBAN": ["iban", "payout_iban", "conto_iban"],
        "IT_FISCAL_CODE": ["codice_fiscale", "cf", "tax_code"],
        "IT_VAT": ["partita_iva", "piva", "vat_number"],
        "US_SSN": ["ssn", "social_security_number", "employee_ssn"],
        "IP_ADDRESS": ["host", "bind_address", "allowed_ip", "server_ip"]}

LAB = {"en": {"EMAIL": ["email: {}", "please write to {}", "the sender was {}", "contact {} for details"],
              "PHONE": ["phone {}", "call me on {}", "mobile: {}", "reachable at {}"],
              "CREDIT_CARD": ["charged to card {}", "card number {}", "paid with {}"],
              "IBAN": ["IBAN {}", "wire the refund to {}", "account (IBAN): {}"],
              "IT_FISCAL_CODE": ["codice fiscale {}", "Italian tax code {}", "fiscal code: {}"],
              "IT_VAT": ["VAT number (partita IVA) {}", "P.IVA {}", "supplier VAT no. {}"],
              "US_SSN": ["SSN {}", "Social Security number {}", "SSN on file: {}"],
              "IP_ADDRESS": ["source IP {}", "login from {}", "the host at {}"],
              "PASSWORD": ["password: {}", "the admin password is {}", "login with password {}"],
              "AWS_SECRET_KEY": ["AWS secret access key: {}", "aws_secret_access_key {}"],
              "SECRET": ["the exposed value was {}", "found this in the repo: {}", "credential: {}", "it contained {}"]},
       "it": {"EMAIL": ["email: {}", "scrivere a {}", "mittente {}", "indirizzo di posta {}"],
              "PHONE": ["tel. {}", "cellulare {}", "recapito telefonico: {}", "chiamare il {}"],
              "CREDIT_CARD": ["addebito sulla carta {}", "carta di credito n. {}", "pagato con la carta {}"],
              "IBAN": ["IBAN {}", "accredito sul conto {}", "coordinate bancarie (IBAN): {}"],
              "IT_FISCAL_CODE": ["codice fiscale {}", "C.F. {}", "cod. fisc.: {}"],
              "IT_VAT": ["partita IVA {}", "P.IVA {}", "P. IVA n. {}"],
              "US_SSN": ["SSN {}", "numero di previdenza sociale USA (SSN) {}", "Social Security Number: {}"],
              "IP_ADDRESS": ["indirizzo IP {}", "accesso da {}", "il server {}"],
              "PASSWORD": ["password: {}", "la password dell'amministratore è {}", "accedere con la password {}"],
              "AWS_SECRET_KEY": ["AWS secret access key: {}", "chiave segreta AWS (aws_secret_access_key) {}"],
              "SECRET": ["il valore esposto era {}", "nel repository c'era {}", "credenziale: {}", "conteneva {}"]}}


def isbn13(r):
    d = "978" + "88" + V.rs(r, string.digits, 7)
    s = sum(int(c) * (1 if i % 2 == 0 else 3) for i, c in enumerate(d))
    d += str((10 - s % 10) % 10)
    return "%s-%s-%s-%s-%s" % (d[:3], d[3:5], d[5:9], d[9:12], d[12])


def ean13(r):
    d = "80" + V.rs(r, string.digits, 10)
    s = sum(int(c) * (1 if i % 2 == 0 else 3) for i, c in enumerate(d))
    return d + str((10 - s % 10) % 10)


def imei(r):
    return V.luhn_complete("35" + V.rs(r, string.digits, 12))


DIST = {
    "en": [lambda r: "Order no. %d-%07d" % (r.randint(100, 999), r.randint(0, 9999999)),
           lambda r: "request id %s" % uuid.UUID(int=r.getrandbits(128)),
           lambda r: "commit %s" % "".join(r.choice(V.HEX) for _ in range(40)),
           lambda r: "sha256:%s" % "".join(r.choice(V.HEX) for _ in range(64)),
           lambda r: "version %d.%d.%d" % (r.randint(0, 9), r.randint(0, 30), r.randint(0, 99)),
           lambda r: "on %d-%02d-%02d at %02d:%02d:%02d" % (r.randint(2019, 2026), r.randint(1, 12), r.randint(1, 28), r.randint(0, 23), r.randint(0, 59), r.randint(0, 59)),
           lambda r: "total $%d,%03d.%02d" % (r.randint(1, 99), r.randint(0, 999), r.randint(0, 99)),
           lambda r: "tracking 1Z%s" % V.rs(r, string.ascii_uppercase + string.digits, 16),
           lambda r: "invoice INV-%d-%05d" % (r.randint(2020, 2026), r.randint(1, 99999)),
           lambda r: "ISBN %s" % isbn13(r), lambda r: "EAN %s" % ean13(r), lambda r: "IMEI %s" % imei(r),
           lambda r: "MAC %s" % ":".join("%02x" % r.randint(0, 255) for _ in range(6)),
           lambda r: "OID 1.3.6.1.4.1.%d.%d.%d" % (r.randint(1000, 60000), r.randint(1, 40), r.randint(1, 9)),
           lambda r: "build %d.%d.%d.%d" % (r.randint(10, 19), r.randint(0, 9), r.randint(19000, 26999), r.randint(300, 9999)),
           lambda r: "PNR %s" % V.rs(r, "ABCDEFGHJKLMNPQRSTUVWXYZ23456789", 6),
           lambda r: "e-ticket %03d-%010d" % (r.choice([55, 74, 125, 220]), r.randint(0, 9999999999)),
           lambda r: "ticket #%d" % r.randint(10000, 999999)],
    "it": [lambda r: "ordine n. %d/%06d" % (r.randint(2020, 2026), r.randint(0, 999999)),
           lambda r: "prot. n. %07d del %02d/%02d/%d" % (r.randint(0, 9999999), r.randint(1, 28), r.randint(1, 12), r.randint(2019, 2026)),
           lambda r: "importo € %d.%03d,%02d" % (r.randint(1, 99), r.randint(0, 999), r.randint(0, 99)),
           lambda r: "spedizione %s" % (lambda x: x if not V.luhn_ok(x) else x[:-1] + str((int(x[-1]) + 1) % 10))(V.rs(r, string.digits, 13)),
           lambda r: "fattura FT/%d/%05d" % (r.randint(2020, 2026), r.randint(1, 99999)),
           lambda r: "CAP %05d" % r.randint(10010, 98168), lambda r: "codice articolo %s" % ean13(r),
           lambda r: "rif. pratica %s" % uuid.UUID(int=r.getrandbits(128)),
           lambda r: "versione %d.%d.%d" % (r.randint(0, 9), r.randint(0, 30), r.randint(0, 99)),
           lambda r: "IMEI %s" % imei(r), lambda r: "matricola %s" % V.rs(r, string.digits, 6),
           lambda r: "CRO %s" % V.rs(r, string.digits, 11) if False else "TRN %s" % V.rs(r, string.ascii_uppercase + string.digits, 30),
           lambda r: "codice prenotazione %s" % V.rs(r, "ABCDEFGHJKLMNPQRSTUVWXYZ23456789", 6),
           lambda r: "ore %02d:%02d" % (r.randint(0, 23), r.randint(0, 59)),
           lambda r: "repertorio n. %d, raccolta n. %d" % (r.randint(1000, 99999), r.randint(100, 9999))]}


def dist(r, lang, k=None):
    pool = DIST[lang] + DIST["en"][:6]
    return [r.choice(pool)(r) for _ in range(k if k is not None else r.randint(1, 3))]


# ---------------- text assembly ----------------
class T:
    def __init__(s):
        s.segs = []

    def __call__(s, x):
        s.segs.append(x)
        return s

    def sp(s, typ, disp, canon=None):
        s.segs.append((typ, disp, canon if canon is not None else disp))
        return s

    def build(s):
        out, spans, n = [], [], 0
        for g in s.segs:
            if isinstance(g, str):
                out.append(g)
                n += len(g.encode())
            else:
                typ, disp, canon = g
                b = len(disp.encode())
                if typ:
                    spans.append({"type": typ, "start": n, "end": n + b, "value": disp, "_canon": canon})
                out.append(disp)
                n += b
        return "".join(out), spans


# ---------------- evasions ----------------
ZW = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff"]


def fullwidth(v, only_at=False):
    if only_at:
        return v.replace("@", "\uff20")
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else ("\u3000" if c == " " else c) for c in v)


def zwsp(r, v):
    pos = sorted(r.sample(range(2, len(v) - 1), min(2, max(1, len(v) - 4))), reverse=True)[:r.randint(1, 2)]
    for p in pos:
        v = v[:p] + r.choice(ZW) + v[p:]
    return v


def jesc(r, v):
    k = r.randint(1, min(6, len(v)))
    idx = set(r.sample(range(len(v)), k)) | {0}
    return "".join("\\u%04x" % ord(c) if i in idx else c for i, c in enumerate(v))


def pct(r, v, full):
    if full:
        return "".join("%%%02X" % b for b in v.encode())
    return urllib.parse.quote(v, safe="")


# ---------------- code styles ----------------
def kv(style, key, seg, t, indent=""):
    typ, disp, canon = seg
    q = {"yaml": ("%s%s: ", ""), "props": ("%s%s=", ""), "php": ("%s'%s' => '", "',"), "py": ("%s%s = \"", "\""),
         "js": ("%s%s: '", "',"), "go": ("%s%s: \"", "\","), "sh": ("%sexport %s=", ""), "groovy": ("%s%s = '", "'"),
         "make": ("%s%s ?= ", ""), "ps": ("%s$env:%s = \"", "\""), "xml": ("%s<%s>", "</%s>"), "define": ("%sdefine( '%s', '", "' );"),
         "json": ("%s\"%s\": \"", "\","), "sql": ("%s-- %s\n%sINSERT INTO app_settings (name, value) VALUES ('%s', '", "');")}[style]
    if style == "sql":
        t(q[0] % (indent, key, indent, key))
    elif style == "yaml" and typ == "PRIVATE_KEY":
        t("%s%s: |\n%s  " % (indent, key, indent))
        t.sp(typ, disp.replace("\n", "\n" + indent + "  "), canon)
        t("\n")
        return
    elif typ == "PRIVATE_KEY" and style in ("props", "sh", "make"):
        t("%s# %s\n" % (indent, key))
        t.sp(typ, disp, canon)
        t("\n")
        return
    else:
        t(q[0] % (indent, key))
    t.sp(typ, disp, canon)
    t((q[1] % key if style == "xml" else q[1]) + "\n")


# ---------------- domains ----------------
def fname(r, *opts):
    return r.choice(opts)


CODE_DOMAINS = {}


def code(name, style):
    def deco(f):
        CODE_DOMAINS[name] = (f, style)
        return f
    return deco


def body_kv(r, t, style, items, indent="", neg_lines=()):
    lines = list(items) + [("nl", x) for x in neg_lines]
    r.shuffle(lines)
    for it in lines:
        if it[0] == "nl":
            t(indent + it[1] + "\n")
        else:
            kv(style, it[0], it[1], t, indent)


def neutral_kv(r, style):
    k, v = r.choice([("timeout", str(r.randint(5, 120))), ("region", r.choice(["eu-south-1", "eu-west-1", "us-east-2"])),
                     ("pool_size", str(r.randint(2, 64))), ("log_level", r.choice(["info", "debug", "warn"])),
                     ("feature_flag", "true"), ("retries", str(r.randint(1, 9))), ("app_version", "%d.%d.%d" % (r.randint(1, 9), r.randint(0, 20), r.randint(0, 40)))])
    return {"yaml": "%s: %s", "props": "%s=%s", "php": "'%s' => '%s',", "py": "%s = \"%s\"", "js": "%s: '%s',", "go": "%s: \"%s\",",
            "sh": "export %s=%s", "groovy": "%s = '%s'", "make": "%s ?= %s", "ps": "$env:%s = \"%s\"", "xml": "<%s>%s</%s>",
            "define": "define( '%s', '%s' );", "json": "\"%s\": \"%s\",", "sql": "-- %s = %s"}[style].replace("</%s>", "</" + k + ">") % (k, v)


def dom_diff(r, lang, t, items, style, neg):
    f = r.choice(["config/settings.py", "src/main/resources/application.yml", "config/database.php", "wp-config.php",
                  "sites/default/settings.php", "gradle.properties", "Makefile", "scripts/deploy.sh", "tests/fixtures.js"])
    h = "".join(r.choice(V.HEX) for _ in range(7))
    t("diff --git a/%s b/%s\nindex %s..%s 100644\n--- a/%s\n+++ b/%s\n@@ -%d,6 +%d,%d @@\n" % (f, f, h, h[::-1], f, f, r.randint(3, 80), r.randint(3, 80), 6 + len(items)))
    t(" " + neutral_kv(r, style) + "\n")
    t("-" + neutral_kv(r, style) + "\n")
    for it in items:
        t("+")
        kv(style, it[0], it[1], t)
    for x in neg:
        t("+" + x + "\n")
    t(" " + neutral_kv(r, style) + "\n")


def dom_review(r, lang, t, items, style, neg):
    t("Review on PR #%d (%s):\n\n" % (r.randint(100, 9999), r.choice(["feat: payment retries", "chore: bump deps", "fix: mail relay", "refactor: config loader"])))
    t("```\n")
    body_kv(r, t, style, items, neg_lines=neg)
    t("```\n")
    t(r.choice(["Please don't hardcode this, read it from the vault instead.", "Blocking: this must not land in main.",
                "Nit: move this to the secrets manager before merging.", "LGTM otherwise."] if lang == "en" else
               ["Per favore non mettere questo valore nel codice, usa il vault.", "Bloccante: non può finire su main.",
                "Spostalo nel secret manager prima del merge.", "Per il resto ok."]) + "\n")


def dom_so(r, lang, t, items, style, neg):
    t(r.choice(["Getting a 403 when my client starts, config below. What am I missing?\n\n", "Q: connection refused after upgrading to %s, here is my setup\n\n" % r.choice(["Spring Boot 3.3", "Django 5.1", "Laravel 11", "Rails 7.2"])]
               if lang == "en" else ["Ricevo un 403 all'avvio del client, ecco la configurazione. Cosa sbaglio?\n\n", "Dopo l'aggiornamento non si connette più, questa è la conf:\n\n"]))
    t("    ")
    body_kv(r, t, style, items, indent="    ", neg_lines=neg)
    t("\n" + ("Thanks in advance, %s\n" if lang == "en" else "Grazie in anticipo, %s\n") % " ".join(V.name(r)))


def dom_test(r, lang, t, items, style, neg):
    if style == "go":
        t("func Test%s(t *testing.T) {\n\tfx := Fixture{\n" % r.choice(["LoadConfig", "Redact", "Signup", "Payout"]))
        body_kv(r, t, style, items, indent="\t\t", neg_lines=neg)
        t("\t}\n\tif err := run(fx); err != nil {\n\t\tt.Fatal(err)\n\t}\n}\n")
    elif style == "py":
        t("import pytest\n\n@pytest.fixture\ndef settings():\n    class S:\n")
        body_kv(r, t, style, items, indent="        ", neg_lines=neg)
        t("    return S\n\ndef test_client(settings):\n    assert make_client(settings).ping()\n")
    else:
        t("describe('%s', () => {\n  const fixture = {\n" % r.choice(["checkout", "mailer", "signup"]))
        body_kv(r, t, "js", items, indent="    ", neg_lines=neg)
        t("  };\n  it('works', async () => {\n    expect(await handler(fixture)).toBeTruthy();\n  });\n});\n")


def dom_sql(r, lang, t, items, style, neg):
    t("-- migration %d_%s.sql\nBEGIN;\nCREATE TABLE IF NOT EXISTS app_settings (name text PRIMARY KEY, value text NOT NULL);\n" % (r.randint(20240101, 20261231), r.choice(["seed_settings", "add_contacts", "backfill"])))
    for x in neg:
        t("-- " + x + "\n")
    for it in items:
        kv("sql", it[0], it[1], t)
    t("COMMIT;\n")


def dom_framework(r, lang, t, items, style, neg):
    if style == "php":
        t("<?php\n// config/%s.php\nreturn [\n    'default' => env('DB_CONNECTION', 'mysql'),\n    'connections' => [\n" % r.choice(["database", "services", "mail"]))
        body_kv(r, t, "php", items, indent="        ", neg_lines=["// " + x for x in neg])
        t("    ],\n];\n")
    elif style == "define":
        t("<?php\n/** The base configuration for WordPress */\n")
        body_kv(r, t, "define", items, neg_lines=["// " + x for x in neg])
        t("$table_prefix = 'wp_';\ndefine( 'WP_DEBUG', false );\n")
    elif style == "yaml":
        t("spring:\n  application:\n    name: %s\n  datasource:\n" % r.choice(["orders-svc", "fatturazione", "gateway"]))
        body_kv(r, t, "yaml", items, indent="    ", neg_lines=["# " + x for x in neg])
        t("server:\n  port: %d\n" % r.choice([8080, 8443, 9000]))
    elif style == "py":
        t("# settings.py (Django)\nDEBUG = False\nALLOWED_HOSTS = ['*']\n")
        body_kv(r, t, "py", items, neg_lines=["# " + x for x in neg])
    else:
        t("# %s\n" % r.choice(["application.properties", "gradle.properties", "config/credentials.properties"]))
        body_kv(r, t, "props", items, neg_lines=["# " + x for x in neg])


def dom_maven(r, lang, t, items, style, neg):
    t("<settings>\n  <servers>\n    <server>\n      <id>%s</id>\n" % r.choice(["nexus-releases", "artifactory", "github"]))
    body_kv(r, t, "xml", items, indent="      ", neg_lines=["<!-- %s -->" % x for x in neg])
    t("    </server>\n  </servers>\n</settings>\n")


def dom_jenkins(r, lang, t, items, style, neg):
    t("pipeline {\n  agent any\n  environment {\n")
    body_kv(r, t, "groovy", items, indent="    ", neg_lines=["// " + x for x in neg])
    t("  }\n  stages {\n    stage('Deploy') {\n      steps { sh './deploy.sh %s' }\n    }\n  }\n}\n" % r.choice(["prod", "staging"]))


def dom_make(r, lang, t, items, style, neg):
    t("# Makefile\n.PHONY: deploy test\n")
    body_kv(r, t, "make", items, neg_lines=["# " + x for x in neg])
    t("\ndeploy:\n\t./scripts/release.sh $(ENV)\n")


def dom_cron(r, lang, t, items, style, neg):
    t("# crontab -l (user %s)\nMAILTO=\"\"\n" % r.choice(V.USERS))
    body_kv(r, t, "props", items, neg_lines=["# " + x for x in neg])
    t("%d %d * * * /opt/jobs/nightly_export.sh >> /var/log/export.log 2>&1\n*/15 * * * * /usr/local/bin/healthcheck --quiet\n" % (r.randint(0, 59), r.randint(0, 6)))


def dom_history(r, lang, t, items, style, neg):
    t("%d  cd ~/projects/%s\n" % (r.randint(100, 900), r.choice(["billing", "portale", "infra"])))
    for x in neg:
        t("%d  echo '%s'\n" % (r.randint(100, 900), x))
    for it in items:
        t("%d  " % r.randint(100, 999))
        kv("sh", it[0], it[1], t)
    t("%d  git status\n%d  history | tail\n" % (r.randint(900, 999), r.randint(900, 999)))


def dom_ps(r, lang, t, items, style, neg):
    t("**********************\nWindows PowerShell transcript start\nStart time: %d%02d%02d%02d%02d%02d\nUsername: CORP\\%s\nMachine: WS-%04d (Microsoft Windows NT 10.0.22631.0)\n**********************\n" % (
        2026, r.randint(1, 12), r.randint(1, 28), r.randint(0, 23), r.randint(0, 59), r.randint(0, 59), r.choice(V.USERS), r.randint(1, 9999)))
    for x in neg:
        t("PS C:\\> Write-Host \"%s\"\n" % x)
    for it in items:
        t("PS C:\\> ")
        kv("ps", it[0], it[1], t)
    t("PS C:\\> Stop-Transcript\n")


CODE_DOMAIN_FUNCS = [(dom_diff, ["yaml", "props", "php", "py", "sh", "define"]), (dom_review, ["yaml", "py", "js", "go", "props"]),
                     (dom_so, ["yaml", "props", "py", "js", "php"]), (dom_test, ["go", "py", "js"]), (dom_sql, ["sql"]),
                     (dom_framework, ["php", "define", "yaml", "py", "props"]), (dom_maven, ["xml"]), (dom_jenkins, ["groovy"]),
                     (dom_make, ["make"]), (dom_cron, ["props"]), (dom_history, ["sh"]), (dom_ps, ["ps"])]

# ----- network / mail domains (render items in-line) -----


def seg_sentence(r, lang, typ, seg, t):
    tpl = r.choice(LAB[lang].get(typ, LAB[lang]["SECRET"]))
    a, b = tpl.split("{}")
    t(a)
    t.sp(*seg)
    t(b)


def dom_syslog(r, lang, t, items, neg):
    host = r.choice(["fw-edge01", "web-03", "mailgw", "bastion"])
    for x in neg:
        t("Nov %2d %02d:%02d:%02d %s app[%d]: %s\n" % (r.randint(1, 28), r.randint(0, 23), r.randint(0, 59), r.randint(0, 59), host, r.randint(100, 40000), x))
    for typ, seg, key in items:
        t("Nov %2d %02d:%02d:%02d %s %s[%d]: " % (r.randint(1, 28), r.randint(0, 23), r.randint(0, 59), r.randint(0, 59), host, r.choice(["sshd", "app", "postfix/smtpd"]), r.randint(100, 40000)))
        if typ == "IP_ADDRESS":
            t("Failed password for invalid user %s from " % r.choice(V.USERS)).sp(*seg)(" port %d ssh2\n" % r.randint(1024, 65000))
        elif typ == "PRIVATE_KEY":
            t("dumping key material:\n").sp(*seg)("\n")
        else:
            t("config reload: %s=" % key).sp(*seg)("\n")


def dom_winevent(r, lang, t, items, neg):
    t("Log Name:      Security\nSource:        Microsoft-Windows-Security-Auditing\nDate:          %d/%d/2026 %d:%02d:%02d PM\nEvent ID:      4625\nTask Category: Logon\nLevel:         Information\nKeywords:      Audit Failure\nDescription:\nAn account failed to log on.\n" % (
        r.randint(1, 12), r.randint(1, 28), r.randint(1, 11), r.randint(0, 59), r.randint(0, 59)))
    for x in neg:
        t("\tActivity ID:\t%s\n" % x)
    for typ, seg, key in items:
        if typ == "IP_ADDRESS":
            t("Network Information:\n\tWorkstation Name:\tWS-%d\n\tSource Network Address:\t" % r.randint(1, 999)).sp(*seg)("\n\tSource Port:\t%d\n" % r.randint(1024, 65000))
        elif typ == "PRIVATE_KEY":
            t("Additional Data:\n").sp(*seg)("\n")
        else:
            t("\tProcess Command Line:\tsetup.exe /%s=" % key).sp(*seg)("\n")


def dom_router(r, lang, t, items, neg):
    t("!\nhostname %s\n!\nservice password-encryption\n" % r.choice(["rtr-mi-core1", "sw-bo-acc2", "edge-rm-01"]))
    for x in neg:
        t("! %s\n" % x)
    for typ, seg, key in items:
        if typ == "PASSWORD":
            t(r.choice(["username netops privilege 15 password 0 ", "tacacs-server key ", "enable password "])).sp(*seg)("\n")
        elif typ == "IP_ADDRESS":
            t(r.choice(["logging host ", "ntp server ", "tacacs-server host ", "ip name-server "])).sp(*seg)("\n")
        elif typ == "PRIVATE_KEY":
            t("crypto pki import TP pem terminal\n").sp(*seg)("\nquit\n")
        else:
            t("! %s " % key).sp(*seg)("\n")
    t("!\nend\n")


def dom_mailcfg(r, lang, t, items, neg):
    t("# /etc/postfix/main.cf excerpt\nrelayhost = [smtp.%s]:587\nsmtp_sasl_auth_enable = yes\nsmtp_sasl_password_maps = hash:/etc/postfix/sasl_passwd\n" % r.choice(["relay.fastmail.it", "mx.register.it", "aruba.it"]))
    for x in neg:
        t("# " + x + "\n")
    for typ, seg, key in items:
        if typ == "PASSWORD":
            if r.random() < .5:
                t("# /etc/postfix/sasl_passwd\n[smtp.relay.it]:587 %s:" % r.choice(V.USERS)).sp(*seg)("\n")
            else:
                t("# /etc/dovecot/users\n%s:{PLAIN}" % r.choice(V.USERS)).sp(*seg)(":5000:5000::/home/vmail::\n")
        elif typ == "IP_ADDRESS":
            t("mynetworks = ").sp(*seg)("\n")
        elif typ == "EMAIL":
            t("virtual_alias: postmaster ").sp(*seg)("\n")
        elif typ == "PRIVATE_KEY":
            t("# smtpd_tls_key_file contents:\n").sp(*seg)("\n")
        else:
            t("# %s = " % key).sp(*seg)("\n")


def dom_mailhdr(r, lang, t, items, neg):
    nm = V.name(r)
    t("Return-Path: <").sp("EMAIL", "bounce-%d@mailer.%s" % (r.randint(1000, 9999), r.choice(["newsletter.it", "notify-mail.net"])))(">\nReceived: from mx%d.%s (mx%d.%s [" % (r.randint(1, 9), "relay.it", r.randint(1, 9), "relay.it"))
    t.sp("IP_ADDRESS", *(lambda v: (v, v))(V.ipv4(r)))
    t("])\n\tby mail.%s with ESMTPS id %s\n\tfor <" % (r.choice(["azienda.it", "corp.lan"]), V.rs(r, V.AN, 12))).sp("EMAIL", "%s@%s" % (r.choice(["inbox", "ufficio.acquisti", "l.greco"]), r.choice(["azienda.it", "studio-conti.it"])))(">; Thu, %d Nov 2026 %02d:%02d:%02d +0100\n" % (r.randint(1, 28), r.randint(0, 23), r.randint(0, 59), r.randint(0, 59)))
    t("Message-ID: <%s@mailer.local>\nSubject: %s\nMIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\n\n" % (uuid.UUID(int=r.getrandbits(128)), r.choice(["Re: accesso", "Fwd: credenziali", "Your order", "Pratica"])))
    for x in neg:
        t(x + "\n")
    for typ, seg, key in items:
        seg_sentence(r, lang, typ, seg, t)
        t("\n")


NET_DOMAINS = [dom_syslog, dom_winevent, dom_router, dom_mailcfg, dom_mailhdr]

# ----- document domains -----
DOCS = {
    "en": [("HR onboarding", "Welcome aboard! Before your first day on %s we need a few details for payroll and IT access.", "Best regards,\nPeople Team"),
           ("Expense report", "Expense report for the Milan trip, week %s. Receipts attached.", "Submitted for approval."),
           ("Shipping notification", "Your parcel has shipped and should arrive by %s.", "Thank you for shopping with us."),
           ("Airline booking", "Booking confirmed. Flight AZ%s departs %s.", "Check-in opens 24h before departure."),
           ("Hotel reservation", "Your reservation at Hotel Laguna is confirmed for %s, 2 nights.", "We look forward to welcoming you."),
           ("Security incident report", "Incident IR-%s: summary of the events detected on %s.", "Next steps: rotate, revoke, monitor."),
           ("Pentest report", "Finding PT-%s (severity: high), observed during testing on %s.", "Recommendation: remove secrets from client bundles."),
           ("Bug bounty submission", "Report #%s: sensitive data exposure, discovered %s.", "Impact: account takeover."),
           ("Board minutes", "Minutes of the board meeting held on %s.", "The meeting was adjourned at 18:40."),
           ("M&A memo", "Project Heron - preliminary memo dated %s.", "Distribution limited to the deal team."),
           ("Due diligence checklist", "DD checklist item %s, updated %s.", "Status: open."),
           ("Press release", "FOR RELEASE ON %s. NorthRiver announces a new plant.", "Media contact below."),
           ("Real-estate listing", "Bright 3-room flat in Bologna, listing %s, available from %s.", "Viewings by appointment."),
           ("Translation request", "Translate into Italian, keep the formatting (%s, %s):", ""),
           ("Summarisation request", "Summarise the following document in 5 bullet points (received %s, %s):", "")],
    "it": [("Reclamo", "Oggetto: reclamo formale relativo alla pratica %s del %s.", "Distinti saluti."),
           ("PEC", "Messaggio di posta certificata. Il giorno %s alle %s il messaggio è stato spedito.", "Il gestore di posta certificata."),
           ("Contabile bonifico", "Contabile di bonifico SEPA, CRO %s, data esecuzione %s.", "Operazione eseguita."),
           ("Domanda", "Il/la sottoscritto/a presenta domanda di partecipazione al bando %s del %s.", "Firma ____________"),
           ("Autocertificazione", "Dichiarazione sostitutiva di certificazione (art. 46 D.P.R. 445/2000), %s, %s.", "Letto, confermato e sottoscritto."),
           ("Modello F24", "Modello F24 - delega irrevocabile, codice tributo %s, scadenza %s.", "Saldo finale come da prospetto."),
           ("730/CU", "Certificazione Unica %s, dati del percipiente aggiornati al %s.", "Il sostituto d'imposta."),
           ("Contratto di locazione", "Contratto di locazione ad uso abitativo (L. 431/1998), rep. %s, decorrenza %s.", "Letto e sottoscritto dalle parti."),
           ("Certificato medico", "Certificato medico di malattia INPS n. %s, prognosi fino al %s.", "Il medico curante."),
           ("Iscrizione scolastica", "Domanda di iscrizione alla classe prima, a.s. %s, presentata il %s.", "La segreteria didattica."),
           ("Denuncia", "Verbale di ricezione di denuncia, prot. %s, redatto il %s.", "L'ufficiale di polizia giudiziaria."),
           ("Nota spese", "Nota spese trasferta Roma, rif. %s, periodo %s.", "Si allegano gli scontrini."),
           ("Annuncio immobiliare", "Vendesi trilocale in centro, rif. annuncio %s, libero dal %s.", "Classe energetica C."),
           ("Traduzione", "Traduci in inglese il testo seguente (rif. %s, %s):", ""),
           ("Riassunto", "Riassumi questo documento in 5 punti (ricevuto il %s, ore %s):", ""),
           ("Verbale CdA", "Verbale della riunione del Consiglio di Amministrazione del %s, ore %s.", "La seduta è tolta alle 18:40.")]}


def dom_doc(r, lang, t, items, neg, mk=None):
    title, intro, outro = r.choice(DOCS[lang])
    if mk is not None:
        t.sp(*mk)
        t("\n")
    t(title + "\n\n")
    n = intro.count("%s")
    t(intro % tuple(("%d/%02d/%d" % (r.randint(1, 28), r.randint(1, 12), 2026)) if i else str(r.randint(1000, 99999)) for i in range(n)) + ("\n" if intro.endswith(":") else " "))
    for x in neg:
        t(x[0].upper() + x[1:] + ". ")
    t("\n")
    for typ, seg, key in items:
        if typ == "PRIVATE_KEY":
            t("\n").sp(*seg)("\n")
            continue
        s = r.choice(LAB[lang].get(typ, LAB[lang]["SECRET"]))
        a, b = s.split("{}")
        t(("- " if r.random() < .5 else "") + a[0].upper() + a[1:])
        t.sp(*seg)
        t(b + (".\n" if r.random() < .7 else "\n"))
    if outro:
        t("\n" + outro + "\n")


# ---------------- negatives ----------------
def neg_traps(r, lang):
    """hard-negative lines for code and docs: no sensitive data"""
    pool = [lambda: "aws_access_key_id = AKIAIOSFODNN7EXAMPLE  # docs sample",
            lambda: "password: ${DB_PASSWORD}", lambda: "DB_PASSWORD=<set-in-vault>", lambda: "api_key: \"{{ vault_api_key }}\"",
            lambda: "token = os.environ[\"GITHUB_TOKEN\"]", lambda: "OPENAI_API_KEY=sk-...your-key-here",
            lambda: "SLACK_BOT_TOKEN=xoxb-your-bot-token", lambda: "password_min_length: %d" % r.randint(8, 16),
            lambda: "PasswordAuthentication no", lambda: "card: %s  # fails Luhn" % V.card_bad(r) if False else "ref %s" % V.card_bad(r).replace(" ", "").replace("-", ""),
            lambda: "IBAN: %s" % V.iban_bad(r), lambda: "P.IVA %s" % V.piva_bad(r), lambda: "SSN %s" % V.ssn_bad(r),
            lambda: "C.F. %s" % (lambda c: c[:15] + ("A" if c[15] != "A" else "B"))(V.cf(r)),
            lambda: "git_sha = \"%s\"" % "".join(r.choice(V.HEX) for _ in range(40)),
            lambda: "image: registry.local/app@sha256:%s" % "".join(r.choice(V.HEX) for _ in range(64)),
            lambda: "\"lodash@%d.%d.%d\"" % (r.randint(1, 4), r.randint(0, 17), r.randint(0, 21)),
            lambda: "ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", lambda: "Authorization: Bearer <token>",
            lambda: "DATABASE_URL=postgres://app@localhost:5432/app", lambda: "mirror: https://repo1.maven.org/maven2/",
            lambda: "classification: TLP:CLEAR", lambda: "sample_uuid = %s" % uuid.UUID(int=r.getrandbits(128)),
            lambda: "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI%s deploy@ci" % V.rs(r, V.AN, 43),
            lambda: "-----BEGIN CERTIFICATE-----\n%s\n-----END CERTIFICATE-----" % base64.b64encode(bytes(r.getrandbits(8) for _ in range(96))).decode(),
            lambda: "keep the password confidential and rotate it every 90 days" if lang == "en" else "la password è personale e riservata: non comunicarla",
            lambda: "sk_test placeholders are rejected" if False else "build %d.%d.%d.%d" % (r.randint(10, 19), 0, r.randint(19000, 26999), r.randint(300, 9999))]
    return [r.choice(pool)() for _ in range(r.randint(1, 3))]


# ---------------- judgement cases ----------------
def judgement(r, lang, t):
    """returns tags; hand-picked ambiguous constructs with my best label"""
    k = r.randrange(12)
    if k == 0:
        t("snmp-server community ").sp("PASSWORD", "c0mm-" + V.rs(r, V.AN, 8))(" RO 10\n")
    elif k == 1:
        t("config system admin\n    edit \"admin\"\n        set password ENC SH2%s\n    next\nend\n" % V.rs(r, V.AN + "+/", 60))
    elif k == 2:
        t("STRIPE_SECRET_KEY=").sp("STRIPE_KEY", "sk_test_" + V.rs(r, V.AN, 24))("\n")
    elif k == 3:
        t("Use the test card 4111 1111 1111 1111 with any future expiry.\n" if lang == "en" else "Usa la carta di test 4242 4242 4242 4242 con qualsiasi scadenza.\n")
    elif k == 4:
        t("git remote add origin git@github.com:%s/%s.git\n" % (r.choice(["acme", "fabbrica"]), r.choice(["infra", "portale"])))
    elif k == 5:
        t("listen 127.0.0.1:8080; netmask 255.255.255.0\n")
    elif k == 6:
        t("admin_password: ").sp("PASSWORD", "changeme")("\n")
    elif k == 7:
        t.sp("CONFIDENTIAL_MARKER", "INTERNAL USE ONLY" if lang == "en" else "USO INTERNO")("\n" + ("Quarterly numbers follow.\n" if lang == "en" else "Seguono i numeri del trimestre.\n"))
    elif k == 8:
        t("P.IVA IT").sp("IT_VAT", V.piva(r))(" - sede legale Milano\n")
    elif k == 9:
        t("token: ").sp(None, V.github_bad(r))("  # revoked, checksum mismatch\n")
    elif k == 10:
        t("write to ").sp("EMAIL", "john.doe@example.com")(" for the demo\n")
    else:
        t("STRIPE_PUBLISHABLE_KEY=pk_live_%s\n" % V.rs(r, V.AN, 24))


# ---------------- case builder ----------------
def make_seg(r, typ, lang, ev=None):
    if typ == "CONFIDENTIAL_MARKER":
        v = V.marker(r, lang)
    elif typ == "IBAN" and lang == "it" and r.random() < .5:
        v = V.iban(r, "IT")
    else:
        v = V.GEN[typ](r)
    d = v
    if ev == "fw":
        d = V_fw = fullwidth(v, only_at=(typ == "EMAIL" and r.random() < .5))
    elif ev == "zw":
        d = zwsp(r, v)
    elif ev == "json":
        d = jesc(r, v)
    elif ev == "pct":
        d = pct(r, v, full=r.random() < .5)
    return (typ, d, v)


def b64_case(r, lang, t, typs):
    """value(s) inside a base64 blob of a larger text"""
    inner = T()
    inner(r.choice(["# exported settings\n", "Note interne\n", "backup of .config\n"]))
    for typ in typs:
        seg = make_seg(r, typ, lang)
        inner("%s=" % r.choice(KEYS.get(typ, ["marking"]))).sp(*seg)("\n")
    inner("timeout=30\n")
    itext, ispans = inner.build()
    blob = base64.b64encode(itext.encode()).decode()
    outer_pre = r.choice(["Content-Type: application/octet-stream; name=\"settings.bak\"\nContent-Transfer-Encoding: base64\n\n",
                          "$ echo '", "payload (base64): ", "--boundary42\nContent-Type: text/plain\nContent-Transfer-Encoding: base64\n\n"])
    t(("MIME-Version: 1.0\nSubject: backup\nContent-Type: multipart/mixed; boundary=\"boundary42\"\n\n" if "boundary42" in outer_pre else "") + outer_pre)
    pos = 0
    for sp in ispans:
        a = sp["start"] // 3 * 4
        b = min(len(blob), -(-sp["end"] // 3) * 4)
        t(blob[pos:a]).sp(sp["type"], blob[a:b], sp["_canon"])
        pos = b
    t(blob[pos:])
    t("' | base64 -d\n" if outer_pre == "$ echo '" else "\n")


def pick_items(r, primary, lang, code_ctx):
    typs = [primary]
    pool = [x for x in TYPES if x not in (primary, "CONFIDENTIAL_MARKER")]
    for _ in range(r.choice([0, 0, 1, 1, 2])):
        c = r.choice(pool)
        if c not in typs:
            typs.append(c)
    return typs


def make_case(r, cid, kind, primary, lang):
    t = T()
    tags = []
    neg = dist(r, lang) if kind != "neg" else dist(r, lang) + neg_traps(r, lang)
    if kind == "judgement":
        tags = ["judgement"]
        if r.random() < .5:
            t(r.choice(["Can you check this config line?\n", "Puoi controllare questa riga?\n", "From the change set:\n"]))
        judgement(r, lang, t)
        for x in dist(r, lang, 1):
            t(x + "\n")
    elif kind == "neg":
        tags = ["negative"]
        branch = r.random()
        if branch < .45:
            f, styles = r.choice(CODE_DOMAIN_FUNCS)
            f(r, lang, t, [], r.choice(styles), neg)
        elif branch < .6:
            r.choice(NET_DOMAINS[:4])(r, lang, t, [], neg)
        else:
            dom_doc(r, lang, t, [], neg)
    elif kind == "evasion":
        tags = ["evasion"]
        ev = r.choice(["fw", "zw", "json", "b64", "pct"])
        tags.append("evasion_" + ev)
        if ev == "b64":
            b64_case(r, lang, t, [primary] + ([r.choice(["PASSWORD", "EMAIL", "AWS_SECRET_KEY"])] if r.random() < .3 else []))
        elif ev == "json":
            seg = make_seg(r, primary, lang, "json")
            t(r.choice(["POST /api/v2/integrations HTTP/1.1\nContent-Type: application/json\n\n", "Why does this fixture fail to parse?\n\n", "const fixture = JSON.parse(`"]))
            t("{\"name\": \"%s\", \"%s\": \"" % (r.choice(["prod", "batch"]), r.choice(KEYS.get(primary, ["label"])))).sp(*seg)("\", \"enabled\": true}\n")
        elif ev == "pct":
            if primary == "PRIVATE_KEY":
                primary = "PASSWORD"
            seg = make_seg(r, primary, lang, "pct")
            if r.random() < .5:
                t("GET /callback?%s=" % r.choice(KEYS.get(primary, ["v"]))).sp(*seg)("&state=%s HTTP/1.1\nHost: app.interno.lan\n" % V.rs(r, V.AN, 12))
            else:
                t("POST /login HTTP/1.1\nContent-Type: application/x-www-form-urlencoded\n\nusername=%s&%s=" % (r.choice(V.USERS), r.choice(KEYS.get(primary, ["v"])))).sp(*seg)("&remember=1\n")
        else:
            if primary == "PRIVATE_KEY":
                primary = "AWS_SECRET_KEY"
            seg = make_seg(r, primary, lang, ev)
            if primary in PII or primary == "CONFIDENTIAL_MARKER":
                dom_doc(r, lang, t, [(primary, seg, "")] if primary != "CONFIDENTIAL_MARKER" else [], dist(r, lang, 1), mk=seg if primary == "CONFIDENTIAL_MARKER" else None)
            else:
                f, styles = r.choice(CODE_DOMAIN_FUNCS)
                f(r, lang, t, [(r.choice(KEYS[primary]), seg)], r.choice(styles), dist(r, lang, 1))
    else:
        typs = pick_items(r, primary, lang, None)
        mk = None
        if "CONFIDENTIAL_MARKER" in typs:
            typs.remove("CONFIDENTIAL_MARKER")
            mk = make_seg(r, "CONFIDENTIAL_MARKER", lang)
            if r.random() < .25:  # two markings joined by a dash
                mk2 = make_seg(r, "CONFIDENTIAL_MARKER", lang)
                if mk2[2] != mk[2]:
                    t.sp(*mk)(" - ").sp(*mk2)("\n")
                    mk = None
            if not typs:
                typs = [r.choice(sorted(PII | SECRET - {"PRIVATE_KEY"}))]
        segs = [(typ, make_seg(r, typ, lang), r.choice(KEYS[typ])) for typ in typs]
        nsec = sum(1 for x in typs if x in SECRET)
        branch = r.random()
        if nsec * 2 >= len(typs) and branch < .7 or branch < .3:
            f, styles = r.choice(CODE_DOMAIN_FUNCS)
            style = r.choice(styles)
            if mk is not None:
                t({"yaml": "# ", "props": "# ", "py": "# ", "sh": "# ", "make": "# ", "ps": "# ", "sql": "-- ", "xml": "<!-- "}.get(style, "// ")).sp(*mk)("\n")
            f(r, lang, t, [(k, s) for _, s, k in segs], style, neg)
        elif branch < .85 and not mk:
            r.choice(NET_DOMAINS)(r, lang, t, segs, neg)
        else:
            dom_doc(r, lang, t, segs, neg, mk=mk)
    text, spans = t.build()
    return {"id": cid, "lang": lang, "text": text, "findings": spans, "tags": tags}


def main():
    seed, n, out = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
    r = random.Random(seed)
    n_neg, n_ev, n_j = round(n * .28), round(n * .13), round(n * .035)
    kinds = ["neg"] * n_neg + ["evasion"] * n_ev + ["judgement"] * n_j
    kinds += ["pos"] * (n - len(kinds))
    r.shuffle(kinds)
    pi = ei = 0
    with open(out, "w") as f:
        for i, k in enumerate(kinds):
            lang = "it" if r.random() < .5 else "en"
            prim = None
            if k == "pos":
                prim = TYPES[pi % len(TYPES)]
                pi += 1
            elif k == "evasion":
                prim = TYPES[ei % len(TYPES)]
                ei += 1
            c = make_case(r, "a8s%d-%04d" % (seed, i), k, prim, lang)
            if k == "judgement" and not c["findings"] and "negative" not in c["tags"]:
                c["tags"].append("negative")
            f.write(json.dumps(c, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
