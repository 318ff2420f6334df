package io.credql.call;

import java.util.Locale;

/**
 * Whether a URL's host is this machine, decided from its text alone: {@code localhost}, an IPv4
 * literal in 127.0.0.0/8 or the IPv6 literal {@code ::1}. Names are never resolved, so
 * {@code 127.attacker.example} or {@code 127.0.0.1.nip.io} are not loopback.
 */
public final class LoopbackHost {
  private LoopbackHost() {
  }

  /** Whether plain http may be used towards {@code host} (as {@link okhttp3.HttpUrl#host()} gives it). */
  public static boolean isLoopback(String host) {
    final String name = host.toLowerCase(Locale.ROOT);
    if (name.equals("localhost")) {
      return true;
    }
    final String bare = name.startsWith("[") && name.endsWith("]") ? name.substring(1, name.length() - 1) : name;
    if (bare.equals("::1") || bare.equals("0:0:0:0:0:0:0:1")) {
      return true;
    }
    return isIpv4Loopback(name);
  }

  /** Four dotted decimal octets, each 0-255, the first 127. */
  private static boolean isIpv4Loopback(String host) {
    final String[] octets = host.split("\\.", -1);
    if (octets.length != 4) {
      return false;
    }
    for (String octet : octets) {
      if (octet.isEmpty() || octet.length() > 3) {
        return false;
      }
      for (int i = 0; i < octet.length(); i++) {
        if (octet.charAt(i) < '0' || octet.charAt(i) > '9') {
          return false;
        }
      }
      if (Integer.parseInt(octet) > 255) {
        return false;
      }
    }
    return Integer.parseInt(octets[0]) == 127;
  }
}
