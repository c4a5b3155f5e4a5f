package org.longtail4j.config;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * What a config key means, in a sentence or two: the documentation of a config field, kept in the
 * class file (not only in its Javadoc, which a running program cannot read) so that {@code longtail config
 * --keys} prints it from the same place the key is defined. A test fails any key without one.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
public @interface Meaning {

    /** The meaning, plain text: what the key does, its values, and what its default stands for. */
    String value();
}
