package main

import (
	"context"
	"errors"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource/plugin"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/types/known/emptypb"
	"google.golang.org/protobuf/types/known/structpb"
)

const testURN = "urn:pulumi:s::p::command:remote:Command::name"

// wire marshals a property map as the engine sends it (secrets and unknowns kept).
func wire(t *testing.T, m resource.PropertyMap) *structpb.Struct {
	t.Helper()
	s, err := plugin.MarshalProperties(m, plugin.MarshalOptions{KeepUnknowns: true, KeepSecrets: true})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// unwire reads what the provider returned, secrets and unknowns kept.
func unwire(t *testing.T, s *structpb.Struct) resource.PropertyMap {
	t.Helper()
	m, err := plugin.UnmarshalProperties(s, plugin.MarshalOptions{KeepUnknowns: true, KeepSecrets: true})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// connectionTo is the connection input a program would give for srv (the client key as a secret).
func connectionTo(srv *testSSHServer) resource.PropertyValue {
	return resource.NewObjectProperty(resource.PropertyMap{
		"host":       resource.NewStringProperty(srv.host),
		"port":       resource.NewNumberProperty(float64(srv.port)),
		"privateKey": resource.MakeSecret(resource.NewStringProperty(srv.clientKey)),
		"hostKey":    resource.NewStringProperty(srv.authorizedHostKey()),
	})
}

// checked runs Check, as the engine does before Create/Update, and returns the inputs it produced.
func checked(t *testing.T, p *commandProvider, news resource.PropertyMap) *structpb.Struct {
	t.Helper()
	resp, err := p.Check(t.Context(), &pulumirpc.CheckRequest{Urn: testURN, News: wire(t, news)})
	if err != nil {
		t.Fatalf("Check: %v", err)
	}
	if len(resp.GetFailures()) != 0 {
		t.Fatalf("Check failures: %v", resp.GetFailures())
	}
	return resp.GetInputs()
}

func commandInputs(srv *testSSHServer, kv map[string]string) resource.PropertyMap {
	m := resource.PropertyMap{"connection": connectionTo(srv)}
	for k, v := range kv {
		m[resource.PropertyKey(k)] = resource.NewStringProperty(v)
	}
	return m
}

func stringOutput(t *testing.T, m resource.PropertyMap, key resource.PropertyKey) string {
	t.Helper()
	v, ok := m[key]
	if !ok || !v.IsString() {
		t.Fatalf("%s is %v, want a known string", key, v)
	}
	return v.StringValue()
}

func TestCheckReturnsDefaultedSecretConnection(t *testing.T) {
	p := newCommandProvider(nil)
	resp, err := p.Check(t.Context(), &pulumirpc.CheckRequest{Urn: testURN, News: wire(t, resource.PropertyMap{
		"connection": resource.NewObjectProperty(resource.PropertyMap{"host": resource.NewStringProperty("ha.lan")}),
		"create":     resource.NewStringProperty("true"),
	})})
	if err != nil || len(resp.GetFailures()) != 0 {
		t.Fatalf("Check: %v %v", err, resp.GetFailures())
	}
	conn := plainConnection(t, unwire(t, resp.GetInputs()))
	if conn["user"].StringValue() != "root" || conn["port"].NumberValue() != 22 {
		t.Errorf("connection defaults missing after the wire round trip: %v", conn)
	}
}

func TestCheckReportsFailuresByProperty(t *testing.T) {
	p := newCommandProvider(nil)
	resp, err := p.Check(t.Context(), &pulumirpc.CheckRequest{Urn: testURN, News: wire(t, resource.PropertyMap{
		"create": resource.NewStringProperty("true"),
	})})
	if err != nil {
		t.Fatalf("Check: %v", err)
	}
	if len(resp.GetFailures()) != 1 || resp.GetFailures()[0].GetProperty() != "connection" {
		t.Errorf("failures = %v, want one on connection", resp.GetFailures())
	}
}

func TestDiffWithoutOldInputsComparesAgainstTheInputsInTheState(t *testing.T) {
	p := newCommandProvider(nil)
	inputs := resource.NewPropertyMapFromMap(map[string]any{
		"connection": map[string]any{"host": "ha.lan", "user": "root", "port": 22, "dialErrorLimit": 10, "perDialTimeout": 15},
		"create":     "install",
	})
	state := outputsOf(inputs, "out", "err", false) // recorded as Create records it: the connection secret
	secretNews := inputs.Copy()
	secretNews["connection"] = resource.MakeSecret(secretNews["connection"])
	changed := inputs.Copy()
	changed["create"] = resource.NewStringProperty("install --again")

	tests := []struct {
		name string
		news resource.PropertyMap
		want pulumirpc.DiffResponse_DiffChanges
	}{
		{"recorded stdout/stderr are outputs, not deleted inputs; secretness is not a change", inputs, pulumirpc.DiffResponse_DIFF_NONE},
		{"the same secret connection is no change", secretNews, pulumirpc.DiffResponse_DIFF_NONE},
		{"a changed create is a change", changed, pulumirpc.DiffResponse_DIFF_SOME},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, err := p.Diff(t.Context(), &pulumirpc.DiffRequest{Id: "id", Urn: testURN, Olds: wire(t, state), News: wire(t, tt.news)})
			if err != nil {
				t.Fatalf("Diff: %v", err)
			}
			if resp.GetChanges() != tt.want {
				t.Errorf("changes = %v (%v), want %v", resp.GetChanges(), resp.GetDetailedDiff(), tt.want)
			}
		})
	}
}

