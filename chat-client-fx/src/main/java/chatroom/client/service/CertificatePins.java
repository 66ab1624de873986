package chatroom.client.service;

import chatroom.common.tls.Fingerprint;
import java.util.Optional;

/** The certificate fingerprints the user accepted, one per host and port. Read on the UI thread. */
@FunctionalInterface
public interface CertificatePins {
    /** The pinned fingerprint for {@code address}'s host and port, if the user accepted one. */
    Optional<Fingerprint> pinFor(ServerAddress address);
}
