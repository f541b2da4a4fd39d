package io.asmdr.sandbox.cloud;

/** IPv4 CIDR blocks as the real APIs check them: well formed, and not overlapping where they must not. */
final class Cidr {
    private final long base;
    private final int bits;

    private Cidr(long base, int bits) {
        this.base = base;
        this.bits = bits;
    }

    /** The block, or the caller's error naming {@code field}. */
    static Cidr valid(String field, String text) {
        var slash = text.indexOf('/');
        var parts = slash < 0 ? new String[0] : text.substring(0, slash).split("\\.", -1);
        try {
            if (parts.length != 4) {
                throw new NumberFormatException();
            }
            long address = 0;
            for (var part : parts) {
                var octet = Integer.parseInt(part);
                if (octet < 0 || octet > 255) {
                    throw new NumberFormatException();
                }
                address = address << 8 | octet;
            }
            var bits = Integer.parseInt(text.substring(slash + 1));
            if (bits < 0 || bits > 32) {
                throw new NumberFormatException();
            }
            var mask = bits == 0 ? 0 : (0xFFFFFFFFL << (32 - bits)) & 0xFFFFFFFFL;
            return new Cidr(address & mask, bits);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("InvalidParameter.Cidr", field + " '" + text + "' is not an IPv4 CIDR block (a.b.c.d/n).");
        }
    }

    boolean overlaps(Cidr other) {
        var bits = Math.min(this.bits, other.bits);
        var mask = bits == 0 ? 0 : (0xFFFFFFFFL << (32 - bits)) & 0xFFFFFFFFL;
        return (base & mask) == (other.base & mask);
    }

    /** Refuses {@code a} overlapping {@code b} (skipped when {@code b} is empty). */
    static void disjoint(String fieldA, String a, String fieldB, String b) {
        if (b == null || b.isEmpty()) {
            return;
        }
        if (valid(fieldA, a).overlaps(valid(fieldB, b))) {
            throw ApiException.badRequest("InvalidParameter.CidrConflict", fieldA + " " + a + " overlaps " + fieldB + " " + b
                    + "; choose a block outside it.");
        }
    }
}
