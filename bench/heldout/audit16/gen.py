#!/usr/bin/env python3
"""audit16 held-out corpus: a sibling of dev.jsonl with new templates, values and mixtures.

  gen.py SEED N OUT.jsonl

Writes OUT.jsonl (same schema as dev.jsonl: id, lang, text, findings[type,start,end,value], tags),
OUT.nojudge.jsonl (the same minus cases tagged "judgement") and OUT.meta.jsonl (template name and
the reason for every judgement tag). Deterministic per SEED; Python 3 standard library only.
Every case is self-checked: byte spans, each labelled value's checksum/format, and a scan of the
unlabelled text for any checksum-valid or format-valid value that was left unlabelled.
"""
import collections, ipaddress, json, os, random, re, sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from values import *  # noqa: F401,F403
import values as V

F = collections.namedtuple("F", "type value")


class Retry(Exception):
    pass


def C(lang, segs, tags=(), allow=(), why=None):
    return {"lang": lang, "segs": list(segs), "tags": set(tags), "allow": set(allow), "why": why}


def J(lang, segs, why, allow=(), tags=()):
    return C(lang, segs, tags=set(tags) | {"judgement"}, allow=allow, why=why)


# ------------------------------------------------------------------ small value helpers
def full_name(r):
    f, l = person(r)
    return f + " " + l


def company(r):
    return r.choice(["Officine Lorenzi S.r.l.", "Gruppo Adriatica S.p.A.", "Studio Ferri & Associati",
                     "Medilab Torino S.r.l.", "Logistica Padana Soc. Coop.", "Bluefin Analytics Ltd",
                     "Harbourline Ltd", "Nordkap Systems GmbH", "Cantiere Nautico Serra", "Agenzia Sole S.n.c."])


def cc(r, brands=("visa", "visa", "mc", "mc2", "amex", "discover", "jcb", "diners"), style=None):
    b = r.choice(brands)
    return card_format(r, card_digits(r, b), b, style)


def cc_bad(r, brands=("visa", "mc", "amex", "discover", "mc2")):
    b = r.choice(brands)
    return card_format(r, luhn_break(card_digits(r, b)), b)


def iban(r, countries=None, style=None):
    c = r.choice(countries or ["IT", "IT", "IT", "DE", "FR", "ES", "NL", "BE", "AT", "PT", "IE", "LU", "CH",
                               "GB", "SM", "MT", "PL", "GR", "FI", "NO", "SE", "SI", "HR", "MC", "LI", "CY"])
    return iban_format(r, iban_make(r, c), style)


def iban_bad(r):
    c = r.choice(["IT", "IT", "DE", "FR", "ES", "BE", "AT", "PT", "NL", "IE", "GB", "SM"])
    if r.random() < 0.3:
        return iban_format(r, iban_wrong_length(r, c), r.choice(["space", "compact"]))
    return iban_format(r, iban_break(r, iban_make(r, c)), r.choice(["space", "compact"]))


def piva(r):
    return piva_make(r)


def cf(r):
    return cf_make(r, omocodia=r.choice([0, 0, 0, 0, 0, 1, 2, 3]))


def marker(r, lang=None):
    en = ["CONFIDENTIAL", "STRICTLY CONFIDENTIAL", "COMPANY CONFIDENTIAL", "INTERNAL USE ONLY",
          "FOR INTERNAL USE ONLY", "TLP:RED", "TLP:AMBER", "TLP:AMBER+STRICT", "RESTRICTED", "DO NOT DISTRIBUTE"]
    it = ["RISERVATO", "STRETTAMENTE RISERVATO", "USO INTERNO", "CONFIDENZIALE",
          "DOCUMENTO RISERVATO", "TLP:AMBER", "TLP:RED"]
    pool = en if lang == "en" else it if lang == "it" else en + it
    return r.choice(pool)


def cred_url(r):
    user = r.choice(["app", "svc_orders", "etl", "reporting", "backup", "django", "grafana", "n8n", "worker", "deploy"])
    pw = rs(r, AN, r.randint(10, 20)) if r.random() < 0.6 else password_make(r).replace("@", "%40").replace("/", "%2F").replace("#", "%23").replace("?", "%3F")
    host = r.choice(["pg-main.prod.lan", "10.40.2.17", "db.officine-lorenzi.it", "cluster1.x7k2p.mongodb.net",
                     "rabbit-01.internal", "cache.eu-south-1.amazonaws.com", "192.168.50.12", "mq.harbourline.co.uk",
                     "sql-bi-02", "ftp.medilab-torino.it"])
    sch = r.choice(["postgresql", "postgres", "mysql", "mariadb", "mongodb", "mongodb+srv", "redis", "rediss",
                    "amqp", "amqps", "mssql", "ftp", "sftp", "smtp", "https", "ldap"])
    port = {"postgresql": 5432, "postgres": 5432, "mysql": 3306, "mariadb": 3306, "mongodb": 27017, "redis": 6379,
            "rediss": 6380, "amqp": 5672, "amqps": 5671, "mssql": 1433, "ftp": 21, "sftp": 22, "smtp": 587,
            "https": 443, "ldap": 389}.get(sch)
    path = r.choice(["/app", "/orders", "/0", "/analytics", "/", "/vhost", "", "/billing?sslmode=require"])
    if sch == "mongodb+srv":
        return "%s://%s:%s@%s%s" % (sch, user, pw, host, r.choice(["/prod?retryWrites=true", "/", ""]))
    if sch.startswith("redis") and r.random() < 0.4:
        return "%s://:%s@%s:%d%s" % (sch, pw, host, port, r.choice(["/0", "/2", ""]))
    if r.random() < 0.3:
        return "%s://%s:%s@%s%s" % (sch, user, pw, host, path)
    return "%s://%s:%s@%s:%d%s" % (sch, user, pw, host, port, path)


def ssn(r):
    return ssn_make(r)


def ip(r):
    return ipv6_make(r) if r.random() < 0.2 else ipv4_make(r)


def akid(r):
    return aws_akid(r)


def pw(r):
    return password_make(r)


def ts(r):
    return "2025-%02d-%02d %02d:%02d:%02d" % (r.randint(1, 12), r.randint(1, 28), r.randint(0, 23), r.randint(0, 59), r.randint(0, 59))


# ------------------------------------------------------------------ positive templates (EN)
POS = []


def pos(name, lang, w):
    def deco(fn):
        POS.append((name, lang, w, fn))
        return fn
    return deco


@pos("crm_contact", "en", 2)
def _(r):
    n = full_name(r)
    return C("en", ["Please add %s to the CRM. Email: " % n, F("EMAIL", email_make(r)), ", mobile: ",
                    F("PHONE", phone_make(r)), ". Then draft a welcome note."])


@pos("followup_mail", "en", 4)
def _(r):
    segs = [r.choice(["Draft a follow-up to ", "Write a short thank-you email to ", "Could you reply to "]), F("EMAIL", email_make(r)),
            r.choice([" about yesterday's demo and propose a call next week", " confirming the meeting moved to Thursday 3pm",
                      " saying the shipment left our warehouse today"])]
    if r.random() < 0.6:
        segs += [r.choice(["; mention they can also reach me on ", "; add my direct line ", ". Sign it with my mobile "]), F("PHONE", phone_make(r)), "."]
    else:
        segs += ["."]
    return C("en", segs)


@pos("from_header", "en", 4)
def _(r):
    f, l = person(r)
    return C("en", ["From: %s %s <" % (f, l), F("EMAIL", email_make(r, f, l)), ">\nSubject: %s\n\n%s" % (
        r.choice(["Re: quote 2025-118", "contract renewal", "access request", "Missing invoice"]),
        r.choice(["Summarise this thread in two lines.", "What is the sender asking for?",
                  "Translate the message below into Italian.\n\nHi, please find the signed copy attached."]))])


@pos("mailto_html", "en", 2)
def _(r):
    return C("en", ['Convert this HTML footer to Markdown: <p>Questions? <a href="mailto:', F("EMAIL", email_make(r)),
                    '">Write to our support team</a> &middot; Mon-Fri 9-18</p>'])


@pos("e164", "en", 2)
def _(r):
    return C("en", [r.choice(["Reformat this number to E.164: ", "Is this a mobile or a landline? ",
                              "Validate the phone field value "]), F("PHONE", phone_make(r))])


@pos("json_customer", "en", 3)
def _(r):
    return C("en", ['Write a TypeScript interface for this payload:\n{"customer": {"id": %d, "phone": "' % r.randint(1000, 99999),
                    F("PHONE", phone_make(r)), '", "email": "', F("EMAIL", email_make(r)), '", "tier": "gold"}}'])


@pos("gateway_decline", "en", 5)
def _(r):
    segs = ["The payment gateway log shows card ", F("CREDIT_CARD", cc(r)), " exp %02d/%02d declined with response code %s" % (
        r.randint(1, 12), r.randint(26, 31), r.choice(["05", "51", "54", "61", "N7"]))]
    if r.random() < 0.5:
        segs += [" for cardholder ", F("EMAIL", email_make(r))]
    return C("en", segs + [". What does that code mean?"])


@pos("refund_mail", "en", 6)
def _(r):
    return C("en", ["Refund request from ", F("EMAIL", email_make(r)), ": they paid order #%d with card " % r.randint(10000, 99999),
                    F("CREDIT_CARD", cc(r)), ". Write a short apology and confirm the refund in 5 days."])


@pos("wire_deposit", "en", 6)
def _(r):
    segs = ["Translate to German: \"Please wire the deposit of EUR %d to " % r.randint(200, 9000), F("IBAN", iban(r)), ", beneficiary %s" % company(r)]
    if r.random() < 0.55:
        segs += [", VAT no. ", F("IT_VAT", "IT" + piva(r) if r.random() < 0.5 else piva(r))]
    return C("en", segs + [".\""])


@pos("invoice_en", "en", 5)
def _(r):
    return C("en", ["Check this invoice footer for typos:\nBank: Banca Etica  IBAN: ", F("IBAN", iban(r)),
                    "\nAccounts: ", F("EMAIL", email_make(r)), "\nThank you for your business!"])


@pos("w4_ssn", "en", 5)
def _(r):
    segs = [r.choice(["Fill in the W-4 example: ", "Create a test payroll record: ", "Onboarding form: "]), "name %s, SSN " % full_name(r), F("US_SSN", ssn(r))]
    if r.random() < 0.5:
        segs += [", personal email ", F("EMAIL", email_make(r))]
    return C("en", segs + [", filing status %s." % r.choice(["single", "married", "head of household"])])


@pos("applicant_ssn_phone", "en", 2)
def _(r):
    return C("en", ["Applicant: %s\nSocial Security Number: " % full_name(r), F("US_SSN", ssn(r)), "\nPhone: ",
                    F("PHONE", phone_make(r, "us")), "\nWhich required fields are still missing?"])


@pos("nginx_log", "en", 3)
def _(r):
    return C("en", ["Is this an attack? nginx says:\n", F("IP_ADDRESS", ipv4_make(r)),
                    ' - - [%02d/Mar/2025:10:%02d:03 +0000] "GET /wp-admin/setup-config.php HTTP/1.1" 404 153' % (r.randint(1, 28), r.randint(0, 59))])


@pos("failed_login", "en", 3)
def _(r):
    return C("en", ["Failed login for ", F("EMAIL", email_make(r)), " from ", F("IP_ADDRESS", ip(r)),
                    ", %d attempts in 2 minutes. Should we lock the account?" % r.randint(5, 40)])


