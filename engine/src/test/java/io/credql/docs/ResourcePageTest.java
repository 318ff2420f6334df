package io.credql.docs;

import io.credql.session.ProviderCatalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A resource's reference page says what StackQL's pages say, in their format: documents written
 * with the text of seeds 000 and 001 come out as those seeds show them.
 */
class ResourcePageTest {
  @TempDir Path providers;

  /** Seed 000's resource: Linode's PostgreSQL credentials, with the seed's descriptions. */
  private static final String LINODE_DATABASES = """
      openapi: 3.0.1
      info: {title: Linode Managed Databases, version: '4.0'}
      servers:
      - url: https://api.linode.com/v4
      paths:
        /databases/postgresql/instances/{instanceId}/credentials:
          parameters:
          - name: instanceId
            in: path
            required: true
            description: The ID of the Managed PostgreSQL Database.
            schema: {type: integer}
          get:
            description: "Display the root username and password for an accessible Managed PostgreSQL\\
              \\ Database.\\n\\nThe Database must have an `active` status to perform this command.\\n"
            responses:
              '200':
                content:
                  application/json:
                    schema:
                      type: object
                      properties:
                        password:
                          type: string
                          description: The randomly-generated root password for the Managed Database instance.
                        username:
                          type: string
                          description: The root username for the Managed Database instance.
        /databases/postgresql/instances/{instanceId}/credentials/reset:
          parameters:
          - name: instanceId
            in: path
            required: true
            description: The ID of the Managed PostgreSQL Database.
            schema: {type: integer}
          post:
            description: "Reset the root password for a Managed PostgreSQL Database.\\n\\nRequires `read_write`\\
              \\ access to the Database.\\n\\nA new root password is randomly generated and accessible with\\
              \\ the **Managed PostgreSQL Database Credentials View** ([GET /databases/postgresql/instances/{instanceId}/credentials](/docs/api/databases/#managed-postgresql-database-credentials-view))\\
              \\ command.\\n\\nOnly unrestricted Users can access this command, and have access regardless\\
              \\ of the acting token's OAuth scopes.\\n\\n**Note**: Note that it may take several seconds\\
              \\ for credentials to reset.\\n"
            responses:
              '200':
                content:
                  application/json:
                    schema: {type: object}
      components:
        x-stackQL-resources:
          postgresql_instances_credentials:
            id: linode.databases.postgresql_instances_credentials
            name: postgresql_instances_credentials
            methods:
              getDatabasesPostgreSQLInstanceCredentials:
                operation:
                  $ref: '#/paths/~1databases~1postgresql~1instances~1{instanceId}~1credentials/get'
                response: {mediaType: application/json, openAPIDocKey: '200'}
              postDatabasesPostgreSQLInstanceCredentialsReset:
                operation:
                  $ref: '#/paths/~1databases~1postgresql~1instances~1{instanceId}~1credentials~1reset/post'
                response: {mediaType: application/json, openAPIDocKey: '200'}
            sqlVerbs:
              select:
              - $ref: '#/components/x-stackQL-resources/postgresql_instances_credentials/methods/getDatabasesPostgreSQLInstanceCredentials'
              insert: []
              delete: []
      """;

  /** Seed 001's resource: Databricks' Postgres credentials, as the seed's document had them. */
  private static final String DATABRICKS_POSTGRES = """
      openapi: 3.0.0
      info: {title: Databricks Postgres API (workspace), version: 0.1.0}
      servers:
      - url: https://{deployment_name}.cloud.databricks.com
        variables:
          deployment_name:
            description: The Databricks Workspace Deployment Name
            default: dbc-abcd0123-a1bc
      paths:
        /api/2.0/postgres/credentials:
          post:
            description: |-
              Generate OAuth credentials for a Postgres database.

              :param endpoint: str
                This field is not yet supported. The endpoint for which this credential will be generated. Format:
                projects/{project_id}/branches/{branch_id}/endpoints/{endpoint_id}
              :param claims: List[:class:`RequestedClaims`] (optional)
                The returned token will be scoped to UC tables with the specified permissions.

              :returns: :class:`DatabaseCredential`
            requestBody:
              content:
                application/json:
                  schema:
                    type: object
                    properties:
                      endpoint: {type: string}
                      claims: {type: array, items: {type: object}}
                    required: [endpoint]
            responses:
              '200':
                content:
                  application/json:
                    schema:
                      type: object
                      properties:
                        expire_time: {type: string}
                        token: {type: string}
      components:
        x-stackQL-resources:
          postgres_credentials:
            id: databricks_workspace.postgres.postgres_credentials
            name: postgres_credentials
            methods:
              generate:
                config:
                  requestBodyTranslate: {algorithm: naive}
                operation:
                  $ref: '#/paths/~1api~12.0~1postgres~1credentials/post'
                response: {mediaType: application/json, openAPIDocKey: '200'}
            sqlVerbs:
              select: []
      """;

