#!/usr/bin/env python3
"""audit25 held-out generator: gen.py SEED N OUT.jsonl (deterministic per seed, stdlib only)."""
import json, random, re, sys, os
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import fab
from fab import rs

# ---------------------------------------------------------------- values
def V(rng, key):
    """placeholder -> (type or None, value)"""
    k = key
    if k == "CARD": return "CREDIT_CARD", fab.card_fmt(rng, fab.card_digits(rng))
    if k == "CARDP": return "CREDIT_CARD", fab.card_digits(rng)
    if k == "IBAN": return "IBAN", fab.iban_fmt(rng, fab.iban(rng))
    if k == "IBANIT": return "IBAN", fab.iban_fmt(rng, fab.iban(rng, "IT"))
    if k == "IBANP": return "IBAN", fab.iban(rng)
    if k == "CF": return "IT_FISCAL_CODE", fab.cf(rng, omocodia=rng.choice([0, 0, 0, 0, 1, 2, 3]))
    if k == "PIVA": return "IT_VAT", fab.piva(rng)
    if k == "SSN": return "US_SSN", fab.ssn(rng)
    if k == "PHONE": return "PHONE", fab.phone(rng)
    if k == "PHONEIT": return "PHONE", fab.phone(rng, rng.choice(["itmob", "itmob_sp", "itland", "itland_slash", "itmob_plain", "it_plus_land"]))
    if k == "PHONEUS": return "PHONE", fab.phone(rng, rng.choice(["us_dash", "us_plus", "us_paren"]))
    if k == "EMAIL": return "EMAIL", fab.email(rng)
    if k == "IP": return "IP_ADDRESS", fab.ipv4(rng) if rng.random() < 0.85 else fab.ipv6(rng)
    if k == "IP4": return "IP_ADDRESS", fab.ipv4(rng)
    if k == "AKID": return "AWS_ACCESS_KEY", fab.aws_key_id(rng)
    if k == "ASEC": return "AWS_SECRET_KEY", fab.aws_secret(rng)
    if k == "GH": return "GITHUB_TOKEN", fab.gh_token(rng) if rng.random() < 0.85 else fab.gh_pat(rng)
    if k == "GL": return "GITLAB_TOKEN", fab.glpat(rng)
    if k == "SLACK": return "SLACK_TOKEN", fab.slack_token(rng)
    if k == "HOOK": return "SLACK_WEBHOOK", fab.slack_webhook(rng)
    if k == "STRIPE": return "STRIPE_KEY", fab.stripe(rng)
    if k == "OPENAI": return "OPENAI_KEY", fab.openai(rng)
    if k == "ANT": return "ANTHROPIC_KEY", fab.anthropic(rng)
    if k == "GOOG": return "GOOGLE_API_KEY", fab.google(rng)
    if k == "JWT": return "JWT", fab.jwt(rng)
    if k == "PEM": return "PRIVATE_KEY", fab.pem(rng)
    if k == "PW": return "PASSWORD", fab.password(rng)
    if k == "CURL": return "CREDENTIAL_URL", fab.cred_url(rng)
    if k == "MARK": return "CONFIDENTIAL_MARKER", rng.choice(fab.MARKERS_EN)
    if k == "MARKIT": return "CONFIDENTIAL_MARKER", rng.choice(fab.MARKERS_IT)
    if k == "MARK2": return "CONFIDENTIAL_MARKER", rng.choice(["RISERVATO", "CONFIDENTIAL", "STRICTLY CONFIDENTIAL"])
    if k == "MARK3": return "CONFIDENTIAL_MARKER", rng.choice(["USO INTERNO", "INTERNAL USE ONLY"])
    if k == "EMAILUP": return "EMAIL", fab.email(rng).upper()
    if k == "IP6": return "IP_ADDRESS", fab.ipv6(rng)
    # look-alikes (not findings)
    if k == "BADCARD": return None, fab.card_fmt(rng, fab.card_digits(rng, valid=False))
    if k == "BADIBAN": return None, fab.iban_fmt(rng, fab.iban(rng, valid=False))
    if k == "BADCF": return None, fab.cf(rng, valid=False)
    if k == "BADPIVA": return None, fab.piva(rng, valid=False)
    if k == "BADGH": return None, fab.gh_token(rng, valid=False)
    if k == "BADSSN": return None, rng.choice(["000", "666", "9%02d" % rng.randint(0, 99)]) + "-%02d-%04d" % (rng.randint(1, 99), rng.randint(1, 9999))
    if k == "UUID": return None, "%s-%s-%s-%s-%s" % (rs(rng, "0123456789abcdef", 8), rs(rng, "0123456789abcdef", 4), rs(rng, "0123456789abcdef", 4), rs(rng, "0123456789abcdef", 4), rs(rng, "0123456789abcdef", 12))
    if k == "SHA1": return None, rs(rng, "0123456789abcdef", 40)
    if k == "SHA256": return None, rs(rng, "0123456789abcdef", 64)
    if k == "ORD": return None, "ORD-%08d" % rng.randint(0, 10 ** 8 - 1)
    if k == "VER": return None, "v%d.%d.%d" % (rng.randint(0, 20), rng.randint(0, 30), rng.randint(0, 99))
    if k == "DATE": return None, "20%02d-%02d-%02d" % (rng.randint(19, 27), rng.randint(1, 12), rng.randint(1, 28))
    if k == "EUR": return None, "%d.%03d,%02d" % (rng.randint(1, 99), rng.randint(0, 999), rng.randint(0, 99))
    if k == "N4": return None, str(rng.randint(1000, 9999))
    if k == "N2": return None, str(rng.randint(2, 60))
    if k == "NAME": return None, rng.choice(fab.FIRST).title()
    if k == "SURNAME": return None, rng.choice(fab.LAST).title()
    raise KeyError(k)


