package org.longtail4j.cli;

import picocli.CommandLine;

/** The version printed by --version: the jar's, and the engine it runs on. */
final class Version implements CommandLine.IVersionProvider {

    @Override
    public String[] getVersion() {
        String version = LongTail.class.getPackage().getImplementationVersion();
        return new String[] {
            "LongTail4J " + (version == null ? "(development build)" : version),
            "Deep Java Library 0.36.0, PyTorch 2.7.1 (CPU)"
        };
    }
}
