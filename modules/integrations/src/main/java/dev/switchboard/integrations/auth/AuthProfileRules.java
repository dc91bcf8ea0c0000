package dev.switchboard.integrations.auth;

import dev.switchboard.integrations.InvalidRequestException;
import dev.switchboard.variables.HeaderRules;
import dev.switchboard.variables.Template;
import dev.switchboard.variables.VariablesException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Base64;
import java.util.Locale;
import java.util.regex.Pattern;

/** The rules an auth profile's fields must meet for its kind; each failure names its field. */
final class AuthProfileRules {

  private static final Pattern REALM = Pattern.compile("[A-Z0-9][A-Z0-9.-]{0,199}");
  private static final Pattern KDC = Pattern.compile("[A-Za-z0-9.-]{1,253}(:[0-9]{1,5})?");

  private AuthProfileRules() {}

  /**
   * Checks a draft.
   *
   * @param secretRequired whether the secret (or, for Kerberos, a keytab or password) must be
   *     given: on create, when the kind changes, and when the token endpoint changes
   */
  static void check(AuthProfileDraft d, boolean secretRequired) {
    if (d.name() == null || d.name().isBlank()) {
      throw new InvalidRequestException("name", "name is required");
    }
    max("name", d.name(), 100);
    if (d.kind() == null) {
      throw new InvalidRequestException(
          "kind",
          "kind is required: NONE, API_KEY, BEARER, BASIC, OAUTH2_CLIENT_CREDENTIALS or"
              + " KERBEROS_SPNEGO");
    }
    max("secret", d.secret(), 2000);
    max("username", d.username(), 300);
    max("scope", d.scope(), 1000);
    max("audience", d.audience(), 1000);
    templates(d);
    boolean noSecret = blank(d.secret());
    switch (d.kind()) {
      case NONE -> {}
      case API_KEY -> {
        required("headerName", d.headerName());
        try {
          HeaderRules.checkName(d.headerName().trim());
        } catch (VariablesException e) {
          throw new InvalidRequestException("headerName", e.getMessage());
        }
        if (HeaderRules.isForbidden(d.headerName().trim())) {
          throw new InvalidRequestException(
              "headerName", d.headerName().trim() + " cannot carry a key");
        }
        secret(secretRequired && noSecret, "the API key");
      }
      case BEARER -> secret(secretRequired && noSecret, "the bearer token");
      case BASIC -> {
        required("username", d.username());
        if (d.username().contains(":")) {
          throw new InvalidRequestException("username", "a basic user name cannot contain ':'");
        }
        secret(secretRequired && noSecret, "the password");
      }
      case OAUTH2_CLIENT_CREDENTIALS -> {
        required("username", d.username());
        required("tokenEndpoint", d.tokenEndpoint());
        url(d.tokenEndpoint().trim());
        secret(secretRequired && noSecret, "the client secret");
      }
      case KERBEROS_SPNEGO -> kerberos(d, secretRequired);
    }
  }

  private static void kerberos(AuthProfileDraft d, boolean secretRequired) {
    required("username", d.username());
    required("realm", d.realm());
    if (!REALM.matcher(d.realm().trim()).matches()) {
      throw new InvalidRequestException(
          "realm", "a realm is upper-case letters, digits, dots and dashes, e.g. EXAMPLE.COM");
    }
    if (!blank(d.kdc()) && !KDC.matcher(d.kdc().trim()).matches()) {
      throw new InvalidRequestException("kdc", "kdc must be host or host:port");
    }
    if (!blank(d.keytab())) {
      keytab(d.keytab());
    } else if (secretRequired && blank(d.secret())) {
      throw new InvalidRequestException("keytab", "a keytab (base64) or a password is required");
    }
  }