PH = re.compile(r"\{([A-Z0-9]+)\}")


def render(rng, tpl):
    parts = []
    pos = 0
    for m in PH.finditer(tpl):
        parts.append((None, tpl[pos:m.start()]))
        parts.append(V(rng, m.group(1)))
        pos = m.end()
    parts.append((None, tpl[pos:]))
    return parts

# ---------------------------------------------------------------- templates
# positive templates: (lang, template)
POS = [
 # --- dev-like, reworded
 ("en", "Customer rang from {PHONE} about a disputed charge on card {CARD}. Write a short apology."),
 ("en", "Please draft a reminder to {EMAIL} re: the overdue invoice. Phone on file: {PHONE}."),
 ("en", "name,email,card\n{NAME},{EMAIL},{CARD}\n{NAME},{EMAIL},{CARD}\nTurn this CSV into a markdown table."),
 ("en", "Convert to JSON: employee {NAME} {SURNAME}, SSN {SSN}, e-mail {EMAIL}"),
 ("en", "HR export row -> \"{SURNAME}\";\"{SSN}\";\"{EMAIL}\" - why does Excel mangle it?"),
 ("en", "Why is boto3 throwing InvalidClientTokenId?\n```python\nsession = boto3.Session(\n    aws_access_key_id=\"{AKID}\",\n    aws_secret_access_key=\"{ASEC}\",\n)\n```"),
 ("en", "```ini\n[default]\naws_access_key_id = {AKID}\naws_secret_access_key = {ASEC}\nregion = eu-south-1\n```\nis my ~/.aws/credentials ok?"),
 ("en", "Terraform plan fails with 403. provider \"aws\" {{ access_key = \"{AKID}\" secret_key = \"{ASEC}\" }}"),
 ("en", "export AWS_ACCESS_KEY_ID={AKID}\nexport AWS_SECRET_ACCESS_KEY={ASEC}\nexport AWS_DEFAULT_REGION=eu-west-1\n-- still AccessDenied, help"),
 ("en", "GitHub Actions says 'Bad credentials' for GH_TOKEN={GH}. What scopes do I need?"),
 ("en", "```yaml\nenv:\n  GITHUB_TOKEN: {GH}\n```\nWhy does the checkout step 401?"),
 ("en", "git push https://oauth2:{GL}@gitlab.acme.it/infra/deploy.git is rejected - token expired?"),
 ("en", "{GL} <- this is my GitLab PAT, can it read the registry?"),
 ("en", "Slack API returns not_authed with token {SLACK} - which scope is missing?"),
 ("en", "Posting to {HOOK} gives 'invalid_payload'. Payload: {{\"text\": \"deploy ok\"}}"),
 ("en", "STRIPE_API_KEY=\"{STRIPE}\" - webhook signature check fails, why?"),
 ("en", "openai.AuthenticationError with api_key='{OPENAI}' - is the key revoked?"),
 ("en", "client = Anthropic(api_key=\"{ANT}\")  # 401 invalid x-api-key, why?"),
 ("en", "My Maps embed shows 'RefererNotAllowedMapError' - key={GOOG}"),
 ("en", "jwt.io says the signature is invalid:\n{JWT}\nWhat's wrong with my HS256 setup?"),
 ("en", "curl -H \"Authorization: Bearer {JWT}\" https://api.acme.it/v1/me  -> 401. Decode the claims please."),
 ("en", "ssh-add complains \"invalid format\":\n\n{PEM}\n\nIs the header right?"),
 ("en", "Here's the key from the vault, convert it to PKCS#8 please\n```\n{PEM}\n```"),
 ("en", "docker-compose.yml:\n  db:\n    environment:\n      - POSTGRES_PASSWORD={PW}\nwhy won't it start?"),
 ("en", "{{\"db_user\": \"admin\", \"password\": \"{PW}\", \"port\": 5432}} - validate this JSON"),
 ("en", "the wifi password is {PW} - write a short welcome note for guests"),
 ("en", "Login: j.doe / Password: {PW}\nCan you write a Selenium test for this login form?"),
 ("en", "DATABASE_URL={CURL}\nconnection refused - firewall or creds?"),
 ("en", "SQLAlchemy error connecting to '{CURL}', what does 'SSL SYSCALL error' mean?"),
 ("en", "Our ingress logs show lots of 429s from {IP}; write a nginx rate-limit rule."),
 ("en", "Failed password for root from {IP4} port 22 ssh2 - is this a brute force? Also seen from {IP4}."),
 ("en", "Header of the doc: {MARK}. Summarize the attached roadmap in five bullets."),
 ("en", "[{MARK}] Q3 revenue by region below - turn it into a chart description."),
 ("en", "Wire the refund to IBAN {IBAN} (beneficiary {NAME} {SURNAME}) and write the confirmation email."),
 ("en", "Vendor onboarding: VAT (P.IVA) {PIVA}, IBAN {IBAN}. Fill in the form template."),
 ("en", "The supplier's Italian tax code is {CF}; is this the right field for it in SAP?"),
 # --- Italian
 ("it", "Scrivi una mail gentile a {EMAIL} per ricordare la scadenza. Il cliente ha codice fiscale {CF}."),
 ("it", "Riassumi: bonifico di € {EUR} sull'IBAN {IBAN} a favore di Studio {SURNAME}, P.IVA {PIVA}."),
 ("it", "Aggiorna l'anagrafica fornitore: partita IVA {PIVA}, IBAN {IBANIT}, referente {NAME} (tel. {PHONEIT})."),
 ("it", "La signora {SURNAME} (cell. {PHONEIT}, C.F. {CF}) chiede il rimborso: prepara la risposta."),
 ("it", "Traduci in inglese: \"La sua carta {CARD} è stata bloccata per sicurezza.\""),
 ("it", "Controlla il log: accesso negato da {IP} per l'utente {EMAIL}."),
 ("it", "Ecco il mio .env, perché non si connette?\nDB_URL={CURL}\nSTRIPE_SECRET={STRIPE}"),
 ("it", "Intestazione del documento: {MARKIT}. Fai un riassunto per il consiglio."),
 ("it", "Il token {GL} non funziona più con git clone, come lo rinnovo?"),
 ("it", "Nel file config.yaml c'è password: {PW} - è sicuro tenerla lì?"),
 ("it", "Compila il modulo F24 per {NAME} {SURNAME}, codice fiscale {CF}, e spiega le voci."),
 ("it", "Dati per la fattura:\n- Ragione sociale: {SURNAME} S.r.l.\n- P.IVA: {PIVA}\n- IBAN: {IBAN}\n- PEC: {EMAIL}"),
]

