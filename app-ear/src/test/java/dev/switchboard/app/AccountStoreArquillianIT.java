package dev.switchboard.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.platform.security.Account;
import dev.switchboard.platform.security.AccountIdentityStore;
import dev.switchboard.platform.security.AccountRepository;
import dev.switchboard.platform.security.Roles;
import jakarta.inject.Inject;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import java.util.Set;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.EmptyAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * In-container: the CDI account repository and identity store, with JPA on the server's real
 * datasource, deployed by Arquillian beside the running EAR.
 */
@ExtendWith(ArquillianExtension.class)
class AccountStoreArquillianIT {

  @Deployment
  static WebArchive deployment() {
    return TestArchives.withPlatform(
        ShrinkWrap.create(WebArchive.class, "account-store-it.war")
            .addAsWebInfResource(EmptyAsset.INSTANCE, "beans.xml"));
  }

  @Inject AccountRepository accounts;
  @Inject AccountIdentityStore identityStore;

  @Test
  void aCreatedAccountIsStoredHashedAndFoundAgain() {
    String name = "arq-" + UUID.randomUUID();

    accounts.create(name, "first-Password-1".toCharArray(), Set.of(Roles.USER));

    Account found = accounts.find(name).orElseThrow();
    assertEquals(Set.of(Roles.USER), found.roles());
    assertTrue(found.passwordHash().startsWith("pbkdf2-sha256$"));
    assertFalse(found.passwordHash().contains("first-Password-1"));
  }

  @Test
  void theIdentityStoreAcceptsTheRightPasswordWithTheAccountsRolesAndRefusesAWrongOne() {
    String name = "arq-" + UUID.randomUUID();
    accounts.create(name, "second-Password-2".toCharArray(), Set.of(Roles.ADMIN));

    CredentialValidationResult ok =
        identityStore.validate(new UsernamePasswordCredential(name, "second-Password-2"));
    CredentialValidationResult wrong =
        identityStore.validate(new UsernamePasswordCredential(name, "second-Password-3"));
    CredentialValidationResult unknown =
        identityStore.validate(new UsernamePasswordCredential(name + "-x", "second-Password-2"));

    assertEquals(CredentialValidationResult.Status.VALID, ok.getStatus());
    assertEquals(name, ok.getCallerPrincipal().getName());
    assertEquals(Set.of(Roles.ADMIN), ok.getCallerGroups());
    assertEquals(CredentialValidationResult.Status.INVALID, wrong.getStatus());
    assertEquals(CredentialValidationResult.Status.INVALID, unknown.getStatus());
  }
}
