package chatroom.server.auth;

import chatroom.common.model.Names;
import chatroom.common.model.Role;
import chatroom.common.protocol.DmState;
import chatroom.common.protocol.ErrorCode;
import chatroom.common.protocol.LoginRequest;
import chatroom.common.protocol.Ok;
import chatroom.common.protocol.PasswordRequest;
import chatroom.common.protocol.RegisterRequest;
import chatroom.common.protocol.RoomState;
import chatroom.common.protocol.Welcome;
import chatroom.server.command.RequestException;
import chatroom.server.command.Texts;
import chatroom.server.room.LiveRoom;
import chatroom.server.room.RoomRegistry;
import chatroom.server.session.Session;
import chatroom.server.session.SessionRegistry;
import chatroom.server.session.SessionUser;
import chatroom.server.store.Account;
import chatroom.server.store.AccountStore;
import chatroom.server.store.Ban;
import chatroom.server.store.BanStore;
import chatroom.server.store.ChannelStore;
import chatroom.server.store.RoomRow;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** register, login and password. */
public final class AuthHandlers {
    private static final Logger log = LoggerFactory.getLogger(AuthHandlers.class);
    private static final DateTimeFormatter UNTIL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneId.of("UTC"));

    private final AccountStore accounts;
    private final BanStore bans;
    private final ChannelStore channels;
    private final RoomRegistry rooms;
    private final SessionRegistry sessions;
    private final PasswordHasher hasher;
    private final LoginThrottle throttle;
    private final Clock clock;
    private final String defaultRoom;

    /** Wires the handlers. */
    public AuthHandlers(AccountStore accounts, BanStore bans, ChannelStore channels, RoomRegistry rooms,
                        SessionRegistry sessions, PasswordHasher hasher, LoginThrottle throttle, Clock clock,
                        String defaultRoom) {
        this.accounts = accounts;
        this.bans = bans;
        this.channels = channels;
        this.rooms = rooms;
        this.sessions = sessions;
        this.hasher = hasher;
        this.throttle = throttle;
        this.clock = clock;
        this.defaultRoom = defaultRoom;
    }

    /** Creates the account, then logs the session in. */
    public void register(Session session, RegisterRequest r) throws RequestException, SQLException {
        if (accounts.findByName(r.user()).isPresent()) throw nameTaken(r.user());
        String hash = hasher.hash(r.password());
        Account account = accounts.create(r.user(), hash, Role.USER, clock.instant()).orElseThrow(() -> nameTaken(r.user()));
        log.info("Registered {} from {}", account.name(), session.remoteAddress());
        logIn(session, account, r.id());
    }

    private static RequestException nameTaken(String name) {
        return RequestException.of(ErrorCode.USER_EXISTS, "The name " + name + " is taken: choose another one.");
    }

    /** Checks the password (throttled per address and account) and any ban, then logs in. */
    public void login(Session session, LoginRequest r) throws RequestException, SQLException {
        String key = Names.key(r.user());
        String ip = session.remoteAddress();
        Duration wait = throttle.waitFor(ip, key);
        if (!wait.isZero()) {
            throw RequestException.rateLimited("Too many failed logins: wait " + Math.max(1, wait.toSeconds())
                    + " seconds before trying again.", wait.toMillis());
        }
        Optional<Account> found = accounts.findByName(r.user());
        if (found.isEmpty()) hasher.verifyNothing(r.password());
        if (found.isEmpty() || !hasher.verify(r.password(), found.get().passwordHash())) {
            throttle.failed(ip, key);
            throw RequestException.of(ErrorCode.BAD_CREDENTIALS, "Wrong user name or password.");
        }
        throttle.succeeded(ip, key);
        Account account = found.get();
        Optional<Ban> ban = bans.active(account.id(), clock.instant());
        if (ban.isPresent()) throw bannedError(ban.get());
        if (hasher.needsRehash(account.passwordHash())) {
            accounts.setPasswordHash(account.id(), hasher.hash(r.password()));
        }
        logIn(session, account, r.id());
    }

    private static RequestException bannedError(Ban ban) {
        String when = ban.until() == null ? "until an admin lifts the ban" : "until " + UNTIL.format(ban.until());
        String why = ban.reason().isEmpty() ? "" : ": " + ban.reason();
        return RequestException.banned("You are banned " + when + why + ".", Texts.orNull(ban.reason()), ban.until());
    }

    /** Changes the caller's own password after checking the old one. */
    public void password(Session session, PasswordRequest r) throws RequestException, SQLException {
        Account account = accounts.findById(session.user().id()).orElseThrow();
        if (!hasher.verify(r.old(), account.passwordHash())) {
            throw RequestException.of(ErrorCode.BAD_CREDENTIALS, "The current password is wrong; the password was not changed.");
        }
        accounts.setPasswordHash(account.id(), hasher.hash(r.newPassword()));
        log.info("{} changed their password", account.name());
        session.send(new Ok(r.id()));
    }

    /**
     * Puts the session online in the user's rooms, then replies {@code welcome}. Frames for the
     * session are held back until the welcome is queued, and the seqs in it are read after the
     * session is registered, so the client can miss nothing between history and live delivery.
     */
    private void logIn(Session session, Account account, String re) throws SQLException {
        SessionUser user = new SessionUser(account.id(), account.name(), account.key());
        channels.join(defaultRoom, user.id(), clock.instant());
        List<LiveRoom> live = new ArrayList<>();
        for (RoomRow row : channels.roomsOf(user.id())) {
            LiveRoom room = rooms.load(row);
            room.memberIds().add(user.id());
            live.add(room);
        }
        session.authenticate(user);
        session.hold();
        sessions.login(session, live);
        List<RoomState> roomStates = channels.roomsOf(user.id()).stream()
                .map(row -> new RoomState(row.name(), Texts.orNull(row.topic()), row.lastSeq())).toList();
        List<DmState> dms = channels.dmsOf(user.id()).stream().map(d -> new DmState(d.with(), d.lastSeq())).toList();
        session.release(new Welcome(re, user.name(), account.role(), roomStates, dms));
        log.info("{} logged in from {}", user.name(), session.remoteAddress());
    }
}