  private String page(String provider, String service, String document, String resource)
      throws IOException {
    final Path version = providers.resolve(provider).resolve("v1");
    Files.createDirectories(version.resolve("services"));
    Files.writeString(version.resolve("provider.yaml"), "id: " + provider + "\nname: " + provider
        + "\nversion: v1\nproviderServices:\n  " + service + ":\n    name: " + service
        + "\n    service:\n      $ref: " + provider + "/v1/services/" + service + ".yaml\n");
    Files.writeString(version.resolve("services").resolve(service + ".yaml"), document);
    final ReferenceDocs docs = ReferenceDocs.of(ProviderCatalog.create(List.of(), List.of(providers)));
    return docs.pages().get(provider + "/" + service + "/" + resource + ".md");
  }

  @Test void linodeCredentialsPageShowsSeed000sOverviewFieldsAndMethodsWithTheRawTwin()
      throws IOException {
    final String page = page("linode", "databases", LINODE_DATABASES,
        "postgresql_instances_credentials");

    assertTrue(page.startsWith("""
        ---
        title: postgresql_instances_credentials
        hide_title: false
        hide_table_of_contents: false
        keywords:
          - postgresql_instances_credentials
          - databases
          - linode
          - infrastructure-as-code
          - configuration-as-data
          - cloud inventory
        description: Query, deploy and manage linode resources using SQL
        custom_edit_url: null
        image: /img/stackql-linode-provider-featured-image.png
        ---

        import CopyableCode from '@site/src/components/CopyableCode/CopyableCode';
        """), page);
    assertTrue(page.contains("""
        ## Overview
        <table><tbody>
        <tr><td><b>Name</b></td><td><code>postgresql_instances_credentials</code></td></tr>
        <tr><td><b>Type</b></td><td>Resource</td></tr>
        <tr><td><b>Id</b></td><td><CopyableCode code="linode.databases.postgresql_instances_credentials" /></td></tr>
        </tbody></table>
        """), page);
    assertTrue(page.contains("""
        | Name | Datatype | Description |
        |:-----|:---------|:------------|
        | <CopyableCode code="password" /> | `string` | The randomly-generated root password for the Managed Database instance. |
        | <CopyableCode code="username" /> | `string` | The root username for the Managed Database instance. |
        """), page);
    assertTrue(page.contains("""
        | Name | Accessible by | Required Params | Description |
        |:-----|:--------------|:----------------|:------------|
        | <CopyableCode code="getDatabasesPostgreSQLInstanceCredentials" /> | `SELECT` | <CopyableCode code="instanceId" /> | Display the root username and password for an accessible Managed PostgreSQL Database.<br /><br />The Database must have an `active` status to perform this command.<br /> |
        | <CopyableCode code="_getDatabasesPostgreSQLInstanceCredentials" /> | `EXEC` | <CopyableCode code="instanceId" /> | Display the root username and password for an accessible Managed PostgreSQL Database.<br /><br />The Database must have an `active` status to perform this command.<br /> |
        | <CopyableCode code="postDatabasesPostgreSQLInstanceCredentialsReset" /> | `EXEC` | <CopyableCode code="instanceId" /> | Reset the root password for a Managed PostgreSQL Database.<br /><br />Requires `read_write` access to the Database.<br /><br />A new root password is randomly generated and accessible with the **Managed PostgreSQL Database Credentials View** ([GET /databases/postgresql/instances/&#123;instanceId&#125;/credentials](/docs/api/databases/#managed-postgresql-database-credentials-view)) command.<br /><br />Only unrestricted Users can access this command, and have access regardless of the acting token's OAuth scopes.<br /><br />**Note**: Note that it may take several seconds for credentials to reset.<br /> |
        """), page);
    assertTrue(page.contains("""
        | Name | Datatype | Description |
        |:-----|:---------|:------------|
        | <CopyableCode code="instanceId" /> | `integer` | The ID of the Managed PostgreSQL Database. |
        """), page);
  }

