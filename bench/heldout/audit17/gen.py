#!/usr/bin/env python3
"""audit17 held-out corpus: what AI coding agents and tool-using assistants send to the vendor.

  gen.py SEED N OUT.jsonl

Domains: agent transcripts with tool calls and tool results (OpenAI tool_calls / Anthropic
tool_use JSON, Claude-Code-like and ReAct text, Markdown fences), terminal output (env, printenv,
cat .env, kubectl get secret -o yaml, aws configure, docker inspect, git log -p, npm config list,
gh auth status, git remote -v, curl -v), files read by the agent (.npmrc, .pypirc, .netrc,
~/.aws/credentials, ~/.docker/config.json, MCP server configs, VS Code settings.json,
application.properties, appsettings.json, Laravel .env, Rails credentials, Django settings.py),
web-server and application logs (access logs, Authorization headers, stack traces with connection
strings, JSON logs), support tickets pasted by staff (EN/IT) and CSV/TSV exports with many columns.

Writes OUT.jsonl (dev.jsonl schema: id, lang, text, findings[type,start,end,value], tags),
OUT.nojudge.jsonl (minus cases tagged "judgement") and OUT.meta.jsonl (template, judgement reason).
Spans are UTF-8 byte offsets and cover the bytes as they appear in the text (escaped / encoded /
evaded). Deterministic per SEED; Python 3 standard library only; every value fabricated here.
Self-check per case: span bytes == value; each labelled value decoded (JSON escape, base64,
percent, NFKC + format-char strip) passes its format/checksum; the text with labelled spans blanked
contains no checksum-valid or format-valid value of any type (retry otherwise) and no unlabelled
password assignment other than known placeholders.

Tags: "negative" (no finding), "distractor" (look-alikes beside real values), "judgement" (the
format's definition does not settle it; reason in meta), "evasion:<kind>" (zero-width, fullwidth,
nbsp, base64, percent).
"""
import base64, collections, ipaddress, json, os, random, re, sys, urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from values import *  # noqa: F401,F403


class F(collections.namedtuple("F", "type value enc")):
    __slots__ = ()

    def __new__(cls, type, value, enc=None):
        return super().__new__(cls, type, value, enc)


class Retry(Exception):
    pass


def C(lang, segs, tags=(), allow=(), why=None):
    return {"lang": lang, "segs": list(segs), "tags": set(tags), "allow": set(allow), "why": why}


def J(lang, segs, why, allow=(), tags=()):
    return C(lang, segs, tags=set(tags) | {"judgement"}, allow=allow, why=why)


# ------------------------------------------------------------------ value helpers
def full_name(r):
    f, l = person(r)
    return f + " " + l


def cc(r, brands=("visa", "visa", "mc", "mc2", "amex", "discover", "jcb", "diners"), style=None):
    b = r.choice(brands)
    return card_format(r, card_digits(r, b), b, style)


def cc_bad(r, brands=("visa", "mc", "amex", "discover", "mc2")):
    b = r.choice(brands)
    return card_format(r, luhn_break(card_digits(r, b)), b)


def iban(r, countries=None, style=None):
    c = r.choice(countries or ["IT", "IT", "IT", "IT", "DE", "FR", "ES", "NL", "BE", "AT", "PT", "IE", "CH", "GB", "SM", "LU"])
    return iban_format(r, iban_make(r, c), style or r.choice(["space", "space", "compact", "compact"]))


def iban_bad(r):
    c = r.choice(["IT", "IT", "DE", "FR", "ES", "GB"])
    if r.random() < 0.3:
        return iban_format(r, iban_wrong_length(r, c), r.choice(["space", "compact"]))
    return iban_format(r, iban_break(r, iban_make(r, c)), r.choice(["space", "compact"]))


def cf(r):
    return cf_make(r, omocodia=r.choice([0, 0, 0, 0, 0, 1, 2]))


def cred_url(r, sch=None):
    user = r.choice(["app", "svc_orders", "etl", "reporting", "django", "grafana", "n8n", "worker", "deploy", "admin"])
    pw_ = rs(r, AN, r.randint(10, 20)) if r.random() < 0.6 else password_make(r).replace("%", "%25").replace("@", "%40").replace("/", "%2F").replace("#", "%23").replace("?", "%3F")
    host = r.choice(["pg-main.prod.lan", "db.officine-lorenzi.it", "cluster1.x7k2p.mongodb.net", "rabbit-01.internal",
                     "cache.eu-south-1.amazonaws.com", "mq.harbourline.co.uk", "postgres", "db", "redis", "mysql-primary.svc.cluster.local"])
    sch = sch or r.choice(["postgresql", "postgres", "mysql", "mongodb", "mongodb+srv", "redis", "rediss", "amqp", "amqps", "mssql", "smtp"])
    port = {"postgresql": 5432, "postgres": 5432, "mysql": 3306, "mongodb": 27017, "redis": 6379, "rediss": 6380,
            "amqp": 5672, "amqps": 5671, "mssql": 1433, "smtp": 587}.get(sch)
    path = r.choice(["/app", "/orders", "/0", "/analytics", "/", "", "/billing?sslmode=require"])
    if sch == "mongodb+srv":
        return "%s://%s:%s@%s%s" % (sch, user, pw_, host, r.choice(["/prod?retryWrites=true&w=majority", "/", ""]))
    if sch.startswith("redis") and r.random() < 0.4:
        return "%s://:%s@%s:%d%s" % (sch, pw_, host, port, r.choice(["/0", "/2", ""]))
    return "%s://%s:%s@%s:%d%s" % (sch, user, pw_, host, port, path)


def pw(r):
    return password_make(r)


def ip4(r, kind=None):
    return ipv4_make(r, kind)


def ts_iso(r):
    return "2025-%02d-%02dT%02d:%02d:%02d.%03dZ" % (r.randint(1, 12), r.randint(1, 28), r.randint(0, 23), r.randint(0, 59), r.randint(0, 59), r.randint(0, 999))


def ts_clf(r):
    return "%02d/%s/2025:%02d:%02d:%02d +0%d00" % (r.randint(1, 28), r.choice(["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Sep", "Oct"]),
                                                  r.randint(0, 23), r.randint(0, 59), r.randint(0, 59), r.choice([0, 1, 2]))


def ver(r):
    return "%d.%d.%d" % (r.randint(0, 9), r.randint(0, 30), r.randint(0, 40))


def money(r, it=False):
    v = r.randint(100, 999999) / 100
    return ("%.2f" % v).replace(".", ",") if it else "%.2f" % v


# secrets that can appear as KEY=VALUE in an environment / .env / config
SECRET_ENV = [
    ("AWS_ACCESS_KEY_ID", "AWS_ACCESS_KEY", lambda r: aws_akid(r)),
    ("AWS_SECRET_ACCESS_KEY", "AWS_SECRET_KEY", lambda r: aws_secret(r)),
    ("GITHUB_TOKEN", "GITHUB_TOKEN", lambda r: gh_make(r)),
    ("GH_TOKEN", "GITHUB_TOKEN", lambda r: gh_make(r, "gho")),
    ("GITLAB_TOKEN", "GITLAB_TOKEN", lambda r: gitlab_token(r)),
    ("CI_JOB_TOKEN_OVERRIDE", "GITLAB_TOKEN", lambda r: gitlab_token(r, "pat")),
    ("SLACK_BOT_TOKEN", "SLACK_TOKEN", lambda r: slack_token(r, r.choice(["xoxb", "xoxb", "xoxp"]))),
    ("SLACK_WEBHOOK_URL", "SLACK_WEBHOOK", lambda r: slack_webhook(r)),
    ("STRIPE_SECRET_KEY", "STRIPE_KEY", lambda r: stripe_key(r)),
    ("OPENAI_API_KEY", "OPENAI_KEY", lambda r: openai_key(r)),
    ("ANTHROPIC_API_KEY", "ANTHROPIC_KEY", lambda r: anthropic_key(r)),
    ("GOOGLE_MAPS_API_KEY", "GOOGLE_API_KEY", lambda r: google_key(r)),
    ("GEMINI_API_KEY", "GOOGLE_API_KEY", lambda r: google_key(r)),
    ("DATABASE_URL", "CREDENTIAL_URL", lambda r: cred_url(r, r.choice(["postgresql", "postgres", "mysql", "mongodb+srv"]))),
    ("REDIS_URL", "CREDENTIAL_URL", lambda r: cred_url(r, r.choice(["redis", "rediss"]))),
    ("CELERY_BROKER_URL", "CREDENTIAL_URL", lambda r: cred_url(r, r.choice(["amqp", "amqps"]))),
    ("DB_PASSWORD", "PASSWORD", pw),
    ("POSTGRES_PASSWORD", "PASSWORD", pw),
    ("SMTP_PASSWORD", "PASSWORD", pw),
    ("MYSQL_ROOT_PASSWORD", "PASSWORD", pw),
    ("SERVICE_ACCOUNT_JWT", "JWT", lambda r: jwt_make(r)),
    ("SUPPORT_EMAIL", "EMAIL", lambda r: email_make(r)),
]


def harmless_env(r):
    return r.sample([
        ("HOME", "/home/" + r.choice(["dev", "node", "app", "runner"])), ("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"),
        ("SHELL", "/bin/bash"), ("LANG", r.choice(["en_US.UTF-8", "it_IT.UTF-8", "C.UTF-8"])), ("NODE_ENV", r.choice(["production", "development"])),
        ("HOSTNAME", "api-%s-%s" % (hexs(r, 9), rs(r, LO + DG, 5))), ("GIT_COMMIT", sha40(r)), ("IMAGE_DIGEST", docker_digest(r)),
        ("BUILD_ID", uuid_like(r)), ("LOG_LEVEL", r.choice(["info", "debug", "warn"])), ("PORT", str(r.choice([3000, 8000, 8080, 5000]))),
        ("TZ", "Europe/Rome"), ("APP_VERSION", ver(r)), ("SENTRY_RELEASE", "api@%s+%s" % (ver(r), hexs(r, 7))), ("OTEL_SERVICE_NAME", "checkout"),
        ("PYTHONUNBUFFERED", "1"), ("TERM", "xterm-256color"), ("AWS_REGION", r.choice(["eu-south-1", "eu-west-1", "us-east-1"])),
        ("FEATURE_FLAGS", "new-cart,fast-search"), ("REQUEST_TIMEOUT_MS", str(r.choice([3000, 15000, 30000]))),
        ("OTEL_TRACE_ID", hexs(r, 32)), ("DEPLOY_SHA", hexs(r, 12)), ("USER", r.choice(["node", "app", "runner"])),
        ("JAVA_TOOL_OPTIONS", "-Xmx%dm" % r.choice([512, 1024, 2048])), ("PIP_INDEX_URL", "https://pypi.org/simple"),
    ], r.randint(3, 6))


def env_block(r, nsec=None, sep="=", quote=False, pool=None):
    """list of segs: KEY=VALUE lines, some secret (labelled), some harmless"""
    pool = pool or SECRET_ENV
    nsec = nsec or r.choice([1, 1, 2, 2, 3])
    chosen = r.sample(pool, nsec)
    lines = [(k, None, v) for k, v in harmless_env(r)] + [(k, t, mk(r)) for k, t, mk in chosen]
    r.shuffle(lines)
    segs = []
    q = '"' if quote else ""
    for k, t, v in lines:
        if t is None:
            segs.append("%s%s%s%s%s\n" % (k, sep, q, v, q))
        else:
            segs += ["%s%s%s" % (k, sep, q), F(t, v), q + "\n"]
    return segs


# ------------------------------------------------------------------ segment transforms
def seg_map(segs, fn, fval=None):
    out = []
    for s in segs:
        if isinstance(s, F):
            out.append(F(s.type, (fval or fn)(s.value), s.enc))
        else:
            out.append(fn(s))
    return out


def jesc(s):
    return json.dumps(s, ensure_ascii=False)[1:-1]


def jesc_segs(segs, times=1):
    def fv(v):
        for _ in range(times):
            v = jesc(v)
        return v
    out = []
    for s in segs:
        if isinstance(s, F):
            nv = fv(s.value)
            enc = s.enc
            if nv != s.value:
                enc = ("json%d" % times) + ("+" + enc if enc else "")
            out.append(F(s.type, nv, enc))
        else:
            out.append(fv(s))
    return out


