package org.sstop.testkit;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs short external commands ({@code ip}, {@code sh}) to completion, with a time limit. */
final class Commands {

    /** Enough for any {@code ip} command, even on a loaded 2-core machine. */
    static final Duration TIMEOUT = Duration.ofSeconds(60);

    private Commands() {
    }

    /**
     * Runs a command and returns what it printed (stdout and stderr together). The output goes to
     * a file, not a pipe, so that a grandchild holding the pipe open cannot outlast the time limit.
     *
     * @param command the program and its arguments
     * @return its output
     * @throws IOException when it cannot start, exits non-zero (the output is in the message) or
     *     runs longer than {@link #TIMEOUT} (then it is killed)
     */
    static String run(List<String> command) throws IOException {
        File out = File.createTempFile("sstop-testkit-", ".out");
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out).start();
            boolean exited;
            try {
                exited = p.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                exited = false;
            }
            if (!exited) {
                p.destroyForcibly();
                throw new IOException("did not finish within " + TIMEOUT.toSeconds() + " s: " + String.join(" ", command));
            }
            String output = Files.readString(out.toPath(), StandardCharsets.UTF_8);
            if (p.exitValue() != 0) {
                throw new IOException(String.join(" ", command) + " failed (" + p.exitValue() + "): " + output.strip());
            }
            return output;
        } finally {
            Files.deleteIfExists(out.toPath());
        }
    }
}
