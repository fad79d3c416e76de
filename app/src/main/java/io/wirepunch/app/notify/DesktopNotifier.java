package io.wirepunch.app.notify;

import java.io.IOException;

/**
 * The desktop's notification service, one implementation per platform; nothing else in the app
 * knows which. Calls come from one thread at a time.
 */
public interface DesktopNotifier extends AutoCloseable {
    /** Shows {@code notification}; throws when the desktop refused it or its service is gone. */
    void show(Notification notification) throws IOException;

    /** Which service shows them, for the log ("freedesktop notifications by dunst 1.9.0"). */
    String name();

    /** Lets go of the service; shown notifications stay. */
    @Override
    void close();
}
