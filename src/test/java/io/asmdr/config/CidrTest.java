package io.asmdr.config;

import java.util.Random;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CidrTest {
    private final Random random = new Random(20261125);

    private Cidr randomCidr() {
        int prefix = random.nextInt(33);
        long address = random.nextLong() & 0xFFFFFFFFL;
        long mask = prefix == 0 ? 0 : (0xFFFFFFFFL << (32 - prefix)) & 0xFFFFFFFFL;
        return new Cidr(address & mask, prefix);
    }

    @Test
    void parsesCanonicalNetworksOnly() {
        assertEquals("20.0.0.0/8", Cidr.of("20.0.0.0/8").toString());
        var why = new StringBuilder();
        assertTrue(Cidr.parse("10.0.0.1/16", why).isEmpty());
        assertTrue(why.toString().contains("10.0.0.0/16"), why.toString());
        assertTrue(Cidr.parse("10.0.0/16", new StringBuilder()).isEmpty());
        assertTrue(Cidr.parse("10.0.0.256/32", new StringBuilder()).isEmpty());
        assertTrue(Cidr.parse("10.0.0.0/33", new StringBuilder()).isEmpty());
        assertTrue(Cidr.parse("", new StringBuilder()).isEmpty());
    }

    @Test
    void printingAndParsingRoundTrip() {
        for (int i = 0; i < 2000; i++) {
            var c = randomCidr();
            assertEquals(c, Cidr.of(c.toString()));
        }
    }

    @Test
    void overlapIsSymmetricAndMatchesContainmentOfAddresses() {
        for (int i = 0; i < 5000; i++) {
            var a = randomCidr();
            var b = randomCidr();
            assertEquals(a.overlaps(b), b.overlaps(a));
            // two CIDRs overlap exactly when one contains the other
            assertEquals(a.overlaps(b), a.contains(b) || b.contains(a), a + " vs " + b);
            assertTrue(a.overlaps(a) && a.contains(a));
        }
    }

    @Test
    void tutorialPlanIsDisjoint() {
        var hz = Cidr.of("20.0.0.0/8");
        assertTrue(hz.contains(Cidr.of("20.0.0.0/16")));
        assertFalse(hz.overlaps(Cidr.of("21.0.0.0/8")));
        assertFalse(Cidr.of("10.0.0.0/16").overlaps(Cidr.of("10.1.0.0/16")));
        assertFalse(Cidr.of("172.16.0.0/16").overlaps(Cidr.of("192.168.0.0/16")));
    }

    @Test
    void anOctetWithALeadingZeroIsRefused() {
        var why = new StringBuilder();
        Assertions.assertTrue(Cidr.parse("020.0.0.0/8", why).isEmpty());
        Assertions.assertTrue(why.toString().contains("leading zero") && why.toString().contains("write 20"), why.toString());
        Assertions.assertTrue(Cidr.parse("10.0.0.0/8", new StringBuilder()).isPresent());
    }
}
