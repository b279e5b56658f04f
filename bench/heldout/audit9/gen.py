#!/usr/bin/env python3
# Held-out corpus generator for promptwall audit9. Usage: gen.py SEED N OUT.jsonl
import random, json, sys, string, base64, zlib, hashlib, uuid
seed, N, out = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
R = random.Random(seed)
ch = R.choice
def rs(alpha, n): return ''.join(R.choice(alpha) for _ in range(n))
UP, LO, DG = string.ascii_uppercase, string.ascii_lowercase, string.digits
AN = UP + LO + DG
# ---------- value generators (positives) ----------
FIRST = ['mario','giulia','luca','francesca','marco','chiara','andrea','sara','paolo','elena','john','emily','michael','sarah','david','laura','kevin','priya','tom','anna']
LAST = ['rossi','bianchi','ferrari','esposito','romano','colombo','ricci','marino','greco','conti','smith','johnson','walker','patel','nguyen','miller','brown','de luca','gallo','fontana']
DOM = ['gmail.com','libero.it','outlook.com','hotmail.it','yahoo.com','fastwebnet.it','tim.it','studiolegale-conti.it','ferramenta-gallo.it','icloud.com','proton.me','acmeindustrie.eu']
def name(): return ch(FIRST).capitalize(), ch(LAST).title()
def email(f=None, l=None):
    f = f or ch(FIRST); l = (l or ch(LAST)).lower().replace(' ', '')
    loc = ch([f+'.'+l, f[0]+l, f+'_'+l+str(R.randint(1,99)), l+'.'+f, f+l[:3]+str(R.randint(70,99))])
    return loc + '@' + ch(DOM)
def phone():
    k = R.randint(0, 7)
    if k == 0: return '+39 3%d%d %03d %04d' % (R.randint(2,9), R.randint(0,9), R.randint(0,999), R.randint(0,9999))
    if k == 1: return '3%d%d%07d' % (R.randint(2,9), R.randint(0,9), R.randint(0,9999999))
    if k == 2: return '+39 02 %04d %04d' % (R.randint(1000,9999), R.randint(0,9999))
    if k == 3: return '06 %08d' % R.randint(10000000, 99999999)
    if k == 4: return '+1 (%d) %d-%04d' % (R.randint(201,989), R.randint(201,989), R.randint(0,9999))
    if k == 5: return '+44 7%03d %06d' % (R.randint(100,999), R.randint(0,999999))
    if k == 6: return '3%d%d-%03d-%04d' % (R.randint(2,9), R.randint(0,9), R.randint(0,999), R.randint(0,9999))
    return '0039 3%d%d %07d' % (R.randint(2,9), R.randint(0,9), R.randint(0,9999999))
def luhn_ok(s):
    d = [int(c) for c in s][::-1]; t = 0
    for i, x in enumerate(d):
        if i % 2: x = x*2 - 9 if x*2 > 9 else x*2
        t += x
    return t % 10 == 0
def luhn_complete(p):
    for c in DG:
        if luhn_ok(p + c): return p + c
def card(valid=True):
    k = R.randint(0, 3)
    if k == 3:
        n = luhn_complete(ch(['34','37']) + rs(DG, 12))
        if not valid: n = n[:-1] + str((int(n[-1]) + 3) % 10)
        return '%s %s %s' % (n[:4], n[4:10], n[10:])
    n = luhn_complete(ch(['4', '51', '53', '55', '2221'])[:4] + '')
    pre = ch(['4', '51', '53', '55', '6011'])
    n = luhn_complete(pre + rs(DG, 15 - len(pre)))
    if not valid: n = n[:-1] + str((int(n[-1]) + R.randint(1, 9)) % 10)
    sep = ch([' ', '-', '', ' '])
    return sep.join(n[i:i+4] for i in range(0, 16, 4))
IBL = {'IT': 27, 'DE': 22, 'FR': 27, 'ES': 24, 'GB': 22, 'NL': 18, 'BE': 16, 'AT': 20, 'CH': 21}
def iban_chk(cc, bban):
    s = bban + cc + '00'
    num = int(''.join(str(int(c, 36)) for c in s))
    return '%02d' % (98 - num % 97)
def iban(valid=True, spaced=None, cc=None):
    cc = cc or ch(['IT', 'IT', 'IT', 'DE', 'FR', 'ES', 'GB', 'NL', 'BE', 'AT'])
    L = IBL[cc] - 4
    if cc == 'IT': bban = ch(UP) + rs(DG, 10) + rs(DG, 12)
    elif cc == 'GB': bban = ch(['NWBK', 'BARC', 'LOYD', 'HBUK']) + rs(DG, 14)
    elif cc == 'NL': bban = ch(['ABNA', 'RABO', 'INGB']) + rs(DG, 10)
    else: bban = rs(DG, L)
    c = iban_chk(cc, bban)
    if not valid: c = '%02d' % ((int(c) + R.randint(1, 50)) % 97 + 2)
    s = cc + c + bban
    if spaced is None: spaced = R.random() < 0.4
    return ' '.join(s[i:i+4] for i in range(0, len(s), 4)) if spaced else s
