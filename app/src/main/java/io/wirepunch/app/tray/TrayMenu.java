package io.wirepunch.app.tray;

import java.util.List;
import java.util.Objects;

/** The whole tray: the icon's face, its tooltip and the menu, rebuilt from state on every change. */
public record TrayMenu(TrayIconState icon, String tooltip, List<MenuEntry> entries) {
    public TrayMenu {
        Objects.requireNonNull(icon, "icon");
        Objects.requireNonNull(tooltip, "tooltip");
        entries = List.copyOf(entries);
    }

    /** Whether {@code other} has the same entries in the same order, so a renderer may update in place. */
    public boolean sameShape(TrayMenu other) {
        if (other == null || other.entries.size() != entries.size()) {
            return false;
        }
        for (int i = 0; i < entries.size(); i++) {
            if (!entries.get(i).sameSlot(other.entries.get(i))) {
                return false;
            }
        }
        return true;
    }
}
