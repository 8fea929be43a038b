package io.concordbridge.core.config;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves a secret as written in the config: {@code ${ENV_NAME}} reads the environment,
 * {@code file:PATH} reads a file (without its trailing newlines), anything else is the literal
 * value. A failure's reason names the variable or file, never a value. Stateless.
 */
final class SecretReference {

    private static final Pattern ENV = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");
    private static final String FILE = "file:";

    private SecretReference() {
    }

    /** The secret; throws {@link IllegalArgumentException} whose message is the reason it cannot be read. */
    static Secret resolve(String reference, Map<String, String> env) {
        Matcher m = ENV.matcher(reference);
        if (m.matches()) {
            String value = env.get(m.group(1));
            if (value == null) {
                throw new IllegalArgumentException("environment variable " + m.group(1) + " is not set");
            }
            return new Secret(value);
        }
        if (reference.startsWith("${") && reference.endsWith("}")) {
            throw new IllegalArgumentException("${...} must hold an environment variable name of letters, digits "
                    + "and '_' that does not start with a digit");
        }
        if (reference.startsWith(FILE)) {
            return new Secret(readFile(reference.substring(FILE.length())));
        }
        return new Secret(reference);
    }

    private static String readFile(String name) {
        if (name.isBlank()) {
            throw new IllegalArgumentException("file: needs a path (file:/run/secrets/db-password)");
        }
        Path file;
        try {
            file = Path.of(name);
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("file:" + name + " is not a valid path: " + e.getReason());
        }
        try {
            String s = Files.readString(file);
            int end = s.length();
            while (end > 0 && (s.charAt(end - 1) == '\n' || s.charAt(end - 1) == '\r')) {
                end--;
            }
            return s.substring(0, end);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("cannot read file " + file.toAbsolutePath() + ": it does not exist");
        } catch (AccessDeniedException e) {
            throw new IllegalArgumentException("cannot read file " + file.toAbsolutePath() + ": permission denied");
        } catch (MalformedInputException e) {
            throw new IllegalArgumentException("cannot read file " + file.toAbsolutePath() + ": it is not UTF-8 text");
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read file " + file.toAbsolutePath() + ": " + e);
        }
    }
}
