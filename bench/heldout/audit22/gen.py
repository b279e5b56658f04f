#!/usr/bin/env python3
"""audit22 held-out corpus: secrets of every current vendor format, where developers keep them.

  gen.py SEED N OUT.jsonl

Writes OUT.jsonl (dev.jsonl schema) and OUT.meta.jsonl (id, template, judgement reason).
Spans are UTF-8 byte offsets of the value as it appears in the text (escaped/encoded/evaded);
tokens are spanned bare (no "Bearer", no key name), credential URLs whole, PEM blocks BEGIN..END,
passwords as the value alone. Deterministic per SEED; stdlib only; every value fabricated here.
Self-check per case: span bytes == value; each labelled value (decoded) passes its format/checksum;
the text with labelled spans blanked holds no other valid value of any type (retry otherwise).
"""
import base64, json, os, random, re, sys, unicodedata, urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from vals import *  # noqa


class F:
    def __init__(self, type, shown, plain=None, enc=None):
        self.type, self.shown, self.plain, self.enc = type, shown, plain if plain is not None else shown, enc


class Retry(Exception):
    pass


def L(lang, en, it):
    return en if lang == "en" else it


# ------------------------------------------------------------ secrets by kind
def SK(r, kind):
    """returns [(ENV_NAME, F), ...] for a secret kind"""
    if kind == "openai":
        v = openai_key(r)
        return [(r.choice(["OPENAI_API_KEY", "OPENAI_KEY", "OPENAI_ADMIN_KEY" if v.startswith("sk-admin") else "LLM_API_KEY"]), F("OPENAI_KEY", v))]
    if kind == "anthropic":
        v = anthropic_key(r)
        return [(r.choice(["ANTHROPIC_API_KEY", "CLAUDE_API_KEY", "ANTHROPIC_ADMIN_KEY" if "admin01" in v else "ANTHROPIC_API_KEY"]), F("ANTHROPIC_KEY", v))]
    if kind == "github":
        v = gh_make(r) if r.random() < 0.75 else gh_fine(r)
        return [(r.choice(["GITHUB_TOKEN", "GH_TOKEN", "GH_PAT", "GITHUB_PAT", "RENOVATE_TOKEN"]), F("GITHUB_TOKEN", v))]
    if kind == "gitlab":
        v = gl_make(r)
        return [(r.choice(["GITLAB_TOKEN", "GL_TOKEN", "CI_PUSH_TOKEN", "GITLAB_API_TOKEN", "RUNNER_TOKEN" if v.startswith("glrt") else "GITLAB_TOKEN"]), F("GITLAB_TOKEN", v))]
    if kind == "slack":
        v = slack_token(r)
        return [(r.choice(["SLACK_BOT_TOKEN", "SLACK_TOKEN", "SLACK_APP_TOKEN" if v.startswith("xapp") else "SLACK_USER_TOKEN"]), F("SLACK_TOKEN", v))]
    if kind == "webhook":
        return [(r.choice(["SLACK_WEBHOOK_URL", "ALERTS_WEBHOOK", "SLACK_HOOK"]), F("SLACK_WEBHOOK", slack_webhook(r)))]
    if kind == "stripe":
        return [(r.choice(["STRIPE_SECRET_KEY", "STRIPE_API_KEY", "STRIPE_KEY", "PAYMENTS_STRIPE_SECRET"]), F("STRIPE_KEY", stripe_key(r)))]
    if kind == "google":
        return [(r.choice(["GOOGLE_API_KEY", "GOOGLE_MAPS_API_KEY", "GEMINI_API_KEY", "FIREBASE_API_KEY", "YOUTUBE_API_KEY"]), F("GOOGLE_API_KEY", google_make(r)))]
    if kind == "aws":
        return [("AWS_ACCESS_KEY_ID", F("AWS_ACCESS_KEY", aws_akid(r))), ("AWS_SECRET_ACCESS_KEY", F("AWS_SECRET_KEY", aws_secret(r)))]
    if kind == "jwt":
        return [(r.choice(["API_JWT", "SERVICE_TOKEN", "AUTH_TOKEN", "BEARER_TOKEN", "ACCESS_TOKEN"]), F("JWT", jwt_make(r)))]
    if kind == "credurl":
        return [(r.choice(["DATABASE_URL", "REDIS_URL", "MONGO_URI", "AMQP_URL", "BROKER_URL", "SMTP_URL", "PIP_INDEX_URL"]), F("CREDENTIAL_URL", cred_url(r)))]
    if kind == "password":
        return [(r.choice(["DB_PASSWORD", "POSTGRES_PASSWORD", "MYSQL_ROOT_PASSWORD", "REDIS_PASSWORD", "SMTP_PASSWORD",
                           "ADMIN_PASSWORD", "KEYCLOAK_ADMIN_PASSWORD", "RABBITMQ_DEFAULT_PASS", "PGPASSWORD"]), F("PASSWORD", password_make(r)))]
    if kind == "pem":
        return [(r.choice(["PRIVATE_KEY", "SSH_PRIVATE_KEY", "JWT_SIGNING_KEY", "TLS_KEY", "DEPLOY_KEY", "GPG_PRIVATE_KEY"]), F("PRIVATE_KEY", pem_make(r)))]
    raise ValueError(kind)


KINDS = ["openai"] * 5 + ["anthropic"] * 4 + ["github"] * 5 + ["gitlab"] * 5 + ["slack"] * 5 + ["webhook"] * 3 + \
        ["stripe"] * 4 + ["google"] * 3 + ["aws"] * 5 + ["jwt"] * 3 + ["credurl"] * 5 + ["password"] * 6 + ["pem"] * 3


