package io.wirepunch.core.cli;

import io.wirepunch.core.identity.InvalidKeyException;
import io.wirepunch.core.identity.KeyFile;
import io.wirepunch.core.identity.PrivateKey;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code wirepunch pubkey}: key-file line on stdin, marshalled public key in base64 on stdout (like {@code wg pubkey}). */
@Command(name = "pubkey", mixinStandardHelpOptions = true,
        description = "Reads a key-file line on stdin and prints its libp2p-marshalled public key in base64.")
final class PubkeyCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        try {
            InputStream in = System.in;
            byte[] input = in.readNBytes(KeyFile.MAX_FILE_BYTES + 1);
            if (input.length > KeyFile.MAX_FILE_BYTES) {
                throw new InvalidKeyException("input is larger than " + KeyFile.MAX_FILE_BYTES + " bytes; expected one key-file line");
            }
            PrivateKey key = KeyFile.decodeLine(new String(input, StandardCharsets.US_ASCII));
            spec.commandLine().getOut().println(Base64.getEncoder().encodeToString(key.publicKey().marshal()));
            spec.commandLine().getOut().flush();
            return 0;
        } catch (IOException | RuntimeException e) {
            return CommandErrors.report(spec, e);
        }
    }
}
