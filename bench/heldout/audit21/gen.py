#!/usr/bin/env python3
"""audit21 — a third sibling of the development corpus, written by a new hand.

  gen.py SEED N OUT.jsonl

Short staff requests to an LLM pasting a fragment (config, code line, CSV row, e-mail, log line),
EN/IT, in dev.jsonl's proportions: ~43 % negatives (hard negatives: checksum failures, placeholders,
UUIDs, hashes, versions, dates, prices, order numbers), ~18 % distractors (a positive request
followed by a negative one), ~2 % evasions, ~3 % judgement cases (tag "judgement", reason in meta).
Spans are UTF-8 byte offsets of the bare value, as in dev.jsonl. Standard library only; every value
is fabricated at run time from the seed with ../audit16/values.py.
"""
import importlib.util, json, os, random, re, sys, unicodedata, urllib.parse

_here = os.path.dirname(os.path.abspath(__file__))
_spec = importlib.util.spec_from_file_location("a16values", os.path.join(_here, "..", "audit16", "values.py"))
V = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(V)

DG, UP, LO, AN = V.DG, V.UP, V.LO, V.AN


# ------------------------------------------------------------------ evasions
ZW = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff"]


def fullwidth(s, only_at=False):
    out = []
    for c in s:
        if c == "@":
            out.append("\uff20")
        elif not only_at and c.isdigit():
            out.append(chr(0xFF10 + int(c)))
        else:
            out.append(c)
    return "".join(out)


def zerowidth(r, s):
    i = r.randint(3, len(s) - 3)
    while not s[i - 1].isalnum() or not s[i].isalnum():
        i = r.randint(3, len(s) - 3)
    return s[:i] + r.choice(ZW) + s[i:]


def json_escape(r, s):
    if "@" in s:
        return s.replace("@", "\\u0040")
    i = r.randint(4, len(s) - 2)
    return s[:i] + "\\u%04x" % ord(s[i]) + s[i + 1:]


def pct(s):
    return s.replace("@", "%40").replace("+", "%2B")


def unevade(s):
    s = re.sub(r"\\u([0-9a-fA-F]{4})", lambda m: chr(int(m.group(1), 16)), s)
    s = urllib.parse.unquote(s)
    s = unicodedata.normalize("NFKC", s)
    return "".join(c for c in s if unicodedata.category(c) != "Cf")


# ------------------------------------------------------------------ value makers
def mk(r, typ, **kw):
    if typ == "EMAIL":
        return V.email_make(r, domain=kw.get("domain"))
    if typ == "PHONE":
        return V.phone_make(r, kw.get("region"))
    if typ == "CREDIT_CARD":
        b = kw.get("brand") or r.choice(["visa", "visa", "visa", "mc", "mc", "mc2", "amex", "discover", "jcb", "diners"])
        return V.card_format(r, V.card_digits(r, b), b, kw.get("style"))
    if typ == "IBAN":
        c = kw.get("country") or r.choice(["IT"] * 6 + ["DE", "FR", "ES", "NL", "GB", "CH", "BE", "AT", "PT", "IE", "LU"])
        return V.iban_format(r, V.iban_make(r, c), kw.get("style") or r.choice(["space", "space", "compact", "compact", "compact"]))
    if typ == "IT_FISCAL_CODE":
        return V.cf_make(r, omocodia=r.choice([0] * 9 + [1, 2]))
    if typ == "IT_VAT":
        return V.piva_make(r)
    if typ == "US_SSN":
        return V.ssn_make(r)
    if typ == "IP_ADDRESS":
        if kw.get("v6") or (kw.get("v6") is None and r.random() < 0.2):
            return V.ipv6_make(r)
        return V.ipv4_make(r)
    if typ == "AWS_ACCESS_KEY":
        return V.aws_akid(r)
    if typ == "AWS_SECRET_KEY":
        return V.aws_secret(r)
    if typ == "GITHUB_TOKEN":
        return V.gh_fine_grained(r) if r.random() < 0.15 else V.gh_make(r)
    if typ == "GITLAB_TOKEN":
        return V.gitlab_token(r, r.choice(["pat"] * 6 + ["pat_routable", "rt", "dt", "ptt", "rrt"]))
    if typ == "SLACK_TOKEN":
        return V.slack_token(r, r.choice(["xoxb", "xoxb", "xoxp", "xoxp", "xoxp4", "xapp"]))
    if typ == "SLACK_WEBHOOK":
        return V.slack_webhook(r)
    if typ == "STRIPE_KEY":
        return V.stripe_key(r)
    if typ == "OPENAI_KEY":
        return V.openai_key(r)
    if typ == "ANTHROPIC_KEY":
        return V.anthropic_key(r)
    if typ == "GOOGLE_API_KEY":
        return V.google_key(r)
    if typ == "JWT":
        return V.jwt_make(r)
    if typ == "PRIVATE_KEY":
        return V.pem_make(r, nlines=r.randint(3, 6))
    if typ == "PASSWORD":
        return V.password_make(r)
    if typ == "CREDENTIAL_URL":
        return cred_url(r)
    if typ == "CONFIDENTIAL_MARKER":
        return r.choice(kw.get("markers") or MARKERS)
    raise ValueError(typ)


MARKERS = ["CONFIDENTIAL", "STRICTLY CONFIDENTIAL", "INTERNAL USE ONLY", "TLP:RED", "TLP:AMBER",
           "RISERVATO", "STRETTAMENTE RISERVATO", "USO INTERNO", "CONFIDENZIALE", "TLP:AMBER+STRICT"]
MARKERS_EN = ["CONFIDENTIAL", "STRICTLY CONFIDENTIAL", "INTERNAL USE ONLY", "TLP:RED", "TLP:AMBER"]
MARKERS_IT = ["RISERVATO", "STRETTAMENTE RISERVATO", "USO INTERNO", "CONFIDENZIALE", "TLP:AMBER"]


def url_pass(r):
    return V.rs(r, AN, r.randint(8, 14)) + r.choice(["", "!", "*", "~", "-", "_", "%21"]) + V.rs(r, AN, r.randint(0, 4))


def cred_url(r):
    scheme = r.choice(["postgresql", "postgres", "mysql", "mongodb", "mongodb+srv", "redis", "amqp", "mssql", "ftp", "sftp", "https"])
    user = r.choice(["etl", "billing_rw", "svc-crm", "app", "admin", "backup", "grafana", "deploy", "mqadmin", "readonly"])
    host = r.choice(["db-prod-02.internal", "pg.eu-west-1.rds.amazonaws.com", "10.12.4.7", "cluster1.x7kq2.mongodb.net",
                     "cache.lan", "rabbit.ops.local", "sql01.contoso.lan", "files.partner-logistica.it", "nexus.build.local"])
    port = {"postgresql": 5432, "postgres": 5432, "mysql": 3306, "mongodb": 27017, "mongodb+srv": None, "redis": 6379,
            "amqp": 5672, "mssql": 1433, "ftp": 21, "sftp": 22, "https": 8443}[scheme]
    path = r.choice(["/orders", "/ledger", "/analytics?sslmode=require", "/0", "/vhost", "/", "/inbox", "/repository/raw"])
    hp = host + (":%d" % port if port and r.random() < 0.7 else "")
    return "%s://%s:%s@%s%s" % (scheme, user, url_pass(r), hp, path)


# ------------------------------------------------------------------ small fillers
def name(r):
    f, l = V.person(r)
    return f + " " + l


def price(r, it=False):
    v = r.randint(12, 98000) + r.randint(0, 99) / 100
    if it:
        s = "{:,.2f}".format(v).replace(",", "X").replace(".", ",").replace("X", ".")
        return "€ " + s
    return "$" + "{:,.2f}".format(v)


def date(r):
    return "%d-%02d-%02d" % (r.randint(2019, 2027), r.randint(1, 12), r.randint(1, 28))


def date_it(r):
    return "%02d/%02d/%d" % (r.randint(1, 28), r.randint(1, 12), r.randint(2019, 2027))


def ver(r):
    return "%d.%d.%d" % (r.randint(0, 24), r.randint(0, 40), r.randint(0, 99))


def hexs(r, n):
    return V.hexs(r, n)


def ordno(r):
    return r.choice(["PO-", "SO-", "INV-", "ORD", "#", "RMA-", "TCK-"]) + str(r.randint(10000, 999999))


