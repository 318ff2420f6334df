package io.credql.rows;

import org.apache.calcite.linq4j.AbstractEnumerable;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.linq4j.JoinType;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.linq4j.function.Function1;
import org.apache.calcite.linq4j.function.Function2;
import org.apache.calcite.linq4j.function.Predicate2;
import org.checkerframework.checker.nullness.qual.Nullable;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;

import static java.util.Objects.requireNonNull;

/**
 * The batched lookup join at run time: Calcite's batched nested loop join (a batch of outer rows,
 * the inner side asked once for all of them, each outer row then matched against the batch's inner
 * rows, in the outer rows' order), except that the next batch is opened while the current one's
 * last calls are in flight. Once every call of the current batch has started, the next batch's
 * outer rows are read and its requests built, and, from the second batch on, its first calls start,
 * so the calls' window does not empty at a batch boundary. The first batch never overlaps the
 * second's calls: a LIMIT met in it leaves the later keys uncalled. At most two batches are open.
 * The batches grow: the first holds {@code firstBatch} outer rows, so that its calls start early
 * and a LIMIT stops them early, each later one twice as many, up to the join's batch size.
 */
public final class OverlappingBatchJoin {
  /** The scans opened on this thread while a batch's inner side is being opened; null otherwise. */
  private static final ThreadLocal<@Nullable List<CallStreamEnumerator>> OPENING = new ThreadLocal<>();

  private OverlappingBatchJoin() {
  }

  /**
   * The join of {@code outer} with what {@code inner} answers for each batch of outer rows, of
   * {@code firstBatch} rows first, growing to {@code batchSize} (Calcite's
   * {@code EnumerableDefaults.correlateBatchJoin}'s arguments, then {@code firstBatch}).
   */
  public static <S, I, R> Enumerable<R> correlateBatchJoin(JoinType joinType, Enumerable<S> outer,
      Function1<List<S>, Enumerable<I>> inner, Function2<S, @Nullable I, R> resultSelector,
      Predicate2<S, I> predicate, int batchSize, int firstBatch) {
    requireNonNull(joinType, "joinType");
    return new AbstractEnumerable<R>() {
      @Override public Enumerator<R> enumerator() {
        return new Joined<>(joinType, outer.enumerator(), inner, resultSelector, predicate, batchSize, firstBatch);
      }
    };
  }

  /** Tells a lookup join opening a batch on this thread about a scan it opened. */
  static CallStreamEnumerator opened(CallStreamEnumerator scan) {
    final List<CallStreamEnumerator> opening = OPENING.get();
    if (opening != null) {
      opening.add(scan);
    }
    return scan;
  }

  /** One batch: its outer rows, its inner side's rows as they come, and the scans behind them. */
  private static final class Batch<S, I> {
    final List<S> outer;
    final Enumerator<I> inner;
    final List<CallStreamEnumerator> scans;

    Batch(List<S> outer, Enumerator<I> inner, List<CallStreamEnumerator> scans) {
      this.outer = outer;
      this.inner = inner;
      this.scans = scans;
    }

    /** Whether each of the batch's calls has been started, so the window has room for the next. */
    boolean allCallsStarted() {
      for (CallStreamEnumerator scan : scans) {
        if (!scan.allCallsStarted()) {
          return false;
        }
      }
      return true;
    }

    void startCalls() {
      for (CallStreamEnumerator scan : scans) {
        scan.startCalls();
      }
    }
  }

  /** The joined rows, batch after batch. */
  private static final class Joined<S, I, R> implements Enumerator<R> {
    private final JoinType joinType;
    private final Enumerator<S> outerRows;
    private final Function1<List<S>, Enumerable<I>> inner;
    private final Function2<S, @Nullable I, R> resultSelector;
    private final Predicate2<S, I> predicate;
    /** The number of outer rows the inner side binds, and so the most a batch holds. */
    private final int batchSize;
    /** How many outer rows the next batch to open reads. */
    private int nextBatchRows;
    /** The batch being joined; null between batches. */
    private @Nullable Batch<S, I> batch;
    /** The batch after it, opened early; null until then. */
    private @Nullable Batch<S, I> next;
    private int opened;
    private boolean outerEnded;
    /** The current batch's inner rows read so far, matched again for each outer row after the first. */
    private final List<I> innerValues = new ArrayList<>();
    private boolean innerHasNext;
    /** The outer row being matched (its index in the batch) and the inner row it is matched with. */
    private int i;
    private int j;
    private boolean matched;
    /** The joined row: the outer rows of its batch and its index there, and its inner row. */
    private @Nullable List<S> outerOfCurrent;
    private int outerIndex;
    private @Nullable I innerValue;

