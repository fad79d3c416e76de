package io.wirepunch.app.tray;

/** Receives the tray's clicks, on the tray toolkit's thread; {@code selected} is a toggle's new state. */
@FunctionalInterface
public interface TrayActions {
    void perform(MenuAction action, boolean selected);
}
