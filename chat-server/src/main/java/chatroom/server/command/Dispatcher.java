package chatroom.server.command;

import chatroom.common.model.Role;
import chatroom.common.protocol.*;
import chatroom.server.auth.AuthHandlers;
import chatroom.server.message.MessageHandlers;
import chatroom.server.message.RateLimiter;
import chatroom.server.moderation.ModerationHandlers;
import chatroom.server.room.RoomHandlers;
import chatroom.server.session.PresenceHandlers;
import chatroom.server.session.Session;
import chatroom.server.store.Account;
import chatroom.server.store.AccountStore;
import chatroom.server.store.StoreClosedException;
import java.sql.SQLException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes each request to its handler after the checks every request shares: logged in (or not,
 * for register/login), the caller's stored role for moderator and admin requests, and the flood
 * limit for say, dm and typing. The switch over the sealed {@link ClientMessage} is exhaustive, so
 * a new message type does not compile until it is routed here.
 */
public final class Dispatcher {
    private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);
    private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

    private final AuthHandlers auth;
    private final RoomHandlers rooms;
    private final MessageHandlers messages;
    private final PresenceHandlers presence;
    private final ModerationHandlers moderation;
    private final AccountStore accounts;
    private final RateLimiter limiter;
    private final RequestGate gate;

    /** Wires the dispatcher to the handlers. */
    public Dispatcher(AuthHandlers auth, RoomHandlers rooms, MessageHandlers messages, PresenceHandlers presence,
                      ModerationHandlers moderation, AccountStore accounts, RateLimiter limiter, RequestGate gate) {
        this.gate = gate;
        this.auth = auth;
        this.rooms = rooms;
        this.messages = messages;
        this.presence = presence;
        this.moderation = moderation;
        this.accounts = accounts;
        this.limiter = limiter;
    }

    /**
     * Handles one request on the session's reader thread. Request failures become {@code error}
     * replies; unexpected failures propagate and end only this session.
     */
    public void dispatch(Session s, ClientMessage m) throws SQLException {
        if (m instanceof PongRequest) return; // any frame proves the client alive; nothing to answer
        if (!gate.enter()) {
            s.send(shuttingDown(m.id()));
            return;
        }
        CompletableFuture<?> pending = DONE;
        try {
            // Replies keep request order: anything but another message waits for the session's
            // messages still in the store, so a ping or quit is not answered before an earlier ack.
            if (!(m instanceof SayRequest || m instanceof DmRequest)) s.awaitPendingWrites();
            pending = route(s, m);
        } finally {
            // A pipelined message holds the gate until it is stored and acked, so shutdown waits for it.
            pending.whenComplete((result, failure) -> gate.leave());
        }
    }

    /** Runs the request; returns what is still pending once it is handed to the store. */
    private CompletableFuture<?> route(Session s, ClientMessage m) throws SQLException {
        return switch (m) {
            case RegisterRequest r -> run(s, r, Access.GUEST, false, auth::register);
            case LoginRequest r -> run(s, r, Access.GUEST, false, auth::login);
            case PasswordRequest r -> run(s, r, Access.USER, false, auth::password);
            case JoinRequest r -> run(s, r, Access.USER, false, rooms::join);
            case PartRequest r -> run(s, r, Access.USER, false, rooms::part);
            case RoomsRequest r -> run(s, r, Access.USER, false, rooms::list);
            case TopicRequest r -> run(s, r, Access.MODERATOR, false, rooms::topic);
            case SayRequest r -> pipeline(s, r, messages::say);
            case DmRequest r -> pipeline(s, r, messages::dm);
            case TypingRequest r -> run(s, r, Access.USER, true, messages::typing);
            case HistoryRequest r -> run(s, r, Access.USER, false, messages::history);
            case StatusRequest r -> run(s, r, Access.USER, false, presence::status);
            case UsersRequest r -> run(s, r, Access.USER, false, presence::users);
            case KickRequest r -> run(s, r, Access.MODERATOR, false, moderation::kick);
            case BanRequest r -> run(s, r, Access.MODERATOR, false, moderation::ban);
            case UnbanRequest r -> run(s, r, Access.MODERATOR, false, moderation::unban);
            case BansRequest r -> run(s, r, Access.MODERATOR, false, moderation::list);
            case RoleRequest r -> run(s, r, Access.ADMIN, false, moderation::role);
            case PingRequest r -> run(s, r, Access.ANYONE, false, (session, req) -> session.send(new Pong(req.id())));
            case PongRequest r -> DONE; // answered in dispatch: nothing to do
            case QuitRequest r -> run(s, r, Access.ANYONE, false, (session, req) -> session.close(new Bye(req.id(), "quit")));
        };
    }

    private <T extends ClientMessage> CompletableFuture<?> run(Session s, T request, Access access, boolean limited,
                                                               Handler<T> handler) throws SQLException {
        try {
            check(s, access);
            if (limited) checkRate(s);
            handler.handle(s, request);
        } catch (RequestException e) {
            refused(s, request, e);
        } catch (StoreClosedException e) {
            s.send(shuttingDown(request.id()));
        }
        return DONE;
    }

    /**
     * Runs a say or dm without waiting for the store: the reply comes from the after-commit action.
     * The reader waits only when the session already has {@link Session#MAX_PENDING_WRITES} in the
     * store, which pushes back on a client that sends faster than messages are stored.
     */
    private <T extends ClientMessage> CompletableFuture<?> pipeline(Session s, T request, PipelinedHandler<T> handler)
            throws SQLException {
        try {
            check(s, Access.USER);
            checkRate(s);
            s.acquireWriteSlot();
            CompletableFuture<?> stored;
            try {
                stored = handler.handle(s, request);
            } catch (RequestException | SQLException | RuntimeException e) {
                s.releaseWriteSlot();
                throw e;
            }
            return stored.whenComplete((result, failure) -> {
                s.releaseWriteSlot();
                if (failure != null) storeFailed(s, request, failure);
            });
        } catch (RequestException e) {
            refused(s, request, e);
            return DONE;
        } catch (StoreClosedException e) {
            s.send(shuttingDown(request.id()));
            return DONE;
        }
    }

    /** Takes a token from the user's flood-control bucket, or refuses with the wait. */
    private void checkRate(Session s) throws RequestException {
        long wait = limiter.acquire(s.user().id());
        if (wait > 0) throw RequestException.rateLimited("You are sending too fast: wait " + wait + " ms.", wait);
    }

    private static void refused(Session s, ClientMessage request, RequestException e) {
        log.warn("{}: {} refused ({}): {}", s, request.getClass().getSimpleName(), e.code().wireName(), e.getMessage());
        s.send(e.toReply(request.id()));
    }

    /** A pipelined write failed in the store: shutdown gets its reply, anything else ends the session like a read failure. */
    private static void storeFailed(Session s, ClientMessage request, Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof StoreClosedException) {
            s.send(shuttingDown(request.id()));
            return;
        }
        log.error("{}: storing a {} failed; closing the session", s, request.getClass().getSimpleName(), cause);
        s.close(null);
    }

    /** A say or dm handler: queues the message for the store and returns its pending outcome. */
    @FunctionalInterface
    private interface PipelinedHandler<T extends ClientMessage> {
        CompletableFuture<?> handle(Session session, T request) throws RequestException, SQLException;
    }

    private static ErrorReply shuttingDown(String re) {
        return ErrorReply.of(re, ErrorCode.SERVER_SHUTDOWN,
                "The server is shutting down, so this was not done; send it again after reconnecting.");
    }

    private void check(Session s, Access access) throws RequestException, SQLException {
        switch (access) {
            case ANYONE -> {
            }
            case GUEST -> {
                if (s.authenticated()) {
                    throw RequestException.of(ErrorCode.BAD_REQUEST, "You are already logged in as " + s.user().name() + ".");
                }
            }
            case USER, MODERATOR, ADMIN -> {
                if (!s.authenticated()) {
                    throw RequestException.of(ErrorCode.NOT_AUTHENTICATED, "Log in or register first.");
                }
                if (access.minimum != Role.USER) checkRole(s, access.minimum);
            }
        }
    }

    private void checkRole(Session s, Role minimum) throws RequestException, SQLException {
        // The stored role decides, so a promotion or demotion counts from the next request on.
        Account caller = accounts.findById(s.user().id()).orElseThrow(() ->
                RequestException.of(ErrorCode.FORBIDDEN, "Your account no longer exists."));
        if (caller.role().compareTo(minimum) < 0) {
            throw RequestException.of(ErrorCode.FORBIDDEN, "Only " + (minimum == Role.ADMIN ? "admins" : "moderators and admins")
                    + " may do that.");
        }
    }
}