# ------------------------------------------------------------------ builder
class B:
    def __init__(self, lang):
        self.lang = lang
        self.parts = []  # str or (typ, value)
        self.tags = []

    def __call__(self, *items):
        for it in items:
            self.parts.append(it)
        return self


def L(typ, value):
    return (typ, value)


def render(parts):
    text, finds, pos = "", [], 0
    for p in parts:
        if isinstance(p, tuple):
            typ, val = p
            b = len(text.encode("utf-8"))
            text += val
            finds.append({"type": typ, "start": b, "end": b + len(val.encode("utf-8")), "value": val})
        else:
            text += p
    return text, finds


# ------------------------------------------------------------------ positive templates
# each: (lang, types, fn(r, ev) -> parts); ev(typ, value) applies the case's evasion (identity by default)
POS = []


def pos(lang, *types):
    def deco(fn):
        POS.append((lang, types, fn))
        return fn
    return deco


@pos("en", "EMAIL", "PHONE")
def _(r, ev):
    return ["Draft a short apology to ", L("EMAIL", ev("EMAIL", mk(r, "EMAIL"))), "; she called twice from ",
            L("PHONE", ev("PHONE", mk(r, "PHONE"))), " about the late delivery."]


@pos("en", "EMAIL", "PHONE")
def _(r, ev):
    f, l = V.person(r)
    return ["Clean up this row before I import it into HubSpot:\nid;full_name;mail;mobile\n%d;%s %s;" % (r.randint(100, 9999), f, l),
            L("EMAIL", ev("EMAIL", V.email_make(r, f, l))), ";", L("PHONE", ev("PHONE", mk(r, "PHONE"))), "\n"]


@pos("en", "EMAIL")
def _(r, ev):
    return [r.choice(["Make this out-of-office message sound friendlier: \"I'm away until Monday, for urgent matters write to ",
                      "Rewrite this signature so it fits on two lines: \"Head of Procurement | "]),
            L("EMAIL", ev("EMAIL", mk(r, "EMAIL"))), "\""]


@pos("en", "EMAIL", "IP_ADDRESS")
def _(r, ev):
    return ["[%s %02d:%02d:%02d] WARN auth: too many failed logins user=" % (date(r), r.randint(0, 23), r.randint(0, 59), r.randint(0, 59)),
            L("EMAIL", ev("EMAIL", mk(r, "EMAIL"))), " src=", L("IP_ADDRESS", mk(r, "IP_ADDRESS", v6=False)),
            "\nIs this a brute-force attempt?"]


@pos("en", "IP_ADDRESS")
def _(r, ev):
    return [L("IP_ADDRESS", mk(r, "IP_ADDRESS", v6=False)),
            " - - [%02d/Mar/2025:%02d:14:55 +0000] \"POST /api/v2/login HTTP/1.1\" 401 %d\nWhy are we getting hundreds of these per minute?" % (
                r.randint(1, 28), r.randint(0, 23), r.randint(100, 999))]


@pos("en", "IP_ADDRESS")
def _(r, ev):
    return ["nftables keeps dropping traffic from ", L("IP_ADDRESS", mk(r, "IP_ADDRESS", v6=True)),
            " on port 443. How do I allow just that host?"]


@pos("en", "IBAN", "IT_VAT")
def _(r, ev):
    return ["Set up the new supplier in SAP. Bank details: IBAN ", L("IBAN", ev("IBAN", mk(r, "IBAN"))),
            ", VAT no. IT", L("IT_VAT", mk(r, "IT_VAT")), ". Which fields are mandatory?"]


@pos("en", "IBAN")
def _(r, ev):
    return ["Write a polite e-mail asking the client to pay invoice %s (%s) by wire to " % (ordno(r), price(r)),
            L("IBAN", ev("IBAN", mk(r, "IBAN"))), "."]


@pos("en", "CREDIT_CARD")
def _(r, ev):
    return ["Refund %s to the card " % price(r), L("CREDIT_CARD", ev("CREDIT_CARD", mk(r, "CREDIT_CARD"))),
            " used on order %s and write the note for accounting." % ordno(r)]


@pos("en", "CREDIT_CARD", "EMAIL")
def _(r, ev):
    return ["Why does pandas read this as float?\ntxn_id,customer,pan,amount\n%d," % r.randint(10 ** 5, 10 ** 6),
            L("EMAIL", ev("EMAIL", mk(r, "EMAIL"))), ",", L("CREDIT_CARD", ev("CREDIT_CARD", mk(r, "CREDIT_CARD", style="compact"))),
            ",%d.%02d\n" % (r.randint(5, 900), r.randint(0, 99))]


@pos("en", "US_SSN")
def _(r, ev):
    return ["Our payroll export has a broken column, can you fix the CSV?\nemployee,ssn,start_date\n%s," % name(r),
            L("US_SSN", ev("US_SSN", mk(r, "US_SSN"))), ",%s\n" % date(r)]


@pos("en", "US_SSN", "PHONE")
def _(r, ev):
    return ["Fill in the rest of this W-4 summary for %s: SSN " % name(r), L("US_SSN", ev("US_SSN", mk(r, "US_SSN"))),
            ", daytime phone ", L("PHONE", ev("PHONE", mk(r, "PHONE", region="us"))), "."]


@pos("en", "AWS_ACCESS_KEY", "AWS_SECRET_KEY")
def _(r, ev):
    return ["terraform plan says the security token is invalid:\n```hcl\nprovider \"aws\" {\n  region     = \"eu-south-1\"\n  access_key = \"",
            L("AWS_ACCESS_KEY", ev("AWS_ACCESS_KEY", mk(r, "AWS_ACCESS_KEY"))), "\"\n  secret_key = \"",
            L("AWS_SECRET_KEY", mk(r, "AWS_SECRET_KEY")), "\"\n}\n```"]


@pos("en", "AWS_ACCESS_KEY", "AWS_SECRET_KEY")
def _(r, ev):
    return ["Which profile is picked up here? ~/.aws/credentials:\n[%s]\naws_access_key_id = " % r.choice(["default", "prod", "backup"]),
            L("AWS_ACCESS_KEY", ev("AWS_ACCESS_KEY", mk(r, "AWS_ACCESS_KEY"))), "\naws_secret_access_key = ",
            L("AWS_SECRET_KEY", mk(r, "AWS_SECRET_KEY")), "\n"]


@pos("en", "AWS_ACCESS_KEY", "AWS_SECRET_KEY")
def _(r, ev):
    return ["The pod can't reach S3, is this Secret right?\nstringData:\n  AWS_ACCESS_KEY_ID: ",
            L("AWS_ACCESS_KEY", ev("AWS_ACCESS_KEY", mk(r, "AWS_ACCESS_KEY"))), "\n  AWS_SECRET_ACCESS_KEY: ",
            L("AWS_SECRET_KEY", mk(r, "AWS_SECRET_KEY")), "\n"]


@pos("en", "GITHUB_TOKEN")
def _(r, ev):
    return ["git push fails with 403 although I ran `export GITHUB_TOKEN=", L("GITHUB_TOKEN", ev("GITHUB_TOKEN", mk(r, "GITHUB_TOKEN"))),
            "` — is the scope wrong?"]


@pos("en", "GITHUB_TOKEN")
def _(r, ev):
    return ["npm install can't fetch our private package. My .npmrc:\n@acme:registry=https://npm.pkg.github.com\n//npm.pkg.github.com/:_authToken=",
            L("GITHUB_TOKEN", ev("GITHUB_TOKEN", mk(r, "GITHUB_TOKEN"))), "\n"]


@pos("en", "GITLAB_TOKEN")
def _(r, ev):
    return ["The runner prints `unauthorized: HTTP Basic: Access denied` on `docker login -u ci -p ",
            L("GITLAB_TOKEN", ev("GITLAB_TOKEN", mk(r, "GITLAB_TOKEN"))), " registry.gitlab.com`. Any idea?"]


@pos("en", "GITLAB_TOKEN")
def _(r, ev):
    return ["Why does this return 404 instead of the project list?\ncurl --header \"PRIVATE-TOKEN: ",
            L("GITLAB_TOKEN", ev("GITLAB_TOKEN", mk(r, "GITLAB_TOKEN"))), "\" https://gitlab.example.org/api/v4/projects"]


