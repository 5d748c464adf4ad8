package org.sstop.tui.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sstop.testkit.CiAssume;

/**
 * Drives the real app (CLI, engine, real backends) in a detached tmux session: every view and
 * overlay through send-keys, screen checks through capture-pane, and the terminal state after
 * quitting (alternate screen left, mouse off, cursor shown, cooked mode back) for q, Ctrl+C and
 * SIGTERM. The app runs from this test's class path, so it needs the whole sstop-tui module.
 */
class TmuxE2ETest {

    private final String session = "sst-tui-" + Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffL);
    private Path dir;
    private ServerSocket server;
    private Socket client;
    private Socket accepted;

    @BeforeEach
    void setUp() throws Exception {
        CiAssume.linux();
        CiAssume.that(run("tmux", "-V").startsWith("tmux"), "tmux is not installed");
        dir = Files.createTempDirectory("sstop-e2e");
        // A loopback connection owned by this JVM, so the app has a known process, socket and listen port.
        server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        client = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());
        accepted = server.accept();
        client.getOutputStream().write(new byte[64 * 1024]);
        client.getOutputStream().flush();
        accepted.getInputStream().readNBytes(64 * 1024);
    }

    @AfterEach
    void tearDown() throws Exception {
        run("tmux", "kill-session", "-t", session);
        for (AutoCloseable c : new AutoCloseable[] {client, accepted, server}) {
            if (c != null) {
                c.close();
            }
        }
    }

    /** Starts the app in tmux; the wrapper prints the exit status and the terminal modes afterwards. */
    private long start(String... args) throws Exception {
        return startWith("", args);
    }

    private long startWith(String env, String... args) throws Exception {
        Path script = dir.resolve("run.sh");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String cp = System.getProperty("java.class.path");
        Files.writeString(script, "#!/bin/sh\n"
                + "echo $$ > " + dir.resolve("pid") + "\n"
                + "stty 38400; stty -g > " + dir.resolve("stty-before") + "\n"
                + env + "\"" + java + "\" -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -cp '" + cp + "' org.sstop.app.Main "
                + String.join(" ", args) + " 2>" + dir.resolve("stderr") + "\n"
                + "echo SSTOP-EXIT=$?\n"
                + "stty -g > " + dir.resolve("stty-after") + "\n"
                + "stty -a | tr ' ;' '\\n\\n' | grep -x -e '-\\?icanon' -e '-\\?echo' | tr '\\n' ' '; echo STTY-END\n"
                + "exec sleep 600\n", StandardCharsets.UTF_8);
        // A tmux server that is just exiting (its last session was killed) can refuse a new
        // session ("server exited unexpectedly"): try again.
        String err = "";
        for (int attempt = 0; attempt < 5; attempt++) {
            long t0 = System.nanoTime();
            err = run("tmux", "-u", "new-session", "-d", "-s", session, "-x", "120", "-y", "40", "sh " + script).strip();
            if (err.isEmpty()) {
                return t0;
            }
            Thread.sleep(200);
        }
        fail("tmux new-session: " + err);
        return 0;
    }

    private String screen() throws Exception {
        return run("tmux", "capture-pane", "-p", "-t", session);
    }

    private String format(String f) throws Exception {
        return run("tmux", "display", "-p", "-t", session, f).strip();
    }

    private void keys(String... keys) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("tmux", "send-keys", "-t", session));
        cmd.addAll(List.of(keys));
        run(cmd.toArray(String[]::new));
    }

    /** Waits (up to 20 s) until the screen satisfies the check; fails with the screen otherwise. */
    private String await(String what, Predicate<String> check) throws Exception {
        String s = "";
        for (int i = 0; i < 400; i++) {
            s = screen();
            if (check.test(s)) {
                return s;
            }
            Thread.sleep(50);
        }
        String err = Files.exists(dir.resolve("stderr")) ? Files.readString(dir.resolve("stderr")) : "";
        fail("timed out waiting for " + what + "; screen:\n" + s + "\nstderr:\n" + err);
        return s;
    }

    private String await(String text) throws Exception {
        return await("'" + text + "'", s -> s.contains(text));
    }

    private void assertRestored(String status) throws Exception {
        String s = await("exit status", x -> x.contains("STTY-END"));
        assertTrue(s.contains("SSTOP-EXIT=" + status), s);
        assertFalse(s.contains("PROCESS"), "the UI is gone from the screen:\n" + s);
        assertTrue(s.contains(" icanon") || s.startsWith("icanon") || s.contains("\nicanon"), "cooked mode restored:\n" + s);
        assertFalse(s.contains("-icanon") || s.contains("-echo "), "echo and canonical mode restored:\n" + s);
        assertEquals("0 0 0 1", format("#{alternate_on} #{mouse_any_flag} #{mouse_sgr_flag} #{cursor_flag}"),
                "alternate screen left, mouse tracking off, cursor visible");
        assertEquals(Files.readString(dir.resolve("stty-before")), Files.readString(dir.resolve("stty-after")),
                "every terminal setting as before, the line speed too (stty -g)");
    }

    @Test
    void aRecordedSessionReplaysWithPauseStepSeekAndSpeed() throws Exception {
        Path file = dir.resolve("session.jsonl.gz");
        start("--record", file.toString());
        await("first frame", s -> s.contains("PID") && s.contains("sockets"));
        for (int i = 0; i < 8; i++) { // traffic on the known connection while it records
            client.getOutputStream().write(new byte[256 * 1024]);
            client.getOutputStream().flush();
            accepted.getInputStream().readNBytes(256 * 1024);
            Thread.sleep(1000);
        }
        keys("q");
        assertRestored("0");
        run("tmux", "kill-session", "-t", session);
        long samples;
        try (var in = new java.util.zip.GZIPInputStream(Files.newInputStream(file))) {
            samples = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().count();
        }
        assertTrue(samples >= 7, "a sample a second recorded from the terminal UI: " + samples);

        start("--replay", file.toString(), "--speed", "2");
        String first = await("the replay at 2x", s -> s.contains("replay 2×") && s.contains("PID"));
        String me = Long.toString(ProcessHandle.current().pid());
        keys("Space");
        await("paused", s -> s.contains("PAUSED") && s.contains("Space play"));
        keys("Left"); // to the start, still paused (had the replay ended before Space, it played again to its end)
        String at = position(await("paused at the start", s -> position(s).equals("0:00") && s.contains("PAUSED")));
        keys(".", ".", "."); // three samples on: later by two seconds at least (the header says whole seconds)
        await("three steps", s -> seconds(position(s)) >= seconds(at) + 2 && s.contains("PAUSED"));
        keys(",", ",", ",");
        await("three steps back: the same sample", s -> position(s).equals(at));
        keys("Right");
        await("10 s later is the end", s -> position(s).equals(length(s)) && s.contains("PAUSED"));
        keys("Left");
        await("10 s earlier is the start", s -> position(s).equals("0:00"));
        keys(">", ">", "Space");
        String end = await("played to the end at 10x", s -> s.contains("replay 10×") && position(s).equals(length(s))
                && s.contains("PAUSED"));
        assertTrue(end.contains(me + " java"), "this JVM, recorded:\n" + end);
        assertTrue(first.contains("sstop"), first);
        keys("q");
        assertRestored("0");
        run("tmux", "kill-session", "-t", session);

        // a damaged copy: three samples, then a line that is not JSON
        Path damaged = dir.resolve("damaged.jsonl");
        try (var in = new java.util.zip.GZIPInputStream(Files.newInputStream(file))) {
            List<String> lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().limit(3).toList();
            Files.writeString(damaged, String.join("\n", lines) + "\nnot json\n");
        }
        start("--replay", damaged.toString(), "--speed", "10");
        await("played to where it stops", s -> s.contains("replay 10×") && position(s).equals(length(s)));
        keys("q");
        assertRestored("1"); // as with --json: the recording is damaged
    }

    private static final java.util.regex.Pattern REPLAY = java.util.regex.Pattern.compile("replay \\d+× (\\d+:\\d\\d)/(\\d+:\\d\\d)");

    /** The replay's position on the header, e.g. {@code 0:03}. */
    private static String position(String screen) {
        java.util.regex.Matcher m = REPLAY.matcher(screen);
        return m.find() ? m.group(1) : "";
    }

    private static String length(String screen) {
        java.util.regex.Matcher m = REPLAY.matcher(screen);
        return m.find() ? m.group(2) : "?";
    }

    private static int seconds(String mss) {
        String[] p = mss.split(":");
        return p.length == 2 ? Integer.parseInt(p[0]) * 60 + Integer.parseInt(p[1]) : -100;
    }

    @Test
    void everyViewAndOverlayThenQuitRestoresTheTerminal() throws Exception {
        String me = Long.toString(ProcessHandle.current().pid());
        String port = Integer.toString(server.getLocalPort());
        long t0 = start();
        await("first frame", s -> s.contains("PID") && s.contains("sstop") && s.contains("sockets"));
        System.out.printf("e2e: first frame after %d ms (JVM start included)%n", (System.nanoTime() - t0) / 1_000_000);
        assertEquals("1 1 1", format("#{alternate_on} #{mouse_any_flag} #{mouse_sgr_flag}"), "alternate screen and SGR mouse on");
        client.getOutputStream().write(new byte[256 * 1024]); // bytes since start, for the exit summary
        client.getOutputStream().flush();
        accepted.getInputStream().readNBytes(256 * 1024);

        keys("/");
        await("search:");
        keys(me, "Enter");
        // The header shows the filter as it is typed: wait for Enter to close the search line too.
        String filtered = await("our process", s -> s.contains("filter: " + me) && s.contains(me + " java")
                && !s.contains("search:"));
        assertFalse(filtered.contains("search:"), filtered);

        keys("Enter");
        String detail = await("detail view", s -> s.contains("pid " + me) && s.contains("ESTABLISHED") && s.contains("LISTEN"));
        assertTrue(detail.contains("127.0.0.1:" + port), detail);
        assertTrue(detail.contains("cmd "), detail);
        assertTrue(detail.contains("⇄ java(" + me + ")"), "the other end of its loopback connection: itself\n" + detail);

        // Mouse through the real input path: SGR reports as the terminal would send them. The filtered
        // table has one row, just below the column header; a click selects it, a second click opens it.
        keys("Escape");
        String table = await("back in the table", s -> s.contains("filter: " + me) && s.contains("CONNS"));
        int row = table.lines().toList().indexOf(table.lines().filter(l -> l.contains(me + " java")).findFirst().orElseThrow());
        keys("-l", "\033[<0;5;" + (row + 1) + "M\033[<0;5;" + (row + 1) + "m");
        keys("-l", "\033[<0;5;" + (row + 1) + "M\033[<0;5;" + (row + 1) + "m");
        await("detail opened by clicks", s -> s.contains("pid " + me) && s.contains("ESTABLISHED"));
        keys("-l", "\033[<65;5;" + (row + 6) + "M");

        keys("Escape", "Escape", "h");
        // The test's own loopback connection: this JVM at both ends, a local peer in the hosts view.
        await("hosts view with the loopback peer", s -> s.contains("HOST") && s.contains("TOTAL DOWN")
                && s.contains("local: java[" + me + "]"));
        keys("l");
        String listen = await("listen view", s -> s.contains("PROTO") && s.contains("ADDRESS") && s.contains(port));
        assertTrue(listen.contains("listen"), listen);
        keys("Escape");
        await("process table", s -> s.contains("DOWNLOAD/s"));

        keys("?");
        await("help", s -> s.contains("every key") || s.contains("help — Esc"));
        keys("Escape");
        await("help closed", s -> !s.contains("help — Esc"));
        keys("F1"); // htop's keys, as the terminal sends them
        await("help by F1", s -> s.contains("help — Esc") && s.contains("? F1")); // 40 rows: the quit line is below
        keys("F1");
        await("help closed by F1", s -> !s.contains("help — Esc"));
        keys("F3");
        await("search by F3", s -> s.contains("search:"));
        keys("Escape");
        String head = await("search closed", s -> !s.contains("search:") && s.contains("PID"));
        List<String> screenLines = head.lines().toList();
        int headerRow = screenLines.indexOf(screenLines.stream().filter(l -> l.contains("PID") && l.contains("CONNS"))
                .findFirst().orElseThrow());
        int pidColumn = screenLines.get(headerRow).indexOf("PID");
        keys("-l", "\033[<0;" + (pidColumn + 1) + ";" + (headerRow + 1) + "M\033[<0;" + (pidColumn + 1) + ";"
                + (headerRow + 1) + "m");
        await("sorted by pid by a click on its header", s -> s.contains("▲PID"));
        keys("-l", "\033[<0;" + (pidColumn + 1) + ";" + (headerRow + 1) + "M");
        await("reversed by a second click", s -> s.contains("▼PID"));
        keys("F6");
        await("F6 sorts by the next key", s -> s.contains("▼PROCESS") || s.contains("▲PROCESS"));
        keys("F6", "F6"); // by connections, then by rate again

        keys("v");
        await("visibility", s -> s.contains("visibility — Esc") && s.contains("What sstop cannot see") && s.contains("Coverage"));
        keys("v");
        await("visibility closed", s -> !s.contains("visibility — Esc"));

        keys("D");
        await("groups view", s -> s.contains("GROUP") && s.contains("KIND"));
        keys("u");
        await("groups by user", s -> s.contains("USER") && s.contains("UID") && s.contains(" users "));
        keys("u");
        await("groups by container again", s -> s.contains("GROUP") && s.contains("KIND"));
        keys("D");
        await("groups closed", s -> s.contains("PROCESS") && !s.contains("KIND"));
        keys("u");
        await("u opens the groups by user", s -> s.contains("USER") && s.contains("UID"));
        keys("Escape");
        await("back from the users", s -> s.contains("PROCESS") && !s.contains("UID"));

        keys("t");
        await("process tree", s -> s.contains("ΣUPLOAD/s") && s.contains("x fold"));
        keys("x", "X", "X");
        keys("t");
        await("flat again", s -> s.contains("UPLOAD/s") && !s.contains("ΣUPLOAD/s"));

        keys("/");
        await("search:");
        keys("Escape");
        await("filter cleared", s -> !s.contains("filter:") && !s.contains("search:"));
        keys("/", me, "Enter");
        await("filtered again", s -> s.contains("filter: " + me) && !s.contains("search:"));
        keys("K");
        String kill = await("kill dialog", s -> s.contains("SIGTERM") && s.contains("SIGUSR2"));
        assertTrue(kill.contains("pid " + me), kill);
        keys("Enter");
        await("confirmation", s -> s.contains("y / Enter: send"));
        keys("n", "Escape");
        await("kill closed", s -> !s.contains("SIGUSR2"));
        keys("Escape");

        keys("Space");
        await("PAUSED");
        keys("Space");
        await("resumed", s -> !s.contains("PAUSED"));
        keys("m");
        await("totals mode", s -> s.contains("DOWNLOAD ") && !s.contains("DOWNLOAD/s"));
        keys("m");
        await("totals in KiB", s -> s.contains("totals KiB"));
        keys("m", "m", "m", "b");
        await("rates in bits", s -> s.contains("bit/s") && s.contains("DOWNLOAD/s"));
        keys("b", "s");
        await("sorted by download", s -> s.contains("▼DOWNLOAD/s") && !s.contains("▼UPLOAD/s"));
        keys("S");
        await("reversed", s -> s.contains("▲DOWNLOAD/s"));
        keys("-");
        await("every 2s");
        keys("+", "+");
        await("every 500ms");
        keys("d");
        await("dns off");
        keys("i");
        await("one interface selected", s -> s.contains("(total"));
        keys("j", "k", "G", "g", "PPage", "NPage", "C-d", "C-u");

        run("tmux", "resize-window", "-t", session, "-x", "30", "-y", "6");
        await("too small");
        run("tmux", "resize-window", "-t", session, "-x", "70", "-y", "20");
        await("narrow layout", s -> s.contains("PID") && s.contains("quit") && !s.contains("small"));
        run("tmux", "resize-window", "-t", session, "-x", "200", "-y", "50");
        await("wide layout, the header graph with its peak", s -> s.contains("GRAPH")
                && s.lines().findFirst().orElse("").contains("peak "));

        keys("F10");
        assertRestored("0");
        String err = Files.readString(dir.resolve("stderr"));
        assertTrue(err.contains("sstop: top talkers over "), "the exit summary, after the screen is restored:\n" + err);
        assertTrue(err.lines().anyMatch(l -> l.trim().startsWith(me + " ")), "this JVM moved bytes:\n" + err);
    }

    @Test
    void truecolorUnderTmuxAndNoColourWithNoColor() throws Exception {
        start();
        await("first frame", s -> s.contains("PID") && s.contains("sockets"));
        String colours = run("tmux", "capture-pane", "-p", "-e", "-t", session);
        // Tokyo Night background #1a1b26 and accent #7aa2f7 as 24-bit colours.
        assertTrue(colours.contains("48;2;26;27;38") && colours.contains("38;2;122;162;247"), colours);
        keys("q");
        assertRestored("0");
        run("tmux", "kill-session", "-t", session);

        startWith("NO_COLOR=1 ");
        await("first frame", s -> s.contains("PID") && s.contains("sockets"));
        String mono = run("tmux", "capture-pane", "-p", "-e", "-t", session);
        assertFalse(mono.contains("38;2") || mono.contains("48;2") || mono.contains("38;5") || mono.contains("48;5"), mono);
        assertTrue(mono.contains("\033[7m") || mono.contains(";7m") || mono.contains("[1;7m") || mono.contains("7;"),
                "highlights become reverse video:\n" + mono);
        String columnHeader = mono.lines().filter(l -> l.contains("PID") && l.contains("PROCESS")).findFirst().orElseThrow();
        assertTrue(columnHeader.contains("\033[1;4m") || columnHeader.contains(";4m") || columnHeader.contains("\033[4m"),
                "the column header is underlined:\n" + columnHeader);
        assertFalse(columnHeader.contains(";7m") || columnHeader.contains("[7m") || columnHeader.contains("[1;7m"),
                "and not in reverse video like the selected row:\n" + columnHeader);
        keys("q");
        assertRestored("0");
    }

    @Test
    void ctrlCQuitsAndRestores() throws Exception {
        start("--interval", "250ms");
        await("every 250ms");
        keys("?");
        await("help — Esc");
        keys("C-c");
        assertRestored("130");
    }

    @Test
    void sigtermRestoresTheTerminal() throws Exception {
        start();
        await("first frame", s -> s.contains("PID"));
        run("kill", "-TERM", Long.toString(app().pid()));
        assertRestored("143");
    }

    @Test
    void ctrlLRepaintsWhatAnotherProgramWroteOver() throws Exception {
        start();
        await("first frame", s -> s.contains("PID") && s.contains("sockets"));
        Files.writeString(Path.of(format("#{pane_tty}")), "\033[5;1HSCRIBBLED-OVER-BY-SOMEONE", StandardCharsets.UTF_8);
        await("the scribble", s -> s.contains("SCRIBBLED-OVER-BY-SOMEONE"));
        keys(" "); // paused: nothing changes, so only Ctrl+L can repaint
        keys("C-l");
        await("repainted", s -> !s.contains("SCRIBBLED") && s.contains("PID"));
        keys("q");
        assertRestored("0");
    }

    @Test
    void ctrlZSuspendsToTheShellAndFgResumes() throws Exception {
        suspendAndResume(() -> keys("C-z"));
    }

    @Test
    void aStopSignalFromAnotherShellSuspendsAsCtrlZDoes() throws Exception {
        suspendAndResume(() -> run("kill", "-TSTP", Long.toString(ProcessHandle.of(Long.parseLong(
                Files.readString(dir.resolve("jvm")).strip())).orElseThrow().pid())));
    }

    /** Something that stops the app. */
    private interface Stop {
        void run() throws Exception;
    }

    private void suspendAndResume(Stop stop) throws Exception {
        CiAssume.that(!run("bash", "-c", "echo ok").isEmpty(), "bash is not installed");
        Path app = dir.resolve("app.sh");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // exec: the shell's job is the JVM itself, as with the ./sstop launcher.
        Files.writeString(app, "echo $$ > " + dir.resolve("jvm") + "\nexec \"" + java + "\" -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -cp '"
                + System.getProperty("java.class.path") + "' org.sstop.app.Main 2>" + dir.resolve("stderr") + "\n");
        // An interactive shell with job control, as a user has.
        assertEquals("", run("tmux", "-u", "new-session", "-d", "-s", session, "-x", "120", "-y", "40",
                "env PS1='PROMPT$ ' bash --norc --noprofile -i").strip());
        await("the prompt", s -> s.contains("PROMPT$"));
        keys("stty 38400; stty -g > " + dir.resolve("stty-before") + "; clear", "Enter");
        await("a clear prompt", s -> s.strip().equals("PROMPT$"));
        keys("sh " + app, "Enter");
        await("first frame", s -> s.contains("PID") && s.contains("sockets"));
        keys("h");
        await("hosts view", s -> s.contains("TOTAL DOWN"));

        stop.run();
        String stopped = await("the shell's prompt", s -> s.contains("Stopped") && s.strip().endsWith("PROMPT$"));
        assertFalse(stopped.contains("TOTAL DOWN"), "the main screen is back:\n" + stopped);
        assertEquals("0 0 0 1", format("#{alternate_on} #{mouse_any_flag} #{mouse_sgr_flag} #{cursor_flag}"),
                "alternate screen left, mouse tracking off, cursor visible while suspended");
        keys("stty -g > " + dir.resolve("stty-stopped") + "; echo SAVED", "Enter");
        await("settings saved", s -> s.contains("\nSAVED"));
        assertEquals(Files.readString(dir.resolve("stty-before")), Files.readString(dir.resolve("stty-stopped")),
                "every terminal setting as before sstop while it is suspended");

        keys("fg", "Enter");
        String back = await("the UI again, whole", s -> s.contains("TOTAL DOWN") && s.contains("sockets") && s.contains("quit"));
        assertFalse(back.contains("PROMPT$"), "the alternate screen is cleared and painted whole:\n" + back);
        assertEquals("1 1 1 0", format("#{alternate_on} #{mouse_any_flag} #{mouse_sgr_flag} #{cursor_flag}"),
                "alternate screen, mouse and hidden cursor again");
        keys("h"); // one key, no Enter: raw mode again
        await("back to the process table", s -> s.contains("DOWNLOAD/s"));
        keys("q");
        await("the prompt after quitting", s -> s.strip().endsWith("PROMPT$") && !s.contains("DOWNLOAD/s"));
        keys("echo SSTOP-EXIT=$?; stty -g > " + dir.resolve("stty-after") + "; echo DONE", "Enter");
        String end = await("exit status", s -> s.contains("\nDONE"));
        assertTrue(end.contains("SSTOP-EXIT=0"), end);
        assertEquals("0 0 0 1", format("#{alternate_on} #{mouse_any_flag} #{mouse_sgr_flag} #{cursor_flag}"));
        assertEquals(Files.readString(dir.resolve("stty-before")), Files.readString(dir.resolve("stty-after")),
                "every terminal setting as before, after quitting");
    }

    @Test
    void theVisibilityLimitsAreOnStderrOnceTheTerminalIsRestored() throws Exception {
        // A UDP socket with neither the packet counter nor eBPF to count it: a limitation of this run.
        try (java.net.DatagramSocket udp = new java.net.DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            for (String exit : new String[] {"q", "TERM"}) {
                run("tmux", "kill-session", "-t", session);
                start("--backend", "flows=none", "--backend", "counters=none");
                await("the limitation in the header", s -> s.contains("limited visibility") && s.contains("PID"));
                if (exit.equals("q")) {
                    keys("q");
                } else {
                    run("kill", "-TERM", Long.toString(app().pid()));
                }
                assertRestored(exit.equals("q") ? "0" : "143");
                List<String> lines = Files.readAllLines(dir.resolve("stderr"), StandardCharsets.UTF_8).stream()
                        .filter(l -> l.startsWith("sstop: limited visibility: ")).toList();
                assertEquals(1, lines.size(), exit + ": one line per limitation:\n" + Files.readString(dir.resolve("stderr")));
                assertTrue(lines.get(0).contains("no byte counters"), lines.get(0));
                assertFalse(Files.readString(dir.resolve("stderr")).contains("\033"), "no escape reaches stderr");
                assertTrue(Files.readString(dir.resolve("stderr")).contains("sstop: top talkers over "), exit + ": the summary");
            }
        }
    }

    @Test
    void aFilterExpressionFiltersAndAWrongOneSaysWhere() throws Exception {
        String me = Long.toString(ProcessHandle.current().pid());
        String port = Integer.toString(server.getLocalPort());
        start("--no-summary");
        await("first frame", s -> s.contains("PID") && s.contains("sockets"));
        keys("/");
        keys("-l", "port:99999");
        String wrong = await("the error inline", s -> s.contains("✗ at 6: expected a port"));
        assertTrue(wrong.contains("DOWNLOAD/s"), wrong);
        keys("C-u");
        keys("-l", "pid:" + me + " AND (port:" + port + " OR NOT proto:tcp)");
        keys("Enter");
        String kept = await("only this JVM", s -> s.contains(me + " java") && s.contains("filter: pid:" + me));
        assertEquals(1, kept.lines().filter(l -> l.matches("\\s*\\d+ \\S.*")).count(), "one process row:\n" + kept);
        keys("l");
        await("its listen port", s -> s.contains("PROTO") && s.contains(port));
        keys("q");
        assertRestored("0");
        assertFalse(Files.readString(dir.resolve("stderr")).contains("top talkers"), "--no-summary");
    }

    @Test
    void anAlertMarksTheRowRunsItsCommandOnceAndTheDialogSaysWhereARuleIsWrong() throws Exception {
        String me = Long.toString(ProcessHandle.current().pid());
        Path notify = dir.resolve("notify");
        Files.writeString(notify, "#!/bin/sh\necho \"$SSTOP_PID $1\" >> " + dir.resolve("alerts") + "\n");
        Files.setPosixFilePermissions(notify, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        startWith("NO_COLOR=1 ", "--no-summary", "--alert", "'pid:" + me + " for 1s'", "--alert-exec", notify.toString(),
                "--alert-exec-arg", "'one arg'");
        String marked = await("the row marked and counted", s -> s.contains("! 1 alert") && s.lines().anyMatch(
                l -> l.matches("!\\s+" + me + " java.*")));
        assertTrue(marked.contains("PID"), marked);
        keys("a");
        await("the dialog with the rule", s -> s.contains("alert rules") && s.contains("pid:" + me + " for 1s")
                && s.contains("1 breaching"));
        keys("-l", "up>1M for 5x");
        await("the error inline", s -> s.contains("✗ at 12: expected a duration after 'for'"));
        keys("Escape");
        Thread.sleep(1500); // more samples: the breach goes on, the command is not run again
        keys("q");
        assertRestored("0");
        assertEquals(List.of(me + " one arg"), Files.readAllLines(dir.resolve("alerts")), "once per breach, argv as given");
    }

    @Test
    void interfacesAsArgumentsLimitTheHeaderAndTheProcessRows() throws Exception {
        start("lo");
        String me = Long.toString(ProcessHandle.current().pid());
        // This JVM's loopback connection is on lo: its row is there, with what its lo sockets move.
        String first = await("the header and the rows on lo only", s -> s.contains(" lo ↑ ")
                && s.contains("(process rows: open sockets by local address)") && s.contains(" " + me + " "));
        String ifLine = first.lines().filter(l -> l.startsWith(" if ")).findFirst().orElseThrow();
        assertEquals(List.of("if", "all", "lo"), List.of(ifLine.trim().split("\\s+")).subList(0, 3), ifLine);
        assertFalse(ifLine.contains("eth0"), "only the interface named: " + ifLine);
        keys("i");
        await("lo selected", s -> s.contains("(total ↑"));
        keys("q");
        assertRestored("0");
    }

    @Test
    void sigintFromAnotherShellRestoresTheTerminal() throws Exception {
        start();
        await("first frame", s -> s.contains("PID"));
        run("kill", "-INT", Long.toString(app().pid()));
        assertRestored("130");
    }

    /** The sstop JVM the test's shell started. */
    private ProcessHandle app() throws Exception {
        String shellPid = Files.readString(dir.resolve("pid")).strip();
        return ProcessHandle.of(Long.parseLong(shellPid)).orElseThrow().children()
                .filter(p -> p.info().command().orElse("").endsWith("java")).findFirst().orElseThrow();
    }

    @Test
    void notATerminalSaysToUseJsonOrCsv() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "org.sstop.app.Main")
                .redirectInput(ProcessBuilder.Redirect.PIPE)
                .redirectErrorStream(true)
                .start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(2, p.exitValue(), out);
        assertTrue(out.contains("--json") && out.contains("--csv"), out);
    }

    private static String run(String... cmd) throws IOException, InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        } catch (IOException e) {
            return "";
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(30, TimeUnit.SECONDS);
        return out;
    }
}
