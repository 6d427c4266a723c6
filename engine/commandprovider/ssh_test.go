package main

import (
	"context"
	"errors"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"golang.org/x/crypto/ssh"
)

// noAgent keeps the developer's ssh-agent out of the tests: clientConfig treats an empty SSH_AUTH_SOCK as unset.
func noAgent(t *testing.T) {
	t.Helper()
	t.Setenv("SSH_AUTH_SOCK", "")
}

func TestRunCommandCapturesStdoutAndStderrSeparatelyTrimmingOneTrailingNewline(t *testing.T) {
	noAgent(t)
	srv := newTestSSHServer(t)
	tests := []struct {
		name       string
		cmd        string
		wantStdout string
		wantStderr string
	}{
		{"single trailing newline is trimmed (as command 1.2.1 does)", `echo hello`, "hello", ""},
		{"only one of two trailing newlines is trimmed", `printf 'a\n\n'`, "a\n", ""},
		{"output without a trailing newline is kept as is", `printf 'no-newline'`, "no-newline", ""},
		{"inner newlines are kept", `printf 'l1\nl2\n'`, "l1\nl2", ""},
		{"stderr is captured apart from stdout", `echo out; echo err >&2`, "out", "err"},
		{"no output gives empty strings", `true`, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			stdout, stderr, err := runCommand(t.Context(), &recordingLogger{}, commandState{Connection: srv.conn()}, tt.cmd)
			if err != nil {
				t.Fatalf("runCommand: %v", err)
			}
			if stdout != tt.wantStdout || stderr != tt.wantStderr {
				t.Errorf("got stdout %q stderr %q, want stdout %q stderr %q", stdout, stderr, tt.wantStdout, tt.wantStderr)
			}
		})
	}
}

func TestRunCommandDeliversStdinToTheCommand(t *testing.T) {
	noAgent(t)
	srv := newTestSSHServer(t)
	tests := []struct {
		name  string
		stdin *string
		want  string
	}{
		{"stdin is piped to the command", ptr("line one\nline two"), "line one\nline two"},
		{"empty stdin means the command reads EOF at once", ptr(""), ""},
		{"absent stdin means the command reads EOF at once", nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			stdout, _, err := runCommand(t.Context(), &recordingLogger{}, commandState{Connection: srv.conn(), Stdin: tt.stdin}, "cat")
			if err != nil {
				t.Fatalf("runCommand: %v", err)
			}
			if stdout != tt.want {
				t.Errorf("stdout = %q, want %q", stdout, tt.want)
			}
		})
	}
}

func TestRunCommandNonZeroExitReturnsErrorWithStatusCommandAndCombinedOutput(t *testing.T) {
	noAgent(t)
	srv := newTestSSHServer(t)
	cmd := `echo to-stdout; echo to-stderr >&2; exit 3`
	stdout, stderr, err := runCommand(t.Context(), &recordingLogger{}, commandState{Connection: srv.conn()}, cmd)
	if err == nil {
		t.Fatal("expected an error for exit status 3")
	}
	for _, want := range []string{"Process exited with status 3", `running "` + cmd + `"`, "to-stdout\n", "to-stderr\n"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not contain %q", err, want)
		}
	}
	var exitErr *ssh.ExitError
	if !errors.As(err, &exitErr) || exitErr.ExitStatus() != 3 {
		t.Errorf("error does not wrap an *ssh.ExitError with status 3: %v", err)
	}
	if stdout != "" || stderr != "" {
		t.Errorf("a failed run returns no outputs, got stdout %q stderr %q", stdout, stderr)
	}
}

func TestRunCommandSetsEnvironmentThroughSetenv(t *testing.T) {
	noAgent(t)
	srv := newTestSSHServer(t)
	s := commandState{Connection: srv.conn(), Environment: map[string]string{"GREETING": "hi there", "TARGET": "ha"}}
	stdout, _, err := runCommand(t.Context(), &recordingLogger{}, s, `printf '%s %s' "$GREETING" "$TARGET"`)
	if err != nil {
		t.Fatalf("runCommand: %v", err)
	}
	if stdout != "hi there ha" {
		t.Errorf("stdout = %q, want the variables' values", stdout)
	}
	envs := srv.envList()
	for _, want := range []string{"GREETING=hi there", "TARGET=ha"} {
		if !slices.Contains(envs, want) {
			t.Errorf("server got env requests %q, want one for %q", envs, want)
		}
	}
}

