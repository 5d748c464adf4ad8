package org.sstop.app.diagnose;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sstop.testkit.DiagnoseDir;

class PlanTest {

    /**
     * sstop-macos's DiagnoseDirTest runs the macOS backends on this directory, answering each
     * command only from the file of exactly that invocation; so the invocations written here must
     * be those of the directory, program for program and argument for argument.
     */
    @Test
    void theMacOsCommandsAreTheBackendsOwn() {
        DiagnoseDir mac = DiagnoseDir.load(Path.of("..", "sstop-macos", "src", "test", "resources", "diagnose", "macos-example"));
        List<List<String>> expected = new ArrayList<>();
        for (DiagnoseDir.Entry e : mac.entries()) {
            if (e.kind().equals("command")) {
                List<String> c = new ArrayList<>(List.of(e.program()));
                c.addAll(e.args());
                expected.add(c);
            }
        }
        List<List<String>> planned = new ArrayList<>();
        for (Item i : Plan.macOs()) {
            List<String> c = new ArrayList<>(i.command());
            c.set(0, c.get(0).substring(c.get(0).lastIndexOf('/') + 1));
            planned.add(c);
        }
        assertEquals(expected, planned);
    }

    @Test
    void linuxCopiesTheProcNetTablesOfTheBackends() {
        List<String> paths = Plan.linux().stream().map(Item::path).toList();
        for (String p : List.of("/proc/net/tcp", "/proc/net/tcp6", "/proc/net/udp", "/proc/net/udp6", "/proc/net/dev",
                "/proc/net/if_inet6", "/proc/net/fib_trie", "/proc/net/sockstat")) {
            assertEquals(true, paths.contains(p), p);
        }
    }
}
