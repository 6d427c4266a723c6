package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/common/util/retry"
	"golang.org/x/crypto/ssh"
	"golang.org/x/crypto/ssh/agent"
)

const (
	envPreviousStdout = "PULUMI_COMMAND_STDOUT"
	envPreviousStderr = "PULUMI_COMMAND_STDERR"
)

// logger receives status lines (a dial retry, a line of the command's output) and warnings.
type logger interface {
	status(msg string)
	warning(msg string)
}

// clientConfig builds x/crypto/ssh's client config: a pinned host key restricts the host key algorithms to
// its own type; without one the host key is not checked (as command 1.2.1 does).
func clientConfig(c *connection) (*ssh.ClientConfig, error) {
	callback := ssh.InsecureIgnoreHostKey()
	var hostKeyAlgorithms []string
	if c.HostKey != nil {
		pub, _, _, _, err := ssh.ParseAuthorizedKey([]byte(*c.HostKey))
		if err != nil {
			return nil, fmt.Errorf("failed to parse host key: %w", err)
		}
		callback = ssh.FixedHostKey(pub)
		hostKeyAlgorithms = []string{pub.Type()}
	}
	cfg := &ssh.ClientConfig{
		User:              c.User,
		HostKeyCallback:   callback,
		HostKeyAlgorithms: hostKeyAlgorithms,
		Timeout:           time.Duration(c.PerDialTimeout) * time.Second,
	}
	if c.PrivateKey != nil {
		var signer ssh.Signer
		var err error
		if c.PrivateKeyPassword != nil {
			signer, err = ssh.ParsePrivateKeyWithPassphrase([]byte(*c.PrivateKey), []byte(*c.PrivateKeyPassword))
		} else {
			signer, err = ssh.ParsePrivateKey([]byte(*c.PrivateKey))
		}
		if err != nil {
			return nil, err
		}
		cfg.Auth = append(cfg.Auth, ssh.PublicKeys(signer))
	}
	if c.Password != nil {
		password := *c.Password
		cfg.Auth = append(cfg.Auth, ssh.Password(password), ssh.KeyboardInteractive(
			func(_, _ string, questions []string, _ []bool) ([]string, error) {
				answers := make([]string, len(questions))
				for i := range questions {
					answers[i] = password
				}
				return answers, nil
			}))
	}
	socket := c.AgentSocketPath
	if socket == nil {
		if env, ok := os.LookupEnv("SSH_AUTH_SOCK"); ok && env != "" {
			socket = &env
		}
	}
	if socket != nil {
		conn, err := net.Dial("unix", *socket)
		if err != nil {
			return nil, err
		}
		cfg.Auth = append(cfg.Auth, ssh.PublicKeysCallback(agent.NewClient(conn).Signers))
	}
	return cfg, nil
}

// dialWithRetry makes up to dialErrorLimit+1 attempts (-1: until the context ends), with Pulumi's retry
// delays, and reports each failed attempt as a status line.
func dialWithRetry[T any](ctx context.Context, log logger, msg string, limit int, f func() (T, error)) (T, error) {
	var lastErr error
	ok, data, err := retry.Until(ctx, retry.Acceptor{
		Accept: func(try int, _ time.Duration) (bool, any, error) {
			result, ferr := f()
			if ferr == nil {
				return true, result, nil
			}
			lastErr = ferr
			dials := try + 1
			if limit > -1 && dials > limit {
				return true, nil, fmt.Errorf("after %d failed attempts: %w", try, ferr)
			}
			shown := "inf"
			if limit != -1 {
				shown = fmt.Sprint(limit)
			}
			log.status(fmt.Sprintf("%s %d/%s failed: retrying", msg, dials, shown))
			return false, nil, nil
		},
	})
	var zero T
	if ok && err == nil {
		return data.(T), nil
	}
	if err == nil {
		err = ctx.Err()
		if lastErr != nil {
			err = fmt.Errorf("%w (last error: %v)", err, lastErr)
		}
	}
	return zero, err
}

