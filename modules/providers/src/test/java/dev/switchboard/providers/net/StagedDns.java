package dev.switchboard.providers.net;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * DNS answers staged by a test for names it invents: each lookup of a name takes its next staged
 * answer, and the last one repeats. Unknown names do not resolve. Lets tests stage rebinding (a
 * name that answers differently the second time) and prove pinning: a name the system resolver does
 * not know can only be reached at the address the policy checked.
 */
public final class StagedDns {

  private final Map<String, Deque<InetAddress[]>> answers = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> lookups = new ConcurrentHashMap<>();

  /** Stages one more answer for a name: the addresses, as literals. */
  public StagedDns answer(String host, String... addresses) {
    InetAddress[] answer = new InetAddress[addresses.length];
    try {
      for (int i = 0; i < addresses.length; i++) {
        byte[] bytes = InetAddress.getByName(addresses[i]).getAddress();
        answer[i] = InetAddress.getByAddress(host, bytes);
      }
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(e);
    }
    answers.computeIfAbsent(host, h -> new ArrayDeque<>()).addLast(answer);
    return this;
  }

  /** The policy, resolving names here instead of the system resolver. */
  public AddressPolicy applyTo(AddressPolicy policy) {
    return policy.withResolver(this::resolve);
  }

  public int lookups(String host) {
    return lookups.computeIfAbsent(host, h -> new AtomicInteger()).get();
  }

  private InetAddress[] resolve(String host) throws UnknownHostException {
    lookups.computeIfAbsent(host, h -> new AtomicInteger()).incrementAndGet();
    Deque<InetAddress[]> staged = answers.get(host);
    if (staged == null) {
      throw new UnknownHostException(host);
    }
    synchronized (staged) {
      return staged.size() > 1 ? staged.removeFirst() : staged.getFirst();
    }
  }
}
