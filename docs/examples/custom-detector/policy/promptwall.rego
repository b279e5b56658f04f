# METADATA
# title: promptwall default policy
# description: |
#   Decides what happens to a prompt on its way to an external AI vendor
#   (data.promptwall.decision) and whether a CONNECT is inspected, tunnelled
#   or refused (data.promptwall.connect). Behaviour is driven by data.promptwall
#   (rego/data.json) so the common changes need no Rego at all.
package promptwall

# --- Prompt decision --------------------------------------------------------

# The policy in force decides; rules on trial (data.promptwall.monitor_rules)
# only decide a prompt that would otherwise be allowed, and then in monitor
# mode: audited with the would-be action, not enforced.
action := would_action if trial_only else := enforced_action

decision := object.union(
	{"action": action, "reasons": reasons, "monitor": monitor_mode},
	details,
)

# Only the reasons of the winning action reach the user: a blocked prompt
# should not also say that its e-mail addresses were redacted.
reasons := [{"rule": rule, "message": message} |
	some [act, rule, message] in deciding
	act == action
]

details := {"redact": {"types": types_with("redact"), "mode": redaction_mode}} if {
	action == "redact"
} else := {"route": {"target": "internal", "model": route_model}} if {
	action == "reroute"
} else := {}

# Strongest action wins: block > reroute > redact > allow.
strongest(acts) := "block" if {
	"block" in acts
} else := "reroute" if {
	"reroute" in acts
} else := "redact" if {
	"redact" in acts
} else := "allow"

enforced_action := strongest({act | some [act, rule, _] in triggered; not on_trial(rule)})

would_action := strongest(wanted_actions)

trial_only if {
	enforced_action == "allow"
	would_action != "allow"
}

on_trial(rule) if rule in data.promptwall.monitor_rules

# The triggered rules that make the decision.
deciding contains t if {
	some t in triggered
	counts(t[1])
}

counts(_) if trial_only

counts(rule) if not on_trial(rule)

wanted_actions contains act if some [act, _, _] in triggered

# Each finding's action, decided once: [action, category, type].
classified contains [act, f.category, f.type] if {
	some f in active_findings
	act := effective_action(f)
	act != "allow"
}

# One reason per action and category, naming the finding types (never values).
# Site rules add their own entries in files of their own:
#   triggered contains ["block", "model.unapproved", "…"] if { … }
triggered contains [act, rule, message(rule, act, concat(", ", types))] if {
	some [act, category] in {[a, c] | some [a, c, _] in classified}
	rule := sprintf("%s.%s", [category, act])
	types := [t | some x in classified; x[0] == act; x[1] == category; t := x[2]]
}

# A destination the company has shut off is refused even if the CONNECT
# was let through (plain HTTP, or a host added to the list later).
triggered contains ["block", "destination.block", message("destination.block", "block", destination)] if {
	destination_blocked
	destination := host_name
}

# What promptwall cannot inspect: input.request.media lists what a message
# carries that text detection cannot see (audio, image, video, binary
# WebSocket frames). Each kind is sent uninspected only if
# data.promptwall.media_actions says "allow"; a kind missing there, or any
# other action, blocks.
triggered contains ["block", "media.block", message("media.block", "block", concat(", ", blocked_media))] if {
	count(blocked_media) > 0
}

blocked_media := sort([m | some m in {k | some k in input.request.media}; not media_allowed(m)])

media_allowed(m) if data.promptwall.media_actions[m] == "allow"

# An HTTP upgrade promptwall cannot inspect (input.request.upgrade: a
# WebSocket other than the vendor protocols it knows, h2c, …) would carry
# prompts nobody sees: refused, so clients fall back to HTTPS, unless an
# entry of data.promptwall.allowed_upgrades lets it through uninspected.
triggered contains ["block", "upgrade.block", message("upgrade.block", "block", input.request.upgrade)] if {
	input.request.upgrade != ""
	not upgrade_allowed
}

