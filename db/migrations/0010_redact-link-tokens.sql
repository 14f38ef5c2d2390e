-- Emails queued before links were minted at delivery carry their tokens in plaintext, readable by anyone who sees
-- the outbox. Their recipients keep the copies they were sent; the outbox keeps none.
UPDATE "outbox_emails"
SET "body" = regexp_replace("body", '\S*/t/[A-Za-z0-9_-]{43}', '[link withdrawn: open the task in Keel''s inbox]', 'g')
WHERE "body" ~ '/t/[A-Za-z0-9_-]{43}';
