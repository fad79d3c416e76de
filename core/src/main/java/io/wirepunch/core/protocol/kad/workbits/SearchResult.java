package io.wirepunch.core.protocol.kad.workbits;

import io.wirepunch.core.identity.PrivateKey;

/** A key found by {@link WorkKeySearch}, its work in the searched namespace, and what it cost. */
public record SearchResult(PrivateKey key, int workBits, SearchProgress progress) {}
