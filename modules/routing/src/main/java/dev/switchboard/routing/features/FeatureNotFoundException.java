package dev.switchboard.routing.features;

/** No feature has the name asked for. */
public class FeatureNotFoundException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public FeatureNotFoundException(String name) {
    super("No feature is named '" + name + "'.");
  }
}
