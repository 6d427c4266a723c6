package main

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/pem"
	"errors"
	"io"
	"net"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"golang.org/x/crypto/ssh"
)

// testSSHServer is an in-process SSH server on 127.0.0.1 for the tests: it accepts publickey auth for one
// generated ed25519 key (and password auth for testPassword), runs "exec" requests with /bin/sh -c and the
// session's stdin, answers "env" requests through acceptEnv, sends "exit-status", and forwards
// "direct-tcpip" channels to loopback addresses only (so it can act as a proxy/bastion).
type testSSHServer struct {
	t          *testing.T
	host       string
	port       int
	hostSigner ssh.Signer
	clientKey  string             // the accepted client key, OpenSSH PEM
	clientPriv ed25519.PrivateKey // the same key, to encrypt it
	acceptEnv  func(name string) bool

	ctx    context.Context
	cancel context.CancelFunc
	ln     net.Listener
	wg     sync.WaitGroup

	mu       sync.Mutex
	conns    int      // TCP connections accepted
	users    []string // users that authenticated
	execs    []string // commands run
	envs     []string // NAME=value of every env request, accepted or not
	forwards []string // direct-tcpip destinations
	open     map[net.Conn]struct{}
	started  chan string // receives each command as it starts
}

const testPassword = "s3cret"

// testUsers are the users the test server lets in ("root" is the schema default).
var testUsers = map[string]bool{"root": true, "ha": true}

// refuseEnvPrefix marks the environment variable names the default server refuses (as sshd without AcceptEnv).
const refuseEnvPrefix = "REFUSED_"

func newTestSSHServer(t *testing.T) *testSSHServer {
	t.Helper()
	hostSigner := newSigner(t)
	clientPriv := newEd25519(t)
	clientPEM := privateKeyPEM(t, clientPriv, "")
	clientPub, err := ssh.NewPublicKey(clientPriv.Public())
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	s := &testSSHServer{
		t:          t,
		host:       "127.0.0.1",
		port:       ln.Addr().(*net.TCPAddr).Port,
		hostSigner: hostSigner,
		clientKey:  clientPEM,
		clientPriv: clientPriv,
		acceptEnv:  func(name string) bool { return !strings.HasPrefix(name, refuseEnvPrefix) },
		ctx:        ctx,
		cancel:     cancel,
		ln:         ln,
		open:       map[net.Conn]struct{}{},
		started:    make(chan string, 64),
	}
	cfg := &ssh.ServerConfig{
		PublicKeyCallback: func(meta ssh.ConnMetadata, key ssh.PublicKey) (*ssh.Permissions, error) {
			if testUsers[meta.User()] && string(key.Marshal()) == string(clientPub.Marshal()) {
				s.record(&s.users, meta.User())
				return &ssh.Permissions{}, nil
			}
			return nil, errors.New("key not authorized")
		},
		PasswordCallback: func(meta ssh.ConnMetadata, password []byte) (*ssh.Permissions, error) {
			if testUsers[meta.User()] && string(password) == testPassword {
				s.record(&s.users, meta.User())
				return &ssh.Permissions{}, nil
			}
			return nil, errors.New("wrong password")
		},
	}
	cfg.AddHostKey(hostSigner)
	s.wg.Add(1)
	go s.serve(cfg)
	t.Cleanup(s.close)
	return s
}

func newEd25519(t *testing.T) ed25519.PrivateKey {
	t.Helper()
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	return priv
}

func newSigner(t *testing.T) ssh.Signer {
	t.Helper()
	signer, err := ssh.NewSignerFromKey(newEd25519(t))
	if err != nil {
		t.Fatal(err)
	}
	return signer
}

func privateKeyPEM(t *testing.T, key ed25519.PrivateKey, passphrase string) string {
	t.Helper()
	var block *pem.Block
	var err error
	if passphrase == "" {
		block, err = ssh.MarshalPrivateKey(key, "test")
	} else {
		block, err = ssh.MarshalPrivateKeyWithPassphrase(key, "test", []byte(passphrase))
	}
	if err != nil {
		t.Fatal(err)
	}
	return string(pem.EncodeToMemory(block))
}

