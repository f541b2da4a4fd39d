package io.asmdr.plan;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** How much of the address space a source CIDR of a security-group rule admits. */
final class Internet {
    private Internet() {}

    /**
     * Whether {@code cidr} (IPv4 or IPv6) spans at least a quarter of its address family: {@code 0.0.0.0/0},
     * {@code 0.0.0.0/1}, {@code 128.0.0.0/2}, {@code ::/0}, {@code 2000::/2}... Anything that wide is
     * the internet for a node's security group, whatever its exact bits; the peers' CIDRs are /8 or
     * narrower. A value that is not a CIDR (an unknown) does not count.
     */
    static boolean coversAQuarterOrMore(String cidr) {
        int slash = cidr.indexOf('/');
        if (slash < 0) {
            return false;
        }
        var literal = cidr.substring(0, slash).strip();
        if (literal.isEmpty() || !literal.chars().allMatch(ch -> Character.digit(ch, 16) >= 0 || ch == '.' || ch == ':')) {
            return false; // never a name: InetAddress would look it up
        }
        try {
            var address = InetAddress.getByName(literal);
            int prefix = Integer.parseInt(cidr.substring(slash + 1).strip());
            return prefix >= 0 && prefix <= 2 && (address.getAddress().length == 4 || address.getAddress().length == 16);
        } catch (UnknownHostException | NumberFormatException e) {
            return false;
        }
    }
}