# ------------------------------------------------------------ hard negatives (name, text)
def NEG(r):
    k = r.randrange(30)
    if k == 0: return ("AWS_ACCESS_KEY_ID", "AKIAIOSFODNN7EXAMPLE")
    if k == 1: return ("AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")
    if k == 2: return ("STRIPE_PUBLISHABLE_KEY", r.choice(["pk_live_", "pk_test_"]) + ("51" + rs(r, AN, 97) if r.random() < 0.5 else rs(r, AN, 24)))
    if k == 3: return ("OPENAI_API_KEY", r.choice(["sk-proj-****************************%s" % rs(r, AN, 4), "sk-...%s" % rs(r, AN, 4),
                                                   "sk-proj-%s...%s" % (rs(r, AN, 4), rs(r, AN, 4)), "sk-proj-XXXXXXXXXXXXXXXX", "<your-openai-key>"]))
    if k == 4: return ("GITHUB_TOKEN", r.choice(["ghp_" + "*" * 36, "ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", "ghp_" + rs(r, AN, 4) + "…", "ghp_16C7e42F292c6912E7710c838347Ae178B4a"]))
    if k == 5: return ("GITHUB_TOKEN", gh_bad_crc(r))
    if k == 6: return ("GOOGLE_API_KEY", r.choice(["AIza" + rs(r, AN, r.choice([28, 30, 33])), "YOUR_API_KEY", "AIzaSyDOCAbC123dEf456GhI789jKl012-MnO"]))
    if k == 7: return ("SLACK_WEBHOOK_URL", r.choice(["https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX",
                                                      "https://hooks.slack.com/services/YOUR/WEBHOOK/URL"]))
    if k == 8: return ("SLACK_BOT_TOKEN", r.choice(["xoxb-your-bot-token", "xoxb-XXXXXXXXXXXX-XXXXXXXXXXXXX-XXXXXXXXXXXXXXXXXXXXXXXX", "xoxb-****", "xapp-1-..."]))
    if k == 9: return ("GITLAB_TOKEN", r.choice(["glpat-xxxxxxxxxxxxxxxxxxxx", "glpat-<token>", "glpat-" + rs(r, AN, 8), "$CI_JOB_TOKEN"]))
    if k == 10: return ("ANTHROPIC_API_KEY", r.choice(["sk-ant-api03-...", "sk-ant-...%s" % rs(r, AN, 4), "my_api_key", "sk-ant-api03-" + "X" * 20]))
    if k == 11: return ("STRIPE_SECRET_KEY", r.choice(["sk_live_...", "sk_test_" + rs(r, AN, 8), "sk_live_" + "*" * 24, "rk_live_xxx"]))
    if k == 12: return ("IMAGE_DIGEST", "sha256:" + rs(r, HEX, 64))
    if k == 13: return ("GIT_SHA", rs(r, HEX, 40))
    if k == 14: return ("REQUEST_ID", uuid4(r))
    if k == 15: return ("CONFIG_B64", base64.b64encode(json.dumps({"region": r.choice(["eu-south-1", "eu-west-1"]), "replicas": r.randint(2, 9), "debug": False}).encode()).decode())
    if k == 16: return ("OPENAI_API_KEY", "${{ secrets.OPENAI_API_KEY }}")
    if k == 17: return ("DB_PASSWORD", r.choice(["${DB_PASSWORD}", "{{ vault_db_password }}", "<redacted>", "********", "\"\"", "${{ secrets.DB_PASSWORD }}",
                                                 "vault:secret/data/prod/db#password", "op://Prod/postgres/password", "ref+awsssm://prod/db/password"]))
    if k == 18: return ("DATABASE_URL", r.choice(["postgres://app@%s:5432/app" % r.choice(HOSTS), "postgres://${DB_USER}:${DB_PASS}@db:5432/app",
                                                  "redis://redis:6379/0", "mysql://root:****@mysql:3306/shop", "mongodb://localhost:27017/test"]))
    if k == 19: return ("AWS_ROLE_ID", aws_unique_id(r))
    if k == 20: return ("AWS_ACCESS_KEY_ID", "AKIA" + rs(r, UP + "234567", r.choice([12, 14])))
    if k == 21: return ("NPM_INTEGRITY", "sha512-" + base64.b64encode(rbytes(r, 64)).decode())
    if k == 22: return ("SECRET_ARN", "arn:aws:secretsmanager:eu-south-1:%s:secret:prod/app-%s" % (rs(r, DG, 12), rs(r, AN, 6)))
    if k == 23: return ("SLACK_CHANNEL_ID", "C" + rs(r, UP + DG, 10))
    if k == 24: return ("MD5_CHECKSUM", rs(r, HEX, 32))
    if k == 25: return ("STRIPE_PRICE_ID", "price_1" + rs(r, AN, 23))
    if k == 26: return ("OPENAI_ORG_ID", "org-" + rs(r, AN, 24))
    if k == 27: return ("OPENAI_PROJECT_ID", "proj_" + rs(r, AN, 24))
    if k == 28: return ("SENTRY_RELEASE", "%d.%d.%d+%s" % (r.randint(1, 9), r.randint(0, 30), r.randint(0, 50), rs(r, HEX, 7)))
    return ("STRIPE_SECRET_KEY", "sk_test_4eC39HqLyjWDarjtT1zdp7dc")


HARMLESS = [("LOG_LEVEL", ["info", "debug", "warn"]), ("NODE_ENV", ["production", "staging"]), ("PORT", ["8080", "3000", "8000"]),
            ("AWS_REGION", ["eu-south-1", "eu-west-1", "us-east-1"]), ("APP_NAME", ["billing-api", "orders", "crm-sync"]),
            ("TZ", ["Europe/Rome"]), ("WORKERS", ["4", "8"]), ("FEATURE_NEW_CHECKOUT", ["true", "false"])]


def harmless(r):
    k, vs = r.choice(HARMLESS)
    return (k, r.choice(vs))


# ------------------------------------------------------------ evasions on a token F
ZW = ["\u200b", "\u200c", "\u2060", "\ufeff", "\u200d"]


def evade(r, f, kind):
    v = f.plain
    if kind == "zero-width":
        i = r.randint(4, len(v) - 3)
        return F(f.type, v[:i] + r.choice(ZW) + v[i:], v, "zw")
    if kind == "fullwidth":
        return F(f.type, "".join(chr(ord(c) + 0xFEE0) if 0x21 <= ord(c) <= 0x7E else c for c in v), v, "fw")
    if kind == "json-u":
        out = "".join("\\u%04x" % ord(c) if (c in "-_./:" or (c.isalpha() and r.random() < 0.25)) else c for c in v)
        if out == v:
            out = "\\u%04x" % ord(v[0]) + v[1:]
        return F(f.type, out, v, "ju")
    if kind == "base64":
        return F(f.type, base64.b64encode(v.encode()).decode(), v, "b64")
    if kind == "percent":
        return F(f.type, "".join("%%%02X" % b for b in v.encode()), v, "pct")
    raise ValueError(kind)


def decode(f):
    s = f.shown
    if f.enc == "zw":
        return "".join(c for c in s if unicodedata.category(c) != "Cf")
    if f.enc == "fw":
        return unicodedata.normalize("NFKC", s)
    if f.enc == "ju":
        return json.loads('"' + s + '"')
    if f.enc == "b64":
        return base64.b64decode(s).decode()
    if f.enc == "pct":
        return urllib.parse.unquote(s)
    if f.enc == "lit":
        return s.replace("\\n", "\n")
    if f.enc == "crlf":
        return s.replace("\r\n", "\n")
    if f.enc == "indent":
        return re.sub(r"\n[ \t]+", "\n", s)
    if f.enc == "jesc":
        return json.loads('"' + s + '"')
    return s


VALID = {"OPENAI_KEY": openai_ok, "ANTHROPIC_KEY": anthropic_ok, "GITHUB_TOKEN": gh_ok, "GITLAB_TOKEN": gl_ok,
         "SLACK_TOKEN": slack_ok, "SLACK_WEBHOOK": webhook_ok, "STRIPE_KEY": stripe_ok, "GOOGLE_API_KEY": google_ok,
         "AWS_ACCESS_KEY": aws_akid_ok, "AWS_SECRET_KEY": aws_secret_ok, "JWT": jwt_ok, "PRIVATE_KEY": pem_ok,
         "CREDENTIAL_URL": cred_url_ok, "EMAIL": lambda s: bool(re.fullmatch(r"[a-z0-9.-]+@[a-z0-9.-]+\.[a-z]{2,}", s)), "PASSWORD": lambda s: len(s) >= 6 and not PLACEHOLDER.search(s) and not re.search(r"\s", s)}

PLACEHOLDER = re.compile(r"^(?:\$\{|\{\{|<|\*{3}|\"\"|\$[A-Z_]|vault:|op://|ref\+|!vault)|xxxx|XXXX|\.\.\.|…|your|changeme", re.I)


# ------------------------------------------------------------ placement formats
def jesc(s):
    return json.dumps(s)[1:-1]


def val_in(fmt, f):
    """adapt a (plain) F to a format: JSON string escape, YAML block for PEM etc. returns segs for the value position"""
    return f


def camel(n):
    p = n.lower().split("_")
    return p[0] + "".join(x.capitalize() for x in p[1:])


