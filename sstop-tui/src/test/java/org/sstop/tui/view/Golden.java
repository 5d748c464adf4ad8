package org.sstop.tui.view;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.sstop.tui.render.CellBuffer;
import org.sstop.tui.render.Style;
import org.sstop.tui.render.Theme;

/**
 * Golden files for rendered frames: a frame as plain text and as style runs, compared with the
 * files under {@code src/test/resources/golden/}. With {@code -Dgolden.update=true} the files
 * are (re)written instead of compared. A mismatch fails with a line-by-line diff and leaves the
 * actual text in {@code target/golden-actual/} for a closer look.
 */
final class Golden {

    /** The system property that rewrites the golden files instead of comparing. */
    static final String UPDATE = "golden.update";

    private static final Path MODULE = Path.of(System.getProperty("basedir", ""));
    private static final Path DIR = MODULE.resolve("src/test/resources/golden");
    private static final Path ACTUAL = MODULE.resolve("target/golden-actual");
    private static final int MAX_DIFF_LINES = 12;

    /** Short names of the theme's colours in the style runs; other colours are written as hex. */
    private static final Map<Integer, String> COLOURS = Map.ofEntries(
            Map.entry(Theme.BG, "bg"), Map.entry(Theme.FG, "fg"), Map.entry(Theme.DIM, "dim"),
            Map.entry(Theme.ACCENT, "acc"), Map.entry(Theme.UPLOAD, "up"), Map.entry(Theme.DOWNLOAD, "down"),
            Map.entry(Theme.YELLOW, "yel"), Map.entry(Theme.CYAN, "cyan"), Map.entry(Theme.MAGENTA, "mag"),
            Map.entry(Theme.BORDER, "bord"), Map.entry(Theme.SELECTION, "sel"), Map.entry(Theme.ZEBRA, "zeb"),
            Map.entry(Theme.BRIGHT, "bright"));
    private static final String ATTRS = "bdurimn"; // bit order of Style's attributes

    /** What the style files say about their own format (their first lines). */
    private static final List<String> STYLE_LEGEND = List.of(
            "# style runs: row, then cells:fg/bg+attributes left to right; colours by theme name, else hex;",
            "# attributes: b bold, d dim, u underline, r reverse, i italic, m reverse without colour, n underline without colour");

    private Golden() {
    }

    /** The frame's text: one line per row, wide characters once, trailing blanks cut. */
    static String text(CellBuffer buf) {
        StringBuilder sb = new StringBuilder();
        for (int y = 0; y < buf.height(); y++) {
            sb.append(buf.row(y).stripTrailing()).append('\n');
        }
        return sb.toString();
    }

    /** The frame's styles: per row, runs of equal style as {@code cells:fg/bg+attrs}. */
    static String styles(CellBuffer buf) {
        StringBuilder sb = new StringBuilder();
        STYLE_LEGEND.forEach(l -> sb.append(l).append('\n'));
        for (int y = 0; y < buf.height(); y++) {
            sb.append(String.format("%02d", y));
            int x = 0;
            while (x < buf.width()) {
                long style = buf.styleAt(x, y);
                int start = x;
                while (x < buf.width() && buf.styleAt(x, y) == style) {
                    x++;
                }
                sb.append(' ').append(x - start).append(':').append(describe(style));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    private static String describe(long style) {
        StringBuilder sb = new StringBuilder(colour(Style.fg(style))).append('/').append(colour(Style.bg(style)));
        int attrs = Style.attrs(style);
        if (attrs != 0) {
            sb.append('+');
            for (int bit = 0; bit < ATTRS.length(); bit++) {
                if ((attrs & (1 << bit)) != 0) {
                    sb.append(ATTRS.charAt(bit));
                }
            }
        }
        return sb.toString();
    }

    private static String colour(int rgb) {
        String name = COLOURS.get(rgb);
        return name != null ? name : String.format("#%06x", rgb);
    }

    /**
     * Compares {@code actual} with the golden file {@code name}, or writes it in update mode.
     *
     * @param name file name under {@code golden/}
     * @param actual the text the code produces now
     */
    static void check(String name, String actual) {
        Path file = DIR.resolve(name);
        try {
            if (Boolean.getBoolean(UPDATE)) {
                Files.createDirectories(DIR);
                Files.writeString(file, actual, StandardCharsets.UTF_8);
                return;
            }
            if (!Files.exists(file)) {
                fail("no golden file " + file + "; create it with -D" + UPDATE + "=true and read it before committing");
            }
            String expected = Files.readString(file, StandardCharsets.UTF_8);
            if (!expected.equals(actual)) {
                Files.createDirectories(ACTUAL);
                Files.writeString(ACTUAL.resolve(name), actual, StandardCharsets.UTF_8);
                fail(diff(name, expected, actual));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The differing lines, expected above actual, with a caret under the first differing character. */
    static String diff(String name, String expected, String actual) {
        List<String> exp = expected.lines().toList();
        List<String> act = actual.lines().toList();
        StringBuilder sb = new StringBuilder("golden/" + name + " differs (actual text in " + ACTUAL.resolve(name)
                + "; accept it with -D" + UPDATE + "=true):\n");
        int differing = 0;
        for (int i = 0; i < Math.max(exp.size(), act.size()); i++) {
            String e = i < exp.size() ? exp.get(i) : null;
            String a = i < act.size() ? act.get(i) : null;
            if (e != null && e.equals(a)) {
                continue;
            }
            if (++differing > MAX_DIFF_LINES) {
                continue;
            }
            sb.append(String.format("line %d%n  expected |%s|%n  actual   |%s|%n", i + 1,
                    e == null ? "(none)" : e, a == null ? "(none)" : a));
            if (e != null && a != null) {
                sb.append("            ").append(" ".repeat(firstDifference(e, a))).append("^\n");
            }
        }
        if (differing > MAX_DIFF_LINES) {
            sb.append("… and ").append(differing - MAX_DIFF_LINES).append(" more differing lines\n");
        }
        return sb.append(differing).append(" of ").append(Math.max(exp.size(), act.size())).append(" lines differ").toString();
    }

    /** Columns (by display width) before the first differing character. */
    private static int firstDifference(String e, String a) {
        int i = 0;
        int n = Math.min(e.length(), a.length());
        while (i < n && e.charAt(i) == a.charAt(i)) {
            i++;
        }
        if (i > 0 && Character.isHighSurrogate(e.charAt(i - 1))) {
            i--;
        }
        return CellBuffer.widthOf(e.substring(0, i));
    }
}
