// Package detect finds sensitive values in prompt text: credentials, personal
// data and classification markings (the finding types of DESIGN.md), plus
// custom types defined in policy data.
//
// # Pipeline
//
// A Scanner handles each text in stages:
//
//  1. Prefilter, one read of the text (prescan.go). On amd64 with AVX2 and
//     BMI1 one assembly call a text classifies 32 bytes per step with
//     nibble-table lookups (bytescan.go: digit runs and the word context
//     around them, base64 runs long enough to decode and whether any
//     reader may want them, '%', '\', bytes outside ASCII), runs Teddy over the
//     same bytes (teddy.go: each keyword of three bytes or more is anchored
//     on three of its bytes in one of eight buckets, ASCII case folded in
//     the tables; 1- and 2-byte keywords such as '@' are compared too), and
//     settles the rare candidate there as well: a probe of the anchor table,
//     then an 8-byte masked compare per keyword with that anchor, so Go
//     sees only the hits (and the long keywords' tails). Elsewhere (no
//     AVX2, other architectures, the purego tag, keyword sets Teddy does not
//     suit) the byte pass is SSE2 or byte by byte and the keyword pass a
//     gram filter (prefilter.go: a table lookup per byte on the last three
//     bytes); very large keyword sets use an Aho–Corasick automaton. A
//     detector runs only if its keywords occurred, and then, but for a
//     custom regex (which reads the whole text), only around them. The number formats read the byte pass's digit masks directly
//     (digitrun.go): runs inside words are dropped 64 bytes at a time by
//     word-context masks (made by the kernel on amd64), and each remaining
//     run is given only to the formats its length, the bytes around it and
//     the digits after it allow (on amd64 with AVX2 that loop is assembly
//     too, numruns_amd64.s, which returns every 32 KB so that the runtime
//     can stop the goroutine).
//  2. Normalisation, only when the text holds a non-ASCII character that it
//     changes (then the prefilter runs again on the normalised text; a text
//     of 1 KB or more with a byte outside ASCII in its first 4 KB is
//     normalised first, for one byte pass): NFKC
//     (full-width digits and ＠), format characters dropped (zero-width
//     space, joiners, soft hyphen, BOM), dashes and spaces unified,
//     typographic quotes made ASCII (’ ‘ ʼ → ', “ ” « » → "), common
//     Cyrillic/Greek homoglyphs mapped to Latin, the decimal digits of
//     other scripts (Arabic-Indic ٤, Persian ۴, Devanagari ४ …) made ASCII
//     digits. An offset map takes every
//     span back to the bytes of the text as given.
//  3. Detectors, one small file per format, each validating what it matches:
//     Luhn (cards, partita IVA), ISO 13616 mod-97 with each country's length
//     and the registry's digit positions of its BBAN (IBAN), the codice fiscale check letter with omocodia, SSA rules (SSN),
//     the GitHub token CRC32, a JWT header that is JSON with "alg", IPv4/IPv6
//     parsed by net/netip. Ambiguous formats need context words, English and
//     Italian (AWS secret key, password, phone, bare SSN, VAT near phone words;
//     for passwords, phones and markings German, French, Spanish, Portuguese
//     and Dutch too),
//     matched as whole words with their inflections (wordset.go: "iva" is
//     not Ivan, "token" not tokenizer; githubToken counts in code); a phone
//     column's header is context for the numbers of its column in a
//     Markdown, TSV or CSV table, a pg_dump COPY block (its column list) or
//     a fixed-width report (phonetable.go, phonefixed.go), and a column
//     headed by another kind of number (IMEI, Order) holds no phone
//     numbers; a password word heading a column, or a field's cell, names
//     the values beside it (passwordtable.go). Private
//     keys are PEM blocks and PuTTY key files (.ppk); Slack tokens include
//     the xoxc- client tokens of browser sessions.
//  4. Decoded views: percent-encoding (twice, for a URL in another's
//     query: %253A), form bodies (a=b+c&d=e: '+' is a
//     space, a value ends at '&'; form.go), HTML character references
//     (&#64;, &commat;; entity.go), JSON/JS escapes (\u0041KIA…, \/,
//     nested up to three levels in JSON held in JSON strings; a shell's or
//     C's line continuation inside a value, \ at a line's end, removed),
//     HTML's inline markup glued to a value (5563 36<wbr>97 …, an empty
//     <b></b>, a comment, a <span> around its '@'; markup.go) and base64
//     blobs that decode to text (wrapped over lines at a fixed width, as
//     the base64 command, MIME and PEM write them, decoded whole) are
//     scanned too (bounded), and what they hold
//     is reported on the encoded span. A blob's view is its line with the
//     blob decoded in place (viewcontext.go), so the key it is the value of
//     (AWS_SECRET_ACCESS_KEY: <base64> in a Kubernetes Secret) is context;
//     an HTTP Basic credential's password is a PASSWORD, as is a
//     registry's written the same way (Docker's "auth", npm's _auth). Blobs inside a
//     value already found (a JWT's payload) are not decoded again. A text
//     without '%', '&', '\' or a long base64 run (the byte pass says so)
//     costs nothing here. Where a text speaks of base64, short blobs
//     ending in padding are decoded too (NDQ1LTY0LTc2NjE=, an SSN). A mail
//     source whose body is quoted-printable (it says
//     "Content-Transfer-Encoding: quoted-printable") is decoded from there:
//     soft line breaks dropped, =XX escapes decoded (quotedprintable.go).
//  5. Overlaps are resolved: a value inside a larger one of another built-in
//     type (an e-mail inside a credential URL, a card number inside an IBAN)
//     is dropped, so each byte is reported once — but for a vendor's token
//     given as a credential URL's password (https://oauth2:glpat-…@host),
//     reported with its own type too, for the policies that act on it.
//     Custom types are kept.
//
// # Precision decisions
//
//   - Documentation placeholders are not findings: AKIAIOSFODNN7EXAMPLE,
//     "sk-...", YOUR_API_KEY, runs of x or *, values with too few distinct
//     characters, template references (${VAR}, %VAR%, var.x), printf verbs
//     (%s, %(password)s), references into secret stores (vault:…, op://…,
//     AWS Secrets Manager and Parameter Store ARNs, Azure Key Vault). A PEM
//     body is a stand-in only where "your" is a word of its own in it
//     (<your key here>), not four bytes of a random body.
//   - Checksums decide for numbers: a card, IBAN, fiscal code or VAT number
//     that fails its check is not reported, however it is labelled. An SSN
//     in its dashed form is one by its shape, unless its own label names
//     another kind of number (part no., order, ticket #).
//   - A value wrapped over lines (folded at a fixed width, a shell line
//     ending in '\', the next line indented) is read across the breaks only
//     where its format then checks itself (wrap.go): a JWT whose header and
//     payload decode (a part may start on the line after its dot; a
//     signature is not read across a break), a GitHub
//     token whose CRC32 holds, an Anthropic key ending in "AA", a token of
//     fixed length. Numbers, e-mail addresses and tokens with only a length
//     range are not joined across lines.
//   - A GitHub token with a bad CRC32 is reported only when the text calls it
//     a token (GITHUB_TOKEN=…, "token"): hand-made test tokens in configs are
//     still worth stopping, random look-alikes in prose are not.
//   - The unspecified IPv6 address "::" alone is not reported (Haskell and
//     C++ use it everywhere); dotted quads after "section", "version", "RFC"…
//     are numbering, not hosts.
//   - Confidentiality markings count in capitals (CONFIDENTIAL, RISERVATO,
//     STRENG VERTRAULICH, CONFIDENCIAL …)
//     or as title-case phrases (Strictly Confidential), not as words in
//     running prose; a single title-case word (Confidential, Riservato) only
//     as a label (alone on its line, after "Sensitivity:",
//     "Classification:", "Classificazione:", in a document's "Footer:" or
//     "Header:", in brackets: [Confidential]) or heading a title line
//     before or after a dash (Confidential - Project Atlas; not in a list
//     of terms and descriptions); a bare SECRET only where a
//     banner stands (alone on its line, before "//", in brackets); Traffic
//     Light Protocol labels (tlp:amber) in any case, as "tlp:" never occurs
//     in prose. A classification field with a restricted level is one, key
//     and level (RISERVATEZZA: ALTA, Confidentiality: High; not a low or
//     public level, nor "Sensitivity: High", which rates tests). A
//     contract's defined term in title case (the Confidential Information,
//     le Informazioni Riservate) is none inside its clauses. An escaped line
//     break (\n in iCalendar or a log line) separates a marking from the
//     text before it as a real one does.
//   - A password is a value assigned to a password word (English, Italian,
//     German, Spanish, French, Portuguese, Dutch; also joined: mot_de_passe,
//     parolaChiave, pgpassword; German and Dutch compounds, Initialpasswort;
//     the misspellings pasword, passwrod) — but not a hash of it (bcrypt,
//     argon2, Django's hashers, sha256:…, a hashed_password field, a column
//     of hex digests) nor a tool's word for a hidden one, (hidden):
//     key: value, key=value, JSON, XML elements, command flags (--password
//     VALUE, mysql -pVALUE), SQL (PASSWORD '…', IDENTIFIED BY '…', an
//     INSERT's password column, in every row), .netrc and .pgpass entries,
//     Oracle logins (jdbc:oracle:thin:user/SECRET@…, sqlplus user/SECRET),
//     the value of "PW:" when it looks like a password (PW also abbreviates
//     power and part numbers), the literal echoed into a registry login's
//     --password-stdin (echo "…" | docker login …, a here string), a
//     quoted literal a call takes by position (ConvertTo-SecureString "…"
//     -AsPlainText, DBI->connect, new PDO, mysqli_connect: the third
//     argument; NetworkCredential: the second), a bare value after a user
//     name given the same way (user anna pass X), network device statements
//     (enable password X, username N password 0 X), SNMP communities,
//     Postfix sasl_passwd entries, the value of a name/value pair whose name is
//     a password word ({"key":"DB_PASSWORD","value":…},
//     Kubernetes env lists), a typed declaration's value (const P: &str =
//     "…"), a variable read's default (|| "…", ?? "…", ?: "…", or "…"),
//     a Terraform variable's default (variable "db_password" { default =
//     "…" }), a login command's -p (docker/oc/az login -u U -p P), the
//     documented password option of admin tools (redis-cli -a, ldapsearch
//     -w, PsExec -p, sqlcmd -P, mongosh -p, smbclient -U user%P, net use),
//     a subscript's key (os.environ["DB_PASSWORD"] = "…"), a column of a
//     query's output (mysql and psql tables, fixed-width under a rule),
//     htpasswd -b's argument, the value on the line below a form's
//     "Password:", or after "is"/"è"/"ist"/"es" (on the same line or the
//     next) when it looks generated; and only when it looks generated
//     beyond doubt (four kinds of characters, or both cases with a digit
//     inside; not a product's name or version, iPhone13Pro, MySQL8.0): a
//     user name and password given together after a credentials word
//     (credentials: admin/X, le credenziali sono mario e X), after
//     "to"/"in"/"a" (set the password to X) or after nothing (rete Guest,
//     password X). A template reference, a placeholder (REPLACE_ME,
//     changeit), a URL (a reset link), a file that holds it (@pw.txt,
//     secrets/db_password), code that reads it (req.body.password,
//     request.form[…], settings.X, &str: from a root code reads, not a
//     passphrase's words), psql's :'var', a YAML tag (!vault), a
//     hyphenated word of prose (case-sensitive) or a hash is not one; a
//     base64 value is judged as what it decodes to.
//   - A number after only a weak word ("number", "numero"), or right after
//     an e-mail address (contact details given together: "(bob@acme.it, 349
//     0111675)", a CSV row), is a phone number only if it fits a numbering
//     plan (Italian, North American); a
//     card number's length must be its issuer range's (a 15-digit IMEI is
//     no card), and 15 digits passing Luhn without '+' or 00 are an IMEI,
//     no phone. A label glued to a number (Tel:3459211249) counts only for
//     a phone word; a number in parentheses of its own is read from its
//     first digit. A signature's one-letter label alone at a line's start
//     (T 020 8745 9776, M: 07992 470251) is a phone word for a national
//     number (a trunk prefix's 0 and an area code). Nine bare digits are an SSN in a column an SSN word
//     heads, not after a label of another number (order, badge).
//   - An e-mail address's TLD does not mix cases (P@ssw0rd.iTXpX is no
//     address); a word glued after it in small letters then capitals ends
//     it (info@acme.siteAvar). A vendor's token given as a credential URL's
//     password is reported as the token too.
//   - Markings also count as phrases in title case (Private and
//     Confidential); RISERVATO/RISERVATA after a place it reserves (AREA
//     RISERVATA, SPAZIO RISERVATO ALL'UFFICIO) is signage, no marking.
//   - A fiscal code may be written in its fields' groups (RSS MRA 80A01
//     H501U, 6-5-5) or in fours, with one kind of separator (a space, two,
//     or a dash); card groups may be separated by '/'; IBANs printed in
//     fours by a dot, two spaces or " - " too.
//   - A fiscal code whose seven digits were all replaced by omocodia letters
//     (sixteen letters) is found in capitals only: in lower case that form
//     is a long word, and a 1-in-26 check letter is too weak for words.
//   - IBANs are accepted in capitals or entirely in lower case (the mod-97
//     check ignores case), never in mixed case; compact or printed in
//     ISO's groups of four anywhere, in other groupings (the Italian
//     national form IT 60 X 05428 11101 000000123456) only after the word
//     "IBAN", where reading across separators cannot join unrelated numbers.
//
// # Measuring
//
//	go test -run '^$' -bench 'ScanCorpus$|CleanProse|Gating|CalibByte' -cpu 1 ./detect
//
// scans the shared dev corpus (../shared/corpus/dev.jsonl, or the JSONL file
// named by PROMPTWALL_CORPUS) text by text and reports MB/s, plus cpu-MB/s
// (bytes per CPU second, steadier on a busy machine) and a calibration loop
// to compare machines. Gating gives the two baselines: the prefilter alone,
// and the detectors with each keyword searched for separately instead of by
// the prefilter. On a shared machine figures move by ±30% from run to run:
// compare within one run, or count instructions (valgrind --tool=cachegrind
// on the test binary), which do not move. Accuracy: promptwall scan --format jsonl < dev.jsonl,
// then score.py.
//
// Findings never carry the value: only type, category, severity and byte
// offsets. A Scanner is built once (patterns compiled, automaton built) and
// is safe for concurrent use. The package needs a 64-bit platform (it does
// not compile on a 32-bit one: see chars.go).
package detect