func TestDiffPrefersTheOldInputsTheEngineSends(t *testing.T) {
	p := newCommandProvider(nil)
	state := resource.NewPropertyMapFromMap(map[string]any{"connection": map[string]any{"host": "ha.lan"}, "create": "from-state"})
	oldInputs := resource.NewPropertyMapFromMap(map[string]any{"connection": map[string]any{"host": "ha.lan"}, "create": "from-inputs"})
	resp, err := p.Diff(t.Context(), &pulumirpc.DiffRequest{Urn: testURN, Olds: wire(t, state), OldInputs: wire(t, oldInputs), News: wire(t, oldInputs)})
	if err != nil {
		t.Fatalf("Diff: %v", err)
	}
	if resp.GetChanges() != pulumirpc.DiffResponse_DIFF_NONE {
		t.Errorf("news equal to the old inputs should be no change, got %v", resp.GetDetailedDiff())
	}
}

func TestCreatePreviewRunsNothingAndLeavesOutputsUnknown(t *testing.T) {
	noAgent(t)
	srv := newTestSSHServer(t)
	p := newCommandProvider(nil)
	inputs := checked(t, p, commandInputs(srv, map[string]string{"create": "touch /tmp/should-not-exist"}))
	resp, err := p.Create(t.Context(), &pulumirpc.CreateRequest{Urn: testURN, Properties: inputs, Preview: true})
	if err != nil {
		t.Fatalf("Create preview: %v", err)
	}
	out := unwire(t, resp.GetProperties())
	for _, k := range []resource.PropertyKey{"stdout", "stderr"} {
		if !out[k].IsComputed() {
			t.Errorf("%s = %v during preview, want computed", k, out[k])
		}
	}
	if n := srv.connCount(); n != 0 {
		t.Errorf("preview connected to the host %d times", n)
	}
	if !strings.HasPrefix(resp.GetId(), "name") {
		t.Errorf("id %q does not start with the resource name", resp.GetId())
	}
}

