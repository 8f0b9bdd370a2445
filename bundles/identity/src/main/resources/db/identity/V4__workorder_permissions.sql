-- The work-order kernel's permissions granted to the built-in roles (kept here, with the roles, because module
-- migrations run in no fixed order). county-admin has them all through '*', and is the only built-in role that edits
-- categories and routing rules (category.write, routing.write): both are county-wide data.
UPDATE og_role SET permissions = permissions || 'workorder.read,workorder.supervise,', version = version + 1
  WHERE name IN ('town-leader', 'inspector');
UPDATE og_role SET permissions = permissions || 'workorder.read,workorder.submit,workorder.dispatch,workorder.supervise,', version = version + 1
  WHERE name = 'town-operator';
UPDATE og_role SET permissions = permissions || 'workorder.read,workorder.handle,', version = version + 1
  WHERE name = 'department-handler';
UPDATE og_role SET permissions = permissions || 'workorder.read,workorder.submit,workorder.handle,', version = version + 1
  WHERE name IN ('grid-leader', 'grid-worker', 'mediator');
UPDATE og_role SET permissions = permissions || 'workorder.read,workorder.submit,', version = version + 1
  WHERE name IN ('liaison', 'patroller');
UPDATE og_role SET permissions = permissions || 'workorder.read,', version = version + 1
  WHERE name = 'auditor';
