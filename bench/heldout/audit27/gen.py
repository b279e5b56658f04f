#!/usr/bin/env python3
"""audit27 held-out generator — mobile, embedded and IoT developers (EN/IT).

  gen.py SEED N OUT.jsonl

Deterministic per seed, standard library only, every value fabricated at run time (the value
fabricators with checksums are audit16's values.py, loaded with importlib). Span conventions
follow shared/corpus/dev.jsonl: the bare value (a password without its quotes, a whole credential
URL with scheme and path, a PEM block from -----BEGIN to -----END …-----); an IP inside a
credential URL is covered by the URL and not labelled again.

Decisions (format definitions, DESIGN.md types only):
  * positives: store/key passwords (gradle, keytool flags, fastlane, Wi-Fi #defines, secrets.yaml,
    Node-RED credentials, Mosquitto bridge remote_password), Google "AIza" keys, AWS key pairs,
    JWTs (OTA URLs, logcat Authorization headers), credential URLs (mqtt://, mqtts://, ws://,
    https:// git remotes), PEM private keys (.p8, AWS IoT, escaped "\\n" inside JSON/Ruby),
    IPv4/IPv6 addresses (private ones too, as dev labels them), developers' e-mails, support phones.
  * hard negatives: MAC addresses, BLE/UUIDs, Zigbee IEEE addresses, LoRaWAN DevEUI/AppEUI/AppKey,
    AES keys, IMEIs and ICCIDs (Luhn-valid), serials, version codes, bundle ids, SHA-1/SHA-256
    signing fingerprints, Firebase project ids and sender ids, App Store Connect key/issuer ids,
    certificates and public keys, hashed Mosquitto passwords, placeholders and env references.
  * judgement (tag "judgement", reason in meta): Azure IoT SharedAccessKey (a secret, but no
    DESIGN.md type and not assigned to a password key → unlabelled), Arduino IPAddress(a, b, c, d)
    (not dotted → unlabelled), Sentry DSN (user part only, no password → unlabelled), full-length
    "AIzaSyXXXX…" placeholders (unlabelled), wpa_supplicant psk= (a Wi-Fi password under a
    non-password key → PASSWORD), an all-digit Wi-Fi password "12345678"-style (→ PASSWORD),
    0.0.0.0 listener / 127.0.0.1 (unlabelled).
"""
import importlib.util, ipaddress, json, os, random, re, sys, unicodedata

_here = os.path.dirname(os.path.abspath(__file__))
_spec = importlib.util.spec_from_file_location("a16values", os.path.join(_here, "..", "audit16", "values.py"))
V = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(V)
rs, AN, UP, LO, DG, B64 = V.rs, V.AN, V.UP, V.LO, V.DG, V.B64
HEX = "0123456789abcdef"
HEXU = "0123456789ABCDEF"


class Bad(Exception):
    pass


# ---------------------------------------------------------------- document builder
class Doc:
    def __init__(self, lang="en"):
        self.parts, self.findings, self.n = [], [], 0
        self.lang, self.tags, self.meta, self.allow = lang, [], {}, []

    def t(self, s):
        self.parts.append(s)
        self.n += len(s.encode("utf-8"))
        return self

    def v(self, typ, s):
        b = len(s.encode("utf-8"))
        if typ:
            self.findings.append({"type": typ, "start": self.n, "end": self.n + b, "value": s})
        return self.t(s)

    def text(self):
        return "".join(self.parts)


# ---------------------------------------------------------------- value makers
DEV_DOMAINS = ["appfactory.it", "mobilelab.io", "iot-solutions.eu", "smarthome-dev.it", "gmail.com", "outlook.com",
               "sensoria.tech", "campo-connesso.it", "kinetic-apps.co.uk", "domotica-veneta.it", "fleetbox.io",
               "agritech-lombarda.it", "icloud.com", "proton.me", "libero.it"]
HOSTS = ["broker.local", "mqtt.iot-solutions.eu", "hivemq.internal", "mosquitto.lan", "iot.campo-connesso.it",
         "rabbit.fleetbox.io", "emqx.sensoria.tech", "raspberrypi.local", "homeassistant.local", "nas.lan"]
WORDS = ["serra", "cantina", "garage", "stalla", "pozzo", "meteo", "caldaia", "frigo", "silo", "pompa", "boiler",
         "greenhouse", "barn", "cellar", "attic", "kiln", "hive", "tank", "gate"]


def email(r):
    return V.email_make(r, domain=r.choice(DEV_DOMAINS))


def pw(r):
    while True:
        p = V.password_make(r)
        if p[0] not in "!#$%&*?@+=-." and "\\" not in p:
            return p


def url_pw(r):
    return rs(r, AN, r.randint(8, 16)) + r.choice(["", "_", "-", ".", "!", "*", "~"]) + rs(r, AN, r.randint(0, 5))


def ip4(r, kind=None):
    return V.ipv4_make(r, kind)


def ip_priv(r):
    return V.ipv4_make(r, r.choice(["p10", "p192", "p192", "p172"]))


def ip6(r):
    return V.ipv6_make(r, r.choice(["global", "ula", "ll"]))


def gkey(r):
    return "AIzaSy" + rs(r, AN + "-_", 33)


def akid(r):
    return V.aws_akid(r, r.choice(["AKIA", "AKIA", "AKIA", "ASIA"]))


def jwt(r):
    return V.jwt_make(r)


def uuid(r, upper=False):
    u = V.uuid_like(r)
    return u.upper() if upper else u


def mac(r, sep=":", upper=True):
    h = HEXU if upper else HEX
    return sep.join(rs(r, h, 2) for _ in range(6))


def luhn15(r, prefix):
    return V.luhn_complete(prefix + rs(r, DG, 14 - len(prefix)))


def imei(r):
    return luhn15(r, r.choice(["86", "35", "86", "01"]) + rs(r, DG, 6))


def iccid(r):
    p = "89" + r.choice(["39", "44", "49", "01", "88"]) + rs(r, DG, 14)
    return V.luhn_complete(p)  # 19 digits, Luhn-valid


def sha_fp(r, n):
    return ":".join(rs(r, HEXU, 2) for _ in range(n))


def b64blob(r, nbytes):
    import base64
    return base64.b64encode(bytes(r.randrange(256) for _ in range(nbytes))).decode()


def pem_body(r, prefix, nchars):
    body = prefix + rs(r, B64, nchars - len(prefix))
    return [body[i:i + 64] for i in range(0, len(body), 64)]


def pem(r, kind, nl="\n", nchars=None):
    if kind == "P8":
        lines = pem_body(r, "MIGTAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBHkwdwIBAQQg", 200)
        kind = "PRIVATE KEY"
    elif kind == "RSA PRIVATE KEY":
        lines = pem_body(r, "MIIEowIBAAKCAQEA", nchars or r.choice([320, 448, 640, 1600]))
    elif kind == "PRIVATE KEY":
        lines = pem_body(r, "MIIEvgIBADANBgkqhkiG9w0BAQEFAASC", nchars or r.choice([384, 640, 1624]))
    elif kind == "EC PRIVATE KEY":
        lines = pem_body(r, "MHcCAQEEI", 164)
    elif kind == "CERTIFICATE":
        lines = pem_body(r, "MIIDWTCCAkGgAwIBAgIU", nchars or r.choice([384, 512, 768]))
    elif kind == "PUBLIC KEY":
        lines = pem_body(r, "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA", 392)
    else:
        raise ValueError(kind)
    if lines[-1] and len(lines[-1]) % 4:
        lines[-1] += "=" * (4 - len(lines[-1]) % 4)
    return nl.join(["-----BEGIN %s-----" % kind] + lines + ["-----END %s-----" % kind])


def phone(r):
    return V.phone_make(r, r.choice(["it_mob", "it_mob", "it_land", "us", "uk", "de", "ch"]))


def bundle(r):
    return "%s.%s.%s" % (r.choice(["com", "it", "io", "eu"]), r.choice(["acme", "sensoria", "fleetbox", "campoconnesso", "kinetic", "domotica"]),
                         r.choice(["app", "mobile", "smartgarden", "tracker", "thermo", "hub", "companion"]))


def vname(r):
    return "%d.%d.%d" % (r.randint(1, 6), r.randint(0, 30), r.randint(0, 40))


def person(r):
    f, l = V.person(r)
    return f, l


def ssid(r):
    return r.choice(["Casa_", "FRITZ!Box ", "TIM-", "Vodafone-", "Lab_", "WiFi-", "IoT_", "Home-"]) + rs(r, UP + DG, r.randint(4, 8))


def proj_id(r):
    return "%s-%s-%s" % (r.choice(["smart", "iot", "app", "fleet", "garden"]), r.choice(["hub", "prod", "dev", "tracker"]), rs(r, LO + DG, 5))


# ---------------------------------------------------------------- checks
EMAIL_RE = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
GKEY_RE = re.compile(r"AIza[0-9A-Za-z_\-]{35}")
AKID_RE = re.compile(r"(?:AKIA|ASIA)[A-Z2-7]{16}")
JWT_RE = re.compile(r"eyJ[A-Za-z0-9_-]+\.eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*")
PEM_RE = re.compile(r"-----BEGIN [A-Z ]*PRIVATE KEY-----")
CURL_RE = re.compile(r"[a-z][a-z0-9+.-]*://[^\s:/@\"']+:[^\s@/\"']+@[^\s/\"']+")
IPV4_RE = re.compile(r"(?<![\d.])(?:\d{1,3}\.){3}\d{1,3}(?![\d.])")