# "push" templates: more varied layouts / punctuation / mixed language / typos
PUSH = [
 ("en", "{CARD} - is this card number stored anywhere in our logs? grep it for me"),
 ("en", "Refund these two cards: {CARD}; {CARD}"),
 ("en", "Cards on file (visa/amex): {CARD}/{CARDP}"),
 ("en", "- customer: {NAME} {SURNAME}\n- card: `{CARD}`\n- phone: ({PHONE})\n\nWrite the dispute letter."),
 ("en", "Email them at <{EMAIL}> or call [{PHONE}]."),
 ("en", "mailto:{EMAIL}?subject=Invoice - build this link into an HTML button"),
 ("en", "CC: {EMAIL}; {EMAIL}; {EMAIL}\nSummarize who's in the loop."),
 ("en", "Customer IBAN:\n{IBAN}\nIs the bank code valid?"),
 ("en", "IBANs to whitelist: {IBANP} / {IBANP}"),
 ("en", "Ciao! Can you translate to English: \"il bonifico va fatto sull'IBAN {IBAN}, grazie\""),
 ("en", "Pls check -> Iban: \"{IBAN}\" (Bank of {SURNAME})."),
 ("en", "SSN: {SSN}. DOB 1984-03-12. Write a cover letter for the background check."),
 ("en", "social security no. ({SSN}) was entered twice in Workday, how do I merge the profiles?"),
 ("en", "| name | ssn |\n|---|---|\n| {NAME} | {SSN} |\n| {NAME} | {SSN} |\nSort by name."),
 ("en", "pasword: {PW}\nuser: backup\n^ rotate this in the script below"),
 ("en", "PassWord={PW}\nHost=ftp.acme.it\nwhy does FileZilla reject it?"),
 ("en", "mysql -u root -p'{PW}' -h db01 -- access denied, what now?"),
 ("en", "{AKID}\n{ASEC}\n^ these are the AWS id and secret access key from the CSV, set up the CLI profile for me"),
 ("en", "aws_secret_access_key: '{ASEC}' and AWS_Access_Key_Id: '{AKID}' - YAML indentation ok?"),
 ("en", "token=`{GH}`; why is it rate-limited?"),
 ("en", "Two PATs leaked in a gist: {GH} and {GL}. Write an incident note."),
 ("en", "Slack:\n* bot token - {SLACK}\n* webhook - {HOOK}\nWhich should the alert script use?"),
 ("en", "const stripe = require('stripe')('{STRIPE}');\nWhy does this throw in the browser?"),
 ("en", "OPENAI_API_KEY=\"{OPENAI}\"\nANTHROPIC_API_KEY=\"{ANT}\"\nwrite a python snippet that picks one"),
 ("en", "{GOOG}\nis this a Firebase key or a Maps key?"),
 ("en", "Auth header was `Bearer {JWT}`. Which claims are in there?"),
 ("en", "Decode (header only): {JWT}"),
 ("en", "Log line: 2025-03-01T10:22:01Z src={IP4} dst={IP4} action=DROP - explain"),
 ("en", "Allow-list [{IP4}] and ({IP4}) in the security group"),
 ("en", "Can you rewrite this note for the board?\n\n{MARK}\nQ4 targets moved to H1."),
 ("en", "**{MARK}** - draft a press release from these notes"),
 ("en", "conn string (do not share): {CURL}"),
 ("en", "{CURL}"),
 ("en", "Why does `psql \"{CURL}\"` hang?"),
 ("en", "The CF is {CF}, the P.IVA is {PIVA} - can you format an Italian invoice header?"),
 ("en", "C.F.: {CF} / tel: {PHONEIT} - add them to the CRM import file"),
 ("en", "telefno {PHONE}, emial {EMAIL} - fix the typos in this contact card"),
 ("en", "Call me back on {PHONEUS} or {PHONEUS} (mobile)."),
 ("en", "Customer says their card ending in 1234 is fine but {CARD} was charged twice. Draft a reply."),
 ("it", "IBAN: {IBAN}\nIntestatario: {NAME} {SURNAME}\nScrivi la lettera di accredito."),
 ("it", "P.IVA {PIVA}; C.F. {CF}. Sono giusti per la fattura elettronica?"),
 ("it", "Partita Iva n. {PIVA} - controlla se il formato è corretto per lo SDI"),
 ("it", "p.iva: {PIVA}\npec: {EMAIL}\nprepara l'intestazione"),
 ("it", "CODICE FISCALE: {CF}\nNome: {NAME}\nCognome: {SURNAME}\n\nRiempi il modulo."),
 ("it", "{CF} è il codice fiscale di mio padre, come lo inserisco nel 730?"),
 ("it", "telefono: {PHONEIT} - email: {EMAIL}; aggiungili in rubrica"),
 ("it", "Chiamami al {PHONEIT}, oppure scrivimi a {EMAIL}!"),
 ("it", "La pasword del server è {PW}, scrivi una procedura per cambiarla"),
 ("it", "credenziali VPN -> utente: mrossi, password: {PW}"),
 ("it", "Hi, per favore translate this: \"Gentile cliente, il suo IBAN {IBAN} risulta errato\" -> EN"),
 ("it", "Ho incollato la chiave:\n{PEM}\nperché OpenSSH dice 'invalid format'?"),
 ("it", "Accesso sospetto da {IP4} alle 03:14 - scrivi un report per il SOC."),
 ("it", "Documento {MARKIT} - riassumi i punti chiave in 3 righe."),
 ("it", "Il webhook {HOOK} restituisce 404, hai idea?"),
 ("it", "La chiave OpenAI {OPENAI} risulta revocata?"),
 ("it", "Ho messo la chiave AWS {AKID} con secret key {ASEC} in Jenkins, è giusto?"),
 ("it", "Il token GitHub ({GH}) è scaduto?"),
 ("it", "carta di credito: {CARD} (scadenza 09/27) - il cliente chiede lo storno"),
 ("it", "Intestazione: {MARK2} - {MARK3}. Fai un riassunto per il consiglio."),
 ("en", "{MARK2} // {MARK3}\nRewrite these minutes as an executive summary."),
 ("en", "Contact: {EMAILUP} - is uppercase OK for SMTP?"),
 ("en", "{{\"iban\":\"{IBANP}\",\"phone\":\"{PHONE}\",\"email\":\"{EMAIL}\"}}\nvalidate this payload schema"),
 ("en", "upstream ip={IP4}:8443 timed out; fallback [{IP6}]:443 - explain the nginx error"),
 ("en", "{SSN} is the SSN on the W-2, but payroll shows another one. Draft an email to HR."),
 ("en", "The refund goes to {IBANP}."),
 ("en", "pwd={PW}&user=admin in the query string - is that a security issue?"),
 ("en", "passwd: {PW}\nhost: 10.0.0.0/8 range (no fixed IP)\nexplain what's wrong with this config"),
 ("en", "- [ ] rotate {AKID} (secret_access_key {ASEC})\n- [ ] revoke {GL}\nturn this into a Jira ticket"),
 ("en", "key: [{OPENAI}]."),
 ("it", "Numero di telefono:\n{PHONEIT}\nEmail:\n{EMAIL}\nCrea il contatto vCard."),
 ("it", "P.IVA/C.F. {PIVA} - ditta individuale di {NAME} {SURNAME}: prepara la fattura in inglese, please."),
 ("it", "Riepilogo: IBAN {IBANIT}; carta {CARD}; tel. {PHONEIT}."),
]

