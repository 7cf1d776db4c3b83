package io.cnsh.dsl;

import groovy.lang.Script;
import java.util.Collection;
import java.util.Objects;
import java.util.Set;
import org.codehaus.groovy.control.CompilerConfiguration;

/**
 * The one factory of the {@link CompilerConfiguration} that gives Groovy the cnsh language: the
 * REPL, {@code cnsh run}, {@code cnsh -e}, scripts and tests all compile through it, so they all
 * accept the same forms.
 *
 * <pre>{@code
 * GroovyShell shell = new GroovyShell(binding, DslCompiler.configuration());
 * shell.evaluate("agents < read limit: 10 >");
 * }</pre>
 *
 * <p>Each call builds a new configuration, which the caller may go on to adjust (imports,
 * customizers); the parser plugin stays installed.
 *
 * <p>User code is compiled without Spock's global AST transformation: Groovy finds it on the class
 * path (cnsh ships Spock for {@code cnsh test}) and would otherwise load it and run it over every
 * script, -e snippet and shell line, though only specification classes need it. Specs are
 * compiled by {@code testing/SpecLauncher} with a configuration of their own, which keeps it.
 */
public final class DslCompiler {

    /** The global transformations user code does without (see above). */
    public static final Set<String> DISABLED_GLOBAL_TRANSFORMS = Set.of("org.spockframework.compiler.SpockTransform");

    private DslCompiler() {
    }

    /** A configuration for the default resources and Groovy's own script base class. */
    public static CompilerConfiguration configuration() {
        return builder().build();
    }

    /** A builder for a configuration with other resource names or a script base class. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds DSL compiler configurations; see {@link DslCompiler}. */
    public static final class Builder {
        private Set<String> resources = DslSourceRewriter.DEFAULT_RESOURCES;
        private Class<? extends Script> scriptBaseClass;

        private Builder() {
        }

        /** The names that open a {@code name < verb … >} block (default: {@code agents}). */
        public Builder resources(Collection<String> names) {
            this.resources = Set.copyOf(names);
            return this;
        }

        /** The class scripts extend (default: Groovy's {@link Script}). */
        public Builder scriptBaseClass(Class<? extends Script> baseClass) {
            this.scriptBaseClass = Objects.requireNonNull(baseClass, "baseClass");
            return this;
        }

        /** A new configuration with the DSL parser plugin installed. */
        public CompilerConfiguration build() {
            CompilerConfiguration configuration = new CompilerConfiguration();
            configuration.setSourceEncoding("UTF-8");
            configuration.setPluginFactory(new DslParserPluginFactory(new DslSourceRewriter(resources)));
            configuration.setDisabledGlobalASTTransformations(new java.util.HashSet<>(DISABLED_GLOBAL_TRANSFORMS));
            if (scriptBaseClass != null) {
                configuration.setScriptBaseClass(scriptBaseClass.getName());
            }
            return configuration;
        }
    }
}
