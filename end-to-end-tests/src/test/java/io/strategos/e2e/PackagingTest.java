package io.strategos.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strategos.localstack.Packaging;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How {@code ./strategos up [--native]} finds each service, and what it says when one is not built. */
class PackagingTest {

    @TempDir
    Path repository;

    @Test
    void aMissingExecutableSaysHowToBuildIt() throws IOException {
        Files.createDirectories(repository.resolve("notifier/target/quarkus-app"));

        assertThatThrownBy(() -> Packaging.NATIVE.artifact(repository, "notifier"))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("no native executable of notifier")
                .hasMessageContaining("GRAALVM_HOME")
                .hasMessageContaining("./mvnw -B -ntp package -Dnative -DskipTests -pl notifier -am");
        assertThatThrownBy(() -> Packaging.NATIVE.artifact(repository, "strategy-api"))
                .hasMessageContaining("-pl strategy-api");
    }

    @Test
    void theExecutableIsTheTargetsRunnerWhateverTheVersion() throws IOException {
        Path target = Files.createDirectories(repository.resolve("notifier/target"));
        Path runner = Files.createFile(target.resolve("notifier-2.3.0-runner"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        // What the native build leaves beside it is not taken for the executable.
        Files.createDirectories(target.resolve("notifier-2.3.0-native-image-source-jar"));
        Files.createFile(target.resolve("notifier-2.3.0-runner.jar"));

        assertThat(Packaging.NATIVE.artifact(repository, "notifier")).isEqualTo(runner);
    }

    @Test
    void theJvmPackagingWantsTheJar() throws IOException {
        assertThatThrownBy(() -> Packaging.JVM.artifact(repository, "executor-worker"))
                .hasMessageContaining("quarkus-run.jar is missing");
        Path jar = Files.createDirectories(repository.resolve("executor-worker/target/quarkus-app")).resolve("quarkus-run.jar");
        Files.createFile(jar);

        assertThat(Packaging.JVM.artifact(repository, "executor-worker")).isEqualTo(jar);
    }
}
