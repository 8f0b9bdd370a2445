-- The address registry's permissions (residents, collection forms) granted to the built-in roles. Kept here, with
-- the roles, because module migrations run in no fixed order; county-admin has them through '*'.
UPDATE og_role SET permissions = permissions || 'resident.read,form.read,', version = version + 1
  WHERE name IN ('town-leader', 'inspector');
UPDATE og_role SET permissions = permissions || 'resident.read,resident.write,resident.id.reveal,form.read,form.define,form.submit,', version = version + 1
  WHERE name = 'town-operator';
UPDATE og_role SET permissions = permissions || 'resident.read,resident.write,form.read,form.submit,', version = version + 1
  WHERE name IN ('grid-leader', 'grid-worker');
UPDATE og_role SET permissions = permissions || 'form.read,', version = version + 1
  WHERE name = 'auditor';
