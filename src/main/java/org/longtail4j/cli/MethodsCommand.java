package org.longtail4j.cli;

import org.longtail4j.methods.Methods;
import picocli.CommandLine.Command;

@Command(name = "methods", mixinStandardHelpOptions = true,
        description = "List the training methods a stage can name (stageN.method).")
final class MethodsCommand implements Runnable {

    @Override
    public void run() {
        Methods.names().forEach(System.out::println);
    }
}
