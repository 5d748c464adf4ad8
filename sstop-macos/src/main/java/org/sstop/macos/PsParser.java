package org.sstop.macos;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Parses macOS {@code ps} output (C locale). Pure functions over the text.
 *
 * <p>{@link #COLUMNS} output is {@code pid ppid uid user lstart... comm}: {@code lstart} is
 * {@code %c} of the C locale ({@code Sat Nov 21 20:49:51 2026}, five fields), and {@code comm}
 * (the executable's path, possibly with spaces) is last because it is the only field that may
 * contain blanks. {@link #COMMAND_COLUMNS} output is {@code pid command}.
 */
final class PsParser {

    /** The {@code -o} argument for {@link #parseProcesses}. */
    public static final String COLUMNS = "pid=,ppid=,uid=,user=,lstart=,comm=";
    /** The {@code -o} argument for {@link #parseCommands}. */
    public static final String COMMAND_COLUMNS = "pid=,command=";

    private static final DateTimeFormatter LSTART = DateTimeFormatter.ofPattern("MMM d HH:mm:ss yyyy", Locale.ENGLISH);

    private PsParser() {
    }

    /**
     * One process line.
     *
     * @param pid process id
     * @param ppid parent
     * @param uid user id
     * @param user user name
     * @param startEpochSecond start time, seconds since the epoch in the given zone's reading
     * @param executable the {@code comm} column (executable path or name)
     */
    public record PsProcess(int pid, int ppid, int uid, String user, long startEpochSecond, String executable) {

        /** The executable's file name: what sstop shows as the process name. */
        public String name() {
            int slash = executable.lastIndexOf('/');
            return slash >= 0 && slash < executable.length() - 1 ? executable.substring(slash + 1) : executable;
        }
    }

    /**
     * Parses {@code ps -o} {@link #COLUMNS} output.
     *
     * @param text the output
     * @param zone the time zone ps printed {@code lstart} in
     */
    public static ParseResult<PsProcess> parseProcesses(String text, ZoneId zone) {
        List<PsProcess> out = new ArrayList<>();
        int bad = 0;
        Tokens tokens = new Tokens();
        Lines lines = Lines.of(text);
        for (String line : lines) {
            if (line.isBlank()) {
                continue;
            }
            Tokens t = tokens.reset(line);
            if (t.size() < 10) {
                bad++;
                continue;
            }
            long pid = Endpoints.parseCount(t.get(0));
            long ppid = Endpoints.parseCount(t.get(1));
            long uid = Endpoints.parseCount(t.get(2));
            long start = lstart(t.get(4) + " " + t.get(5) + " " + t.get(6) + " " + t.get(7) + " " + t.get(8), zone);
            if (pid <= 0 || pid > Integer.MAX_VALUE || ppid < 0 || ppid > Integer.MAX_VALUE || uid < 0 || uid > 0xffff_ffffL || start < 0) {
                bad++;
                continue;
            }
            String comm = Text.clean(t.rest(9));
            out.add(new PsProcess((int) pid, (int) ppid, (int) uid, Text.clean(t.get(3)), start, comm));
        }
        return new ParseResult<>(out, bad + lines.overlong());
    }

    /** Parses {@code ps -o} {@link #COMMAND_COLUMNS} output: pid to command line (bounded, cleaned). */
    public static Map<Integer, String> parseCommands(String text) {
        Map<Integer, String> out = new HashMap<>();
        Tokens tokens = new Tokens();
        Lines lines = Lines.of(text);
        for (String line : lines) {
            Tokens t = tokens.reset(line);
            if (t.size() < 1) {
                continue;
            }
            long pid = Endpoints.parseCount(t.get(0));
            if (pid > 0 && pid <= Integer.MAX_VALUE) {
                out.put((int) pid, t.size() > 1 ? Text.clean(t.rest(1)) : "");
            }
        }
        return out;
    }

    /** Seconds since the epoch of an {@code lstart} text ({@code Sat Nov 21 20:49:51 2026}), or -1. */
    static long lstart(String text, ZoneId zone) {
        int space = text.indexOf(' ');
        if (space < 0) {
            return -1;
        }
        try {
            // The weekday is redundant; parsing without it keeps one wrong letter from losing the process.
            return LocalDateTime.parse(text.substring(space + 1), LSTART).atZone(zone).toEpochSecond();
        } catch (DateTimeParseException e) {
            return -1;
        }
    }
}
