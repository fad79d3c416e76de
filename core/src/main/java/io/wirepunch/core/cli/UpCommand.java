package io.wirepunch.core.cli;

import picocli.CommandLine.Command;

/** {@code node}, plus the control API that {@code show}, {@code participate} and {@code down} use. */
@Command(name = "up", mixinStandardHelpOptions = true, description = {
    "Run the user's node headless, as the app does: 'node' with the same options and lines, plus the"
            + " control API on a Unix socket only this user can open, announced first as 'control <path>'.",
    "One node per user: if one runs already, says so and exits 1. 'wirepunch down' stops it."})
public final class UpCommand extends NodeCommand {
    @Override
    protected boolean servesControl() {
        return true;
    }
}
