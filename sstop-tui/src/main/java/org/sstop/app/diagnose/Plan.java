package org.sstop.app.diagnose;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What {@code --diagnose} collects on this operating system: exactly what the backends read.
 *
 * <p>Linux: the {@code /proc/net} tables of the procfs tier (sockets, interfaces, the local
 * addresses of the packet tier), the kernel's socket counts ({@code sockstat}: what sock_diag
 * should list), and the kernel version. macOS: the {@code netstat}, {@code nettop}, {@code lsof}
 * and {@code ps} invocations of the sstop-macos backends, argument for argument, and
 * {@code sw_vers}. Commands are looked up where those backends look (the system directories,
 * then {@code PATH}).
 */
final class Plan {

    /** Where the macOS backends look for their commands first. */
    private static final List<String> SYSTEM_DIRS = List.of("/usr/sbin", "/usr/bin", "/sbin", "/bin");

    private Plan() {
    }

    /** Whether this is macOS. */
    static boolean isMacOs() {
        return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("mac");
    }

    /** The items for this operating system (macOS, Linux; elsewhere none but sstop's own). */
    static List<Item> forThisHost() {
        if (isMacOs()) {
            return macOs();
        }
        return System.getProperty("os.name", "").equals("Linux") ? linux() : List.of();
    }

    /** The Linux files. */
    static List<Item> linux() {
        List<Item> items = new ArrayList<>();
        for (String f : List.of("tcp", "tcp6", "udp", "udp6", "dev", "sockstat", "sockstat6", "if_inet6", "fib_trie")) {
            items.add(Item.file("proc-net-" + f + ".txt", "/proc/net/" + f));
        }
        items.add(Item.file("proc-version.txt", "/proc/version"));
        return items;
    }

    /**
     * The macOS commands, as sstop-macos runs them (NetstatSocketSource with its first flag set,
     * NetstatInterfaceSource, NettopSocketSource, LsofProcessMapper); sstop-macos's
     * DiagnoseDirTest checks them against what its backends run.
     */
    static List<Item> macOs() {
        String netstat = find("netstat");
        String ps = find("ps");
        return List.of(
                Item.command("netstat-tcp.txt", netstat, "-a", "-n", "-v", "-b", "-l", "-p", "tcp"),
                Item.command("netstat-udp.txt", netstat, "-a", "-n", "-v", "-b", "-l", "-p", "udp"),
                Item.command("netstat-interfaces.txt", netstat, "-i", "-b", "-n"),
                Item.command("nettop.txt", find("nettop"), "-L", "1", "-n", "-x", "-J", "bytes_in,bytes_out"),
                Item.command("lsof.txt", find("lsof"), "-i", "-n", "-P", "-w", "+c", "0", "-F", "pcRuLftPnT"),
                Item.command("ps-table.txt", ps, "-A", "-o", "pid=,ppid=,uid=,user=,lstart=,comm="),
                Item.command("ps-commands.txt", ps, "-A", "-o", "pid=,command="),
                Item.command("sw_vers.txt", find("sw_vers")));
    }

    /** The command's path in the system directories or on PATH, else its bare name. */
    private static String find(String name) {
        List<String> dirs = new ArrayList<>(SYSTEM_DIRS);
        String path = System.getenv("PATH");
        if (path != null) {
            dirs.addAll(List.of(path.split(":")));
        }
        for (String d : dirs) {
            if (!d.isEmpty()) {
                Path p = Path.of(d, name);
                if (Files.isExecutable(p)) {
                    return p.toString();
                }
            }
        }
        return name;
    }
}
