package io.wirepunch.core.protocol.kad.sim;

import java.util.Arrays;
import java.util.Locale;

/**
 * Figures over many lookups: how many found their target, in how many hops, with how many messages.
 * Percentiles are nearest-rank: the smallest value that at least that share of the samples does not
 * exceed. Not thread-safe.
 */
public final class LookupStats {
    private static final int INITIAL_CAPACITY = 1024;

    private int lookups;
    private int found;
    private int[] hops = new int[INITIAL_CAPACITY];
    private long[] messages = new long[INITIAL_CAPACITY];

    /**
     * @param targetFound whether the lookup ended with its target and an address for it
     * @param hopCount the lookup's hops; counted only when the target was found
     * @param messageCount the requests the lookup cost the network
     */
    public void add(boolean targetFound, int hopCount, long messageCount) {
        if (lookups == messages.length) {
            messages = Arrays.copyOf(messages, 2 * lookups);
        }
        messages[lookups++] = messageCount;
        if (targetFound) {
            if (found == hops.length) {
                hops = Arrays.copyOf(hops, 2 * found);
            }
            hops[found++] = hopCount;
        }
    }

    public int lookups() {
        return lookups;
    }

    public int found() {
        return found;
    }

    public double successRate() {
        return lookups == 0 ? 0 : found / (double) lookups;
    }

    /** The {@code share} (in (0, 1]) percentile of the hops of the lookups that found their target. */
    public int hops(double share) {
        int[] sorted = Arrays.copyOf(hops, found);
        Arrays.sort(sorted);
        return sorted[rank(share, found)];
    }

    public double messagesMean() {
        return Arrays.stream(messages, 0, lookups).average().orElse(0);
    }

    /** The {@code share} (in (0, 1]) percentile of the messages per lookup. */
    public long messages(double share) {
        long[] sorted = Arrays.copyOf(messages, lookups);
        Arrays.sort(sorted);
        return sorted[rank(share, lookups)];
    }

    private static int rank(double share, int samples) {
        if (!(share > 0 && share <= 1)) {
            throw new IllegalArgumentException("a percentile share must be in (0, 1], got " + share);
        }
        if (samples == 0) {
            throw new IllegalStateException("no samples");
        }
        return (int) Math.ceil(share * samples) - 1;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT,
                "%d/%d found, hops median %d p99 %d, messages per lookup mean %.1f p99 %d",
                found, lookups, found == 0 ? -1 : hops(0.5), found == 0 ? -1 : hops(0.99), messagesMean(),
                lookups == 0 ? -1 : messages(0.99));
    }
}
