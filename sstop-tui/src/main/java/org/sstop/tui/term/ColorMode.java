package org.sstop.tui.term;

import java.util.Locale;
import java.util.Map;

/** How many colours the terminal gets. */
public enum ColorMode {
    /** 24-bit RGB. */
    TRUECOLOR,
    /** The xterm 256-colour palette. */
    ANSI256,
    /** No colour at all, attributes only. */
    NONE;

    /**
     * Decides from the environment and the terminal's capabilities: no colour with
     * {@code NO_COLOR} (any value) or a dumb terminal; truecolor with {@code COLORTERM} =
     * truecolor/24bit, inside tmux, or a "direct" terminal type; 256 colours otherwise.
     *
     * @param env environment variables
     * @param termType the terminal type JLine reports (or {@code TERM})
     * @param maxColors the terminal's {@code max_colors} capability, -1 if unknown
     */
    public static ColorMode detect(Map<String, String> env, String termType, int maxColors) {
        String type = termType == null ? "" : termType.toLowerCase(Locale.ROOT);
        String term = env.getOrDefault("TERM", "").toLowerCase(Locale.ROOT);
        if (env.containsKey("NO_COLOR") || type.startsWith("dumb") || term.equals("dumb")) {
            return NONE;
        }
        String colorterm = env.getOrDefault("COLORTERM", "").toLowerCase(Locale.ROOT);
        if (colorterm.equals("truecolor") || colorterm.equals("24bit") || env.containsKey("TMUX")
                || type.contains("direct") || maxColors >= 0x1000000) {
            return TRUECOLOR;
        }
        return ANSI256;
    }

    /** The nearest xterm 256-colour index of an RGB colour (colour cube or grey ramp). */
    public static int to256(int rgb) {
        int r = (rgb >> 16) & 0xff;
        int g = (rgb >> 8) & 0xff;
        int b = rgb & 0xff;
        int ri = cubeIndex(r);
        int gi = cubeIndex(g);
        int bi = cubeIndex(b);
        int cube = 16 + 36 * ri + 6 * gi + bi;
        int cubeDist = dist(r, g, b, cubeLevel(ri), cubeLevel(gi), cubeLevel(bi));
        int avg = (r + g + b) / 3;
        int grey = avg > 238 ? 23 : Math.max(0, (avg - 3) / 10);
        int gl = 8 + 10 * grey;
        int greyDist = dist(r, g, b, gl, gl, gl);
        return greyDist < cubeDist ? 232 + grey : cube;
    }

    private static int cubeIndex(int v) {
        return v < 48 ? 0 : v < 115 ? 1 : (v - 35) / 40;
    }

    private static int cubeLevel(int i) {
        return i == 0 ? 0 : 55 + 40 * i;
    }

    private static int dist(int r, int g, int b, int r2, int g2, int b2) {
        return (r - r2) * (r - r2) + (g - g2) * (g - g2) + (b - b2) * (b - b2);
    }
}
