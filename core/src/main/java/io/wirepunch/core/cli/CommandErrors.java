package io.wirepunch.core.cli;

import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import picocli.CommandLine;

/** Turns a command's failure into the one sentence on stderr that the CLI contract asks for. */
final class CommandErrors {
    static final int FAILURE = 1;

    private CommandErrors() {}

    static int report(CommandLine.Model.CommandSpec spec, Exception e) {
        PrintWriter err = spec.commandLine().getErr();
        // The qualified name ("wirepunch bench dht") tells a subcommand from a command of the same name.
        err.println(spec.qualifiedName() + ": " + sentence(e));
        err.flush();
        return FAILURE;
    }

    /** File errors from NIO carry only a path as their message, so they are worded here. */
    static String sentence(Throwable t) {
        Throwable e = t;
        while ((e instanceof java.util.concurrent.CompletionException
                || e instanceof java.util.concurrent.ExecutionException) && e.getCause() != null) {
            e = e.getCause();
        }
        if (e instanceof NoSuchFileException f) {
            return "no such file: " + f.getFile();
        }
        if (e instanceof AccessDeniedException f) {
            return "permission denied: " + f.getFile();
        }
        if (e instanceof FileAlreadyExistsException f) {
            return f.getFile() + " already exists; use --force to replace it";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
