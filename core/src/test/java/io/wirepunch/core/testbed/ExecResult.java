package io.wirepunch.core.testbed;

/** A finished command of the testbed: its exit status and what it printed. */
public record ExecResult(int exit, String stdout, String stderr) {
    public boolean ok() {
        return exit == 0;
    }

    @Override
    public String toString() {
        return "exit " + exit + ", stdout: [" + stdout.strip() + "], stderr: [" + stderr.strip() + "]";
    }
}
