package io.cnsh.model;

import java.util.Set;

/** Masking of secret values (API password, token, agent pin and password) for display and logs. */
public final class Secrets {

    /** What every masked value is shown as. Its length does not reveal the secret's length. */
    public static final String MASK = "****";

    /** Wire and parameter names whose values are secret wherever they appear. */
    public static final Set<String> SECRET_NAMES = Set.of("pin", "password", "token");

    private Secrets() {
    }

    /** The mask for a value, or {@code null} for a null value so that absence stays visible. */
    public static String mask(String value) {
        return value == null ? null : MASK;
    }

    /** True when a parameter or field of this name holds a secret. */
    public static boolean isSecretName(String name) {
        return name != null && SECRET_NAMES.contains(name.toLowerCase(java.util.Locale.ROOT));
    }
}
