package dev.switchboard.gateway.conformance;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.opentest4j.AssertionFailedError;

/**
 * The committed transcripts under {@code src/test/resources/conformance}: compared line by line, a
 * difference failing with a unified diff; rewritten instead when the build runs with {@code
 * -Dconformance.record=true} (then review every changed file before committing it).
 */
final class Goldens {

  /** In the module's sources (surefire sets {@code basedir}), where a recording must land. */
  static final Path ROOT =
      Path.of(System.getProperty("basedir", "."), "src", "test", "resources", "conformance");

  static final boolean RECORD = Boolean.getBoolean("conformance.record");

  private Goldens() {}

  static String read(Path relative) throws IOException {
    return Files.readString(ROOT.resolve(relative), StandardCharsets.UTF_8);
  }

  static void check(Path relative, String actual) throws IOException {
    Path file = ROOT.resolve(relative);
    if (RECORD) {
      Files.createDirectories(file.getParent());
      Files.writeString(file, actual, StandardCharsets.UTF_8);
      return;
    }
    if (!Files.exists(file)) {
      throw new AssertionFailedError(
          "No golden transcript "
              + file
              + ": run with -Dconformance.record=true, review it, commit it. This run:\n"
              + actual);
    }
    String expected = Files.readString(file, StandardCharsets.UTF_8);
    if (!expected.equals(actual)) {
      throw new AssertionFailedError(
          "The transcript differs from "
              + file
              + " (- golden, + this run):\n"
              + diff(expected, actual),
          expected,
          actual);
    }
  }

  /** A unified diff of two texts by lines, three lines of context around each change. */
  static String diff(String expected, String actual) {
    String[] a = expected.split("\n", -1);
    String[] b = actual.split("\n", -1);
    int[][] lcs = new int[a.length + 1][b.length + 1];
    for (int i = a.length - 1; i >= 0; i--) {
      for (int j = b.length - 1; j >= 0; j--) {
        lcs[i][j] =
            a[i].equals(b[j]) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
      }
    }
    List<String> lines = new ArrayList<>();
    int i = 0;
    int j = 0;
    while (i < a.length || j < b.length) {
      if (i < a.length && j < b.length && a[i].equals(b[j])) {
        lines.add("  " + a[i++]);
        j++;
      } else if (i < a.length && (j == b.length || lcs[i + 1][j] >= lcs[i][j + 1])) {
        lines.add("- " + a[i++]);
      } else {
        lines.add("+ " + b[j++]);
      }
    }
    StringBuilder out = new StringBuilder();
    int last = -1;
    for (int k = 0; k < lines.size(); k++) {
      if (near(lines, k)) {
        if (last >= 0 && k > last + 1) {
          out.append("  ...\n");
        }
        out.append(lines.get(k)).append('\n');
        last = k;
      }
    }
    return out.toString();
  }

  private static boolean near(List<String> lines, int k) {
    for (int d = Math.max(0, k - 3); d <= Math.min(lines.size() - 1, k + 3); d++) {
      if (!lines.get(d).startsWith("  ")) {
        return true;
      }
    }
    return false;
  }
}
