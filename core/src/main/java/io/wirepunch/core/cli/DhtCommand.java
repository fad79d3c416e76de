package io.wirepunch.core.cli;

import picocli.CommandLine.Command;

/**
 * One-shot DHT queries: each joins the DHT as a client through --bootstrap, asks, prints, and
 * leaves. Exit status as grep's: 0 found, 1 looked up and not found, 2 could not ask.
 */
@Command(name = "dht", mixinStandardHelpOptions = true,
        description = {"Query the DHT: join it as a client through --bootstrap, ask, print, leave.",
                "Exit status: 0 found, " + DhtQuery.NOT_FOUND + " not found, " + DhtQuery.CANNOT_ASK
                        + " could not ask (bad input, no bootstrap peer answered, --timeout passed)."},
        subcommands = {DhtFindPeerCommand.class, DhtClosestCommand.class, DhtProvideCommand.class,
            DhtFindProvidersCommand.class})
final class DhtCommand {
}
