package org.sstop.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sstop.api.IpAddress;
import org.sstop.testkit.CiAssume;
import org.sstop.testkit.DiagnoseDir;
import org.sstop.tui.text.Sanitizer;

/** {@code sstop --diagnose DIR} run in this JVM against this machine, and read back with the fixture loader. */
class DiagnoseTest {

    @TempDir
    Path tmp;

    private String err = "";
    private String out = "";

    private int run(String... args) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        int status = Main.run(args, o, new PrintStream(e, true, StandardCharsets.UTF_8), false, false);
        out = o.toString(StandardCharsets.UTF_8);
        err = e.toString(StandardCharsets.UTF_8);
        return status;
    }

    private static void assumeLinux() {
        CiAssume.linux();
    }

    @Test
    void aLinuxDirectoryLoadsThroughTheFixtureLoader() throws Exception {
        assumeLinux();
        Path d = tmp.resolve("d");
        assertEquals(0, run("--diagnose", d.toString(), "--interval", "200ms"), err);
        assertTrue(out.contains("wrote 18 files to " + d), out);
        DiagnoseDir dir = DiagnoseDir.load(d);
        for (String f : List.of("/proc/net/tcp", "/proc/net/tcp6", "/proc/net/udp", "/proc/net/udp6")) {
            DiagnoseDir.Entry e = dir.file(f).orElseThrow(() -> new AssertionError(f));
            assertEquals("ok", e.status());
            assertTrue(e.text().strip().startsWith("sl  local_address"), f + ": " + e.text());
        }
        assertTrue(dir.file("/proc/net/dev").orElseThrow().text().contains(" lo:"));
        assertTrue(dir.file("/proc/net/sockstat").orElseThrow().text().startsWith("sockets: used"));
        String netlink = dir.named("sockets-linux-netlink.txt").orElseThrow().text();
        assertTrue(netlink.contains("available\tyes") && netlink.contains("live_sockets\t"), netlink);
        JsonNode backends = new ObjectMapper().readTree(dir.named("backends.json").orElseThrow().text());
        assertTrue(backends.toString().contains("linux-netlink"), backends.toString());
        JsonNode sample = new ObjectMapper().readTree(dir.named("sample.json").orElseThrow().text());
        assertEquals("sstop/1", sample.get("schema").asText());
        assertEquals("linux-netlink", sample.get("sources").get("sockets").asText());
        assertTrue(dir.named("host.txt").orElseThrow().text().contains("addresses\tas they are"));
        assertNoRawControlCharacters(d);
    }

    @Test
    void maskingReplacesEveryAddressOfThisHostEverywhere() throws Exception {
        assumeLinux();
        List<IpAddress> own = new ArrayList<>();
        for (NetworkInterface n : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            for (InetAddress a : Collections.list(n.getInetAddresses())) {
                IpAddress ip = IpAddress.of(a);
                if (!ip.isLoopback() && !ip.isAny()) {
                    own.add(ip);
                }
            }
        }
        CiAssume.that(!own.isEmpty(), "this host has an address besides loopback");
        Path plain = tmp.resolve("plain");
        Path masked = tmp.resolve("masked");
        assertEquals(0, run("--diagnose", plain.toString(), "--interval", "200ms"), err);
        assertEquals(0, run("--diagnose", masked.toString(), "--mask-addresses", "--interval", "200ms"), err);
        assertTrue(out.contains("(addresses masked)"), out);
        String before = allText(plain);
        String after = allText(masked);
        for (IpAddress a : own) {
            List<String> spellings = spellings(a);
            assertTrue(spellings.stream().anyMatch(before::contains), a + " is in the plain directory as one of " + spellings);
            for (String s : spellings) {
                assertFalse(after.contains(s), a + " left in the masked directory as " + s);
            }
        }
        assertTrue(after.contains("198.18.0.") || after.contains("2001:db8::") || after.contains("20010db8"), "stand-ins written");
        assertNoRawControlCharacters(masked);
        DiagnoseDir.load(masked);
    }

    @Test
    void aDirectoryThatCannotBeUsedIsBadUsage() throws Exception {
        Path file = Files.writeString(tmp.resolve("file"), "x");
        assertEquals(2, run("--diagnose", file.toString()));
        assertEquals("sstop: --diagnose " + file + ": exists and is not a directory\n", err);
        Path full = Files.createDirectories(tmp.resolve("full"));
        Files.writeString(full.resolve("old.txt"), "x");
        assertEquals(2, run("--diagnose", full.toString()));
        assertTrue(err.contains("is not empty"), err);
        assertEquals(2, run("--diagnose", file.resolve("below").toString()));
        assertTrue(err.contains("cannot create or write into it"), err);
        assertEquals(2, run("--diagnose", ""));
        assertEquals(2, run("--mask-addresses"));
        assertTrue(err.startsWith("sstop: --mask-addresses works with --diagnose=DIR only\n"), err);
        assertEquals(2, run("--diagnose", file.resolve("\u001b[31mx").toString()));
        assertFalse(err.contains("\u001b"), "the name is shown escaped: " + err);
        assertEquals(List.of("file", "full"), Files.list(tmp).map(p -> p.getFileName().toString()).sorted().toList(),
                "nothing written");
    }

    /** How an address may be written in the files: text, /proc's little-endian words, if_inet6's plain hex. */
    private static List<String> spellings(IpAddress a) {
        List<String> s = new ArrayList<>();
        s.add(a.toString());
        byte[] b = a.toBytes();
        StringBuilder plain = new StringBuilder();
        for (byte x : b) {
            plain.append(String.format("%02x", x & 0xff));
        }
        if (b.length == 16) {
            s.add(plain.toString());
        }
        StringBuilder le = new StringBuilder();
        for (int w = 0; w < b.length; w += 4) {
            for (int i = 3; i >= 0; i--) {
                le.append(String.format("%02X", b[w + i] & 0xff));
            }
        }
        s.add(le.toString() + ":");
        if (a.toInetAddress() instanceof Inet6Address) {
            s.add(a.toString().toUpperCase(Locale.ROOT));
        }
        return s;
    }

    private static String allText(Path dir) throws Exception {
        StringBuilder sb = new StringBuilder();
        try (var files = Files.list(dir)) {
            for (Path p : files.sorted().toList()) {
                sb.append(Files.readString(p)).append('\n');
            }
        }
        return sb.toString();
    }

    private static void assertNoRawControlCharacters(Path dir) throws Exception {
        try (var files = Files.list(dir)) {
            for (Path p : files.toList()) {
                String text = Files.readString(p);
                for (int i = 0; i < text.length(); i++) {
                    char c = text.charAt(i);
                    assertFalse(c != '\n' && c != '\t' && Sanitizer.isUnsafe(c), p.getFileName() + " has U+" + Integer.toHexString(c) + " at " + i);
                }
            }
        }
    }
}
