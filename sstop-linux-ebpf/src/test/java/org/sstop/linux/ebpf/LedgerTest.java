package org.sstop.linux.ebpf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.sstop.api.CounterSample.ProcessCount;
import org.sstop.api.CounterSample.SocketCount;

/** The ledgers that turn cumulative map values into deltas, against simple models. */
class LedgerTest {

    @Test
    void socketDeltasMatchAMapModelThroughGrowthAndRemovals() {
        SocketLedger ledger = new SocketLedger();
        Map<Long, long[]> kernel = new HashMap<>(); // the map: cumulative per cookie
        Map<Long, long[]> reported = new HashMap<>(); // what the deltas summed to
        Random random = new Random(42);
        for (int drain = 1; drain <= 200; drain++) {
            for (int i = 0; i < 100; i++) {
                long cookie = 1 + random.nextInt(5000) * 64L; // clustered hashes: long probe runs
                long[] v = kernel.computeIfAbsent(cookie, c -> new long[2]);
                v[random.nextInt(2)] += 1 + random.nextInt(1000);
            }
            List<SocketCount> out = new ArrayList<>();
            for (Map.Entry<Long, long[]> e : kernel.entrySet()) {
                ledger.read(e.getKey(), e.getValue()[0], e.getValue()[1], 0, drain, out);
            }
            long[] quiet = new long[50];
            int n = ledger.quiet(drain, 3, quiet);
            for (int i = 0; i < n; i++) {
                long[] last = kernel.remove(quiet[i]); // deleted from the map with a final read
                ledger.finish(quiet[i], last[0], last[1], 0, out);
            }
            for (SocketCount c : out) {
                long[] r = reported.computeIfAbsent(c.cookie(), k -> new long[2]);
                r[0] += c.upBytes();
                r[1] += c.downBytes();
            }
        }
        Map<Long, long[]> everything = new HashMap<>();
        // every byte ever added is reported exactly once: replay the model's totals
        Random replay = new Random(42);
        for (int drain = 1; drain <= 200; drain++) {
            for (int i = 0; i < 100; i++) {
                long cookie = 1 + replay.nextInt(5000) * 64L;
                long[] v = everything.computeIfAbsent(cookie, c -> new long[2]);
                v[replay.nextInt(2)] += 1 + replay.nextInt(1000);
            }
        }
        assertEquals(everything.keySet(), reported.keySet());
        for (Map.Entry<Long, long[]> e : everything.entrySet()) {
            assertEquals(e.getValue()[0], reported.get(e.getKey())[0], "up of " + e.getKey());
            assertEquals(e.getValue()[1], reported.get(e.getKey())[1], "down of " + e.getKey());
        }
        assertEquals(kernel.size(), ledger.size(), "remembers exactly the entries still in the map");
    }

    @Test
    void aSocketReadAgainUnchangedReportsNothing() {
        SocketLedger ledger = new SocketLedger();
        List<SocketCount> out = new ArrayList<>();
        ledger.read(9, 100, 5, 4321, 1, out);
        ledger.read(9, 100, 5, 4321, 2, out);
        ledger.read(9, 100, 5, 4321, 2, out); // a repeat within one read
        assertEquals(List.of(new SocketCount(9, 100, 5, 4321)), out, "with the process that moved the bytes");
        long[] quiet = new long[4];
        assertEquals(0, ledger.quiet(3, 3, quiet), "quiet for 2 drains only");
        assertEquals(1, ledger.quiet(4, 3, quiet));
        assertEquals(9, quiet[0]);
    }

