package main

import (
	"reflect"
	"strings"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"google.golang.org/protobuf/types/known/structpb"
)

// plainConnection returns the connection object of checked inputs, asserting it is marked secret.
func plainConnection(t *testing.T, m resource.PropertyMap) resource.PropertyMap {
	t.Helper()
	conn, ok := m["connection"]
	if !ok {
		t.Fatal("no connection in the checked inputs")
	}
	if !conn.IsSecret() {
		t.Fatalf("connection is not marked secret: %v", conn)
	}
	inner := conn.SecretValue().Element
	if !inner.IsObject() {
		t.Fatalf("connection is not an object: %v", inner)
	}
	return inner.ObjectValue()
}

func TestCheckInputsFillsConnectionDefaultsOnlyWhereAbsentAndMarksItSecret(t *testing.T) {
	tests := []struct {
		name string
		conn resource.PropertyValue
		want map[string]any
	}{
		{
			name: "host only gets user root, port 22, dialErrorLimit 10, perDialTimeout 15 (the schema defaults)",
			conn: resource.NewObjectProperty(resource.PropertyMap{"host": resource.NewStringProperty("ha.lan")}),
			want: map[string]any{"host": "ha.lan", "user": "root", "port": 22.0, "dialErrorLimit": 10.0, "perDialTimeout": 15.0},
		},
		{
			name: "values the user gave are kept, not overwritten by defaults",
			conn: resource.NewObjectProperty(resource.PropertyMap{
				"host": resource.NewStringProperty("ha.lan"), "user": resource.NewStringProperty("ha"),
				"port": resource.NewNumberProperty(2222), "dialErrorLimit": resource.NewNumberProperty(-1),
				"perDialTimeout": resource.NewNumberProperty(5),
			}),
			want: map[string]any{"host": "ha.lan", "user": "ha", "port": 2222.0, "dialErrorLimit": -1.0, "perDialTimeout": 5.0},
		},
		{
			name: "an explicit null is treated as absent and defaulted",
			conn: resource.NewObjectProperty(resource.PropertyMap{
				"host": resource.NewStringProperty("ha.lan"), "port": resource.NewNullProperty(),
			}),
			want: map[string]any{"host": "ha.lan", "user": "root", "port": 22.0, "dialErrorLimit": 10.0, "perDialTimeout": 15.0},
		},
		{
			name: "an already secret connection is defaulted inside and stays secret",
			conn: resource.MakeSecret(resource.NewObjectProperty(resource.PropertyMap{
				"host": resource.NewStringProperty("ha.lan"), "privateKey": resource.NewStringProperty("KEY"),
			})),
			want: map[string]any{"host": "ha.lan", "privateKey": "KEY", "user": "root", "port": 22.0, "dialErrorLimit": 10.0, "perDialTimeout": 15.0},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checked, failures := checkInputs(resource.PropertyMap{"connection": tt.conn, "create": resource.NewStringProperty("true")})
			if len(failures) != 0 {
				t.Fatalf("unexpected failures: %+v", failures)
			}
			got := plainConnection(t, checked).Mappable()
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("connection = %v, want %v", got, tt.want)
			}
			if checked["create"].StringValue() != "true" {
				t.Errorf("other inputs must pass through, create = %v", checked["create"])
			}
		})
	}
}

func TestCheckInputsDefaultsTheProxyConnectionWithoutDoubleSecretWrapping(t *testing.T) {
	news := resource.PropertyMap{"connection": resource.NewObjectProperty(resource.PropertyMap{
		"host":  resource.NewStringProperty("ha.lan"),
		"proxy": resource.NewObjectProperty(resource.PropertyMap{"host": resource.NewStringProperty("bastion")}),
	})}
	checked, failures := checkInputs(news)
	if len(failures) != 0 {
		t.Fatalf("unexpected failures: %+v", failures)
	}
	proxy := plainConnection(t, checked)["proxy"]
	if proxy.IsSecret() || !proxy.IsObject() {
		t.Fatalf("proxy should be a plain object inside the secret connection, got %v", proxy)
	}
	want := map[string]any{"host": "bastion", "user": "root", "port": 22.0, "dialErrorLimit": 10.0, "perDialTimeout": 15.0}
	if got := proxy.ObjectValue().Mappable(); !reflect.DeepEqual(got, want) {
		t.Errorf("proxy = %v, want %v", got, want)
	}
}

