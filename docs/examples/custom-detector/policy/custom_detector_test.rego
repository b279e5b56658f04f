package custom_detector_test

import data.promptwall

req := {"client": {"user": "alice", "groups": ["hr"]}, "vendor": "openai", "host": "api.openai.com"}

finding(t) := {"type": t, "category": "pii", "severity": "high", "count": 1, "paths": ["messages[0].content"]}

# Employee ids are personal data: pseudonymised on the way out, restored in the answer.
test_employee_id_redacted if {
	d := promptwall.decision with input as {"request": req, "findings": [finding("EMPLOYEE_ID")]}
	d.action == "redact"
	d.redact == {"types": ["EMPLOYEE_ID"], "mode": "pseudonymize"}
}

# Loyalty card numbers may not leave at all (type_actions beats the category).
test_loyalty_card_blocked if {
	d := promptwall.decision with input as {"request": req, "findings": [finding("LOYALTY_CARD"), finding("EMPLOYEE_ID")]}
	d.action == "block"
	d.reasons[0].rule == "pii.block"
}