ODD = dict(zip(DG + UP, [1,0,5,7,9,13,15,17,19,21] + [1,0,5,7,9,13,15,17,19,21,2,4,18,20,11,3,6,8,12,14,16,10,22,25,24,23]))
def cf_check(s15):
    t = 0
    for i, c in enumerate(s15):
        t += ODD[c] if i % 2 == 0 else (int(c) if c.isdigit() else ord(c) - 65)
    return chr(65 + t % 26)
def cf(valid=True):
    cons = 'BCDFGHJKLMNPQRSTVZ'
    s = rs(cons, 3) + rs(cons, 3) + '%02d' % R.randint(50, 99) + ch('ABCDEHLMPRST') + '%02d' % (R.randint(1, 28) + ch([0, 40])) + ch(['H501', 'F205', 'L219', 'A944', 'G273', 'F839', 'D612', 'L736', 'C351'])
    c = cf_check(s)
    if not valid: c = ch([x for x in UP if x != c])
    return s + c
def piva(valid=True):
    b = rs(DG, 7) + '%03d' % R.randint(1, 100)
    t = 0
    for i, c in enumerate(b):
        x = int(c)
        if i % 2: x = x*2 - 9 if x*2 > 9 else x*2
        t += x
    c = (10 - t % 10) % 10
    if not valid: c = (c + R.randint(1, 9)) % 10
    return b + str(c)
def ssn(valid=True):
    if valid:
        a = R.randint(1, 899)
        while a == 666: a = R.randint(1, 899)
        return '%03d-%02d-%04d' % (a, R.randint(1, 99), R.randint(1, 9999))
    return ch(['000-%02d-%04d' % (R.randint(1, 99), R.randint(1, 9999)), '666-%02d-%04d' % (R.randint(1, 99), R.randint(1, 9999)),
               '%03d-00-%04d' % (R.randint(1, 899), R.randint(1, 9999)), '9%02d-%02d-%04d' % (R.randint(0, 99), R.randint(1, 99), R.randint(1, 9999))])
def ip():
    k = R.random()
    if k < 0.75:
        a = ch([31, 37, 46, 51, 62, 79, 80, 82, 93, 151, 185, 188, 193, 212, 213, 217])
        return '%d.%d.%d.%d' % (a, R.randint(0, 255), R.randint(0, 255), R.randint(1, 254))
    return '2a01:%x:%x:%x::%x' % (R.randint(256, 65535), R.randint(1, 65535), R.randint(1, 65535), R.randint(1, 65535))
B32 = UP + '234567'
def aws_ak(): return ch(['AKIA', 'AKIA', 'ASIA']) + rs(B32, 16)
def aws_sk(): return rs(AN + '+/', 40)
B62 = DG + UP + LO
def b62(n, w):
    s = ''
    while n: n, r = divmod(n, 62); s = B62[r] + s
    return s.rjust(w, '0')
def gh():
    body = rs(AN, 30)
    return ch(['ghp_', 'ghp_', 'gho_', 'ghs_', 'ghu_']) + body + b62(zlib.crc32(body.encode()) & 0xffffffff, 6)
def gl(): return 'glpat-' + rs(AN + '-_', 20)
def slack_tok(): return ch(['xoxb-', 'xoxp-', 'xoxb-']) + str(R.randint(10**10, 10**12)) + '-' + str(R.randint(10**10, 10**12)) + ('-' + str(R.randint(10**10, 10**12)) if R.random() < .3 else '') + '-' + rs(AN, 24 if R.random() < .7 else 32)
def slack_wh(): return 'https://hooks.slack.com/services/T' + rs(UP + DG, 8) + '/B' + rs(UP + DG, 10) + '/' + rs(AN, 24)
def stripe(): return ch(['sk_live_', 'sk_live_', 'rk_live_']) + rs(AN, ch([24, 34, 99]))
def openai(): return ch(['sk-proj-' + rs(AN + '-_', 74) + 'T3BlbkFJ' + rs(AN + '-_', 74), 'sk-' + rs(AN, 20) + 'T3BlbkFJ' + rs(AN, 20), 'sk-svcacct-' + rs(AN + '-_', 58) + 'T3BlbkFJ' + rs(AN + '-_', 58)])
def anthropic(): return 'sk-ant-' + ch(['api03-', 'api03-', 'admin01-']) + rs(AN + '-_', 93) + 'AA'
def gkey(): return 'AIza' + rs(AN + '-_', 35)
def pkey():
    kind = ch(['RSA ', '', 'EC ', 'OPENSSH '])
    lines = [rs(AN + '+/', 64) for _ in range(R.randint(3, 7))] + [rs(AN + '+/', R.randint(10, 60)) + '==']
    return '-----BEGIN %sPRIVATE KEY-----\n%s\n-----END %sPRIVATE KEY-----' % (kind, '\n'.join(lines), kind)
def b64u(b): return base64.urlsafe_b64encode(b).rstrip(b'=').decode()
def jwt():
    h = {'alg': ch(['HS256', 'RS256', 'ES256']), 'typ': 'JWT'}
    if R.random() < .4: h = {'typ': 'JWT', 'alg': h['alg'], 'kid': rs(AN, 8)}
    f, l = name()
    p = {'sub': str(R.randint(1000, 999999)), 'email': email(f.lower(), l), 'iat': R.randint(1.7e9, 1.8e9), 'exp': R.randint(1.8e9, 1.9e9)}
    if R.random() < .5: p['role'] = ch(['admin', 'user', 'ops'])
    return b64u(json.dumps(h, separators=(',', ':')).encode()) + '.' + b64u(json.dumps(p, separators=(',', ':')).encode()) + '.' + b64u(bytes(R.getrandbits(8) for _ in range(ch([32, 64]))))
