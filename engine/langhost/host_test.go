package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/protobuf/types/known/emptypb"
	"google.golang.org/protobuf/types/known/structpb"
)

func TestRunArgsBuildsTheCommandLineOfPulumisCmdRun(t *testing.T) {
	full := &pulumirpc.RunRequest{
		MonitorAddress: "127.0.0.1:1001",
		Organization:   "org",
		Project:        "proj",
		Stack:          "dev",
		DryRun:         true,
		Parallel:       8,
		Args:           []string{"extra1", "extra2"},
		Info:           &pulumirpc.ProgramInfo{RootDirectory: "/repo", ProgramDirectory: "/repo/prog", EntryPoint: "."},
	}
	notDry := &pulumirpc.RunRequest{Project: "proj", Stack: "dev", Parallel: 4, Info: &pulumirpc.ProgramInfo{ProgramDirectory: "/p", EntryPoint: "index.ts"}}
	tests := []struct {
		name   string
		req    *pulumirpc.RunRequest
		engine string
		want   []string
	}{
		{"every value is passed in cmd/run's order, the entry point and then the program's args last", full, "127.0.0.1:1002", []string{
			"/run.js", "--monitor", "127.0.0.1:1001", "--engine", "127.0.0.1:1002", "--organization", "org", "--project", "proj",
			"--root-directory", "/repo", "--stack", "dev", "--pwd", "/repo/prog", "--dry-run", "--parallel", "8", ".", "extra1", "extra2",
		}},
		{"--dry-run is left out when not a preview, and empty values are omitted", notDry, "", []string{
			"/run.js", "--project", "proj", "--stack", "dev", "--pwd", "/p", "--parallel", "4", "index.ts",
		}},
		{"an empty request still passes --parallel (0) and the (empty) entry point", &pulumirpc.RunRequest{}, "", []string{
			"/run.js", "--parallel", "0", "",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := runArgs(tt.req, "/run.js", tt.engine); !slices.Equal(got, tt.want) {
				t.Errorf("runArgs =\n %q\nwant\n %q", got, tt.want)
			}
		})
	}
}

// envMap splits KEY=value entries; a key given twice fails the test.
func envMap(t *testing.T, env []string) map[string]string {
	t.Helper()
	m := map[string]string{}
	for _, e := range env {
		k, v, ok := strings.Cut(e, "=")
		if !ok {
			t.Fatalf("malformed environment entry %q", e)
		}
		if _, dup := m[k]; dup {
			t.Fatalf("%s given twice", k)
		}
		m[k] = v
	}
	return m
}

func TestConfigEnvUsesTheNamespaceConfigNameKeysPulumiNodeReads(t *testing.T) {
	tests := []struct {
		name       string
		req        *pulumirpc.RunRequest
		wantConfig map[string]string
		wantSecret []string
	}{
		{"namespace:name keys become namespace:config:name",
			&pulumirpc.RunRequest{Config: map[string]string{"proj:a": "1", "command:b": `{"x":2}`}},
			map[string]string{"proj:config:a": "1", "command:config:b": `{"x":2}`}, []string{}},
		{"keys already in the legacy form are kept as they are",
			&pulumirpc.RunRequest{Config: map[string]string{"proj:config:a": "1"}},
			map[string]string{"proj:config:a": "1"}, []string{}},
		{"no config is an empty object and no secret keys an empty array (never null)",
			&pulumirpc.RunRequest{}, map[string]string{}, []string{}},
		{"secret keys are passed through",
			&pulumirpc.RunRequest{Config: map[string]string{"proj:pw": "x"}, ConfigSecretKeys: []string{"proj:pw"}},
			map[string]string{"proj:config:pw": "x"}, []string{"proj:pw"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env, err := configEnv(tt.req)
			if err != nil {
				t.Fatalf("configEnv: %v", err)
			}
			m := envMap(t, env)
			if len(m) != 2 {
				t.Fatalf("env = %q, want PULUMI_CONFIG and PULUMI_CONFIG_SECRET_KEYS only", env)
			}
			var cfg map[string]string
			if err := json.Unmarshal([]byte(m["PULUMI_CONFIG"]), &cfg); err != nil || cfg == nil {
				t.Fatalf("PULUMI_CONFIG %q is not a JSON object: %v", m["PULUMI_CONFIG"], err)
			}
			if len(cfg) != len(tt.wantConfig) {
				t.Errorf("PULUMI_CONFIG = %v, want %v", cfg, tt.wantConfig)
			}
			for k, v := range tt.wantConfig {
				if cfg[k] != v {
					t.Errorf("PULUMI_CONFIG[%q] = %q, want %q", k, cfg[k], v)
				}
			}
			if want, _ := json.Marshal(tt.wantSecret); m["PULUMI_CONFIG_SECRET_KEYS"] != string(want) {
				t.Errorf("PULUMI_CONFIG_SECRET_KEYS = %s, want %s", m["PULUMI_CONFIG_SECRET_KEYS"], want)
			}
		})
	}
}

