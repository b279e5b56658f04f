#!/usr/bin/env python3
"""audit23 held-out corpus: staff of a European group writing in their own languages.

  gen.py SEED N OUT.jsonl

Prompts in German, French, Spanish, Portuguese and Dutch (about a fifth English or Italian) by staff
of the subsidiaries of an Italian company: customer-service replies, HR and payroll, supplier
onboarding, bank-detail changes, IT helpdesk, CRM notes, legal and compliance mail, travel
bookings. PII in each country's own conventions (national phone plans with trunk prefix and
their international forms, IBANs with valid national check digits, transliterated e-mails),
secrets pasted by IT staff; hard negatives of those domains (Steuer-ID, USt-IdNr, SIREN/SIRET,
NIR, NIF/NIE/CIF, Portuguese NIF, BSN, KvK, BIC, postcodes, local dates and amounts, order
numbers, checksum-failing IBANs and cards, placeholders).

Writes OUT.jsonl (dev.jsonl schema) and OUT.meta.jsonl (id, template, judgement reason).
Spans: UTF-8 byte offsets of the bare value as it appears in the text (evaded form included).
Deterministic per SEED; stdlib only; every value fabricated at run time with values.py of audit16
(loaded with importlib). Self-check per case: span bytes == value; each labelled value (decoded)
passes its format/checksum; the text with labelled spans blanked holds no other valid value.
"""
import importlib.util, json, os, random, re, sys, unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
_spec = importlib.util.spec_from_file_location("a16values", os.path.join(HERE, "..", "audit16", "values.py"))
V = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(V)
rs, DG, UP, LO, AN = V.rs, V.DG, V.UP, V.LO, V.AN


class F:
    def __init__(self, type, shown, plain=None):
        self.type, self.shown, self.plain = type, shown, plain if plain is not None else shown


class Retry(Exception):
    pass


def fill(tpl, **kw):
    """'text {a} more {b}' -> [str, F|str, ...]"""
    out = []
    for i, part in enumerate(re.split(r"\{(\w+)\}", tpl)):
        if i % 2 == 0:
            if part:
                out.append(part)
        else:
            v = kw[part]
            out.extend(v if isinstance(v, list) else [v])
    return out


# ------------------------------------------------------------ people
NAMES = {
    "DE": (["Jürgen", "Björn", "Käthe", "Jörg", "Sören", "Günther", "Lena", "Maximilian", "Anja", "Uwe", "Mareike", "Tobias"],
           ["Müller", "Schröder", "Groß", "Weiß", "Köhler", "Krüger", "Hoffmann", "Becker", "Schäfer", "Löwe", "Vogel", "Brandt"]),
    "AT": (["Andrä", "Österreicher", "Kathrin", "Florian", "Gerhild"], ["Huber", "Gruber", "Pölzl", "Wöß", "Steiner"]),
    "CH": (["Urs", "Reto", "Mägi", "Beat", "Corinne"], ["Zürcher", "Keller", "Brändli", "Meier", "Frölich"]),
    "FR": (["François", "Hélène", "Jérôme", "Aurélie", "Noël", "Gaëlle", "Benoît", "Cécile", "Loïc", "Thérèse", "Mathieu", "Élodie"],
           ["Lefèvre", "Dubois", "Gérard", "Leroy", "Bénard", "Faure", "Rousseau", "Chevalier", "Mercier", "Lemaître", "Garnier", "Perrin"]),
    "BE": (["Wouter", "Anaïs", "Koen", "Sébastien"], ["Peeters", "Janssens", "Maes", "Dumont"]),
    "ES": (["José", "María", "Iñaki", "Begoña", "Jesús", "Lucía", "Álvaro", "Núria", "Sofía", "Raúl"],
           ["Peña", "Martínez", "Ibáñez", "Gómez", "Muñoz", "Núñez", "Sánchez", "Castaño", "Rodríguez", "Pérez"]),
    "PT": (["João", "Conceição", "Sebastião", "Inês", "Gonçalo", "Luís", "Márcia", "Tomás"],
           ["Gonçalves", "Simões", "Conceição", "Magalhães", "Araújo", "Brandão", "Correia", "Guimarães"]),
    "NL": (["Sjoerd", "Maaike", "Joëlle", "Daan", "Femke", "Bram", "Noor", "Ruud"],
           ["de Vries", "van den Berg", "Bakker", "Jansen", "Visser", "Smit", "van Dijk", "Meijer"]),
    "GB": (["Oliver", "Siobhan", "Harriet", "Callum", "Niamh"], ["Thompson", "Davies", "O'Brien", "Hughes", "Evans"]),
    "IT": (["Niccolò", "Gioele", "Federica", "Tommaso", "Ilaria"], ["Ferri", "Moretti", "Santoro", "Caruso", "Lombardo"]),
}
DOMAINS = {
    "DE": ["adriatica-deutschland.de", "web.de", "gmx.de", "t-online.de", "mueller-logistik.de", "stadtwerke-koeln.de"],
    "AT": ["adriatica.at", "gmx.at", "aon.at", "a1.net"],
    "CH": ["adriatica.ch", "bluewin.ch", "treuhand-zuerich.ch"],
    "FR": ["adriatica-france.fr", "orange.fr", "free.fr", "laposte.net", "wanadoo.fr", "ets-lefevre.fr"],
    "BE": ["adriatica.be", "skynet.be", "telenet.be"],
    "ES": ["adriatica-iberia.es", "telefonica.net", "gmail.com", "hotmail.es", "distribuciones-pena.es"],
    "PT": ["adriatica.pt", "sapo.pt", "gmail.com", "netcabo.pt", "transportes-simoes.pt"],
    "NL": ["adriatica.nl", "ziggo.nl", "kpnmail.nl", "xs4all.nl", "bakker-groothandel.nl"],
    "GB": ["adriatica.co.uk", "btinternet.com", "outlook.com"],
    "IT": ["gruppo-adriatica.it", "libero.it", "pec.gruppo-adriatica.it"],
}
LANG_CC = {"de": ["DE", "DE", "DE", "AT", "CH"], "fr": ["FR", "FR", "FR", "BE", "CH"], "es": ["ES"], "pt": ["PT"],
           "nl": ["NL", "NL", "NL", "BE"], "en": ["GB", "GB", "DE", "FR", "NL"], "it": ["IT", "DE", "FR", "ES"]}
GER = {"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue"}


def translit(s, cc):
    if cc in ("DE", "AT", "CH"):
        s = "".join(GER.get(c, c) for c in s)
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    return re.sub(r"[^a-z]", "", s.lower())


def person(r, cc):
    fn, ln = NAMES[cc]
    return r.choice(fn), r.choice(ln)


def email(r, cc, first=None, last=None):
    if first is None:
        first, last = person(r, cc)
    f, l = translit(first, cc), translit(last, cc)
    d = r.choice(DOMAINS[cc])
    local = r.choice([f + "." + l, f[0] + "." + l, f + l + str(r.randint(60, 2004)), f + "_" + l, l + "." + f,
                      f + "-" + l, f[0] + l, l + f[0] + str(r.randint(1, 99))])
    e = local + "@" + d
    if r.random() < 0.07:
        e = local.title().replace("-", "-") + "@" + d
    return e


# ------------------------------------------------------------ phones (national plans)
def n(r, k):
    return rs(r, DG, k)


def phone(r, cc, mobile=None, intl=None):
    if mobile is None:
        mobile = r.random() < 0.5
    if intl is None:
        intl = r.random() < 0.35
    c = r.choice
    if cc == "DE":
        if mobile:
            p = c(["151", "152", "160", "162", "170", "171", "172", "175", "176", "177", "179", "1520"])
            rest = n(r, 11 - len(p) if len(p) == 3 else 7)
            if intl:
                return c(["+49 %s %s" % (p, rest), "+49 (0)%s %s" % (p, rest), "0049 %s %s" % (p, rest), "+49%s%s" % (p, rest)])
            return c(["0%s %s" % (p, rest), "0%s/%s" % (p, rest), "0%s-%s" % (p, rest), "0%s %s %s" % (p, rest[:4], rest[4:])])
        a = c(["30", "40", "89", "69", "221", "711", "211", "351", "511", "911"])
        rest = n(r, 10 - len(a))
        if intl:
            return c(["+49 %s %s" % (a, rest), "+49 (0)%s %s" % (a, rest), "+49 %s %s-%s" % (a, rest[:-2], rest[-2:])])
        return c(["0%s %s" % (a, rest), "0%s/%s" % (a, rest), "(0%s) %s" % (a, rest), "0%s %s %s" % (a, rest[:4], rest[4:]),
                  "0%s %s-%s" % (a, rest[:-2], rest[-2:])])
    if cc == "AT":
        if mobile:
            p = c(["664", "660", "676", "699", "650"])
            rest = n(r, 7)
            return "+43 %s %s" % (p, rest) if intl else c(["0%s %s" % (p, rest), "0%s/%s" % (p, rest)])
        rest = n(r, 7)
        return ("+43 1 %s %s %s" % (rest[:3], rest[3:5], rest[5:])) if intl else c(["01 %s %s %s" % (rest[:3], rest[3:5], rest[5:]), "01/%s" % rest])
    if cc == "CH":
        a = c(["76", "77", "78", "79"]) if mobile else c(["44", "43", "31", "61", "21", "22"])
        x = n(r, 7)
        return ("+41 %s %s %s %s" % (a, x[:3], x[3:5], x[5:])) if intl else "0%s %s %s %s" % (a, x[:3], x[3:5], x[5:])
    if cc == "FR":
        a = c("67") if mobile else c("12345")
        g = [n(r, 2) for _ in range(4)]
        if intl:
            return c(["+33 %s %s" % (a, " ".join(g)), "+33 (0)%s %s" % (a, " ".join(g)), "+33%s%s" % (a, "".join(g)),
                      "0033 %s %s" % (a, " ".join(g))])
        return c(["0%s %s" % (a, " ".join(g)), "0%s.%s" % (a, ".".join(g)), "0%s%s" % (a, "".join(g)), "0%s-%s" % (a, "-".join(g))])
    if cc == "BE":
        if mobile:
            p = c(["470", "471", "472", "475", "476", "477", "478", "479", "486", "496"])
            g = [n(r, 2) for _ in range(3)]
            return ("+32 %s %s" % (p, " ".join(g))) if intl else c(["0%s %s" % (p, " ".join(g)), "0%s/%s" % (p, ".".join(g))])
        x = n(r, 7)
        return ("+32 2 %s %s %s" % (x[:3], x[3:5], x[5:])) if intl else c(["02 %s %s %s" % (x[:3], x[3:5], x[5:]), "02/%s.%s.%s" % (x[:3], x[3:5], x[5:])])
    if cc == "ES":
        first = c("67") if mobile else "9"
        if first == "7":
            first = c(["71", "72", "73", "74"])
        elif first == "9":
            first = c(["91", "93", "95", "96", "94", "98"])
        x = first + n(r, 9 - len(first))
        nat = c(["%s %s %s" % (x[:3], x[3:6], x[6:]), "%s %s %s %s" % (x[:3], x[3:5], x[5:7], x[7:]), x,
                 "%s %s %s %s" % (x[:2], x[2:5], x[5:7], x[7:]) if not mobile else "%s %s %s" % (x[:3], x[3:6], x[6:])])
        return c(["+34 " + nat, "0034 " + nat, "(+34) " + nat]) if intl else nat
    if cc == "PT":
        if mobile:
            x = c(["91", "92", "93", "96"]) + n(r, 7)
            nat = c(["%s %s %s" % (x[:3], x[3:6], x[6:]), x])
        else:
            a = c(["21", "22", "239", "253", "289"])
            x = a + n(r, 9 - len(a))
            nat = c(["%s %s %s" % (a, x[len(a):len(a) + 3], x[len(a) + 3:]), x]) if len(a) == 2 else "%s %s" % (a, x[3:])
        return c(["+351 " + nat, "00351 " + nat]) if intl else nat
    if cc == "NL":
        if mobile:
            x = n(r, 8)
            return c(["+31 6 %s" % x, "+31 (0)6 %s %s" % (x[:4], x[4:]), "+316%s" % x]) if intl else c(["06 %s" % x, "06-%s" % x, "06 %s %s" % (x[:4], x[4:]), "06-%s %s %s %s" % (x[:2], x[2:4], x[4:6], x[6:])])
        a = c(["20", "10", "70", "30", "40", "50"])
        x = n(r, 7)
        return ("+31 %s %s %s" % (a, x[:3], x[3:])) if intl else c(["0%s %s %s" % (a, x[:3], x[3:]), "0%s-%s" % (a, x), "0%s %s" % (a, x)])
    if cc == "GB":
        if mobile:
            x = c(["7700", "7911", "7825", "7402", "7563"]) + n(r, 6)
            if x.startswith("7700") and x[4] == "9":
                x = x[:4] + "8" + x[5:]
            return ("+44 %s %s" % (x[:4], x[4:])) if intl else "0%s %s" % (x[:4], x[4:])
        x = n(r, 8)
        if x.startswith("7946"):
            x = "8" + x[1:]
        return ("+44 20 %s %s" % (x[:4], x[4:])) if intl else c(["020 %s %s" % (x[:4], x[4:]), "(020) %s %s" % (x[:4], x[4:])])
    if cc == "IT":
        return V.phone_make(r, c(["it_mob", "it_land"]))
    raise ValueError(cc)


