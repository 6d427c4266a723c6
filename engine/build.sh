#!/usr/bin/env bash
# npm run engine: make the Pulumi engine available and print, as the last line, the directory holding `pulumi`.
#   A `pulumi` on PATH at MIN_PULUMI or newer is used as it is (the official install on a normal machine).
#   Otherwise the Pulumi CLI is built from the Go module proxy (engine/pulumicli pins every module by hash),
#   with the Node.js language host (engine/langhost) beside it and the command provider (engine/commandprovider)
#   installed into the plugin cache, all into a cache directory keyed by the versions and sources.
# --locate: print the directory if the engine is ready, exit 1 if it would have to be built (never builds).
set -euo pipefail

PULUMI_VERSION=v3.274.1    # the CLI built here: a recent v3 release the module proxy serves
MIN_PULUMI=3.207.0         # oldest CLI accepted from PATH: the @pulumi/pulumi SDK version the program uses
COMMAND_VERSION=1.2.1      # the @pulumi/command version package.json pins; the provider must report it

here=$(cd "$(dirname "$0")" && pwd)
mode=${1:-build}
case "$mode" in build|--locate) ;; *) echo "usage: npm run engine [-- --locate]" >&2; exit 2 ;; esac

log() { echo "engine: $*" >&2; }

version_ok() { # $1 = output of `pulumi version`
  local v=${1#v}
  v=${v%%[-+]*}
  [[ $v =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]] || return 1
  [ "$(printf '%s\n%s\n' "$MIN_PULUMI" "$v" | sort -V | head -1)" = "$MIN_PULUMI" ]
}

if on_path=$(command -v pulumi 2>/dev/null); then
  if v=$(pulumi version 2>/dev/null) && version_ok "$v"; then
    if [ "$mode" = build ]; then
      log "using pulumi $v from PATH"
      # Runs are offline (no plugin download), so the provider @pulumi/command asks for is fetched here, once.
      if ! pulumi plugin ls 2>/dev/null | grep -Eq "^command[[:space:]]+resource[[:space:]]+$COMMAND_VERSION([[:space:]]|$)"; then
        log "installing the command provider $COMMAND_VERSION with pulumi plugin install"
        pulumi plugin install resource command "$COMMAND_VERSION" >&2
      fi
    fi
    dirname "$(readlink -f "$on_path")"
    exit 0
  fi
  log "pulumi on PATH ($on_path, version '${v:-?}') is older than $MIN_PULUMI or unusable: not used"
fi

key=$(cd "$here" && find build.sh */go.mod */go.sum */*.go ! -name '*_test.go' | LC_ALL=C sort | xargs cat | sha256sum | cut -c1-12)
cache=${HA_ENGINE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/ha-hardened-host/engine}
dir=$cache/pulumi-$PULUMI_VERSION-$key
pulumi_home=${PULUMI_HOME:-$HOME/.pulumi}
plugin=$pulumi_home/plugins/resource-command-v$COMMAND_VERSION/pulumi-resource-command

ready() {
  [ -x "$dir/bin/pulumi" ] && [ -x "$dir/bin/pulumi-language-nodejs" ] && [ -x "$plugin" ] &&
    cmp -s "$plugin" "$dir/plugins/pulumi-resource-command"
}

if [ "$mode" = --locate ]; then
  ready && { echo "$dir/bin"; exit 0; }
  exit 1
fi

if [ ! -x "$dir/bin/pulumi" ]; then
  command -v go >/dev/null || { log "Go is needed to build the engine (or install the Pulumi CLI: https://www.pulumi.com/docs/install/)"; exit 1; }
  export GOTOOLCHAIN=local CGO_ENABLED=0 GOFLAGS="-trimpath -mod=readonly"
  tmp=$(mktemp -d "$cache.build.XXXXXX" 2>/dev/null || { mkdir -p "$cache"; mktemp -d "$cache.build.XXXXXX"; })
  trap 'rm -rf "$tmp"' EXIT
  mkdir -p "$tmp/bin" "$tmp/plugins"
  start=$(date +%s)
  log "building the Pulumi CLI $PULUMI_VERSION from the Go module proxy (a few minutes the first time)"
  (cd "$here/pulumicli" && go build -tags osusergo,grpcnotrace \
    -ldflags "-s -w -X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=$PULUMI_VERSION" \
    -o "$tmp/bin/pulumi" github.com/pulumi/pulumi/pkg/v3/cmd/pulumi)
  log "building the Node.js language host"
  (cd "$here/langhost" && go build -ldflags "-s -w -X main.version=${PULUMI_VERSION#v}" -o "$tmp/bin/pulumi-language-nodejs" .)
  log "building the command provider $COMMAND_VERSION"
  (cd "$here/commandprovider" && go build -ldflags "-s -w" -o "$tmp/plugins/pulumi-resource-command" .)
  mkdir -p "$cache"
  rm -rf "$dir"
  mv "$tmp" "$dir"
  trap - EXIT
  log "built in $(( $(date +%s) - start )) s into $dir"
  for old in "$cache"/pulumi-v*; do [ "$old" = "$dir" ] || rm -rf -- "$old"; done
fi

if ! cmp -s "$plugin" "$dir/plugins/pulumi-resource-command" 2>/dev/null; then
  log "installing the command provider $COMMAND_VERSION into $pulumi_home/plugins"
  PULUMI_HOME=$pulumi_home PULUMI_SKIP_UPDATE_CHECK=true "$dir/bin/pulumi" plugin install resource command "$COMMAND_VERSION" \
    --file "$dir/plugins/pulumi-resource-command" --reinstall >&2
fi
got=$("$dir/bin/pulumi" version)
[ "$got" = "$PULUMI_VERSION" ] || { log "the built pulumi reports '$got', expected $PULUMI_VERSION"; exit 1; }
log "pulumi $got ready; put this directory on PATH to use it directly"
echo "$dir/bin"
