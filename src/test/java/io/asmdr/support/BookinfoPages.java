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

    public static String v1() {
        return HEAD + """
                <div class="col-md-6">
                      <h4 class="text-center text-primary">Book Reviews</h4>
                      <blockquote>
                        <p>%s</p>
                        <small>Reviewer1</small>
                      </blockquote>
                      <blockquote>
                        <p>%s</p>
                        <small>Reviewer2</small>
                      </blockquote>
                    </div>
                """.formatted(R1, R2) + TAIL;
    }

    public static String stars(String color) {
        return HEAD + """
                <div class="col-md-6">
                      <h4 class="text-center text-primary">Book Reviews</h4>
                      <blockquote>
                        <p>%1$s</p>
                        <small>Reviewer1</small>
                        <font color="%3$s">
                          <!-- full stars: -->
                          <span class="glyphicon glyphicon-star"></span>
                          <span class="glyphicon glyphicon-star"></span>
                          <span class="glyphicon glyphicon-star"></span>
                          <span class="glyphicon glyphicon-star"></span>
                          <span class="glyphicon glyphicon-star"></span>
                          <!-- empty stars: -->
                        </font>
                      </blockquote>
                      <blockquote>
                        <p>%2$s</p>
                        <small>Reviewer2</small>
                        <font color="%3$s">
                          <!-- full stars: -->
                          <span class="glyphicon glyphicon-star"></span>
                          <span class="glyphicon glyphicon-star"></span>
                          <span class="glyphicon glyphicon-star"></span>
                          <span class="glyphicon glyphicon-star"></span>
                          <!-- empty stars: -->
                          <span class="glyphicon glyphicon-star-empty"></span>
                        </font>
                      </blockquote>
                    </div>
                """.formatted(R1, R2, color) + TAIL;
    }

    public static String v2() {
        return stars("black");
    }

    public static String v3() {
        return stars("red");
    }

    public static String ratingsUnavailable() {
        return HEAD + """
                <div class="col-md-6">
                      <h4 class="text-center text-primary">Book Reviews</h4>
                      <blockquote>
                        <p>%s</p>
                        <small>Reviewer1</small>
                        <p><i>Ratings service is currently unavailable</i></p>
                      </blockquote>
                      <blockquote>
                        <p>%s</p>
                        <small>Reviewer2</small>
                        <p><i>Ratings service is currently unavailable</i></p>
                      </blockquote>
                    </div>
                """.formatted(R1, R2) + TAIL;
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
