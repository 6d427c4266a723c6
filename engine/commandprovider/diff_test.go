package main

import (
	"slices"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource/plugin"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

// baseInputs are the inputs of a command as Check leaves them (secrets already unwrapped, as Diff sees them).
func baseInputs() resource.PropertyMap {
	return resource.NewPropertyMapFromMap(map[string]any{
		"connection":  map[string]any{"host": "ha.lan", "user": "root", "port": 22, "dialErrorLimit": 10, "perDialTimeout": 15},
		"create":      "install",
		"delete":      "uninstall",
		"stdin":       "config",
		"environment": map[string]any{"FOO": "1", "BAR": "2"},
		"triggers":    []any{"t1", "t2"},
	})
}

func withChange(f func(m resource.PropertyMap)) resource.PropertyMap {
	m := baseInputs()
	f(m)
	return m
}

func stateOf(inputs resource.PropertyMap) resource.PropertyMap {
	s := inputs.Copy()
	s["stdout"] = resource.NewStringProperty("out")
	s["stderr"] = resource.NewStringProperty("")
	return s
}

func TestDiffCommand(t *testing.T) {
	type want struct {
		changes  pulumirpc.DiffResponse_DiffChanges
		replaces []string
		diffs    []string
		detailed map[string]pulumirpc.PropertyDiff_Kind
	}
	none := want{changes: pulumirpc.DiffResponse_DIFF_NONE, detailed: map[string]pulumirpc.PropertyDiff_Kind{}}
	tests := []struct {
		name          string
		news          resource.PropertyMap
		ignoreChanges []string
		want          want
	}{
		{"identical inputs are no change", baseInputs(), nil, none},
		{"a changed create updates in place (runs update/create again), no replace",
			withChange(func(m resource.PropertyMap) { m["create"] = resource.NewStringProperty("install --force") }), nil,
			want{pulumirpc.DiffResponse_DIFF_SOME, nil, []string{"create"}, map[string]pulumirpc.PropertyDiff_Kind{"create": pulumirpc.PropertyDiff_UPDATE}}},
		{"a changed stdin updates in place, no replace",
			withChange(func(m resource.PropertyMap) { m["stdin"] = resource.NewStringProperty("new config") }), nil,
			want{pulumirpc.DiffResponse_DIFF_SOME, nil, []string{"stdin"}, map[string]pulumirpc.PropertyDiff_Kind{"stdin": pulumirpc.PropertyDiff_UPDATE}}},
		{"an added update command is an add, not a replace",
			withChange(func(m resource.PropertyMap) { m["update"] = resource.NewStringProperty("reinstall") }), nil,
			want{pulumirpc.DiffResponse_DIFF_SOME, nil, []string{"update"}, map[string]pulumirpc.PropertyDiff_Kind{"update": pulumirpc.PropertyDiff_ADD}}},
		{"a removed delete command is a delete, not a replace",
			withChange(func(m resource.PropertyMap) { delete(m, "delete") }), nil,
			want{pulumirpc.DiffResponse_DIFF_SOME, nil, []string{"delete"}, map[string]pulumirpc.PropertyDiff_Kind{"delete": pulumirpc.PropertyDiff_DELETE}}},
		{"a nested environment change is reported at its path and listed under its top-level key",
			withChange(func(m resource.PropertyMap) {
				m["environment"] = resource.NewObjectProperty(resource.PropertyMap{"FOO": resource.NewStringProperty("9"), "BAR": resource.NewStringProperty("2")})
			}), nil,
			want{pulumirpc.DiffResponse_DIFF_SOME, nil, []string{"environment"}, map[string]pulumirpc.PropertyDiff_Kind{"environment.FOO": pulumirpc.PropertyDiff_UPDATE}}},
		{"a changed trigger replaces the command (replaceOnChanges: triggers)",
			withChange(func(m resource.PropertyMap) {
				m["triggers"] = resource.NewArrayProperty([]resource.PropertyValue{resource.NewStringProperty("t1"), resource.NewStringProperty("t3")})
			}), nil,
			want{pulumirpc.DiffResponse_DIFF_SOME, []string{"triggers"}, []string{"triggers"}, map[string]pulumirpc.PropertyDiff_Kind{"triggers[1]": pulumirpc.PropertyDiff_UPDATE_REPLACE}}},
		{"an added trigger replaces with ADD_REPLACE",
			withChange(func(m resource.PropertyMap) {
				m["triggers"] = resource.NewArrayProperty(append(m["triggers"].ArrayValue(), resource.NewStringProperty("t3")))
			}), nil,
			want{pulumirpc.DiffResponse_DIFF_SOME, []string{"triggers"}, []string{"triggers"}, map[string]pulumirpc.PropertyDiff_Kind{"triggers[2]": pulumirpc.PropertyDiff_ADD_REPLACE}}},
		{"removing triggers replaces with DELETE_REPLACE",
			withChange(func(m resource.PropertyMap) { delete(m, "triggers") }), nil,
			want{pulumirpc.DiffResponse_DIFF_SOME, []string{"triggers"}, []string{"triggers"}, map[string]pulumirpc.PropertyDiff_Kind{"triggers": pulumirpc.PropertyDiff_DELETE_REPLACE}}},
		{"a trigger change with another change replaces and reports both",
			withChange(func(m resource.PropertyMap) {
				m["create"] = resource.NewStringProperty("other")
				m["triggers"] = resource.NewArrayProperty([]resource.PropertyValue{resource.NewStringProperty("x"), resource.NewStringProperty("t2")})
			}), nil,
			want{pulumirpc.DiffResponse_DIFF_SOME, []string{"triggers"}, []string{"create", "triggers"}, map[string]pulumirpc.PropertyDiff_Kind{
				"create": pulumirpc.PropertyDiff_UPDATE, "triggers[0]": pulumirpc.PropertyDiff_UPDATE_REPLACE}}},
		{"an ignored create change takes the old state's value, so shows no change",
			withChange(func(m resource.PropertyMap) { m["create"] = resource.NewStringProperty("install --force") }), []string{"create"}, none},
		{"an ignored triggers change does not replace",
			withChange(func(m resource.PropertyMap) { m["triggers"] = resource.NewArrayProperty(nil) }), []string{"triggers"}, none},
		{"an ignored nested path only ignores that path",
			withChange(func(m resource.PropertyMap) {
				m["environment"] = resource.NewObjectProperty(resource.PropertyMap{"FOO": resource.NewStringProperty("9"), "BAR": resource.NewStringProperty("8")})
			}), []string{"environment.FOO"},
			want{pulumirpc.DiffResponse_DIFF_SOME, nil, []string{"environment"}, map[string]pulumirpc.PropertyDiff_Kind{"environment.BAR": pulumirpc.PropertyDiff_UPDATE}}},
		{"ignoring one property does not hide a change to another",
			withChange(func(m resource.PropertyMap) { m["stdin"] = resource.NewStringProperty("new") }), []string{"create"},
			want{pulumirpc.DiffResponse_DIFF_SOME, nil, []string{"stdin"}, map[string]pulumirpc.PropertyDiff_Kind{"stdin": pulumirpc.PropertyDiff_UPDATE}}},
		{"an unparsable ignoreChanges path is skipped",
			withChange(func(m resource.PropertyMap) { m["stdin"] = resource.NewStringProperty("new") }), []string{"stdin[\"unterminated"},
			want{pulumirpc.DiffResponse_DIFF_SOME, nil, []string{"stdin"}, map[string]pulumirpc.PropertyDiff_Kind{"stdin": pulumirpc.PropertyDiff_UPDATE}}},
		{"a new version key is not an input change",
			withChange(func(m resource.PropertyMap) { m["version"] = resource.NewStringProperty("1.2.1") }), nil, none},
		{"a new __-prefixed engine key is not an input change",
			withChange(func(m resource.PropertyMap) { m["__defaults"] = resource.NewArrayProperty(nil) }), nil, none},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			old := baseInputs()
			resp := diffCommand(old, stateOf(old), tt.news, tt.ignoreChanges)
			if resp.Changes != tt.want.changes {
				t.Errorf("changes = %v, want %v", resp.Changes, tt.want.changes)
			}
			if !resp.HasDetailedDiff {
				t.Error("HasDetailedDiff must be set so the engine trusts the detailed diff")
			}
			if !slices.Equal(resp.Replaces, tt.want.replaces) && !(len(resp.Replaces) == 0 && len(tt.want.replaces) == 0) {
				t.Errorf("replaces = %q, want %q", resp.Replaces, tt.want.replaces)
			}
			if !slices.Equal(resp.Diffs, tt.want.diffs) && !(len(resp.Diffs) == 0 && len(tt.want.diffs) == 0) {
				t.Errorf("diffs = %q, want %q", resp.Diffs, tt.want.diffs)
			}
			got := map[string]pulumirpc.PropertyDiff_Kind{}
			for k, v := range resp.DetailedDiff {
				got[k] = v.Kind
			}
			if !mapsEqual(got, tt.want.detailed) {
				t.Errorf("detailed diff = %v, want %v", got, tt.want.detailed)
			}
		})
	}
}

