package org.sstop.linux.procfs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a TCP socket really put on the wire, from the kernel's {@code tcp_info} via {@code ss -ti}:
 * {@code bytes_sent} counts payload including retransmissions, which is what a packet counter
 * sees. (Retransmissions are rare but real on a loaded machine, even on loopback: tail loss
 * probes.) Test helper.
 */
final class TcpWireBytes {

    private static final Pattern BYTES_SENT = Pattern.compile("\\bbytes_sent:(\\d+)");

    private TcpWireBytes() {
    }

    /**
     * Payload bytes sent, retransmissions included, by the established socket on {@code localPort}
     * of this network namespace (exactly one such socket expected), or {@code nominal} when the
     * kernel or ss does not report them.
     */
    static long sent(int localPort, long nominal) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("ss", "-tinH", "state", "established", "( sport = :" + localPort + " )")
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            return nominal;
        }
        Matcher m = BYTES_SENT.matcher(out);
        return m.find() ? Long.parseLong(m.group(1)) : nominal;
    }
}
