package io.asmdr.ops;

/** What one request to {@code /productpage} showed. Only the first three are pages a region served in full. */
public enum Outcome {
    REVIEWS_V1("reviews v1 (no stars)"),
    REVIEWS_V2("reviews v2 (black stars)"),
    REVIEWS_V3("reviews v3 (red stars)"),
    RATINGS_UNAVAILABLE("ratings unavailable (v2/v3 page without stars)"),
    REVIEWS_UNAVAILABLE("reviews unavailable (error page)"),
    UNRECOGNIZED("200 but not a Bookinfo product page"),
    HTTP_ERROR("HTTP error status"),
    OVERSIZED("page larger than --max-page-bytes, or headers above 64 KiB (not read further)"),
    TIMEOUT("timeout (no complete page within --timeout)"),
    CONNECTION_ERROR("connection error"),
    CLIENT_FAILURE("failed inside verify (see the sample)"),
    NOT_SENT("not sent: --max-duration reached");

    private final String label;

    Outcome(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The reviews version of a fully served page, or null. */
    public String version() {
        return switch (this) {
            case REVIEWS_V1 -> "v1";
            case REVIEWS_V2 -> "v2";
            case REVIEWS_V3 -> "v3";
            default -> null;
        };
    }

    public static Outcome ofVersion(String version) {
        return switch (version) {
            case "v1" -> REVIEWS_V1;
            case "v2" -> REVIEWS_V2;
            case "v3" -> REVIEWS_V3;
            default -> throw new IllegalArgumentException("no reviews version " + version);
        };
    }
}