def phone_ok(s):
    if not re.fullmatch(r"[+(]{0,2}\d[\d ()./-]*\d", s):
        return False
    d = re.sub(r"\D", "", s.replace("(0)", ""))
    if s.startswith("+") or s.startswith("00") or s.startswith("(+"):
        return 10 <= len(d.lstrip("0")) <= 13
    if d.startswith("0"):
        return 9 <= len(d) <= 12
    if d[0] == "3":
        return len(d) in (9, 10)  # Italian mobile
    return len(d) == 9 and d[0] in "26789"  # ES / PT national numbers have no trunk prefix


PHONE_WORD = {
    "de": ["Telefon", "Tel.", "Handy", "Mobil", "Rufnummer", "Telefonnummer", "Festnetz", "Durchwahl", "Mobilnummer"],
    "fr": ["téléphone", "tél.", "portable", "numéro", "mobile", "tél. fixe", "ligne directe"],
    "es": ["teléfono", "tel.", "móvil", "número de teléfono", "tlf.", "fijo"],
    "pt": ["telefone", "telemóvel", "tel.", "contacto telefónico", "número"],
    "nl": ["telefoon", "tel.", "mobiel", "telefoonnummer", "06-nummer" , "vaste lijn"],
    "en": ["phone", "mobile", "tel.", "direct line", "cell"],
    "it": ["tel.", "cellulare", "telefono", "cell."],
}


# ------------------------------------------------------------ IBAN with valid national check digits
def fr_rib_key(bank, branch, acct):
    return "%02d" % (97 - (89 * int(bank) + 15 * int(branch) + 3 * int(acct)) % 97)


def es_dc(ten):
    w = [1, 2, 4, 8, 5, 10, 9, 7, 3, 6]
    d = 11 - sum(int(a) * b for a, b in zip(ten, w)) % 11
    return "0" if d == 11 else "1" if d == 10 else str(d)


def nl_elf(ten):
    return sum(int(c) * (10 - i) for i, c in enumerate(ten)) % 11 == 0


def iban(r, cc):
    if cc == "FR":
        bank, branch, acct = n(r, 5), n(r, 5), n(r, 11)
        return V.iban_with_check("FR", bank + branch + acct + fr_rib_key(bank, branch, acct))
    if cc == "ES":
        bank, branch, acct = n(r, 4), n(r, 4), n(r, 10)
        return V.iban_with_check("ES", bank + branch + es_dc("00" + bank + branch) + es_dc(acct) + acct)
    if cc == "PT":
        b = n(r, 19)
        return V.iban_with_check("PT", b + "%02d" % (98 - int(b) * 100 % 97))
    if cc == "NL":
        while True:
            a = n(r, 10)
            if nl_elf(a):
                break
        return V.iban_with_check("NL", r.choice(["ABNA", "RABO", "INGB", "TRIO", "SNSB", "ASNB", "KNAB", "BUNQ"]) + a)
    if cc == "GB":
        return V.iban_with_check("GB", r.choice(["NWBK", "BARC", "LOYD", "HBUK", "MIDL"]) + n(r, 14))
    return V.iban_make(r, cc)


def iban_fmt(r, s):
    return V.iban_format(r, s, r.choice(["space"] * 6 + ["compact"] * 3 + ["lowerspace"] * 0))


def iban_cc(lang_cc):
    return {"GB": "GB", "IT": "IT"}.get(lang_cc, lang_cc)


IBAN_WORD = {
    "de": ["IBAN", "Kontonummer (IBAN)", "Bankverbindung: IBAN", "neue IBAN"],
    "fr": ["IBAN", "RIB / IBAN", "coordonnées bancaires : IBAN", "nouvel IBAN"],
    "es": ["IBAN", "cuenta IBAN", "número de cuenta", "nueva cuenta"],
    "pt": ["IBAN", "NIB/IBAN", "conta bancária IBAN", "novo IBAN"],
    "nl": ["IBAN", "rekeningnummer", "IBAN-nummer", "nieuw rekeningnummer"],
    "en": ["IBAN", "bank account (IBAN)", "new IBAN"],
    "it": ["IBAN", "coordinate IBAN", "nuovo IBAN"],
}

BICS = {"DE": ["COBADEFFXXX", "DEUTDEFF", "GENODEM1GLS", "HYVEDEMMXXX", "BYLADEM1001"], "AT": ["BKAUATWW", "RZOOAT2L"],
        "CH": ["UBSWCHZH80A", "ZKBKCHZZ80A"], "FR": ["BNPAFRPP", "SOGEFRPP", "CRLYFRPP", "AGRIFRPP882", "CMCIFRPP"],
        "BE": ["GEBABEBB", "KREDBEBB", "BBRUBEBB"], "ES": ["CAIXESBBXXX", "BBVAESMM", "BSCHESMM", "SABMESMMXXX"],
        "PT": ["CGDIPTPL", "BCOMPTPL", "TOTAPTPL"], "NL": ["ABNANL2A", "RABONL2U", "INGBNL2A"], "GB": ["NWBKGB2L", "BARCGB22"],
        "IT": ["UNCRITMM", "BCITITMM", "BPMOIT22XXX"]}


def card(r):
    brand = r.choice(["visa", "visa", "visa", "mc", "mc", "mc2", "amex", "discover", "jcb", "diners"])
    d = V.card_digits(r, brand)
    return V.card_format(r, d, brand, r.choice(["space", "space", "space", "compact", "dash"])), brand


def card_brand_ok(d):
    L = len(d)
    if not (13 <= L <= 19 and V.luhn_sum_ok(d)):
        return False
    return bool((d[0] == "4" and L in (13, 16, 19)) or (re.match(r"5[1-5]|2(2[2-9]|[3-6]|7[01]|720)", d) and L == 16)
                or (re.match(r"3[47]", d) and L == 15) or (re.match(r"3(0[0-5]|[689])", d) and L in (14, 16))
                or (re.match(r"35", d) and L == 16) or (re.match(r"6", d) and 16 <= L <= 19) or (re.match(r"5[06-9]", d) and L >= 12))


CARD_WORD = {
    "de": ["Kreditkarte", "Karte", "Kartennummer", "Firmenkreditkarte"],
    "fr": ["carte bancaire", "carte", "numéro de carte", "carte affaires"],
    "es": ["tarjeta", "número de tarjeta", "tarjeta corporativa"],
    "pt": ["cartão", "número do cartão", "cartão de crédito"],
    "nl": ["creditcard", "kaartnummer", "zakelijke creditcard"],
    "en": ["card", "credit card", "corporate card"],
    "it": ["carta", "carta aziendale"],
}


# ------------------------------------------------------------ secrets
def password(r):
    while True:
        p = V.password_make(r)
        if p[-1] not in ".,;:-" and p[0] not in "\"'<[(*" and not re.search(r"(?i)xxx|\*\*", p):
            return p


def cred_url(r, cc):
    user = r.choice(["svc_erp", "lieferant", "fournisseur", "proveedor", "fornecedor", "leverancier", "backup", "admin", "sftpuser", "reporting"])
    pw = rs(r, AN, r.randint(10, 18)) + r.choice(["", "!", "%21", "#1", "$"])
    host = r.choice(["sftp.adriatica-%s.%s" % (cc.lower(), {"GB": "co.uk"}.get(cc, cc.lower())), "10.%d.%d.%d" % (r.randint(0, 255), r.randint(0, 255), r.randint(1, 254)),
                     "db-erp01.intern", "mail.adriatica.group", "ftp.partner-portal.eu"])
    sch = r.choice(["sftp", "ftp", "postgresql", "mysql", "smtp", "smtps", "mongodb", "redis", "amqps", "https"])
    port = {"sftp": ":22", "ftp": ":21", "postgresql": ":5432", "mysql": ":3306", "smtp": ":587", "smtps": ":465", "mongodb": ":27017",
            "redis": ":6379", "amqps": ":5671", "https": ""}[sch]
    path = r.choice(["", "/erp", "/export", "/inbox", "/hr_payroll", "/0"])
    return "%s://%s:%s@%s%s%s" % (sch, user, pw, host, port, path)