def indent_segs(segs, pre):
    return seg_map(segs, lambda s: s.replace("\n", "\n" + pre))


def strip_trailing_nl(segs):
    if segs and isinstance(segs[-1], str):
        segs = segs[:-1] + [segs[-1].rstrip("\n")]
    return segs


# ------------------------------------------------------------------ transcript wrappers
Q_EN = ["Why does the deploy fail?", "Fix the failing integration test.", "The app can't connect to the database in staging, find out why.",
        "Set up the project locally and run it.", "Why are the webhooks not delivered?", "Figure out why CI is red since this morning.",
        "Migrate the config to the new format.", "Check why login returns 500."]
Q_IT = ["Perché il deploy fallisce?", "Sistema il test di integrazione che fallisce.", "L'app in staging non si collega al database, scopri perché.",
        "Configura il progetto in locale e avvialo.", "Perché i webhook non arrivano?", "Capisci perché la CI è rossa da stamattina.",
        "Migra la configurazione al nuovo formato.", "Controlla perché il login restituisce 500."]
THINK_EN = ["Let me look at the environment first.", "I'll check the configuration.", "Let me inspect this.", "I'll read the file."]
THINK_IT = ["Controllo prima l'ambiente.", "Guardo la configurazione.", "Verifico.", "Leggo il file."]
AFTER_EN = ["The variable looks set, so the problem must be elsewhere.", "I see the issue: the host is wrong.", "The config looks fine.", ""]
AFTER_IT = ["La variabile è impostata, il problema è altrove.", "Ecco il problema: l'host è sbagliato.", "La configurazione sembra corretta.", ""]


def transcript(r, lang, cmd, out, tool="bash", style=None, file_path=None):
    """wrap a tool call + its output (segs) into an agent transcript; returns segs"""
    q = r.choice(Q_IT if lang == "it" else Q_EN)
    th = r.choice(THINK_IT if lang == "it" else THINK_EN)
    af = r.choice(AFTER_IT if lang == "it" else AFTER_EN)
    style = style or r.choice(["claude", "openai", "anthropic", "md", "react", "plain"])
    if file_path and style in ("claude", "openai", "anthropic"):
        tool = "read_file"
    if style == "claude":
        head = ("Read(%s)" % file_path) if file_path else ("Bash(%s)" % cmd)
        body = indent_segs(strip_trailing_nl(list(out)), "     ")
        return ["> %s\n\n● %s\n\n● %s\n  ⎿  " % (q, th, head)] + body + ["\n\n● %s" % af if af else "\n"]
    if style == "openai":
        cid = call_id(r)
        args = json.dumps({"path": file_path} if file_path else {"command": cmd})
        pre = '[{"role": "user", "content": %s}, {"role": "assistant", "content": null, "tool_calls": [{"id": "%s", "type": "function", "function": {"name": "%s", "arguments": %s}}]}, {"role": "tool", "tool_call_id": "%s", "content": "' % (
            json.dumps(q, ensure_ascii=False), cid, tool, json.dumps(args), cid)
        return [pre] + jesc_segs(out) + ['"}]']
    if style == "anthropic":
        tid = toolu_id(r)
        inp = json.dumps({"path": file_path} if file_path else {"command": cmd})
        pre = '{"role": "assistant", "content": [{"type": "text", "text": %s}, {"type": "tool_use", "id": "%s", "name": "%s", "input": %s}]},\n{"role": "user", "content": [{"type": "tool_result", "tool_use_id": "%s", "content": "' % (
            json.dumps(th, ensure_ascii=False), tid, tool, inp, tid)
        return [pre] + jesc_segs(out) + ['"}]}']
    if style == "md":
        intro = r.choice(["My coding agent ran this and got stuck, what's wrong?\n\n", "Here's the agent log:\n\n"] if lang == "en" else
                         ["Il mio agente ha eseguito questo e si è bloccato, cosa non va?\n\n", "Ecco il log dell'agente:\n\n"])
        head = ("$ cat %s" % file_path) if file_path else ("$ " + cmd)
        return [intro + "```console\n" + head + "\n"] + list(out) + ["```\n"]
    if style == "react":
        action = ("read_file\nAction Input: %s" % file_path) if file_path else ("terminal\nAction Input: %s" % cmd)
        return ["Question: %s\nThought: %s\nAction: %s\nObservation: " % (q, th, action)] + list(out) + ["Thought: %s" % (af or "continue")]
    head = ("[tool:read_file] %s" % file_path) if file_path else ("[tool:shell] $ %s" % cmd)
    return ["USER: %s\nASSISTANT: %s\n%s\n" % (q, th, head)] + list(out) + ["ASSISTANT: %s" % (af or "...")]


# ------------------------------------------------------------------ positive templates
POS = []


def pos(name, w, lang="en"):
    def deco(fn):
        POS.append((name, lang, w, fn))
        return fn
    return deco


def L(r):
    return "it" if r.random() < 0.3 else "en"


@pos("agent_env", 8)
def _(r):
    lang = L(r)
    cmd = r.choice(["env", "env | sort", "printenv", "printenv | grep -v LS_COLORS", "docker exec api env", "kubectl exec deploy/api -- env"])
    return C(lang, transcript(r, lang, cmd, env_block(r)))


@pos("agent_cat_env", 8)
def _(r):
    lang = L(r)
    path = r.choice([".env", ".env.local", "backend/.env", ".env.production", "apps/web/.env.local"])
    quote = r.random() < 0.3
    segs = ["# generated %s\n" % ts_iso(r)] if r.random() < 0.3 else []
    segs += env_block(r, nsec=r.choice([1, 2, 2, 3, 4]), quote=quote)
    return C(lang, transcript(r, lang, "cat " + path, segs, file_path=path if r.random() < 0.5 else None))


def b64F(t, v):
    return F(t, b64s(v), "b64")


@pos("agent_kubectl_secret", 5)
def _(r):
    lang = L(r)
    name = r.choice(["api-secrets", "billing-env", "app-credentials", "worker-config"])
    items = r.sample([k for k in SECRET_ENV if k[1] != "EMAIL"], r.choice([1, 2, 2, 3]))
    plain = r.random() < 0.25
    lines = ["apiVersion: v1\n%s:\n" % ("stringData" if plain else "data")]
    rows = [("  LOG_LEVEL: ", None, "info"), ("  APP_ENV: ", None, "production")]
    rows += [("  %s: " % k, t, mk(r)) for k, t, mk in items]
    r.shuffle(rows)
    for k, t, v in rows:
        if t is None:
            lines.append(k + (v if plain else b64s(v)) + "\n")
        else:
            lines += [k, F(t, v) if plain else b64F(t, v), "\n"]
    lines.append("kind: Secret\nmetadata:\n  creationTimestamp: \"%s\"\n  name: %s\n  namespace: %s\n  resourceVersion: \"%d\"\n  uid: %s\ntype: Opaque\n" % (
        ts_iso(r)[:19] + "Z", name, r.choice(["prod", "billing", "default"]), r.randint(100000, 99999999), uuid_like(r)))
    c = C(lang, transcript(r, lang, "kubectl get secret %s -o yaml" % name, lines))
    if not plain:
        c["tags"].add("evasion:base64")
    return c


@pos("agent_aws_export", 3)
def _(r):
    lang = L(r)
    out = ['{\n  "Version": 1,\n  "AccessKeyId": "', F("AWS_ACCESS_KEY", aws_akid(r, "ASIA")), '",\n  "SecretAccessKey": "', F("AWS_SECRET_KEY", aws_secret(r)),
           '",\n  "SessionToken": "IQoJb3JpZ2luX2Vj' + rs(r, B64, 300) + '",\n  "Expiration": "%s"\n}\n' % (ts_iso(r)[:19] + "+00:00")]
    return C(lang, transcript(r, lang, "aws configure export-credentials --profile %s" % r.choice(["prod", "dev", "ci"]), out))


@pos("agent_docker_inspect", 5)
def _(r):
    lang = L(r)
    gw = "172.%d.0.1" % r.randint(17, 30)
    ipa = gw[:-1] + str(r.randint(2, 40))
    envs = r.sample(SECRET_ENV, r.choice([1, 2, 2, 3]))
    env_lines = ['            "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"']
    segs_env = []
    items = [("NODE_VERSION=%s" % ver(r), None)] + [((k, mk(r)), t) for k, t, mk in envs]
    r.shuffle(items)
    for it, t in items:
        if t is None:
            segs_env.append(',\n            "%s"' % it)
        else:
            segs_env += [',\n            "%s=' % it[0], F(t, it[1]), '"']
    segs = ['[\n    {\n        "Id": "%s",\n        "Created": "%s",\n        "Image": "%s",\n        "Name": "/%s",\n        "Config": {\n            "Hostname": "%s",\n            "Env": [\n' % (
        hexs(r, 64), ts_iso(r), docker_digest(r), r.choice(["api", "worker", "billing-api-1"]), hexs(r, 12)), env_lines[0]] + segs_env + [
        '\n            ],\n            "Image": "ghcr.io/acme/api@%s"\n        },\n        "NetworkSettings": {\n            "Gateway": "' % docker_digest(r),
        F("IP_ADDRESS", gw), '",\n            "IPAddress": "', F("IP_ADDRESS", ipa), '",\n            "MacAddress": "02:42:%s"\n        }\n    }\n]\n' % ":".join(hexs(r, 2) for _ in range(4))]
    return C(lang, transcript(r, lang, "docker inspect %s" % hexs(r, 12), segs), tags={"distractor"})


@pos("agent_git_log_p", 7)
def _(r):
    lang = L(r)
    f, l = person(r)
    t, mk = r.choice([("SLACK_TOKEN", lambda: slack_token(r, "xoxb")), ("STRIPE_KEY", lambda: stripe_key(r)), ("OPENAI_KEY", lambda: openai_key(r)),
                      ("GOOGLE_API_KEY", lambda: google_key(r)), ("GITHUB_TOKEN", lambda: gh_make(r)), ("PASSWORD", lambda: pw(r)),
                      ("ANTHROPIC_KEY", lambda: anthropic_key(r)), ("CREDENTIAL_URL", lambda: cred_url(r))])
    var = {"SLACK_TOKEN": "SLACK_TOKEN", "STRIPE_KEY": "STRIPE_API_KEY", "OPENAI_KEY": "OPENAI_API_KEY", "GOOGLE_API_KEY": "MAPS_KEY",
           "GITHUB_TOKEN": "GH_TOKEN", "PASSWORD": "DB_PASSWORD", "ANTHROPIC_KEY": "CLAUDE_KEY", "CREDENTIAL_URL": "DB_URL"}[t]
    fn = r.choice(["config/settings.py", "src/config.ts", "app/config.rb", "internal/config/defaults.go"])
    a, b = hexs(r, 7), hexs(r, 7)
    segs = ["commit %s\nAuthor: %s %s <" % (sha40(r), f, l), F("EMAIL", email_make(r, f, l)),
            ">\nDate:   %s Mar %d %02d:%02d:%02d 2025 +0100\n\n    %s\n\ndiff --git a/%s b/%s\nindex %s..%s 100644\n--- a/%s\n+++ b/%s\n@@ -%d,6 +%d,7 @@\n" % (
                r.choice(["Mon", "Tue", "Wed", "Thu", "Fri"]), r.randint(1, 28), r.randint(8, 19), r.randint(0, 59), r.randint(0, 59),
                r.choice(["wip: local config", "fix staging deploy", "add notifier", "temp: hardcode creds for demo"]), fn, fn, a, b, fn, fn,
                r.randint(3, 80), r.randint(3, 80)),
            " import os\n \n-%s = os.environ.get(\"%s\")\n+%s = \"" % (var, var, var), F(t, mk()), "\"\n TIMEOUT = %d\n" % r.choice([10, 30, 60])]
    return C(lang, transcript(r, lang, "git log -p -1 -- %s" % fn, segs), tags={"distractor"})


