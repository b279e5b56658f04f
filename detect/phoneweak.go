package detect

import "strings"

// A weak phone word names a number, not a phone: "number" in "order
// number", "invoice number", "number of items", "numero" in "numero
// ordine", "numero di fattura" names another kind of number, which may
// well fit a numbering plan (a 0 first, ten digits). English puts the
// qualifier before the word, or "of" after it; Italian puts it after
// ("numero (di) fattura"). The qualifiers are the kinds of numbers
// documents give besides phones: orders, invoices, accounts, tickets,
// documents, serials (otherNumbers).

// weakWordNamesPhone reports whether the weak word at p (a form of
// phoneWeakWords) is not qualified as another kind of number.
func weakWordNamesPhone(text string, p int) bool {
	e := p
	for e < len(text) {
		if isAlpha(text[e]) {
			e++
		} else if text[e] == 0xc3 && e+1 < len(text) && strings.IndexByte("\xa9\xba\x89\x9a", text[e+1]) >= 0 {
			e += 2 // é, ú (and capitals): numéro, número
		} else {
			break
		}
	}
	switch strings.ToLower(text[p:e]) {
	case "número", "números", "numéro", "numéros":
		// French, Spanish and Portuguese qualify it after, as Italian
		// does: "numéro (de) client", "número de pedido".
		return !otherNumbers.has(qualifierAfter(text, e, "de", "du", "do", "da", "del", "d"))
	case "nummer":
		// Dutch and German qualify it before, as English does.
		return !otherNumbers.has(letterWordBefore(text, p))
	case "number", "numbers":
		if otherNumbers.has(letterWordBefore(text, p)) {
			return false // order number, invoice number
		}
		w, _ := letterWordAfter(text, e)
		return !strings.EqualFold(w, "of") // number of items
	case "numero", "num":
		return !otherNumbers.has(qualifierAfter(text, e, "di", "del", "della", "dello", "dell", "d"))
	}
	return true
}

// qualifierAfter returns the word after the word for number that ends at
// e, past one preposition of preps (and its apostrophe: numero d'ordine).
func qualifierAfter(text string, e int, preps ...string) string {
	w, j := letterWordAfter(text, e)
	if amongFold(w, preps) {
		if byteAt(text, j) == '\'' {
			j++
		}
		w, _ = letterWordAfter(text, j)
	}
	return w
}

// otherNumbers are the words that make "number" or "numero" another kind
// of number, English and Italian (and French, Spanish, Portuguese, Dutch
// and German for their words for number).
var otherNumbers = newWordList(`
	order orders invoice invoices tracking account accounts serial part model case ticket tickets
	reference ref booking reservation confirmation customer client member membership employee
	student policy claim patient license licence document passport id identification transaction
	batch lot version build item items product sku tax vat registration shipment parcel package
	shipping purchase po receipt contract card cheque check routing sort bank iban swift file
	record page issue bug request task job release unit seat flight room table
	ordine fattura fatture pratica contratto cliente polizza prenotazione conto carta documento
	matricola protocollo serie lotto articolo partita civico tessera sinistro spedizione registro
	repertorio rata ricevuta scontrino riferimento rif identificativo codice pezzi posti camera
	volo biglietto ticket badge iscrizione
	participant juror voter application applicant candidate enrollment enrolment permit certificate
	docket inmate domanda istanza
	commande facture compte dossier contrat pedido factura cuenta contrato expediente encomenda fatura
	conta processo klant kunden bestel rekening factuur order`)

// numberKindBefore reports whether the word right before the number at at
// (or the noun before its word for number: Order No.) names another kind
// of number than a phone's — "(rif. EAN 8062417705090)", "version
// 14.9.28.960", "order 4421907733" after a phone field: the number's own
// label, which no phone word before it overrides.
func numberKindBefore(text string, at int) bool {
	w, p, abbrev := numberLabel(text, at)
	if abbrev {
		// "Company No. 09954036", "Order nr. 4573332581": the noun before
		// the word for number; "Chiamata n. 20240713175", "call no.": a
		// call's reference, not the line's number.
		return numberKinds.has(w) || otherNumbers.has(w) || calls.has(w)
	}
	if !numberKinds.has(w) {
		return false
	}
	// "Caller ID 3965992808": the phone's own identifier.
	c, _ := lettersBefore(text, p, labelPunct)
	return !(equalFold(w, "id") && equalFold(c, "caller"))
}

// calls are the words for a call as an event, numbered by the systems
// that log them (Chiamata n., call no.).
var calls = newWordList(`chiamata chiamate call calls`)

// numberKinds are the labels of identifiers that are not phone numbers.
var numberKinds = newWordList(`
	version ver build release ean isbn issn imei imsi iccid gtin upc sku serial order invoice ticket
	tracking iban swift bic cvv otp pin ref rif id pnr booking account policy claim patient case
	ordine fattura pratica protocollo matricola lotto batch lot polizza conto prenotazione sinistro
	iva piva vat tax ein ssn nhs rea cig cup badge po pedido commande bestellung company utr articolo
	codice cod modello model item product prodotto serie seriale matricola mutuo org kvk tessera
	lai lac tac cgi eci ecgi imeisv`)

// wordList is a set of lower-case ASCII words, looked up in any case.
type wordList map[string]bool

// newWordList returns the set of the words of s (separated by white space).
func newWordList(s string) wordList {
	m := wordList{}
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}

// has reports whether w, in any case, is in the list; without an
// allocation (the words are short).
func (l wordList) has(w string) bool {
	var b [16]byte
	if w == "" || len(w) > len(b) {
		return false
	}
	for i := range len(w) {
		b[i] = lower(w[i])
	}
	return l[string(b[:len(w)])]
}

// letterWordBefore returns the word (letters) that ends right before p, across
// spaces and a hyphen ("order-number"); "" if punctuation or the text's
// start comes first.
func letterWordBefore(text string, p int) string {
	w, _ := lettersBefore(text, p, " \t-_")
	return w
}

// lettersBefore returns the word (letters) that ends where the bytes of
// skip before p start, and where it starts.
func lettersBefore(text string, p int, skip string) (string, int) {
	i := p
	for i > 0 && strings.IndexByte(skip, text[i-1]) >= 0 {
		i--
	}
	e := i
	for i > 0 && isAlpha(text[i-1]) {
		i--
	}
	return text[i:e], i
}

// letterWordAfter returns the word (letters) that starts after the spaces at i,
// and its end; "" if anything else comes first.
func letterWordAfter(text string, i int) (string, int) {
	s := skipSpaces(text, i)
	e := s
	for e < len(text) && isAlpha(text[e]) {
		e++
	}
	return text[s:e], e
}
