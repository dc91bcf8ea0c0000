import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordingFile;

/**
 * Summarises a JFR recording's CPU samples ({@code jdk.ExecutionSample}): the methods that burn the
 * CPU themselves (self), and the methods most often on the stack (inclusive, counted once per
 * sample), the latter filtered to a package prefix when given. A cheap profile of where the
 * gateway's request path spends its core.
 *
 * <p>{@code java bench/JfrTop.java recording.jfr [top=25] [inclusive-prefix] [substrings]}: with a
 * fourth argument (comma-separated substrings of frame names), also the share of samples whose
 * stack passes through a frame containing each, and the most frequent stacks (40 frames) through
 * the first, to see who calls a hot spot.
 */
public final class JfrTop {

  public static void main(String[] args) throws Exception {
    Path file = Path.of(args[0]);
    int top = args.length > 1 ? Integer.parseInt(args[1]) : 25;
    String prefix = args.length > 2 ? args[2] : "";
    List<String> through = args.length > 3 ? List.of(args[3].split(",")) : List.of();
    Map<String, Integer> stacks = new HashMap<>();
    Map<String, Integer> shares = new java.util.LinkedHashMap<>();
    through.forEach(t -> shares.put(t, 0));
    Map<String, Integer> self = new HashMap<>();
    Map<String, Integer> inclusive = new HashMap<>();
    int samples = 0;
    for (RecordedEvent e : RecordingFile.readAllEvents(file)) {
      if (!e.getEventType().getName().equals("jdk.ExecutionSample") || e.getStackTrace() == null) {
        continue;
      }
      samples++;
      List<RecordedFrame> frames = e.getStackTrace().getFrames();
      if (!frames.isEmpty()) {
        self.merge(name(frames.get(0).getMethod()), 1, Integer::sum);
      }
      for (String t : through) {
        if (frames.stream().anyMatch(f -> name(f.getMethod()).contains(t))) {
          shares.merge(t, 1, Integer::sum);
        }
      }
      if (!through.isEmpty()
          && frames.stream().anyMatch(f -> name(f.getMethod()).contains(through.get(0)))) {
        StringBuilder b = new StringBuilder();
        frames.stream().limit(40).forEach(f -> b.append("\n        ").append(name(f.getMethod())));
        stacks.merge(b.toString(), 1, Integer::sum);
      }
      Set<String> seen = new HashSet<>();
      for (RecordedFrame f : frames) {
        String n = name(f.getMethod());
        if (n.startsWith(prefix) && seen.add(n)) {
          inclusive.merge(n, 1, Integer::sum);
        }
      }
    }
    System.out.println("samples: " + samples);
    print("self (leaf) frames", self, samples, top);
    print(
        "inclusive frames" + (prefix.isEmpty() ? "" : " under " + prefix), inclusive, samples, top);
    if (!through.isEmpty()) {
      System.out.println("-- share of samples through");
      int all = Math.max(1, samples);
      shares.forEach((t, n) -> System.out.printf("%6.1f%%  %6d  %s%n", 100.0 * n / all, n, t));
      print("stacks through " + through.get(0), stacks, samples, 3);
    }
  }

  private static String name(RecordedMethod m) {
    return m == null ? "?" : m.getType().getName() + "." + m.getName();
  }

  private static void print(String title, Map<String, Integer> counts, int samples, int top) {
    System.out.println("-- " + title);
    counts.entrySet().stream()
        .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
        .limit(top)
        .forEach(
            en ->
                System.out.printf(
                    "%6.1f%%  %6d  %s%n",
                    100.0 * en.getValue() / Math.max(1, samples), en.getValue(), en.getKey()));
  }
}