@pos("agent_npm_config", 3)
def _(r):
    lang = L(r)
    user = r.choice(["node", "dev", "mrossi"])
    segs = ['; "user" config from /home/%s/.npmrc\n\n//registry.npmjs.org/:_authToken = (protected)\n@acme:registry = "https://npm.pkg.github.com/"\nemail = "' % user,
            F("EMAIL", email_make(r)), '"\ninit-author-name = "%s"\n\n; node bin location = /usr/bin/node\n; node version = v%d.%d.%d\n; npm local prefix = /home/%s/app\n; npm version = %d.%d.%d\n; cwd = /home/%s/app\n; HOME = /home/%s\n; Run `npm config ls -l` to show all defaults.\n' % (
                full_name(r), r.choice([18, 20, 22]), r.randint(0, 19), r.randint(0, 9), user, r.choice([9, 10]), r.randint(0, 9), r.randint(0, 9), user, user)]
    return C(lang, transcript(r, lang, "npm config list", segs))


@pos("file_npmrc", 5)
def _(r):
    lang = L(r)
    k = r.randrange(3)
    if k == 0:
        segs = ["@acme:registry=https://npm.pkg.github.com\n//npm.pkg.github.com/:_authToken=", F("GITHUB_TOKEN", gh_make(r, "ghp")), "\nalways-auth=true\n"]
    elif k == 1:
        pid = r.randint(1000, 99999999)
        segs = ["@acme:registry=https://gitlab.com/api/v4/projects/%d/packages/npm/\n//gitlab.com/api/v4/projects/%d/packages/npm/:_authToken=" % (pid, pid),
                F("GITLAB_TOKEN", gitlab_token(r, "pat")), "\n"]
    else:
        segs = ["registry=https://registry.npmjs.org/\n//npm.pkg.github.com/:_authToken=", F("GITHUB_TOKEN", gh_fine_grained(r)), "\nsave-exact=true\nengine-strict=true\n"]
    return C(lang, transcript(r, lang, "cat ~/.npmrc", segs, file_path="~/.npmrc" if r.random() < 0.5 else None))


@pos("file_pypirc", 3)
def _(r):
    lang = L(r)
    if r.random() < 0.5:
        segs = ["[distutils]\nindex-servers =\n    pypi\n    internal\n\n[pypi]\nusername = __token__\npassword = ", F("PASSWORD", pypi_token(r)),
                "\n\n[internal]\nrepository = https://nexus.acme.lan/repository/pypi-internal/\nusername = deploy\npassword = ", F("PASSWORD", pw(r)), "\n"]
    else:
        segs = ["[distutils]\nindex-servers = internal\n\n[internal]\nrepository = https://nexus.acme.lan/repository/pypi-internal/\nusername = ci-bot\npassword = ", F("PASSWORD", pw(r)), "\n"]
    return C(lang, transcript(r, lang, "cat ~/.pypirc", segs, file_path="~/.pypirc"))


@pos("file_netrc", 4)
def _(r):
    lang = L(r)
    segs = []
    for _ in range(r.choice([1, 2])):
        k = r.randrange(3)
        if k == 0:
            segs += ["machine github.com\n  login %s\n  password " % r.choice(["mrossi", "ci-bot", "x-access-token"]), F("GITHUB_TOKEN", gh_make(r)), "\n"]
        elif k == 1:
            segs += ["machine api.heroku.com\n  login ", F("EMAIL", email_make(r)), "\n  password ", F("PASSWORD", pw(r)), "\n"]
        else:
            segs += ["machine ftp.%s login backup password " % r.choice(DOMAINS[:10]), F("PASSWORD", pw(r)), "\n"]
    return C(lang, transcript(r, lang, "cat ~/.netrc", segs, file_path="~/.netrc"))


@pos("file_aws_credentials", 5)
def _(r):
    lang = L(r)
    segs = []
    for prof in r.sample(["default", "prod", "staging", "ci", "billing-admin"], r.choice([1, 2])):
        segs += ["[%s]\naws_access_key_id = " % prof, F("AWS_ACCESS_KEY", aws_akid(r, "AKIA")), "\naws_secret_access_key = ", F("AWS_SECRET_KEY", aws_secret(r)), "\n"]
        if r.random() < 0.4:
            segs += ["region = %s\noutput = json\n" % r.choice(["eu-south-1", "eu-west-1", "us-east-1"])]
        segs += ["\n"]
    return C(lang, transcript(r, lang, "cat ~/.aws/credentials", segs, file_path="~/.aws/credentials"))


@pos("file_docker_config", 3)
def _(r):
    lang = L(r)
    user = r.choice(["mrossi", "ci-bot", "acme-deploy"])
    tok = gh_make(r, "ghp")
    segs = ['{\n\t"auths": {\n\t\t"ghcr.io": {\n\t\t\t"auth": "', F("GITHUB_TOKEN", b64s(user + ":" + tok), "b64"),
            '"\n\t\t},\n\t\t"https://index.docker.io/v1/": {}\n\t},\n\t"credsStore": "desktop",\n\t"currentContext": "default"\n}\n']
    c = C(lang, transcript(r, lang, "cat ~/.docker/config.json", segs, file_path="~/.docker/config.json"))
    c["tags"].add("evasion:base64")
    return c


@pos("file_mcp_config", 7)
def _(r):
    lang = L(r)
    servers = []
    pool = ["github", "gitlab", "slack", "postgres", "stripe", "openai", "gmaps"]
    for s in r.sample(pool, r.choice([1, 2, 2, 3])):
        if s == "github":
            servers.append(['    "github": {\n      "command": "npx",\n      "args": ["-y", "@modelcontextprotocol/server-github"],\n      "env": {\n        "GITHUB_PERSONAL_ACCESS_TOKEN": "',
                            F("GITHUB_TOKEN", gh_make(r) if r.random() < 0.6 else gh_fine_grained(r)), '"\n      }\n    }'])
        elif s == "gitlab":
            servers.append(['    "gitlab": {\n      "command": "npx",\n      "args": ["-y", "@modelcontextprotocol/server-gitlab"],\n      "env": {\n        "GITLAB_PERSONAL_ACCESS_TOKEN": "',
                            F("GITLAB_TOKEN", gitlab_token(r, "pat")), '",\n        "GITLAB_API_URL": "https://gitlab.com/api/v4"\n      }\n    }'])
        elif s == "slack":
            servers.append(['    "slack": {\n      "command": "npx",\n      "args": ["-y", "@modelcontextprotocol/server-slack"],\n      "env": {\n        "SLACK_BOT_TOKEN": "',
                            F("SLACK_TOKEN", slack_token(r, "xoxb")), '",\n        "SLACK_TEAM_ID": "T%s"\n      }\n    }' % rs(r, UP + DG, 8)])
        elif s == "postgres":
            servers.append(['    "postgres": {\n      "command": "npx",\n      "args": ["-y", "@modelcontextprotocol/server-postgres", "',
                            F("CREDENTIAL_URL", cred_url(r, "postgresql")), '"]\n    }'])
        elif s == "stripe":
            servers.append(['    "stripe": {\n      "command": "npx",\n      "args": ["-y", "@stripe/mcp", "--tools=all", "--api-key=', F("STRIPE_KEY", stripe_key(r)), '"]\n    }'])
        elif s == "openai":
            servers.append(['    "openai-proxy": {\n      "url": "http://localhost:%d/sse",\n      "headers": {\n        "Authorization": "Bearer ' % r.choice([3001, 8931]),
                            F("OPENAI_KEY", openai_key(r)), '"\n      }\n    }'])
        else:
            servers.append(['    "google-maps": {\n      "command": "npx",\n      "args": ["-y", "@modelcontextprotocol/server-google-maps"],\n      "env": {"GOOGLE_MAPS_API_KEY": "',
                            F("GOOGLE_API_KEY", google_key(r)), '"}\n    }'])
    segs = ['{\n  "mcpServers": {\n']
    for i, s in enumerate(servers):
        segs += s + ([",\n"] if i < len(servers) - 1 else ["\n"])
    segs += ["  }\n}\n"]
    path = r.choice(["~/Library/Application Support/Claude/claude_desktop_config.json", ".cursor/mcp.json", ".vscode/mcp.json", "~/.codeium/windsurf/mcp_config.json"])
    if r.random() < 0.4:
        q = ("My MCP servers don't start. Here's %s:\n\n" % path) if lang == "en" else ("I server MCP non partono. Ecco %s:\n\n" % path)
        return C(lang, [q] + segs)
    return C(lang, transcript(r, lang, "cat '%s'" % path, segs, file_path=path))


@pos("file_vscode_settings", 3)
def _(r):
    lang = L(r)
    k = r.randrange(3)
    if k == 0:
        segs = ['{\n  "editor.formatOnSave": true,\n  "http.proxy": "', F("CREDENTIAL_URL", "http://%s:%s@proxy.acme.lan:3128" % (r.choice(["mrossi", "svc-dev"]), rs(r, AN, 12))),
                '",\n  "http.proxyStrictSSL": false\n}\n']
    elif k == 1:
        segs = ['{\n  "sqltools.connections": [\n    {\n      "name": "prod-replica",\n      "driver": "PostgreSQL",\n      "server": "pg-replica.prod.lan",\n      "port": 5432,\n      "database": "shop",\n      "username": "readonly",\n      "password": "',
                F("PASSWORD", pw(r)), '"\n    }\n  ]\n}\n']
    else:
        segs = ['{\n  "workbench.colorTheme": "One Dark Pro",\n  "continue.apiKey": "', F("ANTHROPIC_KEY", anthropic_key(r)), '",\n  "files.exclude": {"**/.git": true}\n}\n']
    return C(lang, transcript(r, lang, "cat .vscode/settings.json", segs, file_path=".vscode/settings.json"))


@pos("file_application_properties", 5)
def _(r):
    lang = L(r)
    segs = ["server.port=%d\nspring.application.name=%s\nspring.datasource.url=jdbc:postgresql://pg-main.prod.lan:5432/%s\nspring.datasource.username=%s\nspring.datasource.password=" % (
        r.choice([8080, 8081, 9000]), r.choice(["orders", "billing", "crm"]), r.choice(["orders", "billing"]), r.choice(["app", "svc_orders"])), F("PASSWORD", pw(r)), "\n"]
    if r.random() < 0.6:
        segs += ["spring.mail.host=smtp.office365.com\nspring.mail.username=", F("EMAIL", email_make(r)), "\nspring.mail.password=", F("PASSWORD", pw(r)), "\n"]
    if r.random() < 0.4:
        segs += ["management.endpoints.web.exposure.include=health,info\nlogging.level.org.hibernate.SQL=DEBUG\n"]
    return C(lang, transcript(r, lang, "cat src/main/resources/application.properties", segs, file_path="src/main/resources/application.properties"))


@pos("file_appsettings", 5)
def _(r):
    lang = L(r)
    p = pw(r).replace(";", "")
    segs = ['{\n  "ConnectionStrings": {\n    "Default": "Server=tcp:sql-%02d.acme.lan,1433;Database=Shop;User Id=%s;Password=' % (r.randint(1, 9), r.choice(["sa", "shop_app"])),
            F("PASSWORD", p), ';TrustServerCertificate=True"\n  },\n']
    if r.random() < 0.5:
        segs += ['  "Stripe": {\n    "PublishableKey": "pk_live_%s",\n    "SecretKey": "' % rs(r, AN, 24), F("STRIPE_KEY", stripe_key(r)), '"\n  },\n']
    if r.random() < 0.5:
        segs += ['  "Smtp": {\n    "Host": "smtp.sendgrid.net",\n    "User": "apikey",\n    "From": "', F("EMAIL", email_make(r)), '"\n  },\n']
    segs += ['  "Logging": {"LogLevel": {"Default": "Information"}},\n  "AllowedHosts": "*"\n}\n']
    return C(lang, transcript(r, lang, "cat appsettings.Production.json", segs, file_path="appsettings.Production.json"), tags={"distractor"})


