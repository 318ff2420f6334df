-- Rotate a Cloud SQL database user's password (Google Cloud).
-- The new password is read from the environment when the statement runs, so it is in no script,
-- history or log:  NEW_CLOUDSQL_PASSWORD.
-- Fill the placeholders with --var: project, instance, user.

-- 1. The instance: its engine, state and password policy (checked again before the change).
SELECT name, databaseVersion, state, region
  FROM google.sqladmin.instances
 WHERE project = '{{ project }}' AND instance = '{{ instance }}';

-- 2. The user exists (MySQL users are named with their host too: add @host below).
SELECT name, host, type
  FROM google.sqladmin.users
 WHERE project = '{{ project }}' AND instance = '{{ instance }}' AND name = '{{ user }}';

-- 3. Set the password and wait for Cloud SQL's operation to finish (AWAIT follows its selfLink).
--    credql checks the instance's password policy first and sends nothing if a rule fails.
EXEC /*+ AWAIT */ google.sqladmin.users.update
  @project = '{{ project }}',
  @instance = '{{ instance }}',
  @name = '{{ user }}',
  @password = env('NEW_CLOUDSQL_PASSWORD');

-- 4. The operations of the instance, newest first: the UPDATE_USER above is DONE.
SELECT name, operationType, status, endTime
  FROM google.sqladmin.operations
 WHERE project = '{{ project }}' AND instance = '{{ instance }}'
 LIMIT 3;
