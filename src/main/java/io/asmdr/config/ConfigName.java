package io.asmdr.config;

import java.util.Arrays;
import java.util.Optional;

/** An enum constant with the spelling users write in stack config. */
public interface ConfigName {
    String configName();

    static <E extends Enum<E> & ConfigName> Optional<E> parse(Class<E> type, String value) {
        return Arrays.stream(type.getEnumConstants()).filter(e -> e.configName().equals(value)).findFirst();
    }
}
