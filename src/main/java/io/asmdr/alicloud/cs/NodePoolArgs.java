// Thin binding mirroring com.pulumi.alicloud (3.105.0); held against shared/reference/alicloud-schema.json by AlicloudSchemaTest.
package io.asmdr.alicloud.cs;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Import;
import com.pulumi.exceptions.MissingRequiredPropertyException;
import com.pulumi.resources.ResourceArgs;
import java.util.List;
import java.util.Optional;
import javax.annotation.Nullable;

public final class NodePoolArgs extends ResourceArgs {

    public static final NodePoolArgs Empty = new NodePoolArgs();

    @Import(name="clusterId", required=true)
    private Output<String> clusterId;
    @Import(name="nodePoolName")
    private @Nullable Output<String> nodePoolName;
    @Import(name="vswitchIds")
    private @Nullable Output<List<String>> vswitchIds;
    @Import(name="instanceTypes")
    private @Nullable Output<List<String>> instanceTypes;
    @Import(name="desiredSize")
    private @Nullable Output<String> desiredSize;
    @Import(name="keyName")
    private @Nullable Output<String> keyName;
    @Import(name="password")
    private @Nullable Output<String> password;
    @Import(name="systemDiskCategory")
    private @Nullable Output<String> systemDiskCategory;
    @Import(name="systemDiskSize")
    private @Nullable Output<Integer> systemDiskSize;

    public Output<String> clusterId() {
        return this.clusterId;
    }
    public Optional<Output<String>> nodePoolName() {
        return Optional.ofNullable(this.nodePoolName);
    }
    public Optional<Output<List<String>>> vswitchIds() {
        return Optional.ofNullable(this.vswitchIds);
    }
    public Optional<Output<List<String>>> instanceTypes() {
        return Optional.ofNullable(this.instanceTypes);
    }
    public Optional<Output<String>> desiredSize() {
        return Optional.ofNullable(this.desiredSize);
    }
    public Optional<Output<String>> keyName() {
        return Optional.ofNullable(this.keyName);
    }
    public Optional<Output<String>> password() {
        return Optional.ofNullable(this.password);
    }
    public Optional<Output<String>> systemDiskCategory() {
        return Optional.ofNullable(this.systemDiskCategory);
    }
    public Optional<Output<Integer>> systemDiskSize() {
        return Optional.ofNullable(this.systemDiskSize);
    }

    private NodePoolArgs() {}

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private final NodePoolArgs $ = new NodePoolArgs();

        public Builder clusterId(Output<String> clusterId) {
            $.clusterId = clusterId;
            return this;
        }
        public Builder clusterId(String clusterId) {
            return clusterId(Output.of(clusterId));
        }
        public Builder nodePoolName(@Nullable Output<String> nodePoolName) {
            $.nodePoolName = nodePoolName;
            return this;
        }
        public Builder nodePoolName(String nodePoolName) {
            return nodePoolName(Output.of(nodePoolName));
        }
        public Builder vswitchIds(@Nullable Output<List<String>> vswitchIds) {
            $.vswitchIds = vswitchIds;
            return this;
        }
        public Builder vswitchIds(List<String> vswitchIds) {
            return vswitchIds(Output.of(vswitchIds));
        }
        public Builder vswitchIds(String... vswitchIds) {
            return vswitchIds(List.of(vswitchIds));
        }
        public Builder instanceTypes(@Nullable Output<List<String>> instanceTypes) {
            $.instanceTypes = instanceTypes;
            return this;
        }
        public Builder instanceTypes(List<String> instanceTypes) {
            return instanceTypes(Output.of(instanceTypes));
        }
        public Builder instanceTypes(String... instanceTypes) {
            return instanceTypes(List.of(instanceTypes));
        }
        public Builder desiredSize(@Nullable Output<String> desiredSize) {
            $.desiredSize = desiredSize;
            return this;
        }
        public Builder desiredSize(String desiredSize) {
            return desiredSize(Output.of(desiredSize));
        }
        public Builder keyName(@Nullable Output<String> keyName) {
            $.keyName = keyName;
            return this;
        }
        public Builder keyName(String keyName) {
            return keyName(Output.of(keyName));
        }
        public Builder password(@Nullable Output<String> password) {
            $.password = password;
            return this;
        }
        public Builder password(String password) {
            return password(Output.of(password));
        }
        public Builder systemDiskCategory(@Nullable Output<String> systemDiskCategory) {
            $.systemDiskCategory = systemDiskCategory;
            return this;
        }
        public Builder systemDiskCategory(String systemDiskCategory) {
            return systemDiskCategory(Output.of(systemDiskCategory));
        }
        public Builder systemDiskSize(@Nullable Output<Integer> systemDiskSize) {
            $.systemDiskSize = systemDiskSize;
            return this;
        }
        public Builder systemDiskSize(Integer systemDiskSize) {
            return systemDiskSize(Output.of(systemDiskSize));
        }

        public NodePoolArgs build() {
            if ($.clusterId == null) {
                throw new MissingRequiredPropertyException("NodePoolArgs", "clusterId");
            }
            return $;
        }
    }
}