def norm(s):
    s = unicodedata.normalize("NFKC", s)
    return "".join(c for c in s if unicodedata.category(c) != "Cf")


def value_ok(typ, v):
    n = norm(v)
    if typ == "EMAIL":
        return bool(EMAIL_RE.fullmatch(n))
    if typ == "IP_ADDRESS":
        try:
            ipaddress.ip_address(n)
            return True
        except ValueError:
            return False
    if typ == "GOOGLE_API_KEY":
        return bool(GKEY_RE.fullmatch(n))
    if typ == "AWS_ACCESS_KEY":
        return bool(AKID_RE.fullmatch(n))
    if typ == "AWS_SECRET_KEY":
        return bool(re.fullmatch(r"[A-Za-z0-9+/]{40}", n))
    if typ == "JWT":
        return V.jwt_ok(n)
    if typ == "PRIVATE_KEY":
        return bool(re.fullmatch(r"-----BEGIN ([A-Z ]*PRIVATE KEY)-----.*-----END \1-----", n, re.S))
    if typ == "CREDENTIAL_URL":
        return bool(CURL_RE.match(n)) and not re.search(r"\s", n)
    if typ == "PASSWORD":
        return bool(n) and not re.search(r"\s", n)
    if typ == "PHONE":
        return 8 <= len(re.sub(r"\D", "", n)) <= 15
    raise ValueError(typ)


def leftovers(text, findings, allow):
    b = bytearray(text.encode("utf-8"))
    for f in findings:
        for i in range(f["start"], f["end"]):
            if b[i] < 0x80 or b[i] >= 0xC0:
                b[i] = 0x20
            else:
                b[i] = 0x20
    t = norm(b.decode("utf-8", "replace"))
    for a in allow:
        t = t.replace(a, " ")
    hits = []
    for rx in (EMAIL_RE, GKEY_RE, AKID_RE, JWT_RE, PEM_RE, CURL_RE):
        hits += [m.group() for m in rx.finditer(t)]
    hits += [m.group() for m in IPV4_RE.finditer(t) if V.ipv4_ok(m.group())]
    return hits


# ---------------------------------------------------------------- evasions
def ev_zw(r, s):
    i = r.randint(3, len(s) - 3)
    return s[:i] + r.choice(["\u200b", "\u200c", "\u2060"]) + s[i:]


def ev_fw_at(s):
    return s.replace("@", "\uff20")


def ev_fw_digits(s):
    return "".join(chr(ord(c) - 0x30 + 0xFF10) if c.isdigit() else c for c in s)


# ---------------------------------------------------------------- intros
def intro(d, r, en, it):
    if d.lang == "it":
        d.t(r.choice(it))
    else:
        d.t(r.choice(en))


# ================================================================ templates (positives)
def t_gradle_props(d, r, ev):
    intro(d, r, ["Release build fails with 'Keystore was tampered with, or password was incorrect'. My gradle.properties:\n\n",
                 "Why does signingReport complain? gradle.properties:\n```\n",
                 "gradle.properties from the app module:\n"],
          ["La build di release fallisce con 'Keystore was tampered with'. Ecco gradle.properties:\n\n",
           "Mi spiegate perché assembleRelease non firma l'APK?\n```properties\n"])
    d.t("org.gradle.jvmargs=-Xmx%dm -Dfile.encoding=UTF-8\nandroid.useAndroidX=true\n" % r.choice([2048, 4096, 1536]))
    pre = r.choice(["RELEASE_", "MYAPP_UPLOAD_", "UPLOAD_", "SIGNING_"])
    d.t("%sSTORE_FILE=%s\n" % (pre, r.choice(["upload-keystore.jks", "../keystores/release.keystore", "my-upload-key.keystore"])))
    p1 = pw(r)
    if ev == "zw":
        p1 = ev_zw(r, p1)
        d.tags.append("evasion:zero-width")
    d.t("%sSTORE_PASSWORD=" % pre).v("PASSWORD", p1).t("\n")
    d.t("%sKEY_ALIAS=%s\n" % (pre, r.choice(["upload", "release", "key0", "my-key-alias"])))
    if r.random() < 0.7:
        d.t("%sKEY_PASSWORD=" % pre).v("PASSWORD", pw(r) if r.random() < 0.6 else p1).t("\n")
    d.t("VERSION_CODE=%d\nVERSION_NAME=%s\n" % (r.randint(10, 99999), vname(r)))
    if r.random() < 0.3:
        d.t("MAPS_API_KEY=").v("GOOGLE_API_KEY", gkey(r)).t("\n")


def t_gradle_kts(d, r, ev):
    intro(d, r, ["signingConfigs block in build.gradle.kts, is this the right way?\n```kotlin\n",
                 "Lint says 'hardcoded credentials' here, why?\n"],
          ["Il blocco signingConfigs del mio build.gradle.kts, va bene così?\n```kotlin\n",
           "Android Studio mi segnala credenziali in chiaro:\n"])
    kts = r.random() < 0.6
    p1, p2 = pw(r), pw(r)
    d.t("android {\n    namespace = \"%s\"\n    defaultConfig {\n" % bundle(r))
    if kts:
        d.t("        versionCode = %d\n        versionName = \"%s\"\n    }\n    signingConfigs {\n        create(\"release\") {\n" % (r.randint(1, 9999), vname(r)))
        d.t("            storeFile = file(\"release.jks\")\n            storePassword = \"").v("PASSWORD", p1).t("\"\n")
        d.t("            keyAlias = \"upload\"\n            keyPassword = \"").v("PASSWORD", p2).t("\"\n        }\n    }\n}\n")
    else:
        d.t("        versionCode %d\n        versionName '%s'\n    }\n    signingConfigs {\n        release {\n" % (r.randint(1, 9999), vname(r)))
        d.t("            storeFile file('release.jks')\n            storePassword '").v("PASSWORD", p1).t("'\n")
        d.t("            keyAlias 'upload'\n            keyPassword '").v("PASSWORD", p2).t("'\n        }\n    }\n}\n")
    if r.random() < 0.4:
        d.t("// debug SHA-1: %s\n" % sha_fp(r, 20))


def t_keytool(d, r, ev):
    intro(d, r, ["Generating the upload key, is this command ok?\n$ ", "My CI step:\n  "],
          ["Genero la upload key così, è corretto?\n$ ", "Lo step della pipeline:\n  "])
    sp = pw(r)
    d.t("keytool -genkeypair -v -keystore upload-keystore.jks -alias upload -keyalg RSA -keysize 2048 -validity 10000 -storepass ").v("PASSWORD", sp)
    if r.random() < 0.6:
        d.t(" -keypass ").v("PASSWORD", pw(r))
    d.t(" -dname \"CN=%s %s, O=%s, C=IT\"\n" % (person(r) + (r.choice(["Sensoria", "Fleetbox", "Acme"]),)))
    d.t("\nkeytool -list -v output:\nAlias name: upload\nCertificate fingerprints:\n\t SHA1: %s\n\t SHA256: %s\nSignature algorithm name: SHA256withRSA\n" % (sha_fp(r, 20), sha_fp(r, 32)))


def t_local_props(d, r, ev):
    intro(d, r, ["The map stays grey on release builds. local.properties:\n", "Secrets Gradle plugin not picking this up:\n"],
          ["La mappa resta grigia in release. local.properties:\n", "Il plugin secrets-gradle non legge la chiave:\n"])
    f, l = person(r)
    d.t("sdk.dir=/Users/%s/Library/Android/sdk\n" % V._slug(f))
    k = gkey(r)
    if ev == "zw":
        k = ev_zw(r, k)
        d.tags.append("evasion:zero-width")
    d.t("MAPS_API_KEY=").v("GOOGLE_API_KEY", k).t("\n")
    if r.random() < 0.5:
        d.t("PLACES_API_KEY=").v("GOOGLE_API_KEY", gkey(r)).t("\n")
    if r.random() < 0.4:
        d.t("BACKEND_HOST=").v("IP_ADDRESS", ip_priv(r)).t("\n")


def t_manifest(d, r, ev):
    intro(d, r, ["AndroidManifest.xml excerpt, the key is in meta-data:\n```xml\n", "Manifest merger fails with this:\n"],
          ["Estratto di AndroidManifest.xml, la chiave sta in meta-data:\n```xml\n", "Il manifest merger si lamenta:\n"])
    d.t("<manifest xmlns:android=\"http://schemas.android.com/apk/res/android\"\n    package=\"%s\"\n    android:versionCode=\"%d\">\n" % (bundle(r), r.randint(1, 9999)))
    d.t("  <application android:label=\"@string/app_name\">\n")
    d.t("    <meta-data android:name=\"com.google.android.geo.API_KEY\"\n               android:value=\"").v("GOOGLE_API_KEY", gkey(r)).t("\"/>\n")
    d.t("    <meta-data android:name=\"com.google.android.gms.version\" android:value=\"@integer/google_play_services_version\"/>\n")
    if r.random() < 0.5:
        d.t("    <service android:name=\".ble.GattService\"/> <!-- service uuid %s -->\n" % uuid(r))
    d.t("  </application>\n</manifest>\n")


