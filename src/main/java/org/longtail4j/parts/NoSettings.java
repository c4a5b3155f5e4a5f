package org.longtail4j.parts;

/** The settings of a part that has none: any key given for it is an error. */
public final class NoSettings {}
