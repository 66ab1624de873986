package chatroom.server.moderation;

import chatroom.common.model.Role;
import chatroom.common.protocol.BanInfo;
import chatroom.common.protocol.BanList;
import chatroom.common.protocol.BanRequest;
import chatroom.common.protocol.BannedEvent;
import chatroom.common.protocol.BansRequest;
import chatroom.common.protocol.ErrorCode;
import chatroom.common.protocol.KickRequest;
import chatroom.common.protocol.KickedEvent;
import chatroom.common.protocol.Ok;
import chatroom.common.protocol.RoleRequest;
import chatroom.common.protocol.UnbanRequest;
import chatroom.server.command.Lookups;
import chatroom.server.command.RequestException;
import chatroom.server.command.Texts;
import chatroom.server.session.Session;
import chatroom.server.session.SessionRegistry;
import chatroom.server.store.Account;
import chatroom.server.store.AccountStore;
import chatroom.server.store.BanStore;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * kick, ban, unban, bans and role. The dispatcher has already checked the caller's stored role;
 * these handlers add the rule about targets: you may only act on someone whose role is lower
 * than yours, and never on yourself.
 */
public final class ModerationHandlers {
    private static final Logger log = LoggerFactory.getLogger(ModerationHandlers.class);

    private final AccountStore accounts;
    private final BanStore bans;
    private final SessionRegistry sessions;
    private final Clock clock;

    /** Wires the handlers. */
    public ModerationHandlers(AccountStore accounts, BanStore bans, SessionRegistry sessions, Clock clock) {
        this.accounts = accounts;
        this.bans = bans;
        this.sessions = sessions;
        this.clock = clock;
    }

    /** Disconnects every session of the target with {@code kicked}. */
    public void kick(Session session, KickRequest r) throws RequestException, SQLException {
        Account actor = caller(session);
        Account target = target(actor, r.user(), "kick");
        List<Session> targetSessions = sessions.sessionsOf(target.id());
        if (targetSessions.isEmpty()) {
            throw RequestException.of(ErrorCode.NO_SUCH_USER, target.name() + " is not connected, so there is nobody to kick.");
        }
        for (Session s : targetSessions) s.close(new KickedEvent(actor.name(), r.reason()));
        log.info("{} kicked {}{}", actor.name(), target.name(), r.reason() == null ? "" : ": " + r.reason());
        session.send(new Ok(r.id()));
    }

    /** Stores the ban and disconnects the target's sessions with {@code banned}. */
    public void ban(Session session, BanRequest r) throws RequestException, SQLException {
        Account actor = caller(session);
        Account target = target(actor, r.user(), "ban");
        Instant now = clock.instant();
        Instant until = r.minutes() == null ? null : now.plus(Duration.ofMinutes(r.minutes()));
        String reason = r.reason() == null ? "" : r.reason().strip();
        bans.put(target.id(), actor.name(), reason, now, until);
        for (Session s : sessions.sessionsOf(target.id())) s.close(new BannedEvent(actor.name(), Texts.orNull(reason), until));
        log.info("{} banned {} {}{}", actor.name(), target.name(), until == null ? "until unbanned" : "until " + until,
                reason.isEmpty() ? "" : ": " + reason);
        session.send(new Ok(r.id()));
    }

    /** Lifts a ban. */
    public void unban(Session session, UnbanRequest r) throws RequestException, SQLException {
        Account target = existing(r.user());
        bans.remove(target.id());
        log.info("{} unbanned {}", session.user().name(), target.name());
        session.send(new Ok(r.id()));
    }

    /** Lists the bans in force. */
    public void list(Session session, BansRequest r) throws SQLException {
        List<BanInfo> all = bans.allActive(clock.instant()).stream()
                .map(b -> new BanInfo(b.user(), b.by(), Texts.orNull(b.reason()), b.since(), b.until())).toList();
        session.send(new BanList(r.id(), all));
    }

    /** Changes a role (admins only, checked by the dispatcher); the last admin stays an admin. */
    public void role(Session session, RoleRequest r) throws RequestException, SQLException {
        Account target = existing(r.user());
        if (!accounts.setRole(target.id(), r.role())) {
            throw RequestException.of(ErrorCode.FORBIDDEN,
                    target.name() + " is the last admin; make someone else an admin first.");
        }
        log.info("{} made {} a {}", session.user().name(), target.name(), r.role().wireName());
        session.send(new Ok(r.id()));
    }

    private Account caller(Session session) throws SQLException {
        return accounts.findById(session.user().id()).orElseThrow();
    }

    private Account existing(String name) throws RequestException, SQLException {
        return Lookups.account(accounts, name);
    }

    private Account target(Account actor, String name, String verb) throws RequestException, SQLException {
        Account target = existing(name);
        if (target.id() == actor.id()) throw RequestException.of(ErrorCode.FORBIDDEN, "You cannot " + verb + " yourself.");
        if (target.role().compareTo(actor.role()) >= 0) {
            String who = target.role() == Role.ADMIN ? "an admin" : "a moderator";
            throw RequestException.of(ErrorCode.FORBIDDEN, "You cannot " + verb + " " + target.name() + ", who is " + who
                    + (actor.role() == Role.MODERATOR ? "; ask an admin." : "; change their role first."));
        }
        return target;
    }
}
