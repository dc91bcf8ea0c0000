package dev.switchboard.integrations.variables;

import dev.switchboard.integrations.Caller;
import dev.switchboard.integrations.InvalidRequestException;
import dev.switchboard.integrations.VariableUsages;
import dev.switchboard.integrations.secrets.SecretSealer;
import dev.switchboard.platform.audit.AuditTrail;
import dev.switchboard.variables.VariableLookup;
import dev.switchboard.variables.VariableReference;
import dev.switchboard.variables.VariableScope;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Variables per workspace: admins manage every workspace's, users their own workspace's. Secure
 * values are sealed and only ever shown masked; every change is audited without the value.
 */
@ApplicationScoped
public class Variables {

  public static final String TABLE = "sb_variable";
  public static final String SEALED_COLUMN = "secure_value";
  private static final int MAX_VALUE = 2000;

  @Inject VariableStore store;
  @Inject SecretSealer sealer;
  @Inject AuditTrail audit;

  @Inject VariableUsages usages;

  public List<VariableView> list(Caller caller) {
    return store.list(caller.admin() ? null : caller.workspace()).stream().map(this::view).toList();
  }

  public VariableView get(Caller caller, String id) {
    return view(visible(caller, id));
  }

  @Transactional
  public VariableView create(Caller caller, VariableDraft d) {
    VariableScope scope = scope(d.scope());
    String name = name(d.name());
    if (d.value() == null) {
      throw new InvalidRequestException("value", "value is required");
    }
    if (store.find(caller.workspace(), scope, name).isPresent()) {
      throw new InvalidRequestException(
          "name", "variable " + scope.prefix() + "." + name + " exists");
    }
    Variable v =
        new Variable(
            UUID.randomUUID().toString(),
            scope,
            name,
            caller.workspace(),
            caller.username(),
            now());
    setValue(v, Boolean.TRUE.equals(d.secure()), d.value());
    v.describe(limit("description", d.description(), 1000), now());
    store.persist(v);
    audit.record(caller.username(), "variable.created", "variable", v.id, v.workspace, details(v));
    return view(v);
  }

  @Transactional
  public VariableView update(Caller caller, String id, VariableDraft d) {
    Variable v = changeable(caller, id);
    boolean secure = d.secure() == null ? v.secure : d.secure();
    if (d.value() != null) {
      setValue(v, secure, d.value());
    } else if (secure != v.secure) {
      throw new InvalidRequestException(
          "value", "changing whether a variable is secure needs its value again");
    }
    if (d.description() != null) {
      v.describe(limit("description", d.description(), 1000), now());
    }
    store.merge(v);
    audit.record(caller.username(), "variable.updated", "variable", v.id, v.workspace, details(v));
    return view(v);
  }

  @Transactional
  public void delete(Caller caller, String id) {
    Variable v = changeable(caller, id);
    store.remove(v);
    audit.record(caller.username(), "variable.deleted", "variable", v.id, v.workspace, details(v));
  }

  /** Saves sample values typed in at test time as secure variables of the workspace. */
  @Transactional
  public void saveSamples(Caller caller, String workspace, Map<VariableReference, String> samples) {
    samples.forEach(
        (ref, value) -> {
          Variable v =
              store
                  .find(workspace, ref.scope(), ref.name())
                  .orElseGet(
                      () -> {
                        Variable created =
                            new Variable(
                                UUID.randomUUID().toString(),
                                ref.scope(),
                                ref.name(),
                                workspace,
                                caller.username(),
                                now());
                        store.persist(created);
                        return created;
                      });
          if (!caller.admin() && !v.createdBy.equals(caller.username())) {
            throw new InvalidRequestException(
                "samples",
                "{{"
                    + v.reference()
                    + "}} was stored by another user: only an admin or that user may change it");
          }
          setValue(v, true, value);
          store.merge(v);
          audit.record(
              caller.username(), "variable.sample-saved", "variable", v.id, workspace, details(v));
        });
  }

