package org.sstop.core.export;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sstop.core.Traffic;

/**
 * The book on its own (the exporters' tests cover it through the series they make): what is
 * neither exposed nor in the snapshot is forgotten, and label text is made safe once.
 */
class SeriesBookTest {

    private static final long SECOND = 1_000_000_000L;

    /** A thing: id, rate (ranks it), cumulative bytes up. */
    private record Thing(int id, double rate, long up) {
    }

    private static SeriesBook<Integer, Thing> book(int top, int cap) {
        return new SeriesBook<>(new SeriesBook.Reader<>() {
            @Override
            public Integer key(Thing t) {
                return t.id();
            }

            @Override
            public List<String> labels(Thing t) {
                return List.of("id", "" + t.id());
            }

            @Override
            public Traffic traffic(Thing t) {
                return new Traffic(t.rate(), 0, t.up(), 0); // ranked by its rate (no bytes of a last sample)
            }

            @Override
            public boolean eligible(Thing t) {
                return true;
            }
        }, top, cap, 10 * SECOND);
    }

    @Test
    void aThingLeavingTheSnapshotUnexposedIsForgotten() {
        SeriesBook<Integer, Thing> book = book(1, 1);
        book.update(List.of(new Thing(1, 9, 9), new Thing(2, 1, 1)), 0);
        assertEquals(2, book.tracked());
        SeriesBook.View<Thing> v = book.update(List.of(new Thing(1, 9, 18)), SECOND);
        assertEquals(1, book.tracked(), "2 is gone and was never exposed");
        assertEquals(1, v.otherUp());
        assertEquals(18, v.series().get(0).up());
    }

    @Test
    void labelTextIsSanitizedAndBounded() {
        assertEquals("", LabelText.of(null));
        assertEquals("evil\\e[2J", LabelText.of("evil\u001b[2J"));
        String cut = LabelText.of("x".repeat(500));
        assertEquals(LabelText.MAX_LENGTH, cut.length());
        assertEquals('…', cut.charAt(cut.length() - 1));
        // A pair that would be cut in two is dropped whole.
        String pairs = LabelText.of("x".repeat(LabelText.MAX_LENGTH - 2) + "\uD83D\uDE00\uD83D\uDE00");
        assertEquals("x".repeat(LabelText.MAX_LENGTH - 2) + "…", pairs);
    }
}
