package promptwall

# A complete policy, written from scratch: vendors are inspected, everything
# else is tunnelled; credentials never leave, personal data is pseudonymised,
# anything else goes out as it is.

default connect := {"action": "tunnel"}

connect := {"action": "mitm"} if input.request.vendor != ""

default decision := {"action": "allow"}

decision := {
	"action": "block",
	"reasons": [{"rule": "credential.block", "message": sprintf("Your prompt contains a credential (%s): remove it and send again.", [concat(", ", secrets)])}],
} if {
	count(secrets) > 0
} else := {
	"action": "redact",
	"redact": {"types": personal},
	"reasons": [{"rule": "personal.redact", "message": "Personal data was replaced with placeholders, and restored in the answer."}],
} if {
	count(personal) > 0
}

secrets := sort([f.type | some f in input.findings; f.category == "secret"])

personal := sort([f.type | some f in input.findings; f.category == "pii"])
