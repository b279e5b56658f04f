#!/usr/bin/env python3
"""audit19 held-out corpus: a sibling of the development corpus, made the way it was made.

  gen.py SEED N OUT.jsonl

Short staff requests (one to three sentences, a config, a code line, a CSV or a table row) that carry
one or two values introduced by a label, in the development corpus's proportions: ~43 % negatives
(plain requests and hard negatives: checksum-failing cards, IBANs and fiscal codes, placeholders,
hashes, UUIDs, versions, amounts, order numbers, decorators, marker words in prose), a third of the
positive cases followed by a negative paragraph (distractor), ~2 % evasions (full-width, zero-width),
~70 % English. New templates and phrasings; every value fabricated from the seed.
Spans are the bare value: no label, no quotes, no "Bearer"; a PEM block from BEGIN to END line.

Writes OUT.jsonl, OUT.nojudge.jsonl (without the cases tagged "judgement") and OUT.meta.jsonl
(template per case and, for judgement cases, the reason).
"""
import json
import os
import random
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import values as V  # noqa: E402

FW = {c: chr(0xFF10 + i) for i, c in enumerate("0123456789")}
ZW = "\u200b"


class Case:
    def __init__(self, r, lang, evade=None):
        self.r = r
        self.lang = lang
        self.parts = []
        self.n = 0
        self.findings = []
        self.tags = []
        self.evade = evade          # None | "fullwidth" | "zero-width"
        self.evade_max = 1          # how many values to evade (dev has a case with two)
        self.evaded = 0
        self.judgement = None

    def t(self, s):
        self.parts.append(s)
        self.n += len(s.encode("utf-8"))
        return self

    def v(self, typ, val):
        if self.evade and self.evaded < self.evade_max:
            ev = evade_value(self.r, typ, val, self.evade)
            if ev is not None:
                val = ev
                self.evaded += 1
                self.tags.append("evasion:" + self.evade)
        b = len(val.encode("utf-8"))
        self.findings.append({"type": typ, "start": self.n, "end": self.n + b, "value": val})
        self.parts.append(val)
        self.n += b
        return self

    def text(self):
        return "".join(self.parts)


