package dev.switchboard.variables.rotation;

/**
 * The outcome of {@link KeyRotation#run()}.
 *
 * @param rewrapped rows moved to the active version by this run
 * @param skipped rows skipped because they changed meanwhile
 * @param failed rows that could not be unwrapped in the last pass; they still need attention
 * @param interrupted whether the run stopped early because its thread was interrupted (run it again
 *     to continue)
 * @param progress the counts by version when the run ended
 */
public record RotationReport(
    long rewrapped, long skipped, long failed, boolean interrupted, RotationProgress progress) {}
