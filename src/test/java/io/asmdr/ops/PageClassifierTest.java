package io.asmdr.ops;

import io.asmdr.support.BookinfoPages;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PageClassifierTest {
    @Test
    void tellsTheReviewsVersionFromTheMarkup() {
        assertEquals(Outcome.REVIEWS_V1, PageClassifier.classify(200, BookinfoPages.v1()));
        assertEquals(Outcome.REVIEWS_V2, PageClassifier.classify(200, BookinfoPages.v2()));
        assertEquals(Outcome.REVIEWS_V3, PageClassifier.classify(200, BookinfoPages.v3()));
    }

    @Test
    void reportsDegradedPagesAsSuch() {
        assertEquals(Outcome.RATINGS_UNAVAILABLE, PageClassifier.classify(200, BookinfoPages.ratingsUnavailable()));
        assertEquals(Outcome.REVIEWS_UNAVAILABLE, PageClassifier.classify(200, BookinfoPages.reviewsUnavailable()));
        assertEquals(Outcome.HTTP_ERROR, PageClassifier.classify(503, "upstream connect error or disconnect/reset before headers"));
        assertEquals(Outcome.UNRECOGNIZED, PageClassifier.classify(200, "<html>welcome to nginx</html>"));
        // stars without a colour Bookinfo uses: a page that looks like one, but of no version
        assertEquals(Outcome.UNRECOGNIZED, PageClassifier.classify(200, BookinfoPages.v2().replace("<font color=\"black\">", "<font color=\"blue\">")));
    }

    @Test
    void countsTheTutorialsGrepLines() {
        assertEquals(2, BookinfoPages.v2().lines().filter(l -> l.matches(".*full.stars.*")).count());
        assertEquals(0, BookinfoPages.v1().lines().filter(l -> l.matches(".*full.stars.*")).count());
    }
}