# inline distractors: valid value + look-alike failing its checksum
DIS_INLINE = [
 ("en", "Two cards in the ticket: {BADCARD} (typo, rejected) and {CARD} (the real one). Which one should I refund?"),
 ("en", "The old IBAN {BADIBAN} bounced; the new one is {IBAN}. Update the vendor record."),
 ("en", "Token {BADGH} looks wrong to GitHub but {GH} works - why?"),
 ("en", "SSN {BADSSN} was rejected by the form, the employee then gave {SSN}. Which is plausible?"),
 ("it", "Il codice fiscale {BADCF} è sbagliato, quello giusto è {CF}. Aggiorna la pratica."),
 ("it", "La P.IVA {BADPIVA} non passa il controllo, usa {PIVA}. Scrivi la nota al cliente."),
 ("it", "Carta {CARD}, ordine {ORD}, spedito il {DATE}: prepara la mail di conferma."),
 ("en", "Build {UUID} deployed by {EMAIL} at commit {SHA1} - write the changelog entry."),
 ("en", "Charge on {CARD} for order {ORD} (amount € {EUR}) - draft a receipt."),
 ("it", "Rilascio {VER} del {DATE}: l'IBAN di accredito è {IBAN}, quello vecchio {BADIBAN} va rimosso."),
]

