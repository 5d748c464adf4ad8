package org.sstop.app.diagnose;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Reads one {@link Item}: a file's bytes, or a command's standard output and error (C locale, as
 * the backends run it; killed at the timeout). Both are bounded: a diagnostics directory is for
 * a bug report, and the backends themselves read at most 16 MiB of a command.
 *
 * @param text what was read (UTF-8, malformed bytes replaced)
 * @param errors the command's standard error (empty for a file)
 * @param status how it ended, for the manifest: {@code ok}, {@code exit N}, {@code timed out},
 *     {@code missing}, {@code error: ...}, with {@code , cut at N MiB} when bounded
 */
record Capture(String text, String errors, String status) {

    /** The most kept of one file or command. */
    static final int MAX_BYTES = 16 << 20;
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    /** Reads the item; never throws (a failure is its status). */
    static Capture of(Item item) {
        return item.path() != null ? file(Path.of(item.path())) : command(item);
    }

    private static Capture file(Path path) {
        try (InputStream in = Files.newInputStream(path)) {
            Bounded b = Bounded.read(in);
            return new Capture(b.text(), "", "ok" + b.cutNote());
        } catch (NoSuchFileException e) {
            return new Capture("", "", "missing");
        } catch (IOException | RuntimeException e) {
            return new Capture("", "", "error: " + e.getMessage());
        }
    }

    private static Capture command(Item item) {
        ProcessBuilder pb = new ProcessBuilder(item.command());
        pb.environment().put("LC_ALL", "C");
        pb.environment().put("LANG", "C");
        pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            return new Capture("", "", "error: cannot run: " + e.getMessage());
        }
        Bounded[] err = new Bounded[1];
        Thread errThread = new Thread(() -> {
            try {
                err[0] = Bounded.read(p.getErrorStream());
            } catch (IOException e) {
                err[0] = new Bounded("", false);
            }
        }, "sstop-diagnose-stderr");
        errThread.setDaemon(true);
        errThread.start();
        try {
            Bounded out = Bounded.readUntil(p.getInputStream(), System.nanoTime() + TIMEOUT.toNanos(), p);
            boolean ended = p.waitFor(Math.max(1, TIMEOUT.toMillis()), TimeUnit.MILLISECONDS);
            if (!ended) {
                p.destroyForcibly();
            }
            errThread.join(1000);
            String errors = err[0] == null ? "" : err[0].text();
            return new Capture(out.text(), errors, (ended ? "exit " + p.exitValue() : "timed out") + out.cutNote());
        } catch (IOException e) {
            p.destroyForcibly();
            return new Capture("", "", "error: " + e.getMessage());
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            return new Capture("", "", "error: interrupted");
        }
    }

    /** Text read up to {@link #MAX_BYTES}, the rest drained and dropped. */
    private record Bounded(String text, boolean cut) {

        static Bounded read(InputStream in) throws IOException {
            return readUntil(in, Long.MAX_VALUE, null);
        }

        /** Reads to the end; past the deadline, kills the process (its stream then ends). */
        static Bounded readUntil(InputStream in, long deadline, Process p) throws IOException {
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            byte[] chunk = new byte[8192];
            boolean cut = false;
            Thread killer = null;
            if (p != null) {
                killer = new Thread(() -> {
                    try {
                        if (!p.waitFor(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                            p.destroyForcibly();
                        }
                    } catch (InterruptedException e) {
                        // reading ended first
                    }
                }, "sstop-diagnose-timeout");
                killer.setDaemon(true);
                killer.start();
            }
            try {
                int n;
                while ((n = in.read(chunk)) >= 0) {
                    int room = MAX_BYTES - buf.size();
                    buf.write(chunk, 0, Math.max(0, Math.min(room, n)));
                    cut |= n > room;
                }
            } finally {
                if (killer != null) {
                    killer.interrupt();
                }
            }
            return new Bounded(buf.toString(StandardCharsets.UTF_8), cut);
        }

        String cutNote() {
            return cut ? ", cut at " + (MAX_BYTES >> 20) + " MiB" : "";
        }
    }
}