    @Test
    void quietSocketsAreFoundInTheDrainTheyBecomeQuietThoughScansAreSkipped() {
        SocketLedger ledger = new SocketLedger();
        Map<Long, Integer> lastChange = new HashMap<>(); // the model: cookie -> drain of its last change
        Map<Long, Long> up = new HashMap<>();
        Random random = new Random(7);
        long[] quiet = new long[8]; // small: some scans are cut short
        for (int drain = 1; drain <= 300; drain++) {
            List<SocketCount> out = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                long cookie = 1 + random.nextInt(60);
                long now = up.merge(cookie, 1L + random.nextInt(5), Long::sum);
                ledger.read(cookie, now, 0, 0, drain, out);
                lastChange.put(cookie, drain);
            }
            for (Map.Entry<Long, Long> e : up.entrySet()) { // the map also holds the unchanged ones
                ledger.read(e.getKey(), e.getValue(), 0, 0, drain, out);
            }
            int due = 0;
            for (int last : lastChange.values()) {
                due += drain - last >= 3 ? 1 : 0;
            }
            int n = ledger.quiet(drain, 3, quiet);
            assertEquals(Math.min(due, quiet.length), n, "drain " + drain);
            for (int i = 0; i < n; i++) {
                assertTrue(drain - lastChange.remove(quiet[i]) >= 3, "quiet for 3 drains: " + quiet[i]);
                ledger.finish(quiet[i], up.remove(quiet[i]), 0, 0, out);
            }
        }
        assertEquals(lastChange.size(), ledger.size());
    }

    @Test
    void processDeltasCarryWhoTheProcessWasWhenFirstCounted() {
        ProcessLedger ledger = new ProcessLedger(10_000_000L);
        ByteBuffer key = ByteBuffer.allocate(16).order(ByteOrder.nativeOrder());
        ByteBuffer value = ByteBuffer.allocate(CounterMaps.PROC_VALUE_SIZE).order(ByteOrder.nativeOrder());
        key.putInt(0, 4242).putLong(8, 123_456_789_012L);
        value.putLong(0, 10).putLong(8, 20).putLong(16, 30).putLong(24, 40).putInt(32, 1).putInt(36, 1000);
        value.put(40, "curl\u00e9\0junk".getBytes(StandardCharsets.UTF_8)).putLong(CounterMaps.PROC_CGROUP, 7777);
        List<ProcessCount> out = new ArrayList<>();
        ledger.read(key, 0, value, 0, 1, out);
        value.putLong(0, 15).put(40, "renamed\0".getBytes(StandardCharsets.UTF_8));
        value.putLong(CounterMaps.PROC_CGROUP, 8888); // a value the program never changes: the first one stands
        ledger.read(key, 0, value, 0, 2, out);
        assertEquals(List.of(new ProcessCount(4242, 12_345, 1, 1000, "curl\u00e9", 10, 20, 30, 40, 7777),
                new ProcessCount(4242, 12_345, 1, 1000, "curl\u00e9", 5, 0, 0, 0, 7777)), out, "name and cgroup as first counted");
        out.clear();
        ledger.read(key, 0, value, 0, 3, out);
        assertTrue(out.isEmpty(), "unchanged");
        assertEquals(List.of(new ProcessLedger.Key(4242, 123_456_789_012L)), ledger.due(3, 16), "quiet: check it");
        assertTrue(ledger.due(3, 16).isEmpty(), "then later");
        value.putLong(8, 25);
        ledger.finish(new ProcessLedger.Key(4242, 123_456_789_012L), value, 0, out);
        assertEquals(List.of(new ProcessCount(4242, 12_345, 1, 1000, "curl\u00e9", 0, 5, 0, 0, 7777)), out, "the last bytes");
        assertEquals(0, ledger.size());
    }

    @Test
    void exitChecksAreBoundedPerDrain() {
        ProcessLedger ledger = new ProcessLedger(10_000_000L);
        ByteBuffer key = ByteBuffer.allocate(16).order(ByteOrder.nativeOrder());
        ByteBuffer value = ByteBuffer.allocate(CounterMaps.PROC_VALUE_SIZE).order(ByteOrder.nativeOrder()).putLong(0, 1);
        for (int pid = 1; pid <= 100; pid++) {
            ledger.read(key.putInt(0, pid), 0, value, 0, 1, new ArrayList<>());
        }
        assertEquals(16, ledger.due(2, 16).size());
        assertEquals(16, ledger.due(2, 16).size(), "the next 16");
    }

    @Test
    void statStartTimesSurviveHostileNames() {
        String stat = "4242 (a) b) c 0 0 0) S 1 4242 4242 0 -1 4194560 100 0 0 0 1 2 0 0 20 0 1 0 987654 1234 56";
        assertEquals(987654, ProcessExit.startTime(stat));
        assertEquals(-1, ProcessExit.startTime("4242 (no close paren S 1 2 3"));
        assertEquals(-1, ProcessExit.startTime("4242 (x) S 1 2"));
        assertEquals(-1, ProcessExit.startTime("4242 (x) S 1 4242 4242 0 -1 0 0 0 0 0 1 2 0 0 20 0 1 0 notanumber"));
    }
}
