package io.wirepunch.app;

import io.wirepunch.app.tray.MenuAction;
import io.wirepunch.app.tray.TrayActions;
import io.wirepunch.core.errors.Errors;
import java.time.Duration;
import java.util.Optional;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What each tray entry does; clicks arrive on the tray's thread and go on as engine commands or FX tasks. */
public final class TrayActionHandler implements TrayActions {
    private static final Logger LOG = LoggerFactory.getLogger(TrayActionHandler.class);
    /** A day: long enough to reach a friend, short enough that a forgotten invitation is soon of no use. */
    static final Duration INVITATION_TTL = Duration.ofDays(1);

    private final AppController app;

    TrayActionHandler(AppController app) {
        this.app = app;
    }

    @Override
    public void perform(MenuAction action, boolean selected) {
        switch (action) {
            case PARTICIPATE -> app.setParticipating(selected);
            case OPEN_WINDOW -> app.reveal();
            case COPY_INVITATION -> copyInvitation();
            case JOIN -> app.openJoin();
            case LAUNCH_AT_LOGIN -> app.setLaunchAtLogin(selected);
            case QUIT -> app.quit();
        }
    }

    private void copyInvitation() {
        app.engine().invite(Optional.empty(), INVITATION_TTL).whenComplete((invitation, e) -> {
            if (e != null) {
                LOG.warn("no invitation: {}", Errors.reason(e));
                return;
            }
            String text = invitation.encodeGrouped();
            app.fx().execute(() -> {
                ClipboardContent content = new ClipboardContent();
                content.putString(text);
                Clipboard.getSystemClipboard().setContent(content);
            });
        });
    }
}
