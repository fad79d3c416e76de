package io.wirepunch.core.holepunch;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** The cause worth reporting from a failed stage. */
final class Errors {
    private Errors() {}

    static Throwable unwrap(Throwable e) {
        Throwable t = e;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    static String message(Throwable e) {
        Throwable t = unwrap(e);
        if (t == null) {
            return "unknown";
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
