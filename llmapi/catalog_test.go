package llmapi

import (
	"slices"
	"strings"
	"testing"
)

func TestCatalogLookup(t *testing.T) {
	c, err := NewCatalog([]string{"LLM.Example.com", "*.ai.corp.example", "10.1.2.3", "api.openai.com"})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		host, vendor string
		ok           bool
	}{
		{"api.openai.com", "openai", true},
		{"API.OpenAI.com:443", "openai", true},
		{"api.openai.com.", "openai", true},
		{"api.anthropic.com", "anthropic", true},
		{"generativelanguage.googleapis.com:443", "gemini", true},
		{"myres.openai.azure.com", "azure-openai", true},
		{"a.b.openai.azure.com:443", "azure-openai", true},
		{"openai.azure.com", "", false}, // the wildcard needs a label below
		{"evilopenai.azure.com", "", false},
		{".openai.azure.com", "", false},
		{"x..openai.azure.com", "", false},
		{"api.cohere.ai", "cohere", true},
		{"chatgpt.com", "openai", true},
		{"claude.ai", "anthropic", true},
		{"gemini.google.com", "gemini", true},
		{"openrouter.ai", "openrouter", true},
		{"www.openai.com", "", false},
		{"api.openai.com.evil.net", "", false},
		{"llm.example.com:8443", "llm.example.com", true},
		{"x.ai.corp.example", "*.ai.corp.example", true},
		{"ai.corp.example", "", false},
		{"10.1.2.3:443", "10.1.2.3", true},
		{"[::1]:443", "", false},
		{"", "", false},
	}
	for _, tt := range tests {
		v, ok := c.Lookup(tt.host)
		if v != tt.vendor || ok != tt.ok {
			t.Errorf("Lookup(%q) = %q, %v; want %q, %v", tt.host, v, ok, tt.vendor, tt.ok)
		}
	}
	hosts := c.Hosts()
	for _, h := range []string{"api.openai.com", "*.openai.azure.com", "llm.example.com", "*.ai.corp.example", "api.mistral.ai", "api.groq.com",
		"api.deepseek.com", "api.x.ai", "api.cohere.com", "api.together.xyz", "api.perplexity.ai", "api.fireworks.ai"} {
		if !slices.Contains(hosts, h) {
			t.Errorf("Hosts() lacks %q", h)
		}
	}
	if !slices.IsSorted(hosts) {
		t.Error("Hosts() not sorted")
	}
	hosts[0] = "mutated"
	if c.Hosts()[0] == "mutated" {
		t.Error("Hosts() exposes internal slice")
	}
}

func TestCatalogInvalid(t *testing.T) {
	for _, bad := range []string{"", "  ", "https://llm.example.com", "llm.example.com/v1", "llm.example.com:8443",
		"*.com", "*", "a.*.example.com", "foo*.example.com", "-bad.example.com", "bad_.exa mple.com", "user@host.com",
		"héllo.example.com", strings.Repeat("a", 64) + ".com"} {
		_, err := NewCatalog([]string{"ok.example.com", bad})
		if err == nil {
			t.Errorf("NewCatalog(%q) accepted", bad)
			continue
		}
		if !strings.Contains(err.Error(), "vendors[1]") || !strings.HasPrefix(err.Error(), "llmapi: ") {
			t.Errorf("NewCatalog(%q) error %q does not name the entry", bad, err)
		}
	}
}
