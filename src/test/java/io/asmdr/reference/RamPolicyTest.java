package io.asmdr.reference;

import com.fasterxml.jackson.databind.JsonNode;
import io.asmdr.plan.Plan;
import io.asmdr.support.RamPolicyCheck;
import io.asmdr.support.RamPolicyCheck.ApiCall;
import io.asmdr.support.TestStacks;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * docs/ram-policy.json grants every Alibaba Cloud API action the program's deployments call, and nothing else
 * without a reason: held against the provider's calls for every resource type and function in the plans of
 * dev, staging and prod ({@code reference/ram/alicloud-api-calls.json}, read from terraform-provider-alicloud
 * v1.285.0 with file and function per call) and against the requests of the recorded real previews. Until a
 * sandbox's request log exists this is the evidence; {@link RamPolicyCheck#notGranted} takes that log too.
 */
class RamPolicyTest {
    private static final List<String> STACKS = List.of("dev", "staging", "prod");
    private static final Map<String, Plan> PLANS = new TreeMap<>();
    private static JsonNode reference;

    @BeforeAll
    static void plans() {
        reference = RamPolicyCheck.reference();
        for (var stack : STACKS) {
            var run = TestStacks.shipped(stack).run(stack);
            assertTrue(run.succeeded(), stack + ": " + run.result().exceptions());
            PLANS.put(stack, run.plan());
        }
    }

    private static JsonNode row(String type) {
        return StreamSupport.stream(reference.path("types").spliterator(), false)
                .filter(r -> r.path("type").asText().equals(type)).findFirst().orElse(null);
    }

    private static JsonNode invokeRow(String token) {
        return StreamSupport.stream(reference.path("invokes").spliterator(), false)
                .filter(r -> r.path("token").asText().equals(token)).findFirst().orElse(null);
    }

