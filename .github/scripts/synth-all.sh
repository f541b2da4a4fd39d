#!/usr/bin/env bash
# Synthesizes every stack of the repository (stacks/Pulumi.<stack>.yaml, Pulumi.yaml's stackConfigDir) into OUT/<stack>.
# Where the cloud facts are silent (a region or version without a published row) synth answers from the
# stack, prints each assumption and records it in plan.json: this job diffs plans, the preview jobs ask the cloud.
set -euo pipefail
jar="$1"
out="$2"
mkdir -p "$out"
shopt -s nullglob
for file in stacks/Pulumi.*.yaml; do
  stack="$(basename "$file" .yaml)"
  stack="${stack#Pulumi.}"
  java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -jar "$jar" synth "$stack" --out "$out/$stack"
done
