package io.strategos.localstack;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The command line behind {@code ./strategos}: {@code up}, {@code down} and {@code token}. This is a
 * terminal program, so it talks to its user on standard output.
 */
public final class Launcher {

    static final String DEMO_USER = "demo-user";
    static final String DEMO_STRATEGY = "Demo: liquid markets every minute";

    private static final PrintStream OUT = System.out;

    private Launcher() {
    }

    public static void main(String[] args) throws Exception {
        // The libraries log through SLF4J into java.util.logging; on the user's terminal only their
        // warnings and errors, never their progress.
        java.util.logging.Logger.getLogger("").setLevel(Level.WARNING);
        Path repository = Path.of(System.getProperty("strategos.repository", ".")).toAbsolutePath().normalize();
        LocalStack.Options options = LocalStack.Options.defaults(repository);
        String command = args.length == 0 ? "help" : args[0];
        switch (command) {
            case "up" -> up(upOptions(options, args));
            case "down" -> down(options);
            case "token" -> token(options, args);
            default -> {
                OUT.println("usage: ./strategos up [--native] | down | token --user <id> [--hours N]");
                System.exit(command.equals("help") ? 0 : 2);
            }
        }
    }

    /** {@code up --native} runs the services' native executables instead of their jars. */
    private static LocalStack.Options upOptions(LocalStack.Options options, String[] args) {
        for (int i = 1; i < args.length; i++) {
            if (!args[i].equals("--native")) {
                OUT.println("usage: ./strategos up [--native]");
                System.exit(2);
            }
            options = options.withPackaging(Packaging.NATIVE);
        }
        return options;
    }

