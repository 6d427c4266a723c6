package main

import (
	"context"
	"fmt"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/types/known/emptypb"
	"lukechampine.com/frand"
)

// pluginVersion is the version of @pulumi/command whose resources this provider serves.
const pluginVersion = "1.2.1"

// commandProvider serves command:remote:Command over Pulumi's resource provider protocol.
type commandProvider struct {
	pulumirpc.UnimplementedResourceProviderServer
	host   pulumirpc.EngineClient
	cancel context.Context
	stop   context.CancelFunc
}

func newCommandProvider(host pulumirpc.EngineClient) *commandProvider {
	ctx, stop := context.WithCancel(context.Background())
	return &commandProvider{host: host, cancel: ctx, stop: stop}
}

// engineLog sends a command's lines to the engine, attached to its resource.
type engineLog struct {
	host pulumirpc.EngineClient
	urn  resource.URN
}

func (l engineLog) status(msg string) {
	if l.host != nil {
		_, _ = l.host.Log(context.Background(), &pulumirpc.LogRequest{Severity: pulumirpc.LogSeverity_INFO, Message: msg, Urn: string(l.urn), Ephemeral: true})
	}
}

func (l engineLog) warning(msg string) {
	if l.host != nil {
		_, _ = l.host.Log(context.Background(), &pulumirpc.LogRequest{Severity: pulumirpc.LogSeverity_WARNING, Message: msg, Urn: string(l.urn)})
	}
}

func checkType(t string) error {
	if t != remoteCommandType {
		return status.Errorf(codes.Unimplemented, "resource type %q is not served by this build of the command provider (it serves %s only)", t, remoteCommandType)
	}
	return nil
}

func typeOf(urn string) string {
	return string(resource.URN(urn).Type())
}

func (p *commandProvider) GetPluginInfo(context.Context, *emptypb.Empty) (*pulumirpc.PluginInfo, error) {
	return &pulumirpc.PluginInfo{Version: pluginVersion}, nil
}

func (p *commandProvider) GetSchema(context.Context, *pulumirpc.GetSchemaRequest) (*pulumirpc.GetSchemaResponse, error) {
	return &pulumirpc.GetSchemaResponse{Schema: `{"name":"command","version":"` + pluginVersion + `"}`}, nil
}

func (p *commandProvider) CheckConfig(_ context.Context, req *pulumirpc.CheckRequest) (*pulumirpc.CheckResponse, error) {
	return &pulumirpc.CheckResponse{Inputs: req.GetNews()}, nil
}

func (p *commandProvider) DiffConfig(context.Context, *pulumirpc.DiffRequest) (*pulumirpc.DiffResponse, error) {
	return &pulumirpc.DiffResponse{Changes: pulumirpc.DiffResponse_DIFF_NONE}, nil
}

func (p *commandProvider) Configure(context.Context, *pulumirpc.ConfigureRequest) (*pulumirpc.ConfigureResponse, error) {
	return &pulumirpc.ConfigureResponse{AcceptSecrets: true, SupportsPreview: true}, nil
}

func (p *commandProvider) Check(_ context.Context, req *pulumirpc.CheckRequest) (*pulumirpc.CheckResponse, error) {
	if err := checkType(typeOf(req.GetUrn())); err != nil {
		return nil, err
	}
	news, err := unmarshal(req.GetNews(), true)
	if err != nil {
		return nil, err
	}
	checked, failures := checkInputs(news)
	inputs, err := marshal(checked)
	if err != nil {
		return nil, err
	}
	resp := &pulumirpc.CheckResponse{Inputs: inputs}
	for _, f := range failures {
		resp.Failures = append(resp.Failures, &pulumirpc.CheckFailure{Property: f.property, Reason: f.reason})
	}
	return resp, nil
}

func (p *commandProvider) Diff(_ context.Context, req *pulumirpc.DiffRequest) (*pulumirpc.DiffResponse, error) {
	if err := checkType(typeOf(req.GetUrn())); err != nil {
		return nil, err
	}
	state, err := unmarshal(req.GetOlds(), false)
	if err != nil {
		return nil, err
	}
	oldInputs := inputsOf(state)
	if req.GetOldInputs() != nil {
		if oldInputs, err = unmarshal(req.GetOldInputs(), false); err != nil {
			return nil, err
		}
	}
	news, err := unmarshal(req.GetNews(), false)
	if err != nil {
		return nil, err
	}
	return diffCommand(oldInputs, state, news, req.GetIgnoreChanges()), nil
}