func TestConfigEnvRefusesAKeyWithoutNamespace(t *testing.T) {
	if _, err := configEnv(&pulumirpc.RunRequest{Config: map[string]string{"nonamespace": "1"}}); err == nil {
		t.Fatal("expected a key without namespace to be refused")
	}
}

func programInfo(t *testing.T, opts map[string]any) *pulumirpc.ProgramInfo {
	t.Helper()
	info := &pulumirpc.ProgramInfo{}
	if opts != nil {
		s, err := structpb.NewStruct(opts)
		if err != nil {
			t.Fatal(err)
		}
		info.Options = s
	}
	return info
}

func TestParseOptionsReadsPulumiYamlRuntimeOptions(t *testing.T) {
	tests := []struct {
		name    string
		opts    map[string]any
		want    nodeOptions
		wantEnv []string
	}{
		{"no options: typescript defaults to true (as the nodejs runtime does)", nil,
			nodeOptions{typescript: true}, []string{"PULUMI_NODEJS_TYPESCRIPT=true"}},
		{"empty options: typescript still defaults to true", map[string]any{},
			nodeOptions{typescript: true}, []string{"PULUMI_NODEJS_TYPESCRIPT=true"}},
		{"typescript: false turns ts-node off", map[string]any{"typescript": false},
			nodeOptions{typescript: false}, nil},
		{"a mistyped typescript option is ignored, keeping the default", map[string]any{"typescript": "false"},
			nodeOptions{typescript: true}, []string{"PULUMI_NODEJS_TYPESCRIPT=true"}},
		{"nodeargs are split on whitespace", map[string]any{"nodeargs": "  --require ./x.js   --max-old-space-size=4096 "},
			nodeOptions{typescript: true, nodeargs: []string{"--require", "./x.js", "--max-old-space-size=4096"}}, []string{"PULUMI_NODEJS_TYPESCRIPT=true"}},
		{"tsconfig is passed as PULUMI_NODEJS_TSCONFIG_PATH", map[string]any{"tsconfig": "tsconfig.prod.json", "typescript": true},
			nodeOptions{typescript: true, tsconfig: "tsconfig.prod.json"},
			[]string{"PULUMI_NODEJS_TYPESCRIPT=true", "PULUMI_NODEJS_TSCONFIG_PATH=tsconfig.prod.json"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := parseOptions(programInfo(t, tt.opts))
			if got.typescript != tt.want.typescript || got.tsconfig != tt.want.tsconfig || !slices.Equal(got.nodeargs, tt.want.nodeargs) {
				t.Errorf("parseOptions = %+v, want %+v", got, tt.want)
			}
			if env := got.env(); !slices.Equal(env, tt.wantEnv) {
				t.Errorf("env = %q, want %q", env, tt.wantEnv)
			}
		})
	}
	t.Run("a nil program info gives the defaults", func(t *testing.T) {
		if got := parseOptions(nil); !got.typescript || got.tsconfig != "" || got.nodeargs != nil {
			t.Errorf("parseOptions(nil) = %+v", got)
		}
	})
}

