-- The device gateway's and the flood plugin's permissions granted to the built-in roles (kept here, with the roles,
-- because module migrations run in no fixed order; county-admin has them through '*'). device.read / flood.read: see
-- devices, stations, readings and alarms in one's scope; device.manage: take devices out of service; flood.manage:
-- add, change and retire stations and acknowledge alarms. Whoever follows the work orders of an area follows its
-- gauges; the command centre runs them.
UPDATE og_role SET permissions = permissions || 'device.read,device.manage,flood.read,flood.manage,', version = version + 1
  WHERE name = 'town-operator';
UPDATE og_role SET permissions = permissions || 'device.read,flood.read,', version = version + 1
  WHERE name IN ('town-leader', 'inspector', 'grid-leader', 'grid-worker', 'department-handler', 'patroller', 'auditor');
