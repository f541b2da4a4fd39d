package io.asmdr.sandbox.cloud;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/** Small shapes every Alibaba API answer shares. */
final class Rpc {
    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

    private Rpc() {}

    /** The creation-time format of the RPC products ({@code 2026-12-06T21:00:00Z}). */
    static String time(long epochMillis) {
        return UTC.format(Instant.ofEpochMilli(epochMillis));
    }

    /** {@code {"Tag": [{"Key": k, "Value": v}, …]}}: the RPC products' tag list. */
    static ObjectNode tagList(ObjectNode tags) {
        var out = CloudState.object();
        var list = out.putArray("Tag");
        tags.fields().forEachRemaining(e -> list.addObject().put("Key", e.getKey()).put("Value", e.getValue().asText()));
        return out;
    }

    /** Adds (or replaces) tags on a record's {@code _tags}. */
    static void tag(ObjectNode record, Map<String, String> tags) {
        var held = record.with("_tags");
        tags.forEach(held::put);
    }

    static void untag(ObjectNode record, Iterable<String> keys) {
        var held = record.with("_tags");
        keys.forEach(held::remove);
    }

    /** {@code {"Name": [values…]}}: the RPC products' way of wrapping a list. */
    static ObjectNode wrapped(String name, Iterable<String> values) {
        var out = CloudState.object();
        ArrayNode list = out.putArray(name);
        values.forEach(list::add);
        return out;
    }

    static ObjectNode ok() {
        return CloudState.object();
    }
}
