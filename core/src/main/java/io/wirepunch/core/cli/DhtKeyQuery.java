package io.wirepunch.core.cli;

import picocli.CommandLine.Parameters;

/** A {@code dht} command about one key, typed as {@link DhtKey} reads it. */
abstract class DhtKeyQuery extends DhtQuery {
    @Parameters(paramLabel = "KEY", description = DhtKey.HELP)
    String keyText;

    DhtKey key;

    /** The command's own options, checked before the key. */
    void checkOptions() {
    }

    @Override
    final void parseArguments() {
        checkOptions();
        key = DhtKey.parse(keyText);
    }
}