def t_google_services(d, r, ev):
    intro(d, r, ["google-services.json (is it safe to commit?):\n", "FirebaseApp init fails, google-services.json:\n"],
          ["google-services.json (si può committare?):\n", "FirebaseApp non si inizializza, ecco google-services.json:\n"])
    num = rs(r, "123456789", 1) + rs(r, DG, 11)
    pid = proj_id(r)
    k = gkey(r)
    d.t('{\n  "project_info": {\n    "project_number": "%s",\n    "project_id": "%s",\n    "storage_bucket": "%s.appspot.com"\n  },\n' % (num, pid, pid))
    d.t('  "client": [{\n    "client_info": {\n      "mobilesdk_app_id": "1:%s:android:%s",\n      "android_client_info": {"package_name": "%s"}\n    },\n' % (num, rs(r, HEX, 16), bundle(r)))
    d.t('    "oauth_client": [{"client_id": "%s-%s.apps.googleusercontent.com", "client_type": 3}],\n' % (num, rs(r, LO + DG, 32)))
    d.t('    "api_key": [{"current_key": "').v("GOOGLE_API_KEY", k).t('"}]\n  }],\n  "configuration_version": "1"\n}\n')


def t_firebase_js(d, r, ev):
    intro(d, r, ["React Native web build, firebase.js:\n```js\n", "Expo + Firebase, config:\n"],
          ["Build web di React Native, firebase.js:\n```js\n", "Expo + Firebase, la config:\n"])
    pid = proj_id(r)
    num = rs(r, "123456789", 1) + rs(r, DG, 11)
    d.t("const firebaseConfig = {\n  apiKey: \"").v("GOOGLE_API_KEY", gkey(r)).t("\",\n")
    d.t("  authDomain: \"%s.firebaseapp.com\",\n  projectId: \"%s\",\n  storageBucket: \"%s.appspot.com\",\n" % (pid, pid, pid))
    d.t("  messagingSenderId: \"%s\",\n  appId: \"1:%s:web:%s\",\n  measurementId: \"G-%s\"\n};\n" % (num, num, rs(r, HEX, 22), rs(r, UP + DG, 10)))


def t_logcat(d, r, ev):
    intro(d, r, ["Login returns 401, logcat:\n", "adb logcat | grep OkHttp gives:\n"],
          ["Il login restituisce 401, ecco il logcat:\n", "Output di adb logcat filtrato su OkHttp:\n"])
    ts = lambda: "%02d-%02d %02d:%02d:%02d.%03d" % (r.randint(1, 12), r.randint(1, 28), r.randint(0, 23), r.randint(0, 59), r.randint(0, 59), r.randint(0, 999))
    pid, tid = r.randint(1000, 32000), r.randint(1000, 32000)
    host = r.choice(["api.fleetbox.io", "backend.sensoria.tech", "gw.campo-connesso.it"])
    d.t("%s %5d %5d D OkHttp  : --> POST https://%s/v2/auth/refresh\n" % (ts(), pid, tid, host))
    d.t("%s %5d %5d D OkHttp  : Authorization: Bearer " % (ts(), pid, tid)).v("JWT", jwt(r)).t("\n")
    if r.random() < 0.6:
        e = email(r)
        if ev == "fw":
            e = ev_fw_at(e)
            d.tags.append("evasion:fullwidth")
        d.t('%s %5d %5d D OkHttp  : {"username":"' % (ts(), pid, tid)).v("EMAIL", e).t('","device":"%s"}\n' % uuid(r))
    d.t("%s %5d %5d D OkHttp  : <-- 401 Unauthorized (%dms)\n" % (ts(), pid, tid, r.randint(40, 900)))
    if r.random() < 0.5:
        d.t("%s %5d %5d I NetMonitor: connected via wlan0 " % (ts(), pid, tid)).v("IP_ADDRESS", ip_priv(r)).t(" gw ").v("IP_ADDRESS", ip_priv(r)).t("\n")
    d.t("%s %5d %5d I ActivityManager: Displayed %s/.MainActivity: +%dms\n" % (ts(), pid, tid, bundle(r), r.randint(200, 2000)))


def t_info_plist(d, r, ev):
    intro(d, r, ["Info.plist (Maps SDK for iOS):\n```xml\n", "GMSServices says the key is invalid. Info.plist:\n"],
          ["Info.plist (Maps SDK per iOS):\n```xml\n", "GMSServices dice che la chiave non è valida. Info.plist:\n"])
    d.t("<dict>\n  <key>CFBundleIdentifier</key>\n  <string>%s</string>\n  <key>CFBundleShortVersionString</key>\n  <string>%s</string>\n" % (bundle(r), vname(r)))
    d.t("  <key>CFBundleVersion</key>\n  <string>%d</string>\n  <key>GMSApiKey</key>\n  <string>" % r.randint(1, 900)).v("GOOGLE_API_KEY", gkey(r)).t("</string>\n")
    d.t("  <key>NSBluetoothAlwaysUsageDescription</key>\n  <string>Serve per collegare il sensore</string>\n</dict>\n")


def t_gservice_plist(d, r, ev):
    intro(d, r, ["GoogleService-Info.plist:\n", "Crashlytics isn't reporting, here is GoogleService-Info.plist:\n"],
          ["GoogleService-Info.plist:\n", "Crashlytics non invia nulla, ecco GoogleService-Info.plist:\n"])
    num = rs(r, "123456789", 1) + rs(r, DG, 11)
    pid = proj_id(r)
    d.t("<dict>\n\t<key>API_KEY</key>\n\t<string>").v("GOOGLE_API_KEY", gkey(r)).t("</string>\n")
    d.t("\t<key>GCM_SENDER_ID</key>\n\t<string>%s</string>\n\t<key>BUNDLE_ID</key>\n\t<string>%s</string>\n" % (num, bundle(r)))
    d.t("\t<key>PROJECT_ID</key>\n\t<string>%s</string>\n\t<key>GOOGLE_APP_ID</key>\n\t<string>1:%s:ios:%s</string>\n</dict>\n" % (pid, num, rs(r, HEX, 22)))


def t_xcconfig(d, r, ev):
    intro(d, r, ["Release.xcconfig — the URL gets cut at //, why?\n", "Our shared xcconfig:\n"],
          ["Release.xcconfig — l'URL viene troncato a //, come mai?\n", "Il nostro xcconfig condiviso:\n"])
    d.t("PRODUCT_BUNDLE_IDENTIFIER = %s\nMARKETING_VERSION = %s\nCURRENT_PROJECT_VERSION = %d\n" % (bundle(r), vname(r), r.randint(1, 500)))
    d.t("DEVELOPMENT_TEAM = %s\n" % rs(r, UP + DG, 10))
    d.t("API_BASE_URL = https:/$()/api.%s/v1\n" % r.choice(["fleetbox.io", "sensoria.tech"]))
    d.t("GOOGLE_MAPS_KEY = ").v("GOOGLE_API_KEY", gkey(r)).t("\n")
    if r.random() < 0.5:
        d.t("STAGING_SERVER_IP = ").v("IP_ADDRESS", ip4(r)).t("\n")


def t_fastlane(d, r, ev):
    intro(d, r, ["fastlane keeps asking for 2FA, Appfile + Fastfile:\n", "Our fastlane setup, is this secure?\n"],
          ["fastlane chiede sempre il 2FA, Appfile e Fastfile:\n", "La nostra configurazione fastlane è sicura?\n"])
    e = email(r)
    d.t("# Appfile\napp_identifier(\"%s\")\napple_id(\"" % bundle(r)).v("EMAIL", e).t("\")\nteam_id(\"%s\")\n\n" % rs(r, UP + DG, 10))
    d.t("# Fastfile\nlane :beta do\n  ENV[\"FASTLANE_PASSWORD\"] = \"").v("PASSWORD", pw(r)).t("\"\n")
    if r.random() < 0.7:
        asp = "-".join(rs(r, LO, 4) for _ in range(4))
        d.t("  ENV[\"FASTLANE_APPLE_APPLICATION_SPECIFIC_PASSWORD\"] = \"").v("PASSWORD", asp).t("\"\n")
    d.t("  increment_build_number(build_number: %d)\n  build_app(scheme: \"Release\")\n  upload_to_testflight\nend\n" % r.randint(100, 9000))


def t_matchfile(d, r, ev):
    intro(d, r, ["match can't clone the certificates repo:\n", "Matchfile:\n"],
          ["match non riesce a clonare il repo dei certificati:\n", "Matchfile:\n"])
    host = r.choice(["git.sensoria.tech", "gitlab.fleetbox.io", "bitbucket.org", "git.appfactory.it"])
    u = "%s://%s:%s@%s/mobile/certificates.git" % ("https", r.choice(["ci-bot", "match", "deploy", V._slug(person(r)[0])]), url_pw(r), host)
    d.t("git_url(\"").v("CREDENTIAL_URL", u).t("\")\nstorage_mode(\"git\")\ntype(\"appstore\")\napp_identifier([\"%s\"])\n" % bundle(r))
    d.t("username(\"").v("EMAIL", email(r)).t("\")\n")
    if r.random() < 0.7:
        d.t("\n# .env.default\nMATCH_PASSWORD=").v("PASSWORD", pw(r)).t("\n")


def t_asc_key(d, r, ev):
    intro(d, r, ["App Store Connect API key in Fastfile, upload fails with 401:\n```ruby\n", "api_key setup:\n"],
          ["API key di App Store Connect nel Fastfile, l'upload dà 401:\n```ruby\n", "Configurazione api_key:\n"])
    kid = rs(r, UP + DG, 10)
    d.t("api_key = app_store_connect_api_key(\n  key_id: \"%s\",\n  issuer_id: \"%s\",\n  key_content: \"" % (kid, uuid(r)))
    d.v("PRIVATE_KEY", pem(r, "P8", nl="\\n")).t("\",\n  duration: 1200,\n  in_house: false\n)\n")


