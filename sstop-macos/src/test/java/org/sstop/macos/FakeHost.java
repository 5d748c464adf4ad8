package org.sstop.macos;

import java.util.Optional;
import java.util.Set;

/** A host that claims to be macOS (or not) with a given set of commands installed. */
final class FakeHost implements Host {

    private final boolean mac;
    private final Set<String> commands;
    private final boolean root;

    FakeHost(boolean mac, boolean root, String... commands) {
        this.mac = mac;
        this.root = root;
        this.commands = Set.of(commands);
    }

    static FakeHost mac(String... commands) {
        return new FakeHost(true, false, commands);
    }

    @Override
    public boolean isMacOs() {
        return mac;
    }

    @Override
    public String osName() {
        return mac ? "Mac OS X" : "Linux";
    }

    @Override
    public Optional<String> find(String name) {
        return commands.contains(name) ? Optional.of("/usr/sbin/" + name) : Optional.empty();
    }

    @Override
    public boolean isRoot() {
        return root;
    }
}
