package dev.switchboard.simulator.wire;

import dev.switchboard.simulator.SimulatorOptions;
import dev.switchboard.simulator.http.Exchange;
import dev.switchboard.simulator.http.Handler;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.LongAdder;

/**
 * The one HTTP handler: picks the family from the first path segment, counts the request, resolves
 * its fault (family scenario, then the next queued fault, then the {@code X-Sim-Fault} header),
 * applies the generic faults and hands the request to the family.
 */
public final class Router implements Handler {

  private static final System.Logger LOG = System.getLogger(Router.class.getName());

  static final String HTML_502 =
      "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n"
          + "<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n"
          + "</body>\r\n</html>\r\n";

  /** What a captive portal or a misrouted proxy answers with status 200. */
  static final String HTML_200 =
      "<!DOCTYPE html>\n<html><head><title>Captive portal: sign in</title></head>\n<body><h1>"
          + "Captive portal: sign in to continue</h1><form action=\"/login\"></form></body></html>\n";

  static final String MALFORMED = "{\"id\":\"sim-truncated\",\"object\":\"chat.completion\",\"cho";

  private final Map<String, Family> families = new LinkedHashMap<>();
  private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();
  private final Map<String, Queue<FaultSpec>> queued = new ConcurrentHashMap<>();
  private final Map<String, FaultSpec> scenarios = new ConcurrentHashMap<>();
  private final SimulatorOptions options;
  private final RequestLog log = new RequestLog();

  public Router(SimulatorOptions options, List<Family> families) {
    this.options = options;
    for (Family family : families) {
      this.families.put(family.name(), family);
      counts.put(family.name(), new LongAdder());
      queued.put(family.name(), new ConcurrentLinkedQueue<>());
    }
  }

  /** The family names served, in registration order. */
  public List<String> familyNames() {
    return List.copyOf(families.keySet());
  }

  public void enqueueFault(String family, FaultSpec fault) {
    queued.get(known(family)).add(fault);
  }

  public void setScenario(String family, FaultSpec fault) {
    scenarios.put(known(family), fault);
  }

  public void clearScenarios() {
    scenarios.clear();
  }

  public long requestCount(String family) {
    return counts.get(known(family)).sum();
  }

  /** The last requests received, oldest first. */
  public RequestLog log() {
    return log;
  }

  /** Serves more models in a family, from now on. */
  public void addModels(String family, List<String> ids) {
    families.get(known(family)).models().add(ids);
  }

  private String known(String family) {
    if (!families.containsKey(family)) {
      throw new IllegalArgumentException(
          "unknown family '" + family + "', expected one of " + families.keySet());
    }
    return family;
  }

  @Override
  public void handle(Exchange exchange) throws IOException {
    String rawPath = exchange.rawPath();
    int slash = rawPath.indexOf('/', 1);
    String named = slash < 0 ? rawPath.substring(1) : rawPath.substring(1, slash);
    Family family =
        named.isEmpty()
            ? families.values().stream().filter(Family::servesRoot).findFirst().orElse(null)
            : families.get(named);
    String prefix = family == null ? named : family.name();
    if (family == null) {
      Call unknown = new Call(exchange, named, rawPath, FaultSpec.NONE, options);
      log.add(unknown.received());
      byte[] body =
          Json.bytes(Json.object().put("error", "no simulated provider under /" + prefix));
      exchange.responseHeaders().set("Content-Type", "application/json");
      exchange.respond(404, body.length).write(body);
      exchange.end();
      return;
    }
    counts.get(prefix).increment();
    FaultSpec fault = scenarios.getOrDefault(prefix, FaultSpec.NONE);
    FaultSpec next = queued.get(prefix).poll();
    if (next != null) {
      fault = fault.then(next);
    }
    String path = slash < 0 ? "/" : rawPath.substring(slash);
    Call call;
    try {
      call =
          new Call(
              exchange,
              prefix,
              path,
              fault.then(FaultSpec.parse(exchange.header("X-Sim-Fault"))),
              options);
    } catch (IllegalArgumentException e) {
      Call plain = new Call(exchange, prefix, path, FaultSpec.NONE, options);
      serve(
          family,
          plain,
          () -> {
            log.add(plain.received());
            family.sendError(plain, 400, Family.INVALID_REQUEST, "X-Sim-Fault: " + e.getMessage());
          });
      return;
    }
    // Answered on the connection's own thread: no hand-off, whatever the request.
    serve(
        family,
        call,
        () -> {
          log.add(call.received());
          respond(family, call);
        });
  }

  /** One step of serving that may fail in the ways {@link #serve} handles. */
  private interface Step {
    void run() throws IOException;
  }

  private static void serve(Family family, Call call, Step step) {
    try {
      try {
        step.run();
      } catch (BadRequest e) {
        String message =
            Family.INVALID_JSON.equals(e.getMessage())
                ? family.invalidJsonMessage()
                : e.getMessage();
        family.sendError(call, 400, Family.INVALID_REQUEST, message);
      }
    } catch (ConnectionReset e) {
      call.abort();
    } catch (IOException e) {
      LOG.log(Level.DEBUG, "client went away: {0}", e.toString());
      call.abort();
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "simulator handler failed", e);
      call.abort();
    }
  }

  private static void respond(Family family, Call call) throws IOException {
    FaultSpec fault = call.fault();
    Pause.sleep(fault.number("latency", 0));
    if (fault.has("hang")) {
      call.hold(); // never answered; closing the simulator drops the connection
      return;
    }
    call.responseHeaders().set("x-sim-family", family.name());
    call.addRetryHeaders();
    if (fault.has("html-502")) {
      call.send(502, "text/html", Reply.utf8(HTML_502));
    } else if (fault.has("html-200")) {
      call.send(200, "text/html; charset=utf-8", Reply.utf8(HTML_200));
    } else if (fault.has("malformed")) {
      call.send(200, "application/json", Reply.utf8(MALFORMED));
    } else if (!family.authorized(call)) {
      family.sendError(call, 401, Family.INVALID_KEY, null);
    } else if (fault.status() > 0) {
      family.sendError(call, fault.status(), fault.text("code", null), fault.text("message", null));
    } else {
      family.handle(call);
    }
  }
}
