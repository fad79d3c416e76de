package io.wirepunch.core.cli;

import io.wirepunch.core.host.Connection;
import io.wirepunch.core.multiaddr.Multiaddr;
import io.wirepunch.core.nat.ObservedAddress;
import io.wirepunch.core.nat.upnp.NodeUpnp;
import io.wirepunch.core.nat.upnp.PortMapperState;
import io.wirepunch.core.node.Node;
import io.wirepunch.core.protocol.autonat.ReachabilitySnapshot;
import io.wirepunch.core.protocol.ping.PingInitiator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The lines {@code netcheck} prints, in the words the README documents (the {@code upnp} lines are new there). */
final class NetcheckReport {
    private NetcheckReport() {}

    /** {@code reachability …}, one {@code observed …} per address, then {@code mapping …}. */
    static List<String> lines(ReachabilitySnapshot snap) {
        List<String> out = new ArrayList<>();
        out.add("reachability " + word(snap.reachability()) + " (confidence " + snap.confidence() + ")");
        for (ObservedAddress o : snap.observed()) {
            out.add("observed " + Multiaddr.fromInetSocketAddress(o.external()) + " (" + o.observers() + " observers)");
        }
        out.add("mapping " + word(snap.mapping().behaviour()));
        return out;
    }

    /**
     * {@code upnp gateway <name> at <url>} and {@code upnp external-ip <ip>} when known, then
     * {@code upnp mapped <external> -> <internal> (lease N s)} or {@code upnp unavailable: <reason>}.
     */
    static List<String> upnpLines(PortMapperState state, Throwable error) {
        return NodeUpnp.reportLines(state, error);
    }

    /** An enum constant as the output spells it: lower case, words joined by '-'. */
    static String word(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    static Duration bestRtt(Node node, Connection c, int pings) throws InterruptedException {
        PingInitiator ping = CliSupport.await(node.ping().open(c), "could not open a ping stream to " + c.remotePeer());
        Duration best = null;
        for (int i = 0; i < pings; i++) {
            Duration rtt = CliSupport.await(ping.ping(), "ping to " + c.remotePeer() + " failed");
            best = best == null || rtt.compareTo(best) < 0 ? rtt : best;
        }
        return best;
    }
}
