package dev.switchboard.console.library;

import dev.switchboard.integrations.AwsSettings;
import java.io.Serializable;
import java.util.Arrays;
import java.util.List;

/**
 * Amazon Bedrock's fields on the wizard's Authorization step. The secret access key is the
 * integration's API key (the wizard's key field); the external id, which views show only masked, is
 * kept when left empty on an edit. {@link dev.switchboard.integrations.Integrations} decides what
 * is valid.
 */
public class AwsForm implements Serializable {

  private static final long serialVersionUID = 1L;

  private String region;
  private String accessKeyId;
  private String roleArn;
  private String stsEndpoint;
  private String externalId;
  private String modelArn;
  private boolean externalIdStored;

  /** Shows an integration's settings; the external id only as "stored". */
  void fill(AwsSettings aws) {
    if (aws == null) {
      return;
    }
    region = aws.region();
    accessKeyId = aws.accessKeyId();
    roleArn = aws.roleArn();
    stsEndpoint = aws.stsEndpoint();
    modelArn = aws.modelArn();
    externalIdStored = aws.externalId() != null;
    externalId = null;
  }

  /** The settings to save; an empty external id keeps a stored one (the view's mask). */
  AwsSettings settings() {
    String ext = blankToNull(externalId);
    if (ext == null && externalIdStored) {
      ext = AwsSettings.MASKED;
    }
    return new AwsSettings(
        blankToNull(region),
        blankToNull(accessKeyId),
        blankToNull(roleArn),
        blankToNull(stsEndpoint),
        ext,
        blankToNull(modelArn),
        null);
  }

  /** The fields that may hold variable references, for the test's sample values. */
  List<String> variableFields() {
    return Arrays.asList(roleArn, stsEndpoint, modelArn);
  }

  /** Puts a picked variable reference into a field; false when the field takes none. */
  boolean use(String field, String reference) {
    switch (field) {
      case "aws_roleArn" -> roleArn = reference;
      case "aws_stsEndpoint" -> stsEndpoint = reference;
      case "aws_modelArn" -> modelArn = reference;
      default -> {
        return false;
      }
    }
    return true;
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }

  public String getRegion() {
    return region;
  }

  public void setRegion(String region) {
    this.region = region;
  }

  public String getAccessKeyId() {
    return accessKeyId;
  }

  public void setAccessKeyId(String accessKeyId) {
    this.accessKeyId = accessKeyId;
  }

  public String getRoleArn() {
    return roleArn;
  }

  public void setRoleArn(String roleArn) {
    this.roleArn = roleArn;
  }

  public String getStsEndpoint() {
    return stsEndpoint;
  }

  public void setStsEndpoint(String stsEndpoint) {
    this.stsEndpoint = stsEndpoint;
  }

  public String getExternalId() {
    return externalId;
  }

  public void setExternalId(String externalId) {
    this.externalId = externalId;
  }

  public String getModelArn() {
    return modelArn;
  }

  public void setModelArn(String modelArn) {
    this.modelArn = modelArn;
  }

  public boolean isExternalIdStored() {
    return externalIdStored;
  }
}
