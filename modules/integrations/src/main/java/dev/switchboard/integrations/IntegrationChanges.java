package dev.switchboard.integrations;

import jakarta.persistence.PostPersist;
import jakarta.persistence.PostRemove;
import jakarta.persistence.PostUpdate;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts changes to integrations and their models made on this server (an entity listener on both,
 * plus the bulk deletes of {@link IntegrationStore}), so {@link RuntimeDeployments} knows when its
 * snapshot is out of date without asking the database on every call.
 */
public class IntegrationChanges {

  private static final AtomicLong GENERATION = new AtomicLong();

  static long generation() {
    return GENERATION.get();
  }

  static void changed() {
    GENERATION.incrementAndGet();
  }

  @PostPersist
  @PostUpdate
  @PostRemove
  void onChange(Object entity) {
    changed();
  }
}
