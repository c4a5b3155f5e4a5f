package org.longtail4j.cli;

import java.io.PrintWriter;
import org.longtail4j.BadInputException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The {@code longtail} command: long-tailed visual recognition on the JVM. */
@Command(
        name = "longtail",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        description = "Long-tailed visual recognition on the JVM: decoupled training, H2T feature fusion, reports.",
        subcommands = {
            DemoCommand.class,
            TrainCommand.class,
            SweepCommand.class,
            EvalCommand.class,
            PredictCommand.class,
            ExportCommand.class,
            DatasetCommand.class,
            MethodsCommand.class,
            ConfigCommand.class,
            BenchCommand.class,
            SummaryCommand.class,
            ReportCommand.class,
            CompareCommand.class,
            TableCommand.class,
            ToyCommand.class,
            DoctorCommand.class,
            CommandLine.HelpCommand.class
        })
public final class LongTail implements Runnable {

    @Option(names = "--verbose", scope = CommandLine.ScopeType.INHERIT,
            description = "Show stack traces and the engine's log.")
    boolean verbose;

    /**
     * Help lines are written as they should read (up to about 116 characters, examples on one line);
     * picocli's default 80 columns would break them mid-phrase.
     */
    static final int HELP_WIDTH = 120;

    @Override
    public void run() {
        new CommandLine(this).setUsageHelpWidth(HELP_WIDTH).usage(System.out);
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command line and returns its exit code (tests call this instead of main). */
    public static int execute(String... args) {
        CommandLine cli = new CommandLine(new LongTail()).setUsageHelpWidth(HELP_WIDTH);
        cli.setExecutionExceptionHandler(LongTail::handle);
        return cli.execute(args);
    }

    /** A mistake in the input is one line and exit code 2; anything else one line and exit code 1. */
    private static int handle(Exception e, CommandLine cli, CommandLine.ParseResult parsed) {
        boolean verbose = parsed.matchedOption("--verbose") != null
                || parsed.subcommand() != null && parsed.subcommand().matchedOption("--verbose") != null;
        PrintWriter err = cli.getErr();
        Throwable cause = e;
        while (!(cause instanceof BadInputException) && cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        if (verbose) {
            e.printStackTrace(err);
        }
        if (cause instanceof BadInputException) {
            err.println("error: " + cause.getMessage());
            err.flush();
            return 2;
        }
        err.println("error: " + e + (verbose ? "" : " (run with --verbose for the stack trace)"));
        err.flush();
        return 1;
    }
}
