package chatroom.client.transcript;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static chatroom.client.transcript.Conversation.BERLIN;
import static chatroom.client.transcript.Conversation.lobbyIn;
import static chatroom.client.transcript.Conversation.message;
import static chatroom.client.transcript.Conversation.render;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SaveTranscriptTest {

    @TempDir
    Path folder;

    @ParameterizedTest
    @EnumSource(TranscriptFormat.class)
    void savingWritesExactlyWhatWriteProduces(TranscriptFormat format) throws IOException {
        Path file = folder.resolve(format.defaultFileName("lobby", java.time.LocalDate.of(2026, 11, 21)));
        TranscriptWriter.save(lobbyIn(BERLIN), format, file);
        assertEquals(render(lobbyIn(BERLIN), format), Files.readString(file, StandardCharsets.UTF_8));
    }

    @Test
    void theFileIsUtf8() throws IOException {
        Path file = folder.resolve("café.txt");
        TranscriptWriter.save(Conversation.transcript("café", BERLIN,
                List.of(message("zoë", "naïve — 😀 日本語", "2026-11-21T09:15:00Z"))), TranscriptFormat.TEXT, file);
        byte[] expected = render(Conversation.transcript("café", BERLIN,
                List.of(message("zoë", "naïve — 😀 日本語", "2026-11-21T09:15:00Z"))), TranscriptFormat.TEXT)
                .getBytes(StandardCharsets.UTF_8);
        assertArrayEquals(expected, Files.readAllBytes(file));
    }

    @Test
    void savingReplacesAnExistingFileAndLeavesNoTemporaryFileBehind() throws IOException {
        Path file = folder.resolve("lobby.md");
        Files.writeString(file, "an older, much longer transcript that must not survive in part ".repeat(100));
        TranscriptWriter.save(lobbyIn(BERLIN), TranscriptFormat.MARKDOWN, file);
        assertEquals(render(lobbyIn(BERLIN), TranscriptFormat.MARKDOWN), Files.readString(file));
        assertEquals(List.of(file), filesIn(folder));
    }

    @Test
    void aFailedSaveLeavesNoTemporaryFileBehind() throws IOException {
        // A non-empty folder cannot be replaced by a file, so the final move fails.
        Path file = folder.resolve("lobby.txt");
        Files.createDirectory(file);
        Files.writeString(file.resolve("keep.txt"), "kept");
        assertThrows(IOException.class, () -> TranscriptWriter.save(lobbyIn(BERLIN), TranscriptFormat.TEXT, file));
        assertEquals(List.of(file), filesIn(folder));
        assertEquals("kept", Files.readString(file.resolve("keep.txt")));
    }

    @Test
    void savingIntoAMissingFolderFailsWithoutCreatingAnything() {
        Path file = folder.resolve("missing").resolve("lobby.txt");
        assertThrows(NoSuchFileException.class, () -> TranscriptWriter.save(lobbyIn(BERLIN), TranscriptFormat.TEXT, file));
        assertFalse(Files.exists(folder.resolve("missing")));
    }

    private static List<Path> filesIn(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.sorted().toList();
        }
    }
}
