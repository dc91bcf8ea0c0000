/**
 * The provider-neutral model of Switchboard: chat requests and responses, stream events,
 * embeddings, model descriptions, token usage and the one provider error type. Every other module
 * speaks these types; none of them knows a provider's wire format.
 */
module dev.switchboard.core {
  exports dev.switchboard.core.chat;
  exports dev.switchboard.core.embedding;
  exports dev.switchboard.core.model;
  exports dev.switchboard.core.router;
  exports dev.switchboard.core.usage;
  exports dev.switchboard.core.error;
}
