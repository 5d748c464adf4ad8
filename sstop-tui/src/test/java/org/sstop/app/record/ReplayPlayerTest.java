package org.sstop.app.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sstop.core.Snapshot;
import org.sstop.tui.render.CellBuffer;
import org.sstop.tui.state.Event;
import org.sstop.tui.state.Replay;
import org.sstop.tui.state.UiState;
import org.sstop.tui.state.Update;
import org.sstop.tui.text.Sanitizer;
import org.sstop.tui.view.Names;
import org.sstop.tui.view.Screen;

/** The player on a clock the test moves: speed, pause, step, seek, the end; and what the UI draws of it. */
class ReplayPlayerTest {

    private static final long SECOND = 1_000_000_000L;

    @TempDir
    Path dir;

    private final AtomicLong clock = new AtomicLong(1_000 * SECOND);

    private ReplayPlayer player(int samples) throws Exception {
        Path file = dir.resolve("r.jsonl");
        Recordings.record(file, Recordings.samples(samples), false, true); // one second apart
        ReplayPlayer p = new ReplayPlayer(Recording.open(file), 0, 1, clock::get);
        p.start();
        return p;
    }

    private long shown(ReplayPlayer p) {
        return p.latest().orElseThrow().sequence();
    }

    private void pass(double seconds) {
        clock.addAndGet((long) (seconds * SECOND));
    }

    @Test
    void playsAtItsSpeedPausesStepsAndSeeks() throws Exception {
        try (ReplayPlayer p = player(40)) {
            assertEquals(1, shown(p));
            pass(0.9);
            assertEquals(1, shown(p), "the next sample comes a recorded second later");
            pass(0.2);
            assertEquals(2, shown(p));
            p.control(Replay.Control.FASTER);
            assertEquals(2, p.replay().speed());
            pass(1.0);
            assertEquals(4, shown(p), "2x: two samples in a second");
            p.control(Replay.Control.FASTER);
            pass(1.0);
            assertEquals(14, shown(p), "10x");
            p.control(Replay.Control.FASTER);
            assertEquals(10, p.replay().speed(), "10x is the fastest key speed");
            p.control(Replay.Control.SLOWER);
            p.control(Replay.Control.SLOWER);
            assertEquals(1, p.replay().speed());
            p.control(Replay.Control.PAUSE);
            pass(30);
            assertEquals(14, shown(p), "paused");
            assertTrue(p.replay().paused());
            p.control(Replay.Control.STEP_FORWARD);
            assertEquals(15, shown(p));
            p.control(Replay.Control.STEP_BACK);
            p.control(Replay.Control.STEP_BACK);
            assertEquals(13, shown(p), "back a sample: read again from the file");
            p.control(Replay.Control.SEEK_FORWARD);
            assertEquals(23, shown(p), "10 s later");
            p.control(Replay.Control.SEEK_BACK_LONG);
            assertEquals(1, shown(p), "a minute earlier is the start");
            p.control(Replay.Control.SEEK_FORWARD_LONG);
            assertEquals(40, shown(p), "a minute later is the end");
            Replay end = p.replay();
            assertTrue(end.atEnd() && end.paused());
            assertEquals(Duration.ofSeconds(39), end.position());
            assertEquals(Duration.ofSeconds(39), end.length());
            p.control(Replay.Control.PAUSE);
            assertEquals(1, shown(p), "resumed at the end: from the start");
            assertFalse(p.replay().paused());
            pass(100);
            assertEquals(40, shown(p));
            assertTrue(p.replay().paused(), "the end pauses");
        }
    }

    @Test
    void aLineFoundBadWhenReadEndsThePlayback() throws Exception {
        Path file = dir.resolve("r.jsonl");
        Recordings.record(file, Recordings.samples(5), false, true);
        java.util.List<String> lines = new java.util.ArrayList<>(java.nio.file.Files.readAllLines(file));
        lines.set(3, lines.get(3).replace("\"elapsed_ms\":", "\"elapsed_ms\":\"x\",\"was\":"));
        java.nio.file.Files.write(file, lines);
        try (ReplayPlayer p = new ReplayPlayer(Recording.open(file), 0, 1, clock::get)) {
            p.start();
            for (int second = 0; second < 10; second++) { // the UI asks a few times a second
                shown(p);
                pass(1);
            }
            assertEquals(3, shown(p), "the sample before the bad line");
            Replay r = p.replay();
            assertTrue(r.atEnd() && r.paused(), r.toString());
            assertEquals(3, r.count());
            assertEquals(Duration.ofSeconds(2), r.length());
            assertTrue(r.stopped().startsWith("line 4: elapsed_ms"), r.stopped());
            p.control(Replay.Control.SEEK_FORWARD_LONG);
            assertEquals(3, shown(p), "nothing beyond it");
        }
    }

    @Test
    void speedsStepThroughOneTwoTen() {
        assertEquals(2, ReplayPlayer.nextSpeed(1, 1));
        assertEquals(10, ReplayPlayer.nextSpeed(2, 1));
        assertEquals(10, ReplayPlayer.nextSpeed(10, 1));
        assertEquals(1, ReplayPlayer.nextSpeed(2, -1));
        assertEquals(1, ReplayPlayer.nextSpeed(1, -1));
        assertEquals(10, ReplayPlayer.nextSpeed(5, 1), "--speed 5, then faster");
        assertEquals(2, ReplayPlayer.nextSpeed(5, -1));
    }

    @Test
    void hostileTextOfARecordingStaysEscapedOnScreen() throws Exception {
        try (ReplayPlayer p = player(3)) {
            Update update = new Update(1);
            UiState s = UiState.initial(Duration.ofSeconds(1), false, 120, 40, java.time.Instant.EPOCH);
            Snapshot snap = p.latest().orElseThrow();
            s = update.apply(s, new Event.ReplayMoved(p.replay())).state();
            s = update.apply(s, new Event.SnapshotArrived(snap)).state();
            String hostile = snap.processes().stream().map(x -> x.name()).filter(n -> n.contains("pwned")).findFirst()
                    .orElseThrow();
            assertTrue(hostile.indexOf('\u001b') >= 0, "the recording gives the name back exactly, escapes and all");
            for (String keys : new String[] {"", "h", "l", "D"}) {
                UiState view = s;
                for (char c : keys.toCharArray()) {
                    view = update.apply(view, Event.Key.ch(c)).state();
                }
                CellBuffer frame = Screen.render(view, Names.NONE);
                String text = frame.toString();
                assertTrue(text.contains("pwned"), keys + ": the name is shown\n" + text);
                text.codePoints().forEach(cp -> assertFalse(cp != '\n' && Sanitizer.isUnsafe(cp),
                        keys + ": no terminal control reaches the screen: U+" + Integer.toHexString(cp)));
                assertTrue(text.contains("replay 1× 0:00/0:02"), text);
            }
        }
    }
}