func TestPolicyPackEnvMapsTheStackForPulumisPolicyRuntime(t *testing.T) {
	tests := []struct {
		name  string
		stack *pulumirpc.AnalyzerStackConfigureRequest
		want  map[string]string
	}{
		{"every field is mapped", &pulumirpc.AnalyzerStackConfigureRequest{
			Organization: "org", Project: "proj", Stack: "dev", DryRun: true, Config: map[string]string{"proj:a": "1"},
		}, map[string]string{
			"PULUMI_NODEJS_ORGANIZATION": "org", "PULUMI_NODEJS_PROJECT": "proj", "PULUMI_NODEJS_STACK": "dev",
			"PULUMI_NODEJS_DRY_RUN": "true", "PULUMI_CONFIG": `{"proj:a":"1"}`,
		}},
		{"dryRun false is passed explicitly; empty values and absent config are omitted", &pulumirpc.AnalyzerStackConfigureRequest{
			Project: "proj", Stack: "dev",
		}, map[string]string{"PULUMI_NODEJS_PROJECT": "proj", "PULUMI_NODEJS_STACK": "dev", "PULUMI_NODEJS_DRY_RUN": "false"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := envMap(t, policyPackEnv(tt.stack))
			if len(got) != len(tt.want) {
				t.Errorf("env = %v, want %v", got, tt.want)
			}
			for k, v := range tt.want {
				if got[k] != v {
					t.Errorf("%s = %q, want %q", k, got[k], v)
				}
			}
		})
	}
	t.Run("no stack configuration gives no environment", func(t *testing.T) {
		if env := policyPackEnv(nil); env != nil {
			t.Errorf("policyPackEnv(nil) = %q", env)
		}
	})
}

// writeFile writes content to dir/rel, creating the directories on the way.
func writeFile(t *testing.T, dir, rel, content string) {
	t.Helper()
	path := filepath.Join(dir, rel)
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestFindPackageJSONFindsTheNearestOneUpwards(t *testing.T) {
	root := t.TempDir()
	writeFile(t, root, "package.json", `{"name":"root-pkg"}`)
	writeFile(t, root, "nested/package.json", `{"name":"nested-pkg"}`)
	if err := os.MkdirAll(filepath.Join(root, "src", "deep"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(root, "nested", "src"), 0o755); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name     string
		from     string
		wantName string
		wantDir  string
	}{
		{"the directory's own package.json", root, "root-pkg", root},
		{"a package.json two levels up", filepath.Join(root, "src", "deep"), "root-pkg", root},
		{"the nearest one wins over one further up", filepath.Join(root, "nested", "src"), "nested-pkg", filepath.Join(root, "nested")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, dir, err := findPackageJSON(tt.from)
			if err != nil {
				t.Fatalf("findPackageJSON: %v", err)
			}
			if p.Name != tt.wantName || dir != tt.wantDir {
				t.Errorf("found %q in %q, want %q in %q", p.Name, dir, tt.wantName, tt.wantDir)
			}
		})
	}
}

func TestFindPackageJSONReportsAnInvalidFileInsteadOfLookingFurther(t *testing.T) {
	root := t.TempDir()
	writeFile(t, root, "package.json", `{"name":"root-pkg"}`)
	writeFile(t, root, "prog/package.json", `{not json`)
	_, _, err := findPackageJSON(filepath.Join(root, "prog"))
	if err == nil || !strings.Contains(err.Error(), filepath.Join(root, "prog", "package.json")) {
		t.Fatalf("err = %v, want a parse error naming the broken file", err)
	}
}

