package io.strategos.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.strategos.localstack.JwtKeys;
import io.strategos.localstack.Launcher;
import io.strategos.localstack.LocalStack;
import io.strategos.localstack.Packaging;
import io.strategos.localstack.testing.TestDatabases;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The {@code ./strategos} launcher as its user meets it. */
class LauncherIT {

    private static final Path REPOSITORY = EndToEndStack.repository();
    private static final String OTHER_ISSUER = "https://idp.example.test";

    /** The same command line as {@code ./strategos token}, on a folder of its own. */
    @Test
    void tokenPrintsTheTokenAndNothingElse() throws Exception {
        Path home = Files.createTempDirectory(REPOSITORY.resolve("end-to-end-tests/target"), "launcher");
        Path classes = REPOSITORY.resolve("local-stack/target/classes");
        String classpath = classes + ":" + Files.readString(classes.resolve("local-stack.classpath")).trim();
        Process token = new ProcessBuilder(ProcessHandle.current().info().command().orElseThrow(),
                "-Dstrategos.repository=" + home, "-cp", classpath, Launcher.class.getName(), "token", "--user", "alice")
                .redirectOutput(home.resolve("stdout").toFile()).redirectError(home.resolve("stderr").toFile()).start();

        assertThat(token.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(token.exitValue()).isZero();
        assertThat(Files.readString(home.resolve("stderr"))).isEmpty();
        assertThat(Files.readString(home.resolve("stdout"))).matches("[\\w-]+\\.[\\w-]+\\.[\\w-]+\\n");
    }

    /**
     * {@code up} on a new data folder, with the services pointed at the user's own identity provider:
     * the stack's demo token cannot apply, and the stack says so and keeps serving that provider's tokens.
     */
    @Test
    void upWithTheUsersOwnIdentityProviderKeepsServing() throws Exception {
        Path home = Files.createTempDirectory(REPOSITORY.resolve("end-to-end-tests/target"), "own-idp");
        JwtKeys provider = JwtKeys.loadOrCreate(home.resolve("provider"));
        String database = TestDatabases.name("strategos_own_idp");
        LocalStack.Options options = EndToEndStack.options(home.resolve(".strategos"), Packaging.JVM, database,
                Map.of("MP_JWT_VERIFY_PUBLICKEY_LOCATION", home.resolve("provider/public-key.pem").toString(),
                        "MP_JWT_VERIFY_ISSUER", OTHER_ISSUER));

        try (LocalStack stack = new LocalStack(options).start()) {
            ByteArrayOutputStream said = new ByteArrayOutputStream();
            Launcher.greet(stack, options, new PrintStream(said, true, StandardCharsets.UTF_8));

            assertThat(said.toString(StandardCharsets.UTF_8)).contains("Strategos is up.", "do not apply", "no demo strategy")
                    .doesNotContain("export TOKEN");
            String strategies = stack.service("strategy-api").baseUrl() + "/api/v1/strategies";
            for (String url : List.of(strategies, stack.service("notifier").baseUrl() + "/api/v1/notifications")) {
                assertThat(get(url, provider.token(OTHER_ISSUER, "alice", Duration.ofHours(1))).statusCode()).isEqualTo(200);
                assertThat(get(url, stack.token("alice")).statusCode()).isEqualTo(401);
            }
            assertThat(get(strategies, provider.token(OTHER_ISSUER, "demo-user", Duration.ofHours(1))).body())
                    .doesNotContain("Demo:");
        }
    }

    private static HttpResponse<String> get(String url, String token) throws Exception {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
