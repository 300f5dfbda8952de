-- Plan tiers of seed 003 §9.1 (null = unlimited). Not tenant data: platform staff may edit them later.
INSERT INTO "plans" ("id", "name", "events_per_month", "notifications_per_month", "users", "rules", "sounds", "requests_per_hour", "webhooks", "custom_domain", "price_cents") VALUES
  ('free', 'Free', 1000, 5000, 100, 5, 3, 5000, false, false, 0),
  ('starter', 'Starter', 50000, 100000, 1000, 25, 10, 5000, true, false, 4900),
  ('professional', 'Professional', 500000, 1000000, 10000, 100, 50, 20000, true, true, 19900),
  ('enterprise', 'Enterprise', NULL, NULL, NULL, NULL, NULL, NULL, true, true, NULL)
ON CONFLICT ("id") DO NOTHING;
