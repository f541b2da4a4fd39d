#!/usr/bin/env bash
# Prints the `--allow RULE` arguments acknowledged on the pull request that a merge commit came from: the
# `allow:<rule>` labels that were on it WHEN IT MERGED (labels added later, or removed before, do not count).
#   merged-pr-labels.sh OWNER/REPO MERGE_SHA      (needs GH_TOKEN; gh and jq are on GitHub's runners)
# No pull request (a direct push): prints nothing, so every blocking finding blocks.
set -euo pipefail
repo="$1"
sha="$2"
pr=$(gh api "repos/$repo/commits/$sha/pulls" --jq "[.[] | select(.merge_commit_sha == \"$sha\" and .merged_at != null)][0].number // empty")
[ -n "$pr" ] || exit 0
merged_at=$(gh api "repos/$repo/pulls/$pr" --jq .merged_at)
# replay the label events up to the merge: the set at that moment
gh api --paginate "repos/$repo/issues/$pr/events" --jq '.[] | select(.event == "labeled" or .event == "unlabeled") | [.created_at, .event, .label.name] | @tsv' |
  sort | awk -F'\t' -v until="$merged_at" '
    $1 <= until { if ($2 == "labeled") on[$3] = 1; else delete on[$3] }
    END { for (l in on) if (l ~ /^allow:[a-z-]+$/) printf "--allow %s\n", substr(l, 7) }' | sort
