package io.credql.jdbc;

import io.credql.redact.Redactor;
import org.apache.calcite.plan.RelOptPlanner;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a user reads when Calcite fails inside a statement. */
class JdbcErrorsTest {
  @Test void aStatementCalciteFindsNoPlanForFailsWithOneLineSayingWhatToDoAndNoPlannerDump() {
    final SQLException error = JdbcErrors.translate(new RuntimeException("Error while preparing statement [SELECT 1]",
        new RelOptPlanner.CannotPlanException("There are not enough rules to produce a node with desired properties:"
            + " convention=ENUMERABLE, sort=[].\nMissing conversion is LogicalJoin[convention: NONE -> ENUMERABLE]")),
        new Redactor());
    assertFalse(error.getMessage().contains("rules"), error.getMessage());
    assertFalse(error.getMessage().contains("\n"), error.getMessage());
    assertTrue(error.getMessage().startsWith("credql found no way to run this statement"), error.getMessage());
    assertTrue(error.getMessage().contains("split the statement"), error.getMessage());
    assertEquals("0A000", error.getSQLState());
  }
}
