package io.wirepunch.app.notify;

import java.util.Objects;

/**
 * What a desktop notification says: a one-line summary and a body of plain text. Neither ever
 * holds an invitation, a key or an API key; only short peer ids, network names and figures.
 *
 * @param category the freedesktop category ({@code network.connected}, {@code network}); other desktops ignore it
 */
public record Notification(String summary, String body, String category) {
    public Notification {
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(category, "category");
    }
}
