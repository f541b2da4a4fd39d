package io.asmdr.ops;

import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Flow;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The capped body, driven by hand as the HTTP client drives it: the header size as on the wire,
 * the header limit at its exact edge, and a body past its cap, whose subscription is cancelled so
 * the rest is never read.
 */
class BoundedBodyTest {
    /** What the body asked of its subscription. */
    static final class Subscription implements Flow.Subscription {
        final List<Long> requested = new ArrayList<>();
        int cancelled;

        @Override
        public void request(long n) {
            requested.add(n);
        }

        @Override
        public void cancel() {
            cancelled++;
        }
    }

    static HttpHeaders headers(Map<String, List<String>> map) {
        return HttpHeaders.of(map, (name, value) -> true);
    }

    static HttpResponse.BodySubscriber<BoundedBody.Page> body(long cap, HttpHeaders headers) {
        return BoundedBody.handler(cap).apply(new HttpResponse.ResponseInfo() {
            @Override
            public int statusCode() {
                return 200;
            }

            @Override
            public HttpHeaders headers() {
                return headers;
            }

            @Override
            public HttpClient.Version version() {
                return HttpClient.Version.HTTP_1_1;
            }
        });
    }

    /** One header line of exactly {@code bytes} on the wire: name, ": ", value, CRLF. */
    static HttpHeaders headerOf(int bytes) {
        return headers(Map.of("x", List.of("v".repeat(bytes - 1 - 4))));
    }

    static ByteBuffer bytes(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void headerBytesCountNameValueAndTheFourBytesOfEachLine() {
        assertEquals(0, BoundedBody.headerBytes(headers(Map.of())));
        assertEquals(1 + 2 + 4, BoundedBody.headerBytes(headers(Map.of("a", List.of("bc")))));
        assertEquals(2 * (6 + 1 + 4) + (4 + 3 + 4), BoundedBody.headerBytes(headers(Map.of("cookie", List.of("a", "b"), "date", List.of("now")))));
    }

    @Test
    void headersAtTheLimitAreReadAndOneByteMoreIsNotAPage() throws Exception {
        var at = body(100, headerOf(BoundedBody.MAX_HEADER_BYTES));
        var s = new Subscription();
        at.onSubscribe(s);
        assertEquals(List.of(Long.MAX_VALUE), s.requested);
        assertEquals(0, s.cancelled);
        at.onNext(List.of(bytes("<html>")));
        at.onComplete();
        var page = at.getBody().toCompletableFuture().get();
        assertFalse(page.oversized());
        assertFalse(page.headersOversized());
        assertEquals(BoundedBody.MAX_HEADER_BYTES, page.headerBytes());
        assertArrayEquals("<html>".getBytes(StandardCharsets.US_ASCII), page.bytes());

        var over = body(100, headerOf(BoundedBody.MAX_HEADER_BYTES + 1));
        var t = new Subscription();
        over.onSubscribe(t);
        assertEquals(List.of(), t.requested, "the body is not asked for");
        assertEquals(1, t.cancelled, "and the response is given up");
        var refused = over.getBody().toCompletableFuture().get();
        assertTrue(refused.oversized() && refused.headersOversized());
        assertEquals(0, refused.bytes().length);
    }

    @Test
    void aBodyPastItsCapIsCutThereAndItsSubscriptionCancelledOnce() throws Exception {
        var b = body(10, headers(Map.of()));
        var s = new Subscription();
        b.onSubscribe(s);
        b.onNext(List.of(bytes("01234"), bytes("56789")));
        assertFalse(b.getBody().toCompletableFuture().isDone(), "exactly at the cap: not yet more than a page");
        assertEquals(0, s.cancelled);
        b.onNext(List.of(bytes("abc")));
        assertEquals(1, s.cancelled, "a byte past the cap: the rest is not read");
        b.onNext(List.of(bytes("def"))); // what was in flight already: ignored
        b.onComplete();
        assertEquals(1, s.cancelled);
        var page = b.getBody().toCompletableFuture().get();
        assertTrue(page.oversized());
        assertArrayEquals("0123456789".getBytes(StandardCharsets.US_ASCII), page.bytes());
    }
}
