package org.sstop.linux.procfs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sstop.linux.procfs.CgroupLines.Hierarchy;
import org.sstop.linux.procfs.CgroupLines.Line;

class CgroupLinesTest {

    @Test
    void tellsTheHierarchies() {
        assertEquals(List.of(new Line(Hierarchy.SYSTEMD, "/a"), new Line(Hierarchy.CONTROLLER, "/b"),
                new Line(Hierarchy.CONTROLLER, "/c"), new Line(Hierarchy.CONTROLLER, "/d"), new Line(Hierarchy.UNIFIED, "/")),
                CgroupLines.parse("1:name=systemd:/a\n4:memory:/b\n0:cpu:/c\n10::/d\n0::/\n"));
        assertEquals(List.of(new Line(Hierarchy.CONTROLLER, "/e")), CgroupLines.parse("2:name=systemdx:/e"));
    }

    @Test
    void skipsMalformedLinesAndKeepsColonsInPaths() {
        assertEquals(List.of(new Line(Hierarchy.UNIFIED, "/a:b")), CgroupLines.parse("\n\nx\n:\n::/z\n1:cpu\n1:cpu:\n0::/a:b\n"));
    }

    @Test
    void looksAtABoundedNumberOfLines() {
        assertEquals(CgroupLines.MAX_LINES, CgroupLines.parse("1:cpu:/x\n".repeat(10_000)).size());
        assertEquals(0, CgroupLines.parse("\n".repeat(10_000) + "0::/x\n").size());
    }
}
