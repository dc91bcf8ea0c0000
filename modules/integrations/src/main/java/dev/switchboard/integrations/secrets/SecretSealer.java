package dev.switchboard.integrations.secrets;

import dev.switchboard.platform.database.Database;
import dev.switchboard.platform.database.DatabaseKind;
import dev.switchboard.variables.crypto.Aad;
import dev.switchboard.variables.crypto.EnvelopeCipher;
import dev.switchboard.variables.crypto.MasterKeyRing;
import dev.switchboard.variables.crypto.Secrets;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Seals and opens secrets with the master key ring from configuration: {@code
 * SWITCHBOARD_MASTER_KEY} (the key spec itself), else {@code SWITCHBOARD_MASTER_KEY_FILE}, else,
 * for evaluation only, a key generated at first start into {@code
 * switchboard.secrets.generated-key-file} (beside the embedded Derby files). Never the database.
 */
@ApplicationScoped
public class SecretSealer {

  private static final Logger LOG = System.getLogger(SecretSealer.class.getName());

  @Inject
  @ConfigProperty(name = "switchboard.master.key")
  Optional<String> keySpec;

  @Inject
  @ConfigProperty(name = "switchboard.master.key.file")
  Optional<String> keyFile;

  @Inject
  @ConfigProperty(name = "switchboard.secrets.active-key-version")
  Optional<String> activeVersion;

  @Inject
  @ConfigProperty(name = "switchboard.secrets.generated-key-file")
  Optional<String> generatedKeyFile;

  @Inject Database database;

  private EnvelopeCipher cipher;

  @PostConstruct
  void init() {
    cipher = new EnvelopeCipher(keyRing());
  }

  public String seal(String plaintext, String table, String rowId, String column) {
    return cipher.seal(plaintext, Aad.of(table, rowId, column));
  }

  public String open(String sealed, String table, String rowId, String column) {
    return cipher.open(sealed, Aad.of(table, rowId, column));
  }

  public EnvelopeCipher cipher() {
    return cipher;
  }

  /** A secret as an API may show it: the last four characters at most. */
  public static String mask(String secret) {
    return secret == null ? null : Secrets.mask(secret);
  }

  private MasterKeyRing keyRing() {
    String active = activeVersion.filter(v -> !v.isBlank()).orElse(null);
    if (keySpec.filter(s -> !s.isBlank()).isPresent()) {
      return MasterKeyRing.parse(keySpec.get().trim(), active);
    }
    if (keyFile.filter(s -> !s.isBlank()).isPresent()) {
      return MasterKeyRing.fromFile(Path.of(keyFile.get().trim()), active);
    }
    if (database.kind() != DatabaseKind.DERBY
        || generatedKeyFile.filter(f -> !f.isBlank()).isEmpty()) {
      throw new IllegalStateException(
          "No master key: set SWITCHBOARD_MASTER_KEY or SWITCHBOARD_MASTER_KEY_FILE"
              + " (a key is generated only for the embedded Derby default)");
    }
    Path generated = Path.of(generatedKeyFile.get().trim());
    if (Files.exists(generated)) {
      return MasterKeyRing.fromFile(generated, active);
    }
    LOG.log(
        Level.WARNING,
        "No master key configured: generated one at {0}. It is for evaluation only; set"
            + " SWITCHBOARD_MASTER_KEY or SWITCHBOARD_MASTER_KEY_FILE in production.",
        generated);
    return MasterKeyRing.generateFile(generated);
  }
}
