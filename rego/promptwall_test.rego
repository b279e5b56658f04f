# Unit tests for the default policy: `opa test rego/` or `promptwall policy test rego/`.
package promptwall_test

import data.promptwall

req := {
	"id": "r1", "time": "2025-01-01T00:00:00Z",
	"client": {"ip": "10.0.0.7", "user": "alice", "groups": ["staff"]},
	"vendor": "openai", "host": "api.openai.com", "method": "POST",
	"path": "/v1/chat/completions", "api": "openai.chat", "model": "gpt-4o",
	"stream": false, "bytes": 120,
}

finding(t, c) := {"type": t, "category": c, "severity": "high", "count": 1, "paths": ["messages[0].content"]}

aws := finding("AWS_ACCESS_KEY", "secret")

github := finding("GITHUB_TOKEN", "secret")

email := finding("EMAIL", "pii")

iban := finding("IBAN", "pii")

marker := finding("CONFIDENTIAL_MARKER", "classified")

codename := finding("PROJECT_X", "custom")

with_internal := {"request": req, "internal": {"available": true}}

# --- prompt decisions ---

test_clean_prompt_allowed if {
	d := promptwall.decision with input as {"request": req, "findings": []}
	d == {"action": "allow", "reasons": [], "monitor": false}
}

test_missing_findings_allowed if {
	promptwall.decision.action == "allow" with input as {"request": req}
}

test_credential_blocked if {
	d := promptwall.decision with input as {"request": req, "findings": [github, aws, email]}
	d.action == "block"
	d.reasons == [{
		"rule": "secret.block",
		"message": "Your prompt contains a credential (AWS_ACCESS_KEY, GITHUB_TOKEN). Remove it and send again.",
	}]
	not d.redact
	not d.route
}

test_pii_redacted if {
	d := promptwall.decision with input as {"request": req, "findings": [iban, email]}
	d.action == "redact"
	d.redact == {"types": ["EMAIL", "IBAN"], "mode": "pseudonymize"}
	[r.rule | some r in d.reasons] == ["pii.redact"]
	contains(d.reasons[0].message, "EMAIL, IBAN")
}

test_redact_mode_from_data if {
	d := promptwall.decision with input as {"request": req, "findings": [email]}
		with data.promptwall.redact_mode as "mask"
	d.redact.mode == "mask"
}

test_bad_redact_mode_falls_back if {
	d := promptwall.decision with input as {"request": req, "findings": [email]}
		with data.promptwall.redact_mode as "shred"
	d.redact.mode == "pseudonymize"
}

test_classified_rerouted_when_internal_available if {
	d := promptwall.decision with input as object.union(with_internal, {"findings": [marker, email]})
	d.action == "reroute"
	d.route == {"target": "internal", "model": ""}
	[r.rule | some r in d.reasons] == ["classified.reroute"]
}

test_custom_rerouted_with_mapped_model if {
	d := promptwall.decision with input as object.union(with_internal, {"findings": [codename]})
		with data.promptwall.route_models as {"gpt-4o": "llama-70b", "*": "llama-8b"}
	d.route.model == "llama-70b"
	d.reasons[0].rule == "custom.reroute"
}

test_reroute_wildcard_model if {
	d := promptwall.decision with input as object.union(with_internal, {"findings": [codename]})
		with data.promptwall.route_models as {"*": "llama-8b"}
	d.route.model == "llama-8b"
}

test_classified_blocked_without_internal if {
	d := promptwall.decision with input as {"request": req, "findings": [marker], "internal": {"available": false}}
	d.action == "block"
	d.reasons[0].rule == "classified.block"
	contains(d.reasons[0].message, "CONFIDENTIAL_MARKER")
}

test_custom_blocked_without_internal if {
	d := promptwall.decision with input as {"request": req, "findings": [codename]}
	d.action == "block"
	d.reasons[0].rule == "custom.block"
}

test_block_beats_reroute if {
	d := promptwall.decision with input as object.union(with_internal, {"findings": [marker, aws]})
	d.action == "block"
	[r.rule | some r in d.reasons] == ["secret.block"]
}

test_unknown_category_reroutes_or_blocks if {
	odd := finding("ODD", "weird")
	promptwall.decision.action == "reroute" with input as object.union(with_internal, {"findings": [odd]})
	promptwall.decision.action == "block" with input as {"request": req, "findings": [odd]}
}

