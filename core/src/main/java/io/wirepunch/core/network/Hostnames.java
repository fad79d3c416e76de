package io.wirepunch.core.network;

/**
 * Host name rules (RFC 1123, with RFC 3696's numeric top label excluded so that a name never
 * reads as an address). A member's overlay name is lower case, so each name has one spelling; an
 * endpoint's host may use either case, as DNS ignores it.
 */
final class Hostnames {
    /** Longest host name (RFC 1035's 255 octets on the wire are 253 characters of text). */
    static final int MAX_LENGTH = 253;
    /** Longest label between dots. */
    static final int MAX_LABEL_LENGTH = 63;

    private Hostnames() {}

    /** Why {@code name} is not a valid host name, or null when it is one. */
    static String problem(String name, boolean lowerCaseOnly) {
        if (name.isEmpty()) {
            return "is empty";
        }
        if (name.length() > MAX_LENGTH) {
            return "is longer than " + MAX_LENGTH + " characters";
        }
        String[] labels = name.split("\\.", -1);
        for (String label : labels) {
            if (label.isEmpty()) {
                return "has an empty label";
            }
            if (label.length() > MAX_LABEL_LENGTH) {
                return "has a label longer than " + MAX_LABEL_LENGTH + " characters";
            }
            if (label.charAt(0) == '-' || label.charAt(label.length() - 1) == '-') {
                return "has a label that starts or ends with '-'";
            }
            for (int i = 0; i < label.length(); i++) {
                char c = label.charAt(i);
                boolean lower = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
                boolean upper = c >= 'A' && c <= 'Z';
                if (upper && lowerCaseOnly) {
                    return "has upper-case letters (names are lower case)";
                }
                if (!lower && !upper) {
                    return "has a character other than letters, digits, '-' and '.'";
                }
            }
        }
        if (labels[labels.length - 1].chars().allMatch(c -> c >= '0' && c <= '9')) {
            return "ends in a numeric label";
        }
        return null;
    }
}
