package dev.switchboard.usage;

import dev.switchboard.core.error.ErrorCategory;
import dev.switchboard.core.router.CallContext;
import dev.switchboard.core.router.CallRecord;
import dev.switchboard.core.usage.Usage;
import dev.switchboard.core.usage.UsageSource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One {@link CallRecord} as one journal line: tab-separated fields, escaped, with a version prefix.
 * Tags are not kept (the ledger has no column for them yet). A line that does not decode (a torn
 * last line after a crash) is reported, not guessed at.
 */
final class JournalCodec {

  private static final String VERSION = "1";
  private static final String NULL = "\\0";
  private static final int FIELDS = 21;

  private JournalCodec() {}

  static String encode(CallRecord r) {
    Usage u = r.usage();
    CallContext c = r.context();
    StringBuilder b = new StringBuilder(256).append(VERSION);
    field(b, r.requestId());
    field(b, Long.toString(r.startedAt().toEpochMilli()));
    field(b, c.workspace());
    field(b, c.feature());
    field(b, c.caller());
    field(b, r.kind().name());
    field(b, r.integrationId());
    field(b, r.provider());
    field(b, r.model());
    field(b, Long.toString(u.inputTokens()));
    field(b, Long.toString(u.outputTokens()));
    field(b, Long.toString(u.cachedInputTokens()));
    field(b, Long.toString(u.reasoningTokens()));
    field(b, Long.toString(u.totalTokens()));
    field(b, u.source().name());
    field(b, Long.toString(r.latency().toMillis()));
    field(b, r.timeToFirstToken() == null ? null : Long.toString(r.timeToFirstToken().toMillis()));
    field(b, Integer.toString(r.attempts()));
    field(b, r.error() == null ? null : r.error().name());
    field(b, r.cached() ? "1" : "0");
    return b.append('\n').toString();
  }

  /** Decodes a line without its newline; throws {@link IllegalArgumentException} if malformed. */
  static CallRecord decode(String line) {
    List<String> f = split(line);
    if (f.size() != FIELDS || !VERSION.equals(f.get(0))) {
      throw new IllegalArgumentException("not a journal line: " + f.size() + " fields");
    }
    Usage usage =
        new Usage(
            Long.parseLong(f.get(10)),
            Long.parseLong(f.get(11)),
            Long.parseLong(f.get(12)),
            Long.parseLong(f.get(13)),
            Long.parseLong(f.get(14)),
            UsageSource.valueOf(f.get(15)));
    return new CallRecord(
        f.get(1),
        Instant.ofEpochMilli(Long.parseLong(f.get(2))),
        new CallContext(f.get(3), f.get(4), f.get(5), Map.of()),
        CallRecord.Kind.valueOf(f.get(6)),
        f.get(7),
        f.get(8),
        f.get(9),
        usage,
        Duration.ofMillis(Long.parseLong(f.get(16))),
        f.get(17) == null ? null : Duration.ofMillis(Long.parseLong(f.get(17))),
        Integer.parseInt(f.get(18)),
        f.get(19) == null ? null : ErrorCategory.valueOf(f.get(19)),
        "1".equals(f.get(20)));
  }

  private static void field(StringBuilder b, String value) {
    b.append('\t');
    if (value == null) {
      b.append(NULL);
      return;
    }
    for (int i = 0; i < value.length(); i++) {
      char ch = value.charAt(i);
      switch (ch) {
        case '\\' -> b.append("\\\\");
        case '\t' -> b.append("\\t");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\u001e' -> b.append("\\e"); // the journal's record separator
        default -> b.append(ch);
      }
    }
  }

  private static List<String> split(String line) {
    List<String> out = new ArrayList<>(FIELDS);
    StringBuilder cur = new StringBuilder();
    boolean isNull = false;
    for (int i = 0; i < line.length(); i++) {
      char ch = line.charAt(i);
      if (ch == '\t') {
        out.add(isNull ? null : cur.toString());
        cur.setLength(0);
        isNull = false;
      } else if (ch == '\\') {
        if (++i >= line.length()) {
          throw new IllegalArgumentException("dangling escape");
        }
        char e = line.charAt(i);
        switch (e) {
          case '\\' -> cur.append('\\');
          case 't' -> cur.append('\t');
          case 'n' -> cur.append('\n');
          case 'r' -> cur.append('\r');
          case 'e' -> cur.append('\u001e');
          case '0' -> isNull = true;
          default -> throw new IllegalArgumentException("bad escape \\" + e);
        }
      } else {
        cur.append(ch);
      }
    }
    out.add(isNull ? null : cur.toString());
    return out;
  }
}