def kv_lines(r, fmt, items, indent=""):
    """items: list of (NAME, F|str). Returns segs."""
    segs = []
    for name, v in items:
        isF = isinstance(v, F)
        plain = v.shown if isF else v
        multiline = "\n" in plain
        if fmt == "dotenv":
            q = '"' if (multiline or r.random() < 0.3) else ""
            pre = r.choice(["", "", "export "]) if not multiline else ""
            segs += [indent + pre + name + "=" + q, v, q + "\n"]
        elif fmt in ("yaml", "yaml_lower", "yaml_camel"):
            key = name if fmt == "yaml" else (name.lower() if fmt == "yaml_lower" else camel(name))
            if multiline:
                ind = indent + "  "
                vv = F(v.type, v.shown.replace("\n", "\n" + ind), v.plain, "indent") if isF else v.replace("\n", "\n" + ind)
                segs += [indent + key + ": |\n" + ind, vv, "\n"]
            else:
                q = r.choice(["", "", '"', "'"])
                segs += [indent + key + ": " + q, v, q + "\n"]
        elif fmt == "compose_list":
            if multiline:
                continue
            segs += [indent + "- " + name + "=", v, "\n"]
        elif fmt == "tfvars":
            key = name.lower()
            if multiline:
                segs += [indent + key + " = <<-EOT\n", v, "\nEOT\n"]
            else:
                segs += [indent + key + " = \"", v, "\"\n"]
        elif fmt == "json":
            vv = F(v.type, jesc(v.shown), v.plain, "jesc" if v.enc is None else v.enc) if isF else jesc(v)
            segs += [indent + '"' + name + '": "', vv, '",\n']
        elif fmt == "properties":
            if multiline:
                continue
            segs += [indent + name.lower().replace("_", ".") + "=", v, "\n"]
        elif fmt == "toml":
            if multiline:
                segs += [indent + name.lower() + ' = """\n', v, '\n"""\n']
            else:
                segs += [indent + name.lower() + ' = "', v, '"\n']
        else:
            raise ValueError(fmt)
    if segs and fmt == "json":
        segs[-1] = segs[-1].replace('",\n', '"\n')
    return segs


def code_assign(r, lang_, name, v):
    isF = isinstance(v, F)
    plain = v.shown if isF else v
    if "\n" in plain:
        if lang_ == "python":
            return [name + ' = """', v, '"""\n']
        if lang_ == "js":
            return ["const " + camel(name) + " = `", v, "`;\n"]
        if lang_ == "go":
            return [camel(name) + " := `", v, "`\n"]
        if lang_ == "rust":
            return ["let " + name.lower() + ' = r#"', v, '"#;\n']
        if lang_ == "csharp":
            return ["var " + camel(name) + ' = @"', v, '";\n']
        if lang_ == "ruby":
            return [name + " = <<~KEY\n", v, "\nKEY\n"]
        if lang_ == "php":
            return ["$" + camel(name) + " = <<<KEY\n", v, "\nKEY;\n"]
        vv = F(v.type, jesc(v.shown), v.plain, "jesc") if isF else jesc(v)
        return ['private static final String ' + name + ' = "', vv, '";\n']
    if lang_ == "python":
        pre, post = r.choice([(name + ' = "', '"'), ('os.environ["%s"] = "' % name, '"'), ('os.environ.setdefault("%s", "' % name, '")')])
        return [pre, v, post + "\n"]
    if lang_ == "js":
        return [r.choice(["const %s = '" % camel(name), "process.env.%s = '" % name]), v, "';\n"]
    if lang_ == "go":
        return ["const %s = \"" % camel(name), v, "\"\n"]
    if lang_ == "java":
        return ["private static final String %s = \"" % name, v, "\";\n"]
    if lang_ == "csharp":
        return ["private const string %s = \"" % (camel(name)[0].upper() + camel(name)[1:]), v, "\";\n"]
    if lang_ == "ruby":
        return ["ENV['%s'] ||= '" % name, v, "'\n"]
    if lang_ == "php":
        return ["define('%s', '" % name, v, "');\n"]
    if lang_ == "rust":
        return ["const %s: &str = \"" % name, v, "\";\n"]
    raise ValueError(lang_)


def fix_py(segs):
    out = []
    for s in segs:
        if isinstance(s, str) and s.startswith('"\n') and False:
            pass
        out.append(s)
    return out


# ------------------------------------------------------------ places
def place(r, items, name=None):
    """render items in a developer place; returns (place_name, segs, fmt_hint)"""
    has_pem = any(isinstance(v, F) and v.type == "PRIVATE_KEY" for _, v in items)
    places = ["dotenv", "compose", "k8s_secret", "k8s_configmap", "helm", "tfvars", "gha", "gitlabci", "circleci", "bitbucket",
              "ansible", "spring", "code", "code", "code", "jupyter", "shell_history", "postman", "tfstate", "toml"]
    if has_pem:
        places = ["dotenv", "k8s_secret", "helm", "tfvars", "gha", "ansible", "code", "code", "jupyter", "postman", "tfstate", "toml"]
    p = name or r.choice(places)
    app = r.choice(["billing-api", "orders", "crm-sync", "ingest", "notifier", "reporting", "checkout", "ml-gateway"])
    if p == "dotenv":
        segs = ["# %s\n" % r.choice([".env", ".env.production", "backend/.env.local", "apps/%s/.env" % app])] + kv_lines(r, "dotenv", items)
    elif p == "compose":
        fmt = r.choice(["yaml", "compose_list"])
        segs = ["services:\n  %s:\n    image: ghcr.io/acme/%s:%d.%d\n    environment:\n" % (app, app, r.randint(1, 4), r.randint(0, 20))]
        segs += kv_lines(r, fmt, items, "      ")
        segs += ["    ports:\n      - \"%d:8080\"\n" % r.choice([8080, 9000, 3000])]
    elif p == "k8s_secret":
        b64 = r.random() < 0.7 and not has_pem or (has_pem and r.random() < 0.4)
        segs = ["apiVersion: v1\nkind: Secret\nmetadata:\n  name: %s-secrets\n  namespace: %s\ntype: Opaque\n%s:\n" % (
            app, r.choice(["prod", "staging", "default"]), "data" if b64 else "stringData")]
        if b64:
            its = []
            for k, v in items:
                if isinstance(v, F):
                    its.append((k, F(v.type, base64.b64encode(v.plain.encode()).decode(), v.plain, "b64")))
                else:
                    its.append((k, base64.b64encode(v.encode()).decode()))
            segs += kv_lines(r, "yaml", its, "  ")
        else:
            segs += kv_lines(r, "yaml", items, "  ")
    elif p == "k8s_configmap":
        segs = ["apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: %s-config\ndata:\n" % app] + kv_lines(r, "yaml", items, "  ")
    elif p == "helm":
        segs = ["# values-prod.yaml\nreplicaCount: %d\nimage:\n  repository: registry.acme.lan/%s\n  tag: \"%d.%d.%d\"\nsecrets:\n" % (
            r.randint(1, 6), app, r.randint(1, 3), r.randint(0, 9), r.randint(0, 30))] + kv_lines(r, "yaml_camel", items, "  ")
    elif p == "tfvars":
        segs = ["# terraform.tfvars\nregion = \"eu-south-1\"\nenv    = \"prod\"\n"] + kv_lines(r, "tfvars", items)
    elif p == "tfstate":
        segs = ['{\n  "version": 4,\n  "terraform_version": "1.%d.%d",\n  "resources": [{\n    "type": "%s",\n    "name": "%s",\n    "instances": [{\n      "attributes": {\n' % (
            r.randint(5, 9), r.randint(0, 6), r.choice(["kubernetes_secret", "aws_ssm_parameter", "vault_generic_secret", "github_actions_secret"]), app.replace("-", "_"))]
        segs += kv_lines(r, "json", [(k.lower(), v) for k, v in items], "        ")
        segs += ["      }\n    }]\n  }]\n}\n"]
    elif p == "gha":
        segs = ["name: deploy\non:\n  push:\n    branches: [main]\njobs:\n  deploy:\n    runs-on: ubuntu-latest\n    env:\n"]
        segs += kv_lines(r, "yaml", items, "      ")
        segs += ["      REGISTRY_TOKEN: ${{ secrets.REGISTRY_TOKEN }}\n    steps:\n      - uses: actions/checkout@v4\n      - run: make deploy\n"]
    elif p == "gitlabci":
        segs = ["# .gitlab-ci.yml\nstages: [test, deploy]\nvariables:\n"] + kv_lines(r, "yaml", items, "  ")
        segs += ["deploy:\n  stage: deploy\n  script:\n    - ./scripts/deploy.sh $CI_COMMIT_SHORT_SHA\n"]
    elif p == "circleci":
        segs = ["version: 2.1\njobs:\n  build:\n    docker:\n      - image: cimg/python:3.12\n    environment:\n"] + kv_lines(r, "yaml", items, "      ")
        segs += ["    steps:\n      - checkout\n      - run: pytest -q\n"]
    elif p == "bitbucket":
        segs = ["pipelines:\n  default:\n    - step:\n        name: Deploy\n        script:\n"]
        for k, v in items:
            segs += ["          - export %s=" % k, v, "\n"]
        segs += ["          - ./deploy.sh\n"]
    elif p == "ansible":
        segs = ["# group_vars/prod/vars.yml\nansible_user: deploy\n"] + kv_lines(r, "yaml_lower", items)
    elif p == "spring":
        segs = ["spring:\n  application:\n    name: %s\n  datasource:\n    username: %s\n" % (app, r.choice(USERS))]
        segs += kv_lines(r, "yaml_camel", items, "    ")
    elif p == "toml":
        segs = ["# config.toml\n[app]\nname = \"%s\"\n\n[secrets]\n" % app] + kv_lines(r, "toml", items)
    elif p == "code":
        lg = r.choice(["python", "js", "go", "java", "csharp", "ruby", "php", "rust"])
        segs = [{"python": "import os\n\n", "js": "// config.js\n", "go": "package config\n\n", "java": "public class Config {\n",
                 "csharp": "public static class Secrets {\n", "ruby": "# config/initializers/keys.rb\n", "php": "<?php\n", "rust": "// src/config.rs\n"}[lg]]
        for k, v in items:
            segs += code_assign(r, lg, k, v)
        if lg in ("java", "csharp"):
            segs.append("}\n")
        p = "code_" + lg
    elif p == "jupyter":
        src = []
        for k, v in items:
            src += code_assign(r, "python", k, v)
        segs = ['{\n "cells": [\n  {\n   "cell_type": "code",\n   "execution_count": %d,\n   "metadata": {},\n   "outputs": [],\n   "source": [\n    "import os\\n",\n' % r.randint(1, 30)]
        for s in src:
            if isinstance(s, F):
                segs.append(F(s.type, jesc(s.shown), s.plain, "jesc" if s.enc is None else s.enc))
            else:
                segs.append(jesc(s).replace("\\n", '\\n",\n    "'))
        segs.append('"\n   ]\n  }\n ],\n "nbformat": 4\n}\n')
    elif p == "shell_history":
        segs = []
        n0 = r.randint(300, 1900)
        for i, (k, v) in enumerate(items):
            segs += [" %d  export %s=" % (n0 + 2 * i, k), v, "\n", " %d  %s\n" % (n0 + 2 * i + 1, r.choice(["python app.py", "npm run dev", "terraform plan", "docker compose up -d", "echo $%s" % k]))]
    elif p == "postman":
        segs = ['{\n  "id": "%s",\n  "name": "%s-prod",\n  "values": [\n' % (uuid4(r), app)]
        for i, (k, v) in enumerate(items):
            vv = F(v.type, jesc(v.shown), v.plain, "jesc" if v.enc is None else v.enc) if isinstance(v, F) else jesc(v)
            segs += ['    {"key": "%s", "value": "' % camel(k), vv, '", "type": "%s", "enabled": true}%s\n' % (
                "secret" if isinstance(v, F) else "default", "," if i < len(items) - 1 else "")]
        segs.append('  ],\n  "_postman_variable_scope": "environment"\n}\n')
    else:
        raise ValueError(p)
    return p, segs


