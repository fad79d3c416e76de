package io.wirepunch.core.nat;

import io.wirepunch.core.identity.PeerId;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * One report from identify: through our connection whose local end is {@code local}, the peer
 * {@code observer}, reached at {@code observerIp}, saw us as {@code external}.
 */
public record Observation(InetSocketAddress local, InetSocketAddress external, InetAddress observerIp, PeerId observer) {}
