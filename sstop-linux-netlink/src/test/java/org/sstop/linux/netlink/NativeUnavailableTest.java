package org.sstop.linux.netlink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sstop.api.Availability;
import org.sstop.testkit.ChildJvm;
import org.sstop.testkit.CiAssume;

/**
 * The provider's availability when JNA cannot load its native library (a child JVM told not to
 * unpack it): unavailable, with JNA's error as the cause, and opening fails with it too.
 */
class NativeUnavailableTest {

    @Test
    void unavailableWithTheLoadErrorAsCause() throws Exception {
        CiAssume.linux();
        String output = ChildJvm.run(List.of(), List.of("-Djna.nounpack=true", "-Djna.nosys=true"), Child.class);
        String[] lines = output.split("\n");
        String[] availability = lines[0].split("\t", 3);
        assertEquals("false", availability[0], output);
        assertEquals(UnsatisfiedLinkError.class.getName(), availability[1], output);
        assertTrue(availability[2].startsWith("JNA cannot call libc here"), availability[2]);
        assertEquals("open failed, caused by " + UnsatisfiedLinkError.class.getName(), lines[1], output);
    }

    /** Runs in the child JVM: prints the availability, then what opening does. */
    static final class Child {

        private Child() {
        }

        public static void main(String[] args) {
            NetlinkSocketSourceProvider provider = new NetlinkSocketSourceProvider();
            Availability a = provider.availability();
            String cause = a.cause() == null ? "-" : a.cause().getClass().getName();
            System.out.println(a.available() + "\t" + cause + "\t" + a.reason().replace('\n', ' '));
            try {
                provider.open().close();
                System.out.println("opened");
            } catch (Exception e) {
                System.out.println("open failed, caused by "
                        + (e.getCause() == null ? "nothing" : e.getCause().getClass().getName()));
            }
        }
    }
}
