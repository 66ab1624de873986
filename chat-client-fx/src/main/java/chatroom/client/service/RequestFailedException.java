package chatroom.client.service;

import chatroom.common.protocol.ErrorReply;

/** The server answered a request with an error; {@link #getMessage()} is a sentence for the user. */
public class RequestFailedException extends RuntimeException {
    private final transient ErrorReply error;

    public RequestFailedException(ErrorReply error, String sentence) {
        super(sentence, null, false, false);
        this.error = error;
    }

    /** The server's reply, or null when the request never reached the server. */
    public ErrorReply error() {
        return error;
    }

    /** A failure that happened on our side of the wire: offline, or the link dropped mid-request. */
    public static RequestFailedException local(String sentence) {
        return new RequestFailedException(null, sentence);
    }

    /** Unwraps the CompletionException layers that futures add. */
    public static String sentenceOf(Throwable failure) {
        Throwable t = failure;
        while (t.getCause() != null && !(t instanceof RequestFailedException)) t = t.getCause();
        return t instanceof RequestFailedException r ? r.getMessage() : "Something went wrong: " + t.getMessage();
    }
}
