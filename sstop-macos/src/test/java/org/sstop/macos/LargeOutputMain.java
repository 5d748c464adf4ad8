package org.sstop.macos;

import java.time.ZoneOffset;

/**
 * Run by {@link LargeOutputTest} in a child JVM with the launcher's heap: every parser reads 16 MiB
 * of two-byte lines (8 Mi lines), and the lsof parser a realistic output as large as the runner
 * keeps for this heap. An {@link OutOfMemoryError} fails the child and so the test.
 */
public final class LargeOutputMain {

    private LargeOutputMain() {
    }

    private record Lsof(String text, int sockets) {
    }

    /** Realistic {@code lsof -F pcRuLftPnT} output of about {@code size} bytes: processes of 50 sockets. */
    private static Lsof lsofText(int size) {
        StringBuilder sb = new StringBuilder(size + 200);
        int sockets = 0;
        for (int pid = 100; sb.length() < size - 200; pid++) {
            sb.append('p').append(pid).append("\ncSafari Networking\nR1\nu501\nLuser\n");
            for (int f = 0; f < 50 && sb.length() < size - 200; f++) {
                sb.append('f').append(20 + f).append("\ntIPv4\nPTCP\nn10.0.").append(pid & 0xff).append('.').append(f)
                        .append(':').append(40000 + f).append("->17.57.146.52:443\nTST=ESTABLISHED\n");
                sockets++;
            }
        }
        return new Lsof(sb.toString(), sockets);
    }

    /** Runs the parsers; prints what they found. */
    public static void main(String[] args) {
        String tiny = "x\n".repeat(8 << 20); // 16 MiB
        long n = NetstatSocketParser.parse(tiny).badLines()
                + NetstatInterfaceParser.parse(tiny).badLines()
                + NettopParser.parse(tiny).badLines()
                + LsofParser.parse(tiny).badLines()
                + PsParser.parseProcesses(tiny, ZoneOffset.UTC).badLines()
                + PsParser.parseCommands(tiny).size();
        if (n != 4L * (8 << 20)) { // netstat: no header yet; interfaces: not link rows; nettop, lsof, ps table: bad
            throw new AssertionError("bad lines " + n);
        }
        System.out.println("lines " + (8 << 20) + " parsed by 6 parsers");
        tiny = null;
        Lsof lsof = lsofText(ProcessCommandRunner.maxOutput(Runtime.getRuntime().maxMemory()));
        ParseResult<LsofSocket> r = LsofParser.parse(lsof.text());
        System.out.println("lsof sockets " + r.items().size() + " of " + lsof.sockets() + " bad " + r.badLines()
                + " size " + lsof.text().length());
    }
}
