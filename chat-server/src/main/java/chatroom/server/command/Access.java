package chatroom.server.command;

import chatroom.common.model.Role;

/** Who may send a request. The dispatcher checks it before the handler runs. */
enum Access {
    /** Anyone, logged in or not (ping, pong, quit). */
    ANYONE(null),
    /** Only before login (register, login). */
    GUEST(null),
    /** Any logged-in user. */
    USER(Role.USER),
    /** Moderators and admins, by their stored role. */
    MODERATOR(Role.MODERATOR),
    /** Admins, by their stored role. */
    ADMIN(Role.ADMIN);

    final Role minimum;

    Access(Role minimum) {
        this.minimum = minimum;
    }
}
