package detect

// ibanBBAN is each country's BBAN structure in the SWIFT IBAN registry
// (ISO 13616; the registry's own "n", "a" and "c" runs, with neighbouring
// runs of a kind merged): "n" digits, "a" capitals, "c" either. Where it
// declares digits a letter cannot stand, which mod-97 alone lets through
// one time in 97: "be9148d7-e040-4335" in a UUID is no Belgian IBAN.
// Letters are not required where it declares them: banks' and generators'
// codes fill an Italian CIN or a Dutch bank code with digits too, and a
// missed IBAN costs more than the rare code this leniency lets through.
// GT and MD are all "c" in the registry, so unconstrained here.
var ibanBBAN = map[string]string{
	"AD": "8n12c", "AE": "19n", "AL": "8n16c", "AT": "16n", "AZ": "4a20c", "BA": "16n",
	"BE": "12n", "BG": "4a6n8c", "BH": "4a14c", "BI": "23n", "BR": "23n1a1c", "BY": "4c4n16c",
	"CH": "5n12c", "CR": "18n", "CY": "8n16c", "CZ": "20n", "DE": "18n", "DJ": "23n",
	"DK": "14n", "DO": "4c20n", "EE": "16n", "EG": "25n", "ES": "20n", "FI": "14n",
	"FK": "2a12n", "FO": "14n", "FR": "10n11c2n", "GB": "4a14n", "GE": "2a16n", "GI": "4a15c",
	"GL": "14n", "GR": "7n16c", "GT": "24c", "HN": "4a20n", "HR": "17n", "HU": "24n",
	"IE": "4a14n", "IL": "19n", "IQ": "4a15n", "IS": "22n", "IT": "1a10n12c", "JO": "4a4n18c",
	"KW": "4a22c", "KZ": "3n13c", "LB": "4n20c", "LC": "4a24c", "LI": "5n12c", "LT": "16n",
	"LU": "3n13c", "LV": "4a13c", "LY": "21n", "MC": "10n11c2n", "MD": "20c", "ME": "18n",
	"MK": "3n10c2n", "MN": "16n", "MR": "23n", "MT": "4a5n18c", "MU": "4a19n3a", "NI": "4a20n",
	"NL": "4a10n", "NO": "11n", "OM": "3n16c", "PK": "4a16c", "PL": "24n", "PS": "4a21c",
	"PT": "21n", "QA": "4a21c", "RO": "4a16c", "RS": "18n", "RU": "14n15c", "SA": "2n18c",
	"SC": "4a20n3a", "SD": "14n", "SE": "20n", "SI": "15n", "SK": "20n", "SM": "1a10n12c",
	"SO": "19n", "ST": "21n", "SV": "4a20n", "TL": "19n", "TN": "20n", "TR": "6n16c",
	"UA": "6n19c", "VA": "18n", "VG": "4a16n", "XK": "16n", "YE": "4a4n18c",
}

// ibanDigits is, by letter pair like ibanLength, the BBAN positions
// ibanBBAN declares numeric: bit k for position k (a BBAN has 30
// characters at most). A table, so the check costs a load.
var ibanDigits = func() (t [26][26]uint32) {
	for cc, f := range ibanBBAN {
		var mask uint32
		k := 0
		for n := 0; f != ""; f = f[1:] {
			if c := f[0]; isDigit(c) {
				n = n*10 + int(c-'0')
				continue
			} else if c == 'n' {
				mask |= (1<<n - 1) << k
			}
			k += n
			n = 0
		}
		t[cc[0]-'A'][cc[1]-'A'] = mask
	}
	return
}()

// ibanBBANOK reports whether code, the BBAN as written (its separators
// skipped, either case), has no letter where mask (ibanDigits') wants a
// digit. Asked only of a code that passed mod-97: not on the hot path,
// and not inlined there (ibanAt, grown by it, would no longer inline
// ibanSep in its loop).
//
//go:noinline
func ibanBBANOK(code []byte, mask uint32) bool {
	var letters uint32
	k := 0
	for _, c := range code {
		e := ibanByte[c]
		if e&(ibanUpperOK|ibanLowerOK) == 0 {
			continue
		}
		if uint8(e) >= 10 { // a letter (10–35)
			letters |= 1 << k
		}
		k++
	}
	return letters&mask == 0
}