def t_p8(d, r, ev):
    intro(d, r, ["This is AuthKey_%s.p8, jwt signing fails with 'invalid curve':\n", "Contents of the .p8 from App Store Connect:\n"],
          ["Questo è AuthKey_%s.p8, la firma del JWT fallisce:\n", "Contenuto del .p8 scaricato da App Store Connect:\n"])
    kid = rs(r, UP + DG, 10)
    d.parts[-1] = d.parts[-1].replace("%s", kid)
    d.n = sum(len(p.encode()) for p in d.parts)
    d.v("PRIVATE_KEY", pem(r, "P8")).t("\n\nKey ID: %s\nIssuer ID: %s\n" % (kid, uuid(r)))


def t_rn_env(d, r, ev):
    intro(d, r, ["react-native-config returns undefined, my .env:\n", "Flutter flutter_dotenv .env file:\n"],
          ["react-native-config restituisce undefined, il mio .env:\n", "File .env di flutter_dotenv:\n"])
    d.t("APP_ENV=staging\nAPI_URL=https://staging.%s/api\n" % r.choice(["fleetbox.io", "sensoria.tech", "appfactory.it"]))
    d.t("GOOGLE_MAPS_API_KEY=").v("GOOGLE_API_KEY", gkey(r)).t("\n")
    if r.random() < 0.6:
        a = akid(r)
        if ev == "zw":
            a = ev_zw(r, a)
            d.tags.append("evasion:zero-width")
        d.t("AWS_ACCESS_KEY_ID=").v("AWS_ACCESS_KEY", a).t("\nAWS_SECRET_ACCESS_KEY=").v("AWS_SECRET_KEY", V.aws_secret(r)).t("\n")
        d.t("S3_BUCKET=%s-uploads\nAWS_REGION=eu-south-1\n" % r.choice(["fleetbox", "sensoria", "campo"]))
    if r.random() < 0.4:
        d.t("MQTT_URL=").v("CREDENTIAL_URL", mqtt_url(r)).t("\n")
    d.t("SENTRY_ENVIRONMENT=staging\n")


def t_expo(d, r, ev):
    intro(d, r, ["app.json for Expo, maps crash on Android:\n", "Expo config:\n"],
          ["app.json di Expo, le mappe crashano su Android:\n", "Config Expo:\n"])
    d.t('{\n  "expo": {\n    "name": "%s",\n    "slug": "%s",\n    "version": "%s",\n' % (r.choice(["Serra Smart", "FleetBox", "Thermo"]), r.choice(["serra-smart", "fleetbox", "thermo"]), vname(r)))
    d.t('    "ios": {"bundleIdentifier": "%s", "buildNumber": "%d", "config": {"googleMapsApiKey": "' % (bundle(r), r.randint(1, 300))).v("GOOGLE_API_KEY", gkey(r)).t('"}},\n')
    d.t('    "android": {"package": "%s", "versionCode": %d, "config": {"googleMaps": {"apiKey": "' % (bundle(r), r.randint(1, 300))).v("GOOGLE_API_KEY", gkey(r)).t('"}}},\n')
    d.t('    "extra": {"eas": {"projectId": "%s"}}\n  }\n}\n' % uuid(r))


def mqtt_url(r, ipwant=False):
    scheme, port = r.choice([("mqtt", 1883), ("mqtts", 8883), ("ws", 9001), ("wss", 8084), ("tcp", 1883), ("ssl", 8883)])
    host = ip_priv(r) if ipwant else r.choice(HOSTS)
    user = r.choice(["sensor", "esp32", "nodered", "homeassistant", "gateway01", "device_%d" % r.randint(1, 99)])
    path = "/mqtt" if scheme in ("ws", "wss") else ""
    return "%s://%s:%s@%s:%d%s" % (scheme, user, url_pw(r), host, port, path)


def t_mqtt(d, r, ev):
    intro(d, r, ["paho-mqtt can't connect, rc=5. Code:\n```python\n", "MQTT client config, connection refused:\n"],
          ["paho-mqtt non si connette, rc=5. Codice:\n```python\n", "Configurazione client MQTT, connessione rifiutata:\n"])
    k = r.randrange(3)
    if k == 0:
        d.t("BROKER_URL = \"").v("CREDENTIAL_URL", mqtt_url(r, r.random() < 0.3)).t("\"\nTOPIC = \"%s/+/telemetry\"\n" % r.choice(WORDS))
    elif k == 1:
        d.t("import paho.mqtt.client as mqtt\nc = mqtt.Client(client_id=\"%s\")\nc.username_pw_set(\"sensor\", \"" % mac(r, "", False)).v("PASSWORD", pw(r)).t("\")\n")
        d.t("c.connect(\"").v("IP_ADDRESS", ip_priv(r)).t("\", 1883, 60)\n")
    else:
        d.t("$ mosquitto_sub -L '").v("CREDENTIAL_URL", mqtt_url(r) + "/" + r.choice(WORDS) + "/#").t("' -v\nError: Connection refused: not authorised.\n")
    if r.random() < 0.3:
        d.t("Public test broker works: mqtt://broker.hivemq.com:1883 (no auth)\n")


def t_mosquitto(d, r, ev):
    intro(d, r, ["mosquitto.conf bridge to the cloud broker doesn't come up:\n", "Mosquitto bridge config:\n"],
          ["Il bridge di mosquitto verso il broker cloud non parte:\n", "Configurazione bridge Mosquitto:\n"])
    d.t("listener 1883\nallow_anonymous false\npassword_file /etc/mosquitto/passwd\nacl_file /etc/mosquitto/acl\n\n")
    d.t("connection cloud-bridge\naddress ").v("IP_ADDRESS", ip4(r, "pub")).t(":8883\n")
    d.t("remote_username %s\nremote_password " % r.choice(["bridge", "edge-gw", "site%d" % r.randint(1, 40)])).v("PASSWORD", pw(r)).t("\n")
    d.t("topic sensors/# out 1\nbridge_cafile /etc/mosquitto/certs/ca.crt\n\n# /etc/mosquitto/acl\nuser %s\ntopic readwrite %s/#\n" % (r.choice(["esp32", "nodered"]), r.choice(WORDS)))


def t_esp32(d, r, ev):
    intro(d, r, ["ESP32 won't connect to WiFi, status stays WL_DISCONNECTED:\n```cpp\n", "Arduino sketch, the MQTT part never runs:\n"],
          ["L'ESP32 non si collega al WiFi, resta WL_DISCONNECTED:\n```cpp\n", "Sketch Arduino, la parte MQTT non parte mai:\n"])
    style = r.randrange(2)
    p = pw(r)
    if ev == "zw":
        p = ev_zw(r, p)
        d.tags.append("evasion:zero-width")
    if style == 0:
        d.t("#include <WiFi.h>\n#include <PubSubClient.h>\n\n#define WIFI_SSID \"%s\"\n#define WIFI_PASSWORD \"" % ssid(r)).v("PASSWORD", p).t("\"\n")
        d.t("#define MQTT_SERVER \"").v("IP_ADDRESS", ip_priv(r)).t("\"\n#define MQTT_PORT 1883\n")
    else:
        d.t("#include <ESP8266WiFi.h>\nconst char* ssid = \"%s\";\nconst char* password = \"" % ssid(r)).v("PASSWORD", p).t("\";\n")
        d.t("const char* mqtt_server = \"").v("IP_ADDRESS", ip_priv(r)).t("\";\n")
    if r.random() < 0.5:
        d.t("const char* mqtt_pass = \"").v("PASSWORD", pw(r)).t("\";\n")
    d.t("byte mac[] = { 0x%s, 0x%s, 0x%s, 0x%s, 0x%s, 0x%s };\n" % tuple(rs(r, HEXU, 2) for _ in range(6)))
    d.t("#define FW_VERSION \"%s\"\n\nvoid setup() {\n  Serial.begin(115200);\n  WiFi.begin(WIFI_SSID, WIFI_PASSWORD);\n}\n" % vname(r))


def t_aws_iot(d, r, ev):
    intro(d, r, ["aws iot create-keys-and-certificate output, how do I store it on the device?\n", "Output of the AWS IoT provisioning:\n"],
          ["Output di aws iot create-keys-and-certificate, come lo salvo sul dispositivo?\n", "Output del provisioning AWS IoT:\n"])
    d.t('{\n    "certificateArn": "arn:aws:iot:eu-west-1:%s:cert/%s",\n    "certificateId": "%s",\n' % (rs(r, DG, 12), rs(r, HEX, 64), rs(r, HEX, 64)))
    d.t('    "certificatePem": "%s\\n",\n' % pem(r, "CERTIFICATE", nl="\\n"))
    d.t('    "keyPair": {\n        "PublicKey": "%s\\n",\n        "PrivateKey": "' % pem(r, "PUBLIC KEY", nl="\\n"))
    d.v("PRIVATE_KEY", pem(r, "RSA PRIVATE KEY", nl="\\n", nchars=r.choice([320, 448, 640]))).t('\\n"\n    }\n}\n')


