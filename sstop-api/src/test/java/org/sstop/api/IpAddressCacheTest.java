package org.sstop.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class IpAddressCacheTest {

    @Test
    void equalAddressesShareOneInstanceAndEqualWhatIpAddressMakes() {
        IpAddressCache cache = new IpAddressCache(256);
        IpAddress a = cache.ofV4(0x0a00_0001);
        assertEquals(IpAddress.ofV4(0x0a00_0001), a);
        assertEquals("10.0.0.1", a.toString());
        assertSame(a, cache.ofV4(0x0a00_0001));
        IpAddress v6 = cache.of(0x2001_0db8_0000_0000L, 1);
        assertEquals(IpAddress.parse("2001:db8::1"), v6);
        assertSame(v6, cache.of(0x2001_0db8_0000_0000L, 1));
        assertSame(a, cache.of(0, IpAddress.ofV4(0x0a00_0001).low()), "a v4-mapped address asked for either way");
    }

    @Test
    void collisionsOnlyCostAnInstanceNeverAWrongAddress() {
        IpAddressCache cache = new IpAddressCache(4);
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 100_000; i++) {
            long high = random.nextInt(3) == 0 ? 0 : random.nextLong();
            long low = random.nextInt(4) == 0 ? random.nextLong(8) : random.nextLong();
            IpAddress got = cache.of(high, low);
            assertEquals(high, got.high());
            assertEquals(low, got.low());
            int v4 = random.nextInt(16);
            assertEquals(IpAddress.ofV4(v4), cache.ofV4(v4));
        }
    }

    @Test
    void theSizeIsAPositivePowerOfTwo() {
        assertThrows(IllegalArgumentException.class, () -> new IpAddressCache(0));
        assertThrows(IllegalArgumentException.class, () -> new IpAddressCache(100));
        assertThrows(IllegalArgumentException.class, () -> new IpAddressCache(-8));
        assertEquals(IpAddress.ANY_V6, new IpAddressCache(1).of(0, 0));
    }
}
