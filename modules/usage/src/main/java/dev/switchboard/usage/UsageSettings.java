package dev.switchboard.usage;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How the usage engine runs (the {@code switchboard.usage.*} and {@code switchboard.mail.*}
 * configuration keys; see docs/configuration.md).
 *
 * @param journalDir where the journal's segments live (local disk of this server)
 * @param fsync force each group commit to the device (the durability promise)
 * @param journalWait the longest a call waits for its record to be on disk
 * @param flushInterval how often the writer copies the journal into the database
 * @param batchSize rows per database transaction
 * @param writerConnections transactions written at once by the ledger writer
 * @param admissionRefresh how old an enforcing limit's usage may be before it is read again
 */
public record UsageSettings(
    Path journalDir,
    boolean fsync,
    Duration journalWait,
    Duration flushInterval,
    int batchSize,
    int writerConnections,
    Duration admissionRefresh,
    String serverId,
    String consoleUrl,
    MailSettings mail,
    int mailMaxAttempts) {}
