package io.wirepunch.app.views.join;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/** The join dialog's state: the text pasted, what it says about it, and how far the join got. */
final class JoinModel {
    final StringProperty text = new SimpleStringProperty("");
    final StringProperty verdict = new SimpleStringProperty("");
    final BooleanProperty valid = new SimpleBooleanProperty(false);
    final BooleanProperty joining = new SimpleBooleanProperty(false);
    final StringProperty progress = new SimpleStringProperty("");
    /** -1 while nothing runs: the bar is hidden then. */
    final DoubleProperty fraction = new SimpleDoubleProperty(-1);
}
