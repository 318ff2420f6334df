package io.credql.document;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The spellings a name answers to: the document's own, credql's snake_case form, and the form
 * StackQL's code makes (any-sdk {@code pkg/casing}, botocore's {@code xform_name}).
 */
class SqlNamesTest {
  @Test void acronymsAndDigitsAreSpelledAsStackqlSpellsThem() {
    assertEquals("db_instance_identifier", SqlNames.stackqlSnakeCase("DBInstanceIdentifier"));
    assertEquals("vpc_id", SqlNames.stackqlSnakeCase("VPCId"));
    assertEquals("ipv_4_address", SqlNames.stackqlSnakeCase("ipv4Address"));
    assertEquals("list_arns", SqlNames.stackqlSnakeCase("ListARNs"));
    assertEquals("already_snake", SqlNames.stackqlSnakeCase("already_snake"));
    assertEquals("ipv4_address", SqlNames.snakeCase("ipv4Address"));
  }

  @Test void aNameAnswersToItsOtherCasingsAndToStackqlsSpelling() {
    assertTrue(SqlNames.answersTo("system_data", "systemData"));
    assertTrue(SqlNames.answersTo("SystemData", "system_data"));
    assertTrue(SqlNames.answersTo("SYSTEMDATA", "systemData"));
    assertTrue(SqlNames.answersTo("db_instance_identifier", "DBInstanceIdentifier"));
    assertTrue(SqlNames.answersTo("ipv_4_address", "ipv4Address"));
    assertTrue(SqlNames.answersTo("ipv4_address", "ipv4Address"));
    assertTrue(SqlNames.answersTo("x_amz_target", "X-Amz-Target"));
  }

  @Test void otherWordsDoNotAnswer() {
    assertFalse(SqlNames.answersTo("system", "systemData"));
    assertFalse(SqlNames.answersTo("systemdata_id", "systemData"));
    assertFalse(SqlNames.answersTo("db_instance", "DBInstanceIdentifier"));
  }
}
