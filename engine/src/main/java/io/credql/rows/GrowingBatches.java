package io.credql.rows;

import org.apache.calcite.linq4j.AbstractEnumerable;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;

/**
 * The outer rows of a batched lookup join, ended early into batches that grow: {@code first} rows,
 * then twice as many, and so on until a batch would reach the join's own batch size {@code most},
 * from where the join's batches are its own. Calcite's batched join reads a batch's rows until its
 * size or until the outer rows end, and asks for rows again for the next batch; this enumerator's
 * {@code false} in between ends a batch, not the rows. So a LIMIT met in the first batch leaves
 * the later keys uncalled, and the first calls start once {@code first} rows are read.
 */
public final class GrowingBatches {
  private GrowingBatches() {
  }

  /** {@code outer}'s rows in batches of {@code first}, {@code 2 * first}, ... below {@code most}. */
  public static <T> Enumerable<T> of(Enumerable<T> outer, int first, int most) {
    return new AbstractEnumerable<T>() {
      @Override public Enumerator<T> enumerator() {
        return new Batches<>(outer.enumerator(), first, most);
      }
    };
  }

  /** Ends each batch below the join's own size with one {@code false}. */
  private static final class Batches<T> implements Enumerator<T> {
    private final Enumerator<T> rows;
    private final int most;
    /** Rows of the current batch; 0 once the batches are as large as the join's own. */
    private int batch;
    private int read;

    Batches(Enumerator<T> rows, int first, int most) {
      this.rows = rows;
      this.most = most;
      this.batch = first > 0 && first < most ? first : 0;
    }

    @Override public T current() {
      return rows.current();
    }

    @Override public boolean moveNext() {
      if (batch > 0 && read == batch) {
        read = 0;
        batch = 2 * batch < most ? 2 * batch : 0;
        return false;
      }
      read++;
      return rows.moveNext();
    }

    @Override public void reset() {
      throw new UnsupportedOperationException("the outer rows of a lookup join cannot be restarted");
    }

    @Override public void close() {
      rows.close();
    }
  }
}