@pos("ssh_timeout", "en", 2)
def _(r):
    return C("en", ["ssh deploy@", F("IP_ADDRESS", ipv4_make(r)), " -p 2222 hangs after 'Connection established'. Any idea?"])


@pos("aws_credentials_file", "en", 5)
def _(r):
    return C("en", ["Why does the CLI say InvalidClientTokenId? ~/.aws/credentials:\n[%s]\naws_access_key_id = " % r.choice(["default", "prod", "ci"]),
                    F("AWS_ACCESS_KEY", akid(r)), "\naws_secret_access_key = ", F("AWS_SECRET_KEY", aws_secret(r)),
                    "\nregion = %s" % r.choice(["eu-south-1", "eu-west-1", "us-east-1"])])


@pos("aws_env", "en", 5)
def _(r):
    return C("en", ["In my Dockerfile:\nENV AWS_ACCESS_KEY_ID=", F("AWS_ACCESS_KEY", akid(r)), "\nENV AWS_SECRET_ACCESS_KEY=",
                    F("AWS_SECRET_KEY", aws_secret(r)), "\nHow do I pass these at runtime instead?"])


@pos("aws_json", "en", 2)
def _(r):
    return C("en", ['sts assume-role returned {"Credentials": {"AccessKeyId": "', F("AWS_ACCESS_KEY", aws_akid(r, "ASIA")),
                    '", "SecretAccessKey": "', F("AWS_SECRET_KEY", aws_secret(r)),
                    '", "Expiration": "2025-06-01T12:00:00Z"}} - how long is it valid?'])


@pos("aws_key_owner", "en", 1)
def _(r):
    return C("en", ["Which IAM user owns ", F("AWS_ACCESS_KEY", aws_akid(r, "AKIA")), "? It shows up in an old Jenkins log."])


@pos("gh_env", "en", 5)
def _(r):
    t = gh_make(r) if r.random() < 0.85 else gh_fine_grained(r)
    pre, post = r.choice([("GITHUB_TOKEN=", "\n`gh pr list` says HTTP 401, why?"), ("export GH_TOKEN=", "\nthen gh repo clone fails with 'Bad credentials'."),
                          ("gh auth login --with-token <<< ", "\nDoes this token need the repo scope to push?"),
                          ("      - uses: actions/checkout@v4\n        with:\n          token: ", "\nThe submodule checkout still fails.")])
    return C("en", [pre, F("GITHUB_TOKEN", t), post])


@pos("gh_npmrc", "en", 2)
def _(r):
    return C("en", ["My .npmrc:\n@acme:registry=https://npm.pkg.github.com\n//npm.pkg.github.com/:_authToken=", F("GITHUB_TOKEN", gh_make(r, "ghp")),
                    "\nnpm install still returns 403."])


@pos("gh_docker", "en", 2)
def _(r):
    return C("en", ["echo ", F("GITHUB_TOKEN", gh_make(r, r.choice(["ghp", "ghs"]))), " | docker login ghcr.io -u ci-bot --password-stdin\nError: denied. Which scopes are missing?"])


@pos("gitlab_ci", "en", 6)
def _(r):
    pre, post = r.choice([('curl --header "PRIVATE-TOKEN: ', '" https://gitlab.com/api/v4/projects returns 401'),
                          ('variables:\n  GITLAB_API_TOKEN: "', '"\nWhy is the job unauthorized?'),
                          ("python-gitlab keeps failing, gl = gitlab.Gitlab(url, private_token='", "') - is the token expired?")])
    return C("en", [pre, F("GITLAB_TOKEN", gitlab_token(r, r.choice(["pat", "pat", "pat_routable"]))), post])


@pos("gitlab_runner", "en", 5)
def _(r):
    return C("en", ['Runner config.toml:\n[[runners]]\n  name = "build-02"\n  url = "https://gitlab.com/"\n  token = "',
                    F("GITLAB_TOKEN", gitlab_token(r, r.choice(["rt", "rrt", "dt", "ptt"]))), '"\n  executor = "docker"\nWhy does it keep re-registering?'])


@pos("slack_sdk", "en", 7)
def _(r):
    pre, post = r.choice([('client = WebClient(token="', '")\nchat_postMessage returns not_in_channel.'), ("SLACK_BOT_TOKEN=", "\nmissing_scope error on users:read"),
                          ("const app = new App({ token: '", "', signingSecret }); // invalid_auth")])
    return C("en", [pre, F("SLACK_TOKEN", slack_token(r)), post])


@pos("slack_webhook_curl", "en", 6)
def _(r):
    return C("en", ["curl -X POST -H 'Content-type: application/json' --data '{\"text\":\"deploy ok\"}' ", F("SLACK_WEBHOOK", slack_webhook(r)),
                    r.choice(["\nreturns invalid_payload", "\n-> no_service. What changed?", "\nWorks locally, fails in CI."])])


@pos("stripe_sdk", "en", 5)
def _(r):
    pre, post = r.choice([('stripe.api_key = "', '"\nWhy do webhooks still hit the test endpoint?'), ("Stripe::Api.key = '", "'\nHow do I rotate this safely?"),
                          ("STRIPE_API_KEY=", "\nrefunds fail with 'permission_error'.")])
    return C("en", [pre, F("STRIPE_KEY", stripe_key(r)), post])


@pos("openai_client", "en", 6)
def _(r):
    pre, post = r.choice([('client = OpenAI(api_key="', '")\nI get 429 insufficient_quota right away.'),
                          ("POST https://api.openai.com/v1/responses\nAuthorization: Bearer ", "\n-> 401 invalid_api_key"),
                          ("setx OPENAI_API_KEY ", "\nbut VS Code still cannot see the variable.")])
    return C("en", [pre, F("OPENAI_KEY", openai_key(r)), post])


@pos("anthropic_env", "en", 5)
def _(r):
    pre, post = r.choice([("ANTHROPIC_API_KEY=", " python agent.py -> authentication_error"), ("client = anthropic.Anthropic(api_key='", "')\nIs an admin key usable for messages?"),
                          ("x-api-key: ", "\n401 from /v1/messages, why?")])
    return C("en", [pre, F("ANTHROPIC_KEY", anthropic_key(r)), post])


@pos("google_maps", "en", 8)
def _(r):
    pre, post = r.choice([('<script src="https://maps.googleapis.com/maps/api/js?key=', '&callback=initMap"></script> shows "For development purposes only"'),
                          ('const firebaseConfig = {\n  apiKey: "', '",\n  authDomain: "shop-prod.firebaseapp.com",\n};\nIs it ok to commit this?'),
                          ("YOUTUBE_API_KEY=", "\nquota exceeded after 100 requests?")])
    return C("en", [pre, F("GOOGLE_API_KEY", google_key(r)), post])


@pos("pem_question", "en", 6)
def _(r):
    kind = r.choice(["RSA PRIVATE KEY", "PRIVATE KEY", "EC PRIVATE KEY", "OPENSSH PRIVATE KEY", "ENCRYPTED PRIVATE KEY", "DSA PRIVATE KEY"])
    return C("en", [r.choice(["Is this key encrypted?\n", "nginx: PEM_read_bio_PrivateKey failed, the file is:\n",
                              "Convert this to PKCS#8 please:\n"]), F("PRIVATE_KEY", pem_make(r, kind)), "\n"])


@pos("pem_json_sa", "en", 3)
def _(r):
    key = pem_make(r, "PRIVATE KEY", nl="\\n", nlines=r.randint(3, 6))
    return C("en", ['Why does google-auth reject my service account?\n{"type": "service_account", "project_id": "billing-prod-%d", "private_key_id": "%s", "private_key": "' % (
        r.randint(100, 999), hexs(r, 40)), F("PRIVATE_KEY", key), '\\n", "client_email": "exporter@billing-prod.iam.gserviceaccount.com"}'])


@pos("pem_yaml", "en", 2)
def _(r):
    return C("en", ["Helm values:\ntls:\n  key: |\n    ", F("PRIVATE_KEY", pem_make(r, r.choice(["RSA PRIVATE KEY", "EC PRIVATE KEY"]), indent="    ", nlines=r.randint(2, 5))),
                    "\nThe ingress says 'tls: failed to find any PEM data'."])


@pos("jwt_cookie", "en", 6)
def _(r):
    pre, post = r.choice([("Cookie: session=", "; theme=dark\nWhy is the user logged out after a minute?"),
                          ('{"id_token": "', '", "expires_in": 3600}\nhow do I verify it in Go?'),
                          ("GET /api/me?access_token=", " HTTP/1.1\nis it bad to pass tokens in the query string?"),
                          ("Why is this token rejected as expired? ", "")])
    return C("en", [pre, F("JWT", jwt_make(r)), post])


@pos("cred_url_env", "en", 4)
def _(r):
    pre, post = r.choice([("DATABASE_URL=", "\nthe app crashes with 'password authentication failed'"), ("broker_url = '", "'\nCelery can't connect, why?"),
                          ("CACHE_URL=", "\nTimeouts after 30 s in Kubernetes."), ("Connection string: ", "")])
    return C("en", [pre, F("CREDENTIAL_URL", cred_url(r)), post])


@pos("cred_url_git", "en", 1)
def _(r):
    u = r.choice(["mrossi", "build", "jenkins"])
    return C("en", ["git remote -v shows\norigin  ", F("CREDENTIAL_URL", "https://%s:%s@git.officine-lorenzi.it/erp/backend.git" % (u, rs(r, AN, 16))),
                    " (fetch)\nhow do I remove the password from it?"])


@pos("password_yaml", "en", 5)
def _(r):
    k = r.randrange(6)
    p = pw(r)
    if k == 0:
        segs = ["Review this docker-compose:\nservices:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: ", F("PASSWORD", p), "\n"]
    elif k == 1:
        segs = ['appsettings.json:\n{"Smtp": {"Host": "smtp.office365.com", "User": "noreply", "Password": "', F("PASSWORD", p), '"}}\nWhy does auth fail?']
    elif k == 2:
        segs = ["spring.datasource.username=report\nspring.datasource.password=", F("PASSWORD", p), "\nHikari pool never starts, why?"]
    elif k == 3:
        segs = ['variable "db_password" {\n  default = "', F("PASSWORD", p), '"\n}\nterraform plan warns about it, why?']
    elif k == 4:
        segs = ["[client]\nuser = backup\npasswd = ", F("PASSWORD", p), "\nmysqldump ignores this file, any idea?"]
    else:
        segs = ['<add key="ClearTextPassword" value="', F("PASSWORD", p.replace('"', "")), '" />\nnuget restore still asks for credentials.']
    return C("en", segs)


@pos("password_connstr", "en", 3)
def _(r):
    p = pw(r).replace(";", "")
    return C("en", ["Server=sql-bi-02;Database=Sales;User Id=bi_reader;Password=", F("PASSWORD", p), ";TrustServerCertificate=True\nWhy is this login slow?"])


@pos("marker_memo", "en", 5)
def _(r):
    m = marker(r, "en")
    pre, post = r.choice([("Classification: ", "\n\nQ3 revenue grew 12%% while churn fell to %d%%. Rewrite this as three bullet points." % r.randint(2, 9)),
                          ("[", "] Draft the board minutes from these notes: reorg of the sales team, new pricing in May."),
                          ("*** ", " ***\nSummarise the attached incident report for the exec team."),
                          ("Footer on every page: ", "\nTurn this roadmap into a table: Q1 SSO, Q2 audit log, Q3 EU region.")])
    return C("en", [pre, F("CONFIDENTIAL_MARKER", m), post])


@pos("marker_subject", "en", 3)
def _(r):
    return C("en", ["Subject: ", F("CONFIDENTIAL_MARKER", marker(r, "en")), " - acquisition of %s\nPlease proofread the email below before I send it." % company(r)])