func TestFindPackageJSONFailsWhenThereIsNone(t *testing.T) {
	dir := t.TempDir()
	for d := dir; ; d = filepath.Dir(d) {
		if _, err := os.Stat(filepath.Join(d, "package.json")); err == nil {
			t.Skipf("%s has a package.json above the temp dir", d)
		}
		if filepath.Dir(d) == d {
			break
		}
	}
	_, _, err := findPackageJSON(dir)
	if err == nil || !strings.Contains(err.Error(), "no package.json") {
		t.Fatalf("err = %v, want a no package.json error", err)
	}
}

// projectTree lays out a program like this repository's: a package.json with dependencies and node_modules.
func projectTree(t *testing.T) string {
	t.Helper()
	root := t.TempDir()
	writeFile(t, root, "package.json", `{
		"name": "ha-hardened-host",
		"dependencies": {"@pulumi/command": "1.2.1", "@pulumi/pulumi": "3.200.0", "left-pad": "1.3.0", "not-installed": "1.0.0", "off": "1.0.0"},
		"devDependencies": {"@pulumi/random": "4.16.0", "custom": "0.1.0"}
	}`)
	writeFile(t, root, "node_modules/@pulumi/command/package.json",
		`{"name":"@pulumi/command","version":"1.2.1","pulumi":{"resource":true,"name":"command","version":"1.2.1"}}`)
	writeFile(t, root, "node_modules/@pulumi/pulumi/package.json", `{"name":"@pulumi/pulumi","version":"3.200.0"}`)
	writeFile(t, root, "node_modules/left-pad/package.json", `{"name":"left-pad","version":"1.3.0"}`)
	writeFile(t, root, "node_modules/off/package.json", `{"name":"off","version":"1.0.0","pulumi":{"resource":false,"name":"off"}}`)
	writeFile(t, root, "node_modules/@pulumi/random/package.json", `{"name":"@pulumi/random","version":"v4.16.0","pulumi":{"resource":true}}`)
	writeFile(t, root, "node_modules/custom/package.json",
		`{"name":"@acme/pulumi-custom-provider","version":"9.9.9","pulumi":{"resource":true,"name":"custom","version":"0.1.0","server":"https://example.invalid/plugins"}}`)
	if err := os.MkdirAll(filepath.Join(root, "src"), 0o755); err != nil {
		t.Fatal(err)
	}
	return root
}

func TestRequiredPackagesListsResourcePluginsOfDirectDependencies(t *testing.T) {
	root := projectTree(t)
	want := []*pulumirpc.PackageDependency{
		{Kind: "resource", Name: "command", Version: "v1.2.1"},
		{Kind: "resource", Name: "random", Version: "v4.16.0"},
		{Kind: "resource", Name: "custom", Version: "v0.1.0", Server: "https://example.invalid/plugins"},
	}
	for _, from := range []string{root, filepath.Join(root, "src")} {
		t.Run("from "+strings.TrimPrefix(from, root+string(filepath.Separator)), func(t *testing.T) {
			got, err := requiredPackages(from)
			if err != nil {
				t.Fatalf("requiredPackages: %v", err)
			}
			if len(got) != len(want) {
				t.Fatalf("got %v, want %v (dependencies without a resource pulumi field are skipped)", got, want)
			}
			// Sorted by dependency name: @pulumi/command, @pulumi/random, custom.
			for i := range want {
				g, w := got[i], want[i]
				if g.GetKind() != w.GetKind() || g.GetName() != w.GetName() || g.GetVersion() != w.GetVersion() || g.GetServer() != w.GetServer() {
					t.Errorf("package %d = %v, want %v", i, g, w)
				}
			}
		})
	}
}

func TestRequiredPackagesNeedsAPackageJSON(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "package.json", `[`)
	if _, err := requiredPackages(dir); err == nil {
		t.Fatal("expected an error for an unreadable package.json")
	}
}

