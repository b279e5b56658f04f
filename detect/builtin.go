package detect

// builtinDetectors returns a fresh set of the built-in detectors, one per
// format family.
func builtinDetectors() []Detector {
	return []Detector{
		// Credentials.
		awsAccessKey{},
		awsSecretKey{},
		githubToken{},
		gitlabToken(),
		slackToken{},
		slackWebhook{},
		stripeKey(),
		openAIKey{},
		anthropicKey(),
		googleAPIKey(),
		privateKey{},
		jwt{},
		credentialURL{},
		password{},
		// Personal data.
		email{},
		phone{},
		phoneHL7{},
		phoneGDS{},
		creditCard{},
		cardGDS{},
		iban{},
		ibanLabelled{},
		itFiscalCode{},
		itFiscalCodeLetters{},
		itVAT{},
		usSSN{},
		ipAddress{},
		// Classification.
		confidentialMarker{},
	}
}