# ------------------------------------------------------------------ positive templates (IT)
@pos("anagrafica", "it", 5)
def _(r):
    return C("it", ["Inserisci in anagrafica: %s, C.F. " % full_name(r), F("IT_FISCAL_CODE", cf(r)), ", cellulare ", F("PHONE", phone_make(r, "it_mob")), "."])


@pos("fattura", "it", 7)
def _(r):
    return C("it", ["Fattura n. %d/%04d. Cliente: %s, P.IVA " % (r.randint(2023, 2025), r.randint(1, 999), company(r)), F("IT_VAT", piva(r)),
                    ". Pagamento con bonifico su ", F("IBAN", iban(r, ["IT", "IT", "IT", "SM", "DE", "FR"])), ". Controlla che i dati siano completi."])


@pos("pec_disdetta", "it", 3)
def _(r):
    segs = [r.choice(["Mi scrivi una PEC a ", "Prepara una lettera di disdetta da inviare a ", "Rispondi con gentilezza a "]), F("EMAIL", email_make(r))]
    if r.random() < 0.5:
        segs += [" per conto del cliente con C.F. ", F("IT_FISCAL_CODE", cf(r))]
    return C("it", segs + [r.choice([": oggetto disdetta del contratto di locazione.", ", entro venerdì.", ", che chiede lo stato della pratica."])])


@pos("tfr_cf", "it", 5)
def _(r):
    segs = ["La risorsa %s (codice fiscale " % full_name(r), F("IT_FISCAL_CODE", cf(r)), ") ha chiesto l'anticipo del TFR"]
    if r.random() < 0.6:
        segs += [" da accreditare sull'IBAN ", F("IBAN", iban(r, ["IT", "IT", "SM"]))]
    return C("it", segs + [". Prepara una risposta cortese."])


@pos("richiamami", "it", 2)
def _(r):
    segs = [r.choice(["Ciao, sono %s, il mio numero è " % person(r)[0], "Per urgenze il recapito del tecnico è ", "Scrivi un SMS: richiamare la signora al "]),
            F("PHONE", phone_make(r, r.choice(["it_mob", "it_mob", "it_land"])))]
    if r.random() < 0.4:
        segs += [r.choice([" oppure scrivete a ", ", email "]), F("EMAIL", email_make(r))]
    return C("it", segs + [r.choice([", richiamatemi dopo le 18.", " (solo WhatsApp).", " entro domani mattina."])])


@pos("carta_reclamo", "it", 3)
def _(r):
    segs = [r.choice(["Addebito non riconosciuto sulla carta ", "Scrivi un reclamo alla banca: la mia carta ", "Il POS ha rifiutato la carta "]), F("CREDIT_CARD", cc(r))]
    if r.random() < 0.4:
        segs += [", richiamatemi al ", F("PHONE", phone_make(r, "it_mob"))]
    return C("it", segs + [r.choice([". Come scrivo il reclamo?", ". È stata clonata ieri.", ". Errore 05, cosa significa?"])])


@pos("iban_correggi", "it", 3)
def _(r):
    segs = ["Correggi la grammatica: «Per il rimborso usate l'IBAN ", F("IBAN", iban(r, ["IT", "IT", "SM", "DE", "ES", "FR", "BE"])), " intestato a me medesimo"]
    if r.random() < 0.5:
        segs += [", codice fiscale ", F("IT_FISCAL_CODE", cf(r))]
    return C("it", segs + ["»"])


@pos("fornitore", "it", 5)
def _(r):
    return C("it", ["Dati fornitore: ragione sociale %s, partita IVA " % company(r), F("IT_VAT", piva(r) if r.random() < 0.8 else "IT" + piva(r)),
                    ", referente amministrativo ", F("EMAIL", email_make(r)), ". Crea la scheda in formato tabella."])


@pos("piva_only", "it", 3)
def _(r):
    segs = [r.choice(["Verifica su VIES la P. IVA ", "La partita iva ", "Emetti la nota di credito al cliente con P.I. "]), F("IT_VAT", piva(r))]
    if r.random() < 0.45:
        segs += [" (conto di appoggio ", F("IBAN", iban(r, ["IT"])), ")"]
    return C("it", segs + [r.choice([" e dimmi se è attiva.", ": risulta cessata?", " per 120,00 euro."])])


@pos("env_it", "it", 2)
def _(r):
    return C("it", ["Nel file .env c'è DB_PASSWORD=", F("PASSWORD", pw(r)), "\nÈ un problema se lo committo su GitHub?"])


@pos("password_it", "it", 2)
def _(r):
    return C("it", ["Configurazione stampante di rete:\nutente: scanner\npassword: ", F("PASSWORD", pw(r)), "\nperché la scansione su cartella fallisce?"])


@pos("firewall_it", "it", 1)
def _(r):
    return C("it", ["Log del firewall: bloccato traffico in uscita da ", F("IP_ADDRESS", ipv4_make(r, r.choice(["p10", "p192", "p172"]))), " verso ",
                    F("IP_ADDRESS", ipv4_make(r, "pub")), " porta %d. È un malware?" % r.choice([4444, 6667, 8443, 31337])])


@pos("marker_it", "it", 2)
def _(r):
    return C("it", [r.choice(["Il documento è marcato ", "In testata c'è scritto ", "Classificazione: "]), F("CONFIDENTIAL_MARKER", marker(r, "it")),
                    r.choice([": posso incollarlo qui per un riassunto?", ". Riassumi il verbale del CdA in cinque punti.",
                              "\n\nRiscrivi in modo più formale la comunicazione sul piano esuberi."])])


@pos("aws_it", "it", 2)
def _(r):
    return C("it", ["Ho trovato questa chiave in un vecchio script: ", F("AWS_ACCESS_KEY", akid(r)), " con secret ", F("AWS_SECRET_KEY", aws_secret(r)), " - come la revoco?"])


@pos("gitlab_it", "it", 2)
def _(r):
    return C("it", ["Il token ", F("GITLAB_TOKEN", gitlab_token(r)), " è scaduto? GitLab risponde 401 sulla pipeline."])


@pos("openai_it", "it", 2)
def _(r):
    return C("it", ["Come imposto la chiave ", F("OPENAI_KEY", openai_key(r)), " nelle variabili d'ambiente di Windows?"])


@pos("csv_it", "it", 2)
def _(r):
    f, l = person(r)
    return C("it", ["Importa questo CSV nel gestionale:\nnome;codice_fiscale;telefono\n%s %s;" % (l, f), F("IT_FISCAL_CODE", cf(r)), ";", F("PHONE", phone_make(r, "it_mob")), "\n"])


@pos("connstr_it", "it", 2)
def _(r):
    return C("it", ["Ecco la stringa di connessione: ", F("CREDENTIAL_URL", cred_url(r)), " - perché va in timeout dal container?"])


@pos("whatsapp_it", "it", 1)
def _(r):
    return C("it", ["Scrivi un messaggio per %s (" % full_name(r), F("PHONE", phone_make(r)), ") che ricordi l'appuntamento di giovedì alle 9:30."])


@pos("riassumi_cf", "it", 2)
def _(r):
    segs = ["Riassumi: «Assistito: %s, data di nascita %02d/%02d/19%02d, C.F. " % (full_name(r), r.randint(1, 28), r.randint(1, 12), r.randint(40, 99)),
            F("IT_FISCAL_CODE", cf(r)), ", residente in via Garibaldi %d" % r.randint(1, 120)]
    if r.random() < 0.5:
        segs += [", tel. ", F("PHONE", phone_make(r, r.choice(["it_mob", "it_land"])))]
    return C("it", segs + [", chiede il rimborso del ticket.»"])


@pos("bonifico_it", "it", 3)
def _(r):
    segs = ["Bonifico SEPA\nBeneficiario: %s\nIBAN: " % full_name(r), F("IBAN", iban(r))]
    if r.random() < 0.5:
        segs += ["\nP.IVA beneficiario: ", F("IT_VAT", piva(r))]
    return C("it", segs + ["\nCausale: saldo fattura %d\nÈ tutto corretto per un bonifico istantaneo?" % r.randint(10, 400)])


@pos("gdpr_it", "it", 3)
def _(r):
    return C("it", ["Il cliente ci ha mandato per email (", F("EMAIL", email_make(r)), ") il numero di carta ", F("CREDIT_CARD", cc(r)),
                    ": come lo archivio in modo conforme al GDPR?"])


@pos("ssn_it", "it", 1)
def _(r):
    return C("it", ["Il collega americano ha SSN ", F("US_SSN", ssn(r)), ": in quale campo del modulo lo inserisco?"])


@pos("jwt_it", "it", 2)
def _(r):
    return C("it", ["Quando scade questo JWT? ", F("JWT", jwt_make(r))])


@pos("pem_it", "it", 2)
def _(r):
    return C("it", ["Perché ssh-add mi dice 'invalid format'? Ecco la chiave:\n", F("PRIVATE_KEY", pem_make(r, r.choice(["OPENSSH PRIVATE KEY", "RSA PRIVATE KEY"]))), "\n"])


@pos("webhook_it", "it", 3)
def _(r):
    return C("it", ["Il webhook ", F("SLACK_WEBHOOK", slack_webhook(r)), " non pubblica più nel canale #allarmi-produzione. Cosa controllo?"])


@pos("google_it", "it", 3)
def _(r):
    return C("it", ["La chiave ", F("GOOGLE_API_KEY", google_key(r)), " di Google Maps funziona in locale ma in produzione dà RefererNotAllowedMapError."])


@pos("stripe_it", "it", 2)
def _(r):
    return C("it", ["In produzione usiamo ", F("STRIPE_KEY", stripe_key(r)), ": per i test in staging quale chiave devo usare?"])


@pos("slack_it", "it", 1)
def _(r):
    return C("it", ["Il bot Slack con token ", F("SLACK_TOKEN", slack_token(r, r.choice(["xoxb", "xoxp"]))), " non riesce a leggere i canali privati."])


@pos("anthropic_it", "it", 1)
def _(r):
    return C("it", ["Ho messo ", F("ANTHROPIC_KEY", anthropic_key(r, "api03")), " nel file di configurazione di Claude Code ma dà errore di autenticazione."])


@pos("github_it", "it", 2)
def _(r):
    return C("it", ["Questo token ", F("GITHUB_TOKEN", gh_make(r)), " ha ancora i permessi di scrittura sul repository?"])


# more two-finding templates (dev has as many 2-finding cases as 1-finding ones)
@pos("env_llm_pair", "en", 5)
def _(r):
    return C("en", ["staging.env:\nOPENAI_API_KEY=", F("OPENAI_KEY", openai_key(r)), "\nANTHROPIC_API_KEY=", F("ANTHROPIC_KEY", anthropic_key(r)),
                    "\nWhich one does LiteLLM pick when both are set?"])


@pos("env_stripe_db", "en", 5)
def _(r):
    return C("en", ["Heroku config:\nSTRIPE_SECRET_KEY=", F("STRIPE_KEY", stripe_key(r)), "\nDATABASE_URL=", F("CREDENTIAL_URL", cred_url(r)),
                    "\nWhy does the release phase fail?"])


@pos("slack_pair", "en", 4)
def _(r):
    return C("en", ["SLACK_BOT_TOKEN=", F("SLACK_TOKEN", slack_token(r)), "\nSLACK_ALERTS_URL=", F("SLACK_WEBHOOK", slack_webhook(r)),
                    "\nThe bot posts but the webhook returns 403. Why?"])


