package io.wirepunch.core.facts;

/** What the fact store tells its subscribers; delivered after the store changed, outside its lock. */
public sealed interface FactEvent {
    SignedFact fact();

    /** A fact under a key the store did not hold. */
    record Added(SignedFact fact) implements FactEvent {}

    /** A fact issued later replaced {@code previous} under the same key. */
    record Renewed(SignedFact fact, SignedFact previous) implements FactEvent {}

    /** A fact's TTL ran out and the store dropped it. */
    record Expired(SignedFact fact) implements FactEvent {}

    /** The store was full and dropped the fact to make room (see {@link FactStore}). */
    record Evicted(SignedFact fact) implements FactEvent {}
}