  /** The stored variables of a workspace, read at the moment a reference is resolved. */
  public VariableLookup lookup(String workspace) {
    return (scope, name) -> store.find(workspace, scope, name).map(this::plain);
  }

  /**
   * The stored variables of a workspace for a field that is not a credential (an address, an
   * organization, an ARN): a secure variable there is refused, so a secret never lands in a URL, a
   * log line or an error message.
   */
  public VariableLookup plainLookup(String workspace) {
    return (scope, name) ->
        store
            .find(workspace, scope, name)
            .map(
                v -> {
                  if (v.secure) {
                    throw new InvalidRequestException(
                        "variables",
                        "{{"
                            + v.reference()
                            + "}} is a secret variable: secret variables may be used only in"
                            + " credential fields (the API key and header values)");
                  }
                  return v.plainValue;
                });
  }

  /** Whether a stored variable of the workspace is secure (its value kept sealed). */
  public boolean secure(String workspace, VariableReference ref) {
    return store.find(workspace, ref.scope(), ref.name()).map(v -> v.secure).orElse(false);
  }

  /**
   * Whether the caller may put a secure variable's value into a credential field: admins may, and
   * the member who stored the variable; other members may not, so no one can send a secret an admin
   * (or a colleague) stored to a host of their own choosing.
   */
  public boolean secretUsableBy(Caller caller, String workspace, VariableReference ref) {
    return caller.admin()
        || store
            .find(workspace, ref.scope(), ref.name())
            .map(v -> !v.secure || v.createdBy.equals(caller.username()))
            .orElse(true);
  }

  /** Members change and delete only the variables they stored; admins any. */
  private Variable changeable(Caller caller, String id) {
    Variable v = visible(caller, id);
    if (!caller.admin() && !v.createdBy.equals(caller.username())) {
      throw new InvalidRequestException(
          "id", "only an admin or the user who stored this variable may change or delete it");
    }
    return v;
  }

  private void setValue(Variable v, boolean secure, String value) {
    limit("value", value, MAX_VALUE);
    v.value(
        secure,
        secure ? null : value,
        secure ? sealer.seal(value, TABLE, v.id, SEALED_COLUMN) : null,
        now());
  }

  private String plain(Variable v) {
    return v.secure ? sealer.open(v.sealedValue, TABLE, v.id, SEALED_COLUMN) : v.plainValue;
  }

  private Variable visible(Caller caller, String id) {
    return store
        .find(id)
        .filter(v -> caller.admin() || v.workspace.equals(caller.workspace()))
        .orElseThrow(() -> new VariableNotFoundException(id));
  }

  VariableView view(Variable v) {
    String shown = v.secure ? SecretSealer.mask(plain(v)) : v.plainValue;
    return new VariableView(
        v.id,
        v.scope.prefix(),
        v.name,
        v.reference(),
        v.workspace,
        v.secure,
        shown,
        v.description,
        usages.integrationsUsing(v.workspace, "{{" + v.reference() + "}}"),
        v.updatedAt.toInstant(ZoneOffset.UTC));
  }

  private static Map<String, Object> details(Variable v) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("reference", v.reference());
    m.put("secure", v.secure);
    return m;
  }

  private static VariableScope scope(String s) {
    return Optional.ofNullable(s)
        .flatMap(VariableScope::fromPrefix)
        .orElseThrow(
            () -> new InvalidRequestException("scope", "scope must be env, content or context"));
  }

  private static String name(String n) {
    if (n == null || !VariableReference.isValidName(n)) {
      throw new InvalidRequestException(
          "name", "name must match [A-Za-z_][A-Za-z0-9_.-]* (at most 100 characters)");
    }
    return n;
  }

  private static String limit(String field, String value, int max) {
    if (value != null && value.length() > max) {
      throw new InvalidRequestException(field, field + " must be at most " + max + " characters");
    }
    return value;
  }

  private static LocalDateTime now() {
    return LocalDateTime.now(ZoneOffset.UTC);
  }
}
