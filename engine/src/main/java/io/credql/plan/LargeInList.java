package io.credql.plan;

import com.google.common.collect.Range;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUnknownAs;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.util.Sarg;
import org.checkerframework.checker.nullness.qual.Nullable;

import java.util.ArrayList;
import java.util.List;

/**
 * A long search of one input column for a set of values ({@code label IN (...ten thousand
 * values...)}, or as many {@code OR}ed equalities, which Calcite folds into the same search), or
 * for any value but them ({@code NOT IN}), too long to compile into code: generated code spells
 * out one comparison per value, and a Java method holds some thousands at most.
 *
 * @param column the input column searched
 * @param values the values, in order
 * @param excluding whether rows must hold none of the values rather than one of them
 */
record LargeInList(int column, List<Comparable<?>> values, boolean excluding) {
  /** Lists shorter than this compile into small enough code. */
  private static final int LARGE = 64;

  /** The long list {@code conjunct} searches for, or null if it is no such search. */
  static @Nullable LargeInList of(RexNode conjunct) {
    if (conjunct.getKind() != SqlKind.SEARCH) {
      return null;
    }
    final List<RexNode> operands = ((RexCall) conjunct).getOperands();
    if (!(operands.get(0) instanceof RexInputRef) || !(operands.get(1) instanceof RexLiteral)) {
      return null;
    }
    final Sarg<?> sarg = ((RexLiteral) operands.get(1)).getValueAs(Sarg.class);
    if (sarg == null || sarg.nullAs == RexUnknownAs.TRUE) {
      return null;
    }
    final int column = ((RexInputRef) operands.get(0)).getIndex();
    if (sarg.isPoints() && sarg.pointCount >= LARGE) {
      return new LargeInList(column, endpoints(sarg.rangeSet.asRanges()), false);
    }
    if (sarg.isComplementedPoints() && sarg.rangeSet.complement().asRanges().size() >= LARGE) {
      return new LargeInList(column, endpoints(sarg.rangeSet.complement().asRanges()), true);
    }
    return null;
  }

  private static List<Comparable<?>> endpoints(Iterable<? extends Range<?>> ranges) {
    final List<Comparable<?>> values = new ArrayList<>();
    ranges.forEach(range -> values.add(range.lowerEndpoint()));
    return values;
  }

  /**
   * The values as one-column rows of literals of the searched column's {@code type}, or null if
   * one of them has no literal of that type.
   */
  @Nullable List<List<RexLiteral>> tuples(RexBuilder rexBuilder, RelDataType type) {
    final List<List<RexLiteral>> tuples = new ArrayList<>(values.size());
    for (Comparable<?> value : values) {
      final RexNode literal = rexBuilder.makeLiteral(value, type, false, true);
      if (!(literal instanceof RexLiteral)) {
        return null;
      }
      tuples.add(List.of((RexLiteral) literal));
    }
    return tuples;
  }
}
