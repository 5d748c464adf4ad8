package org.sstop.tui.view;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TimeZone;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.sstop.api.IpAddress;
import org.sstop.core.Snapshot;
import org.sstop.tui.render.CellBuffer;
import org.sstop.tui.state.Event;
import org.sstop.tui.state.Event.Key;
import org.sstop.tui.state.Event.KeyKind;
import org.sstop.tui.state.Replay;
import org.sstop.tui.state.UiState;
import org.sstop.tui.state.Update;
import org.sstop.tui.testing.Fixtures;

/**
 * The exact frames of every view and overlay at fixed sizes, pinned in golden files: for each
 * scene and size, {@code golden/<scene>.<w>x<h>.txt} holds the text of the cells and
 * {@code golden/<scene>.<w>x<h>.styles} their style runs, so a change of layout, text, colour or
 * attribute shows as a diff. The scenes are reached by real key presses through {@link Update}
 * from fixed snapshots ({@link Fixtures}) at a fixed time, rendered with the clock in UTC.
 *
 * <p>After an intended change of the screen, regenerate the files by adding
 * {@code -Dgolden.update=true} to a test run, e.g.
 * {@code mvn -B -o -q test -pl sstop-tui -am -Dtest=GoldenFrameTest -Dsurefire.failIfNoSpecifiedTests=false -Dgolden.update=true},
 * then read every changed file (alignment, truncation marks, no stray characters) before
 * committing it: the files are the specification of the screen, not a record of whatever it drew.
 * A mismatch fails with a line diff; the actual text is left in {@code target/golden-actual/}.
 */
class GoldenFrameTest {

    private static final Update UPDATE = new Update(4242);
    /** Reverse DNS answers for the detail and hosts views. */
    private static final Names NAMES = a -> a.equals(IpAddress.parse("93.184.216.34")) ? "example.com"
            : a.equals(IpAddress.parse("192.0.2.3")) ? "db.example.net" : null;
    private static TimeZone zone;

    /**
     * A way from the launch state to a screen.
     *
     * @param name the golden file's stem
     * @param snapshot the snapshot that arrives first (null: none yet)
     * @param setup what happens next
     */
    record Scene(String name, Snapshot snapshot, UnaryOperator<UiState> setup) {
        @Override
        public String toString() {
            return name;
        }
    }

    @BeforeAll
    static void utcClock() {
        zone = TimeZone.getDefault();
        TimeZone.setDefault(TimeZone.getTimeZone("UTC"));
    }

    @AfterAll
    static void restoreClock() {
        TimeZone.setDefault(zone);
    }

