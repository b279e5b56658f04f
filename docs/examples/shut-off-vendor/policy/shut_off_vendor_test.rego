package shut_off_vendor_test

import data.promptwall

req(vendor, host) := {"client": {"user": "alice", "groups": ["staff"]}, "vendor": vendor, "host": host}

# The vendor is refused at CONNECT: nothing is decrypted or sent.
test_vendor_blocked_at_connect if {
	c := promptwall.connect with input as {"request": req("deepseek", "api.deepseek.com:443")}
	c.action == "block"
	c.reasons == [{"rule": "destination.block", "message": "Access to api.deepseek.com is blocked by company policy."}]
}

# Hosts outside the vendor catalog are shut off by name (globs match subdomains).
test_unlisted_service_blocked if {
	promptwall.connect.action == "block" with input as {"request": req("", "chat.deepseek.com:443")}
	promptwall.connect.action == "block" with input as {"request": req("", "chat.qwen.ai:443")}
}

# Prompts that reach the proxy anyway (plain HTTP) are blocked too.
test_prompt_to_vendor_blocked if {
	d := promptwall.decision with input as {"request": req("deepseek", "api.deepseek.com"), "findings": []}
	d.action == "block"
	d.reasons[0].rule == "destination.block"
}

test_other_vendors_unaffected if {
	promptwall.connect.action == "mitm" with input as {"request": req("openai", "api.openai.com:443")}
	promptwall.connect.action == "tunnel" with input as {"request": req("", "github.com:443")}
}