def evade_value(r, typ, val, kind):
    if kind == "fullwidth":
        if typ == "EMAIL":
            return val.replace("@", "\uff20")
        if typ in ("US_SSN", "CREDIT_CARD"):
            return "".join(FW.get(c, c) for c in val)
        return None
    if kind == "zero-width":
        if typ == "AWS_ACCESS_KEY":
            return val[:10] + ZW + val[10:]
        if typ == "IT_FISCAL_CODE":
            return val[:8] + ZW + val[8:]
        if typ == "CREDIT_CARD":
            m = [i for i, c in enumerate(val) if c in " -"]
            i = m[len(m) // 2] if m else 8
            return val[:i] + ZW + val[i:]
        return None
    return None


# ============================================================ positive templates (lang, types, fn)
def p_gitlab_ci(c, r):
    c.t("Our pipeline can't fetch the submodule anymore: `fatal: Authentication failed`. The CI variable is CI_PUSH_TOKEN=")
    c.v("GITLAB_TOKEN", V.gitlab19(r)).t(" — did it expire?")


def p_gitlab_yaml(c, r):
    c.t(".gitlab-ci.yml excerpt:\nvariables:\n  REGISTRY_TOKEN: \"").v("GITLAB_TOKEN", V.gitlab19(r))
    c.t("\"\nWhy does `docker login registry.gitlab.com` still answer unauthorized?")


def p_vat_iban_table(c, r):
    c.t("Metti questi dati in una tabella: fornitore Officina Sarti Srl, P.IVA ").v("IT_VAT", V.piva_make(r))
    c.t(", IBAN ").v("IBAN", V.iban19(r)).t(", pagamento a 60 giorni.")


def p_vat_iban_invoice(c, r):
    c.t("Controlla questa fattura: partita IVA ").v("IT_VAT", V.piva_make(r))
    c.t(", saldo da versare sull'IBAN ").v("IBAN", V.iban19(r)).t(" entro fine mese. La scadenza è corretta?")


def p_openai_client(c, r):
    c.t("Getting openai.AuthenticationError with client = OpenAI(api_key=\"").v("OPENAI_KEY", V.openai19(r))
    c.t("\"). Did someone rotate the key?")


def p_openai_export(c, r):
    c.t("My ~/.zshrc has export OPENAI_API_KEY=").v("OPENAI_KEY", V.openai19(r))
    c.t(" but python still says the key is missing. Why?")


def p_email_phone_followup(c, r):
    c.t("Draft a short follow-up to the supplier. Contact: ").v("EMAIL", V.email19(r))
    c.t(", mobile ").v("PHONE", V.phone19(r)).t(". Mention the delayed pallets.")


def p_email_phone_crm(c, r):
    f, l = V.person19(r)
    c.t("Turn this into a CRM contact JSON:\nName: %s %s\nE-mail: " % (f, l)).v("EMAIL", V.email19(r, f, l))
    c.t("\nTel: ").v("PHONE", V.phone19(r)).t("\n")


def p_google_geocode(c, r):
    c.t("The Geocoding API returns REQUEST_DENIED for key=").v("GOOGLE_API_KEY", V.google_key(r))
    c.t(" even though billing is enabled. What else should I check?")


def p_google_firebase(c, r):
    c.t("Is it safe to ship this in the frontend? const firebaseConfig = { apiKey: \"").v("GOOGLE_API_KEY", V.google_key(r))
    c.t("\", authDomain: \"shop-%d.firebaseapp.com\" };" % r.randint(100, 999))


def p_aws_credentials(c, r):
    c.t("The CLI says InvalidClientTokenId. ~/.aws/credentials:\n[default]\naws_access_key_id = ")
    c.v("AWS_ACCESS_KEY", V.aws_akid(r)).t("\naws_secret_access_key = ").v("AWS_SECRET_KEY", V.aws_secret(r)).t("\nregion = eu-south-1\n")


def p_aws_terraform(c, r):
    c.t("terraform plan fails with 'SignatureDoesNotMatch':\nprovider \"aws\" {\n  access_key = \"")
    c.v("AWS_ACCESS_KEY", V.aws_akid(r)).t("\"\n  secret_key = \"").v("AWS_SECRET_KEY", V.aws_secret(r)).t("\"\n}")


def p_email_cf_pec(c, r):
    c.t("Prepara una PEC per ").v("EMAIL", V.email19(r))
    c.t(": il contribuente (C.F. ").v("IT_FISCAL_CODE", V.cf19(r)).t(") chiede la rateizzazione dell'avviso.")


def p_email_cf_form(c, r):
    c.t("Compila il modulo di iscrizione con questi dati: email ").v("EMAIL", V.email19(r))
    c.t(", codice fiscale ").v("IT_FISCAL_CODE", V.cf19(r)).t(", residenza a Forlì.")


def p_ssn_email_onboarding(c, r):
    c.t("Onboarding form for the new hire: SSN: ").v("US_SSN", V.ssn19(r)).t(" | Email: ")
    c.v("EMAIL", V.email19(r)).t(". Tell me which fields are still missing.")


def p_ssn_email_sql(c, r):
    c.t("Write the SQL INSERT for this employee: ssn '").v("US_SSN", V.ssn19(r)).t("', email '")
    c.v("EMAIL", V.email19(r)).t("', start date next Monday.")


def p_phone_cf_cell(c, r):
    c.t("La signora Conti ha lasciato il cellulare ").v("PHONE", V.phone19(r))
    c.t(" e il codice fiscale ").v("IT_FISCAL_CODE", V.cf19(r)).t(" per il rimborso. Scrivi una risposta cortese.")


def p_phone_cf_callcenter(c, r):
    c.t("Nota del call center: richiamare il cliente al numero ").v("PHONE", V.phone19(r))
    c.t(", cod. fiscale ").v("IT_FISCAL_CODE", V.cf19(r)).t(". Riformula la nota in modo più chiaro.")


def p_vat_iban_contract(c, r):
    c.t("Inserisci nella clausola di pagamento: l'appaltatore, partita IVA ").v("IT_VAT", V.piva_make(r))
    c.t(", indica come conto di accredito l'IBAN ").v("IBAN", V.iban19(r)).t(".")


def p_vat_iban_anagrafica(c, r):
    c.t("Anagrafica fornitore\nRagione sociale: Lavanderia Stella Snc\nP.IVA: ").v("IT_VAT", V.piva_make(r))
    c.t("\nIBAN: ").v("IBAN", V.iban19(r)).t("\nMi dici se manca qualcosa?")


def p_phone_card_transcript(c, r):
    c.t("Summarise this call: the customer rang from ").v("PHONE", V.phone19(r))
    c.t(" saying card ").v("CREDIT_CARD", V.card19(r)).t(" was charged twice for the same order.")


def p_phone_card_ticket(c, r):
    c.t("Open a refund ticket: caller ").v("PHONE", V.phone19(r)).t(", card number ")
    c.v("CREDIT_CARD", V.card19(r)).t(", amount $%d.%02d." % (r.randint(12, 480), r.randint(0, 99)))


def p_ip_email_login(c, r):
    c.t("Analizza questo evento: login fallito per ").v("EMAIL", V.email19(r))
    c.t(" dall'indirizzo ").v("IP_ADDRESS", V.ip19(r)).t(", cinque tentativi in due minuti. È un attacco?")


def p_ip_email_audit(c, r):
    c.t("Nel registro accessi c'è: utente=").v("EMAIL", V.email19(r)).t(" sorgente=")
    c.v("IP_ADDRESS", V.ip19(r)).t(" esito=DENY. Spiegami cosa significa.")


def p_jwt_expired(c, r):
    c.t("Why does the gateway say this JWT is expired? ").v("JWT", V.jwt19(r))


def p_jwt_postman(c, r):
    c.t("Postman sends the header Authorization: Bearer ").v("JWT", V.jwt19(r)).t(" and the API replies 403. Ideas?")


def p_url_stripe_compose(c, r):
    c.t("The container keeps restarting, docker-compose.yml:\n  environment:\n    - DB_URL=").v("CREDENTIAL_URL", V.cred_url19(r))
    c.t("\n    - STRIPE_API_KEY=").v("STRIPE_KEY", V.stripe19(r)).t("\n")


def p_url_stripe_settings(c, r):
    c.t("How do I move these to environment variables?\nDATABASE = \"").v("CREDENTIAL_URL", V.cred_url19(r))
    c.t("\"\nSTRIPE_KEY = \"").v("STRIPE_KEY", V.stripe19(r)).t("\"")


def p_webhook_curl(c, r):
    c.t("curl -X POST -d '{\"text\":\"deploy ok\"}' ").v("SLACK_WEBHOOK", V.webhook19(r)).t(" answers invalid_payload. What's wrong with the JSON?")


def p_webhook_alertmanager(c, r):
    c.t("Alertmanager config has slack_api_url: ").v("SLACK_WEBHOOK", V.webhook19(r)).t(" but no message ever reaches the channel.")


def p_email_card_semicolon(c, r):
    c.t("Clean up this export:\nid;mail;pan\n%d;" % r.randint(10, 999)).v("EMAIL", V.email19(r)).t(";").v("CREDIT_CARD", V.card19(r)).t("\n")


def p_email_card_markdown(c, r):
    c.t("| customer | email | card |\n|---|---|---|\n| %s | " % r.choice(V.LAST19)).v("EMAIL", V.email19(r))
    c.t(" | ").v("CREDIT_CARD", V.card19(r)).t(" |\nMake it a bulleted list.")


def p_password_compose(c, r):
    c.t("Postgres refuses the connection:\ndb:\n  image: postgres:16\n  environment:\n    POSTGRES_PASSWORD: ").v("PASSWORD", V.password19(r)).t("\n")


def p_password_properties(c, r):
    c.t("Access denied for user 'app'. application.properties:\nspring.datasource.username=app\nspring.datasource.password=")
    c.v("PASSWORD", V.password19(r)).t("\n")


def p_marker_footer(c, r):
    c.t("The footer of every slide reads ").v("CONFIDENTIAL_MARKER", V.marker19(r)).t(". Turn the bullet points into a one-page summary.")


def p_marker_classification(c, r):
    c.t("Document classification: ").v("CONFIDENTIAL_MARKER", V.marker19(r)).t(". Please proofread the paragraph below and fix the tone.")


def p_anthropic_client(c, r):
    c.t("anthropic.Anthropic(api_key=\"").v("ANTHROPIC_KEY", V.anthropic19(r)).t("\") raises authentication_error, is the key revoked?")


def p_anthropic_env(c, r):
    c.t("I put ANTHROPIC_API_KEY=").v("ANTHROPIC_KEY", V.anthropic19(r)).t(" in .env but the SDK says no API key was provided.")


def p_slack_sdk(c, r):
    c.t("WebClient(token=\"").v("SLACK_TOKEN", V.slack19(r)).t("\").chat_postMessage(...) returns not_in_channel. How do I fix it?")


def p_slack_bolt(c, r):
    c.t("Bolt app starts with SLACK_BOT_TOKEN=").v("SLACK_TOKEN", V.slack19(r)).t(" — which scopes does chat:write need?")


def p_card_correct(c, r):
    c.t("Correggi l'italiano: \"la carta numero ").v("CREDIT_CARD", V.card19(r)).t(" è stata addebbitata due volte nello stesso giorno\"")


def p_card_reply(c, r):
    c.t("Rispondi al cliente che la sua carta ").v("CREDIT_CARD", V.card19(r)).t(" risulta scaduta e va aggiornata nell'area personale.")


def p_pem_deploy(c, r):
    c.t("The CI runner says 'invalid format' for this deploy key:\n").v("PRIVATE_KEY", V.pem19(r)).t("\n")


def p_pem_convert(c, r):
    c.t("How do I convert this key to PKCS#8?\n").v("PRIVATE_KEY", V.pem19(r))


def p_gh_cli(c, r):
    c.t("`echo ").v("GITHUB_TOKEN", V.gh19(r)).t(" | gh auth login --with-token` fails with 'bad credentials'. Scopes?")


def p_gh_npmrc(c, r):
    c.t("npm publish to GitHub Packages returns 401. .npmrc:\n//npm.pkg.github.com/:_authToken=").v("GITHUB_TOKEN", V.gh19(r)).t("\n")


POS = [
    ("en", p_gitlab_ci), ("en", p_gitlab_yaml), ("it", p_vat_iban_table), ("it", p_vat_iban_invoice),
    ("en", p_openai_client), ("en", p_openai_export), ("en", p_email_phone_followup), ("en", p_email_phone_crm),
    ("en", p_google_geocode), ("en", p_google_firebase), ("en", p_aws_credentials), ("en", p_aws_terraform),
    ("it", p_email_cf_pec), ("it", p_email_cf_form), ("en", p_ssn_email_onboarding), ("en", p_ssn_email_sql),
    ("it", p_phone_cf_cell), ("it", p_phone_cf_callcenter), ("it", p_vat_iban_contract), ("it", p_vat_iban_anagrafica),
    ("en", p_phone_card_transcript), ("en", p_phone_card_ticket), ("it", p_ip_email_login), ("it", p_ip_email_audit),
    ("en", p_jwt_expired), ("en", p_jwt_postman), ("en", p_url_stripe_compose), ("en", p_url_stripe_settings),
    ("en", p_webhook_curl), ("en", p_webhook_alertmanager), ("en", p_email_card_semicolon), ("en", p_email_card_markdown),
    ("en", p_password_compose), ("en", p_password_properties), ("en", p_marker_footer), ("en", p_marker_classification),
    ("en", p_anthropic_client), ("en", p_anthropic_env), ("en", p_slack_sdk), ("en", p_slack_bolt),
    ("it", p_card_correct), ("it", p_card_reply), ("en", p_pem_deploy), ("en", p_pem_convert),
    ("en", p_gh_cli), ("en", p_gh_npmrc),
]


# ============================================================ negative templates
def n_sha_mirror(c, r):
    c.t("sha256sum prints %s for the ISO but the mirror lists %s. Which one do I trust?" % (V.sha256hex(r), V.sha256hex(r)))


def n_sha_digest(c, r):
    c.t("How do I pin image@sha256:%s in docker compose so it never changes?" % V.sha256hex(r))


def n_prose_en1(c, r):
    c.t(r.choice(["Suggest five names for a bakery that only sells sourdough.",
                  "Give me a packing list for a three-day hike in the Alps.",
                  "Write a haiku about a printer that jams every Monday."]))


def n_prose_en2(c, r):
    c.t(r.choice(["Explain the difference between a mutex and a semaphore in simple terms.",
                  "What is the difference between latency and throughput?",
                  "Summarise the causes of the 1929 stock market crash in a paragraph."]))


def n_order_parcel(c, r):
    c.t("Parcel SPD-%08d was due on %s and still hasn't arrived. Write a complaint to the courier." % (r.randint(0, 10 ** 8 - 1), V.date19(r)))


def n_order_invoice(c, r):
    c.t("Invoice INV-%d-%05d dated %s shows as unpaid in the portal; draft a polite reminder." % (r.randint(2020, 2026), r.randint(1, 99999), V.date19(r)))


def n_code_loop(c, r):
    c.t(r.choice(["Why does this loop never end? for (let i = 0; i < items.length; i--) { total += items[i].price; }",
                  "Why does this loop never end? while (node != null) { count++; }"]))


def n_code_hints(c, r):
    c.t(r.choice(["Add type hints to this: def merge(a, b): return {**a, **b}",
                  "Make this Rust compile: let v = vec![1, 2, 3]; let first = &v[0]; v.push(4); println!(\"{}\", first);"]))


def n_prose_it1(c, r):
    c.t(r.choice(["Scrivi una breve poesia sull'autunno in Val di Non.",
                  "Quali sono le differenze principali tra una SRL e una SPA?",
                  "Consigliami tre libri per imparare la statistica da zero."]))


def n_prose_it2(c, r):
    c.t(r.choice(["Come si usa il congiuntivo dopo \"benché\"? Fammi qualche esempio.",
                  "Spiegami in parole semplici cos'è l'inflazione.",
                  "Riassumi la trama dei Malavoglia in cinque righe."]))


def n_uuid_job(c, r):
    c.t("Job %s on runner-%d was killed with signal 9 right after commit %s. Is it memory?" % (V.uuid19(r), r.randint(1, 20), V.sha1hex(r)))


def n_uuid_trace(c, r):
    c.t("The log line has request_id=%s and revision %s; how do I search both in Kibana?" % (V.uuid19(r), V.sha1hex(r)[:r.choice([7, 12, 40])]))


def n_card_bad1(c, r):
    c.t("The payment page says 'card number invalid' for %s. Did I mistype a digit?" % V.card19_bad(r))


def n_card_bad2(c, r):
    c.t("My validation regex accepts %s but the Luhn check rejects it — which one is right?" % V.card19_bad(r))


def n_release_it1(c, r):
    c.t("Prepara il changelog della versione %s rilasciata il %s; costo di sviluppo %s." % (V.version19(r), V.date19(r), V.euro19(r)))


def n_release_it2(c, r):
    c.t("La build %s del %s ha ridotto i tempi del %d%%; budget residuo %s. Fai un riassunto per il cliente." % (V.version19(r), V.date19_it(r), r.randint(5, 60), V.euro19(r)))


def n_words_en1(c, r):
    c.t(r.choice(["Draft an internal memo announcing our new password rotation policy.",
                  "Write a checklist for keeping secrets out of git repositories.",
                  "Create a slide outline on how to label confidential documents."]))


def n_words_en2(c, r):
    c.t(r.choice(["How should a startup handle confidential information shared by investors?",
                  "Write an onboarding email about our private GitHub organisation for new hires.",
                  "Explain what an API key is to a non-technical manager."]))


def n_placeholder1(c, r):
    c.t(r.choice(["The docs say `export SLACK_BOT_TOKEN=xoxb-your-token`; where do I find mine?",
                  "The README shows OPENAI_API_KEY=<insert-key-here>; do I need quotes around it?",
                  "Example config uses token: ghp_XXXX…; how long should a real one be?"]))


def n_placeholder2(c, r):
    c.t(r.choice(["Our .env.example has STRIPE_KEY=sk_live_... and AWS_ACCESS_KEY_ID=AKIA****; which do I fill first?",
                  "In the wiki the password field says password: ********, should I ask IT for mine?",
                  "The template says api_key: \"${GOOGLE_API_KEY}\"; is the variable expanded at runtime?"]))


def n_at_java(c, r):
    c.t("What does %s do in Spring Boot, and when should I avoid it?" % r.choice(["@Transactional", "@Autowired", "@RestController", "@Value(\"${app.name}\")"]))


def n_at_py(c, r):
    c.t(r.choice(["In Python, when would you use @staticmethod instead of @classmethod?",
                  "Should I install @nestjs/cli globally or per project?",
                  "Why does @functools.lru_cache not work on methods with a list argument?"]))


def n_iban_bad1(c, r):
    c.t("Il gestionale rifiuta l'IBAN %s: puoi controllare le cifre di controllo?" % V.iban19_bad(r))


def n_iban_bad2(c, r):
    c.t("Spiegami come si verifica un IBAN usando come esempio %s, che la banca dice errato." % V.iban19_bad(r))


def n_cf_bad1(c, r):
    c.t("Il portale dice che il codice fiscale %s non è corretto: qual è il problema?" % V.cf19_bad(r))


def n_cf_bad2(c, r):
    c.t("Come si calcola l'ultimo carattere del CF? Nel mio caso %s non torna." % V.cf19_bad(r))


NEG = [
    ("en", n_sha_mirror), ("en", n_sha_digest), ("en", n_prose_en1), ("en", n_prose_en2), ("en", n_order_parcel),
    ("en", n_order_invoice), ("en", n_code_loop), ("en", n_code_hints), ("it", n_prose_it1), ("it", n_prose_it2),
    ("en", n_uuid_job), ("en", n_uuid_trace), ("en", n_card_bad1), ("en", n_card_bad2), ("it", n_release_it1),
    ("it", n_release_it2), ("en", n_words_en1), ("en", n_words_en2), ("en", n_placeholder1), ("en", n_placeholder2),
    ("en", n_at_java), ("en", n_at_py), ("it", n_iban_bad1), ("it", n_iban_bad2), ("it", n_cf_bad1), ("it", n_cf_bad2),
]


# ============================================================ judgement templates (reason, fn)
def j_test_card(c, r):
    d = r.choice(["4242 4242 4242 4242", "4111 1111 1111 1111", "5555 5555 5555 4444", "4000 0566 5566 5556"])
    c.t("In Stripe test mode the card ").v("CREDIT_CARD", d).t(" gets declined with 'incorrect_number'. Why?")
    c.judgement = "well-known documentation test card: Luhn-valid and labelled a card, but published as a test value"


def j_aws_example(c, r):
    c.t("Is this the right format? aws_access_key_id=").v("AWS_ACCESS_KEY", "AKIAIOSFODNN7EXAMPLE")
    c.t(" aws_secret_access_key=").v("AWS_SECRET_KEY", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")
    c.judgement = "AWS documentation example pair: format-valid and labelled, but a published example"


def j_marker_titlecase(c, r):
    m = r.choice(["Confidential", "Internal Use Only", "Riservato"])
    c.v("CONFIDENTIAL_MARKER", m).t(" — Q%d board pack\nSummarise the three bullet points below for the sales team." % r.randint(1, 4))
    c.judgement = "marker written in title case as a header line; dev's markers are all in capitals"


def j_password_prose(c, r):
    if c.lang == "it":
        c.t("Fai un cartello per gli ospiti: la password del wifi è ").v("PASSWORD", V.password19(r)).t(", rete Ospiti-Piano2.")
    else:
        c.t("Make a sign for visitors: the guest wifi password is ").v("PASSWORD", V.password19(r)).t(", network Lobby-5G.")
    c.judgement = "password given in prose with no key=value label"


def j_glpat_placeholder(c, r):
    c.t("The tutorial writes CI_TOKEN=glpat-xxxxxxxxxxxxxxxxxxxx; do I replace the x's with my token?")
    c.judgement = "placeholder of the exact token length (glpat- + 20 x): format-valid, labelled negative"


JUDGE = [("en", j_test_card), ("en", j_aws_example), ("en", j_marker_titlecase), ("it", j_password_prose),
         ("en", j_password_prose), ("en", j_glpat_placeholder)]

EVADABLE = {"fullwidth": {"EMAIL", "US_SSN", "CREDIT_CARD"}, "zero-width": {"AWS_ACCESS_KEY", "IT_FISCAL_CODE", "CREDIT_CARD"}}


# ============================================================ self-check
CHECK = {
    "CREDIT_CARD": V.card_ok, "IBAN": V.iban_ok, "IT_FISCAL_CODE": V.cf_ok, "IT_VAT": V.piva_ok, "US_SSN": V.ssn_ok,
    "JWT": V.jwt_ok,
    "GITHUB_TOKEN": lambda s: V.gh_ok(s) or s.startswith("github_pat_"),
    "EMAIL": lambda s: bool(V.EMAIL_RE.fullmatch(s)),
    "IP_ADDRESS": lambda s: V.ipv4_ok(s) or ":" in s,
    "AWS_ACCESS_KEY": lambda s: bool(re.fullmatch(r"(AKIA|ASIA)[A-Z2-7]{16}", s)),
    "AWS_SECRET_KEY": lambda s: bool(re.fullmatch(r"[A-Za-z0-9+/]{40}", s)),
    "GITLAB_TOKEN": lambda s: bool(re.fullmatch(r"glpat-[A-Za-z0-9_-]{20}", s)),
    "SLACK_TOKEN": lambda s: bool(re.fullmatch(r"xox[bp]-\d+-\d+-[A-Za-z0-9]+", s)),
    "SLACK_WEBHOOK": lambda s: s.startswith("https://hooks.slack.com/services/T"),
    "STRIPE_KEY": lambda s: bool(re.fullmatch(r"[sr]k_live_[A-Za-z0-9]{24,99}", s)),
    "OPENAI_KEY": lambda s: s.startswith("sk-") and "T3BlbkFJ" in s,
    "ANTHROPIC_KEY": lambda s: s.startswith("sk-ant-api03-") and s.endswith("AA"),
    "GOOGLE_API_KEY": lambda s: bool(re.fullmatch(r"AIza[A-Za-z0-9_-]{35}", s)),
    "PRIVATE_KEY": lambda s: s.startswith("-----BEGIN ") and s.endswith("PRIVATE KEY-----"),
    "CREDENTIAL_URL": lambda s: bool(re.fullmatch(r"[a-z+]+://[^:@/\s]+:[^@/\s]+@[^\s/]+/\w+", s)),
    "PASSWORD": lambda s: len(s) >= 6 and " " not in s,
    "CONFIDENTIAL_MARKER": lambda s: len(s) > 3,
    "PHONE": lambda s: 9 <= len(re.sub(r"\D", "", s)) <= 13,
}

LEAK_RES = [
    ("EMAIL", V.EMAIL_RE, lambda s: True),
    ("IBAN", re.compile(r"\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{1,4}){3,8}\b"), V.iban_ok),
    ("IT_FISCAL_CODE", re.compile(r"\b[A-Z]{6}[0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{3}[A-Z]\b"), V.cf_ok),
    ("IT_VAT", re.compile(r"(?<![\w-])\d{11}(?![\w-])"), V.piva_ok),
    ("US_SSN", re.compile(r"(?<![\w-])\d{3}-\d{2}-\d{4}(?![\w-])"), V.ssn_ok),
    ("CREDIT_CARD", re.compile(r"(?<![\w-])\d(?:[ -]?\d){12,18}(?![\w])"), V.card_ok),
    ("IP_ADDRESS", V.IPV4_RE, V.ipv4_ok),
    ("TOKEN", re.compile(r"(AKIA|ASIA)[A-Z2-7]{16}|gh[pousr]_[A-Za-z0-9]{36}|glpat-[A-Za-z0-9_-]{20}|xox[abpe]-\d|"
                         r"[sr]k_live_[A-Za-z0-9]{10}|sk-(proj-|ant-)?[A-Za-z0-9]{20}|AIza[A-Za-z0-9_-]{35}|eyJ[A-Za-z0-9_-]{10,}\.|"
                         r"BEGIN [A-Z ]*PRIVATE KEY|hooks\.slack\.com/services/T|://[^\s:/@]+:[^\s@/]+@"), lambda s: True),
]


class Leak(Exception):
    """a valid value left unlabelled in the text: the case is drawn again"""


def self_check(rec, judgement):
    text = rec["text"]
    b = text.encode("utf-8")
    spans = []
    for f in rec["findings"]:
        got = b[f["start"]:f["end"]].decode("utf-8")
        assert got == f["value"], (rec["id"], got, f["value"])
        norm = V.nfkc_strip(got)
        assert CHECK[f["type"]](norm), (rec["id"], f["type"], got)
        spans.append((f["start"], f["end"]))
    # no valid value outside the labelled spans (on the normalised text, mapped roughly by value search)
    masked = text
    for f in sorted(rec["findings"], key=lambda f: -f["start"]):
        pre = b[:f["start"]].decode("utf-8")
        post = b[f["end"]:].decode("utf-8")
        masked = pre + "\u2591" * 3 + post
        b = masked.encode("utf-8")
    masked = V.nfkc_strip(masked)
    if judgement:
        return
    for name, rx, ok in LEAK_RES:
        for m in rx.finditer(masked):
            if ok(m.group(0)):
                raise Leak((rec["id"], name, m.group(0)))


# ============================================================ driver
def make_case(r, idx, seed):
    u = r.random()
    cid = "a19-%d-%04d" % (seed, idx)
    if u < 0.03:
        lang, fn = r.choice(JUDGE)
        c = Case(r, lang)
        fn(c, r)
        kind = "judgement"
    elif u < 0.03 + 0.415:
        lang, fn = r.choice(NEG)
        c = Case(r, lang)
        fn(c, r)
        kind = "negative"
    else:
        evade = None
        if r.random() < 0.032:
            evade = r.choice(["fullwidth", "fullwidth", "fullwidth", "zero-width"])
        pool = POS
        if evade:
            pool = [p for p in POS if _types_of(p[1]) & EVADABLE[evade]]
        lang, fn = r.choice(pool)
        c = Case(r, lang, evade)
        if evade == "fullwidth" and r.random() < 0.15:
            c.evade_max = 2
        fn(c, r)
        assert not evade or c.evaded, fn.__name__
        kind = "positive"
        if r.random() < 0.33:
            nlang, nfn = r.choice(NEG)
            d = Case(r, nlang)
            nfn(d, r)
            c.t("\n\n" + d.text())
            c.tags.append("distractor")
            c.distractor = nfn.__name__
    tags = list(c.tags)
    if not c.findings:
        tags.insert(0, "negative")
    if c.judgement:
        tags.append("judgement")
    rec = {"id": cid, "lang": c.lang, "text": c.text(),
           "findings": c.findings, "tags": tags}
    meta = {"id": cid, "template": fn.__name__, "kind": kind}
    if c.judgement:
        meta["judgement"] = c.judgement
    if c.evade:
        meta["evasion"] = c.evade
    if getattr(c, "distractor", None):
        meta["distractor"] = c.distractor
    self_check(rec, c.judgement)
    return rec, meta


_TYPES_CACHE = {}


def _types_of(fn):
    if fn not in _TYPES_CACHE:
        c = Case(random.Random(0), "en")
        fn(c, random.Random(0))
        _TYPES_CACHE[fn] = {f["type"] for f in c.findings}
    return _TYPES_CACHE[fn]


def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    seed, n, out = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
    for _, fn in POS:
        _types_of(fn)
    r = random.Random(seed * 7919 + 19)
    base = out[:-6] if out.endswith(".jsonl") else out
    recs, metas = [], []
    for i in range(n):
        while True:
            try:
                rec, meta = make_case(r, i, seed)
                break
            except Leak as e:
                print("redraw:", e, file=sys.stderr)
        recs.append(rec)
        metas.append(meta)
    with open(out, "w", encoding="utf-8") as f, open(base + ".nojudge.jsonl", "w", encoding="utf-8") as g, \
            open(base + ".meta.jsonl", "w", encoding="utf-8") as h:
        for rec, meta in zip(recs, metas):
            line = json.dumps(rec, ensure_ascii=False) + "\n"
            f.write(line)
            if "judgement" not in rec["tags"]:
                g.write(line)
            h.write(json.dumps(meta, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
