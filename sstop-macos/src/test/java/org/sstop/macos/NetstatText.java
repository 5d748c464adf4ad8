package org.sstop.macos;

/**
 * Renders netstat output in the current macOS layout with the same printf formats as the fixture
 * {@code netstat-tcp-macos15.txt} (see its source note), for scripted sequences in the end-to-end
 * tests where counters change from run to run.
 */
final class NetstatText {

    private NetstatText() {
    }

    static String header() {
        return "Active Internet connections (including servers)\n"
                + String.format("%-5.5s %-6.6s %-6.6s  %-45.45s %-45.45s %-11.11s %10.10s %10.10s %7.7s %7.7s %17.17s %5.5s %8.8s"
                        + " %16.16s %8.8s %8.8s %6s %6s %5s%n",
                        "Proto", "Recv-Q", "Send-Q", "Local Address", "Foreign Address", "(state)", "rxbytes", "txbytes",
                        "rhiwat", "shiwat", "process:pid", "state", "options", "gencnt", "flags", "flags1", "usecnt", "rtncnt", "fltrs");
    }

    /** One row; {@code state} null for UDP. */
    static String row(String proto, String local, String foreign, String state, long rx, long tx, String process, long gencnt) {
        String p = proto.length() == 4 ? proto + " " : proto;
        return String.format("%-5.5s %6d %6d  %-45.45s %-45.45s %-11s %10d %10d %7d %7d %17s %05x %08x %016x %08x %08x %6d %6d %06x%n",
                p, 0, 0, local, foreign, state == null ? "" : state, rx, tx, 131072, 131072, process, 0x102, 0x20,
                gencnt, 0x80, 0x4000900, 1, 0, 0);
    }

    /** A {@code netstat -ibn} table (macOS 12+ layout) with one en0 and lo0. */
    static String interfaces(long enRx, long enTx, long loBytes) {
        return String.format("%-10.10s %-5.5s %-13.13s %-15.15s %8.8s %5.5s %10.10s %8.8s %5.5s %10.10s %5s%n",
                "Name", "Mtu", "Network", "Address", "Ipkts", "Ierrs", "Ibytes", "Opkts", "Oerrs", "Obytes", "Coll")
                + String.format("%-10.10s %-5d %-11.11s %-18s %8d %5d %10d %8d %5d %10d %5d%n",
                        "lo0", 16384, "<Link#1>", "", 100, 0, loBytes, 100, 0, loBytes, 0)
                + String.format("%-10.10s %-5d %-11.11s %-18s %8d %5d %10d %8d %5d %10d %5d%n",
                        "en0", 1500, "<Link#4>", "a4:83:e7:12:34:56", 1000, 0, enRx, 900, 0, enTx, 0);
    }
}