def t_arduino_certs(d, r, ev):
    intro(d, r, ["secrets.h for the AWS IoT ESP32 example:\n```cpp\n", "My secrets.h, TLS handshake fails:\n"],
          ["secrets.h per l'esempio AWS IoT su ESP32:\n```cpp\n", "Il mio secrets.h, l'handshake TLS fallisce:\n"])
    d.t("#define THINGNAME \"%s-%s\"\nconst char WIFI_SSID[] = \"%s\";\nconst char WIFI_PASSWORD[] = \"" % (r.choice(WORDS), rs(r, DG, 3), ssid(r))).v("PASSWORD", pw(r)).t("\";\n")
    d.t("const char AWS_IOT_ENDPOINT[] = \"%s-ats.iot.eu-central-1.amazonaws.com\";\n\n" % rs(r, LO + DG, 14))
    d.t("static const char AWS_CERT_CA[] PROGMEM = R\"EOF(\n%s\n)EOF\";\n\n" % pem(r, "CERTIFICATE", nchars=320))
    d.t("static const char AWS_CERT_CRT[] PROGMEM = R\"KEY(\n%s\n)KEY\";\n\n" % pem(r, "CERTIFICATE", nchars=384))
    d.t("static const char AWS_CERT_PRIVATE[] PROGMEM = R\"KEY(\n").v("PRIVATE_KEY", pem(r, r.choice(["RSA PRIVATE KEY", "EC PRIVATE KEY"]), nchars=448)).t("\n)KEY\";\n")


def t_ha_secrets(d, r, ev):
    intro(d, r, ["Home Assistant won't start after editing secrets.yaml:\n```yaml\n", "My HA secrets.yaml, is the quoting right?\n"],
          ["Home Assistant non parte più dopo aver modificato secrets.yaml:\n```yaml\n", "Il mio secrets.yaml di HA, le virgolette sono giuste?\n"])
    d.t("home_latitude: %.4f\nhome_longitude: %.4f\n" % (r.uniform(36, 47), r.uniform(7, 18)))
    q = r.choice(["", "\"", "'"])
    d.t("wifi_ssid: \"%s\"\nwifi_password: %s" % (ssid(r), q)).v("PASSWORD", pw(r)).t(q + "\n")
    d.t("mqtt_user: homeassistant\nmqtt_password: %s" % q).v("PASSWORD", pw(r)).t(q + "\n")
    if r.random() < 0.6:
        d.t("router_ip: ").v("IP_ADDRESS", ip_priv(r)).t("\n")
    if r.random() < 0.5:
        d.t("openweathermap_key: %s\n" % rs(r, HEX, 32))
    if r.random() < 0.4:
        d.t("notify_email: ").v("EMAIL", email(r)).t("\n")
    d.t("influxdb_token: !env_var INFLUX_TOKEN\n")


def t_nodered(d, r, ev):
    intro(d, r, ["Node-RED flow export, the broker node stays 'connecting':\n", "flows.json excerpt:\n"],
          ["Export del flow Node-RED, il nodo broker resta 'connecting':\n", "Estratto di flows.json:\n"])
    nid = lambda: rs(r, HEX, 16)
    d.t('[{"id":"%s","type":"mqtt-broker","name":"local","broker":"' % nid()).v("IP_ADDRESS", ip_priv(r)).t('","port":"1883","clientid":"","usetls":false,')
    d.t('"credentials":{"user":"nodered","password":"').v("PASSWORD", pw(r)).t('"}},\n')
    d.t(' {"id":"%s","type":"mqtt in","topic":"zigbee2mqtt/%s","broker":"%s"},\n' % (nid(), r.choice(WORDS), nid()))
    if r.random() < 0.5:
        d.t(' {"id":"%s","type":"e-mail","server":"smtp.gmail.com","port":"465","name":"' % nid()).v("EMAIL", email(r)).t('"},\n')
    d.t(' {"id":"%s","type":"function","func":"msg.payload = msg.payload.temperature;\\nreturn msg;"}]\n' % nid())


def t_ota(d, r, ev):
    intro(d, r, ["OTA update fails with HTTP 403 on the ESP32. Log:\n", "The OTA URL the backend generates:\n"],
          ["L'aggiornamento OTA fallisce con HTTP 403 sull'ESP32. Log:\n", "L'URL OTA generato dal backend:\n"])
    ver = vname(r)
    d.t("[OTA] current firmware %s (build %s), checking https://ota.%s/fw/%s/esp32-%s.bin?token=" % (vname(r), rs(r, HEX, 7), r.choice(["fleetbox.io", "sensoria.tech"]), r.choice(WORDS), ver))
    d.v("JWT", jwt(r)).t("\n[OTA] HTTP 403, expected sha256=%s\n" % rs(r, HEX, 64))
    if r.random() < 0.5:
        d.t("[NET] got IP ").v("IP_ADDRESS", ip_priv(r)).t(", RSSI -%d dBm, MAC %s\n" % (r.randint(40, 90), mac(r)))


def t_sim_module(d, r, ev):
    intro(d, r, ["SIM7600 gets an IP but MQTT times out. AT log:\n", "Quectel BG96 log, PDP context is up:\n"],
          ["Il SIM7600 prende l'IP ma MQTT va in timeout. Log AT:\n", "Log del Quectel BG96, il contesto PDP è attivo:\n"])
    d.t("AT+CGSN\r\n%s\r\nOK\r\nAT+CCID\r\n+CCID: %s\r\nOK\r\n" % (imei(r), iccid(r)))
    d.t("AT+CGDCONT=1,\"IP\",\"%s\"\r\nOK\r\nAT+CGPADDR=1\r\n+CGPADDR: 1,\"" % r.choice(["iot.1nce.net", "ibox.tim.it", "web.omnitel.it", "em"])).v("IP_ADDRESS", ip4(r, "p10")).t("\"\r\nOK\r\n")
    d.t("AT+CMQTTCONNECT=0,\"tcp://").v("IP_ADDRESS", ip4(r, "pub")).t(":1883\",60,1\r\n+CMQTTCONNECT: 0,11\r\n")


def t_thread_log(d, r, ev):
    intro(d, r, ["Matter device commissioning fails, chip-tool log:\n", "OpenThread border router log:\n"],
          ["La messa in servizio Matter fallisce, log di chip-tool:\n", "Log del border router OpenThread:\n"])
    d.t("[%d.%03d][%d] CHIP:DIS: Discovered node %s on interface wlan0\n" % (r.randint(10 ** 9, 2 * 10 ** 9), r.randint(0, 999), r.randint(100, 9999), rs(r, HEXU, 16)))
    d.t("[%d.%03d][%d] CHIP:DIS: \tIP Address #1: " % (r.randint(10 ** 9, 2 * 10 ** 9), r.randint(0, 999), r.randint(100, 9999))).v("IP_ADDRESS", ip6(r)).t("\n")
    d.t("[%d.%03d][%d] CHIP:DIS: \tExtended address: %s, PAN ID 0x%s\n" % (r.randint(10 ** 9, 2 * 10 ** 9), r.randint(0, 999), r.randint(100, 9999), rs(r, HEX, 16), rs(r, HEX, 4)))
    if r.random() < 0.5:
        d.t("[%d.%03d][%d] CHIP:TOO: Fallback IPv4 " % (r.randint(10 ** 9, 2 * 10 ** 9), r.randint(0, 999), r.randint(100, 9999))).v("IP_ADDRESS", ip_priv(r)).t("\n")
    d.t("Error: CHIP Error 0x00000032: Timeout\n")


def t_app_review(d, r, ev):
    intro(d, r, ["deliver rejects our app_review_information, what's wrong?\n```ruby\n", "App review info in Deliverfile:\n"],
          ["deliver rifiuta app_review_information, cosa sbaglio?\n```ruby\n", "Informazioni per la review nel Deliverfile:\n"])
    f, l = person(r)
    e = email(r)
    if ev == "fw":
        e = ev_fw_at(e)
        d.tags.append("evasion:fullwidth")
    d.t("app_review_information(\n  first_name: \"%s\",\n  last_name: \"%s\",\n  phone_number: \"" % (f, l)).v("PHONE", phone(r)).t("\",\n")
    d.t("  email_address: \"").v("EMAIL", e).t("\",\n  demo_user: \"%s\",\n  demo_password: \"" % r.choice(["reviewer", "demo@%s" % "appfactory.it", "apple_review"]))
    if "demo@" in d.parts[-1]:
        # the demo user is itself an address: label it
        d.parts[-1] = d.parts[-1][: d.parts[-1].index("demo@")]
        d.n = sum(len(p.encode()) for p in d.parts)
        d.v("EMAIL", "demo@appfactory.it").t("\",\n  demo_password: \"")
    d.v("PASSWORD", pw(r)).t("\",\n  notes: \"BLE sensor not required for review\"\n)\n")


def t_support(d, r, ev):
    f, l = person(r)
    if d.lang == "it":
        d.t("Riscrivi in modo più professionale il README del firmware:\n\n## Assistenza\nPer problemi con il gateway (modello GW-%d, seriale %s) contattare %s %s: " % (r.randint(100, 900), rs(r, UP + DG, 12), f, l))
        d.v("EMAIL", email(r)).t(" oppure tel. ").v("PHONE", phone(r)).t(".\nFirmware attuale: v%s, bootloader %s.\n" % (vname(r), vname(r)))
    else:
        d.t("Polish the support section of our device manual:\n\nSupport: if the hub LED blinks red (serial %s, fw %s) write to %s %s at " % (rs(r, UP + DG, 12), vname(r), f, l))
        d.v("EMAIL", email(r)).t(" or call ").v("PHONE", phone(r)).t(" (9-17 CET).\n")