# ------------------------------------------------------------ prompts
INTROS = {
    "en": ["Why does the deploy fail with this config?\n\n", "Can you review this before I push it?\n", "Convert this to a Helm chart, please:\n",
           "The build is red since this morning, here is the file:\n", "Explain what each setting does:\n", "Refactor this to read from the environment:\n",
           "Help me debug the 401s we get in prod. Config:\n", ""],
    "it": ["Perché il deploy fallisce con questa configurazione?\n\n", "Puoi controllare questo file prima del push?\n", "Convertilo in un chart Helm, per favore:\n",
           "La pipeline è rossa da stamattina, ecco il file:\n", "Spiegami cosa fa ogni impostazione:\n", "Riscrivilo leggendo le variabili d'ambiente:\n",
           "Aiutami a capire i 401 in produzione. Configurazione:\n", ""],
}
OUTROS = {"en": ["", "", "\nThanks!", "\nWhat am I missing?", "\nKeep the same structure."],
          "it": ["", "", "\nGrazie!", "\nCosa sbaglio?", "\nMantieni la stessa struttura."]}


def wrap(r, lang, segs):
    fence = r.random() < 0.4
    pre = r.choice(INTROS[lang]) + ("```\n" if fence else "")
    post = ("```\n" if fence else "") + r.choice(OUTROS[lang])
    return [pre] + segs + [post]


# ------------------------------------------------------------ templates
def t_place(r, lang, nsec=None, distract=False):
    items = []
    for _ in range(nsec or r.choice([1, 1, 2, 2, 3])):
        items += SK(r, r.choice(KINDS))
    for _ in range(r.randint(1, 3)):
        items.append(harmless(r))
    tags = set()
    if distract:
        for _ in range(r.randint(1, 2)):
            items.append(NEG(r))
        tags.add("distractor")
    r.shuffle(items)
    p, segs = place(r, items)
    return p, wrap(r, lang, segs), tags


def t_neg_place(r, lang):
    items = [NEG(r) for _ in range(r.randint(1, 3))] + [harmless(r) for _ in range(r.randint(0, 3))]
    r.shuffle(items)
    p, segs = place(r, items)
    return "neg_" + p, wrap(r, lang, segs), {"negative"}