  /**
   * An update of a profile of the same kind that changes where its secret goes or whose it is (the
   * token endpoint or client id of OAuth 2.0; the KDC, realm or principal of Kerberos; the basic
   * user) must give the secret again, so a stored secret is never sent to a new server or used as
   * another identity's. API key and bearer profiles name no address: the integration's address is
   * theirs, guarded where it changes.
   *
   * @throws InvalidRequestException on the secret's field, naming what changed
   */
  static void secretAgain(AuthProfile p, AuthProfileDraft d) {
    boolean newSecret = !blank(d.secret());
    switch (p.kind) {
      case OAUTH2_CLIENT_CREDENTIALS -> {
        String changed =
            changed(p.tokenEndpoint, d.tokenEndpoint(), "the token endpoint")
                .or(() -> changed(p.username, d.username(), "the client id"))
                .orElse(null);
        if (changed != null && !newSecret) {
          throw new InvalidRequestException(
              "secret", "changing " + changed + " requires the client secret again");
        }
      }
      case BASIC -> {
        if (changed(p.username, d.username(), "the user").isPresent() && !newSecret) {
          throw new InvalidRequestException(
              "secret", "changing the user requires the password again");
        }
      }
      case KERBEROS_SPNEGO -> {
        String changed =
            changed(p.kdc, d.kdc(), "the KDC")
                .or(() -> changed(p.realm, d.realm(), "the realm"))
                .or(() -> changed(p.username, d.username(), "the principal"))
                .orElse(null);
        if (changed != null && !newSecret && blank(d.keytab())) {
          throw new InvalidRequestException(
              p.keytabSealed != null ? "keytab" : "secret",
              "changing " + changed + " requires the keytab or the password again");
        }
      }
      default -> {}
    }
  }

  private static java.util.Optional<String> changed(String stored, String given, String what) {
    return java.util.Objects.equals(stored, trimmed(given))
        ? java.util.Optional.empty()
        : java.util.Optional.of(what);
  }

  /** A keytab is base64 of the MIT format, version 0x0502, and at most 8 KiB. */
  static byte[] keytab(String base64) {
    byte[] bytes;
    try {
      bytes = Base64.getMimeDecoder().decode(base64.trim());
    } catch (IllegalArgumentException e) {
      throw new InvalidRequestException("keytab", "keytab must be the keytab file in base64");
    }
    if (bytes.length < 2 || bytes[0] != 0x05 || bytes[1] != 0x02 || bytes.length > 8192) {
      throw new InvalidRequestException(
          "keytab", "keytab is not a Kerberos keytab (version 0x0502, at most 8 KiB)");
    }
    return bytes;
  }

  private static void templates(AuthProfileDraft d) {
    String[][] fields = {
      {"secret", d.secret()}, {"username", d.username()}, {"tokenEndpoint", d.tokenEndpoint()}
    };
    for (String[] f : fields) {
      try {
        Template.parse(f[1]);
      } catch (VariablesException e) {
        throw new InvalidRequestException(f[0], e.getMessage());
      }
    }
  }

  /** Token endpoints are absolute http(s) URLs with a host and no user info (or a variable). */
  private static void url(String value) {
    max("tokenEndpoint", value, 2000);
    if (value.contains("{{")) {
      return;
    }
    try {
      URI uri = new URI(value);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!scheme.equals("http") && !scheme.equals("https")) {
        throw new InvalidRequestException("tokenEndpoint", "tokenEndpoint must be an http(s) URL");
      }
      if (uri.getHost() == null || uri.getRawUserInfo() != null) {
        throw new InvalidRequestException(
            "tokenEndpoint", "tokenEndpoint must name a host and hold no user name or password");
      }
    } catch (URISyntaxException e) {
      throw new InvalidRequestException("tokenEndpoint", "tokenEndpoint is not a valid URL");
    }
  }

  private static void secret(boolean missing, String what) {
    if (missing) {
      throw new InvalidRequestException("secret", what + " is required");
    }
  }

  private static void required(String field, String value) {
    if (blank(value)) {
      throw new InvalidRequestException(field, field + " is required for this kind");
    }
  }

  private static void max(String field, String value, int max) {
    if (value != null && value.length() > max) {
      throw new InvalidRequestException(field, field + " must be at most " + max + " characters");
    }
  }

  static boolean blank(String s) {
    return s == null || s.isBlank();
  }

  static String trimmed(String s) {
    return blank(s) ? null : s.trim();
  }
}
