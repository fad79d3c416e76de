package io.wirepunch.app.tray;

import java.util.Objects;

/** One line of the tray menu, in terms any tray toolkit can render. */
public sealed interface MenuEntry {
    /** A line that only informs: never clickable. */
    record Status(String text) implements MenuEntry {
        public Status {
            Objects.requireNonNull(text, "text");
        }
    }

    record Item(String label, MenuAction action, boolean enabled) implements MenuEntry {
        public Item {
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(action, "action");
        }
    }

    record Toggle(String label, MenuAction action, boolean selected, boolean enabled) implements MenuEntry {
        public Toggle {
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(action, "action");
        }
    }

    record Separator() implements MenuEntry {}

    /** Entries of the same kind and action can be updated in place instead of rebuilt. */
    default boolean sameSlot(MenuEntry other) {
        if (getClass() != other.getClass()) {
            return false;
        }
        if (this instanceof Item item) {
            return item.action() == ((Item) other).action();
        }
        if (this instanceof Toggle toggle) {
            return toggle.action() == ((Toggle) other).action();
        }
        return true;
    }
}
