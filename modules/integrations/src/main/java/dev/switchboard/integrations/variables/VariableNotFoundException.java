package dev.switchboard.integrations.variables;

/** No variable with that id in a workspace the caller may see. */
public class VariableNotFoundException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public VariableNotFoundException(String id) {
    super("No variable " + id);
  }
}