@pos("en", "SLACK_TOKEN")
def _(r, ev):
    return ["Our reminder bot answers `not_in_channel`:\nconst web = new WebClient('", L("SLACK_TOKEN", ev("SLACK_TOKEN", mk(r, "SLACK_TOKEN"))),
            "');\nawait web.chat.postMessage({ channel: 'C0%s', text: 'standup in 5' });" % V.rs(r, UP + DG, 8)]


@pos("en", "SLACK_WEBHOOK")
def _(r, ev):
    return ["This returns invalid_payload, what's wrong with the JSON?\ncurl -X POST -H 'Content-type: application/json' --data '{\"text\":deploy done}' ",
            L("SLACK_WEBHOOK", mk(r, "SLACK_WEBHOOK"))]


@pos("en", "SLACK_WEBHOOK")
def _(r, ev):
    return ["Alertmanager config review:\nreceivers:\n- name: oncall\n  slack_configs:\n  - api_url: ", L("SLACK_WEBHOOK", mk(r, "SLACK_WEBHOOK")),
            "\n    channel: '#alerts'\n"]


@pos("en", "STRIPE_KEY")
def _(r, ev):
    return ["Charges fail with 'No such customer' in production:\nstripe.api_key = \"", L("STRIPE_KEY", ev("STRIPE_KEY", mk(r, "STRIPE_KEY"))),
            "\"\nstripe.Charge.create(amount=%d, currency='eur', customer='cus_%s')" % (r.randint(100, 99999), V.rs(r, AN, 14))]


@pos("en", "OPENAI_KEY")
def _(r, ev):
    return ["Getting 429 insufficient_quota with a fresh key, why?\nclient = OpenAI(api_key=\"", L("OPENAI_KEY", ev("OPENAI_KEY", mk(r, "OPENAI_KEY"))),
            "\")"]


@pos("en", "ANTHROPIC_KEY")
def _(r, ev):
    return ["The SDK says authentication_error even though my .env has\nANTHROPIC_API_KEY=", L("ANTHROPIC_KEY", ev("ANTHROPIC_KEY", mk(r, "ANTHROPIC_KEY"))),
            "\nDoes dotenv need quotes?"]


@pos("en", "GOOGLE_API_KEY")
def _(r, ev):
    return ["The map stays grey:\n<script src=\"https://maps.googleapis.com/maps/api/js?key=", L("GOOGLE_API_KEY", ev("GOOGLE_API_KEY", mk(r, "GOOGLE_API_KEY"))),
            "&callback=initMap\" async></script>"]


@pos("en", "GOOGLE_API_KEY")
def _(r, ev):
    return ["Firebase init throws auth/invalid-api-key:\nconst firebaseConfig = { apiKey: \"", L("GOOGLE_API_KEY", ev("GOOGLE_API_KEY", mk(r, "GOOGLE_API_KEY"))),
            "\", projectId: \"shop-%s\" };" % V.rs(r, LO + DG, 5)]


@pos("en", "JWT")
def _(r, ev):
    return ["This session expires way too early, what's in it? ", L("JWT", mk(r, "JWT"))]


@pos("en", "JWT")
def _(r, ev):
    return ["The API gateway rejects my request:\nGET /v1/orders HTTP/1.1\nHost: api.internal\nAuthorization: Bearer ", L("JWT", mk(r, "JWT")),
            "\nWhich claim is missing?"]


@pos("en", "PRIVATE_KEY")
def _(r, ev):
    return ["Our deploy key stopped working after the rotation, is the format wrong?\n", L("PRIVATE_KEY", mk(r, "PRIVATE_KEY")), "\n"]


@pos("en", "PRIVATE_KEY")
def _(r, ev):
    return ["nginx says `PEM_read_bio_PrivateKey() failed`. This is server.key:\n", L("PRIVATE_KEY", mk(r, "PRIVATE_KEY")),
            "\nand ssl_certificate points to the chain."]


@pos("en", "CREDENTIAL_URL")
def _(r, ev):
    return ["SQLAlchemy raises OperationalError on startup:\nengine = create_engine(\"", L("CREDENTIAL_URL", mk(r, "CREDENTIAL_URL")), "\")"]


@pos("en", "CREDENTIAL_URL", "PASSWORD")
def _(r, ev):
    return ["docker compose up fails on the worker service:\n  worker:\n    environment:\n      BROKER_URL: ",
            L("CREDENTIAL_URL", mk(r, "CREDENTIAL_URL")), "\n      SMTP_PASSWORD: ", L("PASSWORD", mk(r, "PASSWORD")), "\n"]


@pos("en", "PASSWORD")
def _(r, ev):
    return ["Reword this for a new hire: 'Your temporary password is ", L("PASSWORD", mk(r, "PASSWORD")),
            " — please change it the first time you log in.'"]


@pos("en", "PASSWORD")
def _(r, ev):
    return ["Spring Boot won't connect to the database:\nspring.datasource.url=jdbc:postgresql://db:5432/hr\nspring.datasource.username=hr_app\nspring.datasource.password=",
            L("PASSWORD", mk(r, "PASSWORD")), "\n"]


@pos("en", "CONFIDENTIAL_MARKER")
def _(r, ev):
    return ["Turn this into five bullet points for the all-hands.\nSubject: [", L("CONFIDENTIAL_MARKER", mk(r, "CONFIDENTIAL_MARKER", markers=MARKERS_EN)),
            "] Reorganisation of the EMEA sales team"]


@pos("en", "CONFIDENTIAL_MARKER")
def _(r, ev):
    return ["The first page of the PDF is stamped ", L("CONFIDENTIAL_MARKER", mk(r, "CONFIDENTIAL_MARKER", markers=MARKERS_EN)),
            ". Please pull out the action items from the minutes below."]


@pos("en", "EMAIL", "CREDENTIAL_URL")
def _(r, ev):
    return ["Our nightly job mails ", L("EMAIL", ev("EMAIL", mk(r, "EMAIL"))), " when it fails. Here is the connection it uses: ",
            L("CREDENTIAL_URL", mk(r, "CREDENTIAL_URL")), " — why would it time out only at night?"]


@pos("en", "PHONE")
def _(r, ev):
    return ["Add the on-call number ", L("PHONE", ev("PHONE", mk(r, "PHONE", region=r.choice(["uk", "de", "fr", "ch", "es", "us"])))),
            " to the incident runbook and rewrite the escalation section."]


# ---- Italian
@pos("it", "EMAIL", "PHONE")
def _(r, ev):
    return ["Rispondi alla signora %s (email " % V.person(r)[1], L("EMAIL", ev("EMAIL", mk(r, "EMAIL"))), ", cell. ",
            L("PHONE", ev("PHONE", mk(r, "PHONE", region="it_mob"))), "): il tecnico passerà lunedì mattina."]


@pos("it", "IT_FISCAL_CODE", "IT_VAT")
def _(r, ev):
    return ["Compila l'intestazione della fattura: cliente %s, C.F. " % name(r), L("IT_FISCAL_CODE", ev("IT_FISCAL_CODE", mk(r, "IT_FISCAL_CODE"))),
            ", P.IVA ", L("IT_VAT", mk(r, "IT_VAT")), "."]


@pos("it", "IBAN")
def _(r, ev):
    return ["Mi prepari il testo del bonifico? Beneficiario %s Srl, IBAN " % V.person(r)[1], L("IBAN", ev("IBAN", mk(r, "IBAN", country="IT"))),
            ", causale saldo fattura %d/%d." % (r.randint(1, 400), r.randint(2021, 2026))]


@pos("it", "IT_FISCAL_CODE", "IBAN")
def _(r, ev):
    return ["Nel cedolino il dipendente ha codice fiscale ", L("IT_FISCAL_CODE", ev("IT_FISCAL_CODE", mk(r, "IT_FISCAL_CODE"))),
            " e l'accredito va sull'IBAN ", L("IBAN", ev("IBAN", mk(r, "IBAN", country="IT"))), ". Scrivi la comunicazione all'ufficio paghe."]


@pos("it", "EMAIL")
def _(r, ev):
    return ["Ho ricevuto una PEC da ", L("EMAIL", ev("EMAIL", mk(r, "EMAIL", domain=r.choice(["legalmail.it", "pec.it", "postecert.it", "arubapec.it"])))),
            " che contesta la fattura: mi aiuti a rispondere in modo formale?"]


@pos("it", "PHONE")
def _(r, ev):
    return ["Scrivimi un promemoria: richiamare il fornitore al ", L("PHONE", ev("PHONE", mk(r, "PHONE", region=r.choice(["it_mob", "it_land"])))),
            " per la consegna dei bancali."]