func TestCreateRunsTheCreateCommandAndRecordsItsOutputs(t *testing.T) {
	noAgent(t)
	srv := newTestSSHServer(t)
	p := newCommandProvider(nil)
	news := commandInputs(srv, map[string]string{"create": `cat; echo created; echo warned >&2`})
	news["stdin"] = resource.MakeSecret(resource.NewStringProperty("secret-in|"))
	resp, err := p.Create(t.Context(), &pulumirpc.CreateRequest{Urn: testURN, Properties: checked(t, p, news)})
	if err != nil {
		t.Fatalf("Create: %v", err)
	}
	out := unwire(t, resp.GetProperties())
	if got := stringOutput(t, out, "stdout"); got != "secret-in|created" {
		t.Errorf("stdout = %q", got)
	}
	if got := stringOutput(t, out, "stderr"); got != "warned" {
		t.Errorf("stderr = %q", got)
	}
	if !out["connection"].IsSecret() {
		t.Error("connection is not secret in the recorded state")
	}
	if !out["stdin"].IsSecret() {
		t.Error("a secret stdin lost its secretness in the recorded state")
	}
	if !regexp.MustCompile(`^name[0-9a-f]{8}$`).MatchString(resp.GetId()) {
		t.Errorf("id %q is not the name plus 8 hex digits", resp.GetId())
	}
	if execs := srv.execList(); !slices.Equal(execs, []string{`cat; echo created; echo warned >&2`}) {
		t.Errorf("server ran %q", execs)
	}
}

func TestCreateWithoutCreateCommandConnectsToNothing(t *testing.T) {
	noAgent(t)
	srv := newTestSSHServer(t)
	p := newCommandProvider(nil)
	resp, err := p.Create(t.Context(), &pulumirpc.CreateRequest{Urn: testURN, Properties: checked(t, p, commandInputs(srv, map[string]string{"delete": "rm x"}))})
	if err != nil {
		t.Fatalf("Create: %v", err)
	}
	out := unwire(t, resp.GetProperties())
	if stringOutput(t, out, "stdout") != "" || srv.connCount() != 0 {
		t.Errorf("stdout %v, %d connections; want nothing run", out["stdout"], srv.connCount())
	}
}

func TestCreateFailsWhenTheCommandFails(t *testing.T) {
	noAgent(t)
	srv := newTestSSHServer(t)
	p := newCommandProvider(nil)
	_, err := p.Create(t.Context(), &pulumirpc.CreateRequest{Urn: testURN, Properties: checked(t, p, commandInputs(srv, map[string]string{"create": "exit 7"}))})
	if err == nil || !strings.Contains(err.Error(), "Process exited with status 7") {
		t.Fatalf("err = %v, want the exit status", err)
	}
}

func TestUpdateRunsUpdateElseCreateWithThePreviousStdout(t *testing.T) {
	noAgent(t)
	const echoPrevious = `printf 'prev=%s' "$PULUMI_COMMAND_STDOUT"`
	tests := []struct {
		name       string
		news       map[string]string
		preview    bool
		wantExecs  []string
		wantStdout string // "" with preview means computed
	}{
		{"update is run when set, seeing the old stdout", map[string]string{"create": "echo create", "update": echoPrevious}, false,
			[]string{echoPrevious}, "prev=old-out"},
		{"create is run when update is unset, seeing the old stdout", map[string]string{"create": echoPrevious}, false,
			[]string{echoPrevious}, "prev=old-out"},
		{"nothing is run without create or update, and the old stdout is kept", map[string]string{"delete": "echo bye"}, false,
			nil, "old-out"},
		{"a preview runs nothing", map[string]string{"create": echoPrevious}, true, nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := newTestSSHServer(t)
			p := newCommandProvider(nil)
			olds := commandInputs(srv, map[string]string{"create": "echo old"})
			olds["stdout"] = resource.NewStringProperty("old-out")
			olds["stderr"] = resource.NewStringProperty("")
			resp, err := p.Update(t.Context(), &pulumirpc.UpdateRequest{
				Id: "name0", Urn: testURN, Olds: wire(t, olds), News: checked(t, p, commandInputs(srv, tt.news)), Preview: tt.preview,
			})
			if err != nil {
				t.Fatalf("Update: %v", err)
			}
			if execs := srv.execList(); !slices.Equal(execs, tt.wantExecs) {
				t.Errorf("server ran %q, want %q", execs, tt.wantExecs)
			}
			out := unwire(t, resp.GetProperties())
			if tt.preview {
				if !out["stdout"].IsComputed() {
					t.Errorf("stdout = %v during preview, want computed", out["stdout"])
				}
				return
			}
			if got := stringOutput(t, out, "stdout"); got != tt.wantStdout {
				t.Errorf("stdout = %q, want %q", got, tt.wantStdout)
			}
		})
	}
}

