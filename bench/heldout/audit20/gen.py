#!/usr/bin/env python3
"""audit20 held-out corpus: tabular and query output pasted into a prompt.

  gen.py SEED N OUT.jsonl

Domains: psql (aligned and \\x expanded) and mysql (boxed and \\G) result sets, sqlite .mode
column/box, pandas DataFrame print() and .to_markdown(), Markdown tables, CSV (quoting, embedded
commas, QUOTE_ALL) and TSV / Excel copy-paste (CRLF), fixed-width reports, mongosh and legacy mongo
shell documents (ObjectId, ISODate), Elasticsearch _search hits, GraphQL responses, BigQuery and
SnowSQL CLI tables, redis-cli HGETALL, ldapsearch LDIF, kubectl get -o wide (pods, nodes,
services), spreadsheet formulas; EN and IT requests around them.
Columns of PII (e-mails, phones of several national plans, IBANs, cards, codici fiscali, partite
IVA, SSNs, IPs) and credentials (plain `password` columns are PASSWORD, api-key columns with real
token formats, AWS key pairs, JWT session tokens, DSNs with credentials); hard negatives of those
domains (row ids, ObjectIds, timestamps, amounts, order numbers, bcrypt/argon2/pbkdf2/sha hashes in
password-hash columns, UUIDs, EANs, tracking numbers, masked cards/IBANs/phones, checksum-failing
cards/IBANs/CFs/P.IVA, invalid SSNs, placeholders). ~10 % evasions (full-width digits or @,
zero-width characters inside a value, JSON \\u escapes inside JSON output), ~3 % judgement cases.

Writes OUT.jsonl (dev.jsonl schema), OUT.nojudge.jsonl (without "judgement" cases) and
OUT.meta.jsonl (schema, renderer, slot and the judgement reason). Spans are UTF-8 byte offsets of
the bare value as it appears (no quotes, no label). Deterministic per SEED; stdlib only; every
value fabricated at run time. Self-check per case: span bytes == value; each labelled value
(decoded: JSON escapes, NFKC, format chars stripped) passes its format/checksum; the text with
labelled spans blanked holds no other valid value of any labelled type (redrawn otherwise).
"""
import collections
import ipaddress
import json
import os
import random
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import values as V  # noqa: E402


class F(collections.namedtuple("F", "type value enc")):
    __slots__ = ()

    def __new__(cls, type, value, enc=None):
        return super().__new__(cls, type, value, enc)


class Retry(Exception):
    pass


def txt(c):
    return c.value if isinstance(c, F) else c


# ================================================================== column kinds
FIRST_IT = ["Mario", "Giulia", "Luca", "Francesca", "Alessandro", "Chiara", "Marco", "Sara", "Davide", "Elena", "Paolo", "Anna"]
LAST_IT = ["Rossi", "Bianchi", "Esposito", "Colombo", "Ricci", "Marino", "Greco", "Bruno", "Gallo", "Conti", "De Luca", "Costa"]
FIRST_EN = ["James", "Emily", "Michael", "Sarah", "David", "Laura", "Daniel", "Olivia", "Ryan", "Megan", "Kevin", "Hannah"]
LAST_EN = ["Smith", "Johnson", "Brown", "Miller", "Davis", "Wilson", "Taylor", "Anderson", "Clark", "Walker", "O'Brien", "Lee"]
CITIES = ["Milano", "Roma", "Torino", "Bologna", "Napoli", "Firenze", "Bari", "Verona", "Padova", "Genova", "Trieste", "Parma"]
US_CITIES = ["Austin", "Boston", "Denver", "Seattle", "Chicago", "Portland", "Atlanta", "San Jose"]
STATUS = ["active", "active", "suspended", "pending", "closed"]
PAY_STATUS = ["captured", "authorized", "refunded", "failed", "settled"]
STATO = ["attivo", "attivo", "sospeso", "in attesa", "chiuso"]
COMPANIES = ["Officina Sarti Srl", "Trasporti Galli S.p.A.", "Studio Bianchi & Associati", "Lavanderia Stella Snc",
             "Caseificio Valpadana Srl", "Edil Costa Srl", "Tipografia Moderna", "Rossi, Verdi e Figli Srl"]


def name_of(ctx):
    return ctx["first"] + " " + ctx["last"]


def mk_email(r, ctx):
    return F("EMAIL", V.email_make(r, ctx["first"], ctx["last"]))


def mk_phone(r, ctx, region=None):
    region = region or ctx.get("phone_region") or r.choice(["it_mob", "it_mob", "it_land", "us", "uk", "de", "fr", "ch", "es"])
    return F("PHONE", V.phone_make(r, region))


def mk_iban(r, ctx):
    c = r.choice(["IT", "IT", "IT", "DE", "FR", "ES", "NL", "BE", "AT", "CH", "GB", "SM", "PT", "IE"])
    return F("IBAN", V.iban_format(r, V.iban_make(r, c), r.choice(["space", "compact", "compact"])))


def mk_card(r, ctx):
    b = r.choice(["visa", "visa", "mc", "mc2", "amex", "discover", "jcb", "diners"])
    return F("CREDIT_CARD", V.card_format(r, V.card_digits(r, b), b, r.choice(["space", "dash", "compact", "compact"])))


def mk_cf(r, ctx):
    return F("IT_FISCAL_CODE", V.cf_make(r, omocodia=r.choice([0, 0, 0, 0, 1, 2])))


def mk_piva(r, ctx):
    return F("IT_VAT", V.piva_make(r))


def mk_ssn(r, ctx):
    return F("US_SSN", V.ssn_make(r))


def mk_ip(r, ctx):
    if r.random() < 0.15:
        return F("IP_ADDRESS", V.ipv6_make(r, r.choice(["global", "ula"])))
    return F("IP_ADDRESS", V.ipv4_make(r))


def mk_password(r, ctx):
    return F("PASSWORD", V.password_make(r))


TOKENS = [
    ("GITHUB_TOKEN", lambda r: V.gh_make(r)), ("GITLAB_TOKEN", lambda r: V.gitlab_token(r, "pat")),
    ("SLACK_TOKEN", lambda r: V.slack_token(r, r.choice(["xoxb", "xoxp"]))), ("STRIPE_KEY", lambda r: V.stripe_key(r)),
    ("OPENAI_KEY", lambda r: V.openai_key(r)), ("ANTHROPIC_KEY", lambda r: V.anthropic_key(r)),
    ("GOOGLE_API_KEY", lambda r: V.google_key(r)), ("SLACK_WEBHOOK", lambda r: V.slack_webhook(r)),
]
TOKEN_SERVICE = {"GITHUB_TOKEN": "github", "GITLAB_TOKEN": "gitlab", "SLACK_TOKEN": "slack", "STRIPE_KEY": "stripe",
                 "OPENAI_KEY": "openai", "ANTHROPIC_KEY": "anthropic", "GOOGLE_API_KEY": "google-maps", "SLACK_WEBHOOK": "slack-alerts"}


def mk_token(r, ctx):
    t, fn = r.choice(TOKENS)
    ctx["service"] = TOKEN_SERVICE[t]
    return F(t, fn(r))


def mk_cred_url(r, ctx):
    user = r.choice(["app", "etl", "reporting", "grafana", "metabase", "svc_orders", "airflow"])
    pw_ = V.rs(r, V.AN, r.randint(10, 18))
    sch, host, port = r.choice([("postgresql", "pg-main.prod.lan", 5432), ("mysql", "mysql-primary.svc.cluster.local", 3306),
                                ("mongodb", "mongo-0.mongo.db.svc", 27017), ("redis", "cache.internal", 6379),
                                ("amqp", "rabbit-01.internal", 5672), ("postgres", "db.acme-analytics.it", 5432)])
    return F("CREDENTIAL_URL", "%s://%s:%s@%s:%d/%s" % (sch, user, pw_, host, port, r.choice(["app", "dwh", "orders", "0", "analytics"])))


# negative makers
def ng_hash(r, ctx):
    return V.any_hash(r)


def ng_bad_card(r, ctx):
    b = r.choice(["visa", "mc", "amex", "discover", "mc2"])
    return V.card_format(r, V.luhn_break(V.card_digits(r, b)), b, r.choice(["space", "compact", "dash"]))


def ng_bad_iban(r, ctx):
    c = r.choice(["IT", "IT", "DE", "FR", "ES"])
    if r.random() < 0.3:
        return V.iban_format(r, V.iban_wrong_length(r, c), r.choice(["space", "compact"]))
    return V.iban_format(r, V.iban_break(r, V.iban_make(r, c)), r.choice(["space", "compact"]))


