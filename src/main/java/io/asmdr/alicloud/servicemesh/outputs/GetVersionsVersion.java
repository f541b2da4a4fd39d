// Thin binding mirroring com.pulumi.alicloud (3.105.0); held against shared/reference/alicloud-schema.json by AlicloudSchemaTest.
package io.asmdr.alicloud.servicemesh.outputs;

import com.pulumi.core.annotations.CustomType;
import javax.annotation.Nullable;

@CustomType
public final class GetVersionsVersion {
    private @Nullable String id;
    private @Nullable String edition;
    private @Nullable String version;

    private GetVersionsVersion() {}

    public String id() {
        return this.id;
    }
    public String edition() {
        return this.edition;
    }
    public String version() {
        return this.version;
    }

    public static Builder builder() {
        return new Builder();
    }

    @CustomType.Builder
    public static final class Builder {
        private final GetVersionsVersion $ = new GetVersionsVersion();

        public Builder() {}

        @CustomType.Setter("id")
        public Builder id(@Nullable String id) {
            $.id = id;
            return this;
        }
        @CustomType.Setter("edition")
        public Builder edition(@Nullable String edition) {
            $.edition = edition;
            return this;
        }
        @CustomType.Setter("version")
        public Builder version(@Nullable String version) {
            $.version = version;
            return this;
        }

        public GetVersionsVersion build() {
            return $;
        }
    }
}