def pw(): return ch([ch(['Estate', 'Milano', 'Juventus', 'Sunshine', 'Gattino', 'Dragon', 'Primavera', 'Winter']) + str(R.randint(1, 2025)) + ch('!?#$*.'), rs(AN + '!@#$%&*', R.randint(10, 18)), ch(FIRST).capitalize() + ch(['_', '.', '-', '']) + str(R.randint(1960, 2010)) + ch(['!', '', '@'])])
def curl():
    u = ch(['svc_app', 'admin', 'root', 'etl', 'report', ch(FIRST)])
    p = rs(AN, R.randint(10, 18))
    sch = ch(['postgres', 'postgresql', 'mysql', 'mongodb+srv', 'redis', 'amqp', 'https', 'ftp', 'smtp'])
    host = ch(['db-prod-01.internal', 'pg.acme-srl.it', 'cluster0.x7fk2.mongodb.net', '10.20.3.14', 'mq.corp.local', 'git.intranet.lan', 'mail.studioconti.it'])
    return '%s://%s:%s@%s%s' % (sch, u, p, host, ch([':5432/erp', ':3306/crm', '/app', ':6379/0', ':5672/', '', '/repo.git']))
MARK_EN = ['CONFIDENTIAL', 'STRICTLY CONFIDENTIAL', 'INTERNAL USE ONLY', 'Confidential', 'TLP:RED', 'TLP:AMBER', 'COMPANY CONFIDENTIAL', 'RESTRICTED']
MARK_IT = ['RISERVATO', 'STRETTAMENTE RISERVATO', 'CONFIDENZIALE', 'USO INTERNO', 'Riservato', 'RISERVATO E CONFIDENZIALE', 'DOCUMENTO RISERVATO']
GEN = dict(EMAIL=email, PHONE=phone, CREDIT_CARD=card, IBAN=iban, IT_FISCAL_CODE=cf, IT_VAT=piva, US_SSN=ssn, IP_ADDRESS=ip,
           AWS_ACCESS_KEY=aws_ak, AWS_SECRET_KEY=aws_sk, GITHUB_TOKEN=gh, GITLAB_TOKEN=gl, SLACK_TOKEN=slack_tok, SLACK_WEBHOOK=slack_wh,
           STRIPE_KEY=stripe, OPENAI_KEY=openai, ANTHROPIC_KEY=anthropic, GOOGLE_API_KEY=gkey, PRIVATE_KEY=pkey, JWT=jwt,
           CREDENTIAL_URL=curl, PASSWORD=pw)