def t_podspec(d, r, ev):
    intro(d, r, ["pod lib lint fails on my podspec:\n```ruby\n", "Podspec for our BLE SDK:\n"],
          ["pod lib lint fallisce sul mio podspec:\n```ruby\n", "Podspec del nostro SDK BLE:\n"])
    f, l = person(r)
    d.t("Pod::Spec.new do |s|\n  s.name = 'SensoriaBLE'\n  s.version = '%s'\n  s.author = { '%s %s' => '" % (vname(r), f, l)).v("EMAIL", email(r)).t("' }\n")
    d.t("  s.source = { :git => 'https://github.com/sensoria/ble-sdk.git', :tag => s.version.to_s }\n  s.ios.deployment_target = '13.0'\nend\n")


def t_adb(d, r, ev):
    intro(d, r, ["adb over WiFi keeps dropping:\n", "Wireless debugging, adb says 'failed to connect':\n"],
          ["adb via WiFi si disconnette di continuo:\n", "Debug wireless, adb dice 'failed to connect':\n"])
    ip = ip_priv(r)
    shown = ip
    if ev == "fw":
        shown = ev_fw_digits(ip)
        d.tags.append("evasion:fullwidth")
    d.t("$ adb tcpip 5555\nrestarting in TCP mode port: 5555\n$ adb connect ").v("IP_ADDRESS", shown).t(":5555\nfailed to connect to '%s:5555': Connection refused\n" % ip)
    d.findings.append({"type": "IP_ADDRESS", "start": d.n - len((ip + ":5555': Connection refused\n").encode()), "end": d.n - len(":5555': Connection refused\n".encode()), "value": ip})
    d.t("$ adb devices -l\n%s device product:%s model:%s\n" % (rs(r, UP + DG, 14), r.choice(["oriole", "cheetah", "a52q"]), r.choice(["Pixel_6", "Pixel_7_Pro", "SM_A525F"])))


def t_wpa(d, r, ev):
    intro(d, r, ["Raspberry Pi headless setup, wpa_supplicant.conf:\n", "The Pi never joins the network:\n"],
          ["Setup headless del Raspberry Pi, wpa_supplicant.conf:\n", "Il Raspberry non entra mai in rete:\n"])
    d.t("ctrl_interface=DIR=/var/run/wpa_supplicant GROUP=netdev\ncountry=IT\nnetwork={\n    ssid=\"%s\"\n    psk=\"" % ssid(r)).v("PASSWORD", pw(r)).t("\"\n    key_mgmt=WPA-PSK\n}\n")
    d.tags.append("judgement")
    d.meta["reason"] = "Wi-Fi passphrase under psk= (not a 'password' key): labelled PASSWORD since psk is the network password"


def t_weak_wifi(d, r, ev):
    intro(d, r, ["Test bench sketch:\n", "Our lab firmware config:\n"], ["Sketch del banco prova:\n", "Config del firmware di laboratorio:\n"])
    p = rs(r, DG, r.choice([8, 10]))
    d.t("#define WIFI_SSID \"%s\"\n#define WIFI_PASSWORD \"" % ssid(r)).v("PASSWORD", p).t("\"\n#define SENSOR_PIN 34\n")
    d.tags.append("judgement")
    d.meta["reason"] = "all-digit Wi-Fi password assigned to WIFI_PASSWORD: labelled PASSWORD, but it is shaped like an ordinary number"


def t_esphome(d, r, ev):
    intro(d, r, ["ESPHome node won't compile:\n```yaml\n", "ESPHome config for the greenhouse sensor:\n"],
          ["Il nodo ESPHome non compila:\n```yaml\n", "Config ESPHome del sensore della serra:\n"])
    d.t("esphome:\n  name: %s-%s\n\nwifi:\n  ssid: \"%s\"\n  password: \"" % (r.choice(WORDS), rs(r, DG, 2), ssid(r))).v("PASSWORD", pw(r)).t("\"\n")
    d.t("  manual_ip:\n    static_ip: ").v("IP_ADDRESS", ip_priv(r)).t("\n    gateway: ").v("IP_ADDRESS", ip_priv(r)).t("\n")
    d.t("\nota:\n  password: \"").v("PASSWORD", pw(r)).t("\"\n\napi:\n  encryption:\n    key: \"%s\"\n" % b64blob(r, 32))


def t_platformio(d, r, ev):
    intro(d, r, ["platformio.ini, the define isn't seen by the code:\n", "PlatformIO env:\n"],
          ["platformio.ini, il define non arriva al codice:\n", "Env di PlatformIO:\n"])
    d.t("[env:esp32dev]\nplatform = espressif32\nboard = esp32dev\nframework = arduino\nbuild_flags =\n  -DWIFI_SSID=\\\"%s\\\"\n  -DWIFI_PASS=\\\"" % ssid(r).replace(" ", "_")).v("PASSWORD", pw(r)).t("\\\"\n")
    d.t("  -DFW_VERSION=\\\"%s\\\"\nupload_protocol = espota\nupload_port = " % vname(r)).v("IP_ADDRESS", ip_priv(r)).t("\nupload_flags = --auth=").v("PASSWORD", pw(r)).t("\n")


def t_tasmota(d, r, ev):
    intro(d, r, ["Tasmota console command I used, device doesn't reach the broker:\n", "Backlog sent to the plug:\n"],
          ["Comando nella console Tasmota, il dispositivo non raggiunge il broker:\n", "Backlog inviato alla presa:\n"])
    d.t("Backlog SSID1 %s; Password1 " % ssid(r).replace(" ", "_")).v("PASSWORD", pw(r)).t("; MqttHost ").v("IP_ADDRESS", ip_priv(r))
    d.t("; MqttUser tasmota; MqttPassword ").v("PASSWORD", pw(r)).t("; Topic %s_%s\n" % (r.choice(WORDS), rs(r, HEX, 6)))


def t_altool(d, r, ev):
    intro(d, r, ["CI upload to TestFlight fails:\n$ ", "Our old upload script:\n"], ["L'upload su TestFlight dalla CI fallisce:\n$ ", "Il nostro vecchio script di upload:\n"])
    asp = "-".join(rs(r, LO, 4) for _ in range(4))
    d.t("security unlock-keychain -p ").v("PASSWORD", pw(r)).t(" build.keychain\n")
    d.t("xcrun altool --upload-app -f build/%s.ipa -t ios -u " % r.choice(["Thermo", "FleetBox", "Serra"])).v("EMAIL", email(r)).t(" -p ").v("PASSWORD", asp).t("\n*** Error: Unable to upload archive.\n")


def t_apn(d, r, ev):
    intro(d, r, ["APN with authentication on the modem:\n", "The private APN needs PAP:\n"], ["APN con autenticazione sul modem:\n", "L'APN privato richiede PAP:\n"])
    d.t("AT+CGDCONT=1,\"IP\",\"%s.m2m\"\r\nOK\r\nAT+CGAUTH=1,1,\"%s\",\"" % (r.choice(WORDS), r.choice(["m2muser", "fleet", "iotuser"]))).v("PASSWORD", pw(r)).t("\"\r\nOK\r\nAT+CGACT=1,1\r\nOK\r\n")


def t_buildconfig(d, r, ev):
    intro(d, r, ["buildConfigField escaping, is this right?\n", "Flavor config in build.gradle:\n"], ["Escaping di buildConfigField, è corretto?\n", "Config dei flavor in build.gradle:\n"])
    d.t("productFlavors {\n    staging {\n        buildConfigField \"String\", \"MQTT_PASSWORD\", \"\\\"").v("PASSWORD", pw(r)).t("\\\"\"\n")
    d.t("        buildConfigField \"String\", \"MAPS_KEY\", \"\\\"").v("GOOGLE_API_KEY", gkey(r)).t("\\\"\"\n        buildConfigField \"int\", \"API_LEVEL\", \"%d\"\n    }\n}\n" % r.randint(1, 9))


def t_dart(d, r, ev):
    intro(d, r, ["Flutter constants file, reviewer says don't hardcode:\n```dart\n", "lib/config.dart:\n"], ["File di costanti Flutter, il reviewer dice di non metterle in chiaro:\n```dart\n", "lib/config.dart:\n"])
    d.t("class Config {\n  static const mqttHost = '").v("IP_ADDRESS", ip_priv(r)).t("';\n  static const mqttUser = 'flutter_app';\n  static const mqttPassword = '").v("PASSWORD", pw(r)).t("';\n")
    d.t("  static const mapsKey = '").v("GOOGLE_API_KEY", gkey(r)).t("';\n  static const appVersion = '%s+%d';\n}\n" % (vname(r), r.randint(1, 300)))


POS = [
    (t_gradle_props, 6, ("zw",)), (t_gradle_kts, 6, ()), (t_keytool, 4, ()), (t_local_props, 5, ("zw",)),
    (t_manifest, 5, ()), (t_google_services, 5, ()), (t_firebase_js, 4, ()), (t_logcat, 6, ("fw",)),
    (t_info_plist, 4, ()), (t_gservice_plist, 4, ()), (t_xcconfig, 3, ()), (t_fastlane, 5, ()),
    (t_matchfile, 4, ()), (t_asc_key, 4, ()), (t_p8, 3, ()), (t_rn_env, 5, ("zw",)), (t_expo, 3, ()),
    (t_mqtt, 6, ()), (t_mosquitto, 4, ()), (t_esp32, 7, ("zw",)), (t_aws_iot, 4, ()), (t_arduino_certs, 3, ()),
    (t_ha_secrets, 5, ()), (t_nodered, 4, ()), (t_ota, 4, ()), (t_sim_module, 4, ()), (t_thread_log, 3, ()),
    (t_app_review, 3, ("fw",)), (t_support, 4, ()), (t_podspec, 2, ()), (t_adb, 3, ("fw",)),
    (t_esphome, 3, ()), (t_platformio, 3, ()), (t_tasmota, 2, ()), (t_altool, 2, ()), (t_apn, 2, ()), (t_buildconfig, 2, ()), (t_dart, 3, ()),
]


