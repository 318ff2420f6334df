-- Rotate the master password of an RDS DB instance and keep the new value in Secrets Manager.
-- The new password and the secret's new value are read from the environment when each statement
-- runs, so they are in no script, history or log:
--   NEW_MASTER_PASSWORD  the new master password
--   NEW_MASTER_SECRET    the secret's new value, e.g. {"username":"postgres","password":"<the same password>"}
-- Fill the placeholders with --var: region, instance, secret.

-- 1. The instance: RDS refuses a new password unless it is available, and its engine sets the length limit.
SELECT DBInstanceIdentifier, Engine, DBInstanceStatus, MasterUsername
  FROM aws.rds.db_instances
 WHERE region = '{{ region }}' AND DBInstanceIdentifier = '{{ instance }}';

-- 2. The secret that keeps the password, and which version is current.
SELECT Name, VersionIdsToStages
  FROM aws.secretsmanager.secrets
 WHERE region = '{{ region }}' AND SecretId = '{{ secret }}';

-- 3. Set the new master password. credql checks RDS's rules first and sends nothing if one fails;
--    RDS applies it asynchronously (PendingModifiedValues shows **** until then).
EXEC aws.rds.db_instances.modify_db_instance
  @region = '{{ region }}'
  @DBInstanceIdentifier = '{{ instance }}'
  @MasterUserPassword = env('NEW_MASTER_PASSWORD')
  @ApplyImmediately = true;

-- 4. Write the new value to the secret: a new version labelled AWSCURRENT; the one that was
--    current becomes AWSPREVIOUS, so the old password stays at hand.
EXEC aws.secretsmanager.secret_values.put_secret_value
  @region = '{{ region }}'
  @SecretId = '{{ secret }}'
  @SecretString = env('NEW_MASTER_SECRET');

-- 5. The secret's current version is the new one.
SELECT Name, VersionId, VersionStages
  FROM aws.secretsmanager.secret_values
 WHERE region = '{{ region }}' AND SecretId = '{{ secret }}';
