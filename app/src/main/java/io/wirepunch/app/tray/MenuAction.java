package io.wirepunch.app.tray;

/** What a menu entry asks for; the toggles carry their new state beside it. */
public enum MenuAction {
    PARTICIPATE,
    OPEN_WINDOW,
    COPY_INVITATION,
    JOIN,
    LAUNCH_AT_LOGIN,
    QUIT
}