    private static void up(LocalStack.Options options) throws Exception {
        Path pidFile = options.home().resolve("launcher.pid");
        LocalStack stack = new LocalStack(options);
        boolean built = true;
        for (String service : LocalStack.SERVICES) {
            try {
                options.packaging().artifact(options.repository(), service);
            } catch (IOException notBuilt) {
                OUT.println(notBuilt.getMessage());
                built = false;
            }
        }
        if (!built) {
            System.exit(1);
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            OUT.println("Stopping Strategos...");
            stack.close();
            try {
                Files.deleteIfExists(pidFile);
            } catch (IOException ignored) {
                // best effort: a stale pid file is detected by the next 'down'
            }
            stopped.countDown();
        }));
        OUT.println("Starting PostgreSQL, Kafka and the three services (logs in " + options.home().resolve("logs") + ")...");
        stack.start();
        Files.writeString(pidFile, Long.toString(ProcessHandle.current().pid()));
        greet(stack, options, OUT);
        stopped.await();
    }

    /**
     * Creates the demo strategy and prints where everything is, with a token for the demo user; or,
     * when the services verify another identity provider's tokens, says that the local ones do not
     * apply. Whatever happens to the demo, the stack keeps serving.
     */
    public static void greet(LocalStack stack, LocalStack.Options options, PrintStream out) throws InterruptedException {
        String api = stack.service("strategy-api").baseUrl();
        String notifier = stack.service("notifier").baseUrl();
        out.printf("""

                Strategos is up.
                  strategy-api     %1$s   (Swagger UI: %1$s/q/swagger-ui)
                  executor-worker  %2$s   (metrics:    %2$s/q/metrics)
                  notifier         %3$s   (Swagger UI: %3$s/q/swagger-ui)
                %n""", api, stack.service("executor-worker").baseUrl(), notifier);
        if (!stack.acceptsLocalTokens()) {
            out.println("""
                    The services verify your identity provider's tokens (MP_JWT_VERIFY_* from your environment):
                    ./strategos token's tokens do not apply, so no demo strategy was created. Call the API
                    with a token from your provider.
                    """);
        } else {
            String token = stack.token(DEMO_USER);
            try {
                seedDemo(api, token);
            } catch (IOException e) {
                out.println("The demo strategy could not be created (" + e.getMessage() + "); the services run without it.\n");
            }
            out.printf("""
                    Token for %1$s (valid 12 hours; ./strategos token --user <id> for others):
                      export TOKEN=%2$s

                    Try:
                      curl -H "Authorization: Bearer $TOKEN" %3$s/api/v1/strategies
                      curl -H "Authorization: Bearer $TOKEN" %4$s/api/v1/notifications
                    %n""", DEMO_USER, token, api, notifier);
        }
        out.println("Ctrl-C (or ./strategos down) stops everything; data stays in " + options.home() + ".");
    }

    private static void down(LocalStack.Options options) throws Exception {
        Path pidFile = options.home().resolve("launcher.pid");
        if (!Files.exists(pidFile)) {
            OUT.println("Strategos is not running (no " + pidFile + ").");
            return;
        }
        long pid = Long.parseLong(Files.readString(pidFile).trim());
        var launcher = ProcessHandle.of(pid);
        if (launcher.isEmpty()) {
            Files.deleteIfExists(pidFile);
            OUT.println("Strategos is not running (stale pid file removed).");
            return;
        }
        launcher.get().destroy();
        launcher.get().onExit().get(120, TimeUnit.SECONDS);
        OUT.println("Strategos stopped.");
    }

    private static void token(LocalStack.Options options, String[] args) throws IOException {
        String user = null;
        long hours = 12;
        for (int i = 1; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--user" -> user = args[i + 1];
                case "--hours" -> hours = Long.parseLong(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (user == null || user.isBlank() || user.length() > 128) {
            OUT.println("usage: ./strategos token --user <id, 1 to 128 characters> [--hours N]");
            System.exit(2);
        }
        OUT.println(JwtKeys.loadOrCreate(options.home().resolve("jwt")).token(user, Duration.ofHours(hours)));
    }

    /**
     * Creates and starts the demo strategy unless the demo user already has it. A failed look-up stops
     * the launcher rather than being taken for "not there", which would add another demo strategy on
     * every {@code up}.
     */
    private static void seedDemo(String api, String token) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        String demos = send(http, authorized(api + "/api/v1/strategies?tag=demo&limit=100", token).GET().build());
        if (demos.contains(DEMO_STRATEGY)) {
            return;
        }
        String created = send(http, authorized(api + "/api/v1/strategies", token).POST(json("""
                {"name": "%s",
                 "description": "Watches liquid markets whose price moved; created by ./strategos up.",
                 "tags": ["demo"],
                 "graph": {
                   "nodes": [
                     {"id": "markets", "type": "polymarket-stream", "position": {"x": 0, "y": 0},
                      "config": {"limit": 50, "minLiquidity": 1000}},
                     {"id": "liquid", "type": "filter", "position": {"x": 250, "y": 0},
                      "config": {"match": "all", "conditions": [{"field": "volume24h", "operator": "gt", "value": 5000}]}}
                   ],
                   "edges": [{"id": "e1", "source": "markets", "target": "liquid"}]
                 }}""".formatted(DEMO_STRATEGY))).build());
        Matcher id = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-f-]{36})\"").matcher(created);
        if (!id.find()) {
            throw new IOException("unexpected answer creating the demo strategy: " + created);
        }
        send(http, authorized(api + "/api/v1/strategies/" + id.group(1) + "/deploy", token).POST(json("""
                {"schedule": {"type": "cron", "expression": "* * * * *", "timezone": "UTC"},
                 "tradingMode": "paper", "paperBankrollUsd": 10000, "autoStart": true}""")).build());
    }

    private static String send(HttpClient http, HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IOException(request.method() + " " + request.uri() + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    private static HttpRequest.Builder authorized(String url, String token) {
        return HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token).header("Accept", "application/json")
                .header("Content-Type", "application/json");
    }

    private static HttpRequest.BodyPublisher json(String body) {
        return HttpRequest.BodyPublishers.ofString(body);
    }
}
