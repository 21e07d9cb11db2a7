package twisted.mail.pop3;

/**
 * The server answered a {@link POP3Client} command with {@code -ERR}. The session goes on: the
 * next command is sent as usual. Twisted: {@code pop3client.ServerErrorResponse}.
 *
 * @since 0.1.0
 */
public class ServerErrorResponse extends POP3ClientError {

    private static final long serialVersionUID = 1L;

    private final String response;

    /**
     * Creates the error.
     *
     * @param command the command's keyword ({@code RETR}); never its arguments, which may hold a
     *        password
     * @param response the server's text after {@code -ERR}
     */
    public ServerErrorResponse(String command, String response) {
        super(command + " failed: -ERR " + response);
        this.response = response;
    }

    /**
     * What the server said after {@code -ERR}, such as {@code [IN-USE] maildrop already locked}.
     *
     * @return the text, possibly empty
     */
    public String getResponse() {
        return this.response;
    }
}
