package org.longtail4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.longtail4j.testing.CliRun;
import org.longtail4j.training.SweepSpec;
import picocli.CommandLine;

/**
 * The help texts and the README's examples say true things: every command's summary in {@code --help}
 * is a whole sentence (the demo's and the sweep's were cut mid-sentence), every config file a help text
 * names exists (train's named one that did not), every line of a command's description is printed whole,
 * and every --set-values example in the README parses (one failed as written).
 */
class HelpTextTest {

    private static final List<String> COMMANDS = List.of("demo", "train", "sweep", "eval", "predict", "export",
            "dataset", "methods", "config", "bench", "summary", "report", "compare", "table", "toy", "doctor");

    @Test
    void everyCommandSummaryIsAWholeSentence() {
        CliRun help = CliRun.of("--help");
        assertEquals(0, help.exit(), help::toString);
        List<String> summaries = new ArrayList<>();
        boolean inCommands = false;
        for (String line : help.out().lines().toList()) {
            if (line.equals("Commands:")) {
                inCommands = true;
            } else if (inCommands && line.matches("  \\S.*")) {
                summaries.add(line.trim());
            } else if (inCommands && line.matches(" {4,}\\S.*")) {
                summaries.set(summaries.size() - 1, summaries.get(summaries.size() - 1) + " " + line.trim());
            }
        }
        assertEquals(COMMANDS.size() + 1, summaries.size(), help::toString);
        for (String summary : summaries) {
            assertTrue(summary.endsWith("."), () -> "cut short: " + summary);
        }
    }

    /** The help texts' lines are written up to this many characters (picocli's default is 80). */
    private static final int AUTHORED_WIDTH = 116;

    /**
     * A line that fits the help width is printed as written: picocli wrapped at 80 columns and broke
     * authored lines mid-phrase ("compared with" / "the first").
     */
    @Test
    void everyDescriptionLineIsPrintedWhole() {
        CommandLine root = new CommandLine(new LongTail());
        int checked = 0;
        for (String command : COMMANDS) {
            List<String> printed = CliRun.of(command, "--help").out().lines().map(String::stripTrailing).toList();
            for (String line : root.getSubcommands().get(command).getCommandSpec().usageMessage().description()) {
                if (line.length() > AUTHORED_WIDTH) {
                    continue; // a paragraph written to be wrapped
                }
                checked++;
                assertTrue(printed.contains(line.stripTrailing()), command + " --help breaks the line: " + line);
            }
        }
        assertTrue(checked > COMMANDS.size(), "no description lines were read; the test tests nothing");
    }

    @Test
    void everyConfigFileAHelpTextNamesExists() {
        Pattern config = Pattern.compile("configs/[\\w./-]+\\.yaml");
        int named = 0;
        for (String command : COMMANDS) {
            CliRun help = CliRun.of(command, "--help");
            assertEquals(0, help.exit(), help::toString);
            Matcher m = config.matcher(help.out());
            while (m.find()) {
                named++;
                assertTrue(Files.isRegularFile(Path.of(m.group())), command + " --help names " + m.group());
            }
        }
        assertTrue(named > 0, "no help text names a config file; the test tests nothing");
    }

    @Test
    void everySweepExampleInTheReadmeParses() throws IOException {
        Matcher m = Pattern.compile("--set-values (\\S+?)`").matcher(Files.readString(Path.of("README.md")));
        int examples = 0;
        while (m.find()) {
            examples++;
            SweepSpec spec = SweepSpec.parse(m.group(1));
            assertFalse(spec.values().isEmpty(), m.group(1));
        }
        assertTrue(examples > 0, "the README has no sweep example");
    }
}
