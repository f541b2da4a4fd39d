package io.asmdr.ops;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpHeaders;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * A response body read up to a cap: productpage is about 5 KB, so a page of megabytes is not one, and
 * reading it whole with several requests in flight would take the heap (50 MB pages at concurrency 8
 * reached 2.7 GB). Past the cap the subscription is cancelled and the page counts as oversized. So
 * does a response whose headers are larger than {@link #MAX_HEADER_BYTES}: no gateway sends that
 * (Envoy refuses response headers above 60 KiB), so it is not a served page, however it looks.
 */
final class BoundedBody implements HttpResponse.BodySubscriber<BoundedBody.Page> {
    /** Envoy's default limit on response headers is 60 KiB; a little above it. */
    static final int MAX_HEADER_BYTES = 64 * 1024;

    /** What was read: the bytes up to the cap, whether there was more, and the size of the headers. */
    record Page(byte[] bytes, boolean oversized, long headerBytes) {
        boolean headersOversized() {
            return headerBytes > MAX_HEADER_BYTES;
        }
    }

    private final long cap;
    private final long headerBytes;
    private final CompletableFuture<Page> result = new CompletableFuture<>();
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    private Flow.Subscription subscription;

    private BoundedBody(long cap, long headerBytes) {
        this.cap = cap;
        this.headerBytes = headerBytes;
    }

    static HttpResponse.BodyHandler<Page> handler(long cap) {
        return info -> new BoundedBody(cap, headerBytes(info.headers()));
    }

    /** Names, values and the ": " and CRLF of each header line, as on the wire. */
    static long headerBytes(HttpHeaders headers) {
        long total = 0;
        for (var e : headers.map().entrySet()) {
            for (var v : e.getValue()) {
                total += e.getKey().length() + v.length() + 4;
            }
        }
        return total;
    }

    @Override
    public CompletionStage<Page> getBody() {
        return result;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        this.subscription = subscription;
        if (headerBytes > MAX_HEADER_BYTES) {
            subscription.cancel(); // not a page: the body is not read at all
            result.complete(new Page(new byte[0], true, headerBytes));
            return;
        }
        subscription.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
        if (result.isDone()) {
            return;
        }
        for (var item : items) {
            int room = (int) Math.max(0, cap - buffer.size());
            int take = Math.min(room, item.remaining());
            var chunk = new byte[take];
            item.get(chunk);
            buffer.write(chunk, 0, take);
            if (item.hasRemaining()) {
                subscription.cancel();
                result.complete(new Page(buffer.toByteArray(), true, headerBytes));
                return;
            }
        }
    }

    @Override
    public void onError(Throwable throwable) {
        result.completeExceptionally(throwable);
    }

    @Override
    public void onComplete() {
        result.complete(new Page(buffer.toByteArray(), false, headerBytes));
    }
}