def t_tool_files(r, lang):
    k = r.randrange(8)
    if k == 0:
        g = gh_make(r)
        segs = ["# ~/.npmrc\n@acme:registry=https://npm.pkg.github.com\n//npm.pkg.github.com/:_authToken=", F("GITHUB_TOKEN", g), "\nalways-auth=true\n"]
        ask = L(lang, "npm install fails with E401 for @acme packages, my .npmrc:\n", "npm install dà E401 sui pacchetti @acme, il mio .npmrc:\n")
    elif k == 1:
        pw = password_make(r)
        segs = ["# ~/.pypirc\n[distutils]\nindex-servers =\n    internal\n\n[internal]\nrepository = https://nexus.acme.lan/repository/pypi-internal/\nusername = %s\npassword = " % r.choice(USERS), F("PASSWORD", pw), "\n"]
        ask = L(lang, "twine upload returns 403, here is my .pypirc:\n", "twine upload risponde 403, ecco il mio .pypirc:\n")
    elif k == 2:
        g = gh_make(r, "ghp")
        segs = ["# ~/.gem/credentials\n---\n:github: Bearer ", F("GITHUB_TOKEN", g), "\n"]
        ask = L(lang, "gem push to GitHub Packages says unauthorized:\n", "gem push su GitHub Packages dice unauthorized:\n")
    elif k == 3:
        a, s = aws_akid(r, r.choice(["AKIA", "ASIA"])), aws_secret(r)
        segs = ["# ~/.aws/credentials\n[default]\naws_access_key_id = ", F("AWS_ACCESS_KEY", a), "\naws_secret_access_key = ", F("AWS_SECRET_KEY", s),
                "\n\n# ~/.aws/config\n[profile prod]\nregion = eu-south-1\nrole_arn = arn:aws:iam::%s:role/deploy\nsource_profile = default\n" % rs(r, DG, 12)]
        ask = L(lang, "aws sts get-caller-identity fails with InvalidClientTokenId:\n", "aws sts get-caller-identity fallisce con InvalidClientTokenId:\n")
    elif k == 4:
        pem = pem_make(r, "PRIVATE KEY")
        segs = ['{\n  "type": "service_account",\n  "project_id": "acme-analytics-%d",\n  "private_key_id": "%s",\n  "private_key": "' % (r.randint(100, 999), rs(r, HEX, 40)),
                F("PRIVATE_KEY", jesc(pem + "\n")[:-2], pem, "jesc"), '\\n",\n  "client_email": "', F("EMAIL", "%s@acme-analytics-%d.iam.gserviceaccount.com" % (r.choice(["bq-loader", "etl-runner", "looker"]), r.randint(100, 999))), '",\n  "client_id": "%s",\n  "token_uri": "https://oauth2.googleapis.com/token"\n}\n' % rs(r, DG, 21)]
        ask = L(lang, "gcloud auth activate-service-account rejects this key file, why?\n", "gcloud auth activate-service-account rifiuta questo file, perché?\n")
    elif k == 5:
        pw = password_make(r, url_safe=True)
        segs = ["# ~/.docker/config.json is empty, so I log in like this:\n$ docker login registry.acme.lan -u %s -p " % r.choice(USERS), F("PASSWORD", pw),
                "\nWARNING! Using --password via the CLI is insecure. Use --password-stdin.\nError response from daemon: Get \"https://registry.acme.lan/v2/\": unauthorized\n"]
        ask = L(lang, "What's wrong?\n", "Cosa non va?\n")
    elif k == 6:
        pw = password_make(r, url_safe=True)
        segs = ["# ~/.netrc\nmachine git.acme.lan\n  login %s\n  password " % r.choice(USERS), F("PASSWORD", pw), "\n"]
        ask = L(lang, "git still prompts for a password even with this .netrc:\n", "git mi chiede ancora la password anche con questo .netrc:\n")
    else:
        g = gl_make(r, "glpat-")
        segs = ["# ~/.config/glab-cli/config.yml\nhosts:\n    gitlab.com:\n        token: ", F("GITLAB_TOKEN", g), "\n        api_protocol: https\n        git_protocol: ssh\n"]
        ask = L(lang, "glab mr list says 401 Unauthorized:\n", "glab mr list dice 401 Unauthorized:\n")
    return "toolfile%d" % k, [ask] + segs, set()


def t_cmd(r, lang):
    k = r.randrange(9)
    if k == 0:
        v = openai_key(r)
        segs = ["curl https://api.openai.com/v1/chat/completions \\\n  -H \"Content-Type: application/json\" \\\n  -H \"Authorization: Bearer ", F("OPENAI_KEY", v),
                "\" \\\n  -d '{\"model\": \"gpt-4o-mini\", \"messages\": [{\"role\": \"user\", \"content\": \"ping\"}]}'\n"]
    elif k == 1:
        v = anthropic_key(r)
        segs = ["curl https://api.anthropic.com/v1/messages \\\n  -H \"x-api-key: ", F("ANTHROPIC_KEY", v), "\" \\\n  -H \"anthropic-version: 2023-06-01\" \\\n  -H \"content-type: application/json\" \\\n  -d @body.json\n"]
    elif k == 2:
        v = gh_make(r)
        segs = ["http GET https://api.github.com/repos/acme/%s/actions/runs \"Authorization:token " % r.choice(["infra", "web", "billing"]), F("GITHUB_TOKEN", v), "\"\n"]
    elif k == 3:
        v = slack_token(r, r.choice(["xoxb", "xoxp"]))
        segs = ["curl -X POST -H 'Authorization: Bearer ", F("SLACK_TOKEN", v), "' -H 'Content-type: application/json' --data '{\"channel\":\"C%s\",\"text\":\"deploy ok\"}' https://slack.com/api/chat.postMessage\n" % rs(r, UP + DG, 10)]
    elif k == 4:
        v = stripe_key(r)
        segs = ["curl https://api.stripe.com/v1/charges -u ", F("STRIPE_KEY", v), ": -d amount=%d -d currency=eur\n" % r.randint(100, 99999)]
    elif k == 5:
        pw = password_make(r, url_safe=True)
        segs = ["wget --user=%s --password=" % r.choice(USERS), F("PASSWORD", pw), " https://nexus.acme.lan/repository/raw/releases/%s-%d.%d.tar.gz\n" % (r.choice(["agent", "cli"]), r.randint(1, 4), r.randint(0, 20))]
    elif k == 6:
        pw = password_make(r, url_safe=True)
        segs = ["curl -sS -u %s:" % r.choice(USERS), F("PASSWORD", pw), " https://jenkins.intra.acme.it/job/%s/buildWithParameters -d ENV=prod\n" % r.choice(["deploy", "release"])]
    elif k == 7:
        v = google_make(r)
        segs = ["curl \"https://generativelanguage.googleapis.com/v1beta/models/gemini-1.5-flash:generateContent?key=", F("GOOGLE_API_KEY", v), "\" -H 'Content-Type: application/json' -d @req.json\n"]
    else:
        v = gl_make(r, r.choice(["glpat-", "glpat-", "gldt-"]))
        segs = ["curl --header \"PRIVATE-TOKEN: ", F("GITLAB_TOKEN", v), "\" \"https://gitlab.com/api/v4/projects/%d/pipelines?status=failed\"\n" % r.randint(1000, 9999999)]
    ask = r.choice(L(lang, ["This command returns 401, why?\n", "Turn this into Python requests code:\n", "Rewrite this with httpx, async:\n"],
                     ["Questo comando risponde 401, perché?\n", "Trasformalo in codice Python con requests:\n", "Riscrivilo con httpx, asincrono:\n"]))
    return "cmd%d" % k, [ask, "$ "] + segs, set()


extra_inner = []


def t_log(r, lang):
    k = r.randrange(7)
    ts = "2025-%02d-%02dT%02d:%02d:%02d.%03dZ" % (r.randint(1, 12), r.randint(1, 28), r.randint(0, 23), r.randint(0, 59), r.randint(0, 59), r.randint(0, 999))
    if k == 0:
        v = jwt_make(r)
        segs = ["%s DEBUG http.client send: GET /v2/orders?page=3 headers={'Authorization': 'Bearer " % ts, F("JWT", v), "', 'Accept': 'application/json'}\n%s ERROR upstream 403 Forbidden\n" % ts]
    elif k == 1:
        u = cred_url(r, r.choice(["postgresql", "mysql", "mongodb"]))
        segs = ["Traceback (most recent call last):\n  File \"/app/db.py\", line 14, in connect\n    engine = create_engine(DSN)\nsqlalchemy.exc.OperationalError: (psycopg2.OperationalError) could not connect to server\n(Background on this error at: https://sqlalche.me/e/20/e3q8)\nDSN was: ", F("CREDENTIAL_URL", u), "\n"]
    elif k == 2:
        v = slack_token(r)
        segs = ["[%s] slack_sdk.errors.SlackApiError: The request to the Slack API failed. (url: https://slack.com/api/auth.test)\nThe server responded with: {'ok': False, 'error': 'invalid_auth'}\ntoken used: " % ts, F("SLACK_TOKEN", v), "\n"]
    elif k == 3:
        v = gh_make(r)
        u = "https://x-access-token:%s@github.com/acme/%s.git" % (v, r.choice(["infra", "web"]))
        segs = ["%s level=error msg=\"clone failed\" url=\"" % ts, F("CREDENTIAL_URL", u), "\" err=\"exit status 128\"\n"]
        extra_inner.append(("GITHUB_TOKEN", v))
    elif k == 4:
        v = stripe_key(r)
        segs = ['{"ts":"%s","level":"warn","svc":"checkout","msg":"stripe retry","api_key":"' % ts, F("STRIPE_KEY", v), '","attempt":%d}\n' % r.randint(1, 5)]
    elif k == 5:
        a, s = aws_akid(r), aws_secret(r)
        segs = ["botocore.exceptions.ClientError: An error occurred (SignatureDoesNotMatch) when calling the PutObject operation\n%s DEBUG credentials: access_key=" % ts,
                F("AWS_ACCESS_KEY", a), " secret_key=", F("AWS_SECRET_KEY", s), " source=env\n"]
    else:
        v = openai_key(r)
        segs = ["openai.AuthenticationError: Error code: 401 - {'error': {'message': 'Incorrect API key provided: %s***%s. You can find your API key at https://platform.openai.com/account/api-keys.', 'type': 'invalid_request_error', 'code': 'invalid_api_key'}}\n" % (v[:8], v[-4:]),
                "# the key in settings.py is\nOPENAI_API_KEY = \"", F("OPENAI_KEY", v), "\"\n"]
    ask = r.choice(L(lang, ["Our service logs this, what does it mean?\n", "Summarise this error for the incident ticket:\n"],
                     ["Il servizio scrive questo nei log, cosa significa?\n", "Riassumi questo errore per il ticket d'incidente:\n"]))
    return "log%d" % k, [ask] + segs, set()


