package io.credql.shell;

import io.credql.docs.ReferenceDocs;
import io.credql.docs.ReferenceDocsDirectory;
import io.credql.session.ProviderCatalog;
import io.credql.error.InvalidInputException;
import io.credql.config.ConnectionProperties;
import io.credql.session.CredqlSession;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Properties;

import static java.util.Objects.requireNonNull;

/**
 * {@code credql --reference-docs <dir>}: writes the reference pages of every bundled provider (and
 * of those in {@code --property providers=<dir>}) to a directory, changing only pages that differ.
 */
final class ReferenceDocsCommand {
  private final Path directory;
  private final Properties properties;

  ReferenceDocsCommand(String directory, Properties properties) {
    this.directory = Paths.get(requireNonNull(directory, "directory"));
    this.properties = requireNonNull(properties, "properties");
  }

  /** The command of {@code options}. */
  static ReferenceDocsCommand of(CliOptions options) {
    return new ReferenceDocsCommand(requireNonNull(options.referenceDocs(), "referenceDocs"),
        options.connectionProperties());
  }

  /** Runs the command, reporting on {@code err}; returns the exit status. */
  int run(PrintStream err) {
    final ConnectionProperties connection;
    try {
      connection = ConnectionProperties.parse(properties);
    } catch (InvalidInputException e) {
      err.println("credql: " + e.getMessage());
      return CredqlCli.USAGE;
    }
    final ReferenceDocs docs;
    try {
      docs = ReferenceDocs.of(ProviderCatalog.create(CredqlSession.bundles(),
          connection.providerDirectories()));
    } catch (RuntimeException e) {
      err.println("credql: cannot read the provider documents: " + e.getMessage());
      return CredqlCli.FAILED;
    }
    final List<ReferenceDocsDirectory.Difference> changes;
    try {
      changes = new ReferenceDocsDirectory(directory).write(docs);
    } catch (IOException e) {
      err.println("credql: cannot write the reference to " + directory + ": " + e);
      return CredqlCli.FAILED;
    }
    for (ReferenceDocsDirectory.Difference change : changes) {
      err.println((change.change() == ReferenceDocsDirectory.Change.EXTRA ? "removed " : "wrote ")
          + directory.resolve(change.path()));
    }
    err.println(docs.pages().size() + " pages in " + directory + ", " + changes.size()
        + (changes.size() == 1 ? " change" : " changes"));
    return CredqlCli.OK;
  }
}
