package org.sstop.tui.term;

import java.util.ArrayList;
import java.util.List;
import org.sstop.tui.render.CellBuffer;
import org.sstop.tui.render.Style;

/**
 * A minimal terminal for tests: understands exactly what {@link DiffWriter} emits (CUP, ED 2,
 * SGR with 24-bit colours) and fails on anything else, so stray bytes are caught.
 */
final class VirtualScreen {

    final CellBuffer cells;
    private int x;
    private int y;
    private long pen = Style.of(0, 0, 0);

    VirtualScreen(int w, int h) {
        cells = new CellBuffer(w, h, Style.of(0, 0, 0));
    }

    void apply(String out) {
        int i = 0;
        while (i < out.length()) {
            char c = out.charAt(i);
            if (c == 033) {
                if (out.charAt(i + 1) != '[') {
                    throw new AssertionError("unexpected escape at " + i);
                }
                int j = i + 2;
                while (out.charAt(j) < 0x40 || out.charAt(j) > 0x7e) {
                    j++;
                }
                csi(out.substring(i + 2, j), out.charAt(j));
                i = j + 1;
                continue;
            }
            if (c < 0x20 || (c >= 0x7f && c < 0xa0)) {
                throw new AssertionError("control character " + (int) c + " written raw");
            }
            int cp = out.codePointAt(i);
            i += Character.charCount(cp);
            int w = CellBuffer.widthOf(cp);
            if (w == 2) {
                cells.put(x, y, new String(Character.toChars(cp)), pen, cells.width());
            } else {
                cells.set(x, y, cp, pen);
            }
            x = Math.min(x + Math.max(1, w), cells.width() - 1);
        }
    }

    private void csi(String params, char fin) {
        switch (fin) {
            case 'H' -> {
                if (params.isEmpty()) {
                    x = 0;
                    y = 0;
                } else {
                    String[] p = params.split(";");
                    y = Integer.parseInt(p[0]) - 1;
                    x = Integer.parseInt(p[1]) - 1;
                }
            }
            case 'J' -> {
                if (!params.equals("2")) {
                    throw new AssertionError("ED " + params);
                }
                cells.fill(new org.sstop.tui.render.Rect(0, 0, cells.width(), cells.height()), Style.of(0, 0, 0));
            }
            case 'm' -> pen = sgr(params);
            default -> throw new AssertionError("unexpected CSI " + params + fin);
        }
    }

    private static long sgr(String params) {
        List<Integer> p = new ArrayList<>();
        for (String s : params.split(";")) {
            p.add(Integer.parseInt(s));
        }
        int attrs = 0;
        int fg = 0;
        int bg = 0;
        for (int i = 0; i < p.size(); i++) {
            int v = p.get(i);
            switch (v) {
                case 0 -> {
                    attrs = 0;
                    fg = 0;
                    bg = 0;
                }
                case 1 -> attrs |= Style.BOLD;
                case 2 -> attrs |= Style.DIM;
                case 3 -> attrs |= Style.ITALIC;
                case 4 -> attrs |= Style.UNDERLINE;
                case 7 -> attrs |= Style.REVERSE;
                case 38, 48 -> {
                    if (p.get(i + 1) != 2) {
                        throw new AssertionError("only truecolor is modelled");
                    }
                    int rgb = (p.get(i + 2) << 16) | (p.get(i + 3) << 8) | p.get(i + 4);
                    if (v == 38) {
                        fg = rgb;
                    } else {
                        bg = rgb;
                    }
                    i += 4;
                }
                default -> throw new AssertionError("SGR " + v);
            }
        }
        return Style.of(fg, bg, attrs);
    }
}
