package io.wirepunch.app.settings;

/** A settings value that cannot be used; the message starts with the field at fault. */
public final class SettingsException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String field;

    public SettingsException(String field, String problem) {
        super(field + " " + problem);
        this.field = field;
    }

    private SettingsException(String field, String message, Throwable cause) {
        super(message, cause);
        this.field = field;
    }

    /** The same problem, its message led by the file it was found in. */
    public SettingsException inFile(java.nio.file.Path file) {
        return new SettingsException(field, file + ": " + getMessage(), this);
    }

    public String field() {
        return field;
    }
}
