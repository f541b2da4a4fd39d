// Thin binding mirroring com.pulumi.alicloud (3.105.0); held against shared/reference/alicloud-schema.json by AlicloudSchemaTest.
package io.asmdr.alicloud.cen.inputs;

import com.pulumi.core.annotations.Import;
import com.pulumi.resources.InvokeArgs;
import java.util.Optional;
import javax.annotation.Nullable;

public final class GetTransitRouterAvailableResourcesPlainArgs extends InvokeArgs {

    public static final GetTransitRouterAvailableResourcesPlainArgs Empty = new GetTransitRouterAvailableResourcesPlainArgs();

    @Import(name="outputFile")
    private @Nullable String outputFile;
    @Import(name="supportMulticast")
    private @Nullable Boolean supportMulticast;

    public Optional<String> outputFile() {
        return Optional.ofNullable(this.outputFile);
    }
    public Optional<Boolean> supportMulticast() {
        return Optional.ofNullable(this.supportMulticast);
    }

    private GetTransitRouterAvailableResourcesPlainArgs() {}

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private final GetTransitRouterAvailableResourcesPlainArgs $ = new GetTransitRouterAvailableResourcesPlainArgs();

        public Builder outputFile(@Nullable String outputFile) {
            $.outputFile = outputFile;
            return this;
        }
        public Builder supportMulticast(@Nullable Boolean supportMulticast) {
            $.supportMulticast = supportMulticast;
            return this;
        }

        public GetTransitRouterAvailableResourcesPlainArgs build() {

            return $;
        }
    }
}
