package dev.switchboard.simulator;

import java.io.PrintStream;
import java.util.concurrent.CountDownLatch;

/** {@code java -jar switchboard-simulator.jar [--port N] ...}: runs until interrupted. */
public final class Main {

  private Main() {}

  public static void main(String[] args) throws InterruptedException {
    SimulatorOptions options = SimulatorOptions.defaults().withPort(8089);
    try {
      for (int i = 0; i < args.length; i++) {
        String arg = args[i];
        if (arg.equals("--help") || arg.equals("-h")) {
          usage(System.out);
          return;
        }
        if (i + 1 >= args.length) {
          throw new IllegalArgumentException("missing value for " + arg);
        }
        String value = args[++i];
        options =
            switch (arg) {
              case "--port" -> options.withPort(Integer.parseInt(value));
              case "--bind" -> options.withBindAddress(value);
              case "--tokens" -> options.withStreamTokens(Integer.parseInt(value));
              case "--delay-ms" -> options.withTokenDelayMs(Long.parseLong(value));
              case "--api-key" -> options.withApiKey(value);
              case "--threads" -> options.withThreads(Integer.parseInt(value));
              default -> throw new IllegalArgumentException("unknown option " + arg);
            };
      }
    } catch (IllegalArgumentException e) {
      System.err.println("switchboard-simulator: " + e.getMessage());
      usage(System.err);
      System.exit(2);
      return;
    }
    Simulator simulator = Simulator.start(options);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  simulator.close();
                  stopped.countDown();
                }));
    System.out.println("switchboard-simulator listening on " + simulator.baseUrl());
    System.out.println("families: /" + String.join(", /", simulator.families()));
    stopped.await();
  }

  private static void usage(PrintStream out) {
    out.println(
        """
        Usage: java -jar switchboard-simulator.jar [options]

        A local stand-in for the LLM providers' wire protocols (see docs/simulator.md).

        Options:
          --port N        TCP port to listen on (default 8089; 0 = a free port)
          --bind ADDR     address to bind (default 127.0.0.1)
          --tokens N      reply tokens when a request has no X-Sim-Tokens header (default 8)
          --delay-ms D    delay between streamed tokens without X-Sim-Delay-Ms (default 0)
          --api-key KEY   the accepted credential (default simulator-key)
          --threads T     connection threads kept ready (default 4; grows to 512)
          --help          this text

        Families: /openai /azure /anthropic /gemini /cohere /ollama and the OpenAI-compatible
        /mistral /groq /together /deepseek /xai /fireworks /openrouter /perplexity /cerebras
        /vllm /lmstudio /llamacpp. Faults: header X-Sim-Fault, e.g. "status=429;retry-after=2".""");
  }
}
