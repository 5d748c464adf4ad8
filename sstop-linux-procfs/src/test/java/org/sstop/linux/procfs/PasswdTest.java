package org.sstop.linux.procfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PasswdTest {

    @Test
    void parsesEntriesFirstWins() {
        Map<Integer, String> names = Passwd.parse("root:x:0:0:root:/root:/bin/bash\n"
                + "# comment\n\n"
                + "daemon:x:1:1::/:/usr/sbin/nologin\n"
                + "toor:x:0:0::/root:/bin/sh\n"
                + "alice:x:1000:1000:Alice,,,:/home/alice:/bin/bash");
        assertEquals("root", names.get(0));
        assertEquals("daemon", names.get(1));
        assertEquals("alice", names.get(1000));
        assertEquals(3, names.size());
    }

    @Test
    void skipsMalformedAndHostileLines() {
        Map<Integer, String> names = Passwd.parse("nouid\n:x:5:5::/:/bin/sh\nbob:x:abc:1\ncarol:x:-1:1\n"
                + "dave:x:99999999999:1\n+nis::::::\neve:x:\n" + "m".repeat(1000) + ":x:7:7::/:/bin/sh\n");
        assertEquals(1, names.size());
        assertEquals(Passwd.MAX_NAME_LENGTH, names.get(7).length());
        assertFalse(names.containsKey(5));
    }
}
