package io.wirepunch.core.facts;

import io.wirepunch.core.identity.PeerId;
import java.util.Arrays;
import java.util.Objects;

/**
 * What the store keys a fact by: (subject, attribute, value). Two facts with one key say the same
 * thing; the one issued later replaces the other. Ordered by subject, attribute, then value (bytes,
 * unsigned), which makes eviction deterministic.
 */
public final class FactKey implements Comparable<FactKey> {
    private final PeerId subject;
    private final Attribute attribute;
    private final byte[] value;

    FactKey(PeerId subject, Attribute attribute, byte[] value) {
        this.subject = subject;
        this.attribute = attribute;
        this.value = value.clone();
    }

    public PeerId subject() {
        return subject;
    }

    public Attribute attribute() {
        return attribute;
    }

    @Override
    public int compareTo(FactKey o) {
        int c = subject.compareTo(o.subject);
        if (c != 0) {
            return c;
        }
        c = attribute.compareTo(o.attribute);
        return c != 0 ? c : Arrays.compareUnsigned(value, o.value);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FactKey k && subject.equals(k.subject) && attribute == k.attribute
                && Arrays.equals(value, k.value);
    }

    @Override
    public int hashCode() {
        return Objects.hash(subject, attribute, Arrays.hashCode(value));
    }
}
