#!/usr/bin/env bash
# Turns PR labels (one a line on stdin) into guard/diff arguments, one a line on stdout: `allow:RULE:RESOURCE[,RESOURCE]`
# becomes `--allow` and `RULE:RESOURCE[,RESOURCE]`. A label `allow:RULE` without resources is reported and ignored:
# an allowance names the resources it allows (docs/ci.md).
set -euo pipefail
while IFS= read -r label; do
  if [[ "$label" =~ ^allow:[a-z][a-z-]*:[^[:space:]]+$ ]]; then
    printf -- '--allow\n%s\n' "${label#allow:}"
  elif [[ "$label" == allow:* ]]; then
    echo "::warning::label '$label' names no resource and allows nothing; write allow:RULE:RESOURCE (the resource a finding shows)" >&2
  fi
done
