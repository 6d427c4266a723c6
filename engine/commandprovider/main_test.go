package main

import (
	"strings"
	"testing"
)

func TestServeNeedsExactlyOneEngineAddress(t *testing.T) {
	tests := []struct {
		name string
		args []string
	}{
		{"no arguments", nil},
		{"only flags, which are skipped", []string{"-tracing=file:/dev/null"}},
		{"two addresses", []string{"127.0.0.1:1", "127.0.0.1:2"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := serve(tt.args)
			if err == nil || !strings.Contains(err.Error(), "engine's address") {
				t.Fatalf("serve(%q) = %v, want an error asking for the engine's address", tt.args, err)
			}
		})
	}
}

func TestServeVersionFlagPrintsAndReturns(t *testing.T) {
	if err := serve([]string{"-version"}); err != nil {
		t.Fatalf("serve(-version) = %v", err)
	}
}
