package io.wirepunch.app.views.common;

import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.control.TableColumn;

/** Table columns over rows whose cells are already words. */
public final class Columns {
    private Columns() {}

    public static <R> TableColumn<R, String> text(String title, Function<R, String> cell) {
        TableColumn<R, String> column = new TableColumn<>(title);
        column.setCellValueFactory(features -> new ReadOnlyStringWrapper(cell.apply(features.getValue())));
        return column;
    }

    /** As {@link #text(String, Function)}, starting {@code width} pixels wide. */
    public static <R> TableColumn<R, String> text(String title, Function<R, String> cell, double width) {
        TableColumn<R, String> column = text(title, cell);
        column.setPrefWidth(width);
        return column;
    }
}