func dial(ctx context.Context, log logger, c *connection) (*ssh.Client, error) {
	cfg, err := clientConfig(c)
	if err != nil {
		return nil, err
	}
	endpoint := net.JoinHostPort(c.Host, fmt.Sprint(int(c.Port)))
	if c.Proxy == nil {
		return dialWithRetry(ctx, log, "Dial", c.DialErrorLimit, func() (*ssh.Client, error) {
			return ssh.Dial("tcp", endpoint, cfg)
		})
	}
	proxyCfg, err := clientConfig(c.Proxy)
	if err != nil {
		return nil, fmt.Errorf("proxy: %w", err)
	}
	proxy, err := dialWithRetry(ctx, log, "Dial proxy", c.Proxy.DialErrorLimit, func() (*ssh.Client, error) {
		return ssh.Dial("tcp", net.JoinHostPort(c.Proxy.Host, fmt.Sprint(int(c.Proxy.Port))), proxyCfg)
	})
	if err != nil {
		return nil, fmt.Errorf("proxy: %w", err)
	}
	conn, err := dialWithRetry(ctx, log, "Dial from proxy", c.DialErrorLimit, func() (net.Conn, error) {
		return proxy.Dial("tcp", endpoint)
	})
	if err != nil {
		return nil, fmt.Errorf("proxy: %w", err)
	}
	var chans <-chan ssh.NewChannel
	var reqs <-chan *ssh.Request
	sshConn, err := dialWithRetry(ctx, log, "Dial", c.DialErrorLimit, func() (ssh.Conn, error) {
		cc, ch, r, err := ssh.NewClientConn(conn, endpoint, cfg)
		chans, reqs = ch, r
		return cc, err
	})
	if err != nil {
		return nil, fmt.Errorf("proxy: %w", err)
	}
	return ssh.NewClient(sshConn, chans, reqs), nil
}

// runCommand runs cmd in one exec session as command 1.2.1 does: environment through Setenv, the previous
// outputs as PULUMI_COMMAND_STDOUT/STDERR, stdin piped when non-empty, no pty; stdout and stderr are captured
// with one trailing newline trimmed and, unless logging says otherwise, streamed as status lines.
func runCommand(ctx context.Context, log logger, s commandState, cmd string) (stdout, stderr string, err error) {
	client, err := dial(ctx, log, s.Connection)
	if err != nil {
		return "", "", err
	}
	defer client.Close()
	session, err := client.NewSession()
	if err != nil {
		return "", "", err
	}
	defer session.Close()

	for k, v := range s.Environment {
		if err := session.Setenv(k, v); err != nil {
			log.warning(setenvAdvice(k))
			return "", "", fmt.Errorf("could not set environment variable %q: %w", k, err)
		}
	}
	if s.addsPreviousOutput() {
		if s.Stdout != "" {
			if err := session.Setenv(envPreviousStdout, s.Stdout); err != nil {
				log.warning(setenvAdvice(envPreviousStdout))
			}
		}
		if s.Stderr != "" {
			if err := session.Setenv(envPreviousStderr, s.Stderr); err != nil {
				log.warning(setenvAdvice(envPreviousStderr))
			}
		}
	}
	if s.Stdin != nil && len(*s.Stdin) > 0 {
		session.Stdin = strings.NewReader(*s.Stdin)
	}

	var outBuf, errBuf, bothBuf bytes.Buffer
	both := &lockedWriter{w: &bothBuf}
	r, w := io.Pipe()
	outWriters := []io.Writer{&outBuf, both}
	if s.logsStdout() {
		outWriters = append(outWriters, w)
	}
	errWriters := []io.Writer{&errBuf, both}
	if s.logsStderr() {
		errWriters = append(errWriters, w)
	}
	session.Stdout = io.MultiWriter(outWriters...)
	session.Stderr = io.MultiWriter(errWriters...)
	done := make(chan struct{})
	go func() {
		defer close(done)
		scanner := bufio.NewScanner(r)
		for scanner.Scan() {
			log.status(scanner.Text())
		}
		_, _ = io.Copy(io.Discard, r)
	}()

	runErr := make(chan error, 1)
	go func() { runErr <- session.Run(cmd) }()
	select {
	case err = <-runErr:
	case <-ctx.Done():
		_ = session.Signal(ssh.SIGTERM)
		_ = client.Close()
		err = errors.Join(ctx.Err(), <-runErr)
	}
	_ = w.Close()
	<-done
	if err != nil {
		return "", "", fmt.Errorf("%w: running %q:\n%s", err, cmd, bothBuf.String())
	}
	return strings.TrimSuffix(outBuf.String(), "\n"), strings.TrimSuffix(errBuf.String(), "\n"), nil
}

func setenvAdvice(key string) string {
	return fmt.Sprintf("Unable to set '%s'. This only works if your SSH server is configured to accept these "+
		"variables via AcceptEnv. Alternatively, if a Bash-like shell runs the command on the remote host, you "+
		"could prefix the command itself with the variables in the form 'VAR=value command'", key)
}

type lockedWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (l *lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}
