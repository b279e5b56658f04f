#!/usr/bin/env python3
"""audit18 held-out corpus: money and people's records as staff paste them into an assistant.

  gen.py SEED N OUT.jsonl

Domains: (1) payments and banking: SWIFT MT103 / MT940, ISO 20022 XML (pain.001, camt.053), SEPA
direct-debit mandates, bank-statement CSV and OFX exports, PSD2 / open-banking JSON, payment-gateway
logs and webhooks (Stripe/Adyen-like events with masked PANs, last4, BINs, fingerprints), chargeback
mail, card details typed in support chats (expiry, CVV), Italian bonifici, SDD/RID, F24 and PagoPA
notices, invoices with partita IVA and IBAN; (2) HR, healthcare and insurance: payslips (cedolino),
employment contracts, CVs, sick-leave certificates, referrals (impegnativa), insurance claims and
policies, tessera sanitaria / TEAM numbers, NHS-like and US patient records, US payroll.

Hard negatives of these domains: amounts, dates, IBAN-like strings failing mod-97, cards failing
Luhn, masked PANs, BINs, BIC, ABI/CAB, UETR, CRO/TRN, SEPA creditor identifiers (mod-97 valid, not
IBANs), IUV and avviso numbers, CBILL, codici tributo, ARN (23 digits, Luhn), PSP references, Stripe
object ids, VIN (check digit valid), plates, policy and claim numbers, tessera sanitaria numbers
(20 digits), NRE, INPS/INAIL numbers, MRN, NPI (Luhn over 80840), MBI, ABA routing (3-7-1), EIN,
NHS numbers (mod 11), ITIN-shaped and other invalid SSNs, CAP/ZIP codes.

Writes OUT.jsonl (dev.jsonl schema: id, lang, text, findings[type,start,end,value], tags),
OUT.nojudge.jsonl (minus cases tagged "judgement") and OUT.meta.jsonl (template, judgement reason).
Spans are UTF-8 byte offsets over the value as it appears in the text (evasion characters included).
Deterministic per SEED; Python 3 standard library only; every value fabricated here.
Self-check per case: span bytes == value; each labelled value (NFKC + format-char strip) passes its
format/checksum; the text with labelled spans blanked holds no checksum- or format-valid value of
any checkable type (retry otherwise) and no unlabelled password assignment.

Tags: "negative" (no finding), "distractor" (look-alikes beside real values), "judgement" (the
format's definition does not settle it; reason in meta), "evasion:<kind>" (zero-width, fullwidth,
nbsp).
"""
import base64, collections, ipaddress, json, os, random, re, sys

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


def L(r, p_it=0.45):
    return "it" if r.random() < p_it else "en"


def pick_lang(lang, en, it):
    return it if lang == "it" else en


def cc(r, brands=("visa", "visa", "visa", "mc", "mc", "mc2", "amex", "discover", "jcb", "diners"), style=None):
    b = r.choice(brands)
    return card_format(r, card_digits(r, b), b, style)


def cc_digits(r, brands=("visa", "visa", "mc", "mc2", "amex")):
    return card_digits(r, r.choice(brands))


def cc_bad(r, brands=("visa", "mc", "amex", "discover", "mc2")):
    b = r.choice(brands)
    return card_format(r, luhn_break(card_digits(r, b)), b)


def iban(r, countries=None, style=None):
    c = r.choice(countries or ["IT", "IT", "IT", "IT", "IT", "DE", "FR", "ES", "NL", "BE", "AT", "PT", "IE", "GB", "SM", "LU", "CH"])
    return iban_format(r, iban_make(r, c), style or r.choice(["space", "space", "compact", "compact"]))


def iban_c(r, countries=None):
    return iban(r, countries, "compact")


def iban_bad(r, style=None):
    c = r.choice(["IT", "IT", "IT", "DE", "FR", "ES", "GB"])
    if r.random() < 0.3:
        v = iban_wrong_length(r, c)
    else:
        v = iban_break(r, iban_make(r, c))
    return iban_format(r, v, style or r.choice(["space", "compact"]))


def iban_masked(r):
    v = iban_make(r, r.choice(["IT", "IT", "DE", "FR"]))
    k = r.randrange(3)
    if k == 0:
        return v[:4] + " **** **** **** " + v[-4:]
    if k == 1:
        return v[:2] + "*" * (len(v) - 6) + v[-4:]
    return "%s XXXX XXXX XXXX XXXX %s" % (v[:4], v[-3:])


def cf(r):
    return cf_make(r, omocodia=r.choice([0, 0, 0, 0, 0, 0, 1, 2]))


def piva(r):
    return piva_make(r)


def vat_it(r):
    return ("IT" + piva(r)) if r.random() < 0.35 else piva(r)


def not_piva(s):
    """11-digit reference numbers: make them fail the partita-IVA check"""
    return piva_break(s) if piva_ok(s) else s


def not_luhn(d):
    return luhn_break(d) if luhn_sum_ok(d) else d


def ip4(r, kind=None):
    return ipv4_make(r, kind or r.choice(["pub", "pub", "pub", "p10", "p192"]))


def pw(r):
    return password_make(r)


def d_it(r, y=None):
    return "%02d/%02d/%d" % (r.randint(1, 28), r.randint(1, 12), y or r.randint(2024, 2025))


def d_iso(r, y=None):
    return "%d-%02d-%02d" % (y or r.randint(2024, 2025), r.randint(1, 12), r.randint(1, 28))


def d_us(r, y=None):
    return "%02d/%02d/%d" % (r.randint(1, 12), r.randint(1, 28), y or r.randint(2024, 2025))


def dob(r, fmt="it"):
    y = r.randint(1952, 2003)
    return "%02d/%02d/%d" % (r.randint(1, 28), r.randint(1, 12), y) if fmt == "it" else "%02d/%02d/%d" % (r.randint(1, 12), r.randint(1, 28), y)


def ts_iso(r):
    return "2025-%02d-%02dT%02d:%02d:%02d.%03dZ" % (r.randint(1, 12), r.randint(1, 28), r.randint(0, 23), r.randint(0, 59), r.randint(0, 59), r.randint(0, 999))


