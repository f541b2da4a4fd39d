#!/usr/bin/env bash
# Builds, from the Go module proxy, the binaries `bin/asm-dr sandbox` runs, into a cache folder, and prints
# one "NAME PATH" line per binary (docs/sandbox.md, "Kubernetes in the sandbox").
#   tools/sandbox-binaries.sh                  # every step, in the order below; reuses what is built
#   tools/sandbox-binaries.sh kube-apiserver   # one or more steps by name
#   tools/sandbox-binaries.sh --check          # builds nothing: prints what is there, exit 1 if something is missing
# Steps: kubernetes-plugin kube-apiserver kube-controller-manager kube-scheduler kwok etcd java-host alicloud-plugin
# Each step builds one binary (kwok also copies its Stage objects to $cache/share/kwok-stages.yaml), writes its
# compiler output to $cache/logs/STEP.log and appends its time, peak memory and size to $cache/logs/builds.tsv. The module files (go.mod, go.sum, the two small mains) live in tools/sandbox/;
# the build copies them into $cache/src/ and never writes into the repository.
# Needs a Go toolchain as new as the module's `go` line (1.24 for Kubernetes and etcd, 1.25.11 for the Java host,
# 1.26 for kwok v0.8.0); GOTOOLCHAIN=local, so Go never downloads another toolchain. Build times and peak memory
# on 2 cores are in docs/sandbox.md. Set ASM_DR_GO_P=1 on a busy machine (go build -p 1).
# The alicloud plugin is not built here: the Go module proxy does not serve its module. The step finds it at
# $ASM_DR_ALICLOUD_PLUGIN or in $cache/plugins and otherwise says how to install it.
set -euo pipefail
# The whole script is one block, read before it runs: editing this file during a long build cannot derail it.
{
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cache="${ASM_DR_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/asm-dr}/sandbox"
K8S_V=v1.34.3        # tools/sandbox/kube/go.mod
PLUGIN_K8S_V=4.25.0  # tools/sandbox/kubernetes-plugin/go.mod
JAVA_HOST_V=1.32.0   # tools/sandbox/java-host/go.mod
ALICLOUD_V=3.105.0
all_steps="kubernetes-plugin kube-apiserver kube-controller-manager kube-scheduler kwok etcd java-host alicloud-plugin"

# Where each step puts its binary (SandboxBinaries in io.asmdr.sandbox.kube reads the same names).
target() {
  case "$1" in
    kubernetes-plugin) echo "$cache/plugins/pulumi-resource-kubernetes-v$PLUGIN_K8S_V" ;;
    alicloud-plugin) echo "${ASM_DR_ALICLOUD_PLUGIN:-$cache/plugins/pulumi-resource-alicloud-v$ALICLOUD_V}" ;;
    java-host) echo "$cache/bin/pulumi-language-java" ;;
    etcd) echo "$cache/bin/asm-dr-etcd" ;;
    kube-apiserver|kube-controller-manager|kube-scheduler|kwok) echo "$cache/bin/$1" ;;
    *) echo "sandbox-binaries: unknown step '$1' (steps: $all_steps)" >&2; exit 2 ;;
  esac
}

# The directory under tools/sandbox/ that holds a step's module.
module() {
  case "$1" in
    kube-apiserver|kube-controller-manager|kube-scheduler) echo kube ;;
    *) echo "$1" ;;
  esac
}

# A binary counts as built when it exists and, where it can say so, reports the expected version.
built() {
  local f; f="$(target "$1")"
  [ -x "$f" ] || return 1
  case "$1" in
    kube-apiserver|kube-controller-manager|kube-scheduler) "$f" --version 2>/dev/null | grep -qx "Kubernetes $K8S_V" ;;
    etcd) "$f" -version >/dev/null 2>&1 ;;
    kwok) [ -s "$cache/share/kwok-stages.yaml" ] ;;
    *) return 0 ;;
  esac
}

# need_go MODULE_DIR: a Go toolchain at least as new as the module's `go` line.
need_go() {
  local want v
  want="$(sed -n 's/^go \([0-9.]*\)$/\1/p' "$here/sandbox/$1/go.mod")"
  command -v go >/dev/null 2>&1 || {
    echo "sandbox-binaries: no Go toolchain on PATH; install Go >= $want (https://go.dev/doc/install) and run this again" >&2; exit 2; }
  v="$(go env GOVERSION)"; v="${v#go}"
  if [ "$(printf '%s\n%s\n' "$want" "$v" | sort -V | head -1)" != "$want" ]; then
    echo "sandbox-binaries: Go $v is too old for tools/sandbox/$1 (needs Go >= $want: https://go.dev/doc/install)" >&2; exit 2
  fi
}

