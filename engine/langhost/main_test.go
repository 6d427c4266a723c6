package main

import (
	"strings"
	"testing"
	"time"
)

// serveQuickly runs serve with args and fails the test if it starts serving instead of returning.
func serveQuickly(t *testing.T, args ...string) error {
	t.Helper()
	done := make(chan error, 1)
	go func() { done <- serve(args) }()
	select {
	case err := <-done:
		return err
	case <-time.After(20 * time.Second):
		t.Fatalf("serve(%q) started serving instead of returning", args)
		return nil
	}
}

func TestServeRefusesAnotherRuntime(t *testing.T) {
	err := serveQuickly(t, "-runtime=python")
	if err == nil || !strings.Contains(err.Error(), "unsupported runtime python") {
		t.Fatalf("serve(-runtime=python) = %v, want an unsupported runtime error", err)
	}
}

func TestServeVersionFlagsPrintAndReturn(t *testing.T) {
	for _, flag := range []string{"-version", "--version"} {
		if err := serveQuickly(t, "-runtime=nodejs", flag); err != nil {
			t.Errorf("serve(%s) = %v", flag, err)
		}
	}
}
