package dev.hotline.core.export;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs {@code src/test/node/validate-speedscope.mjs}: speedscope's own file format schema (from its npm package,
 * checked by ajv) and the importer's rules the schema cannot say. {@code npm ci} installs the pinned packages
 * into that folder's {@code node_modules} once; a stamp of the lock file's hash skips it while they are current.
 */
final class SpeedscopeSchema {
    static final Path NODE_PROJECT = FormatChecks.MODULE.resolve("src/test/node");
    private static final Path STAMP = NODE_PROJECT.resolve("node_modules/.hotline-lock.sha256");
    private static boolean installed;

    private SpeedscopeSchema() {}

    /** Skips (or, under CI, fails) without node and npm; installs the packages when needed. */
    static synchronized void requireValidator() throws IOException, InterruptedException {
        FormatChecks.requireCommands("install Debian's nodejs and npm", "node", "npm");
        if (installed) return;
        String hash = lockHash();
        if (!Files.isRegularFile(STAMP) || !Files.readString(STAMP).equals(hash)
                || !Files.isRegularFile(NODE_PROJECT.resolve("node_modules/speedscope/dist/release/file-format-schema.json"))) {
            FormatChecks.Result r = FormatChecks.run(NODE_PROJECT, 600,
                    List.of("npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"));
            assertThat(r.exitCode()).as("npm ci in %s:\n%s", NODE_PROJECT, r.output()).isZero();
            Files.writeString(STAMP, hash);
        }
        installed = true;
    }

    /** Validates the files; returns the validator's exit code and report. */
    static FormatChecks.Result validate(List<Path> files) throws IOException, InterruptedException {
        requireValidator();
        List<String> command = new ArrayList<>(List.of("node", "validate-speedscope.mjs"));
        for (Path f : files) command.add(f.toAbsolutePath().toString());
        return FormatChecks.run(NODE_PROJECT, 120, command);
    }

    private static String lockHash() throws IOException {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(Files.readAllBytes(NODE_PROJECT.resolve("package.json")));
            sha.update(Files.readAllBytes(NODE_PROJECT.resolve("package-lock.json")));
            return HexFormat.of().formatHex(sha.digest()) + "\n";
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    static String describe(FormatChecks.Result r) {
        return "validate-speedscope.mjs exited " + r.exitCode() + ":\n" + r.output();
    }
}