@pos("file_laravel_env", 5)
def _(r):
    lang = L(r)
    segs = ["APP_NAME=Gestionale\nAPP_ENV=production\nAPP_DEBUG=false\nAPP_URL=https://gestionale.%s\n\nLOG_CHANNEL=stack\n\nDB_CONNECTION=mysql\nDB_HOST=mysql\nDB_PORT=3306\nDB_DATABASE=gestionale\nDB_USERNAME=gestionale\nDB_PASSWORD=" % r.choice(DOMAINS[:10]),
            F("PASSWORD", pw(r)), "\n\nREDIS_HOST=redis\nREDIS_PASSWORD=null\nREDIS_PORT=6379\n\nMAIL_MAILER=smtp\nMAIL_HOST=smtps.aruba.it\nMAIL_PORT=465\nMAIL_USERNAME=",
            F("EMAIL", email_make(r)), "\nMAIL_PASSWORD=", F("PASSWORD", pw(r)), "\nMAIL_ENCRYPTION=ssl\n"]
    if r.random() < 0.5:
        segs += ["\nAWS_ACCESS_KEY_ID=", F("AWS_ACCESS_KEY", aws_akid(r, "AKIA")), "\nAWS_SECRET_ACCESS_KEY=", F("AWS_SECRET_KEY", aws_secret(r)), "\nAWS_DEFAULT_REGION=eu-south-1\nAWS_BUCKET=gestionale-allegati\n"]
    return C(lang, transcript(r, lang, "cat .env", segs, file_path=".env" if r.random() < 0.5 else None), tags={"distractor"})


@pos("file_rails_credentials", 3)
def _(r):
    lang = L(r)
    segs = ["aws:\n  access_key_id: ", F("AWS_ACCESS_KEY", aws_akid(r, "AKIA")), "\n  secret_access_key: ", F("AWS_SECRET_KEY", aws_secret(r)), "\n"]
    if r.random() < 0.6:
        segs += ["stripe:\n  secret_key: ", F("STRIPE_KEY", stripe_key(r)), "\n"]
    segs += ["smtp:\n  user_name: ", F("EMAIL", email_make(r)), "\n  password: ", F("PASSWORD", pw(r)), "\n"]
    return C(lang, transcript(r, lang, "EDITOR=cat bin/rails credentials:show", segs))


@pos("file_django_settings", 5)
def _(r):
    lang = L(r)
    f, l = person(r)
    host = ip4(r, r.choice(["p10", "p192", "pub"]))
    segs = ["DEBUG = False\nALLOWED_HOSTS = ['gestionale.example.it']\n\nADMINS = [('%s %s', '" % (f, l), F("EMAIL", email_make(r, f, l)), "')]\n\nDATABASES = {\n    'default': {\n        'ENGINE': 'django.db.backends.postgresql',\n        'NAME': 'shop',\n        'USER': 'shop',\n        'PASSWORD': '",
            F("PASSWORD", pw(r).replace("'", "")), "',\n        'HOST': '", F("IP_ADDRESS", host), "',\n        'PORT': '5432',\n    }\n}\n\nEMAIL_HOST = 'smtp.gmail.com'\nEMAIL_HOST_USER = '",
            F("EMAIL", email_make(r)), "'\nEMAIL_HOST_PASSWORD = '", F("PASSWORD", pw(r)), "'\nEMAIL_PORT = 587\n"]
    return C(lang, transcript(r, lang, "sed -n 1,60p config/settings/production.py", segs, file_path="config/settings/production.py"))


@pos("file_pem", 7)
def _(r):
    lang = L(r)
    kind = r.choice(["OPENSSH PRIVATE KEY", "RSA PRIVATE KEY", "PRIVATE KEY", "EC PRIVATE KEY"])
    path = {"OPENSSH PRIVATE KEY": "~/.ssh/id_ed25519", "RSA PRIVATE KEY": "deploy/certs/server.key", "PRIVATE KEY": "secrets/tls.key", "EC PRIVATE KEY": "certs/signing-ec.pem"}[kind]
    segs = [F("PRIVATE_KEY", pem_make(r, kind, nlines=r.randint(3, 7))), "\n"]
    return C(lang, transcript(r, lang, "cat " + path, segs, file_path=path))


@pos("file_marked_doc", 5)
def _(r):
    lang = L(r)
    en = ["CONFIDENTIAL", "STRICTLY CONFIDENTIAL", "INTERNAL USE ONLY", "TLP:AMBER", "TLP:RED", "COMPANY CONFIDENTIAL", "DO NOT DISTRIBUTE"]
    it = ["RISERVATO", "STRETTAMENTE RISERVATO", "USO INTERNO", "CONFIDENZIALE", "DOCUMENTO RISERVATO"]
    m = r.choice(it if lang == "it" else en)
    path = r.choice(["docs/roadmap-2026.md", "docs/incident-%d.md" % r.randint(100, 999), "notes/board-prep.md", "docs/pricing.md"])
    k = r.randrange(3)
    if k == 0:
        segs = ["# %s\n\n**" % r.choice(["Roadmap 2026", "Incident review", "Pricing update"]), F("CONFIDENTIAL_MARKER", m), "**\n\n- Q1: SSO for partners\n- Q2: EU region\n- Q3: price increase %d%%\n" % r.randint(3, 15)]
    elif k == 1:
        segs = ["---\ntitle: %s\nclassification: " % r.choice(["Acquisition memo", "Reorg plan"]), F("CONFIDENTIAL_MARKER", m), "\nowner: strategy\n---\n\nThe target's ARR is EUR %d M.\n" % r.randint(2, 90)]
    else:
        segs = ["<!-- ", F("CONFIDENTIAL_MARKER", m), " -->\n## Layoffs plan\nTeam sizes after the reorg: sales %d, support %d.\n" % (r.randint(5, 40), r.randint(3, 20))]
    return C(lang, transcript(r, lang, "cat " + path, segs, file_path=path))


@pos("agent_gh_auth", 3)
def _(r):
    lang = L(r)
    user = r.choice(["mrossi-acme", "tclarke", "ci-bot-acme"])
    segs = ["github.com\n  ✓ Logged in to github.com account %s (keyring)\n  - Active account: true\n  - Git operations protocol: https\n  - Token: " % user,
            F("GITHUB_TOKEN", gh_make(r, "gho")), "\n  - Token scopes: 'gist', 'read:org', 'repo', 'workflow'\n"]
    return C(lang, transcript(r, lang, "gh auth status --show-token", segs))


@pos("agent_curl_v", 5)
def _(r):
    lang = L(r)
    host, t, tok, hdr = r.choice([
        ("api.stripe.com", "STRIPE_KEY", lambda: stripe_key(r), "Authorization: Bearer "),
        ("api.openai.com", "OPENAI_KEY", lambda: openai_key(r), "Authorization: Bearer "),
        ("api.anthropic.com", "ANTHROPIC_KEY", lambda: anthropic_key(r), "x-api-key: "),
        ("api.github.com", "GITHUB_TOKEN", lambda: gh_make(r), "Authorization: token "),
        ("gitlab.com", "GITLAB_TOKEN", lambda: gitlab_token(r, "pat"), "PRIVATE-TOKEN: "),
        ("api.internal.acme.it", "JWT", lambda: jwt_make(r), "Authorization: Bearer "),
        ("slack.com", "SLACK_TOKEN", lambda: slack_token(r, "xoxb"), "Authorization: Bearer ")])
    addr = ip4(r, "pub")
    segs = ["*   Trying ", F("IP_ADDRESS", addr), ":443...\n* Connected to %s (" % host, F("IP_ADDRESS", addr),
            ") port 443\n* SSL connection using TLSv1.3 / TLS_AES_128_GCM_SHA256\n> GET /v1/%s HTTP/2\n> Host: %s\n> User-Agent: curl/8.%d.%d\n> %s" % (
                r.choice(["models", "charges?limit=3", "user", "projects"]), host, r.randint(0, 9), r.randint(0, 9), hdr), F(t, tok()),
            "\n> Accept: */*\n>\n< HTTP/2 401\n< content-type: application/json\n< x-request-id: req_%s\n<\n{\"error\": {\"message\": \"invalid credentials\"}}\n" % rs(r, AN, 24)]
    return C(lang, transcript(r, lang, "curl -v https://%s/..." % host, segs), tags={"distractor"})


@pos("tool_call_args", 7)
def _(r):
    lang = L(r)
    k = r.randrange(5)
    if k == 0:
        name, args = "send_email", ['{"to": "', F("EMAIL", email_make(r)), '", "cc": ["', F("EMAIL", email_make(r)), '"], "subject": "%s", "body": "%s"}' % (
            r.choice(["Your refund", "Rimborso ordine", "Invoice overdue"]), r.choice(["Hi, the refund was issued today.", "Gentile cliente, il rimborso è stato emesso."]))]
    elif k == 1:
        name, args = "create_customer", ['{"name": "%s", "tax_code": "' % full_name(r), F("IT_FISCAL_CODE", cf(r)), '", "iban": "', F("IBAN", iban(r, ["IT"])),
                                         '", "phone": "', F("PHONE", phone_make(r, "it_mob")), '", "segment": "retail"}']
    elif k == 2:
        name, args = "charge_card", ['{"amount": %d, "currency": "eur", "card": {"number": "' % r.randint(100, 99999), F("CREDIT_CARD", cc(r, style="compact")),
                                     '", "exp_month": %d, "exp_year": %d, "cvc": "%03d"}, "idempotency_key": "%s"}' % (r.randint(1, 12), r.randint(2026, 2031), r.randint(0, 999), uuid_like(r))]
    elif k == 3:
        name, args = "run_sql", ["{\"query\": \"UPDATE customers SET phone = '", F("PHONE", phone_make(r)), "', email = '", F("EMAIL", email_make(r)),
                                 "' WHERE id = %d;\"}" % r.randint(1000, 999999)]
    else:
        name, args = "register_supplier", ['{"company": "%s", "vat_number": "' % r.choice(["Officine Lorenzi S.r.l.", "Gruppo Adriatica S.p.A.", "Nordkap Systems GmbH"]),
                                           F("IT_VAT", piva_make(r)), '", "pec": "', F("EMAIL", email_make(r, domain=r.choice(["legalmail.it", "pec.it", "postecert.it"]))), '", "payment_terms_days": 60}']
    if r.random() < 0.5:
        cid = call_id(r)
        segs = ['{"id": "%s", "object": "chat.completion", "model": "gpt-4o-2024-08-06", "choices": [{"index": 0, "message": {"role": "assistant", "content": null, "tool_calls": [{"id": "%s", "type": "function", "function": {"name": "%s", "arguments": "' % (
            chatcmpl_id(r), cid, name)] + jesc_segs(args) + ['"}}]}, "finish_reason": "tool_calls"}], "system_fingerprint": "fp_%s"}' % hexs(r, 10)]
        q = "Why did my app execute this tool call twice?\n" if lang == "en" else "Perché l'app ha eseguito due volte questa chiamata?\n"
    else:
        segs = ['{"type": "tool_use", "id": "%s", "name": "%s", "input": ' % (toolu_id(r), name)] + args + ["}"]
        q = "The tool_use block below fails schema validation, why?\n" if lang == "en" else "Il blocco tool_use qui sotto non passa la validazione dello schema, perché?\n"
    return C(lang, [q] + segs, tags={"distractor"})


# ---- logs
UA_OK = ["Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1",
         "curl/8.5.0", "python-requests/2.31.0", "Go-http-client/1.1", "okhttp/4.12.0",
         "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.3 Safari/605.1.15",
         "Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0"]


def access_line(r, ip_seg, path_segs, status=None):
    return [F("IP_ADDRESS", ip_seg) if isinstance(ip_seg, str) else ip_seg, ' - - [%s] "%s ' % (ts_clf(r), r.choice(["GET", "GET", "POST"]))] + path_segs + [
        ' HTTP/1.1" %d %d "-" "%s"\n' % (status or r.choice([200, 200, 302, 404, 401]), r.randint(120, 90000), r.choice(UA_OK))]


def clean_path(r):
    return r.choice(["/static/app.%s.js" % hexs(r, 8), "/api/v2/orders/%d" % r.randint(10000, 999999), "/healthz", "/favicon.ico",
                     "/api/v2/cart?session=%s" % uuid_like(r), "/images/prod/%s.webp" % sku(r)])


@pos("log_access", 8)
def _(r):
    lang = L(r)
    lines = []
    pct = r.random() < 0.35
    for i in range(r.randint(3, 6)):
        lines += access_line(r, ip(r), [clean_path(r)])
    e = email_make(r)
    k = r.randrange(3)
    if pct:
        evalue = F("EMAIL", e.replace("@", "%40"), "pct")
    else:
        evalue = F("EMAIL", e)
    if k == 0:
        path = ["/account/password-reset?email=", evalue, "&utm_source=newsletter"]
    elif k == 1:
        path = ["/api/v1/newsletter/subscribe?lang=it&email=", evalue]
    else:
        path = ["/unsubscribe?u=", evalue, "&list=%d" % r.randint(1, 40)]
    ins = access_line(r, ip(r), path, 200)
    lines = lines + ins if r.random() < 0.5 else ins + lines
    q = r.choice(["Anything suspicious in this nginx access log?\n\n", "Summarise the traffic in these logs:\n", "Analizza questo access log e dimmi se c'è un attacco:\n"])
    c = C("it" if q.startswith("Analizza") else "en", [q] + lines)
    if pct:
        c["tags"].add("evasion:percent")
    return c


