package chatroom.client.service;

import chatroom.common.tls.Fingerprint;
import java.util.Objects;

/**
 * The login stopped after the TLS handshake and before anything was sent, because the server's
 * certificate is not the one pinned for its host and port: either none is pinned yet (the user
 * decides whether to trust it) or another one is (a hard stop: the server was replaced, its
 * certificate renewed, or someone is in the middle).
 */
public final class UntrustedServerException extends RequestFailedException {
    private final transient ServerAddress address;
    private final transient Fingerprint presented;
    private final transient Fingerprint pinned;

    private UntrustedServerException(ServerAddress address, Fingerprint presented, Fingerprint pinned, String sentence) {
        super(null, sentence);
        this.address = Objects.requireNonNull(address, "address");
        this.presented = Objects.requireNonNull(presented, "presented");
        this.pinned = pinned;
    }

    /** First contact: no fingerprint is pinned for this server yet. */
    public static UntrustedServerException firstUse(ServerAddress address, Fingerprint presented) {
        return new UntrustedServerException(address, presented, null, "This is the first connection to " + address
                + ". Check its certificate fingerprint before you trust it.");
    }

    /** The server shows another certificate than the one pinned. */
    public static UntrustedServerException changed(ServerAddress address, Fingerprint pinned, Fingerprint presented) {
        return new UntrustedServerException(address, presented, Objects.requireNonNull(pinned, "pinned"),
                "Stopped: the server at " + address + " shows a different certificate than the one you accepted "
                        + "before, so your password was not sent. Accepted before: " + pinned + ". Shown now: " + presented
                        + ".");
    }

    public ServerAddress address() {
        return address;
    }

    /** The fingerprint the server showed now. */
    public Fingerprint presented() {
        return presented;
    }

    /** The fingerprint accepted earlier, or null on first use. */
    public Fingerprint pinned() {
        return pinned;
    }

    /** Whether this is a first contact rather than a changed certificate. */
    public boolean firstUse() {
        return pinned == null;
    }
}