@pos("it", "PASSWORD")
def _(r, ev):
    return ["La password del wifi ospiti è ", L("PASSWORD", mk(r, "PASSWORD")), ": scrivi un cartello da appendere in reception."]


@pos("it", "PASSWORD")
def _(r, ev):
    return ["Perché il backup non parte? Nel file di configurazione ho:\n[nas]\nutente = backup\npassword = ", L("PASSWORD", mk(r, "PASSWORD")), "\n"]


@pos("it", "CONFIDENTIAL_MARKER")
def _(r, ev):
    return ["Il verbale è classificato ", L("CONFIDENTIAL_MARKER", mk(r, "CONFIDENTIAL_MARKER", markers=MARKERS_IT)),
            ": riassumi le decisioni del consiglio in tre righe."]


@pos("it", "CREDIT_CARD")
def _(r, ev):
    return ["La carta aziendale ", L("CREDIT_CARD", ev("CREDIT_CARD", mk(r, "CREDIT_CARD"))),
            " è stata clonata: scrivi la richiesta di blocco alla banca."]


@pos("it", "EMAIL", "IP_ADDRESS")
def _(r, ev):
    return ["Nel log del firewall vedo: login fallito per ", L("EMAIL", ev("EMAIL", mk(r, "EMAIL"))), " da ",
            L("IP_ADDRESS", mk(r, "IP_ADDRESS")), ". Cosa devo controllare?"]


@pos("it", "IT_VAT")
def _(r, ev):
    return ["Il cliente con partita IVA ", L("IT_VAT", mk(r, "IT_VAT")), " chiede una nota di credito di %s: scrivi la mail." % price(r, True)]


@pos("it", "IT_FISCAL_CODE")
def _(r, ev):
    return ["Traduci in inglese: \"Il sottoscritto %s, codice fiscale " % name(r), L("IT_FISCAL_CODE", ev("IT_FISCAL_CODE", mk(r, "IT_FISCAL_CODE"))),
            ", dichiara di aver ricevuto la merce.\""]


@pos("it", "GITLAB_TOKEN")
def _(r, ev):
    return ["Nel .gitlab-ci.yml ho messo GITLAB_TOKEN: ", L("GITLAB_TOKEN", ev("GITLAB_TOKEN", mk(r, "GITLAB_TOKEN"))),
            " ma il job di release fallisce con 401, perché?"]


@pos("it", "PHONE", "EMAIL")
def _(r, ev):
    return ["Aggiungi alla firma il centralino ", L("PHONE", ev("PHONE", mk(r, "PHONE", region="it_land"))), " e l'indirizzo ",
            L("EMAIL", ev("EMAIL", mk(r, "EMAIL"))), ", poi accorciala."]


@pos("it", "IT_VAT", "IBAN")
def _(r, ev):
    return ["Anagrafica fornitore da inserire: Ragione sociale Edil %s snc; P. IVA " % V.person(r)[1], L("IT_VAT", mk(r, "IT_VAT")),
            "; IBAN ", L("IBAN", ev("IBAN", mk(r, "IBAN", country="IT"))), ". Controlla che non manchi nulla."]


@pos("it", "CREDENTIAL_URL")
def _(r, ev):
    return ["Il servizio non si avvia, nel log c'è: connection refused for ", L("CREDENTIAL_URL", mk(r, "CREDENTIAL_URL")), ". Da dove comincio?"]


@pos("it", "SLACK_WEBHOOK")
def _(r, ev):
    return ["Lo script di monitoraggio usa questo webhook: ", L("SLACK_WEBHOOK", mk(r, "SLACK_WEBHOOK")), ". Come aggiungo il nome dell'host nel messaggio?"]


@pos("it", "IT_FISCAL_CODE", "PHONE")
def _(r, ev):
    return ["Scrivi la lettera di benvenuto per il nuovo paziente: %s, CF " % name(r), L("IT_FISCAL_CODE", ev("IT_FISCAL_CODE", mk(r, "IT_FISCAL_CODE"))),
            ", recapito ", L("PHONE", ev("PHONE", mk(r, "PHONE", region="it_mob"))), "."]


# ---- more phrasings (second batch): values introduced by other labels, or by none
@pos("en", "EMAIL")
def _(r, ev):
    return ["Why does our CRM search return nothing for this link?\nhttps://crm.internal/contacts/search?q=",
            L("EMAIL", ev("EMAIL_URL", mk(r, "EMAIL"))), "&scope=all"]


@pos("en", "EMAIL", "PHONE")
def _(r, ev):
    return ["Validate this payload against our schema:\n{\"contact\": {\"email\": \"", L("EMAIL", ev("EMAIL_JSON", mk(r, "EMAIL"))),
            "\", \"phone\": \"", L("PHONE", ev("PHONE", mk(r, "PHONE", region=r.choice(["it_mob", "us", "de", "uk"])))), "\", \"optin\": true}}"]


@pos("en", "CREDIT_CARD")
def _(r, ev):
    return ["Unit test fails on the amex branch, expected 'valid':\nassert validate(\"", L("CREDIT_CARD", ev("CREDIT_CARD", mk(r, "CREDIT_CARD", brand=r.choice(["amex", "diners", "jcb", "mc2"])))),
            "\") == 'valid'"]


@pos("en", "JWT")
def _(r, ev):
    return ["Safari drops this cookie after redirect, is the SameSite flag wrong?\nSet-Cookie: access_token=", L("JWT", mk(r, "JWT")),
            "; Path=/; HttpOnly; Secure; SameSite=None"]


@pos("en", "PRIVATE_KEY")
def _(r, ev):
    return ["cert-manager won't accept this Secret, why?\napiVersion: v1\nkind: Secret\ntype: kubernetes.io/tls\nstringData:\n  tls.key: |\n    ",
            L("PRIVATE_KEY", V.pem_make(r, kind=r.choice(["RSA PRIVATE KEY", "EC PRIVATE KEY", "PRIVATE KEY"]), indent="    ", nlines=r.randint(3, 5))),
            "\n"]


@pos("en", "PASSWORD")
def _(r, ev):
    return ["Is this connection string right for Azure SQL? Server=tcp:sql-%s.database.windows.net,1433;Database=crm;User ID=crm_app;Password=" % V.rs(r, LO, 5),
            L("PASSWORD", mk(r, "PASSWORD")), ";Encrypt=True;"]


@pos("en", "PASSWORD", "EMAIL")
def _(r, ev):
    return ["Forward this to IT in nicer words: \"hey, the shared mailbox ", L("EMAIL", ev("EMAIL", mk(r, "EMAIL"))),
            " still has the old password ", L("PASSWORD", mk(r, "PASSWORD")), ", can someone reset it?\""]


@pos("en", "SLACK_TOKEN")
def _(r, ev):
    return ["curl -H \"Authorization: Bearer ", L("SLACK_TOKEN", ev("SLACK_TOKEN", mk(r, "SLACK_TOKEN"))),
            "\" https://slack.com/api/conversations.list returns missing_scope — which scope do I need?"]


@pos("en", "OPENAI_KEY", "ANTHROPIC_KEY")
def _(r, ev):
    return ["Make this LiteLLM config load both providers:\nmodel_list:\n  - model_name: gpt\n    litellm_params: {model: openai/gpt-4o, api_key: ",
            L("OPENAI_KEY", ev("OPENAI_KEY", mk(r, "OPENAI_KEY"))), "}\n  - model_name: claude\n    litellm_params: {model: anthropic/claude-3-5-sonnet, api_key: ",
            L("ANTHROPIC_KEY", ev("ANTHROPIC_KEY", mk(r, "ANTHROPIC_KEY"))), "}\n"]


@pos("en", "GITHUB_TOKEN")
def _(r, ev):
    return ["Renovate logs `Bad credentials` on startup. config.js:\nmodule.exports = { platform: 'github', token: '",
            L("GITHUB_TOKEN", ev("GITHUB_TOKEN", mk(r, "GITHUB_TOKEN"))), "' };"]


@pos("en", "STRIPE_KEY")
def _(r, ev):
    return ["Webhook signature check passes locally but not on Heroku. I set STRIPE_API_KEY=", L("STRIPE_KEY", ev("STRIPE_KEY", mk(r, "STRIPE_KEY"))),
            " with heroku config:set. What else could differ?"]


