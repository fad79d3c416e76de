package io.wirepunch.core.protocol.kad.dht;

import io.wirepunch.core.identity.PeerId;
import io.wirepunch.core.protocol.kad.KadMessage;

/**
 * What a lookup does with each answer besides following its closer peers: collect providers or
 * records, and end the lookup once it has enough. Called from whichever thread delivered the answer,
 * possibly from several at once, and never after the lookup ended.
 */
@FunctionalInterface
public interface AnswerCollector {
    /** Collects nothing and never ends a lookup early: a plain peer lookup. */
    AnswerCollector NONE = (from, answer) -> false;

    /** Takes {@code answer} from {@code from}; returns true when the lookup has what it needs and may end. */
    boolean collect(PeerId from, KadMessage answer);
}
