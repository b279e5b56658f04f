# Domain templates. Each takes a Ctx and returns marked text.
import json, base64

ASK_EN = ["Can you fix this config?\n\n{b}", "{b}\n\nWhat's wrong here? It fails on startup.", "Summarize this for the weekly report:\n{b}",
          "Translate this to Italian, keep the formatting:\n\n{b}", "{b}\n\nexplain this error pls", "Please review:\n```\n{b}\n```",
          "Rewrite this more clearly:\n{b}", "{b}"]
ASK_IT = ["Riassumi questo documento:\n\n{b}", "Puoi sistemare questa configurazione?\n{b}", "{b}\n\nPerché non funziona?",
          "Traduci in inglese mantenendo il formato:\n{b}", "Estrai i punti principali:\n```\n{b}\n```", "{b}\n\nMi spieghi questo errore?",
          "Controlla se ci sono errori:\n{b}", "{b}"]


def ask(c, b):
    return c.r.choice(ASK_IT if c.it() else ASK_EN).format(b=b)


def fill(c):
    return c.noise()


# ---------------------------------------------------------------- Jupyter
def t_jupyter(c):
    c.json_ctx = True
    src1 = ["import os\n", "import pandas as pd\n", f"os.environ[\"OPENAI_API_KEY\"] = \"{c.openai()}\"\n" if c.p(.6) else f"client = anthropic.Anthropic(api_key=\"{c.anthropic()}\")\n"]
    if c.p(.5): src1.append(f"engine = create_engine(\"{c.cred_url('pg.bluefinch.io')}\")\n")
    if c.p(.4): src1.append(f"gmaps = googlemaps.Client(key='{c.google()}')\n")
    rows = "\n".join(f"{i}  {c.v.person(c.lang)[1]:<10} {c.email()}  {c.phone() if c.p(.6) else c.iban()}" for i in range(c.r.randint(2, 4)))
    nb = {"cells": [
        {"cell_type": "code", "execution_count": 1, "metadata": {}, "outputs": [], "source": src1},
        {"cell_type": "code", "execution_count": 2, "metadata": {}, "source": ["df = pd.read_sql('select * from clienti', engine)\n", "df.head()"],
         "outputs": [{"output_type": "execute_result", "execution_count": 2, "data": {"text/plain": ["   cognome    email    contatto\n" + rows]}, "metadata": {}}]},
        {"cell_type": "markdown", "metadata": {}, "source": [c.L("## Notes\nrun id ", "## Note\nesecuzione ") + c.v.uuid()]}],
        "metadata": {"kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"}}, "nbformat": 4, "nbformat_minor": 5}
    from gen import jdump
    return ask(c, jdump(c, nb, 1))


# ---------------------------------------------------------------- Kubernetes
def t_k8s_secret(c):
    name = c.ch("payments-api", "crm-sync", "etl-worker", "fatturazione")
    if c.evasion and c.p(.6):
        c.in_b64 = True
        items = [("AWS_ACCESS_KEY_ID", c.aws_ak()), ("AWS_SECRET_ACCESS_KEY", c.aws_sk()), ("DATABASE_URL", c.cred_url())]
        lines = []
        for k, val in items:
            lines.append(f"  {k}: {c.b64blob(val)}")
        body = f"apiVersion: v1\nkind: Secret\nmetadata:\n  name: {name}\n  namespace: prod\ntype: Opaque\ndata:\n" + "\n".join(lines)
    else:
        body = (f"apiVersion: v1\nkind: Secret\nmetadata:\n  name: {name}\n  namespace: {c.ch('prod', 'staging', 'default')}\ntype: Opaque\nstringData:\n"
                f"  DB_PASSWORD: \"{c.pw()}\"\n  STRIPE_SECRET_KEY: {c.stripe()}\n  REDIS_URL: {c.cred_url('redis-master')}\n"
                f"  AWS_ACCESS_KEY_ID: {c.aws_ak()}\n  AWS_SECRET_ACCESS_KEY: {c.aws_sk()}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {name}-cfg\ndata:\n"
                f"  LOG_LEVEL: info\n  BUILD_SHA: {c.v.sha1()}\n  UPSTREAM_HOST: {c.ip(False)}\n  APP_VERSION: \"{c.v.version()}\"\n")
    return ask(c, body)


def t_kubeconfig(c):
    key = c.pem(c.ch("RSA", "EC", "PKCS8"))
    # key is marked; re-encode as base64 of the PEM (client-key-data)
    from gen import render
    txt, sp = render(key)
    if sp:
        idx = sp[0][0]; typ, canon = c.reg[idx]
        kd = c.m("PRIVATE_KEY", base64.b64encode(canon.encode()).decode(), canon)
        c.ev_used.append("evasion:base64")
    else:
        kd = base64.b64encode(txt.encode()).decode()
    cert = base64.b64encode(c.v.cert().encode()).decode()
    tok = f"    token: {c.jwt()}\n" if c.p(.5) else ""
    body = (f"apiVersion: v1\nkind: Config\nclusters:\n- cluster:\n    certificate-authority-data: {base64.b64encode(c.v.cert().encode()).decode()[:120]}\n"
            f"    server: https://{c.ip(False)}:6443\n  name: {c.ch('prod-eu', 'k3s-lab', 'aks-milano')}\ncontexts:\n- context:\n    cluster: prod-eu\n    user: admin\n  name: prod\n"
            f"current-context: prod\nusers:\n- name: admin\n  user:\n    client-certificate-data: {cert[:200]}\n    client-key-data: {kd}\n{tok}")
    return ask(c, body)


def t_helm(c):
    body = (f"# values-prod.yaml\nimage:\n  repository: registry.{c.ch('bluefinch.io', 'nordalpi-logistica.it')}/api\n  tag: \"{c.v.version()}\"\n"
            f"postgresql:\n  auth:\n    username: app\n    password: \"{c.pw(False)}\"\n    postgresPassword: {c.pw()}\n"
            f"redis:\n  url: {c.cred_url('redis-master')}\nalertmanager:\n  config:\n    receivers:\n    - name: ops\n      slack_configs:\n      - api_url: {c.slack_webhook()}\n        channel: '#alerts'\n"
            f"      email_configs:\n      - to: {c.email()}\nservice:\n  loadBalancerIP: {c.ip(False)}\n")
    return ask(c, body)


# ---------------------------------------------------------------- CI
def t_gha(c):
    body = (f"name: deploy\non:\n  push:\n    branches: [main]\njobs:\n  build:\n    runs-on: ubuntu-latest\n    env:\n      GH_TOKEN: {c.gh()}\n"
            f"      AWS_ACCESS_KEY_ID: {c.aws_ak()}\n      AWS_SECRET_ACCESS_KEY: {c.aws_sk()}\n      AWS_REGION: eu-south-1\n    steps:\n      - uses: actions/checkout@v4\n"
            f"      - run: echo \"{c.pw()}\" | docker login ghcr.io -u ci-bot --password-stdin\n"
            f"      - run: curl -X POST -H 'Content-type: application/json' --data '{{\"text\":\"deployed {c.v.sha1()[:7]}\"}}' {c.slack_webhook()}\n")
    return ask(c, body)