func TestDeleteRunsTheDeleteCommandOnlyWhenSet(t *testing.T) {
	noAgent(t)
	tests := []struct {
		name      string
		state     map[string]string
		wantExecs []string
		wantEnv   string
	}{
		{"delete is run with the recorded stdout in the environment", map[string]string{"create": "echo c", "delete": "echo d"},
			[]string{"echo d"}, envPreviousStdout + "=recorded"},
		{"without delete nothing is run", map[string]string{"create": "echo c"}, nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := newTestSSHServer(t)
			p := newCommandProvider(nil)
			state := unwire(t, checked(t, p, commandInputs(srv, tt.state)))
			state["stdout"] = resource.NewStringProperty("recorded")
			if _, err := p.Delete(t.Context(), &pulumirpc.DeleteRequest{Id: "name0", Urn: testURN, Properties: wire(t, state)}); err != nil {
				t.Fatalf("Delete: %v", err)
			}
			if execs := srv.execList(); !slices.Equal(execs, tt.wantExecs) {
				t.Errorf("server ran %q, want %q", execs, tt.wantExecs)
			}
			if tt.wantExecs == nil && srv.connCount() != 0 {
				t.Errorf("delete without a delete command connected %d times", srv.connCount())
			}
			if tt.wantEnv != "" && !slices.Contains(srv.envList(), tt.wantEnv) {
				t.Errorf("env requests %q lack %q", srv.envList(), tt.wantEnv)
			}
		})
	}
}

func TestDeleteWithoutConnectionInStateFails(t *testing.T) {
	p := newCommandProvider(nil)
	_, err := p.Delete(t.Context(), &pulumirpc.DeleteRequest{Urn: testURN, Properties: wire(t, resource.NewPropertyMapFromMap(map[string]any{"delete": "echo d"}))})
	if err == nil || !strings.Contains(err.Error(), "connection must be set") {
		t.Fatalf("err = %v, want a missing connection error", err)
	}
}

func TestReadReturnsTheRecordedStateUnchanged(t *testing.T) {
	p := newCommandProvider(nil)
	props := wire(t, resource.PropertyMap{
		"connection": resource.MakeSecret(resource.NewObjectProperty(resource.PropertyMap{"host": resource.NewStringProperty("ha.lan")})),
		"create":     resource.NewStringProperty("echo"), "stdout": resource.NewStringProperty("out"),
	})
	inputs := wire(t, resource.PropertyMap{"create": resource.NewStringProperty("echo")})
	resp, err := p.Read(t.Context(), &pulumirpc.ReadRequest{Id: "name0", Urn: testURN, Properties: props, Inputs: inputs})
	if err != nil {
		t.Fatalf("Read: %v", err)
	}
	if resp.GetId() != "name0" || !proto.Equal(resp.GetProperties(), props) || !proto.Equal(resp.GetInputs(), inputs) {
		t.Errorf("Read changed the state: %v", resp)
	}
}

