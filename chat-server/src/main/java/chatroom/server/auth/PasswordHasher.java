package chatroom.server.auth;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.Semaphore;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Password hashing with the JDK's PBKDF2-HMAC-SHA256, in a self-describing format
 * {@code pbkdf2-sha256$<iterations>$<salt b64>$<hash b64>} so the parameters can rise later
 * without breaking stored hashes. Verification compares in constant time.
 *
 * <p>Hashing is deliberately slow (hundreds of milliseconds of CPU); a semaphore keeps it to one
 * core less than the machine has, so a burst of logins cannot starve message delivery.
 */
public final class PasswordHasher {
    private static final String SCHEME = "pbkdf2-sha256";
    private static final int SALT_BYTES = 16;
    private static final int HASH_BITS = 256;

    private final int iterations;
    private final SecureRandom random = new SecureRandom();
    private final Semaphore cpu = new Semaphore(Math.max(1, Runtime.getRuntime().availableProcessors() - 1));
    private final String dummyHash;
    private final java.util.concurrent.atomic.AtomicLong derivations = new java.util.concurrent.atomic.AtomicLong();

    /** Hashes new passwords with {@code iterations} rounds. */
    public PasswordHasher(int iterations) {
        if (iterations < 1) throw new IllegalArgumentException("iterations must be positive");
        this.iterations = iterations;
        this.dummyHash = hash("not a real password, used to spend the same time on unknown users");
    }

    /** A new salted hash of {@code password}. */
    public String hash(String password) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        byte[] hash = derive(password, salt, iterations);
        Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
        return SCHEME + "$" + iterations + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(hash);
    }

    /** Whether {@code password} matches {@code stored}; false for a malformed stored value. */
    public boolean verify(String password, String stored) {
        String[] parts = stored.split("\\$");
        if (parts.length != 4 || !parts[0].equals(SCHEME)) return false;
        try {
            int rounds = Integer.parseInt(parts[1]);
            byte[] salt = Base64.getDecoder().decode(parts[2]);
            byte[] expected = Base64.getDecoder().decode(parts[3]);
            byte[] actual = derive(password, salt, rounds);
            return MessageDigest.isEqual(expected, actual);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Spends the time of one verification, so an unknown user is refused as slowly as a known one. */
    public void verifyNothing(String password) {
        verify(password, dummyHash);
    }

    /** True when {@code stored} was made with weaker parameters than new hashes get. */
    public boolean needsRehash(String stored) {
        String[] parts = stored.split("\\$");
        try {
            return parts.length != 4 || !parts[0].equals(SCHEME) || Integer.parseInt(parts[1]) < iterations;
        } catch (NumberFormatException e) {
            return true;
        }
    }

    /**
     * How many PBKDF2 derivations this hasher has run: the work spent on passwords, which tests
     * compare (a refusal must cost the same for known and unknown users, and nothing when throttled)
     * without timing anything.
     */
    public long derivations() {
        return derivations.get();
    }

    private byte[] derive(String password, byte[] salt, int rounds) {
        derivations.incrementAndGet();
        char[] chars = password.toCharArray();
        PBEKeySpec spec = new PBEKeySpec(chars, salt, rounds, HASH_BITS);
        cpu.acquireUninterruptibly();
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is missing from this JDK", e);
        } finally {
            cpu.release();
            spec.clearPassword();
            java.util.Arrays.fill(chars, '\0');
        }
    }

}