@pos("en", "IP_ADDRESS", "CREDENTIAL_URL")
def _(r, ev):
    return ["The jump host ", L("IP_ADDRESS", mk(r, "IP_ADDRESS")), " forwards to the DB. Which port do I tunnel for ",
            L("CREDENTIAL_URL", cred_url(r)), "?"]


@pos("en", "US_SSN")
def _(r, ev):
    return ["Write a letter to the IRS on behalf of %s (social security no. " % name(r), L("US_SSN", ev("US_SSN", mk(r, "US_SSN"))),
            ") asking for a payment plan."]


@pos("en", "CONFIDENTIAL_MARKER", "EMAIL")
def _(r, ev):
    return ["Shorten this e-mail footer: \"", L("CONFIDENTIAL_MARKER", mk(r, "CONFIDENTIAL_MARKER", markers=["CONFIDENTIAL", "STRICTLY CONFIDENTIAL"])),
            ": this message is intended only for the addressee. If received in error, notify ", L("EMAIL", ev("EMAIL", mk(r, "EMAIL"))), ".\""]


@pos("it", "PASSWORD")
def _(r, ev):
    return ["Scrivi una mail a Giulia per dirle che la nuova password del gestionale è ", L("PASSWORD", mk(r, "PASSWORD")),
            " e che scade tra 90 giorni."]


@pos("it", "CREDIT_CARD", "PHONE")
def _(r, ev):
    return ["Il cliente ha chiamato dal ", L("PHONE", ev("PHONE", mk(r, "PHONE", region=r.choice(["it_mob", "it_land"])))),
            " dicendo che sulla carta ", L("CREDIT_CARD", ev("CREDIT_CARD", mk(r, "CREDIT_CARD"))), " c'è un addebito doppio. Prepara la risposta."]


@pos("it", "IBAN", "EMAIL")
def _(r, ev):
    return ["Correggi l'italiano: \"Gentile cliente, le ricordiamo che il pagamento va effettuato sul IBAN ",
            L("IBAN", ev("IBAN", mk(r, "IBAN", country="IT", style=r.choice(["space", "compact"])))),
            " e la ricevuta inviata a ", L("EMAIL", ev("EMAIL", mk(r, "EMAIL"))), ".\""]


@pos("it", "CONFIDENTIAL_MARKER")
def _(r, ev):
    return ["Nell'intestazione del documento c'è scritto \"", L("CONFIDENTIAL_MARKER", mk(r, "CONFIDENTIAL_MARKER", markers=MARKERS_IT)),
            " – non divulgare\". Estrai le scadenze dal testo che segue."]


@pos("it", "IP_ADDRESS")
def _(r, ev):
    return ["La stampante del secondo piano ha indirizzo ", L("IP_ADDRESS", mk(r, "IP_ADDRESS", v6=False)),
            " ma i PC non la vedono. Cosa controllo sul DHCP?"]


@pos("it", "IT_VAT", "EMAIL")
def _(r, ev):
    return ["Prepara il sollecito per la ditta con P.IVA ", L("IT_VAT", mk(r, "IT_VAT")), " e mandalo in copia a ",
            L("EMAIL", ev("EMAIL", mk(r, "EMAIL"))), "."]


@pos("it", "JWT")
def _(r, ev):
    return ["L'app mobile manda questo header e il backend risponde 401: Authorization: Bearer ", L("JWT", mk(r, "JWT")), ". Il token è scaduto?"]


@pos("it", "AWS_ACCESS_KEY", "AWS_SECRET_KEY")
def _(r, ev):
    return ["Lo script di backup su S3 dà AccessDenied. Variabili impostate:\nexport AWS_ACCESS_KEY_ID=",
            L("AWS_ACCESS_KEY", ev("AWS_ACCESS_KEY", mk(r, "AWS_ACCESS_KEY"))), "\nexport AWS_SECRET_ACCESS_KEY=",
            L("AWS_SECRET_KEY", mk(r, "AWS_SECRET_KEY")), "\n"]


@pos("it", "GOOGLE_API_KEY")
def _(r, ev):
    return ["La chiave ", L("GOOGLE_API_KEY", ev("GOOGLE_API_KEY", mk(r, "GOOGLE_API_KEY"))), " funziona in locale ma non in produzione: come imposto le restrizioni HTTP referrer?"]


# ---- third batch
@pos("en", "PASSWORD")
def _(r, ev):
    return ["LDAP bind keeps failing. My password is ", L("PASSWORD", mk(r, "PASSWORD")), " and the DN is cn=svc-wiki,ou=services,dc=corp,dc=local — what am I missing?"]


@pos("en", "PASSWORD")
def _(r, ev):
    return ["Convert this .env to a Kubernetes ConfigMap and Secret:\nDB_HOST=postgres\nDB_USER=%s\nDB_PASS=" % r.choice(["shop", "wiki", "erp"]),
            L("PASSWORD", mk(r, "PASSWORD")), "\nLOG_LEVEL=info\n"]


@pos("en", "PHONE")
def _(r, ev):
    return ["Write a two-line SMS for the courier: the parcel for %s can be left with the neighbour, call " % V.person(r)[1],
            L("PHONE", ev("PHONE", mk(r, "PHONE", region=r.choice(["it_mob", "it_mob", "us", "fr", "es"])))), " on arrival."]


@pos("en", "CREDENTIAL_URL")
def _(r, ev):
    return ["Our old backup script still does `wget ", L("CREDENTIAL_URL", "ftp://%s:%s@%s/exports/daily.tar.gz" % (
        r.choice(["backup", "ftpuser", "exports"]), url_pass(r), r.choice(["ftp.partner-logistica.it", "10.20.0.5", "nas01.lan"]))),
            "` — how do I move it to SFTP?"]


@pos("en", "EMAIL", "IP_ADDRESS")
def _(r, ev):
    return ["Postfix log, why was this rejected?\n%s mx1 postfix/smtpd[%d]: NOQUEUE: reject: RCPT from unknown[" % (date(r), r.randint(1000, 99999)),
            L("IP_ADDRESS", mk(r, "IP_ADDRESS")), "]: 554 5.7.1 <", L("EMAIL", ev("EMAIL", mk(r, "EMAIL"))), ">: Relay access denied"]


@pos("en", "GITLAB_TOKEN")
def _(r, ev):
    return ["Terraform's gitlab provider says 401. provider \"gitlab\" { token = \"", L("GITLAB_TOKEN", ev("GITLAB_TOKEN", mk(r, "GITLAB_TOKEN"))),
            "\" }"]


@pos("en", "IBAN", "EMAIL")
def _(r, ev):
    return ["Translate to German: \"Please send the deposit to ", L("IBAN", ev("IBAN", mk(r, "IBAN", country=r.choice(["DE", "AT", "CH", "NL", "IT"])))),
            " and confirm by e-mail to ", L("EMAIL", ev("EMAIL", mk(r, "EMAIL"))), ".\""]


@pos("it", "PASSWORD")
def _(r, ev):
    return ["Riscrivi meglio questo messaggio per il collega: \"ti ho resettato l'account, la pwd provvisoria è ", L("PASSWORD", mk(r, "PASSWORD")),
            ", cambiala appena entri\"."]


@pos("it", "PHONE", "IT_FISCAL_CODE")
def _(r, ev):
    return ["Compila il modulo di reclamo: nome %s, codice fiscale " % name(r), L("IT_FISCAL_CODE", ev("IT_FISCAL_CODE", mk(r, "IT_FISCAL_CODE"))),
            ", telefono ", L("PHONE", ev("PHONE", mk(r, "PHONE", region=r.choice(["it_land", "it_mob"])))), "."]


@pos("it", "EMAIL", "CREDIT_CARD")
def _(r, ev):
    return ["Esportazione ordini, perché Excel sballa le colonne?\nordine;email;carta;totale\n%d;" % r.randint(1000, 99999),
            L("EMAIL", ev("EMAIL", mk(r, "EMAIL"))), ";", L("CREDIT_CARD", ev("CREDIT_CARD", mk(r, "CREDIT_CARD"))), ";%d,%02d\n" % (r.randint(5, 999), r.randint(0, 99))]


@pos("it", "IP_ADDRESS")
def _(r, ev):
    return ["Il server di posta risponde da ", L("IP_ADDRESS", mk(r, "IP_ADDRESS", v6=True)), " ma il record AAAA punta altrove: come sistemo il DNS?"]


