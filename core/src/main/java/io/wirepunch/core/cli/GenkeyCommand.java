package io.wirepunch.core.cli;

import io.wirepunch.core.identity.KeyFile;
import io.wirepunch.core.identity.Keys;
import io.wirepunch.core.identity.PrivateKey;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code wirepunch genkey}: a new Ed25519 identity as one key-file line, like {@code wg genkey}. */
@Command(name = "genkey", mixinStandardHelpOptions = true,
        description = {"Generates a new Ed25519 identity key and prints it as one key-file line (base64).",
                "With --out, writes it to FILE instead (mode 0600, written atomically)."})
final class GenkeyCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the key to FILE (mode 0600) instead of stdout.")
    Path out;

    @Option(names = "--force", description = "With --out, replace FILE if it exists.")
    boolean force;

    @Override
    public Integer call() {
        PrivateKey key = Keys.generateEd25519();
        if (out == null) {
            spec.commandLine().getOut().print(KeyFile.encodeLine(key));
            spec.commandLine().getOut().flush();
            return 0;
        }
        try {
            KeyFile.write(out, key, force);
            return 0;
        } catch (IOException | RuntimeException e) {
            return CommandErrors.report(spec, e);
        }
    }
}
