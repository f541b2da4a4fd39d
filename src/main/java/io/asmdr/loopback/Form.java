package io.asmdr.loopback;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** The parameters of a request to a loopback stand-in of a cloud API: its query and, for a form POST, its body. */
public final class Form {
    /** The largest body read; an Alibaba API call is a few kilobytes (a kubeconfig-sized field at most). */
    public static final int MAX_BODY = 1024 * 1024;

    private Form() {}

    /**
     * Query parameters and, unless the body is JSON, the body's form parameters. Returns the raw body too,
     * for callers that want JSON ({@code body[0]}).
     */
    public static Map<String, String> params(HttpExchange exchange, byte[][] body) throws IOException {
        var params = new LinkedHashMap<String, String>();
        decode(exchange.getRequestURI().getRawQuery(), params);
        var type = String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type"));
        var bytes = exchange.getRequestBody().readNBytes(MAX_BODY);
        if (bytes.length > 0 && !type.contains("json")) {
            decode(new String(bytes, StandardCharsets.UTF_8), params);
        }
        if (body != null && body.length > 0) {
            body[0] = bytes;
        }
        return params;
    }

    static void decode(String form, Map<String, String> into) {
        if (form == null || form.isEmpty()) {
            return;
        }
        for (var pair : form.split("&")) {
            var eq = pair.indexOf('=');
            var key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            into.put(key, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
    }
}
