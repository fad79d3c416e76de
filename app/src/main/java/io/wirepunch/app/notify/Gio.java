package io.wirepunch.app.notify;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;
import java.util.Map;

/**
 * The few GLib/GIO functions a D-Bus call needs, through JNA. GIO ships with GTK 3, which JavaFX
 * and the tray need anyway, so desktop notifications on Linux take no library of their own.
 * Strings cross as UTF-8, as GLib expects.
 */
interface Gio extends Library {
    /** GIO's soname: the versioned name, as distributions install only that without development packages. */
    String LIBRARY = "libgio-2.0.so.0";
    /** {@code G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT | G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION}. */
    int CLIENT_OF_A_MESSAGE_BUS = 1 | 8;
    /** {@code G_DBUS_CALL_FLAGS_NONE}: a service that is not running yet is started by the bus. */
    int CALL_FLAGS_NONE = 0;

    static Gio load() {
        return Native.load(LIBRARY, Gio.class, Map.of(Library.OPTION_STRING_ENCODING, "UTF-8"));
    }

    Pointer g_dbus_connection_new_for_address_sync(String address, int flags, Pointer observer, Pointer cancellable,
                                                   PointerByReference error);

    Pointer g_dbus_connection_call_sync(Pointer connection, String busName, String objectPath, String interfaceName,
                                        String methodName, Pointer parameters, Pointer replyType, int flags, int timeoutMillis,
                                        Pointer cancellable, PointerByReference error);

    boolean g_dbus_connection_close_sync(Pointer connection, Pointer cancellable, PointerByReference error);

    Pointer g_variant_new_string(String value);

    Pointer g_variant_new_uint32(int value);

    Pointer g_variant_new_int32(int value);

    Pointer g_variant_new_variant(Pointer value);

    Pointer g_variant_new_dict_entry(Pointer key, Pointer value);

    /** {@code childType} is a GVariant type string such as {@code "s"}, which is what {@code G_VARIANT_TYPE} casts. */
    Pointer g_variant_new_array(String childType, Pointer[] children, NativeLong count);

    Pointer g_variant_new_tuple(Pointer[] children, NativeLong count);

    Pointer g_variant_get_child_value(Pointer value, NativeLong index);

    int g_variant_get_uint32(Pointer value);

    String g_variant_get_string(Pointer value, Pointer length);

    void g_variant_unref(Pointer value);

    void g_object_unref(Pointer object);

    void g_error_free(Pointer error);
}
