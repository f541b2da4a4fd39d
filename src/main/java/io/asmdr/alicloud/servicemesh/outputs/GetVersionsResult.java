// Thin binding mirroring com.pulumi.alicloud (3.105.0); held against shared/reference/alicloud-schema.json by AlicloudSchemaTest.
package io.asmdr.alicloud.servicemesh.outputs;

import com.pulumi.core.annotations.CustomType;
import java.util.List;
import javax.annotation.Nullable;

@CustomType
public final class GetVersionsResult {
    private @Nullable String id;
    private @Nullable List<String> ids;
    private @Nullable List<GetVersionsVersion> versions;

    private GetVersionsResult() {}

    public String id() {
        return this.id;
    }
    public List<String> ids() {
        return this.ids;
    }
    public List<GetVersionsVersion> versions() {
        return this.versions;
    }

    public static Builder builder() {
        return new Builder();
    }

    @CustomType.Builder
    public static final class Builder {
        private final GetVersionsResult $ = new GetVersionsResult();

        public Builder() {}

        @CustomType.Setter("id")
        public Builder id(@Nullable String id) {
            $.id = id;
            return this;
        }
        @CustomType.Setter("ids")
        public Builder ids(@Nullable List<String> ids) {
            $.ids = ids;
            return this;
        }
        @CustomType.Setter("versions")
        public Builder versions(@Nullable List<GetVersionsVersion> versions) {
            $.versions = versions;
            return this;
        }

        public GetVersionsResult build() {
            return $;
        }
    }
}
