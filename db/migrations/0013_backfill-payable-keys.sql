-- Payables posted before the ledger guard existed get the key a new posting under the same vendor and invoice
-- number would collide with (see payableKeys in domain/documents/identity.ts); the earliest payable keeps it.
INSERT INTO "payable_keys" ("key", "payable_id")
SELECT DISTINCT ON (k) k, id
FROM (
  SELECT 'vendor:' || "vendor_id" || '|' || upper(regexp_replace("invoice_number", '[^[:alnum:]]+', '', 'g')) AS k, "id", "created_at"
  FROM "payables"
  WHERE "vendor_id" IS NOT NULL AND regexp_replace(coalesce("invoice_number", ''), '[^[:alnum:]]+', '', 'g') <> ''
) AS keyed
ORDER BY k, "created_at", "id"
ON CONFLICT DO NOTHING;
