package dev.hotline.core.model;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class ProfileBuilderTest {
    static final Frame MAIN = new Frame("app.Main", "handle", "Main.java", 10);
    static final Frame REC_A = new Frame("app.Tree", "walk", "Tree.java", 20);
    static final Frame REC_B = new Frame("app.Tree", "walk", "Tree.java", 21);
    static final Frame LEAF = new Frame("app.Tree", "visit", "Tree.java", 30);

    private static RequestInfo request() {
        return new RequestInfo("GET", "/t", null, 200, Instant.EPOCH, 10_000_000, null);
    }

    @Test
    void recursionCountsALineOncePerSample() {
        ProfileBuilder b = new ProfileBuilder();
        int t = b.thread("main");
        // walk:20 -> walk:20 -> walk:21 -> visit, top first
        b.sample(t, 0, 3_000_000, 1, new Frame[]{LEAF, REC_B, REC_A, REC_A, MAIN});
        b.sample(t, 3_000_000, 1_000_000, 1, new Frame[]{REC_A, MAIN});
        Profile p = b.build("x", request(), "java", 1_000_000, false);

        LineStats a = line(p, REC_A);
        assertThat(a.totalNs()).isEqualTo(4_000_000);
        assertThat(a.samples()).isEqualTo(2);
        assertThat(a.selfNs()).isEqualTo(1_000_000);
        assertThat(line(p, LEAF).selfNs()).isEqualTo(3_000_000);
        assertThat(line(p, MAIN).totalNs()).isEqualTo(4_000_000);
        assertThat(line(p, MAIN).selfNs()).isZero();
        MethodStats walk = p.methods().stream().filter(m -> m.method().methodName().equals("walk")).findFirst().orElseThrow();
        assertThat(walk.totalNs()).as("method on the stack 4 times in one sample").isEqualTo(4_000_000);
        assertThat(walk.selfNs()).isEqualTo(1_000_000);
        assertThat(p.sampling().sampledNs()).isEqualTo(4_000_000);
        assertThat(p.sampling().sampleCount()).isEqualTo(2);
        assertThat(p.root().totalNs()).isEqualTo(4_000_000);
    }

    @Test
    void callTreeTotalsAndSelfTimes() {
        ProfileBuilder b = new ProfileBuilder();
        int t = b.thread("main");
        b.sample(t, 0, 2, 1, new Frame[]{LEAF, MAIN});
        b.sample(t, 2, 5, 1, new Frame[]{MAIN});
        b.sample(t, 7, 3, 1, new Frame[]{LEAF, MAIN});
        Profile p = b.build("x", request(), "java", 1, false);
        CallNode main = p.root().children().get(0);
        assertThat(main.frame()).isEqualTo(MAIN);
        assertThat(main.totalNs()).isEqualTo(10);
        assertThat(main.selfNs()).isEqualTo(5);
        assertThat(main.children()).hasSize(1);
        assertThat(main.children().get(0).totalNs()).isEqualTo(5);
        assertThat(p.samples()).extracting(ProfileSample::node).containsExactly(2, 1, 2);
    }

    @Test
    void fewSamplesAreFlagged() {
        ProfileBuilder b = new ProfileBuilder();
        Profile empty = b.build("x", request(), "java", 1_000_000, false);
        assertThat(empty.sampling().lowConfidence()).isTrue();
        assertThat(empty.notes()).anyMatch(n -> n.startsWith("no samples"));
        ProfileBuilder few = new ProfileBuilder();
        few.sample(few.thread("t"), 0, 1_000_000, 1, new Frame[]{MAIN});
        assertThat(few.build("x", request(), "java", 1_000_000, true).notes())
                .anyMatch(n -> n.startsWith("only 1 samples")).anyMatch(n -> n.contains("CPU budget"));
    }

    private static LineStats line(Profile p, Frame f) {
        return p.lines().stream().filter(l -> l.frame().equals(f)).findFirst().orElseThrow();
    }

    /** Found by review after fuzzing: threads were looked up by a linear search, so 100,000 of them took minutes. */
    @Test
    @org.junit.jupiter.api.Timeout(10)
    void manyThreadsAreRegisteredInLinearTime() {
        ProfileBuilder b = new ProfileBuilder();
        for (int i = 0; i < 200_000; i++) b.sample(b.thread("pool-" + i), 0, 1, 1, new Frame[] {MAIN});
        assertThat(b.thread("pool-123456")).isEqualTo(123_456);
        assertThat(b.build("x", request(), "java", 1, false).threads()).hasSize(200_000);
    }
}