# ---------- snippets: lists of str | (TYPE, value) ----------
def V(t, v=None): return (t, v if v is not None else GEN[t]())
def M(lang): return ('CONFIDENTIAL_MARKER', ch(MARK_EN if lang == 'en' else MARK_IT))
def fn_(): f, l = name(); return f + ' ' + l
SNIP = {
 'EMAIL': {
  'en': [lambda: ['can you write a follow up to ', V('EMAIL'), ' asking for the signed contract'],
         lambda: ['From: ', fn_(), ' <', V('EMAIL'), '>\nSubject: re: invoice 2291\n\nhi, still waiting on the credit note'],
         lambda: ['customer (', V('EMAIL'), ') says she never got the refund, summarise the thread'],
         lambda: ['cc ', V('EMAIL'), ' and ', V('EMAIL'), ' on the reply pls']],
  'it': [lambda: ['scrivi una mail a ', V('EMAIL'), ' per sollecitare il pagamento'],
         lambda: ['Da: ', fn_(), ' <', V('EMAIL'), '>\nOggetto: R: preventivo\n\nbuongiorno, vi confermo l\'ordine'],
         lambda: ['il cliente mi ha scritto da ', V('EMAIL'), ', rispondi tu in modo gentile'],
         lambda: ['mail personale: ', V('EMAIL')],
         lambda: ['inoltro la conversazione:\n> Il giorno lun 3 mar, ', fn_(), ' <', V('EMAIL'), '> ha scritto:\n> la merce è arrivata rotta']]},
 'PHONE': {
  'en': [lambda: ['she asked to be called back on ', V('PHONE'), ' after 3pm'],
         lambda: ['Best regards,\n', fn_(), '\nSales Manager\nMob. ', V('PHONE')],
         lambda: ['caller id ', V('PHONE'), ' - complaint about late delivery']],
  'it': [lambda: ['mi ha lasciato il cell ', V('PHONE'), ' per richiamarlo'],
         lambda: ['Cordiali saluti\n', fn_(), '\nUfficio acquisti\ntel. ', V('PHONE')],
         lambda: ['contatto: ', fn_(), ' (', V('PHONE'), ')'],
         lambda: ['chiamami al ', V('PHONE'), ' se ci sono problemi col preventivo']]},
 'CREDIT_CARD': {
  'en': [lambda: ['the payment with card ', V('CREDIT_CARD'), ' exp 0' + str(R.randint(1, 9)) + '/2' + str(R.randint(6, 9)) + ' was declined, why?'],
         lambda: ['customer read me the card number over the phone: ', V('CREDIT_CARD')]],
  'it': [lambda: ['il pagamento con la carta ', V('CREDIT_CARD'), ' non va a buon fine'],
         lambda: ['numero carta ', V('CREDIT_CARD'), ' scadenza 1' + str(R.randint(0, 2)) + '/2' + str(R.randint(6, 9)) + ' cvv ' + rs(DG, 3)]]},
 'IBAN': {
  'en': [lambda: ['please update the supplier bank details to ', V('IBAN'), ' from next month'],
         lambda: ['wire to IBAN ', V('IBAN'), ' (' + fn_() + ')']],
  'it': [lambda: ['il nuovo IBAN è ', V('IBAN'), ', intestato a ' + fn_()],
         lambda: ['bonifico su ', V('IBAN'), ' causale fattura ' + str(R.randint(10, 400)) + '/2025'],
         lambda: ['coordinate bancarie\n', V('IBAN')]]},
 'IT_FISCAL_CODE': {
  'en': [lambda: ['the patient ' + fn_() + ' (tax code ', V('IT_FISCAL_CODE'), ') needs a new appointment']],
  'it': [lambda: ['codice fiscale ', V('IT_FISCAL_CODE'), ', compila tu il modulo'],
         lambda: [fn_() + ', CF: ', V('IT_FISCAL_CODE'), ' nato a Roma'],
         lambda: ['il dipendente ha cf ', V('IT_FISCAL_CODE'), ' ma il portale dice che non è valido, perché?']]},
 'IT_VAT': {
  'en': [lambda: ['supplier VAT number IT', V('IT_VAT'), ', check if the invoice format is right']],
  'it': [lambda: ['P.IVA ', V('IT_VAT'), ' - ' + ch(['Gallo Srl', 'Conti & C. snc', 'Fontana SpA'])],
         lambda: ['fattura intestata a Rossi Impianti srl partita iva ', V('IT_VAT')],
         lambda: ['C.F./P.IVA: ', V('IT_VAT')]]},
 'US_SSN': {
  'en': [lambda: ['Employee: ' + fn_() + '\nSSN: ', V('US_SSN'), '\nStart date: 03/02/2025'],
         lambda: ['her social is ', V('US_SSN'), ', can you fill the W-4 fields'],
         lambda: ['why is the I-9 form rejecting SSN ', V('US_SSN'), '?']],
  'it': [lambda: ['il collega americano ha SSN ', V('US_SSN'), ', come lo inserisco in anagrafica?']]},
 'IP_ADDRESS': {
  'en': [lambda: ['ssh: connect to host ', V('IP_ADDRESS'), ' port 22: Connection timed out'],
         lambda: ['we keep getting brute-force attempts from ', V('IP_ADDRESS'), ', write a fail2ban rule']],
  'it': [lambda: ['il server ', V('IP_ADDRESS'), ' non risponde al ping da stamattina'],
         lambda: ['Failed password for root from ', V('IP_ADDRESS'), ' port ' + str(R.randint(30000, 60000)) + ' ssh2']]},
 'AWS_ACCESS_KEY': {
  'en': [lambda: ['[default]\naws_access_key_id = ', V('AWS_ACCESS_KEY'), '\naws_secret_access_key = ', V('AWS_SECRET_KEY')],
         lambda: ['export AWS_ACCESS_KEY_ID=', V('AWS_ACCESS_KEY'), '\nexport AWS_SECRET_ACCESS_KEY=', V('AWS_SECRET_KEY'), '\n$ aws s3 ls\nAn error occurred (SignatureDoesNotMatch)']],
  'it': [lambda: ['ho messo key ', V('AWS_ACCESS_KEY'), ' e secret ', V('AWS_SECRET_KEY'), ' ma boto3 dice InvalidClientTokenId']]},
 'AWS_SECRET_KEY': {
  'en': [lambda: ['s3 = boto3.client("s3", aws_access_key_id="', V('AWS_ACCESS_KEY'), '", aws_secret_access_key="', V('AWS_SECRET_KEY'), '")']],
  'it': [lambda: ['AWS_SECRET_ACCESS_KEY: ', V('AWS_SECRET_KEY'), '  <- è giusta questa?']]},
 'GITHUB_TOKEN': {
  'en': [lambda: ['git push fails with 403, my remote is https://github.com/acme/api.git and token ', V('GITHUB_TOKEN')],
         lambda: ['env:\n  GH_TOKEN: ', V('GITHUB_TOKEN'), '\n  NODE_ENV: production']],
  'it': [lambda: ['uso questo PAT ', V('GITHUB_TOKEN'), ' nella action ma dà Bad credentials']]},
 'GITLAB_TOKEN': {
  'en': [lambda: ['curl --header "PRIVATE-TOKEN: ', V('GITLAB_TOKEN'), '" https://gitlab.acme.io/api/v4/projects returns 401']],
  'it': [lambda: ['il runner ha il token ', V('GITLAB_TOKEN'), ', come lo ruoto?'],
         lambda: ['GITLAB_TOKEN=', V('GITLAB_TOKEN'), ' npm publish -> 403 perché?']]},
 'SLACK_TOKEN': {
  'en': [lambda: ['my bot token is ', V('SLACK_TOKEN'), ' and chat.postMessage returns not_in_channel'],
         lambda: ['SLACK_BOT_TOKEN=', V('SLACK_TOKEN'), '\nSLACK_CHANNEL=#alerts']],
  'it': [lambda: ['client = WebClient(token="', V('SLACK_TOKEN'), '")  # perché invalid_auth?']]},
 'SLACK_WEBHOOK': {
  'en': [lambda: ['curl -X POST -d \'{"text":"deploy ok"}\' ', V('SLACK_WEBHOOK'), '  -> invalid_payload'],
         lambda: ['alertmanager:\n  slack_api_url: ', V('SLACK_WEBHOOK')]],
  'it': [lambda: ['webhook del canale #vendite: ', V('SLACK_WEBHOOK'), ' come ci mando un messaggio da Python?']]},
 'STRIPE_KEY': {
  'en': [lambda: ['stripe.api_key = "', V('STRIPE_KEY'), '"\n# why does this charge fail with card_declined'],
         lambda: ['STRIPE_SECRET_KEY=', V('STRIPE_KEY')]],
  'it': [lambda: ['la chiave di stripe è ', V('STRIPE_KEY'), ', il webhook però non parte']]},
 'OPENAI_KEY': {
  'en': [lambda: ['client = OpenAI(api_key="', V('OPENAI_KEY'), '")\nerror 429 insufficient_quota'],
         lambda: ['OPENAI_API_KEY=', V('OPENAI_KEY')]],
  'it': [lambda: ['ho incollato la chiave ', V('OPENAI_KEY'), ' in n8n ma non funziona']]},
 'ANTHROPIC_KEY': {
  'en': [lambda: ['x-api-key: ', V('ANTHROPIC_KEY'), '\nanthropic-version: 2023-06-01\n-> 401 authentication_error']],
  'it': [lambda: ['ANTHROPIC_API_KEY=', V('ANTHROPIC_KEY'), ' nel .env, ma langchain non la legge'],
         lambda: ['chiave claude: ', V('ANTHROPIC_KEY')]]},
 'GOOGLE_API_KEY': {
  'en': [lambda: ['<script src="https://maps.googleapis.com/maps/api/js?key=', V('GOOGLE_API_KEY'), '&callback=initMap"></script> map is grey, why'],
         lambda: ['GOOGLE_API_KEY = "', V('GOOGLE_API_KEY'), '"']],
  'it': [lambda: ['la api key di google ', V('GOOGLE_API_KEY'), ' dà REQUEST_DENIED']]},
 'PRIVATE_KEY': {
  'en': [lambda: ['ssh -i deploy.pem keeps saying invalid format, here is the file:\n', V('PRIVATE_KEY')]],
  'it': [lambda: ['questa è la chiave del certificato, nginx dice PEM_read_bio:\n', V('PRIVATE_KEY'), '\n']]},
 'JWT': {
  'en': [lambda: ['decode this token and tell me when it expires: ', V('JWT')],
         lambda: ['Authorization: Bearer ', V('JWT')]],
  'it': [lambda: ['il frontend manda questo token ', V('JWT'), ' e il backend risponde 401']]},
 'CREDENTIAL_URL': {
  'en': [lambda: ['DATABASE_URL=', V('CREDENTIAL_URL'), '\nwhy does prisma say P1001'],
         lambda: ['spring.datasource.url is ', V('CREDENTIAL_URL'), ' and it times out']],
  'it': [lambda: ['la stringa di connessione è ', V('CREDENTIAL_URL'), ', dove sbaglio?']]},
 'PASSWORD': {
  'en': [lambda: ['db:\n  host: localhost\n  user: app\n  password: ', V('PASSWORD'), '\n'],
         lambda: ['the wifi password for the guests is ', V('PASSWORD'), ' - write a welcome note'],
         lambda: ['login: ' + ch(FIRST) + '\npwd: ', V('PASSWORD')]],
  'it': [lambda: ['la password del gestionale è ', V('PASSWORD'), ', scrivi le istruzioni per il nuovo collega'],
         lambda: ['utente: admin / password: ', V('PASSWORD')],
         lambda: ['mysql -u root -p', V('PASSWORD'), ' -h 127.0.0.1  -> access denied perché?'],
         lambda: ['le credenziali della VPN sono mario.r e ', V('PASSWORD'), ', scrivi un promemoria']]},
 'CONFIDENTIAL_MARKER': {
  'en': [lambda: [M('en'), '\nQ3 board pack - draft\nRevenue down 4% vs plan'],
         lambda: ['this memo is marked ', M('en'), ', can you shorten it'],
         lambda: ['Footer: ', M('en'), ' - do not forward'],
         lambda: ['Subject: [', M('en'), '] layoffs plan\n\nmake this sound less harsh']],
  'it': [lambda: [M('it'), '\nVerbale CdA del 12 marzo'],
         lambda: ['il documento ha l\'intestazione ', M('it'), ', riassumilo in 5 punti'],
         lambda: [('CONFIDENTIAL_MARKER', 'RISERVATO'), ' - ', ('CONFIDENTIAL_MARKER', 'USO INTERNO'), '\nPiano ferie 2026']]},
}
WRAP = {
 'en': [('rewrite this more politely:\n\n', ''), ('summarise this ticket in 2 lines\n---\n', '\n---'), ('translate to Italian: "', '"'),
        ('why does this fail?\n```\n', '\n```'), ('', '\n\nany idea whats wrong??'), ('extract the data into a table\n', ''),
        ('write a reply to this customer:\n> ', '\n\nkeep it short'), ('', ''), ('hey, quick one - ', ''), ('fix pls\n', '\nthx')],
 'it': [('riscrivi questa mail in modo più formale:\n\n', ''), ('riassumi questo ticket\n\n', ''), ('traduci in inglese: ', ''),
        ('cosa significa questo errore?\n', ''), ('', '\n\ncome lo sistemo??'), ('estrai i dati in una tabella:\n', ''),
        ('rispondi al cliente:\n"', '"'), ('', ''), ('ciao, ', ' grazie mille'), ('correggi:\n', '')]}