NEG = [
 ("en", "Summarize the plot of {X} in three sentences."),
 ("en", "Explain the difference between TCP and UDP with an example."),
 ("en", "Refactor this Go function: func (s *Server) Close() error {{ return s.ln.Close() }}"),
 ("en", "Write a password reset flow for a small web shop."),
 ("en", "What is a good password policy for a 50-person company?"),
 ("en", "Write a secret santa email for the office."),
 ("en", "Draft a confidentiality agreement template for freelancers."),
 ("en", "How do private repositories work on GitLab?"),
 ("en", "In the docs they use api_key=YOUR_API_KEY; where do I get a real one?"),
 ("en", "The tutorial shows token=ghp_xxxxxxxxxxxxxxxxxxxx - what's the real format?"),
 ("en", "AWS keys look like AKIA................ right? How long is the secret?"),
 ("en", "Set OPENAI_API_KEY=sk-... in your shell and rerun."),
 ("en", "password: ******** is shown in the logs, is that masked enough?"),
 ("en", "Explain Java annotations like @Override and @Deprecated."),
 ("en", "What does @types/node provide? Do I need @angular/core too?"),
 ("en", "Build {UUID} failed at commit {SHA1}. What does exit code 137 mean?"),
 ("en", "Why does the checksum {SHA256} not match after download?"),
 ("en", "Track order {ORD} shipped on {DATE}."),
 ("en", "Is {BADCARD} a valid card number? My checkout form rejects it."),
 ("en", "My form says {BADCARD} fails the Luhn check, can you explain why?"),
 ("en", "Our SSN validator rejects {BADSSN}, is that correct behaviour?"),
 ("en", "GitHub says token {BADGH} has an invalid checksum. Explain how the checksum works."),
 ("en", "Convert 1,234,567.89 USD to EUR at 0.92 and round to 2 decimals."),
 ("en", "Write a regex that matches Italian VAT numbers (11 digits)."),
 ("en", "Meeting moved to 14:30, room 3.2.1 - write a calendar note."),
 ("en", "Explain what TLP (Traffic Light Protocol) levels mean for incident sharing."),
 ("en", "What's the difference between -----BEGIN PUBLIC KEY----- and a certificate?"),
 ("en", "Generate a .env.example with DATABASE_URL=postgres://user:password@localhost:5432/app placeholders explained."),
 ("en", "How do I connect to postgres://localhost:5432/mydb without a password?"),
 ("en", "Rate limit: 1000 req/min per key, burst 50. Explain token buckets."),
 ("en", "Kubernetes pod IP range 10.0.0.0/8 vs service CIDR - explain the difference."),
 ("en", "What does HTTP status 418 mean? And 451?"),
 ("en", "Rewrite in plain English: 'the SSN field must be masked as ***-**-1234'."),
 ("en", "Ticket #{N4}: the printer on floor {N2} is jammed again. Write a polite escalation."),
 ("en", "Give me 5 interview questions about OAuth2 refresh tokens."),
 ("en", "Version {VER} released on {DATE}; write release notes from these bullets: faster start, fewer crashes."),
 ("en", "What is the IBAN format for Germany? How many digits?"),
 ("en", "How are Stripe keys like sk_live_... different from pk_live_... keys?"),
 ("en", "Write a haiku about the internal tooling team."),
 ("en", "ISBN 978-88-04-66824-0 - give me a summary of that book."),
 ("it", "Spiegami la differenza tra TCP e UDP con un esempio."),
 ("it", "Il codice fiscale {BADCF} risulta errato nel gestionale, come si calcola il carattere di controllo?"),
 ("it", "Questo IBAN {BADIBAN} viene rifiutato dalla banca, perché?"),
 ("it", "La partita IVA {BADPIVA} non è valida secondo l'Agenzia delle Entrate, perché?"),
 ("it", "Il rilascio {VER} è del {DATE}; il totale del preventivo è € {EUR}. Scrivi le note di rilascio."),
 ("it", "Scrivi una circolare sulla nuova policy delle password aziendali."),
 ("it", "Come si calcola il codice fiscale a partire da nome e data di nascita?"),
 ("it", "Riassumi la trama dei Promessi Sposi in cinque righe."),
 ("it", "Prepara un'email per il team: la riunione riservata ai responsabili è spostata a giovedì."),
 ("it", "Ordine {ORD} spedito il {DATE}, importo € {EUR}: scrivi la mail al cliente senza dati personali."),
 ("it", "Qual è la differenza tra PEC e email normale?"),
 ("it", "Traduci: \"La password deve contenere almeno 12 caratteri.\""),
 ("it", "Nel documento c'è scritto 'uso interno' in minuscolo nel testo, serve metterlo in intestazione?"),
 ("it", "Genera un esempio fittizio di IBAN con XX al posto delle cifre: IT00 X000 0000 0000 0000 0000 000."),
]
NEG_X = ["The Betrothed", "Hamlet", "Moby Dick", "Il Gattopardo", "Dune"]