def ip(r):
    return ipv6_make(r) if r.random() < 0.12 else ip4(r)


@pos("log_auth_header", 6)
def _(r):
    lang = L(r)
    t, mk, hdr = r.choice([("JWT", lambda: jwt_make(r), "Authorization: Bearer "), ("STRIPE_KEY", lambda: stripe_key(r), "Authorization: Bearer "),
                           ("OPENAI_KEY", lambda: openai_key(r), "Authorization: Bearer "), ("ANTHROPIC_KEY", lambda: anthropic_key(r), "x-api-key: "),
                           ("GITHUB_TOKEN", lambda: gh_make(r, r.choice(["ghs", "ghp"])), "Authorization: token "), ("JWT", lambda: jwt_make(r), "Cookie: session=")])
    k = r.randrange(3)
    if k == 0:
        hv = hdr.replace(": ", "': '")
        segs = ["%s DEBUG urllib3.connectionpool: send: b'POST /v1/%s HTTP/1.1\\r\\nHost: %s\\r\\nUser-Agent: python-requests/2.32.3\\r\\n%s" % (
            ts_iso(r), r.choice(["charges", "messages", "chat/completions", "repos/acme/api/dispatches"]), r.choice(["api.stripe.com", "api.anthropic.com", "api.openai.com", "api.github.com"]), hdr),
                F(t, mk()), "\\r\\nContent-Length: %d\\r\\n\\r\\n'\n%s DEBUG urllib3.connectionpool: https://... \"POST /v1/... HTTP/1.1\" 401 %d\n" % (r.randint(40, 900), ts_iso(r), r.randint(50, 300))]
    elif k == 1:
        hname = hdr.split(":")[0]
        pre = "Bearer " if "Bearer" in hdr else "token " if "token " in hdr else "session=" if "session=" in hdr else ""
        segs = ['{"level":"debug","ts":"%s","logger":"http","msg":"outgoing request","method":"POST","url":"https://api.partner.example/v2/sync","headers":{"Content-Type":["application/json"],"%s":["%s' % (
            ts_iso(r), hname, pre), F(t, mk()), '"]},"request_id":"%s","duration_ms":%d}\n' % (uuid_like(r), r.randint(3, 2000))]
    else:
        segs = ["%s [http-nio-8080-exec-%d] DEBUG o.a.c.h.wire - >> \"%s" % (ts_iso(r), r.randint(1, 20), hdr), F(t, mk()), "[\\r][\\n]\"\n"]
    q = r.choice(["Why is the partner API returning 401? Debug log:\n", "Help me read this debug output:\n", "Perché l'API risponde 401? Log di debug:\n"])
    return C("it" if q.startswith("Perché") else "en", [q] + segs)


@pos("log_stacktrace", 7)
def _(r):
    lang = L(r)
    k = r.randrange(4)
    if k == 0:
        u = cred_url(r, r.choice(["postgresql", "postgres"]))
        h = ip4(r, "p10")
        segs = ["Traceback (most recent call last):\n  File \"/app/manage.py\", line 22, in <module>\n    main()\n  File \"/usr/local/lib/python3.12/site-packages/sqlalchemy/engine/base.py\", line 146, in __init__\n    self._dbapi_connection = engine.raw_connection()\nsqlalchemy.exc.OperationalError: (psycopg2.OperationalError) connection to server at \"",
                F("IP_ADDRESS", h), "\", port 5432 failed: FATAL:  password authentication failed for user \"app\"\n\n(Background on this error at: https://sqlalche.me/e/20/e3q8)\nengine url was ",
                F("CREDENTIAL_URL", u), "\n"]
    elif k == 1:
        u = cred_url(r, "mongodb")
        segs = ["Exception in thread \"main\" com.mongodb.MongoTimeoutException: Timed out after 30000 ms while waiting to connect. Client view of cluster state is {type=UNKNOWN, servers=[{address=mongo-0:27017, type=UNKNOWN, state=CONNECTING}]\n\tat com.mongodb.internal.connection.BaseCluster.getDescription(BaseCluster.java:184)\n\tat it.acme.orders.Config.mongoClient(Config.java:41)\nCaused by: configured uri=",
                F("CREDENTIAL_URL", u), "\n"]
    elif k == 2:
        p = pw(r)
        segs = ["org.postgresql.util.PSQLException: FATAL: password authentication failed for user \"report\"\n\tat org.postgresql.core.v3.ConnectionFactoryImpl.doAuthentication(ConnectionFactoryImpl.java:693)\n\tat com.zaxxer.hikari.pool.HikariPool.<init>(HikariPool.java:115)\nHikariConfig: jdbcUrl=jdbc:postgresql://pg-main.prod.lan:5432/report?user=report&password=",
                F("PASSWORD", p.replace("&", "")), " maximumPoolSize=10 ", "connectionTimeout=30000\n"]
    else:
        u = cred_url(r, "redis")
        h = ip4(r, "p10")
        segs = ["Error: connect ECONNREFUSED ", F("IP_ADDRESS", h), ":6379\n    at TCPConnectWrap.afterConnect [as oncomplete] (node:net:1595:16) {\n  errno: -111,\n  code: 'ECONNREFUSED',\n  syscall: 'connect',\n  address: '",
                F("IP_ADDRESS", h), "',\n  port: 6379\n}\n[ioredis] Unhandled error event, options: { url: '", F("CREDENTIAL_URL", u), "' }\n"]
    q = r.choice(["What's going on here?\n\n", "The service crashes on boot:\n```\n", "Il servizio va in crash all'avvio:\n```\n"])
    end = "```" if "```" in q else ""
    return C("it" if q.startswith("Il ") else "en", [q] + segs + [end])


@pos("log_json_app", 5)
def _(r):
    lang = L(r)
    segs = []
    for i in range(r.randint(2, 4)):
        segs.append('{"ts":"%s","level":"info","msg":"%s","request_id":"%s","trace_id":"%s","status":%d,"duration_ms":%d}\n' % (
            ts_iso(r), r.choice(["cart updated", "price recalculated", "cache miss"]), uuid_like(r), hexs(r, 32), r.choice([200, 201, 304]), r.randint(1, 900)))
    user_line = ['{"ts":"%s","level":"warn","msg":"login failed","user":"' % ts_iso(r), F("EMAIL", email_make(r)), '","client_ip":"', F("IP_ADDRESS", ip(r)),
                 '","attempt":%d,"request_id":"%s"}\n' % (r.randint(2, 9), uuid_like(r))]
    segs = segs[:1] + user_line + segs[1:]
    q = r.choice(["Write a Loki query that finds lines like these:\n", "Summarise these log lines for the incident report:\n", "Scrivi una query per trovare righe come queste:\n"])
    return C("it" if q.startswith("Scrivi") else "en", [q] + segs, tags={"distractor"})


# ---- support tickets
ADDR_IT = ["Via Roma 12, 20121 Milano", "Corso Vittorio Emanuele II 45, 10123 Torino", "Via dei Mille 8, 80121 Napoli", "Piazza Maggiore 3, 40124 Bologna",
           "Viale Europa 101/B, 00144 Roma", "Via Garibaldi 27, 16124 Genova"]
ADDR_EN = ["221B Baker Street, London NW1 6XE", "1600 Market St, Suite 400, Philadelphia, PA 19103", "48 Harbour Road, Dublin D04 K2W8",
           "350 Fifth Avenue, New York, NY 10118", "12 Kingsway, Manchester M1 4BT"]


@pos("ticket_en", 8)
def _(r):
    f, l = person(r)
    n = r.randint(10000, 999999)
    segs = ["Ticket #%d | Priority: %s | Channel: %s\nRequester: %s %s <" % (n, r.choice(["High", "Normal", "Urgent"]), r.choice(["email", "web form", "chat"]), f, l),
            F("EMAIL", email_make(r, f, l)), ">\n"]
    if r.random() < 0.6:
        segs += ["Phone: ", F("PHONE", phone_make(r, r.choice(["us", "uk", "us", "it_mob"]))), "\n"]
    segs += ["Address: %s\nOrder: #%d placed %s\n\n" % (r.choice(ADDR_EN), r.randint(100000, 9999999), ts_iso(r)[:10])]
    k = r.randrange(3)
    if k == 0:
        segs += ["Hi, I was charged twice for my order. The card is ", F("CREDIT_CARD", cc(r)), " exp %02d/%02d. Please refund one of the charges." % (r.randint(1, 12), r.randint(26, 31))]
    elif k == 1:
        segs += ["Hello, please send the refund by bank transfer to my account ", F("IBAN", iban(r, ["GB", "IE", "DE", "NL", "FR"])), " instead of the card."]
    else:
        segs += ["I need my W-9 corrected, my SSN is ", F("US_SSN", ssn_make(r)), " and it was typed wrong on the form."]
    q = r.choice(["\n\nDraft a polite reply for the customer.", "\n\nSummarise this ticket in one line for the queue.", "\n\nWhat category should this ticket go to?"])
    return C("en", [r.choice(["", "Support agent here. "])] + segs + [q])


@pos("ticket_it", 9, "it")
def _(r):
    f, l = person(r)
    n = r.randint(100, 9999)
    segs = ["Ticket n. 2025/%04d - Priorità: %s\nCliente: %s %s\n" % (n, r.choice(["Alta", "Media", "Urgente"]), f, l)]
    if r.random() < 0.6:
        segs += ["Codice fiscale: ", F("IT_FISCAL_CODE", cf(r)), "\n"]
    segs += ["Telefono: ", F("PHONE", phone_make(r, r.choice(["it_mob", "it_mob", "it_land"]))), "\nEmail: ", F("EMAIL", email_make(r, f, l)), "\nIndirizzo: %s\n\n" % r.choice(ADDR_IT)]
    k = r.randrange(4)
    if k == 0:
        segs += ["Buongiorno, ho pagato l'ordine n. %d con la carta " % r.randint(100000, 9999999), F("CREDIT_CARD", cc(r)), " ma il pacco non è mai arrivato. Chiedo il rimborso."]
    elif k == 1:
        segs += ["Salve, vorrei il rimborso del reso tramite bonifico sull'IBAN ", F("IBAN", iban(r, ["IT"])), " intestato a me. Grazie."]
    elif k == 2:
        segs += ["Sono titolare di ditta individuale, P.IVA ", F("IT_VAT", piva_make(r)), ": mi serve la fattura elettronica invece dello scontrino. Codice SDI %s." % rs(r, UP + DG, 7)]
    else:
        segs += ["Mi richiamate al ", F("PHONE", phone_make(r, "it_mob")), " dopo le 18? Il corriere ha lasciato l'avviso di giacenza n. %s." % poste_tracking(r)]
    q = r.choice(["\n\nScrivi una risposta cortese al cliente.", "\n\nRiassumi il ticket in una riga.", "\n\nTraduci il ticket in inglese per il fornitore."])
    return C("it", [r.choice(["", "Sono dell'assistenza clienti. ", "Ciao, mi aiuti con questo ticket?\n\n"])] + segs + [q])


@pos("chat_export_it", 4, "it")
def _(r):
    f, l = person(r)
    h, m = r.randint(8, 18), r.randint(0, 40)
    segs = ["[%02d:%02d] Operatore (Giulia): Buongiorno, come posso aiutarla?\n[%02d:%02d] %s: salve, non riesco ad accedere all'area clienti\n" % (h, m, h, m + 1, f),
            "[%02d:%02d] Operatore (Giulia): Mi conferma codice fiscale e numero di cellulare?\n[%02d:%02d] %s: " % (h, m + 2, h, m + 3, f), F("IT_FISCAL_CODE", cf(r)),
            " e " if r.random() < 0.5 else "\n[%02d:%02d] %s: cell " % (h, m + 3, f), F("PHONE", phone_make(r, "it_mob")),
            "\n[%02d:%02d] Operatore (Giulia): Grazie, le ho inviato il link di reset a " % (h, m + 5), F("EMAIL", email_make(r, f, l)), "\n"]
    return C("it", ["Riassumi questa chat per il CRM:\n\n"] + segs)