def ng_bad_cf(r, ctx):
    return r.choice([lambda: V.cf_break_check(V.cf_make(r)), lambda: V.cf_bad_month(r), lambda: V.cf_bad_day(r)])()


def ng_bad_piva(r, ctx):
    return V.piva_break(V.piva_make(r))


def ng_bad_ssn(r, ctx):
    return V.ssn_invalid(r)


def ng_placeholder(r, ctx):
    return r.choice(V.PLACEHOLDERS)


# kind: (en header, it header, maker, positive?, lookalike-negative?)
K = {
    "id": ("id", "id", lambda r, c: str(c["row"] + c["id0"]), 0, 0),
    "name": ("name", "nominativo", lambda r, c: name_of(c), 0, 0),
    "company": ("company", "ragione_sociale", lambda r, c: r.choice(COMPANIES), 0, 0),
    "city": ("city", "citta", lambda r, c: r.choice(US_CITIES if c.get("us") else CITIES), 0, 0),
    "status": ("status", "stato", lambda r, c: r.choice(STATUS), 0, 0),
    "pay_status": ("status", "esito", lambda r, c: r.choice(PAY_STATUS), 0, 0),
    "created_at": ("created_at", "data_creazione", lambda r, c: c.setdefault("ts_fmt", None) or V.ts(r, c["ts_style"]), 0, 0),
    "updated_at": ("updated_at", "ultimo_accesso", lambda r, c: V.ts(r, c["ts_style"]), 0, 0),
    "date": ("hire_date", "data_assunzione", lambda r, c: V.date(r), 0, 0),
    "amount": ("amount", "importo", lambda r, c: V.amount(r, c.get("it_money", False)), 0, 0),
    "order_no": ("order_no", "num_ordine", lambda r, c: V.order_no(r), 0, 0),
    "uuid": ("uuid", "uuid", lambda r, c: V.uuid_like(r), 0, 0),
    "objectid": ("ref", "rif", lambda r, c: V.objectid(r), 0, 0),
    "ean": ("ean", "ean", lambda r, c: V.ean13(r), 0, 0),
    "tracking": ("tracking_no", "tracking", lambda r, c: V.tracking(r), 0, 0),
    "qty": ("qty", "qta", lambda r, c: str(r.randint(1, 40)), 0, 0),
    "username": ("username", "utente", lambda r, c: (c["first"][0] + re.sub(r"[^a-z]", "", c["last"].lower()))[:12], 0, 0),
    "role": ("role", "ruolo", lambda r, c: r.choice(["admin", "editor", "viewer", "support", "billing"]), 0, 0),
    "service": ("service", "servizio", lambda r, c: c.get("service", r.choice(["github", "stripe", "slack"])), 0, 0),
    # positives
    "email": ("email", "email", mk_email, 1, 0),
    "phone": ("phone", "telefono", mk_phone, 1, 0),
    "iban": ("iban", "iban", mk_iban, 1, 0),
    "card": ("card_number", "numero_carta", mk_card, 1, 0),
    "cf": ("tax_code", "codice_fiscale", mk_cf, 1, 0),
    "piva": ("vat_number", "partita_iva", mk_piva, 1, 0),
    "ssn": ("ssn", "ssn", mk_ssn, 1, 0),
    "ip": ("last_login_ip", "ip_ultimo_accesso", mk_ip, 1, 0),
    "client_ip": ("client_ip", "ip_client", mk_ip, 1, 0),
    "password": (["password", "password", "pwd", "passwd", "plain_password", "temp_password"], ["password", "password", "pwd", "password_chiaro"], mk_password, 1, 0),
    "api_key": ("api_key", "api_key", mk_token, 1, 0),
    "akid": ("access_key_id", "access_key_id", lambda r, c: F("AWS_ACCESS_KEY", V.aws_akid(r)), 1, 0),
    "aws_secret": ("secret_access_key", "secret_access_key", lambda r, c: F("AWS_SECRET_KEY", V.aws_secret(r)), 1, 0),
    "jwt": ("token", "token", lambda r, c: F("JWT", V.jwt_make(r)), 1, 0),
    "dsn": ("dsn", "dsn", mk_cred_url, 1, 0),
    # look-alike negatives
    "pw_hash": (["password_hash", "password_digest", "hashed_password"], ["password_hash", "hash_password"], ng_hash, 0, 1),
    "pw_hash_in_pw": ("password", "password", lambda r, c: r.choice([V.bcrypt_hash, V.argon2_hash, V.django_hash])(r), 0, 1),
    "masked_card": ("card", "carta", lambda r, c: V.masked_card(r), 0, 1),
    "masked_iban": ("iban_masked", "iban_mascherato", lambda r, c: V.masked_iban(r), 0, 1),
    "masked_phone": ("phone", "telefono", lambda r, c: V.masked_phone(r), 0, 1),
    "masked_email": ("email", "email", lambda r, c: V.masked_email(r), 0, 1),
    "bad_card": ("card_number", "numero_carta", ng_bad_card, 0, 1),
    "bad_iban": ("iban", "iban", ng_bad_iban, 0, 1),
    "bad_cf": ("tax_code", "codice_fiscale", ng_bad_cf, 0, 1),
    "bad_piva": ("vat_number", "partita_iva", ng_bad_piva, 0, 1),
    "bad_ssn": ("ssn", "ssn", ng_bad_ssn, 0, 1),
    "ph_email": ("email", "email", ng_placeholder, 0, 1),
    "ph_password": ("password", "password", lambda r, c: r.choice(["********", "<redacted>", "[REDACTED]", "NULL", "***", "(hidden)"]), 0, 1),
    "ph_api_key": ("api_key", "api_key", lambda r, c: r.choice(["sk_live_xxxxxxxxxxxxxxxxxxxxxxxx", "ghp_XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX",
                                                                "<your-key>", "AIza...", "glpat-****************", "${STRIPE_KEY}"]), 0, 1),
}

# schemas: (name, us?, kinds, weight)
POS_SCHEMAS = [
    ("customers", 0, ["id", "name", "email", "phone", "city", "created_at"], 6),
    ("customers_min", 0, ["id", "name", "email", "created_at"], 3),
    ("clienti_cf", 0, ["id", "name", "cf", "phone", "email"], 5),
    ("clienti_iban", 0, ["id", "name", "cf", "iban", "status"], 4),
    ("fornitori", 0, ["id", "company", "piva", "iban", "email"], 5),
    ("fornitori_min", 0, ["company", "piva", "city"], 2),
    ("payments", 0, ["id", "order_no", "card", "amount", "pay_status", "created_at"], 5),
    ("payments_mask", 0, ["order_no", "name", "card", "masked_card", "amount"], 2),
    ("employees_us", 1, ["id", "name", "ssn", "email", "date"], 5),
    ("employees_us2", 1, ["id", "name", "ssn", "phone", "city"], 3),
    ("users_hash", 0, ["id", "username", "email", "pw_hash", "ip", "updated_at"], 4),
    ("users_pwcol_hash", 0, ["id", "username", "email", "pw_hash_in_pw", "role"], 3),
    ("users_plain", 0, ["id", "username", "password", "role"], 5),
    ("users_plain_mail", 0, ["id", "email", "password", "created_at"], 3),
    ("api_keys", 0, ["id", "service", "api_key", "created_at", "status"], 10),
    ("aws_keys", 0, ["username", "akid", "aws_secret", "status", "created_at"], 3),
    ("sessions", 0, ["uuid", "id", "jwt", "client_ip", "updated_at"], 3),
    ("datasources", 0, ["id", "name", "dsn", "updated_at"], 2),
    ("access_log", 0, ["created_at", "client_ip", "email", "status"], 4),
    ("shipments", 0, ["order_no", "name", "phone", "tracking", "ean"], 3),
    ("mixed_it", 0, ["id", "name", "cf", "piva", "phone"], 2),
    ("orders_dupes", 0, ["order_no", "email", "amount", "qty", "created_at"], 3),
]
NEG_SCHEMAS = [
    ("n_orders", 0, ["id", "order_no", "amount", "qty", "created_at"], 5),
    ("n_users_hash", 0, ["id", "username", "pw_hash", "role", "updated_at"], 4),
    ("n_users_pwcol_hash", 0, ["id", "email", "pw_hash_in_pw", "updated_at"], 4),
    ("n_payments_masked", 0, ["order_no", "masked_card", "amount", "pay_status"], 5),
    ("n_products", 0, ["id", "ean", "qty", "amount"], 3),
    ("n_shipments", 0, ["order_no", "tracking", "city", "created_at"], 3),
    ("n_mongo_refs", 0, ["objectid", "uuid", "status", "updated_at"], 3),
    ("n_bad_card", 0, ["id", "name", "bad_card", "amount"], 4),
    ("n_bad_iban", 0, ["id", "company", "bad_iban", "city"], 4),
    ("n_bad_cf", 0, ["id", "name", "bad_cf", "city"], 4),
    ("n_bad_piva", 0, ["company", "bad_piva", "city"], 3),
    ("n_bad_ssn", 1, ["id", "name", "bad_ssn", "date"], 3),
    ("n_placeholders", 0, ["id", "name", "ph_email", "ph_password", "masked_phone"], 4),
    ("n_masked", 0, ["id", "masked_email", "masked_phone", "masked_iban"], 3),
    ("n_keys_ph", 0, ["id", "service", "ph_api_key", "created_at"], 3),
    ("n_names", 0, ["id", "name", "city", "status", "amount"], 3),
]