def token(r):
    k = r.choice(["gh", "gl", "slack", "openai", "aws", "jwt", "google", "stripe", "anthropic", "webhook"])
    if k == "gh": return [("GITHUB_TOKEN", V.gh_make(r))]
    if k == "gl": return [("GITLAB_TOKEN", V.gitlab_token(r, r.choice(["pat", "pat", "rt", "dt"])))]
    if k == "slack": return [("SLACK_TOKEN", V.slack_token(r, r.choice(["xoxb", "xoxp"])))]
    if k == "openai": return [("OPENAI_KEY", V.openai_key(r))]
    if k == "aws": return [("AWS_ACCESS_KEY", V.aws_akid(r)), ("AWS_SECRET_KEY", V.aws_secret(r))]
    if k == "jwt": return [("JWT", V.jwt_make(r))]
    if k == "google": return [("GOOGLE_API_KEY", V.google_key(r))]
    if k == "stripe": return [("STRIPE_KEY", V.stripe_key(r))]
    if k == "anthropic": return [("ANTHROPIC_KEY", V.anthropic_key(r))]
    return [("SLACK_WEBHOOK", V.slack_webhook(r))]


PW_WORD = {
    "de": ["Passwort: ", "Kennwort: ", "Passwort = ", "Initialpasswort: ", "neues Passwort: ", "PW: "],
    "fr": ["mot de passe : ", "mot de passe: ", "MDP : ", "mdp provisoire : ", "Mot de passe = "],
    "es": ["contraseña: ", "Contraseña: ", "clave: ", "contraseña provisional: ", "pass: "],
    "pt": ["senha: ", "Senha: ", "palavra-passe: ", "senha provisória: "],
    "nl": ["wachtwoord: ", "Wachtwoord: ", "tijdelijk wachtwoord: ", "ww: "],
    "en": ["password: ", "Password: ", "temp password: ", "pwd: "],
    "it": ["password: ", "pwd: ", "password provvisoria: "],
}
MARKERS = {
    "de": ["VERTRAULICH", "STRENG VERTRAULICH", "NUR FÜR DEN INTERNEN GEBRAUCH", "STRENG GEHEIM"],
    "fr": ["CONFIDENTIEL", "STRICTEMENT CONFIDENTIEL", "DIFFUSION RESTREINTE", "SECRET"],
    "es": ["CONFIDENCIAL", "ESTRICTAMENTE CONFIDENCIAL", "USO INTERNO", "RESERVADO"],
    "pt": ["CONFIDENCIAL", "ESTRITAMENTE CONFIDENCIAL", "USO INTERNO", "RESERVADO"],
    "nl": ["VERTROUWELIJK", "STRIKT VERTROUWELIJK", "UITSLUITEND VOOR INTERN GEBRUIK", "ZEER GEHEIM"],
    "en": ["CONFIDENTIAL", "STRICTLY CONFIDENTIAL", "INTERNAL USE ONLY", "TLP:AMBER"],
    "it": ["RISERVATO", "STRETTAMENTE RISERVATO", "USO INTERNO"],
}


# ------------------------------------------------------------ hard negatives (national IDs etc.)
def steuer_id(r):
    while True:
        d = [r.randint(1, 9)] + [r.randint(0, 9) for _ in range(9)]
        if len(set(d)) not in (8, 9):
            continue
        p = 10
        for x in d:
            s = (x + p) % 10 or 10
            p = s * 2 % 11
        c = (11 - p) % 10
        v = "".join(map(str, d)) + str(c)
        if not V.piva_ok(v):
            return r.choice([v, "%s %s %s %s" % (v[:2], v[2:5], v[5:8], v[8:])])


def ust_de(r):
    return "DE" + str(r.randint(1, 9)) + n(r, 8)


def siren(r):
    while True:
        s = r.choice("478") + n(r, 7)
        s = V.luhn_complete(s)
        return s


def siret(r):
    s = siren(r)
    return V.luhn_complete(s + n(r, 4))


def nir(r):
    while True:
        b = r.choice("12") + "%02d%02d" % (r.randint(50, 99), r.randint(1, 12)) + "%02d" % r.randint(1, 95) + n(r, 3) + n(r, 3)
        k = 97 - int(b) % 97
        v = b + "%02d" % k
        if not V.luhn_sum_ok(v):
            return "%s %s %s %s %s %s %s" % (v[0], v[1:3], v[3:5], v[5:7], v[7:10], v[10:13], v[13:])


def es_nif(r):
    x = r.randint(10000000, 59999999)
    return "%08d%s" % (x, "TRWAGMYFPDXBNJZSQVHLCKE"[x % 23])


def es_nie(r):
    p = r.choice("XYZ")
    x = r.randint(1000000, 9999999)
    return "%s%07d%s" % (p, x, "TRWAGMYFPDXBNJZSQVHLCKE"[int(str("XYZ".index(p)) + "%07d" % x) % 23])


def es_cif(r):
    l = r.choice("ABBBG")
    d = n(r, 7)
    s = sum(int(d[i]) for i in (1, 3, 5))
    for i in (0, 2, 4, 6):
        x = int(d[i]) * 2
        s += x // 10 + x % 10
    c = (10 - s % 10) % 10
    return l + d + str(c)


def pt_nif(r):
    while True:
        d = r.choice("125") + n(r, 7)
        c = 11 - sum(int(x) * (9 - i) for i, x in enumerate(d)) % 11
        if c >= 10:
            c = 0
        return d + str(c)


def nl_bsn(r):
    while True:
        d = r.choice("1234") + n(r, 8)
        if (sum(int(c) * (9 - i) for i, c in enumerate(d[:8])) - int(d[8])) % 11 == 0:
            return d


def kvk(r):
    return str(r.randint(1, 9)) + n(r, 7)


def fr_tva(r):
    s = siren(r)
    return "FR%02d%s" % ((12 + 3 * (int(s) % 97)) % 97, s)


def postcode(r, cc):
    return {"DE": lambda: "%05d %s" % (r.randint(10115, 99998), r.choice(["Berlin", "München", "Köln", "Hamburg", "Stuttgart"])),
            "AT": lambda: "%04d Wien" % r.randint(1010, 1230), "CH": lambda: "%04d Zürich" % r.randint(8001, 8099),
            "FR": lambda: "%05d %s" % (r.randint(10000, 95999), r.choice(["Paris", "Lyon", "Lille", "Nantes"])),
            "BE": lambda: "%04d Bruxelles" % r.randint(1000, 1210), "ES": lambda: "%05d %s" % (r.randint(8001, 50999), r.choice(["Madrid", "Zaragoza", "Sevilla"])),
            "PT": lambda: "%04d-%03d %s" % (r.randint(1000, 4999), r.randint(1, 999), r.choice(["Lisboa", "Porto"])),
            "NL": lambda: "%04d %s%s %s" % (r.randint(1011, 9999), r.choice(UP), r.choice(UP), r.choice(["Amsterdam", "Utrecht", "Rotterdam"])),
            "GB": lambda: "%s%d %d%s%s London" % (r.choice(["EC", "SW", "N", "E"]), r.randint(1, 9), r.randint(1, 9), r.choice("ABDEFG"), r.choice("HJLNPQ")),
            "IT": lambda: "%05d Milano" % r.randint(20121, 20162)}[cc]()


def date_loc(r, lang):
    d, m, y = r.randint(1, 28), r.randint(1, 12), r.choice([2025, 2026, 2027])
    if lang in ("de", "nl") or r.random() < 0.2:
        return "%02d.%02d.%d" % (d, m, y) if lang == "de" else "%02d-%02d-%d" % (d, m, y)
    return "%02d/%02d/%d" % (d, m, y)


def amount(r, lang):
    v = r.randint(100, 9999999)
    e, c = v // 100, v % 100
    g = "{:,}".format(e)
    if lang == "fr":
        return g.replace(",", "\u202f") + ",%02d €" % c
    if lang in ("en",):
        return "€%s.%02d" % (g, c)
    return g.replace(",", ".") + ",%02d €" % c if r.random() < 0.7 else "€ " + g.replace(",", ".") + ",%02d" % c


def order_no(r, lang):
    return r.choice(["45%08d" % r.randint(0, 99999999), "AU-%d-%05d" % (r.choice([2025, 2026]), r.randint(1, 99999)),
                     "KD%06d" % r.randint(1, 999999), "CMD-%06d" % r.randint(1, 999999), "PED/%d/%04d" % (r.choice([2025, 2026]), r.randint(1, 9999)),
                     "%d-%05d" % (r.randint(100, 999), r.randint(0, 99999))])


def ticket_no(r):
    return r.choice(["INC%07d" % r.randint(1, 9999999), "#%d" % r.randint(10000, 99999), "SR-%d" % r.randint(100000, 999999), "HD-%05d" % r.randint(1, 99999)])


def bad_iban(r, cc):
    return iban_fmt(r, V.iban_break(r, iban(r, cc)))


def bad_card(r):
    c, brand = card(r)
    d = re.sub(r"\D", "", c)
    b = V.luhn_break(d)
    it = iter(b)
    return "".join(next(it) if ch.isdigit() else ch for ch in c)


# ------------------------------------------------------------ templates: positives
def greet(lang):
    return {"de": "Bitte", "fr": "Merci de", "es": "Por favor,", "pt": "Por favor,", "nl": "Graag", "en": "Please", "it": "Per favore"}[lang]


def T_customer(r, lang, cc):
    fn, ln = person(r, cc)
    ph = F("PHONE", phone(r, cc))
    em = F("EMAIL", email(r, cc, fn, ln))
    o = order_no(r, lang)
    pw = r.choice(PHONE_WORD[lang])
    t = {
        "de": "Formuliere eine höfliche Antwort an {who} {name} wegen der Reklamation zu Auftrag {o}. Kontakt: {em}, {pw} {ph}. Ton: verbindlich, Entschuldigung für die Lieferverzögerung.",
        "fr": "Rédige une réponse courtoise à {who} {name} au sujet de la réclamation sur la commande {o}. Coordonnées : {em}, {pw} {ph}. Ton professionnel, excuses pour le retard.",
        "es": "Redacta una respuesta amable para {who} {name} sobre la reclamación del pedido {o}. Datos de contacto: {em}, {pw} {ph}. Pide disculpas por el retraso.",
        "pt": "Escreve uma resposta cordial para {who} {name} sobre a reclamação da encomenda {o}. Contacto: {em}, {pw} {ph}. Pede desculpa pelo atraso na entrega.",
        "nl": "Schrijf een vriendelijk antwoord aan {who} {name} over de klacht bij bestelling {o}. Contactgegevens: {em}, {pw} {ph}. Bied excuses aan voor de vertraging.",
        "en": "Draft a polite reply to {who} {name} about the complaint on order {o}. Contact: {em}, {pw} {ph}. Apologise for the delay.",
        "it": "Scrivi una risposta cortese a {who} {name} per il reclamo sull'ordine {o}. Recapiti: {em}, {pw} {ph}.",
    }[lang]
    who = {"de": "Frau", "fr": "Mme", "es": "la Sra.", "pt": "a Sra.", "nl": "mevrouw", "en": "Ms", "it": "la sig.ra"}[lang]
    segs = fill(t, who=who, name="%s %s" % (fn, ln), o=o, em=em, pw=pw, ph=ph)
    return "customer", segs, set()


