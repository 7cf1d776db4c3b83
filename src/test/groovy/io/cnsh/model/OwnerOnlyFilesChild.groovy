package io.cnsh.model

import groovy.transform.CompileStatic

import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.attribute.PosixFilePermissions

/**
 * A process of its own for {@link OwnerOnlyFilesSpec}, started under a chosen umask: makes one of each
 * kind of owner-only path under {@code args[0]} and prints the mode the temporary file of a replace had
 * while its content was written.
 */
@CompileStatic
class OwnerOnlyFilesChild {

    static void main(String[] args) {
        Path root = Path.of(args[0])
        Path dir = OwnerOnlyFiles.createDirectories(root.resolve('a/b'))
        OwnerOnlyFiles.createFile(dir.resolve('created'))
        OwnerOnlyFiles.append(dir.resolve('journal')).withCloseable { it.write('line\n'.bytes) }
        OwnerOnlyFiles.replace(dir.resolve('replaced'), '', { Path tmp ->
            System.out.println(PosixFilePermissions.toString(Files.getPosixFilePermissions(tmp)))
            Files.writeString(tmp, 'whole')
        } as OwnerOnlyFiles.FileFiller)
    }
}