    Joined(JoinType joinType, Enumerator<S> outerRows, Function1<List<S>, Enumerable<I>> inner,
        Function2<S, @Nullable I, R> resultSelector, Predicate2<S, I> predicate, int batchSize, int firstBatch) {
      this.joinType = joinType;
      this.outerRows = outerRows;
      this.inner = inner;
      this.resultSelector = resultSelector;
      this.predicate = predicate;
      this.batchSize = batchSize;
      this.nextBatchRows = firstBatch > 0 ? Math.min(firstBatch, batchSize) : batchSize;
    }

    @Override public R current() {
      final List<S> rows = outerOfCurrent;
      if (rows == null) {
        throw new NoSuchElementException("current() before moveNext()");
      }
      // by index: a one-column outer row is its value alone, which may be NULL
      return resultSelector.apply(rows.get(outerIndex), innerValue);
    }

    @Override public boolean moveNext() {
      while (true) {
        Batch<S, I> current = batch;
        if (current == null) {
          current = next != null ? next : outerEnded ? null : open();
          next = null;
          if (current == null) {
            return false;
          }
          batch = current;
          i = 0;
          j = 0;
          matched = false;
          innerValues.clear();
          innerHasNext = readInner(current);
          if (!innerHasNext && (joinType == JoinType.INNER || joinType == JoinType.SEMI)) {
            endBatch(current);
            continue;
          }
        }
        if (i == current.outer.size()) {
          endBatch(current);
          continue;
        }
        final S outerRow = current.outer.get(i);
        if (i == 0 ? innerHasNext : j < innerValues.size()) {
          final I innerRow = nextInner(current);
          if (predicate.apply(outerRow, innerRow)) {
            matched = true;
            if (joinType == JoinType.SEMI || joinType == JoinType.ANTI) {
              skipInner(current);
              if (joinType == JoinType.ANTI) {
                continue;
              }
            }
            outerOfCurrent = current.outer;
            outerIndex = i;
            innerValue = innerRow;
            return true;
          }
        } else {
          final boolean unmatched = !matched && (joinType == JoinType.LEFT || joinType == JoinType.ANTI);
          if (unmatched) {
            outerOfCurrent = current.outer;
            outerIndex = i;
            innerValue = null;
          }
          nextOuter();
          if (unmatched) {
            return true;
          }
        }
      }
    }

    /** The next inner row for the current outer row: read from the scan for the first, else again. */
    private I nextInner(Batch<S, I> current) {
      if (i > 0) {
        return innerValues.get(j++);
      }
      final I row = current.inner.current();
      innerValues.add(row);
      innerHasNext = readInner(current);
      return row;
    }

    /** Passes the current outer row's remaining inner rows (SEMI and ANTI need one match only). */
    private void skipInner(Batch<S, I> current) {
      if (i > 0) {
        j = innerValues.size();
        return;
      }
      while (innerHasNext) {
        innerValues.add(current.inner.current());
        innerHasNext = readInner(current);
      }
    }

    private void nextOuter() {
      i++;
      j = 0;
      matched = false;
    }

    /** Reads the batch's next inner row; opens the next batch once all of this one's calls started. */
    private boolean readInner(Batch<S, I> current) {
      final boolean hasNext = current.inner.moveNext();
      if (next == null && !outerEnded && current.allCallsStarted()) {
        next = open();
        if (next != null && opened > 2) {
          next.startCalls();
        }
      }
      return hasNext;
    }

    private void endBatch(Batch<S, I> current) {
      current.inner.close();
      batch = null;
    }

    /** Reads the next batch's outer rows and opens its inner side; null once the outer rows end. */
    private @Nullable Batch<S, I> open() {
      final int most = nextBatchRows;
      nextBatchRows = Math.min(2 * most, batchSize);
      final List<S> rows = new ArrayList<>(Math.min(most, 64));
      while (rows.size() < most && outerRows.moveNext()) {
        rows.add(outerRows.current());
      }
      if (rows.isEmpty()) {
        outerEnded = true;
        return null;
      }
      opened++;
      final List<CallStreamEnumerator> scans = new ArrayList<>(1);
      OPENING.set(scans);
      final Enumerator<I> innerRows;
      try {
        // every correlation variable of the batch is bound: those past the batch's rows to its first
        // row, which the condition's disjunction already holds
        final Enumerable<I> answered = inner.apply(new AbstractList<S>() {
          @Override public S get(int index) {
            return rows.get(index < rows.size() ? index : 0);
          }

          @Override public int size() {
            return batchSize;
          }
        });
        innerRows = answered == null ? Linq4j.emptyEnumerator() : answered.enumerator();
      } finally {
        OPENING.remove();
      }
      return new Batch<>(rows, innerRows, scans);
    }

    @Override public void reset() {
      throw new UnsupportedOperationException("a lookup join cannot be restarted");
    }

    @Override public void close() {
      final Batch<S, I> current = batch;
      final Batch<S, I> early = next;
      batch = null;
      next = null;
      try {
        if (current != null) {
          current.inner.close();
        }
        if (early != null) {
          early.inner.close();
        }
      } finally {
        outerRows.close();
      }
    }
  }
}
