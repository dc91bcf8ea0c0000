package dev.switchboard.console.library;

import dev.switchboard.integrations.Caller;
import dev.switchboard.integrations.CustomLlmDraft;
import dev.switchboard.integrations.CustomLlmView;
import dev.switchboard.integrations.CustomLlms;
import java.io.Serializable;
import java.util.List;

/**
 * A bring-your-own integration's wire as the wizard shows it: the request template and test payload
 * as JSON text, the response mapping and the optional streaming. It only carries what was typed;
 * {@link CustomLlms#set} (as {@code PUT /integrations/{id}/custom-llm}) checks it, and its refusals
 * name fields such as {@code response.textPath}, shown at the input {@code response_textPath}.
 */
public class CustomLlmForm implements Serializable {

  private static final long serialVersionUID = 1L;

  static final String EXAMPLE_TEMPLATE =
      "{\"input\": \"{{prompt}}\", \"params\": {\"max_tokens\": \"{{max_tokens}}\"}}";
  static final String EXAMPLE_PAYLOAD =
      "{\"messages\": [{\"role\": \"user\", \"content\": \"Are you there?\"}], \"max_tokens\": 4}";

  private String requestTemplate = EXAMPLE_TEMPLATE;
  private String textPath;
  private String finishReasonPath;
  private String inputTokensPath;
  private String outputTokensPath;
  private boolean streaming;
  private String streamFormat = "sse";
  private String deltaPath;
  private String streamFinishReasonPath;
  private String streamInputTokensPath;
  private String streamOutputTokensPath;
  private String testPayload = EXAMPLE_PAYLOAD;
  private List<String> warnings = List.of();
  private List<String> variables = List.of();

  /** The draft last saved (or loaded): saving it again is skipped. */
  private CustomLlmDraft saved;

  /** Shows the integration's saved wire, if it has one. */
  void fill(CustomLlmView v) {
    requestTemplate = v.requestTemplate();
    CustomLlmDraft.Mapping m = v.response();
    textPath = m.textPath();
    finishReasonPath = m.finishReasonPath();
    inputTokensPath = m.inputTokensPath();
    outputTokensPath = m.outputTokensPath();
    CustomLlmDraft.Streaming s = v.stream();
    streaming = s != null;
    if (s != null) {
      streamFormat = s.format();
      deltaPath = s.deltaPath();
      streamFinishReasonPath = s.finishReasonPath();
      streamInputTokensPath = s.inputTokensPath();
      streamOutputTokensPath = s.outputTokensPath();
    }
    testPayload = v.testPayload();
    warnings = v.warnings();
    variables = v.variables();
    saved = draft();
  }

  CustomLlmDraft draft() {
    CustomLlmDraft.Streaming stream =
        streaming
            ? new CustomLlmDraft.Streaming(
                streamFormat,
                blankToNull(deltaPath),
                blankToNull(streamFinishReasonPath),
                blankToNull(streamInputTokensPath),
                blankToNull(streamOutputTokensPath))
            : null;
    return new CustomLlmDraft(
        blankToNull(requestTemplate),
        new CustomLlmDraft.Mapping(
            blankToNull(textPath),
            blankToNull(finishReasonPath),
            blankToNull(inputTokensPath),
            blankToNull(outputTokensPath)),
        stream,
        blankToNull(testPayload));
  }

  /**
   * Saves the wire through the service unless it is unchanged.
   *
   * @return whether something was saved
   * @throws dev.switchboard.integrations.InvalidRequestException the service's refusal
   */
  boolean save(CustomLlms service, Caller caller, String integrationId) {
    CustomLlmDraft d = draft();
    if (d.equals(saved)) {
      return false;
    }
    CustomLlmView v = service.set(caller, integrationId, d);
    warnings = v.warnings();
    variables = v.variables();
    saved = d;
    return true;
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }

  /** The variable references the saved template uses ({@code env.NAME}). */
  List<String> variables() {
    return variables;
  }

  public List<String> getWarnings() {
    return warnings;
  }

  public String getRequestTemplate() {
    return requestTemplate;
  }

  public void setRequestTemplate(String requestTemplate) {
    this.requestTemplate = requestTemplate;
  }

  public String getTextPath() {
    return textPath;
  }

  public void setTextPath(String textPath) {
    this.textPath = textPath;
  }

  public String getFinishReasonPath() {
    return finishReasonPath;
  }

  public void setFinishReasonPath(String finishReasonPath) {
    this.finishReasonPath = finishReasonPath;
  }

  public String getInputTokensPath() {
    return inputTokensPath;
  }

  public void setInputTokensPath(String inputTokensPath) {
    this.inputTokensPath = inputTokensPath;
  }

  public String getOutputTokensPath() {
    return outputTokensPath;
  }

  public void setOutputTokensPath(String outputTokensPath) {
    this.outputTokensPath = outputTokensPath;
  }

  public boolean isStreaming() {
    return streaming;
  }

  public void setStreaming(boolean streaming) {
    this.streaming = streaming;
  }

  public String getStreamFormat() {
    return streamFormat;
  }

  public void setStreamFormat(String streamFormat) {
    this.streamFormat = streamFormat;
  }

  public String getDeltaPath() {
    return deltaPath;
  }

  public void setDeltaPath(String deltaPath) {
    this.deltaPath = deltaPath;
  }

  public String getStreamFinishReasonPath() {
    return streamFinishReasonPath;
  }

  public void setStreamFinishReasonPath(String streamFinishReasonPath) {
    this.streamFinishReasonPath = streamFinishReasonPath;
  }

  public String getStreamInputTokensPath() {
    return streamInputTokensPath;
  }

  public void setStreamInputTokensPath(String streamInputTokensPath) {
    this.streamInputTokensPath = streamInputTokensPath;
  }

  public String getStreamOutputTokensPath() {
    return streamOutputTokensPath;
  }

  public void setStreamOutputTokensPath(String streamOutputTokensPath) {
    this.streamOutputTokensPath = streamOutputTokensPath;
  }

  public String getTestPayload() {
    return testPayload;
  }

  public void setTestPayload(String testPayload) {
    this.testPayload = testPayload;
  }
}
