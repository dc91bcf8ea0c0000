package dev.switchboard.simulator.aws;

import dev.switchboard.simulator.wire.Call;
import dev.switchboard.simulator.wire.Family;
import dev.switchboard.simulator.wire.Reply;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * AWS STS under {@code /sts} and at the root path {@code /}: the query API's {@code AssumeRole} (a
 * form-encoded POST, signed with SigV4 for service {@code sts}), answering XML with temporary
 * credentials that expire after the simulator's session lifetime. Errors use the query protocol's
 * {@code ErrorResponse} XML.
 */
public final class StsFamily extends Family {

  private static final Pattern ROLE_ARN =
      Pattern.compile("arn:aws[a-z-]*:iam::\\d{12}:role/[\\w+=,.@/-]{1,512}");
  private static final String NS = "https://sts.amazonaws.com/doc/2011-06-15/";

  private final AwsAccount account;
  private final SigV4Check signatures;

  public StsFamily(AwsAccount account) {
    super("sts");
    this.account = account;
    this.signatures = new SigV4Check(account);
  }

  @Override
  public boolean authorized(Call call) {
    return signatures.accepts(call, "sts");
  }

  /** The SDK's STS client sends to the endpoint override's root, whatever path it has. */
  @Override
  public boolean servesRoot() {
    return true;
  }

  @Override
  public boolean streams(Call call) {
    return false;
  }

  @Override
  public void handle(Call call) throws IOException {
    Map<String, String> form = form(new String(call.body(), StandardCharsets.UTF_8));
    if (!"POST".equals(call.method()) || !"/".equals(call.path())) {
      sendError(call, 404, "UnknownOperationException", "Unknown operation");
      return;
    }
    String action = form.getOrDefault("Action", "");
    if (!action.equals("AssumeRole")) {
      sendError(call, 400, "InvalidAction", "Could not find operation " + action);
      return;
    }
    String roleArn = form.get("RoleArn");
    String sessionName = form.get("RoleSessionName");
    if (roleArn == null || !ROLE_ARN.matcher(roleArn).matches()) {
      sendError(call, 400, "ValidationError", "roleArn is not a valid IAM role ARN");
      return;
    }
    if (sessionName == null || sessionName.isEmpty()) {
      sendError(call, 400, "ValidationError", "roleSessionName must not be empty");
      return;
    }
    if (roleArn.endsWith("/denied")) {
      sendError(
          call,
          403,
          "AccessDenied",
          "User is not authorized to perform: sts:AssumeRole on resource: " + roleArn);
      return;
    }
    AwsAccount.Key key = account.assume(roleArn, form.get("ExternalId"));
    String account12 = roleArn.split(":")[4];
    String roleName = roleArn.substring(roleArn.indexOf(":role/") + 6);
    String xml =
        "<AssumeRoleResponse xmlns=\""
            + NS
            + "\">\n"
            + "  <AssumeRoleResult>\n"
            + "    <Credentials>\n"
            + "      <AccessKeyId>"
            + key.accessKeyId()
            + "</AccessKeyId>\n"
            + "      <SecretAccessKey>"
            + key.secret()
            + "</SecretAccessKey>\n"
            + "      <SessionToken>"
            + key.sessionToken()
            + "</SessionToken>\n"
            + "      <Expiration>"
            + DateTimeFormatter.ISO_INSTANT.format(key.expiresAt())
            + "</Expiration>\n"
            + "    </Credentials>\n"
            + "    <AssumedRoleUser>\n"
            + "      <AssumedRoleId>AROASIMULATOR:"
            + escape(sessionName)
            + "</AssumedRoleId>\n"
            + "      <Arn>arn:aws:sts::"
            + account12
            + ":assumed-role/"
            + escape(roleName)
            + "/"
            + escape(sessionName)
            + "</Arn>\n"
            + "    </AssumedRoleUser>\n"
            + "    <PackedPolicySize>0</PackedPolicySize>\n"
            + "  </AssumeRoleResult>\n"
            + "  <ResponseMetadata>\n"
            + "    <RequestId>"
            + requestId(call)
            + "</RequestId>\n"
            + "  </ResponseMetadata>\n"
            + "</AssumeRoleResponse>\n";
    call.responseHeaders().set("x-amzn-RequestId", requestId(call));
    call.send(200, "text/xml", Reply.utf8(xml));
  }

  @Override
  public void sendError(Call call, int status, String code, String message) throws IOException {
    String errorCode = code;
    String text = message;
    if (INVALID_KEY.equals(code)) {
      SigV4Check.Verdict verdict = signatures.verify(call, "sts");
      status = 403;
      errorCode =
          verdict == SigV4Check.Verdict.BAD_SIGNATURE ? "SignatureDoesNotMatch" : verdict.code();
      text = verdict.message();
    } else if (code == null || code.equals(INVALID_REQUEST) || code.equals(NOT_FOUND)) {
      errorCode =
          switch (status) {
            case 400 -> "ValidationError";
            case 403 -> "AccessDenied";
            case 429 -> "Throttling";
            case 503 -> "ServiceUnavailable";
            default -> "InternalFailure";
          };
    }
    if (text == null) {
      text = "Simulated " + errorCode;
    }
    String xml =
        "<ErrorResponse xmlns=\""
            + NS
            + "\">\n  <Error>\n    <Type>"
            + (status < 500 ? "Sender" : "Receiver")
            + "</Type>\n    <Code>"
            + escape(errorCode)
            + "</Code>\n    <Message>"
            + escape(text)
            + "</Message>\n  </Error>\n  <RequestId>"
            + requestId(call)
            + "</RequestId>\n</ErrorResponse>\n";
    call.responseHeaders().set("x-amzn-RequestId", requestId(call));
    call.send(status, "text/xml", Reply.utf8(xml));
  }

  private static String requestId(Call call) {
    return "00000000-0000-4000-8000-" + String.format("%012d", Long.parseLong(call.id()));
  }

  private static Map<String, String> form(String body) {
    Map<String, String> form = new HashMap<>();
    for (String pair : body.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      form.put(
          URLDecoder.decode(name, StandardCharsets.UTF_8),
          URLDecoder.decode(value, StandardCharsets.UTF_8));
    }
    return form;
  }

  static String escape(String s) {
    return s.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
