package io.cnsh.client

import io.cnsh.model.Agent
import io.cnsh.sandbox.SandboxServer
import io.cnsh.sandbox.Seed
import java.nio.file.Files
import java.nio.file.Path
import jdk.jshell.JShell
import jdk.jshell.Snippet
import jdk.jshell.SnippetEvent
import jdk.jshell.SourceCodeAnalysis
import spock.lang.AutoCleanup
import spock.lang.Isolated
import spock.lang.Shared
import spock.lang.Specification

/**
 * The Java snippet of the README (between its {@code java-snippet} markers), compiled and run by
 * JShell in this JVM against a sandbox like the one {@code ./cnsh sandbox} starts: demo agents,
 * API user demo / demo. The only change made to the text is the sandbox's address in place of the
 * documented default, since port 18080 may be taken on a build machine.
 */
@Isolated('captures System.out, which every spec class running beside it would write into')
class ReadmeSnippetSpec extends Specification {

    static final String DOCUMENTED_URL = 'http://127.0.0.1:18080/'

    @Shared @AutoCleanup SandboxServer server = SandboxServer.builder().port(0).inMemory().seed(Seed.DEMO).build().start()

    static String snippet() {
        String readme = Files.readString(Path.of('README.md'))
        int start = readme.indexOf('<!-- java-snippet -->')
        int end = readme.indexOf('<!-- /java-snippet -->')
        assert start >= 0 && end > start
        List<String> lines = readme.substring(start, end).readLines()
        assert lines[1] == '```java' && lines[-1] == '```'
        lines[2..-2].join('\n')
    }

    def "the README's five-line Java snippet creates, updates and reads an agent on the sandbox"() {
        given:
        String code = snippet()
        ByteArrayOutputStream printed = new ByteArrayOutputStream()
        PrintStream stdout = System.out

        expect:
        code.readLines().size() == 5
        code.count(DOCUMENTED_URL) == 1

        when:
        List<String> problems = []
        System.setOut(new PrintStream(printed, true, 'UTF-8'))
        try {
            JShell.builder().executionEngine('local').build().withCloseable { JShell js ->
                classPath().each { js.addToClasspath(it) }
                problems.addAll(run(js, 'import io.cnsh.client.*;\nimport io.cnsh.model.*;'))
                problems.addAll(run(js, code.replace(DOCUMENTED_URL, server.baseUri().toString())))
            }
        } finally {
            System.setOut(stdout)
        }
        String output = printed.toString('UTF-8')

        then:
        problems == []
        output ==~ /(?s)Agent\{agentid=550040, name=Joe Blogs, moh=none, .*pin=\*\*\*\*, username=joe, .*}\n/

        and: 'the sandbox holds the agent as updated'
        Agent joe = ContactNow.builder().baseUrl(server.baseUri()).credentials('demo', 'demo').build()
                .agents().read(AgentQuery.where('username', 'joe')).agents().first()
        joe.agentid() == 550_040L
        joe.name() == 'Joe Blogs'
        joe.pin() == '482913'
    }

    /** Evaluates source snippet by snippet; returns what went wrong, empty when everything ran. */
    private static List<String> run(JShell js, String source) {
        List<String> problems = []
        String rest = source
        while (!rest.isBlank()) {
            SourceCodeAnalysis.CompletionInfo info = js.sourceCodeAnalysis().analyzeCompletion(rest)
            assert info.completeness().isComplete(): "incomplete Java: $rest"
            for (SnippetEvent e : js.eval(info.source())) {
                if (e.status() == Snippet.Status.REJECTED) {
                    problems << "${info.source().trim()}: " + js.diagnostics(e.snippet()).map { it.getMessage(Locale.ROOT) }.toList()
                }
                if (e.exception() != null) {
                    problems << "${info.source().trim()}: threw ${e.exception()}"
                }
            }
            rest = info.remaining()
        }
        problems
    }

    /** The test class path: Surefire's real one when it runs the specs through a manifest-only jar. */
    static List<String> classPath() {
        String cp = System.getProperty('surefire.test.class.path') ?: System.getProperty('java.class.path')
        cp.split(File.pathSeparator).findAll { !it.isBlank() }
    }
}
