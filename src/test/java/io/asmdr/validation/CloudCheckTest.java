package io.asmdr.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** A question to a region that fails or never answers becomes one problem that names the outage switch. */
class CloudCheckTest {
    @Test
    void anAnswerPassesThrough() {
        var problem = new Problem("asm-dr:regions[0].cluster.version", "1.0", "unknown", "pick another");
        var answer = CloudCheck.asked("cn-beijing", "DescribeKubernetesVersionMetadata", CompletableFuture.completedFuture(List.of(problem)));
        assertEquals(List.of(problem), answer.join());
    }

    @Test
    void aFailedQuestionNamesTheRegionAndTheSetting() {
        var failed = CompletableFuture.<List<Problem>>failedFuture(new IllegalStateException("ServiceUnavailable: The request has failed due to a temporary failure of the server.\nmore"));
        var e = assertThrows(SpecException.class, () -> CloudCheck.require(List.of(
                CloudCheck.asked("cn-beijing", "ListTransitRouterAvailableResource", failed))));
        var text = e.getMessage();
        assertTrue(text.contains("asm-dr:unavailableRegions") && text.contains("cn-beijing") && text.contains("ListTransitRouterAvailableResource")
                && text.contains("ServiceUnavailable") && !text.contains("more"), text);
    }

    @Test
    void aQuestionWithoutAnAnswerEndsAtItsDeadline() {
        long t = System.nanoTime();
        var never = new CompletableFuture<List<Problem>>();
        var problems = CloudCheck.asked("cn-beijing", "DescribeKubernetesVersionMetadata", never, Duration.ofMillis(200)).join();
        assertEquals(1, problems.size());
        assertTrue(problems.get(0).toString().contains("no answer within"), problems.toString());
        assertTrue(problems.get(0).fix().contains("asm-dr:unavailableRegions"), problems.toString());
        assertTrue(System.nanoTime() - t < Duration.ofSeconds(30).toNanos(), "bounded by its deadline");
    }

    @Test
    void everyRegionsProblemIsReportedInOneRun() {
        var a = CloudCheck.asked("cn-beijing", "Q", CompletableFuture.failedFuture(new IllegalStateException("503")));
        var b = CloudCheck.asked("cn-shanghai", "Q", CompletableFuture.failedFuture(new IllegalStateException("503")));
        var e = assertThrows(SpecException.class, () -> CloudCheck.require(List.of(a, b)));
        assertTrue(e.getMessage().contains("cn-beijing") && e.getMessage().contains("cn-shanghai"), e.getMessage());
    }
}
