package io.asmdr.mesh;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** ASM version strings ({@code v1.22.6.66-g1234abc-aliyun}) compared by their numeric part. */
public final class AsmVersions {
    private AsmVersions() {}

    static int[] numbers(String version) {
        var core = version.startsWith("v") ? version.substring(1) : version;
        int dash = core.indexOf('-');
        if (dash >= 0) {
            core = core.substring(0, dash);
        }
        return Arrays.stream(core.split("\\.")).mapToInt(part -> {
            try {
                return Integer.parseInt(part);
            } catch (NumberFormatException e) {
                return 0;
            }
        }).toArray();
    }

    public static final Comparator<String> ORDER = (a, b) -> Arrays.compare(numbers(a), numbers(b));

    public static Optional<String> newest(List<String> versions) {
        return versions.stream().max(ORDER);
    }
}
