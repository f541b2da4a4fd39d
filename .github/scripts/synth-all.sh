#!/usr/bin/env bash
# Synthesizes every stack of the repository (Pulumi.*.yaml and stacks/Pulumi.*.yaml) into OUT/<stack>.
set -euo pipefail
jar="$1"
out="$2"
mkdir -p "$out"
shopt -s nullglob
for file in Pulumi.*.yaml stacks/Pulumi.*.yaml; do
  stack="$(basename "$file" .yaml)"
  stack="${stack#Pulumi.}"
  # --assume-unlisted: regions and versions outside the published tables take the stack's own answer, each
  # printed; this job diffs plans, the online preview job asks the cloud
  java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -jar "$jar" synth "$stack" --config-file "$file" --out "$out/$stack" --assume-unlisted
done