// The old inputs the engine hands back are what Check returned, engine keys included: keys ignored on the new
// side must be ignored on the old side too, or every diff reports them as deleted and reruns the command.
func TestDiffCommandIgnoresEngineKeysOnBothSides(t *testing.T) {
	tests := []struct {
		name string
		old  resource.PropertyMap
		news resource.PropertyMap
	}{
		{"version on both sides",
			withChange(func(m resource.PropertyMap) { m["version"] = resource.NewStringProperty("1.2.1") }),
			withChange(func(m resource.PropertyMap) { m["version"] = resource.NewStringProperty("1.2.1") })},
		{"a changed version",
			withChange(func(m resource.PropertyMap) { m["version"] = resource.NewStringProperty("1.2.0") }),
			withChange(func(m resource.PropertyMap) { m["version"] = resource.NewStringProperty("1.2.1") })},
		{"__defaults on both sides",
			withChange(func(m resource.PropertyMap) { m["__defaults"] = resource.NewArrayProperty(nil) }),
			withChange(func(m resource.PropertyMap) { m["__defaults"] = resource.NewArrayProperty(nil) })},
		{"an old __-prefixed key gone from the news",
			withChange(func(m resource.PropertyMap) { m["__meta"] = resource.NewStringProperty("x") }),
			baseInputs()},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp := diffCommand(tt.old, stateOf(tt.old), tt.news, nil)
			if resp.Changes != pulumirpc.DiffResponse_DIFF_NONE || len(resp.DetailedDiff) != 0 {
				t.Errorf("changes = %v, detailed = %v; want no change", resp.Changes, resp.DetailedDiff)
			}
		})
	}
}

