#!/usr/bin/env bash
# Builds the judge: asm-dr (diff, guard) from BASE_SHA, the commit a change is measured against (a PR's base, or
# the commit before a push), so a change is never judged by rules it brings itself. Also synthesizes every stack
# at BASE_SHA into OUT/plans for `diff`.
#   build-judge.sh BASE_SHA OUT        -> OUT/asm-dr.jar, OUT/plans/<stack>/, OUT/from (base | head)
# A base without asm-dr, or with one older than `--allow RULE:RESOURCE`, cannot judge: then the checkout's own
# asm-dr judges, with a warning (once, in the change that brings this script).
set -euo pipefail
base="$1"
out="$2"
mkdir -p "$out/plans"
worktree="$(mktemp -d)/base"
trap 'git worktree remove --force "$worktree" >/dev/null 2>&1 || true' EXIT
if [ -n "$base" ] && [ "$base" != 0000000000000000000000000000000000000000 ] && git worktree add --detach "$worktree" "$base" >&2; then
  if [ -f "$worktree/pom.xml" ] && (cd "$worktree" && mvn -B -q package -DskipTests >&2); then
    if [ -f "$worktree/.github/scripts/synth-all.sh" ]; then
      (cd "$worktree" && bash .github/scripts/synth-all.sh target/asm-dr.jar "$out/plans") >&2
    fi
    if java -jar "$worktree/target/asm-dr.jar" guard --help | grep -q 'RULE:RESOURCE'; then
      cp "$worktree/target/asm-dr.jar" "$out/asm-dr.jar"
      echo base > "$out/from"
    fi
  fi
fi
if [ ! -f "$out/asm-dr.jar" ]; then
  mvn -B -q package -DskipTests >&2
  cp target/asm-dr.jar "$out/asm-dr.jar"
  echo head > "$out/from"
  echo "::warning::the base ($base) has no asm-dr that takes --allow RULE:RESOURCE: this change is judged by its own asm-dr"
fi
echo "judge: asm-dr from the $(cat "$out/from") ($base)" >&2