def push_url(c):
    tok = c.gitlab()
    u = f"https://oauth2:{tok}@gitlab.{c.ch('cantieri-adriatici.it', 'kestrel-analytics.com')}/web/portal.git"
    if "\ue000" in tok:   # a real token inside userinfo: the URL is also a credential URL (nested labels)
        c.judgement = True
        return c.m("CREDENTIAL_URL", u, None)
    return u


def t_gitlab_ci(c):
    body = (f"stages: [test, release]\nvariables:\n  GITLAB_TOKEN: \"{c.gitlab()}\"\n  SLACK_BOT_TOKEN: \"{c.slack_token()}\"\n  DOCKER_DRIVER: overlay2\n"
            f"release:\n  stage: release\n  image: node:{c.r.randint(16, 22)}\n  script:\n    - npm ci\n    - git push {push_url(c)} HEAD:main\n"
            f"    - mysql -h {c.ip()} -u deploy -p'{c.pw()}' portal < migrate.sql\n  only: [tags]\n")
    return ask(c, body)


# ---------------------------------------------------------------- Terraform state
def t_tfstate(c):
    c.json_ctx = True
    from gen import jdump
    res = [{"mode": "managed", "type": "aws_iam_access_key", "name": "ci", "provider": "provider[\"registry.terraform.io/hashicorp/aws\"]",
            "instances": [{"schema_version": 0, "attributes": {"id": c.aws_ak(), "secret": c.aws_sk(), "status": "Active", "user": "ci-deployer"}}]},
           {"mode": "managed", "type": "aws_db_instance", "name": "main", "instances": [{"attributes": {"address": "main.cx1.eu-south-1.rds.amazonaws.com",
            "username": "dbadmin", "password": c.pw(False), "engine_version": c.v.version()}}]}]
    if c.p(.6):
        res.append({"mode": "managed", "type": "tls_private_key", "name": "bastion", "instances": [{"attributes": {"algorithm": "RSA", "private_key_pem": c.pem("RSA") + "\n", "public_key_fingerprint_sha256": "SHA256:" + c.v.rs(c.v.r.choice(["abcdef"]), 1) + c.v.sha1()}}]})
    if c.p(.5):
        res.append({"mode": "managed", "type": "aws_instance", "name": "bastion", "instances": [{"attributes": {"public_ip": c.ip(False), "private_ip": c.ip(False), "ami": "ami-" + c.v.sha1()[:17]}}]})
    st = {"version": 4, "terraform_version": c.v.version(), "serial": c.r.randint(1, 400), "lineage": c.v.uuid(), "outputs": {}, "resources": res}
    return ask(c, jdump(c, st))