test_unknown_category_without_data_reroutes if {
	odd := finding("ODD", "weird")
	d := promptwall.decision with input as object.union(with_internal, {"findings": [odd]})
		with data.promptwall.unknown_category_action as null
	d.action == "reroute"
	d.reasons[0].rule == "weird.reroute"
	d.reasons[0].message == "Your prompt contains sensitive data (ODD); it was answered by the company's internal model."
}

test_type_action_overrides_category if {
	d := promptwall.decision with input as {"request": req, "findings": [email]}
		with data.promptwall.type_actions as {"EMAIL": "allow"}
	d.action == "allow"
}

test_misspelt_action_blocks if {
	d := promptwall.decision with input as {"request": req, "findings": [email]}
		with data.promptwall.type_actions as {"EMAIL": "redcat"}
	d.action == "block"
	d.reasons[0].rule == "pii.block"
}

test_message_without_template if {
	d := promptwall.decision with input as {"request": req, "findings": [aws]}
		with data.promptwall.messages as {}
	d.reasons[0].message == "Blocked by policy rule secret.block (AWS_ACCESS_KEY)."
}

test_group_exemption if {
	legal := object.union(req, {"client": {"ip": "10.0.0.8", "user": "bob", "groups": ["legal"]}})
	ex := [{"types": ["IBAN"], "groups": ["legal"]}]
	promptwall.decision.action == "allow" with input as {"request": legal, "findings": [iban]}
		with data.promptwall.exemptions as ex
	promptwall.decision.action == "redact" with input as {"request": req, "findings": [iban]}
		with data.promptwall.exemptions as ex
}

test_user_exemption if {
	ex := [{"types": ["EMAIL"], "users": ["alice"]}]
	d := promptwall.decision with input as {"request": req, "findings": [email, iban]}
		with data.promptwall.exemptions as ex
	d.redact.types == ["IBAN"]
}

test_global_monitor if {
	d := promptwall.decision with input as {"request": req, "findings": [aws]}
		with data.promptwall.monitor as true
	d.monitor == true
	d.action == "block"
}

test_blocked_vendor_blocks_prompt if {
	d := promptwall.decision with input as {"request": req, "findings": [email]}
		with data.promptwall.blocked_vendors as ["openai"]
	d.action == "block"
	d.reasons == [{"rule": "destination.block", "message": "Access to api.openai.com is blocked by company policy."}]
}

# --- rules on trial (data.promptwall.monitor_rules) ---

unapproved := ["block", "model.unapproved", "gpt-4o is not an approved model."]

test_trial_rule_decides_allowed_prompt_in_monitor_mode if {
	d := promptwall.decision with input as {"request": req, "findings": []}
		with promptwall.triggered as {unapproved}
		with data.promptwall.monitor_rules as ["model.unapproved"]
	d == {"action": "block", "reasons": [{"rule": "model.unapproved", "message": "gpt-4o is not an approved model."}], "monitor": true}
}

test_rule_not_on_trial_is_enforced if {
	d := promptwall.decision with input as {"request": req, "findings": []}
		with promptwall.triggered as {unapproved}
	d.action == "block"
	d.monitor == false
}

test_enforced_decision_beats_trial if {
	d := promptwall.decision with input as {"request": req, "findings": [email]}
		with data.promptwall.monitor_rules as ["model.unapproved"]
		with promptwall.triggered as {unapproved, ["redact", "pii.redact", "redacted"]}
	d.action == "redact"
	d.monitor == false
	d.reasons == [{"rule": "pii.redact", "message": "redacted"}]
}

test_trial_category_rule if {
	trial := {"request": req, "findings": [email, iban]}
	d := promptwall.decision with input as trial with data.promptwall.monitor_rules as ["pii.redact"]
	d.action == "redact"
	d.monitor == true
	d.redact.types == ["EMAIL", "IBAN"]
	b := promptwall.decision with input as {"request": req, "findings": [aws, email]}
		with data.promptwall.monitor_rules as ["pii.redact"]
	b.action == "block"
	b.monitor == false
}

test_trial_category_types_not_redacted_by_enforced_rule if {
	d := promptwall.decision with input as {"request": req, "findings": [email, codename]}
		with data.promptwall.monitor_rules as ["pii.redact"]
		with data.promptwall.type_actions as {"PROJECT_X": "redact"}
	d.action == "redact"
	d.monitor == false
	d.redact.types == ["PROJECT_X"]
	[r.rule | some r in d.reasons] == ["custom.redact"]
}