@pos("it", "US_SSN", "EMAIL")
def _(r, ev):
    return ["Traduci in italiano la scheda del consulente americano: SSN ", L("US_SSN", ev("US_SSN", mk(r, "US_SSN"))),
            ", email ", L("EMAIL", ev("EMAIL", mk(r, "EMAIL"))), ", disponibile da giugno."]


@pos("it", "SLACK_TOKEN")
def _(r, ev):
    return ["Il bot di Slack non risponde ai comandi. Nel config.py ho SLACK_BOT_TOKEN = \"", L("SLACK_TOKEN", ev("SLACK_TOKEN", mk(r, "SLACK_TOKEN"))), "\": è il token giusto?"]


@pos("it", "OPENAI_KEY")
def _(r, ev):
    return ["Perché n8n mi dice 'Incorrect API key provided'? Ho incollato ", L("OPENAI_KEY", ev("OPENAI_KEY", mk(r, "OPENAI_KEY"))), " nelle credenziali OpenAI."]


# ------------------------------------------------------------------ negative templates (text, is_it)
def bad_card(r):
    b = r.choice(["visa", "mc", "amex", "discover"])
    return V.card_format(r, V.luhn_break(V.card_digits(r, b)), b)


def bad_iban(r):
    c = r.choice(["IT", "IT", "DE", "FR", "ES", "NL"])
    return V.iban_format(r, V.iban_break(r, V.iban_make(r, c)), r.choice(["space", "compact"]))


def bad_cf(r):
    return r.choice([lambda: V.cf_break_check(V.cf_make(r)), lambda: V.cf_bad_month(r), lambda: V.cf_bad_day(r)])()


NEG = []


def neg(lang):
    def deco(fn):
        NEG.append((lang, fn))
        return fn
    return deco


@neg("en")
def _(r):
    return "Is %s a real card? The payment form keeps saying 'invalid number'." % bad_card(r)


@neg("en")
def _(r):
    return "Why does %s fail the mod-97 check? I copied it from the supplier's letter." % bad_iban(r)


@neg("en")
def _(r):
    return r.choice(["Our README says `OPENAI_API_KEY=sk-...` and `token: YOUR_API_KEY`; how do I make the setup section clearer?",
                     "The AWS docs use AKIAIOSFODNN7EXAMPLE as access key id. Is that safe to leave in our sample config?",
                     "In the example .env we ship `STRIPE_SECRET=sk_live_xxxxxxxxxxxxxxxx` — should it be something else?",
                     "The template has `password: <changeme>` and `api_key: ${API_KEY}`; explain how Helm fills these in.",
                     "What does the placeholder ghp_XXXXXXXXXXXXXXXXXXXX in the GitHub docs stand for?",
                     "Card field mock shows xxxx-xxxx-xxxx-1234; write the helper text under it."])


@neg("en")
def _(r):
    return "Container %s restarted %d times, last exit code 1. Which logs should I check first?" % (V.uuid_like(r), r.randint(3, 40))


@neg("en")
def _(r):
    return "pip install fails: sha256:%s does not match the hash in requirements.txt. What happened?" % hexs(r, 64)


@neg("en")
def _(r):
    return "Bump the version from %s to %s in package.json and write a changelog entry for the date %s." % (ver(r), ver(r), date(r))


@neg("en")
def _(r):
    return "Invoice %s for %s is %d days overdue. Write a reminder that doesn't sound threatening." % (ordno(r), price(r), r.randint(10, 90))


@neg("en")
def _(r):
    return "git says commit %s is not on any branch after the rebase. How do I recover it?" % hexs(r, 40)


@neg("en")
def _(r):
    return r.choice(["Write a Python function that masks every digit of a card number except the last four.",
                     "What's the difference between an OAuth client secret and a personal access token?",
                     "Give me a regex that validates Italian IBANs, with tests.",
                     "Our policy says passwords need 12 characters and a symbol. Write the error message users see.",
                     "How should we label confidential documents in SharePoint?",
                     "Explain how JWT signature verification works, in simple words.",
                     "How do I rotate an SSH key that is stored in a GitHub Actions secret?",
                     "Summarize the pros and cons of remote work in four bullets.",
                     "Write a haiku about Monday morning deployments.",
                     "What is the CIDR notation for a /22 network and how many hosts does it have?"])


@neg("en")
def _(r):
    return "Ticket %s: the customer reports that shipment %s arrived on %s with two damaged boxes. Draft a reply." % (
        ordno(r), "1Z" + V.rs(r, UP + DG, 16), date(r))


@neg("en")
def _(r):
    return "The build %s of release %s took %d min %d s. Can you chart build times if I paste more?" % (
        "#" + str(r.randint(1000, 99999)), ver(r), r.randint(3, 59), r.randint(0, 59))


@neg("en")
def _(r):
    return "Is %s a valid SSN? HR's system rejected it." % V.ssn_invalid(r)


@neg("en")
def _(r):
    return "The lookup by request id %s returned nothing in Kibana between %s and the next day. Which index pattern should I use?" % (
        V.uuid_like(r), date(r))


@neg("en")
def _(r):
    return "openssl prints OID 1.2.840.113549.1.1.%d for the signature algorithm; what is it?" % r.randint(1, 14)


@neg("en")
def _(r):
    return "Our EU VAT number DE%s was rejected by VIES yesterday at %02d:%02d. Is the service down?" % (V.rs(r, DG, 9), r.randint(8, 18), r.randint(0, 59))


@neg("en")
def _(r):
    return "Trace %s shows a 2.%d s span in the payment service. How do I find the slow query?" % (hexs(r, 32), r.randint(1, 9))


@neg("en")
def _(r):
    return r.choice(["Is it OK to paste our public key in the wiki?\n-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE%s\n%s==\n-----END PUBLIC KEY-----" % (V.rs(r, V.B64, 28), V.rs(r, V.B64, 50)),
                     "The login form logs `password: ********` on failure. Is masking enough or should we drop the field?",
                     "Our receipts show the card as **** **** **** %s. Write the FAQ answer about why we hide the rest." % V.rs(r, DG, 4),
                     "Docs example: `curl -H \"Authorization: Bearer <token>\" https://api.example.com/v1/me` — what goes in <token>?",
                     "Someone pasted eyJhbGciOi... in Slack and then deleted it. Do we need to rotate anything?",
                     "The sample config has aws_access_key_id = AKIAXXXXXXXXXXXXXXXX; what format does the real one have?"])


@neg("en")
def _(r):
    return "The phone field shows +39 XXX XXX XXXX as placeholder and users type letters in it. Write a better hint text."


# ---- Italian negatives
@neg("it")
def _(r):
    return "Il codice fiscale %s viene rifiutato dal portale INPS: cosa può esserci di sbagliato?" % bad_cf(r)


@neg("it")
def _(r):
    return "La partita IVA %s risulta inesistente sul sito dell'Agenzia delle Entrate, come mai?" % V.piva_break(V.piva_make(r))


@neg("it")
def _(r):
    return "L'home banking dice che l'IBAN %s non è corretto. Come si verifica il codice di controllo?" % bad_iban(r)


@neg("it")
def _(r):
    return "Ordine n. %d del %s, importo %s: prepara la lettera di sollecito al cliente." % (r.randint(1000, 99999), date_it(r), price(r, True))


@neg("it")
def _(r):
    return "La versione %s del gestionale esce il %s: scrivi l'avviso per i colleghi del magazzino." % (ver(r), date_it(r))


@neg("it")
def _(r):
    return r.choice(["Spiegami come funziona la fatturazione elettronica con lo SDI.",
                     "Scrivi un post LinkedIn per l'inaugurazione della nuova sede di Bologna.",
                     "Riassumi in cinque punti la circolare sulla nuova policy delle password aziendali.",
                     "Come si calcola il carattere di controllo del codice fiscale?",
                     "Quali dati devono comparire obbligatoriamente su una fattura elettronica?",
                     "Traduci in inglese: \"La riunione è spostata a giovedì alle 15.\"",
                     "Nel manuale c'è scritto api_key=<LA_TUA_CHIAVE>: dove la trovo?",
                     "Scrivi una mail di auguri di Natale per i clienti, tono informale."])


@neg("it")
def _(r):
    return "Protocollo n. %d/%d del %s: scrivi la risposta al Comune per la richiesta di accesso agli atti." % (
        r.randint(100, 99999), r.randint(2019, 2026), date_it(r))


