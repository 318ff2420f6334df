-- Rotate the administrator password of an Azure Database for PostgreSQL flexible server.
-- The change is a PATCH whose body is read from the environment when the statement runs, so the
-- password is in no script, history or log:
--   AZURE_ADMIN_PASSWORD_PATCH = {"properties": {"administratorLoginPassword": "<new password>"}}
-- Fill the placeholders with --var: subscription_id, resource_group, server.

-- 1. The server: its state and administrator login (the password must not contain the login).
SELECT name, location, properties
  FROM azure.postgresql_flexible_servers.servers
 WHERE subscription_id = '{{ subscription_id }}'
   AND resource_group_name = '{{ resource_group }}'
   AND server_name = '{{ server }}';

-- 2. Set the password and wait until Azure's asynchronous operation has Succeeded.
--    credql checks Azure's rules first (8-128 characters, three of four character classes, not the
--    login) and sends nothing if one fails.
EXEC /*+ AWAIT */ azure.postgresql_flexible_servers.servers.update
  @subscription_id = '{{ subscription_id }}',
  @resource_group_name = '{{ resource_group }}',
  @server_name = '{{ server }}'
  @@json = env('AZURE_ADMIN_PASSWORD_PATCH');
