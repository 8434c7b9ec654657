package io.strategos.model.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.strategos.model.FieldError;
import org.junit.jupiter.api.Test;

class StorableTextTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void textWithoutNulIsStorable() {
        assertThat(StorableText.isStorable(null)).isTrue();
        assertThat(StorableText.isStorable("naïve ✓ \u0001")).isTrue();
        assertThat(StorableText.isStorable("a\u0000b")).isFalse();
    }

    @Test
    void everyNulInATreeIsNamedByItsPointer() throws Exception {
        var tree = JSON.readTree("""
                {"name": "a\\u0000", "ok": "fine", "tags": ["x", "y\\u0000"],
                 "config": {"a/b~c": {"deep": "\\u0000"}, "k\\u0000": 1}}""");
        assertThat(StorableText.nulCharacters(tree, "")).extracting(FieldError::pointer).containsExactly(
                "/name", "/tags/1", "/config/a~1b~0c/deep", "/config/k\\u0000");
    }

    @Test
    void aCleanTreeHasNoProblem() throws Exception {
        assertThat(StorableText.nulCharacters(JSON.readTree("{\"a\": [1, \"b\", {\"c\": null}]}"), "/graph")).isEmpty();
    }
}
