package main

import (
	"encoding/json"
	"fmt"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource/plugin"
	"google.golang.org/protobuf/types/known/structpb"
)

// remoteCommandType is the one resource this provider serves.
const remoteCommandType = "command:remote:Command"

// commandInputKeys are the input properties of command:remote:Command 1.2.1; its state adds stdout and stderr.
var commandInputKeys = []resource.PropertyKey{
	"connection", "create", "update", "delete", "stdin", "environment", "triggers", "logging", "addPreviousOutputInEnv",
}

// connectionDefaults are the defaults the provider's schema sets on a connection (and on its proxy).
var connectionDefaults = map[resource.PropertyKey]resource.PropertyValue{
	"user":           resource.NewStringProperty("root"),
	"port":           resource.NewNumberProperty(22),
	"dialErrorLimit": resource.NewNumberProperty(10),
	"perDialTimeout": resource.NewNumberProperty(15),
}

var loggingValues = map[string]bool{"stdout": true, "stderr": true, "stdoutAndStderr": true, "none": true}

type connection struct {
	User               string      `json:"user"`
	Host               string      `json:"host"`
	Port               float64     `json:"port"`
	Password           *string     `json:"password,omitempty"`
	PrivateKey         *string     `json:"privateKey,omitempty"`
	PrivateKeyPassword *string     `json:"privateKeyPassword,omitempty"`
	AgentSocketPath    *string     `json:"agentSocketPath,omitempty"`
	DialErrorLimit     int         `json:"dialErrorLimit"`
	PerDialTimeout     int         `json:"perDialTimeout"`
	HostKey            *string     `json:"hostKey,omitempty"`
	Proxy              *connection `json:"proxy,omitempty"`
}

// commandState is the plain (secrets unwrapped) view of a command's inputs, plus the outputs of its last run.
type commandState struct {
	Connection             *connection       `json:"connection"`
	Create                 *string           `json:"create,omitempty"`
	Update                 *string           `json:"update,omitempty"`
	Delete                 *string           `json:"delete,omitempty"`
	Stdin                  *string           `json:"stdin,omitempty"`
	Environment            map[string]string `json:"environment,omitempty"`
	Triggers               []any             `json:"triggers,omitempty"`
	Logging                *string           `json:"logging,omitempty"`
	AddPreviousOutputInEnv *bool             `json:"addPreviousOutputInEnv,omitempty"`
	Stdout                 string            `json:"stdout,omitempty"`
	Stderr                 string            `json:"stderr,omitempty"`
}

func (s commandState) logsStdout() bool {
	return s.Logging == nil || *s.Logging == "stdout" || *s.Logging == "stdoutAndStderr"
}

func (s commandState) logsStderr() bool {
	return s.Logging == nil || *s.Logging == "stderr" || *s.Logging == "stdoutAndStderr"
}

func (s commandState) addsPreviousOutput() bool {
	return s.AddPreviousOutputInEnv == nil || *s.AddPreviousOutputInEnv
}

// unmarshal reads a property struct as the engine sent it, keeping unknowns and, when asked, secrets.
func unmarshal(s *structpb.Struct, keepSecrets bool) (resource.PropertyMap, error) {
	if s == nil {
		return resource.PropertyMap{}, nil
	}
	return plugin.UnmarshalProperties(s, plugin.MarshalOptions{KeepUnknowns: true, KeepSecrets: keepSecrets, SkipNulls: true})
}

func marshal(m resource.PropertyMap) (*structpb.Struct, error) {
	return plugin.MarshalProperties(m, plugin.MarshalOptions{KeepUnknowns: true, KeepSecrets: true, SkipNulls: true})
}

// decodeState turns a property map into the plain command view (secrets must already be unwrapped).
func decodeState(m resource.PropertyMap) (commandState, error) {
	var s commandState
	raw, err := json.Marshal(m.Mappable())
	if err != nil {
		return s, err
	}
	if err := json.Unmarshal(raw, &s); err != nil {
		return s, fmt.Errorf("invalid inputs: %w", err)
	}
	return s, nil
}

// withConnectionDefaults returns the connection value with the schema defaults filled in, marked secret.
func withConnectionDefaults(v resource.PropertyValue) resource.PropertyValue {
	inner := v
	if inner.IsSecret() {
		inner = inner.SecretValue().Element
	}
	if inner.IsObject() {
		obj := inner.ObjectValue().Copy()
		for k, d := range connectionDefaults {
			if cur, ok := obj[k]; !ok || cur.IsNull() {
				obj[k] = d
			}
		}
		if proxy, ok := obj["proxy"]; ok && !proxy.IsNull() {
			obj["proxy"] = withConnectionDefaults(proxy).SecretValue().Element
		}
		inner = resource.NewObjectProperty(obj)
	}
	return resource.MakeSecret(inner)
}

// checkInputs applies the schema's defaults and reports what the schema would refuse.
func checkInputs(news resource.PropertyMap) (resource.PropertyMap, []checkFailure) {
	out := news.Copy()
	var failures []checkFailure
	for k := range out {
		known := false
		for _, ik := range commandInputKeys {
			known = known || k == ik
		}
		if !known && k != "version" && !isInternalKey(k) {
			failures = append(failures, checkFailure{string(k), fmt.Sprintf("unknown property %q", k)})
		}
	}
	conn, ok := out["connection"]
	if !ok || conn.IsNull() {
		failures = append(failures, checkFailure{"connection", "missing required property 'connection'"})
	} else {
		out["connection"] = withConnectionDefaults(conn)
		inner := conn
		if inner.IsSecret() {
			inner = inner.SecretValue().Element
		}
		if inner.IsObject() {
			if h, ok := inner.ObjectValue()["host"]; !ok || h.IsNull() {
				failures = append(failures, checkFailure{"connection.host", "missing required property 'connection.host'"})
			}
		}
	}
	if l, ok := out["logging"]; ok && l.IsString() && !loggingValues[l.StringValue()] {
		failures = append(failures, checkFailure{"logging", fmt.Sprintf("logging must be one of stdout, stderr, stdoutAndStderr, none; got %q", l.StringValue())})
	}
	return out, failures
}

type checkFailure struct {
	property string
	reason   string
}

func isInternalKey(k resource.PropertyKey) bool {
	return len(k) >= 2 && k[:2] == "__"
}
