package org.longtail4j.parts;

/**
 * Settings that check their own values when bound, so that a value out of range is reported when the
 * config is read, before any data are loaded or any training runs.
 */
public interface CheckedSettings {

    /**
     * Throws {@link org.longtail4j.BadInputException} naming {@code key + "." + setting} and what it
     * accepts if a value is out of range.
     *
     * @param key the part's config key ("stages.stage2.transform")
     */
    void check(String key);
}
