package dev.switchboard.gateway.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GoldensTest {

  @Test
  void theDiffShowsTheChangedLineBetweenItsContextAndElidesTheRest() {
    String golden = "a\nb\nc\nd\ne\nf\ng\nh\ni\nj\n";
    String run = "a\nb\nc\nd\ne\nF\ng\nh\ni\nj\n";

    assertThat(Goldens.diff(golden, run)).isEqualTo("  c\n  d\n  e\n- f\n+ F\n  g\n  h\n  i\n");
  }

  @Test
  void aLineAddedOrRemovedIsMarkedAlone() {
    assertThat(Goldens.diff("a\nb\n", "a\nx\nb\n")).isEqualTo("  a\n+ x\n  b\n  \n");
    assertThat(Goldens.diff("a\nx\nb\n", "a\nb\n")).isEqualTo("  a\n- x\n  b\n  \n");
  }
}