@pos("google_owner", "en", 4)
def _(r):
    return C("en", ["In the GCP console the key ", F("GOOGLE_API_KEY", google_key(r)), " was created by ", F("EMAIL", email_make(r)),
                    ". Who should restrict it to the Places API?"])


@pos("card_phone_call", "en", 6)
def _(r):
    return C("en", ["Call notes: the caller (", F("PHONE", phone_make(r)), ") read out card ", F("CREDIT_CARD", cc(r)),
                    " to the agent. Rewrite the notes in a PCI-friendly way."])


@pos("carta_telefono_it", "it", 3)
def _(r):
    return C("it", ["La cliente ha chiamato dal ", F("PHONE", phone_make(r, "it_mob")), " e ha dettato la carta ", F("CREDIT_CARD", cc(r)),
                    ". Scrivi il riepilogo della telefonata."])


@pos("ditta_it", "it", 3)
def _(r):
    return C("it", ["Ditta %s - P.IVA " % company(r), F("IT_VAT", piva(r)), " - tel. ", F("PHONE", phone_make(r, "it_land")),
                    ". Scrivi un'offerta per la manutenzione annuale."])


@pos("gitlab_author", "en", 4)
def _(r):
    return C("en", ["git config user.email ", F("EMAIL", email_make(r)), "\ngit push https://gitlab.com/acme/api.git fails with token ",
                    F("GITLAB_TOKEN", gitlab_token(r)), " - 403 forbidden."])


@pos("jwt_user", "en", 4)
def _(r):
    return C("en", ["User ", F("EMAIL", email_make(r)), " gets 401 with this bearer token: ", F("JWT", jwt_make(r)), " - what's wrong with the claims?"])


@pos("gh_commit_email", "en", 3)
def _(r):
    return C("en", ["The bot commits as ", F("EMAIL", email_make(r)), " using ", F("GITHUB_TOKEN", gh_make(r, r.choice(["ghs", "ghp"]))),
                    ". Why are the commits unverified?"])


@pos("csv_pan", "en", 8)
def _(r):
    return C("en", ["Dedupe this export:\nid;customer_email;pan;exp\n%d;" % r.randint(100, 999), F("EMAIL", email_make(r)), ";", F("CREDIT_CARD", cc(r)),
                    ";%02d/%02d" % (r.randint(1, 12), r.randint(26, 30))])


@pos("piva_email_it", "it", 3)
def _(r):
    return C("it", ["Il fornitore con P.IVA ", F("IT_VAT", piva(r)), " chiede di inviare gli ordini a ", F("EMAIL", email_make(r)),
                    ": aggiorna la procedura acquisti."])


@pos("cf_email_it", "it", 4)
def _(r):
    f, l = person(r)
    return C("it", ["Iscrizione al corso: %s %s, codice fiscale " % (f, l), F("IT_FISCAL_CODE", cf(r)), ", email ", F("EMAIL", email_make(r, f, l)),
                    ". Prepara la ricevuta di iscrizione."])


@pos("cf_ssn_en", "en", 1)
def _(r):
    return C("en", ["Our Milan hire has codice fiscale ", F("IT_FISCAL_CODE", cf(r)), " and a US SSN ", F("US_SSN", ssn(r)), " - which goes on the US payroll?"])


@pos("chargeback", "en", 4)
def _(r):
    return C("en", ["Chargeback on card ", F("CREDIT_CARD", cc(r)), ": the order was placed from ", F("IP_ADDRESS", ipv4_make(r, "pub")),
                    " but shipped to Dublin. Write the evidence summary for the dispute."])


@pos("vat_invoice_en", "en", 3)
def _(r):
    return C("en", ["Translate this Italian supplier header into English: \"%s - Partita IVA " % company(r), F("IT_VAT", piva(r)),
                    " - Coordinate bancarie: ", F("IBAN", iban(r, ["IT"])), "\""])


@pos("cf_lookup_en", "en", 2)
def _(r):
    return C("en", ["Our Italian customer wrote their tax code as ", F("IT_FISCAL_CODE", cf(r)), ". Which birth date and town does it encode?"])


PHONE_CTX_IT = ["La cliente ha chiamato dal {} per il reso.", "Sono reperibile al {} fino alle 18.", "Per urgenze contattare il {}.",
                "Il recapito del tecnico è {}.", "Mandami un messaggio al {} quando arrivi.", "Il suo cellulare è {}.", "Chiama il {} per prenotare.",
                "Numero del fornitore: {}.", "Telefonare al {} in orario d'ufficio.", "Ha lasciato il numero {} in segreteria.",
                "Centralino {} - chiedi dell'amministrazione.", "Rispondi al signore che ha scritto dal {} su WhatsApp."]
PHONE_CTX_EN = ["Customer called from {} about the refund.", "Ring {} after lunch.", "You can reach the office on {}.", "Text me at {} when you land.",
                "Dial {} and press 2 for billing.", "Her cell is {}.", "He left a voicemail from {}.", "Please call back {} before Friday.",
                "Support hotline {} - write a polite holding reply.", "The caller ID showed {}; log it in the ticket."]


@pos("phone_ctx_it", "it", 3)
def _(r):
    return C("it", [x if i == 0 else F("PHONE", phone_make(r, r.choice(["it_mob", "it_mob", "it_land"]))) if x is None else x
                    for i, x in enumerate(_split(r.choice(PHONE_CTX_IT)))])


@pos("phone_ctx_en", "en", 3)
def _(r):
    return C("en", [F("PHONE", phone_make(r, r.choice(["us", "uk", "it_mob", "de", "fr"]))) if x is None else x for x in _split(r.choice(PHONE_CTX_EN))])


def _split(t):
    a, b = t.split("{}")
    return [a, None, b]


@pos("signature", "en", 2)
def _(r):
    f, l = person(r)
    hours = r.choice(["", "", " (9-18)", " (Mon-Fri 9-17)", " (24/7)", " (int. 204)", " ext. 31"])
    return C("en", ["Shorten my email signature:\n%s %s\n%s | %s\nT " % (f, l, r.choice(["Account Manager", "Head of IT", "Office Manager"]), company(r)),
                    F("PHONE", phone_make(r, r.choice(["it_land", "uk", "us", "de"]))), hours + "\n", F("EMAIL", email_make(r, f, l)), "\n"])


@pos("firma_it", "it", 2)
def _(r):
    f, l = person(r)
    hours = r.choice(["", "", " (9-13 / 14-18)", " (lun-ven)", " (solo mattina)", " (9-18)"])
    return C("it", ["Rendi più professionale questa firma:\n%s %s - %s\nTel. " % (f, l, company(r)), F("PHONE", phone_make(r, r.choice(["it_land", "it_mob"]))),
                    hours + "\nPEC: ", F("EMAIL", email_make(r, f, l, r.choice(["legalmail.it", "postecert.it", "pec.it"]))), "\n"])


@pos("marker_footer", "en", 3)
def _(r):
    m = r.choice(["HIGHLY CONFIDENTIAL", "Proprietary and Confidential", "NOT FOR DISTRIBUTION", "Confidential", "TLP: AMBER",
                  "Strictly Confidential"])
    pre, post = r.choice([("Page 3 of 12 - ", "\nPlease turn the table above into a chart description."),
                          ("The slide deck footer reads '", "'. Summarise the pricing strategy it describes in 5 bullets."),
                          ("", "\n\nMEMO\nTo: leadership team\nRe: layoffs in Q3\nRewrite this memo in a warmer tone.")])
    return C("en", [pre, F("CONFIDENTIAL_MARKER", m), post])


@pos("marker_footer_it", "it", 2)
def _(r):
    m = r.choice(["RISERVATO E CONFIDENZIALE", "Riservato", "DOCUMENTO RISERVATO", "USO INTERNO", "STRETTAMENTE CONFIDENZIALE"])
    return C("it", [r.choice(["Piè di pagina: ", "Intestazione del verbale: "]), F("CONFIDENTIAL_MARKER", m),
                    r.choice(["\nRiassumi il piano industriale 2026-2028 in dieci righe.", "\nTraduci in inglese la delibera sulle nuove assunzioni."])])


@pos("marker_double", "en", 1)
def _(r):
    a, b = r.choice([("CONFIDENTIAL", "INTERNAL USE ONLY"), ("RISERVATO", "USO INTERNO"), ("TLP:AMBER", "DO NOT DISTRIBUTE"), ("STRICTLY CONFIDENTIAL", "NOT FOR DISTRIBUTION")])
    return C("en", ["Cover page: ", F("CONFIDENTIAL_MARKER", a), " - ", F("CONFIDENTIAL_MARKER", b), "\nWrite a one-paragraph executive summary of the merger terms below."])


@pos("csv_contacts_it", "it", 2)
def _(r):
    rows = []
    n = r.choice([1, 1, 2])
    segs = ["Ordina per città:\nnome;telefono;città\n"]
    for _ in range(n):
        segs += ["%s;" % full_name(r), F("PHONE", phone_make(r, r.choice(["it_mob", "it_land"]))), ";%s\n" % r.choice(["Parma", "Lecce", "Udine", "Trento"])]
    return C("it", segs)


LONG_EN = ("The steering committee reviewed the migration plan for the order-management platform. Phase one moves the reporting "
           "database to the new cluster; phase two retires the legacy batch jobs. Risks: vendor lock-in, the Q3 freeze, and the "
           "training backlog in the warehouse teams. ")
LONG_IT = ("Il comitato ha esaminato il piano di migrazione della piattaforma ordini. La prima fase sposta il database di reportistica "
           "sul nuovo cluster, la seconda dismette i job notturni. Rischi: dipendenza dal fornitore, blocco dei rilasci ad agosto e "
           "formazione arretrata nei magazzini. ")


@pos("long_minutes_en", "en", 2)
def _(r):
    k = r.randrange(3)
    mid = ([" Questions go to the project lead at ", F("EMAIL", email_make(r)), ". "] if k == 0 else
           [" The vendor's on-call number is ", F("PHONE", phone_make(r)), ". "] if k == 1 else
           [" The staging box is ", F("IP_ADDRESS", ipv4_make(r, "p10")), " until cut-over. "])
    return C("en", ["Summarise these minutes in five bullets:\n" + LONG_EN * r.randint(1, 2)] + mid + [LONG_EN * r.randint(1, 2) + "Next review in two weeks."])


@pos("long_minutes_it", "it", 2)
def _(r):
    k = r.randrange(3)
    mid = ([" Per chiarimenti scrivere a ", F("EMAIL", email_make(r)), ". "] if k == 0 else
           [" Il referente del fornitore risponde al ", F("PHONE", phone_make(r, "it_mob")), ". "] if k == 1 else
           [" Le fatture vanno pagate sull'IBAN ", F("IBAN", iban(r, ["IT"])), ". "])
    return C("it", ["Riassumi il verbale in cinque punti:\n" + LONG_IT * r.randint(1, 2)] + mid + [LONG_IT * r.randint(1, 2) + "Prossima riunione tra due settimane."])


@pos("chat_transcript", "en", 2)
def _(r):
    return C("en", ["Classify the intent of this chat:\nUser: hi, my order never arrived\nAgent: sorry! can you confirm your email?\nUser: ", F("EMAIL", email_make(r)),
                    "\nAgent: thanks, and a phone number for the courier?\nUser: ", F("PHONE", phone_make(r)), "\nAgent: done."])


# three-finding cases (rare, like a pasted record)
@pos("hr_record", "en", 3)
def _(r):
    return C("en", ["Convert to JSON:\nName: %s\nEmail: " % full_name(r), F("EMAIL", email_make(r)), "\nPhone: ", F("PHONE", phone_make(r, "us")),
                    "\nSSN: ", F("US_SSN", ssn(r)), "\nStart date: 2025-0%d-01" % r.randint(1, 9)])


