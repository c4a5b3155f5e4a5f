package org.longtail4j;

/**
 * Something the user gave us (a file, a config key, a value, a folder) is not what we expected.
 *
 * <p>The message is one line that names the file, key or value and says what was expected; the
 * command line prints it without a stack trace and exits non-zero.
 */
public class BadInputException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public BadInputException(String message) {
        super(message);
    }

    public BadInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