def T_payroll(r, lang, cc):
    fn, ln = person(r, cc)
    ib = F("IBAN", iban_fmt(r, iban(r, cc)))
    bic = r.choice(BICS.get(cc, BICS["DE"]))
    nid = {"DE": ("Steuer-ID", steuer_id(r)), "AT": ("SV-Nr.", "%04d %s" % (r.randint(1000, 9999), "%02d%02d%02d" % (r.randint(1, 28), r.randint(1, 12), r.randint(60, 99)))),
           "CH": ("AHV-Nr.", "756.%04d.%04d.%02d" % (r.randint(0, 9999), r.randint(0, 9999), r.randint(0, 99))),
           "FR": ("matricule", "M%05d" % r.randint(1, 99999)), "BE": ("matricule", "BE-%05d" % r.randint(1, 99999)),
           "ES": ("NIF", es_nif(r)), "PT": ("NIF", pt_nif(r)), "NL": ("personeelsnummer", "P%06d" % r.randint(1, 999999)),
           "GB": ("employee no.", "E%06d" % r.randint(1, 999999)), "IT": ("matricola", "%06d" % r.randint(1, 999999))}[cc]
    dist = r.random() < 0.5
    t = {
        "de": "Hallo Payroll-Team, {name} ({idl} {idv}) hat eine neue Bankverbindung für die Gehaltszahlung ab {d}: {iw} {ib}, BIC {bic}. Bitte im System ändern und kurz bestätigen.",
        "fr": "Bonjour, {name} ({idl} {idv}) change de banque pour le versement du salaire à partir du {d} : {iw} {ib}, BIC {bic}. Peux-tu rédiger le mail de confirmation ?",
        "es": "Hola, {name} ({idl} {idv}) cambia la cuenta para la nómina desde el {d}: {iw} {ib}, BIC {bic}. Redacta la confirmación para RR. HH.",
        "pt": "Olá, {name} ({idl} {idv}) mudou de banco para o processamento salarial a partir de {d}: {iw} {ib}, BIC {bic}. Redige a confirmação para os RH.",
        "nl": "Hoi, {name} ({idl} {idv}) heeft een nieuwe bankrekening voor de salarisbetaling vanaf {d}: {iw} {ib}, BIC {bic}. Kun je een bevestiging schrijven?",
        "en": "Hi payroll, {name} ({idl} {idv}) has new bank details for salary from {d}: {iw} {ib}, BIC {bic}. Please write the confirmation.",
        "it": "Ciao, {name} ({idl} {idv}) ha nuove coordinate per lo stipendio dal {d}: {iw} {ib}, BIC {bic}. Scrivi la conferma.",
    }[lang]
    segs = fill(t, name="%s %s" % (fn, ln), idl=nid[0], idv=nid[1], d=date_loc(r, lang), iw=r.choice(IBAN_WORD[lang]), ib=ib, bic=bic)
    return "payroll", segs, {"distractor"} if nid[0] in ("Steuer-ID", "NIF", "AHV-Nr.", "SV-Nr.") else set()


def company_ids(r, cc):
    return {"DE": [("USt-IdNr.", ust_de(r)), ("HRB", str(r.randint(1000, 250000))), ("Steuernummer", "%02d/%03d/%05d" % (r.randint(10, 99), r.randint(100, 999), r.randint(1, 99999)))],
            "AT": [("UID", "ATU" + n(r, 8)), ("FN", "%d%s" % (r.randint(10000, 599999), r.choice("abdfghikmpstvwxyz")))],
            "CH": [("UID", "CHE-%03d.%03d.%03d" % (r.randint(100, 999), r.randint(0, 999), r.randint(0, 999)))],
            "FR": [("SIREN", siren(r)), ("SIRET", r.choice([siret(r)])), ("TVA intracom.", fr_tva(r))],
            "BE": [("n° d'entreprise", "0%03d.%03d.%03d" % (r.randint(200, 999), r.randint(0, 999), r.randint(0, 999)))],
            "ES": [("CIF", es_cif(r)), ("NIF-IVA", "ES" + es_cif(r))],
            "PT": [("NIPC", pt_nif(r).replace(pt_nif(r)[0], "5", 1) if False else pt_nif(r))],
            "NL": [("KvK", kvk(r)), ("btw-id", "NL%09dB%02d" % (r.randint(1, 999999999), r.randint(1, 99)))],
            "GB": [("Company No.", "%08d" % r.randint(1, 16000000)), ("VAT", "GB%09d" % r.randint(100000000, 999999999))],
            "IT": [("REA", "MI-%07d" % r.randint(1, 2999999))]}[cc]


def T_supplier(r, lang, cc):
    fn, ln = person(r, cc)
    ids = company_ids(r, cc)
    idtxt = ", ".join("%s %s" % x for x in r.sample(ids, min(2, len(ids))))
    ib = F("IBAN", iban_fmt(r, iban(r, cc)))
    em = F("EMAIL", email(r, cc, fn, ln))
    parts = {"ib": ib, "em": em}
    has_ph = r.random() < 0.6
    ph = F("PHONE", phone(r, cc)) if has_ph else "-"
    firm = {"DE": "Schröder Metallbau GmbH", "AT": "Pölzl Transporte GmbH", "CH": "Brändli AG", "FR": "Ets Lefèvre SARL", "BE": "Maes & Fils SA",
            "ES": "Distribuciones Peña S.L.", "PT": "Transportes Simões, Lda.", "NL": "Bakker Groothandel B.V.", "GB": "Harbour Supplies Ltd", "IT": "Officine Lorenzi S.r.l."}[cc]
    t = {
        "de": "Neuanlage Lieferant im SAP: {firm}, {addr}, {ids}. Ansprechpartner {name}, {em}, Tel. {ph}. Zahlungsziel 30 Tage, IBAN {ib}. Fehlt noch etwas für die Stammdaten?",
        "fr": "Création fournisseur : {firm}, {addr}, {ids}. Contact {name}, {em}, tél. {ph}. Paiement à 30 jours, IBAN {ib}. Manque-t-il une information pour la fiche ?",
        "es": "Alta de proveedor: {firm}, {addr}, {ids}. Contacto {name}, {em}, tel. {ph}. Pago a 30 días, IBAN {ib}. ¿Falta algún dato para la ficha?",
        "pt": "Registo de fornecedor: {firm}, {addr}, {ids}. Contacto {name}, {em}, tel. {ph}. Pagamento a 30 dias, IBAN {ib}. Falta algum dado?",
        "nl": "Nieuwe leverancier aanmaken: {firm}, {addr}, {ids}. Contactpersoon {name}, {em}, tel. {ph}. Betaaltermijn 30 dagen, IBAN {ib}. Ontbreekt er nog iets?",
        "en": "New vendor set-up: {firm}, {addr}, {ids}. Contact {name}, {em}, tel. {ph}. Net 30, IBAN {ib}. Anything missing?",
        "it": "Anagrafica nuovo fornitore: {firm}, {addr}, {ids}. Referente {name}, {em}, tel. {ph}. Pagamento 30 gg, IBAN {ib}.",
    }[lang]
    segs = fill(t, firm=firm, addr=postcode(r, cc), ids=idtxt, name="%s %s" % (fn, ln), em=em, ph=ph, ib=ib)
    return "supplier", segs, {"distractor"}


def T_bankchange(r, lang, cc):
    new = F("IBAN", iban_fmt(r, iban(r, cc)))
    old_valid = r.random() < 0.5
    old = F("IBAN", iban_fmt(r, iban(r, cc))) if old_valid else bad_iban(r, cc)
    tags = set() if old_valid else {"distractor"}
    bic = r.choice(BICS.get(cc, BICS["DE"]))
    t = {
        "de": "Der Lieferant meldet eine Änderung der Bankverbindung. Alt: {old}. Neu: {new} (BIC {bic}), gültig ab {d}. Ist das ein typisches Muster für CEO-Fraud? Formuliere eine Rückfrage per Telefon-Rückruf.",
        "fr": "Le fournisseur nous annonce un changement de RIB. Ancien : {old}. Nouveau : {new} (BIC {bic}), à compter du {d}. Est-ce un schéma de fraude au président ? Rédige une demande de contre-appel.",
        "es": "El proveedor comunica un cambio de cuenta. Antigua: {old}. Nueva: {new} (BIC {bic}), desde el {d}. ¿Puede ser un fraude del CEO? Redacta una solicitud de verificación.",
        "pt": "O fornecedor comunicou alteração de IBAN. Antigo: {old}. Novo: {new} (BIC {bic}), a partir de {d}. Pode ser fraude? Redige um pedido de confirmação.",
        "nl": "De leverancier meldt een gewijzigd rekeningnummer. Oud: {old}. Nieuw: {new} (BIC {bic}), vanaf {d}. Lijkt dit op CEO-fraude? Schrijf een verzoek om terugbelverificatie.",
        "en": "The supplier says their bank details changed. Old: {old}. New: {new} (BIC {bic}), effective {d}. Is this a CEO-fraud pattern? Draft a call-back verification request.",
        "it": "Il fornitore comunica un cambio IBAN. Vecchio: {old}. Nuovo: {new} (BIC {bic}), dal {d}. È una truffa tipica?",
    }[lang]
    return "bankchange", fill(t, old=old, new=new, bic=bic, d=date_loc(r, lang)), tags


def T_helpdesk(r, lang, cc):
    fn, ln = person(r, cc)
    ip = F("IP_ADDRESS", V.ipv4_make(r) if r.random() < 0.8 else V.ipv6_make(r))
    tk = ticket_no(r)
    pwf = F("PASSWORD", password(r))
    pwl = r.choice(PW_WORD[lang])
    login = translit(fn, cc)[0] + translit(ln, cc)[:7]
    t = {
        "de": "Ticket {tk}: {name} kann sich seit dem Update nicht am VPN anmelden. Client-IP {ip}, Benutzer {login}, {pwl}{pw}\nFehlermeldung: 'Authentifizierung fehlgeschlagen (809)'. Was soll ich prüfen?",
        "fr": "Ticket {tk} : {name} n'arrive plus à se connecter au VPN depuis la mise à jour. IP du poste {ip}, identifiant {login}, {pwl}{pw}\nErreur : 'échec de l'authentification (809)'. Que dois-je vérifier ?",
        "es": "Incidencia {tk}: {name} no puede conectarse a la VPN desde la actualización. IP del equipo {ip}, usuario {login}, {pwl}{pw}\nError: 'fallo de autenticación (809)'. ¿Qué reviso?",
        "pt": "Pedido {tk}: {name} não consegue ligar-se à VPN desde a atualização. IP do posto {ip}, utilizador {login}, {pwl}{pw}\nErro: 'falha de autenticação (809)'. O que devo verificar?",
        "nl": "Melding {tk}: {name} kan sinds de update niet inloggen op de VPN. IP-adres {ip}, gebruiker {login}, {pwl}{pw}\nFout: 'authenticatie mislukt (809)'. Wat moet ik controleren?",
        "en": "Ticket {tk}: {name} cannot log in to the VPN since the update. Client IP {ip}, user {login}, {pwl}{pw}\nError: 'authentication failed (809)'. What should I check?",
        "it": "Ticket {tk}: {name} non accede alla VPN dopo l'aggiornamento. IP {ip}, utente {login}, {pwl}{pw}\nErrore 809. Cosa controllo?",
    }[lang]
    return "helpdesk", fill(t, tk=tk, name="%s %s" % (fn, ln), ip=ip, login=login, pwl=pwl, pw=pwf), set()


