package dev.switchboard.platform.database;

/** The schema could not be brought up to date; the application must not start. */
public class MigrationFailedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public MigrationFailedException(String message) {
    super(message);
  }

  public MigrationFailedException(String message, Throwable cause) {
    super(message, cause);
  }
}
