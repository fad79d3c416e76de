package io.wirepunch.core.cli;

import io.wirepunch.core.Version;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The `wirepunch` command line: one subcommand per class in this package. */
@Command(
        name = "wirepunch",
        mixinStandardHelpOptions = true,
        versionProvider = WirepunchCli.VersionProvider.class,
        description = "Connects two computers behind NATs, and shows how the connection is made.",
        subcommands = {
            GenkeyCommand.class,
            PubkeyCommand.class,
            IdCommand.class,
            WorkbitsCommand.class,
            NodeCommand.class,
            UpCommand.class,
            ShowCommand.class,
            ParticipateCommand.class,
            DownCommand.class,
            InviteCommand.class,
            JoinCommand.class,
            ReloadCommand.class,
            ExposeCommand.class,
            ForwardCommand.class,
            PingCommand.class,
            PunchCommand.class,
            ZeroNcCommand.class,
            NetcheckCommand.class,
            PerfCommand.class,
            DhtCommand.class,
            BenchCommand.class,
            MeasureCommand.class,
            CommandLine.HelpCommand.class
        })
public final class WirepunchCli implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    public static int execute(String... args) {
        return new CommandLine(new WirepunchCli())
                .setExecutionExceptionHandler(WirepunchCli::reportFailure)
                .setParameterExceptionHandler(CommandErrors::reportUsage)
                .execute(args);
    }

    /** A failed command prints one sentence on stderr, never a stack trace, and exits 1. */
    private static int reportFailure(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) {
        return CommandErrors.report(cmd.getCommandSpec(), e);
    }

    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"wirepunch " + Version.version()};
        }
    }
}
