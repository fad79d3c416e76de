package io.wirepunch.core.cli;

import io.wirepunch.core.identity.PeerId;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code wirepunch id --key FILE}: the PeerId of a key file. */
@Command(name = "id", mixinStandardHelpOptions = true,
        description = "Prints the PeerId of the key in FILE (base58, or CIDv1 with --cid).")
final class IdCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--key", required = true, paramLabel = "FILE", description = "The key file (one base64 line).")
    Path key;

    @Option(names = "--cid", description = "Print the CIDv1 form (base32, \"bafz…\") instead of base58.")
    boolean cid;

    @Override
    public Integer call() {
        try {
            PeerId id = CliSupport.readKey(spec, key).publicKey().peerId();
            spec.commandLine().getOut().println(cid ? id.toCid() : id.toBase58());
            spec.commandLine().getOut().flush();
            return 0;
        } catch (IOException | RuntimeException e) {
            return CommandErrors.report(spec, e);
        }
    }
}
