package io.asmdr.validation;

/** One thing wrong with the stack config: where, what was there, why it cannot work, and what to do. */
public record Problem(String key, String value, String conflict, String fix) {
    @Override
    public String toString() {
        var end = conflict.endsWith("?") || conflict.endsWith(".") ? " " : ". ";
        return key + " = " + value + ": " + conflict + end + "Fix: " + fix;
    }
}