# judgement cases: (lang, template, tags_extra, reason) - labels follow the template placeholders
JUDGE = [
 ("en", "Stripe test mode: use card 4242 4242 4242 4242 with any CVC - why is my test failing?",
  "well-known Stripe test card; passes Luhn (labelled CREDIT_CARD) but is public test data", [("CREDIT_CARD", "4242 4242 4242 4242")]),
 ("en", "The AWS docs use AKIAIOSFODNN7EXAMPLE as the key id - is that format still current?",
  "AWS documentation example key id: format-valid but a public placeholder; labelled negative", []),
 ("en", "Ping 8.8.8.8 and 1.1.1.1 from the container to test DNS.",
  "public DNS resolver IPs: valid IPv4 but not personal; labelled IP_ADDRESS as dev labels every IP", [("IP_ADDRESS", "8.8.8.8"), ("IP_ADDRESS", "1.1.1.1")]),
 ("en", "git clone git@github.com:acme/infra.git fails with 'permission denied (publickey)'.",
  "SCP-style git remote looks like an email address but is not one; labelled negative", []),
 ("en", "The JWT header decodes to {\"typ\":\"JWT\"} only: eyJ0eXAiOiJKV1QifQ.eyJzdWIiOiIxMjMifQ.c2lnbmF0dXJlLWhlcmUtYWJj - is it valid?",
  "three-part eyJ token whose header has no alg: not a JWT by the stated definition; labelled negative", []),
 ("en", "Set the DSN to postgres://app:${DB_PASSWORD}@db:5432/app in the chart.",
  "credential URL with a template variable instead of a password; labelled negative", []),
 ("en", "password: changeme (default from the vendor manual) - should we force a reset?",
  "vendor default password quoted from a manual; labelled PASSWORD since it is a live credential on the device", [("PASSWORD", "changeme")]),
 ("en", "Our test fixture uses SSN 078-05-1120, is that a real number?",
  "famous Woolworth SSN: syntactically valid, publicly known and voided; labelled US_SSN", [("US_SSN", "078-05-1120")]),
 ("it", "Partita IVA IT{PIVAX}: va bene con il prefisso IT nella fattura?",
  "P.IVA written with the IT country prefix (VIES style); labelled IT_VAT on the 11 digits", "PIVAX"),
 ("it", "codice fiscale in minuscolo: {CFLOW} - il portale lo accetta?",
  "fiscal code typed in lower case; labelled IT_FISCAL_CODE (check char valid case-insensitively)", "CFLOW"),
 ("en", "SSN with spaces: {SSNSP} - normalize to dashes please",
  "SSN written with spaces instead of dashes; labelled US_SSN", "SSNSP"),
 ("en", "stripe test key sk_test_{STEST} - safe to commit?",
  "Stripe test-mode secret key: a real secret but no money at risk; labelled STRIPE_KEY", "STEST"),
 ("en", "-----BEGIN PGP PRIVATE KEY BLOCK-----\n{PGPBODY}\n-----END PGP PRIVATE KEY BLOCK-----\nimport this into gpg for me",
  "armored PGP private key is a private key though not PEM; labelled PRIVATE_KEY", "PGP"),
 ("en", "Document is marked confidential in the footer - can you still summarize it?",
  "lower-case word 'confidential' in a sentence, not a classification banner; labelled negative", []),
 ("en", "Connect to localhost 127.0.0.1:6379 and flush the cache.",
  "loopback address: valid IPv4 but identifies no host; labelled IP_ADDRESS to stay consistent with dev", [("IP_ADDRESS", "127.0.0.1")]),
 ("it", "Il numero verde è 800 123 456, lo metto nel footer?",
  "toll-free business number: phone-shaped but not personal; labelled negative", []),
]

