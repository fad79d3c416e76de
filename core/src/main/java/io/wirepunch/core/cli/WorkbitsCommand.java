package io.wirepunch.core.cli;

import io.wirepunch.core.identity.PublicKey;
import io.wirepunch.core.protocol.kad.workbits.WorkBits;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code wirepunch workbits --key FILE}: the work of a key, to compare with a private DHT's setting. */
@Command(name = "workbits", mixinStandardHelpOptions = true,
        description = "Prints the work (leading zero bits of BLAKE2b-256 of the public key and namespace) of the key in FILE.")
final class WorkbitsCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--key", required = true, paramLabel = "FILE", description = "The key file (one base64 line).")
    Path key;

    @Option(names = "--namespace", paramLabel = "NAME", description = "The private network's name (default: none).")
    String namespace = WorkBits.DEFAULT_NAMESPACE;

    @Override
    public Integer call() {
        try {
            PublicKey publicKey = CliSupport.readKey(spec, key).publicKey();
            spec.commandLine().getOut().println(WorkBits.of(publicKey, namespace));
            spec.commandLine().getOut().flush();
            return 0;
        } catch (IOException | RuntimeException e) {
            return CommandErrors.report(spec, e);
        }
    }
}