func TestCheckInputsDoesNotModifyTheCallersInputs(t *testing.T) {
	connObj := resource.PropertyMap{"host": resource.NewStringProperty("ha.lan")}
	news := resource.PropertyMap{"connection": resource.NewObjectProperty(connObj)}
	checkInputs(news)
	if news["connection"].IsSecret() {
		t.Error("checkInputs marked the caller's connection secret in place")
	}
	if len(connObj) != 1 {
		t.Errorf("checkInputs added defaults to the caller's connection object in place: %v", connObj)
	}
}

func TestCheckInputsReportsWhatTheSchemaRefuses(t *testing.T) {
	validConn := resource.NewObjectProperty(resource.PropertyMap{"host": resource.NewStringProperty("ha.lan")})
	tests := []struct {
		name         string
		news         resource.PropertyMap
		wantProperty []string
		wantReason   string
	}{
		{"a missing connection names the connection property",
			resource.PropertyMap{"create": resource.NewStringProperty("true")}, []string{"connection"}, "connection"},
		{"a null connection counts as missing",
			resource.PropertyMap{"connection": resource.NewNullProperty()}, []string{"connection"}, "connection"},
		{"a connection without host names connection.host",
			resource.PropertyMap{"connection": resource.NewObjectProperty(resource.PropertyMap{"user": resource.NewStringProperty("ha")})},
			[]string{"connection.host"}, "connection.host"},
		{"a secret connection without host names connection.host too",
			resource.PropertyMap{"connection": resource.MakeSecret(resource.NewObjectProperty(resource.PropertyMap{}))},
			[]string{"connection.host"}, "connection.host"},
		{"a logging value outside the enum is refused",
			resource.PropertyMap{"connection": validConn, "logging": resource.NewStringProperty("verbose")}, []string{"logging"}, `"verbose"`},
		{"an unknown property is reported by name",
			resource.PropertyMap{"connection": validConn, "creat": resource.NewStringProperty("typo")}, []string{"creat"}, `unknown property "creat"`},
		{"every problem is reported, not just the first",
			resource.PropertyMap{"bogus": resource.NewStringProperty("x"), "logging": resource.NewStringProperty("all")},
			[]string{"bogus", "connection", "logging"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, failures := checkInputs(tt.news)
			var props []string
			for _, f := range failures {
				props = append(props, f.property)
			}
			if !sameSet(props, tt.wantProperty) {
				t.Fatalf("failures on %q, want %q (%+v)", props, tt.wantProperty, failures)
			}
			if tt.wantReason != "" && !strings.Contains(failures[0].reason, tt.wantReason) {
				t.Errorf("reason %q does not contain %q", failures[0].reason, tt.wantReason)
			}
		})
	}
}

func TestCheckInputsAcceptsValidLoggingAndEngineKeys(t *testing.T) {
	validConn := resource.NewObjectProperty(resource.PropertyMap{"host": resource.NewStringProperty("ha.lan")})
	for _, logging := range []string{"stdout", "stderr", "stdoutAndStderr", "none"} {
		t.Run("logging "+logging+" is in the enum", func(t *testing.T) {
			if _, failures := checkInputs(resource.PropertyMap{"connection": validConn, "logging": resource.NewStringProperty(logging)}); len(failures) != 0 {
				t.Errorf("unexpected failures: %+v", failures)
			}
		})
	}
	t.Run("version and __-prefixed keys are engine keys, not unknown properties", func(t *testing.T) {
		news := resource.PropertyMap{
			"connection": validConn, "version": resource.NewStringProperty("1.2.1"),
			"__defaults": resource.NewArrayProperty(nil),
		}
		if _, failures := checkInputs(news); len(failures) != 0 {
			t.Errorf("unexpected failures: %+v", failures)
		}
	})
	t.Run("every documented input is known", func(t *testing.T) {
		news := resource.PropertyMap{"connection": validConn}
		for _, k := range commandInputKeys[1:] {
			news[k] = resource.NewStringProperty("x")
		}
		news["logging"] = resource.NewStringProperty("none")
		if _, failures := checkInputs(news); len(failures) != 0 {
			t.Errorf("unexpected failures: %+v", failures)
		}
	})
}

