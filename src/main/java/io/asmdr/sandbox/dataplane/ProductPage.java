package io.asmdr.sandbox.dataplane;

import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * One request to {@code /productpage} through an ingress gateway, hop by hop as Bookinfo 1.16.2 makes it
 * (reference/bookinfo/markers.md): the gateway calls a {@code productpage}, which calls a {@code reviews}; reviews
 * v2 and v3 call {@code ratings}. Each hop picks a region with {@link LocalityLb} from the caller's region and then
 * one of that region's ready endpoints; the page carries the markers of the reviews version that answered, the
 * ratings error when no ratings endpoint can be called, and the reviews error when no reviews endpoint can.
 */
final class ProductPage {
    /** Envoy's body when a cluster has no endpoint it may call. */
    static final String NO_HEALTHY_UPSTREAM = "no healthy upstream";
    /** Envoy's body when the chosen endpoint does not answer (silent, and no outlier detection ejected it). */
    static final String CONNECT_TIMEOUT = "upstream connect error or disconnect/reset before headers. reset reason: connection timeout";

    private ProductPage() {}

    record Response(int status, String body) {}

    static Response serve(String gatewayRegion, MeshSnapshot mesh, RandomGenerator random) {
        if (mesh.unsupported().isPresent()) {
            return new Response(500, mesh.unsupported().get() + "\n");
        }
        var productpage = call(gatewayRegion, "productpage", mesh, random);
        if (productpage == null) {
            return new Response(503, NO_HEALTHY_UPSTREAM);
        }
        if (productpage.silent()) {
            return new Response(503, CONNECT_TIMEOUT);
        }
        var reviews = call(productpage.region(), "reviews", mesh, random);
        if (reviews == null || reviews.endpoint().silent()) {
            return new Response(200, page(reviewsError()));
        }
        var version = reviews.endpoint().version();
        if (version.equals("v1")) {
            return new Response(200, page(reviewsColumn(null, false)));
        }
        var ratings = call(reviews.region(), "ratings", mesh, random);
        boolean ratingsAnswer = ratings != null && !ratings.endpoint().silent();
        return switch (version) {
            case "v2" -> new Response(200, page(reviewsColumn("black", !ratingsAnswer)));
            case "v3" -> new Response(200, page(reviewsColumn("red", !ratingsAnswer)));
            default -> new Response(500, "the sandbox's data plane does not know reviews version '" + version + "'");
        };
    }

    /** The endpoint a call reached, and its region. */
    private record Reached(String region, MeshSnapshot.Endpoint endpoint) {
        boolean silent() {
            return endpoint.silent();
        }
    }

    /** One call from a region: a region by Envoy's locality choice, then one of its callable endpoints; null when none. */
    private static Reached call(String from, String service, MeshSnapshot mesh, RandomGenerator random) {
        var region = pick(from, service, mesh, random);
        if (region == null) {
            return null;
        }
        var endpoints = mesh.callable(service, region);
        return endpoints.isEmpty() ? null : new Reached(region, endpoints.get(random.nextInt(endpoints.size())));
    }

    /** The region whose endpoint a caller in {@code from} calls, or null when there is none. */
    private static String pick(String from, String service, MeshSnapshot mesh, RandomGenerator random) {
        var shares = LocalityLb.shares(from, mesh.policies().get(service), mesh.endpointsOf(service));
        double x = random.nextDouble();
        String last = null;
        for (Map.Entry<String, Double> e : shares.entrySet()) {
            last = e.getKey();
            x -= e.getValue();
            if (x < 0) {
                return last;
            }
        }
        return last;
    }

    private static String page(String reviewsColumn) {
        return "<!DOCTYPE html>\n<html>\n<head><title>Simple Bookstore App</title></head>\n<body>\n"
                + "<div class=\"container-fluid\">\n  <div class=\"row\">\n    <div class=\"col-md-12\">\n"
                + "      <h3 class=\"text-center text-primary\">The Comedy of Errors</h3>\n    </div>\n  </div>\n"
                + "  <div class=\"row\">\n" + reviewsColumn + "  </div>\n</div>\n</body>\n</html>\n";
    }

    private static String reviewsError() {
        return "<div class=\"col-md-6\">\n      <h4 class=\"text-center text-primary\">Error fetching product reviews!</h4>\n"
                + "      <p>Sorry, product reviews are currently unavailable for this book.</p>\n    </div>\n";
    }

    /** The reviews column: no rating (color null), stars in a color, or the ratings error. */
    private static String reviewsColumn(String color, boolean ratingsError) {
        var out = new StringBuilder("<div class=\"col-md-6\">\n      <h4 class=\"text-center text-primary\">Book Reviews</h4>\n");
        out.append(review("An extremely entertaining play by Shakespeare. The slapstick humour is refreshing!", "Reviewer1", color, 5, ratingsError));
        out.append(review("Absolutely fun and entertaining. The play lacks thematic depth when compared to other plays by Shakespeare.",
                "Reviewer2", color, 4, ratingsError));
        return out.append("    </div>\n").toString();
    }

    private static String review(String text, String reviewer, String color, int stars, boolean ratingsError) {
        var out = new StringBuilder("      <blockquote>\n        <p>" + text + "</p>\n        <small>" + reviewer + "</small>\n");
        if (color != null && ratingsError) {
            out.append("        <p><i>Ratings service is currently unavailable</i></p>\n");
        } else if (color != null) {
            out.append("        <font color=\"").append(color).append("\">\n          <!-- full stars: -->\n");
            out.append("          <span class=\"glyphicon glyphicon-star\"></span>\n".repeat(stars));
            out.append("          <!-- empty stars: -->\n");
            out.append("          <span class=\"glyphicon glyphicon-star-empty\"></span>\n".repeat(5 - stars));
            out.append("        </font>\n");
        }
        return out.append("      </blockquote>\n").toString();
    }
}