def T_pw_prose(r, lang, cc):
    pwf = F("PASSWORD", password(r))
    t = r.choice({
        "de": ["Ich habe dem neuen Kollegen das Initialpasswort {pw} gegeben, wie formuliere ich die Mail, dass er es beim ersten Login ändern muss?",
               "Sein Windows-Kennwort lautet {pw} – er ist im Urlaub, kann ich damit sein Postfach öffnen? Ist das DSGVO-konform?"],
        "fr": ["J'ai donné au nouvel arrivant le mot de passe {pw} pour sa première connexion ; rédige le mail qui lui demande de le changer.",
               "Son mot de passe Windows est {pw} et il est en congé : ai-je le droit d'ouvrir sa boîte mail ?"],
        "es": ["Le di al nuevo compañero la contraseña {pw} para el primer acceso; redacta el correo pidiéndole que la cambie.",
               "Su contraseña de Windows es {pw} y está de vacaciones, ¿puedo abrir su buzón?"],
        "pt": ["Dei ao novo colega a senha {pw} para o primeiro acesso; escreve o email a pedir que a altere.",
               "A senha do Windows dele é {pw} e está de férias, posso abrir a caixa de correio?"],
        "nl": ["Ik heb de nieuwe collega het wachtwoord {pw} gegeven voor de eerste login; schrijf de mail dat hij het moet wijzigen.",
               "Zijn Windows-wachtwoord is {pw} en hij is op vakantie, mag ik zijn mailbox openen?"],
        "en": ["I gave the new starter the password {pw} for first login; write the mail asking them to change it."],
        "it": ["Ho dato al nuovo collega la password {pw} per il primo accesso; scrivi la mail per chiedergli di cambiarla."],
    }[lang])
    return "pw_prose", fill(t, pw=pwf), set()


def T_itsecret(r, lang, cc):
    q = {"de": "Warum schlägt der nächtliche Export fehl? Hier die Konfiguration:", "fr": "Pourquoi l'export de nuit échoue-t-il ? Voici la config :",
         "es": "¿Por qué falla la exportación nocturna? Esta es la configuración:", "pt": "Porque é que a exportação noturna falha? Configuração:",
         "nl": "Waarom mislukt de nachtelijke export? Dit is de configuratie:", "en": "Why does the nightly export fail? Config below:",
         "it": "Perché fallisce l'export notturno? Ecco la configurazione:"}[lang]
    segs = [q + "\n"]
    k = r.random()
    if k < 0.35:
        segs += ["EXPORT_TARGET=", F("CREDENTIAL_URL", cred_url(r, cc)), "\nEXPORT_CRON=0 2 * * *\n"]
    elif k < 0.75:
        for t, v in token(r):
            name = {"GITHUB_TOKEN": "GITHUB_TOKEN", "GITLAB_TOKEN": "CI_TOKEN", "SLACK_TOKEN": "SLACK_BOT_TOKEN", "OPENAI_KEY": "OPENAI_API_KEY",
                    "AWS_ACCESS_KEY": "AWS_ACCESS_KEY_ID", "AWS_SECRET_KEY": "AWS_SECRET_ACCESS_KEY", "JWT": "ERP_API_TOKEN", "GOOGLE_API_KEY": "MAPS_API_KEY",
                    "STRIPE_KEY": "STRIPE_SECRET_KEY", "ANTHROPIC_KEY": "ANTHROPIC_API_KEY", "SLACK_WEBHOOK": "ALERT_WEBHOOK"}[t]
            segs += [name + "=", F(t, v), "\n"]
        segs += ["EXPORT_DIR=/srv/export/%s\n" % cc.lower()]
    elif k < 0.9:
        host = r.choice(["smtp.adriatica.group", "mail.intern", "relay.%s.local" % cc.lower()])
        segs += ["smtp:\n  host: %s\n  port: 587\n  user: noreply-%s\n  password: " % (host, cc.lower()), F("PASSWORD", password(r)), "\n  tls: true\n"]
    else:
        segs += ["sftp_key: |\n  ", F("PRIVATE_KEY", V.pem_make(r, nl="\n", indent="  ")), "\n"]
    tail = {"de": "Fehler: 'Verbindung abgelehnt'.", "fr": "Erreur : « connexion refusée ».", "es": "Error: 'conexión rechazada'.",
            "pt": "Erro: 'ligação recusada'.", "nl": "Fout: 'verbinding geweigerd'.", "en": "Error: 'connection refused'.", "it": "Errore: 'connessione rifiutata'."}[lang]
    segs.append(tail)
    return "itsecret", segs, set()


def T_crm(r, lang, cc):
    fn, ln = person(r, cc)
    ph = F("PHONE", phone(r, cc, mobile=r.random() < 0.6))
    pw = r.choice(PHONE_WORD[lang])
    am, d = amount(r, lang), date_loc(r, lang)
    t = {
        "de": "CRM-Notiz zusammenfassen: Telefonat mit Herrn {name} (Einkauf). {pw}: {ph}. Interesse an Rahmenvertrag, Volumen ca. {am}, Angebot bis {d}. Wettbewerber bietet 3 % Skonto.",
        "fr": "Résume cette note CRM : appel avec M. {name} (achats), {pw} {ph}. Intéressé par un contrat-cadre d'environ {am}, offre attendue avant le {d}.",
        "es": "Resume esta nota del CRM: llamada con el Sr. {name} (compras), {pw} {ph}. Interesado en un contrato marco de unos {am}, oferta antes del {d}.",
        "pt": "Resume esta nota do CRM: chamada com o Sr. {name} (compras), {pw} {ph}. Interessado num contrato-quadro de cerca de {am}, proposta até {d}.",
        "nl": "Vat deze CRM-notitie samen: gesprek met dhr. {name} (inkoop), {pw} {ph}. Interesse in raamcontract van circa {am}, offerte voor {d}.",
        "en": "Summarise this CRM note: call with Mr {name} (procurement), {pw} {ph}. Interested in a framework deal of about {am}, quote due {d}.",
        "it": "Riassumi la nota CRM: telefonata con {name} (acquisti), {pw} {ph}. Interessato a un accordo quadro di circa {am}, offerta entro il {d}.",
    }[lang]
    return "crm", fill(t, name="%s %s" % (fn, ln), pw=pw, ph=ph, am=am, d=d), {"distractor"}


def T_callme(r, lang, cc):
    ph = F("PHONE", phone(r, cc, mobile=True))
    t = {
        "de": "Übersetze ins Italienische: 'Bei Rückfragen erreichen Sie mich jederzeit unter {ph}. Mit freundlichen Grüßen'",
        "fr": "Traduis en italien : « Pour toute question, vous pouvez me joindre au {ph}. Bien cordialement »",
        "es": "Traduce al italiano: 'Para cualquier duda, puede llamarme al {ph}. Un saludo'",
        "pt": "Traduz para italiano: 'Para qualquer dúvida, ligue-me para o {ph}. Cumprimentos'",
        "nl": "Vertaal naar het Italiaans: 'Voor vragen kunt u mij bellen op {ph}. Met vriendelijke groet'",
        "en": "Translate into Italian: 'For any questions you can reach me on {ph}. Kind regards'",
        "it": "Traduci in tedesco: 'Per qualsiasi domanda mi può chiamare al {ph}. Cordiali saluti'",
    }[lang]
    return "callme", fill(t, ph=ph), set()


def T_signature(r, lang, cc):
    fn, ln = person(r, cc)
    ph1 = F("PHONE", phone(r, cc, mobile=False))
    ph2 = F("PHONE", phone(r, cc, mobile=True))
    em = F("EMAIL", email(r, cc, fn, ln))
    role = {"de": "Leiterin Buchhaltung", "fr": "Responsable comptabilité", "es": "Responsable de contabilidad", "pt": "Diretora financeira",
            "nl": "Hoofd boekhouding", "en": "Head of Accounts", "it": "Responsabile contabilità"}[lang]
    lab = {"de": ("Tel.", "Mobil"), "fr": ("Tél.", "Port."), "es": ("Tel.", "Móvil"), "pt": ("Tel.", "Telem."), "nl": ("T", "M"), "en": ("T", "M"), "it": ("Tel.", "Cell.")}[lang]
    ask = {"de": "Kürze diese E-Mail-Signatur auf drei Zeilen:", "fr": "Raccourcis cette signature à trois lignes :", "es": "Acorta esta firma a tres líneas:",
           "pt": "Encurta esta assinatura para três linhas:", "nl": "Maak deze handtekening korter (drie regels):", "en": "Shorten this signature to three lines:",
           "it": "Accorcia questa firma a tre righe:"}[lang]
    segs = fill("{ask}\n\n{name}\n{role}\nAdriatica {cc}\n{addr}\n{l1} {p1}\n{l2} {p2}\n{em}\n",
                ask=ask, name="%s %s" % (fn, ln), role=role, cc=cc, addr=postcode(r, cc), l1=lab[0], p1=ph1, l2=lab[1], p2=ph2, em=em)
    return "signature", segs, set()


def T_legal(r, lang, cc):
    mk = F("CONFIDENTIAL_MARKER", r.choice(MARKERS[lang]))
    fn, ln = person(r, cc)
    em = F("EMAIL", email(r, cc, fn, ln)) if r.random() < 0.5 else "%s %s" % (fn, ln)
    t = {
        "de": "{mk}\nBetreff: Vergleichsverhandlung Az. {az}\nBitte fasse das folgende Schreiben von RA {em} in fünf Punkten zusammen: Die Gegenseite bietet {am} zur Abgeltung aller Ansprüche an ...",
        "fr": "{mk}\nObjet : négociation transactionnelle, dossier {az}\nRésume en cinq points le courrier de Me {em} : la partie adverse propose {am} pour solde de tout compte ...",
        "es": "{mk}\nAsunto: acuerdo extrajudicial, expediente {az}\nResume en cinco puntos el escrito del abogado {em}: la otra parte ofrece {am} como liquidación ...",
        "pt": "{mk}\nAssunto: acordo extrajudicial, processo {az}\nResume em cinco pontos a carta do advogado {em}: a contraparte oferece {am} ...",
        "nl": "{mk}\nOnderwerp: schikking, dossier {az}\nVat de brief van advocaat {em} samen in vijf punten: de wederpartij biedt {am} als finale kwijting ...",
        "en": "{mk}\nSubject: settlement, matter {az}\nSummarise the letter from counsel {em} in five bullets: the other side offers {am} in full settlement ...",
        "it": "{mk}\nOggetto: transazione, pratica {az}\nRiassumi la lettera dell'avv. {em}: la controparte offre {am} a saldo ...",
    }[lang]
    az = r.choice(["%d O %d/%d" % (r.randint(1, 40), r.randint(1, 999), r.choice([25, 26])), "RG %d/%05d" % (r.choice([2025, 2026]), r.randint(1, 99999))])
    return "legal", fill(t, mk=mk, az=az, em=em, am=amount(r, lang)), set()


