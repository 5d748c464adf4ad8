package org.sstop.macos;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs commands with {@link ProcessBuilder}: C locale (numbers and dates as the parsers expect
 * them), output bounded, killed at the timeout. Standard error is read on a helper thread so a
 * chatty command cannot block on a full pipe.
 */
final class ProcessCommandRunner implements CommandRunner {

    /** Output beyond this many bytes is dropped (a host has a few thousand sockets, not millions). */
    static final int MAX_OUTPUT = 16 << 20;
    private static final int MAX_STDERR = 64 << 10;

    @Override
    public CommandResult run(List<String> command, Duration timeout) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().put("LC_ALL", "C");
        pb.environment().put("LANG", "C");
        pb.redirectInput(ProcessBuilder.Redirect.PIPE);
        Process p = pb.start();
        p.getOutputStream().close();
        long deadline = System.nanoTime() + timeout.toNanos();
        BoundedReader err = new BoundedReader(p.getErrorStream(), MAX_STDERR);
        Thread errThread = new Thread(err, "sstop-macos-stderr");
        errThread.setDaemon(true);
        errThread.start();
        BoundedReader out = new BoundedReader(p.getInputStream(), MAX_OUTPUT);
        Thread outThread = new Thread(out, "sstop-macos-stdout");
        outThread.setDaemon(true);
        outThread.start();
        boolean finished;
        try {
            finished = p.waitFor(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (finished) {
                outThread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
                errThread.join(100);
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running " + command.get(0), e);
        }
        if (!finished) {
            p.destroyForcibly();
            return new CommandResult(-1, out.text(), err.text(), true);
        }
        return new CommandResult(p.exitValue(), out.text(), err.text(), false);
    }

    /** Drains a stream into a bounded buffer. */
    private static final class BoundedReader implements Runnable {
        private final InputStream in;
        private final int limit;
        private final ByteArrayOutputStream buf = new ByteArrayOutputStream();

        BoundedReader(InputStream in, int limit) {
            this.in = in;
            this.limit = limit;
        }

        @Override
        public void run() {
            byte[] chunk = new byte[8192];
            try (in) {
                int n;
                while ((n = in.read(chunk)) >= 0) {
                    synchronized (buf) {
                        int room = limit - buf.size();
                        if (room > 0) {
                            buf.write(chunk, 0, Math.min(room, n));
                        }
                    }
                }
            } catch (IOException e) {
                // The process was killed or closed its end: keep what arrived.
            }
        }

        String text() {
            synchronized (buf) {
                return buf.toString(StandardCharsets.UTF_8);
            }
        }
    }
}
