package org.sstop.linux.procfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.sstop.api.ProcessMapper;
import org.sstop.api.ProcessMapperProvider;
import org.sstop.testkit.Host;

class ProcProcessMapperProviderTest {

    @Test
    void registeredUnderItsName() {
        List<String> names = ServiceLoader.load(ProcessMapperProvider.class).stream().map(p -> p.get().name()).toList();
        assertTrue(names.contains("linux-procfs"), names.toString());
    }

    @Test
    void availableOnLinuxAndOpens() throws Exception {
        ProcProcessMapperProvider provider = new ProcProcessMapperProvider();
        assertEquals(100, provider.priority());
        if (!Host.isLinux()) {
            assertFalse(provider.availability().available());
            assertFalse(provider.availability().reason().isEmpty());
            return;
        }
        assertTrue(provider.availability().available(), provider.availability().reason());
        try (ProcessMapper mapper = provider.open()) {
            assertEquals(ProcessHandle.current().pid(),
                    mapper.describe((int) ProcessHandle.current().pid()).orElseThrow().pid());
        }
    }
}