  @Test void linodeCredentialsPageHasASelectExampleAndAnExecExamplePerLifecycleMethod()
      throws IOException {
    final String page = page("linode", "databases", LINODE_DATABASES,
        "postgresql_instances_credentials");

    assertTrue(page.contains("""
        ## `SELECT` examples
        """), page);
    assertTrue(page.contains("""
        ```sql
        SELECT
        password,
        username
        FROM linode.databases.postgresql_instances_credentials
        WHERE instanceId = {{ instanceId }} -- required
        ;
        ```
        """), page);
    assertTrue(page.contains("""
        ```sql
        EXEC linode.databases.postgresql_instances_credentials.postDatabasesPostgreSQLInstanceCredentialsReset\s
        @instanceId={{ instanceId }} --required\s
        ;
        ```
        """), page);
    assertTrue(page.contains("""
        <Tabs
            defaultValue="_getDatabasesPostgreSQLInstanceCredentials"
            values={[
                { label: '_getDatabasesPostgreSQLInstanceCredentials', value: '_getDatabasesPostgreSQLInstanceCredentials' },
                { label: 'postDatabasesPostgreSQLInstanceCredentialsReset', value: 'postDatabasesPostgreSQLInstanceCredentialsReset' }
            ]}
        >
        <TabItem value="_getDatabasesPostgreSQLInstanceCredentials">
        """), page);
    assertFalse(page.contains("## `INSERT` examples"), page);
  }

  @Test void databricksCredentialsPageSaysSelectIsNotSupportedAndShowsSeed001sExecExample()
      throws IOException {
    final String page = page("databricks_workspace", "postgres", DATABRICKS_POSTGRES,
        "postgres_credentials");

    assertTrue(page.contains("""
        Creates, updates, deletes, gets or lists a <code>postgres_credentials</code> resource.
        """), page);
    assertTrue(page.contains("""
        ## Fields

        The following fields are returned by `SELECT` queries:

        `SELECT` not supported for this resource, use `SHOW METHODS` to view available operations for the resource.
        """), page);
    assertTrue(page.contains("| <CopyableCode code=\"generate\" /> | `EXEC` | "
        + "<CopyableCode code=\"endpoint, deployment_name\" /> | Generate OAuth credentials for a"
        + " Postgres database.<br /><br />:param endpoint: str<br />  This field is not yet supported."
        + " The endpoint for which this credential will be generated. Format:<br />  projects/&#123;"
        + "project_id&#125;/branches/&#123;branch_id&#125;/endpoints/&#123;endpoint_id&#125;<br />"
        + ":param claims: List[:class:`RequestedClaims`] (optional)<br />  The returned token will be"
        + " scoped to UC tables with the specified permissions.<br /><br />:returns: :class:"
        + "`DatabaseCredential` |\n"), page);
    assertTrue(page.contains("| <CopyableCode code=\"deployment_name\" /> | `string` | The Databricks"
        + " Workspace Deployment Name (default: dbc-abcd0123-a1bc) |\n"), page);
    assertTrue(page.contains("""
        ## Lifecycle Methods

        <Tabs
            defaultValue="generate"
            values={[
                { label: 'generate', value: 'generate' }
            ]}
        >
        <TabItem value="generate">

        Generate OAuth credentials for a Postgres database.<br /><br />:param endpoint: str<br />\
          This field is not yet supported. The endpoint for which this credential will be generated.\
         Format:<br />  projects/&#123;project_id&#125;/branches/&#123;branch_id&#125;/endpoints/\
        &#123;endpoint_id&#125;<br />:param claims: List[:class:`RequestedClaims`] (optional)<br />\
          The returned token will be scoped to UC tables with the specified permissions.<br /><br />\
        :returns: :class:`DatabaseCredential`

        ```sql
        EXEC databricks_workspace.postgres.postgres_credentials.generate\s
        @deployment_name='{{ deployment_name }}' --required\s
        @@json=
        '{
        "endpoint": "{{ endpoint }}",\s
        "claims": "{{ claims }}"
        }'
        ;
        ```
        </TabItem>
        </Tabs>
        """), page);
    assertFalse(page.contains("## `SELECT` examples"), page);
  }

