-- Databricks Lakebase: a fresh Postgres password for each use.
-- Lakebase credentials are OAuth tokens that serve as the Postgres password and live at most an
-- hour. Rotating means generating a new one before the current one runs out; an expired token
-- lets no new login in, so there is nothing to revoke.
--
-- Run: ./credql -f docs/recipes/databricks-rotation.sql --var deployment_name=dbc-abcd0123-a1bc \
--        --var endpoint=projects/demo-shop/branches/production/endpoints/primary \
--        --var ttl=900s --var instance_name=orders-lakebase
-- (add --sandbox to try it on the simulated demo workspace)

-- 1. The workspace's provisioned instances, and the host each one takes logins on.
SELECT name, state, read_write_dns
  FROM databricks_workspace.database.database_instances
 WHERE deployment_name = '{{ deployment_name }}';

-- 2. A new password for an autoscaling endpoint, valid for the ttl asked (300s to 3600s).
EXEC databricks_workspace.postgres.postgres_credentials.generate
  @deployment_name = '{{ deployment_name }}'
  @@json = '{"endpoint": "{{ endpoint }}", "ttl": "{{ ttl }}"}';

-- 3. A new password for a provisioned instance, valid for an hour.
EXEC databricks_workspace.database.database_credentials.generate
  @deployment_name = '{{ deployment_name }}'
  @@json = '{"instance_names": ["{{ instance_name }}"]}';