def T_travel(r, lang, cc):
    fn, ln = person(r, cc)
    cd = F("CREDIT_CARD", card(r)[0])
    ph = F("PHONE", phone(r, cc, mobile=True))
    cw = r.choice(CARD_WORD[lang])
    fl = r.choice(["LH %d" % r.randint(100, 2999), "AF %d" % r.randint(1000, 1999), "IB %d" % r.randint(3000, 3999), "TP %d" % r.randint(800, 899),
                   "KL %d" % r.randint(1500, 1999), "AZ %d" % r.randint(400, 499)])
    exp = "%02d/%02d" % (r.randint(1, 12), r.randint(26, 30))
    t = {
        "de": "Bitte Hotel in Mailand für {name} buchen, Anreise {d} mit Flug {fl}. Zahlung mit {cw} {cd}, gültig bis {exp}. Handy für das Hotel: {ph}.",
        "fr": "Réserve un hôtel à Milan pour {name}, arrivée le {d}, vol {fl}. Paiement par {cw} {cd}, expiration {exp}. Portable pour l'hôtel : {ph}.",
        "es": "Reserva hotel en Milán para {name}, llegada el {d}, vuelo {fl}. Pago con {cw} {cd}, caducidad {exp}. Móvil para el hotel: {ph}.",
        "pt": "Reserva hotel em Milão para {name}, chegada a {d}, voo {fl}. Pagamento com {cw} {cd}, validade {exp}. Telemóvel para o hotel: {ph}.",
        "nl": "Boek een hotel in Milaan voor {name}, aankomst {d}, vlucht {fl}. Betaling met {cw} {cd}, geldig tot {exp}. Mobiel voor het hotel: {ph}.",
        "en": "Book a hotel in Milan for {name}, arriving {d} on {fl}. Pay with {cw} {cd}, expiry {exp}. Mobile for the hotel: {ph}.",
        "it": "Prenota un hotel a Milano per {name}, arrivo il {d}, volo {fl}. Pagamento con {cw} {cd}, scadenza {exp}. Cellulare: {ph}.",
    }[lang]
    return "travel", fill(t, name="%s %s" % (fn, ln), d=date_loc(r, lang), fl=fl, cw=cw, cd=cd, exp=exp, ph=ph), set()


def T_csv(r, lang, cc):
    head = {"de": "Name;E-Mail;Telefon;IBAN", "fr": "Nom;E-mail;Téléphone;IBAN", "es": "Nombre;Correo;Teléfono;IBAN", "pt": "Nome;Email;Telefone;IBAN",
            "nl": "Naam;E-mail;Telefoon;IBAN", "en": "Name,Email,Phone,IBAN", "it": "Nome;Email;Telefono;IBAN"}[lang]
    sep = "," if lang == "en" else ";"
    ask = {"de": "Prüfe diese Exportdatei auf Dubletten:", "fr": "Vérifie les doublons dans cet export :", "es": "Busca duplicados en esta exportación:",
           "pt": "Verifica duplicados nesta exportação:", "nl": "Controleer deze export op dubbele regels:", "en": "Check this export for duplicates:",
           "it": "Controlla i duplicati in questo export:"}[lang]
    segs = [ask + "\n" + head + "\n"]
    for _ in range(r.randint(2, 4)):
        c2 = r.choice(LANG_CC[lang])
        fn, ln = person(r, c2)
        segs += fill("{n}{s}{e}{s}{p}{s}{i}\n", n="%s %s" % (fn, ln), s=sep, e=F("EMAIL", email(r, c2, fn, ln)),
                     p=F("PHONE", phone(r, c2)), i=F("IBAN", V.iban_format(r, iban(r, c2), "compact")))
    return "csv", segs, set()


def T_mixed_it(r, lang, cc):
    # Italian head office writes to the subsidiary, mixing languages
    fn, ln = person(r, cc)
    ph = F("PHONE", phone(r, cc))
    ib = F("IBAN", iban_fmt(r, iban(r, cc)))
    t = "Ciao, mi traduci in {lg} questa richiesta? 'Gentile {name}, per completare l'anagrafica ci servono conferma dell'IBAN {ib} e un recapito telefonico (abbiamo {ph}).'"
    lg = {"de": "tedesco", "fr": "francese", "es": "spagnolo", "pt": "portoghese", "nl": "olandese", "en": "inglese", "it": "tedesco"}[lang]
    return "mixed_it", fill(t, lg=lg, name="%s %s" % (fn, ln), ib=ib, ph=ph), set()


POS = [(T_customer, 12), (T_payroll, 10), (T_supplier, 9), (T_bankchange, 7), (T_helpdesk, 9), (T_pw_prose, 5), (T_itsecret, 10),
       (T_crm, 8), (T_callme, 5), (T_signature, 7), (T_legal, 6), (T_travel, 7), (T_csv, 4), (T_mixed_it, 3)]


# ------------------------------------------------------------ templates: negatives
def N_ids(r, lang, cc):
    c = r.choice(["DE", "FR", "ES", "PT", "NL"]) if lang in ("en", "it") else {"de": "DE", "fr": "FR", "es": "ES", "pt": "PT", "nl": "NL"}[lang]
    if c == "DE":
        return "Erkläre mir den Unterschied zwischen Steuer-ID {a}, Steuernummer {b} und USt-IdNr. {u} – welche gehört auf die Rechnung an unsere italienische Mutter?".format(
            a=steuer_id(r), b="%03d/%03d/%05d" % (r.randint(100, 999), r.randint(100, 999), r.randint(1, 99999)), u=ust_de(r))
    if c == "FR":
        return "Sur la facture du fournisseur je vois SIREN {a}, SIRET {b} et TVA {t}. Lequel dois-je saisir dans le champ « identifiant fiscal » ?".format(
            a=siren(r), b=r.choice([siret(r), "%s %s %s %s" % tuple([siret(r)[i:j] for i, j in ((0, 3), (3, 6), (6, 9), (9, 14))])]), t=fr_tva(r))
    if c == "ES":
        return "¿Cuál es la diferencia entre el NIF {a}, el NIE {b} y el CIF {c2} de la sociedad? Necesito rellenar el modelo 303.".format(a=es_nif(r), b=es_nie(r), c2=es_cif(r))
    if c == "PT":
        return "O cliente deu o NIF {a} e a empresa tem NIPC {b}; o código postal é {p}. Como preencho a fatura-recibo?".format(a=pt_nif(r), b=pt_nif(r), p=postcode(r, "PT"))
    return "Wat is het verschil tussen het KvK-nummer {a}, het btw-id NL{b}B01 en het BSN {c2}? Welke hoort op de factuur?".format(a=kvk(r), b="%09d" % r.randint(1, 999999999), c2=nl_bsn(r))


def N_invoice(r, lang, cc):
    o, d, am, bic, pc = order_no(r, lang), date_loc(r, lang), amount(r, lang), r.choice(BICS[cc]), postcode(r, cc)
    return {
        "de": "Rechnung {o} vom {d} über {am} (zahlbar an BIC {bic}) – Lieferadresse {pc}. Schreib eine Zahlungserinnerung, zweite Mahnstufe, ohne Drohung.",
        "fr": "Facture {o} du {d} d'un montant de {am} (BIC {bic}), livraison {pc}. Rédige une relance de paiement, ton ferme mais poli.",
        "es": "Factura {o} del {d} por {am} (BIC {bic}), entrega en {pc}. Redacta un recordatorio de pago.",
        "pt": "Fatura {o} de {d} no valor de {am} (BIC {bic}), entrega em {pc}. Escreve um lembrete de pagamento.",
        "nl": "Factuur {o} van {d} voor {am} (BIC {bic}), levering {pc}. Schrijf een betalingsherinnering.",
        "en": "Invoice {o} dated {d} for {am} (BIC {bic}), delivery to {pc}. Write a payment reminder.",
        "it": "Fattura {o} del {d} di {am} (BIC {bic}), consegna {pc}. Scrivi un sollecito.",
    }[lang].format(o=o, d=d, am=am, bic=bic, pc=pc)


def N_badiban(r, lang, cc):
    b = bad_iban(r, cc)
    return {
        "de": "Das Onlinebanking lehnt die IBAN {b} ab ('Prüfziffer ungültig'). Wie berechnet man die Prüfziffer, und was sage ich dem Kunden?",
        "fr": "La banque refuse l'IBAN {b} (« clé de contrôle invalide »). Comment se calcule la clé ?",
        "es": "El banco rechaza el IBAN {b} ('dígito de control incorrecto'). ¿Cómo se calcula?",
        "pt": "O banco rejeita o IBAN {b} ('dígitos de controlo inválidos'). Como se calcula?",
        "nl": "De bank weigert IBAN {b} ('controlegetal ongeldig'). Hoe wordt dat berekend?",
        "en": "The bank rejects IBAN {b} ('invalid check digits'). How is it computed?",
        "it": "La banca rifiuta l'IBAN {b} ('codice di controllo errato'). Come si calcola?",
    }[lang].format(b=b)


def N_badcard(r, lang, cc):
    b = bad_card(r)
    return {
        "de": "Der Kunde sagt, seine Karte {b} wird im Webshop abgelehnt ('Kartennummer ungültig'). Welche Antwort schicke ich?",
        "fr": "Le client dit que sa carte {b} est refusée (« numéro invalide ») sur la boutique. Que lui répondre ?",
        "es": "El cliente dice que su tarjeta {b} es rechazada ('número no válido'). ¿Qué le respondo?",
        "pt": "O cliente diz que o cartão {b} é recusado ('número inválido'). O que respondo?",
        "nl": "De klant zegt dat zijn kaart {b} wordt geweigerd ('ongeldig nummer'). Wat antwoord ik?",
        "en": "The customer says card {b} is declined ('invalid number'). What do I reply?",
        "it": "Il cliente dice che la carta {b} viene rifiutata. Cosa rispondo?",
    }[lang].format(b=b)


