package io.asmdr.ops;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * A response body read up to a cap: productpage is about 5 KB, so a page of megabytes is not one, and
 * reading it whole with several requests in flight would take the heap (50 MB pages at concurrency 8
 * reached 2.7 GB). Past the cap the subscription is cancelled and the page counts as oversized.
 */
final class BoundedBody implements HttpResponse.BodySubscriber<BoundedBody.Page> {
    /** What was read: the bytes up to the cap, and whether there was more. */
    record Page(byte[] bytes, boolean oversized) {}

    private final long cap;
    private final CompletableFuture<Page> result = new CompletableFuture<>();
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    private Flow.Subscription subscription;

    private BoundedBody(long cap) {
        this.cap = cap;
    }

    static HttpResponse.BodyHandler<Page> handler(long cap) {
        return info -> new BoundedBody(cap);
    }

    @Override
    public CompletionStage<Page> getBody() {
        return result;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        this.subscription = subscription;
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
                result.complete(new Page(buffer.toByteArray(), true));
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
        result.complete(new Page(buffer.toByteArray(), false));
    }
}
