package dev.hotline.core.export;

import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorSet;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.DescriptorValidationException;
import com.google.protobuf.Descriptors.FileDescriptor;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The official {@code perftools.profiles.Profile} message type, compiled at test time from the profile.proto that
 * Debian's {@code golang-github-google-pprof-dev} ships, by {@code protoc} (package {@code protobuf-compiler}).
 * The proto file is not part of this repository: the test decodes with the real schema or not at all. Another
 * copy can be named with {@code -Dpprof.proto=/path/to/profile.proto}.
 */
final class PprofProto {
    static final Path DEBIAN_PROTO = Path.of("/usr/share/gocode/src/github.com/google/pprof/proto/profile.proto");
    private static Descriptor profile;

    private PprofProto() {}

    /** The {@code Profile} descriptor; skips the test (fails it under CI) when protoc or the proto is missing. */
    static synchronized Descriptor profileType() throws IOException, InterruptedException {
        if (profile != null) return profile;
        Path proto = Path.of(System.getProperty("pprof.proto", DEBIAN_PROTO.toString()));
        FormatChecks.requireCommands("install Debian's protobuf-compiler", "protoc");
        FormatChecks.requireThat(Files.isRegularFile(proto),
                proto + " is missing (install Debian's golang-github-google-pprof-dev, or name one with -Dpprof.proto)");
        Path dir = Files.createTempDirectory("hotline-pprof");
        try {
            Path desc = dir.resolve("profile.desc");
            FormatChecks.Result r = FormatChecks.run(dir, 60, List.of("protoc", "--include_imports",
                    "--descriptor_set_out=" + desc, "-I", proto.getParent().toString(), proto.getFileName().toString()));
            assertThat(r.exitCode()).as("protoc:\n%s", r.output()).isZero();
            FileDescriptorSet set = FileDescriptorSet.parseFrom(Files.readAllBytes(desc));
            Map<String, FileDescriptor> built = new HashMap<>();
            for (FileDescriptorProto file : set.getFileList()) { // --include_imports lists dependencies first
                List<FileDescriptor> deps = new ArrayList<>();
                for (String d : file.getDependencyList()) deps.add(built.get(d));
                built.put(file.getName(), FileDescriptor.buildFrom(file, deps.toArray(new FileDescriptor[0])));
            }
            profile = built.get(proto.getFileName().toString()).findMessageTypeByName("Profile");
            assertThat(profile.getFullName()).isEqualTo("perftools.profiles.Profile");
            return profile;
        } catch (DescriptorValidationException e) {
            throw new AssertionError(e);
        } finally {
            try (var files = Files.list(dir)) {
                for (Path f : files.toList()) Files.delete(f);
            }
            Files.delete(dir);
        }
    }

    static byte[] gunzip(byte[] gz) throws IOException {
        assertThat(gz).as("gzip magic").startsWith((byte) 0x1f, (byte) 0x8b);
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
            return in.readAllBytes();
        }
    }
}