func TestForeignResourceTypesAreRefusedAsUnimplemented(t *testing.T) {
	const foreign = "urn:pulumi:s::p::command:local:Command::name"
	p := newCommandProvider(nil)
	ctx := context.Background()
	tests := map[string]func() error{
		"Check":  func() error { _, err := p.Check(ctx, &pulumirpc.CheckRequest{Urn: foreign}); return err },
		"Diff":   func() error { _, err := p.Diff(ctx, &pulumirpc.DiffRequest{Urn: foreign}); return err },
		"Create": func() error { _, err := p.Create(ctx, &pulumirpc.CreateRequest{Urn: foreign}); return err },
		"Update": func() error { _, err := p.Update(ctx, &pulumirpc.UpdateRequest{Urn: foreign}); return err },
		"Delete": func() error { _, err := p.Delete(ctx, &pulumirpc.DeleteRequest{Urn: foreign}); return err },
		"Read":   func() error { _, err := p.Read(ctx, &pulumirpc.ReadRequest{Urn: foreign}); return err },
	}
	for name, call := range tests {
		t.Run(name+" refuses command:local:Command", func(t *testing.T) {
			err := call()
			if status.Code(err) != codes.Unimplemented {
				t.Fatalf("code = %v (%v), want Unimplemented", status.Code(err), err)
			}
			if !strings.Contains(err.Error(), "command:local:Command") {
				t.Errorf("error %q does not name the refused type", err)
			}
		})
	}
}

func TestPluginInfoSchemaAndConfigureAdvertiseCommand121(t *testing.T) {
	p := newCommandProvider(nil)
	info, err := p.GetPluginInfo(t.Context(), &emptypb.Empty{})
	if err != nil || info.GetVersion() != "1.2.1" {
		t.Errorf("GetPluginInfo = %v, %v; want version 1.2.1", info, err)
	}
	schema, err := p.GetSchema(t.Context(), &pulumirpc.GetSchemaRequest{})
	if err != nil || !strings.Contains(schema.GetSchema(), `"version":"1.2.1"`) {
		t.Errorf("GetSchema = %v, %v", schema, err)
	}
	conf, err := p.Configure(t.Context(), &pulumirpc.ConfigureRequest{})
	if err != nil || !conf.GetAcceptSecrets() || !conf.GetSupportsPreview() {
		t.Errorf("Configure = %v, %v; want secrets and preview supported", conf, err)
	}
}

func TestOutputsOf(t *testing.T) {
	plainConn := resource.NewObjectProperty(resource.PropertyMap{"host": resource.NewStringProperty("ha.lan")})
	tests := []struct {
		name    string
		inputs  resource.PropertyMap
		preview bool
		check   func(t *testing.T, out resource.PropertyMap)
	}{
		{"preview marks stdout and stderr computed", resource.PropertyMap{"connection": plainConn}, true,
			func(t *testing.T, out resource.PropertyMap) {
				if !out["stdout"].IsComputed() || !out["stderr"].IsComputed() {
					t.Errorf("stdout %v stderr %v, want computed", out["stdout"], out["stderr"])
				}
			}},
		{"a real run records stdout and stderr", resource.PropertyMap{"connection": plainConn}, false,
			func(t *testing.T, out resource.PropertyMap) {
				if out["stdout"].StringValue() != "O" || out["stderr"].StringValue() != "E" {
					t.Errorf("stdout %v stderr %v", out["stdout"], out["stderr"])
				}
			}},
		{"a plain connection is made secret", resource.PropertyMap{"connection": plainConn}, false,
			func(t *testing.T, out resource.PropertyMap) {
				if !out["connection"].IsSecret() || out["connection"].SecretValue().Element.IsSecret() {
					t.Errorf("connection = %v, want secret once", out["connection"])
				}
			}},
		{"an already secret connection is not wrapped twice", resource.PropertyMap{"connection": resource.MakeSecret(plainConn)}, false,
			func(t *testing.T, out resource.PropertyMap) {
				if !out["connection"].IsSecret() || out["connection"].SecretValue().Element.IsSecret() {
					t.Errorf("connection = %v, want secret once", out["connection"])
				}
			}},
		{"a secret stdin stays secret", resource.PropertyMap{"connection": plainConn, "stdin": resource.MakeSecret(resource.NewStringProperty("pw"))}, false,
			func(t *testing.T, out resource.PropertyMap) {
				if !out["stdin"].IsSecret() {
					t.Errorf("stdin = %v, want secret", out["stdin"])
				}
			}},
		{"a plain input stays plain", resource.PropertyMap{"connection": plainConn, "create": resource.NewStringProperty("x")}, false,
			func(t *testing.T, out resource.PropertyMap) {
				if out["create"].IsSecret() || out["create"].StringValue() != "x" {
					t.Errorf("create = %v, want plain x", out["create"])
				}
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := tt.inputs.Copy()
			tt.check(t, outputsOf(tt.inputs, "O", "E", tt.preview))
			if !tt.inputs.DeepEquals(before) {
				t.Error("outputsOf modified its inputs")
			}
		})
	}
}