func TestRequiredPluginsAndPackagesAgree(t *testing.T) {
	root := projectTree(t)
	h := newNodeHost("")
	info := &pulumirpc.ProgramInfo{ProgramDirectory: root}
	pkgs, err := h.GetRequiredPackages(t.Context(), &pulumirpc.GetRequiredPackagesRequest{Info: info})
	if err != nil {
		t.Fatalf("GetRequiredPackages: %v", err)
	}
	plugins, err := h.GetRequiredPlugins(t.Context(), &pulumirpc.GetRequiredPluginsRequest{Info: info})
	if err != nil {
		t.Fatalf("GetRequiredPlugins: %v", err)
	}
	if len(pkgs.GetPackages()) != 3 || len(plugins.GetPlugins()) != len(pkgs.GetPackages()) {
		t.Fatalf("packages %v, plugins %v", pkgs.GetPackages(), plugins.GetPlugins())
	}
	for i, p := range pkgs.GetPackages() {
		pl := plugins.GetPlugins()[i]
		if pl.GetKind() != p.GetKind() || pl.GetName() != p.GetName() || pl.GetVersion() != p.GetVersion() || pl.GetServer() != p.GetServer() {
			t.Errorf("plugin %v differs from package %v", pl, p)
		}
	}
	if _, err := h.GetRequiredPackages(t.Context(), &pulumirpc.GetRequiredPackagesRequest{Info: &pulumirpc.ProgramInfo{ProgramDirectory: filepath.Join(root, "missing")}}); err != nil {
		t.Errorf("a program directory below the project must still resolve: %v", err)
	}
}

func TestGetProgramDependenciesListsInstalledDependenciesWithVersions(t *testing.T) {
	root := projectTree(t)
	resp, err := newNodeHost("").GetProgramDependencies(t.Context(), &pulumirpc.GetProgramDependenciesRequest{Info: &pulumirpc.ProgramInfo{ProgramDirectory: root}})
	if err != nil {
		t.Fatalf("GetProgramDependencies: %v", err)
	}
	var got []string
	for _, d := range resp.GetDependencies() {
		got = append(got, d.GetName()+"@"+d.GetVersion())
	}
	// dependencies only (not devDependencies), installed only, sorted by name.
	want := []string{"@pulumi/command@1.2.1", "@pulumi/pulumi@3.200.0", "left-pad@1.3.0", "off@1.0.0"}
	if !slices.Equal(got, want) {
		t.Errorf("dependencies = %q, want %q", got, want)
	}
}

func TestInstallDependenciesRefusesAndPointsToNpmCi(t *testing.T) {
	err := newNodeHost("").InstallDependencies(&pulumirpc.InstallDependenciesRequest{Info: &pulumirpc.ProgramInfo{ProgramDirectory: "/prog"}}, nil)
	if err == nil || !strings.Contains(err.Error(), "npm ci in /prog") {
		t.Fatalf("err = %v, want advice to run npm ci in the program directory", err)
	}
}

func TestHandshakeRecordsTheEngineAddressAndPluginInfoReportsTheVersion(t *testing.T) {
	h := newNodeHost("127.0.0.1:1")
	if _, err := h.Handshake(t.Context(), &pulumirpc.LanguageHandshakeRequest{EngineAddress: "127.0.0.1:2"}); err != nil {
		t.Fatal(err)
	}
	if h.engineAddress != "127.0.0.1:2" {
		t.Errorf("engine address = %q after handshake", h.engineAddress)
	}
	info, err := h.GetPluginInfo(t.Context(), &emptypb.Empty{})
	if err != nil || info.GetVersion() != version {
		t.Errorf("GetPluginInfo = %v, %v; want %q", info, err, version)
	}
}

