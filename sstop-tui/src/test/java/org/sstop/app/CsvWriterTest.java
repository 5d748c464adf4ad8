package org.sstop.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sstop.core.Snapshot;
import org.sstop.tui.text.Sanitizer;

class CsvWriterTest {

    static String write(Snapshot... snapshots) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CsvWriter writer = new CsvWriter(bytes);
        for (Snapshot s : snapshots) {
            writer.write(s);
        }
        return bytes.toString(StandardCharsets.UTF_8); // not closed: flushed per sample
    }

    @Test
    void headerOnceThenOneRowPerProcessPerSample() throws Exception {
        String out = write(Snapshots.full(), Snapshots.full());
        String[] lines = out.split("\n", -1);
        assertEquals("", lines[lines.length - 1], "ends with a newline");
        assertEquals(1 + 2 * 2, lines.length - 1, "header + 2 processes x 2 samples");
        assertEquals(CsvWriter.HEADER, lines[0]);
        assertEquals("time,pid,name,cmdline,user,state,up_rate,down_rate,up_bytes,down_bytes,connections,listening,trend,ppid,exited_at,up_delta,down_delta,netns,container_runtime,container_id,container_name,pod,unit",
                lines[0]);
        assertEquals("2026-11-21T20:00:01.250Z,1234,curl,curl -O http://x,root,running,1500,20,10000,2000,2,1,rising,1,,0,0,,,,,,",
                lines[1]);
    }

    @Test
    void hostileTextIsSanitizedGuardedAndQuoted() throws Exception {
        String out = write(Snapshots.full());
        String row = out.split("\n")[2];
        for (int i = 0; i < row.length(); i++) {
            assertFalse(Sanitizer.isUnsafe(row.charAt(i)), "raw control at " + i + ": " + row);
        }
        List<String> cells = parse(row);
        assertEquals(23, cells.size(), row);
        assertEquals("4321", cells.get(1));
        assertEquals("evil\\e]0;x\\a\\e[2Jname", cells.get(2));
        // Formula guard first, then the quoting of its comma and quotes; newline and bidi made visible.
        assertEquals("'=HYPERLINK(\"http://e\",\"x\")\\u202e,\"q\"\\n2nd", cells.get(3));
        assertEquals("'-bob", cells.get(4));
        assertEquals("exited", cells.get(5));
        assertEquals("2026-11-21T19:59:58.250Z", cells.get(14));
    }

    @Test
    void formulaGuardCoversEveryTriggerAndNothingElse() {
        for (String trigger : new String[] {"=1+2", "+1", "-1", "@SUM(A1)", "\tx", "\rx"}) {
            assertEquals("'" + trigger, CsvWriter.guardFormula(trigger));
        }
        for (String plain : new String[] {"", "a=1", "x-y", "1", " =x", "'quoted"}) {
            assertEquals(plain, CsvWriter.guardFormula(plain));
        }
    }

    @Test
    void quotingFollowsRfc4180() {
        assertEquals("plain", CsvWriter.text(new StringBuilder(), "plain").toString());
        assertEquals("\"a,b\"", CsvWriter.text(new StringBuilder(), "a,b").toString());
        assertEquals("\"say \"\"hi\"\"\"", CsvWriter.text(new StringBuilder(), "say \"hi\"").toString());
        assertEquals("", CsvWriter.text(new StringBuilder(), null).toString());
        assertTrue(CsvWriter.text(new StringBuilder(), "x\ny").indexOf("\n") < 0, "no raw newline in a cell");
    }

    /** A strict RFC 4180 parser for one record. */
    static List<String> parse(String record) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < record.length(); i++) {
            char c = record.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < record.length() && record.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"' && cell.length() == 0) {
                quoted = true;
            } else if (c == ',') {
                cells.add(cell.toString());
                cell.setLength(0);
            } else {
                assertFalse(c == '"', "stray quote in an unquoted cell: " + record);
                cell.append(c);
            }
        }
        assertFalse(quoted, "unterminated quote: " + record);
        cells.add(cell.toString());
        return cells;
    }
}
