import org.spockframework.runtime.model.parallel.ExecutionMode

// The project's own suite runs its spec classes side by side, the features of one class one after the
// other, on as many threads as the build asks for (pom.xml: the cnsh.specs.threads property Surefire
// passes). A spec class that cannot share the JVM or the machine says so with @Isolated or @ResourceLock
// (see io.cnsh.SpecResources). Without the property (an IDE, a single spec) and inside a `cnsh test` run
// started by a spec (SpecLauncher, which must behave as it does for users) everything runs in sequence.
int threads = (System.getProperty('cnsh.specs.threads') ?: '1') as int
boolean nested = new Throwable().stackTrace.any { it.className == 'io.cnsh.testing.SpecLauncher' }

// Settings are written as calls (`name value`): an assignment here would set a variable of this script.
runner {
    parallel {
        enabled threads > 1 && !nested
        defaultSpecificationExecutionMode ExecutionMode.CONCURRENT
        defaultExecutionMode ExecutionMode.SAME_THREAD
        fixed(Math.max(threads, 1))
    }
}
