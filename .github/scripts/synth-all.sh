#!/usr/bin/env bash
# Synthesizes every stack of the repository into OUT/<stack>: Pulumi.<stack>.yaml beside Pulumi.yaml and
# stacks/Pulumi.<stack>.yaml (asm-dr finds each stack's file itself: docs/stacks.md).
# Where the cloud facts are silent (a region or version without a published row) synth answers from the
# stack, prints each assumption and records it in plan.json: this job diffs plans, the preview jobs ask the cloud.
set -euo pipefail
jar="$1"
out="$2"
mkdir -p "$out"
shopt -s nullglob
for file in Pulumi.*.yaml stacks/Pulumi.*.yaml; do
  stack="$(basename "$file" .yaml)"
  echo "${stack#Pulumi.}"
done | sort -u | while read -r stack; do
  java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -jar "$jar" synth "$stack" --out "$out/$stack"
done
