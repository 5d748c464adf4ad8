package org.sstop.app.diagnose;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * The {@code --diagnose DIR [--mask-addresses]} options, a group of their own on the {@code sstop}
 * command line: {@code --mask-addresses} alone is a usage error.
 */
public final class DiagnoseOptions {

    @Option(names = "--diagnose", paramLabel = "DIR", required = true,
            description = "Write what sstop reads on this machine (the files and command outputs its backends "
                    + "parse, a socket dump summary, --backends --json and one JSON sample) into DIR, a new or "
                    + "empty directory, for a bug report; then exit.")
    Path dir;

    @Option(names = "--mask-addresses", description = "With --diagnose: replace every IP and MAC address "
            + "(but the wildcard and loopback ones) by a stand-in, the same address by the same stand-in.")
    boolean mask;

    /**
     * Writes the directory.
     *
     * @param interval the time between the two samples of the JSON sample
     * @param stdout where the summary goes
     * @param stderr where errors go
     * @return the exit status: 0, 1 when writing failed midway, 2 for a directory that cannot be used
     */
    public int run(Duration interval, OutputStream stdout, PrintStream stderr) {
        return new Diagnose(dir, mask, interval, stdout, stderr).run();
    }
}