def pick(r, table):
    tot = sum(t[-1] for t in table)
    x = r.uniform(0, tot)
    for t in table:
        x -= t[-1]
        if x <= 0:
            return t
    return table[-1]


def build_table(r, kinds, lang, us, nrows=None):
    nrows = nrows or r.choice([2, 3, 3, 4, 5])
    headers = [K[k][1] if lang == "it" and r.random() < 0.7 else K[k][0] for k in kinds]
    headers = [r.choice(x) if isinstance(x, list) else x for x in headers]
    id0 = r.choice([1, 1, 100, 1042, 58231])
    ts_style = r.choice(["sql", "sqltz", "iso", "isoz", "it"])
    region = None if r.random() < 0.5 else (r.choice(["us"]) if us else r.choice(["it_mob", "it_land", "uk", "de"]))
    rows = []
    for i in range(nrows):
        if us:
            ctx = {"first": r.choice(FIRST_EN), "last": r.choice(LAST_EN), "us": True}
        else:
            ctx = {"first": r.choice(FIRST_IT + FIRST_EN[:4]), "last": r.choice(LAST_IT + LAST_EN[:4])}
        ctx.update(row=i, id0=id0, ts_style=ts_style, phone_region=region or ("us" if us else None), it_money=(lang == "it"))
        row = [None] * len(kinds)
        # make api_key before service so the service column matches the token
        order = sorted(range(len(kinds)), key=lambda j: 0 if kinds[j] == "api_key" else 1)
        for j in order:
            row[j] = K[kinds[j]][2](r, ctx)
        rows.append(row)
    # duplicate a row now and then ("why duplicates?") — same values, so same findings twice
    if r.random() < 0.2 and rows:
        rows.append(list(r.choice(rows)))
    return headers, rows


# ================================================================== renderers
def is_num(s):
    return bool(re.fullmatch(r"-?\d+(?:[.,]\d+)?", s))


def widths(headers, rows):
    return [max([len(h)] + [len(txt(row[j])) for row in rows]) for j, h in enumerate(headers)]


