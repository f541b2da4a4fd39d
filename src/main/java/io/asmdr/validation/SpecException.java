package io.asmdr.validation;

import com.pulumi.exceptions.RunException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Thrown before any resource is registered when the stack config cannot describe a working
 * deployment. A {@link RunException}, so the Pulumi engine shows the message without a stack trace.
 */
public class SpecException extends RunException {
    private final List<Problem> problems;

    public SpecException(List<Problem> problems) {
        super(render(problems));
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }

    private static String render(List<Problem> problems) {
        if (problems.size() == 1) {
            return "invalid stack config: " + problems.get(0);
        }
        return "invalid stack config (" + problems.size() + " problems):" + problems.stream()
                .map(p -> "\n  - " + p)
                .collect(Collectors.joining());
    }
}