// authorizedHostKey is the server's host key in authorized_keys format, as connection.hostKey takes it.
func (s *testSSHServer) authorizedHostKey() string {
	return string(ssh.MarshalAuthorizedKey(s.hostSigner.PublicKey()))
}

// conn is a connection to this server with the schema defaults that checkInputs would add.
func (s *testSSHServer) conn() *connection {
	key := s.clientKey
	return &connection{User: "root", Host: s.host, Port: float64(s.port), PrivateKey: &key, DialErrorLimit: 0, PerDialTimeout: 5}
}

func (s *testSSHServer) record(list *[]string, v string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	*list = append(*list, v)
}

func (s *testSSHServer) snapshot() (conns int, users, execs, envs, forwards []string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.conns, append([]string(nil), s.users...), append([]string(nil), s.execs...),
		append([]string(nil), s.envs...), append([]string(nil), s.forwards...)
}

func (s *testSSHServer) connCount() int     { c, _, _, _, _ := s.snapshot(); return c }
func (s *testSSHServer) execList() []string { _, _, e, _, _ := s.snapshot(); return e }
func (s *testSSHServer) envList() []string  { _, _, _, e, _ := s.snapshot(); return e }

// waitStarted blocks until a command starts on the server; the timeout only guards against a hung test.
func (s *testSSHServer) waitStarted(t *testing.T) string {
	t.Helper()
	select {
	case cmd := <-s.started:
		return cmd
	case <-time.After(20 * time.Second):
		t.Fatal("no command started on the test SSH server")
		return ""
	}
}

func (s *testSSHServer) track(c net.Conn) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.ctx.Err() != nil {
		return false
	}
	s.open[c] = struct{}{}
	return true
}

func (s *testSSHServer) untrack(c net.Conn) {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.open, c)
}

func (s *testSSHServer) close() {
	s.cancel()
	_ = s.ln.Close()
	s.mu.Lock()
	for c := range s.open {
		_ = c.Close()
	}
	s.mu.Unlock()
	s.wg.Wait()
}

func (s *testSSHServer) serve(cfg *ssh.ServerConfig) {
	defer s.wg.Done()
	for {
		nc, err := s.ln.Accept()
		if err != nil {
			return
		}
		s.mu.Lock()
		s.conns++
		s.mu.Unlock()
		if !s.track(nc) {
			_ = nc.Close()
			return
		}
		s.wg.Add(1)
		go s.handleConn(nc, cfg)
	}
}

func (s *testSSHServer) handleConn(nc net.Conn, cfg *ssh.ServerConfig) {
	defer s.wg.Done()
	defer s.untrack(nc)
	defer nc.Close()
	sconn, chans, reqs, err := ssh.NewServerConn(nc, cfg)
	if err != nil {
		return
	}
	// Commands of this connection die with it (a client that goes away, as on cancellation).
	ctx, cancel := context.WithCancel(s.ctx)
	defer cancel()
	s.wg.Add(1)
	go func() {
		defer s.wg.Done()
		ssh.DiscardRequests(reqs)
	}()
	s.wg.Add(1)
	go func() {
		defer s.wg.Done()
		_ = sconn.Wait()
		cancel()
	}()
	for nch := range chans {
		switch nch.ChannelType() {
		case "session":
			s.wg.Add(1)
			go s.handleSession(ctx, nch)
		case "direct-tcpip":
			s.wg.Add(1)
			go s.handleDirectTCPIP(nch)
		default:
			_ = nch.Reject(ssh.UnknownChannelType, "unsupported channel type")
		}
	}
}

