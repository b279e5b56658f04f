package promptwall

# Only approved models may be used. The rule is on trial while its id is in
# data.promptwall.monitor_rules: prompts it alone would stop are audited as
# blocked (monitor: true) and still sent. Remove the id to enforce it.
triggered contains ["block", "model.unapproved", msg] if {
	input.request.model != ""
	not approved_model
	msg := sprintf("The model %s is not approved for company use. Approved: %s.", [
		input.request.model,
		concat(", ", data.promptwall.approved_models),
	])
}

approved_model if {
	some pattern in data.promptwall.approved_models
	glob.match(pattern, [], input.request.model)
}
