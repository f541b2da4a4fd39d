package io.asmdr.support;

/**
 * Bookinfo 1.16.2 product pages as the productpage template renders them, per
 * {@code shared/reference/bookinfo/markers.md}: the reviews column differs by version.
 */
public final class BookinfoPages {
    private BookinfoPages() {}

    private static final String HEAD = """
            <!DOCTYPE html>
            <html>
              <head>
                <title>Simple Bookstore App</title>
                <link rel="stylesheet" href="static/bootstrap/css/bootstrap.min.css">
              </head>
              <body>
            <nav class="navbar navbar-inverse navbar-static-top"><div class="container"><a class="navbar-brand" href="#">BookInfo Sample</a></div></nav>
            <div class="container-fluid">
              <div class="row">
                <div class="col-md-12">
                  <h3 class="text-center text-primary">The Comedy of Errors</h3>
                </div>
              </div>
              <div class="row">
                <div class="col-md-6">
                  <h4 class="text-center text-primary">Book Details</h4>
                  <dl><dt>Type:</dt>paperback<dt>Pages:</dt>200</dl>
                </div>
            """;
    private static final String TAIL = """
              </div>
            </div>
              </body>
            </html>
            """;

    private static final String R1 = "An extremely entertaining play by Shakespeare. The slapstick humour is refreshing!";
    private static final String R2 = "Absolutely fun and entertaining. The play lacks thematic depth when compared to other plays by Shakespeare.";

    /** One review's blockquote; {@code rating} is what the template prints under the reviewer, if anything. */
    private static String review(String text, String reviewer, String rating) {
        return """
                      <blockquote>
                        <p>%s</p>
                        <small>%s</small>
                %s      </blockquote>
                """.formatted(text, reviewer, rating);
    }

    private static String column(String reviews) {
        return """
                <div class="col-md-6">
                      <h4 class="text-center text-primary">Book Reviews</h4>
                """ + reviews + "    </div>\n";
    }

    private static String stars(String color, int full) {
        var sb = new StringBuilder("        <font color=\"" + color + "\">\n          <!-- full stars: -->\n");
        sb.append("          <span class=\"glyphicon glyphicon-star\"></span>\n".repeat(full));
        sb.append("          <!-- empty stars: -->\n");
        sb.append("          <span class=\"glyphicon glyphicon-star-empty\"></span>\n".repeat(5 - full));
        return sb.append("        </font>\n").toString();
    }

    public static String v1() {
        return HEAD + column(review(R1, "Reviewer1", "") + review(R2, "Reviewer2", "")) + TAIL;
    }

    /** v2 (black) and v3 (red): ratings v1 gives Reviewer1 five stars and Reviewer2 four. */
    public static String stars(String color) {
        return HEAD + column(review(R1, "Reviewer1", stars(color, 5)) + review(R2, "Reviewer2", stars(color, 4))) + TAIL;
    }

    public static String v2() {
        return stars("black");
    }

    public static String v3() {
        return stars("red");
    }

    public static String ratingsUnavailable() {
        var error = "        <p><i>Ratings service is currently unavailable</i></p>\n";
        return HEAD + column(review(R1, "Reviewer1", error) + review(R2, "Reviewer2", error)) + TAIL;
    }

    public static String reviewsUnavailable() {
        return HEAD + """
                <div class="col-md-6">
                      <h4 class="text-center text-primary">Error fetching product reviews!</h4>
                      <p>Sorry, product reviews are currently unavailable for this book.</p>
                    </div>
                """ + TAIL;
    }
}
