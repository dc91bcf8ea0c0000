package dev.switchboard.providers.byo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class JsonPathTest {

  private static final JsonNode DOC =
      parse(
          """
      {"choices":[{"message":{"content":"hi"}},{"message":{"content":"last"}}],
       "meta":{"tokens in":7,"out":"12","neg":-3,"flag":true,"nothing":null,"obj":{"a":1}},
       "a-b":{"c_d":"dashes"}}
      """);

  @Test
  void dotAndIndexStepsReachNestedValues() {
    assertThat(JsonPath.parse("$.choices[0].message.content").readText(DOC)).isEqualTo("hi");
    assertThat(JsonPath.parse("choices[1].message.content").readText(DOC)).isEqualTo("last");
    assertThat(JsonPath.parse("$.a-b.c_d").readText(DOC)).isEqualTo("dashes");
  }

  @Test
  void quotedBracketsNameFieldsWithSpacesAndNegativeIndexesCountFromTheEnd() {
    assertThat(JsonPath.parse("$['meta']['tokens in']").readCount(DOC)).isEqualTo(7);
    assertThat(JsonPath.parse("$[\"meta\"].out").readCount(DOC)).isEqualTo(12);
    assertThat(JsonPath.parse("$.choices[-1].message.content").readText(DOC)).isEqualTo("last");
  }

  @Test
  void absentStepsAndWrongTypesAreMissingNotErrors() {
    assertThat(JsonPath.parse("$.choices[5].message").read(DOC).isMissingNode()).isTrue();
    assertThat(JsonPath.parse("$.meta[0]").read(DOC).isMissingNode()).isTrue();
    assertThat(JsonPath.parse("$.choices.message").read(DOC).isMissingNode()).isTrue();
    assertThat(JsonPath.parse("$.meta.nothing").readText(DOC)).isNull();
    assertThat(JsonPath.parse("$.meta.obj").readText(DOC)).isNull();
    assertThat(JsonPath.parse("$.meta.flag").readText(DOC)).isEqualTo("true");
  }

  @Test
  void countsMustBeNonNegativeWholeNumbers() {
    assertThat(JsonPath.parse("$.meta.neg").readCount(DOC)).isEqualTo(-1);
    assertThat(JsonPath.parse("$.meta.flag").readCount(DOC)).isEqualTo(-1);
    assertThat(JsonPath.parse("$.missing").readCount(DOC)).isEqualTo(-1);
  }

  @Test
  void rootPathIsTheDocument() {
    assertThat(JsonPath.parse("$").read(DOC)).isSameAs(DOC);
  }

  @Test
  void malformedPathsAreRefusedWithThePosition() {
    assertThatThrownBy(() -> JsonPath.parse("")).hasMessageContaining("required");
    assertThatThrownBy(() -> JsonPath.parse("$.")).hasMessageContaining("position 2");
    assertThatThrownBy(() -> JsonPath.parse("$.a[")).hasMessageContaining("index");
    assertThatThrownBy(() -> JsonPath.parse("$.a[x]")).hasMessageContaining("array index");
    assertThatThrownBy(() -> JsonPath.parse("$['a]")).hasMessageContaining("quoted");
    assertThatThrownBy(() -> JsonPath.parse("$.a b")).hasMessageContaining("'.' or '['");
    assertThatThrownBy(() -> JsonPath.parse("$..a")).hasMessageContaining("name after");
    assertThatThrownBy(() -> JsonPath.parse("$.a[*]")).hasMessageContaining("array index");
  }

  private static JsonNode parse(String json) {
    try {
      return new ObjectMapper().readTree(json);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
