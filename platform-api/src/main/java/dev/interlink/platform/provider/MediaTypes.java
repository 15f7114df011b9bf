package dev.interlink.platform.provider;

import java.util.regex.Pattern;

/**
 * A media type as RFC 6838 / RFC 9110 §8.3.1 define it: {@code type/subtype} of restricted-name characters, then
 * optional {@code ; name=value} parameters (a token or a quoted string). Nothing else: no CR, LF or other control
 * character, so a value that passes can be written into a multipart part header without adding a header of its own.
 */
public final class MediaTypes {
    private static final String NAME = "[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}";
    private static final String TOKEN = "[A-Za-z0-9!#$%&'*+.^_`|~-]+";
    private static final String QUOTED = "\"(?:[\\t \\x21\\x23-\\x5B\\x5D-\\x7E]|\\\\[\\t \\x21-\\x7E])*\"";
    private static final Pattern MEDIA_TYPE =
            Pattern.compile(NAME + "/" + NAME + "(?:[ \\t]*;[ \\t]*" + TOKEN + "=(?:" + TOKEN + "|" + QUOTED + "))*");

    public static final int MAX_LENGTH = 255;

    private MediaTypes() {}

    public static boolean isValid(String value) {
        return value != null
                && value.length() <= MAX_LENGTH
                && MEDIA_TYPE.matcher(value).matches();
    }
}
