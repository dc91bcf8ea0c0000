package dev.switchboard.gateway.openai;

import dev.switchboard.core.chat.StreamEvent;
import dev.switchboard.core.error.ProviderException;
import dev.switchboard.core.usage.Usage;

/** OpenAI's stream framing: the role chunk, a chunk an event, the usage chunk, {@code [DONE]}. */
final class ChatCompletionFraming implements StreamFraming {

  private final ChatCompletionWriter writer;
  private final boolean includeUsage;

  ChatCompletionFraming(ChatCompletionWriter writer, boolean includeUsage) {
    this.writer = writer;
    this.includeUsage = includeUsage;
  }

  @Override
  public byte[] opening() {
    return writer.roleChunk();
  }

  @Override
  public byte[] event(StreamEvent event) {
    return writer.chunk(event);
  }

  @Override
  public byte[] completed(Usage usage) {
    if (!includeUsage || usage == null) {
      return ChatCompletionWriter.DONE;
    }
    byte[] chunk = writer.usageChunk(usage);
    byte[] out = new byte[chunk.length + ChatCompletionWriter.DONE.length];
    System.arraycopy(chunk, 0, out, 0, chunk.length);
    System.arraycopy(
        ChatCompletionWriter.DONE, 0, out, chunk.length, ChatCompletionWriter.DONE.length);
    return out;
  }

  @Override
  public byte[] failed(ProviderException error) {
    OpenAiErrors.Shape shape = OpenAiErrors.of(error);
    return ChatCompletionWriter.streamError(error.getMessage(), shape.type(), shape.code());
  }

  @Override
  public byte[] cutOff(String message, Cut why) {
    return why == Cut.DEADLINE
        ? ChatCompletionWriter.streamError(message, "timeout", "deadline_exceeded")
        : ChatCompletionWriter.streamError(message, "server_error", "stream_buffer_full");
  }
}
