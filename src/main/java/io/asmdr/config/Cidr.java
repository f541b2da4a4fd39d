package io.asmdr.config;

import java.util.Optional;
import java.util.regex.Pattern;

/** An IPv4 network in CIDR notation; only network addresses are accepted (Alibaba Cloud rejects host bits). */
public record Cidr(long network, int prefix) implements Comparable<Cidr> {
    private static final Pattern SHAPE = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})/(\\d{1,2})");

    public Cidr {
        if (prefix < 0 || prefix > 32) {
            throw new IllegalArgumentException("prefix out of range: " + prefix);
        }
        if ((network & ~mask(prefix)) != 0) {
            throw new IllegalArgumentException("host bits set");
        }
    }

    /** Empty with the reason in {@code why} when {@code text} is not a canonical IPv4 CIDR. */
    public static Optional<Cidr> parse(String text, StringBuilder why) {
        var m = SHAPE.matcher(text == null ? "" : text.trim());
        if (!m.matches()) {
            why.append("is not an IPv4 CIDR of the form a.b.c.d/n");
            return Optional.empty();
        }
        long address = 0;
        for (int i = 1; i <= 4; i++) {
            if (m.group(i).length() > 1 && m.group(i).startsWith("0")) {
                // 020 is 20 here, 16 to tools that read octal (inet_aton); Go's net.ParseCIDR refuses it
                why.append("has octet ").append(m.group(i)).append(" with a leading zero, which tools read differently (decimal or octal);")
                        .append(" write ").append(Integer.parseInt(m.group(i)));
                return Optional.empty();
            }
            int octet = Integer.parseInt(m.group(i));
            if (octet > 255) {
                why.append("has octet ").append(octet).append(" above 255");
                return Optional.empty();
            }
            address = (address << 8) | octet;
        }
        int prefix = Integer.parseInt(m.group(5));
        if (prefix > 32) {
            why.append("has prefix /").append(prefix).append(" above /32");
            return Optional.empty();
        }
        long network = address & mask(prefix);
        if (network != address) {
            why.append("has host bits set; its network address is ").append(new Cidr(network, prefix));
            return Optional.empty();
        }
        return Optional.of(new Cidr(network, prefix));
    }

    public static Cidr of(String text) {
        var why = new StringBuilder();
        return parse(text, why).orElseThrow(() -> new IllegalArgumentException(text + " " + why));
    }

    private static long mask(int prefix) {
        return prefix == 0 ? 0 : (0xFFFFFFFFL << (32 - prefix)) & 0xFFFFFFFFL;
    }

    public long first() {
        return network;
    }

    public long last() {
        return network | (~mask(prefix) & 0xFFFFFFFFL);
    }

    public boolean contains(Cidr other) {
        return other.first() >= first() && other.last() <= last();
    }

    public boolean overlaps(Cidr other) {
        return first() <= other.last() && other.first() <= last();
    }

    @Override
    public int compareTo(Cidr o) {
        int c = Long.compare(network, o.network);
        return c != 0 ? c : Integer.compare(prefix, o.prefix);
    }

    @Override
    public String toString() {
        return ((network >> 24) & 255) + "." + ((network >> 16) & 255) + "." + ((network >> 8) & 255) + "." + (network & 255) + "/" + prefix;
    }
}
