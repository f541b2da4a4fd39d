package io.asmdr.plan;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Address ranges of security-group rules and of the stack's own networks, and whether the first
 * lie inside the second. Nothing is looked up: a value that is not an address literal is no range.
 */
final class Internet {
    private Internet() {}

    /** One CIDR block: its family (4 or 6), first and last address, and how it was written. */
    record Range(int family, BigInteger first, BigInteger last, int prefix, String text) {
        BigInteger size() {
            return last.subtract(first).add(BigInteger.ONE);
        }

        /** {@code 2^29 addresses}, or the count when it is small. */
        String describe() {
            int bits = (family == 4 ? 32 : 128) - prefix;
            return bits > 16 ? "2^" + bits + " addresses" : size() + " address" + (bits == 0 ? "" : "es");
        }
    }

    /**
     * {@code 10.0.0.0/8}, {@code 2000::/3}, or a single address ({@code 1.2.3.4}: a /32, as the ECS API
     * takes it); empty for anything else (a name, a placeholder, a prefix out of range), which is
     * never resolved: InetAddress is handed only hex digits, dots and colons.
     */
    static Optional<Range> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        var value = text.strip();
        int slash = value.indexOf('/');
        var literal = slash < 0 ? value : value.substring(0, slash).strip();
        if (literal.isEmpty() || !literal.chars().allMatch(ch -> Character.digit(ch, 16) >= 0 || ch == '.' || ch == ':')) {
            return Optional.empty();
        }
        if (!literal.contains(":") && literal.chars().filter(ch -> ch == '.').count() != 3) {
            return Optional.empty(); // "10" or "10.1" would be read by InetAddress as a number, not as the block it looks like
        }
        byte[] bytes;
        try {
            bytes = InetAddress.getByName(literal).getAddress();
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
        if (literal.contains(":") && bytes.length == 4) {
            // an IPv4-mapped IPv6 address (::ffff:a.b.c.d), which InetAddress hands back as IPv4: it stays IPv6
            var mapped = new byte[16];
            mapped[10] = (byte) 0xff;
            mapped[11] = (byte) 0xff;
            System.arraycopy(bytes, 0, mapped, 12, 4);
            bytes = mapped;
        }
        int width = bytes.length * 8;
        int prefix;
        try {
            prefix = slash < 0 ? width : Integer.parseInt(value.substring(slash + 1).strip());
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        if (prefix < 0 || prefix > width) {
            return Optional.empty();
        }
        var address = new BigInteger(1, bytes);
        var hostBits = BigInteger.ONE.shiftLeft(width - prefix).subtract(BigInteger.ONE);
        var first = address.andNot(hostBits);
        return Optional.of(new Range(bytes.length == 4 ? 4 : 6, first, first.or(hostBits), prefix, value));
    }

    /** Whether the union of {@code own} (one family or both) covers every address of {@code range}. */
    static boolean inside(Range range, Collection<Range> own) {
        var same = new ArrayList<Range>();
        own.stream().filter(o -> o.family() == range.family()).forEach(same::add);
        same.sort(Comparator.comparing(Range::first));
        var next = range.first(); // the first address of the range not yet covered
        for (var o : same) {
            if (o.first().compareTo(next) > 0) {
                break; // a gap before this block: nothing later starts earlier
            }
            if (o.last().compareTo(next) >= 0) {
                next = o.last().add(BigInteger.ONE);
                if (next.compareTo(range.last()) > 0) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The blocks not inside another one of {@code ranges}, in address order (IPv4 first), each once: how to name a set of networks. */
    static List<String> outermost(Collection<Range> ranges) {
        var out = new TreeMap<String, Range>();
        for (var r : ranges) {
            var others = ranges.stream().filter(o -> !(o.first().equals(r.first()) && o.last().equals(r.last()))).toList();
            if (!inside(r, others)) {
                out.putIfAbsent(String.format(Locale.ROOT, "%d:%040x", r.family(), r.first()), r);
            }
        }
        return out.values().stream().map(Range::text).toList();
    }
}
