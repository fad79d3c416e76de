package io.wirepunch.app.views.main;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/** The window's frame: the status line, the Participate switch, the demo label and the missing-tray notice. */
final class MainModel {
    final StringProperty status = new SimpleStringProperty("");
    final BooleanProperty participating = new SimpleBooleanProperty(true);
    final BooleanProperty running = new SimpleBooleanProperty(false);
    final BooleanProperty demo = new SimpleBooleanProperty(false);
    final BooleanProperty trayMissing = new SimpleBooleanProperty(false);
}