# ---- CSV / spreadsheet exports
@pos("csv_orders", 8)
def _(r):
    sep = r.choice([",", ",", "\t", ";"])
    it = sep == ";"
    cols = ["order_id", "created_at", "customer", "email", "phone", "sku", "ean", "qty", "unit_price", "total", "carrier", "tracking", "ip"]
    rows = [sep.join(cols) + "\n"]
    for _ in range(r.randint(2, 5)):
        carrier = r.choice(["UPS", "Poste", "BRT", "GLS"])
        trk = {"UPS": ups_tracking, "Poste": poste_tracking, "BRT": brt_tracking, "GLS": lambda r: rs(r, UP, 2) + rs(r, DG, 9)}[carrier](r)
        q = r.randint(1, 12)
        up = r.randint(199, 99999) / 100
        row = ["%d" % r.randint(10 ** 6, 10 ** 7 - 1), ts_iso(r)[:19].replace("T", " "), full_name(r), F("EMAIL", email_make(r)),
               F("PHONE", phone_make(r, r.choice(["it_mob", "it_mob", "it_land", "us", "de"]))), sku(r), ean13_nonluhn(r), str(q),
               ("%.2f" % up).replace(".", ",") if it else "%.2f" % up, ("%.2f" % (q * up)).replace(".", ",") if it else "%.2f" % (q * up), carrier, trk, F("IP_ADDRESS", ip4(r))]
        if r.random() < 0.3:
            row[4] = ""
        segs = []
        for i, v in enumerate(row):
            if i:
                segs.append(sep)
            segs.append(v)
        segs.append("\n")
        rows += segs
    q = r.choice(["Here's an export from Shopify, find orders that shipped late:\n\n", "Turn this CSV into a Markdown table:\n\n", "Da questo export trova i clienti con più di un ordine:\n\n"])
    return C("it" if q.startswith("Da ") else "en", [q] + rows, tags={"distractor"})


@pos("csv_clienti_it", 6, "it")
def _(r):
    cols = ["id", "ragione_sociale", "partita_iva", "codice_fiscale", "iban", "telefono", "email", "cap", "fido_eur", "ultimo_ordine"]
    segs = [";".join(cols) + "\n"]
    for i in range(r.randint(2, 4)):
        company_ = r.random() < 0.5
        row = [str(r.randint(1000, 99999)), r.choice(["Officine Lorenzi Srl", "Bar Centrale di %s" % person(r)[1], "Studio Ferri", "Rossi Impianti Snc", "%s %s" % person(r)]),
               F("IT_VAT", piva_make(r)) if company_ else "", F("IT_FISCAL_CODE", cf(r)) if not company_ else "", F("IBAN", iban(r, ["IT"], r.choice(["compact", "compact", "space"]))),
               F("PHONE", phone_make(r, r.choice(["it_mob", "it_land"]))), F("EMAIL", email_make(r)), "%05d" % r.randint(10010, 98168),
               money(r, True), "%02d/%02d/2025" % (r.randint(1, 28), r.randint(1, 12))]
        for j, v in enumerate(row):
            if j:
                segs.append(";")
            segs.append(v)
        segs.append("\n")
    q = r.choice(["Ho esportato l'anagrafica clienti dal gestionale, controlla che i campi siano compilati:\n\n", "Converti questo CSV in JSON:\n\n"])
    return C("it", [q] + segs, tags={"distractor"})


@pos("csv_payments", 5)
def _(r):
    cols = ["txn_id", "timestamp", "amount", "currency", "card_number", "exp", "auth_code", "status", "ref"]
    segs = [",".join(cols) + "\n"]
    for i in range(r.randint(2, 4)):
        masked = r.random() < 0.3
        d = card_digits(r, "visa")
        card = (d[:6] + "******" + d[-4:]) if masked else F("CREDIT_CARD", cc(r, style=r.choice(["compact", "space"])))
        row = ["txn_" + rs(r, AN, 14), ts_iso(r), money(r), r.choice(["EUR", "USD", "GBP"]), card, "%02d/%02d" % (r.randint(1, 12), r.randint(26, 31)),
               "%06d" % r.randint(0, 999999), r.choice(["captured", "declined", "refunded"]), uuid_like(r)]
        for j, v in enumerate(row):
            if j:
                segs.append(",")
            segs.append(v)
        segs.append("\n")
    if not any(isinstance(s, F) for s in segs):
        raise Retry("no card")
    q = r.choice(["Reconcile these transactions with the bank statement:\n", "Which of these payments look like fraud?\n"])
    return C("en", [q] + segs, tags={"distractor"}, allow={"******"})


@pos("tsv_hr", 4)
def _(r):
    cols = ["employee_id", "name", "ssn", "dob", "work_email", "mobile", "cost_center", "salary_usd", "start_date"]
    segs = ["\t".join(cols) + "\n"]
    for i in range(r.randint(2, 4)):
        row = ["E%05d" % r.randint(1, 99999), full_name(r), F("US_SSN", ssn_make(r)), "19%02d-%02d-%02d" % (r.randint(50, 99), r.randint(1, 12), r.randint(1, 28)),
               F("EMAIL", email_make(r)), F("PHONE", phone_make(r, "us")), "CC-%d" % r.randint(100, 999), str(r.randint(45, 240) * 1000), "20%02d-%02d-01" % (r.randint(10, 25), r.randint(1, 12))]
        for j, v in enumerate(row):
            if j:
                segs.append("\t")
            segs.append(v)
        segs.append("\n")
    return C("en", ["Pasted from the HR sheet, compute the average tenure by cost center:\n\n"] + segs, tags={"distractor"})


# ------------------------------------------------------------------ negatives (domain hard negatives)
NEG = []


def neg(name, w, lang="en"):
    def deco(fn):
        NEG.append((name, lang, w, fn))
        return fn
    return deco


@neg("aws_configure_list", 5)
def _(r):
    lang = L(r)
    segs = ["      Name                    Value             Type    Location\n      ----                    -----             ----    --------\n   profile                %-8s           manual    --profile\naccess_key     ****************%s shared-credentials-file\nsecret_key     ****************%s shared-credentials-file\n    region                %s      config-file    ~/.aws/config\n" % (
        r.choice(["prod", "<not set>", "dev"]), rs(r, UP + "234567", 4), rs(r, AN, 4), r.choice(["eu-south-1", "eu-west-1"]))]
    return C(lang, transcript(r, lang, "aws configure list", segs))


@neg("git_log_oneline", 5)
def _(r):
    lang = L(r)
    segs = ["* %s (HEAD -> main, origin/main) %s\n" % (hexs(r, 7), r.choice(["fix: retry on 429", "chore(deps): bump axios from 1.6.8 to 1.7.2"]))]
    for _ in range(r.randint(3, 6)):
        segs.append("* %s %s\n" % (hexs(r, 7), r.choice(["feat: add CSV export", "refactor config loader", "Merge pull request #%d from acme/feat/%s" % (r.randint(10, 4000), rs(r, LO, 6)),
                                                         "ci: pin actions/checkout@%s" % sha40(r), "docs: update README", "build: go 1.%d.%d" % (r.randint(20, 24), r.randint(0, 9))])))
    return C(lang, transcript(r, lang, "git log --oneline --graph -8", segs))


@neg("docker_images", 4)
def _(r):
    lang = L(r)
    segs = ["REPOSITORY                 TAG       DIGEST                                                                    IMAGE ID       CREATED        SIZE\n"]
    for _ in range(r.randint(2, 5)):
        segs.append("ghcr.io/acme/%-12s %-9s %s   %s   %d days ago    %dMB\n" % (r.choice(["api", "worker", "web", "billing"]), r.choice(["latest", ver(r), "main-" + hexs(r, 7)]),
                                                                              docker_digest(r), hexs(r, 12), r.randint(1, 90), r.randint(20, 900)))
    return C(lang, transcript(r, lang, "docker images --digests", segs))


@neg("package_lock", 5)
def _(r):
    lang = L(r)
    segs = ['{\n  "name": "web",\n  "version": "%s",\n  "lockfileVersion": 3,\n  "packages": {\n' % ver(r)]
    for p in r.sample(["axios", "react", "zod", "lodash", "undici", "ws", "semver", "debug"], 3):
        v = ver(r)
        segs.append('    "node_modules/%s": {\n      "version": "%s",\n      "resolved": "https://registry.npmjs.org/%s/-/%s-%s.tgz",\n      "integrity": "%s",\n      "license": "MIT"\n    },\n' % (p, v, p, p, v, npm_integrity(r)))
    segs.append("  }\n}\n")
    return C(lang, transcript(r, lang, "sed -n 1,40p package-lock.json", segs, file_path="package-lock.json"))


@neg("go_sum_pip_hashes", 3)
def _(r):
    if r.random() < 0.5:
        t = "\n".join("%s v%s %s" % (m, ver(r), gosum_hash(r)) for m in r.sample(["github.com/elazarl/goproxy", "github.com/open-policy-agent/opa", "go.uber.org/zap", "github.com/spf13/cobra"], 3))
        q = "go mod verify says checksum mismatch for one of these, which?\n"
    else:
        t = "\n".join("%s==%s \\\n    --hash=sha256:%s" % (m, ver(r), hexs(r, 64)) for m in r.sample(["requests", "urllib3", "certifi", "idna", "boto3"], 3))
        q = "pip install --require-hashes fails on this requirements.txt:\n"
    return C("en", [q + t])


@neg("env_example_placeholders", 7)
def _(r):
    lang = L(r)
    vals = r.sample(["OPENAI_API_KEY=sk-...", "OPENAI_API_KEY=YOUR_API_KEY", "ANTHROPIC_API_KEY=<your-anthropic-key>", "STRIPE_SECRET_KEY=sk_live_xxxxxxxxxxxx",
                     "AWS_ACCESS_KEY_ID=<redacted>", "AWS_SECRET_ACCESS_KEY=****", "DB_PASSWORD=", "SMTP_PASSWORD=${SMTP_PASSWORD}", "GITHUB_TOKEN=ghp_your_token_here",
                     "SLACK_BOT_TOKEN=xoxb-your-token", "DATABASE_URL=postgres://user:${DB_PASSWORD}@db:5432/app", "GOOGLE_MAPS_API_KEY=AIza...",
                     "REDIS_PASSWORD=null", "JWT_SECRET=<generate with openssl rand -hex 32>", "MAIL_PASSWORD=\"\"", "SENTRY_DSN="], r.randint(4, 7))
    segs = ["# copy to .env and fill in\nAPP_ENV=local\n" + "\n".join(vals) + "\n"]
    return C(lang, transcript(r, lang, "cat .env.example", segs, file_path=".env.example"),
             allow={"postgres://user:${DB_PASSWORD}@db:5432", "sk_live_xxxxxxxxxxxx"})


@neg("redacted_tool_output", 5)
def _(r):
    lang = L(r)
    segs = ["HOME=/home/node\nNODE_ENV=production\nAWS_ACCESS_KEY_ID=[REDACTED]\nAWS_SECRET_ACCESS_KEY=[REDACTED]\nDATABASE_URL=postgresql://app:********@pg-main.prod.lan:5432/app\nSTRIPE_SECRET_KEY=sk_live_****%s\nGIT_COMMIT=%s\nBUILD_ID=%s\n" % (
        rs(r, AN, 4), sha40(r), uuid_like(r))]
    return C(lang, transcript(r, lang, "env | sort", segs), allow={"app:********@pg-main.prod.lan"})


