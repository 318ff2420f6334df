package io.credql.registry;

import java.util.Comparator;

/**
 * Orders StackQL's provider versions ({@code v0.1.10}, {@code v23.01.00104}, {@code v00.00.00000})
 * by their numbers, part by part, so {@code v0.1.10} comes after {@code v0.1.9}.
 */
public final class VersionOrder implements Comparator<String> {
  public static final VersionOrder INSTANCE = new VersionOrder();

  private VersionOrder() {
  }

  @Override public int compare(String a, String b) {
    final String[] left = a.replaceFirst("^[vV]", "").split("[.\\-]");
    final String[] right = b.replaceFirst("^[vV]", "").split("[.\\-]");
    for (int i = 0; i < Math.max(left.length, right.length); i++) {
      final String l = i < left.length ? left[i] : "";
      final String r = i < right.length ? right[i] : "";
      final int c = l.matches("\\d+") && r.matches("\\d+")
          ? new java.math.BigInteger(l).compareTo(new java.math.BigInteger(r))
          : l.compareTo(r);
      if (c != 0) {
        return c;
      }
    }
    return a.compareTo(b);
  }
}
