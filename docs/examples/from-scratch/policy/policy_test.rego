package scratch_test

import data.promptwall

openai := {"vendor": "openai", "host": "api.openai.com"}

finding(t, c) := {"type": t, "category": c, "severity": "high", "count": 1, "paths": ["messages[0].content"]}

test_clean_prompt_allowed if {
	promptwall.decision == {"action": "allow"} with input as {"request": openai, "findings": []}
}

test_credential_blocked if {
	d := promptwall.decision with input as {"request": openai, "findings": [finding("GITHUB_TOKEN", "secret"), finding("EMAIL", "pii")]}
	d.action == "block"
	d.reasons[0].message == "Your prompt contains a credential (GITHUB_TOKEN): remove it and send again."
}

test_personal_data_redacted if {
	d := promptwall.decision with input as {"request": openai, "findings": [finding("IBAN", "pii"), finding("EMAIL", "pii")]}
	d.redact.types == ["EMAIL", "IBAN"]
}

test_connect if {
	promptwall.connect.action == "mitm" with input as {"request": openai}
	promptwall.connect.action == "tunnel" with input as {"request": {"vendor": "", "host": "github.com"}}
}
