package io.wirepunch.core.node;

import io.wirepunch.core.protocol.kad.dht.Dht;
import io.wirepunch.core.protocol.kad.dht.DhtConfig;

/**
 * How a node takes part in a DHT: which one and how it joins ({@link DhtConfig}), and whether it
 * serves it.
 *
 * @param mode server answers queries and enters others' routing tables; client only asks
 */
public record DhtSettings(DhtConfig config, Dht.Mode mode) {
}
