package chatroom.client.service;

import chatroom.client.model.ConnectionState;
import chatroom.client.model.ConversationKey;
import chatroom.client.model.ErrorTexts;
import chatroom.client.model.MessageOutbox;
import chatroom.client.model.PendingMessage;
import chatroom.client.model.SeqTracker;
import chatroom.client.settings.OutboxKey;
import chatroom.common.model.Names;
import chatroom.common.model.Role;
import chatroom.common.model.Status;
import chatroom.common.protocol.Ack;
import chatroom.common.protocol.BanInfo;
import chatroom.common.protocol.BanList;
import chatroom.common.protocol.BanRequest;
import chatroom.common.protocol.BansRequest;
import chatroom.common.protocol.BannedEvent;
import chatroom.common.protocol.Bye;
import chatroom.common.protocol.ChatMessage;
import chatroom.common.protocol.ClientMessage;
import chatroom.common.protocol.DmRequest;
import chatroom.common.protocol.DmState;
import chatroom.common.protocol.ErrorCode;
import chatroom.common.protocol.ErrorReply;
import chatroom.common.protocol.Hello;
import chatroom.common.protocol.HistoryPage;
import chatroom.common.protocol.HistoryRequest;
import chatroom.common.protocol.JoinRequest;
import chatroom.common.protocol.Joined;
import chatroom.common.protocol.KickRequest;
import chatroom.common.protocol.KickedEvent;
import chatroom.common.protocol.LoginRequest;
import chatroom.common.protocol.MemberEvent;
import chatroom.common.protocol.Ok;
import chatroom.common.protocol.PartRequest;
import chatroom.common.protocol.PasswordRequest;
import chatroom.common.protocol.InvalidMessageException;
import chatroom.common.protocol.Pong;
import chatroom.common.protocol.PongRequest;
import chatroom.common.protocol.PresenceEvent;
import chatroom.common.protocol.QuitRequest;
import chatroom.common.protocol.RegisterRequest;
import chatroom.common.protocol.RoleRequest;
import chatroom.common.protocol.RoomInfo;
import chatroom.common.protocol.RoomList;
import chatroom.common.protocol.RoomState;
import chatroom.common.protocol.RoomsRequest;
import chatroom.common.protocol.SayRequest;
import chatroom.common.protocol.ServerMessage;
import chatroom.common.protocol.ServerPing;
import chatroom.common.protocol.StatusRequest;
import chatroom.common.protocol.TopicEvent;
import chatroom.common.protocol.TopicRequest;
import chatroom.common.protocol.TypingEvent;
import chatroom.common.protocol.TypingRequest;
import chatroom.common.protocol.UnbanRequest;
import chatroom.common.protocol.UserInfo;
import chatroom.common.protocol.UserList;
import chatroom.common.protocol.UsersRequest;
import chatroom.common.protocol.Welcome;
import chatroom.common.model.MemberChange;
import chatroom.common.tls.Fingerprint;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The chat service over a real connection. All of its state is confined to the UI executor: the
 * connection's reader thread hands every frame to that executor, and timers do the same, so
 * nothing here needs a lock. It keeps the session alive across drops (backoff, re-login, catch-up
 * of every conversation after the last seq it holds, resend of the outbox with the original ids)
 * and hands the ViewModels each message exactly once.
 *
 * <p>The outbox also outlives the process: every change to it is handed to {@link OutboxPersistence}
 * under the account and server it belongs to, and the first login of a session restores what an
 * earlier run left unsent for that same account and server, and resends it with the original ids.
 */
public final class NetworkChatService implements ChatService {
    private static final Logger log = LoggerFactory.getLogger(NetworkChatService.class);
    private static final int CATCH_UP_PAGE = 200;
    private static final Duration QUIT_GRACE = Duration.ofSeconds(2);
    private static final Duration HANDSHAKE_TIMEOUT = Duration.ofSeconds(15);

    /** Opens connections; tests and TLS swap it. */
    @FunctionalInterface
    public interface Connector {
        Connection open(ServerAddress address, Connection.Listener listener) throws IOException;
    }

