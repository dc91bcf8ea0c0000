package dev.switchboard.usage;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How the usage engine runs (the {@code switchboard.usage.*} and {@code switchboard.mail.*}
 * configuration keys; see docs/configuration.md).
 *
 * @param journalDir where the journal's segments live (local disk of this server)
 * @param fsync whether the journal is forced to the device at all (off only in throughput tests)
 * @param fsyncInterval how often the journal is forced: the most a host crash may lose
 * @param flushInterval how often the writer copies the journal into the database
 * @param batchSize rows per database transaction
 * @param writerConnections transactions written at once by the ledger writer
 * @param admissionRefresh how old an enforcing limit's usage may be before it is read again
 */
public record UsageSettings(
    Path journalDir,
    boolean fsync,
    Duration fsyncInterval,
    Duration flushInterval,
    int batchSize,
    int writerConnections,
    Duration admissionRefresh,
    String serverId,
    String consoleUrl,
    MailSettings mail,
    int mailMaxAttempts) {}
