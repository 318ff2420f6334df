-- Rotate a GaussDB database account's password and an RDS root password on Huawei Cloud.
-- The new passwords are read from the environment when each statement runs, so they are in
-- no script, history or log:  NEW_DB_PASSWORD (the GaussDB account), NEW_ROOT_PASSWORD (RDS root).
-- Fill the placeholders with --var: region, project_id, gaussdb_instance_id, account, rds_instance_id.

-- 1. The GaussDB instance: a reset is refused while it is frozen, building or abnormal (DBS.200086).
SELECT id, name, status
  FROM huaweicloud.gaussdb.instances
 WHERE region = '{{ region }}' AND project_id = '{{ project_id }}' AND id = '{{ gaussdb_instance_id }}';

-- 2. The account exists (a system account such as rdsAdmin cannot be reset).
SELECT name, lock_status
  FROM huaweicloud.gaussdb.db_users
 WHERE region = '{{ region }}' AND project_id = '{{ project_id }}'
   AND instance_id = '{{ gaussdb_instance_id }}' AND name = '{{ account }}';

-- 3. Reset the account's password. credql checks GaussDB's rules first and sends nothing if one fails.
EXEC huaweicloud.gaussdb.db_user_password.reset
  @region = '{{ region }}'
  @project_id = '{{ project_id }}'
  @instance_id = '{{ gaussdb_instance_id }}'
  @name = '{{ account }}'
  @password = env('NEW_DB_PASSWORD');

-- 4. The RDS instance: its engine decides the password rules (MySQL and PostgreSQL only).
SELECT id, name, status, datastore
  FROM huaweicloud.rds.instances
 WHERE region = '{{ region }}' AND project_id = '{{ project_id }}' AND id = '{{ rds_instance_id }}';

-- 5. Reset the root password.
EXEC huaweicloud.rds.root_password.reset
  @region = '{{ region }}'
  @project_id = '{{ project_id }}'
  @instance_id = '{{ rds_instance_id }}'
  @db_user_pwd = env('NEW_ROOT_PASSWORD');