# An entry matches on each key it has: host (glob, case-insensitive, port
# ignored), path (glob, "*" stays within one path segment, "**" crosses them)
# and upgrade (the protocol, case-insensitive).
upgrade_allowed if {
	some u in data.promptwall.allowed_upgrades
	upgrade_matches(u, "host", host_name, ["."])
	upgrade_matches(u, "path", input.request.path, ["/"])
	upgrade_matches(u, "upgrade", lower(input.request.upgrade), [])
}

upgrade_matches(u, key, _, _) if not key in object.keys(u)

upgrade_matches(u, "host", value, delimiters) if glob.match(lower(u.host), delimiters, value)

upgrade_matches(u, "path", value, delimiters) if glob.match(u.path, delimiters, value)

upgrade_matches(u, "upgrade", value, delimiters) if glob.match(lower(u.upgrade), delimiters, value)

# Findings that no exemption waives.
active_findings contains f if {
	some f in input.findings
	not exempt(f)
}

# Exemptions let named groups or users send given types,
# e.g. {"types": ["IBAN"], "groups": ["legal"]}.
exempt(f) if {
	some e in data.promptwall.exemptions
	f.type in e.types
	some g in input.request.client.groups
	g in e.groups
}

exempt(f) if {
	some e in data.promptwall.exemptions
	f.type in e.types
	input.request.client.user in e.users
}

# Reroute needs an internal model; without one the prompt must not leave.
effective_action(f) := "block" if {
	configured_action(f) == "reroute"
	not internal_available
} else := configured_action(f)

# A per-type setting beats the category's; an unknown or misspelt action
# blocks rather than letting data through.
configured_action(f) := checked(act) if {
	act := data.promptwall.type_actions[f.type]
} else := checked(act) if {
	act := data.promptwall.category_actions[f.category]
} else := checked(act) if {
	act := data.promptwall.unknown_category_action
	is_string(act)
} else := "reroute"

checked(act) := act if {
	act in {"allow", "block", "redact", "reroute"}
} else := "block"

internal_available if input.internal.available == true

types_with(act) := sort([t |
	some [a, category, t] in classified
	a == act
	counts(sprintf("%s.%s", [category, a]))
])

default redaction_mode := "pseudonymize"

redaction_mode := data.promptwall.redact_mode if data.promptwall.redact_mode in {"pseudonymize", "mask"}

# An empty model lets the proxy apply its own vendor-to-internal mapping.
route_model := model if {
	model := data.promptwall.route_models[input.request.model]
} else := model if {
	model := data.promptwall.route_models["*"]
} else := ""

default monitor_mode := false

monitor_mode if data.promptwall.monitor == true

monitor_mode if trial_only

# Message templates come from data: the rule's own, else the action's.
message(rule, act, subject) := sprintf(template, [subject]) if {
	template := data.promptwall.messages[rule]
} else := sprintf(template, [subject]) if {
	template := data.promptwall.messages[act]
} else := sprintf("Blocked by policy rule %s (%s).", [rule, subject])

# --- CONNECT decision -------------------------------------------------------

# Vendor hosts are decrypted and inspected, everything else is tunnelled
# blind, and shut-off destinations are refused.
default connect := {"action": "tunnel", "reasons": []}

connect := {"action": "block", "reasons": [{
	"rule": "destination.block",
	"message": message("destination.block", "block", host_name),
}]} if {
	destination_blocked
} else := {"action": "mitm", "reasons": []} if {
	input.request.vendor != ""
}

destination_blocked if input.request.vendor in data.promptwall.blocked_vendors

destination_blocked if {
	some pattern in data.promptwall.blocked_hosts
	glob.match(lower(pattern), ["."], host_name)
}

# Host without port, lower case, so "API.X.ai:443" matches "api.x.ai".
host_name := lower(regex.replace(input.request.host, `:[0-9]+$`, ""))