  @Test void pipesInDescriptionsAreEscapedAndSqlKeywordsAreQuotedInExamples() throws IOException {
    final String page = page("acme", "users", """
        openapi: 3.0.1
        info: {title: Users, version: '1'}
        servers: [{url: 'https://api.acme.test'}]
        paths:
          /db/{dbId}/users:
            get:
              description: Users | their roles
              parameters:
              - {name: dbId, in: path, required: true, schema: {type: string}}
              responses:
                '200':
                  content:
                    application/json:
                      schema:
                        type: array
                        items:
                          type: object
                          properties:
                            username: {type: string, description: "a | b"}
                            default: {type: boolean, description: Whether this is the default user.}
                            open-connections: {type: integer}
            post:
              description: Create a user.
              parameters:
              - {name: dbId, in: path, required: true, schema: {type: string}}
              requestBody:
                content:
                  application/json:
                    schema:
                      type: object
                      properties:
                        username: {type: string}
                      required: [username]
              responses:
                '202': {description: Accepted}
        components:
          x-stackQL-resources:
            users:
              id: acme.users.users
              name: users
              description: The users of a database.
              methods:
                list:
                  operation: {$ref: '#/paths/~1db~1{dbId}~1users/get'}
                  response: {mediaType: application/json, openAPIDocKey: '200'}
                create:
                  operation: {$ref: '#/paths/~1db~1{dbId}~1users/post'}
                  config: {requestBodyTranslate: {algorithm: naive}}
                  response: {openAPIDocKey: '202'}
              sqlVerbs:
                select: [{$ref: '#/components/x-stackQL-resources/users/methods/list'}]
                insert: [{$ref: '#/components/x-stackQL-resources/users/methods/create'}]
        """, "users");

    assertTrue(page.contains("\nThe users of a database.\n"), page);
    assertTrue(page.contains("| <CopyableCode code=\"username\" /> | `string` | a \\| b |\n"), page);
    assertTrue(page.contains("| `SELECT` | <CopyableCode code=\"dbId\" /> | Users \\| their roles |\n"),
        page);
    assertTrue(page.contains("""
        SELECT
        username,
        "default",
        "open-connections"
        FROM acme.users.users
        WHERE dbId = '{{ dbId }}' -- required
        ;
        """), page);
    assertTrue(page.contains("""
        ## `INSERT` examples
        """), page);
    assertTrue(page.contains("""
        INSERT INTO acme.users.users (
        dbId,
        username
        )
        VALUES (
        '{{ dbId }}', -- required
        '{{ username }}' -- required
        )
        ;
        """), page);
  }

  @Test void generatingTwiceGivesTheSamePagesInTheSameOrder() throws IOException {
    page("linode", "databases", LINODE_DATABASES, "postgresql_instances_credentials");
    page("databricks_workspace", "postgres", DATABRICKS_POSTGRES, "postgres_credentials");
    final ReferenceDocs first = ReferenceDocs.of(ProviderCatalog.create(List.of(), List.of(providers)));
    final ReferenceDocs second = ReferenceDocs.of(ProviderCatalog.create(List.of(), List.of(providers)));

    assertEquals(first.pages(), second.pages());
    assertEquals(List.of("index.md", "databricks_workspace/postgres/postgres_credentials.md",
        "linode/databases/postgresql_instances_credentials.md"), List.copyOf(first.pages().keySet()));
    final String index = first.pages().get("index.md");
    assertTrue(index.contains("| [`linode.databases.postgresql_instances_credentials`]"
        + "(linode/databases/postgresql_instances_credentials.md) |"), index);
    assertTrue(index.indexOf("## databricks_workspace") < index.indexOf("## linode"), index);
  }
}