def eur_it(r, lo=10, hi=25000):
    v = r.randint(lo * 100, hi * 100)
    s = "{:,}".format(v // 100).replace(",", ".")
    return "%s,%02d" % (s, v % 100)


def amt(r, lo=10, hi=25000):
    return "%.2f" % (r.randint(lo * 100, hi * 100) / 100)


def amt_swift(r):
    return amt(r, 100, 90000).replace(".", ",")


def exp(r):
    return "%02d/%02d" % (r.randint(1, 12), r.randint(26, 31))


def cvv(r, n=3):
    return rs(r, DG, n)


COMP_IT = ["Officine Lorenzi S.r.l.", "Gruppo Adriatica S.p.A.", "Studio Ferri & Associati", "Medilab Torino S.r.l.",
           "Logistica Padana Soc. Coop.", "Cantiere Nautico Serra S.r.l.", "Agenzia Sole S.n.c.", "Ferramenta Galli di Galli Marco",
           "Caseificio Val Taro S.r.l.", "Tipografia Moretti S.a.s."]
COMP_EN = ["Bluefin Analytics Ltd", "Harbourline Ltd", "Nordkap Systems GmbH", "Maison Lefevre SARL", "Keystone Dental Group LLC",
           "Riverside Orthopedics PC", "Northgate Payroll Inc.", "Acme Fulfilment BV"]
ADDR_IT = ["Via Roma 12, %s Milano", "Corso Vittorio Emanuele II 45, %s Torino", "Via dei Mille 8, %s Napoli", "Piazza Maggiore 3, %s Bologna",
           "Viale Europa 101/B, %s Roma", "Via Garibaldi 27, %s Genova", "Via Mazzini 4, %s Verona", "Borgo Pinti 19, %s Firenze"]
ADDR_US = ["1600 Market St, Suite 400, Philadelphia, PA %s", "350 Fifth Avenue, New York, NY %s", "77 W Wacker Dr, Chicago, IL %s",
           "500 Pine St, Seattle, WA %s", "1 Peachtree Center, Atlanta, GA %s"]
CITY_IT = ["Milano", "Roma", "Torino", "Napoli", "Bologna", "Firenze", "Verona", "Parma", "Bari", "Padova"]


def addr_it(r):
    return r.choice(ADDR_IT) % cap(r)


def addr_us(r):
    return r.choice(ADDR_US) % zip_us(r)


def mk_email(r, f=None, l=None, domain=None):
    return email_make(r, f, l, domain)


def phone_it(r):
    return phone_make(r, r.choice(["it_mob", "it_mob", "it_land"]))


def phone_us(r):
    return phone_make(r, "us")


def phone_uk(r):
    return phone_make(r, "uk")


def marker(r, lang):
    en = ["CONFIDENTIAL", "STRICTLY CONFIDENTIAL", "PRIVATE AND CONFIDENTIAL", "INTERNAL USE ONLY", "CONFIDENTIAL - HR"]
    it = ["STRETTAMENTE RISERVATO", "RISERVATO", "RISERVATO PERSONALE", "CONFIDENZIALE", "USO INTERNO"]
    return r.choice(it if lang == "it" else en)


# ------------------------------------------------------------------ registries
POS, NEG, JUDGE = [], [], []


def pos(name, w):
    def deco(fn):
        POS.append((name, w, fn))
        return fn
    return deco


def neg(name, w):
    def deco(fn):
        NEG.append((name, w, fn))
        return fn
    return deco


def judge(name, w):
    def deco(fn):
        JUDGE.append((name, w, fn))
        return fn
    return deco


# ================================================================== positives: payments and banking
def swift_block(r, snd, rcv, mt="103"):
    return "{1:F01%sAXXX%s}{2:I%s%sXXXXN}{3:{108:%s}{121:%s}}{4:\n" % (snd[:8], rs(r, DG, 10), mt, rcv[:8], rs(r, UP + DG, 12), uetr(r))


@pos("mt103", 6)
def _(r):
    lang = L(r, 0.35)
    snd, rcv = bic(r, "IT"), bic(r)
    o, b = full_name(r), r.choice(COMP_EN + COMP_IT)
    segs = [pick_lang(lang, r.choice(["Our correspondent rejected this MT103, can you spot why?\n\n", "Explain each field of this SWIFT message:\n\n", "Convert this MT103 into a pacs.008 XML:\n\n"]),
                      r.choice(["La banca corrispondente ha respinto questo MT103, vedi il motivo?\n\n", "Spiegami i campi di questo messaggio SWIFT:\n\n"])),
            swift_block(r, snd, rcv), ":20:%s\n:23B:CRED\n:32A:%s%s%s\n:50K:/" % (rs(r, UP + DG, 14), "25%02d%02d" % (r.randint(1, 12), r.randint(1, 28)), r.choice(["EUR", "EUR", "USD", "GBP"]), amt_swift(r)),
            F("IBAN", iban_c(r, ["IT"])), "\n%s\n%s\n:52A:%s\n:57A:%s\n:59:/" % (o.upper(), addr_it(r).upper()[:35], snd, rcv),
            F("IBAN", iban_c(r, ["DE", "FR", "NL", "ES", "GB", "BE", "AT", "IE"])), "\n%s\n%s\n:70:/INV/%s\n:71A:%s\n-}" % (b.upper()[:35], r.choice(["HAUPTSTRASSE 5 BERLIN", "RUE DE RIVOLI 10 PARIS", "KEIZERSGRACHT 1 AMSTERDAM"]),
                                                                                                                   invoice_no(r).replace(" ", ""), r.choice(["SHA", "OUR", "BEN"]))]
    return C(lang, segs)


@pos("mt940", 4)
def _(r):
    lang = L(r, 0.4)
    own = iban_c(r, ["IT"])
    segs = [pick_lang(lang, "Parse this MT940 into a CSV with date, amount and counterparty:\n\n", "Trasforma questo MT940 in CSV con data, importo e controparte:\n\n"),
            "{1:F01%sAXXX%s}{2:O940%s}{4:\n:20:STMT%s\n:25:" % (bic(r, "IT")[:8], rs(r, DG, 10), rs(r, DG, 10), rs(r, DG, 8)), F("IBAN", own),
            "\n:28C:%d/1\n:60F:C25%02d%02dEUR%s\n" % (r.randint(1, 300), r.randint(1, 12), r.randint(1, 28), amt_swift(r))]
    for _ in range(r.randint(2, 4)):
        dc = r.choice(["C", "D"])
        segs.append(":61:25%02d%02d%s%sNTRF%s//%s\n:86:" % (r.randint(1, 12), r.randint(1, 28), dc, amt_swift(r), rs(r, UP + DG, 10), rs(r, DG, 8)))
        if r.random() < 0.6:
            segs += [r.choice(["BONIFICO SEPA DA ", "SEPA CT ", "GIROCONTO "]) + full_name(r).upper() + " IBAN ", F("IBAN", iban_c(r)), " CAUSALE %s\n" % invoice_no(r)]
        else:
            segs.append("%s CARTA %s %s\n" % (r.choice(["PAGAMENTO POS", "PRELIEVO ATM"]), masked_pan(r, style="x12"), r.choice(["ESSELUNGA", "AUTOGRILL", "Q8 EASY", "AMAZON EU"])))
    segs.append(":62F:C25%02d%02dEUR%s\n-}" % (r.randint(1, 12), r.randint(1, 28), amt_swift(r)))
    return C(lang, segs)


def xml_iban(tag_pre, v, ind):
    return ["%s<%s><Id><IBAN>" % (ind, tag_pre), F("IBAN", v), "</IBAN></Id></%s>\n" % tag_pre]


@pos("pain001", 6)
def _(r):
    lang = L(r, 0.4)
    comp = r.choice(COMP_IT)
    segs = [pick_lang(lang, r.choice(["The bank's portal says this pain.001 fails schema validation, what's wrong?\n\n", "Add a second credit transfer to this pain.001:\n\n"]),
                      r.choice(["Il portale della banca dice che questo pain.001 non valida, cosa c'è che non va?\n\n", "Aggiungi un secondo bonifico a questo pain.001:\n\n"])),
            '<?xml version="1.0" encoding="UTF-8"?>\n<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pain.001.001.09">\n<CstmrCdtTrfInitn>\n  <GrpHdr><MsgId>%s</MsgId><CreDtTm>%s</CreDtTm><NbOfTxs>%d</NbOfTxs><InitgPty><Nm>%s</Nm>' % (
                msg_id(r), ts_iso(r)[:19], r.randint(1, 3), comp)]
    if r.random() < 0.5:
        segs += ["<Id><OrgId><Othr><Id>", F("IT_VAT", piva(r)), "</Id><Issr>ADE</Issr></Othr></OrgId></Id>"]
    segs.append("</InitgPty></GrpHdr>\n  <PmtInf><PmtInfId>%s</PmtInfId><PmtMtd>TRF</PmtMtd><ReqdExctnDt><Dt>%s</Dt></ReqdExctnDt>\n    <Dbtr><Nm>%s</Nm></Dbtr>\n" % (
        rs(r, UP + DG, 10), d_iso(r), comp))
    segs += xml_iban("DbtrAcct", iban_c(r, ["IT"]), "    ")
    segs.append("    <DbtrAgt><FinInstnId><BICFI>%s</BICFI></FinInstnId></DbtrAgt>\n" % bic(r, "IT"))
    for _ in range(r.randint(1, 2)):
        segs.append('    <CdtTrfTxInf><PmtId><EndToEndId>%s</EndToEndId><UETR>%s</UETR></PmtId><Amt><InstdAmt Ccy="EUR">%s</InstdAmt></Amt>\n      <CdtrAgt><FinInstnId><BICFI>%s</BICFI></FinInstnId></CdtrAgt><Cdtr><Nm>%s</Nm></Cdtr>\n' % (
            e2e_id(r) or "NOTPROVIDED", uetr(r), amt(r), bic(r), r.choice(COMP_IT + COMP_EN + [full_name(r)])))
        segs += xml_iban("CdtrAcct", iban_c(r), "      ")
        segs.append("      <RmtInf><Ustrd>%s</Ustrd></RmtInf></CdtTrfTxInf>\n" % r.choice(["Saldo fattura " + invoice_no(r), "Stipendio %s" % r.choice(["marzo", "aprile", "maggio"]), "Rimborso spese"]))
    segs.append("  </PmtInf>\n</CstmrCdtTrfInitn>\n</Document>")
    return C(lang, segs)


@pos("camt053", 4)
def _(r):
    lang = L(r, 0.3)
    segs = [pick_lang(lang, "Which of these camt.053 entries are customer payments? List name and amount.\n\n", "Quali movimenti di questo camt.053 sono incassi da clienti?\n\n"),
            "<BkToCstmrStmt><Stmt><Id>%s</Id><ElctrncSeqNb>%d</ElctrncSeqNb>\n  <Acct>" % (rs(r, UP + DG, 16), r.randint(1, 250)), "<Id><IBAN>", F("IBAN", iban_c(r)),
            "</IBAN></Id><Ccy>EUR</Ccy><Svcr><FinInstnId><BIC>%s</BIC></FinInstnId></Svcr></Acct>\n" % bic(r)]
    for _ in range(r.randint(1, 3)):
        segs.append('  <Ntry><Amt Ccy="EUR">%s</Amt><CdtDbtInd>CRDT</CdtDbtInd><BookgDt><Dt>%s</Dt></BookgDt><AcctSvcrRef>%s</AcctSvcrRef>\n    <NtryDtls><TxDtls><Refs><EndToEndId>%s</EndToEndId><UETR>%s</UETR></Refs>\n      <RltdPties><Dbtr><Pty><Nm>%s</Nm></Pty></Dbtr><DbtrAcct><Id><IBAN>' % (
            amt(r), d_iso(r), rs(r, DG, 16), e2e_id(r) or "NOTPROVIDED", uetr(r), full_name(r)))
        segs += [F("IBAN", iban_c(r)), "</IBAN></Id></DbtrAcct></RltdPties>\n      <RmtInf><Ustrd>%s</Ustrd></RmtInf></TxDtls></NtryDtls></Ntry>\n" % ("FATT " + invoice_no(r))]
    segs.append("</Stmt></BkToCstmrStmt>")
    return C(lang, segs)


@pos("sdd_mandate", 5)
def _(r):
    lang = L(r, 0.6)
    name = full_name(r)
    cid = sepa_creditor_id(r, "IT")
    if lang == "it":
        segs = ["Controlla che questo mandato SDD sia compilato correttamente:\n\nMANDATO PER ADDEBITO DIRETTO SEPA CORE\nRiferimento del mandato: %s\nCreditore: %s - Codice identificativo del creditore: %s\n" % (mandate_ref(r), r.choice(COMP_IT), cid),
                "Debitore: %s\nCodice fiscale: " % name, F("IT_FISCAL_CODE", cf(r)), "\nIndirizzo: %s\nIBAN del debitore: " % addr_it(r), F("IBAN", iban(r, ["IT"])),
                "\nSWIFT BIC: %s\nTipo pagamento: %s\nLuogo e data: %s, %s" % (bic(r, "IT"), r.choice(["ricorrente", "singolo"]), r.choice(CITY_IT), d_it(r))]
    else:
        segs = ["Is this SEPA mandate valid for B2C collections?\n\nSEPA Direct Debit Mandate\nMandate reference: %s\nCreditor identifier: %s\nDebtor name: %s\nDebtor IBAN: " % (mandate_ref(r), sepa_creditor_id(r, r.choice(["IT", "DE", "NL"])), name),
                F("IBAN", iban(r, ["DE", "NL", "IT", "FR", "AT"])), "\nBIC: %s\nDebtor e-mail: " % bic(r), F("EMAIL", mk_email(r)), "\nType of payment: %s\nSigned %s" % (r.choice(["recurrent", "one-off"]), d_iso(r))]
    return C(lang, segs)


@pos("statement_csv", 6)
def _(r):
    lang = L(r, 0.6)
    head = pick_lang(lang, "Categorise these transactions for the expense report:\n\nDate,Value date,Description,Amount,Currency\n",
                     "Categorizza questi movimenti per la nota spese:\n\nData contabile;Data valuta;Descrizione;Importo;Divisa\n")
    sep = ";" if lang == "it" else ","
    segs = [head]
    rows = []
    n_pos = 0
    for _ in range(r.randint(4, 7)):
        k = r.randrange(6)
        d = d_it(r)
        a = ("-" if r.random() < 0.7 else "") + (eur_it(r, 5, 3000) if lang == "it" else amt(r, 5, 3000))
        if lang == "en":
            a = '"%s"' % a
        if k == 0 or (k == 1 and n_pos == 0):
            rows.append([d + sep + d + sep + r.choice(["BONIFICO SEPA A FAVORE DI ", "BONIFICO ISTANTANEO DA ", "SEPA CT FROM "]) + full_name(r).upper() + " IBAN ",
                         F("IBAN", iban_c(r)), " CRO %s" % not_piva(cro(r)) + sep + a + sep + "EUR\n"])
            n_pos += 1
        elif k == 2:
            rows.append([d + sep + d + sep + "PAGAMENTO POS %s CARTA %s" % (r.choice(["ESSELUNGA", "TRENITALIA", "IKEA", "SHELL"]), masked_pan(r, style=r.choice(["x12", "groups"]))) + sep + a + sep + "EUR\n"])
        elif k == 3:
            rows.append([d + sep + d + sep + "ADDEBITO SDD CID %s MANDATO %s %s" % (sepa_creditor_id(r, "IT"), mandate_ref(r), r.choice(["ENEL ENERGIA", "TIM", "FASTWEB", "A2A"])) + sep + a + sep + "EUR\n"])
        elif k == 4:
            rows.append([d + sep + d + sep + "PAGOPA IUV %s %s" % (iuv(r), r.choice(["COMUNE DI " + r.choice(CITY_IT).upper(), "AGENZIA ENTRATE RISCOSSIONE"])) + sep + a + sep + "EUR\n"])
        else:
            rows.append([d + sep + d + sep + "COMMISSIONI TENUTA CONTO" + sep + "-2,50" + sep + "EUR\n"])
    if n_pos == 0:
        rows.append([d_it(r) + sep + d_it(r) + sep + "STIPENDIO DA %s IBAN " % r.choice(COMP_IT).upper(), F("IBAN", iban_c(r, ["IT"])), sep + ("1.850,00" if lang == "it" else '"1850.00"') + sep + "EUR\n"])
    for row in rows:
        segs += row
    return C(lang, segs)


@pos("ofx", 3)
def _(r):
    segs = ["Why does GnuCash import this OFX with the wrong sign?\n\nOFXHEADER:100\nDATA:OFXSGML\n<OFX><BANKMSGSRSV1><STMTTRNRS><TRNUID>%s<STMTRS><CURDEF>EUR\n<BANKACCTFROM><BANKID>%s<BRANCHID>%s<ACCTID>" % (
        rs(r, DG, 8), abi(r), cab(r)), F("IBAN", iban_c(r, ["IT", "FR", "DE"])), "<ACCTTYPE>CHECKING</BANKACCTFROM>\n<BANKTRANLIST>\n"]
    for _ in range(r.randint(2, 4)):
        segs.append("<STMTTRN><TRNTYPE>%s<DTPOSTED>2025%02d%02d<TRNAMT>%s<FITID>%s<NAME>%s<MEMO>%s</STMTTRN>\n" % (
            r.choice(["DEBIT", "CREDIT", "POS"]), r.randint(1, 12), r.randint(1, 28), r.choice(["-", ""]) + amt(r, 5, 2000), rs(r, DG, 15),
            r.choice(["AMAZON EU SARL", "UBER BV", full_name(r).upper()]), r.choice(["CARD %s" % masked_pan(r, style="x12"), "REF " + rs(r, UP + DG, 10), "SEPA CT"])))
    segs.append("</BANKTRANLIST></STMTRS></STMTTRNRS></BANKMSGSRSV1></OFX>")
    return C("en", segs)


@pos("psd2_json", 5)
def _(r):
    tok = jwt_make(r, alg=r.choice(["RS256", "PS256", "ES256"]))
    segs = ["Our open-banking client gets 401 from the ASPSP. Request and the accounts response we cached:\n\nGET /v1/accounts/%s/transactions?bookingStatus=booked HTTP/1.1\nX-Request-ID: %s\nConsent-ID: %s\nAuthorization: Bearer " % (
        rs(r, LO + DG, 20), uetr(r), rs(r, AN, 24)), F("JWT", tok), "\nPSU-IP-Address: ", F("IP_ADDRESS", ip4(r, "pub")), "\n\n"]
    segs += ['{"account": {"iban": "', F("IBAN", iban_c(r)), '", "currency": "EUR"},\n "transactions": {"booked": [\n']
    for i in range(r.randint(1, 3)):
        segs += ['  {"transactionId": "%s", "bookingDate": "%s", "transactionAmount": {"currency": "EUR", "amount": "%s"},\n   "creditorName": "%s", "creditorAccount": {"iban": "' % (
            rs(r, DG, 12) + "-" + rs(r, DG, 4), d_iso(r), r.choice(["-", ""]) + amt(r), r.choice(COMP_EN + COMP_IT)), F("IBAN", iban_c(r)),
                 '"},\n   "remittanceInformationUnstructured": "%s", "endToEndId": "%s"}%s\n' % (invoice_no(r), e2e_id(r) or "NOTPROVIDED", "," if i < 0 else "")]
    segs.append("]}}")
    return C("en", segs)


@pos("stripe_webhook", 7)
def _(r):
    d = cc_digits(r, ("visa", "mc", "mc2"))
    f, l = person(r)
    brand = "visa" if d[0] == "4" else "mastercard"
    segs = [r.choice(["Our webhook handler throws KeyError on this event, why?\n\n", "Write a TypedDict for this event payload:\n\n", "Perché il nostro handler va in errore su questo evento?\n\n"]),
            '{\n  "id": "%s",\n  "object": "event",\n  "api_version": "2024-06-20",\n  "type": "charge.succeeded",\n  "data": {"object": {\n    "id": "%s",\n    "amount": %d,\n    "currency": "eur",\n    "customer": "%s",\n    "payment_intent": "%s",\n    "billing_details": {"email": "' % (
                stripe_id(r, "evt"), stripe_id(r, "ch"), r.randint(100, 99999), stripe_id(r, "cus"), stripe_id(r, "pi")), F("EMAIL", mk_email(r, f, l)), '", "name": "%s %s", "phone": ' % (f, l)]
    if r.random() < 0.6:
        segs += ['"', F("PHONE", phone_make(r, r.choice(["it_mob", "uk", "us", "de"]))), '"']
    else:
        segs.append("null")
    segs.append(', "address": {"postal_code": "%s", "country": "IT"}},\n    "payment_method_details": {"type": "card", "card": {"brand": "%s", "last4": "%s", "exp_month": %d, "exp_year": %d, "fingerprint": "%s", "funding": "credit", "network_transaction_id": "%s", "iin": "%s"}},\n' % (
        cap(r), brand, d[-4:], r.randint(1, 12), r.randint(2026, 2031), card_fingerprint(r), rs(r, DG, 15), d[:6]))
    segs += ['    "metadata": {"order_id": "%s", "client_ip": "' % rs(r, DG, 7), F("IP_ADDRESS", ip4(r, "pub")), '"},\n    "receipt_url": "https://pay.stripe.com/receipts/payment/%s"\n  }}\n}' % rs(r, AN + "-_", 40)]
    return C("en", segs)


@pos("stripe_curl", 3)
def _(r):
    lang = L(r, 0.3)
    segs = [pick_lang(lang, "This refund call returns 'No such charge', what am I doing wrong?\n\n", "Questa chiamata di rimborso risponde 'No such charge', cosa sbaglio?\n\n"),
            "curl https://api.stripe.com/v1/refunds \\\n  -u ", F("STRIPE_KEY", stripe_key(r, r.choice(["sk_live_", "rk_live_"]))), ": \\\n  -d charge=%s \\\n  -d amount=%d \\\n  -d reason=requested_by_customer" % (
                stripe_id(r, "ch"), r.randint(100, 20000))]
    return C(lang, segs)


@pos("adyen_notification", 4)
def _(r):
    d = cc_digits(r, ("visa", "mc"))
    segs = ["Our Adyen notification endpoint rejects this with HMAC mismatch. Payload:\n\n", '{"live": "true", "notificationItems": [{"NotificationRequestItem": {\n  "eventCode": "AUTHORISATION", "success": "true",\n  "pspReference": "%s", "merchantReference": "%s",\n  "amount": {"currency": "EUR", "value": %d},\n  "additionalData": {"cardBin": "%s", "cardSummary": "%s", "expiryDate": "%d/%d", "authCode": "%s", "shopperEmail": "' % (
        not_luhn(psp_ref(r)), "ORD-" + rs(r, DG, 8), r.randint(100, 99999), d[:6], d[-4:], r.randint(1, 12), r.randint(2026, 2031), auth_code(r)), F("EMAIL", mk_email(r)),
            '", "shopperIP": "', F("IP_ADDRESS", ip4(r, "pub")), '", "issuerCountry": "%s", "hmacSignature": "%s"},\n  "paymentMethod": "%s"}}]}' % (
                r.choice(["IT", "DE", "NL", "GB"]), base64.b64encode(bytes(r.randrange(256) for _ in range(32))).decode(), r.choice(["visa", "mc"]))]
    return C("en", segs)


@pos("gateway_log", 5)
def _(r):
    segs = [r.choice(["A developer left debug logging on in the payment service. Which lines must we purge?\n\n", "Summarise what happened to order %s from these logs:\n\n" % rs(r, DG, 7)])]
    lines = []
    for _ in range(r.randint(2, 4)):
        d = cc_digits(r)
        lines.append(["%s INFO  gw.auth approved pan=%s amount=%s EUR rrn=%s auth=%s\n" % (ts_iso(r), masked_pan(r, d, "stars6"), amt(r), rs(r, DG, 12), auth_code(r))])
    leak = cc_digits(r)
    lines.append(["%s DEBUG gw.http request body={\"card\":{\"number\":\"" % ts_iso(r), F("CREDIT_CARD", leak), "\",\"exp\":\"%s\",\"cvc\":\"%s\"},\"customer_ip\":\"" % (exp(r), cvv(r)),
                  F("IP_ADDRESS", ip4(r)), "\"}\n"])
    if r.random() < 0.5:
        lines.append(["%s WARN  risk.score high for email=" % ts_iso(r), F("EMAIL", mk_email(r)), " bin=%s score=%d\n" % (card_digits(r, "visa")[:6], r.randint(60, 99))])
    r.shuffle(lines)
    for ln in lines:
        segs += ln
    return C("en", segs)


@pos("chargeback_mail", 5)
def _(r):
    lang = L(r, 0.4)
    f, l = person(r)
    d = cc_digits(r)
    full = r.random() < 0.5
    if lang == "en":
        segs = ["Help me answer this chargeback notice:\n\nFrom: Disputes Team (acquirer)\nSubject: Chargeback %s - reason code %s\n\nCase ID: %s\nARN: %s\nTransaction date: %s  Amount: EUR %s\nCard: " % (
            "CB-" + rs(r, DG, 8), r.choice(["10.4", "13.1", "4837", "4853", "13.3"]), rs(r, DG, 10), arn(r), d_iso(r), amt(r))]
        segs += [F("CREDIT_CARD", card_format(r, d, "visa" if d[0] == "4" else "mc")) if full else masked_pan(r, d), "\nCardholder: %s %s <" % (f, l), F("EMAIL", mk_email(r, f, l)),
                 ">\nRespond by %s with proof of delivery." % d_iso(r)]
    else:
        segs = ["Aiutami a rispondere a questa contestazione:\n\nOggetto: Chargeback pratica %s - motivo %s\n\nARN: %s\nData operazione: %s  Importo: EUR %s\nCarta: " % (
            "CB-" + rs(r, DG, 8), r.choice(["merce non ricevuta", "transazione non autorizzata"]), arn(r), d_it(r), eur_it(r))]
        segs += [F("CREDIT_CARD", card_format(r, d, "visa" if d[0] == "4" else "mc")) if full else masked_pan(r, d), "\nTitolare: %s %s, tel. " % (f, l), F("PHONE", phone_it(r)),
                 "\nRisposta entro il %s con prova di consegna." % d_it(r)]
    return C(lang, segs)


@pos("support_chat_card", 8)
def _(r):
    lang = L(r, 0.45)
    f, l = person(r)
    v = cc(r)
    amex = len(re.sub(r"\D", "", v)) == 15
    if lang == "en":
        segs = [r.choice(["Summarise this chat for the billing team:\n\n", "Rewrite the agent's replies to sound friendlier:\n\n"]),
                "[%02d:%02d] Agent: How would you like to pay the renewal?\n[%02d:%02d] %s: by card please, " % (r.randint(8, 18), r.randint(0, 59), r.randint(8, 18), r.randint(0, 59), f),
                F("CREDIT_CARD", v), r.choice([" exp %s cvv %s" % (exp(r), cvv(r, 4 if amex else 3)), ", expires %s, security code %s" % (exp(r), cvv(r, 4 if amex else 3))]),
                "\n[%02d:%02d] Agent: Thanks %s, and the billing ZIP?\n[%02d:%02d] %s: %s" % (r.randint(8, 18), r.randint(0, 59), f, r.randint(8, 18), r.randint(0, 59), f, zip_us(r))]
    else:
        segs = [r.choice(["Riassumi questa chat per l'ufficio amministrazione:\n\n", "Rendi più cortesi le risposte dell'operatore:\n\n"]),
                "Operatore: Come preferisce pagare il rinnovo?\n%s %s: con la carta, il numero è " % (f, l), F("CREDIT_CARD", v),
                r.choice([" scadenza %s cvv %s" % (exp(r), cvv(r, 4 if amex else 3)), ", scad. %s, codice di sicurezza %s" % (exp(r), cvv(r, 4 if amex else 3))]),
                "\nOperatore: Perfetto, mi conferma un recapito?\n%s %s: " % (f, l), F("PHONE", phone_it(r))]
    return C(lang, segs)


@pos("bonifico_it", 7)
def _(r):
    ord_, ben = full_name(r), r.choice(COMP_IT)
    segs = [r.choice(["Scrivi una mail al fornitore per confermare il pagamento, allego la contabile:\n\n", "Estrai beneficiario, importo e data da questa contabile:\n\n"]),
            "CONTABILE BONIFICO SEPA\nData esecuzione: %s   Data valuta beneficiario: %s\nOrdinante: %s\nIBAN ordinante: " % (d_it(r), d_it(r), ord_), F("IBAN", iban(r, ["IT"])),
            "\nBeneficiario: %s\nIBAN beneficiario: " % ben, F("IBAN", iban(r, ["IT", "IT", "SM"])),
            "\nBIC: %s\nImporto: EUR %s\nCommissioni: EUR 0,00\nCRO: %s\nTRN: %s\nCausale: Saldo fattura %s del %s" % (bic(r, "IT"), eur_it(r), not_piva(cro(r)), trn(r), invoice_no(r), d_it(r))]
    return C("it", segs)


@pos("rid_insoluto", 4)
def _(r):
    name = full_name(r)
    segs = ["Riscrivi questa comunicazione in modo meno burocratico:\n\nGentile %s,\nl'addebito diretto SDD relativo al mandato %s (creditore %s, CID %s) di EUR %s con scadenza %s è risultato insoluto. " % (
        name, mandate_ref(r), r.choice(["ENEL ENERGIA S.P.A.", "FASTWEB S.P.A.", r.choice(COMP_IT)]), sepa_creditor_id(r, "IT"), eur_it(r, 20, 800), d_it(r)),
            "Conto di addebito: ", F("IBAN", iban(r, ["IT"])), ", intestatario codice fiscale ", F("IT_FISCAL_CODE", cf(r)),
            ".\nLa preghiamo di regolarizzare entro 15 giorni; per informazioni chiami il numero ", F("PHONE", phone_make(r, "it_land")), "."]
    return C("it", segs)


@pos("f24", 5)
def _(r):
    segs = ["Controlla se ho compilato bene l'F24, soprattutto i codici tributo:\n\nMODELLO F24\nCONTRIBUENTE\nCodice fiscale: ", F("IT_FISCAL_CODE", cf(r)),
            "\nCognome, denominazione o ragione sociale: %s\nNome: %s\nData di nascita: %s  Sesso: %s  Comune di nascita: %s\n" % (r.choice(LAST_NAMES).upper(), r.choice(FIRST_NAMES).upper(), dob(r), r.choice("MF"), r.choice(CITY_IT).upper())]
    if r.random() < 0.35:
        segs += ["Codice fiscale del coobbligato: ", F("IT_FISCAL_CODE", cf(r)), "   Codice identificativo: %s\n" % r.choice(["62", "02", "74"])]
    segs.append("SEZIONE ERARIO\n")
    for _ in range(r.randint(1, 3)):
        segs.append("codice tributo %s  rateazione %s  anno di riferimento %d  importi a debito %s\n" % (codice_tributo(r), r.choice(["0101", "0102", "    "]), r.randint(2023, 2025), eur_it(r, 50, 9000)))
    segs += ["SEZIONE IMU E ALTRI TRIBUTI LOCALI\ncodice ente %s  codice tributo 3918  anno %d  importo %s\nESTREMI DEL VERSAMENTO\nData: %s\nAutorizzo addebito su conto corrente IBAN: " % (
        r.choice(CF_PLACES), r.randint(2024, 2025), eur_it(r, 100, 3000), d_it(r)), F("IBAN", iban(r, ["IT"]))]
    return C("it", segs)


@pos("pagopa_avviso", 5)
def _(r):
    segs = ["Mi spieghi come pagare questo avviso e se posso farlo con l'home banking?\n\nAVVISO DI PAGAMENTO pagoPA\nENTE CREDITORE: %s\nDESTINATARIO AVVISO: %s\nCodice Fiscale/Partita IVA: " % (
        r.choice(["Comune di " + r.choice(CITY_IT), "Università degli Studi di " + r.choice(CITY_IT), "ASL " + r.choice(CITY_IT) + " 1"]), full_name(r).upper()), F("IT_FISCAL_CODE", cf(r)),
            "\nIndirizzo: %s\nOggetto del pagamento: %s\nImporto: %s euro entro il %s\nCodice Avviso: %s\nCodice CBILL: %s\nIUV: %s" % (
                addr_it(r), r.choice(["TARI 2025 rata unica", "Retta mensa scolastica", "Tassa di iscrizione a.a. 2025/26", "Ticket prestazione specialistica"]), eur_it(r, 20, 900), d_it(r),
                codice_avviso(r), cbill(r), iuv(r))]
    return C("it", segs)


@pos("invoice_it", 7)
def _(r):
    comp = r.choice(COMP_IT)
    segs = [r.choice(["Traduci in inglese questa fattura per il cliente estero:\n\n", "Il cliente dice che la fattura è sbagliata, controlla i dati:\n\n", "Estrai i dati della fattura in JSON:\n\n"]),
            "%s\n%s\nP.IVA " % (comp, addr_it(r)), F("IT_VAT", vat_it(r)), " - Tel. ", F("PHONE", phone_make(r, "it_land")), " - PEC ", F("EMAIL", mk_email(r, domain=r.choice(["legalmail.it", "pec.it", "postecert.it"]))),
            "\n\nFATTURA N. %s del %s\nSpett.le %s\n" % (invoice_no(r), d_it(r), r.choice([full_name(r), r.choice(COMP_IT)]))]
    if r.random() < 0.5:
        segs += ["Codice fiscale: ", F("IT_FISCAL_CODE", cf(r)), "\n"]
    else:
        segs += ["Partita IVA: ", F("IT_VAT", vat_it(r)), "  Codice destinatario: %s\n" % rs(r, UP + DG, 7)]
    imp = r.randint(100, 20000)
    segs.append("Descrizione: %s  Imponibile: %s  IVA 22%%: %s  Totale: %s\nPagamento: bonifico a 30 gg d.f. su IBAN " % (
        r.choice(["Consulenza fiscale", "Manutenzione impianto", "Fornitura materiale", "Servizio di trasporto"]), eur_it(r, imp, imp), eur_it(r, imp // 5, imp // 5), eur_it(r, imp, imp + 4000)))
    segs += [F("IBAN", iban(r, ["IT"])), " - BIC %s - ABI %s CAB %s" % (bic(r, "IT"), abi(r), cab(r))]
    return C("it", segs)


@pos("invoice_en", 3)
def _(r):
    segs = ["Our client says the remittance advice doesn't match the invoice, compare them:\n\nINVOICE %s  Date %s\nBill to: %s, attn. " % (invoice_no(r), d_iso(r), r.choice(COMP_EN)),
            F("EMAIL", mk_email(r)), "\nSupplier: %s, VAT no. " % r.choice(COMP_IT), F("IT_VAT", "IT" + piva(r)),
            "\nTotal due: EUR %s\nBank details: IBAN " % amt(r, 500, 40000), F("IBAN", iban(r, ["IT", "IE", "NL", "DE"])), " BIC %s\n\nREMITTANCE ADVICE\nPaid EUR %s on %s, UETR %s" % (bic(r), amt(r, 500, 40000), d_iso(r), uetr(r))]
    return C("en", segs)


@pos("homebanking_creds", 3)
def _(r):
    lang = L(r, 0.6)
    if lang == "it":
        segs = ["Non riesco a entrare nell'home banking, ti incollo cosa ho scritto nel form:\ncodice titolare: %s\npassword: " % rs(r, DG, 8), F("PASSWORD", pw(r)),
                "\nMi dice credenziali errate, cosa posso fare prima di chiamare la banca?"]
    else:
        segs = ["The treasury portal keeps locking me out. My login is user: treasury.%s, password: " % r.choice(["ops", "admin", "desk"]), F("PASSWORD", pw(r)),
                " - write an e-mail to the bank's helpdesk asking for a reset."]
    return C(lang, segs)


@pos("cbi_sftp", 3)
def _(r):
    user = r.choice(["cbi_upload", "treasury", "sdd_out", "ebics01"])
    p = rs(r, AN, r.randint(12, 18))
    host = r.choice(["sftp.cbi-gateway.example.it", "h2h.banca-nord.example", "files.treasury-hub.example.com"])
    if r.random() < 0.5:
        segs = ["The nightly job that uploads the SDD flow fails, here is the config:\n\nflows:\n  sdd_out:\n    target: ", F("CREDENTIAL_URL", "sftp://%s:%s@%s:22/inbound/SDD" % (user, p, host)),
                "\n    file_pattern: 'SDD_%s_*.xml'\n    schedule: '0 2 * * *'" % rs(r, DG, 5)]
    else:
        segs = ["Il job notturno che carica i flussi CBI fallisce, ecco la configurazione:\n\n[sftp]\nhost = %s\nport = 22\nusername = %s\npassword = " % (host, user), F("PASSWORD", p),
                "\nremote_dir = /inbound/CBI\nabi_mittente = %s" % abi(r)]
    return C("en" if segs[0].startswith("The") else "it", segs)


# ================================================================== positives: HR, healthcare, insurance
@pos("cedolino", 7)
def _(r):
    name = full_name(r)
    segs = ["Spiegami le voci di questo cedolino, non capisco perché il netto è calato:\n\n%s - CEDOLINO PAGA %s %d\nMatricola INPS azienda: %s   Posizione INAIL: %s\nDipendente: %s   Matricola: %s\nCodice fiscale: " % (
        r.choice(COMP_IT).upper(), r.choice(["GENNAIO", "MARZO", "GIUGNO", "OTTOBRE"]), 2025, inps_matricola_azienda(r), inail_pat(r), name.upper(), matricola(r)), F("IT_FISCAL_CODE", cf(r)),
            "\nQualifica: %s  Livello: %s  Data assunzione: %s\nRetribuzione base %s  Superminimo %s  Straordinari %s\nContributi IVS 9,19%% %s  IRPEF lorda %s  Addizionale regionale %s\nNETTO IN BUSTA %s\nAccredito su IBAN " % (
                r.choice(["Impiegato", "Operaio", "Quadro"]), r.choice(["3", "4", "5S", "B2"]), d_it(r, r.randint(2005, 2023)), eur_it(r, 1500, 3000), eur_it(r, 50, 400), eur_it(r, 0, 500),
                eur_it(r, 100, 300), eur_it(r, 200, 900), eur_it(r, 10, 80), eur_it(r, 1200, 2800)), F("IBAN", iban(r, ["IT"]))]
    return C("it", segs)


@pos("contract", 5)
def _(r):
    lang = L(r, 0.6)
    f, l = person(r)
    mk = r.random() < 0.4
    if lang == "it":
        segs = []
        if mk:
            segs += [F("CONFIDENTIAL_MARKER", marker(r, "it")), "\n"]
        segs += ["CONTRATTO DI LAVORO SUBORDINATO A TEMPO %s\nTra %s e il/la Sig./Sig.ra %s %s, nato/a a %s il %s, codice fiscale " % (
            r.choice(["INDETERMINATO", "DETERMINATO"]), r.choice(COMP_IT), f, l, r.choice(CITY_IT), dob(r)), F("IT_FISCAL_CODE", cf(r)),
                 ", residente in %s, tel. " % addr_it(r), F("PHONE", phone_it(r)), ", e-mail ", F("EMAIL", mk_email(r, f, l)),
                 "\nsi conviene: inquadramento livello %s CCNL %s, RAL EUR %s, periodo di prova %d giorni.\n\nRiformula la clausola di non concorrenza in modo più chiaro." % (
                     r.choice(["3", "4", "5"]), r.choice(["Commercio", "Metalmeccanico", "Studi professionali"]), eur_it(r, 24000, 60000), r.choice([30, 60, 90]))]
    else:
        segs = []
        if mk:
            segs += [F("CONFIDENTIAL_MARKER", marker(r, "en")), "\n"]
        segs += ["OFFER OF EMPLOYMENT\nDear %s %s,\nWe are pleased to offer you the position of %s at %s, starting %s, base salary USD %s per year.\nSSN on file: " % (
            f, l, r.choice(["Senior Accountant", "Payroll Specialist", "Claims Adjuster", "Nurse Practitioner"]), r.choice(COMP_EN), d_us(r), "{:,}".format(r.randint(55, 180) * 1000)),
                 F("US_SSN", ssn_make(r)), "\nPersonal e-mail: ", F("EMAIL", mk_email(r, f, l)), "\n\nMake this letter shorter and warmer."]
    return C(lang, segs)


@pos("cv", 6)
def _(r):
    lang = L(r, 0.45)
    f, l = person(r)
    if lang == "it":
        segs = ["Migliora questo CV per una candidatura da controller:\n\n%s %s\n%s\nCell. " % (f.upper(), l.upper(), addr_it(r)), F("PHONE", phone_make(r, "it_mob")), " | ", F("EMAIL", mk_email(r, f, l)),
                "\nNato/a il %s | Patente B\n\nESPERIENZE\n%d-oggi  Controller, %s\n%d-%d  Contabile, %s\n\nISTRUZIONE\nLaurea in Economia, voto 108/110" % (
                    dob(r), r.randint(2018, 2023), r.choice(COMP_IT), r.randint(2010, 2014), r.randint(2015, 2018), r.choice(COMP_IT))]
    else:
        reg = r.choice(["uk", "us", "it_mob"])
        segs = ["Tighten this résumé for a payroll manager role:\n\n%s %s\n" % (f, l), F("EMAIL", mk_email(r, f, l)), " · ", F("PHONE", phone_make(r, reg)),
                " · linkedin.com/in/%s-%s-%s\n\nEXPERIENCE\n%d–present  Payroll Lead, %s\n%d–%d  Payroll Analyst, %s\n\nEDUCATION\nBSc Accounting, %d" % (
                    f.lower(), l.lower().replace(" ", "").replace("'", ""), rs(r, LO + DG, 6), r.randint(2018, 2023), r.choice(COMP_EN), r.randint(2010, 2014), r.randint(2015, 2018), r.choice(COMP_EN), r.randint(2005, 2012))]
    return C(lang, segs)


@pos("malattia", 5)
def _(r):
    name = full_name(r)
    segs = ["Scrivi una mail all'ufficio personale per comunicare l'assenza, ecco i dati del certificato:\n\nCERTIFICATO DI MALATTIA - INPS\nNumero di protocollo: %s\nLavoratore: %s\nCodice fiscale: " % (protocollo_inps(r), name.upper()),
            F("IT_FISCAL_CODE", cf(r)), "\nReperibilità: %s\nData inizio: %s   Prognosi fino al: %s\nTipo: %s\nMedico: Dott. %s, codice regionale %s" % (
                addr_it(r), d_it(r), d_it(r), r.choice(["inizio", "continuazione"]), full_name(r), rs(r, DG, 6))]
    if r.random() < 0.5:
        segs += ["\nRecapito del lavoratore: ", F("PHONE", phone_make(r, "it_mob"))]
    return C("it", segs)


@pos("impegnativa", 5)
def _(r):
    segs = ["Dove posso prenotare questa visita e quanto pago di ticket?\n\nSERVIZIO SANITARIO NAZIONALE - RICETTA ELETTRONICA\nNRE: %s\nCognome e nome: %s\nCodice fiscale: " % (nre(r), full_name(r).upper()),
            F("IT_FISCAL_CODE", cf(r)), "\nIndirizzo: %s\nEsenzione: %s   Sigla provincia: %s   Codice ASL: %s\nPrescrizione: %s\nPriorità: %s   Quesito diagnostico: %s\nTessera sanitaria n. %s" % (
                addr_it(r), r.choice(["NE", "E01", "048", "E02"]), r.choice(["MI", "TO", "BO", "RM"]), rs(r, DG, 3), r.choice(["VISITA CARDIOLOGICA", "ECOGRAFIA ADDOME COMPLETO", "RX TORACE", "VISITA DERMATOLOGICA"]),
                r.choice("UBDP"), icd10(r), tessera_sanitaria_num(r))]
    return C("it", segs)


@pos("claim_it", 5)
def _(r):
    f, l = person(r)
    segs = ["Riassumi questa denuncia di sinistro per il perito:\n\nDENUNCIA DI SINISTRO\nPolizza n. %s   Sinistro n. %s\nAssicurato: %s %s, codice fiscale " % (policy_no(r), claim_no(r), f, l), F("IT_FISCAL_CODE", cf(r)),
            "\nVeicolo: %s targa %s, telaio %s\nData e luogo: %s, %s\nDinamica: tamponamento in colonna, danni al paraurti posteriore.\nRecapiti: " % (
                r.choice(["Fiat Panda", "VW Golf", "Renault Clio", "Toyota Yaris"]), plate_it(r), vin(r), d_it(r), r.choice(CITY_IT)), F("PHONE", phone_make(r, "it_mob")), ", ", F("EMAIL", mk_email(r, f, l)),
            "\nIBAN per la liquidazione: ", F("IBAN", iban(r, ["IT"]))]
    return C("it", segs)


@pos("policy_us", 4)
def _(r):
    f, l = person(r)
    segs = ["Summarise this policy schedule for the customer:\n\nPOLICY SCHEDULE\nPolicy number: %s   Effective: %s\nPolicyholder: %s %s, DOB %s\nAddress: %s\nSSN: " % (policy_no(r), d_us(r), f, l, dob(r, "us"), addr_us(r)),
            F("US_SSN", ssn_make(r)), "\nPhone: ", F("PHONE", phone_us(r)), "\nVehicle: %s VIN %s plate %s\nPremium: USD %s / year, autopay from routing %s account ending %s" % (
                r.choice(["2021 Honda Civic", "2019 Ford F-150", "2022 Tesla Model 3"]), vin(r), rs(r, UP + DG, 7), amt(r, 600, 3000), aba_routing(r), rs(r, DG, 4))]
    return C("en", segs)


@pos("patient_us", 6)
def _(r):
    f, l = person(r)
    segs = [r.choice(["Summarise this discharge note for the patient in plain English:\n\n", "Draft the referral letter from this record:\n\n"]),
            "PATIENT: %s, %s   DOB: %s   MRN: %s\n" % (l.upper(), f, dob(r, "us"), mrn(r))]
    if r.random() < 0.8:
        segs += ["SSN: ", F("US_SSN", ssn_make(r)), "   "]
    segs += ["Phone: ", F("PHONE", phone_us(r)), "\nInsurance: Medicare MBI %s; secondary %s member ID %s group %s\nAttending: Dr. %s, NPI %s\nDx: %s, %s\nAdmitted %s, discharged %s. Follow-up with PCP in 7 days." % (
        mbi(r), r.choice(["Aetna", "BCBS", "UnitedHealthcare", "Cigna"]), member_id(r), group_no(r), full_name(r), npi(r), icd10(r), icd10(r), d_us(r), d_us(r))]
    return C("en", segs)


@pos("patient_uk", 4)
def _(r):
    f, l = person(r)
    segs = ["Turn this into a GP referral letter:\n\nName: %s %s   DOB: %s   NHS No: %s\nAddress: 12 Kingsway, Manchester M1 4BT\nTel: " % (f, l, dob(r), nhs_number(r, spaced=False)),
            F("PHONE", phone_uk(r)), "   Email: ", F("EMAIL", mk_email(r, f, l)), "\nPresenting complaint: lower back pain 6 weeks, %s\nGP practice code: P%s" % (icd10(r), rs(r, DG, 5))]
    return C("en", segs)


@pos("us_payroll", 4)
def _(r):
    f, l = person(r)
    segs = ["Fill in this direct deposit form from the employee's e-mail:\n\nEmployer: %s (EIN %s)\nEmployee: %s %s  SSN " % (r.choice(COMP_EN), ein(r), f, l), F("US_SSN", ssn_make(r)),
            "\nBank routing number: %s   Account number: %s   Type: %s\nNotify: " % (aba_routing(r), rs(r, DG, r.randint(8, 12)), r.choice(["checking", "savings"])), F("EMAIL", mk_email(r, f, l)),
            "\nZIP: %s" % zip_us(r)]
    return C("en", segs)


@pos("hr_salary_review", 3)
def _(r):
    f, l = person(r)
    segs = [F("CONFIDENTIAL_MARKER", marker(r, "en")), "\nSalary review 2025 - %s %s (employee ID %s)\nCurrent: EUR %s  Proposed: EUR %s (+%d%%)\nContact: " % (
        f, l, matricola(r), "{:,}".format(r.randint(30, 90) * 1000), "{:,}".format(r.randint(35, 100) * 1000), r.randint(2, 12)), F("EMAIL", mk_email(r, f, l)),
            "\n\nWrite the letter that communicates the raise."]
    return C("en", segs)



# ---- second wave: encodings these domains really use
@pos("mt940_subfields", 4)
def _(r):
    segs = ["Warum fehlt der Name des Auftraggebers im Import? / Why is the payer name missing after import?\n\n:20:%s\n:25:%s/%s\n:28C:%05d/001\n:60F:C25%02d%02dEUR%s\n" % (
        rs(r, DG, 10), rs(r, DG, 8), rs(r, DG, 10), r.randint(1, 300), r.randint(1, 12), r.randint(1, 28), amt_swift(r))]
    for _ in range(r.randint(1, 3)):
        segs += [":61:25%02d%02d%02d%02dCR%sNTRFNONREF\n:86:166?00SEPA-GUTSCHRIFT?20EREF+%s?21SVWZ+RE %s?30%s?31" % (
            r.randint(1, 12), r.randint(1, 28), r.randint(1, 12), r.randint(1, 28), amt_swift(r), rs(r, DG, 10), rs(r, DG, 6), bic(r, "DE")), F("IBAN", iban_c(r, ["DE", "DE", "AT", "NL", "IT"])),
                 "?32%s\n" % full_name(r).upper()[:27]]
    segs.append(":62F:C25%02d%02dEUR%s\n-" % (r.randint(1, 12), r.randint(1, 28), amt_swift(r)))
    return C("en", segs)


@pos("fatturapa_xml", 5)
def _(r):
    segs = ["Lo SDI scarta questa fattura elettronica con errore 00305, quale campo è sbagliato?\n\n<p:FatturaElettronica versione=\"FPR12\">\n<FatturaElettronicaHeader>\n <DatiTrasmissione><IdTrasmittente><IdPaese>IT</IdPaese><IdCodice>",
            F("IT_VAT", piva(r)), "</IdCodice></IdTrasmittente><ProgressivoInvio>%s</ProgressivoInvio><CodiceDestinatario>%s</CodiceDestinatario></DatiTrasmissione>\n <CedentePrestatore><DatiAnagrafici><IdFiscaleIVA><IdPaese>IT</IdPaese><IdCodice>" % (rs(r, UP + DG, 5), rs(r, UP + DG, 7)),
            F("IT_VAT", piva(r)), "</IdCodice></IdFiscaleIVA><Anagrafica><Denominazione>%s</Denominazione></Anagrafica><RegimeFiscale>RF01</RegimeFiscale></DatiAnagrafici>\n  <Contatti><Telefono>" % r.choice(COMP_IT),
            F("PHONE", phone_make(r, "it_land").replace(" ", "").replace("/", "").replace("-", "")), "</Telefono><Email>", F("EMAIL", mk_email(r)), "</Email></Contatti></CedentePrestatore>\n <CessionarioCommittente><DatiAnagrafici><CodiceFiscale>",
            F("IT_FISCAL_CODE", cf(r)), "</CodiceFiscale><Anagrafica><Nome>%s</Nome><Cognome>%s</Cognome></Anagrafica></DatiAnagrafici><Sede><Indirizzo>Via Roma 1</Indirizzo><CAP>%s</CAP><Comune>%s</Comune></Sede></CessionarioCommittente>\n</FatturaElettronicaHeader>\n<FatturaElettronicaBody><DatiGenerali><DatiGeneraliDocumento><Numero>%s</Numero><ImportoTotaleDocumento>%s</ImportoTotaleDocumento></DatiGeneraliDocumento><DatiContratto><CodiceCIG>%s</CodiceCIG><CodiceCUP>%s</CodiceCUP></DatiContratto></DatiGenerali>\n<DatiPagamento><CondizioniPagamento>TP02</CondizioniPagamento><DettaglioPagamento><ModalitaPagamento>MP05</ModalitaPagamento><IBAN>" % (
                r.choice(FIRST_NAMES), r.choice(LAST_NAMES), cap(r), r.choice(CITY_IT), invoice_no(r), amt(r), cig(r), cup(r)), F("IBAN", iban_c(r, ["IT"])), "</IBAN><ABI>%s</ABI><CAB>%s</CAB></DettaglioPagamento></DatiPagamento></FatturaElettronicaBody>\n</p:FatturaElettronica>" % (abi(r), cab(r))]
    return C("it", segs)


@pos("stripe_form_curl", 4)
def _(r):
    d = cc_digits(r, ("visa", "mc", "mc2", "amex"))
    segs = ["Our legacy server-side tokenisation call, why does it return card_declined?\n\ncurl https://api.stripe.com/v1/tokens \\\n  -u ", F("STRIPE_KEY", stripe_key(r, "sk_live_")), ": \\\n  -d \"card[number]=", F("CREDIT_CARD", d),
            "\" \\\n  -d \"card[exp_month]=%d\" -d \"card[exp_year]=%d\" -d \"card[cvc]=%s\" \\\n  -d \"card[name]=%s\"" % (r.randint(1, 12), r.randint(2026, 2031), cvv(r), full_name(r))]
    return C("en", segs)


@pos("chat_card_grouping", 5)
def _(r):
    lang = L(r, 0.55)
    k = r.randrange(4)
    why = None
    if k == 0:
        d = card_19(r)
        g = r.choice(["4-4-4-4-3", "compact", "6-13"])
        v = {"4-4-4-4-3": " ".join([d[:4], d[4:8], d[8:12], d[12:16], d[16:]]), "compact": d, "6-13": d[:6] + " " + d[6:]}[g]
    else:
        d = card_digits(r, r.choice(["visa", "mc", "mc2"]))
        g = r.choice(["8-8", "4-6-6", "double-space"])
        v = {"8-8": d[:8] + " " + d[8:], "4-6-6": d[:4] + " " + d[4:10] + " " + d[10:], "double-space": "  ".join([d[:4], d[4:8], d[8:12], d[12:]])}[g]
    if g in ("8-8", "6-13"):
        why = "card number typed in a grouping no brand prints (%s): labelled CREDIT_CARD (Luhn-valid, named as a card)" % g
    segs = [pick_lang(lang, "Customer message from the app: \"card ", "Messaggio del cliente dall'app: \"la carta bancomat "), F("CREDIT_CARD", v),
            pick_lang(lang, " was charged twice for the same ticket, please refund\". Reply politely.", " mi è stata addebitata due volte, rimborsatemi\". Rispondi in modo cortese.")]
    return J(lang, segs, why) if why else C(lang, segs)


@pos("intake_ssn_spaced", 3)
def _(r):
    f, l = person(r)
    segs = ["Type this scanned intake form into our template:\n\nPatient name: %s %s    DOB: %s\nSocial Security No.: " % (f, l, dob(r, "us")), F("US_SSN", ssn_make(r).replace("-", " ")),
            "\nHome phone: ", F("PHONE", phone_us(r)), "\nEmergency contact: %s (spouse)\nAllergies: penicillin" % full_name(r)]
    return C("en", segs)


@pos("hl7_pid", 4)
def _(r):
    f, l = person(r)
    ph = phone_us(r)
    segs = ["The interface engine drops this ADT message, find the malformed segment:\n\nMSH|^~\\&|EPIC|%s|LAB|LAB|2025%02d%02d%02d%02d||ADT^A04|%s|P|2.3\nEVN|A04|2025%02d%02d\nPID|1||%s^^^HOSP^MR||%s^%s||%s|%s|||%s^^%s^%s^%s||" % (
        r.choice(["MERCY", "STJOHN", "NGH"]), r.randint(1, 12), r.randint(1, 28), r.randint(0, 23), r.randint(0, 59), rs(r, DG, 9), r.randint(1, 12), r.randint(1, 28),
        mrn(r).replace("-", ""), l.upper(), f.upper(), "19%02d%02d%02d" % (r.randint(40, 99), r.randint(1, 12), r.randint(1, 28)), r.choice("MF"),
        r.choice(["12 MAIN ST", "400 OAK AVE"]), r.choice(["SPRINGFIELD", "DAYTON", "AUSTIN"]), r.choice(["IL", "OH", "TX"]), zip_us(r)[:5]), F("PHONE", ph),
        "|||%s|%s||" % (r.choice(["M", "S"]), r.choice(["CHR", "CAT", "NON"]) + "|" + rs(r, DG, 8)), F("US_SSN", ssn_make(r)), "\nPV1|1|O|CLINIC^^^^^|||||%s^%s^%s\n" % (npi(r), r.choice(LAST_NAMES).upper(), r.choice(FIRST_NAMES).upper())]
    return C("en", segs)


@pos("hr_csv_export", 5)
def _(r):
    lang = L(r, 0.6)
    head = pick_lang(lang, "Clean up this HR export and flag missing fields:\n\nemployee_id,name,tax_code,iban,mobile,email,hire_date\n",
                     "Sistema questo export del gestionale del personale e segnala i campi mancanti:\n\nmatricola;nominativo;codice_fiscale;iban;cellulare;email;data_assunzione\n")
    sep = "," if lang == "en" else ";"
    segs = [head]
    for _ in range(r.randint(2, 4)):
        f, l = person(r)
        row = [matricola(r) + sep + "%s %s" % (f, l) + sep, F("IT_FISCAL_CODE", cf(r)), sep]
        row += [F("IBAN", iban_c(r, ["IT"])) if r.random() < 0.85 else "", sep]
        row += [F("PHONE", phone_make(r, "it_mob")) if r.random() < 0.8 else "", sep, F("EMAIL", mk_email(r, f, l)), sep + d_it(r, r.randint(2010, 2025)) + "\n"]
        segs += row
    return C(lang, segs)


@pos("psd2_ipv6", 2)
def _(r):
    segs = ["Is this PSD2 request header set complete?\n\nPOST /v1/consents HTTP/1.1\nX-Request-ID: %s\nPSU-IP-Address: " % uetr(r), F("IP_ADDRESS", ipv6_make(r, "global")),
            "\nPSU-User-Agent: Mozilla/5.0\nTPP-Redirect-URI: https://tpp.example.com/cb\n\n{\"access\": {\"accounts\": [{\"iban\": \"", F("IBAN", iban_c(r)), "\"}]}, \"recurringIndicator\": true, \"validUntil\": \"%s\", \"frequencyPerDay\": 4}" % d_iso(r)]
    return C("en", segs)


# ================================================================== negatives
def negc(lang, text):
    return C(lang, [text])


@neg("mt103_noiban", 4)
def _(r):
    snd, rcv = bic(r, "IT"), bic(r, "US")
    t = "Why is this USD payment stuck at the intermediary?\n\n" + swift_block(r, snd, rcv) + ":20:%s\n:23B:CRED\n:32A:25%02d%02dUSD%s\n:50K:/%s\n%s\n:56A:%s\n:57D://FW%s\n%s\n:59:/%s\n%s\n:70:PO %s\n:71A:OUR\n-}" % (
        rs(r, UP + DG, 14), r.randint(1, 12), r.randint(1, 28), amt_swift(r), iban_masked(r).replace(" ", ""), r.choice(COMP_IT).upper(), bic(r, "US"), aba_routing(r), r.choice(["JPMORGAN CHASE BANK", "WELLS FARGO BANK NA"]),
        rs(r, DG, 10), r.choice(COMP_EN).upper(), rs(r, DG, 6))
    return negc("en", t)


@neg("bad_iban", 5)
def _(r):
    lang = L(r, 0.5)
    v = iban_bad(r)
    return negc(lang, pick_lang(lang, r.choice(["The bank rejects IBAN %s with 'invalid check digits', how is the check computed?" % v, "Is %s a valid IBAN? The customer typed it on the form." % v]),
                                r.choice(["La banca rifiuta l'IBAN %s per cifre di controllo errate: come si calcolano?" % v, "L'IBAN %s indicato in fattura viene scartato dal gestionale, perché?" % v])))


@neg("bad_card", 5)
def _(r):
    lang = L(r, 0.45)
    v = cc_bad(r)
    return negc(lang, pick_lang(lang, "The customer insists the card %s exp %s is correct but checkout says invalid number. Draft a reply." % (v, exp(r)),
                                "Il cliente dice che la carta %s scad. %s è giusta ma il checkout la rifiuta come numero non valido. Prepara una risposta." % (v, exp(r))))


@neg("gateway_event_masked", 5)
def _(r):
    d = cc_digits(r)
    t = 'Write a pydantic model for this event:\n{"id": "%s", "type": "charge.dispute.created", "data": {"object": {"id": "%s", "charge": "%s", "amount": %d, "reason": "%s", "payment_method_details": {"card": {"brand": "%s", "last4": "%s", "bin": "%s", "masked_number": "%s", "exp_month": %d, "exp_year": %d, "fingerprint": "%s"}}, "evidence_due_by": %d}}}' % (
        stripe_id(r, "evt"), stripe_id(r, "dp"), stripe_id(r, "ch"), r.randint(500, 90000), r.choice(["fraudulent", "product_not_received", "duplicate"]), "visa" if d[0] == "4" else "mastercard",
        d[-4:], d[:6], masked_pan(r, d, "stars6"), r.randint(1, 12), r.randint(2026, 2031), card_fingerprint(r), r.randint(1700000000, 1790000000))
    return negc("en", t)


@neg("chargeback_arn", 4)
def _(r):
    d = cc_digits(r)
    lang = L(r, 0.4)
    return negc(lang, pick_lang(lang, "Acquirer says ARN %s, card %s, auth code %s, RRN %s, reason code %s. What evidence should we send?" % (arn(r), masked_pan(r, d), auth_code(r), rs(r, DG, 12), r.choice(["10.4", "13.1", "4853"])),
                                "L'acquirer indica ARN %s, carta %s, codice autorizzazione %s, importo EUR %s. Che documenti mandiamo per contestare?" % (arn(r), masked_pan(r, d), auth_code(r), eur_it(r))))


@neg("pagopa_neg", 4)
def _(r):
    return negc("it", "Ho pagato l'avviso pagoPA con codice avviso %s (IUV %s, CBILL %s) di %s euro il %s ma risulta ancora da pagare. Come scrivo al Comune?" % (
        codice_avviso(r, r.random() < 0.7), iuv(r), cbill(r), eur_it(r, 20, 900), d_it(r)))


@neg("f24_codes", 3)
def _(r):
    rows = "\n".join("%s  %s  %d  %s" % (codice_tributo(r), r.choice(["0101", "0202", "0000"]), r.randint(2023, 2025), eur_it(r, 50, 5000)) for _ in range(r.randint(2, 4)))
    return negc("it", "Che differenza c'è tra questi codici tributo del mio F24?\ncodice  rateazione  anno  importo\n" + rows + "\nSaldo finale: " + eur_it(r, 100, 9000))


@neg("abi_cab", 3)
def _(r):
    return negc("it", "ABI %s CAB %s: a che banca e filiale corrispondono? Il BIC che ho è %s." % (abi(r), cab(r), bic(r, "IT")))


@neg("creditor_id", 3)
def _(r):
    c = r.choice(["IT", "IT", "DE", "NL", "ES"])
    return negc("en", "Our SEPA Creditor Identifier is %s and the bank says the mandate file is invalid (pain.008, sequence FRST, collection date %s). Is the CI format right?" % (sepa_creditor_id(r, c), d_iso(r)))


@neg("statement_masked", 4)
def _(r):
    lines = []
    for _ in range(r.randint(3, 6)):
        lines.append("%s;%s;%s;-%s" % (d_it(r), r.choice(["PAGAMENTO POS", "PAGAMENTO CONTACTLESS", "ADDEBITO CARTA"]), r.choice(["CONAD", "IP STATION", "FARMACIA COMUNALE", "TRENORD"]) + " CARTA " + masked_pan(r, style=r.choice(["x12", "groups", "hash"])), eur_it(r, 2, 300)))
    return negc("it", "Somma le spese per categoria:\nData;Tipo;Descrizione;Importo\n" + "\n".join(lines) + "\nConto: " + iban_masked(r))


@neg("insurance_vehicle", 4)
def _(r):
    lang = L(r, 0.6)
    return negc(lang, pick_lang(lang, "Claim %s under policy %s: vehicle VIN %s, plate %s, loss date %s, estimate EUR %s. Is this covered by the collision clause?" % (claim_no(r), policy_no(r), vin(r), plate_uk(r), d_iso(r), amt(r, 300, 9000)),
                                "Sinistro %s, polizza %s: telaio %s, targa %s, data evento %s, preventivo carrozzeria %s euro. Rientra nella garanzia kasko?" % (claim_no(r), policy_no(r), vin(r), plate_it(r), d_it(r), eur_it(r, 300, 9000))))


@neg("tessera_sanitaria", 3)
def _(r):
    return negc("it", "Sul retro della tessera sanitaria (TEAM) c'è il numero di identificazione %s, codice istituzione %s, scadenza %s. Serve per il rimborso all'estero?" % (
        tessera_sanitaria_num(r), r.choice(["0%s" % rs(r, DG, 3), rs(r, DG, 4)]), d_it(r, r.randint(2026, 2031))))


@neg("us_ids", 5)
def _(r):
    return negc("en", "Credentialing form: provider NPI %s, practice EIN %s, billing routing %s, claim ZIP %s, patient MRN %s, Medicare MBI %s. Which of these goes in box 33 of the CMS-1500?" % (
        npi(r), ein(r), aba_routing(r), zip_us(r), mrn(r), mbi(r)))


@neg("nhs_compact", 2)
def _(r):
    return negc("en", "The pharmacy says NHS number %s doesn't match the prescription, but the practice code %s is right. How is the NHS number checksum computed?" % (nhs_number(r, spaced=False), "P" + rs(r, DG, 5)))


@neg("cedolino_anon", 3)
def _(r):
    return negc("it", "Matricola INPS azienda %s, posizione INAIL %s, livello %s CCNL Commercio, retribuzione lorda %s, contributi %s, netto %s: come si calcola il TFR maturato nel %d?" % (
        inps_matricola_azienda(r), inail_pat(r), r.choice(["3", "4", "5"]), eur_it(r, 1500, 3500), eur_it(r, 150, 400), eur_it(r, 1200, 2600), r.randint(2023, 2025)))


@neg("uetr_tracking", 3)
def _(r):
    return negc("en", "SWIFT gpi tracker: UETR %s, status ACSP, last update by %s at %s, amount EUR %s, charges %s. How long before the beneficiary bank credits it?" % (
        uetr(r), bic(r), ts_iso(r)[:16], amt(r, 100, 90000), r.choice(["SHA", "OUR"])))


@neg("invoice_numbers", 4)
def _(r):
    return negc("it", "Fattura %s del %s, imponibile %s, IVA 22%% %s, totale %s, scadenza %s, CAP di consegna %s, ordine %s. Scrivi un sollecito di pagamento cortese." % (
        invoice_no(r), d_it(r), eur_it(r), eur_it(r, 10, 3000), eur_it(r), d_it(r), cap(r), "ODA-" + rs(r, DG, 6)))


@neg("psp_refs", 3)
def _(r):
    return negc("en", "Reconcile these: pspReference %s, merchantReference ORD-%s, originalReference %s, payout batch %s, amount %s EUR." % (
        not_luhn(psp_ref(r)), rs(r, DG, 8), not_luhn(psp_ref(r)), rs(r, DG, 6), amt(r)))


@neg("stripe_test_tokens", 2)
def _(r):
    return negc("en", "In test mode I pass payment_method=pm_card_visa and source=tok_visa, and get back %s with last4 4242. How do I test a declined card?" % stripe_id(r, "pi"))


@neg("cro_trn", 3)
def _(r):
    return negc("it", "Il fornitore non vede il bonifico: CRO %s, TRN %s, data esecuzione %s, importo %s euro, BIC beneficiario %s. Cosa gli rispondo?" % (
        not_piva(cro(r)), trn(r), d_it(r), eur_it(r), bic(r, "IT")))


@neg("ssn_masked_invalid", 3)
def _(r):
    v = ssn_invalid(r)
    return negc("en", r.choice(["The W-2 shows SSN XXX-XX-%s; can I file the return with only the last four?" % rs(r, DG, 4),
                                "The payroll system rejects taxpayer ID %s as an SSN - is it an ITIN or just invalid?" % v]))


@neg("medical_codes", 2)
def _(r):
    return negc("en", "Explain the billing difference between ICD-10 %s and %s, CPT %s vs %s, for a claim dated %s with copay USD %s." % (
        icd10(r), icd10(r), rs(r, DG, 5), rs(r, DG, 5), d_us(r), amt(r, 10, 80)))


@neg("plain_it", 3)
def _(r):
    return negc("it", r.choice(["Che differenza c'è tra bonifico SEPA e bonifico istantaneo?", "Come funziona il rimborso della franchigia nella polizza RC auto?",
                                "Scrivi una policy interna sulle note spese e i rimborsi chilometrici.", "Spiegami cos'è il TFR e come si calcola in busta paga.",
                                "Cosa cambia per le imprese con il passaggio a pagoPA per le tasse universitarie?"]))


@neg("plain_en", 3)
def _(r):
    return negc("en", r.choice(["What is the difference between a MT103 and a pacs.008?", "Explain PSD2 strong customer authentication exemptions.",
                                "Write an FAQ about how chargebacks work for small merchants.", "What does HIPAA say about sharing discharge summaries by e-mail?",
                                "How does 3-D Secure 2 change liability for card-not-present fraud?"]))


@neg("imei_claim", 3)
def _(r):
    v = imei(r)
    lang = L(r, 0.6)
    c = negc(lang, pick_lang(lang, "Phone insurance claim %s: device IMEI %s, purchased %s for EUR %s, stolen on %s. Draft the claim summary." % (claim_no(r), v, d_iso(r), amt(r, 200, 1500), d_iso(r)),
                             "Sinistro %s polizza smartphone: IMEI %s, acquistato il %s a %s euro, furto del %s. Prepara il riepilogo per la compagnia." % (claim_no(r), v, d_it(r), eur_it(r, 200, 1500), d_it(r))))
    c["allow"].add(v)
    return c


@neg("uk_sortcode", 2)
def _(r):
    return negc("en", "Payroll change: sort code %s, account number %s, roll number %s, effective %s. Does BACS need 3 working days for this?" % (uk_sort_code(r), rs(r, DG, 8), rs(r, UP, 3) + rs(r, DG, 6), d_iso(r)))


@neg("fatturapa_codes", 2)
def _(r):
    return negc("it", "Nella fattura alla PA ho messo CIG %s, CUP %s, codice univoco ufficio %s, esigibilità IVA S (split payment). Manca qualcosa per lo SDI?" % (cig(r), cup(r), rs(r, UP + DG, 6)))


# ================================================================== judgement
@judge("test_cards", 3)
def _(r):
    v = r.choice(["4111 1111 1111 1111", "4242 4242 4242 4242", "5555 5555 5555 4444", "4000 0566 5566 5556", "378282246310005", "4111111111111111", "5105105105105100"])
    return J("en", ["Our QA uses card ", F("CREDIT_CARD", v), " exp 12/34 cvc 123 on the sandbox checkout; write the Cypress test for a successful payment."],
             "gateway documentation test card (Luhn-valid, public): labelled CREDIT_CARD as earlier audits did")


@judge("doc_iban", 2)
def _(r):
    v = r.choice(["DE89 3704 0044 0532 0130 00", "GB82 WEST 1234 5698 7654 32", "IT60 X054 2811 1010 0000 0123 456", "FR14 2004 1010 0505 0001 3M02 606", "NL91ABNA0417164300"])
    return J("en", ["The API docs use ", F("IBAN", v), " as the example beneficiary. Write a unit test for our IBAN validator with it."],
             "well-known documentation example IBAN (mod-97 valid, public): labelled IBAN")


@judge("ente_cf", 3)
def _(r):
    v = piva(r)
    return J("it", ["Avviso pagoPA: ente creditore Comune di %s, codice fiscale ente " % r.choice(CITY_IT), F("IT_VAT", v), ", codice avviso %s, importo %s euro. Come lo pago in tabaccheria?" % (codice_avviso(r), eur_it(r, 20, 500))],
             "11-digit codice fiscale of a public body (P.IVA checksum valid, public): labelled IT_VAT")


@judge("psp_luhn", 2)
def _(r):
    while True:
        v = psp_ref(r)
        if luhn_sum_ok(v):
            break
    return J("en", ["Adyen settlement line: pspReference %s, merchantReference ORD-%s, EUR %s. Match it to the order." % (v, rs(r, DG, 8), amt(r))],
             "16-digit PSP reference that happens to pass Luhn (prefix 8x, no card brand), named as pspReference: unlabelled", allow={v})


@judge("whsec", 2)
def _(r):
    v = whsec(r)
    return J("en", ["STRIPE_WEBHOOK_SECRET=%s\nThe signature check fails in production but works locally, why?" % v],
             "Stripe webhook signing secret: a secret with no taxonomy type; unlabelled", allow={v})


@judge("pk_live", 2)
def _(r):
    v = pk_live(r)
    return J("en", ["<script>const stripe = Stripe('%s');</script>\nIs it OK that this key is visible in the page source?" % v],
             "Stripe publishable key: public by design, not STRIPE_KEY; unlabelled", allow={v})


@judge("bban_coordinates", 2)
def _(r):
    v = iban_make(r, "IT")
    return J("it", ["Coordinate bancarie vecchio formato: CIN %s ABI %s CAB %s conto %s. Mi ricostruisci l'IBAN?" % (v[4], v[5:10], v[10:15], v[15:])],
             "Italian BBAN split into CIN/ABI/CAB/conto (the account, but not in IBAN form): unlabelled", allow={v[15:]})


@judge("nhs_spaced", 2)
def _(r):
    v = nhs_number(r, spaced=True)
    return J("en", ["Patient NHS No. %s, DOB %s - the hospital portal says the number is unknown. What should I check?" % (v, dob(r))],
             "NHS number printed 3-3-4 (mod-11 valid, NANP-phone-shaped, called NHS No.): unlabelled", allow={v})


@judge("avviso_luhn", 2)
def _(r):
    while True:
        v = codice_avviso(r, spaced=False)
        if luhn_sum_ok(v):
            break
    return J("it", ["Il codice avviso pagoPA %s non viene accettato dall'app della banca: ha 18 cifre, è giusto?" % v],
             "18-digit pagoPA notice number that happens to pass Luhn (prefix 3, JCB/Diners-like range): unlabelled", allow={v})


@judge("ssn_compact", 2)
def _(r):
    v = ssn_make(r).replace("-", "")
    return J("en", ["Employee census row: %s, hired %s, SSN " % (full_name(r), d_us(r)), F("US_SSN", v), ", salary %s. Convert it to the insurer's CSV format." % amt(r, 30000, 90000)],
             "SSN written without separators after the word SSN: labelled US_SSN")


@judge("hicn", 2)
def _(r):
    v = ssn_make(r)
    return J("en", ["Old Medicare card: HICN ", F("US_SSN", v), r.choice(["A", "B", "C1", "D"]), " - the clinic still bills with it; how do we look up the new MBI?"],
             "legacy Medicare HICN = SSN + beneficiary code: the SSN part labelled US_SSN")


@judge("card_pin", 2)
def _(r):
    v = cc(r, ("visa", "mc"))
    p = rs(r, DG, 4)
    return J("it", ["Cliente in chat: \"la mia carta ", F("CREDIT_CARD", v), " è bloccata, il PIN è %s, potete sbloccarla?\" Scrivi la risposta spiegando che non deve mai comunicare il PIN." % p],
             "card PIN typed in chat: no taxonomy type (not a password assignment); card labelled, PIN unlabelled", allow={p})


@judge("cf_lowercase", 2)
def _(r):
    v = cf(r).lower()
    return J("it", ["Cliente in chat: \"salve, il mio codice fiscale è ", F("IT_FISCAL_CODE", v), ", mi mandate il duplicato del cedolino?\" Rispondi."],
             "codice fiscale typed in lowercase in a chat (the format is uppercase, the value is the same): labelled")


@judge("x12_837", 2)
def _(r):
    f, l = person(r)
    ssn = ssn_make(r).replace("-", "")
    e = ein(r).replace("-", "")
    return J("en", ["Why does the clearinghouse reject this 837P?\n\nISA*00*          *00*          *ZZ*%s*ZZ*%s*250312*1200*^*00501*%s*0*P*:~\nNM1*85*2*%s*****XX*%s~\nREF*EI*%s~\nNM1*IL*1*%s*%s****MI*%s~\nREF*SY*" % (
        rs(r, UP + DG, 9).ljust(15), rs(r, UP + DG, 9).ljust(15), rs(r, DG, 9), r.choice(COMP_EN).upper(), npi(r), e, l.upper(), f.upper(), member_id(r)), F("US_SSN", ssn), "~\nDMG*D8*19%02d%02d%02d*%s~\nCLM*%s*%s***11:B:1*Y*A*Y*Y~" % (
        r.randint(40, 99), r.randint(1, 12), r.randint(1, 28), r.choice("MF"), rs(r, DG, 8), amt(r, 50, 900))],
             "X12 REF*SY carries the subscriber SSN as 9 bare digits (labelled US_SSN); REF*EI the billing EIN as 9 bare digits (unlabelled)", allow={e})


# ------------------------------------------------------------------ evasions (applied to a positive template)
ZW = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff"]


def fw(s, pred=lambda c: True):
    return "".join(chr(ord(c) + 0xFEE0) if 0x21 <= ord(c) <= 0x7E and pred(c) else c for c in s)


def evade(r, case):
    fs = [(i, s) for i, s in enumerate(case["segs"]) if isinstance(s, F) and s.enc is None and s.type not in ("PRIVATE_KEY", "PASSWORD", "CONFIDENTIAL_MARKER", "JWT")]
    if not fs:
        return False
    i, f = r.choice(fs)
    v = f.value
    kinds = ["zero-width", "zero-width", "fullwidth", "fullwidth"]
    if " " in v and f.type in ("IBAN", "CREDIT_CARD", "PHONE"):
        kinds.append("nbsp")
    kind = r.choice(kinds)
    if kind == "fullwidth":
        if f.type == "EMAIL":
            nv = v.replace("@", "＠") if r.random() < 0.6 else fw(v)
        elif f.type in ("US_SSN", "CREDIT_CARD", "PHONE", "IT_VAT", "IBAN"):
            nv = fw(v, str.isdigit) if r.random() < 0.7 else fw(v)
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
    return nfkc_strip(f.value).replace("\u00a0", " ").replace("\u202f", " ")


def valid_value(t, v):
    if t == "EMAIL":
        return bool(EMAIL_RE.fullmatch(v))
    if t == "PHONE":
        d = re.sub(r"\D", "", v)
        return 8 <= len(d) <= 15 and re.fullmatch(r"[+(]?[\d ()./+-]+", v) is not None
    if t == "CREDIT_CARD":
        return card_ok(v) and re.fullmatch(r"[\d -]+", v) is not None
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
    if t == "STRIPE_KEY":
        return bool(re.fullmatch(r"[sr]k_(live|test)_[A-Za-z0-9]{24,99}", v))
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
    ("STRIPE_KEY", re.compile(r"[sr]k_(?:live|test)_[A-Za-z0-9]{10,}"), None),
    ("CREDENTIAL_URL", re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://[^\s:/@]*:[^\s@/]+@[^\s/]+"), None),
    ("JWT", re.compile(r"eyJ[\w-]*\.[\w-]*\.[\w-]*"), jwt_ok),
    ("US_SSN", re.compile(r"(?<![\d-])\d{3}-\d{2}-\d{4}(?![\d-])"), ssn_ok),
    ("IT_VAT", re.compile(r"(?<![0-9A-Za-z])(?:IT)?\d{11}(?![0-9A-Za-z])"), lambda s: piva_ok(s[-11:])),
    ("IT_FISCAL_CODE", re.compile(r"(?<![0-9A-Za-z])[A-Za-z]{6}[0-9LMNPQRSTUVlmnpqrstuv]{2}[A-Za-z][0-9LMNPQRSTUVlmnpqrstuv]{2}[A-Za-z][0-9LMNPQRSTUVlmnpqrstuv]{3}[A-Za-z](?![0-9A-Za-z])"), cf_ok),
    ("IP_ADDRESS", IPV4_RE, ipv4_ok),
]
PW_ASSIGN = re.compile(r"(?i)(?:password|passwd|pwd|_pass)[\"']?[ \t]*[:=][ \t]*[\"']?([^\s\"',;&\\]*)")
PW_PLACEHOLDER = re.compile(r"^(|null|\*+|\u2591)$")


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
    tot = sum(t[1] for t in table)
    x = r.uniform(0, tot)
    for t in table:
        x -= t[1]
        if x <= 0:
            return t
    return table[-1]


def make_case(r, slot):
    if slot == "neg":
        name, w, fn = pick(r, NEG)
        c = fn(r)
        c["tags"].add("negative")
        return name, c
    if slot == "judge":
        name, w, fn = pick(r, JUDGE)
        c = fn(r)
        if not any(isinstance(s, F) for s in c["segs"]):
            c["tags"].add("negative")
        return name, c
    name, w, fn = pick(r, POS)
    c = fn(r)
    if slot == "eva":
        if not evade(r, c):
            raise Retry("no evadable value")
    if slot == "dist":
        nname, nw, nfn = pick(r, NEG)
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
    slots = ["neg"] * round(n * 0.38) + ["judge"] * round(n * 0.08) + ["dist"] * round(n * 0.10) + ["eva"] * round(n * 0.13)
    slots += ["pos"] * (n - len(slots))
    slots = slots[:n]
    r.shuffle(slots)
    rows, meta = [], []
    prefix = "a18s%d" % seed
    retries = collections.Counter()
    for i, slot in enumerate(slots):
        for attempt in range(300):
            name = "?"
            try:
                name, c = make_case(r, slot)
                text, findings, blank = assemble(c)
                self_check(text, findings, blank, c["allow"])
                break
            except Retry as e:
                retries[name + " " + str(e)[:50]] += 1
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
    print("retries %d %s" % (sum(retries.values()), retries.most_common(8)), file=sys.stderr)


if __name__ == "__main__":
    main()
