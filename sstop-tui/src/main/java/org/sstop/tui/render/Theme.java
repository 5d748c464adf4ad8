package org.sstop.tui.render;

/** The Tokyo Night palette and the styles built from it. */
public final class Theme {

    /** Background. */
    public static final int BG = 0x1a1b26;
    /** Normal text. */
    public static final int FG = 0xa9b1d6;
    /** Secondary text. */
    public static final int DIM = 0x565f89;
    /** Accent (titles, sort marker). */
    public static final int ACCENT = 0x7aa2f7;
    /** Upload. */
    public static final int UPLOAD = 0x9ece6a;
    /** Download. */
    public static final int DOWNLOAD = 0xf7768e;
    /** Warnings. */
    public static final int YELLOW = 0xe0af68;
    /** Graphs, addresses. */
    public static final int CYAN = 0x7dcfff;
    /** Keys, highlights. */
    public static final int MAGENTA = 0xbb9af7;
    /** Borders and separators. */
    public static final int BORDER = 0x3b4261;
    /** Selected row background. */
    public static final int SELECTION = 0x283457;
    /** Text on the selection. */
    public static final int BRIGHT = 0xc0caf5;
    /** Every other row's background. */
    public static final int ZEBRA = 0x1e2030;

    /** Plain text on the background. */
    public static final long TEXT = Style.of(FG, BG, 0);
    /** Secondary text. */
    public static final long MUTED = Style.of(DIM, BG, 0);
    /** Titles. */
    public static final long TITLE = Style.of(ACCENT, BG, Style.BOLD);
    /** Column headers (underlined without colour: the selected row is the one in reverse video). */
    public static final long HEADER = Style.of(ACCENT, BORDER, Style.BOLD | Style.MONO_UNDERLINE);
    /** Key names in the footer and help. */
    public static final long KEY = Style.of(MAGENTA, BG, Style.BOLD);
    /** The selected row, interface or signal (reverse video without colour, so it still shows). */
    public static final long SELECTED = Style.of(BRIGHT, SELECTION, Style.BOLD | Style.MONO_REVERSE);
    /** A row that breaches an alert rule: a dark red background (without colour, the row's ! marks it). */
    public static final long ALERT = Style.of(BRIGHT, 0x3d1f2b, Style.BOLD);
    /** The footer's count of breaches going on (reverse video without colour). */
    public static final long ALERT_BADGE = Style.of(BG, DOWNLOAD, Style.BOLD | Style.MONO_REVERSE);
    /** Warnings. */
    public static final long WARN = Style.of(YELLOW, BG, Style.BOLD);

    private Theme() {
    }
}
