package chatroom.client.settings;

import static java.nio.charset.StandardCharsets.UTF_8;

import chatroom.client.model.ConversationKey;
import chatroom.client.model.MessageOutbox;
import chatroom.client.model.PendingMessage;
import chatroom.common.protocol.DmRequest;
import chatroom.common.protocol.Fields;
import chatroom.common.protocol.SayRequest;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.Strictness;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the messages the user sent that the server has not acked yet, so that closing the client
 * does not lose them: one JSON file per account and server ({@link OutboxKey}) in
 * {@value #FOLDER_NAME}/ inside the config folder. Saving replaces the file atomically and
 * owner-only (the messages are private); an empty outbox has no file.
 *
 * <p>Loading never fails. A file that cannot be used whole (not JSON, a message the protocol would
 * refuse, another server's or account's messages, larger than any outbox the client writes) is
 * renamed to {@code *.damaged}, so nothing in it is destroyed, with one warning, and the outbox
 * starts empty. Instances hold no state besides the folder; callers serialise the I/O for one key.
 */
public final class OutboxStore {
    /** The folder inside the config folder. */
    public static final String FOLDER_NAME = "outbox";

    /** The format this client writes and reads. */
    static final int FORMAT = 1;

    /**
     * The largest file that can hold a full outbox: every character of a maximal message escaped as
     * {@code \}{@code uXXXX} (6 bytes), plus room for the id, the conversation and the time. A larger
     * file was not written by the client, and is not read into memory.
     */
    static final long MAX_FILE_BYTES = MessageOutbox.CAPACITY * (Fields.MAX_TEXT * 6L + 4_096) + 4_096;

    private static final Logger log = LoggerFactory.getLogger(OutboxStore.class);
    private static final int MAX_DAMAGED_COPIES = 100;

    // Strict: a hand-edited or half-written file is set aside rather than half-understood.
    private static final Gson GSON = new GsonBuilder()
            .setStrictness(Strictness.STRICT)
            .disableHtmlEscaping()
            .setPrettyPrinting()
            .create();

    /** The file as JSON sees it. Boxed numbers, so a missing one is told apart from 0. */
    record FileJson(Integer format, String host, Integer port, String user, List<MessageJson> messages) {}

    /** One message; exactly one of {@code room} and {@code to}, as in the protocol's say and dm. */
    record MessageJson(String id, String room, String to, String text, String created) {}

    /** Why a file cannot be used; the message ends the warning's sentence. */
    private static final class DamagedException extends Exception {
        DamagedException(String reason) {
            super(reason, null, false, false);
        }
    }

    private final Path configDirectory;
    private final Path directory;

    /** A store in {@value #FOLDER_NAME}/ inside {@code configDirectory}; neither needs to exist yet. */
    public OutboxStore(Path configDirectory) {
        this.configDirectory = Objects.requireNonNull(configDirectory, "configDirectory");
        this.directory = configDirectory.resolve(FOLDER_NAME);
    }

    public Path directory() {
        return directory;
    }

    public Path file(OutboxKey key) {
        return directory.resolve(key.fileName());
    }

    /**
     * The messages saved for {@code key}, oldest first; empty when there are none, and also when the
     * file is damaged (it is then set aside with one warning) or cannot be read (one warning).
     */
    public List<PendingMessage> load(OutboxKey key) {
        Path file = file(key);
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, MAX_FILE_BYTES + 1));
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            log.warn("Cannot read the unsent messages of {} in {}; none are restored this time: {}",
                    key.label(), file, e.toString());
            return List.of();
        }
        try {
            if (bytes.length > MAX_FILE_BYTES) {
                throw new DamagedException("it is larger than " + MAX_FILE_BYTES + " bytes, more than the client ever writes");
            }
            return parse(key, decode(bytes));
        } catch (DamagedException e) {
            setAside(key, file, e.getMessage());
            return List.of();
        }
    }

    /**
     * Replaces the messages saved for {@code key} with {@code messages}, oldest first; an empty list
     * deletes the file. Creates the folders, owner-only on POSIX file systems, when needed.
     *
     * @throws IOException              if the file cannot be written or deleted; the previous file, if
     *                                  any, is left as it was and no temporary file is left behind
     * @throws IllegalArgumentException if there are more than {@link MessageOutbox#CAPACITY} messages,
     *                                  which {@link #load} would refuse
     */
    public void save(OutboxKey key, List<PendingMessage> messages) throws IOException {
        Objects.requireNonNull(key, "key");
        if (messages.size() > MessageOutbox.CAPACITY) {
            throw new IllegalArgumentException(messages.size() + " messages; at most " + MessageOutbox.CAPACITY + " are kept");
        }
        Path file = file(key);
        if (messages.isEmpty()) {
            Files.deleteIfExists(file);
            return;
        }
        List<MessageJson> json = messages.stream().map(OutboxStore::toJson).toList();
        byte[] content = GSON.toJson(new FileJson(FORMAT, key.host(), key.port(), key.user(), json)).getBytes(UTF_8);
        AtomicFiles.createPrivateDirectory(configDirectory);
        AtomicFiles.createPrivateDirectory(directory);
        AtomicFiles.write(file, content);
    }

    // ---- reading ------------------------------------------------------------------------------

    private static String decode(byte[] bytes) throws DamagedException {
        try {
            return UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new DamagedException("it is not UTF-8 text");
        }
    }

    private static List<PendingMessage> parse(OutboxKey key, String text) throws DamagedException {
        FileJson file;
        try {
            file = GSON.fromJson(text, FileJson.class);
        } catch (RuntimeException e) {
            // Gson reports syntax, type and record problems with several exception types.
            throw new DamagedException("it is not valid JSON: " + e.getMessage());
        }
        if (file == null) throw new DamagedException("it is empty");
        if (file.format() == null || file.format() != FORMAT) {
            throw new DamagedException("its format " + file.format() + " is not " + FORMAT + ", the one this client reads");
        }
        OutboxKey owner = owner(file);
        if (!key.equals(owner)) {
            throw new DamagedException("it holds the messages of " + (owner == null ? "nobody" : owner.label()));
        }
        if (file.messages() == null) throw new DamagedException("it has no message list");
        if (file.messages().size() > MessageOutbox.CAPACITY) {
            throw new DamagedException("it holds " + file.messages().size() + " messages, more than the "
                    + MessageOutbox.CAPACITY + " the client keeps");
        }
        List<PendingMessage> messages = new ArrayList<>(file.messages().size());
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < file.messages().size(); i++) {
            PendingMessage m = toMessage(file.messages().get(i), i);
            if (!ids.add(m.id())) throw new DamagedException("message " + (i + 1) + " repeats the id " + m.id());
            messages.add(m);
        }
        return List.copyOf(messages);
    }

    private static OutboxKey owner(FileJson file) {
        if (file.host() == null || file.port() == null || file.user() == null) return null;
        try {
            return new OutboxKey(file.host(), file.port(), file.user());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static PendingMessage toMessage(MessageJson json, int index) throws DamagedException {
        String where = "message " + (index + 1);
        if (json == null) throw new DamagedException(where + " is null");
        try {
            // The wire records check exactly what the server would: a message that loads can be sent.
            Fields.exactlyOne(json.room(), "room", json.to(), "to");
            ConversationKey to;
            if (json.room() != null) {
                new SayRequest(json.id(), json.room(), json.text());
                to = ConversationKey.room(json.room());
            } else {
                new DmRequest(json.id(), json.to(), json.text());
                to = ConversationKey.direct(json.to());
            }
            Fields.required(json.created(), "created");
            return new PendingMessage(json.id(), to, json.text(), Instant.parse(json.created()));
        } catch (IllegalArgumentException | DateTimeException e) {
            throw new DamagedException(where + " is not valid: " + e.getMessage());
        }
    }

    private static MessageJson toJson(PendingMessage m) {
        return new MessageJson(m.id(), m.to().isRoom() ? m.to().name() : null, m.to().isRoom() ? null : m.to().name(),
                m.text(), m.createdAt().toString());
    }

    // The file is kept, not deleted: it may hold messages the user still wants to read.
    private static void setAside(OutboxKey key, Path file, String reason) {
        for (int n = 1; n <= MAX_DAMAGED_COPIES; n++) {
            Path aside = file.resolveSibling(file.getFileName() + (n == 1 ? "" : "." + n) + ".damaged");
            try {
                Files.move(file, aside);
                log.warn("The unsent messages of {} in {} cannot be used because {}; the file was renamed to {} and "
                        + "none are restored.", key.label(), file, reason, aside.getFileName());
                return;
            } catch (FileAlreadyExistsException e) {
                // An earlier damaged copy: keep it too, and try the next name.
            } catch (IOException e) {
                log.warn("The unsent messages of {} in {} cannot be used because {}; none are restored, and the file "
                        + "could not be renamed ({}), so the next message sent replaces it.",
                        key.label(), file, reason, e.toString());
                return;
            }
        }
        log.warn("The unsent messages of {} in {} cannot be used because {}; none are restored, and there are already "
                + "{} damaged copies, so the next message sent replaces it.", key.label(), file, reason, MAX_DAMAGED_COPIES);
    }
}
