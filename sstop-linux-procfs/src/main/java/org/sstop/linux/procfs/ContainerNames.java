package org.sstop.linux.procfs;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import org.sstop.api.ContainerInfo;

/**
 * Gives containers their readable names from local files ({@link ContainerNameFiles}), remembering
 * the answer per container: a name found is kept (ids are never reused), a name not found is
 * looked for again at most every {@link #RETRY_NANOS} (the runtime may not have written its files
 * yet), so the files of one container are read at most once per that interval however many of its
 * processes are described. At most {@link #MAX_ENTRIES} containers are remembered, the least
 * recently asked forgotten first. Not thread-safe: the describer calls it under the mapper's lock.
 */
final class ContainerNames {

    /** The most containers remembered. */
    static final int MAX_ENTRIES = 1024;

    /** How long a container whose files told no name is not looked up again. */
    static final long RETRY_NANOS = 30_000_000_000L;

    /** A remembered answer: the name, or null when none was found at {@code lookedUpAt}. */
    private record Answer(String name, long lookedUpAt) {
    }

    private final ContainerNameFiles files;
    private final LongSupplier nanoClock;
    private final Map<String, Answer> answers = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Answer> eldest) {
            return size() > MAX_ENTRIES;
        }
    };
    private long lookups;

    /**
     * @param root the file system root whose runtime files name containers: {@code /}, or a test's tree
     * @param nanoClock a monotonic clock in nanoseconds
     */
    ContainerNames(Path root, LongSupplier nanoClock) {
        this.files = new ContainerNameFiles(root, nanoClock);
        this.nanoClock = nanoClock;
    }

    /**
     * A container with its readable name.
     *
     * @param info what a process runs in, or null
     * @return {@code info} renamed when it is a container whose files tell its name, else
     *     {@code info} itself (services, sessions, monitors, LXC containers and machines are named already;
     *     a container in a user's own subtree, whose unit is qualified by the user's manager, is
     *     not looked up in the system's runtime files: any user can name a cgroup there after a
     *     system container)
     */
    ContainerInfo named(ContainerInfo info) {
        if (info == null || !info.isContainer() || info.runtime().equals("lxc") || info.runtime().equals("machine")
                || info.unit() != null && info.unit().startsWith("user@")) {
            return info;
        }
        String key = info.runtime() + "/" + info.id();
        long now = nanoClock.getAsLong();
        Answer answer = answers.get(key);
        if (answer == null || answer.name() == null && now - answer.lookedUpAt() >= RETRY_NANOS) {
            lookups++;
            answer = new Answer(files.name(info), now);
            answers.put(key, answer);
        }
        return answer.name() == null ? info
                : new ContainerInfo(info.runtime(), info.id(), answer.name(), info.pod(), info.unit());
    }

    /** How many times files were looked up (tests). */
    long lookups() {
        return lookups;
    }

    /** How many containers are remembered (tests). */
    int size() {
        return answers.size();
    }
}