@neg("tool_ids_transcript", 6)
def _(r):
    cid = call_id(r)
    t = '{"id": "%s", "object": "chat.completion", "created": %d, "model": "gpt-4o-mini-2024-07-18", "choices": [{"index": 0, "message": {"role": "assistant", "content": null, "tool_calls": [{"id": "%s", "type": "function", "function": {"name": "get_weather", "arguments": "{\\"city\\": \\"Milano\\", \\"unit\\": \\"celsius\\"}"}}]}, "finish_reason": "tool_calls"}], "usage": {"prompt_tokens": %d, "completion_tokens": %d}, "system_fingerprint": "fp_%s"}' % (
        chatcmpl_id(r), r.randint(1700000000, 1760000000), cid, r.randint(50, 900), r.randint(10, 90), hexs(r, 10))
    if r.random() < 0.5:
        t = '{"id": "msg_01%s", "type": "message", "role": "assistant", "model": "claude-sonnet-4-20250514", "content": [{"type": "tool_use", "id": "%s", "name": "search_docs", "input": {"query": "rate limits", "top_k": 5}}], "stop_reason": "tool_use", "usage": {"input_tokens": %d, "output_tokens": %d}}' % (
            rs(r, AN, 22), toolu_id(r), r.randint(100, 5000), r.randint(10, 300))
    return C("en", [r.choice(["Why does my loop never send the tool result back? Response:\n", "Parse this response in TypeScript:\n"]) + t])


@neg("secret_refs", 5)
def _(r):
    k = r.randrange(3)
    if k == 0:
        t = "env:\n  - name: DB_PASSWORD\n    valueFrom:\n      secretKeyRef:\n        name: api-secrets\n        key: db-password\n  - name: STRIPE_SECRET_KEY\n    valueFrom:\n      secretKeyRef: {name: api-secrets, key: stripe}\n"
    elif k == 1:
        t = "      - run: npm publish\n        env:\n          NODE_AUTH_TOKEN: ${{ secrets.NPM_TOKEN }}\n          OPENAI_API_KEY: ${{ secrets.OPENAI_API_KEY }}\n      - uses: actions/checkout@%s # v4.1.7\n" % sha40(r)
    else:
        t = "spring.datasource.password=${DB_PASSWORD:}\nspring.mail.password=${vault.smtp.password}\napp.jwt.secret=${JWT_SECRET}\n"
    return C("en", [r.choice(["Is this the right way to pass secrets?\n", "Review this config:\n", "Va bene così per i segreti?\n"]) + t])


@neg("kubectl_pods", 4)
def _(r):
    lang = L(r)
    segs = ["NAME                          READY   STATUS             RESTARTS      AGE\n"]
    for _ in range(r.randint(3, 5)):
        segs.append("%-29s %s   %-18s %-13s %dd\n" % ("%s-%s-%s" % (r.choice(["api", "worker", "web"]), hexs(r, 9), rs(r, LO + DG, 5)), r.choice(["1/1", "0/1"]),
                                                       r.choice(["Running", "CrashLoopBackOff", "Pending"]), str(r.randint(0, 40)), r.randint(1, 90)))
    return C(lang, transcript(r, lang, "kubectl get pods -n prod", segs))


@neg("versions_out", 4)
def _(r):
    lang = L(r)
    segs = ["Client Version: v1.%d.%d\nKustomize Version: v5.%d.%d-0.%d-%s\nServer Version: v1.%d.%d-eks-%s\n---\ngo version go1.%d.%d linux/amd64\nnode v%d.%d.%d\nnpm %d.%d.%d\nPython 3.%d.%d\n" % (
        r.randint(26, 31), r.randint(0, 9), r.randint(0, 4), r.randint(0, 9), r.randint(20230101000000, 20251231235959), hexs(r, 12), r.randint(26, 31), r.randint(0, 9), hexs(r, 7),
        r.randint(21, 24), r.randint(0, 9), r.choice([18, 20, 22]), r.randint(0, 19), r.randint(0, 9), r.choice([9, 10]), r.randint(0, 9), r.randint(0, 9), r.randint(9, 13), r.randint(0, 12))]
    return C(lang, transcript(r, lang, "kubectl version; go version; node -v; npm -v; python3 -V", segs))


@neg("csv_orders_clean", 7)
def _(r):
    sep = r.choice([",", ";", "\t"])
    cols = ["order_id", "customer_id", "created_at", "sku", "ean", "qty", "amount_eur", "carrier", "tracking", "warehouse"]
    rows = [sep.join(cols)]
    for _ in range(r.randint(3, 6)):
        carrier = r.choice(["UPS", "Poste", "BRT", "DHL"])
        trk = {"UPS": ups_tracking, "Poste": poste_tracking, "BRT": brt_tracking, "DHL": lambda r: "JJD" + rs(r, DG, 18)}[carrier](r)
        rows.append(sep.join(["SO-%d" % r.randint(100000, 9999999), "C%06d" % r.randint(1, 999999), ts_iso(r)[:19], sku(r), ean13_nonluhn(r), str(r.randint(1, 50)),
                              money(r, sep == ";"), carrier, trk, r.choice(["MI-01", "BO-02", "VR-03"])]))
    return C(r.choice(["en", "it"]), [r.choice(["Pivot this by carrier:\n\n", "Fai una tabella pivot per corriere:\n\n", "Which orders are missing tracking?\n\n"]) + "\n".join(rows) + "\n"])


@neg("checksum_fail_ticket_it", 6, "it")
def _(r):
    k = r.randrange(4)
    if k == 0:
        v = "l'IBAN %s risulta errato alla banca" % iban_bad(r)
    elif k == 1:
        v = "la carta %s viene rifiutata dal POS (numero non valido)" % cc_bad(r)
    elif k == 2:
        vv = cf_break_check(cf_make(r))
        v = "il codice fiscale %s non supera il controllo dell'Agenzia" % vv
    else:
        v = "la P.IVA %s risulta inesistente su VIES" % piva_break(piva_make(r))
    return C("it", ["Ticket n. 2025/%04d - Cliente: %s\nOrdine %d, tracking %s.\n\nIl cliente segnala che %s. Come gli rispondo?" % (
        r.randint(1, 9999), full_name(r), r.randint(100000, 9999999), poste_tracking(r), v)])


@neg("checksum_fail_csv_en", 4)
def _(r):
    rows = ["row,field,value,error"]
    for i in range(r.randint(2, 4)):
        k = r.randrange(3)
        if k == 0:
            rows.append("%d,card_number,%s,luhn_failed" % (r.randint(2, 900), cc_bad(r).replace(" ", "")))
        elif k == 1:
            rows.append("%d,iban,%s,checksum_mismatch" % (r.randint(2, 900), iban_bad(r).replace(" ", "")))
        else:
            rows.append("%d,ssn,%s,invalid_area" % (r.randint(2, 900), ssn_invalid(r)))
    return C("en", ["Import errors from the migration, what should we tell the data team?\n" + "\n".join(rows) + "\n"])


@neg("masked_pii_ticket", 4)
def _(r):
    if r.random() < 0.5:
        t = "Ticket #%d: customer paid with card **** **** **** %04d (Visa), refund of EUR %s pending. IBAN on file: IT** **** **** **** **** ***%04d. Draft the update." % (
            r.randint(1000, 999999), r.randint(0, 9999), money(r), r.randint(0, 9999))
        lang = "en"
    else:
        t = "Ticket n. %d: il cliente (tel. +39 3** *** **%02d, email m****@g****.com) chiede lo stato del reso %s. Rispondi." % (r.randint(1000, 99999), r.randint(0, 99), poste_tracking(r))
        lang = "it"
    return C(lang, [t])


@neg("access_log_clean", 4)
def _(r):
    lines = []
    for _ in range(r.randint(3, 5)):
        lines.append('- - [%s] "GET %s HTTP/1.1" %d %d %.3f "%s" req_id=%s' % (ts_clf(r), clean_path(r), r.choice([200, 304, 404]), r.randint(100, 90000), r.random(), r.choice(UA_OK), uuid_like(r)))
    return C("en", ["Our log format strips client addresses. Compute the p95 latency from these:\n" + "\n".join(lines) + "\n"])


@neg("stacktrace_clean", 4)
def _(r):
    t = "panic: runtime error: invalid memory address or nil pointer dereference\n[signal SIGSEGV: segmentation violation code=0x1 addr=0x%x pc=0x%x]\n\ngoroutine %d [running]:\ngithub.com/acme/api/internal/store.(*Store).Get(0x0, {0xc000%s, 0x%x})\n\t/src/internal/store/store.go:%d +0x%x\nmain.main()\n\t/src/cmd/api/main.go:%d +0x%x\nexit status 2" % (
        r.randint(16, 255), r.randint(0x400000, 0x4fffff), r.randint(1, 300), hexs(r, 6), r.randint(4, 40), r.randint(10, 400), r.randint(16, 999), r.randint(10, 200), r.randint(16, 999))
    return C("en", [r.choice(["Where's the bug?\n", "Spiegami questo panic:\n"]) + t])


# ------------------------------------------------------------------ judgement cases
JUDGE = []


def judge(name, w):
    def deco(fn):
        JUDGE.append((name, "en", w, fn))
        return fn
    return deco


@judge("docker_basic_auth", 2)
def _(r):
    user, p = r.choice(["deploy", "mrossi", "ci"]), pw(r).replace(":", "")
    return J("en", ['~/.docker/config.json:\n{"auths": {"registry.acme.lan": {"auth": "', F("PASSWORD", b64s(user + ":" + p), "b64"), '"}}}\nWhy does docker pull say unauthorized?'],
             "base64(user:password) in docker auths: an encoded password; labelled PASSWORD over the blob", tags={"evasion:base64"})


@judge("basic_auth_header", 2)
def _(r):
    user, p = r.choice(["admin", "api", "report"]), pw(r).replace(":", "")
    return J("en", ["curl -v shows:\n> GET /metrics HTTP/1.1\n> Authorization: Basic ", F("PASSWORD", b64s(user + ":" + p), "b64"), "\n< HTTP/1.1 403 Forbidden\nWhy 403 and not 401?"],
             "HTTP Basic credentials (base64 user:password): labelled PASSWORD over the token", tags={"evasion:base64"})


@judge("chrome_ua_version", 2)
def _(r):
    a = ip4(r, "pub")
    v = "%d.0.0.0" % r.randint(120, 131)
    return J("en", ["nginx: ", F("IP_ADDRESS", a), ' - - [%s] "GET / HTTP/1.1" 200 512 "-" "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/%s Safari/537.36"\nIs this a bot?' % (ts_clf(r), v)],
             "Chrome reduced UA version X.0.0.0 is a valid dotted quad; left unlabelled", allow={v})


@judge("noreply_email", 2)
def _(r):
    e = "%d+%s@users.noreply.github.com" % (r.randint(10 ** 6, 2 * 10 ** 8), r.choice(["mrossi", "tclarke-dev", "gfontana"]))
    return J("en", ["git log shows Author: %s <" % full_name(r), F("EMAIL", e), "> on the leaked commit; who is it?"],
             "GitHub noreply address: e-mail by format, routes to no mailbox but identifies the account")


@judge("generic_api_keys", 3)
def _(r):
    vals = r.sample([("BRAVE_API_KEY", "BSA" + rs(r, AN, 28)), ("TAVILY_API_KEY", "tvly-" + rs(r, AN, 32)), ("HF_TOKEN", "hf_" + rs(r, AN, 34)),
                     ("NPM_TOKEN", "npm_" + rs(r, AN, 36)), ("SENTRY_AUTH_TOKEN", "sntrys_" + rs(r, AN, 60)), ("DD_API_KEY", hexs(r, 32))], 2)
    t = '{"mcpServers": {"tools": {"command": "uvx", "args": ["acme-mcp"], "env": {"%s": "%s", "%s": "%s"}}}}' % (vals[0][0], vals[0][1], vals[1][0], vals[1][1])
    return J("en", ["MCP config:\n" + t + "\nWhy does the server exit with code 1?"],
             "real-looking secrets with no type in the taxonomy (Brave, Tavily, HF, npm, Sentry, Datadog): unlabelled", allow={v for _, v in vals})


@judge("framework_secret_keys", 3)
def _(r):
    k = r.randrange(3)
    if k == 0:
        v = "base64:" + base64.b64encode(bytes(r.randrange(256) for _ in range(32))).decode()
        t = "APP_KEY=%s\nAPP_DEBUG=true" % v
    elif k == 1:
        v = "django-insecure-" + rs(r, LO + DG + "!@#$%^&*(-_=+)", 50)
        t = "SECRET_KEY = '%s'" % v
    else:
        v = hexs(r, 128)
        t = "secret_key_base: %s" % v
    return J("en", ["Is it a problem that this is in the repo?\n" + t], "framework signing key (Laravel APP_KEY, Django SECRET_KEY, Rails secret_key_base): a secret, no taxonomy type; unlabelled",
             allow={v})