// fakeNode puts a `node` on PATH that answers require.resolve (-e) with /fake/run.js, records its arguments
// and environment in dir, and exits with $FAKE_NODE_EXIT.
func fakeNode(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	script := `#!/bin/sh
if [ "$1" = "-e" ]; then
  if [ -n "$FAKE_NODE_RESOLVE_ERROR" ]; then echo "$FAKE_NODE_RESOLVE_ERROR" >&2; exit 1; fi
  echo /fake/run.js; exit 0
fi
printf '%s\n' "$@" > "` + dir + `/args"
env > "` + dir + `/env"
exit "${FAKE_NODE_EXIT:-0}"
`
	if err := os.WriteFile(filepath.Join(dir, "node"), []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", dir+string(os.PathListSeparator)+"/usr/bin"+string(os.PathListSeparator)+"/bin")
	t.Setenv("FAKE_NODE_EXIT", "")
	t.Setenv("FAKE_NODE_RESOLVE_ERROR", "")
	return dir
}

func readLines(t *testing.T, path string) []string {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return strings.Split(strings.TrimSuffix(string(raw), "\n"), "\n")
}

func TestRunStartsNodeWithNodeargsRunArgsAndConfig(t *testing.T) {
	dir := fakeNode(t)
	prog := t.TempDir()
	h := newNodeHost("127.0.0.1:2")
	req := &pulumirpc.RunRequest{
		MonitorAddress: "127.0.0.1:1", Project: "proj", Stack: "dev", Parallel: 2,
		Config: map[string]string{"proj:a": "1"}, ConfigSecretKeys: []string{"proj:a"},
		Info: &pulumirpc.ProgramInfo{ProgramDirectory: prog, EntryPoint: ".", Options: programInfo(t, map[string]any{"nodeargs": "--trace-warnings"}).Options},
	}
	resp, err := h.Run(t.Context(), req)
	if err != nil || resp.GetError() != "" || resp.GetBail() {
		t.Fatalf("Run = %v, %v", resp, err)
	}
	wantArgs := append([]string{"--trace-warnings"}, runArgs(req, "/fake/run.js", "127.0.0.1:2")...)
	if got := readLines(t, filepath.Join(dir, "args")); !slices.Equal(got, wantArgs) {
		t.Errorf("node args = %q, want %q", got, wantArgs)
	}
	env := readLines(t, filepath.Join(dir, "env"))
	for _, want := range []string{`PULUMI_CONFIG={"proj:config:a":"1"}`, `PULUMI_CONFIG_SECRET_KEYS=["proj:a"]`, "PULUMI_NODEJS_TYPESCRIPT=true"} {
		if !slices.Contains(env, want) {
			t.Errorf("node's environment lacks %s", want)
		}
	}
}

func TestRunReportsHowTheProgramEnded(t *testing.T) {
	tests := []struct {
		name         string
		exit         string
		resolveError string
		wantBail     bool
		wantError    string
	}{
		{"exit 0 is success", "0", "", false, ""},
		{"exit 32 is a bail: the program already told the user", "32", "", true, ""},
		{"another exit code is an error naming it", "3", "", false, "Program exited with non-zero exit code: 3"},
		{"an unresolvable @pulumi/pulumi is reported with node's message", "0", "It looks like the Pulumi SDK has not been installed.", false,
			"It looks like the Pulumi SDK has not been installed."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fakeNode(t)
			t.Setenv("FAKE_NODE_EXIT", tt.exit)
			t.Setenv("FAKE_NODE_RESOLVE_ERROR", tt.resolveError)
			resp, err := newNodeHost("").Run(t.Context(), &pulumirpc.RunRequest{Info: &pulumirpc.ProgramInfo{ProgramDirectory: t.TempDir(), EntryPoint: "."}})
			if err != nil {
				t.Fatalf("Run returned a gRPC error: %v", err)
			}
			if resp.GetBail() != tt.wantBail || resp.GetError() != tt.wantError {
				t.Errorf("Run = bail %v error %q, want bail %v error %q", resp.GetBail(), resp.GetError(), tt.wantBail, tt.wantError)
			}
		})
	}
}

func TestRunWithoutNodeOnPathIsAnError(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	resp, err := newNodeHost("").Run(t.Context(), &pulumirpc.RunRequest{Info: &pulumirpc.ProgramInfo{ProgramDirectory: t.TempDir()}})
	if err != nil || !strings.Contains(resp.GetError(), "could not find node") {
		t.Fatalf("Run = %v, %v; want a could not find node error", resp, err)
	}
}