# build STEP MODULE_DIR PACKAGE [LDFLAGS]: go build in a copy of tools/sandbox/MODULE_DIR, timed and logged.
build() {
  local step="$1" mod="$2" pkg="$3" ldflags="${4:-}" out work log t0 secs rss size
  out="$(target "$step")"; work="$cache/src/$mod"; log="$cache/logs/$step.log"
  mkdir -p "$work" "$(dirname "$out")" "$cache/logs"
  cp -f "$here/sandbox/$mod"/* "$work/"
  chmod -R u+w "$work"
  echo "sandbox-binaries: building $step into $out (log: $log)" >&2
  t0=$(date +%s)
  (
    cd "$work"
    export GOTOOLCHAIN=local GOFLAGS="-mod=readonly -buildvcs=false"
    if [ "$step" = kubernetes-plugin ]; then
      # The provider's main embeds the schema and terraform mapping that the module ships beside its own main.
      # (`go list -m` names the module's folder only once it is downloaded: on a fresh module cache, download first;
      # and this subshell runs under `||`, where `set -e` does not apply, so each step checks its own result)
      go mod download github.com/pulumi/pulumi-kubernetes/provider/v4 || exit 1
      local dir; dir="$(go list -m -f '{{.Dir}}' github.com/pulumi/pulumi-kubernetes/provider/v4)" || exit 1
      [ -n "$dir" ] || { echo "the module github.com/pulumi/pulumi-kubernetes/provider/v4 has no folder in the module cache"; exit 1; }
      cp -f "$dir/cmd/pulumi-resource-kubernetes/schema.json" "$dir/cmd/pulumi-resource-kubernetes/terraform-mapping.json" . || exit 1
      chmod u+w schema.json terraform-mapping.json
    fi
    local timer=()
    [ -x /usr/bin/time ] && timer=(/usr/bin/time -f "maxrss_kb=%M elapsed=%e" -a -o "$log.time")
    rm -f "$log.time"
    "${timer[@]}" go build ${ASM_DR_GO_P:+-p "$ASM_DR_GO_P"} -trimpath -ldflags "$ldflags" -o "$out.tmp" "$pkg"
  ) >"$log" 2>&1 || { echo "sandbox-binaries: building $step failed; the last lines of $log:" >&2; tail -n 20 "$log" >&2; exit 1; }
  mv -f "$out.tmp" "$out"
  if [ "$step" = kwok ]; then
    # kwok plays nothing without Stage objects; the release ships its default ones in its module (the ones kwokctl
    # loads: kustomize/stage/...), so they are copied out of the module the binary was built from
    local kdir; kdir="$(cd "$work" && GOTOOLCHAIN=local GOFLAGS=-mod=readonly go list -m -f '{{.Dir}}' sigs.k8s.io/kwok)"
    mkdir -p "$cache/share"
    for f in node/fast/node-initialize.yaml node/heartbeat-with-lease/node-heartbeat-with-lease.yaml \
             pod/fast/pod-ready.yaml pod/fast/pod-complete.yaml pod/fast/pod-delete.yaml; do
      cat "$kdir/kustomize/stage/$f"; echo "---"
    done >"$cache/share/kwok-stages.yaml.tmp"
    mv -f "$cache/share/kwok-stages.yaml.tmp" "$cache/share/kwok-stages.yaml"
  fi
  secs=$(( $(date +%s) - t0 ))
  rss="$(sed -n 's/.*maxrss_kb=\([0-9]*\).*/\1/p' "$log.time" 2>/dev/null | tail -1)"
  size="$(stat -c %s "$out")"
  printf '%s\t%s\t%s s\t%s MB peak\t%s MB\n' "$(date -u +%FT%TZ)" "$step" "$secs" "$(( ${rss:-0} / 1024 ))" \
    "$(( size / 1048576 ))" >>"$cache/logs/builds.tsv"
  echo "sandbox-binaries: $step built in $secs s ($(( size / 1048576 )) MB)" >&2
}

kube_ldflags="-X k8s.io/component-base/version.gitVersion=$K8S_V -X k8s.io/component-base/version.gitMajor=1 -X k8s.io/component-base/version.gitMinor=34 -X k8s.io/component-base/version.gitTreeState=clean"

step() {
  if [ "$1" = alicloud-plugin ]; then
    local f; f="$(target alicloud-plugin)"
    [ -x "$f" ] || { echo "sandbox-binaries: no alicloud plugin at $f; where the Pulumi plugin registry is reachable run \`pulumi plugin install resource alicloud $ALICLOUD_V\` and set ASM_DR_ALICLOUD_PLUGIN to \$PULUMI_HOME/plugins/resource-alicloud-v$ALICLOUD_V/pulumi-resource-alicloud (or copy it to $cache/plugins/pulumi-resource-alicloud-v$ALICLOUD_V)" >&2; return 1; }
    return 0
  fi
  built "$1" && return 0
  need_go "$(module "$1")"
  case "$1" in
    kubernetes-plugin) build "$1" kubernetes-plugin . \
      "-X github.com/pulumi/pulumi-kubernetes/provider/v4/pkg/version.Version=$PLUGIN_K8S_V" ;;
    kube-apiserver|kube-controller-manager|kube-scheduler) build "$1" kube "k8s.io/kubernetes/cmd/$1" "$kube_ldflags" ;;
    kwok) build "$1" kwok sigs.k8s.io/kwok/cmd/kwok ;;  # the release sets its version in pkg/consts
    etcd) build "$1" etcd . ;;
    java-host) build "$1" java-host github.com/pulumi/pulumi-java/pkg/cmd/pulumi-language-java \
      "-X github.com/pulumi/pulumi-java/pkg/version.Version=$JAVA_HOST_V" ;;
  esac
}

check=0; steps=()
for a in "$@"; do
  case "$a" in
    --check) check=1 ;;
    -h|--help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "${BASH_SOURCE[0]}"; exit 0 ;;
    *) target "$a" >/dev/null; steps+=("$a") ;;
  esac
done
[ ${#steps[@]} -gt 0 ] || read -r -a steps <<<"$all_steps"

missing=0
for s in "${steps[@]}"; do
  if [ $check = 1 ]; then
    if [ "$s" = alicloud-plugin ]; then step "$s" || missing=1
    elif ! built "$s"; then echo "sandbox-binaries: $s is not built (tools/sandbox-binaries.sh $s)" >&2; missing=1; continue; fi
  else
    step "$s" || missing=1
  fi
  [ -x "$(target "$s")" ] && echo "$s $(target "$s")"
done
exit $missing
}
