package io.asmdr.kube;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Import;
import com.pulumi.kubernetes.meta.v1.inputs.ObjectMetaArgs;
import com.pulumi.resources.ResourceArgs;
import java.util.Map;
import java.util.Objects;

public final class CustomResourceArgs extends ResourceArgs {
    @Import(name = "apiVersion", required = true)
    private Output<String> apiVersion;

    @Import(name = "kind", required = true)
    private Output<String> kind;

    @Import(name = "metadata")
    private Output<ObjectMetaArgs> metadata;

    @Import(name = "spec")
    private Output<Map<String, Object>> spec;

    private String apiVersionValue;
    private String kindValue;

    private CustomResourceArgs() {}

    String apiVersionValue() {
        return apiVersionValue;
    }

    String kindValue() {
        return kindValue;
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private final CustomResourceArgs $ = new CustomResourceArgs();

        /** The type token is built from these, so they are plain values, not outputs. */
        public Builder apiVersion(String apiVersion) {
            $.apiVersionValue = apiVersion;
            $.apiVersion = Output.of(apiVersion);
            return this;
        }

        public Builder kind(String kind) {
            $.kindValue = kind;
            $.kind = Output.of(kind);
            return this;
        }

        public Builder metadata(ObjectMetaArgs metadata) {
            $.metadata = Output.of(metadata);
            return this;
        }

        public Builder spec(Map<String, Object> spec) {
            return spec(Output.of(spec));
        }

        public Builder spec(Output<Map<String, Object>> spec) {
            $.spec = spec;
            return this;
        }

        public CustomResourceArgs build() {
            Objects.requireNonNull($.apiVersionValue, "apiVersion");
            Objects.requireNonNull($.kindValue, "kind");
            return $;
        }
    }
}
