// Package detect finds sensitive values in prompt text: credentials, personal
// data and classification markers. A Scanner normalises each text (so evasions
// such as full-width digits or zero-width characters do not hide a value), runs
// a one-pass keyword prefilter that decides which detectors need to look at all,
// then lets each gated detector match and validate candidates (Luhn, mod-97, …).
// Findings carry byte spans into the text exactly as it was given.
package detect
