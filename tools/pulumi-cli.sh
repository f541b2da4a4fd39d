#!/usr/bin/env bash
# Builds the real Pulumi CLI from its Go module into a cache folder and prints the binary's path.
#   tools/pulumi-cli.sh            # build (or reuse) and print the path
#   export PATH="$(dirname "$(tools/pulumi-cli.sh)"):$PATH"
# Needs a Go toolchain (>= 1.24) and the Go module proxy. On 2 cores the first build takes 30-50 minutes
# and ~2 GB of memory; later calls reuse the binary. The version is the one the project is tested with and the
# workflows install: .pulumi.version (docs/real-engine.md); override with PULUMI_CLI_VERSION, the cache with ASM_DR_CACHE.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
version="${PULUMI_CLI_VERSION:-v$(tr -d '[:space:]' < "$root/.pulumi.version")}"
cache="${ASM_DR_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/asm-dr}/pulumi-cli-$version"
bin="$cache/bin/pulumi"
if [ -x "$bin" ] && "$bin" version >/dev/null 2>&1; then echo "$bin"; exit 0; fi
command -v go >/dev/null 2>&1 || { echo "pulumi-cli: no Go toolchain on PATH (https://go.dev/doc/install)" >&2; exit 2; }
mkdir -p "$cache/module" "$cache/bin"
cd "$cache/module"
export GOTOOLCHAIN=local GOFLAGS=-mod=mod
[ -f go.mod ] || go mod init local/pulumi-cli >/dev/null 2>&1
echo "pulumi-cli: building the Pulumi CLI $version from its Go module into $cache (first time: 30-50 min)" >&2
# The CLI's own go.mod pins the SDK it was released with; ask for the same SDK so `go` does not pick a newer one.
go get -tool "github.com/pulumi/pulumi/pkg/v3/cmd/pulumi@$version" >&2
go get "github.com/pulumi/pulumi/sdk/v3@$version" >&2
# Without the version stamp the binary reports v0.0.0 and the engine's plugin checks misjudge it.
go build -trimpath -ldflags "-X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=$version" \
  -o "$bin.tmp" github.com/pulumi/pulumi/pkg/v3/cmd/pulumi >&2
mv "$bin.tmp" "$bin"
echo "$bin"
