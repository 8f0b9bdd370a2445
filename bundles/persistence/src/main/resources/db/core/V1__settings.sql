-- Installation-wide settings (io.onegrid.api.settings).
CREATE TABLE og_setting (
  setting_key VARCHAR(100) NOT NULL PRIMARY KEY,
  setting_value VARCHAR(4000) NOT NULL,
  version BIGINT NOT NULL,
  updated_at TIMESTAMP NOT NULL
);
