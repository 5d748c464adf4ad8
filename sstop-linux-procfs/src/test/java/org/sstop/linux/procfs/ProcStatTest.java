package org.sstop.linux.procfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProcStatTest {

    /** A real line (captured from a bash process), starttime 123456. */
    private static final String BASH = "4242 (bash) S 4200 4242 4242 34816 4250 4194304 2711 9377 0 2 5 3 12 6 20 0 1 0"
            + " 123456 9093120 1234 18446744073709551615 94 95 96 0 0 0 65536 3686404 1266761467 0 0 0 17 1 0 0 0 0 0"
            + " 97 98 99 100 101 102 103 0\n";

    private static Optional<ProcStat> parse(String line) {
        byte[] b = line.getBytes(StandardCharsets.UTF_8);
        return ProcStat.parse(b, b.length);
    }

    private static long startTime(String line) {
        byte[] b = line.getBytes(StandardCharsets.UTF_8);
        return ProcStat.parseStartTime(b, b.length);
    }

    @Test
    void parsesARealLine() {
        ProcStat st = parse(BASH).orElseThrow();
        assertEquals(new ProcStat(4242, "bash", 'S', 4200, 123456), st);
        assertEquals(123456, startTime(BASH));
    }

    @Test
    void commWithSpacesAndParenthesesUsesTheLastParenthesis() {
        String line = BASH.replace("(bash)", "(a) (b ) 7 8)");
        ProcStat st = parse(line).orElseThrow();
        assertEquals("a) (b ) 7 8", st.comm());
        assertEquals(4200, st.ppid());
        assertEquals(123456, st.startTime());
        assertEquals(123456, startTime(line));
    }

    @Test
    void commWithEscapeSequencesIsKeptVerbatimForTheDisplayToSanitize() {
        ProcStat st = parse(BASH.replace("(bash)", "(\u001b[2J\u0007x)")).orElseThrow();
        assertEquals("\u001b[2J\u0007x", st.comm());
    }

    @Test
    void emptyCommIsAllowed() {
        assertEquals("", parse(BASH.replace("(bash)", "()")).orElseThrow().comm());
    }

    @Test
    void hugeCommIsCut() {
        ProcStat st = parse(BASH.replace("(bash)", "(" + "x".repeat(100_000) + ")")).orElseThrow();
        assertEquals(ProcStat.MAX_COMM_BYTES, st.comm().length());
        assertEquals(123456, st.startTime());
    }

    @Test
    void invalidUtf8InCommIsReplacedNotFatal() {
        byte[] b = BASH.replace("(bash)", "(ab)").getBytes(StandardCharsets.UTF_8);
        b[6] = (byte) 0xff;
        ProcStat st = ProcStat.parse(b, b.length).orElseThrow();
        assertEquals("\uFFFDb", st.comm());
    }

    @Test
    void truncatedLinesAreRejectedNeverMisread() {
        int endOfStartTime = BASH.indexOf(" 123456 ") + 7;
        for (int cut = 0; cut <= endOfStartTime; cut++) {
            assertTrue(parse(BASH.substring(0, cut)).isEmpty(), "cut at " + cut);
            assertEquals(-1, startTime(BASH.substring(0, cut)), "cut at " + cut);
        }
        assertEquals(123456, parse(BASH.substring(0, endOfStartTime + 1)).orElseThrow().startTime());
    }

    @Test
    void nonNumericFieldsAreRejected() {
        assertTrue(parse(BASH.replace(" S 4200 ", " S 42x0 ")).isEmpty());
        assertTrue(parse(BASH.replace(" 123456 ", " 12345a ")).isEmpty());
        assertEquals(-1, startTime(BASH.replace(" 123456 ", " -123456 ")));
        assertTrue(parse(BASH.replace("4242 (", "42a2 (")).isEmpty());
        assertTrue(parse(BASH.replace("4242 (", "(")).isEmpty());
    }

    @Test
    void overflowingNumbersAreRejected() {
        assertTrue(parse(BASH.replace(" 123456 ", " 99999999999999999999999 ")).isEmpty());
        assertTrue(parse(BASH.replace(" S 4200 ", " S 99999999999 ")).isEmpty());
    }

    @Test
    void missingParenthesesAreRejected() {
        assertTrue(parse(BASH.replace("(bash)", "bash")).isEmpty());
        assertTrue(parse(BASH.replace("(bash)", "bash)")).isEmpty());
        assertEquals(-1, startTime("no parenthesis at all"));
    }

    @Test
    void doubleSpacesAreMalformed() {
        assertTrue(parse(BASH.replace(" S 4200 ", " S  4200 ")).isEmpty());
    }

    @Test
    void honoursTheLengthArgument() {
        byte[] b = (BASH + "garbage)").getBytes(StandardCharsets.UTF_8);
        assertEquals(123456, ProcStat.parse(b, BASH.length()).orElseThrow().startTime());
    }

    @Test
    void state() {
        byte[] b = BASH.replace("(bash)", "(x) Z (y)").getBytes(StandardCharsets.UTF_8);
        assertEquals('S', ProcStat.parseState(b, b.length));
        byte[] z = BASH.replace(") S ", ") Z ").getBytes(StandardCharsets.UTF_8);
        assertEquals('Z', ProcStat.parseState(z, z.length));
        assertEquals(0, ProcStat.parseState(z, 12));
        assertEquals(0, ProcStat.parseState(new byte[0], 0));
    }
}
