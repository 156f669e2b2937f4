package dev.hotline.core.format;

import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonWriterTest {

    private static String write(String s) throws Exception {
        StringWriter out = new StringWriter();
        new JsonWriter(out).value(s).finish();
        return out.toString().trim();
    }

    @Test
    void escapes_everyCharacterThatNeedsIt() throws Exception {
        assertThat(write("a\"b\\c")).isEqualTo("\"a\\\"b\\\\c\"");
        assertThat(write("\b\f\n\r\t")).isEqualTo("\"\\b\\f\\n\\r\\t\"");
        assertThat(write("\u0000\u0001\u001f\u007f")).isEqualTo("\"\\u0000\\u0001\\u001f\\u007f\"");
        assertThat(write("\u2028\u2029")).isEqualTo("\"\\u2028\\u2029\"");
        assertThat(write("</script> <!-- a/b <b>")).isEqualTo("\"<\\/script> \\u003c!-- a/b <b>\"");
        assertThat(write("<init>")).isEqualTo("\"<init>\"");
    }

    @Test
    void surrogates_pairsStayLoneOnesAreEscaped() throws Exception {
        assertThat(write("\uD83D\uDE00")).isEqualTo("\"\uD83D\uDE00\"");
        assertThat(write("\uD800")).isEqualTo("\"\\ud800\"");
        assertThat(write("\uDC00x")).isEqualTo("\"\\udc00x\"");
        assertThat(write("\uD800\uD800\uDC00")).isEqualTo("\"\\ud800\uD800\uDC00\"");
        assertThat(write("x\uDC00\uD800")).isEqualTo("\"x\\udc00\\ud800\"");
    }

    @Test
    void everyString_readsBackUnchanged() throws Exception {
        for (String s : new String[] {SampleProfiles.HOSTILE, "", "\uDFFF\uD800", "\\u0041", "<\\/"}) {
            assertThat(JsonReader.parse(new StringReader(write(s)))).isEqualTo(s);
        }
        StringBuilder all = new StringBuilder();
        for (char c = 0; c < 0x3000; c++) all.append(c);
        all.append("\uD800\uDBFF\uDC00\uDFFF\uFFFF");
        assertThat(JsonReader.parse(new StringReader(write(all.toString())))).isEqualTo(all.toString());
    }

    @Test
    void layout_multiLineAndInlineContainers() throws Exception {
        StringWriter out = new StringWriter();
        JsonWriter w = new JsonWriter(out);
        w.beginObject(true);
        w.name("a").beginArray(false).value(1).value(-2).nullValue().endArray();
        w.name("b").beginArray(true).beginArray(false).value(true).endArray().endArray();
        w.name("c").beginObject(false).name("x").value("y").endObject();
        w.name("d").beginArray(true).endArray();
        w.endObject();
        w.finish();
        assertThat(out.toString()).isEqualTo("{\n  \"a\": [1, -2, null],\n  \"b\": [\n    [true]\n  ],\n"
                + "  \"c\": {\"x\": \"y\"},\n  \"d\": []\n}\n");
    }

    @Test
    void misuse_isRejected() {
        assertThatThrownBy(() -> new JsonWriter(new StringWriter()).beginObject(false).value(1))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new JsonWriter(new StringWriter()).beginArray(false).endObject())
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new JsonWriter(new StringWriter()).beginArray(false).finish())
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new JsonWriter(new StringWriter()).value(1).value(2))
                .isInstanceOf(IllegalStateException.class);
    }
}
