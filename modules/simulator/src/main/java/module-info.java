/**
 * A local stand-in for the wire protocols of the LLM providers Switchboard talks to, with fault
 * injection. Only {@code dev.switchboard.simulator} is API; the family packages are internal.
 */
module dev.switchboard.simulator {
  requires com.fasterxml.jackson.databind;

  exports dev.switchboard.simulator;
}