    static List<Scene> scenes() {
        Snapshot full = Fixtures.full(30, false);
        Snapshot limited = Fixtures.full(30, true);
        return List.of(
                new Scene("processes", full, s -> keys(s, "jj")),
                new Scene("processes-totals-pid-reversed-limited", limited, s -> keys(s, "msssS")),
                new Scene("processes-paused-interface", full, s -> keys(s, " i")),
                new Scene("processes-bits", full, s -> keys(s, "b")),
                new Scene("processes-shared-scale", full, s -> keys(s, "c")),
                new Scene("processes-totals-kib", full, s -> keys(s, "mm")),
                new Scene("hosts-totals-bytes", full, s -> keys(s, "hmmm")),
                new Scene("processes-filtered", full, s -> keys(keys(s, "/proc1"), Key.of(KeyKind.ENTER))),
                new Scene("processes-empty", Fixtures.empty(), s -> s),
                new Scene("processes-by-connections", full, s -> keys(s, "sssss")),
                new Scene("waiting", null, s -> s),
                new Scene("search", full, s -> keys(s, "/proc2")),
                new Scene("search-expression", full, s -> keys(keys(s, "/name:proc2 OR up>900k"), Key.of(KeyKind.ENTER))),
                new Scene("search-wrong", full, s -> keys(s, "/name:proc2 OR port:99999 up>1M")),
                new Scene("processes-containers", Fixtures.withContainers(12), s -> keys(s, "sssg")),
                new Scene("processes-filtered-by-container", Fixtures.withContainers(12),
                        s -> keys(keys(s, "/web"), Key.of(KeyKind.ENTER))),
                new Scene("groups", Fixtures.withContainers(12), s -> keys(s, "Dj")),
                new Scene("processes-tree", Fixtures.family(30), s -> keys(s, "t")),
                new Scene("processes-tree-by-pid-folded", Fixtures.family(30), s -> keys(s, "tsssgjx")),
                new Scene("processes-tree-filtered-totals", Fixtures.family(30),
                        s -> keys(keys(s, "tm/proc9"), Key.of(KeyKind.ENTER))),
                new Scene("groups-users", Fixtures.family(30), s -> keys(s, "uj")),
                new Scene("groups-users-opened", Fixtures.family(30), s -> keys(keys(s, "uj"), Key.of(KeyKind.ENTER))),
                new Scene("hosts-local", Fixtures.withLoopback(12), s -> keys(s, "h")),
                new Scene("groups-opened", Fixtures.withContainers(12), s -> keys(keys(s, "D"), Key.of(KeyKind.ENTER))),
                new Scene("detail-container", Fixtures.withContainers(12),
                        s -> keys(keys(s, "sssgjjjj"), Key.of(KeyKind.ENTER))),
                new Scene("detail", full, s -> keys(keys(s, "sssgjjj"), Key.of(KeyKind.ENTER), Key.of(KeyKind.DOWN))),
                new Scene("detail-totals", full, s -> keys(keys(s, "sssgjjj"), Key.of(KeyKind.ENTER), Key.ch('m'))),
                new Scene("detail-hostile", full, s -> keys(keys(s, "sssg"), Key.of(KeyKind.ENTER))),
                new Scene("detail-gone", full, s -> keys(keys(s, "sssgjjj"), Key.of(KeyKind.ENTER),
                        new Event.SnapshotArrived(Fixtures.full(3, false)))),
                new Scene("hosts", full, s -> keys(s, "hj")),
                new Scene("listen", full, s -> keys(s, "lj")),
                new Scene("hosts-by-connections-reversed", full, s -> keys(s, "hsssS")),
                new Scene("listen-by-process", full, s -> keys(s, "lssss")),
                new Scene("help", full, s -> keys(s, "?")),
                new Scene("visibility-limited", limited, s -> keys(s, "v")),
                new Scene("visibility-scrolled", limited, s -> keys(s, "vjjjj")),
                new Scene("help-scrolled", full, s -> keys(s, "?jjjjjjjjjjjjjjjjjjjjjjjjjjjjjj")),
                new Scene("kill-choose", full, s -> keys(s, "sssgjjjKj")),
                new Scene("kill-confirm", full, s -> keys(keys(s, "sssgjjjK2"), Key.of(KeyKind.ENTER))),
                new Scene("kill-sending", full, s -> keys(keys(s, "sssgjjjK"), Key.of(KeyKind.ENTER), Key.ch('y'))),
                new Scene("kill-result", full, s -> keys(keys(s, "sssgjjjK"), Key.of(KeyKind.ENTER), Key.ch('y'),
                        new Event.KillResult(true, "SIGTERM sent to proc3 (pid 103)"))),
                new Scene("replay", full, s -> keys(UPDATE.apply(s, new Event.ReplayMoved(new Replay(2, false, 83, 301,
                        Duration.ofSeconds(83), Duration.ofSeconds(300), Fixtures.T0.minusSeconds(3600), null))).state(), "j")),
                new Scene("replay-cut-paused", full, s -> UPDATE.apply(s, new Event.ReplayMoved(new Replay(10, true, 300, 301,
                        Duration.ofSeconds(300), Duration.ofSeconds(300), Fixtures.T0.minusSeconds(3300),
                        "line 302: not JSON (Unexpected end-of-input)"))).state()),
                new Scene("replay-kill-refused", full, s -> keys(new Update(4242, (pid, name, user) ->
                        "a replay: pid " + pid + " is from the recording, not a process to signal"), UPDATE.apply(s,
                        new Event.ReplayMoved(new Replay(1, false, 0, 5, Duration.ZERO, Duration.ofSeconds(4), Fixtures.T0,
                                null))).state(), "sssgjjjK")),
                new Scene("alerts-rows", full, s -> keys(keys(keys(s, "aup>500k"), Key.of(KeyKind.ENTER), Key.of(KeyKind.ESC)),
                        new Event.SnapshotArrived(resequenced(full, 8)))),
                new Scene("alerts-dialog", full, s -> keys(keys(keys(keys(keys(s, "aup>500k"), Key.of(KeyKind.ENTER)),
                        "name:proc2 for 5s"), Key.of(KeyKind.ENTER), Key.of(KeyKind.ESC),
                        new Event.SnapshotArrived(resequenced(full, 8))), "adown>1M fo")),
                new Scene("alerts-dialog-wrong", full, s -> keys(s, "aup>10M for 5x")),
                new Scene("kill-refused", full, s -> keys(s, "sssGK")), // the last row: an exited process
                new Scene("kill-not-permitted", full, s -> keys(new Update(4242, (pid, name, user) ->
                        "Refused: you may not signal " + name + " (pid " + pid + "), a process of " + user
                                + "; only its user or root may"), s, "sssgjjjK")));
    }

