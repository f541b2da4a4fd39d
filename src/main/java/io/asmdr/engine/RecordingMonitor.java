package io.asmdr.engine;

import com.pulumi.resources.CustomTimeouts;
import com.pulumi.resources.Resource;
import com.pulumi.test.Mocks;
import com.pulumi.test.internal.MockMonitor;
import com.pulumi.test.internal.PulumiTestInternal;
import io.asmdr.plan.PlannedInvoke;
import io.asmdr.plan.PlannedResource;
import io.asmdr.plan.Urns;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import pulumirpc.AliasOuterClass;
import pulumirpc.Resource.RegisterResourceRequest;
import pulumirpc.Resource.RegisterResourceResponse;
import pulumirpc.Resource.ResourceInvokeRequest;
import pulumirpc.Resource.ResourceInvokeResponse;

/**
 * The engine side of an in-process run: answers like {@link MockMonitor} and keeps every
 * registration request, which is the only place where parents, providers and dependency edges
 * are visible. Relies on the SDK's internal test monitor, hence the pinned SDK version.
 */
public final class RecordingMonitor extends MockMonitor {
    private final List<PlannedResource> resources = Collections.synchronizedList(new ArrayList<>());
    private final List<PlannedInvoke> invokes = Collections.synchronizedList(new ArrayList<>());

    public RecordingMonitor(Mocks mocks) {
        super(mocks, PulumiTestInternal.mockLog());
    }

    @Override
    public CompletableFuture<RegisterResourceResponse> registerResourceAsync(Resource resource, RegisterResourceRequest request) {
        return super.registerResourceAsync(resource, request).thenApply(answer -> {
            var response = answer.toBuilder().setUrn(engineUrn(answer.getUrn(), request)).build();
            var inputs = request.getCustom() ? ProviderCheck.ALICLOUD.checked(request.getType(), Wire.toMap(request.getObject()))
                    : Wire.toMap(request.getObject());
            if (request.getType().startsWith(PROVIDER_TYPE_PREFIX) && !request.getVersion().isEmpty()) {
                // what the engine does for a provider registered with a version (source_eval.go, SetProviderVersion)
                inputs.put("version", request.getVersion());
            }
            resources.add(new PlannedResource(
                    response.getUrn(),
                    request.getType(),
                    request.getName(),
                    request.getCustom(),
                    request.getParent(),
                    request.getProvider(),
                    request.getDependenciesList().stream().distinct().sorted().toList(),
                    inputs,
                    options(response.getUrn(), request)));
            return response;
        });
    }

    static final String ROOT_STACK_TYPE = "pulumi:pulumi:Stack";

    /**
     * The URN the engine gives a resource. The SDK's mock monitor (com.pulumi.core.internal.Urn.create)
     * prefixes every child's type with its parent's qualified type, the root stack's included; the
     * engine skips the root stack ({@code Deployment.generateURN} in pulumi/pulumi
     * pkg/resource/deploy/deployment.go: "don't use the root stack type"), so a top-level resource is
     * {@code urn:pulumi:dev::asm-dr::asm-dr:network:RegionNetwork::cn-hangzhou}. The SDK builds a
     * child's URN from its parent's URN as answered here, so fixing the answer fixes every descendant.
     */
    static String engineUrn(String sdkUrn, RegisterResourceRequest request) {
        var parent = request.getParent();
        if (parent.isEmpty() || !Urns.qualifiedType(parent).equals(ROOT_STACK_TYPE)) {
            return sdkUrn;
        }
        var parts = sdkUrn.split("::", 4);
        return parts[0] + "::" + parts[1] + "::" + request.getType() + "::" + parts[3];
    }

    private static final String PROVIDER_TYPE_PREFIX = "pulumi:providers:";

    private static PlannedResource.Options options(String urn, RegisterResourceRequest request) {
        var timeouts = new TreeMap<String, Double>();
        if (request.hasCustomTimeouts()) {
            var t = request.getCustomTimeouts();
            seconds(t.getCreate()).ifPresent(s -> timeouts.put("create", s));
            seconds(t.getUpdate()).ifPresent(s -> timeouts.put("update", s));
            seconds(t.getDelete()).ifPresent(s -> timeouts.put("delete", s));
            seconds(t.getRead()).ifPresent(s -> timeouts.put("read", s));
        }
        var aliases = new ArrayList<String>(request.getAliasURNsList());
        request.getAliasesList().forEach(a -> aliases.add(aliasUrn(urn, a)));
        var propertyDependencies = new TreeMap<String, List<String>>();
        // every input the SDK reports, with or without dependencies, as the engine records them
        request.getPropertyDependenciesMap().forEach((k, v) -> propertyDependencies.put(k, v.getUrnsList().stream().distinct().sorted().toList()));
        return new PlannedResource.Options(
                request.getProtect(),
                request.getIgnoreChangesList(),
                timeouts,
                request.getAdditionalSecretOutputsList(),
                aliases.stream().distinct().sorted().toList(),
                request.getDeleteBeforeReplaceDefined() ? Optional.of(request.getDeleteBeforeReplace()) : Optional.empty(),
                request.getRetainOnDelete(),
                request.getReplaceOnChangesList(),
                propertyDependencies,
                request.getVersion());
    }

    /** Go duration strings ({@code 1800000000000ns}) as seconds, the unit of {@code resource.CustomTimeouts}. */
    private static Optional<Double> seconds(String duration) {
        if (duration == null || duration.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(CustomTimeouts.parseTimeoutString(duration).toMillis() / 1000.0);
    }

    /**
     * The URN an alias spec stands for, as the engine resolves it: this resource's URN with the
     * spec's name, type, stack or project in place of its own (a spec without a parent keeps the
     * resource's parent).
     */
    static String aliasUrn(String urn, AliasOuterClass.Alias alias) {
        if (alias.hasSpec() == false) {
            return alias.getUrn();
        }
        var spec = alias.getSpec();
        // urn:pulumi:<stack>::<project>::<qualified type>::<name>
        var parts = urn.split("::", 4);
        var stack = parts[0].substring("urn:pulumi:".length());
        var qualifiedType = parts[2];
        if (!spec.getType().isEmpty()) {
            int last = qualifiedType.lastIndexOf('$');
            qualifiedType = (last < 0 ? "" : qualifiedType.substring(0, last + 1)) + spec.getType();
        }
        return "urn:pulumi:" + (spec.getStack().isEmpty() ? stack : spec.getStack())
                + "::" + (spec.getProject().isEmpty() ? parts[1] : spec.getProject())
                + "::" + qualifiedType
                + "::" + (spec.getName().isEmpty() ? parts[3] : spec.getName());
    }

    @Override
    public CompletableFuture<ResourceInvokeResponse> invokeAsync(ResourceInvokeRequest request) {
        invokes.add(new PlannedInvoke(request.getTok(), request.getProvider(), Wire.toMap(request.getArgs())));
        return super.invokeAsync(request);
    }

    public List<PlannedResource> resources() {
        synchronized (resources) {
            return List.copyOf(resources);
        }
    }

    public List<PlannedInvoke> invokes() {
        synchronized (invokes) {
            return List.copyOf(invokes);
        }
    }
}
