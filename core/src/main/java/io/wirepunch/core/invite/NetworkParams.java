package io.wirepunch.core.invite;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * The network an invitation leads into, as plain fields: its name, its subnet (text such as
 * {@code 10.77.0.0/16}, read by the config package) and the work bits its members' keys need, if
 * any. Checked here only for size and printable text, so that an invitation stays small and its
 * fields can be shown to a person.
 */
public record NetworkParams(String name, String subnet, OptionalInt workbits) {
    /** Longest network name, in UTF-8 bytes. */
    public static final int MAX_NAME_BYTES = 64;
    /** Longest subnet text, in UTF-8 bytes (an IPv6 CIDR is at most 43 characters). */
    public static final int MAX_SUBNET_BYTES = 64;
    /** Most work bits a network may ask for, as {@code wirepunch genkey --workbits} allows. */
    public static final int MAX_WORKBITS = 32;

    public NetworkParams {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(subnet, "subnet");
        Objects.requireNonNull(workbits, "workbits");
        checkText("network name", name, MAX_NAME_BYTES, false);
        checkText("subnet", subnet, MAX_SUBNET_BYTES, true);
        if (workbits.isPresent() && (workbits.getAsInt() < 0 || workbits.getAsInt() > MAX_WORKBITS)) {
            throw new IllegalArgumentException("work bits must be between 0 and " + MAX_WORKBITS + ", not " + workbits.getAsInt());
        }
    }

    public static NetworkParams of(String name, String subnet) {
        return new NetworkParams(name, subnet, OptionalInt.empty());
    }

    public NetworkParams withWorkbits(int bits) {
        return new NetworkParams(name, subnet, OptionalInt.of(bits));
    }

    private static void checkText(String what, String text, int maxBytes, boolean mayBeEmpty) {
        if (text.isEmpty() && !mayBeEmpty) {
            throw new IllegalArgumentException("the " + what + " is empty");
        }
        if (text.getBytes(StandardCharsets.UTF_8).length > maxBytes) {
            throw new IllegalArgumentException("the " + what + " is longer than " + maxBytes + " bytes");
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c) || Character.isSurrogate(c) && !validSurrogate(text, i)) {
                throw new IllegalArgumentException("the " + what + " contains a control character or broken text");
            }
        }
    }

    private static boolean validSurrogate(String text, int i) {
        char c = text.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1));
        }
        return i > 0 && Character.isHighSurrogate(text.charAt(i - 1));
    }
}
