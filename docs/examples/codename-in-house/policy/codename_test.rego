package codename_test

import data.promptwall

req := {"client": {"user": "alice", "groups": ["staff"]}, "vendor": "openai", "host": "api.openai.com", "model": "gpt-4o"}

bluebird := {"type": "PROJECT_BLUEBIRD", "category": "custom", "severity": "high", "count": 2, "paths": ["messages[1].content"]}

test_codename_answered_in_house if {
	d := promptwall.decision with input as {"request": req, "findings": [bluebird], "internal": {"available": true}}
	d.action == "reroute"
	d.route == {"target": "internal", "model": "llama-3.3-70b"}
	d.reasons[0].rule == "custom.reroute"
}

# No internal model configured: the prompt must not leave at all.
test_codename_blocked_without_internal_model if {
	d := promptwall.decision with input as {"request": req, "findings": [bluebird]}
	d.action == "block"
	d.reasons == [{"rule": "custom.block", "message": "Your prompt contains protected terms (PROJECT_BLUEBIRD) that may not leave the company. Remove them and send again."}]
}