# ---------------------------------------------------------------- API tooling
def t_postman(c):
    from gen import jdump
    c.json_ctx = True
    body = {"email": c.email(), "card_number": c.card(), "amount": c.r.randint(5, 900), "order": c.v.order()}
    auth = c.ch(lambda: {"type": "bearer", "bearer": [{"key": "token", "value": c.jwt(), "type": "string"}]},
                lambda: {"type": "apikey", "apikey": [{"key": "value", "value": c.anthropic()}, {"key": "key", "value": "x-api-key"}]},
                lambda: {"type": "bearer", "bearer": [{"key": "token", "value": c.openai(), "type": "string"}]},
                lambda: {"type": "basic", "basic": [{"key": "username", "value": c.stripe()}, {"key": "password", "value": ""}]})()
    coll = {"info": {"_postman_id": c.v.uuid(), "name": c.L("Payments sandbox", "Pagamenti"), "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
            "item": [{"name": "create charge", "request": {"method": "POST", "auth": auth, "header": [{"key": "Content-Type", "value": "application/json"}],
                      "body": {"mode": "raw", "raw": json.dumps(body, ensure_ascii=False)}, "url": {"raw": "{{baseUrl}}/v1/charges", "host": ["{{baseUrl}}"], "path": ["v1", "charges"]}}}]}
    return ask(c, jdump(c, coll, 2))


def t_har(c):
    from gen import jdump
    c.json_ctx = True
    c.url_ctx = True
    em, pw = c.email(), c.pw()
    form = f"username={em}&password={pw}&remember=1"
    c.url_ctx = False
    entry = {"startedDateTime": c.v.date(), "time": c.r.randint(20, 900), "serverIPAddress": c.ip(),
             "request": {"method": "POST", "url": "https://portal." + c.ch("brightlane.health", "vetreria-murano.com") + "/api/login", "httpVersion": "HTTP/2",
                         "headers": [{"name": "authorization", "value": "Bearer " + c.jwt()}, {"name": "x-request-id", "value": c.v.uuid()}],
                         "postData": {"mimeType": "application/x-www-form-urlencoded", "text": form}},
             "response": {"status": 200, "content": {"mimeType": "application/json", "size": 321}}}
    if c.evasion and c.p(.5):
        c.in_b64 = True
        inner = json.dumps({"user": {"email": c.email(), "iban": c.iban()}}, ensure_ascii=False)
        entry["response"]["content"] = {"mimeType": "application/json", "encoding": "base64", "text": c.b64blob(inner)}
    har = {"log": {"version": "1.2", "creator": {"name": "Firefox", "version": c.v.version()}, "entries": [entry]}}
    return ask(c, jdump(c, har, 2))


def t_copy_fetch(c):
    c.url_ctx = c.p(.5)
    q = f"?email={c.email()}" if c.url_ctx else ""
    if c.p(.5):
        body = (f"fetch(\"https://api.{c.ch('bluefinch.io', 'kestrel-analytics.com')}/v2/customers{q}\", {{\n  \"headers\": {{\n    \"accept\": \"application/json\",\n"
                f"    \"authorization\": \"Bearer {c.ch(c.openai, c.stripe, c.jwt)()}\",\n    \"content-type\": \"application/json\"\n  }},\n"
                f"  \"body\": \"{{\\\"iban\\\":\\\"{c.iban()}\\\",\\\"phone\\\":\\\"{c.phone()}\\\"}}\",\n  \"method\": \"POST\",\n  \"mode\": \"cors\"\n}});")
    else:
        body = (f"curl 'https://api.{c.ch('bluefinch.io', 'kestrel-analytics.com')}/v2/payments{q}' \\\n  -H 'accept: */*' \\\n"
                f"  -H 'authorization: Bearer {c.ch(c.openai, c.stripe, c.jwt, c.anthropic)()}' \\\n  -H 'x-forwarded-for: {c.ip()}' \\\n"
                f"  --data-raw '{{\"card\":\"{c.card()}\",\"holder_email\":\"{c.email()}\"}}' \\\n  --compressed")
    return ask(c, body)


# ---------------------------------------------------------------- traces
def t_py_traceback(c):
    body = (f"Traceback (most recent call last):\n  File \"/srv/app/sync.py\", line {c.r.randint(20, 400)}, in run\n    conn = connect(dsn)\n"
            f"    dsn = '{c.cred_url()}'\n    api_key = '{c.ch(c.google, c.openai, c.stripe)()}'\n    user = {{'email': '{c.email()}', 'ip': '{c.ip()}'}}\n"
            f"  File \"/usr/lib/python3.11/site-packages/psycopg/connection.py\", line 728, in connect\n    password = '{c.pw()}'\n"
            f"psycopg.OperationalError: connection failed: FATAL:  password authentication failed for user \"svc\"\n")
    return ask(c, body)


def t_java_mdc(c):
    body = (f"{c.v.date()} 10:4{c.r.randint(0, 9)}:12.331 ERROR [http-nio-8443-exec-{c.r.randint(1, 20)}] c.a.p.PaymentService "
            f"[traceId={c.v.sha1()[:16]} user={c.email()} clientIp={c.ip()}] - Bonifico rifiutato per IBAN {c.iban()} (CF {c.cf()})\n"
            f"java.lang.IllegalStateException: card {c.card()} declined\n\tat com.acme.pay.PaymentService.charge(PaymentService.java:{c.r.randint(50, 600)})\n"
            f"\tat com.acme.pay.api.ChargeController.post(ChargeController.java:88)\n\tat org.springframework.web.servlet.FrameworkServlet.service(FrameworkServlet.java:{c.r.randint(800, 900)})\n")
    return ask(c, body)


def t_sentry(c):
    c.json_ctx = True
    from gen import jdump
    ev = {"event_id": c.v.sha1()[:32], "level": "error", "platform": "javascript", "release": "web@" + c.v.version(),
          "user": {"id": c.v.digits(6), "email": c.email(), "ip_address": c.ip()},
          "request": {"url": "https://app.bluefinch.io/checkout", "headers": {"Authorization": "Bearer " + c.jwt(), "User-Agent": "Mozilla/5.0"}},
          "extra": {"phone": c.phone(), "ssn_last_submitted": c.ssn()} if not c.it() else {"telefono": c.phone(), "codice_fiscale": c.cf()},
          "exception": {"values": [{"type": "TypeError", "value": "Cannot read properties of undefined (reading 'total')"}]}}
    return ask(c, jdump(c, ev))


# ---------------------------------------------------------------- collaboration
def t_slack_export(c):
    c.json_ctx = True
    from gen import jdump
    f1, l1 = c.v.person(c.lang)
    msgs = [{"type": "message", "user": "U0" + c.v.rs("ABCDEFGHJKLMNPQRSTUVWXYZ0123456789", 9), "ts": f"17{c.v.digits(8)}.{c.v.digits(6)}",
             "text": c.L(f"here's the bot token for staging {c.slack_token()} don't share", f"ecco il token del bot di staging {c.slack_token()} non condividerlo")},
            {"type": "message", "user": "U0" + c.v.rs("ABCDEFGHJKLMNPQRSTUVWXYZ0123456789", 9), "ts": f"17{c.v.digits(8)}.{c.v.digits(6)}",
             "text": c.L(f"webhook for #ops is {c.slack_webhook()} and {f1} can be reached at {c.email(f1, l1)} / {c.phone()}",
                         f"il webhook per #ops è {c.slack_webhook()}, {f1} è raggiungibile a {c.email(f1, l1)} o al {c.phone()}")}]
    if c.p(.5):
        msgs.append({"type": "message", "user": "U0" + c.v.rs("ABCDEFGHJKLMNPQRSTUVWXYZ0123456789", 9), "text": c.L(f"{c.marker()} – creds for the bucket: {c.aws_ak()} / {c.aws_sk()}", f"{c.marker()} – credenziali bucket: {c.aws_ak()} / {c.aws_sk()}")})
    return ask(c, jdump(c, msgs))


def t_jira(c):
    f, l = c.v.person(c.lang)
    key = c.ch("SUP", "OPS", "CRM", "FIN") + "-" + str(c.r.randint(100, 9999))
    if c.it():
        body = (f"[{key}] Rimborso non accreditato\nPriorità: Alta   Etichette: {c.marker()}\nDescrizione:\nIl cliente {f} {l} (CF {c.cf(f, l)}, tel. {c.phone()}) "
                f"segnala che il rimborso di {c.v.price()} non è arrivato sull'IBAN {c.iban()}.\n\nCommento di {c.v.person('it')[0]}:\n"
                f"ho provato a rilanciare il job con il token {c.gitlab()} ma la pipeline fallisce. Password del db di test: {c.pw()}\n")
    else:
        body = (f"{key}: Refund not received\nPriority: High   Labels: {c.marker()}\nDescription:\nCustomer {f} {l} ({c.email(f, l)}, {c.phone()}) says the refund of "
                f"{c.v.price()} never reached account {c.iban()}.\n\nComment:\nre-ran the job with token {c.gitlab()}, pipeline still red. test db password: {c.pw()}\n")
    return ask(c, body)


def t_confluence(c):
    body = c.L(
        f"{c.marker()}\n\nRunbook: failover of the billing database\nOwner: {c.email()}\n\n1. ssh to the bastion {c.ip()}\n2. promote the replica at {c.ip()}\n"
        f"3. update DATABASE_URL to {c.cred_url()}\n4. the admin console password is {c.pw()}\nLast updated {c.v.date()} · version {c.v.version()}\n",
        f"{c.marker()}\n\nProcedura: failover del database fatturazione\nReferente: {c.email()}\n\n1. collegarsi al bastion {c.ip()}\n2. promuovere la replica {c.ip()}\n"
        f"3. aggiornare DATABASE_URL a {c.cred_url()}\n4. la password della console admin è {c.pw()}\nUltimo aggiornamento {c.v.date()}\n")
    return ask(c, body)


def t_signature(c):
    f, l = c.v.person(c.lang)
    disc = ""
    if c.p(.3):
        c.judgement = True
        disc = c.L("\n\nThis e-mail and any attachments are confidential and intended solely for the addressee.",
                   "\n\nQuesto messaggio e i suoi allegati sono riservati e destinati esclusivamente al destinatario.")
    body = c.L(f"Thanks,\n{f} {l}\nSenior Account Manager | Hartwell Partners\nM: {c.phone()}  T: {c.phone()}\nE: {c.email(f, l)}\n",
               f"Cordiali saluti,\n{f} {l}\nResponsabile Amministrazione – Fornace S.r.l.\nTel. {c.phone()} | Cell. {c.phone()}\n{c.email(f, l)}\nP.IVA {c.piva()}\n") + disc
    intro = c.L("Reply to this politely declining the offer:\n\n> We'd like to propose a new contract.\n\n", "Rispondi a questa mail rifiutando gentilmente:\n\n> Le proponiamo un nuovo contratto.\n\n")
    return intro + body


def t_cv(c):
    f, l = c.v.person(c.lang)
    if c.it():
        body = (f"CURRICULUM VITAE\n{f} {l}\nNato/a a Bologna il {c.v.date()}\nCodice fiscale: {c.cf(f, l)}\nTelefono: {c.phone()}\nE-mail: {c.email(f, l)}\n"
                f"ESPERIENZE\n2019–oggi  Analista dati presso Ortofrutta Sud S.p.A.\nCOMPETENZE\nPython {c.v.version()}, SQL, Power BI\n"
                "Autorizzo il trattamento dei dati personali ai sensi del Reg. UE 2016/679.\n")
        return c.ch("Migliora questo CV:\n\n", "Traduci il curriculum in inglese:\n\n", "") + body
    body = (f"{f} {l}\n{c.email(f, l)} · {c.phone()} · linkedin.com/in/{f.lower()}{l.lower()}\n\nEXPERIENCE\nData Engineer, Kestrel Analytics (2020–present)\n"
            f"- cut pipeline cost 34%\nEDUCATION\nBSc Computer Science, 2018\n")
    if c.p(.4): body += f"\nApplicant SSN (for background check): {c.ssn()}\n"
    return c.ch("Tailor this resume for a senior role:\n\n", "Fix the grammar in my CV:\n\n", "") + body


# ---------------------------------------------------------------- Italian admin docs
def t_invoice(c):
    f, l = c.v.person("it")
    body = (f"FATTURA N. {c.r.randint(1, 300)}/{c.r.randint(2024, 2026)} del {c.v.date()}\nCedente: Vetreria Lagunare S.r.l. – P.IVA {c.piva()} – PEC {c.email()}\n"
            f"Cessionario: {f} {l}, C.F. {c.cf(f, l)}\nDescrizione: fornitura lastre, {c.v.price()}\nIVA 22%\nPagamento: bonifico a 30 gg su IBAN {c.iban('IT')}\n"
            f"Tel. amministrazione {c.phone()}\n")
    return ask(c, body) if c.it() else "Translate this Italian invoice into English:\n\n" + body


def t_estratto(c):
    rows = ["Data contabile;Data valuta;Descrizione;Importo;Divisa"]
    for _ in range(c.r.randint(3, 6)):
        k = c.r.randrange(4)
        if k == 0: d = f"BONIFICO A VOSTRO FAVORE DA {c.v.person('it')[1].upper()} IBAN {c.iban()}"
        elif k == 1: d = f"PAGAMENTO POS CARTA {c.card()} ESERCENTE {c.ch('ESSELUNGA', 'IPER', 'AUTOGRILL')}"
        elif k == 2: d = f"ADDEBITO SDD CF {c.cf()} RIF {c.v.order()}"
        else: d = f"F24 DELEGA P.IVA {c.piva()}"
        rows.append(f"{c.v.date()};{c.v.date()};{d};-{c.r.randint(1, 999)},{c.v.digits(2)};EUR")
    return ask(c, "\n".join(rows))


def t_bustapaga(c):
    f, l = c.v.person("it")
    body = (f"{c.marker()}\nCEDOLINO PAGA – {c.ch('Gennaio', 'Marzo', 'Luglio', 'Ottobre')} 2026\nAzienda: Cantieri Adriatici S.p.A.  P.IVA {c.piva()}\n"
            f"Dipendente: {l.upper()} {f.upper()}  Matricola {c.v.digits(5)}  C.F. {c.cf(f, l)}\nLivello: 5°  CCNL Metalmeccanico\n"
            f"Retribuzione lorda {c.v.price()}   Netto a pagare {c.v.price()}\nAccredito su IBAN {c.iban('IT')}\n")
    return ask(c, body) if c.it() else "Explain this Italian payslip to me:\n" + body


def t_sinistro(c):
    f, l = c.v.person("it")
    body = (f"DENUNCIA DI SINISTRO n. {c.v.digits(10)}\nPolizza RCA n. {c.v.digits(9)}  Targa {c.v.rs('ABCDEFGHJKLMNPRSTVWXYZ', 2)}{c.v.digits(3)}{c.v.rs('ABCDEFGHJKLMNPRSTVWXYZ', 2)}\n"
            f"Assicurato: {f} {l}, C.F. {c.cf(f, l)}, tel. {c.phone()}, e-mail {c.email(f, l)}\nData evento: {c.v.date()}  Luogo: Via Emilia, Modena\n"
            f"Danni stimati: {c.v.price()}\nIBAN per il rimborso: {c.iban()}\n")
    if not c.it():
        body = (f"Insurance claim #{c.v.digits(8)}\nPolicyholder: {f} {l} — SSN {c.ssn()} — phone {c.phone()}\nEmail: {c.email(f, l)}\nIncident date {c.v.date()}, "
                f"estimated damage {c.v.price()}\nPay out via card ending {c.v.digits(4)} or account {c.iban()}\n")
    return ask(c, body)


def t_contract(c):
    c.judgement = True  # NDA body uses 'Confidential Information' / 'Informazioni Riservate' as a defined term (not labelled)
    f, l = c.v.person("it")
    if c.it():
        body = (f"{c.marker()}\nACCORDO DI RISERVATEZZA (NDA)\ntra Nordalpi Logistica S.r.l., P.IVA {c.piva()}, con sede in Trento, PEC {c.email()}, e\n"
                f"{f} {l}, nato a Roma il {c.v.date()}, C.F. {c.cf(f, l)}.\nArt. 3 – Le Informazioni Riservate non potranno essere divulgate a terzi.\n"
                f"Art. 7 – Penale di {c.v.price()} da versare sull'IBAN {c.iban()}.\n")
        return c.ch("Riassumi le clausole principali:\n\n", "Verifica se manca qualcosa in questo NDA:\n", "") + body
    body = (f"{c.marker()}\nMUTUAL NON-DISCLOSURE AGREEMENT\nBetween Bluefinch Ltd (contact: {c.email()}) and {f} {l}, Italian tax code {c.cf(f, l)}, VAT IT{c.piva()}.\n"
            f"1. Confidential Information shall not be disclosed.\n2. Liquidated damages payable to {c.iban()}.\n")
    return c.ch("Summarize the key clauses:\n\n", "") + body


def t_minutes(c):
    att = ", ".join(f"{a} <{c.email(a, b)}>" for a, b in [c.v.person(c.lang) for _ in range(c.r.randint(2, 3))])
    body = c.L(f"{c.marker()}\nMinutes – infra steering, {c.v.date()}\nAttendees: {att}\nDecisions:\n- move VPN concentrator to {c.ip()}\n- on-call phone {c.phone()}\n- release {c.v.version()} approved\n",
               f"{c.marker()}\nVerbale riunione comitato IT del {c.v.date()}\nPresenti: {att}\nDecisioni:\n- spostare il concentratore VPN su {c.ip()}\n- reperibilità al numero {c.phone()}\n- approvato il rilascio {c.v.version()}\n")
    return ask(c, body)


def t_support_chat(c):
    f, l = c.v.person(c.lang)
    if c.it():
        body = (f"[10:02] Operatore: Buongiorno, come posso aiutarla?\n[10:03] {f}: la carta {c.card()} è stata addebitata due volte\n"
                f"[10:04] Operatore: mi conferma email e telefono?\n[10:04] {f}: {c.email(f, l)}, {c.phone()}\n[10:05] {f}: il rimborso fatelo sull'IBAN {c.iban()}\n")
    else:
        body = (f"Agent: Hi, how can I help?\n{f}: I was double charged on {c.card()}\nAgent: Can you verify your identity?\n{f}: SSN is {c.ssn(c.ch('-', ' ', '-'))}, email {c.email(f, l)}\n"
                f"{f}: call me back at {c.phone()}\n")
    return ask(c, body)


def t_crm_csv(c):
    if c.it():
        rows = ["ragione_sociale,referente,email,telefono,piva,cf_referente"]
        for _ in range(c.r.randint(2, 5)):
            f, l = c.v.person("it")
            rows.append(f"{c.ch('Ferramenta', 'Studio', 'Panificio', 'Officina')} {l},{f} {l},{c.email(f, l)},{c.phone()},{c.piva()},{c.cf(f, l)}")
    else:
        rows = ["account_id,contact,email,phone,ssn,created"]
        for _ in range(c.r.randint(2, 5)):
            f, l = c.v.person("en")
            rows.append(f"{c.v.digits(7)},{f} {l},{c.email(f, l)},\"{c.phone()}\",{c.ssn()},{c.v.date()}")
    return ask(c, "\n".join(rows))


def t_vcard_ical(c):
    f, l = c.v.person(c.lang)
    if c.p(.5):
        body = f"BEGIN:VCARD\nVERSION:3.0\nN:{l};{f};;;\nFN:{f} {l}\nORG:Brightlane Health\nTEL;TYPE=CELL:{c.phone()}\nTEL;TYPE=WORK:{c.phone()}\nEMAIL;TYPE=INTERNET:{c.email(f, l)}\nEND:VCARD"
    else:
        body = (f"BEGIN:VCALENDAR\nVERSION:2.0\nBEGIN:VEVENT\nUID:{c.v.uuid()}\nDTSTART:20261203T090000Z\nSUMMARY:{c.L('Quarterly review', 'Revisione trimestrale')}\n"
                f"ORGANIZER;CN={f} {l}:mailto:{c.email(f, l)}\nATTENDEE;CN=Ops:mailto:{c.email()}\nDESCRIPTION:{c.L('Dial-in', 'Numero')} {c.phone()}\\n{c.marker()}\nEND:VEVENT\nEND:VCALENDAR")
    return ask(c, body)


# ---------------------------------------------------------------- config/code
def t_conn_strings(c):
    lang = c.ch("py", "js", "rb", "env")
    if lang == "py": body = f"import redis, pymongo, pika\nr = redis.from_url(\"{c.cred_url('cache-01')}\")\nm = pymongo.MongoClient('{c.cred_url()}')\nq = pika.URLParameters('{c.cred_url('rabbitmq.svc.cluster.local')}')"
    elif lang == "js": body = f"const client = new MongoClient(\"{c.cred_url()}\");\nconst amqp = await connect('{c.cred_url('rabbitmq.svc.cluster.local')}');"
    elif lang == "rb": body = f"Sidekiq.configure_server {{ |config| config.redis = {{ url: '{c.cred_url('redis-master')}' }} }}"
    else: body = f"CELERY_BROKER_URL={c.cred_url('rabbitmq.svc.cluster.local')}\nCACHE={c.ip(False)}:6379,password={c.pw()},ssl=True"
    return ask(c, body)


def t_env(c):
    lines = [f"OPENAI_API_KEY={c.openai()}", f"ANTHROPIC_API_KEY={c.anthropic()}", f"STRIPE_SECRET_KEY={c.stripe()}", f"GITHUB_TOKEN={c.gh()}",
             f"SLACK_BOT_TOKEN={c.slack_token()}", f"DB_PASSWORD='{c.pw()}'", f"REDIS_URL={c.cred_url('redis-master')}", f"GOOGLE_MAPS_KEY={c.google()}",
             f"SENTRY_RELEASE={c.v.version()}", f"BUILD_ID={c.v.uuid()}", "NODE_ENV=production", f"ADMIN_EMAIL={c.email()}"]
    c.r.shuffle(lines)
    return ask(c, "# .env\n" + "\n".join(lines[:c.r.randint(4, 9)]))


def t_dockerfile(c):
    body = (f"FROM python:3.12-slim\nARG GITHUB_TOKEN={c.gh()}\nENV AWS_ACCESS_KEY_ID={c.aws_ak()} \\\n    AWS_SECRET_ACCESS_KEY={c.aws_sk()}\n"
            f"ENV PIP_INDEX_URL={c.cred_url('pypi.kestrel-analytics.com')}\nRUN pip install -r requirements.txt\nLABEL org.opencontainers.image.revision={c.v.sha1()}\n"
            f"ENV OPENAI_API_KEY=\"{c.openai()}\"\nCMD [\"gunicorn\", \"app:app\"]\n")
    return ask(c, body)


def t_scripts(c):
    k = c.r.randrange(6)
    if k == 0: body = f"val slack = Slack.getInstance()\nval token = \"{c.slack_token()}\"\nval webhook = \"{c.slack_webhook()}\"\nval mapsKey = \"{c.google()}\""
    elif k == 1: body = f"let apiKey = \"{c.google()}\"\nlet stripeKey = \"{c.stripe()}\"\nvar request = URLRequest(url: url)\nrequest.setValue(\"Bearer {c.openai()}\", forHTTPHeaderField: \"Authorization\")"
    elif k == 2: body = f"require 'stripe'\nStripe.api_key = '{c.stripe()}'\nOctokit::Client.new(access_token: '{c.gh()}')\nANTHROPIC = '{c.anthropic()}'"
    elif k == 3: body = f"use DBI;\nmy $dbh = DBI->connect('DBI:mysql:database=crm;host={c.ip()}', 'report', '{c.pw()}') or die;\nmy $token = '{c.gitlab()}';"
    elif k == 4: body = (f"$secure = ConvertTo-SecureString \"{c.pw()}\" -AsPlainText -Force\n$cred = New-Object System.Management.Automation.PSCredential('CORP\\svc_backup', $secure)\n"
                         f"$env:AWS_ACCESS_KEY_ID = '{c.aws_ak()}'\n$env:AWS_SECRET_ACCESS_KEY = '{c.aws_sk()}'\nInvoke-RestMethod -Uri {c.slack_webhook()} -Method Post")
    else: body = (f"#!/usr/bin/env bash\nset -euo pipefail\nexport GITLAB_TOKEN={c.gitlab()}\nexport ANTHROPIC_API_KEY={c.anthropic()}\n"
                  f"curl -s -u admin:{c.pw()} https://{c.ip(False)}:9200/_cat/indices\nsshpass -p '{c.pw()}' ssh ops@{c.ip()}")
    return ask(c, body)


def t_tsv(c):
    if c.it():
        rows = ["Nome\tCodice fiscale\tIBAN\tTelefono\tEmail"]
        for _ in range(c.r.randint(2, 4)):
            f, l = c.v.person("it"); rows.append(f"{f} {l}\t{c.cf(f, l)}\t{c.iban('IT')}\t{c.phone()}\t{c.email(f, l)}")
    else:
        rows = ["Name\tCard\tExp\tSSN\tEmail"]
        for _ in range(c.r.randint(2, 4)):
            f, l = c.v.person("en"); rows.append(f"{f} {l}\t{c.card()}\t{c.r.randint(1, 12):02d}/{c.r.randint(27, 31)}\t{c.ssn()}\t{c.email(f, l)}")
    return c.L("Paste from the spreadsheet, dedupe these rows:\n", "Incollo dal foglio Excel, togli i duplicati:\n") + "\n".join(rows)


def t_latex(c):
    f, l = c.v.person(c.lang)
    body = (f"\\documentclass{{letter}}\n\\usepackage[utf8]{{inputenc}}\n\\fancyhead[C]{{\\textbf{{{c.marker()}}}}}\n\\begin{{document}}\n\\signature{{{f} {l}\\\\ \\texttt{{{c.email(f, l)}}}\\\\ Tel. {c.phone()}}}\n"
            f"{c.L('Payment to', 'Pagamento su')} IBAN {c.iban()}.\n\\end{{document}}")
    return ask(c, body)


def t_html_form(c):
    body = (f"<form action=\"/checkout\" method=\"post\">\n  <input type=\"email\" name=\"email\" value=\"{c.email()}\">\n  <input name=\"cc-number\" value=\"{c.card()}\" autocomplete=\"cc-number\">\n"
            f"  <input type=\"password\" name=\"pwd\" value=\"{c.pw()}\">\n  <input type=\"hidden\" name=\"csrf\" value=\"{c.v.sha256()}\">\n</form>\n"
            f"<script src=\"https://maps.googleapis.com/maps/api/js?key={c.google()}&callback=initMap\"></script>\n<script>Stripe('pk_live_{c.v.rs('abcdefghijkLMNOPQRS0123456789', 24)}')</script>")
    return ask(c, body)


def t_soap(c):
    f, l = c.v.person("it")
    body = (f"<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\" xmlns:wsse=\"http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd\">\n"
            f" <soapenv:Header><wsse:Security><wsse:UsernameToken><wsse:Username>ws_anagrafe</wsse:Username><wsse:Password>{c.pw()}</wsse:Password></wsse:UsernameToken></wsse:Security></soapenv:Header>\n"
            f" <soapenv:Body><ns:RegistraCliente><ns:Nome>{f}</ns:Nome><ns:Cognome>{l}</ns:Cognome><ns:CodiceFiscale>{c.cf(f, l)}</ns:CodiceFiscale>"
            f"<ns:PartitaIva>{c.piva()}</ns:PartitaIva><ns:IBAN>{c.iban()}</ns:IBAN></ns:RegistraCliente></soapenv:Body>\n</soapenv:Envelope>")
    return ask(c, body)


def t_toml_ini(c):
    if c.p(.5):
        body = (f"[server]\nhost = \"{c.ip()}\"\nport = 8443\n\n[database]\nurl = \"{c.cred_url()}\"\npassword = \"{c.pw()}\"\n\n[aws]\naccess_key_id = \"{c.aws_ak()}\"\n"
                f"secret_access_key = \"{c.aws_sk()}\"\n\n[meta]\nversion = \"{c.v.version()}\"\n")
    else:
        body = (f"; config.ini\n[smtp]\nserver=smtp.{c.ch('libero.it', 'legalmail.it')}\nuser={c.email()}\npwd={c.pw()}\n[api]\nstripe={c.stripe()}\nopenai={c.openai()}\n[build]\ncommit={c.v.sha1()}\n")
    return ask(c, body)


def t_reg(c):
    body = (f"Windows Registry Editor Version 5.00\n\n[HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\Winlogon]\n\"AutoAdminLogon\"=\"1\"\n"
            f"\"DefaultUserName\"=\"kiosk\"\n\"DefaultPassword\"=\"{c.pw()}\"\n\n[HKEY_CURRENT_USER\\Software\\Microsoft\\Windows\\CurrentVersion\\Internet Settings]\n"
            f"\"ProxyServer\"=\"{c.ip(False)}:3128\"\n\n[HKEY_CURRENT_USER\\Software\\Contoso\\Sync]\n\"Account\"=\"{c.email()}\"\n\"InstallId\"=\"{{{c.v.uuid().upper()}}}\"\n")
    return ask(c, body)


def t_ssh(c):
    body = f"Host bastion\n  HostName {c.ip()}\n  User ops\n  IdentityFile ~/.ssh/id_ed25519\n  ProxyJump none\nHost db\n  HostName {c.ip(False)}\n  ProxyJump bastion\n"
    if c.p(.6): body += c.L("\nand this is the key it uses:\n", "\ne questa è la chiave:\n") + c.pem("OPENSSH") + "\n"
    return ask(c, body)


def t_openvpn(c):
    tls = ""
    if c.p(.3):
        c.judgement = True
        tls = "<tls-auth>\n-----BEGIN OpenVPN Static key V1-----\n" + "\n".join(c.v.rs("0123456789abcdef", 32) for _ in range(8)) + "\n-----END OpenVPN Static key V1-----\n</tls-auth>\nkey-direction 1\n"
    body = (f"client\ndev tun\nproto udp\nremote {c.ip()} 1194\nresolv-retry infinite\nnobind\ncipher AES-256-GCM\n<ca>\n{c.v.cert()}\n</ca>\n<cert>\n{c.v.cert()}\n</cert>\n"
            f"<key>\n{c.pem(c.ch('PKCS8', 'RSA', 'EC'))}\n</key>\n{tls}")
    return ask(c, body)


def t_wireguard(c):
    c.judgement = True  # WireGuard base64 keys: not PEM -> not labelled
    pk = base64.b64encode(bytes(c.r.getrandbits(8) for _ in range(32))).decode()
    pub = base64.b64encode(bytes(c.r.getrandbits(8) for _ in range(32))).decode()
    body = f"[Interface]\nPrivateKey = {pk}\nAddress = {c.ip(False)}/24\nDNS = {c.ip(False)}\n\n[Peer]\nPublicKey = {pub}\nEndpoint = {c.ip(False)}:51820\n" + (f"AllowedIPs = {c.m('IP_ADDRESS', '0.0.0.0', '0.0.0.0')}/0\n" if c.mode == "pos" else "")
    return ask(c, body)


def t_keyblock(c):
    intro = c.L(c.ch("gpg --import says 'no valid OpenPGP data found', here's the file:\n", "Convert this key to PKCS#1 for me:\n", "Is this key encrypted?\n"),
                c.ch("Questa chiave non viene accettata dal server, perché?\n", "Converti questa chiave in formato PEM:\n", "La chiave è cifrata?\n"))
    return intro + c.pem() + "\n"


def t_b64_prompt(c):
    f, l = c.v.person(c.lang)
    c.in_b64 = True
    inner = c.ch(lambda: c.L(f"Customer {f} {l}, phone {c.phone()}, card {c.card()}", f"Cliente {f} {l}, CF {c.cf(f, l)}, IBAN {c.iban()}"),
                 lambda: f"aws_access_key_id = {c.aws_ak()}\naws_secret_access_key = {c.aws_sk()}",
                 lambda: f"token: {c.gh()}\nuser: {c.email(f, l)}")()
    blob = c.b64blob(inner)
    return c.L(f"Decode this base64 and tell me what it contains:\n{blob}", f"Decodifica questo base64 e dimmi cosa contiene:\n{blob}")


def t_mime(c):
    f, l = c.v.person(c.lang)
    c.in_b64 = True
    inner = c.L(f"Hi, please wire the deposit to {c.iban()} and call me on {c.phone()}.\n{f}",
                f"Buongiorno, il deposito va su IBAN {c.iban()}, il mio codice fiscale è {c.cf(f, l)}.\n{f}")
    body = (f"From: {f} {l} <{c.email(f, l)}>\nSubject: {c.L('deposit', 'caparra')}\nMIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\n"
            f"Content-Transfer-Encoding: base64\n\n{c.b64blob(inner)}\n")
    return ask(c, body)


T = lambda *a: set(a)
TEMPLATES = [
    ("jupyter", t_jupyter, T("OPENAI_KEY", "ANTHROPIC_KEY", "CREDENTIAL_URL", "GOOGLE_API_KEY", "EMAIL", "PHONE", "IBAN")),
    ("k8s_secret", t_k8s_secret, T("PASSWORD", "STRIPE_KEY", "CREDENTIAL_URL", "AWS_ACCESS_KEY", "AWS_SECRET_KEY", "IP_ADDRESS")),
    ("kubeconfig", t_kubeconfig, T("PRIVATE_KEY", "JWT", "IP_ADDRESS")),
    ("helm", t_helm, T("PASSWORD", "CREDENTIAL_URL", "SLACK_WEBHOOK", "EMAIL", "IP_ADDRESS")),
    ("gha", t_gha, T("GITHUB_TOKEN", "AWS_ACCESS_KEY", "AWS_SECRET_KEY", "PASSWORD", "SLACK_WEBHOOK")),
    ("gitlab_ci", t_gitlab_ci, T("GITLAB_TOKEN", "SLACK_TOKEN", "IP_ADDRESS", "PASSWORD")),
    ("tfstate", t_tfstate, T("AWS_ACCESS_KEY", "AWS_SECRET_KEY", "PASSWORD", "PRIVATE_KEY", "IP_ADDRESS")),
    ("postman", t_postman, T("EMAIL", "CREDIT_CARD", "JWT", "ANTHROPIC_KEY", "OPENAI_KEY", "STRIPE_KEY")),
    ("har", t_har, T("EMAIL", "PASSWORD", "IP_ADDRESS", "JWT")),
    ("copy_fetch", t_copy_fetch, T("EMAIL", "OPENAI_KEY", "STRIPE_KEY", "JWT", "IBAN", "PHONE", "ANTHROPIC_KEY", "IP_ADDRESS", "CREDIT_CARD")),
    ("py_traceback", t_py_traceback, T("CREDENTIAL_URL", "GOOGLE_API_KEY", "OPENAI_KEY", "STRIPE_KEY", "EMAIL", "IP_ADDRESS", "PASSWORD")),
    ("java_mdc", t_java_mdc, T("EMAIL", "IP_ADDRESS", "IBAN", "IT_FISCAL_CODE", "CREDIT_CARD")),
    ("sentry", t_sentry, T("EMAIL", "IP_ADDRESS", "JWT", "PHONE", "US_SSN", "IT_FISCAL_CODE")),
    ("slack_export", t_slack_export, T("SLACK_TOKEN", "SLACK_WEBHOOK", "EMAIL", "PHONE", "CONFIDENTIAL_MARKER", "AWS_ACCESS_KEY", "AWS_SECRET_KEY")),
    ("jira", t_jira, T("CONFIDENTIAL_MARKER", "IT_FISCAL_CODE", "PHONE", "IBAN", "GITLAB_TOKEN", "PASSWORD", "EMAIL")),
    ("confluence", t_confluence, T("CONFIDENTIAL_MARKER", "EMAIL", "IP_ADDRESS", "CREDENTIAL_URL", "PASSWORD")),
    ("signature", t_signature, T("PHONE", "EMAIL", "IT_VAT")),
    ("cv", t_cv, T("IT_FISCAL_CODE", "PHONE", "EMAIL", "US_SSN")),
    ("invoice", t_invoice, T("IT_VAT", "EMAIL", "IT_FISCAL_CODE", "IBAN", "PHONE")),
    ("estratto", t_estratto, T("IBAN", "CREDIT_CARD", "IT_FISCAL_CODE", "IT_VAT")),
    ("bustapaga", t_bustapaga, T("CONFIDENTIAL_MARKER", "IT_VAT", "IT_FISCAL_CODE", "IBAN")),
    ("sinistro", t_sinistro, T("IT_FISCAL_CODE", "PHONE", "EMAIL", "IBAN", "US_SSN")),
    ("contract", t_contract, T("CONFIDENTIAL_MARKER", "IT_VAT", "EMAIL", "IT_FISCAL_CODE", "IBAN")),
    ("minutes", t_minutes, T("CONFIDENTIAL_MARKER", "EMAIL", "IP_ADDRESS", "PHONE")),
    ("support_chat", t_support_chat, T("CREDIT_CARD", "EMAIL", "PHONE", "IBAN", "US_SSN")),
    ("crm_csv", t_crm_csv, T("EMAIL", "PHONE", "IT_VAT", "IT_FISCAL_CODE", "US_SSN")),
    ("vcard_ical", t_vcard_ical, T("PHONE", "EMAIL", "CONFIDENTIAL_MARKER")),
    ("conn_strings", t_conn_strings, T("CREDENTIAL_URL", "IP_ADDRESS", "PASSWORD")),
    ("env", t_env, T("OPENAI_KEY", "ANTHROPIC_KEY", "STRIPE_KEY", "GITHUB_TOKEN", "SLACK_TOKEN", "PASSWORD", "CREDENTIAL_URL", "GOOGLE_API_KEY", "EMAIL")),
    ("dockerfile", t_dockerfile, T("GITHUB_TOKEN", "AWS_ACCESS_KEY", "AWS_SECRET_KEY", "CREDENTIAL_URL", "OPENAI_KEY")),
    ("scripts", t_scripts, T("SLACK_TOKEN", "SLACK_WEBHOOK", "GOOGLE_API_KEY", "STRIPE_KEY", "OPENAI_KEY", "GITHUB_TOKEN", "ANTHROPIC_KEY", "IP_ADDRESS", "PASSWORD", "GITLAB_TOKEN", "AWS_ACCESS_KEY", "AWS_SECRET_KEY")),
    ("tsv", t_tsv, T("IT_FISCAL_CODE", "IBAN", "PHONE", "EMAIL", "CREDIT_CARD", "US_SSN")),
    ("latex", t_latex, T("CONFIDENTIAL_MARKER", "EMAIL", "PHONE", "IBAN")),
    ("html_form", t_html_form, T("EMAIL", "CREDIT_CARD", "PASSWORD", "GOOGLE_API_KEY")),
    ("soap", t_soap, T("PASSWORD", "IT_FISCAL_CODE", "IT_VAT", "IBAN")),
    ("toml_ini", t_toml_ini, T("IP_ADDRESS", "CREDENTIAL_URL", "PASSWORD", "AWS_ACCESS_KEY", "AWS_SECRET_KEY", "EMAIL", "STRIPE_KEY", "OPENAI_KEY")),
    ("reg", t_reg, T("PASSWORD", "IP_ADDRESS", "EMAIL")),
    ("ssh", t_ssh, T("IP_ADDRESS", "PRIVATE_KEY")),
    ("openvpn", t_openvpn, T("IP_ADDRESS", "PRIVATE_KEY")),
    ("wireguard", t_wireguard, T("IP_ADDRESS")),
    ("keyblock", t_keyblock, T("PRIVATE_KEY")),
    ("b64_prompt", t_b64_prompt, T("PHONE", "CREDIT_CARD", "IT_FISCAL_CODE", "IBAN", "AWS_ACCESS_KEY", "AWS_SECRET_KEY", "GITHUB_TOKEN", "EMAIL")),
    ("mime", t_mime, T("IBAN", "PHONE", "IT_FISCAL_CODE", "EMAIL")),
]


# ---------------------------------------------------------------- negative-only templates
def n_release(c):
    v = c.v
    return c.L(f"Summarize the changelog:\n## {v.version()} ({v.date()})\n- fix race in cache ({v.sha1()[:7]})\n- bump grpc to {v.version()}\n- build {v.uuid()}\nChecksum (sha256): {v.sha256()}\n",
               f"Riassumi il changelog:\n## {v.version()} ({v.date()})\n- corretto bug nella cache ({v.sha1()[:7]})\n- aggiornato grpc a {v.version()}\nChecksum sha256: {v.sha256()}\n")


def n_order(c):
    v = c.v
    return c.L(f"Customer asks about order {v.order()} placed {v.date()}, total {v.price()}, tracking {v.tracking()}. Card on file: **** **** **** {v.digits(4)}. Draft a reply.",
               f"Il cliente chiede dell'ordine {v.order()} del {v.date()}, totale {v.price()}, spedizione {v.tracking()}. Carta: **** {v.digits(4)}. Scrivi una risposta.")


def n_docs(c):
    c.judgement = c.p(.25)
    ex = c.ch("AKIAIOSFODNN7EXAMPLE / wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "sk-...your key here...", "YOUR_API_KEY", "xoxb-xxxxxxxxxxxx", "ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
              "postgres://user:password@localhost:5432/mydb", "https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX", "-----BEGIN PRIVATE KEY-----\n...\n-----END PRIVATE KEY-----")
    if c.judgement:
        ex = c.ch("4111 1111 1111 1111", "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c",
                  c.v.gh_badcrc(), "user@example.com")
    return c.L(f"The README says to set the key like `{ex}`. Where do I put it in a Helm chart?", f"Nella documentazione c'è l'esempio `{ex}`. Dove lo metto nel file values.yaml?")


def n_invalid(c):
    v = c.v
    f, l = v.person("it")
    return c.L(f"Validate these test fixtures, which ones should fail? card {v.card(good=False)}, IBAN {v.iban(good=False)}, SSN {v.ssn(good=False)}, CF {v.cf(f, l, good=False)}",
               f"Il validatore rifiuta questi dati, è corretto? CF {v.cf(f, l, good=False)}, P.IVA {v.piva(good=False)}, IBAN {v.iban(good=False)}, carta {v.card(good=False)}")


def n_rights(c):
    return c.L(f"Translate the footer: '© {c.r.randint(2019, 2026)} Bluefinch Ltd. All rights reserved. Confidence interval 95%. Version {c.v.version()}.'",
               f"Traduci il piè di pagina: '© {c.r.randint(2019, 2026)} Fornace S.r.l. Tutti i diritti riservati. Posti riservati ai soci. Area riservata: accedi. Versione {c.v.version()}.'")


def n_netconf(c):
    v = c.v
    c.judgement = not c.it()  # 'build X.Y.Z.N' is a parseable IPv4
    return c.L(f"Why does `pip install pkg=={v.version()}` fail? OID 1.3.6.1.4.1.{v.digits(4)}.2, MAC 00:1a:2b:{v.digits(2)}:4d:5e, time 12:30:45, build {v.version()}.{c.r.randint(1, 99)}",
               f"Perché fallisce l'installazione della versione {v.version()}? OID 1.3.6.1.4.1.{v.digits(4)}.2, MAC 00:1a:2b:{v.digits(2)}:4d:5e, ore 12:30:45, commit {v.sha1()}")


NEG_ONLY = [("n_release", n_release, set()), ("n_order", n_order, set()), ("n_docs", n_docs, set()), ("n_invalid", n_invalid, set()),
            ("n_rights", n_rights, set()), ("n_netconf", n_netconf, set())]