def compound(lang):
    f, l = name()
    k = R.randint(0, 4)
    if k == 0: return ['nome,email,telefono,iban\n' if lang == 'it' else 'name,email,phone,iban\n', f + ' ' + l + ',', V('EMAIL', email(f.lower(), l)), ',', V('PHONE'), ',', V('IBAN', iban(spaced=False))]
    if k == 1: return ['# .env\nNODE_ENV=production\nOPENAI_API_KEY=', V('OPENAI_KEY'), '\nSTRIPE_KEY=', V('STRIPE_KEY'), '\nDB_URL=', V('CREDENTIAL_URL')]
    if k == 2: return ['Dipendente: ' + f + ' ' + l + '\nCF ', V('IT_FISCAL_CODE'), '\nIBAN ', V('IBAN', iban(cc='IT')), '\nCell. ', V('PHONE')]
    if k == 3: return ['| name | email | ssn |\n|---|---|---|\n| ' + f + ' ' + l + ' | ', V('EMAIL', email(f.lower(), l)), ' | ', V('US_SSN'), ' |']
    return ['Meeting notes ' + ch(['12/03', '4 giugno', 'Tue']) + '\n- ', M(lang), '\n- access for ' + f + ': user ' + f.lower() + ' pass ', V('PASSWORD'), '\n- server ', V('IP_ADDRESS')]
