package io.cnsh.testing;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The directories of the specs being run by {@link SpecLauncher}: a fixture finds scripts there too. */
final class ScriptDirs {

    private static final List<Path> DIRS = new CopyOnWriteArrayList<>();

    private ScriptDirs() {
    }

    static void add(List<Path> dirs) {
        DIRS.addAll(dirs);
    }

    static void remove(List<Path> dirs) {
        dirs.forEach(DIRS::remove);
    }

    static List<Path> all() {
        return List.copyOf(DIRS);
    }
}
