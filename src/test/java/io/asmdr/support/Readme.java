package io.asmdr.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Generated sections of the README, between {@code <!-- NAME:begin -->} and {@code <!-- NAME:end -->} markers. */
public final class Readme {
    private Readme() {}

    /** The text between the markers of {@code name}; fails the test when they are missing. */
    public static String section(String name) throws IOException {
        var readme = Files.readString(Path.of("README.md"));
        var begin = "<!-- " + name + ":begin -->\n";
        var end = "<!-- " + name + ":end -->";
        int from = readme.indexOf(begin);
        int to = readme.indexOf(end);
        if (from < 0 || to < from) {
            throw new AssertionError("README.md has no " + begin.trim() + " … " + end + " section");
        }
        return readme.substring(from + begin.length(), to);
    }
}