// outputsOf is the state the engine records: the inputs as given (their secretness kept, the connection
// always secret) and the outputs of the run, unknown during a preview.
func outputsOf(inputs resource.PropertyMap, stdout, stderr string, preview bool) resource.PropertyMap {
	out := inputs.Copy()
	if conn, ok := out["connection"]; ok && !conn.IsSecret() {
		out["connection"] = resource.MakeSecret(conn)
	}
	if preview {
		out["stdout"] = resource.MakeComputed(resource.NewStringProperty(""))
		out["stderr"] = resource.MakeComputed(resource.NewStringProperty(""))
	} else {
		out["stdout"] = resource.NewStringProperty(stdout)
		out["stderr"] = resource.NewStringProperty(stderr)
	}
	return out
}

func (p *commandProvider) Create(ctx context.Context, req *pulumirpc.CreateRequest) (*pulumirpc.CreateResponse, error) {
	if err := checkType(typeOf(req.GetUrn())); err != nil {
		return nil, err
	}
	inputs, err := unmarshal(req.GetProperties(), true)
	if err != nil {
		return nil, err
	}
	id := fmt.Sprintf("%s%x", resource.URN(req.GetUrn()).Name(), frand.Bytes(4))
	if req.GetPreview() {
		props, err := marshal(outputsOf(inputs, "", "", true))
		return &pulumirpc.CreateResponse{Id: id, Properties: props}, err
	}
	plain, err := unmarshal(req.GetProperties(), false)
	if err != nil {
		return nil, err
	}
	s, err := decodeState(plain)
	if err != nil {
		return nil, err
	}
	var stdout, stderr string
	if s.Create != nil {
		stdout, stderr, err = p.run(ctx, req.GetUrn(), s, *s.Create)
		if err != nil {
			return nil, err
		}
	}
	props, err := marshal(outputsOf(inputs, stdout, stderr, false))
	return &pulumirpc.CreateResponse{Id: id, Properties: props}, err
}

func (p *commandProvider) Update(ctx context.Context, req *pulumirpc.UpdateRequest) (*pulumirpc.UpdateResponse, error) {
	if err := checkType(typeOf(req.GetUrn())); err != nil {
		return nil, err
	}
	inputs, err := unmarshal(req.GetNews(), true)
	if err != nil {
		return nil, err
	}
	oldState, err := unmarshal(req.GetOlds(), false)
	if err != nil {
		return nil, err
	}
	old, err := decodeState(oldState)
	if err != nil {
		return nil, err
	}
	if req.GetPreview() {
		props, err := marshal(outputsOf(inputs, "", "", true))
		return &pulumirpc.UpdateResponse{Properties: props}, err
	}
	plain, err := unmarshal(req.GetNews(), false)
	if err != nil {
		return nil, err
	}
	s, err := decodeState(plain)
	if err != nil {
		return nil, err
	}
	s.Stdout, s.Stderr = old.Stdout, old.Stderr
	cmd := s.Create
	if s.Update != nil {
		cmd = s.Update
	}
	if cmd != nil {
		if s.Stdout, s.Stderr, err = p.run(ctx, req.GetUrn(), s, *cmd); err != nil {
			return nil, err
		}
	}
	props, err := marshal(outputsOf(inputs, s.Stdout, s.Stderr, false))
	return &pulumirpc.UpdateResponse{Properties: props}, err
}

func (p *commandProvider) Delete(ctx context.Context, req *pulumirpc.DeleteRequest) (*emptypb.Empty, error) {
	if err := checkType(typeOf(req.GetUrn())); err != nil {
		return nil, err
	}
	state, err := unmarshal(req.GetProperties(), false)
	if err != nil {
		return nil, err
	}
	s, err := decodeState(state)
	if err != nil {
		return nil, err
	}
	if s.Delete != nil {
		if _, _, err := p.run(ctx, req.GetUrn(), s, *s.Delete); err != nil {
			return nil, err
		}
	}
	return &emptypb.Empty{}, nil
}

// Read (refresh, import) returns the recorded state unchanged: a command's effect cannot be read back.
func (p *commandProvider) Read(_ context.Context, req *pulumirpc.ReadRequest) (*pulumirpc.ReadResponse, error) {
	if err := checkType(typeOf(req.GetUrn())); err != nil {
		return nil, err
	}
	return &pulumirpc.ReadResponse{Id: req.GetId(), Properties: req.GetProperties(), Inputs: req.GetInputs()}, nil
}

func (p *commandProvider) Cancel(context.Context, *emptypb.Empty) (*emptypb.Empty, error) {
	p.stop()
	return &emptypb.Empty{}, nil
}

func (p *commandProvider) run(ctx context.Context, urn string, s commandState, cmd string) (string, string, error) {
	if s.Connection == nil {
		return "", "", fmt.Errorf("connection must be set")
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	stop := context.AfterFunc(p.cancel, cancel)
	defer stop()
	return runCommand(ctx, engineLog{host: p.host, urn: resource.URN(urn)}, s, cmd)
}
