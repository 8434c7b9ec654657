package io.strategos.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.strategos.localstack.LocalStack;
import io.strategos.localstack.Packaging;
import io.strategos.localstack.testing.TestDatabases;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One trace from the change to the notification, across the three services as separate processes,
 * real Kafka and real PostgreSQL: an event written by strategy-api carries the request's trace, and
 * one written by executor-worker the run's, through the outbox, the relay's send span and a Kafka
 * header, to the notifier, whose span around the transaction that applies the event is the send span's
 * child in that trace. The ids are read where an operator reads them: in the services' log lines.
 * Nothing is exported (the default ratio 0).
 */
class TracingIT {

    static final String DATABASE = TestDatabases.name("strategos_tracing");
    private static final Pattern TRACE_ID = Pattern.compile("traceId=([0-9a-f]{32}) ");
    private static final Pattern SPAN_ID = Pattern.compile("spanId=([0-9a-f]{16}) ");
    /** The traceparent a line says its span continues. */
    private static final Pattern CONTINUING = Pattern.compile("continuing 00-([0-9a-f]{32})-([0-9a-f]{16})-");
    static LocalStack stack;
    static Path logs;

    @BeforeAll
    static void startTheSystem() throws Exception {
        // The executor's lines for each run and each event sent, and the notifier's for each applied trace, are at DEBUG.
        Map<String, String> env = Map.of(
                "QUARKUS_LOG_CATEGORY__IO_STRATEGOS_EXECUTOR_SERVICE__LEVEL", "DEBUG",
                "QUARKUS_LOG_CATEGORY__IO_STRATEGOS_EXECUTOR_OUTBOX__LEVEL", "DEBUG",
                "QUARKUS_LOG_CATEGORY__IO_STRATEGOS_NOTIFIER_CONSUMER__LEVEL", "DEBUG");
        stack = EndToEndStack.start("tracing-stack", Packaging.JVM, DATABASE, env);
        logs = EndToEndStack.repository().resolve("end-to-end-tests/target/tracing-stack/logs");
    }

    @AfterAll
    static void stopTheSystem() {
        if (stack != null) {
            stack.close();
        }
    }

    private static RequestSpecification as(String user) {
        return given().auth().oauth2(stack.token(user)).contentType(ContentType.JSON);
    }

    private static String api() {
        return stack.service("strategy-api").baseUrl();
    }

    private static String createStrategy(String owner, String name) {
        return as(owner).body("""
                        {"name": "%s",
                         "graph": {"nodes": [{"id": "markets", "type": "polymarket-stream", "config": {"limit": 5}}], "edges": []}}"""
                        .formatted(name))
                .post(api() + "/api/v1/strategies")
                .then().statusCode(201).extract().path("id");
    }

    @Test
    void anEventWrittenByStrategyApiReachesTheNotifierInTheRequestsTrace() {
        String owner = "trace-api-owner";
        String strategyId = createStrategy(owner, "Traced deploy");
        // The caller's trace (say, a frontend's or a mesh's): strategy-api's request span continues it.
        String traceId = "0af7651916cd43dd8448eb211c80319c";
        as(owner).header("traceparent", "00-" + traceId + "-b7ad6b7169203331-01")
                .body("""
                        {"schedule": {"type": "once", "at": "%s"}, "tradingMode": "paper",
                         "paperBankrollUsd": 1000, "autoStart": true}""".formatted(Instant.now().plus(Duration.ofHours(1))))
                .post(api() + "/api/v1/strategies/" + strategyId + "/deploy")
                .then().statusCode(200).body("status", equalTo("running"));

        Optional<String> applied = awaitLine("notifier", line -> line.contains("traceId=" + traceId) && line.contains("strategy_started"));
        assertThat(applied).as("the notifier applies the strategy_started event in the request's trace").isPresent();
        assertSentBetween(traceId, applied.get());
    }

    @Test
    void anEventWrittenByExecutorWorkerReachesTheNotifierInTheRunsTrace() {
        String owner = "trace-run-owner";
        String strategyId = createStrategy(owner, "Traced run");
        as(owner).body("""
                        {"schedule": {"type": "interval", "everySeconds": 3600}, "tradingMode": "paper",
                         "paperBankrollUsd": 1000, "autoStart": true}""")
                .post(api() + "/api/v1/strategies/" + strategyId + "/deploy")
                .then().statusCode(200);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() ->
                !as(owner).get(api() + "/api/v1/strategies/" + strategyId + "/executions")
                        .then().statusCode(200).extract().jsonPath().getList("items").isEmpty());
        String executionId = as(owner).get(api() + "/api/v1/strategies/" + strategyId + "/executions")
                .then().extract().path("items[0].id");

        String runLine = awaitLine("executor-worker", line -> line.contains("execution " + executionId + ":"))
                .orElseThrow(() -> new AssertionError("executor-worker logged no line for the run " + executionId));
        Matcher run = TRACE_ID.matcher(runLine);
        assertThat(run.find()).as("the run's log line carries its trace id: %s", runLine).isTrue();
        String traceId = run.group(1);

        Optional<String> applied = awaitLine("notifier", line -> line.contains("traceId=" + traceId) && line.contains("execution_completed"));
        assertThat(applied).as("the notifier applies the run's execution_completed event in the run's trace").isPresent();
        String send = assertSentBetween(traceId, applied.get());
        Matcher runSpan = SPAN_ID.matcher(runLine);
        assertThat(runSpan.find()).as("the run's log line carries its span id: %s", runLine).isTrue();
        assertThat(continued(send)).as("the send span is the run span's child: %s", send).isEqualTo(runSpan.group(1));
    }

    /**
     * The notifier's span continues the relay's send span of the event, in the same trace.
     *
     * @return executor-worker's line for that send, which names the traceparent its row stored
     */
    private static String assertSentBetween(String traceId, String applied) {
        String parent = continued(applied);
        String send = awaitLine("executor-worker", line -> line.contains("spanId=" + parent + " ") && line.contains("sending outbox event"))
                .orElseThrow(() -> new AssertionError("the notifier's parent span " + parent + " is no send span of the relay: " + applied));
        assertThat(send).as("the send span is in the change's trace").contains("traceId=" + traceId + " ");
        Matcher stored = CONTINUING.matcher(send);
        assertThat(stored.find() && stored.group(1).equals(traceId)).as("the send continues the stored trace: %s", send).isTrue();
        return send;
    }

    /** The parent span id in the traceparent the line says it continues. */
    private static String continued(String line) {
        Matcher continuing = CONTINUING.matcher(line);
        assertThat(continuing.find()).as("the line names the traceparent it continues: %s", line).isTrue();
        return continuing.group(2);
    }

    /** The first line of the service's log that matches, once it is there (empty after a minute). */
    private static Optional<String> awaitLine(String service, java.util.function.Predicate<String> matches) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (true) {
            Optional<String> line = lines(service).stream().filter(matches).findFirst();
            if (line.isPresent() || Instant.now().isAfter(deadline)) {
                return line;
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
    }

    private static List<String> lines(String service) {
        try {
            return Files.readAllLines(logs.resolve(service + ".log"));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