def N_placeholder(r, lang, cc):
    ph = {"DE": "+49 30 XXXXXXXX", "FR": "06 XX XX XX XX", "ES": "6XX XXX XXX", "PT": "9XX XXX XXX", "NL": "06-XXXXXXXX", "GB": "07XXX XXXXXX",
          "AT": "+43 XXX XXXXXXX", "CH": "0XX XXX XX XX", "BE": "04XX XX XX XX", "IT": "3XX XXXXXXX"}[cc]
    ib = cc + "00 " + " ".join(["0000"] * 4) + " 00"
    return {
        "de": "Verbessere diese Vorlage: 'Sehr geehrte/r [Name], bitte bestätigen Sie Ihre Bankverbindung (IBAN: {ib}) und Ihre Telefonnummer ({ph}). Passwort: ******** wird separat zugestellt.'",
        "fr": "Améliore ce modèle : « Madame, Monsieur [Nom], merci de confirmer votre IBAN ({ib}) et votre numéro ({ph}). Mot de passe : ******** envoyé séparément. »",
        "es": "Mejora esta plantilla: 'Estimado/a [Nombre], confirme su IBAN ({ib}) y su teléfono ({ph}). Contraseña: ******** se envía aparte.'",
        "pt": "Melhora este modelo: 'Caro/a [Nome], confirme o IBAN ({ib}) e o telefone ({ph}). Senha: ******** enviada em separado.'",
        "nl": "Verbeter dit sjabloon: 'Beste [Naam], bevestig uw IBAN ({ib}) en telefoonnummer ({ph}). Wachtwoord: ******** volgt apart.'",
        "en": "Improve this template: 'Dear [Name], please confirm your IBAN ({ib}) and phone ({ph}). Password: ******** sent separately.'",
        "it": "Migliora questo modello: 'Gentile [Nome], confermi IBAN ({ib}) e telefono ({ph}). Password: ******** inviata a parte.'",
    }[lang].format(ib=ib, ph=ph)


def N_prose(r, lang, cc):
    return r.choice({
        "de": ["Wie schreibe ich eine Datenschutzerklärung, in der steht, dass Kundendaten vertraulich behandelt werden?",
               "Erkläre den Unterschied zwischen Kennwort und PIN für unsere Schulungsunterlagen.",
               "Die Hotline ist montags bis freitags von 8 bis 18 Uhr erreichbar; formuliere das freundlicher.",
               "Wie viele Urlaubstage stehen einem Mitarbeiter in Bayern nach 5 Jahren zu? Tarifvertrag Metall, 35-Stunden-Woche."],
        "fr": ["Comment rédiger une clause indiquant que les informations échangées restent confidentielles entre les parties ?",
               "Explique la différence entre un mot de passe et une phrase de passe pour la formation des nouveaux.",
               "Quelle est la durée légale du préavis en France pour un cadre avec 7 ans d'ancienneté ?"],
        "es": ["¿Cómo redacto una cláusula de confidencialidad para un contrato con un proveedor?",
               "Explica cómo se crea una contraseña segura, para el boletín interno.",
               "¿Cuántos días de vacaciones corresponden según el convenio de comercio de Madrid?"],
        "pt": ["Como redijo uma cláusula de confidencialidade para um contrato de fornecimento?",
               "Explica aos colaboradores como escolher uma senha forte.",
               "Quantos dias de férias tem um trabalhador em Portugal no primeiro ano?"],
        "nl": ["Hoe schrijf ik een geheimhoudingsclausule waarin staat dat informatie vertrouwelijk blijft?",
               "Leg uit hoe je een sterk wachtwoord kiest, voor de nieuwsbrief.",
               "Hoeveel vakantiedagen heeft een medewerker met een 32-urige werkweek?"],
        "en": ["Write a short paragraph explaining why we never share passwords by e-mail.",
               "What is the notice period in the UK for an employee with 4 years' service?"],
        "it": ["Scrivi un paragrafo su perché non si condividono le password via mail.",
               "Quanti giorni di ferie spettano in Germania per legge?"],
    }[lang])


def N_helpdesk(r, lang, cc):
    tk = ticket_no(r)
    ver = "%d.%d.%d" % (r.randint(1, 24), r.randint(0, 20), r.randint(0, 300))
    return {
        "de": "Ticket {tk}: Nach dem Update auf Version {v} stürzt SAP GUI beim Start ab, Fehlercode 0x{h}. Hostname WS-{cc}-{k}. Was ist die Ursache?",
        "fr": "Ticket {tk} : après la mise à jour {v}, SAP GUI plante au démarrage, code 0x{h}. Poste WS-{cc}-{k}. Quelle est la cause ?",
        "es": "Incidencia {tk}: tras actualizar a la versión {v}, SAP GUI se cierra al iniciar, código 0x{h}. Equipo WS-{cc}-{k}.",
        "pt": "Pedido {tk}: depois da atualização {v}, o SAP GUI fecha ao arrancar, código 0x{h}. Posto WS-{cc}-{k}.",
        "nl": "Melding {tk}: na de update naar versie {v} crasht SAP GUI bij het opstarten, foutcode 0x{h}. Werkplek WS-{cc}-{k}.",
        "en": "Ticket {tk}: after updating to {v}, SAP GUI crashes on start, code 0x{h}. Host WS-{cc}-{k}.",
        "it": "Ticket {tk}: dopo l'aggiornamento {v}, SAP GUI si chiude all'avvio, codice 0x{h}. Postazione WS-{cc}-{k}.",
    }[lang].format(tk=tk, v=ver, h=V.hexs(r, 8), cc=cc, k=r.randint(100, 999))


def N_booking(r, lang, cc):
    pnr = rs(r, UP + "23456789", 6)
    fl = "LH %d" % r.randint(100, 2999)
    mask = "**** **** **** %s" % n(r, 4)
    return {
        "de": "Buchungsbestätigung {pnr}: Flug {fl} am {d}, bezahlt mit Karte {m}, Betrag {am}. Bitte die Reisekostenabrechnung vorbereiten.",
        "fr": "Confirmation {pnr} : vol {fl} le {d}, payé avec la carte {m}, montant {am}. Prépare la note de frais.",
        "es": "Confirmación {pnr}: vuelo {fl} el {d}, pagado con la tarjeta {m}, importe {am}. Prepara la nota de gastos.",
        "pt": "Confirmação {pnr}: voo {fl} a {d}, pago com o cartão {m}, valor {am}. Prepara o relatório de despesas.",
        "nl": "Bevestiging {pnr}: vlucht {fl} op {d}, betaald met kaart {m}, bedrag {am}. Maak de onkostendeclaratie klaar.",
        "en": "Confirmation {pnr}: flight {fl} on {d}, paid with card {m}, amount {am}. Prepare the expense claim.",
        "it": "Conferma {pnr}: volo {fl} il {d}, pagato con carta {m}, importo {am}. Prepara la nota spese.",
    }[lang].format(pnr=pnr, fl=fl, d=date_loc(r, lang), m=mask, am=amount(r, lang))


def N_payroll(r, lang, cc):
    c = {"de": "DE", "fr": "FR", "es": "ES", "pt": "PT", "nl": "NL"}.get(lang, "DE")
    idv = {"DE": "Steuer-ID " + steuer_id(r), "FR": "n° de sécurité sociale " + nir(r), "ES": "DNI " + es_nif(r), "PT": "NIF " + pt_nif(r), "NL": "BSN " + nl_bsn(r)}[c]
    return {
        "de": "Gehaltsabrechnung {m}: Mitarbeiter {idv}, Personalnummer {p}, Brutto {am}, Steuerklasse III. Warum ist der Soli-Zuschlag null?",
        "fr": "Bulletin de paie {m} : salarié {idv}, matricule {p}, brut {am}. Pourquoi la CSG a-t-elle changé ?",
        "es": "Nómina de {m}: empleado con {idv}, n.º de empleado {p}, bruto {am}. ¿Por qué ha cambiado la retención de IRPF?",
        "pt": "Recibo de vencimento {m}: colaborador {idv}, n.º {p}, bruto {am}. Porque mudou a retenção na fonte?",
        "nl": "Loonstrook {m}: medewerker {idv}, personeelsnummer {p}, bruto {am}. Waarom is de loonheffing veranderd?",
        "en": "Payslip {m}: employee {idv}, staff no. {p}, gross {am}. Why did the tax change?",
        "it": "Cedolino {m}: dipendente {idv}, matricola {p}, lordo {am}. Perché è cambiata la ritenuta?",
    }[lang].format(m="%02d/%d" % (r.randint(1, 12), r.choice([2025, 2026])), idv=idv, p=r.randint(10000, 99999), am=amount(r, lang))


NEG = [(N_ids, 10), (N_invoice, 8), (N_badiban, 6), (N_badcard, 5), (N_placeholder, 4), (N_prose, 5), (N_helpdesk, 5), (N_booking, 4), (N_payroll, 6)]


# ------------------------------------------------------------ evasions
FW = {c: chr(ord(c) + 0xFEE0) for c in map(chr, range(0x21, 0x7F))}