func TestRunCommandFailsWithoutRunningWhenServerRefusesAnEnvironmentVariable(t *testing.T) {
	noAgent(t)
	srv := newTestSSHServer(t)
	log := &recordingLogger{}
	s := commandState{Connection: srv.conn(), Environment: map[string]string{refuseEnvPrefix + "VAR": "x"}}
	_, _, err := runCommand(t.Context(), log, s, "echo should-not-run")
	if err == nil {
		t.Fatal("expected an error when the server refuses an environment variable")
	}
	if want := `could not set environment variable "` + refuseEnvPrefix + `VAR"`; !strings.Contains(err.Error(), want) {
		t.Errorf("error %q does not contain %q", err, want)
	}
	if execs := srv.execList(); len(execs) != 0 {
		t.Errorf("the command ran although its environment could not be set: %q", execs)
	}
	if _, warnings := log.lines(); len(warnings) != 1 || !strings.Contains(warnings[0], "AcceptEnv") {
		t.Errorf("warnings = %q, want one explaining AcceptEnv", warnings)
	}
}

func TestRunCommandSendsPreviousOutputsOnlyWhenAddPreviousOutputInEnvAllows(t *testing.T) {
	noAgent(t)
	srv := newTestSSHServer(t)
	const echoPrevious = `printf '%s|%s' "$PULUMI_COMMAND_STDOUT" "$PULUMI_COMMAND_STDERR"`
	tests := []struct {
		name       string
		add        *bool
		prevStdout string
		prevStderr string
		wantEnvs   []string
		wantStdout string
	}{
		{"unset defaults to sending the previous outputs", nil, "old-out", "old-err",
			[]string{envPreviousStdout + "=old-out", envPreviousStderr + "=old-err"}, "old-out|old-err"},
		{"true sends the previous outputs", ptr(true), "old-out", "old-err",
			[]string{envPreviousStdout + "=old-out", envPreviousStderr + "=old-err"}, "old-out|old-err"},
		{"false sends nothing", ptr(false), "old-out", "old-err", nil, "|"},
		{"empty previous outputs are not sent", nil, "", "", nil, "|"},
		{"only the non-empty previous output is sent", nil, "old-out", "", []string{envPreviousStdout + "=old-out"}, "old-out|"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := len(srv.envList())
			s := commandState{Connection: srv.conn(), AddPreviousOutputInEnv: tt.add, Stdout: tt.prevStdout, Stderr: tt.prevStderr}
			stdout, _, err := runCommand(t.Context(), &recordingLogger{}, s, echoPrevious)
			if err != nil {
				t.Fatalf("runCommand: %v", err)
			}
			if got := srv.envList()[before:]; !slices.Equal(got, tt.wantEnvs) {
				t.Errorf("env requests = %q, want %q", got, tt.wantEnvs)
			}
			if stdout != tt.wantStdout {
				t.Errorf("stdout = %q, want %q", stdout, tt.wantStdout)
			}
		})
	}
}

func TestRunCommandOnlyWarnsWhenServerRefusesPreviousOutputVariables(t *testing.T) {
	noAgent(t)
	srv := newTestSSHServer(t)
	srv.acceptEnv = func(name string) bool { return name != envPreviousStdout }
	log := &recordingLogger{}
	s := commandState{Connection: srv.conn(), Stdout: "old-out"}
	stdout, _, err := runCommand(t.Context(), log, s, "echo ran")
	if err != nil {
		t.Fatalf("a refused %s must not fail the command: %v", envPreviousStdout, err)
	}
	if stdout != "ran" {
		t.Errorf("stdout = %q, want the command to have run", stdout)
	}
	if _, warnings := log.lines(); len(warnings) != 1 || !strings.Contains(warnings[0], envPreviousStdout) {
		t.Errorf("warnings = %q, want one naming %s", warnings, envPreviousStdout)
	}
}