    static Stream<Arguments> frames() {
        List<Arguments> out = new ArrayList<>();
        for (Scene scene : scenes()) {
            out.add(Arguments.of(scene, 80, 24));
            out.add(Arguments.of(scene, 120, 40));
        }
        Snapshot full = Fixtures.full(30, false);
        out.add(Arguments.of(new Scene("narrow-processes", full, s -> keys(s, "j")), 40, 10));
        out.add(Arguments.of(new Scene("narrow-detail", full, s -> keys(s, Key.of(KeyKind.ENTER))), 40, 10));
        out.add(Arguments.of(new Scene("narrow-help", full, s -> keys(s, "?")), 40, 10));
        out.add(Arguments.of(new Scene("too-small", full, s -> s), 39, 10));
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {1}x{2}")
    @MethodSource("frames")
    void frameMatchesItsGoldenFiles(Scene scene, int width, int height) {
        UiState s = UiState.initial(Duration.ofSeconds(1), true, width, height, Fixtures.T0);
        if (scene.snapshot() != null) {
            s = UPDATE.apply(s, new Event.SnapshotArrived(scene.snapshot())).state();
        }
        CellBuffer frame = Screen.render(scene.setup().apply(s), NAMES);
        String stem = scene.name() + "." + width + "x" + height;
        Golden.check(stem + ".txt", Golden.text(frame));
        Golden.check(stem + ".styles", Golden.styles(frame));
    }

    /** The same snapshot as a later sample, so that the alert rules step on it. */
    private static Snapshot resequenced(Snapshot s, long sequence) {
        return new Snapshot(sequence, s.time(), s.elapsed(), s.interval(), s.backends(), s.external(), s.loopback(), s.coverage(),
                s.processes(), s.hosts(), s.listen(), s.interfaces(), s.history(), s.trend(), s.visibility(), s.containers(),
                s.users());
    }

    private static UiState keys(UiState s, String typed) {
        return keys(s, typed.codePoints().mapToObj(Key::ch).toArray(Event[]::new));
    }

    private static UiState keys(UiState s, Event... events) {
        for (Event e : events) {
            s = UPDATE.apply(s, e).state();
        }
        return s;
    }

    private static UiState keys(Update update, UiState s, String typed) {
        for (int cp : typed.codePoints().toArray()) {
            s = update.apply(s, Key.ch(cp)).state();
        }
        return s;
    }
}
