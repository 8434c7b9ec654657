package io.strategos.localstack;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Starts helper JVMs (the Kafka broker) with the same java binary and this module's classpath. */
final class Jvm {

    private Jvm() {
    }

    static ProcessBuilder command(String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(javaBinary());
        command.add("-cp");
        command.add(localStackClasspath());
        command.addAll(List.of(args));
        return new ProcessBuilder(command);
    }

    static String javaBinary() {
        return ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    /**
     * This module's classes plus its runtime dependencies, which include the Kafka broker. The list
     * is written at build time (see pom.xml), because in the services' tests the broker jars are
     * deliberately not on the classpath.
     */
    private static String localStackClasspath() throws IOException {
        try (InputStream in = Jvm.class.getResourceAsStream("/local-stack.classpath")) {
            if (in == null) {
                throw new IOException("local-stack.classpath is missing: build the local-stack module first");
            }
            String dependencies = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
            String self = Path.of(Jvm.class.getProtectionDomain().getCodeSource().getLocation().getPath()).toString();
            return self + java.io.File.pathSeparator + dependencies;
        }
    }
}
