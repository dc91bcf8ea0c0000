package dev.switchboard.providers.wire;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.core.usage.Usage;
import dev.switchboard.core.usage.UsageSource;
import org.junit.jupiter.api.Test;

class UsageTallyTest {

  @Test
  void cumulativeReportsReplaceRatherThanAdd() {
    UsageTally tally = new UsageTally().setInput(10).setOutput(1);
    tally.setOutput(5);
    tally.setOutput(8);

    assertThat(tally.toUsage(UsageSource.REPORTED).outputTokens()).isEqualTo(8);
  }

  @Test
  void partialReportKeepsEarlierFields() {
    UsageTally tally = new UsageTally().setInput(10).setCached(4);
    tally.setInput(-1).setOutput(7);

    Usage usage = tally.toUsage(UsageSource.REPORTED);
    assertThat(usage.inputTokens()).isEqualTo(10);
    assertThat(usage.cachedInputTokens()).isEqualTo(4);
    assertThat(usage.outputTokens()).isEqualTo(7);
  }

  @Test
  void incrementalReportsAdd() {
    UsageTally tally = new UsageTally().addOutput(3).addOutput(4);
    assertThat(tally.toUsage(UsageSource.REPORTED).outputTokens()).isEqualTo(7);
  }

  @Test
  void missingTotalIsComputedAndMarkedMapped() {
    Usage usage = new UsageTally().setInput(5).setOutput(8).toUsage(UsageSource.REPORTED);
    assertThat(usage.totalTokens()).isEqualTo(13);
    assertThat(usage.source()).isEqualTo(UsageSource.MAPPED);
  }

  @Test
  void reportedTotalIsKeptAndStaysReported() {
    Usage usage =
        new UsageTally().setInput(5).setOutput(8).setTotal(15).toUsage(UsageSource.REPORTED);
    assertThat(usage.totalTokens()).isEqualTo(15);
    assertThat(usage.source()).isEqualTo(UsageSource.REPORTED);
  }

  @Test
  void nothingReportedIsNotReported() {
    assertThat(new UsageTally().reported()).isFalse();
    assertThat(new UsageTally().setCached(3).reported()).isFalse();
  }
}
