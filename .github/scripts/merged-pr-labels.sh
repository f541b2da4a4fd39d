#!/usr/bin/env bash
# Prints the labels that were on the pull request a merge commit came from WHEN IT MERGED (labels added later, or
# removed before, do not count), one a line; pipe them through allow-args.sh.
#   merged-pr-labels.sh OWNER/REPO MERGE_SHA      (needs GH_TOKEN; gh is on GitHub's runners)
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
    END { for (l in on) print l }' | sort
