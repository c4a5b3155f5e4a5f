package org.longtail4j.data.formats;

import java.util.List;

/**
 * How one CIFAR version (binary or python) encodes a batch file and its class-names file.
 *
 * <p>{@code file} is only used in messages: it names the file on disk or the archive member, so that
 * every {@link org.longtail4j.BadInputException} says which file was wrong.
 */
interface CifarFormat {

    /** The images of one batch file; labels are checked against {@code numClasses}. */
    CifarBatch readBatch(String file, byte[] content, int numClasses);

    /** {@code images} as this format's files hold them, for messages ("9,999 records of 3073 bytes"). */
    String describeCount(int images, int numClasses);

    /** The {@code numClasses} class names, in label order. */
    List<String> readClassNames(String file, byte[] content, int numClasses);
}
