package legal_ibans_test

import data.promptwall

req(user, groups) := {"client": {"user": user, "groups": groups}, "vendor": "anthropic", "host": "api.anthropic.com"}

finding(t) := {"type": t, "category": "pii", "severity": "high", "count": 1, "paths": ["messages[0].content"]}

test_legal_sends_ibans if {
	d := promptwall.decision with input as {"request": req("bob", ["staff", "legal"]), "findings": [finding("IBAN")]}
	d.action == "allow"
}

test_others_get_ibans_redacted if {
	d := promptwall.decision with input as {"request": req("alice", ["staff"]), "findings": [finding("IBAN")]}
	d.action == "redact"
	d.redact.types == ["IBAN"]
}

# The exemption covers IBANs only: legal's other personal data is still redacted.
test_legal_other_pii_still_redacted if {
	d := promptwall.decision with input as {"request": req("bob", ["legal"]), "findings": [finding("IBAN"), finding("EMAIL")]}
	d.action == "redact"
	d.redact.types == ["EMAIL"]
}