# --- CONNECT decisions ---

test_connect_vendor_mitm if {
	promptwall.connect == {"action": "mitm", "reasons": []} with input as {"request": req}
}

test_connect_other_tunnel if {
	other := object.union(req, {"vendor": "", "host": "example.com:443"})
	promptwall.connect == {"action": "tunnel", "reasons": []} with input as {"request": other}
}

test_connect_blocked_host_glob if {
	ds := object.union(req, {"vendor": "", "host": "Chat.DeepSeek.com:443"})
	c := promptwall.connect with input as {"request": ds}
		with data.promptwall.blocked_hosts as ["*.deepseek.com"]
	c.action == "block"
	c.reasons == [{"rule": "destination.block", "message": "Access to chat.deepseek.com is blocked by company policy."}]
}

test_connect_blocked_vendor if {
	c := promptwall.connect with input as {"request": req}
		with data.promptwall.blocked_vendors as ["openai"]
	c.action == "block"
}

test_connect_unlisted_host_not_blocked if {
	c := promptwall.connect with input as {"request": req}
		with data.promptwall.blocked_hosts as ["*.deepseek.com"]
	c.action == "mitm"
}

# --- what promptwall cannot inspect ---

ws_req := object.union(req, {"method": "GET", "path": "/v1/realtime", "api": "openai.realtime", "stream": true})

test_media_blocked_by_default if {
	d := promptwall.decision with input as {"request": object.union(ws_req, {"media": ["audio", "binary"]}), "findings": []}
	d.action == "block"
	d.reasons == [{
		"rule": "media.block",
		"message": "The message carries audio, binary, which promptwall cannot inspect, so it was not sent. Send text instead.",
	}]
}

test_media_allowed_by_data if {
	d := promptwall.decision with input as {"request": object.union(ws_req, {"media": ["audio"]}), "findings": []}
		with data.promptwall.media_actions as {"audio": "allow"}
	d == {"action": "allow", "reasons": [], "monitor": false}
}

test_media_only_allowed_kinds_pass if {
	d := promptwall.decision with input as {"request": object.union(ws_req, {"media": ["audio", "video"]}), "findings": []}
		with data.promptwall.media_actions as {"audio": "allow", "video": "redact"}
	d.action == "block"
	contains(d.reasons[0].message, "carries video,")
}

test_media_unknown_kind_blocks if {
	d := promptwall.decision with input as {"request": object.union(ws_req, {"media": ["hologram"]}), "findings": []}
	d.action == "block"
}

test_allowed_media_still_sees_text_findings if {
	d := promptwall.decision with input as {"request": object.union(ws_req, {"media": ["audio"]}), "findings": [email]}
		with data.promptwall.media_actions as {"audio": "allow"}
	d.action == "redact"
	d.redact.types == ["EMAIL"]
}

test_no_media_field_is_no_media if {
	promptwall.decision.action == "allow" with input as {"request": req, "findings": []}
	promptwall.decision.action == "allow" with input as {"request": object.union(req, {"media": [], "upgrade": ""}), "findings": []}
}

upgrade_req := object.union(req, {"method": "GET", "path": "/v1/stream/live", "api": "generic.json", "upgrade": "websocket"})

test_unknown_upgrade_refused if {
	d := promptwall.decision with input as {"request": upgrade_req, "findings": []}
	d.action == "block"
	[r.rule | some r in d.reasons] == ["upgrade.block"]
	contains(d.reasons[0].message, "websocket upgrade")
}

test_upgrade_allowed_by_data if {
	allow := [{"host": "API.openai.com", "path": "/v1/stream/*", "upgrade": "WebSocket"}]
	d := promptwall.decision with input as {"request": upgrade_req, "findings": []}
		with data.promptwall.allowed_upgrades as allow
	d.action == "allow"
}

test_upgrade_entry_must_match_every_key if {
	every entry in [
		{"host": "*.anthropic.com"},
		{"path": "/v1/other"},
		{"upgrade": "h2c"},
		{"host": "api.openai.com", "path": "/v1/*"},
	] {
		d := promptwall.decision with input as {"request": upgrade_req, "findings": []}
			with data.promptwall.allowed_upgrades as [entry]
		d.action == "block"
	}
}

test_upgrade_entry_keys_are_optional if {
	d := promptwall.decision with input as {"request": upgrade_req, "findings": []}
		with data.promptwall.allowed_upgrades as [{"path": "/v1/**"}]
	d.action == "allow"
}