func TestRunCommandStreamsOutputLinesAccordingToLogging(t *testing.T) {
	noAgent(t)
	srv := newTestSSHServer(t)
	// One printf per stream, so that each stream's lines reach the logger whole.
	const cmd = `printf 'out-1\nout-2\n'; printf 'err-1\n' >&2`
	tests := []struct {
		name    string
		logging *string
		want    []string
	}{
		{"default logging streams stdout and stderr lines", nil, []string{"err-1", "out-1", "out-2"}},
		{"stdoutAndStderr streams both", ptr("stdoutAndStderr"), []string{"err-1", "out-1", "out-2"}},
		{"stdout streams stdout lines only", ptr("stdout"), []string{"out-1", "out-2"}},
		{"stderr streams stderr lines only", ptr("stderr"), []string{"err-1"}},
		{"none streams no status lines", ptr("none"), nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			log := &recordingLogger{}
			stdout, stderr, err := runCommand(t.Context(), log, commandState{Connection: srv.conn(), Logging: tt.logging}, cmd)
			if err != nil {
				t.Fatalf("runCommand: %v", err)
			}
			if stdout != "out-1\nout-2" || stderr != "err-1" {
				t.Errorf("logging must not change the captured outputs: stdout %q stderr %q", stdout, stderr)
			}
			statuses, _ := log.lines()
			if i, j := slices.Index(statuses, "out-1"), slices.Index(statuses, "out-2"); i > j {
				t.Errorf("stdout lines streamed out of order: %q", statuses)
			}
			slices.Sort(statuses)
			if !slices.Equal(statuses, tt.want) {
				t.Errorf("status lines = %q, want %q", statuses, tt.want)
			}
		})
	}
}

func TestDialChecksPinnedHostKeyAndBoundsRetriesByDialErrorLimit(t *testing.T) {
	noAgent(t)
	otherHostKey := string(ssh.MarshalAuthorizedKey(newSigner(t).PublicKey()))
	tests := []struct {
		name      string
		hostKey   func(srv *testSSHServer) *string
		limit     int
		wantErr   []string
		wantDials int
	}{
		{"a matching pinned host key connects", func(s *testSSHServer) *string { return ptr(s.authorizedHostKey()) }, 0, nil, 1},
		{"no pinned host key skips the check (as command 1.2.1 does)", func(*testSSHServer) *string { return nil }, 0, nil, 1},
		{"a mismatched host key fails after one dial with dialErrorLimit 0",
			func(*testSSHServer) *string { return ptr(otherHostKey) }, 0,
			[]string{"host key mismatch", "after 0 failed attempts"}, 1},
		{"a mismatched host key is retried dialErrorLimit times, no more",
			func(*testSSHServer) *string { return ptr(otherHostKey) }, 1,
			[]string{"host key mismatch", "after 1 failed attempts"}, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := newTestSSHServer(t)
			c := srv.conn()
			c.HostKey = tt.hostKey(srv)
			c.DialErrorLimit = tt.limit
			stdout, _, err := runCommand(t.Context(), &recordingLogger{}, commandState{Connection: c}, "echo connected")
			if tt.wantErr == nil {
				if err != nil || stdout != "connected" {
					t.Fatalf("got stdout %q, err %v; want a successful run", stdout, err)
				}
			} else {
				if err == nil {
					t.Fatal("expected the host key check to fail")
				}
				for _, want := range tt.wantErr {
					if !strings.Contains(err.Error(), want) {
						t.Errorf("error %q does not contain %q", err, want)
					}
				}
				if execs := srv.execList(); len(execs) != 0 {
					t.Errorf("a command ran on a host whose key did not match: %q", execs)
				}
			}
			if got := srv.connCount(); got != tt.wantDials {
				t.Errorf("server saw %d connections, want %d", got, tt.wantDials)
			}
		})
	}
}

func TestDialRefusesAnUnparsableHostKeyWithoutDialing(t *testing.T) {
	noAgent(t)
	srv := newTestSSHServer(t)
	c := srv.conn()
	c.HostKey = ptr("not a key")
	_, err := dial(t.Context(), &recordingLogger{}, c)
	if err == nil || !strings.Contains(err.Error(), "failed to parse host key") {
		t.Fatalf("err = %v, want a host key parse error", err)
	}
	if n := srv.connCount(); n != 0 {
		t.Errorf("dialed %d times with an invalid host key", n)
	}
}

func TestDialUnreachablePortGivesUpAfterDialErrorLimitFailures(t *testing.T) {
	noAgent(t)
	log := &recordingLogger{}
	c := &connection{User: "root", Host: "127.0.0.1", Port: float64(freeLoopbackPort(t)), DialErrorLimit: 1, PerDialTimeout: 5}
	client, err := dial(t.Context(), log, c)
	if err == nil {
		client.Close()
		t.Fatal("expected dialing a closed port to fail")
	}
	if !strings.Contains(err.Error(), "after 1 failed attempts") {
		t.Errorf("error %q does not say it gave up after 1 failed attempts", err)
	}
	statuses, _ := log.lines()
	if !slices.Equal(statuses, []string{"Dial 1/1 failed: retrying"}) {
		t.Errorf("status lines = %q, want one retry notice", statuses)
	}
}