@pos("scheda_cliente", "it", 3)
def _(r):
    return C("it", ["Scheda cliente:\n- Nome: %s\n- CF: " % full_name(r), F("IT_FISCAL_CODE", cf(r)), "\n- IBAN: ", F("IBAN", iban(r, ["IT"])),
                    "\n- Email: ", F("EMAIL", email_make(r)), "\nGenera una lettera di benvenuto."])


# ------------------------------------------------------------------ inline distractors (real value + look-alike)
INLINE = []


def inline(name, lang, w):
    def deco(fn):
        INLINE.append((name, lang, w, fn))
        return fn
    return deco


@inline("card_old_new", "en", 3)
def _(r):
    return C("en", ["The customer's new card is ", F("CREDIT_CARD", cc(r)), "; the old one, %s, was rejected by the checksum. Update the profile." % cc_bad(r)])


@inline("iban_two", "it", 3)
def _(r):
    return C("it", ["Il vecchio IBAN %s non è valido, usate questo: " % iban_bad(r), F("IBAN", iban(r, ["IT", "IT", "DE", "ES"])), ". Aggiorna l'anagrafica fornitori."])


@inline("cf_two", "it", 2)
def _(r):
    return C("it", ["Nel gestionale c'è %s ma sulla tessera sanitaria il codice fiscale è " % cf_break_check(cf_make(r)), F("IT_FISCAL_CODE", cf(r)), ": quale tengo?"])


@inline("piva_two", "it", 2)
def _(r):
    return C("it", ["La P.IVA %s viene rifiutata dallo SDI, quella giusta dovrebbe essere " % piva_break(piva_make(r)), F("IT_VAT", piva(r)), ". Rifai la fattura."])


@inline("ssn_sample", "en", 2)
def _(r):
    return C("en", ["The form's example SSN %s is invalid on purpose; the employee's real one is " % ssn_invalid(r), F("US_SSN", ssn(r)), ". Mask it in the export."])


@inline("uuid_email", "en", 2)
def _(r):
    return C("en", ["Ticket %s (build %s): user " % (uuid_like(r), hexs(r, 12)), F("EMAIL", email_make(r)), " cannot reset their password. Draft a reply."])


@inline("placeholder_real", "en", 2)
def _(r):
    return C("en", ["The README says OPENAI_API_KEY=sk-...your-key... but my .env has OPENAI_API_KEY=", F("OPENAI_KEY", openai_key(r)), ". Which one is loaded?"])


@inline("version_ip", "en", 2)
def _(r):
    return C("en", ["After upgrading to v%d.%d.%d the agent at " % (r.randint(2, 9), r.randint(0, 30), r.randint(0, 99)), F("IP_ADDRESS", ipv4_make(r)),
                    " reports build %d.0.%d.%d. Is that the right version?" % (r.randint(10, 11), r.randint(19041, 26100), r.randint(1000, 9999))])


@inline("aws_example_real", "en", 2)
def _(r):
    return C("en", ["The runbook shows AKIA**************** as the format, but our leaked key was ", F("AWS_ACCESS_KEY", aws_akid(r, "AKIA")), ". Write the incident summary."])


# ------------------------------------------------------------------ judgement cases
JUDGE = []


def judge(name, lang, w):
    def deco(fn):
        JUDGE.append((name, lang, w, fn))
        return fn
    return deco


@judge("aws_doc_example", "en", 2)
def _(r):
    return J("en", ["Our SAST tool flags AKIAIOSFODNN7EXAMPLE in docs/setup.md. Is the AWS documentation key a real secret?"],
             "AWS documentation example key: format-valid, publicly known, not a secret", allow={"AKIAIOSFODNN7EXAMPLE"})


@judge("glpat_placeholder", "en", 1)
def _(r):
    return J("en", ["The template has PRIVATE_TOKEN=glpat-xxxxxxxxxxxxxxxxxxxx; replace it with a masked variable."],
             "glpat- + 20 x: matches the format, is a placeholder", allow={"glpat-xxxxxxxxxxxxxxxxxxxx"})


@judge("slack_hook_placeholder", "en", 1)
def _(r):
    return J("en", ["Slack's docs show https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX - what do the three parts mean?"],
             "Slack documentation placeholder webhook", allow={"hooks.slack.com/services/T"})


@judge("loopback_ip", "en", 2)
def _(r):
    v = r.choice(["127.0.0.1", "0.0.0.0", "127.0.1.1"])
    return J("en", ["The server binds to ", F("IP_ADDRESS", v), ":%d, so it is not reachable from my laptop. How do I expose it?" % r.choice([8000, 5000, 3000])],
             "loopback/unspecified address: an IP address by format, not personal or network data")


@judge("cidr", "en", 1)
def _(r):
    return J("en", ["Allow only ", F("IP_ADDRESS", "10.%d.0.0" % r.randint(0, 255)), "/16 in the security group; what does /16 cover?"],
             "network address in CIDR notation")


@judge("four_part_version", "en", 2)
def _(r):
    v = "%d.%d.%d.%d" % (r.randint(1, 9), r.randint(0, 20), r.randint(0, 50), r.randint(1, 200))
    return J("en", ["Firmware %s broke the printer driver; should I roll back?" % v],
             "four-part version number that is also a valid dotted quad", allow={v})


@judge("ssn_nodash", "en", 1)
def _(r):
    v = ssn_make(r).replace("-", "")
    return J("en", ["SSN (no dashes): ", F("US_SSN", v), " - format it for the tax form."], "SSN without separators; only context says it is one")


@judge("ssn_spaced", "en", 1)
def _(r):
    return J("en", ["social security no. ", F("US_SSN", ssn_make(r).replace("-", " ")), " please verify the applicant"], "space-separated SSN")


@judge("stripe_test", "en", 1)
def _(r):
    return J("en", ["Local dev uses ", F("STRIPE_KEY", stripe_key(r, "sk_test_")), " - can I commit it to the repo?"], "Stripe test-mode secret key")


@judge("stripe_publishable", "en", 1)
def _(r):
    k = "pk_live_" + rs(r, AN, 24)
    return J("en", ["Checkout.js is initialised with Stripe('%s'); is it safe in the frontend?" % k], "Stripe publishable key: public by design")


@judge("gh_bad_crc", "en", 2)
def _(r):
    t = gh_bad_crc(r)
    return J("en", ["Is %s a real GitHub token or a made-up one from a blog post?" % t], "ghp_ shape but CRC32 checksum fails")


@judge("git_ssh_remote", "en", 1)
def _(r):
    return J("en", ["git@github.com:acme/payments.git asks for a passphrase every time, how do I cache it?"],
             "scp-like git remote: user@host looks like an email", allow={"git@github.com"})


@judge("retina_asset", "en", 1)
def _(r):
    a = r.choice(["logo@2x.png", "icon-home@3x.png", "banner@2x.webp"])
    return J("en", ["Xcode warns that %s is unused in the asset catalog." % a], "image asset name with @2x: email-shaped", allow={a})


@judge("example_email", "en", 1)
def _(r):
    e = r.choice(["your.name@example.com", "user@example.org", "john.doe@example.com"])
    return J("en", ["In the signup form the placeholder text is '%s'; should it be translated?" % e], "documentation placeholder address (RFC 2606 domain)", allow={e})


@judge("confidential_prose", "en", 2)
def _(r):
    return J("en", [r.choice(["Please keep this confidential until Monday: we are moving the office to Bologna.",
                              "Rewrite politely: this is confidential, do not forward it outside the team.",
                              "Is our chat with the HR bot kept confidential?"])], "lowercase 'confidential' in prose, not a document marker")


@judge("db_placeholder_url", "en", 1)
def _(r):
    u = "postgres://user:password@localhost:5432/mydb"
    return J("en", ["The tutorial uses DATABASE_URL=%s - what does each part mean?" % u], "credential URL with literal placeholder user:password", allow={u})


@judge("pem_header_only", "en", 1)
def _(r):
    return J("en", ["What's the difference between -----BEGIN RSA PRIVATE KEY----- and -----BEGIN PRIVATE KEY----- headers?"],
             "PEM headers without a key body", allow={"-----BEGIN RSA PRIVATE KEY", "-----BEGIN PRIVATE KEY"})


@judge("password_prose_it", "it", 2)
def _(r):
    return J("it", ["La password del wifi dell'ufficio è ", F("PASSWORD", pw(r)), ", scrivi un cartello da appendere in sala riunioni."],
             "password given in prose, not as a key=value")


@judge("curl_user", "en", 1)
def _(r):
    return J("en", ["curl -u elastic:", F("PASSWORD", pw(r).replace("'", "")), " https://es-01.internal:9200/_cat/indices returns 401"],
             "user:password pair in curl -u")


@judge("pgp_private", "en", 1)
def _(r):
    body = "\n".join(rs(r, B64, 64) for _ in range(r.randint(3, 6)))
    k = "-----BEGIN PGP PRIVATE KEY BLOCK-----\n\n" + body + "\n=" + rs(r, B64, 4) + "\n-----END PGP PRIVATE KEY BLOCK-----"
    return J("en", ["gpg --import fails on this, why?\n", F("PRIVATE_KEY", k), "\n"], "PGP armored private key block (not PEM)",
             allow={"-----BEGIN PGP PRIVATE KEY"})


@judge("bcrypt_hash", "en", 1)
def _(r):
    h = "$2b$12$" + rs(r, AN + "./", 53)
    return J("en", ["users.sql has password_hash = '%s'. Is storing this a GDPR problem?" % h], "password hash, not the password itself")


@judge("jwt_alg_none", "en", 1)
def _(r):
    return J("en", ["Our API accepted this token: ", F("JWT", jwt_make(r, alg="none")), " - is alg none dangerous?"], "unsigned JWT (alg none, empty signature)")


@judge("imei", "en", 1)
def _(r):
    d = luhn_complete("86" + rs(r, DG, 12))
    return J("en", ["The phone's IMEI is %s; how do I block it after a theft?" % d], "IMEI: Luhn-valid 15 digits but no card IIN", allow={d})


@judge("ipv6_doc", "en", 1)
def _(r):
    v = "2001:db8:%x::%x" % (r.randint(1, 0xffff), r.randint(1, 0xffff))
    return J("en", ["Add ", F("IP_ADDRESS", v), " to the allow-list of the bastion host."], "IPv6 documentation prefix 2001:db8::/32")


@judge("tlp_green", "en", 1)
def _(r):
    return J("en", ["This advisory is TLP:GREEN. Can I share it with our MSP?"], "TLP:GREEN is community-shareable; marker or not?")


@judge("iban_dash", "it", 1)
def _(r):
    return J("it", ["Mi hanno dato l'IBAN così: ", F("IBAN", iban_format(r, iban_make(r, "IT"), "dash")), ", è scritto bene?"], "IBAN grouped with dashes")


@judge("riservato_adjective", "it", 2)
def _(r):
    return J("it", [r.choice(["Il posto è RISERVATO ai disabili: traduci il cartello in inglese.", "Tavolo RISERVATO per la cena aziendale di venerdì: scrivi il biglietto.",
                              "Parcheggio RISERVATO ai clienti, rimozione forzata: rendilo più cortese."])],
             "uppercase RISERVATO used as 'reserved' (seat/table/parking), not a classification marker")


