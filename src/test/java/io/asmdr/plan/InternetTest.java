package io.asmdr.plan;

import java.math.BigInteger;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Address literals only, blocks as the API takes them, and coverage by a union of blocks, edges included. */
class InternetTest {
    private static Internet.Range r(String text) {
        return Internet.parse(text).orElseThrow(() -> new AssertionError(text + " parses"));
    }

    private static List<Internet.Range> rs(String... texts) {
        return Stream.of(texts).map(InternetTest::r).toList();
    }

    private static BigInteger ip(long a, long b, long c, long d) {
        return BigInteger.valueOf((a << 24) | (b << 16) | (c << 8) | d);
    }

    @Test
    void blocksAndSingleAddressesParseToTheirFirstAndLastAddress() {
        var block = r("10.1.2.3/8");
        assertEquals(4, block.family());
        assertEquals(ip(10, 0, 0, 0), block.first(), "host bits cleared");
        assertEquals(ip(10, 255, 255, 255), block.last());
        assertEquals(8, block.prefix());
        assertEquals("10.1.2.3/8", block.text(), "written as given");
        assertEquals("2^24 addresses", block.describe());

        var single = r("1.2.3.4");
        assertEquals(32, single.prefix());
        assertEquals(single.first(), single.last());
        assertEquals("1 address", single.describe());
        assertEquals("256 addresses", r("192.168.0.0/24").describe());
        assertEquals("65536 addresses", r("192.168.0.0/16").describe());

        assertEquals(32, r(" 10.0.0.1 / 32 ").prefix(), "a /32 written out, spaces stripped");
        var everything = r("0.0.0.0/0");
        assertEquals(BigInteger.ZERO, everything.first());
        assertEquals(BigInteger.ONE.shiftLeft(32).subtract(BigInteger.ONE), everything.last());

        var v6 = r("2000::/3");
        assertEquals(6, v6.family());
        assertEquals(new BigInteger("2").shiftLeft(124), v6.first());
        assertEquals(128, r("::1").prefix());
    }

    @Test
    void anIpv4MappedIpv6AddressStaysIpv6() {
        var mapped = r("::ffff:10.0.0.1/128");
        assertEquals(6, mapped.family());
        assertEquals(new BigInteger("ffff0a000001", 16), mapped.first());
    }

    @Test
    void anythingButALiteralIsNoRangeAndIsNeverLookedUp() {
        for (var text : new String[] {null, "", "  ", "/8", "sg-12345", "pl-abc", "example.com", "10", "10.1", "10.0.0", "10.0.0.0/33",
                "10.0.0.0/-1", "10.0.0.0/x", "10.0.0.0/", "::/129", "1.2.3.4.5", "g::1"}) {
            assertTrue(Internet.parse(text).isEmpty(), text + " is no range");
        }
    }

    @Test
    void coverageByAUnionOfBlocksIncludingTheEdges() {
        assertTrue(Internet.inside(r("10.0.0.0/8"), rs("10.128.0.0/9", "10.0.0.0/9")), "two halves, in any order");
        assertFalse(Internet.inside(r("10.0.0.0/8"), rs("10.0.0.0/9", "10.128.0.1/32")), "a gap at the start of the second half");
        // blocks that each end exactly where the next address to cover is
        assertTrue(Internet.inside(r("10.0.0.0/31"), rs("10.0.0.0", "10.0.0.1")));
        // covered up to one before the last address: not inside
        assertFalse(Internet.inside(r("10.0.0.0/30"), rs("10.0.0.0/31", "10.0.0.2")));
        assertTrue(Internet.inside(r("10.0.0.0/30"), rs("10.0.0.0/31", "10.0.0.2", "10.0.0.3")));
        assertFalse(Internet.inside(r("10.0.0.0/8"), List.of()));
        assertTrue(Internet.inside(r("10.1.0.0/16"), rs("0.0.0.0/0")));
        // families never cover each other, whatever the numbers
        assertFalse(Internet.inside(r("::/96"), rs("0.0.0.0/0")), "IPv6 ::/96 has the same numbers as all of IPv4");
        assertFalse(Internet.inside(r("0.0.0.0/0"), rs("::/0")));
        assertTrue(Internet.inside(r("::/96"), rs("0.0.0.0/0", "::/0")));
    }

    @Test
    void outermostNamesEachBlockNotInsideAnotherOnceInAddressOrder() {
        assertEquals(List.of("10.0.0.0/8", "192.168.0.0/16", "fd00::/8"),
                Internet.outermost(rs("fd00::/8", "192.168.0.0/16", "10.1.0.0/16", "10.0.0.0/8", "10.0.0.0/8", "fd00:1::/32")));
        assertEquals(List.of("10.0.0.0/9", "10.128.0.0/9"), Internet.outermost(rs("10.128.0.0/9", "10.0.0.0/9")), "neighbours are both named");
        assertEquals(List.of(), Internet.outermost(List.of()));
    }
}
