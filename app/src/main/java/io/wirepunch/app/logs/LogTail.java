package io.wirepunch.app.logs;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import org.slf4j.LoggerFactory;

/**
 * The last lines the app logged, for the diagnostics tab. The log says what went wrong in the
 * words of the code that noticed; no secret is ever logged, so showing it is safe.
 */
public final class LogTail extends AppenderBase<ILoggingEvent> {
    /** Lines kept; a screenful and then some, never a growing buffer. */
    public static final int MAX_LINES = 200;

    private final Deque<String> lines = new ArrayDeque<>();

    /** A tail attached to logback's root logger, or empty when another logging backend is bound. */
    public static Optional<LogTail> attachToRoot() {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return Optional.empty();
        }
        LogTail tail = new LogTail();
        tail.setContext(context);
        tail.setName("wirepunch-log-tail");
        tail.start();
        context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(tail);
        return Optional.of(tail);
    }

    @Override
    protected void append(ILoggingEvent event) {
        String line = Instant.ofEpochMilli(event.getTimeStamp()) + " " + event.getLevel() + " "
                + event.getLoggerName().substring(event.getLoggerName().lastIndexOf('.') + 1) + ": " + event.getFormattedMessage();
        synchronized (lines) {
            lines.addLast(line);
            while (lines.size() > MAX_LINES) {
                lines.removeFirst();
            }
        }
    }

    /** The kept lines, oldest first. */
    public List<String> lines() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    /** Stops collecting and leaves the root logger. */
    public void detach() {
        if (getContext() instanceof LoggerContext context) {
            context.getLogger(Logger.ROOT_LOGGER_NAME).detachAppender(this);
        }
        stop();
    }
}
