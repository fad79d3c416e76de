package io.wirepunch.core.cli;

import io.wirepunch.core.nat.Cidr;
import io.wirepunch.core.nat.PublicRanges;
import io.wirepunch.core.protocol.autonat.AutoNatConfig;
import java.net.InetAddress;
import java.util.List;
import picocli.CommandLine.Option;

/** {@code --public-ranges}, shared by {@code node}, {@code ping} and {@code netcheck}. */
final class ReachabilityOptions {
    /** The loopback addresses: a declared range that holds one means a testbed whose nodes share one host. */
    private static final List<InetAddress> LOOPBACK = List.of(address(127, 0, 0, 1),
            address(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1));

    @Option(names = "--public-ranges", paramLabel = "CIDR[,CIDR...]",
            description = "Treat these ranges as public, for a testbed (default: none, only the Internet's own public"
                    + " addresses). A range that holds a loopback address also lets peers at our own IP observe us"
                    + " and dial us back, since nodes on one host share it.")
    String publicRanges;

    AutoNatConfig autonat() {
        if (publicRanges == null) {
            return AutoNatConfig.defaults();
        }
        PublicRanges ranges;
        try {
            ranges = PublicRanges.parse(publicRanges);
        } catch (IllegalArgumentException e) {
            throw new CliException("--public-ranges: " + e.getMessage());
        }
        AutoNatConfig config = AutoNatConfig.defaults().withPublicRanges(ranges);
        return coversLoopback(ranges) ? config.forSingleHost() : config;
    }

    private static InetAddress address(int... octets) {
        byte[] bytes = new byte[octets.length];
        for (int i = 0; i < octets.length; i++) {
            bytes[i] = (byte) octets[i];
        }
        try {
            return InetAddress.getByAddress(bytes);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException("4 or 16 bytes are always an address", e);
        }
    }

    private static boolean coversLoopback(PublicRanges ranges) {
        for (Cidr range : ranges.extraRanges()) {
            if (LOOPBACK.stream().anyMatch(range::contains)) {
                return true;
            }
        }
        return false;
    }
}