# ================================================================ negatives
def n_proguard(d, r):
    intro(d, r, ["Deobfuscate this crash, mapping.txt excerpt:\n", "R8 mapping output:\n"], ["Mi aiuti a deoffuscare questo crash? mapping.txt:\n", "Output del mapping R8:\n"])
    pk = bundle(r)
    for _ in range(r.randint(3, 6)):
        c = r.choice(["ble.GattManager", "net.ApiClient", "ui.MainActivity", "data.SensorRepo", "mqtt.Session"])
        d.t("%s.%s -> %s:\n    int retryCount -> %s\n    %d:%d:void connect(java.lang.String) -> %s\n" % (pk, c, rs(r, LO, 1) + "." + rs(r, LO, 1), rs(r, LO, 1), r.randint(1, 90), r.randint(91, 300), rs(r, LO, 1)))
    d.t("java.lang.IllegalStateException: at a.b.c(SourceFile:%d)\n" % r.randint(1, 400))


def n_ble_log(d, r):
    intro(d, r, ["nRF Connect log, why does notification subscription fail?\n", "BLE scan results:\n"],
          ["Log di nRF Connect, perché la sottoscrizione alle notifiche fallisce?\n", "Risultati della scansione BLE:\n"])
    for _ in range(r.randint(2, 4)):
        d.t("D %02d:%02d:%02d.%03d Device %s RSSI -%d\n" % (r.randint(0, 23), r.randint(0, 59), r.randint(0, 59), r.randint(0, 999), mac(r), r.randint(40, 99)))
    d.t("I Service discovered: 0000180f-0000-1000-8000-00805f9b34fb (Battery)\n")
    d.t("I Service discovered: %s (Custom)\n" % uuid(r))
    d.t("V Characteristic %s: write value (0x) %s\n" % (uuid(r), "-".join(rs(r, HEXU, 2) for _ in range(8))))
    d.t("E Error 133 (0x85): GATT ERROR\n")


def n_zigbee(d, r):
    intro(d, r, ["zigbee2mqtt won't pair the sensor:\n", "Zigbee2MQTT log:\n"], ["zigbee2mqtt non associa il sensore:\n", "Log di Zigbee2MQTT:\n"])
    ieee = "0x" + rs(r, HEX, 16)
    d.t("Zigbee2MQTT:info  %s: Device '%s' joined\n" % ("2024-0%d-1%d %02d:%02d:%02d" % (r.randint(1, 9), r.randint(0, 9), r.randint(0, 23), r.randint(0, 59), r.randint(0, 59)), ieee))
    d.t("Zigbee2MQTT:info  Starting interview of '%s'\nZigbee2MQTT:warn  Device '%s' with Zigbee model 'lumi.sensor_ht' and manufacturer name 'LUMI' is not supported\n" % (ieee, ieee))
    d.t("coordinator: {\"type\":\"zStack3x0\",\"meta\":{\"revision\":%d,\"transportrev\":2}}, network key: [%s]\n" % (r.randint(20200000, 20240000), ", ".join(str(r.randint(0, 255)) for _ in range(16))))
    d.t("pan_id: %d, ext_pan_id: [%s]\n" % (r.randint(1000, 65000), ", ".join("0x%s" % rs(r, HEX, 2) for _ in range(8))))


def n_lorawan(d, r):
    intro(d, r, ["LoRaWAN OTAA join never succeeds, my keys (TTN v3):\n", "RAK3172 AT config:\n"],
          ["Il join OTAA LoRaWAN non va mai a buon fine, le chiavi (TTN v3):\n", "Config AT del RAK3172:\n"])
    d.t("DevEUI: 70B3D57ED005%s\nJoinEUI/AppEUI: %s\nAppKey: %s\n" % (rs(r, HEXU, 4), rs(r, HEXU, 16), rs(r, HEXU, 32)))
    d.t("static const u1_t PROGMEM APPKEY[16] = { %s };\n" % ", ".join("0x" + rs(r, HEXU, 2) for _ in range(16)))
    d.t("Frequency plan: EU_863_870_TTN, RX2 SF9, LoRaWAN %s\n" % r.choice(["1.0.3", "1.0.2", "1.1"]))


def n_aes(d, r):
    intro(d, r, ["Is AES-128-CBC OK for the payload encryption on the nRF52?\n```c\n", "Encryption config of the firmware:\n"],
          ["Va bene AES-128-CBC per cifrare il payload sul nRF52?\n```c\n", "Configurazione di cifratura del firmware:\n"])
    d.t("static const uint8_t aes_key[16] = {%s};\n" % ", ".join("0x" + rs(r, HEX, 2) for _ in range(16)))
    d.t("#define AES_IV_HEX \"%s\"\n#define DEVICE_SERIAL \"%s\"\n#define FW_BUILD %d\n" % (rs(r, HEX, 32), rs(r, UP + DG, 12), r.randint(100, 9999)))


def n_signing_report(d, r):
    intro(d, r, ["Which SHA-1 do I register in Firebase? signingReport:\n", "Output of ./gradlew signingReport:\n"],
          ["Quale SHA-1 devo registrare su Firebase? signingReport:\n", "Output di ./gradlew signingReport:\n"])
    for var in ("debug", "release"):
        d.t("Variant: %s\nConfig: %s\nStore: /Users/dev/.android/%s.keystore\nAlias: %s\nMD5: %s\nSHA1: %s\nSHA-256: %s\nValid until: %s\n----------\n" % (
            var, var, var, "AndroidDebugKey" if var == "debug" else "upload", sha_fp(r, 16), sha_fp(r, 20), sha_fp(r, 32),
            r.choice(["Friday, 3 March 2051", "Tuesday, 14 May 2052", "Monday, 12 January 2054"])))


def n_device_info(d, r):
    intro(d, r, ["Device inventory for the fleet dashboard, design a table schema:\n", "Tracker diagnostics dump:\n"],
          ["Inventario dispositivi per la dashboard della flotta, proponi lo schema della tabella:\n", "Dump diagnostico del tracker:\n"])
    for _ in range(r.randint(2, 4)):
        d.t("serial=%s imei=%s iccid=%s fw=%s hw=rev%s mac=%s\n" % (rs(r, UP + DG, 12), imei(r), iccid(r), vname(r), r.choice("ABCD"), mac(r)))


def n_placeholders(d, r):
    intro(d, r, ["Template for the team, fill in your own values:\n", "README snippet, is it clear enough?\n"],
          ["Template per il team, ognuno inserisca i propri valori:\n", "Snippet del README, si capisce?\n"])
    k = r.randrange(4)
    if k == 0:
        d.t("RELEASE_STORE_PASSWORD=<your-keystore-password>\nRELEASE_KEY_PASSWORD=<your-key-password>\nMAPS_API_KEY=YOUR_API_KEY_HERE\n")
    elif k == 1:
        d.t("#define WIFI_SSID \"YOUR_SSID\"\n#define WIFI_PASSWORD \"YOUR_WIFI_PASSWORD\"\nconst char* mqtt_server = \"broker.example.com\";\n")
    elif k == 2:
        d.t("storePassword System.getenv(\"KEYSTORE_PASSWORD\")\nkeyPassword System.getenv(\"KEY_PASSWORD\")\n// in CI: ANDROID_KEYSTORE_PASSWORD: ${{ secrets.ANDROID_KEYSTORE_PASSWORD }}\n")
    else:
        d.allow.append("mqtts://USER:PASSWORD@your-broker:8883")
        d.t("mqtt_password: !secret mqtt_password\nwifi_password: !secret wifi_password\napi_key: \"AIzaSy...\"   # put the real key in secrets.yaml\nMQTT_URL=mqtts://USER:PASSWORD@your-broker:8883\n")


def n_certs(d, r):
    intro(d, r, ["Is this the right CA for AWS IoT? (AmazonRootCA1.pem)\n", "The broker certificate chain:\n"],
          ["È la CA giusta per AWS IoT? (AmazonRootCA1.pem)\n", "La catena di certificati del broker:\n"])
    d.t(pem(r, "CERTIFICATE") + "\n")
    if r.random() < 0.5:
        d.t("\nand the device public key:\n" + pem(r, "PUBLIC KEY") + "\n")


def n_mosq_passwd(d, r):
    intro(d, r, ["mosquitto_passwd produced this file, is the hash format right?\n", "/etc/mosquitto/passwd:\n"],
          ["mosquitto_passwd ha generato questo file, il formato dell'hash è giusto?\n", "/etc/mosquitto/passwd:\n"])
    for u in r.sample(["esp32", "nodered", "homeassistant", "gateway01", "bridge", "sensor"], 3):
        d.t("%s:$7$101$%s$%s\n" % (u, b64blob(r, 12), b64blob(r, 64)))
    d.t("\n# acl\npattern readwrite devices/%%u/#\ntopic read $SYS/#\n")