@neg("it")
def _(r):
    return "Il DDT n. %d del %s riporta %d colli, peso %d,%d kg: scrivi la contestazione al corriere." % (r.randint(100, 9999), date_it(r), r.randint(2, 40), r.randint(10, 900), r.randint(0, 9))


@neg("it")
def _(r):
    return "Il codice fiscale %s mi sembra troppo corto, da dove esce?" % V.cf_make(r)[:r.choice([11, 13, 14])]


# ------------------------------------------------------------------ judgement cases: (lang, fn -> (parts, reason, allow_unlabelled))
def judgement_cases():
    J = []

    def j(fn):
        J.append(fn)
        return fn

    @j
    def _(r):
        pan = r.choice(["4242 4242 4242 4242", "4111 1111 1111 1111", "5555 5555 5555 4444"])
        return "en", ["In Stripe test mode the checkout still fails with card ", L("CREDIT_CARD", pan), ", exp 12/34, CVC 123. Why?"], \
            "publicly documented test PAN: Luhn-valid, so a card by format, yet it identifies no one", []

    @j
    def _(r):
        e = r.choice(["jane.doe", "john.smith", "mario.rossi", "test.user"]) + "@" + r.choice(["example.com", "example.org", "example.net"])
        return "en", ["For the docs, is ", L("EMAIL", e), " a good sample address in the signup screenshot?"], \
            "RFC 2606 reserved example domain: a well-formed address that reaches nobody", []

    @j
    def _(r):
        ip = r.choice(["8.8.8.8", "1.1.1.1", "9.9.9.9", "8.8.4.4"])
        return "en", ["DNS lookups are slow since we pointed resolv.conf at ", L("IP_ADDRESS", ip), ". Should I switch back?"], \
            "public anycast resolver address: an IP by format, identifies no person or host of ours", []

    @j
    def _(r):
        ip = r.choice(["127.0.0.1", "0.0.0.0"])
        return "en", ["My Flask app listens on %s:5000 but the container port mapping doesn't work." % ip], \
            "loopback/unspecified address: labelled negative, identifies nothing", [ip]

    @j
    def _(r):
        u = r.choice(["postgres://user:password@localhost:5432/mydb", "mysql://root:changeme@localhost/test",
                      "redis://default:secret@127.0.0.1:6379/0"])
        return "en", ["The tutorial uses %s — how do I pass it as an env var in docker compose?" % u], \
            "credential URL whose password is a textbook placeholder: labelled negative", [u]

    @j
    def _(r):
        pw = V.password_make(r)
        return "en", ["I use ", L("PASSWORD", pw), " for both my VPN and my e-mail. Is that a bad idea?"], \
            "a password in prose with no label word next to it; labelled because the sentence says what it is", []

    @j
    def _(r):
        m = r.choice(["CONFIDENTIAL", "RISERVATO", "INTERNAL USE ONLY"])
        return r.choice(["en"]), ["Should I stamp this slide deck %s before sending it to the agency, or is that overkill?" % m], \
            "marker word mentioned, not applied to the text: labelled negative", [m]

    @j
    def _(r):
        t = V.jwt_make(r, alg="none")
        return "en", ["Our legacy service issues unsigned tokens like ", L("JWT", t), " — is alg=none ever acceptable?"], \
            "unsigned JWT (alg none, empty signature): still a bearer token by format", []

    @j
    def _(r):
        s = V.ssn_make(r).replace("-", "")
        return "en", ["HR export, column SSN: ", L("US_SSN", s), " — can you reformat it with dashes?"], \
            "nine undelimited digits: an SSN only because of the column label", []

    @j
    def _(r):
        n = "800 " + V.rs(r, DG, 3) + " " + V.rs(r, DG, 3)
        return "it", ["Il numero verde per i clienti è ", L("PHONE", n), ": aggiungilo al footer del sito."], \
            "Italian toll-free business number: a phone by format, not personal data", []

    @j
    def _(r):
        ib = "IT60X0542811101000000123456"
        return "it", ["Nel manuale d'uso c'è l'IBAN di esempio ", L("IBAN", ib), ": va bene lasciarlo negli screenshot?"], \
            "widely published example IBAN: mod-97 valid, yet a documentation value", []

    @j
    def _(r):
        k = "sk_test_" + V.rs(r, AN, 24)
        return "en", ["Is it fine to commit ", L("STRIPE_KEY", k), " to the repo since it's only test mode?"], \
            "Stripe test-mode secret key: a live-format secret for the sandbox account; labelled", []

    return J


JUDGE = judgement_cases()


# ------------------------------------------------------------------ self-check
EMAIL_RE = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
CARD_RE = re.compile(r"(?<![\dA-Za-z])\d(?:[ -]?\d){12,18}(?![\dA-Za-z])")
IBAN_RE = re.compile(r"(?<![A-Za-z0-9])[A-Za-z]{2}\d{2}(?:[ ]?[A-Za-z0-9]){11,30}")
CF_RE = re.compile(r"(?<![A-Za-z0-9])[A-Za-z]{6}[0-9LMNPQRSTUV]{2}[A-Za-z][0-9LMNPQRSTUV]{2}[A-Za-z][0-9LMNPQRSTUV]{3}[A-Za-z](?![A-Za-z0-9])")
PIVA_RE = re.compile(r"(?<![\dA-Za-z])\d{11}(?![\dA-Za-z])")
SSN_RE = re.compile(r"(?<![\d-])\d{3}-\d{2}-\d{4}(?![\d-])")
IPV6_RE = re.compile(r"(?<![0-9A-Fa-f:])(?:[0-9A-Fa-f]{1,4}:){2,7}:?[0-9A-Fa-f]{1,4}(?![0-9A-Fa-f:])")
PHONE_RE = re.compile(r"(?:\+|00)\d{1,3}[ .-]?(?:\(0\))?\d[\d .-]{6,14}\d|(?<![\d])3\d{2}[ -]?\d{6,7}(?!\d)|(?<![\d./-])0\d{1,3}[ /-]\d{5,8}(?!\d)|\(\d{3}\) ?\d{3}-\d{4}")
TOKEN_RE = re.compile(r"gh[pousr]_[A-Za-z0-9]{36}|github_pat_\w{50,}|glpat-[\w-]{20}|gl(?:rt|dt|ft|soat|ptt|cbt)-[\w-]{20}|GR1348941[\w-]{20}|xox[abpre]-[\w-]{10,}|xapp-\d|"
                      r"[sr]k_live_[A-Za-z0-9]{20}|sk-(?:proj|svcacct|admin|ant)-[\w-]{20}|sk-[A-Za-z0-9]{20}T3BlbkFJ|AIza[\w-]{35}|(?:AKIA|ASIA)[A-Z2-7]{16}|"
                      r"eyJ[\w-]+\.eyJ[\w-]*\.|-----BEGIN [A-Z ]*PRIVATE KEY|[a-z+]{3,12}://[^\s:/@]+:[^\s@/]+@|hooks\.slack\.com/services/T")
MARK_RE = re.compile(r"\b(?:CONFIDENTIAL|RISERVATO|USO INTERNO|INTERNAL USE ONLY|TLP:(?:RED|AMBER)|CONFIDENZIALE)\b")
PW_RE = re.compile(r"(?i)(?:password|passwd|pwd)\s*[:=]\s*(?![<$*xX])\S{4,}")


def leftovers(text, allow):
    t = unevade(text)
    for a in allow:
        t = t.replace(a, " " * len(a))
    found = []
    found += ["EMAIL:" + m.group() for m in EMAIL_RE.finditer(t)]
    found += ["CARD:" + m.group() for m in CARD_RE.finditer(t) if V.card_ok(m.group())]
    found += ["IBAN:" + m.group() for m in IBAN_RE.finditer(t) if any(V.iban_ok(m.group()[:k]) for k in range(15, len(m.group()) + 1))]
    found += ["CF:" + m.group() for m in CF_RE.finditer(t) if V.cf_ok(m.group())]
    found += ["PIVA:" + m.group() for m in PIVA_RE.finditer(t) if V.piva_ok(m.group())]
    found += ["SSN:" + m.group() for m in SSN_RE.finditer(t) if V.ssn_ok(m.group())]
    found += ["IP:" + m.group() for m in V.IPV4_RE.finditer(t) if V.ipv4_ok(m.group())]
    found += ["IP6:" + m.group() for m in IPV6_RE.finditer(t) if "::" in m.group() or m.group().count(":") == 7]
    found += ["PHONE:" + m.group() for m in PHONE_RE.finditer(t)]
    found += ["TOKEN:" + m.group() for m in TOKEN_RE.finditer(t)]
    found += ["MARKER:" + m.group() for m in MARK_RE.finditer(t)]
    found += ["PASSWORD:" + m.group() for m in PW_RE.finditer(t)]
    return found