def evade(r, f):
    s = f.plain
    k = r.choice(["fullwidth", "zero-width", "json"])
    if k == "fullwidth":
        if f.type == "EMAIL" and r.random() < 0.5:
            out = s.replace("@", "＠")
        else:
            out = "".join(FW.get(c, c) if (c.isdigit() or c == "@" or (f.type != "PHONE" and c.isalpha() and r.random() < 0.7)) else c for c in s)
    elif k == "zero-width":
        zw = r.choice(["\u200b", "\u200c", "\u2060", "\u00ad"]) if f.type != "EMAIL" else "\u200b"
        cut = sorted(r.sample(range(2, len(s) - 2), r.randint(1, 2)))
        out = s
        for c in reversed(cut):
            out = out[:c] + zw + out[c:]
        k = "zero-width"
    else:
        idx = [i for i, c in enumerate(s) if c.isalnum() or c == "@"]
        pick = set(r.sample(idx, max(2, len(idx) // 3)))
        if f.type == "EMAIL":
            pick |= {s.index("@")}
        out = "".join("\\u%04x" % ord(c) if i in pick else c for i, c in enumerate(s))
    f.shown = out
    return k


def decode(s):
    s = re.sub(r"\\u([0-9a-fA-F]{4})", lambda m: chr(int(m.group(1), 16)), s)
    return V.nfkc_strip(s)


def T_evasion(r, lang, cc):
    k = r.randrange(4)
    if k == 0:
        fn, ln = person(r, cc)
        f = F("EMAIL", email(r, cc, fn, ln))
    elif k == 1:
        f = F("PHONE", phone(r, cc))
    elif k == 2:
        f = F("IBAN", iban_fmt(r, iban(r, cc)))
    else:
        f = F("CREDIT_CARD", card(r)[0])
    kind = evade(r, f)
    if kind == "json":
        msg = {"de": "Bitte antworte dem Kunden, Kontakt: ", "fr": "Merci de répondre au client, contact : ", "es": "Responde al cliente, contacto: ",
               "pt": "Responde ao cliente, contacto: ", "nl": "Antwoord de klant, contact: ", "en": "Reply to the customer, contact: ", "it": "Rispondi al cliente, contatto: "}[lang]
        segs = ['{"ticket":{"id":"%s","lang":"%s","body":"%s' % (ticket_no(r), lang, msg), f, '"}}']
    else:
        lab = {"EMAIL": "E-Mail", "PHONE": r.choice(PHONE_WORD[lang]), "IBAN": "IBAN", "CREDIT_CARD": r.choice(CARD_WORD[lang])}[f.type]
        pre = {"de": "Kannst du das in eine saubere Kundennotiz umschreiben? ", "fr": "Reformule en note client propre : ", "es": "Reescribe como nota de cliente: ",
               "pt": "Reescreve como nota de cliente: ", "nl": "Herschrijf als nette klantnotitie: ", "en": "Rewrite as a clean customer note: ", "it": "Riscrivi come nota cliente: "}[lang]
        segs = [pre + lab + ": ", f, " – " + date_loc(r, lang)]
    return "evasion", segs, {"evasion:" + kind}


# ------------------------------------------------------------ judgement cases
def T_judgement(r, lang, cc):
    k = r.randrange(6)
    if k == 0:
        return ("j_nir", ["Le salarié Jérôme Faure, n° de sécurité sociale %s, demande une attestation employeur. Rédige-la." % nir(r)], {"judgement"},
                "French NIR is a sensitive national ID but DESIGN.md has no type for it: negative")
    if k == 1:
        return ("j_dni", ["Cliente: Begoña Ibáñez, DNI %s, NIE del cónyuge %s. ¿Qué documentos pide el notario?" % (es_nif(r), es_nie(r))], {"judgement"},
                "Spanish DNI/NIE are national IDs with no DESIGN.md type: negative")
    if k == 2:
        fn, ln = person(r, r.choice(["DE", "FR", "ES"]))
        e = (fn + "." + ln).lower().replace(" ", "") + "@" + r.choice(["exemple.fr", "beispiel.de", "ejemplo.es"])
        return ("j_eai", ["Schreib an ", F("EMAIL", e), " – geht eine Adresse mit Umlauten/Akzenten überhaupt?"], {"judgement"},
                "internationalised (RFC 6531) address with non-ASCII local part: labelled EMAIL")
    if k == 3:
        x = "%03d" % r.randint(0, 999)
        return ("j_ofcom", ["Our UK test script uses ", F("PHONE", "07700 900" + x), " as the customer's mobile; is that number safe to use in demos?"], {"judgement"},
                "Ofcom drama range 07700 900xxx: fictional by allocation but a valid UK mobile by format: labelled PHONE")
    if k == 4:
        return ("j_marker_mixed", ["Klassifizierung: ", F("CONFIDENTIAL_MARKER", "Vertraulich"), "\nBitte fasse die Vorstandsvorlage zum Standort Leipzig zusammen."], {"judgement"},
                "classification label in title case after 'Klassifizierung:': labelled CONFIDENTIAL_MARKER")
    return ("j_ahv", ["AHV-Nummer von Reto Brändli: 756.%04d.%04d.%02d – bitte in die Lohnmeldung übernehmen." % (r.randint(0, 9999), r.randint(0, 9999), r.randint(0, 99))],
            {"judgement"}, "Swiss AHV number: national ID with no DESIGN.md type: negative")


# ------------------------------------------------------------ validation
def _iban_plain_ok(s):
    return V.iban_ok(s)


VALID = {
    "EMAIL": lambda s: bool(V.EMAIL_RE.fullmatch(s)) or bool(re.fullmatch(r"[^\s@]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+", s)),
    "PHONE": phone_ok,
    "IBAN": _iban_plain_ok,
    "CREDIT_CARD": lambda s: card_brand_ok(re.sub(r"\D", "", s)) and bool(re.fullmatch(r"[\d -]+", s)),
    "IP_ADDRESS": lambda s: V.ipv4_ok(s) or (":" in s and bool(re.fullmatch(r"[0-9a-f:]+", s))),
    "PASSWORD": lambda s: len(s) >= 8 and " " not in s,
    "CREDENTIAL_URL": lambda s: bool(re.fullmatch(r"[a-z]+://[^:\s]+:[^@\s]+@\S+", s)),
    "CONFIDENTIAL_MARKER": lambda s: len(s) > 3,
    "PRIVATE_KEY": lambda s: s.startswith("-----BEGIN") and s.rstrip().endswith("-----"),
    "JWT": V.jwt_ok, "GITHUB_TOKEN": V.gh_ok,
    "GITLAB_TOKEN": lambda s: s.startswith("gl"), "SLACK_TOKEN": lambda s: s.startswith("xox"),
    "SLACK_WEBHOOK": lambda s: s.startswith("https://hooks.slack.com/"), "OPENAI_KEY": lambda s: "T3BlbkFJ" in s,
    "ANTHROPIC_KEY": lambda s: s.startswith("sk-ant-"), "GOOGLE_API_KEY": lambda s: len(s) == 39,
    "STRIPE_KEY": lambda s: "_live_" in s, "AWS_ACCESS_KEY": lambda s: len(s) == 20, "AWS_SECRET_KEY": lambda s: len(s) == 40,
}


def stray(text):
    t = decode(text)
    for m in V.EMAIL_RE.finditer(t):
        return "EMAIL " + m.group(0)
    for m in re.finditer(r"(?<![A-Za-z0-9])[A-Za-z]{2}\d{2}(?:[ ]?[A-Za-z0-9]){10,32}", t):
        c = re.sub(r"\s", "", m.group(0)).upper()
        for L in range(15, len(c) + 1):
            if V.iban_ok(c[:L]):
                return "IBAN " + c[:L]
    for m in re.finditer(r"\d(?:[ -]?\d){11,18}", t):
        d = re.sub(r"\D", "", m.group(0))
        for i in range(len(d)):
            for j in range(i + 13, min(len(d), i + 19) + 1):
                if card_brand_ok(d[i:j]):
                    return "CARD " + d[i:j]
    for m in re.finditer(r"(?<![\d/.])\d{11}(?!\d)", t):
        if V.piva_ok(m.group(0)):
            return "PIVA " + m.group(0)
    for m in re.finditer(r"[A-Z]{6}[0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{3}[A-Z]", t.upper()):
        if V.cf_ok(m.group(0)):
            return "CF " + m.group(0)
    for m in re.finditer(r"(?<!\d)\d{3}-\d{2}-\d{4}(?!\d)", t):
        if V.ssn_ok(m.group(0)):
            return "SSN " + m.group(0)
    for m in V.IPV4_RE.finditer(t):
        if V.ipv4_ok(m.group(0)):
            return "IP " + m.group(0)
    for m in re.finditer(r"(?<![\w.])(?:\+|00)\d[\d ()./-]{8,}\d|(?<![\w.,/-])(?<!\d )0\d[\d ()./-]{7,}\d|(?<![\w.,/-])[6789]\d{2} ?\d{3} ?\d{3}(?![\d])", t):
        d = re.sub(r"\D", "", m.group(0))
        if 9 <= len(d) <= 13 and not re.fullmatch(r"\d{2}[./-]\d{2}[./-]\d{4}", m.group(0).strip()):
            return "PHONE " + m.group(0)
    for rx in [r"gh[pousr]_[A-Za-z0-9]{36}", r"glpat-", r"xox[bpae]-", r"sk_live_", r"sk-(?:proj|ant)", r"AIza[\w-]{35}", r"(?:AKIA|ASIA)[A-Z2-7]{16}",
               r"eyJ[\w-]{8,}\.", r"BEGIN [A-Z ]*PRIVATE", r"://[^\s:/@]+:[^\s@/]+@", r"hooks\.slack\.com"]:
        m = re.search(rx, t)
        if m:
            return "TOKEN " + m.group(0)
    m = re.search(r"(?i)(?:passwort|kennwort|password|mot de passe|mdp|contraseña|senha|wachtwoord|pwd|pw|clave|ww)\s*[:=]\s*(\S+)", t)
    if m and not re.fullmatch(r"\*+|[-–]|\[.*|\u00a7.*", m.group(1)):
        return "PASSWORD " + m.group(1)
    return None


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


def pick(r, table):
    tot = sum(w for _, w in table)
    x = r.uniform(0, tot)
    for f, w in table:
        x -= w
        if x <= 0:
            return f
    return table[-1][0]


def build(r, seed, idx, want):
    lang = r.choice(["de"] * 18 + ["fr"] * 17 + ["es"] * 15 + ["pt"] * 14 + ["nl"] * 14 + ["en"] * 12 + ["it"] * 10)
    cc = r.choice(LANG_CC[lang])
    why = None
    if want == "judgement":
        tpl, segs, tags, why = T_judgement(r, lang, cc)
    elif want == "evasion":
        tpl, segs, tags = T_evasion(r, lang, cc)
    elif want == "negative":
        f = pick(r, NEG)
        tpl, segs, tags = f.__name__, [f(r, lang, cc)], set()
    else:
        f = pick(r, POS)
        tpl, segs, tags = f(r, lang, cc)
        if r.random() < 0.2:
            g = pick(r, NEG)
            segs = segs + ["\n\n", g(r, lang, cc)]
            tags = set(tags) | {"distractor"}
    text, spans = render(segs)
    tb = text.encode()
    for sp in spans:
        assert tb[sp["start"]:sp["end"]].decode() == sp["value"]
        f = sp.pop("_f")
        plain = decode(sp["value"])
        if plain != f.plain:
            raise Retry("decode mismatch %r %r" % (plain, f.plain))
        if not VALID[sp["type"]](plain):
            raise Retry("invalid %s %r" % (sp["type"], plain[:50]))
    bl = bytearray(tb)
    for sp in spans:
        bl[sp["start"]:sp["end"]] = b"\x00" * (sp["end"] - sp["start"])
    st = stray(bl.decode("utf-8", "replace").replace("\x00", "\u00a7"))
    if st and want != "judgement":
        raise Retry("stray " + st)
    if not spans and "judgement" not in tags:
        tags.add("negative")
    if not spans:
        tags.discard("distractor")
    case = {"id": "a23-%d-%04d" % (seed, idx), "lang": lang, "text": text, "findings": spans, "tags": sorted(tags)}
    return case, {"id": case["id"], "template": tpl, "why": why}


def main():
    seed, n_, out = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
    r = random.Random(seed)
    plan = []
    for i in range(n_):
        x = (i * 37 + seed) % 100
        plan.append("judgement" if x < 4 else "evasion" if x < 12 else "negative" if x < 40 else "positive")
    r.shuffle(plan)
    cases, metas, retries = [], [], 0
    for i, want in enumerate(plan):
        for _ in range(300):
            try:
                c, m = build(r, seed, i, want)
                break
            except Retry as e:
                retries += 1
                if os.environ.get("A23_DEBUG"):
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
