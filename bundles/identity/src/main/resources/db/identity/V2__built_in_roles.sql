-- Built-in roles (一长四员 and the command centre). Roles are data: counties edit them or add their own.
-- Later modules grant their own permissions to these roles in their migrations.
INSERT INTO og_role (name, title_zh, title_en, permissions, version) VALUES
  ('county-admin', '县级管理员', 'County administrator', ',*,', 1);
INSERT INTO og_role (name, title_zh, title_en, permissions, version) VALUES
  ('town-leader', '镇领导', 'Town leader', ',region.read,department.read,user.read,role.read,settings.read,audit.read,', 1);
INSERT INTO og_role (name, title_zh, title_en, permissions, version) VALUES
  ('town-operator', '镇指挥中心操作员', 'Town command-centre operator', ',region.read,region.write,department.read,user.read,user.write,role.read,token.read,token.write,settings.read,', 1);
INSERT INTO og_role (name, title_zh, title_en, permissions, version) VALUES
  ('department-handler', '部门处置人员', 'Department handler', ',region.read,department.read,', 1);
INSERT INTO og_role (name, title_zh, title_en, permissions, version) VALUES
  ('grid-leader', '网格长', 'Grid leader', ',region.read,department.read,user.read,', 1);
INSERT INTO og_role (name, title_zh, title_en, permissions, version) VALUES
  ('grid-worker', '网格员', 'Grid worker', ',region.read,department.read,', 1);
INSERT INTO og_role (name, title_zh, title_en, permissions, version) VALUES
  ('inspector', '督导员', 'Inspector', ',region.read,department.read,', 1);
INSERT INTO og_role (name, title_zh, title_en, permissions, version) VALUES
  ('liaison', '联络员', 'Liaison', ',region.read,department.read,', 1);
INSERT INTO og_role (name, title_zh, title_en, permissions, version) VALUES
  ('patroller', '巡查员', 'Patroller', ',region.read,department.read,', 1);
INSERT INTO og_role (name, title_zh, title_en, permissions, version) VALUES
  ('mediator', '调解员', 'Mediator', ',region.read,department.read,', 1);
INSERT INTO og_role (name, title_zh, title_en, permissions, version) VALUES
  ('auditor', '审计员（只读）', 'Auditor (read-only)', ',region.read,department.read,user.read,role.read,token.read,settings.read,audit.read,', 1);