@judge("enum_marker", "en", 1)
def _(r):
    return J("en", ["Write a Java enum DataClass with PUBLIC, INTERNAL, CONFIDENTIAL and SECRET, plus a method isRestricted()."],
             "classification level names as enum constants, not a document marker")


@judge("ssn_shaped_partno", "en", 1)
def _(r):
    v = ssn_make(r)
    return J("en", [r.choice(["Part no. %s is back-ordered; draft a note to the client.", "Ticket %s was escalated twice, summarise why."]) % v],
             "SSN-shaped number explicitly labelled as something else", allow={v})


@judge("phone_nocontext", "it", 1)
def _(r):
    return J("it", ["Rubrica:\n%s - " % full_name(r), F("PHONE", phone_make(r, r.choice(["it_mob", "fr", "uk"]))), "\n%s - " % full_name(r),
                    F("PHONE", phone_make(r, r.choice(["it_land", "de"]))), "\nOrdina per cognome."], "phone numbers with no phone keyword (contact list)")


@judge("example_email_it", "it", 1)
def _(r):
    e = r.choice(["nome.cognome@dominio.it", "mario.rossi@esempio.it", "tuonome@azienda.it"])
    return J("it", ["Nel modulo c'è il segnaposto \"%s\": lo lascio o lo cancello?" % e], "placeholder address", allow={e})


@judge("pgpass", "en", 1)
def _(r):
    p = rs(r, AN, 14)
    return J("en", ["~/.pgpass has db-01.lan:5432:sales:report:", F("PASSWORD", p), " but psql still prompts. Permissions?"], "password field of a .pgpass line (positional, no key)")


# ------------------------------------------------------------------ negatives
NEG = []


def neg(name, lang, w, hard=True):
    def deco(fn):
        NEG.append((name, lang, w, hard, fn))
        return fn
    return deco


PROSE_EN = ["Write a haiku about the first snow in the Dolomites.", "Explain the difference between a mutex and a semaphore with an analogy.",
            "Give me five ideas for a team-building day under 40 euros per person.", "What is the capital gains tax rate in Portugal for residents?",
            "Summarise the causes of the 2008 financial crisis in plain English.", "Suggest a name for a bakery that only sells sourdough.",
            "How do I center a div vertically with CSS grid?", "Translate 'the meeting is postponed' into Spanish and French.",
            "Create a weekly meal plan for a vegetarian runner.", "What does HTTP status 418 mean and where does it come from?",
            "Write a limerick about a cat who hates Mondays.", "Compare Kafka and RabbitMQ for an event-driven checkout.",
            "List the planets in order of distance from the sun.", "Explain recursion to a ten-year-old.",
            "Rewrite this sentence to sound more confident: I think maybe we could try the new approach.",
            "What are good questions to ask at the end of a job interview?", "Why is the sky blue?",
            "Draft a password policy for a 30-person company (length, rotation, MFA).",
            "Write a privacy notice template for a small e-commerce site.", "What is a private key in public-key cryptography?",
            "Explain what an API token is to a non-technical manager.", "How does IBAN validation work in general terms?"]
PROSE_IT = ["Scrivi una poesia sulla nebbia in pianura padana.", "Qual è la differenza tra SRL e SRLS?", "Come si prepara il ragù alla bolognese?",
            "Spiegami il teorema di Bayes con un esempio sulle diagnosi mediche.", "Suggerisci tre itinerari in bici intorno al lago di Garda.",
            "Come si calcola il codice fiscale? Spiegami l'algoritmo in generale.", "Riassumi la trama dei Malavoglia in cinque righe.",
            "Scrivi un annuncio per affittare un bilocale a studenti.", "Quali documenti servono per aprire una partita IVA da freelance?",
            "Che differenza c'è tra bonifico ordinario e istantaneo?", "Correggi: 'Se avrei saputo, sarei venuto prima.'",
            "Prepara una scaletta per una presentazione sulla sicurezza informatica in ufficio.",
            "Come funziona il cassetto fiscale dell'Agenzia delle Entrate?", "Scrivi una mail per chiedere ferie ad agosto."]


@neg("prose_en", "en", 20, hard=False)
def _(r):
    return C("en", [r.choice(PROSE_EN)])


@neg("prose_it", "it", 6, hard=False)
def _(r):
    return C("it", [r.choice(PROSE_IT)])


@neg("code_en", "en", 6, hard=False)
def _(r):
    return C("en", [r.choice([
        "Why does this leak goroutines?\nfor _, u := range urls {\n  go func() { fetch(u) }()\n}",
        "Optimise this query: SELECT c.id, COUNT(o.id) FROM customers c LEFT JOIN orders o ON o.customer_id = c.id GROUP BY c.id HAVING COUNT(o.id) > 3;",
        "Add type hints: def merge(a, b):\n    return {**a, **b}",
        "What does `git rebase --onto main feature~3 feature` do exactly?",
        "Convert to async/await: fetch(url).then(r => r.json()).then(d => setRows(d.items)).catch(console.error)",
        "Explain this regex: ^(?=.*[A-Z])(?=.*\\d)[A-Za-z\\d@$!%*?&]{12,}$ - it's for the password field.",
        "Write a Django model for a Customer with email, phone and vat_number fields, all optional."])])


@neg("luhn_fail_card", "en", 6)
def _(r):
    return C("en", [r.choice(["Why does Stripe say 'Your card number is incorrect' for ", "Test case: the validator must reject ",
                              "QA ticket: checkout accepts "]), cc_bad(r), r.choice(["?", ".", " even though it fails Luhn."])])


@neg("luhn_fail_card_it", "it", 3)
def _(r):
    return C("it", ["Il numero di carta %s viene rifiutato dal sito: è sbagliato il formato o il numero?" % cc_bad(r)])


@neg("iban_fail", "it", 5)
def _(r):
    return C("it", [r.choice(["L'home banking dice che l'IBAN %s non è corretto: dove può essere l'errore?",
                              "Il cliente ci ha dato %s ma il bonifico torna indietro, perché?",
                              "Verifica il check digit di %s, secondo me è sbagliato."]) % iban_bad(r)])


@neg("iban_fail_en", "en", 2)
def _(r):
    return C("en", ["Our ERP rejects the IBAN %s with 'checksum mismatch'. Is the ERP wrong?" % iban_bad(r)])


@neg("cf_fail", "it", 4)
def _(r):
    k = r.randrange(3)
    v = cf_break_check(cf_make(r)) if k == 0 else cf_bad_month(r) if k == 1 else cf_bad_day(r)
    return C("it", [r.choice(["Il codice fiscale %s viene segnalato come errato dal portale: perché?",
                              "Nel modulo F24 ho scritto %s ma il software dà errore.",
                              "È valido il CF %s? Il carattere di controllo mi sembra giusto."]) % v])


@neg("piva_fail", "it", 4)
def _(r):
    return C("it", [r.choice(["La partita IVA %s risulta inesistente su VIES, come mai?",
                              "Il gestionale non accetta la P.IVA %s del fornitore.",
                              "Controlla la cifra di controllo della P.IVA %s."]) % piva_break(piva_make(r))])


@neg("ssn_invalid", "en", 4)
def _(r):
    return C("en", [r.choice(["The validator rejects SSN %s - which rule does it break?", "Is %s a possible Social Security number?",
                              "Test fixture: invalid SSN %s must raise ValueError."]) % ssn_invalid(r)])


@neg("placeholder_keys", "en", 7)
def _(r):
    v = r.choice(["OPENAI_API_KEY=sk-proj-...", "AWS_ACCESS_KEY_ID=AKIA****************", "GITHUB_TOKEN=ghp_<your token>",
                  "SLACK_BOT_TOKEN=xoxb-your-bot-token", "STRIPE_SECRET_KEY=sk_live_••••••••", "GOOGLE_MAPS_KEY=AIza...REDACTED",
                  "ANTHROPIC_API_KEY=<paste-key-here>", "GITLAB_TOKEN=glpat-<redacted>", "password: ${SMTP_PASSWORD}",
                  "DATABASE_URL=postgres://app:${DB_PASSWORD}@db:5432/app", "aws_secret_access_key = <YOUR_SECRET_KEY>",
                  "password: \"********\"", "webhook: https://hooks.slack.com/services/<team>/<channel>/<token>"])
    return C("en", [r.choice(["Our .env.example contains\n%s\nIs it fine to commit this file?", "In the README: %s - where do I get the real value?",
                              "The linter flags `%s` in docs/. False positive?"]) % v])


@neg("placeholder_it", "it", 3)
def _(r):
    v = r.choice(["password: <inserire qui>", "IBAN: IT00 X000 0000 0000 0000 0000 000", "codice fiscale: XXXXXX00X00X000X",
                  "P.IVA: ___________ (11 cifre)", "cellulare: +39 3XX XXX XXXX", "email: ____@________"])
    return C("it", ["Nel modulo vuoto c'è scritto \"%s\": come lo compilo correttamente?" % v],
             )


@neg("hashes", "en", 6)
def _(r):
    k = r.randrange(5)
    if k == 0:
        t = "Build %s failed at commit %s; exit code %d. What does it mean?" % (uuid_like(r), hexs(r, 40), r.choice([1, 2, 126, 139]))
    elif k == 1:
        t = "sha256sum gives %s but the release page lists %s. Corrupted download?" % (hexs(r, 64), hexs(r, 64))
    elif k == 2:
        t = "docker pull registry.example.io/api@sha256:%s - how do I pin this digest in compose?" % hexs(r, 64)
    elif k == 3:
        t = "git log shows %s and %s as the last two commits; how do I squash them?" % (hexs(r, 40), hexs(r, 40))
    else:
        t = "Request id %s, trace %s, span %s: how do I find it in Jaeger?" % (uuid_like(r), hexs(r, 32), hexs(r, 16))
    return C("en", [t])


@neg("base64_blob", "en", 2)
def _(r):
    return C("en", ["What is inside this base64? %s" % rs(r, B64, r.choice([40, 40, 56, 88]))])


@neg("versions_dates_prices", "en", 4)
def _(r):
    return C("en", ["Release %d.%d.%d ships on %d-%02d-%02d; licences cost $%d,%03d.%02d per year. Write the changelog intro." % (
        r.randint(1, 20), r.randint(0, 40), r.randint(0, 99), r.randint(2025, 2027), r.randint(1, 12), r.randint(1, 28), r.randint(1, 99), r.randint(0, 999), r.randint(0, 99))])


@neg("versions_it", "it", 3)
def _(r):
    return C("it", ["La versione %d.%d del gestionale esce il %02d/%02d/%d; il canone annuo è di € %d.%03d,%02d + IVA 22%%. Prepara l'avviso ai clienti." % (
        r.randint(1, 12), r.randint(0, 9), r.randint(1, 28), r.randint(1, 12), r.randint(2025, 2026), r.randint(1, 60), r.randint(0, 999), r.randint(0, 99))])


@neg("ip_lookalikes", "en", 5)
def _(r):
    k = r.randrange(5)
    if k == 0:
        t = "What does SNMP OID 1.3.6.1.2.1.%d.%d.0 return on a Cisco switch?" % (r.randint(1, 30), r.randint(1, 20))
    elif k == 1:
        t = "Windows build 10.0.%d.%d breaks our VPN client; is there a KB?" % (r.randint(19041, 26100), r.randint(1000, 6000))
    elif k == 2:
        t = "Is %d.%d.%d.%d a valid IPv4 address? Our parser accepts it." % (r.randint(256, 999), r.randint(0, 255), r.randint(0, 255), r.randint(0, 255))
    elif k == 3:
        t = "The MAC address %s keeps getting a new lease; where do I reserve it?" % ":".join("%02X" % r.randint(0, 255) for _ in range(6))
    else:
        t = "In C++ why does std::vector<int>::iterator invalidate after push_back at %02d:%02d:%02d in my logs?" % (r.randint(0, 23), r.randint(0, 59), r.randint(0, 59))
    return C("en", [t])


