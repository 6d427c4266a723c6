package main

import (
	"sort"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource/plugin"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

// replaceOnChanges are the inputs whose change replaces the command instead of updating it.
var replaceOnChanges = map[string]bool{"triggers": true}

// diffCommand compares the old inputs with the new ones the way command 1.2.1 does: a change to `triggers`
// replaces the resource, any other change updates it (running `update`, else `create`); ignored paths take
// their value from the old state.
func diffCommand(oldInputs, oldState, news resource.PropertyMap, ignoreChanges []string) *pulumirpc.DiffResponse {
	news = deepCopy(news) // ignoreChanges writes into nested values: never into the caller's
	newsValue := resource.NewObjectProperty(news)
	for _, p := range ignoreChanges {
		path, err := resource.ParsePropertyPath(p)
		if err != nil {
			continue
		}
		if v, ok := path.Get(resource.NewObjectProperty(oldState)); ok {
			path.Set(newsValue, v)
		}
	}
	oldInputs = oldInputs.Copy()
	for _, m := range []resource.PropertyMap{oldInputs, news} {
		for k := range m {
			if k == "version" || isInternalKey(k) {
				delete(m, k)
			}
		}
	}
	objDiff := oldInputs.Diff(news)
	detailed := plugin.NewDetailedDiffFromObjectDiff(objDiff, false)

	resp := &pulumirpc.DiffResponse{
		Changes:         pulumirpc.DiffResponse_DIFF_NONE,
		DetailedDiff:    map[string]*pulumirpc.PropertyDiff{},
		HasDetailedDiff: true,
	}
	if objDiff.AnyChanges() {
		resp.Changes = pulumirpc.DiffResponse_DIFF_SOME
	}
	replaces, diffs := map[string]bool{}, map[string]bool{}
	for k, v := range detailed {
		top := topLevelKey(k)
		diffs[top] = true
		if replaceOnChanges[top] {
			v.Kind = v.Kind.AsReplace()
			replaces[top] = true
		}
		resp.DetailedDiff[k] = &pulumirpc.PropertyDiff{Kind: rpcDiffKind(v.Kind), InputDiff: v.InputDiff}
	}
	resp.Replaces = sortedKeys(replaces)
	resp.Diffs = sortedKeys(diffs)
	return resp
}

func deepCopy(m resource.PropertyMap) resource.PropertyMap {
	out := make(resource.PropertyMap, len(m))
	for k, v := range m {
		out[k] = deepCopyValue(v)
	}
	return out
}

func deepCopyValue(v resource.PropertyValue) resource.PropertyValue {
	switch {
	case v.IsObject():
		return resource.NewObjectProperty(deepCopy(v.ObjectValue()))
	case v.IsArray():
		arr := v.ArrayValue()
		out := make([]resource.PropertyValue, len(arr))
		for i, x := range arr {
			out[i] = deepCopyValue(x)
		}
		return resource.NewArrayProperty(out)
	case v.IsSecret():
		return resource.MakeSecret(deepCopyValue(v.SecretValue().Element))
	default:
		return v
	}
}

func topLevelKey(path string) string {
	end := strings.IndexAny(path, ".[")
	if end < 0 {
		return path
	}
	return path[:end]
}

func rpcDiffKind(k plugin.DiffKind) pulumirpc.PropertyDiff_Kind {
	switch k {
	case plugin.DiffAdd:
		return pulumirpc.PropertyDiff_ADD
	case plugin.DiffAddReplace:
		return pulumirpc.PropertyDiff_ADD_REPLACE
	case plugin.DiffDelete:
		return pulumirpc.PropertyDiff_DELETE
	case plugin.DiffDeleteReplace:
		return pulumirpc.PropertyDiff_DELETE_REPLACE
	case plugin.DiffUpdateReplace:
		return pulumirpc.PropertyDiff_UPDATE_REPLACE
	default:
		return pulumirpc.PropertyDiff_UPDATE
	}
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// inputsOf keeps only the input properties of a command's state.
func inputsOf(state resource.PropertyMap) resource.PropertyMap {
	out := resource.PropertyMap{}
	for _, k := range commandInputKeys {
		if v, ok := state[k]; ok {
			out[k] = v
		}
	}
	return out
}