    /** What the deployments of the shipped stacks call: every operation of every type they hold, their invokes and provider configuration. */
    private static Set<ApiCall> calledByThePlans() {
        var calls = new LinkedHashSet<ApiCall>();
        for (var plan : PLANS.values()) {
            for (var r : plan.resources()) {
                var row = row(r.type());
                if (row != null) {
                    for (var op : List.of("create", "read", "update", "delete")) {
                        calls.addAll(RamPolicyCheck.calls(row.path(op)));
                    }
                } else if (r.type().equals("pulumi:providers:alicloud")) {
                    calls.addAll(RamPolicyCheck.calls(reference.path("providerConfigure")));
                }
            }
            for (var i : plan.invokes()) {
                var row = invokeRow(i.token());
                if (row != null) {
                    calls.addAll(RamPolicyCheck.calls(row.path("read")));
                }
            }
        }
        return calls;
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"dev", "staging", "prod"})
    void everyTypeAndInvokeOfTheStackHasARowWithItsSource(String stack) {
        var missing = new TreeSet<String>();
        var noAlibaba = StreamSupport.stream(reference.path("noAlibabaCalls").spliterator(), false).map(n -> n.path("prefix").asText()).toList();
        for (var r : PLANS.get(stack).resources()) {
            var type = r.type();
            if (type.equals("pulumi:providers:alicloud")) {
                assertFalse(RamPolicyCheck.calls(reference.path("providerConfigure")).isEmpty());
            } else if (type.startsWith("alicloud:")) {
                var row = row(type);
                if (row == null) {
                    missing.add(type);
                    continue;
                }
                for (var op : List.of("create", "read", "update", "delete")) {
                    var operation = row.path(op);
                    assertTrue(operation.has("function") && (operation.path("calls").size() > 0 || operation.hasNonNull("note")),
                            type + " " + op + ": a function with its calls, or a note saying why there are none");
                    operation.path("calls").forEach(c -> assertTrue(c.path("file").asText().endsWith(".go") && !c.path("function").asText().isEmpty(),
                            type + " " + op + ": every call names its file and function: " + c));
                }
            } else if (noAlibaba.stream().noneMatch(type::startsWith)) {
                missing.add(type);
            }
        }
        for (var i : PLANS.get(stack).invokes()) {
            if (invokeRow(i.token()) == null || invokeRow(i.token()).path("read").path("calls").isEmpty()) {
                missing.add(i.token());
            }
        }
        assertEquals(Set.of(), missing, stack + ": types and invokes without a row in " + RamPolicyCheck.REFERENCE);
    }

    @Test
    void everyCallOfTheShippedStacksIsGranted() {
        var calls = calledByThePlans();
        assertTrue(calls.size() > 90, "the plans' calls: " + calls.size());
        assertTrue(calls.contains(new ApiCall("Ga", "CreateAccelerator")) && calls.contains(new ApiCall("Ga", "CreateEndpointGroup")),
                "prod's global entry (Global Accelerator) is among them");
        assertEquals(List.of(), RamPolicyCheck.notGranted(calls), "calls docs/ram-policy.json does not allow");
    }

    @Test
    void nothingIsGrantedThatNoCallNeedsUnlessItSaysWhy() {
        var needed = new HashSet<String>();
        calledByThePlans().forEach(c -> RamPolicyCheck.ramAction(c).ifPresent(needed::add));
        reference.path("grantedWithoutACall").forEach(g -> {
            assertFalse(g.path("because").asText().isBlank(), g.toString());
            needed.add(g.path("action").asText());
        });
        var extra = new TreeSet<>(RamPolicyCheck.granted());
        extra.removeAll(needed);
        assertEquals(Set.of(), extra, "granted, but no call of the shipped stacks needs it and no reason is given");
        // the calls a function can reach only through an input the program never sets stay out of the policy
        var notCalled = new TreeSet<String>();
        reference.path("types").forEach(t -> t.path("notCalled").forEach(c -> {
            assertFalse(c.path("because").asText().isBlank(), c.toString());
            RamPolicyCheck.ramAction(new ApiCall(c.path("product").asText(), c.path("action").asText()))
                    .filter(a -> !needed.contains(a)).ifPresent(notCalled::add);
        }));
        assertTrue(notCalled.contains("vpc:CreateDefaultVpc") && notCalled.contains("kms:Decrypt"), notCalled.toString());
        var granted = new TreeSet<>(RamPolicyCheck.granted());
        granted.retainAll(notCalled);
        assertEquals(Set.of(), granted, "granted although the program never makes these calls");
    }

    @Test
    void thePolicyIsPlainAllowStatements() {
        var policy = RamPolicyCheck.granted();
        assertTrue(policy.stream().allMatch(a -> a.matches("[a-z]+:[A-Z][A-Za-z]+")), "no wildcard: " + policy);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"dev", "prod"})
    void theRequestsOfARecordedRealPreviewAreGranted(String stack) {
        var calls = RamPolicyCheck.readRequestLog(Path.of("reference/real-preview", stack, "stub-requests.jsonl"));
        assertFalse(calls.isEmpty());
        assertEquals(List.of(), RamPolicyCheck.notGranted(calls), stack + "'s real preview called them");
    }

    /**
     * Every action the real provider called in the sandbox's dev rehearsal (up, a second up, refresh, destroy: the
     * distinct product/action pairs of its request log, recorded in reference/sandbox/dev-actions.jsonl) is granted.
     */
    @Test
    void theActionsOfTheSandboxRehearsalOfDevAreGranted() {
        var calls = RamPolicyCheck.readRequestLog(Path.of("reference/sandbox/dev-actions.jsonl"));
        assertTrue(calls.size() > 40, "the rehearsal's log has " + calls.size() + " distinct actions");
        assertEquals(List.of(), RamPolicyCheck.notGranted(calls), "the real provider called them in the sandbox");
    }

    /**
     * The same for prod (issue 23's topology: a control plane per region, Global Accelerator): the distinct
     * product/action pairs of one sandbox's log over dev's up and prod's up, second look, refresh, three outage ups
     * (with cn-beijing down) and destroy, in reference/sandbox/prod-actions.jsonl.
     */
    @Test
    void theActionsOfTheSandboxRehearsalOfProdAreGranted() {
        var calls = RamPolicyCheck.readRequestLog(Path.of("reference/sandbox/prod-actions.jsonl"));
        assertTrue(calls.stream().anyMatch(c -> c.product().equals("Ga")), "the log holds prod's Global Accelerator calls");
        assertEquals(List.of(), RamPolicyCheck.notGranted(calls), "the real provider called them in the sandbox");
    }

    @Test
    void theEntryPointReportsWhatIsNotGranted() {
        var calls = new ArrayList<>(List.of(new ApiCall("Cbn", "CreateCen"), new ApiCall("Vpc", "CreateDefaultVpc"),
                new ApiCall("Ecs", "RunInstances"), new ApiCall("Unknown", "X")));
        assertEquals(List.of(new ApiCall("Ecs", "RunInstances"), new ApiCall("Unknown", "X"), new ApiCall("Vpc", "CreateDefaultVpc")),
                RamPolicyCheck.notGranted(calls));
    }
}