def pad_cell(segs, c, w, align="l"):
    t = txt(c)
    p = " " * (w - len(t))
    if align == "r":
        segs.append(p)
        segs.append(c)
    elif align == "c":
        segs.append(p[:len(p) // 2])
        segs.append(c)
        segs.append(p[len(p) // 2:])
    else:
        segs.append(c)
        segs.append(p)


def r_psql(r, h, rows, ctx):
    w = widths(h, rows)
    segs = [" " + " | ".join(x.center(w[j]) for j, x in enumerate(h)).rstrip() + "\n"]
    segs.append("-+-".join("-" * x for x in w).join(["-", "-"]) + "\n")
    for row in rows:
        segs.append(" ")
        for j, c in enumerate(row):
            if j:
                segs.append(" | ")
            pad_cell(segs, c, w[j], "r" if is_num(txt(c)) else "l")
        segs.append("\n")
    segs.append("(%d row%s)\n" % (len(rows), "" if len(rows) == 1 else "s"))
    return segs


def r_psql_x(r, h, rows, ctx):
    hw = max(len(x) for x in h)
    segs = []
    for i, row in enumerate(rows):
        segs.append("-[ RECORD %d ]%s\n" % (i + 1, "-" * r.randint(10, 30)))
        for j, c in enumerate(row):
            segs += [h[j].ljust(hw) + " | ", c, "\n"]
    return segs


def _boxed(r, h, rows, corner="+", hline="-", vline="|", foot=None, header_sep=None):
    w = widths(h, rows)
    line = corner + corner.join(hline * (x + 2) for x in w) + corner + "\n"
    segs = [line, vline + vline.join(" " + x.ljust(w[j]) + " " for j, x in enumerate(h)) + vline + "\n", header_sep or line]
    for row in rows:
        segs.append(vline)
        for j, c in enumerate(row):
            segs.append(" ")
            pad_cell(segs, c, w[j], "r" if is_num(txt(c)) else "l")
            segs.append(" " + vline)
        segs.append("\n")
    segs.append(line)
    if foot:
        segs.append(foot)
    return segs


def r_mysql(r, h, rows, ctx):
    return _boxed(r, h, rows, foot="%d row%s in set (0.%02d sec)\n" % (len(rows), "" if len(rows) == 1 else "s", r.randint(0, 9)))


def r_mysql_g(r, h, rows, ctx):
    hw = max(len(x) for x in h)
    segs = []
    for i, row in enumerate(rows):
        segs.append("*" * 27 + " %d. row " % (i + 1) + "*" * 27 + "\n")
        for j, c in enumerate(row):
            segs += [h[j].rjust(hw) + ": ", c, "\n"]
    segs.append("%d rows in set (0.01 sec)\n" % len(rows))
    return segs


def r_bq(r, h, rows, ctx):
    pre = "Waiting on bqjob_r%s_%016x_1 ... (0s) Current status: DONE   \n" % (V.hexs(r, 12), r.getrandbits(60))
    return [pre] + _boxed(r, h, rows)


def r_snowsql(r, h, rows, ctx):
    hu = [x.upper() for x in h]
    w = widths(hu, rows)
    sep = "|" + "+".join("-" * (x + 2) for x in w) + "|\n"
    segs = _boxed(r, hu, rows, header_sep=sep, foot="%d Row(s) produced. Time Elapsed: %.3fs\n" % (len(rows), r.uniform(0.1, 3)))
    return segs


def r_sqlite_column(r, h, rows, ctx):
    w = widths(h, rows)
    segs = ["  ".join(x.ljust(w[j]) for j, x in enumerate(h)).rstrip() + "\n", "  ".join("-" * x for x in w) + "\n"]
    for row in rows:
        for j, c in enumerate(row):
            if j:
                segs.append("  ")
            pad_cell(segs, c, w[j])
        segs.append("\n")
    return segs


def r_sqlite_box(r, h, rows, ctx):
    w = widths(h, rows)
    segs = ["┌" + "┬".join("─" * (x + 2) for x in w) + "┐\n",
            "│" + "│".join(" " + x.center(w[j]) + " " for j, x in enumerate(h)) + "│\n",
            "├" + "┼".join("─" * (x + 2) for x in w) + "┤\n"]
    for row in rows:
        segs.append("│")
        for j, c in enumerate(row):
            segs.append(" ")
            pad_cell(segs, c, w[j], "r" if is_num(txt(c)) else "l")
            segs.append(" │")
        segs.append("\n")
    segs.append("└" + "┴".join("─" * (x + 2) for x in w) + "┘\n")
    return segs


def r_pandas(r, h, rows, ctx):
    idx = [str(i) for i in range(len(rows))]
    iw = max(len(x) for x in idx)
    w = widths(h, rows)
    segs = [" " * iw + "".join("  " + x.rjust(w[j]) for j, x in enumerate(h)) + "\n"]
    for i, row in enumerate(rows):
        segs.append(idx[i].ljust(iw))
        for j, c in enumerate(row):
            segs.append("  ")
            pad_cell(segs, c, w[j], "r")
        segs.append("\n")
    if r.random() < 0.3:
        segs.append("\n[%d rows x %d columns]\n" % (len(rows), len(h)))
    return segs


def r_pandas_md(r, h, rows, ctx):
    idx = [str(i) for i in range(len(rows))]
    hh = [""] + h
    rr = [[idx[i]] + row for i, row in enumerate(rows)]
    w = widths(hh, rr)
    num = [all(is_num(txt(row[j])) for row in rr) for j in range(len(hh))]
    segs = ["| " + " | ".join((x.rjust(w[j]) if num[j] else x.ljust(w[j])) for j, x in enumerate(hh)) + " |\n",
            "|" + "|".join(("-" * (w[j] + 1) + ":") if num[j] else (":" + "-" * (w[j] + 1)) for j in range(len(hh))) + "|\n"]
    for row in rr:
        segs.append("|")
        for j, c in enumerate(row):
            segs.append(" ")
            pad_cell(segs, c, w[j], "r" if num[j] else "l")
            segs.append(" |")
        segs.append("\n")
    return segs


def r_markdown(r, h, rows, ctx):
    if r.random() < 0.5:
        segs = ["| " + " | ".join(h) + " |\n", "|" + "|".join(["---"] * len(h)) + "|\n"]
        for row in rows:
            segs.append("| ")
            for j, c in enumerate(row):
                if j:
                    segs.append(" | ")
                segs.append(c)
            segs.append(" |\n")
        return segs
    w = widths(h, rows)
    segs = ["| " + " | ".join(x.ljust(w[j]) for j, x in enumerate(h)) + " |\n", "|" + "|".join("-" * (x + 2) for x in w) + "|\n"]
    for row in rows:
        segs.append("|")
        for j, c in enumerate(row):
            segs.append(" ")
            pad_cell(segs, c, w[j])
            segs.append(" |")
        segs.append("\n")
    return segs


def r_csv(r, h, rows, ctx):
    delim = r.choice([",", ",", ",", ";"])
    qall = r.random() < 0.3
    nl = "\r\n" if r.random() < 0.2 else "\n"

    def q(c):
        t = txt(c)
        need = qall or delim in t or '"' in t or (" " in t and r.random() < 0.3)
        if not need:
            return [c]
        if isinstance(c, F):
            if '"' in t:
                raise Retry("quote in value")
            return ['"', c, '"']
        return ['"' + t.replace('"', '""') + '"']
    segs = [delim.join(('"%s"' % x) if qall else x for x in h) + nl]
    for row in rows:
        for j, c in enumerate(row):
            if j:
                segs.append(delim)
            segs += q(c)
        segs.append(nl)
    return segs


def r_tsv(r, h, rows, ctx):
    nl = "\r\n" if r.random() < 0.5 else "\n"
    hh = [x.replace("_", " ").title() if r.random() < 0.5 else x for x in h]
    segs = ["\t".join(hh) + nl]
    for row in rows:
        for j, c in enumerate(row):
            if j:
                segs.append("\t")
            segs.append(c)
        segs.append(nl)
    return segs


def r_fixed(r, h, rows, ctx):
    w = [x + 2 for x in widths([x.upper() for x in h], rows)]
    title = r.choice(["ESTRAZIONE ANAGRAFICA", "CUSTOMER MASTER REPORT", "REPORT GIORNALIERO", "DAILY EXTRACT"])
    segs = []
    if ctx.get("marker"):
        segs += [F("CONFIDENTIAL_MARKER", ctx["marker"]), "\n"]
    segs.append("%s%sPAG. %d   %s\n" % (title, " " * r.randint(6, 20), r.randint(1, 9), V.date(r)))
    segs.append("".join(x.upper().ljust(w[j]) for j, x in enumerate(h)).rstrip() + "\n")
    segs.append("".join(("=" * (w[j] - 2)).ljust(w[j]) for j in range(len(h))).rstrip() + "\n")
    for row in rows:
        for j, c in enumerate(row):
            pad_cell(segs, c, w[j] if j < len(row) - 1 else len(txt(c)))
        segs.append("\n")
    segs.append("*** FINE ELENCO - %d RECORD ***\n" % len(rows) if r.random() < 0.5 else "-- END OF REPORT (%d records) --\n" % len(rows))
    return segs


# ---- JSON-ish
def jesc(s):
    return json.dumps(s, ensure_ascii=False)[1:-1]


def jleaf(c, quote='"'):
    if isinstance(c, F):
        if c.enc == "jsonu":
            return [quote, c, quote]
        v = jesc(c.value)
        if v != c.value:
            return [quote, F(c.type, v, "json"), quote]
        return [quote, c, quote]
    if c in ("NULL", "(null)", ""):
        return ["null"]
    if quote == "'" and "'" in c:
        quote = '"'
    if re.fullmatch(r"(?:0|[1-9]\d{0,9})(?:\.\d+)?", c):
        return [c]
    return [quote + jesc(c) + quote]


def jdump(obj, ind=2, lvl=0, quote='"', keyq=True):
    """JSON (or mongosh-like with keyq False / quote "'") into segs"""
    sp = " " * (ind * (lvl + 1))
    end = " " * (ind * lvl)
    if isinstance(obj, dict):
        if not obj:
            return ["{}"]
        segs = ["{\n"]
        items = list(obj.items())
        for i, (k, v) in enumerate(items):
            segs.append(sp + ('"%s": ' % k if keyq else "%s: " % k))
            segs += jdump(v, ind, lvl + 1, quote, keyq)
            segs.append(",\n" if i < len(items) - 1 else "\n")
        segs.append(end + "}")
        return segs
    if isinstance(obj, list):
        segs = ["[\n"]
        for i, v in enumerate(obj):
            segs.append(sp)
            segs += jdump(v, ind, lvl + 1, quote, keyq)
            segs.append(",\n" if i < len(obj) - 1 else "\n")
        segs.append(end + "]")
        return segs
    if isinstance(obj, Raw):
        return [obj.s]
    if isinstance(obj, bool):
        return ["true" if obj else "false"]
    if isinstance(obj, (int, float)):
        return [str(obj)]
    return jleaf(obj, quote)


class Raw:
    def __init__(self, s):
        self.s = s


def keyname(h, camel=False):
    k = re.sub(r"[^a-z0-9]+", "_", h.lower()).strip("_")
    if camel:
        p = k.split("_")
        k = p[0] + "".join(x.title() for x in p[1:])
    return k


def r_mongosh(r, h, rows, ctx):
    docs = []
    for row in rows:
        d = {"_id": Raw("ObjectId('%s')" % V.objectid(r))}
        for j, c in enumerate(row):
            k = keyname(h[j], camel=True)
            if k in ("id",):
                k = "legacyId"
            t = txt(c)
            if not isinstance(c, F) and re.fullmatch(r"\d{4}-\d\d-\d\d[ T]\d\d:\d\d:\d\d.*", t):
                d[k] = Raw("ISODate('%s')" % (t.replace(" ", "T")[:19] + ".000Z"))
            else:
                d[k] = c
        docs.append(d)
    segs = jdump(docs, 2, 0, "'", keyq=False)
    return segs + ["\n"]


def r_mongo_legacy(r, h, rows, ctx):
    segs = []
    for row in rows:
        segs.append('{ "_id" : ObjectId("%s")' % V.objectid(r))
        for j, c in enumerate(row):
            segs.append(', "%s" : ' % keyname(h[j], camel=True))
            t = txt(c)
            if not isinstance(c, F) and re.fullmatch(r"\d{4}-\d\d-\d\d[ T]\d\d:\d\d:\d\d.*", t):
                segs.append('ISODate("%s")' % (t.replace(" ", "T")[:19] + "Z"))
            else:
                segs += jleaf(c)
        segs.append(" }\n")
    return segs


def r_es(r, h, rows, ctx):
    index = r.choice(["customers-2024.11", "crm-contacts", "users_v3", "payments-000017", "clienti"])
    hits = []
    for row in rows:
        hits.append({"_index": index, "_id": V.rs(r, V.AN + "-_", 20), "_score": Raw("%.4f" % r.uniform(0.5, 9)),
                     "_source": {keyname(h[j]): c for j, c in enumerate(row)}})
    obj = {"took": r.randint(1, 90), "timed_out": False,
           "_shards": {"total": 1, "successful": 1, "skipped": 0, "failed": 0},
           "hits": {"total": {"value": len(rows), "relation": "eq"}, "max_score": Raw("%.4f" % r.uniform(1, 9)), "hits": hits}}
    return jdump(obj, 2) + ["\n"]


def r_graphql(r, h, rows, ctx):
    field = r.choice(["customers", "users", "suppliers", "employees", "accounts"])
    nodes = [{"node": {keyname(h[j], camel=True): c for j, c in enumerate(row)}} for row in rows]
    obj = {"data": {field: {"totalCount": len(rows), "edges": nodes, "pageInfo": {"hasNextPage": False, "endCursor": V.b64u(("arrayconnection:%d" % len(rows)).encode())}}}}
    return jdump(obj, 2) + ["\n"]


def r_redis(r, h, rows, ctx):
    segs = []
    host = r.choice(["redis-prod-01:6379", "cache.internal:6379", "sessions-redis:6380"])
    for i, row in enumerate(rows[:2]):
        key = "%s:%d" % (r.choice(["user", "customer", "session", "cliente"]), r.randint(1000, 99999))
        segs.append("%s> HGETALL %s\n" % (host, key))
        n = 1
        w = len(str(2 * len(row)))
        for j, c in enumerate(row):
            segs += ["%s) \"%s\"\n" % (str(n).rjust(w), keyname(h[j])), "%s) \"" % str(n + 1).rjust(w), c, "\"\n"]
            n += 2
    segs.append("%s> " % host)
    return segs


RENDER = {
    "psql": (r_psql, 0, 0), "psql_x": (r_psql_x, 0, 0), "mysql": (r_mysql, 0, 0), "mysql_G": (r_mysql_g, 0, 0),
    "bq": (r_bq, 0, 0), "snowsql": (r_snowsql, 0, 0), "sqlite_column": (r_sqlite_column, 0, 0), "sqlite_box": (r_sqlite_box, 0, 0),
    "pandas": (r_pandas, 0, 50), "pandas_md": (r_pandas_md, 0, 0), "markdown": (r_markdown, 0, 0), "csv": (r_csv, 0, 0),
    "tsv_excel": (r_tsv, 0, 0), "fixed_width": (r_fixed, 0, 0), "mongosh": (r_mongosh, 1, 0), "mongo_legacy": (r_mongo_legacy, 1, 0),
    "es_hits": (r_es, 1, 0), "graphql": (r_graphql, 1, 0), "redis_hgetall": (r_redis, 0, 0),
}
RENDER_W = {"psql": 8, "psql_x": 3, "mysql": 8, "mysql_G": 3, "bq": 3, "snowsql": 3, "sqlite_column": 3, "sqlite_box": 3,
            "pandas": 6, "pandas_md": 4, "markdown": 6, "csv": 8, "tsv_excel": 6, "fixed_width": 4, "mongosh": 5,
            "mongo_legacy": 3, "es_hits": 4, "graphql": 4, "redis_hgetall": 3}

SQL_FROM = {"customers": "customers", "clienti": "clienti", "payments": "payments", "employees": "hr.employees", "users": "auth_user",
            "api_keys": "integrations.api_keys", "fornitori": "anagrafica.fornitori"}


def sql_for(r, h, table):
    cols = ", ".join(keyname(x) for x in h)
    q = r.choice([
        "SELECT %s FROM %s c LEFT JOIN orders o ON o.customer_id = c.id WHERE o.created_at >= '2024-01-01';" % (", ".join("c." + keyname(x) for x in h), table),
        "SELECT %s FROM %s WHERE updated_at > now() - interval '7 days' ORDER BY 1;" % (cols, table),
        "SELECT DISTINCT %s FROM %s JOIN addresses USING (customer_id);" % (cols, table),
        "select %s from %s limit 5;" % (cols, table),
    ])
    return q


# ================================================================== prompts
INTRO_EN = ["Why does this query return duplicates?\n", "Here's the output, can you spot rows with missing or malformed data?\n",
            "Summarise this table for the weekly report:\n", "Convert this result to JSON:\n",
            "Write a pandas snippet that dedupes this on the second column:\n", "Which of these rows look wrong?\n",
            "Turn this into a nicely formatted Markdown table:\n", "Can you explain what this output means?\n",
            "Help me write an UPDATE that fixes the bad rows below.\n"]
INTRO_IT = ["Riassumi questa tabella:\n", "Perché questa query restituisce righe duplicate?\n", "Trasforma questo output in un CSV:\n",
            "Mi spieghi cosa significa questo output?\n", "Quali righe hanno dati mancanti o errati?\n",
            "Scrivi una query per trovare i record duplicati partendo da questo risultato:\n", "Traduci le intestazioni in inglese:\n"]
OUTRO_EN = ["", "", "Thanks!", "Keep the same columns.", "Only the rows from this month matter.", "Be brief."]
OUTRO_IT = ["", "", "Grazie!", "Mantieni le stesse colonne.", "Sii sintetico.", "Servono solo le righe di questo mese."]


def wrap(r, lang, segs, h, kind, fence=None):
    intro = r.choice(INTRO_IT if lang == "it" else INTRO_EN)
    out = [intro]
    if kind in ("psql", "psql_x", "mysql", "mysql_G", "sqlite_column", "sqlite_box", "bq", "snowsql") and r.random() < 0.5:
        table = r.choice(list(SQL_FROM.values()))
        prompt = {"psql": "app=> ", "psql_x": "app=> ", "mysql": "mysql> ", "mysql_G": "mysql> ", "sqlite_column": "sqlite> ",
                  "sqlite_box": "sqlite> ", "bq": "$ bq query --nouse_legacy_sql '", "snowsql": "$ snowsql -c prod -q \""}[kind]
        q = sql_for(r, h, table)
        if kind == "mysql_G":
            q = q.rstrip(";") + "\\G"
        if kind == "psql_x":
            out.append("app=> \\x\nExpanded display is on.\n")
        out.append(prompt + q + {"bq": "'", "snowsql": '"'}.get(kind, "") + "\n")
    elif kind == "mongosh" and r.random() < 0.6:
        out.append("crm> db.%s.find({ status: 'active' }).limit(%d)\n" % (r.choice(["customers", "users", "contacts"]), r.randint(3, 20)))
    elif kind == "es_hits" and r.random() < 0.6:
        out.append("GET /%s/_search?q=status:active\n\n" % r.choice(["customers", "contacts", "users"]))
    elif kind == "graphql" and r.random() < 0.5:
        out.append("query { customers(first: 10) { edges { node { id email } } } }\n\nresponse:\n")
    elif kind == "pandas" and r.random() < 0.5:
        out.append(">>> df = pd.read_sql(query, engine)\n>>> print(df)\n")
    elif kind == "pandas_md" and r.random() < 0.5:
        out.append("print(df.head().to_markdown())\n\n")
    fence = fence if fence is not None else (r.random() < 0.45 and kind not in ("redis_hgetall",))
    if fence:
        lang_tag = {"csv": "csv", "es_hits": "json", "graphql": "json", "mongosh": "js", "mongo_legacy": "js"}.get(kind, r.choice(["", "text"]))
        out.append("```%s\n" % lang_tag)
    else:
        out.append("\n" if r.random() < 0.5 else "")
    out += segs
    if fence:
        if not txt(out[-1]).endswith("\n"):
            out.append("\n")
        out.append("```\n")
    o = r.choice(OUTRO_IT if lang == "it" else OUTRO_EN)
    if o:
        out.append(o)
    return out


# ================================================================== special renderers (own schemas)
def s_ldif(r, lang, neg=False):
    base = r.choice(["dc=acme,dc=it", "dc=corp,dc=example-holding,dc=com", "dc=comune-parma,dc=it"])
    segs = ["$ ldapsearch -x -H ldap://ldap.%s -b ou=people,%s '(objectClass=inetOrgPerson)'\n" % (base.split(",")[0][3:] + ".lan", base),
            "# extended LDIF\n#\n# LDAPv3\n# base <ou=people,%s> with scope subtree\n# filter: (objectClass=inetOrgPerson)\n# requesting: ALL\n#\n\n" % base]
    n = r.randint(1, 3)
    for _ in range(n):
        f, l = r.choice(FIRST_IT + FIRST_EN), r.choice(LAST_IT[:10] + LAST_EN[:10])
        uid = (f[0] + re.sub(r"[^a-z]", "", l.lower()))
        segs.append("# %s, people, %s\ndn: uid=%s,ou=people,%s\nobjectClass: inetOrgPerson\ncn: %s %s\nsn: %s\nuid: %s\n" % (uid, base.split(",")[0][3:], uid, base, f, l, l, uid))
        if neg:
            segs.append("mail: %s\n" % V.masked_email(r) if r.random() < 0.5 else "employeeNumber: %d\n" % r.randint(1000, 99999))
            segs.append("userPassword: %s\n" % r.choice([V.ssha_hash(r), "{CRYPT}" + V.bcrypt_hash(r), "{PBKDF2-SHA512}%d$%s" % (r.choice([10000, 100000]), V.hexs(r, 32))]))
        else:
            segs += ["mail: ", F("EMAIL", V.email_make(r, f, l)), "\n"]
            if r.random() < 0.7:
                segs += ["telephoneNumber: ", F("PHONE", V.phone_make(r, r.choice(["it_land", "it_mob", "uk", "de"]))), "\n"]
            if r.random() < 0.4:
                segs += ["mobile: ", F("PHONE", V.phone_make(r, "it_mob")), "\n"]
            if r.random() < 0.25:
                segs += ["userPassword: ", F("PASSWORD", V.password_make(r)), "\n"]
            else:
                segs.append("userPassword: %s\n" % V.ssha_hash(r))
        segs.append("employeeType: %s\n\n" % r.choice(["staff", "contractor", "intern"]))
    segs.append("# search result\nsearch: 2\nresult: 0 Success\n\n# numResponses: %d\n# numEntries: %d\n" % (n + 1, n))
    intro = r.choice(["Perché questa ricerca LDAP non restituisce il gruppo?\n" if lang == "it" else "Why doesn't this LDAP search return the group memberships?\n",
                      "Riassumi chi sono questi utenti:\n" if lang == "it" else "Summarise who these accounts are:\n"])
    return [intro] + segs


def s_kubectl(r, lang, neg=False):
    what = r.choice(["pods", "pods", "nodes", "svc"])
    if what == "pods":
        h = ["NAME", "READY", "STATUS", "RESTARTS", "AGE", "IP", "NODE", "NOMINATED NODE", "READINESS GATES"]
        rows = []
        app = r.choice(["api", "worker", "billing", "frontend", "ingest"])
        for i in range(r.randint(2, 5)):
            ip = "<none>" if neg or r.random() < 0.15 else F("IP_ADDRESS", "10.%d.%d.%d" % (r.choice([42, 244, 244, 1]), r.randint(0, 15), r.randint(2, 250)))
            st = r.choice(["Running", "Running", "Running", "CrashLoopBackOff", "Pending", "Error"])
            rows.append(["%s-%s-%s" % (app, V.hexs(r, 10)[:9], V.rs(r, V.LO + V.DG, 5)), r.choice(["1/1", "0/1", "2/2"]), st,
                         "%d%s" % (r.randint(0, 40), "" if r.random() < 0.7 else " (%dm ago)" % r.randint(1, 59)), "%dd" % r.randint(1, 60),
                         ip if st != "Pending" else "<none>", "worker-%02d" % r.randint(1, 9) if st != "Pending" else "<none>", "<none>", "<none>"])
        cmd = "kubectl get pods -o wide -n %s" % r.choice(["prod", "billing", "default"])
    elif what == "nodes":
        h = ["NAME", "STATUS", "ROLES", "AGE", "VERSION", "INTERNAL-IP", "EXTERNAL-IP", "OS-IMAGE", "KERNEL-VERSION", "CONTAINER-RUNTIME"]
        rows = []
        for i in range(r.randint(2, 4)):
            iip = "<none>" if neg else F("IP_ADDRESS", V.ipv4_make(r, r.choice(["p10", "p172", "p192"])))
            eip = "<none>" if neg or r.random() < 0.5 else F("IP_ADDRESS", V.ipv4_make(r, "pub"))
            rows.append(["node-%d" % (i + 1), r.choice(["Ready", "Ready", "NotReady"]), r.choice(["control-plane", "<none>"]),
                         "%dd" % r.randint(10, 400), "v1.%d.%d" % (r.randint(26, 31), r.randint(0, 9)), iip, eip,
                         "Ubuntu 22.04.4 LTS", "5.15.0-%d-generic" % r.randint(90, 130), "containerd://1.7.%d" % r.randint(2, 20)])
        cmd = "kubectl get nodes -o wide"
    else:
        h = ["NAME", "TYPE", "CLUSTER-IP", "EXTERNAL-IP", "PORT(S)", "AGE", "SELECTOR"]
        rows = []
        for i in range(r.randint(2, 4)):
            typ = r.choice(["ClusterIP", "ClusterIP", "LoadBalancer", "NodePort"])
            cip = "None" if neg or r.random() < 0.15 else F("IP_ADDRESS", "10.%d.%d.%d" % (r.choice([96, 100, 43]), r.randint(0, 255), r.randint(1, 254)))
            eip = F("IP_ADDRESS", V.ipv4_make(r, "pub")) if typ == "LoadBalancer" and not neg else ("<pending>" if typ == "LoadBalancer" else "<none>")
            rows.append([r.choice(["api", "redis", "postgres", "web", "grafana"]) + "-%d" % i, typ, cip, eip,
                         "%d:%d/TCP" % (r.choice([80, 443, 5432, 6379]), r.randint(30000, 32767)) if typ != "ClusterIP" else "%d/TCP" % r.choice([80, 443, 8080, 5432]),
                         "%dd" % r.randint(1, 300), "app=%s" % r.choice(["api", "web", "db"])])
        cmd = "kubectl get svc -o wide -n prod"
    w = widths(h, rows)
    segs = ["$ " + cmd + "\n", "   ".join(x.ljust(w[j]) for j, x in enumerate(h)).rstrip() + "\n"]
    for row in rows:
        for j, c in enumerate(row):
            if j:
                segs.append("   ")
            pad_cell(segs, c, w[j] if j < len(row) - 1 else len(txt(c)))
        segs.append("\n")
    intro = r.choice(["Why is one pod in CrashLoopBackOff?\n", "Which node is the odd one out here?\n", "Explain this output to a junior.\n"] if lang == "en"
                     else ["Perché un pod è in CrashLoopBackOff?\n", "Spiegami questo output.\n"])
    return [intro] + segs


def s_formula(r, lang, neg=False):
    """spreadsheet formulas holding values as string literals, or a formula-view paste"""
    k = r.randrange(4)
    if neg:
        f = r.choice([
            '=SE(VAL.NUMERO(TROVA("@";C2));"ok";"errore")', '=VLOOKUP(A2,Ordini!A:F,4,FALSE)', '=SUMIFS(D:D,B:B,"captured",E:E,">="&DATE(2024,1,1))',
            '=IF(LEN(B2)<>27,"IBAN length?","")', '=TESTO(A2;"0000000000")', '=RIGHT(C2,4)', '=CONCAT("**** **** **** ",RIGHT(C2,4))',
            '=XLOOKUP("%s",Prodotti!A:A,Prodotti!C:C)' % V.ean13(r), '=COUNTIF(A:A,"%s")' % V.order_no(r)])
        return [r.choice(["Why does this formula return #VALUE!?\n", "Perché questa formula restituisce #VALORE!?\n", "Can you simplify this formula?\n"]), f, "\n"]
    if k == 0:
        e = V.email_make(r)
        return [r.choice(["Why is this link not clickable in Excel?\n", "Perché il link non funziona?\n"]), '=HYPERLINK("mailto:', F("EMAIL", e), '","', F("EMAIL", e), '")\n']
    if k == 1:
        c = mk_cf(r, {})
        if lang == "it":
            return ["Perché questa formula restituisce #N/D?\n", '=CERCA.VERT("', c, '";Anagrafica!A:D;3;FALSO)\n']
        return ["Why does this VLOOKUP return #N/A?\n", '=VLOOKUP("', c, '",Anagrafica!A:D,3,FALSE)\n']
    if k == 2:
        ib = mk_iban(r, {})
        return ["Foglio1 (vista formule):\nA1: Fornitore\tB1: IBAN\tC1: Controllo\nA2: %s\tB2: " % r.choice(COMPANIES), ib,
                '\tC2: =SE(LUNGHEZZA(SOSTITUISCI(B2;" ";""))=27;"ok";"lunghezza errata")\n',
                "Perché C2 dice 'lunghezza errata'?\n" if lang == "it" else "Why does C2 say 'lunghezza errata'?\n"]
    p = mk_phone(r, {}, "it_mob")
    return ["=TESTO.UNISCI(\" \";VERO;\"Chiamare\";\"", p, "\";\"entro venerdì\")\n", "Restituisce #NOME?, perché?\n" if lang == "it" else "It returns #NAME?, why?\n"]


SPECIAL = [("ldif", s_ldif, 3), ("kubectl", s_kubectl, 4), ("formula", s_formula, 3)]


# ================================================================== judgement cases
def j_test_card(r, lang):
    h = ["id", "scenario", "card_number", "expected"]
    rows = [[str(i + 1), sc, F("CREDIT_CARD", d), ex] for i, (sc, d, ex) in enumerate(r.sample([
        ("visa ok", "4242 4242 4242 4242", "succeeded"), ("visa legacy", "4111111111111111", "succeeded"),
        ("mc ok", "5555 5555 5555 4444", "succeeded"), ("amex", "3782 822463 10005", "succeeded"),
        ("3ds required", "4000 0027 6000 3184", "requires_action")], 3))]
    return h, rows, "mysql", "well-known PSP documentation test cards in a test-fixture table: Luhn-valid and in a card column, but published test values"


def j_md5_password(r, lang):
    h = ["id", "username", "password", "role"]
    rows = [[str(i + 1), V.rs(r, V.LO, 6), V.hexs(r, 32), r.choice(["admin", "user"])] for i in range(3)]
    return h, rows, "psql", "32-hex values in a column named `password` (legacy app): MD5 hashes or hex plaintext; labelled negative as hashes"


def j_default_pw(r, lang):
    h = ["device", "ip", "username", "password"]
    rows = [[d, F("IP_ADDRESS", V.ipv4_make(r, "p192")), u, F("PASSWORD", p)] for d, u, p in r.sample([
        ("router-core", "admin", "admin"), ("nas-01", "admin", "changeme"), ("printer-2p", "root", "password"),
        ("ipcam-ingresso", "admin", "12345"), ("switch-a", "cisco", "cisco")], 3)]
    return h, rows, "markdown", "vendor default credentials (admin/admin, changeme) in a password column: plain values, but well-known defaults"


def j_loopback(r, lang):
    h = ["Proto", "Local Address", "Foreign Address", "State", "PID/Program name"]
    rows = []
    for p, prog in r.sample([(5432, "postgres"), (6379, "redis-server"), (8080, "java"), (3306, "mysqld"), (9200, "java")], 3):
        loc = r.choice(["127.0.0.1", "0.0.0.0"])
        rows.append(["tcp", [F("IP_ADDRESS", loc), ":%d" % p], [F("IP_ADDRESS", "0.0.0.0"), ":*"], "LISTEN", "%d/%s" % (r.randint(300, 9999), prog)])
    return h, rows, "netstat", "loopback / unspecified addresses (127.0.0.1, 0.0.0.0) in netstat output: format-valid IPv4, no host identified; labelled IP_ADDRESS"


def j_compact_mobile(r, lang):
    h = ["id", "nominativo", "cellulare", "consenso_marketing"]
    rows = [[str(i + 1), r.choice(FIRST_IT) + " " + r.choice(LAST_IT), F("PHONE", "3" + r.choice("234567") + V.rs(r, V.DG, 8)), r.choice(["S", "N"])] for i in range(3)]
    return h, rows, "tsv_excel", "Italian mobiles as bare 10 digits (no prefix, no separators) in a cellulare column: only the column says phone"


def j_lower_cf(r, lang):
    h = ["id", "nominativo", "codice_fiscale"]
    rows = [[str(i + 1), r.choice(FIRST_IT) + " " + r.choice(LAST_IT), F("IT_FISCAL_CODE", V.cf_make(r).lower())] for i in range(3)]
    return h, rows, "csv", "codici fiscali lowercased by an export: valid check character, but the format is defined in capitals"


JUDGE = [("test_card", j_test_card, 2), ("md5_password", j_md5_password, 2), ("default_pw", j_default_pw, 2),
         ("loopback", j_loopback, 2), ("compact_mobile", j_compact_mobile, 2), ("lower_cf", j_lower_cf, 2)]


def r_netstat(r, h, rows, ctx):
    segs = ["$ sudo netstat -tlnp\nActive Internet connections (only servers)\n", "%-6s%-24s%-24s%-12s%s\n" % tuple(h)]
    for row in rows:
        segs.append("%-6s" % row[0])
        loc = row[1]
        segs += loc
        segs.append(" " * (24 - len(loc[0].value) - len(loc[1])))
        segs += row[2]
        segs.append(" " * (24 - 9))
        segs.append("%-12s%s\n" % tuple(row[3:]))
    return segs


# ================================================================== evasion
ZW = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff"]
FWD = {c: chr(0xFF10 + i) for i, c in enumerate("0123456789")}


def evade(r, rows, kind_json, fields=None):
    """transform one labelled cell in place; returns the evasion kind or None"""
    cand = [(i, j) for i, row in enumerate(rows) for j, c in enumerate(row) if isinstance(c, F) and c.enc is None
            and c.type not in ("PASSWORD", "PRIVATE_KEY", "CONFIDENTIAL_MARKER")]
    if not cand:
        return None
    i, j = r.choice(cand)
    c = rows[i][j]
    v = c.value
    kinds = ["zero-width", "zero-width", "fullwidth"]
    if kind_json:
        kinds += ["json-escape", "json-escape"]
    kind = r.choice(kinds)
    enc = "evade"
    if kind == "fullwidth":
        if c.type == "EMAIL":
            nv = v.replace("@", "＠")
        elif sum(ch.isdigit() for ch in v) >= 6:
            nv = "".join(FWD.get(ch, ch) for ch in v)
        else:
            kind = "zero-width"
    if kind == "json-escape":
        enc = "jsonu"
        if c.type == "EMAIL":
            nv = v.replace("@", "\\u0040").replace(".", "\\u002e", 1) if r.random() < 0.5 else v.replace("@", "\\u0040")
        else:
            pos = [p for p, ch in enumerate(v) if ch.isalnum()][2:-2]
            ps = set(r.sample(pos, min(len(pos), r.choice([1, 2, 3]))))
            nv = "".join("\\u%04x" % ord(ch) if p in ps else ch for p, ch in enumerate(v))
    if kind == "zero-width":
        nv = v
        for _ in range(r.choice([1, 1, 2])):
            p = r.randint(2, len(nv) - 2)
            nv = nv[:p] + r.choice(ZW) + nv[p:]
    rows[i][j] = F(c.type, nv, enc)
    return kind


# ================================================================== self-check
def decode_value(f):
    v = f.value
    if f.enc in ("json", "jsonu"):
        v = json.loads('"' + v + '"')
    return V.nfkc_strip(v)


def valid_value(t, v):
    if t == "EMAIL":
        return bool(V.EMAIL_RE.fullmatch(v))
    if t == "PHONE":
        d = re.sub(r"\D", "", v)
        return 8 <= len(d) <= 14 and bool(re.fullmatch(r"[+(]{0,2}\d[\d ()./+-]*\d", v))
    if t == "CREDIT_CARD":
        return V.card_ok(v)
    if t == "IBAN":
        return V.iban_ok(v)
    if t == "IT_FISCAL_CODE":
        return V.cf_ok(v)
    if t == "IT_VAT":
        return V.piva_ok(v)
    if t == "US_SSN":
        return V.ssn_ok(v)
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
        return V.gh_ok(v)
    if t == "GITLAB_TOKEN":
        return bool(re.fullmatch(r"glpat-[\w-]{20}", v))
    if t == "SLACK_TOKEN":
        return bool(re.fullmatch(r"xox[bp]-\d{10,13}-\d{10,13}-[A-Za-z0-9]{24}", v))
    if t == "SLACK_WEBHOOK":
        return bool(re.fullmatch(r"https://hooks\.slack\.com/services/T[A-Z0-9]{8,10}/B[A-Z0-9]{8,10}/[A-Za-z0-9]{24}", v))
    if t == "STRIPE_KEY":
        return bool(re.fullmatch(r"[sr]k_live_[A-Za-z0-9]{24,99}", v))
    if t == "OPENAI_KEY":
        return bool(re.fullmatch(r"sk-(proj-|svcacct-|admin-)?[\w-]{20,74}T3BlbkFJ[\w-]{20,74}", v))
    if t == "ANTHROPIC_KEY":
        return bool(re.fullmatch(r"sk-ant-(api03|admin01)-[\w-]{93}AA", v))
    if t == "GOOGLE_API_KEY":
        return bool(re.fullmatch(r"AIza[\w-]{35}", v))
    if t == "JWT":
        return V.jwt_ok(v)
    if t == "CREDENTIAL_URL":
        return bool(re.fullmatch(r"[a-z][a-z0-9+.-]*://[^\s:/@]+:[^\s@/]+@[^\s/]+\S*", v))
    if t == "PASSWORD":
        return bool(v) and not re.search(r"\s", v)
    if t == "CONFIDENTIAL_MARKER":
        return v.isupper()
    raise ValueError(t)


SCAN = [
    ("EMAIL", V.EMAIL_RE, None),
    ("AWS_ACCESS_KEY", re.compile(r"(?<![A-Z0-9])(?:AKIA|ASIA)[A-Z0-9]{16}(?![A-Z0-9])"), None),
    ("GOOGLE_API_KEY", re.compile(r"AIza[\w-]{35}"), None),
    ("GITLAB_TOKEN", re.compile(r"glpat-[\w-]{20}"), lambda s: not re.fullmatch(r"glpat-[*xX]+", s)),
    ("SLACK_TOKEN", re.compile(r"xox[abposre][.-][A-Za-z0-9-]*\d"), None),
    ("ANTHROPIC_KEY", re.compile(r"sk-ant-\w+-"), None),
    ("OPENAI_KEY", re.compile(r"T3BlbkFJ"), None),
    ("STRIPE_KEY", re.compile(r"[sr]k_live_[A-Za-z0-9]{10,}"), lambda s: not re.fullmatch(r"[sr]k_live_x+", s)),
    ("SLACK_WEBHOOK", re.compile(r"hooks\.slack\.com/services/T"), None),
    ("PRIVATE_KEY", re.compile(r"-----BEGIN [A-Z ]*PRIVATE KEY"), None),
    ("CREDENTIAL_URL", re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://[^\s:/@]*:[^\s@/]+@[^\s/]+"), None),
    ("GITHUB_TOKEN", re.compile(r"gh[pousr]_[A-Za-z0-9]{36}"), V.gh_ok),
    ("JWT", re.compile(r"eyJ[\w-]*\.[\w-]*\.[\w-]*"), V.jwt_ok),
    ("US_SSN", re.compile(r"(?<!\d)\d{3}[- ]\d{2}[- ]\d{4}(?!\d)"), V.ssn_ok),
    ("IT_VAT", re.compile(r"(?<![0-9A-Za-z])(?:IT)?\d{11}(?![0-9A-Za-z])"), lambda s: V.piva_ok(s[-11:])),
    ("IT_FISCAL_CODE", re.compile(r"(?<![0-9A-Za-z])[A-Za-z]{6}[0-9LMNPQRSTUVlmnpqrstuv]{2}[A-Za-z][0-9LMNPQRSTUVlmnpqrstuv]{2}[A-Za-z][0-9LMNPQRSTUVlmnpqrstuv]{3}[A-Za-z](?![0-9A-Za-z])"), V.cf_ok),
    ("IP_ADDRESS", V.IPV4_RE, V.ipv4_ok),
    ("CONFIDENTIAL_MARKER", re.compile(r"RISERVATO|CONFIDENTIAL|INTERNAL USE ONLY|TLP:"), None),
]


def scan_unlabelled(text):
    hits = []
    for typ, rx, ok in SCAN:
        for m in rx.finditer(text):
            if ok and not ok(m.group()):
                continue
            hits.append((typ, m.group()))
    for m in re.finditer(r"(?<![A-Za-z0-9])[A-Za-z]{2}\d{2}(?:[ -]?[A-Za-z0-9]){8,34}", text):
        comp = re.sub(r"[ -]", "", m.group()).upper()
        n = V.IBAN_LEN.get(comp[:2])
        if n and len(comp) >= n and V.iban_ok(comp[:n]):
            hits.append(("IBAN", m.group()))
    for m in re.finditer(r"(?<![0-9A-Za-z])\d+(?:[ -]\d+)*(?![0-9A-Za-z])", text):
        groups = re.split(r"[ -]", m.group())
        for i in range(len(groups)):
            tot = ""
            for j in range(i, len(groups)):
                tot += groups[j]
                if len(tot) > 19:
                    break
                if len(tot) >= 13 and V.luhn_sum_ok(tot):
                    hits.append(("CREDIT_CARD", " ".join(groups[i:j + 1])))
    return hits


def assemble(segs):
    text, findings, blank = "", [], ""
    for s in segs:
        if isinstance(s, F):
            b0 = len(text.encode())
            text += s.value
            findings.append({"type": s.type, "start": b0, "end": len(text.encode()), "value": s.value, "_f": s})
            blank += " \u2591 "
        else:
            text += s
            blank += s
    return text, findings, blank


def self_check(text, findings, blank):
    b = text.encode()
    for f in findings:
        assert b[f["start"]:f["end"]].decode() == f["value"], f
        v = decode_value(f["_f"])
        if not valid_value(f["type"], v):
            raise AssertionError("invalid labelled value %r %r (decoded %r)" % (f["type"], f["value"], v))
    hits = scan_unlabelled(V.nfkc_strip(blank))
    if hits:
        raise Retry(hits)


# ================================================================== mixture
def flatten_rows(rows):
    """netstat-like rows hold lists in a cell; others hold str / F"""
    return rows


def render(r, kind, h, rows, ctx):
    if kind == "netstat":
        return r_netstat(r, h, rows, ctx)
    return RENDER[kind][0](r, h, rows, ctx)


def make_case(r, slot):
    lang = "it" if r.random() < 0.4 else "en"
    meta = {"slot": slot}
    tags = set()
    why = None
    if slot == "judge":
        name, fn, _ = pick(r, JUDGE)
        h, rows, kind, why = fn(r, lang)
        segs = wrap(r, lang, render(r, kind, h, rows, {}), h, kind)
        meta.update(schema=name, renderer=kind, judgement=why)
        tags.add("judgement")
        return segs, tags, meta, lang
    neg = slot == "neg"
    if r.random() < (0.12 if neg else 0.1) and slot != "eva":
        name, fn, _ = pick(r, SPECIAL)
        segs = fn(r, lang, neg)
        meta.update(schema=name, renderer=name)
        return segs, tags, meta, lang
    name, us, kinds, _ = pick(r, NEG_SCHEMAS if neg else POS_SCHEMAS)
    if us:
        lang = "en"
    h, rows = build_table(r, kinds, lang, us)
    maxw = max(len(txt(c)) for row in rows for c in row)
    kinds_r = [k for k in RENDER if not RENDER[k][2] or maxw <= RENDER[k][2]]
    if slot == "eva" and r.random() < 0.45:
        kinds_r = [k for k in kinds_r if RENDER[k][1]]
    kind = pick(r, [(k, RENDER_W[k]) for k in kinds_r])[0]
    ctx = {}
    if kind == "fixed_width" and not neg and r.random() < 0.35:
        ctx["marker"] = r.choice(["RISERVATO", "STRETTAMENTE RISERVATO", "INTERNAL USE ONLY", "CONFIDENTIAL"])
    if slot == "eva":
        ek = evade(r, rows, RENDER[kind][1])
        if not ek:
            raise Retry("nothing to evade")
        tags.add("evasion:" + ek)
    if not neg and any(K[k][4] for k in kinds):
        tags.add("distractor")
    segs = wrap(r, lang, render(r, kind, h, rows, ctx), h, kind)
    meta.update(schema=name, renderer=kind)
    return segs, tags, meta, lang


def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    seed, n, out = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
    r = random.Random(seed * 1009 + 20)
    slots = ["neg"] * round(n * 0.40) + ["judge"] * round(n * 0.03) + ["eva"] * round(n * 0.10)
    slots += ["pos"] * (n - len(slots))
    r.shuffle(slots)
    rows_out, metas = [], []
    retries = collections.Counter()
    for i, slot in enumerate(slots):
        for _ in range(300):
            try:
                segs, tags, meta, lang = make_case(r, slot)
                text, findings, blank = assemble(segs)
                self_check(text, findings, blank)
                break
            except Retry as e:
                retries[str(e)[:70]] += 1
        else:
            raise SystemExit("could not build a clean case for slot %s" % slot)
        for f in findings:
            del f["_f"]
        if not findings:
            tags.add("negative")
        cid = "a20s%d-%04d" % (seed, i)
        rows_out.append({"id": cid, "lang": lang, "text": text, "findings": findings, "tags": sorted(tags)})
        meta["id"] = cid
        metas.append(meta)
    base = out[:-6] if out.endswith(".jsonl") else out
    with open(out, "w", encoding="utf-8") as fh, open(base + ".nojudge.jsonl", "w", encoding="utf-8") as g, \
            open(base + ".meta.jsonl", "w", encoding="utf-8") as mh:
        for row, m in zip(rows_out, metas):
            line = json.dumps(row, ensure_ascii=False) + "\n"
            fh.write(line)
            if "judgement" not in row["tags"]:
                g.write(line)
            mh.write(json.dumps(m, ensure_ascii=False) + "\n")
    tc = collections.Counter(f["type"] for row in rows_out for f in row["findings"])
    tg = collections.Counter(t for row in rows_out for t in row["tags"])
    rc = collections.Counter(m["renderer"] for m in metas)
    print("cases %d  tags %s" % (len(rows_out), dict(tg)), file=sys.stderr)
    print("types %s" % dict(tc.most_common()), file=sys.stderr)
    print("renderers %s" % dict(rc.most_common()), file=sys.stderr)
    print("retries %d %s" % (sum(retries.values()), retries.most_common(4)), file=sys.stderr)


if __name__ == "__main__":
    main()
