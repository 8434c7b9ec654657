package io.strategos.localstack;

/**
 * Entry point of the broker JVM: Kafka's own main, plus a watchdog that ends the broker when the
 * process that started it is gone, so a killed test run or launcher leaves no broker behind.
 */
public final class KafkaBrokerMain {

    private KafkaBrokerMain() {
    }

    public static void main(String[] args) {
        ProcessHandle.current().parent().ifPresent(parent ->
                parent.onExit().thenRun(() -> System.exit(0)));
        kafka.Kafka.main(args);
    }
}
