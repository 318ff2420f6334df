-- Zero-downtime rotation of a Render Postgres user (docs/rotation-render.md).
--   credql -f docs/recipes/render-rotation.sql \
--     --var postgres_id=dpg-... --var old_user=app_user --var new_user=app_user_v2

-- 1. The users now: the default one is the user your apps connect as.
SELECT username, "default", openConnections, createdAt
FROM render.postgres.credentials
WHERE postgresId = '{{ postgres_id }}';

-- 2. Add the new user. Render makes it the database's new default user;
--    the old user keeps working until it is deleted.
INSERT INTO render.postgres.credentials (postgresId, username)
VALUES ('{{ postgres_id }}', '{{ new_user }}');

-- 3. The new default user's connection strings, for your apps' configuration.
SELECT externalConnectionString, internalConnectionString
FROM render.postgres.connection_info
WHERE postgresId = '{{ postgres_id }}';

-- 4. Nobody should still connect as the old user (openConnections 0) before it goes.
SELECT username, "default", openConnections
FROM render.postgres.credentials
WHERE postgresId = '{{ postgres_id }}' AND username = '{{ old_user }}';

-- 5. Delete the old user. credql refuses, before sending anything, if it is still the default.
DELETE FROM render.postgres.credentials
WHERE postgresId = '{{ postgres_id }}' AND username = '{{ old_user }}';

-- 6. What is left: the new user, as the default.
SELECT username, "default"
FROM render.postgres.credentials
WHERE postgresId = '{{ postgres_id }}';
