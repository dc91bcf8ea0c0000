package dev.switchboard.integrations;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.LocalDateTime;

/**
 * The wire of a bring-your-own integration: its request template, response mapping, streaming and
 * saved test payload. The template is stored as written: secrets belong in variables it references,
 * which stay sealed in their own table.
 */
@Entity
@jakarta.persistence.EntityListeners(dev.switchboard.platform.config.ConfigChanges.class)
@Table(name = "sb_custom_llm")
public class CustomLlm {

  @Id
  @Column(name = "integration_id", length = 36)
  String integrationId;

  @Column(name = "request_template", nullable = false, length = 16000)
  String requestTemplate;

  @Column(name = "text_path", nullable = false, length = 500)
  String textPath;

  @Column(name = "finish_reason_path", length = 500)
  String finishReasonPath;

  @Column(name = "input_tokens_path", length = 500)
  String inputTokensPath;

  @Column(name = "output_tokens_path", length = 500)
  String outputTokensPath;

  @Column(name = "stream_format", length = 10)
  String streamFormat;

  @Column(name = "stream_delta_path", length = 500)
  String streamDeltaPath;

  @Column(name = "stream_finish_reason_path", length = 500)
  String streamFinishReasonPath;

  @Column(name = "stream_input_tokens_path", length = 500)
  String streamInputTokensPath;

  @Column(name = "stream_output_tokens_path", length = 500)
  String streamOutputTokensPath;

  @Column(name = "test_payload", length = 16000)
  String testPayload;

  @Column(name = "updated_at", nullable = false)
  LocalDateTime updatedAt;

  @Version
  @Column(name = "version", nullable = false)
  long version;

  protected CustomLlm() {}

  CustomLlm(String integrationId) {
    this.integrationId = integrationId;
  }

  /** Sets every field from a checked description. */
  void configure(CustomLlmRules.Checked c, LocalDateTime now) {
    requestTemplate = c.template();
    textPath = c.response().textPath();
    finishReasonPath = c.response().finishReasonPath();
    inputTokensPath = c.response().inputTokensPath();
    outputTokensPath = c.response().outputTokensPath();
    CustomLlmDraft.Streaming s = c.stream();
    streamFormat = s == null ? null : s.format();
    streamDeltaPath = s == null ? null : s.deltaPath();
    streamFinishReasonPath = s == null ? null : s.finishReasonPath();
    streamInputTokensPath = s == null ? null : s.inputTokensPath();
    streamOutputTokensPath = s == null ? null : s.outputTokensPath();
    testPayload = c.testPayload();
    updatedAt = now;
  }
}