def value_ok(typ, v):
    u = unevade(v)
    if typ == "EMAIL":
        return bool(EMAIL_RE.fullmatch(u))
    if typ == "CREDIT_CARD":
        return V.card_ok(u)
    if typ == "IBAN":
        return V.iban_ok(u)
    if typ == "IT_FISCAL_CODE":
        return V.cf_ok(u)
    if typ == "IT_VAT":
        return V.piva_ok(u)
    if typ == "US_SSN":
        return V.ssn_ok(u)
    if typ == "IP_ADDRESS":
        return V.ipv4_ok(u) or ":" in u
    if typ == "GITHUB_TOKEN":
        return V.gh_ok(u) or u.startswith("github_pat_")
    if typ == "JWT":
        return V.jwt_ok(u)
    if typ == "AWS_ACCESS_KEY":
        return bool(re.fullmatch(r"(AKIA|ASIA)[A-Z2-7]{16}", u))
    if typ == "PHONE":
        return len(re.sub(r"\D", "", u)) >= 9
    return len(u) >= 6


# ------------------------------------------------------------------ assembly
EV_KINDS = {  # type -> evasions that make sense for it
    "EMAIL": ["fullwidth_at", "fullwidth_at", "zero-width"],
    "PHONE": ["fullwidth", "zero-width"],
    "CREDIT_CARD": ["fullwidth", "zero-width"],
    "IBAN": ["zero-width", "fullwidth"],
    "IT_FISCAL_CODE": ["zero-width"],
    "US_SSN": ["fullwidth", "zero-width"],
    "AWS_ACCESS_KEY": ["zero-width"],
    "GITHUB_TOKEN": ["zero-width"],
    "GITLAB_TOKEN": ["zero-width"],
    "SLACK_TOKEN": ["zero-width"],
    "STRIPE_KEY": ["zero-width"],
    "OPENAI_KEY": ["zero-width"],
    "ANTHROPIC_KEY": ["zero-width"],
    "GOOGLE_API_KEY": ["zero-width"],
}
EV_TAG = {"fullwidth_at": "evasion:fullwidth", "fullwidth": "evasion:fullwidth", "zero-width": "evasion:zero-width",
          "json-escape": "evasion:json-escape", "percent": "evasion:percent-encoding"}

# dev.jsonl's finding frequencies, used to weight the choice of a positive template's primary type
FREQ = dict(EMAIL=164, PHONE=92, CREDIT_CARD=91, IBAN=64, IT_VAT=64, IT_FISCAL_CODE=59, GITLAB_TOKEN=40, OPENAI_KEY=35,
            GOOGLE_API_KEY=34, AWS_ACCESS_KEY=33, GITHUB_TOKEN=30, US_SSN=30, PASSWORD=29, PRIVATE_KEY=28, IP_ADDRESS=28,
            JWT=27, CREDENTIAL_URL=26, STRIPE_KEY=26, SLACK_WEBHOOK=25, CONFIDENTIAL_MARKER=23, ANTHROPIC_KEY=23, SLACK_TOKEN=22)


def make_positive(r, want_evasion):
    # weight primary types so that totals (incl. secondary types) land near dev's mix
    types = list(FREQ)
    w = [FREQ[t] ** 1.0 for t in types]
    damp = {"EMAIL": 0.8, "PHONE": 0.55, "IBAN": 0.6, "IT_VAT": 0.75, "CREDIT_CARD": 0.9, "IT_FISCAL_CODE": 0.8,
            "IP_ADDRESS": 0.8, "US_SSN": 0.9, "CREDENTIAL_URL": 1.2, "CONFIDENTIAL_MARKER": 1.1, "PASSWORD": 1.3}
    w = [x * damp.get(t, 1.15) for x, t in zip(w, types)]
    prim = r.choices(types, w)[0]
    cands = [p for p in POS if prim in p[1]]
    if r.random() < 0.75:
        c_it = [p for p in cands if p[0] == "en"] or cands
    else:
        c_it = [p for p in cands if p[0] == "it"] or cands
    lang, ttypes, fn = r.choice(c_it)
    tags = []
    ev_state = {"done": False}
    ev_type = None
    if want_evasion:
        evable = [t for t in ttypes if t in EV_KINDS]
        if evable:
            ev_type = r.choice(evable)

    def ev(typ, v):
        special = {"EMAIL_URL": "percent", "EMAIL_JSON": "json-escape"}.get(typ)
        if special:
            typ = "EMAIL"
        if typ != ev_type or ev_state["done"]:
            return v
        kind = special or r.choice(EV_KINDS[typ])
        ev_state["done"] = True
        tags.append(EV_TAG[kind])
        if kind == "fullwidth_at":
            return fullwidth(v, only_at=True)
        if kind == "fullwidth":
            return fullwidth(v)
        if kind == "zero-width":
            return zerowidth(r, v)
        if kind == "json-escape":
            return json_escape(r, v)
        if kind == "percent":
            return pct(v)
        raise ValueError(kind)

    parts = fn(r, ev)
    return lang, parts, tags


def make_negative(r, lang=None):
    if lang is None:
        lang = "en" if r.random() < 0.66 else "it"
    cands = [n for n in NEG if n[0] == lang]
    return lang, r.choice(cands)[1](r)


def one_case(r, kind):
    """kind: positive | distractor | negative | judgement | evasion"""
    meta = None
    allow = []
    if kind == "negative":
        lang, t = make_negative(r)
        parts, tags = [t], ["negative"]
    elif kind == "judgement":
        lang, parts, reason, allow = r.choice(JUDGE)(r)
        meta = {"reason": reason}
        tags = ["judgement"]
    else:
        lang, parts, tags = make_positive(r, kind == "evasion" or (kind == "distractor_ev"))
        if kind in ("distractor", "distractor_ev"):
            _, t = make_negative(r, "en" if r.random() < 0.6 else "it")
            parts = parts + ["\n\n" + t]
            tags = ["distractor"] + tags
        if kind in ("evasion", "distractor_ev") and not any(t.startswith("evasion") for t in tags):
            return None
    text, finds = render(parts)
    if not finds and "negative" not in tags:
        tags = ["negative"] + tags
    # self-checks
    tb = text.encode("utf-8")
    for f in finds:
        if tb[f["start"]:f["end"]].decode("utf-8") != f["value"]:
            raise AssertionError("span mismatch")
        if not value_ok(f["type"], f["value"]) and kind != "judgement":
            return None
    blanked = bytearray(tb)
    for f in finds:
        blanked[f["start"]:f["end"]] = b" " * (f["end"] - f["start"])
    extra = leftovers(blanked.decode("utf-8"), allow)
    if extra:
        return None
    d = {"lang": lang, "text": text, "findings": finds, "tags": tags}
    if meta:
        d["meta"] = meta
    return d


def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    seed, n, out = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
    r = random.Random(seed)
    # proportions: dev 43 % negatives, 18.5 % distractors, 1.5 % evasions; judgement ~3 %
    plan = []
    n_j = round(n * 0.03)
    n_neg = round(n * 0.42)
    n_dis = round(n * 0.175)
    n_ev = round(n * 0.018)
    n_dis_ev = round(n * 0.007)
    n_pos = n - n_j - n_neg - n_dis - n_ev - n_dis_ev
    plan = (["judgement"] * n_j + ["negative"] * n_neg + ["distractor"] * n_dis + ["evasion"] * n_ev +
            ["distractor_ev"] * n_dis_ev + ["positive"] * n_pos)
    r.shuffle(plan)
    rows = []
    for i, kind in enumerate(plan):
        for _ in range(200):
            d = one_case(r, kind)
            if d is not None:
                break
        else:
            raise SystemExit("could not build case %d (%s)" % (i, kind))
        d = dict(id="a21-%d-%04d" % (seed, i), **d)
        rows.append(d)
    with open(out, "w", encoding="utf-8") as f:
        for d in rows:
            f.write(json.dumps(d, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
