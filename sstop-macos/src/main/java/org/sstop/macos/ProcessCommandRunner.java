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
 * them), output bounded by what the heap can hold ({@link #maxOutput}), killed at the timeout. Standard error is read on a helper thread so a
 * chatty command cannot block on a full pipe.
 */
final class ProcessCommandRunner implements CommandRunner {

    /** Output beyond this many bytes is never kept (a host has a few thousand sockets, not millions). */
    static final int MAX_OUTPUT = 16 << 20;
    /**
     * The output kept is at most this fraction of the heap: the text, its decoding and what a
     * parser builds from it (realistic lsof output makes a few times its size in objects) must
     * fit beside everything else (the launcher gives sstop 128 MiB: 8 MiB of output).
     */
    static final int HEAP_SHARE = 16;
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
        int limit = maxOutput(Runtime.getRuntime().maxMemory());
        BoundedReader out = new BoundedReader(p.getInputStream(), limit);
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
            return new CommandResult(-1, out.text(), err.text(), true, out.cut() ? limit : 0);
        }
        return new CommandResult(p.exitValue(), out.text(), err.text(), false, out.cut() ? limit : 0);
    }

    /**
     * The most output kept for a heap of this size: {@link #MAX_OUTPUT}, or 1/{@value #HEAP_SHARE}
     * of the heap when that is less (at least 64 KiB).
     *
     * @param maxHeap {@link Runtime#maxMemory()}
     */
    static int maxOutput(long maxHeap) {
        return (int) Math.max(64 << 10, Math.min(MAX_OUTPUT, maxHeap / HEAP_SHARE));
    }

    /** Drains a stream into a bounded buffer. */
    private static final class BoundedReader implements Runnable {
        private final InputStream in;
        private final int limit;
        private final ByteArrayOutputStream buf = new ByteArrayOutputStream();
        private boolean cut;

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
                        cut |= n > room; // the rest is read and dropped, so the command can finish
                    }
                }
            } catch (IOException e) {
                // The process was killed or closed its end: keep what arrived.
            }
        }

        String text() {
            synchronized (buf) {
                return cut ? "" : buf.toString(StandardCharsets.UTF_8); // cut output is not used: not decoded either
            }
        }

        boolean cut() {
            synchronized (buf) {
                return cut;
            }
        }
    }
}