@neg("email_lookalikes", "en", 5)
def _(r):
    return C("en", [r.choice(["Explain what @SpringBootApplication does compared with @EnableAutoConfiguration.",
                              "npm i @tanstack/react-query@5 fails with ERESOLVE, how do I fix peer deps?",
                              "In Slack, does @here notify people who are offline? And @channel?",
                              "Python: what's the difference between @staticmethod and @classmethod?",
                              "pip install requests==2.32.3 vs requests@latest - which syntax is right?",
                              "Rewrite: we met @ the office @ 10am to discuss Q3."])])


@neg("phone_lookalikes", "it", 4)
def _(r):
    k = r.randrange(4)
    if k == 0:
        t = "L'ISBN 978-88-%02d-%05d-%d è corretto? Il gestionale della libreria lo rifiuta." % (r.randint(4, 99), r.randint(0, 99999), r.randint(0, 9))
    elif k == 1:
        t = "Protocollo n. %07d/%d del %02d/%02d/%d: scrivi la risposta all'ente." % (r.randint(1, 999999), r.randint(2024, 2025), r.randint(1, 28), r.randint(1, 12), r.randint(2024, 2025))
    elif k == 2:
        t = "Il codice ATECO %02d.%02d.%02d è giusto per una software house? CAP della sede %05d." % (r.randint(10, 99), r.randint(0, 99), r.randint(0, 99), r.randint(10000, 98168))
    else:
        t = "Spedizione %s%09dIT in giacenza dal %02d/%02d: cosa devo fare?" % (r.choice(["RR", "RA", "CP"]), r.randint(0, 999999999), r.randint(1, 28), r.randint(1, 12))
    return C("it", [t])


@neg("order_tracking", "en", 4)
def _(r):
    return C("en", ["Order %s-%d shipped on %d-%02d-%02d via UPS %s; customer asks for an ETA." % (
        r.choice(["SO", "PO", "INV"]), r.randint(100000, 99999999), r.randint(2024, 2025), r.randint(1, 12), r.randint(1, 28),
        "1Z" + rs(r, UP + DG, 6) + "%02d%08d" % (r.randint(0, 99), r.randint(0, 99999999)))])


@neg("marker_lookalikes_it", "it", 4)
def _(r):
    return C("it", [r.choice(["Ho un posto riservato in prima fila al teatro: come arrivo da Porta Nuova?",
                              "Il parcheggio è riservato ai residenti dopo le 20?", "Tavolo riservato per 8 persone sabato sera: scrivi la conferma al ristorante.",
                              "Il foglietto dice 'medicinale per uso interno': significa che va ingerito?",
                              "Scrivi un cartello: area riservata al personale, vietato l'accesso.",
                              "Accesso riservato ai soci: come scrivo la regola in inglese?"])])


@neg("marker_lookalikes_en", "en", 3)
def _(r):
    return C("en", [r.choice(["Write a confidentiality clause for a freelance design contract.",
                              "What is confidential computing and do AMD SEV VMs support it?",
                              "This advisory is TLP:CLEAR, so can I post it on our public blog?",
                              "Explain the difference between classified and restricted data in a data-governance policy.",
                              "How do I compute a 95% confidence interval for a conversion rate?"])])


@neg("pubkey_cert", "en", 3)
def _(r):
    k = r.randrange(3)
    if k == 0:
        body = "\n".join(rs(r, B64, 64) for _ in range(r.randint(2, 4)))
        t = "Is this the right format for the JWKS?\n-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8A" + body + "\n-----END PUBLIC KEY-----"
    elif k == 1:
        body = "\n".join(rs(r, B64, 64) for _ in range(r.randint(3, 5)))
        t = "Which CA issued this?\n-----BEGIN CERTIFICATE-----\nMIID" + body + "\n-----END CERTIFICATE-----"
    else:
        t = "Add this to authorized_keys? ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI%s deploy@build-runner" % rs(r, B64, 43)
    return C("en", [t])


@neg("password_lookalikes", "en", 4)
def _(r):
    return C("en", [r.choice(["settings.py has PASSWORD_RESET_TIMEOUT = 259200 - is 3 days too long?",
                              "auth:\n  password_min_length: 14\n  password_history: 5\n  require_password_change: true\nIs this policy NIST-compliant?",
                              "docker login --password-stdin < /run/secrets/registry_token works; why does -p warn?",
                              "Our form field is named password_confirmation; how do I validate it matches in Laravel?",
                              "password: null\nuser: null\nWhy does the YAML loader turn these into None?",
                              "Forgot-password emails land in spam. How do I set up DKIM?"])])


@neg("cred_url_lookalikes", "en", 3)
def _(r):
    return C("en", [r.choice(["REDIS_URL=redis://cache:6379/0 works locally but not in compose, why?",
                              "postgres://reporting@db.internal:5432/metrics asks for a password, where do I put it?",
                              "The masked URL in the logs is amqp://worker:****@rabbit-01.internal:5672/ - how do I unmask it for debugging?",
                              "https://docs.python.org/3/library/urllib.parse.html#url-parsing - explain netloc."])],
             allow={"amqp://worker:****@rabbit-01.internal"})


@neg("jwt_lookalikes", "en", 3)
def _(r):
    k = r.randrange(3)
    if k == 0:
        t = "The pagination cursor is %s - is it safe to expose to clients?" % jwt_no_alg(r)
    elif k == 1:
        t = "The header part eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9 decodes to what?"
    else:
        t = "JWT structure is xxxxx.yyyyy.zzzzz - which part holds the claims?"
    return C("en", [t])


@neg("gh_lookalike", "en", 2)
def _(r):
    return C("en", [r.choice(["Branch ghp_migration_v2 and tag gho_release_2025 conflict in CI; rename which?",
                              "Our feature flag ghs_enabled_for_beta is true in staging only. Why?",
                              "What's the regex for GitHub tokens like ghp_ followed by 36 characters?"])])


@neg("phone_kw_nonphone", "it", 3)
def _(r):
    k = r.randrange(5)
    if k == 0:
        t = "Chiamata n. %d%02d%02d%03d registrata alle %02d:%02d: riassumi l'esito per il CRM." % (r.randint(2024, 2025), r.randint(1, 12), r.randint(1, 28), r.randint(1, 999), r.randint(8, 19), r.randint(0, 59))
    elif k == 1:
        t = "Telefono modello X%d, codice articolo %s: scrivi la scheda prodotto." % (r.randint(100, 900), "800" + rs(r, DG, 10))
    elif k == 2:
        t = "Il ticket della telefonata ha id %d e durata %d secondi: è anomalo?" % (r.randint(10 ** 9, 10 ** 10 - 1), r.randint(30, 3000))
    elif k == 3:
        t = "Phone order #%d placed on %d-%02d-%02d for %d units; draft the confirmation." % (r.randint(10 ** 8, 10 ** 9 - 1), r.randint(2024, 2025), r.randint(1, 12), r.randint(1, 28), r.randint(2, 500))
    else:
        t = "Mobile app build %d%02d%02d%02d crashes on launch; which commit should I bisect first?" % (r.randint(2024, 2025), r.randint(1, 12), r.randint(1, 28), r.randint(0, 99))
    return C("it" if k < 3 else "en", [t])


@neg("numbers_it", "it", 3)
def _(r):
    return C("it", ["Il preventivo n. %d del %02d/%02d prevede %d ore a € %d,00 più trasferta di %d km. Calcola il totale con IVA al 22%%." % (
        r.randint(100, 9999), r.randint(1, 28), r.randint(1, 12), r.randint(5, 120), r.randint(35, 120), r.randint(10, 600))])


@neg("conf_agreement_it", "it", 2)
def _(r):
    return C("it", [r.choice(["Scrivi un accordo di riservatezza (NDA) tra due startup.", "Cosa significa 'dati riservati' secondo il GDPR?",
                              "Come si imposta una password sicura per lo SPID?", "Come recupero la password della PEC?"])])


# ------------------------------------------------------------------ evasions
ZW = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad"]


def fw(s, pred=lambda c: True):
    return "".join(chr(ord(c) + 0xFEE0) if 0x21 <= ord(c) <= 0x7E and pred(c) else c for c in s)


def evade(r, case):
    fs = [(i, s) for i, s in enumerate(case["segs"]) if isinstance(s, F) and s.type not in ("PRIVATE_KEY", "PASSWORD")]
    if not fs:
        return None
    i, f = r.choice(fs)
    v = f.value
    kinds = ["zero-width", "fullwidth"]
    if " " in v and f.type in ("IBAN", "CREDIT_CARD", "PHONE"):
        kinds.append("nbsp")
    kind = r.choice(kinds)
    if kind == "fullwidth":
        if f.type == "EMAIL":
            nv = v.replace("@", "＠") if r.random() < 0.6 else fw(v)
        elif f.type in ("US_SSN", "CREDIT_CARD", "PHONE", "IT_VAT"):
            nv = fw(v, str.isdigit)
        elif f.type in ("IP_ADDRESS",):
            nv = fw(v, str.isalnum)
        else:
            nv = fw(v)
    elif kind == "nbsp":
        nv = v.replace(" ", r.choice(["\u00a0", "\u202f"]))
    else:
        n = r.choice([1, 1, 2])
        nv = v
        for _ in range(n):
            p = r.randint(2, len(nv) - 2)
            nv = nv[:p] + r.choice(ZW) + nv[p:]
    case["segs"][i] = F(f.type, nv)
    case["tags"].add("evasion:" + kind)
    return case


# ------------------------------------------------------------------ self-check
MARKERS = {"CONFIDENTIAL", "STRICTLY CONFIDENTIAL", "COMPANY CONFIDENTIAL", "INTERNAL USE ONLY", "FOR INTERNAL USE ONLY", "TLP:RED",
           "TLP:AMBER", "TLP:AMBER+STRICT", "RESTRICTED", "DO NOT DISTRIBUTE", "RISERVATO", "STRETTAMENTE RISERVATO", "USO INTERNO",
           "RISERVATO - USO INTERNO", "CONFIDENZIALE", "DOCUMENTO RISERVATO", "HIGHLY CONFIDENTIAL", "Proprietary and Confidential",
           "NOT FOR DISTRIBUTION", "Confidential", "TLP: AMBER", "CONFIDENTIAL - INTERNAL USE ONLY", "Strictly Confidential",
           "RISERVATO E CONFIDENZIALE", "Riservato", "STRETTAMENTE CONFIDENZIALE"}