def t_neg_special(r, lang):
    k = r.randrange(10)
    if k == 0:
        segs = ["openai.AuthenticationError: Error code: 401 - {'error': {'message': 'Incorrect API key provided: sk-proj-%s************%s.', 'code': 'invalid_api_key'}}\n" % (rs(r, AN, 4), rs(r, AN, 4))]
    elif k == 1:
        segs = ["- name: Deploy\n  env:\n    OPENAI_API_KEY: ${{ secrets.OPENAI_API_KEY }}\n    ANTHROPIC_API_KEY: ${{ secrets.ANTHROPIC_API_KEY }}\n    AWS_SECRET_ACCESS_KEY: ${{ secrets.AWS_SECRET_ACCESS_KEY }}\n  run: ./deploy.sh\n"]
    elif k == 2:
        segs = ["env:\n  - name: DB_PASSWORD\n    valueFrom:\n      secretKeyRef:\n        name: %s-db\n        key: password\n  - name: STRIPE_SECRET_KEY\n    valueFrom:\n      secretKeyRef: {name: stripe, key: secret}\n" % r.choice(["orders", "billing"])]
    elif k == 3:
        segs = ["db_password: !vault |\n  $ANSIBLE_VAULT;1.1;AES256\n  " + "\n  ".join(rs(r, DG + "abcdef", 80) for _ in range(4)) + "\n"]
    elif k == 4:
        segs = ["-----BEGIN CERTIFICATE-----\n" + "\n".join("MIID" + rs(r, B64, 60) if i == 0 else rs(r, B64, 64) for i in range(6)) + "\n-----END CERTIFICATE-----\n"
                "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI" + rs(r, B64, 43) + " deploy@ci\n"]
    elif k == 5:
        segs = ["export OPENAI_API_KEY=\nexport GITHUB_TOKEN\nunset AWS_SECRET_ACCESS_KEY\nprintenv | grep -c SLACK_BOT_TOKEN\n"]
    elif k == 6:
        segs = ["$ git log --oneline -3\n%s fix: rotate stripe key (old one revoked)\n%s chore: bump deps\n%s feat: slack alerts\n" % (rs(r, HEX, 7), rs(r, HEX, 7), rs(r, HEX, 7)),
                "$ sha256sum dist/app.tar.gz\n%s  dist/app.tar.gz\n" % rs(r, HEX, 64)]
    elif k == 7:
        segs = ["stripe.api_key = os.environ[\"STRIPE_SECRET_KEY\"]  # sk_live_... in prod, sk_test_... locally\npublishable = \"%s\"\n" % ("pk_live_51" + rs(r, AN, 97))]
    elif k == 8:
        segs = ["password_min_length: 12\npassword_policy: strong\nreset_password_token_ttl: 3600\nPASSWORD_HASHERS = ['django.contrib.auth.hashers.Argon2PasswordHasher']\n"]
    else:
        segs = ["import jwt\nheader = {\"alg\": \"HS256\", \"typ\": \"JWT\"}\ntoken = jwt.encode(payload, os.environ[\"JWT_SECRET\"], algorithm=\"HS256\")\n# token looks like eyJhbGciOi...\n"]
    ask = r.choice(L(lang, ["Is this safe to commit?\n", "Explain this snippet:\n", "Review please:\n"], ["È sicuro fare commit di questo?\n", "Spiegami questo frammento:\n", "Revisione, per favore:\n"]))
    return "negspecial%d" % k, [ask] + segs, {"negative"}


def t_pem(r, lang):
    kind = r.choice(["RSA PRIVATE KEY", "EC PRIVATE KEY", "OPENSSH PRIVATE KEY", "PRIVATE KEY", "ENCRYPTED PRIVATE KEY", "PGP PRIVATE KEY BLOCK", "DSA PRIVATE KEY"])
    pem = pem_make(r, kind)
    ask = r.choice(L(lang, ["ssh says 'invalid format' for this key, why?\n", "Convert this key to PKCS#8:\n", "gpg --import fails on this:\n"],
                     ["ssh dice 'invalid format' con questa chiave, perché?\n", "Converti questa chiave in PKCS#8:\n", "gpg --import fallisce con questa:\n"]))
    return "pem", [ask, "```\n", F("PRIVATE_KEY", pem), "\n```\n"], set()


def t_shell_cmds(r, lang):
    k = r.randrange(5)
    n0 = r.randint(100, 2000)
    if k == 0:
        pw = password_make(r, url_safe=True)
        segs = [" %d  mysql -h mysql-primary -u root -p" % n0, F("PASSWORD", pw), " shop < dump.sql\n %d  history | tail\n" % (n0 + 1)]
    elif k == 1:
        u = cred_url(r, r.choice(["postgresql", "postgres"]))
        segs = [" %d  psql \"" % n0, F("CREDENTIAL_URL", u), "\" -c '\\dt'\n"]
    elif k == 2:
        u = cred_url(r, "redis")
        segs = [" %d  redis-cli -u " % n0, F("CREDENTIAL_URL", u), " PING\n"]
    elif k == 3:
        v = gh_make(r)
        segs = [" %d  echo " % n0, F("GITHUB_TOKEN", v), " | gh auth login --with-token\n %d  gh repo list acme\n" % (n0 + 1)]
    else:
        pw = password_make(r, url_safe=True)
        segs = [" %d  PGPASSWORD=" % n0, F("PASSWORD", pw), " pg_dump -h pg-main.prod.lan -U app app > app.sql\n"]
    ask = L(lang, "Here is my shell history, what did I do wrong?\n", "Ecco la mia history, dove ho sbagliato?\n")
    return "shell%d" % k, [ask] + segs, set()


