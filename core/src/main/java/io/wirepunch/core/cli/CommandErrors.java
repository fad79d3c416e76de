package io.wirepunch.core.cli;

import io.wirepunch.core.errors.Errors;
import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import picocli.CommandLine;

/** Turns a command's failure into the one sentence on stderr that the CLI contract asks for. */
final class CommandErrors {
    static final int FAILURE = 1;
    /** Options or arguments picocli could not parse: picocli's own usage status. */
    static final int USAGE = CommandLine.ExitCode.USAGE;

    private static final String HELP_OPTION = "--help";

    private CommandErrors() {}

    static int report(CommandLine.Model.CommandSpec spec, Exception e) {
        return report(spec, e, FAILURE);
    }

    /** Prints {@code wirepunch <command>: <sentence>} and returns {@code exitCode}. */
    static int report(CommandLine.Model.CommandSpec spec, Throwable e, int exitCode) {
        PrintWriter err = spec.commandLine().getErr();
        err.println(spec.qualifiedName() + ": " + sentence(e));
        err.flush();
        return exitCode;
    }

    /**
     * A command line picocli could not parse: one sentence that names the bad part and points at
     * the command's help, instead of picocli's full usage text.
     */
    static int reportUsage(CommandLine.ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        PrintWriter err = cmd.getErr();
        String name = cmd.getCommandSpec().qualifiedName();
        boolean hasHelp = cmd.getCommandSpec().optionsMap().containsKey(HELP_OPTION);
        err.println(name + ": " + e.getMessage() + (hasHelp ? "; see '" + name + " " + HELP_OPTION + "'" : ""));
        err.flush();
        return USAGE;
    }

    /** File errors from NIO carry only a path as their message, so they are worded here. */
    static String sentence(Throwable t) {
        Throwable e = Errors.unwrap(t);
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
