package dev.switchboard.integrations.variables;

import dev.switchboard.variables.VariableScope;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Optional;

/** Variables in {@code sb_variable}. */
@ApplicationScoped
public class VariableStore {

  @PersistenceContext(unitName = "switchboard-integrations")
  EntityManager em;

  @Transactional
  public Optional<Variable> find(String id) {
    return Optional.ofNullable(em.find(Variable.class, id));
  }

  @Transactional
  public Optional<Variable> find(String workspace, VariableScope scope, String name) {
    return em
        .createQuery(
            "SELECT v FROM Variable v WHERE v.workspace = :w AND v.scope = :s AND v.name = :n",
            Variable.class)
        .setParameter("w", workspace)
        .setParameter("s", scope)
        .setParameter("n", name)
        .getResultList()
        .stream()
        .findFirst();
  }

  @Transactional
  public List<Variable> list(String workspaceOrNullForAll) {
    if (workspaceOrNullForAll == null) {
      return em.createQuery(
              "SELECT v FROM Variable v ORDER BY v.workspace, v.scope, v.name", Variable.class)
          .getResultList();
    }
    return em.createQuery(
            "SELECT v FROM Variable v WHERE v.workspace = :w ORDER BY v.scope, v.name",
            Variable.class)
        .setParameter("w", workspaceOrNullForAll)
        .getResultList();
  }

  @Transactional(Transactional.TxType.MANDATORY)
  public void persist(Variable v) {
    em.persist(v);
  }

  @Transactional(Transactional.TxType.MANDATORY)
  public Variable merge(Variable v) {
    return em.merge(v);
  }

  @Transactional(Transactional.TxType.MANDATORY)
  public void remove(Variable v) {
    em.remove(em.contains(v) ? v : em.merge(v));
  }
}
