package dev.switchboard.simulator.http;

import java.io.IOException;

/** Answers one request; called on the connection's own thread. */
@FunctionalInterface
public interface Handler {

  void handle(Exchange exchange) throws IOException;
}
