package io.wirepunch.app.notify;

import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Linux and the BSDs: the freedesktop notification service ({@code org.freedesktop.Notifications}
 * on the session bus), called through GIO's D-Bus client. {@link #connect} asks the service who
 * it is first, so a desktop without one is known at start rather than at the first peer.
 */
final class FreedesktopNotifier implements DesktopNotifier {
    static final String SERVICE = "org.freedesktop.Notifications";
    static final String PATH = "/org/freedesktop/Notifications";
    /** Long enough for the bus to start a service that is installed but not running yet. */
    static final Duration CALL_TIMEOUT = Duration.ofSeconds(5);
    /** The name the notifications are shown under. */
    static final String APP_NAME = "Wirepunch";
    /** The notification server decides how long a notification stays. */
    private static final int SERVER_DEFAULT_EXPIRY = -1;

    private final Gio gio;
    private final Pointer connection;
    private final String name;

    private FreedesktopNotifier(Gio gio, Pointer connection, String name) {
        this.gio = gio;
        this.connection = connection;
        this.name = name;
    }

    /**
     * The session bus's address: {@code DBUS_SESSION_BUS_ADDRESS}, else the per-user bus socket
     * systemd makes in {@code XDG_RUNTIME_DIR}; empty when there is neither (never an X11 autolaunch).
     */
    static Optional<String> sessionBus(Map<String, String> env) {
        String address = env.get("DBUS_SESSION_BUS_ADDRESS");
        if (address != null && !address.isBlank()) {
            return Optional.of(address);
        }
        String runtime = env.get("XDG_RUNTIME_DIR");
        if (runtime != null && !runtime.isBlank() && Files.exists(Path.of(runtime, "bus"))) {
            return Optional.of("unix:path=" + Path.of(runtime, "bus"));
        }
        return Optional.empty();
    }

    /** Connects to the bus at {@code address} and asks the notification service for its name; throws when either is missing. */
    static FreedesktopNotifier connect(String address) throws IOException {
        Gio gio;
        try {
            gio = Gio.load();
        } catch (UnsatisfiedLinkError e) {
            throw new IOException("GIO is not installed (" + Gio.LIBRARY + "): " + e.getMessage());
        }
        PointerByReference error = new PointerByReference();
        Pointer connection = gio.g_dbus_connection_new_for_address_sync(address, Gio.CLIENT_OF_A_MESSAGE_BUS, null, null, error);
        if (connection == null) {
            throw new IOException("no session bus: " + message(gio, error));
        }
        try {
            Pointer reply = call(gio, connection, "GetServerInformation", gio.g_variant_new_tuple(null, new NativeLong(0)), error);
            try {
                String server = childString(gio, reply, 0) + " " + childString(gio, reply, 2);
                return new FreedesktopNotifier(gio, connection, "freedesktop notifications by " + server);
            } finally {
                gio.g_variant_unref(reply);
            }
        } catch (IOException | RuntimeException e) {
            gio.g_object_unref(connection);
            throw e;
        }
    }

    @Override
    public synchronized void show(Notification n) throws IOException {
        Pointer hints = gio.g_variant_new_array("{sv}", new Pointer[] {
            gio.g_variant_new_dict_entry(gio.g_variant_new_string("category"),
                    gio.g_variant_new_variant(gio.g_variant_new_string(n.category())))}, new NativeLong(1));
        Pointer[] args = {
            gio.g_variant_new_string(APP_NAME),
            gio.g_variant_new_uint32(0), // a new notification, replacing none
            gio.g_variant_new_string(""), // no icon: the server shows the app's name
            gio.g_variant_new_string(n.summary()),
            gio.g_variant_new_string(escapeMarkup(n.body())),
            gio.g_variant_new_array("s", null, new NativeLong(0)), // no actions
            hints,
            gio.g_variant_new_int32(SERVER_DEFAULT_EXPIRY)};
        PointerByReference error = new PointerByReference();
        Pointer reply = call(gio, connection, "Notify", gio.g_variant_new_tuple(args, new NativeLong(args.length)), error);
        gio.g_variant_unref(reply);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public synchronized void close() {
        gio.g_dbus_connection_close_sync(connection, null, null);
        gio.g_object_unref(connection);
    }

    /**
     * Servers that support markup read the body as a subset of HTML, so {@code &}, {@code <} and
     * {@code >} are escaped; a server without markup shows them as they are, which the spec allows.
     */
    static String escapeMarkup(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** Calls {@code method} of the service with {@code parameters} (a floating tuple, which the call takes). */
    private static Pointer call(Gio gio, Pointer connection, String method, Pointer parameters, PointerByReference error)
            throws IOException {
        Pointer reply = gio.g_dbus_connection_call_sync(connection, SERVICE, PATH, SERVICE, method, parameters, null,
                Gio.CALL_FLAGS_NONE, (int) CALL_TIMEOUT.toMillis(), null, error);
        if (reply == null) {
            throw new IOException(method + " failed: " + message(gio, error));
        }
        return reply;
    }

    private static String childString(Gio gio, Pointer tuple, int index) {
        Pointer child = gio.g_variant_get_child_value(tuple, new NativeLong(index));
        try {
            return gio.g_variant_get_string(child, null);
        } finally {
            gio.g_variant_unref(child);
        }
    }

    /** The text of a {@code GError} (domain, code, then the message at the third field), which this frees. */
    private static String message(Gio gio, PointerByReference error) {
        Pointer e = error.getValue();
        if (e == null) {
            return "no reason given";
        }
        try {
            Pointer text = e.getPointer(8);
            return text == null ? "no reason given" : text.getString(0, "UTF-8");
        } finally {
            gio.g_error_free(e);
            error.setValue(null);
        }
    }
}
