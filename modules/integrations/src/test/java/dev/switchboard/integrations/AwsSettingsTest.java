package dev.switchboard.integrations;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AwsSettingsTest {

  private static AwsSettings withExternalId(String externalId) {
    return new AwsSettings(
        "us-east-1", "AKIA1", "arn:aws:iam::1:role/r", null, externalId, null, null);
  }

  @Test
  void aViewMasksTheExternalId() {
    assertThat(withExternalId("ext-1").masked().externalId()).isEqualTo(AwsSettings.MASKED);
    assertThat(withExternalId(null).masked().externalId()).isNull();
  }

  @Test
  void theMaskSentBackKeepsTheStoredExternalId() {
    assertThat(withExternalId("ext-1").masked().keepingExternalId("ext-1"))
        .isEqualTo(withExternalId("ext-1"));
  }

  @Test
  void aNewOrEmptyExternalIdReplacesTheStoredOne() {
    assertThat(withExternalId("ext-2").keepingExternalId("ext-1").externalId()).isEqualTo("ext-2");
    assertThat(withExternalId(null).keepingExternalId("ext-1").externalId()).isNull();
  }
}
