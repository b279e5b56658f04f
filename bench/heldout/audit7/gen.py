#!/usr/bin/env python3
"""Held-out corpus generator for promptwall (audit7). Usage: gen.py SEED N OUT.jsonl"""
import sys, json, random, base64, re, string, collections
from vals import V

S, SEP, E, BS = "\ue000", "\ue001", "\ue002", "\ue010"
ZW = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff"]
TYPES = ["EMAIL", "PHONE", "CREDIT_CARD", "IBAN", "IT_FISCAL_CODE", "IT_VAT", "US_SSN", "IP_ADDRESS", "AWS_ACCESS_KEY", "AWS_SECRET_KEY",
         "GITHUB_TOKEN", "GITLAB_TOKEN", "SLACK_TOKEN", "SLACK_WEBHOOK", "STRIPE_KEY", "OPENAI_KEY", "ANTHROPIC_KEY", "GOOGLE_API_KEY",
         "PRIVATE_KEY", "JWT", "CREDENTIAL_URL", "PASSWORD", "CONFIDENTIAL_MARKER"]


def fullwidth(s): return "".join(chr(ord(c) + 0xFEE0) if 0x21 <= ord(c) <= 0x7E else ("\u3000" if c == " " else c) for c in s)


class Ctx:
    def __init__(self, rng, lang, mode, evasion):
        self.r, self.v, self.lang, self.mode = rng, V(rng), lang, mode
        self.evasion = evasion
        self.reg = []
        self.ev_used = []
        self.judgement = False
        self.json_ctx = False
        self.url_ctx = False
        self.focus = None
        self.in_b64 = False

    def it(self): return self.lang == "it"
    def L(self, en, it): return it if self.lang == "it" else en
    def ch(self, *a): return self.r.choice(a)
    def p(self, x): return self.r.random() < x

    def m(self, typ, raw, canon=None):
        i = len(self.reg); self.reg.append((typ, canon if canon is not None else raw))
        return f"{S}{i}{SEP}{raw}{E}"

    def evade(self, typ, val):
        opts = ["fw", "zw"]
        if self.json_ctx: opts += ["ju", "ju"]
        if self.url_ctx and typ in ("EMAIL", "IBAN", "PHONE", "PASSWORD", "CREDIT_CARD"): opts += ["pct", "pct"]
        how = self.r.choice(opts)
        if how == "fw":
            if typ == "EMAIL" and self.p(.5): raw = val.replace("@", "＠")
            else: raw = fullwidth(val)
        elif how == "zw":
            raw = list(val); k = self.r.randint(1, 2)
            for _ in range(k):
                pos = self.r.randint(2, len(raw) - 2); raw.insert(pos, self.r.choice(ZW))
            raw = "".join(raw)
        elif how == "ju":
            n = self.r.choice([1, 3, len(val)])
            idx = set(self.r.sample(range(len(val)), min(n, len(val))))
            if n == 1: idx = {0}
            raw = "".join(f"{BS}u{ord(c):04x}" if i in idx else c for i, c in enumerate(val))
        else:
            if typ == "EMAIL": raw = val.replace("@", "%40").replace("+", "%2B")
            elif " " in val: raw = val.replace(" ", "%20")
            else: raw = "".join("%%%02X" % ord(c) if (i % 3 == 0) else c for i, c in enumerate(val))
        self.ev_used.append("evasion:" + {"fw": "fullwidth", "zw": "zero-width", "ju": "json-escape", "pct": "percent"}[how])
        return raw

    def slot(self, typ, pos, neg, p_pos=0.8):
        if self.mode == "pos" and (self.p(p_pos) or typ == self.focus):
            if typ == self.focus: self.focus = None
            val = pos()
            raw = val
            if self.evasion and not self.in_b64 and (not self.ev_used or self.p(.25)) and typ not in ("PRIVATE_KEY", "CONFIDENTIAL_MARKER"):
                raw = self.evade(typ, val)
            return self.m(typ, raw, val)
        n = neg()
        return n

    # ---- typed slots ----
    def email(self, first=None, last=None):
        return self.slot("EMAIL", lambda: self.v.email(first, last), lambda: self.ch("{{ customer.email }}", "<email>", "[email rimossa]" if self.it() else "[email removed]", "@types/node@20.11." + str(self.r.randint(0, 30)), "lodash@4.17.21", "***@***", "${NOTIFY_EMAIL}"))
    def phone(self):
        return self.slot("PHONE", lambda: self.v.phone(self.lang), lambda: self.ch("+39 3XX XXX XXXX", "<phone>", "n/d", "(omesso)", "+1 (XXX) XXX-XXXX", "[redacted]"))
    def card(self):
        return self.slot("CREDIT_CARD", lambda: self.v.card(), lambda: self.ch(lambda: self.v.card(good=False), lambda: "**** **** **** " + self.v.digits(4), lambda: "XXXX-XXXX-XXXX-" + self.v.digits(4), self.v.bad_card16)())
    def iban(self, cc=None):
        return self.slot("IBAN", lambda: self.v.iban(cc=cc), lambda: self.ch(lambda: self.v.iban(good=False, cc=cc), lambda: "IT00 X000 0000 0000 0000 0000 000", lambda: "<IBAN>", lambda: self.v.iban(good=False))())
    def cf(self, first=None, last=None):
        return self.slot("IT_FISCAL_CODE", lambda: self.v.cf(first, last), lambda: self.ch(lambda: self.v.cf(first, last, good=False), lambda: "XXXXXX00X00X000X", lambda: "[CF omesso]")())
    def piva(self):
        return self.slot("IT_VAT", lambda: self.v.piva(), lambda: self.ch(lambda: self.v.piva(good=False), lambda: "IT XXXXXXXXXXX", lambda: self.v.piva(good=False))())
    def ssn(self, sep="-"):
        return self.slot("US_SSN", lambda: self.v.ssn(sep=sep), lambda: self.ch(lambda: self.v.ssn(good=False, sep=sep), lambda: "XXX-XX-XXXX", lambda: "***-**-" + self.v.digits(4))())
    def ip(self, v6=None):
        def pos():
            if v6 is None: return self.v.ip()
            return self.v.ipv6() if v6 else self.v.ipv4()
        return self.slot("IP_ADDRESS", pos, lambda: self.ch(lambda: f"{self.r.randint(256, 999)}.{self.r.randint(0, 255)}.{self.r.randint(0, 255)}.{self.r.randint(0, 255)}", self.v.version, lambda: "x.x.x.x", lambda: "<server-ip>", lambda: "db-" + self.v.digits(2) + ".internal")())
    def aws_ak(self):
        return self.slot("AWS_ACCESS_KEY", self.v.aws_ak, lambda: self.ch("AKIAIOSFODNN7EXAMPLE", "AKIAXXXXXXXXXXXXXXXX", "${AWS_ACCESS_KEY_ID}", "<your-access-key-id>"))
    def aws_sk(self):
        return self.slot("AWS_SECRET_KEY", self.v.aws_sk, lambda: self.ch("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "${AWS_SECRET_ACCESS_KEY}", "<your-secret-key>", "****************"))
    def gh(self):
        return self.slot("GITHUB_TOKEN", self.v.gh, lambda: self.ch("ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", "${{ secrets.GITHUB_TOKEN }}", "<your-token>", "ghp_...", "$GH_TOKEN"))
    def gitlab(self):
        return self.slot("GITLAB_TOKEN", self.v.gitlab, lambda: self.ch("glpat-xxxxxxxxxxxxxxxxxxxx", "$CI_JOB_TOKEN", "<your_access_token>", "glpat-XXXXXXXXXX"))
    def slack_token(self):
        return self.slot("SLACK_TOKEN", self.v.slack_token, lambda: self.ch("xoxb-your-bot-token", "xoxb-XXXXXXXXXXXX-XXXXXXXXXXXX-XXXXXXXXXXXXXXXXXXXXXXXX", "${SLACK_BOT_TOKEN}", "xoxp-..."))
    def slack_webhook(self):
        return self.slot("SLACK_WEBHOOK", self.v.slack_webhook, lambda: self.ch("https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX", "${SLACK_WEBHOOK_URL}", "https://hooks.slack.com/services/...", "https://api.slack.com/messaging/webhooks"))
    def stripe(self):
        return self.slot("STRIPE_KEY", self.v.stripe, lambda: self.ch(lambda: "pk_live_" + self.v.rs(string.ascii_letters + string.digits, 24), lambda: "sk_live_...", lambda: "sk_test_xxxxxxxxxxxxxxxxxxxxxxxx", lambda: "<STRIPE_SECRET_KEY>")())
    def openai(self):
        return self.slot("OPENAI_KEY", self.v.openai, lambda: self.ch("sk-...", "sk-xxxxxxxxxxxxxxxxxxxxxxxx", "YOUR_API_KEY", "$OPENAI_API_KEY", "sk-proj-XXXX"))
    def anthropic(self):
        return self.slot("ANTHROPIC_KEY", self.v.anthropic, lambda: self.ch("sk-ant-...", "sk-ant-api03-xxxx", "$ANTHROPIC_API_KEY", "<ANTHROPIC_KEY>"))
    def google(self):
        return self.slot("GOOGLE_API_KEY", self.v.google, lambda: self.ch("AIzaSy...", "YOUR_API_KEY", "AIzaXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX", "${GOOGLE_MAPS_KEY}"))
    def pem(self, kind=None):
        return self.slot("PRIVATE_KEY", lambda: self.v.pem(kind), lambda: self.ch(self.v.cert, self.v.pubkey)())
    def jwt(self):
        return self.slot("JWT", self.v.jwt, lambda: self.ch("<jwt>", "eyJhbGciOi...", "$TOKEN", "{{token}}", "eyJ..."))
    def cred_url(self, host=None):
        def neg():
            u = self.v.cred_url(host)
            return self.ch(re.sub(r"//([^:/]*):[^@]*@", r"//\1:${DB_PASSWORD}@", u), re.sub(r"//([^:/]*):[^@]*@", r"//\1:****@", u), re.sub(r"//[^@]*@", "//", u), re.sub(r"//([^:/]*):[^@]*@", r"//\1:<password>@", u))
        return self.slot("CREDENTIAL_URL", lambda: self.v.cred_url(host), neg)
    def pw(self, url_safe=True):
        return self.slot("PASSWORD", lambda: self.v.password(url_safe=url_safe), lambda: self.ch("********", "${DB_PASSWORD}", "<password>", "{{ .Values.auth.password }}", "REDACTED", "%(PASSWORD)s", "vault:secret/data/app#password"))
    def marker(self):
        if self.mode == "pos" and (self.p(.8) or self.focus == "CONFIDENTIAL_MARKER"):
            mk = self.v.marker(self.lang)
            if self.focus == "CONFIDENTIAL_MARKER": self.focus = None
            if " - " in mk:   # two markers joined by a dash: one span each
                a, b = mk.split(" - ")
                return self.m("CONFIDENTIAL_MARKER", a) + " - " + self.m("CONFIDENTIAL_MARKER", b)
            if mk == "PROPRIETARY AND CONFIDENTIAL": self.judgement = True
            if mk == "DOCUMENTO RISERVATO":   # the classification word is RISERVATO
                return "DOCUMENTO " + self.m("CONFIDENTIAL_MARKER", "RISERVATO")
            return self.m("CONFIDENTIAL_MARKER", mk)
        return (lambda f: f())(lambda: self.ch(*(["Tutti i diritti riservati", "Area riservata ai clienti", "Bozza v" + self.v.version(), "PUBBLICO"] if self.it() else ["All rights reserved", "PUBLIC", "TLP:CLEAR", "Draft v" + self.v.version()])))
    def noise(self): return self.v.noise()

    def b64blob(self, inner):
        """base64-encode a marked inner text; labels move to the base64 chars covering each value."""
        text, spans = render(inner)
        data = text.encode()
        enc = base64.b64encode(data).decode()
        cuts = []
        for (idx, _, s, e, raw) in spans:
            typ, canon = self.reg[idx]
            a, b = 4 * (s // 3), min(len(enc), 4 * (-(-e // 3)))
            cuts.append((a, b, typ, canon))
        cuts.sort()
        out, pos = "", 0
        for a, b, typ, canon in cuts:
            if a < pos: continue
            out += enc[pos:a] + self.m(typ, enc[a:b], canon); pos = b
            self.ev_used.append("evasion:base64")
        return out + enc[pos:]


def render(marked):
    """strip markers (nesting allowed) -> (text, [(idx, None, bstart, bend, raw)])"""
    out = []; blen = 0; stack = []; res = []; i = 0; n = len(marked)
    while i < n:
        ch = marked[i]
        if ch == S:
            j = marked.index(SEP, i)
            stack.append((int(marked[i + 1:j]), blen, len(out))); i = j + 1; continue
        if ch == E:
            idx, bs, cs = stack.pop()
            res.append((idx, None, bs, blen, "".join(out[cs:]))); i += 1; continue
        out.append(ch); blen += len(ch.encode()); i += 1
    res.sort(key=lambda x: (x[2], -x[3]))
    return "".join(out), res


def jdump(c, obj, indent=2):
    c.json_ctx = True
    return json.dumps(obj, ensure_ascii=False, indent=indent)


from templates import TEMPLATES, NEG_ONLY


def make_case(rng, cid, mode, lang, evasion, focus, templates):
    for attempt in range(60):
        name, fn, types = rng.choice(templates)
        if attempt >= 20: lang = "en" if attempt % 2 else "it"
        c = Ctx(rng, lang, mode, evasion)
        c.focus = focus
        body = fn(c)
        body = body.replace(BS, "\\")
        text, spans = render(body)
        if S in text or E in text: raise Exception("nested marker in " + name)
        findings = []
        for idx, _, s, e, raw in spans:
            typ, canon = c.reg[idx]
            findings.append({"type": typ, "start": s, "end": e, "value": text.encode()[s:e].decode(), "canon": canon})
        if mode == "pos" and not findings: continue
        if mode == "pos" and focus and not any(f["type"] == focus for f in findings): continue
        if evasion and not c.ev_used: continue
        tags = [name]
        if mode == "neg": tags.append("negative")
        if evasion: tags += ["evasion"] + sorted(set(c.ev_used))
        if c.judgement: tags.append("judgement")
        return {"id": cid, "lang": lang, "text": text, "findings": findings, "tags": tags}
    raise Exception("could not make case " + str((mode, focus, evasion)))


def main():
    seed, n, out = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
    rng = random.Random(seed)
    cases = []
    n_neg = round(n * 0.28); n_ev = round(n * 0.13)
    counts = collections.Counter()
    plan = ["neg"] * n_neg + ["ev"] * n_ev + ["pos"] * (n - n_neg - n_ev)
    rng.shuffle(plan)
    for i, kind in enumerate(plan):
        lang = "it" if rng.random() < 0.5 else "en"
        cid = f"a7s{seed}-{i:04d}"
        if kind == "neg":
            d = make_case(rng, cid, "neg", lang, False, None, TEMPLATES + NEG_ONLY * 3)
        else:
            focus = min(TYPES, key=lambda t: (counts[t], rng.random()))
            ev = kind == "ev"
            if ev and focus in ("PRIVATE_KEY", "CONFIDENTIAL_MARKER"): focus = None
            tpl = [t for t in TEMPLATES if focus is None or focus in t[2]]
            d = make_case(rng, cid, "pos", lang, ev, focus, tpl)
        for f in d["findings"]: counts[f["type"]] += 1
        cases.append(d)
    with open(out, "w", encoding="utf-8") as f:
        for d in cases:
            meta = d["findings"]
            f.write(json.dumps({"id": d["id"], "lang": d["lang"], "text": d["text"],
                                "findings": [{k: x[k] for k in ("type", "start", "end", "value")} for x in meta], "tags": d["tags"]}, ensure_ascii=False) + "\n")
    with open(out.replace(".jsonl", ".canon.json"), "w") as f:
        json.dump({d["id"]: [x["canon"] for x in d["findings"]] for d in cases}, f, ensure_ascii=False)
    print(out, len(cases), dict(sorted(counts.items())), file=sys.stderr)


if __name__ == "__main__":
    main()
