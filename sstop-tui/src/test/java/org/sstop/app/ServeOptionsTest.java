package org.sstop.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sstop.testkit.CiAssume;

/** {@code --serve} on the command line: help, usage errors (exit 2), a busy port (exit 1). */
class ServeOptionsTest {

    @Test
    void helpDescribesServe() {
        MainTest.Result r = MainTest.run("--help");
        String flat = r.out().replaceAll("\\s+", " ");
        assertTrue(flat.contains("--serve=[ADDR:]PORT"), flat);
        assertTrue(flat.contains("--serve-top=N"), flat);
        assertTrue(flat.contains("--serve-labels=LIST"), flat);
        assertTrue(flat.contains("ADDR defaults to 127.0.0.1"), flat);
        assertTrue(flat.contains("Without --json, --csv or --serve it opens the terminal UI"), flat);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "--serve                       | Missing required parameter",
        "--serve 70000                 | port 70000 is out of range",
        "--serve http://x:1            | is not [ADDR:]PORT",
        "--serve 192.0.2.1:9100        | is not an address of this host",
        "--serve 9100 --backends       | --serve and --backends cannot be used together",
        "--json --serve-top 5          | --serve-top needs --serve",
        "--serve 0 --serve-top 0       | --serve-top must be 1 to 10000",
        "--serve 0 --serve-top 10001   | --serve-top must be 1 to 10000",
        "--json --serve-labels name    | --serve-labels needs --serve",
        "--serve 0 --serve-labels name,cmdline | --serve-labels: unknown label 'cmdline'; known: pid,name,user,container,runtime,pod,unit,netns",
        "--serve 0 --serve-labels pid,name,PID | --serve-labels: label 'pid' given twice",
        "--serve 0 --serve-labels name,,pid | --serve-labels: an empty label",
    })
    void badServeUsageExitsTwo(String args, String message) {
        MainTest.Result r = MainTest.run(args.split(" "));
        assertEquals(2, r.status(), r.err());
        assertTrue(r.err().startsWith("sstop: ") && r.err().contains(message), r.err());
        assertTrue(r.err().contains("Try 'sstop --help'"), r.err());
    }

    @Test
    void servesBesideJsonAndReleasesThePortWhenDone() throws Exception {
        CiAssume.linux();
        MainTest.Result r = MainTest.run("--serve", "127.0.0.1:0", "--json", "--count", "2", "--interval", "100ms");
        assertEquals(0, r.status(), r.err());
        assertEquals(2, MainEndToEndTest.parseLines(r.out()).size(), r.out());
        Matcher m = Pattern.compile("sstop: serving metrics on http://127\\.0\\.0\\.1:(\\d+)/metrics\n").matcher(r.err());
        assertTrue(m.find(), r.err());
        try (ServerSocket again = new ServerSocket(Integer.parseInt(m.group(1)), 1, InetAddress.getByName("127.0.0.1"))) {
            assertTrue(again.isBound(), "the exporter's port is free once sstop is done");
        }
    }

    @Test
    void aBusyPortIsExitOneWithAClearMessageBeforeAnyBackendOpens() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            MainTest.Result r = MainTest.run("--serve", "127.0.0.1:" + taken.getLocalPort(), "--count", "1");
            assertEquals(1, r.status(), r.err());
            assertEquals("sstop: cannot serve on 127.0.0.1:" + taken.getLocalPort()
                    + ": the port is in use (another exporter? pick another with --serve)\n", r.err());
            assertEquals("", r.out());
        }
    }
}
