package org.sstop.linux.procfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ProcStatusTest {

    private static final String STATUS = "Name:\tbash\nUmask:\t0022\nState:\tS (sleeping)\nTgid:\t4242\nPid:\t4242\n"
            + "PPid:\t4200\nUid:\t1000\t1001\t1002\t1003\nGid:\t100\t100\t100\t100\n"
            + "CapInh:\t0000000000000000\nCapPrm:\t0000000000000000\nCapEff:\t0000000000000000\n";

    @Test
    void readsRealAndEffectiveUid() {
        assertEquals(1000, ProcStatus.realUid(STATUS));
        assertEquals(1001, ProcStatus.effectiveUid(STATUS));
    }

    @Test
    void aNameContainingUidDoesNotFoolTheParser() {
        String hostile = "Name:\tUid:\t0\t0\n" + STATUS;
        assertEquals(1000, ProcStatus.realUid(hostile));
    }

    @Test
    void missingOrMalformedUidIsUnknown() {
        assertEquals(ProcStatus.UNKNOWN, ProcStatus.realUid("Name:\tx\n"));
        assertEquals(ProcStatus.UNKNOWN, ProcStatus.realUid("Uid:\tabc\t0\n"));
        assertEquals(ProcStatus.UNKNOWN, ProcStatus.realUid("Uid:\t12x\t0\n"));
        assertEquals(ProcStatus.UNKNOWN, ProcStatus.effectiveUid("Uid:\t1000"));
        assertEquals(ProcStatus.UNKNOWN, ProcStatus.realUid("Uid:\t99999999999999999999\t0\n"));
        assertEquals(ProcStatus.UNKNOWN, ProcStatus.realUid("Uid:\t4294967295\t0\n"));
        assertEquals(ProcStatus.UNKNOWN, ProcStatus.realUid(""));
        assertEquals(1000, ProcStatus.realUid("Uid:\t1000"));
    }

    @Test
    void capabilities() {
        String root = STATUS.replace("CapEff:\t0000000000000000", "CapEff:\t000001ffffffffff");
        assertTrue(ProcStatus.canReadAllFds(ProcStatus.effectiveCapabilities(root)));
        assertFalse(ProcStatus.canReadAllFds(ProcStatus.effectiveCapabilities(STATUS)));
        // only cap_sys_ptrace (bit 19): not enough to list other users' fd directories
        assertFalse(ProcStatus.canReadAllFds(ProcStatus.effectiveCapabilities("CapEff:\t0000000000080000\n")));
        assertTrue(ProcStatus.canReadAllFds(ProcStatus.effectiveCapabilities("CapEff:\t0000000000080004\n")));
        assertEquals(-1, ProcStatus.effectiveCapabilities("CapEff:\tzz\n"));
        assertEquals(-1, ProcStatus.effectiveCapabilities("CapEff:\t00000000000000000\n"));
        assertEquals(-1, ProcStatus.effectiveCapabilities("Name:\tx\n"));
        assertFalse(ProcStatus.canReadAllFds(-1));
    }
}
