package dev.switchboard.routing.execution;

import dev.switchboard.routing.Deployment;

/**
 * A stream listener that wants to know which deployment a stream committed to: called once, just
 * before the first event reaches it (or before its completion when the stream had no events).
 */
public interface CommitAware {

  /**
   * @param deployment the deployment now serving the stream
   * @param attempts upstream calls made so far, this one included
   */
  void committedTo(Deployment deployment, int attempts);
}
