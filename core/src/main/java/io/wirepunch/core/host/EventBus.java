package io.wirepunch.core.host;

import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers host events to subscribers on the thread that published them. A subscriber that throws
 * is logged and does not stop the others.
 */
public final class EventBus<E> {
    private static final Logger log = LoggerFactory.getLogger(EventBus.class);
    private final CopyOnWriteArrayList<Consumer<? super E>> subscribers = new CopyOnWriteArrayList<>();

    public Subscription subscribe(Consumer<? super E> subscriber) {
        subscribers.add(subscriber);
        return () -> subscribers.remove(subscriber);
    }

    public void publish(E event) {
        for (Consumer<? super E> s : subscribers) {
            try {
                s.accept(event);
            } catch (RuntimeException e) {
                log.warn("event subscriber failed on {}", event.getClass().getSimpleName(), e);
            }
        }
    }
}