def t_pw_variants(r, lang):
    k = r.randrange(8)
    pw = password_make(r, url_safe=True)
    if k == 0:
        segs = ['"ConnectionStrings": {\n  "Default": "Server=sql-ro.acme.lan,1433;Database=Crm;User Id=%s;Password=' % r.choice(USERS), F("PASSWORD", pw), ';TrustServerCertificate=True"\n}\n']
    elif k == 1:
        segs = ["MYSQL_PWD=", F("PASSWORD", pw), " mysqldump -u root shop > shop.sql\n"]
    elif k == 2:
        segs = ["all:\n  vars:\n    ansible_become_pass: ", F("PASSWORD", pw), "\n    ansible_user: deploy\n"]
    elif k == 3:
        segs = ["[client]\nuser = %s\npasswd = " % r.choice(USERS), F("PASSWORD", pw), "\nhost = mysql-primary\n"]
    elif k == 4:
        segs = ["spring.datasource.url=jdbc:postgresql://pg-main.prod.lan:5432/app\nspring.datasource.username=%s\nspring.datasource.password=" % r.choice(USERS), F("PASSWORD", pw), "\n"]
    elif k == 5:
        pem = pem_make(r, r.choice(["RSA PRIVATE KEY", "PRIVATE KEY", "EC PRIVATE KEY"]))
        segs = ['JWT_PRIVATE_KEY="', F("PRIVATE_KEY", pem.replace("\n", "\\n"), pem, "lit"), '"\n']
    elif k == 6:
        pem = pem_make(r, r.choice(["OPENSSH PRIVATE KEY", "RSA PRIVATE KEY"]))
        segs = [F("PRIVATE_KEY", pem.replace("\n", "\r\n"), pem, "crlf"), "\r\n"]
    else:
        segs = ["mongosh \"mongodb+srv://cluster0.k3x9p.mongodb.net/orders\" --username %s --password " % r.choice(USERS), F("PASSWORD", pw), "\n"]
    ask = r.choice(L(lang, ["Why does this connection fail?\n", "Clean this up for the wiki:\n"], ["Perché questa connessione fallisce?\n", "Sistemalo per la wiki:\n"]))
    return "pwvar%d" % k, [ask] + segs, set()


def t_evasion(r, lang):
    kind = r.choice(["zero-width", "zero-width", "fullwidth", "fullwidth", "json-u", "json-u", "base64", "percent"])
    sk = r.choice(["openai", "anthropic", "github", "gitlab", "slack", "stripe", "google", "aws", "jwt", "password"])
    items = SK(r, sk)
    nm, f = items[-1] if sk != "aws" else r.choice(items)
    ev = evade(r, f, kind)
    others = [(n, g) for n, g in items if g is not f]
    if kind == "json-u":
        segs = ['{"model": "gpt-4o", "messages": [{"role": "user", "content": "use %s=' % nm, ev, ' and call the API"}]}\n']
        if others:
            segs = ['{"%s": "' % others[0][0], others[0][1], '", "%s": "' % nm, ev, '"}\n']
    elif kind == "base64":
        segs = r.choice([["echo ", ev, " | base64 -d > /tmp/%s\n" % nm.lower()], ["%s_B64=" % nm, ev, "\n"]])
        for n, g in others:
            segs += ["%s=" % n, g, "\n"]
    elif kind == "percent":
        segs = ["GET /callback?state=%s&%s=" % (rs(r, AN, 12), nm.lower()), ev, " HTTP/1.1\nHost: hooks.acme.lan\n"]
        for n, g in others:
            segs += ["X-%s: " % n.replace("_", "-"), g, "\n"]
    else:
        segs = []
        for n, g in items:
            segs += ["%s=" % n, ev if g is f else g, "\n"]
    ask = r.choice(L(lang, ["Why is this value rejected?\n", "Check this config:\n"], ["Perché questo valore viene rifiutato?\n", "Controlla questa configurazione:\n"]))
    return "evasion_" + kind, [ask] + segs, {"evasion:" + kind}


def t_judgement(r, lang):
    k = r.randrange(11)
    allow = set()
    if k == 0:
        v = jwe_make(r)
        segs = ["Set-Cookie: __session=", F("JWT", v), "; Path=/; HttpOnly; Secure\n"]
        why = "JWE compact (5 parts, alg+enc header): an encrypted token, not a signed JWT; labelled JWT"
    elif k == 1:
        v = jwt_make(r, "none")
        segs = ["Authorization: Bearer ", F("JWT", v), "\n"]
        why = "unsecured JWT (alg none, empty signature): a token without signature; labelled JWT"
    elif k == 2:
        v = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c"
        segs = ["The jwt.io sample token ", v, " decodes fine but my own doesn't.\n"]
        allow.add(v)
        why = "jwt.io's published sample JWT (John Doe): documented example, labelled negative"
    elif k == 3:
        a, s = aws_akid(r, "ASIA"), aws_secret(r)
        segs = ["[default]\naws_access_key_id = ", F("AWS_ACCESS_KEY", a), "\naws_secret_access_key = ", F("AWS_SECRET_KEY", s), "\naws_session_token = ", aws_session_token(r), "\n"]
        why = "STS session token: no finding type for it; left unlabelled beside the labelled key pair"
    elif k == 4:
        v = slack_trigger(r)
        segs = ["Workflow Builder trigger: ", F("SLACK_WEBHOOK", v), "\ncurl -X POST -d '{\"ticket\":\"INC-%d\"}' that URL\n" % r.randint(100, 9999)]
        why = "Slack workflow webhook trigger (hooks.slack.com/triggers/...): posts into a workspace like an incoming webhook; labelled SLACK_WEBHOOK"
    elif k == 5:
        v = "sk-ant-oat01-" + rs(r, AN + "-_", 93) + "AA"
        segs = ["CLAUDE_CODE_OAUTH_TOKEN=", F("ANTHROPIC_KEY", v), "\n"]
        why = "Anthropic OAuth token sk-ant-oat01-: same family as api03 keys; labelled ANTHROPIC_KEY"
    elif k == 6:
        g = gl_make(r, "glpat-", routable=False)
        u = "https://oauth2:%s@gitlab.com/acme/%s.git" % (g, r.choice(["infra", "web"]))
        i = len("git clone ") + len("https://oauth2:")
        segs = ["git clone ", F("CREDENTIAL_URL", u), "\n"]
        why = "GitLab token inside a credential URL: labelled CREDENTIAL_URL (whole) and GITLAB_TOKEN (inner)"
        return "judge%d" % k, [L(lang, "Clone fails:\n", "Il clone fallisce:\n")] + segs, {"judgement"}, why, allow, [("GITLAB_TOKEN", g)]
    elif k == 7:
        pw = password_make(r, url_safe=True)
        u = "jdbc:%s://%s:%d/%s?user=%s&password=%s" % (r.choice(["postgresql", "mysql"]), r.choice(HOSTS), r.choice([5432, 3306]), r.choice(["app", "crm"]), r.choice(USERS), pw)
        segs = ["spring.datasource.url=", F("CREDENTIAL_URL", u), "\n"]
        why = "JDBC URL with user/password query parameters (no userinfo): labelled CREDENTIAL_URL whole"
    elif k == 8:
        sec = rs(r, AN, 3) + "8Q~" + rs(r, AN + "_.-", 34)
        segs = ["az login --service-principal -u %s -p " % uuid4(r), F("PASSWORD", sec), " --tenant %s\n" % uuid4(r)]
        why = "Azure client secret passed with -p: a password by position, no vendor type; labelled PASSWORD"
    elif k == 9:
        v = "whsec_" + rs(r, AN, 32)
        segs = ["STRIPE_WEBHOOK_SECRET=", F("STRIPE_KEY", v), "\n"]
        why = "Stripe webhook signing secret whsec_: a Stripe secret but not an API key; labelled STRIPE_KEY"
    else:
        v = slack_token(r, "xoxc")
        segs = ["Cookie d=... and token ", F("SLACK_TOKEN", v), " from the browser client\n"]
        why = "Slack xoxc- browser-session token: needs the d cookie to work; labelled SLACK_TOKEN"
    ask = L(lang, "What is this and is it sensitive?\n", "Cos'è e va protetto?\n")
    return "judge%d" % k, [ask] + segs, {"judgement"}, why, allow, []


# ------------------------------------------------------------ rendering, self-check
def render(segs):
    text, spans, off = "", [], 0
    for s in segs:
        if isinstance(s, F):
            b = s.shown.encode()
            spans.append({"type": s.type, "start": off, "end": off + len(b), "value": s.shown, "_f": s})
            text += s.shown
            off += len(b)
        else:
            text += s
            off += len(s.encode())
    return text, spans


