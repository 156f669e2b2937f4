package dev.hotline.core.internal;

import dev.hotline.core.HotlineConfig;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/** A table of names and forms that must never be stored, and of ones that must be stored as they are. */
class QueryRedactionTest {
    static final String S = "S3CR3T-value";
    final QueryRedaction r = new QueryRedaction(defaults().redactParams());

    static HotlineConfig defaults() {
        return HotlineConfig.builder().systemProperties(new Properties()).environment(Map.of()).build();
    }

    @Test
    void queries_secretValuesNeverKept() {
        List<String> leaking = List.of(
                "password=" + S, "PASSWORD=" + S, "user[password]=" + S, "user%5Bpassword%5D=" + S, "user.password=" + S,
                "user[password][]=" + S, "privateKey=" + S, "private_key=" + S, "data.privateKey=" + S, "passphrase=" + S,
                "otp=" + S, "pin=" + S, "ssn=" + S, "password%00=" + S, "pass%77ord=" + S, "userPassword=" + S, "x-api-key=" + S,
                "access_token=" + S, "client_secret=" + S, "jsessionid=" + S, "Authorization=" + S, "X-Amz-Signature=" + S,
                "a=1;token=" + S, "a=1&b=2;password=" + S,
                "next=%2Fcb%3Ftoken%3D" + S, "next=%252Fcb%253Ftoken%253D" + S, "next=/cb?token=" + S,
                "redirect=https%3A%2F%2Fexample.com%2Fcb%3Fa%3D1%26code%3D" + S, "next=/a;jsessionid=" + S + "/b");
        for (String q : leaking) {
            String stored = r.redact(q);
            assertThat(stored).as(q).doesNotContain(S).doesNotContain("S3CR3T");
        }
    }

    @Test
    void queries_ordinaryParametersKept() {
        for (String q : List.of("page=2&size=50", "q=monkey+business", "sort=name&order=asc", "next=%2Forders%2F42",
                "id=7f9c&shipping=fast", "b64=YWJj%3D%3D", "flag", "a=&b=")) {
            assertThat(r.redact(q)).as(q).isEqualTo(q);
        }
        assertThat(r.redact("a=1&password=x&b=2")).isEqualTo("a=1&password=[redacted]&b=2");
        assertThat(r.redact("a=1;password=x")).isEqualTo("a=1;password=[redacted]");
        assertThat(r.redact("next=%2Fcb%3Ftoken%3Dabc%26x%3D1")).isEqualTo("next=%2Fcb%3Ftoken%3D%5Bredacted%5D%26x%3D1");
    }

    @Test
    void pathParameters_redactedLikeQueryParameters() {
        assertThat(r.redactPath("/cpu;jsessionid=" + S)).isEqualTo("/cpu;jsessionid=[redacted]");
        assertThat(r.redactPath("/a;JSESSIONID=" + S + "/b;v=2;token=" + S + "/c")).isEqualTo("/a;JSESSIONID=[redacted]/b;v=2;token=[redacted]/c");
        assertThat(r.redactPath("/orders/42;version=3")).isEqualTo("/orders/42;version=3");
        assertThat(r.redactPath("/plain/path")).isEqualTo("/plain/path");
    }

    @Test
    void noQueryStored_whenSwitchedOff() {
        QueryRedaction none = new QueryRedaction(List.of("token"), false);
        assertThat(none.redact("page=2")).isNull();
        assertThat(none.redactPath("/a;token=x")).isEqualTo("/a;token=[redacted]");
    }

    @Test
    void text_errorMessagesRedactedTheSameWay() {
        for (String message : List.of(
                "cannot open jdbc:postgresql://db/app?user=app&password=" + S,
                "Invalid token=" + S + " for user 7",
                "GET https://api.example.com/v1/x?api_key=" + S + " returned 401",
                "header Authorization: Bearer " + S + "abcdef",
                "login failed: {\"password\": \"" + S + "\"}",
                "redirect to /cb%3Ftoken%3D" + S,
                "bad session; jsessionid=" + S)) {
            assertThat(r.redactText(message)).as(message).doesNotContain(S);
        }
        assertThat(r.redactText("For input string: \"abc\" at index 3")).isEqualTo("For input string: \"abc\" at index 3");
        assertThat(r.redactText(null)).isNull();
    }

    @Test
    void defaultList_isDocumented() throws Exception {
        String doc = java.nio.file.Files.readString(java.nio.file.Path.of("../docs/configuration.md"));
        for (String name : QueryRedaction.DEFAULT_NAMES.split(",")) assertThat(doc).as(name).contains(name);
    }
}
