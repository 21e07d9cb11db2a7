package twisted.cred;

import java.util.regex.Pattern;

/**
 * What may be shown of a configured value in a log line or an error message: a URL's user-info
 * part ({@code r2dbc:postgresql://user:secret@db/mail}, {@code redis://:secret@cache:6379}) carries
 * a password, so it is replaced by {@code ***} wherever it appears in the text.
 *
 * @since 0.1.0
 */
public final class Redaction {

    private static final Pattern USER_INFO = Pattern.compile("//[^/@\\s]*@");

    private Redaction() {
    }

    /**
     * The text with every URL's user-info part replaced.
     *
     * @param text such as a connection URL
     * @return {@code r2dbc:postgresql://***@db/mail} for {@code r2dbc:postgresql://user:secret@db/mail}
     */
    public static String withoutUserInfo(String text) {
        return USER_INFO.matcher(text).replaceAll("//***@");
    }
}