    private final Executor ui;
    private final Connector connector;
    private final CertificatePins pins;
    private final ScheduledExecutorService timer;
    private final Backoff backoff;
    private final ErrorTexts texts;
    private final Clock clock;
    private final OutboxPersistence saved;
    private final List<ChatEvents> listeners = new CopyOnWriteArrayList<>();

    private final Map<String, Reply<?>> requests = new HashMap<>();
    private final MessageOutbox outbox = new MessageOutbox();
    private final Map<ConversationKey, SeqTracker> trackers = new HashMap<>();
    private final Set<ConversationKey> catchingUp = new HashSet<>();

    private ServerAddress address;
    private String user;
    private String password;
    private boolean registerFirst;
    private Role role = Role.USER;
    private Connection connection;
    private int generation;
    private int welcomedGeneration = -1;
    private ConnectionState state = ConnectionState.DISCONNECTED;
    private CompletableFuture<Welcome> loginFuture;
    private String loginId;
    private boolean everLoggedIn;
    private boolean ended;
    private int attempts;
    private String closeDetail;
    private boolean helloSeen;
    private long nextRequest;

    // The outbox on disk. A session (one logIn) starts loading it at once and applies it at the
    // first welcome; until then nothing may be queued, so restored messages always go first.
    private int session;
    private OutboxKey restoringKey;
    private CompletableFuture<List<PendingMessage>> restoring;
    private boolean outboxReady;
    private OutboxKey outboxKey;

    private record Reply<T>(Class<T> type, CompletableFuture<T> future) {
        void complete(ServerMessage message) {
            if (type.isInstance(message)) future.complete(type.cast(message));
            else future.completeExceptionally(RequestFailedException.local("The server sent an unexpected answer."));
        }
    }

    /** A service whose outbox lives only as long as the process. */
    public NetworkChatService(Executor ui, Connector connector, CertificatePins pins, ScheduledExecutorService timer,
                              Backoff backoff, Clock clock) {
        this(ui, connector, pins, timer, backoff, clock, OutboxPersistence.NONE);
    }

    public NetworkChatService(Executor ui, Connector connector, CertificatePins pins, ScheduledExecutorService timer,
                              Backoff backoff, Clock clock, OutboxPersistence saved) {
        this.ui = ui;
        this.connector = connector;
        this.pins = pins;
        this.timer = timer;
        this.backoff = backoff;
        this.clock = clock;
        this.saved = Objects.requireNonNull(saved, "saved");
        this.texts = new ErrorTexts(clock);
    }

    /** The real connector: TCP, and TLS unless the address says plain, with a 5 s connect timeout. */
    public static Connector tcp() {
        var codec = new chatroom.common.codec.ProtocolCodec();
        return (address, listener) -> Connection.open(address, 5_000, codec, listener);
    }

    @Override
    public void addListener(ChatEvents listener) {
        listeners.add(listener);
    }

    @Override
    public void removeListener(ChatEvents listener) {
        listeners.remove(listener);
    }

    // ---- session lifecycle ------------------------------------------------------------------

    @Override
    public CompletableFuture<Welcome> logIn(ServerAddress address, String user, String password, boolean register) {
        if (state != ConnectionState.DISCONNECTED) {
            return CompletableFuture.failedFuture(RequestFailedException.local("Already connected; log out first."));
        }
        this.address = address;
        this.user = user;
        this.password = password;
        this.registerFirst = register;
        this.everLoggedIn = false;
        this.ended = false;
        this.attempts = 0;
        this.role = Role.USER;
        trackers.clear();
        catchingUp.clear();
        startRestoring();
        loginFuture = new CompletableFuture<>();
        setState(ConnectionState.CONNECTING, null);
        openConnection();
        return loginFuture;
    }

    @Override
    public void logOut() {
        ended = true;
        Connection c = connection;
        connection = null;
        generation++;
        if (c != null) {
            c.send(new QuitRequest(nextId()));
            // The server answers bye and closes; close ourselves if it does not.
            timer.schedule(c::close, QUIT_GRACE.toMillis(), TimeUnit.MILLISECONDS);
        }
        failRequests("You logged out.");
        trackers.clear();
        drainOutbox();
        stopPersisting();
        setState(ConnectionState.DISCONNECTED, null);
    }