@judge("aws_doc_example", 2)
def _(r):
    return J("en", ["$ aws configure\nAWS Access Key ID [None]: AKIAIOSFODNN7EXAMPLE\nAWS Secret Access Key [None]: wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\nDefault region name [None]: us-west-2\nIs it OK to keep these in the onboarding doc?"],
             "AWS documentation example credentials: format-valid, public, not secret; unlabelled", allow={"AKIAIOSFODNN7EXAMPLE"})


@judge("stripe_test_key", 2)
def _(r):
    return J("en", ["STRIPE_SECRET_KEY=", F("STRIPE_KEY", stripe_key(r, "sk_test_")), "\nCan this stay in .env.development in git?"], "Stripe test-mode secret key: labelled STRIPE_KEY")


@judge("loopback_ip", 2)
def _(r):
    v = r.choice(["127.0.0.1", "0.0.0.0"])
    return J("en", ["Error: connect ECONNREFUSED ", F("IP_ADDRESS", v), ":%d\n    at TCPConnectWrap.afterConnect [as oncomplete] (node:net:1607:16)\nThe DB runs in docker, why?" % r.choice([5432, 6379, 3306])],
             "loopback/unspecified address: IP by format, labelled")


@judge("git_remote_token", 2)
def _(r):
    tok = gh_make(r, r.choice(["ghs", "ghp"]))
    url = "https://x-access-token:%s@github.com/acme/%s.git" % (tok, r.choice(["api", "infra"]))
    pre = "$ git remote -v\norigin\t"
    s = len(pre) + len("https://x-access-token:")
    return J("en", [pre, F("CREDENTIAL_URL", url), " (fetch)\nHow do I stop the runner from writing this?"],
             "token used as the password of a URL: labelled CREDENTIAL_URL for the URL, the token inside also GITHUB_TOKEN (overlapping)",
             tags={"_overlap:%d:%d:%s" % (s, s + len(tok), tok)})


@judge("k8s_b64_plain_word", 1)
def _(r):
    return J("en", ["data:\n  username: %s\n  password: %s\nkubectl says the secret is fine but login fails." % (b64s("admin"), b64s("admin"))],
             "base64 of a trivial default password 'admin': unlabelled", allow={b64s("admin")})


@judge("ean_luhn_valid", 1)
def _(r):
    while True:
        d = "80" + rs(r, DG, 10)
        t = sum(int(c) * (3 if i % 2 else 1) for i, c in enumerate(d))
        e = d + str((10 - t % 10) % 10)
        if luhn_sum_ok(e):
            break
    return J("en", ["sku,ean,qty\n%s,%s,%d\nWhy does the scanner read this barcode as a different product?" % (sku(r), e, r.randint(1, 9))],
             "EAN-13 that happens to pass Luhn too (13 digits, prefix 80, no card brand): unlabelled", allow={e})


# ------------------------------------------------------------------ evasions (applied to a positive template)
ZW = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff"]


def fw(s, pred=lambda c: True):
    return "".join(chr(ord(c) + 0xFEE0) if 0x21 <= ord(c) <= 0x7E and pred(c) else c for c in s)


def evade(r, case):
    fs = [(i, s) for i, s in enumerate(case["segs"]) if isinstance(s, F) and s.enc is None and s.type not in ("PRIVATE_KEY", "PASSWORD")]
    if not fs:
        return False
    i, f = r.choice(fs)
    v = f.value
    kinds = ["zero-width", "zero-width", "fullwidth"]
    if " " in v and f.type in ("IBAN", "CREDIT_CARD", "PHONE"):
        kinds.append("nbsp")
    kind = r.choice(kinds)
    if kind == "fullwidth":
        if f.type == "EMAIL":
            nv = v.replace("@", "＠") if r.random() < 0.6 else fw(v)
        elif f.type in ("US_SSN", "CREDIT_CARD", "PHONE", "IT_VAT", "IBAN"):
            nv = fw(v, str.isdigit)
        elif f.type == "IP_ADDRESS":
            nv = fw(v, str.isalnum)
        else:
            nv = fw(v)
    elif kind == "nbsp":
        nv = v.replace(" ", r.choice(["\u00a0", "\u202f"]))
    else:
        nv = v
        for _ in range(r.choice([1, 1, 2])):
            p = r.randint(2, len(nv) - 2)
            nv = nv[:p] + r.choice(ZW) + nv[p:]
    case["segs"][i] = F(f.type, nv, "evade")
    case["tags"].add("evasion:" + kind)
    return True


# ------------------------------------------------------------------ self-check
def decode_value(f):
    v = f.value
    enc = f.enc or ""
    for step in enc.split("+"):
        if step.startswith("json"):
            for _ in range(int(step[4:])):
                v = json.loads('"' + v + '"')
        elif step == "b64":
            v = base64.b64decode(v).decode()
        elif step == "pct":
            v = urllib.parse.unquote(v)
    v = nfkc_strip(v).replace("\u00a0", " ").replace("\u202f", " ")
    if f.enc and "b64" in f.enc and ":" in v and f.type in ("GITHUB_TOKEN", "PASSWORD"):
        v = v.split(":", 1)[1]
    return v


def valid_value(t, v):
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
        return bool(re.fullmatch(r"-----BEGIN ([A-Z]+ )*PRIVATE KEY-----.*-----END ([A-Z]+ )*PRIVATE KEY-----", v, re.S))
    if t == "JWT":
        return jwt_ok(v)
    if t == "CREDENTIAL_URL":
        return bool(re.fullmatch(r"[a-z][a-z0-9+.-]*://[^\s:/@]*:[^\s@/]+@[^\s/]+\S*", v))
    if t == "PASSWORD":
        return bool(v) and not re.search(r"\s", v)
    if t == "CONFIDENTIAL_MARKER":
        return v.isupper() or v.startswith("TLP:")
    raise ValueError(t)


SCAN = [
    ("EMAIL", EMAIL_RE, None),
    ("AWS_ACCESS_KEY", re.compile(r"(?<![A-Z0-9])(?:AKIA|ASIA)[A-Z0-9]{16}(?![A-Z0-9])"), None),
    ("GOOGLE_API_KEY", re.compile(r"AIza[\w-]{35}"), None),
    ("GITLAB_TOKEN", re.compile(r"(?:glpat|glrt|gldt|glptt|glft|glsoat|glcbt)-[\w-]{20}|GR1348941[\w-]{20}"), None),
    ("SLACK_TOKEN", re.compile(r"xox[abposre][.-][A-Za-z0-9-]*\d"), None),
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
PW_ASSIGN = re.compile(r"(?i)(?:password|passwd|pwd|_pass)[\"']?[ \t]*[:=][ \t]*[\"']?([^\s\"',;&\\]*)")
PW_PLACEHOLDER = re.compile(r"^(|null|\*+|\$\{.*|<.*|\[REDACTED\]|\(protected\)|authentication|os\.environ.*|\u2591)$")


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
    for m in re.finditer(r"(?<![A-Za-z0-9])[A-Za-z]{2}\d{2}(?:[ -]?[A-Za-z0-9]){8,34}", text):
        comp = re.sub(r"[ -]", "", m.group()).upper()
        n = IBAN_LEN.get(comp[:2])
        if n and len(comp) >= n and iban_ok(comp[:n]) and not any(a in m.group() for a in allow):
            hits.append(("IBAN", m.group()))
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
    for m in PW_ASSIGN.finditer(text):
        if not PW_PLACEHOLDER.match(m.group(1)) and not any(a in m.group(1) for a in allow if a):
            hits.append(("PASSWORD?", m.group(0)))
    return hits


def assemble(case):
    text, findings, blank = "", [], ""
    for s in case["segs"]:
        if isinstance(s, F):
            b0 = len(text.encode())
            text += s.value
            findings.append({"type": s.type, "start": b0, "end": len(text.encode()), "value": s.value, "_f": s})
            blank += " \u2591 "
        else:
            text += s
            blank += s
    for t in case["tags"]:
        if t.startswith("_overlap:"):
            tok = t.split(":", 3)[3]
            i = text.index(tok)
            findings.append({"type": "GITHUB_TOKEN", "start": len(text[:i].encode()), "end": len(text[:i].encode()) + len(tok.encode()), "value": tok, "_f": F("GITHUB_TOKEN", tok)})
    case["tags"] = {t for t in case["tags"] if not t.startswith("_")}
    findings.sort(key=lambda f: (f["start"], f["end"]))
    return text, findings, blank


def self_check(text, findings, blank, allow):
    b = text.encode()
    for f in findings:
        assert b[f["start"]:f["end"]].decode() == f["value"], f
        v = decode_value(f["_f"])
        if not valid_value(f["type"], v):
            raise AssertionError("invalid labelled value %r %r (decoded %r)" % (f["type"], f["value"], v))
    hits = scan_unlabelled(nfkc_strip(blank), allow)
    if hits:
        raise Retry(hits)


# ------------------------------------------------------------------ mixture
def pick(r, table):
    tot = sum(t[2] for t in table)
    x = r.uniform(0, tot)
    for t in table:
        x -= t[2]
        if x <= 0:
            return t
    return table[-1]


def make_case(r, slot):
    if slot == "neg":
        name, lang, w, fn = pick(r, NEG)
        c = fn(r)
        c["tags"].add("negative")
        return name, c
    if slot == "judge":
        name, lang, w, fn = pick(r, JUDGE)
        c = fn(r)
        if not any(isinstance(s, F) for s in c["segs"]):
            c["tags"].add("negative")
        return name, c
    name, lang, w, fn = pick(r, POS)
    c = fn(r)
    if slot == "eva":
        if not evade(r, c):
            raise Retry("no evadable value")
    if slot == "dist":
        nname, nlang, nw, nfn = pick(r, NEG)
        d = nfn(r)
        sep = r.choice(["\n\n", "\n\n---\n", "\n\nAlso: ", "\n\nPS: "])
        c["segs"] = (c["segs"] + [sep] + d["segs"]) if r.random() < 0.6 else (d["segs"] + [sep] + c["segs"])
        c["allow"] |= d["allow"]
        c["tags"].add("distractor")
        name += "+" + nname
    return name, c


def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    seed, n, out = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
    r = random.Random(seed)
    slots = ["neg"] * round(n * 0.40) + ["judge"] * round(n * 0.06) + ["dist"] * round(n * 0.10) + ["eva"] * round(n * 0.11)
    slots += ["pos"] * (n - len(slots))
    slots = slots[:n]
    r.shuffle(slots)
    rows, meta = [], []
    prefix = "a17s%d" % seed
    retries = collections.Counter()
    for i, slot in enumerate(slots):
        for attempt in range(300):
            try:
                name, c = make_case(r, slot)
                text, findings, blank = assemble(c)
                self_check(text, findings, blank, c["allow"])
                break
            except Retry as e:
                retries[str(e)[:60]] += 1
                continue
        else:
            raise SystemExit("could not build a clean case for slot %s" % slot)
        for f in findings:
            del f["_f"]
        row = {"id": "%s-%04d" % (prefix, i), "lang": c["lang"], "text": text, "findings": findings, "tags": sorted(c["tags"])}
        rows.append(row)
        meta.append({"id": row["id"], "template": name, "slot": slot, "why": c["why"]})
    base = out[:-6] if out.endswith(".jsonl") else out
    with open(out, "w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    with open(base + ".nojudge.jsonl", "w", encoding="utf-8") as fh:
        for row in rows:
            if "judgement" not in row["tags"]:
                fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    with open(base + ".meta.jsonl", "w", encoding="utf-8") as fh:
        for m in meta:
            fh.write(json.dumps(m, ensure_ascii=False) + "\n")
    tc = collections.Counter(f["type"] for row in rows for f in row["findings"])
    tg = collections.Counter(t for row in rows for t in row["tags"])
    lg = collections.Counter(row["lang"] for row in rows)
    ev = sum(any(t.startswith("evasion") for t in row["tags"]) for row in rows)
    print("cases %d  langs %s  evasion cases %d (%.1f%%)" % (len(rows), dict(lg), ev, 100.0 * ev / len(rows)), file=sys.stderr)
    print("tags %s" % dict(tg), file=sys.stderr)
    print("types %s" % dict(tc.most_common()), file=sys.stderr)
    print("retries %d %s" % (sum(retries.values()), retries.most_common(5)), file=sys.stderr)


if __name__ == "__main__":
    main()