UUIDS = lambda: str(uuid.UUID(int=R.getrandbits(128), version=4))
NEG = {
 'en': [lambda: 'I forgot my password for the HR portal, write a message to IT asking for a reset',
        lambda: 'what makes a strong password? give me 5 rules for our onboarding doc',
        lambda: 'order #%d shipped, tracking %s, write the customer update' % (R.randint(10**7, 10**8), '1Z' + rs(UP + DG, 16)),
        lambda: 'request id %s failed at 2025-%02d-%02dT10:22:31Z, explain the stack trace: NullPointerException at Foo.java:%d' % (UUIDS(), R.randint(1, 12), R.randint(1, 28), R.randint(10, 400)),
        lambda: 'commit %s broke the build on node v%d.%d.%d, what changed?' % (rs('0123456789abcdef', 40), R.randint(14, 22), R.randint(0, 20), R.randint(0, 9)),
        lambda: 'sha256 of the release is %s, how do I verify it on windows' % rs('0123456789abcdef', 64),
        lambda: 'the card number %s fails validation in our test form, is the regex wrong?' % card(valid=False),
        lambda: 'set API_KEY=<YOUR_API_KEY> and password: ******** in config.yaml, then run make deploy',
        lambda: 'the docs use user@example.com and sk_live_XXXXXXXXXXXXXXXXXXXXXXXX as placeholders, rewrite them for our readme',
        lambda: 'total was $%d.%02d for %d units, part no. %d-%d-%d, compute the unit price' % (R.randint(100, 9999), R.randint(0, 99), R.randint(2, 50), R.randint(100, 999), R.randint(10, 99), R.randint(1000, 9999)),
        lambda: 'Windows build 10.0.%d.%d keeps crashing with 0x%s' % (R.randint(19000, 26000), R.randint(1000, 5000), rs('0123456789ABCDEF', 8)),
        lambda: 'keep this between us, but the offsite is moving to Thursday - write the invite',
        lambda: 'password = os.environ["DB_PASSWORD"]  # is this safe enough?',
        lambda: 'the SSN field shows %s, the form says invalid, explain why such numbers are never issued' % ssn(valid=False),
        lambda: 'ISBN %d-%d-%d-%d-%d for the book order, and invoice INV-%d-%05d' % (978, R.randint(0, 9), R.randint(100, 999), R.randint(10000, 99999), R.randint(0, 9), R.randint(2023, 2026), R.randint(1, 99999)),
        lambda: 'IBAN check failed for %s - I think someone mistyped it, tell me how mod 97 works' % iban(valid=False),
        lambda: 'reach support at 1-800-FLOWERS or 911 in an emergency; add to the safety poster',
        lambda: 'what is the difference between a JWT and an opaque token? include the header format {"alg":"HS256"}',
        lambda: 'ping timed out after %d ms, ttl=%d, sequence %d. normal?' % (R.randint(1000, 9999), R.randint(30, 128), R.randint(1000000, 9999999))],
 'it': [lambda: 'ho dimenticato la password della mail, come la recupero su outlook?',
        lambda: 'il parcheggio è riservato ai clienti, scrivi un cartello cortese',
        lambda: 'ordine n. %d del %02d/%02d/2025, importo € %d,%02d, scrivi la conferma' % (R.randint(10**6, 10**7), R.randint(1, 28), R.randint(1, 12), R.randint(10, 9999), R.randint(0, 99)),
        lambda: 'la partita iva %s risulta errata sul portale, come si calcola la cifra di controllo?' % piva(valid=False),
        lambda: 'il codice fiscale %s viene rifiutato, mi spieghi il carattere di controllo?' % cf(valid=False),
        lambda: 'matricola %d, protocollo n. %d/2025, CAP %05d Milano: riformula la lettera' % (R.randint(10**5, 10**6), R.randint(1000, 99999), R.randint(10100, 98100)),
        lambda: 'versione 3.%d.%d del gestionale, build %d: quali sono le novità?' % (R.randint(0, 20), R.randint(0, 30), R.randint(10**6, 10**7)),
        lambda: 'scrivi una policy: la password deve avere almeno 12 caratteri e non va mai condivisa',
        lambda: 'carta di test %s, perché il checkout la accetta?' % card(valid=False),
        lambda: 'token = "${GITHUB_TOKEN}" nella pipeline: è corretto come lo passo?',
        lambda: 'id transazione %s, importo 1.234,56 EUR, data 2025-%02d-%02d: prepara la riconciliazione' % (UUIDS(), R.randint(1, 12), R.randint(1, 28)),
        lambda: 'la riunione di domani è riservata ai responsabili di reparto, scrivi la convocazione',
        lambda: 'spiegami cosa è un IBAN e da quante cifre è composto in Italia',
        lambda: 'la chiave AKIA... l\'ho già revocata, come ne genero una nuova dalla console?',
        lambda: 'spedizione BRT n. %d, collo %d di %d, peso %d,%d kg' % (R.randint(10**11, 10**12), R.randint(1, 3), 3, R.randint(1, 30), R.randint(0, 9))]}
