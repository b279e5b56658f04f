package approved_models_test

import data.promptwall

req(model) := {"client": {"user": "alice", "groups": ["staff"]}, "vendor": "openai", "host": "api.openai.com", "model": model}

aws := {"type": "AWS_ACCESS_KEY", "category": "secret", "severity": "critical", "count": 1, "paths": ["messages[0].content"]}

test_approved_model_allowed if {
	d := promptwall.decision with input as {"request": req("gpt-4o-2024-08-06"), "findings": []}
	d == {"action": "allow", "reasons": [], "monitor": false}
}

# On trial: audited as a block, in monitor mode, so it is still sent.
test_unapproved_model_monitored if {
	d := promptwall.decision with input as {"request": req("o3-preview"), "findings": []}
	d.action == "block"
	d.monitor == true
	d.reasons[0].rule == "model.unapproved"
	startswith(d.reasons[0].message, "The model o3-preview is not approved for company use.")
}

# The policy in force still decides whatever it already stops.
test_credential_still_blocked if {
	d := promptwall.decision with input as {"request": req("o3-preview"), "findings": [aws]}
	d.action == "block"
	d.monitor == false
	[r.rule | some r in d.reasons] == ["secret.block"]
}

# Enforcing it: take its id out of monitor_rules.
test_unapproved_model_enforced if {
	d := promptwall.decision with input as {"request": req("o3-preview"), "findings": []}
		with data.promptwall.monitor_rules as []
	d.action == "block"
	d.monitor == false
}

# A request whose model is unknown (no body parsed) is not judged by this rule.
test_no_model_no_opinion if {
	promptwall.decision.action == "allow" with input as {"request": req(""), "findings": []}
}
