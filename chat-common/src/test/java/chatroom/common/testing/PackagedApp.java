package chatroom.common.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One app image that jpackage built (the build passes its folder as {@code chatroom.appImage}),
 * started through its native launcher as a user would, for the packaged apps' smoke tests. It
 * collects everything the process prints, so a test can wait for a line and fail with the whole
 * output.
 */
public final class PackagedApp implements AutoCloseable {
    private final Process process;
    private final List<String> lines = new ArrayList<>();
    private boolean outputEnded;

    private PackagedApp(Process process) {
        this.process = process;
        Thread.ofPlatform().daemon().name("packaged-app-output").start(this::collect);
    }

    /**
     * The launcher of the app called {@code name} in the image folder the build names, as each
     * platform lays it out.
     */
    public static Path launcher(String name) {
        String folder = System.getProperty("chatroom.appImage");
        if (folder == null) {
            throw new IllegalStateException("chatroom.appImage is not set: run this through Maven's verify phase, "
                    + "which builds the app image first");
        }
        Path image = Path.of(folder);
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        Path launcher;
        if (os.startsWith("windows")) {
            launcher = image.resolve(name).resolve(name + ".exe");
        } else if (os.startsWith("mac")) {
            launcher = image.resolve(name + ".app").resolve("Contents").resolve("MacOS").resolve(name);
        } else {
            launcher = image.resolve(name).resolve("bin").resolve(name);
        }
        if (!Files.isExecutable(launcher)) throw new IllegalStateException("No launcher at " + launcher);
        return launcher;
    }

    /** Starts the launcher with {@code arguments}, adding {@code environment} to this process's. */
    public static PackagedApp start(Path launcher, List<String> arguments, Map<String, String> environment)
            throws IOException {
        List<String> command = new ArrayList<>();
        command.add(launcher.toString());
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        return new PackagedApp(builder.start());
    }

    private void collect() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                synchronized (lines) {
                    lines.add(line);
                    lines.notifyAll();
                }
            }
        } catch (IOException e) {
            // The process ended; what it printed so far is kept.
        } finally {
            synchronized (lines) {
                outputEnded = true;
                lines.notifyAll();
            }
        }
    }

    /** Waits for a line containing a match of {@code pattern} and returns the match. */
    public Matcher awaitLine(Pattern pattern, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        int seen = 0;
        synchronized (lines) {
            while (true) {
                for (; seen < lines.size(); seen++) {
                    Matcher m = pattern.matcher(lines.get(seen));
                    if (m.find()) return m;
                }
                long left = Duration.between(Instant.now(), deadline).toMillis();
                if (left <= 0 || (outputEnded && seen == lines.size())) {
                    throw new AssertionError("No line matching /" + pattern + "/ within " + timeout.toSeconds()
                            + " s" + (outputEnded ? " (the app closed its output)" : "")
                            + ". It printed:\n" + output());
                }
                lines.wait(Math.min(left, 200));
            }
        }
    }

    /** Everything printed so far, one line each. */
    public String output() {
        synchronized (lines) {
            return String.join("\n", lines);
        }
    }

    /**
     * Asks the app to stop as the desktop or systemd would (SIGTERM; on Windows the process is
     * ended outright) and returns its exit code.
     */
    public int stop(Duration timeout) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("The app did not stop within " + timeout.toSeconds() + " s. It printed:\n" + output());
        }
        return process.exitValue();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroyForcibly();
        // Before the test's temporary folder is deleted, which Windows refuses while the app has files open.
        process.waitFor(10, TimeUnit.SECONDS);
    }
}
