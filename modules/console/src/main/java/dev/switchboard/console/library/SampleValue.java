package dev.switchboard.console.library;

import java.io.Serializable;

/** A sample value typed in for one variable reference before a connection test. */
public class SampleValue implements Serializable {

  private static final long serialVersionUID = 1L;

  private final String reference;
  private String value;

  public SampleValue(String reference) {
    this.reference = reference;
  }

  public String getReference() {
    return reference;
  }

  public String getValue() {
    return value;
  }

  public void setValue(String value) {
    this.value = value;
  }
}
