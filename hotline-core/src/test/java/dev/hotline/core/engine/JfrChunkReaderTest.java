package dev.hotline.core.engine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JfrChunkReaderTest {
    @TempDir
    Path dir;

    /** A chunk as async-profiler leaves it: finished (size and constant-pool offset patched) or still open. */
    static byte[] chunk(int size, boolean finished, byte fill) {
        ByteBuffer b = ByteBuffer.allocate(size);
        b.put(new byte[]{'F', 'L', 'R', 0}).putShort((short) 2).putShort((short) 0);
        b.putLong(finished ? size : 1L << 30);   // an open chunk claims 1 GiB
        b.putLong(finished ? size - 10 : 0);     // constant pool offset
        while (b.hasRemaining()) b.put(fill);
        return b.array();
    }

    static void append(Path file, byte[]... parts) throws IOException {
        for (byte[] p : parts) Files.write(file, p, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    static byte[] bytes(ByteBuffer b) {
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }

    @Test
    void readsOnlyFinishedChunks_andResumesWhereItStopped() throws IOException {
        Path file = dir.resolve("rec.jfr");
        byte[] first = chunk(100, true, (byte) 1);
        byte[] second = chunk(120, true, (byte) 2);
        append(file, first, chunk(90, false, (byte) 3));
        JfrChunkReader reader = new JfrChunkReader();
        reader.follow(file);

        assertThat(bytes(reader.readNewChunks())).isEqualTo(first);
        assertThat(reader.readNewChunks().remaining()).as("the open chunk is not taken").isZero();

        // async-profiler finishes the open chunk in place (same start, final size) and starts another.
        Files.write(file, first);
        append(file, second, chunk(90, false, (byte) 4));
        assertThat(bytes(reader.readNewChunks())).isEqualTo(second);
        assertThat(reader.offset()).isEqualTo(220);
    }

    @Test
    void aChunkWhoseBytesAreNotAllThere_waits() throws IOException {
        Path file = dir.resolve("rec.jfr");
        byte[] whole = chunk(200, true, (byte) 1);
        Files.write(file, java.util.Arrays.copyOf(whole, 150));
        JfrChunkReader reader = new JfrChunkReader();
        reader.follow(file);

        assertThat(reader.readNewChunks().remaining()).isZero();
        Files.write(file, whole);
        assertThat(reader.readNewChunks().remaining()).isEqualTo(200);
    }

    @Test
    void aHeaderNotYetWritten_waits() throws IOException {
        Path file = dir.resolve("rec.jfr");
        Files.write(file, java.util.Arrays.copyOf(chunk(100, true, (byte) 1), 30));
        JfrChunkReader reader = new JfrChunkReader();
        reader.follow(file);

        assertThat(reader.readNewChunks().remaining()).isZero();
    }

    @Test
    void somethingElseThanAChunk_isAnError() throws IOException {
        Path file = dir.resolve("rec.jfr");
        append(file, chunk(100, true, (byte) 1), new byte[100]);
        JfrChunkReader reader = new JfrChunkReader();
        reader.follow(file);

        assertThatThrownBy(reader::readNewChunks).isInstanceOf(IOException.class).hasMessageContaining("offset 100");
    }

    @Test
    void sourceFile_isGuessedFromTheTopLevelClass() {
        assertThat(JfrChunkReader.sourceFile("com.acme.Shop")).isEqualTo("Shop.java");
        assertThat(JfrChunkReader.sourceFile("com.acme.Shop$Cart")).isEqualTo("Shop.java");
        assertThat(JfrChunkReader.sourceFile("com.acme.Shop$$Lambda$3.0x0000000800c0b000")).isEqualTo("Shop.java");
        assertThat(JfrChunkReader.sourceFile("Main")).isEqualTo("Main.java");
        assertThat(JfrChunkReader.sourceFile("jdk.proxy1.$Proxy5")).isNull();
    }
}