def n_spm(d, r):
    intro(d, r, ["Package.resolved conflict after merge:\n", "Podfile.lock diff:\n"], ["Conflitto in Package.resolved dopo il merge:\n", "Diff di Podfile.lock:\n"])
    if r.random() < 0.5:
        d.t('{\n  "pins" : [\n')
        for n in r.sample(["alamofire", "firebase-ios-sdk", "swift-protobuf", "kingfisher", "mqtt-nio"], 2):
            d.t('    {\n      "identity" : "%s",\n      "location" : "https://github.com/%s/%s",\n      "state" : {\n        "revision" : "%s",\n        "version" : "%s"\n      }\n    },\n' % (n, n, n, rs(r, HEX, 40), vname(r)))
        d.t('  ],\n  "version" : 2\n}\n')
    else:
        d.t("SPEC CHECKSUMS:\n  Firebase: %s\n  GoogleMaps: %s\n\nPODFILE CHECKSUM: %s\n\nCOCOAPODS: 1.%d.%d\n" % (rs(r, HEX, 40), rs(r, HEX, 40), rs(r, HEX, 40), r.randint(10, 16), r.randint(0, 3)))


def n_asc_ids(d, r):
    intro(d, r, ["Where do I find these in App Store Connect?\n", "Our CI variables (ids only, the key is in the vault):\n"],
          ["Dove trovo questi valori in App Store Connect?\n", "Le variabili della CI (solo id, la chiave è nel vault):\n"])
    d.t("APP_STORE_CONNECT_API_KEY_ID=%s\nAPP_STORE_CONNECT_ISSUER_ID=%s\nAPPLE_TEAM_ID=%s\nAPP_ID=%d\nBUNDLE_ID=%s\nAPP_STORE_CONNECT_API_KEY_P8=$(cat AuthKey.p8)\n" % (
        rs(r, UP + DG, 10), uuid(r), rs(r, UP + DG, 10), r.randint(10 ** 9, 2 * 10 ** 9), bundle(r)))


def n_firmware_prose(d, r):
    if d.lang == "it":
        d.t("Scrivi le note di rilascio del firmware %s (build %d, versionCode %d): corretto il riavvio del watchdog, migliorata la riconnessione BLE, OTA firmato con ECDSA P-256. SHA-256 dell'immagine: %s.\n" % (vname(r), r.randint(100, 9999), r.randint(100, 99999), rs(r, HEX, 64)))
    else:
        d.t("Write release notes for firmware %s (build %d, versionCode %d): watchdog reset fixed, BLE reconnection improved, OTA images now signed with ECDSA P-256. Image SHA-256: %s.\n" % (vname(r), r.randint(100, 9999), r.randint(100, 99999), rs(r, HEX, 64)))


NEG = [(n_proguard, 3), (n_ble_log, 4), (n_zigbee, 3), (n_lorawan, 4), (n_aes, 3), (n_signing_report, 3), (n_device_info, 4),
       (n_placeholders, 4), (n_certs, 3), (n_mosq_passwd, 3), (n_spm, 3), (n_asc_ids, 3), (n_firmware_prose, 3)]


# ================================================================ judgement (unlabelled or labelled with a reason)
def j_azure(d, r):
    intro(d, r, ["Azure IoT Hub device can't connect, connection string:\n", "DeviceClient.create_from_connection_string fails:\n"],
          ["Il dispositivo non si collega ad Azure IoT Hub, stringa di connessione:\n", "create_from_connection_string fallisce:\n"])
    hub = r.choice(["sensoria-hub", "fleetbox-iot", "serra-prod"])
    if r.random() < 0.5:
        d.t("HostName=%s.azure-devices.net;DeviceId=%s-%s;SharedAccessKey=%s\n" % (hub, r.choice(WORDS), rs(r, DG, 3), b64blob(r, 32)))
    else:
        d.t("HostName=%s.azure-devices.net;SharedAccessKeyName=iothubowner;SharedAccessKey=%s\n" % (hub, b64blob(r, 32)))
    d.meta["reason"] = "Azure SharedAccessKey: a secret, but no DESIGN.md type and not assigned to a password key; left unlabelled"


def j_ipaddress_ctor(d, r):
    intro(d, r, ["Static IP on the ESP32 doesn't stick:\n```cpp\n", "Static IP config:\n"], ["L'IP statico sull'ESP32 non viene applicato:\n```cpp\n", "Config IP statico:\n"])
    a = [192, 168, r.randint(0, 254), r.randint(2, 254)]
    d.t("IPAddress local_IP(%d, %d, %d, %d);\nIPAddress gateway(%d, %d, %d, 1);\nIPAddress subnet(255, 255, 255, 0);\nWiFi.config(local_IP, gateway, subnet);\n" % tuple(a + a[:3]))
    d.meta["reason"] = "Arduino IPAddress(a, b, c, d): an address, but not in dotted notation; left unlabelled"


def j_sentry(d, r):
    intro(d, r, ["Sentry isn't receiving crashes from the Flutter app:\n", "sentry_flutter init:\n"], ["Sentry non riceve i crash dall'app Flutter:\n", "Init di sentry_flutter:\n"])
    dsn = "https://%s@o%d.ingest.sentry.io/%d" % (rs(r, HEX, 32), r.randint(100000, 4999999), r.randint(1000000, 6999999))
    d.allow.append(dsn)
    d.t("await SentryFlutter.init((options) {\n  options.dsn = '%s';\n  options.tracesSampleRate = 0.2;\n});\n" % dsn)
    d.meta["reason"] = "Sentry DSN: user part only (public key), no password; not a credential URL by user:password@ form; left unlabelled"


def j_placeholder_key(d, r):
    intro(d, r, ["Docs example, will this work once I paste my key?\n", "Copied from the quickstart:\n"], ["Esempio dalla documentazione, funziona se incollo la mia chiave?\n", "Copiato dal quickstart:\n"])
    k = "AIzaSy" + "X" * 33
    d.allow.append(k)
    d.t("<meta-data android:name=\"com.google.android.geo.API_KEY\" android:value=\"%s\"/>\n" % k)
    d.meta["reason"] = "full-length AIzaSyXXXX… placeholder: matches the format, carries no secret; left unlabelled"


def j_listener(d, r):
    intro(d, r, ["mosquitto 2.x only listens on localhost, how do I fix it?\n", "Broker only reachable locally:\n"], ["mosquitto 2.x ascolta solo su localhost, come risolvo?\n", "Il broker è raggiungibile solo in locale:\n"])
    d.allow += ["0.0.0.0", "127.0.0.1"]
    d.t("listener 1883 0.0.0.0\nallow_anonymous true\n# before it was: bind_address 127.0.0.1\n")
    d.meta["reason"] = "0.0.0.0 and 127.0.0.1 are wildcard/loopback, no host's address; left unlabelled"


JUDG = [(j_azure, 3), (j_ipaddress_ctor, 2), (j_sentry, 2), (j_placeholder_key, 1), (j_listener, 1)]


def wchoice(r, items):
    tot = sum(w for _, w, *_ in items)
    x = r.uniform(0, tot)
    for it in items:
        x -= it[1]
        if x <= 0:
            return it
    return items[-1]


# ================================================================ main
def make_case(r, idx, seed):
    lang = "it" if r.random() < 0.4 else "en"
    d = Doc(lang)
    x = r.random()
    if x < 0.045:
        # judgement: 4 %, from the unlabelled list or the labelled password calls
        if r.random() < 0.7:
            fn = wchoice(r, JUDG)[0]
            fn(d, r)
            d.tags += ["judgement", "negative"]
        else:
            r.choice([t_wpa, t_weak_wifi])(d, r, None)
    elif x < 0.34:
        fn = wchoice(r, NEG)[0]
        fn(d, r)
        d.tags.append("negative")
    else:
        fn, _, evs = wchoice(r, POS)
        ev = None
        if evs and r.random() < 0.45:
            ev = r.choice(evs)
        fn(d, r, ev)
        # a hard negative tail now and then
        if r.random() < 0.3:
            d.t("\n")
            wchoice(r, NEG)[0](d, r)
            d.tags.append("distractor")
    text = d.text()
    tb = text.encode("utf-8")
    for f in d.findings:
        if tb[f["start"]:f["end"]].decode("utf-8") != f["value"]:
            raise Bad("span mismatch %r" % f)
        if not value_ok(f["type"], f["value"]):
            raise Bad("bad value %s %r" % (f["type"], f["value"]))
    lo = leftovers(text, d.findings, d.allow)
    if lo:
        raise Bad("leftover %r" % lo)
    findings = sorted(d.findings, key=lambda f: f["start"])
    out = {"id": "a27-%d-%04d" % (seed, idx), "lang": lang, "text": text, "findings": findings, "tags": d.tags}
    if d.meta:
        out["meta"] = d.meta
    return out


def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    seed, n, path = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
    r = random.Random(seed * 7919 + 27)
    out, retries = [], 0
    while len(out) < n:
        st = r.getstate()
        try:
            out.append(make_case(r, len(out), seed))
        except Bad as e:
            retries += 1
            if retries > 20 * n:
                raise
            if os.environ.get("A27_DEBUG"):
                print("retry:", e, file=sys.stderr)
    with open(path, "w", encoding="utf-8") as f:
        for c in out:
            f.write(json.dumps(c, ensure_ascii=False) + "\n")
    tags = {}
    for c in out:
        for t in c["tags"]:
            tags[t] = tags.get(t, 0) + 1
    print("wrote %d cases (%d retries) tags=%s" % (len(out), retries, tags))


if __name__ == "__main__":
    main()
