package io.asmdr.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Generated sections of the README and docs/, between {@code <!-- NAME:begin -->} and {@code <!-- NAME:end -->} markers. */
public final class Readme {
    private Readme() {}

    /** The text between the markers of {@code name}; fails the test when they are missing. */
    public static String section(String name) throws IOException {
        return section(Path.of("README.md"), name);
    }

    /** The same in another Markdown file ({@code docs/configuration.md}). */
    public static String section(Path file, String name) throws IOException {
        var readme = Files.readString(file);
        var begin = "<!-- " + name + ":begin -->\n";
        var end = "<!-- " + name + ":end -->";
        int from = readme.indexOf(begin);
        int to = readme.indexOf(end);
        if (from < 0 || to < from) {
            throw new AssertionError(file + " has no " + begin.trim() + " … " + end + " section");
        }
        return readme.substring(from + begin.length(), to);
    }
}
