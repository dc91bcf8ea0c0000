package dev.switchboard.variables.rotation;

/**
 * What one rewrap batch did.
 *
 * @param examined rows read that were not on the active version
 * @param rewrapped rows moved to the active version
 * @param skipped rows changed by someone else between the read and the update; they are left to the
 *     next pass (a concurrent writer seals with the active version anyway)
 * @param failed rows whose data key could not be unwrapped (tampered, moved, or an unknown
 *     version); they are logged by table, column and id and left as they are
 * @param passComplete whether this batch reached the end of the last registered column, so the next
 *     batch starts a new pass from the beginning
 */
public record BatchResult(
    int examined, int rewrapped, int skipped, int failed, boolean passComplete) {}