func TestDialWithUnlimitedRetriesStopsWhenTheContextEnds(t *testing.T) {
	noAgent(t)
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	// Cancel on the first retry notice: deterministic, no sleeping.
	log := &recordingLogger{onStatus: func(string) { cancel() }}
	c := &connection{User: "root", Host: "127.0.0.1", Port: float64(freeLoopbackPort(t)), DialErrorLimit: -1, PerDialTimeout: 5}
	client, err := dial(ctx, log, c)
	if err == nil {
		client.Close()
		t.Fatal("expected the dial to end with the context")
	}
	if !errors.Is(err, context.Canceled) {
		t.Errorf("error %q does not wrap context.Canceled", err)
	}
	if !strings.Contains(err.Error(), "last error") {
		t.Errorf("error %q does not carry the last dial error", err)
	}
	statuses, _ := log.lines()
	if len(statuses) == 0 || statuses[0] != "Dial 1/inf failed: retrying" {
		t.Errorf("status lines = %q, want an unlimited retry notice first", statuses)
	}
}

func TestDialAuthenticatesWithKeyPasswordOrEncryptedKey(t *testing.T) {
	noAgent(t)
	srv := newTestSSHServer(t)
	encrypted := privateKeyPEM(t, srv.clientPriv, "pw")
	tests := []struct {
		name    string
		conn    func() *connection
		wantErr string
	}{
		{"the authorized private key logs in", srv.conn, ""},
		{"a password logs in", func() *connection {
			c := srv.conn()
			c.PrivateKey, c.Password = nil, ptr(testPassword)
			return c
		}, ""},
		{"the user of the connection is the one that logs in", func() *connection {
			c := srv.conn()
			c.User = "ha"
			return c
		}, ""},
		{"a wrong password is refused", func() *connection {
			c := srv.conn()
			c.PrivateKey, c.Password = nil, ptr("wrong")
			return c
		}, "unable to authenticate"},
		{"an unauthorized key is refused", func() *connection {
			c := srv.conn()
			c.PrivateKey = ptr(privateKeyPEM(t, newEd25519(t), ""))
			return c
		}, "unable to authenticate"},
		{"an encrypted authorized key is opened with privateKeyPassword and logs in", func() *connection {
			c := srv.conn()
			c.PrivateKey, c.PrivateKeyPassword = ptr(encrypted), ptr("pw")
			return c
		}, ""},
		{"an encrypted key with a wrong privateKeyPassword is a key error", func() *connection {
			c := srv.conn()
			c.PrivateKey, c.PrivateKeyPassword = ptr(encrypted), ptr("not-pw")
			return c
		}, "decryption password incorrect"},
		{"an encrypted key without its password is a key error, not a dial", func() *connection {
			c := srv.conn()
			c.PrivateKey = ptr(encrypted)
			return c
		}, "passphrase"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := tt.conn()
			client, err := dial(t.Context(), &recordingLogger{}, c)
			if tt.wantErr == "" {
				if err != nil {
					t.Fatalf("dial: %v", err)
				}
				client.Close()
				_, users, _, _, _ := srv.snapshot()
				if len(users) == 0 || users[len(users)-1] != c.User {
					t.Errorf("server authenticated %q, want %q last", users, c.User)
				}
				return
			}
			if err == nil {
				client.Close()
				t.Fatalf("expected an error containing %q", tt.wantErr)
			}
			if !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("error %q does not contain %q", err, tt.wantErr)
			}
		})
	}
}

