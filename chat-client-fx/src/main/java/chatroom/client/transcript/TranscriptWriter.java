package chatroom.client.transcript;

import chatroom.client.model.ChatLine;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.HexFormat;
import java.util.Objects;

/**
 * Writes a {@link Transcript} as plain text, Markdown or a web page.
 *
 * <p>Lines end with {@code \n} on every platform, so a transcript is byte for byte the same
 * wherever it was made; every current editor, Windows Notepad included, reads that. Times are
 * shown in the transcript's zone, and a new day is marked whenever the local date changes.
 */
public final class TranscriptWriter {

    private static final SecureRandom RANDOM = new SecureRandom();

    private TranscriptWriter() {
    }

    /** Writes {@code transcript} in {@code format} to {@code out}, which is flushed but not closed. */
    public static void write(Transcript transcript, TranscriptFormat format, Writer out) throws IOException {
        Objects.requireNonNull(transcript, "transcript");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(out, "out");
        Renderer renderer = Renderer.of(format, transcript, out);
        renderer.begin();
        LocalDate day = null;
        for (ChatLine line : transcript.exportedLines()) {
            ZonedDateTime at = line.ts().atZone(transcript.zone());
            if (!at.toLocalDate().equals(day)) {
                day = at.toLocalDate();
                renderer.day(day);
            }
            switch (line.kind()) {
                case MESSAGE -> renderer.message(line, at);
                case NOTICE -> renderer.notice(line, at);
                // Never reached, exportedLines() drops them; listed so a new kind must be decided on.
                case PENDING, FAILED -> { }
            }
        }
        renderer.end();
        out.flush();
    }

    /**
     * Saves {@code transcript} in {@code format} to {@code file} as UTF-8, replacing the file if
     * it exists. The transcript is written to a temporary file in the same folder, synced to disk
     * and then moved over {@code file}, so a failure at any point leaves either the old file or
     * the complete new one, never a half-written transcript, and no temporary file behind.
     */
    public static void save(Transcript transcript, TranscriptFormat format, Path file) throws IOException {
        Objects.requireNonNull(transcript, "transcript");
        Objects.requireNonNull(format, "format");
        Path target = file.toAbsolutePath();
        // The same folder keeps the final move on one file system, where it can be atomic.
        Path temp = target.resolveSibling(".transcript-" + HexFormat.of().toHexDigits(RANDOM.nextLong()) + ".tmp");
        try {
            // CREATE_NEW rather than Files.createTempFile: the file gets the permissions any
            // other saved file would, not owner-only ones, and an existing file is never reused.
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                Writer out = new BufferedWriter(new OutputStreamWriter(Channels.newOutputStream(channel), utf8()));
                write(transcript, format, out);
                // Without the sync a crash soon after the move can leave an empty file behind
                // the new name on some file systems.
                channel.force(true);
            }
            move(temp, target);
        } catch (IOException | RuntimeException | Error e) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }

    private static void move(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Renderers already replace what UTF-8 cannot encode; this makes sure it can never fail a save. */
    private static CharsetEncoder utf8() {
        return StandardCharsets.UTF_8.newEncoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
    }
}
