package io.credql.call;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Plain http is allowed only towards this machine, judged from the host's text, never by resolving it. */
class LoopbackHostTest {
  @Test void loopbackLiteralsAndLocalhostAreLoopback() {
    for (String host : new String[] {"127.0.0.1", "127.1.2.3", "127.255.255.255", "localhost", "LOCALHOST",
        "::1", "[::1]", "0:0:0:0:0:0:0:1"}) {
      assertTrue(LoopbackHost.isLoopback(host), host);
    }
  }

  @Test void namesThatMerelyStartWith127AreNotLoopback() {
    for (String host : new String[] {"127.attacker.example", "127.0.0.1.nip.io", "127.0.0.1.example.com",
        "127.0.0", "127.0.0.256", "127.0.0.1.", "128.0.0.1", "10.0.0.1", "localhost.example", "::2",
        "127.0.0.01x", ""}) {
      assertFalse(LoopbackHost.isLoopback(host), host);
    }
  }
}