func TestDialThroughProxyRunsTheCommandOnTheTarget(t *testing.T) {
	noAgent(t)
	proxy := newTestSSHServer(t)
	target := newTestSSHServer(t)
	c := target.conn()
	c.HostKey = ptr(target.authorizedHostKey())
	c.Proxy = proxy.conn()
	c.Proxy.HostKey = ptr(proxy.authorizedHostKey())
	stdout, _, err := runCommand(t.Context(), &recordingLogger{}, commandState{Connection: c}, "echo via-proxy")
	if err != nil {
		t.Fatalf("runCommand through proxy: %v", err)
	}
	if stdout != "via-proxy" {
		t.Errorf("stdout = %q", stdout)
	}
	_, _, proxyExecs, _, forwards := proxy.snapshot()
	if len(proxyExecs) != 0 {
		t.Errorf("the command ran on the proxy: %q", proxyExecs)
	}
	if want := []string{"127.0.0.1:" + strconv.Itoa(target.port)}; !slices.Equal(forwards, want) {
		t.Errorf("proxy forwarded to %q, want %q", forwards, want)
	}
	if execs := target.execList(); !slices.Equal(execs, []string{"echo via-proxy"}) {
		t.Errorf("target ran %q", execs)
	}
}

func TestDialThroughUnreachableProxyFailsNamingTheProxy(t *testing.T) {
	noAgent(t)
	target := newTestSSHServer(t)
	c := target.conn()
	c.Proxy = &connection{User: "root", Host: "127.0.0.1", Port: float64(freeLoopbackPort(t)), DialErrorLimit: 0, PerDialTimeout: 5}
	_, err := dial(t.Context(), &recordingLogger{}, c)
	if err == nil || !strings.HasPrefix(err.Error(), "proxy: ") {
		t.Fatalf("err = %v, want a proxy error", err)
	}
	if n := target.connCount(); n != 0 {
		t.Errorf("target was dialed directly %d times although a proxy is configured", n)
	}
}

func TestRunCommandCancelledContextStopsTheRemoteCommand(t *testing.T) {
	noAgent(t)
	srv := newTestSSHServer(t)
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	type result struct {
		err error
	}
	done := make(chan result, 1)
	go func() {
		_, _, err := runCommand(ctx, &recordingLogger{}, commandState{Connection: srv.conn()}, "sleep 60")
		done <- result{err}
	}()
	srv.waitStarted(t)
	cancel()
	select {
	case r := <-done:
		if !errors.Is(r.err, context.Canceled) {
			t.Errorf("error %v does not wrap context.Canceled", r.err)
		}
		if r.err != nil && !strings.Contains(r.err.Error(), `running "sleep 60"`) {
			t.Errorf("error %q does not name the command", r.err)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("runCommand did not return after its context was cancelled")
	}
}

func TestClientConfig(t *testing.T) {
	srv := newTestSSHServer(t)
	tests := []struct {
		name      string
		authSock  string
		conn      func() *connection
		wantErr   string
		wantAuths int
		wantAlgos []string
	}{
		{"an empty SSH_AUTH_SOCK is treated as unset", "", srv.conn, "", 1, nil},
		{"a set SSH_AUTH_SOCK is dialed, and a dead one is an error", "/nonexistent/agent.sock", srv.conn, "/nonexistent/agent.sock", 0, nil},
		{"agentSocketPath wins over SSH_AUTH_SOCK", "", func() *connection {
			c := srv.conn()
			c.AgentSocketPath = ptr("/nonexistent/other.sock")
			return c
		}, "/nonexistent/other.sock", 0, nil},
		{"a password adds password and keyboard-interactive auth", "", func() *connection {
			c := srv.conn()
			c.Password = ptr("pw")
			return c
		}, "", 3, nil},
		{"a pinned host key restricts host key algorithms to its type", "", func() *connection {
			c := srv.conn()
			c.HostKey = ptr(srv.authorizedHostKey())
			return c
		}, "", 1, []string{ssh.KeyAlgoED25519}},
		{"an unparsable private key is an error", "", func() *connection {
			c := srv.conn()
			c.PrivateKey = ptr("garbage")
			return c
		}, "no key found", 0, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv("SSH_AUTH_SOCK", tt.authSock)
			c := tt.conn()
			cfg, err := clientConfig(c)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want one containing %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("clientConfig: %v", err)
			}
			if len(cfg.Auth) != tt.wantAuths {
				t.Errorf("%d auth methods, want %d", len(cfg.Auth), tt.wantAuths)
			}
			if !slices.Equal(cfg.HostKeyAlgorithms, tt.wantAlgos) {
				t.Errorf("host key algorithms = %q, want %q", cfg.HostKeyAlgorithms, tt.wantAlgos)
			}
			if cfg.User != c.User || cfg.Timeout != time.Duration(c.PerDialTimeout)*time.Second {
				t.Errorf("user %q timeout %v, want %q and perDialTimeout seconds", cfg.User, cfg.Timeout, c.User)
			}
		})
	}
}
