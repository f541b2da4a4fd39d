package io.asmdr.plan;

import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A reviewer's acknowledgment of one rule on named resources, never of a rule for the whole change:
 * {@code --allow RULE:RESOURCE[,RESOURCE…]}, which the workflows build from a pull-request label
 * {@code allow:RULE:RESOURCE[,RESOURCE…]} (a label only people with triage rights can set; GitHub caps a label at
 * 50 characters, so one label per resource when names are long). A resource is the name a finding shows
 * (the URN's last part, e.g. {@code mesh}, {@code prod-ack-hangzhou}) or a full URN. A finding is allowed when an
 * allowance names its rule and its resource; everything else still blocks.
 */
public record Allowance(String rule, Set<String> resources) {
    public static final String LABEL_PREFIX = "allow:";

    public Allowance {
        resources = Set.copyOf(new TreeSet<>(resources));
    }

    /** {@code RULE:RESOURCE[,RESOURCE…]}; a usage error that shows the form and the rule ids otherwise. */
    public static Allowance parse(String value) {
        int colon = value.indexOf(':');
        var rule = colon < 0 ? value : value.substring(0, colon);
        if (!Guard.ruleIds().contains(rule)) {
            throw new IllegalArgumentException("--allow " + value + ": '" + rule + "' is not a rule (" + String.join(", ", Guard.ruleIds()) + ")");
        }
        var names = colon < 0 ? List.<String>of() : Arrays.stream(value.substring(colon + 1).split(",")).map(String::strip).toList();
        if (names.isEmpty() || names.stream().anyMatch(n -> n.isEmpty() || n.chars().anyMatch(Character::isWhitespace))) {
            throw new IllegalArgumentException("--allow " + value + ": name the resources it allows, as the finding shows them: --allow "
                    + rule + ":RESOURCE[,RESOURCE…] (PR label allow:" + rule + ":RESOURCE); a rule is never allowed for every resource");
        }
        return new Allowance(rule, new TreeSet<>(names));
    }

    public static Set<Allowance> parseAll(Collection<String> values) {
        var out = new LinkedHashSet<Allowance>();
        values.forEach(v -> out.add(parse(v)));
        return out;
    }

    /** Whether this allowance names the finding's rule and its resource (by name or URN). */
    public boolean covers(Guard.Finding finding) {
        return rule.equals(finding.rule()) && (resources.contains(Urns.name(finding.urn())) || resources.contains(finding.urn()));
    }

    /** The PR label that carries this allowance. */
    public String label() {
        return LABEL_PREFIX + rule + ":" + String.join(",", new TreeSet<>(resources));
    }

    /** The label that would allow exactly {@code finding}. */
    public static String labelFor(Guard.Finding finding) {
        return LABEL_PREFIX + finding.rule() + ":" + Urns.name(finding.urn());
    }
}
