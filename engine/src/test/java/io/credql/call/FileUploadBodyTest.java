package io.credql.call;

import io.credql.document.MethodDefinition;
import io.credql.error.InvalidInputException;
import io.credql.session.ProviderCatalog;
import io.credql.spi.BoundCall;
import org.junit.jupiter.api.Test;

import java.nio.file.Paths;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A method whose required body is a file (a binary string, not a JSON object) says so, and sends nothing. */
class FileUploadBodyTest {
  @Test void anUploadSaysItsBodyIsAFileCredqlCannotSend() {
    final MethodDefinition upload = requireNonNull(requireNonNull(requireNonNull(requireNonNull(
        ProviderCatalog.create(List.of(), List.of(Paths.get("src/test/resources/upload-providers")))
            .provider("files"), "files").service("branding"), "branding").resources().get("logo"), "logo")
        .method("put_logo"), "put_logo");
    final InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> RequestBodies.assemble(new BoundCall(upload, Map.of("organization_id", "o-1"), null)));
    assertEquals("files.branding.logo.put_logo takes its whole request body as one string (a file upload),"
        + " which credql cannot send: it sends JSON objects built from the statement's fields; nothing was sent",
        e.getMessage());
  }
}
