package org.sstop.tui.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sstop.api.Protocol;

/** {@code /etc/services} read as untrusted input: what is kept, what is skipped, and the bounds. */
class ServiceTableTest {

    private static final String FILE = """
            # Network services, Internet style
            tcpmux\t\t1/tcp\t\t\t\t# TCP port service multiplexer
            domain\t\t53/tcp\t\t\t\t# Domain Name Server
            domain\t\t53/udp
            http\t\t80/tcp\t\twww\t\t# WorldWideWeb HTTP
            https\t\t443/tcp\t\t\t\t# http protocol over TLS/SSL
            https\t\t443/udp\t\t\t\t# HTTP/3
            second-name\t443/tcp\t\t\t\t# a later line does not rename a port
            evil\u001b[2J\t\t444/tcp
            fine\t\t445/tcp\t\tbad\u0007alias good-alias
            toolong-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa 446/tcp
            noport\t\tabc/tcp
            zero\t\t0/tcp
            huge\t\t65536/tcp
            sctp-only\t\t9/sctp
            x\t\t
            \u202eright-to-left\t447/tcp
            """;

    @Test
    void readsNamesAliasesAndProtocolsAndTheFirstLineNamesAPort() {
        ServiceTable t = ServiceTable.parse(FILE, null);
        assertEquals("domain", t.name(Protocol.TCP, 53));
        assertEquals("domain", t.name(Protocol.UDP, 53));
        assertEquals("https", t.name(Protocol.TCP, 443));
        assertEquals("", t.name(Protocol.UDP, 80), "http is tcp only here");
        assertEquals(Set.of(80), t.ports("WWW", Protocol.TCP));
        assertEquals(Set.of(443), t.ports("https", Protocol.UDP));
        assertEquals(Set.of(445), t.ports("good-alias", Protocol.TCP));
    }

    @Test
    void hostileAndMalformedLinesAreSkipped() {
        ServiceTable t = ServiceTable.parse(FILE, null);
        assertEquals("", t.name(Protocol.TCP, 444), "a name with an escape is never kept");
        assertEquals("fine", t.name(Protocol.TCP, 445));
        assertFalse(t.knows("bad\u0007alias"));
        assertEquals("", t.name(Protocol.TCP, 446), "longer than " + ServiceTable.MAX_NAME);
        assertEquals("", t.name(Protocol.TCP, 447), "a bidi control");
        assertEquals("", t.name(Protocol.TCP, 0));
        assertFalse(t.knows("huge") || t.knows("zero") || t.knows("noport") || t.knows("sctp-only") || t.knows("x"));
    }

    @Test
    void theBuiltInListFillsWhatTheFileLacksWithoutRenaming() {
        ServiceTable t = ServiceTable.parse(FILE, ServiceTable.builtIn());
        assertEquals("https", t.name(Protocol.TCP, 443));
        assertEquals("postgresql", t.name(Protocol.TCP, 5432), "from the built-in list");
        assertTrue(t.knows("postgres") && t.knows("dns"), "short names people type");
        assertEquals(Set.of(53), t.ports("dns", Protocol.UDP));
    }

    @Test
    void aMissingFileGivesTheBuiltInListAndAHugeOneIsReadOnlyInPart(@TempDir Path dir) throws IOException {
        assertEquals("ssh", ServiceTable.load(dir.resolve("absent")).name(Protocol.TCP, 22));
        StringBuilder big = new StringBuilder();
        int port = 1;
        while (big.length() < ServiceTable.MAX_BYTES + 100_000) {
            big.append("svc").append(port).append(' ').append(port % 65_535 + 1).append("/tcp\n");
            port++;
        }
        big.append("last 60000/tcp\n");
        Path file = dir.resolve("services");
        Files.writeString(file, big, StandardCharsets.UTF_8);
        ServiceTable t = ServiceTable.load(file);
        assertEquals("svc1", t.name(Protocol.TCP, 2));
        assertFalse(t.knows("last"), "beyond the bytes read");
    }

    @Test
    void randomBytesNeverThrowAndNeverYieldAnUnsafeName() {
        SplittableRandom r = new SplittableRandom(11);
        for (int i = 0; i < 2_000; i++) {
            StringBuilder sb = new StringBuilder();
            int n = r.nextInt(400);
            for (int j = 0; j < n; j++) {
                sb.append(r.nextInt(8) == 0 ? "\t" : r.nextInt(8) == 0 ? "/tcp\n" : String.valueOf((char) r.nextInt(0, 0x3000)));
            }
            ServiceTable t = ServiceTable.parse(sb.toString(), null);
            for (int p = 1; p < 65_536; p += 97) {
                String name = t.name(Protocol.TCP, p);
                assertTrue(name.chars().allMatch(c -> c > 0x20 && c < 0x7f), name);
            }
        }
    }
}