def valid_value(t, raw):
    v = nfkc_strip(raw)
    if t == "EMAIL":
        return bool(EMAIL_RE.fullmatch(v))
    if t == "PHONE":
        d = re.sub(r"\D", "", v)
        return 8 <= len(d) <= 15 and re.fullmatch(r"[+(]?[\d ()./+-]+", v) is not None
    if t == "CREDIT_CARD":
        return card_ok(v)
    if t == "IBAN":
        return iban_ok(v)
    if t == "IT_FISCAL_CODE":
        return cf_ok(v)
    if t == "IT_VAT":
        return piva_ok(v[2:] if v.startswith("IT") else v)
    if t == "US_SSN":
        return ssn_ok(v)
    if t == "IP_ADDRESS":
        try:
            ipaddress.ip_address(v)
            return True
        except ValueError:
            return False
    if t == "AWS_ACCESS_KEY":
        return bool(re.fullmatch(r"(AKIA|ASIA)[A-Z2-7]{16}", v))
    if t == "AWS_SECRET_KEY":
        return bool(re.fullmatch(r"[A-Za-z0-9/+]{40}", v))
    if t == "GITHUB_TOKEN":
        return gh_ok(v) or bool(re.fullmatch(r"github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59}", v))
    if t == "GITLAB_TOKEN":
        return bool(re.fullmatch(r"(glpat-[\w-]{20}|glpat-[\w-]{27,300}\.01[0-9a-z]{7}|gl(rt|dt|ft|soat)-[\w-]{20}|glptt-[0-9a-f]{40}|GR1348941[\w-]{20}|glcbt-[0-9a-f]{2}_[\w-]{20})", v))
    if t == "SLACK_TOKEN":
        return bool(re.fullmatch(r"(xox[bp]-\d{10,13}-\d{10,13}(-\d{10,13})?-[A-Za-z0-9]{24,32}|xapp-1-A[A-Z0-9]{10}-\d{13}-[0-9a-f]{64}|xoxe\.xoxp-1-[A-Za-z0-9]{146})", v))
    if t == "SLACK_WEBHOOK":
        return bool(re.fullmatch(r"https://hooks\.slack\.com/services/T[A-Z0-9]{8,10}/B[A-Z0-9]{8,10}/[A-Za-z0-9]{24}", v))
    if t == "STRIPE_KEY":
        return bool(re.fullmatch(r"[sr]k_(live|test)_[A-Za-z0-9]{24,99}", v))
    if t == "OPENAI_KEY":
        return bool(re.fullmatch(r"sk-(proj-|svcacct-|admin-)?[\w-]{20,74}T3BlbkFJ[\w-]{20,74}", v))
    if t == "ANTHROPIC_KEY":
        return bool(re.fullmatch(r"sk-ant-(api03|admin01)-[\w-]{93}AA", v))
    if t == "GOOGLE_API_KEY":
        return bool(re.fullmatch(r"AIza[\w-]{35}", v))
    if t == "PRIVATE_KEY":
        return bool(re.fullmatch(r"-----BEGIN ([A-Z]+ )*PRIVATE KEY( BLOCK)?-----.*-----END ([A-Z]+ )*PRIVATE KEY( BLOCK)?-----", v, re.S))
    if t == "JWT":
        return jwt_ok(v)
    if t == "CREDENTIAL_URL":
        return bool(re.fullmatch(r"[a-z][a-z0-9+.-]*://[^\s:/@]*:[^\s@/]+@[^\s/]+\S*", v))
    if t == "PASSWORD":
        return bool(v) and not re.search(r"\s", v)
    if t == "CONFIDENTIAL_MARKER":
        return v in MARKERS
    raise ValueError(t)


SCAN = [
    ("EMAIL", EMAIL_RE, None),
    ("AWS_ACCESS_KEY", re.compile(r"(?<![A-Z0-9])(?:AKIA|ASIA)[A-Z0-9]{16}(?![A-Z0-9])"), None),
    ("GOOGLE_API_KEY", re.compile(r"AIza[\w-]{35}"), None),
    ("GITLAB_TOKEN", re.compile(r"(?:glpat|glrt|gldt|glptt|glft|glsoat|glcbt)-[\w-]{20}|GR1348941[\w-]{20}"), None),
    ("SLACK_TOKEN", re.compile(r"xox[abposre][.-]\S*\d|xapp-\d-"), None),
    ("ANTHROPIC_KEY", re.compile(r"sk-ant-\w+-"), None),
    ("OPENAI_KEY", re.compile(r"T3BlbkFJ"), None),
    ("STRIPE_KEY", re.compile(r"[sr]k_(?:live|test)_[A-Za-z0-9]{10,}"), None),
    ("SLACK_WEBHOOK", re.compile(r"hooks\.slack\.com/(?:services|workflows)/T"), None),
    ("PRIVATE_KEY", re.compile(r"-----BEGIN [A-Z ]*PRIVATE KEY"), None),
    ("CREDENTIAL_URL", re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://[^\s:/@]*:[^\s@/]+@[^\s/]+"), None),
    ("GITHUB_TOKEN", re.compile(r"gh[pousr]_[A-Za-z0-9]{36}"), gh_ok),
    ("GITHUB_TOKEN", re.compile(r"github_pat_\w{82}"), None),
    ("JWT", re.compile(r"eyJ[\w-]*\.[\w-]*\.[\w-]*"), jwt_ok),
    ("US_SSN", re.compile(r"(?<!\d)\d{3}-\d{2}-\d{4}(?!\d)"), ssn_ok),
    ("IT_VAT", re.compile(r"(?<![0-9A-Za-z])(?:IT)?\d{11}(?![0-9A-Za-z])"), lambda s: piva_ok(s[-11:])),
    ("IT_FISCAL_CODE", re.compile(r"(?<![0-9A-Za-z])[A-Za-z]{6}[0-9LMNPQRSTUVlmnpqrstuv]{2}[A-Za-z][0-9LMNPQRSTUVlmnpqrstuv]{2}[A-Za-z][0-9LMNPQRSTUVlmnpqrstuv]{3}[A-Za-z](?![0-9A-Za-z])"), cf_ok),
    ("IP_ADDRESS", IPV4_RE, ipv4_ok),
]


def scan_unlabelled(text, allow):
    hits = []
    for typ, rx, ok in SCAN:
        for m in rx.finditer(text):
            s = m.group()
            if ok and not ok(s):
                continue
            if any(a in s or s in a for a in allow):
                continue
            hits.append((typ, s))
    # IBAN: any country prefix + check digits whose compact form of the country's length passes mod-97
    for m in re.finditer(r"(?<![A-Za-z0-9])[A-Za-z]{2}\d{2}(?:[ -]?[A-Za-z0-9]){8,34}", text):
        comp = re.sub(r"[ -]", "", m.group()).upper()
        n = IBAN_LEN.get(comp[:2])
        if n and len(comp) >= n and iban_ok(comp[:n]) and not any(a in m.group() for a in allow):
            hits.append(("IBAN", m.group()))
    # cards: every window of consecutive digit groups with 13..19 digits
    for m in re.finditer(r"(?<![0-9A-Za-z])\d+(?:[ -]\d+)*(?![0-9A-Za-z])", text):
        groups = re.split(r"[ -]", m.group())
        for i in range(len(groups)):
            tot = ""
            for j in range(i, len(groups)):
                tot += groups[j]
                if len(tot) > 19:
                    break
                if len(tot) >= 13 and luhn_sum_ok(tot) and not any(a in m.group() for a in allow):
                    hits.append(("CREDIT_CARD", " ".join(groups[i:j + 1])))
    return hits


def assemble(case):
    text, findings, blank = "", [], ""
    for s in case["segs"]:
        if isinstance(s, F):
            b0 = len(text.encode())
            text += s.value
            findings.append({"type": s.type, "start": b0, "end": len(text.encode()), "value": s.value})
            blank += " \u2591 " if "\n" not in s.value else "\n\u2591\n"
        else:
            text += s
            blank += s
    return text, findings, blank


def self_check(text, findings, blank, allow, tags):
    b = text.encode()
    for f in findings:
        assert b[f["start"]:f["end"]].decode() == f["value"], f
        if not valid_value(f["type"], f["value"]):
            raise AssertionError("invalid labelled value %r %r" % (f["type"], f["value"]))
    hits = scan_unlabelled(nfkc_strip(blank), allow)
    if hits:
        raise Retry(hits)
    # a finding must not contain another valid finding of a different checksum type unlabelled: covered by blanking


# ------------------------------------------------------------------ mixture
def pick(r, table, wi=2):
    tot = sum(t[wi] for t in table)
    x = r.uniform(0, tot)
    for t in table:
        x -= t[wi]
        if x <= 0:
            return t
    return table[-1]


def make_case(r, slot):
    """slot: one of neg, pos, dist, eva, judge"""
    if slot == "neg":
        name, lang, w, hard, fn = pick(r, NEG)
        c = fn(r)
        c["tags"].add("negative")
        return name, c
    if slot == "judge":
        name, lang, w, fn = pick(r, JUDGE)
        c = fn(r)
        if not any(isinstance(s, F) for s in c["segs"]):
            c["tags"].add("negative")
        return name, c
    if slot == "inline":
        name, lang, w, fn = pick(r, INLINE)
        c = fn(r)
        c["tags"].add("distractor")
        return name, c
    name, lang, w, fn = pick(r, POS)
    c = fn(r)
    if slot == "eva":
        evade(r, c)
        if r.random() < 0.35:
            slot = "dist"
    if slot == "dist":
        hard = [n for n in NEG if n[3]]
        nname, nlang, nw, nh, nfn = pick(r, hard)
        d = nfn(r)
        sep = r.choice(["\n\n", "\n\n", "\n\n\n", "\n\nPS: ", "\n---\n"])
        if r.random() < 0.7:
            c["segs"] = c["segs"] + [sep] + d["segs"]
        else:
            c["segs"] = d["segs"] + [r.choice(["\n\n", "\nAlso: ", "\n\n"])] + c["segs"]
        c["allow"] |= d["allow"]
        c["tags"].add("distractor")
        name = name + "+" + nname
    return name, c


def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    seed, n, out = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
    r = random.Random(seed)
    # proportions modelled on dev.jsonl: ~43% negative, ~18% distractor, a few % evasion; judgement cases on top
    slots = (["neg"] * round(n * 0.405) + ["judge"] * round(n * 0.05) + ["dist"] * round(n * 0.145) + ["inline"] * round(n * 0.035)
             + ["eva"] * round(n * 0.03))
    slots += ["pos"] * (n - len(slots))
    slots = slots[:n]
    r.shuffle(slots)
    rows, meta = [], []
    prefix = "a16s%d" % seed
    for i, slot in enumerate(slots):
        for attempt in range(200):
            name, c = make_case(r, slot)
            text, findings, blank = assemble(c)
            try:
                self_check(text, findings, blank, c["allow"], c["tags"])
                break
            except Retry:
                continue
        else:
            raise SystemExit("could not build a clean case for slot %s" % slot)
        tags = sorted(c["tags"])
        row = {"id": "%s-%04d" % (prefix, i), "lang": c["lang"], "text": text, "findings": findings, "tags": tags}
        rows.append(row)
        meta.append({"id": row["id"], "template": name, "why": c["why"]})
    base = out[:-6] if out.endswith(".jsonl") else out
    with open(out, "w", encoding="utf-8") as f:
        for row in rows:
            f.write(json.dumps(row, ensure_ascii=False) + "\n")
    with open(base + ".nojudge.jsonl", "w", encoding="utf-8") as f:
        for row in rows:
            if "judgement" not in row["tags"]:
                f.write(json.dumps(row, ensure_ascii=False) + "\n")
    with open(base + ".meta.jsonl", "w", encoding="utf-8") as f:
        for m in meta:
            f.write(json.dumps(m, ensure_ascii=False) + "\n")
    # summary on stderr
    tc = collections.Counter(f["type"] for row in rows for f in row["findings"])
    tg = collections.Counter(t for row in rows for t in row["tags"])
    nf = collections.Counter(len(row["findings"]) for row in rows)
    lg = collections.Counter(row["lang"] for row in rows)
    print("cases %d  langs %s  findings/case %s" % (len(rows), dict(lg), dict(sorted(nf.items()))), file=sys.stderr)
    print("tags %s" % dict(tg), file=sys.stderr)
    print("types %s" % dict(tc.most_common()), file=sys.stderr)


if __name__ == "__main__":
    main()
