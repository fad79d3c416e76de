package io.wirepunch.app.views.main;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/** The window's frame: the status line, the Participate switch, the demo label, the latest notice and the missing-tray notice. */
final class MainModel {
    final StringProperty status = new SimpleStringProperty("");
    final BooleanProperty participating = new SimpleBooleanProperty(true);
    /** Whether peers joining and relay limits show as desktop notifications: a setting, not engine state. */
    final BooleanProperty notifications = new SimpleBooleanProperty(true);
    final BooleanProperty running = new SimpleBooleanProperty(false);
    final BooleanProperty demo = new SimpleBooleanProperty(false);
    final BooleanProperty trayMissing = new SimpleBooleanProperty(false);
    /** The latest thing worth telling that a snapshot does not show: a peer joined, a relay limit reached. */
    final StringProperty notice = new SimpleStringProperty("");
}
