package io.asmdr.synth;

import com.pulumi.resources.Resource;
import com.pulumi.test.Mocks;
import com.pulumi.test.internal.MockMonitor;
import com.pulumi.test.internal.PulumiTestInternal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
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
        return super.registerResourceAsync(resource, request).thenApply(response -> {
            resources.add(new PlannedResource(
                    response.getUrn(),
                    request.getType(),
                    request.getName(),
                    request.getCustom(),
                    request.getParent(),
                    request.getProvider(),
                    request.getDependenciesList().stream().distinct().sorted().toList(),
                    Wire.toMap(request.getObject())));
            return response;
        });
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
