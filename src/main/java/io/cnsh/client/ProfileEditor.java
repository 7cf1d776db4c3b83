package io.cnsh.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import io.cnsh.model.OwnerOnlyFiles;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;

/**
 * Adds, replaces and removes one profile in {@code $CNSH_HOME/config} and its saved password in
 * {@code credentials}, editing each file as text ({@link ConfigText}) so that comments and the other
 * profiles stay as they were. Each new text is checked before it is written: it must read back as
 * TOML, the profile must read back as written and every other profile must read exactly as before;
 * otherwise nothing is written. Files are replaced whole, owner-only ({@link OwnerOnlyFiles}), in an
 * owner-only {@code $CNSH_HOME}. No message ever holds a password.
 */
public final class ProfileEditor {

    private final CnshHome home;

    public ProfileEditor(CnshHome home) {
        this.home = home;
    }

    /** True when the config has a {@code [profiles.NAME]} section. */
    public boolean has(String name) {
        return new ConfigText(read(home.config())).has(name);
    }

    /**
     * Writes the profile's section with these keys; with a password, saves it in {@code credentials}
     * too (that file first, so a profile never names a password that was not saved).
     *
     * @param replace false refuses a profile that exists
     */
    public void put(String name, Map<String, Object> keys, char[] password, boolean replace) {
        locked(() -> {
            doPut(name, keys, password, replace);
            return null;
        });
    }

    private void doPut(String name, Map<String, Object> keys, char[] password, boolean replace) {
        String oldConfig = read(home.config());
        ConfigText config = new ConfigText(oldConfig);
        if (config.has(name) && !replace) {
            throw new ConfigException("profile '" + name + "' already exists in " + home.config() + "; add --force to replace it");
        }
        if (!config.has(name) && Profiles.parse(home, oldConfig).get(name).isPresent()) {
            throw new ConfigException("profile '" + name + "' is not written as a [profiles." + name + "] section in "
                    + home.config() + "; edit that file by hand");
        }
        String newConfig = config.with(name, ConfigText.keyLines(keys)).text();
        Profiles.parse(home, newConfig).require(name);
        checkOthers(home.config(), oldConfig, newConfig, name);
        String newCredentials = null;
        if (password != null) {
            String oldCredentials = read(home.credentials());
            newCredentials = new ConfigText(oldCredentials)
                    .with(name, List.of("password = " + ConfigText.quote(new String(password)))).text();
            checkOthers(home.credentials(), oldCredentials, newCredentials, name);
            JsonNode saved = tree(home.credentials(), newCredentials).path("profiles").path(name).path("password");
            if (!saved.isTextual() || !saved.asText().equals(new String(password))) {
                throw new ConfigException("cannot save the password of '" + name + "' in " + home.credentials()
                        + "; edit that file by hand");
            }
        }
        if (newCredentials != null) {
            write(home.credentials(), newCredentials);
        }
        write(home.config(), newConfig);
    }

    /** Removes the profile's section and its saved password; false when the config has no such section. */
    public boolean remove(String name) {
        return locked(() -> doRemove(name));
    }

    private boolean doRemove(String name) {
        String oldConfig = read(home.config());
        ConfigText config = new ConfigText(oldConfig);
        if (!config.has(name)) {
            return false;
        }
        String newConfig = config.without(name).text();
        checkOthers(home.config(), oldConfig, newConfig, name);
        if (Profiles.parse(home, newConfig).get(name).isPresent()) {
            throw new ConfigException("profile '" + name + "' is defined more than once in " + home.config()
                    + "; edit that file by hand");
        }
        String oldCredentials = read(home.credentials());
        ConfigText credentials = new ConfigText(oldCredentials);
        String newCredentials = null;
        if (credentials.has(name)) {
            newCredentials = credentials.without(name).text();
            checkOthers(home.credentials(), oldCredentials, newCredentials, name);
        }
        write(home.config(), newConfig);
        if (newCredentials != null) {
            write(home.credentials(), newCredentials);
        }
        return true;
    }

    /**
     * Runs an edit holding {@code $CNSH_HOME/config.lock}, so that two cnsh processes editing profiles at
     * once each see the other's edit instead of writing over it.
     */
    private <T> T locked(java.util.function.Supplier<T> edit) {
        Path lock = home.root().resolve("config.lock");
        try {
            OwnerOnlyFiles.createDirectories(home.root());
            OwnerOnlyFiles.createFile(lock);
            try (FileChannel channel = FileChannel.open(lock, StandardOpenOption.WRITE); FileLock held = channel.lock()) {
                return edit.get();
            }
        } catch (IOException e) {
            throw new ConfigException("cannot lock " + lock + ": " + OwnerOnlyFiles.reason(e));
        }
    }

    /** Refuses an edit after which any profile but {@code name} would read differently. */
    private static void checkOthers(Path file, String oldText, String newText, String name) {
        JsonNode before = tree(file, oldText);
        JsonNode after = tree(file, newText);
        if (!without(before, name).equals(without(after, name))) {
            throw new ConfigException("cannot edit profile '" + name + "' in " + file
                    + " without changing other settings (is it written in an unusual form?); edit that file by hand");
        }
    }

    private static JsonNode without(JsonNode root, String name) {
        JsonNode copy = root.deepCopy();
        if (copy.path("profiles") instanceof ObjectNode profiles) {
            profiles.remove(name);
            if (profiles.isEmpty()) {
                ((ObjectNode) copy).remove("profiles");
            }
        }
        return copy;
    }

    /** The file's TOML; the message names the file and line only, never its text (it may hold a password). */
    private static JsonNode tree(Path file, String text) {
        try {
            JsonNode root = new TomlMapper().readTree(text);
            return root == null || root.isMissingNode() ? new TomlMapper().createObjectNode() : root;
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? -1 : e.getLocation().getLineNr();
            throw new ConfigException(file + (line > 0 ? ":" + line : "") + ": not valid TOML; fix it by hand first");
        }
    }

    private static String read(Path file) {
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file))).toString();
        } catch (NoSuchFileException e) {
            return "";
        } catch (CharacterCodingException e) {
            throw new ConfigException("cannot edit " + file + ": not UTF-8");
        } catch (IOException e) {
            throw new ConfigException("cannot read " + file + ": " + OwnerOnlyFiles.reason(e));
        }
    }

    private void write(Path file, String text) {
        try {
            OwnerOnlyFiles.createDirectories(home.root());
            // a config kept elsewhere (a dotfiles repository) and linked in stays linked
            OwnerOnlyFiles.replace(Files.isSymbolicLink(file) ? file.toRealPath() : file, text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new ConfigException("cannot write " + file + ": " + OwnerOnlyFiles.reason(e));
        }
    }
}
