package chatroom.server;

/** The server's version, from the jar manifest (a development build says so). */
public final class Version {
    private Version() {
    }

    /** The version string, e.g. {@code 1.0.0-SNAPSHOT}. */
    public static String current() {
        String v = Version.class.getPackage().getImplementationVersion();
        return v != null ? v : "dev";
    }
}
