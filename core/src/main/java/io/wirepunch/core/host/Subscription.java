package io.wirepunch.core.host;

/** A handle on a subscription; closing it stops the deliveries. */
@FunctionalInterface
public interface Subscription extends AutoCloseable {
    @Override
    void close();
}