func TestTopLevelKey(t *testing.T) {
	for path, want := range map[string]string{
		"create": "create", "environment.FOO": "environment", "triggers[0]": "triggers", "connection.proxy.host": "connection",
	} {
		if got := topLevelKey(path); got != want {
			t.Errorf("topLevelKey(%q) = %q, want %q", path, got, want)
		}
	}
}

func TestRPCDiffKindMapsEveryPluginKind(t *testing.T) {
	for k, want := range map[plugin.DiffKind]pulumirpc.PropertyDiff_Kind{
		plugin.DiffAdd:           pulumirpc.PropertyDiff_ADD,
		plugin.DiffAddReplace:    pulumirpc.PropertyDiff_ADD_REPLACE,
		plugin.DiffDelete:        pulumirpc.PropertyDiff_DELETE,
		plugin.DiffDeleteReplace: pulumirpc.PropertyDiff_DELETE_REPLACE,
		plugin.DiffUpdate:        pulumirpc.PropertyDiff_UPDATE,
		plugin.DiffUpdateReplace: pulumirpc.PropertyDiff_UPDATE_REPLACE,
	} {
		if got := rpcDiffKind(k); got != want {
			t.Errorf("rpcDiffKind(%v) = %v, want %v", k, got, want)
		}
	}
}

func TestInputsOfDropsOutputsAndEngineKeys(t *testing.T) {
	state := stateOf(baseInputs())
	state["version"] = resource.NewStringProperty("1.2.1")
	state["__defaults"] = resource.NewArrayProperty(nil)
	got := inputsOf(state)
	want := baseInputs()
	if !got.DeepEquals(want) {
		t.Errorf("inputsOf = %v, want %v", got, want)
	}
}

func mapsEqual[K comparable, V comparable](a, b map[K]V) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || w != v {
			return false
		}
	}
	return true
}

// A nested ignoreChanges path is applied to a copy: the caller's inputs (the engine's request) stay as sent.
func TestDiffCommandNestedIgnoreChangesLeavesTheCallersInputsAlone(t *testing.T) {
	env := func(v string) resource.PropertyMap {
		return resource.PropertyMap{
			"create":      resource.NewStringProperty("true"),
			"environment": resource.NewObjectProperty(resource.PropertyMap{"FOO": resource.NewStringProperty(v)}),
		}
	}
	olds, news := env("old"), env("new")
	resp := diffCommand(olds, olds, news, []string{"environment.FOO"})
	if resp.Changes != pulumirpc.DiffResponse_DIFF_NONE {
		t.Fatalf("an ignored nested change must not count: got %v", resp.Changes)
	}
	if got := news["environment"].ObjectValue()["FOO"].StringValue(); got != "new" {
		t.Fatalf("the caller's inputs were modified: environment.FOO = %q, want %q", got, "new")
	}
}