// fakeEngine records the Log calls the provider makes; the other engine methods are not used.
type fakeEngine struct {
	pulumirpc.EngineClient
	mu   sync.Mutex
	logs []*pulumirpc.LogRequest
}

func (e *fakeEngine) Log(_ context.Context, req *pulumirpc.LogRequest, _ ...grpc.CallOption) (*emptypb.Empty, error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.logs = append(e.logs, req)
	return &emptypb.Empty{}, nil
}

func TestCommandOutputIsLoggedToTheEngineAgainstTheResource(t *testing.T) {
	noAgent(t)
	srv := newTestSSHServer(t)
	engine := &fakeEngine{}
	p := newCommandProvider(engine)
	news := commandInputs(srv, map[string]string{"create": "echo streamed"})
	news["environment"] = resource.NewObjectProperty(resource.PropertyMap{refuseEnvPrefix + "X": resource.NewStringProperty("1")})
	_, err := p.Create(t.Context(), &pulumirpc.CreateRequest{Urn: testURN, Properties: checked(t, p, news)})
	if err == nil {
		t.Fatal("expected the refused environment variable to fail the create")
	}
	news["environment"] = resource.NewObjectProperty(resource.PropertyMap{})
	if _, err := p.Create(t.Context(), &pulumirpc.CreateRequest{Urn: testURN, Properties: checked(t, p, news)}); err != nil {
		t.Fatalf("Create: %v", err)
	}
	engine.mu.Lock()
	defer engine.mu.Unlock()
	var sawWarning, sawLine bool
	for _, l := range engine.logs {
		if l.GetUrn() != testURN {
			t.Errorf("log %q not attached to the resource: urn %q", l.GetMessage(), l.GetUrn())
		}
		switch {
		case l.GetSeverity() == pulumirpc.LogSeverity_WARNING && strings.Contains(l.GetMessage(), "AcceptEnv"):
			sawWarning = true
		case l.GetSeverity() == pulumirpc.LogSeverity_INFO && l.GetMessage() == "streamed" && l.GetEphemeral():
			sawLine = true
		}
	}
	if !sawWarning || !sawLine {
		t.Errorf("engine logs %v: want the AcceptEnv warning and the ephemeral output line", engine.logs)
	}
}

func TestEngineLogWithoutAnEngineIsANoop(t *testing.T) {
	l := engineLog{urn: testURN}
	l.status("ignored")
	l.warning("ignored")
}

func TestCancelStopsARunningCommand(t *testing.T) {
	noAgent(t)
	srv := newTestSSHServer(t)
	p := newCommandProvider(nil)
	inputs := checked(t, p, commandInputs(srv, map[string]string{"create": "sleep 60"}))
	done := make(chan error, 1)
	go func() {
		_, err := p.Create(context.Background(), &pulumirpc.CreateRequest{Urn: testURN, Properties: inputs})
		done <- err
	}()
	srv.waitStarted(t)
	if _, err := p.Cancel(t.Context(), &emptypb.Empty{}); err != nil {
		t.Fatalf("Cancel: %v", err)
	}
	select {
	case err := <-done:
		if !errors.Is(err, context.Canceled) {
			t.Errorf("Create returned %v, want it cancelled", err)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("Create did not return after Cancel")
	}
}