SCAN = [
    ("GITHUB", re.compile(r"gh[pousr]_[A-Za-z0-9]{36}(?![A-Za-z0-9])"), gh_ok),
    ("GITHUBF", re.compile(r"github_pat_[A-Za-z0-9_]{60,}"), None),
    ("GITLAB", re.compile(r"gl(?:pat|dt|rt|cbt|ptt|oas|ft|imt|agent|soat|ffct)-[A-Za-z0-9_.-]{20,}"), gl_ok),
    ("SLACK", re.compile(r"xox[a-z](?:\.xox[a-z])?-[0-9A-Za-z-]{10,}|xapp-1-[A-Z0-9-]{10,}[0-9a-f]*"), None),
    ("WEBHOOK", re.compile(r"hooks\.slack\.com/(?:services|triggers)/T[A-Z0-9]{6,}/[A-Z0-9]+/[A-Za-z0-9]{10,}"), None),
    ("STRIPE", re.compile(r"(?:sk|rk|whsec)_(?:live_|test_)?[A-Za-z0-9]{20,}"), None),
    ("OPENAI", re.compile(r"sk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,}"), None),
    ("GOOGLE", re.compile(r"AIza[0-9A-Za-z_-]{35}(?![0-9A-Za-z_-])"), None),
    ("AKID", re.compile(r"(?<![A-Z0-9])(?:AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}(?![A-Z0-9])"), None),
    ("AWSSEC", re.compile(r"(?<![A-Za-z0-9+/=])[A-Za-z0-9+/]{40}(?![A-Za-z0-9+/=])"),
     lambda s: bool(re.search(r"[a-z]", s) and re.search(r"[A-Z]", s) and re.search(r"\d", s))),
    ("JWT", re.compile(r"eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.?"), None),
    ("PEM", re.compile(r"-----BEGIN [A-Z ]*PRIVATE KEY"), None),
    ("CREDURL", re.compile(r"[a-z][a-z0-9+.-]*://[^\s:/@'\"]+:([^\s@/'\"]+)@"), None),
    ("PASSWORD", re.compile(r"(?i)(?:password|passwd|pwd|_pass|pass)[\"']?[ \t]*[:=][ \t]*[\"']?([^\s\"',;]+)"), None),
    ("EMAIL", re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}"), None),
    ("IP", re.compile(r"(?<![\d.])\d{1,3}(?:\.\d{1,3}){3}(?![\d.])"), None),
]
NEG_ALLOW = ["AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "sk_test_4eC39HqLyjWDarjtT1zdp7dc",
             "AIzaSyDOCAbC123dEf456GhI789jKl012-MnO"]


def stray(text, allow):
    for name, rx, ok in SCAN:
        for m in rx.finditer(text):
            s = m.group(0)
            if any(a in s or s in a for a in list(allow) + NEG_ALLOW):
                continue
            if ok and not ok(s):
                continue
            if PLACEHOLDER.search(s):
                continue
            if name in ("CREDURL", "PASSWORD"):
                v = m.group(1)
                if PLACEHOLDER.search(v) or v.startswith("$") or v.startswith("&") or v.startswith("\\") or v in ("|", "{") or v.startswith("secret"):
                    continue
                if name == "PASSWORD" and (v.startswith("//") or re.fullmatch(r"[a-z_]+", v) or v.isdigit()):
                    continue
            if name == "OPENAI" and ("*" in text[m.end():m.end() + 1] or text[m.end():m.end() + 3] == "..."):
                continue
            if name == "EMAIL" and text[max(0, m.start() - 3):m.start()] == "://":
                continue
            if name == "AWSSEC" and re.search(r"[A-Za-z0-9+/]{41}", text[max(0, m.start() - 1):m.end() + 1]):
                continue
            return "%s: %s" % (name, s[:60])
    return None


def build(r, seed, idx, want):
    lang = "it" if r.random() < 0.35 else "en"
    why, allow, extra = None, set(), []
    del extra_inner[:]
    if want == "judgement":
        tpl, segs, tags, why, allow, extra = t_judgement(r, lang)
    elif want == "evasion":
        tpl, segs, tags = t_evasion(r, lang)
    elif want == "negative":
        tpl, segs, tags = t_neg_special(r, lang) if r.random() < 0.3 else t_neg_place(r, lang)
    else:
        x = r.random()
        if x < 0.5:
            tpl, segs, tags = t_place(r, lang, distract=r.random() < 0.3)
        elif x < 0.62:
            tpl, segs, tags = t_tool_files(r, lang)
        elif x < 0.75:
            tpl, segs, tags = t_cmd(r, lang)
        elif x < 0.85:
            tpl, segs, tags = t_log(r, lang)
        elif x < 0.88:
            tpl, segs, tags = t_shell_cmds(r, lang)
        elif x < 0.94:
            tpl, segs, tags = t_pw_variants(r, lang)
        else:
            tpl, segs, tags = t_pem(r, lang)
    text, spans = render(segs)
    tb = text.encode()
    extra = extra + extra_inner
    del extra_inner[:]
    if tpl == "k8s_secret" and any(sp["_f"].enc == "b64" for sp in spans):
        tags.add("evasion:base64")
    for t, v in extra:
        i = tb.find(v.encode())
        spans.append({"type": t, "start": i, "end": i + len(v.encode()), "value": v})
    for sp in spans:
        assert tb[sp["start"]:sp["end"]].decode() == sp["value"]
        f = sp.pop("_f", None)
        plain = decode(f) if f else sp["value"]
        if f is not None and plain != f.plain:
            raise Retry("decode mismatch %s" % sp["type"])
        if not VALID[sp["type"]](plain):
            raise Retry("invalid %s %r" % (sp["type"], plain[:50]))
    bl = bytearray(tb)
    for sp in spans:
        bl[sp["start"]:sp["end"]] = b"\x00" * (sp["end"] - sp["start"])
    st = stray(bl.decode("utf-8", "replace").replace("\x00", "\n"), allow)
    if st:
        raise Retry("stray " + st)
    if not spans and "judgement" not in tags:
        tags.add("negative")
    if spans and "negative" in tags:
        raise Retry("negative with spans")
    evk = [t for t in tags if t.startswith("evasion")]
    case = {"id": "a22-%d-%04d" % (seed, idx), "lang": lang, "text": text, "findings": spans,
            "tags": sorted(tags)}
    meta = {"id": case["id"], "template": tpl, "why": why}
    return case, meta


def main():
    seed, n, out = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
    r = random.Random(seed)
    plan = []
    for i in range(n):
        x = (i * 7919 + seed) % 100
        plan.append("judgement" if x < 4 else "evasion" if x < 12 else "negative" if x < 44 else "positive")
    r.shuffle(plan)
    cases, metas, retries = [], [], 0
    for i, want in enumerate(plan):
        for attempt in range(200):
            try:
                c, m = build(r, seed, i, want)
                break
            except Retry as e:
                retries += 1
                if os.environ.get("A22_DEBUG"):
                    print("retry", want, e, file=sys.stderr)
        else:
            raise SystemExit("case %d: too many retries" % i)
        cases.append(c)
        metas.append(m)
    with open(out, "w", encoding="utf-8") as f:
        for c in cases:
            f.write(json.dumps(c, ensure_ascii=False) + "\n")
    with open(out[:-6] + ".meta.jsonl" if out.endswith(".jsonl") else out + ".meta", "w", encoding="utf-8") as f:
        for m in metas:
            f.write(json.dumps(m, ensure_ascii=False) + "\n")
    print("wrote %d cases (%d retries) to %s" % (len(cases), retries, out), file=sys.stderr)


if __name__ == "__main__":
    main()
