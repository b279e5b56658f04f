package detect

import (
	"slices"
	"strings"
	"testing"
)

// checkAWSSecretByRuns checks that reading only the base64 runs the byte
// pass listed finds what reading every byte of each window finds.
func checkAWSSecretByRuns(t *testing.T, s *Scanner, text string) int {
	t.Helper()
	got := spans(s.ScanText(text))
	awsSecretByRuns = false
	want := spans(s.ScanText(text))
	awsSecretByRuns = true
	if !slices.Equal(got, want) {
		t.Fatalf("%q: by runs %v, by windows %v", text, got, want)
	}
	n := 0
	for _, f := range s.ScanText(text) {
		if f.Type == TypeAWSSecretKey {
			n++
		}
	}
	return n
}

func TestAWSSecretByRuns(t *testing.T) {
	r := rng(t)
	s := newTestScanner(t)
	const b64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
	pieces := []string{"aws_secret_access_key=", "secret key: ", genAWSKey(r), " ", "-", "_", "=", "\n", "é"}
	found := 0
	for range 2000 {
		var b strings.Builder
		for b.Len() < 200 {
			switch r.IntN(3) {
			case 0:
				b.WriteString(pieces[r.IntN(len(pieces))])
			case 1:
				b.WriteString(randFrom(r, b64, 40))
			default:
				b.WriteString(randFrom(r, b64+"-_ ", r.IntN(50)))
			}
		}
		found += checkAWSSecretByRuns(t, s, b.String())
	}
	if found < 100 {
		t.Fatalf("only %d keys found: the texts do not exercise the search", found)
	}
}

func FuzzAWSSecretByRuns(f *testing.F) {
	s := newTestScanner(f)
	f.Add("aws_secret_access_key=wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY-x_abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMN")
	f.Add("aws_secret_access_key=Ab1alrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKE\naws_secret_access_key=Cd2alrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKE")
	f.Fuzz(func(t *testing.T, text string) {
		checkAWSSecretByRuns(t, s, text)
	})
}

// TestAWSSecretItalianContext: the context words are English and Italian
// (doc.go), the Italian as the English: "chiave segreta" as "secret key",
// "chiave di accesso segreta" (the AWS console's Italian) as "secret access
// key"; the key's shape checks stay.
func TestAWSSecretItalianContext(t *testing.T) {
	s := newTestScanner(t)
	const key = "vEgoqiXnLAC1lIAYJRfza0hW+rdE2oapzzQbkrck"
	tests := []struct {
		name, text string
		wants      []want
	}{
		{"chiave segreta", "La nuova chiave segreta AWS è " + key + ", funziona solo con la CLI.", []want{{TypeAWSSecretKey, key}}},
		{"chiave di accesso segreta", "Chiave di accesso segreta: " + key, []want{{TypeAWSSecretKey, key}}},
		{"chiave d'accesso segreta", "la chiave d'accesso segreta è " + key, []want{{TypeAWSSecretKey, key}}},
		{"chiavi segrete", "Le chiavi segrete sono: " + key, []want{{TypeAWSSecretKey, key}}},
		{"no context", "Il valore è " + key, nil},
		{"hex digest", "chiave segreta " + strings.Repeat("a1b2c3d4e5", 4), nil},
		{"one case", "chiave segreta " + strings.ToLower(key), nil},
		// The access key ID's name stands for the ID given as a variable.
		{"id as a variable", "creds for the bucket: ${AWS_ACCESS_KEY_ID} / " + key, []want{{TypeAWSSecretKey, key}}},
		{"id variable in env", "export AWS_ACCESS_KEY_ID=$ID\nexport TOKEN=" + key, []want{{TypeAWSSecretKey, key}}},
		{"id name, no key", "set AWS_ACCESS_KEY_ID and the secret in the console", nil},
		// The CLI's command that prompts for the ID and the key.
		{"aws configure", "aws configure asked for the secret; I typed " + key + " - was that the right one?", []want{{TypeAWSSecretKey, key}}},
		{"aws configure, a digest", "aws configure; sha1 " + strings.Repeat("a1b2c3d4e5", 4), nil},
		// Java properties spell the name with dots.
		{"properties", "app.aws.secret.access.key=" + key, []want{{TypeAWSSecretKey, key}}},
		{"properties short", "cloud.aws.secret.key: " + key, []want{{TypeAWSSecretKey, key}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { checkFindings(t, s, tt.text, tt.wants) })
	}
}

// TestAWSSecretEveryKey: each context word finds the first key within its
// reach, even where an earlier context's reach covered that key too (two
// profiles in ~/.aws/credentials, the same JSON key twice).
func TestAWSSecretEveryKey(t *testing.T) {
	r := rng(t)
	s := newTestScanner(t)
	const b64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
	k1, k2, k3 := "Ab1"+randFrom(r, b64, 37), "Cd2"+randFrom(r, b64, 37), "Ef3"+randFrom(r, b64, 37)
	ak := genAWSKey(r)
	tests := []struct {
		name, text string
		wants      []want
	}{
		{"two profiles", "[default]\naws_access_key_id = " + ak + "\naws_secret_access_key = " + k1 +
			"\n\n[prod]\naws_secret_access_key = " + k2 + "\n", []want{{TypeAWSAccessKey, ak}, {TypeAWSSecretKey, k1}, {TypeAWSSecretKey, k2}}},
		{"json key twice", `{"aws_secret_access_key": "` + k1 + `", "support": "x", "aws_secret_access_key": "` + k2 + `"}`,
			[]want{{TypeAWSSecretKey, k1}, {TypeAWSSecretKey, k2}}},
		{"three", "aws_secret_access_key=" + k1 + "\naws_secret_access_key=" + k2 + "\naws_secret_access_key=" + k3,
			[]want{{TypeAWSSecretKey, k1}, {TypeAWSSecretKey, k2}, {TypeAWSSecretKey, k3}}},
		// One context word still licenses one key.
		{"one context, two keys", "aws_secret_access_key: " + k1 + " " + k2, []want{{TypeAWSSecretKey, k1}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkFindings(t, s, tt.text, tt.wants)
			checkAWSSecretByRuns(t, s, tt.text)
		})
	}
}