func TestDecodeStateReadsThePlainCommandView(t *testing.T) {
	m := resource.NewPropertyMapFromMap(map[string]any{
		"connection": map[string]any{
			"host": "ha.lan", "user": "root", "port": 2222, "dialErrorLimit": 3, "perDialTimeout": 7,
			"hostKey": "ssh-ed25519 AAAA", "proxy": map[string]any{"host": "bastion", "port": 22},
		},
		"create": "make", "update": "remake", "delete": "unmake", "stdin": "in",
		"environment": map[string]any{"A": "1"}, "triggers": []any{"t1", 2},
		"logging": "none", "addPreviousOutputInEnv": false, "stdout": "out", "stderr": "err",
	})
	s, err := decodeState(m)
	if err != nil {
		t.Fatalf("decodeState: %v", err)
	}
	c := s.Connection
	if c == nil || c.Host != "ha.lan" || c.Port != 2222 || c.DialErrorLimit != 3 || c.PerDialTimeout != 7 ||
		c.HostKey == nil || *c.HostKey != "ssh-ed25519 AAAA" || c.Proxy == nil || c.Proxy.Host != "bastion" {
		t.Errorf("connection decoded as %+v", c)
	}
	if *s.Create != "make" || *s.Update != "remake" || *s.Delete != "unmake" || *s.Stdin != "in" ||
		s.Environment["A"] != "1" || len(s.Triggers) != 2 || *s.Logging != "none" || *s.AddPreviousOutputInEnv ||
		s.Stdout != "out" || s.Stderr != "err" {
		t.Errorf("state decoded as %+v", s)
	}
}

func TestDecodeStateRefusesMistypedInputs(t *testing.T) {
	_, err := decodeState(resource.NewPropertyMapFromMap(map[string]any{"create": 42}))
	if err == nil || !strings.Contains(err.Error(), "invalid inputs") {
		t.Fatalf("err = %v, want an invalid inputs error", err)
	}
}

func TestCommandStateLoggingAndPreviousOutputSwitches(t *testing.T) {
	tests := []struct {
		name                        string
		s                           commandState
		wantStdout, wantStderr, add bool
	}{
		{"defaults log both streams and add previous outputs", commandState{}, true, true, true},
		{"stdout", commandState{Logging: ptr("stdout")}, true, false, true},
		{"stderr", commandState{Logging: ptr("stderr")}, false, true, true},
		{"stdoutAndStderr", commandState{Logging: ptr("stdoutAndStderr")}, true, true, true},
		{"none", commandState{Logging: ptr("none")}, false, false, true},
		{"addPreviousOutputInEnv false", commandState{AddPreviousOutputInEnv: ptr(false)}, true, true, false},
		{"addPreviousOutputInEnv true", commandState{AddPreviousOutputInEnv: ptr(true)}, true, true, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := [3]bool{tt.s.logsStdout(), tt.s.logsStderr(), tt.s.addsPreviousOutput()}; got != [3]bool{tt.wantStdout, tt.wantStderr, tt.add} {
				t.Errorf("logsStdout, logsStderr, addsPreviousOutput = %v, want %v", got, [3]bool{tt.wantStdout, tt.wantStderr, tt.add})
			}
		})
	}
}

func TestUnmarshalKeepsSecretsOnlyWhenAsked(t *testing.T) {
	secret := resource.PropertyMap{"stdin": resource.MakeSecret(resource.NewStringProperty("pw"))}
	s, err := marshal(secret)
	if err != nil {
		t.Fatal(err)
	}
	kept, err := unmarshal(s, true)
	if err != nil || !kept["stdin"].IsSecret() {
		t.Errorf("keepSecrets=true lost the secret: %v %v", kept, err)
	}
	plain, err := unmarshal(s, false)
	if err != nil || plain["stdin"].IsSecret() || plain["stdin"].StringValue() != "pw" {
		t.Errorf("keepSecrets=false should unwrap the secret: %v %v", plain, err)
	}
	empty, err := unmarshal((*structpb.Struct)(nil), true)
	if err != nil || empty == nil || len(empty) != 0 {
		t.Errorf("a nil struct should be an empty map, got %v %v", empty, err)
	}
}

func TestIsInternalKey(t *testing.T) {
	for k, want := range map[resource.PropertyKey]bool{"__defaults": true, "__meta": true, "_x": false, "create": false, "": false, "_": false} {
		if got := isInternalKey(k); got != want {
			t.Errorf("isInternalKey(%q) = %v, want %v", k, got, want)
		}
	}
}

func sameSet(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	count := map[string]int{}
	for _, s := range a {
		count[s]++
	}
	for _, s := range b {
		count[s]--
	}
	for _, n := range count {
		if n != 0 {
			return false
		}
	}
	return true
}
