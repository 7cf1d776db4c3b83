package io.cnsh.client

import io.cnsh.SpecResources
import java.nio.file.Files
import java.nio.file.Path
import java.util.concurrent.CompletableFuture
import java.util.concurrent.TimeUnit
import spock.lang.Requires
import spock.lang.ResourceLock
import spock.lang.Specification
import spock.lang.TempDir

/**
 * {@code scripts/cnsh.jsh} in a real {@code jshell} process with piped input: with an empty
 * {@code CNSH_HOME} and no target in the environment, {@code cn} talks to the in-process sandbox.
 */
@Requires(value = { Files.isExecutable(Path.of('/usr/bin/jshell')) },
        reason = 'the JShell start-up script needs the jshell tool of a JDK at /usr/bin/jshell')
@ResourceLock(value = SpecResources.CHILD_PROCESSES, reason = 'starts jshell in a process of its own')
class JShellSpec extends Specification {

    @TempDir Path home

    def "the start-up script gives a ready client cn that reads the sandbox's demo agents"() {
        given:
        String classPath = System.getProperty('java.class.path')
        ProcessBuilder pb = new ProcessBuilder('/usr/bin/jshell', '--class-path', classPath,
                '--startup', 'DEFAULT', '--startup', 'scripts/cnsh.jsh').redirectErrorStream(true)
        pb.environment().put('CNSH_HOME', home.toString())
        ['CNSH_PROFILE', 'CNSH_BASE_URL', 'CNSH_USERNAME', 'CNSH_PASSWORD'].each { pb.environment().remove(it) }

        when:
        Process jshell = pb.start()
        CompletableFuture<String> output = CompletableFuture.supplyAsync { jshell.inputStream.getText('UTF-8') }
        jshell.outputStream.withWriter('UTF-8') {
            it << 'System.out.println("agents: " + cn.agents().read(AgentQuery.all()).agents().size());\n'
            it << 'System.out.println("admins: " + cn.agents().readAll(AgentQuery.where("auth_level", "admin")).count());\n'
            it << '/exit\n'
        }
        boolean exited = jshell.waitFor(120, TimeUnit.SECONDS)
        String text = exited ? output.get(10, TimeUnit.SECONDS) : null

        then:
        exited
        jshell.exitValue() == 0
        text.readLines().any { it ==~ /cn: ContactNow\[http:\/\/127\.0\.0\.1:\d+\/, user demo, json\] \(sandbox\); try .*/ }
        text.contains('agents: 40')
        text =~ /admins: [1-9]\d*/
        !text.contains('Exception')
        Files.isDirectory(home.resolve('sandbox'))

        cleanup:
        jshell?.destroyForcibly()
    }
}