    @Override
    public void reconnectNow() {
        if (state == ConnectionState.RECONNECTING && connection == null) openConnection();
    }

    @Override
    public ConnectionState state() {
        return state;
    }

    @Override
    public String user() {
        return user;
    }

    @Override
    public Role role() {
        return role;
    }

    @Override
    public ServerAddress address() {
        return address;
    }

    private void openConnection() {
        int gen = ++generation;
        ServerAddress target = address;
        closeDetail = null;
        Thread.ofVirtual().name("client-connect").start(() -> {
            try {
                Connection c = connector.open(target, listenerFor(gen));
                ui.execute(() -> opened(gen, c));
            } catch (IOException e) {
                ui.execute(() -> openFailed(gen, "Cannot reach " + target + ": " + describe(e)));
            }
        });
    }

    /** The one bridge from the reader thread: every frame and the close go through {@code ui}. */
    private Connection.Listener listenerFor(int gen) {
        return new Connection.Listener() {
            @Override
            public void onMessage(ServerMessage message) {
                ui.execute(() -> {
                    if (gen == generation) handle(message);
                });
            }

            @Override
            public void onClosed(String problem) {
                ui.execute(() -> closed(gen, problem));
            }
        };
    }

    private void opened(int gen, Connection c) {
        if (gen != generation || ended || state == ConnectionState.DISCONNECTED) {
            c.close();
            return;
        }
        UntrustedServerException untrusted = checkPin(c);
        if (untrusted != null) {
            // Not started: not one frame was read or sent on this connection, credentials least of all.
            c.close();
            generation++;
            if (!everLoggedIn) {
                setState(ConnectionState.DISCONNECTED, untrusted.getMessage());
                loginFuture.completeExceptionally(untrusted);
            } else {
                endSession(untrusted.getMessage() + " Log in again to see what to do.");
            }
            return;
        }
        helloSeen = false;
        connection = c;
        c.start();
        // Something that accepts connections but never says hello (a wrong port, a hung server)
        // must not leave the login spinning forever.
        timer.schedule(() -> ui.execute(() -> {
            if (gen == generation && connection == c && !loggedInOn(gen)) {
                closeDetail = "The server at " + address + " did not answer the login within "
                        + HANDSHAKE_TIMEOUT.toSeconds() + " s.";
                c.close();
            }
        }), HANDSHAKE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Null when the connection may be used: plain (the user chose so) or showing the pinned certificate. */
    private UntrustedServerException checkPin(Connection c) {
        Fingerprint presented = c.fingerprint();
        if (presented == null) return null;
        Fingerprint pinned = pins.pinFor(address).orElse(null);
        if (presented.equals(pinned)) return null;
        return pinned == null ? UntrustedServerException.firstUse(address, presented)
                : UntrustedServerException.changed(address, pinned, presented);
    }

    private boolean loggedInOn(int gen) {
        return gen == welcomedGeneration;
    }

    private void openFailed(int gen, String problem) {
        if (gen != generation) return;
        if (!everLoggedIn) {
            setState(ConnectionState.DISCONNECTED, problem);
            loginFuture.completeExceptionally(RequestFailedException.local(problem));
        } else {
            scheduleReconnect(problem);
        }
    }

    private void closed(int gen, String problem) {
        if (gen != generation) return;
        generation++; // nothing from the dead connection may count any more
        connection = null;
        String detail = closeDetail != null ? closeDetail : problem != null ? problem : "The connection closed.";
        if (!helloSeen && !address.tls() && !everLoggedIn) {
            // A TLS server waits for a handshake a plain client never starts, then gives up on it.
            detail = "The server at " + address + " did not greet this plain connection. It probably uses encryption "
                    + "(the default): untick \"Plain connection\".";
        }
        failRequests("The connection dropped before the server answered.");
        if (ended || state == ConnectionState.DISCONNECTED) return;
        if (!everLoggedIn) {
            setState(ConnectionState.DISCONNECTED, detail);
            loginFuture.completeExceptionally(RequestFailedException.local(detail));
        } else {
            scheduleReconnect(detail);
        }
    }

    private void scheduleReconnect(String detail) {
        Duration wait = backoff.delay(attempts++);
        long seconds = Math.max(1, Math.round(wait.toMillis() / 1000.0));
        setState(ConnectionState.RECONNECTING, detail + " Reconnecting in " + seconds + " s…");
        int gen = generation;
        timer.schedule(() -> ui.execute(() -> {
            if (gen == generation && state == ConnectionState.RECONNECTING && connection == null) openConnection();
        }), wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void endSession(String sentence) {
        ended = true;
        generation++;
        Connection c = connection;
        connection = null;
        if (c != null) c.close();
        failRequests(sentence);
        trackers.clear();
        drainOutbox();
        stopPersisting();
        setState(ConnectionState.DISCONNECTED, sentence);
        if (loginFuture != null && !loginFuture.isDone()) {
            loginFuture.completeExceptionally(RequestFailedException.local(sentence));
        } else {
            listeners.forEach(l -> l.sessionEnded(sentence));
        }
    }

    /**
     * Messages that can no longer be sent in this session are reported, so the view does not show
     * them as pending forever. The copy on disk is kept on purpose: the next login as the same user
     * on the same server sends them, so logging out or being kicked never loses a typed message.
     */
    private void drainOutbox() {
        for (PendingMessage m : outbox.waiting()) {
            outbox.settle(m.id());
            listeners.forEach(l -> l.sendFailed(m, "The session ended first; it is sent when you next log in to this server."));
        }
    }

    private void setState(ConnectionState next, String detail) {
        state = next;
        listeners.forEach(l -> l.connectionChanged(next, detail));
    }

    // ---- incoming frames ---------------------------------------------------------------------

    private void handle(ServerMessage message) {
        switch (message) {
            case Hello hello -> onHello(hello);
            case Welcome welcome -> onWelcome(welcome);
            case ChatMessage m -> onChatMessage(m);
            case Ack ack -> onAck(ack);
            case ErrorReply error -> onError(error);
            case Joined joined -> onJoined(joined);
            case MemberEvent event -> onMember(event);
            case PresenceEvent event -> listeners.forEach(l -> l.presence(event));
            case TopicEvent event -> listeners.forEach(l -> l.topic(event));
            case TypingEvent event -> listeners.forEach(l -> l.typing(event));
            case KickedEvent kicked -> endSession(texts.kicked(kicked.by(), kicked.reason()));
            case BannedEvent banned -> endSession(texts.banned(banned.reason(), banned.until()));
            case ServerPing ping -> send(new PongRequest(null));
            case Bye bye -> closeDetail = byeDetail(bye.reason());
            case Ok ok -> complete(ok.re(), ok);
            case HistoryPage page -> complete(page.re(), page);
            case UserList users -> complete(users.re(), users);
            case RoomList rooms -> complete(rooms.re(), rooms);
            case BanList bans -> complete(bans.re(), bans);
            case Pong pong -> complete(pong.re(), pong);
        }
    }

    private void onHello(Hello hello) {
        helloSeen = true;
        if (hello.protocol() != 1) {
            endSession("This server speaks protocol version " + hello.protocol() + ", but this client speaks version 1.");
            return;
        }
        loginId = nextId();
        boolean register = registerFirst && !everLoggedIn;
        send(register ? new RegisterRequest(loginId, user, password) : new LoginRequest(loginId, user, password));
    }

    private void onWelcome(Welcome welcome) {
        if (loginId == null || !loginId.equals(welcome.re())) return;
        boolean resumed = everLoggedIn;
        everLoggedIn = true;
        welcomedGeneration = generation;
        attempts = 0;
        user = welcome.user();
        role = welcome.role();
        // Connected before the catch-up starts: requests are refused while not connected.
        setState(ConnectionState.CONNECTED, null);
        Set<ConversationKey> current = new HashSet<>();
        List<ConversationKey> behind = new ArrayList<>();
        for (RoomState room : welcome.rooms()) current.add(syncConversation(ConversationKey.room(room.room()), room.lastSeq(), behind));
        for (DmState dm : welcome.dms()) {
            ConversationKey key = ConversationKey.direct(dm.with());
            // A DM conversation we have not seen started while we were away: all of it is new.
            if (resumed && !trackers.containsKey(key)) trackers.put(key, new SeqTracker(0));
            current.add(syncConversation(key, dm.lastSeq(), behind));
        }
        for (ConversationKey key : List.copyOf(trackers.keySet())) {
            if (key.isRoom() && !current.contains(key)) {
                trackers.remove(key);
                listeners.forEach(l -> l.roomLeft(key.name()));
            }
        }
        listeners.forEach(l -> l.loggedIn(welcome, resumed));
        if (!resumed) startPersisting(welcome.user());
        behind.forEach(this::catchUp);
        // Not yet ready: the restore sends everything once the file is read.
        if (outboxReady) outbox.waiting().forEach(this::transmit);
        loginFuture.complete(welcome);
    }

    /** A conversation we know is caught up from where we are; a new one starts at the server's end. */
    private ConversationKey syncConversation(ConversationKey key, long serverLastSeq, List<ConversationKey> behind) {
        SeqTracker tracker = trackers.get(key);
        if (tracker == null) {
            trackers.put(key, new SeqTracker(serverLastSeq));
        } else if (tracker.isBehind(serverLastSeq)) {
            behind.add(key);
        }
        return key;
    }

    private void onChatMessage(ChatMessage m) {
        ConversationKey key = keyOf(m);
        if (Names.same(m.from(), user) && outbox.settle(m.id()).isPresent()) persist();
        SeqTracker tracker = trackers.computeIfAbsent(key, k -> new SeqTracker(m.seq() - 1));
        if (!tracker.accept(m.seq())) return;
        listeners.forEach(l -> l.messages(key, List.of(m)));
        if (tracker.hasGap()) catchUp(key);
    }

    private void onJoined(Joined joined) {
        trackers.putIfAbsent(ConversationKey.room(joined.room()), new SeqTracker(joined.lastSeq()));
        if (joined.re() != null) complete(joined.re(), joined);
        listeners.forEach(l -> l.roomJoined(joined));
    }

    private void onMember(MemberEvent event) {
        if (event.event() == MemberChange.LEAVE && Names.same(event.user(), user)) {
            trackers.remove(ConversationKey.room(event.room()));
            listeners.forEach(l -> l.roomLeft(event.room()));
        } else {
            listeners.forEach(l -> l.member(event));
        }
    }

    private void onError(ErrorReply error) {
        String re = error.re();
        if (re != null && re.equals(loginId) && state != ConnectionState.CONNECTED) {
            loginRefused(error);
        } else if (outbox.contains(re)) {
            sendRefused(outbox.find(re).orElseThrow(), error);
        } else if (re != null && requests.containsKey(re)) {
            requests.remove(re).future().completeExceptionally(new RequestFailedException(error, texts.sentence(error)));
        } else if (re == null && (closesConnection(error.code())
                || error.code() == ErrorCode.RATE_LIMITED && state != ConnectionState.CONNECTED)) {
            // Before login, a rate_limited without re is the server turning the connection away
            // (too many connections); once connected it answers a typing frame and is not worth a word.
            // The close that follows shows this sentence in the banner. Errors without re for
            // frames we send without an id (typing) are not worth reporting.
            closeDetail = texts.sentence(error);
        }
    }

    private static boolean closesConnection(ErrorCode code) {
        return switch (code) {
            case AUTH_TIMEOUT, SLOW_CONSUMER, FRAME_TOO_LARGE, SERVER_SHUTDOWN -> true;
            default -> false;
        };
    }

    private void loginRefused(ErrorReply error) {
        boolean transientProblem = error.code() == ErrorCode.RATE_LIMITED
                || error.code() == ErrorCode.SERVER_SHUTDOWN;
        if (everLoggedIn && transientProblem) {
            closeDetail = texts.sentence(error);
            Connection c = connection;
            if (c != null) c.close();
            return;
        }
        if (!everLoggedIn) {
            Connection c = connection;
            connection = null;
            generation++;
            if (c != null) c.close();
            setState(ConnectionState.DISCONNECTED, null);
            loginFuture.completeExceptionally(new RequestFailedException(error, texts.sentence(error)));
        } else {
            endSession(texts.sentence(error));
        }
    }

    private void sendRefused(PendingMessage message, ErrorReply error) {
        switch (error.code()) {
            case RATE_LIMITED -> {
                long wait = error.retryAfterMs() == null ? 1_000 : Math.max(50, error.retryAfterMs());
                timer.schedule(() -> ui.execute(() -> {
                    if (outbox.contains(message.id()) && state == ConnectionState.CONNECTED) transmit(message);
                }), wait, TimeUnit.MILLISECONDS);
            }
            case SERVER_SHUTDOWN -> {
                // Not stored: it stays in the outbox and goes again after the reconnect.
            }
            default -> {
                outbox.settle(message.id());
                persist();
                String sentence = texts.sentence(error);
                listeners.forEach(l -> l.sendFailed(message, sentence));
            }
        }
    }

    private String byeDetail(String reason) {
        return switch (reason == null ? "" : reason) {
            case "server_shutdown" -> "The server is restarting.";
            case "ping_timeout" -> "The server stopped hearing from this client.";
            case "too_many_errors" -> "The server closed the connection after errors.";
            default -> null;
        };
    }

    private ConversationKey keyOf(ChatMessage m) {
        if (m.room() != null) return ConversationKey.room(m.room());
        boolean mine = Names.same(m.from(), user);
        return ConversationKey.direct(mine ? m.to() : m.from());
    }

    // ---- catch-up ----------------------------------------------------------------------------

    private void catchUp(ConversationKey key) {
        if (catchingUp.add(key)) fetchAfter(key);
    }

    private void fetchAfter(ConversationKey key) {
        SeqTracker tracker = trackers.get(key);
        if (tracker == null || state != ConnectionState.CONNECTED) {
            catchingUp.remove(key);
            return;
        }
        long after = tracker.contiguous();
        request(id -> history(id, key, null, after, CATCH_UP_PAGE), HistoryPage.class).whenComplete((page, failure) -> {
            if (failure != null) {
                catchingUp.remove(key);
                log.debug("Catch-up of {} stopped: {}", key, failure.getMessage());
                return;
            }
            SeqTracker current = trackers.get(key);
            if (current == null) {
                catchingUp.remove(key);
                return;
            }
            List<ChatMessage> fresh = new ArrayList<>();
            boolean settled = false;
            for (ChatMessage m : page.messages()) {
                if (Names.same(m.from(), user)) settled |= outbox.settle(m.id()).isPresent();
                if (current.accept(m.seq())) fresh.add(m);
            }
            if (settled) persist();
            if (!fresh.isEmpty()) listeners.forEach(l -> l.messages(key, fresh));
            if (page.messages().size() == CATCH_UP_PAGE) {
                fetchAfter(key);
            } else {
                catchingUp.remove(key);
            }
        });
    }

    private static HistoryRequest history(String id, ConversationKey key, Long before, Long after, int limit) {
        return key.isRoom()
                ? new HistoryRequest(id, key.name(), null, before, after, limit)
                : new HistoryRequest(id, null, key.name(), before, after, limit);
    }

    // ---- outgoing ----------------------------------------------------------------------------

    @Override
    public PendingMessage send(ConversationKey to, String text) {
        if (state == ConnectionState.DISCONNECTED || !everLoggedIn) {
            throw RequestFailedException.local("You are not logged in; log in to send messages.");
        }
        if (!outboxReady) {
            throw RequestFailedException.local("Your unsent messages from last time are still being loaded; "
                    + "send this again in a moment.");
        }
        if (outbox.isFull()) {
            throw RequestFailedException.local(MessageOutbox.CAPACITY + " messages are already waiting to be sent; "
                    + "send this once they have gone.");
        }
        PendingMessage message = new PendingMessage(UUID.randomUUID().toString(), to, text, clock.instant());
        try {
            // The outbox (and its file) only ever holds messages the protocol accepts, so it always loads and sends.
            wireRequest(message);
        } catch (InvalidMessageException e) {
            throw RequestFailedException.local(e.getMessage());
        }
        outbox.add(message);
        persist();
        if (state == ConnectionState.CONNECTED) transmit(message);
        return message;
    }

    @Override
    public List<PendingMessage> outbox() {
        return outbox.waiting();
    }

    private void transmit(PendingMessage m) {
        send(wireRequest(m));
    }

    private static ClientMessage wireRequest(PendingMessage m) {
        return m.to().isRoom() ? new SayRequest(m.id(), m.to().name(), m.text()) : new DmRequest(m.id(), m.to().name(), m.text());
    }

    private void onAck(Ack ack) {
        outbox.settle(ack.re()).ifPresent(m -> {
            persist();
            listeners.forEach(l -> l.acked(m, ack.seq(), ack.ts()));
        });
    }

    // ---- the outbox on disk ------------------------------------------------------------------

    /** Starts reading what an earlier run left unsent for this account and server, off this thread. */
    private void startRestoring() {
        session++;
        outboxReady = false;
        outboxKey = null;
        OutboxKey key = keyFor(address, user);
        restoringKey = key;
        restoring = key == null ? CompletableFuture.completedFuture(List.of())
                : saved.load(key).exceptionally(failure -> {
                    log.warn("Could not restore the unsent messages of {}: {}", key.label(), failure.toString());
                    return List.of();
                });
    }

    /**
     * The server confirmed who we are: from now on the outbox is saved under that account, and what
     * was loaded for it is restored; at once when the file has been read (the usual case, since
     * connecting and logging in take far longer), otherwise as soon as it has.
     */
    private void startPersisting(String welcomedUser) {
        outboxKey = keyFor(address, welcomedUser);
        if (restoring.isDone()) {
            restored(restoring.getNow(List.of()));
        } else {
            int thisSession = session;
            restoring.thenAccept(earlier -> ui.execute(() -> {
                if (thisSession != session || ended || outboxReady) return;
                restored(earlier);
                if (state == ConnectionState.CONNECTED) outbox.waiting().forEach(this::transmit);
            }));
        }
    }

    private void restored(List<PendingMessage> earlier) {
        outboxReady = true;
        // Keys are canonical, so a login as "Bob" after typing "bob" is the same key; anything else stays on disk.
        if (earlier.isEmpty() || outboxKey == null || !outboxKey.equals(restoringKey)) return;
        outbox.restore(earlier);
        log.info("Sending {} message(s) left unsent by an earlier run, as {}.", earlier.size(), outboxKey.label());
        List<PendingMessage> copy = List.copyOf(earlier);
        listeners.forEach(l -> l.outboxRestored(copy));
    }

    /** The session is over; its file stays as it is until the next login as the same user there. */
    private void stopPersisting() {
        outboxKey = null;
        outboxReady = false;
    }

    private void persist() {
        if (outboxKey != null) saved.save(outboxKey, outbox.waiting());
    }

    private static OutboxKey keyFor(ServerAddress address, String user) {
        try {
            return new OutboxKey(address.host(), address.port(), user);
        } catch (IllegalArgumentException | NullPointerException e) {
            // A name the server refuses anyway; should a session start regardless, its outbox stays in memory.
            return null;
        }
    }

    private void send(ClientMessage message) {
        Connection c = connection;
        if (c != null) c.send(message);
    }

    private String nextId() {
        return "r" + (++nextRequest);
    }

    private <T> CompletableFuture<T> request(Function<String, ClientMessage> make, Class<T> replyType) {
        if (state != ConnectionState.CONNECTED || connection == null) {
            return CompletableFuture.failedFuture(RequestFailedException.local("You are offline right now; try again when the connection is back."));
        }
        String id = nextId();
        ClientMessage message;
        try {
            message = make.apply(id);
        } catch (InvalidMessageException e) {
            // The records check the protocol's rules; a refusal here is the same sentence the server would give.
            return CompletableFuture.failedFuture(RequestFailedException.local(e.getMessage()));
        }
        CompletableFuture<T> future = new CompletableFuture<>();
        requests.put(id, new Reply<>(replyType, future));
        send(message);
        return future;
    }

    private void complete(String re, ServerMessage reply) {
        Reply<?> pending = re == null ? null : requests.remove(re);
        if (pending != null) pending.complete(reply);
    }

    private void failRequests(String sentence) {
        List<Reply<?>> open = new ArrayList<>(requests.values());
        requests.clear();
        open.forEach(r -> r.future().completeExceptionally(RequestFailedException.local(sentence)));
    }

    private static String describe(IOException e) {
        String text = e.getMessage();
        if (e instanceof java.net.UnknownHostException) return "the host name is unknown.";
        if (e instanceof java.net.ConnectException) return "nothing is listening there (is the server running?).";
        if (e instanceof java.net.SocketTimeoutException) return "no answer within 5 s.";
        return text == null ? e.getClass().getSimpleName() : text;
    }

    @Override
    public CompletableFuture<HistoryPage> olderHistory(ConversationKey key, Long beforeSeq, int limit) {
        return request(id -> history(id, key, beforeSeq, null, limit), HistoryPage.class);
    }

    @Override
    public CompletableFuture<Joined> join(String room) {
        return request(id -> new JoinRequest(id, room), Joined.class);
    }

    @Override
    public CompletableFuture<Void> part(String room) {
        return request(id -> new PartRequest(id, room), Ok.class).thenApply(ok -> {
            trackers.remove(ConversationKey.room(room));
            return null;
        });
    }

    @Override
    public void typing(ConversationKey key) {
        if (state != ConnectionState.CONNECTED) return;
        send(key.isRoom() ? new TypingRequest(null, key.name(), null) : new TypingRequest(null, null, key.name()));
    }

    @Override
    public CompletableFuture<Void> status(Status status) {
        return request(id -> new StatusRequest(id, status), Ok.class).thenApply(ok -> null);
    }

    @Override
    public CompletableFuture<List<UserInfo>> users() {
        return request(UsersRequest::new, UserList.class).thenApply(UserList::users);
    }

    @Override
    public CompletableFuture<List<RoomInfo>> rooms() {
        return request(RoomsRequest::new, RoomList.class).thenApply(RoomList::rooms);
    }

    @Override
    public CompletableFuture<Void> topic(String room, String topic) {
        return request(id -> new TopicRequest(id, room, topic), Ok.class).thenApply(ok -> null);
    }

    @Override
    public CompletableFuture<Void> kick(String target, String reason) {
        return request(id -> new KickRequest(id, target, reason), Ok.class).thenApply(ok -> null);
    }

    @Override
    public CompletableFuture<Void> ban(String target, String reason, Long minutes) {
        return request(id -> new BanRequest(id, target, reason, minutes), Ok.class).thenApply(ok -> null);
    }

    @Override
    public CompletableFuture<Void> unban(String target) {
        return request(id -> new UnbanRequest(id, target), Ok.class).thenApply(ok -> null);
    }

    @Override
    public CompletableFuture<List<BanInfo>> bans() {
        return request(BansRequest::new, BanList.class).thenApply(BanList::bans);
    }

    @Override
    public CompletableFuture<Void> role(String target, Role newRole) {
        return request(id -> new RoleRequest(id, target, newRole), Ok.class).thenApply(ok -> null);
    }

    @Override
    public CompletableFuture<Void> changePassword(String oldPassword, String newPassword) {
        return request(id -> new PasswordRequest(id, oldPassword, newPassword), Ok.class).thenApply(ok -> {
            // A reconnect must log in with the password that now works.
            password = newPassword;
            return null;
        });
    }
}