func (s *testSSHServer) handleSession(ctx context.Context, nch ssh.NewChannel) {
	defer s.wg.Done()
	ch, reqs, err := nch.Accept()
	if err != nil {
		return
	}
	env := []string{"PATH=" + os.Getenv("PATH")}
	for req := range reqs {
		switch req.Type {
		case "env":
			var kv struct{ Name, Value string }
			if err := ssh.Unmarshal(req.Payload, &kv); err != nil {
				_ = req.Reply(false, nil)
				continue
			}
			s.record(&s.envs, kv.Name+"="+kv.Value)
			ok := s.acceptEnv(kv.Name)
			if ok {
				env = append(env, kv.Name+"="+kv.Value)
			}
			_ = req.Reply(ok, nil)
		case "exec":
			var p struct{ Command string }
			if err := ssh.Unmarshal(req.Payload, &p); err != nil {
				_ = req.Reply(false, nil)
				continue
			}
			_ = req.Reply(true, nil)
			s.record(&s.execs, p.Command)
			s.wg.Add(1)
			go s.exec(ctx, ch, p.Command, append([]string(nil), env...))
		default:
			if req.WantReply {
				_ = req.Reply(false, nil)
			}
		}
	}
}

func (s *testSSHServer) exec(ctx context.Context, ch ssh.Channel, command string, env []string) {
	defer s.wg.Done()
	defer ch.Close()
	cmd := exec.CommandContext(ctx, "/bin/sh", "-c", command)
	cmd.Env = env
	cmd.Stdin = ch
	cmd.Stdout = ch
	cmd.Stderr = ch.Stderr()
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) }
	cmd.WaitDelay = 2 * time.Second
	status := 0
	if err := cmd.Start(); err != nil {
		status = 127
	} else {
		select {
		case s.started <- command:
		default:
		}
		if err := cmd.Wait(); err != nil {
			var ee *exec.ExitError
			status = 255
			if errors.As(err, &ee) && ee.ExitCode() >= 0 {
				status = ee.ExitCode()
			}
		}
	}
	_, _ = ch.SendRequest("exit-status", false, ssh.Marshal(struct{ Status uint32 }{uint32(status)}))
}

func (s *testSSHServer) handleDirectTCPIP(nch ssh.NewChannel) {
	defer s.wg.Done()
	var p struct {
		Host     string
		Port     uint32
		OrigHost string
		OrigPort uint32
	}
	if err := ssh.Unmarshal(nch.ExtraData(), &p); err != nil {
		_ = nch.Reject(ssh.ConnectionFailed, "bad direct-tcpip payload")
		return
	}
	if ip := net.ParseIP(p.Host); ip == nil || !ip.IsLoopback() {
		_ = nch.Reject(ssh.Prohibited, "the test server forwards to loopback only")
		return
	}
	dest := net.JoinHostPort(p.Host, strconv.Itoa(int(p.Port)))
	s.record(&s.forwards, dest)
	target, err := net.Dial("tcp", dest)
	if err != nil {
		_ = nch.Reject(ssh.ConnectionFailed, err.Error())
		return
	}
	if !s.track(target) {
		_ = target.Close()
		_ = nch.Reject(ssh.ConnectionFailed, "server closing")
		return
	}
	defer s.untrack(target)
	ch, reqs, err := nch.Accept()
	if err != nil {
		_ = target.Close()
		return
	}
	go ssh.DiscardRequests(reqs)
	done := make(chan struct{})
	go func() {
		_, _ = io.Copy(target, ch)
		_ = target.(*net.TCPConn).CloseWrite()
		close(done)
	}()
	_, _ = io.Copy(ch, target)
	_ = ch.CloseWrite()
	<-done
	_ = ch.Close()
	_ = target.Close()
}

// recordingLogger is a logger that keeps every status line and warning.
type recordingLogger struct {
	mu       sync.Mutex
	statuses []string
	warnings []string
	onStatus func(string)
}

func (l *recordingLogger) status(msg string) {
	l.mu.Lock()
	l.statuses = append(l.statuses, msg)
	hook := l.onStatus
	l.mu.Unlock()
	if hook != nil {
		hook(msg)
	}
}

func (l *recordingLogger) warning(msg string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.warnings = append(l.warnings, msg)
}

func (l *recordingLogger) lines() (statuses, warnings []string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]string(nil), l.statuses...), append([]string(nil), l.warnings...)
}

// freeLoopbackPort is a 127.0.0.1 port nothing listens on (bound, then released).
func freeLoopbackPort(t *testing.T) int {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := ln.Addr().(*net.TCPAddr).Port
	_ = ln.Close()
	return port
}

func ptr[T any](v T) *T { return &v }
