package chatroom.server.cli;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads a new password: prompted twice on a terminal, otherwise the first line of standard input.
 * Tests give the input in {@link ServerCommand#stdin} instead, which is then read as standard input.
 */
final class PasswordInput {
    private PasswordInput() {
    }

    /**
     * Reads the password.
     *
     * @param forWhom the account name, for the prompt
     * @param given the input to read instead of the terminal or standard input, or null for those
     */
    static String read(String forWhom, InputStream given) throws IOException {
        Console console = System.console();
        if (given == null && console != null && console.isTerminal()) {
            char[] first = console.readPassword("New password for %s: ", forWhom);
            char[] second = console.readPassword("Repeat it: ");
            if (first == null || second == null) throw new IllegalArgumentException("No password given.");
            try {
                if (!Arrays.equals(first, second)) throw new IllegalArgumentException("The two passwords differ; nothing was changed.");
                return new String(first);
            } finally {
                Arrays.fill(first, '\0');
                Arrays.fill(second, '\0');
            }
        }
        BufferedReader in = new BufferedReader(new InputStreamReader(given != null ? given : System.in, StandardCharsets.UTF_8));
        String line = in.readLine();
        if (line == null || line.isEmpty()) {
            throw new IllegalArgumentException("No password on standard input: pipe it in, e.g. echo 'secret-pass' | ... user add NAME");
        }
        return line;
    }
}
