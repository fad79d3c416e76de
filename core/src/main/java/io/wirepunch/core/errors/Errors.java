package io.wirepunch.core.errors;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/** The part of a failure worth telling: the cause under a failed stage, and its message. */
public final class Errors {
    private Errors() {}

    /** The cause a failed stage or future wraps (in CompletionExceptions and ExecutionExceptions). */
    public static Throwable unwrap(Throwable e) {
        Throwable t = e;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    /** The unwrapped cause's message, or its class name when it has none. */
    public static String message(Throwable e) {
        Throwable t = unwrap(e);
        if (t == null) {
            return "unknown";
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    /** As {@link #message}, with a wait that timed out said in words. */
    public static String reason(Throwable e) {
        return unwrap(e) instanceof TimeoutException ? "no answer in time" : message(e);
    }

    /** The first line of the deepest cause's message: what a driver or library chain finally says. */
    public static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return m.lines().findFirst().orElse(m);
    }
}