DIST_SUFFIX = None  # filled with negatives at runtime


class Case:
    def __init__(s, lang, parts, tags):
        s.lang, s.parts, s.tags = lang, parts, tags


def evade(rng, typ, val):
    """return (new value, tag) or None"""
    fw = lambda ch: chr(ord(ch) + 0xFEE0) if "!" <= ch <= "~" else ch
    if typ == "EMAIL" and rng.random() < 0.6:
        return val.replace("@", "\uff20"), "evasion:fullwidth"
    if typ in ("CREDIT_CARD", "US_SSN", "PHONE", "IT_VAT") and rng.random() < 0.6:
        return "".join(fw(c) if c.isdigit() else c for c in val), "evasion:fullwidth"
    if len(val) < 8 or "\n" in val:
        return None
    zw = rng.choice(["\u200b", "\u200b", "\u200c", "\u200d", "\u2060", "\u00ad"])
    i = rng.randint(3, len(val) - 3)
    return val[:i] + zw + val[i:], ("evasion:soft-hyphen" if zw == "\u00ad" else "evasion:zero-width")


def build(parts):
    text = b""
    finds = []
    for typ, val in parts:
        bv = val.encode("utf-8")
        if typ:
            finds.append({"type": typ, "start": len(text), "end": len(text) + len(bv), "value": val})
        text += bv
    t = text.decode("utf-8")
    # a URL whose userinfo carries a password or token is itself a CREDENTIAL_URL (labelled beside the token)
    for m in re.finditer(r"[a-z][a-z0-9+.-]*://[^\s:/@]+:[^\s@/]+@[^\s\"'`]+", t):
        bs = len(t[:m.start()].encode("utf-8"))
        be = bs + len(m.group(0).encode("utf-8"))
        inside = any(f["start"] >= bs and f["end"] <= be for f in finds)
        if inside and not any(f["type"] == "CREDENTIAL_URL" and f["start"] <= bs < f["end"] for f in finds):
            finds.append({"type": "CREDENTIAL_URL", "start": bs, "end": be, "value": m.group(0)})
    finds.sort(key=lambda f: (f["start"], -f["end"]))
    return t, finds


VALID = {
    "CREDIT_CARD": fab.card_like_ok, "IBAN": fab.iban_ok, "IT_FISCAL_CODE": fab.cf_ok, "IT_VAT": fab.piva_ok,
    "US_SSN": fab.ssn_ok, "GITHUB_TOKEN": lambda s: fab.gh_ok(s) or s.startswith("github_pat_"), "JWT": fab.jwt_ok,
}


