package org.sstop.testkit;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

class CiAssumeTest {

    @Test
    void aMetConditionDoesNothing() {
        assertDoesNotThrow(() -> CiAssume.that(true, "never shown", true));
        assertDoesNotThrow(() -> CiAssume.that(true, "never shown", false));
    }

    @Test
    void anUnmetConditionSkipsOutsideCi() {
        TestAbortedException e = assertThrows(TestAbortedException.class, () -> CiAssume.that(false, "needs a frobnicator", false));
        assertEquals("needs a frobnicator", e.getMessage());
    }

    @Test
    void anUnmetConditionFailsOnCi() {
        AssertionFailedError e = assertThrows(AssertionFailedError.class, () -> CiAssume.that(false, "needs a frobnicator", true));
        assertEquals("required on CI: needs a frobnicator", e.getMessage());
    }
}