JUDGE = [  # (lang, segments) ambiguous by design
 lambda: ('it', ['numero verde 800 %03d %03d per i reclami: scrivi il testo del volantino' % (R.randint(100, 999), R.randint(100, 999))]),
 lambda: ('en', ['in the docs example, send the report to ', V('EMAIL', ch(FIRST) + '.' + ch(LAST).replace(' ', '') + '@example.com'), ' every Monday']),
 lambda: ('it', ['il NAS è su ', V('IP_ADDRESS', '192.168.%d.%d' % (R.randint(0, 10), R.randint(2, 254))), ', non lo vedo dalla VPN']),
 lambda: ('en', ['stripe test key ', V('STRIPE_KEY', 'sk_test_' + rs(AN, 24)), ' works locally but not in CI']),
 lambda: ('en', ['AWS docs say use ', V('AWS_ACCESS_KEY', 'AKIAIOSFODNN7EXAMPLE'), ' in the example, is that a real key?']),
 lambda: ('it', ['questo è ', V('CONFIDENTIAL_MARKER', 'confidenziale'), ', non girarlo a nessuno: il budget 2026 scende del 10%']),
 lambda: ('en', ['temp pass ', V('PASSWORD', 'changeme123'), ' for the new laptops']),
]
# ---------- evasions ----------
def fullwidth(s): return ''.join(chr(ord(c) + 0xFEE0) if '!' <= c <= '~' and (c.isdigit() or c in '@.-+' or R.random() < .5) else c for c in s)
def zw(s):
    s = list(s)
    for _ in range(R.randint(1, 2)): s.insert(R.randint(2, len(s) - 2), ch(['\u200b', '\u200c', '\u2060', '\u200d']))
    return ''.join(s)
def jesc(s): return ''.join('\\u%04x' % ord(c) if (c in '@.-_:/+' or (R.random() < .25)) else c for c in s)
def pct(s):
    from urllib.parse import quote
    return quote(s, safe='') if any(c in s for c in '@:/+!#$&') else ''.join('%%%02X' % ord(c) if R.random() < .3 else c for c in s)
def b64(s): return base64.b64encode(s.encode()).decode()
EV_TYPES = {'fullwidth': ['EMAIL', 'PHONE', 'CREDIT_CARD', 'IBAN', 'US_SSN', 'IT_FISCAL_CODE', 'IT_VAT', 'AWS_ACCESS_KEY', 'GITHUB_TOKEN'],
            'zero-width': ['EMAIL', 'CREDIT_CARD', 'IBAN', 'AWS_ACCESS_KEY', 'GITHUB_TOKEN', 'OPENAI_KEY', 'STRIPE_KEY', 'SLACK_TOKEN', 'IT_FISCAL_CODE', 'ANTHROPIC_KEY', 'GOOGLE_API_KEY', 'JWT'],
            'json-escape': ['EMAIL', 'PASSWORD', 'CREDENTIAL_URL', 'SLACK_WEBHOOK', 'GITLAB_TOKEN', 'OPENAI_KEY', 'ANTHROPIC_KEY', 'IBAN'],
            'base64': ['PASSWORD', 'AWS_SECRET_KEY', 'CREDENTIAL_URL', 'GITHUB_TOKEN', 'EMAIL', 'PRIVATE_KEY', 'SLACK_TOKEN'],
            'percent': ['EMAIL', 'PASSWORD', 'CREDENTIAL_URL', 'SLACK_WEBHOOK']}
