package io.asmdr.sandbox.cloud;

import java.util.Map;
import java.time.Duration;

/**
 * How long the emulated cloud takes to make a resource ready: the real duration, scaled down. The
 * real figures are written beside each use (Alibaba's documentation or the provider's own waits);
 * the scale is {@code ASM_DR_SANDBOX_TIME_SCALE} (default 0.02: ten minutes become twelve seconds),
 * and no delay is shorter than {@link #floor} so that the provider's polling still sees the pending
 * status at least once when it polls at once.
 */
public record Timing(double scale, Duration floor) {
    public static final double DEFAULT_SCALE = 0.02;

    public Timing {
        if (!(scale >= 0 && scale <= 1)) {
            throw new IllegalArgumentException("the sandbox time scale must be within 0..1, not " + scale);
        }
    }

    /** The standard timing, scaled by {@code ASM_DR_SANDBOX_TIME_SCALE} when it is set. */
    public static Timing fromEnvironment(Map<String, String> environment) {
        var scale = environment.get("ASM_DR_SANDBOX_TIME_SCALE");
        if (scale == null || scale.isBlank()) {
            return standard();
        }
        try {
            return new Timing(Double.parseDouble(scale.strip()), standard().floor());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("ASM_DR_SANDBOX_TIME_SCALE must be a number within 0..1, not '" + scale + "'");
        }
    }

    public static Timing standard() {
        return new Timing(DEFAULT_SCALE, Duration.ofMillis(500));
    }

    /** The scaled delay, in milliseconds, of something that takes {@code real} in the real cloud. */
    public long ms(Duration real) {
        return Math.max(floor.toMillis(), Math.round(real.toMillis() * scale));
    }
}