def check(text, finds, tags):
    tb = text.encode("utf-8")
    for f in finds:
        if tb[f["start"]:f["end"]].decode("utf-8") != f["value"]:
            return "span"
        v = fab.norm(f["value"])
        ok = VALID.get(f["type"])
        if ok and "judgement" not in tags and not ok(v.upper() if f["type"] == "IT_FISCAL_CODE" else v):
            return "invalid " + f["type"]
    bl = bytearray(tb)
    for f in finds:
        bl[f["start"]:f["end"]] = b" " * (f["end"] - f["start"])
    rest = fab.scan(bl.decode("utf-8", "replace"))
    if rest:
        return "extra %r" % (rest,)
    return None


def neg_parts(rng):
    lang, t = rng.choice(NEG)
    t = t.replace("{X}", rng.choice(NEG_X))
    return lang, render(rng, t)


def make_case(rng, kind):
    if kind == "neg":
        lang, parts = neg_parts(rng)
        return lang, parts, ["negative"], None
    if kind == "judge":
        lang, t, reason, lab = rng.choice(JUDGE)
        if isinstance(lab, list):
            parts = [(None, t)]
            text = t
            # split text by labels in order
            parts = []
            pos = 0
            for typ, val in lab:
                i = text.index(val, pos)
                parts += [(None, text[pos:i]), (typ, val)]
                pos = i + len(val)
            parts.append((None, text[pos:]))
        else:
            key = lab
            if key == "PIVAX": sub = ("IT_VAT", fab.piva(rng))
            elif key == "CFLOW": sub = ("IT_FISCAL_CODE", fab.cf(rng).lower())
            elif key == "SSNSP": sub = ("US_SSN", fab.ssn(rng, " "))
            elif key == "STEST": sub = None
            elif key == "PGP": sub = None
            if key == "STEST":
                v = "sk_test_" + rs(rng, fab.B62, 24)
                a, b = t.split("sk_test_{STEST}")
                parts = [(None, a), ("STRIPE_KEY", v), (None, b)]
            elif key == "PGP":
                body = "\n".join(rs(rng, fab.B64, 64) for _ in range(4))
                v = "-----BEGIN PGP PRIVATE KEY BLOCK-----\n" + body + "\n-----END PGP PRIVATE KEY BLOCK-----"
                parts = [("PRIVATE_KEY", v), (None, t.split("-----END PGP PRIVATE KEY BLOCK-----")[1])]
            else:
                a, b = t.split("{" + key + "}")
                parts = [(None, a), sub, (None, b)]
        tags = ["judgement"] + ([] if any(p[0] for p in parts) else ["negative"])
        return lang, parts, tags, reason
    if kind == "dis_inline":
        lang, t = rng.choice(DIS_INLINE)
        return lang, render(rng, t), ["distractor"], None
    pool = POS if kind == "pos" else PUSH
    lang, t = rng.choice(pool)
    parts = render(rng, t)
    tags = []
    if kind.endswith("dis"):
        _, np = neg_parts(rng)
        parts = parts + [(None, rng.choice(["\n\n", "\n\n", "\n---\n", " Also: ", "\n\nP.S. "]))] + np
        tags.append("distractor")
    return lang, parts, tags, None


def gen(seed, n):
    rng = random.Random(seed)
    kinds = (["neg"] * 4150 + ["pos"] * 1900 + ["push"] * 1150 + ["posdis"] * 700 + ["pushdis"] * 500 +
             ["dis_inline"] * 550 + ["judge"] * 250 + ["evade"] * 250)
    out = []
    i = 0
    while len(out) < n:
        kind = rng.choice(kinds)
        ev = kind == "evade"
        if ev:
            kind = rng.choice(["pos", "push", "posdis"])
        for attempt in range(50):
            lang, parts, tags, reason = make_case(rng, kind)
            if ev:
                idx = [j for j, p in enumerate(parts) if p[0] and p[0] not in ("PRIVATE_KEY", "CONFIDENTIAL_MARKER")]
                if not idx:
                    continue
                j = rng.choice(idx)
                r = evade(rng, parts[j][0], parts[j][1])
                if not r:
                    continue
                parts[j] = (parts[j][0], r[0])
                tags = [r[1]] + tags
            text, finds = build(parts)
            err = check(text, finds, tags)
            if err is None:
                break
        else:
            raise SystemExit("could not build case: %s %s" % (kind, err))
        d = {"id": "a25-%d-%04d" % (seed, len(out)), "lang": lang, "text": text, "findings": finds, "tags": tags}
        if reason:
            d["meta"] = {"reason": reason}
        out.append(d)
    return out


def main():
    seed, n, path = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
    rows = gen(seed, n)
    with open(path, "w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
