package io.asmdr.ops;

/**
 * Tells which reviews version rendered a Bookinfo 1.16.2 product page, from the markup in
 * {@code shared/reference/bookinfo/markers.md}: v2 and v3 print {@code <!-- full stars: -->} inside
 * {@code <font color="black">} or {@code <font color="red">}; v1 prints the reviews with no rating;
 * v2/v3 without ratings print the ratings error instead of stars; a failed reviews call prints
 * the "Error fetching product reviews" heading.
 */
public final class PageClassifier {
    static final String FULL_STARS = "<!-- full stars: -->";
    static final String REVIEWS_ERROR = "Error fetching product reviews";
    static final String RATINGS_ERROR = "Ratings service is currently unavailable";
    static final String REVIEWS_HEADING = "Book Reviews";

    private PageClassifier() {}

    public static Outcome classify(int status, String body) {
        if (status != 200) {
            return Outcome.HTTP_ERROR;
        }
        if (body.contains(REVIEWS_ERROR)) {
            return Outcome.REVIEWS_UNAVAILABLE;
        }
        if (body.contains(FULL_STARS)) {
            if (body.contains("<font color=\"red\">")) {
                return Outcome.REVIEWS_V3;
            }
            if (body.contains("<font color=\"black\">")) {
                return Outcome.REVIEWS_V2;
            }
            return Outcome.UNRECOGNIZED;
        }
        if (body.contains(RATINGS_ERROR)) {
            return Outcome.RATINGS_UNAVAILABLE;
        }
        if (body.contains(REVIEWS_HEADING) && body.contains("Reviewer1")) {
            return Outcome.REVIEWS_V1;
        }
        return Outcome.UNRECOGNIZED;
    }
}
