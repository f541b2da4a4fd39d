package io.asmdr.engine;

import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import io.asmdr.plan.PlannedResource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns the property structs the SDK sends to the engine into plain JSON-ready values, the way
 * {@code pulumi preview --json} shows them: secrets as {@code [secret]} (their value never leaves
 * this class; pkg/backend/display/json.go MassageSecrets), unknowns as the engine's computed-value
 * placeholder (pkg/resource/stack/deployment.go computedValuePlaceholder), resource references as
 * their URN, whole numbers
 * without a fraction, map keys sorted so the output is byte-stable.
 */
public final class Wire {
    public static final String SECRET = "[secret]";
    /** What the preview JSON shows for a value that is not known until the resource exists. */
    public static final String UNKNOWN = PlannedResource.UNKNOWN;
    private static final String SIG = "4dabf18193072939515e22adb298388d";
    private static final String SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
    private static final String RESOURCE_SIG = "5cf8f73096256a8f31e491e813e4eb8e";

    private Wire() {}

    static Map<String, Object> toMap(Struct struct) {
        var out = new TreeMap<String, Object>();
        struct.getFieldsMap().forEach((k, v) -> out.put(k, toPlain(v)));
        return out;
    }

    static Object toPlain(Value value) {
        return switch (value.getKindCase()) {
            case NULL_VALUE, KIND_NOT_SET -> null;
            case BOOL_VALUE -> value.getBoolValue();
            case NUMBER_VALUE -> {
                double d = value.getNumberValue();
                yield d == Math.rint(d) && Math.abs(d) < 1e15 ? (Object) (long) d : (Object) d;
            }
            case STRING_VALUE -> value.getStringValue(); // the SDK's unknown sentinel is the same string as the display's placeholder
            case LIST_VALUE -> {
                var list = new ArrayList<Object>();
                value.getListValue().getValuesList().forEach(v -> list.add(toPlain(v)));
                yield List.copyOf(list);
            }
            case STRUCT_VALUE -> {
                var fields = value.getStructValue().getFieldsMap();
                var sig = fields.get(SIG);
                if (sig != null && SECRET_SIG.equals(sig.getStringValue())) {
                    yield SECRET;
                }
                if (sig != null && RESOURCE_SIG.equals(sig.getStringValue())) {
                    yield fields.get("urn").getStringValue();
                }
                yield toMap(value.getStructValue());
            }
        };
    }
}
