package dev.switchboard.platform.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;
import java.util.Optional;

/**
 * The identity store both WARs authenticate against: accounts in the database, PBKDF2 hashes, roles
 * as groups (Liberty maps a group to the role of the same name).
 */
@ApplicationScoped
public class AccountIdentityStore implements IdentityStore {

  private final PasswordHashing hashing = new PasswordHashing();

  @Inject AccountRepository accounts;

  @Override
  public CredentialValidationResult validate(Credential credential) {
    if (!(credential instanceof UsernamePasswordCredential login)) {
      return CredentialValidationResult.NOT_VALIDATED_RESULT;
    }
    char[] password = login.getPassword().getValue();
    Optional<Account> account = accounts.find(login.getCaller());
    if (account.isEmpty() || !account.get().enabled()) {
      hashing.burn(password);
      return CredentialValidationResult.INVALID_RESULT;
    }
    if (!hashing.verify(password, account.get().passwordHash())) {
      return CredentialValidationResult.INVALID_RESULT;
    }
    return new CredentialValidationResult(account.get().username(), account.get().roles());
  }
}
