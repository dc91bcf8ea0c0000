package dev.switchboard.providers.bedrock;

import dev.switchboard.core.chat.ChatRequest;
import dev.switchboard.core.chat.ContentPart;
import dev.switchboard.core.chat.Message;
import dev.switchboard.core.chat.Role;
import dev.switchboard.core.error.ProviderException;
import dev.switchboard.providers.Endpoint;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ConversationRole;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamRequest;
import software.amazon.awssdk.services.bedrockruntime.model.InferenceConfiguration;
import software.amazon.awssdk.services.bedrockruntime.model.SystemContentBlock;

/**
 * A {@link ChatRequest} as Converse's request: system messages become the {@code system} blocks,
 * user and assistant turns the {@code messages} (consecutive turns of one role merged, as Converse
 * requires alternation), the sampling settings {@code inferenceConfig}. Text only: tools and images
 * are refused with {@code BAD_REQUEST} / {@code unsupported} rather than dropped.
 */
final class BedrockRequests {

  private BedrockRequests() {}

  /** The model to call: the endpoint's model ARN when set, else the request's model id. */
  static String modelId(Endpoint endpoint, ChatRequest request) {
    Endpoint.Aws aws = endpoint.aws();
    return aws != null && aws.modelArn() != null ? aws.modelArn() : request.model();
  }

  static ConverseRequest converse(Endpoint endpoint, ChatRequest request) {
    Parts p = parts(request);
    return ConverseRequest.builder()
        .modelId(modelId(endpoint, request))
        .system(p.system())
        .messages(p.messages())
        .inferenceConfig(p.inference())
        .overrideConfiguration(overrides(endpoint))
        .build();
  }

  static ConverseStreamRequest converseStream(Endpoint endpoint, ChatRequest request) {
    Parts p = parts(request);
    return ConverseStreamRequest.builder()
        .modelId(modelId(endpoint, request))
        .system(p.system())
        .messages(p.messages())
        .inferenceConfig(p.inference())
        .overrideConfiguration(overrides(endpoint))
        .build();
  }

  private record Parts(
      List<SystemContentBlock> system,
      List<software.amazon.awssdk.services.bedrockruntime.model.Message> messages,
      InferenceConfiguration inference) {}

  private static Parts parts(ChatRequest request) {
    if (!request.tools().isEmpty()
        || request.toolChoice() != null
        || request.responseFormat() != null) {
      throw unsupported("tools and response formats are not supported for Bedrock yet");
    }
    List<SystemContentBlock> system = new ArrayList<>();
    List<software.amazon.awssdk.services.bedrockruntime.model.Message> messages = new ArrayList<>();
    ConversationRole lastRole = null;
    List<ContentBlock> blocks = new ArrayList<>();
    for (Message m : request.messages()) {
      if (m.role() == Role.SYSTEM) {
        system.add(SystemContentBlock.fromText(text(m)));
        continue;
      }
      if (m.role() == Role.TOOL || !m.toolCalls().isEmpty()) {
        throw unsupported("tool calls are not supported for Bedrock yet");
      }
      ConversationRole role =
          m.role() == Role.ASSISTANT ? ConversationRole.ASSISTANT : ConversationRole.USER;
      if (lastRole != null && role != lastRole) {
        messages.add(message(lastRole, blocks));
        blocks = new ArrayList<>();
      }
      lastRole = role;
      blocks.add(ContentBlock.fromText(text(m)));
    }
    if (lastRole != null) {
      messages.add(message(lastRole, blocks));
    }
    InferenceConfiguration.Builder inference = InferenceConfiguration.builder();
    if (request.maxOutputTokens() != null) {
      inference.maxTokens(request.maxOutputTokens());
    }
    if (request.temperature() != null) {
      inference.temperature(request.temperature().floatValue());
    }
    if (request.topP() != null) {
      inference.topP(request.topP().floatValue());
    }
    if (!request.stop().isEmpty()) {
      inference.stopSequences(request.stop());
    }
    return new Parts(system, messages, inference.build());
  }

  private static software.amazon.awssdk.services.bedrockruntime.model.Message message(
      ConversationRole role, List<ContentBlock> blocks) {
    return software.amazon.awssdk.services.bedrockruntime.model.Message.builder()
        .role(role)
        .content(blocks)
        .build();
  }

  private static String text(Message m) {
    for (ContentPart part : m.content()) {
      if (part instanceof ContentPart.Image) {
        throw unsupported("images are not supported for Bedrock yet");
      }
    }
    return m.text();
  }

  /** The endpoint's extra headers (signed with the request) and the call's total deadline. */
  private static AwsRequestOverrideConfiguration overrides(Endpoint endpoint) {
    AwsRequestOverrideConfiguration.Builder o = AwsRequestOverrideConfiguration.builder();
    for (Map.Entry<String, String> h : endpoint.extraHeaders().entrySet()) {
      o.putHeader(h.getKey(), h.getValue());
    }
    o.apiCallTimeout(endpoint.timeouts().total());
    o.putExecutionAttribute(ResponseCap.MAX_BYTES, endpoint.maxResponseBytes());
    return o.build();
  }

  private static ProviderException unsupported(String message) {
    return ProviderException.builder(dev.switchboard.core.error.ErrorCategory.BAD_REQUEST, message)
        .provider(BedrockErrors.PROVIDER)
        .providerCode("unsupported")
        .build();
  }
}