EVF = {'fullwidth': fullwidth, 'zero-width': zw, 'json-escape': jesc, 'percent': pct, 'base64': b64}
def evasion_case(lang):
    tech = ch(list(EV_TYPES)); t = ch(EV_TYPES[tech]); v = GEN[t]()
    if t == 'PASSWORD' and tech == 'percent': v = rs(AN, 6) + ch('@#:/+&') + rs(AN, 5)
    e = EVF[tech](v)
    if tech == 'json-escape':
        fld = {'EMAIL': 'email', 'PASSWORD': 'password', 'CREDENTIAL_URL': 'dsn', 'SLACK_WEBHOOK': 'webhook_url', 'IBAN': 'iban'}.get(t, 'api_key')
        seg = [('why is this request rejected?\n' if lang == 'en' else 'perché questa richiesta viene rifiutata?\n') + '{"user_id": %d, "%s": "' % (R.randint(100, 9999), fld), (t, e), '", "active": true}']
    elif tech == 'base64':
        lab = {'PASSWORD': 'password=', 'AWS_SECRET_KEY': 'aws_secret_access_key=', 'CREDENTIAL_URL': 'DATABASE_URL=', 'GITHUB_TOKEN': 'GITHUB_TOKEN=', 'EMAIL': 'email: ', 'PRIVATE_KEY': '', 'SLACK_TOKEN': 'SLACK_BOT_TOKEN='}[t]
        e = b64(lab + v)
        seg = [ch(['decode this and tell me what it is: ', 'what is in this blob? ', 'decodifica questa stringa: ', 'k8s secret data (base64): ']), (t, e)]
    elif tech == 'percent':
        if t == 'EMAIL': seg = ['this link is broken, why? https://crm.acme-srl.it/contacts?search=', (t, e), '&page=2']
        elif t == 'PASSWORD': seg = ['POST /login body: username=' + ch(FIRST) + '&password=', (t, e), '&remember=1  -> 500, ' + ('why?' if lang == 'en' else 'perché?')]
        else: seg = ['redirect loop on https://sso.acme.it/cb?next=', (t, e), ' ' + ('any idea' if lang == 'en' else 'idee?')]
    else:
        seg = [s if isinstance(s, str) else s for s in ch(SNIP[t][lang] or SNIP[t]['en'])()]
        done = False
        for i, s in enumerate(seg):
            if not isinstance(s, str) and s[0] == t and not done: seg[i] = (t, EVF[tech](s[1])); done = True
    return seg, 'evasion:' + tech
# ---------- assemble ----------
def assemble(segs):
    txt, fs, pos = '', [], 0
    for s in segs:
        if isinstance(s, str): txt += s; pos += len(s.encode())
        else:
            b = len(s[1].encode()); fs.append({'type': s[0], 'start': pos, 'end': pos + b, 'value': s[1]}); txt += s[1]; pos += b
    return txt, fs
TYPES = list(SNIP)
RARE = ['GITLAB_TOKEN', 'JWT', 'IT_VAT', 'PRIVATE_KEY', 'SLACK_TOKEN', 'CREDIT_CARD', 'SLACK_WEBHOOK', 'GOOGLE_API_KEY', 'ANTHROPIC_KEY', 'GITHUB_TOKEN', 'SLACK_TOKEN', 'GOOGLE_API_KEY', 'IT_FISCAL_CODE', 'CREDIT_CARD', 'US_SSN']
cases = []
n_neg, n_ev, n_j = round(N * .28), round(N * .12), round(N * .05)
kinds = ['neg'] * n_neg + ['ev'] * n_ev + ['j'] * n_j + ['pos'] * (N - n_neg - n_ev - n_j)
R.shuffle(kinds)
pi = R.randrange(23)
for i, k in enumerate(kinds):
    lang = 'en' if R.random() < .5 else 'it'; tags = []
    pre, post = ch(WRAP[lang])
    if k == 'neg':
        segs = [ch(NEG[lang])()]; tags.append('negative'); pre = post = ''
    elif k == 'ev':
        segs, tg = evasion_case(lang); tags.append(tg); pre = post = ''
    elif k == 'j':
        lang, segs = ch(JUDGE)(); tags.append('judgement'); pre = post = ''
    else:
        if R.random() < .15: segs = compound(lang); tags.append('compound')
        else:
            t = TYPES[pi % 23]; pi += 1
            sl = lang if R.random() < .88 else ('it' if lang == 'en' else 'en')
            if sl != lang: tags.append('mixed-lang')
            segs = ch(SNIP[t][sl])()
            if R.random() < .25:
                t2 = ch(RARE); segs = segs + ['\n\n' if R.random() < .5 else '. ', *ch(SNIP[t2][lang])()]
    txt, fs = assemble([pre] + segs + [post])
    if '127.0.0.1' in txt and 'judgement' not in tags: tags.append('judgement')
    cases.append({'id': 's%d-%03d' % (seed, i), 'lang': lang, 'text': txt, 'findings': fs, 'tags': tags})
with open(out, 'w') as f:
    for c in cases: f.write(json.dumps(c, ensure_ascii=False) + '\n')
